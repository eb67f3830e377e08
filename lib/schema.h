/*
 * Internal: the schema tables (schema.c) and the generic walkers that use
 * them (model.c): clone, required-field check, field lookup, the list of
 * every field path of the format, and the organisation's derived data.
 * SPDX-License-Identifier: MIT
 */
#ifndef ASSOC_LIB_SCHEMA_H
#define ASSOC_LIB_SCHEMA_H

#include <stddef.h>
#include "model.h"
#include "util.h"

/* Sub-schemas that other modules name directly (the organisation's is in model.h). */
extern const assoc__schema assoc__schema_year;
extern const assoc__schema assoc__schema_alliance;
extern const assoc__schema assoc__schema_ident;
extern const assoc__schema assoc__schema_territory;

/* The field of `schema` whose JSON key is `key`, or NULL. */
const assoc__field *assoc__schema_field(const assoc__schema *schema, const char *key);

/* Deep copy of a struct described by `schema` into `dst`, which the function
 * initialises first. On failure (ASSOC_ENOMEM) `dst` holds a partial copy
 * that assoc__dispose() releases. */
int assoc__copy(void *dst, const void *src, const assoc__schema *schema);

/*
 * Check that every REQUIRED field of the struct at `obj` is present.
 * `path` is the JSON Pointer of `obj` and is restored on return. With `deep`,
 * present sub-objects (and required ones) and every array element are
 * checked too. Returns 0 or ASSOC_EMISSING (ASSOC_EVALUE for an empty
 * required string is the setters' business) recorded at the missing field.
 */
int assoc__check_required(const void *obj, const assoc__schema *schema, assoc__path *path, int deep);

/* One field of the format, as listed for the documentation. */
typedef struct assoc__schema_path {
	char *pattern;              /* "/years/[*]/balance/cash" but with a bare star: any array index */
	const assoc__field *field;  /* its description (type, flags, vocab, unit) */
	const assoc__schema *owner; /* the object type holding it ("year", "revenue line"...) */
} assoc__schema_path;

/*
 * Every field path of the organisation object, in schema order (depth
 * first), objects and arrays included. `*out` is an array of `*n` entries;
 * release with assoc__schema_paths_free(). 0 or ASSOC_ENOMEM.
 */
int assoc__schema_paths(assoc__schema_path **out, size_t *n);
void assoc__schema_paths_free(assoc__schema_path *paths, size_t n);

/* Derived data of the organisation: recompute name_key from name (NULL
 * when there is no name). 0 or the error of assoc_text_match_key. */
int assoc__org_refresh_name_key(assoc_org *org);

/* Record a warning (lenient loading) on the organisation. 0 or ASSOC_ENOMEM. */
int assoc__org_warn(assoc_org *org, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Release every warning. */
void assoc__org_clear_warnings(assoc_org *org);

#endif
