/*
 * Writing "libassoc/1" documents, walking the schema.
 * SPDX-License-Identifier: MIT
 *
 * The text is printed here rather than by cJSON: cJSON prints doubles with
 * 15 significant digits, which does not read back to the same double, and
 * building a cJSON tree would allocate outside assoc__malloc. Keys come in
 * schema order, absent fields and empty objects/arrays are omitted, numbers
 * use the shortest text that reads back exactly, so write -> read -> write
 * gives the same bytes.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "fields.h"
#include "json_internal.h"
#include "schema.h"
#include "util.h"

typedef struct writer {
	assoc__buf *b;
	int pretty;
	int depth;
} writer;

static void newline(writer *w)
{
	int i;
	if (!w->pretty)
		return;
	assoc__buf_put(w->b, "\n", 1);
	for (i = 0; i < w->depth; i++)
		assoc__buf_put(w->b, "  ", 2);
}

static void write_string(assoc__buf *b, const char *s)
{
	const char *run = s;
	assoc__buf_put(b, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		assoc__buf_put(b, run, (size_t)(s - run));
		run = s + 1;
		switch (c) {
		case '"': assoc__buf_put(b, "\\\"", 2); break;
		case '\\': assoc__buf_put(b, "\\\\", 2); break;
		case '\n': assoc__buf_put(b, "\\n", 2); break;
		case '\r': assoc__buf_put(b, "\\r", 2); break;
		case '\t': assoc__buf_put(b, "\\t", 2); break;
		case '\b': assoc__buf_put(b, "\\b", 2); break;
		case '\f': assoc__buf_put(b, "\\f", 2); break;
		default:
			snprintf(esc, sizeof esc, "\\u%04x", c);
			assoc__buf_put(b, esc, 6);
		}
	}
	assoc__buf_put(b, run, (size_t)(s - run));
	assoc__buf_put(b, "\"", 1);
}

static void write_key(writer *w, const char *key, int *first)
{
	if (!*first)
		assoc__buf_put(w->b, ",", 1);
	*first = 0;
	newline(w);
	write_string(w->b, key);
	assoc__buf_puts(w->b, w->pretty ? ": " : ":");
}

static void write_object(writer *w, const void *obj, const assoc__schema *s);

static void write_array(writer *w, const assoc__vec *vec, const assoc__schema *sub)
{
	size_t i;
	assoc__buf_put(w->b, "[", 1);
	w->depth++;
	for (i = 0; i < vec->n; i++) {
		if (i)
			assoc__buf_put(w->b, ",", 1);
		newline(w);
		write_object(w, (const char *)vec->items + i * sub->size, sub);
	}
	w->depth--;
	newline(w);
	assoc__buf_put(w->b, "]", 1);
}

/*
 * The shortest text that strtod reads back to x. Integers of accounting
 * size are written plainly ("35000", where "%g" would give "3.5e+04").
 * Otherwise: if some decimal of <= 15 significant digits reads back to x,
 * "%.15g" (trailing zeros stripped) is that decimal, since doubles resolve
 * 15 digits (DBL_DIG); else the nearest 16-digit decimal, else 17 digits,
 * which always reads back. Three tries at most instead of seventeen.
 */
static void fmt_number(char out[32], double x)
{
	int prec;
	if (x == floor(x) && fabs(x) < 1e15) {
		snprintf(out, 32, "%.0f", x); /* -0.0 gives "-0", which reads back as -0.0 */
		return;
	}
	for (prec = 15; prec < 17; prec++) {
		snprintf(out, 32, "%.*g", prec, x);
		if (strtod(out, NULL) == x)
			return;
	}
	snprintf(out, 32, "%.17g", x);
}

static void write_value(writer *w, const void *obj, const assoc__field *f)
{
	char num[32];
	switch (f->type) {
	case ASSOC__F_NUMBER:
	case ASSOC__F_INTEGER:
		fmt_number(num, *ASSOC__FIELD_CPTR(obj, f, double));
		assoc__buf_puts(w->b, num);
		break;
	case ASSOC__F_STRING:
	case ASSOC__F_NAME:
	case ASSOC__F_DATE:
	case ASSOC__F_CURRENCY:
		write_string(w->b, *ASSOC__FIELD_CPTR(obj, f, char *));
		break;
	case ASSOC__F_ENUM:
		write_string(w->b, assoc_vocab_id((assoc_vocab)f->vocab, *ASSOC__FIELD_CPTR(obj, f, int)));
		break;
	case ASSOC__F_BOOL:
		assoc__buf_puts(w->b, *ASSOC__FIELD_CPTR(obj, f, int) ? "true" : "false");
		break;
	case ASSOC__F_OBJECT:
		write_object(w, ASSOC__FIELD_CPTR(obj, f, char), f->sub);
		break;
	case ASSOC__F_ARRAY:
		write_array(w, ASSOC__FIELD_CPTR(obj, f, assoc__vec), f->sub);
		break;
	}
}

