/*
 * Scoring contexts and reports: running the families in order, finding
 * results, single measures, stress-test and logistic entry points, JSON and
 * text output.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "error.h"
#include "score_internal.h"

struct assoc_report {
	assoc__ctx ctx;
	/* Copies: the caller may free the organisation or the profile after scoring. */
	int org_id_scheme;
	char *org_id;
	char *org_name;
	char *profile_id;
	char *profile_version;
	char *override_name;
};

/* ---- contexts ------------------------------------------------------------- */

int assoc__ctx_init(assoc__ctx *ctx, const assoc_org *org, const assoc_profile *profile, int year, int explain)
{
	memset(ctx, 0, sizeof *ctx);
	if (!org)
		return assoc__error_set(ASSOC_EINVAL, NULL, "no organisation to score (NULL)");
	if (!profile && !(profile = assoc_profile_default()))
		return assoc__error_oom();
	ctx->org = org;
	ctx->profile = profile;
	ctx->override = assoc__profile_match(profile, org);
	ctx->year = year;
	ctx->explain = explain;
	return 0;
}

/* Results are carved from blocks owned by the context: bulk scoring makes
 * millions of them, and one malloc per result was a quarter of the time.
 * Blocks never move, so results keep their address; a result handed to the
 * caller (assoc__ctx_take) is first copied into its own allocation. */
#define POOL_BLOCK 64
typedef struct pool_block {
	struct pool_block *next;
	size_t used;
	assoc_result items[POOL_BLOCK];
} pool_block;

static assoc_result *pool_get(assoc__ctx *ctx)
{
	pool_block *b = ctx->pool;
	if (!b || b->used == POOL_BLOCK) {
		if (!(b = assoc__malloc(sizeof *b)))
			return NULL;
		b->next = ctx->pool;
		b->used = 0;
		ctx->pool = b;
	}
	return &b->items[b->used++];
}

void assoc__ctx_dispose(assoc__ctx *ctx)
{
	pool_block *b = ctx->pool, *next;
	size_t i;
	for (i = 0; i < ctx->results.n; i++)
		assoc__result_dispose(*ASSOC__AT(ctx->results, assoc_result *, i));
	assoc__vec_free(&ctx->results);
	for (; b; b = next) {
		next = b->next;
		assoc__free(b);
	}
	ctx->pool = NULL;
}

static void result_init(assoc_result *r, const assoc__measure_def *def, int year)
{
	memset(r, 0, sizeof *r);
	r->def = def;
	r->year = year;
	r->status = ASSOC_STATUS_NOT_COMPUTABLE;
	r->value = ASSOC__ABSENT;
	r->coverage = 1.0;
}

/* A result of its own, released by assoc_result_free() (assoc_logit). */
static int result_new(assoc_result **out, const assoc__measure_def *def, int year, const char *subject)
{
	assoc_result *r = assoc__malloc(sizeof *r);
	*out = NULL;
	if (!r)
		return assoc__error_oom();
	result_init(r, def, year);
	if (subject && !(r->subject = assoc__strdup(subject))) {
		assoc__free(r);
		return assoc__error_oom();
	}
	*out = r;
	return 0;
}

int assoc__ctx_result_def(assoc_result **out, assoc__ctx *ctx, const assoc__measure_def *def, int year,
			  const char *subject)
{
	assoc_result *r, **slot;
	char *subj = NULL;
	*out = NULL;
	if (subject && !(subj = assoc__strdup(subject)))
		return assoc__error_oom();
	if (assoc__vec_push(&ctx->results, sizeof r, (void **)&slot) < 0) {
		assoc__free(subj);
		return assoc__error_oom();
	}
	if (!(r = pool_get(ctx))) {
		ctx->results.n--;
		assoc__free(subj);
		return assoc__error_oom();
	}
	result_init(r, def, year);
	r->subject = subj;
	*slot = r;
	*out = r;
	return 0;
}

int assoc__ctx_result(assoc_result **out, assoc__ctx *ctx, const char *measure, int year, const char *subject)
{
	const assoc__measure_def *def = assoc__measure_find(measure);
	*out = NULL;
	if (!def)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "measure '%s' is not in the catalogue",
					measure ? measure : "(null)");
	return assoc__ctx_result_def(out, ctx, def, year, subject);
}

