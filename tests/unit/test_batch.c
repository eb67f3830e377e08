/*
 * Streaming batch scoring (include/assoc/batch.h): JSONL and CSV output,
 * error records, sources, threads, options, out-of-memory, number output.
 *
 * The input below has five lines:
 *   1  organisation 123456789, years given 2024 then 2023 (rows must come out ascending);
 *   2  blank (skipped, but counted as a line);
 *   3  truncated JSON (EPARSE, line 3);
 *   4  organisation b-1, no balance sheet (months of cash not computable);
 *   5  negative total expenses (EVALUE at /years/0/expenses/total).
 *
 * Values of organisation 123456789, by hand (formulas.md 1.2, 1.3):
 *   2023: revenue 120000 + 30000 = 150000; streams gifts 0.8, private_earned 0.2:
 *         HHI = 0.8^2 + 0.2^2 = 0.68; months of cash = 50000 / ((140000 - 20000) / 12) = 5;
 *         program ratio = 110000 / 140000 = 0.785714...
 *   2024: revenue 99000 + 66000 = 165000; shares 0.6, 0.4: HHI = 0.36 + 0.16 = 0.52;
 *         months of cash = 25000 / (150000 / 12) = 2 (no depreciation: 0); program ratio 0.8.
 *   across years: growth (CAGR over one year) = 165000 / 150000 - 1 = 0.1.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "batch_internal.h"
#include "harness.h"

static const char INPUT[] =
	"{\"id\":{\"scheme\":\"ein\",\"value\":\"123456789\"},\"name\":\"Test Food Bank\",\"years\":["
	"{\"year\":2024,\"currency\":\"USD\",\"revenue\":[{\"category\":\"individual_donations\",\"amount\":99000},"
	"{\"category\":\"program_service_revenue\",\"amount\":66000}],\"expenses\":{\"total\":150000,\"program\":120000},"
	"\"balance\":{\"cash\":25000}},"
	"{\"year\":2023,\"currency\":\"USD\",\"revenue\":[{\"category\":\"individual_donations\",\"amount\":120000},"
	"{\"category\":\"program_service_revenue\",\"amount\":30000}],\"expenses\":{\"total\":140000,\"program\":110000,"
	"\"depreciation\":20000},\"balance\":{\"cash\":50000}}]}\n"
	"\n"
	"{\"id\": \n"
	"{\"id\":{\"scheme\":\"other\",\"value\":\"b-1\"},\"name\":\"No Cash\",\"years\":[{\"year\":2023,\"currency\":\"EUR\","
	"\"revenue\":[{\"category\":\"membership_dues\",\"amount\":1000}],\"expenses\":{\"total\":900}}]}\n"
	"{\"id\":{\"scheme\":\"other\",\"value\":\"x\"},\"name\":\"Neg\",\"years\":[{\"year\":2023,\"currency\":\"EUR\","
	"\"expenses\":{\"total\":-5}}]}\n";

/* ---- helpers ------------------------------------------------------------------ */

typedef struct sink {
	char *data;
	size_t len, cap;
	int calls, fail_at; /* fail the fail_at-th call (1-based); 0: never */
} sink;

static int sink_write(const char *data, size_t len, void *payload)
{
	sink *s = payload;
	s->calls++;
	if (s->fail_at && s->calls >= s->fail_at)
		return -7;
	if (s->len + len + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 4096;
		while (cap < s->len + len + 1)
			cap *= 2;
		s->data = realloc(s->data, cap);
		s->cap = cap;
	}
	memcpy(s->data + s->len, data, len);
	s->len += len;
	s->data[s->len] = '\0';
	return 0;
}

static void sink_free(sink *s)
{
	free(s->data);
	memset(s, 0, sizeof *s);
}

/* Run over memory into a fresh sink. */
static int run_mem(sink *out, assoc_batch_stats *st, const char *data, size_t len, int format, unsigned threads,
		   unsigned flags, int year)
{
	assoc_batch_options o = ASSOC_BATCH_OPTIONS_INIT;
	memset(out, 0, sizeof *out);
	o.format = format;
	o.threads = threads;
	o.flags = flags;
	o.year = year;
	return assoc_batch_run_memory(st, data, len, sink_write, out, &o);
}

/* Line `n` (0-based) of a text, copied into a static buffer. */
static const char *line_of(const char *text, size_t n)
{
	static char buf[1 << 17];
	const char *p = text, *nl;
	size_t len;
	while (n-- > 0 && p && (p = strchr(p, '\n')) != NULL)
		p++;
	if (!p || !*p)
		return NULL;
	nl = strchr(p, '\n');
	len = nl ? (size_t)(nl - p) : strlen(p);
	if (len >= sizeof buf)
		len = sizeof buf - 1;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return buf;
}

static size_t count_lines(const char *text)
{
	size_t n = 0;
	for (; text && *text; text++)
		n += *text == '\n';
	return n;
}

