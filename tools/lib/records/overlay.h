#ifndef CARE_RECORDS_OVERLAY_H
#define CARE_RECORDS_OVERLAY_H

#include <stddef.h>

#include "records/source.h"

/*
 * A record source that is another one plus files held in memory: records
 * not yet written (care import) are checked by the repository check as if
 * they were in the folder, beside the records already there, with the
 * same schemas and rules. paths[i] ("records/children/x.yaml") holds
 * texts[i]; both arrays and base are borrowed and must outlive the source,
 * which source_free() frees without freeing base.
 */
int source_open_overlay(struct source **out, struct source *base, char *const *paths,
			char *const *texts, size_t n);

#endif
