/*
 * libassoc Lua module: JSON text <-> Lua tables, error objects, the Lua layer.
 * SPDX-License-Identifier: MIT
 *
 * Reports and models reach Lua as plain nested tables with the very keys of
 * the JSON documents, so the conversion goes through the JSON text the
 * library writes and reads: one source of truth for the keys, no second
 * schema here. JSON null inside an array becomes assoc.null (a table cannot
 * hold nil); in an object the key is simply absent, the Lua way.
 */
#include "bind_lua.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <lauxlib.h>

#include "assoc.h"

/* The Lua layer (bindings/lua/assoc.lua), compiled in by the build. */
extern const unsigned char bind_lua_layer[];
extern const size_t bind_lua_layer_len;

#define BIND_LUA_OBJECT_MT "assoc.object"
#define BIND_LUA_MAX_DEPTH 64

/* ---- error objects ------------------------------------------------------- */

void bind_lua_push_error(lua_State *L, int code, const char *message, const char *path, int line, int column)
{
	lua_createtable(L, 0, 6);
	lua_pushstring(L, assoc_error_code_name(code));
	lua_setfield(L, -2, "code");
	lua_pushinteger(L, code);
	lua_setfield(L, -2, "number");
	lua_pushstring(L, message ? message : "");
	lua_setfield(L, -2, "message");
	lua_pushstring(L, path ? path : "");
	lua_setfield(L, -2, "path");
	lua_pushinteger(L, line);
	lua_setfield(L, -2, "line");
	lua_pushinteger(L, column);
	lua_setfield(L, -2, "column");
	luaL_setmetatable(L, BIND_LUA_ERROR_MT);
}

/* tostring(err): "ELABEL at /years/0/revenue/1/category: unknown ..." */
static int error_tostring(lua_State *L)
{
	const char *code, *message, *path;
	lua_Integer line, column;
	lua_getfield(L, 1, "code");
	lua_getfield(L, 1, "message");
	lua_getfield(L, 1, "path");
	lua_getfield(L, 1, "line");
	lua_getfield(L, 1, "column");
	code = lua_tostring(L, -5);
	message = lua_tostring(L, -4);
	path = lua_tostring(L, -3);
	line = lua_tointeger(L, -2);
	column = lua_tointeger(L, -1);
	if (line > 0)
		lua_pushfstring(L, "%s at line %d, column %d%s%s: %s", code ? code : "ERROR", (int)line, (int)column,
				path && *path ? " " : "", path ? path : "", message ? message : "");
	else if (path && *path)
		lua_pushfstring(L, "%s at %s: %s", code ? code : "ERROR", path, message ? message : "");
	else
		lua_pushfstring(L, "%s: %s", code ? code : "ERROR", message ? message : "");
	return 1;
}

/* assoc._error(number, message [, path]) -> error object (for the Lua layer). */
static int error_new(lua_State *L)
{
	int code = (int)luaL_checkinteger(L, 1);
	const char *message = luaL_checkstring(L, 2);
	const char *path = luaL_optstring(L, 3, "");
	bind_lua_push_error(L, code, message, path, 0, 0);
	return 1;
}

/* ---- JSON -> Lua ----------------------------------------------------------- */

static void push_number(lua_State *L, double d)
{
	/* Whole numbers come back as Lua integers (years, counts), as in JSON. */
	if (d == floor(d) && fabs(d) < 9007199254740992.0)
		lua_pushinteger(L, (lua_Integer)d);
	else
		lua_pushnumber(L, (lua_Number)d);
}

static void push_json(lua_State *L, const cJSON *item)
{
	const cJSON *child;
	lua_Integer i = 0;
	luaL_checkstack(L, 4, "JSON nested too deeply");
	if (cJSON_IsObject(item)) {
		lua_newtable(L);
		if (!item->child)
			luaL_setmetatable(L, BIND_LUA_OBJECT_MT); /* keeps {} an object on the way back */
		for (child = item->child; child; child = child->next) {
			if (cJSON_IsNull(child))
				continue;
			push_json(L, child);
			lua_setfield(L, -2, child->string);
		}
	} else if (cJSON_IsArray(item)) {
		lua_newtable(L);
		for (child = item->child; child; child = child->next) {
			push_json(L, child);
			lua_rawseti(L, -2, ++i);
		}
	} else if (cJSON_IsString(item)) {
		lua_pushstring(L, item->valuestring);
	} else if (cJSON_IsNumber(item)) {
		push_number(L, item->valuedouble);
	} else if (cJSON_IsBool(item)) {
		lua_pushboolean(L, cJSON_IsTrue(item));
	} else {
		lua_pushlightuserdata(L, NULL); /* assoc.null */
	}
}

