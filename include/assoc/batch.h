/*
 * libassoc - streaming batch scoring: JSON Lines in, reports out.
 * SPDX-License-Identifier: MIT
 *
 * A batch reads organisations as JSON Lines (one bare organisation object
 * per line, as assoc_jsonl_next() reads them), loads, validates and scores
 * each one, and writes one output record per input record, in input order:
 *
 *   - ASSOC_BATCH_JSONL: one JSON object per line (see below);
 *   - ASSOC_BATCH_CSV: one row per organisation-year, one column per measure.
 *
 * A record that fails to load or to score does not stop the batch: an error
 * record naming its input line, error code, JSON path and message takes its
 * place in the output, and it is counted as failed. Only failures of the
 * batch as a whole stop it (bad options, a read error of the source, a
 * write callback that fails, out of memory); what was scored before them
 * has been written.
 *
 * Memory does not grow with the input: it is bounded by a fixed number of
 * blocks of records in flight (about 64 records or 1 MiB of input each, two
 * blocks per worker plus two), and the buffers are reused from block to
 * block. With `threads` >= 1, worker threads load and score blocks while
 * the calling thread reads the input and writes the output, which stays in
 * input order whatever the number of threads.
 *
 * Output, JSONL (one line per input record, in input order):
 *
 *   {"line":3,"format":"libassoc-report/1","values_only":true,
 *    "organisation":{"id":{"scheme":"siren","value":"912345672"},"name":"..."},
 *    "profile":{"id":"libassoc-default","version":"2026.1"},"territory_override":null,
 *    "results":[{"measure":"revenue.total","year":2022,"subject":null,"status":"ok",
 *                "value":90000,"label":"EUR","coverage":1,"reason":null}, ...]}
 *   {"line":4,"error":{"code":"EVALUE","path":"/years/0/revenue/3/amount",
 *                      "message":"...","line":4,"column":0}}
 *
 * By default (bulk scoring) each result carries what
 * ASSOC_SCORE_VALUES_ONLY computes: measure, year (null for measures across
 * years or per alliance), subject, status, value (null when not computable),
 * label, coverage and reason; a measure's unit, formula and source are in
 * the catalogue (assoc_measure_info()). With ASSOC_BATCH_EXPLAIN each line
 * is the full report of assoc_report_to_json() (explanations, inputs,
 * contributions, profile entries, formula, source) with "line" added first.
 *
 * Output, CSV (RFC 4180, "\n" line ends, UTF-8): a header row
 *
 *   organisation,year,<measure>,<measure>,...,line,error
 *
 * then, for each organisation, one row per fiscal year in ascending order:
 * the organisation's identifier value, the year, one cell per measure, the
 * input line and an empty error cell. The measure columns are every measure
 * of the catalogue that has one value per organisation-year (per-alliance
 * measures and the on-demand ones, stress.stream_drop and model.logit, are
 * left out: use JSONL for them); a measure across years (trends, alliance
 * totals, territory flags) is repeated on each year's row. A cell is empty
 * when the measure is not computable (never 0). An organisation without
 * years gives one row with an empty year. A failed record gives one row
 * with only its line and its error ("EVALUE /years/0/revenue/3/amount:
 * message").
 */
#ifndef ASSOC_BATCH_H
#define ASSOC_BATCH_H

#include <stdio.h>
#include "types.h"
#include "json.h"

ASSOC_BEGIN_DECL

/** Output formats. */
typedef enum assoc_batch_format {
	ASSOC_BATCH_JSONL = 0, /**< one JSON object per input record */
	ASSOC_BATCH_CSV = 1    /**< one row per organisation-year */
} assoc_batch_format;

/** Flags of assoc_batch_options. */
typedef enum assoc_batch_flags {
	ASSOC_BATCH_DEFAULT = 0,
	/** JSONL: full reports with explanations (much larger and slower). Ignored by CSV. */
	ASSOC_BATCH_EXPLAIN = 1 << 0,
	/** CSV: no header row (e.g. to append to an existing file). */
	ASSOC_BATCH_NO_HEADER = 1 << 1
} assoc_batch_flags;

/** Largest number of worker threads. */
#define ASSOC_BATCH_MAX_THREADS 64u

