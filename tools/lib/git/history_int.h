#ifndef CARE_GIT_HISTORY_INT_H
#define CARE_GIT_HISTORY_INT_H

/* What history.c (records and events), walk.c and histcache.c share. */
#include "git/history.h"
#include "git/libgit2.h"

struct history {
	git_repository *repo;
	char *prefix;		/* records top inside the work tree */
	struct hcommit *commits;
	size_t ncommits, acommits;
	struct hrecord *recs;
	size_t nrecs, arecs;
	char *truncated;
	size_t walked;
	/* path -> record, while walking: open addressing */
	struct slot {
		char *path;
		size_t rec;
	} *map;
	size_t mapsize, mapused;
};

/* What one commit changed in the record folders. */
struct change {
	char status;		/* 'A', 'D', 'M', 'R' */
	char *path, *old_path;
	unsigned char old_oid[20], new_oid[20];
};

struct changes {
	struct change *v;
	size_t n, alloc;
	int adds, dels;
};


/* history.c */
size_t new_record(struct history *h, const char *path, int deleted);
struct hevent *add_event(struct history *h, size_t rec, size_t commit, enum hkind kind,
			 const char *path);
size_t add_commit_of(struct history *h, const git_oid *id, const git_signature *a,
		     const char *subject);
/* Walking backwards, one commit's changes become events of records. */
void record_changes(struct history *h, size_t commit, struct changes *cs);

/*
 * walk.c: walks from start until stop (not included) or the root, newest
 * first. 1 when stop was reached, 0 otherwise, -1 with error_last() set.
 */
int history_walk(struct history *h, const git_oid *start, const git_oid *stop);

/* histcache.c: the cache in .git/care/history. */
int cache_read(struct history *h, git_oid *tip);
void cache_write(const struct history *h, const char *tip);
void release_records(struct history *h);
void release_commits(struct history *h);

#endif
