/*
 * Results that explain themselves: builders used by the families, the
 * public accessors, JSON serialisation.
 * SPDX-License-Identifier: MIT
 *
 * The builders return void so that a family's code reads as the formula it
 * implements; an allocation failure inside one sets r->oom, and the report
 * (assoc__ctx_check) turns it into ASSOC_ENOMEM before anything is returned.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "error.h"
#include "score_internal.h"

/* ---- builders ------------------------------------------------------------ */

/* Format into *slot. This runs for every reason, also in bulk scoring, so
 * it formats once into a stack buffer and copies, and a bare "%s" is a copy. */
static void set_text(assoc_result *r, char **slot, const char *fmt, va_list ap)
{
	char tmp[512];
	va_list cp;
	int n;
	assoc__free(*slot);
	*slot = NULL;
	if (fmt[0] == '%' && fmt[1] == 's' && fmt[2] == '\0') {
		const char *arg = va_arg(ap, const char *);
		if (!(*slot = assoc__strdup(arg ? arg : "")))
			r->oom = 1;
		return;
	}
	va_copy(cp, ap);
	n = vsnprintf(tmp, sizeof tmp, fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0, tmp[0] = '\0';
	if ((size_t)n < sizeof tmp) {
		*slot = assoc__strndup(tmp, (size_t)n);
	} else if ((*slot = assoc__malloc((size_t)n + 1)) != NULL) {
		vsnprintf(*slot, (size_t)n + 1, fmt, ap);
	}
	if (!*slot)
		r->oom = 1;
}

static void set_copy(assoc_result *r, char **slot, const char *text)
{
	assoc__free(*slot);
	*slot = NULL;
	if (!text)
		return;
	*slot = assoc__strdup(text);
	if (!*slot)
		r->oom = 1;
}

void assoc__result_ok(assoc_result *r, const assoc__ctx *ctx, double value, const char *fmt, ...)
{
	va_list ap;
	r->status = ASSOC_STATUS_OK;
	r->value = value;
	r->coverage = 1.0;
	set_copy(r, &r->reason, NULL);
	if (ctx && !ctx->explain)
		return;
	va_start(ap, fmt);
	set_text(r, &r->explanation, fmt, ap);
	va_end(ap);
}

void assoc__result_partial(assoc_result *r, const assoc__ctx *ctx, double value, double coverage,
			   const char *reason, const char *fmt, ...)
{
	va_list ap;
	r->status = ASSOC_STATUS_PARTIAL;
	r->value = value;
	r->coverage = coverage;
	/* The reason is kept even for bulk scoring: it says why the value is partial. */
	set_copy(r, &r->reason, reason);
	if (ctx && !ctx->explain)
		return;
	va_start(ap, fmt);
	set_text(r, &r->explanation, fmt, ap);
	va_end(ap);
}

void assoc__result_not_computable(assoc_result *r, const assoc__ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	r->status = ASSOC_STATUS_NOT_COMPUTABLE;
	r->value = ASSOC__ABSENT;
	va_start(ap, fmt);
	set_text(r, &r->reason, fmt, ap);
	va_end(ap);
	/* Without a value, the sentence that explains the result is the reason. */
	if (ctx && !ctx->explain)
		set_copy(r, &r->explanation, NULL);
	else
		set_copy(r, &r->explanation, r->reason);
}

int assoc__result_set_label(assoc_result *r, const char *label)
{
	set_copy(r, &r->label, label);
	return r->oom ? assoc__error_oom() : 0;
}

static int push_kv(assoc_result *r, assoc__vec *vec, const char *name, double value, const char *origin)
{
	assoc__kv *kv;
	char *n = assoc__strdup(name ? name : "");
	char *o = origin ? assoc__strdup(origin) : NULL;
	if (!n || (origin && !o) || assoc__vec_push(vec, sizeof(assoc__kv), (void **)&kv) < 0) {
		assoc__free(n);
		assoc__free(o);
		r->oom = 1;
		return assoc__error_oom();
	}
	kv->name = n;
	kv->value = value;
	kv->origin = o;
	return 0;
}

int assoc__result_input(assoc_result *r, const assoc__ctx *ctx, const char *name, double value)
{
	if (ctx && !ctx->explain)
		return 0;
	return push_kv(r, &r->inputs, name, value, NULL);
}

int assoc__result_contribution(assoc_result *r, const assoc__ctx *ctx, const char *name, double value)
{
	if (ctx && !ctx->explain)
		return 0;
	return push_kv(r, &r->contributions, name, value, NULL);
}

int assoc__result_profile_entry(assoc_result *r, const char *key, double value, const char *origin)
{
	size_t i;
	if (!r)
		return 0;
	/* A constant read twice for one result is listed once. */
	for (i = 0; i < r->profile_entries.n; i++)
		if (strcmp(ASSOC__AT(r->profile_entries, assoc__kv, i)->name, key) == 0)
			return 0;
	return push_kv(r, &r->profile_entries, key, value, origin ? origin : "base");
}

static void kv_free(assoc__vec *vec)
{
	size_t i;
	for (i = 0; i < vec->n; i++) {
		assoc__kv *kv = ASSOC__AT(*vec, assoc__kv, i);
		assoc__free(kv->name);
		assoc__free(kv->origin);
	}
	assoc__vec_free(vec);
}

void assoc__result_dispose(assoc_result *r)
{
	if (!r)
		return;
	assoc__free(r->subject);
	assoc__free(r->label);
	assoc__free(r->explanation);
	assoc__free(r->reason);
	kv_free(&r->inputs);
	kv_free(&r->contributions);
	kv_free(&r->profile_entries);
	r->subject = r->label = r->explanation = r->reason = NULL;
}

void assoc_result_free(assoc_result *r)
{
	assoc__result_dispose(r);
	assoc__free(r);
}

/* ---- accessors ------------------------------------------------------------ */

const char *assoc_result_measure(const assoc_result *r) { return r ? r->def->id : NULL; }
int assoc_result_year(const assoc_result *r) { return r ? r->year : 0; }
const char *assoc_result_subject(const assoc_result *r) { return r ? r->subject : NULL; }
assoc_status assoc_result_status(const assoc_result *r)
{
	return r ? r->status : ASSOC_STATUS_NOT_COMPUTABLE;
}

int assoc_result_value(double *out, const assoc_result *r)
{
	if (!out || !r) {
		if (out)
			*out = ASSOC__ABSENT;
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_result_value: NULL argument");
	}
	*out = r->value;
	if (r->status == ASSOC_STATUS_NOT_COMPUTABLE || !assoc__has(r->value))
		return assoc__error_set(ASSOC_EABSENT, NULL, "%s is not computable: %s", r->def->id,
					r->reason ? r->reason : "no reason recorded");
	return 0;
}

const char *assoc_result_label(const assoc_result *r) { return r ? r->label : NULL; }
const char *assoc_result_unit(const assoc_result *r) { return r ? r->def->unit : NULL; }
double assoc_result_coverage(const assoc_result *r) { return r ? r->coverage : 0.0; }
const char *assoc_result_formula_id(const assoc_result *r) { return r ? r->def->formula_id : NULL; }
const char *assoc_result_formula(const assoc_result *r) { return r ? r->def->formula : NULL; }
const char *assoc_result_explanation(const assoc_result *r) { return r ? r->explanation : NULL; }
const char *assoc_result_reason(const assoc_result *r) { return r ? r->reason : NULL; }
const char *assoc_result_source_tag(const assoc_result *r) { return r ? r->def->source_tag : NULL; }
const char *assoc_result_source_ref(const assoc_result *r) { return r ? r->def->source_ref : NULL; }

size_t assoc_result_input_count(const assoc_result *r) { return r ? r->inputs.n : 0; }
size_t assoc_result_contribution_count(const assoc_result *r) { return r ? r->contributions.n : 0; }
size_t assoc_result_profile_entry_count(const assoc_result *r) { return r ? r->profile_entries.n : 0; }

static int kv_get(const char **name, double *value, const char **origin, const assoc__vec *vec, size_t i,
		  const char *what)
{
	const assoc__kv *kv;
	if (i >= vec->n)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "no %s %zu (the result has %zu)", what, i, vec->n);
	kv = ASSOC__AT(*vec, assoc__kv, i);
	if (name)
		*name = kv->name;
	if (value)
		*value = kv->value;
	if (origin)
		*origin = kv->origin;
	return 0;
}

