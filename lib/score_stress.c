/*
 * Stress tests of one year (formulas.md 1.3, [own]): how many months cash
 * lasts when the largest funder or stream disappears, or when one stream
 * falls by a given share, expenses kept.
 * SPDX-License-Identifier: MIT
 *
 *   survival months = cash / max(floor, monthly cash expenses - monthly remaining revenue)
 *
 * Cash expenses are total expenses less depreciation (0 if absent), the
 * denominator of finance.months_of_cash: with no revenue at all both
 * measures agree. When the remaining revenue still covers the expenses
 * there is no gap; the floor (profile constant "stress.epsilon_monthly", a
 * share of monthly cash expenses) keeps the value finite, and the
 * explanation says so. The amount removed is the group's positive revenue
 * (negative lines are clamped, as for the dependence rate).
 */
#include <stdio.h>
#include <string.h>
#include "error.h"
#include "score_internal.h"

#define EPSILON_KEY "stress.epsilon_monthly"

enum { S_LARGEST_FUNDER, S_LARGEST_STREAM, S_STREAM_DROP, S__COUNT };

const assoc__measure_def assoc__measures_stress[] = {
	{ "stress.largest_funder", "months", "survival_months",
	  "cash / max(eps x monthly cash expenses, monthly cash expenses - monthly revenue without the largest funder)",
	  "own", "formulas.md 1.3 stress test" },
	{ "stress.largest_stream", "months", "survival_months",
	  "cash / max(eps x monthly cash expenses, monthly cash expenses - monthly revenue without the largest stream)",
	  "own", "formulas.md 1.3 stress test" },
	{ "stress.stream_drop", "months", "survival_months",
	  "cash / max(eps x monthly cash expenses, monthly cash expenses - monthly revenue after a stream falls by "
	  "a share); computed by assoc_stress_stream_drop() only",
	  "own", "formulas.md 1.3 stress test" },
};
const size_t assoc__measures_stress_count = sizeof assoc__measures_stress / sizeof assoc__measures_stress[0];

/* What the scenario removes. */
typedef struct loss {
	const char *label; /* identifier of the group (label of the result) */
	const char *words; /* in the sentence */
	double amount;
	double coverage;   /* < 1: the largest funder among the identified part */
	const char *partial;
} loss;

