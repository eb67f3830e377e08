/*
 * Composite scores (formulas.md §5; docs/measures.md): each lever,
 * territory and the overall score, 0-100, from the profile's band tables
 * and weights. Runs last: it reads the results the other families put in
 * the context.
 * SPDX-License-Identifier: MIT
 *
 * An indicator that is not computable is dropped and the weights of the
 * others are renormalised; the result carries the coverage (weights used /
 * all weights) and is not computable below the profile's
 * composite.min_coverage. Points of a band table are put on 0-100 by the
 * table's highest points, so a published 0-10 table can be used verbatim.
 */
#include <stdio.h>
#include <string.h>
#include "error.h"
#include "profile_internal.h"

/* Sorted by id (catalogue.c bisects). */
const assoc__measure_def assoc__measures_composite[] = {
	{ "score.alliances", "points", "weighted_points",
	  "sum of weight x points (0-100) of the alliance indicators / sum of the weights used (organisation level)",
	  "own", "libassoc default profile (docs/profile.md)" },
	{ "score.financing", "points", "weighted_points",
	  "sum of weight x points (0-100) of the financing indicators / sum of the weights used (per year)", "own",
	  "libassoc default profile; bands cite NFF, Charity Navigator and antitrust HHI thresholds" },
	{ "score.human_resources", "points", "weighted_points",
	  "sum of weight x points (0-100) of the human-resources indicators / sum of the weights used (per year)",
	  "own", "libassoc default profile (docs/profile.md)" },
	{ "score.overall", "points", "weighted_points",
	  "sum of weight x score of the three levers and territory / sum of the weights used (per year)", "own",
	  "libassoc default profile (docs/profile.md)" },
	{ "score.territory", "points", "weighted_points",
	  "sum of weight x points (0-100) of the territorial anchoring indicators / sum of the weights used (per year)",
	  "own", "libassoc default profile (docs/profile.md)" },
};
const size_t assoc__measures_composite_count = sizeof assoc__measures_composite / sizeof assoc__measures_composite[0];

/* Evaluation order, and whether each composite is computed per year (1)
 * or once for the organisation (0). */
static const struct {
	const char *id;
	int per_year;
} ORDER[] = {
	{ "score.human_resources", 1 },
	{ "score.financing", 1 },
	{ "score.alliances", 0 },
	{ "score.territory", 1 },
	{ "score.overall", 1 },
};
#define NORDER (sizeof ORDER / sizeof ORDER[0])