/* The result of `measure` for `year` (0: null year) in a JSONL report line. */
static const cJSON *find_result(const cJSON *doc, const char *measure, int year)
{
	const cJSON *r;
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(doc, "results"))
	{
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(r, "measure"), *y = cJSON_GetObjectItemCaseSensitive(r, "year");
		if (cJSON_IsString(m) && strcmp(m->valuestring, measure) == 0 &&
		    (year ? cJSON_IsNumber(y) && y->valuedouble == year : cJSON_IsNull(y)) &&
		    cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(r, "subject")))
			return r;
	}
	return NULL;
}

static double value_of(const cJSON *doc, const char *measure, int year)
{
	const cJSON *r = find_result(doc, measure, year), *v = cJSON_GetObjectItemCaseSensitive(r, "value");
	return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

/* Split one CSV row (RFC 4180) into at most `max` fields, unquoted, in `store`. */
static size_t csv_split(char **fields, size_t max, char *store, const char *row)
{
	size_t n = 0;
	char *o = store;
	while (n < max) {
		fields[n++] = o;
		if (*row == '"') {
			row++;
			for (;;) {
				if (*row == '"' && row[1] == '"') {
					*o++ = '"';
					row += 2;
				} else if (*row == '"' || !*row) {
					row += *row == '"';
					break;
				} else {
					*o++ = *row++;
				}
			}
		} else {
			while (*row && *row != ',')
				*o++ = *row++;
		}
		*o++ = '\0';
		if (*row != ',')
			break;
		row++;
	}
	return n;
}

static long column_of(char **header, size_t n, const char *name)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(header[i], name) == 0)
			return (long)i;
	return -1;
}

/* ---- JSONL -------------------------------------------------------------------- */

static void test_jsonl_values(void)
{
	assoc_batch_stats st = ASSOC_BATCH_STATS_INIT;
	sink out;
	cJSON *doc;
	const cJSON *r, *err;
	ASSERT_OK(run_mem(&out, &st, INPUT, strlen(INPUT), ASSOC_BATCH_JSONL, 0, 0, 0));
	/* 4 records (the blank line is none), 2 scored, 2 error records, one output line each. */
	CU_ASSERT_EQUAL(st.records, 4);
	CU_ASSERT_EQUAL(st.ok, 2);
	CU_ASSERT_EQUAL(st.failed, 2);
	CU_ASSERT_EQUAL(st.rows, 4);
	CU_ASSERT_EQUAL(st.bytes_in, strlen(INPUT));
	CU_ASSERT_EQUAL(st.bytes_out, out.len);
	CU_ASSERT_EQUAL(count_lines(out.data), 4);

	doc = cJSON_Parse(line_of(out.data, 0));
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL(cJSON_GetObjectItemCaseSensitive(doc, "line")->valuedouble, 1);
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItemCaseSensitive(doc, "format")->valuestring, "libassoc-report/1");
	CU_ASSERT_STRING_EQUAL(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "organisation"), "id"), "value")->valuestring,
		"123456789");
	ASSERT_NEAR(value_of(doc, "revenue.total", 2023), 150000, 0);
	ASSERT_NEAR(value_of(doc, "revenue.total", 2024), 165000, 0);
	ASSERT_NEAR(value_of(doc, "revenue.streams.hhi", 2023), 0.68, 1e-12);
	ASSERT_NEAR(value_of(doc, "revenue.streams.hhi", 2024), 0.52, 1e-12);
	ASSERT_NEAR(value_of(doc, "finance.months_of_cash", 2023), 5, 1e-12);
	ASSERT_NEAR(value_of(doc, "finance.months_of_cash", 2024), 2, 1e-12);
	ASSERT_NEAR(value_of(doc, "finance.program_ratio", 2023), 110000.0 / 140000.0, 1e-15);
	ASSERT_NEAR(value_of(doc, "finance.program_ratio", 2024), 0.8, 1e-15);
	ASSERT_NEAR(value_of(doc, "trend.revenue_growth", 0), 0.1, 1e-12);
	cJSON_Delete(doc);

	/* Line 3: a syntax error, located in the whole input. */
	doc = cJSON_Parse(line_of(out.data, 1));
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL(cJSON_GetObjectItemCaseSensitive(doc, "line")->valuedouble, 3);
	err = cJSON_GetObjectItemCaseSensitive(doc, "error");
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItemCaseSensitive(err, "code")->valuestring, "EPARSE");
	CU_ASSERT_EQUAL(cJSON_GetObjectItemCaseSensitive(err, "line")->valuedouble, 3);
	CU_ASSERT_PTR_NULL(cJSON_GetObjectItemCaseSensitive(doc, "results"));
	cJSON_Delete(doc);

	/* Line 4: missing is not zero. */
	doc = cJSON_Parse(line_of(out.data, 2));
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL(cJSON_GetObjectItemCaseSensitive(doc, "line")->valuedouble, 4);
	r = find_result(doc, "finance.months_of_cash", 2023);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItemCaseSensitive(r, "status")->valuestring, "not_computable");
	CU_ASSERT(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(r, "value")));
	CU_ASSERT(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(r, "reason")));
	cJSON_Delete(doc);

	/* Line 5: the path of the offending value. */
	doc = cJSON_Parse(line_of(out.data, 3));
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	err = cJSON_GetObjectItemCaseSensitive(doc, "error");
	CU_ASSERT_EQUAL(cJSON_GetObjectItemCaseSensitive(doc, "line")->valuedouble, 5);
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItemCaseSensitive(err, "code")->valuestring, "EVALUE");
	CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItemCaseSensitive(err, "path")->valuestring, "/years/0/expenses/total");
	cJSON_Delete(doc);
	sink_free(&out);
}

