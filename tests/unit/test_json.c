/*
 * The JSON reader and writer: examples load with the values written in
 * them, write -> read -> write is byte-identical, numbers round-trip
 * exactly, and every step of the reader's checks reports its code with a
 * line/column or a path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include "harness.h"
#include "json_internal.h"

static const char *const examples[] = {
	"examples/data/silver-connect.json",
	"examples/data/us-food-bank.json",
	"examples/data/uk-charity.json",
};

/* A minimal valid organisation wrapped around `years` / extra members. */
#define ORG_HEAD "{\"id\":{\"scheme\":\"siren\",\"value\":\"912345672\"},\"name\":\"Test\""

static int load(assoc_org **org, const char *json)
{
	return assoc_org_from_json(org, json, strlen(json), NULL);
}

static int load_opts(assoc_org **org, const char *json, const assoc_load_options *o)
{
	return assoc_org_from_json(org, json, strlen(json), o);
}

static char *write_org(const assoc_org *org, unsigned flags)
{
	char *s = NULL;
	ASSERT_OK(assoc_org_to_json(&s, org, flags));
	return s;
}

/* ---- examples ----------------------------------------------------------- */

static void test_examples_round_trip(void)
{
	size_t i;
	unsigned flags[] = { ASSOC_WRITE_DEFAULT, ASSOC_WRITE_PRETTY, ASSOC_WRITE_BARE,
			     ASSOC_WRITE_PRETTY | ASSOC_WRITE_BARE };
	for (i = 0; i < sizeof examples / sizeof examples[0]; i++) {
		size_t k;
		assoc_org *a = NULL;
		int rc = assoc_org_load_file(&a, assoc_test_src(examples[i]), NULL);
		if (rc == ASSOC_EIO) {
			printf("\n  skipped: %s absent\n", examples[i]);
			continue;
		}
		ASSERT_OK(rc);
		if (!a)
			continue;
		for (k = 0; k < sizeof flags / sizeof flags[0]; k++) {
			char *one = write_org(a, flags[k]), *two;
			assoc_org *b = NULL;
			ASSERT_OK(load(&b, one));
			if (!b) {
				fprintf(stderr, "\n  %s: %s\n", examples[i], one);
				assoc_free(one);
				continue;
			}
			two = write_org(b, flags[k]);
			/* write -> read -> write: the same bytes */
			CU_ASSERT_STRING_EQUAL(one, two);
			assoc_free(one);
			assoc_free(two);
			assoc_org_free(b);
		}
		assoc_org_free(a);
	}
}

/* Every .json file of examples/data, whatever the validate helper puts there:
 * loads as a collection (one or many organisations), and write -> read ->
 * write of the collection is byte-identical. */
static void test_every_example_file(void)
{
	DIR *dir = opendir(assoc_test_src("examples/data"));
	struct dirent *de;
	size_t files = 0;
	if (!dir) {
		printf("\n  skipped: examples/data absent\n");
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		size_t len = strlen(de->d_name);
		char rel[512], *one = NULL, *two = NULL;
		assoc_collection *a = NULL, *b = NULL;
		if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		snprintf(rel, sizeof rel, "examples/data/%s", de->d_name);
		files++;
		ASSERT_OK(assoc_collection_load_file(&a, assoc_test_src(rel), NULL));
		if (!a) {
			fprintf(stderr, "\n  %s: %s at %s\n", rel, assoc_error_last()->message, assoc_error_last()->path);
			continue;
		}
		CU_ASSERT(assoc_collection_count(a) >= 1);
		ASSERT_OK(assoc_collection_to_json(&one, a, ASSOC_WRITE_PRETTY));
		ASSERT_OK(assoc_collection_from_json(&b, one, strlen(one), NULL));
		if (b) {
			ASSERT_OK(assoc_collection_to_json(&two, b, ASSOC_WRITE_PRETTY));
			CU_ASSERT_STRING_EQUAL(one, two);
		}
		assoc_free(one);
		assoc_free(two);
		assoc_collection_free(a);
		assoc_collection_free(b);
	}
	closedir(dir);
	if (files == 0)
		printf("\n  skipped: no examples/data/*.json yet\n");
}