int assoc__composite_rank(const char *id)
{
	size_t i;
	for (i = 0; id && i < NORDER; i++)
		if (strcmp(ORDER[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* The result a component reads: the year's if there is one, else the
 * organisation-level one (alliance and territory measures are year 0). */
static const assoc_result *component_result(const assoc__ctx *ctx, const char *measure, int year)
{
	const assoc_result *r = assoc__ctx_find(ctx, measure, year, NULL);
	if (!r && year != 0)
		r = assoc__ctx_find(ctx, measure, 0, NULL);
	return r;
}

static void append(char *out, size_t len, const char *fmt, const char *a, const char *b)
{
	size_t n = strlen(out);
	if (n < len)
		snprintf(out + n, len - n, fmt, n ? "; " : "", a, b);
}

/* Points on 0-100 of component `m` whose value is `v`; records the band
 * entry. 0, 1 (no band holds the value: dropped), or ASSOC_ENOMEM. */
static int component_points(double *points, assoc__ctx *ctx, assoc_result *r, const char *m, double v)
{
	const char *origin;
	const assoc__band_table *t = assoc__profile_bands(ctx->profile, ctx->override, m, &origin);
	char key[160];
	double raw;
	if (!t) {
		/* A composite used in another: already on 0-100 (checked at load). */
		*points = v;
		return 0;
	}
	if (assoc__band_table_points(&raw, t, v) < 0)
		return 1;
	*points = 100 * raw / t->max_points;
	/* The key is only for the explanation: values-only scoring skips it. */
	if (!ctx->explain || !r)
		return 0;
	snprintf(key, sizeof key, "bands.%s", m);
	if (assoc__result_profile_entry(r, key, raw, origin) < 0)
		return ASSOC_ENOMEM;
	return 0;
}

/* The composite's name in a sentence ("score.financing" -> "The financing score"). */
static const char *title(const char *id)
{
	static const struct { const char *id, *title; } names[] = {
		{ "score.human_resources", "The human-resources score" },
		{ "score.financing", "The financing score" },
		{ "score.alliances", "The alliances score" },
		{ "score.territory", "The territorial-anchoring score" },
		{ "score.overall", "The overall score" },
	};
	size_t i;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(names[i].id, id))
			return names[i].title;
	return id;
}

/* Status and sentence: ok when every weighted indicator was computed in
 * full; partial (with the reason naming what was dropped or partial) else. */
static void explain(assoc_result *r, const assoc__ctx *ctx, const char *id, const char *when, double score,
		    double cov, const char *dropped, const char *partial, const char *origin)
{
	const char *ovr = strcmp(origin, "base") ? ", with the weights of territory override " : "";
	const char *ovr_name = strcmp(origin, "base") ? origin : "";
	char why[1900];
	if (!dropped[0] && !partial[0]) {
		assoc__result_ok(r, ctx, score, "%s%s is %.1f out of 100: the weighted mean of the points of all its indicators%s%s.",
				 title(id), when, score, ovr, ovr_name);
		return;
	}
	snprintf(why, sizeof why, "%s%s%s%s%s", dropped[0] ? "dropped, weights renormalised: " : "", dropped,
		 dropped[0] && partial[0] ? "; " : "", partial[0] ? "computed from partial indicators: " : "", partial);
	assoc__result_partial(r, ctx, score, cov, why, "%s%s is %.1f out of 100 from %.0f%% of the weights (%s)%s%s.",
			      title(id), when, score, 100 * cov, why, ovr, ovr_name);
}

static int compute(assoc__ctx *ctx, const char *id, int year)
{
	const char *origin;
	const assoc__weight_set *w = assoc__profile_weights(ctx->profile, ctx->override, id, &origin);
	char dropped[1200] = "", partial[600] = "", key[200], when[24] = "";
	double used = 0, sum = 0, min_cov, cov;
	assoc_result *r;
	size_t i;
	int rc;
	if (year)
		snprintf(when, sizeof when, " in %d", year);
	if ((rc = assoc__ctx_result(&r, ctx, id, year, NULL)) < 0)
		return rc;
	if (!w) {
		assoc__result_not_computable(r, ctx, "the profile '%s' has no weights for %s", ctx->profile->id, id);
		return 0;
	}
	for (i = 0; i < w->components.n; i++) {
		const assoc__weight *c = ASSOC__AT(w->components, assoc__weight, i);
		const assoc_result *cr;
		double pts;
		if (c->weight == 0)
			continue;
		if (ctx->explain) {
			snprintf(key, sizeof key, "weights.%s.%s", id, c->measure);
			if ((rc = assoc__result_profile_entry(r, key, c->weight, origin)) < 0)
				return rc;
		}
		cr = component_result(ctx, c->measure, year);
		assoc__result_input(r, ctx, c->measure, cr ? cr->value : ASSOC__ABSENT);
		if (!cr || cr->status == ASSOC_STATUS_NOT_COMPUTABLE) {
			append(dropped, sizeof dropped, "%s%s (%s)", c->measure,
			       cr ? (cr->reason ? cr->reason : "not computable") : "not computed");
			continue;
		}
		if ((rc = component_points(&pts, ctx, r, c->measure, cr->value)) < 0)
			return rc;
		if (rc == 1) {
			append(dropped, sizeof dropped, "%s%s (%s)", c->measure, "value outside every band of the profile");
			continue;
		}
		if (cr->status == ASSOC_STATUS_PARTIAL)
			append(partial, sizeof partial, "%s%s%s", c->measure, "");
		used += c->weight;
		sum += c->weight * pts;
	}
	if ((rc = assoc__ctx_constant(&min_cov, ctx, r, "composite.min_coverage")) == ASSOC_ENOMEM)
		return rc;
	if (rc < 0)
		min_cov = 0;
	cov = used / w->total;
	if (!(used > 0) || cov < min_cov) {
		assoc__result_not_computable(r, ctx, "only %.0f%% of the weights have a computable indicator (minimum %.0f%%); dropped: %s",
					     100 * cov, 100 * min_cov, dropped);
		r->coverage = cov;
		return 0;
	}
	/* Contributions: each component's weighted points, summing to the score
	 * (explanations only: values-only scoring would discard them). */
	for (i = 0; ctx->explain && i < w->components.n; i++) {
		const assoc__weight *c = ASSOC__AT(w->components, assoc__weight, i);
		const assoc_result *cr = component_result(ctx, c->measure, year);
		double pts;
		if (c->weight == 0 || !cr || cr->status == ASSOC_STATUS_NOT_COMPUTABLE)
			continue;
		if (component_points(&pts, ctx, NULL, c->measure, cr->value) == 0)
			assoc__result_contribution(r, ctx, c->measure, c->weight * pts / used);
	}
	explain(r, ctx, id, when, sum / used, cov, dropped, partial, origin);
	return 0;
}

int assoc__score_composite(assoc__ctx *ctx)
{
	const assoc__vec *years = &ctx->org->years;
	size_t k, i;
	int rc;
	for (k = 0; k < NORDER; k++) {
		if (!ORDER[k].per_year) {
			if ((rc = compute(ctx, ORDER[k].id, 0)) < 0)
				return rc;
			continue;
		}
		for (i = 0; i < years->n; i++) {
			int y = (int)ASSOC__AT(*years, assoc__year, i)->year;
			if (ctx->year && y != ctx->year)
				continue;
			if ((rc = compute(ctx, ORDER[k].id, y)) < 0)
				return rc;
		}
	}
	return 0;
}
