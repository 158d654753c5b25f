/*
 * Record sources read from git: the index a commit is being made of and
 * the tree of a past commit (held as an index in memory, so both are read
 * the same way). Each thread reads blobs through its own handle, made the
 * first time that thread reads: libgit2 objects are not shared between
 * threads.
 */
#include "git/source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "git/repo.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/strbuf.h"
#include "util/threads.h"
#include "util/banned.h"

struct gsource {
	struct source base;
	struct gitrepo *g;
	struct blob_reader *readers[CARE_MAX_THREADS];
};

struct lister {
	struct gsource *gs;
	size_t skip;		/* strlen("records/children/") */
	char *last_sub;		/* the subfolder reported last */
	int (*fn)(void *data, const struct source_entry *e);
	void *data;
};

static int differs_from_head(struct gitrepo *g, const char *path, unsigned mode,
			     const unsigned char *oid)
{
	unsigned hmode;
	unsigned char hoid[OID_LEN];

	return !gitrepo_in_head(g, path, &hmode, hoid) || hmode != mode ||
	       memcmp(hoid, oid, OID_LEN);
}

static int on_item(void *data, const struct index_item *it)
{
	struct lister *l = data;
	const char *name = it->path + l->skip, *slash = strchr(name, '/');
	struct source_entry e;
	char *sub = NULL;
	int ret;

	if (!it->mode)		/* an unresolved conflict: git refuses the commit */
		return 0;
	e.name = name;
	e.changed = !l->gs->base.incremental || differs_from_head(l->gs->g, it->path, it->mode, it->oid);
	if (slash) {
		/* A subfolder's files come together (the index is sorted): one entry. */
		if (!e.changed || (l->last_sub && !strncmp(l->last_sub, name, (size_t)(slash - name)) &&
				   !l->last_sub[slash - name]))
			return 0;
		free(l->last_sub);
		l->last_sub = sub = xstrndup(name, (size_t)(slash - name));
		e.name = sub;
		e.type = ENTRY_DIR;
	} else {
		e.type = it->mode == 0120000 ? ENTRY_LINK : it->mode == 0160000 ? ENTRY_SUBMODULE : ENTRY_FILE;
	}
	ret = l->fn(l->data, &e);
	return ret;
}

static int gs_list(struct source *s, const char *dir,
		   int (*fn)(void *data, const struct source_entry *e), void *data)
{
	struct gsource *gs = (struct gsource *)s;
	char *prefix = xstrfmt("%s/", dir);
	struct lister l = { gs, strlen(prefix), NULL, fn, data };

	gitrepo_each(gs->g, prefix, on_item, &l);
	free(l.last_sub);
	free(prefix);
	return 0;
}

static int gs_read(struct source *s, int thread, const char *path, size_t max, struct strbuf *sb)
{
	struct gsource *gs = (struct gsource *)s;
	unsigned char oid[OID_LEN];
	unsigned mode;

	if (thread < 0 || thread >= CARE_MAX_THREADS) {
		errno = EINVAL;
		return error_set("bad thread number %d", thread);
	}
	if (!gitrepo_find(gs->g, path, &mode, oid)) {
		errno = ENOENT;
		return -1;
	}
	if (!gs->readers[thread] && !(gs->readers[thread] = gitrepo_reader(gs->g))) {
		error_set("%s", gitrepo_error());
		errno = EIO;
		return -1;
	}
	if (blob_read(gs->readers[thread], oid, max, sb) < 0) {
		int saved = errno;
		error_set("%s", gitrepo_error());
		errno = saved;
		return -1;
	}
	return 0;
}

static int gs_has(struct source *s, const char *path)
{
	unsigned char oid[OID_LEN];
	unsigned mode;

	return gitrepo_find(((struct gsource *)s)->g, path, &mode, oid);
}