/* Every value of the batch is the double assoc_report_new() computes, exactly. */
static void test_jsonl_matches_the_report(void)
{
	const char *first = strchr(INPUT, '\n');
	assoc_score_options so = ASSOC_SCORE_OPTIONS_INIT;
	assoc_org *org = NULL;
	assoc_report *rep = NULL;
	sink out;
	cJSON *doc;
	const cJSON *r;
	size_t i = 0;
	so.flags = ASSOC_SCORE_VALUES_ONLY;
	ASSERT_OK(assoc_org_from_json(&org, INPUT, (size_t)(first - INPUT), NULL));
	ASSERT_OK(assoc_report_new(&rep, org, NULL, &so));
	ASSERT_OK(run_mem(&out, NULL, INPUT, (size_t)(first - INPUT + 1), ASSOC_BATCH_JSONL, 0, 0, 0));
	doc = cJSON_Parse(out.data);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL((size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "results")),
			assoc_report_count(rep));
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(doc, "results"))
	{
		const assoc_result *x = assoc_report_get(rep, i++);
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(r, "value");
		double want;
		CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItemCaseSensitive(r, "measure")->valuestring,
				       assoc_result_measure(x));
		if (assoc_result_value(&want, x) == 0) {
			CU_ASSERT(cJSON_IsNumber(v) && v->valuedouble == want);
		} else {
			CU_ASSERT(cJSON_IsNull(v));
		}
	}
	cJSON_Delete(doc);
	sink_free(&out);
	assoc_report_free(rep);
	assoc_org_free(org);
}

static void test_explain(void)
{
	sink a, b;
	cJSON *doc;
	const cJSON *r;
	ASSERT_OK(run_mem(&a, NULL, INPUT, strlen(INPUT), ASSOC_BATCH_JSONL, 0, ASSOC_BATCH_EXPLAIN, 0));
	ASSERT_OK(run_mem(&b, NULL, INPUT, strlen(INPUT), ASSOC_BATCH_JSONL, 2, ASSOC_BATCH_EXPLAIN, 0));
	CU_ASSERT_STRING_EQUAL(a.data, b.data);
	CU_ASSERT_EQUAL(count_lines(a.data), 4);
	doc = cJSON_Parse(line_of(a.data, 0));
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL(cJSON_GetObjectItemCaseSensitive(doc, "line")->valuedouble, 1);
	r = find_result(doc, "finance.months_of_cash", 2023);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	/* A full report explains itself. */
	CU_ASSERT(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(r, "explanation")));
	CU_ASSERT(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(r, "formula")));
	ASSERT_NEAR(cJSON_GetObjectItemCaseSensitive(r, "value")->valuedouble, 5, 1e-12);
	cJSON_Delete(doc);
	sink_free(&a);
	sink_free(&b);
}

/* ---- CSV ---------------------------------------------------------------------- */

