/*
 * Lever 3, alliances (formulas.md §3; docs/measures.md): each
 * alliance classified on the public ladders (Himmelman, Austin), by its
 * contract form and logic, and given a maturity score; then the portfolio
 * of the organisation.
 * SPDX-License-Identifier: MIT
 *
 * Practices are tri-state (true / false / unknown), so every rule is
 * evaluated in three-valued (Kleene) logic: a classification that unknown
 * practices could still change is given as its lower bound, with status
 * partial and a reason naming the practices that would settle it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "profile_internal.h"
#include "territory.h"

/* Sorted by id (catalogue.c bisects). */
const assoc__measure_def assoc__measures_alliance[] = {
	{ "alliance.austin_stage", "level", "austin_stage",
	  "highest Austin stage whose rule holds: 4 transformational = integrative + co-created solution; 3 integrative = "
	  "Himmelman level >= 3 + shared governance; 2 transactional = reciprocal or Himmelman level >= 2; 1 philanthropic "
	  "otherwise",
	  "own", "Austin (2000) collaboration continuum, made observable by libassoc" },
	{ "alliance.form", "level", "contract_form",
	  "1 alliance if co-defined objectives and pooled resources and (shared governance or co-created solution), "
	  "else 0 exchange",
	  "own", "the lecture's exchange contract vs alliance contract" },
	{ "alliance.himmelman_level", "level", "himmelman",
	  "number of Himmelman practices held in order without a gap: information sharing, coordinated activities, "
	  "pooled resources, capacity building",
	  "own", "Himmelman's networking/coordinating/cooperating/collaborating ladder, made observable by libassoc" },
	{ "alliance.logic", "level", "alliance_logic",
	  "3 co_construction = alliance form with a co-created solution; 2 complementarity = coordinated activities, or "
	  "a partner bringing means of action, or a two-way exchange; 1 solidarity = one-way transfer to the association",
	  "own", "the lecture's three eras of alliances, read as logics" },
	{ "alliance.maturity", "points", "maturity",
	  "100 x sum of the weights of the practices known true / sum of the weights of the practices known", "own",
	  "libassoc's own scale: no published numeric maturity scale exists" },
	{ "alliances.alliance_form_share", "share", "count_share", "alliances of alliance form / alliances classified",
	  "own", "libassoc" },
	{ "alliances.alliance_form_share_by_value", "share", "value_share",
	  "contributed value of alliance-form alliances / contributed value of alliances classified", "own",
	  "libassoc" },
	{ "alliances.co_construction_share", "share", "count_share",
	  "alliances of co-construction logic / alliances classified", "own", "libassoc" },
	{ "alliances.co_construction_share_by_value", "share", "value_share",
	  "contributed value of co-construction alliances / contributed value of alliances classified", "own",
	  "libassoc" },
	{ "alliances.count", "count", "count", "number of alliances recorded", "own", "libassoc" },
	{ "alliances.largest_partner_dependence", "share", "max_share",
	  "largest partner's contributed value / value contributed by all partners", "own", "libassoc" },
	{ "alliances.local_share_departement", "share", "count_share",
	  "alliances with a partner in the organisation's departement / alliances whose locality is known", "own",
	  "formulas.md section 4 (anchoring)" },
	{ "alliances.local_share_departement_by_value", "share", "value_share",
	  "contributed value of alliances with a partner in the organisation's departement / contributed value", "own",
	  "formulas.md section 4 (anchoring)" },
	{ "alliances.local_share_region", "share", "count_share",
	  "alliances with a partner in the organisation's region / alliances whose locality is known", "own",
	  "formulas.md section 4 (anchoring)" },
	{ "alliances.local_share_region_by_value", "share", "value_share",
	  "contributed value of alliances with a partner in the organisation's region / contributed value", "own",
	  "formulas.md section 4 (anchoring)" },
	{ "alliances.mean_maturity", "points", "mean", "mean of the computable alliance maturities", "own",
	  "libassoc" },
	{ "alliances.partner_kind_evenness", "ratio", "shannon_evenness",
	  "Shannon evenness of distinct partners over the 8 partner kinds: -sum p ln p / ln 8", "own", "libassoc" },
};
const size_t assoc__measures_alliance_count = sizeof assoc__measures_alliance / sizeof assoc__measures_alliance[0];

/* ---- three-valued logic: 1 true, 0 false, -1 unknown -------------------------- */

static int t_and(int a, int b)
{
	if (a == 0 || b == 0)
		return 0;
	return (a == 1 && b == 1) ? 1 : -1;
}

static int t_or(int a, int b)
{
	if (a == 1 || b == 1)
		return 1;
	return (a == 0 && b == 0) ? 0 : -1;
}

/* ---- facts read from one alliance ----------------------------------------------- */

/* Means of action: a partner doing something with the association rather
 * than transferring means to it (money, goods, premises) or receiving
 * recognition (visibility). */
