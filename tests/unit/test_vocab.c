/*
 * Vocabularies (lib/vocab.c): tables, matching, errors, the glossary.
 * Expected French labels are the usual terms of the sector (Le RAMEAU's four
 * families, Tchernonog & Prouteau's resource names, the lecture's kinds of
 * people); expected streams follow the comments of include/assoc/vocab.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "error.h"
#include "text.h"
#include "util.h"

static const int enum_counts[ASSOC_VOCAB__COUNT] = {
	ASSOC_STREAM__COUNT, ASSOC_CAT__COUNT, ASSOC_MODE__COUNT, ASSOC_PEOPLE__COUNT,
	ASSOC_PARTNER__COUNT, ASSOC_LEVEL__COUNT, ASSOC_FAMILY__COUNT, ASSOC_PRACTICE__COUNT,
	ASSOC_CONTRIB__COUNT, ASSOC_SCOPE__COUNT, ASSOC_ID__COUNT, ASSOC_INKIND__COUNT,
};

static void expect_match(assoc_vocab v, const char *label, int want)
{
	int got = -2;
	int rc = assoc_vocab_match(&got, v, label);
	if (rc != 0 || got != want)
		fprintf(stderr, "\n  %s \"%s\" -> rc %d term %d, expected %d (%s)\n", assoc_vocab_name(v),
			label, rc, got, want, assoc_error_last()->message);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(got, want);
}

static void test_sizes_and_names(void)
{
	static const char *names[] = { "stream", "category", "mode", "person_kind", "partner_kind",
		"public_level", "family", "practice", "contribution_kind", "scope", "id_scheme", "inkind_kind" };
	int v;
	for (v = 0; v < ASSOC_VOCAB__COUNT; v++) {
		CU_ASSERT_EQUAL(assoc_vocab_size((assoc_vocab)v), enum_counts[v]);
		CU_ASSERT_STRING_EQUAL(assoc_vocab_name((assoc_vocab)v), names[v]);
	}
	CU_ASSERT_EQUAL(assoc_vocab_size(ASSOC_VOCAB__COUNT), 0);
	CU_ASSERT_EQUAL(assoc_vocab_size((assoc_vocab)-1), 0);
	CU_ASSERT_PTR_NULL(assoc_vocab_name(ASSOC_VOCAB__COUNT));
	CU_ASSERT_PTR_NULL(assoc_vocab_id(ASSOC_VOCAB_FAMILY, -1));
	CU_ASSERT_PTR_NULL(assoc_vocab_id(ASSOC_VOCAB_FAMILY, ASSOC_FAMILY__COUNT));
	CU_ASSERT_PTR_NULL(assoc_vocab_label_en(ASSOC_VOCAB__COUNT, 0));
	CU_ASSERT_PTR_NULL(assoc_vocab_label_fr(ASSOC_VOCAB_MODE, ASSOC_MODE__COUNT));
	CU_ASSERT_PTR_NULL(assoc__vocab_keys(ASSOC_VOCAB_MODE, 99));
}

/* Ids are the lower snake_case of the enum names (spot checks of each rule). */
static void test_ids(void)
{
	CU_ASSERT_STRING_EQUAL(assoc_vocab_id(ASSOC_VOCAB_CATEGORY, ASSOC_CAT_SUBSIDY_DEPARTEMENT), "subsidy_departement");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_id(ASSOC_VOCAB_CATEGORY, ASSOC_CAT_MEMBERSHIP_DUES), "membership_dues");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_id(ASSOC_VOCAB_CATEGORY, ASSOC_CAT_OTHER_INCOME), "other_income");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_id(ASSOC_VOCAB_PERSON_KIND, ASSOC_PEOPLE_CIVIC_SERVICE), "civic_service");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_id(ASSOC_VOCAB_ID_SCHEME, ASSOC_ID_GB_CHC), "gb_chc");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_id(ASSOC_VOCAB_PRACTICE, ASSOC_PRACTICE_CO_CREATED_SOLUTION), "co_created_solution");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_id(ASSOC_VOCAB_STREAM, ASSOC_STREAM_FINANCIAL_OTHER), "financial_other");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_id(ASSOC_VOCAB_MODE, ASSOC_MODE_CO_CONSTRUCTION), "co_construction");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_id(ASSOC_VOCAB_PARTNER_KIND, ASSOC_PARTNER_SOCIAL_ENTERPRISE), "social_enterprise");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_id(ASSOC_VOCAB_PUBLIC_LEVEL, ASSOC_LEVEL_SOCIAL_BODY), "social_body");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_id(ASSOC_VOCAB_FAMILY, ASSOC_FAMILY_INTER_ASSOCIATION), "inter_association");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_id(ASSOC_VOCAB_CONTRIBUTION_KIND, ASSOC_CONTRIB_TERRITORY_KNOWLEDGE), "territory_knowledge");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_id(ASSOC_VOCAB_SCOPE, ASSOC_SCOPE_DEPARTEMENTAL), "departemental");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_id(ASSOC_VOCAB_INKIND_KIND, ASSOC_INKIND_SERVICES), "services");
}

