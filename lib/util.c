/*
 * Memory, growable arrays, string builder and JSON Pointer builder.
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "assoc/alloc.h"
#include "error.h"
#include "util.h"

/* ---- the pluggable allocator (include/assoc/alloc.h) -------------------- */

static void *std_malloc(size_t size, void *payload)
{
	(void)payload;
	return malloc(size);
}

static void *std_realloc(void *ptr, size_t size, void *payload)
{
	(void)payload;
	return realloc(ptr, size);
}

static void std_free(void *ptr, void *payload)
{
	(void)payload;
	free(ptr);
}

/* The one process-wide setting: written only by assoc_allocator_set(),
 * which the documentation restricts to start-up, so reads need no lock. */
static assoc_allocator allocator = {
	.version = ASSOC_ALLOCATOR_VERSION, .malloc = std_malloc, .realloc = std_realloc, .free = std_free
};

int assoc_allocator_init(assoc_allocator *a, unsigned int version)
{
	if (!a)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_allocator_init: allocator is NULL");
	if (version == 0 || version > ASSOC_ALLOCATOR_VERSION)
		return assoc__error_set(ASSOC_EVERSION, NULL,
					"allocator version %u is not supported (this library knows 1 to %d)", version,
					ASSOC_ALLOCATOR_VERSION);
	memset(a, 0, sizeof *a);
	a->version = version;
	return 0;
}

int assoc_allocator_set(const assoc_allocator *a)
{
	assoc_allocator std = {
		.version = ASSOC_ALLOCATOR_VERSION, .malloc = std_malloc, .realloc = std_realloc, .free = std_free
	};
	if (!a) {
		allocator = std;
		return 0;
	}
	/* Version rule (docs/api-stability.md): fields are only appended and a
	 * field newer than the caller's version is never read. Version 1 has
	 * every field there is; a version this library does not know yet comes
	 * from a program built against newer headers than the library it runs
	 * with, and is refused rather than half-understood. */
	if (a->version == 0 || a->version > ASSOC_ALLOCATOR_VERSION)
		return assoc__error_set(ASSOC_EVERSION, NULL,
					"allocator version %u is not supported (this library knows 1 to %d)",
					a->version, ASSOC_ALLOCATOR_VERSION);
	if (!a->malloc || !a->realloc || !a->free)
		return assoc__error_set(ASSOC_EINVAL, NULL, "allocator: malloc, realloc and free are all required");
	allocator = *a;
	return 0;
}

/* The callbacks are called as (allocator.malloc)(...): the parentheses keep
 * a function-like malloc/realloc/free macro (debug CRTs define them) from
 * expanding on the member names. Zero-byte requests become 1 byte so that
 * NULL always means "out of memory". */
void *assoc__malloc(size_t size)
{
	return (allocator.malloc)(size ? size : 1, allocator.payload);
}

void *assoc__calloc(size_t n, size_t size)
{
	void *p;
	size_t total;
	if (size && n > SIZE_MAX / size)
		return NULL;
	total = n * size;
	if (total == 0)
		total = 1;
	p = assoc__malloc(total);
	if (p)
		memset(p, 0, total);
	return p;
}

void *assoc__realloc(void *ptr, size_t size)
{
	return (allocator.realloc)(ptr, size ? size : 1, allocator.payload);
}

void assoc__free(void *ptr)
{
	if (ptr)
		(allocator.free)(ptr, allocator.payload);
}

void assoc_free(void *ptr) { assoc__free(ptr); }

