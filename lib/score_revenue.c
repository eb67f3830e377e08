/*
 * Revenue structure of one year (formulas.md 1.1-1.2, lever 2): total,
 * concentration at three levels (streams, categories, funders), public,
 * activity and investment shares.
 * SPDX-License-Identifier: MIT
 *
 * Negative lines (net lines: losses on asset sales, net events) count in
 * the totals but are clamped to 0 line by line for every share, so that S
 * is the same at the stream and the category level.
 *
 * A year whose lines are known to be only part of its revenue
 * (revenue_complete false, no total declared: SCDL subsidies, 360Giving
 * grants) has no total and no share of the whole: only the funder level,
 * which describes the recorded lines among themselves, is computed, and its
 * sentences say so (issue 5: a partial model fills in only what the data
 * tells).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "score_internal.h"

#define TOLERANCE_KEY "revenue.unattributed_tolerance"

/* The indices of each level, in the order of the table below. */
enum { IX_DEPENDENCE, IX_ENTROPY, IX_EQUIVALENT, IX_EVENNESS, IX_HHI, IX_HHI_NORM, IX_SHARES, IX__COUNT };

/* Table order = sorted ids (the catalogue bisects). */
enum {
	M_ACTIVITY_SHARE,
	M_CATEGORIES,
	M_FUNDERS = M_CATEGORIES + IX__COUNT,
	M_INVESTMENT_SHARE = M_FUNDERS + IX__COUNT,
	M_PUBLIC_SHARE,
	M_STREAMS,
	M_TOTAL = M_STREAMS + IX__COUNT,
	M__COUNT
};

#define SRC_HHI "Tuckman & Chang 1991; REAT herf"
#define LEVEL_DEFS(lvl, what)                                                                                  \
	{ "revenue." lvl ".dependence", "share", "dependence_rate",                                             \
	  "largest share of positive revenue by " what " (taux de dependance), the group named in the label",  \
	  "S", "French practice (taux de dependance); no official threshold" },                                  \
	{ "revenue." lvl ".entropy", "nats", "shannon_entropy",                                                 \
	  "-sum p_i ln p_i over the positive shares of revenue by " what, "V", "scipy.stats.entropy" },          \
	{ "revenue." lvl ".equivalent_number", "count", "equivalent_number",                                    \
	  "1 / HHI: the number of equal " what "s that would give the same concentration", "V", "REAT herf" },   \
	{ "revenue." lvl ".evenness", "index", "pielou_evenness",                                               \
	  "Shannon entropy / ln K (K = " what "s in the classification)", "V",                                  \
	  "Pielou evenness (standard); scipy.stats.entropy" },                                                  \
	{ "revenue." lvl ".hhi", "index", "hhi", "sum of squared shares of positive revenue by " what, "V",     \
	  SRC_HHI },                                                                                            \
	{ "revenue." lvl ".hhi_normalised", "index", "hhi_normalised",                                          \
	  "(HHI - 1/K) / (1 - 1/K), K = " what "s in the classification (zeros included)", "V", "REAT herf" },  \
	{ "revenue." lvl ".shares", "count", "shares",                                                           \
	  "number of " what "s with a positive amount; contributions: each one's share of positive revenue",    \
	  "own", "formulas.md 1.1" }

const assoc__measure_def assoc__measures_revenue[] = {
	{ "revenue.activity_share", "share", "activity_share",
	  "(private earned income + public contracts) / positive revenue", "S",
	  "Tchernonog & Prouteau, Le paysage associatif francais: recettes d'activite" },
	LEVEL_DEFS("categories", "category"),
	LEVEL_DEFS("funders", "funder"),
	{ "revenue.investment_share", "share", "investment_share",
	  "share of positive revenue whose mode is investment or co_construction, over the lines with a known mode",
	  "own", "the lecture's 'du don vers l'investissement' (seed document)" },
	{ "revenue.public_share", "share", "public_share", "(public subsidies + public contracts) / positive revenue",
	  "S", "Tchernonog & Prouteau, Le paysage associatif francais" },
	LEVEL_DEFS("streams", "stream"),
	{ "revenue.total", "currency", "revenue_total",
	  "declared total revenue if present, else the sum of the revenue lines (negative lines included)", "V",
	  "IRS Form 990 line 12; formulas.md 1" },
};
const size_t assoc__measures_revenue_count = sizeof assoc__measures_revenue / sizeof assoc__measures_revenue[0];

