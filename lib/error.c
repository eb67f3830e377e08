/*
 * The thread-local last error (libgit2's giterr pattern): fixed buffers, so
 * reporting an error never allocates and never fails.
 * SPDX-License-Identifier: MIT
 */
/* error.h: the functions themselves, without the static analyser's macros. */
#define ASSOC__ERROR_DEFINITIONS
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "error.h"

#define MSG_MAX 1024
#define PATH_MAX_ 1024

typedef struct error_state {
	assoc_error pub;
	char message[MSG_MAX];
	char path[PATH_MAX_];
} error_state;

static _Thread_local error_state tls_error;

static error_state *state(void)
{
	error_state *s = &tls_error;
	/* Point the public strings at this thread's buffers (first use in a thread). */
	s->pub.message = s->message;
	s->pub.path = s->path;
	return s;
}

static int set_v(int code, const char *path, int line, int column, const char *fmt, va_list ap)
{
	error_state *s = state();
	s->pub.code = code;
	s->pub.line = line;
	s->pub.column = column;
	vsnprintf(s->message, sizeof s->message, fmt, ap);
	snprintf(s->path, sizeof s->path, "%s", path ? path : "");
	return code;
}

int assoc__error_set(int code, const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_v(code, path, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int assoc__error_set_pos(int code, int line, int column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_v(code, NULL, line, column, fmt, ap);
	va_end(ap);
	return code;
}

int assoc__error_oom(void)
{
	return assoc__error_set(ASSOC_ENOMEM, NULL, "out of memory");
}

void assoc__error_prefix_path(const char *prefix)
{
	error_state *s = state();
	char tmp[PATH_MAX_];
	snprintf(tmp, sizeof tmp, "%s%s", prefix ? prefix : "", s->path);
	memcpy(s->path, tmp, sizeof tmp);
}

void assoc__error_set_line(int line)
{
	state()->pub.line = line;
}

const assoc_error *assoc_error_last(void)
{
	return &state()->pub;
}

void assoc_error_clear(void)
{
	error_state *s = state();
	s->pub.code = ASSOC_OK;
	s->pub.line = 0;
	s->pub.column = 0;
	s->message[0] = '\0';
	s->path[0] = '\0';
}

const char *assoc_error_code_name(int code)
{
	static const char *const names[] = {
		"OK", "ERROR", "ENOMEM", "EINVAL", "EIO", "EPARSE", "EUTF8", "ETYPE",
		"EUNKNOWNKEY", "ELABEL", "EVALUE", "EMISSING", "EDUPLICATE", "EREF",
		"EDATE", "ECURRENCY", "ETERRITORY", "ELIMIT", "EVERSION", "ENOTFOUND",
		"EABSENT", "ITEROVER"
	};
	int i = -code;
	if (i < 0 || (size_t)i >= sizeof names / sizeof names[0])
		return "EUNKNOWN";
	return names[i];
}
