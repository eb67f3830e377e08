/*
 * Builds the seed corpora of the fuzz targets, at build time, from what the
 * tests already know, so the seeds follow the code without copies in git:
 *   model/    every document of the bad-input catalogue of
 *             tests/unit/test_validate.c (that file is compiled in here,
 *             its main() renamed), quotes turned into JSON's;
 *   jsonl/    the same documents as JSON Lines: the organisation object of
 *             each on one line, three consecutive cases per file;
 *   profile/  a minimal valid profile and small variants of it;
 *   label/    every identifier, English and French label of every
 *             vocabulary, prefixed with the vocabulary's number (the
 *             input format of fuzz_label.c).
 * The example files (examples/data, docs/profile-default.json) are passed
 * to the fuzzers and to the replay tests as further corpus directories.
 *
 *   assoc_fuzz_seedgen <output-dir>
 */
#include <errno.h>
#include <sys/stat.h>

/* The catalogue, with its own main() out of the way. */
int assoc_fuzz_validate_main(void);
#define main assoc_fuzz_validate_main
#include "../unit/test_validate.c"
#undef main

static const char *out_dir;
static int failed;

static void put(const char *target, size_t index, const char *data, size_t len)
{
	char path[4096];
	FILE *fp;
	snprintf(path, sizeof path, "%s/%s/seed-%03zu", out_dir, target, index);
	fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, len, fp) != len) {
		fprintf(stderr, "seedgen: cannot write %s\n", path);
		failed = 1;
	}
	if (fp && fclose(fp) != 0)
		failed = 1;
}

static void make_dir(const char *target)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", out_dir, target);
	if (mkdir(path, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "seedgen: cannot create %s\n", path);
		failed = 1;
	}
}

/* One JSON Lines record of a catalogue document: its organisation object,
 * or, when it has none (syntax cases), the text with newlines blanked. */
static char *jsonl_record(const char *json)
{
	cJSON *root = cJSON_Parse(json), *org;
	char *line = NULL, *p;
	org = root ? cJSON_GetObjectItemCaseSensitive(root, "organisation") : NULL;
	if (org)
		line = cJSON_PrintUnformatted(org);
	else if (root)
		line = cJSON_PrintUnformatted(root);
	else
		line = strdup(json);
	cJSON_Delete(root);
	for (p = line; p && *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return line;
}

static void model_and_jsonl(void)
{
	size_t i, j;
	for (i = 0; i < N_CASES; i++) {
		char *json = unquote(cases[i].json);
		put("model", i, json, strlen(json));
		free(json);
	}
	for (i = 0; i < N_CASES; i++) {
		assoc__buf b = ASSOC__BUF_INIT;
		for (j = i; j < i + 3 && j < N_CASES; j++) {
			char *json = unquote(cases[j].json), *line = jsonl_record(json);
			assoc__buf_puts(&b, line ? line : "");
			assoc__buf_puts(&b, "\n");
			free(line);
			free(json);
		}
		if (b.oom)
			failed = 1;
		else
			put("jsonl", i, b.data, b.len);
		assoc__buf_dispose(&b);
	}
}

/* A minimal valid profile (the one tests/unit/test_profile.c builds on). */
#define MINIMAL_HEAD "{\"format\":\"libassoc-profile/1\",\"id\":\"t\",\"version\":\"1\",\"constants\":{"
#define MINIMAL_MID "},\"bands\":{"
#define MINIMAL_MATURITY                                                                  \
	"\"alliance_maturity\":{\"tag\":\"own\",\"weights\":{\"information_sharing\":5,"  \
	"\"coordinated_activities\":10,\"pooled_resources\":15,\"capacity_building\":15," \
	"\"co_defined_objectives\":15,\"shared_governance\":15,\"joint_evaluation\":10,"  \
	"\"co_created_solution\":10,\"multi_year\":5}}"
#define MINIMAL_TAIL "},\"weights\":{}," MINIMAL_MATURITY "}"

static void profiles(void)
{
	static const char *const seeds[] = {
		MINIMAL_HEAD MINIMAL_MID MINIMAL_TAIL,
		MINIMAL_HEAD
		"\"fte_hours\":{\"value\":1607,\"unit\":\"hours/year\",\"source\":\"s\",\"tag\":\"V\"}" MINIMAL_MID
			MINIMAL_TAIL,
		MINIMAL_HEAD MINIMAL_MID
		"\"hr.mix_evenness\":{\"tag\":\"own\",\"bands\":[{\"min\":0,\"max\":0.5,"
		"\"points\":0},{\"min\":0.5,\"max\":1,\"max_inclusive\":true,\"points\":10}]}" MINIMAL_TAIL,
		MINIMAL_HEAD "\"fte_hours\":{\"value\":1607,\"unit\":\"h\",\"source\":\"s\",\"tag\":\"V\"}" MINIMAL_MID
			     "},\"weights\":{},\"territories\":[{\"name\":\"a\",\"match\":{\"country\":\"FR\","
			     "\"departement\":\"971\"},\"constants\":{\"fte_hours\":{\"value\":1500,\"unit\":\"h\","
			     "\"source\":\"s\",\"tag\":\"own\"}}}]," MINIMAL_MATURITY "}",
	};
	size_t i;
	for (i = 0; i < sizeof seeds / sizeof seeds[0]; i++)
		put("profile", i, seeds[i], strlen(seeds[i]));
}

static void labels(void)
{
	size_t n = 0;
	int v, t, k;
	for (v = 0; v < ASSOC_VOCAB__COUNT; v++)
		for (t = 0; t < assoc_vocab_size((assoc_vocab)v); t++)
			for (k = 0; k < 3; k++) {
				const char *s = k == 0   ? assoc_vocab_id((assoc_vocab)v, t)
						: k == 1 ? assoc_vocab_label_en((assoc_vocab)v, t)
							 : assoc_vocab_label_fr((assoc_vocab)v, t);
				char buf[512];
				size_t len;
				if (!s)
					continue;
				buf[0] = (char)v;
				len = strlen(s) < sizeof buf - 1 ? strlen(s) : sizeof buf - 1;
				memcpy(buf + 1, s, len);
				put("label", n++, buf, len + 1);
			}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s <output-dir>\n", argv[0]);
		return 2;
	}
	out_dir = argv[1];
	if (mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "seedgen: cannot create %s\n", out_dir);
		return 1;
	}
	make_dir("model");
	make_dir("jsonl");
	make_dir("profile");
	make_dir("label");
	if (failed)
		return 1;
	model_and_jsonl();
	profiles();
	labels();
	return failed;
}
