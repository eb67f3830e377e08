/*
 * Reading "libassoc/1" documents: checks in a fixed order, then one
 * schema-driven walk of the cJSON tree.
 * SPDX-License-Identifier: MIT
 *
 * Order of checks (the first failure is reported):
 *   1. document size (before anything is parsed)          ASSOC_ELIMIT
 *   2. UTF-8 validity of the whole input                   ASSOC_EUTF8 + line/column
 *   3. JSON syntax (cJSON_ParseWithLengthOpts); raw control characters in
 *      strings and trailing content are syntax errors too  ASSOC_EPARSE + line/column
 *      ("\u0000" would silently cut a C string short)      ASSOC_EVALUE + line/column
 *   4. nesting depth                                       ASSOC_ELIMIT + line/column
 *   5. the wrapper {"format": "libassoc/1", "organisation(s)": ...}, or a
 *      bare organisation object                            ASSOC_EVERSION, ASSOC_EMISSING...
 *   6. the schema walk: ETYPE, EUNKNOWNKEY (a warning when lenient),
 *      ELABEL, EMISSING, EVALUE, EDATE, ECURRENCY, ELIMIT, EDUPLICATE (a key
 *      twice in one object: cJSON keeps both, the walk refuses the second)
 *   7. assoc_org_validate(): the cross-field rules.
 *
 * Where errors point: the path of a value is a JSON Pointer from the
 * ORGANISATION object, whether the document is wrapped or bare, so that
 * "/years/2/revenue/4/amount" means the same thing in a file, in a JSON
 * Lines record and through the path API (assoc_org_get_number). In a
 * collection document the organisation's position is prefixed:
 * "/organisations/3/years/0/year". Errors of the wrapper itself use
 * "/format", "/organisation" or "/organisations". Syntax-level errors
 * (steps 2-4) carry a 1-based line and byte column instead of a path.
 * Warnings recorded on an organisation always use paths relative to it.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <cjson/cJSON.h>
#include "error.h"
#include "fields.h"
#include "json_internal.h"
#include "schema.h"
#include "text.h"
#include "util.h"

int assoc_load_options_init(assoc_load_options *opts, unsigned int version)
{
	if (!opts)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_load_options_init: opts is NULL");
	if (version != ASSOC_LOAD_OPTIONS_VERSION)
		return assoc__error_set(ASSOC_EVERSION, NULL, "load options version %u is not supported (this library has %d)",
					version, ASSOC_LOAD_OPTIONS_VERSION);
	memset(opts, 0, sizeof *opts);
	opts->version = version;
	return 0;
}

/* ---- steps 1-4: bytes, syntax, depth ------------------------------------ */

static void line_col(const char *s, size_t off, const assoc__limits *lim, int *line, int *col)
{
	size_t i, start = 0;
	int l = 1 + lim->line_base;
	for (i = 0; i < off; i++)
		if (s[i] == '\n') {
			l++;
			start = i + 1;
		}
	*line = l;
	*col = (int)(off - start) + 1;
}

/* The first problem that cJSON does not see, found by one pass over the
 * bytes that tracks strings: depth, raw control characters, "\u0000". */
typedef struct scan_hit {
	int code;  /* 0: nothing found */
	size_t off;
	unsigned char byte;
} scan_hit;

static void scan(scan_hit *hit, const char *s, size_t n, unsigned int max_depth)
{
	size_t i;
	unsigned int depth = 0;
	int in_str = 0;
	hit->code = 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int code = 0;
		if (in_str) {
			/* Most bytes of a string are plain: skip them in a tight loop. */
			while (c != '\\' && c != '"' && c >= 0x20 && i + 1 < n)
				c = (unsigned char)s[++i];
			if (c == '\\') {
				if (i + 5 < n && s[i + 1] == 'u' && memcmp(s + i + 2, "0000", 4) == 0)
					code = ASSOC_EVALUE;
				i++;
			} else if (c == '"') {
				in_str = 0;
			} else if (c < 0x20) {
				code = ASSOC_EPARSE;
			}
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > max_depth)
				code = ASSOC_ELIMIT;
		} else if ((c == '}' || c == ']') && depth > 0) {
			depth--;
		}
		if (code) {
			hit->code = code;
			hit->off = i;
			hit->byte = c;
			return;
		}
	}
}