char *assoc__strndup(const char *s, size_t n)
{
	char *d = assoc__malloc(n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *assoc__strdup(const char *s)
{
	return s ? assoc__strndup(s, strlen(s)) : NULL;
}

int assoc__vec_reserve(assoc__vec *vec, size_t elem_size, size_t n)
{
	size_t cap;
	void *items;
	if (n <= vec->cap)
		return 0;
	cap = vec->cap ? vec->cap : 4;
	while (cap < n)
		cap *= 2;
	items = assoc__realloc(vec->items, cap * elem_size);
	if (!items)
		return ASSOC_ENOMEM;
	vec->items = items;
	vec->cap = cap;
	return 0;
}

int assoc__vec_push(assoc__vec *vec, size_t elem_size, void **slot)
{
	char *p;
	if (assoc__vec_reserve(vec, elem_size, vec->n + 1) < 0)
		return ASSOC_ENOMEM;
	p = (char *)vec->items + vec->n * elem_size;
	memset(p, 0, elem_size);
	vec->n++;
	*slot = p;
	return 0;
}

void assoc__vec_free(assoc__vec *vec)
{
	assoc__free(vec->items);
	vec->items = NULL;
	vec->n = vec->cap = 0;
}

static int buf_grow(assoc__buf *b, size_t extra)
{
	size_t need = b->len + extra + 1, cap;
	char *d;
	if (b->oom)
		return -1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	d = assoc__realloc(b->data, cap);
	if (!d) {
		b->oom = 1;
		return -1;
	}
	b->data = d;
	b->cap = cap;
	return 0;
}

void assoc__buf_put(assoc__buf *b, const char *s, size_t n)
{
	if (buf_grow(b, n) < 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void assoc__buf_puts(assoc__buf *b, const char *s)
{
	assoc__buf_put(b, s, strlen(s));
}

void assoc__buf_vprintf(assoc__buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || buf_grow(b, (size_t)n) < 0)
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void assoc__buf_printf(assoc__buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	assoc__buf_vprintf(b, fmt, ap);
	va_end(ap);
}

int assoc__buf_detach(char **out, assoc__buf *b)
{
	*out = NULL;
	if (b->oom) {
		assoc__buf_dispose(b);
		return ASSOC_ENOMEM;
	}
	if (!b->data && buf_grow(b, 0) < 0)
		return ASSOC_ENOMEM;
	if (b->len == 0)
		b->data[0] = '\0';
	*out = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return 0;
}

void assoc__buf_dispose(assoc__buf *b)
{
	assoc__free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

void assoc__path_init(assoc__path *p)
{
	p->buf[0] = '\0';
	p->len = 0;
}

static void path_putc(assoc__path *p, char c)
{
	/* A path longer than the buffer is truncated: it only serves messages. */
	if (p->len + 1 < ASSOC__PATH_MAX) {
		p->buf[p->len++] = c;
		p->buf[p->len] = '\0';
	}
}

size_t assoc__path_key(assoc__path *p, const char *key)
{
	size_t old = p->len;
	path_putc(p, '/');
	for (; *key; key++) {
		if (*key == '~') {
			path_putc(p, '~');
			path_putc(p, '0');
		} else if (*key == '/') {
			path_putc(p, '~');
			path_putc(p, '1');
		} else {
			path_putc(p, *key);
		}
	}
	return old;
}

size_t assoc__path_index(assoc__path *p, size_t index)
{
	char tmp[32];
	size_t old = p->len, i;
	snprintf(tmp, sizeof tmp, "/%zu", index);
	for (i = 0; tmp[i]; i++)
		path_putc(p, tmp[i]);
	return old;
}

void assoc__path_pop(assoc__path *p, size_t len)
{
	p->len = len;
	p->buf[len] = '\0';
}

void assoc__fmt_double(char out[32], double x)
{
	int prec;
	/* Whole amounts (the common case: currency units, counts) print plainly. */
	if (isfinite(x) && fabs(x) < 1e15 && x == floor(x)) {
		snprintf(out, 32, "%lld", (long long)x);
		return;
	}
	/* Otherwise the shortest %.Ng that reads back to the same double. */
	for (prec = 15; prec <= 17; prec++) {
		snprintf(out, 32, "%.*g", prec, x);
		if (strtod(out, NULL) == x)
			return;
	}
}
