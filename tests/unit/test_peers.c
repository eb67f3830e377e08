/*
 * Peer benchmarking: the statistics (type-7 quantiles, mid-rank percentile
 * ranks, winsorised z-scores) checked against hand computations and R,
 * then populations, groupings, benchmarks and Tuckman & Chang flags on
 * small hand-made populations whose every figure is derived in a comment.
 *
 * Cross-checks: R's quantile() default is type 7; numpy.quantile's default
 * "linear" method is the same rule, and the figures below were also
 * recomputed with it (numpy.quantile(range(1, 11), 0.25) = 3.25).
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "harness.h"
#include "peers_internal.h"

/* The maturity weights every profile must carry (not used here). */
#define MATURITY                                                                                       \
	" \"alliance_maturity\": {\"tag\": \"own\", \"weights\": {\"information_sharing\": 5,"         \
	" \"coordinated_activities\": 10, \"pooled_resources\": 15, \"capacity_building\": 15,"           \
	" \"co_defined_objectives\": 15, \"shared_governance\": 15, \"joint_evaluation\": 10,"            \
	" \"co_created_solution\": 10, \"multi_year\": 5}}"

/* A profile with the benchmarking constants only (and the maturity weights
 * every profile must carry): winsorise at 10 % / 90 % so that a group of 10
 * is actually clamped, groups of fewer than 3 values are not ranked, size
 * bands (-inf, 100000), [100000, 1000000), [1000000, inf). */
static const char *profile_json =
	"{\"format\": \"libassoc-profile/1\", \"id\": \"test-peers\", \"version\": \"1\","
	" \"constants\": {"
	"  \"benchmark.winsor_low\": {\"value\": 0.1, \"tag\": \"own\"},"
	"  \"benchmark.winsor_high\": {\"value\": 0.9, \"tag\": \"own\"},"
	"  \"benchmark.min_group_size\": {\"value\": 3, \"tag\": \"own\"},"
	"  \"benchmark.size_band_edge.1\": {\"value\": 100000, \"tag\": \"own\"},"
	"  \"benchmark.size_band_edge.2\": {\"value\": 1000000, \"tag\": \"own\"}},"
	MATURITY "}";

