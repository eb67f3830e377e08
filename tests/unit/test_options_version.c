/*
 * The version rule of options structs (docs/api-stability.md, SQLite's
 * iVersion rule as libgit2 applies it):
 *
 *   1. Every options struct starts with `unsigned int version`, set by the
 *      caller from ASSOC_X_VERSION (through ASSOC_X_INIT or assoc_x_init()).
 *   2. Fields are only ever appended. A struct of version N is the prefix of
 *      every later version.
 *   3. The library reads the fields the caller's version has, and NO
 *      field newer than that: a program built against an older header
 *      passes a smaller struct, and the fields it does not know take their
 *      defaults. (The day version 2 appends a field, the library reads it
 *      behind `if (opts->version >= 2)`, and a case is added here: a
 *      version-1 struct allocated at exactly its version-1 size, with the
 *      check that the new field's default is used. Under the sanitizer
 *      build, any read past that size is a heap-buffer-overflow.)
 *   4. Version 0 (a struct nobody initialised) and versions newer than the
 *      library knows (a program built against newer headers than the
 *      library it runs with, whose new fields would be silently ignored)
 *      are refused with ASSOC_EVERSION, by the function that uses the
 *      struct and by assoc_x_init().
 *
 * Every options struct is at version 1 today, so rule 3 is demonstrated
 * with what exists: a version-1 struct allocated at exactly the size of its
 * version-1 fields, placed at the end of its heap block, and zero fields
 * meaning "default" behave like passing NULL.
 */
#include <stdlib.h>
#include <string.h>
#include "harness.h"

/* A block of exactly `size` bytes holding a copy of `src`: what a caller
 * built against the header of that version allocates. */
static void *exact_copy(const void *src, size_t size)
{
	void *p = malloc(size);
	if (p)
		memcpy(p, src, size);
	return p;
}

static char *read_example(const char *rel, size_t *len)
{
	char *s = assoc_test_read_file(assoc_test_src(rel), len);
	CU_ASSERT_PTR_NOT_NULL(s);
	return s;
}

/* ---- assoc_load_options ---------------------------------------------------- */

/* Two years: loads with the default max_years (200), not with max_years 1. */
static const char TWO_YEARS[] =
	"{\"format\":\"libassoc/1\",\"organisation\":{\"id\":{\"scheme\":\"siren\",\"value\":\"912345672\"},"
	"\"name\":\"Asso\",\"years\":[{\"year\":2022,\"currency\":\"EUR\"},{\"year\":2023,\"currency\":\"EUR\"}]}}";

static void test_load_options(void)
{
	assoc_load_options init = ASSOC_LOAD_OPTIONS_INIT, o, *v1;
	assoc_org *org = NULL;
	/* The init function gives the INIT macro's values. */
	ASSERT_OK(assoc_load_options_init(&o, ASSOC_LOAD_OPTIONS_VERSION));
	CU_ASSERT_EQUAL(o.version, init.version);
	CU_ASSERT_EQUAL(o.lenient, init.lenient);
	CU_ASSERT_EQUAL(o.max_document_bytes, init.max_document_bytes);
	CU_ASSERT_EQUAL(o.max_depth, init.max_depth);
	CU_ASSERT_EQUAL(o.max_years, init.max_years);
	CU_ASSERT_EQUAL(o.max_items, init.max_items);
	CU_ASSERT_EQUAL(o.max_string_bytes, init.max_string_bytes);
	ASSERT_CODE(assoc_load_options_init(&o, 0), ASSOC_EVERSION);
	ASSERT_CODE(assoc_load_options_init(&o, ASSOC_LOAD_OPTIONS_VERSION + 1), ASSOC_EVERSION);
	ASSERT_CODE(assoc_load_options_init(NULL, ASSOC_LOAD_OPTIONS_VERSION), ASSOC_EINVAL);

	/* Version 1, every limit 0 = its documented default. */
	v1 = exact_copy(&init, sizeof init);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v1);
	ASSERT_OK(assoc_org_from_json(&org, TWO_YEARS, strlen(TWO_YEARS), v1));
	assoc_org_free(org);
	org = NULL;
	v1->max_years = 1; /* the field is read: the same document is now refused */
	ASSERT_CODE(assoc_org_from_json(&org, TWO_YEARS, strlen(TWO_YEARS), v1), ASSOC_ELIMIT);
	CU_ASSERT_PTR_NULL(org);
	v1->max_years = 0;

	/* Rule 4, for the loaders too (as for every other options struct). */
	v1->version = 0;
	ASSERT_CODE(assoc_org_from_json(&org, TWO_YEARS, strlen(TWO_YEARS), v1), ASSOC_EVERSION);
	CU_ASSERT_PTR_NULL(org);
	assoc_org_free(org);
	org = NULL;
	v1->version = ASSOC_LOAD_OPTIONS_VERSION + 1;
	ASSERT_CODE(assoc_org_from_json(&org, TWO_YEARS, strlen(TWO_YEARS), v1), ASSOC_EVERSION);
	CU_ASSERT_PTR_NULL(org);
	assoc_org_free(org);
	free(v1);
}

