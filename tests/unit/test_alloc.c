/*
 * The pluggable allocator and out-of-memory fault injection.
 *
 * A counting allocator is installed once, at the start of main() (the only
 * moment assoc_allocator_set() may be called). Each scenario below (load
 * and score the seed example, load a profile, read JSON Lines...) is run
 * with allocation number 1, 2, ... N failing, until a run makes fewer than
 * N allocations and therefore completes. After each failed run we check:
 *   - the scenario returned ASSOC_ENOMEM and assoc_error_last() says so
 *     (no other code, no silent success after a lost allocation);
 *   - every block the library obtained was given back (the allocator
 *     counts live blocks: a leak on an error path shows as live > 0).
 * Scenarios: load and score the seed example (examples/data/silver-connect.json)
 * and write everything; load, write and use a profile file; read JSON Lines;
 * compare the examples as peers (population, benchmark, TC flags).
 * Under the sanitizer build (-DASSOC_SANITIZE=ON) AddressSanitizer also
 * catches use-after-free on those error paths and LeakSanitizer catches
 * leaks of memory that does not come from our allocator (cJSON trees).
 *
 * What this cannot reach: cJSON's and utf8proc's own malloc() calls
 * (include/assoc/alloc.h explains why); those never fail here.
 *
 * Two modes: "once" fails exactly allocation N (SQLite's default), and
 * "sticky" fails allocation N and every one after it, so the cleanup paths
 * must themselves cope with allocation failing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "util.h"

typedef struct fault {
	long count;    /* allocations (malloc, or realloc that may move) so far */
	long fail_at;  /* 1-based allocation to fail; 0: never */
	int sticky;    /* fail every allocation from fail_at on */
	long injected; /* how many requests were refused */
	long live;     /* blocks handed out and not yet freed */
} fault;

static fault F;

static int should_fail(void)
{
	F.count++;
	if (F.fail_at && (F.count == F.fail_at || (F.sticky && F.count > F.fail_at))) {
		F.injected++;
		return 1;
	}
	return 0;
}

static void *f_malloc(size_t size, void *payload)
{
	void *p;
	(void)payload;
	if (should_fail())
		return NULL;
	p = malloc(size);
	if (p)
		F.live++;
	return p;
}

static void *f_realloc(void *ptr, size_t size, void *payload)
{
	void *p;
	if (!ptr)
		return f_malloc(size, payload);
	if (should_fail())
		return NULL; /* the old block stays valid, as with realloc() */
	p = realloc(ptr, size);
	return p;
}

static void f_free(void *ptr, void *payload)
{
	(void)payload;
	if (ptr)
		F.live--;
	free(ptr);
}

static void arm(long fail_at, int sticky)
{
	F.count = 0;
	F.fail_at = fail_at;
	F.sticky = sticky;
	F.injected = 0;
}

/* ---- scenarios: each releases everything it made before returning -------- */

static char *seed_json;
static size_t seed_len;
static char *profile_json;
static size_t profile_len;
static char *jsonl_text;
static size_t jsonl_len;

/* The full path of a program using libassoc: load, score, write everything. */
static int load_and_score(void)
{
	assoc_org *org = NULL;
	assoc_report *rep = NULL;
	char *json = NULL, *text = NULL, *back = NULL;
	int rc = assoc_org_from_json(&org, seed_json, seed_len, NULL);
	if (rc == 0)
		rc = assoc_report_new(&rep, org, NULL, NULL);
	if (rc == 0)
		rc = assoc_report_to_json(&json, rep, ASSOC_WRITE_PRETTY);
	if (rc == 0)
		rc = assoc_report_to_text(&text, rep);
	if (rc == 0)
		rc = assoc_org_to_json(&back, org, ASSOC_WRITE_DEFAULT);
	assoc_free(back);
	assoc_free(text);
	assoc_free(json);
	assoc_report_free(rep);
	assoc_org_free(org);
	return rc;
}

