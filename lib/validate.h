/*
 * Internal: cross-field validation of the typed model (assoc_org_validate)
 * and the date arithmetic it needs.
 * SPDX-License-Identifier: MIT
 *
 * Field-level checks (types, domains, vocabularies, currency codes, date
 * syntax) belong to the loader and the setters (fields.c); the rules here
 * relate several fields: required fields of objects built through the path
 * API, uniqueness, references, date order, one currency per year, territory
 * codes, identifier formats, and the few combinations that are impossible.
 */
#ifndef ASSOC_LIB_VALIDATE_H
#define ASSOC_LIB_VALIDATE_H

#include "model.h"

/*
 * The days covered by a date of the format: "YYYY", "YYYY-MM" or
 * "YYYY-MM-DD" (real calendar, proleptic Gregorian). *first and *last
 * receive day numbers (days since 1970-01-01) of the first and last day of
 * the period: "2023" gives 2023-01-01 .. 2023-12-31, "2024-02" gives
 * 2024-02-01 .. 2024-02-29. Returns 0, or -1 if `date` is not such a date
 * (sets no error). Either out pointer may be NULL.
 */
int assoc__date_span(const char *date, long *first, long *last);

/* Check one alliance at `base` ("/alliances/1"); 0 or the first violation's code. */
int assoc__validate_alliance(const assoc__alliance *a, const char *base);

/* Check one year's own rules at `base` ("/years/0"); uniqueness across years is the caller's. */
int assoc__validate_year(const assoc__year *y, const char *base);

#endif
