/*
 * Scoring profiles "libassoc-profile/1": loading (strict, with JSON paths
 * in every error), the built-in default, canonical serialisation, territory
 * override matching and the lookups the scoring families use.
 * SPDX-License-Identifier: MIT
 *
 * The format is documented in docs/profile.md. Loading checks everything a
 * scoring run would otherwise trip on later (unknown measures, bands that
 * overlap or leave gaps, a composite component without a band table...), so
 * that a profile that loads can always be used.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "error.h"
#include "profile_internal.h"
#include "text.h"

/* Generated at build time from docs/profile-default.json (cmake/embed.cmake). */
extern const unsigned char assoc__profile_default_json[];
extern const size_t assoc__profile_default_json_len;

static const char *const TAGS[] = { "V", "S", "own" };

/* ---- freeing -------------------------------------------------------------- */

static void entries_dispose(assoc__entries *e)
{
	size_t i, j;
	for (i = 0; i < e->constants.n; i++) {
		assoc__pconst *c = ASSOC__AT(e->constants, assoc__pconst, i);
		assoc__free(c->key);
		assoc__free(c->unit);
		assoc__free(c->date);
		assoc__free(c->source);
		assoc__free(c->tag);
	}
	for (i = 0; i < e->bands.n; i++) {
		assoc__band_table *t = ASSOC__AT(e->bands, assoc__band_table, i);
		assoc__free(t->measure);
		assoc__free(t->source);
		assoc__free(t->tag);
		assoc__vec_free(&t->bands);
	}
	for (i = 0; i < e->weights.n; i++) {
		assoc__weight_set *w = ASSOC__AT(e->weights, assoc__weight_set, i);
		for (j = 0; j < w->components.n; j++)
			assoc__free(ASSOC__AT(w->components, assoc__weight, j)->measure);
		assoc__vec_free(&w->components);
		assoc__free(w->composite);
		assoc__free(w->source);
		assoc__free(w->tag);
	}
	assoc__vec_free(&e->constants);
	assoc__vec_free(&e->bands);
	assoc__vec_free(&e->weights);
}

static void profile_destroy(assoc_profile *p)
{
	size_t i;
	if (!p)
		return;
	entries_dispose(&p->base);
	for (i = 0; i < p->overrides.n; i++) {
		assoc__override *o = ASSOC__AT(p->overrides, assoc__override, i);
		assoc__free(o->name);
		assoc__free(o->match.country);
		assoc__free(o->match.region);
		assoc__free(o->match.departement);
		assoc__free(o->match.commune);
		entries_dispose(&o->e);
	}
	assoc__vec_free(&p->overrides);
	assoc__free(p->id);
	assoc__free(p->version);
	assoc__free(p->description);
	assoc__free(p->maturity_source);
	assoc__free(p->maturity_tag);
	assoc__free(p);
}

void assoc_profile_free(assoc_profile *profile)
{
	if (profile && !profile->builtin)
		profile_destroy(profile);
}

/* ---- reading JSON values with paths ----------------------------------------- */

static int err_type(const assoc__path *path, const char *want)
{
	return assoc__error_set(ASSOC_ETYPE, path->buf, "%s must be %s", path->buf[0] ? path->buf : "the profile",
				want);
}

/* Refuse keys outside `allowed` (NULL-terminated) and keys given twice:
 * cJSON keeps both copies of a duplicate, and the second would be ignored. */
static int check_keys(const cJSON *obj, const char *const *allowed, assoc__path *path)
{
	const cJSON *it, *prev;
	for (it = obj->child; it; it = it->next) {
		size_t i, mark;
		int known = 0;
		for (i = 0; allowed && allowed[i]; i++)
			if (strcmp(allowed[i], it->string) == 0)
				known = 1;
		mark = assoc__path_key(path, it->string);
		if (allowed && !known) {
			assoc__buf b = ASSOC__BUF_INIT;
			int rc;
			for (i = 0; allowed[i]; i++)
				assoc__buf_printf(&b, "%s%s", i ? ", " : "", allowed[i]);
			rc = assoc__error_set(ASSOC_EUNKNOWNKEY, path->buf, "unknown key '%s' (valid keys: %s)",
					      it->string, b.data ? b.data : "");
			assoc__buf_dispose(&b);
			return rc;
		}
		for (prev = obj->child; prev != it; prev = prev->next)
			if (strcmp(prev->string, it->string) == 0)
				return assoc__error_set(ASSOC_EDUPLICATE, path->buf, "key '%s' is given twice",
							it->string);
		assoc__path_pop(path, mark);
	}
	return 0;
}

static int get_string(char **out, const cJSON *obj, const char *key, int required, assoc__path *path)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	size_t mark = assoc__path_key(path, key);
	int rc = 0;
	*out = NULL;
	if (!v) {
		if (required)
			rc = assoc__error_set(ASSOC_EMISSING, path->buf, "required key '%s' is missing", key);
	} else if (!cJSON_IsString(v)) {
		rc = err_type(path, "a string");
	} else if (!(*out = assoc__strdup(v->valuestring))) {
		rc = assoc__error_oom();
	}
	assoc__path_pop(path, mark);
	return rc;
}

/* A finite number; *out stays NaN when the optional key is absent. */
static int get_number(double *out, const cJSON *obj, const char *key, int required, assoc__path *path)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	size_t mark = assoc__path_key(path, key);
	int rc = 0;
	*out = ASSOC__ABSENT;
	if (!v) {
		if (required)
			rc = assoc__error_set(ASSOC_EMISSING, path->buf, "required key '%s' is missing", key);
	} else if (!cJSON_IsNumber(v)) {
		rc = err_type(path, "a number");
	} else if (!isfinite(v->valuedouble)) {
		rc = assoc__error_set(ASSOC_EVALUE, path->buf, "%s is not a finite number", key);
	} else {
		*out = v->valuedouble;
	}
	assoc__path_pop(path, mark);
	return rc;
}