/* A profile file loaded by the caller, written back, used for scoring. */
static int profile_load(void)
{
	assoc_profile *p = NULL;
	assoc_org *org = NULL;
	assoc_report *rep = NULL;
	char *json = NULL;
	int rc = assoc_profile_from_json(&p, profile_json, profile_len);
	if (rc == 0)
		rc = assoc_profile_to_json(&json, p, ASSOC_WRITE_DEFAULT);
	if (rc == 0)
		rc = assoc_org_from_json(&org, seed_json, seed_len, NULL);
	if (rc == 0)
		rc = assoc_report_new(&rep, org, p, NULL);
	assoc_report_free(rep);
	assoc_org_free(org);
	assoc_free(json);
	assoc_profile_free(p);
	return rc;
}

/* Every record of the JSON Lines example, cloned, matched and collected. */
static int jsonl_read(void)
{
	assoc_jsonl_reader *r = NULL;
	assoc_collection *coll = NULL;
	assoc_org *org = NULL, *copy = NULL;
	char *key = NULL;
	int rc = assoc_jsonl_reader_new_memory(&r, jsonl_text, jsonl_len, NULL);
	if (rc == 0)
		rc = assoc_collection_new(&coll);
	while (rc == 0 && (rc = assoc_jsonl_next(&org, r)) == 0) {
		rc = assoc_org_clone(&copy, org);
		assoc_org_free(org);
		org = NULL;
		if (rc == 0 && (rc = assoc_collection_add(coll, copy)) < 0)
			assoc_org_free(copy);
		copy = NULL;
	}
	if (rc == ASSOC_ITEROVER)
		rc = assoc_text_match_key(&key, "  Mécénat   de  COMPÉTENCES ");
	assoc_free(key);
	assoc_collection_free(coll);
	assoc_jsonl_reader_free(r);
	return rc;
}

/* Peer comparison: a population of the three examples' years, a
 * benchmark and the Tchernonog-Cottin flags, written as JSON. */
static char *peer_json[3];
static size_t peer_len[3];

static int peers(void)
{
	assoc_population *pop = NULL;
	assoc_benchmark *bench = NULL;
	assoc_tc *tc = NULL;
	assoc_org *org = NULL;
	char *json = NULL;
	size_t i;
	int rc = assoc_population_new(&pop);
	for (i = 0; rc == 0 && i < 3; i++) {
		size_t n = 0, y;
		rc = assoc_org_from_json(&org, peer_json[i], peer_len[i], NULL);
		if (rc == 0)
			rc = assoc_org_count(&n, org, "/years");
		for (y = 0; rc == 0 && y < n; y++) {
			char path[48];
			double year;
			snprintf(path, sizeof path, "/years/%zu/year", y);
			rc = assoc_org_get_number(&year, org, path);
			if (rc == 0)
				rc = assoc_population_add(pop, org, (int)year, NULL);
		}
		assoc_org_free(org);
		org = NULL;
	}
	if (rc == 0)
		rc = assoc_benchmark_new(&bench, pop, "finance.months_of_cash", NULL, NULL);
	if (rc == 0)
		rc = assoc_benchmark_to_json(&json, bench, ASSOC_WRITE_DEFAULT);
	assoc_free(json);
	json = NULL;
	if (rc == 0)
		rc = assoc_tc_new(&tc, pop, NULL, NULL);
	if (rc == 0)
		rc = assoc_tc_to_json(&json, tc, ASSOC_WRITE_DEFAULT);
	assoc_free(json);
	assoc_tc_free(tc);
	assoc_benchmark_free(bench);
	assoc_population_free(pop);
	return rc;
}

typedef int (*scenario)(void);

/* Every allocation is failed in turn; ASSOC_FAULT_STRIDE=k fails only
 * allocations 1, 1+k, 1+2k... (tests/ci/valgrind.sh uses it: under
 * valgrind each run is about 50 times slower). */
static long stride(void)
{
	const char *s = getenv("ASSOC_FAULT_STRIDE");
	long k = s ? strtol(s, NULL, 10) : 1;
	return k > 0 ? k : 1;
}

