/*
 * A records repository: its setup (schemas and programme.yaml), its list
 * of records, and the order of a check: list (list.c), check each record
 * on a pool of threads (check.c), then the rules between records
 * (rules.c), which see the repository only through a narrow context.
 */
#include "records/repo.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "records/identifiers.h"
#include "records/repo_int.h"
#include "records/rules.h"
#include "util/calendar.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "yaml/hazards.h"
#include "yaml/tree.h"
#include "yaml/valuepos.h"
#include "util/banned.h"

int repo_find_top(char **top)
{
	char *dir = getcwd(NULL, 0);
	struct stat st;

	*top = NULL;
	while (dir) {
		char *probe = xstrfmt("%s/records/programme.yaml", strcmp(dir, "/") ? dir : "");
		int found = !stat(probe, &st);
		char *slash = strrchr(dir, '/');

		free(probe);
		if (found) {
			*top = dir;
			return 0;
		}
		if (!slash || !strcmp(dir, "/"))
			break;
		slash[slash == dir] = '\0';	/* "/a" becomes "/", "/a/b" "/a" */
	}
	free(dir);
	return error_set("%s", _("care: no records/programme.yaml here or in any parent folder; run care in a records repository, or use 'care -C DIR'\n"));
}

void repo_init(struct repo *r, struct source *src)
{
	memset(r, 0, sizeof(*r));
	r->src = src;
	r->priv = xcalloc(1, sizeof(*r->priv));
	cal_today(r->today);
}

void repo_set_hooks(struct repo *r, const struct repo_hooks *hooks)
{
	r->priv->hooks = *hooks;
}

void record_release(struct record *rec)
{
	size_t i;

	free(rec->path);
	free(rec->id);
	free(rec->child);
	free(rec->name);
	for (i = 0; i < rec->nrefs; i++)
		free(rec->refs[i].id);
	free(rec->refs);
	diag_list_release(&rec->diags);
}

void repo_release(struct repo *r)
{
	size_t i;

	for (i = 0; i < KIND_NR; i++)
		schema_free(r->schemas[i]);
	schema_free(r->programme_schema);
	for (i = 0; i < r->nr; i++)
		record_release(&r->recs[i]);
	free(r->recs);
	programme_release(&r->prog);
	diag_list_release(&r->diags);
	if (r->priv) {
		for (i = 0; i < r->priv->ndeleted; i++)
			free(r->priv->deleted[i]);
		free(r->priv->deleted);
		free(r->priv);
	}
	memset(r, 0, sizeof(*r));
}

void read_error(const struct repo *r, const char *path, struct diag_list *dl)
{
	if (errno == EFBIG)
		diag_add(dl, path, 0, 0, DIAG_ERROR, "file-too-large", "%s",
			 _("file is larger than 1 MiB; a record is a few KiB, so this is not a record file"));
	else if (errno == ELOOP)
		diag_add(dl, path, 0, 0, DIAG_ERROR, "symlink", "%s",
			 _("this is a symbolic link; records must be ordinary files (links are never followed)"));
	else if (errno == ENODEV)
		diag_add(dl, path, 0, 0, DIAG_ERROR, "not-a-file", "%s",
			 _("a FIFO or device is not a file a teacher writes; remove it"));
	else if (r->src->kind != SOURCE_FOLDER && errno == ENOENT)
		diag_add(dl, path, 0, 0, DIAG_ERROR, "io", "%s",
			 _("this file is not in git's index; add it with 'git add'"));
	else if (r->src->kind != SOURCE_FOLDER)
		diag_add(dl, path, 0, 0, DIAG_ERROR, "io", _("git cannot read the staged file: %s"),
			 error_last());
	else
		diag_add(dl, path, 0, 0, DIAG_ERROR, "io", _("cannot read the file: %s"),
			 strerror(errno));
}

static int load_schema(struct repo *r, const char *name, struct schema **out)
{
	struct strbuf sb = STRBUF_INIT;
	char *path = xstrfmt("records/schema/%s.yaml", name);
	int ret = -1;

	if (source_read(r->src, 0, path, YDOC_MAX_SIZE, &sb) < 0) {
		read_error(r, path, &r->diags);
		goto cleanup;
	}
	if (text_scan(sb.buf, sb.len, path, &r->diags))
		goto cleanup;
	ret = schema_load(out, path, sb.buf, sb.len, &r->diags);
cleanup:
	free(path);
	strbuf_release(&sb);
	return ret;
}

/* Warnings (an empty private_activity_kinds) do not stop a render; errors do. */
static size_t errors_since(const struct diag_list *dl, size_t from)
{
	size_t n = 0;

	for (; from < dl->nr; from++)
		n += dl->v[from].level == DIAG_ERROR;
	return n;
}

/* programme.yaml's free text (the school's name, the site's title, group names) is published too. */
struct setup_text {
	struct diag_list *dl;
	const char *path, *buf;
	size_t len;
	struct yplace at;
};

static void on_setup_text(void *data, const char *field, const struct ynode *value)
{
	struct setup_text *t = data;

	rules_free_text_at(t->dl, t->path, t->buf, t->len, &t->at, field, value);
}

