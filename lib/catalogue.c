/*
 * The catalogue of measures: the eight family tables seen as one list.
 * SPDX-License-Identifier: MIT
 *
 * Lookup by id must be cheap (families look measures up while scoring
 * thousands of organisations) and must not need global mutable state, so
 * nothing is built at run time: each family table is searched by bisection
 * when the id falls within the table's first and last ids (tables are
 * written sorted; test_report checks it). A table that is not sorted is
 * still searched correctly, by the linear fallback, only more slowly.
 */
#include <string.h>
#include "error.h"
#include "score_internal.h"

/* Measures computed only on demand, with caller-supplied parameters. */
static const assoc__measure_def on_demand[] = {
	{ "model.logit", "probability", "logit",
	  "1 / (1 + exp(-(beta0 + sum of beta_i x_i))), x_i measures of the report, coefficients from the caller",
	  "own", "generic evaluator for Trussel-type models (formulas.md 1.3); no default coefficients are shipped" },
};
static const size_t on_demand_count = sizeof on_demand / sizeof on_demand[0];

typedef struct family_table {
	const assoc__measure_def *defs;
	const size_t *count;
} family_table;

/* The order of assoc_measure_id(): the order of a report (lever 2, lever 1,
 * lever 3, territory, composite) with the cross-year families after the
 * per-year ones. */
static const family_table tables[] = {
	{ assoc__measures_revenue, &assoc__measures_revenue_count },
	{ assoc__measures_finance, &assoc__measures_finance_count },
	{ assoc__measures_stress, &assoc__measures_stress_count },
	{ assoc__measures_trend, &assoc__measures_trend_count },
	{ assoc__measures_hr, &assoc__measures_hr_count },
	{ assoc__measures_alliance, &assoc__measures_alliance_count },
	{ assoc__measures_territory, &assoc__measures_territory_count },
	{ assoc__measures_composite, &assoc__measures_composite_count },
	{ on_demand, &on_demand_count },
};
#define NTABLES (sizeof tables / sizeof tables[0])

static const assoc__measure_def *bisect(const assoc__measure_def *defs, size_t n, const char *id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, defs[mid].id);
		if (c == 0)
			return &defs[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const assoc__measure_def *assoc__measure_find(const char *id)
{
	size_t t, i;
	if (!id)
		return NULL;
	for (t = 0; t < NTABLES; t++) {
		const assoc__measure_def *defs = tables[t].defs;
		size_t n = *tables[t].count;
		const assoc__measure_def *d;
		/* Families use distinct prefixes: the range test rejects the
		 * other tables, nearly always on the first character alone. */
		if (n == 0 || (unsigned char)id[0] < (unsigned char)defs[0].id[0] ||
		    (unsigned char)id[0] > (unsigned char)defs[n - 1].id[0] || strcmp(id, defs[0].id) < 0 ||
		    strcmp(id, defs[n - 1].id) > 0)
			continue;
		if ((d = bisect(defs, n, id)) != NULL)
			return d;
	}
	/* Unknown id, or a table that is not sorted. */
	for (t = 0; t < NTABLES; t++)
		for (i = 0; i < *tables[t].count; i++)
			if (strcmp(id, tables[t].defs[i].id) == 0)
				return &tables[t].defs[i];
	return NULL;
}

size_t assoc_measure_count(void)
{
	size_t t, n = 0;
	for (t = 0; t < NTABLES; t++)
		n += *tables[t].count;
	return n;
}

const char *assoc_measure_id(size_t i)
{
	size_t t;
	for (t = 0; t < NTABLES; t++) {
		if (i < *tables[t].count)
			return tables[t].defs[i].id;
		i -= *tables[t].count;
	}
	return NULL;
}

int assoc_measure_info(const char **unit, const char **formula, const char **source_tag, const char **source_ref,
		       const char *measure)
{
	const assoc__measure_def *d = assoc__measure_find(measure);
	if (!d)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "unknown measure '%s' (assoc_measure_id() lists them)",
					measure ? measure : "(null)");
	if (unit)
		*unit = d->unit;
	if (formula)
		*formula = d->formula;
	if (source_tag)
		*source_tag = d->source_tag;
	if (source_ref)
		*source_ref = d->source_ref;
	return 0;
}
