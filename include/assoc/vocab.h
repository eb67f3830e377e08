/*
 * libassoc - controlled vocabularies: streams, revenue categories, modes,
 * kinds of people, partners, contributions, alliance families, practices...
 * SPDX-License-Identifier: MIT
 *
 * Every term has a stable English identifier (used in JSON), an English
 * label and a French label. Input matching is case- and accent-insensitive
 * (utf8proc NFKC + casefold + strip marks) and accepts the identifier, the
 * English label, the French label and the documented aliases:
 * "Mécénat", "MECENAT" and "mecenat" name the same family.
 * Enum values are ABI: new terms are only appended before the _COUNT entry.
 */
#ifndef ASSOC_VOCAB_H
#define ASSOC_VOCAB_H

#include "common.h"

ASSOC_BEGIN_DECL

/** The vocabularies. */
typedef enum assoc_vocab {
	ASSOC_VOCAB_STREAM = 0,        /**< assoc_stream */
	ASSOC_VOCAB_CATEGORY,          /**< assoc_category */
	ASSOC_VOCAB_MODE,              /**< assoc_mode */
	ASSOC_VOCAB_PERSON_KIND,       /**< assoc_person_kind */
	ASSOC_VOCAB_PARTNER_KIND,      /**< assoc_partner_kind */
	ASSOC_VOCAB_PUBLIC_LEVEL,      /**< assoc_public_level */
	ASSOC_VOCAB_FAMILY,            /**< assoc_family */
	ASSOC_VOCAB_PRACTICE,          /**< assoc_practice */
	ASSOC_VOCAB_CONTRIBUTION_KIND, /**< assoc_contribution_kind */
	ASSOC_VOCAB_SCOPE,             /**< assoc_scope */
	ASSOC_VOCAB_ID_SCHEME,         /**< assoc_id_scheme */
	ASSOC_VOCAB_INKIND_KIND,       /**< assoc_inkind_kind */
	ASSOC_VOCAB__COUNT
} assoc_vocab;

/** The six revenue streams of formulas.md §1.1 (Tchernonog & Prouteau + financial/other). */
typedef enum assoc_stream {
	ASSOC_STREAM_DUES = 0,          /**< cotisations */
	ASSOC_STREAM_GIFTS,             /**< dons, legs, mécénat, fondations, financement participatif */
	ASSOC_STREAM_PRIVATE_EARNED,    /**< ventes aux usagers et clients privés */
	ASSOC_STREAM_PUBLIC_CONTRACTS,  /**< commande publique */
	ASSOC_STREAM_PUBLIC_SUBSIDIES,  /**< subventions publiques */
	ASSOC_STREAM_FINANCIAL_OTHER,   /**< produits financiers et autres */
	ASSOC_STREAM__COUNT
} assoc_stream;

/** Revenue categories; each belongs to exactly one stream (assoc_category_stream()). */
typedef enum assoc_category {
	ASSOC_CAT_MEMBERSHIP_DUES = 0,      /**< dues: cotisations */
	ASSOC_CAT_INDIVIDUAL_DONATIONS,     /**< gifts: dons des particuliers */
	ASSOC_CAT_LEGACIES,                 /**< gifts: legs et donations */
	ASSOC_CAT_CROWDFUNDING,             /**< gifts: financement participatif */
	ASSOC_CAT_CORPORATE_PATRONAGE,      /**< gifts: mécénat d'entreprise */
	ASSOC_CAT_FOUNDATION_GRANTS,        /**< gifts: subventions de fondations */
	ASSOC_CAT_FEDERATED_CAMPAIGNS,      /**< gifts: campagnes fédérées */
	ASSOC_CAT_FUNDRAISING_EVENTS,       /**< gifts: manifestations de collecte (net) */
	ASSOC_CAT_RELATED_ORGANISATIONS,    /**< gifts: organisations liées */
	ASSOC_CAT_OTHER_GIFTS,              /**< gifts: autres dons */
	ASSOC_CAT_SALES_SERVICES,           /**< private_earned: prestations de services */
	ASSOC_CAT_SALES_GOODS,              /**< private_earned: ventes de marchandises */
	ASSOC_CAT_PROGRAM_SERVICE_REVENUE,  /**< private_earned: recettes d'activité (Form 990 line 2) */
	ASSOC_CAT_OTHER_EARNED,             /**< private_earned: gaming, inventory... (net) */
	ASSOC_CAT_PUBLIC_CONTRACTS,         /**< public_contracts: commande publique */
	ASSOC_CAT_SUBSIDY_EU,               /**< public_subsidies: Union européenne */
	ASSOC_CAT_SUBSIDY_STATE,            /**< public_subsidies: État */
	ASSOC_CAT_SUBSIDY_REGION,           /**< public_subsidies: région */
	ASSOC_CAT_SUBSIDY_DEPARTEMENT,      /**< public_subsidies: département */
	ASSOC_CAT_SUBSIDY_INTERCOMMUNALITY, /**< public_subsidies: intercommunalité */
	ASSOC_CAT_SUBSIDY_COMMUNE,          /**< public_subsidies: commune */
	ASSOC_CAT_SUBSIDY_SOCIAL_BODIES,    /**< public_subsidies: organismes sociaux (CAF...) */
	ASSOC_CAT_SUBSIDY_OTHER_PUBLIC,     /**< public_subsidies: other or unspecified level (e.g. US government grants) */
	ASSOC_CAT_INVESTMENT_INCOME,        /**< financial_other: produits financiers */
	ASSOC_CAT_RENT,                     /**< financial_other: loyers (net) */
	ASSOC_CAT_ASSET_SALES,              /**< financial_other: cessions d'actifs (net) */
	ASSOC_CAT_ROYALTIES,                /**< financial_other: redevances */
	ASSOC_CAT_OTHER_INCOME,             /**< financial_other: autres produits */
	ASSOC_CAT__COUNT
} assoc_category;

