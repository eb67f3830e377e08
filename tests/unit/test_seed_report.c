/*
 * The full report of the seed example, examples/data/silver-connect.json
 * (an invented association in Poitiers, modelled on the lecture's Silver
 * Geek), scored with the default profile. Every figure asserted below is
 * derived by hand from the file, with the derivation beside it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

static assoc_org *org;
static assoc_report *rep;

static const assoc_result *get(const char *measure, int year, const char *subject)
{
	const assoc_result *r = assoc_report_find(rep, measure, year, subject);
	if (!r)
		fprintf(stderr, "\n  no result %s %d %s\n", measure, year, subject ? subject : "");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	return r;
}

static void value(const char *measure, int year, const char *subject, assoc_status status, double expected,
		  double tol)
{
	const assoc_result *r = get(measure, year, subject);
	double v = NAN;
	if (assoc_result_status(r) != status)
		fprintf(stderr, "\n  %s %d: status %d, expected %d (%s)\n", measure, year, assoc_result_status(r), status,
			assoc_result_reason(r) ? assoc_result_reason(r) : "");
	CU_ASSERT_EQUAL(assoc_result_status(r), status);
	ASSERT_OK(assoc_result_value(&v, r));
	if (!(fabs(v - expected) <= tol))
		fprintf(stderr, "  (%s %d)\n", measure, year);
	ASSERT_NEAR(v, expected, tol);
}

static void label(const char *measure, int year, const char *subject, const char *expected)
{
	const assoc_result *r = get(measure, year, subject);
	CU_ASSERT_PTR_NOT_NULL_FATAL(assoc_result_label(r));
	CU_ASSERT_STRING_EQUAL(assoc_result_label(r), expected);
}

static void load(void)
{
	if (rep)
		return;
	ASSERT_OK(assoc_org_load_file(&org, assoc_test_src("examples/data/silver-connect.json"), NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(org);
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
}

/* Lever 2, 2024: revenue 40,000 + 35,000 + 6,000 + 12,000 + 20,000 + 17,000 = 130,000.
 * Streams: dues 6,000; gifts 12,000 + 20,000 = 32,000; private earned 17,000;
 * public subsidies 75,000: HHI = (6^2 + 32^2 + 17^2 + 75^2) / 130^2 = 6,974 / 16,900.
 * Expenses 126,000 (program 96,000, admin 21,000, depreciation 6,000), cash 42,000. */
static void test_financing_2024(void)
{
	load();
	value("revenue.total", 2024, NULL, ASSOC_STATUS_OK, 130000, 0);
	value("revenue.streams.hhi", 2024, NULL, ASSOC_STATUS_OK, 6974.0 / 16900, 1e-12);
	/* Months of cash: 42,000 / ((126,000 - 6,000) / 12) = 4.2. */
	value("finance.months_of_cash", 2024, NULL, ASSOC_STATUS_OK, 4.2, 1e-12);
	/* Program ratio 96,000 / 126,000; admin ratio 21,000 / 126,000; margin 4,000 / 130,000. */
	value("finance.program_ratio", 2024, NULL, ASSOC_STATUS_OK, 96000.0 / 126000, 1e-12);
	value("finance.admin_ratio", 2024, NULL, ASSOC_STATUS_OK, 21000.0 / 126000, 1e-12);
	value("finance.operating_margin", 2024, NULL, ASSOC_STATUS_OK, 4000.0 / 130000, 1e-12);
}

/* Lever 1, 2024: volunteers 4,821 h = 3 x 1,607 -> 3 FTE; employees 3 FTE declared;
 * civic service 10 x 28 x 52/12 + 6 x 24 x 52/12 = 1,213.33 + 624 = 1,837.33 h;
 * skills sponsorship 80 h. */
