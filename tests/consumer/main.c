/* A minimal user of the installed library: version check, load, read back, write. */
#include <assoc.h>
#include <stdio.h>
#include <string.h>

static const char doc[] =
	"{\"format\": \"libassoc/1\", \"organisation\": {"
	"\"id\": {\"scheme\": \"rna\", \"value\": \"W863000001\"},"
	"\"name\": \"Les Amis du Numérique\","
	"\"years\": [{\"year\": 2024, \"currency\": \"EUR\","
	"\"balance\": {\"cash\": 1250.5}}]}}";

int main(void)
{
	assoc_org *org = NULL;
	double cash = 0;
	char *json = NULL;
	if (assoc_version_number() != ASSOC_VERSION_NUMBER) {
		fprintf(stderr, "header %d, library %d\n", ASSOC_VERSION_NUMBER, assoc_version_number());
		return 1;
	}
	if (assoc_org_from_json(&org, doc, strlen(doc), NULL) < 0) {
		fprintf(stderr, "error: %s at %s\n", assoc_error_last()->message, assoc_error_last()->path);
		return 1;
	}
	if (assoc_org_get_number(&cash, org, "/years/0/balance/cash") < 0 || cash != 1250.5) {
		fprintf(stderr, "cash read back as %g\n", cash);
		assoc_org_free(org);
		return 1;
	}
	if (assoc_org_to_json(&json, org, ASSOC_WRITE_DEFAULT) < 0 || !strstr(json, "1250.5")) {
		assoc_org_free(org);
		return 1;
	}
	printf("consumer ok: %s, cash %.2f, libassoc %s\n", assoc_org_name_key(org), cash, assoc_version_string());
	assoc_free(json);
	assoc_org_free(org);
	return 0;
}
