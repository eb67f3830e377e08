/*
 * libassoc - the one SWIG interface for every scripting language.
 * SPDX-License-Identifier: MIT
 *
 * Layout (libsolv's bindings/solv.i, libselinux's pattern):
 *   1. the scripting-side objects get their own names (Organisation, Report,
 *      Result, Profile, JsonlReader, Collection) over the opaque C types, so the
 *      helpers SWIG generates (Organisation_score...) never collide with the C
 *      API (assoc_org_*);
 *   2. every method reports failure through bind_check(), and ONE %exception
 *      turns a failure into the language's exception, carrying the message,
 *      JSON path, line, column and code name of assoc_error_last();
 *   3. per-language blocks (#ifdef SWIGPYTHON / SWIGLUA) only where the
 *      languages differ: how an exception is raised, how an absent value is
 *      returned (None / nil), how arrays come in.
 * The thin native layers on top (bindings/python/assoc/__init__.py and
 * bindings/lua/assoc.lua) give each language its idioms.
 */

#if defined(SWIGPYTHON)
%module(package="assoc", docstring="Low-level SWIG wrapper of libassoc; use the 'assoc' package instead.") core
#else
%module assoc
#endif

%feature("autodoc", "2");

%{
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "assoc.h"

/* The scripting-side names of the opaque types (see the header comment). */
typedef struct assoc_org Organisation;
typedef struct assoc_profile Profile;
typedef struct assoc_report Report;
typedef struct assoc_result Result;
typedef struct assoc_concentration Concentration;

/* A JSON Lines reader owns what it reads from (a FILE or a copy of a string),
 * which the C reader only borrows. */
typedef struct JsonlReader {
	assoc_jsonl_reader *reader;
	FILE *fp;
	char *data;
} JsonlReader;

/* A collection document, read in one go; organisations are handed out as
 * copies so that every scripting object owns its own memory. */
typedef struct assoc_collection Collection;

/* Values that may be absent: NaN / -1 inside, None / nil outside. */
typedef double bind_optnum;
typedef int bind_optbool;

/* ---- the one error path ---------------------------------------------------
 * bind_check() records a failure of a libassoc call (copying the thread-local
 * error at once: a later call, even a free, may reset it); bind_fail() records
 * a failure detected by the binding itself. The %exception below raises it. */
typedef struct bind_error {
	int code;
	char message[4096];
	char path[1024];
	int line;
	int column;
} bind_error;

static _Thread_local bind_error bind_err;
static _Thread_local int bind_failed;

static void bind_copy(char *dst, size_t cap, const char *src) {
	size_t n = src ? strlen(src) : 0;
	if (n >= cap)
		n = cap - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

static int bind_check(int rc) {
	const assoc_error *e;
	if (rc >= 0)
		return rc;
	e = assoc_error_last();
	bind_failed = 1;
	bind_err.code = rc;
	if (e->code == rc) {
		bind_copy(bind_err.message, sizeof bind_err.message, e->message);
		bind_copy(bind_err.path, sizeof bind_err.path, e->path);
		bind_err.line = e->line;
		bind_err.column = e->column;
	} else {
		/* The library returned a code without recording it: still say which. */
		snprintf(bind_err.message, sizeof bind_err.message, "libassoc failed with %s",
			 assoc_error_code_name(rc));
		bind_err.path[0] = '\0';
		bind_err.line = bind_err.column = 0;
	}
	return rc;
}

static int bind_fail(int code, const char *path, const char *message) {
	bind_failed = 1;
	bind_err.code = code;
	bind_copy(bind_err.message, sizeof bind_err.message, message);
	bind_copy(bind_err.path, sizeof bind_err.path, path);
	bind_err.line = bind_err.column = 0;
	return code;
}

static int bind_oom(void) {
	return bind_fail(ASSOC_ENOMEM, "", "out of memory");
}

/* A libassoc string to hand out, released with assoc_free() after the copy. */
typedef char bind_lib_string;

/* ---- what a path names ----------------------------------------------------
 * The public API addresses fields by JSON Pointer and answers ASSOC_ETYPE
 * when a getter does not match the field's type: probing the four getters
 * tells what a path names without duplicating the schema here. */
static const char *bind_kind(const assoc_org *org, const char *path) {
	double d;
	const char *s;
	int b;
	size_t n;
	int rc = assoc_org_get_number(&d, org, path);
	if (rc == 0 || rc == ASSOC_EABSENT)
		return "number";
	if (rc != ASSOC_ETYPE)
		return bind_check(rc), NULL;
	rc = assoc_org_get_string(&s, org, path);
	if (rc == 0 || rc == ASSOC_EABSENT)
		return "string";
	if (rc != ASSOC_ETYPE)
		return bind_check(rc), NULL;
	rc = assoc_org_get_bool(&b, org, path);
	if (rc == 0 || rc == ASSOC_EABSENT)
		return "bool";
	if (rc != ASSOC_ETYPE)
		return bind_check(rc), NULL;
	rc = assoc_org_count(&n, org, path);
	if (rc == 0)
		return "array";
	if (rc != ASSOC_ETYPE)
		return bind_check(rc), NULL;
	assoc_error_clear();
	return "object";
}

static int bind_term(int vocab, const char *label) {
	int term = -1;
	if (bind_check(assoc_vocab_match(&term, (assoc_vocab)vocab, label)) < 0)
		return -1;
	return term;
}
%}

/* ---- how a failure is raised: the only place ------------------------------ */

#if defined(SWIGPYTHON)
%{
/* The pure-Python layer registers a callable building the right subclass of
 * assoc.Error from (code, code_name, message, path, line, column). */
static PyObject *bind_error_factory = NULL;

static void bind_raise(void) {
	PyObject *msg, *path, *exc;
	if (bind_err.code == ASSOC_ENOMEM && !bind_error_factory) {
		PyErr_NoMemory();
		return;
	}
	msg = PyUnicode_DecodeUTF8(bind_err.message, (Py_ssize_t)strlen(bind_err.message), "replace");
	path = PyUnicode_DecodeUTF8(bind_err.path, (Py_ssize_t)strlen(bind_err.path), "replace");
	if (!msg || !path) {
		Py_XDECREF(msg);
		Py_XDECREF(path);
		return;
	}
	if (!bind_error_factory) {
		PyErr_Format(PyExc_RuntimeError, "%s: %U (at '%U')", assoc_error_code_name(bind_err.code), msg, path);
		Py_DECREF(msg);
		Py_DECREF(path);
		return;
	}
	exc = PyObject_CallFunction(bind_error_factory, "isOOii", bind_err.code,
				    assoc_error_code_name(bind_err.code), msg, path, bind_err.line,
				    bind_err.column);
	Py_DECREF(msg);
	Py_DECREF(path);
	if (!exc)
		return; /* the factory raised: keep its exception */
	if (PyExceptionInstance_Check(exc))
		PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
	else
		PyErr_SetString(PyExc_RuntimeError, bind_err.message);
	Py_DECREF(exc);
}
%}
%exception {
	bind_failed = 0;
	$action
	if (bind_failed) {
		bind_raise();
		SWIG_fail;
	}
}
#elif defined(SWIGLUA)
%{
#include "bind_lua.h"

/* Errors are raised as tables {code=, number=, message=, path=, line=, column=}
 * whose metatable (assoc.Error) gives a readable tostring(). */
static void bind_raise(lua_State *L) {
	bind_lua_push_error(L, bind_err.code, bind_err.message, bind_err.path, bind_err.line, bind_err.column);
}
%}
%exception {
	bind_failed = 0;
	$action
	if (bind_failed) {
		bind_raise(L);
		SWIG_fail;
	}
}
#endif

/* ---- per-language conversions -------------------------------------------- */

#if defined(SWIGPYTHON)
%typemap(out) bind_optnum {
	if (isnan($1)) {
		Py_INCREF(Py_None);
		$result = Py_None;
	} else {
		$result = PyFloat_FromDouble($1);
	}
}
%typemap(out) bind_optbool {
	if ($1 < 0) {
		Py_INCREF(Py_None);
		$result = Py_None;
	} else {
		$result = PyBool_FromLong($1);
	}
}
%typemap(out) bind_lib_string * {
	if ($1) {
		$result = PyUnicode_DecodeUTF8($1, (Py_ssize_t)strlen($1), "replace");
		assoc_free($1);
	} else {
		Py_INCREF(Py_None);
		$result = Py_None;
	}
}
/* JSON text: a str (encoded as UTF-8) or any bytes-like object. */
%typemap(in) (const char *json, size_t len) (Py_buffer view, int have_view = 0) {
	if (PyUnicode_Check($input)) {
		Py_ssize_t n_;
		$1 = (char *)PyUnicode_AsUTF8AndSize($input, &n_);
		if (!$1)
			SWIG_fail;
		$2 = (size_t)n_;
	} else if (PyObject_GetBuffer($input, &view, PyBUF_SIMPLE) == 0) {
		have_view = 1;
		$1 = (char *)view.buf;
		$2 = (size_t)view.len;
	} else {
		PyErr_Format(PyExc_TypeError, "JSON text must be str or bytes, not %.80s", Py_TYPE($input)->tp_name);
		SWIG_fail;
	}
}
%typemap(freearg) (const char *json, size_t len) {
	if (have_view$argnum)
		PyBuffer_Release(&view$argnum);
}
/* A sequence of numbers. */
%typemap(in) (const double *amounts, size_t n) {
	PyObject *seq = PySequence_Fast($input, "amounts must be a sequence of numbers");
	Py_ssize_t i, len;
	if (!seq)
		SWIG_fail;
	len = PySequence_Fast_GET_SIZE(seq);
	$1 = malloc(sizeof(double) * (size_t)(len ? len : 1));
	$2 = (size_t)len;
	if (!$1) {
		Py_DECREF(seq);
		PyErr_NoMemory();
		SWIG_fail;
	}
	for (i = 0; i < len; i++) {
		PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
		if (PyBool_Check(item) || !PyNumber_Check(item)) {
			PyErr_Format(PyExc_TypeError, "amounts[%zd] must be a number, not %.80s", i,
				     Py_TYPE(item)->tp_name);
			Py_DECREF(seq);
			SWIG_fail;
		}
		$1[i] = PyFloat_AsDouble(item);
		if (PyErr_Occurred()) {
			Py_DECREF(seq);
			SWIG_fail;
		}
	}
	Py_DECREF(seq);
}
%typemap(freearg) (const double *amounts, size_t n) {
	free((void *)$1);
}
/* Coefficients: a mapping name -> beta, or a sequence of (name, beta) pairs. */
%typemap(in) (const char *const *names, const double *betas, size_t n) {
	PyObject *items = PyDict_Check($input) ? PyDict_Items($input) : PySequence_List($input);
	Py_ssize_t i, len;
	if (!items)
		SWIG_fail;
	len = PyList_GET_SIZE(items);
	$2 = calloc((size_t)(len ? len : 1), sizeof(double));
	$1 = calloc((size_t)(len ? len : 1), sizeof(char *));
	$3 = (size_t)len;
	if (!$1 || !$2) {
		Py_DECREF(items);
		PyErr_NoMemory();
		SWIG_fail;
	}
	for (i = 0; i < len; i++) {
		PyObject *pair = PyList_GET_ITEM(items, i);
		PyObject *name, *beta;
		const char *s;
		if (!PyTuple_Check(pair) && !PyList_Check(pair)) {
			PyErr_SetString(PyExc_TypeError, "coefficients must be a dict or (name, beta) pairs");
			Py_DECREF(items);
			SWIG_fail;
		}
		if (PySequence_Size(pair) != 2) {
			PyErr_SetString(PyExc_TypeError, "each coefficient must be a (name, beta) pair");
			Py_DECREF(items);
			SWIG_fail;
		}
		name = PySequence_GetItem(pair, 0);
		beta = PySequence_GetItem(pair, 1);
		s = name && PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
		if (!s || !beta || PyBool_Check(beta) || !PyNumber_Check(beta)) {
			if (!PyErr_Occurred())
				PyErr_SetString(PyExc_TypeError, "a coefficient is a (str, number) pair");
			Py_XDECREF(name);
			Py_XDECREF(beta);
			Py_DECREF(items);
			SWIG_fail;
		}
		((char **)$1)[i] = strdup(s);
		((double *)$2)[i] = PyFloat_AsDouble(beta);
		Py_DECREF(name);
		Py_DECREF(beta);
		if (!$1[i]) {
			Py_DECREF(items);
			PyErr_NoMemory();
			SWIG_fail;
		}
	}
	Py_DECREF(items);
}
%typemap(freearg) (const char *const *names, const double *betas, size_t n) {
	if ($1) {
		size_t i_;
		for (i_ = 0; i_ < $3; i_++)
			free((void *)$1[i_]);
	}
	free((void *)$1);
	free((void *)$2);
}
%{
static int bind_set_error_factory(PyObject *factory) {
	Py_XINCREF(factory);
	Py_XDECREF(bind_error_factory);
	bind_error_factory = factory == Py_None ? NULL : factory;
	if (factory == Py_None)
		Py_DECREF(factory);
	return 0;
}
%}
%rename(_set_error_factory) bind_set_error_factory;
/** Register the callable that builds exceptions (used by the assoc package). */
int bind_set_error_factory(PyObject *factory);

#elif defined(SWIGLUA)
/* Counts, indices and years are Lua integers, not floats. */
%typemap(out) int, size_t {
	lua_pushinteger(L, (lua_Integer)$1);
	SWIG_arg++;
}
%typemap(out) bind_optnum {
	if (isnan($1))
		lua_pushnil(L);
	else
		lua_pushnumber(L, (lua_Number)$1);
	SWIG_arg++;
}
%typemap(out) bind_optbool {
	if ($1 < 0)
		lua_pushnil(L);
	else
		lua_pushboolean(L, $1);
	SWIG_arg++;
}
%typemap(out) bind_lib_string * {
	if ($1) {
		lua_pushstring(L, $1);
		assoc_free($1);
	} else {
		lua_pushnil(L);
	}
	SWIG_arg++;
}
/* JSON text: the Lua string and its length (it may hold any byte). */
%typemap(in, checkfn="lua_isstring") (const char *json, size_t len) {
	$1 = (char *)lua_tolstring(L, $input, &$2);
}
/* An array table of numbers. */
%typemap(in, checkfn="lua_istable") (const double *amounts, size_t n) {
	size_t i_;
	$2 = (size_t)lua_rawlen(L, $input);
	$1 = malloc(sizeof(double) * ($2 ? $2 : 1));
	if (!$1) {
		lua_pushstring(L, "out of memory");
		SWIG_fail;
	}
	for (i_ = 0; i_ < $2; i_++) {
		int isnum = 0;
		lua_rawgeti(L, $input, (lua_Integer)i_ + 1);
		((double *)$1)[i_] = (double)lua_tonumberx(L, -1, &isnum);
		lua_pop(L, 1);
		if (!isnum) {
			lua_pushfstring(L, "amounts[%d] must be a number", (int)i_ + 1);
			SWIG_fail;
		}
	}
}
%typemap(freearg) (const double *amounts, size_t n) {
	free((void *)$1);
}
/* Coefficients: an array of {name, beta} pairs (order kept). */
%typemap(in, checkfn="lua_istable") (const char *const *names, const double *betas, size_t n) {
	size_t i_;
	$3 = (size_t)lua_rawlen(L, $input);
	$1 = calloc($3 ? $3 : 1, sizeof(char *));
	$2 = calloc($3 ? $3 : 1, sizeof(double));
	if (!$1 || !$2) {
		lua_pushstring(L, "out of memory");
		SWIG_fail;
	}
	for (i_ = 0; i_ < $3; i_++) {
		int isnum = 0;
		const char *s;
		lua_rawgeti(L, $input, (lua_Integer)i_ + 1);
		if (!lua_istable(L, -1)) {
			lua_pop(L, 1);
			lua_pushfstring(L, "coefficient %d must be a {name, beta} pair", (int)i_ + 1);
			SWIG_fail;
		}
		lua_rawgeti(L, -1, 1);
		lua_rawgeti(L, -2, 2);
		s = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
		((double *)$2)[i_] = (double)lua_tonumberx(L, -1, &isnum);
		if (s)
			((char **)$1)[i_] = strdup(s);
		lua_pop(L, 3);
		if (!s || !isnum) {
			lua_pushfstring(L, "coefficient %d must be a {name, beta} pair", (int)i_ + 1);
			SWIG_fail;
		}
		if (!$1[i_]) {
			lua_pushstring(L, "out of memory");
			SWIG_fail;
		}
	}
}
%typemap(freearg) (const char *const *names, const double *betas, size_t n) {
	if ($1) {
		size_t i_;
		for (i_ = 0; i_ < $3; i_++)
			free((void *)$1[i_]);
	}
	free((void *)$1);
	free((void *)$2);
}
#endif

/* ---- constants (from the C headers) --------------------------------------- */

%constant const char *VERSION = ASSOC_VERSION_STRING;
%constant const char *FORMAT_ID = ASSOC_FORMAT_ID;
%constant const char *PROFILE_FORMAT_ID = ASSOC_PROFILE_FORMAT_ID;
%constant int WRITE_PRETTY = ASSOC_WRITE_PRETTY;
%constant int WRITE_BARE = ASSOC_WRITE_BARE;
%constant int SCORE_VALUES_ONLY = ASSOC_SCORE_VALUES_ONLY;

/* ---- module functions ------------------------------------------------------ */

%{
static int bind_version_number(void) { return assoc_version_number(); }
static const char *bind_version_string(void) { return assoc_version_string(); }
static const char *bind_error_code_name(int code) { return assoc_error_code_name(code); }

/* Index of a vocabulary from its name ("category", "family"...), or -1. */
static int bind_vocab_index(const char *name) {
	int v;
	for (v = 0; v < (int)ASSOC_VOCAB__COUNT; v++) {
		const char *n = assoc_vocab_name((assoc_vocab)v);
		if (n && name && strcmp(n, name) == 0)
			return v;
	}
	{
		char msg[512];
		size_t len = 0;
		len += (size_t)snprintf(msg, sizeof msg, "unknown vocabulary '%s'; valid: ", name ? name : "(null)");
		for (v = 0; v < (int)ASSOC_VOCAB__COUNT && len < sizeof msg; v++)
			len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%s", v ? ", " : "",
						assoc_vocab_name((assoc_vocab)v));
		bind_fail(ASSOC_ELABEL, "", msg);
	}
	return -1;
}

static int bind_vocab_size(const char *vocab) {
	int v = bind_vocab_index(vocab);
	return v < 0 ? 0 : assoc_vocab_size((assoc_vocab)v);
}

static const char *bind_vocab_term(const char *vocab, int term, int which) {
	int v = bind_vocab_index(vocab);
	const char *s;
	if (v < 0)
		return NULL;
	s = which == 0 ? assoc_vocab_id((assoc_vocab)v, term)
	    : which == 1 ? assoc_vocab_label_en((assoc_vocab)v, term)
			 : assoc_vocab_label_fr((assoc_vocab)v, term);
	if (!s) {
		char msg[128];
		snprintf(msg, sizeof msg, "term %d is out of range for vocabulary '%s'", term, vocab);
		bind_fail(ASSOC_ENOTFOUND, "", msg);
	}
	return s;
}
static const char *bind_vocab_id(const char *vocab, int term) { return bind_vocab_term(vocab, term, 0); }
static const char *bind_vocab_label_en(const char *vocab, int term) { return bind_vocab_term(vocab, term, 1); }
static const char *bind_vocab_label_fr(const char *vocab, int term) { return bind_vocab_term(vocab, term, 2); }

static const char *bind_vocab_name(int vocab) {
	const char *s = assoc_vocab_name((assoc_vocab)vocab);
	if (!s)
		bind_fail(ASSOC_ENOTFOUND, "", "no such vocabulary");
	return s;
}

/* The canonical identifier a label names. */
static const char *bind_vocab_match(const char *vocab, const char *label) {
	int v = bind_vocab_index(vocab), term;
	if (v < 0)
		return NULL;
	term = bind_term(v, label);
	return term < 0 ? NULL : assoc_vocab_id((assoc_vocab)v, term);
}

static const char *bind_category_stream(const char *category) {
	int c = bind_term(ASSOC_VOCAB_CATEGORY, category);
	return c < 0 ? NULL : assoc_vocab_id(ASSOC_VOCAB_STREAM, assoc_category_stream(c));
}

static bind_lib_string *bind_text_match_key(const char *text) {
	char *out = NULL;
	bind_check(assoc_text_match_key(&out, text));
	return out;
}

static size_t bind_measure_count(void) { return assoc_measure_count(); }

static const char *bind_measure_id(size_t i) {
	const char *s = assoc_measure_id(i);
	if (!s)
		bind_fail(ASSOC_ENOTFOUND, "", "measure index out of range");
	return s;
}

static const char *bind_measure_field(const char *measure, int which) {
	const char *f[4] = {NULL, NULL, NULL, NULL};
	if (bind_check(assoc_measure_info(&f[0], &f[1], &f[2], &f[3], measure)) < 0)
		return NULL;
	return f[which];
}
static const char *bind_measure_unit(const char *measure) { return bind_measure_field(measure, 0); }
static const char *bind_measure_formula(const char *measure) { return bind_measure_field(measure, 1); }
static const char *bind_measure_source_tag(const char *measure) { return bind_measure_field(measure, 2); }
static const char *bind_measure_source_ref(const char *measure) { return bind_measure_field(measure, 3); }

static Concentration *bind_concentration(const double *amounts, size_t n, size_t k) {
	Concentration *c = (Concentration *)calloc(1, sizeof *c);
	if (!c)
		return bind_oom(), NULL;
	if (bind_check(assoc_concentration_compute(c, amounts, n, k)) < 0) {
		free(c);
		return NULL;
	}
	return c;
}
%}

