/*
 * Lever 3, alliances (formulas.md §3, docs/measures.md): a table
 * test of the classifier (every Himmelman level 0-4, every logic, every
 * Austin stage, the boundaries, unknown practices), the maturity score
 * with its coverage, and the portfolio measures. Every expected value is
 * derived in the comment of its row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

/* Practices as 8 characters, in vocabulary order:
 * I information_sharing, C coordinated_activities, P pooled_resources,
 * B capacity_building, O co_defined_objectives, G shared_governance,
 * E joint_evaluation, S co_created_solution; '1' true, '0' false, '?' unknown. */
static const char *const PRACTICES[8] = { "information_sharing", "coordinated_activities", "pooled_resources",
					  "capacity_building", "co_defined_objectives", "shared_governance",
					  "joint_evaluation", "co_created_solution" };

/* Contributions: p = the partner, s = self. */
#define P_MONEY "{\"party\":\"p\",\"kind\":\"money\",\"value\":1000}"
#define P_SKILLS "{\"party\":\"p\",\"kind\":\"skills\",\"hours\":10}"
#define S_STAFF "{\"party\":\"self\",\"kind\":\"staff\",\"hours\":100}"
#define S_VISIBILITY "{\"party\":\"self\",\"kind\":\"visibility\"}"

typedef struct row {
	const char *id, *practices, *contributions, *start, *end;
	int level, level_st;
	int form, form_st;
	int logic, logic_st; /* logic 0: not computable */
	int austin, austin_st;
} row;

enum { OK = ASSOC_STATUS_OK, PA = ASSOC_STATUS_PARTIAL, NC = ASSOC_STATUS_NOT_COMPUTABLE };

static const row ROWS[] = {
	/* Level 0: no information sharing. One-way money: exchange, solidarity, philanthropic. */
	{ "h0", "00000000", P_MONEY, NULL, NULL, 0, OK, 0, OK, 1, OK, 1, OK },
	/* Level 1: information sharing only. */
	{ "h1", "10000000", P_MONEY, NULL, NULL, 1, OK, 0, OK, 1, OK, 1, OK },
	/* Level 2: + coordinated activities -> complementarity (acting alongside);
	 * Austin: level >= 2 -> transactional. */
	{ "h2", "11000000", P_MONEY, NULL, NULL, 2, OK, 0, OK, 2, OK, 2, OK },
	/* Level 3: + pooled resources. No co-defined objectives: exchange. Boundary:
	 * level 3 without shared governance stays transactional. Maturity: 5+10+15 of
	 * 100 known (12 months: not multi-year) = 30. */
	{ "h3", "11100000", P_MONEY, "2024-01", "2024-12", 3, OK, 0, OK, 2, OK, 2, OK },
	/* Level 4: + capacity building. */
	{ "h4", "11110000", P_MONEY, NULL, NULL, 4, OK, 0, OK, 2, OK, 2, OK },
	/* Cumulative: pooled resources without coordinated activities does not count. */
	{ "gap", "10100000", P_MONEY, NULL, NULL, 1, OK, 0, OK, 1, OK, 1, OK },
	/* Unknown coordinated activities: level at least 1, partial; logic solidarity as far as
	 * known (partial); Austin philanthropic, partial (level >= 2 unknown). */
	{ "unk", "1?000000", P_MONEY, NULL, NULL, 1, PA, 0, OK, 1, PA, 1, PA },
	/* Alliance form: co-defined objectives + pooled + shared governance; level 3 (no
	 * capacity building) + shared governance -> integrative; no co-created solution:
	 * complementarity (coordinated activities). */
	{ "gov", "11101100", P_MONEY "," S_STAFF, NULL, NULL, 3, OK, 1, OK, 2, OK, 3, OK },
	/* Boundary: objectives and pooling without governance or co-created solution: exchange. */
	{ "nogov", "11101000", P_MONEY, NULL, NULL, 3, OK, 0, OK, 2, OK, 2, OK },
	/* Governance unknown: exchange as far as known (partial); Austin could be integrative:
	 * transactional, partial. */
	{ "govunk", "11101?00", P_MONEY, NULL, NULL, 3, OK, 0, PA, 2, OK, 2, PA },
	/* Everything: level 4, alliance, co-construction, transformational; maturity 100. */
	{ "all", "11111111", P_MONEY "," P_SKILLS "," S_STAFF, "2022-01", "2023-12", 4, OK, 1, OK, 3, OK, 4, OK },
	/* Complementarity through a partner's means of action (skills), one-way: philanthropic. */
	{ "skills", "00000000", P_SKILLS, NULL, NULL, 0, OK, 0, OK, 2, OK, 1, OK },
	/* Two-way exchange (association's staff + partner's money): complementarity; two
	 * parties contribute -> reciprocal -> transactional. */
	{ "twoway", "00000000", P_MONEY "," S_STAFF, NULL, NULL, 0, OK, 0, OK, 2, OK, 2, OK },
	/* Recognition is not acting alongside: money for visibility is solidarity, but two
	 * parties contribute, so Austin's transactional stage (sponsorship). */
	{ "visib", "00000000", P_MONEY "," S_VISIBILITY, NULL, NULL, 0, OK, 0, OK, 1, OK, 2, OK },
	/* Nothing known but information sharing, no contributions: logic not computable;
	 * level at least 1; Austin philanthropic at least, partial. */
	{ "dark", "1???????", NULL, NULL, NULL, 1, PA, 0, PA, 0, NC, 1, PA },
	/* Only the association gives: no logic applies. */
	{ "selfonly", "00000000", S_STAFF, NULL, NULL, 0, OK, 0, OK, 0, NC, 1, OK },
	/* Integrative (level 4 + governance) with the co-created solution unknown: at least
	 * integrative, partial. No co-defined objectives: exchange. */
	{ "integ", "1111010?", P_MONEY, NULL, NULL, 4, OK, 0, OK, 2, OK, 3, PA },
	/* Boundary: shared governance at level 2 is not integrative. */
	{ "lvl2gov", "11000100", P_MONEY, NULL, NULL, 2, OK, 0, OK, 2, OK, 2, OK },
};
#define NROWS (sizeof ROWS / sizeof ROWS[0])

