/*
 * assoc_bench: how fast libassoc loads and scores JSON Lines, next to the
 * JSON-parsing floor, on the same input and in one run (issue 6).
 * SPDX-License-Identifier: MIT
 *
 *   assoc_bench [--sizes 10k,100k,1M] [--seed N] [--dir DIR] [--input FILE.jsonl]...
 *               [--threads N] [--phases a,b,c,d,e1,e] [--json FILE] [--label TEXT]
 *               [--check] [--quiet] [--generate-only]
 *
 * For each corpus (a synthetic one per size, generated once into DIR and
 * kept, and each --input file) a child process times, reading the file
 * from the start each time:
 *
 *   a   the floor: cJSON_ParseWithLength + cJSON_Delete of every line;
 *   b   load + validate (assoc_jsonl_next);
 *   c   load + validate + full report (assoc_report_new, values only);
 *   d   scoring alone (assoc_report_new) on models loaded beforehand, in
 *       blocks of 256 so that memory stays flat (the loading is not timed);
 *   e1  the batch (assoc_batch_run, JSONL out) in the calling thread;
 *   e   the batch with --threads worker threads (default 2).
 *
 * and prints records/s, MB/s, organisation-years/s, the ratios b/a, c/a,
 * e/c and e/e1, the peak resident memory of each phase (VmHWM, reset
 * between phases through /proc/self/clear_refs) and of the whole child
 * (getrusage), as a table and as JSON. One process per corpus makes the
 * peaks of different sizes comparable.
 *
 * --generate-only writes the synthetic corpora and prints their paths (the
 * Python benchmark, bench.py, reads the same files).
 *
 * --check (the ctest entry bench.tiny) fails unless every phase produced
 * its numbers and they agree: the same records and organisation-years in
 * every phase, the same number of results in c and d, and byte-identical
 * batch output with and without threads. It never judges speed.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "assoc.h"
#include "corpus.h"

enum { PH_A, PH_B, PH_C, PH_D, PH_E1, PH_E, PH__COUNT };
static const char *const phase_keys[PH__COUNT] = { "a", "b", "c", "d", "e1", "e" };
static const char *const phase_names[PH__COUNT] = {
	"a  floor: cJSON parse + delete", "b  load + validate", "c  load + validate + report",
	"d  scoring alone (loaded models)", "e1 batch, calling thread", "e  batch, worker threads",
};

typedef struct phase {
	int ran;
	double seconds;     /* wall clock */
	double cpu_seconds; /* user + system time of every thread of the process */
	uint64_t records, ok, failed, org_years, results;
	uint64_t bytes_in, bytes_out, out_hash;
	long peak_kb; /* VmHWM of the phase, or -1 */
} phase;

typedef struct corpus_result {
	char name[256];
	uint64_t records, bytes;
	unsigned threads;
	phase ph[PH__COUNT];
	long maxrss_kb;
	double load_before, load_after; /* 1-minute load average of the machine (other work disturbs timings) */
	int error; /* a phase could not run */
	char error_text[256];
} corpus_result;

typedef struct config {
	uint64_t sizes[16];
	size_t nsizes;
	const char *inputs[16];
	size_t ninputs;
	uint64_t seed;
	const char *dir;
	const char *json;
	const char *label;
	unsigned threads;
	int phases[PH__COUNT];
	int check, quiet, generate_only;
} config;

/* ---- clocks and memory ------------------------------------------------------ */

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Reset the peak resident set (Linux >= 4.0); 0 if it worked. */
static int peak_reset(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	int ok;
	if (!f)
		return -1;
	ok = fputs("5", f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* Peak resident set since the last reset, in KiB, or -1. */
static long peak_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	fclose(f);
	return kb;
}

/* CPU time of every thread of the process, in seconds. */
static double cpu_now(void)
{
	struct timespec t;
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) != 0)
		return NAN;
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* The machine's 1-minute load average, or NaN. */
static double loadavg(void)
{
	FILE *f = fopen("/proc/loadavg", "r");
	double x = NAN;
	if (f) {
		if (fscanf(f, "%lf", &x) != 1)
			x = NAN;
		fclose(f);
	}
	return x;
}