static assoc_profile *test_profile(const char *json)
{
	assoc_profile *p = NULL;
	ASSERT_OK(assoc_profile_from_json(&p, json, strlen(json)));
	/* Never fall back on the default profile by accident. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	return p;
}

/* ---- the statistics ------------------------------------------------------- */

static void test_quantile_type7(void)
{
	double x[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	/* R: quantile(1:10, c(.25, .5, .75)) = 3.25 5.5 7.75
	 * (h = 9p: 2.25 -> 3 + 0.25 * (4 - 3); 4.5 -> 5.5; 6.75 -> 7.75). */
	ASSERT_NEAR(assoc__peers_quantile(x, 10, 0.25), 3.25, 1e-12);
	ASSERT_NEAR(assoc__peers_quantile(x, 10, 0.5), 5.5, 1e-12);
	ASSERT_NEAR(assoc__peers_quantile(x, 10, 0.75), 7.75, 1e-12);
	/* The fiscal package's default clamps: h = 0.09 -> 1.09; h = 8.91 -> 9.91. */
	ASSERT_NEAR(assoc__peers_quantile(x, 10, 0.01), 1.09, 1e-12);
	ASSERT_NEAR(assoc__peers_quantile(x, 10, 0.99), 9.91, 1e-12);
	ASSERT_NEAR(assoc__peers_quantile(x, 10, 0.0), 1.0, 0);
	ASSERT_NEAR(assoc__peers_quantile(x, 10, 1.0), 10.0, 0);
}

static void test_quantile_edges(void)
{
	/* R: quantile(c(6,7,15,36,39,40,41,42,43,47,49)) = 6 25.5 40 42.5 49:
	 * n = 11, h = 10p; p = .25 -> h = 2.5, 15 + .5 * (36 - 15) = 25.5;
	 * p = .75 -> h = 7.5, 42 + .5 * (43 - 42) = 42.5. */
	double y[11] = { 6, 7, 15, 36, 39, 40, 41, 42, 43, 47, 49 };
	double one = 42.0;
	ASSERT_NEAR(assoc__peers_quantile(y, 11, 0.25), 25.5, 1e-12);
	ASSERT_NEAR(assoc__peers_quantile(y, 11, 0.5), 40.0, 1e-12);
	ASSERT_NEAR(assoc__peers_quantile(y, 11, 0.75), 42.5, 1e-12);
	/* One value: every quantile is that value. None: no quantile. */
	ASSERT_NEAR(assoc__peers_quantile(&one, 1, 0.3), 42.0, 0);
	CU_ASSERT(isnan(assoc__peers_quantile(y, 0, 0.5)));
	CU_ASSERT(isnan(assoc__peers_quantile(y, 11, -0.1)));
	CU_ASSERT(isnan(assoc__peers_quantile(y, 11, 1.5)));
	CU_ASSERT(isnan(assoc__peers_quantile(y, 11, NAN)));
}

static void test_sort(void)
{
	double x[6] = { 3, -1, 2.5, 3, 0, -7 };
	double want[6] = { -7, -1, 0, 2.5, 3, 3 };
	size_t i;
	assoc__peers_sort(x, 6);
	for (i = 0; i < 6; i++)
		ASSERT_NEAR(x[i], want[i], 0);
}

static void test_percentile_midrank(void)
{
	double s[5] = { 1, 2, 2, 3, 5 };
	size_t below, equal;
	/* 2: one value below, two equal -> 100 (1 + 0.5 * 2) / 5 = 40. */
	ASSERT_NEAR(assoc__peers_percentile(s, 5, 2), 40.0, 1e-12);
	assoc__peers_rank_counts(&below, &equal, s, 5, 2);
	CU_ASSERT_EQUAL(below, 1);
	CU_ASSERT_EQUAL(equal, 2);
	/* The smallest: 100 * 0.5 / 5 = 10; the largest: 100 * 4.5 / 5 = 90. */
	ASSERT_NEAR(assoc__peers_percentile(s, 5, 1), 10.0, 1e-12);
	ASSERT_NEAR(assoc__peers_percentile(s, 5, 5), 90.0, 1e-12);
	/* Values outside the sample: 4 has four below -> 80; 0 -> 0; 6 -> 100. */
	ASSERT_NEAR(assoc__peers_percentile(s, 5, 4), 80.0, 1e-12);
	ASSERT_NEAR(assoc__peers_percentile(s, 5, 0), 0.0, 0);
	ASSERT_NEAR(assoc__peers_percentile(s, 5, 6), 100.0, 0);
	CU_ASSERT(isnan(assoc__peers_percentile(s, 0, 1)));
	CU_ASSERT(isnan(assoc__peers_percentile(s, 5, NAN)));
}

static void test_winsor_z(void)
{
	double x[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	double mean, sd, lo, hi;
	/* Clamps at quantiles 0.1 and 0.9: h = 0.9 -> 1.9; h = 8.1 -> 9.1.
	 * Winsorised: 1.9 2 3 4 5 6 7 8 9 9.1, sum 55, mean 5.5.
	 * Squared deviations: 2 * 3.6^2 + 2 * (3.5^2 + 2.5^2 + 1.5^2 + 0.5^2)
	 * = 25.92 + 42 = 67.92; sd = sqrt(67.92 / 9) = 2.7471197037382...
	 * z(10) = (9.1 - 5.5) / sd = 1.31046346... (numpy ddof=1 agrees). */
	lo = assoc__peers_quantile(x, 10, 0.1);
	hi = assoc__peers_quantile(x, 10, 0.9);
	ASSERT_NEAR(lo, 1.9, 1e-12);
	ASSERT_NEAR(hi, 9.1, 1e-12);
	ASSERT_NEAR(assoc__peers_clamp(10, lo, hi), 9.1, 1e-12);
	ASSERT_NEAR(assoc__peers_clamp(0.5, lo, hi), 1.9, 1e-12);
	ASSERT_NEAR(assoc__peers_clamp(4, lo, hi), 4, 0);
	assoc__peers_winsor_moments(&mean, &sd, x, 10, lo, hi);
	ASSERT_NEAR(mean, 5.5, 1e-12);
	ASSERT_NEAR(sd, sqrt(67.92 / 9.0), 1e-12);
	ASSERT_NEAR(assoc__peers_z(assoc__peers_clamp(10, lo, hi), mean, sd), 3.6 / sqrt(67.92 / 9.0), 1e-12);
	ASSERT_NEAR(assoc__peers_z(5, mean, sd), -0.18200881, 1e-8);
}

static void test_winsor_degenerate(void)
{
	double same[3] = { 0.1, 0.1, 0.1 }, one = 7, mean, sd;
	/* Equal values: sd is exactly 0 (not the 1e-17 that the rounded mean
	 * 0.10000000000000002 would give), so there is no z-score. */
	assoc__peers_winsor_moments(&mean, &sd, same, 3, 0.1, 0.1);
	ASSERT_NEAR(mean, 0.1, 0);
	ASSERT_NEAR(sd, 0, 0);
	CU_ASSERT(isnan(assoc__peers_z(0.1, mean, sd)));
	/* One value: a mean, no sd (n - 1 = 0). None: nothing. */
	assoc__peers_winsor_moments(&mean, &sd, &one, 1, -INFINITY, INFINITY);
	ASSERT_NEAR(mean, 7, 0);
	CU_ASSERT(isnan(sd));
	assoc__peers_winsor_moments(&mean, &sd, same, 0, 0, 1);
	CU_ASSERT(isnan(mean));
	CU_ASSERT(isnan(sd));
}

static void test_band(void)
{
	double edges[3] = { 10000, 50000, 200000 };
	/* Bands are lower-inclusive: [10000, 50000) is band 1. */
	CU_ASSERT_EQUAL(assoc__peers_band(5000, edges, 3), 0);
	CU_ASSERT_EQUAL(assoc__peers_band(-5, edges, 3), 0);
	CU_ASSERT_EQUAL(assoc__peers_band(10000, edges, 3), 1);
	CU_ASSERT_EQUAL(assoc__peers_band(49999.99, edges, 3), 1);
	CU_ASSERT_EQUAL(assoc__peers_band(50000, edges, 3), 2);
	CU_ASSERT_EQUAL(assoc__peers_band(200000, edges, 3), 3);
	CU_ASSERT_EQUAL(assoc__peers_band(1e9, edges, 3), 3);
}

/* ---- a hand-made population ----------------------------------------------- */

/*
 * Members a1..a10 in région FR:84, sector "naf:94.99Z", year 2022, with
 * measure "x" = 1..10 and revenue 50000 EUR (a1..a5) or 150000 EUR (a6..a10);
 * a11 in FR:84 without "x"; b1, b2 in FR:11 with x = 100 and 200; c1 with
 * no région, x = 3.
 */
static assoc_population *hand_population(void)
{
	assoc_population *pop = NULL;
	const char *names[1] = { "x" };
	char id[16];
	int i;
	ASSERT_OK(assoc_population_new(&pop));
	for (i = 1; i <= 10; i++) {
		assoc_peer_keys k = ASSOC_PEER_KEYS_INIT;
		double v = i, rev = i <= 5 ? 50000 : 150000;
		k.sector = "naf:94.99Z";
		k.country = "FR";
		k.region = "84";
		k.currency = "EUR";
		k.revenue = &rev;
		snprintf(id, sizeof id, "a%d", i);
		ASSERT_OK(assoc_population_add_values(pop, id, 2022, &k, names, &v, 1));
	}
	{
		assoc_peer_keys k = ASSOC_PEER_KEYS_INIT;
		k.country = "FR";
		k.region = "84";
		ASSERT_OK(assoc_population_add_values(pop, "a11", 2022, &k, NULL, NULL, 0));
	}
	for (i = 1; i <= 2; i++) {
		assoc_peer_keys k = ASSOC_PEER_KEYS_INIT;
		double v = 100.0 * i;
		k.country = "FR";
		k.region = "11";
		snprintf(id, sizeof id, "b%d", i);
		ASSERT_OK(assoc_population_add_values(pop, id, 2022, &k, names, &v, 1));
	}
	{
		double v = 3;
		ASSERT_OK(assoc_population_add_values(pop, "c1", 2022, NULL, names, &v, 1));
	}
	return pop;
}

static void test_population(void)
{
	assoc_population *pop = hand_population();
	size_t idx;
	const char *id;
	int year;
	double v;
	CU_ASSERT_EQUAL(assoc_population_count(pop), 14);
	ASSERT_OK(assoc_population_find(&idx, pop, "b2", 2022));
	CU_ASSERT_EQUAL(idx, 12);
	ASSERT_CODE(assoc_population_find(&idx, pop, "b2", 2021), ASSOC_ENOTFOUND);
	ASSERT_OK(assoc_population_member(&id, &year, pop, 12));
	CU_ASSERT_STRING_EQUAL(id, "b2");
	CU_ASSERT_EQUAL(year, 2022);
	ASSERT_OK(assoc_population_value(&v, pop, 12, "x"));
	ASSERT_NEAR(v, 200, 0);
	/* a11 has no "x": absent, not zero. */
	ASSERT_CODE(assoc_population_value(&v, pop, 10, "x"), ASSOC_EABSENT);
	CU_ASSERT(isnan(v));
	ASSERT_CODE(assoc_population_value(&v, pop, 0, "never.seen"), ASSOC_EABSENT);
	ASSERT_CODE(assoc_population_value(&v, pop, 14, "x"), ASSOC_ENOTFOUND);
	assoc_population_free(pop);
}

static void test_population_errors(void)
{
	assoc_population *pop = hand_population();
	const char *two[2] = { "x", "x" };
	const char *one[1] = { "y" };
	double vals[2] = { 1, 2 }, inf = INFINITY;
	assoc_peer_keys k = ASSOC_PEER_KEYS_INIT;
	size_t idx;
	/* Same identifier and year: refused, population unchanged. */
	ASSERT_CODE(assoc_population_add_values(pop, "a1", 2022, NULL, one, vals, 1), ASSOC_EDUPLICATE);
	/* A measure named twice: refused with the path of the second. */
	ASSERT_CODE(assoc_population_add_values(pop, "d1", 2022, NULL, two, vals, 2), ASSOC_EDUPLICATE);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/measures/1");
	ASSERT_CODE(assoc_population_find(&idx, pop, "d1", 2022), ASSOC_ENOTFOUND);
	/* Infinite values are refused; NaN is "missing". */
	ASSERT_CODE(assoc_population_add_values(pop, "d2", 2022, NULL, one, &inf, 1), ASSOC_EVALUE);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/values/0");
	k.version = 99;
	ASSERT_CODE(assoc_population_add_values(pop, "d3", 2022, &k, one, vals, 1), ASSOC_EVERSION);
	ASSERT_CODE(assoc_population_add_values(NULL, "d4", 2022, NULL, one, vals, 1), ASSOC_EINVAL);
	ASSERT_CODE(assoc_population_add_values(pop, NULL, 2022, NULL, one, vals, 1), ASSOC_EINVAL);
	ASSERT_CODE(assoc_peer_keys_init(&k, 2), ASSOC_EVERSION);
	ASSERT_OK(assoc_peer_keys_init(&k, ASSOC_PEER_KEYS_VERSION));
	CU_ASSERT_PTR_NULL(k.revenue);
	CU_ASSERT_EQUAL(assoc_population_count(pop), 14);
	/* The failed adds left no measure name behind: "y" is unknown everywhere. */
	ASSERT_CODE(assoc_population_value(&vals[0], pop, 0, "y"), ASSOC_EABSENT);
	assoc_population_free(pop);
}

/* Index of the group whose key is `key`, or (size_t)-1. */
static size_t group_index(const assoc_benchmark *b, const char *key)
{
	size_t g;
	for (g = 0; g < assoc_benchmark_group_count(b); g++)
		if (strcmp(assoc_benchmark_group_key(b, g), key) == 0)
			return g;
	return (size_t)-1;
}

static void test_benchmark_region(void)
{
	assoc_profile *prof = test_profile(profile_json);
	assoc_population *pop = hand_population();
	assoc_benchmark_options opts = ASSOC_BENCHMARK_OPTIONS_INIT;
	assoc_benchmark *b = NULL;
	size_t g84, g11, g;
	double v;
	opts.grouping = ASSOC_GROUP_REGION;
	ASSERT_OK(assoc_benchmark_new(&b, pop, "x", prof, &opts));
	CU_ASSERT_FATAL(b != NULL);
	CU_ASSERT_STRING_EQUAL(assoc_benchmark_measure(b), "x");
	CU_ASSERT_EQUAL(assoc_benchmark_count(b), 14);
	/* Two groups (c1 has no région), sorted by key: FR:11 before FR:84. */
	CU_ASSERT_EQUAL(assoc_benchmark_group_count(b), 2);
	CU_ASSERT_STRING_EQUAL(assoc_benchmark_group_key(b, 0), "region=FR:11");
	CU_ASSERT_STRING_EQUAL(assoc_benchmark_group_key(b, 1), "region=FR:84");
	g11 = group_index(b, "region=FR:11");
	g84 = group_index(b, "region=FR:84");

	/* FR:84: 11 members, 10 values 1..10 (a11 has none): the figures of
	 * test_quantile_type7 and test_winsor_z. */
	CU_ASSERT_EQUAL(assoc_benchmark_group_status(b, g84), ASSOC_BENCH_RANKED);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, g84, ASSOC_BENCH_N));
	ASSERT_NEAR(v, 10, 0);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, g84, ASSOC_BENCH_MEMBERS));
	ASSERT_NEAR(v, 11, 0);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, g84, ASSOC_BENCH_MIN));
	ASSERT_NEAR(v, 1, 0);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, g84, ASSOC_BENCH_Q1));
	ASSERT_NEAR(v, 3.25, 1e-12);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, g84, ASSOC_BENCH_MEDIAN));
	ASSERT_NEAR(v, 5.5, 1e-12);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, g84, ASSOC_BENCH_Q3));
	ASSERT_NEAR(v, 7.75, 1e-12);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, g84, ASSOC_BENCH_MAX));
	ASSERT_NEAR(v, 10, 0);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, g84, ASSOC_BENCH_WINSOR_LOW));
	ASSERT_NEAR(v, 1.9, 1e-12);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, g84, ASSOC_BENCH_WINSOR_HIGH));
	ASSERT_NEAR(v, 9.1, 1e-12);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, g84, ASSOC_BENCH_MEAN));
	ASSERT_NEAR(v, 5.5, 1e-12);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, g84, ASSOC_BENCH_SD));
	ASSERT_NEAR(v, sqrt(67.92 / 9.0), 1e-12);
	ASSERT_CODE(assoc_benchmark_group_stat(&v, b, g84, ASSOC_BENCH_Z), ASSOC_EINVAL);

	/* a10 (index 9): x = 10, nine below -> percentile 95; winsorised 9.1,
	 * z = 3.6 / 2.7471 = 1.3105. a1: percentile 5, z = -1.3105. */
	CU_ASSERT_EQUAL(assoc_benchmark_member_status(b, 9), ASSOC_BENCH_RANKED);
	ASSERT_OK(assoc_benchmark_member_stat(&v, b, 9, ASSOC_BENCH_PERCENTILE));
	ASSERT_NEAR(v, 95, 1e-12);
	ASSERT_OK(assoc_benchmark_member_stat(&v, b, 9, ASSOC_BENCH_WINSORISED));
	ASSERT_NEAR(v, 9.1, 1e-12);
	ASSERT_OK(assoc_benchmark_member_stat(&v, b, 9, ASSOC_BENCH_Z));
	ASSERT_NEAR(v, 1.31046346, 1e-8);
	ASSERT_OK(assoc_benchmark_member_stat(&v, b, 0, ASSOC_BENCH_PERCENTILE));
	ASSERT_NEAR(v, 5, 1e-12);
	ASSERT_OK(assoc_benchmark_member_stat(&v, b, 0, ASSOC_BENCH_Z));
	ASSERT_NEAR(v, -1.31046346, 1e-8);
	/* A member's group statistics are its group's. */
	ASSERT_OK(assoc_benchmark_member_stat(&v, b, 4, ASSOC_BENCH_MEDIAN));
	ASSERT_NEAR(v, 5.5, 1e-12);
	ASSERT_OK(assoc_benchmark_member_group(&g, b, 4));
	CU_ASSERT_EQUAL(g, g84);

	/* a11: in the group, no value: not computable, never ranked as 0. */
	CU_ASSERT_EQUAL(assoc_benchmark_member_status(b, 10), ASSOC_BENCH_NOT_COMPUTABLE);
	ASSERT_CODE(assoc_benchmark_member_stat(&v, b, 10, ASSOC_BENCH_PERCENTILE), ASSOC_EABSENT);
	CU_ASSERT(isnan(v));
	ASSERT_CODE(assoc_benchmark_member_stat(&v, b, 10, ASSOC_BENCH_VALUE), ASSOC_EABSENT);

	/* FR:11: two values < min_group_size 3: too small, nothing but counts. */
	CU_ASSERT_EQUAL(assoc_benchmark_group_status(b, g11), ASSOC_BENCH_GROUP_TOO_SMALL);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, g11, ASSOC_BENCH_N));
	ASSERT_NEAR(v, 2, 0);
	ASSERT_CODE(assoc_benchmark_group_stat(&v, b, g11, ASSOC_BENCH_MEDIAN), ASSOC_EABSENT);
	CU_ASSERT_EQUAL(assoc_benchmark_member_status(b, 11), ASSOC_BENCH_GROUP_TOO_SMALL);
	ASSERT_OK(assoc_benchmark_member_stat(&v, b, 11, ASSOC_BENCH_VALUE));
	ASSERT_NEAR(v, 100, 0);
	ASSERT_CODE(assoc_benchmark_member_stat(&v, b, 11, ASSOC_BENCH_PERCENTILE), ASSOC_EABSENT);

	/* c1: no région, no group. */
	CU_ASSERT_EQUAL(assoc_benchmark_member_status(b, 13), ASSOC_BENCH_NO_GROUP);
	ASSERT_CODE(assoc_benchmark_member_group(&g, b, 13), ASSOC_EABSENT);
	ASSERT_CODE(assoc_benchmark_member_stat(&v, b, 13, ASSOC_BENCH_MEDIAN), ASSOC_EABSENT);

	ASSERT_CODE(assoc_benchmark_member_status(b, 14), ASSOC_ENOTFOUND);
	ASSERT_CODE(assoc_benchmark_member_stat(&v, b, 0, (assoc_bench_stat)99), ASSOC_EINVAL);
	CU_ASSERT_PTR_NULL(assoc_benchmark_group_key(b, 2));

	assoc_benchmark_free(b);
	/* The benchmark outlives nothing it needs: freed after the population here,
	 * before it in test_benchmark_outlives_population. */
	assoc_population_free(pop);
	assoc_profile_free(prof);
}