/* Run `fn` with allocation 1, 2, ... failing until it succeeds; return N. */
static long exhaust(const char *name, scenario fn, int sticky)
{
	long n, base = F.live, reference, step = stride();
	int rc;
	arm(0, 0);
	rc = fn();
	reference = F.count;
	ASSERT_OK(rc);
	CU_ASSERT_EQUAL(F.live, base);
	CU_ASSERT_FATAL(reference > 0);
	for (n = 1;; n += step) {
		arm(n, sticky);
		assoc_error_clear();
		rc = fn();
		if (F.injected == 0) {
			/* Fewer than n allocations: the run went through. The number of
			 * allocations is deterministic, so it must be the reference run's. */
			ASSERT_OK(rc);
			CU_ASSERT(n > reference && n <= reference + step);
			break;
		}
		if (rc != ASSOC_ENOMEM || assoc_error_last()->code != ASSOC_ENOMEM || F.live != base)
			fprintf(stderr,
				"\n  %s (%s): allocation %ld failed -> rc %d (%s), last error %s '%s' at '%s', "
				"%ld block(s) leaked\n",
				name, sticky ? "sticky" : "once", n, rc, assoc_error_code_name(rc),
				assoc_error_code_name(assoc_error_last()->code), assoc_error_last()->message,
				assoc_error_last()->path, F.live - base);
		CU_ASSERT_EQUAL(rc, ASSOC_ENOMEM);
		CU_ASSERT_EQUAL(assoc_error_last()->code, ASSOC_ENOMEM);
		CU_ASSERT_EQUAL(F.live, base);
		F.live = base; /* report each leaking allocation once, not every later one */
		if (n > 1000000) {
			CU_FAIL("more than a million allocations");
			break;
		}
	}
	arm(0, 0);
	printf("\n  %s (%s): %ld allocations, every %s failed in turn\n", name, sticky ? "sticky" : "once", reference,
	       step == 1 ? "one" : "k-th");
	return reference;
}

static void test_load_and_score_once(void) { exhaust("load+score silver-connect", load_and_score, 0); }
static void test_load_and_score_sticky(void) { exhaust("load+score silver-connect", load_and_score, 1); }
static void test_profile_once(void) { exhaust("profile-default.json", profile_load, 0); }
static void test_profile_sticky(void) { exhaust("profile-default.json", profile_load, 1); }
static void test_jsonl_once(void) { exhaust("organisations.jsonl", jsonl_read, 0); }
static void test_jsonl_sticky(void) { exhaust("organisations.jsonl", jsonl_read, 1); }
static void test_peers_once(void) { exhaust("peers of the examples", peers, 0); }
static void test_peers_sticky(void) { exhaust("peers of the examples", peers, 1); }

/* The built-in default profile is created on first use and kept for the
 * process. When its creation runs out of memory, assoc_profile_default()
 * returns NULL without leaking, and the next call tries again (profile.c).
 * Runs first: the profile's blocks are then part of every later baseline. */
static void test_default_profile_retry(void)
{
	long base = F.live;
	arm(1, 0);
	CU_ASSERT_PTR_NULL(assoc_profile_default());
	CU_ASSERT_EQUAL(F.injected, 1);
	CU_ASSERT_EQUAL(F.live, base);
	arm(0, 0);
	CU_ASSERT_PTR_NOT_NULL(assoc_profile_default());
	CU_ASSERT(F.live > base);
}

/* ---- the allocator API ---------------------------------------------------- */

