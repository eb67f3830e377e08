/*
 * The bad-input catalogue: every way a "libassoc/1" document can be wrong,
 * each with the exact error code and the exact JSON Pointer (or line and
 * column for the JSON syntax) that the loader must report; plus the inputs
 * that look suspicious but are legitimate (net negative lines, functional
 * expenses above the total, French labels), which must load.
 *
 * Documents are written with single quotes for readability; run_case()
 * turns every ' into " before loading (no case needs a literal apostrophe).
 * Paths are relative to the organisation object (lib/json_read.c).
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "harness.h"
#include "schema.h"
#include "validate.h"

/* Load options of a case. */
enum opts_kind {
	O_DEFAULT = 0,
	O_LENIENT,     /* unknown keys become warnings */
	O_SMALL_ITEMS, /* max_items 2 */
	O_ONE_YEAR,    /* max_years 1 */
	O_SHORT_TEXT,  /* max_string_bytes 10 */
	O_SHALLOW,     /* max_depth 4 */
	O_TINY_DOC     /* max_document_bytes 16 */
};

typedef struct bad_case {
	const char *name;
	const char *json; /* single-quoted JSON */
	enum opts_kind opts;
	int code;         /* expected return code (0: must load) */
	const char *path; /* expected error path; for code 0 and O_LENIENT, the first warning's path */
	int line, column; /* expected position of a syntax error (0: not checked) */
} bad_case;

/* A valid organisation head; cases append fields and close with TAIL. */
#define HEAD "{'format':'libassoc/1','organisation':{'id':{'scheme':'siren','value':'912345672'},'name':'Asso'"
#define TAIL "}}"
/* A year with whatever fields follow. */
#define YEAR(body) ",'years':[{'year':2023,'currency':'EUR'" body "}]"
#define REV(body) YEAR(",'revenue':[{'label':'x','category':'membership_dues','amount':100" body "}]")
#define PEOPLE(body) YEAR(",'people':{" body "}")
/* An alliance with one partner p1 and the given extra fields. */
#define ALLIANCE(body) ",'alliances':[{'id':'a1','family':'mecenat','partners':[{'id':'p1','kind':'company'}]" body "}]"
#define FR(terr) ",'territory':{'country':'FR'," terr "}"

