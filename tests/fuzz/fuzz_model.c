/*
 * Fuzz target: the JSON model loader (assoc_org_from_json,
 * assoc_collection_from_json), and what is done with what it accepts.
 *
 * Properties checked on every input:
 *   - a refusal is a known error code with a message (FUZZ_CHECK_ERROR),
 *     and no organisation is returned with it;
 *   - an accepted organisation validates (assoc_org_validate), is written
 *     back and read again to the same document (round trip exact), and
 *     scores: assoc_report_new, then the report as JSON and as text;
 *   - lenient mode accepts whatever strict mode refuses for unknown keys only.
 */
#include "fuzz.h"

/* Write, read back, write again: both writings must be the same bytes. */
static void round_trip(const assoc_org *org)
{
	char *a = NULL, *b = NULL;
	assoc_org *again = NULL;
	int rc = assoc_org_to_json(&a, org, ASSOC_WRITE_DEFAULT);
	if (rc == ASSOC_ENOMEM)
		return;
	FUZZ_CHECK(rc == 0, "an accepted organisation can be written");
	rc = assoc_org_from_json(&again, a, strlen(a), NULL);
	if (rc != 0)
		fprintf(stderr, "written: %s\n", a);
	FUZZ_CHECK(rc == 0, "what the writer writes, the reader reads");
	FUZZ_CHECK(assoc_org_to_json(&b, again, ASSOC_WRITE_DEFAULT) == 0, "written again");
	if (strcmp(a, b) != 0)
		fprintf(stderr, "first:  %s\nsecond: %s\n", a, b);
	FUZZ_CHECK(strcmp(a, b) == 0, "the round trip is exact");
	assoc_free(a);
	assoc_free(b);
	assoc_org_free(again);
}

static void score(const assoc_org *org)
{
	assoc_report *rep = NULL;
	char *json = NULL, *text = NULL;
	int rc = assoc_report_new(&rep, org, NULL, NULL);
	if (rc < 0) {
		FUZZ_CHECK_ERROR(rc);
		FUZZ_CHECK(rep == NULL, "no report with an error");
		return;
	}
	FUZZ_CHECK(assoc_report_to_json(&json, rep, ASSOC_WRITE_PRETTY) == 0, "a report can be written as JSON");
	FUZZ_CHECK(assoc_report_to_text(&text, rep) == 0, "a report can be written as text");
	assoc_free(json);
	assoc_free(text);
	assoc_report_free(rep);
}

static void accepted(const assoc_org *org)
{
	FUZZ_CHECK(assoc_org_validate(org) == 0, "a loaded organisation validates");
	round_trip(org);
	score(org);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *json = (const char *)data;
	assoc_org *org = NULL;
	assoc_collection *coll = NULL;
	assoc_load_options lenient = ASSOC_LOAD_OPTIONS_INIT;
	size_t i;
	int rc;

	rc = assoc_org_from_json(&org, json, size, NULL);
	if (rc == 0) {
		accepted(org);
		assoc_org_free(org);
	} else {
		FUZZ_CHECK_ERROR(rc);
		FUZZ_CHECK(org == NULL, "no organisation with an error");
		if (rc == ASSOC_EUNKNOWNKEY) {
			lenient.lenient = 1;
			rc = assoc_org_from_json(&org, json, size, &lenient);
			if (rc == 0) {
				FUZZ_CHECK(assoc_org_warning_count(org) > 0,
					   "lenient mode warns about the unknown key");
				accepted(org);
				assoc_org_free(org);
			} else {
				FUZZ_CHECK_ERROR(rc);
			}
		}
	}

	rc = assoc_collection_from_json(&coll, json, size, NULL);
	if (rc == 0) {
		for (i = 0; i < assoc_collection_count(coll); i++)
			FUZZ_CHECK(assoc_org_validate(assoc_collection_get(coll, i)) == 0,
				   "collection members validate");
		assoc_collection_free(coll);
	} else {
		FUZZ_CHECK_ERROR(rc);
		FUZZ_CHECK(coll == NULL, "no collection with an error");
	}
	return 0;
}