static int is_means_of_action(int kind)
{
	switch (kind) {
	case ASSOC_CONTRIB_SKILLS:
	case ASSOC_CONTRIB_STAFF:
	case ASSOC_CONTRIB_NETWORK:
	case ASSOC_CONTRIB_EXPERTISE:
	case ASSOC_CONTRIB_TERRITORY_KNOWLEDGE:
	case ASSOC_CONTRIB_PUBLIC_KNOWLEDGE:
	case ASSOC_CONTRIB_DATA:
		return 1;
	default:
		return 0;
	}
}

typedef struct facts {
	const assoc__alliance *a;
	int p[ASSOC_PRACTICE__COUNT];
	int multi_year;       /* tri */
	double months;        /* duration, NaN if unknown */
	int reciprocal;       /* tri: >= 2 parties contribute; unknown without contributions */
	int partner_gives;    /* tri: a partner contributes something */
	int partner_action;   /* tri: a partner brings means of action */
	int self_substantive; /* tri: the association contributes beyond visibility */
	int parties;          /* distinct contributing parties */
	double value;         /* total known contributed value (all parties) */
	int level;            /* Himmelman lower bound */
	int level_exact;      /* 1 if no unknown practice stopped the count */
} facts;

static int days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return mdays[m - 1] + (m == 2 && leap);
}

/* A date "YYYY", "YYYY-MM" or "YYYY-MM-DD" as its first (or, for the end
 * of a period, last) day. Returns 0 when it cannot be read. */
static int read_date(const char *s, int last, int *y, int *m, int *d)
{
	int n;
	*m = *d = 0;
	if (!s || sscanf(s, "%4d", y) != 1)
		return 0;
	n = (int)strlen(s);
	*m = n >= 7 ? atoi(s + 5) : (last ? 12 : 1);
	if (*m < 1 || *m > 12)
		return 0;
	if (n >= 10)
		*d = atoi(s + 8);
	else
		*d = last ? days_in_month(*y, *m) : 1;
	return *d >= 1 && *d <= days_in_month(*y, *m);
}

/* Duration in months from the first day of `start` to the end of the last
 * day of `end` (the day after it, exclusive): whole calendar months plus
 * the remaining days over 30.4375. 2022-01 .. 2023-12 lasts exactly 24
 * months; 2022-01-02 .. 2023-12-31 one day less. */
static double duration_months(const char *start, const char *end)
{
	int sy, sm, sd, ey, em, ed;
	if (!read_date(start, 0, &sy, &sm, &sd) || !read_date(end, 1, &ey, &em, &ed))
		return ASSOC__ABSENT;
	if (++ed > days_in_month(ey, em)) {
		ed = 1;
		if (++em > 12) {
			em = 1;
			ey++;
		}
	}
	return (ey - sy) * 12.0 + (em - sm) + (ed - sd) / 30.4375;
}

static void read_contributions(facts *f)
{
	const assoc__alliance *a = f->a;
	size_t i, j;
	f->parties = 0;
	f->value = 0;
	if (a->contributions.n == 0) {
		/* No contribution recorded: who gives what is unknown, not "nothing". */
		f->reciprocal = f->partner_gives = f->partner_action = f->self_substantive = -1;
		return;
	}
	f->partner_gives = f->partner_action = f->self_substantive = 0;
	for (i = 0; i < a->contributions.n; i++) {
		const assoc__contribution *c = ASSOC__AT(a->contributions, assoc__contribution, i);
		int self = strcmp(c->party, "self") == 0, seen = 0;
		for (j = 0; j < i && !seen; j++)
			seen = strcmp(ASSOC__AT(a->contributions, assoc__contribution, j)->party, c->party) == 0;
		if (!seen)
			f->parties++;
		if (assoc__has(c->value))
			f->value += c->value;
		if (self && c->kind != ASSOC_CONTRIB_VISIBILITY)
			f->self_substantive = 1;
		if (!self) {
			f->partner_gives = 1;
			if (is_means_of_action(c->kind))
				f->partner_action = 1;
		}
	}
	f->reciprocal = f->parties >= 2;
}

static void read_facts(facts *f, const assoc__alliance *a, double multi_year_months)
{
	int i;
	f->a = a;
	for (i = 0; i < ASSOC_PRACTICE__COUNT; i++)
		f->p[i] = a->practices[i] == 1 ? 1 : a->practices[i] == 0 ? 0 : -1;
	f->months = duration_months(a->start, a->end);
	if (!assoc__has(f->months) || !assoc__has(multi_year_months))
		f->multi_year = -1;
	else
		f->multi_year = f->months >= multi_year_months - 1e-9;
	read_contributions(f);
	/* Himmelman: count the practices held in order; a false one ends the
	 * count exactly, an unknown one ends it as a lower bound. */
	f->level = 0;
	f->level_exact = 1;
	for (i = 0; i <= ASSOC_PRACTICE_CAPACITY_BUILDING; i++) {
		if (f->p[i] == 1) {
			f->level++;
			continue;
		}
		f->level_exact = f->p[i] == 0;
		break;
	}
}

/* "Himmelman level >= k" in three-valued logic. */
static int level_at_least(const facts *f, int k)
{
	if (f->level >= k)
		return 1;
	return f->level_exact ? 0 : -1;
}

