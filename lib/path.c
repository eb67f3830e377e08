/*
 * The path API: read and edit the model by JSON Pointer
 * ("/years/0/balance/cash"), walking the same schema as the loader and
 * storing through the same checks (fields.c), so that nothing the loader
 * would refuse can enter through a setter.
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <string.h>
#include "error.h"
#include "fields.h"
#include "schema.h"
#include "util.h"

/* Where a path leads. */
typedef struct cursor {
	void *obj;                  /* the struct holding `field`, or the element itself */
	const assoc__schema *schema; /* schema of obj */
	const assoc__field *field;  /* the field named last; NULL for the root or an element */
	assoc__vec *vec;            /* for an element: its array */
	const assoc__schema *elem;  /* for an element: the element schema */
	size_t index;               /* for an element: its index */
} cursor;

/* Next reference token of `*p` (just after a '/') into tok, unescaping
 * "~1" -> "/" and "~0" -> "~". 0, or -1 if malformed or too long. */
static int next_token(const char **p, char *tok, size_t cap)
{
	const char *s = *p;
	size_t n = 0;
	for (; *s && *s != '/'; s++) {
		char c = *s;
		if (c == '~') {
			if (s[1] == '0')
				c = '~';
			else if (s[1] == '1')
				c = '/';
			else
				return -1;
			s++;
		}
		if (n + 1 >= cap)
			return -1;
		tok[n++] = c;
	}
	tok[n] = '\0';
	*p = s;
	return 0;
}

/* An array index: decimal digits, no leading zero (RFC 6901). */
static int parse_index(size_t *out, const char *tok)
{
	size_t v = 0;
	const char *s;
	if (!*tok || (tok[0] == '0' && tok[1]))
		return -1;
	for (s = tok; *s; s++) {
		if (*s < '0' || *s > '9' || v > (SIZE_MAX - 9) / 10)
			return -1;
		v = v * 10 + (size_t)(*s - '0');
	}
	*out = v;
	return 0;
}

static int resolve(cursor *c, const assoc_org *org, const char *path)
{
	char tok[256];
	const char *p = path;
	if (!org || !path)
		return assoc__error_set(ASSOC_EINVAL, path, "NULL organisation or path");
	memset(c, 0, sizeof *c);
	c->obj = (void *)(uintptr_t)org; /* the setters hold a non-const org */
	c->schema = &assoc__schema_org;
	if (*p && *p != '/')
		return assoc__error_set(ASSOC_EINVAL, path, "\"%s\" is not a JSON Pointer (it must start with '/')", path);
	while (*p) {
		const assoc__field *f = c->field;
		p++;
		if (next_token(&p, tok, sizeof tok) < 0)
			return assoc__error_set(ASSOC_ENOTFOUND, path, "malformed or overlong token in path \"%s\"", path);
		if (f && f->type == ASSOC__F_ARRAY) {
			assoc__vec *vec = ASSOC__FIELD_PTR(c->obj, f, assoc__vec);
			size_t i;
			if (parse_index(&i, tok) < 0)
				return assoc__error_set(ASSOC_ENOTFOUND, path, "\"%s\" is not an index into \"%s\"", tok,
							f->name);
			if (i >= vec->n)
				return assoc__error_set(ASSOC_ENOTFOUND, path, "no element %zu in \"%s\" (it has %zu)", i,
							f->name, vec->n);
			c->vec = vec;
			c->elem = f->sub;
			c->index = i;
			c->obj = (char *)vec->items + i * f->sub->size;
			c->schema = f->sub;
			c->field = NULL;
			continue;
		}
		if (f && f->type == ASSOC__F_OBJECT) {
			c->obj = ASSOC__FIELD_PTR(c->obj, f, char);
			c->schema = f->sub;
		} else if (f) {
			return assoc__error_set(ASSOC_ENOTFOUND, path, "\"%s\" is a %s: it has no \"%s\"", f->name,
						assoc__ftype_name(f->type), tok);
		}
		c->vec = NULL;
		if (!(c->field = assoc__schema_field(c->schema, tok)))
			return assoc__error_set(ASSOC_ENOTFOUND, path, "%s has no field \"%s\"", c->schema->name, tok);
	}
	return 0;
}

