/*
 * Territory (formulas.md §4; docs/measures.md): the share of public
 * subsidies that comes from local authorities, the declared scope, and the
 * priority-area flags echoed as dated inputs. The alliance anchoring shares
 * are the alliances.local_share_* measures (score_alliance.c).
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>
#include "error.h"
#include "profile_internal.h"

/* Sorted by id (catalogue.c bisects). */
const assoc__measure_def assoc__measures_territory[] = {
	{ "territory.digital_fragility", "level", "input", "digital-fragility index of the territory (1-10, 10 = highest risk), as supplied",
	  "V", "digital-fragility index (user-supplied, dated)" },
	{ "territory.frr", "level", "input", "1 if the organisation is in a France Ruralites Revitalisation area, else 0, as supplied",
	  "V", "FRR/FRR+ replaced ZRR on 2024-07-01 (user-supplied, dated)" },
	{ "territory.local_public_funding_share", "share", "local_public_share",
	  "subsidies from the commune, intercommunality, departement and region / public subsidies whose level is known",
	  "own", "formulas.md section 4 (anchoring)" },
	{ "territory.qpv", "level", "input", "1 if the organisation is in a quartier prioritaire de la politique de la ville, else 0, as supplied",
	  "V", "QPV: 1,362 in metropolitan France since 2024-01-01 (user-supplied, dated)" },
	{ "territory.scope", "level", "scope", "declared scope: 1 local, 2 departemental, 3 regional, 4 national, 5 international",
	  "own", "libassoc" },
};
const size_t assoc__measures_territory_count = sizeof assoc__measures_territory / sizeof assoc__measures_territory[0];

/* Public level of a subsidy line: its category when the category names a
 * level, else the funder's declared level; -1 when unknown. */
static int line_level(const assoc__revenue *l)
{
	switch (l->category) {
	case ASSOC_CAT_SUBSIDY_EU:
		return ASSOC_LEVEL_EU;
	case ASSOC_CAT_SUBSIDY_STATE:
		return ASSOC_LEVEL_STATE;
	case ASSOC_CAT_SUBSIDY_REGION:
		return ASSOC_LEVEL_REGION;
	case ASSOC_CAT_SUBSIDY_DEPARTEMENT:
		return ASSOC_LEVEL_DEPARTEMENT;
	case ASSOC_CAT_SUBSIDY_INTERCOMMUNALITY:
		return ASSOC_LEVEL_INTERCOMMUNALITY;
	case ASSOC_CAT_SUBSIDY_COMMUNE:
		return ASSOC_LEVEL_COMMUNE;
	case ASSOC_CAT_SUBSIDY_SOCIAL_BODIES:
		return ASSOC_LEVEL_SOCIAL_BODY;
	default:
		return l->funder.public_level >= 0 ? l->funder.public_level : -1;
	}
}

static int is_local(int level)
{
	return level == ASSOC_LEVEL_COMMUNE || level == ASSOC_LEVEL_INTERCOMMUNALITY ||
	       level == ASSOC_LEVEL_DEPARTEMENT || level == ASSOC_LEVEL_REGION;
}

/* A year whose lines are only part of its revenue: the share is among the
 * recorded subsidies (e.g. those of the SCDL file's publishers), which is
 * what such data tells; the sentence says so. */
#define RECORDED_ONLY " It covers only the recorded revenue lines, which are part of the revenue (revenue_complete is false)."