static int get_bool(int *out, const cJSON *obj, const char *key, int dflt, assoc__path *path)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	size_t mark;
	*out = dflt;
	if (!v)
		return 0;
	if (!cJSON_IsBool(v)) {
		int rc;
		mark = assoc__path_key(path, key);
		rc = err_type(path, "true or false");
		assoc__path_pop(path, mark);
		return rc;
	}
	*out = cJSON_IsTrue(v);
	return 0;
}

static const cJSON *get_object(const cJSON *obj, const char *key, int required, int *rc, assoc__path *path)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	size_t mark = assoc__path_key(path, key);
	*rc = 0;
	if (!v) {
		if (required)
			*rc = assoc__error_set(ASSOC_EMISSING, path->buf, "required key '%s' is missing", key);
	} else if (!cJSON_IsObject(v)) {
		*rc = err_type(path, "an object");
		v = NULL;
	}
	assoc__path_pop(path, mark);
	return v;
}

/* Provenance tag: "V" (read in the source), "S" (secondary source), "own". */
static int get_tag(char **out, const cJSON *obj, assoc__path *path)
{
	size_t i, mark;
	int rc = get_string(out, obj, "tag", 1, path);
	if (rc < 0)
		return rc;
	for (i = 0; i < sizeof TAGS / sizeof TAGS[0]; i++)
		if (strcmp(*out, TAGS[i]) == 0)
			return 0;
	mark = assoc__path_key(path, "tag");
	rc = assoc__error_set(ASSOC_ELABEL, path->buf, "unknown tag '%s' (valid tags: V, S, own)", *out);
	assoc__path_pop(path, mark);
	assoc__free(*out);
	*out = NULL;
	return rc;
}

/* ---- measure identifiers ----------------------------------------------------- */

static int is_composite(const char *id, size_t *order)
{
	int rank = assoc__composite_rank(id);
	if (rank >= 0 && order)
		*order = (size_t)rank;
	return rank >= 0;
}

/* An unknown measure: list the valid ids of the same family ("revenue." for
 * "revenue.streams.hhx"), or the families when even the family is unknown,
 * so the message stays readable with a catalogue of ~100 measures. */
static int err_measure(const assoc__path *path, const char *id, int composites_only)
{
	assoc__buf b = ASSOC__BUF_INIT;
	const char *dot = strchr(id, '.');
	size_t fam = dot ? (size_t)(dot - id) + 1 : 0, i, n = assoc_measure_count(), listed = 0;
	int rc;
	for (i = 0; i < n; i++) {
		const char *m = assoc_measure_id(i);
		if (composites_only ? !is_composite(m, NULL) : (fam == 0 || strncmp(m, id, fam) != 0))
			continue;
		assoc__buf_printf(&b, "%s%s", listed++ ? ", " : "", m);
	}
	if (listed == 0) {
		/* Family unknown too: name the families (prefixes before the first dot). */
		for (i = 0; i < n; i++) {
			const char *m = assoc_measure_id(i), *d = strchr(m, '.');
			size_t len = d ? (size_t)(d - m) : strlen(m), j;
			int seen = 0;
			for (j = 0; j < i && !seen; j++)
				seen = strncmp(assoc_measure_id(j), m, len) == 0 && assoc_measure_id(j)[len] == m[len];
			if (!seen)
				assoc__buf_printf(&b, "%s%.*s.*", listed++ ? ", " : "", (int)len, m);
		}
		rc = assoc__error_set(ASSOC_ENOTFOUND, path->buf, "unknown measure '%s' (measure families: %s)", id,
				      b.data ? b.data : "");
	} else {
		rc = assoc__error_set(ASSOC_ENOTFOUND, path->buf, "unknown %s '%s' (valid: %s)",
				      composites_only ? "composite score" : "measure", id, b.data ? b.data : "");
	}
	assoc__buf_dispose(&b);
	return rc;
}

/* ---- constants ---------------------------------------------------------------- */

static int parse_constants(assoc__vec *out, const cJSON *obj, assoc__path *path)
{
	static const char *const keys[] = { "value", "unit", "date", "source", "tag", NULL };
	const cJSON *it;
	int rc = check_keys(obj, NULL, path);
	if (rc < 0)
		return rc;
	for (it = obj->child; it; it = it->next) {
		assoc__pconst *c;
		size_t mark = assoc__path_key(path, it->string);
		if (!cJSON_IsObject(it))
			return err_type(path, "an object {\"value\", \"unit\", \"date\", \"source\", \"tag\"}");
		if (assoc__vec_push(out, sizeof *c, (void **)&c) < 0)
			return assoc__error_oom();
		if (!(c->key = assoc__strdup(it->string)))
			return assoc__error_oom();
		if ((rc = check_keys(it, keys, path)) < 0 || (rc = get_number(&c->value, it, "value", 1, path)) < 0 ||
		    (rc = get_string(&c->unit, it, "unit", 0, path)) < 0 ||
		    (rc = get_string(&c->date, it, "date", 0, path)) < 0 ||
		    (rc = get_string(&c->source, it, "source", 0, path)) < 0 || (rc = get_tag(&c->tag, it, path)) < 0)
			return rc;
		assoc__path_pop(path, mark);
	}
	return 0;
}

/* ---- band tables ---------------------------------------------------------------- */