static void test_hr_2024(void)
{
	double civic = (10 * 28 + 6 * 24) * 52.0 / 12, total = 6 + (civic + 80) / 1607;
	load();
	value("hr.fte.volunteers", 2024, NULL, ASSOC_STATUS_OK, 3, 1e-12);
	value("hr.fte.employees", 2024, NULL, ASSOC_STATUS_OK, 3, 0);
	value("hr.civic_service_hours", 2024, NULL, ASSOC_STATUS_OK, civic, 1e-9);
	value("hr.fte.civic_service", 2024, NULL, ASSOC_STATUS_OK, civic / 1607, 1e-12);
	value("hr.fte.skills_sponsorship", 2024, NULL, ASSOC_STATUS_OK, 80.0 / 1607, 1e-12);
	value("hr.fte.total", 2024, NULL, ASSOC_STATUS_OK, total, 1e-12); /* 7.193113 */
	/* 4,821 h x 11.88 EUR = 57,273.48 EUR; / 130,000 = 0.440565. */
	value("hr.volunteer_value", 2024, NULL, ASSOC_STATUS_OK, 57273.48, 1e-6);
	value("hr.volunteering_to_budget", 2024, NULL, ASSOC_STATUS_OK, 57273.48 / 130000, 1e-12);
	/* Leverage 3 / 3 = 1; new HR (1.143331 + 0.049782) / 7.193113 = 0.165869. */
	value("hr.volunteer_leverage", 2024, NULL, ASSOC_STATUS_OK, 1, 1e-12);
	value("hr.new_hr_share", 2024, NULL, ASSOC_STATUS_OK, 0.1658688505680835, 1e-12);
	/* Evenness of (3, 3, 1.143331, 0.049782) over K = 4: 0.761894 (Python, same fractions). */
	value("hr.mix_evenness", 2024, NULL, ASSOC_STATUS_OK, 0.7618944747968854, 1e-12);
	/* 2022 records no skills sponsorship: its FTE is not computable, and the mix is partial
	 * over three kinds (coverage 3/4), never computed as if it were zero by accident. */
	CU_ASSERT_EQUAL(assoc_result_status(get("hr.fte.skills_sponsorship", 2022, NULL)), ASSOC_STATUS_NOT_COMPUTABLE);
	CU_ASSERT_EQUAL(assoc_result_status(get("hr.mix_evenness", 2022, NULL)), ASSOC_STATUS_PARTIAL);
	ASSERT_NEAR(assoc_result_coverage(get("hr.mix_evenness", 2022, NULL)), 0.75, 0);
	/* 2023: civic service 8 months x 24 h x 52/12 x 2 volunteers = 1,664 h. */
	value("hr.civic_service_hours", 2023, NULL, ASSOC_STATUS_OK, 1664, 1e-9);
	value("hr.fte.volunteers", 2023, NULL, ASSOC_STATUS_OK, 2, 1e-12); /* 3,214 = 2 x 1,607 */
}

/* Lever 3. "ateliers-seniors-poitiers": every practice true but joint evaluation
 * (unknown); 2022-09 .. 2025-08 = 36 months (multi-year). Contributions by value:
 * NCP 20,000 + 6,000, Poitiers 4,000 = 30,000. "mecenat-bco-2023": every practice
 * false, 12 months, BCO gives 5,000. */