static int is_snake(const char *s)
{
	if (!*s || *s == '_')
		return 0;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_') ||
		    (*s == '_' && (s[1] == '_' || s[1] == '\0')))
			return 0;
	return 1;
}

/* Key of `s`, or "" on failure (reported by the assertion). */
static char *key_of(const char *s)
{
	char *k = NULL;
	ASSERT_OK(assoc_text_match_key(&k, s));
	return k ? k : assoc__strdup("");
}

/* Does the '|'-list contain `key`, or is `key` the id's own key? */
static int accepted(const char *key, const char *id, const char *keys)
{
	char *idk = key_of(id);
	int found = strcmp(idk, key) == 0;
	const char *p = keys;
	size_t n = strlen(key);
	assoc__free(idk);
	while (!found && p) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		found = len == n && memcmp(p, key, n) == 0;
		p = bar ? bar + 1 : NULL;
	}
	return found;
}

static void check_term(assoc_vocab v, int t)
{
	const char *id = assoc_vocab_id(v, t), *en = assoc_vocab_label_en(v, t);
	const char *fr = assoc_vocab_label_fr(v, t), *keys = assoc__vocab_keys(v, t);
	char *k, *nfc = NULL;
	CU_ASSERT_PTR_NOT_NULL_FATAL(id);
	CU_ASSERT_PTR_NOT_NULL_FATAL(en);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(keys);
	CU_ASSERT(is_snake(id));
	/* French labels are valid UTF-8 in NFC (precomposed accents). */
	CU_ASSERT_EQUAL(assoc__utf8_check(fr, strlen(fr)), 0);
	ASSERT_OK(assoc__nfc(&nfc, fr));
	CU_ASSERT_STRING_EQUAL(nfc, fr);
	assoc__free(nfc);
	/* Round trip: id, labels and every key name this very term. */
	expect_match(v, id, t);
	expect_match(v, en, t);
	expect_match(v, fr, t);
	k = key_of(en);
	CU_ASSERT(accepted(k, id, keys));
	assoc__free(k);
	k = key_of(fr);
	if (!accepted(k, id, keys))
		fprintf(stderr, "\n  key of French label \"%s\" (\"%s\") not listed\n", fr, k);
	CU_ASSERT(accepted(k, id, keys));
	assoc__free(k);
}

/* Every written key is folded already (key(k) == k), matches its term, and
 * is not the identifier's own key (which the matcher derives by itself). */
static void check_keys(assoc_vocab v, int t)
{
	char buf[256];
	const char *p = assoc__vocab_keys(v, t);
	char *idk = key_of(assoc_vocab_id(v, t));
	while (p && *p) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		char *k;
		snprintf(buf, sizeof buf, "%.*s", (int)len, p);
		k = key_of(buf);
		if (strcmp(k, buf) != 0)
			fprintf(stderr, "\n  key \"%s\" is not folded (\"%s\")\n", buf, k);
		CU_ASSERT_STRING_EQUAL(k, buf);
		assoc__free(k);
		expect_match(v, buf, t);
		if (strcmp(buf, idk) == 0)
			fprintf(stderr, "\n  key \"%s\" repeats the id\n", buf);
		CU_ASSERT_STRING_NOT_EQUAL(buf, idk);
		p = bar ? bar + 1 : NULL;
	}
	assoc__free(idk);
}

