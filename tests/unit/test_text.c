/*
 * UTF-8 validation, NFC and match keys (lib/text.c).
 * Byte sequences are from RFC 3629 §3-4 and Markus Kuhn's UTF-8 decoder
 * stress test; normal forms from UAX #15; case folding from CaseFolding.txt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "error.h"
#include "text.h"
#include "util.h"

static void expect_invalid_at(const char *s, size_t n, size_t at)
{
	size_t off = 12345;
	CU_ASSERT_EQUAL(assoc__utf8_find_invalid(s, n, &off), ASSOC_EUTF8);
	if (off != at)
		fprintf(stderr, "\n  invalid offset %zu, expected %zu\n", off, at);
	CU_ASSERT_EQUAL(off, at);
}

static void expect_valid(const char *s, size_t n)
{
	size_t off = 12345;
	CU_ASSERT_EQUAL(assoc__utf8_find_invalid(s, n, &off), 0);
	CU_ASSERT_EQUAL(off, n);
	CU_ASSERT_EQUAL(assoc__utf8_check(s, n), 0);
}

static void test_utf8_valid(void)
{
	expect_valid("", 0);
	expect_valid("abc", 3);
	expect_valid("M\xC3\xA9" "c\xC3\xA9nat", 9);    /* Mécénat: é = C3 A9 */
	expect_valid("\xE2\x82\xAC", 3);                 /* € U+20AC */
	expect_valid("\xF0\x9F\x98\x80", 4);             /* U+1F600 */
	expect_valid("\xF4\x8F\xBF\xBF", 4);             /* U+10FFFF, the last code point */
	expect_valid("\xED\x9F\xBF", 3);                 /* U+D7FF, just below the surrogates */
	expect_valid("\xEE\x80\x80", 3);                 /* U+E000, just above them */
	expect_valid("a\0b", 3);                         /* U+0000 is a character */
	CU_ASSERT_EQUAL(assoc__utf8_find_invalid("abc", 3, NULL), 0);
}

static void test_utf8_invalid(void)
{
	expect_invalid_at("\x80", 1, 0);                 /* stray continuation byte */
	expect_invalid_at("ab\xC0\xAF", 4, 2);           /* overlong '/' (2 bytes) */
	expect_invalid_at("\xC1\xBF", 2, 0);             /* overlong U+007F */
	expect_invalid_at("x\xE0\x80\xAF", 4, 1);        /* overlong '/' (3 bytes) */
	expect_invalid_at("\xF0\x80\x80\xAF", 4, 0);     /* overlong '/' (4 bytes) */
	expect_invalid_at("\xED\xA0\x80", 3, 0);         /* surrogate U+D800 */
	expect_invalid_at("ok\xED\xBF\xBF", 5, 2);       /* surrogate U+DFFF */
	expect_invalid_at("\xF4\x90\x80\x80", 4, 0);     /* U+110000, beyond Unicode */
	expect_invalid_at("\xF5\x80\x80\x80", 4, 0);     /* lead byte F5 never valid */
	expect_invalid_at("\xFF", 1, 0);
	expect_invalid_at("ab\xC3", 3, 2);               /* truncated é */
	expect_invalid_at("\xE2\x82", 2, 0);             /* truncated € */
	expect_invalid_at("\xC3\xA9\xE2\x82x", 5, 2);    /* é then € cut by 'x' */
	/* The length is honoured: the é is complete but cut off by n. */
	expect_invalid_at("\xC3\xA9", 1, 0);
}

static void test_utf8_check_message(void)
{
	const assoc_error *e;
	assoc_error_clear();
	ASSERT_CODE(assoc__utf8_check("Caf\xC3", 4), ASSOC_EUTF8);
	e = assoc_error_last();
	CU_ASSERT_EQUAL(e->code, ASSOC_EUTF8);
	CU_ASSERT_PTR_NOT_NULL(strstr(e->message, "0xC3"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e->message, "offset 3"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e->message, "\"Caf\""));
	CU_ASSERT_STRING_EQUAL(e->path, "");
	/* The caller adds the path (the loader knows where the string was). */
	assoc__error_prefix_path("/organisation/name");
	CU_ASSERT_STRING_EQUAL(e->path, "/organisation/name");
}

