/*
 * Financial health of one year (formulas.md 1.3): margins, liquidity,
 * reserves, leverage, expense ratios, cost of fundraising.
 * SPDX-License-Identifier: MIT
 *
 * Every measure is a ratio num / den that is not computable when an input
 * is missing (never read as 0) or the denominator is not positive; the one
 * exception, from the source, is depreciation, taken as 0 when absent.
 */
#include <stdio.h>
#include <string.h>
#include "error.h"
#include "score_internal.h"

/* Table order = sorted ids (the catalogue bisects). */
enum {
	F_ADMIN_RATIO,
	F_ADMIN_TO_REVENUE,
	F_DEBT_RATIO,
	F_EQUITY_RATIO,
	F_EQUITY_TO_REVENUE,
	F_FUNDRAISING_EFFICIENCY,
	F_MONTHS_OF_CASH,
	F_OPERATING_MARGIN,
	F_OPERATING_RESERVE,
	F_PROGRAM_RATIO,
	F__COUNT
};

const assoc__measure_def assoc__measures_finance[] = {
	{ "finance.admin_ratio", "share", "admin_ratio", "management and general expenses / total expenses", "V",
	  "Charity Navigator administrative expenses; fiscal (Urban Institute)" },
	{ "finance.admin_to_revenue", "ratio", "admin_to_revenue", "management and general expenses / total revenue",
	  "S", "Tuckman & Chang 1991, indicator 3 (administrative costs over revenue)" },
	{ "finance.debt_ratio", "ratio", "debt_ratio", "total liabilities / total assets", "V",
	  "fiscal (Urban Institute) debt ratio" },
	{ "finance.equity_ratio", "ratio", "equity_ratio", "net assets / total assets", "V",
	  "fiscal (Urban Institute) equity ratio" },
	{ "finance.equity_to_revenue", "ratio", "equity_to_revenue", "net assets / total revenue", "S",
	  "Tuckman & Chang 1991, indicator 1 (equity balance)" },
	{ "finance.fundraising_efficiency", "ratio", "fundraising_efficiency",
	  "fundraising expenses / contributions (gifts + dues + public subsidies, Form 990 line 1h)", "V",
	  "Charity Navigator: cost to raise $1" },
	{ "finance.months_of_cash", "months", "months_of_cash",
	  "cash / ((total expenses - depreciation) / 12); depreciation 0 if absent", "V",
	  "fiscal months of operating cash (numerator narrowed to cash + savings)" },
	{ "finance.operating_margin", "ratio", "operating_margin", "(total revenue - total expenses) / total revenue",
	  "V", "fiscal get_surplus_margin; Tuckman & Chang 1991, indicator 4" },
	{ "finance.operating_reserve", "months", "operating_reserve",
	  "(unrestricted net assets - net fixed assets) / (total expenses / 12)", "V",
	  "fiscal operating reserve ratio; Nonprofit Finance Fund target >= 3 months [S]" },
	{ "finance.program_ratio", "share", "program_ratio", "program service expenses / total expenses", "V",
	  "Charity Navigator program expense ratio; fiscal" },
};
const size_t assoc__measures_finance_count = sizeof assoc__measures_finance / sizeof assoc__measures_finance[0];

/* One term of a ratio: its name in the inputs and in sentences. */
typedef struct term {
	const char *name;  /* "total_expenses" */
	const char *words; /* "total expenses" */
	double value;      /* NaN: missing */
	const char *missing; /* the whole reason when missing, or NULL: "<words> is missing" */
} term;

typedef struct fin {
	assoc__ctx *ctx;
	const assoc__year *y;
	int year;
	const char *cur;
} fin;

/* Create the result, record the inputs, and settle the not-computable
 * cases. Returns the result to fill, or NULL (done, or *rc < 0). */
static assoc_result *ratio(fin *f, int m, const term *num, const term *den, const term *extra, int *rc)
{
	assoc_result *r;
	if ((*rc = assoc__ctx_result_def(&r, f->ctx, &assoc__measures_finance[m], f->year, NULL)) < 0)
		return NULL;
	if ((*rc = assoc__result_input(r, f->ctx, num->name, num->value)) < 0 ||
	    (*rc = assoc__result_input(r, f->ctx, den->name, den->value)) < 0 ||
	    (extra && (*rc = assoc__result_input(r, f->ctx, extra->name, extra->value)) < 0))
		return NULL;
	if (!assoc__has(num->value)) {
		if (num->missing)
			assoc__result_not_computable(r, f->ctx, "%s", num->missing);
		else
			assoc__result_not_computable(r, f->ctx, "%s %s missing", num->words,
						     strchr(num->words, '+') ? "are" : "is");
		return NULL;
	}
	if (!assoc__has(den->value)) {
		if (den->missing)
			assoc__result_not_computable(r, f->ctx, "%s", den->missing);
		else
			assoc__result_not_computable(r, f->ctx, "%s %s missing", den->words,
						     strchr(den->words, '+') ? "are" : "is");
		return NULL;
	}
	if (!(den->value > 0)) {
		assoc__result_not_computable(r, f->ctx, "%s is %.15g: the ratio needs it to be positive", den->words,
					     den->value);
		return NULL;
	}
	return r;
}

