/*
 * A commit that weakens what the schemas keep private. A field marked
 * x-sensitive (phones, addresses, health) is left out of the staff site,
 * and an activity of a private kind shows only its date, kind and count;
 * one line changed in a schema or in programme.yaml would publish them
 * all, and every record would still pass. So, from the index, each
 * staged schema is compared with HEAD's: a field HEAD marks x-sensitive
 * must still be there and marked, and every kind HEAD's programme.yaml
 * keeps private (its list, or the default when the key is absent) must
 * still be kept. The school may decide otherwise, deliberately: with
 * CARE_ALLOW_SCHEMA_CHANGE=1 in the environment each weakening is a
 * warning instead.
 */
#include "records/repo_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "yaml/tree.h"
#include "util/banned.h"

struct weak {
	struct repo *r;
	const char *path;
	int allowed;
	const struct ynode *at;	/* where to point in the staged file, or NULL */
};

enum weakening { UNMARKED, REMOVED, NOT_PRIVATE };

static void weakened(struct weak *w, const char *what, enum weakening how)
{
	int line = w->at ? w->at->line : 0, col = w->at ? w->at->col : 0;

	if (w->allowed)
		diag_add(&w->r->diags, w->path, line, col, DIAG_WARNING, "schema-weakened",
			 _("'%s' is no longer kept private (CARE_ALLOW_SCHEMA_CHANGE=1 is set): from this commit on the staff site publishes it"),
			 what);
	else if (how == UNMARKED)
		diag_add(&w->r->diags, w->path, line, col, DIAG_ERROR, "schema-weakened",
			 _("'%s' is no longer marked x-sensitive: its values would be published on the staff site; if the school means this, commit with CARE_ALLOW_SCHEMA_CHANGE=1 git commit ..."),
			 what);
	else if (how == REMOVED)
		diag_add(&w->r->diags, w->path, line, col, DIAG_ERROR, "schema-weakened",
			 _("'%s', marked x-sensitive in the last commit, is gone from the schema: values still written there would be published on the staff site; if the school means this, commit with CARE_ALLOW_SCHEMA_CHANGE=1 git commit ..."),
			 what);
	else
		diag_add(&w->r->diags, w->path, line, col, DIAG_ERROR, "schema-weakened",
			 _("'%s' is no longer in private_activity_kinds: who took part in those activities and what was said would be published on the staff site; if the school means this, commit with CARE_ALLOW_SCHEMA_CHANGE=1 git commit ..."),
			 what);
}

/* Compares the node old (HEAD's) named name with cur (the staged one, or NULL). */
static void compare(struct weak *w, const struct snode *old, const struct snode *cur,
		    struct strbuf *name, int depth)
{
	size_t i, len = name->len;

	/* A $ref may lead back up; records are never nested this deep. */
	if (depth > 32)
		return;

	if (snode_sensitive(old) && (!cur || !snode_sensitive(cur))) {
		weakened(w, len ? name->buf : w->path, cur ? UNMARKED : REMOVED);
		if (!cur)
			return;	/* its fields went with it */
	}
	for (i = 0; i < snode_nprops(old); i++) {
		const char *key = snode_prop_name(old, i);
		if (len)
			strbuf_addch(name, '.');
		strbuf_addstr(name, key);
		compare(w, snode_prop(old, i), cur ? snode_property(cur, key) : NULL, name, depth + 1);
		name->len = len;
		name->buf[len] = '\0';
	}
	/* A list's items are named as the list: "parents.phone". */
	if (snode_items(old))
		compare(w, snode_items(old), cur ? snode_items(cur) : NULL, name, depth + 1);
}

/* HEAD's text of path into sb: 1, 0 when HEAD has none, -1 on failure. */
static int read_head(struct repo *r, const char *path, struct strbuf *sb)
{
	if (r->src->commit_ops->read_head(r->src, path, YDOC_MAX_SIZE, sb) == 0)
		return 1;
	if (errno == ENOENT || errno == ELOOP)
		return 0;
	return error_set(_("care: cannot read '%s' in the last commit: %s\n"), path, error_last());
}

static int compare_schema(struct weak *w, const char *name, const struct schema *cur)
{
	struct strbuf sb = STRBUF_INIT, field = STRBUF_INIT;
	struct diag_list scratch = DIAG_LIST_INIT;
	struct schema *old = NULL;
	char *path = xstrfmt("records/schema/%s.yaml", name);
	int rc = 0;

	if (!cur || !w->r->src->ops->changed(w->r->src, path))
		goto cleanup;
	rc = read_head(w->r, path, &sb);
	/* HEAD's schema passed when it was committed; one that no longer loads is no guide. */
	if (rc <= 0 || schema_load(&old, path, sb.buf, sb.len, &scratch) < 0)
		goto cleanup;
	w->path = path;
	w->at = NULL;
	compare(w, schema_root(old), schema_root(cur), &field, 0);
cleanup:
	schema_free(old);
	diag_list_release(&scratch);
	strbuf_release(&field);
	strbuf_release(&sb);
	free(path);
	return rc < 0 ? -1 : 0;
}

static int is_private(const struct programme *p, const char *kind)
{
	size_t i;

	for (i = 0; i < p->nprivate_kinds; i++)
		if (!strcmp(p->private_kinds[i], kind))
			return 1;
	return 0;
}

static int compare_private_kinds(struct weak *w)
{
	static const char *const path = "records/programme.yaml";
	static const char *const key = "private_activity_kinds";
	struct strbuf sb = STRBUF_INIT;
	struct diag_list scratch = DIAG_LIST_INIT;
	struct ydoc *doc = NULL;
	const struct ynode *list;
	size_t i;
	int rc = 0;

	/* A staged list that is not valid is an error already. */
	if (!w->r->prog.private_ok || !w->r->src->ops->changed(w->r->src, path))
		goto cleanup;
	rc = read_head(w->r, path, &sb);
	if (rc <= 0 || ydoc_parse(&doc, sb.buf, sb.len, path, &scratch) < 0)
		goto cleanup;
	w->path = path;
	w->at = w->r->prog.doc ? ynode_get(ydoc_root(w->r->prog.doc), key) : NULL;
	list = ynode_get(ydoc_root(doc), key);
	if (!list) {
		for (i = 0; i < 2; i++)
			if (!is_private(&w->r->prog, programme_default_private[i]))
				weakened(w, programme_default_private[i], NOT_PRIVATE);
	} else if (list->type == YNODE_SEQ) {
		for (i = 0; i < list->len; i++) {
			const char *kind = ynode_is_null(list->u.kids[i]) ? NULL : ynode_text(list->u.kids[i]);
			if (kind && !is_private(&w->r->prog, kind))
				weakened(w, kind, NOT_PRIVATE);
		}
	}
cleanup:
	ydoc_free(doc);
	diag_list_release(&scratch);
	strbuf_release(&sb);
	return rc < 0 ? -1 : 0;
}

int schema_change_check(struct repo *r)
{
	const char *allow = getenv("CARE_ALLOW_SCHEMA_CHANGE");
	struct weak w = { r, NULL, allow && !strcmp(allow, "1"), NULL };
	int k;

	if (!r->src->commit_ops || !r->src->commit_ops->read_head)
		return 0;
	for (k = 0; k < KIND_NR; k++)
		if (compare_schema(&w, kind_names[k], r->schemas[k]) < 0)
			return -1;
	if (compare_schema(&w, "programme", r->programme_schema) < 0)
		return -1;
	return compare_private_kinds(&w);
}
