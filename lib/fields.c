/*
 * Field-level checks and stores: the one place where a value is admitted
 * into the model, whether it comes from JSON (json_read.c) or from a setter
 * (path.c). Cross-field rules are validate.c's business.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "fields.h"
#include "text.h"
#include "util.h"

void assoc__limits_default(assoc__limits *out)
{
	out->lenient = 0;
	out->max_document_bytes = ASSOC_DEFAULT_MAX_DOCUMENT_BYTES;
	out->max_depth = ASSOC_DEFAULT_MAX_DEPTH;
	out->max_years = ASSOC_DEFAULT_MAX_YEARS;
	out->max_items = ASSOC_DEFAULT_MAX_ITEMS;
	out->max_string_bytes = ASSOC_DEFAULT_MAX_STRING_BYTES;
	out->line_base = 0;
}

int assoc__limits_resolve(assoc__limits *out, const assoc_load_options *opts)
{
	assoc__limits_default(out);
	if (!opts)
		return 0;
	/* Version 1 is the only layout so far. A version 0 struct was never
	 * initialised; a larger version comes from a newer header whose extra
	 * fields (limits, perhaps) this library cannot honour: refuse both
	 * rather than silently ignore what the caller asked for. */
	if (opts->version == 0 || opts->version > ASSOC_LOAD_OPTIONS_VERSION)
		return assoc__error_set(ASSOC_EVERSION, NULL,
					"load options have version %u, this library knows versions 1 to %d: "
					"initialise them with ASSOC_LOAD_OPTIONS_INIT",
					opts->version, ASSOC_LOAD_OPTIONS_VERSION);
	out->lenient = opts->lenient != 0;
	if (opts->max_document_bytes)
		out->max_document_bytes = opts->max_document_bytes;
	if (opts->max_depth)
		out->max_depth = opts->max_depth;
	if (opts->max_years)
		out->max_years = opts->max_years;
	if (opts->max_items)
		out->max_items = opts->max_items;
	if (opts->max_string_bytes)
		out->max_string_bytes = opts->max_string_bytes;
	return 0;
}

/* Re-record the current error at `path`, keeping its code and message
 * (the text and vocabulary helpers report without a path). */
static int at_path(int rc, const char *path)
{
	char msg[1024];
	if (rc >= 0 || rc == ASSOC_ENOMEM)
		return rc;
	snprintf(msg, sizeof msg, "%s", assoc_error_last()->message);
	return assoc__error_set(rc, path, "%s", msg);
}

/* ---- numbers ------------------------------------------------------------ */

int assoc__field_check_number(const assoc__field *f, double x, const char *path)
{
	char v[32], lo[32], hi[32];
	if (!isfinite(x))
		return assoc__error_set(ASSOC_EVALUE, path, "\"%s\" must be a finite number, got %s", f->name,
					isnan(x) ? "NaN" : (x > 0 ? "Infinity" : "-Infinity"));
	/* Format the value only for a message: this runs for every number read. */
	if (f->type == ASSOC__F_INTEGER && x != floor(x)) {
		assoc__fmt_double(v, x);
		return assoc__error_set(ASSOC_EVALUE, path, "\"%s\" must be an integer, got %s", f->name, v);
	}
	if ((f->flags & ASSOC__NONNEG) && x < 0) {
		assoc__fmt_double(v, x);
		return assoc__error_set(ASSOC_EVALUE, path, "\"%s\" must be >= 0, got %s", f->name, v);
	}
	if (f->flags & ASSOC__RANGE) {
		int open = (f->flags & ASSOC__MIN_OPEN) != 0;
		int below = open ? !(x > f->min) : !(x >= f->min);
		if (below || x > f->max) {
			assoc__fmt_double(v, x);
			assoc__fmt_double(lo, f->min);
			assoc__fmt_double(hi, f->max);
			if (isinf(f->max))
				return assoc__error_set(ASSOC_EVALUE, path, "\"%s\" must be %s %s, got %s", f->name,
							open ? ">" : ">=", lo, v);
			return assoc__error_set(ASSOC_EVALUE, path, "\"%s\" must be %s %s and <= %s, got %s", f->name,
						open ? ">" : ">=", lo, hi, v);
		}
	}
	return 0;
}

/* ---- dates -------------------------------------------------------------- */

static int digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	size_t i;
	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

