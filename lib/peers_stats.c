/*
 * The statistics of peer benchmarking: type-7 quantiles, mid-rank
 * percentile ranks, winsorisation and z-scores (docs/benchmarking.md).
 * Pure functions: no allocation, no error state.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include "peers_internal.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void assoc__peers_sort(double *x, size_t n)
{
	if (n > 1)
		qsort(x, n, sizeof *x, cmp_double);
}

double assoc__peers_quantile(const double *sorted, size_t n, double p)
{
	double h, frac;
	size_t j;
	if (n == 0 || !(p >= 0.0 && p <= 1.0))
		return NAN;
	h = (double)(n - 1) * p;
	j = (size_t)floor(h);
	if (j >= n - 1)
		return sorted[n - 1];
	frac = h - (double)j;
	return sorted[j] + frac * (sorted[j + 1] - sorted[j]);
}

/* First index whose value is >= x (strict = 0) or > x (strict = 1). */
static size_t bound(const double *sorted, size_t n, double x, int strict)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strict ? sorted[mid] <= x : sorted[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void assoc__peers_rank_counts(size_t *below, size_t *equal, const double *sorted, size_t n, double x)
{
	size_t lo = bound(sorted, n, x, 0), hi = bound(sorted, n, x, 1);
	*below = lo;
	*equal = hi - lo;
}

double assoc__peers_percentile(const double *sorted, size_t n, double x)
{
	size_t below, equal;
	if (n == 0 || isnan(x))
		return NAN;
	assoc__peers_rank_counts(&below, &equal, sorted, n, x);
	return 100.0 * ((double)below + 0.5 * (double)equal) / (double)n;
}

double assoc__peers_clamp(double x, double lo, double hi)
{
	if (x < lo)
		return lo;
	if (x > hi)
		return hi;
	return x;
}

void assoc__peers_winsor_moments(double *mean, double *sd, const double *x, size_t n, double lo, double hi)
{
	double sum = 0.0, ss = 0.0, m, min, max;
	size_t i;
	*mean = NAN;
	*sd = NAN;
	if (n == 0)
		return;
	min = max = assoc__peers_clamp(x[0], lo, hi);
	for (i = 0; i < n; i++) {
		double w = assoc__peers_clamp(x[i], lo, hi);
		sum += w;
		min = w < min ? w : min;
		max = w > max ? w : max;
	}
	/* Equal values: say so exactly. The rounded mean of 0.1, 0.1, 0.1 is
	 * 0.10000000000000002, which would give a spurious sd of 1e-17 and
	 * z-scores of -1 out of nothing. */
	m = min == max ? min : sum / (double)n;
	*mean = m;
	if (n < 2)
		return;
	if (min == max) {
		*sd = 0.0;
		return;
	}
	/* Two passes: the textbook one-pass formula loses precision when the
	 * values are large and close (revenues in millions). */
	for (i = 0; i < n; i++) {
		double d = assoc__peers_clamp(x[i], lo, hi) - m;
		ss += d * d;
	}
	*sd = sqrt(ss / (double)(n - 1));
}

double assoc__peers_z(double x, double mean, double sd)
{
	if (isnan(x) || isnan(mean) || isnan(sd) || sd <= 0.0)
		return NAN;
	return (x - mean) / sd;
}

size_t assoc__peers_band(double revenue, const double *edges, size_t n)
{
	size_t k = 0;
	while (k < n && revenue >= edges[k])
		k++;
	return k;
}