static const bad_case cases[] = {
	/* ---- JSON syntax and encoding ---- */
	{"malformed JSON (missing colon)",
	 "{\n 'format': 'libassoc/1',\n 'organisation': {'id' }\n}", O_DEFAULT, ASSOC_EPARSE, "", 3, 24},
	{"truncated document", HEAD ",'years':[{'year':2023", O_DEFAULT, ASSOC_EPARSE, "", 1, 0},
	{"empty input", "", O_DEFAULT, ASSOC_EPARSE, "", 0, 0},
	{"trailing garbage", HEAD TAIL " x", O_DEFAULT, ASSOC_EPARSE, "", 1, 0},
	{"invalid UTF-8 byte in the name",
	 "{'format':'libassoc/1','organisation':{'id':{'scheme':'siren','value':'912345672'},'name':'Caf\xC3('}}",
	 O_DEFAULT, ASSOC_EUTF8, "", 1, 95},
	{"overlong UTF-8 encoding of '/'",
	 "{'format':'libassoc/1',\n'organisation':{'name':'\xC0\xAF'}}", O_DEFAULT, ASSOC_EUTF8, "", 2, 25},
	{"control: the revenue line the cases vary loads", HEAD REV("") TAIL, O_DEFAULT, 0, NULL, 0, 0},
	{"NaN literal is not JSON", HEAD YEAR(",'total_revenue':NaN") TAIL, O_DEFAULT, ASSOC_EPARSE, "", 1, 0},
	{"Infinity literal is not JSON", HEAD YEAR(",'total_revenue':Infinity") TAIL, O_DEFAULT, ASSOC_EPARSE, "",
	 1, 0},
	{"1e999 overflows to infinity", HEAD YEAR(",'revenue':[{'category':'membership_dues','amount':1e999}]") TAIL,
	 O_DEFAULT, ASSOC_EVALUE, "/years/0/revenue/0/amount", 0, 0},
	{"-1e999 overflows to -infinity", HEAD YEAR(",'total_revenue':-1e999") TAIL, O_DEFAULT, ASSOC_EVALUE,
	 "/years/0/total_revenue", 0, 0},

	/* ---- wrapper and version ---- */
	{"format libassoc/2", "{'format':'libassoc/2','organisation':{}}", O_DEFAULT, ASSOC_EVERSION, "/format", 0,
	 0},
	{"format is a number", "{'format':1,'organisation':{}}", O_DEFAULT, ASSOC_ETYPE, "/format", 0, 0},
	{"format missing", "{'organisation':{}}", O_DEFAULT, ASSOC_EMISSING, "/format", 0, 0},
	{"document is an array", "[1,2]", O_DEFAULT, ASSOC_ETYPE, "", 0, 0},
	{"bare organisation object loads",
	 "{'id':{'scheme':'rna','value':'W751234567'},'name':'Bare'}", O_DEFAULT, 0, NULL, 0, 0},

	/* ---- types ---- */
	{"name is a number", "{'format':'libassoc/1','organisation':{'id':{'scheme':'siren','value':'912345672'},"
			     "'name':42}}", O_DEFAULT, ASSOC_ETYPE, "/name", 0, 0},
	{"years is an object", HEAD ",'years':{}" TAIL, O_DEFAULT, ASSOC_ETYPE, "/years", 0, 0},
	{"amount is a string", HEAD YEAR(",'revenue':[{'category':'membership_dues','amount':'100'}]") TAIL,
	 O_DEFAULT, ASSOC_ETYPE, "/years/0/revenue/0/amount", 0, 0},
	{"qpv is a number", HEAD ",'priority_areas':{'qpv':1}" TAIL, O_DEFAULT, ASSOC_ETYPE, "/priority_areas/qpv", 0,
	 0},
	/* Flags accept the string "unknown" (and nothing else as a string). */
	{"qpv is 'yes'", HEAD ",'priority_areas':{'qpv':'yes'}" TAIL, O_DEFAULT, ASSOC_EVALUE, "/priority_areas/qpv",
	 0, 0},
	{"practice 'unknown' loads", HEAD ALLIANCE(",'practices':{'shared_governance':'unknown','joint_evaluation':"
						   "null}") TAIL, O_DEFAULT, 0, NULL, 0, 0},
	{"practice is a number", HEAD ALLIANCE(",'practices':{'shared_governance':1}") TAIL, O_DEFAULT, ASSOC_ETYPE,
	 "/alliances/0/practices/shared_governance", 0, 0},

	/* ---- unknown keys ---- */
	{"unknown key (strict)", HEAD ",'colour':'blue'" TAIL, O_DEFAULT, ASSOC_EUNKNOWNKEY, "/colour", 0, 0},
	{"unknown key (lenient: warning)", HEAD ",'colour':'blue'" TAIL, O_LENIENT, 0, "/colour", 0, 0},
	{"unknown nested key (strict)", HEAD REV(",'comment':'x'") TAIL, O_DEFAULT, ASSOC_EUNKNOWNKEY,
	 "/years/0/revenue/0/comment", 0, 0},
	{"unknown nested key (lenient: warning)", HEAD REV(",'comment':'x'") TAIL, O_LENIENT, 0,
	 "/years/0/revenue/0/comment", 0, 0},

	/* ---- vocabularies ---- */
	{"unknown category", HEAD YEAR(",'revenue':[{'category':'grants','amount':1}]") TAIL, O_DEFAULT,
	 ASSOC_ELABEL, "/years/0/revenue/0/category", 0, 0},
	{"unknown family", HEAD ",'alliances':[{'id':'a','family':'sponsoring','partners':[{'id':'p','kind':"
			   "'company'}]}]" TAIL, O_DEFAULT, ASSOC_ELABEL, "/alliances/0/family", 0, 0},
	{"unknown mode", HEAD REV(",'mode':'loan'") TAIL, O_DEFAULT, ASSOC_ELABEL, "/years/0/revenue/0/mode", 0, 0},
	{"unknown partner kind", HEAD ",'alliances':[{'id':'a','family':'mecenat','partners':[{'id':'p','kind':"
				 "'bank'}]}]" TAIL, O_DEFAULT, ASSOC_ELABEL, "/alliances/0/partners/0/kind", 0, 0},
	{"French label 'Mécénat' matches", HEAD ",'alliances':[{'id':'a','family':'M\xC3\xA9" "c\xC3\xA9nat',"
					   "'partners':[{'id':'p','kind':'company'}]}]" TAIL, O_DEFAULT, 0, NULL, 0, 0},
	{"French label 'MECENAT' matches", HEAD ",'alliances':[{'id':'a','family':'MECENAT','partners':[{'id':'p',"
					   "'kind':'entreprise'}]}]" TAIL, O_DEFAULT, 0, NULL, 0, 0},
	{"French category label matches", HEAD YEAR(",'revenue':[{'category':'Subvention du d\xC3\xA9partement',"
						    "'amount':1}]") TAIL, O_DEFAULT, 0, NULL, 0, 0},

	/* ---- domains ---- */
	{"negative total expenses", HEAD YEAR(",'expenses':{'total':-1}") TAIL, O_DEFAULT, ASSOC_EVALUE,
	 "/years/0/expenses/total", 0, 0},
	{"negative cash", HEAD YEAR(",'balance':{'cash':-0.5}") TAIL, O_DEFAULT, ASSOC_EVALUE,
	 "/years/0/balance/cash", 0, 0},
	{"negative volunteer hours", HEAD PEOPLE("'volunteers':{'hours':-10}") TAIL, O_DEFAULT, ASSOC_EVALUE,
	 "/years/0/people/volunteers/hours", 0, 0},
	{"negative contribution value", HEAD ALLIANCE(",'contributions':[{'party':'p1','kind':'money','value':-5}]")
	 TAIL, O_DEFAULT, ASSOC_EVALUE, "/alliances/0/contributions/0/value", 0, 0},
	{"negative revenue line loads (net line)", HEAD REV("},{'category':'asset_sales','amount':-1000") TAIL,
	 O_DEFAULT, 0, NULL, 0, 0},
	{"negative net assets load (deficit)", HEAD YEAR(",'balance':{'net_assets':-20000}") TAIL, O_DEFAULT, 0,
	 NULL, 0, 0},
	{"functional expenses above the total load",
	 HEAD YEAR(",'expenses':{'total':100,'program':90,'admin':20,'fundraising':5}") TAIL, O_DEFAULT, 0, NULL, 0,
	 0},
	{"civic mission of 40 h/week", HEAD PEOPLE("'civic_service':{'missions':[{'months':6,'weekly_hours':40}]}")
	 TAIL, O_DEFAULT, ASSOC_EVALUE, "/years/0/people/civic_service/missions/0/weekly_hours", 0, 0},
	{"civic mission of 0 months", HEAD PEOPLE("'civic_service':{'missions':[{'months':0,'weekly_hours':24}]}")
	 TAIL, O_DEFAULT, ASSOC_EVALUE, "/years/0/people/civic_service/missions/0/months", 0, 0},
	{"civic mission of 13 months", HEAD PEOPLE("'civic_service':{'missions':[{'months':13,'weekly_hours':24}]}")
	 TAIL, O_DEFAULT, ASSOC_EVALUE, "/years/0/people/civic_service/missions/0/months", 0, 0},
	{"civic mission with 1.5 volunteers",
	 HEAD PEOPLE("'civic_service':{'missions':[{'months':6,'weekly_hours':24,'volunteers':1.5}]}") TAIL,
	 O_DEFAULT, ASSOC_EVALUE, "/years/0/people/civic_service/missions/0/volunteers", 0, 0},
	{"digital fragility index 11", HEAD ",'priority_areas':{'digital_fragility':11}" TAIL, O_DEFAULT,
	 ASSOC_EVALUE, "/priority_areas/digital_fragility", 0, 0},
	{"year 1800", HEAD ",'years':[{'year':1800,'currency':'EUR'}]" TAIL, O_DEFAULT, ASSOC_EVALUE,
	 "/years/0/year", 0, 0},
	{"year 2023.5", HEAD ",'years':[{'year':2023.5,'currency':'EUR'}]" TAIL, O_DEFAULT, ASSOC_EVALUE,
	 "/years/0/year", 0, 0},

	/* ---- missing required values ---- */
	{"missing name", "{'format':'libassoc/1','organisation':{'id':{'scheme':'siren','value':'912345672'}}}",
	 O_DEFAULT, ASSOC_EMISSING, "/name", 0, 0},
	{"missing id", "{'format':'libassoc/1','organisation':{'name':'Asso'}}", O_DEFAULT, ASSOC_EMISSING, "/id", 0,
	 0},
	{"missing category", HEAD YEAR(",'revenue':[{'amount':1}]") TAIL, O_DEFAULT, ASSOC_EMISSING,
	 "/years/0/revenue/0/category", 0, 0},
	{"missing amount", HEAD YEAR(",'revenue':[{'category':'membership_dues'}]") TAIL, O_DEFAULT, ASSOC_EMISSING,
	 "/years/0/revenue/0/amount", 0, 0},
	{"missing year currency", HEAD ",'years':[{'year':2023}]" TAIL, O_DEFAULT, ASSOC_EMISSING,
	 "/years/0/currency", 0, 0},
	{"missing contribution party", HEAD ALLIANCE(",'contributions':[{'kind':'money'}]") TAIL, O_DEFAULT,
	 ASSOC_EMISSING, "/alliances/0/contributions/0/party", 0, 0},
	{"identifier value without scheme", HEAD ",'alliances':[{'id':'a','family':'mecenat','partners':[{'id':'p',"
					    "'kind':'company','identifier':{'value':'912345672'}}]}]" TAIL, O_DEFAULT,
	 ASSOC_EMISSING, "/alliances/0/partners/0/identifier/scheme", 0, 0},
	{"alliance without partners", HEAD ",'alliances':[{'id':'a','family':'mecenat'}]" TAIL, O_DEFAULT,
	 ASSOC_EMISSING, "/alliances/0/partners", 0, 0},

	/* ---- uniqueness and references ---- */
	{"duplicate year", HEAD ",'years':[{'year':2023,'currency':'EUR'},{'year':2023,'currency':'EUR'}]" TAIL,
	 O_DEFAULT, ASSOC_EDUPLICATE, "/years/1/year", 0, 0},
	{"duplicate alliance id", HEAD ",'alliances':[{'id':'a','family':'mecenat','partners':[{'id':'p','kind':"
				  "'company'}]},{'id':'a','family':'mecenat','partners':[{'id':'p','kind':'company'}]}]"
	 TAIL, O_DEFAULT, ASSOC_EDUPLICATE, "/alliances/1/id", 0, 0},
	{"duplicate JSON key", HEAD ",'name':'Other'" TAIL, O_DEFAULT, ASSOC_EDUPLICATE, "/name", 0, 0},
	{"duplicate partner id", HEAD ",'alliances':[{'id':'a','family':'mecenat','partners':[{'id':'p','kind':"
				 "'company'},{'id':'p','kind':'foundation'}]}]" TAIL, O_DEFAULT, ASSOC_EDUPLICATE,
	 "/alliances/0/partners/1/id", 0, 0},
	{"partner named self", HEAD ",'alliances':[{'id':'a','family':'mecenat','partners':[{'id':'self','kind':"
			       "'company'}]}]" TAIL, O_DEFAULT, ASSOC_EVALUE, "/alliances/0/partners/0/id", 0, 0},
	{"dangling contribution party",
	 HEAD ",'alliances':[{'id':'a','family':'mecenat','partners':[{'id':'p','kind':'company'}],"
	 "'contributions':[{'party':'p','kind':'money','value':1}]},"
	 "{'id':'b','family':'mecenat','partners':[{'id':'q','kind':'company'}],"
	 "'contributions':[{'party':'p','kind':'money','value':1}]}]" TAIL,
	 O_DEFAULT, ASSOC_EREF, "/alliances/1/contributions/0/party", 0, 0},

	/* ---- dates ---- */
	{"end before start", HEAD ALLIANCE(",'start':'2023-06-01','end':'2023-05-31'") TAIL, O_DEFAULT, ASSOC_EDATE,
	 "/alliances/0/end", 0, 0},
	{"end year before start month", HEAD ALLIANCE(",'start':'2023-06','end':'2022'") TAIL, O_DEFAULT,
	 ASSOC_EDATE, "/alliances/0/end", 0, 0},
	{"end year containing the start loads", HEAD ALLIANCE(",'start':'2023-06','end':'2023'") TAIL, O_DEFAULT, 0,
	 NULL, 0, 0},
	{"30 February", HEAD ALLIANCE(",'start':'2023-02-30'") TAIL, O_DEFAULT, ASSOC_EDATE, "/alliances/0/start", 0,
	 0},
	{"29 February of a common year", HEAD ALLIANCE(",'start':'2023-02-29'") TAIL, O_DEFAULT, ASSOC_EDATE,
	 "/alliances/0/start", 0, 0},
	{"29 February of a leap year loads", HEAD ALLIANCE(",'start':'2024-02-29'") TAIL, O_DEFAULT, 0, NULL, 0, 0},
	{"month 13", HEAD ALLIANCE(",'end':'2023-13'") TAIL, O_DEFAULT, ASSOC_EDATE, "/alliances/0/end", 0, 0},
	{"date in another format", HEAD ",'priority_areas':{'vintage':'01/01/2024'}" TAIL, O_DEFAULT, ASSOC_EDATE,
	 "/priority_areas/vintage", 0, 0},

	/* ---- currencies ---- */
	{"mixed currencies in a year", HEAD REV("},{'category':'individual_donations','amount':5,'currency':'USD'")
	 TAIL, O_DEFAULT, ASSOC_ECURRENCY, "/years/0/revenue/1/currency", 0, 0},
	{"unknown currency", HEAD ",'years':[{'year':2023,'currency':'EURO'}]" TAIL, O_DEFAULT, ASSOC_ECURRENCY,
	 "/years/0/currency", 0, 0},

	/* ---- territory ---- */
	{"département 20", HEAD FR("'departement':'20'") TAIL, O_DEFAULT, ASSOC_ETERRITORY, "/territory/departement",
	 0, 0},
	{"région 99", HEAD FR("'region':'99'") TAIL, O_DEFAULT, ASSOC_ETERRITORY, "/territory/region", 0, 0},
	{"commune not in the département", HEAD FR("'departement':'86','commune':'44109'") TAIL, O_DEFAULT,
	 ASSOC_ETERRITORY, "/territory/commune", 0, 0},
	{"département not in the région", HEAD FR("'region':'52','departement':'86'") TAIL, O_DEFAULT,
	 ASSOC_ETERRITORY, "/territory/departement", 0, 0},
	{"funder in région 99",
	 HEAD REV(",'funder':{'name':'R','kind':'public_authority','public_level':'region','territory':{'country':'FR',"
		  "'region':'99'}}") TAIL, O_DEFAULT, ASSOC_ETERRITORY, "/years/0/revenue/0/funder/territory/region", 0,
	 0},
	{"partner in département 96",
	 HEAD ",'alliances':[{'id':'a','family':'mecenat','partners':[{'id':'p','kind':'company','territory':{"
	 "'country':'FR','departement':'96'}}]}]" TAIL, O_DEFAULT, ASSOC_ETERRITORY,
	 "/alliances/0/partners/0/territory/departement", 0, 0},
	{"US codes are opaque", HEAD ",'territory':{'country':'US','region':'99','departement':'20'}" TAIL,
	 O_DEFAULT, 0, NULL, 0, 0},

	/* ---- identifiers ---- */
	{"bad SIREN (8 digits)", "{'format':'libassoc/1','organisation':{'id':{'scheme':'siren','value':'91234567'},"
				 "'name':'A'}}", O_DEFAULT, ASSOC_EVALUE, "/id/value", 0, 0},
	{"bad RNA", "{'format':'libassoc/1','organisation':{'id':{'scheme':'rna','value':'X751234567'},'name':'A'}}",
	 O_DEFAULT, ASSOC_EVALUE, "/id/value", 0, 0},
	{"bad EIN of a funder", HEAD REV(",'funder':{'id':{'scheme':'ein','value':'12-345678'}}") TAIL, O_DEFAULT,
	 ASSOC_EVALUE, "/years/0/revenue/0/funder/id/value", 0, 0},
	{"unknown identifier scheme", "{'format':'libassoc/1','organisation':{'id':{'scheme':'vat','value':'1'},"
				      "'name':'A'}}", O_DEFAULT, ASSOC_ELABEL, "/id/scheme", 0, 0},

	/* ---- impossible combinations ---- */
	{"public level of a company", HEAD REV(",'funder':{'kind':'company','public_level':'commune'}") TAIL,
	 O_DEFAULT, ASSOC_EVALUE, "/years/0/revenue/0/funder/public_level", 0, 0},
	{"hours worked by nobody", HEAD PEOPLE("'volunteers':{'headcount':0,'hours':100}") TAIL, O_DEFAULT,
	 ASSOC_EVALUE, "/years/0/people/volunteers/hours", 0, 0},
	{"sponsors' hours above the group's",
	 HEAD PEOPLE("'skills_sponsorship':{'hours':100,'sponsors':[{'company':'A','hours':80},{'company':'B','hours':"
		     "40}]}") TAIL, O_DEFAULT, ASSOC_EVALUE, "/years/0/people/skills_sponsorship/hours", 0, 0},

	/* ---- limits ---- */
	{"nesting at max_depth loads", HEAD ",'sector':{'scheme':'naf','code':'x'}" TAIL, O_SHALLOW, 0, NULL, 0, 0},
	{"nesting deeper than max_depth", HEAD PEOPLE("'civic_service':{'missions':[{'months':6,'weekly_hours':24}]}")
	 TAIL, O_SHALLOW, ASSOC_ELIMIT, "", 1, 146}, /* the 5th level: the '{' after "people": */
	{"array beyond max_items",
	 HEAD REV("},{'category':'membership_dues','amount':1},{'category':'membership_dues','amount':2") TAIL,
	 O_SMALL_ITEMS, ASSOC_ELIMIT, "/years/0/revenue", 0, 0},
	{"years beyond max_years", HEAD ",'years':[{'year':2022,'currency':'EUR'},{'year':2023,'currency':'EUR'}]"
	 TAIL, O_ONE_YEAR, ASSOC_ELIMIT, "/years", 0, 0},
	{"string beyond max_string_bytes",
	 "{'format':'libassoc/1','organisation':{'id':{'scheme':'siren','value':'912345672'},'name':'Association'}}",
	 O_SHORT_TEXT, ASSOC_ELIMIT, "/name", 0, 0},
	{"document beyond max_document_bytes", HEAD TAIL, O_TINY_DOC, ASSOC_ELIMIT, "", 0, 0},
};

