#ifndef CARE_GIT_SOURCE_H
#define CARE_GIT_SOURCE_H

#include "records/source.h"

/*
 * The one call that opens any record source: the working folder
 * (SOURCE_FOLDER, rev ignored), the index a commit is about to be made of
 * (SOURCE_INDEX: what `care check --staged` and the pre-commit hook read),
 * or the records as they were at rev (SOURCE_REVISION: a commit, or a
 * date YYYY-MM-DD meaning the last first-parent commit made on or before
 * it). 0 with *out set, or -1 with error_last() saying why.
 */
int source_open(struct source **out, enum source_kind kind, const char *rev);

#endif