static long maxrss_kb(void)
{
	struct rusage ru;
	return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

/* ---- reading lines ------------------------------------------------------------ */

static int blank(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* ---- the phases ------------------------------------------------------------------ */

static int phase_floor(phase *p, const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	double t0;
	if (!fp)
		return -1;
	t0 = now();
	while ((n = getline(&line, &cap, fp)) >= 0) {
		cJSON *doc;
		p->bytes_in += (uint64_t)n;
		if (blank(line, (size_t)n))
			continue;
		p->records++;
		doc = cJSON_ParseWithLength(line, (size_t)n);
		if (doc)
			p->ok++;
		else
			p->failed++;
		cJSON_Delete(doc);
	}
	p->seconds = now() - t0;
	free(line);
	fclose(fp);
	return 0;
}

static uint64_t years_of(const assoc_org *org)
{
	size_t n = 0;
	return assoc_org_count(&n, org, "/years") == 0 ? n : 0;
}

/* b (report == 0) and c (report == 1). */
static int phase_load(phase *p, const char *path, const assoc_profile *profile, int report)
{
	assoc_score_options so = ASSOC_SCORE_OPTIONS_INIT;
	assoc_jsonl_reader *rd;
	FILE *fp = fopen(path, "rb");
	double t0;
	int rc;
	if (!fp)
		return -1;
	so.flags = ASSOC_SCORE_VALUES_ONLY;
	if (assoc_jsonl_reader_new_file(&rd, fp, NULL) < 0) {
		fclose(fp);
		return -1;
	}
	t0 = now();
	for (;;) {
		assoc_org *org;
		assoc_report *rep;
		rc = assoc_jsonl_next(&org, rd);
		if (rc == ASSOC_ITEROVER)
			break;
		p->records++;
		if (rc < 0) {
			p->failed++;
			continue;
		}
		if (report && assoc_report_new(&rep, org, profile, &so) == 0) {
			p->results += assoc_report_count(rep);
			assoc_report_free(rep);
		} else if (report) {
			p->failed++;
			assoc_org_free(org);
			continue;
		}
		p->ok++;
		p->org_years += years_of(org);
		assoc_org_free(org);
	}
	p->seconds = now() - t0;
	assoc_jsonl_reader_free(rd);
	p->bytes_in = (uint64_t)ftell(fp);
	fclose(fp);
	return 0;
}

#define SCORE_BLOCK 256

static int phase_score(phase *p, const char *path, const assoc_profile *profile)
{
	assoc_score_options so = ASSOC_SCORE_OPTIONS_INIT;
	assoc_org *orgs[SCORE_BLOCK];
	assoc_jsonl_reader *rd;
	FILE *fp = fopen(path, "rb");
	int rc = 0;
	if (!fp)
		return -1;
	so.flags = ASSOC_SCORE_VALUES_ONLY;
	if (assoc_jsonl_reader_new_file(&rd, fp, NULL) < 0) {
		fclose(fp);
		return -1;
	}
	while (rc != ASSOC_ITEROVER) {
		size_t n = 0, i;
		double t0, c0;
		while (n < SCORE_BLOCK && (rc = assoc_jsonl_next(&orgs[n], rd)) != ASSOC_ITEROVER) {
			p->records++;
			if (rc == 0)
				n++;
			else
				p->failed++;
		}
		t0 = now();
		c0 = cpu_now();
		for (i = 0; i < n; i++) {
			assoc_report *rep;
			if (assoc_report_new(&rep, orgs[i], profile, &so) == 0) {
				p->ok++;
				p->results += assoc_report_count(rep);
				p->org_years += years_of(orgs[i]);
				assoc_report_free(rep);
			} else {
				p->failed++;
			}
		}
		p->seconds += now() - t0;
		p->cpu_seconds += cpu_now() - c0;
		for (i = 0; i < n; i++)
			assoc_org_free(orgs[i]);
	}
	assoc_jsonl_reader_free(rd);
	p->bytes_in = (uint64_t)ftell(fp);
	fclose(fp);
	return 0;
}

static long read_file_cb(char *buf, size_t cap, void *payload)
{
	size_t n = fread(buf, 1, cap, (FILE *)payload);
	return n == 0 && ferror((FILE *)payload) ? -1 : (long)n;
}

/* With --check the batch output is hashed (FNV-1a) to compare runs;
 * otherwise the batch counts it (stats.bytes_out) and it is dropped. */
static int hash_output;

static int count_cb(const char *data, size_t len, void *payload)
{
	phase *p = payload;
	size_t i;
	uint64_t h = p->out_hash;
	if (!hash_output)
		return 0;
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)data[i]) * 0x100000001B3ull;
	p->out_hash = h;
	return 0;
}

