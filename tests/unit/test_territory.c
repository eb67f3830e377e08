/*
 * French INSEE territory codes and identifier formats (lib/territory.c).
 * Expected values are the Code officiel géographique (INSEE, régions of
 * 2016): 18 régions, 101 départements, formulas.md §4.
 */
#include <string.h>
#include "harness.h"
#include "territory.h"
#include "error.h"

static void test_regions(void)
{
	/* formulas.md §4 lists exactly these 18 codes. */
	static const char *const valid[] = {"01", "02", "03", "04", "06", "11", "24", "27", "28",
					    "32", "44", "52", "53", "75", "76", "84", "93", "94"};
	size_t i;
	int n = 0;
	char code[3];
	for (i = 0; i < sizeof valid / sizeof valid[0]; i++)
		CU_ASSERT_TRUE(assoc__fr_region_valid(valid[i]));
	/* Count over every two-digit string: exactly the 18. */
	for (i = 0; i < 100; i++) {
		snprintf(code, sizeof code, "%02u", (unsigned)i);
		n += assoc__fr_region_valid(code);
	}
	CU_ASSERT_EQUAL(n, 18);
	/* Old (pre-2016) région codes, unpadded codes and numbers are not codes. */
	CU_ASSERT_FALSE(assoc__fr_region_valid("54")); /* Poitou-Charentes, merged into 75 */
	CU_ASSERT_FALSE(assoc__fr_region_valid("99"));
	CU_ASSERT_FALSE(assoc__fr_region_valid("1"));
	CU_ASSERT_FALSE(assoc__fr_region_valid("011"));
	CU_ASSERT_FALSE(assoc__fr_region_valid(""));
	CU_ASSERT_FALSE(assoc__fr_region_valid(NULL));
}

static void test_departements(void)
{
	char code[4];
	unsigned i;
	int n = 0;
	/* 01..95 except 20: 94 codes; + 2A, 2B; + 971..974, 976 = 101. */
	for (i = 0; i < 100; i++) {
		snprintf(code, sizeof code, "%02u", i);
		n += assoc__fr_departement_valid(code);
	}
	CU_ASSERT_EQUAL(n, 94);
	CU_ASSERT_FALSE(assoc__fr_departement_valid("00"));
	CU_ASSERT_FALSE(assoc__fr_departement_valid("20")); /* Corsica was split in 1976 */
	CU_ASSERT_FALSE(assoc__fr_departement_valid("96"));
	CU_ASSERT_TRUE(assoc__fr_departement_valid("2A"));
	CU_ASSERT_TRUE(assoc__fr_departement_valid("2B"));
	CU_ASSERT_FALSE(assoc__fr_departement_valid("2a")); /* INSEE codes are upper case */
	CU_ASSERT_FALSE(assoc__fr_departement_valid("2C"));
	for (i = 970; i < 1000; i++) {
		snprintf(code, sizeof code, "%u", i);
		n += assoc__fr_departement_valid(code);
	}
	/* 971, 972, 973, 974, 976; not 975 (Saint-Pierre-et-Miquelon), 977, 978 (COM). */
	CU_ASSERT_EQUAL(n, 94 + 5);
	CU_ASSERT_FALSE(assoc__fr_departement_valid("975"));
	CU_ASSERT_FALSE(assoc__fr_departement_valid("986"));
	CU_ASSERT_FALSE(assoc__fr_departement_valid("1"));
	CU_ASSERT_FALSE(assoc__fr_departement_valid(NULL));
}