/* ---- the split ------------------------------------------------------------ */

static const assoc__revenue *line_at(const assoc__year *y, size_t i)
{
	return ASSOC__AT(y->revenue, assoc__revenue, i);
}

void assoc__split_year(assoc__split *s, const assoc__year *y)
{
	size_t i;
	memset(s, 0, sizeof *s);
	s->nlines = y->revenue.n;
	for (i = 0; i < y->revenue.n; i++) {
		const assoc__revenue *l = line_at(y, i);
		int st = assoc_category_stream(l->category);
		double a = l->amount;
		if (st < 0 || !assoc__has(a))
			continue; /* the loader refuses both: nothing to count */
		s->lines += a;
		s->stream_net[st] += a;
		if (a > 0) {
			s->stream[st] += a;
			s->category[l->category] += a;
			s->positive += a;
		} else if (a < 0) {
			s->clamped++;
		}
	}
	if (assoc__has(y->total_revenue)) {
		s->total = y->total_revenue;
		s->declared = 1;
	} else if (assoc__year_revenue_partial(y)) {
		/* The lines are a part of R, not R: nothing stands for the whole. */
		s->total = ASSOC__ABSENT;
		s->partial = 1;
	} else {
		s->total = s->nlines ? s->lines : ASSOC__ABSENT;
	}
}

int assoc__year_revenue_partial(const assoc__year *y)
{
	/* With a declared total the remainder is known (total - lines): the
	 * unattributed-remainder rule of assoc__split_attributed() applies. */
	return y->revenue_complete == 0 && !assoc__has(y->total_revenue);
}

const char *assoc__revenue_partial_reason(char *buf, size_t len, const assoc__year *y, const char *consequence)
{
	snprintf(buf, len, "the revenue lines of %d are only part of the revenue (revenue_complete is false)%s",
		 (int)y->year, consequence ? consequence : "");
	return buf;
}

double assoc__year_revenue(const assoc__year *y)
{
	double sum = 0.0;
	size_t i;
	if (assoc__has(y->total_revenue))
		return y->total_revenue;
	if (y->revenue.n == 0 || assoc__year_revenue_partial(y))
		return ASSOC__ABSENT;
	for (i = 0; i < y->revenue.n; i++)
		sum += line_at(y, i)->amount;
	return sum;
}

int assoc__split_attributed(int *ok, const assoc__ctx *ctx, assoc_result *r, const assoc__split *s, char *why,
			    size_t whylen)
{
	double gap, tol;
	int rc;
	*ok = 1;
	/* Without a declared total, R is the sum of the lines: nothing is left over. */
	if (!s->declared || (gap = s->total - s->lines) == 0)
		return 0;
	rc = assoc__ctx_constant(&tol, ctx, r, TOLERANCE_KEY);
	if (rc == ASSOC_ENOTFOUND) {
		*ok = 0;
		if (why)
			snprintf(why, whylen,
				 "the revenue lines sum to %.15g but the declared total is %.15g, and the profile has no "
				 "constant '%s' to judge the difference",
				 s->lines, s->total, TOLERANCE_KEY);
		return 0;
	}
	if (rc < 0)
		return rc;
	if (fabs(gap) <= tol * fabs(s->total))
		return 0;
	*ok = 0;
	if (why)
		snprintf(why, whylen,
			 "the revenue lines sum to %.15g but the declared total is %.15g: %.15g (%.1f%% of it) is not "
			 "attributed to a stream (tolerance %g%%)",
			 s->lines, s->total, gap, s->total != 0 ? 100.0 * fabs(gap) / fabs(s->total) : 100.0,
			 100.0 * tol);
	return 0;
}

/* ---- funders ----------------------------------------------------------------- */

typedef struct fkey {
	const assoc__funder *funder;
	const char *key;  /* identifier value, or the name's match key */
	char *owned;      /* the match key when computed here */
	int scheme;       /* identifier scheme; -2 for a key made from the name */
	size_t line;      /* first appearance */
	double amount;
} fkey;

