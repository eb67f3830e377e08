/*
 * CUnit harness: runs one suite, exit code = number of failures (capped).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <CUnit/Basic.h>
#include "harness.h"

int assoc_test_run(const char *name, CU_TestInfo *tests)
{
	CU_SuiteInfo suites[] = {
		{ .pName = name, .pInitFunc = NULL, .pCleanupFunc = NULL, .pSetUpFunc = NULL,
		  .pTearDownFunc = NULL, .pTests = tests },
		CU_SUITE_INFO_NULL,
	};
	unsigned failures;
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if (CU_register_suites(suites) != CUE_SUCCESS) {
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures();
	CU_cleanup_registry();
	return failures > 100 ? 100 : (int)failures;
}

char *assoc_test_read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;
	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0) {
		fclose(fp);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	if (buf) {
		buf[n] = '\0';
		if (len)
			*len = (size_t)n;
	}
	return buf;
}

const char *assoc_test_src(const char *relative)
{
	static _Thread_local char path[4096];
	snprintf(path, sizeof path, "%s/%s", ASSOC_SOURCE_DIR, relative);
	return path;
}

const char *assoc_test_shared(const char *relative)
{
	static _Thread_local char path[4096];
	FILE *fp;
	snprintf(path, sizeof path, "%s/%s", ASSOC_SHARED_DIR, relative);
	fp = fopen(path, "rb");
	if (!fp) {
		printf("\n  skipped: %s is absent (the shared/ data folder is not beside the project)\n", path);
		return NULL;
	}
	fclose(fp);
	return path;
}
