/*
 * Internal: UTF-8 validation, NFC normalisation and caseless, accentless
 * match keys (utf8proc).
 * SPDX-License-Identifier: MIT
 *
 * Every function returning char ** hands back memory from assoc__malloc:
 * release it with assoc__free (or assoc_free on the public side).
 */
#ifndef ASSOC_LIB_TEXT_H
#define ASSOC_LIB_TEXT_H

#include <stddef.h>
#include "assoc/errors.h"
#include "assoc/vocab.h"

/*
 * Offset of the first byte of `s[0..n)` that does not start a valid UTF-8
 * sequence (overlong forms, surrogates U+D800..U+DFFF, code points above
 * U+10FFFF, stray continuation bytes and truncated sequences are invalid).
 * Returns 0 when the whole text is valid, else ASSOC_EUTF8 with *offset set
 * (offset may be NULL). Sets no error: a pure query.
 */
int assoc__utf8_find_invalid(const char *s, size_t n, size_t *offset);

/*
 * 0 when `s[0..n)` is valid UTF-8; otherwise records ASSOC_EUTF8 with a
 * message giving the byte offset and value (no path: the caller prefixes it
 * with assoc__error_prefix_path) and returns ASSOC_EUTF8.
 * A NUL byte inside the n bytes is valid UTF-8 (U+0000).
 */
int assoc__utf8_check(const char *s, size_t n);

/*
 * NFC-normalised copy of the NUL-terminated `s` ("e" + U+0301 becomes "é").
 * 0, ASSOC_EINVAL (s or out NULL), ASSOC_EUTF8 or ASSOC_ENOMEM; the error is
 * recorded. *out is NULL on failure.
 */
int assoc__nfc(char **out, const char *s);

/*
 * The match key (see assoc_text_match_key in assoc/vocab.h): NFKC, case
 * folding, marks and default-ignorable characters removed, typographic
 * variants lumped (U+2019 -> ', U+2010 -> -, no-break space -> space),
 * then '-', '_', '\'' and every kind of white space become one space,
 * runs collapsed, ends trimmed. "Mécénat d’entreprise" -> "mecenat d entreprise".
 *
 * The same rule serves labels and organisation names, see text.c for why.
 */
int assoc__text_key(char **out, const char *s);

/*
 * Allocation-free variant for short texts (used by the vocabulary matcher on
 * every revenue line): writes the key of the NUL-terminated `s` into
 * buf[0..cap) and returns 0, or returns 1 when it cannot do so without
 * utf8proc (non-ASCII text) or when the key does not fit; then call
 * assoc__text_key. Sets no error.
 */
int assoc__text_key_ascii(char *buf, size_t cap, const char *s);

/*
 * Vocabulary matching (lib/vocab.c) -- declared here because it is text
 * matching: assoc_vocab_match that records its failure at `path` (a JSON
 * Pointer, may be NULL). The loader calls this for every enum field.
 */
int assoc__vocab_match_at(int *out, assoc_vocab vocab, const char *label, const char *path);

/*
 * The match keys a term accepts besides its identifier, '|'-separated and
 * already folded (keys of the English label, the French label and the
 * aliases), or NULL when out of range. For tests and docs. Static storage.
 */
const char *assoc__vocab_keys(assoc_vocab vocab, int term);

#endif
