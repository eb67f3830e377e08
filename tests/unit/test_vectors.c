/*
 * The shared test vectors: every JSON file of tests/vectors (format in
 * tests/vectors/README.md), also read by the Python and Lua binding tests.
 * Each expectation is checked three ways: in a full report, in a
 * values-only report (bulk path), and through assoc_measure_compute().
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "harness.h"



static void fail(const char *file, const char *name, const char *measure, const char *what)
{
	fprintf(stderr, "\n  %s: case '%s', %s: %s\n", file, name, measure, what);
	CU_FAIL("vector mismatch");
}

static const char *status_name(assoc_status s)
{
	return s == ASSOC_STATUS_OK ? "ok" : s == ASSOC_STATUS_PARTIAL ? "partial" : "not_computable";
}

static double tol_of(const cJSON *e)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(e, "tol");
	return cJSON_IsNumber(t) ? t->valuedouble : 1e-9;
}

/* ---- concentration cases ------------------------------------------------ */

static double field(const assoc_concentration *c, const char *name, int *known)
{
	*known = 1;
	if (!strcmp(name, "total"))
		return c->total;
	if (!strcmp(name, "hhi"))
		return c->hhi;
	if (!strcmp(name, "hhi_normalised"))
		return c->hhi_normalised;
	if (!strcmp(name, "equivalent_number"))
		return c->equivalent_number;
	if (!strcmp(name, "entropy"))
		return c->entropy;
	if (!strcmp(name, "evenness"))
		return c->evenness;
	if (!strcmp(name, "max_share"))
		return c->max_share;
	if (!strcmp(name, "max_index"))
		return (double)c->max_index;
	if (!strcmp(name, "clamped"))
		return (double)c->clamped;
	*known = 0;
	return NAN;
}

static void run_concentration(const char *file, const char *name, const cJSON *spec, const cJSON *expect)
{
	const cJSON *amounts = cJSON_GetObjectItemCaseSensitive(spec, "amounts"), *e;
	const cJSON *k = cJSON_GetObjectItemCaseSensitive(spec, "k");
	double a[64];
	size_t n = 0;
	assoc_concentration c;
	const cJSON *it;
	cJSON_ArrayForEach(it, amounts)
	{
		if (n < 64)
			a[n++] = it->valuedouble;
	}
	ASSERT_OK(assoc_concentration_compute(&c, a, n, (size_t)k->valuedouble));
	cJSON_ArrayForEach(e, expect)
	{
		const char *m = cJSON_GetObjectItemCaseSensitive(e, "measure")->valuestring;
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "value");
		int known;
		double got = field(&c, m, &known);
		char msg[160];
		if (!known) {
			fail(file, name, m, "no such field of assoc_concentration");
		} else if (cJSON_IsNull(v)) {
			if (!isnan(got)) {
				snprintf(msg, sizeof msg, "expected absent (NaN), got %.17g", got);
				fail(file, name, m, msg);
			}
		} else if (!(fabs(got - v->valuedouble) <= tol_of(e))) {
			snprintf(msg, sizeof msg, "got %.17g, expected %.17g", got, v->valuedouble);
			fail(file, name, m, msg);
		}
	}
}

/* ---- organisation cases --------------------------------------------------- */

static int load_org(assoc_org **org, const cJSON *c)
{
	const cJSON *o = cJSON_GetObjectItemCaseSensitive(c, "organisation");
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(c, "file");
	char *text;
	int rc;
	if (cJSON_IsString(f))
		return assoc_org_load_file(org, assoc_test_src(f->valuestring), NULL);
	text = cJSON_PrintUnformatted(o);
	rc = assoc_org_from_json(org, text, strlen(text), NULL);
	cJSON_free(text);
	return rc;
}

static int load_profile(assoc_profile **p, const cJSON *c)
{
	const cJSON *pr = cJSON_GetObjectItemCaseSensitive(c, "profile");
	char *text;
	int rc;
	*p = NULL;
	if (!pr || cJSON_IsNull(pr))
		return 0;
	if (cJSON_IsString(pr))
		return assoc_profile_load_file(p, assoc_test_src(pr->valuestring));
	text = cJSON_PrintUnformatted(pr);
	rc = assoc_profile_from_json(p, text, strlen(text));
	cJSON_free(text);
	return rc;
}

