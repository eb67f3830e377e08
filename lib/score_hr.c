/*
 * Lever 1, human resources (formulas.md §2; docs/measures.md):
 * full-time equivalents of the four kinds of people, civic-service hours,
 * the value of volunteering, the mix of the four kinds and its leverage.
 * SPDX-License-Identifier: MIT
 *
 * FTE hours and hourly rates change by decree, so they come from the
 * profile (with their date and source), never from code. A kind of people
 * whose hours are unknown has no FTE: it is never taken as 0.
 */
#include <stdio.h>
#include <string.h>
#include "error.h"
#include "profile_internal.h"

/* Sorted by id (catalogue.c bisects). */
const assoc__measure_def assoc__measures_hr[] = {
	{ "hr.civic_service_hours", "hours", "civic_hours",
	  "civic-service hours: declared hours, else sum over missions of months x weekly hours x 52/12 x volunteers",
	  "V", "Service civique rules: missions of 6-12 months, 24-35 hours a week (service-civique.gouv.fr)" },
	{ "hr.fte.civic_service", "fte", "fte", "civic-service FTE: declared FTE, else hours / fte_hours", "V",
	  "1,607 h annual reference (Code du travail, L3121-41; profile constant fte_hours)" },
	{ "hr.fte.employees", "fte", "fte", "employee FTE: declared FTE, else hours / fte_hours", "V",
	  "1,607 h annual reference (profile constant fte_hours)" },
	{ "hr.fte.skills_sponsorship", "fte", "fte",
	  "skills-sponsorship FTE: declared FTE, else hours (or the sponsors' hours) / fte_hours", "V",
	  "1,607 h annual reference (profile constant fte_hours)" },
	{ "hr.fte.total", "fte", "fte_sum", "sum of the FTE of the four kinds of people", "own", "libassoc" },
	{ "hr.fte.volunteers", "fte", "fte", "volunteer FTE: declared FTE, else hours / fte_hours", "V",
	  "1,607 h annual reference (profile constant fte_hours)" },
	{ "hr.mix_evenness", "ratio", "shannon_evenness",
	  "Shannon evenness of FTE over the four kinds of people: -sum p ln p / ln 4", "own",
	  "Pielou evenness applied to the lecture's four human resources" },
	{ "hr.new_hr_share", "share", "new_hr_share",
	  "(civic-service FTE + skills-sponsorship FTE) / total FTE", "own",
	  "the lecture's \"new human resources\"" },
	{ "hr.volunteer_leverage", "ratio", "volunteer_leverage", "volunteer FTE / employee FTE", "own", "libassoc" },
	{ "hr.volunteer_value", "currency", "volunteer_value",
	  "volunteer hours x the profile's hourly rate for the year's currency", "V",
	  "ANC 2018-06 art. 211-1/211-2; SMIC (FR); Independent Sector value of volunteer time (US)" },
	{ "hr.volunteering_to_budget", "ratio", "volunteering_to_budget", "volunteer value / revenue", "own",
	  "Restos du Coeur valued volunteering above its budget (2017)" },
};
const size_t assoc__measures_hr_count = sizeof assoc__measures_hr / sizeof assoc__measures_hr[0];

static const char *const KIND_IDS[ASSOC_PEOPLE__COUNT] = { "volunteers", "employees", "civic_service",
							   "skills_sponsorship" };
static const char *const KIND_WORDS[ASSOC_PEOPLE__COUNT] = { "volunteers", "employees", "civic-service volunteers",
							     "skills-sponsorship staff" };

/* What is known of one kind of people in one year. */
typedef struct kind_fte {
	double fte;       /* NaN when not computable */
	double hours;     /* NaN when unknown */
	const char *basis;/* how the FTE was obtained */
	char why[200];    /* why the FTE is not computable */
} kind_fte;

typedef struct hr_year {
	kind_fte k[ASSOC_PEOPLE__COUNT];
	double fte_hours; /* NaN if the profile has none */
	int year;
} hr_year;

/* Civic-service hours from missions: months x weekly hours x 52/12 x
 * volunteers (absent volunteers = 1). NaN when a mission lacks its months
 * or weekly hours: one unknown mission makes the total unknown. */
static double mission_hours(const assoc__people_group *g, char *why, size_t whylen)
{
	double total = 0;
	size_t i;
	for (i = 0; i < g->missions.n; i++) {
		const assoc__mission *m = ASSOC__AT(g->missions, assoc__mission, i);
		double vol = assoc__has(m->volunteers) ? m->volunteers : 1;
		if (!assoc__has(m->months) || !assoc__has(m->weekly_hours)) {
			snprintf(why, whylen, "civic-service mission %zu has no %s", i,
				 assoc__has(m->months) ? "weekly_hours" : "months");
			return ASSOC__ABSENT;
		}
		total += m->months * m->weekly_hours * 52.0 / 12.0 * vol;
	}
	return total;
}