static int fkey_cmp(const void *pa, const void *pb)
{
	const fkey *a = pa, *b = pb;
	int c;
	if (a->scheme != b->scheme)
		return a->scheme < b->scheme ? -1 : 1;
	if ((c = strcmp(a->key, b->key)) != 0)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

static int group_cmp(const void *pa, const void *pb)
{
	const fkey *a = pa, *b = pb;
	return a->line < b->line ? -1 : a->line > b->line;
}

static int names_funder(const assoc__funder *f) { return f->id.value != NULL || f->name != NULL; }

static int fill_keys(fkey *keys, size_t *nkeys, const assoc__year *y)
{
	size_t i, n = 0;
	int rc;
	for (i = 0; i < y->revenue.n; i++) {
		const assoc__revenue *l = line_at(y, i);
		fkey *k = &keys[n];
		if (!names_funder(&l->funder))
			continue;
		memset(k, 0, sizeof *k);
		k->funder = &l->funder;
		k->line = i;
		k->amount = l->amount > 0 ? l->amount : 0.0;
		if (l->funder.id.value) {
			k->scheme = l->funder.id.scheme < 0 ? -1 : l->funder.id.scheme;
			k->key = l->funder.id.value;
		} else {
			/* Same funder, spelt "Région Pays de la Loire" or "region pays de la loire". */
			if ((rc = assoc_text_match_key(&k->owned, l->funder.name)) < 0) {
				*nkeys = n;
				return rc;
			}
			k->scheme = -2;
			k->key = k->owned;
		}
		n++;
	}
	*nkeys = n;
	return 0;
}

static size_t merge_groups(fkey *keys, size_t n)
{
	size_t i, g = 0;
	qsort(keys, n, sizeof *keys, fkey_cmp);
	for (i = 0; i < n; i++) {
		if (g > 0 && keys[g - 1].scheme == keys[i].scheme && strcmp(keys[g - 1].key, keys[i].key) == 0) {
			keys[g - 1].amount += keys[i].amount;
			continue;
		}
		if (g != i) {
			/* keys[g]'s own key is no longer needed once moved over. */
			char *spare = keys[g].owned;
			keys[g] = keys[i];
			keys[i].owned = spare;
		}
		g++;
	}
	qsort(keys, g, sizeof *keys, group_cmp);
	return g;
}

int assoc__funders_group(assoc__funders *out, const assoc__year *y)
{
	fkey *keys;
	size_t i, n = 0, g, lines = 0;
	int rc;
	memset(out, 0, sizeof *out);
	for (i = 0; i < y->revenue.n; i++)
		lines += names_funder(&line_at(y, i)->funder);
	out->lines = lines;
	if (lines == 0)
		return 0;
	if (!(keys = assoc__calloc(lines, sizeof *keys)))
		return assoc__error_oom();
	rc = fill_keys(keys, &n, y);
	g = rc == 0 ? merge_groups(keys, n) : 0;
	if (rc == 0 && !(out->groups = assoc__calloc(g ? g : 1, sizeof *out->groups)))
		rc = assoc__error_oom();
	for (i = 0; rc == 0 && i < g; i++) {
		if (keys[i].amount <= 0)
			continue; /* K counts the funders with a positive amount */
		out->groups[out->n].funder = keys[i].funder;
		out->groups[out->n].amount = keys[i].amount;
		out->identified += keys[i].amount;
		out->n++;
	}
	for (i = 0; i < n; i++)
		assoc__free(keys[i].owned);
	assoc__free(keys);
	if (rc < 0)
		assoc__funders_dispose(out);
	return rc;
}

void assoc__funders_dispose(assoc__funders *f)
{
	assoc__free(f->groups);
	memset(f, 0, sizeof *f);
}

const char *assoc__funder_display(char *buf, size_t len, const assoc__funder *f)
{
	const char *scheme;
	if (f->name)
		return f->name;
	scheme = f->id.scheme >= 0 ? assoc_vocab_id(ASSOC_VOCAB_ID_SCHEME, f->id.scheme) : NULL;
	snprintf(buf, len, "%s:%s", scheme ? scheme : "id", f->id.value ? f->id.value : "?");
	return buf;
}

/* ---- one level of grouping ------------------------------------------------------ */

typedef struct level {
	int which;              /* assoc_level */
	const char *noun;       /* "stream" */
	const char *nouns;      /* "streams" */
	size_t n, k;            /* amounts given, groups in the classification */
	const double *amounts;  /* n amounts >= 0 */
	const assoc__funders *funders;
	double coverage;        /* identified share of S (funders), else 1 */
	int recorded;           /* 1: S is the recorded lines only, part of the revenue (funders) */
	char partial[160];      /* the reason when coverage < 1 */
	const char *nc;         /* why none of the level's indices is computable, or NULL */
	assoc_concentration c;
} level;

/* Identifier (labels, contributions) or English name (sentences) of group i. */
static const char *group_name(const level *lv, size_t i, int english, char *buf, size_t len)
{
	switch (lv->which) {
	case ASSOC_LEVEL_STREAMS:
		return english ? assoc_vocab_label_en(ASSOC_VOCAB_STREAM, (int)i) : assoc_vocab_id(ASSOC_VOCAB_STREAM, (int)i);
	case ASSOC_LEVEL_CATEGORIES:
		return english ? assoc_vocab_label_en(ASSOC_VOCAB_CATEGORY, (int)i)
			       : assoc_vocab_id(ASSOC_VOCAB_CATEGORY, (int)i);
	default:
		return assoc__funder_display(buf, len, lv->funders->groups[i].funder);
	}
}

/* Shares of each group as contributions (p^2 for the HHI, -p ln p for the
 * entropy, so that they add up to the value). Streams list every group. */
static int contributions(assoc_result *r, const assoc__ctx *ctx, const level *lv, int what)
{
	char buf[256];
	size_t i;
	int rc;
	if (!ctx->explain)
		return 0;
	for (i = 0; i < lv->n; i++) {
		double p = lv->amounts[i] / lv->c.total, v;
		if (p <= 0 && lv->which != ASSOC_LEVEL_STREAMS)
			continue;
		v = what == IX_HHI ? p * p : what == IX_ENTROPY ? (p > 0 ? -p * log(p) : 0.0) : p;
		if ((rc = assoc__result_contribution(r, ctx, group_name(lv, i, 0, buf, sizeof buf), v)) < 0)
			return rc;
	}
	return 0;
}

static size_t positive_groups(const level *lv)
{
	size_t i, n = 0;
	for (i = 0; i < lv->n; i++)
		n += lv->amounts[i] > 0;
	return n;
}

static void say(assoc_result *r, const assoc__ctx *ctx, const level *lv, int what, const char *tail)
{
	const assoc_concentration *c = &lv->c;
	char buf[256];
	const char *top = group_name(lv, c->max_index, 1, buf, sizeof buf);
	double k = (double)lv->k, v = r->value;
	int partial = lv->coverage < 1.0;
	const char *of = partial ? (lv->recorded ? " of identified recorded revenue" : " of identified revenue")
				 : (lv->recorded ? " of recorded revenue" : " of revenue");
	const char *kn = lv->k == 1 ? lv->noun : lv->nouns;
	if (!ctx->explain)
		return;
#define EMIT(...)                                                                                    \
	do {                                                                                         \
		if (partial)                                                                         \
			assoc__result_partial(r, ctx, v, lv->coverage, lv->partial, __VA_ARGS__); \
		else                                                                                 \
			assoc__result_ok(r, ctx, v, __VA_ARGS__);                                    \
	} while (0)
	switch (what) {
	case IX_HHI:
		EMIT("The HHI of revenue by %s is %.4g (K = %zu %s; %s holds %.0f%%%s).%s", lv->noun, v, lv->k,
		     kn, top, 100.0 * c->max_share, of, tail);
		break;
	case IX_HHI_NORM:
		EMIT("The normalised HHI by %s is %.4g (0 = spread evenly over the %zu %s, 1 = all from one).%s",
		     lv->noun, v, lv->k, lv->nouns, tail);
		break;
	case IX_EQUIVALENT:
		EMIT("Revenue is as concentrated as if it came from %.3g equal %s (out of %zu).%s", v,
		     v == 1.0 ? lv->noun : lv->nouns, lv->k, tail);
		break;
	case IX_ENTROPY:
		EMIT("The Shannon entropy of revenue by %s is %.4g nats (maximum ln %zu = %.4g).%s", lv->noun, v, lv->k,
		     log(k), tail);
		break;
	case IX_EVENNESS:
		EMIT("Evenness by %s is %.4g: entropy %.4g over its maximum ln %zu = %.4g.%s", lv->noun, v, c->entropy,
		     lv->k, log(k), tail);
		break;
	case IX_DEPENDENCE:
		if (lv->k == 1)
			EMIT("%s %s %.0f%%%s: the only %s with a positive amount (dependence rate %.4g).%s", top,
			     lv->which == ASSOC_LEVEL_FUNDERS ? "provides" : "provide", 100.0 * v, of, lv->noun, v, tail);
		else
			EMIT("%s %s %.0f%%%s: the largest of %zu %s (dependence rate %.4g).%s", top,
			     lv->which == ASSOC_LEVEL_FUNDERS ? "provides" : "provide", 100.0 * v, of, lv->k, lv->nouns,
			     v, tail);
		break;
	default:
		if (lv->which == ASSOC_LEVEL_FUNDERS)
			EMIT("Revenue comes from %.0f named %s with a positive amount.%s", v, kn, tail);
		else
			EMIT("Revenue comes from %.0f of the %zu %s.%s", v, lv->k, lv->nouns, tail);
		break;
	}
#undef EMIT
}

static double index_value(const level *lv, int what)
{
	switch (what) {
	case IX_HHI:
		return lv->c.hhi;
	case IX_HHI_NORM:
		return lv->c.hhi_normalised;
	case IX_EQUIVALENT:
		return lv->c.equivalent_number;
	case IX_ENTROPY:
		return lv->c.entropy;
	case IX_EVENNESS:
		return lv->c.evenness;
	case IX_DEPENDENCE:
		return lv->c.max_share;
	default:
		return (double)positive_groups(lv);
	}
}

static int fill_index(assoc_result *r, const assoc__ctx *ctx, const level *lv, int what, const char *tail)
{
	char buf[256];
	double v = index_value(lv, what);
	int rc;
	if (!assoc__has(v)) {
		assoc__result_not_computable(r, ctx,
					     "only %zu %s has a positive amount (K = %zu): the index needs K >= 2",
					     lv->k, lv->k == 1 ? lv->noun : lv->nouns, lv->k);
		return 0;
	}
	if (what == IX_DEPENDENCE &&
	    (rc = assoc__result_set_label(r, group_name(lv, lv->c.max_index, 0, buf, sizeof buf))) < 0)
		return rc;
	if ((rc = assoc__result_input(r, ctx, "positive_revenue", lv->c.total)) < 0 ||
	    (rc = assoc__result_input(r, ctx, "groups", (double)lv->k)) < 0 ||
	    (rc = contributions(r, ctx, lv, what)) < 0)
		return rc;
	if (!ctx->explain) {
		/* Values only: the status and the reason, no sentence. */
		if (lv->coverage < 1.0)
			assoc__result_partial(r, ctx, v, lv->coverage, lv->partial, "%s", "");
		else
			assoc__result_ok(r, ctx, v, "%s", "");
		return 0;
	}
	r->value = v;
	say(r, ctx, lv, what, tail);
	return 0;
}

static int emit_level(assoc__ctx *ctx, const assoc__year *y, const level *lv, int base, const char *tail,
		      const assoc__split *s)
{
	int year = (int)y->year, i, rc;
	for (i = 0; i < IX__COUNT; i++) {
		assoc_result *r;
		if ((rc = assoc__ctx_result_def(&r, ctx, &assoc__measures_revenue[base + i], year, NULL)) < 0)
			return rc;
		if (ctx->explain && s->declared && s->total != s->lines &&
		    (rc = assoc__ctx_constant(&(double){ 0 }, ctx, r, TOLERANCE_KEY)) < 0 && rc != ASSOC_ENOTFOUND)
			return rc;
		if (lv->nc)
			assoc__result_not_computable(r, ctx, "%s", lv->nc);
		else if ((rc = fill_index(r, ctx, lv, i, tail)) < 0)
			return rc;
	}
	return 0;
}

/* ---- the family ------------------------------------------------------------------- */

typedef struct year_state {
	assoc__split s;
	const char *nc;      /* why no share of the whole is computable, or NULL */
	const char *funders_nc; /* why the funder level is not computable, or NULL */
	char why[320];
	char partial_why[160]; /* the lines are only part of the revenue */
	char tail[512];      /* " Negative lines clamped to 0: ..." */
} year_state;

static void clamped_note(year_state *st, const assoc__year *y)
{
	size_t i, len = 0, shown = 0;
	if (!st->s.clamped)
		return;
	len = (size_t)snprintf(st->tail, sizeof st->tail, " Negative line%s clamped to 0 for the shares:",
			       st->s.clamped > 1 ? "s" : "");
	for (i = 0; i < y->revenue.n && len < sizeof st->tail; i++) {
		const assoc__revenue *l = line_at(y, i);
		if (!(l->amount < 0))
			continue;
		len += (size_t)snprintf(st->tail + len, sizeof st->tail - len, "%s %s (%.15g)", shown ? "," : "",
					l->label ? l->label : assoc_vocab_id(ASSOC_VOCAB_CATEGORY, l->category), l->amount);
		shown++;
	}
	if (len < sizeof st->tail)
		snprintf(st->tail + len, sizeof st->tail - len, ".");
}

static int year_setup(year_state *st, const assoc__ctx *ctx, const assoc__year *y)
{
	int ok, rc;
	memset(st, 0, sizeof *st);
	assoc__split_year(&st->s, y);
	if (st->s.nlines == 0) {
		st->nc = st->funders_nc = "the year has no revenue lines, so revenue cannot be split";
		return 0;
	}
	if ((rc = assoc__split_attributed(&ok, ctx, NULL, &st->s, st->why, sizeof st->why)) < 0)
		return rc;
	if (!ok)
		st->funders_nc = st->why;
	else if (!(st->s.positive > 0))
		st->funders_nc = "the revenue lines sum to 0 once negative lines are clamped to 0, so there are no shares";
	/* Funders are compared among the recorded lines; the whole is unknown. */
	st->nc = st->s.partial ? assoc__revenue_partial_reason(st->partial_why, sizeof st->partial_why, y,
								": shares of the whole cannot be computed")
			       : st->funders_nc;
	if (ctx->explain)
		clamped_note(st, y);
	return 0;
}

static int emit_total(assoc__ctx *ctx, const assoc__year *y, const assoc__split *s)
{
	assoc_result *r;
	int rc;
	if ((rc = assoc__ctx_result_def(&r, ctx, &assoc__measures_revenue[M_TOTAL], (int)y->year, NULL)) < 0 ||
	    (rc = assoc__result_set_label(r, y->currency)) < 0 ||
	    (rc = assoc__result_input(r, ctx, "declared_total", y->total_revenue)) < 0 ||
	    (rc = assoc__result_input(r, ctx, "sum_of_lines", s->nlines ? s->lines : ASSOC__ABSENT)) < 0)
		return rc;
	if (s->partial) {
		char why[160];
		assoc__revenue_partial_reason(why, sizeof why, y, "");
		if (s->nlines)
			assoc__result_not_computable(r, ctx, "%s: the total revenue is unknown (the %zu recorded line%s "
						     "sum to %.15g)", why, s->nlines, s->nlines > 1 ? "s" : "", s->lines);
		else
			assoc__result_not_computable(r, ctx, "%s: the total revenue is unknown", why);
	} else if (!assoc__has(s->total))
		assoc__result_not_computable(r, ctx, "the year has neither revenue lines nor a declared total revenue");
	else if (s->declared && s->nlines && s->total == s->lines)
		assoc__result_ok(r, ctx, s->total, "Revenue is %.15g %s: the declared total, which its %zu lines add up to.",
				 s->total, y->currency ? y->currency : "", s->nlines);
	else if (s->declared && s->nlines)
		assoc__result_ok(r, ctx, s->total,
				 "Revenue is %.15g %s: the declared total (its %zu lines sum to %.15g, a difference of %.15g).",
				 s->total, y->currency ? y->currency : "", s->nlines, s->lines, s->total - s->lines);
	else if (s->declared)
		assoc__result_ok(r, ctx, s->total, "Revenue is %.15g %s: the declared total (no revenue lines).",
				 s->total, y->currency ? y->currency : "");
	else
		assoc__result_ok(r, ctx, s->total, "Revenue is %.15g %s: the sum of its %zu lines (no total declared).",
				 s->total, y->currency ? y->currency : "", s->nlines);
	return 0;
}

static void level_init(level *lv, int which, const double *amounts, size_t n, size_t k, const char *nc)
{
	static const char *const nouns[][2] = { { "stream", "streams" }, { "category", "categories" },
						{ "funder", "funders" } };
	memset(lv, 0, sizeof *lv);
	lv->which = which;
	lv->noun = nouns[which][0];
	lv->nouns = nouns[which][1];
	lv->amounts = amounts;
	lv->n = n;
	lv->k = k;
	lv->coverage = 1.0;
	lv->nc = nc;
	if (!nc)
		assoc_concentration_compute(&lv->c, amounts, n, k);
}

static int emit_funders(assoc__ctx *ctx, const assoc__year *y, const year_state *st)
{
	assoc__funders f;
	level lv;
	double *amounts = NULL;
	const char *nc = st->funders_nc, *tail = st->tail;
	char recorded[sizeof st->tail + 200];
	size_t i;
	int rc;
	if ((rc = assoc__funders_group(&f, y)) < 0)
		return rc;
	if (!nc && f.lines == 0)
		nc = "no revenue line names its funder";
	else if (!nc && f.n == 0)
		nc = "the revenue lines that name a funder sum to 0 once negative lines are clamped";
	if (!nc && !(amounts = assoc__malloc(f.n * sizeof *amounts))) {
		assoc__funders_dispose(&f);
		return assoc__error_oom();
	}
	for (i = 0; !nc && i < f.n; i++)
		amounts[i] = f.groups[i].amount;
	level_init(&lv, ASSOC_LEVEL_FUNDERS, amounts, nc ? 0 : f.n, nc ? 0 : f.n, nc);
	lv.funders = &f;
	lv.recorded = st->s.partial;
	if (!nc && f.identified < st->s.positive) {
		lv.coverage = f.identified / st->s.positive;
		snprintf(lv.partial, sizeof lv.partial, "%.0f%% of %spositive revenue (%.15g of %.15g) names no funder",
			 100.0 * (1.0 - lv.coverage), lv.recorded ? "recorded " : "", st->s.positive - f.identified,
			 st->s.positive);
	}
	if (!nc && lv.recorded && ctx->explain) {
		snprintf(recorded, sizeof recorded,
			 " This covers only the %zu recorded revenue line%s of %d, which are only part of its revenue "
			 "(revenue_complete is false).%s",
			 st->s.nlines, st->s.nlines > 1 ? "s" : "", (int)y->year, st->tail);
		tail = recorded;
	}
	rc = emit_level(ctx, y, &lv, M_FUNDERS, tail, &st->s);
	assoc__free(amounts);
	assoc__funders_dispose(&f);
	return rc;
}

/* public_share and activity_share: the sum of two streams over S. */
static int emit_two_streams(assoc__ctx *ctx, const assoc__year *y, const year_state *st, int m, int a, int b,
			    const char *what)
{
	const assoc__split *s = &st->s;
	assoc_result *r;
	double v;
	int rc;
	if ((rc = assoc__ctx_result_def(&r, ctx, &assoc__measures_revenue[m], (int)y->year, NULL)) < 0)
		return rc;
	if (st->nc) {
		assoc__result_not_computable(r, ctx, "%s", st->nc);
		return 0;
	}
	v = (s->stream[a] + s->stream[b]) / s->positive;
	if ((rc = assoc__result_input(r, ctx, "positive_revenue", s->positive)) < 0 ||
	    (rc = assoc__result_input(r, ctx, assoc_vocab_id(ASSOC_VOCAB_STREAM, a), s->stream[a])) < 0 ||
	    (rc = assoc__result_input(r, ctx, assoc_vocab_id(ASSOC_VOCAB_STREAM, b), s->stream[b])) < 0 ||
	    (rc = assoc__result_contribution(r, ctx, assoc_vocab_id(ASSOC_VOCAB_STREAM, a), s->stream[a] / s->positive)) < 0 ||
	    (rc = assoc__result_contribution(r, ctx, assoc_vocab_id(ASSOC_VOCAB_STREAM, b), s->stream[b] / s->positive)) < 0)
		return rc;
	assoc__result_ok(r, ctx, v, "%s: %s %.15g + %s %.15g = %.0f%% of positive revenue (%.15g).%s", what,
			 assoc_vocab_label_en(ASSOC_VOCAB_STREAM, a), s->stream[a],
			 assoc_vocab_label_en(ASSOC_VOCAB_STREAM, b), s->stream[b], 100.0 * v, s->positive, st->tail);
	return 0;
}

static int emit_investment(assoc__ctx *ctx, const assoc__year *y, const year_state *st)
{
	double by_mode[ASSOC_MODE__COUNT] = { 0 }, known = 0.0, v, cov;
	assoc_result *r;
	size_t i, unknown_lines = 0;
	int rc, m;
	if ((rc = assoc__ctx_result_def(&r, ctx, &assoc__measures_revenue[M_INVESTMENT_SHARE], (int)y->year, NULL)) < 0)
		return rc;
	if (st->nc) {
		assoc__result_not_computable(r, ctx, "%s", st->nc);
		return 0;
	}
	for (i = 0; i < y->revenue.n; i++) {
		const assoc__revenue *l = line_at(y, i);
		if (l->mode < 0 || l->mode >= ASSOC_MODE__COUNT) {
			unknown_lines++;
			continue;
		}
		if (l->amount > 0) {
			by_mode[l->mode] += l->amount;
			known += l->amount;
		}
	}
	if (!(known > 0)) {
		assoc__result_not_computable(r, ctx, unknown_lines == y->revenue.n
							     ? "no revenue line gives its mode (gift, exchange, investment, co_construction)"
							     : "the revenue lines with a known mode sum to 0");
		return 0;
	}
	v = (by_mode[ASSOC_MODE_INVESTMENT] + by_mode[ASSOC_MODE_CO_CONSTRUCTION]) / known;
	cov = known / st->s.positive;
	if ((rc = assoc__result_input(r, ctx, "positive_revenue", st->s.positive)) < 0 ||
	    (rc = assoc__result_input(r, ctx, "known_mode_revenue", known)) < 0)
		return rc;
	for (m = 0; m < ASSOC_MODE__COUNT; m++)
		if ((rc = assoc__result_contribution(r, ctx, assoc_vocab_id(ASSOC_VOCAB_MODE, m), by_mode[m] / known)) < 0)
			return rc;
	if (cov < 1.0) {
		char reason[160];
		snprintf(reason, sizeof reason, "%zu revenue line%s (%.0f%% of positive revenue) give%s no mode",
			 unknown_lines, unknown_lines > 1 ? "s" : "", 100.0 * (1.0 - cov), unknown_lines > 1 ? "" : "s");
		assoc__result_partial(r, ctx, v, cov, reason,
				      "%.0f%% of the revenue whose mode is known (%.15g) is investment or co-construction; "
				      "the mode of %.0f%% of revenue is unknown.%s",
				      100.0 * v, known, 100.0 * (1.0 - cov), st->tail);
	} else {
		assoc__result_ok(r, ctx, v, "%.0f%% of revenue (%.15g of %.15g) is investment or co-construction.%s",
				 100.0 * v, by_mode[ASSOC_MODE_INVESTMENT] + by_mode[ASSOC_MODE_CO_CONSTRUCTION], known,
				 st->tail);
	}
	return 0;
}

int assoc__score_revenue(assoc__ctx *ctx, const assoc__year *y)
{
	year_state st;
	level lv;
	int rc;
	if ((rc = year_setup(&st, ctx, y)) < 0 || (rc = emit_total(ctx, y, &st.s)) < 0)
		return rc;
	level_init(&lv, ASSOC_LEVEL_STREAMS, st.s.stream, ASSOC_STREAM__COUNT, ASSOC_STREAM__COUNT, st.nc);
	if ((rc = emit_level(ctx, y, &lv, M_STREAMS, st.tail, &st.s)) < 0)
		return rc;
	level_init(&lv, ASSOC_LEVEL_CATEGORIES, st.s.category, ASSOC_CAT__COUNT, ASSOC_CAT__COUNT, st.nc);
	if ((rc = emit_level(ctx, y, &lv, M_CATEGORIES, st.tail, &st.s)) < 0 ||
	    (rc = emit_funders(ctx, y, &st)) < 0)
		return rc;
	if ((rc = emit_two_streams(ctx, y, &st, M_PUBLIC_SHARE, ASSOC_STREAM_PUBLIC_SUBSIDIES,
				   ASSOC_STREAM_PUBLIC_CONTRACTS, "Public subsidies and contracts")) < 0 ||
	    (rc = emit_two_streams(ctx, y, &st, M_ACTIVITY_SHARE, ASSOC_STREAM_PRIVATE_EARNED,
				   ASSOC_STREAM_PUBLIC_CONTRACTS, "Activity income")) < 0)
		return rc;
	return emit_investment(ctx, y, &st);
}