static int phase_batch(phase *p, const char *path, const assoc_profile *profile, unsigned threads)
{
	assoc_batch_options bo = ASSOC_BATCH_OPTIONS_INIT;
	assoc_batch_stats st = ASSOC_BATCH_STATS_INIT;
	FILE *fp = fopen(path, "rb");
	double t0;
	int rc;
	if (!fp)
		return -1;
	bo.threads = threads;
	bo.profile = profile;
	p->out_hash = 0xCBF29CE484222325ull;
	t0 = now();
	rc = assoc_batch_run(&st, read_file_cb, fp, count_cb, p, &bo);
	p->seconds = now() - t0;
	fclose(fp);
	p->records = st.records;
	p->ok = st.ok;
	p->failed = st.failed;
	p->bytes_in = st.bytes_in;
	p->bytes_out = st.bytes_out;
	return rc < 0 ? -1 : 0;
}

static void run_phases(corpus_result *res, const char *path, const config *cfg)
{
	const assoc_profile *profile = assoc_profile_default();
	int k, rc = 0;
	res->load_before = loadavg();
	for (k = 0; k < PH__COUNT; k++) {
		phase *p = &res->ph[k];
		if (!cfg->phases[k])
			continue;
		int reset = peak_reset();
		double cpu0 = cpu_now();
		switch (k) {
		case PH_A: rc = phase_floor(p, path); break;
		case PH_B: rc = phase_load(p, path, profile, 0); break;
		case PH_C: rc = phase_load(p, path, profile, 1); break;
		case PH_D: rc = phase_score(p, path, profile); break;
		case PH_E1: rc = phase_batch(p, path, profile, 0); break;
		default: rc = phase_batch(p, path, profile, cfg->threads); break;
		}
		p->peak_kb = reset == 0 ? peak_kb() : -1;
		if (k != PH_D) /* d times the scoring only */
			p->cpu_seconds = cpu_now() - cpu0;
		if (rc < 0) {
			res->error = 1;
			snprintf(res->error_text, sizeof res->error_text, "phase %s failed: %s", phase_keys[k],
				 assoc_error_last()->message);
			return;
		}
		p->ran = 1;
		if (!cfg->quiet)
			fprintf(stderr, "  %-34s %8.2f s\n", phase_names[k], p->seconds);
	}
	/* The batch's phases counted organisation-years through c. */
	res->ph[PH_E1].org_years = res->ph[PH_E].org_years = res->ph[PH_C].org_years;
	res->maxrss_kb = maxrss_kb();
	res->load_after = loadavg();
}

/* One child per corpus: its peak memory is its own. */
static int measure(corpus_result *res, const char *path, const config *cfg)
{
	int fd[2];
	pid_t pid;
	ssize_t got = 0;
	int status;
	if (pipe(fd) < 0)
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(fd[0]);
		run_phases(res, path, cfg);
		if (write(fd[1], res, sizeof *res) != (ssize_t)sizeof *res)
			_exit(2);
		_exit(0);
	}
	close(fd[1]);
	while (got < (ssize_t)sizeof *res) {
		ssize_t n = read(fd[0], (char *)res + got, sizeof *res - (size_t)got);
		if (n <= 0)
			break;
		got += n;
	}
	close(fd[0]);
	waitpid(pid, &status, 0);
	return got == (ssize_t)sizeof *res && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* ---- the corpus ---------------------------------------------------------------------- */

static int corpus_path(char *out, size_t cap, const config *cfg, uint64_t n)
{
	int len = snprintf(out, cap, "%s/synthetic-s%llu-n%llu.jsonl", cfg->dir, (unsigned long long)cfg->seed,
			   (unsigned long long)n);
	return len > 0 && (size_t)len < cap ? 0 : -1;
}