static int form_rule(const facts *f)
{
	return t_and(t_and(f->p[ASSOC_PRACTICE_CO_DEFINED_OBJECTIVES], f->p[ASSOC_PRACTICE_POOLED_RESOURCES]),
		     t_or(f->p[ASSOC_PRACTICE_SHARED_GOVERNANCE], f->p[ASSOC_PRACTICE_CO_CREATED_SOLUTION]));
}

static int co_construction_rule(const facts *f)
{
	return t_and(form_rule(f), f->p[ASSOC_PRACTICE_CO_CREATED_SOLUTION]);
}

/* Each acts with its own means alongside the other: coordinated
 * activities, a partner bringing means of action, or a two-way exchange
 * (the association gives more than recognition and a partner gives too). */
static int complementarity_rule(const facts *f)
{
	return t_or(t_or(f->p[ASSOC_PRACTICE_COORDINATED_ACTIVITIES], f->partner_action),
		    t_and(f->self_substantive, f->partner_gives));
}

/* ---- results per alliance ---------------------------------------------------------- */

static const char *practice_id(int i) { return assoc_vocab_id(ASSOC_VOCAB_PRACTICE, i); }

/* List the unknown practices among `which` (indices, -1 terminated). */
static void list_unknown(const facts *f, const int *which, char *out, size_t len)
{
	size_t n;
	out[0] = '\0';
	for (; *which >= 0; which++) {
		if (f->p[*which] != -1)
			continue;
		n = strlen(out);
		snprintf(out + n, len - n, "%s%s", n ? ", " : "", practice_id(*which));
	}
}

static double known_share(const facts *f, const int *which)
{
	int n = 0, known = 0;
	for (; *which >= 0; which++, n++)
		known += f->p[*which] != -1;
	return n ? (double)known / n : 1.0;
}

static void input_practices(assoc_result *r, const assoc__ctx *ctx, const facts *f, const int *which)
{
	for (; *which >= 0; which++)
		assoc__result_input(r, ctx, practice_id(*which), f->p[*which] == -1 ? ASSOC__ABSENT : f->p[*which]);
}

static double tri_value(int t) { return t == -1 ? ASSOC__ABSENT : t; }

static const char *const HIMMELMAN_NAMES[] = { "transfer", "networking", "coordinating", "cooperating",
					       "collaborating" };

static int result_himmelman(assoc__ctx *ctx, const facts *f)
{
	static const int which[] = { ASSOC_PRACTICE_INFORMATION_SHARING, ASSOC_PRACTICE_COORDINATED_ACTIVITIES,
				     ASSOC_PRACTICE_POOLED_RESOURCES, ASSOC_PRACTICE_CAPACITY_BUILDING, -1 };
	assoc_result *r;
	int rc;
	if ((rc = assoc__ctx_result(&r, ctx, "alliance.himmelman_level", 0, f->a->id)) < 0)
		return rc;
	input_practices(r, ctx, f, which);
	if ((rc = assoc__result_set_label(r, HIMMELMAN_NAMES[f->level])) < 0)
		return rc;
	if (f->level_exact) {
		assoc__result_ok(r, ctx, f->level, "Alliance '%s' is at Himmelman level %d (%s)%s%s.", f->a->id, f->level,
				 HIMMELMAN_NAMES[f->level], f->level < 4 ? ": it does not practise " : "",
				 f->level < 4 ? practice_id(f->level) : "");
	} else {
		char why[200];
		snprintf(why, sizeof why, "%s is unknown: a level needs every lower practice known to be true",
			 practice_id(f->level));
		assoc__result_partial(r, ctx, f->level, known_share(f, which), why,
				      "Alliance '%s' is at least at Himmelman level %d (%s); %s is unknown.", f->a->id,
				      f->level, HIMMELMAN_NAMES[f->level], practice_id(f->level));
	}
	return 0;
}

static int result_form(assoc__ctx *ctx, const facts *f, int *form)
{
	static const int which[] = { ASSOC_PRACTICE_CO_DEFINED_OBJECTIVES, ASSOC_PRACTICE_POOLED_RESOURCES,
				     ASSOC_PRACTICE_SHARED_GOVERNANCE, ASSOC_PRACTICE_CO_CREATED_SOLUTION, -1 };
	assoc_result *r;
	int t = form_rule(f), rc;
	*form = t == 1;
	if ((rc = assoc__ctx_result(&r, ctx, "alliance.form", 0, f->a->id)) < 0)
		return rc;
	input_practices(r, ctx, f, which);
	if ((rc = assoc__result_set_label(r, t == 1 ? "alliance" : "exchange")) < 0)
		return rc;
	if (t == 1) {
		assoc__result_ok(r, ctx, 1,
				 "Alliance '%s' is an alliance contract: objectives are co-defined, resources pooled, and "
				 "governance shared or the solution co-created.",
				 f->a->id);
	} else if (t == 0) {
		assoc__result_ok(r, ctx, 0,
				 "Alliance '%s' is an exchange contract: it lacks co-defined objectives, pooled resources, "
				 "or both shared governance and a co-created solution.",
				 f->a->id);
	} else {
		char unknown[200], why[300];
		list_unknown(f, which, unknown, sizeof unknown);
		snprintf(why, sizeof why, "unknown practices (%s) could make it an alliance contract", unknown);
		assoc__result_partial(r, ctx, 0, known_share(f, which), why,
				      "Alliance '%s' is an exchange contract as far as is known (%s unknown).", f->a->id,
				      unknown);
	}
	return 0;
}

