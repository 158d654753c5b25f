/*
 * Reading records from git with libgit2: the index a commit is being made
 * of, compared with HEAD. Git hands a hook the index to check through
 * GIT_INDEX_FILE ("git commit -a" checks index.lock, "git commit PATH" a
 * next-index-*.lock), so that variable decides what is read, never the
 * working tree. Nothing here writes to the repository.
 */
#include "git/repo.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "git/libgit2.h"
#include "git/repo_int.h"
#include "util/calendar.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/banned.h"

struct gitrepo {
	git_repository *repo;
	git_index *index;
	git_tree *head;		/* NULL before the first commit */
	char *prefix;		/* records top inside the work tree: "" or "dir/" */
	struct strbuf path;	/* scratch: prefix + a path */
	/* HEAD's record folders, read once each, for gitrepo_in_head(). */
	struct {
		char *dir;
		git_tree *tree;
	} trees[8];
	size_t ntrees;
	int lent;		/* repo is in use by a reader */
	pthread_mutex_t lock;	/* gitrepo_find() from reading threads */
	char commit_id[41], commit_day[11];	/* gitrepo_open_rev() */
};

struct blob_reader {
	git_repository *repo;
	git_odb *odb;
	int borrowed;
};

const char *gitrepo_error(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : _("unknown error");
}

static const char *full_path(struct gitrepo *g, const char *path)
{
	strbuf_reset(&g->path);
	strbuf_addstr(&g->path, g->prefix);
	strbuf_addstr(&g->path, path);
	return g->path.buf;
}

/*
 * libgit2 1.5 cannot read an index that git split into two files or made
 * sparse; the teacher gets the command that turns the feature off.
 */
static int explain_index_error(void)
{
	const char *msg = gitrepo_error();

	if (strstr(msg, "link") || strstr(msg, "sdir") || strstr(msg, "extension"))
		return error_set(_("care: this repository's index uses a git feature care cannot read (%s).\n"
				  "care: turn it off with:\n"
				  "    git update-index --no-split-index && git config core.splitIndex false\n"
				  "    git sparse-checkout disable && git config index.sparse false\n"
				  "care: then commit again; nothing was committed.\n"),
			msg);
	return error_set(_("care: cannot read git's index: %s\n"), msg);
}

/* Where the records top lies inside the work tree: "" or "sub/dir/". */
char *records_prefix_in(const char *workdir)
{
	char *wd = workdir ? realpath(workdir, NULL) : NULL;
	char *cwd = realpath(".", NULL);
	char *prefix = NULL;
	size_t n;

	if (!wd || !cwd)
		goto out;
	n = strlen(wd);
	if (!strcmp(wd, "/"))
		n = 0;
	if (strncmp(cwd, wd, n) || (cwd[n] && cwd[n] != '/'))
		goto out;
	prefix = cwd[n] ? xstrfmt("%s/", cwd + n + 1) : xstrdup("");
out:
	free(wd);
	free(cwd);
	return prefix;
}

char *gitrepo_records_prefix(git_repository *repo)
{
	if (git_repository_is_bare(repo))
		return xstrdup("");
	return records_prefix_in(git_repository_workdir(repo));
}

static int open_index(struct gitrepo *g)
{
	const char *index_file = getenv("GIT_INDEX_FILE");
	git_object *tree = NULL;
	int rc;

	/*
	 * Loose objects are hashed again on every read unless told otherwise;
	 * a hook reads only what git itself has just written.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (git_repository_open_ext(&g->repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL) < 0) {
		error_set(_("care: not in a git repository (%s); --staged checks what git is about to commit\n"),
			gitrepo_error());
		return -1;
	}
	if (git_repository_is_bare(g->repo) ||
	    !(g->prefix = records_prefix_in(git_repository_workdir(g->repo)))) {
		return error_set("%s", _("care: the records folder is not inside this git repository's work tree\n"));
	}
	/* Git may hand over a path relative to where the hook was started. */
	if (index_file && *index_file)
		rc = git_index_open(&g->index, index_file);
	else
		rc = git_repository_index(&g->index, g->repo);
	if (rc < 0)
		return explain_index_error();
	rc = git_revparse_single(&tree, g->repo, "HEAD^{tree}");
	if (rc == 0)
		g->head = (git_tree *)tree;
	else if (rc != GIT_ENOTFOUND && rc != GIT_EUNBORNBRANCH)
		return error_set(_("care: cannot read the last commit (HEAD): %s\n"), gitrepo_error());
	return 0;
}