/* Generate the corpus unless a complete one is already there. */
static int corpus_ensure(const char *path, const config *cfg, uint64_t n)
{
	char tmp[4200];
	struct stat sb;
	FILE *fp;
	double t0 = now();
	uint64_t bytes;
	if (stat(path, &sb) == 0)
		return 0;
	mkdir(cfg->dir, 0777);
	snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
	if (!(fp = fopen(tmp, "wb"))) {
		fprintf(stderr, "assoc_bench: cannot write %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	if (!cfg->quiet)
		fprintf(stderr, "generating %llu records into %s...\n", (unsigned long long)n, path);
	if (corpus_write(fp, cfg->seed, n, &bytes) < 0 || fclose(fp) != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "assoc_bench: writing %s failed\n", path);
		remove(tmp);
		return -1;
	}
	if (!cfg->quiet)
		fprintf(stderr, "  %.1f MB in %.1f s\n", (double)bytes / 1e6, now() - t0);
	return 0;
}

/* ---- reporting -------------------------------------------------------------------------- */

static double rate(uint64_t count, double seconds)
{
	return seconds > 0 ? (double)count / seconds : NAN;
}

static double ratio_of(const corpus_result *r, int x, int y)
{
	const phase *a = &r->ph[x], *b = &r->ph[y];
	if (!a->ran || !b->ran)
		return NAN;
	return rate(a->records, a->seconds) / rate(b->records, b->seconds);
}

/* Throughput ratio x/y computed from CPU time instead of wall time. */
static double cpu_ratio(const corpus_result *r, int x, int y)
{
	const phase *a = &r->ph[x], *b = &r->ph[y];
	if (!a->ran || !b->ran || !(a->cpu_seconds > 0) || !(b->cpu_seconds > 0))
		return NAN;
	return rate(a->records, a->cpu_seconds) / rate(b->records, b->cpu_seconds);
}

static void print_table(const corpus_result *r)
{
	int k;
	printf("\n%s: %llu records, %.1f MB, %u worker threads in e, load average %.2f before, %.2f after\n",
	       r->name, (unsigned long long)r->records, (double)r->bytes / 1e6, r->threads, r->load_before,
	       r->load_after);
	printf("  %-34s %12s %9s %14s %9s %9s %6s %10s\n", "phase", "records/s", "MB/s", "org-years/s", "seconds",
	       "cpu s", "cores", "peak MB");
	for (k = 0; k < PH__COUNT; k++) {
		const phase *p = &r->ph[k];
		if (!p->ran)
			continue;
		/* cores: CPU time over wall time, what the phase actually got from
		 * the machine (under Linux autogroups, a busy session elsewhere
		 * leaves a two-thread phase one core). */
		printf("  %-34s %12.0f %9.1f %14.0f %9.2f %9.2f %6.2f %10.1f\n", phase_names[k],
		       rate(p->records, p->seconds), rate(p->bytes_in, p->seconds) / 1e6,
		       rate(p->org_years, p->seconds), p->seconds, p->cpu_seconds,
		       p->cpu_seconds / p->seconds,
		       p->peak_kb >= 0 ? (double)p->peak_kb / 1024.0 : NAN);
	}
	printf("  ratios: b/a %.3f   c/a %.3f   e/c %.3f   e/e1 %.3f   peak RSS of the run %.1f MB\n",
	       ratio_of(r, PH_B, PH_A), ratio_of(r, PH_C, PH_A), ratio_of(r, PH_E, PH_C), ratio_of(r, PH_E, PH_E1),
	       (double)r->maxrss_kb / 1024.0);
	printf("  by CPU time (less sensitive to other load on the machine): b/a %.3f   c/a %.3f\n",
	       cpu_ratio(r, PH_B, PH_A), cpu_ratio(r, PH_C, PH_A));
}

static void json_number(FILE *f, double x)
{
	if (isfinite(x))
		fprintf(f, "%.6g", x);
	else
		fputs("null", f);
}

static void print_json(FILE *f, const corpus_result *rs, size_t n, const config *cfg)
{
	size_t i;
	int k;
	char date[32];
	time_t t = time(NULL);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	fprintf(f, "{\"benchmark\":\"assoc_bench\",\"libassoc\":\"%s\",\"label\":\"%s\",\"date\":\"%s\","
		   "\"cpus\":%ld,\"seed\":%llu,\"corpora\":[",
		assoc_version_string(), cfg->label ? cfg->label : "", date, sysconf(_SC_NPROCESSORS_ONLN),
		(unsigned long long)cfg->seed);
	for (i = 0; i < n; i++) {
		const corpus_result *r = &rs[i];
		fprintf(f, "%s{\"name\":\"%s\",\"records\":%llu,\"bytes\":%llu,\"threads\":%u,\"peak_rss_kb\":%ld,"
			   "\"load_average\":[",
			i ? "," : "", r->name, (unsigned long long)r->records, (unsigned long long)r->bytes,
			r->threads, r->maxrss_kb);
		json_number(f, r->load_before);
		fputc(',', f);
		json_number(f, r->load_after);
		fputs("],\"phases\":{", f);
		int first = 1;
		for (k = 0; k < PH__COUNT; k++) {
			const phase *p = &r->ph[k];
			if (!p->ran)
				continue;
			fprintf(f, "%s\"%s\":{\"seconds\":", first ? "" : ",", phase_keys[k]);
			json_number(f, p->seconds);
			fputs(",\"cpu_seconds\":", f);
			json_number(f, p->cpu_seconds);
			fprintf(f, ",\"records\":%llu,\"ok\":%llu,\"failed\":%llu,\"org_years\":%llu,\"results\":%llu,"
				   "\"bytes_in\":%llu,\"bytes_out\":%llu,\"records_per_s\":",
				(unsigned long long)p->records, (unsigned long long)p->ok,
				(unsigned long long)p->failed, (unsigned long long)p->org_years,
				(unsigned long long)p->results, (unsigned long long)p->bytes_in,
				(unsigned long long)p->bytes_out);
			json_number(f, rate(p->records, p->seconds));
			fputs(",\"mb_per_s\":", f);
			json_number(f, rate(p->bytes_in, p->seconds) / 1e6);
			fputs(",\"org_years_per_s\":", f);
			json_number(f, rate(p->org_years, p->seconds));
			fprintf(f, ",\"peak_rss_kb\":%ld}", p->peak_kb);
			first = 0;
		}
		fputs("},\"ratios\":{\"b/a\":", f);
		json_number(f, ratio_of(r, PH_B, PH_A));
		fputs(",\"c/a\":", f);
		json_number(f, ratio_of(r, PH_C, PH_A));
		fputs(",\"e/c\":", f);
		json_number(f, ratio_of(r, PH_E, PH_C));
		fputs(",\"e/e1\":", f);
		json_number(f, ratio_of(r, PH_E, PH_E1));
		fputs(",\"cpu b/a\":", f);
		json_number(f, cpu_ratio(r, PH_B, PH_A));
		fputs(",\"cpu c/a\":", f);
		json_number(f, cpu_ratio(r, PH_C, PH_A));
		fputs("}}", f);
	}
	fputs("]}\n", f);
}

static void target_line(const char *name, double value, double goal)
{
	printf("  %-44s %10.3f  (target >= %g)  %s\n", name, value, goal,
	       isnan(value) ? "not measured" : value >= goal ? "met" : "MISSED");
}

/* The targets, for the synthetic corpora (the largest against the smallest for memory). */
static void print_targets(const corpus_result *rs, size_t n)
{
	const corpus_result *small = NULL, *large = NULL;
	size_t i;
	for (i = 0; i < n; i++) {
		if (strncmp(rs[i].name, "synthetic", 9) != 0)
			continue;
		if (!small || rs[i].records < small->records)
			small = &rs[i];
		if (!large || rs[i].records > large->records)
			large = &rs[i];
	}
	if (!large)
		return;
	printf("\ntargets (%s):\n", large->name);
#define TARGET(name, value, goal) target_line(name, (value), (goal))
	TARGET("load + validate / floor (b/a)", ratio_of(large, PH_B, PH_A), 0.8);
	TARGET("full report / floor (c/a)", ratio_of(large, PH_C, PH_A), 0.5);
	TARGET("scoring alone, org-years/s (d)",
	       large->ph[PH_D].ran ? rate(large->ph[PH_D].org_years, large->ph[PH_D].seconds) : (double)NAN, 1e6);
	TARGET("2 threads / 1 thread (e/e1)", ratio_of(large, PH_E, PH_E1), 1.7);
#undef TARGET
	if (small != large && small->maxrss_kb > 0) {
		double m = (double)large->maxrss_kb / (double)small->maxrss_kb;
		printf("  %-44s %10.3f  (target <= 2)  %s\n", "peak RSS, largest / smallest corpus", m,
		       m <= 2.0 ? "met" : "MISSED");
	}
}

/* ---- --check: numbers produced and consistent -------------------------------------------- */

static int check(const corpus_result *r)
{
	const phase *a = &r->ph[PH_A], *e1 = &r->ph[PH_E1];
	int k, bad = 0;
#define EXPECT(cond, ...)                                         \
	do {                                                      \
		if (!(cond)) {                                    \
			fprintf(stderr, "check failed: " __VA_ARGS__); \
			fputc('\n', stderr);                      \
			bad = 1;                                  \
		}                                                 \
	} while (0)
	EXPECT(!r->error, "%s", r->error_text);
	for (k = 0; k < PH__COUNT; k++) {
		const phase *p = &r->ph[k];
		EXPECT(p->ran, "phase %s did not run", phase_keys[k]);
		if (!p->ran)
			continue;
		EXPECT(p->seconds > 0 && isfinite(rate(p->records, p->seconds)), "phase %s: no time measured",
		       phase_keys[k]);
		EXPECT(p->records == r->records, "phase %s read %llu records of %llu", phase_keys[k],
		       (unsigned long long)p->records, (unsigned long long)r->records);
		EXPECT(p->ok + p->failed == p->records, "phase %s: ok + failed != records", phase_keys[k]);
		EXPECT(k == PH_A || p->ok == r->ph[PH_B].ok, "phase %s: %llu records ok, b: %llu", phase_keys[k],
		       (unsigned long long)p->ok, (unsigned long long)r->ph[PH_B].ok);
		EXPECT(p->peak_kb != 0, "phase %s: no peak memory", phase_keys[k]);
	}
	EXPECT(a->ok >= r->ph[PH_B].ok, "more records loaded than parsed");
	EXPECT(r->ph[PH_B].org_years == r->ph[PH_C].org_years && r->ph[PH_C].org_years == r->ph[PH_D].org_years,
	       "organisation-years differ between b, c and d");
	EXPECT(r->ph[PH_C].results == r->ph[PH_D].results && r->ph[PH_C].results > 0,
	       "c and d computed different numbers of results");
	EXPECT(e1->bytes_out > 0 && e1->bytes_out == r->ph[PH_E].bytes_out && e1->out_hash == r->ph[PH_E].out_hash,
	       "the batch output differs with and without threads");
	EXPECT(e1->bytes_in == r->bytes && a->bytes_in == r->bytes, "input bytes differ from the file size");
	EXPECT(r->maxrss_kb > 0, "no peak RSS");
#undef EXPECT
	return bad ? -1 : 0;
}

/* ---- arguments ---------------------------------------------------------------------------- */

static int parse_size(uint64_t *out, const char *s)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s)
		return -1;
	if (*end == 'k' || *end == 'K')
		v *= 1e3, end++;
	else if (*end == 'M' || *end == 'm')
		v *= 1e6, end++;
	if ((*end && *end != ',') || v < 1 || v > 1e10)
		return -1;
	*out = (uint64_t)v;
	return 0;
}

