/*
 * Batch output: one scored record as a JSON Lines report or as CSV rows,
 * and the error record of a record that failed (see include/assoc/batch.h).
 * SPDX-License-Identifier: MIT
 *
 * Bulk output is written by hand into a reusable buffer instead of through
 * cJSON trees: a report has ~200 results, and building then printing a
 * tree of them costs more than scoring the organisation. Numbers are
 * written so that they read back to the same double: integers digit by
 * digit, others by Grisu2 (batch_dtoa.c), because glibc's printf("%.17g")
 * costs more per report than loading the organisation.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "batch_internal.h"
#include "error.h"

/* Append bytes: inline while they fit (a report is written in hundreds of
 * small pieces), through assoc__buf_put (which grows the buffer, or
 * records out-of-memory) when they do not. */
static inline void put(assoc__buf *b, const char *s, size_t n)
{
	if (b->len + n < b->cap) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else {
		assoc__buf_put(b, s, n);
	}
}

/* A string literal, without strlen. */
#define PUTL(b, lit) put((b), (lit), sizeof(lit) - 1)

/* ---- columns ---------------------------------------------------------------- */

/* Measures with no single value per organisation-year: one value per
 * alliance ("alliance." singular), or computed on demand with parameters. */
static int has_column(const char *id)
{
	return strncmp(id, "alliance.", 9) != 0 && strcmp(id, "stress.stream_drop") != 0 &&
	       strcmp(id, "model.logit") != 0;
}

static int by_def(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const assoc__batch_col *)a)->def, y = (uintptr_t)((const assoc__batch_col *)b)->def;
	return x < y ? -1 : x > y;
}

int assoc__batch_cols_init(assoc__batch_cols *c)
{
	size_t total = assoc_measure_count(), i;
	memset(c, 0, sizeof *c);
	c->ids = assoc__calloc(total, sizeof *c->ids);
	c->by_def = assoc__calloc(total, sizeof *c->by_def);
	if (!c->ids || !c->by_def) {
		assoc__batch_cols_dispose(c);
		return assoc__error_oom();
	}
	for (i = 0; i < total; i++) {
		const char *id = assoc_measure_id(i);
		if (!id || !has_column(id))
			continue;
		c->by_def[c->n].def = assoc__measure_find(id);
		c->by_def[c->n].col = c->n;
		c->ids[c->n++] = id;
	}
	qsort(c->by_def, c->n, sizeof *c->by_def, by_def);
	return 0;
}

void assoc__batch_cols_dispose(assoc__batch_cols *c)
{
	assoc__free(c->ids);
	assoc__free(c->by_def);
	memset(c, 0, sizeof *c);
}

long assoc__batch_col_of(const assoc__batch_cols *c, const assoc__measure_def *def)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->by_def[mid].def == def)
			return (long)c->by_def[mid].col;
		if ((uintptr_t)c->by_def[mid].def < (uintptr_t)def)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

void assoc__batch_scratch_dispose(assoc__batch_scratch *s)
{
	assoc__free(s->cells);
	assoc__free(s->years);
	memset(s, 0, sizeof *s);
}

/* ---- scalars ------------------------------------------------------------------ */

static void put_int(assoc__buf *b, long long v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	put(b, p, (size_t)(tmp + sizeof tmp - p));
}

void assoc__batch_put_number(assoc__buf *b, double x)
{
	char tmp[32];
	/* Whole numbers (amounts, counts, years) need no formatting of digits:
	 * below 2^53 every integer is exact. */
	if (x >= -9007199254740992.0 && x <= 9007199254740992.0 && x == (double)(long long)x) {
		put_int(b, (long long)x);
		return;
	}
	put(b, tmp, (size_t)assoc__batch_dtoa(tmp, x));
}

void assoc__batch_put_json_string(assoc__buf *b, const char *s)
{
	const char *run;
	if (!s) {
		put(b, "null", 4);
		return;
	}
	put(b, "\"", 1);
	for (run = s; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		char esc[8];
		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		put(b, run, (size_t)(s - run));
		run = s + 1;
		if (ch == '"' || ch == '\\') {
			esc[0] = '\\';
			esc[1] = (char)ch;
			put(b, esc, 2);
		} else if (ch == '\n') {
			put(b, "\\n", 2);
		} else if (ch == '\t') {
			put(b, "\\t", 2);
		} else if (ch == '\r') {
			put(b, "\\r", 2);
		} else {
			snprintf(esc, sizeof esc, "\\u%04x", ch);
			put(b, esc, 6);
		}
	}
	put(b, run, (size_t)(s - run));
	put(b, "\"", 1);
}