static void test_utf8_check_preview_boundary(void)
{
	/* 31 'a' then "é" (2 bytes) then a bad byte at offset 33: the preview
	 * is cut at 32 bytes, which would split é; it must back off to 31. */
	char s[40];
	memset(s, 'a', 31);
	memcpy(s + 31, "\xC3\xA9\xFF", 3);
	ASSERT_CODE(assoc__utf8_check(s, 34), ASSOC_EUTF8);
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "offset 33"));
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "aaaaaaa...\")"));
	CU_ASSERT_EQUAL(assoc__utf8_find_invalid(assoc_error_last()->message,
		strlen(assoc_error_last()->message), NULL), 0);
}

static void expect_nfc(const char *in, const char *want)
{
	char *out = NULL;
	ASSERT_OK(assoc__nfc(&out, in));
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	if (strcmp(out, want) != 0)
		fprintf(stderr, "\n  nfc(\"%s\") = \"%s\", expected \"%s\"\n", in, out, want);
	CU_ASSERT_STRING_EQUAL(out, want);
	assoc__free(out);
}

static void test_nfc(void)
{
	char *out = (char *)"sentinel";
	/* U+0065 U+0301 composes to U+00E9 (UAX #15 canonical composition). */
	expect_nfc("e\xCC\x81", "\xC3\xA9");
	expect_nfc("Me\xCC\x81" "ce\xCC\x81nat", "M\xC3\xA9" "c\xC3\xA9nat");
	/* Already NFC, and plain ASCII, come back unchanged. */
	expect_nfc("M\xC3\xA9" "c\xC3\xA9nat", "M\xC3\xA9" "c\xC3\xA9nat");
	expect_nfc("Holyoke", "Holyoke");
	expect_nfc("", "");
	/* NFC keeps compatibility characters and case: ﬁ U+FB01 stays. */
	expect_nfc("\xEF\xAC\x81" "ABC", "\xEF\xAC\x81" "ABC");
	/* Canonical reordering: U+0323 (ccc 220) before U+0307 (ccc 230) after q. */
	expect_nfc("q\xCC\x87\xCC\xA3", "q\xCC\xA3\xCC\x87");
	ASSERT_CODE(assoc__nfc(&out, "e\xCC"), ASSOC_EUTF8);
	CU_ASSERT_PTR_NULL(out);
	ASSERT_CODE(assoc__nfc(&out, NULL), ASSOC_EINVAL);
	ASSERT_CODE(assoc__nfc(NULL, "x"), ASSOC_EINVAL);
}

static void expect_key(const char *in, const char *want)
{
	char *out = NULL;
	ASSERT_OK(assoc_text_match_key(&out, in));
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	if (strcmp(out, want) != 0)
		fprintf(stderr, "\n  key(\"%s\") = \"%s\", expected \"%s\"\n", in, out, want);
	CU_ASSERT_STRING_EQUAL(out, want);
	assoc_free(out);
}

static void test_key_case_accents(void)
{
	expect_key("M\xC3\xA9" "c\xC3\xA9nat", "mecenat");
	expect_key("MECENAT", "mecenat");
	expect_key("mecenat", "mecenat");
	expect_key("M\xC3\x89" "C\xC3\x89NAT", "mecenat");      /* MÉCÉNAT */
	expect_key("Me\xCC\x81" "ce\xCC\x81nat", "mecenat");     /* decomposed é */
	expect_key("B\xC3\xA9n\xC3\xA9voles", "benevoles");
	expect_key("Salari\xC3\xA9s", "salaries");
	expect_key("Coop\xC3\xA9ration \xC3\xA9" "conomique", "cooperation economique");
	/* Full case folding: ß -> ss (CaseFolding.txt, status F). */
	expect_key("Stra\xC3\x9F" "e", "strasse");
	expect_key("STRASSE", "strasse");
	/* Œ folds to œ, which is a letter, not a mark: it stays. */
	expect_key("\xC5\x92UVRE", "\xC5\x93uvre");
}

static void test_key_space_punct(void)
{
	expect_key("Association  Les Amis", "association les amis");
	expect_key("  association\tles\n amis ", "association les amis");
	expect_key("HOLYOKE VISITiNG NURSE ASSOCIATION INC", "holyoke visiting nurse association inc");
	expect_key("Holyoke Visiting Nurse Association Inc", "holyoke visiting nurse association inc");
	/* '-', '_', '\'' and U+2019 are spaces. */
	expect_key("co-construction", "co construction");
	expect_key("corporate_patronage", "corporate patronage");
	expect_key("M\xC3\xA9" "c\xC3\xA9nat d\xE2\x80\x99" "entreprise", "mecenat d entreprise");
	expect_key("m\xC3\xA9" "c\xC3\xA9nat d'entreprise", "mecenat d entreprise");
	expect_key("KENDALC'H BRO-NAONED", "kendalc h bro naoned");
	expect_key("THEATRE POM'", "theatre pom");
	expect_key("--__''", "");
	expect_key("", "");
	/* Other punctuation is kept: "Inc." and "Inc" differ on purpose. */
	expect_key("Amis, Inc.", "amis, inc.");
}