/* Values read from examples/data/silver-connect.json, by hand. */
static void test_silver_connect_values(void)
{
	assoc_org *org = NULL;
	double x;
	const char *s;
	int b;
	size_t n;
	if (assoc_org_load_file(&org, assoc_test_src("examples/data/silver-connect.json"), NULL) == ASSOC_EIO) {
		printf("\n  skipped: silver-connect.json absent\n");
		return;
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(org);
	ASSERT_OK(assoc_org_get_string(&s, org, "/name"));
	CU_ASSERT_STRING_EQUAL(s, "Silver Connect Poitou");
	CU_ASSERT_STRING_EQUAL(assoc_org_name_key(org), "silver connect poitou");
	ASSERT_OK(assoc_org_get_string(&s, org, "/id/scheme"));
	CU_ASSERT_STRING_EQUAL(s, "siren");
	ASSERT_OK(assoc_org_get_string(&s, org, "/territory/commune"));
	CU_ASSERT_STRING_EQUAL(s, "86194");
	ASSERT_OK(assoc_org_get_bool(&b, org, "/priority_areas/qpv"));
	CU_ASSERT_EQUAL(b, 1);
	ASSERT_OK(assoc_org_count(&n, org, "/years"));
	CU_ASSERT_EQUAL(n, 3);
	/* 2023: eight revenue lines, the last a net loss of -1000 (asset_sales) */
	ASSERT_OK(assoc_org_count(&n, org, "/years/1/revenue"));
	CU_ASSERT_EQUAL(n, 8);
	ASSERT_OK(assoc_org_get_number(&x, org, "/years/1/revenue/7/amount"));
	ASSERT_NEAR(x, -1000, 0);
	ASSERT_OK(assoc_org_get_string(&s, org, "/years/1/revenue/7/category"));
	CU_ASSERT_STRING_EQUAL(s, "asset_sales");
	ASSERT_OK(assoc_org_get_number(&x, org, "/years/1/people/employees/fte"));
	ASSERT_NEAR(x, 2.5, 0);
	ASSERT_OK(assoc_org_get_number(&x, org, "/years/2/people/civic_service/missions/0/weekly_hours"));
	ASSERT_NEAR(x, 28, 0);
	ASSERT_OK(assoc_org_get_string(&s, org, "/years/1/people/skills_sponsorship/sponsors/0/company_id/value"));
	CU_ASSERT_STRING_EQUAL(s, "923456781");
	/* 2022 has no skills sponsorship: absent, not zero */
	ASSERT_CODE(assoc_org_get_number(&x, org, "/years/0/people/skills_sponsorship/hours"), ASSOC_EABSENT);
	ASSERT_OK(assoc_org_get_string(&s, org, "/alliances/0/family"));
	CU_ASSERT_STRING_EQUAL(s, "innovation_societale");
	/* joint_evaluation is not given in the first alliance: unknown */
	ASSERT_CODE(assoc_org_get_bool(&b, org, "/alliances/0/practices/joint_evaluation"), ASSOC_EABSENT);
	ASSERT_OK(assoc_org_get_bool(&b, org, "/alliances/0/practices/shared_governance"));
	CU_ASSERT_EQUAL(b, 1);
	CU_ASSERT_EQUAL(assoc_org_warning_count(org), 0);
	assoc_org_free(org);
}

static void test_collection_example(void)
{
	assoc_collection *coll = NULL;
	char *one, *two;
	assoc_collection *back = NULL;
	const char *s;
	int rc = assoc_collection_load_file(&coll, assoc_test_src("examples/data/collection.json"), NULL);
	if (rc == ASSOC_EIO) {
		printf("\n  skipped: collection.json absent\n");
		return;
	}
	ASSERT_OK(rc);
	CU_ASSERT_PTR_NOT_NULL_FATAL(coll);
	CU_ASSERT_EQUAL(assoc_collection_count(coll), 2);
	ASSERT_OK(assoc_org_get_string(&s, assoc_collection_get(coll, 0), "/name"));
	CU_ASSERT_STRING_EQUAL(s, "Lire Ensemble Paris");
	CU_ASSERT_PTR_NULL(assoc_collection_get(coll, 2));
	ASSERT_OK(assoc_collection_to_json(&one, coll, ASSOC_WRITE_PRETTY));
	ASSERT_OK(assoc_collection_from_json(&back, one, strlen(one), NULL));
	ASSERT_OK(assoc_collection_to_json(&two, back, ASSOC_WRITE_PRETTY));
	CU_ASSERT_STRING_EQUAL(one, two);
	assoc_free(one);
	assoc_free(two);
	/* Without the wrapper a collection is written as JSON Lines: two lines. */
	ASSERT_OK(assoc_collection_to_json(&one, coll, ASSOC_WRITE_BARE));
	CU_ASSERT_PTR_NOT_NULL(strchr(one, '\n'));
	CU_ASSERT_PTR_NOT_NULL(strchr(strchr(one, '\n') + 1, '\n'));
	CU_ASSERT_EQUAL(strchr(strchr(one, '\n') + 1, '\n')[1], '\0');
	assoc_free(one);
	assoc_collection_free(back);
	assoc_collection_free(coll);
}

/* ---- the writer --------------------------------------------------------- */

static void test_write_exact(void)
{
	/* Every absent field omitted, keys in schema order (id, name, ..., years),
	 * numbers in their shortest exact form, the empty expenses object left out. */
	const char *in = "{\"years\":[{\"currency\":\"eur\",\"year\":2023,\"expenses\":{},"
			 "\"revenue\":[{\"amount\":0.1,\"category\":\"Cotisations\"}],\"note\":\"a \\\"q\\\"\\n\\t\\u0001\"}],"
			 "\"name\":\"T\",\"id\":{\"value\":\"912345672\",\"scheme\":\"SIREN\"}}";
	const char *want = "{\"format\":\"libassoc/1\",\"organisation\":{\"id\":{\"scheme\":\"siren\",\"value\":"
			   "\"912345672\"},\"name\":\"T\",\"years\":[{\"year\":2023,\"currency\":\"EUR\",\"revenue\":"
			   "[{\"category\":\"membership_dues\",\"amount\":0.1}],\"note\":\"a \\\"q\\\"\\n\\t\\u0001\"}]}}";
	assoc_org *org = NULL;
	char *out;
	ASSERT_OK(load(&org, in));
	CU_ASSERT_PTR_NOT_NULL_FATAL(org);
	out = write_org(org, 0);
	CU_ASSERT_STRING_EQUAL(out, want);
	assoc_free(out);
	out = write_org(org, ASSOC_WRITE_PRETTY | ASSOC_WRITE_BARE);
	CU_ASSERT_EQUAL(strncmp(out, "{\n  \"id\": {\n    \"scheme\": \"siren\",\n", 35), 0);
	assoc_free(out);
	assoc_org_free(org);
}

/* revenue_complete: a year-level tri-state, written right after
 * total_revenue when known and left out when unknown (absent, null or
 * "unknown" all read as unknown); the path API reaches it. */
static void test_revenue_complete(void)
{
	const char *in = ORG_HEAD ",\"years\":["
			 "{\"year\":2021,\"currency\":\"EUR\",\"revenue_complete\":false,\"total_revenue\":5},"
			 "{\"year\":2022,\"currency\":\"EUR\",\"revenue_complete\":true},"
			 "{\"year\":2023,\"currency\":\"EUR\",\"revenue_complete\":null},"
			 "{\"year\":2024,\"currency\":\"EUR\",\"revenue_complete\":\"unknown\"},"
			 "{\"year\":2025,\"currency\":\"EUR\"}]}";
	const char *want = "{\"format\":\"libassoc/1\",\"organisation\":{\"id\":{\"scheme\":\"siren\",\"value\":"
			   "\"912345672\"},\"name\":\"Test\",\"years\":["
			   "{\"year\":2021,\"currency\":\"EUR\",\"total_revenue\":5,\"revenue_complete\":false},"
			   "{\"year\":2022,\"currency\":\"EUR\",\"revenue_complete\":true},"
			   "{\"year\":2023,\"currency\":\"EUR\"},{\"year\":2024,\"currency\":\"EUR\"},"
			   "{\"year\":2025,\"currency\":\"EUR\"}]}}";
	assoc_org *org = NULL, *again = NULL;
	char *out, *out2;
	int b = -7, i;
	ASSERT_OK(load(&org, in));
	CU_ASSERT_PTR_NOT_NULL_FATAL(org);
	ASSERT_OK(assoc_org_get_bool(&b, org, "/years/0/revenue_complete"));
	CU_ASSERT_EQUAL(b, 0);
	ASSERT_OK(assoc_org_get_bool(&b, org, "/years/1/revenue_complete"));
	CU_ASSERT_EQUAL(b, 1);
	for (i = 2; i < 5; i++) {
		char path[64];
		snprintf(path, sizeof path, "/years/%d/revenue_complete", i);
		ASSERT_CODE(assoc_org_get_bool(&b, org, path), ASSOC_EABSENT);
	}
	out = write_org(org, 0);
	CU_ASSERT_STRING_EQUAL(out, want);
	/* write -> read -> write: the same bytes */
	ASSERT_OK(load(&again, out));
	out2 = write_org(again, 0);
	CU_ASSERT_STRING_EQUAL(out2, out);
	/* set through the path API, then unknown again */
	ASSERT_OK(assoc_org_set_bool(org, "/years/4/revenue_complete", 0));
	ASSERT_OK(assoc_org_get_bool(&b, org, "/years/4/revenue_complete"));
	CU_ASSERT_EQUAL(b, 0);
	ASSERT_OK(assoc_org_unset(org, "/years/4/revenue_complete"));
	ASSERT_CODE(assoc_org_get_bool(&b, org, "/years/4/revenue_complete"), ASSOC_EABSENT);
	assoc_free(out);
	assoc_free(out2);
	assoc_org_free(again);
	assoc_org_free(org);
	/* Not a flag: the error names the value and its path. */
	ASSERT_CODE(load(&org, ORG_HEAD ",\"years\":[{\"year\":2021,\"currency\":\"EUR\",\"revenue_complete\":\"partial\"}]}"),
		    ASSOC_EVALUE);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/years/0/revenue_complete");
	ASSERT_CODE(load(&org, ORG_HEAD ",\"years\":[{\"year\":2021,\"currency\":\"EUR\",\"revenue_complete\":0}]}"),
		    ASSOC_ETYPE);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/years/0/revenue_complete");
}

static void test_numbers_round_trip(void)
{
	/* Doubles that 15 significant digits would not give back. */
	const double values[] = { 0.1, 1.0 / 3.0, 123456789.12345678, 1e-300, 2.2250738585072014e-308,
				  9007199254740993.0, 1e300, -0.0, 5e-324, 4503599627370497.5 };
	size_t i;
	for (i = 0; i < sizeof values / sizeof values[0]; i++) {
		assoc_org *org = NULL, *back = NULL;
		size_t y;
		double x = 0;
		char *s;
		ASSERT_OK(assoc_org_new(&org));
		ASSERT_OK(assoc_org_append(&y, org, "/years"));
		ASSERT_OK(assoc_org_set_number(org, "/years/0/year", 2020));
		ASSERT_OK(assoc_org_set_number(org, "/years/0/balance/net_assets", values[i]));
		s = write_org(org, ASSOC_WRITE_BARE);
		/* Loading checks required fields: the year has no currency yet (the
		 * organisation's own id and name are checked after its members). */
		ASSERT_CODE(load(&back, s), ASSOC_EMISSING);
		CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/years/0/currency");
		ASSERT_OK(assoc_org_set_string(org, "/name", "N"));
		ASSERT_OK(assoc_org_set_string(org, "/id/scheme", "siren"));
		ASSERT_OK(assoc_org_set_string(org, "/id/value", "912345672"));
		ASSERT_OK(assoc_org_set_string(org, "/years/0/currency", "EUR"));
		assoc_free(s);
		s = write_org(org, 0);
		ASSERT_OK(load(&back, s));
		if (back) {
			ASSERT_OK(assoc_org_get_number(&x, back, "/years/0/balance/net_assets"));
			CU_ASSERT(memcmp(&x, &values[i], sizeof x) == 0); /* bit for bit, sign of zero included */
		}
		assoc_free(s);
		assoc_org_free(back);
		assoc_org_free(org);
	}
}

static void test_save_and_load_file(void)
{
	char path[] = "/tmp/assoc-test-json-XXXXXX";
	int fd = mkstemp(path);
	assoc_org *org = NULL, *back = NULL;
	char *a, *b, *file;
	size_t len;
	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	ASSERT_OK(load(&org, ORG_HEAD ",\"scope\":\"national\"}"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(org);
	ASSERT_OK(assoc_org_save_file(org, path, ASSOC_WRITE_PRETTY));
	file = assoc_test_read_file(path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(file);
	CU_ASSERT_EQUAL(file[len - 1], '\n'); /* a text file ends with a newline */
	free(file);
	ASSERT_OK(assoc_org_load_file(&back, path, NULL));
	a = write_org(org, 0);
	b = write_org(back, 0);
	CU_ASSERT_STRING_EQUAL(a, b);
	assoc_free(a);
	assoc_free(b);
	assoc_org_free(back);
	unlink(path);
	ASSERT_CODE(assoc_org_load_file(&back, path, NULL), ASSOC_EIO);
	CU_ASSERT_PTR_NULL(back);
	ASSERT_CODE(assoc_org_save_file(org, "/nonexistent-dir/x.json", 0), ASSOC_EIO);
	assoc_org_free(org);
}

/* ---- the reader's checks, in order -------------------------------------- */

typedef struct bad_case {
	const char *name;
	const char *json;
	int code;
	const char *path; /* NULL: not checked (positional errors have "") */
	int line, column; /* 0: not checked */
} bad_case;

static const bad_case bad_cases[] = {
	{ "empty", "", ASSOC_EPARSE, "", 1, 1 },
	{ "blank", "  \n ", ASSOC_EPARSE, "", 0, 0 },
	/* line 2, column 8: the stray x (after a space, the brace, "a", colon, space) */
	{ "syntax", "{\"id\":\n {\"a\": x}}", ASSOC_EPARSE, "", 2, 8 },
	{ "truncated", ORG_HEAD ",\"years\":[", ASSOC_EPARSE, "", 1, 0 },
	/* ORG_HEAD is 58 bytes, then '}' (59), ' ' (60), '{' (61) */
	{ "trailing garbage", ORG_HEAD "} {}", ASSOC_EPARSE, "", 1, 61 },
	{ "NaN literal", ORG_HEAD ",\"years\":[{\"year\":NaN}]}", ASSOC_EPARSE, "", 1, 0 },
	/* raw tab inside a string: JSON forbids it, cJSON would accept it */
	{ "raw control char", "{\"name\":\"a\tb\"}", ASSOC_EPARSE, "", 1, 11 },
	{ "NUL escape", ORG_HEAD ",\"legal_form\":\"a\\u0000b\"}", ASSOC_EVALUE, "", 1, 0 },
	{ "invalid UTF-8", "{\"name\":\"caf\xC3\"}", ASSOC_EUTF8, "", 1, 13 },
	{ "overlong UTF-8", "{\n\"name\":\"\xC0\xAF\"}", ASSOC_EUTF8, "", 2, 9 },
	{ "not an object", "[1,2]", ASSOC_ETYPE, "", 0, 0 },
	{ "wrong format", "{\"format\":\"libassoc/2\",\"organisation\":{}}", ASSOC_EVERSION, "/format", 0, 0 },
	{ "format not a string", "{\"format\":1,\"organisation\":{}}", ASSOC_ETYPE, "/format", 0, 0 },
	{ "wrapper without format", "{\"organisation\":{}}", ASSOC_EMISSING, "/format", 0, 0 },
	{ "wrapper without organisation", "{\"format\":\"libassoc/1\"}", ASSOC_EMISSING, "/organisation", 0, 0 },
	{ "wrapper unknown key", "{\"format\":\"libassoc/1\",\"organisation\":{},\"x\":1}", ASSOC_EUNKNOWNKEY, "/x", 0, 0 },
	{ "wrapper duplicate", "{\"format\":\"libassoc/1\",\"format\":\"libassoc/1\",\"organisation\":{}}",
	  ASSOC_EDUPLICATE, "/format", 0, 0 },
	{ "collection given to org loader", "{\"format\":\"libassoc/1\",\"organisations\":[]}", ASSOC_EINVAL,
	  "/organisations", 0, 0 },
	{ "missing id", "{\"name\":\"x\"}", ASSOC_EMISSING, "/id", 0, 0 },
	{ "empty id object", "{\"id\":{},\"name\":\"x\"}", ASSOC_EMISSING, "/id/scheme", 0, 0 },
	{ "missing name", "{\"id\":{\"scheme\":\"rna\",\"value\":\"W123456789\"}}", ASSOC_EMISSING, "/name", 0, 0 },
	{ "null name", "{\"id\":{\"scheme\":\"rna\",\"value\":\"W123456789\"},\"name\":null}", ASSOC_EMISSING, "/name", 0, 0 },
	{ "empty name", "{\"id\":{\"scheme\":\"rna\",\"value\":\"W123456789\"},\"name\":\"\"}", ASSOC_EVALUE, "/name", 0, 0 },
	{ "name not a string", "{\"id\":{\"scheme\":\"rna\",\"value\":\"W123456789\"},\"name\":5}", ASSOC_ETYPE, "/name", 0, 0 },
	{ "unknown key", ORG_HEAD ",\"nom\":\"x\"}", ASSOC_EUNKNOWNKEY, "/nom", 0, 0 },
	{ "unknown nested key", ORG_HEAD ",\"years\":[{\"year\":2023,\"currency\":\"EUR\",\"balance\":{\"cash\":1,\"tresorerie\":2}}]}",
	  ASSOC_EUNKNOWNKEY, "/years/0/balance/tresorerie", 0, 0 },
	{ "duplicate key", ORG_HEAD ",\"scope\":\"local\",\"scope\":\"national\"}", ASSOC_EDUPLICATE, "/scope", 0, 0 },
	{ "unknown label", ORG_HEAD ",\"scope\":\"galactic\"}", ASSOC_ELABEL, "/scope", 0, 0 },
	{ "years not an array", ORG_HEAD ",\"years\":{}}", ASSOC_ETYPE, "/years", 0, 0 },
	{ "year element not an object", ORG_HEAD ",\"years\":[2023]}", ASSOC_ETYPE, "/years/0", 0, 0 },
	{ "year missing currency", ORG_HEAD ",\"years\":[{\"year\":2023}]}", ASSOC_EMISSING, "/years/0/currency", 0, 0 },
	{ "year not integer", ORG_HEAD ",\"years\":[{\"year\":2023.5,\"currency\":\"EUR\"}]}", ASSOC_EVALUE, "/years/0/year", 0, 0 },
	{ "year out of range", ORG_HEAD ",\"years\":[{\"year\":1899,\"currency\":\"EUR\"}]}", ASSOC_EVALUE, "/years/0/year", 0, 0 },
	{ "year as string", ORG_HEAD ",\"years\":[{\"year\":\"2023\",\"currency\":\"EUR\"}]}", ASSOC_ETYPE, "/years/0/year", 0, 0 },
	{ "unknown currency", ORG_HEAD ",\"years\":[{\"year\":2023,\"currency\":\"EURO\"}]}", ASSOC_ECURRENCY, "/years/0/currency", 0, 0 },
	{ "1e999 is infinite", ORG_HEAD ",\"years\":[{\"year\":2023,\"currency\":\"EUR\",\"balance\":{\"cash\":1e999}}]}",
	  ASSOC_EVALUE, "/years/0/balance/cash", 0, 0 },
	{ "negative cash", ORG_HEAD ",\"years\":[{\"year\":2023,\"currency\":\"EUR\",\"balance\":{\"cash\":-1}}]}",
	  ASSOC_EVALUE, "/years/0/balance/cash", 0, 0 },
	{ "revenue missing amount", ORG_HEAD ",\"years\":[{\"year\":2023,\"currency\":\"EUR\",\"revenue\":[{\"category\":\"rent\"}]}]}",
	  ASSOC_EMISSING, "/years/0/revenue/0/amount", 0, 0 },
	{ "restricted not a flag", ORG_HEAD ",\"years\":[{\"year\":2023,\"currency\":\"EUR\",\"revenue\":[{\"category\":\"rent\",\"amount\":1,\"restricted\":\"yes\"}]}]}",
	  ASSOC_EVALUE, "/years/0/revenue/0/restricted", 0, 0 },
	{ "restricted a number", ORG_HEAD ",\"years\":[{\"year\":2023,\"currency\":\"EUR\",\"revenue\":[{\"category\":\"rent\",\"amount\":1,\"restricted\":1}]}]}",
	  ASSOC_ETYPE, "/years/0/revenue/0/restricted", 0, 0 },
	{ "mission 0 months", ORG_HEAD ",\"years\":[{\"year\":2023,\"currency\":\"EUR\",\"people\":{\"civic_service\":{\"missions\":[{\"months\":0}]}}}]}",
	  ASSOC_EVALUE, "/years/0/people/civic_service/missions/0/months", 0, 0 },
	{ "missions on volunteers", ORG_HEAD ",\"years\":[{\"year\":2023,\"currency\":\"EUR\",\"people\":{\"volunteers\":{\"missions\":[]}}}]}",
	  ASSOC_EUNKNOWNKEY, "/years/0/people/volunteers/missions", 0, 0 },
	{ "bad date", ORG_HEAD ",\"priority_areas\":{\"vintage\":\"2023-02-29\"}}", ASSOC_EDATE, "/priority_areas/vintage", 0, 0 },
	{ "bad date shape", ORG_HEAD ",\"priority_areas\":{\"vintage\":\"2023/02/01\"}}", ASSOC_EDATE, "/priority_areas/vintage", 0, 0 },
	{ "fragility 11", ORG_HEAD ",\"priority_areas\":{\"digital_fragility\":11}}", ASSOC_EVALUE,
	  "/priority_areas/digital_fragility", 0, 0 },
	{ "escaped key in path", ORG_HEAD ",\"a/b~c\":1}", ASSOC_EUNKNOWNKEY, "/a~1b~0c", 0, 0 },
};

static void test_bad_inputs(void)
{
	size_t i;
	for (i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const bad_case *t = &bad_cases[i];
		const assoc_error *e;
		assoc_org *org = (assoc_org *)&org; /* must be reset to NULL */
		int rc = load(&org, t->json);
		e = assoc_error_last();
		if (rc != t->code || (t->path && strcmp(e->path, t->path) != 0) || (t->line && e->line != t->line) ||
		    (t->column && e->column != t->column))
			fprintf(stderr, "\n  case \"%s\": got %s at \"%s\" line %d col %d: %s\n", t->name,
				assoc_error_code_name(rc), e->path, e->line, e->column, e->message);
		CU_ASSERT_EQUAL(rc, t->code);
		CU_ASSERT_PTR_NULL(org);
		CU_ASSERT_STRING_NOT_EQUAL(e->message, "");
		if (t->path)
			CU_ASSERT_STRING_EQUAL(e->path, t->path);
		if (t->line)
			CU_ASSERT_EQUAL(e->line, t->line);
		if (t->column)
			CU_ASSERT_EQUAL(e->column, t->column);
	}
}

static void test_messages_name_the_value(void)
{
	assoc_org *org = NULL;
	ASSERT_CODE(load(&org, ORG_HEAD ",\"years\":[{\"year\":2023,\"currency\":\"EUR\",\"expenses\":{\"total\":-12.5}}]}"),
		    ASSOC_EVALUE);
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "-12.5"));
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "total"));
	ASSERT_CODE(load(&org, ORG_HEAD ",\"nom\":1}"), ASSOC_EUNKNOWNKEY);
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "\"nom\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "legal_form")); /* the expected keys */
	/* The vocabulary's message lists the valid ids. */
	ASSERT_CODE(load(&org, ORG_HEAD ",\"scope\":\"galactic\"}"), ASSOC_ELABEL);
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "galactic"));
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "departemental"));
	ASSERT_CODE(load(&org, "{\"id\": tru}"), ASSOC_EPARSE);
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "line 1, column 8"));
}