static void test_alliances(void)
{
	load();
	value("alliance.himmelman_level", 0, "ateliers-seniors-poitiers", ASSOC_STATUS_OK, 4, 0);
	label("alliance.himmelman_level", 0, "ateliers-seniors-poitiers", "collaborating");
	label("alliance.form", 0, "ateliers-seniors-poitiers", "alliance");
	label("alliance.logic", 0, "ateliers-seniors-poitiers", "co_construction");
	label("alliance.austin_stage", 0, "ateliers-seniors-poitiers", "transformational");
	/* Maturity: known weights 100 - 10 (joint evaluation) = 90, all held: 100, coverage 0.9. */
	value("alliance.maturity", 0, "ateliers-seniors-poitiers", ASSOC_STATUS_PARTIAL, 100, 1e-12);
	ASSERT_NEAR(assoc_result_coverage(get("alliance.maturity", 0, "ateliers-seniors-poitiers")), 0.9, 1e-12);
	value("alliance.himmelman_level", 0, "mecenat-bco-2023", ASSOC_STATUS_OK, 0, 0);
	label("alliance.form", 0, "mecenat-bco-2023", "exchange");
	label("alliance.logic", 0, "mecenat-bco-2023", "solidarity");
	label("alliance.austin_stage", 0, "mecenat-bco-2023", "philanthropic");
	value("alliance.maturity", 0, "mecenat-bco-2023", ASSOC_STATUS_OK, 0, 0);
	/* Portfolio. */
	value("alliances.count", 0, NULL, ASSOC_STATUS_OK, 2, 0);
	value("alliances.alliance_form_share", 0, NULL, ASSOC_STATUS_OK, 0.5, 0);
	value("alliances.alliance_form_share_by_value", 0, NULL, ASSOC_STATUS_OK, 30000.0 / 35000, 1e-12);
	value("alliances.co_construction_share_by_value", 0, NULL, ASSOC_STATUS_OK, 30000.0 / 35000, 1e-12);
	/* Mean maturity (100 + 0) / 2 = 50, partial (coverage (0.9 + 1) / 2 = 0.95). */
	value("alliances.mean_maturity", 0, NULL, ASSOC_STATUS_PARTIAL, 50, 1e-12);
	ASSERT_NEAR(assoc_result_coverage(get("alliances.mean_maturity", 0, NULL)), 0.95, 1e-12);
	/* Partners: NCP and BCO are companies, the Ville de Poitiers a public authority:
	 * -(2/3 ln 2/3 + 1/3 ln 1/3) / ln 8 = 0.306099. */
	value("alliances.partner_kind_evenness", 0, NULL, ASSOC_STATUS_OK, 0.3060986113514965, 1e-12);
	/* NCP brings 26,000 of the 35,000 partners contribute. */
	value("alliances.largest_partner_dependence", 0, NULL, ASSOC_STATUS_OK, 26000.0 / 35000, 1e-12);
	label("alliances.largest_partner_dependence", 0, NULL, "Numérique Conseil Poitou SAS");
	/* Every alliance has a partner in the Vienne (86), Nouvelle-Aquitaine (75). */
	value("alliances.local_share_departement", 0, NULL, ASSOC_STATUS_OK, 1, 0);
	value("alliances.local_share_region", 0, NULL, ASSOC_STATUS_OK, 1, 0);
}

/* Territory: every subsidy comes from the département or the région (local): 1. */
static void test_territory(void)
{
	load();
	value("territory.local_public_funding_share", 2024, NULL, ASSOC_STATUS_OK, 1, 0);
	value("territory.qpv", 0, NULL, ASSOC_STATUS_OK, 1, 0);
	value("territory.digital_fragility", 0, NULL, ASSOC_STATUS_OK, 6, 0);
	label("territory.scope", 0, NULL, "departemental");
	CU_ASSERT_STRING_EQUAL(assoc_report_territory_override(rep), "FR-75 Nouvelle-Aquitaine (demonstration)");
}

