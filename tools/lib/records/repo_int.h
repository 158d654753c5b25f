#ifndef CARE_RECORDS_REPO_INT_H
#define CARE_RECORDS_REPO_INT_H

/* What repo.c, list.c and check.c share inside records/. */
#include "records/repo.h"

struct repo_private {
	size_t alloc;		/* of recs */
	int complete;		/* every record is checked: rules about all may run */
	char **deleted;		/* ids of children the commit deletes, sorted */
	size_t ndeleted;
	struct repo_hooks hooks;
};

enum stray_type { STRAY_FILE, STRAY_DIR, STRAY_LINK, STRAY_SUBMODULE, STRAY_OTHER };

/* list.c: lists the record folders and chooses what to check. */
int repo_list(struct repo *r, char **paths, size_t npaths);

/* check.c: checks the selected records in parallel. */
void check_selected(struct repo *r);

/* repo.c */
struct rules_ctx;
/* The view of r the rules get; valid while r is unchanged. */
void repo_rules_ctx(const struct repo *r, struct rules_ctx *ctx);
struct record *add_record(struct repo *r, enum kind kind, char *path);
void read_error(const struct repo *r, const char *path, struct diag_list *dl);
/* Reports a name in a record folder that is not a record, saying what it is. */
void stray(struct repo *r, const char *dir, const char *name, enum stray_type type);

/*
 * texts.c: checks the school's texts under records/report/ (from an
 * incremental source, the changed ones): UTF-8, no phone or ID number,
 * nothing but .md files. Problems go to r->diags. 0, or -1 with
 * error_last() set when the folder cannot be listed; no folder is no
 * problem.
 */
int texts_check(struct repo *r);

#endif