static void test_benchmark_all_and_ties(void)
{
	assoc_profile *prof = test_profile(profile_json);
	assoc_population *pop = hand_population();
	assoc_benchmark *b = NULL;
	double v;
	/* Whole population (NULL options): 13 values 1..10, 100, 200, 3.
	 * Sorted: 1 2 3 3 4 5 6 7 8 9 10 100 200. a3 (x = 3): two below, two
	 * equal (a3 and c1) -> 100 (2 + 1) / 13 = 23.0769...
	 * Median: h = 12 * 0.5 = 6 -> 6. */
	ASSERT_OK(assoc_benchmark_new(&b, pop, "x", prof, NULL));
	CU_ASSERT_EQUAL(assoc_benchmark_group_count(b), 1);
	CU_ASSERT_STRING_EQUAL(assoc_benchmark_group_key(b, 0), "all");
	ASSERT_OK(assoc_benchmark_member_stat(&v, b, 2, ASSOC_BENCH_PERCENTILE));
	ASSERT_NEAR(v, 300.0 / 13.0, 1e-12);
	ASSERT_OK(assoc_benchmark_member_stat(&v, b, 13, ASSOC_BENCH_PERCENTILE));
	ASSERT_NEAR(v, 300.0 / 13.0, 1e-12);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, 0, ASSOC_BENCH_MEDIAN));
	ASSERT_NEAR(v, 6, 0);
	/* Winsorising at 90 %: h = 12 * 0.9 = 10.8 -> 10 + 0.8 * (100 - 10) = 82;
	 * b2's 200 is clamped to 82. */
	ASSERT_OK(assoc_benchmark_member_stat(&v, b, 12, ASSOC_BENCH_WINSORISED));
	ASSERT_NEAR(v, 82, 1e-12);
	assoc_benchmark_free(b);
	assoc_population_free(pop);
	assoc_profile_free(prof);
}