/** How a funder relates to what it funds (the lecture's "from the gift to investment"). */
typedef enum assoc_mode {
	ASSOC_MODE_GIFT = 0,        /**< don: given, no return expected */
	ASSOC_MODE_EXCHANGE,        /**< échange: payment for a service or good */
	ASSOC_MODE_INVESTMENT,      /**< investissement: funding plus support, expecting impact */
	ASSOC_MODE_CO_CONSTRUCTION, /**< co-construction: funding a solution built together */
	ASSOC_MODE__COUNT
} assoc_mode;

/** The four kinds of people (lever 1). */
typedef enum assoc_person_kind {
	ASSOC_PEOPLE_VOLUNTEERS = 0,    /**< bénévoles */
	ASSOC_PEOPLE_EMPLOYEES,         /**< salariés */
	ASSOC_PEOPLE_CIVIC_SERVICE,     /**< volontaires en service civique */
	ASSOC_PEOPLE_SKILLS_SPONSORSHIP,/**< mécénat de compétences */
	ASSOC_PEOPLE__COUNT
} assoc_person_kind;

/** Kinds of funders and partners. */
typedef enum assoc_partner_kind {
	ASSOC_PARTNER_COMPANY = 0,
	ASSOC_PARTNER_FOUNDATION,
	ASSOC_PARTNER_PUBLIC_AUTHORITY,
	ASSOC_PARTNER_ASSOCIATION,
	ASSOC_PARTNER_RESEARCH_BODY,
	ASSOC_PARTNER_SOCIAL_ENTERPRISE,
	ASSOC_PARTNER_NETWORK,
	ASSOC_PARTNER_INDIVIDUAL,
	ASSOC_PARTNER__COUNT
} assoc_partner_kind;

/** Level of a public body. Local levels: commune, intercommunality, département, région. */
typedef enum assoc_public_level {
	ASSOC_LEVEL_EU = 0,
	ASSOC_LEVEL_STATE,
	ASSOC_LEVEL_REGION,
	ASSOC_LEVEL_DEPARTEMENT,
	ASSOC_LEVEL_INTERCOMMUNALITY,
	ASSOC_LEVEL_COMMUNE,
	ASSOC_LEVEL_SOCIAL_BODY,
	ASSOC_LEVEL_OTHER_PUBLIC,
	ASSOC_LEVEL__COUNT
} assoc_public_level;

/** Alliance families: Le RAMEAU's four, plus public partnership and inter-association. */
typedef enum assoc_family {
	ASSOC_FAMILY_MECENAT = 0,
	ASSOC_FAMILY_PRATIQUES_RESPONSABLES,
	ASSOC_FAMILY_COOPERATION_ECONOMIQUE,
	ASSOC_FAMILY_INNOVATION_SOCIETALE,
	ASSOC_FAMILY_PUBLIC_PARTNERSHIP,
	ASSOC_FAMILY_INTER_ASSOCIATION,
	ASSOC_FAMILY__COUNT
} assoc_family;

/** Observable practices of an alliance (formulas.md §3), each true / false / unknown. */
typedef enum assoc_practice {
	ASSOC_PRACTICE_INFORMATION_SHARING = 0,
	ASSOC_PRACTICE_COORDINATED_ACTIVITIES,
	ASSOC_PRACTICE_POOLED_RESOURCES,
	ASSOC_PRACTICE_CAPACITY_BUILDING,
	ASSOC_PRACTICE_CO_DEFINED_OBJECTIVES,
	ASSOC_PRACTICE_SHARED_GOVERNANCE,
	ASSOC_PRACTICE_JOINT_EVALUATION,
	ASSOC_PRACTICE_CO_CREATED_SOLUTION,
	ASSOC_PRACTICE__COUNT
} assoc_practice;

