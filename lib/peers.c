/*
 * Peer benchmarking: populations of organisation-years, benchmarks of one
 * measure within groups, Tuckman & Chang flags (docs/benchmarking.md).
 * The statistics themselves are in peers_stats.c.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "model.h"
#include "peers_internal.h"
#include "util.h"

/* ---- populations -------------------------------------------------------- */

/* Textual group keys a member carries, in the order of the key dimensions. */
enum { KEY_SECTOR, KEY_COUNTRY, KEY_REGION, KEY_DEPARTEMENT, KEY_COMMUNE, KEY_CURRENCY, KEY__COUNT };

typedef struct member {
	char *id;
	int year;
	char *keys[KEY__COUNT]; /* NULL: unknown */
	double revenue;         /* NaN: unknown */
	double *values;         /* indexed like population.names; NaN: missing */
	size_t nvalues;         /* measures interned after this member was added are missing */
} member;

struct assoc_population {
	assoc__vec members; /* member */
	assoc__vec names;   /* char *: every measure id seen, interned */
	size_t hint;        /* where the next name is likely to be: reports list measures in one order */
	size_t *slots;      /* open addressing on (id, year): member index + 1, 0 = empty */
	size_t nslots;      /* a power of two, or 0 */
};

int assoc_population_new(assoc_population **out)
{
	assoc_population *pop;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_population_new: out is NULL");
	*out = NULL;
	pop = assoc__calloc(1, sizeof *pop);
	if (!pop)
		return assoc__error_oom();
	*out = pop;
	return 0;
}

static void member_dispose(member *m)
{
	int k;
	assoc__free(m->id);
	for (k = 0; k < KEY__COUNT; k++)
		assoc__free(m->keys[k]);
	assoc__free(m->values);
}

void assoc_population_free(assoc_population *pop)
{
	size_t i;
	if (!pop)
		return;
	for (i = 0; i < pop->members.n; i++)
		member_dispose(ASSOC__AT(pop->members, member, i));
	for (i = 0; i < pop->names.n; i++)
		assoc__free(*ASSOC__AT(pop->names, char *, i));
	assoc__vec_free(&pop->members);
	assoc__vec_free(&pop->names);
	assoc__free(pop->slots);
	assoc__free(pop);
}

size_t assoc_population_count(const assoc_population *pop)
{
	return pop ? pop->members.n : 0;
}

/* FNV-1a over the identifier and the year. */
static size_t hash_key(const char *id, int year)
{
	uint64_t h = 1469598103934665603u;
	unsigned int y = (unsigned int)year;
	int i;
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 1099511628211u;
	for (i = 0; i < 4; i++, y >>= 8)
		h = (h ^ (y & 0xffu)) * 1099511628211u;
	return (size_t)h;
}

/* Slot holding (id, year), or the empty slot where it would go. */
static size_t *slot_of(const assoc_population *pop, const char *id, int year)
{
	size_t mask = pop->nslots - 1, s = hash_key(id, year) & mask;
	for (;; s = (s + 1) & mask) {
		const member *m;
		if (pop->slots[s] == 0)
			return &pop->slots[s];
		m = ASSOC__AT(pop->members, member, pop->slots[s] - 1);
		if (m->year == year && strcmp(m->id, id) == 0)
			return &pop->slots[s];
	}
}

/* Keep the table at most half full, so that the probe always ends. */
static int slots_reserve(assoc_population *pop, size_t n)
{
	size_t cap = pop->nslots ? pop->nslots : 16, i, *old = pop->slots, oldn = pop->nslots;
	while (cap < 2 * n)
		cap *= 2;
	if (cap == pop->nslots)
		return 0;
	pop->slots = assoc__calloc(cap, sizeof *pop->slots);
	if (!pop->slots) {
		pop->slots = old;
		return assoc__error_oom();
	}
	pop->nslots = cap;
	for (i = 0; i < oldn; i++) {
		if (old[i]) {
			const member *m = ASSOC__AT(pop->members, member, old[i] - 1);
			*slot_of(pop, m->id, m->year) = old[i];
		}
	}
	assoc__free(old);
	return 0;
}

int assoc_population_find(size_t *out, const assoc_population *pop, const char *id, int year)
{
	size_t *s;
	if (!out || !pop || !id)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_population_find: NULL argument");
	if (pop->nslots == 0 || *(s = slot_of(pop, id, year)) == 0)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "no member \"%s\" for year %d in the population", id,
					year);
	*out = *s - 1;
	return 0;
}

int assoc_population_member(const char **id, int *year, const assoc_population *pop, size_t i)
{
	const member *m;
	if (!pop || i >= pop->members.n)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "no member %zu in the population", i);
	m = ASSOC__AT(pop->members, member, i);
	if (id)
		*id = m->id;
	if (year)
		*year = m->year;
	return 0;
}

/* Index of measure `name`, or SIZE_MAX. */
static size_t name_index(const assoc_population *pop, const char *name)
{
	size_t i;
	for (i = 0; i < pop->names.n; i++)
		if (strcmp(*ASSOC__AT(pop->names, char *, i), name) == 0)
			return i;
	return SIZE_MAX;
}

static double member_value(const member *m, size_t idx)
{
	return idx < m->nvalues ? m->values[idx] : ASSOC__ABSENT;
}

int assoc_population_value(double *out, const assoc_population *pop, size_t i, const char *measure)
{
	if (!out || !pop || !measure)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_population_value: NULL argument");
	*out = ASSOC__ABSENT;
	if (i >= pop->members.n)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "no member %zu in the population", i);
	*out = member_value(ASSOC__AT(pop->members, member, i), name_index(pop, measure));
	if (!assoc__has(*out)) {
		const member *m = ASSOC__AT(pop->members, member, i);
		return assoc__error_set(ASSOC_EABSENT, NULL, "member \"%s\" (%d) has no value for \"%s\"", m->id,
					m->year, measure);
	}
	return 0;
}

/* Index of `name`, interning it if new. */
static int intern(size_t *out, assoc_population *pop, const char *name)
{
	char **slot;
	size_t i = pop->hint;
	/* Reports list their measures in one order: the next name is most often
	 * the one after the last match, which keeps bulk adds linear. */
	if (i >= pop->names.n || strcmp(*ASSOC__AT(pop->names, char *, i), name) != 0)
		i = name_index(pop, name);
	if (i == SIZE_MAX) {
		char *dup = assoc__strdup(name);
		if (!dup || assoc__vec_push(&pop->names, sizeof(char *), (void **)&slot) < 0) {
			assoc__free(dup);
			return assoc__error_oom();
		}
		*slot = dup;
		i = pop->names.n - 1;
	}
	*out = i;
	pop->hint = i + 1;
	return 0;
}

/* Forget the names interned by a failed add. */
static void names_truncate(assoc_population *pop, size_t n)
{
	while (pop->names.n > n) {
		pop->names.n--;
		assoc__free(*ASSOC__AT(pop->names, char *, pop->names.n));
	}
	pop->hint = 0;
}

