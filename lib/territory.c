/*
 * French INSEE territory codes and identifier formats.
 * SPDX-License-Identifier: MIT
 *
 * The département -> région table is the Code officiel géographique (INSEE)
 * since the 2016 régions reform: 96 metropolitan départements (01-95 with
 * Corsica split into 2A and 2B, no "20") and the five overseas départements
 * 971-974 and 976, which are régions of their own (01-04, 06). Collectivities
 * such as Saint-Pierre-et-Miquelon (975), Saint-Barthélemy (977),
 * Saint-Martin (978) or the 98x territories are not départements: data about
 * them uses their own ISO 3166 country code (PM, BL, MF, NC, PF...), whose
 * codes are opaque here.
 */
#include <stdio.h>
#include <string.h>
#include "territory.h"
#include "error.h"
#include "util.h"

typedef struct dep_region {
	const char *dep;
	const char *region;
} dep_region;

/* In INSEE order (2A and 2B where 20 was); 101 entries, looked up linearly. */
static const dep_region dep_regions[] = {
	{"01", "84"}, {"02", "32"}, {"03", "84"}, {"04", "93"}, {"05", "93"}, {"06", "93"},
	{"07", "84"}, {"08", "44"}, {"09", "76"}, {"10", "44"}, {"11", "76"}, {"12", "76"},
	{"13", "93"}, {"14", "28"}, {"15", "84"}, {"16", "75"}, {"17", "75"}, {"18", "24"},
	{"19", "75"}, {"21", "27"}, {"22", "53"}, {"23", "75"}, {"24", "75"}, {"25", "27"},
	{"26", "84"}, {"27", "28"}, {"28", "24"}, {"29", "53"}, {"2A", "94"}, {"2B", "94"},
	{"30", "76"}, {"31", "76"}, {"32", "76"}, {"33", "75"}, {"34", "76"}, {"35", "53"},
	{"36", "24"}, {"37", "24"}, {"38", "84"}, {"39", "27"}, {"40", "75"}, {"41", "24"},
	{"42", "84"}, {"43", "84"}, {"44", "52"}, {"45", "24"}, {"46", "76"}, {"47", "75"},
	{"48", "76"}, {"49", "52"}, {"50", "28"}, {"51", "44"}, {"52", "44"}, {"53", "52"},
	{"54", "44"}, {"55", "44"}, {"56", "53"}, {"57", "44"}, {"58", "27"}, {"59", "32"},
	{"60", "32"}, {"61", "28"}, {"62", "32"}, {"63", "84"}, {"64", "75"}, {"65", "76"},
	{"66", "76"}, {"67", "44"}, {"68", "44"}, {"69", "84"}, {"70", "27"}, {"71", "27"},
	{"72", "52"}, {"73", "84"}, {"74", "84"}, {"75", "11"}, {"76", "28"}, {"77", "11"},
	{"78", "11"}, {"79", "75"}, {"80", "32"}, {"81", "76"}, {"82", "76"}, {"83", "93"},
	{"84", "93"}, {"85", "52"}, {"86", "75"}, {"87", "75"}, {"88", "44"}, {"89", "27"},
	{"90", "27"}, {"91", "11"}, {"92", "11"}, {"93", "11"}, {"94", "11"}, {"95", "11"},
	{"971", "01"}, {"972", "02"}, {"973", "03"}, {"974", "04"}, {"976", "06"},
};

#define N_DEPS (sizeof dep_regions / sizeof dep_regions[0])

static const char *const regions[] = {
	"01", "02", "03", "04", "06", "11", "24", "27", "28",
	"32", "44", "52", "53", "75", "76", "84", "93", "94",
};

#define N_REGIONS (sizeof regions / sizeof regions[0])

int assoc__fr_region_valid(const char *code)
{
	size_t i;
	if (!code)
		return 0;
	for (i = 0; i < N_REGIONS; i++)
		if (strcmp(code, regions[i]) == 0)
			return 1;
	return 0;
}

const char *assoc__fr_departement_region(const char *dep)
{
	size_t i;
	if (!dep)
		return NULL;
	for (i = 0; i < N_DEPS; i++)
		if (strcmp(dep, dep_regions[i].dep) == 0)
			return dep_regions[i].region;
	return NULL;
}

