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

/*
 * known.c: everything under records/ is a file the check knows (the
 * programme, the schemas and their JSON exports, records, the school's
 * texts) or is reported: unknown files and folders, case variants of the
 * known names, links, FIFOs and devices. From an incremental source, only
 * what the commit adds or changes. Reported paths must lie under one of
 * paths (all when npaths is 0). 0, or -1 with error_last() set.
 */
int known_check(struct repo *r, char **paths, size_t npaths);
/*
 * known.c: from the index, what must never be committed outside records/:
 * a rendered site (site/, site-full/, any folder holding the render's
 * marker) and the render's cache, key and lock files.
 */
void outside_check(struct repo *r);
/*
 * schemachange.c: from the index, a commit that stops a schema marking a
 * field x-sensitive, or takes a kind out of programme.yaml's
 * private_activity_kinds, is refused unless CARE_ALLOW_SCHEMA_CHANGE=1
 * is set (then it is a warning). 0, or -1 with error_last() set.
 */
int schema_change_check(struct repo *r);

#endif
