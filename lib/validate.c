/*
 * Cross-field validation: assoc_org_validate() walks the typed model of
 * lib/model.h and reports the first violation with its JSON Pointer.
 * SPDX-License-Identifier: MIT
 *
 * What is an error and what is not. The format describes real accounts, and
 * real filers publish inconsistent figures: functional expenses that do not
 * add up to the total, a program column above the total, net assets that are
 * not assets minus liabilities, negative net assets. Those are data to be
 * scored and explained, never refused. Only what cannot be true is an error:
 * a duplicate key that makes a reference ambiguous, a reference to nothing,
 * an end before its start, two currencies summed as one, a territory code
 * that does not exist, an identifier that cannot belong to its scheme, hours
 * worked by nobody, parts larger than their whole (sponsors vs the group),
 * a public level on a body that is not public.
 *
 * Nothing here allocates: paths are built in stack buffers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "validate.h"
#include "territory.h"
#include "error.h"
#include "util.h"

/* Format a JSON Pointer into buf (ASSOC__PATH_MAX bytes) and return buf. */
static const char *jp(char *buf, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static const char *jp(char *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, ASSOC__PATH_MAX, fmt, ap);
	va_end(ap);
	return buf;
}

/* ---- dates ---------------------------------------------------------------- */

/* Days from 1970-01-01 to y-m-d (Howard Hinnant's days_from_civil). */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static long month_days(long y, long m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Parse exactly `n` digits at s; -1 if any is not a digit. */
static long digits(const char *s, int n)
{
	long v = 0;
	int i;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int assoc__date_span(const char *date, long *first, long *last)
{
	size_t n = date ? strlen(date) : 0;
	long y, m = 0, d = 0, f, l;
	if (n != 4 && n != 7 && n != 10)
		return -1;
	y = digits(date, 4);
	if (y < 0)
		return -1;
	if (n >= 7 && (date[4] != '-' || (m = digits(date + 5, 2)) < 1 || m > 12))
		return -1;
	if (n == 10 && (date[7] != '-' || (d = digits(date + 8, 2)) < 1 || d > month_days(y, m)))
		return -1;
	if (n == 4) {
		f = days_from_civil(y, 1, 1);
		l = days_from_civil(y, 12, 31);
	} else if (n == 7) {
		f = days_from_civil(y, m, 1);
		l = days_from_civil(y, m, month_days(y, m));
	} else {
		f = l = days_from_civil(y, m, d);
	}
	if (first)
		*first = f;
	if (last)
		*last = l;
	return 0;
}

/* ---- small helpers ------------------------------------------------------- */

static int ascii_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = (*a >= 'a' && *a <= 'z') ? *a - 32 : *a;
		int cb = (*b >= 'a' && *b <= 'z') ? *b - 32 : *b;
		if (ca != cb || !ca)
			return ca - cb;
	}
}

static int missing(const char *path, const char *what)
{
	return assoc__error_set(ASSOC_EMISSING, path, "%s is missing", what);
}

/* A required string: present and not empty. */
static int require_text(const char *s, const char *path, const char *what)
{
	if (!s)
		return missing(path, what);
	if (!s[0])
		return assoc__error_set(ASSOC_EVALUE, path, "%s is empty", what);
	return 0;
}

/* public_level describes public bodies only; absent kind leaves it open. */
static int check_public_level(int kind, int level, const char *base)
{
	char p[ASSOC__PATH_MAX];
	if (level < 0 || kind < 0 || kind == ASSOC_PARTNER_PUBLIC_AUTHORITY)
		return 0;
	return assoc__error_set(ASSOC_EVALUE, jp(p, "%s/public_level", base),
				"public level '%s' given for a %s: only a public authority has one",
				assoc_vocab_id(ASSOC_VOCAB_PUBLIC_LEVEL, level), assoc_vocab_id(ASSOC_VOCAB_PARTNER_KIND, kind));
}

/* ---- years ----------------------------------------------------------------- */

static int check_funder(const assoc__funder *f, const char *base)
{
	char p[ASSOC__PATH_MAX];
	int rc = assoc__ident_check(&f->id, jp(p, "%s/id", base));
	if (!rc)
		rc = check_public_level(f->kind, f->public_level, base);
	if (!rc)
		rc = assoc__territory_check(&f->territory, jp(p, "%s/territory", base));
	return rc;
}

static int check_revenue(const assoc__revenue *r, const char *year_currency, const char *base)
{
	char p[ASSOC__PATH_MAX];
	if (r->category < 0)
		return missing(jp(p, "%s/category", base), "the category of a revenue line");
	if (!assoc__has(r->amount))
		return missing(jp(p, "%s/amount", base), "the amount of a revenue line");
	if (!isfinite(r->amount))
		return assoc__error_set(ASSOC_EVALUE, jp(p, "%s/amount", base), "amount %g is not finite", r->amount);
	/* Summing euros and dollars would be silently wrong: one currency per year. */
	if (r->currency && year_currency && ascii_casecmp(r->currency, year_currency) != 0)
		return assoc__error_set(ASSOC_ECURRENCY, jp(p, "%s/currency", base),
					"revenue line in %s in a year kept in %s (one currency per year)", r->currency,
					year_currency);
	return check_funder(&r->funder, jp(p, "%s/funder", base));
}

