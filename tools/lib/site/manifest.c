/*
 * The render manifest, ".<site>.care-cache" beside the site folder (not in
 * it, so it is not published with the pages: it names every record file):
 *
 *   "care-cache 2\n"  config (8 bytes), site (8 bytes), profile NUL
 *   keys:    count, then each key NUL-terminated
 *   records: count, then path NUL, stamp (8), summary length, summary
 *   pages:   count, then name NUL, fingerprint (8)
 *
 * Counts and lengths are LEB128; numbers little-endian. A summary is a
 * value: a type byte (0 null, 1 false, 2 true, 3 string: length, bytes,
 * NUL; 4 list: count, values; 5 map: count, then key index and value).
 * Anything that does not parse makes the whole file untrusted, and the
 * render starts over; a manifest can only ever cost time, never a page.
 */
#include "site/manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

#define MAGIC "care-cache 2\n"

/* --- writing ------------------------------------------------------------- */

struct mrecord {
	struct manifest_record pub;
	size_t len;
};

struct mpage {
	const char *name;
	uint64_t fingerprint;
};

struct manifest {
	struct strbuf data;
	uint64_t config, site;
	const char *profile;
	const char **keys;
	size_t nkeys;
	struct mrecord *recs;
	size_t nrecs;
	struct mpage *pages;
	size_t npages;
};


struct wrec {
	char *path;
	uint64_t stamp;
	size_t off, len;
};

struct manifest_writer {
	uint64_t config, site;
	char *profile;
	const char **keys;
	size_t nkeys;
	struct strbuf body;
	struct wrec *recs;
	size_t nrecs;
	struct strbuf pages;
	size_t npages;
};

static void put_varint(struct strbuf *sb, size_t n)
{
	do {
		unsigned char b = n & 0x7f;
		n >>= 7;
		strbuf_addch(sb, b | (n ? 0x80 : 0));
	} while (n);
}

static void put_u64(struct strbuf *sb, uint64_t v)
{
	unsigned char b[8];
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	strbuf_add(sb, b, 8);
}

static size_t key_index(struct manifest_writer *w, const char *key)
{
	size_t i;

	for (i = 0; i < w->nkeys; i++)
		if (w->keys[i] == key || !strcmp(w->keys[i], key))
			return i;
	w->keys = xrealloc(w->keys, (w->nkeys + 1) * sizeof(*w->keys));
	w->keys[w->nkeys] = key;
	return w->nkeys++;
}

static void put_value(struct manifest_writer *w, const struct mval *v)
{
	size_t i;

	switch (v ? v->type : MV_NULL) {
	case MV_NULL:
	case MV_FALSE:
	case MV_TRUE:
		strbuf_addch(&w->body, v ? (int)v->type : MV_NULL);
		return;
	case MV_STR:
		strbuf_addch(&w->body, MV_STR);
		put_varint(&w->body, v->len);
		strbuf_add(&w->body, v->u.str, v->len);
		strbuf_addch(&w->body, '\0');
		return;
	case MV_LIST:
		strbuf_addch(&w->body, MV_LIST);
		put_varint(&w->body, v->len);
		for (i = 0; i < v->len; i++)
			put_value(w, v->u.items[i]);
		return;
	case MV_MAP:
		strbuf_addch(&w->body, MV_MAP);
		put_varint(&w->body, v->len);
		for (i = 0; i < v->len; i++) {
			put_varint(&w->body, key_index(w, v->u.pairs[i].key));
			put_value(w, v->u.pairs[i].val);
		}
		return;
	}
}

struct manifest_writer *manifest_writer_new(uint64_t config, const struct manifest *last)
{
	struct manifest_writer *w = xcalloc(1, sizeof(*w));

	w->config = config;
	w->profile = xstrdup("");
	if (last && last->nkeys) {
		w->keys = xcalloc(last->nkeys, sizeof(*w->keys));
		memcpy(w->keys, last->keys, last->nkeys * sizeof(*w->keys));
		w->nkeys = last->nkeys;
	}
	strbuf_init(&w->body, 1 << 20);
	strbuf_init(&w->pages, 0);
	return w;
}

void manifest_set_site(struct manifest_writer *w, const char *profile, uint64_t site)
{
	free(w->profile);
	w->profile = xstrdup(profile);
	w->site = site;
}

void manifest_add_record(struct manifest_writer *w, const char *path, uint64_t stamp,
			 const struct mval *summary)
{
	struct wrec *r;

	w->recs = xrealloc(w->recs, (w->nrecs + 1) * sizeof(*w->recs));
	r = &w->recs[w->nrecs++];
	r->path = xstrdup(path);
	r->stamp = stamp;
	r->off = w->body.len;
	put_value(w, summary);
	r->len = w->body.len - r->off;
}