int assoc__date_check(const char *s, const char *path)
{
	size_t n = strlen(s);
	int year, month, day;
	int shape = (n == 4 && digits(s, 4)) ||
		    (n == 7 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2)) ||
		    (n == 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' && digits(s + 8, 2));
	if (!shape)
		return assoc__error_set(ASSOC_EDATE, path,
					"invalid date \"%.64s\": expected \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\"", s);
	year = num(s, 4);
	if (year < 1)
		return assoc__error_set(ASSOC_EDATE, path, "invalid date \"%s\": year 0000 does not exist", s);
	if (n == 4)
		return 0;
	month = num(s + 5, 2);
	if (month < 1 || month > 12)
		return assoc__error_set(ASSOC_EDATE, path, "invalid date \"%s\": month %02d does not exist", s, month);
	if (n == 7)
		return 0;
	day = num(s + 8, 2);
	if (day < 1 || day > days_in_month(year, month))
		return assoc__error_set(ASSOC_EDATE, path, "invalid date \"%s\": %04d-%02d has no day %02d", s, year,
					month, day);
	return 0;
}

/* ---- currencies --------------------------------------------------------- */

/*
 * ISO 4217 codes of current currencies and funds (list one, 2024), without
 * the precious metals, SDR and testing codes (XAG, XAU, XBA-XBD, XDR, XPD,
 * XPT, XSU, XTS, XUA, XXX) that no association keeps accounts in; plus the
 * national currencies replaced by the euro, since years go back to 1900 and
 * historical accounts (e.g. FRF before 2002, HRK before 2023) must load.
 * Sorted for bsearch.
 */
static const char currencies[][4] = {
	"AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "ATS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BEF",
	"BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF",
	"CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CYP", "CZK", "DEM",
	"DJF", "DKK", "DOP", "DZD", "EEK", "EGP", "ERN", "ESP", "ETB", "EUR", "FIM", "FJD", "FKP", "FRF", "GBP",
	"GEL", "GHS", "GIP", "GMD", "GNF", "GRD", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR", "IEP",
	"ILS", "INR", "IQD", "IRR", "ISK", "ITL", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW",
	"KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LTL", "LUF", "LVL", "LYD", "MAD", "MDL", "MGA",
	"MKD", "MMK", "MNT", "MOP", "MRU", "MTL", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
	"NIO", "NLG", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PTE", "PYG", "QAR",
	"RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SIT", "SKK", "SLE", "SLL",
	"SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD",
	"TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF",
	"XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
};

static int cmp_code(const void *a, const void *b)
{
	return memcmp(a, b, 3);
}

int assoc__currency_known(const char *code)
{
	if (!code || strlen(code) != 3)
		return 0;
	return bsearch(code, currencies, sizeof currencies / sizeof currencies[0], sizeof currencies[0],
		       cmp_code) != NULL;
}

