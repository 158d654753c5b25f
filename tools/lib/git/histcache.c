/*
 * The history cache, .git/care/history: the walk's result for a tip
 * commit, as lines of tab-separated fields, so that a later run walks
 * only the commits made since. It is only ever a way to save time: a
 * cache that cannot be read, or whose tip is no longer on the chain, is
 * not used.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "git/history_int.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const unsigned char zero_oid[20];

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

/*
 * What a run killed while writing the cache (kill -9, a power cut) left:
 * "history.tmp-XXXXXX", never read. Removing one that a run at this very
 * moment is writing costs that run its cache write, nothing else: the
 * cache is only a way to save time.
 */
static void remove_stale(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d)))
		if (!strncmp(de->d_name, "history.tmp-", 12) && strlen(de->d_name) == 18)
			unlinkat(dirfd(d), de->d_name, 0);
	if (d)
		closedir(d);
}

/* Written beside and renamed over, so a reader never sees half of it. */
void cache_write(const struct history *h, const char *tip)
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
	if (mkdir(dir, 0755) < 0)
		remove_stale(dir);
	/*
	 * On the disk before the rename, like every file care publishes: a
	 * crash leaves the old cache or the new, never an empty one (which
	 * would only cost a walk, but a walk of a county's history).
	 */
	write_file_replace(path, sb.buf, sb.len, 1);
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
int cache_read(struct history *h, git_oid *tip)
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