static int parse_band(assoc__band *b, const cJSON *obj, assoc__path *path)
{
	static const char *const keys[] = { "min", "max", "min_inclusive", "max_inclusive", "points", NULL };
	int rc;
	if (!cJSON_IsObject(obj))
		return err_type(path, "an object {\"min\", \"max\", \"min_inclusive\", \"max_inclusive\", \"points\"}");
	if ((rc = check_keys(obj, keys, path)) < 0 || (rc = get_number(&b->min, obj, "min", 0, path)) < 0 ||
	    (rc = get_number(&b->max, obj, "max", 0, path)) < 0 ||
	    (rc = get_bool(&b->min_inclusive, obj, "min_inclusive", 1, path)) < 0 ||
	    (rc = get_bool(&b->max_inclusive, obj, "max_inclusive", 0, path)) < 0 ||
	    (rc = get_number(&b->points, obj, "points", 1, path)) < 0)
		return rc;
	if (b->points < 0)
		return assoc__error_set(ASSOC_EVALUE, path->buf, "points must be >= 0, got %g", b->points);
	if (assoc__has(b->min) && assoc__has(b->max) &&
	    (b->min > b->max || (b->min == b->max && !(b->min_inclusive && b->max_inclusive))))
		return assoc__error_set(ASSOC_EVALUE, path->buf, "empty band: min %g, max %g", b->min, b->max);
	return 0;
}

/* Bands are listed in ascending order and each starts exactly where the
 * previous one ends, with exactly one of the two holding the shared edge:
 * a value can then fall in one band at most, and every value between the
 * first and the last bound falls in one. */
static int check_contiguous(const assoc__band *prev, const assoc__band *cur, size_t i, assoc__path *path)
{
	const char *what = NULL;
	if (!assoc__has(prev->max) || !assoc__has(cur->min) || cur->min < prev->max)
		what = "overlaps";
	else if (cur->min > prev->max)
		what = "leaves a gap after";
	else if (prev->max_inclusive && cur->min_inclusive)
		what = "overlaps (both hold the shared edge)";
	else if (!prev->max_inclusive && !cur->min_inclusive)
		what = "leaves a gap (neither holds the shared edge) after";
	if (!what)
		return 0;
	return assoc__error_set(ASSOC_EVALUE, path->buf, "band %zu %s band %zu: bands must be contiguous, in ascending order",
				i, what, i - 1);
}

static int parse_band_table(assoc__band_table *t, const cJSON *obj, assoc__path *path)
{
	static const char *const keys[] = { "source", "tag", "bands", NULL };
	const cJSON *arr, *it;
	size_t i = 0, mark;
	int rc;
	if (!cJSON_IsObject(obj))
		return err_type(path, "an object {\"source\", \"tag\", \"bands\"}");
	if ((rc = check_keys(obj, keys, path)) < 0 || (rc = get_string(&t->source, obj, "source", 0, path)) < 0 ||
	    (rc = get_tag(&t->tag, obj, path)) < 0)
		return rc;
	arr = cJSON_GetObjectItemCaseSensitive(obj, "bands");
	mark = assoc__path_key(path, "bands");
	if (!arr)
		return assoc__error_set(ASSOC_EMISSING, path->buf, "required key 'bands' is missing");
	if (!cJSON_IsArray(arr) || !arr->child)
		return err_type(path, "a non-empty array of bands");
	t->max_points = 0;
	for (it = arr->child; it; it = it->next, i++) {
		assoc__band *b;
		size_t m2 = assoc__path_index(path, i);
		if (assoc__vec_push(&t->bands, sizeof *b, (void **)&b) < 0)
			return assoc__error_oom();
		if ((rc = parse_band(b, it, path)) < 0)
			return rc;
		if (i > 0 && (rc = check_contiguous(b - 1, b, i, path)) < 0)
			return rc;
		if (b->points > t->max_points)
			t->max_points = b->points;
		assoc__path_pop(path, m2);
	}
	if (!(t->max_points > 0))
		return assoc__error_set(ASSOC_EVALUE, path->buf, "every band has 0 points: the table has no scale");
	assoc__path_pop(path, mark);
	return 0;
}

static int parse_bands(assoc__vec *out, const cJSON *obj, assoc__path *path)
{
	const cJSON *it;
	int rc = check_keys(obj, NULL, path);
	if (rc < 0)
		return rc;
	for (it = obj->child; it; it = it->next) {
		assoc__band_table *t;
		size_t mark = assoc__path_key(path, it->string);
		if (!assoc__measure_find(it->string))
			return err_measure(path, it->string, 0);
		if (assoc__vec_push(out, sizeof *t, (void **)&t) < 0)
			return assoc__error_oom();
		if (!(t->measure = assoc__strdup(it->string)))
			return assoc__error_oom();
		if ((rc = parse_band_table(t, it, path)) < 0)
			return rc;
		assoc__path_pop(path, mark);
	}
	return 0;
}

/* ---- weights -------------------------------------------------------------------- */

static int parse_components(assoc__weight_set *w, const cJSON *obj, assoc__path *path)
{
	const cJSON *it;
	size_t order = 0, corder = 0;
	int rc = check_keys(obj, NULL, path);
	if (rc < 0)
		return rc;
	is_composite(w->composite, &order);
	w->total = 0;
	for (it = obj->child; it; it = it->next) {
		assoc__weight *c;
		size_t mark = assoc__path_key(path, it->string);
		if (!assoc__measure_find(it->string))
			return err_measure(path, it->string, 0);
		/* Composites run in a fixed order: one may only use those before it. */
		if (is_composite(it->string, &corder) && corder >= order)
			return assoc__error_set(ASSOC_EVALUE, path->buf,
						"'%s' cannot be a component of '%s': it is computed after it", it->string,
						w->composite);
		if (!cJSON_IsNumber(it))
			return err_type(path, "a number (a weight)");
		if (!isfinite(it->valuedouble) || it->valuedouble < 0)
			return assoc__error_set(ASSOC_EVALUE, path->buf, "weight of '%s' must be a finite number >= 0, got %g",
						it->string, it->valuedouble);
		if (assoc__vec_push(&w->components, sizeof *c, (void **)&c) < 0)
			return assoc__error_oom();
		if (!(c->measure = assoc__strdup(it->string)))
			return assoc__error_oom();
		c->weight = it->valuedouble;
		w->total += c->weight;
		assoc__path_pop(path, mark);
	}
	if (!(w->total > 0))
		return assoc__error_set(ASSOC_EVALUE, path->buf, "the weights of '%s' sum to 0", w->composite);
	return 0;
}

