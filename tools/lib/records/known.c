/*
 * What may lie under records/, and what may never be committed beside it.
 * The record folders and records/report/ are listed by their own checks
 * (list.c, texts.c); this walk looks at records/ itself, records/schema/
 * and records/schema/json/, so that nothing enters the repository that no
 * rule looks at: a stray file is not published, but it is kept in git for
 * ever, and a link could bring in a file from outside the repository. It
 * lists through the record source, so the folder, the index and a past
 * commit are walked alike; from the index, only what the commit adds or
 * changes. Outside records/, from the index only, it refuses a rendered
 * site and the render's cache, key and lock (site/site_int.h names them).
 */
#include "records/repo_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define JSON_MAX (1 << 20)
#define JSON_DEPTH 64

/* What each folder walked may hold; the lists are shown in messages as they are. */
struct place {
	const char *dir;
	const char *const *files;
	const char *const *dirs;	/* walked here (schema, json) or by another check */
	const char *shown;
};

static const char *const top_files[] = { "programme.yaml", NULL };
static const char *const top_dirs[] = { "schema", "children", "pairings", "activities", "report", NULL };
static const char *const schema_files[] = { "child.yaml", "pairing.yaml", "activity.yaml",
					    "programme.yaml", NULL };
static const char *const schema_dirs[] = { "json", NULL };
static const char *const json_files[] = { "child.json", "pairing.json", "activity.json",
					  "programme.json", NULL };
static const char *const no_dirs[] = { NULL };

static const struct place places[] = {
	{ "records", top_files, top_dirs,
	  "programme.yaml, schema/, children/, pairings/, activities/, report/" },
	{ "records/schema", schema_files, schema_dirs,
	  "child.yaml, pairing.yaml, activity.yaml, programme.yaml, json/" },
	{ "records/schema/json", json_files, no_dirs,
	  "child.json, pairing.json, activity.json, programme.json ('care schema --json')" },
};

struct walk {
	struct repo *r;
	const struct place *at;
	char **paths;
	size_t npaths;
	char **json;		/* JSON exports to read once the listing is done */
	size_t njson;
};

/* Is path at or under p (a PATH argument; "" and "." are the top)? */
static int inside(const char *path, const char *p)
{
	size_t n = strlen(p);

	while (n && p[n - 1] == '/')
		n--;
	if (!n || (n == 1 && p[0] == '.'))
		return 1;
	return !strncmp(path, p, n) && (path[n] == '/' || !path[n]);
}

static int selected(const struct walk *w, const char *path)
{
	size_t i;

	for (i = 0; i < w->npaths; i++)
		if (inside(path, w->paths[i]))
			return 1;
	return !w->npaths;
}

/* Is some PATH argument at or under dir, or dir under one? */
static int wanted(char **paths, size_t npaths, const char *dir)
{
	size_t i;

	for (i = 0; i < npaths; i++)
		if (inside(dir, paths[i]) || inside(paths[i], dir))
			return 1;
	return !npaths;
}

static int find(const char *const *names, const char *name)
{
	size_t i;

	for (i = 0; names[i]; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

/* Equal but for case, or for ".yml" written for ".yaml". */
static int near(const char *known, const char *name)
{
	size_t n = strlen(name), k = strlen(known);

	if (!strcasecmp(known, name))
		return 1;
	return n > 4 && k > 5 && n == k - 1 && !strcasecmp(name + n - 4, ".yml") &&
	       !strcasecmp(known + k - 5, ".yaml") && !strncasecmp(known, name, n - 4);
}

/* The known name that name is a variant of, or NULL. */
static const char *variant_of(const struct place *at, const char *name, int dir)
{
	const char *const *names = dir ? at->dirs : at->files;
	size_t i;

	for (i = 0; names[i]; i++)
		if (near(names[i], name))
			return names[i];
	return NULL;
}

static int on_entry(void *data, const struct source_entry *e)
{
	struct walk *w = data;
	struct repo *r = w->r;
	const struct place *at = w->at;
	int is_dir = e->type == ENTRY_DIR;
	const char *like;
	char *path;

	if (w->r->src->incremental && !e->changed)
		return 0;
	path = xstrfmt("%s/%s", at->dir, e->name);
	if (!selected(w, path) && !(is_dir && wanted(w->paths, w->npaths, path)))
		goto out;
	/*
	 * A known name is read, and the folder's reader says itself what it
	 * is when it is no file (a link, a FIFO); git's would read a link's
	 * target as its text, so from git it is reported here.
	 */
	if (find(at->files, e->name) && (e->type == ENTRY_FILE || r->src->kind == SOURCE_FOLDER)) {
		if (at->files == json_files) {
			w->json = xrealloc(w->json, (w->njson + 1) * sizeof(*w->json));
			w->json[w->njson++] = path;
			path = NULL;
		}
		goto out;
	}
	/* The known folders are walked here or by their own check. */
	if (is_dir && find(at->dirs, e->name))
		goto out;
	if (!selected(w, path))
		goto out;
	r->files++;
	if (e->type == ENTRY_LINK)
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "symlink", "%s",
			 _("this is a symbolic link; care never follows links, which could bring in files from outside the repository, so replace it with the file or folder itself"));
	else if (e->type == ENTRY_OTHER)
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "not-a-file", "%s",
			 _("a FIFO or device is not a file a teacher writes; remove it"));
	else if (e->type == ENTRY_SUBMODULE)
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "submodule", "%s",
			 _("a git submodule inside records/; remove it with 'git rm --cached'"));
	else if ((like = variant_of(at, e->name, is_dir))) {
		char *want = xstrfmt("%s/%s%s", at->dir, like, is_dir ? "/" : "");
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "unknown-file",
			 _("did you mean '%s'? care reads only that exact name (git and care tell upper from lower case, Windows and macOS do not), so rename it"),
			 want);
		free(want);
	} else if (is_dir)
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "unknown-file",
			 _("not a folder care knows: %s/ holds only %s; move it out of records/"),
			 at->dir, at->shown);
	else
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "unknown-file",
			 _("not a file care knows: %s/ holds only %s; move it out of records/ or delete it"),
			 at->dir, at->shown);