static void put_alliance(char *buf, size_t len, const row *r, int first)
{
	size_t n = strlen(buf);
	int i, any = 0;
	n += (size_t)snprintf(buf + n, len - n,
			      "%s{\"id\":\"%s\",\"family\":\"mecenat\",\"currency\":\"EUR\",%s%s%s%s%s%s"
			      "\"partners\":[{\"id\":\"p\",\"name\":\"Partner %s\",\"kind\":\"company\"}],"
			      "\"contributions\":[%s],\"practices\":{",
			      first ? "" : ",", r->id, r->start ? "\"start\":\"" : "", r->start ? r->start : "",
			      r->start ? "\"," : "", r->end ? "\"end\":\"" : "", r->end ? r->end : "", r->end ? "\"," : "",
			      r->id, r->contributions ? r->contributions : "");
	for (i = 0; i < 8; i++) {
		if (r->practices[i] == '?')
			continue;
		n += (size_t)snprintf(buf + n, len - n, "%s\"%s\":%s", any ? "," : "", PRACTICES[i],
				      r->practices[i] == '1' ? "true" : "false");
		any = 1;
	}
	snprintf(buf + n, len - n, "}}");
}

static assoc_org *org_of(const row *rows, size_t n)
{
	static char json[65536];
	assoc_org *org = NULL;
	size_t i;
	snprintf(json, sizeof json,
		 "{\"format\":\"libassoc/1\",\"organisation\":{\"id\":{\"scheme\":\"other\",\"value\":\"a\"},"
		 "\"name\":\"Alliance test\",\"alliances\":[");
	for (i = 0; i < n; i++)
		put_alliance(json, sizeof json, &rows[i], i == 0);
	strcat(json, "]}}");
	ASSERT_OK(assoc_org_from_json(&org, json, strlen(json), NULL));
	return org;
}

