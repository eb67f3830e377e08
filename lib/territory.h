/*
 * Internal: French INSEE territory codes (formulas.md §4) and the format of
 * organisation identifiers by scheme.
 * SPDX-License-Identifier: MIT
 *
 * Codes are strings, never numbers: "01" is not "1", and Corsica's
 * départements are "2A" and "2B". Codes of other countries are opaque
 * (ISO 3166-2, US states...): only the French ones can be checked here.
 */
#ifndef ASSOC_LIB_TERRITORY_H
#define ASSOC_LIB_TERRITORY_H

#include "model.h"

/* 1 if `code` is one of the 18 région codes (COG 2016+), else 0. NULL gives 0. */
int assoc__fr_region_valid(const char *code);

/* 1 if `code` is one of the 101 département codes, else 0. */
int assoc__fr_departement_valid(const char *code);

/* Région code ("75") of a valid département ("86"); NULL if `dep` is not one. Static storage. */
const char *assoc__fr_departement_region(const char *dep);

/*
 * Département of a commune code: writes "86", "2A" or "974" into out[4] and
 * returns 1 if `commune` is 5 characters whose prefix is a valid département
 * and whose rest is digits (2 + 3 in metropolitan France and Corsica,
 * 3 + 2 overseas); else returns 0 and leaves out[0] = '\0'.
 */
int assoc__fr_commune_departement(char out[4], const char *commune);

/* 1 if `country` names France ("FR", any case). */
int assoc__territory_is_fr(const char *country);

/*
 * Check a territory object whose JSON Pointer is `base` ("" for none, e.g.
 * "/territory" or "/years/0/revenue/2/funder/territory"). Absent fields pass.
 * country must be two ASCII letters (ISO 3166-1 alpha-2); for France every
 * code must exist and the finer codes must lie in the coarser ones.
 * Returns 0 or ASSOC_ETERRITORY with the error recorded at the offending
 * field (the finer code when two disagree).
 */
int assoc__territory_check(const assoc__territory *t, const char *base);

/*
 * 1 if `value` is well formed for identifier scheme `scheme`
 * (assoc_id_scheme): rna W + 9 digits (W2A/W2B + 7 digits in Corsica);
 * siren 9 digits; siret 14 digits; ein 9 digits or "NN-NNNNNNN"; gb_chc 6 to
 * 8 digits, optionally "-N" (subsidiary number); org_id
 * "XX-LIST-identifier"; other: any non-empty text. Unknown scheme: 0.
 */
int assoc__ident_value_valid(int scheme, const char *value);

/*
 * Check an identifier object at `base` ("/id", ".../funder/id"...):
 * both scheme and value present (ASSOC_EMISSING otherwise) and the value
 * well formed for the scheme (ASSOC_EVALUE at base + "/value").
 * An identifier with neither field passes (absent as a whole).
 */
int assoc__ident_check(const assoc__ident *id, const char *base);

#endif
