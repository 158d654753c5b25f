/*
 * Records' histories from git (history.h): the records and their events,
 * the path map the walk keeps, and putting a walk (walk.c) and the cache
 * (histcache.c) together. Walking backwards, a path names a record until
 * that record's creation is seen; a rename makes the old path name the
 * same record from then on.
 */
#include "git/history_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "git/repo.h"
#include "util/calendar.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/banned.h"

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

size_t new_record(struct history *h, const char *path, int deleted)
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

struct hevent *add_event(struct history *h, size_t rec, size_t commit, enum hkind kind,
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

size_t add_commit_of(struct history *h, const git_oid *id, const git_signature *a,
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
/* Walking backwards, this commit's changes become events of records. */
void record_changes(struct history *h, size_t commit, struct changes *cs)
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

/* --- putting it together ------------------------------------------------------ */

void release_records(struct history *h)
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

void release_commits(struct history *h)
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
	int use_cache = flags & HISTORY_CACHE;
	struct history *h = xcalloc(1, sizeof(*h)), old;
	git_object *obj = NULL, *found = NULL;
	git_oid start, tip;
	char tipstr[41];
	int reached = 0, have_cache = 0;
	size_t i;

	*out = NULL;
	memset(&old, 0, sizeof(old));
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (git_repository_open_ext(&h->repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL) < 0 ||
	    git_repository_is_bare(h->repo) ||
	    !(h->prefix = records_prefix_in(git_repository_workdir(h->repo)))) {
		error_set("%s", _("care: the records are not in a git repository, so there is no history; commit them with git first\n"));
		goto fail;
	}
	if (git_revparse_single(&found, h->repo, rev ? rev : "HEAD") < 0 ||
	    git_object_peel(&obj, found, GIT_OBJECT_COMMIT) < 0) {
		if (!rev && git_repository_head_unborn(h->repo) == 1)
			error_set("%s", _("care: this repository has no commits yet, so there is no history; commit the records first\n"));
		else
			error_set(_("care: '%s' is not a commit here: %s\n"), rev ? rev : "HEAD", gitrepo_error());
		git_object_free(found);
		goto fail;
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
		reached = history_walk(h, &start, have_cache ? &tip : NULL);
		if (reached < 0) {
			release_records(&old);
			release_commits(&old);
			free(old.truncated);
			goto fail;
		}
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
	*out = h;
	return 0;
fail:
	history_free(h);
	return -1;
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
	if (cal_day_of_time(c->time, c->offset, out) < 0)
		memcpy(out, "0000-00-00", 11);
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