static const char *const LOGIC_NAMES[] = { NULL, "solidarity", "complementarity", "co_construction" };

/* Logic: 3 co_construction, 2 complementarity, 1 solidarity; 0 when none
 * can be told (no partner contributes and nothing else is known). */
static int result_logic(assoc__ctx *ctx, const facts *f, int *logic)
{
	static const int which[] = { ASSOC_PRACTICE_COORDINATED_ACTIVITIES, ASSOC_PRACTICE_CO_DEFINED_OBJECTIVES,
				     ASSOC_PRACTICE_POOLED_RESOURCES, ASSOC_PRACTICE_SHARED_GOVERNANCE,
				     ASSOC_PRACTICE_CO_CREATED_SOLUTION, -1 };
	int co = co_construction_rule(f), comp = complementarity_rule(f), rc, v;
	const char *open = NULL;
	assoc_result *r;
	if ((rc = assoc__ctx_result(&r, ctx, "alliance.logic", 0, f->a->id)) < 0)
		return rc;
	input_practices(r, ctx, f, which);
	assoc__result_input(r, ctx, "partner_contributes", tri_value(f->partner_gives));
	assoc__result_input(r, ctx, "partner_means_of_action", tri_value(f->partner_action));
	assoc__result_input(r, ctx, "self_contributes_beyond_visibility", tri_value(f->self_substantive));
	if (co == 1) {
		v = 3;
	} else if (comp == 1) {
		v = 2;
		open = co == -1 ? "unknown practices could make it co-construction" : NULL;
	} else if (comp == 0 && f->partner_gives == 1) {
		v = 1;
		open = co == -1 ? "unknown practices could make it co-construction" : NULL;
	} else if (comp == -1 && f->partner_gives == 1) {
		/* A partner gives, no sign of acting alongside: solidarity as far as known. */
		v = 1;
		open = "coordinated_activities is unknown: the alliance could be complementarity";
	} else {
		v = 0;
	}
	*logic = v;
	if (v == 0) {
		assoc__result_not_computable(r, ctx, "the logic of alliance '%s' cannot be told: %s", f->a->id,
					     f->partner_gives == 0
						     ? "no partner contributes anything (only the association gives)"
						     : "no contributions are recorded and coordinated_activities is unknown");
		return 0;
	}
	if ((rc = assoc__result_set_label(r, LOGIC_NAMES[v])) < 0)
		return rc;
	if (!open)
		assoc__result_ok(r, ctx, v, "Alliance '%s' follows a logic of %s.", f->a->id, LOGIC_NAMES[v]);
	else
		assoc__result_partial(r, ctx, v, known_share(f, which), open,
				      "Alliance '%s' follows a logic of %s as far as is known.", f->a->id, LOGIC_NAMES[v]);
	return 0;
}

static const char *const AUSTIN_NAMES[] = { NULL, "philanthropic", "transactional", "integrative",
					    "transformational" };

static int result_austin(assoc__ctx *ctx, const facts *f)
{
	static const int which[] = { ASSOC_PRACTICE_SHARED_GOVERNANCE, ASSOC_PRACTICE_CO_CREATED_SOLUTION, -1 };
	int cond[5], s, stage = 1, open = 0, rc;
	assoc_result *r;
	cond[3] = t_and(level_at_least(f, 3), f->p[ASSOC_PRACTICE_SHARED_GOVERNANCE]);
	cond[4] = t_and(cond[3], f->p[ASSOC_PRACTICE_CO_CREATED_SOLUTION]);
	cond[2] = t_or(f->reciprocal, level_at_least(f, 2));
	/* The highest stage known to hold; partial if a higher one might. */
	for (s = 4; s >= 2; s--) {
		if (cond[s] == 1) {
			stage = s;
			break;
		}
		if (cond[s] == -1)
			open = 1;
	}
	if ((rc = assoc__ctx_result(&r, ctx, "alliance.austin_stage", 0, f->a->id)) < 0)
		return rc;
	assoc__result_input(r, ctx, "himmelman_level", f->level);
	assoc__result_input(r, ctx, "reciprocal", tri_value(f->reciprocal));
	input_practices(r, ctx, f, which);
	if ((rc = assoc__result_set_label(r, AUSTIN_NAMES[stage])) < 0)
		return rc;
	if (!open) {
		assoc__result_ok(r, ctx, stage, "Alliance '%s' is at Austin's %s stage (%d of 4).", f->a->id,
				 AUSTIN_NAMES[stage], stage);
	} else {
		char why[300];
		snprintf(why, sizeof why,
			 "unknown facts (%s%s%s) could place it at a higher stage",
			 f->reciprocal == -1 ? "who contributes, " : "", f->level_exact ? "" : "higher Himmelman practices, ",
			 "shared_governance or co_created_solution");
		assoc__result_partial(r, ctx, stage, known_share(f, which), why,
				      "Alliance '%s' is at least at Austin's %s stage (%d of 4).", f->a->id,
				      AUSTIN_NAMES[stage], stage);
	}
	return 0;
}