static int parse_weights(assoc__vec *out, const cJSON *obj, assoc__path *path)
{
	static const char *const keys[] = { "source", "tag", "components", NULL };
	const cJSON *it, *comp;
	int rc = check_keys(obj, NULL, path);
	if (rc < 0)
		return rc;
	for (it = obj->child; it; it = it->next) {
		assoc__weight_set *w;
		size_t mark = assoc__path_key(path, it->string);
		if (!is_composite(it->string, NULL))
			return err_measure(path, it->string, 1);
		if (!cJSON_IsObject(it))
			return err_type(path, "an object {\"source\", \"tag\", \"components\"}");
		if (assoc__vec_push(out, sizeof *w, (void **)&w) < 0)
			return assoc__error_oom();
		if (!(w->composite = assoc__strdup(it->string)))
			return assoc__error_oom();
		if ((rc = check_keys(it, keys, path)) < 0 || (rc = get_string(&w->source, it, "source", 0, path)) < 0 ||
		    (rc = get_tag(&w->tag, it, path)) < 0)
			return rc;
		comp = get_object(it, "components", 1, &rc, path);
		if (rc < 0)
			return rc;
		assoc__path_key(path, "components");
		if ((rc = parse_components(w, comp, path)) < 0)
			return rc;
		assoc__path_pop(path, mark);
	}
	return 0;
}

/* ---- entries (base or override) ------------------------------------------------- */

static int parse_entries(assoc__entries *e, const cJSON *obj, assoc__path *path)
{
	const cJSON *sub;
	size_t mark;
	int rc;
	sub = get_object(obj, "constants", 0, &rc, path);
	if (rc < 0)
		return rc;
	mark = assoc__path_key(path, "constants");
	if (sub && (rc = parse_constants(&e->constants, sub, path)) < 0)
		return rc;
	assoc__path_pop(path, mark);
	sub = get_object(obj, "bands", 0, &rc, path);
	if (rc < 0)
		return rc;
	mark = assoc__path_key(path, "bands");
	if (sub && (rc = parse_bands(&e->bands, sub, path)) < 0)
		return rc;
	assoc__path_pop(path, mark);
	sub = get_object(obj, "weights", 0, &rc, path);
	if (rc < 0)
		return rc;
	mark = assoc__path_key(path, "weights");
	if (sub && (rc = parse_weights(&e->weights, sub, path)) < 0)
		return rc;
	assoc__path_pop(path, mark);
	return 0;
}

/* ---- alliance maturity weights --------------------------------------------------- */

const char *assoc__maturity_key(int i)
{
	if (i == ASSOC__MATURITY_MULTI_YEAR)
		return "multi_year";
	return assoc_vocab_id(ASSOC_VOCAB_PRACTICE, i);
}

static int parse_maturity(assoc_profile *p, const cJSON *obj, assoc__path *path)
{
	static const char *const keys[] = { "weights", "source", "tag", NULL };
	const char *wkeys[ASSOC__MATURITY_COUNT + 1];
	const cJSON *w;
	double total = 0;
	size_t mark;
	int i, rc;
	for (i = 0; i < ASSOC__MATURITY_COUNT; i++)
		wkeys[i] = assoc__maturity_key(i);
	wkeys[ASSOC__MATURITY_COUNT] = NULL;
	if ((rc = check_keys(obj, keys, path)) < 0 || (rc = get_string(&p->maturity_source, obj, "source", 0, path)) < 0 ||
	    (rc = get_tag(&p->maturity_tag, obj, path)) < 0)
		return rc;
	w = get_object(obj, "weights", 1, &rc, path);
	if (rc < 0)
		return rc;
	mark = assoc__path_key(path, "weights");
	if ((rc = check_keys(w, wkeys, path)) < 0)
		return rc;
	/* Every weight is required: the scale must be explicit (0 drops one). */
	for (i = 0; i < ASSOC__MATURITY_COUNT; i++) {
		size_t m2;
		if ((rc = get_number(&p->maturity[i], w, wkeys[i], 1, path)) < 0)
			return rc;
		m2 = assoc__path_key(path, wkeys[i]);
		if (p->maturity[i] < 0)
			return assoc__error_set(ASSOC_EVALUE, path->buf, "weight of '%s' must be >= 0, got %g", wkeys[i],
						p->maturity[i]);
		assoc__path_pop(path, m2);
		total += p->maturity[i];
	}
	if (!(total > 0))
		return assoc__error_set(ASSOC_EVALUE, path->buf, "the maturity weights sum to 0");
	assoc__path_pop(path, mark);
	return 0;
}

/* ---- territory overrides ---------------------------------------------------------- */

static int parse_match(assoc__override *o, const cJSON *obj, assoc__path *path)
{
	static const char *const keys[] = { "country", "region", "departement", "commune", NULL };
	int rc;
	if ((rc = check_keys(obj, keys, path)) < 0 || (rc = get_string(&o->match.country, obj, "country", 0, path)) < 0 ||
	    (rc = get_string(&o->match.region, obj, "region", 0, path)) < 0 ||
	    (rc = get_string(&o->match.departement, obj, "departement", 0, path)) < 0 ||
	    (rc = get_string(&o->match.commune, obj, "commune", 0, path)) < 0)
		return rc;
	o->specificity = o->match.commune ? 4 : o->match.departement ? 3 : o->match.region ? 2 : o->match.country ? 1 : 0;
	if (o->specificity == 0)
		return assoc__error_set(ASSOC_EMISSING, path->buf,
					"a match needs at least one of country, region, departement, commune");
	return 0;
}

