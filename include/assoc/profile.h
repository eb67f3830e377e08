/*
 * libassoc - scoring profiles "libassoc-profile/1" (docs/profile.md).
 * SPDX-License-Identifier: MIT
 *
 * A profile holds every constant (with its date and source), band table,
 * weight and per-territory override that scoring uses: no figure of that
 * kind lives in code. A profile is immutable once loaded and can be shared
 * read-only by any number of threads.
 */
#ifndef ASSOC_PROFILE_H
#define ASSOC_PROFILE_H

#include "types.h"

ASSOC_BEGIN_DECL

/**
 * The built-in default profile (identical to docs/profile-default.json).
 * Owned by the library, immutable, created once on first use (thread-safe);
 * never free it. Returns NULL only if memory ran out on first use.
 */
ASSOC_EXTERN(const assoc_profile *) assoc_profile_default(void);

/** Load a profile from JSON text; errors carry the JSON path. Release with assoc_profile_free(). */
ASSOC_EXTERN(int) assoc_profile_from_json(assoc_profile **out, const char *json, size_t len);

/** Load a profile from a file. */
ASSOC_EXTERN(int) assoc_profile_load_file(assoc_profile **out, const char *path);

/** Serialise a profile (canonical form). Release with assoc_free(). */
ASSOC_EXTERN(int) assoc_profile_to_json(char **out, const assoc_profile *profile, unsigned int flags);

/** Release a profile loaded by the caller. NULL and the default profile are no-ops. */
ASSOC_EXTERN(void) assoc_profile_free(assoc_profile *profile);

/** The profile's identifier and version, e.g. "libassoc-default" and "2026.1". */
ASSOC_EXTERN(const char *) assoc_profile_id(const assoc_profile *profile);
ASSOC_EXTERN(const char *) assoc_profile_version(const assoc_profile *profile);

/**
 * Value of constant `key` (e.g. "fte_hours", "volunteer_hourly_rate.EUR") as
 * it applies to `org`'s territory (the most specific matching override wins),
 * or the base value when `org` is NULL.
 * @param origin if not NULL, receives "base" or the override's name (owned by the profile)
 * @return 0 or ASSOC_ENOTFOUND.
 */
ASSOC_EXTERN(int) assoc_profile_constant(double *out, const char **origin, const assoc_profile *profile,
					 const char *key, const assoc_org *org);

ASSOC_END_DECL

#endif