static int gs_changed(struct source *s, const char *path)
{
	struct gsource *gs = (struct gsource *)s;
	unsigned char oid[OID_LEN];
	unsigned mode;

	return gitrepo_find(gs->g, path, &mode, oid) &&
	       (!s->incremental || differs_from_head(gs->g, path, mode, oid));
}

static uint64_t gs_stamp(struct source *s, const char *path)
{
	unsigned char oid[OID_LEN];
	unsigned mode;

	if (!gitrepo_find(((struct gsource *)s)->g, path, &mode, oid))
		return 0;
	return hash_bytes(HASH_SEED, oid, OID_LEN);
}

static int gs_each_deleted(struct source *s, const char *dir,
			   int (*fn)(void *data, const char *path), void *data)
{
	char *prefix = xstrfmt("%s/", dir);
	int ret = gitrepo_each_deleted(((struct gsource *)s)->g, prefix, fn, data);

	free(prefix);
	return ret;
}

static int gs_read_head(struct source *s, const char *path, size_t max, struct strbuf *sb)
{
	struct gsource *gs = (struct gsource *)s;
	unsigned char oid[OID_LEN];
	unsigned mode;

	if (!gitrepo_in_head(gs->g, path, &mode, oid)) {
		errno = ENOENT;
		return -1;
	}
	if (mode == 0120000 || (mode & 0170000) != 0100000) {
		errno = mode == 0120000 ? ELOOP : ENOENT;
		return -1;
	}
	if (blob_read(gs->readers[0], oid, max, sb) < 0) {
		int saved = errno;
		error_set("%s", gitrepo_error());
		errno = saved;
		return -1;
	}
	return 0;
}

struct outside {
	struct gsource *gs;
	int (*fn)(void *data, const char *path);
	void *data;
};

static int on_outside(void *data, const struct index_item *it)
{
	struct outside *o = data;

	/* records/ has its own listing; a conflict is git's to refuse. */
	if (!it->mode || !strncmp(it->path, "records/", 8) ||
	    !differs_from_head(o->gs->g, it->path, it->mode, it->oid))
		return 0;
	return o->fn(o->data, it->path);
}

static int gs_each_outside(struct source *s, int (*fn)(void *data, const char *path), void *data)
{
	struct outside o = { (struct gsource *)s, fn, data };

	return gitrepo_each(o.gs->g, "", on_outside, &o);
}

static void gs_free(struct source *s)
{
	struct gsource *gs = (struct gsource *)s;
	int i;

	for (i = 0; i < CARE_MAX_THREADS; i++)
		blob_reader_free(gs->readers[i]);
	gitrepo_free(gs->g);
	free(gs);
}

static const struct source_ops git_ops = {
	gs_list, gs_read, gs_has, gs_changed, gs_stamp, gs_each_deleted, gs_free,
};

static const struct source_commit_ops index_ops = { gs_read_head, gs_each_outside };

int source_open(struct source **out, enum source_kind kind, const char *rev)
{
	struct gitrepo *g = NULL;
	struct gsource *gs;

	*out = NULL;
	if (kind == SOURCE_FOLDER)
		return source_open_folder(out);
	if ((kind == SOURCE_INDEX ? gitrepo_open_index(&g) : gitrepo_open_rev(&g, rev)) < 0)
		return -1;
	gs = xcalloc(1, sizeof(*gs));
	gs->base.ops = &git_ops;
	gs->base.kind = kind;
	gs->base.incremental = kind == SOURCE_INDEX;
	if (kind == SOURCE_INDEX)
		gs->base.commit_ops = &index_ops;
	gs->g = g;
	/* Thread 0's handle first: it borrows the repository opened above. */
	gs->readers[0] = gitrepo_reader(g);
	if (kind == SOURCE_REVISION) {
		snprintf(gs->base.commit, sizeof(gs->base.commit), "%s", gitrepo_commit_id(g));
		snprintf(gs->base.commit_day, sizeof(gs->base.commit_day), "%s", gitrepo_commit_day(g));
	}
	*out = &gs->base;
	return 0;
}