static void test_departement_region(void)
{
	size_t i;
	int counts[100] = {0};
	char code[4];
	/* Values given in the task and well known: Vienne is in Nouvelle-Aquitaine,
	 * Loire-Atlantique in Pays de la Loire, Corse-du-Sud in Corse,
	 * Guadeloupe is its own région 01, Mayotte 06, Paris in Île-de-France. */
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("86"), "75");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("44"), "52");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("2A"), "94");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("2B"), "94");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("971"), "01");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("972"), "02");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("973"), "03");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("974"), "04");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("976"), "06");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("75"), "11");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("69"), "84");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("13"), "93");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("67"), "44");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("59"), "32");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("31"), "76");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("35"), "53");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("21"), "27");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("45"), "24");
	CU_ASSERT_STRING_EQUAL(assoc__fr_departement_region("76"), "28");
	CU_ASSERT_PTR_NULL(assoc__fr_departement_region("20"));
	/* Number of départements per région (INSEE COG 2016+): ARA 12, BFC 8,
	 * Bretagne 4, Centre-Val de Loire 6, Corse 2, Grand Est 10, Hauts-de-France
	 * 5, Île-de-France 8, Normandie 5, Nouvelle-Aquitaine 12, Occitanie 13,
	 * Pays de la Loire 5, PACA 6, and 1 for each overseas région. */
	for (i = 0; i < 1000; i++) {
		const char *r;
		if (i < 100)
			snprintf(code, sizeof code, "%02u", (unsigned)i);
		else
			snprintf(code, sizeof code, "%u", (unsigned)i);
		r = assoc__fr_departement_region(code);
		if (r) {
			CU_ASSERT_TRUE(assoc__fr_region_valid(r));
			counts[(r[0] - '0') * 10 + (r[1] - '0')]++;
		}
	}
	counts[94] += 2; /* 2A, 2B are not numeric */
	CU_ASSERT_EQUAL(counts[84], 12);
	CU_ASSERT_EQUAL(counts[27], 8);
	CU_ASSERT_EQUAL(counts[53], 4);
	CU_ASSERT_EQUAL(counts[24], 6);
	CU_ASSERT_EQUAL(counts[94], 2);
	CU_ASSERT_EQUAL(counts[44], 10);
	CU_ASSERT_EQUAL(counts[32], 5);
	CU_ASSERT_EQUAL(counts[11], 8);
	CU_ASSERT_EQUAL(counts[28], 5);
	CU_ASSERT_EQUAL(counts[75], 12);
	CU_ASSERT_EQUAL(counts[76], 13);
	CU_ASSERT_EQUAL(counts[52], 5);
	CU_ASSERT_EQUAL(counts[93], 6);
	CU_ASSERT_EQUAL(counts[1] + counts[2] + counts[3] + counts[4] + counts[6], 5);
}

static void test_communes(void)
{
	char dep[4];
	CU_ASSERT_TRUE(assoc__fr_commune_departement(dep, "86194")); /* Poitiers */
	CU_ASSERT_STRING_EQUAL(dep, "86");
	CU_ASSERT_TRUE(assoc__fr_commune_departement(dep, "2A004")); /* Ajaccio */
	CU_ASSERT_STRING_EQUAL(dep, "2A");
	CU_ASSERT_TRUE(assoc__fr_commune_departement(dep, "2B033")); /* Bastia */
	CU_ASSERT_STRING_EQUAL(dep, "2B");
	CU_ASSERT_TRUE(assoc__fr_commune_departement(dep, "97411")); /* Saint-Denis (La Réunion) */
	CU_ASSERT_STRING_EQUAL(dep, "974");
	CU_ASSERT_TRUE(assoc__fr_commune_departement(dep, "97611")); /* Mamoudzou */
	CU_ASSERT_STRING_EQUAL(dep, "976");
	CU_ASSERT_TRUE(assoc__fr_commune_departement(dep, "75056")); /* Paris */
	CU_ASSERT_STRING_EQUAL(dep, "75");
	CU_ASSERT_FALSE(assoc__fr_commune_departement(dep, "20004")); /* pre-1976 Corsica */
	CU_ASSERT_STRING_EQUAL(dep, "");
	CU_ASSERT_FALSE(assoc__fr_commune_departement(dep, "97501")); /* Saint-Pierre: a COM */
	CU_ASSERT_FALSE(assoc__fr_commune_departement(dep, "8619"));
	CU_ASSERT_FALSE(assoc__fr_commune_departement(dep, "861940"));
	CU_ASSERT_FALSE(assoc__fr_commune_departement(dep, "86A94"));
	CU_ASSERT_FALSE(assoc__fr_commune_departement(dep, "2A0B4"));
	CU_ASSERT_FALSE(assoc__fr_commune_departement(dep, "00001"));
	CU_ASSERT_FALSE(assoc__fr_commune_departement(dep, NULL));
}