static void test_allocator_api(void)
{
	assoc_allocator a = ASSOC_ALLOCATOR_INIT, b;
	long before;
	/* Missing callbacks are refused, the allocator in place is kept. */
	ASSERT_CODE(assoc_allocator_set(&a), ASSOC_EINVAL);
	a.malloc = f_malloc;
	a.realloc = f_realloc;
	a.free = f_free;
	a.version = 0;
	ASSERT_CODE(assoc_allocator_set(&a), ASSOC_EVERSION);
	a.version = ASSOC_ALLOCATOR_VERSION + 1;
	ASSERT_CODE(assoc_allocator_set(&a), ASSOC_EVERSION);
	ASSERT_CODE(assoc_allocator_init(&b, 0), ASSOC_EVERSION);
	ASSERT_CODE(assoc_allocator_init(NULL, 1), ASSOC_EINVAL);
	ASSERT_OK(assoc_allocator_init(&b, ASSOC_ALLOCATOR_VERSION));
	CU_ASSERT_EQUAL(b.version, ASSOC_ALLOCATOR_VERSION);
	CU_ASSERT_PTR_NULL(b.malloc);
	/* Still the counting allocator: one allocation is seen and released. */
	before = F.live;
	arm(0, 0);
	{
		char *s = assoc__strdup("x");
		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		CU_ASSERT_EQUAL(F.count, 1);
		CU_ASSERT_EQUAL(F.live, before + 1);
		assoc_free(s);
		CU_ASSERT_EQUAL(F.live, before);
	}
}

/* calloc's multiplication cannot wrap around into a small block, and
 * zero-byte requests still give a distinct, freeable pointer. */
static void test_calloc_overflow(void)
{
	void *p;
	arm(0, 0);
	CU_ASSERT_PTR_NULL(assoc__calloc(SIZE_MAX / 2 + 2, 2));
	CU_ASSERT_EQUAL(F.count, 0); /* refused before asking the allocator */
	p = assoc__calloc(0, 8);
	CU_ASSERT_PTR_NOT_NULL(p);
	assoc__free(p);
	p = assoc__malloc(0);
	CU_ASSERT_PTR_NOT_NULL(p);
	assoc__free(p);
	assoc__free(NULL);
}

int main(void)
{
	assoc_allocator a = { ASSOC_ALLOCATOR_VERSION, f_malloc, f_realloc, f_free, NULL };
	CU_TestInfo tests[] = {
		{ "default_profile_retry", test_default_profile_retry },
		{ "allocator_api", test_allocator_api },
		{ "calloc_overflow", test_calloc_overflow },
		{ "load_and_score_once", test_load_and_score_once },
		{ "load_and_score_sticky", test_load_and_score_sticky },
		{ "profile_once", test_profile_once },
		{ "profile_sticky", test_profile_sticky },
		{ "jsonl_once", test_jsonl_once },
		{ "jsonl_sticky", test_jsonl_sticky },
		{ "peers_once", test_peers_once },
		{ "peers_sticky", test_peers_sticky },
		CU_TEST_INFO_NULL,
	};
	int rc;
	/* Before any other libassoc call, as alloc.h requires. */
	if (assoc_allocator_set(&a) != 0)
		return 1;
	seed_json = assoc_test_read_file(assoc_test_src("examples/data/silver-connect.json"), &seed_len);
	profile_json = assoc_test_read_file(assoc_test_src("docs/profile-default.json"), &profile_len);
	jsonl_text = assoc_test_read_file(assoc_test_src("examples/data/organisations.jsonl"), &jsonl_len);
	peer_json[0] = assoc_test_read_file(assoc_test_src("examples/data/silver-connect.json"), &peer_len[0]);
	peer_json[1] = assoc_test_read_file(assoc_test_src("examples/data/uk-charity.json"), &peer_len[1]);
	peer_json[2] = assoc_test_read_file(assoc_test_src("examples/data/us-food-bank.json"), &peer_len[2]);
	if (!seed_json || !profile_json || !jsonl_text || !peer_json[0] || !peer_json[1] || !peer_json[2]) {
		fprintf(stderr, "cannot read the example files\n");
		return 1;
	}
	rc = assoc_test_run("alloc", tests);
	free(seed_json);
	free(profile_json);
	free(jsonl_text);
	free(peer_json[0]);
	free(peer_json[1]);
	free(peer_json[2]);
	return rc;
}