static void test_csv(void)
{
	assoc_batch_stats st = ASSOC_BATCH_STATS_INIT;
	static char store[4][1 << 14];
	char *h[256], *row[256];
	size_t nh, n;
	long c_org, c_year, c_cash, c_prog, c_growth, c_line, c_err, c_alliances;
	sink out;
	ASSERT_OK(run_mem(&out, &st, INPUT, strlen(INPUT), ASSOC_BATCH_CSV, 0, 0, 0));
	/* header + 2 years of 123456789 + error + b-1 + error */
	CU_ASSERT_EQUAL(st.rows, 6);
	CU_ASSERT_EQUAL(count_lines(out.data), 6);
	CU_ASSERT_EQUAL(st.records, 4);
	CU_ASSERT_EQUAL(st.failed, 2);
	nh = csv_split(h, 256, store[0], line_of(out.data, 0));
	c_org = column_of(h, nh, "organisation");
	c_year = column_of(h, nh, "year");
	c_cash = column_of(h, nh, "finance.months_of_cash");
	c_prog = column_of(h, nh, "finance.program_ratio");
	c_growth = column_of(h, nh, "trend.revenue_growth");
	c_alliances = column_of(h, nh, "alliances.count");
	c_line = column_of(h, nh, "line");
	c_err = column_of(h, nh, "error");
	CU_ASSERT_EQUAL(c_org, 0);
	CU_ASSERT_EQUAL(c_year, 1);
	CU_ASSERT_EQUAL(c_err, (long)nh - 1);
	CU_ASSERT_EQUAL(c_line, (long)nh - 2);
	CU_ASSERT(c_cash > 1 && c_prog > 1 && c_growth > 1 && c_alliances > 1);
	/* Per-alliance and on-demand measures have no column. */
	CU_ASSERT_EQUAL(column_of(h, nh, "alliance.maturity"), -1);
	CU_ASSERT_EQUAL(column_of(h, nh, "stress.stream_drop"), -1);
	CU_ASSERT_EQUAL(column_of(h, nh, "model.logit"), -1);
	if (c_cash < 0 || c_prog < 0 || c_growth < 0 || c_line < 0 || c_err < 0)
		return;

	/* Years ascending although the input gives 2024 first. */
	n = csv_split(row, 256, store[1], line_of(out.data, 1));
	CU_ASSERT_EQUAL(n, nh);
	CU_ASSERT_STRING_EQUAL(row[0], "123456789");
	CU_ASSERT_STRING_EQUAL(row[1], "2023");
	CU_ASSERT_STRING_EQUAL(row[c_cash], "5");
	ASSERT_NEAR(strtod(row[c_prog], NULL), 110000.0 / 140000.0, 0);
	ASSERT_NEAR(strtod(row[c_growth], NULL), 0.1, 1e-12);
	CU_ASSERT_STRING_EQUAL(row[c_line], "1");
	CU_ASSERT_STRING_EQUAL(row[c_err], "");
	n = csv_split(row, 256, store[2], line_of(out.data, 2));
	CU_ASSERT_STRING_EQUAL(row[1], "2024");
	CU_ASSERT_STRING_EQUAL(row[c_cash], "2");
	CU_ASSERT_STRING_EQUAL(row[c_prog], "0.8");
	/* A measure across years is repeated on each year's row. */
	ASSERT_NEAR(strtod(row[c_growth], NULL), 0.1, 1e-12);

	/* The error row: only its line and its error. */
	n = csv_split(row, 256, store[3], line_of(out.data, 3));
	CU_ASSERT_EQUAL(n, nh);
	CU_ASSERT_STRING_EQUAL(row[0], "");
	CU_ASSERT_STRING_EQUAL(row[c_cash], "");
	CU_ASSERT_STRING_EQUAL(row[c_line], "3");
	CU_ASSERT_NSTRING_EQUAL(row[c_err], "EPARSE: ", 8);

	/* Not computable is an empty cell, never 0. */
	n = csv_split(row, 256, store[1], line_of(out.data, 4));
	CU_ASSERT_STRING_EQUAL(row[0], "b-1");
	CU_ASSERT_STRING_EQUAL(row[c_cash], "");
	CU_ASSERT_STRING_EQUAL(row[c_growth], "");
	CU_ASSERT_STRING_EQUAL(row[c_line], "4");

	/* Quotes in the message are doubled (RFC 4180). */
	n = csv_split(row, 256, store[2], line_of(out.data, 5));
	CU_ASSERT_STRING_EQUAL(row[c_line], "5");
	CU_ASSERT_STRING_EQUAL(row[c_err], "EVALUE /years/0/expenses/total: \"total\" must be >= 0, got -5");
	CU_ASSERT_PTR_NOT_NULL(strstr(line_of(out.data, 5), "\"\"total\"\""));
	sink_free(&out);

	/* Without the header. */
	ASSERT_OK(run_mem(&out, &st, INPUT, strlen(INPUT), ASSOC_BATCH_CSV, 0, ASSOC_BATCH_NO_HEADER, 0));
	CU_ASSERT_EQUAL(st.rows, 5);
	CU_ASSERT_NSTRING_EQUAL(out.data, "123456789,2023,", 15);
	sink_free(&out);
}

static void test_year_option(void)
{
	assoc_batch_stats st = ASSOC_BATCH_STATS_INIT;
	sink out;
	ASSERT_OK(run_mem(&out, &st, INPUT, strlen(INPUT), ASSOC_BATCH_CSV, 0, ASSOC_BATCH_NO_HEADER, 2024));
	/* 123456789: only its 2024 row; b-1 has no 2024: an error record. */
	CU_ASSERT_EQUAL(st.ok, 1);
	CU_ASSERT_EQUAL(st.failed, 3);
	CU_ASSERT_NSTRING_EQUAL(line_of(out.data, 0), "123456789,2024,", 15);
	CU_ASSERT_PTR_NOT_NULL(strstr(line_of(out.data, 2), "ENOTFOUND"));
	CU_ASSERT_EQUAL(count_lines(out.data), 4);
	sink_free(&out);
}

/* ---- order, threads, sources ----------------------------------------------------- */