/* ---- assoc_score_options ---------------------------------------------------- */

static void test_score_options(void)
{
	assoc_score_options init = ASSOC_SCORE_OPTIONS_INIT, o, *v1;
	assoc_report *with_null = NULL, *with_v1 = NULL, *rep = NULL;
	assoc_org *org = NULL;
	char *a = NULL, *b = NULL, *json;
	size_t len;
	ASSERT_OK(assoc_score_options_init(&o, ASSOC_SCORE_OPTIONS_VERSION));
	CU_ASSERT_EQUAL(o.version, init.version);
	CU_ASSERT_EQUAL(o.year, init.year);
	CU_ASSERT_EQUAL(o.flags, init.flags);
	ASSERT_CODE(assoc_score_options_init(&o, 0), ASSOC_EVERSION);
	ASSERT_CODE(assoc_score_options_init(&o, ASSOC_SCORE_OPTIONS_VERSION + 1), ASSOC_EVERSION);

	json = read_example("examples/data/silver-connect.json", &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(json);
	ASSERT_OK(assoc_org_from_json(&org, json, len, NULL));
	free(json);
	CU_ASSERT_PTR_NOT_NULL_FATAL(org);
	/* A version-1 struct of exactly version-1 size, defaults: the same report as no options. */
	v1 = exact_copy(&init, sizeof init);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v1);
	ASSERT_OK(assoc_report_new(&with_null, org, NULL, NULL));
	ASSERT_OK(assoc_report_new(&with_v1, org, NULL, v1));
	ASSERT_OK(assoc_report_to_json(&a, with_null, ASSOC_WRITE_DEFAULT));
	ASSERT_OK(assoc_report_to_json(&b, with_v1, ASSOC_WRITE_DEFAULT));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_STRING_EQUAL(a, b);
	CU_ASSERT(assoc_report_count(with_v1) > 0);

	v1->version = 0;
	ASSERT_CODE(assoc_report_new(&rep, org, NULL, v1), ASSOC_EVERSION);
	CU_ASSERT_PTR_NULL(rep);
	v1->version = ASSOC_SCORE_OPTIONS_VERSION + 1;
	ASSERT_CODE(assoc_report_new(&rep, org, NULL, v1), ASSOC_EVERSION);
	CU_ASSERT_PTR_NULL(rep);

	assoc_free(a);
	assoc_free(b);
	assoc_report_free(with_null);
	assoc_report_free(with_v1);
	assoc_org_free(org);
	free(v1);
}

/* ---- assoc_peer_keys and assoc_benchmark_options ------------------------------ */

