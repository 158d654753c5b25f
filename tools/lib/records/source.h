#ifndef CARE_RECORDS_SOURCE_H
#define CARE_RECORDS_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/*
 * Where records are read from: the working folder, the index a commit is
 * about to be made of, or a past commit. The repository check, the site
 * and the report see only this interface; the git sources live on the git
 * floor (git/source.h), which also has the one call that opens any of the
 * three. Paths are relative to the records repository's top ("records/
 * children/x.yaml").
 */
enum source_kind { SOURCE_FOLDER, SOURCE_INDEX, SOURCE_REVISION };

enum entry_type { ENTRY_FILE, ENTRY_DIR, ENTRY_LINK, ENTRY_SUBMODULE, ENTRY_OTHER };

struct source_entry {
	const char *name;	/* inside the folder listed; a subfolder by its name */
	enum entry_type type;
	int changed;		/* differs from the last commit; always 1 unless incremental */
};

struct source;

struct source_ops {
	/*
	 * Calls fn for every entry of dir ("records/children"), in no
	 * particular order; fn returns non-zero to stop. 0; 1 when dir does
	 * not exist; -1 with error_last() set.
	 */
	int (*list)(struct source *s, const char *dir,
		    int (*fn)(void *data, const struct source_entry *e), void *data);
	/*
	 * Reads path into sb (replacing its contents) on thread (0 ..
	 * CARE_MAX_THREADS-1; one caller per thread number at a time). 0, or
	 * -1 with errno: EFBIG over max, ELOOP a symbolic link (or a
	 * folder on the way that is one), ENODEV not a regular file (a FIFO
	 * or a device), ENOENT absent, EIO anything else (error_last() says
	 * what).
	 */
	int (*read)(struct source *s, int thread, const char *path, size_t max, struct strbuf *sb);
	/* Is there a file at path? */
	int (*has)(struct source *s, const char *path);
	/* Does path differ from the last commit? Always 1 unless incremental. */
	int (*changed)(struct source *s, const char *path);
	/* A number that changes whenever the file at path does; 0 when unknown. */
	uint64_t (*stamp)(struct source *s, const char *path);
	/* Calls fn for each file under dir the commit deletes; NULL when not incremental. */
	int (*each_deleted)(struct source *s, const char *dir,
			    int (*fn)(void *data, const char *path), void *data);
	void (*free)(struct source *s);
};

/*
 * What only the index has: it lets the check compare a commit with the
 * last one and see what it adds outside records/. A separate table, so
 * that the other sources need not know of it.
 */
struct source_commit_ops {
	/*
	 * Reads path as the last commit (HEAD) has it, like read on thread 0
	 * (main thread only): 0, or -1 with errno ENOENT when HEAD has no such
	 * file (or there is no HEAD yet), ELOOP a link, EFBIG over max, EIO.
	 */
	int (*read_head)(struct source *s, const char *path, size_t max, struct strbuf *sb);
	/*
	 * Calls fn for every file outside records/ that the commit adds or
	 * changes (its path from the records top), in path order; fn returns
	 * non-zero to stop.
	 */
	int (*each_outside)(struct source *s, int (*fn)(void *data, const char *path), void *data);
};

struct source {
	const struct source_ops *ops;
	const struct source_commit_ops *commit_ops;	/* the index's; NULL for the others */
	enum source_kind kind;
	/*
	 * Only changed entries need checking (the index): the rest were
	 * checked when they were committed.
	 */
	int incremental;
	char commit[41];	/* SOURCE_REVISION: the commit read; else "" */
	char commit_day[11];	/* its committer's day */
};

static inline int source_list(struct source *s, const char *dir,
			      int (*fn)(void *data, const struct source_entry *e), void *data)
{
	return s->ops->list(s, dir, fn, data);
}

static inline int source_read(struct source *s, int thread, const char *path, size_t max,
			      struct strbuf *sb)
{
	return s->ops->read(s, thread, path, max, sb);
}

static inline int source_has(struct source *s, const char *path)
{
	return s->ops->has(s, path);
}

static inline uint64_t source_stamp(struct source *s, const char *path)
{
	return s->ops->stamp(s, path);
}

/* source_free(NULL) does nothing. */
void source_free(struct source *s);

/* The records folder of the current directory. 0, or -1 with error_last(). */
int source_open_folder(struct source **out);

#endif
