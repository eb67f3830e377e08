/*
 * JSON Lines: one organisation per line from memory, a FILE or a callback;
 * blank lines skipped; a bad line reports its line number and the reader
 * goes on; lines beyond the size limit are skipped without being kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

#define ORG(id, name) "{\"id\":{\"scheme\":\"rna\",\"value\":\"" id "\"},\"name\":\"" name "\"}"

/* line 1 ok, 2 blank, 3 ok, 4 malformed, 5 unknown label, 6 ok (CRLF), 7 spaces, 8 ok without final newline */
static const char stream[] =
	ORG("W751000001", "Alpha") "\n"
	"\n"
	ORG("W751000002", "Beta") "\n"
	"{\"id\": {\"scheme\": \"rna\",\n"
	"{\"id\":{\"scheme\":\"rna\",\"value\":\"W751000004\"},\"name\":\"D\",\"scope\":\"galactic\"}\n"
	ORG("W751000006", "Gamma") "\r\n"
	"   \t \n"
	ORG("W751000008", "Delta");

/* What reading `stream` must give, call after call. */
typedef struct step {
	int code;
	size_t line;
	const char *name; /* for successes */
	const char *path; /* for errors */
} step;

static const step expected[] = {
	{ 0, 1, "Alpha", NULL },
	{ 0, 3, "Beta", NULL },
	{ ASSOC_EPARSE, 4, NULL, "" },
	{ ASSOC_ELABEL, 5, NULL, "/scope" },
	{ 0, 6, "Gamma", NULL },
	{ 0, 8, "Delta", NULL },
	{ ASSOC_ITEROVER, 8, NULL, NULL },
	{ ASSOC_ITEROVER, 8, NULL, NULL }, /* and it stays over */
};

static void check_steps(assoc_jsonl_reader *r)
{
	size_t i;
	for (i = 0; i < sizeof expected / sizeof expected[0]; i++) {
		const step *s = &expected[i];
		assoc_org *org = NULL;
		const char *name;
		int rc = assoc_jsonl_next(&org, r);
		if (rc != s->code)
			fprintf(stderr, "\n  step %zu: %s, %s\n", i, assoc_error_code_name(rc), assoc_error_last()->message);
		CU_ASSERT_EQUAL(rc, s->code);
		CU_ASSERT_EQUAL(assoc_jsonl_line(r), s->line);
		if (rc == 0 && org) {
			ASSERT_OK(assoc_org_get_string(&name, org, "/name"));
			CU_ASSERT_STRING_EQUAL(name, s->name);
		} else {
			CU_ASSERT_PTR_NULL(org);
		}
		if (rc < 0 && rc != ASSOC_ITEROVER) {
			CU_ASSERT_EQUAL(assoc_error_last()->line, (int)s->line);
			CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, s->path);
		}
		assoc_org_free(org);
	}
}

static void test_memory(void)
{
	assoc_jsonl_reader *r = NULL;
	ASSERT_OK(assoc_jsonl_reader_new_memory(&r, stream, strlen(stream), NULL));
	CU_ASSERT_EQUAL(assoc_jsonl_line(r), 0);
	check_steps(r);
	assoc_jsonl_reader_free(r);
}

static void test_file(void)
{
	assoc_jsonl_reader *r = NULL;
	FILE *fp = tmpfile();
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fwrite(stream, 1, strlen(stream), fp);
	rewind(fp);
	ASSERT_OK(assoc_jsonl_reader_new_file(&r, fp, NULL));
	check_steps(r);
	assoc_jsonl_reader_free(r);
	fclose(fp);
}

/* A callback that hands out at most `step` bytes per call, so lines span
 * many reads (and some reads end in the middle of "\r\n"). */
typedef struct trickle {
	const char *data;
	size_t len, pos, step;
	int fail_at; /* fail on this call (1-based), 0 never */
	int calls;
} trickle;

