/*
 * JSON Lines: one organisation object per line, read as a stream.
 * SPDX-License-Identifier: MIT
 *
 * Memory is bounded by the largest line: a memory source is parsed in place
 * (no copy); a FILE or callback source is read through a fixed 64 KiB chunk
 * into a line buffer that grows only to the longest line. A line longer
 * than max_document_bytes is skipped without being kept (ASSOC_ELIMIT).
 * Each line is checked like a whole document (json_read.c); its errors
 * carry the line number in assoc_error.line, and the next call goes on with
 * the next line. A read error of the source (ASSOC_EIO) ends the stream:
 * the calls after it return ASSOC_ITEROVER.
 */
#include <stdio.h>
#include <string.h>
#include "error.h"
#include "json_internal.h"
#include "util.h"

#define CHUNK 65536

enum source { SRC_MEMORY, SRC_FILE, SRC_CALLBACK };

struct assoc_jsonl_reader {
	assoc__limits lim;
	enum source kind;
	/* memory */
	const char *mem;
	size_t mem_len, mem_pos;
	/* file / callback */
	FILE *fp;
	assoc_read_cb read;
	void *payload;
	char *chunk;
	size_t chunk_len, chunk_pos;
	char *line;
	size_t line_len, line_cap;
	/* state */
	size_t lineno;
	int done;
};

static int reader_new(assoc_jsonl_reader **out, enum source kind, const assoc_load_options *opts)
{
	assoc_jsonl_reader *r;
	int rc;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "the reader out-parameter is NULL");
	*out = NULL;
	if (!(r = assoc__calloc(1, sizeof *r)))
		return assoc__error_oom();
	if ((rc = assoc__limits_resolve(&r->lim, opts)) < 0) {
		assoc__free(r);
		return rc;
	}
	r->kind = kind;
	if (kind != SRC_MEMORY && !(r->chunk = assoc__malloc(CHUNK))) {
		assoc__free(r);
		return assoc__error_oom();
	}
	*out = r;
	return 0;
}

int assoc_jsonl_reader_new_memory(assoc_jsonl_reader **out, const char *data, size_t len,
				  const assoc_load_options *opts)
{
	int rc;
	if (!data && len)
		return assoc__error_set(ASSOC_EINVAL, NULL, "the JSON Lines data is NULL");
	if ((rc = reader_new(out, SRC_MEMORY, opts)) < 0)
		return rc;
	(*out)->mem = data;
	(*out)->mem_len = len;
	return 0;
}

int assoc_jsonl_reader_new_file(assoc_jsonl_reader **out, FILE *fp, const assoc_load_options *opts)
{
	int rc;
	if (!fp)
		return assoc__error_set(ASSOC_EINVAL, NULL, "the FILE is NULL");
	if ((rc = reader_new(out, SRC_FILE, opts)) < 0)
		return rc;
	(*out)->fp = fp;
	return 0;
}

int assoc_jsonl_reader_new_callback(assoc_jsonl_reader **out, assoc_read_cb read, void *payload,
				    const assoc_load_options *opts)
{
	int rc;
	if (!read)
		return assoc__error_set(ASSOC_EINVAL, NULL, "the read callback is NULL");
	if ((rc = reader_new(out, SRC_CALLBACK, opts)) < 0)
		return rc;
	(*out)->read = read;
	(*out)->payload = payload;
	return 0;
}

void assoc_jsonl_reader_free(assoc_jsonl_reader *r)
{
	if (!r)
		return;
	assoc__free(r->chunk);
	assoc__free(r->line);
	assoc__free(r);
}

size_t assoc_jsonl_line(const assoc_jsonl_reader *r)
{
	return r ? r->lineno : 0;
}

/* Refill the chunk. 1: bytes available, 0: end of input, <0: error. */
static int fill(assoc_jsonl_reader *r)
{
	long n;
	if (r->kind == SRC_FILE) {
		size_t got = fread(r->chunk, 1, CHUNK, r->fp);
		if (got == 0 && ferror(r->fp))
			return assoc__error_set(ASSOC_EIO, NULL, "read error after line %zu of the JSON Lines input",
						r->lineno);
		n = (long)got;
	} else {
		n = r->read(r->chunk, CHUNK, r->payload);
		if (n < 0 || n > CHUNK)
			return assoc__error_set(ASSOC_EIO, NULL,
						"the read callback failed (returned %ld) after line %zu", n, r->lineno);
	}
	r->chunk_len = (size_t)n;
	r->chunk_pos = 0;
	return n > 0;
}