static int scenario(assoc_result *r, const assoc__ctx *ctx, const assoc__year *y, const assoc__split *s,
		    const loss *l)
{
	const assoc__expenses *e = &y->expenses;
	double dep = assoc__has(e->depreciation) ? e->depreciation : 0.0, cash = y->balance.cash;
	double monthly, remaining, gap, floor_, eps, months;
	const char *cur = y->currency ? y->currency : "";
	int rc;
	if (l->label && (rc = assoc__result_set_label(r, l->label)) < 0)
		return rc;
	if ((rc = assoc__result_input(r, ctx, "lost_amount", l->amount)) < 0 ||
	    (rc = assoc__result_input(r, ctx, "total_revenue", s->total)) < 0 ||
	    (rc = assoc__result_input(r, ctx, "cash", cash)) < 0 ||
	    (rc = assoc__result_input(r, ctx, "total_expenses", e->total)) < 0 ||
	    (rc = assoc__result_input(r, ctx, "depreciation", e->depreciation)) < 0)
		return rc;
	if (!assoc__has(cash)) {
		assoc__result_not_computable(r, ctx, "cash is missing");
		return 0;
	}
	if (!assoc__has(e->total)) {
		assoc__result_not_computable(r, ctx, "total expenses are missing");
		return 0;
	}
	if (!((e->total - dep) > 0)) {
		assoc__result_not_computable(r, ctx, "expenses less depreciation are %.15g: there is nothing to burn",
					     e->total - dep);
		return 0;
	}
	rc = assoc__ctx_constant(&eps, ctx, ctx->explain ? r : NULL, EPSILON_KEY);
	if (rc == ASSOC_ENOTFOUND) {
		assoc__result_not_computable(r, ctx, "the profile has no constant '%s'", EPSILON_KEY);
		return 0;
	}
	if (rc < 0)
		return rc;
	monthly = (e->total - dep) / 12.0;
	remaining = s->total - l->amount;
	gap = monthly - remaining / 12.0;
	floor_ = eps * monthly;
	months = cash / (gap > floor_ ? gap : floor_);
	if ((rc = assoc__result_input(r, ctx, "monthly_gap", gap)) < 0)
		return rc;
	if (!ctx->explain) {
		if (l->coverage < 1.0)
			assoc__result_partial(r, ctx, months, l->coverage, l->partial, "%s", "");
		else
			assoc__result_ok(r, ctx, months, "%s", "");
		return 0;
	}
#define EMIT(...)                                                                                  \
	do {                                                                                       \
		if (l->coverage < 1.0)                                                             \
			assoc__result_partial(r, ctx, months, l->coverage, l->partial, __VA_ARGS__); \
		else                                                                               \
			assoc__result_ok(r, ctx, months, __VA_ARGS__);                             \
	} while (0)
	if (gap > floor_)
		EMIT("Without %s (%.15g %s), revenue falls to %.15g against cash expenses of %.15g: a monthly gap of "
		     "%.2f that cash of %.15g covers for %.3g months.",
		     l->words, l->amount, cur, remaining, e->total - dep, gap, cash, months);
	else
		EMIT("Without %s (%.15g %s), the remaining revenue %.15g still covers cash expenses of %.15g: no real "
		     "gap; floored at %g of monthly expenses (%s), cash of %.15g would last %.4g months.",
		     l->words, l->amount, cur, remaining, e->total - dep, eps, EPSILON_KEY, cash, months);
#undef EMIT
	return 0;
}

/* Why no stream scenario is computable, or NULL. */
static int stream_check(const char **nc, const assoc__ctx *ctx, const assoc__year *y, const assoc__split *s,
			char *why, size_t len, int need_positive)
{
	int ok, rc;
	*nc = NULL;
	if (s->partial) {
		/* What remains after the loss is R minus it: R is unknown. */
		*nc = assoc__revenue_partial_reason(why, len, y, ": the revenue left after the loss is unknown");
		return 0;
	}
	if (!assoc__has(s->total)) {
		*nc = "the year has neither revenue lines nor a declared total revenue";
		return 0;
	}
	if (s->nlines == 0) {
		*nc = "the year has no revenue lines, so revenue cannot be split by stream";
		return 0;
	}
	if ((rc = assoc__split_attributed(&ok, ctx, NULL, s, why, len)) < 0)
		return rc;
	if (!ok)
		*nc = why;
	else if (need_positive && !(s->positive > 0))
		*nc = "the revenue lines sum to 0 once negative lines are clamped to 0, so no stream is the largest";
	return 0;
}

static int largest_stream(assoc__ctx *ctx, const assoc__year *y, const assoc__split *s)
{
	char why[320], words[160] = { 0 };
	const char *nc;
	assoc_result *r;
	loss l = { NULL, NULL, 0.0, 1.0, NULL };
	int rc, i, top = 0;
	if ((rc = assoc__ctx_result_def(&r, ctx, &assoc__measures_stress[S_LARGEST_STREAM], (int)y->year, NULL)) < 0 ||
	    (rc = stream_check(&nc, ctx, y, s, why, sizeof why, 1)) < 0)
		return rc;
	if (nc) {
		assoc__result_not_computable(r, ctx, "%s", nc);
		return 0;
	}
	for (i = 1; i < ASSOC_STREAM__COUNT; i++)
		if (s->stream[i] > s->stream[top])
			top = i;
	l.label = assoc_vocab_id(ASSOC_VOCAB_STREAM, top);
	l.amount = s->stream[top];
	if (ctx->explain)
		snprintf(words, sizeof words, "%s, the largest stream", assoc_vocab_label_en(ASSOC_VOCAB_STREAM, top));
	l.words = words;
	return scenario(r, ctx, y, s, &l);
}