static int parse_territories(assoc_profile *p, const cJSON *arr, assoc__path *path)
{
	static const char *const keys[] = { "name", "match", "constants", "bands", "weights", NULL };
	const cJSON *it, *m;
	size_t i = 0, j;
	int rc;
	if (!cJSON_IsArray(arr))
		return err_type(path, "an array of territory overrides");
	for (it = arr->child; it; it = it->next, i++) {
		assoc__override *o;
		size_t mark = assoc__path_index(path, i), m2;
		if (!cJSON_IsObject(it))
			return err_type(path, "an object {\"name\", \"match\", \"constants\", \"bands\", \"weights\"}");
		if (assoc__vec_push(&p->overrides, sizeof *o, (void **)&o) < 0)
			return assoc__error_oom();
		if ((rc = check_keys(it, keys, path)) < 0 || (rc = get_string(&o->name, it, "name", 1, path)) < 0)
			return rc;
		for (j = 0; j < i; j++)
			if (strcmp(ASSOC__AT(p->overrides, assoc__override, j)->name, o->name) == 0) {
				m2 = assoc__path_key(path, "name");
				return assoc__error_set(ASSOC_EDUPLICATE, path->buf,
							"override name '%s' is already used by /territories/%zu", o->name, j);
			}
		m = get_object(it, "match", 1, &rc, path);
		if (rc < 0)
			return rc;
		m2 = assoc__path_key(path, "match");
		if ((rc = parse_match(o, m, path)) < 0)
			return rc;
		assoc__path_pop(path, m2);
		if ((rc = parse_entries(&o->e, it, path)) < 0)
			return rc;
		assoc__path_pop(path, mark);
	}
	return 0;
}

/* ---- cross checks ------------------------------------------------------------------ */

static const assoc__band_table *find_table(const assoc__entries *e, const char *measure)
{
	size_t i;
	for (i = 0; i < e->bands.n; i++) {
		const assoc__band_table *t = ASSOC__AT(e->bands, assoc__band_table, i);
		if (strcmp(t->measure, measure) == 0)
			return t;
	}
	return NULL;
}

static const assoc__weight_set *find_weights(const assoc__entries *e, const char *composite)
{
	size_t i;
	for (i = 0; i < e->weights.n; i++) {
		const assoc__weight_set *w = ASSOC__AT(e->weights, assoc__weight_set, i);
		if (strcmp(w->composite, composite) == 0)
			return w;
	}
	return NULL;
}

/* Each component of a composite that is not itself a composite (a 0-100
 * score used as is) needs a band table, under the base and under every
 * override, otherwise scoring would have no points for it. `base` is the
 * JSON Pointer of the entries being checked ("" or "/territories/<i>"). */
static int check_components(const assoc_profile *p, const assoc__override *o, const char *base)
{
	size_t i, j;
	for (i = 0; i < assoc__measures_composite_count; i++) {
		const char *cid = assoc__measures_composite[i].id, *origin;
		const assoc__weight_set *w = assoc__profile_weights(p, o, cid, &origin);
		if (!w)
			continue;
		for (j = 0; j < w->components.n; j++) {
			const char *m = ASSOC__AT(w->components, assoc__weight, j)->measure;
			assoc__path path;
			if (is_composite(m, NULL) || assoc__profile_bands(p, o, m, NULL))
				continue;
			assoc__path_init(&path);
			/* Point at the weight that needs the table, in the entries it comes from. */
			snprintf(path.buf, sizeof path.buf, "%s", (o && strcmp(origin, "base") != 0) ? base : "");
			path.len = strlen(path.buf);
			assoc__path_key(&path, "weights");
			assoc__path_key(&path, cid);
			assoc__path_key(&path, "components");
			assoc__path_key(&path, m);
			return assoc__error_set(ASSOC_EMISSING, path.buf, "component '%s' of '%s' has no band table%s%s", m,
						cid, o ? " under territory override " : "", o ? o->name : "");
		}
	}
	return 0;
}

/* ---- loading -------------------------------------------------------------------------- */