/* A member being built: what the two entry points hand to add_member(). */
typedef struct draft {
	const char *id;
	int year;
	const char *keys[KEY__COUNT];
	double revenue;
	const char *const *names;
	const double *values;
	size_t n;
	int first_wins; /* a measure named twice: keep the first (report) or refuse (by value) */
} draft;

static int fill_values(member *m, assoc_population *pop, const draft *d)
{
	size_t i, *idx = NULL;
	char *seen = NULL;
	int rc = 0;
	if (d->n) {
		idx = assoc__malloc(d->n * sizeof *idx);
		if (!idx)
			return assoc__error_oom();
	}
	for (i = 0; i < d->n && rc == 0; i++)
		rc = intern(&idx[i], pop, d->names[i]);
	if (rc == 0) {
		m->nvalues = pop->names.n;
		m->values = assoc__malloc(m->nvalues * sizeof *m->values);
		seen = assoc__calloc(m->nvalues, 1);
		if (!m->values || !seen)
			rc = assoc__error_oom();
	}
	for (i = 0; rc == 0 && i < m->nvalues; i++)
		m->values[i] = ASSOC__ABSENT;
	for (i = 0; rc == 0 && i < d->n; i++) {
		if (seen[idx[i]]) {
			if (!d->first_wins) {
				char path[48];
				snprintf(path, sizeof path, "/measures/%zu", i);
				rc = assoc__error_set(ASSOC_EDUPLICATE, path, "measure \"%s\" is given twice",
						      d->names[i]);
			}
			continue;
		}
		seen[idx[i]] = 1;
		m->values[idx[i]] = d->values[i];
	}
	assoc__free(idx);
	assoc__free(seen);
	return rc;
}

static int add_member(assoc_population *pop, const draft *d)
{
	member m;
	size_t old_names = pop->names.n, i;
	void *slot;
	int k, rc;
	memset(&m, 0, sizeof m);
	if (pop->nslots && *slot_of(pop, d->id, d->year))
		return assoc__error_set(ASSOC_EDUPLICATE, NULL, "member \"%s\" for year %d is already in the population",
					d->id, d->year);
	if ((rc = slots_reserve(pop, pop->members.n + 1)) < 0)
		return rc;
	if (assoc__vec_reserve(&pop->members, sizeof(member), pop->members.n + 1) < 0)
		return assoc__error_oom();
	m.year = d->year;
	m.revenue = d->revenue;
	m.id = assoc__strdup(d->id);
	rc = m.id ? 0 : assoc__error_oom();
	for (k = 0; k < KEY__COUNT && rc == 0; k++)
		if (d->keys[k] && !(m.keys[k] = assoc__strdup(d->keys[k])))
			rc = assoc__error_oom();
	if (rc == 0)
		rc = fill_values(&m, pop, d);
	if (rc < 0) {
		member_dispose(&m);
		names_truncate(pop, old_names);
		return rc;
	}
	/* Cannot fail: room was reserved above. */
	assoc__vec_push(&pop->members, sizeof(member), &slot);
	memcpy(slot, &m, sizeof m);
	i = pop->members.n;
	*slot_of(pop, m.id, m.year) = i;
	return 0;
}

int assoc_peer_keys_init(assoc_peer_keys *keys, unsigned int version)
{
	assoc_peer_keys def = ASSOC_PEER_KEYS_INIT;
	if (!keys)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_peer_keys_init: keys is NULL");
	if (version != ASSOC_PEER_KEYS_VERSION)
		return assoc__error_set(ASSOC_EVERSION, NULL, "unsupported assoc_peer_keys version %u (this library: 1)",
					version);
	*keys = def;
	return 0;
}

int assoc_population_add_values(assoc_population *pop, const char *id, int year, const assoc_peer_keys *keys,
				const char *const *measures, const double *values, size_t n)
{
	draft d;
	size_t i;
	if (!pop || !id || (n && (!measures || !values)))
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_population_add_values: NULL argument");
	memset(&d, 0, sizeof d);
	if (keys) {
		/* Version 1 is the only one: every later field would be appended. */
		if (keys->version < 1 || keys->version > ASSOC_PEER_KEYS_VERSION)
			return assoc__error_set(ASSOC_EVERSION, NULL, "unsupported assoc_peer_keys version %u",
						keys->version);
		d.keys[KEY_SECTOR] = keys->sector;
		d.keys[KEY_COUNTRY] = keys->country;
		d.keys[KEY_REGION] = keys->region;
		d.keys[KEY_DEPARTEMENT] = keys->departement;
		d.keys[KEY_COMMUNE] = keys->commune;
		d.keys[KEY_CURRENCY] = keys->currency;
	}
	d.revenue = keys && keys->revenue ? *keys->revenue : ASSOC__ABSENT;
	if (isinf(d.revenue))
		return assoc__error_set(ASSOC_EVALUE, "/keys/revenue", "revenue %g is not finite", d.revenue);
	for (i = 0; i < n; i++) {
		char path[48];
		snprintf(path, sizeof path, "/measures/%zu", i);
		if (!measures[i])
			return assoc__error_set(ASSOC_EINVAL, path, "measure name %zu is NULL", i);
		snprintf(path, sizeof path, "/values/%zu", i);
		if (isinf(values[i]))
			return assoc__error_set(ASSOC_EVALUE, path, "value %g of measure \"%s\" is not finite", values[i],
						measures[i]);
	}
	d.id = id;
	d.year = year;
	d.names = measures;
	d.values = values;
	d.n = n;
	return add_member(pop, &d);
}

static const assoc__year *find_year(const assoc_org *org, int year)
{
	size_t i;
	for (i = 0; i < org->years.n; i++) {
		const assoc__year *y = ASSOC__AT(org->years, assoc__year, i);
		if (assoc__has(y->year) && (int)y->year == year)
			return y;
	}
	return NULL;
}

/* Declared total revenue, else the sum of the lines (net lines count with
 * their sign, as in every total); missing when the year has neither, or
 * when its lines are only part of its revenue (revenue_complete false):
 * a partial sum would put the organisation in too small a size band. */
static double year_revenue(const assoc__year *y)
{
	double sum = 0.0;
	size_t i;
	if (assoc__has(y->total_revenue))
		return y->total_revenue;
	if (y->revenue.n == 0 || y->revenue_complete == 0)
		return ASSOC__ABSENT;
	for (i = 0; i < y->revenue.n; i++)
		sum += ASSOC__AT(y->revenue, assoc__revenue, i)->amount;
	return sum;
}

/* Measures of `rep` about `year` first, then about the whole organisation
 * (year 0); per-alliance results (with a subject) are left out. */