%rename(version_number) bind_version_number;
/** Version of the libassoc library loaded at run time, as MAJOR*10000 + MINOR*100 + PATCH. */
int bind_version_number(void);
%rename(version_string) bind_version_string;
/** Version string of the libassoc library loaded at run time, e.g. "0.1.0". */
const char *bind_version_string(void);
%rename(error_code_name) bind_error_code_name;
/** Stable identifier of an error code, e.g. "EPARSE" for -5. */
const char *bind_error_code_name(int code);

%rename(vocab_size) bind_vocab_size;
/** Number of terms in vocabulary `vocab` ("stream", "category", "family"...). */
int bind_vocab_size(const char *vocab);
%rename(vocab_id) bind_vocab_id;
/** Stable English identifier of term number `term` of a vocabulary (as written in JSON). */
const char *bind_vocab_id(const char *vocab, int term);
%rename(vocab_label_en) bind_vocab_label_en;
/** English label of a term. */
const char *bind_vocab_label_en(const char *vocab, int term);
%rename(vocab_label_fr) bind_vocab_label_fr;
/** French label of a term. */
const char *bind_vocab_label_fr(const char *vocab, int term);
%rename(vocab_name) bind_vocab_name;
/** Name of vocabulary number `vocab` (0 to the number of vocabularies - 1). */
const char *bind_vocab_name(int vocab);
%rename(vocab_match) bind_vocab_match;
/**
 * The canonical identifier that `label` names in a vocabulary, matched
 * caselessly and ignoring accents: vocab_match("family", "Mécénat") is "mecenat".
 * Raises LabelError (ELABEL, listing the valid identifiers) when unknown.
 */
