/*
 * Listing the record folders of a source and choosing which records to
 * check. From the folder or a commit every record is listed, so that a
 * reference can be looked up in the list. From the index (a commit being
 * made) the cost must follow the size of the change, not of the county's
 * records: only entries that differ from HEAD are listed and parsed, and
 * references are looked up in the index. A deleted child is the
 * exception: the records still naming it are found by a text search of
 * the staged pairings and activities, and only those are parsed.
 */
#include <stdlib.h>
#include <string.h>

#include "records/repo_int.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/limit.h"
#include "util/strbuf.h"
#include "yaml/tree.h"
#include "util/banned.h"

/* Entries in one record folder (docs/design.md, "Limits"); CARE_TEST_MAX_FILES lowers it. */
#define REPO_MAX_FILES 100000

static const char *const setup_files[] = {
	"records/programme.yaml", "records/schema/child.yaml", "records/schema/pairing.yaml",
	"records/schema/activity.yaml", "records/schema/programme.yaml",
};

struct lister {
	struct repo *r;
	enum kind kind;
	const char *dir;	/* "records/children" */
	char **paths;
	size_t npaths;
	int all;		/* check everything, changed or not */
	size_t entries, max;	/* in this folder, and how many may be */
};

static int under(const char *path, char **paths, size_t npaths)
{
	size_t i, n;

	if (!npaths)
		return 1;
	for (i = 0; i < npaths; i++) {
		n = strlen(paths[i]);
		if (!n || (!strncmp(path, paths[i], n) && (path[n] == '/' || !path[n] ||
							    paths[i][n - 1] == '/')))
			return 1;
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

/*
 * May an unchanged pairing or activity still name a deleted child? Then
 * it is parsed and checked, which reports the dangling reference on the
 * parsed value. The text is only a quick sieve: an id it holds as written,
 * or any backslash, since a YAML escape ("li-na-\x32016") can spell an id
 * the text does not show. A file that cannot be read is checked, which
 * says so.
 */
static int names_deleted(struct repo *r, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k;
	int found = 1;

	if (source_read(r->src, 0, path, YDOC_MAX_SIZE, &sb) == 0) {
		found = memchr(sb.buf, '\\', sb.len) != NULL;
		for (k = 0; k < r->priv->ndeleted && !found; k++)
			found = mentions(sb.buf, sb.len, r->priv->deleted[k]);
	}
	strbuf_release(&sb);
	return found;
}

/* Upper-case names are bad ids already; a twin in lower case is worse. */
static void case_clash(struct repo *r, const struct record *rec)
{
	char *lower = xstrdup(rec->path), *p;

	for (p = strrchr(lower, '/'); *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	if (strcmp(lower, rec->path) && source_has(r->src, lower))
		diag_add(&r->diags, rec->path, 0, 0, DIAG_ERROR, "case-clash",
			 _("this name differs from '%s' only in upper and lower case; Windows and macOS see the two as one file, so rename or remove one of them"),
			 lower);
	free(lower);
}

static int on_entry(void *data, const struct source_entry *e)
{
	struct lister *l = data;
	struct repo *r = l->r;
	size_t n = strlen(e->name), dlen = strlen(l->dir);
	int incremental = r->src->incremental;
	struct record *rec;
	char *path;
	int selected;

	/* Every entry costs memory and a page: a bound, far above a county's 45,000. */
	if (++l->entries > l->max) {
		diag_add(&r->diags, l->dir, 0, 0, DIAG_ERROR, "too-many-files",
			 _("more than %zu files in this folder, the most care reads (a county has about 45,000 records); keep one repository per school or district"),
			 l->max);
		return 1;
	}
	/*
	 * From the index, most entries are unchanged: they cost a comparison
	 * and nothing else, so a hook's check follows the size of the commit.
	 */
	if (incremental && !l->all && !e->changed &&
	    (l->kind == KIND_CHILD || !r->priv->ndeleted || e->type != ENTRY_FILE))
		return 0;
	/* No printf per entry: a county has 45,000 of them. */
	path = xmalloc(dlen + n + 2);
	memcpy(path, l->dir, dlen);
	path[dlen] = '/';
	memcpy(path + dlen + 1, e->name, n + 1);
	selected = under(path, l->paths, l->npaths);

	if (e->type != ENTRY_FILE || n <= 5 || strcmp(e->name + n - 5, ".yaml")) {
		if (selected && (!incremental || l->all || e->changed))
			stray(r, l->dir, e->name, e->type == ENTRY_LINK ? STRAY_LINK :
				  e->type == ENTRY_DIR ? STRAY_DIR :
				  e->type == ENTRY_SUBMODULE ? STRAY_SUBMODULE :
				  e->type == ENTRY_OTHER ? STRAY_OTHER : STRAY_FILE);
		free(path);
		return 0;
	}
	/*
	 * From the index, an unchanged record is known from the index when a
	 * reference needs it; it is parsed only if it names a child this
	 * commit deletes.
	 */
	if (incremental && !l->all && !e->changed &&
	    (l->kind == KIND_CHILD || !r->priv->ndeleted || !names_deleted(r, path))) {
		free(path);
		return 0;
	}
	rec = add_record(r, l->kind, path);
	rec->id = xstrndup(e->name, n - 5);
	rec->selected = selected;
	if (selected && !l->npaths && r->priv->hooks.select && !incremental &&
	    !(rec->selected = r->priv->hooks.select(r->priv->hooks.data, rec)))
		r->priv->complete = 0;	/* no warnings that need every record */
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_record_id(const void *a, const void *b)
{
	return strcmp(((const struct record *)a)->id, ((const struct record *)b)->id);
}

static int on_deleted(void *data, const char *path)
{
	struct repo_private *p = data;
	const char *name = strrchr(path, '/') + 1;
	size_t n = strlen(name);

	if (n > 5 && !strcmp(name + n - 5, ".yaml")) {
		p->deleted = xrealloc(p->deleted, (p->ndeleted + 1) * sizeof(*p->deleted));
		p->deleted[p->ndeleted++] = xstrndup(name, n - 5);
	}
	return 0;
}

/* Did the commit change a schema or programme.yaml? Then everything is checked. */
static int setup_changed(struct repo *r)
{
	size_t i;

	for (i = 0; i < sizeof(setup_files) / sizeof(*setup_files); i++)
		if (r->src->ops->changed(r->src, setup_files[i]))
			return 1;
	return 0;
}

int repo_list(struct repo *r, char **paths, size_t npaths)
{
	struct lister l;
	size_t i, first;
	int k;

	memset(&l, 0, sizeof(l));
	l.r = r;
	l.paths = paths;
	l.npaths = npaths;
	l.all = !r->src->incremental || setup_changed(r);
	r->priv->complete = r->src->incremental ? l.all : !npaths;
	if (r->src->incremental && r->src->ops->each_deleted) {
		r->src->ops->each_deleted(r->src, "records/children", on_deleted, r->priv);
		if (r->priv->ndeleted)
			qsort(r->priv->deleted, r->priv->ndeleted, sizeof(*r->priv->deleted), cmp_str);
	}
	for (k = 0; k < KIND_NR; k++) {
		char *dir = xstrfmt("records/%s", kind_dirs[k]);
		int rc;

		l.kind = (enum kind)k;
		l.dir = dir;
		l.entries = 0;
		l.max = limit_get(REPO_MAX_FILES, "CARE_TEST_MAX_FILES");
		first = r->nr;
		rc = source_list(r->src, dir, on_entry, &l);
		free(dir);
		if (rc < 0)
			return -1;
		/* repo_find() searches by id, which sorts apart from "id.yaml". */
		if (r->nr > first)
			qsort(r->recs + first, r->nr - first, sizeof(*r->recs), cmp_record_id);
	}
	if (r->src->kind != SOURCE_FOLDER)
		for (i = 0; i < r->nr; i++)
			if (r->recs[i].selected)
				case_clash(r, &r->recs[i]);
	return 0;
}