static void test_every_term_round_trips(void)
{
	int v, t;
	for (v = 0; v < ASSOC_VOCAB__COUNT; v++) {
		for (t = 0; t < assoc_vocab_size((assoc_vocab)v); t++) {
			check_term((assoc_vocab)v, t);
			check_keys((assoc_vocab)v, t);
		}
	}
}

/* No key names two terms of one vocabulary (else matching would depend on row order). */
static void test_keys_unambiguous(void)
{
	int v, t, u;
	char buf[256];
	for (v = 0; v < ASSOC_VOCAB__COUNT; v++) {
		for (t = 0; t < assoc_vocab_size((assoc_vocab)v); t++) {
			char *idk = key_of(assoc_vocab_id((assoc_vocab)v, t));
			const char *p = assoc__vocab_keys((assoc_vocab)v, t);
			for (u = 0; u < assoc_vocab_size((assoc_vocab)v); u++) {
				if (u != t && accepted(idk, assoc_vocab_id((assoc_vocab)v, u),
						       assoc__vocab_keys((assoc_vocab)v, u))) {
					fprintf(stderr, "\n  %s: id key \"%s\" also names %s\n",
						assoc_vocab_name((assoc_vocab)v), idk, assoc_vocab_id((assoc_vocab)v, u));
					CU_FAIL("ambiguous id");
				}
			}
			assoc__free(idk);
			while (p && *p) {
				const char *bar = strchr(p, '|');
				size_t len = bar ? (size_t)(bar - p) : strlen(p);
				snprintf(buf, sizeof buf, "%.*s", (int)len, p);
				for (u = 0; u < assoc_vocab_size((assoc_vocab)v); u++) {
					if (u != t && accepted(buf, assoc_vocab_id((assoc_vocab)v, u),
							       assoc__vocab_keys((assoc_vocab)v, u))) {
						fprintf(stderr, "\n  %s: key \"%s\" names %s and %s\n",
							assoc_vocab_name((assoc_vocab)v), buf,
							assoc_vocab_id((assoc_vocab)v, t), assoc_vocab_id((assoc_vocab)v, u));
						CU_FAIL("ambiguous key");
					}
				}
				p = bar ? bar + 1 : NULL;
			}
		}
	}
}

static void test_french_labels(void)
{
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_fr(ASSOC_VOCAB_CATEGORY, ASSOC_CAT_SUBSIDY_DEPARTEMENT),
			       "Subvention du d\xC3\xA9partement");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_fr(ASSOC_VOCAB_FAMILY, ASSOC_FAMILY_MECENAT), "M\xC3\xA9" "c\xC3\xA9nat");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_fr(ASSOC_VOCAB_FAMILY, ASSOC_FAMILY_PRATIQUES_RESPONSABLES),
			       "Pratiques responsables");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_fr(ASSOC_VOCAB_FAMILY, ASSOC_FAMILY_COOPERATION_ECONOMIQUE),
			       "Coop\xC3\xA9ration \xC3\xA9" "conomique");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_fr(ASSOC_VOCAB_FAMILY, ASSOC_FAMILY_INNOVATION_SOCIETALE),
			       "Innovation soci\xC3\xA9tale");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_fr(ASSOC_VOCAB_PERSON_KIND, ASSOC_PEOPLE_VOLUNTEERS), "B\xC3\xA9n\xC3\xA9voles");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_fr(ASSOC_VOCAB_PERSON_KIND, ASSOC_PEOPLE_EMPLOYEES), "Salari\xC3\xA9s");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_fr(ASSOC_VOCAB_PERSON_KIND, ASSOC_PEOPLE_CIVIC_SERVICE),
			       "Volontaires en service civique");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_fr(ASSOC_VOCAB_PERSON_KIND, ASSOC_PEOPLE_SKILLS_SPONSORSHIP),
			       "M\xC3\xA9" "c\xC3\xA9nat de comp\xC3\xA9tences");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_fr(ASSOC_VOCAB_STREAM, ASSOC_STREAM_DUES), "Cotisations");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_fr(ASSOC_VOCAB_STREAM, ASSOC_STREAM_GIFTS), "Dons et m\xC3\xA9" "c\xC3\xA9nat");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_fr(ASSOC_VOCAB_STREAM, ASSOC_STREAM_PUBLIC_SUBSIDIES), "Subventions publiques");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_fr(ASSOC_VOCAB_STREAM, ASSOC_STREAM_PUBLIC_CONTRACTS), "Commandes publiques");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_en(ASSOC_VOCAB_FAMILY, ASSOC_FAMILY_MECENAT), "Patronage");
	CU_ASSERT_STRING_EQUAL(assoc_vocab_label_en(ASSOC_VOCAB_PERSON_KIND, ASSOC_PEOPLE_SKILLS_SPONSORSHIP),
			       "Skills sponsorship");
}