void assoc__batch_put_csv_field(assoc__buf *b, const char *s)
{
	const char *q;
	if (!s)
		return;
	if (!s[strcspn(s, ",\"\r\n")]) {
		put(b, s, strlen(s));
		return;
	}
	put(b, "\"", 1);
	while ((q = strchr(s, '"')) != NULL) {
		put(b, s, (size_t)(q - s) + 1);
		put(b, "\"", 1); /* a quote is doubled */
		s = q + 1;
	}
	put(b, s, strlen(s));
	put(b, "\"", 1);
}

static void put_json_number_or_null(assoc__buf *b, double x)
{
	if (isfinite(x))
		assoc__batch_put_number(b, x);
	else
		put(b, "null", 4);
}

/* ---- JSON Lines ------------------------------------------------------------------- */

static const char *status_name(assoc_status s)
{
	return s == ASSOC_STATUS_OK ? "ok" : s == ASSOC_STATUS_PARTIAL ? "partial" : "not_computable";
}

static void put_result(assoc__buf *b, const assoc_result *r)
{
	PUTL(b, "{\"measure\":");
	assoc__batch_put_json_string(b, r->def->id);
	PUTL(b, ",\"year\":");
	if (r->year)
		put_int(b, r->year);
	else
		put(b, "null", 4);
	PUTL(b, ",\"subject\":");
	assoc__batch_put_json_string(b, r->subject);
	PUTL(b, ",\"status\":\"");
	{ const char *st = status_name(r->status); put(b, st, strlen(st)); }
	PUTL(b, "\",\"value\":");
	put_json_number_or_null(b, r->status == ASSOC_STATUS_NOT_COMPUTABLE ? ASSOC__ABSENT : r->value);
	PUTL(b, ",\"label\":");
	assoc__batch_put_json_string(b, r->label);
	PUTL(b, ",\"coverage\":");
	put_json_number_or_null(b, r->coverage);
	PUTL(b, ",\"reason\":");
	assoc__batch_put_json_string(b, r->reason);
	put(b, "}", 1);
}

size_t assoc__batch_jsonl_values(assoc__buf *b, const assoc_org *org, const assoc_profile *profile,
				 const assoc_report *rep, size_t line)
{
	size_t i, n = assoc_report_count(rep);
	PUTL(b, "{\"line\":");
	put_int(b, (long long)line);
	PUTL(b, ",\"format\":\"libassoc-report/1\",\"values_only\":true,\"organisation\":{\"id\":{\"scheme\":");
	assoc__batch_put_json_string(b, org->id.scheme >= 0 ? assoc_vocab_id(ASSOC_VOCAB_ID_SCHEME, org->id.scheme) : NULL);
	PUTL(b, ",\"value\":");
	assoc__batch_put_json_string(b, org->id.value);
	PUTL(b, "},\"name\":");
	assoc__batch_put_json_string(b, org->name);
	PUTL(b, "},\"profile\":{\"id\":");
	assoc__batch_put_json_string(b, assoc_profile_id(profile));
	PUTL(b, ",\"version\":");
	assoc__batch_put_json_string(b, assoc_profile_version(profile));
	PUTL(b, "},\"territory_override\":");
	assoc__batch_put_json_string(b, assoc_report_territory_override(rep));
	PUTL(b, ",\"results\":[");
	for (i = 0; i < n; i++) {
		if (i)
			put(b, ",", 1);
		put_result(b, assoc_report_get(rep, i));
	}
	PUTL(b, "]}\n");
	return 1;
}

int assoc__batch_jsonl_explain(assoc__buf *b, const assoc_report *rep, size_t line)
{
	char *json;
	int rc;
	if ((rc = assoc_report_to_json(&json, rep, 0)) < 0)
		return rc;
	/* The report is an object: put "line" in front of its first key. */
	PUTL(b, "{\"line\":");
	put_int(b, (long long)line);
	put(b, ",", 1);
	put(b, json + 1, strlen(json + 1));
	put(b, "\n", 1);
	assoc_free(json);
	return 1;
}

/* ---- CSV ---------------------------------------------------------------------------- */

void assoc__batch_csv_header(assoc__buf *b, const assoc__batch_cols *c)
{
	size_t i;
	PUTL(b, "organisation,year");
	for (i = 0; i < c->n; i++) {
		put(b, ",", 1);
		assoc__batch_put_csv_field(b, c->ids[i]);
	}
	PUTL(b, ",line,error\n");
}

/* The rows' years, ascending: the organisation's fiscal years (only `year`
 * when the batch asks for one). Returns the count, or (size_t)-1 on OOM. */
