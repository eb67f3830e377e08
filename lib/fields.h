/*
 * Internal: field-level checks and stores, shared by the JSON loader
 * (json_read.c) and the path setters (path.c), so that a value refused by
 * one is refused by the other with the same code and message.
 * SPDX-License-Identifier: MIT
 *
 * Every function that fails records the error with the JSON Pointer `path`
 * of the value (or NULL) and returns its code.
 */
#ifndef ASSOC_LIB_FIELDS_H
#define ASSOC_LIB_FIELDS_H

#include <stddef.h>
#include "model.h"

/* Address of the member described by `f` inside the struct at `obj`. */
#define ASSOC__FIELD_PTR(obj, f, type) ((type *)(void *)((char *)(obj) + (f)->offset))
#define ASSOC__FIELD_CPTR(obj, f, type) ((const type *)(const void *)((const char *)(obj) + (f)->offset))

/* The load options with every 0 ("default") replaced by its documented value. */
typedef struct assoc__limits {
	int lenient;
	size_t max_document_bytes;
	unsigned int max_depth;
	size_t max_years;
	size_t max_items;
	size_t max_string_bytes;
	int line_base; /* added to the line numbers of syntax errors (JSON Lines: the record's line - 1) */
} assoc__limits;

/* Defaults of include/assoc/json.h (the setters of path.c use these too). */
void assoc__limits_default(assoc__limits *out);
/* Resolve `opts` (NULL = defaults). ASSOC_EINVAL if opts->version is 0. */
int assoc__limits_resolve(assoc__limits *out, const assoc_load_options *opts);

/* Finite; integer for ASSOC__F_INTEGER; >= 0 with ASSOC__NONNEG; within
 * [min, max] (or (min, max] with ASSOC__MIN_OPEN) with ASSOC__RANGE.
 * 0 or ASSOC_EVALUE. */
int assoc__field_check_number(const assoc__field *f, double x, const char *path);

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" naming a real calendar day (Gregorian,
 * leap years), year 0001..9999. 0 or ASSOC_EDATE. */
int assoc__date_check(const char *s, const char *path);

/* 1 if `code` (exactly 3 upper-case letters) is an accepted ISO 4217 code. */
int assoc__currency_known(const char *code);

/* Check a currency code, matched case-insensitively ("eur" is "EUR"), and
 * write its canonical upper-case form into out[4]. 0 or ASSOC_ECURRENCY. */
int assoc__currency_check(char out[4], const char *s, const char *path);

/* Match `label` in vocabulary `vocab` (ids, English and French labels,
 * aliases; caseless, accentless). 0 or ASSOC_ELABEL (message lists the
 * valid ids), ASSOC_EUTF8, ASSOC_ENOMEM, recorded at `path`. */
int assoc__field_match_enum(int *out, int vocab, const char *label, const char *path);

/* 1 if the field holds a value: a number not NaN, a string, a term, a
 * known flag, an object with at least one present field, a non-empty array. */
int assoc__field_present(const void *obj, const assoc__field *f);

/* Store a number after assoc__field_check_number(). NUMBER/INTEGER fields only. */
int assoc__field_set_number(void *obj, const assoc__field *f, double x, const char *path);

/*
 * Store a text into a STRING, NAME, DATE, CURRENCY or ENUM field after the
 * checks of its type: valid UTF-8 (ASSOC_EUTF8), at most `max_bytes` bytes
 * (ASSOC_ELIMIT), not empty when REQUIRED (ASSOC_EVALUE); NAME: stored NFC;
 * DATE: assoc__date_check; CURRENCY: stored upper case; ENUM: matched and
 * stored as the term. The previous value is released only on success.
 */
int assoc__field_set_string(void *obj, const assoc__field *f, const char *s, size_t max_bytes, const char *path);

/* Store a flag (0 or 1; anything else is ASSOC_EVALUE). BOOL fields only. */
int assoc__field_set_bool(void *obj, const assoc__field *f, int value, const char *path);

/* Make a field absent, releasing what it owns (objects and arrays are emptied). */
void assoc__field_unset(void *obj, const assoc__field *f);

/* Name of a field type for messages and docs: "number", "integer", "string",
 * "name", "date", "currency", "enum", "boolean", "object", "array". */
const char *assoc__ftype_name(assoc__ftype type);

#endif