static void test_benchmark_size_and_combined(void)
{
	assoc_profile *prof = test_profile(profile_json);
	assoc_population *pop = hand_population();
	assoc_benchmark_options opts = ASSOC_BENCHMARK_OPTIONS_INIT;
	assoc_benchmark *b = NULL;
	double usd = 50000, v;
	const char *names[1] = { "x" };
	double x = 4;
	assoc_peer_keys k = ASSOC_PEER_KEYS_INIT;
	/* A US member of the same revenue: never in a euro band. */
	k.currency = "USD";
	k.revenue = &usd;
	k.sector = "naf:94.99Z";
	ASSERT_OK(assoc_population_add_values(pop, "u1", 2022, &k, names, &x, 1));

	opts.grouping = ASSOC_GROUP_SIZE;
	ASSERT_OK(assoc_benchmark_new(&b, pop, "x", prof, &opts));
	/* a1..a5 (50000 EUR) and a6..a10 (150000 EUR) fall in two bands; u1 in a
	 * dollar band of its own; the others have no revenue: no group. */
	CU_ASSERT_EQUAL(assoc_benchmark_group_count(b), 3);
	CU_ASSERT(group_index(b, "size=EUR:(-inf,100000)") != (size_t)-1);
	CU_ASSERT(group_index(b, "size=EUR:[100000,1000000)") != (size_t)-1);
	CU_ASSERT(group_index(b, "size=USD:(-inf,100000)") != (size_t)-1);
	/* Band [100000, 1000000): values 6..10, median 8; a6 is the lowest of
	 * five: percentile 100 * 0.5 / 5 = 10. */
	ASSERT_OK(assoc_benchmark_member_stat(&v, b, 5, ASSOC_BENCH_MEDIAN));
	ASSERT_NEAR(v, 8, 0);
	ASSERT_OK(assoc_benchmark_member_stat(&v, b, 5, ASSOC_BENCH_PERCENTILE));
	ASSERT_NEAR(v, 10, 1e-12);
	CU_ASSERT_EQUAL(assoc_benchmark_member_status(b, 14), ASSOC_BENCH_GROUP_TOO_SMALL);
	CU_ASSERT_EQUAL(assoc_benchmark_member_status(b, 11), ASSOC_BENCH_NO_GROUP);
	assoc_benchmark_free(b);

	/* Year x sector: a1..a10 and u1 share "year=2022|sector=naf:94.99Z";
	 * values 1..10 and 4: u1 has three below (1, 2, 3) and two equal (a4,
	 * itself) -> 100 * 4 / 11. */
	opts.grouping = ASSOC_GROUP_YEAR | ASSOC_GROUP_SECTOR;
	ASSERT_OK(assoc_benchmark_new(&b, pop, "x", prof, &opts));
	CU_ASSERT_EQUAL(assoc_benchmark_group_count(b), 1);
	CU_ASSERT_STRING_EQUAL(assoc_benchmark_group_key(b, 0), "year=2022|sector=naf:94.99Z");
	ASSERT_OK(assoc_benchmark_member_stat(&v, b, 14, ASSOC_BENCH_PERCENTILE));
	ASSERT_NEAR(v, 400.0 / 11.0, 1e-12);
	assoc_benchmark_free(b);
	assoc_population_free(pop);
	assoc_profile_free(prof);
}

static void test_benchmark_outlives_population(void)
{
	assoc_profile *prof = test_profile(profile_json);
	assoc_population *pop = hand_population();
	assoc_benchmark *b = NULL;
	const char *id;
	int year;
	ASSERT_OK(assoc_benchmark_new(&b, pop, "x", prof, NULL));
	assoc_population_free(pop);
	ASSERT_OK(assoc_benchmark_member(&id, &year, b, 12));
	CU_ASSERT_STRING_EQUAL(id, "b2");
	CU_ASSERT_EQUAL(year, 2022);
	assoc_benchmark_free(b);
	assoc_profile_free(prof);
}

static void test_benchmark_unknown_measure(void)
{
	assoc_profile *prof = test_profile(profile_json);
	assoc_population *pop = hand_population();
	assoc_benchmark *b = NULL;
	size_t i;
	double v;
	/* No member has it: every member not computable, every group n = 0 and too small. */
	ASSERT_OK(assoc_benchmark_new(&b, pop, "nobody.has.this", prof, NULL));
	for (i = 0; i < assoc_benchmark_count(b); i++)
		CU_ASSERT_EQUAL(assoc_benchmark_member_status(b, i), ASSOC_BENCH_NOT_COMPUTABLE);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, 0, ASSOC_BENCH_N));
	ASSERT_NEAR(v, 0, 0);
	CU_ASSERT_EQUAL(assoc_benchmark_group_status(b, 0), ASSOC_BENCH_GROUP_TOO_SMALL);
	assoc_benchmark_free(b);
	assoc_population_free(pop);
	assoc_profile_free(prof);
}

static void test_benchmark_errors(void)
{
	static const char *no_constants =
		"{\"format\": \"libassoc-profile/1\", \"id\": \"bare\", \"version\": \"1\","
		MATURITY "}";
	static const char *bad_winsor =
		"{\"format\": \"libassoc-profile/1\", \"id\": \"bad\", \"version\": \"1\","
		" \"constants\": {\"benchmark.winsor_low\": {\"value\": 0.6, \"tag\": \"own\"}, \"benchmark.winsor_high\": {\"value\": 0.9, \"tag\": \"own\"},"
		"  \"benchmark.min_group_size\": {\"value\": 3, \"tag\": \"own\"}},"
		MATURITY "}";
	static const char *bad_size =
		"{\"format\": \"libassoc-profile/1\", \"id\": \"size\", \"version\": \"1\","
		" \"constants\": {\"benchmark.winsor_low\": {\"value\": 0.01, \"tag\": \"own\"}, \"benchmark.winsor_high\": {\"value\": 0.99, \"tag\": \"own\"},"
		"  \"benchmark.min_group_size\": {\"value\": 2.5, \"tag\": \"own\"}},"
		MATURITY "}";
	static const char *no_edges_json =
		"{\"format\": \"libassoc-profile/1\", \"id\": \"no-edges\", \"version\": \"1\","
		" \"constants\": {\"benchmark.winsor_low\": {\"value\": 0.01, \"tag\": \"own\"}, \"benchmark.winsor_high\": {\"value\": 0.99, \"tag\": \"own\"},"
		"  \"benchmark.min_group_size\": {\"value\": 2, \"tag\": \"own\"}},"
		MATURITY "}";
	assoc_profile *bare = test_profile(no_constants), *bad = test_profile(bad_winsor), *size = test_profile(bad_size);
	assoc_profile *no_edges = test_profile(no_edges_json);
	assoc_profile *prof = test_profile(profile_json);
	assoc_population *pop = hand_population();
	assoc_benchmark_options opts = ASSOC_BENCHMARK_OPTIONS_INIT;
	assoc_benchmark *b = NULL;
	assoc_tc *tc = NULL;

	ASSERT_CODE(assoc_benchmark_new(&b, pop, "x", bare, NULL), ASSOC_ENOTFOUND);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/constants/benchmark.winsor_low");
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "benchmark.winsor_low"));
	CU_ASSERT_PTR_NULL(b);
	ASSERT_CODE(assoc_tc_new(&tc, pop, bare, NULL), ASSOC_ENOTFOUND);
	CU_ASSERT_PTR_NULL(tc);

	ASSERT_CODE(assoc_benchmark_new(&b, pop, "x", bad, NULL), ASSOC_EVALUE);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/constants/benchmark.winsor_low");
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "0.6"));

	/* min_group_size 2.5 is not a count. */
	ASSERT_CODE(assoc_benchmark_new(&b, pop, "x", size, NULL), ASSOC_EVALUE);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/constants/benchmark.min_group_size");

	/* Grouping by size with a profile that has no edges. */
	opts.grouping = ASSOC_GROUP_SIZE;
	ASSERT_CODE(assoc_benchmark_new(&b, pop, "x", no_edges, &opts), ASSOC_ENOTFOUND);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/constants/benchmark.size_band_edge.1");
	ASSERT_CODE(assoc_benchmark_new(&b, pop, "x", prof, &opts), 0);
	assoc_benchmark_free(b);
	b = NULL;

	opts.grouping = 1u << 20;
	ASSERT_CODE(assoc_benchmark_new(&b, pop, "x", prof, &opts), ASSOC_EINVAL);
	opts.grouping = 0;
	opts.version = 0;
	ASSERT_CODE(assoc_benchmark_new(&b, pop, "x", prof, &opts), ASSOC_EVERSION);
	opts.version = 2;
	ASSERT_CODE(assoc_benchmark_new(&b, pop, "x", prof, &opts), ASSOC_EVERSION);
	ASSERT_CODE(assoc_benchmark_options_init(&opts, 7), ASSOC_EVERSION);
	ASSERT_OK(assoc_benchmark_options_init(&opts, ASSOC_BENCHMARK_OPTIONS_VERSION));
	CU_ASSERT_EQUAL(opts.grouping, ASSOC_GROUP_ALL);
	ASSERT_CODE(assoc_benchmark_new(&b, NULL, "x", prof, NULL), ASSOC_EINVAL);
	ASSERT_CODE(assoc_benchmark_new(&b, pop, NULL, prof, NULL), ASSOC_EINVAL);
	CU_ASSERT_PTR_NULL(b);

	assoc_population_free(pop);
	assoc_profile_free(bare);
	assoc_profile_free(bad);
	assoc_profile_free(size);
	assoc_profile_free(no_edges);
	assoc_profile_free(prof);
}