int repo_load_setup(struct repo *r)
{
	static const char *const path = "records/programme.yaml";
	struct strbuf sb = STRBUF_INIT;
	struct ydoc *doc = NULL;
	struct regex_scratch *scratch = NULL;
	struct setup_text text = { &r->diags, path, NULL, 0, YPLACE_INIT };
	struct validate_hooks hooks = { NULL, on_setup_text, &text };
	size_t before;
	int i, ret = -1;

	for (i = 0; i < KIND_NR; i++)
		if (load_schema(r, kind_names[i], &r->schemas[i]) < 0)
			goto cleanup;
	if (load_schema(r, "programme", &r->programme_schema) < 0)
		goto cleanup;
	if (pii_init() < 0)
		goto cleanup;
	ret = 1;
	before = r->diags.nr;
	r->files++;
	if (source_read(r->src, 0, path, YDOC_MAX_SIZE, &sb) < 0) {
		read_error(r, path, &r->diags);
		goto cleanup;
	}
	if (text_scan(sb.buf, sb.len, path, &r->diags) ||
	    ydoc_parse(&doc, sb.buf, sb.len, path, &r->diags) < 0)
		goto cleanup;
	scratch = regex_scratch_new();
	text.buf = sb.buf;
	text.len = sb.len;
	schema_validate(r->programme_schema, ydoc_root(doc), path, &r->diags, scratch, &hooks);
	programme_read(&r->prog, doc, snode_property(schema_root(r->schemas[KIND_ACTIVITY]), "kind"),
		       path, &r->diags);
	doc = NULL;	/* now owned by r->prog */
	ret = errors_since(&r->diags, before) > 0;
cleanup:
	regex_scratch_free(scratch);
	ydoc_free(doc);
	strbuf_release(&sb);
	return ret;
}

struct record *add_record(struct repo *r, enum kind kind, char *path)
{
	struct record *rec;

	if (r->nr == r->priv->alloc) {
		r->priv->alloc = r->priv->alloc ? r->priv->alloc * 2 : 256;
		r->recs = xrealloc(r->recs, r->priv->alloc * sizeof(*r->recs));
	}
	rec = &r->recs[r->nr++];
	memset(rec, 0, sizeof(*rec));
	rec->kind = kind;
	rec->path = path;
	return rec;
}

void stray(struct repo *r, const char *dir, const char *name, enum stray_type type)
{
	char *path = xstrfmt("%s/%s", dir, name);
	size_t n = strlen(name);

	r->files++;
	if (type == STRAY_SUBMODULE)
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "submodule", "%s",
			 _("a git submodule inside a record folder; record folders hold only .yaml files, so remove it with 'git rm --cached'"));
	else if (type == STRAY_LINK)
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "symlink", "%s",
			 _("this is a symbolic link; records must be ordinary files (links are never followed), so replace it with the file itself"));
	else if (type == STRAY_OTHER)
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "not-a-file", "%s",
			 _("a FIFO or device is not a file a teacher writes; remove it"));
	else if (type == STRAY_DIR)
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "stray-file", "%s",
			 _("a folder inside a record folder; record folders hold only .yaml files, so move it elsewhere"));
	else if (type == STRAY_FILE && n > 4 && !strcmp(name + n - 4, ".yml"))
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "stray-file",
			 _("record files end in '.yaml'; rename it to '%.*s.yaml'"), (int)(n - 4), name);
	else
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "stray-file", "%s",
			 _("not a record file (record files end in '.yaml'); move it out of the records folder or delete it"));
	free(path);
}

static int has(void *data, enum kind kind, const char *id)
{
	return repo_has(data, kind, id);
}

static const struct record *find(void *data, enum kind kind, const char *id)
{
	return repo_find(data, kind, id);
}

void repo_rules_ctx(const struct repo *r, struct rules_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->today = r->today;
	ctx->prog = &r->prog;
	ctx->child_status = snode_property(schema_root(r->schemas[KIND_CHILD]), "status");
	ctx->complete = r->priv->complete;
	ctx->has = has;
	ctx->has_data = (void *)r;
	ctx->find = find;
	ctx->deleted = r->priv->deleted;
	ctx->ndeleted = r->priv->ndeleted;
}

/* Is the school's report text among the paths checked (all when none)? */
static int texts_wanted(char **paths, size_t npaths)
{
	size_t i;

	for (i = 0; i < npaths; i++)
		if (!strncmp(paths[i], "records/report", 14) || !strcmp(paths[i], "records") ||
		    !strcmp(paths[i], "records/") || !strcmp(paths[i], "."))
			return 1;
	return !npaths;
}

int repo_check(struct repo *r, char **paths, size_t npaths)
{
	struct rules_ctx ctx;

	if (repo_list(r, paths, npaths) < 0)
		return -1;
	check_selected(r);
	if (texts_wanted(paths, npaths) && texts_check(r) < 0)
		return -1;
	if (known_check(r, paths, npaths) < 0)
		return -1;
	outside_check(r);
	if (schema_change_check(r) < 0)
		return -1;
	repo_rules_ctx(r, &ctx);
	rules_across(&ctx, r->recs, r->nr);
	return 0;
}

int repo_has(const struct repo *r, enum kind kind, const char *id)
{
	char *path;
	int found;

	if (!r->src->incremental)
		return repo_find(r, kind, id) != NULL;
	path = xstrfmt("records/%s/%s.yaml", kind_dirs[kind], id);
	found = source_has(r->src, path);
	free(path);
	return found;
}

const struct record *repo_find(const struct repo *r, enum kind kind, const char *id)
{
	size_t lo = 0, hi = r->nr;

	/* Records are listed kind by kind, each kind sorted by file name. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct record *m = &r->recs[mid];
		int c = m->kind != kind ? (m->kind < kind ? -1 : 1) : strcmp(m->id, id);
		if (!c)
			return m;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void repo_collect(struct repo *r, struct diag_list *out)
{
	size_t i;

	diag_list_move(out, &r->diags);
	for (i = 0; i < r->nr; i++)
		diag_list_move(out, &r->recs[i].diags);
	diag_list_sort(out);
}
