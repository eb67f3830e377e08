/*
 * Internal: the typed in-memory model and its schema (one table drives
 * loading, writing, path access, freeing and cloning: see schema.c).
 * SPDX-License-Identifier: MIT
 *
 * Conventions inside the library:
 *   - an absent number is NaN (inputs never hold NaN: non-finite values are
 *     rejected at the door), so `assoc__has(x)` is the presence test;
 *   - an absent string is NULL;
 *   - an absent vocabulary term is -1;
 *   - booleans and practice flags are tri-state: -1 unknown/absent, 0, 1.
 */
#ifndef ASSOC_LIB_MODEL_H
#define ASSOC_LIB_MODEL_H

#include <math.h>
#include <stddef.h>
#include "assoc.h"

#define ASSOC__ABSENT ((double)NAN)
static inline int assoc__has(double x) { return !isnan(x); }

/** A growable array of fixed-size elements (element size from the schema). */
typedef struct assoc__vec {
	void *items;
	size_t n;
	size_t cap;
} assoc__vec;

#define ASSOC__AT(vec, type, i) (&((type *)(vec).items)[i])

typedef struct assoc__ident {
	int scheme;   /* assoc_id_scheme, -1 absent */
	char *value;
} assoc__ident;

typedef struct assoc__territory {
	char *country;     /* ISO 3166-1 alpha-2, e.g. "FR", "US", "GB" */
	char *region;      /* FR: INSEE région (18 codes); elsewhere opaque (ISO 3166-2, US state) */
	char *departement; /* FR: INSEE département (101 codes); elsewhere opaque */
	char *commune;     /* FR: INSEE commune (5 chars, consistent with the département); elsewhere opaque */
} assoc__territory;

typedef struct assoc__sector {
	char *scheme; /* free: "naf", "ntee", "icnpo", "rna_objet"... */
	char *code;
} assoc__sector;

typedef struct assoc__priority {
	int qpv;                   /* tri-state: in a quartier prioritaire de la politique de la ville */
	int frr;                   /* tri-state: in France Ruralités Revitalisation (ex-ZRR) */
	double digital_fragility;  /* 1..10, 10 = highest risk */
	char *vintage;             /* date of the flags, "YYYY-MM-DD" */
} assoc__priority;

typedef struct assoc__funder {
	assoc__ident id;
	char *name;
	int kind;                   /* assoc_partner_kind */
	int public_level;           /* assoc_public_level */
	assoc__territory territory;
} assoc__funder;

typedef struct assoc__revenue {
	char *label;        /* free text as in the accounts */
	int category;       /* assoc_category, required */
	double amount;      /* required, finite; may be negative (net lines) */
	char *currency;     /* optional; must equal the year's */
	int mode;           /* assoc_mode, -1 absent */
	int restricted;     /* tri-state */
	assoc__funder funder;
} assoc__revenue;

typedef struct assoc__expenses {
	double total, program, admin, fundraising, depreciation;
} assoc__expenses;

typedef struct assoc__balance {
	double assets, liabilities, net_assets, unrestricted_net_assets, cash, net_fixed_assets;
} assoc__balance;

typedef struct assoc__mission {
	double months;       /* (0, 12] within the year */
	double weekly_hours; /* 24..35 (service civique rules) */
	double volunteers;   /* number of volunteers on this mission pattern; absent = 1 */
} assoc__mission;

typedef struct assoc__sponsor {
	char *company;
	assoc__ident company_id;
	double headcount;
	double hours;
} assoc__sponsor;

/* One kind of people. missions: civic_service only; sponsors: skills_sponsorship only. */
typedef struct assoc__people_group {
	double headcount, hours, fte;
	assoc__vec missions; /* assoc__mission */
	assoc__vec sponsors; /* assoc__sponsor */
} assoc__people_group;

typedef struct assoc__people {
	assoc__people_group group[ASSOC_PEOPLE__COUNT]; /* indexed by assoc_person_kind */
} assoc__people;

typedef struct assoc__inkind {
	int kind;        /* assoc_inkind_kind, required */
	double value;    /* >= 0, in the year's currency */
	double hours;    /* >= 0 */
	char *label;
} assoc__inkind;