static void check(const assoc_report *rep, const char *id, const char *measure, int value, int status,
		  const char *label)
{
	const assoc_result *r = assoc_report_find(rep, measure, 0, id);
	double v = 0;
	if (!r) {
		fprintf(stderr, "\n  no %s for %s\n", measure, id);
		CU_FAIL("missing result");
		return;
	}
	if ((int)assoc_result_status(r) != status || (status != NC && (assoc_result_value(&v, r) || (int)v != value))) {
		fprintf(stderr, "\n  %s %s: status %d value %g label %s, expected status %d value %d (%s)\n", id, measure,
			assoc_result_status(r), v, assoc_result_label(r) ? assoc_result_label(r) : "-", status, value,
			assoc_result_reason(r) ? assoc_result_reason(r) : "");
		CU_FAIL("wrong classification");
		return;
	}
	if (status == NC) {
		CU_ASSERT_PTR_NOT_NULL(assoc_result_reason(r));
	} else if (label) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(assoc_result_label(r));
		CU_ASSERT_STRING_EQUAL(assoc_result_label(r), label);
	}
	if (status == PA)
		CU_ASSERT_PTR_NOT_NULL(assoc_result_reason(r));
}

static const char *const HIM[] = { "transfer", "networking", "coordinating", "cooperating", "collaborating" };
static const char *const LOGIC[] = { NULL, "solidarity", "complementarity", "co_construction" };
static const char *const AUSTIN[] = { NULL, "philanthropic", "transactional", "integrative", "transformational" };

static void test_classifier_table(void)
{
	assoc_org *org = org_of(ROWS, NROWS);
	assoc_report *rep = NULL;
	size_t i;
	int seen_level[5] = { 0 }, seen_logic[4] = { 0 }, seen_austin[5] = { 0 };
	CU_ASSERT_PTR_NOT_NULL_FATAL(org);
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
	for (i = 0; i < NROWS; i++) {
		const row *r = &ROWS[i];
		check(rep, r->id, "alliance.himmelman_level", r->level, r->level_st, HIM[r->level]);
		check(rep, r->id, "alliance.form", r->form, r->form_st, r->form ? "alliance" : "exchange");
		check(rep, r->id, "alliance.logic", r->logic, r->logic_st, LOGIC[r->logic]);
		check(rep, r->id, "alliance.austin_stage", r->austin, r->austin_st, AUSTIN[r->austin]);
		seen_level[r->level] = 1;
		seen_logic[r->logic] = 1;
		seen_austin[r->austin] = 1;
	}
	/* The table covers every level, logic and stage. */
	for (i = 0; i < 5; i++)
		CU_ASSERT(seen_level[i]);
	for (i = 1; i < 4; i++)
		CU_ASSERT(seen_logic[i]);
	for (i = 1; i < 5; i++)
		CU_ASSERT(seen_austin[i]);
	assoc_report_free(rep);
	assoc_org_free(org);
}

static double input_named(const assoc_result *r, const char *name)
{
	size_t i;
	for (i = 0; i < assoc_result_input_count(r); i++) {
		const char *n;
		double v;
		assoc_result_input(&n, &v, r, i);
		if (strcmp(n, name) == 0)
			return v;
	}
	CU_FAIL("input not found");
	return -1;
}

/* Maturity with the default weights: information 5, coordination 10,
 * pooling 15, capacity 15, co-defined objectives 15, shared governance 15,
 * joint evaluation 10, co-created solution 10, multi-year 5 (sum 100);
 * minimum coverage 0.5. */