#define N_CASES (sizeof cases / sizeof cases[0])

static void options_for(assoc_load_options *o, enum opts_kind kind)
{
	assoc_load_options init = ASSOC_LOAD_OPTIONS_INIT;
	*o = init;
	switch (kind) {
	case O_LENIENT: o->lenient = 1; break;
	case O_SMALL_ITEMS: o->max_items = 2; break;
	case O_ONE_YEAR: o->max_years = 1; break;
	case O_SHORT_TEXT: o->max_string_bytes = 10; break;
	case O_SHALLOW: o->max_depth = 4; break;
	case O_TINY_DOC: o->max_document_bytes = 16; break;
	default: break;
	}
}

/* The case's document with every ' turned into ". Caller frees. */
static char *unquote(const char *json)
{
	char *s = strdup(json), *p;
	for (p = s; p && *p; p++)
		if (*p == '\'')
			*p = '"';
	return s;
}

/* Run one case; return 1 if it behaved as catalogued, printing why not. */
static int run_case(const bad_case *c)
{
	assoc_load_options o;
	assoc_org *org = NULL;
	char *json = unquote(c->json);
	const assoc_error *e;
	int rc, ok = 1;
	options_for(&o, c->opts);
	rc = assoc_org_from_json(&org, json, strlen(json), &o);
	e = assoc_error_last();
	if (rc != c->code) {
		fprintf(stderr, "\n  [%s] returned %s, expected %s (error: %s at '%s')", c->name,
			assoc_error_code_name(rc), assoc_error_code_name(c->code), e->message, e->path);
		ok = 0;
	} else if (c->code != 0) {
		if (strcmp(e->path, c->path) != 0) {
			fprintf(stderr, "\n  [%s] path '%s', expected '%s' (%s)", c->name, e->path, c->path, e->message);
			ok = 0;
		}
		if (c->line && (e->line != c->line || (c->column && e->column != c->column))) {
			fprintf(stderr, "\n  [%s] at %d:%d, expected %d:%d", c->name, e->line, e->column, c->line,
				c->column);
			ok = 0;
		}
		if (!e->message[0]) {
			fprintf(stderr, "\n  [%s] no message", c->name);
			ok = 0;
		}
		if (org) {
			fprintf(stderr, "\n  [%s] an organisation was returned with an error", c->name);
			ok = 0;
		}
	} else if (c->path) {
		/* Lenient: loaded, with the unknown key reported as a warning. */
		const char *msg = NULL, *path = NULL;
		if (assoc_org_warning_count(org) != 1 || assoc_org_warning(&msg, &path, org, 0) != 0 ||
		    strcmp(path, c->path) != 0) {
			fprintf(stderr, "\n  [%s] %zu warnings, first at '%s', expected one at '%s'", c->name,
				assoc_org_warning_count(org), path ? path : "(none)", c->path);
			ok = 0;
		}
	} else if (assoc_org_validate(org) != 0) {
		fprintf(stderr, "\n  [%s] loaded but does not validate: %s", c->name, assoc_error_last()->message);
		ok = 0;
	}
	assoc_org_free(org);
	free(json);
	return ok;
}