static int result_maturity(assoc__ctx *ctx, const facts *f, double *maturity)
{
	const assoc_profile *p = ctx->profile;
	double known = 0, all = 0, held = 0, min_cov, cov;
	char key[64], unknown[300] = "";
	assoc_result *r;
	int i, rc;
	*maturity = ASSOC__ABSENT;
	if ((rc = assoc__ctx_result(&r, ctx, "alliance.maturity", 0, f->a->id)) < 0)
		return rc;
	for (i = 0; i < ASSOC__MATURITY_COUNT; i++) {
		int t = i == ASSOC__MATURITY_MULTI_YEAR ? f->multi_year : f->p[i];
		double w = p->maturity[i];
		snprintf(key, sizeof key, "alliance_maturity.%s", assoc__maturity_key(i));
		if (ctx->explain && (rc = assoc__result_profile_entry(r, key, w, "base")) < 0)
			return rc;
		assoc__result_input(r, ctx, assoc__maturity_key(i), tri_value(t));
		if (i == ASSOC__MATURITY_MULTI_YEAR)
			assoc__result_input(r, ctx, "duration_months", f->months);
		all += w;
		if (t == -1) {
			size_t n = strlen(unknown);
			snprintf(unknown + n, sizeof unknown - n, "%s%s", n ? ", " : "", assoc__maturity_key(i));
			continue;
		}
		known += w;
		held += t == 1 ? w : 0;
	}
	if (assoc__has(f->months) && assoc__ctx_constant(&(double){ 0 }, ctx, r, "alliance.multi_year_months") == ASSOC_ENOMEM)
		return ASSOC_ENOMEM;
	if ((rc = assoc__ctx_constant(&min_cov, ctx, r, "alliance.maturity_min_coverage")) == ASSOC_ENOMEM)
		return rc;
	if (rc < 0)
		min_cov = 0;
	cov = known / all;
	if (!(known > 0) || cov < min_cov) {
		assoc__result_not_computable(r, ctx,
					     "only %.0f%% of the maturity weights are known (minimum %.0f%%); unknown: %s",
					     100 * cov, 100 * min_cov, unknown);
		r->coverage = cov;
		return 0;
	}
	*maturity = 100 * held / known;
	for (i = 0; i < ASSOC__MATURITY_COUNT; i++) {
		int t = i == ASSOC__MATURITY_MULTI_YEAR ? f->multi_year : f->p[i];
		if (t == 1)
			assoc__result_contribution(r, ctx, assoc__maturity_key(i), 100 * p->maturity[i] / known);
	}
	if (cov >= 1)
		assoc__result_ok(r, ctx, *maturity, "Alliance '%s' has a maturity of %.1f out of 100.", f->a->id, *maturity);
	else {
		char why[400];
		snprintf(why, sizeof why, "unknown: %s (they lower the coverage, not the score)", unknown);
		assoc__result_partial(r, ctx, *maturity, cov, why,
				      "Alliance '%s' has a maturity of %.1f out of 100 over the %.0f%% of the weights known.",
				      f->a->id, *maturity, 100 * cov);
	}
	return 0;
}

/* ---- the portfolio -------------------------------------------------------------------- */

typedef struct one {
	facts f;
	int form_status, logic_status;   /* assoc_status of the per-alliance results */
	int form, logic;
	double maturity;
	int local[2];                    /* tri: partner in the same departement [0] / region [1] */
} one;

/* Département of a territory: given, or read from a French commune code. */
static const char *dep_of(const assoc__territory *t, char buf[4])
{
	if (t->departement)
		return t->departement;
	if (t->commune && assoc__territory_is_fr(t->country) && assoc__fr_commune_departement(buf, t->commune))
		return buf;
	return NULL;
}

/* Région of a territory: given, or the région of its French département. */
static const char *region_of(const assoc__territory *t)
{
	char buf[4];
	const char *dep;
	if (t->region)
		return t->region;
	if (!assoc__territory_is_fr(t->country) || !(dep = dep_of(t, buf)))
		return NULL;
	return assoc__fr_departement_region(dep);
}

/* Is `t` in the same area (0 département, 1 région) as `org`? tri-state. */
static int same_area(const assoc__territory *t, const assoc__territory *org, int level)
{
	char b1[4], b2[4];
	const char *x = level == 0 ? dep_of(t, b1) : region_of(t);
	const char *o = level == 0 ? dep_of(org, b2) : region_of(org);
	if (x && o)
		return strcmp(x, o) == 0 && (!t->country || !org->country || strcmp(t->country, org->country) == 0);
	/* A partner known to be in another country is not local. */
	if (t->country && org->country && strcmp(t->country, org->country) != 0)
		return 0;
	return -1;
}

static int alliance_local(const assoc__alliance *a, const assoc__territory *org, int level)
{
	int any = 0;
	size_t i;
	for (i = 0; i < a->partners.n; i++)
		any = t_or(any, same_area(&ASSOC__AT(a->partners, assoc__partner, i)->territory, org, level));
	return any;
}