static struct gitrepo *gitrepo_new(void)
{
	struct gitrepo *g = xcalloc(1, sizeof(*g));

	git_libgit2_init();
	strbuf_init(&g->path, 0);
	pthread_mutex_init(&g->lock, NULL);
	return g;
}

int gitrepo_open_index(struct gitrepo **out)
{
	struct gitrepo *g = gitrepo_new();

	*out = NULL;
	if (open_index(g) < 0) {
		gitrepo_free(g);
		return -1;
	}
	*out = g;
	return 0;
}

static int is_date(const char *s)
{
	return strlen(s) == 10 && s[4] == '-' && s[7] == '-' && strspn(s, "0123456789-") == 10;
}

/*
 * The committer's day, in the committer's zone: when the commit entered
 * the repository, which is what "the records as of a day" means. (A
 * record's timeline shows the author's day instead, in history.c.)
 */
static void committer_day(const git_commit *c, char out[11])
{
	const git_signature *who = git_commit_committer(c);

	if (cal_day_of_time((int64_t)who->when.time, who->when.offset, out) < 0)
		memcpy(out, "0000-00-00", 11);
}

/* The last commit on the first-parent line made on or before day. */
static int commit_on(git_repository *repo, const char *day, git_commit **out)
{
	git_object *head = NULL;
	git_commit *c = NULL, *p;
	char d[11];

	if (git_revparse_single(&head, repo, "HEAD") < 0 ||
	    git_object_peel((git_object **)&c, head, GIT_OBJECT_COMMIT) < 0) {
		git_object_free(head);
		return -1;
	}
	git_object_free(head);
	for (;;) {
		committer_day(c, d);
		if (strcmp(d, day) <= 0) {
			*out = c;
			return 0;
		}
		if (!git_commit_parentcount(c) || git_commit_parent(&p, c, 0) < 0)
			break;
		git_commit_free(c);
		c = p;
	}
	git_commit_free(c);
	return -1;
}

int gitrepo_open_rev(struct gitrepo **out, const char *rev)
{
	struct gitrepo *g = gitrepo_new();
	git_object *obj = NULL;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	int ret = -1;

	*out = NULL;
	/* A bare repository too: the server-side gate reads commits there. */
	if (git_repository_open_ext(&g->repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL) < 0 ||
	    !(g->prefix = gitrepo_records_prefix(g->repo))) {
		error_set("%s", _("care: the records are not in a git repository, so there is no history; commit them with git first\n"));
		goto out;
	}
	/* Shaped like a date but not one (2026-13-01): never a commit by that name. */
	if (is_date(rev) && !cal_valid(rev)) {
		error_set(_("care: %s is not a date; write a real day as YYYY-MM-DD, such as 2026-05-01, or give a commit\n"), rev);
		goto out;
	}
	if (is_date(rev) ? commit_on(g->repo, rev, &c) < 0 :
			   (git_revparse_single(&obj, g->repo, rev) < 0 ||
			    git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT) < 0)) {
		if (is_date(rev))
			error_set(_("care: no commit was made on or before %s\n"), rev);
		else
			error_set(_("care: '%s' is not a commit here: %s\n"), rev, gitrepo_error());
		goto out;
	}
	git_oid_tostr(g->commit_id, sizeof(g->commit_id), git_commit_id(c));
	committer_day(c, g->commit_day);
	/* An index in memory holding that commit's files: what --staged reads. */
	if (git_commit_tree(&tree, c) < 0 || git_index_new(&g->index) < 0 ||
	    git_index_read_tree(g->index, tree) < 0) {
		error_set(_("care: cannot read the last commit (HEAD): %s\n"), gitrepo_error());
		goto out;
	}
	ret = 0;
	*out = g;
	g = NULL;