out:
	free(path);
	return 0;
}

/* A strict JSON reader (RFC 8259) that only says where the text stops being JSON. */
struct json {
	const char *s, *end, *p;
};

static void json_space(struct json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int json_lit(struct json *j, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n))
		return -1;
	j->p += n;
	return 0;
}

static int json_string(struct json *j)
{
	static const char hex[] = "0123456789abcdefABCDEF";
	int i;

	j->p++;
	while (j->p < j->end && *j->p != '"') {
		if ((unsigned char)*j->p < 0x20)
			return -1;
		if (*j->p++ != '\\')
			continue;
		if (j->p == j->end)
			return -1;
		if (*j->p == 'u') {
			for (i = 1; i <= 4; i++)
				if (j->p + i >= j->end || !j->p[i] || !strchr(hex, j->p[i]))
					return -1;
			j->p += 5;
		} else if (strchr("\"\\/bfnrt", *j->p) && *j->p) {
			j->p++;
		} else {
			return -1;
		}
	}
	if (j->p == j->end)
		return -1;
	j->p++;
	return 0;
}

static int json_digits(struct json *j)
{
	const char *start = j->p;

	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > start ? 0 : -1;
}

static int json_number(struct json *j)
{
	if (*j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (json_digits(j) < 0)
		return -1;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (json_digits(j) < 0)
			return -1;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (json_digits(j) < 0)
			return -1;
	}
	return 0;
}

static int json_value(struct json *j, int depth)
{
	char close;

	json_space(j);
	if (j->p == j->end || depth > JSON_DEPTH)
		return -1;
	switch (*j->p) {
	case '"':
		return json_string(j);
	case 't':
		return json_lit(j, "true");
	case 'f':
		return json_lit(j, "false");
	case 'n':
		return json_lit(j, "null");
	case '{':
	case '[':
		close = *j->p == '{' ? '}' : ']';
		j->p++;
		json_space(j);
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return 0;
		}
		for (;;) {
			if (close == '}') {
				json_space(j);
				if (j->p == j->end || *j->p != '"' || json_string(j) < 0)
					return -1;
				json_space(j);
				if (j->p == j->end || *j->p++ != ':')
					return -1;
			}
			if (json_value(j, depth + 1) < 0)
				return -1;
			json_space(j);
			if (j->p == j->end)
				return -1;
			if (*j->p == close) {
				j->p++;
				return 0;
			}
			if (*j->p++ != ',')
				return -1;
		}
	default:
		return *j->p == '-' || (*j->p >= '0' && *j->p <= '9') ? json_number(j) : -1;
	}
}

static void check_json(struct repo *r, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	const char *q;
	int line = 1, col = 1;

	r->files++;
	if (source_read(r->src, 0, path, JSON_MAX, &sb) < 0) {
		read_error(r, path, &r->diags);
		goto out;
	}
	j.s = j.p = sb.buf;
	j.end = sb.buf + sb.len;
	if (json_value(&j, 0) == 0) {
		json_space(&j);
		if (j.p == j.end)
			goto out;
	}
	for (q = j.s; q < j.p && q < j.end; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)*q & 0xc0) != 0x80) {
			col++;
		}
	}
	diag_add(&r->diags, path, line, col, DIAG_ERROR, "json", "%s",
		 _("this is not valid JSON; editors read this file to check records as they are typed, so write it again with 'care schema --json'"));
