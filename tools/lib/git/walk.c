/*
 * The history walk: records' changes from git in one pass. The first-parent chain is
 * walked from the newest commit; each commit's record folders are
 * compared with its parent's by merging their sorted entries, reading
 * only folders whose tree ids differ. Each folder tree is read once: the
 * parent's trees become the next commit's. A commit that both adds and
 * removes records is compared again by libgit2 with rename detection
 * (GIT_DIFF_FIND_RENAMES, not the diff.renames setting), so a renamed
 * file keeps its history.
 *
 * Walking backwards, a path names a record until that record's creation
 * is seen; a rename makes the old path name the same record from then on.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "git/history_int.h"
#include "git/repo.h"
#include "records/kinds.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/threads.h"
#include "util/banned.h"

static void add_change(struct changes *cs, char status, const char *dir, const char *name,
		       const git_oid *old, const git_oid *new)
{
	struct change *c;

	if (cs->n == cs->alloc) {
		cs->alloc = cs->alloc ? 2 * cs->alloc : 16;
		cs->v = xrealloc(cs->v, cs->alloc * sizeof(*cs->v));
	}
	c = &cs->v[cs->n++];
	memset(c, 0, sizeof(*c));
	c->status = status;
	c->path = xstrfmt("records/%s/%s", dir, name);
	if (old)
		memcpy(c->old_oid, old->id, 20);
	if (new)
		memcpy(c->new_oid, new->id, 20);
	cs->adds += status == 'A';
	cs->dels += status == 'D';
}

static void clear_changes(struct changes *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		free(cs->v[i].path);
		free(cs->v[i].old_path);
	}
	cs->n = 0;
	cs->adds = cs->dels = 0;
}

static int is_record(const git_tree_entry *e)
{
	return git_tree_entry_type(e) == GIT_OBJECT_BLOB;
}

/* Both trees' entries are sorted by name: one merge finds what differs. */
static void compare_folder(struct changes *cs, const char *dir, const git_tree *old, const git_tree *new)
{
	size_t i = 0, j = 0, n = old ? git_tree_entrycount(old) : 0, m = new ? git_tree_entrycount(new) : 0;

	while (i < n || j < m) {
		const git_tree_entry *a = i < n ? git_tree_entry_byindex(old, i) : NULL;
		const git_tree_entry *b = j < m ? git_tree_entry_byindex(new, j) : NULL;
		int c = !a ? 1 : !b ? -1 : strcmp(git_tree_entry_name(a), git_tree_entry_name(b));
		if (c < 0) {
			if (is_record(a))
				add_change(cs, 'D', dir, git_tree_entry_name(a), git_tree_entry_id(a), NULL);
			i++;
		} else if (c > 0) {
			if (is_record(b))
				add_change(cs, 'A', dir, git_tree_entry_name(b), NULL, git_tree_entry_id(b));
			j++;
		} else {
			if (is_record(a) && is_record(b) && !git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)))
				add_change(cs, 'M', dir, git_tree_entry_name(a), git_tree_entry_id(a),
					   git_tree_entry_id(b));
			else if (is_record(a) && !is_record(b))
				add_change(cs, 'D', dir, git_tree_entry_name(a), git_tree_entry_id(a), NULL);
			else if (!is_record(a) && is_record(b))
				add_change(cs, 'A', dir, git_tree_entry_name(b), NULL, git_tree_entry_id(b));
			i++;
			j++;
		}
	}
}

/* The record folders of one commit, read once and handed on. */
struct folders {
	git_oid id[KIND_NR];
	int present[KIND_NR];
	git_tree *tree[KIND_NR];	/* loaded on demand */
};

static void folders_release(struct folders *f)
{
	int k;

	for (k = 0; k < KIND_NR; k++) {
		git_tree_free(f->tree[k]);
		f->tree[k] = NULL;
	}
}