/* A territory from four codes (NULL = absent). */
static assoc__territory terr(const char *country, const char *region, const char *dep, const char *commune)
{
	assoc__territory t;
	t.country = (char *)country;
	t.region = (char *)region;
	t.departement = (char *)dep;
	t.commune = (char *)commune;
	return t;
}

/* Assert the check of `t` gives `code` and, on failure, the error `path`. */
static void expect(assoc__territory t, int code, const char *path)
{
	int rc = assoc__territory_check(&t, "/territory");
	CU_ASSERT_EQUAL(rc, code);
	if (rc != code)
		fprintf(stderr, "\n  got %d at '%s': %s (expected %d at %s)\n", rc, assoc_error_last()->path,
			assoc_error_last()->message, code, path ? path : "(none)");
	if (code)
		CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, path);
}

static void test_territory_check(void)
{
	expect(terr("FR", "75", "86", "86194"), 0, NULL);
	expect(terr("fr", "75", "86", "86194"), 0, NULL); /* country case does not matter */
	expect(terr("FR", "94", "2A", "2A004"), 0, NULL);
	expect(terr("FR", "04", "974", "97411"), 0, NULL);
	expect(terr("FR", NULL, NULL, NULL), 0, NULL);
	expect(terr(NULL, NULL, NULL, NULL), 0, NULL);
	expect(terr("FR", "75", NULL, "86194"), 0, NULL); /* commune checked against the région */
	expect(terr("FR", NULL, "86", NULL), 0, NULL);
	expect(terr("FR", "99", NULL, NULL), ASSOC_ETERRITORY, "/territory/region");
	expect(terr("FR", NULL, "20", NULL), ASSOC_ETERRITORY, "/territory/departement");
	expect(terr("FR", NULL, NULL, "2000"), ASSOC_ETERRITORY, "/territory/commune");
	/* Consistency: the finer code is blamed. */
	expect(terr("FR", "52", "86", NULL), ASSOC_ETERRITORY, "/territory/departement");
	expect(terr("FR", "75", "86", "44109"), ASSOC_ETERRITORY, "/territory/commune");
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "44109"));
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "'86'"));
	expect(terr("FR", "52", NULL, "86194"), ASSOC_ETERRITORY, "/territory/commune");
	expect(terr("FR", "01", "972", NULL), ASSOC_ETERRITORY, "/territory/departement");
	/* Other countries: codes are opaque, "20" and "99" are fine there. */
	expect(terr("US", "US-OH", "20", "99"), 0, NULL);
	expect(terr("GB", "GB-ENG", "GB-MAN", NULL), 0, NULL);
	/* Without a country nothing can be interpreted. */
	expect(terr(NULL, "99", "20", NULL), 0, NULL);
	/* The country itself must look like ISO 3166-1 alpha-2. */
	expect(terr("FRA", NULL, NULL, NULL), ASSOC_ETERRITORY, "/territory/country");
	expect(terr("F1", NULL, NULL, NULL), ASSOC_ETERRITORY, "/territory/country");
	expect(terr("", NULL, NULL, NULL), ASSOC_ETERRITORY, "/territory/country");
}