static void test_catalogue(void)
{
	size_t i, bad = 0, failing = 0;
	for (i = 0; i < N_CASES; i++) {
		if (cases[i].code)
			bad++;
		if (!run_case(&cases[i]))
			failing++;
	}
	if (failing)
		fprintf(stderr, "\n  %zu of %zu catalogue cases failed\n", failing, N_CASES);
	CU_ASSERT_EQUAL(failing, 0);
	/* The catalogue promises at least 45 refused inputs. */
	CU_ASSERT_TRUE(bad >= 45);
}

/* The canonical ids are stored whatever label was read. */
static void test_labels_stored_canonical(void)
{
	char *json = unquote(HEAD ",'alliances':[{'id':'a','family':'M\xC3\xA9" "c\xC3\xA9nat','partners':[{'id':'p',"
				  "'kind':'Entreprise'}]}]" TAIL);
	assoc_org *org = NULL;
	const char *s = NULL;
	ASSERT_OK(assoc_org_from_json(&org, json, strlen(json), NULL));
	ASSERT_OK(assoc_org_get_string(&s, org, "/alliances/0/family"));
	CU_ASSERT_STRING_EQUAL(s, "mecenat");
	ASSERT_OK(assoc_org_get_string(&s, org, "/alliances/0/partners/0/kind"));
	CU_ASSERT_STRING_EQUAL(s, "company");
	assoc_org_free(org);
	free(json);
}