int assoc__currency_check(char out[4], const char *s, const char *path)
{
	size_t i;
	out[0] = '\0';
	/* Case-insensitive ("eur" is plainly EUR), but exactly three letters:
	 * "EURO" or "€" are refused rather than guessed. */
	for (i = 0; i < 3 && s[i]; i++) {
		char c = s[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		out[i] = c;
	}
	out[i] = '\0';
	if (i != 3 || s[3] != '\0' || !assoc__currency_known(out)) {
		out[0] = '\0';
		return assoc__error_set(ASSOC_ECURRENCY, path, "unknown currency \"%.64s\": expected an ISO 4217 code such as EUR, USD or GBP", s);
	}
	return 0;
}

/* ---- vocabulary --------------------------------------------------------- */

int assoc__field_match_enum(int *out, int vocab, const char *label, const char *path)
{
	return at_path(assoc_vocab_match(out, (assoc_vocab)vocab, label), path);
}

/* ---- presence and stores ------------------------------------------------ */

int assoc__field_present(const void *obj, const assoc__field *f)
{
	size_t i;
	switch (f->type) {
	case ASSOC__F_NUMBER:
	case ASSOC__F_INTEGER:
		return assoc__has(*ASSOC__FIELD_CPTR(obj, f, double));
	case ASSOC__F_STRING:
	case ASSOC__F_NAME:
	case ASSOC__F_DATE:
	case ASSOC__F_CURRENCY:
		return *ASSOC__FIELD_CPTR(obj, f, char *) != NULL;
	case ASSOC__F_ENUM:
	case ASSOC__F_BOOL:
		return *ASSOC__FIELD_CPTR(obj, f, int) >= 0;
	case ASSOC__F_OBJECT:
		for (i = 0; i < f->sub->nfields; i++)
			if (assoc__field_present(ASSOC__FIELD_CPTR(obj, f, char), &f->sub->fields[i]))
				return 1;
		return 0;
	case ASSOC__F_ARRAY:
		return ASSOC__FIELD_CPTR(obj, f, assoc__vec)->n > 0;
	}
	return 0;
}

int assoc__field_set_number(void *obj, const assoc__field *f, double x, const char *path)
{
	int rc;
	if (f->type != ASSOC__F_NUMBER && f->type != ASSOC__F_INTEGER)
		return assoc__error_set(ASSOC_ETYPE, path, "\"%s\" is of type %s, not a number", f->name,
					assoc__ftype_name(f->type));
	if ((rc = assoc__field_check_number(f, x, path)) < 0)
		return rc;
	*ASSOC__FIELD_PTR(obj, f, double) = x;
	return 0;
}

/* A copy of `s` in the stored form of a text field of type `type`. */
static int text_value(char **out, const assoc__field *f, const char *s, const char *path)
{
	char code[4];
	int rc;
	*out = NULL;
	switch (f->type) {
	case ASSOC__F_DATE:
		if ((rc = assoc__date_check(s, path)) < 0)
			return rc;
		break;
	case ASSOC__F_CURRENCY:
		if ((rc = assoc__currency_check(code, s, path)) < 0)
			return rc;
		s = code;
		break;
	case ASSOC__F_NAME:
		/* Names are compared and keyed: store one normal form (NFC). */
		return at_path(assoc__nfc(out, s), path);
	default:
		break;
	}
	*out = assoc__strdup(s);
	return *out ? 0 : assoc__error_oom();
}

int assoc__field_set_string(void *obj, const assoc__field *f, const char *s, size_t max_bytes, const char *path)
{
	size_t len = strlen(s);
	char *copy, **slot;
	int rc, term;
	if (f->type != ASSOC__F_STRING && f->type != ASSOC__F_NAME && f->type != ASSOC__F_DATE &&
	    f->type != ASSOC__F_CURRENCY && f->type != ASSOC__F_ENUM)
		return assoc__error_set(ASSOC_ETYPE, path, "\"%s\" is of type %s, not a text", f->name,
					assoc__ftype_name(f->type));
	if (len > max_bytes)
		return assoc__error_set(ASSOC_ELIMIT, path, "\"%s\" has %zu bytes, more than the limit of %zu", f->name,
					len, max_bytes);
	if ((rc = assoc__utf8_check(s, len)) < 0)
		return at_path(rc, path);
	if (f->type == ASSOC__F_ENUM) {
		if ((rc = assoc__field_match_enum(&term, f->vocab, s, path)) < 0)
			return rc;
		*ASSOC__FIELD_PTR(obj, f, int) = term;
		return 0;
	}
	if (len == 0 && (f->flags & ASSOC__REQUIRED))
		return assoc__error_set(ASSOC_EVALUE, path, "\"%s\" must not be empty", f->name);
	if ((rc = text_value(&copy, f, s, path)) < 0)
		return rc;
	slot = ASSOC__FIELD_PTR(obj, f, char *);
	assoc__free(*slot);
	*slot = copy;
	return 0;
}

int assoc__field_set_bool(void *obj, const assoc__field *f, int value, const char *path)
{
	if (f->type != ASSOC__F_BOOL)
		return assoc__error_set(ASSOC_ETYPE, path, "\"%s\" is of type %s, not a flag", f->name,
					assoc__ftype_name(f->type));
	if (value != 0 && value != 1)
		return assoc__error_set(ASSOC_EVALUE, path, "\"%s\" is a flag: 0 or 1, got %d (unset it for unknown)",
					f->name, value);
	*ASSOC__FIELD_PTR(obj, f, int) = value;
	return 0;
}

void assoc__field_unset(void *obj, const assoc__field *f)
{
	assoc__vec *vec;
	size_t i;
	switch (f->type) {
	case ASSOC__F_NUMBER:
	case ASSOC__F_INTEGER:
		*ASSOC__FIELD_PTR(obj, f, double) = ASSOC__ABSENT;
		break;
	case ASSOC__F_STRING:
	case ASSOC__F_NAME:
	case ASSOC__F_DATE:
	case ASSOC__F_CURRENCY:
		assoc__free(*ASSOC__FIELD_PTR(obj, f, char *));
		*ASSOC__FIELD_PTR(obj, f, char *) = NULL;
		break;
	case ASSOC__F_ENUM:
	case ASSOC__F_BOOL:
		*ASSOC__FIELD_PTR(obj, f, int) = -1;
		break;
	case ASSOC__F_OBJECT:
		assoc__dispose(ASSOC__FIELD_PTR(obj, f, char), f->sub);
		break;
	case ASSOC__F_ARRAY:
		vec = ASSOC__FIELD_PTR(obj, f, assoc__vec);
		for (i = 0; i < vec->n; i++)
			assoc__dispose((char *)vec->items + i * f->sub->size, f->sub);
		assoc__vec_free(vec);
		break;
	}
}

const char *assoc__ftype_name(assoc__ftype type)
{
	static const char *const names[] = { "number", "integer", "string", "name", "date",
					     "currency", "enum", "boolean", "object", "array" };
	return (size_t)type < sizeof names / sizeof names[0] ? names[type] : "unknown";
}
