/*
 * The controlled vocabularies: identifiers, English and French labels,
 * aliases, and matching of user labels against them.
 * SPDX-License-Identifier: MIT
 *
 * Each term carries its match keys already folded (what assoc_text_match_key
 * returns for its English label, its French label and its aliases), written
 * by hand below: no global mutable state, no work at start-up. A test checks
 * that each key is exactly the key of the labels it stands for, so the
 * tables cannot drift from the folding rules.
 *
 * Table rows are in enum order: the enum value is the row index.
 */
#include <string.h>
#include "error.h"
#include "text.h"
#include "util.h"

typedef struct term {
	const char *id; /* stable identifier: lower snake_case of the enum name */
	const char *en;
	const char *fr;
	const char *keys; /* '|'-separated folded keys: labels and aliases */
} term;

typedef struct vocab_table {
	const char *name;
	const term *terms;
	int n;
} vocab_table;

/* Streams: the French sector's split (Tchernonog & Prouteau, Le paysage
 * associatif français) plus financial/other. French labels are theirs. */
static const term streams[] = {
	{ "dues", "Membership dues", "Cotisations",
	  "membership dues|cotisations|cotisation|cotisations des adherents|membership fees" },
	{ "gifts", "Gifts and patronage", "Dons et m\xC3\xA9" "c\xC3\xA9nat",
	  "gifts and patronage|dons et mecenat|dons|private giving|donations|dons mecenat et fondations" },
	{ "private_earned", "Private earned income", "Recettes d'activit\xC3\xA9 priv\xC3\xA9" "es",
	  "private earned income|recettes d activite privees|ventes aux usagers|participation des usagers|earned income" },
	{ "public_contracts", "Public contracts", "Commandes publiques",
	  "commandes publiques|commande publique|recettes d activite publiques|government contracts|marches publics|public procurement" },
	{ "public_subsidies", "Public subsidies", "Subventions publiques",
	  "subventions publiques|subventions|subvention publique|government grants|public grants" },
	{ "financial_other", "Financial and other income", "Produits financiers et autres",
	  "financial and other income|produits financiers et autres|financial and other|other income" },
};

