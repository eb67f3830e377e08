/*
 * The thread-local last error: codes, names, and two threads that fail
 * differently each see their own error.
 */
#include <pthread.h>
#include <string.h>
#include "harness.h"
#include "error.h"

static void test_clear_and_names(void)
{
	const assoc_error *e;
	assoc_error_clear();
	e = assoc_error_last();
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->code, ASSOC_OK);
	CU_ASSERT_STRING_EQUAL(e->message, "");
	CU_ASSERT_STRING_EQUAL(e->path, "");
	CU_ASSERT_STRING_EQUAL(assoc_error_code_name(ASSOC_EPARSE), "EPARSE");
	CU_ASSERT_STRING_EQUAL(assoc_error_code_name(ASSOC_ITEROVER), "ITEROVER");
	CU_ASSERT_STRING_EQUAL(assoc_error_code_name(-999), "EUNKNOWN");
	CU_ASSERT_STRING_EQUAL(assoc_error_code_name(ASSOC_OK), "OK");
}

static void test_set_and_prefix(void)
{
	CU_ASSERT_EQUAL(assoc__error_set(ASSOC_EVALUE, "/amount", "bad %d", 42), ASSOC_EVALUE);
	assoc__error_prefix_path("/years/2/revenue/4");
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/years/2/revenue/4/amount");
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->message, "bad 42");
	CU_ASSERT_EQUAL(assoc__error_set_pos(ASSOC_EPARSE, 3, 7, "x"), ASSOC_EPARSE);
	CU_ASSERT_EQUAL(assoc_error_last()->line, 3);
	CU_ASSERT_EQUAL(assoc_error_last()->column, 7);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "");
}

typedef struct job {
	int code;
	const char *path;
	int seen_code;
	char seen_path[64];
	pthread_barrier_t *barrier;
} job;

static void *worker(void *arg)
{
	job *j = arg;
	int i;
	for (i = 0; i < 1000; i++) {
		assoc__error_set(j->code, j->path, "error in %s", j->path);
		/* Both threads have set their error before either reads it back. */
		if (i == 0)
			pthread_barrier_wait(j->barrier);
		if (assoc_error_last()->code != j->code || strcmp(assoc_error_last()->path, j->path) != 0)
			break;
	}
	j->seen_code = assoc_error_last()->code;
	snprintf(j->seen_path, sizeof j->seen_path, "%s", assoc_error_last()->path);
	return NULL;
}

static void test_two_threads(void)
{
	pthread_barrier_t barrier;
	pthread_t t1, t2;
	job a = { ASSOC_EPARSE, "/years/0", 0, "", &barrier };
	job b = { ASSOC_EREF, "/alliances/1/contributions/0/party", 0, "", &barrier };
	pthread_barrier_init(&barrier, NULL, 2);
	pthread_create(&t1, NULL, worker, &a);
	pthread_create(&t2, NULL, worker, &b);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	pthread_barrier_destroy(&barrier);
	CU_ASSERT_EQUAL(a.seen_code, ASSOC_EPARSE);
	CU_ASSERT_STRING_EQUAL(a.seen_path, "/years/0");
	CU_ASSERT_EQUAL(b.seen_code, ASSOC_EREF);
	CU_ASSERT_STRING_EQUAL(b.seen_path, "/alliances/1/contributions/0/party");
}

static void test_version(void)
{
	CU_ASSERT_EQUAL(assoc_version_number(), ASSOC_VERSION_NUMBER);
	CU_ASSERT_EQUAL(ASSOC_VERSION_NUMBER, 100);
	CU_ASSERT_STRING_EQUAL(assoc_version_string(), "0.1.0");
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "clear and names", test_clear_and_names },
		{ "set and prefix path", test_set_and_prefix },
		{ "two threads, two errors", test_two_threads },
		{ "version", test_version },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("errors", tests);
}