static void test_maturity(void)
{
	static const row M[] = {
		/* 30 / 100 known = 30, coverage 1. */
		{ "m30", "11100000", P_MONEY, "2024-01", "2024-12", 0, 0, 0, 0, 0, 0, 0, 0 },
		/* All true, 2022-01 .. 2023-12 is exactly 24 months: multi-year; 100. */
		{ "m100", "11111111", P_MONEY, "2022-01", "2023-12", 0, 0, 0, 0, 0, 0, 0, 0 },
		/* One day short of 24 months: not multi-year; all practices true: 95 / 100. */
		{ "short", "11111111", P_MONEY, "2022-01-02", "2023-12-31", 0, 0, 0, 0, 0, 0, 0, 0 },
		/* Joint evaluation and co-created solution unknown (20 of 100), 48 months:
		 * known 80, held 5+10+15+15+15+5 = 65 -> 65/80 = 81.25, coverage 0.8. */
		{ "m81", "111110??", P_MONEY, "2020", "2023", 0, 0, 0, 0, 0, 0, 0, 0 },
		/* Exactly at the minimum: I C P B known (45) + multi-year known false (5) = 50 of
		 * 100 -> coverage 0.5, computable: 45 / 50 = 90. */
		{ "edge", "1111????", P_MONEY, "2024", "2024", 0, 0, 0, 0, 0, 0, 0, 0 },
		/* Below: I C P (30) + multi-year (5) = 35 -> not computable. */
		{ "below", "111?????", P_MONEY, "2024", "2024", 0, 0, 0, 0, 0, 0, 0, 0 },
		/* No dates: multi-year unknown; "00000000" known 95, held 0 -> 0, partial 0.95. */
		{ "zero", "00000000", P_MONEY, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0 },
	};
	static const struct {
		double value, coverage;
		int status;
	} E[] = { { 30, 1, OK }, { 100, 1, OK }, { 95, 1, OK }, { 81.25, 0.8, PA }, { 90, 0.5, PA }, { 0, 0.35, NC },
		  { 0, 0.95, PA } };
	assoc_org *org = org_of(M, sizeof M / sizeof M[0]);
	assoc_report *rep = NULL;
	const assoc_result *r;
	size_t i;
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
	for (i = 0; i < sizeof M / sizeof M[0]; i++) {
		double v;
		r = assoc_report_find(rep, "alliance.maturity", 0, M[i].id);
		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		if ((int)assoc_result_status(r) != E[i].status)
			fprintf(stderr, "\n  %s: status %d (%s)\n", M[i].id, assoc_result_status(r),
				assoc_result_reason(r) ? assoc_result_reason(r) : "");
		CU_ASSERT_EQUAL(assoc_result_status(r), E[i].status);
		ASSERT_NEAR(assoc_result_coverage(r), E[i].coverage, 1e-12);
		if (E[i].status != NC) {
			ASSERT_OK(assoc_result_value(&v, r));
			ASSERT_NEAR(v, E[i].value, 1e-12);
		} else {
			CU_ASSERT(strstr(assoc_result_reason(r), "minimum 50%") != NULL);
		}
	}
	/* The derived multi-year flag is an input of the maturity. */
	r = assoc_report_find(rep, "alliance.maturity", 0, "m100");
	ASSERT_NEAR(input_named(r, "multi_year"), 1, 0);
	ASSERT_NEAR(input_named(r, "duration_months"), 24, 1e-9);
	r = assoc_report_find(rep, "alliance.maturity", 0, "short");
	ASSERT_NEAR(input_named(r, "multi_year"), 0, 0);
	r = assoc_report_find(rep, "alliance.maturity", 0, "zero");
	CU_ASSERT(isnan(input_named(r, "multi_year")));
	assoc_report_free(rep);
	assoc_org_free(org);
}

/* The portfolio of an organisation in Poitiers (FR, région 75, dept 86):
 *   A: company X (commune 86194 -> dept 86, région 75), every practice, 2022-2024,
 *      X gives 30,000 money, the association staff: alliance, co-construction, maturity 100.
 *   B: foundation Y (région 75, dept 33), no practice, 2024: exchange, solidarity, maturity 0;
 *      Y gives 10,000.
 *   C: public authority Z in Belgium, information + coordination, no dates: exchange,
 *      complementarity; Z gives 5,000 money + 5,000 skills; maturity 15/95 = 15.789 (partial).
 *   D: X again (same SIREN) + association W (no territory), nothing known, no contributions:
 *      exchange (partial), logic not computable, maturity not computable. */