/* Revenue categories (the stream of each is in category_stream below). */
static const term categories[] = {
	{ "membership_dues", "Membership dues", "Cotisations",
	  "cotisations|cotisation|cotisations des adherents|membership fees|dues" },
	{ "individual_donations", "Individual donations", "Dons des particuliers",
	  "dons des particuliers|dons|don|donations|dons manuels|individual gifts" },
	{ "legacies", "Legacies and bequests", "Legs et donations",
	  "legacies and bequests|legs et donations|legs|bequests|legacy|bequest" },
	{ "crowdfunding", "Crowdfunding", "Financement participatif",
	  "financement participatif|crowd funding" },
	{ "corporate_patronage", "Corporate patronage", "M\xC3\xA9" "c\xC3\xA9nat d'entreprise",
	  "mecenat d entreprise|mecenat|mecenat des entreprises|corporate philanthropy|corporate donations|corporate giving" },
	{ "foundation_grants", "Foundation grants", "Subventions de fondations",
	  "subventions de fondations|subventions des fondations|fondations|grants from foundations" },
	{ "federated_campaigns", "Federated campaigns", "Campagnes f\xC3\xA9" "d\xC3\xA9r\xC3\xA9" "es",
	  "campagnes federees|campagne federee|federated campaign" },
	{ "fundraising_events", "Fundraising events (net)", "Manifestations de collecte (net)",
	  "fundraising events (net)|manifestations de collecte (net)|manifestations de collecte|special events" },
	{ "related_organisations", "Related organisations", "Organisations li\xC3\xA9" "es",
	  "organisations liees|related organizations" },
	{ "other_gifts", "Other gifts", "Autres dons",
	  "autres dons|other contributions|other donations" },
	{ "sales_services", "Sales of services", "Prestations de services",
	  "sales of services|prestations de services|prestations|services sold|fees for services" },
	{ "sales_goods", "Sales of goods", "Ventes de marchandises",
	  "sales of goods|ventes de marchandises|ventes de produits|merchandise sales|goods sold" },
	{ "program_service_revenue", "Program service revenue", "Recettes d'activit\xC3\xA9",
	  "recettes d activite|programme service revenue|program revenue" },
	{ "other_earned", "Other earned income (net)", "Autres recettes d'activit\xC3\xA9 (net)",
	  "other earned income (net)|autres recettes d activite (net)|other earned income|autres recettes d activite|gaming|inventory sales" },
	{ "public_contracts", "Public contracts", "Commande publique",
	  "commande publique|commandes publiques|marches publics|government contracts|public procurement" },
	{ "subsidy_eu", "European Union subsidy", "Subvention de l'Union europ\xC3\xA9" "enne",
	  "european union subsidy|subvention de l union europeenne|subvention europeenne|union europeenne|fonds europeens|eu grant|european union" },
	{ "subsidy_state", "State subsidy (national government)", "Subvention de l'\xC3\x89tat",
	  "state subsidy (national government)|subvention de l etat|subvention d etat|etat|national government|central government" },
	{ "subsidy_region", "Regional subsidy", "Subvention de la r\xC3\xA9gion",
	  "regional subsidy|subvention de la region|subvention regionale|region|conseil regional" },
	{ "subsidy_departement", "D\xC3\xA9partement subsidy", "Subvention du d\xC3\xA9partement",
	  "departement subsidy|subvention du departement|subvention departementale|departement|conseil departemental|conseil general" },
	{ "subsidy_intercommunality", "Intercommunality subsidy", "Subvention de l'intercommunalit\xC3\xA9",
	  "intercommunality subsidy|subvention de l intercommunalite|intercommunalite|epci|communaute de communes|communaute d agglomeration|metropole" },
	{ "subsidy_commune", "Municipal subsidy", "Subvention de la commune",
	  "municipal subsidy|subvention de la commune|subvention municipale|commune|mairie|municipality" },
	{ "subsidy_social_bodies", "Social bodies subsidy", "Subvention des organismes sociaux",
	  "social bodies subsidy|subvention des organismes sociaux|organismes sociaux|social bodies|caf|cpam|msa" },
	{ "subsidy_other_public", "Other public subsidy", "Autre subvention publique",
	  "other public subsidy|autre subvention publique|autres subventions publiques|government grants|other government grants" },
	{ "investment_income", "Investment income", "Produits financiers",
	  "produits financiers|produits de placement|interest and dividends" },
	{ "rent", "Rental income (net)", "Loyers (net)",
	  "rental income (net)|loyers (net)|loyers|rental income|revenus locatifs" },
	{ "asset_sales", "Gains on asset sales (net)", "Cessions d'actifs (net)",
	  "gains on asset sales (net)|cessions d actifs (net)|cessions d actifs|sale of assets|produits de cession" },
	{ "royalties", "Royalties", "Redevances",
	  "redevances" },
	{ "other_income", "Other income", "Autres produits",
	  "autres produits|produits divers|miscellaneous revenue|other revenue" },
};

/* Which stream each category belongs to (the comments of vocab.h). */
static const int category_stream[] = {
	ASSOC_STREAM_DUES,                                      /* membership_dues */
	ASSOC_STREAM_GIFTS, ASSOC_STREAM_GIFTS, ASSOC_STREAM_GIFTS, /* donations, legacies, crowdfunding */
	ASSOC_STREAM_GIFTS, ASSOC_STREAM_GIFTS, ASSOC_STREAM_GIFTS, /* patronage, foundations, federated */
	ASSOC_STREAM_GIFTS, ASSOC_STREAM_GIFTS, ASSOC_STREAM_GIFTS, /* events, related orgs, other gifts */
	ASSOC_STREAM_PRIVATE_EARNED, ASSOC_STREAM_PRIVATE_EARNED,   /* services, goods */
	ASSOC_STREAM_PRIVATE_EARNED, ASSOC_STREAM_PRIVATE_EARNED,   /* program service revenue, other earned */
	ASSOC_STREAM_PUBLIC_CONTRACTS,                          /* public_contracts */
	ASSOC_STREAM_PUBLIC_SUBSIDIES, ASSOC_STREAM_PUBLIC_SUBSIDIES, /* EU, State */
	ASSOC_STREAM_PUBLIC_SUBSIDIES, ASSOC_STREAM_PUBLIC_SUBSIDIES, /* région, département */
	ASSOC_STREAM_PUBLIC_SUBSIDIES, ASSOC_STREAM_PUBLIC_SUBSIDIES, /* intercommunality, commune */
	ASSOC_STREAM_PUBLIC_SUBSIDIES, ASSOC_STREAM_PUBLIC_SUBSIDIES, /* social bodies, other public */
	ASSOC_STREAM_FINANCIAL_OTHER, ASSOC_STREAM_FINANCIAL_OTHER, /* investment income, rent */
	ASSOC_STREAM_FINANCIAL_OTHER, ASSOC_STREAM_FINANCIAL_OTHER, /* asset sales, royalties */
	ASSOC_STREAM_FINANCIAL_OTHER,                           /* other_income */
};

