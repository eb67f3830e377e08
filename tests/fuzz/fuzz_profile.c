/*
 * Fuzz target: the scoring-profile loader (assoc_profile_from_json), and
 * scoring with whatever profile it accepts.
 *
 * Properties: a refusal is a known error code with a message and no
 * profile; an accepted profile is written back canonically and read again
 * to the same bytes; scoring the example organisations with it either
 * succeeds (the report then writes as JSON) or fails with a known code and
 * a message; a constant lookup either finds a finite value or says ENOTFOUND.
 */
#include <math.h>
#include "fuzz.h"

static const char *const org_files[] = {
	ASSOC_SOURCE_DIR "/examples/data/silver-connect.json",
	ASSOC_SOURCE_DIR "/examples/data/us-food-bank.json",
};
#define N_ORGS (sizeof org_files / sizeof org_files[0])
static assoc_org *orgs[N_ORGS];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t i;
	(void)argc;
	(void)argv;
	for (i = 0; i < N_ORGS; i++)
		if (assoc_org_load_file(&orgs[i], org_files[i], NULL) != 0) {
			fprintf(stderr, "fuzz_profile: cannot load %s: %s\n", org_files[i],
				assoc_error_last()->message);
			abort();
		}
	return 0;
}

static void round_trip(const assoc_profile *p)
{
	char *a = NULL, *b = NULL;
	assoc_profile *again = NULL;
	int rc = assoc_profile_to_json(&a, p, ASSOC_WRITE_DEFAULT);
	if (rc == ASSOC_ENOMEM)
		return;
	FUZZ_CHECK(rc == 0, "an accepted profile can be written");
	rc = assoc_profile_from_json(&again, a, strlen(a));
	if (rc != 0)
		fprintf(stderr, "written: %s\n", a);
	FUZZ_CHECK(rc == 0, "what the writer writes, the reader reads");
	FUZZ_CHECK(assoc_profile_to_json(&b, again, ASSOC_WRITE_DEFAULT) == 0, "written again");
	FUZZ_CHECK(strcmp(a, b) == 0, "the round trip is exact");
	assoc_free(a);
	assoc_free(b);
	assoc_profile_free(again);
}

static void score(const assoc_profile *p, const assoc_org *org)
{
	assoc_report *rep = NULL;
	char *json = NULL;
	double v;
	int rc = assoc_report_new(&rep, org, p, NULL);
	if (rc < 0) {
		FUZZ_CHECK_ERROR(rc);
		FUZZ_CHECK(rep == NULL, "no report with an error");
	} else {
		FUZZ_CHECK(assoc_report_to_json(&json, rep, ASSOC_WRITE_DEFAULT) == 0, "the report can be written");
		assoc_free(json);
		assoc_report_free(rep);
	}
	rc = assoc_profile_constant(&v, NULL, p, "fte_hours", org);
	if (rc == 0)
		FUZZ_CHECK(isfinite(v), "a constant is finite");
	else
		FUZZ_CHECK(rc == ASSOC_ENOTFOUND, "a constant is there or not found");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	assoc_profile *p = NULL;
	size_t i;
	int rc = assoc_profile_from_json(&p, (const char *)data, size);
	if (rc < 0) {
		FUZZ_CHECK_ERROR(rc);
		FUZZ_CHECK(p == NULL, "no profile with an error");
		return 0;
	}
	FUZZ_CHECK(assoc_profile_id(p) != NULL, "a profile has an id");
	round_trip(p);
	for (i = 0; i < N_ORGS; i++)
		score(p, orgs[i]);
	assoc_profile_free(p);
	return 0;
}
