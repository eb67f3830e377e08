/*
 * Fuzz target: the label matcher (assoc_vocab_match) and the text match
 * key (assoc_text_match_key).
 *
 * Input: the first byte picks a vocabulary (one past the last is an invalid
 * one), the rest is the label (cut at the first NUL, as a C caller would).
 * Properties:
 *   - vocab_match either names a term of that vocabulary, whose identifier
 *     matches back to the same term, or fails with a known code + message;
 *   - the match key of valid UTF-8 is valid UTF-8, has no leading, trailing
 *     or doubled space, and is a fixed point (the key of a key is itself);
 *   - the ASCII fast path and the utf8proc path agree: for ASCII text,
 *     putting a soft hyphen (U+00AD, ignorable) in front changes nothing.
 */
#include "fuzz.h"
#include "text.h"

static void check_key(const char *text)
{
	char *key = NULL, *again = NULL;
	size_t n;
	int rc = assoc_text_match_key(&key, text);
	if (rc < 0) {
		FUZZ_CHECK_ERROR(rc);
		FUZZ_CHECK(rc == ASSOC_EUTF8 || rc == ASSOC_ENOMEM, "a key fails only on bad UTF-8");
		FUZZ_CHECK(key == NULL, "no key with an error");
		return;
	}
	n = strlen(key);
	FUZZ_CHECK(assoc__utf8_find_invalid(key, n, NULL) == 0, "a key is valid UTF-8");
	FUZZ_CHECK(n == 0 || (key[0] != ' ' && key[n - 1] != ' '), "a key is trimmed");
	FUZZ_CHECK(strstr(key, "  ") == NULL, "a key has no double space");
	FUZZ_CHECK(assoc_text_match_key(&again, key) == 0, "a key has a key");
	if (strcmp(key, again) != 0)
		fprintf(stderr, "text '%s' -> key '%s' -> key '%s'\n", text, key, again);
	FUZZ_CHECK(strcmp(key, again) == 0, "the key of a key is itself");
	assoc_free(again);
	assoc_free(key);
}

static void check_ascii_paths(const char *text)
{
	const char *p;
	char *plain = NULL, *slow = NULL, *shy;
	size_t n = strlen(text);
	for (p = text; *p; p++)
		if ((unsigned char)*p >= 0x80)
			return;
	shy = malloc(n + 3);
	if (!shy)
		return;
	memcpy(shy, "\xC2\xAD", 2);
	memcpy(shy + 2, text, n + 1);
	FUZZ_CHECK(assoc_text_match_key(&plain, text) == 0, "ASCII has a key");
	FUZZ_CHECK(assoc_text_match_key(&slow, shy) == 0, "ASCII + soft hyphen has a key");
	if (strcmp(plain, slow) != 0)
		fprintf(stderr, "ASCII path '%s', utf8proc path '%s'\n", plain, slow);
	FUZZ_CHECK(strcmp(plain, slow) == 0, "the ASCII fast path and utf8proc agree");
	assoc_free(plain);
	assoc_free(slow);
	free(shy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *label;
	int term = -1, back = -1, rc;
	assoc_vocab vocab;
	if (size < 1)
		return 0;
	vocab = (assoc_vocab)(data[0] % (ASSOC_VOCAB__COUNT + 1));
	label = malloc(size);
	if (!label)
		return 0;
	memcpy(label, data + 1, size - 1);
	label[size - 1] = '\0';

	rc = assoc_vocab_match(&term, vocab, label);
	if (rc == 0) {
		FUZZ_CHECK(vocab < ASSOC_VOCAB__COUNT, "a term only in a real vocabulary");
		FUZZ_CHECK(term >= 0 && term < assoc_vocab_size(vocab), "the term is in range");
		FUZZ_CHECK(assoc_vocab_match(&back, vocab, assoc_vocab_id(vocab, term)) == 0 && back == term,
			   "the term's identifier matches the term");
	} else {
		FUZZ_CHECK_ERROR(rc);
	}
	check_key(label);
	check_ascii_paths(label);
	free(label);
	return 0;
}
