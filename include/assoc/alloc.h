/*
 * libassoc - the pluggable allocator (libgit2's sys/alloc.h design).
 * SPDX-License-Identifier: MIT
 *
 * Every allocation libassoc makes itself goes through one set of callbacks,
 * which a program may replace once, at start-up, with its own (an arena, a
 * tracking allocator, a fault injector in tests...).
 *
 * What it does NOT cover, honestly stated: libassoc's two dependencies
 * allocate with the C library's malloc()/free() for their own internal
 * work, because neither offers a per-call allocator:
 *   - cJSON 1.7.15 only has the process-wide cJSON_InitHooks(), which would
 *     also change the allocator of every other cJSON user in the host
 *     program; libassoc never calls it. The parse trees cJSON builds while a
 *     document is read, and its printing buffers, therefore come from
 *     malloc() and are released with free() before libassoc returns.
 *   - utf8proc 2.8's utf8proc_map() returns malloc()ed buffers, which
 *     libassoc copies into its own memory and releases with free() at once.
 * No memory from those paths is ever handed to the caller: everything a
 * libassoc function returns was allocated with the callbacks below, and
 * is released with assoc_free() or the matching *_free() function.
 */
#ifndef ASSOC_ALLOC_H
#define ASSOC_ALLOC_H

#include "common.h"

ASSOC_BEGIN_DECL

/**
 * A set of allocation callbacks. Semantics are those of the C library:
 * `malloc` returns NULL on failure; `realloc(NULL, n)` behaves as malloc,
 * and on failure leaves the old block untouched and returns NULL; `free`
 * accepts NULL. libassoc never asks for 0 bytes (it rounds up to 1).
 * Each callback receives `payload` as its last argument.
 */
typedef struct assoc_allocator {
	unsigned int version;                                    /**< ASSOC_ALLOCATOR_VERSION */
	void *(*malloc)(size_t size, void *payload);             /**< required */
	void *(*realloc)(void *ptr, size_t size, void *payload); /**< required */
	void (*free)(void *ptr, void *payload);                  /**< required */
	void *payload;                                           /**< passed to every callback */
} assoc_allocator;

#define ASSOC_ALLOCATOR_VERSION 1
/* clang-format off */
#define ASSOC_ALLOCATOR_INIT { ASSOC_ALLOCATOR_VERSION, NULL, NULL, NULL, NULL }
/* clang-format on */

/**
 * Initialise `allocator` for `version`: the callbacks are set to NULL and
 * must be filled in before the struct is installed (for bindings).
 * @return 0, ASSOC_EINVAL (NULL) or ASSOC_EVERSION (unknown version).
 */
ASSOC_EXTERN(int) assoc_allocator_init(assoc_allocator *allocator, unsigned int version);

/**
 * Install the allocator used by every later libassoc allocation; NULL
 * restores the C library's malloc/realloc/free. The struct is copied.
 *
 * This is the ONLY process-wide setting of libassoc. Call it before any
 * other libassoc function, and never while another thread is inside
 * libassoc: it is not synchronised, and memory obtained under one
 * allocator must be released under the same one (the built-in default
 * profile, created on first use, is never released).
 * @return 0; ASSOC_EVERSION when `version` is 0 or newer than this
 *         library's ASSOC_ALLOCATOR_VERSION; ASSOC_EINVAL when a callback is NULL.
 *         On error the allocator in place is kept.
 */
ASSOC_EXTERN(int) assoc_allocator_set(const assoc_allocator *allocator);

ASSOC_END_DECL

#endif