static int parse_list(config *cfg, const char *s, int phases)
{
	char buf[256], *tok, *save = NULL;
	snprintf(buf, sizeof buf, "%s", s);
	if (phases)
		memset(cfg->phases, 0, sizeof cfg->phases);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (phases) {
			int k, found = 0;
			for (k = 0; k < PH__COUNT; k++)
				if (strcmp(tok, phase_keys[k]) == 0)
					cfg->phases[k] = found = 1;
			if (!found)
				return -1;
		} else if (cfg->nsizes == 16 || parse_size(&cfg->sizes[cfg->nsizes++], tok) < 0) {
			return -1;
		}
	}
	return 0;
}

static void usage(void)
{
	fputs("usage: assoc_bench [--sizes 10k,100k,1M] [--seed N] [--dir DIR] [--input FILE.jsonl]...\n"
	      "                   [--threads N] [--phases a,b,c,d,e1,e] [--json FILE|-] [--label TEXT]\n"
	      "                   [--check] [--quiet] [--generate-only]\n",
	      stderr);
}

static int parse_args(config *cfg, int argc, char **argv)
{
	int i, k;
	memset(cfg, 0, sizeof *cfg);
	cfg->seed = 20240601;
	cfg->dir = "bench-corpus";
	cfg->threads = 2;
	for (k = 0; k < PH__COUNT; k++)
		cfg->phases[k] = 1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--check") == 0) {
			cfg->check = 1;
			continue;
		}
		if (strcmp(a, "--quiet") == 0) {
			cfg->quiet = 1;
			continue;
		}
		if (strcmp(a, "--generate-only") == 0) {
			cfg->generate_only = 1;
			continue;
		}
		if (!v)
			return -1;
		i++;
		if (strcmp(a, "--sizes") == 0) {
			cfg->nsizes = 0;
			if (parse_list(cfg, v, 0) < 0)
				return -1;
		} else if (strcmp(a, "--phases") == 0) {
			if (parse_list(cfg, v, 1) < 0)
				return -1;
		} else if (strcmp(a, "--seed") == 0) {
			cfg->seed = strtoull(v, NULL, 10);
		} else if (strcmp(a, "--dir") == 0) {
			cfg->dir = v;
		} else if (strcmp(a, "--input") == 0 && cfg->ninputs < 16) {
			cfg->inputs[cfg->ninputs++] = v;
		} else if (strcmp(a, "--threads") == 0) {
			cfg->threads = (unsigned)strtoul(v, NULL, 10);
			if (cfg->threads < 1 || cfg->threads > ASSOC_BATCH_MAX_THREADS)
				return -1;
		} else if (strcmp(a, "--json") == 0) {
			cfg->json = v;
		} else if (strcmp(a, "--label") == 0) {
			cfg->label = v;
		} else {
			return -1;
		}
	}
	if (cfg->nsizes == 0 && cfg->ninputs == 0) {
		cfg->sizes[0] = 10000;
		cfg->sizes[1] = 100000;
		cfg->nsizes = 2;
	}
	return 0;
}