static void test_peer_options(void)
{
	assoc_peer_keys kinit = ASSOC_PEER_KEYS_INIT, k, *kv1;
	assoc_benchmark_options binit = ASSOC_BENCHMARK_OPTIONS_INIT, bo, *bv1;
	assoc_population *pop = NULL;
	assoc_benchmark *bench = NULL;
	assoc_tc *tc = NULL;
	const char *measures[] = { "finance.months_of_cash" };
	const double values[] = { 3.0 };

	ASSERT_OK(assoc_peer_keys_init(&k, ASSOC_PEER_KEYS_VERSION));
	CU_ASSERT_EQUAL(k.version, kinit.version);
	CU_ASSERT(!k.sector && !k.country && !k.region && !k.departement && !k.commune && !k.currency && !k.revenue);
	ASSERT_CODE(assoc_peer_keys_init(&k, 0), ASSOC_EVERSION);
	ASSERT_CODE(assoc_peer_keys_init(&k, ASSOC_PEER_KEYS_VERSION + 1), ASSOC_EVERSION);
	ASSERT_OK(assoc_benchmark_options_init(&bo, ASSOC_BENCHMARK_OPTIONS_VERSION));
	CU_ASSERT_EQUAL(bo.version, binit.version);
	CU_ASSERT_EQUAL(bo.grouping, binit.grouping);
	ASSERT_CODE(assoc_benchmark_options_init(&bo, 0), ASSOC_EVERSION);
	ASSERT_CODE(assoc_benchmark_options_init(&bo, ASSOC_BENCHMARK_OPTIONS_VERSION + 1), ASSOC_EVERSION);

	ASSERT_OK(assoc_population_new(&pop));
	CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
	kv1 = exact_copy(&kinit, sizeof kinit);
	bv1 = exact_copy(&binit, sizeof binit);
	CU_ASSERT_PTR_NOT_NULL_FATAL(kv1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bv1);
	/* Version-1 keys, all unknown: accepted as a member. */
	ASSERT_OK(assoc_population_add_values(pop, "a", 2023, kv1, measures, values, 1));
	CU_ASSERT_EQUAL(assoc_population_count(pop), 1);
	kv1->version = 0;
	ASSERT_CODE(assoc_population_add_values(pop, "b", 2023, kv1, measures, values, 1), ASSOC_EVERSION);
	kv1->version = ASSOC_PEER_KEYS_VERSION + 1;
	ASSERT_CODE(assoc_population_add_values(pop, "b", 2023, kv1, measures, values, 1), ASSOC_EVERSION);
	CU_ASSERT_EQUAL(assoc_population_count(pop), 1); /* nothing added by the refusals */

	/* Version-1 benchmark options with the default grouping: accepted. */
	ASSERT_OK(assoc_benchmark_new(&bench, pop, measures[0], NULL, bv1));
	CU_ASSERT_EQUAL(assoc_benchmark_count(bench), 1);
	assoc_benchmark_free(bench);
	bench = NULL;
	bv1->version = 0;
	ASSERT_CODE(assoc_benchmark_new(&bench, pop, measures[0], NULL, bv1), ASSOC_EVERSION);
	CU_ASSERT_PTR_NULL(bench);
	ASSERT_CODE(assoc_tc_new(&tc, pop, NULL, bv1), ASSOC_EVERSION);
	CU_ASSERT_PTR_NULL(tc);
	bv1->version = ASSOC_BENCHMARK_OPTIONS_VERSION + 1;
	ASSERT_CODE(assoc_benchmark_new(&bench, pop, measures[0], NULL, bv1), ASSOC_EVERSION);
	CU_ASSERT_PTR_NULL(bench);

	assoc_population_free(pop);
	free(kv1);
	free(bv1);
}

/* ---- assoc_allocator ------------------------------------------------------------ */

static void test_allocator(void)
{
	assoc_allocator a;
	ASSERT_OK(assoc_allocator_init(&a, ASSOC_ALLOCATOR_VERSION));
	CU_ASSERT_EQUAL(a.version, ASSOC_ALLOCATOR_VERSION);
	ASSERT_CODE(assoc_allocator_init(&a, 0), ASSOC_EVERSION);
	ASSERT_CODE(assoc_allocator_init(&a, ASSOC_ALLOCATOR_VERSION + 1), ASSOC_EVERSION);
	/* Refused before the callbacks are even looked at (they are NULL here),
	 * so the allocator in place is untouched. */
	a.version = 0;
	ASSERT_CODE(assoc_allocator_set(&a), ASSOC_EVERSION);
	a.version = ASSOC_ALLOCATOR_VERSION + 1;
	ASSERT_CODE(assoc_allocator_set(&a), ASSOC_EVERSION);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "load_options", test_load_options },
		{ "score_options", test_score_options },
		{ "peer_options", test_peer_options },
		{ "allocator", test_allocator },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("options_version", tests);
}