/* n records, each its own amounts; every 37th line is broken. */
static char *make_corpus(size_t n, size_t *len, const char *eol)
{
	size_t cap = n * 400 + 1, i;
	char *s = malloc(cap), *p = s;
	for (i = 0; i < n; i++) {
		if (i % 37 == 36)
			p += sprintf(p, "{\"id\":{\"scheme\":\"other\",\"value\":\"r%zu\"},\"name\":\"Bad %zu\",\"years\":[]%s", i,
				     i, eol);
		else
			p += sprintf(p,
				     "{\"id\":{\"scheme\":\"other\",\"value\":\"r%zu\"},\"name\":\"Org %zu\",\"years\":[{\"year\":2023,"
				     "\"currency\":\"EUR\",\"revenue\":[{\"category\":\"membership_dues\",\"amount\":%zu},"
				     "{\"category\":\"subsidy_commune\",\"amount\":%zu}],\"expenses\":{\"total\":%zu},"
				     "\"balance\":{\"cash\":%zu}}]}%s",
				     i, i, 1000 + i, 3 * i + 1, 900 + 2 * i, 17 * i, eol);
	}
	*len = (size_t)(p - s);
	return s;
}

static void test_threads_keep_input_order(void)
{
	size_t len, i;
	char *data = make_corpus(700, &len, "\n");
	int format;
	for (format = ASSOC_BATCH_JSONL; format <= ASSOC_BATCH_CSV; format++) {
		assoc_batch_stats st0 = ASSOC_BATCH_STATS_INIT, st = ASSOC_BATCH_STATS_INIT;
		unsigned threads[] = { 1, 2, 4 };
		sink base, out;
		ASSERT_OK(run_mem(&base, &st0, data, len, format, 0, 0, 0));
		/* 700 records, every 37th broken: 18 failed. */
		CU_ASSERT_EQUAL(st0.records, 700);
		CU_ASSERT_EQUAL(st0.failed, 18);
		for (i = 0; i < sizeof threads / sizeof threads[0]; i++) {
			ASSERT_OK(run_mem(&out, &st, data, len, format, threads[i], 0, 0));
			CU_ASSERT_EQUAL(out.len, base.len);
			CU_ASSERT(out.len == base.len && memcmp(out.data, base.data, base.len) == 0);
			CU_ASSERT_EQUAL(st.records, st0.records);
			CU_ASSERT_EQUAL(st.ok, st0.ok);
			CU_ASSERT_EQUAL(st.failed, st0.failed);
			CU_ASSERT_EQUAL(st.rows, st0.rows);
			sink_free(&out);
		}
		if (format == ASSOC_BATCH_JSONL) {
			/* Output line k is input line k + 1. */
			char want[32];
			snprintf(want, sizeof want, "{\"line\":%d,", 500);
			CU_ASSERT_NSTRING_EQUAL(line_of(base.data, 499), want, strlen(want));
		}
		sink_free(&base);
	}
	free(data);
}

typedef struct trickle {
	const char *data;
	size_t len, pos, step;
	long fail_after; /* return -1 once pos reaches this; -1 never */
} trickle;

/* A source that gives 1..step bytes per call. */
static long trickle_read(char *buf, size_t cap, void *payload)
{
	trickle *t = payload;
	size_t n = t->step;
	if (t->fail_after >= 0 && t->pos >= (size_t)t->fail_after)
		return -1;
	if (n > cap)
		n = cap;
	if (n > t->len - t->pos)
		n = t->len - t->pos;
	memcpy(buf, t->data + t->pos, n);
	t->pos += n;
	t->step = t->step % 7 + 1;
	return (long)n;
}

static void test_sources_agree(void)
{
	assoc_batch_options o = ASSOC_BATCH_OPTIONS_INIT;
	assoc_batch_stats st = ASSOC_BATCH_STATS_INIT;
	size_t len, crlf_len;
	char *data = make_corpus(150, &len, "\n"), *crlf = make_corpus(150, &crlf_len, "\r\n");
	trickle t = { data, len, 0, 1, -1 };
	sink base, out;
	FILE *in = tmpfile(), *outf = tmpfile();
	char *file_out;
	long n;
	ASSERT_OK(run_mem(&base, NULL, data, len, ASSOC_BATCH_JSONL, 0, 0, 0));
	/* callback, a few bytes at a time, with and without threads */
	memset(&out, 0, sizeof out);
	ASSERT_OK(assoc_batch_run(&st, trickle_read, &t, sink_write, &out, &o));
	CU_ASSERT_STRING_EQUAL(out.data, base.data);
	CU_ASSERT_EQUAL(st.bytes_in, len);
	sink_free(&out);
	t.pos = 0;
	o.threads = 2;
	ASSERT_OK(assoc_batch_run(&st, trickle_read, &t, sink_write, &out, &o));
	CU_ASSERT_STRING_EQUAL(out.data, base.data);
	sink_free(&out);
	/* FILE to FILE */
	CU_ASSERT_PTR_NOT_NULL_FATAL(in);
	CU_ASSERT_PTR_NOT_NULL_FATAL(outf);
	CU_ASSERT_EQUAL(fwrite(data, 1, len, in), len);
	rewind(in);
	ASSERT_OK(assoc_batch_run_file(&st, in, outf, &o));
	n = ftell(outf);
	CU_ASSERT_EQUAL((size_t)n, base.len);
	rewind(outf);
	file_out = calloc(1, (size_t)n + 1);
	CU_ASSERT_EQUAL(fread(file_out, 1, (size_t)n, outf), (size_t)n);
	CU_ASSERT_STRING_EQUAL(file_out, base.data);
	free(file_out);
	fclose(in);
	fclose(outf);
	/* CRLF line ends give the same output. */
	ASSERT_OK(run_mem(&out, &st, crlf, crlf_len, ASSOC_BATCH_JSONL, 0, 0, 0));
	CU_ASSERT_STRING_EQUAL(out.data, base.data);
	CU_ASSERT_EQUAL(st.bytes_in, crlf_len);
	sink_free(&out);
	sink_free(&base);
	free(data);
	free(crlf);
}