int assoc__fr_departement_valid(const char *code)
{
	return assoc__fr_departement_region(code) != NULL;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int all_digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

int assoc__fr_commune_departement(char out[4], const char *commune)
{
	/* Overseas communes are 97x + 2 digits; all others 2 + 3 characters. */
	size_t plen;
	out[0] = '\0';
	if (!commune || strlen(commune) != 5)
		return 0;
	plen = (commune[0] == '9' && commune[1] == '7') ? 3 : 2;
	memcpy(out, commune, plen);
	out[plen] = '\0';
	if (!assoc__fr_departement_valid(out) || !all_digits(commune + plen, 5 - plen)) {
		out[0] = '\0';
		return 0;
	}
	return 1;
}

static int ascii_upper(int c)
{
	return (c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c;
}

int assoc__territory_is_fr(const char *country)
{
	return country && ascii_upper(country[0]) == 'F' && ascii_upper(country[1]) == 'R' && country[2] == '\0';
}

static int is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Record ASSOC_ETERRITORY at base + "/" + field. */
static int territory_error(const char *base, const char *field, const char *fmt, const char *a, const char *b)
{
	char path[ASSOC__PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", base, field);
	return assoc__error_set(ASSOC_ETERRITORY, path, fmt, a, b);
}

/* Each French code on its own: it must exist. */
static int check_fr_codes(const assoc__territory *t, const char *base, char commune_dep[4])
{
	if (t->region && !assoc__fr_region_valid(t->region))
		return territory_error(base, "region",
				       "'%s' is not a French région code (one of 01 02 03 04 06 11 24 27 28 32 44 52 "
				       "53 75 76 84 93 94)%s", t->region, "");
	if (t->departement && !assoc__fr_departement_valid(t->departement))
		return territory_error(base, "departement",
				       "'%s' is not a French département code (01-95 except 20, 2A, 2B, 971-974, "
				       "976)%s", t->departement, "");
	if (t->commune && !assoc__fr_commune_departement(commune_dep, t->commune))
		return territory_error(base, "commune",
				       "'%s' is not a French commune code (5 characters starting with a département "
				       "code, e.g. 86194, 2A004, 97411)%s", t->commune, "");
	return 0;
}

/* The finer codes must lie in the coarser ones; the finer one is blamed. */
static int check_fr_consistency(const assoc__territory *t, const char *base, const char *commune_dep)
{
	if (t->departement && t->region && strcmp(assoc__fr_departement_region(t->departement), t->region) != 0)
		return territory_error(base, "departement", "département '%s' is not in région '%s'", t->departement,
				       t->region);
	if (t->commune && t->departement && strcmp(commune_dep, t->departement) != 0)
		return territory_error(base, "commune", "commune '%s' is not in département '%s'", t->commune,
				       t->departement);
	if (t->commune && !t->departement && t->region &&
	    strcmp(assoc__fr_departement_region(commune_dep), t->region) != 0)
		return territory_error(base, "commune", "commune '%s' is not in région '%s'", t->commune, t->region);
	return 0;
}

int assoc__territory_check(const assoc__territory *t, const char *base)
{
	char commune_dep[4] = "";
	int rc;
	if (!base)
		base = "";
	if (t->country && !(strlen(t->country) == 2 && is_alpha(t->country[0]) && is_alpha(t->country[1])))
		return territory_error(base, "country", "'%s' is not an ISO 3166-1 alpha-2 country code%s",
				       t->country, "");
	/* Without a country the codes cannot be interpreted: they stay opaque. */
	if (!assoc__territory_is_fr(t->country))
		return 0;
	rc = check_fr_codes(t, base, commune_dep);
	if (rc)
		return rc;
	return check_fr_consistency(t, base, commune_dep);
}

/* ---- identifiers --------------------------------------------------------- */

static int rna_valid(const char *v)
{
	/* W + 9 characters: the prefecture code (3) then a serial (6). Corsican
	 * prefectures use 2A/2B in place of the first two digits. */
	if (v[0] != 'W' || strlen(v) != 10)
		return 0;
	if (v[1] == '2' && (v[2] == 'A' || v[2] == 'B'))
		return all_digits(v + 3, 7);
	return all_digits(v + 1, 9);
}

static int ein_valid(const char *v)
{
	size_t n = strlen(v);
	if (n == 9)
		return all_digits(v, 9);
	return n == 10 && all_digits(v, 2) && v[2] == '-' && all_digits(v + 3, 7);
}

static int gb_chc_valid(const char *v)
{
	size_t n = 0, rest;
	while (is_digit(v[n]))
		n++;
	if (n < 6 || n > 8)
		return 0;
	if (v[n] == '\0')
		return 1;
	rest = strlen(v + n + 1);
	return v[n] == '-' && rest >= 1 && rest <= 3 && all_digits(v + n + 1, rest);
}

static int is_upper_alnum(char c)
{
	return (c >= 'A' && c <= 'Z') || is_digit(c);
}

static int org_id_valid(const char *v)
{
	/* org-id.guide: a jurisdiction (2 letters, or XI/XM for international
	 * lists), a list code, then the identifier within that list. */
	size_t n = 0, i;
	if (!(v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' && v[1] <= 'Z' && v[2] == '-'))
		return 0;
	v += 3;
	while (is_upper_alnum(v[n]))
		n++;
	if (n < 2 || v[n] != '-' || v[n + 1] == '\0')
		return 0;
	v += n + 1;
	for (i = 0; v[i]; i++)
		if ((unsigned char)v[i] <= ' ')
			return 0;
	return 1;
}

int assoc__ident_value_valid(int scheme, const char *value)
{
	if (!value || !value[0])
		return 0;
	switch (scheme) {
	case ASSOC_ID_RNA:
		return rna_valid(value);
	case ASSOC_ID_SIREN:
		return strlen(value) == 9 && all_digits(value, 9);
	case ASSOC_ID_SIRET:
		return strlen(value) == 14 && all_digits(value, 14);
	case ASSOC_ID_EIN:
		return ein_valid(value);
	case ASSOC_ID_GB_CHC:
		return gb_chc_valid(value);
	case ASSOC_ID_ORG_ID:
		return org_id_valid(value);
	case ASSOC_ID_OTHER:
		return 1;
	default:
		return 0;
	}
}

static const char *scheme_name(int scheme)
{
	const char *name = assoc_vocab_id(ASSOC_VOCAB_ID_SCHEME, scheme);
	return name ? name : "unknown";
}

static const char *scheme_rule(int scheme)
{
	switch (scheme) {
	case ASSOC_ID_RNA: return "W followed by 9 digits, e.g. W751234567";
	case ASSOC_ID_SIREN: return "9 digits";
	case ASSOC_ID_SIRET: return "14 digits";
	case ASSOC_ID_EIN: return "9 digits, or NN-NNNNNNN";
	case ASSOC_ID_GB_CHC: return "6 to 8 digits, optionally followed by -N";
	case ASSOC_ID_ORG_ID: return "PREFIX-LIST-identifier, e.g. GB-CHC-1136419";
	default: return "a non-empty text";
	}
}

int assoc__ident_check(const assoc__ident *id, const char *base)
{
	char path[ASSOC__PATH_MAX];
	if (!base)
		base = "";
	if (id->scheme < 0 && !id->value)
		return 0;
	if (id->scheme < 0) {
		snprintf(path, sizeof path, "%s/scheme", base);
		return assoc__error_set(ASSOC_EMISSING, path, "identifier '%s' has no scheme", id->value);
	}
	snprintf(path, sizeof path, "%s/value", base);
	if (!id->value)
		return assoc__error_set(ASSOC_EMISSING, path, "identifier of scheme '%s' has no value",
					scheme_name(id->scheme));
	if (!assoc__ident_value_valid(id->scheme, id->value))
		return assoc__error_set(ASSOC_EVALUE, path, "'%s' is not a valid %s identifier (%s)", id->value,
					scheme_name(id->scheme), scheme_rule(id->scheme));
	return 0;
}