const char *bind_vocab_match(const char *vocab, const char *label);
%rename(category_stream) bind_category_stream;
/** The stream ("dues", "gifts"...) a revenue category belongs to. */
const char *bind_category_stream(const char *category);
%rename(text_match_key) bind_text_match_key;
/** Caseless, accent-insensitive match key of a text: two names match when their keys are equal. */
bind_lib_string *bind_text_match_key(const char *text);

%rename(measure_count) bind_measure_count;
/** Number of measures the library computes. */
size_t bind_measure_count(void);
%rename(measure_id) bind_measure_id;
/** Identifier of measure number `i`, e.g. "revenue.streams.hhi". */
const char *bind_measure_id(size_t i);
%rename(measure_unit) bind_measure_unit;
/** Unit of a measure ("ratio", "share", "months", "points"...). */
const char *bind_measure_unit(const char *measure);
%rename(measure_formula) bind_measure_formula;
/** Formula of a measure, in words. */
const char *bind_measure_formula(const char *measure);
%rename(measure_source_tag) bind_measure_source_tag;
/** Source tag of a measure: "V" (verified), "S" (secondary) or "own". */
const char *bind_measure_source_tag(const char *measure);
%rename(measure_source_ref) bind_measure_source_ref;
/** Bibliographic reference of a measure. */
const char *bind_measure_source_ref(const char *measure);