static int same_subject(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Index of a result, or -1. Searched from the end: composite scores look up
 * the results of the year just computed. */
static long find_index(const assoc__ctx *ctx, const char *measure, int year, const char *subject)
{
	const assoc__measure_def *def = assoc__measure_find(measure);
	size_t i;
	if (!def)
		return -1;
	for (i = ctx->results.n; i-- > 0;) {
		const assoc_result *r = *ASSOC__AT(ctx->results, assoc_result *, i);
		if (r->def == def && r->year == year && same_subject(r->subject, subject))
			return (long)i;
	}
	return -1;
}

const assoc_result *assoc__ctx_find(const assoc__ctx *ctx, const char *measure, int year, const char *subject)
{
	long i = find_index(ctx, measure, year, subject);
	return i < 0 ? NULL : *ASSOC__AT(ctx->results, assoc_result *, (size_t)i);
}

int assoc__ctx_take(assoc_result **out, assoc__ctx *ctx, const char *measure, int year, const char *subject)
{
	long i = find_index(ctx, measure, year, subject);
	assoc_result **items = ctx->results.items;
	*out = NULL;
	if (i < 0)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "no result for %s (year %d%s%s)", measure, year,
					subject ? ", subject " : "", subject ? subject : "");
	/* Out of the pool: the caller frees it alone. What it owns moves along. */
	if (!(*out = assoc__malloc(sizeof **out)))
		return assoc__error_oom();
	**out = *items[i];
	memmove(items + i, items + i + 1, (ctx->results.n - (size_t)i - 1) * sizeof *items);
	ctx->results.n--;
	return 0;
}

int assoc__ctx_check(const assoc__ctx *ctx)
{
	size_t i;
	for (i = 0; i < ctx->results.n; i++)
		if ((*ASSOC__AT(ctx->results, assoc_result *, i))->oom)
			return assoc__error_oom();
	return 0;
}

/* ---- running the families -------------------------------------------------- */

typedef int (*year_family)(assoc__ctx *ctx, const assoc__year *y);
typedef int (*org_family)(assoc__ctx *ctx);

/* Per year, in this order; then the organisation-level families. */
static const year_family year_families[] = { assoc__score_revenue, assoc__score_finance, assoc__score_hr,
					     assoc__score_stress };
static const org_family org_families[] = { assoc__score_trend, assoc__score_alliances, assoc__score_territory,
					   assoc__score_composite };

static const assoc__year *year_at(const assoc_org *org, size_t i)
{
	return ASSOC__AT(org->years, assoc__year, i);
}

static const assoc__year *find_year(const assoc_org *org, int year)
{
	size_t i;
	for (i = 0; i < org->years.n; i++)
		if (year_at(org, i)->year == (double)year)
			return year_at(org, i);
	return NULL;
}

static int no_year(const assoc_org *org, int year)
{
	return assoc__error_set(ASSOC_ENOTFOUND, "/years", "organisation '%s' has no fiscal year %d",
				org->name ? org->name : "(unnamed)", year);
}

static int run_year(assoc__ctx *ctx, const assoc__year *y)
{
	size_t f;
	int rc;
	for (f = 0; f < sizeof year_families / sizeof year_families[0]; f++)
		if ((rc = year_families[f](ctx, y)) < 0)
			return rc;
	return 0;
}

/* Years in ascending order. The model keeps the input's order, which is
 * nearly always sorted already: only then is no index array needed. */