/* One currency for every alliance with contributed value, or NULL and
 * *mixed set. Alliances without a currency count as "unspecified". */
static const char *common_currency(const one *al, size_t n, int *mixed)
{
	const char *cur = NULL;
	int have = 0;
	size_t i;
	*mixed = 0;
	for (i = 0; i < n; i++) {
		const char *c = al[i].f.a->currency ? al[i].f.a->currency : "unspecified";
		if (!(al[i].f.value > 0))
			continue;
		if (have && strcmp(cur, c) != 0)
			*mixed = 1;
		cur = c;
		have = 1;
	}
	return cur;
}

/* A share over the alliances, by count (by_value 0) or by contributed
 * value; flag(i) is 1, 0 or -1 (unknown: the alliance is left out). */
typedef struct share_spec {
	const char *id;
	const char *what;     /* "of alliance form" */
	int by_value;
	const char *unknown;  /* why an alliance is left out */
} share_spec;

static int result_share(assoc__ctx *ctx, const one *al, size_t n, const share_spec *s, const int *flags,
			const int *partial)
{
	double num = 0, den = 0, all = 0;
	size_t i, known = 0, open = 0;
	int mixed = 0, rc;
	assoc_result *r;
	if (s->by_value)
		common_currency(al, n, &mixed);
	if ((rc = assoc__ctx_result(&r, ctx, s->id, 0, NULL)) < 0)
		return rc;
	if (n == 0) {
		assoc__result_not_computable(r, ctx, "no alliance is recorded");
		return 0;
	}
	if (mixed) {
		assoc__result_not_computable(r, ctx, "alliances record their contributions in several currencies");
		return 0;
	}
	for (i = 0; i < n; i++) {
		double w = s->by_value ? al[i].f.value : 1;
		all += w;
		if (flags[i] < 0)
			continue;
		known++;
		open += partial[i];
		den += w;
		num += flags[i] ? w : 0;
		if (flags[i])
			assoc__result_contribution(r, ctx, al[i].f.a->id, w);
	}
	assoc__result_input(r, ctx, "alliances", (double)n);
	assoc__result_input(r, ctx, "alliances_known", (double)known);
	if (s->by_value)
		assoc__result_input(r, ctx, "contributed_value", all);
	if (!(den > 0)) {
		if (known == 0)
			assoc__result_not_computable(r, ctx, "no alliance could be classified: %s", s->unknown);
		else
			assoc__result_not_computable(r, ctx, "the alliances classified record no contributed value");
		return 0;
	}
	if (known == n && open == 0)
		assoc__result_ok(r, ctx, num / den, "%.1f%% of the alliances%s are %s.", 100 * num / den,
				 s->by_value ? " (by contributed value)" : "", s->what);
	else {
		char why[200];
		snprintf(why, sizeof why, "%zu of %zu alliances could not be classified (%s), %zu are classified partially",
			 n - known, n, s->unknown, open);
		assoc__result_partial(r, ctx, num / den, all > 0 ? den / all : (double)known / n, why,
				      "%.1f%% of the alliances classified%s are %s.", 100 * num / den,
				      s->by_value ? " (by contributed value)" : "", s->what);
	}
	return 0;
}

static int result_count(assoc__ctx *ctx, size_t n)
{
	assoc_result *r;
	int rc;
	if ((rc = assoc__ctx_result(&r, ctx, "alliances.count", 0, NULL)) < 0)
		return rc;
	assoc__result_ok(r, ctx, (double)n, "%zu alliance%s recorded.", n, n == 1 ? "" : "s");
	return 0;
}

/* Identity of a partner across alliances: its identifier, else its name,
 * else alliance id + partner id (a partner named nowhere else). */
static void partner_key(char *out, size_t len, const assoc__alliance *a, const assoc__partner *p)
{
	if (p->identifier.value)
		snprintf(out, len, "id:%d:%s", p->identifier.scheme, p->identifier.value);
	else if (p->name)
		snprintf(out, len, "name:%s", p->name);
	else
		snprintf(out, len, "local:%s/%s", a->id, p->id);
}

typedef struct partner_sum {
	char key[300];
	const char *name;
	int kind;
	double value;
} partner_sum;

static int collect_partners(partner_sum **out, size_t *count, const one *al, size_t n)
{
	size_t i, j, k, c, cap = 0, m = 0;
	partner_sum *ps;
	for (i = 0; i < n; i++)
		cap += al[i].f.a->partners.n;
	*out = NULL;
	*count = 0;
	if (!(ps = assoc__calloc(cap ? cap : 1, sizeof *ps)))
		return assoc__error_oom();
	for (i = 0; i < n; i++) {
		const assoc__alliance *a = al[i].f.a;
		for (j = 0; j < a->partners.n; j++) {
			const assoc__partner *p = ASSOC__AT(a->partners, assoc__partner, j);
			char key[300];
			partner_key(key, sizeof key, a, p);
			for (k = 0; k < m && strcmp(ps[k].key, key) != 0; k++)
				;
			if (k == m) {
				snprintf(ps[m].key, sizeof ps[m].key, "%s", key);
				ps[m].name = p->name ? p->name : p->id;
				ps[m].kind = p->kind;
				m++;
			}
			for (c = 0; c < a->contributions.n; c++) {
				const assoc__contribution *ct = ASSOC__AT(a->contributions, assoc__contribution, c);
				if (strcmp(ct->party, p->id) == 0 && assoc__has(ct->value))
					ps[k].value += ct->value;
			}
		}
	}
	*out = ps;
	*count = m;
	return 0;
}