/** Options of a batch. Initialise with ASSOC_BATCH_OPTIONS_INIT or assoc_batch_options_init(). */
typedef struct assoc_batch_options {
	unsigned int version;             /**< ASSOC_BATCH_OPTIONS_VERSION */
	unsigned int threads;             /**< 0: everything in the calling thread; n (1..64): n worker threads */
	int format;                       /**< assoc_batch_format */
	unsigned int flags;               /**< assoc_batch_flags */
	int year;                         /**< 0: every year; else only that fiscal year (an organisation without it is an error record) */
	const assoc_profile *profile;     /**< NULL: assoc_profile_default(); borrowed, must outlive the call */
	const assoc_load_options *load;   /**< NULL: default limits, strict reading */
} assoc_batch_options;

#define ASSOC_BATCH_OPTIONS_VERSION 1
#define ASSOC_BATCH_OPTIONS_INIT { ASSOC_BATCH_OPTIONS_VERSION, 0, ASSOC_BATCH_JSONL, 0, 0, NULL, NULL }

/** Initialise `opts` to the defaults of `version` (for bindings). ASSOC_EVERSION if unknown. */
ASSOC_EXTERN(int) assoc_batch_options_init(assoc_batch_options *opts, unsigned int version);

/**
 * Counts of a batch, filled by the run functions (also when they fail: the
 * counts then cover what was done). Initialise with ASSOC_BATCH_STATS_INIT:
 * the library writes only the fields of the version the caller was built with.
 */
typedef struct assoc_batch_stats {
	unsigned int version; /**< ASSOC_BATCH_STATS_VERSION */
	size_t records;       /**< input records (non-blank lines) */
	size_t ok;            /**< records loaded and scored */
	size_t failed;        /**< records written as error records */
	size_t rows;          /**< output lines (JSONL: one per record; CSV: header + rows) */
	uint64_t bytes_in;    /**< input bytes consumed */
	uint64_t bytes_out;   /**< output bytes written */
} assoc_batch_stats;

#define ASSOC_BATCH_STATS_VERSION 1
#define ASSOC_BATCH_STATS_INIT { ASSOC_BATCH_STATS_VERSION, 0, 0, 0, 0, 0, 0 }

/**
 * A sink for the output: take `len` bytes (not NUL-terminated) and return
 * 0, or a negative value to stop the batch (which then fails with ASSOC_EIO).
 * Always called from the thread that called the run function.
 */
typedef int (*assoc_write_cb)(const char *data, size_t len, void *payload);

/**
 * Run a batch from a callback source (as assoc_jsonl_reader_new_callback())
 * to a callback sink.
 * @param stats  NULL, or counts (see assoc_batch_stats)
 * @param opts   NULL for defaults (JSONL, values only, calling thread)
 * @return 0 when the whole input was processed, even if some records
 *         failed (see stats->failed); else ASSOC_EINVAL / ASSOC_EVERSION
 *         (options), ASSOC_EIO (source or sink failed), ASSOC_ENOMEM.
 */
ASSOC_EXTERN(int) assoc_batch_run(assoc_batch_stats *stats, assoc_read_cb read, void *read_payload,
				  assoc_write_cb write, void *write_payload, const assoc_batch_options *opts);

/** Run a batch over `len` bytes of JSON Lines in memory (read in place, not copied). */
ASSOC_EXTERN(int) assoc_batch_run_memory(assoc_batch_stats *stats, const char *data, size_t len,
					 assoc_write_cb write, void *payload, const assoc_batch_options *opts);

/** Run a batch from one FILE to another (neither is closed; `out` is not flushed). */
ASSOC_EXTERN(int) assoc_batch_run_file(assoc_batch_stats *stats, FILE *in, FILE *out,
				       const assoc_batch_options *opts);

/**
 * Run a batch over JSON Lines in memory and return the whole output as one
 * NUL-terminated string (the bindings' bulk entry point: one call per batch).
 * @param out     receives the output; release with assoc_free(). NULL on failure.
 * @param out_len may be NULL; receives strlen(*out)
 */
ASSOC_EXTERN(int) assoc_batch_memory_to_string(char **out, size_t *out_len, assoc_batch_stats *stats,
					       const char *data, size_t len, const assoc_batch_options *opts);

ASSOC_END_DECL

#endif