static int result_local_funding(assoc__ctx *ctx, const assoc__year *y)
{
	double by_level[ASSOC_LEVEL__COUNT] = { 0 }, local = 0, known = 0, unknown = 0;
	size_t i, lines = 0;
	int year = (int)y->year, rc;
	assoc_result *r;
	if ((rc = assoc__ctx_result(&r, ctx, "territory.local_public_funding_share", year, NULL)) < 0)
		return rc;
	for (i = 0; i < y->revenue.n; i++) {
		const assoc__revenue *l = ASSOC__AT(y->revenue, assoc__revenue, i);
		double a = l->amount > 0 ? l->amount : 0; /* negative lines clamped, as in every share */
		int level;
		if (assoc_category_stream(l->category) != ASSOC_STREAM_PUBLIC_SUBSIDIES)
			continue;
		lines++;
		level = line_level(l);
		if (level < 0) {
			unknown += a;
			continue;
		}
		by_level[level] += a;
		known += a;
		if (is_local(level))
			local += a;
	}
	for (i = 0; i < ASSOC_LEVEL__COUNT; i++) {
		assoc__result_input(r, ctx, assoc_vocab_id(ASSOC_VOCAB_PUBLIC_LEVEL, (int)i), by_level[i]);
		if (is_local((int)i) && by_level[i] > 0 && known > 0)
			assoc__result_contribution(r, ctx, assoc_vocab_id(ASSOC_VOCAB_PUBLIC_LEVEL, (int)i),
						   by_level[i] / known);
	}
	assoc__result_input(r, ctx, "level_unknown", unknown);
	if (lines == 0) {
		assoc__result_not_computable(r, ctx, "%d has no public subsidy line: there is no public funding to split", year);
	} else if (!(known > 0)) {
		assoc__result_not_computable(r, ctx, "%d: no public subsidy with a positive amount has a known level", year);
	} else if (unknown > 0) {
		char why[160];
		const char *tail = assoc__year_revenue_partial(y) ? RECORDED_ONLY : "";
		snprintf(why, sizeof why, "%.2f %s of public subsidies have no known level (other public, no funder level)",
			 unknown, y->currency);
		assoc__result_partial(r, ctx, local / known, known / (known + unknown), why,
				      "%d: %.1f%% of the public subsidies whose level is known come from local authorities.%s",
				      year, 100 * local / known, tail);
	} else {
		assoc__result_ok(r, ctx, local / known,
				 "%d: %.1f%% of the public subsidies (%.2f of %.2f %s) come from local authorities "
				 "(commune, intercommunality, departement, region).%s",
				 year, 100 * local / known, local, known, y->currency,
				 assoc__year_revenue_partial(y) ? RECORDED_ONLY : "");
	}
	return 0;
}

static int result_scope(assoc__ctx *ctx)
{
	const assoc_org *org = ctx->org;
	const char *ov = assoc__override_name(ctx->override);
	assoc_result *r;
	int rc;
	if ((rc = assoc__ctx_result(&r, ctx, "territory.scope", 0, NULL)) < 0)
		return rc;
	if (org->scope < 0) {
		assoc__result_not_computable(r, ctx, "the organisation declares no scope of action");
		return 0;
	}
	if ((rc = assoc__result_set_label(r, assoc_vocab_id(ASSOC_VOCAB_SCOPE, org->scope))) < 0)
		return rc;
	/* The sentence also says which territory override of the profile judges this organisation. */
	assoc__result_ok(r, ctx, org->scope + 1, "Declared scope: %s. %s%s%s", assoc_vocab_id(ASSOC_VOCAB_SCOPE, org->scope),
			 ov ? "Scored with the profile's territory override '" : "Scored with the profile's base values (no territory override matches)",
			 ov ? ov : "", ov ? "'." : ".");
	return 0;
}

static int result_flag(assoc__ctx *ctx, const char *id, double value, const char *what)
{
	const assoc__priority *p = &ctx->org->priority;
	assoc_result *r;
	int rc;
	if ((rc = assoc__ctx_result(&r, ctx, id, 0, NULL)) < 0)
		return rc;
	if (!assoc__has(value)) {
		assoc__result_not_computable(r, ctx, "%s is not supplied", what);
		return 0;
	}
	assoc__result_input(r, ctx, what, value);
	assoc__result_ok(r, ctx, value, "%s: %g (as supplied, %s%s).", what, value,
			 p->vintage ? "dated " : "undated", p->vintage ? p->vintage : "");
	return 0;
}

static double tri(int t) { return t < 0 ? ASSOC__ABSENT : t; }

int assoc__score_territory(assoc__ctx *ctx)
{
	const assoc_org *org = ctx->org;
	size_t i;
	int rc;
	for (i = 0; i < org->years.n; i++) {
		const assoc__year *y = ASSOC__AT(org->years, assoc__year, i);
		if (ctx->year && (int)y->year != ctx->year)
			continue;
		if ((rc = result_local_funding(ctx, y)) < 0)
			return rc;
	}
	if ((rc = result_scope(ctx)) < 0 ||
	    (rc = result_flag(ctx, "territory.qpv", tri(org->priority.qpv), "quartier prioritaire (QPV)")) < 0 ||
	    (rc = result_flag(ctx, "territory.frr", tri(org->priority.frr), "France Ruralites Revitalisation (FRR)")) < 0 ||
	    (rc = result_flag(ctx, "territory.digital_fragility", org->priority.digital_fragility,
			      "digital-fragility index")) < 0)
		return rc;
	return 0;
}