static void collect_results(draft *d, const char **names, double *values, const assoc_report *rep, int year)
{
	size_t i, n = assoc_report_count(rep);
	int pass;
	d->n = 0;
	/* Year 0 never names a fiscal year, but a second pass over it would take
	 * every result twice. */
	for (pass = 0; pass < (year != 0 ? 2 : 1); pass++) {
		for (i = 0; i < n; i++) {
			const assoc_result *r = assoc_report_get(rep, i);
			double v;
			if (!r || assoc_result_subject(r) || assoc_result_year(r) != (pass == 0 ? year : 0))
				continue;
			if (assoc_result_value(&v, r) < 0)
				v = ASSOC__ABSENT;
			names[d->n] = assoc_result_measure(r);
			values[d->n++] = v;
		}
	}
	d->names = names;
	d->values = values;
	d->first_wins = 1;
}

static char *sector_key(const assoc_org *org)
{
	assoc__buf b = ASSOC__BUF_INIT;
	char *s;
	if (!org->sector.code)
		return NULL;
	if (org->sector.scheme)
		assoc__buf_printf(&b, "%s:", org->sector.scheme);
	assoc__buf_puts(&b, org->sector.code);
	return assoc__buf_detach(&s, &b) < 0 ? NULL : s;
}

int assoc_population_add(assoc_population *pop, const assoc_org *org, int year, const assoc_report *rep)
{
	assoc_report *own = NULL;
	const assoc__year *y;
	const char **names = NULL;
	double *values = NULL;
	char *sector = NULL;
	draft d;
	size_t n;
	int rc;
	if (!pop || !org)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_population_add: NULL argument");
	if (!org->id.value)
		return assoc__error_set(ASSOC_EMISSING, "/id", "the organisation has no identifier");
	if (!(y = find_year(org, year)))
		return assoc__error_set(ASSOC_ENOTFOUND, "/years", "organisation \"%s\" has no year %d",
					org->id.value, year);
	/* Refuse a duplicate before scoring it for nothing. */
	if (pop->nslots && *slot_of(pop, org->id.value, year))
		return assoc__error_set(ASSOC_EDUPLICATE, "/id", "member \"%s\" for year %d is already in the population",
					org->id.value, year);
	if (!rep) {
		assoc_score_options opts = ASSOC_SCORE_OPTIONS_INIT;
		opts.year = year;
		opts.flags = ASSOC_SCORE_VALUES_ONLY;
		if ((rc = assoc_report_new(&own, org, NULL, &opts)) < 0)
			return rc;
		rep = own;
	}
	memset(&d, 0, sizeof d);
	rc = 0;
	n = assoc_report_count(rep);
	/* Each result is taken at most once over the two passes. */
	names = assoc__malloc((n ? n : 1) * sizeof *names);
	values = assoc__malloc((n ? n : 1) * sizeof *values);
	if (org->sector.code && !(sector = sector_key(org)))
		rc = assoc__error_oom();
	else if (!names || !values)
		rc = assoc__error_oom();
	else
		collect_results(&d, names, values, rep, year);
	if (rc == 0) {
		d.id = org->id.value;
		d.year = year;
		d.keys[KEY_SECTOR] = sector;
		d.keys[KEY_COUNTRY] = org->territory.country;
		d.keys[KEY_REGION] = org->territory.region;
		d.keys[KEY_DEPARTEMENT] = org->territory.departement;
		d.keys[KEY_COMMUNE] = org->territory.commune;
		d.keys[KEY_CURRENCY] = y->currency;
		d.revenue = year_revenue(y);
		rc = add_member(pop, &d);
	}
	assoc__free(names);
	assoc__free(values);
	assoc__free(sector);
	assoc_report_free(own);
	return rc;
}

/* ---- benchmark parameters from the profile ------------------------------- */

#define MAX_EDGES 64

typedef struct params {
	double winsor_low, winsor_high;
	double min_group_size;
	double edges[MAX_EDGES];
	size_t nedges;
} params;

/* JSON Pointer of a constant in a profile document (docs/profile.md). */
static const char *constant_path(assoc__path *path, const char *key)
{
	assoc__path_init(path);
	assoc__path_key(path, "constants");
	assoc__path_key(path, key);
	return path->buf;
}

static int constant(double *out, const assoc_profile *profile, const char *key)
{
	assoc__path path;
	int rc = assoc_profile_constant(out, NULL, profile, key, NULL);
	if (rc == ASSOC_ENOTFOUND)
		return assoc__error_set(ASSOC_ENOTFOUND, constant_path(&path, key),
					"profile '%s' has no constant '%s', needed by peer benchmarking",
					assoc_profile_id(profile), key);
	return rc;
}

static int read_edges(params *p, const assoc_profile *profile)
{
	assoc__path path;
	char key[64];
	size_t k;
	for (k = 0; k < MAX_EDGES; k++) {
		snprintf(key, sizeof key, "benchmark.size_band_edge.%zu", k + 1);
		if (assoc_profile_constant(&p->edges[k], NULL, profile, key, NULL) < 0)
			break;
		if (k > 0 && !(p->edges[k] > p->edges[k - 1]))
			return assoc__error_set(ASSOC_EVALUE, constant_path(&path, key),
						"size-band edge '%s' = %g is not above the previous edge, %g", key,
						p->edges[k], p->edges[k - 1]);
	}
	p->nedges = k;
	if (k == 0)
		return assoc__error_set(ASSOC_ENOTFOUND, constant_path(&path, "benchmark.size_band_edge.1"),
					"grouping by size needs the profile constants benchmark.size_band_edge.1, .2, ... "
					"(profile '%s' has none)", assoc_profile_id(profile));
	assoc_error_clear(); /* the absent edge that ended the list is not an error */
	return 0;
}

static int read_params(params *p, const assoc_profile *profile, unsigned int grouping)
{
	assoc__path path;
	int rc;
	memset(p, 0, sizeof *p);
	if ((rc = constant(&p->winsor_low, profile, "benchmark.winsor_low")) < 0 ||
	    (rc = constant(&p->winsor_high, profile, "benchmark.winsor_high")) < 0 ||
	    (rc = constant(&p->min_group_size, profile, "benchmark.min_group_size")) < 0)
		return rc;
	if (!(p->winsor_low >= 0.0 && p->winsor_low < 0.5))
		return assoc__error_set(ASSOC_EVALUE, constant_path(&path, "benchmark.winsor_low"),
					"benchmark.winsor_low = %g must be in [0, 0.5)", p->winsor_low);
	if (!(p->winsor_high > 0.5 && p->winsor_high <= 1.0))
		return assoc__error_set(ASSOC_EVALUE, constant_path(&path, "benchmark.winsor_high"),
					"benchmark.winsor_high = %g must be in (0.5, 1]", p->winsor_high);
	if (!(p->min_group_size >= 1.0 && p->min_group_size <= 1e9 && p->min_group_size == floor(p->min_group_size)))
		return assoc__error_set(ASSOC_EVALUE, constant_path(&path, "benchmark.min_group_size"),
					"benchmark.min_group_size = %g must be a whole number >= 1", p->min_group_size);
	if (grouping & ASSOC_GROUP_SIZE)
		return read_edges(p, profile);
	return 0;
}