int assoc_result_input(const char **name, double *value, const assoc_result *r, size_t i)
{
	if (!r)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_result_input: NULL result");
	return kv_get(name, value, NULL, &r->inputs, i, "input");
}

int assoc_result_contribution(const char **name, double *value, const assoc_result *r, size_t i)
{
	if (!r)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_result_contribution: NULL result");
	return kv_get(name, value, NULL, &r->contributions, i, "contribution");
}

int assoc_result_profile_entry(const char **key, double *value, const char **origin, const assoc_result *r,
			       size_t i)
{
	if (!r)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_result_profile_entry: NULL result");
	return kv_get(key, value, origin, &r->profile_entries, i, "profile entry");
}

/* ---- JSON ------------------------------------------------------------------ */

static const char *status_name(assoc_status s)
{
	switch (s) {
	case ASSOC_STATUS_OK:
		return "ok";
	case ASSOC_STATUS_PARTIAL:
		return "partial";
	default:
		return "not_computable";
	}
}

/* Each add_* returns 0 or -1 (out of memory): cJSON reports failure by NULL. */
static int add_string(cJSON *obj, const char *key, const char *s)
{
	cJSON *item = s ? cJSON_CreateString(s) : cJSON_CreateNull();
	if (!item)
		return -1;
	if (!cJSON_AddItemToObject(obj, key, item)) {
		cJSON_Delete(item);
		return -1;
	}
	return 0;
}