/* Sum of the sponsors' hours; NaN if any sponsor's hours are unknown. */
static double sponsor_hours(const assoc__people_group *g)
{
	double total = 0;
	size_t i;
	for (i = 0; i < g->sponsors.n; i++) {
		const assoc__sponsor *s = ASSOC__AT(g->sponsors, assoc__sponsor, i);
		if (!assoc__has(s->hours))
			return ASSOC__ABSENT;
		total += s->hours;
	}
	return total;
}

static void resolve_kind(kind_fte *k, const assoc__year *y, int kind, double fte_hours)
{
	const assoc__people_group *g = &y->people.group[kind];
	k->fte = k->hours = ASSOC__ABSENT;
	k->basis = NULL;
	k->why[0] = '\0';
	if (assoc__has(g->hours)) {
		k->hours = g->hours;
		k->basis = "declared hours";
	} else if (kind == ASSOC_PEOPLE_CIVIC_SERVICE && g->missions.n) {
		k->hours = mission_hours(g, k->why, sizeof k->why);
		k->basis = "hours of the civic-service missions";
	} else if (kind == ASSOC_PEOPLE_SKILLS_SPONSORSHIP && g->sponsors.n) {
		k->hours = sponsor_hours(g);
		k->basis = "hours of the sponsors";
		if (!assoc__has(k->hours))
			snprintf(k->why, sizeof k->why, "a skills sponsor has no hours");
	}
	if (assoc__has(g->fte)) {
		k->fte = g->fte;
		k->basis = "declared FTE";
		return;
	}
	if (assoc__has(k->hours)) {
		if (assoc__has(fte_hours))
			k->fte = k->hours / fte_hours;
		else
			snprintf(k->why, sizeof k->why, "the profile has no constant fte_hours to convert hours");
		return;
	}
	if (k->why[0])
		return;
	if (assoc__has(g->headcount) && g->headcount == 0) {
		/* Zero people declared: a known zero, not a missing value. */
		k->fte = 0;
		k->hours = 0;
		k->basis = "headcount 0";
	} else if (assoc__has(g->headcount)) {
		snprintf(k->why, sizeof k->why, "%g %s are counted but neither their hours nor their FTE are given",
			 g->headcount, KIND_WORDS[kind]);
	} else {
		snprintf(k->why, sizeof k->why, "no figures on %s in %d", KIND_WORDS[kind], (int)y->year);
	}
}

static int new_result(assoc_result **r, assoc__ctx *ctx, const char *id, int year)
{
	return assoc__ctx_result(r, ctx, id, year, NULL);
}

static int result_fte(assoc__ctx *ctx, const assoc__year *y, const hr_year *h, int kind)
{
	const assoc__people_group *g = &y->people.group[kind];
	const kind_fte *k = &h->k[kind];
	char id[40];
	assoc_result *r;
	int rc;
	snprintf(id, sizeof id, "hr.fte.%s", KIND_IDS[kind]);
	if ((rc = new_result(&r, ctx, id, h->year)) < 0)
		return rc;
	assoc__result_input(r, ctx, "headcount", g->headcount);
	assoc__result_input(r, ctx, "hours", k->hours);
	assoc__result_input(r, ctx, "declared_fte", g->fte);
	if (!assoc__has(k->fte)) {
		assoc__result_not_computable(r, ctx, "%s", k->why);
		return 0;
	}
	if (assoc__has(g->fte) || !assoc__has(k->hours) || strcmp(k->basis, "headcount 0") == 0) {
		assoc__result_ok(r, ctx, k->fte, "%d: %.4g FTE of %s (%s).", h->year, k->fte, KIND_WORDS[kind], k->basis);
		return 0;
	}
	if ((rc = assoc__ctx_constant(&(double){ 0 }, ctx, r, "fte_hours")) < 0)
		return rc;
	assoc__result_ok(r, ctx, k->fte, "%d: %.4g FTE of %s = %.6g hours (%s) / %g hours per FTE.", h->year, k->fte,
			 KIND_WORDS[kind], k->hours, k->basis, h->fte_hours);
	return 0;
}