/** Concentration indices of a list of amounts (formulas.md §1.2). */
typedef struct {
	double total;             /**< S = sum of max(a_i, 0) */
	double hhi;               /**< sum p_i^2 */
	double hhi_normalised;    /**< (H - 1/K) / (1 - 1/K); NaN if K < 2 */
	double equivalent_number; /**< 1 / H */
	double entropy;           /**< -sum p ln p (natural log) */
	double evenness;          /**< entropy / ln K; NaN if K < 2 */
	double max_share;         /**< dependence rate */
	size_t max_index;         /**< index of the largest share */
	size_t clamped;           /**< number of negative amounts clamped to 0 */
} Concentration;
%extend Concentration {
	~Concentration() { free($self); }
}
%newobject bind_concentration;
%rename(concentration) bind_concentration;
/**
 * Compute the concentration indices of `amounts` with `k` groups in the
 * classification (k >= len(amounts); zeros count). Raises EVALUE when the
 * positive total is 0 (not computable) or an amount is not finite.
 */
Concentration *bind_concentration(const double *amounts, size_t n, size_t k);

/* Objects come only from the constructors and factories below. */
%nodefaultctor Profile;
%nodefaultctor Result;
%nodefaultctor JsonlReader;
%nodefaultctor Concentration;

/* ---- Profile --------------------------------------------------------------- */

/** A scoring profile "libassoc-profile/1": constants, bands, weights, territory overrides. */
typedef struct {} Profile;
%newobject Profile::builtin;
%newobject Profile::from_json;
%newobject Profile::load;
%newobject Profile::to_json;
%extend Profile {
	/** The built-in default profile (identical to docs/profile-default.json). */
	static Profile *builtin(void) {
		const assoc_profile *p = assoc_profile_default();
		if (!p)
			bind_oom();
		/* Freeing the default profile is a no-op, so the object may own it. */
		return (Profile *)p;
	}
	/** Load a profile from JSON text; errors carry the JSON path. */
	static Profile *from_json(const char *json, size_t len) {
		assoc_profile *p = NULL;
		bind_check(assoc_profile_from_json(&p, json, len));
		return p;
	}
	/** Load a profile from a file. */
	static Profile *load(const char *path) {
		assoc_profile *p = NULL;
		bind_check(assoc_profile_load_file(&p, path));
		return p;
	}
	~Profile() { assoc_profile_free($self); }
	/** The profile's identifier, e.g. "libassoc-default". */
	const char *id() { return assoc_profile_id($self); }
	/** The profile's version, e.g. "2026.1". */
	const char *version() { return assoc_profile_version($self); }
	/** Serialise the profile (canonical form); flags: WRITE_PRETTY. */
	bind_lib_string *to_json(int flags = 0) {
		char *out = NULL;
		bind_check(assoc_profile_to_json(&out, $self, (unsigned)flags));
		return out;
	}
	/**
	 * Value of constant `key` (e.g. "fte_hours") as it applies to `org`'s
	 * territory (the most specific override wins), or the base value.
	 */
	double constant(const char *key, const Organisation *org = NULL) {
		double v = NAN;
		bind_check(assoc_profile_constant(&v, NULL, $self, key, org));
		return v;
	}
	/** "base" or the name of the territory override that sets constant `key` for `org`. */
	const char *constant_origin(const char *key, const Organisation *org = NULL) {
		double v = NAN;
		const char *origin = NULL;
		bind_check(assoc_profile_constant(&v, &origin, $self, key, org));
		return origin;
	}
}

/* ---- Result ---------------------------------------------------------------- */

%{
static const char *bind_status_name(assoc_status s) {
	switch (s) {
	case ASSOC_STATUS_OK:
		return "ok";
	case ASSOC_STATUS_NOT_COMPUTABLE:
		return "not_computable";
	case ASSOC_STATUS_PARTIAL:
		return "partial";
	}
	return "unknown";
}

static int bind_index(size_t i, size_t n, const char *what) {
	if (i < n)
		return 0;
	{
		char msg[128];
		snprintf(msg, sizeof msg, "%s index %zu is out of range (%zu)", what, i, n);
		return bind_fail(ASSOC_ENOTFOUND, "", msg);
	}
}
%}

/**
 * One computed measure with its explanation: status, value (absent when not
 * computable, never 0), unit, coverage, formula, inputs, contributions,
 * profile entries applied, a sentence and the source.
 */