static void test_key_compat_and_invisible(void)
{
	expect_key("Les\xC2\xA0" "Amis", "les amis");             /* no-break space U+00A0 */
	expect_key("Les\xE2\x80\xAF" "Amis", "les amis");         /* narrow no-break U+202F */
	expect_key("Les\xE2\x80\x89" "Amis", "les amis");         /* thin space U+2009 */
	expect_key("Les\xE2\x80\xA8" "Amis", "les amis");         /* line separator U+2028 */
	expect_key("Saint\xE2\x80\x90" "Denis", "saint denis");   /* hyphen U+2010 */
	expect_key("Saint\xE2\x80\x93" "Denis", "saint denis");   /* en dash U+2013 */
	expect_key("\xEF\xAC\x81" "nance", "finance");            /* ﬁ ligature U+FB01 */
	expect_key("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", "abc"); /* full-width ＡＢＣ */
	expect_key("M\xC3\xA9" "c\xC2\xAD\xC3\xA9nat", "mecenat"); /* soft hyphen U+00AD */
	expect_key("\xEF\xBB\xBFmecenat", "mecenat");             /* BOM U+FEFF */
	expect_key("me\xE2\x80\x8B" "cenat", "mecenat");          /* zero width space U+200B */
}

static void test_key_errors(void)
{
	char *out = (char *)"sentinel";
	ASSERT_CODE(assoc_text_match_key(&out, "Caf\xC3"), ASSOC_EUTF8);
	CU_ASSERT_PTR_NULL(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "offset 3"));
	ASSERT_CODE(assoc_text_match_key(&out, "\xED\xA0\x80"), ASSOC_EUTF8);
	ASSERT_CODE(assoc_text_match_key(&out, NULL), ASSOC_EINVAL);
	ASSERT_CODE(assoc_text_match_key(NULL, "x"), ASSOC_EINVAL);
}

/* The ASCII fast path must agree with utf8proc: appending a soft hyphen
 * (default-ignorable, removed by the key) forces the utf8proc path. */
static void test_key_fast_path_agrees(void)
{
	char ascii[200], forced[210], *a = NULL, *b = NULL;
	size_t n = 0;
	int c;
	for (c = 1; c < 0x80; c++)
		ascii[n++] = (char)c;
	ascii[n] = '\0';
	snprintf(forced, sizeof forced, "%s\xC2\xAD", ascii);
	ASSERT_OK(assoc_text_match_key(&a, ascii));
	ASSERT_OK(assoc_text_match_key(&b, forced));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_STRING_EQUAL(a, b);
	/* And by hand: A-Z folded, separators gone, other bytes kept. */
	CU_ASSERT_PTR_NOT_NULL(strstr(a, "abcdefghijklmnopqrstuvwxyz[\\]^ `abc"));
	CU_ASSERT_PTR_NULL(strchr(a, '-'));
	CU_ASSERT_PTR_NULL(strchr(a, '\t'));
	assoc_free(a);
	assoc_free(b);
}