static void parse_position(const char *json, size_t len, size_t off, int *line, int *col)
{
	size_t i;
	*line = 1;
	*col = 1;
	for (i = 0; i < off && i < len; i++) {
		if (json[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static int parse_root(assoc_profile *p, const cJSON *root, assoc__path *path)
{
	static const char *const keys[] = { "format", "id", "version", "description", "constants", "bands",
					     "weights", "alliance_maturity", "territories", NULL };
	const cJSON *sub;
	char *format = NULL;
	size_t i, mark;
	int rc;
	if (!cJSON_IsObject(root))
		return err_type(path, "an object");
	if ((rc = get_string(&format, root, "format", 1, path)) < 0)
		return rc;
	if (strcmp(format, ASSOC_PROFILE_FORMAT_ID) != 0) {
		rc = assoc__error_set(ASSOC_EVERSION, "/format", "unsupported profile format '%s' (this version reads '%s')",
				      format, ASSOC_PROFILE_FORMAT_ID);
		assoc__free(format);
		return rc;
	}
	assoc__free(format);
	if ((rc = check_keys(root, keys, path)) < 0 || (rc = get_string(&p->id, root, "id", 1, path)) < 0 ||
	    (rc = get_string(&p->version, root, "version", 1, path)) < 0 ||
	    (rc = get_string(&p->description, root, "description", 0, path)) < 0 ||
	    (rc = parse_entries(&p->base, root, path)) < 0)
		return rc;
	sub = get_object(root, "alliance_maturity", 1, &rc, path);
	if (rc < 0)
		return rc;
	mark = assoc__path_key(path, "alliance_maturity");
	if ((rc = parse_maturity(p, sub, path)) < 0)
		return rc;
	assoc__path_pop(path, mark);
	sub = cJSON_GetObjectItemCaseSensitive(root, "territories");
	mark = assoc__path_key(path, "territories");
	if (sub && (rc = parse_territories(p, sub, path)) < 0)
		return rc;
	assoc__path_pop(path, mark);
	if ((rc = check_components(p, NULL, "")) < 0)
		return rc;
	for (i = 0; i < p->overrides.n; i++) {
		char where[64];
		snprintf(where, sizeof where, "/territories/%zu", i);
		if ((rc = check_components(p, ASSOC__AT(p->overrides, assoc__override, i), where)) < 0)
			return rc;
	}
	return 0;
}

int assoc_profile_from_json(assoc_profile **out, const char *json, size_t len)
{
	assoc_profile *p;
	cJSON *root;
	const char *end = NULL;
	assoc__path path;
	int rc;
	if (!out || !json)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_profile_from_json: NULL argument");
	*out = NULL;
	if (len > ASSOC_DEFAULT_MAX_DOCUMENT_BYTES)
		return assoc__error_set(ASSOC_ELIMIT, NULL, "profile of %zu bytes exceeds the limit of %u bytes", len,
					ASSOC_DEFAULT_MAX_DOCUMENT_BYTES);
	if ((rc = assoc__utf8_check(json, len)) < 0)
		return rc;
	root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
	if (root && end) {
		/* cJSON stops after the value: anything but white space after it is an error. */
		while ((size_t)(end - json) < len && strchr(" \t\r\n", *end) && *end)
			end++;
		if ((size_t)(end - json) < len) {
			cJSON_Delete(root);
			root = NULL;
		}
	}
	if (!root) {
		int line, col;
		size_t off = end ? (size_t)(end - json) : 0;
		parse_position(json, len, off, &line, &col);
		return assoc__error_set_pos(ASSOC_EPARSE, line, col, "malformed JSON in profile at line %d, column %d",
					    line, col);
	}
	if (!(p = assoc__calloc(1, sizeof *p))) {
		cJSON_Delete(root);
		return assoc__error_oom();
	}
	assoc__path_init(&path);
	rc = parse_root(p, root, &path);
	cJSON_Delete(root);
	if (rc < 0) {
		profile_destroy(p);
		return rc;
	}
	*out = p;
	return 0;
}

int assoc_profile_load_file(assoc_profile **out, const char *path)
{
	FILE *fp;
	char *buf;
	long n;
	int rc;
	if (!out || !path)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_profile_load_file: NULL argument");
	*out = NULL;
	if (!(fp = fopen(path, "rb")))
		return assoc__error_set(ASSOC_EIO, NULL, "cannot open profile '%s'", path);
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0) {
		fclose(fp);
		return assoc__error_set(ASSOC_EIO, NULL, "cannot read profile '%s'", path);
	}
	if ((unsigned long)n > ASSOC_DEFAULT_MAX_DOCUMENT_BYTES) {
		fclose(fp);
		return assoc__error_set(ASSOC_ELIMIT, NULL, "profile '%s' exceeds the limit of %u bytes", path,
					ASSOC_DEFAULT_MAX_DOCUMENT_BYTES);
	}
	if (!(buf = assoc__malloc((size_t)n + 1))) {
		fclose(fp);
		return assoc__error_oom();
	}
	if (fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		fclose(fp);
		assoc__free(buf);
		return assoc__error_set(ASSOC_EIO, NULL, "cannot read profile '%s'", path);
	}
	fclose(fp);
	buf[n] = '\0';
	rc = assoc_profile_from_json(out, buf, (size_t)n);
	assoc__free(buf);
	return rc;
}

/* ---- the built-in default ---------------------------------------------------------------- */

/* A mutex rather than pthread_once: if memory runs out on the first call,
 * a later call tries again instead of returning NULL forever. Once built,
 * the profile is never modified, so readers share it freely. */
static pthread_mutex_t default_lock = PTHREAD_MUTEX_INITIALIZER;
static assoc_profile *default_profile;

const assoc_profile *assoc_profile_default(void)
{
	assoc_profile *p;
	pthread_mutex_lock(&default_lock);
	if (!default_profile &&
	    assoc_profile_from_json(&p, (const char *)assoc__profile_default_json, assoc__profile_default_json_len) == 0) {
		p->builtin = 1;
		default_profile = p;
	}
	p = default_profile;
	pthread_mutex_unlock(&default_lock);
	return p;
}

/* ---- accessors ------------------------------------------------------------------------------ */

const char *assoc_profile_id(const assoc_profile *profile) { return profile ? profile->id : NULL; }
const char *assoc_profile_version(const assoc_profile *profile) { return profile ? profile->version : NULL; }

const char *assoc__origin_name(const assoc__override *o) { return o ? o->name : "base"; }
const char *assoc__override_name(const assoc__override *o) { return o ? o->name : NULL; }

static const assoc__pconst *find_constant(const assoc__entries *e, const char *key)
{
	size_t i;
	for (i = 0; i < e->constants.n; i++) {
		const assoc__pconst *c = ASSOC__AT(e->constants, assoc__pconst, i);
		if (strcmp(c->key, key) == 0)
			return c;
	}
	return NULL;
}

int assoc__profile_constant_get(double *out, const char **origin, const assoc_profile *p, const assoc__override *o,
				const char *key)
{
	const assoc__pconst *c = o ? find_constant(&o->e, key) : NULL;
	const char *from = c ? o->name : "base";
	if (!c)
		c = find_constant(&p->base, key);
	*out = c ? c->value : ASSOC__ABSENT;
	if (origin)
		*origin = c ? from : NULL;
	return c ? 0 : ASSOC_ENOTFOUND;
}

const assoc__band_table *assoc__profile_bands(const assoc_profile *p, const assoc__override *o, const char *measure,
					      const char **origin)
{
	const assoc__band_table *t = o ? find_table(&o->e, measure) : NULL;
	const char *from = t ? o->name : "base";
	if (!t)
		t = find_table(&p->base, measure);
	if (origin)
		*origin = t ? from : NULL;
	return t;
}

const assoc__weight_set *assoc__profile_weights(const assoc_profile *p, const assoc__override *o,
						const char *composite, const char **origin)
{
	const assoc__weight_set *w = o ? find_weights(&o->e, composite) : NULL;
	const char *from = w ? o->name : "base";
	if (!w)
		w = find_weights(&p->base, composite);
	if (origin)
		*origin = w ? from : NULL;
	return w;
}

static int in_band(const assoc__band *b, double v)
{
	if (assoc__has(b->min) && (v < b->min || (v == b->min && !b->min_inclusive)))
		return 0;
	if (assoc__has(b->max) && (v > b->max || (v == b->max && !b->max_inclusive)))
		return 0;
	return 1;
}

int assoc__band_table_points(double *points, const assoc__band_table *t, double value)
{
	size_t i;
	*points = ASSOC__ABSENT;
	if (!isfinite(value))
		return ASSOC_ENOTFOUND;
	for (i = 0; i < t->bands.n; i++) {
		const assoc__band *b = ASSOC__AT(t->bands, assoc__band, i);
		if (in_band(b, value)) {
			*points = b->points;
			return 0;
		}
	}
	return ASSOC_ENOTFOUND;
}

/* ---- territory matching ------------------------------------------------------------------------ */

static int field_matches(const char *want, const char *have)
{
	return !want || (have && strcmp(want, have) == 0);
}

const assoc__override *assoc__profile_match(const assoc_profile *profile, const assoc_org *org)
{
	const assoc__override *best = NULL;
	size_t i;
	if (!profile || !org)
		return NULL;
	for (i = 0; i < profile->overrides.n; i++) {
		const assoc__override *o = ASSOC__AT(profile->overrides, assoc__override, i);
		const assoc__territory *t = &org->territory;
		if (!field_matches(o->match.country, t->country) || !field_matches(o->match.region, t->region) ||
		    !field_matches(o->match.departement, t->departement) || !field_matches(o->match.commune, t->commune))
			continue;
		/* Strictly more specific wins; on a tie the first listed stays. */
		if (!best || o->specificity > best->specificity)
			best = o;
	}
	return best;
}

int assoc_profile_constant(double *out, const char **origin, const assoc_profile *profile, const char *key,
			   const assoc_org *org)
{
	const assoc__override *o;
	if (!out || !key)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_profile_constant: NULL argument");
	if (!profile && !(profile = assoc_profile_default()))
		return assoc__error_oom();
	o = assoc__profile_match(profile, org);
	if (assoc__profile_constant_get(out, origin, profile, o, key) < 0)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "profile '%s' has no constant '%s'", profile->id, key);
	return 0;
}

/* ---- the scoring context's view ---------------------------------------------------------------- */

int assoc__ctx_constant(double *out, const assoc__ctx *ctx, assoc_result *r, const char *key)
{
	const char *origin;
	if (assoc__profile_constant_get(out, &origin, ctx->profile, ctx->override, key) < 0)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "profile '%s' has no constant '%s'", ctx->profile->id,
					key);
	if (r && ctx->explain)
		return assoc__result_profile_entry(r, key, *out, origin);
	return 0;
}

int assoc__ctx_band_points(double *points, const assoc__ctx *ctx, assoc_result *r, const char *measure, double value)
{
	const char *origin;
	const assoc__band_table *t = assoc__profile_bands(ctx->profile, ctx->override, measure, &origin);
	char key[160];
	*points = ASSOC__ABSENT;
	if (!t)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "profile '%s' has no band table for '%s'", ctx->profile->id,
					measure);
	if (assoc__band_table_points(points, t, value) < 0)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "%g is outside every band of '%s'", value, measure);
	/* The key is only for the explanation: values-only scoring skips it. */
	if (!r || !ctx->explain)
		return 0;
	snprintf(key, sizeof key, "bands.%s", measure);
	return assoc__result_profile_entry(r, key, *points, origin);
}

