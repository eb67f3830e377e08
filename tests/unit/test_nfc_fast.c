/*
 * assoc__nfc's fast path (lib/text.c): a valid UTF-8 text whose code points
 * are all below U+0300 is returned as is, without utf8proc. This checks,
 * for every such code point, that utf8proc's NFC gives the same bytes --
 * the claim the fast path rests on (UAX #15: every code point below U+0300
 * has combining class 0 and NFC_Quick_Check = Yes) -- and that texts
 * reaching U+0300 and above, or malformed, still go through utf8proc.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "harness.h"
#include "text.h"
#include "util.h"

/* "a" + code point cp + "b", NUL-terminated. */
static void wrap(char *buf, utf8proc_int32_t cp)
{
	utf8proc_ssize_t n;
	buf[0] = 'a';
	n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)buf + 1);
	buf[1 + n] = 'b';
	buf[2 + n] = '\0';
}

static void test_below_combining_is_nfc(void)
{
	char buf[16], *out;
	utf8proc_uint8_t *ref;
	utf8proc_int32_t cp;
	int mismatches = 0;
	for (cp = 1; cp < 0x300; cp++) {
		wrap(buf, cp);
		ref = utf8proc_NFC((const utf8proc_uint8_t *)buf);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
		ASSERT_OK(assoc__nfc(&out, buf));
		/* Already NFC: utf8proc leaves it unchanged, and so do we. */
		if (strcmp((const char *)ref, buf) != 0 || strcmp(out, buf) != 0)
			mismatches++;
		free(ref);
		assoc__free(out);
	}
	CU_ASSERT_EQUAL(mismatches, 0);
}

static void test_combining_still_composed(void)
{
	char *out;
	/* "e" + U+0301 COMBINING ACUTE ACCENT composes to U+00E9. */
	ASSERT_OK(assoc__nfc(&out, "Re\xCC\x81gion"));
	CU_ASSERT_STRING_EQUAL(out, "R\xC3\xA9gion");
	assoc__free(out);
	/* A precomposed "é" before a combining mark: U+00E9 U+0301 stays, the
	 * mark does not compose further (no U+00E9+U+0301 composite). */
	ASSERT_OK(assoc__nfc(&out, "\xC3\xA9\xCC\x81"));
	CU_ASSERT_STRING_EQUAL(out, "\xC3\xA9\xCC\x81");
	assoc__free(out);
	/* U+212B ANGSTROM SIGN (NFC_QC = No) becomes U+00C5. */
	ASSERT_OK(assoc__nfc(&out, "\xE2\x84\xAB"));
	CU_ASSERT_STRING_EQUAL(out, "\xC3\x85");
	assoc__free(out);
}

static void test_malformed_rejected(void)
{
	char *out = (char *)1;
	/* C0 80: overlong NUL; C3 alone: truncated; CB without continuation. */
	ASSERT_CODE(assoc__nfc(&out, "a\xC0\x80"), ASSOC_EUTF8);
	CU_ASSERT_PTR_NULL(out);
	ASSERT_CODE(assoc__nfc(&out, "abc\xC3"), ASSOC_EUTF8);
	ASSERT_CODE(assoc__nfc(&out, "\xCB" "b"), ASSOC_EUTF8);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "code points below U+0300 are already NFC", test_below_combining_is_nfc },
		{ "combining marks and compatibility still composed", test_combining_still_composed },
		{ "malformed UTF-8 still rejected", test_malformed_rejected },
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("nfc_fast", tests);
}
