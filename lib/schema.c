/*
 * The schema of the format "libassoc/1": one table per object type. Each
 * row gives a field's JSON key, its type, where it lives in the C struct of
 * lib/model.h, its flags and domain, its vocabulary or sub-schema, and its
 * unit. The generic walkers (model.c: init, dispose, clone, required check;
 * json_read.c; json_write.c; path.c) are driven by these tables only, so a
 * field added here is loaded, written, addressed and freed everywhere.
 * SPDX-License-Identifier: MIT
 *
 * Choices made here (docs/format.md follows them):
 *  - key order in the tables is the order of the written JSON;
 *  - an identifier is an object {scheme, value} with both required when
 *    the object is present; the organisation's own "id" is required;
 *  - revenue "amount", "total_revenue", "net_assets" and
 *    "unrestricted_net_assets" may be negative (net lines, losses, deficits:
 *    Form 990 filings have negative totals); every other money amount,
 *    hours, headcount and FTE is >= 0;
 *  - civic-service missions: 0 < months <= 12, 24 <= weekly_hours <= 35
 *    (service-civique rules), volunteers an integer >= 1 (absent = 1);
 *  - priority_areas.digital_fragility is 1..10 (10 = highest risk);
 *  - the eight practices are tri-state flags (absent = unknown).
 */
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "error.h"
#include "schema.h"

#define ROW(key, type, st, member, flags, vocab, sub, lo, hi, unit) \
	{ key, type, offsetof(st, member), flags, vocab, sub, lo, hi, unit }