static int folders_of(const char *prefix, const git_commit *c, struct folders *f)
{
	git_tree *root = NULL;
	int k;

	memset(f, 0, sizeof(*f));
	if (git_commit_tree(&root, c) < 0)
		return -1;
	for (k = 0; k < KIND_NR; k++) {
		char *path = xstrfmt("%srecords/%s", prefix, kind_dirs[k]);
		git_tree_entry *e = NULL;
		if (!git_tree_entry_bypath(&e, root, path) && git_tree_entry_type(e) == GIT_OBJECT_TREE) {
			git_oid_cpy(&f->id[k], git_tree_entry_id(e));
			f->present[k] = 1;
		}
		git_tree_entry_free(e);
		free(path);
	}
	git_tree_free(root);
	return 0;
}

static git_tree *folder_tree(git_repository *repo, struct folders *f, int k)
{
	if (f->present[k] && !f->tree[k])
		git_tree_lookup(&f->tree[k], repo, &f->id[k]);
	return f->tree[k];
}

/*
 * A commit that adds and removes records may have renamed one: libgit2's
 * rename detection (as git's, 50% similar) pairs them.
 */
static void find_renames(git_repository *repo, const char *prefix, const git_commit *c,
			 const git_commit *parent, struct changes *cs)
{
	git_tree *a = NULL, *b = NULL;
	git_diff *diff = NULL;
	git_diff_options opts;
	git_diff_find_options fo;
	char *spec = xstrfmt("%srecords/", prefix);
	char *specs[1] = { spec };
	size_t i, n, k, plen = strlen(prefix);

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
	opts.pathspec.strings = specs;
	opts.pathspec.count = 1;
	fo.flags = GIT_DIFF_FIND_RENAMES;
	if (git_commit_tree(&b, c) < 0 || (parent && git_commit_tree(&a, parent) < 0) ||
	    git_diff_tree_to_tree(&diff, repo, a, b, &opts) < 0 || git_diff_find_similar(diff, &fo) < 0)
		goto out;
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const char *from = d->old_file.path + plen, *to = d->new_file.path + plen;
		struct change *add = NULL, *del = NULL;
		if (d->status != GIT_DELTA_RENAMED)
			continue;
		for (k = 0; k < cs->n; k++) {
			if (cs->v[k].status == 'A' && !strcmp(cs->v[k].path, to))
				add = &cs->v[k];
			if (cs->v[k].status == 'D' && !strcmp(cs->v[k].path, from))
				del = &cs->v[k];
		}
		if (!add || !del)
			continue;
		/* The addition becomes the rename; the deletion goes. */
		add->status = 'R';
		add->old_path = xstrdup(del->path);
		memcpy(add->old_oid, del->old_oid, 20);
		del->status = 0;
	}
out:
	git_diff_free(diff);
	git_tree_free(a);
	git_tree_free(b);
	free(spec);
}

/* One commit of the chain: what the walk learns of it. */
struct step {
	git_oid id;
	int has_parent;		/* and the parent is here */
	struct changes cs;
	git_signature *author;
	char *subject;
};

struct chain {
	struct step *v;
	size_t n;
	const char *path, *prefix;	/* the repository, for each thread's handle */
	atomic_int failed;
};

struct part {
	struct chain *ch;
	size_t from, to;	/* steps [from, to) */
	git_repository *repo;	/* the caller's, or NULL to open one */
};

/*
 * Compares steps [from, to) with their parents on a repository handle of
 * its own: libgit2 objects are not shared between threads. The trees of
 * one step's parent are the next step's own.
 */