/* "From the gift to investment and co-construction" (the lecture). */
static const term modes[] = {
	{ "gift", "Gift", "Don", "don|dons|gifts|donation" },
	{ "exchange", "Exchange", "\xC3\x89" "change", "echange|contrat echange|transaction|purchase|achat" },
	{ "investment", "Investment", "Investissement",
	  "investissement|social investment|impact investment|venture philanthropy|philanthropie a risque|philanthropie engagee" },
	{ "co_construction", "Co-construction", "Co-construction", "coconstruction" },
};

static const term person_kinds[] = {
	{ "volunteers", "Volunteers", "B\xC3\xA9n\xC3\xA9voles",
	  "benevoles|benevole|volunteer|benevolat|volunteering" },
	{ "employees", "Employees", "Salari\xC3\xA9s", "salaries|salarie|employee|salariat|paid staff" },
	{ "civic_service", "Civic-service volunteers", "Volontaires en service civique",
	  "civic service volunteers|volontaires en service civique|volontaire en service civique|service civique|volontaires|volontariat" },
	{ "skills_sponsorship", "Skills sponsorship", "M\xC3\xA9" "c\xC3\xA9nat de comp\xC3\xA9tences",
	  "mecenat de competences|skills based volunteering|pro bono" },
};

static const term partner_kinds[] = {
	{ "company", "Company", "Entreprise", "entreprise|business|corporation|firm|societe" },
	{ "foundation", "Foundation", "Fondation", "fondation|fonds de dotation|endowment fund" },
	{ "public_authority", "Public authority", "Pouvoirs publics",
	  "pouvoirs publics|collectivite|collectivite territoriale|administration|public body|government" },
	{ "association", "Association", "Association", "nonprofit|non profit|charity|ngo|ong" },
	{ "research_body", "Research body", "Organisme de recherche",
	  "organisme de recherche|university|universite|laboratoire|laboratory|research institute" },
	{ "social_enterprise", "Social enterprise", "Entreprise sociale",
	  "entreprise sociale|entreprise de l ess|entreprise solidaire|social business" },
	{ "network", "Network", "R\xC3\xA9seau", "reseau|federation|tete de reseau|umbrella body" },
	{ "individual", "Individual", "Particulier", "particulier|particuliers|individuals|personne physique|person" },
};

static const term public_levels[] = {
	{ "eu", "European Union", "Union europ\xC3\xA9" "enne", "european union|union europeenne|ue|europe" },
	{ "state", "State (national government)", "\xC3\x89tat",
	  "state (national government)|etat|national government|central government" },
	{ "region", "Region", "R\xC3\xA9gion", "conseil regional" },
	{ "departement", "D\xC3\xA9partement", "D\xC3\xA9partement",
	  "conseil departemental|conseil general|department" },
	{ "intercommunality", "Intercommunality", "Intercommunalit\xC3\xA9",
	  "intercommunalite|epci|communaute de communes|communaute d agglomeration|metropole" },
	{ "commune", "Municipality", "Commune", "municipality|mairie|ville|city" },
	{ "social_body", "Social security body", "Organisme social",
	  "social security body|organisme social|organismes sociaux|social bodies|caf|cpam|msa" },
	{ "other_public", "Other public body", "Autre organisme public",
	  "other public body|autre organisme public|other government body" },
};

/* Le RAMEAU's four families of company partnerships, plus two. */
static const term families[] = {
	{ "mecenat", "Patronage", "M\xC3\xA9" "c\xC3\xA9nat",
	  "patronage|corporate philanthropy|corporate patronage|philanthropie" },
	{ "pratiques_responsables", "Responsible practices", "Pratiques responsables",
	  "responsible practices|rse|csr|corporate social responsibility" },
	{ "cooperation_economique", "Economic cooperation", "Coop\xC3\xA9ration \xC3\xA9" "conomique",
	  "economic cooperation" },
	{ "innovation_societale", "Societal innovation", "Innovation soci\xC3\xA9tale",
	  "societal innovation|social innovation|innovation sociale" },
	{ "public_partnership", "Public partnership", "Partenariat public",
	  "partenariat public|partenariat avec les pouvoirs publics" },
	{ "inter_association", "Inter-association partnership", "Partenariat inter-associatif",
	  "inter association partnership|partenariat inter associatif|inter associatif" },
};

