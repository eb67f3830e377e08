/*
 * Reports, the catalogue, results as JSON and text, options, single
 * measures and the logistic evaluator; the catalogue against the docs.
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "harness.h"
#include "score_internal.h"

static assoc_org *load(const char *rel)
{
	assoc_org *org = NULL;
	ASSERT_OK(assoc_org_load_file(&org, assoc_test_src(rel), NULL));
	return org;
}

/* ---- catalogue ----------------------------------------------------------- */

static void check_table(const assoc__measure_def *defs, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		const assoc__measure_def *d = &defs[i];
		/* sorted, so that the catalogue can bisect */
		if (i > 0 && strcmp(defs[i - 1].id, d->id) >= 0) {
			fprintf(stderr, "\n  table not sorted: '%s' before '%s'\n", defs[i - 1].id, d->id);
			CU_FAIL("family table not sorted by id");
		}
		CU_ASSERT(d->unit && *d->unit && d->formula_id && *d->formula_id && d->formula && *d->formula);
		CU_ASSERT(d->source_ref && *d->source_ref);
		CU_ASSERT(d->source_tag && (!strcmp(d->source_tag, "V") || !strcmp(d->source_tag, "S") ||
					    !strcmp(d->source_tag, "own")));
	}
}

static void test_catalogue(void)
{
	size_t n = assoc_measure_count(), i, j;
	const char *unit, *formula, *tag, *ref;
	check_table(assoc__measures_revenue, assoc__measures_revenue_count);
	check_table(assoc__measures_finance, assoc__measures_finance_count);
	check_table(assoc__measures_trend, assoc__measures_trend_count);
	check_table(assoc__measures_stress, assoc__measures_stress_count);
	check_table(assoc__measures_hr, assoc__measures_hr_count);
	check_table(assoc__measures_alliance, assoc__measures_alliance_count);
	check_table(assoc__measures_territory, assoc__measures_territory_count);
	check_table(assoc__measures_composite, assoc__measures_composite_count);
	/* 25 revenue + 10 finance + 2 trend + 3 stress + the others + model.logit */
	CU_ASSERT(n >= 41);
	CU_ASSERT_EQUAL(n, assoc__measures_revenue_count + assoc__measures_finance_count + assoc__measures_trend_count +
				   assoc__measures_stress_count + assoc__measures_hr_count +
				   assoc__measures_alliance_count + assoc__measures_territory_count +
				   assoc__measures_composite_count + 1);
	CU_ASSERT_EQUAL(assoc__measures_revenue_count, 25);
	CU_ASSERT_EQUAL(assoc__measures_finance_count, 10);
	for (i = 0; i < n; i++) {
		const char *id = assoc_measure_id(i);
		const assoc__measure_def *d = assoc__measure_find(id);
		CU_ASSERT_PTR_NOT_NULL_FATAL(d);
		CU_ASSERT_STRING_EQUAL(d->id, id);
		ASSERT_OK(assoc_measure_info(&unit, &formula, &tag, &ref, id));
		CU_ASSERT_PTR_EQUAL(unit, d->unit);
		for (j = 0; j < i; j++)
			CU_ASSERT(strcmp(assoc_measure_id(j), id) != 0);
	}
	CU_ASSERT_PTR_NULL(assoc_measure_id(n));
	CU_ASSERT_PTR_NULL(assoc__measure_find("revenue.streams.hhx"));
	CU_ASSERT_PTR_NULL(assoc__measure_find(NULL));
	ASSERT_CODE(assoc_measure_info(NULL, NULL, NULL, NULL, "nope"), ASSOC_ENOTFOUND);
	ASSERT_OK(assoc_measure_info(&unit, NULL, &tag, NULL, "finance.months_of_cash"));
	CU_ASSERT_STRING_EQUAL(unit, "months");
	CU_ASSERT_STRING_EQUAL(tag, "V");
}