typedef struct {} Result;
%newobject Result::to_json;
%extend Result {
	~Result() { assoc_result_free($self); }
	/** Measure identifier, e.g. "revenue.streams.hhi". */
	const char *measure() { return assoc_result_measure($self); }
	/** Fiscal year the result is about, or 0 for measures across years or per alliance. */
	int year() { return assoc_result_year($self); }
	/** What the result is about inside the year (an alliance id), or None. */
	const char *subject() { return assoc_result_subject($self); }
	/** "ok", "partial" or "not_computable". */
	const char *status() { return bind_status_name(assoc_result_status($self)); }
	/** The value, or None/nil when the measure is not computable (never 0). */
	bind_optnum value() {
		double v = NAN;
		int rc = assoc_result_value(&v, $self);
		if (rc == ASSOC_EABSENT)
			return NAN;
		bind_check(rc);
		return v;
	}
	/** A categorical outcome (the group that sets a dependence rate, an alliance's logic...), or None. */
	const char *label() { return assoc_result_label($self); }
	/** Unit: "ratio", "share", "months", "hours", "fte", "currency", "points", "level", "count"... */
	const char *unit() { return assoc_result_unit($self); }
	/** Share of the inputs actually known, in [0, 1]. */
	double coverage() { return assoc_result_coverage($self); }
	/** Formula identifier, e.g. "hhi". */
	const char *formula_id() { return assoc_result_formula_id($self); }
	/** The formula in words. */
	const char *formula() { return assoc_result_formula($self); }
	/** One sentence in plain English explaining the value (or why there is none). */
	const char *explanation() { return assoc_result_explanation($self); }
	/** Why the result is not computable or partial; None when ok. */
	const char *reason() { return assoc_result_reason($self); }
	/** Source tag: "V", "S" or "own". */
	const char *source_tag() { return assoc_result_source_tag($self); }
	/** The bibliographic reference of the formula. */
	const char *source_ref() { return assoc_result_source_ref($self); }
	/** Number of inputs used. */
	size_t input_count() { return assoc_result_input_count($self); }
	/** Name of input `i`. */
	const char *input_name(size_t i) {
		const char *name = NULL;
		double v;
		if (bind_index(i, assoc_result_input_count($self), "input") < 0)
			return NULL;
		bind_check(assoc_result_input(&name, &v, $self, i));
		return name;
	}
	/** Value of input `i`; None/nil for an input that was missing. */
	bind_optnum input_value(size_t i) {
		const char *name = NULL;
		double v = NAN;
		if (bind_index(i, assoc_result_input_count($self), "input") < 0)
			return NAN;
		bind_check(assoc_result_input(&name, &v, $self, i));
		return v;
	}
	/** Number of per-component contributions. */
	size_t contribution_count() { return assoc_result_contribution_count($self); }
	/** Name of contribution `i`. */
	const char *contribution_name(size_t i) {
		const char *name = NULL;
		double v;
		if (bind_index(i, assoc_result_contribution_count($self), "contribution") < 0)
			return NULL;
		bind_check(assoc_result_contribution(&name, &v, $self, i));
		return name;
	}
	/** Value of contribution `i`. */
	bind_optnum contribution_value(size_t i) {
		const char *name = NULL;
		double v = NAN;
		if (bind_index(i, assoc_result_contribution_count($self), "contribution") < 0)
			return NAN;
		bind_check(assoc_result_contribution(&name, &v, $self, i));
		return v;
	}
	/** Number of profile entries applied. */
	size_t profile_entry_count() { return assoc_result_profile_entry_count($self); }
	/** Key of profile entry `i`. */
	const char *profile_entry_key(size_t i) {
		const char *key = NULL, *origin = NULL;
		double v;
		if (bind_index(i, assoc_result_profile_entry_count($self), "profile entry") < 0)
			return NULL;
		bind_check(assoc_result_profile_entry(&key, &v, &origin, $self, i));
		return key;
	}
	/** Value of profile entry `i`. */
	bind_optnum profile_entry_value(size_t i) {
		const char *key = NULL, *origin = NULL;
		double v = NAN;
		if (bind_index(i, assoc_result_profile_entry_count($self), "profile entry") < 0)
			return NAN;
		bind_check(assoc_result_profile_entry(&key, &v, &origin, $self, i));
		return v;
	}
	/** Origin of profile entry `i`: "base" or the territory override's name. */
	const char *profile_entry_origin(size_t i) {
		const char *key = NULL, *origin = NULL;
		double v;
		if (bind_index(i, assoc_result_profile_entry_count($self), "profile entry") < 0)
			return NULL;
		bind_check(assoc_result_profile_entry(&key, &v, &origin, $self, i));
		return origin;
	}
	/** The result as a JSON object (the same keys as in a report). */
	bind_lib_string *to_json(int flags = 0) {
		char *out = NULL;
		bind_check(assoc_result_to_json(&out, $self, (unsigned)flags));
		return out;
	}
}

/* ---- Report ---------------------------------------------------------------- */

/**
 * A scoring report: every measure computed for one organisation (per year,
 * per alliance, across years, territory and composite scores).
 */
typedef struct {} Report;
%newobject Report::Report;
%newobject Report::logit;
%extend Report {
	/**
	 * Score `org` with `profile` (None/nil: the built-in default). `year` 0
	 * scores every year; `flags` SCORE_VALUES_ONLY skips explanations.
	 */
	Report(const Organisation *org, const Profile *profile = NULL, int year = 0, int flags = 0) {
		assoc_report *rep = NULL;
		assoc_score_options opts = ASSOC_SCORE_OPTIONS_INIT;
		if (!org)
			return bind_fail(ASSOC_EINVAL, "", "an organisation is required"), NULL;
		opts.year = year;
		opts.flags = (unsigned)flags;
		bind_check(assoc_report_new(&rep, org, profile, &opts));
		return rep;
	}
	~Report() { assoc_report_free($self); }
	/** Number of results. */
	size_t count() { return assoc_report_count($self); }
	/** Result `i`, borrowed from the report: keep the report alive while using it. */
	const Result *get(size_t i) {
		if (bind_index(i, assoc_report_count($self), "result") < 0)
			return NULL;
		return assoc_report_get($self, i);
	}
	/** The result for `measure`, `year` (0 for org-level) and `subject`, or None. Borrowed. */
	const Result *find(const char *measure, int year = 0, const char *subject = NULL) {
		return assoc_report_find($self, measure, year, subject);
	}
	/** Name of the profile's territory override applied to this organisation, or None. */
	const char *territory_override() { return assoc_report_territory_override($self); }
	/** The whole report as a JSON document (organisation id, profile, results); flags: WRITE_PRETTY. */
	bind_lib_string *to_json(int flags = 0) {
		char *out = NULL;
		bind_check(assoc_report_to_json(&out, $self, (unsigned)flags));
		return out;
	}
	/** Readable text: the three levers, territory and composite, with explanations. */
	bind_lib_string *to_text() {
		char *out = NULL;
		bind_check(assoc_report_to_text(&out, $self));
		return out;
	}
	/**
	 * Generic logistic model p = 1 / (1 + exp(-(beta0 + sum beta_i x_i))),
	 * x_i the value of measure name_i for `year` in this report. No default
	 * coefficients are shipped. Owned result.
	 */
	Result *logit(int year, double beta0, const char *const *names, const double *betas, size_t n) {
		assoc_result *r = NULL;
		bind_check(assoc_logit(&r, $self, year, beta0, names, betas, n));
		return r;
	}
}

/* ---- Organisation ---------------------------------------------------------- */