static void test_labels_and_normalisation(void)
{
	/* French labels, any case, accents or not; currency case; names NFC. */
	const char *in = "{\"id\":{\"scheme\":\"SIREN\",\"value\":\"912345672\"},\"name\":\"Caf\x65\xCC\x81 des \xC3\xA2ges\","
			 "\"scope\":\"D\xC3\xA9partemental\",\"years\":[{\"year\":2023,\"currency\":\"eur\",\"revenue\":"
			 "[{\"category\":\"COTISATIONS\",\"amount\":10}]}],\"alliances\":[{\"id\":\"a\",\"family\":\"M\xC3\xA9"
			 "c\xC3\xA9nat\",\"partners\":[{\"id\":\"p\",\"kind\":\"company\"}],\"practices\":{\"information_sharing\":"
			 "\"Unknown\",\"pooled_resources\":null,\"shared_governance\":false}}]}";
	assoc_org *org = NULL;
	const char *s;
	int b;
	ASSERT_OK(load(&org, in));
	CU_ASSERT_PTR_NOT_NULL_FATAL(org);
	ASSERT_OK(assoc_org_get_string(&s, org, "/name"));
	CU_ASSERT_STRING_EQUAL(s, "Caf\xC3\xA9 des \xC3\xA2ges"); /* e + U+0301 composed into U+00E9 */
	CU_ASSERT_STRING_EQUAL(assoc_org_name_key(org), "cafe des ages");
	ASSERT_OK(assoc_org_get_string(&s, org, "/scope"));
	CU_ASSERT_STRING_EQUAL(s, "departemental");
	ASSERT_OK(assoc_org_get_string(&s, org, "/years/0/currency"));
	CU_ASSERT_STRING_EQUAL(s, "EUR");
	ASSERT_OK(assoc_org_get_string(&s, org, "/years/0/revenue/0/category"));
	CU_ASSERT_STRING_EQUAL(s, "membership_dues");
	ASSERT_OK(assoc_org_get_string(&s, org, "/alliances/0/family"));
	CU_ASSERT_STRING_EQUAL(s, "mecenat");
	ASSERT_CODE(assoc_org_get_bool(&b, org, "/alliances/0/practices/information_sharing"), ASSOC_EABSENT);
	ASSERT_CODE(assoc_org_get_bool(&b, org, "/alliances/0/practices/pooled_resources"), ASSOC_EABSENT);
	ASSERT_OK(assoc_org_get_bool(&b, org, "/alliances/0/practices/shared_governance"));
	CU_ASSERT_EQUAL(b, 0);
	assoc_org_free(org);
}

