/*
 * libassoc - error codes and the thread-local last error.
 * SPDX-License-Identifier: MIT
 *
 * Every function that can fail returns an int: 0 on success, one of the
 * negative codes below on failure. The details (a message naming the
 * offending value, and its JSON path) are then available, in the calling
 * thread only, from assoc_error_last() until the next failing call.
 */
#ifndef ASSOC_ERRORS_H
#define ASSOC_ERRORS_H

#include "common.h"

ASSOC_BEGIN_DECL

/** Return codes. Values are part of the ABI: new codes are only appended. */
typedef enum assoc_error_code {
	ASSOC_OK = 0,
	ASSOC_ERROR = -1,        /**< generic failure */
	ASSOC_ENOMEM = -2,       /**< out of memory */
	ASSOC_EINVAL = -3,       /**< invalid argument (NULL where an object is needed...) */
	ASSOC_EIO = -4,          /**< file could not be read or written */
	ASSOC_EPARSE = -5,       /**< malformed JSON (line and column in the error) */
	ASSOC_EUTF8 = -6,        /**< invalid UTF-8 */
	ASSOC_ETYPE = -7,        /**< a value has the wrong JSON type */
	ASSOC_EUNKNOWNKEY = -8,  /**< a key the format does not define (strict mode) */
	ASSOC_ELABEL = -9,       /**< unknown label in a vocabulary (message lists the valid ones) */
	ASSOC_EVALUE = -10,      /**< value out of its domain: negative, non-finite, out of range, bad format */
	ASSOC_EMISSING = -11,    /**< a required value is missing */
	ASSOC_EDUPLICATE = -12,  /**< duplicate identifier */
	ASSOC_EREF = -13,        /**< reference to something that does not exist (dangling) */
	ASSOC_EDATE = -14,       /**< invalid date, or end before start */
	ASSOC_ECURRENCY = -15,   /**< unknown currency, or several currencies in one year */
	ASSOC_ETERRITORY = -16,  /**< invalid French territory code */
	ASSOC_ELIMIT = -17,      /**< a documented size or nesting limit is exceeded */
	ASSOC_EVERSION = -18,    /**< unsupported format identifier/version */
	ASSOC_ENOTFOUND = -19,   /**< no such path, element, measure or override */
	ASSOC_EABSENT = -20,     /**< the value exists in the format but is absent (missing is not zero) */
	ASSOC_ITEROVER = -21     /**< end of iteration (not an error: JSON Lines reader at end) */
} assoc_error_code;

/** The details of the last failure in the calling thread. */
typedef struct assoc_error {
	int code;            /**< one of assoc_error_code */
	const char *message; /**< English sentence naming the offending value; never NULL ("" if none) */
	const char *path;    /**< JSON Pointer of the offending value (e.g. "/years/2/revenue/4/amount"); "" if none */
	int line;            /**< 1-based line in the input for parse errors, else 0 */
	int column;          /**< 1-based column (in bytes) for parse errors, else 0 */
} assoc_error;

/**
 * The last error raised in the calling thread. Never NULL: when nothing
 * failed, code is ASSOC_OK and the strings are empty. Owned by the library,
 * valid until the next libassoc call in this thread that fails or clears it.
 */
ASSOC_EXTERN(const assoc_error *) assoc_error_last(void);

/** Reset the calling thread's last error to ASSOC_OK. */
ASSOC_EXTERN(void) assoc_error_clear(void);

/** Stable identifier of a code, e.g. "EPARSE" for ASSOC_EPARSE; "EUNKNOWN" for others. */
ASSOC_EXTERN(const char *) assoc_error_code_name(int code);

ASSOC_END_DECL

#endif
