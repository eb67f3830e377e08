/*
 * Deterministic synthetic corpus for the benchmark: see corpus.h.
 * SPDX-License-Identifier: MIT
 *
 * The records are meant to cost what real ones cost: three years of
 * twelve revenue lines each naming a funder (with territory and, for
 * companies and public bodies, an identifier), the four kinds of people
 * with civic-service missions and skills sponsors, a balance sheet, valued
 * volunteering, and four alliances with partners, contributions and the
 * eight practices. A few figures are left out at random (as in real
 * filings) so that the "not computable" paths are exercised too. Every
 * record is valid "libassoc/1".
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "corpus.h"

/* ---- a small seeded generator (splitmix64) ------------------------------- */

typedef struct rng {
	uint64_t s;
} rng;

static uint64_t next64(rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Uniform integer in [0, n). */
static unsigned below(rng *r, unsigned n)
{
	return (unsigned)(next64(r) % n);
}

/* Uniform double in [0, 1). */
static double unit(rng *r)
{
	return (double)(next64(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* 1 with probability pct %. */
static int chance(rng *r, unsigned pct)
{
	return below(r, 100) < pct;
}

/* ---- a bounded writer ------------------------------------------------------ */

typedef struct out {
	char *p;
	size_t len, cap;
	int full;
} out;

static void put(out *o, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void put(out *o, const char *fmt, ...)
{
	va_list ap;
	int n;
	if (o->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->p + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->cap - o->len)
		o->full = 1;
	else
		o->len += (size_t)n;
}

/* ---- vocabularies and places ------------------------------------------------- */

typedef struct place {
	const char *region, *departement, *commune, *city;
} place;

/* Real INSEE codes that agree with each other (the loader checks them). */
static const place fr_places[] = {
	{ "75", "86", "86194", "Poitiers" },   { "84", "69", "69123", "Lyon" },
	{ "11", "75", "75056", "Paris" },      { "52", "44", "44109", "Nantes" },
	{ "76", "31", "31555", "Toulouse" },   { "93", "13", "13055", "Marseille" },
	{ "32", "59", "59350", "Lille" },      { "53", "35", "35238", "Rennes" },
	{ "44", "67", "67482", "Strasbourg" }, { "28", "76", "76540", "Rouen" },
	{ "24", "45", "45234", "Orléans" },    { "27", "21", "21231", "Dijon" },
	{ "94", "2A", "2A004", "Ajaccio" },    { "01", "971", "97105", "Basse-Terre" },
};
#define N_FR (sizeof fr_places / sizeof fr_places[0])

static const char *const us_states[] = { "US-OH", "US-MN", "US-CA", "US-TX", "US-NY", "US-IL" };
static const char *const gb_regions[] = { "GB-ENG", "GB-SCT", "GB-WLS" };

/* A revenue line's category with the funder that goes with it. */
typedef struct source {
	const char *category, *label, *funder_kind, *public_level, *mode, *public_name;
} source;

static const source sources[] = {
	{ "membership_dues", "Cotisations des adhérents", "individual", NULL, "exchange", NULL },
	{ "individual_donations", "Dons des particuliers", "individual", NULL, "gift", NULL },
	{ "corporate_patronage", "Mécénat d'entreprise", "company", NULL, "co_construction", NULL },
	{ "foundation_grants", "Subvention de fondation", "foundation", NULL, "gift", NULL },
	{ "sales_services", "Prestations de services", "company", NULL, "exchange", NULL },
	{ "program_service_revenue", "Recettes d'activité", "individual", NULL, "exchange", NULL },
	{ "subsidy_state", "Subvention de l'État", "public_authority", "state", "gift", "Préfecture" },
	{ "subsidy_region", "Subvention de la Région", "public_authority", "region", "investment", "Région" },
	{ "subsidy_departement", "Subvention du Département", "public_authority", "departement", "gift", "Département" },
	{ "subsidy_commune", "Subvention de la commune", "public_authority", "commune", "gift", "Ville" },
	{ "public_contracts", "Marché public", "public_authority", "intercommunality", "exchange", "Métropole" },
	{ "investment_income", "Produits financiers", "company", NULL, "investment", NULL },
};
#define N_SOURCES (sizeof sources / sizeof sources[0])

static const char *const families[] = { "mecenat", "pratiques_responsables", "cooperation_economique",
					"innovation_societale", "public_partnership", "inter_association" };
static const char *const partner_kinds[] = { "company", "foundation", "public_authority", "association",
					     "research_body", "social_enterprise", "network" };
static const char *const contribution_kinds[] = { "money", "goods", "skills", "staff", "premises", "network",
						  "expertise", "territory_knowledge", "public_knowledge", "data",
						  "visibility" };
static const char *const practices[] = { "information_sharing", "coordinated_activities", "pooled_resources",
					 "capacity_building", "co_defined_objectives", "shared_governance",
					 "joint_evaluation", "co_created_solution" };
static const char *const scopes[] = { "local", "departemental", "regional", "national", "international" };
static const char *const funder_names[] = { "Alpha", "Bêta", "Gamma", "Delta", "Epsilon", "Zêta", "Êta", "Thêta" };

/* ---- pieces of a record --------------------------------------------------------- */

typedef struct org_ctx {
	int country; /* 0 FR, 1 US, 2 GB */
	const place *fr;
	const char *currency;
	double size;  /* typical annual revenue */
	uint64_t i;
} org_ctx;

static void territory(out *o, const org_ctx *c, int fine)
{
	if (c->country == 0) {
		put(o, "{\"country\":\"FR\",\"region\":\"%s\",\"departement\":\"%s\"", c->fr->region,
		    c->fr->departement);
		if (fine)
			put(o, ",\"commune\":\"%s\"", c->fr->commune);
		put(o, "}");
	} else if (c->country == 1) {
		put(o, "{\"country\":\"US\",\"region\":\"%s\"}", us_states[c->i % 6]);
	} else {
		put(o, "{\"country\":\"GB\",\"region\":\"%s\"}", gb_regions[c->i % 3]);
	}
}

static void funder(out *o, rng *r, const org_ctx *c, const source *s, unsigned which)
{
	put(o, ",\"funder\":{");
	if (strcmp(s->funder_kind, "company") == 0)
		put(o, "\"id\":{\"scheme\":\"siren\",\"value\":\"8%08u\"},", 10000000u + which * 7919u);
	else if (s->public_level)
		put(o, "\"id\":{\"scheme\":\"other\",\"value\":\"%s-%s\"},", s->public_level,
		    c->country == 0 ? c->fr->departement : "x");
	if (strcmp(s->funder_kind, "individual") == 0)
		put(o, "\"name\":\"Particuliers\",\"kind\":\"individual\"");
	else if (s->public_level)
		put(o, "\"name\":\"%s de %s\",\"kind\":\"public_authority\",\"public_level\":\"%s\"", s->public_name,
		    c->country == 0 ? c->fr->city : "Springfield", s->public_level);
	else
		put(o, "\"name\":\"%s %s\",\"kind\":\"%s\"",
		    strcmp(s->funder_kind, "foundation") == 0 ? "Fondation" : "Société", funder_names[which % 8],
		    s->funder_kind);
	if (chance(r, 70)) {
		put(o, ",\"territory\":");
		territory(o, c, chance(r, 50));
	}
	put(o, "}");
}

/* Twelve revenue lines; returns their sum. */
static double revenue(out *o, rng *r, const org_ctx *c, double scale)
{
	double sum = 0.0;
	unsigned k;
	put(o, "\"revenue\":[");
	for (k = 0; k < 12; k++) {
		const source *s = &sources[(k + c->i) % N_SOURCES];
		double amount = (double)(long)(scale * (0.02 + 0.25 * unit(r) * unit(r)));
		if (k == 11 && chance(r, 5))
			amount = -(double)(long)(scale * 0.01 * unit(r)); /* a loss on an asset sale */
		sum += amount;
		put(o, "%s{\"label\":\"%s\",\"category\":\"%s\",\"amount\":%.0f", k ? "," : "", s->label,
		    amount < 0 ? "asset_sales" : s->category, amount);
		if (chance(r, 80))
			put(o, ",\"mode\":\"%s\"", s->mode);
		if (chance(r, 30))
			put(o, ",\"restricted\":%s", chance(r, 50) ? "true" : "false");
		if (amount >= 0)
			funder(o, r, c, s, below(r, 4));
		put(o, "}");
	}
	put(o, "]");
	return sum;
}

static void people(out *o, rng *r, double scale)
{
	unsigned vol = 5 + below(r, 80), emp = below(r, 12), civic = below(r, 4), skills = below(r, 4);
	double vhours = vol * (20.0 + below(r, 150));
	put(o, ",\"people\":{\"volunteers\":{\"headcount\":%u,\"hours\":%.0f}", vol, vhours);
	put(o, ",\"employees\":{\"headcount\":%u", emp);
	if (emp && chance(r, 85))
		put(o, ",\"fte\":%.1f", emp * (0.5 + 0.5 * unit(r)));
	put(o, "}");
	put(o, ",\"civic_service\":{\"headcount\":%u", civic);
	if (civic)
		put(o, ",\"missions\":[{\"months\":%u,\"weekly_hours\":%u,\"volunteers\":%u}]", 6 + below(r, 7),
		    24 + below(r, 12), civic);
	put(o, "}");
	put(o, ",\"skills_sponsorship\":{\"headcount\":%u", skills);
	if (skills) {
		unsigned h = skills * (10 + below(r, 60));
		put(o, ",\"hours\":%u,\"sponsors\":[{\"company\":\"Société %s\",\"company_id\":{\"scheme\":\"siren\","
		       "\"value\":\"8%08u\"},\"headcount\":%u,\"hours\":%u}]",
		    h, funder_names[below(r, 8)], 10000000u + below(r, 4) * 7919u, skills, h);
	}
	put(o, "}}");
	(void)scale;
}

static void year(out *o, rng *r, const org_ctx *c, int y, double scale)
{
	double sum, total, assets, liabilities, hours = 1000.0 + below(r, 4000);
	put(o, "{\"year\":%d,\"currency\":\"%s\",", y, c->currency);
	sum = revenue(o, r, c, scale);
	if (c->country == 1)
		put(o, ",\"total_revenue\":%.0f", sum); /* Form 990 line 12 */
	total = (double)(long)(sum * (0.85 + 0.3 * unit(r)));
	put(o, ",\"expenses\":{\"total\":%.0f", total);
	if (chance(r, 90))
		put(o, ",\"program\":%.0f,\"admin\":%.0f,\"fundraising\":%.0f", total * 0.75, total * 0.17,
		    total * 0.08);
	put(o, ",\"depreciation\":%.0f}", total * 0.03);
	assets = (double)(long)(scale * (0.3 + unit(r)));
	liabilities = (double)(long)(assets * 0.6 * unit(r));
	put(o, ",\"balance\":{\"assets\":%.0f,\"liabilities\":%.0f,\"net_assets\":%.0f", assets, liabilities,
	    assets - liabilities);
	if (chance(r, 85))
		put(o, ",\"unrestricted_net_assets\":%.0f", (assets - liabilities) * 0.7);
	if (chance(r, 90))
		put(o, ",\"cash\":%.0f", (double)(long)(assets * 0.4 * unit(r)));
	put(o, ",\"net_fixed_assets\":%.0f}", (double)(long)(assets * 0.3));
	people(o, r, scale);
	put(o, ",\"in_kind\":[{\"kind\":\"volunteering\",\"value\":%.0f,\"hours\":%.0f,\"label\":\"Bénévolat "
	       "valorisé\"}",
	    hours * 12.0, hours);
	if (chance(r, 40))
		put(o, ",{\"kind\":\"goods\",\"value\":%u,\"label\":\"Matériel donné\"}", 100 + below(r, 5000));
	put(o, "]}");
}

static void alliance(out *o, rng *r, const org_ctx *c, unsigned a)
{
	unsigned np = 1 + below(r, 3), nc = 3 + below(r, 3), k, start = 2018 + below(r, 5);
	put(o, "{\"id\":\"alliance-%u\",\"name\":\"Partenariat n°%u\",\"family\":\"%s\",\"start\":\"%u-%02u\"", a + 1,
	    a + 1, families[below(r, 6)], start, 1 + below(r, 12));
	if (chance(r, 60))
		put(o, ",\"end\":\"%u\"", start + 1 + below(r, 4));
	put(o, ",\"currency\":\"%s\",\"partners\":[", c->currency);
	for (k = 0; k < np; k++) {
		const char *kind = partner_kinds[below(r, 7)];
		put(o, "%s{\"id\":\"p%u\",\"name\":\"Partenaire %s %u\",\"kind\":\"%s\"", k ? "," : "", k + 1,
		    funder_names[below(r, 8)], k + 1, kind);
		if (strcmp(kind, "public_authority") == 0)
			put(o, ",\"public_level\":\"commune\"");
		if (strcmp(kind, "company") == 0)
			put(o, ",\"identifier\":{\"scheme\":\"siren\",\"value\":\"7%08u\"}", 20000000u + below(r, 999));
		put(o, ",\"territory\":");
		territory(o, c, chance(r, 50));
		put(o, "}");
	}
	put(o, "],\"contributions\":[");
	for (k = 0; k < nc; k++) {
		unsigned party = below(r, np + 1);
		if (party)
			put(o, "%s{\"party\":\"p%u\"", k ? "," : "", party);
		else
			put(o, "%s{\"party\":\"self\"", k ? "," : "");
		put(o, ",\"kind\":\"%s\"", contribution_kinds[below(r, 11)]);
		if (chance(r, 70))
			put(o, ",\"value\":%u", 500 + below(r, 30000));
		if (chance(r, 40))
			put(o, ",\"hours\":%u", 10 + below(r, 500));
		put(o, ",\"description\":\"apport %u\"}", k + 1);
	}
	put(o, "],\"practices\":{");
	for (k = 0; k < 8; k++) {
		unsigned v = below(r, 3); /* true, false, or unknown (left out) */
		if (v < 2)
			put(o, "%s\"%s\":%s", o->p[o->len - 1] == '{' ? "" : ",", practices[k], v ? "true" : "false");
	}
	put(o, "}}");
}

size_t corpus_record(char *buf, size_t cap, uint64_t seed, uint64_t i)
{
	out o = { buf, 0, cap, 0 };
	rng r = { seed * 0x2545F4914F6CDD1Dull + i * 0x9E3779B97F4A7C15ull + 1 };
	org_ctx c;
	unsigned y, a;
	if (cap == 0)
		return 0;
	c.i = i;
	c.country = chance(&r, 70) ? 0 : chance(&r, 67) ? 1 : 2;
	c.fr = &fr_places[below(&r, N_FR)];
	c.currency = c.country == 0 ? "EUR" : c.country == 1 ? "USD" : "GBP";
	c.size = 10000.0 * (1.0 + 400.0 * unit(&r) * unit(&r) * unit(&r));
	if (c.country == 0)
		put(&o, "{\"id\":{\"scheme\":\"siren\",\"value\":\"9%08llu\"}", (unsigned long long)(i % 100000000u));
	else if (c.country == 1)
		put(&o, "{\"id\":{\"scheme\":\"ein\",\"value\":\"%02llu-%07llu\"}", (unsigned long long)(10 + i / 10000000u % 90),
		    (unsigned long long)(i % 10000000u));
	else
		put(&o, "{\"id\":{\"scheme\":\"gb_chc\",\"value\":\"%07llu\"}", (unsigned long long)(1000000u + i % 9000000u));
	put(&o, ",\"name\":\"Association synthétique n°%llu%s%s\"", (unsigned long long)i, c.country == 0 ? " de " : "",
	    c.country == 0 ? c.fr->city : "");
	put(&o, ",\"legal_form\":\"%s\",\"sector\":{\"scheme\":\"naf\",\"code\":\"94.99Z\"},\"territory\":",
	    c.country == 0 ? "association loi 1901" : c.country == 1 ? "501(c)(3) public charity" : "charity");
	territory(&o, &c, 1);
	put(&o, ",\"scope\":\"%s\"", scopes[below(&r, 5)]);
	if (c.country == 0)
		put(&o, ",\"priority_areas\":{\"qpv\":%s,\"frr\":%s,\"digital_fragility\":%u,\"vintage\":\"2024-01-01\"}",
		    chance(&r, 20) ? "true" : "false", chance(&r, 15) ? "true" : "false", 1 + below(&r, 10));
	put(&o, ",\"years\":[");
	for (y = 0; y < CORPUS_YEARS; y++) {
		put(&o, "%s", y ? "," : "");
		year(&o, &r, &c, 2021 + (int)y, c.size * (1.0 + 0.1 * y) * (0.9 + 0.2 * unit(&r)));
	}
	put(&o, "],\"alliances\":[");
	for (a = 0; a < CORPUS_ALLIANCES; a++) {
		put(&o, "%s", a ? "," : "");
		alliance(&o, &r, &c, a);
	}
	put(&o, "]}");
	return o.full ? 0 : o.len;
}

int corpus_write(FILE *fp, uint64_t seed, uint64_t n, uint64_t *bytes)
{
	static char buf[65536];
	uint64_t i, total = 0;
	for (i = 0; i < n; i++) {
		size_t len = corpus_record(buf, sizeof buf - 1, seed, i);
		if (len == 0)
			return -1;
		buf[len++] = '\n';
		if (fwrite(buf, 1, len, fp) != len)
			return -1;
		total += len;
	}
	if (bytes)
		*bytes = total;
	return fflush(fp) == 0 ? 0 : -1;
}