/* A positive quantity of work needs somebody to do it. */
static int check_nobody(const assoc__people_group *g, const char *base)
{
	char p[ASSOC__PATH_MAX];
	if (!assoc__has(g->headcount) || g->headcount != 0)
		return 0;
	if (assoc__has(g->hours) && g->hours > 0)
		return assoc__error_set(ASSOC_EVALUE, jp(p, "%s/hours", base), "%g hours worked by a headcount of 0",
					g->hours);
	if (assoc__has(g->fte) && g->fte > 0)
		return assoc__error_set(ASSOC_EVALUE, jp(p, "%s/fte", base), "%g FTE with a headcount of 0", g->fte);
	return 0;
}

/* Sponsors are parts of the group: their sum cannot exceed the group's total. */
static int check_sponsors(const assoc__people_group *g, const char *base)
{
	char p[ASSOC__PATH_MAX];
	double hours = 0, heads = 0;
	size_t k;
	int rc, any_hours = 0, any_heads = 0;
	for (k = 0; k < g->sponsors.n; k++) {
		const assoc__sponsor *s = ASSOC__AT(g->sponsors, assoc__sponsor, k);
		rc = assoc__ident_check(&s->company_id, jp(p, "%s/sponsors/%zu/company_id", base, k));
		if (rc)
			return rc;
		if (assoc__has(s->hours)) {
			hours += s->hours;
			any_hours = 1;
		}
		if (assoc__has(s->headcount)) {
			heads += s->headcount;
			any_heads = 1;
		}
	}
	if (any_hours && assoc__has(g->hours) && hours > g->hours)
		return assoc__error_set(ASSOC_EVALUE, jp(p, "%s/hours", base),
					"the sponsors' hours add up to %g, more than the group's %g", hours, g->hours);
	if (any_heads && assoc__has(g->headcount) && heads > g->headcount)
		return assoc__error_set(ASSOC_EVALUE, jp(p, "%s/headcount", base),
					"the sponsors' headcounts add up to %g, more than the group's %g", heads,
					g->headcount);
	return 0;
}

static int check_people(const assoc__people *people, const char *base)
{
	char p[ASSOC__PATH_MAX];
	int g, rc;
	for (g = 0; g < ASSOC_PEOPLE__COUNT; g++) {
		const char *kind = assoc_vocab_id(ASSOC_VOCAB_PERSON_KIND, g);
		jp(p, "%s/%s", base, kind ? kind : "?");
		rc = check_nobody(&people->group[g], p);
		if (!rc)
			rc = check_sponsors(&people->group[g], p);
		if (rc)
			return rc;
	}
	return 0;
}

int assoc__validate_year(const assoc__year *y, const char *base)
{
	char p[ASSOC__PATH_MAX];
	size_t j;
	int rc;
	if (!assoc__has(y->year))
		return missing(jp(p, "%s/year", base), "the year number");
	if (!y->currency)
		return missing(jp(p, "%s/currency", base), "the currency of the year");
	for (j = 0; j < y->revenue.n; j++) {
		rc = check_revenue(ASSOC__AT(y->revenue, assoc__revenue, j), y->currency,
				   jp(p, "%s/revenue/%zu", base, j));
		if (rc)
			return rc;
	}
	rc = check_people(&y->people, jp(p, "%s/people", base));
	if (rc)
		return rc;
	for (j = 0; j < y->in_kind.n; j++)
		if (ASSOC__AT(y->in_kind, assoc__inkind, j)->kind < 0)
			return missing(jp(p, "%s/in_kind/%zu/kind", base, j), "the kind of an in-kind contribution");
	return 0;
}

/* ---- alliances --------------------------------------------------------------- */

static int check_dates(const assoc__alliance *a, const char *base)
{
	char p[ASSOC__PATH_MAX];
	long start_first = 0, end_last = 0;
	if (a->start && assoc__date_span(a->start, &start_first, NULL) != 0)
		return assoc__error_set(ASSOC_EDATE, jp(p, "%s/start", base),
					"'%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", a->start);
	if (a->end && assoc__date_span(a->end, NULL, &end_last) != 0)
		return assoc__error_set(ASSOC_EDATE, jp(p, "%s/end", base),
					"'%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", a->end);
	/* Partial dates are periods: "2023" may end in December, after a start
	 * in "2023-06"; only an end whose last day precedes the start's first
	 * day is certainly wrong. */
	if (a->start && a->end && end_last < start_first)
		return assoc__error_set(ASSOC_EDATE, jp(p, "%s/end", base), "end '%s' is before start '%s'", a->end,
					a->start);
	return 0;
}