static int largest_funder(assoc__ctx *ctx, const assoc__year *y, const assoc__split *s)
{
	char why[320], words[300] = { 0 }, buf[256], partial[160];
	const char *nc;
	assoc__funders f;
	assoc_result *r;
	loss l = { NULL, NULL, 0.0, 1.0, NULL };
	size_t i, top = 0;
	int rc;
	if ((rc = assoc__ctx_result_def(&r, ctx, &assoc__measures_stress[S_LARGEST_FUNDER], (int)y->year, NULL)) < 0 ||
	    (rc = stream_check(&nc, ctx, y, s, why, sizeof why, 1)) < 0)
		return rc;
	if (nc) {
		assoc__result_not_computable(r, ctx, "%s", nc);
		return 0;
	}
	if ((rc = assoc__funders_group(&f, y)) < 0)
		return rc;
	if (f.n == 0) {
		assoc__result_not_computable(r, ctx, f.lines ? "the revenue lines that name a funder sum to 0"
							     : "no revenue line names its funder");
		assoc__funders_dispose(&f);
		return 0;
	}
	for (i = 1; i < f.n; i++)
		if (f.groups[i].amount > f.groups[top].amount)
			top = i;
	l.label = assoc__funder_display(buf, sizeof buf, f.groups[top].funder);
	l.amount = f.groups[top].amount;
	if (f.identified < s->positive) {
		l.coverage = f.identified / s->positive;
		snprintf(partial, sizeof partial,
			 "%.0f%% of positive revenue names no funder: an unnamed funder could be larger",
			 100.0 * (1.0 - l.coverage));
		l.partial = partial;
	}
	if (ctx->explain)
		snprintf(words, sizeof words, "%s, the largest of %zu funders", l.label, f.n);
	l.words = words;
	rc = scenario(r, ctx, y, s, &l);
	assoc__funders_dispose(&f);
	return rc;
}

int assoc__stress_remove_largest(assoc__ctx *ctx, const assoc__year *y, assoc_level level)
{
	assoc__split s;
	assoc__split_year(&s, y);
	if (level == ASSOC_LEVEL_FUNDERS)
		return largest_funder(ctx, y, &s);
	return largest_stream(ctx, y, &s);
}

int assoc__stress_stream_drop(assoc__ctx *ctx, const assoc__year *y, int stream, double share)
{
	char why[320], words[200] = { 0 };
	const char *nc, *id = assoc_vocab_id(ASSOC_VOCAB_STREAM, stream);
	assoc__split s;
	assoc_result *r;
	loss l = { NULL, NULL, 0.0, 1.0, NULL };
	int rc;
	assoc__split_year(&s, y);
	if ((rc = assoc__ctx_result_def(&r, ctx, &assoc__measures_stress[S_STREAM_DROP], (int)y->year, id)) < 0 ||
	    (rc = assoc__result_input(r, ctx, "drop_share", share)) < 0)
		return rc;
	/* A stream with no revenue can still "fall": the scenario is then the
	 * year as it is, so S = 0 is no obstacle here. */
	if ((rc = stream_check(&nc, ctx, y, &s, why, sizeof why, 0)) < 0)
		return rc;
	if (nc) {
		assoc__result_not_computable(r, ctx, "%s", nc);
		return 0;
	}
	l.label = id;
	l.amount = share * s.stream[stream];
	if (ctx->explain)
		snprintf(words, sizeof words, "%.0f%% of %s", 100.0 * share,
			 assoc_vocab_label_en(ASSOC_VOCAB_STREAM, stream));
	l.words = words;
	return scenario(r, ctx, y, &s, &l);
}

int assoc__score_stress(assoc__ctx *ctx, const assoc__year *y)
{
	assoc__split s;
	int rc;
	assoc__split_year(&s, y);
	if ((rc = largest_stream(ctx, y, &s)) < 0)
		return rc;
	return largest_funder(ctx, y, &s);
}