typedef struct assoc__year {
	double year;          /* integer, required, unique in the organisation */
	char *currency;       /* ISO 4217, required */
	double total_revenue; /* declared total (e.g. Form 990 line 12); absent: sum of lines */
	int revenue_complete; /* tri-state: 0 = the lines are known to be only part of the revenue
			       * (partial sources: SCDL subsidies, 360Giving grants); -1 absent or 1:
			       * the lines are the whole revenue unless total_revenue says otherwise */
	assoc__vec revenue;   /* assoc__revenue */
	assoc__expenses expenses;
	assoc__balance balance;
	assoc__people people;
	assoc__vec in_kind;   /* assoc__inkind */
	char *note;           /* free text, e.g. "figures invented" */
} assoc__year;

typedef struct assoc__partner {
	char *id;             /* required, unique in the alliance, not "self" */
	char *name;
	int kind;             /* assoc_partner_kind, required */
	int public_level;     /* assoc_public_level (public authorities) */
	assoc__ident identifier;
	assoc__territory territory;
} assoc__partner;

typedef struct assoc__contribution {
	char *party;   /* "self" or a partner id: required, must exist */
	int kind;      /* assoc_contribution_kind, required */
	double value;  /* >= 0, money value in `currency` (alliance currency) */
	double hours;  /* >= 0 */
	char *description;
} assoc__contribution;

typedef struct assoc__alliance {
	char *id;          /* required, unique in the organisation */
	char *name;
	int family;        /* assoc_family, required */
	char *start;       /* "YYYY-MM-DD" or "YYYY-MM" or "YYYY" */
	char *end;         /* not before start */
	char *currency;    /* ISO 4217 of contribution values */
	assoc__vec partners;      /* assoc__partner, at least one */
	assoc__vec contributions; /* assoc__contribution */
	int practices[ASSOC_PRACTICE__COUNT]; /* tri-state, indexed by assoc_practice */
} assoc__alliance;

typedef struct assoc__warning {
	char *message;
	char *path;
} assoc__warning;

struct assoc_org {
	assoc__ident id;       /* required */
	char *name;            /* required; NFC */
	char *name_key;        /* derived: assoc_text_match_key(name) */
	char *legal_form;
	assoc__sector sector;
	assoc__territory territory;
	int scope;             /* assoc_scope */
	assoc__priority priority;
	assoc__vec years;      /* assoc__year */
	assoc__vec alliances;  /* assoc__alliance */
	assoc__vec warnings;   /* assoc__warning; not part of the format */
};

struct assoc_collection {
	assoc__vec orgs; /* assoc_org * */
};

/* ---- schema: one table per object type ---------------------------------- */

typedef enum assoc__ftype {
	ASSOC__F_NUMBER,   /* double, NaN absent */
	ASSOC__F_INTEGER,  /* double holding an integer, NaN absent */
	ASSOC__F_STRING,   /* char * */
	ASSOC__F_NAME,     /* char *, stored NFC-normalised */
	ASSOC__F_DATE,     /* char *, "YYYY", "YYYY-MM" or "YYYY-MM-DD", checked */
	ASSOC__F_CURRENCY, /* char *, ISO 4217 code, checked */
	ASSOC__F_ENUM,     /* int, vocabulary term, -1 absent */
	ASSOC__F_BOOL,     /* int tri-state */
	ASSOC__F_OBJECT,   /* embedded struct described by `sub` */
	ASSOC__F_ARRAY     /* assoc__vec of structs described by `sub` */
} assoc__ftype;

enum {
	ASSOC__REQUIRED = 1 << 0,
	ASSOC__NONNEG = 1 << 1,   /* >= 0 */
	ASSOC__RANGE = 1 << 2,    /* min <= x <= max */
	ASSOC__MIN_OPEN = 1 << 3  /* with RANGE: min < x */
};

typedef struct assoc__schema assoc__schema;

typedef struct assoc__field {
	const char *name;          /* JSON key */
	assoc__ftype type;
	size_t offset;
	unsigned flags;
	int vocab;                 /* assoc_vocab for ASSOC__F_ENUM */
	const assoc__schema *sub;  /* for OBJECT and ARRAY */
	double min, max;           /* for ASSOC__RANGE */
	const char *unit;          /* "currency", "hours", "months", "count", "ratio"... or NULL */
} assoc__field;

struct assoc__schema {
	const char *name;          /* "organisation", "year", "revenue line"... */
	size_t size;               /* sizeof the struct */
	const assoc__field *fields;
	size_t nfields;
};

extern const assoc__schema assoc__schema_org;

/* Put every field of a struct described by `schema` in its absent state. */
void assoc__init(void *obj, const assoc__schema *schema);
/* Free what a struct owns (not the struct itself). */
void assoc__dispose(void *obj, const assoc__schema *schema);

#endif