static void compare_part(struct part *pt)
{
	struct chain *ch = pt->ch;
	git_repository *repo = pt->repo;
	git_commit *c = NULL, *parent = NULL;
	struct folders cur, par;
	size_t i;
	int k;

	memset(&cur, 0, sizeof(cur));
	if (pt->from >= pt->to)
		return;
	/* Opened as the first handle was, honouring GIT_DIR and the like. */
	if ((!repo && git_repository_open_ext(&repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL) < 0) ||
	    git_commit_lookup(&c, repo, &ch->v[pt->from].id) < 0 ||
	    folders_of(ch->prefix, c, &cur) < 0)
		goto fail;
	for (i = pt->from; i < pt->to; i++) {
		struct step *st = &ch->v[i];
		memset(&par, 0, sizeof(par));
		parent = NULL;
		if (st->has_parent && (git_commit_parent(&parent, c, 0) < 0 ||
				       folders_of(ch->prefix, parent, &par) < 0))
			goto fail;
		git_signature_dup(&st->author, git_commit_author(c));
		st->subject = xstrdup(git_commit_summary(c) ? git_commit_summary(c) : "");
		for (k = 0; k < KIND_NR; k++) {
			if (cur.present[k] == par.present[k] &&
			    (!cur.present[k] || git_oid_equal(&cur.id[k], &par.id[k])))
				continue;
			compare_folder(&st->cs, kind_dirs[k], folder_tree(repo, &par, k), folder_tree(repo, &cur, k));
		}
		if (st->cs.adds && st->cs.dels)
			find_renames(repo, ch->prefix, c, parent, &st->cs);
		folders_release(&cur);
		cur = par;
		git_commit_free(c);
		c = parent;
		parent = NULL;
	}
	goto out;
fail:
	ch->failed = 1;
	git_commit_free(parent);
out:
	folders_release(&cur);
	git_commit_free(c);
	if (repo != pt->repo)
		git_repository_free(repo);
}

static size_t add_step(struct history *h, const struct step *st)
{
	return add_commit_of(h, &st->id, st->author, st->subject);
}

/* The first-parent chain from start, down to stop (not included) or the root. */
static int list_chain(struct history *h, const git_oid *start, const git_oid *stop, struct chain *ch,
		      int *reached)
{
	git_commit *c = NULL, *p;
	size_t alloc = 0;

	*reached = 0;
	if (git_commit_lookup(&c, h->repo, start) < 0)
		return -1;
	for (;;) {
		struct step *st;
		if (stop && git_oid_equal(git_commit_id(c), stop)) {
			*reached = 1;
			break;
		}
		if (ch->n == alloc) {
			alloc = alloc ? 2 * alloc : 1024;
			ch->v = xrealloc(ch->v, alloc * sizeof(*ch->v));
		}
		st = &ch->v[ch->n++];
		memset(st, 0, sizeof(*st));
		git_oid_cpy(&st->id, git_commit_id(c));
		if (!git_commit_parentcount(c))
			break;
		if (git_commit_parent(&p, c, 0) < 0) {
			/* A shallow clone: the parent is not here. */
			h->truncated = xstrdup(git_oid_tostr_s(git_commit_id(c)));
			ch->n--;
			break;
		}
		st->has_parent = 1;
		git_commit_free(c);
		c = p;
	}
	git_commit_free(c);
	return 0;
}

/*
 * Walks from start until stop (not included) or the root: the commits
 * are compared with their parents on two threads, one half of the chain
 * each, then their changes become records' events in order, newest
 * first. Returns 1 when stop was reached, 0 otherwise, -1 on error.
 */
static void compare_thread(void *data, int thread)
{
	struct part *parts = data;

	compare_part(&parts[thread]);
}

int history_walk(struct history *h, const git_oid *start, const git_oid *stop)
{
	struct chain ch = { NULL, 0, git_repository_path(h->repo), h->prefix, 0 };
	struct part parts[2];
	int reached;
	size_t i, mid;

	if (list_chain(h, start, stop, &ch, &reached) < 0) {
		error_set(_("care: cannot read the history: %s\n"), gitrepo_error());
		free(ch.v);
		return -1;
	}
	/* Few commits (a day's work) are not worth a second thread. */
	mid = ch.n > 64 ? ch.n / 2 : ch.n;
	parts[0] = (struct part){ &ch, 0, mid, h->repo };
	parts[1] = (struct part){ &ch, mid, ch.n, NULL };
	if (threads_run(mid < ch.n && threads_for(2, 1, 2) > 1 ? 2 : 1, compare_thread, parts) < 2)
		compare_part(&parts[1]);
	if (ch.failed)
		error_set(_("care: cannot read the history: %s\n"), gitrepo_error());
	for (i = 0; i < ch.n; i++) {
		struct step *st = &ch.v[i];
		if (!ch.failed) {
			size_t idx = add_step(h, st);
			h->walked++;
			record_changes(h, idx, &st->cs);
		}
		clear_changes(&st->cs);
		free(st->cs.v);
		git_signature_free(st->author);
		free(st->subject);
	}
	free(ch.v);
	return ch.failed ? -1 : reached;
}
