/*
 * assoc_demo - load an association, summarise its three levers and its
 * territory, then print its scoring report.
 *
 *     assoc_demo [--json] [--profile PROFILE.json] ORGANISATION.json
 *
 * Written to the libassoc public API only (#include <assoc.h>).
 *
 * SPDX-License-Identifier: CC0-1.0
 * To the extent possible under law, the libassoc authors have waived all
 * copyright and related or neighboring rights to this example. Copy it,
 * change it, use it as the start of your own program: no conditions.
 */
#include <assoc.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Print the last libassoc error the way a user can act on it. */
static int fail(const char *what)
{
	const assoc_error *e = assoc_error_last();
	fprintf(stderr, "error: %s", e->message[0] ? e->message : what);
	if (e->path[0] && e->line > 0)
		fprintf(stderr, " (at %s, line %d col %d)", e->path, e->line, e->column);
	else if (e->path[0])
		fprintf(stderr, " (at %s)", e->path);
	else if (e->line > 0)
		fprintf(stderr, " (line %d col %d)", e->line, e->column);
	fprintf(stderr, "\n");
	return 1;
}

/* The field at a JSON Pointer given printf-style ("/years/%zu/year", y):
 * a string, or NULL when absent (or not there at all). */
static const char *str_at(const assoc_org *org, const char *fmt, ...)
{
	char path[256];
	const char *s = NULL;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	return assoc_org_get_string(&s, org, path) == 0 ? s : NULL;
}

/* A number field, or NaN when absent: missing is not zero. */
static double num_at(const assoc_org *org, const char *fmt, ...)
{
	char path[256];
	double x;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	return assoc_org_get_number(&x, org, path) == 0 ? x : NAN;
}

/* Number of elements of an array field, 0 when absent. */
static size_t count_at(const assoc_org *org, const char *fmt, ...)
{
	char path[256];
	size_t n = 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	return assoc_org_count(&n, org, path) == 0 ? n : 0;
}

/* English label of a vocabulary identifier read from the model. */
static const char *label_en(assoc_vocab vocab, const char *id)
{
	int term;
	if (!id || assoc_vocab_match(&term, vocab, id) != 0)
		return id ? id : "?";
	return assoc_vocab_label_en(vocab, term);
}

/* French codes are INSEE's (région, département, commune); elsewhere the
 * same fields hold opaque subdivision codes (ISO 3166-2, US state...). */
static void print_territory(const assoc_org *org)
{
	static const char *const fr_names[] = { "r\xC3\xA9gion", "d\xC3\xA9partement", "commune" };
	static const char *const paths[] = { "/territory/region", "/territory/departement", "/territory/commune" };
	const char *country = str_at(org, "/territory/country");
	int french = country && strcmp(country, "FR") == 0, any = 0;
	size_t k;
	printf("  territory: %s", country ? country : "country unknown");
	for (k = 0; k < 3; k++) {
		const char *code = str_at(org, paths[k]);
		if (!code)
			continue;
		if (french)
			printf(", %s %s", fr_names[k], code);
		else
			printf("%s%s", any ? ", " : ", subdivisions ", code);
		any = 1;
	}
	printf("\n");
}

static void print_identity(const assoc_org *org)
{
	const char *name = str_at(org, "/name"), *scheme = str_at(org, "/id/scheme");
	const char *value = str_at(org, "/id/value"), *scope = str_at(org, "/scope");
	printf("%s\n", name ? name : "(no name)");
	printf("  identifier: %s %s\n", scheme ? label_en(ASSOC_VOCAB_ID_SCHEME, scheme) : "?", value ? value : "?");
	print_territory(org);
	if (scope)
		printf("  declared scope: %s\n", label_en(ASSOC_VOCAB_SCOPE, scope));
}

/* Lever 2: revenue lines summed by stream (net lines included as they are). */
static void print_revenue(const assoc_org *org, size_t y)
{
	double by_stream[ASSOC_STREAM__COUNT] = { 0 }, total = 0;
	int seen[ASSOC_STREAM__COUNT] = { 0 };
	size_t n = count_at(org, "/years/%zu/revenue", y), j;
	int s;
	printf("  revenue by stream:\n");
	for (j = 0; j < n; j++) {
		int cat;
		const char *id = str_at(org, "/years/%zu/revenue/%zu/category", y, j);
		double amount = num_at(org, "/years/%zu/revenue/%zu/amount", y, j);
		if (!id || assoc_vocab_match(&cat, ASSOC_VOCAB_CATEGORY, id) != 0 || isnan(amount))
			continue;
		s = assoc_category_stream(cat);
		by_stream[s] += amount;
		seen[s] = 1;
		total += amount;
	}
	for (s = 0; s < ASSOC_STREAM__COUNT; s++)
		if (seen[s])
			printf("    %-28s %14.2f\n", assoc_vocab_label_en(ASSOC_VOCAB_STREAM, s), by_stream[s]);
	printf("    %-28s %14.2f (%zu lines)\n", "total", total, n);
}