/* ---- options, limits, lenient mode ------------------------------------- */

static void test_limits(void)
{
	assoc_load_options o = ASSOC_LOAD_OPTIONS_INIT;
	assoc_org *org = NULL;
	const char *two_years = ORG_HEAD ",\"years\":[{\"year\":2022,\"currency\":\"EUR\"},{\"year\":2023,\"currency\":\"EUR\"}]}";
	const char *three_lines = ORG_HEAD ",\"years\":[{\"year\":2022,\"currency\":\"EUR\",\"revenue\":["
				  "{\"category\":\"rent\",\"amount\":1},{\"category\":\"rent\",\"amount\":2},"
				  "{\"category\":\"rent\",\"amount\":3}]}]}";
	/* document size, refused before parsing: even broken JSON gets ELIMIT */
	o.max_document_bytes = 10;
	ASSERT_CODE(load_opts(&org, "{\"name\": \"not even valid", &o), ASSOC_ELIMIT);
	o.max_document_bytes = 0;
	/* nesting: wrapper(1) > organisation(2) > id(3) */
	o.max_depth = 2;
	ASSERT_CODE(load_opts(&org, "{\"format\":\"libassoc/1\",\"organisation\":{\"id\":{}}}", &o), ASSOC_ELIMIT);
	CU_ASSERT_EQUAL(assoc_error_last()->line, 1);
	CU_ASSERT_EQUAL(assoc_error_last()->column, 45);
	o.max_depth = 0;
	/* deeper than cJSON's own limit of 1000: still ours, ELIMIT */
	{
		char deep[2101];
		memset(deep, '[', 1050);
		memset(deep + 1050, ']', 1050);
		deep[2100] = '\0';
		ASSERT_CODE(load_opts(&org, deep, &o), ASSOC_ELIMIT);
		CU_ASSERT_EQUAL(assoc_error_last()->column, 33); /* the 33rd '[' passes the default 32 */
	}
	/* years */
	o.max_years = 1;
	ASSERT_CODE(load_opts(&org, two_years, &o), ASSOC_ELIMIT);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/years");
	o.max_years = 2;
	ASSERT_OK(load_opts(&org, two_years, &o));
	assoc_org_free(org);
	/* other arrays */
	o.max_items = 2;
	ASSERT_CODE(load_opts(&org, three_lines, &o), ASSOC_ELIMIT);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/years/0/revenue");
	o.max_items = 3;
	ASSERT_OK(load_opts(&org, three_lines, &o));
	assoc_org_free(org);
	/* strings, labels included: "siren" (5 bytes) is the first one read */
	o.max_string_bytes = 3;
	ASSERT_CODE(load_opts(&org, ORG_HEAD "}", &o), ASSOC_ELIMIT);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/id/scheme");
	o.max_string_bytes = 8; /* then "912345672", 9 bytes */
	ASSERT_CODE(load_opts(&org, ORG_HEAD "}", &o), ASSOC_ELIMIT);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/id/value");
	o.max_string_bytes = 9;
	ASSERT_OK(load_opts(&org, ORG_HEAD "}", &o));
	assoc_org_free(org);
	/* options that were never initialised */
	o.version = 0;
	ASSERT_CODE(load_opts(&org, ORG_HEAD "}", &o), ASSOC_EVERSION);
}

