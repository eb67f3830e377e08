/*
 * Deterministic synthetic corpus of "libassoc/1" organisations for the
 * benchmark (tests/bench/assoc_bench.c).
 * SPDX-License-Identifier: MIT
 *
 * Record i of seed s depends only on (s, i): the same seed gives the same
 * bytes on every machine, and any record can be generated on its own.
 */
#ifndef ASSOC_BENCH_CORPUS_H
#define ASSOC_BENCH_CORPUS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Shape of a record (the "realistic record"). */
#define CORPUS_YEARS 3
#define CORPUS_REVENUE_LINES 12
#define CORPUS_ALLIANCES 4

/*
 * Write record `i` of `seed` (one JSON object, no newline) into buf.
 * Returns the length, or 0 if `cap` is too small (records are < 32 KiB).
 */
size_t corpus_record(char *buf, size_t cap, uint64_t seed, uint64_t i);

/*
 * Write records 0..n-1 as JSON Lines to `fp`. Returns 0, or -1 on a write
 * error. `bytes` (may be NULL) receives the number of bytes written.
 */
int corpus_write(FILE *fp, uint64_t seed, uint64_t n, uint64_t *bytes);

#endif
