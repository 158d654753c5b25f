/*
 * Record kinds by name and folder, and what makes an id: ids become file
 * names, page names and links, so they are plain ASCII and hold no phone
 * or ID number.
 */
#include "records/kinds.h"

#include <stdlib.h>
#include <string.h>

#include "records/identifiers.h"
#include "util/strbuf.h"
#include "util/banned.h"

const char *const kind_dirs[KIND_NR] = { "children", "pairings", "activities" };
const char *const kind_names[KIND_NR] = { "child", "pairing", "activity" };

enum kind kind_from_name(const char *name)
{
	int k;

	for (k = 0; k < KIND_NR && strcmp(kind_names[k], name); k++)
		;
	return (enum kind)k;
}

enum kind kind_of_path(const char *path)
{
	int k;

	if (strncmp(path, "records/", 8))
		return KIND_NR;
	for (k = 0; k < KIND_NR; k++) {
		size_t n = strlen(kind_dirs[k]);
		if (!strncmp(path + 8, kind_dirs[k], n) && path[8 + n] == '/')
			return (enum kind)k;
	}
	return KIND_NR;
}

int is_valid_id(const char *id)
{
	size_t i;

	if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')))
		return 0;
	for (i = 1; id[i]; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') ||
		      id[i] == '-') || i > 63)
			return 0;
	return 1;
}

int id_holds_identifier(const char *id, struct regex_scratch *scratch)
{
	struct pii_match m;
	char *text;
	size_t i, len = strlen(id);
	int found;

	if (pii_init() < 0)
		return 1;
	text = xstrdup(id);
	for (i = 0; i < len; i++)
		if (text[i] == '-')
			text[i] = ' ';
	found = pii_find(text, len, 0, scratch, &m) > 0;
	free(text);
	return found;
}