static void test_options_init(void)
{
	assoc_load_options o;
	memset(&o, 0x5a, sizeof o);
	ASSERT_OK(assoc_load_options_init(&o, ASSOC_LOAD_OPTIONS_VERSION));
	CU_ASSERT_EQUAL(o.version, ASSOC_LOAD_OPTIONS_VERSION);
	CU_ASSERT_EQUAL(o.lenient, 0);
	CU_ASSERT_EQUAL(o.max_depth, 0);
	CU_ASSERT_EQUAL(o.max_string_bytes, 0);
	ASSERT_CODE(assoc_load_options_init(&o, 99), ASSOC_EVERSION);
	ASSERT_CODE(assoc_load_options_init(NULL, 1), ASSOC_EINVAL);
}

static void test_lenient(void)
{
	assoc_load_options o = ASSOC_LOAD_OPTIONS_INIT;
	const char *in = "{\"format\":\"libassoc/1\",\"generator\":\"x\",\"organisation\":" ORG_HEAD
			 ",\"nom\":\"x\",\"years\":[{\"year\":2023,\"currency\":\"EUR\",\"balance\":{\"cash\":5,\"tresorerie\":5}}]}}";
	assoc_org *org = NULL, *copy = NULL;
	const char *msg, *path;
	double cash;
	char *out;
	ASSERT_CODE(load_opts(&org, in, &o), ASSOC_EUNKNOWNKEY);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/generator");
	o.lenient = 1;
	ASSERT_OK(load_opts(&org, in, &o));
	CU_ASSERT_PTR_NOT_NULL_FATAL(org);
	CU_ASSERT_EQUAL(assoc_org_warning_count(org), 3);
	ASSERT_OK(assoc_org_warning(&msg, &path, org, 0));
	CU_ASSERT_STRING_EQUAL(path, "/nom");
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "nom"));
	ASSERT_OK(assoc_org_warning(&msg, &path, org, 1));
	CU_ASSERT_STRING_EQUAL(path, "/years/0/balance/tresorerie");
	ASSERT_OK(assoc_org_warning(&msg, &path, org, 2));
	CU_ASSERT_STRING_EQUAL(path, ""); /* the wrapper's key */
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "generator"));
	ASSERT_CODE(assoc_org_warning(&msg, &path, org, 3), ASSOC_ENOTFOUND);
	/* the known keys are still read; the unknown ones are not written back */
	ASSERT_OK(assoc_org_get_number(&cash, org, "/years/0/balance/cash"));
	ASSERT_NEAR(cash, 5, 0);
	out = write_org(org, 0);
	CU_ASSERT_PTR_NULL(strstr(out, "tresorerie"));
	assoc_free(out);
	/* warnings are cloned with the organisation */
	ASSERT_OK(assoc_org_clone(&copy, org));
	CU_ASSERT_EQUAL(assoc_org_warning_count(copy), 3);
	assoc_org_free(copy);
	assoc_org_free(org);
	/* lenient mode does not excuse anything else */
	ASSERT_CODE(load_opts(&org, ORG_HEAD ",\"scope\":\"galactic\"}", &o), ASSOC_ELABEL);
}