static int result_fte_total(assoc__ctx *ctx, const hr_year *h)
{
	assoc_result *r;
	double total = 0;
	int i, known = 0, rc;
	char missing[400] = "";
	if ((rc = new_result(&r, ctx, "hr.fte.total", h->year)) < 0)
		return rc;
	for (i = 0; i < ASSOC_PEOPLE__COUNT; i++) {
		assoc__result_input(r, ctx, KIND_IDS[i], h->k[i].fte);
		if (assoc__has(h->k[i].fte)) {
			total += h->k[i].fte;
			known++;
		} else {
			size_t len = strlen(missing);
			snprintf(missing + len, sizeof missing - len, "%s%s (%s)", len ? "; " : "", KIND_WORDS[i],
				 h->k[i].why);
		}
	}
	if (known == ASSOC_PEOPLE__COUNT)
		assoc__result_ok(r, ctx, total, "%d: %.4g FTE in all, over the four kinds of people.", h->year, total);
	else if (known == 0)
		assoc__result_not_computable(r, ctx, "no kind of people has a computable FTE: %s", missing);
	else
		assoc__result_partial(r, ctx, total, (double)known / ASSOC_PEOPLE__COUNT, missing,
				      "%d: at least %.4g FTE, from %d of the four kinds of people (unknown: %s).", h->year,
				      total, known, missing);
	return 0;
}

static int result_civic_hours(assoc__ctx *ctx, const assoc__year *y, const hr_year *h)
{
	const assoc__people_group *g = &y->people.group[ASSOC_PEOPLE_CIVIC_SERVICE];
	const kind_fte *k = &h->k[ASSOC_PEOPLE_CIVIC_SERVICE];
	assoc_result *r;
	int rc;
	if ((rc = new_result(&r, ctx, "hr.civic_service_hours", h->year)) < 0)
		return rc;
	assoc__result_input(r, ctx, "missions", (double)g->missions.n);
	assoc__result_input(r, ctx, "declared_hours", g->hours);
	if (assoc__has(k->hours)) {
		assoc__result_ok(r, ctx, k->hours, "%d: %.6g civic-service hours (%s).", h->year, k->hours,
				 k->basis ? k->basis : "declared");
	} else if (assoc__has(g->fte) && assoc__has(h->fte_hours)) {
		double hours = g->fte * h->fte_hours;
		if ((rc = assoc__ctx_constant(&(double){ 0 }, ctx, r, "fte_hours")) < 0)
			return rc;
		assoc__result_ok(r, ctx, hours, "%d: %.6g civic-service hours = %.4g declared FTE x %g hours per FTE.",
				 h->year, hours, g->fte, h->fte_hours);
	} else {
		assoc__result_not_computable(r, ctx, "%s", k->why[0] ? k->why : "neither hours, missions nor FTE are given");
	}
	return 0;
}

/* Volunteer hours: declared hours, else declared FTE x fte_hours. */
static double volunteer_hours(const assoc__year *y, const hr_year *h, int *from_fte)
{
	const assoc__people_group *g = &y->people.group[ASSOC_PEOPLE_VOLUNTEERS];
	*from_fte = 0;
	if (assoc__has(h->k[ASSOC_PEOPLE_VOLUNTEERS].hours))
		return h->k[ASSOC_PEOPLE_VOLUNTEERS].hours;
	if (assoc__has(g->fte) && assoc__has(h->fte_hours)) {
		*from_fte = 1;
		return g->fte * h->fte_hours;
	}
	return ASSOC__ABSENT;
}

/* Computes the value (also used by volunteering_to_budget); *value NaN and
 * `why` filled when not computable. */
static int volunteer_value(double *value, double *hours_out, double *rate_out, assoc__ctx *ctx, assoc_result *r,
			   const assoc__year *y, const hr_year *h, char *why, size_t whylen)
{
	char key[64];
	double rate, hours;
	int from_fte, rc;
	*value = ASSOC__ABSENT;
	hours = volunteer_hours(y, h, &from_fte);
	assoc__result_input(r, ctx, "volunteer_hours", hours);
	if (!assoc__has(hours)) {
		snprintf(why, whylen, "volunteer hours are unknown: %s", h->k[ASSOC_PEOPLE_VOLUNTEERS].why);
		return 0;
	}
	if (from_fte && (rc = assoc__ctx_constant(&(double){ 0 }, ctx, r, "fte_hours")) < 0)
		return rc;
	snprintf(key, sizeof key, "volunteer_hourly_rate.%s", y->currency ? y->currency : "");
	rc = assoc__ctx_constant(&rate, ctx, r, key);
	if (rc == ASSOC_ENOMEM)
		return rc;
	if (rc < 0) {
		snprintf(why, whylen,
			 "the profile has no verified volunteer hourly rate for %s (constant %s): no rate is invented",
			 y->currency ? y->currency : "an unknown currency", key);
		return 0;
	}
	assoc__result_input(r, ctx, "hourly_rate", rate);
	*value = hours * rate;
	*hours_out = hours;
	*rate_out = rate;
	return 0;
}

