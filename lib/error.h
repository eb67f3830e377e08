/*
 * Internal: setting the thread-local last error.
 * SPDX-License-Identifier: MIT
 */
#ifndef ASSOC_LIB_ERROR_H
#define ASSOC_LIB_ERROR_H

#include "assoc/errors.h"

/* Record an error for the calling thread and return `code`.
 * `path` may be NULL; the message is printf-formatted. */
int assoc__error_set(int code, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Same, with the 1-based line and column of a parse error. */
int assoc__error_set_pos(int code, int line, int column, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* Shortcut: record ASSOC_ENOMEM and return it. */
int assoc__error_oom(void);

/* Set the 1-based input line of the current error, keeping its code, message,
 * path and column (the JSON Lines reader reports the line of a record whose
 * inner error was located relative to that record). */
void assoc__error_set_line(int line);

/* Prefix the current error's path with `prefix` (used when an inner loader reports relative paths). */
void assoc__error_prefix_path(const char *prefix);

/* For the static analyser only (clang --analyze, clang-tidy; tests/ci/static.sh).
 * It reads one file at a time and cannot know that these functions return
 * the code they are given, so it follows "error" paths on which they would
 * return 0 and reports null dereferences there. Spelling the value out
 * removes those false positives; compiled code is unchanged. error.c, which
 * defines the functions, sets ASSOC__ERROR_DEFINITIONS. */
#if defined(__clang_analyzer__) && !defined(ASSOC__ERROR_DEFINITIONS)
#define assoc__error_set(code, ...) (assoc__error_set((code), __VA_ARGS__), (code))
#define assoc__error_set_pos(code, ...) (assoc__error_set_pos((code), __VA_ARGS__), (code))
#define assoc__error_oom() (assoc__error_oom(), ASSOC_ENOMEM)
#endif

#endif