/* Ids on the "### " heading lines of a markdown file: every `a.b` token. */
static void doc_ids(char ***ids, size_t *n, const char *rel)
{
	char *text = assoc_test_read_file(assoc_test_src(rel), NULL), *line, *save = NULL;
	if (!text)
		return;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *p = line;
		if (strncmp(line, "### `", 5) != 0)
			continue;
		while ((p = strchr(p, '`')) != NULL) {
			char *end = strchr(p + 1, '`');
			if (!end)
				break;
			if (memchr(p + 1, '.', (size_t)(end - p - 1))) {
				*ids = realloc(*ids, (*n + 1) * sizeof **ids);
				(*ids)[(*n)++] = strndup(p + 1, (size_t)(end - p - 1));
			}
			p = end + 1;
		}
	}
	free(text);
}

static void test_docs_match_catalogue(void)
{
	char **ids = NULL;
	size_t n = 0, i, j, count = assoc_measure_count();
	doc_ids(&ids, &n, "docs/measures.md");
	CU_ASSERT(n > 0);
	for (i = 0; i < count; i++) {
		const char *id = assoc_measure_id(i);
		int found = 0;
		for (j = 0; j < n && !found; j++)
			found = strcmp(ids[j], id) == 0;
		if (!found)
			fprintf(stderr, "\n  %s is not documented in docs/measures*.md\n", id);
		CU_ASSERT(found);
	}
	for (j = 0; j < n; j++) {
		if (!assoc__measure_find(ids[j]))
			fprintf(stderr, "\n  docs/measures*.md documents %s, which the catalogue lacks\n", ids[j]);
		CU_ASSERT_PTR_NOT_NULL(assoc__measure_find(ids[j]));
		free(ids[j]);
	}
	free(ids);
}

/* ---- reports ----------------------------------------------------------------- */

static long index_of(const assoc_report *rep, const char *measure, int year)
{
	size_t i;
	for (i = 0; i < assoc_report_count(rep); i++) {
		const assoc_result *r = assoc_report_get(rep, i);
		if (!strcmp(assoc_result_measure(r), measure) && assoc_result_year(r) == year)
			return (long)i;
	}
	return -1;
}

static void test_report_order(void)
{
	assoc_org *org = load("examples/data/us-food-bank.json");
	assoc_report *rep = NULL;
	size_t i;
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
	CU_ASSERT(assoc_report_count(rep) > 80);
	CU_ASSERT_PTR_NULL(assoc_report_get(rep, assoc_report_count(rep)));
	for (i = 0; i < assoc_report_count(rep); i++)
		CU_ASSERT_PTR_NOT_NULL(assoc_report_get(rep, i));
	/* per year: revenue, finance, hr, stress; then the years after; then trend... */
	CU_ASSERT_EQUAL(index_of(rep, "revenue.total", 2022), 0);
	CU_ASSERT(index_of(rep, "finance.operating_margin", 2022) > index_of(rep, "revenue.investment_share", 2022));
	CU_ASSERT(index_of(rep, "hr.fte.employees", 2022) > index_of(rep, "finance.fundraising_efficiency", 2022));
	CU_ASSERT(index_of(rep, "stress.largest_stream", 2022) > index_of(rep, "hr.fte.employees", 2022));
	CU_ASSERT(index_of(rep, "revenue.total", 2023) > index_of(rep, "stress.largest_funder", 2022));
	CU_ASSERT(index_of(rep, "trend.revenue_growth", 0) > index_of(rep, "stress.largest_funder", 2023));
	CU_ASSERT(index_of(rep, "score.overall", 2023) > index_of(rep, "trend.revenue_growth", 0));
	CU_ASSERT_PTR_NOT_NULL(assoc_report_find(rep, "trend.revenue_growth", 0, NULL));
	CU_ASSERT_PTR_NULL(assoc_report_find(rep, "trend.revenue_growth", 2023, NULL));
	CU_ASSERT_PTR_NULL(assoc_report_find(rep, "revenue.total", 2023, "x"));
	CU_ASSERT_PTR_NULL(assoc_report_find(rep, "no.such", 2023, NULL));
	CU_ASSERT_PTR_NULL(assoc_report_territory_override(rep));
	assoc_report_free(rep);
	assoc_org_free(org);
}

