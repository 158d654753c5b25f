/*
 * Fuzz target: the site manifest reader (site/manifest.h), which `care
 * render` trusts to redo only what changed: the input is written to a
 * file and loaded. A manifest that loads is read all through (every
 * record found again by its path, every summary, every page), then
 * written again, half its records copied as they are and half from their
 * summaries' values, and loaded back: it must say the same. Temporary
 * files go to /dev/shm where there is one, since manifest_write() syncs.
 */
#include "fuzz.h"

#include <unistd.h>

#include "site/manifest.h"
#include "template/values.h"

static char *manifest_in, *manifest_out;

static void manifest_cleanup(void)
{
	unlink(manifest_in);
	unlink(manifest_out);
}

static void manifest_init(void)
{
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	int fd;

	if (manifest_in)
		return;
	manifest_in = xstrfmt("%s/care-fuzz-manifest.XXXXXX", dir ? dir : "/tmp");
	fd = mkstemp(manifest_in);
	FUZZ_ASSERT(fd >= 0);
	close(fd);
	manifest_out = xstrfmt("%s.out", manifest_in);
	atexit(manifest_cleanup);
}

static void manifest_put_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *fp = fopen(path, "wb");

	FUZZ_ASSERT(fp);
	FUZZ_ASSERT(!size || fwrite(data, 1, size, fp) == size);
	FUZZ_ASSERT(fclose(fp) == 0);
}

/* Are two values the same, as a template would see them? */
static int manifest_same(const struct mval *a, const struct mval *b)
{
	uint32_t i;

	if (a->type != b->type || a->len != b->len)
		return 0;
	switch (a->type) {
	case MV_STR:
		return !memcmp(a->u.str, b->u.str, a->len) && !strcmp(a->u.str, b->u.str);
	case MV_LIST:
		for (i = 0; i < a->len; i++)
			if (!manifest_same(a->u.items[i], b->u.items[i]))
				return 0;
		return 1;
	case MV_MAP:
		for (i = 0; i < a->len; i++)
			if (strcmp(a->u.pairs[i].key, b->u.pairs[i].key) ||
			    !manifest_same(a->u.pairs[i].val, b->u.pairs[i].val))
				return 0;
		return 1;
	default:
		return 1;
	}
}

static void manifest_compare(const struct manifest *m, const struct manifest *m2)
{
	struct marena *a = marena_new();
	size_t i;

	FUZZ_ASSERT(manifest_config(m2) == manifest_config(m));
	FUZZ_ASSERT(manifest_site(m2) == manifest_site(m));
	FUZZ_ASSERT(!strcmp(manifest_profile(m2), manifest_profile(m)));
	FUZZ_ASSERT(manifest_nrecords(m2) == manifest_nrecords(m));
	for (i = 0; i < manifest_nrecords(m); i++) {
		const struct manifest_record *r = manifest_record_at(m, i), *r2 = manifest_record_at(m2, i);
		struct mval *v = manifest_summary(m, r, a), *v2 = manifest_summary(m2, r2, a);
		FUZZ_ASSERT(!strcmp(r->path, r2->path) && r->stamp == r2->stamp);
		/* A summary that does not read is copied as it is, and still does not. */
		FUZZ_ASSERT(!v == !v2);
		FUZZ_ASSERT(!v || manifest_same(v, v2));
	}
	FUZZ_ASSERT(manifest_npages(m2) == manifest_npages(m));
	for (i = 0; i < manifest_npages(m); i++) {
		uint64_t f, f2;
		FUZZ_ASSERT(!strcmp(manifest_page_at(m, i), manifest_page_at(m2, i)));
		FUZZ_ASSERT(manifest_page(m, manifest_page_at(m, i), &f));
		FUZZ_ASSERT(manifest_page(m2, manifest_page_at(m, i), &f2));
		FUZZ_ASSERT(f == f2);
	}
	marena_free(a);
}

FUZZ_TARGET(manifest)
{
	struct manifest *m, *m2;
	struct manifest_writer *w;
	struct marena *a;
	size_t i;

	manifest_init();
	manifest_put_file(manifest_in, data, size);
	m = manifest_load(manifest_in);
	if (!m)
		return 0;

	a = marena_new();
	w = manifest_writer_new(manifest_config(m), m);
	manifest_set_site(w, manifest_profile(m), manifest_site(m));
	for (i = 0; i < manifest_nrecords(m); i++) {
		const struct manifest_record *r = manifest_record_at(m, i);
		struct mval *v;
		FUZZ_ASSERT(r && r->path);
		FUZZ_ASSERT(manifest_record(m, r->path) == r);
		v = manifest_summary(m, r, a);
		if (v && i % 2)
			manifest_add_record(w, r->path, r->stamp, v);
		else
			manifest_copy_record(w, r);
	}
	FUZZ_ASSERT(manifest_record(m, "") == NULL || manifest_nrecords(m));
	for (i = 0; i < manifest_npages(m); i++) {
		uint64_t f;
		const char *name = manifest_page_at(m, i);
		FUZZ_ASSERT(name && manifest_page(m, name, &f));
		FUZZ_ASSERT(i == 0 || strcmp(manifest_page_at(m, i - 1), name) <= 0);
		manifest_add_page(w, name, f);
	}
	FUZZ_ASSERT(manifest_write(w, manifest_out) == 0);
	m2 = manifest_load(manifest_out);
	FUZZ_ASSERT(m2);
	manifest_compare(m, m2);

	manifest_free(m2);
	manifest_writer_free(w);
	marena_free(a);
	manifest_free(m);
	return 0;
}
