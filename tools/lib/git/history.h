#ifndef CARE_HISTORY_H
#define CARE_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/*
 * Every record's history from git, in one pass over the commits: the
 * first-parent chain from a revision down to the root (merges count as
 * one change, as `git log --first-parent` shows them), each commit's
 * records compared with its parent's, renames followed. The result for
 * HEAD is cached in .git/care/history, keyed by the commit it covers, so
 * a later run only walks the commits made since.
 */
struct history;

struct hcommit {
	char id[41];
	long long time;		/* author time, seconds since 1970 */
	int offset;		/* author time zone, minutes east of UTC */
	char *author;
	char *subject;
};

enum hkind { H_CREATED, H_CHANGED, H_DELETED, H_RENAMED };

struct hevent {
	size_t commit;		/* index into the history's commits */
	enum hkind kind;
	char *path;		/* after the commit (before it, when deleted) */
	char *old_path;		/* H_RENAMED: before */
	unsigned char old_blob[20], new_blob[20];	/* blob ids */	/* all zero when absent */
};

struct hrecord {
	char *path;		/* at the revision; the last path when deleted */
	int deleted;
	struct hevent *ev;	/* newest first */
	size_t n, alloc;
};

enum {
	HISTORY_CACHE = 1,	/* read the cache in .git/care/, update it, write it back */
};

/*
 * The history of every record at rev (NULL: HEAD). 0 with *out set, or
 * -1 with error_last() saying why (not a repository, no commits).
 */
int history_load(struct history **out, const char *rev, int flags);
void history_free(struct history *h);

size_t history_nrecords(const struct history *h);
const struct hrecord *history_record(const struct history *h, size_t i);
/* By path at the revision (or last path of a deleted record), or NULL. */
const struct hrecord *history_find(const struct history *h, const char *path);
const struct hcommit *history_commit(const struct history *h, size_t i);
/* The commit where a shallow clone's history stops, or NULL. */
const char *history_truncated(const struct history *h);
/* How many commits this run walked (the rest came from the cache). */
size_t history_walked(const struct history *h);

/*
 * The author's own calendar day of a commit, YYYY-MM-DD: when the change
 * was made, which a record's timeline shows (the committer's day, which
 * --as-of goes by, is git/repo.c's).
 */
void hcommit_day(const struct hcommit *c, char out[11]);

/* A blob's text, for comparing two versions of a record. 0, or -1. */
int history_blob(struct history *h, const unsigned char oid[20], struct strbuf *sb);

#endif
