/*
 * Revenue across the years of an organisation (formulas.md 1.3): compound
 * annual growth and volatility. Organisation-level results (year 0).
 * SPDX-License-Identifier: MIT
 *
 * A year's revenue is R (declared total, else the sum of its lines); years
 * where R is unknown are left out and named in the explanation. A year whose
 * lines are only part of its revenue (revenue_complete false, no total) has
 * no R: growth between two partial sources would be the growth of what was
 * published, not of the organisation.
 */
#include <stdio.h>
#include <string.h>
#include "error.h"
#include "score_internal.h"

enum { T_GROWTH, T_VOLATILITY, T__COUNT };

const assoc__measure_def assoc__measures_trend[] = {
	{ "trend.revenue_growth", "rate", "cagr",
	  "(R_last / R_first)^(1/n) - 1, n = years between the first and the last year with a known revenue", "V",
	  "Charity Navigator program expense growth (compound annual growth rate)" },
	{ "trend.revenue_volatility", "ratio", "coefficient_of_variation",
	  "population standard deviation / mean of yearly revenue (ddof = 0, as scipy.stats.variation)", "own",
	  "standard coefficient of variation; formulas.md 1.3" },
};
const size_t assoc__measures_trend_count = sizeof assoc__measures_trend / sizeof assoc__measures_trend[0];

typedef struct point {
	int year;
	double revenue;
} point;

/* Years left out: how many, and how many of them hold only part of their revenue. */
typedef struct unknown_years {
	size_t n, partial;
	int first_partial; /* a year with partial lines, for the reason */
} unknown_years;

/* Years with a known revenue, in ascending order (insertion sort: the
 * model nearly always holds them sorted already). */
static int collect(point **out, size_t *n, unknown_years *unknown, const assoc_org *org)
{
	size_t i, j, k = 0;
	point *p;
	*out = NULL;
	*n = 0;
	memset(unknown, 0, sizeof *unknown);
	if (!org->years.n)
		return 0;
	if (!(p = assoc__malloc(org->years.n * sizeof *p)))
		return assoc__error_oom();
	for (i = 0; i < org->years.n; i++) {
		const assoc__year *y = ASSOC__AT(org->years, assoc__year, i);
		point pt = { (int)y->year, assoc__year_revenue(y) };
		if (!assoc__has(pt.revenue)) {
			if (assoc__year_revenue_partial(y) && unknown->partial++ == 0)
				unknown->first_partial = pt.year;
			unknown->n++;
			continue;
		}
		for (j = k; j > 0 && p[j - 1].year > pt.year; j--)
			p[j] = p[j - 1];
		p[j] = pt;
		k++;
	}
	*out = p;
	*n = k;
	return 0;
}

static int inputs(assoc_result *r, const assoc__ctx *ctx, const point *p, size_t n)
{
	char name[16];
	size_t i;
	int rc;
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof name, "%d", p[i].year);
		if ((rc = assoc__result_input(r, ctx, name, p[i].revenue)) < 0)
			return rc;
	}
	return 0;
}

/* " (2 of them, e.g. 2015, hold only part of their revenue: revenue_complete is false)" or "". */
static const char *partial_note(char *buf, size_t len, const unknown_years *u)
{
	buf[0] = '\0';
	if (u->partial == 1)
		snprintf(buf, len, "; %d holds only part of its revenue (revenue_complete is false)", u->first_partial);
	else if (u->partial > 1)
		snprintf(buf, len, "; %zu of them, e.g. %d, hold only part of their revenue (revenue_complete is false)",
			 u->partial, u->first_partial);
	return buf;
}

static void growth(assoc_result *r, const assoc__ctx *ctx, const point *p, size_t n, const unknown_years *unknown)
{
	const point *a, *b;
	char note[160];
	int years;
	double v;
	if (n < 2) {
		assoc__result_not_computable(r, ctx, "growth needs revenue for at least 2 years (%zu known, %zu unknown%s)",
					     n, unknown->n, partial_note(note, sizeof note, unknown));
		return;
	}
	a = &p[0];
	b = &p[n - 1];
	years = b->year - a->year;
	if (!(a->revenue > 0)) {
		assoc__result_not_computable(r, ctx, "revenue in the first year (%d) is %.15g: growth needs it positive",
					     a->year, a->revenue);
		return;
	}
	if (years <= 0) {
		assoc__result_not_computable(r, ctx, "the first and the last year are the same (%d)", a->year);
		return;
	}
	if (b->revenue < 0) {
		assoc__result_not_computable(r, ctx, "revenue in the last year (%d) is negative (%.15g)", b->year,
					     b->revenue);
		return;
	}
	v = pow(b->revenue / a->revenue, 1.0 / years) - 1.0;
	assoc__result_ok(r, ctx, v,
			 "Revenue went from %.15g (%d) to %.15g (%d): a compound annual growth rate of %.2f%% over %d "
			 "year%s.",
			 a->revenue, a->year, b->revenue, b->year, 100.0 * v, years, years > 1 ? "s" : "");
}

static void volatility(assoc_result *r, const assoc__ctx *ctx, const point *p, size_t n,
		       const unknown_years *unknown)
{
	double mean = 0.0, var = 0.0, v;
	char note[160];
	size_t i;
	if (n < 3) {
		assoc__result_not_computable(r, ctx,
					     "volatility needs revenue for at least 3 years (%zu known, %zu unknown%s)", n,
					     unknown->n, partial_note(note, sizeof note, unknown));
		return;
	}
	for (i = 0; i < n; i++)
		mean += p[i].revenue;
	mean /= (double)n;
	if (!(mean > 0)) {
		assoc__result_not_computable(r, ctx, "mean revenue is %.15g: the coefficient of variation needs it positive",
					     mean);
		return;
	}
	for (i = 0; i < n; i++)
		var += (p[i].revenue - mean) * (p[i].revenue - mean);
	v = sqrt(var / (double)n) / mean;
	assoc__result_ok(r, ctx, v,
			 "Over %zu years (%d-%d) revenue averaged %.2f with a standard deviation of %.2f: a coefficient "
			 "of variation of %.4g.",
			 n, p[0].year, p[n - 1].year, mean, v * mean, v);
}

int assoc__score_trend(assoc__ctx *ctx)
{
	point *p;
	size_t n;
	unknown_years unknown;
	assoc_result *g, *v;
	int rc;
	if ((rc = collect(&p, &n, &unknown, ctx->org)) < 0)
		return rc;
	if ((rc = assoc__ctx_result_def(&g, ctx, &assoc__measures_trend[T_GROWTH], 0, NULL)) == 0 &&
	    (rc = inputs(g, ctx, p, n)) == 0)
		growth(g, ctx, p, n, &unknown);
	if (rc == 0 && (rc = assoc__ctx_result_def(&v, ctx, &assoc__measures_trend[T_VOLATILITY], 0, NULL)) == 0 &&
	    (rc = inputs(v, ctx, p, n)) == 0)
		volatility(v, ctx, p, n, &unknown);
	assoc__free(p);
	return rc;
}