static size_t row_years(assoc__batch_scratch *s, const assoc_org *org, int year)
{
	size_t n = 0, i, j;
	if (org->years.n > s->years_cap) {
		int *p = assoc__realloc(s->years, org->years.n * sizeof *p);
		if (!p)
			return (size_t)-1;
		s->years = p;
		s->years_cap = org->years.n;
	}
	for (i = 0; i < org->years.n; i++) {
		int y = (int)ASSOC__AT(org->years, assoc__year, i)->year;
		if (year && y != year)
			continue;
		for (j = n; j > 0 && s->years[j - 1] > y; j--)
			s->years[j] = s->years[j - 1];
		s->years[j] = y;
		n++;
	}
	return n;
}

static long row_of(const assoc__batch_scratch *s, size_t nyears, int year)
{
	size_t i;
	for (i = 0; i < nyears; i++)
		if (s->years[i] == year)
			return (long)i;
	return -1;
}

/* Fill the cells: row 0 holds the measures across years, rows 1..nyears
 * the years'. NaN is an empty cell. */
static int fill_cells(assoc__batch_scratch *s, const assoc__batch_cols *c, const assoc_report *rep, size_t nyears)
{
	size_t need = (nyears + 1) * c->n, i, n = assoc_report_count(rep);
	if (need > s->cap) {
		double *p = assoc__realloc(s->cells, need * sizeof *p);
		if (!p)
			return -1;
		s->cells = p;
		s->cap = need;
	}
	for (i = 0; i < need; i++)
		s->cells[i] = ASSOC__ABSENT;
	for (i = 0; i < n; i++) {
		const assoc_result *r = assoc_report_get(rep, i);
		long col, row;
		if (r->subject || r->status == ASSOC_STATUS_NOT_COMPUTABLE ||
		    (col = assoc__batch_col_of(c, r->def)) < 0)
			continue;
		row = 0;
		if (r->year && (row = row_of(s, nyears, r->year) + 1) == 0)
			continue; /* a year the batch does not write */
		s->cells[(size_t)row * c->n + (size_t)col] = r->value;
	}
	return 0;
}

static void put_row(assoc__buf *b, const assoc__batch_scratch *s, const assoc__batch_cols *c, const assoc_org *org,
		    size_t row, size_t line)
{
	const double *own = s->cells + row * c->n, *across = s->cells;
	size_t i;
	assoc__batch_put_csv_field(b, org->id.value);
	put(b, ",", 1);
	if (row)
		put_int(b, s->years[row - 1]);
	for (i = 0; i < c->n; i++) {
		/* A year's own value wins over the organisation-level one. */
		double v = assoc__has(own[i]) ? own[i] : across[i];
		put(b, ",", 1);
		if (assoc__has(v))
			assoc__batch_put_number(b, v);
	}
	put(b, ",", 1);
	put_int(b, (long long)line);
	PUTL(b, ",\n");
}

size_t assoc__batch_csv_rows(assoc__buf *b, assoc__batch_scratch *s, const assoc__batch_cols *c,
			     const assoc_org *org, const assoc_report *rep, int year, size_t line)
{
	size_t nyears = row_years(s, org, year), i;
	if (nyears == (size_t)-1 || fill_cells(s, c, rep, nyears) < 0) {
		b->oom = 1;
		return 0;
	}
	if (nyears == 0) {
		put_row(b, s, c, org, 0, line);
		return 1;
	}
	for (i = 1; i <= nyears; i++)
		put_row(b, s, c, org, i, line);
	return nyears;
}

/* ---- error records ---------------------------------------------------------------------- */

void assoc__batch_error_record(assoc__buf *b, int csv, size_t ncols, size_t line, const assoc_error *e)
{
	const char *code = assoc_error_code_name(e->code);
	size_t i;
	if (csv) {
		assoc__buf b2 = ASSOC__BUF_INIT;
		char *text = NULL;
		put(b, ",", 1);
		for (i = 0; i < ncols; i++)
			put(b, ",", 1);
		put(b, ",", 1);
		put_int(b, (long long)line);
		put(b, ",", 1);
		if (*e->path)
			assoc__buf_printf(&b2, "%s %s: %s", code, e->path, e->message);
		else
			assoc__buf_printf(&b2, "%s: %s", code, e->message);
		if (assoc__buf_detach(&text, &b2) < 0) {
			b->oom = 1;
			return;
		}
		assoc__batch_put_csv_field(b, text);
		assoc__free(text);
		put(b, "\n", 1);
		return;
	}
	PUTL(b, "{\"line\":");
	put_int(b, (long long)line);
	PUTL(b, ",\"error\":{\"code\":");
	assoc__batch_put_json_string(b, code);
	PUTL(b, ",\"path\":");
	assoc__batch_put_json_string(b, e->path);
	PUTL(b, ",\"message\":");
	assoc__batch_put_json_string(b, e->message);
	PUTL(b, ",\"line\":");
	put_int(b, e->line);
	PUTL(b, ",\"column\":");
	put_int(b, e->column);
	PUTL(b, "}}\n");
}
