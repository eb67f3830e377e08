/*
 * Thread safety: several threads load and score different organisations
 * while sharing one read-only profile (a loaded one, and the built-in
 * default created on first use by whichever thread gets there first).
 *
 * The checks that can fail without a sanitizer: every thread's report,
 * serialised, is byte for byte the report computed beforehand by one thread
 * alone (scoring is deterministic, so any interference between threads
 * shows as a difference); the default profile is the same object in every
 * thread; each thread's last error is its own. The check that needs one:
 * tests/ci/tsan.sh builds this file with ThreadSanitizer, which reports any
 * data race in the library as a failure.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

#define N_THREADS 6
#define ROUNDS 3

static const char *const files[] = {
	"examples/data/silver-connect.json",
	"examples/data/uk-charity.json",
	"examples/data/us-food-bank.json",
};
#define N_FILES (sizeof files / sizeof files[0])

static char *docs[N_FILES];
static size_t doc_len[N_FILES];
static char *expected[N_FILES];       /* report with the loaded profile */
static assoc_profile *shared_profile; /* loaded once, then read-only */

typedef struct job {
	size_t file;
	pthread_barrier_t *start;
	const assoc_profile *default_seen;
	int failures;
	char why[256];
} job;

static int score(char **out, size_t file, const assoc_profile *profile)
{
	assoc_org *org = NULL;
	assoc_report *rep = NULL;
	int rc = assoc_org_from_json(&org, docs[file], doc_len[file], NULL);
	if (rc == 0)
		rc = assoc_report_new(&rep, org, profile, NULL);
	if (rc == 0)
		rc = assoc_report_to_json(out, rep, ASSOC_WRITE_DEFAULT);
	assoc_report_free(rep);
	assoc_org_free(org);
	return rc;
}

static void fail(job *j, const char *why)
{
	if (!j->failures++)
		snprintf(j->why, sizeof j->why, "%s (%s: %s)", why, files[j->file], assoc_error_last()->message);
}

static void *worker(void *arg)
{
	job *j = arg;
	char *json = NULL, *key = NULL, bad[8];
	int round, term = -1;
	pthread_barrier_wait(j->start);
	/* All threads race to create the default profile. */
	j->default_seen = assoc_profile_default();
	for (round = 0; round < ROUNDS; round++) {
		if (score(&json, j->file, shared_profile) != 0)
			fail(j, "scoring failed");
		else if (strcmp(json, expected[j->file]) != 0)
			fail(j, "report differs from the single-threaded one");
		assoc_free(json);
		json = NULL;
		/* The default profile, shared too: only success is checked, the
		 * values may differ from the loaded profile's. */
		if (score(&json, j->file, NULL) != 0)
			fail(j, "scoring with the default profile failed");
		assoc_free(json);
		json = NULL;
		/* Label matching and the thread-local error, interleaved. */
		if (assoc_vocab_match(&term, ASSOC_VOCAB_FAMILY, "MÉCÉNAT") != 0 || term != ASSOC_FAMILY_MECENAT)
			fail(j, "label matching failed");
		if (assoc_text_match_key(&key, "Solidarité  NUMÉRIQUE") != 0 ||
		    strcmp(key, "solidarite numerique") != 0)
			fail(j, "match key differs");
		assoc_free(key);
		key = NULL;
		{
			/* A syntax error on a line that depends on the thread's file:
			 * (file + 1) newlines, then a stray byte. */
			assoc_org *org = NULL;
			size_t n = j->file + 1;
			memset(bad, '\n', n);
			bad[n] = 'x';
			if (assoc_org_from_json(&org, bad, n + 1, NULL) != ASSOC_EPARSE ||
			    assoc_error_last()->line != (int)n + 1)
				fail(j, "the syntax error is not this thread's");
			assoc_org_free(org);
		}
	}
	return NULL;
}