static int run_years(assoc__ctx *ctx)
{
	const assoc_org *org = ctx->org;
	size_t n = org->years.n, i, j, *order;
	int rc = 0;
	for (i = 1; i < n && year_at(org, i - 1)->year <= year_at(org, i)->year; i++)
		;
	if (i >= n) {
		for (i = 0; i < n && rc == 0; i++)
			rc = run_year(ctx, year_at(org, i));
		return rc;
	}
	if (!(order = assoc__malloc(n * sizeof *order)))
		return assoc__error_oom();
	for (i = 0; i < n; i++) {
		for (j = i; j > 0 && year_at(org, order[j - 1])->year > year_at(org, i)->year; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	for (i = 0; i < n && rc == 0; i++)
		rc = run_year(ctx, year_at(org, order[i]));
	assoc__free(order);
	return rc;
}

static int run_all(assoc__ctx *ctx)
{
	size_t f;
	int rc;
	if (ctx->year) {
		const assoc__year *y = find_year(ctx->org, ctx->year);
		if (!y)
			return no_year(ctx->org, ctx->year);
		rc = run_year(ctx, y);
	} else {
		rc = run_years(ctx);
	}
	for (f = 0; rc == 0 && f < sizeof org_families / sizeof org_families[0]; f++)
		rc = org_families[f](ctx);
	return rc < 0 ? rc : assoc__ctx_check(ctx);
}

/* ---- options ----------------------------------------------------------------- */

int assoc_score_options_init(assoc_score_options *opts, unsigned int version)
{
	if (!opts)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_score_options_init: NULL options");
	if (version == 0 || version > ASSOC_SCORE_OPTIONS_VERSION)
		return assoc__error_set(ASSOC_EVERSION, NULL,
					"score options version %u is not supported (this library knows 1 to %d)",
					version, ASSOC_SCORE_OPTIONS_VERSION);
	memset(opts, 0, sizeof *opts);
	opts->version = version;
	return 0;
}

/* Read the caller's options field by field, never past its version. */
static int read_options(int *year, unsigned int *flags, const assoc_score_options *opts)
{
	*year = 0;
	*flags = 0;
	if (!opts)
		return 0;
	if (opts->version == 0 || opts->version > ASSOC_SCORE_OPTIONS_VERSION)
		return assoc__error_set(ASSOC_EVERSION, NULL,
					"score options version %u is not supported (this library knows 1 to %d)",
					opts->version, ASSOC_SCORE_OPTIONS_VERSION);
	/* Version 1: year, flags. Fields of later versions go below, each behind
	 * `if (opts->version >= N)`. */
	*year = opts->year;
	*flags = opts->flags;
	return 0;
}

/* ---- reports ------------------------------------------------------------------ */

static int copy_str(char **dst, const char *src)
{
	*dst = NULL;
	if (src && !(*dst = assoc__strdup(src)))
		return assoc__error_oom();
	return 0;
}

void assoc_report_free(assoc_report *rep)
{
	if (!rep)
		return;
	assoc__ctx_dispose(&rep->ctx);
	assoc__free(rep->org_id);
	assoc__free(rep->org_name);
	assoc__free(rep->profile_id);
	assoc__free(rep->profile_version);
	assoc__free(rep->override_name);
	assoc__free(rep);
}

int assoc_report_new(assoc_report **out, const assoc_org *org, const assoc_profile *profile,
		     const assoc_score_options *opts)
{
	assoc_report *rep;
	unsigned int flags;
	int year, rc;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_report_new: NULL out");
	*out = NULL;
	if ((rc = read_options(&year, &flags, opts)) < 0)
		return rc;
	if (!(rep = assoc__calloc(1, sizeof *rep)))
		return assoc__error_oom();
	if ((rc = assoc__ctx_init(&rep->ctx, org, profile, year, !(flags & ASSOC_SCORE_VALUES_ONLY))) < 0) {
		assoc__free(rep);
		return rc;
	}
	rep->org_id_scheme = org->id.scheme;
	if ((rc = copy_str(&rep->org_id, org->id.value)) < 0 || (rc = copy_str(&rep->org_name, org->name)) < 0 ||
	    (rc = copy_str(&rep->profile_id, assoc_profile_id(rep->ctx.profile))) < 0 ||
	    (rc = copy_str(&rep->profile_version, assoc_profile_version(rep->ctx.profile))) < 0 ||
	    (rc = copy_str(&rep->override_name,
			   rep->ctx.override ? assoc__override_name(rep->ctx.override) : NULL)) < 0 ||
	    (rc = run_all(&rep->ctx)) < 0) {
		assoc_report_free(rep);
		return rc;
	}
	/* Nothing below reads the organisation or the profile again. */
	rep->ctx.org = NULL;
	*out = rep;
	return 0;
}

size_t assoc_report_count(const assoc_report *rep) { return rep ? rep->ctx.results.n : 0; }

const assoc_result *assoc_report_get(const assoc_report *rep, size_t i)
{
	if (!rep || i >= rep->ctx.results.n)
		return NULL;
	return *ASSOC__AT(rep->ctx.results, assoc_result *, i);
}

const assoc_result *assoc_report_find(const assoc_report *rep, const char *measure, int year, const char *subject)
{
	return rep && measure ? assoc__ctx_find(&rep->ctx, measure, year, subject) : NULL;
}

const char *assoc_report_territory_override(const assoc_report *rep) { return rep ? rep->override_name : NULL; }

/* ---- report as JSON ---------------------------------------------------------- */

static int add_str(cJSON *obj, const char *key, const char *s)
{
	cJSON *item = s ? cJSON_CreateString(s) : cJSON_CreateNull();
	if (!item || !cJSON_AddItemToObject(obj, key, item)) {
		cJSON_Delete(item);
		return -1;
	}
	return 0;
}

static int add_obj(cJSON *obj, const char *key, cJSON *child)
{
	if (!child || !cJSON_AddItemToObject(obj, key, child)) {
		cJSON_Delete(child);
		return -1;
	}
	return 0;
}

static cJSON *org_json(const assoc_report *rep)
{
	cJSON *o = cJSON_CreateObject(), *id = cJSON_CreateObject();
	const char *scheme = rep->org_id_scheme >= 0 ? assoc_vocab_id(ASSOC_VOCAB_ID_SCHEME, rep->org_id_scheme) : NULL;
	if (!o || !id || add_str(id, "scheme", scheme) < 0 || add_str(id, "value", rep->org_id) < 0) {
		cJSON_Delete(o);
		cJSON_Delete(id);
		return NULL;
	}
	if (add_obj(o, "id", id) < 0 || add_str(o, "name", rep->org_name) < 0) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *profile_json(const assoc_report *rep)
{
	cJSON *o = cJSON_CreateObject();
	if (!o || add_str(o, "id", rep->profile_id) < 0 || add_str(o, "version", rep->profile_version) < 0) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *results_json(const assoc_report *rep)
{
	cJSON *arr = cJSON_CreateArray(), *item;
	size_t i;
	for (i = 0; arr && i < rep->ctx.results.n; i++) {
		if (assoc__result_to_cjson(&item, assoc_report_get(rep, i)) < 0 || !cJSON_AddItemToArray(arr, item)) {
			cJSON_Delete(item);
			cJSON_Delete(arr);
			return NULL;
		}
	}
	return arr;
}

int assoc_report_to_json(char **out, const assoc_report *rep, unsigned int flags)
{
	cJSON *doc;
	char *text;
	if (!out || !rep) {
		if (out)
			*out = NULL;
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_report_to_json: NULL argument");
	}
	*out = NULL;
	doc = cJSON_CreateObject();
	if (!doc || add_str(doc, "format", "libassoc-report/1") < 0 || add_obj(doc, "organisation", org_json(rep)) < 0 ||
	    add_obj(doc, "profile", profile_json(rep)) < 0 ||
	    add_str(doc, "territory_override", rep->override_name) < 0 ||
	    add_obj(doc, "results", results_json(rep)) < 0) {
		cJSON_Delete(doc);
		return assoc__error_oom();
	}
	text = (flags & ASSOC_WRITE_PRETTY) ? cJSON_Print(doc) : cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	if (!text)
		return assoc__error_oom();
	*out = assoc__strdup(text);
	cJSON_free(text);
	return *out ? 0 : assoc__error_oom();
}

/* ---- report as text ------------------------------------------------------------ */

enum { SECTION_HR, SECTION_FINANCING, SECTION_ALLIANCES, SECTION_TERRITORY, SECTION_COMPOSITE, SECTION_OTHER,
       SECTION__COUNT };

static const char *const section_titles[SECTION__COUNT] = {
	"Lever 1 - human resources", "Lever 2 - financing", "Lever 3 - alliances", "Territory", "Composite", "Other",
};

static int in_table(const assoc__measure_def *d, const assoc__measure_def *table, size_t n)
{
	return d >= table && d < table + n;
}

static int section_of(const assoc__measure_def *d)
{
	if (in_table(d, assoc__measures_hr, assoc__measures_hr_count))
		return SECTION_HR;
	if (in_table(d, assoc__measures_revenue, assoc__measures_revenue_count) ||
	    in_table(d, assoc__measures_finance, assoc__measures_finance_count) ||
	    in_table(d, assoc__measures_trend, assoc__measures_trend_count) ||
	    in_table(d, assoc__measures_stress, assoc__measures_stress_count))
		return SECTION_FINANCING;
	if (in_table(d, assoc__measures_alliance, assoc__measures_alliance_count))
		return SECTION_ALLIANCES;
	if (in_table(d, assoc__measures_territory, assoc__measures_territory_count))
		return SECTION_TERRITORY;
	if (in_table(d, assoc__measures_composite, assoc__measures_composite_count))
		return SECTION_COMPOSITE;
	return SECTION_OTHER;
}

static void text_line(assoc__buf *b, const assoc_result *r)
{
	if (r->year)
		assoc__buf_printf(b, "  %d  ", r->year);
	else
		assoc__buf_puts(b, "  ----  ");
	assoc__buf_puts(b, r->def->id);
	if (r->subject)
		assoc__buf_printf(b, " (%s)", r->subject);
	if (r->status == ASSOC_STATUS_NOT_COMPUTABLE) {
		assoc__buf_printf(b, "  -  [not computable]  not computable: %s\n", r->reason ? r->reason : "");
		return;
	}
	/* Amounts in full, ratios to 4 significant digits. */
	assoc__buf_printf(b, fabs(r->value) >= 1e4 ? "  %.0f %s" : "  %.4g %s", r->value, r->def->unit);
	if (r->label)
		assoc__buf_printf(b, " (%s)", r->label);
	if (r->status == ASSOC_STATUS_PARTIAL)
		assoc__buf_printf(b, "  [partial, coverage %.0f%%]", 100.0 * r->coverage);
	else
		assoc__buf_puts(b, "  [ok]");
	if (r->explanation)
		assoc__buf_printf(b, "  %s", r->explanation);
	else if (r->reason)
		assoc__buf_printf(b, "  %s", r->reason);
	assoc__buf_puts(b, "\n");
}

int assoc_report_to_text(char **out, const assoc_report *rep)
{
	assoc__buf b = ASSOC__BUF_INIT;
	size_t i;
	int s;
	if (!out || !rep) {
		if (out)
			*out = NULL;
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_report_to_text: NULL argument");
	}
	assoc__buf_printf(&b, "%s", rep->org_name ? rep->org_name : "(unnamed organisation)");
	if (rep->org_id)
		assoc__buf_printf(&b, " [%s]", rep->org_id);
	assoc__buf_printf(&b, "\nProfile: %s %s", rep->profile_id ? rep->profile_id : "?",
			  rep->profile_version ? rep->profile_version : "");
	if (rep->override_name)
		assoc__buf_printf(&b, " (territory override: %s)", rep->override_name);
	assoc__buf_puts(&b, "\n");
	for (s = 0; s < SECTION__COUNT; s++) {
		int any = 0;
		for (i = 0; i < rep->ctx.results.n; i++) {
			const assoc_result *r = assoc_report_get(rep, i);
			if (section_of(r->def) != s)
				continue;
			if (!any)
				assoc__buf_printf(&b, "\n%s\n", section_titles[s]);
			any = 1;
			text_line(&b, r);
		}
	}
	return assoc__buf_detach(out, &b) < 0 ? assoc__error_oom() : 0;
}

/* ---- single measures ------------------------------------------------------------- */

static int measure_family(const assoc__measure_def *d, year_family *yf, org_family *of)
{
	*yf = NULL;
	*of = NULL;
	if (in_table(d, assoc__measures_revenue, assoc__measures_revenue_count))
		*yf = assoc__score_revenue;
	else if (in_table(d, assoc__measures_finance, assoc__measures_finance_count))
		*yf = assoc__score_finance;
	else if (in_table(d, assoc__measures_hr, assoc__measures_hr_count))
		*yf = assoc__score_hr;
	else if (in_table(d, assoc__measures_stress, assoc__measures_stress_count))
		*yf = assoc__score_stress;
	else if (in_table(d, assoc__measures_trend, assoc__measures_trend_count))
		*of = assoc__score_trend;
	else if (in_table(d, assoc__measures_alliance, assoc__measures_alliance_count))
		*of = assoc__score_alliances;
	else if (in_table(d, assoc__measures_territory, assoc__measures_territory_count))
		*of = assoc__score_territory;
	else if (in_table(d, assoc__measures_composite, assoc__measures_composite_count))
		return 1; /* reads the others: the whole report */
	else
		return -1; /* computed on demand only (stress.stream_drop, model.logit) */
	return 0;
}

static int compute_into(assoc__ctx *ctx, const assoc__measure_def *def, int year)
{
	year_family yf;
	org_family of;
	int kind = measure_family(def, &yf, &of), rc;
	if (kind < 0)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL,
					"%s needs parameters: use assoc_stress_stream_drop() or assoc_logit()", def->id);
	if (kind == 1)
		return run_all(ctx);
	if (yf) {
		const assoc__year *y = find_year(ctx->org, year);
		if (!y)
			return no_year(ctx->org, year);
		rc = yf(ctx, y);
	} else {
		rc = of(ctx);
	}
	return rc < 0 ? rc : assoc__ctx_check(ctx);
}

int assoc_measure_compute(assoc_result **out, const assoc_org *org, const char *measure, int year,
			  const char *subject, const assoc_profile *profile)
{
	const assoc__measure_def *def;
	assoc__ctx ctx;
	int rc;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_measure_compute: NULL out");
	*out = NULL;
	if (!(def = assoc__measure_find(measure)))
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "unknown measure '%s'", measure ? measure : "(null)");
	if ((rc = assoc__ctx_init(&ctx, org, profile, year, 1)) < 0)
		return rc;
	if ((rc = compute_into(&ctx, def, year)) == 0)
		rc = assoc__ctx_take(out, &ctx, def->id, year, subject);
	assoc__ctx_dispose(&ctx);
	return rc;
}

/* ---- stress tests ------------------------------------------------------------------ */

static int stress_run(assoc_result **out, const assoc_org *org, int year, const assoc_profile *profile,
		      const char *measure, const char *subject, int level, int stream, double share)
{
	const assoc__year *y;
	assoc__ctx ctx;
	int rc;
	if ((rc = assoc__ctx_init(&ctx, org, profile, year, 1)) < 0)
		return rc;
	if (!(y = find_year(org, year)))
		rc = no_year(org, year);
	else if (level >= 0)
		rc = assoc__stress_remove_largest(&ctx, y, (assoc_level)level);
	else
		rc = assoc__stress_stream_drop(&ctx, y, stream, share);
	if (rc == 0)
		rc = assoc__ctx_check(&ctx);
	if (rc == 0)
		rc = assoc__ctx_take(out, &ctx, measure, year, subject);
	assoc__ctx_dispose(&ctx);
	return rc;
}

int assoc_stress_remove_largest(assoc_result **out, const assoc_org *org, int year, assoc_level level,
				const assoc_profile *profile)
{
	const char *measure;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_stress_remove_largest: NULL out");
	*out = NULL;
	if (level == ASSOC_LEVEL_STREAMS)
		measure = "stress.largest_stream";
	else if (level == ASSOC_LEVEL_FUNDERS)
		measure = "stress.largest_funder";
	else
		return assoc__error_set(ASSOC_EINVAL, NULL,
					"stress tests remove the largest funder or stream (level %d is neither)",
					(int)level);
	return stress_run(out, org, year, profile, measure, NULL, (int)level, 0, 0.0);
}

int assoc_stress_stream_drop(assoc_result **out, const assoc_org *org, int year, int stream, double share,
			     const assoc_profile *profile)
{
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_stress_stream_drop: NULL out");
	*out = NULL;
	if (stream < 0 || stream >= ASSOC_STREAM__COUNT)
		return assoc__error_set(ASSOC_EVALUE, NULL, "stream %d is not a stream (0 to %d)", stream,
					ASSOC_STREAM__COUNT - 1);
	if (!(share >= 0.0 && share <= 1.0))
		return assoc__error_set(ASSOC_EVALUE, NULL, "the drop share %g is not between 0 and 1", share);
	return stress_run(out, org, year, profile, "stress.stream_drop", assoc_vocab_id(ASSOC_VOCAB_STREAM, stream),
			  -1, stream, share);
}

/* ---- logistic model ------------------------------------------------------------------ */

static double logistic(double z)
{
	/* Stable on both sides: exp() of a large positive number overflows. */
	if (z >= 0)
		return 1.0 / (1.0 + exp(-z));
	return exp(z) / (1.0 + exp(z));
}

static int logit_check(const char *const *names, const double *betas, size_t n, double beta0)
{
	size_t i;
	if (n && (!names || !betas))
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_logit: %zu terms but no names or coefficients", n);
	if (!isfinite(beta0))
		return assoc__error_set(ASSOC_EVALUE, NULL, "assoc_logit: the intercept is not finite");
	for (i = 0; i < n; i++) {
		if (!names[i] || !assoc__measure_find(names[i]))
			return assoc__error_set(ASSOC_ENOTFOUND, NULL, "assoc_logit: term %zu names no measure ('%s')",
						i, names[i] ? names[i] : "(null)");
		if (!isfinite(betas[i]))
			return assoc__error_set(ASSOC_EVALUE, NULL, "assoc_logit: coefficient %zu (%s) is not finite",
						i, names[i]);
	}
	return 0;
}

static const assoc_result *logit_term(const assoc_report *rep, const char *name, int year)
{
	const assoc_result *x = assoc_report_find(rep, name, year, NULL);
	/* Organisation-level measures (trends...) have year 0. */
	return x ? x : assoc_report_find(rep, name, 0, NULL);
}

static void logit_fill(assoc_result *r, const assoc_report *rep, int year, double beta0, const char *const *names,
		       const double *betas, size_t n)
{
	double z = beta0, coverage = 1.0, p;
	const char *missing = NULL;
	size_t i;
	assoc__result_contribution(r, NULL, "intercept", beta0);
	for (i = 0; i < n; i++) {
		const assoc_result *x = logit_term(rep, names[i], year);
		int known = x && x->status != ASSOC_STATUS_NOT_COMPUTABLE;
		assoc__result_input(r, NULL, names[i], known ? x->value : ASSOC__ABSENT);
		if (!known) {
			missing = missing ? missing : names[i];
			continue;
		}
		if (x->status == ASSOC_STATUS_PARTIAL && x->coverage < coverage)
			coverage = x->coverage;
		assoc__result_contribution(r, NULL, names[i], betas[i] * x->value);
		z += betas[i] * x->value;
	}
	if (missing) {
		assoc__result_not_computable(r, NULL, "%s is not computable for %d, so the model cannot be evaluated",
					     missing, year);
		return;
	}
	p = logistic(z);
	if (coverage < 1.0)
		assoc__result_partial(r, NULL, p, coverage, "some terms are partial",
				      "The model gives p = %.4g (linear predictor %.4g); some of its %zu terms are partial.",
				      p, z, n);
	else
		assoc__result_ok(r, NULL, p, "The model gives p = %.4g from a linear predictor of %.4g over %zu terms.",
				 p, z, n);
}

int assoc_logit(assoc_result **out, const assoc_report *rep, int year, double beta0, const char *const *names,
		const double *betas, size_t n)
{
	assoc_result *r;
	int rc;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_logit: NULL out");
	*out = NULL;
	if (!rep)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_logit: NULL report");
	if ((rc = logit_check(names, betas, n, beta0)) < 0)
		return rc;
	if ((rc = result_new(&r, assoc__measure_find("model.logit"), year, NULL)) < 0)
		return rc;
	logit_fill(r, rep, year, beta0, names, betas, n);
	if (r->oom) {
		assoc_result_free(r);
		return assoc__error_oom();
	}
	*out = r;
	return 0;
}