static int result_kind_evenness(assoc__ctx *ctx, const partner_sum *ps, size_t m)
{
	double counts[ASSOC_PARTNER__COUNT] = { 0 };
	assoc_concentration c;
	assoc_result *r;
	size_t i;
	int rc;
	if ((rc = assoc__ctx_result(&r, ctx, "alliances.partner_kind_evenness", 0, NULL)) < 0)
		return rc;
	for (i = 0; i < m; i++)
		if (ps[i].kind >= 0 && ps[i].kind < ASSOC_PARTNER__COUNT)
			counts[ps[i].kind] += 1;
	if (m == 0 || assoc_concentration_compute(&c, counts, ASSOC_PARTNER__COUNT, ASSOC_PARTNER__COUNT) < 0) {
		assoc__result_not_computable(r, ctx, "no partner is recorded");
		return 0;
	}
	for (i = 0; i < ASSOC_PARTNER__COUNT; i++) {
		assoc__result_input(r, ctx, assoc_vocab_id(ASSOC_VOCAB_PARTNER_KIND, (int)i), counts[i]);
		if (counts[i] > 0)
			assoc__result_contribution(r, ctx, assoc_vocab_id(ASSOC_VOCAB_PARTNER_KIND, (int)i),
						   counts[i] / c.total);
	}
	assoc__result_ok(r, ctx, c.evenness,
			 "%zu distinct partners spread over the 8 partner kinds with a Shannon evenness of %.3f.", m,
			 c.evenness);
	return 0;
}

static int result_dependence(assoc__ctx *ctx, const one *al, size_t n, const partner_sum *ps, size_t m)
{
	double total = 0;
	size_t i, best = 0;
	int mixed, rc;
	assoc_result *r;
	if ((rc = assoc__ctx_result(&r, ctx, "alliances.largest_partner_dependence", 0, NULL)) < 0)
		return rc;
	common_currency(al, n, &mixed);
	if (mixed) {
		assoc__result_not_computable(r, ctx, "alliances record their contributions in several currencies");
		return 0;
	}
	for (i = 0; i < m; i++) {
		total += ps[i].value;
		if (ps[i].value > ps[best].value)
			best = i;
	}
	if (!(total > 0)) {
		assoc__result_not_computable(r, ctx, "no partner contribution with a value is recorded");
		return 0;
	}
	for (i = 0; i < m; i++)
		if (ps[i].value > 0)
			assoc__result_contribution(r, ctx, ps[i].name, ps[i].value / total);
	assoc__result_input(r, ctx, "partners_value", total);
	if ((rc = assoc__result_set_label(r, ps[best].name)) < 0)
		return rc;
	assoc__result_ok(r, ctx, ps[best].value / total,
			 "%s contributes %.1f%% of the value partners bring to the alliances (%.2f of %.2f).",
			 ps[best].name, 100 * ps[best].value / total, ps[best].value, total);
	return 0;
}

