/*
 * UTF-8 validation, NFC and match keys, on top of utf8proc 2.8.
 * SPDX-License-Identifier: MIT
 *
 * utf8proc_map allocates its result with malloc(); the library promises that
 * everything it hands out comes from assoc__malloc (a pluggable allocator
 * comes later), so results are copied into assoc__malloc memory and
 * utf8proc's buffer is released with free() (2.8 has no utf8proc_free).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "text.h"
#include "error.h"
#include "util.h"

/* Longest valid prefix quoted in an EUTF8 message, in bytes. */
#define PREVIEW_MAX 32

int assoc__utf8_find_invalid(const char *s, size_t n, size_t *offset)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len;
		uint64_t w;
		/* ASCII fast path: most of the input is ASCII, eight bytes at a
		 * time while none has its high bit set. */
		while (n - i >= 8) {
			memcpy(&w, p + i, 8);
			if (w & UINT64_C(0x8080808080808080))
				break;
			i += 8;
		}
		if (i == n)
			break;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		/* utf8proc_iterate rejects lead bytes C0, C1 and F5..FF, overlong
		 * 3- and 4-byte forms, surrogates, > U+10FFFF and truncation. */
		len = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (len <= 0 || cp < 0) {
			if (offset)
				*offset = i;
			return ASSOC_EUTF8;
		}
		i += (size_t)len;
	}
	if (offset)
		*offset = n;
	return 0;
}

int assoc__utf8_check(const char *s, size_t n)
{
	size_t off, shown;
	if (assoc__utf8_find_invalid(s, n, &off) == 0)
		return 0;
	/* Quote the valid text before the bad byte so the user can find it,
	 * cut on a character boundary (never inside a sequence). */
	shown = off < PREVIEW_MAX ? off : PREVIEW_MAX;
	while (shown > 0 && shown < off && ((unsigned char)s[shown] & 0xC0) == 0x80)
		shown--;
	return assoc__error_set(ASSOC_EUTF8, NULL,
		"invalid UTF-8: byte 0x%02X at offset %zu (after \"%.*s%s\")",
		(unsigned)(unsigned char)s[off], off, (int)shown, s, shown < off ? "..." : "");
}

/* Map a utf8proc error to ours, recording it. */
static int map_error(utf8proc_ssize_t rc, const char *s)
{
	if (rc == UTF8PROC_ERROR_NOMEM)
		return assoc__error_oom();
	if (rc == UTF8PROC_ERROR_INVALIDUTF8) {
		/* Our own check names the bad byte; should it ever disagree with
		 * utf8proc, still report invalid UTF-8 rather than success. */
		int rc2 = assoc__utf8_check(s, strlen(s));
		return rc2 < 0 ? rc2 : assoc__error_set(ASSOC_EUTF8, NULL, "invalid UTF-8 (rejected by utf8proc)");
	}
	return assoc__error_set(ASSOC_ERROR, NULL, "utf8proc: %s",
		utf8proc_errmsg(rc));
}

/* Run utf8proc_map on a valid NUL-terminated text; *out is utf8proc's malloc'ed buffer. */
static int run_map(utf8proc_uint8_t **out, const char *s, utf8proc_option_t options)
{
	utf8proc_ssize_t rc;
	int err;
	*out = NULL;
	/* Validate first: the error message then says where the text is bad. */
	if ((err = assoc__utf8_check(s, strlen(s))) < 0)
		return err;
	rc = utf8proc_map((const utf8proc_uint8_t *)s, 0, out, options | UTF8PROC_NULLTERM);
	if (rc < 0) {
		*out = NULL;
		return map_error(rc, s);
	}
	return 0;
}

static int is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/*
 * 1 when s is valid UTF-8 whose code points are all below U+0300: such a
 * text is already in NFC. Every code point below U+0300 has canonical
 * combining class 0 and NFC_Quick_Check = Yes (the first that is not is
 * U+0300, the first combining mark), and a text made only of such code
 * points is unchanged by NFC (UAX #15, quick check). In UTF-8 they are ASCII
 * bytes and the two-byte forms with lead byte C2..CB (U+0080..U+02FF); C0/C1
 * (overlong) and anything longer go through utf8proc. This covers the Latin
 * names of the data ("Préfecture", "Région", "Ville de Nîmes") without a
 * decomposition and a malloc per name.
 */
static int is_below_combining(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p < 0xC2 || *p > 0xCB || (p[1] & 0xC0) != 0x80)
			return 0;
		p += 2;
	}
	return 1;
}