static void test_aliases(void)
{
	expect_match(ASSOC_VOCAB_STREAM, "dons", ASSOC_STREAM_GIFTS);
	expect_match(ASSOC_VOCAB_STREAM, "DONS", ASSOC_STREAM_GIFTS);
	expect_match(ASSOC_VOCAB_STREAM, "subventions", ASSOC_STREAM_PUBLIC_SUBSIDIES);
	expect_match(ASSOC_VOCAB_STREAM, "Commande publique", ASSOC_STREAM_PUBLIC_CONTRACTS);
	expect_match(ASSOC_VOCAB_CATEGORY, "cotisations", ASSOC_CAT_MEMBERSHIP_DUES);
	expect_match(ASSOC_VOCAB_CATEGORY, "Subvention du d\xC3\xA9partement", ASSOC_CAT_SUBSIDY_DEPARTEMENT);
	expect_match(ASSOC_VOCAB_CATEGORY, "conseil d\xC3\xA9partemental", ASSOC_CAT_SUBSIDY_DEPARTEMENT);
	expect_match(ASSOC_VOCAB_CATEGORY, "M\xC3\xA9" "c\xC3\xA9nat d\xE2\x80\x99" "entreprise", ASSOC_CAT_CORPORATE_PATRONAGE);
	expect_match(ASSOC_VOCAB_CATEGORY, "SUBVENTION-DU-DEPARTEMENT", ASSOC_CAT_SUBSIDY_DEPARTEMENT);
	expect_match(ASSOC_VOCAB_CATEGORY, "Government grants", ASSOC_CAT_SUBSIDY_OTHER_PUBLIC);
	expect_match(ASSOC_VOCAB_FAMILY, "M\xC3\xA9" "c\xC3\xA9nat", ASSOC_FAMILY_MECENAT);
	expect_match(ASSOC_VOCAB_FAMILY, "MECENAT", ASSOC_FAMILY_MECENAT);
	expect_match(ASSOC_VOCAB_FAMILY, "mecenat", ASSOC_FAMILY_MECENAT);
	expect_match(ASSOC_VOCAB_FAMILY, "Me\xCC\x81" "ce\xCC\x81nat", ASSOC_FAMILY_MECENAT); /* decomposed */
	expect_match(ASSOC_VOCAB_FAMILY, "patronage", ASSOC_FAMILY_MECENAT);
	expect_match(ASSOC_VOCAB_FAMILY, "Corporate Philanthropy", ASSOC_FAMILY_MECENAT);
	expect_match(ASSOC_VOCAB_FAMILY, "innovation soci\xC3\xA9tale", ASSOC_FAMILY_INNOVATION_SOCIETALE);
	expect_match(ASSOC_VOCAB_PERSON_KIND, "b\xC3\xA9n\xC3\xA9voles", ASSOC_PEOPLE_VOLUNTEERS);
	expect_match(ASSOC_VOCAB_PERSON_KIND, "salari\xC3\xA9s", ASSOC_PEOPLE_EMPLOYEES);
	expect_match(ASSOC_VOCAB_PERSON_KIND, "m\xC3\xA9" "c\xC3\xA9nat de comp\xC3\xA9tences", ASSOC_PEOPLE_SKILLS_SPONSORSHIP);
	expect_match(ASSOC_VOCAB_PERSON_KIND, "Mecenat-de-competences", ASSOC_PEOPLE_SKILLS_SPONSORSHIP);
	expect_match(ASSOC_VOCAB_PERSON_KIND, "  Service   civique ", ASSOC_PEOPLE_CIVIC_SERVICE);
	expect_match(ASSOC_VOCAB_ID_SCHEME, "GB-CHC", ASSOC_ID_GB_CHC);
	expect_match(ASSOC_VOCAB_ID_SCHEME, "charity number", ASSOC_ID_GB_CHC);
	expect_match(ASSOC_VOCAB_ID_SCHEME, "org-id", ASSOC_ID_ORG_ID);
	expect_match(ASSOC_VOCAB_MODE, "co-construction", ASSOC_MODE_CO_CONSTRUCTION);
	expect_match(ASSOC_VOCAB_MODE, "Co Construction", ASSOC_MODE_CO_CONSTRUCTION);
	expect_match(ASSOC_VOCAB_MODE, "\xC3\xA9" "change", ASSOC_MODE_EXCHANGE);
	expect_match(ASSOC_VOCAB_PUBLIC_LEVEL, "\xC3\x89tat", ASSOC_LEVEL_STATE);
	expect_match(ASSOC_VOCAB_PUBLIC_LEVEL, "EPCI", ASSOC_LEVEL_INTERCOMMUNALITY);
	/* The SCDL register's "nature" column writes "aide en numéraire". */
	expect_match(ASSOC_VOCAB_CONTRIBUTION_KIND, "aide en num\xC3\xA9raire", ASSOC_CONTRIB_MONEY);
}