/* NaN (missing) is null, never 0. cJSON would print 15 significant digits
 * when they come "close enough": write the shortest exact form instead, so
 * that reading the JSON back gives the same double. */
static int add_number(cJSON *obj, const char *key, double x)
{
	char text[32];
	cJSON *item;
	if (assoc__has(x) && isfinite(x)) {
		assoc__fmt_double(text, x);
		item = cJSON_CreateRaw(text);
	} else {
		item = cJSON_CreateNull();
	}
	if (!item)
		return -1;
	if (!cJSON_AddItemToObject(obj, key, item)) {
		cJSON_Delete(item);
		return -1;
	}
	return 0;
}

static int add_child(cJSON *obj, const char *key, cJSON *child)
{
	if (!child)
		return -1;
	if (!cJSON_AddItemToObject(obj, key, child)) {
		cJSON_Delete(child);
		return -1;
	}
	return 0;
}

static cJSON *kv_object(const assoc__vec *vec)
{
	cJSON *obj = cJSON_CreateObject();
	size_t i;
	for (i = 0; obj && i < vec->n; i++) {
		const assoc__kv *kv = ASSOC__AT(*vec, assoc__kv, i);
		if (add_number(obj, kv->name, kv->value) < 0) {
			cJSON_Delete(obj);
			return NULL;
		}
	}
	return obj;
}

static cJSON *profile_array(const assoc__vec *vec)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;
	for (i = 0; arr && i < vec->n; i++) {
		const assoc__kv *kv = ASSOC__AT(*vec, assoc__kv, i);
		cJSON *e = cJSON_CreateObject();
		if (!e || add_string(e, "key", kv->name) < 0 || add_number(e, "value", kv->value) < 0 ||
		    add_string(e, "origin", kv->origin) < 0 || !cJSON_AddItemToArray(arr, e)) {
			cJSON_Delete(e);
			cJSON_Delete(arr);
			return NULL;
		}
	}
	return arr;
}

static int add_fields(cJSON *o, const assoc_result *r)
{
	const assoc__measure_def *d = r->def;
	cJSON *src = cJSON_CreateObject();
	if (add_string(o, "measure", d->id) < 0)
		goto fail;
	/* Year 0 means "not about one year" (org-level, per alliance): null. */
	if ((r->year ? add_number(o, "year", r->year) : add_number(o, "year", ASSOC__ABSENT)) < 0)
		goto fail;
	if (add_string(o, "subject", r->subject) < 0 || add_string(o, "status", status_name(r->status)) < 0 ||
	    add_number(o, "value", r->status == ASSOC_STATUS_NOT_COMPUTABLE ? ASSOC__ABSENT : r->value) < 0 ||
	    add_string(o, "label", r->label) < 0 || add_string(o, "unit", d->unit) < 0 ||
	    add_number(o, "coverage", r->coverage) < 0 || add_string(o, "formula_id", d->formula_id) < 0 ||
	    add_string(o, "formula", d->formula) < 0 || add_string(o, "explanation", r->explanation) < 0 ||
	    add_string(o, "reason", r->reason) < 0)
		goto fail;
	if (!src || add_string(src, "tag", d->source_tag) < 0 || add_string(src, "ref", d->source_ref) < 0)
		goto fail;
	if (add_child(o, "source", src) < 0) {
		src = NULL;
		goto fail;
	}
	src = NULL;
	if (add_child(o, "inputs", kv_object(&r->inputs)) < 0 ||
	    add_child(o, "contributions", kv_object(&r->contributions)) < 0 ||
	    add_child(o, "profile_entries", profile_array(&r->profile_entries)) < 0)
		goto fail;
	return 0;
fail:
	cJSON_Delete(src);
	return -1;
}

int assoc__result_to_cjson(struct cJSON **out, const assoc_result *r)
{
	cJSON *o = cJSON_CreateObject();
	*out = NULL;
	if (!o || add_fields(o, r) < 0) {
		cJSON_Delete(o);
		return assoc__error_oom();
	}
	*out = o;
	return 0;
}

int assoc_result_to_json(char **out, const assoc_result *r, unsigned int flags)
{
	cJSON *o;
	char *text;
	int rc;
	if (!out || !r) {
		if (out)
			*out = NULL;
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_result_to_json: NULL argument");
	}
	*out = NULL;
	if ((rc = assoc__result_to_cjson(&o, r)) < 0)
		return rc;
	text = (flags & ASSOC_WRITE_PRETTY) ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!text)
		return assoc__error_oom();
	/* Hand back memory from our allocator: callers release it with assoc_free(). */
	*out = assoc__strdup(text);
	cJSON_free(text);
	return *out ? 0 : assoc__error_oom();
}