static void test_benchmark_edges_not_ascending(void)
{
	static const char *json =
		"{\"format\": \"libassoc-profile/1\", \"id\": \"edges\", \"version\": \"1\","
		" \"constants\": {\"benchmark.winsor_low\": {\"value\": 0.01, \"tag\": \"own\"}, \"benchmark.winsor_high\": {\"value\": 0.99, \"tag\": \"own\"},"
		"  \"benchmark.min_group_size\": {\"value\": 2, \"tag\": \"own\"}, \"benchmark.size_band_edge.1\": {\"value\": 5, \"tag\": \"own\"},"
		"  \"benchmark.size_band_edge.2\": {\"value\": 5, \"tag\": \"own\"}},"
		MATURITY "}";
	assoc_profile *prof = test_profile(json);
	assoc_population *pop = hand_population();
	assoc_benchmark_options opts = ASSOC_BENCHMARK_OPTIONS_INIT;
	assoc_benchmark *b = NULL;
	opts.grouping = ASSOC_GROUP_SIZE;
	ASSERT_CODE(assoc_benchmark_new(&b, pop, "x", prof, &opts), ASSOC_EVALUE);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/constants/benchmark.size_band_edge.2");
	/* Without size in the grouping the edges are not read. */
	opts.grouping = ASSOC_GROUP_REGION;
	ASSERT_OK(assoc_benchmark_new(&b, pop, "x", prof, &opts));
	assoc_benchmark_free(b);
	assoc_population_free(pop);
	assoc_profile_free(prof);
}

static const cJSON *member_json(const cJSON *root, const char *id)
{
	const cJSON *m;
	cJSON_ArrayForEach(m, cJSON_GetObjectItem(root, "members"))
		if (strcmp(cJSON_GetObjectItem(m, "id")->valuestring, id) == 0)
			return m;
	return NULL;
}

static void test_benchmark_json(void)
{
	assoc_profile *prof = test_profile(profile_json);
	assoc_population *pop = hand_population();
	assoc_benchmark_options opts = ASSOC_BENCHMARK_OPTIONS_INIT;
	assoc_benchmark *b = NULL;
	char *json = NULL;
	cJSON *root;
	const cJSON *m, *groups;
	opts.grouping = ASSOC_GROUP_REGION;
	ASSERT_OK(assoc_benchmark_new(&b, pop, "x", prof, &opts));
	ASSERT_CODE(assoc_benchmark_to_json(&json, b, 1), ASSOC_EINVAL);
	ASSERT_OK(assoc_benchmark_to_json(&json, b, 0));
	root = cJSON_Parse(json);
	CU_ASSERT_FATAL(root != NULL);
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(root, "measure")->valuestring, "x");
	CU_ASSERT_STRING_EQUAL(cJSON_GetArrayItem(cJSON_GetObjectItem(root, "grouping"), 0)->valuestring, "region");
	ASSERT_NEAR(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "parameters"), "winsor_high")->valuedouble, 0.9, 0);
	groups = cJSON_GetObjectItem(root, "groups");
	CU_ASSERT_EQUAL(cJSON_GetArraySize(groups), 2);
	/* The too-small group: counts, and null (never 0) statistics. */
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetArrayItem(groups, 0), "status")->valuestring,
			       "group_too_small");
	CU_ASSERT(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(groups, 0), "median")));
	ASSERT_NEAR(cJSON_GetObjectItem(cJSON_GetArrayItem(groups, 1), "q1")->valuedouble, 3.25, 1e-12);
	m = member_json(root, "a10");
	CU_ASSERT_FATAL(m != NULL);
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(m, "status")->valuestring, "ranked");
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(m, "group")->valuestring, "region=FR:84");
	ASSERT_NEAR(cJSON_GetObjectItem(m, "percentile")->valuedouble, 95, 1e-12);
	m = member_json(root, "a11");
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(m, "status")->valuestring, "not_computable");
	CU_ASSERT(cJSON_IsNull(cJSON_GetObjectItem(m, "value")));
	m = member_json(root, "c1");
	CU_ASSERT(cJSON_IsNull(cJSON_GetObjectItem(m, "group")));
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(m, "status")->valuestring, "no_group");
	cJSON_Delete(root);
	assoc_free(json);
	assoc_benchmark_free(b);
	assoc_population_free(pop);
	assoc_profile_free(prof);
}

/* ---- Tuckman & Chang ------------------------------------------------------- */

/*
 * Ten organisations t0..t9 (whole population):
 *   equity_to_revenue  e_i = 0.1 (i + 1): 0.1 .. 1.0; worst = lowest;
 *                      Q(0.2): h = 1.8 -> 0.2 + 0.8 * 0.1 = 0.28 -> t0, t1 flagged;
 *   streams HHI        h_i = 0.1 (i + 1); worst = highest;
 *                      Q(0.8): h = 7.2 -> 0.8 + 0.2 * 0.1 = 0.82 -> t8, t9 flagged;
 *   admin_to_revenue   t0 missing; a_i = 0.05 i for i = 1..9 (n = 9); worst = lowest;
 *                      Q(0.2): h = 1.6 -> 0.10 + 0.6 * 0.05 = 0.13 -> t1, t2 flagged;
 *                      t0: not computable (never "not flagged");
 *   operating margin   -0.1, 0, 0, 0, 0, 0.05, 0.05, 0.1, 0.1, 0.2; worst = lowest;
 *                      Q(0.2): h = 1.8 -> 0 + 0.8 * 0 = 0: only t0 (< 0) is flagged,
 *                      the four at exactly 0 are not "beyond" it.
 * Counts: t0 2 of 3 decided; t1 2 of 4; t2 1 of 4; t3..t7 0 of 4; t8, t9 1 of 4.
 */
static assoc_population *tc_population(void)
{
	static const double margin[10] = { -0.1, 0, 0, 0, 0, 0.05, 0.05, 0.1, 0.1, 0.2 };
	const char *names[4] = { "finance.equity_to_revenue", "revenue.streams.hhi", "finance.operating_margin",
				 "finance.admin_to_revenue" };
	assoc_population *pop = NULL;
	int i;
	ASSERT_OK(assoc_population_new(&pop));
	for (i = 0; i < 10; i++) {
		double v[4];
		char id[8];
		v[0] = 0.1 * (i + 1);
		v[1] = 0.1 * (i + 1);
		v[2] = margin[i];
		v[3] = 0.05 * i;
		snprintf(id, sizeof id, "t%d", i);
		/* t0 gives only three measures: admin_to_revenue is missing. */
		ASSERT_OK(assoc_population_add_values(pop, id, 2021, NULL, names, v, i == 0 ? 3 : 4));
	}
	return pop;
}