/* ---- benchmarks ----------------------------------------------------------- */

typedef struct bmember {
	char *id;
	int year;
	size_t group; /* SIZE_MAX: no group */
	int status;
	double value, winsorised, percentile, z;
} bmember;

typedef struct bgroup {
	char *key;
	size_t members;
	int status;
	double *sorted; /* the group's values, ascending */
	size_t n;
	double stat[ASSOC_BENCH__STAT_COUNT]; /* group statistics, NaN when too small */
} bgroup;

struct assoc_benchmark {
	char *measure;
	unsigned int grouping;
	params p;
	bmember *m;
	size_t n;
	bgroup *g;
	size_t ng;
};

#define GROUP_BITS                                                                                       \
	(ASSOC_GROUP_YEAR | ASSOC_GROUP_SECTOR | ASSOC_GROUP_SIZE | ASSOC_GROUP_COUNTRY | ASSOC_GROUP_REGION | \
	 ASSOC_GROUP_DEPARTEMENT | ASSOC_GROUP_COMMUNE)

int assoc_benchmark_options_init(assoc_benchmark_options *opts, unsigned int version)
{
	assoc_benchmark_options def = ASSOC_BENCHMARK_OPTIONS_INIT;
	if (!opts)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_benchmark_options_init: opts is NULL");
	if (version != ASSOC_BENCHMARK_OPTIONS_VERSION)
		return assoc__error_set(ASSOC_EVERSION, NULL,
					"unsupported assoc_benchmark_options version %u (this library: 1)", version);
	*opts = def;
	return 0;
}

/* Read the options the caller's version has (SQLite's iVersion rule). */
static int read_options(unsigned int *grouping, const assoc_benchmark_options *opts)
{
	*grouping = ASSOC_GROUP_ALL;
	if (!opts)
		return 0;
	if (opts->version < 1 || opts->version > ASSOC_BENCHMARK_OPTIONS_VERSION)
		return assoc__error_set(ASSOC_EVERSION, NULL, "unsupported assoc_benchmark_options version %u",
					opts->version);
	if (opts->grouping & ~(unsigned int)GROUP_BITS)
		return assoc__error_set(ASSOC_EINVAL, NULL, "unknown grouping bits 0x%x",
					opts->grouping & ~(unsigned int)GROUP_BITS);
	*grouping = opts->grouping;
	return 0;
}

static void bench_free(assoc_benchmark *b)
{
	size_t i;
	if (!b)
		return;
	for (i = 0; b->m && i < b->n; i++)
		assoc__free(b->m[i].id);
	for (i = 0; i < b->ng; i++) {
		assoc__free(b->g[i].key);
		assoc__free(b->g[i].sorted);
	}
	assoc__free(b->m);
	assoc__free(b->g);
	assoc__free(b->measure);
	assoc__free(b);
}

void assoc_benchmark_free(assoc_benchmark *bench)
{
	bench_free(bench);
}

/* A territorial key part: "FR:84", or the bare code when the country is unknown. */
static int put_territory(assoc__buf *b, const member *m, int k, const char *dim)
{
	if (!m->keys[k])
		return -1;
	assoc__buf_printf(b, "|%s=", dim);
	if (k != KEY_COUNTRY && m->keys[KEY_COUNTRY])
		assoc__buf_printf(b, "%s:", m->keys[KEY_COUNTRY]);
	assoc__buf_puts(b, m->keys[k]);
	return 0;
}

/* An edge as people write amounts: "100000", not the shortest "1e+05". */
static void fmt_edge(char out[32], double x)
{
	if (x == floor(x) && fabs(x) < 1e15)
		snprintf(out, 32, "%.0f", x);
	else
		assoc__fmt_double(out, x);
}

static void put_band(assoc__buf *b, const params *p, size_t k)
{
	char lo[32], hi[32];
	if (k > 0)
		fmt_edge(lo, p->edges[k - 1]);
	if (k < p->nedges)
		fmt_edge(hi, p->edges[k]);
	if (k == 0)
		assoc__buf_printf(b, "(-inf,%s)", hi);
	else if (k == p->nedges)
		assoc__buf_printf(b, "[%s,inf)", lo);
	else
		assoc__buf_printf(b, "[%s,%s)", lo, hi);
}

/*
 * Group key of a member under `grouping`, or NULL (rc 0) when one of its
 * keys is missing. The dimensions are written in a fixed order so that one
 * grouping always gives the same key.
 */
static int group_key(char **out, const member *m, unsigned int grouping, const params *p)
{
	assoc__buf b = ASSOC__BUF_INIT;
	int missing = 0;
	*out = NULL;
	if (grouping == ASSOC_GROUP_ALL)
		assoc__buf_puts(&b, "|all");
	if (grouping & ASSOC_GROUP_YEAR)
		assoc__buf_printf(&b, "|year=%d", m->year);
	if (grouping & ASSOC_GROUP_SECTOR) {
		if (m->keys[KEY_SECTOR])
			assoc__buf_printf(&b, "|sector=%s", m->keys[KEY_SECTOR]);
		else
			missing = 1;
	}
	if (grouping & ASSOC_GROUP_SIZE) {
		if (m->keys[KEY_CURRENCY] && assoc__has(m->revenue)) {
			/* Per currency: amounts in euros and dollars are never compared. */
			assoc__buf_printf(&b, "|size=%s:", m->keys[KEY_CURRENCY]);
			put_band(&b, p, assoc__peers_band(m->revenue, p->edges, p->nedges));
		} else {
			missing = 1;
		}
	}
	if ((grouping & ASSOC_GROUP_COUNTRY) && put_territory(&b, m, KEY_COUNTRY, "country") < 0)
		missing = 1;
	if ((grouping & ASSOC_GROUP_REGION) && put_territory(&b, m, KEY_REGION, "region") < 0)
		missing = 1;
	if ((grouping & ASSOC_GROUP_DEPARTEMENT) && put_territory(&b, m, KEY_DEPARTEMENT, "departement") < 0)
		missing = 1;
	if ((grouping & ASSOC_GROUP_COMMUNE) && put_territory(&b, m, KEY_COMMUNE, "commune") < 0)
		missing = 1;
	if (b.oom) {
		assoc__buf_dispose(&b);
		return assoc__error_oom();
	}
	if (missing) {
		assoc__buf_dispose(&b);
		return 0;
	}
	/* Drop the leading '|'. */
	*out = assoc__strdup(b.data + 1);
	assoc__buf_dispose(&b);
	return *out ? 0 : assoc__error_oom();
}

