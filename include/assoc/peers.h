/*
 * libassoc - peer benchmarking: percentile ranks, winsorised z-scores and
 * group quartiles of any measure within groups of similar organisations,
 * and Tuckman & Chang's worst-quintile flags (docs/benchmarking.md).
 * SPDX-License-Identifier: MIT
 *
 * A *population* is a list of organisation-years, each with the values of
 * its measures and its group keys (year, sector, revenue and currency,
 * territory). A *benchmark* ranks one measure within the groups of a
 * *grouping* (for instance sector x size band, or département). Groups
 * smaller than the profile's benchmark.min_group_size are reported as too
 * small and not ranked; members whose value (or a group key) is missing are
 * reported as such, never ranked as zero.
 *
 * Definitions (docs/benchmarking.md):
 *   - quantiles: R's default, type 7 (Hyndman & Fan 1996):
 *     Q(p) = x[j] + (h - j)(x[j+1] - x[j]), h = (n - 1)p, j = floor(h),
 *     on the sorted values x[0..n-1] of the group;
 *   - percentile rank: mid-rank, 100 * (#below + 0.5 * #equal) / n, where
 *     #equal counts the member itself (so it lies in (0, 100));
 *   - z-score: (w - mean(w)) / sd(w) on the values winsorised at the group's
 *     quantiles benchmark.winsor_low and benchmark.winsor_high (default
 *     1 % / 99 %, as the fiscal R package), sd with n - 1 as R's scale().
 *
 * Threads: a population is filled by one thread; once filled it is only
 * read, and any number of threads may benchmark it at the same time.
 * Benchmarks copy what they report: they stay valid after the population is
 * freed.
 */
#ifndef ASSOC_PEERS_H
#define ASSOC_PEERS_H

#include "types.h"

ASSOC_BEGIN_DECL

/** A population of organisation-years. assoc_population_free(). */
typedef struct assoc_population assoc_population;
/** One measure ranked within groups of a population. assoc_benchmark_free(). */
typedef struct assoc_benchmark assoc_benchmark;
/** Tuckman & Chang worst-quintile flags over a population. assoc_tc_free(). */
typedef struct assoc_tc assoc_tc;

/* ---- populations -------------------------------------------------------- */

/** Create an empty population. Release with assoc_population_free(). */
ASSOC_EXTERN(int) assoc_population_new(assoc_population **out);

/** Release a population. NULL is a no-op. */
ASSOC_EXTERN(void) assoc_population_free(assoc_population *pop);

/**
 * Add the organisation-year (`org`, `year`) to the population: copies the
 * organisation's identifier, its group keys (sector "scheme:code", country,
 * région, département, commune, the year's revenue and currency) and the
 * value of every measure of `rep` about that year or about the whole
 * organisation (year 0), without a subject (per-alliance results are left
 * out). A measure that is not computable is stored as missing.
 * Revenue, for size bands, is the year's declared total_revenue, else the
 * sum of its revenue lines; missing when it has neither, or when its lines
 * are only part of its revenue (revenue_complete false, no total declared).
 * @param rep a report on `org` covering `year`; NULL to compute one with the
 *            default profile (values only).
 * @return 0; ASSOC_EINVAL (NULL pop or org); ASSOC_ENOTFOUND (`org` has no
 *         such year, path "/years"); ASSOC_EMISSING (the organisation has no
 *         identifier); ASSOC_EDUPLICATE (this identifier and year are already
 *         in the population); ASSOC_ENOMEM. The population is unchanged on failure.
 */
ASSOC_EXTERN(int) assoc_population_add(assoc_population *pop, const assoc_org *org, int year,
				       const assoc_report *rep);