static int report_hit(const scan_hit *hit, const char *s, const assoc__limits *lim)
{
	int line, col;
	line_col(s, hit->off, lim, &line, &col);
	switch (hit->code) {
	case ASSOC_ELIMIT:
		return assoc__error_set_pos(ASSOC_ELIMIT, line, col,
					    "JSON nesting deeper than the limit of %u levels at line %d, column %d",
					    lim->max_depth, line, col);
	case ASSOC_EVALUE:
		return assoc__error_set_pos(ASSOC_EVALUE, line, col,
					    "a string contains \\u0000 (NUL) at line %d, column %d", line, col);
	default:
		return assoc__error_set_pos(ASSOC_EPARSE, line, col,
					    "malformed JSON at line %d, column %d: control character 0x%02X inside a string must be escaped",
					    line, col, hit->byte);
	}
}

static int is_blank(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		/* Trailing NULs: callers passing strlen() + 1 are not wrong enough to refuse. */
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '\0')
			return 0;
	return 1;
}

static int parse_error(const char *s, size_t len, size_t off, const assoc__limits *lim)
{
	char near[24];
	size_t i, k = 0;
	int line, col;
	line_col(s, off, lim, &line, &col);
	if (len == 0 || is_blank(s, len))
		return assoc__error_set_pos(ASSOC_EPARSE, line, 1, "malformed JSON: the document is empty");
	if (off + 1 >= len || is_blank(s + off, len - off))
		return assoc__error_set_pos(ASSOC_EPARSE, line, col,
					    "malformed JSON at line %d, column %d: unexpected end of the document (truncated?)",
					    line, col);
	/* Quote a few bytes, stopping before a line end or a partial UTF-8 sequence. */
	for (i = off; i < len && k < 16 && s[i] != '\n' && s[i] != '\r'; i++)
		near[k++] = s[i];
	while (k > 0 && ((unsigned char)near[k - 1] & 0x80))
		k--;
	near[k] = '\0';
	return assoc__error_set_pos(ASSOC_EPARSE, line, col, "malformed JSON at line %d, column %d, near \"%s\"", line,
				    col, near);
}

static int parse_document(cJSON **out, const char *json, size_t len, const assoc__limits *lim)
{
	const char *end = NULL;
	size_t bad, eoff;
	scan_hit hit;
	cJSON *root;
	int line, col;
	*out = NULL;
	if (!json && len > 0)
		return assoc__error_set(ASSOC_EINVAL, NULL, "the JSON text is NULL");
	if (len > lim->max_document_bytes)
		return assoc__error_set(ASSOC_ELIMIT, NULL, "document of %zu bytes exceeds the limit of %zu bytes", len,
					lim->max_document_bytes);
	if (len > 0 && assoc__utf8_find_invalid(json, len, &bad) < 0) {
		line_col(json, bad, lim, &line, &col);
		return assoc__error_set_pos(ASSOC_EUTF8, line, col,
					    "invalid UTF-8 at line %d, column %d (byte 0x%02X)", line, col,
					    (unsigned char)json[bad]);
	}
	if (len == 0)
		return parse_error("", 0, 0, lim);
	scan(&hit, json, len, lim->max_depth);
	root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
	eoff = end ? (size_t)(end - json) : 0;
	if (hit.code && hit.off < eoff) {
		/* The scan's finding comes first in the text (cJSON also fails on
		 * nesting beyond its own limit of 1000: report ours). */
		cJSON_Delete(root);
		return report_hit(&hit, json, lim);
	}
	if (!root)
		return parse_error(json, len, eoff, lim);
	if (!is_blank(json + eoff, len - eoff)) {
		cJSON_Delete(root);
		while (is_blank(json + eoff, 1))
			eoff++; /* point at the stray content itself */
		line_col(json, eoff, lim, &line, &col);
		return assoc__error_set_pos(ASSOC_EPARSE, line, col,
					    "malformed JSON at line %d, column %d: content after the end of the document",
					    line, col);
	}
	*out = root;
	return 0;
}