static void test_share_profile(void)
{
	pthread_t tid[N_THREADS];
	job jobs[N_THREADS];
	pthread_barrier_t start;
	size_t i;
	CU_ASSERT_FATAL(pthread_barrier_init(&start, NULL, N_THREADS) == 0);
	for (i = 0; i < N_THREADS; i++) {
		memset(&jobs[i], 0, sizeof jobs[i]);
		jobs[i].file = i % N_FILES;
		jobs[i].start = &start;
		CU_ASSERT_FATAL(pthread_create(&tid[i], NULL, worker, &jobs[i]) == 0);
	}
	for (i = 0; i < N_THREADS; i++)
		pthread_join(tid[i], NULL);
	pthread_barrier_destroy(&start);
	for (i = 0; i < N_THREADS; i++) {
		if (jobs[i].failures)
			fprintf(stderr, "\n  thread %zu: %d failure(s), first: %s\n", i, jobs[i].failures, jobs[i].why);
		CU_ASSERT_EQUAL(jobs[i].failures, 0);
		CU_ASSERT_PTR_NOT_NULL(jobs[i].default_seen);
		/* One default profile for the whole process, whoever created it. */
		CU_ASSERT_PTR_EQUAL(jobs[i].default_seen, assoc_profile_default());
	}
}

/* Each thread reads its own JSON Lines stream; errors carry each reader's own line. */
typedef struct jl_job {
	const char *text;
	size_t len;
	size_t records;
	int last_rc;
	int bad_line;
} jl_job;

static void *jl_worker(void *arg)
{
	jl_job *j = arg;
	assoc_jsonl_reader *r = NULL;
	assoc_org *org = NULL;
	int rc;
	if (assoc_jsonl_reader_new_memory(&r, j->text, j->len, NULL) != 0) {
		j->last_rc = -999;
		return NULL;
	}
	while ((rc = assoc_jsonl_next(&org, r)) != ASSOC_ITEROVER) {
		if (rc == 0) {
			j->records++;
			assoc_org_free(org);
		} else if (!j->bad_line) {
			j->bad_line = assoc_error_last()->line;
		}
		j->last_rc = rc;
	}
	assoc_jsonl_reader_free(r);
	return NULL;
}

static void test_jsonl_readers(void)
{
	size_t len, i;
	char *text = assoc_test_read_file(assoc_test_src("examples/data/organisations.jsonl"), &len);
	char *broken;
	pthread_t tid[4];
	jl_job jobs[4];
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	/* The same stream with a broken record on line 2: "{" + the rest. */
	broken = malloc(len + 16);
	CU_ASSERT_PTR_NOT_NULL_FATAL(broken);
	{
		const char *nl = memchr(text, '\n', len);
		size_t first = nl ? (size_t)(nl - text) + 1 : len;
		memcpy(broken, text, first);
		memcpy(broken + first, "{\"id\":\n", 7);
		memcpy(broken + first + 7, text + first, len - first);
	}
	for (i = 0; i < 4; i++) {
		memset(&jobs[i], 0, sizeof jobs[i]);
		jobs[i].text = i % 2 ? broken : text;
		jobs[i].len = i % 2 ? len + 7 : len;
		CU_ASSERT_FATAL(pthread_create(&tid[i], NULL, jl_worker, &jobs[i]) == 0);
	}
	for (i = 0; i < 4; i++)
		pthread_join(tid[i], NULL);
	for (i = 0; i < 4; i++) {
		/* organisations.jsonl holds 3 records; the broken copy fails on its
		 * inserted line 2 and goes on with the 3 good ones. */
		CU_ASSERT_EQUAL(jobs[i].records, 3);
		CU_ASSERT_EQUAL(jobs[i].bad_line, i % 2 ? 2 : 0);
	}
	free(broken);
	free(text);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "share_profile", test_share_profile },
		{ "jsonl_readers", test_jsonl_readers },
		CU_TEST_INFO_NULL,
	};
	size_t i, plen;
	char *ptext;
	int rc;
	ptext = assoc_test_read_file(assoc_test_src("docs/profile-default.json"), &plen);
	if (!ptext || assoc_profile_from_json(&shared_profile, ptext, plen) != 0) {
		fprintf(stderr, "cannot load docs/profile-default.json: %s\n", assoc_error_last()->message);
		return 1;
	}
	free(ptext);
	/* The reference reports, one thread, before any other starts. */
	for (i = 0; i < N_FILES; i++) {
		docs[i] = assoc_test_read_file(assoc_test_src(files[i]), &doc_len[i]);
		if (!docs[i] || score(&expected[i], i, shared_profile) != 0) {
			fprintf(stderr, "cannot score %s: %s\n", files[i], assoc_error_last()->message);
			return 1;
		}
	}
	rc = assoc_test_run("threads", tests);
	for (i = 0; i < N_FILES; i++) {
		assoc_free(expected[i]);
		free(docs[i]);
	}
	assoc_profile_free(shared_profile);
	return rc;
}