/* ---- canonical serialisation ---------------------------------------------------------------------- */

/* A small JSON writer over assoc__buf: keys in a fixed order, numbers in
 * their shortest exact form, optional indentation. */
typedef struct jw {
	assoc__buf b;
	int pretty;
	int depth;
	int first; /* no member written yet at the current depth */
} jw;

static void jw_newline(jw *w)
{
	int i;
	if (!w->pretty)
		return;
	assoc__buf_puts(&w->b, "\n");
	for (i = 0; i < w->depth; i++)
		assoc__buf_puts(&w->b, "  ");
}

static void jw_string(jw *w, const char *s)
{
	assoc__buf_puts(&w->b, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			assoc__buf_printf(&w->b, "\\%c", c);
		else if (c == '\n')
			assoc__buf_puts(&w->b, "\\n");
		else if (c == '\t')
			assoc__buf_puts(&w->b, "\\t");
		else if (c == '\r')
			assoc__buf_puts(&w->b, "\\r");
		else if (c < 0x20)
			assoc__buf_printf(&w->b, "\\u%04x", c);
		else
			assoc__buf_put(&w->b, s, 1);
	}
	assoc__buf_puts(&w->b, "\"");
}

static void jw_key(jw *w, const char *key)
{
	if (!w->first)
		assoc__buf_puts(&w->b, ",");
	w->first = 0;
	if (w->depth > 0)
		jw_newline(w);
	if (key) {
		jw_string(w, key);
		assoc__buf_puts(&w->b, w->pretty ? ": " : ":");
	}
}