static void test_tc_flags(void)
{
	assoc_profile *prof = test_profile(profile_json);
	assoc_population *pop = tc_population();
	assoc_tc *tc = NULL;
	int flagged, decided, i;
	double t, v;
	static const int want_flagged[10] = { 2, 2, 1, 0, 0, 0, 0, 0, 1, 1 };
	ASSERT_OK(assoc_tc_new(&tc, pop, prof, NULL));
	CU_ASSERT_EQUAL(assoc_tc_count(tc), 10);

	CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 0, ASSOC_TC_EQUITY_TO_REVENUE), ASSOC_TC_FLAGGED);
	CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 1, ASSOC_TC_EQUITY_TO_REVENUE), ASSOC_TC_FLAGGED);
	CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 2, ASSOC_TC_EQUITY_TO_REVENUE), ASSOC_TC_NOT_FLAGGED);
	ASSERT_OK(assoc_tc_threshold(&t, tc, 0, ASSOC_TC_EQUITY_TO_REVENUE));
	ASSERT_NEAR(t, 0.28, 1e-12);

	CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 9, ASSOC_TC_CONCENTRATION), ASSOC_TC_FLAGGED);
	CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 8, ASSOC_TC_CONCENTRATION), ASSOC_TC_FLAGGED);
	CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 7, ASSOC_TC_CONCENTRATION), ASSOC_TC_NOT_FLAGGED);
	ASSERT_OK(assoc_tc_threshold(&t, tc, 7, ASSOC_TC_CONCENTRATION));
	ASSERT_NEAR(t, 0.82, 1e-12);

	CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 0, ASSOC_TC_ADMIN_TO_REVENUE), ASSOC_TC_NOT_COMPUTABLE);
	CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 1, ASSOC_TC_ADMIN_TO_REVENUE), ASSOC_TC_FLAGGED);
	CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 2, ASSOC_TC_ADMIN_TO_REVENUE), ASSOC_TC_FLAGGED);
	CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 3, ASSOC_TC_ADMIN_TO_REVENUE), ASSOC_TC_NOT_FLAGGED);
	ASSERT_OK(assoc_tc_threshold(&t, tc, 3, ASSOC_TC_ADMIN_TO_REVENUE));
	ASSERT_NEAR(t, 0.13, 1e-12);

	CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 0, ASSOC_TC_OPERATING_MARGIN), ASSOC_TC_FLAGGED);
	for (i = 1; i <= 4; i++)
		CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, (size_t)i, ASSOC_TC_OPERATING_MARGIN), ASSOC_TC_NOT_FLAGGED);
	ASSERT_OK(assoc_tc_threshold(&t, tc, 4, ASSOC_TC_OPERATING_MARGIN));
	ASSERT_NEAR(t, 0, 0);

	for (i = 0; i < 10; i++) {
		ASSERT_OK(assoc_tc_counts(&flagged, &decided, tc, (size_t)i));
		CU_ASSERT_EQUAL(flagged, want_flagged[i]);
		CU_ASSERT_EQUAL(decided, i == 0 ? 3 : 4);
	}

	/* The continuous values beside the flags: t0's equity-to-revenue is the
	 * lowest of ten, percentile 5; its margin -0.1, percentile 5 too. */
	ASSERT_OK(assoc_benchmark_member_stat(&v, assoc_tc_benchmark(tc, ASSOC_TC_EQUITY_TO_REVENUE), 0,
					      ASSOC_BENCH_PERCENTILE));
	ASSERT_NEAR(v, 5, 1e-12);
	ASSERT_OK(assoc_benchmark_member_stat(&v, assoc_tc_benchmark(tc, ASSOC_TC_OPERATING_MARGIN), 0,
					      ASSOC_BENCH_VALUE));
	ASSERT_NEAR(v, -0.1, 0);

	CU_ASSERT_STRING_EQUAL(assoc_tc_indicator_measure(ASSOC_TC_CONCENTRATION), "revenue.streams.hhi");
	CU_ASSERT_EQUAL(assoc_tc_indicator_worst_is_high(ASSOC_TC_CONCENTRATION), 1);
	CU_ASSERT_EQUAL(assoc_tc_indicator_worst_is_high(ASSOC_TC_ADMIN_TO_REVENUE), 0);
	CU_ASSERT_EQUAL(assoc_tc_indicator_worst_is_high(ASSOC_TC__COUNT), -1);
	CU_ASSERT_PTR_NULL(assoc_tc_indicator_measure(ASSOC_TC__COUNT));
	CU_ASSERT_PTR_NULL(assoc_tc_benchmark(tc, ASSOC_TC__COUNT));
	ASSERT_CODE(assoc_tc_flag_of(tc, 10, ASSOC_TC_CONCENTRATION), ASSOC_ENOTFOUND);
	ASSERT_CODE(assoc_tc_flag_of(tc, 0, ASSOC_TC__COUNT), ASSOC_EINVAL);
	ASSERT_CODE(assoc_tc_counts(&flagged, &decided, tc, 10), ASSOC_ENOTFOUND);
	assoc_tc_free(tc);
	assoc_population_free(pop);
	assoc_profile_free(prof);
}

static void test_tc_groups(void)
{
	assoc_profile *prof = test_profile(profile_json);
	assoc_population *pop = tc_population();
	assoc_benchmark_options opts = ASSOC_BENCHMARK_OPTIONS_INIT;
	assoc_tc *tc = NULL;
	double t;
	int flagged, decided;
	/* By région: nobody has one, so no flag is decided. */
	opts.grouping = ASSOC_GROUP_REGION;
	ASSERT_OK(assoc_tc_new(&tc, pop, prof, &opts));
	CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 5, ASSOC_TC_CONCENTRATION), ASSOC_TC_NO_GROUP);
	/* Missing value takes precedence over missing group. */
	CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 0, ASSOC_TC_ADMIN_TO_REVENUE), ASSOC_TC_NOT_COMPUTABLE);
	ASSERT_CODE(assoc_tc_threshold(&t, tc, 5, ASSOC_TC_CONCENTRATION), ASSOC_EABSENT);
	ASSERT_OK(assoc_tc_counts(&flagged, &decided, tc, 5));
	CU_ASSERT_EQUAL(flagged, 0);
	CU_ASSERT_EQUAL(decided, 0);
	assoc_tc_free(tc);
	assoc_population_free(pop);

	/* Two members only: below min_group_size 3. */
	{
		const char *names[1] = { "revenue.streams.hhi" };
		double h = 0.5;
		ASSERT_OK(assoc_population_new(&pop));
		ASSERT_OK(assoc_population_add_values(pop, "p", 2020, NULL, names, &h, 1));
		ASSERT_OK(assoc_population_add_values(pop, "q", 2020, NULL, names, &h, 1));
		ASSERT_OK(assoc_tc_new(&tc, pop, prof, NULL));
		CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 0, ASSOC_TC_CONCENTRATION), ASSOC_TC_GROUP_TOO_SMALL);
		CU_ASSERT_EQUAL(assoc_tc_flag_of(tc, 0, ASSOC_TC_EQUITY_TO_REVENUE), ASSOC_TC_NOT_COMPUTABLE);
		assoc_tc_free(tc);
		assoc_population_free(pop);
	}
	assoc_profile_free(prof);
}

static void test_tc_json(void)
{
	assoc_profile *prof = test_profile(profile_json);
	assoc_population *pop = tc_population();
	assoc_tc *tc = NULL;
	char *json = NULL;
	cJSON *root;
	const cJSON *m, *ind;
	ASSERT_OK(assoc_tc_new(&tc, pop, prof, NULL));
	ASSERT_OK(assoc_tc_to_json(&json, tc, 0));
	root = cJSON_Parse(json);
	CU_ASSERT_FATAL(root != NULL);
	CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(root, "indicators")), 4);
	m = member_json(root, "t0");
	CU_ASSERT_FATAL(m != NULL);
	CU_ASSERT_EQUAL(cJSON_GetObjectItem(m, "flagged")->valueint, 2);
	CU_ASSERT_EQUAL(cJSON_GetObjectItem(m, "decided")->valueint, 3);
	ind = cJSON_GetObjectItem(cJSON_GetObjectItem(m, "indicators"), "finance.admin_to_revenue");
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(ind, "flag")->valuestring, "not_computable");
	CU_ASSERT(cJSON_IsNull(cJSON_GetObjectItem(ind, "value")));
	ind = cJSON_GetObjectItem(cJSON_GetObjectItem(m, "indicators"), "finance.equity_to_revenue");
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(ind, "flag")->valuestring, "flagged");
	ASSERT_NEAR(cJSON_GetObjectItem(ind, "value")->valuedouble, 0.1, 1e-15);
	ASSERT_NEAR(cJSON_GetObjectItem(ind, "threshold")->valuedouble, 0.28, 1e-12);
	ASSERT_NEAR(cJSON_GetObjectItem(ind, "percentile")->valuedouble, 5, 1e-12);
	cJSON_Delete(root);
	assoc_free(json);
	assoc_tc_free(tc);
	assoc_population_free(pop);
	assoc_profile_free(prof);
}

/* ---- populations from organisations and their reports ------------------- */