/* ---- step 6: the schema walk -------------------------------------------- */

typedef struct load_ctx {
	const assoc__limits *lim;
	assoc_org *org;   /* receives the warnings */
	assoc__path path; /* of the value being read */
	size_t base;      /* length of the prefix locating the organisation ("/organisations/3") */
} load_ctx;

static const char *json_kind(const cJSON *item)
{
	if (cJSON_IsObject(item))
		return "an object";
	if (cJSON_IsArray(item))
		return "an array";
	if (cJSON_IsString(item))
		return "a string";
	if (cJSON_IsNumber(item))
		return "a number";
	if (cJSON_IsBool(item))
		return "a boolean";
	if (cJSON_IsNull(item))
		return "null";
	return "an unknown value";
}

static int type_error(load_ctx *c, const char *what, const char *expected, const cJSON *item)
{
	return assoc__error_set(ASSOC_ETYPE, c->path.buf, "%s must be %s, got %s", what, expected, json_kind(item));
}

/* The same for field f ("\"name\" must be ..."): formatted only on error,
 * since load_field runs for every field of every record. */
static int field_type_error(load_ctx *c, const assoc__field *f, const char *expected, const cJSON *item)
{
	return assoc__error_set(ASSOC_ETYPE, c->path.buf, "\"%s\" must be %s, got %s", f->name, expected,
				json_kind(item));
}

static int load_object(load_ctx *c, void *obj, const assoc__schema *s, const cJSON *json);

static int load_flag(load_ctx *c, void *obj, const assoc__field *f, const cJSON *item)
{
	if (cJSON_IsBool(item))
		return assoc__field_set_bool(obj, f, cJSON_IsTrue(item) ? 1 : 0, c->path.buf);
	if (cJSON_IsString(item)) {
		/* Practices are observed or not: "unknown" says it was asked and
		 * nobody knows, which is the same as absent. */
		if (strcasecmp(item->valuestring, "unknown") == 0) {
			assoc__field_unset(obj, f);
			return 0;
		}
		return assoc__error_set(ASSOC_EVALUE, c->path.buf,
					"\"%s\" must be true, false, null or \"unknown\", got \"%.64s\"", f->name,
					item->valuestring);
	}
	return field_type_error(c, f, "true, false, null or \"unknown\"", item);
}

static int load_array(load_ctx *c, void *obj, const assoc__field *f, const cJSON *item)
{
	assoc__vec *vec = ASSOC__FIELD_PTR(obj, f, assoc__vec);
	size_t limit = f->sub == &assoc__schema_year ? c->lim->max_years : c->lim->max_items;
	size_t n = 0, mark;
	const cJSON *el;
	char what[80];
	void *slot;
	int rc;
	if (!cJSON_IsArray(item))
		return field_type_error(c, f, "an array", item);
	for (el = item->child; el; el = el->next)
		n++;
	if (n > limit)
		return assoc__error_set(ASSOC_ELIMIT, c->path.buf, "\"%s\" has %zu elements, more than the limit of %zu",
					f->name, n, limit);
	if (assoc__vec_reserve(vec, f->sub->size, n) < 0)
		return assoc__error_oom();
	for (el = item->child; el; el = el->next) {
		mark = assoc__path_index(&c->path, vec->n);
		if (!cJSON_IsObject(el)) {
			snprintf(what, sizeof what, "each element of \"%s\" (a %s)", f->name, f->sub->name);
			return type_error(c, what, "an object", el);
		}
		if (assoc__vec_push(vec, f->sub->size, &slot) < 0)
			return assoc__error_oom();
		assoc__init(slot, f->sub);
		if ((rc = load_object(c, slot, f->sub, el)) < 0)
			return rc;
		assoc__path_pop(&c->path, mark);
	}
	return 0;
}

