/*
 * Internal: the statistics behind peer benchmarking (peers.c), kept pure
 * (arrays in, numbers out, no allocation unless said) so they can be
 * checked against hand computations and R.
 * SPDX-License-Identifier: MIT
 */
#ifndef ASSOC_LIB_PEERS_INTERNAL_H
#define ASSOC_LIB_PEERS_INTERNAL_H

#include <stddef.h>

/* Sort `n` doubles ascending in place (no NaN allowed: callers filter them). */
void assoc__peers_sort(double *x, size_t n);

/*
 * Quantile of probability `p` of the ascending `sorted[0..n)`, R's type 7
 * (Hyndman & Fan 1996, R's default): h = (n-1)p, j = floor(h),
 * Q = x[j] + (h-j)(x[j+1]-x[j]). NaN if n = 0 or p is outside [0, 1].
 */
double assoc__peers_quantile(const double *sorted, size_t n, double p);

/*
 * Mid-rank percentile rank of `x` among the ascending `sorted[0..n)`:
 * 100 (#below + 0.5 #equal) / n. NaN if n = 0.
 */
double assoc__peers_percentile(const double *sorted, size_t n, double x);

/* Number of values of ascending `sorted[0..n)` strictly below `x`, and equal to it. */
void assoc__peers_rank_counts(size_t *below, size_t *equal, const double *sorted, size_t n, double x);

/* `x` clamped to [lo, hi] (winsorisation of one value). */
double assoc__peers_clamp(double x, double lo, double hi);

/*
 * Mean and standard deviation (denominator n - 1, as R's sd() and scale())
 * of `x[0..n)` winsorised to [lo, hi]. mean NaN if n = 0; sd NaN if n < 2.
 */
void assoc__peers_winsor_moments(double *mean, double *sd, const double *x, size_t n, double lo, double hi);

/* (x - mean) / sd, NaN if sd is NaN or 0 (all values equal: no spread to measure). */
double assoc__peers_z(double x, double mean, double sd);

/* Index of the size band of `revenue` given ascending `edges[0..n)`:
 * band k holds [edges[k-1], edges[k]) (band 0: below edges[0]; band n: from edges[n-1]). */
size_t assoc__peers_band(double revenue, const double *edges, size_t n);

#endif