static int result_mean_maturity(assoc__ctx *ctx, const one *al, size_t n)
{
	double sum = 0, cov = 0;
	size_t i, k = 0, open = 0;
	assoc_result *r;
	int rc;
	if ((rc = assoc__ctx_result(&r, ctx, "alliances.mean_maturity", 0, NULL)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		const assoc_result *m = assoc__ctx_find(ctx, "alliance.maturity", 0, al[i].f.a->id);
		if (!assoc__has(al[i].maturity))
			continue;
		sum += al[i].maturity;
		k++;
		/* Coverage: the mean of the alliances' coverages, 0 for those without a maturity. */
		cov += m ? m->coverage : 1;
		open += m && m->status == ASSOC_STATUS_PARTIAL;
		assoc__result_contribution(r, ctx, al[i].f.a->id, al[i].maturity);
	}
	if (k == 0) {
		assoc__result_not_computable(r, ctx, "%s", n ? "no alliance has a computable maturity"
							     : "no alliance is recorded");
	} else if (k == n && open == 0) {
		assoc__result_ok(r, ctx, sum / k, "The %zu alliances have a mean maturity of %.1f out of 100.", n, sum / k);
	} else {
		char why[160];
		snprintf(why, sizeof why, "%zu of %zu alliances have no computable maturity, %zu a partial one", n - k, n,
			 open);
		assoc__result_partial(r, ctx, sum / k, cov / n, why,
				      "The %zu alliances with a computable maturity have a mean of %.1f out of 100.", k,
				      sum / k);
	}
	return 0;
}

static int portfolio(assoc__ctx *ctx, one *al, size_t n)
{
	static const share_spec specs[] = {
#define FORM_UNKNOWN "form not computable"
#define LOGIC_UNKNOWN "logic not computable"
#define DEP_UNKNOWN "no partner's departement is known, nor any partner known to be elsewhere"
#define REG_UNKNOWN "no partner's region is known, nor any partner known to be elsewhere"
		{ "alliances.alliance_form_share", "of alliance form", 0, FORM_UNKNOWN },
		{ "alliances.alliance_form_share_by_value", "of alliance form", 1, FORM_UNKNOWN },
		{ "alliances.co_construction_share", "of co-construction logic", 0, LOGIC_UNKNOWN },
		{ "alliances.co_construction_share_by_value", "of co-construction logic", 1, LOGIC_UNKNOWN },
		{ "alliances.local_share_departement", "anchored in the departement (a partner there)", 0, DEP_UNKNOWN },
		{ "alliances.local_share_departement_by_value", "anchored in the departement (a partner there)", 1,
		  DEP_UNKNOWN },
		{ "alliances.local_share_region", "anchored in the region (a partner there)", 0, REG_UNKNOWN },
		{ "alliances.local_share_region_by_value", "anchored in the region (a partner there)", 1, REG_UNKNOWN },
	};
	int *flags, *part;
	partner_sum *ps = NULL;
	size_t i, s, m;
	int rc = 0;
	if ((rc = result_count(ctx, n)) < 0)
		return rc;
	flags = assoc__calloc(2 * (n ? n : 1), sizeof *flags);
	if (!flags)
		return assoc__error_oom();
	part = flags + (n ? n : 1);
	for (s = 0; s < sizeof specs / sizeof specs[0] && rc == 0; s++) {
		for (i = 0; i < n; i++) {
			if (s < 2) {
				flags[i] = al[i].form_status == ASSOC_STATUS_NOT_COMPUTABLE ? -1 : al[i].form;
				part[i] = al[i].form_status == ASSOC_STATUS_PARTIAL;
			} else if (s < 4) {
				flags[i] = al[i].logic_status == ASSOC_STATUS_NOT_COMPUTABLE ? -1 : al[i].logic == 3;
				part[i] = al[i].logic_status == ASSOC_STATUS_PARTIAL;
			} else {
				flags[i] = al[i].local[s < 6 ? 0 : 1];
				part[i] = 0;
			}
		}
		if (s >= 4 && n > 0 && !(s < 6 ? dep_of(&ctx->org->territory, (char[4]){ 0 }) : region_of(&ctx->org->territory))) {
			assoc_result *r;
			if ((rc = assoc__ctx_result(&r, ctx, specs[s].id, 0, NULL)) < 0)
				break;
			assoc__result_not_computable(r, ctx, "the organisation's %s is unknown",
						     s < 6 ? "departement" : "region");
			continue;
		}
		rc = result_share(ctx, al, n, &specs[s], flags, part);
	}
	assoc__free(flags);
	if (rc < 0)
		return rc;
	if ((rc = collect_partners(&ps, &m, al, n)) < 0)
		return rc;
	if ((rc = result_kind_evenness(ctx, ps, m)) == 0 && (rc = result_dependence(ctx, al, n, ps, m)) == 0)
		rc = result_mean_maturity(ctx, al, n);
	assoc__free(ps);
	return rc;
}

int assoc__score_alliances(assoc__ctx *ctx)
{
	const assoc__vec *v = &ctx->org->alliances;
	double my_months;
	one *al;
	size_t i;
	int rc = 0;
	if (assoc__profile_constant_get(&my_months, NULL, ctx->profile, ctx->override, "alliance.multi_year_months") < 0)
		my_months = ASSOC__ABSENT;
	if (!(al = assoc__calloc(v->n ? v->n : 1, sizeof *al)))
		return assoc__error_oom();
	for (i = 0; i < v->n && rc == 0; i++) {
		one *o = &al[i];
		const assoc_result *r;
		read_facts(&o->f, ASSOC__AT(*v, assoc__alliance, i), my_months);
		if ((rc = result_himmelman(ctx, &o->f)) < 0 || (rc = result_form(ctx, &o->f, &o->form)) < 0 ||
		    (rc = result_logic(ctx, &o->f, &o->logic)) < 0 || (rc = result_austin(ctx, &o->f)) < 0 ||
		    (rc = result_maturity(ctx, &o->f, &o->maturity)) < 0)
			break;
		r = assoc__ctx_find(ctx, "alliance.form", 0, o->f.a->id);
		o->form_status = r ? (int)r->status : ASSOC_STATUS_NOT_COMPUTABLE;
		r = assoc__ctx_find(ctx, "alliance.logic", 0, o->f.a->id);
		o->logic_status = r ? (int)r->status : ASSOC_STATUS_NOT_COMPUTABLE;
		o->local[0] = alliance_local(o->f.a, &ctx->org->territory, 0);
		o->local[1] = alliance_local(o->f.a, &ctx->org->territory, 1);
	}
	if (rc == 0)
		rc = portfolio(ctx, al, v->n);
	assoc__free(al);
	return rc;
}