int bind_lua_json_decode(lua_State *L)
{
	size_t len;
	const char *text = luaL_checklstring(L, 1, &len);
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		int line = 1, column = 1;
		const char *p;
		char msg[96];
		if (!end || end < text || end > text + len)
			end = text + len;
		for (p = text; p < end; p++) {
			if (*p == '\n') {
				line++;
				column = 1;
			} else {
				column++;
			}
		}
		snprintf(msg, sizeof msg, "invalid JSON at line %d, column %d", line, column);
		bind_lua_push_error(L, ASSOC_EPARSE, msg, "", line, column);
		return lua_error(L);
	}
	push_json(L, root);
	cJSON_Delete(root);
	return 1;
}

/* ---- Lua -> JSON ----------------------------------------------------------- */

typedef struct encoder {
	lua_State *L;
	int code;          /* 0, or the error met */
	char message[256];
	char path[1024];   /* JSON Pointer of the value being converted */
	size_t path_len;
} encoder;

static void enc_fail(encoder *e, int code, const char *message)
{
	if (e->code)
		return;
	e->code = code;
	snprintf(e->message, sizeof e->message, "%s", message);
}

/* Append "/segment" (escaped as JSON Pointer) to the path; returns the old length. */
static size_t enc_push(encoder *e, const char *segment)
{
	size_t old = e->path_len;
	const char *s;
	if (e->path_len + 1 < sizeof e->path)
		e->path[e->path_len++] = '/';
	for (s = segment; *s && e->path_len + 2 < sizeof e->path; s++) {
		if (*s == '~' || *s == '/') {
			e->path[e->path_len++] = '~';
			e->path[e->path_len++] = *s == '~' ? '0' : '1';
		} else {
			e->path[e->path_len++] = *s;
		}
	}
	e->path[e->path_len] = '\0';
	return old;
}

static void enc_pop(encoder *e, size_t old)
{
	e->path_len = old;
	e->path[old] = '\0';
}

static cJSON *enc_value(encoder *e, int idx, int depth);

/* 1: array, 0: object, -1: error. An empty unmarked table is an array;
 * assoc.object() marks a table as an object even when empty. */
static int enc_table_kind(encoder *e, int idx, size_t *count)
{
	lua_State *L = e->L;
	size_t n = 0, ints = 0, strings = 0;
	lua_Integer max = 0;
	int marked = 0;
	if (lua_getmetatable(L, idx)) {
		luaL_getmetatable(L, BIND_LUA_OBJECT_MT);
		marked = lua_rawequal(L, -1, -2);
		lua_pop(L, 2);
	}
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		n++;
		if (lua_type(L, -2) == LUA_TSTRING) {
			strings++;
		} else if (lua_isinteger(L, -2) && lua_tointeger(L, -2) >= 1) {
			ints++;
			if (lua_tointeger(L, -2) > max)
				max = lua_tointeger(L, -2);
		}
		lua_pop(L, 1);
	}
	*count = n;
	if (strings == n && (marked || n > 0))
		return 0;
	if (!marked && ints == n && (size_t)max == n)
		return 1;
	enc_fail(e, ASSOC_ETYPE, "a table must be either an array (keys 1..n) or an object (string keys)");
	return -1;
}