/** Group keys of a member given by value (assoc_population_add_values()). */
typedef struct assoc_peer_keys {
	unsigned int version;    /**< ASSOC_PEER_KEYS_VERSION */
	const char *sector;      /**< sector key, e.g. "naf:94.99Z"; NULL if unknown */
	const char *country;     /**< ISO 3166-1 alpha-2; NULL if unknown */
	const char *region;      /**< région (or state) code; NULL if unknown */
	const char *departement; /**< département code; NULL if unknown */
	const char *commune;     /**< commune code; NULL if unknown */
	const char *currency;    /**< ISO 4217 code of `revenue`; NULL if unknown */
	const double *revenue;   /**< the year's revenue; NULL if unknown (missing is not zero) */
} assoc_peer_keys;

#define ASSOC_PEER_KEYS_VERSION 1
#define ASSOC_PEER_KEYS_INIT { ASSOC_PEER_KEYS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/** Initialise `keys` to "everything unknown" for `version`. ASSOC_EVERSION if unknown. */
ASSOC_EXTERN(int) assoc_peer_keys_init(assoc_peer_keys *keys, unsigned int version);

/**
 * Add a member given by value: measures computed elsewhere, or a population
 * built by hand. `measures[i]` has the value `values[i]`; a NaN value is
 * stored as missing; infinite values are refused (ASSOC_EVALUE, path
 * "/values/<i>").
 * @param keys NULL when every key is unknown.
 * @return 0, ASSOC_EINVAL, ASSOC_EVALUE, ASSOC_EDUPLICATE (same id and year,
 *         or a measure named twice), ASSOC_EVERSION (keys->version) or ASSOC_ENOMEM.
 *         The population is unchanged on failure.
 */
ASSOC_EXTERN(int) assoc_population_add_values(assoc_population *pop, const char *id, int year,
					      const assoc_peer_keys *keys, const char *const *measures,
					      const double *values, size_t n);

/** Number of organisation-years in the population. */
ASSOC_EXTERN(size_t) assoc_population_count(const assoc_population *pop);

/** Index of the member (`id`, `year`). 0 or ASSOC_ENOTFOUND. */
ASSOC_EXTERN(int) assoc_population_find(size_t *out, const assoc_population *pop, const char *id, int year);

/** Identifier (borrowed from the population) and year of member `i`. 0 or ASSOC_ENOTFOUND. */
ASSOC_EXTERN(int) assoc_population_member(const char **id, int *year, const assoc_population *pop, size_t i);

/**
 * Stored value of `measure` for member `i`.
 * @return 0; ASSOC_EABSENT when the member has no value for it (*out is NaN);
 *         ASSOC_ENOTFOUND when `i` is out of range.
 */
ASSOC_EXTERN(int) assoc_population_value(double *out, const assoc_population *pop, size_t i, const char *measure);

/* ---- benchmarks ----------------------------------------------------------- */

/** Dimensions of a grouping, combined with '|'. 0 groups the whole population. */
typedef enum assoc_grouping {
	ASSOC_GROUP_ALL = 0,              /**< one group: the whole population */
	ASSOC_GROUP_YEAR = 1 << 0,        /**< fiscal year */
	ASSOC_GROUP_SECTOR = 1 << 1,      /**< sector key ("scheme:code") */
	ASSOC_GROUP_SIZE = 1 << 2,        /**< size band of revenue (profile edges), per currency */
	ASSOC_GROUP_COUNTRY = 1 << 3,     /**< country */
	ASSOC_GROUP_REGION = 1 << 4,      /**< région / state (with its country) */
	ASSOC_GROUP_DEPARTEMENT = 1 << 5, /**< département (with its country) */
	ASSOC_GROUP_COMMUNE = 1 << 6      /**< commune (with its country) */
} assoc_grouping;

/** Options of assoc_benchmark_new() and assoc_tc_new(). */
typedef struct assoc_benchmark_options {
	unsigned int version;  /**< ASSOC_BENCHMARK_OPTIONS_VERSION */
	unsigned int grouping; /**< assoc_grouping bits; 0 (default) for the whole population */
} assoc_benchmark_options;

