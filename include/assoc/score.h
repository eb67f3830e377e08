/*
 * libassoc - measures, results that explain themselves, reports.
 * SPDX-License-Identifier: MIT
 *
 * Every measure of docs/measures.md is computed into an assoc_result that
 * carries its value *and* its explanation: status, unit, coverage, formula,
 * inputs used, contributions, profile entries applied, a plain-English
 * sentence and the source. A measure whose inputs are missing is
 * ASSOC_STATUS_NOT_COMPUTABLE with a reason; its value is never 0.
 */
#ifndef ASSOC_SCORE_H
#define ASSOC_SCORE_H

#include "types.h"

ASSOC_BEGIN_DECL

typedef enum assoc_status {
	ASSOC_STATUS_OK = 0,             /**< computed from all its inputs */
	ASSOC_STATUS_NOT_COMPUTABLE = 1, /**< no value: see assoc_result_reason() */
	ASSOC_STATUS_PARTIAL = 2         /**< computed from part of its inputs: see coverage */
} assoc_status;

/* ---- the catalogue of measures ----------------------------------------- */

/** Number of measure identifiers the library computes. */
ASSOC_EXTERN(size_t) assoc_measure_count(void);
/** Measure identifier `i`, e.g. "revenue.streams.hhi"; NULL if out of range. Static storage. */
ASSOC_EXTERN(const char *) assoc_measure_id(size_t i);
/**
 * Static description of a measure.
 * @param unit, formula, source_tag, source_ref  each may be NULL; static strings.
 * @return 0 or ASSOC_ENOTFOUND.
 */
ASSOC_EXTERN(int) assoc_measure_info(const char **unit, const char **formula, const char **source_tag,
				     const char **source_ref, const char *measure);

/* ---- results ------------------------------------------------------------ */

/** Measure identifier. */
ASSOC_EXTERN(const char *) assoc_result_measure(const assoc_result *r);
/** Fiscal year the result is about, or 0 for measures across years or per alliance. */
ASSOC_EXTERN(int) assoc_result_year(const assoc_result *r);
/** What the result is about inside the year/organisation (an alliance id), or NULL. */
ASSOC_EXTERN(const char *) assoc_result_subject(const assoc_result *r);
ASSOC_EXTERN(assoc_status) assoc_result_status(const assoc_result *r);
/** The value: 0, or ASSOC_EABSENT when not computable (*out is then NaN). */
ASSOC_EXTERN(int) assoc_result_value(double *out, const assoc_result *r);
/** A categorical outcome (e.g. the group that sets a dependence rate, an alliance's logic), or NULL. */
ASSOC_EXTERN(const char *) assoc_result_label(const assoc_result *r);
/** Unit: "ratio", "share", "months", "hours", "fte", "currency", "points", "level", "count"... */
ASSOC_EXTERN(const char *) assoc_result_unit(const assoc_result *r);
/** Coverage in [0, 1]: share of the inputs (weights, practices...) actually known. 1 when not applicable. */
ASSOC_EXTERN(double) assoc_result_coverage(const assoc_result *r);
/** Formula identifier (e.g. "hhi") and the formula in words. */
ASSOC_EXTERN(const char *) assoc_result_formula_id(const assoc_result *r);
ASSOC_EXTERN(const char *) assoc_result_formula(const assoc_result *r);
/** One sentence in plain English explaining the value (or why there is none). */
ASSOC_EXTERN(const char *) assoc_result_explanation(const assoc_result *r);
/** Why the result is not computable or partial; NULL when ok. */
ASSOC_EXTERN(const char *) assoc_result_reason(const assoc_result *r);
/** Source tag "V", "S" or "own" (formulas.md) and the reference. */
ASSOC_EXTERN(const char *) assoc_result_source_tag(const assoc_result *r);
ASSOC_EXTERN(const char *) assoc_result_source_ref(const assoc_result *r);

/** Inputs actually used, name -> value (NaN for an input that was missing). */
ASSOC_EXTERN(size_t) assoc_result_input_count(const assoc_result *r);
ASSOC_EXTERN(int) assoc_result_input(const char **name, double *value, const assoc_result *r, size_t i);
/** Per-component contributions (shares of an index, weighted points of a composite). */
ASSOC_EXTERN(size_t) assoc_result_contribution_count(const assoc_result *r);
ASSOC_EXTERN(int) assoc_result_contribution(const char **name, double *value, const assoc_result *r, size_t i);
/** Profile entries applied: key, value, and origin ("base" or the territory override's name). */
ASSOC_EXTERN(size_t) assoc_result_profile_entry_count(const assoc_result *r);
ASSOC_EXTERN(int) assoc_result_profile_entry(const char **key, double *value, const char **origin,
					     const assoc_result *r, size_t i);

/** Serialise one result as a JSON object. Release with assoc_free(). */
ASSOC_EXTERN(int) assoc_result_to_json(char **out, const assoc_result *r, unsigned int flags);
/** Release a result returned by one of the single-measure functions below. */
ASSOC_EXTERN(void) assoc_result_free(assoc_result *r);

/* ---- reports ------------------------------------------------------------ */

/** Options of assoc_report_new(). */
typedef struct assoc_score_options {
	unsigned int version; /**< ASSOC_SCORE_OPTIONS_VERSION */
	int year;             /**< 0: every year of the organisation; else only that fiscal year (and its org-level measures) */
	unsigned int flags;   /**< assoc_score_flags */
} assoc_score_options;