static int load_field(load_ctx *c, void *obj, const assoc__field *f, const cJSON *item)
{
	if (cJSON_IsNull(item)) {
		/* null is how JSON says absent; a required field cannot be absent. */
		if (f->flags & ASSOC__REQUIRED)
			return assoc__error_set(ASSOC_EMISSING, c->path.buf, "required \"%s\" is null", f->name);
		return 0;
	}
	switch (f->type) {
	case ASSOC__F_NUMBER:
	case ASSOC__F_INTEGER:
		if (!cJSON_IsNumber(item))
			return field_type_error(c, f, "a number", item);
		return assoc__field_set_number(obj, f, item->valuedouble, c->path.buf);
	case ASSOC__F_STRING:
	case ASSOC__F_NAME:
	case ASSOC__F_DATE:
	case ASSOC__F_CURRENCY:
	case ASSOC__F_ENUM:
		if (!cJSON_IsString(item))
			return field_type_error(c, f, f->type == ASSOC__F_ENUM ? "a string (a label)" : "a string", item);
		return assoc__field_set_string(obj, f, item->valuestring, c->lim->max_string_bytes, c->path.buf);
	case ASSOC__F_BOOL:
		return load_flag(c, obj, f, item);
	case ASSOC__F_OBJECT:
		if (!cJSON_IsObject(item))
			return field_type_error(c, f, "an object", item);
		return load_object(c, ASSOC__FIELD_PTR(obj, f, char), f->sub, item);
	case ASSOC__F_ARRAY:
		return load_array(c, obj, f, item);
	}
	return 0;
}

static void key_list(char *out, size_t cap, const assoc__schema *s)
{
	size_t i, len = 0;
	out[0] = '\0';
	for (i = 0; i < s->nfields && len < cap; i++) {
		int n = snprintf(out + len, cap - len, "%s%s", i ? ", " : "", s->fields[i].name);
		if (n < 0)
			break;
		len += (size_t)n;
	}
}

static int unknown_key(load_ctx *c, const assoc__schema *s, const char *key)
{
	char keys[400];
	key_list(keys, sizeof keys, s);
	if (!c->lim->lenient)
		return assoc__error_set(ASSOC_EUNKNOWNKEY, c->path.buf, "unknown key \"%.80s\" in %s (expected: %s)", key,
					s->name, keys);
	return assoc__org_warn(c->org, c->path.buf + c->base, "unknown key \"%.80s\" in %s ignored (expected: %s)",
			       key, s->name, keys);
}

/* The field of key `key`, trying first the one after the previous key's:
 * documents usually list keys in schema order (the writer does), so most
 * lookups take one comparison. Field names are unique, so the answer is
 * assoc__schema_field's. */
static const assoc__field *next_field(const assoc__schema *s, const char *key, size_t *hint)
{
	const assoc__field *f;
	if (*hint < s->nfields && strcmp(s->fields[*hint].name, key) == 0)
		f = &s->fields[*hint];
	else
		f = assoc__schema_field(s, key);
	if (f)
		*hint = (size_t)(f - s->fields) + 1;
	return f;
}

static int load_object(load_ctx *c, void *obj, const assoc__schema *s, const cJSON *json)
{
	uint64_t seen = 0;
	const cJSON *item;
	size_t mark, hint = 0;
	int rc;
	for (item = json->child; item; item = item->next) {
		const assoc__field *f = next_field(s, item->string, &hint);
		uint64_t bit = f ? (uint64_t)1 << (f - s->fields) : 0;
		mark = assoc__path_key(&c->path, item->string);
		if (!f)
			rc = unknown_key(c, s, item->string);
		else if (seen & bit)
			rc = assoc__error_set(ASSOC_EDUPLICATE, c->path.buf, "key \"%s\" appears twice in one %s",
					      f->name, s->name);
		else {
			seen |= bit;
			rc = load_field(c, obj, f, item);
		}
		if (rc < 0)
			return rc;
		assoc__path_pop(&c->path, mark);
	}
	return assoc__check_required(obj, s, &c->path, 0);
}