/* The examples shipped with the library load and validate. */
static void test_examples_load(void)
{
	static const char *const files[] = {"examples/data/silver-connect.json", "examples/data/us-food-bank.json",
					    "examples/data/uk-charity.json"};
	size_t i;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		assoc_org *org = NULL;
		int rc = assoc_org_load_file(&org, assoc_test_src(files[i]), NULL);
		if (rc)
			fprintf(stderr, "\n  %s: %s at '%s'", files[i], assoc_error_last()->message,
				assoc_error_last()->path);
		CU_ASSERT_EQUAL(rc, 0);
		if (!rc)
			ASSERT_OK(assoc_org_validate(org));
		assoc_org_free(org);
	}
}

static void test_example_collection(void)
{
	assoc_collection *coll = NULL;
	ASSERT_OK(assoc_collection_load_file(&coll, assoc_test_src("examples/data/collection.json"), NULL));
	CU_ASSERT_EQUAL(assoc_collection_count(coll), 2);
	if (assoc_collection_count(coll) == 2) {
		const char *dep = NULL;
		/* The second organisation is in Corse-du-Sud: codes 2A / 2A004 pass. */
		ASSERT_OK(assoc_org_get_string(&dep, assoc_collection_get(coll, 1), "/territory/departement"));
		CU_ASSERT_STRING_EQUAL(dep, "2A");
	}
	assoc_collection_free(coll);
}