static long trickle_read(char *buf, size_t cap, void *payload)
{
	trickle *t = payload;
	size_t n = t->len - t->pos;
	t->calls++;
	if (t->fail_at && t->calls == t->fail_at)
		return -1;
	if (n > t->step)
		n = t->step;
	if (n > cap)
		n = cap;
	memcpy(buf, t->data + t->pos, n);
	t->pos += n;
	return (long)n;
}

static void test_callback(void)
{
	size_t steps[] = { 1, 2, 7, 64, 100000 };
	size_t i;
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		trickle t = { stream, strlen(stream), 0, steps[i], 0, 0 };
		assoc_jsonl_reader *r = NULL;
		ASSERT_OK(assoc_jsonl_reader_new_callback(&r, trickle_read, &t, NULL));
		check_steps(r);
		assoc_jsonl_reader_free(r);
	}
}

static void test_read_error_ends_stream(void)
{
	/* 4-byte reads: the third read, still inside line 1 (60 bytes), fails. */
	trickle t = { stream, strlen(stream), 0, 4, 3, 0 };
	assoc_jsonl_reader *r = NULL;
	assoc_org *org = NULL;
	ASSERT_OK(assoc_jsonl_reader_new_callback(&r, trickle_read, &t, NULL));
	ASSERT_CODE(assoc_jsonl_next(&org, r), ASSOC_EIO);
	CU_ASSERT_EQUAL(assoc_error_last()->line, 1);
	ASSERT_CODE(assoc_jsonl_next(&org, r), ASSOC_ITEROVER);
	assoc_jsonl_reader_free(r);
}

static void test_long_line_skipped(void)
{
	/* Line 2 (a 300-byte legal_form) is beyond a 200-byte limit: ELIMIT on line
	 * 2, then line 3 loads. Through a callback, its bytes are never kept. */
	char data[1024], pad[301];
	assoc_load_options o = ASSOC_LOAD_OPTIONS_INIT;
	size_t i;
	memset(pad, 'x', 300);
	pad[300] = '\0';
	snprintf(data, sizeof data,
		 ORG("W751000001", "A") "\n{\"id\":{\"scheme\":\"rna\",\"value\":\"W751000002\"},\"name\":\"B\","
					"\"legal_form\":\"%s\"}\n" ORG("W751000003", "C") "\n",
		 pad);
	o.max_document_bytes = 200;
	for (i = 0; i < 2; i++) {
		trickle t = { data, strlen(data), 0, 16, 0, 0 };
		assoc_jsonl_reader *r = NULL;
		assoc_org *org = NULL;
		const char *name;
		if (i == 0)
			ASSERT_OK(assoc_jsonl_reader_new_memory(&r, data, strlen(data), &o));
		else
			ASSERT_OK(assoc_jsonl_reader_new_callback(&r, trickle_read, &t, &o));
		ASSERT_OK(assoc_jsonl_next(&org, r));
		assoc_org_free(org);
		ASSERT_CODE(assoc_jsonl_next(&org, r), ASSOC_ELIMIT);
		CU_ASSERT_EQUAL(assoc_error_last()->line, 2);
		ASSERT_OK(assoc_jsonl_next(&org, r));
		CU_ASSERT_EQUAL(assoc_jsonl_line(r), 3);
		if (org) {
			ASSERT_OK(assoc_org_get_string(&name, org, "/name"));
			CU_ASSERT_STRING_EQUAL(name, "C");
		}
		assoc_org_free(org);
		ASSERT_CODE(assoc_jsonl_next(&org, r), ASSOC_ITEROVER);
		assoc_jsonl_reader_free(r);
	}
}

