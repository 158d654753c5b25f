/*
 * Records' histories from git in one pass. The first-parent chain is
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
#include "git/history.h"

#include <git2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "git/repo.h"
#include "util/i18n.h"
#include "util/banned.h"

#define NKINDS 3
static const char *const kinds[NKINDS] = { "children", "pairings", "activities" };
static const unsigned char zero_oid[20];

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

/* --- the path map ---------------------------------------------------------- */

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct slot *slot_of(struct history *h, const char *path)
{
	size_t i = hash_str(path) & (h->mapsize - 1);

	while (h->map[i].path && strcmp(h->map[i].path, path))
		i = (i + 1) & (h->mapsize - 1);
	return &h->map[i];
}

static void map_grow(struct history *h)
{
	struct slot *old = h->map;
	size_t n = h->mapsize, i;

	h->mapsize = n ? n * 2 : 1024;
	h->map = xcalloc(h->mapsize, sizeof(*h->map));
	h->mapused = 0;
	for (i = 0; i < n; i++)
		if (old[i].path && old[i].rec != (size_t)-1) {
			*slot_of(h, old[i].path) = old[i];
			h->mapused++;
		} else {
			free(old[i].path);
		}
	free(old);
}

/* The record path names now, or -1. */
static size_t map_get(struct history *h, const char *path)
{
	struct slot *s;

	if (!h->mapsize)
		return (size_t)-1;
	s = slot_of(h, path);
	return s->path ? s->rec : (size_t)-1;
}

/* rec -1 forgets the path (the slot stays, as a tombstone). */
static void map_set(struct history *h, const char *path, size_t rec)
{
	struct slot *s;

	if ((h->mapused + 1) * 2 > h->mapsize)
		map_grow(h);
	s = slot_of(h, path);
	if (!s->path) {
		s->path = xstrdup(path);
		h->mapused++;
	}
	s->rec = rec;
}

/* --- records and events ---------------------------------------------------- */

static size_t new_record(struct history *h, const char *path, int deleted)
{
	struct hrecord *r;

	if (h->nrecs == h->arecs) {
		h->arecs = h->arecs ? 2 * h->arecs : 1024;
		h->recs = xrealloc(h->recs, h->arecs * sizeof(*h->recs));
	}
	r = &h->recs[h->nrecs];
	memset(r, 0, sizeof(*r));
	r->path = xstrdup(path);
	r->deleted = deleted;
	return h->nrecs++;
}

static struct hevent *add_event(struct history *h, size_t rec, size_t commit, enum hkind kind,
				const char *path)
{
	struct hrecord *r = &h->recs[rec];
	struct hevent *e;

	if (r->n == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 4;
		r->ev = xrealloc(r->ev, r->alloc * sizeof(*r->ev));
	}
	e = &r->ev[r->n++];
	memset(e, 0, sizeof(*e));
	e->commit = commit;
	e->kind = kind;
	e->path = xstrdup(path);
	return e;
}

static size_t add_commit_of(struct history *h, const git_oid *id, const git_signature *a,
			    const char *subject)
{
	struct hcommit *hc;
	char *p;

	if (h->ncommits == h->acommits) {
		h->acommits = h->acommits ? 2 * h->acommits : 1024;
		h->commits = xrealloc(h->commits, h->acommits * sizeof(*h->commits));
	}
	hc = &h->commits[h->ncommits];
	git_oid_tostr(hc->id, sizeof(hc->id), id);
	hc->time = a ? (long long)a->when.time : 0;
	hc->offset = a ? a->when.offset : 0;
	hc->author = xstrdup(a && a->name ? a->name : "");
	hc->subject = xstrdup(subject ? subject : "");
	/* The cache is a line per commit, fields split by tabs. */
	for (p = hc->author; *p; p++)
		if (*p == '\t' || *p == '\n')
			*p = ' ';
	for (p = hc->subject; *p; p++)
		if (*p == '\t' || *p == '\n')
			*p = ' ';
	return h->ncommits++;
}

/* --- comparing a commit with its parent ---------------------------------- */

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
	git_oid id[NKINDS];
	int present[NKINDS];
	git_tree *tree[NKINDS];	/* loaded on demand */
};