#define ASSOC_BENCHMARK_OPTIONS_VERSION 1
#define ASSOC_BENCHMARK_OPTIONS_INIT { ASSOC_BENCHMARK_OPTIONS_VERSION, ASSOC_GROUP_ALL }

/** Initialise options to the defaults of `version`. ASSOC_EVERSION if unknown. */
ASSOC_EXTERN(int) assoc_benchmark_options_init(assoc_benchmark_options *opts, unsigned int version);

/** What happened to a member of a benchmark. */
typedef enum assoc_bench_status {
	ASSOC_BENCH_RANKED = 0,          /**< ranked within its group */
	ASSOC_BENCH_NOT_COMPUTABLE = 1,  /**< the member has no value for the measure */
	ASSOC_BENCH_NO_GROUP = 2,        /**< a group key of the grouping is missing */
	ASSOC_BENCH_GROUP_TOO_SMALL = 3  /**< fewer values in its group than benchmark.min_group_size */
} assoc_bench_status;

/**
 * Statistics of a benchmark. The first four are about a member; the others
 * about a group (asked of a member, they are about the member's group).
 */
typedef enum assoc_bench_stat {
	ASSOC_BENCH_VALUE = 0,      /**< member: the measure's value */
	ASSOC_BENCH_WINSORISED,     /**< member: the value clamped to [winsor_low, winsor_high] */
	ASSOC_BENCH_PERCENTILE,     /**< member: mid-rank percentile rank, 0..100 */
	ASSOC_BENCH_Z,              /**< member: z-score of the winsorised value (absent if sd = 0) */
	ASSOC_BENCH_N,              /**< group: members with a value (the ranked sample) */
	ASSOC_BENCH_MEMBERS,        /**< group: all members, with or without a value */
	ASSOC_BENCH_MIN,            /**< group: smallest value */
	ASSOC_BENCH_Q1,             /**< group: first quartile (type 7) */
	ASSOC_BENCH_MEDIAN,         /**< group: median (type 7) */
	ASSOC_BENCH_Q3,             /**< group: third quartile (type 7) */
	ASSOC_BENCH_MAX,            /**< group: largest value */
	ASSOC_BENCH_WINSOR_LOW,     /**< group: lower clamp, quantile benchmark.winsor_low */
	ASSOC_BENCH_WINSOR_HIGH,    /**< group: upper clamp, quantile benchmark.winsor_high */
	ASSOC_BENCH_MEAN,           /**< group: mean of the winsorised values */
	ASSOC_BENCH_SD,             /**< group: standard deviation (n - 1) of the winsorised values */
	ASSOC_BENCH__STAT_COUNT
} assoc_bench_stat;

/**
 * Rank `measure` within the groups of `opts->grouping`.
 * Profile constants used (base values): benchmark.winsor_low,
 * benchmark.winsor_high, benchmark.min_group_size and, with
 * ASSOC_GROUP_SIZE, the size-band edges benchmark.size_band_edge.1,
 * benchmark.size_band_edge.2, ... (ascending, read until the first absent).
 * @param profile NULL for assoc_profile_default()
 * @param opts    NULL for defaults (whole population)
 * @return 0; ASSOC_EINVAL (NULL argument, unknown grouping bits);
 *         ASSOC_EVERSION (opts->version); ASSOC_ENOTFOUND (a profile constant
 *         is missing: the message names it); ASSOC_EVALUE (a constant out of
 *         its domain); ASSOC_ENOMEM.
 *         A measure that no member has gives a benchmark where every member is
 *         ASSOC_BENCH_NOT_COMPUTABLE, not an error.
 */
ASSOC_EXTERN(int) assoc_benchmark_new(assoc_benchmark **out, const assoc_population *pop, const char *measure,
				      const assoc_profile *profile, const assoc_benchmark_options *opts);

/** Release a benchmark. NULL is a no-op. */
ASSOC_EXTERN(void) assoc_benchmark_free(assoc_benchmark *bench);