/* Years given out of order are scored in calendar order. */
static void test_years_sorted(void)
{
	const char *json = "{\"id\":{\"scheme\":\"other\",\"value\":\"y\"},\"name\":\"Y\",\"years\":["
			   "{\"year\":2023,\"currency\":\"EUR\",\"total_revenue\":3},"
			   "{\"year\":2021,\"currency\":\"EUR\",\"total_revenue\":1},"
			   "{\"year\":2022,\"currency\":\"EUR\",\"total_revenue\":2}]}";
	assoc_org *org = NULL;
	assoc_report *rep = NULL;
	ASSERT_OK(assoc_org_from_json(&org, json, strlen(json), NULL));
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
	CU_ASSERT_EQUAL(index_of(rep, "revenue.total", 2021), 0);
	CU_ASSERT(index_of(rep, "revenue.total", 2022) < index_of(rep, "revenue.total", 2023));
	assoc_report_free(rep);
	assoc_org_free(org);
}

static void test_options(void)
{
	assoc_org *org = load("examples/data/us-food-bank.json");
	assoc_score_options opts;
	assoc_report *rep = NULL;
	size_t i;
	ASSERT_OK(assoc_score_options_init(&opts, ASSOC_SCORE_OPTIONS_VERSION));
	CU_ASSERT_EQUAL(opts.version, 1);
	CU_ASSERT_EQUAL(opts.year, 0);
	CU_ASSERT_EQUAL(opts.flags, 0);
	ASSERT_CODE(assoc_score_options_init(&opts, 0), ASSOC_EVERSION);
	ASSERT_CODE(assoc_score_options_init(&opts, ASSOC_SCORE_OPTIONS_VERSION + 1), ASSOC_EVERSION);
	ASSERT_CODE(assoc_score_options_init(NULL, 1), ASSOC_EINVAL);
	/* a version this library does not know is refused, not half-read */
	opts.version = 2;
	ASSERT_CODE(assoc_report_new(&rep, org, NULL, &opts), ASSOC_EVERSION);
	CU_ASSERT_PTR_NULL(rep);
	opts.version = 0;
	ASSERT_CODE(assoc_report_new(&rep, org, NULL, &opts), ASSOC_EVERSION);
	/* one year: its results and the organisation-level ones only */
	ASSERT_OK(assoc_score_options_init(&opts, 1));
	opts.year = 2023;
	ASSERT_OK(assoc_report_new(&rep, org, NULL, &opts));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
	for (i = 0; i < assoc_report_count(rep); i++) {
		int y = assoc_result_year(assoc_report_get(rep, i));
		CU_ASSERT(y == 0 || y == 2023);
	}
	CU_ASSERT_PTR_NOT_NULL(assoc_report_find(rep, "revenue.total", 2023, NULL));
	CU_ASSERT_PTR_NULL(assoc_report_find(rep, "revenue.total", 2022, NULL));
	/* trends still see every year: 2022 -> 2023, 2000000 -> 2200000 */
	{
		double v;
		ASSERT_OK(assoc_result_value(&v, assoc_report_find(rep, "trend.revenue_growth", 0, NULL)));
		ASSERT_NEAR(v, 0.1, 1e-12);
	}
	assoc_report_free(rep);
	opts.year = 1999;
	ASSERT_CODE(assoc_report_new(&rep, org, NULL, &opts), ASSOC_ENOTFOUND);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/years");
	ASSERT_CODE(assoc_report_new(&rep, NULL, NULL, NULL), ASSOC_EINVAL);
	ASSERT_CODE(assoc_report_new(NULL, org, NULL, NULL), ASSOC_EINVAL);
	assoc_org_free(org);
}

static void test_override(void)
{
	assoc_org *org = load("examples/data/silver-connect.json");
	assoc_report *rep = NULL;
	char *json = NULL;
	cJSON *doc;
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
	CU_ASSERT_PTR_NOT_NULL_FATAL(assoc_report_territory_override(rep));
	ASSERT_OK(assoc_report_to_json(&json, rep, 0));
	doc = cJSON_Parse(json);
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(doc, "territory_override")->valuestring,
			       assoc_report_territory_override(rep));
	cJSON_Delete(doc);
	assoc_free(json);
	/* the report keeps its own copies: the organisation may go first */
	assoc_org_free(org);
	ASSERT_OK(assoc_report_to_text(&json, rep));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "Silver Connect Poitou"));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "territory override: "));
	assoc_free(json);
	assoc_report_free(rep);
}