out:
	strbuf_release(&sb);
}

int known_check(struct repo *r, char **paths, size_t npaths)
{
	struct walk w;
	size_t i;
	int rc = 0;

	memset(&w, 0, sizeof(w));
	w.r = r;
	w.paths = paths;
	w.npaths = npaths;
	for (i = 0; i < sizeof(places) / sizeof(*places) && rc >= 0; i++) {
		if (!wanted(paths, npaths, places[i].dir))
			continue;
		w.at = &places[i];
		rc = source_list(r->src, places[i].dir, on_entry, &w);
	}
	for (i = 0; i < w.njson; i++) {
		if (rc >= 0)
			check_json(r, w.json[i]);
		free(w.json[i]);
	}
	free(w.json);
	return rc < 0 ? -1 : 0;
}

/* What the render writes beside a site: ".<site>.care-cache" and the rest. */
static const char *render_file(const char *path)
{
	static const char *const suffixes[] = { ".care-cache", ".care-key", ".care-lock" };
	const char *name = strrchr(path, '/');
	size_t n, k, i;

	name = name ? name + 1 : path;
	n = strlen(name);
	if (name[0] != '.')
		return NULL;
	for (i = 0; i < sizeof(suffixes) / sizeof(*suffixes); i++) {
		k = strlen(suffixes[i]);
		if (n > k && !strcmp(name + n - k, suffixes[i]))
			return suffixes[i];
	}
	return NULL;
}

#define SITE_MARKER ".care-site"	/* as site/site_int.h names it */

struct outside {
	char **paths;
	size_t n;
};

static int on_outside(void *data, const char *path)
{
	struct outside *o = data;

	o->paths = xrealloc(o->paths, (o->n + 1) * sizeof(*o->paths));
	o->paths[o->n++] = xstrdup(path);
	return 0;
}

/* The site folder path is in ("site/", or a folder holding the marker), or NULL. */
static char *site_of(const char *path, char **markers, size_t nmarkers)
{
	size_t i, n;

	if (!strncmp(path, "site/", 5))
		return xstrdup("site/");
	if (!strncmp(path, "site-full/", 10))
		return xstrdup("site-full/");
	for (i = 0; i < nmarkers; i++) {
		n = strlen(markers[i]);
		if (!strncmp(path, markers[i], n))
			return xstrdup(markers[i]);
	}
	return NULL;
}

void outside_check(struct repo *r)
{
	struct outside o = { NULL, 0 };
	char **markers = NULL, *site, *last = NULL;
	size_t nmarkers = 0, count = 0, i, m = strlen(SITE_MARKER);
	const char *kind;

	if (!r->src->commit_ops || !r->src->commit_ops->each_outside ||
	    r->src->commit_ops->each_outside(r->src, on_outside, &o) < 0)
		return;
	for (i = 0; i < o.n; i++) {
		size_t n = strlen(o.paths[i]);
		if (n >= m && !strcmp(o.paths[i] + n - m, SITE_MARKER) &&
		    (n == m || o.paths[i][n - m - 1] == '/')) {
			markers = xrealloc(markers, (nmarkers + 1) * sizeof(*markers));
			markers[nmarkers++] = xstrndup(o.paths[i], n - m);
		}
	}
	/* One error per site (the index is in path order), one per render file. */
	for (i = 0; i <= o.n; i++) {
		site = i < o.n ? site_of(o.paths[i], markers, nmarkers) : NULL;
		if (last && (!site || strcmp(site, last))) {
			r->files++;
			diag_add(&r->diags, *last ? last : ".", 0, 0, DIAG_ERROR, "rendered-site",
				 _("a site care render made is staged (%zu files): it is made from the records and may show what only staff should see, so it is never committed; unstage it with 'git rm -r --cached %s'"),
				 count, *last ? last : ".");
			free(last);
			last = NULL;
		}
		if (site && !last) {
			last = site;
			count = 0;
		} else {
			free(site);
		}
		count++;
		if (i == o.n || last)
			continue;
		if ((kind = render_file(o.paths[i]))) {
			r->files++;
			diag_add(&r->diags, o.paths[i], 0, 0, DIAG_ERROR, "rendered-site",
				 !strcmp(kind, ".care-key") ?
				 _("this is the render's secret key, which hides the names of private pages; it is never committed, or anyone who can read the repository could find them: unstage it with 'git rm --cached %s'") :
				 _("this file belongs to care render (its cache or lock), not to the records; unstage it with 'git rm --cached %s'"),
				 o.paths[i]);
		}
	}
	for (i = 0; i < o.n; i++)
		free(o.paths[i]);
	free(o.paths);
	for (i = 0; i < nmarkers; i++)
		free(markers[i]);
	free(markers);
}