static void test_positions_in_the_stream(void)
{
	/* A syntax error on line 3 reports line 3 and the column in that line;
	 * invalid UTF-8 likewise. */
	const char *data = ORG("W751000001", "A") "\n" ORG("W751000002", "B") "\n{\"id\" 1}\n{\"name\":\"\xC3\"}\n";
	assoc_jsonl_reader *r = NULL;
	assoc_org *org = NULL;
	ASSERT_OK(assoc_jsonl_reader_new_memory(&r, data, strlen(data), NULL));
	ASSERT_OK(assoc_jsonl_next(&org, r));
	assoc_org_free(org);
	ASSERT_OK(assoc_jsonl_next(&org, r));
	assoc_org_free(org);
	ASSERT_CODE(assoc_jsonl_next(&org, r), ASSOC_EPARSE);
	CU_ASSERT_EQUAL(assoc_error_last()->line, 3);
	CU_ASSERT_EQUAL(assoc_error_last()->column, 7); /* '1' where ':' was due */
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "line 3"));
	ASSERT_CODE(assoc_jsonl_next(&org, r), ASSOC_EUTF8);
	CU_ASSERT_EQUAL(assoc_error_last()->line, 4);
	CU_ASSERT_EQUAL(assoc_error_last()->column, 10);
	ASSERT_CODE(assoc_jsonl_next(&org, r), ASSOC_ITEROVER);
	assoc_jsonl_reader_free(r);
}

static void test_examples_jsonl(void)
{
	FILE *fp = fopen(assoc_test_src("examples/data/organisations.jsonl"), "rb");
	assoc_jsonl_reader *r = NULL;
	assoc_org *org = NULL;
	size_t n = 0;
	int rc;
	if (!fp) {
		printf("\n  skipped: examples/data/organisations.jsonl absent\n");
		return;
	}
	ASSERT_OK(assoc_jsonl_reader_new_file(&r, fp, NULL));
	while ((rc = assoc_jsonl_next(&org, r)) != ASSOC_ITEROVER) {
		ASSERT_OK(rc);
		if (rc == 0)
			n++;
		assoc_org_free(org);
	}
	CU_ASSERT_EQUAL(n, 3); /* the file holds three organisations */
	assoc_jsonl_reader_free(r);
	fclose(fp);
}

static void test_empty_and_arguments(void)
{
	assoc_jsonl_reader *r = NULL;
	assoc_org *org = NULL;
	assoc_load_options bad = ASSOC_LOAD_OPTIONS_INIT;
	ASSERT_OK(assoc_jsonl_reader_new_memory(&r, "", 0, NULL));
	ASSERT_CODE(assoc_jsonl_next(&org, r), ASSOC_ITEROVER);
	CU_ASSERT_EQUAL(assoc_jsonl_line(r), 0);
	assoc_jsonl_reader_free(r);
	ASSERT_OK(assoc_jsonl_reader_new_memory(&r, "\n\n  \n", 5, NULL));
	ASSERT_CODE(assoc_jsonl_next(&org, r), ASSOC_ITEROVER);
	CU_ASSERT_EQUAL(assoc_jsonl_line(r), 3);
	ASSERT_CODE(assoc_jsonl_next(NULL, r), ASSOC_EINVAL);
	assoc_jsonl_reader_free(r);
	assoc_jsonl_reader_free(NULL);
	ASSERT_CODE(assoc_jsonl_reader_new_file(&r, NULL, NULL), ASSOC_EINVAL);
	ASSERT_CODE(assoc_jsonl_reader_new_callback(&r, NULL, NULL, NULL), ASSOC_EINVAL);
	bad.version = 0;
	ASSERT_CODE(assoc_jsonl_reader_new_memory(&r, "", 0, &bad), ASSOC_EVERSION);
	CU_ASSERT_EQUAL(assoc_jsonl_line(NULL), 0);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "memory: bad lines in the middle", test_memory },
		{ "FILE", test_file },
		{ "callback, 1 to 100000 bytes per read", test_callback },
		{ "a read error ends the stream", test_read_error_ends_stream },
		{ "overlong line skipped", test_long_line_skipped },
		{ "line and column of a bad record", test_positions_in_the_stream },
		{ "examples/data/organisations.jsonl", test_examples_jsonl },
		{ "empty inputs and arguments", test_empty_and_arguments },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("jsonl", tests);
}