static void test_report_json(void)
{
	assoc_org *org = load("examples/data/us-food-bank.json");
	assoc_report *rep = NULL;
	char *json = NULL, *pretty = NULL;
	cJSON *doc, *results, *it;
	size_t i = 0;
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	ASSERT_OK(assoc_report_to_json(&json, rep, 0));
	ASSERT_OK(assoc_report_to_json(&pretty, rep, ASSOC_WRITE_PRETTY));
	CU_ASSERT_PTR_NULL(strchr(json, '\n'));
	CU_ASSERT_PTR_NOT_NULL(strchr(pretty, '\n'));
	doc = cJSON_Parse(json);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "organisation"), "name")->valuestring,
			       "Riverbend Community Food Bank");
	CU_ASSERT_STRING_EQUAL(
		cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "organisation"), "id"), "scheme")->valuestring,
		"ein");
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "profile"), "id")->valuestring,
			       assoc_profile_id(assoc_profile_default()));
	CU_ASSERT(cJSON_IsNull(cJSON_GetObjectItem(doc, "territory_override")));
	results = cJSON_GetObjectItem(doc, "results");
	CU_ASSERT_EQUAL_FATAL((size_t)cJSON_GetArraySize(results), assoc_report_count(rep));
	/* every result round-trips: measure, status, value (null when none) */
	cJSON_ArrayForEach(it, results)
	{
		const assoc_result *r = assoc_report_get(rep, i++);
		cJSON *v = cJSON_GetObjectItem(it, "value");
		double x;
		CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(it, "measure")->valuestring, assoc_result_measure(r));
		if (assoc_result_value(&x, r) == 0) {
			CU_ASSERT(cJSON_IsNumber(v) && v->valuedouble == x);
		} else {
			CU_ASSERT(cJSON_IsNull(v) && cJSON_IsString(cJSON_GetObjectItem(it, "reason")));
		}
		if (assoc_result_year(r) == 0) {
			CU_ASSERT(cJSON_IsNull(cJSON_GetObjectItem(it, "year")));
		}
	}
	cJSON_Delete(doc);
	assoc_free(json);
	assoc_free(pretty);
	ASSERT_CODE(assoc_report_to_json(&json, NULL, 0), ASSOC_EINVAL);
	CU_ASSERT_PTR_NULL(json);
	assoc_report_free(rep);
	assoc_org_free(org);
}

static void test_result_json(void)
{
	assoc_org *org = load("examples/data/us-food-bank.json");
	assoc_result *r = NULL;
	char *json = NULL;
	cJSON *doc, *inputs;
	/* 2022: 600000 / ((1900000 - 60000)/12) = 3.913043478... */
	ASSERT_OK(assoc_measure_compute(&r, org, "finance.months_of_cash", 2022, NULL, NULL));
	ASSERT_OK(assoc_result_to_json(&json, r, ASSOC_WRITE_PRETTY));
	doc = cJSON_Parse(json);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(doc, "measure")->valuestring, "finance.months_of_cash");
	CU_ASSERT_EQUAL(cJSON_GetObjectItem(doc, "year")->valueint, 2022);
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(doc, "status")->valuestring, "ok");
	ASSERT_NEAR(cJSON_GetObjectItem(doc, "value")->valuedouble, 600000.0 / (1840000.0 / 12.0), 1e-12);
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(doc, "unit")->valuestring, "months");
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "source"), "tag")->valuestring, "V");
	CU_ASSERT(cJSON_IsNull(cJSON_GetObjectItem(doc, "reason")));
	CU_ASSERT(cJSON_IsNull(cJSON_GetObjectItem(doc, "subject")));
	inputs = cJSON_GetObjectItem(doc, "inputs");
	ASSERT_NEAR(cJSON_GetObjectItem(inputs, "cash")->valuedouble, 600000, 0);
	CU_ASSERT(cJSON_IsArray(cJSON_GetObjectItem(doc, "profile_entries")));
	CU_ASSERT(cJSON_IsObject(cJSON_GetObjectItem(doc, "contributions")));
	cJSON_Delete(doc);
	assoc_free(json);
	assoc_result_free(r);
	/* a missing input is null, never 0: the 2022 volunteers have no hours */
	ASSERT_OK(assoc_measure_compute(&r, org, "stress.largest_funder", 2022, NULL, NULL));
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_PARTIAL);
	ASSERT_OK(assoc_result_to_json(&json, r, 0));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"status\":\"partial\""));
	assoc_free(json);
	assoc_result_free(r);
	ASSERT_OK(assoc_measure_compute(&r, org, "trend.revenue_volatility", 0, NULL, NULL));
	ASSERT_OK(assoc_result_to_json(&json, r, 0));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"value\":null"));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"status\":\"not_computable\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"year\":null"));
	assoc_free(json);
	assoc_result_free(r);
	assoc_org_free(org);
}