out:
	git_tree_free(tree);
	git_commit_free(c);
	git_object_free(obj);
	gitrepo_free(g);
	return ret;
}

const char *gitrepo_commit_id(const struct gitrepo *g)
{
	return g->commit_id;
}

const char *gitrepo_commit_day(const struct gitrepo *g)
{
	return g->commit_day;
}

void gitrepo_free(struct gitrepo *g)
{
	if (!g)
		return;
	while (g->ntrees--) {
		git_tree_free(g->trees[g->ntrees].tree);
		free(g->trees[g->ntrees].dir);
	}
	git_tree_free(g->head);
	git_index_free(g->index);
	git_repository_free(g->repo);
	free(g->prefix);
	strbuf_release(&g->path);
	pthread_mutex_destroy(&g->lock);
	free(g);
	git_libgit2_shutdown();
}

int gitrepo_each(struct gitrepo *g, const char *dir,
		 int (*fn)(void *data, const struct index_item *it), void *data)
{
	char *want = xstrdup(full_path(g, dir));
	size_t n = strlen(want), plen = strlen(g->prefix), pos, count;
	int ret = 0;

	if (git_index_find_prefix(&pos, g->index, want) < 0) {
		free(want);
		return 0;
	}
	count = git_index_entrycount(g->index);
	for (; pos < count; pos++) {
		const git_index_entry *e = git_index_get_byindex(g->index, pos);
		struct index_item it;
		if (strncmp(e->path, want, n))
			break;
		it.path = e->path + plen;
		it.mode = GIT_INDEX_ENTRY_STAGE(e) ? 0 : e->mode;
		it.oid = e->id.id;
		if ((ret = fn(data, &it)))
			break;
	}
	free(want);
	return ret;
}

int gitrepo_find(struct gitrepo *g, const char *path, unsigned *mode,
		 unsigned char oid[OID_LEN])
{
	const git_index_entry *e;
	struct strbuf full = STRBUF_INIT;

	/* Reading threads call this at once: no shared scratch, one lock. */
	strbuf_addstr(&full, g->prefix);
	strbuf_addstr(&full, path);
	pthread_mutex_lock(&g->lock);
	e = git_index_get_bypath(g->index, full.buf, 0);
	if (e) {
		*mode = e->mode;
		memcpy(oid, e->id.id, OID_LEN);
	}
	pthread_mutex_unlock(&g->lock);
	strbuf_release(&full);
	return e != NULL;
}

/* The tree of folder dir in HEAD, kept for the next file in it. */
static git_tree *head_dir(struct gitrepo *g, const char *dir, size_t len)
{
	git_tree_entry *e = NULL;
	git_tree *t = NULL;
	size_t i;

	for (i = 0; i < g->ntrees; i++)
		if (strlen(g->trees[i].dir) == len && !memcmp(g->trees[i].dir, dir, len))
			return g->trees[i].tree;
	strbuf_reset(&g->path);
	strbuf_addstr(&g->path, g->prefix);
	strbuf_add(&g->path, dir, len);
	if (!g->path.len)
		git_object_dup((git_object **)&t, (git_object *)g->head);
	else if (!git_tree_entry_bypath(&e, g->head, g->path.buf) &&
		 git_tree_entry_type(e) == GIT_OBJECT_TREE)
		git_tree_lookup(&t, g->repo, git_tree_entry_id(e));
	git_tree_entry_free(e);
	/* Records sit in a handful of folders; past that, stop keeping them. */
	if (g->ntrees == sizeof(g->trees) / sizeof(*g->trees)) {
		git_tree_free(g->trees[--g->ntrees].tree);
		free(g->trees[g->ntrees].dir);
	}
	g->trees[g->ntrees].dir = xstrndup(dir, len);
	g->trees[g->ntrees++].tree = t;
	return t;
}

