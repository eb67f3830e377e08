/*
 * libassoc Lua module: conversions between JSON text and Lua tables, the
 * error object, and the loading of the Lua layer (assoc.lua, compiled in).
 * SPDX-License-Identifier: MIT
 */
#ifndef ASSOC_BIND_LUA_H
#define ASSOC_BIND_LUA_H

#include <lua.h>

/* Name of the metatable of error objects in the registry. */
#define BIND_LUA_ERROR_MT "assoc.Error"

/* Push an error object {code=, number=, message=, path=, line=, column=}. */
void bind_lua_push_error(lua_State *L, int code, const char *message, const char *path, int line, int column);

/* assoc.json_decode(text) -> value (tables for objects and arrays). */
int bind_lua_json_decode(lua_State *L);

/* assoc.json_encode(value [, pretty]) -> text. */
int bind_lua_json_encode(lua_State *L);

/* Finish the module whose table is at `module`: error metatable, sentinels,
 * then run the Lua layer with the module as its argument. Returns 0, or
 * non-zero with an error message on the stack. */
int bind_lua_init(lua_State *L, int module);

#endif
