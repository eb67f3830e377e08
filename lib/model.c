/*
 * The model's generic walkers (init, dispose, copy, required check), the
 * organisation and collection objects, derived name key and warnings.
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <string.h>
#include "error.h"
#include "fields.h"
#include "schema.h"
#include "util.h"

/* ---- generic walkers ---------------------------------------------------- */

void assoc__init(void *obj, const assoc__schema *schema)
{
	size_t i;
	/* Zero first: members outside the schema (name_key, warnings) start empty. */
	memset(obj, 0, schema->size);
	for (i = 0; i < schema->nfields; i++) {
		const assoc__field *f = &schema->fields[i];
		switch (f->type) {
		case ASSOC__F_NUMBER:
		case ASSOC__F_INTEGER:
			*ASSOC__FIELD_PTR(obj, f, double) = ASSOC__ABSENT;
			break;
		case ASSOC__F_ENUM:
		case ASSOC__F_BOOL:
			*ASSOC__FIELD_PTR(obj, f, int) = -1;
			break;
		case ASSOC__F_OBJECT:
			assoc__init(ASSOC__FIELD_PTR(obj, f, char), f->sub);
			break;
		default: /* strings NULL, arrays empty: the zeroes */
			break;
		}
	}
}

void assoc__dispose(void *obj, const assoc__schema *schema)
{
	size_t i;
	/* Unsetting every field frees what it owns and leaves the struct absent. */
	for (i = 0; i < schema->nfields; i++)
		assoc__field_unset(obj, &schema->fields[i]);
}

