/*
 * Laying out a new records repository for care init: the setup a school
 * fills in and the schemas and hooks care brings along, each file created
 * exclusively so that an existing repository is never written over.
 */
#include "records/scaffold.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "records/kinds.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* site/ and site-full/ are rendered; .site* are the render's cache, key and lock. */
static const char gitignore[] =
	"# care render writes these; they are made from the records, never edited\n"
	"/site/\n"
	"/site-full/\n"
	"/.site*\n";

static const char *const hooks[] = { "pre-commit", "pre-merge-commit", NULL };

struct paths {
	char **v;
	size_t nr;
};

static int add_file(struct paths *p, const char *dir, const char *rel, const char *data,
		    size_t len, mode_t mode)
{
	char *path = xstrfmt("%s/%s", dir, rel);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode), ret = 0;

	if (fd < 0 || write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0) {
		ret = error_set(_("care: cannot write '%s': %s\n"), path, strerror(errno));
		if (fd >= 0)
			close(fd);
	} else if (close(fd) < 0) {
		ret = error_set(_("care: cannot write '%s': %s\n"), path, strerror(errno));
	} else {
		p->v = xrealloc(p->v, (p->nr + 2) * sizeof(*p->v));
		p->v[p->nr++] = xstrdup(rel);
		p->v[p->nr] = NULL;
	}
	free(path);
	return ret;
}

static int copy_file(struct paths *p, const char *dir, const char *rel, const char *from,
		     mode_t mode)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (strbuf_read_file(&sb, from, 16 * 1024 * 1024) < 0)
		ret = error_set(_("care: cannot read '%s': %s\n"), from, strerror(errno));
	else
		ret = add_file(p, dir, rel, sb.buf, sb.len, mode);
	strbuf_release(&sb);
	return ret;
}

static int make_dir(const char *dir, const char *rel)
{
	char *path = rel ? xstrfmt("%s/%s", dir, rel) : xstrdup(dir);
	int ret = 0;

	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		ret = error_set(_("care: cannot create '%s': %s\n"), path, strerror(errno));
	free(path);
	return ret;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every name in dir ending in ext, sorted (so the commit is the same each time). */
static int list(char ***names, size_t *nr, const char *dir, const char *ext)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = strlen(ext);

	*names = NULL;
	*nr = 0;
	if (!d)
		return error_set(_("care: cannot read '%s': %s\n"), dir, strerror(errno));
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= n || strcmp(de->d_name + len - n, ext))
			continue;
		*names = xrealloc(*names, (*nr + 1) * sizeof(**names));
		(*names)[(*nr)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*nr)
		qsort(*names, *nr, sizeof(**names), by_text);
	return 0;
}

/* schema_dir's .yaml files into records/schema/, and its json/ folder's .json files if any. */
static int copy_schemas(struct paths *p, const char *dir, const char *schema_dir)
{
	char **names = NULL, *json = xstrfmt("%s/json", schema_dir);
	size_t nr = 0, i;
	struct stat st;
	int ret = list(&names, &nr, schema_dir, ".yaml");

	for (i = 0; !ret && i < nr; i++) {
		char *from = xstrfmt("%s/%s", schema_dir, names[i]);
		char *rel = xstrfmt("records/schema/%s", names[i]);
		ret = copy_file(p, dir, rel, from, 0644);
		free(from);
		free(rel);
	}
	if (!ret && !nr)
		ret = error_set(_("care: no schemas (*.yaml) in '%s'; run 'make install' again\n"), schema_dir);
	for (i = 0; i < nr; i++)
		free(names[i]);
	free(names);
	names = NULL;
	nr = 0;
	if (!ret && !stat(json, &st) && S_ISDIR(st.st_mode)) {
		ret = make_dir(dir, "records/schema/json");
		if (!ret)
			ret = list(&names, &nr, json, ".json");
		for (i = 0; !ret && i < nr; i++) {
			char *from = xstrfmt("%s/%s", json, names[i]);
			char *rel = xstrfmt("records/schema/json/%s", names[i]);
			ret = copy_file(p, dir, rel, from, 0644);
			free(from);
			free(rel);
		}
		for (i = 0; i < nr; i++)
			free(names[i]);
		free(names);
	}
	free(json);
	return ret;
}

int records_scaffold(char ***paths, const char *dir, const char *programme,
		     const char *schema_dir, const char *hooks_dir)
{
	struct paths p = { NULL, 0 };
	char *records = xstrfmt("%s/records", dir);
	struct stat st;
	size_t i;
	int ret = -1;

	*paths = NULL;
	if (!lstat(records, &st)) {
		error_set(_("care: '%s' already exists; care init starts a new records repository and never writes over one\n"),
			  records);
		goto out;
	}
	if (make_dir(dir, NULL) < 0 || make_dir(dir, "records") < 0 ||
	    make_dir(dir, "records/schema") < 0 || make_dir(dir, "hooks") < 0)
		goto out;
	for (i = 0; i < KIND_NR; i++) {
		char *rel = xstrfmt("records/%s", kind_dirs[i]);
		int bad = make_dir(dir, rel);
		free(rel);
		if (bad)
			goto out;
	}
	if (add_file(&p, dir, "records/programme.yaml", programme, strlen(programme), 0644) < 0 ||
	    copy_schemas(&p, dir, schema_dir) < 0)
		goto out;
	for (i = 0; hooks[i]; i++) {
		char *from = xstrfmt("%s/%s", hooks_dir, hooks[i]), *rel = xstrfmt("hooks/%s", hooks[i]);
		int bad = copy_file(&p, dir, rel, from, 0755);
		free(from);
		free(rel);
		if (bad)
			goto out;
	}
	if (add_file(&p, dir, ".gitignore", gitignore, strlen(gitignore), 0644) < 0)
		goto out;
	*paths = p.v;
	p.v = NULL;
	ret = 0;
out:
	scaffold_paths_free(p.v);
	free(records);
	return ret;
}

void scaffold_paths_free(char **paths)
{
	size_t i;

	for (i = 0; paths && paths[i]; i++)
		free(paths[i]);
	free(paths);
}
