/*
 * Loading the templates folder. Everything is compiled before the first
 * page is written, so a mistake in a template stops the render with its
 * position instead of leaving half a site.
 */
#include "template/folder.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct named {
	char *name;
	struct mtemplate *t;
};

struct tmplset {
	char *dir;
	struct named *pages, *parts;
	size_t npages, nparts;
	char **assets;
	size_t nassets;
	struct mustache_partials partials;
};

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m && !strcmp(s + n - m, suffix);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const struct mtemplate *find(const struct named *list, size_t n, const char *name)
{
	struct named key = { (char *)name, NULL };
	const struct named *hit = bsearch(&key, list, n, sizeof(*list), cmp_name);
	return hit ? hit->t : NULL;
}

static const struct mtemplate *get_partial(void *data, const char *name)
{
	const struct tmplset *t = data;
	return find(t->parts, t->nparts, name);
}

/* Compiles each name.md (and layout.html) of one folder into *list. */
static int load_dir(struct tmplset *t, const char *sub, struct named **list, size_t *n,
		    struct diag_list *dl)
{
	char *dir = *sub ? xstrfmt("%s/%s", t->dir, sub) : xstrdup(t->dir);
	DIR *d = opendir(dir);
	struct dirent *de;
	int ret = 0;

	if (!d) {
		free(dir);
		if (*sub && errno == ENOENT)
			return 0;
		diag_add(dl, t->dir, 0, 0, DIAG_ERROR, "template", _("cannot open the templates folder: %s"),
			 strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		const char *name = de->d_name;
		int page = ends_with(name, ".md"), layout = !*sub && !strcmp(name, "layout.html");
		char *path, *shown;
		struct strbuf sb = STRBUF_INIT;
		struct mtemplate *tm = NULL;
		if (name[0] == '.')
			continue;
		if (!page && !layout) {
			if (!*sub && (ends_with(name, ".css") || ends_with(name, ".js"))) {
				t->assets = xrealloc(t->assets, (t->nassets + 1) * sizeof(*t->assets));
				t->assets[t->nassets++] = xstrdup(name);
			}
			continue;
		}
		path = xstrfmt("%s/%s", dir, name);
		shown = *sub ? xstrfmt("templates/%s/%s", sub, name) : xstrfmt("templates/%s", name);
		if (strbuf_read_file(&sb, path, 1024 * 1024) < 0) {
			diag_add(dl, shown, 0, 0, DIAG_ERROR, "template", _("cannot read the template: %s"),
				 strerror(errno));
			ret = -1;
		} else if (mustache_compile(&tm, shown, sb.buf, sb.len, dl) < 0) {
			ret = -1;
		} else {
			*list = xrealloc(*list, (*n + 1) * sizeof(**list));
			(*list)[*n].name = xstrndup(name, strlen(name) - (page ? 3 : 5));
			(*list)[(*n)++].t = tm;
		}
		strbuf_release(&sb);
		free(path);
		free(shown);
	}
	closedir(d);
	free(dir);
	if (*n)
		qsort(*list, *n, sizeof(**list), cmp_name);
	return ret;
}

int tmplset_load(struct tmplset **out, const char *dir, struct diag_list *dl)
{
	struct tmplset *t = xcalloc(1, sizeof(*t));
	int ret;

	t->dir = xstrdup(dir);
	ret = load_dir(t, "", &t->pages, &t->npages, dl);
	if (load_dir(t, "partials", &t->parts, &t->nparts, dl) < 0)
		ret = -1;
	if (t->nassets)
		qsort(t->assets, t->nassets, sizeof(*t->assets), cmp_str);
	t->partials.get = get_partial;
	t->partials.data = t;
	if (ret < 0) {
		tmplset_free(t);
		t = NULL;
	}
	*out = t;
	return ret;
}

static void free_list(struct named *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].name);
		mustache_free(list[i].t);
	}
	free(list);
}

void tmplset_free(struct tmplset *t)
{
	size_t i;

	if (!t)
		return;
	free_list(t->pages, t->npages);
	free_list(t->parts, t->nparts);
	for (i = 0; i < t->nassets; i++)
		free(t->assets[i]);
	free(t->assets);
	free(t->dir);
	free(t);
}

const struct mtemplate *tmplset_get(const struct tmplset *t, const char *name)
{
	return find(t->pages, t->npages, name);
}

const struct mustache_partials *tmplset_partials(const struct tmplset *t)
{
	return &t->partials;
}

size_t tmplset_nassets(const struct tmplset *t)
{
	return t->nassets;
}

const char *tmplset_asset(const struct tmplset *t, size_t i)
{
	return t->assets[i];
}

const char *tmplset_dir(const struct tmplset *t)
{
	return t->dir;
}