/* Practices (formulas.md §3): Himmelman's cumulative four, then four more. */
static const term practices[] = {
	{ "information_sharing", "Information sharing", "Partage d'informations",
	  "partage d informations|partage d information|exchanging information|echange d informations" },
	{ "coordinated_activities", "Coordinated activities", "Activit\xC3\xA9s coordonn\xC3\xA9" "es",
	  "activites coordonnees|actions coordonnees|coordination" },
	{ "pooled_resources", "Pooled resources", "Mutualisation de ressources",
	  "mutualisation de ressources|mutualisation|ressources mutualisees|resource sharing|sharing resources" },
	{ "capacity_building", "Capacity building", "Renforcement des capacit\xC3\xA9s",
	  "renforcement des capacites|renforcement de capacites|enhancing capacity" },
	{ "co_defined_objectives", "Co-defined objectives", "Objectifs co-d\xC3\xA9" "finis",
	  "objectifs co definis|cadrage|objectifs partages|objectifs communs|shared objectives|joint objectives" },
	{ "shared_governance", "Shared governance", "Gouvernance partag\xC3\xA9" "e",
	  "gouvernance partagee|gouvernance commune|joint governance|co governance" },
	{ "joint_evaluation", "Joint evaluation", "\xC3\x89valuation conjointe",
	  "evaluation conjointe|evaluation partagee|evaluation commune|shared evaluation|co evaluation" },
	{ "co_created_solution", "Co-created solution", "Solution co-construite",
	  "solution co construite|solution coconstruite|co creation|cocreation|co constructed solution" },
};

static const term contribution_kinds[] = {
	{ "money", "Money", "Apport financier", "apport financier|argent|cash|funding|financement|numeraire|aide en numeraire" },
	{ "goods", "Goods in kind", "Biens en nature", "biens en nature|biens|materiel|goods in kind|in kind goods" },
	{ "skills", "Skills", "Comp\xC3\xA9tences", "competences|skills hours|savoir faire" },
	{ "staff", "Staff", "Personnel mis \xC3\xA0 disposition",
	  "personnel mis a disposition|mise a disposition de personnel|personnel|seconded staff|staff time" },
	{ "premises", "Premises", "Locaux", "locaux|mise a disposition de locaux|office space|venue" },
	{ "network", "Network", "R\xC3\xA9seau", "reseau|contacts|carnet d adresses|introductions" },
	{ "expertise", "Expertise", "Expertise", "expert advice|conseil" },
	{ "territory_knowledge", "Knowledge of the territory", "Connaissance du territoire",
	  "knowledge of the territory|connaissance du territoire|local knowledge|territorial knowledge|ancrage territorial" },
	{ "public_knowledge", "Knowledge of the people served", "Connaissance des publics",
	  "knowledge of the people served|connaissance des publics|connaissance des beneficiaires|beneficiary knowledge" },
	{ "data", "Data", "Donn\xC3\xA9" "es", "donnees|datasets" },
	{ "visibility", "Visibility", "Visibilit\xC3\xA9", "visibilite|communication|notoriete|publicity" },
};

static const term scopes[] = {
	{ "local", "Local", "Local", "locale|neighbourhood|quartier" },
	{ "departemental", "D\xC3\xA9partement-wide", "D\xC3\xA9partemental",
	  "departement wide|departementale|departmental" },
	{ "regional", "Regional", "R\xC3\xA9gional", "regionale" },
	{ "national", "National", "National", "nationale" },
	{ "international", "International", "International", "internationale|global|mondial" },
};