/*
 * examples/data/collection.json: "W751234567" (Paris: FR/11/75/75056), 2023,
 * revenue 3000 dues + 12000 commune subsidy + 5000 donations = 20000 EUR,
 * expenses 19000 (admin 4000); "W2A1000001" (Ajaccio: FR/94/2A/2A004),
 * 2023, revenue 20000 + 10000 = 30000 EUR, expenses 28000.
 */
static void test_population_from_orgs(void)
{
	assoc_collection *coll = NULL;
	assoc_population *pop = NULL;
	assoc_benchmark_options opts = ASSOC_BENCHMARK_OPTIONS_INIT;
	assoc_benchmark *b = NULL;
	assoc_report *rep = NULL;
	const assoc_result *r;
	size_t i, idx;
	double v, want;
	ASSERT_OK(assoc_collection_load_file(&coll, assoc_test_src("examples/data/collection.json"), NULL));
	CU_ASSERT_FATAL(coll != NULL && assoc_collection_count(coll) == 2);
	ASSERT_OK(assoc_population_new(&pop));
	/* Paris without a report (computed with the default profile)... */
	ASSERT_OK(assoc_population_add(pop, assoc_collection_get(coll, 0), 2023, NULL));
	/* ...Ajaccio with a report of its own. */
	ASSERT_OK(assoc_report_new(&rep, assoc_collection_get(coll, 1), NULL, NULL));
	ASSERT_OK(assoc_population_add(pop, assoc_collection_get(coll, 1), 2023, rep));
	CU_ASSERT_EQUAL(assoc_population_count(pop), 2);
	ASSERT_OK(assoc_population_find(&idx, pop, "W2A1000001", 2023));
	CU_ASSERT_EQUAL(idx, 1);

	/* Paris: operating margin (20000 - 19000) / 20000 = 0.05; admin to
	 * revenue 4000 / 20000 = 0.2; streams HHI of 3000, 12000, 5000 out of
	 * 20000: 0.15^2 + 0.6^2 + 0.25^2 = 0.445. */
	ASSERT_OK(assoc_population_value(&v, pop, 0, "finance.operating_margin"));
	ASSERT_NEAR(v, 0.05, 1e-12);
	ASSERT_OK(assoc_population_value(&v, pop, 0, "finance.admin_to_revenue"));
	ASSERT_NEAR(v, 0.2, 1e-12);
	ASSERT_OK(assoc_population_value(&v, pop, 0, "revenue.streams.hhi"));
	ASSERT_NEAR(v, 0.445, 1e-12);
	/* No balance sheet: equity to revenue is missing, not 0. */
	ASSERT_CODE(assoc_population_value(&v, pop, 0, "finance.equity_to_revenue"), ASSOC_EABSENT);
	/* Every value stored for Ajaccio is its report's. */
	for (i = 0; i < assoc_report_count(rep); i++) {
		r = assoc_report_get(rep, i);
		if (assoc_result_subject(r) || assoc_result_year(r) != 2023)
			continue;
		if (assoc_result_value(&want, r) == 0) {
			ASSERT_OK(assoc_population_value(&v, pop, 1, assoc_result_measure(r)));
			ASSERT_NEAR(v, want, 0);
		} else {
			ASSERT_CODE(assoc_population_value(&v, pop, 1, assoc_result_measure(r)), ASSOC_EABSENT);
		}
	}

	/* Group keys from the model: départements carry their country; both
	 * revenues (20000, 30000) are in the default band [10000, 50000). */
	opts.grouping = ASSOC_GROUP_DEPARTEMENT;
	ASSERT_OK(assoc_benchmark_new(&b, pop, "finance.operating_margin", NULL, &opts));
	CU_ASSERT_EQUAL(assoc_benchmark_group_count(b), 2);
	CU_ASSERT_STRING_EQUAL(assoc_benchmark_group_key(b, 0), "departement=FR:2A");
	CU_ASSERT_STRING_EQUAL(assoc_benchmark_group_key(b, 1), "departement=FR:75");
	assoc_benchmark_free(b);
	opts.grouping = ASSOC_GROUP_SIZE | ASSOC_GROUP_YEAR;
	ASSERT_OK(assoc_benchmark_new(&b, pop, "finance.operating_margin", NULL, &opts));
	CU_ASSERT_EQUAL(assoc_benchmark_group_count(b), 1);
	CU_ASSERT_STRING_EQUAL(assoc_benchmark_group_key(b, 0), "year=2023|size=EUR:[10000,50000)");
	/* Two members are below the default benchmark.min_group_size. */
	CU_ASSERT_EQUAL(assoc_benchmark_member_status(b, 0), ASSOC_BENCH_GROUP_TOO_SMALL);
	assoc_benchmark_free(b);
	/* No sector in these files: grouping by sector leaves both out. */
	opts.grouping = ASSOC_GROUP_SECTOR;
	ASSERT_OK(assoc_benchmark_new(&b, pop, "finance.operating_margin", NULL, &opts));
	CU_ASSERT_EQUAL(assoc_benchmark_group_count(b), 0);
	CU_ASSERT_EQUAL(assoc_benchmark_member_status(b, 1), ASSOC_BENCH_NO_GROUP);
	assoc_benchmark_free(b);

	/* Refusals: the same organisation-year again; a year it does not have. */
	ASSERT_CODE(assoc_population_add(pop, assoc_collection_get(coll, 1), 2023, rep), ASSOC_EDUPLICATE);
	ASSERT_CODE(assoc_population_add(pop, assoc_collection_get(coll, 1), 2019, NULL), ASSOC_ENOTFOUND);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/years");
	ASSERT_CODE(assoc_population_add(pop, NULL, 2023, NULL), ASSOC_EINVAL);
	CU_ASSERT_EQUAL(assoc_population_count(pop), 2);
	assoc_report_free(rep);
	assoc_population_free(pop);
	assoc_collection_free(coll);
}

/* ---- real returns ------------------------------------------------------------- */

/* Split one CSV record (RFC 4180: quotes, doubled quotes) in place; returns
 * the number of fields and leaves *p at the next record. */
static size_t csv_record(char **p, char **fields, size_t max)
{
	char *r = *p, *w = *p;
	size_t n = 0;
	if (!*r)
		return 0;
	for (;;) {
		int quoted = *r == '"';
		char *start = w;
		if (quoted)
			r++;
		while (*r) {
			if (quoted && r[0] == '"' && r[1] == '"') {
				*w++ = '"';
				r += 2;
			} else if (quoted && r[0] == '"') {
				quoted = 0;
				r++;
			} else if (!quoted && (*r == ',' || *r == '\n' || *r == '\r')) {
				break;
			} else {
				*w++ = *r++;
			}
		}
		if (n < max)
			fields[n++] = start;
		if (*r == ',') {
			*w++ = '\0';
			r++;
			continue;
		}
		/* Step over the line end before terminating the field: w may sit on it. */
		while (*r == '\r' || *r == '\n')
			r++;
		*w = '\0';
		*p = r;
		return n;
	}
}

static int column(char **header, size_t n, const char *name)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(header[i], name) == 0)
			return (int)i;
	return -1;
}

/*
 * The operating margin (revenue - expenses) / revenue of the 1,000 e-filed
 * returns of ../shared/data/us-irs990/part010810_2009.csv (Part I totals
 * F9_01_REV_TOT_CY, F9_01_EXP_TOT_CY; not computable when revenue is missing
 * or <= 0, formulas.md §1.3). Ten returns repeat an (EIN, tax year) already
 * seen and are refused; 15 have no computable margin; 975 values remain.
 * Expected figures: numpy 1.24 on the same rows, np.quantile (type 7) and
 * np.clip + std(ddof=1) for the winsorised moments. The minimum, -58.1, shows
 * why the z-score is computed on winsorised values.
 */