%{
static assoc_load_options bind_load_options(int lenient) {
	assoc_load_options opts = ASSOC_LOAD_OPTIONS_INIT;
	opts.lenient = lenient ? 1 : 0;
	return opts;
}

static int bind_level(const char *level) {
	if (level && strcmp(level, "funders") == 0)
		return ASSOC_LEVEL_FUNDERS;
	if (level && strcmp(level, "streams") == 0)
		return ASSOC_LEVEL_STREAMS;
	if (level && strcmp(level, "categories") == 0)
		return ASSOC_LEVEL_CATEGORIES;
	{
		char msg[160];
		snprintf(msg, sizeof msg, "unknown level '%s'; valid: funders, streams, categories",
			 level ? level : "(null)");
		return bind_fail(ASSOC_ELABEL, "", msg);
	}
}
%}


/**
 * One organisation (association) with its years and alliances, addressed by
 * JSON Pointer paths into its "libassoc/1" form ("/years/0/balance/cash").
 * Every setter checks the value against the field's type and domain.
 */
typedef struct {} Organisation;
%newobject Organisation::from_json;
%newobject Organisation::load;
%newobject Organisation::clone;
%newobject Organisation::to_json;
%newobject Organisation::score;
%newobject Organisation::measure;
%newobject Organisation::stress_remove_largest;
%newobject Organisation::stress_stream_drop;
%extend Organisation {
	/** An empty organisation (no identifier, no name). */
	Organisation() {
		assoc_org *org = NULL;
		bind_check(assoc_org_new(&org));
		return org;
	}
	~Organisation() { assoc_org_free($self); }
	/**
	 * Load one organisation from a JSON document (wrapped or bare) and validate
	 * it fully. `lenient` turns unknown keys into warnings.
	 */
	static Organisation *from_json(const char *json, size_t len, int lenient = 0) {
		assoc_org *org = NULL;
		assoc_load_options opts = bind_load_options(lenient);
		bind_check(assoc_org_from_json(&org, json, len, &opts));
		return org;
	}
	/** Load one organisation from the file at `path`. */
	static Organisation *load(const char *path, int lenient = 0) {
		assoc_org *org = NULL;
		assoc_load_options opts = bind_load_options(lenient);
		bind_check(assoc_org_load_file(&org, path, &opts));
		return org;
	}
	/** Deep copy. */
	Organisation *clone() {
		assoc_org *org = NULL;
		bind_check(assoc_org_clone(&org, $self));
		return org;
	}
	/** Write a "libassoc/1" document; flags: WRITE_PRETTY, WRITE_BARE. Round trip exact. */
	bind_lib_string *to_json(int flags = 0) {
		char *out = NULL;
		bind_check(assoc_org_to_json(&out, $self, (unsigned)flags));
		return out;
	}
	/** Write the document to a file. */
	void save(const char *path, int flags = 0) { bind_check(assoc_org_save_file($self, path, (unsigned)flags)); }
	/** Check the cross-field rules (required fields, duplicates, references, dates, currencies, territory). */
	void validate() { bind_check(assoc_org_validate($self)); }
	/** What `path` names: "number", "string", "bool", "array" or "object". Raises ENOTFOUND. */
	const char *kind(const char *path) { return bind_kind($self, path); }
	/** A number field, or None/nil when absent. */
	bind_optnum get_number(const char *path) {
		double v = NAN;
		int rc = assoc_org_get_number(&v, $self, path);
		if (rc == ASSOC_EABSENT) {
			assoc_error_clear();
			return NAN;
		}
		bind_check(rc);
		return v;
	}
	/** A string or vocabulary field (its identifier), or None/nil when absent. */
	const char *get_string(const char *path) {
		const char *s = NULL;
		int rc = assoc_org_get_string(&s, $self, path);
		if (rc == ASSOC_EABSENT) {
			assoc_error_clear();
			return NULL;
		}
		bind_check(rc);
		return s;
	}
	/** A boolean or practice flag: true, false, or None/nil when unknown. */
	bind_optbool get_bool(const char *path) {
		int b = -1;
		int rc = assoc_org_get_bool(&b, $self, path);
		if (rc == ASSOC_EABSENT) {
			assoc_error_clear();
			return -1;
		}
		bind_check(rc);
		return rc < 0 ? -1 : b;
	}
	/** Number of elements of an array field. */
	size_t count(const char *path) {
		size_t n = 0;
		bind_check(assoc_org_count(&n, $self, path));
		return n;
	}
	/** Set a number; refuses non-finite values and values outside the field's domain. */
	void set_number(const char *path, double value) { bind_check(assoc_org_set_number($self, path, value)); }
	/** Set a string; a vocabulary field takes any accepted label and stores the identifier. */
	void set_string(const char *path, const char *value) {
		if (!value) {
			bind_fail(ASSOC_EINVAL, path, "a string is required (use unset to make a field absent)");
			return;
		}
		bind_check(assoc_org_set_string($self, path, value));
	}
	/** Set a boolean or a practice flag. */
	void set_bool(const char *path, bool value) { bind_check(assoc_org_set_bool($self, path, value ? 1 : 0)); }
	/** Make a field absent (a number, string, flag, or a whole optional object). */
	void unset(const char *path) { bind_check(assoc_org_unset($self, path)); }
	/** Append an empty element to an array field and return its index. */
	size_t append(const char *path) {
		size_t i = 0;
		bind_check(assoc_org_append(&i, $self, path));
		return i;
	}
	/** Remove element `index` of an array field; later elements shift down. */
	void remove(const char *path, size_t index) { bind_check(assoc_org_remove($self, path, index)); }
	/** Caseless, accent-insensitive match key of the organisation's name, or None. */
	const char *name_key() { return assoc_org_name_key($self); }
	/** Number of warnings recorded while loading (unknown keys in lenient mode...). */
	size_t warning_count() { return assoc_org_warning_count($self); }
	/** Message of warning `i`. */
	const char *warning_message(size_t i) {
		const char *m = NULL, *p = NULL;
		bind_check(assoc_org_warning(&m, &p, $self, i));
		return m;
	}
	/** JSON path of warning `i`. */
	const char *warning_path(size_t i) {
		const char *m = NULL, *p = NULL;
		bind_check(assoc_org_warning(&m, &p, $self, i));
		return p;
	}
	/** Score every measure (see Report). */
	Report *score(const Profile *profile = NULL, int year = 0, int flags = 0) {
		assoc_report *rep = NULL;
		assoc_score_options opts = ASSOC_SCORE_OPTIONS_INIT;
		opts.year = year;
		opts.flags = (unsigned)flags;
		bind_check(assoc_report_new(&rep, $self, profile, &opts));
		return rep;
	}
	/** Compute one measure for one year (0 for org-level measures) and subject (an alliance id, or None). */
	Result *measure(const char *measure, int year = 0, const char *subject = NULL, const Profile *profile = NULL) {
		assoc_result *r = NULL;
		bind_check(assoc_measure_compute(&r, $self, measure, year, subject, profile));
		return r;
	}
	/**
	 * Stress test: the largest funder ("funders") or stream ("streams")
	 * disappears in `year`, expenses kept. Value: survival months.
	 */
	Result *stress_remove_largest(int year, const char *level = "funders", const Profile *profile = NULL) {
		assoc_result *r = NULL;
		int lv = bind_level(level);
		if (lv < 0)
			return NULL;
		bind_check(assoc_stress_remove_largest(&r, $self, year, (assoc_level)lv, profile));
		return r;
	}
	/** Stress test: revenue stream `stream` (any accepted label) falls by `share` (0..1) in `year`. */
	Result *stress_stream_drop(int year, const char *stream, double share, const Profile *profile = NULL) {
		assoc_result *r = NULL;
		int s = bind_term(ASSOC_VOCAB_STREAM, stream);
		if (s < 0)
			return NULL;
		bind_check(assoc_stress_stream_drop(&r, $self, year, s, share, profile));
		return r;
	}
}

