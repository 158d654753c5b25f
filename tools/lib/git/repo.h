#ifndef CARE_GITREPO_H
#define CARE_GITREPO_H

#include <stddef.h>

#include "util/strbuf.h"

/*
 * Records read from git through libgit2 instead of from the working tree:
 * from the index a commit is about to be made of (care check --staged).
 * Paths given and returned are relative to the records repository top
 * (the folder holding records/), which may lie below the git work tree.
 */
struct gitrepo;

#define OID_LEN 20	/* a SHA-1 object id, in bytes */

struct index_item {
	const char *path;	/* relative to the records top */
	unsigned mode;		/* git file mode: 0100644, 0120000, 0160000, ... */
	const unsigned char *oid;
};

/*
 * Opens the repository holding the current directory (the records top)
 * the way the git command line does (GIT_DIR, GIT_INDEX_FILE), and its
 * index and HEAD. Returns 0, or -1 with error_last() saying why: not a
 * git repository, or an index libgit2 cannot read (split or sparse), with
 * the command that turns that off.
 */
int gitrepo_open_index(struct gitrepo **out);

/*
 * Opens the records as they were at rev (a revision, or a date
 * YYYY-MM-DD: the last commit on the first-parent line made on or before
 * that day), straight from git's objects: the working tree and the index
 * are not touched. Nothing counts as unchanged (there is no HEAD to
 * compare with), so everything is checked. In a bare repository the
 * records are at the top of the commit's tree. Returns 0, or -1 with
 * error_last() saying why.
 */
int gitrepo_open_rev(struct gitrepo **out, const char *rev);
/* The commit gitrepo_open_rev() chose: its id and its day. */
const char *gitrepo_commit_id(const struct gitrepo *g);
const char *gitrepo_commit_day(const struct gitrepo *g);
void gitrepo_free(struct gitrepo *g);

/*
 * Calls fn for every index entry under dir ("records/children/"), in
 * path order. fn returns non-zero to stop. Entries in conflict (stages
 * 1-3) are passed with mode 0.
 */
int gitrepo_each(struct gitrepo *g, const char *dir,
		 int (*fn)(void *data, const struct index_item *it), void *data);

/* The index entry of path: 1 with *mode and oid filled, or 0 when absent. Thread-safe. */
int gitrepo_find(struct gitrepo *g, const char *path, unsigned *mode,
		 unsigned char oid[OID_LEN]);

/*
 * The entry path had in HEAD: 1 with *mode and oid filled, 0 when HEAD
 * has no such file or there is no HEAD yet (the first commit).
 */
int gitrepo_in_head(struct gitrepo *g, const char *path, unsigned *mode,
		    unsigned char oid[OID_LEN]);

/* Calls fn for every file under dir in HEAD that the index no longer has. */
int gitrepo_each_deleted(struct gitrepo *g, const char *dir,
			 int (*fn)(void *data, const char *path), void *data);

/*
 * A handle for reading blobs on one thread: libgit2 objects are not to be
 * shared between threads, so each reader opens the repository again.
 */
struct blob_reader;
struct blob_reader *gitrepo_reader(struct gitrepo *g);
void blob_reader_free(struct blob_reader *rd);

/*
 * Reads a blob into sb (replacing its contents). Returns 0; -1 with errno
 * EFBIG when it is larger than max, or EIO when git cannot read it.
 */
int blob_read(struct blob_reader *rd, const unsigned char oid[OID_LEN], size_t max,
		    struct strbuf *sb);

/*
 * Where the current folder (the records top) lies inside the git work tree
 * workdir: "" or "sub/dir/"; NULL when outside it.
 */
char *records_prefix_in(const char *workdir);

/* The last libgit2 error message of this thread, for a diagnostic. */
const char *gitrepo_error(void);

#endif