static void test_long_line(void)
{
	assoc_load_options lo = ASSOC_LOAD_OPTIONS_INIT;
	assoc_batch_options o = ASSOC_BATCH_OPTIONS_INIT;
	assoc_batch_stats st = ASSOC_BATCH_STATS_INIT;
	const char *first = strchr(INPUT, '\n');
	trickle t = { INPUT, strlen(INPUT), 0, 1, -1 };
	sink a, b;
	cJSON *doc;
	/* Line 1 (about 500 bytes) is over a 300-byte limit; the others are under it. */
	CU_ASSERT((size_t)(first - INPUT) > 300);
	lo.max_document_bytes = 300;
	o.load = &lo;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	ASSERT_OK(assoc_batch_run_memory(&st, INPUT, strlen(INPUT), sink_write, &a, &o));
	CU_ASSERT_EQUAL(st.records, 4);
	CU_ASSERT_EQUAL(st.failed, 3);
	doc = cJSON_Parse(line_of(a.data, 0));
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "error"), "code")->valuestring,
		"ELIMIT");
	CU_ASSERT_EQUAL(cJSON_GetObjectItemCaseSensitive(doc, "line")->valuedouble, 1);
	cJSON_Delete(doc);
	CU_ASSERT_PTR_NOT_NULL(strstr(line_of(a.data, 2), "\"line\":4,\"format\""));
	/* A streamed source drops the long line's bytes but says the same. */
	ASSERT_OK(assoc_batch_run(&st, trickle_read, &t, sink_write, &b, &o));
	CU_ASSERT_STRING_EQUAL(a.data, b.data);
	sink_free(&a);
	sink_free(&b);
}

/* ---- failures of the whole batch ---------------------------------------------------- */

static void test_read_error(void)
{
	assoc_batch_options o = ASSOC_BATCH_OPTIONS_INIT;
	size_t len;
	char *data = make_corpus(300, &len, "\n");
	unsigned threads;
	for (threads = 0; threads <= 2; threads += 2) {
		assoc_batch_stats st = ASSOC_BATCH_STATS_INIT;
		trickle t = { data, len, 0, 1, (long)(len / 2) };
		sink out;
		memset(&out, 0, sizeof out);
		o.threads = threads;
		ASSERT_CODE(assoc_batch_run(&st, trickle_read, &t, sink_write, &out, &o), ASSOC_EIO);
		CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "read callback"));
		/* What was read before the failure was scored and written. */
		CU_ASSERT(st.records > 100 && st.records < 300);
		CU_ASSERT_EQUAL(st.ok + st.failed, st.records);
		CU_ASSERT_EQUAL(count_lines(out.data), st.records);
		sink_free(&out);
	}
	free(data);
}

static void test_write_error(void)
{
	assoc_batch_options o = ASSOC_BATCH_OPTIONS_INIT;
	size_t len;
	char *data = make_corpus(1000, &len, "\n");
	unsigned threads;
	for (threads = 0; threads <= 3; threads += 3) {
		sink out;
		memset(&out, 0, sizeof out);
		out.fail_at = 2;
		o.threads = threads;
		ASSERT_CODE(assoc_batch_run_memory(NULL, data, len, sink_write, &out, &o), ASSOC_EIO);
		CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "-7"));
		/* It stopped at the failing write. */
		CU_ASSERT_EQUAL(out.calls, 2);
		sink_free(&out);
	}
	free(data);
}