/* ---- Collection ------------------------------------------------------------ */

/** A collection document: an ordered list of organisations with unique identifiers. */
typedef struct {} Collection;
%newobject Collection::from_json;
%newobject Collection::load;
%newobject Collection::get;
%newobject Collection::to_json;
%extend Collection {
	/** An empty collection. */
	Collection() {
		assoc_collection *c = NULL;
		bind_check(assoc_collection_new(&c));
		return c;
	}
	~Collection() { assoc_collection_free($self); }
	/** Load a collection document (or a single-organisation document, giving one). */
	static Collection *from_json(const char *json, size_t len, int lenient = 0) {
		assoc_collection *c = NULL;
		assoc_load_options opts = bind_load_options(lenient);
		bind_check(assoc_collection_from_json(&c, json, len, &opts));
		return c;
	}
	/** Load a collection document from a file. */
	static Collection *load(const char *path, int lenient = 0) {
		assoc_collection *c = NULL;
		assoc_load_options opts = bind_load_options(lenient);
		bind_check(assoc_collection_load_file(&c, path, &opts));
		return c;
	}
	/** Number of organisations. */
	size_t count() { return assoc_collection_count($self); }
	/** A copy of organisation `i` (the copy is yours). */
	Organisation *get(size_t i) {
		assoc_org *copy = NULL;
		if (bind_index(i, assoc_collection_count($self), "organisation") < 0)
			return NULL;
		bind_check(assoc_org_clone(&copy, assoc_collection_get($self, i)));
		return copy;
	}
	/** Add a copy of `org`; EDUPLICATE if its identifier is already present. */
	void add(const Organisation *org) {
		assoc_org *copy = NULL;
		if (bind_check(assoc_org_clone(&copy, org)) < 0)
			return;
		if (bind_check(assoc_collection_add($self, copy)) < 0)
			assoc_org_free(copy);
	}
	/** Write the collection document; flags: WRITE_PRETTY. */
	bind_lib_string *to_json(int flags = 0) {
		char *out = NULL;
		bind_check(assoc_collection_to_json(&out, $self, (unsigned)flags));
		return out;
	}
}

/* ---- JSON Lines ------------------------------------------------------------ */

%{
static void bind_jsonl_free(JsonlReader *r) {
	if (!r)
		return;
	assoc_jsonl_reader_free(r->reader);
	if (r->fp)
		fclose(r->fp);
	free(r->data);
	free(r);
}
%}

/**
 * Reads JSON Lines (one organisation per line) one at a time, in memory
 * bounded by the longest line. After an error in one line, reading can go
 * on with the next.
 */
typedef struct {} JsonlReader;
%newobject JsonlReader::open;
%newobject JsonlReader::from_string;
%newobject JsonlReader::next;
%extend JsonlReader {
	/** Read the file at `path`. */
	static JsonlReader *open(const char *path, int lenient = 0) {
		JsonlReader *r = (JsonlReader *)calloc(1, sizeof *r);
		assoc_load_options opts = bind_load_options(lenient);
		if (!r)
			return bind_oom(), NULL;
		r->fp = fopen(path, "rb");
		if (!r->fp) {
			char msg[1200];
			snprintf(msg, sizeof msg, "cannot open '%s': %s", path, strerror(errno));
			bind_fail(ASSOC_EIO, "", msg);
			bind_jsonl_free(r);
			return NULL;
		}
		if (bind_check(assoc_jsonl_reader_new_file(&r->reader, r->fp, &opts)) < 0) {
			bind_jsonl_free(r);
			return NULL;
		}
		return r;
	}
	/** Read JSON Lines held in a string (copied). */
	static JsonlReader *from_string(const char *json, size_t len, int lenient = 0) {
		JsonlReader *r = (JsonlReader *)calloc(1, sizeof *r);
		assoc_load_options opts = bind_load_options(lenient);
		if (!r)
			return bind_oom(), NULL;
		r->data = (char *)malloc(len ? len : 1);
		if (!r->data) {
			bind_jsonl_free(r);
			return bind_oom(), NULL;
		}
		if (len)
			memcpy(r->data, json, len);
		if (bind_check(assoc_jsonl_reader_new_memory(&r->reader, r->data, len, &opts)) < 0) {
			bind_jsonl_free(r);
			return NULL;
		}
		return r;
	}
	~JsonlReader() { bind_jsonl_free($self); }
	/** Release the input now (the file is closed); further reads end at once. */
	void close() {
		assoc_jsonl_reader_free($self->reader);
		$self->reader = NULL;
		if ($self->fp)
			fclose($self->fp);
		$self->fp = NULL;
		free($self->data);
		$self->data = NULL;
	}
	/** The next organisation, or None/nil at the end. Errors carry the line number. */
	Organisation *next() {
		assoc_org *org = NULL;
		int rc;
		if (!$self->reader)
			return NULL;
		rc = assoc_jsonl_next(&org, $self->reader);
		if (rc == ASSOC_ITEROVER) {
			assoc_error_clear();
			return NULL;
		}
		bind_check(rc);
		return org;
	}
	/** 1-based number of the line last read (0 before the first). */
	size_t line() { return $self->reader ? assoc_jsonl_line($self->reader) : 0; }
}

/* ---- batch scoring (include/assoc/batch.h): one call per batch ----------- */

%{
static bind_lib_string *bind_score_jsonl(const char *json, size_t len, int format, unsigned int threads,
					 int explain, int year, const Profile *profile, int lenient) {
	assoc_batch_options o = ASSOC_BATCH_OPTIONS_INIT;
	assoc_load_options lo = bind_load_options(lenient);
	char *out = NULL;
	int rc;
	o.format = format;
	o.threads = threads;
	o.flags = explain ? ASSOC_BATCH_EXPLAIN : 0;
	o.year = year;
	o.profile = profile;
	o.load = &lo;
#if defined(SWIGPYTHON)
	/* The whole batch runs without the GIL: other Python threads go on. */
	Py_BEGIN_ALLOW_THREADS
#endif
	rc = assoc_batch_memory_to_string(&out, NULL, NULL, json, len, &o);
#if defined(SWIGPYTHON)
	Py_END_ALLOW_THREADS
#endif
	bind_check(rc);
	return out;
}
%}
%rename(score_jsonl) bind_score_jsonl;
/**
 * Load, validate and score every line of JSON Lines in one call, and return
 * the whole output: JSON Lines of reports (format 0) or CSV, one row per
 * organisation-year (format 1). A bad record gives an error record in its
 * place; the call fails only for the batch as a whole.
 */
bind_lib_string *bind_score_jsonl(const char *json, size_t len, int format = 0, unsigned int threads = 0,
				  int explain = 0, int year = 0, const Profile *profile = NULL, int lenient = 0);


/* ---- peer benchmarking (include/assoc/peers.h, docs/benchmarking.md) ------- */