/* Resolve to a field (not the root, not an array element). */
static int resolve_field(cursor *c, const assoc_org *org, const char *path)
{
	int rc = resolve(c, org, path);
	if (rc == 0 && !c->field)
		return assoc__error_set(ASSOC_ETYPE, path, "\"%s\" names %s, not a field", path,
					c->vec ? "an array element" : "the organisation");
	return rc;
}

static int wrong_type(const cursor *c, const char *path, const char *wanted)
{
	return assoc__error_set(ASSOC_ETYPE, path, "\"%s\" is of type %s, not %s", c->field->name,
				assoc__ftype_name(c->field->type), wanted);
}

static int absent(const char *path)
{
	return assoc__error_set(ASSOC_EABSENT, path, "no value at \"%s\" (absent, which is not zero)", path);
}

static int is_text(const assoc__field *f)
{
	return f->type == ASSOC__F_STRING || f->type == ASSOC__F_NAME || f->type == ASSOC__F_DATE ||
	       f->type == ASSOC__F_CURRENCY;
}

/* ---- getters ------------------------------------------------------------ */

int assoc_org_get_number(double *out, const assoc_org *org, const char *path)
{
	cursor c;
	double x;
	int rc;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, path, "assoc_org_get_number: out is NULL");
	if ((rc = resolve_field(&c, org, path)) < 0)
		return rc;
	if (c.field->type != ASSOC__F_NUMBER && c.field->type != ASSOC__F_INTEGER)
		return wrong_type(&c, path, "a number");
	x = *ASSOC__FIELD_CPTR(c.obj, c.field, double);
	if (!assoc__has(x))
		return absent(path);
	*out = x;
	return 0;
}

int assoc_org_get_string(const char **out, const assoc_org *org, const char *path)
{
	cursor c;
	int rc;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, path, "assoc_org_get_string: out is NULL");
	if ((rc = resolve_field(&c, org, path)) < 0)
		return rc;
	if (c.field->type == ASSOC__F_ENUM) {
		int term = *ASSOC__FIELD_CPTR(c.obj, c.field, int);
		const char *id = term >= 0 ? assoc_vocab_id((assoc_vocab)c.field->vocab, term) : NULL;
		if (!id)
			return absent(path);
		*out = id;
		return 0;
	}
	if (!is_text(c.field))
		return wrong_type(&c, path, "a text");
	if (!*ASSOC__FIELD_CPTR(c.obj, c.field, char *))
		return absent(path);
	*out = *ASSOC__FIELD_CPTR(c.obj, c.field, char *);
	return 0;
}

int assoc_org_get_bool(int *out, const assoc_org *org, const char *path)
{
	cursor c;
	int rc, v;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, path, "assoc_org_get_bool: out is NULL");
	if ((rc = resolve_field(&c, org, path)) < 0)
		return rc;
	if (c.field->type != ASSOC__F_BOOL)
		return wrong_type(&c, path, "a flag");
	v = *ASSOC__FIELD_CPTR(c.obj, c.field, int);
	if (v < 0)
		return absent(path);
	*out = v;
	return 0;
}

int assoc_org_count(size_t *out, const assoc_org *org, const char *path)
{
	cursor c;
	int rc;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, path, "assoc_org_count: out is NULL");
	if ((rc = resolve_field(&c, org, path)) < 0)
		return rc;
	if (c.field->type != ASSOC__F_ARRAY)
		return wrong_type(&c, path, "an array");
	*out = ASSOC__FIELD_CPTR(c.obj, c.field, assoc__vec)->n;
	return 0;
}

/* ---- setters ------------------------------------------------------------ */