/* Load the organisation object `json` into a new org; `index` >= 0 locates
 * it in a collection document for error paths ("/organisations/3"). */
static int load_org(assoc_org **out, const cJSON *json, long index, const assoc__limits *lim)
{
	load_ctx c;
	int rc;
	*out = NULL;
	c.lim = lim;
	assoc__path_init(&c.path);
	if (index >= 0) {
		assoc__path_key(&c.path, "organisations");
		assoc__path_index(&c.path, (size_t)index);
	}
	c.base = c.path.len;
	if (!cJSON_IsObject(json))
		return type_error(&c, "an organisation", "a JSON object", json);
	if ((rc = assoc_org_new(&c.org)) < 0)
		return rc;
	rc = load_object(&c, c.org, &assoc__schema_org, json);
	if (rc == 0)
		rc = assoc__org_refresh_name_key(c.org);
	if (rc < 0) {
		assoc_org_free(c.org);
		return rc;
	}
	*out = c.org;
	return 0;
}

/* ---- step 5: the wrapper ------------------------------------------------ */

typedef struct doc {
	const cJSON *org;     /* a single organisation (wrapped or bare) */
	const cJSON *orgs;    /* or the "organisations" array */
	const cJSON *unknown; /* first unknown wrapper key (warned about when lenient) */
	size_t n_unknown;
} doc;

static int unwrap(doc *d, const cJSON *root, const assoc__limits *lim)
{
	const cJSON *item, *format = NULL;
	memset(d, 0, sizeof *d);
	if (!cJSON_IsObject(root))
		return assoc__error_set(ASSOC_ETYPE, "", "a libassoc document must be a JSON object, got %s",
					json_kind(root));
	format = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!format) {
		if (cJSON_GetObjectItemCaseSensitive(root, "organisation") ||
		    cJSON_GetObjectItemCaseSensitive(root, "organisations"))
			return assoc__error_set(ASSOC_EMISSING, "/format",
						"the document wraps organisations but has no \"format\" (expected \"%s\")",
						ASSOC_FORMAT_ID);
		d->org = root; /* a bare organisation object */
		return 0;
	}
	for (item = root->child; item; item = item->next) {
		const cJSON **slot = strcmp(item->string, "organisation") == 0    ? &d->org
				     : strcmp(item->string, "organisations") == 0 ? &d->orgs
										  : NULL;
		assoc__path path;
		assoc__path_init(&path);
		assoc__path_key(&path, item->string);
		if (strcmp(item->string, "format") == 0) {
			if (item != format) /* cJSON found the first one */
				return assoc__error_set(ASSOC_EDUPLICATE, path.buf,
							"key \"format\" appears twice in the document wrapper");
		} else if (slot && *slot) {
			return assoc__error_set(ASSOC_EDUPLICATE, path.buf, "key \"%s\" appears twice in the document wrapper",
						item->string);
		} else if (slot) {
			*slot = item;
		} else if (!lim->lenient) {
			return assoc__error_set(ASSOC_EUNKNOWNKEY, path.buf,
						"unknown key \"%.80s\" in the document wrapper (expected: format, organisation or organisations)",
						item->string);
		} else if (!d->n_unknown++) {
			d->unknown = item;
		}
	}
	if (!cJSON_IsString(format))
		return assoc__error_set(ASSOC_ETYPE, "/format", "\"format\" must be a string such as \"%s\", got %s",
					ASSOC_FORMAT_ID, json_kind(format));
	if (strcmp(format->valuestring, ASSOC_FORMAT_ID) != 0)
		return assoc__error_set(ASSOC_EVERSION, "/format",
					"unsupported format \"%.64s\": this library reads \"%s\"", format->valuestring,
					ASSOC_FORMAT_ID);
	if (d->org && d->orgs)
		return assoc__error_set(ASSOC_EINVAL, "",
					"a document holds either \"organisation\" or \"organisations\", not both");
	if (!d->org && !d->orgs)
		return assoc__error_set(ASSOC_EMISSING, "/organisation",
					"the document has neither \"organisation\" nor \"organisations\"");
	return 0;
}