static const term id_schemes[] = {
	{ "rna", "RNA (French associations register)", "RNA (R\xC3\xA9pertoire national des associations)",
	  "rna (french associations register)|rna (repertoire national des associations)|repertoire national des associations|numero rna|fr rna" },
	{ "siren", "SIREN", "SIREN", "numero siren|fr siren" },
	{ "siret", "SIRET", "SIRET", "numero siret|fr siret" },
	{ "ein", "EIN (US employer identification number)", "EIN (num\xC3\xA9ro d'employeur am\xC3\xA9ricain)",
	  "ein (us employer identification number)|ein (numero d employeur americain)|employer identification number|us ein" },
	{ "gb_chc", "Charity number (England and Wales)", "Num\xC3\xA9ro d'organisme caritatif (Angleterre et pays de Galles)",
	  "charity number (england and wales)|numero d organisme caritatif (angleterre et pays de galles)|charity number|registered charity number" },
	{ "org_id", "org-id.guide identifier", "Identifiant org-id.guide",
	  "org id.guide identifier|identifiant org id.guide|orgid" },
	{ "other", "Other", "Autre", "autre" },
};

/* Contributions volontaires en nature (ANC 2018-06, accounts 86/87). */
static const term inkind_kinds[] = {
	{ "volunteering", "Volunteering (valued)", "B\xC3\xA9n\xC3\xA9volat valoris\xC3\xA9",
	  "volunteering (valued)|benevolat valorise|benevolat|volunteer time|volunteer hours" },
	{ "goods", "Goods in kind", "Dons en nature", "goods in kind|dons en nature|donated goods|in kind donations" },
	{ "services", "Services in kind", "Prestations en nature",
	  "services in kind|prestations en nature|mises a disposition|mise a disposition|donated services|donated facilities" },
};

#define TABLE(name, arr) { name, arr, (int)(sizeof arr / sizeof arr[0]) }

/* In assoc_vocab order. */
static const vocab_table tables[ASSOC_VOCAB__COUNT] = {
	TABLE("stream", streams),
	TABLE("category", categories),
	TABLE("mode", modes),
	TABLE("person_kind", person_kinds),
	TABLE("partner_kind", partner_kinds),
	TABLE("public_level", public_levels),
	TABLE("family", families),
	TABLE("practice", practices),
	TABLE("contribution_kind", contribution_kinds),
	TABLE("scope", scopes),
	TABLE("id_scheme", id_schemes),
	TABLE("inkind_kind", inkind_kinds),
};

/* The tables must have exactly one row per enum value. */
_Static_assert(sizeof streams / sizeof streams[0] == ASSOC_STREAM__COUNT, "streams");
_Static_assert(sizeof categories / sizeof categories[0] == ASSOC_CAT__COUNT, "categories");
_Static_assert(sizeof category_stream / sizeof category_stream[0] == ASSOC_CAT__COUNT, "category_stream");
_Static_assert(sizeof modes / sizeof modes[0] == ASSOC_MODE__COUNT, "modes");
_Static_assert(sizeof person_kinds / sizeof person_kinds[0] == ASSOC_PEOPLE__COUNT, "person kinds");
_Static_assert(sizeof partner_kinds / sizeof partner_kinds[0] == ASSOC_PARTNER__COUNT, "partner kinds");
_Static_assert(sizeof public_levels / sizeof public_levels[0] == ASSOC_LEVEL__COUNT, "public levels");
_Static_assert(sizeof families / sizeof families[0] == ASSOC_FAMILY__COUNT, "families");
_Static_assert(sizeof practices / sizeof practices[0] == ASSOC_PRACTICE__COUNT, "practices");
_Static_assert(sizeof contribution_kinds / sizeof contribution_kinds[0] == ASSOC_CONTRIB__COUNT, "contributions");
_Static_assert(sizeof scopes / sizeof scopes[0] == ASSOC_SCOPE__COUNT, "scopes");
_Static_assert(sizeof id_schemes / sizeof id_schemes[0] == ASSOC_ID__COUNT, "id schemes");
_Static_assert(sizeof inkind_kinds / sizeof inkind_kinds[0] == ASSOC_INKIND__COUNT, "in-kind kinds");

static const vocab_table *table_of(assoc_vocab vocab)
{
	if ((int)vocab < 0 || (int)vocab >= ASSOC_VOCAB__COUNT)
		return NULL;
	return &tables[vocab];
}

static const term *term_of(assoc_vocab vocab, int t)
{
	const vocab_table *tab = table_of(vocab);
	if (!tab || t < 0 || t >= tab->n)
		return NULL;
	return &tab->terms[t];
}

int assoc_vocab_size(assoc_vocab vocab)
{
	const vocab_table *tab = table_of(vocab);
	return tab ? tab->n : 0;
}

const char *assoc_vocab_name(assoc_vocab vocab)
{
	const vocab_table *tab = table_of(vocab);
	return tab ? tab->name : NULL;
}