static int simple(fin *f, int m, const term *num, const term *den, const char *what)
{
	int rc;
	assoc_result *r = ratio(f, m, num, den, NULL, &rc);
	if (r) {
		double v = num->value / den->value;
		assoc__result_ok(r, f->ctx, v, "%s: %s (%.15g %s) / %s (%.15g) = %.4g.", what, num->words, num->value,
				 f->cur, den->words, den->value, v);
	}
	return rc;
}

/* The missing-revenue reason reads better than "total revenue is missing".
 * `buf` holds the reason of a year whose lines are only part of its revenue. */
static term revenue_term(const assoc__split *s, const assoc__year *y, char *buf, size_t len)
{
	term t = { "total_revenue", "total revenue", s->total, NULL };
	if (s->partial) {
		t.missing = assoc__revenue_partial_reason(buf, len, y, ": the total revenue is unknown");
	} else if (!assoc__has(s->total)) {
		t.words = "total revenue (no declared total and no revenue lines)";
	}
	return t;
}

static int operating_margin(fin *f, const assoc__split *s)
{
	char words[200];
	term rev = revenue_term(s, f->y, words, sizeof words);
	term exp_ = { "total_expenses", "total expenses", f->y->expenses.total, NULL };
	term surplus = { "surplus", "total expenses", ASSOC__ABSENT, NULL };
	assoc_result *r;
	int rc;
	/* The numerator is R - E: missing when either is, named after the one missing. */
	if (!assoc__has(rev.value)) {
		surplus.words = rev.words;
		surplus.missing = rev.missing;
	}
	if (assoc__has(rev.value) && assoc__has(exp_.value))
		surplus.value = rev.value - exp_.value;
	if (!(r = ratio(f, F_OPERATING_MARGIN, &surplus, &rev, &exp_, &rc)))
		return rc;
	assoc__result_ok(r, f->ctx, surplus.value / rev.value,
			 "Revenue %.15g minus expenses %.15g leaves a %s of %.15g %s: an operating margin of %.1f%%.",
			 rev.value, exp_.value, surplus.value >= 0 ? "surplus" : "deficit", surplus.value, f->cur,
			 100.0 * surplus.value / rev.value);
	return 0;
}

static int months_of_cash(fin *f)
{
	const assoc__expenses *e = &f->y->expenses;
	term cash = { "cash", "cash", f->y->balance.cash, NULL };
	term dep = { "depreciation", "depreciation", e->depreciation, NULL };
	term monthly = { "monthly_cash_expenses", "total expenses", ASSOC__ABSENT, NULL };
	double d = assoc__has(dep.value) ? dep.value : 0.0;
	assoc_result *r;
	int rc;
	if (assoc__has(e->total))
		monthly.value = (e->total - d) / 12.0;
	if (assoc__has(e->total))
		monthly.words = "monthly expenses less depreciation";
	if (!(r = ratio(f, F_MONTHS_OF_CASH, &cash, &monthly, &dep, &rc)))
		return rc;
	if ((rc = assoc__result_input(r, f->ctx, "total_expenses", e->total)) < 0)
		return rc;
	assoc__result_ok(r, f->ctx, cash.value / monthly.value,
			 "Cash of %.15g %s covers %.3g months of expenses (%.2f a month: expenses %.15g less "
			 "depreciation %.15g%s, over 12).",
			 cash.value, f->cur, cash.value / monthly.value, monthly.value, e->total, d,
			 assoc__has(dep.value) ? "" : ", absent so taken as 0");
	return 0;
}