static int copy_array(assoc__vec *dst, const assoc__vec *src, const assoc__schema *sub)
{
	size_t i;
	int rc;
	if (src->n == 0)
		return 0;
	if (assoc__vec_reserve(dst, sub->size, src->n) < 0)
		return assoc__error_oom();
	for (i = 0; i < src->n; i++) {
		/* Count the element before filling it: assoc__copy initialises it
		 * first, so a failure leaves something assoc__dispose can free. */
		dst->n = i + 1;
		rc = assoc__copy((char *)dst->items + i * sub->size, (const char *)src->items + i * sub->size, sub);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int copy_field(void *dst, const void *src, const assoc__field *f)
{
	const char *s;
	switch (f->type) {
	case ASSOC__F_NUMBER:
	case ASSOC__F_INTEGER:
		*ASSOC__FIELD_PTR(dst, f, double) = *ASSOC__FIELD_CPTR(src, f, double);
		return 0;
	case ASSOC__F_ENUM:
	case ASSOC__F_BOOL:
		*ASSOC__FIELD_PTR(dst, f, int) = *ASSOC__FIELD_CPTR(src, f, int);
		return 0;
	case ASSOC__F_STRING:
	case ASSOC__F_NAME:
	case ASSOC__F_DATE:
	case ASSOC__F_CURRENCY:
		s = *ASSOC__FIELD_CPTR(src, f, char *);
		if (s && !(*ASSOC__FIELD_PTR(dst, f, char *) = assoc__strdup(s)))
			return assoc__error_oom();
		return 0;
	case ASSOC__F_OBJECT:
		return assoc__copy(ASSOC__FIELD_PTR(dst, f, char), ASSOC__FIELD_CPTR(src, f, char), f->sub);
	case ASSOC__F_ARRAY:
		return copy_array(ASSOC__FIELD_PTR(dst, f, assoc__vec), ASSOC__FIELD_CPTR(src, f, assoc__vec), f->sub);
	}
	return 0;
}

int assoc__copy(void *dst, const void *src, const assoc__schema *schema)
{
	size_t i;
	int rc;
	assoc__init(dst, schema);
	for (i = 0; i < schema->nfields; i++)
		if ((rc = copy_field(dst, src, &schema->fields[i])) < 0)
			return rc;
	return 0;
}

static int check_sub(const void *obj, const assoc__field *f, assoc__path *path)
{
	const assoc__vec *vec;
	size_t i, mark;
	int rc = 0;
	if (f->type == ASSOC__F_OBJECT)
		return assoc__check_required(ASSOC__FIELD_CPTR(obj, f, char), f->sub, path, 1);
	vec = ASSOC__FIELD_CPTR(obj, f, assoc__vec);
	for (i = 0; i < vec->n && rc == 0; i++) {
		mark = assoc__path_index(path, i);
		rc = assoc__check_required((const char *)vec->items + i * f->sub->size, f->sub, path, 1);
		assoc__path_pop(path, mark);
	}
	return rc;
}

int assoc__check_required(const void *obj, const assoc__schema *schema, assoc__path *path, int deep)
{
	size_t i, mark;
	int rc = 0;
	for (i = 0; i < schema->nfields && rc == 0; i++) {
		const assoc__field *f = &schema->fields[i];
		int present = assoc__field_present(obj, f);
		mark = assoc__path_key(path, f->name);
		if (!present && (f->flags & ASSOC__REQUIRED))
			rc = assoc__error_set(ASSOC_EMISSING, path->buf, "%s: required \"%s\" is missing",
					      schema->name, f->name);
		else if (deep && present && f->sub)
			rc = check_sub(obj, f, path);
		assoc__path_pop(path, mark);
	}
	return rc;
}

/* ---- organisations ------------------------------------------------------ */

int assoc_org_new(assoc_org **out)
{
	assoc_org *org;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_org_new: out is NULL");
	*out = NULL;
	if (!(org = assoc__malloc(sizeof *org)))
		return assoc__error_oom();
	assoc__init(org, &assoc__schema_org);
	*out = org;
	return 0;
}

void assoc__org_clear_warnings(assoc_org *org)
{
	size_t i;
	for (i = 0; i < org->warnings.n; i++) {
		assoc__warning *w = ASSOC__AT(org->warnings, assoc__warning, i);
		assoc__free(w->message);
		assoc__free(w->path);
	}
	assoc__vec_free(&org->warnings);
}

void assoc_org_free(assoc_org *org)
{
	if (!org)
		return;
	assoc__dispose(org, &assoc__schema_org);
	assoc__free(org->name_key);
	assoc__org_clear_warnings(org);
	assoc__free(org);
}

static int copy_warnings(assoc_org *dst, const assoc_org *src)
{
	size_t i;
	for (i = 0; i < src->warnings.n; i++) {
		const assoc__warning *w = ASSOC__AT(src->warnings, assoc__warning, i);
		if (assoc__org_warn(dst, w->path, "%s", w->message) < 0)
			return ASSOC_ENOMEM;
	}
	return 0;
}

int assoc_org_clone(assoc_org **out, const assoc_org *org)
{
	assoc_org *copy;
	int rc;
	if (!out || !org)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_org_clone: NULL argument");
	*out = NULL;
	if (!(copy = assoc__malloc(sizeof *copy)))
		return assoc__error_oom();
	rc = assoc__copy(copy, org, &assoc__schema_org);
	if (rc == 0 && org->name_key && !(copy->name_key = assoc__strdup(org->name_key)))
		rc = assoc__error_oom();
	if (rc == 0)
		rc = copy_warnings(copy, org);
	if (rc < 0) {
		assoc_org_free(copy);
		return rc;
	}
	*out = copy;
	return 0;
}

int assoc__org_refresh_name_key(assoc_org *org)
{
	char *key = NULL;
	int rc;
	assoc__free(org->name_key);
	org->name_key = NULL;
	if (!org->name)
		return 0;
	if ((rc = assoc_text_match_key(&key, org->name)) < 0)
		return rc;
	org->name_key = key;
	return 0;
}

const char *assoc_org_name_key(const assoc_org *org)
{
	return org ? org->name_key : NULL;
}

int assoc__org_warn(assoc_org *org, const char *path, const char *fmt, ...)
{
	assoc__buf msg = ASSOC__BUF_INIT;
	assoc__warning *w;
	char *text = NULL, *p;
	va_list ap;
	va_start(ap, fmt);
	assoc__buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	if (assoc__buf_detach(&text, &msg) < 0) /* releases the buffer on failure */
		return assoc__error_oom();
	p = assoc__strdup(path ? path : "");
	if (!p || assoc__vec_push(&org->warnings, sizeof *w, (void **)&w) < 0) {
		assoc__free(p);
		assoc__free(text);
		return assoc__error_oom();
	}
	w->message = text;
	w->path = p;
	return 0;
}

size_t assoc_org_warning_count(const assoc_org *org)
{
	return org ? org->warnings.n : 0;
}

int assoc_org_warning(const char **message, const char **path, const assoc_org *org, size_t i)
{
	const assoc__warning *w;
	if (!org || i >= org->warnings.n)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "no warning %zu (the organisation has %zu)", i,
					org ? org->warnings.n : 0);
	w = ASSOC__AT(org->warnings, assoc__warning, i);
	if (message)
		*message = w->message;
	if (path)
		*path = w->path;
	return 0;
}

/* ---- collections -------------------------------------------------------- */

int assoc_collection_new(assoc_collection **out)
{
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_collection_new: out is NULL");
	if (!(*out = assoc__calloc(1, sizeof **out)))
		return assoc__error_oom();
	return 0;
}

void assoc_collection_free(assoc_collection *coll)
{
	size_t i;
	if (!coll)
		return;
	for (i = 0; i < coll->orgs.n; i++)
		assoc_org_free(*ASSOC__AT(coll->orgs, assoc_org *, i));
	assoc__vec_free(&coll->orgs);
	assoc__free(coll);
}

size_t assoc_collection_count(const assoc_collection *coll)
{
	return coll ? coll->orgs.n : 0;
}

assoc_org *assoc_collection_get(const assoc_collection *coll, size_t i)
{
	return coll && i < coll->orgs.n ? *ASSOC__AT(coll->orgs, assoc_org *, i) : NULL;
}

static int same_id(const assoc_org *a, const assoc_org *b)
{
	return a->id.value && b->id.value && a->id.scheme == b->id.scheme && strcmp(a->id.value, b->id.value) == 0;
}

int assoc_collection_add(assoc_collection *coll, assoc_org *org)
{
	assoc_org **slot;
	size_t i;
	if (!coll || !org)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_collection_add: NULL argument");
	for (i = 0; i < coll->orgs.n; i++) {
		const assoc_org *other = *ASSOC__AT(coll->orgs, assoc_org *, i);
		if (other == org)
			return assoc__error_set(ASSOC_EINVAL, NULL, "the organisation is already in the collection");
		if (same_id(other, org))
			return assoc__error_set(ASSOC_EDUPLICATE, "/id",
						"organisation identifier %s \"%s\" is already used by organisation %zu",
						assoc_vocab_id(ASSOC_VOCAB_ID_SCHEME, org->id.scheme)
							? assoc_vocab_id(ASSOC_VOCAB_ID_SCHEME, org->id.scheme)
							: "(no scheme)",
						org->id.value, i);
	}
	if (assoc__vec_push(&coll->orgs, sizeof *slot, (void **)&slot) < 0)
		return assoc__error_oom();
	*slot = org;
	return 0;
}
