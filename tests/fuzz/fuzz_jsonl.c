/*
 * Fuzz target: the JSON Lines reader.
 *
 * The input is read twice: from memory, and through a callback that hands
 * out the bytes in small pieces (1 to 13 bytes, chosen from the input's
 * size), so that lines cross chunk boundaries in every possible way.
 * Properties: both readers give the same sequence of results (same return
 * codes, same line numbers, same organisations written back as JSON); the
 * reader ends (ASSOC_ITEROVER) after at most one call per line plus one;
 * every error is a known code with a message and the line it is on.
 */
#include "fuzz.h"

typedef struct piecewise {
	const uint8_t *data;
	size_t size, pos, piece;
} piecewise;

static long read_piece(char *buf, size_t cap, void *payload)
{
	piecewise *p = payload;
	size_t n = p->size - p->pos;
	if (n > p->piece)
		n = p->piece;
	if (n > cap)
		n = cap;
	memcpy(buf, p->data + p->pos, n);
	p->pos += n;
	return (long)n;
}

/* One step of a reader: its code, line, and the organisation as JSON. */
typedef struct step {
	int rc;
	int err_line;
	size_t line;
	char *json;
} step;

static void next(step *s, assoc_jsonl_reader *r)
{
	assoc_org *org = NULL;
	s->json = NULL;
	s->err_line = 0;
	s->rc = assoc_jsonl_next(&org, r);
	s->line = assoc_jsonl_line(r);
	if (s->rc == 0) {
		FUZZ_CHECK(org != NULL, "an organisation on success");
		FUZZ_CHECK(assoc_org_validate(org) == 0, "a record read validates");
		if (assoc_org_to_json(&s->json, org, ASSOC_WRITE_BARE) == ASSOC_ENOMEM)
			s->json = NULL;
		assoc_org_free(org);
	} else if (s->rc != ASSOC_ITEROVER) {
		FUZZ_CHECK_ERROR(s->rc);
		FUZZ_CHECK(org == NULL, "no organisation with an error");
		s->err_line = assoc_error_last()->line;
		FUZZ_CHECK(s->err_line > 0, "a record's error carries its line");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	assoc_jsonl_reader *mem = NULL, *cb = NULL;
	piecewise p = { data, size, 0, 1 + size % 13 };
	size_t lines = 1, i, calls = 0;
	step a, b;
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	FUZZ_CHECK(assoc_jsonl_reader_new_memory(&mem, (const char *)data, size, NULL) == 0, "memory reader");
	FUZZ_CHECK(assoc_jsonl_reader_new_callback(&cb, read_piece, &p, NULL) == 0, "callback reader");
	do {
		next(&a, mem);
		next(&b, cb);
		FUZZ_CHECK(a.rc == b.rc, "memory and callback readers agree on the result");
		FUZZ_CHECK(a.line == b.line, "memory and callback readers agree on the line");
		FUZZ_CHECK(a.err_line == b.err_line, "memory and callback readers agree on the error's line");
		FUZZ_CHECK((a.json == NULL) == (b.json == NULL) && (!a.json || strcmp(a.json, b.json) == 0),
			   "memory and callback readers read the same organisation");
		assoc_free(a.json);
		assoc_free(b.json);
		FUZZ_CHECK(++calls <= lines + 1, "the reader ends");
	} while (a.rc != ASSOC_ITEROVER);
	/* Past the end, it stays at the end. */
	next(&a, mem);
	FUZZ_CHECK(a.rc == ASSOC_ITEROVER, "the end is sticky");
	assoc_jsonl_reader_free(mem);
	assoc_jsonl_reader_free(cb);
	return 0;
}