static int warn_wrapper(assoc_org *org, const doc *d)
{
	if (!d->n_unknown)
		return 0;
	return assoc__org_warn(org, "", "%zu unknown key(s) in the document wrapper ignored, the first being \"%.80s\"",
			       d->n_unknown, d->unknown->string);
}

/* Load + validate one organisation; `index` >= 0 inside a collection. */
static int load_one(assoc_org **out, const cJSON *json, long index, const doc *d, const assoc__limits *lim)
{
	char prefix[48];
	assoc_org *org;
	int rc;
	*out = NULL;
	if ((rc = load_org(&org, json, index, lim)) < 0)
		return rc;
	rc = warn_wrapper(org, d);
	if (rc == 0 && (rc = assoc_org_validate(org)) < 0 && index >= 0) {
		snprintf(prefix, sizeof prefix, "/organisations/%ld", index);
		assoc__error_prefix_path(prefix);
	}
	if (rc < 0) {
		assoc_org_free(org);
		return rc;
	}
	*out = org;
	return 0;
}

int assoc__org_from_json_limits(assoc_org **out, const char *json, size_t len, const assoc__limits *lim)
{
	cJSON *root;
	doc d;
	int rc;
	*out = NULL;
	if ((rc = parse_document(&root, json, len, lim)) < 0)
		return rc;
	rc = unwrap(&d, root, lim);
	if (rc == 0 && d.orgs)
		rc = assoc__error_set(ASSOC_EINVAL, "/organisations",
				      "the document is a collection (\"organisations\"): load it with assoc_collection_from_json()");
	if (rc == 0)
		rc = load_one(out, d.org, -1, &d, lim);
	cJSON_Delete(root);
	return rc;
}

int assoc_org_from_json(assoc_org **out, const char *json, size_t len, const assoc_load_options *opts)
{
	assoc__limits lim;
	int rc;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_org_from_json: out is NULL");
	*out = NULL;
	if ((rc = assoc__limits_resolve(&lim, opts)) < 0)
		return rc;
	return assoc__org_from_json_limits(out, json, len, &lim);
}

/* ---- collections -------------------------------------------------------- */

static int load_collection(assoc_collection *coll, const doc *d, const assoc__limits *lim)
{
	const cJSON *el;
	assoc_org *org;
	long i = 0;
	size_t n = 0;
	char prefix[48];
	int rc;
	if (d->org) {
		if ((rc = load_one(&org, d->org, -1, d, lim)) < 0)
			return rc;
		if ((rc = assoc_collection_add(coll, org)) < 0)
			assoc_org_free(org);
		return rc;
	}
	if (!cJSON_IsArray(d->orgs))
		return assoc__error_set(ASSOC_ETYPE, "/organisations", "\"organisations\" must be an array, got %s",
					json_kind(d->orgs));
	for (el = d->orgs->child; el; el = el->next)
		n++;
	if (n > lim->max_items)
		return assoc__error_set(ASSOC_ELIMIT, "/organisations",
					"\"organisations\" has %zu elements, more than the limit of %zu", n, lim->max_items);
	for (el = d->orgs->child; el; el = el->next, i++) {
		if ((rc = load_one(&org, el, i, d, lim)) < 0)
			return rc;
		if ((rc = assoc_collection_add(coll, org)) < 0) {
			assoc_org_free(org);
			snprintf(prefix, sizeof prefix, "/organisations/%ld", i);
			assoc__error_prefix_path(prefix);
			return rc;
		}
	}
	return 0;
}

