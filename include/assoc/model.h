/*
 * libassoc - the data model: an organisation, its years, its alliances.
 * SPDX-License-Identifier: MIT
 *
 * The model is typed (docs/format.md lists every field, its type, unit and
 * domain) and is addressed by JSON Pointer paths into the "libassoc/1"
 * representation of the organisation, e.g. "/name", "/years/0/balance/cash",
 * "/years/0/revenue/3/category", "/alliances/1/practices/shared_governance".
 * Every setter checks the value against the field's type and domain before
 * storing it, so a model can never hold an invalid value; cross-field rules
 * (duplicates, references, dates, currencies) are checked by
 * assoc_org_validate() and by every loader.
 *
 * Absent is not zero: an absent number makes the getter return ASSOC_EABSENT.
 */
#ifndef ASSOC_MODEL_H
#define ASSOC_MODEL_H

#include "types.h"

ASSOC_BEGIN_DECL

/** Create an empty organisation (no identifier, no name). Release with assoc_org_free(). */
ASSOC_EXTERN(int) assoc_org_new(assoc_org **out);

/** Release an organisation and everything it owns. NULL is a no-op. */
ASSOC_EXTERN(void) assoc_org_free(assoc_org *org);

/** Deep copy. Release the copy with assoc_org_free(). */
ASSOC_EXTERN(int) assoc_org_clone(assoc_org **out, const assoc_org *org);

/**
 * Check the cross-field rules of the format: required fields present,
 * unique year numbers / alliance ids / partner ids, contributions naming an
 * existing party, end not before start, one currency per year, French
 * territory codes. Returns 0 or the first violation's code (path in the error).
 */
ASSOC_EXTERN(int) assoc_org_validate(const assoc_org *org);

/**
 * Read a number (JSON number field, integer or not).
 * @return 0; ASSOC_EABSENT if the field exists but holds no value;
 *         ASSOC_ENOTFOUND if the path names no field or no element;
 *         ASSOC_ETYPE if the field is not a number.
 */
ASSOC_EXTERN(int) assoc_org_get_number(double *out, const assoc_org *org, const char *path);

/**
 * Read a string field, or a vocabulary field as its stable identifier.
 * The string is owned by the model and valid until the model is modified or freed.
 * @return 0, ASSOC_EABSENT, ASSOC_ENOTFOUND or ASSOC_ETYPE.
 */
ASSOC_EXTERN(int) assoc_org_get_string(const char **out, const assoc_org *org, const char *path);

/**
 * Read a boolean, or a practice flag: *out is 1 (true), 0 (false); a practice
 * that is unknown returns ASSOC_EABSENT.
 */
ASSOC_EXTERN(int) assoc_org_get_bool(int *out, const assoc_org *org, const char *path);

/** Number of elements of an array field (years, revenue, alliances...). ASSOC_ENOTFOUND/ETYPE otherwise. */
ASSOC_EXTERN(int) assoc_org_count(size_t *out, const assoc_org *org, const char *path);

/**
 * Set a number. Refuses (ASSOC_EVALUE) non-finite values and values outside
 * the field's domain (e.g. negative expenses); the message names the path.
 */
ASSOC_EXTERN(int) assoc_org_set_number(assoc_org *org, const char *path, double value);

/**
 * Set a string; for a vocabulary field, `value` may be any accepted label
 * (matched caselessly, French or English) and the canonical identifier is stored.
 * The text must be valid UTF-8; names are stored NFC-normalised.
 */
ASSOC_EXTERN(int) assoc_org_set_string(assoc_org *org, const char *path, const char *value);

/** Set a boolean or a practice flag (0 or 1). */
ASSOC_EXTERN(int) assoc_org_set_bool(assoc_org *org, const char *path, int value);

/** Make a field absent (a number, string, flag, or a whole optional object). */
ASSOC_EXTERN(int) assoc_org_unset(assoc_org *org, const char *path);

/**
 * Append an empty element to an array field and return its index.
 * Fill it with the setters, e.g. after appending to "/years",
 * set "/years/<i>/year" and "/years/<i>/currency".
 */
ASSOC_EXTERN(int) assoc_org_append(size_t *index_out, assoc_org *org, const char *array_path);

/** Remove element `index` of an array field; later elements shift down. */
ASSOC_EXTERN(int) assoc_org_remove(assoc_org *org, const char *array_path, size_t index);

/**
 * The caseless, accent-insensitive match key of the organisation's name
 * (see assoc_text_match_key()). Owned by the model; NULL if there is no name.
 */
ASSOC_EXTERN(const char *) assoc_org_name_key(const assoc_org *org);

/** Number of warnings recorded while loading (unknown keys in lenient mode...). */
ASSOC_EXTERN(size_t) assoc_org_warning_count(const assoc_org *org);

/**
 * Warning `i` (0-based): message and JSON path, owned by the model.
 * @return 0 or ASSOC_ENOTFOUND.
 */
ASSOC_EXTERN(int) assoc_org_warning(const char **message, const char **path, const assoc_org *org, size_t i);

/** Create an empty collection. */
ASSOC_EXTERN(int) assoc_collection_new(assoc_collection **out);
/** Release a collection and the organisations it owns. */
ASSOC_EXTERN(void) assoc_collection_free(assoc_collection *coll);
/** Number of organisations. */
ASSOC_EXTERN(size_t) assoc_collection_count(const assoc_collection *coll);
/** Organisation `i`, borrowed (owned by the collection), or NULL if out of range. */
ASSOC_EXTERN(assoc_org *) assoc_collection_get(const assoc_collection *coll, size_t i);
/**
 * Add an organisation; the collection takes ownership of `org` on success only.
 * Refuses (ASSOC_EDUPLICATE) an organisation whose identifier is already present.
 */
ASSOC_EXTERN(int) assoc_collection_add(assoc_collection *coll, assoc_org *org);

ASSOC_END_DECL

#endif