static void test_collection_errors(void)
{
	assoc_collection *coll = NULL;
	const char *dup = "{\"format\":\"libassoc/1\",\"organisations\":[" ORG_HEAD "}," ORG_HEAD "}]}";
	const char *bad = "{\"format\":\"libassoc/1\",\"organisations\":[" ORG_HEAD "}," ORG_HEAD
			  ",\"years\":[{\"year\":2023,\"currency\":\"XYZ\"}]}]}";
	const char *single = "{\"format\":\"libassoc/1\",\"organisation\":" ORG_HEAD "}}";
	ASSERT_CODE(assoc_collection_from_json(&coll, dup, strlen(dup), NULL), ASSOC_EDUPLICATE);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/organisations/1/id");
	CU_ASSERT_PTR_NULL(coll);
	ASSERT_CODE(assoc_collection_from_json(&coll, bad, strlen(bad), NULL), ASSOC_ECURRENCY);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/organisations/1/years/0/currency");
	ASSERT_CODE(assoc_collection_from_json(&coll, "{\"format\":\"libassoc/1\",\"organisations\":{}}", 42, NULL),
		    ASSOC_ETYPE);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/organisations");
	/* a single-organisation document gives a collection of one */
	ASSERT_OK(assoc_collection_from_json(&coll, single, strlen(single), NULL));
	CU_ASSERT_EQUAL(assoc_collection_count(coll), 1);
	assoc_collection_free(coll);
	coll = NULL;
	/* and so does a bare organisation */
	ASSERT_OK(assoc_collection_from_json(&coll, ORG_HEAD "}", strlen(ORG_HEAD "}"), NULL));
	CU_ASSERT_EQUAL(assoc_collection_count(coll), 1);
	assoc_collection_free(coll);
}