static void test_key_ascii_buffer(void)
{
	char buf[8];
	CU_ASSERT_EQUAL(assoc__text_key_ascii(buf, sizeof buf, " Co-Construction "), 1); /* too long */
	CU_ASSERT_EQUAL(assoc__text_key_ascii(buf, sizeof buf, "Gift"), 0);
	CU_ASSERT_STRING_EQUAL(buf, "gift");
	/* "A b-c" -> "a b c": 5 bytes + NUL fits in 6, not in 5. */
	CU_ASSERT_EQUAL(assoc__text_key_ascii(buf, 6, "A b-c"), 0);
	CU_ASSERT_STRING_EQUAL(buf, "a b c");
	CU_ASSERT_EQUAL(assoc__text_key_ascii(buf, 5, "A b-c"), 1);
	CU_ASSERT_EQUAL(assoc__text_key_ascii(buf, sizeof buf, "M\xC3\xA9"), 1); /* not ASCII */
	CU_ASSERT_EQUAL(assoc__text_key_ascii(buf, 0, ""), 1);
	CU_ASSERT_EQUAL(assoc__text_key_ascii(buf, 1, "  "), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
}

/* Field `index` (0-based) of a ';'-separated, '"'-quoted line; NULL if absent. */
static int csv_field(char *dst, size_t cap, const char *line, int index, char sep)
{
	int i = 0, quoted = 0;
	size_t o = 0;
	for (; *line && *line != '\n'; line++) {
		if (*line == '"' && (quoted || o == 0)) {
			if (quoted && line[1] == '"') {
				line++;
			} else {
				quoted = !quoted;
				continue;
			}
		} else if (*line == sep && !quoted) {
			if (i == index)
				break;
			i++;
			o = 0;
			continue;
		}
		if (i == index && o + 1 < cap)
			dst[o++] = *line;
	}
	if (i != index)
		return 0;
	dst[o] = '\0';
	return 1;
}

/* All spellings of one organisation in a data file share one key. Returns the number of distinct spellings. */
static int spellings_share_key(const char *path, char sep, int id_col, const char *id, int name_col,
			       const char *want_key)
{
	size_t len;
	char *data = assoc_test_read_file(path, &len), *line, *next;
	char seen[8][256], field[256];
	int nseen = 0, k;
	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	for (line = data; line && *line; line = next) {
		char *key = NULL;
		next = strchr(line, '\n');
		if (next)
			next++;
		if (!csv_field(field, sizeof field, line, id_col, sep) || strcmp(field, id) != 0)
			continue;
		CU_ASSERT_FATAL(csv_field(field, sizeof field, line, name_col, sep));
		ASSERT_OK(assoc_text_match_key(&key, field));
		if (key && strcmp(key, want_key) != 0)
			fprintf(stderr, "\n  \"%s\" -> \"%s\", expected \"%s\"\n", field, key, want_key);
		CU_ASSERT_STRING_EQUAL(key, want_key);
		assoc_free(key);
		for (k = 0; k < nseen && strcmp(seen[k], field) != 0; k++)
			;
		if (k == nseen && nseen < 8)
			snprintf(seen[nseen++], sizeof seen[0], "%s", field);
	}
	free(data);
	return nseen;
}

static void test_key_real_990_names(void)
{
	/* panel10: EIN 42104310 (04-2104310) files as "HOLYOKE VISITING NURSE ASSOCIATION INC",
	 * "HOLYOKE VISITiNG NURSE ASSOCIATION INC" and "Holyoke Visiting Nurse
	 * Association Inc" in different years (ORG_NAME_L1, column 5, CSV ','). */
	const char *path = assoc_test_shared("data/us-irs990/panel10_2009_2020.csv");
	int n;
	if (!path)
		return;
	n = spellings_share_key(path, ',', 4, "42104310", 5, "holyoke visiting nurse association inc");
	CU_ASSERT(n >= 3);
}

static void test_key_real_french_names(void)
{
	/* The SCDL register (';'): idBeneficiaire col 5, nomBeneficiaire col 4. */
	const char *path = assoc_test_shared("data/fr-subventions/subventions_pays_de_la_loire.csv");
	if (!path)
		return;
	/* "KENDALC'H BRO-NAONED" and "KENDALC H BRO NAONED" */
	CU_ASSERT_EQUAL(spellings_share_key(path, ';', 5, "419964051", 4, "kendalc h bro naoned"), 2);
	/* "SPORT NAUTIQUE DE L'OUEST" and "SPORT NAUTIQUE DE L OUEST" */
	CU_ASSERT_EQUAL(spellings_share_key(path, ';', 5, "786015982", 4, "sport nautique de l ouest"), 2);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "valid UTF-8", test_utf8_valid },
		{ "invalid UTF-8 and offsets", test_utf8_invalid },
		{ "EUTF8 message", test_utf8_check_message },
		{ "EUTF8 preview on a character boundary", test_utf8_check_preview_boundary },
		{ "NFC", test_nfc },
		{ "key: case and accents", test_key_case_accents },
		{ "key: spaces and punctuation", test_key_space_punct },
		{ "key: compatibility and invisible characters", test_key_compat_and_invisible },
		{ "key: errors", test_key_errors },
		{ "key: ASCII fast path agrees with utf8proc", test_key_fast_path_agrees },
		{ "key: ASCII into a buffer", test_key_ascii_buffer },
		{ "key: real 990 names", test_key_real_990_names },
		{ "key: real French names", test_key_real_french_names },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("text", tests);
}
