/*
 * libassoc - reading and writing the JSON format "libassoc/1" (docs/format.md).
 * SPDX-License-Identifier: MIT
 *
 * A document is either one organisation
 *     {"format": "libassoc/1", "organisation": {...}}
 * or a collection
 *     {"format": "libassoc/1", "organisations": [{...}, ...]};
 * JSON Lines hold one organisation object per line (no "format" wrapper).
 */
#ifndef ASSOC_JSON_H
#define ASSOC_JSON_H

#include <stdio.h>
#include "types.h"

ASSOC_BEGIN_DECL

/** Documented default limits (docs/format.md, "Limits"). */
#define ASSOC_DEFAULT_MAX_DOCUMENT_BYTES (64u * 1024u * 1024u)
#define ASSOC_DEFAULT_MAX_DEPTH 32u
#define ASSOC_DEFAULT_MAX_YEARS 200u
#define ASSOC_DEFAULT_MAX_ITEMS 100000u
#define ASSOC_DEFAULT_MAX_STRING_BYTES 4096u

/** Options of every loader. Initialise with ASSOC_LOAD_OPTIONS_INIT or assoc_load_options_init(). */
typedef struct assoc_load_options {
	unsigned int version;       /**< ASSOC_LOAD_OPTIONS_VERSION */
	int lenient;                /**< 0 (default): unknown keys are errors; 1: warnings (assoc_org_warning()) */
	size_t max_document_bytes;  /**< larger inputs are refused before parsing (ASSOC_ELIMIT); 0 = default */
	unsigned int max_depth;     /**< JSON nesting limit; 0 = default */
	size_t max_years;           /**< years per organisation; 0 = default */
	size_t max_items;           /**< elements of any other array; 0 = default */
	size_t max_string_bytes;    /**< bytes of any string; 0 = default */
} assoc_load_options;

#define ASSOC_LOAD_OPTIONS_VERSION 1
#define ASSOC_LOAD_OPTIONS_INIT { ASSOC_LOAD_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0 }

/** Initialise `opts` to the defaults of `version` (for bindings). ASSOC_EVERSION if unknown. */
ASSOC_EXTERN(int) assoc_load_options_init(assoc_load_options *opts, unsigned int version);

/**
 * Load one organisation from a JSON document in memory (`len` bytes, need
 * not be NUL-terminated). The document may be the wrapped form or a bare
 * organisation object. Validates fully (assoc_org_validate()).
 * @param opts NULL for defaults
 * @return 0 or an error code; the error's path names the offending value.
 */
ASSOC_EXTERN(int) assoc_org_from_json(assoc_org **out, const char *json, size_t len,
				      const assoc_load_options *opts);

/** Same as assoc_org_from_json(), reading the file at `path`. */
ASSOC_EXTERN(int) assoc_org_load_file(assoc_org **out, const char *path, const assoc_load_options *opts);

/**
 * Load a collection document (or a single-organisation document, giving a
 * collection of one). Duplicate organisation identifiers are ASSOC_EDUPLICATE.
 */
ASSOC_EXTERN(int) assoc_collection_from_json(assoc_collection **out, const char *json, size_t len,
					     const assoc_load_options *opts);

/** Same as assoc_collection_from_json(), reading a file. */
ASSOC_EXTERN(int) assoc_collection_load_file(assoc_collection **out, const char *path,
					     const assoc_load_options *opts);

/** Flags of the writers. */
typedef enum assoc_write_flags {
	ASSOC_WRITE_DEFAULT = 0,
	ASSOC_WRITE_PRETTY = 1 << 0,   /**< indented, one key per line */
	ASSOC_WRITE_BARE = 1 << 1      /**< the organisation object alone, without the format wrapper */
} assoc_write_flags;

/**
 * Write an organisation as a "libassoc/1" document. Absent fields are
 * omitted; numbers are written so that reading them back gives the same
 * double (round trip exact).
 * @param out receives a NUL-terminated string; release with assoc_free().
 */
ASSOC_EXTERN(int) assoc_org_to_json(char **out, const assoc_org *org, unsigned int flags);

/**
 * Write a collection document. With ASSOC_WRITE_BARE the result is JSON
 * Lines instead: one compact organisation object per line.
 * Release with assoc_free().
 */
ASSOC_EXTERN(int) assoc_collection_to_json(char **out, const assoc_collection *coll, unsigned int flags);

/** Write a document to a file. */
ASSOC_EXTERN(int) assoc_org_save_file(const assoc_org *org, const char *path, unsigned int flags);

/**
 * A source of bytes for the JSON Lines reader: copy up to `cap` bytes into
 * `buf` and return how many (0 at end of input), or a negative value on error.
 */
typedef long (*assoc_read_cb)(char *buf, size_t cap, void *payload);

/** JSON Lines from a FILE (not closed by the reader). */
ASSOC_EXTERN(int) assoc_jsonl_reader_new_file(assoc_jsonl_reader **out, FILE *fp, const assoc_load_options *opts);
/** JSON Lines from memory (not copied: keep it alive while reading). */
ASSOC_EXTERN(int) assoc_jsonl_reader_new_memory(assoc_jsonl_reader **out, const char *data, size_t len,
						const assoc_load_options *opts);
/** JSON Lines from a callback. */
ASSOC_EXTERN(int) assoc_jsonl_reader_new_callback(assoc_jsonl_reader **out, assoc_read_cb read, void *payload,
						  const assoc_load_options *opts);

/**
 * Read the next organisation. Blank lines are skipped. Memory is bounded
 * by the largest line. Errors carry the line number (assoc_error.line) and
 * a path prefixed by nothing (paths are relative to the line's object).
 * After an error in one line the reader can go on with the next one.
 * @return 0 (org in *out, owned by the caller), ASSOC_ITEROVER at the end, or an error.
 */
ASSOC_EXTERN(int) assoc_jsonl_next(assoc_org **out, assoc_jsonl_reader *reader);

/** 1-based number of the line last read (0 before the first). */
ASSOC_EXTERN(size_t) assoc_jsonl_line(const assoc_jsonl_reader *reader);

/** Release a reader. */
ASSOC_EXTERN(void) assoc_jsonl_reader_free(assoc_jsonl_reader *reader);

ASSOC_END_DECL

#endif