static void test_example_jsonl(void)
{
	size_t len = 0, n = 0;
	char *data = assoc_test_read_file(assoc_test_src("examples/data/organisations.jsonl"), &len);
	assoc_jsonl_reader *r = NULL;
	assoc_org *org = NULL;
	int rc;
	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	ASSERT_OK(assoc_jsonl_reader_new_memory(&r, data, len, NULL));
	while ((rc = assoc_jsonl_next(&org, r)) == 0) {
		ASSERT_OK(assoc_org_validate(org));
		assoc_org_free(org);
		n++;
	}
	CU_ASSERT_EQUAL(rc, ASSOC_ITEROVER);
	CU_ASSERT_EQUAL(n, 3);
	assoc_jsonl_reader_free(r);
	free(data);
}

/* Duplicate organisation identifiers in a collection document. */
static void test_collection_duplicate(void)
{
	char *json = unquote("{'format':'libassoc/1','organisations':["
			     "{'id':{'scheme':'siren','value':'912345672'},'name':'A'},"
			     "{'id':{'scheme':'siren','value':'912345672'},'name':'B'}]}");
	assoc_collection *coll = NULL;
	ASSERT_CODE(assoc_collection_from_json(&coll, json, strlen(json), NULL), ASSOC_EDUPLICATE);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/organisations/1/id");
	CU_ASSERT_PTR_NULL(coll);
	free(json);
	/* Errors inside the second organisation carry its position. */
	json = unquote("{'format':'libassoc/1','organisations':["
		       "{'id':{'scheme':'siren','value':'912345672'},'name':'A'},"
		       "{'id':{'scheme':'siren','value':'923456781'},'name':'B','alliances':[{'id':'a','family':"
		       "'mecenat','partners':[{'id':'p','kind':'company'}],'contributions':[{'party':'q','kind':"
		       "'money'}]}]}]}");
	ASSERT_CODE(assoc_collection_from_json(&coll, json, strlen(json), NULL), ASSOC_EREF);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/organisations/1/alliances/0/contributions/0/party");
	CU_ASSERT_PTR_NULL(coll);
	free(json);
}

/*
 * assoc_org_validate on a model built through the path API, where nothing
 * forced the required fields in: each rule fires, then is satisfied.
 */