static void test_options_and_arguments(void)
{
	assoc_batch_options o = ASSOC_BATCH_OPTIONS_INIT;
	assoc_batch_stats st = ASSOC_BATCH_STATS_INIT, st0 = ASSOC_BATCH_STATS_INIT;
	sink out;
	memset(&out, 0, sizeof out);
	ASSERT_CODE(assoc_batch_options_init(NULL, 1), ASSOC_EINVAL);
	ASSERT_CODE(assoc_batch_options_init(&o, 0), ASSOC_EVERSION);
	ASSERT_CODE(assoc_batch_options_init(&o, ASSOC_BATCH_OPTIONS_VERSION + 1), ASSOC_EVERSION);
	ASSERT_OK(assoc_batch_options_init(&o, ASSOC_BATCH_OPTIONS_VERSION));
	CU_ASSERT_EQUAL(o.format, ASSOC_BATCH_JSONL);
	CU_ASSERT_EQUAL(o.threads, 0);
	o.version = 0;
	ASSERT_CODE(assoc_batch_run_memory(NULL, "", 0, sink_write, &out, &o), ASSOC_EVERSION);
	o.version = ASSOC_BATCH_OPTIONS_VERSION;
	o.threads = ASSOC_BATCH_MAX_THREADS + 1;
	ASSERT_CODE(assoc_batch_run_memory(NULL, "", 0, sink_write, &out, &o), ASSOC_EINVAL);
	o.threads = 0;
	o.format = 2;
	ASSERT_CODE(assoc_batch_run_memory(NULL, "", 0, sink_write, &out, &o), ASSOC_EINVAL);
	o.format = ASSOC_BATCH_CSV;
	o.flags = 1u << 7;
	ASSERT_CODE(assoc_batch_run_memory(NULL, "", 0, sink_write, &out, &o), ASSOC_EINVAL);
	o.flags = 0;
	o.year = -1;
	ASSERT_CODE(assoc_batch_run_memory(NULL, "", 0, sink_write, &out, &o), ASSOC_EVALUE);
	o.year = 0;
	st0.version = 0;
	ASSERT_CODE(assoc_batch_run_memory(&st0, "", 0, sink_write, &out, &o), ASSOC_EVERSION);
	ASSERT_CODE(assoc_batch_run_memory(&st, NULL, 3, sink_write, &out, &o), ASSOC_EINVAL);
	ASSERT_CODE(assoc_batch_run_memory(&st, "", 0, NULL, &out, &o), ASSOC_EINVAL);
	ASSERT_CODE(assoc_batch_run(&st, NULL, NULL, sink_write, &out, &o), ASSOC_EINVAL);
	ASSERT_CODE(assoc_batch_run_file(&st, NULL, stdout, &o), ASSOC_EINVAL);
	ASSERT_CODE(assoc_batch_memory_to_string(NULL, NULL, &st, "", 0, &o), ASSOC_EINVAL);
	CU_ASSERT_EQUAL(out.calls, 0);
	/* An empty input with CSV: the header only. */
	ASSERT_OK(assoc_batch_run_memory(&st, "\n\n", 2, sink_write, &out, &o));
	CU_ASSERT_EQUAL(st.records, 0);
	CU_ASSERT_EQUAL(st.rows, 1);
	CU_ASSERT_EQUAL(count_lines(out.data), 1);
	sink_free(&out);
}

static void test_to_string(void)
{
	assoc_batch_stats st = ASSOC_BATCH_STATS_INIT;
	sink base;
	char *s = NULL;
	size_t n = 7;
	ASSERT_OK(run_mem(&base, NULL, INPUT, strlen(INPUT), ASSOC_BATCH_JSONL, 0, 0, 0));
	ASSERT_OK(assoc_batch_memory_to_string(&s, &n, &st, INPUT, strlen(INPUT), NULL));
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_STRING_EQUAL(s, base.data);
	CU_ASSERT_EQUAL(n, strlen(s));
	CU_ASSERT_EQUAL(st.bytes_out, n);
	assoc_free(s);
	ASSERT_OK(assoc_batch_memory_to_string(&s, &n, NULL, "", 0, NULL));
	CU_ASSERT_STRING_EQUAL(s, "");
	CU_ASSERT_EQUAL(n, 0);
	assoc_free(s);
	sink_free(&base);
}

