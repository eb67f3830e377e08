/*
 * Internal: memory, growable arrays, string builder, JSON Pointer builder.
 * SPDX-License-Identifier: MIT
 *
 * Every allocation of the library goes through assoc__malloc & co., so that
 * an allocator can be plugged in one place and out-of-memory paths tested.
 */
#ifndef ASSOC_LIB_UTIL_H
#define ASSOC_LIB_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include "model.h"

void *assoc__malloc(size_t size);
void *assoc__calloc(size_t n, size_t size);
void *assoc__realloc(void *ptr, size_t size);
void assoc__free(void *ptr);
char *assoc__strdup(const char *s);
char *assoc__strndup(const char *s, size_t n);

/* Append one zeroed element of `elem_size` bytes; *slot points to it. 0 or ASSOC_ENOMEM. */
int assoc__vec_push(assoc__vec *vec, size_t elem_size, void **slot);
/* Make room for at least `n` elements. */
int assoc__vec_reserve(assoc__vec *vec, size_t elem_size, size_t n);
/* Free the storage (not what elements own). */
void assoc__vec_free(assoc__vec *vec);

/* A growable NUL-terminated string. A failed append sets `oom` and later appends do nothing. */
typedef struct assoc__buf {
	char *data;
	size_t len;
	size_t cap;
	int oom;
} assoc__buf;

#define ASSOC__BUF_INIT { NULL, 0, 0, 0 }
void assoc__buf_put(assoc__buf *b, const char *s, size_t n);
void assoc__buf_puts(assoc__buf *b, const char *s);
void assoc__buf_printf(assoc__buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
void assoc__buf_vprintf(assoc__buf *b, const char *fmt, va_list ap);
/* Take the string (caller frees with assoc__free); NULL and ASSOC_ENOMEM if oom. */
int assoc__buf_detach(char **out, assoc__buf *b);
void assoc__buf_dispose(assoc__buf *b);

/* A JSON Pointer being built while walking a document. */
#define ASSOC__PATH_MAX 1024
typedef struct assoc__path {
	char buf[ASSOC__PATH_MAX];
	size_t len;
} assoc__path;

void assoc__path_init(assoc__path *p);
/* Push "/key" (with ~0 ~1 escaping) or "/index"; return the previous length for pop. */
size_t assoc__path_key(assoc__path *p, const char *key);
size_t assoc__path_index(assoc__path *p, size_t index);
void assoc__path_pop(assoc__path *p, size_t len);

/* Format a double so that strtod gives it back exactly ("%.17g" shortened when possible). */
void assoc__fmt_double(char out[32], double x);

#endif
