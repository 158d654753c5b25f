#ifndef CARE_RECORDS_INT_H
#define CARE_RECORDS_INT_H

/* What records.c shares with staged.c, which lists records from git. */
#include "records/repo.h"

enum stray_type { STRAY_FILE, STRAY_DIR, STRAY_LINK, STRAY_SUBMODULE };

/* Adds a record; it takes over path. */
struct record *add_record(struct repo *r, enum kind kind, char *path);

/* Reports a name in a record folder that is not a record, saying what it is. */
void stray(struct repo *r, const char *dir, const char *name, enum stray_type type);

/* Orders the records of one kind by id, as repo_find() expects. */
int cmp_record_id(const void *a, const void *b);

/* Checks the selected records in parallel. */
void check_selected(struct repo *r);

#endif