%{
typedef struct assoc_population Population;
typedef struct assoc_benchmark Benchmark;
typedef struct assoc_tc TuckmanChang;

/* Names of the grouping dimensions, in the order of their bits (peers.h). */
static const char *const bind_group_dims[] = { "year", "sector", "size", "country", "region", "departement",
					       "commune" };

/* A grouping given by name, both languages alike: dimensions separated by
 * '|', ',' or spaces ("sector|size|region"); "", "all" or None/nil for the
 * whole population. Returns the assoc_grouping bits, or -1 (ELABEL). */
static int bind_grouping(const char *spec) {
	unsigned bits = 0;
	const char *p = spec ? spec : "";
	while (*p) {
		size_t n, k;
		while (*p == '|' || *p == ',' || *p == ' ')
			p++;
		n = strcspn(p, "|, ");
		if (!n)
			break;
		if (n == 3 && strncmp(p, "all", 3) == 0) {
			p += n;
			continue;
		}
		for (k = 0; k < sizeof bind_group_dims / sizeof *bind_group_dims; k++)
			if (strlen(bind_group_dims[k]) == n && strncmp(p, bind_group_dims[k], n) == 0)
				break;
		if (k == sizeof bind_group_dims / sizeof *bind_group_dims) {
			char msg[256];
			snprintf(msg, sizeof msg,
				 "unknown grouping dimension '%.*s'; valid: all, year, sector, size, country, region, "
				 "departement, commune", (int)(n > 64 ? 64 : n), p);
			return bind_fail(ASSOC_ELABEL, "", msg);
		}
		bits |= 1u << k;
		p += n;
	}
	return (int)bits;
}

static assoc_benchmark_options bind_bench_options(int bits) {
	assoc_benchmark_options opts = ASSOC_BENCHMARK_OPTIONS_INIT;
	opts.grouping = (unsigned)bits;
	return opts;
}
%}

%nodefaultctor Benchmark;
%nodefaultctor TuckmanChang;

/**
 * A population of organisation-years to benchmark: each member keeps its
 * identifier, year, group keys and the values of its measures (copied: the
 * organisations and reports may go away after add).
 */
typedef struct {} Population;
%extend Population {
	/** An empty population. */
	Population() {
		assoc_population *pop = NULL;
		bind_check(assoc_population_new(&pop));
		return pop;
	}
	~Population() { assoc_population_free($self); }
	/**
	 * Add the organisation-year (`org`, `year`) with the values of `report`
	 * (a report on `org` covering `year`; None/nil: scored with the default
	 * profile). EDUPLICATE when this identifier and year are already present.
	 */
	void add(const Organisation *org, int year, const Report *report = NULL) {
		bind_check(assoc_population_add($self, org, year, report));
	}
	/**
	 * Add a member given by value: measure values computed elsewhere or a
	 * hand-made population. Keys are None/nil when unknown; `revenue` NaN when
	 * unknown (missing is not zero).
	 */
	void add_values(const char *id, int year, const char *const *names, const double *betas, size_t n,
			const char *sector, const char *country, const char *region, const char *departement,
			const char *commune, const char *currency, double revenue) {
		assoc_peer_keys keys = ASSOC_PEER_KEYS_INIT;
		keys.sector = sector;
		keys.country = country;
		keys.region = region;
		keys.departement = departement;
		keys.commune = commune;
		keys.currency = currency;
		keys.revenue = isnan(revenue) ? NULL : &revenue;
		bind_check(assoc_population_add_values($self, id, year, &keys, names, betas, n));
	}
	/** Number of organisation-years. */
	size_t count() { return assoc_population_count($self); }
	/** Identifier of member `i`. */
	const char *member_id(size_t i) {
		const char *id = NULL;
		int year = 0;
		bind_check(assoc_population_member(&id, &year, $self, i));
		return id;
	}
	/** Year of member `i`. */
	int member_year(size_t i) {
		const char *id = NULL;
		int year = 0;
		bind_check(assoc_population_member(&id, &year, $self, i));
		return year;
	}
	/** The stored value of `measure` for member `i`, or None/nil when it has none. */
	bind_optnum value(size_t i, const char *measure) {
		double v = NAN;
		int rc = assoc_population_value(&v, $self, i, measure);
		if (rc == ASSOC_EABSENT) {
			assoc_error_clear();
			return NAN;
		}
		bind_check(rc);
		return v;
	}
}

/**
 * One measure ranked within the groups of a population: per member status,
 * value, winsorised value, percentile rank and z-score; per group size,
 * quartiles, clamps, mean and sd. Independent of its population once made.
 */
typedef struct {} Benchmark;
%newobject Benchmark::Benchmark;
%extend Benchmark {
	/**
	 * Rank `measure` in the groups of `grouping` (dimension names joined by
	 * '|': "sector|size|region"; "all" or None/nil: the whole population).
	 */
	Benchmark(const Population *population, const char *measure, const char *grouping = NULL,
		  const Profile *profile = NULL) {
		assoc_benchmark *b = NULL;
		assoc_benchmark_options opts;
		int bits = bind_grouping(grouping);
		if (bits < 0)
			return NULL;
		opts = bind_bench_options(bits);
		bind_check(assoc_benchmark_new(&b, population, measure, profile, &opts));
		return b;
	}
	~Benchmark() { assoc_benchmark_free($self); }
	/** The measure ranked. */
	const char *measure() { return assoc_benchmark_measure($self); }
	/** Number of members (the population's, in the same order). */
	size_t count() { return assoc_benchmark_count($self); }
	/** Number of groups. */
	size_t group_count() { return assoc_benchmark_group_count($self); }
	/** Measure, grouping, parameters, definitions, groups and members as JSON (missing values null). */
	bind_lib_string *to_json() {
		char *out = NULL;
		bind_check(assoc_benchmark_to_json(&out, $self, 0));
		return out;
	}
}

/**
 * Tuckman & Chang (1991) worst-quintile flags on four indicators, with the
 * continuous values, percentile ranks and z-scores beside them.
 */
typedef struct {} TuckmanChang;
%newobject TuckmanChang::TuckmanChang;
%extend TuckmanChang {
	/** Flag every member of `population` within the groups of `grouping` (default: the whole population). */
	TuckmanChang(const Population *population, const char *grouping = NULL, const Profile *profile = NULL) {
		assoc_tc *tc = NULL;
		assoc_benchmark_options opts;
		int bits = bind_grouping(grouping);
		if (bits < 0)
			return NULL;
		opts = bind_bench_options(bits);
		bind_check(assoc_tc_new(&tc, population, profile, &opts));
		return tc;
	}
	~TuckmanChang() { assoc_tc_free($self); }
	/** Number of members. */
	size_t count() { return assoc_tc_count($self); }
	/** The flags and the continuous values beside them, as JSON. */
	bind_lib_string *to_json() {
		char *out = NULL;
		bind_check(assoc_tc_to_json(&out, $self, 0));
		return out;
	}
	/** The benchmark of indicator `k` (0..3, in the order of to_json()), as JSON. */
	bind_lib_string *benchmark_json(int k) {
		char *out = NULL;
		const assoc_benchmark *b = assoc_tc_benchmark($self, (assoc_tc_indicator)k);
		if (!b)
			return bind_fail(ASSOC_ENOTFOUND, "", "indicator index out of range (0..3)"), NULL;
		bind_check(assoc_benchmark_to_json(&out, b, 0));
		return out;
	}
}

/* ---- Lua: JSON <-> tables, and the Lua layer --------------------------------- */

#if defined(SWIGLUA)
%native(json_decode) int bind_lua_json_decode(lua_State *L);
%native(json_encode) int bind_lua_json_encode(lua_State *L);
%init %{
	/* The module table is on the top of the stack. */
	if (bind_lua_init(L, lua_gettop(L)) != 0)
		lua_error(L);
%}
#endif