void manifest_copy_record(struct manifest_writer *w, const struct manifest_record *rec)
{
	const struct mrecord *mr = (const struct mrecord *)rec;
	struct wrec *r;

	w->recs = xrealloc(w->recs, (w->nrecs + 1) * sizeof(*w->recs));
	r = &w->recs[w->nrecs++];
	r->path = xstrdup(rec->path);
	r->stamp = rec->stamp;
	r->off = w->body.len;
	strbuf_add(&w->body, rec->summary, mr->len);
	r->len = mr->len;
}

void manifest_add_page(struct manifest_writer *w, const char *name, uint64_t fingerprint)
{
	strbuf_addstr(&w->pages, name);
	strbuf_addch(&w->pages, '\0');
	put_u64(&w->pages, fingerprint);
	w->npages++;
}

static int cmp_wrec(const void *a, const void *b)
{
	return strcmp(((const struct wrec *)a)->path, ((const struct wrec *)b)->path);
}

int manifest_write(struct manifest_writer *w, const char *file)
{
	struct strbuf out = STRBUF_INIT;
	size_t i;
	int ret;

	if (w->nrecs)
		qsort(w->recs, w->nrecs, sizeof(*w->recs), cmp_wrec);
	strbuf_addstr(&out, MAGIC);
	put_u64(&out, w->config);
	put_u64(&out, w->site);
	strbuf_addstr(&out, w->profile);
	strbuf_addch(&out, '\0');
	put_varint(&out, w->nkeys);
	for (i = 0; i < w->nkeys; i++) {
		strbuf_addstr(&out, w->keys[i]);
		strbuf_addch(&out, '\0');
	}
	put_varint(&out, w->nrecs);
	for (i = 0; i < w->nrecs; i++) {
		strbuf_addstr(&out, w->recs[i].path);
		strbuf_addch(&out, '\0');
		put_u64(&out, w->recs[i].stamp);
		put_varint(&out, w->recs[i].len);
		strbuf_add(&out, w->body.buf + w->recs[i].off, w->recs[i].len);
	}
	/* Pages are looked up by bsearch too: the site writes them in order. */
	put_varint(&out, w->npages);
	strbuf_add(&out, w->pages.buf, w->pages.len);
	ret = write_file_replace(file, out.buf, out.len, 1);
	strbuf_release(&out);
	return ret;
}

void manifest_writer_free(struct manifest_writer *w)
{
	size_t i;

	if (!w)
		return;
	for (i = 0; i < w->nrecs; i++)
		free(w->recs[i].path);
	free(w->recs);
	free(w->keys);
	free(w->profile);
	strbuf_release(&w->body);
	strbuf_release(&w->pages);
	free(w);
}

/* --- reading --------------------------------------------------------------- */

struct reader {
	const unsigned char *p, *end;
	int bad;
};

