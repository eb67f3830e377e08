/*
 * Internal: how measures are computed and explained.
 * SPDX-License-Identifier: MIT
 *
 * A report is built by running each family of measures (one file each:
 * score_revenue.c, score_finance.c, score_trend.c, score_stress.c,
 * score_hr.c, score_alliance.c, score_territory.c, score_composite.c) over a
 * scoring context. Each family appends results through assoc__ctx_result().
 * Composite scores run last and read the results of the others.
 */
#ifndef ASSOC_LIB_SCORE_INTERNAL_H
#define ASSOC_LIB_SCORE_INTERNAL_H

#include "model.h"
#include "util.h"

/* Static description of one measure (the catalogue, docs/measures.md). */
typedef struct assoc__measure_def {
	const char *id;         /* "revenue.streams.hhi" */
	const char *unit;       /* "ratio", "share", "months", "points"... */
	const char *formula_id; /* "hhi" */
	const char *formula;    /* in words, e.g. "sum of squared shares of positive revenue by stream" */
	const char *source_tag; /* "V", "S" or "own" */
	const char *source_ref; /* "Tuckman & Chang 1991; REAT herf" */
} assoc__measure_def;

/* Each family file defines its table; catalogue.c gathers them. */
#define ASSOC__DECLARE_MEASURES(fam) \
	extern const assoc__measure_def assoc__measures_##fam[]; \
	extern const size_t assoc__measures_##fam##_count
ASSOC__DECLARE_MEASURES(revenue);
ASSOC__DECLARE_MEASURES(finance);
ASSOC__DECLARE_MEASURES(trend);
ASSOC__DECLARE_MEASURES(stress);
ASSOC__DECLARE_MEASURES(hr);
ASSOC__DECLARE_MEASURES(alliance);
ASSOC__DECLARE_MEASURES(territory);
ASSOC__DECLARE_MEASURES(composite);

/* Find a measure definition by id, NULL if unknown. */
const assoc__measure_def *assoc__measure_find(const char *id);

/* name -> value (+ origin for profile entries) */
typedef struct assoc__kv {
	char *name;
	double value;  /* NaN: the input was missing */
	char *origin;  /* profile entries: "base" or the override's name; else NULL */
} assoc__kv;

struct assoc_result {
	const assoc__measure_def *def;
	int year;
	char *subject;
	assoc_status status;
	double value;       /* NaN unless status is ok or partial */
	char *label;
	double coverage;    /* 1 unless the measure has a notion of coverage */
	char *explanation;
	char *reason;
	assoc__vec inputs;        /* assoc__kv */
	assoc__vec contributions; /* assoc__kv */
	assoc__vec profile_entries; /* assoc__kv */
	int oom;            /* an allocation failed while building it (builders return void): the caller fails with ASSOC_ENOMEM */
};

/* Opaque to families: the profile's internals live in profile.c. */
typedef struct assoc__override assoc__override;

/* Most specific territory override of `profile` matching `org` (commune >
 * département > région > country), or NULL. Implemented in profile.c. */
const assoc__override *assoc__profile_match(const assoc_profile *profile, const assoc_org *org);
/* Name of an override, as shown in results. */
const char *assoc__override_name(const assoc__override *o);

typedef struct assoc__ctx {
	const assoc_org *org;
	const assoc_profile *profile;
	const assoc__override *override; /* most specific territory override, or NULL */
	int year;                        /* 0: every year */
	int explain;                     /* 0 with ASSOC_SCORE_VALUES_ONLY: skip sentences, inputs, contributions */
	assoc__vec results;              /* assoc_result * (owned) */
	void *pool;                      /* report.c: blocks the results are carved from (one malloc per 64) */
} assoc__ctx;

/* Set up / tear down a context (resolves the territory override). */
int assoc__ctx_init(assoc__ctx *ctx, const assoc_org *org, const assoc_profile *profile, int year, int explain);
void assoc__ctx_dispose(assoc__ctx *ctx);

/* Append a new result for `measure` (must be in the catalogue), status
 * not_computable until set. `subject` may be NULL. */
int assoc__ctx_result(assoc_result **out, assoc__ctx *ctx, const char *measure, int year, const char *subject);
/* Same with the catalogue entry itself (no lookup by id: the families' hot path). */
int assoc__ctx_result_def(assoc_result **out, assoc__ctx *ctx, const assoc__measure_def *def, int year,
			  const char *subject);
/* Remove a result from the context and hand it to the caller (assoc_result_free()). ASSOC_ENOTFOUND if absent. */
int assoc__ctx_take(assoc_result **out, assoc__ctx *ctx, const char *measure, int year, const char *subject);
/* Fail with ASSOC_ENOMEM if a builder ran out of memory on any result of the context. */
int assoc__ctx_check(const assoc__ctx *ctx);
/* Find a result already computed in this context. */
const assoc_result *assoc__ctx_find(const assoc__ctx *ctx, const char *measure, int year, const char *subject);

/* Profile access that also records the entry on `r` (r may be NULL). 0 or ASSOC_ENOTFOUND. */
int assoc__ctx_constant(double *out, const assoc__ctx *ctx, assoc_result *r, const char *key);

/* Points of `value` in the band table of `measure` (with overrides); records
 * the entry on r. 0, or ASSOC_ENOTFOUND if the profile has no table for it. */
int assoc__ctx_band_points(double *points, const assoc__ctx *ctx, assoc_result *r, const char *measure, double value);