static void folders_release(struct folders *f)
{
	int k;

	for (k = 0; k < NKINDS; k++) {
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
	for (k = 0; k < NKINDS; k++) {
		char *path = xstrfmt("%srecords/%s", prefix, kinds[k]);
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

/* Walking backwards, this commit's changes become events of records. */
static void record_changes(struct history *h, size_t commit, struct changes *cs)
{
	size_t i, rec;

	for (i = 0; i < cs->n; i++) {
		struct change *c = &cs->v[i];
		struct hevent *e;
		if (!c->status)
			continue;
		rec = map_get(h, c->path);
		if (c->status == 'D') {
			/* Gone later: a record of its own, older than any new file here. */
			rec = new_record(h, c->path, 1);
			map_set(h, c->path, rec);
			e = add_event(h, rec, commit, H_DELETED, c->path);
		} else {
			if (rec == (size_t)-1)
				rec = new_record(h, c->path, 0);
			e = add_event(h, rec, commit,
				      c->status == 'A' ? H_CREATED : c->status == 'R' ? H_RENAMED : H_CHANGED,
				      c->path);
			if (c->status != 'M')
				map_set(h, c->path, (size_t)-1);
			if (c->status == 'R') {
				e->old_path = xstrdup(c->old_path);
				map_set(h, c->old_path, rec);
			} else if (c->status == 'M') {
				map_set(h, c->path, rec);
			}
		}
		memcpy(e->old_blob, c->old_oid, 20);
		memcpy(e->new_blob, c->new_oid, 20);
	}
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
static void *compare_part(void *arg)
{
	struct part *pt = arg;
	struct chain *ch = pt->ch;
	git_repository *repo = pt->repo;
	git_commit *c = NULL, *parent = NULL;
	struct folders cur, par;
	size_t i;
	int k;

	memset(&cur, 0, sizeof(cur));
	if (pt->from >= pt->to)
		return NULL;
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
		for (k = 0; k < NKINDS; k++) {
			if (cur.present[k] == par.present[k] &&
			    (!cur.present[k] || git_oid_equal(&cur.id[k], &par.id[k])))
				continue;
			compare_folder(&st->cs, kinds[k], folder_tree(repo, &par, k), folder_tree(repo, &cur, k));
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
	return NULL;
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
static int walk(struct history *h, const git_oid *start, const git_oid *stop)
{
	struct chain ch = { NULL, 0, git_repository_path(h->repo), h->prefix, 0 };
	struct part parts[2];
	pthread_t tid;
	int reached, threaded = 0;
	size_t i, mid;

	if (list_chain(h, start, stop, &ch, &reached) < 0) {
		fprintf(stderr, _("care: cannot read the history: %s\n"), gitrepo_error());
		free(ch.v);
		return -1;
	}
	/* Few commits (a day's work) are not worth a second thread. */
	mid = ch.n > 64 ? ch.n / 2 : ch.n;
	parts[0] = (struct part){ &ch, 0, mid, h->repo };
	parts[1] = (struct part){ &ch, mid, ch.n, NULL };
	if (mid < ch.n && !pthread_create(&tid, NULL, compare_part, &parts[1]))
		threaded = 1;
	compare_part(&parts[0]);
	if (threaded)
		pthread_join(tid, NULL);
	else
		compare_part(&parts[1]);
	if (ch.failed)
		fprintf(stderr, _("care: cannot read the history: %s\n"), gitrepo_error());
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

/* --- the cache --------------------------------------------------------------- */

static char *cache_path(const struct history *h)
{
	return xstrfmt("%scare/history", git_repository_commondir(h->repo));
}

static void put_oid(struct strbuf *sb, const unsigned char *oid)
{
	int i;

	if (!memcmp(oid, zero_oid, 20)) {
		strbuf_addch(sb, '-');
		return;
	}
	strbuf_grow(sb, 40);
	for (i = 0; i < 20; i++) {
		sb->buf[sb->len++] = "0123456789abcdef"[oid[i] >> 4];
		sb->buf[sb->len++] = "0123456789abcdef"[oid[i] & 15];
	}
	sb->buf[sb->len] = '\0';
}

/* Digits without printf: the cache has a number on every line. */
static void put_num(struct strbuf *sb, long long v)
{
	char buf[24];
	int n = 0;
	unsigned long long u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;

	do
		buf[n++] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		strbuf_addch(sb, '-');
	while (n)
		strbuf_addch(sb, buf[--n]);
}

/* Written beside and renamed over, so a reader never sees half of it. */
static void cache_write(const struct history *h, const char *tip)
{
	char *path = cache_path(h), *dir = xstrfmt("%scare", git_repository_commondir(h->repo));
	struct strbuf sb = STRBUF_INIT;
	size_t i, j;

	strbuf_addf(&sb, "care-history 1\ntip %s\nprefix %s\ntruncated %s\ncommits %zu\n", tip, h->prefix,
		    h->truncated ? h->truncated : "-", h->ncommits);
	for (i = 0; i < h->ncommits; i++) {
		const struct hcommit *c = &h->commits[i];
		strbuf_addstr(&sb, c->id);
		strbuf_addch(&sb, '\t');
		put_num(&sb, c->time);
		strbuf_addch(&sb, '\t');
		put_num(&sb, c->offset);
		strbuf_addch(&sb, '\t');
		strbuf_addstr(&sb, c->author);
		strbuf_addch(&sb, '\t');
		strbuf_addstr(&sb, c->subject);
		strbuf_addch(&sb, '\n');
	}
	strbuf_addf(&sb, "records %zu\n", h->nrecs);
	for (i = 0; i < h->nrecs; i++) {
		const struct hrecord *r = &h->recs[i];
		put_num(&sb, r->deleted);
		strbuf_addch(&sb, '\t');
		put_num(&sb, (long long)r->n);
		strbuf_addch(&sb, '\t');
		strbuf_addstr(&sb, r->path);
		strbuf_addch(&sb, '\n');
		for (j = 0; j < r->n; j++) {
			const struct hevent *e = &r->ev[j];
			put_num(&sb, (long long)e->commit);
			strbuf_addch(&sb, '\t');
			put_num(&sb, e->kind);
			strbuf_addch(&sb, '\t');
			put_oid(&sb, e->old_blob);
			strbuf_addch(&sb, '\t');
			put_oid(&sb, e->new_blob);
			strbuf_addch(&sb, '\t');
			strbuf_addstr(&sb, e->path);
			strbuf_addch(&sb, '\t');
			strbuf_addstr(&sb, e->old_path ? e->old_path : "-");
			strbuf_addch(&sb, '\n');
		}
	}
	mkdir(dir, 0755);
	/*
	 * No fsync: after a crash the cache may be empty or old, and either is
	 * only a reason to walk again.
	 */
	write_file_replace(path, sb.buf, sb.len, 0);
	strbuf_release(&sb);
	free(dir);
	free(path);
}

static int get_oid(const char *s, unsigned char *oid)
{
	git_oid id;

	if (!strcmp(s, "-")) {
		memset(oid, 0, 20);
		return 0;
	}
	if (strlen(s) != 40 || git_oid_fromstr(&id, s) < 0)
		return -1;
	memcpy(oid, id.id, 20);
	return 0;
}

/* Splits line at tabs into at most n fields; returns how many. */
static size_t fields(char *line, char **out, size_t n)
{
	size_t i = 0;

	out[i++] = line;
	while (i < n && (line = strchr(line, '\t'))) {
		*line++ = '\0';
		out[i++] = line;
	}
	return i;
}

/*
 * Reads a cache into h (empty), and its tip. Anything unexpected means the
 * cache is not used: it is only ever a way to save time.
 */
static int cache_read(struct history *h, git_oid *tip)
{
	char *path = cache_path(h), *line = NULL, *f[7];
	size_t cap = 0, n, i, j, nrecs, nev;
	char prefix[4096];
	FILE *fp = fopen(path, "r");
	int ok = 0;
	ssize_t len;

	free(path);
	if (!fp)
		return -1;
#define NEXT() ((len = getline(&line, &cap, fp)) > 0 ? (line[len - 1] == '\n' ? (line[--len] = '\0', 1) : 1) : 0)
	if (!NEXT() || strcmp(line, "care-history 1") || !NEXT() || strncmp(line, "tip ", 4) ||
	    git_oid_fromstr(tip, line + 4) < 0 || !NEXT() || strncmp(line, "prefix ", 7))
		goto out;
	snprintf(prefix, sizeof(prefix), "%s", line + 7);
	if (strcmp(prefix, h->prefix) || !NEXT() || strncmp(line, "truncated ", 10))
		goto out;
	if (strcmp(line + 10, "-"))
		h->truncated = xstrdup(line + 10);
	if (!NEXT() || sscanf(line, "commits %zu", &n) != 1 || n > 100000000)
		goto out;
	for (i = 0; i < n; i++) {
		struct hcommit *c;
		if (!NEXT() || fields(line, f, 5) != 5 || strlen(f[0]) != 40)
			goto out;
		if (h->ncommits == h->acommits) {
			h->acommits = h->acommits ? 2 * h->acommits : 1024;
			h->commits = xrealloc(h->commits, h->acommits * sizeof(*h->commits));
		}
		c = &h->commits[h->ncommits++];
		memcpy(c->id, f[0], 41);
		c->time = atoll(f[1]);
		c->offset = atoi(f[2]);
		c->author = xstrdup(f[3]);
		c->subject = xstrdup(f[4]);
	}
	if (!NEXT() || sscanf(line, "records %zu", &nrecs) != 1 || nrecs > 100000000)
		goto out;
	for (i = 0; i < nrecs; i++) {
		size_t rec;
		if (!NEXT() || fields(line, f, 3) != 3)
			goto out;
		nev = strtoul(f[1], NULL, 10);
		rec = new_record(h, f[2], atoi(f[0]));
		for (j = 0; j < nev; j++) {
			struct hevent *e;
			size_t commit;
			if (!NEXT() || fields(line, f, 6) != 6)
				goto out;
			commit = strtoul(f[0], NULL, 10);
			if (commit >= h->ncommits || atoi(f[1]) < H_CREATED || atoi(f[1]) > H_RENAMED)
				goto out;
			e = add_event(h, rec, commit, (enum hkind)atoi(f[1]), f[4]);
			if (get_oid(f[2], e->old_blob) < 0 || get_oid(f[3], e->new_blob) < 0)
				goto out;
			if (strcmp(f[5], "-"))
				e->old_path = xstrdup(f[5]);
		}
	}
	ok = !NEXT();
#undef NEXT
out:
	free(line);
	fclose(fp);
	return ok ? 0 : -1;
}

/* --- putting it together ------------------------------------------------------ */

static void release_records(struct history *h)
{
	size_t i, j;

	for (i = 0; i < h->nrecs; i++) {
		for (j = 0; j < h->recs[i].n; j++) {
			free(h->recs[i].ev[j].path);
			free(h->recs[i].ev[j].old_path);
		}
		free(h->recs[i].ev);
		free(h->recs[i].path);
	}
	free(h->recs);
	h->recs = NULL;
	h->nrecs = h->arecs = 0;
}

static void release_commits(struct history *h)
{
	size_t i;

	for (i = 0; i < h->ncommits; i++) {
		free(h->commits[i].author);
		free(h->commits[i].subject);
	}
	free(h->commits);
	h->commits = NULL;
	h->ncommits = h->acommits = 0;
}

/*
 * The new walk (in h) reached the cached tip: the cached records follow.
 * A cached record still known by a path at the tip continues the record
 * that path names now; the others are as they were.
 */
static void merge_cache(struct history *h, struct history *old)
{
	size_t base = h->ncommits, i, j;

	for (i = 0; i < old->ncommits; i++) {
		if (h->ncommits == h->acommits) {
			h->acommits = h->acommits ? 2 * h->acommits : 1024;
			h->commits = xrealloc(h->commits, h->acommits * sizeof(*h->commits));
		}
		h->commits[h->ncommits++] = old->commits[i];
	}
	old->ncommits = 0;
	for (i = 0; i < old->nrecs; i++) {
		struct hrecord *o = &old->recs[i];
		size_t rec = o->deleted ? (size_t)-1 : map_get(h, o->path);
		if (rec == (size_t)-1)
			rec = new_record(h, o->path, o->deleted);
		for (j = 0; j < o->n; j++) {
			struct hevent *e = add_event(h, rec, o->ev[j].commit + base, o->ev[j].kind, o->ev[j].path);
			memcpy(e->old_blob, o->ev[j].old_blob, 20);
			memcpy(e->new_blob, o->ev[j].new_blob, 20);
			e->old_path = o->ev[j].old_path;
			o->ev[j].old_path = NULL;
		}
	}
	if (!h->truncated && old->truncated) {
		h->truncated = old->truncated;
		old->truncated = NULL;
	}
}

static int cmp_rec(const void *a, const void *b)
{
	const struct hrecord *x = a, *y = b;
	int r = strcmp(x->path, y->path);
	return r ? r : x->deleted - y->deleted;
}

int history_load(struct history **out, const char *rev, int flags)
{
	int use_cache = flags & HISTORY_CACHE, quiet = flags & HISTORY_QUIET;
	struct history *h = xcalloc(1, sizeof(*h)), old;
	git_object *obj = NULL, *found = NULL;
	git_oid start, tip;
	char tipstr[41];
	int reached = 0, have_cache = 0;
	size_t i;

	*out = h;
	memset(&old, 0, sizeof(old));
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (git_repository_open_ext(&h->repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL) < 0 ||
	    git_repository_is_bare(h->repo) ||
	    !(h->prefix = records_prefix_in(git_repository_workdir(h->repo)))) {
		if (!quiet)
			fprintf(stderr, "%s", _("care: the records are not in a git repository, so there is no history; commit them with git first\n"));
		return -1;
	}
	if (git_revparse_single(&found, h->repo, rev ? rev : "HEAD") < 0 ||
	    git_object_peel(&obj, found, GIT_OBJECT_COMMIT) < 0) {
		if (!quiet && !rev && git_repository_head_unborn(h->repo) == 1)
			fprintf(stderr, "%s", _("care: this repository has no commits yet, so there is no history; commit the records first\n"));
		else if (!quiet)
			fprintf(stderr, _("care: '%s' is not a commit here: %s\n"), rev ? rev : "HEAD", gitrepo_error());
		git_object_free(found);
		return -1;
	}
	git_object_free(found);
	git_oid_cpy(&start, git_object_id(obj));
	git_object_free(obj);
	if (use_cache) {
		old.prefix = h->prefix;
		old.repo = h->repo;
		have_cache = cache_read(&old, &tip) == 0;
		if (!have_cache) {
			release_records(&old);
			release_commits(&old);
			free(old.truncated);
			old.truncated = NULL;
		}
	}
	/* A shallow clone since deepened (git fetch --unshallow) has more to say. */
	if (have_cache && old.truncated && !git_repository_is_shallow(h->repo)) {
		release_records(&old);
		release_commits(&old);
		free(old.truncated);
		old.truncated = NULL;
		have_cache = 0;
	}
	if (have_cache && git_oid_equal(&start, &tip)) {
		/* Nothing new: the cache is the answer. */
		h->commits = old.commits;
		h->ncommits = old.ncommits;
		h->acommits = old.acommits;
		h->recs = old.recs;
		h->nrecs = old.nrecs;
		h->arecs = old.arecs;
		h->truncated = old.truncated;
		memset(&old, 0, sizeof(old));
	} else {
		reached = walk(h, &start, have_cache ? &tip : NULL);
		if (reached < 0)
			return -1;
		if (reached == 1)
			merge_cache(h, &old);
		/* The tip was not on the chain: history was rewritten; this walk stands. */
	}
	release_records(&old);
	release_commits(&old);
	free(old.truncated);
	for (i = 0; i < h->mapsize; i++)
		free(h->map[i].path);
	free(h->map);
	h->map = NULL;
	h->mapsize = h->mapused = 0;
	if (h->nrecs)
		qsort(h->recs, h->nrecs, sizeof(*h->recs), cmp_rec);
	if (use_cache && (!have_cache || h->walked)) {
		git_oid_tostr(tipstr, sizeof(tipstr), &start);
		cache_write(h, tipstr);
	}
	return 0;
}

void history_free(struct history *h)
{
	if (!h)
		return;
	release_records(h);
	release_commits(h);
	free(h->truncated);
	free(h->prefix);
	git_repository_free(h->repo);
	free(h);
	git_libgit2_shutdown();
}

size_t history_nrecords(const struct history *h)
{
	return h->nrecs;
}

const struct hrecord *history_record(const struct history *h, size_t i)
{
	return &h->recs[i];
}

const struct hrecord *history_find(const struct history *h, const char *path)
{
	struct hrecord key;
	size_t i;

	key.path = (char *)path;
	key.deleted = 0;
	{
		const struct hrecord *hit = bsearch(&key, h->recs, h->nrecs, sizeof(*h->recs), cmp_rec);
		if (hit)
			return hit;
	}
	for (i = 0; i < h->nrecs; i++)
		if (!strcmp(h->recs[i].path, path))
			return &h->recs[i];
	return NULL;
}

const struct hcommit *history_commit(const struct history *h, size_t i)
{
	return &h->commits[i];
}

const char *history_truncated(const struct history *h)
{
	return h->truncated;
}

size_t history_walked(const struct history *h)
{
	return h->walked;
}

void hcommit_day(const struct hcommit *c, char out[11])
{
	time_t t = (time_t)(c->time + (long long)c->offset * 60);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

long days_between(const char *a, const char *b)
{
	struct tm ta, tb;

	memset(&ta, 0, sizeof(ta));
	memset(&tb, 0, sizeof(tb));
	if (!strptime(a, "%Y-%m-%d", &ta) || !strptime(b, "%Y-%m-%d", &tb))
		return 0;
	return (long)((timegm(&tb) - timegm(&ta)) / 86400);
}

int history_blob(struct history *h, const unsigned char oid[20], struct strbuf *sb)
{
	git_blob *b = NULL;
	git_oid id;

	memcpy(id.id, oid, 20);
	if (git_blob_lookup(&b, h->repo, &id) < 0)
		return -1;
	strbuf_reset(sb);
	strbuf_add(sb, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	git_blob_free(b);
	return 0;
}