int gitrepo_in_head(struct gitrepo *g, const char *path, unsigned *mode,
		    unsigned char oid[OID_LEN])
{
	const char *slash = strrchr(path, '/');
	const git_tree_entry *e;
	git_tree *t;

	if (!g->head)
		return 0;
	t = head_dir(g, path, slash ? (size_t)(slash - path) : 0);
	if (!t || !(e = git_tree_entry_byname(t, slash ? slash + 1 : path)))
		return 0;
	*mode = (unsigned)git_tree_entry_filemode(e);
	memcpy(oid, git_tree_entry_id(e)->id, OID_LEN);
	return 1;
}

int gitrepo_each_deleted(struct gitrepo *g, const char *dir,
			 int (*fn)(void *data, const char *path), void *data)
{
	size_t n = strlen(dir), i, count;
	git_tree *t;
	int ret = 0;

	if (!g->head || !n || dir[n - 1] != '/')
		return 0;
	t = head_dir(g, dir, n - 1);
	if (!t)
		return 0;
	git_object_dup((git_object **)&t, (git_object *)t);
	count = git_tree_entrycount(t);
	for (i = 0; i < count && !ret; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(t, i);
		char *path = xstrfmt("%s%s", dir, git_tree_entry_name(e));
		unsigned mode;
		unsigned char oid[OID_LEN];
		if (git_tree_entry_type(e) == GIT_OBJECT_BLOB && !gitrepo_find(g, path, &mode, oid))
			ret = fn(data, path);
		free(path);
	}
	git_tree_free(t);
	return ret;
}

struct blob_reader *gitrepo_reader(struct gitrepo *g)
{
	struct blob_reader *rd = xcalloc(1, sizeof(*rd));

	/* The first reader borrows the handle of the thread that opened it. */
	if (!g->lent) {
		rd->repo = g->repo;
		rd->borrowed = 1;
		g->lent = 1;
	/*
	 * The others open it again from the environment, as the first was: a
	 * pre-receive hook sees the objects being pushed only through
	 * GIT_OBJECT_DIRECTORY and GIT_ALTERNATE_OBJECT_DIRECTORIES.
	 */
	} else if (git_repository_open_ext(&rd->repo, git_repository_path(g->repo),
					   GIT_REPOSITORY_OPEN_FROM_ENV, NULL) < 0) {
		free(rd);
		return NULL;
	}
	if (git_repository_odb(&rd->odb, rd->repo) < 0) {
		blob_reader_free(rd);
		return NULL;
	}
	return rd;
}

void blob_reader_free(struct blob_reader *rd)
{
	if (!rd)
		return;
	git_odb_free(rd->odb);
	if (!rd->borrowed)
		git_repository_free(rd->repo);
	free(rd);
}

int blob_read(struct blob_reader *rd, const unsigned char oid[OID_LEN], size_t max,
		    struct strbuf *sb)
{
	git_oid id;
	git_odb_object *obj = NULL;
	git_object_t type;
	size_t size;

	memcpy(id.id, oid, OID_LEN);
	if (git_odb_read_header(&size, &type, rd->odb, &id) < 0) {
		errno = EIO;
		return -1;
	}
	if (size > max) {
		errno = EFBIG;
		return -1;
	}
	if (git_odb_read(&obj, rd->odb, &id) < 0) {
		errno = EIO;
		return -1;
	}
	strbuf_reset(sb);
	strbuf_add(sb, git_odb_object_data(obj), git_odb_object_size(obj));
	git_odb_object_free(obj);
	return 0;
}