/* ---- numbers -------------------------------------------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void test_numbers(void)
{
	static const struct {
		double x;
		const char *text;
	} cases[] = {
		{ 0.1, "0.1" },         { 0.68, "0.68" },     { -0.25, "-0.25" },   { 100.5, "100.5" },
		{ 1e-7, "1e-7" },       { 1.5e-7, "1.5e-7" }, { 0.000123, "0.000123" }, { 1e21, "1e21" },
		{ 1e22, "1e22" },       { 5e-324, "5e-324" }, { 1.0 / 3.0, "0.3333333333333333" },
		{ 123456789012345680.0, "123456789012345680" }, { 1.7976931348623157e308, "1.7976931348623157e308" },
	};
	char buf[32];
	size_t i, bad = 0;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int n = assoc__batch_dtoa(buf, cases[i].x);
		buf[n] = '\0';
		CU_ASSERT_STRING_EQUAL(buf, cases[i].text);
	}
	/* Round trip: random bit patterns (every exponent) and random ratios. */
	for (i = 0; i < 300000; i++) {
		uint64_t u = rng();
		double x;
		int n;
		if (i % 2)
			memcpy(&x, &u, sizeof x);
		else
			x = (double)(int64_t)(u % 2000000001u) / (double)(1 + rng() % 100000);
		if (!isfinite(x))
			continue;
		n = assoc__batch_dtoa(buf, x);
		buf[n] = '\0';
		if (strtod(buf, NULL) != x && bad++ < 5)
			fprintf(stderr, "\n  %.17g written as %s\n", x, buf);
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* ---- out of memory ----------------------------------------------------------------- */

static atomic_long f_count, f_fail_at, f_live;
static atomic_int f_sticky;

static int should_fail(void)
{
	long n = atomic_fetch_add(&f_count, 1) + 1, at = atomic_load(&f_fail_at);
	/* once: only allocation fail_at fails; sticky: every one from it on */
	return at && (n == at || (atomic_load(&f_sticky) && n > at));
}

static void *f_malloc(size_t size, void *payload)
{
	void *p;
	(void)payload;
	if (should_fail())
		return NULL;
	if ((p = malloc(size)) != NULL)
		atomic_fetch_add(&f_live, 1);
	return p;
}

static void *f_realloc(void *ptr, size_t size, void *payload)
{
	if (!ptr)
		return f_malloc(size, payload);
	return should_fail() ? NULL : realloc(ptr, size);
}

static void f_free(void *ptr, void *payload)
{
	(void)payload;
	if (ptr)
		atomic_fetch_sub(&f_live, 1);
	free(ptr);
}

/* Allocation N fails (once), or N and all after it (sticky): the batch
 * must fail with ENOMEM -- never succeed after losing an allocation -- leak
 * nothing and never hang, with and without threads. */
static void out_of_memory(int sticky)
{
	size_t len;
	char *data = make_corpus(120, &len, "\n");
	unsigned threads;
	(void)assoc_profile_default(); /* created once, never released: not a leak */
	atomic_store(&f_sticky, sticky);
	for (threads = 0; threads <= 2; threads += 2) {
		long at, total, base_live = atomic_load(&f_live);
		sink out;
		int rc;
		atomic_store(&f_fail_at, 0);
		atomic_store(&f_count, 0);
		rc = run_mem(&out, NULL, data, len, ASSOC_BATCH_CSV, threads, 0, 0);
		total = atomic_load(&f_count);
		ASSERT_OK(rc);
		sink_free(&out);
		/* Spread the failure points over the whole run. */
		for (at = 1; at <= total; at += total / 60 + 1) {
			atomic_store(&f_count, 0);
			atomic_store(&f_fail_at, at);
			rc = run_mem(&out, NULL, data, len, ASSOC_BATCH_CSV, threads, 0, 0);
			atomic_store(&f_fail_at, 0);
			if (rc != ASSOC_ENOMEM)
				fprintf(stderr, "\n  %s, threads %u, allocation %ld of %ld: %d (%s)\n",
					sticky ? "sticky" : "once", threads, at, total, rc, assoc_error_last()->message);
			CU_ASSERT_EQUAL(rc, ASSOC_ENOMEM);
			CU_ASSERT_EQUAL(atomic_load(&f_live), base_live);
			sink_free(&out);
		}
	}
	free(data);
}

static void test_out_of_memory_once(void)
{
	out_of_memory(0);
}

static void test_out_of_memory_sticky(void)
{
	out_of_memory(1);
}

int main(void)
{
	assoc_allocator a = { ASSOC_ALLOCATOR_VERSION, f_malloc, f_realloc, f_free, NULL };
	CU_TestInfo tests[] = {
		{ "JSONL: values, error records, lines", test_jsonl_values },
		{ "JSONL: the values of assoc_report_new()", test_jsonl_matches_the_report },
		{ "JSONL: full reports (EXPLAIN)", test_explain },
		{ "CSV: rows, columns, empty cells, errors", test_csv },
		{ "year option", test_year_option },
		{ "threads keep the input order", test_threads_keep_input_order },
		{ "memory, callback, FILE, CRLF agree", test_sources_agree },
		{ "overlong line", test_long_line },
		{ "read error: EIO after the records before it", test_read_error },
		{ "write error stops the batch", test_write_error },
		{ "options and arguments", test_options_and_arguments },
		{ "whole output as one string", test_to_string },
		{ "numbers read back exactly", test_numbers },
		{ "out of memory once, with and without threads", test_out_of_memory_once },
		{ "out of memory from then on, with and without threads", test_out_of_memory_sticky },
		CU_TEST_INFO_NULL,
	};
	/* Before any other libassoc call (include/assoc/alloc.h). */
	if (assoc_allocator_set(&a) != 0)
		return 1;
	return assoc_test_run("batch", tests);
}