static void jw_open(jw *w, const char *key, const char *brace)
{
	jw_key(w, key);
	assoc__buf_puts(&w->b, brace);
	w->depth++;
	w->first = 1;
}

static void jw_close(jw *w, const char *brace)
{
	w->depth--;
	if (!w->first)
		jw_newline(w);
	w->first = 0;
	assoc__buf_puts(&w->b, brace);
}

static void jw_str(jw *w, const char *key, const char *s)
{
	if (!s)
		return;
	jw_key(w, key);
	jw_string(w, s);
}

static void jw_num(jw *w, const char *key, double x)
{
	char tmp[32];
	if (!assoc__has(x))
		return;
	assoc__fmt_double(tmp, x);
	jw_key(w, key);
	assoc__buf_puts(&w->b, tmp);
}

static void jw_bool(jw *w, const char *key, int v)
{
	jw_key(w, key);
	assoc__buf_puts(&w->b, v ? "true" : "false");
}

static void write_entries(jw *w, const assoc__entries *e)
{
	size_t i, j;
	if (e->constants.n) {
		jw_open(w, "constants", "{");
		for (i = 0; i < e->constants.n; i++) {
			const assoc__pconst *c = ASSOC__AT(e->constants, assoc__pconst, i);
			jw_open(w, c->key, "{");
			jw_num(w, "value", c->value);
			jw_str(w, "unit", c->unit);
			jw_str(w, "date", c->date);
			jw_str(w, "source", c->source);
			jw_str(w, "tag", c->tag);
			jw_close(w, "}");
		}
		jw_close(w, "}");
	}
	if (e->bands.n) {
		jw_open(w, "bands", "{");
		for (i = 0; i < e->bands.n; i++) {
			const assoc__band_table *t = ASSOC__AT(e->bands, assoc__band_table, i);
			jw_open(w, t->measure, "{");
			jw_str(w, "source", t->source);
			jw_str(w, "tag", t->tag);
			jw_open(w, "bands", "[");
			for (j = 0; j < t->bands.n; j++) {
				const assoc__band *b = ASSOC__AT(t->bands, assoc__band, j);
				jw_open(w, NULL, "{");
				jw_num(w, "min", b->min);
				jw_num(w, "max", b->max);
				jw_bool(w, "min_inclusive", b->min_inclusive);
				jw_bool(w, "max_inclusive", b->max_inclusive);
				jw_num(w, "points", b->points);
				jw_close(w, "}");
			}
			jw_close(w, "]");
			jw_close(w, "}");
		}
		jw_close(w, "}");
	}
	if (e->weights.n) {
		jw_open(w, "weights", "{");
		for (i = 0; i < e->weights.n; i++) {
			const assoc__weight_set *ws = ASSOC__AT(e->weights, assoc__weight_set, i);
			jw_open(w, ws->composite, "{");
			jw_str(w, "source", ws->source);
			jw_str(w, "tag", ws->tag);
			jw_open(w, "components", "{");
			for (j = 0; j < ws->components.n; j++) {
				const assoc__weight *c = ASSOC__AT(ws->components, assoc__weight, j);
				jw_num(w, c->measure, c->weight);
			}
			jw_close(w, "}");
			jw_close(w, "}");
		}
		jw_close(w, "}");
	}
}

static void write_override(jw *w, const assoc__override *o)
{
	jw_open(w, NULL, "{");
	jw_str(w, "name", o->name);
	jw_open(w, "match", "{");
	jw_str(w, "country", o->match.country);
	jw_str(w, "region", o->match.region);
	jw_str(w, "departement", o->match.departement);
	jw_str(w, "commune", o->match.commune);
	jw_close(w, "}");
	write_entries(w, &o->e);
	jw_close(w, "}");
}

int assoc_profile_to_json(char **out, const assoc_profile *p, unsigned int flags)
{
	jw w = { ASSOC__BUF_INIT, 0, 0, 1 };
	size_t i;
	int k;
	if (!out || !p)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_profile_to_json: NULL argument");
	w.pretty = (flags & ASSOC_WRITE_PRETTY) != 0;
	jw_open(&w, NULL, "{");
	jw_str(&w, "format", ASSOC_PROFILE_FORMAT_ID);
	jw_str(&w, "id", p->id);
	jw_str(&w, "version", p->version);
	jw_str(&w, "description", p->description);
	write_entries(&w, &p->base);
	jw_open(&w, "alliance_maturity", "{");
	jw_open(&w, "weights", "{");
	for (k = 0; k < ASSOC__MATURITY_COUNT; k++)
		jw_num(&w, assoc__maturity_key(k), p->maturity[k]);
	jw_close(&w, "}");
	jw_str(&w, "source", p->maturity_source);
	jw_str(&w, "tag", p->maturity_tag);
	jw_close(&w, "}");
	if (p->overrides.n) {
		jw_open(&w, "territories", "[");
		for (i = 0; i < p->overrides.n; i++)
			write_override(&w, ASSOC__AT(p->overrides, assoc__override, i));
		jw_close(&w, "]");
	}
	jw_close(&w, "}");
	if (w.pretty)
		assoc__buf_puts(&w.b, "\n");
	if (assoc__buf_detach(out, &w.b) < 0)
		return assoc__error_oom();
	return 0;
}