static int collection_from_json(assoc_collection **out, const char *json, size_t len, const assoc__limits *lim)
{
	assoc_collection *coll;
	cJSON *root;
	doc d;
	int rc;
	if ((rc = parse_document(&root, json, len, lim)) < 0)
		return rc;
	rc = unwrap(&d, root, lim);
	if (rc == 0)
		rc = assoc_collection_new(&coll);
	if (rc == 0 && (rc = load_collection(coll, &d, lim)) < 0)
		assoc_collection_free(coll);
	cJSON_Delete(root);
	if (rc == 0)
		*out = coll;
	return rc;
}

int assoc_collection_from_json(assoc_collection **out, const char *json, size_t len, const assoc_load_options *opts)
{
	assoc__limits lim;
	int rc;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_collection_from_json: out is NULL");
	*out = NULL;
	if ((rc = assoc__limits_resolve(&lim, opts)) < 0)
		return rc;
	return collection_from_json(out, json, len, &lim);
}

/* ---- files -------------------------------------------------------------- */

static int io_error(const char *what, const char *path)
{
	char reason[128];
	if (strerror_r(errno, reason, sizeof reason) != 0)
		snprintf(reason, sizeof reason, "error %d", errno);
	return assoc__error_set(ASSOC_EIO, NULL, "cannot %s \"%s\": %s", what, path, reason);
}

int assoc__read_file(char **out, size_t *len, const char *path, size_t max_bytes)
{
	assoc__buf b = ASSOC__BUF_INIT;
	char chunk[65536];
	size_t n;
	FILE *fp;
	int rc = 0;
	*out = NULL;
	*len = 0;
	if (!path)
		return assoc__error_set(ASSOC_EINVAL, NULL, "the file path is NULL");
	if (!(fp = fopen(path, "rb")))
		return io_error("open", path);
	/* Read by chunks (pipes have no size) and stop as soon as the limit is passed. */
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (b.len + n > max_bytes) {
			rc = assoc__error_set(ASSOC_ELIMIT, NULL, "file \"%s\" exceeds the limit of %zu bytes", path,
					      max_bytes);
			break;
		}
		assoc__buf_put(&b, chunk, n);
	}
	if (rc == 0 && ferror(fp))
		rc = io_error("read", path);
	fclose(fp);
	if (rc == 0 && b.oom)
		rc = assoc__error_oom();
	if (rc == 0) {
		*len = b.len;
		if (assoc__buf_detach(out, &b) < 0)
			rc = assoc__error_oom();
	}
	assoc__buf_dispose(&b);
	return rc;
}

/* The limits of `opts`, and the file read within the document-size limit. */
static int read_input(char **data, size_t *len, assoc__limits *lim, const char *path, const assoc_load_options *opts)
{
	int rc = assoc__limits_resolve(lim, opts);
	return rc < 0 ? rc : assoc__read_file(data, len, path, lim->max_document_bytes);
}

int assoc_org_load_file(assoc_org **out, const char *path, const assoc_load_options *opts)
{
	assoc__limits lim;
	char *data;
	size_t len;
	int rc;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_org_load_file: out is NULL");
	*out = NULL;
	if ((rc = read_input(&data, &len, &lim, path, opts)) < 0)
		return rc;
	rc = assoc__org_from_json_limits(out, data, len, &lim);
	assoc__free(data);
	return rc;
}

int assoc_collection_load_file(assoc_collection **out, const char *path, const assoc_load_options *opts)
{
	assoc__limits lim;
	char *data;
	size_t len;
	int rc;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_collection_load_file: out is NULL");
	*out = NULL;
	if ((rc = read_input(&data, &len, &lim, path, opts)) < 0)
		return rc;
	rc = collection_from_json(out, data, len, &lim);
	assoc__free(data);
	return rc;
}