static const char *const PORTFOLIO =
	"{\"format\":\"libassoc/1\",\"organisation\":{\"id\":{\"scheme\":\"other\",\"value\":\"pf\"},\"name\":\"PF\","
	"\"territory\":{\"country\":\"FR\",\"region\":\"75\",\"departement\":\"86\",\"commune\":\"86194\"},"
	"\"alliances\":["
	"{\"id\":\"A\",\"family\":\"innovation_societale\",\"currency\":\"EUR\",\"start\":\"2022-01\",\"end\":\"2024-12\","
	"\"partners\":[{\"id\":\"x\",\"name\":\"X SAS\",\"kind\":\"company\",\"identifier\":{\"scheme\":\"siren\",\"value\":\"923456781\"},"
	"\"territory\":{\"country\":\"FR\",\"commune\":\"86194\"}}],"
	"\"contributions\":[{\"party\":\"x\",\"kind\":\"money\",\"value\":30000},{\"party\":\"self\",\"kind\":\"staff\",\"hours\":500}],"
	"\"practices\":{\"information_sharing\":true,\"coordinated_activities\":true,\"pooled_resources\":true,"
	"\"capacity_building\":true,\"co_defined_objectives\":true,\"shared_governance\":true,\"joint_evaluation\":true,"
	"\"co_created_solution\":true}},"
	"{\"id\":\"B\",\"family\":\"mecenat\",\"currency\":\"EUR\",\"start\":\"2024\",\"end\":\"2024\","
	"\"partners\":[{\"id\":\"y\",\"name\":\"Y Foundation\",\"kind\":\"foundation\",\"territory\":{\"country\":\"FR\",\"region\":\"75\",\"departement\":\"33\"}}],"
	"\"contributions\":[{\"party\":\"y\",\"kind\":\"money\",\"value\":10000}],"
	"\"practices\":{\"information_sharing\":false,\"coordinated_activities\":false,\"pooled_resources\":false,"
	"\"capacity_building\":false,\"co_defined_objectives\":false,\"shared_governance\":false,\"joint_evaluation\":false,"
	"\"co_created_solution\":false}},"
	"{\"id\":\"C\",\"family\":\"public_partnership\",\"currency\":\"EUR\","
	"\"partners\":[{\"id\":\"z\",\"name\":\"Z Commune\",\"kind\":\"public_authority\",\"territory\":{\"country\":\"BE\"}}],"
	"\"contributions\":[{\"party\":\"z\",\"kind\":\"money\",\"value\":5000},{\"party\":\"z\",\"kind\":\"skills\",\"value\":5000}],"
	"\"practices\":{\"information_sharing\":true,\"coordinated_activities\":true,\"pooled_resources\":false,"
	"\"capacity_building\":false,\"co_defined_objectives\":false,\"shared_governance\":false,\"joint_evaluation\":false,"
	"\"co_created_solution\":false}},"
	"{\"id\":\"D\",\"family\":\"inter_association\",\"currency\":\"EUR\","
	"\"partners\":[{\"id\":\"x\",\"name\":\"X SAS\",\"kind\":\"company\",\"identifier\":{\"scheme\":\"siren\",\"value\":\"923456781\"},"
	"\"territory\":{\"country\":\"FR\",\"departement\":\"86\"}},{\"id\":\"w\",\"name\":\"W\",\"kind\":\"association\"}]}"
	"]}}";

static void expect(const assoc_report *rep, const char *measure, int status, double value, double coverage)
{
	const assoc_result *r = assoc_report_find(rep, measure, 0, NULL);
	double v;
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	if ((int)assoc_result_status(r) != status)
		fprintf(stderr, "\n  %s: status %d (%s)\n", measure, assoc_result_status(r),
			assoc_result_reason(r) ? assoc_result_reason(r) : "");
	CU_ASSERT_EQUAL(assoc_result_status(r), status);
	if (status == NC)
		return;
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, value, 1e-9);
	ASSERT_NEAR(assoc_result_coverage(r), coverage, 1e-9);
}