/** What a party brings to an alliance. */
typedef enum assoc_contribution_kind {
	ASSOC_CONTRIB_MONEY = 0,
	ASSOC_CONTRIB_GOODS,
	ASSOC_CONTRIB_SKILLS,
	ASSOC_CONTRIB_STAFF,
	ASSOC_CONTRIB_PREMISES,
	ASSOC_CONTRIB_NETWORK,
	ASSOC_CONTRIB_EXPERTISE,
	ASSOC_CONTRIB_TERRITORY_KNOWLEDGE,
	ASSOC_CONTRIB_PUBLIC_KNOWLEDGE,
	ASSOC_CONTRIB_DATA,
	ASSOC_CONTRIB_VISIBILITY,
	ASSOC_CONTRIB__COUNT
} assoc_contribution_kind;

/** Declared scope of action. */
typedef enum assoc_scope {
	ASSOC_SCOPE_LOCAL = 0,
	ASSOC_SCOPE_DEPARTEMENTAL,
	ASSOC_SCOPE_REGIONAL,
	ASSOC_SCOPE_NATIONAL,
	ASSOC_SCOPE_INTERNATIONAL,
	ASSOC_SCOPE__COUNT
} assoc_scope;

/** Identifier schemes of organisations. */
typedef enum assoc_id_scheme {
	ASSOC_ID_RNA = 0,  /**< French associations register: W + 9 digits */
	ASSOC_ID_SIREN,    /**< 9 digits */
	ASSOC_ID_SIRET,    /**< 14 digits */
	ASSOC_ID_EIN,      /**< US employer id: 9 digits (NN-NNNNNNN accepted) */
	ASSOC_ID_GB_CHC,   /**< England & Wales charity number: 6 to 8 digits */
	ASSOC_ID_ORG_ID,   /**< org-id.guide identifier: PREFIX-LIST-id, e.g. GB-CHC-1136419 */
	ASSOC_ID_OTHER,    /**< any other scheme: opaque */
	ASSOC_ID__COUNT
} assoc_id_scheme;

/** Kinds of in-kind contributions (contributions volontaires en nature). */
typedef enum assoc_inkind_kind {
	ASSOC_INKIND_VOLUNTEERING = 0, /**< bénévolat valorisé */
	ASSOC_INKIND_GOODS,            /**< dons en nature */
	ASSOC_INKIND_SERVICES,         /**< prestations en nature, mises à disposition */
	ASSOC_INKIND__COUNT
} assoc_inkind_kind;

/** Number of terms in a vocabulary (0 for an unknown vocabulary). */
ASSOC_EXTERN(int) assoc_vocab_size(assoc_vocab vocab);

/** Stable English identifier of a term (as in JSON), or NULL if out of range. Static storage. */
ASSOC_EXTERN(const char *) assoc_vocab_id(assoc_vocab vocab, int term);

/** English label of a term, or NULL. Static storage. */
ASSOC_EXTERN(const char *) assoc_vocab_label_en(assoc_vocab vocab, int term);

/** French label of a term (UTF-8), or NULL. Static storage. */
ASSOC_EXTERN(const char *) assoc_vocab_label_fr(assoc_vocab vocab, int term);

/** Name of a vocabulary itself, e.g. "category", "family". */
ASSOC_EXTERN(const char *) assoc_vocab_name(assoc_vocab vocab);

/**
 * Find the term that `label` names, caselessly and ignoring accents,
 * punctuation variants ('-', '_', ' ' are equivalent) and surrounding space.
 * @param out    receives the term (an enum value of that vocabulary)
 * @param vocab  the vocabulary
 * @param label  UTF-8 text
 * @return 0, ASSOC_ELABEL (unknown: the message lists the valid identifiers),
 *         ASSOC_EUTF8, ASSOC_EINVAL or ASSOC_ENOMEM.
 */
ASSOC_EXTERN(int) assoc_vocab_match(int *out, assoc_vocab vocab, const char *label);

/** The stream a revenue category belongs to, or -1 if out of range. */
ASSOC_EXTERN(int) assoc_category_stream(int category);

/**
 * Caseless, accent-insensitive match key of a text (names of organisations,
 * labels): NFKC, case folding, marks stripped, white space collapsed.
 * Two names match when their keys are equal.
 * @param out receives a new string; release with assoc_free().
 * @return 0, ASSOC_EUTF8, ASSOC_EINVAL or ASSOC_ENOMEM.
 */
ASSOC_EXTERN(int) assoc_text_match_key(char **out, const char *text);

ASSOC_END_DECL

#endif