static void test_validate_built_model(void)
{
	assoc_org *org = NULL;
	size_t i;
	ASSERT_OK(assoc_org_new(&org));
	ASSERT_CODE(assoc_org_validate(org), ASSOC_EMISSING);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/id");
	ASSERT_OK(assoc_org_set_string(org, "/id/scheme", "siren"));
	ASSERT_CODE(assoc_org_validate(org), ASSOC_EMISSING);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/id/value");
	ASSERT_OK(assoc_org_set_string(org, "/id/value", "1234"));
	ASSERT_CODE(assoc_org_validate(org), ASSOC_EVALUE);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/id/value");
	ASSERT_OK(assoc_org_set_string(org, "/id/value", "912345672"));
	ASSERT_CODE(assoc_org_validate(org), ASSOC_EMISSING);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/name");
	ASSERT_OK(assoc_org_set_string(org, "/name", "Silver Connect"));
	ASSERT_OK(assoc_org_validate(org));

	/* A year with no number nor currency. */
	ASSERT_OK(assoc_org_append(&i, org, "/years"));
	CU_ASSERT_EQUAL(i, 0);
	ASSERT_CODE(assoc_org_validate(org), ASSOC_EMISSING);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/years/0/year");
	ASSERT_OK(assoc_org_set_number(org, "/years/0/year", 2023));
	ASSERT_CODE(assoc_org_validate(org), ASSOC_EMISSING);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/years/0/currency");
	ASSERT_OK(assoc_org_set_string(org, "/years/0/currency", "EUR"));
	ASSERT_OK(assoc_org_validate(org));
	/* A second 2023. */
	ASSERT_OK(assoc_org_append(&i, org, "/years"));
	ASSERT_OK(assoc_org_set_number(org, "/years/1/year", 2023));
	ASSERT_OK(assoc_org_set_string(org, "/years/1/currency", "EUR"));
	ASSERT_CODE(assoc_org_validate(org), ASSOC_EDUPLICATE);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/years/1/year");
	ASSERT_OK(assoc_org_set_number(org, "/years/1/year", 2024));
	ASSERT_OK(assoc_org_validate(org));

	/* A territory made inconsistent one setter at a time. */
	ASSERT_OK(assoc_org_set_string(org, "/territory/country", "FR"));
	ASSERT_OK(assoc_org_set_string(org, "/territory/departement", "86"));
	ASSERT_OK(assoc_org_set_string(org, "/territory/region", "75"));
	ASSERT_OK(assoc_org_validate(org));
	ASSERT_OK(assoc_org_set_string(org, "/territory/region", "52"));
	ASSERT_CODE(assoc_org_validate(org), ASSOC_ETERRITORY);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/territory/departement");
	ASSERT_OK(assoc_org_set_string(org, "/territory/region", "75"));

	/* An alliance whose contribution names nobody, then its partner. */
	ASSERT_OK(assoc_org_append(&i, org, "/alliances"));
	ASSERT_OK(assoc_org_set_string(org, "/alliances/0/id", "a"));
	ASSERT_OK(assoc_org_set_string(org, "/alliances/0/family", "mecenat"));
	ASSERT_CODE(assoc_org_validate(org), ASSOC_EMISSING);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/alliances/0/partners");
	ASSERT_OK(assoc_org_append(&i, org, "/alliances/0/contributions"));
	ASSERT_OK(assoc_org_set_string(org, "/alliances/0/contributions/0/party", "bank"));
	ASSERT_OK(assoc_org_set_string(org, "/alliances/0/contributions/0/kind", "money"));
	ASSERT_OK(assoc_org_append(&i, org, "/alliances/0/partners"));
	ASSERT_OK(assoc_org_set_string(org, "/alliances/0/partners/0/id", "bnk"));
	ASSERT_OK(assoc_org_set_string(org, "/alliances/0/partners/0/kind", "company"));
	ASSERT_CODE(assoc_org_validate(org), ASSOC_EREF);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/alliances/0/contributions/0/party");
	CU_ASSERT_PTR_NOT_NULL(strstr(assoc_error_last()->message, "'bank'"));
	ASSERT_OK(assoc_org_set_string(org, "/alliances/0/partners/0/id", "bank"));
	ASSERT_OK(assoc_org_validate(org));
	ASSERT_OK(assoc_org_set_string(org, "/alliances/0/start", "2024-03"));
	ASSERT_OK(assoc_org_set_string(org, "/alliances/0/end", "2024-02-29"));
	ASSERT_CODE(assoc_org_validate(org), ASSOC_EDATE);
	CU_ASSERT_STRING_EQUAL(assoc_error_last()->path, "/alliances/0/end");
	ASSERT_OK(assoc_org_set_string(org, "/alliances/0/end", "2024-03-01"));
	ASSERT_OK(assoc_org_validate(org));
	assoc_org_free(org);
	ASSERT_CODE(assoc_org_validate(NULL), ASSOC_EINVAL);
}

static void test_date_span(void)
{
	long f = 0, l = 0;
	/* 2023-01-01 is day 19358 since 1970-01-01 (53 years with 13 leap days:
	 * 53*365 + 13 = 19358); 2023-12-31 is 364 days later. */
	ASSERT_OK(assoc__date_span("2023", &f, &l));
	CU_ASSERT_EQUAL(f, 19358);
	CU_ASSERT_EQUAL(l, 19358 + 364);
	/* February 2024 has 29 days: 2024-02-01 = 19358 + 365 + 31 = 19754. */
	ASSERT_OK(assoc__date_span("2024-02", &f, &l));
	CU_ASSERT_EQUAL(f, 19754);
	CU_ASSERT_EQUAL(l, 19754 + 28);
	ASSERT_OK(assoc__date_span("1970-01-01", &f, &l));
	CU_ASSERT_EQUAL(f, 0);
	CU_ASSERT_EQUAL(l, 0);
	/* 2000 is a leap year (divisible by 400), 1900 is not (by 100). */
	CU_ASSERT_EQUAL(assoc__date_span("2000-02-29", NULL, NULL), 0);
	CU_ASSERT_EQUAL(assoc__date_span("1900-02-29", NULL, NULL), -1);
	CU_ASSERT_EQUAL(assoc__date_span("2023-02-30", NULL, NULL), -1);
	CU_ASSERT_EQUAL(assoc__date_span("2023-00", NULL, NULL), -1);
	CU_ASSERT_EQUAL(assoc__date_span("2023-1-01", NULL, NULL), -1);
	CU_ASSERT_EQUAL(assoc__date_span("2023/01/01", NULL, NULL), -1);
	CU_ASSERT_EQUAL(assoc__date_span("20230101", NULL, NULL), -1);
	CU_ASSERT_EQUAL(assoc__date_span("", NULL, NULL), -1);
	CU_ASSERT_EQUAL(assoc__date_span(NULL, NULL, NULL), -1);
}

/* ---- the documentation and the JSON Schema match the model ---------------- */

/* Follow a local "$ref" ("#/$defs/x") of the schema, if any. */
static const cJSON *deref(const cJSON *root, const cJSON *node)
{
	const cJSON *ref = cJSON_GetObjectItemCaseSensitive(node, "$ref");
	if (cJSON_IsString(ref) && strncmp(ref->valuestring, "#/$defs/", 8) == 0)
		return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "$defs"),
							ref->valuestring + 8);
	return node;
}