static void test_portfolio(void)
{
	assoc_org *org = NULL;
	assoc_report *rep = NULL;
	const assoc_result *r;
	ASSERT_OK(assoc_org_from_json(&org, PORTFOLIO, strlen(PORTFOLIO), NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(org);
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
	expect(rep, "alliances.count", OK, 4, 1);
	/* Alliance form: A of A, B, C, D (D exchange, partially): 1/4, partial. */
	expect(rep, "alliances.alliance_form_share", PA, 0.25, 1);
	/* By value: A 30,000 of 30,000 + 10,000 + 10,000 + 0 = 0.6. */
	expect(rep, "alliances.alliance_form_share_by_value", PA, 0.6, 1);
	/* Co-construction: A of A, B, C (D not computable): 1/3, coverage 3/4. */
	expect(rep, "alliances.co_construction_share", PA, 1.0 / 3, 0.75);
	/* By value: 30,000 / 50,000 (D has no value), coverage 50,000 / 50,000. */
	expect(rep, "alliances.co_construction_share_by_value", PA, 0.6, 1);
	/* Departement 86: A (commune 86194 is in 86) and D (X in 86); not B (33), not C (BE): 2/4. */
	expect(rep, "alliances.local_share_departement", OK, 0.5, 1);
	expect(rep, "alliances.local_share_departement_by_value", OK, 0.6, 1);
	/* Région 75: A (86 -> 75), B (75), D; not C: 3/4; by value 40,000 / 50,000. */
	expect(rep, "alliances.local_share_region", OK, 0.75, 1);
	expect(rep, "alliances.local_share_region_by_value", OK, 0.8, 1);
	/* Distinct partners X (counted once: same SIREN in A and D), Y, Z, W: four kinds,
	 * one each, over K = 8 kinds: ln 4 / ln 8 = 2/3. */
	expect(rep, "alliances.partner_kind_evenness", OK, 2.0 / 3, 1);
	/* Largest partner: X with 30,000 of 50,000 = 0.6. */
	expect(rep, "alliances.largest_partner_dependence", OK, 0.6, 1);
	r = assoc_report_find(rep, "alliances.largest_partner_dependence", 0, NULL);
	CU_ASSERT_STRING_EQUAL(assoc_result_label(r), "X SAS");
	/* Mean maturity: (100 + 0 + 15.789474) / 3 = 38.596491; coverage (1 + 1 + 0.95 + 0) / 4. */
	expect(rep, "alliances.mean_maturity", PA, (100 + 1500.0 / 95) / 3, 0.7375);
	assoc_report_free(rep);
	assoc_org_free(org);
}

/* Value shares need one currency; no alliance at all leaves shares not
 * computable but counts 0. */
static void test_portfolio_edges(void)
{
	char *json = strdup(PORTFOLIO), *at = strstr(json, "\"id\":\"C\",\"family\":\"public_partnership\",\"currency\":\"EUR\"");
	const char *none = "{\"format\":\"libassoc/1\",\"organisation\":{\"id\":{\"scheme\":\"other\",\"value\":\"n\"},\"name\":\"N\"}}";
	assoc_org *org = NULL;
	assoc_report *rep = NULL;
	const assoc_result *r;
	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	memcpy(strstr(at, "EUR"), "USD", 3);
	ASSERT_OK(assoc_org_from_json(&org, json, strlen(json), NULL));
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	r = assoc_report_find(rep, "alliances.alliance_form_share_by_value", 0, NULL);
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_NOT_COMPUTABLE);
	CU_ASSERT(strstr(assoc_result_reason(r), "several currencies") != NULL);
	r = assoc_report_find(rep, "alliances.largest_partner_dependence", 0, NULL);
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_NOT_COMPUTABLE);
	/* Counts are unaffected. */
	expect(rep, "alliances.alliance_form_share", PA, 0.25, 1);
	assoc_report_free(rep);
	assoc_org_free(org);
	free(json);
	ASSERT_OK(assoc_org_from_json(&org, none, strlen(none), NULL));
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	expect(rep, "alliances.count", OK, 0, 1);
	expect(rep, "alliances.alliance_form_share", NC, 0, 0);
	expect(rep, "alliances.mean_maturity", NC, 0, 0);
	expect(rep, "alliances.partner_kind_evenness", NC, 0, 0);
	/* Without a territory, locality cannot be judged. */
	expect(rep, "alliances.local_share_region", NC, 0, 0);
	assoc_report_free(rep);
	assoc_org_free(org);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "classifier table", test_classifier_table },
		{ "maturity and coverage", test_maturity },
		{ "portfolio", test_portfolio },
		{ "portfolio edge cases", test_portfolio_edges },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("alliance", tests);
}