/* The organisation's name carries a derived match key. */
static int after_change(assoc_org *org, const cursor *c)
{
	if (c->obj == (void *)org && c->field && strcmp(c->field->name, "name") == 0)
		return assoc__org_refresh_name_key(org);
	return 0;
}

int assoc_org_set_number(assoc_org *org, const char *path, double value)
{
	cursor c;
	int rc;
	if ((rc = resolve_field(&c, org, path)) < 0)
		return rc;
	return assoc__field_set_number(c.obj, c.field, value, path);
}

int assoc_org_set_string(assoc_org *org, const char *path, const char *value)
{
	cursor c;
	int rc;
	if (!value)
		return assoc__error_set(ASSOC_EINVAL, path, "the value is NULL (use assoc_org_unset)");
	if ((rc = resolve_field(&c, org, path)) < 0)
		return rc;
	if (c.field->type != ASSOC__F_ENUM && !is_text(c.field))
		return wrong_type(&c, path, "a text");
	if ((rc = assoc__field_set_string(c.obj, c.field, value, ASSOC_DEFAULT_MAX_STRING_BYTES, path)) < 0)
		return rc;
	return after_change(org, &c);
}

int assoc_org_set_bool(assoc_org *org, const char *path, int value)
{
	cursor c;
	int rc;
	if ((rc = resolve_field(&c, org, path)) < 0)
		return rc;
	return assoc__field_set_bool(c.obj, c.field, value, path);
}

int assoc_org_unset(assoc_org *org, const char *path)
{
	cursor c;
	int rc;
	if ((rc = resolve(&c, org, path)) < 0)
		return rc;
	if (!c.field)
		return assoc__error_set(ASSOC_EINVAL, path, "\"%s\" names %s: use %s", path,
					c.vec ? "an array element" : "the organisation",
					c.vec ? "assoc_org_remove()" : "assoc_org_free()");
	assoc__field_unset(c.obj, c.field);
	return after_change(org, &c);
}

/* The array field at `array_path`: its cursor and its vector. */
static int resolve_array(cursor *c, assoc__vec **vec, assoc_org *org, const char *array_path)
{
	int rc = resolve_field(c, org, array_path);
	if (rc < 0)
		return rc;
	if (c->field->type != ASSOC__F_ARRAY)
		return wrong_type(c, array_path, "an array");
	*vec = ASSOC__FIELD_PTR(c->obj, c->field, assoc__vec);
	return 0;
}

int assoc_org_append(size_t *index_out, assoc_org *org, const char *array_path)
{
	assoc__vec *vec = NULL;
	size_t limit;
	void *slot;
	cursor c;
	int rc;
	if ((rc = resolve_array(&c, &vec, org, array_path)) < 0)
		return rc;
	/* The loader's default limits, so that what is built can be read back. */
	limit = c.field->sub == &assoc__schema_year ? ASSOC_DEFAULT_MAX_YEARS : ASSOC_DEFAULT_MAX_ITEMS;
	if (vec->n >= limit)
		return assoc__error_set(ASSOC_ELIMIT, array_path, "\"%s\" already has %zu elements, the limit",
					c.field->name, vec->n);
	if (assoc__vec_push(vec, c.field->sub->size, &slot) < 0)
		return assoc__error_oom();
	assoc__init(slot, c.field->sub);
	if (index_out)
		*index_out = vec->n - 1;
	return 0;
}

int assoc_org_remove(assoc_org *org, const char *array_path, size_t index)
{
	assoc__vec *vec = NULL;
	size_t size;
	char *items;
	cursor c;
	int rc;
	if ((rc = resolve_array(&c, &vec, org, array_path)) < 0)
		return rc;
	if (index >= vec->n)
		return assoc__error_set(ASSOC_ENOTFOUND, array_path, "no element %zu in \"%s\" (it has %zu)", index,
					c.field->name, vec->n);
	size = c.field->sub->size;
	items = vec->items;
	assoc__dispose(items + index * size, c.field->sub);
	memmove(items + index * size, items + (index + 1) * size, (vec->n - index - 1) * size);
	vec->n--;
	return 0;
}