/* The schema node of a field path pattern ("/years/x/balance/cash" with '*'), or NULL. */
static const cJSON *schema_node(const cJSON *root, const char *pattern, const cJSON **parent)
{
	const cJSON *node = deref(root, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "$defs"),
									    "organisation"));
	char seg[128];
	const char *p = pattern;
	*parent = NULL;
	while (node && *p == '/') {
		size_t n = strcspn(p + 1, "/");
		if (n >= sizeof seg)
			return NULL;
		memcpy(seg, p + 1, n);
		seg[n] = '\0';
		p += n + 1;
		if (strcmp(seg, "*") == 0) {
			node = deref(root, cJSON_GetObjectItemCaseSensitive(node, "items"));
		} else {
			*parent = node;
			node = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(node, "properties"), seg);
			if (node && !cJSON_GetObjectItemCaseSensitive(node, "enum"))
				node = deref(root, node);
		}
	}
	return node;
}

/* 1 if the object schema `obj` lists `key` as required. */
static int schema_requires(const cJSON *obj, const char *key)
{
	const cJSON *r;
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(obj, "required"))
		if (cJSON_IsString(r) && strcmp(r->valuestring, key) == 0)
			return 1;
	return 0;
}

/* The enum of a vocabulary field (its $ref'ed definition) equals the library's ids, in order. */
static int schema_enum_matches(const cJSON *root, const cJSON *node, int vocab)
{
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(deref(root, node), "enum");
	int i = 0;
	const cJSON *t;
	cJSON_ArrayForEach(t, e)
	{
		if (!cJSON_IsString(t) || i >= assoc_vocab_size(vocab) ||
		    strcmp(t->valuestring, assoc_vocab_id(vocab, i)) != 0)
			return 0;
		i++;
	}
	return e && i == assoc_vocab_size(vocab);
}

/* Count the leaf and object properties reachable from a schema node. */
static size_t count_properties(const cJSON *root, const cJSON *node, int depth)
{
	const cJSON *props, *p;
	size_t n = 0;
	if (!node || depth > 16)
		return 0;
	node = deref(root, node);
	if (cJSON_GetObjectItemCaseSensitive(node, "items"))
		node = deref(root, cJSON_GetObjectItemCaseSensitive(node, "items"));
	props = cJSON_GetObjectItemCaseSensitive(node, "properties");
	cJSON_ArrayForEach(p, props)
	{
		n++;
		if (!cJSON_GetObjectItemCaseSensitive(p, "enum"))
			n += count_properties(root, p, depth + 1);
	}
	return n;
}

static void test_docs_match_model(void)
{
	assoc__schema_path *paths = NULL;
	size_t n = 0, i, doc_len = 0, schema_len = 0, missing_doc = 0, missing_schema = 0;
	char *doc = assoc_test_read_file(assoc_test_src("docs/format.md"), &doc_len);
	char *text = assoc_test_read_file(assoc_test_src("docs/libassoc-1.schema.json"), &schema_len);
	cJSON *root = text ? cJSON_ParseWithLength(text, schema_len) : NULL;
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	ASSERT_OK(assoc__schema_paths(&paths, &n));
	CU_ASSERT_TRUE(n > 100);
	for (i = 0; i < n; i++) {
		char quoted[256];
		const cJSON *parent = NULL, *node;
		const assoc__field *f = paths[i].field;
		/* format.md names every field by its path pattern in backquotes. */
		snprintf(quoted, sizeof quoted, "`%s`", paths[i].pattern);
		if (!strstr(doc, quoted)) {
			fprintf(stderr, "\n  docs/format.md does not document %s", paths[i].pattern);
			missing_doc++;
		}
		node = schema_node(root, paths[i].pattern, &parent);
		if (!node) {
			fprintf(stderr, "\n  the JSON Schema has no %s", paths[i].pattern);
			missing_schema++;
			continue;
		}
		if ((f->flags & ASSOC__REQUIRED) && !schema_requires(parent, f->name)) {
			fprintf(stderr, "\n  the JSON Schema does not require %s", paths[i].pattern);
			missing_schema++;
		}
		if (f->type == ASSOC__F_ENUM && !schema_enum_matches(root, node, f->vocab)) {
			fprintf(stderr, "\n  the JSON Schema's terms for %s differ from the library's", paths[i].pattern);
			missing_schema++;
		}
	}
	/* And nothing more: the schema has exactly the model's fields. */
	CU_ASSERT_EQUAL(count_properties(root, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root,
								"$defs"), "organisation"), 0), n);
	CU_ASSERT_EQUAL(missing_doc, 0);
	CU_ASSERT_EQUAL(missing_schema, 0);
	assoc__schema_paths_free(paths, n);
	cJSON_Delete(root);
	free(text);
	free(doc);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{"bad-input catalogue", test_catalogue},
		{"labels stored as canonical ids", test_labels_stored_canonical},
		{"examples load", test_examples_load},
		{"example collection", test_example_collection},
		{"example JSON Lines", test_example_jsonl},
		{"duplicate organisation in a collection", test_collection_duplicate},
		{"validate a model built by setters", test_validate_built_model},
		{"date spans", test_date_span},
		{"format.md and the JSON Schema match the model", test_docs_match_model},
		CU_TEST_INFO_NULL,
	};
	return assoc_test_run("validate", tests);
}