static int check_partner(const assoc__alliance *a, size_t k, const char *base)
{
	char p[ASSOC__PATH_MAX];
	const assoc__partner *pt = ASSOC__AT(a->partners, assoc__partner, k);
	size_t j;
	int rc = require_text(pt->id, jp(p, "%s/id", base), "the id of a partner");
	if (rc)
		return rc;
	/* "self" names the organisation itself in contributions. */
	if (ascii_casecmp(pt->id, "self") == 0)
		return assoc__error_set(ASSOC_EVALUE, p, "'%s' is reserved for the organisation itself", pt->id);
	for (j = 0; j < k; j++)
		if (strcmp(ASSOC__AT(a->partners, assoc__partner, j)->id, pt->id) == 0)
			return assoc__error_set(ASSOC_EDUPLICATE, p, "partner id '%s' is already used by partner %zu",
						pt->id, j);
	if (pt->kind < 0)
		return missing(jp(p, "%s/kind", base), "the kind of a partner");
	rc = check_public_level(pt->kind, pt->public_level, base);
	if (!rc)
		rc = assoc__ident_check(&pt->identifier, jp(p, "%s/identifier", base));
	if (!rc)
		rc = assoc__territory_check(&pt->territory, jp(p, "%s/territory", base));
	return rc;
}

static int party_exists(const assoc__alliance *a, const char *party)
{
	size_t k;
	if (strcmp(party, "self") == 0)
		return 1;
	for (k = 0; k < a->partners.n; k++)
		if (strcmp(ASSOC__AT(a->partners, assoc__partner, k)->id, party) == 0)
			return 1;
	return 0;
}

static int check_contribution(const assoc__alliance *a, const assoc__contribution *c, const char *base)
{
	char p[ASSOC__PATH_MAX];
	int rc = require_text(c->party, jp(p, "%s/party", base), "the party of a contribution");
	if (rc)
		return rc;
	if (!party_exists(a, c->party))
		return assoc__error_set(ASSOC_EREF, p, "party '%s' is neither \"self\" nor a partner id of alliance '%s'",
					c->party, a->id);
	if (c->kind < 0)
		return missing(jp(p, "%s/kind", base), "the kind of a contribution");
	return 0;
}

int assoc__validate_alliance(const assoc__alliance *a, const char *base)
{
	char p[ASSOC__PATH_MAX];
	size_t k;
	int rc = require_text(a->id, jp(p, "%s/id", base), "the id of an alliance");
	if (rc)
		return rc;
	if (a->family < 0)
		return missing(jp(p, "%s/family", base), "the family of an alliance");
	rc = check_dates(a, base);
	if (rc)
		return rc;
	if (a->partners.n == 0)
		return missing(jp(p, "%s/partners", base), "an alliance needs at least one partner: the partners");
	/* Partners first: contributions refer to them. */
	for (k = 0; k < a->partners.n; k++) {
		rc = check_partner(a, k, jp(p, "%s/partners/%zu", base, k));
		if (rc)
			return rc;
	}
	for (k = 0; k < a->contributions.n; k++) {
		rc = check_contribution(a, ASSOC__AT(a->contributions, assoc__contribution, k),
					jp(p, "%s/contributions/%zu", base, k));
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- organisation ------------------------------------------------------------ */

static int check_identity(const assoc_org *org)
{
	int rc;
	if (org->id.scheme < 0 && !org->id.value)
		return missing("/id", "the identifier of the organisation");
	rc = assoc__ident_check(&org->id, "/id");
	if (!rc)
		rc = require_text(org->name, "/name", "the name of the organisation");
	if (!rc)
		rc = assoc__territory_check(&org->territory, "/territory");
	return rc;
}

static int check_years(const assoc_org *org)
{
	char p[ASSOC__PATH_MAX];
	size_t i, j;
	int rc;
	for (i = 0; i < org->years.n; i++) {
		const assoc__year *y = ASSOC__AT(org->years, assoc__year, i);
		rc = assoc__validate_year(y, jp(p, "/years/%zu", i));
		if (rc)
			return rc;
		for (j = 0; j < i; j++)
			if (ASSOC__AT(org->years, assoc__year, j)->year == y->year)
				return assoc__error_set(ASSOC_EDUPLICATE, jp(p, "/years/%zu/year", i),
							"year %.0f is already given at /years/%zu", y->year, j);
	}
	return 0;
}

static int check_alliances(const assoc_org *org)
{
	char p[ASSOC__PATH_MAX];
	size_t i, j;
	int rc;
	for (i = 0; i < org->alliances.n; i++) {
		const assoc__alliance *a = ASSOC__AT(org->alliances, assoc__alliance, i);
		rc = assoc__validate_alliance(a, jp(p, "/alliances/%zu", i));
		if (rc)
			return rc;
		for (j = 0; j < i; j++)
			if (strcmp(ASSOC__AT(org->alliances, assoc__alliance, j)->id, a->id) == 0)
				return assoc__error_set(ASSOC_EDUPLICATE, jp(p, "/alliances/%zu/id", i),
							"alliance id '%s' is already used at /alliances/%zu", a->id, j);
	}
	return 0;
}

int assoc_org_validate(const assoc_org *org)
{
	int rc;
	if (!org)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_org_validate: org is NULL");
	rc = check_identity(org);
	if (!rc)
		rc = check_years(org);
	if (!rc)
		rc = check_alliances(org);
	return rc;
}