int assoc__nfc(char **out, const char *s)
{
	utf8proc_uint8_t *mapped;
	int err;
	if (!out || !s) {
		if (out)
			*out = NULL;
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc__nfc: NULL argument");
	}
	*out = NULL;
	/* ASCII text, and any text below U+0300, is already in NFC: skip
	 * utf8proc and its allocation. */
	if (is_below_combining(s)) {
		if (!(*out = assoc__strdup(s)))
			return assoc__error_oom();
		return 0;
	}
	if ((err = run_map(&mapped, s, UTF8PROC_STABLE | UTF8PROC_COMPOSE)) < 0)
		return err;
	*out = assoc__strdup((const char *)mapped);
	free(mapped);
	return *out ? 0 : assoc__error_oom();
}

/*
 * Why names share the label rule ('-', '_', '\'' and U+2019 become spaces):
 * the real subsidy registers write one association's name both ways --
 * "LES ARCHERS DE L'ERDRE" / "ARCHERS DE L ERDRE", "KENDALC'H BRO-NAONED" /
 * "KENDALC H BRO NAONED", "OGEC ST JOSEPH-NAZARETH-TRINITE" / "... JOSEPH
 * NAZARETH TRINITE", "THEATRE POM'" / "THEATRE POM" (shared/data/fr-subventions)
 * -- because legacy systems replace punctuation by a space. Deleting the
 * apostrophe instead would make "L'ERDRE" into "lerdre" and miss "L ERDRE".
 * A name that differs only by these marks is the same name; one public key
 * for both uses also keeps the API simple.
 */
static int is_key_separator_ascii(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
	       c == '-' || c == '_' || c == '\'';
}

static int is_key_separator(utf8proc_int32_t cp)
{
	utf8proc_category_t cat;
	if (cp < 0x80)
		return is_key_separator_ascii((unsigned char)cp);
	/* U+2019 is also lumped to '\'' by UTF8PROC_LUMP; listed for clarity.
	 * U+0085 (NEL) is a control character that breaks lines. */
	if (cp == 0x2019 || cp == 0x0085)
		return 1;
	cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
	       cat == UTF8PROC_CATEGORY_ZP;
}

/* Collapse separators of the valid UTF-8 `src` into single spaces, trimmed, into dst (room >= strlen(src)+1). */
static void collapse(char *dst, const char *src)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)src;
	size_t o = 0;
	int pending = 0;
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(p, -1, &cp);
		if (len <= 0) /* cannot happen on utf8proc's own output; stop safely */
			break;
		if (is_key_separator(cp)) {
			pending = o > 0; /* leading separators are dropped */
		} else {
			if (pending)
				dst[o++] = ' ';
			pending = 0;
			memcpy(dst + o, p, (size_t)len);
			o += (size_t)len;
		}
		p += len;
	}
	dst[o] = '\0';
}

int assoc__text_key_ascii(char *buf, size_t cap, const char *s)
{
	size_t o = 0;
	int pending = 0;
	if (cap == 0)
		return 1;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x80)
			return 1;
		if (is_key_separator_ascii(c)) {
			pending = o > 0;
			continue;
		}
		/* Room for the pending space, this byte and the final NUL. */
		if (o + (size_t)pending + 2 > cap)
			return 1;
		if (pending)
			buf[o++] = ' ';
		pending = 0;
		/* For ASCII, NFKC + case folding is exactly A-Z -> a-z. */
		buf[o++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : (char)c;
	}
	buf[o] = '\0';
	return 0;
}

int assoc__text_key(char **out, const char *s)
{
	/* NFKC (COMPOSE + COMPAT) rather than NFC: a key should also equate
	 * compatibility forms ("ﬁ" ligature, full-width letters, superscripts,
	 * no-break spaces) that data entry produces. IGNORE drops soft hyphens
	 * and zero-width characters; LUMP folds typographic quotes and dashes. */
	const utf8proc_option_t options = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
		UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE | UTF8PROC_LUMP;
	utf8proc_uint8_t *mapped;
	size_t n;
	int err;
	if (!out || !s) {
		if (out)
			*out = NULL;
		return assoc__error_set(ASSOC_EINVAL, NULL, "match key: NULL argument");
	}
	*out = NULL;
	n = strlen(s);
	if (is_ascii(s)) {
		if (!(*out = assoc__malloc(n + 1)))
			return assoc__error_oom();
		/* cannot fail: the key of an ASCII text is never longer than it */
		assoc__text_key_ascii(*out, n + 1, s);
		return 0;
	}
	if ((err = run_map(&mapped, s, options)) < 0)
		return err;
	if (!(*out = assoc__malloc(strlen((const char *)mapped) + 1))) {
		free(mapped);
		return assoc__error_oom();
	}
	collapse(*out, (const char *)mapped);
	free(mapped);
	return 0;
}

int assoc_text_match_key(char **out, const char *text)
{
	return assoc__text_key(out, text);
}
