/*
 * Internal: the output side of batch scoring (batch_out.c), used by the
 * batch engine (batch.c): CSV columns, and one record written as JSONL or
 * CSV into a reusable buffer.
 * SPDX-License-Identifier: MIT
 */
#ifndef ASSOC_LIB_BATCH_INTERNAL_H
#define ASSOC_LIB_BATCH_INTERNAL_H

#include "score_internal.h"

/* The CSV measure columns: catalogue order, and a map from a result's
 * measure definition to its column (sorted by address, searched by
 * bisection: a report has ~200 results, the catalogue ~90 measures). */
typedef struct assoc__batch_col {
	const assoc__measure_def *def;
	size_t col;
} assoc__batch_col;

typedef struct assoc__batch_cols {
	const char **ids;         /* column -> measure id */
	size_t n;
	assoc__batch_col *by_def; /* n entries sorted by def */
} assoc__batch_cols;

int assoc__batch_cols_init(assoc__batch_cols *c);
void assoc__batch_cols_dispose(assoc__batch_cols *c);
/* Column of a result's measure, or -1 when the measure has no CSV column. */
long assoc__batch_col_of(const assoc__batch_cols *c, const assoc__measure_def *def);

/* Per-thread scratch reused from record to record (CSV cells). */
typedef struct assoc__batch_scratch {
	double *cells;  /* rows x columns */
	size_t cap;
	int *years;
	size_t years_cap;
} assoc__batch_scratch;

void assoc__batch_scratch_dispose(assoc__batch_scratch *s);

/* Write a finite double as text that strtod reads back exactly (Grisu2,
 * batch_dtoa.c): "0.25", "-1234.5", "1.5e-07"... Returns the length (< 32,
 * not NUL-terminated). */
int assoc__batch_dtoa(char out[32], double v);

/* Append a double in a form that reads back exactly, short when it can be (integers
 * without a fraction). `x` must be finite. */
void assoc__batch_put_number(assoc__buf *b, double x);
/* Append `s` as a JSON string ("null" for NULL). */
void assoc__batch_put_json_string(assoc__buf *b, const char *s);
/* Append `s` as a CSV field, quoted when it needs to be (nothing for NULL). */
void assoc__batch_put_csv_field(assoc__buf *b, const char *s);

/* The CSV header row. */
void assoc__batch_csv_header(assoc__buf *b, const assoc__batch_cols *c);

/* One scored record. `year` is the batch's year option (0: all years).
 * Return the number of output lines appended; problems show as b->oom. */
size_t assoc__batch_jsonl_values(assoc__buf *b, const assoc_org *org, const assoc_profile *profile,
				 const assoc_report *rep, size_t line);
size_t assoc__batch_csv_rows(assoc__buf *b, assoc__batch_scratch *s, const assoc__batch_cols *c,
			     const assoc_org *org, const assoc_report *rep, int year, size_t line);
/* The full report (assoc_report_to_json) with "line" first. 1, or a negative code. */
int assoc__batch_jsonl_explain(assoc__buf *b, const assoc_report *rep, size_t line);

/* The error record of a failed input record, from the calling thread's last error. */
void assoc__batch_error_record(assoc__buf *b, int csv, size_t ncols, size_t line, const assoc_error *e);

#endif
