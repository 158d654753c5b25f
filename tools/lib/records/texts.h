#ifndef CARE_RECORDS_TEXTS_H
#define CARE_RECORDS_TEXTS_H

#include "records/repo.h"

/*
 * Checks the school's texts under records/report/ (from an incremental
 * source, the changed ones): UTF-8, no phone or ID number, nothing but
 * .md files. Problems go to r->diags. 0, or -1 with error_last() set when
 * the folder cannot be listed; no folder is no problem.
 */
int texts_check(struct repo *r);

#endif
