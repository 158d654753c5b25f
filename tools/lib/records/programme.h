#ifndef CARE_RECORDS_PROGRAMME_H
#define CARE_RECORDS_PROGRAMME_H

#include <stddef.h>

#include "yaml/tree.h"

/*
 * programme.yaml: the school, its school year and the settings every
 * other part reads. The parsed document is kept for what pages show.
 */
struct programme {
	struct ydoc *doc;	/* programme.yaml as parsed */
	char *school;
	int year_month, year_day;	/* school_year_starts */
	long stale_after_days;
	char **interests;	/* keys of interest_groups */
	char **interest_labels;
	size_t ninterests;
};

/* Reads the settings from root (the schema has checked it); takes over doc. */
void programme_read(struct programme *p, struct ydoc *doc);
void programme_release(struct programme *p);

#endif
