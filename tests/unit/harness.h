/*
 * CUnit harness shared by the C test suites: one suite per executable,
 * the exit code from the failure count (CU_basic_run_tests returns 0 even
 * when tests fail).
 */
#ifndef ASSOC_TEST_HARNESS_H
#define ASSOC_TEST_HARNESS_H

#include <CUnit/CUnit.h>
#include <math.h>
#include <stddef.h>
#include "assoc.h"

/* Run the suite `name` made of `tests` (NULL-terminated CU_TestInfo array). */
int assoc_test_run(const char *name, CU_TestInfo *tests);

/* Read a whole file into a NUL-terminated malloc'ed buffer (NULL if it can't). */
char *assoc_test_read_file(const char *path, size_t *len);

/* Path of a file in the source tree (static buffer per call site is not
 * thread-safe: copy it if you keep it). */
const char *assoc_test_src(const char *relative);

/* Path in ../shared, or NULL (and a message "skipped: ...") when absent. */
const char *assoc_test_shared(const char *relative);

/* Assert that two doubles agree within an absolute tolerance, printing both on failure. */
#define ASSERT_NEAR(actual, expected, tol)                                                     \
	do {                                                                                   \
		double a_ = (actual), e_ = (expected);                                          \
		if (!(fabs(a_ - e_) <= (tol)))                                                  \
			fprintf(stderr, "\n  %s:%d: %s = %.17g, expected %.17g\n", __FILE__, __LINE__, \
				#actual, a_, e_);                                               \
		CU_ASSERT(fabs(a_ - e_) <= (tol));                                              \
	} while (0)

/* Assert a libassoc call returns `code`; on mismatch print the last error. */
#define ASSERT_CODE(call, code)                                                                \
	do {                                                                                   \
		int rc_ = (call);                                                               \
		if (rc_ != (code))                                                              \
			fprintf(stderr, "\n  %s:%d: %s returned %d (%s), expected %d; error: %s at '%s'\n", \
				__FILE__, __LINE__, #call, rc_, assoc_error_code_name(rc_), (code),        \
				assoc_error_last()->message, assoc_error_last()->path);                    \
		CU_ASSERT_EQUAL(rc_, (code));                                                   \
	} while (0)

#define ASSERT_OK(call) ASSERT_CODE(call, 0)

#endif