static void test_real_irs990_margins(void)
{
	const char *path = assoc_test_shared("data/us-irs990/part010810_2009.csv");
	char *buf, *p, *f[400], *hdr[400];
	size_t nh, nf, i;
	int cein, cyear, crev, cexp, dup = 0;
	assoc_population *pop = NULL;
	assoc_benchmark *b = NULL;
	const char *names[1] = { "finance.operating_margin" };
	double v;
	if (!path)
		return;
	buf = assoc_test_read_file(path, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	p = buf;
	nh = csv_record(&p, hdr, 400);
	cein = column(hdr, nh, "ORG_EIN");
	cyear = column(hdr, nh, "TAX_YEAR");
	crev = column(hdr, nh, "F9_01_REV_TOT_CY");
	cexp = column(hdr, nh, "F9_01_EXP_TOT_CY");
	CU_ASSERT_FATAL(cein >= 0 && cyear >= 0 && crev >= 0 && cexp >= 0);
	ASSERT_OK(assoc_population_new(&pop));
	while ((nf = csv_record(&p, f, 400)) > 0) {
		double rev, exp, margin = NAN;
		int rc;
		CU_ASSERT_EQUAL_FATAL(nf, nh);
		if (*f[crev] && *f[cexp]) {
			rev = strtod(f[crev], NULL);
			exp = strtod(f[cexp], NULL);
			if (rev > 0)
				margin = (rev - exp) / rev;
		}
		rc = assoc_population_add_values(pop, f[cein], atoi(f[cyear]), NULL, names, &margin, 1);
		if (rc == ASSOC_EDUPLICATE)
			dup++;
		else
			ASSERT_OK(rc);
	}
	CU_ASSERT_EQUAL(dup, 10);
	CU_ASSERT_EQUAL(assoc_population_count(pop), 990);
	/* The default profile: winsorised at 1 % / 99 %. */
	ASSERT_OK(assoc_benchmark_new(&b, pop, names[0], NULL, NULL));
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, 0, ASSOC_BENCH_N));
	ASSERT_NEAR(v, 975, 0);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, 0, ASSOC_BENCH_MEMBERS));
	ASSERT_NEAR(v, 990, 0);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, 0, ASSOC_BENCH_MIN));
	ASSERT_NEAR(v, -58.11043566362715, 1e-12);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, 0, ASSOC_BENCH_Q1));
	ASSERT_NEAR(v, -0.05291610755403334, 1e-12);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, 0, ASSOC_BENCH_MEDIAN));
	ASSERT_NEAR(v, 0.012702569702464993, 1e-12);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, 0, ASSOC_BENCH_Q3));
	ASSERT_NEAR(v, 0.0911634161630751, 1e-12);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, 0, ASSOC_BENCH_WINSOR_LOW));
	ASSERT_NEAR(v, -2.6910173617918125, 1e-12);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, 0, ASSOC_BENCH_WINSOR_HIGH));
	ASSERT_NEAR(v, 0.8930769047393641, 1e-12);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, 0, ASSOC_BENCH_MEAN));
	ASSERT_NEAR(v, -0.032647457180900855, 1e-12);
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, 0, ASSOC_BENCH_SD));
	ASSERT_NEAR(v, 0.4281690827249107, 1e-12);
	/* Every member is ranked or not computable, and the ranked ones'
	 * percentiles average 50 (mid-ranks always do). */
	{
		double sum = 0;
		size_t ranked = 0;
		for (i = 0; i < assoc_benchmark_count(b); i++) {
			int st = assoc_benchmark_member_status(b, i);
			CU_ASSERT(st == ASSOC_BENCH_RANKED || st == ASSOC_BENCH_NOT_COMPUTABLE);
			if (st == ASSOC_BENCH_RANKED) {
				ASSERT_OK(assoc_benchmark_member_stat(&v, b, i, ASSOC_BENCH_PERCENTILE));
				sum += v;
				ranked++;
			}
		}
		CU_ASSERT_EQUAL(ranked, 975);
		ASSERT_NEAR(sum / (double)ranked, 50, 1e-9);
	}
	assoc_benchmark_free(b);
	assoc_population_free(pop);
	free(buf);
}

/* ---- threads ---------------------------------------------------------------- */

typedef struct job {
	const assoc_population *pop;
	const assoc_profile *prof;
	int rc;
	double z;
} job;

static void *bench_worker(void *arg)
{
	job *j = arg;
	int i;
	for (i = 0; i < 50 && j->rc == 0; i++) {
		assoc_benchmark *b = NULL;
		assoc_benchmark_options opts = ASSOC_BENCHMARK_OPTIONS_INIT;
		opts.grouping = ASSOC_GROUP_REGION;
		j->rc = assoc_benchmark_new(&b, j->pop, "x", j->prof, &opts);
		if (j->rc == 0)
			j->rc = assoc_benchmark_member_stat(&j->z, b, 9, ASSOC_BENCH_Z);
		assoc_benchmark_free(b);
	}
	return NULL;
}

static void test_threads_share_population(void)
{
	assoc_profile *prof = test_profile(profile_json);
	assoc_population *pop = hand_population();
	pthread_t th[4];
	job jobs[4];
	int i;
	for (i = 0; i < 4; i++) {
		jobs[i].pop = pop;
		jobs[i].prof = prof;
		jobs[i].rc = 0;
		jobs[i].z = 0;
		CU_ASSERT_EQUAL_FATAL(pthread_create(&th[i], NULL, bench_worker, &jobs[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		CU_ASSERT_EQUAL(jobs[i].rc, 0);
		/* The z-score of test_benchmark_region, in every thread. */
		ASSERT_NEAR(jobs[i].z, 1.31046346, 1e-8);
	}
	assoc_population_free(pop);
	assoc_profile_free(prof);
}

/* ---- a large population: many names, many members ------------------------- */

static void test_many_members(void)
{
	assoc_profile *prof = test_profile(profile_json);
	assoc_population *pop = NULL;
	assoc_benchmark *b = NULL;
	const char *names[3] = { "m.a", "m.b", "m.c" };
	size_t idx;
	double v;
	int i;
	ASSERT_OK(assoc_population_new(&pop));
	/* 1000 members with m.b = i: the hash table grows several times, and
	 * member 999 sits at percentile 100 * 999.5 / 1000 = 99.95. */
	for (i = 0; i < 1000; i++) {
		double vals[3] = { -i, i, 2.0 * i };
		char id[16];
		snprintf(id, sizeof id, "org-%d", i);
		ASSERT_OK(assoc_population_add_values(pop, id, 2020 + i % 3, NULL, names, vals, 3));
	}
	ASSERT_OK(assoc_population_find(&idx, pop, "org-734", 2020 + 734 % 3));
	CU_ASSERT_EQUAL(idx, 734);
	ASSERT_OK(assoc_benchmark_new(&b, pop, "m.b", prof, NULL));
	ASSERT_OK(assoc_benchmark_member_stat(&v, b, 999, ASSOC_BENCH_PERCENTILE));
	ASSERT_NEAR(v, 99.95, 1e-9);
	/* Median of 0..999: h = 999 * 0.5 = 499.5 -> 499.5. */
	ASSERT_OK(assoc_benchmark_group_stat(&v, b, 0, ASSOC_BENCH_MEDIAN));
	ASSERT_NEAR(v, 499.5, 1e-9);
	assoc_benchmark_free(b);
	assoc_population_free(pop);
	assoc_profile_free(prof);
}

static CU_TestInfo tests[] = {
	{ "quantile type 7 (R's default)", test_quantile_type7 },
	{ "quantile: R's quartile example, edge cases", test_quantile_edges },
	{ "sort", test_sort },
	{ "mid-rank percentile", test_percentile_midrank },
	{ "winsorised z-score", test_winsor_z },
	{ "winsorisation: equal values, n = 1, n = 0", test_winsor_degenerate },
	{ "size bands", test_band },
	{ "population: find, values, missing", test_population },
	{ "population: refused adds leave it unchanged", test_population_errors },
	{ "benchmark by region: stats, statuses", test_benchmark_region },
	{ "benchmark of the whole population, ties", test_benchmark_all_and_ties },
	{ "benchmark by size band, year x sector", test_benchmark_size_and_combined },
	{ "benchmark outlives its population", test_benchmark_outlives_population },
	{ "benchmark of a measure nobody has", test_benchmark_unknown_measure },
	{ "benchmark errors name the constant", test_benchmark_errors },
	{ "size-band edges must ascend", test_benchmark_edges_not_ascending },
	{ "benchmark JSON", test_benchmark_json },
	{ "Tuckman-Chang flags and counts", test_tc_flags },
	{ "Tuckman-Chang: no group, group too small", test_tc_groups },
	{ "Tuckman-Chang JSON", test_tc_json },
	{ "population from organisations and reports", test_population_from_orgs },
	{ "real returns: IRS 990 operating margins", test_real_irs990_margins },
	{ "threads share a population", test_threads_share_population },
	{ "a thousand members", test_many_members },
	CU_TEST_INFO_NULL,
};

int main(void)
{
	return assoc_test_run("peers", tests);
}
