/*
 * Internal: entry points shared by the JSON reader (json_read.c), the JSON
 * Lines reader (jsonl.c) and the writer (json_write.c).
 * SPDX-License-Identifier: MIT
 */
#ifndef ASSOC_LIB_JSON_INTERNAL_H
#define ASSOC_LIB_JSON_INTERNAL_H

#include <stddef.h>
#include "fields.h"
#include "model.h"
#include "util.h"

/*
 * Load and validate one organisation from `len` bytes (a wrapped
 * single-organisation document or a bare organisation object) under
 * resolved limits. Errors are located as documented in json_read.c.
 */
int assoc__org_from_json_limits(assoc_org **out, const char *json, size_t len, const assoc__limits *lim);

/* Append the JSON text of an organisation object (no wrapper) to `b`;
 * `pretty` indents, starting at `indent` levels. */
void assoc__write_org(assoc__buf *b, const assoc_org *org, int pretty, int indent);

/* Read a whole file into assoc__malloc'ed memory (NUL-terminated), refusing
 * files larger than `max_bytes` (ASSOC_ELIMIT) before reading them whole.
 * 0, ASSOC_EIO, ASSOC_ELIMIT or ASSOC_ENOMEM. */
int assoc__read_file(char **out, size_t *len, const char *path, size_t max_bytes);

#endif