static int result_volunteer_value(assoc__ctx *ctx, const assoc__year *y, const hr_year *h, double *value)
{
	assoc_result *r;
	double hours = 0, rate = 0;
	char why[300];
	int rc;
	if ((rc = new_result(&r, ctx, "hr.volunteer_value", h->year)) < 0)
		return rc;
	if ((rc = volunteer_value(value, &hours, &rate, ctx, r, y, h, why, sizeof why)) < 0)
		return rc;
	if (!assoc__has(*value)) {
		assoc__result_not_computable(r, ctx, "%s", why);
		return 0;
	}
	assoc__result_ok(r, ctx, *value, "%d: volunteering is worth %.2f %s = %.6g volunteer hours x %g %s an hour.",
			 h->year, *value, y->currency, hours, rate, y->currency);
	return 0;
}

/* Evenness and new-HR share over the kinds whose FTE is known; the unknown
 * ones make the result partial (coverage = known kinds / 4), never zeros. */
static void unknown_kinds(const hr_year *h, char *out, size_t len, int *known)
{
	int i;
	out[0] = '\0';
	*known = 0;
	for (i = 0; i < ASSOC_PEOPLE__COUNT; i++) {
		size_t n = strlen(out);
		if (assoc__has(h->k[i].fte))
			(*known)++;
		else
			snprintf(out + n, len - n, "%s%s FTE unknown (%s)", n ? "; " : "", KIND_WORDS[i], h->k[i].why);
	}
}

static int result_mix(assoc__ctx *ctx, const hr_year *h)
{
	assoc_result *r;
	assoc_concentration c;
	double v[ASSOC_PEOPLE__COUNT];
	char why[900];
	size_t n = 0;
	int i, known, rc;
	if ((rc = new_result(&r, ctx, "hr.mix_evenness", h->year)) < 0)
		return rc;
	unknown_kinds(h, why, sizeof why, &known);
	for (i = 0; i < ASSOC_PEOPLE__COUNT; i++) {
		assoc__result_input(r, ctx, KIND_IDS[i], h->k[i].fte);
		if (assoc__has(h->k[i].fte))
			v[n++] = h->k[i].fte;
	}
	if (known == 0 || assoc_concentration_compute(&c, v, n, ASSOC_PEOPLE__COUNT) < 0) {
		assoc__result_not_computable(r, ctx, "no FTE to spread over the kinds of people%s%s", known ? "" : ": ",
					     known ? " (every known FTE is 0)" : why);
		return 0;
	}
	for (i = 0, n = 0; i < ASSOC_PEOPLE__COUNT; i++)
		if (assoc__has(h->k[i].fte))
			assoc__result_contribution(r, ctx, KIND_IDS[i], v[n++] / c.total);
	if (known == ASSOC_PEOPLE__COUNT)
		assoc__result_ok(r, ctx, c.evenness,
				 "%d: Shannon evenness %.3f over the four kinds of people (1 = equal FTE in each, 0 = one kind only).",
				 h->year, c.evenness);
	else
		assoc__result_partial(r, ctx, c.evenness, (double)known / ASSOC_PEOPLE__COUNT, why,
				      "%d: Shannon evenness %.3f over the %d kinds of people whose FTE is known (K = 4).",
				      h->year, c.evenness, known);
	return 0;
}

static int result_new_hr(assoc__ctx *ctx, const hr_year *h)
{
	assoc_result *r;
	double num = 0, total = 0, share;
	char why[900];
	int i, known, rc;
	if ((rc = new_result(&r, ctx, "hr.new_hr_share", h->year)) < 0)
		return rc;
	unknown_kinds(h, why, sizeof why, &known);
	for (i = 0; i < ASSOC_PEOPLE__COUNT; i++) {
		assoc__result_input(r, ctx, KIND_IDS[i], h->k[i].fte);
		if (!assoc__has(h->k[i].fte))
			continue;
		total += h->k[i].fte;
		if (i == ASSOC_PEOPLE_CIVIC_SERVICE || i == ASSOC_PEOPLE_SKILLS_SPONSORSHIP)
			num += h->k[i].fte;
	}
	if (known == 0 || !(total > 0)) {
		assoc__result_not_computable(r, ctx, "total FTE is %s", known ? "0" : why);
		return 0;
	}
	share = num / total;
	if (known == ASSOC_PEOPLE__COUNT)
		assoc__result_ok(r, ctx, share,
				 "%d: the new human resources (civic service and skills sponsorship) are %.1f%% of the %.4g FTE.",
				 h->year, 100 * share, total);
	else
		assoc__result_partial(r, ctx, share, (double)known / ASSOC_PEOPLE__COUNT, why,
				      "%d: the new human resources are %.1f%% of the %.4g FTE known.", h->year, 100 * share,
				      total);
	return 0;
}