static int run_corpus(corpus_result *r, const char *path, const char *name, const config *cfg)
{
	struct stat sb;
	memset(r, 0, sizeof *r);
	snprintf(r->name, sizeof r->name, "%s", name);
	r->threads = cfg->threads;
	if (stat(path, &sb) != 0) {
		fprintf(stderr, "assoc_bench: %s: %s\n", path, strerror(errno));
		return -1;
	}
	r->bytes = (uint64_t)sb.st_size;
	if (!cfg->quiet)
		fprintf(stderr, "%s (%s):\n", name, path);
	if (measure(r, path, cfg) < 0) {
		fprintf(stderr, "assoc_bench: measuring %s failed\n", path);
		return -1;
	}
	if (r->error) {
		fprintf(stderr, "assoc_bench: %s\n", r->error_text);
		return -1;
	}
	r->records = r->ph[PH_B].ran ? r->ph[PH_B].records : r->ph[PH_A].records;
	return 0;
}

int main(int argc, char **argv)
{
	static corpus_result results[32];
	config cfg;
	size_t n = 0, i;
	int failed = 0;
	if (parse_args(&cfg, argc, argv) < 0) {
		usage();
		return 2;
	}
	hash_output = cfg.check;
	for (i = 0; i < cfg.nsizes; i++) {
		char path[4096], name[64];
		if (corpus_path(path, sizeof path, &cfg, cfg.sizes[i]) < 0 || corpus_ensure(path, &cfg, cfg.sizes[i]) < 0)
			return 1;
		if (cfg.generate_only) {
			printf("%s\n", path);
			continue;
		}
		snprintf(name, sizeof name, "synthetic-%llu", (unsigned long long)cfg.sizes[i]);
		if (run_corpus(&results[n], path, name, &cfg) < 0)
			return 1;
		if (results[n].records != cfg.sizes[i])
			results[n].records = results[n].records ? results[n].records : cfg.sizes[i];
		n++;
	}
	if (cfg.generate_only)
		return 0;
	for (i = 0; i < cfg.ninputs; i++) {
		const char *base = strrchr(cfg.inputs[i], '/');
		if (run_corpus(&results[n], cfg.inputs[i], base ? base + 1 : cfg.inputs[i], &cfg) < 0)
			return 1;
		n++;
	}
	for (i = 0; i < n; i++)
		print_table(&results[i]);
	print_targets(results, n);
	if (cfg.json) {
		FILE *f = strcmp(cfg.json, "-") == 0 ? stdout : fopen(cfg.json, "w");
		if (!f) {
			fprintf(stderr, "assoc_bench: cannot write %s\n", cfg.json);
			return 1;
		}
		if (f == stdout)
			putchar('\n');
		print_json(f, results, n, &cfg);
		if (f != stdout)
			fclose(f);
	}
	if (cfg.check)
		for (i = 0; i < n; i++)
			failed |= check(&results[i]) < 0;
	return failed;
}