const char *assoc_vocab_id(assoc_vocab vocab, int t)
{
	const term *e = term_of(vocab, t);
	return e ? e->id : NULL;
}

const char *assoc_vocab_label_en(assoc_vocab vocab, int t)
{
	const term *e = term_of(vocab, t);
	return e ? e->en : NULL;
}

const char *assoc_vocab_label_fr(assoc_vocab vocab, int t)
{
	const term *e = term_of(vocab, t);
	return e ? e->fr : NULL;
}

const char *assoc__vocab_keys(assoc_vocab vocab, int t)
{
	const term *e = term_of(vocab, t);
	return e ? e->keys : NULL;
}

int assoc_category_stream(int category)
{
	if (category < 0 || category >= ASSOC_CAT__COUNT)
		return -1;
	return category_stream[category];
}

/* Is `key` the key of identifier `id`? Ids are lower-case ASCII snake_case,
 * so their key is the id with '_' read as ' '. */
static int key_is_id(const char *key, const char *id)
{
	for (; *key && *id; key++, id++) {
		char c = *id == '_' ? ' ' : *id;
		if (*key != c)
			return 0;
	}
	return *key == '\0' && *id == '\0';
}

/* Is `key` one of the '|'-separated keys? */
static int key_in_list(const char *key, const char *list)
{
	size_t n = strlen(key);
	while (list) {
		const char *bar = strchr(list, '|');
		size_t len = bar ? (size_t)(bar - list) : strlen(list);
		if (len == n && memcmp(list, key, n) == 0)
			return 1;
		list = bar ? bar + 1 : NULL;
	}
	return 0;
}

static int find_key(const vocab_table *tab, const char *key)
{
	int i;
	if (!*key) /* an empty or blank label names nothing */
		return -1;
	for (i = 0; i < tab->n; i++)
		if (key_is_id(key, tab->terms[i].id) || key_in_list(key, tab->terms[i].keys))
			return i;
	return -1;
}

/* Longest part of a label quoted in an ELABEL message, in bytes. */
#define LABEL_QUOTE_MAX 64

static int unknown_label(const vocab_table *tab, const char *label, const char *path)
{
	char ids[768];
	size_t o = 0, shown = strlen(label);
	int i;
	ids[0] = '\0';
	for (i = 0; i < tab->n && o < sizeof ids; i++)
		o += (size_t)snprintf(ids + o, sizeof ids - o, "%s%s", i ? ", " : "", tab->terms[i].id);
	/* Cut a long label on a character boundary (it is valid UTF-8 here). */
	if (shown > LABEL_QUOTE_MAX) {
		shown = LABEL_QUOTE_MAX;
		while (shown > 0 && ((unsigned char)label[shown] & 0xC0) == 0x80)
			shown--;
	}
	return assoc__error_set(ASSOC_ELABEL, path, "unknown %s \"%.*s%s\"; expected one of: %s",
		tab->name, (int)shown, label, label[shown] ? "..." : "", ids);
}

int assoc__vocab_match_at(int *out, assoc_vocab vocab, const char *label, const char *path)
{
	const vocab_table *tab = table_of(vocab);
	char small[128];
	int i;
	if (out)
		*out = -1;
	if (!out || !label)
		return assoc__error_set(ASSOC_EINVAL, path, "vocabulary match: NULL argument");
	if (!tab)
		return assoc__error_set(ASSOC_EINVAL, path, "unknown vocabulary %d", (int)vocab);
	/* Fast path: JSON written by libassoc carries the identifiers verbatim. */
	for (i = 0; i < tab->n; i++) {
		if (strcmp(label, tab->terms[i].id) == 0) {
			*out = i;
			return 0;
		}
	}
	/* Then the folded comparison; short ASCII labels need no allocation. */
	if (assoc__text_key_ascii(small, sizeof small, label) == 0) {
		i = find_key(tab, small);
	} else {
		char *key = NULL;
		int err = assoc__text_key(&key, label);
		if (err < 0) {
			if (path)
				assoc__error_prefix_path(path);
			return err;
		}
		i = find_key(tab, key);
		assoc__free(key);
	}
	if (i < 0)
		return unknown_label(tab, label, path);
	*out = i;
	return 0;
}

int assoc_vocab_match(int *out, assoc_vocab vocab, const char *label)
{
	return assoc__vocab_match_at(out, vocab, label, NULL);
}