/* Present and writable: a term the vocabulary knows, a finite number (the
 * model never holds anything else, but a struct edited by hand might). */
static int writable(const void *obj, const assoc__field *f)
{
	if (!assoc__field_present(obj, f))
		return 0;
	if (f->type == ASSOC__F_ENUM)
		return assoc_vocab_id((assoc_vocab)f->vocab, *ASSOC__FIELD_CPTR(obj, f, int)) != NULL;
	if (f->type == ASSOC__F_NUMBER || f->type == ASSOC__F_INTEGER)
		return isfinite(*ASSOC__FIELD_CPTR(obj, f, double));
	return 1;
}

static void write_object(writer *w, const void *obj, const assoc__schema *s)
{
	size_t i;
	int first = 1;
	assoc__buf_put(w->b, "{", 1);
	w->depth++;
	for (i = 0; i < s->nfields; i++) {
		const assoc__field *f = &s->fields[i];
		if (!writable(obj, f))
			continue;
		write_key(w, f->name, &first);
		write_value(w, obj, f);
	}
	w->depth--;
	if (!first)
		newline(w);
	assoc__buf_put(w->b, "}", 1);
}

void assoc__write_org(assoc__buf *b, const assoc_org *org, int pretty, int indent)
{
	writer w = { b, pretty, indent };
	write_object(&w, org, &assoc__schema_org);
}

static void write_wrapper_start(writer *w, const char *key)
{
	int first = 1;
	assoc__buf_put(w->b, "{", 1);
	w->depth++;
	write_key(w, "format", &first);
	write_string(w->b, ASSOC_FORMAT_ID);
	write_key(w, key, &first);
}

static void write_wrapper_end(writer *w)
{
	w->depth--;
	newline(w);
	assoc__buf_put(w->b, "}", 1);
}

int assoc_org_to_json(char **out, const assoc_org *org, unsigned int flags)
{
	assoc__buf b = ASSOC__BUF_INIT;
	writer w = { &b, (flags & ASSOC_WRITE_PRETTY) != 0, 0 };
	if (!out || !org)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_org_to_json: NULL argument");
	*out = NULL;
	if (flags & ASSOC_WRITE_BARE) {
		write_object(&w, org, &assoc__schema_org);
	} else {
		write_wrapper_start(&w, "organisation");
		write_object(&w, org, &assoc__schema_org);
		write_wrapper_end(&w);
	}
	return assoc__buf_detach(out, &b) < 0 ? assoc__error_oom() : 0;
}

int assoc_collection_to_json(char **out, const assoc_collection *coll, unsigned int flags)
{
	assoc__buf b = ASSOC__BUF_INIT;
	writer w = { &b, (flags & ASSOC_WRITE_PRETTY) != 0, 0 };
	size_t i;
	if (!out || !coll)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_collection_to_json: NULL argument");
	*out = NULL;
	if (flags & ASSOC_WRITE_BARE) {
		/* Without the wrapper a collection is JSON Lines: one compact
		 * organisation per line, what assoc_jsonl_next() reads back. */
		w.pretty = 0;
		for (i = 0; i < coll->orgs.n; i++) {
			write_object(&w, *ASSOC__AT(coll->orgs, assoc_org *, i), &assoc__schema_org);
			assoc__buf_put(&b, "\n", 1);
		}
	} else {
		write_wrapper_start(&w, "organisations");
		assoc__buf_put(&b, "[", 1);
		w.depth++;
		for (i = 0; i < coll->orgs.n; i++) {
			if (i)
				assoc__buf_put(&b, ",", 1);
			newline(&w);
			write_object(&w, *ASSOC__AT(coll->orgs, assoc_org *, i), &assoc__schema_org);
		}
		w.depth--;
		if (coll->orgs.n)
			newline(&w);
		assoc__buf_put(&b, "]", 1);
		write_wrapper_end(&w);
	}
	return assoc__buf_detach(out, &b) < 0 ? assoc__error_oom() : 0;
}

int assoc_org_save_file(const assoc_org *org, const char *path, unsigned int flags)
{
	char *text, reason[128];
	FILE *fp;
	size_t len;
	int rc, bad;
	if (!path)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_org_save_file: path is NULL");
	if ((rc = assoc_org_to_json(&text, org, flags)) < 0)
		return rc;
	len = strlen(text);
	if (!(fp = fopen(path, "wb"))) {
		bad = errno;
		assoc__free(text);
		if (strerror_r(bad, reason, sizeof reason) != 0)
			snprintf(reason, sizeof reason, "error %d", bad);
		return assoc__error_set(ASSOC_EIO, NULL, "cannot open \"%s\" for writing: %s", path, reason);
	}
	/* A text file ends with a newline. */
	bad = fwrite(text, 1, len, fp) != len || fputc('\n', fp) == EOF;
	bad |= fclose(fp) != 0;
	assoc__free(text);
	if (bad)
		return assoc__error_set(ASSOC_EIO, NULL, "cannot write \"%s\" (disk full?)", path);
	return 0;
}