static int line_put(assoc_jsonl_reader *r, const char *s, size_t n)
{
	if (r->line_len + n > r->line_cap) {
		size_t cap = r->line_cap ? r->line_cap : 256;
		char *p;
		while (cap < r->line_len + n)
			cap *= 2;
		if (!(p = assoc__realloc(r->line, cap)))
			return assoc__error_oom();
		r->line = p;
		r->line_cap = cap;
	}
	if (n) /* memcpy with a NULL source is undefined even for 0 bytes */
		memcpy(r->line + r->line_len, s, n);
	r->line_len += n;
	return 0;
}

/*
 * The next line (without its '\n') in *s / *n. *too_long is set when the
 * line passed max_document_bytes (its bytes are then dropped).
 * 1: a line, 0: end of input, <0: error.
 */
static int next_line(assoc_jsonl_reader *r, const char **s, size_t *n, int *too_long)
{
	int any = 0, rc;
	*too_long = 0;
	if (r->kind == SRC_MEMORY) {
		const char *start = r->mem + r->mem_pos, *nl;
		size_t rest = r->mem_len - r->mem_pos;
		if (rest == 0)
			return 0;
		nl = memchr(start, '\n', rest);
		*s = start;
		*n = nl ? (size_t)(nl - start) : rest;
		r->mem_pos += *n + (nl ? 1 : 0);
		*too_long = *n > r->lim.max_document_bytes;
		return 1;
	}
	r->line_len = 0;
	for (;;) {
		const char *start, *nl;
		size_t avail, take;
		if (r->chunk_pos == r->chunk_len) {
			if ((rc = fill(r)) < 0)
				return rc;
			if (rc == 0)
				break;
		}
		any = 1;
		start = r->chunk + r->chunk_pos;
		avail = r->chunk_len - r->chunk_pos;
		nl = memchr(start, '\n', avail);
		take = nl ? (size_t)(nl - start) : avail;
		r->chunk_pos += take + (nl ? 1 : 0);
		if (!*too_long && r->line_len + take > r->lim.max_document_bytes) {
			*too_long = 1;
			r->line_len = 0;
		}
		if (!*too_long && (rc = line_put(r, start, take)) < 0)
			return rc;
		if (nl)
			break;
	}
	if (!any)
		return 0;
	*s = r->line ? r->line : "";
	*n = r->line_len;
	return 1;
}

static int blank(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

int assoc_jsonl_next(assoc_org **out, assoc_jsonl_reader *r)
{
	const char *s = NULL;
	size_t n = 0;
	int rc, too_long;
	if (!out || !r)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_jsonl_next: NULL argument");
	*out = NULL;
	for (;;) {
		if (r->done)
			return ASSOC_ITEROVER;
		rc = next_line(r, &s, &n, &too_long);
		if (rc <= 0) {
			/* End of input, or a read error that ends the stream. */
			r->done = 1;
			if (rc < 0)
				assoc__error_set_line((int)r->lineno + 1);
			return rc < 0 ? rc : ASSOC_ITEROVER;
		}
		r->lineno++;
		if (too_long) {
			rc = assoc__error_set(ASSOC_ELIMIT, NULL, "line %zu is longer than the limit of %zu bytes",
					      r->lineno, r->lim.max_document_bytes);
			assoc__error_set_line((int)r->lineno);
			return rc;
		}
		if (n > 0 && s[n - 1] == '\r')
			n--; /* CRLF files */
		if (!blank(s, n))
			break;
	}
	/* Syntax errors then name the line in the whole input. */
	r->lim.line_base = (int)r->lineno - 1;
	if ((rc = assoc__org_from_json_limits(out, s, n, &r->lim)) < 0)
		assoc__error_set_line((int)r->lineno);
	return rc;
}