static void test_ident_formats(void)
{
	/* RNA: W + 9 digits; Corsica W2A/W2B + 7 digits. */
	CU_ASSERT_TRUE(assoc__ident_value_valid(ASSOC_ID_RNA, "W751234567"));
	CU_ASSERT_TRUE(assoc__ident_value_valid(ASSOC_ID_RNA, "W2A1000001"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_RNA, "W75123456"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_RNA, "751234567"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_RNA, "w751234567"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_RNA, "W2C1000001"));
	/* SIREN 9, SIRET 14 digits. */
	CU_ASSERT_TRUE(assoc__ident_value_valid(ASSOC_ID_SIREN, "912345672"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_SIREN, "91234567"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_SIREN, "9123456720"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_SIREN, "912 345 672"));
	CU_ASSERT_TRUE(assoc__ident_value_valid(ASSOC_ID_SIRET, "91234567200015"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_SIRET, "912345672"));
	/* EIN: 9 digits or NN-NNNNNNN. */
	CU_ASSERT_TRUE(assoc__ident_value_valid(ASSOC_ID_EIN, "841234567"));
	CU_ASSERT_TRUE(assoc__ident_value_valid(ASSOC_ID_EIN, "84-1234567"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_EIN, "841-234567"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_EIN, "84-123456"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_EIN, "8412345678"));
	/* England & Wales charity numbers: 6-8 digits, "-N" for a subsidiary. */
	CU_ASSERT_TRUE(assoc__ident_value_valid(ASSOC_ID_GB_CHC, "1136419"));
	CU_ASSERT_TRUE(assoc__ident_value_valid(ASSOC_ID_GB_CHC, "202918"));
	CU_ASSERT_TRUE(assoc__ident_value_valid(ASSOC_ID_GB_CHC, "1136419-1"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_GB_CHC, "12345"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_GB_CHC, "123456789"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_GB_CHC, "1136419-"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_GB_CHC, "1136419-A"));
	/* org-id.guide: PREFIX-LIST-identifier. */
	CU_ASSERT_TRUE(assoc__ident_value_valid(ASSOC_ID_ORG_ID, "GB-CHC-1136419"));
	CU_ASSERT_TRUE(assoc__ident_value_valid(ASSOC_ID_ORG_ID, "FR-RNA-W751234567"));
	CU_ASSERT_TRUE(assoc__ident_value_valid(ASSOC_ID_ORG_ID, "XI-IATI-ABC"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_ORG_ID, "GB-1136419"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_ORG_ID, "gb-chc-1136419"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_ORG_ID, "GB-CHC-"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_ORG_ID, "GB-CHC-11 36"));
	/* other: opaque but not empty; unknown scheme: never valid. */
	CU_ASSERT_TRUE(assoc__ident_value_valid(ASSOC_ID_OTHER, "departement-86"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_OTHER, ""));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID__COUNT, "1"));
	CU_ASSERT_FALSE(assoc__ident_value_valid(ASSOC_ID_SIREN, NULL));
}

static void test_ident_check(void)
{
	assoc__ident id;
	id.scheme = -1;
	id.value = NULL;
	ASSERT_OK(assoc__ident_check(&id, "/id")); /* absent as a whole */
	id.scheme = ASSOC_ID_SIREN;
	ASSERT_CODE(assoc__ident_check(&id, "/id"), ASSOC_EMISSING);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/id/value");
	id.value = (char *)"12345";
	ASSERT_CODE(assoc__ident_check(&id, "/id"), ASSOC_EVALUE);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/id/value");
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "'12345'"));
	id.scheme = -1;
	ASSERT_CODE(assoc__ident_check(&id, "/alliances/0/partners/1/identifier"), ASSOC_EMISSING);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/alliances/0/partners/1/identifier/scheme");
	id.scheme = ASSOC_ID_EIN;
	id.value = (char *)"12-3456789";
	ASSERT_OK(assoc__ident_check(&id, "/id"));
}

int main(void)
{
	CU_TestInfo tests[] = {
		{"région codes", test_regions},
		{"département codes", test_departements},
		{"département to région", test_departement_region},
		{"commune codes", test_communes},
		{"territory check", test_territory_check},
		{"identifier formats", test_ident_formats},
		{"identifier check", test_ident_check},
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("territory", tests);
}