/** Flags of assoc_score_options. */
typedef enum assoc_score_flags {
	ASSOC_SCORE_DEFAULT = 0,
	/** Values, statuses and reasons only: no explanation sentences, inputs or
	 *  contributions (for bulk scoring, where they would be thrown away). */
	ASSOC_SCORE_VALUES_ONLY = 1 << 0
} assoc_score_flags;

#define ASSOC_SCORE_OPTIONS_VERSION 1
#define ASSOC_SCORE_OPTIONS_INIT { ASSOC_SCORE_OPTIONS_VERSION, 0, 0 }

/** Initialise options to the defaults of `version`. */
ASSOC_EXTERN(int) assoc_score_options_init(assoc_score_options *opts, unsigned int version);

/**
 * Compute every measure for an organisation: per year, per alliance,
 * across years, territory and composite scores.
 * @param profile NULL for assoc_profile_default()
 * @param opts    NULL for defaults
 */
ASSOC_EXTERN(int) assoc_report_new(assoc_report **out, const assoc_org *org, const assoc_profile *profile,
				   const assoc_score_options *opts);
ASSOC_EXTERN(void) assoc_report_free(assoc_report *rep);
/** Number of results, and result `i` (borrowed from the report). */
ASSOC_EXTERN(size_t) assoc_report_count(const assoc_report *rep);
ASSOC_EXTERN(const assoc_result *) assoc_report_get(const assoc_report *rep, size_t i);
/**
 * Find a result by measure, year (0 for org-level) and subject (NULL for none).
 * Returns NULL when the report holds no such result.
 */
ASSOC_EXTERN(const assoc_result *) assoc_report_find(const assoc_report *rep, const char *measure, int year,
						     const char *subject);
/** Name of the territory override of the profile applied to this organisation, or NULL. */
ASSOC_EXTERN(const char *) assoc_report_territory_override(const assoc_report *rep);
/** Serialise the whole report (organisation id, profile, results). Release with assoc_free(). */
ASSOC_EXTERN(int) assoc_report_to_json(char **out, const assoc_report *rep, unsigned int flags);
/** Readable text: the three levers, territory and composite, with explanations. Release with assoc_free(). */
ASSOC_EXTERN(int) assoc_report_to_text(char **out, const assoc_report *rep);

/* ---- single measures, stress tests, logistic evaluator ------------------- */

/**
 * Compute one measure for one year (0 for org-level measures) and subject
 * (alliance id, or NULL). The result is owned by the caller: assoc_result_free().
 */
ASSOC_EXTERN(int) assoc_measure_compute(assoc_result **out, const assoc_org *org, const char *measure, int year,
					const char *subject, const assoc_profile *profile);

/** Grouping levels of revenue. */
typedef enum assoc_level {
	ASSOC_LEVEL_STREAMS = 0,
	ASSOC_LEVEL_CATEGORIES = 1,
	ASSOC_LEVEL_FUNDERS = 2
} assoc_level;

/**
 * Stress test: the largest funder (level ASSOC_LEVEL_FUNDERS) or stream
 * (ASSOC_LEVEL_STREAMS) disappears in `year`, expenses kept. Value: survival
 * months; inputs: the lost amount, the monthly budget gap.
 */
ASSOC_EXTERN(int) assoc_stress_remove_largest(assoc_result **out, const assoc_org *org, int year,
					      assoc_level level, const assoc_profile *profile);

/** Stress test: stream `stream` (assoc_stream) falls by `share` (0..1) in `year`. */
ASSOC_EXTERN(int) assoc_stress_stream_drop(assoc_result **out, const assoc_org *org, int year, int stream,
					   double share, const assoc_profile *profile);

/**
 * Generic logistic model: p = 1 / (1 + exp(-(beta0 + sum beta_i * x_i))),
 * x_i the value of measure names[i] for `year` in `rep`. No default
 * coefficients are shipped (published ones could not be verified).
 * Not computable when any x_i is.
 */
ASSOC_EXTERN(int) assoc_logit(assoc_result **out, const assoc_report *rep, int year, double beta0,
			      const char *const *names, const double *betas, size_t n);

/** Concentration indices of a list of amounts (formulas.md §1.2). */
typedef struct assoc_concentration {
	double total;            /**< S = sum of max(a_i, 0) */
	double hhi;              /**< sum p_i^2 */
	double hhi_normalised;   /**< (H - 1/K) / (1 - 1/K); NaN if K < 2 */
	double equivalent_number;/**< 1 / H */
	double entropy;          /**< -sum p ln p (natural log) */
	double evenness;         /**< entropy / ln K; NaN if K < 2 */
	double max_share;        /**< dependence rate */
	size_t max_index;        /**< index of the largest share */
	size_t clamped;          /**< number of negative amounts clamped to 0 */
} assoc_concentration;

/**
 * Compute the concentration indices of `n` amounts with `k` groups in the
 * classification (k >= n; zeros count). ASSOC_EVALUE if S = 0 (not
 * computable) or an amount is not finite.
 */
ASSOC_EXTERN(int) assoc_concentration_compute(assoc_concentration *out, const double *amounts, size_t n, size_t k);

ASSOC_END_DECL

#endif
