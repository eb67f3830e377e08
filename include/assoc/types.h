/*
 * libassoc - forward declarations of every opaque type.
 * SPDX-License-Identifier: MIT
 */
#ifndef ASSOC_TYPES_H
#define ASSOC_TYPES_H

#include "common.h"

/** One organisation (association) with its years and alliances. Owned by the caller: assoc_org_free(). */
typedef struct assoc_org assoc_org;
/** An ordered list of organisations (a "collection" document). assoc_collection_free(). */
typedef struct assoc_collection assoc_collection;
/** A streaming reader of JSON Lines, one organisation per line. assoc_jsonl_reader_free(). */
typedef struct assoc_jsonl_reader assoc_jsonl_reader;
/** A scoring profile "libassoc-profile/1": constants, bands, weights, territory overrides. */
typedef struct assoc_profile assoc_profile;
/** A scoring report: every measure computed for one organisation. assoc_report_free(). */
typedef struct assoc_report assoc_report;
/** One computed measure with its explanation. Borrowed from a report, or owned (assoc_result_free()). */
typedef struct assoc_result assoc_result;

#endif