/** The measure ranked (owned by the benchmark). */
ASSOC_EXTERN(const char *) assoc_benchmark_measure(const assoc_benchmark *bench);

/** Number of members: the population's, in the same order. */
ASSOC_EXTERN(size_t) assoc_benchmark_count(const assoc_benchmark *bench);

/** Identifier (owned by the benchmark) and year of member `i`. 0 or ASSOC_ENOTFOUND. */
ASSOC_EXTERN(int) assoc_benchmark_member(const char **id, int *year, const assoc_benchmark *bench, size_t i);

/** Status of member `i` (assoc_bench_status), or ASSOC_ENOTFOUND. */
ASSOC_EXTERN(int) assoc_benchmark_member_status(const assoc_benchmark *bench, size_t i);

/** Index of member `i`'s group. 0; ASSOC_EABSENT (no group); ASSOC_ENOTFOUND. */
ASSOC_EXTERN(int) assoc_benchmark_member_group(size_t *out, const assoc_benchmark *bench, size_t i);

/**
 * A statistic of member `i` (or of its group).
 * @return 0; ASSOC_EABSENT when it has no value (*out is NaN): the member's
 *         value is missing, it has no group, its group is too small to be
 *         ranked or described, or (z) the group's sd is 0;
 *         ASSOC_ENOTFOUND (`i` out of range); ASSOC_EINVAL (unknown stat).
 */
ASSOC_EXTERN(int) assoc_benchmark_member_stat(double *out, const assoc_benchmark *bench, size_t i,
					      assoc_bench_stat stat);

/** Number of groups (members without a group belong to none). Groups are sorted by key. */
ASSOC_EXTERN(size_t) assoc_benchmark_group_count(const assoc_benchmark *bench);

/**
 * Key of group `g` (owned by the benchmark): "all" for the whole
 * population, else "dimension=value" pairs joined by "|" in the order
 * year, sector, size, country, region, departement, commune, e.g.
 * "sector=naf:94.99Z|size=EUR:[50000,200000)|region=FR:84". NULL if out of range.
 */
ASSOC_EXTERN(const char *) assoc_benchmark_group_key(const assoc_benchmark *bench, size_t g);

/** Status of group `g`: ASSOC_BENCH_RANKED or ASSOC_BENCH_GROUP_TOO_SMALL; ASSOC_ENOTFOUND. */
ASSOC_EXTERN(int) assoc_benchmark_group_status(const assoc_benchmark *bench, size_t g);

/**
 * A group statistic (ASSOC_BENCH_N and after). N and MEMBERS are always
 * given; the others are ASSOC_EABSENT for a group too small to be ranked.
 * @return 0, ASSOC_EABSENT, ASSOC_ENOTFOUND or ASSOC_EINVAL (a member statistic).
 */
ASSOC_EXTERN(int) assoc_benchmark_group_stat(double *out, const assoc_benchmark *bench, size_t g,
					     assoc_bench_stat stat);

/**
 * Serialise the benchmark: measure, grouping, parameters, definitions,
 * groups with their statistics, members with status, value, winsorised
 * value, percentile rank and z-score. Missing values are null.
 * @param flags 0 (reserved)
 * Release with assoc_free().
 */
ASSOC_EXTERN(int) assoc_benchmark_to_json(char **out, const assoc_benchmark *bench, unsigned int flags);

/* ---- Tuckman & Chang flags ---------------------------------------------- */

/** The four indicators of Tuckman & Chang (1991). */
typedef enum assoc_tc_indicator {
	ASSOC_TC_EQUITY_TO_REVENUE = 0, /**< finance.equity_to_revenue; worst = lowest */
	ASSOC_TC_CONCENTRATION,         /**< revenue.streams.hhi; worst = highest */
	ASSOC_TC_ADMIN_TO_REVENUE,      /**< finance.admin_to_revenue; worst = lowest (least slack to cut) */
	ASSOC_TC_OPERATING_MARGIN,      /**< finance.operating_margin; worst = lowest */
	ASSOC_TC__COUNT
} assoc_tc_indicator;

