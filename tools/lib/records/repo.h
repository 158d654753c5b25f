#ifndef CARE_RECORDS_REPO_H
#define CARE_RECORDS_REPO_H

#include <stddef.h>

#include "records/programme.h"
#include "records/record.h"
#include "records/source.h"
#include "schema/schema.h"
#include "util/diag.h"

/*
 * A records repository: programme.yaml, the schemas, and one file per
 * child, pairing and activity, read from a record source (the folder, the
 * index, a commit). Loading checks every record against its schema and
 * the rules between records (README.md, "What care check checks"),
 * keeping only a small summary of each record so that a county's worth of
 * files fits in memory.
 *
 * The fields below are for reading once repo_load_setup() and repo_check()
 * have run; what the check itself needs is private to records/.
 */
struct repo {
	struct schema *schemas[KIND_NR];
	struct schema *programme_schema;
	struct programme prog;
	struct record *recs;	/* kind by kind, each sorted by id */
	size_t nr;
	struct diag_list diags;	/* problems outside any one record */
	char today[11];
	size_t files;		/* files looked at */
	struct source *src;	/* borrowed: where the records are read from */
	struct repo_private *priv;
};

/*
 * What a caller such as the site learns while records are checked. Both
 * run on the checking threads (thread is 0 .. CARE_MAX_THREADS-1).
 */
struct repo_hooks {
	/*
	 * Called for each record that parsed, passed its schema and broke no
	 * rule, while its tree is still alive: the site keeps what its pages
	 * need from it.
	 */
	void (*on_valid)(void *data, int thread, struct record *rec, const struct ynode *root);
	/*
	 * When set, and the whole repository is checked, decides whether a
	 * record is checked (1) or known from before (0): a site that
	 * rendered it unchanged keeps what it knew.
	 */
	int (*select)(void *data, struct record *rec);
	void *data;
};

/*
 * The repository top: the nearest folder at or above the current one
 * holding records/programme.yaml. 0 with *top (the caller's) set, or -1
 * with error_last() saying what to do.
 */
int repo_find_top(char **top);

/* Sets r up to read from src, which must outlive it. */
void repo_init(struct repo *r, struct source *src);
void repo_set_hooks(struct repo *r, const struct repo_hooks *hooks);
void repo_release(struct repo *r);

/*
 * Loads the schemas and programme.yaml. Returns 0 (warnings allowed, in
 * r->diags); 1 when programme.yaml has errors (in r->diags), which no
 * --keep-going may skip; -1 when a schema is broken (also in r->diags),
 * which makes every other result meaningless.
 */
int repo_load_setup(struct repo *r);

/*
 * Lists the record folders, marking records under any of paths (all when
 * npaths is 0) as selected, then checks the selected ones in parallel and
 * the rules between records. From an incremental source (the index) only
 * records that changed are parsed, and the records still naming a child
 * the commit deletes. Problems go to each record's diags and to r->diags.
 * Returns 0, or -1 with error_last() set when a folder cannot be listed.
 */
int repo_check(struct repo *r, char **paths, size_t npaths);

/* Moves every diagnostic into one sorted list. */
void repo_collect(struct repo *r, struct diag_list *out);

/* Is there a record of this kind and id (in the source, when incremental)? */
int repo_has(const struct repo *r, enum kind kind, const char *id);

/* A record by kind and id, or NULL; from an incremental source, only the changed ones. */
const struct record *repo_find(const struct repo *r, enum kind kind, const char *id);


#endif