static void test_text(void)
{
	assoc_org *org = load("examples/data/us-food-bank.json");
	assoc_report *rep = NULL;
	char *text = NULL;
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	ASSERT_OK(assoc_report_to_text(&text, rep));
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Riverbend Community Food Bank"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Lever 1 - human resources"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Lever 2 - financing"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Lever 3 - alliances"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Territory"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Composite"));
	/* levers in order */
	CU_ASSERT(strstr(text, "Lever 1") < strstr(text, "Lever 2") && strstr(text, "Lever 2") < strstr(text, "Lever 3"));
	/* a line: measure, value, unit, status, explanation; 2022: 0.8421 program ratio */
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "2022  finance.program_ratio  0.8421 share  [ok]  Program expense ratio"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "trend.revenue_volatility  -  [not computable]  not computable: volatility "
					    "needs revenue for at least 3 years"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "[partial, coverage 25%]"));
	assoc_free(text);
	ASSERT_CODE(assoc_report_to_text(&text, NULL), ASSOC_EINVAL);
	assoc_report_free(rep);
	assoc_org_free(org);
}

static void test_measure_compute(void)
{
	assoc_org *org = load("examples/data/us-food-bank.json");
	assoc_result *r = NULL;
	double v;
	/* 2023: (2200000 - 2100000)/2200000 */
	ASSERT_OK(assoc_measure_compute(&r, org, "finance.operating_margin", 2023, NULL, NULL));
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 1.0 / 22.0, 1e-15);
	CU_ASSERT_PTR_NOT_NULL(assoc_result_explanation(r));
	assoc_result_free(r);
	/* a composite reads the other families: it still works alone */
	ASSERT_OK(assoc_measure_compute(&r, org, "score.financing", 2023, NULL, NULL));
	CU_ASSERT_STRING_EQUAL(assoc_result_measure(r), "score.financing");
	assoc_result_free(r);
	ASSERT_CODE(assoc_measure_compute(&r, org, "no.such", 2023, NULL, NULL), ASSOC_ENOTFOUND);
	ASSERT_CODE(assoc_measure_compute(&r, org, "model.logit", 2023, NULL, NULL), ASSOC_ENOTFOUND);
	ASSERT_CODE(assoc_measure_compute(&r, org, "revenue.total", 2030, NULL, NULL), ASSOC_ENOTFOUND);
	ASSERT_CODE(assoc_measure_compute(&r, NULL, "revenue.total", 2023, NULL, NULL), ASSOC_EINVAL);
	CU_ASSERT_PTR_NULL(r);
	assoc_org_free(org);
}

