/*
 * Concentration indices of a list of amounts (formulas.md 1.2).
 * SPDX-License-Identifier: MIT
 *
 * p_i = max(a_i, 0) / S with S = sum of max(a_i, 0): negative amounts (net
 * lines) are clamped to 0 for every share-based index. K is the number of
 * groups of the classification, zeros included, which is what the
 * normalised HHI and the evenness are relative to (REAT herf).
 */
#include <math.h>
#include "error.h"
#include "score_internal.h"

static void clear(assoc_concentration *c)
{
	c->total = c->hhi = c->hhi_normalised = c->equivalent_number = ASSOC__ABSENT;
	c->entropy = c->evenness = c->max_share = ASSOC__ABSENT;
	c->max_index = 0;
	c->clamped = 0;
}

int assoc_concentration_compute(assoc_concentration *out, const double *amounts, size_t n, size_t k)
{
	double s = 0.0, h = 0.0, e = 0.0, best = -1.0;
	size_t i;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_concentration_compute: NULL out");
	clear(out);
	if (n && !amounts)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_concentration_compute: %zu amounts but NULL", n);
	if (k < n)
		return assoc__error_set(ASSOC_EINVAL, NULL,
					"the classification has %zu groups but %zu amounts were given (k >= n)", k, n);
	for (i = 0; i < n; i++) {
		if (!isfinite(amounts[i]))
			return assoc__error_set(ASSOC_EVALUE, NULL, "amount %zu is not a finite number", i);
		if (amounts[i] < 0)
			out->clamped++;
		else
			s += amounts[i];
	}
	out->total = s;
	if (!(s > 0))
		return assoc__error_set(ASSOC_EVALUE, NULL,
					"not computable: the positive amounts sum to 0, so there are no shares");
	for (i = 0; i < n; i++) {
		double p = amounts[i] > 0 ? amounts[i] / s : 0.0;
		h += p * p;
		if (p > 0)
			e -= p * log(p);
		if (p > best) {
			best = p;
			out->max_index = i;
		}
	}
	out->hhi = h;
	out->equivalent_number = 1.0 / h;
	out->entropy = e;
	out->max_share = best;
	if (k >= 2) {
		double kk = (double)k;
		/* Rounding can leave -1e-17 for perfectly even shares: the index is >= 0. */
		out->hhi_normalised = fmax(0.0, (h - 1.0 / kk) / (1.0 - 1.0 / kk));
		out->evenness = fmin(1.0, e / log(kk));
	}
	return 0;
}