/* Result builders. The explanation and reason are printf-formatted;
 * with ctx->explain == 0 the explanation is skipped. */
void assoc__result_ok(assoc_result *r, const assoc__ctx *ctx, double value, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
void assoc__result_partial(assoc_result *r, const assoc__ctx *ctx, double value, double coverage,
			   const char *reason, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;
void assoc__result_not_computable(assoc_result *r, const assoc__ctx *ctx, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
int assoc__result_set_label(assoc_result *r, const char *label);
int assoc__result_input(assoc_result *r, const assoc__ctx *ctx, const char *name, double value);
int assoc__result_contribution(assoc_result *r, const assoc__ctx *ctx, const char *name, double value);
int assoc__result_profile_entry(assoc_result *r, const char *key, double value, const char *origin);
void assoc__result_dispose(assoc_result *r);

/* One result as a cJSON object (result.c; the report embeds it). */
struct cJSON;
int assoc__result_to_cjson(struct cJSON **out, const assoc_result *r);

/* Revenue of one year split by stream and category (score_revenue.c).
 * Negative lines count in the net totals but are clamped to 0 in every
 * share (line by line, so that S is the same at every level). */
typedef struct assoc__split {
	double stream[ASSOC_STREAM__COUNT];     /* sum of max(a, 0) per stream */
	double stream_net[ASSOC_STREAM__COUNT]; /* sum of a per stream */
	double category[ASSOC_CAT__COUNT];      /* sum of max(a, 0) per category */
	double positive;  /* S = sum of max(a, 0) */
	double lines;     /* sum of every line (net) */
	double total;     /* revenue R: the declared total if present, else `lines`; NaN when neither exists,
			   * or when the lines are only part of the revenue (`partial`) */
	int declared;     /* 1 when `total` is the declared total */
	int partial;      /* 1 when revenue_complete is false and no total is declared: the lines are only
			   * part of the revenue, so R and every share of the whole are unknown */
	size_t nlines;    /* revenue lines */
	size_t clamped;   /* negative lines */
} assoc__split;
void assoc__split_year(assoc__split *s, const assoc__year *y);
/* The year's revenue R (declared total, else sum of lines), NaN if neither
 * or if the lines are only part of the revenue (assoc__year_revenue_partial). */
double assoc__year_revenue(const assoc__year *y);
/* 1 when the year's revenue lines are known to be only part of its revenue
 * (revenue_complete false) and no total is declared: R is unknown, and so is
 * every share of the whole; funder-level measures still describe the lines. */
int assoc__year_revenue_partial(const assoc__year *y);
/* The reason for such a year, "the revenue lines of 2015 are only part of the
 * revenue (revenue_complete is false)" followed by `consequence` (may be NULL
 * or "": nothing follows), e.g. ": shares of the whole cannot be computed".
 * Returns buf. */
const char *assoc__revenue_partial_reason(char *buf, size_t len, const assoc__year *y, const char *consequence);
/* *ok = 1 if the lines account for the declared total within the profile's
 * "revenue.unattributed_tolerance" (a share of the total; no total declared
 * means nothing is left over), else *ok = 0 and the reason in `why` (may be
 * NULL), also when the profile lacks the constant. Records the profile entry
 * on r (may be NULL). Returns 0 or ASSOC_ENOMEM. */
int assoc__split_attributed(int *ok, const assoc__ctx *ctx, assoc_result *r, const assoc__split *s, char *why,
			    size_t whylen);

/* Revenue of one year grouped by funder (score_revenue.c). A line belongs to
 * a funder when it gives the funder's identifier (key "scheme:value") or
 * name (key: its caseless match key); lines naming no funder are left out. */
typedef struct assoc__funder_group {
	const assoc__funder *funder; /* of the group's first line: its name or identifier shows the group */
	double amount;               /* sum of max(a, 0) */
} assoc__funder_group;
typedef struct assoc__funders {
	assoc__funder_group *groups; /* groups with a positive amount, in order of first appearance */
	size_t n;
	double identified;           /* sum of the groups' amounts */
	size_t lines;                /* lines naming a funder */
} assoc__funders;
int assoc__funders_group(assoc__funders *out, const assoc__year *y);
void assoc__funders_dispose(assoc__funders *f);
/* How a funder is shown: its name, else "scheme:value" (truncated to fit). */
const char *assoc__funder_display(char *buf, size_t len, const assoc__funder *f);

/* Stress scenarios (score_stress.c): results "stress.largest_funder",
 * "stress.largest_stream" and "stress.stream_drop" for year y. */
int assoc__stress_remove_largest(assoc__ctx *ctx, const assoc__year *y, assoc_level level);
int assoc__stress_stream_drop(assoc__ctx *ctx, const assoc__year *y, int stream, double share);

/* The families. Each appends its results to ctx->results. */
int assoc__score_revenue(assoc__ctx *ctx, const assoc__year *y);
int assoc__score_finance(assoc__ctx *ctx, const assoc__year *y);
int assoc__score_stress(assoc__ctx *ctx, const assoc__year *y);
int assoc__score_hr(assoc__ctx *ctx, const assoc__year *y);
int assoc__score_trend(assoc__ctx *ctx);
int assoc__score_alliances(assoc__ctx *ctx);
int assoc__score_territory(assoc__ctx *ctx);
int assoc__score_composite(assoc__ctx *ctx);

#endif