/** The flag of one indicator for one member. */
typedef enum assoc_tc_flag {
	ASSOC_TC_NOT_FLAGGED = 0,     /**< outside the worst quintile */
	ASSOC_TC_FLAGGED = 1,         /**< beyond the group's 20th (or 80th) percentile, on the worst side */
	ASSOC_TC_NOT_COMPUTABLE = 2,  /**< the indicator is missing for this member: never "not flagged" */
	ASSOC_TC_NO_GROUP = 3,        /**< a group key is missing */
	ASSOC_TC_GROUP_TOO_SMALL = 4  /**< fewer values in the group than benchmark.min_group_size */
} assoc_tc_flag;

/** Measure identifier of an indicator (static), or NULL. */
ASSOC_EXTERN(const char *) assoc_tc_indicator_measure(assoc_tc_indicator indicator);

/** 1 when the worst values of the indicator are the highest, 0 when the lowest, -1 if out of range. */
ASSOC_EXTERN(int) assoc_tc_indicator_worst_is_high(assoc_tc_indicator indicator);

/**
 * Flag each member of `pop` in the worst quintile of its group on each of
 * the four indicators (grouping from `opts`; Tuckman & Chang used the whole
 * population, the default). A member is flagged when its value lies strictly
 * beyond the type-7 quantile 0.20 (worst = lowest) or 0.80 (worst =
 * highest) of its group. The continuous values, their percentile ranks and
 * z-scores stay available beside the flags (assoc_tc_benchmark()): the
 * 0-4 count alone predicts distress poorly (formulas.md §1.3).
 * Same profile constants and return codes as assoc_benchmark_new().
 */
ASSOC_EXTERN(int) assoc_tc_new(assoc_tc **out, const assoc_population *pop, const assoc_profile *profile,
			       const assoc_benchmark_options *opts);

/** Release. NULL is a no-op. */
ASSOC_EXTERN(void) assoc_tc_free(assoc_tc *tc);

/** Number of members (the population's, in the same order). */
ASSOC_EXTERN(size_t) assoc_tc_count(const assoc_tc *tc);

/** The benchmark of one indicator (borrowed from `tc`), or NULL if out of range. */
ASSOC_EXTERN(const assoc_benchmark *) assoc_tc_benchmark(const assoc_tc *tc, assoc_tc_indicator indicator);

/** Flag of member `i` on `indicator` (assoc_tc_flag), or ASSOC_ENOTFOUND / ASSOC_EINVAL. */
ASSOC_EXTERN(int) assoc_tc_flag_of(const assoc_tc *tc, size_t i, assoc_tc_indicator indicator);

/**
 * The threshold that member `i` was compared with on `indicator` (its
 * group's quantile 0.20 or 0.80). 0; ASSOC_EABSENT when the member's group
 * is missing or too small; ASSOC_ENOTFOUND; ASSOC_EINVAL.
 */
ASSOC_EXTERN(int) assoc_tc_threshold(double *out, const assoc_tc *tc, size_t i, assoc_tc_indicator indicator);

/**
 * Count of member `i`'s flags: `flagged` receives the number of indicators
 * flagged, `decided` the number with a definite answer (flagged or not
 * flagged). "1 of 2" and "1 of 4" differ: report both. Either pointer may be NULL.
 * @return 0 or ASSOC_ENOTFOUND.
 */
ASSOC_EXTERN(int) assoc_tc_counts(int *flagged, int *decided, const assoc_tc *tc, size_t i);

/** Serialise the flags with the continuous values beside them. Release with assoc_free(). */
ASSOC_EXTERN(int) assoc_tc_to_json(char **out, const assoc_tc *tc, unsigned int flags);

ASSOC_END_DECL

#endif
