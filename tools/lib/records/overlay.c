/*
 * Files in memory over a record source, so that records a command is
 * about to write are checked exactly as `care check` would check them once
 * written, with no file on disk until every one of them has passed.
 */
#include "records/overlay.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

struct overlay {
	struct source base;
	struct source *under;
	char *const *paths;
	char *const *texts;
	size_t n;
};

static long find(const struct overlay *o, const char *path)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (!strcmp(o->paths[i], path))
			return (long)i;
	return -1;
}

static int overlay_list(struct source *s, const char *dir,
			int (*fn)(void *data, const struct source_entry *e), void *data)
{
	struct overlay *o = (struct overlay *)s;
	size_t i, len = strlen(dir);
	int rc = source_list(o->under, dir, fn, data), any = 0;

	if (rc < 0)
		return rc;
	for (i = 0; i < o->n; i++) {
		const char *p = o->paths[i];
		if (!strncmp(p, dir, len) && p[len] == '/' && !strchr(p + len + 1, '/')) {
			struct source_entry e = { p + len + 1, ENTRY_FILE, 1 };
			any = 1;
			if (fn(data, &e))
				break;
		}
	}
	return rc == 1 && !any ? 1 : 0;
}

static int overlay_read(struct source *s, int thread, const char *path, size_t max, struct strbuf *sb)
{
	struct overlay *o = (struct overlay *)s;
	long i = find(o, path);

	if (i < 0)
		return source_read(o->under, thread, path, max, sb);
	strbuf_reset(sb);
	if (strlen(o->texts[i]) > max) {
		errno = EFBIG;
		return -1;
	}
	strbuf_addstr(sb, o->texts[i]);
	return 0;
}

static int overlay_has(struct source *s, const char *path)
{
	struct overlay *o = (struct overlay *)s;

	return find(o, path) >= 0 || source_has(o->under, path);
}

static int overlay_changed(struct source *s, const char *path)
{
	(void)s;
	(void)path;
	return 1;
}

static uint64_t overlay_stamp(struct source *s, const char *path)
{
	struct overlay *o = (struct overlay *)s;

	return find(o, path) >= 0 ? 0 : source_stamp(o->under, path);
}

static void overlay_free(struct source *s)
{
	free(s);
}

static const struct source_ops overlay_ops = {
	overlay_list, overlay_read, overlay_has, overlay_changed, overlay_stamp, NULL, overlay_free,
};

int source_open_overlay(struct source **out, struct source *base, char *const *paths,
			char *const *texts, size_t n)
{
	struct overlay *o = xcalloc(1, sizeof(*o));

	o->base.ops = &overlay_ops;
	o->base.kind = base->kind;
	o->base.incremental = 0;
	o->under = base;
	o->paths = paths;
	o->texts = texts;
	o->n = n;
	*out = &o->base;
	return 0;
}