/* Composites, 2024, default profile (docs/profile-default.json):
 *  HR: mix 0.7619 -> [0.6, 0.8) 80 (w 30); new HR 0.1659 -> [0.15, 1] 100 (w 25);
 *      leverage 1 -> [1, inf) 100 (w 20); volunteering/budget 0.4406 -> [0.25, 0.5) 75 (w 25):
 *      (2,400 + 2,500 + 2,000 + 1,875) / 100 = 87.75.
 *  Financing: months of cash 4.2 -> 100 (w 20); margin 0.0308 -> [0, 0.05) 80 (w 15);
 *      streams HHI 0.4127 -> (0.25, 0.5] 50 (w 20); funder dependence: the Département's
 *      40,000 is 0.3077 of all revenue or 0.4211 of identified funders' revenue, in
 *      (0.25, 0.5] either way -> 60 (w 15); program ratio 0.7619 -> [0.75, 1] 100 (w 10);
 *      admin ratio 0.1667 -> (0.15, 0.2] 7.5 of 10 -> 75 (w 10); investment share
 *      (35,000 investment + 20,000 co-construction) / 130,000 = 0.423 -> [0.25, 0.5) 75 (w 10):
 *      (2,000 + 1,200 + 1,000 + 900 + 1,000 + 750 + 750) / 100 = 76.
 *  Alliances: mean maturity 50 -> [40, 60) 50 (w 35); form share 0.5 -> 100 (w 15);
 *      co-construction share 0.5 -> 100 (w 15); partner-kind evenness 0.306 -> [0.3, 0.5) 70
 *      (w 15); largest partner 0.743 -> [0.5, 0.75) 50 (w 20): 6,800 / 100 = 68.
 *  Territory: local funding 1, local alliance shares 1 and 1 -> 100.
 *  Overall with the région-75 override's weights (25 each): (87.75 + 76 + 68 + 100) / 4
 *      = 82.9375 (the base weights 30/30/25/15 would give 81.125). */
static void test_composites(void)
{
	const assoc_result *r;
	size_t i, found = 0;
	load();
	value("score.human_resources", 2024, NULL, ASSOC_STATUS_OK, 87.75, 1e-9);
	value("score.financing", 2024, NULL, ASSOC_STATUS_PARTIAL, 76, 1e-9); /* dependence is partial */
	value("score.alliances", 0, NULL, ASSOC_STATUS_PARTIAL, 68, 1e-9);   /* mean maturity is partial */
	value("score.territory", 2024, NULL, ASSOC_STATUS_OK, 100, 1e-9);
	value("score.overall", 2024, NULL, ASSOC_STATUS_PARTIAL, 82.9375, 1e-9);
	r = get("score.overall", 2024, NULL);
	for (i = 0; i < assoc_result_profile_entry_count(r); i++) {
		const char *key, *origin;
		double w;
		assoc_result_profile_entry(&key, &w, &origin, r, i);
		if (strncmp(key, "weights.score.overall.", 22) == 0) {
			ASSERT_NEAR(w, 25, 0);
			CU_ASSERT_STRING_EQUAL(origin, "FR-75 Nouvelle-Aquitaine (demonstration)");
			found++;
		}
	}
	CU_ASSERT_EQUAL(found, 4);
	/* The base weights: the default profile without its territory override. */
	{
		size_t len;
		char *text = assoc_test_read_file(assoc_test_src("docs/profile-default.json"), &len), *t;
		assoc_profile *p = NULL;
		assoc_report *base = NULL;
		double v;
		CU_ASSERT_PTR_NOT_NULL_FATAL(text);
		t = strstr(text, "\"territories\"");
		CU_ASSERT_PTR_NOT_NULL_FATAL(t);
		/* Cut the territories member: the file ends with it. */
		while (t > text && *t != ',')
			t--;
		strcpy(t, "}");
		ASSERT_OK(assoc_profile_from_json(&p, text, strlen(text)));
		ASSERT_OK(assoc_report_new(&base, org, p, NULL));
		ASSERT_OK(assoc_result_value(&v, assoc_report_find(base, "score.overall", 2024, NULL)));
		ASSERT_NEAR(v, 81.125, 1e-9);
		assoc_report_free(base);
		assoc_profile_free(p);
		free(text);
	}
}

static void test_cleanup(void)
{
	assoc_report_free(rep);
	assoc_org_free(org);
	rep = NULL;
	org = NULL;
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "financing 2024", test_financing_2024 },
		{ "human resources 2024", test_hr_2024 },
		{ "alliances", test_alliances },
		{ "territory", test_territory },
		{ "composite scores", test_composites },
		{ "cleanup", test_cleanup },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("seed_report", tests);
}