static void test_logit(void)
{
	assoc_org *org = load("examples/data/us-food-bank.json");
	assoc_report *rep = NULL;
	assoc_result *r = NULL;
	const char *names[] = { "finance.operating_margin", "trend.revenue_growth" };
	const char *bad[] = { "trend.revenue_volatility" };
	const char *unknown[] = { "finance.nothing" };
	const double betas[] = { 2.0, -1.0 }, nan_beta[] = { NAN };
	double v, z;
	const char *name;
	ASSERT_OK(assoc_report_new(&rep, org, NULL, NULL));
	/* 2023: margin 1/22, growth (org-level) 0.1: z = -1 + 2/22 - 0.1 */
	ASSERT_OK(assoc_logit(&r, rep, 2023, -1.0, names, betas, 2));
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	z = -1.0 + 2.0 / 22.0 - 0.1;
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 1.0 / (1.0 + exp(-z)), 1e-15);
	CU_ASSERT_STRING_EQUAL(assoc_result_measure(r), "model.logit");
	CU_ASSERT_STRING_EQUAL(assoc_result_unit(r), "probability");
	CU_ASSERT_EQUAL(assoc_result_contribution_count(r), 3);
	ASSERT_OK(assoc_result_contribution(&name, &v, r, 0));
	CU_ASSERT_STRING_EQUAL(name, "intercept");
	ASSERT_NEAR(v, -1.0, 0);
	assoc_result_free(r);
	/* formulas.md: not computable when any term is */
	ASSERT_OK(assoc_logit(&r, rep, 2023, 0.0, bad, betas, 1));
	CU_ASSERT_EQUAL(assoc_result_status(r), ASSOC_STATUS_NOT_COMPUTABLE);
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_result_reason(r), "trend.revenue_volatility"));
	assoc_result_free(r);
	/* no terms: p = logistic(beta0) = 1/2 at 0 */
	ASSERT_OK(assoc_logit(&r, rep, 2023, 0.0, NULL, NULL, 0));
	ASSERT_OK(assoc_result_value(&v, r));
	ASSERT_NEAR(v, 0.5, 0);
	assoc_result_free(r);
	/* stable far out: no overflow to NaN */
	ASSERT_OK(assoc_logit(&r, rep, 2023, -1000.0, NULL, NULL, 0));
	ASSERT_OK(assoc_result_value(&v, r));
	CU_ASSERT(v >= 0.0 && v < 1e-300);
	assoc_result_free(r);
	ASSERT_CODE(assoc_logit(&r, rep, 2023, 0.0, unknown, betas, 1), ASSOC_ENOTFOUND);
	ASSERT_CODE(assoc_logit(&r, rep, 2023, 0.0, names, nan_beta, 1), ASSOC_EVALUE);
	ASSERT_CODE(assoc_logit(&r, rep, 2023, NAN, NULL, NULL, 0), ASSOC_EVALUE);
	ASSERT_CODE(assoc_logit(&r, rep, 2023, 0.0, NULL, NULL, 1), ASSOC_EINVAL);
	ASSERT_CODE(assoc_logit(&r, NULL, 2023, 0.0, NULL, NULL, 0), ASSOC_EINVAL);
	CU_ASSERT_PTR_NULL(r);
	assoc_report_free(rep);
	assoc_org_free(org);
}

static void test_null_accessors(void)
{
	double v = 0;
	CU_ASSERT_EQUAL(assoc_report_count(NULL), 0);
	CU_ASSERT_PTR_NULL(assoc_report_get(NULL, 0));
	CU_ASSERT_PTR_NULL(assoc_report_find(NULL, "revenue.total", 2023, NULL));
	CU_ASSERT_PTR_NULL(assoc_result_measure(NULL));
	CU_ASSERT_PTR_NULL(assoc_result_explanation(NULL));
	CU_ASSERT_EQUAL(assoc_result_input_count(NULL), 0);
	ASSERT_CODE(assoc_result_value(&v, NULL), ASSOC_EINVAL);
	CU_ASSERT(isnan(v));
	ASSERT_CODE(assoc_result_input(NULL, NULL, NULL, 0), ASSOC_EINVAL);
	assoc_report_free(NULL);
	assoc_result_free(NULL);
}

/* ---- every allocation failure of the entry points beyond the report ------
 * (test_alloc.c exhausts load + report + JSON + text; here: single measures,
 * stress tests, the logistic model, a result as JSON). A counting allocator
 * is installed at the start of main(); armed, it fails allocation N. */

static struct {
	long count, fail_at, injected, live;
} F;

static void *f_malloc(size_t size, void *payload)
{
	void *p;
	(void)payload;
	if (F.fail_at && ++F.count == F.fail_at) {
		F.injected++;
		return NULL;
	}
	if ((p = malloc(size)) != NULL)
		F.live++;
	return p;
}

static void *f_realloc(void *ptr, size_t size, void *payload)
{
	if (!ptr)
		return f_malloc(size, payload);
	if (F.fail_at && ++F.count == F.fail_at) {
		F.injected++;
		return NULL;
	}
	return realloc(ptr, size);
}

static void f_free(void *ptr, void *payload)
{
	(void)payload;
	if (ptr)
		F.live--;
	free(ptr);
}

static assoc_org *oom_org;