static int result_leverage(assoc__ctx *ctx, const hr_year *h)
{
	const kind_fte *v = &h->k[ASSOC_PEOPLE_VOLUNTEERS], *e = &h->k[ASSOC_PEOPLE_EMPLOYEES];
	assoc_result *r;
	int rc;
	if ((rc = new_result(&r, ctx, "hr.volunteer_leverage", h->year)) < 0)
		return rc;
	assoc__result_input(r, ctx, "volunteers", v->fte);
	assoc__result_input(r, ctx, "employees", e->fte);
	if (!assoc__has(e->fte))
		assoc__result_not_computable(r, ctx, "employee FTE is unknown: %s", e->why);
	else if (e->fte == 0)
		assoc__result_not_computable(r, ctx,
					     "no employees (0 FTE): this is a volunteer-only association, whose volunteers "
					     "are not measured against paid staff");
	else if (!assoc__has(v->fte))
		assoc__result_not_computable(r, ctx, "volunteer FTE is unknown: %s", v->why);
	else
		assoc__result_ok(r, ctx, v->fte / e->fte, "%d: %.3g volunteer FTE per employee FTE (%.4g / %.4g).",
				 h->year, v->fte / e->fte, v->fte, e->fte);
	return 0;
}

static int result_to_budget(assoc__ctx *ctx, const assoc__year *y, const hr_year *h)
{
	assoc_result *r;
	double value, hours = 0, rate = 0, revenue = assoc__year_revenue(y);
	char why[300];
	int rc;
	if ((rc = new_result(&r, ctx, "hr.volunteering_to_budget", h->year)) < 0)
		return rc;
	if ((rc = volunteer_value(&value, &hours, &rate, ctx, r, y, h, why, sizeof why)) < 0)
		return rc;
	assoc__result_input(r, ctx, "volunteer_value", value);
	assoc__result_input(r, ctx, "revenue", revenue);
	if (!assoc__has(value))
		assoc__result_not_computable(r, ctx, "the volunteer value is not computable: %s", why);
	else if (!assoc__has(revenue) && assoc__year_revenue_partial(y))
		assoc__result_not_computable(r, ctx, "%s",
					     assoc__revenue_partial_reason(why, sizeof why, y, ": the budget is unknown"));
	else if (!assoc__has(revenue))
		assoc__result_not_computable(r, ctx, "revenue of %d is unknown (no total and no revenue lines)", h->year);
	else if (!(revenue > 0))
		assoc__result_not_computable(r, ctx, "revenue of %d is %.2f, not positive", h->year, revenue);
	else
		assoc__result_ok(r, ctx, value / revenue,
				 "%d: volunteering is worth %.2f times the revenue (%.2f / %.2f %s).", h->year,
				 value / revenue, value, revenue, y->currency);
	return 0;
}

int assoc__score_hr(assoc__ctx *ctx, const assoc__year *y)
{
	hr_year h;
	double value;
	int i, rc;
	h.year = (int)y->year;
	if (assoc__profile_constant_get(&h.fte_hours, NULL, ctx->profile, ctx->override, "fte_hours") < 0 ||
	    !(h.fte_hours > 0))
		h.fte_hours = ASSOC__ABSENT;
	for (i = 0; i < ASSOC_PEOPLE__COUNT; i++)
		resolve_kind(&h.k[i], y, i, h.fte_hours);
	for (i = 0; i < ASSOC_PEOPLE__COUNT; i++)
		if ((rc = result_fte(ctx, y, &h, i)) < 0)
			return rc;
	if ((rc = result_fte_total(ctx, &h)) < 0 || (rc = result_civic_hours(ctx, y, &h)) < 0 ||
	    (rc = result_volunteer_value(ctx, y, &h, &value)) < 0 || (rc = result_mix(ctx, &h)) < 0 ||
	    (rc = result_new_hr(ctx, &h)) < 0 || (rc = result_leverage(ctx, &h)) < 0 ||
	    (rc = result_to_budget(ctx, y, &h)) < 0)
		return rc;
	return 0;
}