static int operating_reserve(fin *f)
{
	const assoc__balance *b = &f->y->balance;
	term un = { "unrestricted_net_assets", "unrestricted net assets", b->unrestricted_net_assets, NULL };
	term nfa = { "net_fixed_assets", "net fixed assets", b->net_fixed_assets, NULL };
	term avail = { "available_reserve", "unrestricted net assets or net fixed assets", ASSOC__ABSENT, NULL };
	term monthly = { "monthly_expenses", "total expenses", ASSOC__ABSENT, NULL };
	assoc_result *r;
	int rc;
	if (!assoc__has(un.value))
		avail.words = "unrestricted net assets";
	else if (!assoc__has(nfa.value))
		avail.words = "net fixed assets";
	else
		avail.value = un.value - nfa.value;
	if (assoc__has(f->y->expenses.total))
		monthly.value = f->y->expenses.total / 12.0;
	if (!(r = ratio(f, F_OPERATING_RESERVE, &avail, &monthly, &nfa, &rc)))
		return rc;
	if ((rc = assoc__result_input(r, f->ctx, un.name, un.value)) < 0)
		return rc;
	assoc__result_ok(r, f->ctx, avail.value / monthly.value,
			 "Unrestricted net assets %.15g less net fixed assets %.15g leave %.15g %s: %.3g months of "
			 "expenses (%.2f a month).",
			 un.value, nfa.value, avail.value, f->cur, avail.value / monthly.value, monthly.value);
	return 0;
}

static int fundraising(fin *f, const assoc__ctx *ctx, const assoc__split *s)
{
	term fr = { "fundraising_expenses", "fundraising expenses", f->y->expenses.fundraising, NULL };
	term contrib = { "contributions", "contributions (gifts + dues + public subsidies)", ASSOC__ABSENT, NULL };
	char why[320];
	assoc_result *r;
	int ok = 1, rc;
	/* Contributions come from the stream split: unknown without lines, or
	 * when the lines do not account for the declared total. */
	if (s->nlines && (rc = assoc__split_attributed(&ok, ctx, NULL, s, why, sizeof why)) < 0)
		return rc;
	/* Contributions are summed over every line: part of the lines is not enough. */
	if (s->partial) {
		ok = 0;
		assoc__revenue_partial_reason(why, sizeof why, f->y, "");
	}
	if (s->nlines && ok)
		contrib.value = s->stream_net[ASSOC_STREAM_GIFTS] + s->stream_net[ASSOC_STREAM_DUES] +
				s->stream_net[ASSOC_STREAM_PUBLIC_SUBSIDIES];
	if ((s->nlines || s->partial) && !ok) {
		if ((rc = assoc__ctx_result_def(&r, f->ctx, &assoc__measures_finance[F_FUNDRAISING_EFFICIENCY], f->year,
						NULL)) < 0)
			return rc;
		assoc__result_not_computable(r, ctx, "contributions are unknown: %s", why);
		return 0;
	}
	if (!(r = ratio(f, F_FUNDRAISING_EFFICIENCY, &fr, &contrib, NULL, &rc)))
		return rc;
	assoc__result_ok(r, f->ctx, fr.value / contrib.value,
			 "Fundraising expenses of %.15g %s for %.15g of contributions: %.3g spent to raise 1.", fr.value,
			 f->cur, contrib.value, fr.value / contrib.value);
	return 0;
}

int assoc__score_finance(assoc__ctx *ctx, const assoc__year *y)
{
	const assoc__expenses *e = &y->expenses;
	const assoc__balance *b = &y->balance;
	assoc__split s;
	fin f = { ctx, y, (int)y->year, y->currency ? y->currency : "" };
	term rev, exp_ = { "total_expenses", "total expenses", e->total, NULL };
	term assets = { "total_assets", "total assets", b->assets, NULL };
	term net = { "net_assets", "net assets", b->net_assets, NULL };
	term liab = { "liabilities", "total liabilities", b->liabilities, NULL };
	term prog = { "program_expenses", "program service expenses", e->program, NULL };
	term admin = { "admin_expenses", "management and general expenses", e->admin, NULL };
	char words[200];
	int rc;
	assoc__split_year(&s, y);
	rev = revenue_term(&s, y, words, sizeof words);
	if ((rc = operating_margin(&f, &s)) < 0 || (rc = months_of_cash(&f)) < 0 || (rc = operating_reserve(&f)) < 0 ||
	    (rc = simple(&f, F_EQUITY_RATIO, &net, &assets, "Equity ratio")) < 0 ||
	    (rc = simple(&f, F_EQUITY_TO_REVENUE, &net, &rev, "Equity to revenue")) < 0 ||
	    (rc = simple(&f, F_DEBT_RATIO, &liab, &assets, "Debt ratio")) < 0 ||
	    (rc = simple(&f, F_PROGRAM_RATIO, &prog, &exp_, "Program expense ratio")) < 0 ||
	    (rc = simple(&f, F_ADMIN_RATIO, &admin, &exp_, "Administrative expense ratio")) < 0 ||
	    (rc = simple(&f, F_ADMIN_TO_REVENUE, &admin, &rev, "Administrative expenses to revenue")) < 0)
		return rc;
	return fundraising(&f, ctx, &s);
}
