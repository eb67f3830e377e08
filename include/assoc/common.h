/*
 * libassoc - common definitions: export macro, C++ guards, versions.
 * SPDX-License-Identifier: MIT
 */
#ifndef ASSOC_COMMON_H
#define ASSOC_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define ASSOC_BEGIN_DECL extern "C" {
#define ASSOC_END_DECL }
#else
#define ASSOC_BEGIN_DECL
#define ASSOC_END_DECL
#endif

/** Declare a public function: exported from the shared library. */
#if defined(_WIN32)
#if defined(ASSOC_BUILDING)
#define ASSOC_EXTERN(type) __declspec(dllexport) type
#else
#define ASSOC_EXTERN(type) __declspec(dllimport) type
#endif
#elif defined(__GNUC__)
#define ASSOC_EXTERN(type) __attribute__((visibility("default"))) type
#else
#define ASSOC_EXTERN(type) type
#endif

/** Mark a public function as deprecated (kept for ABI, avoid in new code). */
#if defined(__GNUC__)
#define ASSOC_DEPRECATED __attribute__((deprecated))
#else
#define ASSOC_DEPRECATED
#endif

#define ASSOC_VERSION_MAJOR 0
#define ASSOC_VERSION_MINOR 1
#define ASSOC_VERSION_PATCH 0
/** MAJOR*10000 + MINOR*100 + PATCH: compare with assoc_version_number(). */
#define ASSOC_VERSION_NUMBER \
	(ASSOC_VERSION_MAJOR * 10000 + ASSOC_VERSION_MINOR * 100 + ASSOC_VERSION_PATCH)
#define ASSOC_VERSION_STRING "0.1.0"

/** Identifier of the JSON model format read and written by this version. */
#define ASSOC_FORMAT_ID "libassoc/1"
/** Identifier of the scoring-profile format read by this version. */
#define ASSOC_PROFILE_FORMAT_ID "libassoc-profile/1"

ASSOC_BEGIN_DECL

/** Version of the library actually loaded at run time (ASSOC_VERSION_NUMBER form). */
ASSOC_EXTERN(int) assoc_version_number(void);

/** Version string of the library loaded at run time, e.g. "0.1.0". Static storage. */
ASSOC_EXTERN(const char *) assoc_version_string(void);

/**
 * Release memory that libassoc returned to the caller as a plain buffer
 * (strings from the *_to_json / *_to_text functions, match keys). NULL is a no-op.
 * Never use free() on such memory: the library may use its own allocator.
 */
ASSOC_EXTERN(void) assoc_free(void *ptr);

ASSOC_END_DECL

#endif
