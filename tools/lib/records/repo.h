#ifndef CARE_RECORDS_H
#define CARE_RECORDS_H

#include <stddef.h>

#include "util/diag.h"
#include "git/repo.h"
#include "schema/schema.h"

/*
 * A records repository: programme.yaml, the schemas, and one file per
 * child, pairing and activity. Loading checks every record against its
 * schema and the rules between records (README.md, "What care check
 * checks"), keeping only a small summary of each record so that a county's
 * worth of files fits in memory.
 */
enum kind { KIND_CHILD, KIND_PAIRING, KIND_ACTIVITY, KIND_NR };

struct ref {
	char *id;
	enum kind kind;
	int line, col;
};

struct record {
	char *path;		/* relative to the repository top */
	char *id;
	enum kind kind;
	int selected;		/* checked in this run, not only known */
	int valid;		/* parsed and passed its schema */
	int enrolled;		/* child */
	char *child;		/* pairing */
	char start[11], end[11];	/* pairing; "" when absent */
	struct ref *refs;
	size_t nrefs;
	struct diag_list diags;
	unsigned char oid[20];	/* its blob, when read from git */
	void *extra;		/* what on_valid kept */
	unsigned long long stamp;	/* set by a select hook */
};

struct programme {
	struct ydoc *doc;	/* programme.yaml as parsed, for what pages need */
	char *school;
	int year_month, year_day;
	long stale_after_days;
	char **interests;	/* keys of interest_groups */
	char **interest_labels;
	size_t ninterests;
};

struct repo {
	struct schema *schemas[KIND_NR];
	struct schema *programme_schema;
	struct programme prog;
	struct record *recs;
	size_t nr, alloc;
	struct diag_list diags;	/* problems outside any one record */
	char today[11];
	int threads;
	int all_selected;	/* every record folder is being checked */
	size_t files;		/* files looked at */
	int dirfd[KIND_NR];	/* open record folders, for openat() */
	struct gitrepo *git;	/* read from git's index instead of the files */
	struct git_reader *readers[16];	/* one per thread */
	char **deleted;		/* ids of children the commit deletes, sorted */
	size_t ndeleted;
	/*
	 * Called on the checking thread (0 .. threads-1) for each record that
	 * parsed and passed its schema, while its tree is still alive: the
	 * site keeps what its pages need from it.
	 */
	void (*on_valid)(void *data, int thread, struct record *rec, const struct ynode *root);
	void *on_valid_data;
	/*
	 * When set, and the whole repository is listed, decides whether a
	 * record is checked: a site that rendered it before unchanged keeps
	 * what it knew. name is the file in the open folder dirfd.
	 */
	int (*select)(void *data, struct record *rec, int dirfd, const char *name);
};

extern const char *const kind_dirs[KIND_NR];	/* "children", ... */
extern const char *const kind_names[KIND_NR];	/* "child", ... */

/*
 * Finds the repository top (the nearest directory at or above the current
 * one holding records/programme.yaml) and makes it the current directory.
 * Returns 0, or -1 after printing why.
 */
int repo_find_top(void);

void repo_init(struct repo *r);
void repo_release(struct repo *r);

/*
 * Loads the schemas and programme.yaml. Returns 0; 1 when programme.yaml
 * has problems (in r->diags); -1 when a schema is broken (also in
 * r->diags), which makes every other result meaningless.
 */
int repo_load_setup(struct repo *r);

/*
 * Lists the record folders, marking records under any of paths (all when
 * npaths is 0) as selected, then checks the selected ones in parallel and
 * the rules between records. Problems go to each record's diags and to
 * r->diags. Returns 0, or -1 on an I/O failure listing a folder.
 */
int repo_check(struct repo *r, char **paths, size_t npaths);

/*
 * Like repo_check, on what git's index holds: only records whose staged
 * content differs from HEAD are parsed (all of them when a schema or
 * programme.yaml changes), references are resolved in the index, and the
 * records still naming a child the commit deletes are found. r->git must
 * be open and repo_load_setup() done. Returns 0, or -1 on a git failure.
 */
int repo_check_staged(struct repo *r);

/* Moves every diagnostic into one sorted list. */
void repo_collect(struct repo *r, struct diag_list *out);

/* Is there a record of this kind and id (in git's index, when read from it)? */
int repo_has(const struct repo *r, enum kind kind, const char *id);

/* A record by kind and id, or NULL; with --staged, only the changed ones. */
const struct record *repo_find(const struct repo *r, enum kind kind, const char *id);

/* Today's date: $CARE_TODAY when set (tests), else the local date. */
void today_string(char out[11]);

int is_valid_id(const char *id);

#endif