static void test_not_null_terminated(void)
{
	/* `len` bytes are read, not up to a NUL: the 'X' after them is ignored. */
	char buf[64];
	assoc_org *org = NULL;
	size_t n = strlen(ORG_HEAD "}");
	memcpy(buf, ORG_HEAD "}X", n + 1);
	ASSERT_OK(assoc_org_from_json(&org, buf, n, NULL));
	assoc_org_free(org);
	/* a trailing NUL counted in len (strlen + 1) is tolerated */
	memcpy(buf, ORG_HEAD "}", n + 1);
	ASSERT_OK(assoc_org_from_json(&org, buf, n + 1, NULL));
	assoc_org_free(org);
	ASSERT_CODE(assoc_org_from_json(&org, NULL, 5, NULL), ASSOC_EINVAL);
	ASSERT_CODE(assoc_org_from_json(NULL, buf, n, NULL), ASSOC_EINVAL);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "examples: write-read-write identical", test_examples_round_trip },
		{ "every examples/data/*.json", test_every_example_file },
		{ "silver-connect values", test_silver_connect_values },
		{ "collection example", test_collection_example },
		{ "writer: exact bytes", test_write_exact },
		{ "revenue_complete: read, written, addressed", test_revenue_complete },
		{ "numbers round-trip bit for bit", test_numbers_round_trip },
		{ "save and load a file", test_save_and_load_file },
		{ "bad inputs: code, path, line, column", test_bad_inputs },
		{ "messages name the value", test_messages_name_the_value },
		{ "labels, currencies, NFC, tri-state", test_labels_and_normalisation },
		{ "limits", test_limits },
		{ "options init", test_options_init },
		{ "lenient mode warnings", test_lenient },
		{ "collection errors", test_collection_errors },
		{ "length, not NUL", test_not_null_terminated },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("json", tests);
}