/* Lever 1: the four kinds of people, printing only what is known. */
static void print_people(const assoc_org *org, size_t y)
{
	int k;
	printf("  people:\n");
	for (k = 0; k < ASSOC_PEOPLE__COUNT; k++) {
		char fmt[128];
		const char *kind = assoc_vocab_id(ASSOC_VOCAB_PERSON_KIND, k);
		double head, hours, fte;
		snprintf(fmt, sizeof fmt, "/years/%%zu/people/%s/headcount", kind);
		head = num_at(org, fmt, y);
		snprintf(fmt, sizeof fmt, "/years/%%zu/people/%s/hours", kind);
		hours = num_at(org, fmt, y);
		snprintf(fmt, sizeof fmt, "/years/%%zu/people/%s/fte", kind);
		fte = num_at(org, fmt, y);
		if (isnan(head) && isnan(hours) && isnan(fte))
			continue;
		printf("    %-28s", assoc_vocab_label_en(ASSOC_VOCAB_PERSON_KIND, k));
		if (!isnan(head))
			printf("  headcount %g", head);
		if (!isnan(hours))
			printf("  %g hours", hours);
		if (!isnan(fte))
			printf("  %g FTE", fte);
		printf("\n");
	}
}

/* Lever 3: alliances with their family and partners. */
static void print_alliances(const assoc_org *org)
{
	size_t n = count_at(org, "/alliances"), a, p;
	printf("\nAlliances: %zu\n", n);
	for (a = 0; a < n; a++) {
		const char *name = str_at(org, "/alliances/%zu/name", a);
		const char *start = str_at(org, "/alliances/%zu/start", a);
		const char *end = str_at(org, "/alliances/%zu/end", a);
		const char *id = str_at(org, "/alliances/%zu/id", a);
		size_t np = count_at(org, "/alliances/%zu/partners", a);
		printf("  %s%s%s%s\n", id ? id : "?", name ? " \"" : "", name ? name : "", name ? "\"" : "");
		printf("    family: %s", label_en(ASSOC_VOCAB_FAMILY, str_at(org, "/alliances/%zu/family", a)));
		if (start || end)
			printf(", %s to %s", start ? start : "?", end ? end : "?");
		printf("\n");
		for (p = 0; p < np; p++) {
			const char *pname = str_at(org, "/alliances/%zu/partners/%zu/name", a, p);
			const char *level = str_at(org, "/alliances/%zu/partners/%zu/public_level", a, p);
			const char *pid = str_at(org, "/alliances/%zu/partners/%zu/id", a, p);
			printf("    partner: %s (%s%s%s)\n", pname ? pname : pid ? pid : "?",
			       label_en(ASSOC_VOCAB_PARTNER_KIND, str_at(org, "/alliances/%zu/partners/%zu/kind", a, p)),
			       level ? ", " : "", level ? label_en(ASSOC_VOCAB_PUBLIC_LEVEL, level) : "");
		}
	}
}

static void print_summary(const assoc_org *org)
{
	size_t ny = count_at(org, "/years"), y;
	print_identity(org);
	for (y = 0; y < ny; y++) {
		double year = num_at(org, "/years/%zu/year", y);
		const char *cur = str_at(org, "/years/%zu/currency", y);
		printf("\nYear %.0f (%s)\n", year, cur ? cur : "?");
		print_revenue(org, y);
		print_people(org, y);
	}
	print_alliances(org);
}

static int usage(FILE *to, int status)
{
	fprintf(to, "usage: assoc_demo [--json] [--profile PROFILE.json] ORGANISATION.json\n");
	return status;
}

int main(int argc, char **argv)
{
	const char *file = NULL, *profile_file = NULL;
	int json = 0, i, rc = 1;
	assoc_org *org = NULL;
	assoc_profile *profile = NULL;
	assoc_report *report = NULL;
	char *out = NULL;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return usage(stdout, 0);
		else if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc)
			profile_file = argv[++i];
		else if (argv[i][0] == '-' || file)
			return usage(stderr, 2);
		else
			file = argv[i];
	}
	if (!file)
		return usage(stderr, 2);

	if (assoc_org_load_file(&org, file, NULL) != 0)
		return fail("cannot load the organisation");
	if (profile_file && assoc_profile_load_file(&profile, profile_file) != 0) {
		rc = fail("cannot load the profile");
		goto done;
	}
	if (!json) {
		print_summary(org);
		printf("\n");
	}
	/* profile NULL = the built-in default profile. */
	if (assoc_report_new(&report, org, profile, NULL) != 0) {
		rc = fail("cannot score the organisation");
		goto done;
	}
	if ((json ? assoc_report_to_json(&out, report, 0) : assoc_report_to_text(&out, report)) != 0) {
		rc = fail("cannot write the report");
		goto done;
	}
	fputs(out, stdout);
	if (out[0] && out[strlen(out) - 1] != '\n')
		fputc('\n', stdout);
	rc = 0;
done:
	assoc_free(out);
	assoc_report_free(report);
	assoc_profile_free(profile);
	assoc_org_free(org);
	return rc;
}