#define NUM(st, m, flags, unit) ROW(#m, ASSOC__F_NUMBER, st, m, flags, -1, NULL, 0, 0, unit)
#define NUM_RANGE(st, m, type, flags, lo, hi, unit) \
	ROW(#m, type, st, m, (flags) | ASSOC__RANGE, -1, NULL, lo, hi, unit)
#define TEXT(st, m, type, flags) ROW(#m, type, st, m, flags, -1, NULL, 0, 0, NULL)
#define TERM(st, m, flags, vocab) ROW(#m, ASSOC__F_ENUM, st, m, flags, vocab, NULL, 0, 0, NULL)
#define FLAG(st, m) ROW(#m, ASSOC__F_BOOL, st, m, 0, -1, NULL, 0, 0, NULL)
#define OBJ(key, st, m, flags, sub) ROW(key, ASSOC__F_OBJECT, st, m, flags, -1, &sub, 0, 0, NULL)
#define ARR(st, m, sub) ROW(#m, ASSOC__F_ARRAY, st, m, 0, -1, &sub, 0, 0, NULL)
#define SCHEMA(var, label, st, rows) \
	{ label, sizeof(st), rows, sizeof(rows) / sizeof((rows)[0]) }

enum { REQ = ASSOC__REQUIRED, NONNEG = ASSOC__NONNEG };

/* ---- small objects -------------------------------------------------------- */

static const assoc__field ident_fields[] = {
	TERM(assoc__ident, scheme, REQ, ASSOC_VOCAB_ID_SCHEME),
	TEXT(assoc__ident, value, ASSOC__F_STRING, REQ),
};
const assoc__schema assoc__schema_ident = SCHEMA(ident, "identifier", assoc__ident, ident_fields);

static const assoc__field territory_fields[] = {
	TEXT(assoc__territory, country, ASSOC__F_STRING, 0),
	TEXT(assoc__territory, region, ASSOC__F_STRING, 0),
	TEXT(assoc__territory, departement, ASSOC__F_STRING, 0),
	TEXT(assoc__territory, commune, ASSOC__F_STRING, 0),
};
const assoc__schema assoc__schema_territory = SCHEMA(territory, "territory", assoc__territory, territory_fields);

static const assoc__field sector_fields[] = {
	TEXT(assoc__sector, scheme, ASSOC__F_STRING, 0),
	TEXT(assoc__sector, code, ASSOC__F_STRING, 0),
};
static const assoc__schema schema_sector = SCHEMA(sector, "sector", assoc__sector, sector_fields);

static const assoc__field priority_fields[] = {
	FLAG(assoc__priority, qpv),
	FLAG(assoc__priority, frr),
	NUM_RANGE(assoc__priority, digital_fragility, ASSOC__F_NUMBER, 0, 1, 10, "index"),
	TEXT(assoc__priority, vintage, ASSOC__F_DATE, 0),
};
static const assoc__schema schema_priority = SCHEMA(priority, "priority areas", assoc__priority, priority_fields);

/* ---- a year ------------------------------------------------------------- */

static const assoc__field funder_fields[] = {
	OBJ("id", assoc__funder, id, 0, assoc__schema_ident),
	TEXT(assoc__funder, name, ASSOC__F_NAME, 0),
	TERM(assoc__funder, kind, 0, ASSOC_VOCAB_PARTNER_KIND),
	TERM(assoc__funder, public_level, 0, ASSOC_VOCAB_PUBLIC_LEVEL),
	OBJ("territory", assoc__funder, territory, 0, assoc__schema_territory),
};
static const assoc__schema schema_funder = SCHEMA(funder, "funder", assoc__funder, funder_fields);

static const assoc__field revenue_fields[] = {
	TEXT(assoc__revenue, label, ASSOC__F_STRING, 0),
	TERM(assoc__revenue, category, REQ, ASSOC_VOCAB_CATEGORY),
	NUM(assoc__revenue, amount, REQ, "currency"),
	TEXT(assoc__revenue, currency, ASSOC__F_CURRENCY, 0),
	TERM(assoc__revenue, mode, 0, ASSOC_VOCAB_MODE),
	FLAG(assoc__revenue, restricted),
	OBJ("funder", assoc__revenue, funder, 0, schema_funder),
};
static const assoc__schema schema_revenue = SCHEMA(revenue, "revenue line", assoc__revenue, revenue_fields);

static const assoc__field expenses_fields[] = {
	NUM(assoc__expenses, total, NONNEG, "currency"),
	NUM(assoc__expenses, program, NONNEG, "currency"),
	NUM(assoc__expenses, admin, NONNEG, "currency"),
	NUM(assoc__expenses, fundraising, NONNEG, "currency"),
	NUM(assoc__expenses, depreciation, NONNEG, "currency"),
};
static const assoc__schema schema_expenses = SCHEMA(expenses, "expenses", assoc__expenses, expenses_fields);

static const assoc__field balance_fields[] = {
	NUM(assoc__balance, assets, NONNEG, "currency"),
	NUM(assoc__balance, liabilities, NONNEG, "currency"),
	NUM(assoc__balance, net_assets, 0, "currency"),
	NUM(assoc__balance, unrestricted_net_assets, 0, "currency"),
	NUM(assoc__balance, cash, NONNEG, "currency"),
	NUM(assoc__balance, net_fixed_assets, NONNEG, "currency"),
};
static const assoc__schema schema_balance = SCHEMA(balance, "balance sheet", assoc__balance, balance_fields);

static const assoc__field mission_fields[] = {
	NUM_RANGE(assoc__mission, months, ASSOC__F_NUMBER, ASSOC__MIN_OPEN, 0, 12, "months"),
	NUM_RANGE(assoc__mission, weekly_hours, ASSOC__F_NUMBER, 0, 24, 35, "hours/week"),
	NUM_RANGE(assoc__mission, volunteers, ASSOC__F_INTEGER, 0, 1, HUGE_VAL, "count"),
};
static const assoc__schema schema_mission = SCHEMA(mission, "civic-service mission", assoc__mission, mission_fields);

static const assoc__field sponsor_fields[] = {
	TEXT(assoc__sponsor, company, ASSOC__F_NAME, 0),
	OBJ("company_id", assoc__sponsor, company_id, 0, assoc__schema_ident),
	NUM(assoc__sponsor, headcount, NONNEG, "count"),
	NUM(assoc__sponsor, hours, NONNEG, "hours"),
};
static const assoc__schema schema_sponsor = SCHEMA(sponsor, "skills sponsor", assoc__sponsor, sponsor_fields);

/* The four kinds of people share one struct; only civic service has
 * missions and only skills sponsorship has sponsors. */
#define GROUP_COUNTS                                                   \
	NUM(assoc__people_group, headcount, NONNEG, "count"),          \
	NUM(assoc__people_group, hours, NONNEG, "hours"),              \
	NUM(assoc__people_group, fte, NONNEG, "fte")

static const assoc__field group_fields[] = { GROUP_COUNTS };
static const assoc__schema schema_group = SCHEMA(group, "people group", assoc__people_group, group_fields);

static const assoc__field civic_fields[] = {
	GROUP_COUNTS,
	ARR(assoc__people_group, missions, schema_mission),
};
static const assoc__schema schema_civic = SCHEMA(civic, "civic service", assoc__people_group, civic_fields);

static const assoc__field skills_fields[] = {
	GROUP_COUNTS,
	ARR(assoc__people_group, sponsors, schema_sponsor),
};
static const assoc__schema schema_skills = SCHEMA(skills, "skills sponsorship", assoc__people_group, skills_fields);

static const assoc__field people_fields[] = {
	OBJ("volunteers", assoc__people, group[ASSOC_PEOPLE_VOLUNTEERS], 0, schema_group),
	OBJ("employees", assoc__people, group[ASSOC_PEOPLE_EMPLOYEES], 0, schema_group),
	OBJ("civic_service", assoc__people, group[ASSOC_PEOPLE_CIVIC_SERVICE], 0, schema_civic),
	OBJ("skills_sponsorship", assoc__people, group[ASSOC_PEOPLE_SKILLS_SPONSORSHIP], 0, schema_skills),
};
static const assoc__schema schema_people = SCHEMA(people, "people", assoc__people, people_fields);

static const assoc__field inkind_fields[] = {
	TERM(assoc__inkind, kind, REQ, ASSOC_VOCAB_INKIND_KIND),
	NUM(assoc__inkind, value, NONNEG, "currency"),
	NUM(assoc__inkind, hours, NONNEG, "hours"),
	TEXT(assoc__inkind, label, ASSOC__F_STRING, 0),
};
static const assoc__schema schema_inkind = SCHEMA(inkind, "in-kind contribution", assoc__inkind, inkind_fields);

static const assoc__field year_fields[] = {
	NUM_RANGE(assoc__year, year, ASSOC__F_INTEGER, REQ, 1900, 2100, "year"),
	TEXT(assoc__year, currency, ASSOC__F_CURRENCY, REQ),
	NUM(assoc__year, total_revenue, 0, "currency"),
	FLAG(assoc__year, revenue_complete),
	ARR(assoc__year, revenue, schema_revenue),
	OBJ("expenses", assoc__year, expenses, 0, schema_expenses),
	OBJ("balance", assoc__year, balance, 0, schema_balance),
	OBJ("people", assoc__year, people, 0, schema_people),
	ARR(assoc__year, in_kind, schema_inkind),
	TEXT(assoc__year, note, ASSOC__F_STRING, 0),
};
const assoc__schema assoc__schema_year = SCHEMA(year, "year", assoc__year, year_fields);

/* ---- an alliance -------------------------------------------------------- */

static const assoc__field partner_fields[] = {
	TEXT(assoc__partner, id, ASSOC__F_STRING, REQ),
	TEXT(assoc__partner, name, ASSOC__F_NAME, 0),
	TERM(assoc__partner, kind, REQ, ASSOC_VOCAB_PARTNER_KIND),
	TERM(assoc__partner, public_level, 0, ASSOC_VOCAB_PUBLIC_LEVEL),
	OBJ("identifier", assoc__partner, identifier, 0, assoc__schema_ident),
	OBJ("territory", assoc__partner, territory, 0, assoc__schema_territory),
};
static const assoc__schema schema_partner = SCHEMA(partner, "partner", assoc__partner, partner_fields);

static const assoc__field contribution_fields[] = {
	TEXT(assoc__contribution, party, ASSOC__F_STRING, REQ),
	TERM(assoc__contribution, kind, REQ, ASSOC_VOCAB_CONTRIBUTION_KIND),
	NUM(assoc__contribution, value, NONNEG, "currency"),
	NUM(assoc__contribution, hours, NONNEG, "hours"),
	TEXT(assoc__contribution, description, ASSOC__F_STRING, 0),
};
static const assoc__schema schema_contribution =
	SCHEMA(contribution, "contribution", assoc__contribution, contribution_fields);

/* The practices object is the int array practices[] seen as a struct: the
 * offsets are relative to practices[0]. Keys are the vocabulary ids. */
typedef struct practices_view {
	int p[ASSOC_PRACTICE__COUNT];
} practices_view;
#define PRACTICE(key, i) ROW(key, ASSOC__F_BOOL, practices_view, p[i], 0, -1, NULL, 0, 0, NULL)
static const assoc__field practices_fields[] = {
	PRACTICE("information_sharing", ASSOC_PRACTICE_INFORMATION_SHARING),
	PRACTICE("coordinated_activities", ASSOC_PRACTICE_COORDINATED_ACTIVITIES),
	PRACTICE("pooled_resources", ASSOC_PRACTICE_POOLED_RESOURCES),
	PRACTICE("capacity_building", ASSOC_PRACTICE_CAPACITY_BUILDING),
	PRACTICE("co_defined_objectives", ASSOC_PRACTICE_CO_DEFINED_OBJECTIVES),
	PRACTICE("shared_governance", ASSOC_PRACTICE_SHARED_GOVERNANCE),
	PRACTICE("joint_evaluation", ASSOC_PRACTICE_JOINT_EVALUATION),
	PRACTICE("co_created_solution", ASSOC_PRACTICE_CO_CREATED_SOLUTION),
};
static const assoc__schema schema_practices = SCHEMA(practices, "practices", practices_view, practices_fields);

static const assoc__field alliance_fields[] = {
	TEXT(assoc__alliance, id, ASSOC__F_STRING, REQ),
	TEXT(assoc__alliance, name, ASSOC__F_NAME, 0),
	TERM(assoc__alliance, family, REQ, ASSOC_VOCAB_FAMILY),
	TEXT(assoc__alliance, start, ASSOC__F_DATE, 0),
	TEXT(assoc__alliance, end, ASSOC__F_DATE, 0),
	TEXT(assoc__alliance, currency, ASSOC__F_CURRENCY, 0),
	ARR(assoc__alliance, partners, schema_partner),
	ARR(assoc__alliance, contributions, schema_contribution),
	OBJ("practices", assoc__alliance, practices, 0, schema_practices),
};
const assoc__schema assoc__schema_alliance = SCHEMA(alliance, "alliance", assoc__alliance, alliance_fields);

/* ---- the organisation --------------------------------------------------- */

static const assoc__field org_fields[] = {
	OBJ("id", struct assoc_org, id, REQ, assoc__schema_ident),
	TEXT(struct assoc_org, name, ASSOC__F_NAME, REQ),
	TEXT(struct assoc_org, legal_form, ASSOC__F_STRING, 0),
	OBJ("sector", struct assoc_org, sector, 0, schema_sector),
	OBJ("territory", struct assoc_org, territory, 0, assoc__schema_territory),
	TERM(struct assoc_org, scope, 0, ASSOC_VOCAB_SCOPE),
	OBJ("priority_areas", struct assoc_org, priority, 0, schema_priority),
	ARR(struct assoc_org, years, assoc__schema_year),
	ARR(struct assoc_org, alliances, assoc__schema_alliance),
};
const assoc__schema assoc__schema_org = SCHEMA(org, "organisation", struct assoc_org, org_fields);

/* ---- lookups ------------------------------------------------------------ */

const assoc__field *assoc__schema_field(const assoc__schema *schema, const char *key)
{
	size_t i;
	/* Linear: the widest object has ten fields. */
	for (i = 0; i < schema->nfields; i++)
		if (schema->fields[i].name[0] == key[0] && strcmp(schema->fields[i].name, key) == 0)
			return &schema->fields[i];
	return NULL;
}

/* ---- the list of every path, for docs/format.md ------------------------- */

typedef struct path_list {
	assoc__schema_path *items;
	size_t n, cap;
} path_list;

static int list_push(path_list *l, const char *pattern, const assoc__field *f, const assoc__schema *owner)
{
	assoc__vec v = { l->items, l->n, l->cap };
	assoc__schema_path *slot;
	char *copy = assoc__strdup(pattern);
	if (!copy || assoc__vec_push(&v, sizeof *slot, (void **)&slot) < 0) {
		assoc__free(copy);
		return ASSOC_ENOMEM;
	}
	l->items = v.items;
	l->n = v.n;
	l->cap = v.cap;
	slot->pattern = copy;
	slot->field = f;
	slot->owner = owner;
	return 0;
}

static int list_schema(path_list *l, const assoc__schema *s, assoc__buf *prefix)
{
	size_t i, mark;
	int rc;
	for (i = 0; i < s->nfields; i++) {
		const assoc__field *f = &s->fields[i];
		mark = prefix->len;
		assoc__buf_printf(prefix, "/%s", f->name);
		if (prefix->oom)
			return ASSOC_ENOMEM;
		if ((rc = list_push(l, prefix->data, f, s)) < 0)
			return rc;
		if (f->type == ASSOC__F_ARRAY)
			assoc__buf_puts(prefix, "/*");
		if (f->sub && (rc = list_schema(l, f->sub, prefix)) < 0)
			return rc;
		prefix->len = mark;
		prefix->data[mark] = '\0';
	}
	return 0;
}

int assoc__schema_paths(assoc__schema_path **out, size_t *n)
{
	path_list l = { NULL, 0, 0 };
	assoc__buf prefix = ASSOC__BUF_INIT;
	int rc = list_schema(&l, &assoc__schema_org, &prefix);
	assoc__buf_dispose(&prefix);
	*out = NULL;
	*n = 0;
	if (rc < 0) {
		assoc__schema_paths_free(l.items, l.n);
		return assoc__error_oom();
	}
	*out = l.items;
	*n = l.n;
	return 0;
}

void assoc__schema_paths_free(assoc__schema_path *paths, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		assoc__free(paths[i].pattern);
	assoc__free(paths);
}
