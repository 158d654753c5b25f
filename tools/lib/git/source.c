/*
 * care check --staged: what a commit is about to contain, read from git's
 * index. The cost must follow the size of the change, not of the county's
 * records, so only entries whose blob differs from HEAD are parsed; the
 * rest are known by name only, which is all that resolving a reference
 * needs. A deleted child is the exception: the records still naming it
 * are found by a text search of the staged pairings and activities, and
 * only those that contain the id are parsed.
 */
#include <stdlib.h>
#include <string.h>

#include "git/repo.h"
#include "util/i18n.h"
#include "records/repo_int.h"
#include "records/rules.h"
#include "yaml/tree.h"
#include "util/banned.h"

static const char *const setup_files[] = {
	"records/programme.yaml", "records/schema/child.yaml", "records/schema/pairing.yaml",
	"records/schema/activity.yaml", "records/schema/programme.yaml",
};

struct lister {
	struct repo *r;
	enum kind kind;
	char *dir;		/* "records/children/" */
	char *folder;		/* "records/children" */
	int all;		/* select everything: the schemas changed */
	char *last_sub;		/* the subfolder reported last */
};

static int differs_from_head(struct gitrepo *g, const char *path, unsigned mode,
			     const unsigned char *oid)
{
	unsigned hmode;
	unsigned char hoid[GIT_OID_LEN];

	return !gitrepo_in_head(g, path, &hmode, hoid) || hmode != mode ||
	       memcmp(hoid, oid, GIT_OID_LEN);
}

/* Upper-case names are bad ids already; a twin in lower case is worse. */
static void case_clash(struct repo *r, const struct record *rec)
{
	char *lower = xstrdup(rec->path), *p;
	unsigned mode;
	unsigned char oid[GIT_OID_LEN];

	for (p = strrchr(lower, '/'); *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	if (strcmp(lower, rec->path) && gitrepo_find(r->git, lower, &mode, oid))
		diag_add(&r->diags, rec->path, 0, 0, DIAG_ERROR, "case-clash",
			 _("this name differs from '%s' only in upper and lower case; Windows and macOS see the two as one file, so rename or remove one of them"),
			 lower);
	free(lower);
}

static int setup_changed(struct repo *r)
{
	size_t i;
	unsigned mode;
	unsigned char oid[GIT_OID_LEN];

	for (i = 0; i < sizeof(setup_files) / sizeof(*setup_files); i++)
		if (gitrepo_find(r->git, setup_files[i], &mode, oid) &&
		    differs_from_head(r->git, setup_files[i], mode, oid))
			return 1;
	return 0;
}

static int on_deleted(void *data, const char *path)
{
	struct repo *r = data;
	const char *name = strrchr(path, '/') + 1;
	size_t n = strlen(name);

	if (n > 5 && !strcmp(name + n - 5, ".yaml")) {
		r->deleted = xrealloc(r->deleted, (r->ndeleted + 1) * sizeof(*r->deleted));
		r->deleted[r->ndeleted++] = xstrndup(name, n - 5);
	}
	return 0;
}

static int is_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* Does text hold id as a whole word? */
static int mentions(const char *text, size_t len, const char *id)
{
	size_t n = strlen(id);
	const char *p = text, *end = text + len;

	while ((p = memmem(p, (size_t)(end - p), id, n))) {
		if ((p == text || !is_id_char(p[-1])) && (p + n == end || !is_id_char(p[n])))
			return 1;
		p++;
	}
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Does an unchanged pairing or activity still name a deleted child? Then
 * it is checked, which reports the dangling reference.
 */
static int names_deleted(struct repo *r, const unsigned char *oid)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k;
	int found = 0;

	if (git_reader_read(r->readers[0], oid, YDOC_MAX_SIZE, &sb) == 0)
		for (k = 0; k < r->ndeleted && !found; k++)
			found = mentions(sb.buf, sb.len, r->deleted[k]);
	strbuf_release(&sb);
	return found;
}

static int on_entry(void *data, const struct git_item *it)
{
	struct lister *l = data;
	struct repo *r = l->r;
	const char *name = it->path + strlen(l->dir), *slash = strchr(name, '/');
	size_t n = strlen(name);
	int changed = l->all || differs_from_head(r->git, it->path, it->mode, it->oid);
	struct record *rec;

	if (!it->mode)		/* an unresolved conflict: git refuses the commit */
		return 0;
	if (slash) {
		if (changed && (!l->last_sub || strncmp(l->last_sub, name, (size_t)(slash - name)) ||
				l->last_sub[slash - name])) {
			free(l->last_sub);
			l->last_sub = xstrndup(name, (size_t)(slash - name));
			stray(r, l->folder, l->last_sub, STRAY_DIR);
		}
		return 0;
	}
	if (it->mode == 0120000 || it->mode == 0160000 || n <= 5 || strcmp(name + n - 5, ".yaml")) {
		if (changed) {
			stray(r, l->folder, name, it->mode == 0120000 ? STRAY_LINK :
				  it->mode == 0160000 ? STRAY_SUBMODULE : STRAY_FILE);
		}
		return 0;
	}
	/*
	 * An unchanged record is known from the index when a reference needs
	 * it; it is parsed only if it names a child this commit deletes.
	 */
	if (!changed && (l->kind == KIND_CHILD || !r->ndeleted || !names_deleted(r, it->oid)))
		return 0;
	rec = add_record(r, l->kind, xstrdup(it->path));
	rec->id = xstrndup(name, n - 5);
	rec->selected = 1;
	memcpy(rec->oid, it->oid, GIT_OID_LEN);
	return 0;
}


int repo_check_staged(struct repo *r)
{
	struct lister l = { r, KIND_CHILD, NULL, NULL, 0, NULL };
	size_t i, first;
	int k;

	l.all = setup_changed(r);
	r->all_selected = l.all;
	gitrepo_each_deleted(r->git, "records/children/", on_deleted, r);
	if (r->ndeleted)
		qsort(r->deleted, r->ndeleted, sizeof(*r->deleted), cmp_str);
	for (k = 0; k < KIND_NR; k++) {
		l.kind = (enum kind)k;
		l.folder = xstrfmt("records/%s", kind_dirs[k]);
		l.dir = xstrfmt("records/%s/", kind_dirs[k]);
		first = r->nr;
		gitrepo_each(r->git, l.dir, on_entry, &l);
		/* The index sorts "a-b.yaml" before "a.yaml"; ids sort the other way. */
		if (r->nr > first)
			qsort(r->recs + first, r->nr - first, sizeof(*r->recs), cmp_record_id);
		free(l.dir);
		free(l.folder);
		free(l.last_sub);
		l.last_sub = NULL;
	}
	for (i = 0; i < r->nr; i++)
		if (r->recs[i].selected)
			case_clash(r, &r->recs[i]);
	check_selected(r);
	rules_across(r);
	return 0;
}