typedef struct keyed {
	const char *key;
	size_t idx;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Fill the statistics of a group whose sorted values are in place. */
static void group_stats(bgroup *g, const params *p)
{
	size_t s;
	for (s = 0; s < ASSOC_BENCH__STAT_COUNT; s++)
		g->stat[s] = ASSOC__ABSENT;
	g->stat[ASSOC_BENCH_N] = (double)g->n;
	g->stat[ASSOC_BENCH_MEMBERS] = (double)g->members;
	g->status = (double)g->n >= p->min_group_size ? ASSOC_BENCH_RANKED : ASSOC_BENCH_GROUP_TOO_SMALL;
	if (g->status != ASSOC_BENCH_RANKED)
		return;
	g->stat[ASSOC_BENCH_MIN] = g->sorted[0];
	g->stat[ASSOC_BENCH_MAX] = g->sorted[g->n - 1];
	g->stat[ASSOC_BENCH_Q1] = assoc__peers_quantile(g->sorted, g->n, 0.25);
	g->stat[ASSOC_BENCH_MEDIAN] = assoc__peers_quantile(g->sorted, g->n, 0.5);
	g->stat[ASSOC_BENCH_Q3] = assoc__peers_quantile(g->sorted, g->n, 0.75);
	g->stat[ASSOC_BENCH_WINSOR_LOW] = assoc__peers_quantile(g->sorted, g->n, p->winsor_low);
	g->stat[ASSOC_BENCH_WINSOR_HIGH] = assoc__peers_quantile(g->sorted, g->n, p->winsor_high);
	assoc__peers_winsor_moments(&g->stat[ASSOC_BENCH_MEAN], &g->stat[ASSOC_BENCH_SD], g->sorted, g->n,
				    g->stat[ASSOC_BENCH_WINSOR_LOW], g->stat[ASSOC_BENCH_WINSOR_HIGH]);
}

static void rank_member(bmember *bm, const bgroup *g)
{
	bm->status = bm->group == SIZE_MAX            ? ASSOC_BENCH_NO_GROUP
		     : g->status != ASSOC_BENCH_RANKED ? ASSOC_BENCH_GROUP_TOO_SMALL
						       : ASSOC_BENCH_RANKED;
	if (!assoc__has(bm->value))
		bm->status = ASSOC_BENCH_NOT_COMPUTABLE;
	if (bm->status != ASSOC_BENCH_RANKED)
		return;
	bm->winsorised = assoc__peers_clamp(bm->value, g->stat[ASSOC_BENCH_WINSOR_LOW], g->stat[ASSOC_BENCH_WINSOR_HIGH]);
	/* Ranks use the raw values: winsorising would only add ties at the ends. */
	bm->percentile = assoc__peers_percentile(g->sorted, g->n, bm->value);
	bm->z = assoc__peers_z(bm->winsorised, g->stat[ASSOC_BENCH_MEAN], g->stat[ASSOC_BENCH_SD]);
}

/* Build groups from the members sorted by key; `order[0..nk)` are the keyed members. */
static int build_groups(assoc_benchmark *b, const keyed *order, size_t nk)
{
	size_t i, j, ng = 0;
	for (i = 0; i < nk; i++)
		if (i == 0 || strcmp(order[i].key, order[i - 1].key) != 0)
			ng++;
	b->g = assoc__calloc(ng ? ng : 1, sizeof *b->g);
	if (!b->g)
		return assoc__error_oom();
	for (i = 0; i < nk; i = j) {
		bgroup *g = &b->g[b->ng];
		for (j = i; j < nk && strcmp(order[j].key, order[i].key) == 0; j++)
			;
		b->ng++;
		g->members = j - i;
		g->key = assoc__strdup(order[i].key);
		g->sorted = assoc__malloc(g->members * sizeof *g->sorted);
		if (!g->key || !g->sorted)
			return assoc__error_oom();
		for (; i < j; i++) {
			bmember *bm = &b->m[order[i].idx];
			bm->group = b->ng - 1;
			if (assoc__has(bm->value))
				g->sorted[g->n++] = bm->value;
		}
		assoc__peers_sort(g->sorted, g->n);
		group_stats(g, &b->p);
	}
	return 0;
}

static int bench_members(assoc_benchmark *b, const assoc_population *pop, char **keys)
{
	size_t i, idx = name_index(pop, b->measure);
	int rc;
	for (i = 0; i < b->n; i++) {
		const member *m = ASSOC__AT(pop->members, member, i);
		bmember *bm = &b->m[i];
		bm->year = m->year;
		bm->group = SIZE_MAX;
		bm->value = member_value(m, idx);
		bm->winsorised = bm->percentile = bm->z = ASSOC__ABSENT;
		if (!(bm->id = assoc__strdup(m->id)))
			return assoc__error_oom();
		if ((rc = group_key(&keys[i], m, b->grouping, &b->p)) < 0)
			return rc;
	}
	return 0;
}

static int bench_build(assoc_benchmark *b, const assoc_population *pop)
{
	char **keys;
	keyed *order;
	size_t i, nk = 0;
	int rc;
	keys = assoc__calloc(b->n ? b->n : 1, sizeof *keys);
	order = assoc__malloc((b->n ? b->n : 1) * sizeof *order);
	b->m = assoc__calloc(b->n ? b->n : 1, sizeof *b->m);
	rc = keys && order && b->m ? 0 : assoc__error_oom();
	if (rc == 0)
		rc = bench_members(b, pop, keys);
	if (rc == 0) {
		for (i = 0; i < b->n; i++)
			if (keys[i]) {
				order[nk].key = keys[i];
				order[nk++].idx = i;
			}
		if (nk > 1)
			qsort(order, nk, sizeof *order, cmp_keyed);
		rc = build_groups(b, order, nk);
	}
	if (rc == 0)
		for (i = 0; i < b->n; i++)
			rank_member(&b->m[i], b->m[i].group == SIZE_MAX ? NULL : &b->g[b->m[i].group]);
	for (i = 0; keys && i < b->n; i++)
		assoc__free(keys[i]);
	assoc__free(keys);
	assoc__free(order);
	return rc;
}

static int bench_new(assoc_benchmark **out, const assoc_population *pop, const char *measure,
		     unsigned int grouping, const params *p)
{
	assoc_benchmark *b;
	int rc;
	b = assoc__calloc(1, sizeof *b);
	if (!b)
		return assoc__error_oom();
	b->grouping = grouping;
	b->p = *p;
	b->n = pop->members.n;
	if (!(b->measure = assoc__strdup(measure)))
		rc = assoc__error_oom();
	else
		rc = bench_build(b, pop);
	if (rc < 0) {
		bench_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

/* Common checks of assoc_benchmark_new and assoc_tc_new. */
static int prepare(params *p, unsigned int *grouping, const assoc_population *pop, const assoc_profile **profile,
		   const assoc_benchmark_options *opts)
{
	int rc;
	if (!pop)
		return assoc__error_set(ASSOC_EINVAL, NULL, "the population is NULL");
	if ((rc = read_options(grouping, opts)) < 0)
		return rc;
	if (!*profile && !(*profile = assoc_profile_default()))
		return assoc__error_oom();
	return read_params(p, *profile, *grouping);
}

int assoc_benchmark_new(assoc_benchmark **out, const assoc_population *pop, const char *measure,
			const assoc_profile *profile, const assoc_benchmark_options *opts)
{
	params p;
	unsigned int grouping = 0;
	int rc;
	if (!out || !measure)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_benchmark_new: NULL argument");
	*out = NULL;
	if ((rc = prepare(&p, &grouping, pop, &profile, opts)) < 0)
		return rc;
	return bench_new(out, pop, measure, grouping, &p);
}

const char *assoc_benchmark_measure(const assoc_benchmark *bench)
{
	return bench ? bench->measure : NULL;
}

size_t assoc_benchmark_count(const assoc_benchmark *bench)
{
	return bench ? bench->n : 0;
}

static int no_member(size_t i)
{
	return assoc__error_set(ASSOC_ENOTFOUND, NULL, "no member %zu in the benchmark", i);
}

int assoc_benchmark_member(const char **id, int *year, const assoc_benchmark *bench, size_t i)
{
	if (!bench || i >= bench->n)
		return no_member(i);
	if (id)
		*id = bench->m[i].id;
	if (year)
		*year = bench->m[i].year;
	return 0;
}

int assoc_benchmark_member_status(const assoc_benchmark *bench, size_t i)
{
	if (!bench || i >= bench->n)
		return no_member(i);
	return bench->m[i].status;
}

int assoc_benchmark_member_group(size_t *out, const assoc_benchmark *bench, size_t i)
{
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_benchmark_member_group: out is NULL");
	if (!bench || i >= bench->n)
		return no_member(i);
	*out = bench->m[i].group;
	if (*out == SIZE_MAX)
		return assoc__error_set(ASSOC_EABSENT, NULL, "member \"%s\" (%d) has no group: a key of the grouping is missing",
					bench->m[i].id, bench->m[i].year);
	return 0;
}

static const char *const stat_names[ASSOC_BENCH__STAT_COUNT] = {
	"value", "winsorised", "percentile", "z", "n", "members", "min", "q1",
	"median", "q3", "max", "winsor_low", "winsor_high", "mean", "sd",
};

static const char *const status_names[] = { "ranked", "not_computable", "no_group", "group_too_small" };

static int stat_result(double *out, double v, const char *who, int stat)
{
	*out = v;
	if (!assoc__has(v))
		return assoc__error_set(ASSOC_EABSENT, NULL, "%s has no %s", who, stat_names[stat]);
	return 0;
}

int assoc_benchmark_member_stat(double *out, const assoc_benchmark *bench, size_t i, assoc_bench_stat stat)
{
	const bmember *bm;
	char who[160];
	double v;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_benchmark_member_stat: out is NULL");
	*out = ASSOC__ABSENT;
	if (!bench || i >= bench->n)
		return no_member(i);
	if ((int)stat < 0 || stat >= ASSOC_BENCH__STAT_COUNT)
		return assoc__error_set(ASSOC_EINVAL, NULL, "unknown benchmark statistic %d", (int)stat);
	bm = &bench->m[i];
	snprintf(who, sizeof who, "member \"%.100s\" (%d, %s)", bm->id, bm->year, status_names[bm->status]);
	switch (stat) {
	case ASSOC_BENCH_VALUE: v = bm->value; break;
	case ASSOC_BENCH_WINSORISED: v = bm->winsorised; break;
	case ASSOC_BENCH_PERCENTILE: v = bm->percentile; break;
	case ASSOC_BENCH_Z: v = bm->z; break;
	default: v = bm->group == SIZE_MAX ? ASSOC__ABSENT : bench->g[bm->group].stat[stat]; break;
	}
	return stat_result(out, v, who, stat);
}

size_t assoc_benchmark_group_count(const assoc_benchmark *bench)
{
	return bench ? bench->ng : 0;
}

const char *assoc_benchmark_group_key(const assoc_benchmark *bench, size_t g)
{
	return bench && g < bench->ng ? bench->g[g].key : NULL;
}

int assoc_benchmark_group_status(const assoc_benchmark *bench, size_t g)
{
	if (!bench || g >= bench->ng)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "no group %zu in the benchmark", g);
	return bench->g[g].status;
}

int assoc_benchmark_group_stat(double *out, const assoc_benchmark *bench, size_t g, assoc_bench_stat stat)
{
	char who[160];
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_benchmark_group_stat: out is NULL");
	*out = ASSOC__ABSENT;
	if (!bench || g >= bench->ng)
		return assoc__error_set(ASSOC_ENOTFOUND, NULL, "no group %zu in the benchmark", g);
	if (stat < ASSOC_BENCH_N || stat >= ASSOC_BENCH__STAT_COUNT)
		return assoc__error_set(ASSOC_EINVAL, NULL, "statistic %d is not a group statistic", (int)stat);
	snprintf(who, sizeof who, "group \"%.100s\" (%s)", bench->g[g].key, status_names[bench->g[g].status]);
	return stat_result(out, bench->g[g].stat[stat], who, stat);
}

/* ---- JSON ------------------------------------------------------------------- */

static void json_str(assoc__buf *b, const char *s)
{
	if (!s) {
		assoc__buf_puts(b, "null");
		return;
	}
	assoc__buf_put(b, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			assoc__buf_printf(b, "\\%c", c);
		else if (c < 0x20)
			assoc__buf_printf(b, "\\u%04x", c);
		else
			assoc__buf_put(b, s, 1);
	}
	assoc__buf_put(b, "\"", 1);
}

/* Missing is null, never 0. */
static void json_num(assoc__buf *b, double x)
{
	char tmp[32];
	if (!isfinite(x)) {
		assoc__buf_puts(b, "null");
		return;
	}
	assoc__fmt_double(tmp, x);
	assoc__buf_puts(b, tmp);
}

static void json_grouping(assoc__buf *b, unsigned int grouping)
{
	static const char *const dims[] = { "year", "sector", "size", "country", "region", "departement", "commune" };
	size_t k;
	int first = 1;
	assoc__buf_puts(b, "[");
	for (k = 0; k < sizeof dims / sizeof *dims; k++) {
		if (grouping & (1u << k)) {
			assoc__buf_puts(b, first ? "" : ",");
			json_str(b, dims[k]);
			first = 0;
		}
	}
	assoc__buf_puts(b, "]");
}

static void json_params(assoc__buf *b, const params *p, unsigned int grouping)
{
	size_t k;
	assoc__buf_puts(b, "{\"winsor_low\":");
	json_num(b, p->winsor_low);
	assoc__buf_puts(b, ",\"winsor_high\":");
	json_num(b, p->winsor_high);
	assoc__buf_puts(b, ",\"min_group_size\":");
	json_num(b, p->min_group_size);
	if (grouping & ASSOC_GROUP_SIZE) {
		assoc__buf_puts(b, ",\"size_band_edges\":[");
		for (k = 0; k < p->nedges; k++) {
			assoc__buf_puts(b, k ? "," : "");
			json_num(b, p->edges[k]);
		}
		assoc__buf_puts(b, "]");
	}
	assoc__buf_puts(b, "}");
}

static void json_definitions(assoc__buf *b)
{
	assoc__buf_puts(b, "{\"quantile\":\"type 7 (R's default): Q(p) = x[j] + (h - j)(x[j+1] - x[j]), h = (n - 1)p, "
			   "j = floor(h), on the group's sorted values\","
			   "\"percentile\":\"mid-rank: 100 (below + 0.5 equal) / n, equal including the member\","
			   "\"winsorised\":\"value clamped to the group's quantiles winsor_low and winsor_high\","
			   "\"z\":\"(winsorised - mean) / sd over the group's winsorised values, sd with n - 1\"}");
}

static void json_group(assoc__buf *b, const bgroup *g)
{
	size_t s;
	assoc__buf_puts(b, "{\"key\":");
	json_str(b, g->key);
	assoc__buf_puts(b, ",\"status\":");
	json_str(b, status_names[g->status]);
	for (s = ASSOC_BENCH_N; s < ASSOC_BENCH__STAT_COUNT; s++) {
		assoc__buf_printf(b, ",\"%s\":", stat_names[s]);
		json_num(b, g->stat[s]);
	}
	assoc__buf_puts(b, "}");
}

static void json_member(assoc__buf *b, const assoc_benchmark *bench, const bmember *bm)
{
	assoc__buf_puts(b, "{\"id\":");
	json_str(b, bm->id);
	assoc__buf_printf(b, ",\"year\":%d,\"group\":", bm->year);
	json_str(b, bm->group == SIZE_MAX ? NULL : bench->g[bm->group].key);
	assoc__buf_puts(b, ",\"status\":");
	json_str(b, status_names[bm->status]);
	assoc__buf_puts(b, ",\"value\":");
	json_num(b, bm->value);
	assoc__buf_puts(b, ",\"winsorised\":");
	json_num(b, bm->winsorised);
	assoc__buf_puts(b, ",\"percentile\":");
	json_num(b, bm->percentile);
	assoc__buf_puts(b, ",\"z\":");
	json_num(b, bm->z);
	assoc__buf_puts(b, "}");
}

static void json_bench_body(assoc__buf *b, const assoc_benchmark *bench)
{
	size_t i;
	assoc__buf_puts(b, "{\"measure\":");
	json_str(b, bench->measure);
	assoc__buf_puts(b, ",\"grouping\":");
	json_grouping(b, bench->grouping);
	assoc__buf_puts(b, ",\"parameters\":");
	json_params(b, &bench->p, bench->grouping);
	assoc__buf_puts(b, ",\"definitions\":");
	json_definitions(b);
	assoc__buf_puts(b, ",\"groups\":[");
	for (i = 0; i < bench->ng; i++) {
		assoc__buf_puts(b, i ? "," : "");
		json_group(b, &bench->g[i]);
	}
	assoc__buf_puts(b, "],\"members\":[");
	for (i = 0; i < bench->n; i++) {
		assoc__buf_puts(b, i ? "," : "");
		json_member(b, bench, &bench->m[i]);
	}
	assoc__buf_puts(b, "]}");
}

static int json_finish(char **out, assoc__buf *b)
{
	if (assoc__buf_detach(out, b) < 0)
		return assoc__error_oom();
	return 0;
}

int assoc_benchmark_to_json(char **out, const assoc_benchmark *bench, unsigned int flags)
{
	assoc__buf b = ASSOC__BUF_INIT;
	if (!out || !bench)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_benchmark_to_json: NULL argument");
	*out = NULL;
	if (flags)
		return assoc__error_set(ASSOC_EINVAL, NULL, "unknown flags 0x%x (none are defined)", flags);
	json_bench_body(&b, bench);
	return json_finish(out, &b);
}

/* ---- Tuckman & Chang ------------------------------------------------------ */

/* Tuckman & Chang (1991): the worst quintile, below the 20th or above the
 * 80th percentile. Part of the method's definition, not a calibration,
 * hence not a profile constant. */
#define TC_LOW 0.20
#define TC_HIGH 0.80

static const struct {
	const char *measure;
	int worst_is_high;
} tc_indicators[ASSOC_TC__COUNT] = {
	{ "finance.equity_to_revenue", 0 },
	{ "revenue.streams.hhi", 1 },
	{ "finance.admin_to_revenue", 0 },
	{ "finance.operating_margin", 0 },
};

static const char *const tc_flag_names[] = { "not_flagged", "flagged", "not_computable", "no_group",
					     "group_too_small" };

struct assoc_tc {
	assoc_benchmark *bench[ASSOC_TC__COUNT];
	size_t n;
	unsigned char *flags;  /* n x ASSOC_TC__COUNT, assoc_tc_flag */
	double *thresholds;    /* n x ASSOC_TC__COUNT, NaN when the member was not compared */
};

const char *assoc_tc_indicator_measure(assoc_tc_indicator indicator)
{
	return (int)indicator >= 0 && indicator < ASSOC_TC__COUNT ? tc_indicators[indicator].measure : NULL;
}

int assoc_tc_indicator_worst_is_high(assoc_tc_indicator indicator)
{
	return (int)indicator >= 0 && indicator < ASSOC_TC__COUNT ? tc_indicators[indicator].worst_is_high : -1;
}

void assoc_tc_free(assoc_tc *tc)
{
	int k;
	if (!tc)
		return;
	for (k = 0; k < ASSOC_TC__COUNT; k++)
		bench_free(tc->bench[k]);
	assoc__free(tc->flags);
	assoc__free(tc->thresholds);
	assoc__free(tc);
}

/* Flag and threshold of member `i` on indicator `k`. */
static void tc_flag_member(assoc_tc *tc, size_t i, int k)
{
	const assoc_benchmark *b = tc->bench[k];
	const bmember *bm = &b->m[i];
	size_t at = i * ASSOC_TC__COUNT + (size_t)k;
	int high = tc_indicators[k].worst_is_high;
	double t;
	tc->thresholds[at] = ASSOC__ABSENT;
	if (bm->group != SIZE_MAX && b->g[bm->group].status == ASSOC_BENCH_RANKED) {
		const bgroup *g = &b->g[bm->group];
		tc->thresholds[at] = assoc__peers_quantile(g->sorted, g->n, high ? TC_HIGH : TC_LOW);
	}
	t = tc->thresholds[at];
	switch (bm->status) {
	case ASSOC_BENCH_NOT_COMPUTABLE: tc->flags[at] = ASSOC_TC_NOT_COMPUTABLE; break;
	case ASSOC_BENCH_NO_GROUP: tc->flags[at] = ASSOC_TC_NO_GROUP; break;
	case ASSOC_BENCH_GROUP_TOO_SMALL: tc->flags[at] = ASSOC_TC_GROUP_TOO_SMALL; break;
	default:
		/* Strictly beyond the threshold: a tie with the quantile is not "in the worst fifth". */
		tc->flags[at] = (high ? bm->value > t : bm->value < t) ? ASSOC_TC_FLAGGED : ASSOC_TC_NOT_FLAGGED;
		break;
	}
}

int assoc_tc_new(assoc_tc **out, const assoc_population *pop, const assoc_profile *profile,
		 const assoc_benchmark_options *opts)
{
	assoc_tc *tc;
	params p;
	unsigned int grouping = 0;
	size_t i, cells;
	int k, rc = 0;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_tc_new: out is NULL");
	*out = NULL;
	if ((rc = prepare(&p, &grouping, pop, &profile, opts)) < 0)
		return rc;
	if (!(tc = assoc__calloc(1, sizeof *tc)))
		return assoc__error_oom();
	tc->n = pop->members.n;
	cells = (tc->n ? tc->n : 1) * ASSOC_TC__COUNT;
	tc->flags = assoc__malloc(cells * sizeof *tc->flags);
	tc->thresholds = assoc__malloc(cells * sizeof *tc->thresholds);
	if (!tc->flags || !tc->thresholds)
		rc = assoc__error_oom();
	for (k = 0; k < ASSOC_TC__COUNT && rc == 0; k++)
		rc = bench_new(&tc->bench[k], pop, tc_indicators[k].measure, grouping, &p);
	if (rc < 0) {
		assoc_tc_free(tc);
		return rc;
	}
	for (i = 0; i < tc->n; i++)
		for (k = 0; k < ASSOC_TC__COUNT; k++)
			tc_flag_member(tc, i, k);
	*out = tc;
	return 0;
}

size_t assoc_tc_count(const assoc_tc *tc)
{
	return tc ? tc->n : 0;
}

const assoc_benchmark *assoc_tc_benchmark(const assoc_tc *tc, assoc_tc_indicator indicator)
{
	return tc && (int)indicator >= 0 && indicator < ASSOC_TC__COUNT ? tc->bench[indicator] : NULL;
}

static int tc_check(const assoc_tc *tc, size_t i, assoc_tc_indicator indicator)
{
	if (!tc || i >= tc->n)
		return no_member(i);
	if ((int)indicator < 0 || indicator >= ASSOC_TC__COUNT)
		return assoc__error_set(ASSOC_EINVAL, NULL, "unknown Tuckman-Chang indicator %d", (int)indicator);
	return 0;
}

int assoc_tc_flag_of(const assoc_tc *tc, size_t i, assoc_tc_indicator indicator)
{
	int rc = tc_check(tc, i, indicator);
	return rc < 0 ? rc : tc->flags[i * ASSOC_TC__COUNT + (size_t)indicator];
}

int assoc_tc_threshold(double *out, const assoc_tc *tc, size_t i, assoc_tc_indicator indicator)
{
	int rc;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_tc_threshold: out is NULL");
	*out = ASSOC__ABSENT;
	if ((rc = tc_check(tc, i, indicator)) < 0)
		return rc;
	*out = tc->thresholds[i * ASSOC_TC__COUNT + (size_t)indicator];
	if (!assoc__has(*out))
		return assoc__error_set(ASSOC_EABSENT, NULL, "member %zu has no group of sufficient size on \"%s\"", i,
					tc_indicators[indicator].measure);
	return 0;
}

int assoc_tc_counts(int *flagged, int *decided, const assoc_tc *tc, size_t i)
{
	int k, f = 0, d = 0;
	if (!tc || i >= tc->n)
		return no_member(i);
	for (k = 0; k < ASSOC_TC__COUNT; k++) {
		int flag = tc->flags[i * ASSOC_TC__COUNT + (size_t)k];
		f += flag == ASSOC_TC_FLAGGED;
		d += flag == ASSOC_TC_FLAGGED || flag == ASSOC_TC_NOT_FLAGGED;
	}
	if (flagged)
		*flagged = f;
	if (decided)
		*decided = d;
	return 0;
}

static void json_tc_member(assoc__buf *b, const assoc_tc *tc, size_t i)
{
	int k, f = 0, d = 0;
	assoc_tc_counts(&f, &d, tc, i);
	assoc__buf_puts(b, "{\"id\":");
	json_str(b, tc->bench[0]->m[i].id);
	assoc__buf_printf(b, ",\"year\":%d,\"flagged\":%d,\"decided\":%d,\"indicators\":{", tc->bench[0]->m[i].year, f,
			  d);
	for (k = 0; k < ASSOC_TC__COUNT; k++) {
		const assoc_benchmark *bench = tc->bench[k];
		const bmember *bm = &bench->m[i];
		size_t at = i * ASSOC_TC__COUNT + (size_t)k;
		assoc__buf_puts(b, k ? "," : "");
		json_str(b, tc_indicators[k].measure);
		assoc__buf_puts(b, ":{\"flag\":");
		json_str(b, tc_flag_names[tc->flags[at]]);
		assoc__buf_puts(b, ",\"value\":");
		json_num(b, bm->value);
		assoc__buf_puts(b, ",\"percentile\":");
		json_num(b, bm->percentile);
		assoc__buf_puts(b, ",\"z\":");
		json_num(b, bm->z);
		assoc__buf_puts(b, ",\"threshold\":");
		json_num(b, tc->thresholds[at]);
		assoc__buf_puts(b, ",\"group\":");
		json_str(b, bm->group == SIZE_MAX ? NULL : bench->g[bm->group].key);
		assoc__buf_puts(b, "}");
	}
	assoc__buf_puts(b, "}}");
}

int assoc_tc_to_json(char **out, const assoc_tc *tc, unsigned int flags)
{
	assoc__buf b = ASSOC__BUF_INIT;
	size_t i;
	int k;
	if (!out || !tc)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_tc_to_json: NULL argument");
	*out = NULL;
	if (flags)
		return assoc__error_set(ASSOC_EINVAL, NULL, "unknown flags 0x%x (none are defined)", flags);
	assoc__buf_puts(&b, "{\"method\":\"Tuckman & Chang (1991): worst quintile of the group on each indicator\","
			    "\"grouping\":");
	json_grouping(&b, tc->bench[0]->grouping);
	assoc__buf_puts(&b, ",\"parameters\":");
	json_params(&b, &tc->bench[0]->p, tc->bench[0]->grouping);
	assoc__buf_puts(&b, ",\"indicators\":[");
	for (k = 0; k < ASSOC_TC__COUNT; k++) {
		int high = tc_indicators[k].worst_is_high;
		assoc__buf_puts(&b, k ? ",{\"measure\":" : "{\"measure\":");
		json_str(&b, tc_indicators[k].measure);
		assoc__buf_printf(&b, ",\"worst\":\"%s\",\"threshold_quantile\":", high ? "highest" : "lowest");
		json_num(&b, high ? TC_HIGH : TC_LOW);
		assoc__buf_puts(&b, "}");
	}
	assoc__buf_puts(&b, "],\"members\":[");
	for (i = 0; i < tc->n; i++) {
		assoc__buf_puts(&b, i ? "," : "");
		json_tc_member(&b, tc, i);
	}
	assoc__buf_puts(&b, "]}");
	return json_finish(out, &b);
}