static void test_long_label_slow_path(void)
{
	/* 150 spaces, then the label: longer than the 128-byte stack buffer. */
	char label[200];
	memset(label, ' ', 150);
	snprintf(label + 150, sizeof label - 150, "Pooled-Resources");
	expect_match(ASSOC_VOCAB_PRACTICE, label, ASSOC_PRACTICE_POOLED_RESOURCES);
}

static void test_unknown_label_message(void)
{
	int t = 7;
	assoc_error_clear();
	ASSERT_CODE(assoc_vocab_match(&t, ASSOC_VOCAB_FAMILY, "Sponsoring"), ASSOC_ELABEL);
	CU_ASSERT_EQUAL(t, -1);
	CU_ASSERT_EQUAL(assoc_error_last()->code, ASSOC_ELABEL);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->message,
		"unknown family \"Sponsoring\"; expected one of: mecenat, pratiques_responsables, "
		"cooperation_economique, innovation_societale, public_partnership, inter_association");
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "");
	/* The internal variant records the path. */
	ASSERT_CODE(assoc__vocab_match_at(&t, ASSOC_VOCAB_MODE, "loan", "/years/0/revenue/3/mode"), ASSOC_ELABEL);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/years/0/revenue/3/mode");
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->message,
		"unknown mode \"loan\"; expected one of: gift, exchange, investment, co_construction");
	/* Blank names nothing; a near miss is not guessed. */
	ASSERT_CODE(assoc_vocab_match(&t, ASSOC_VOCAB_SCOPE, ""), ASSOC_ELABEL);
	ASSERT_CODE(assoc_vocab_match(&t, ASSOC_VOCAB_SCOPE, " - "), ASSOC_ELABEL);
	ASSERT_CODE(assoc_vocab_match(&t, ASSOC_VOCAB_SCOPE, "nationals"), ASSOC_ELABEL);
	/* A term of another vocabulary is unknown here. */
	ASSERT_CODE(assoc_vocab_match(&t, ASSOC_VOCAB_STREAM, "subsidy_departement"), ASSOC_ELABEL);
}

static void test_unknown_category_lists_all(void)
{
	int t, i;
	const char *msg;
	ASSERT_CODE(assoc_vocab_match(&t, ASSOC_VOCAB_CATEGORY, "subsidy_county"), ASSOC_ELABEL);
	msg = assoc_error_last()->message;
	/* The longest list: all 28 identifiers, none cut off. */
	for (i = 0; i < ASSOC_CAT__COUNT; i++)
		CU_ASSERT_PTR_NOT_NULL(strstr(msg, assoc_vocab_id(ASSOC_VOCAB_CATEGORY, i)));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, ", royalties, other_income"));
}