static void check_result(const char *file, const char *name, const char *m, const assoc_result *r, const cJSON *e,
			 int full)
{
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(e, "status");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "value");
	const cJSON *label = cJSON_GetObjectItemCaseSensitive(e, "label");
	const cJSON *cov = cJSON_GetObjectItemCaseSensitive(e, "coverage");
	const cJSON *contains = cJSON_GetObjectItemCaseSensitive(e, "explanation_contains");
	char msg[512];
	double got;
	int rc = assoc_result_value(&got, r);
	if (cJSON_IsString(st) && strcmp(st->valuestring, status_name(assoc_result_status(r))) != 0) {
		snprintf(msg, sizeof msg, "status %s, expected %s (reason: %s)", status_name(assoc_result_status(r)),
			 st->valuestring, assoc_result_reason(r) ? assoc_result_reason(r) : "-");
		fail(file, name, m, msg);
	}
	if (cJSON_IsNull(v) && (rc != ASSOC_EABSENT || !isnan(got)))
		fail(file, name, m, "a value where none was expected");
	if (cJSON_IsNumber(v) && (rc != 0 || !(fabs(got - v->valuedouble) <= tol_of(e)))) {
		snprintf(msg, sizeof msg, "got %.17g (rc %d), expected %.17g", got, rc, v->valuedouble);
		fail(file, name, m, msg);
	}
	if (label && !cJSON_IsNull(label) &&
	    (!assoc_result_label(r) || strcmp(assoc_result_label(r), label->valuestring) != 0)) {
		snprintf(msg, sizeof msg, "label '%s', expected '%s'", assoc_result_label(r) ? assoc_result_label(r) : "(null)",
			 label->valuestring);
		fail(file, name, m, msg);
	}
	if (cJSON_IsNull(label) && assoc_result_label(r))
		fail(file, name, m, "a label where none was expected");
	if (cJSON_IsNumber(cov) && !(fabs(assoc_result_coverage(r) - cov->valuedouble) <= 1e-9)) {
		snprintf(msg, sizeof msg, "coverage %.17g, expected %.17g", assoc_result_coverage(r), cov->valuedouble);
		fail(file, name, m, msg);
	}
	if (full && cJSON_IsString(contains) &&
	    (!assoc_result_explanation(r) || !strstr(assoc_result_explanation(r), contains->valuestring))) {
		snprintf(msg, sizeof msg, "explanation '%s' lacks '%s'",
			 assoc_result_explanation(r) ? assoc_result_explanation(r) : "(null)", contains->valuestring);
		fail(file, name, m, msg);
	}
	/* Every result has its sentence, except in values-only reports. */
	if (full && !assoc_result_explanation(r))
		fail(file, name, m, "no explanation");
	if (!full && assoc_result_explanation(r))
		fail(file, name, m, "an explanation in a values-only report");
}

static void run_org(const char *file, const char *name, const cJSON *c, const cJSON *expect)
{
	assoc_org *org = NULL;
	assoc_profile *profile = NULL;
	assoc_report *full = NULL, *bulk = NULL;
	assoc_score_options opts = ASSOC_SCORE_OPTIONS_INIT;
	const cJSON *e;
	ASSERT_OK(load_org(&org, c));
	ASSERT_OK(load_profile(&profile, c));
	if (!org)
		return;
	opts.flags = ASSOC_SCORE_VALUES_ONLY;
	ASSERT_OK(assoc_report_new(&full, org, profile, NULL));
	ASSERT_OK(assoc_report_new(&bulk, org, profile, &opts));
	cJSON_ArrayForEach(e, expect)
	{
		const char *m = cJSON_GetObjectItemCaseSensitive(e, "measure")->valuestring;
		const cJSON *y = cJSON_GetObjectItemCaseSensitive(e, "year");
		const cJSON *s = cJSON_GetObjectItemCaseSensitive(e, "subject");
		int year = cJSON_IsNumber(y) ? y->valueint : 0;
		const char *subject = cJSON_IsString(s) ? s->valuestring : NULL;
		const assoc_result *r = full ? assoc_report_find(full, m, year, subject) : NULL;
		const assoc_result *b = bulk ? assoc_report_find(bulk, m, year, subject) : NULL;
		assoc_result *one = NULL;
		if (!r || !b) {
			fail(file, name, m, "no such result in the report");
			continue;
		}
		check_result(file, name, m, r, e, 1);
		check_result(file, name, m, b, e, 0);
		ASSERT_OK(assoc_measure_compute(&one, org, m, year, subject, profile));
		if (one)
			check_result(file, name, m, one, e, 1);
		assoc_result_free(one);
	}
	assoc_report_free(full);
	assoc_report_free(bulk);
	assoc_profile_free(profile);
	assoc_org_free(org);
}

static void run_file(const char *path, const char *file)
{
	size_t len;
	char *text = assoc_test_read_file(path, &len);
	cJSON *doc, *cases, *c;
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	doc = cJSON_ParseWithLength(text, len);
	free(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	cases = cJSON_GetObjectItemCaseSensitive(doc, "cases");
	CU_ASSERT(cJSON_GetArraySize(cases) > 0);
	cJSON_ArrayForEach(c, cases)
	{
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "name");
		const cJSON *expect = cJSON_GetObjectItemCaseSensitive(c, "expect");
		const cJSON *conc = cJSON_GetObjectItemCaseSensitive(c, "concentration");
		/* A case that checks nothing could never fail. */
		CU_ASSERT(cJSON_IsString(name) && cJSON_GetArraySize(expect) > 0);
		CU_ASSERT(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(c, "derivation")));
		if (conc)
			run_concentration(file, name->valuestring, conc, expect);
		else
			run_org(file, name->valuestring, c, expect);
	}
	cJSON_Delete(doc);
}

static void test_all_files(void)
{
	char dirpath[4096];
	DIR *dir;
	struct dirent *de;
	int files = 0;
	snprintf(dirpath, sizeof dirpath, "%s", assoc_test_src("tests/vectors"));
	dir = opendir(dirpath);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);

	while ((de = readdir(dir)) != NULL) {
		char path[8192];
		size_t n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".json") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dirpath, de->d_name);
		printf("\n  vectors: %s", de->d_name);
		run_file(path, de->d_name);
		files++;
	}
	closedir(dir);
	CU_ASSERT(files >= 2);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "every tests/vectors/*.json case", test_all_files },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("vectors", tests);
}
