/*
 * Internal: the scoring profile "libassoc-profile/1" in memory, and the
 * accessors the scoring families use (docs/profile.md).
 * SPDX-License-Identifier: MIT
 *
 * A profile is a base set of entries (constants, band tables, composite
 * weights) plus territory overrides that each carry their own entries. A
 * lookup asks the override that applies (at most one: the most specific
 * match, see assoc__profile_match) and falls back to the base entry: an
 * override replaces a whole constant, a whole band table or the whole set
 * of weights of one composite, never part of one.
 */
#ifndef ASSOC_LIB_PROFILE_INTERNAL_H
#define ASSOC_LIB_PROFILE_INTERNAL_H

#include "score_internal.h"

/* A constant with its provenance (unit, date, source: NULL when not given). */
typedef struct assoc__pconst {
	char *key;
	double value;
	char *unit, *date, *source, *tag;
} assoc__pconst;

/* One band: [min, max] with explicit inclusive/exclusive ends; an absent
 * bound is unbounded (JSON has no infinity). */
typedef struct assoc__band {
	double min, max; /* NaN: unbounded */
	int min_inclusive, max_inclusive;
	double points;   /* >= 0 */
} assoc__band;

/* The band table of one measure: contiguous, non-overlapping bands in
 * ascending order. max_points (the largest points of the table, > 0) is the
 * table's scale: composites use points / max_points * 100. */
typedef struct assoc__band_table {
	char *measure;
	char *source, *tag;
	assoc__vec bands; /* assoc__band */
	double max_points;
} assoc__band_table;

typedef struct assoc__weight {
	char *measure;
	double weight; /* >= 0 */
} assoc__weight;

/* The weights of one composite score. total > 0. */
typedef struct assoc__weight_set {
	char *composite;
	char *source, *tag;
	assoc__vec components; /* assoc__weight, in the profile's order */
	double total;
} assoc__weight_set;

typedef struct assoc__entries {
	assoc__vec constants; /* assoc__pconst */
	assoc__vec bands;     /* assoc__band_table */
	assoc__vec weights;   /* assoc__weight_set */
} assoc__entries;

struct assoc__override {
	char *name;
	assoc__territory match; /* NULL fields are not part of the match */
	int specificity;        /* 4 commune, 3 departement, 2 region, 1 country */
	assoc__entries e;
};

/* Index of the multi-year weight after the eight practices. */
#define ASSOC__MATURITY_MULTI_YEAR ASSOC_PRACTICE__COUNT
#define ASSOC__MATURITY_COUNT (ASSOC_PRACTICE__COUNT + 1)

struct assoc_profile {
	char *id, *version, *description;
	assoc__entries base;
	double maturity[ASSOC__MATURITY_COUNT]; /* weights; all present after loading */
	char *maturity_source, *maturity_tag;
	assoc__vec overrides; /* assoc__override */
	int builtin;          /* the default profile: assoc_profile_free() ignores it */
};

/* Name of maturity weight i (a practice id or "multi_year"). */
const char *assoc__maturity_key(int i);

/* A constant as it applies under override `o` (may be NULL). *origin is
 * "base" or the override's name. 0 or ASSOC_ENOTFOUND; sets no error. */
int assoc__profile_constant_get(double *out, const char **origin, const assoc_profile *p,
				const assoc__override *o, const char *key);

/* Band table of `measure` under override `o`, or NULL. */
const assoc__band_table *assoc__profile_bands(const assoc_profile *p, const assoc__override *o,
					      const char *measure, const char **origin);

/* Points of `value` in table `t`: 0, or ASSOC_ENOTFOUND when no band
 * holds the value (tables need not cover the whole line). Sets no error. */
int assoc__band_table_points(double *points, const assoc__band_table *t, double value);

/* Weights of `composite` under override `o`, or NULL. */
const assoc__weight_set *assoc__profile_weights(const assoc_profile *p, const assoc__override *o,
						const char *composite, const char **origin);

/* Rank of a composite score in evaluation order (score.human_resources,
 * score.financing, score.alliances, score.territory, score.overall), or -1
 * if `id` is not a composite. A composite may only use composites ranked
 * before it (score_composite.c). */
int assoc__composite_rank(const char *id);

/* Origin string of an override for results: its name, or "base" for NULL. */
const char *assoc__origin_name(const assoc__override *o);

#endif