static cJSON *enc_table(encoder *e, int idx, int depth)
{
	lua_State *L = e->L;
	size_t n, i;
	int kind;
	cJSON *out;
	if (depth > BIND_LUA_MAX_DEPTH) {
		enc_fail(e, ASSOC_ELIMIT, "tables nested too deeply (a cycle?)");
		return NULL;
	}
	luaL_checkstack(L, 6, "tables nested too deeply");
	kind = enc_table_kind(e, idx, &n);
	if (kind < 0)
		return NULL;
	out = kind ? cJSON_CreateArray() : cJSON_CreateObject();
	if (!out) {
		enc_fail(e, ASSOC_ENOMEM, "out of memory");
		return NULL;
	}
	if (kind) {
		for (i = 1; i <= n; i++) {
			char seg[32];
			size_t old;
			cJSON *v;
			snprintf(seg, sizeof seg, "%zu", i - 1);
			old = enc_push(e, seg);
			lua_rawgeti(L, idx, (lua_Integer)i);
			v = enc_value(e, lua_gettop(L), depth + 1);
			lua_pop(L, 1);
			if (!v || !cJSON_AddItemToArray(out, v)) {
				cJSON_Delete(v);
				cJSON_Delete(out);
				enc_fail(e, ASSOC_ENOMEM, "out of memory");
				return NULL;
			}
			enc_pop(e, old);
		}
		return out;
	}
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		const char *key = lua_tostring(L, -2); /* a string: checked by enc_table_kind */
		size_t old = enc_push(e, key);
		cJSON *v = enc_value(e, lua_gettop(L), depth + 1);
		if (!v || !cJSON_AddItemToObject(out, key, v)) {
			cJSON_Delete(v);
			cJSON_Delete(out);
			lua_pop(L, 2);
			enc_fail(e, ASSOC_ENOMEM, "out of memory");
			return NULL;
		}
		enc_pop(e, old);
		lua_pop(L, 1);
	}
	return out;
}

static cJSON *enc_value(encoder *e, int idx, int depth)
{
	lua_State *L = e->L;
	cJSON *v = NULL;
	switch (lua_type(L, idx)) {
	case LUA_TNIL:
		v = cJSON_CreateNull();
		break;
	case LUA_TBOOLEAN:
		v = cJSON_CreateBool(lua_toboolean(L, idx));
		break;
	case LUA_TNUMBER:
		if (lua_isinteger(L, idx)) {
			v = cJSON_CreateNumber((double)lua_tointeger(L, idx));
		} else {
			double d = (double)lua_tonumber(L, idx);
			if (!isfinite(d)) {
				enc_fail(e, ASSOC_EVALUE, "a number must be finite (not nan or inf)");
				return NULL;
			}
			v = cJSON_CreateNumber(d);
		}
		break;
	case LUA_TSTRING:
		v = cJSON_CreateString(lua_tostring(L, idx));
		break;
	case LUA_TTABLE:
		return enc_table(e, idx, depth);
	case LUA_TLIGHTUSERDATA:
		if (lua_touserdata(L, idx) == NULL) {
			v = cJSON_CreateNull();
			break;
		}
		/* fall through */
	default: {
		char msg[128];
		snprintf(msg, sizeof msg, "a Lua %s cannot be written as JSON", luaL_typename(L, idx));
		enc_fail(e, ASSOC_ETYPE, msg);
		return NULL;
	}
	}
	if (!v)
		enc_fail(e, ASSOC_ENOMEM, "out of memory");
	return v;
}

int bind_lua_json_encode(lua_State *L)
{
	encoder e;
	cJSON *root;
	char *text;
	int pretty = lua_toboolean(L, 2);
	luaL_checkany(L, 1);
	lua_settop(L, 1);
	memset(&e, 0, sizeof e);
	e.L = L;
	root = enc_value(&e, 1, 0);
	if (!root) {
		bind_lua_push_error(L, e.code ? e.code : ASSOC_ENOMEM, e.message, e.path, 0, 0);
		return lua_error(L);
	}
	text = pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!text) {
		bind_lua_push_error(L, ASSOC_ENOMEM, "out of memory", "", 0, 0);
		return lua_error(L);
	}
	lua_pushstring(L, text);
	cJSON_free(text);
	return 1;
}

/* ---- module set-up ----------------------------------------------------------- */

int bind_lua_init(lua_State *L, int module)
{
	module = lua_absindex(L, module);
	luaL_newmetatable(L, BIND_LUA_ERROR_MT);
	lua_pushcfunction(L, error_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_setfield(L, module, "Error");
	luaL_newmetatable(L, BIND_LUA_OBJECT_MT);
	lua_setfield(L, module, "_object_mt");
	lua_pushlightuserdata(L, NULL);
	lua_setfield(L, module, "null");
	lua_pushcfunction(L, error_new);
	lua_setfield(L, module, "_error");
	/* SWIG keeps the metatables of its classes in registry.SWIG: the layer
	 * adds its Lua methods there. */
	lua_getfield(L, LUA_REGISTRYINDEX, "SWIG");
	lua_setfield(L, module, "_classes");
	if (luaL_loadbuffer(L, (const char *)bind_lua_layer, bind_lua_layer_len, "=assoc.lua") != LUA_OK)
		return 1;
	lua_pushvalue(L, module);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK)
		return 1;
	return 0;
}