static void test_long_unknown_label_cut(void)
{
	/* 70 × "é" (140 bytes): the quote stops at 64 bytes = 32 "é", then "...". */
	char label[200], want[100];
	int t, i;
	for (i = 0; i < 70; i++)
		memcpy(label + 2 * i, "\xC3\xA9", 2);
	label[140] = '\0';
	ASSERT_CODE(assoc_vocab_match(&t, ASSOC_VOCAB_SCOPE, label), ASSOC_ELABEL);
	snprintf(want, sizeof want, "unknown scope \"%.64s...\"", label);
	CU_ASSERT_EQUAL(strncmp(assoc_error_last()->message, want, strlen(want)), 0);
	/* "x" + 70 × "é": byte 64 is inside the 32nd "é", so the quote backs
	 * off to 63 bytes ("x" + 31 "é") and stays valid UTF-8. */
	label[0] = 'x';
	for (i = 0; i < 70; i++)
		memcpy(label + 1 + 2 * i, "\xC3\xA9", 2);
	label[141] = '\0';
	ASSERT_CODE(assoc_vocab_match(&t, ASSOC_VOCAB_SCOPE, label), ASSOC_ELABEL);
	snprintf(want, sizeof want, "unknown scope \"%.63s...\"", label);
	CU_ASSERT_EQUAL(strncmp(assoc_error_last()->message, want, strlen(want)), 0);
	CU_ASSERT_EQUAL(assoc__utf8_find_invalid(assoc_error_last()->message,
		strlen(assoc_error_last()->message), NULL), 0);
}

static void test_bad_input(void)
{
	int t = 5;
	ASSERT_CODE(assoc_vocab_match(&t, ASSOC_VOCAB_FAMILY, "M\xC3" "cenat"), ASSOC_EUTF8);
	CU_ASSERT_EQUAL(t, -1);
	ASSERT_CODE(assoc__vocab_match_at(&t, ASSOC_VOCAB_FAMILY, "\xFF", "/alliances/2/family"), ASSOC_EUTF8);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/alliances/2/family");
	ASSERT_CODE(assoc_vocab_match(&t, ASSOC_VOCAB_FAMILY, NULL), ASSOC_EINVAL);
	ASSERT_CODE(assoc_vocab_match(NULL, ASSOC_VOCAB_FAMILY, "mecenat"), ASSOC_EINVAL);
	ASSERT_CODE(assoc_vocab_match(&t, ASSOC_VOCAB__COUNT, "mecenat"), ASSOC_EINVAL);
	ASSERT_CODE(assoc_vocab_match(&t, (assoc_vocab)-1, "mecenat"), ASSOC_EINVAL);
}

static void test_category_stream(void)
{
	int c, per_stream[ASSOC_STREAM__COUNT] = { 0 };
	CU_ASSERT_EQUAL(assoc_category_stream(ASSOC_CAT_MEMBERSHIP_DUES), ASSOC_STREAM_DUES);
	CU_ASSERT_EQUAL(assoc_category_stream(ASSOC_CAT_CROWDFUNDING), ASSOC_STREAM_GIFTS);
	CU_ASSERT_EQUAL(assoc_category_stream(ASSOC_CAT_FUNDRAISING_EVENTS), ASSOC_STREAM_GIFTS);
	CU_ASSERT_EQUAL(assoc_category_stream(ASSOC_CAT_OTHER_GIFTS), ASSOC_STREAM_GIFTS);
	CU_ASSERT_EQUAL(assoc_category_stream(ASSOC_CAT_SALES_SERVICES), ASSOC_STREAM_PRIVATE_EARNED);
	CU_ASSERT_EQUAL(assoc_category_stream(ASSOC_CAT_PROGRAM_SERVICE_REVENUE), ASSOC_STREAM_PRIVATE_EARNED);
	CU_ASSERT_EQUAL(assoc_category_stream(ASSOC_CAT_OTHER_EARNED), ASSOC_STREAM_PRIVATE_EARNED);
	CU_ASSERT_EQUAL(assoc_category_stream(ASSOC_CAT_PUBLIC_CONTRACTS), ASSOC_STREAM_PUBLIC_CONTRACTS);
	CU_ASSERT_EQUAL(assoc_category_stream(ASSOC_CAT_SUBSIDY_EU), ASSOC_STREAM_PUBLIC_SUBSIDIES);
	CU_ASSERT_EQUAL(assoc_category_stream(ASSOC_CAT_SUBSIDY_DEPARTEMENT), ASSOC_STREAM_PUBLIC_SUBSIDIES);
	CU_ASSERT_EQUAL(assoc_category_stream(ASSOC_CAT_SUBSIDY_OTHER_PUBLIC), ASSOC_STREAM_PUBLIC_SUBSIDIES);
	CU_ASSERT_EQUAL(assoc_category_stream(ASSOC_CAT_INVESTMENT_INCOME), ASSOC_STREAM_FINANCIAL_OTHER);
	CU_ASSERT_EQUAL(assoc_category_stream(ASSOC_CAT_OTHER_INCOME), ASSOC_STREAM_FINANCIAL_OTHER);
	CU_ASSERT_EQUAL(assoc_category_stream(-1), -1);
	CU_ASSERT_EQUAL(assoc_category_stream(ASSOC_CAT__COUNT), -1);
	/* Counted from the header's comments: dues 1, gifts 9, private earned 4,
	 * public contracts 1, public subsidies 8, financial/other 5 (= 28). */
	for (c = 0; c < ASSOC_CAT__COUNT; c++) {
		int s = assoc_category_stream(c);
		CU_ASSERT_FATAL(s >= 0 && s < ASSOC_STREAM__COUNT);
		per_stream[s]++;
	}
	CU_ASSERT_EQUAL(per_stream[ASSOC_STREAM_DUES], 1);
	CU_ASSERT_EQUAL(per_stream[ASSOC_STREAM_GIFTS], 9);
	CU_ASSERT_EQUAL(per_stream[ASSOC_STREAM_PRIVATE_EARNED], 4);
	CU_ASSERT_EQUAL(per_stream[ASSOC_STREAM_PUBLIC_CONTRACTS], 1);
	CU_ASSERT_EQUAL(per_stream[ASSOC_STREAM_PUBLIC_SUBSIDIES], 8);
	CU_ASSERT_EQUAL(per_stream[ASSOC_STREAM_FINANCIAL_OTHER], 5);
}