static size_t get_varint(struct reader *r)
{
	size_t n = 0;
	int shift = 0;

	while (r->p < r->end && shift < 63) {
		unsigned char b = *r->p++;
		n |= (size_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return n;
		shift += 7;
	}
	r->bad = 1;
	return 0;
}

static uint64_t get_u64(struct reader *r)
{
	uint64_t v = 0;
	int i;

	if (r->end - r->p < 8) {
		r->bad = 1;
		return 0;
	}
	for (i = 0; i < 8; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += 8;
	return v;
}

static const char *get_str(struct reader *r)
{
	const unsigned char *nul = memchr(r->p, '\0', (size_t)(r->end - r->p));
	const char *s = (const char *)r->p;

	if (!nul) {
		r->bad = 1;
		return "";
	}
	r->p = nul + 1;
	return s;
}

static int cmp_mrec(const void *a, const void *b)
{
	return strcmp(((const struct mrecord *)a)->pub.path, ((const struct mrecord *)b)->pub.path);
}

static int cmp_mpage(const void *a, const void *b)
{
	return strcmp(((const struct mpage *)a)->name, ((const struct mpage *)b)->name);
}

struct manifest *manifest_load(const char *file)
{
	struct manifest *m = xcalloc(1, sizeof(*m));
	char *path = xstrdup(file);
	struct reader r;
	size_t i;

	strbuf_init(&m->data, 0);
	if (strbuf_read_file(&m->data, path, (size_t)1 << 31) < 0 ||
	    m->data.len < strlen(MAGIC) || memcmp(m->data.buf, MAGIC, strlen(MAGIC)))
		goto bad;
	r.p = (const unsigned char *)m->data.buf + strlen(MAGIC);
	r.end = (const unsigned char *)m->data.buf + m->data.len;
	r.bad = 0;
	m->config = get_u64(&r);
	m->site = get_u64(&r);
	m->profile = get_str(&r);
	m->nkeys = get_varint(&r);
	if (r.bad || m->nkeys > m->data.len)
		goto bad;
	m->keys = xcalloc(m->nkeys + 1, sizeof(*m->keys));
	for (i = 0; i < m->nkeys && !r.bad; i++)
		m->keys[i] = get_str(&r);
	m->nrecs = get_varint(&r);
	if (r.bad || m->nrecs > m->data.len)
		goto bad;
	m->recs = xcalloc(m->nrecs + 1, sizeof(*m->recs));
	for (i = 0; i < m->nrecs && !r.bad; i++) {
		size_t len;
		m->recs[i].pub.path = get_str(&r);
		m->recs[i].pub.stamp = get_u64(&r);
		len = get_varint(&r);
		if (r.bad || (size_t)(r.end - r.p) < len)
			goto bad;
		m->recs[i].pub.summary = r.p;
		m->recs[i].len = len;
		r.p += len;
		if (i && strcmp(m->recs[i - 1].pub.path, m->recs[i].pub.path) >= 0)
			goto bad;
	}
	m->npages = get_varint(&r);
	if (r.bad || m->npages > m->data.len)
		goto bad;
	m->pages = xcalloc(m->npages + 1, sizeof(*m->pages));
	for (i = 0; i < m->npages && !r.bad; i++) {
		m->pages[i].name = get_str(&r);
		m->pages[i].fingerprint = get_u64(&r);
	}
	if (r.bad || r.p != r.end)
		goto bad;
	if (m->npages)
		qsort(m->pages, m->npages, sizeof(*m->pages), cmp_mpage);
	free(path);
	return m;
bad:
	free(path);
	manifest_free(m);
	return NULL;
}

void manifest_free(struct manifest *m)
{
	if (!m)
		return;
	strbuf_release(&m->data);
	free(m->keys);
	free(m->recs);
	free(m->pages);
	free(m);
}

uint64_t manifest_config(const struct manifest *m)
{
	return m->config;
}

uint64_t manifest_site(const struct manifest *m)
{
	return m->site;
}

const char *manifest_profile(const struct manifest *m)
{
	return m->profile;
}

size_t manifest_nrecords(const struct manifest *m)
{
	return m->nrecs;
}

const struct manifest_record *manifest_record_at(const struct manifest *m, size_t i)
{
	return &m->recs[i].pub;
}

const struct manifest_record *manifest_record(const struct manifest *m, const char *path)
{
	struct mrecord key;
	const struct mrecord *hit;

	key.pub.path = path;
	hit = bsearch(&key, m->recs, m->nrecs, sizeof(*m->recs), cmp_mrec);
	return hit ? &hit->pub : NULL;
}

int manifest_page(const struct manifest *m, const char *name, uint64_t *fingerprint)
{
	struct mpage key = { name, 0 };
	const struct mpage *hit = bsearch(&key, m->pages, m->npages, sizeof(*m->pages), cmp_mpage);

	if (hit)
		*fingerprint = hit->fingerprint;
	return hit != NULL;
}

size_t manifest_npages(const struct manifest *m)
{
	return m->npages;
}

const char *manifest_page_at(const struct manifest *m, size_t i)
{
	return m->pages[i].name;
}

static struct mval *get_value(const struct manifest *m, struct reader *r, struct marena *a,
			      int depth)
{
	struct mval *v;
	size_t n, i;

	if (r->p >= r->end || depth > 64) {
		r->bad = 1;
		return mval_null(a);
	}
	switch (*r->p++) {
	case MV_NULL:
		return mval_null(a);
	case MV_FALSE:
		return mval_bool(a, 0);
	case MV_TRUE:
		return mval_bool(a, 1);
	case MV_STR:
		n = get_varint(r);
		if (r->bad || (size_t)(r->end - r->p) < n + 1 || r->p[n]) {
			r->bad = 1;
			return mval_null(a);
		}
		v = mval_str_static(a, (const char *)r->p);
		r->p += n + 1;
		return v;
	case MV_LIST:
		n = get_varint(r);
		v = mval_list(a);
		for (i = 0; i < n && !r->bad; i++)
			mval_push(a, v, get_value(m, r, a, depth + 1));
		return v;
	case MV_MAP:
		n = get_varint(r);
		if (r->bad || n > (size_t)(r->end - r->p)) {
			r->bad = 1;
			return mval_null(a);
		}
		/* Room for what the site adds to a summary at the top. */
		v = mval_map_sized(a, n + (depth ? 0 : 16));
		for (i = 0; i < n && !r->bad; i++) {
			size_t k = get_varint(r);
			if (k >= m->nkeys) {
				r->bad = 1;
				break;
			}
			mval_set(a, v, m->keys[k], get_value(m, r, a, depth + 1));
		}
		return v;
	}
	r->bad = 1;
	return mval_null(a);
}

struct mval *manifest_summary(const struct manifest *m, const struct manifest_record *rec,
			      struct marena *a)
{
	const struct mrecord *mr = (const struct mrecord *)rec;
	struct reader r = { rec->summary, rec->summary + mr->len, 0 };
	struct mval *v = get_value(m, &r, a, 0);

	return r.bad || r.p != r.end ? NULL : v;
}