static int oom_scenario(void)
{
	const char *names[] = { "finance.operating_margin" };
	const double betas[] = { 1.5 };
	assoc_result *r = NULL;
	assoc_report *rep = NULL;
	assoc_score_options opts = ASSOC_SCORE_OPTIONS_INIT;
	char *json = NULL;
	int rc = assoc_measure_compute(&r, oom_org, "revenue.funders.dependence", 2023, NULL, NULL);
	if (rc == 0)
		rc = assoc_result_to_json(&json, r, 0);
	assoc_result_free(r);
	assoc_free(json);
	r = NULL;
	if (rc == 0)
		rc = assoc_measure_compute(&r, oom_org, "trend.revenue_growth", 0, NULL, NULL);
	assoc_result_free(r);
	r = NULL;
	if (rc == 0)
		rc = assoc_stress_remove_largest(&r, oom_org, 2022, ASSOC_LEVEL_FUNDERS, NULL);
	assoc_result_free(r);
	r = NULL;
	if (rc == 0)
		rc = assoc_stress_stream_drop(&r, oom_org, 2023, ASSOC_STREAM_GIFTS, 0.5, NULL);
	assoc_result_free(r);
	r = NULL;
	opts.flags = ASSOC_SCORE_VALUES_ONLY;
	if (rc == 0)
		rc = assoc_report_new(&rep, oom_org, NULL, &opts);
	if (rc == 0)
		rc = assoc_logit(&r, rep, 2023, -1.0, names, betas, 1);
	assoc_result_free(r);
	assoc_report_free(rep);
	return rc;
}

static void test_out_of_memory(void)
{
	long n, base, reference;
	int rc;
	F.fail_at = 0;
	oom_org = load("examples/data/us-food-bank.json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(oom_org);
	base = F.live;
	F.count = 0;
	F.fail_at = -1; /* count without failing */
	ASSERT_OK(oom_scenario());
	reference = F.count;
	CU_ASSERT_EQUAL(F.live, base);
	for (n = 1; n <= reference + 1; n++) {
		F.count = F.injected = 0;
		F.fail_at = n;
		assoc_error_clear();
		rc = oom_scenario();
		if (!F.injected) {
			ASSERT_OK(rc);
			break;
		}
		if (rc != ASSOC_ENOMEM || assoc_error_last()->code != ASSOC_ENOMEM || F.live != base)
			fprintf(stderr, "\n  allocation %ld of %ld failed -> rc %d, last error %s '%s', %ld leaked\n", n,
				reference, rc, assoc_error_code_name(assoc_error_last()->code), assoc_error_last()->message,
				F.live - base);
		CU_ASSERT_EQUAL(rc, ASSOC_ENOMEM);
		CU_ASSERT_EQUAL(assoc_error_last()->code, ASSOC_ENOMEM);
		CU_ASSERT_EQUAL(F.live, base);
		F.live = base;
	}
	CU_ASSERT_EQUAL(n, reference + 1);
	F.fail_at = 0;
	printf("\n  %ld allocations, each failed in turn", reference);
	assoc_org_free(oom_org);
}

int main(void)
{
	assoc_allocator a = ASSOC_ALLOCATOR_INIT;
	CU_TestInfo tests[] = {
		{ "catalogue", test_catalogue },
		{ "docs/measures*.md document exactly the catalogue", test_docs_match_catalogue },
		{ "report order", test_report_order },
		{ "years in calendar order", test_years_sorted },
		{ "options", test_options },
		{ "territory override", test_override },
		{ "report as JSON", test_report_json },
		{ "result as JSON", test_result_json },
		{ "report as text", test_text },
		{ "single measures", test_measure_compute },
		{ "logistic model", test_logit },
		{ "NULL arguments", test_null_accessors },
		{ "every allocation failure: single measures, stress, logit", test_out_of_memory },
		CU_TEST_INFO_NULL,
	};
	/* Before any other libassoc call, as alloc.h requires; the default
	 * profile is created now, outside the counted scenarios. */
	a.malloc = f_malloc;
	a.realloc = f_realloc;
	a.free = f_free;
	if (assoc_allocator_set(&a) != 0 || !assoc_profile_default())
		return 2;
	return assoc_test_run("report", tests);
}