/* A category row ends with "| `<stream id>` |". */
static void check_stream_column(const char *row, int category)
{
	char want[64];
	const char *eol = strchr(row, '\n');
	size_t len = eol ? (size_t)(eol - row) : strlen(row), n;
	snprintf(want, sizeof want, "| `%s` |",
		 assoc_vocab_id(ASSOC_VOCAB_STREAM, assoc_category_stream(category)));
	n = strlen(want);
	if (!(len >= n && memcmp(row + len - n, want, n) == 0))
		fprintf(stderr, "\n  glossary row of %s should end with %s\n",
			assoc_vocab_id(ASSOC_VOCAB_CATEGORY, category), want);
	CU_ASSERT(len >= n && memcmp(row + len - n, want, n) == 0);
}

/* docs/glossary.md has one table row "| `id` | English | French |" per term
 * (categories: ending with their stream), and a section per vocabulary. */
static void test_glossary_complete(void)
{
	char *doc = assoc_test_read_file(assoc_test_src("docs/glossary.md"), NULL);
	char row[512];
	int v, t;
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	for (v = 0; v < ASSOC_VOCAB__COUNT; v++) {
		snprintf(row, sizeof row, "`%s`", assoc_vocab_name((assoc_vocab)v));
		CU_ASSERT_PTR_NOT_NULL(strstr(doc, row));
		for (t = 0; t < assoc_vocab_size((assoc_vocab)v); t++) {
			snprintf(row, sizeof row, "| `%s` | %s | %s |", assoc_vocab_id((assoc_vocab)v, t),
				 assoc_vocab_label_en((assoc_vocab)v, t), assoc_vocab_label_fr((assoc_vocab)v, t));
			if (!strstr(doc, row))
				fprintf(stderr, "\n  glossary lacks the row: %s\n", row);
			CU_ASSERT_PTR_NOT_NULL(strstr(doc, row));
			if (v == ASSOC_VOCAB_CATEGORY && strstr(doc, row))
				check_stream_column(strstr(doc, row), t);
		}
	}
	free(doc);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "sizes and names", test_sizes_and_names },
		{ "identifiers", test_ids },
		{ "every term round-trips", test_every_term_round_trips },
		{ "keys are unambiguous", test_keys_unambiguous },
		{ "French labels", test_french_labels },
		{ "aliases, case and accents", test_aliases },
		{ "long label (allocating path)", test_long_label_slow_path },
		{ "unknown label message", test_unknown_label_message },
		{ "unknown category lists every id", test_unknown_category_lists_all },
		{ "long unknown label is cut", test_long_unknown_label_cut },
		{ "bad input", test_bad_input },
		{ "category to stream", test_category_stream },
		{ "glossary is complete", test_glossary_complete },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("vocab", tests);
}
