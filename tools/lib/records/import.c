/*
 * care import: a spreadsheet's rows made records. The sheet is read
 * whole (table/), its headings matched to the kind's columns (rowmap.c)
 * or through a mapping file, each row made a record (rowread.c) and
 * written as YAML (rtree.c), and all of them checked at once by the
 * repository check over the folder plus the new files (overlay.c). Only
 * when every row has passed does import_write() put files on disk.
 */
#include "records/import.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "records/import_int.h"
#include "text/collate.h"
#include "records/overlay.h"
#include "records/rowmap.h"
#include "records/rtree.h"
#include "records/stale.h"
#include "table/csv.h"
#include "table/headmap.h"
#include "util/error.h"
#include "util/i18n.h"
#include "yaml/hazards.h"
#include "yaml/tree.h"
#include "util/fault.h"
#include "util/banned.h"

#define SHEET_MAX (64u << 20)

void import_init(struct import *im, enum kind kind)
{
	memset(im, 0, sizeof(*im));
	im->kind = kind;
}

static void item_free(struct import_item *it)
{
	free(it->id);
	free(it->path);
	free(it->text);
	free(it->label);
	free(it->cols);
	free(it->failed);
	free(it->identity);
}

void import_release(struct import *im)
{
	size_t i;

	for (i = 0; i < im->nitems; i++)
		item_free(&im->items[i]);
	free(im->items);
	free(im->sample);
	diag_list_release(&im->diags);
	memset(im, 0, sizeof(*im));
}

/* --- the sheet --- */

static int read_sheet(struct import *im, const struct import_opts *o, struct csv *sheet)
{
	struct strbuf raw = STRBUF_INIT, text = STRBUF_INIT;
	int ret = -1;

	if (strbuf_read_file(&raw, o->sheet, SHEET_MAX) < 0) {
		error_set(_("care: cannot read '%s': %s\n"), o->sheet_shown,
			  errno == EFBIG ? _("larger than 64 MiB") : strerror(errno));
		goto out;
	}
	if (table_decode(&text, raw.buf, raw.len, o->encoding, o->sheet_shown, &im->encoding) < 0)
		goto out;
	csv_parse(sheet, text.buf, text.len, o->sheet_shown, &im->diags);
	ret = 0;
out:
	strbuf_release(&raw);
	strbuf_release(&text);
	return ret;
}

static int read_map(struct headmap **map, const struct import_opts *o, enum kind kind,
		    struct diag_list *dl)
{
	struct strbuf sb = STRBUF_INIT;
	const char *const *known;
	size_t n;
	int ret;

	*map = NULL;
	if (!o->map)
		return 0;
	if (strbuf_read_file(&sb, o->map, 1 << 20) < 0) {
		error_set(_("care: cannot read '%s': %s\n"), o->map_shown, strerror(errno));
		strbuf_release(&sb);
		return -1;
	}
	known = rowmap_headings(kind, &n);
	ret = headmap_load(map, o->map_shown, sb.buf, sb.len, known, n, dl);
	strbuf_release(&sb);
	return ret < 0 ? 1 : 0;
}

/* "名单.csv" -> "名单.map.yaml" */
static char *sample_name(const char *sheet)
{
	size_t n = strlen(sheet);

	if (n > 4 && !strcasecmp(sheet + n - 4, ".csv"))
		n -= 4;
	return xstrfmt("%.*s.map.yaml", (int)n, sheet);
}

static int write_sample(struct import *im, const struct import_opts *o, char **headings, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	const char *const *known;
	size_t nknown;
	char *path = sample_name(o->sheet), *again;
	int fd, ret = 0;

	im->sample = sample_name(o->sheet_shown);
	again = xstrfmt("care import %s %s --map %s", kind_dirs[im->kind], o->sheet_shown, im->sample);
	known = rowmap_headings(im->kind, &nknown);
	headmap_sample(&sb, o->sheet_shown, again, headings, n, known, nknown);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0 && errno != EEXIST)
		ret = error_set(_("care: cannot write '%s': %s\n"), im->sample, strerror(errno));
	if (fd >= 0) {
		im->sample_written = 1;
		if (write_all(fd, sb.buf, sb.len) < 0 || close(fd) < 0) {
			ret = error_set(_("care: cannot write '%s': %s\n"), im->sample, strerror(errno));
			unlink(path);
			im->sample_written = 0;
		}
	}
	strbuf_release(&sb);
	free(again);
	free(path);
	return ret;
}

/*
 * Matches the heading row to the kind's columns: (*cols)[j] for sheet
 * column j, NULL for one left out. Returns 0; 1 when the sheet cannot be
 * read (problems in im->diags, or im->sample set); -1 on failure.
 */
static int match_headings(struct import *im, const struct import_opts *o, const struct headmap *map,
			  const struct csv_row *head, const struct column ***out)
{
	size_t ncols, j, k, nunknown = 0;
	const struct column *all = rowmap_columns(im->kind, &ncols);
	const struct column **cols = xcalloc(head->n + 1, sizeof(*cols));
	int problems = 0;

	*out = cols;
	for (j = 0; j < head->n; j++) {
		const char *h = head->cells[j], *target = headmap_column(map, h);

		if (!target && !*h)
			target = "_";	/* an unnamed column: Excel's trailing empty cells */
		for (k = 0; !target && k < ncols; k++)
			if (!strcmp(all[k].heading, h))
				target = h;
		if (!target) {
			nunknown++;
			if (map)
				diag_add(&im->diags, o->sheet_shown, head->row, (int)j + 1, DIAG_ERROR, "import",
					 _("the column '%s' is not in %s; add a line for it there (its heading in care, or _ to leave it out)"),
					 h, o->map_shown);
			continue;
		}
		if (!strcmp(target, "_"))
			continue;
		for (k = 0; k < ncols && strcmp(all[k].heading, target); k++)
			;
		cols[j] = &all[k];
		for (k = 0; k < j; k++)
			if (cols[k] == cols[j]) {
				diag_add(&im->diags, o->sheet_shown, head->row, (int)j + 1, DIAG_ERROR, "import",
					 _("two columns are '%s' (columns %zu and %zu); leave one of them out"),
					 target, k + 1, j + 1);
				problems = 1;
			}
	}
	if (nunknown && !map)
		return write_sample(im, o, head->cells, head->n) < 0 ? -1 : 1;
	return problems || nunknown ? 1 : 0;
}

/* Letters, digits and '-' only, at most 60 (room for "-99"), never empty. */
static char *clean_id(const char *s)
{
	return ascii_slug(s, 60);
}

static int taken(const struct import *im, struct source *src, const char *path)
{
	size_t i;

	for (i = 0; i < im->nitems; i++)
		if (!strcmp(im->items[i].path, path))
			return 1;
	return source_has(src, path);
}

/* The item's id and path: base, or base-2, base-3... when taken. */
static void number_id(struct import *im, struct source *src, struct import_item *it, const char *base)
{
	int n;

	it->id = xstrdup(base);
	it->path = xstrfmt("records/%s/%s.yaml", kind_dirs[im->kind], it->id);
	for (n = 2; taken(im, src, it->path); n++) {
		free(it->id);
		free(it->path);
		it->id = xstrfmt("%s-%d", base, n);
		it->path = xstrfmt("records/%s/%s.yaml", kind_dirs[im->kind], it->id);
	}
}

static const char *label_of(enum kind kind, const struct rnode *root)
{
	if (kind == KIND_CHILD)
		return rnode_get(root, "name");
	if (kind == KIND_PAIRING)
		return rnode_get(root, "mentor.name");
	return rnode_get(root, "title");
}

/* Reports a row the sheet has twice, or one the repository has. 1 when the row is not to be made. */
static int repeated(struct import *im, const struct import_opts *o, const struct known *k,
		    struct import_item *it, const struct rnode *root)
{
	const char *name = rnode_get(root, "name"), *born = rnode_get(root, "birth_date"), *id;
	size_t i;

	for (i = 0; i < im->nitems; i++) {
		if (strcmp(im->items[i].identity, it->identity))
			continue;
		if (im->kind == KIND_CHILD)
			diag_add(&im->diags, o->sheet_shown, it->row, it->first_col, DIAG_ERROR, "duplicate",
				 _("the same child as row %d (%s, born %s); each child is one row, so delete one of them"),
				 im->items[i].row, name, born);
		else if (im->kind == KIND_PAIRING)
			diag_add(&im->diags, o->sheet_shown, it->row, it->first_col, DIAG_ERROR, "duplicate",
				 _("the same pairing as row %d (the same child, mentor and start date); delete one of them"),
				 im->items[i].row);
		else
			diag_add(&im->diags, o->sheet_shown, it->row, it->first_col, DIAG_ERROR, "duplicate",
				 _("the same activity as row %d (the same date, kind and title); delete one of them"),
				 im->items[i].row);
		return 1;
	}
	if (!(id = known_as(k, it->identity)))
		return 0;
	im->skipped++;
	if (im->kind == KIND_CHILD)
		diag_add(&im->diags, o->sheet_shown, it->row, it->first_col, DIAG_WARNING, "already-there",
			 _("%s (born %s) is already in the repository as %s; row skipped"), name, born, id);
	else
		diag_add(&im->diags, o->sheet_shown, it->row, it->first_col, DIAG_WARNING, "already-there",
			 _("this row is already in the repository as %s; row skipped"), id);
	return 1;
}

/* Makes the record of one data row, adding it to im unless it is not to be made. */
static void make_row(struct import *im, const struct import_opts *o, struct repo *r,
		     const struct known *k, struct row_ctx *ctx, const struct headmap *map,
		     const struct column **cols,
		     const struct csv_row *head, const struct csv_row *row)
{
	const struct column **used = xcalloc(head->n + 1, sizeof(*used));
	const char **cells = xcalloc(head->n + 1, sizeof(*cells));
	int *colno = xcalloc(head->n + 1, sizeof(*colno));
	struct import_item it;
	struct rnode *root;
	struct strbuf text = STRBUF_INIT;
	struct diag_list scratch = DIAG_LIST_INIT;
	struct ydoc *doc = NULL;
	const char *given;
	size_t j, n = 0;
	char *base;

	memset(&it, 0, sizeof(it));
	it.row = row->row;
	for (j = 0; j < row->n; j++)
		if (j >= head->n && *row->cells[j])
			diag_add(&im->diags, o->sheet_shown, row->row, (int)j + 1, DIAG_ERROR, "import", "%s",
				 _("this cell is in a column without a heading; give the column a heading or move the value"));
	for (j = 0; j < head->n; j++) {
		if (!cols[j])
			continue;
		used[n] = cols[j];
		colno[n] = (int)j + 1;
		cells[n] = headmap_value(map, cols[j]->heading,
					 j < row->n ? row->cells[j] : "");
		if (cols[j]->conv == COL_ID)
			it.id_col = colno[n];
		if (!it.first_col)
			it.first_col = colno[n];
		n++;
	}
	root = rowmap_build(ctx, im->kind, used, colno, cells, n, row->row, &given);
	it.failed = ctx->failed;
	it.nfailed = ctx->nfailed;
	ctx->failed = NULL;
	ctx->nfailed = 0;
	rtree_emit(&text, root, schema_root(r->schemas[im->kind]), &it.cols, &it.ncols);
	it.text = strbuf_detach(&text, NULL);
	it.label = xstrdup(label_of(im->kind, root) ? label_of(im->kind, root) : "");
	if (!text_scan(it.text, strlen(it.text), "-", &scratch))
		ydoc_parse(&doc, it.text, strlen(it.text), "-", &scratch);
	it.identity = doc ? rowmap_identity(im->kind, ydoc_root(doc)) : NULL;
	if (!it.identity)
		it.identity = xstrfmt("\x1drow %d", row->row);	/* incomplete: like no other */
	if (repeated(im, o, k, &it, root)) {
		item_free(&it);
		goto out;
	}
	if (given && !is_valid_id(given))
		diag_add(&im->diags, o->sheet_shown, row->row, it.id_col, DIAG_ERROR, "bad-id",
			 _("'%s' is not a valid id: use only lowercase letters a-z, digits and '-', such as wang-xiaoming-2015, or leave the cell empty"),
			 given);
	base = given ? clean_id(given) : NULL;
	if (!base) {
		char *raw = doc ? rowmap_base_id(im->kind, ydoc_root(doc)) : xstrdup("x");
		base = clean_id(raw);
		free(raw);
	}
	number_id(im, r->src, &it, base);
	free(base);
	im->items = xrealloc(im->items, (im->nitems + 1) * sizeof(*im->items));
	im->items[im->nitems++] = it;
out:
	ydoc_free(doc);
	diag_list_release(&scratch);
	rnode_free(root);
	free(used);
	free(cells);
	free(colno);
}

static int cmp_item_path(const void *a, const void *b)
{
	return strcmp((*(struct import_item *const *)a)->path, (*(struct import_item *const *)b)->path);
}

static int has_col(const struct import_item *it, int col)
{
	size_t i;

	for (i = 0; i < it->nfailed; i++)
		if (it->failed[i] == col)
			return 1;
	return 0;
}

/*
 * Checks the new records as `care check` would, beside those in the
 * folder, and reports each problem at the cell its line came from. A
 * problem at a cell already reported unreadable is not repeated.
 */
static int check_items(struct import *im, const struct import_opts *o, struct repo *r)
{
	struct source *ov = NULL;
	struct repo check;
	struct diag_list all = DIAG_LIST_INIT;
	char **paths = xcalloc(im->nitems + 1, sizeof(*paths));
	char **texts = xcalloc(im->nitems + 1, sizeof(*texts));
	struct import_item **byp = xcalloc(im->nitems + 1, sizeof(*byp));
	size_t i;
	int ret = -1;

	for (i = 0; i < im->nitems; i++) {
		paths[i] = im->items[i].path;
		texts[i] = im->items[i].text;
		byp[i] = &im->items[i];
	}
	qsort(byp, im->nitems, sizeof(*byp), cmp_item_path);
	source_open_overlay(&ov, r->src, paths, texts, im->nitems);
	repo_init(&check, ov);
	if (repo_load_setup(&check) != 0) {
		error_set("%s", _("care: the setup (programme.yaml or a schema) has errors; run care check\n"));
		goto out;
	}
	if (repo_check(&check, paths, im->nitems) < 0)
		goto out;
	repo_collect(&check, &all);
	for (i = 0; i < all.nr; i++) {
		const struct diag *d = &all.v[i];
		struct import_item key, *kp = &key, **found;
		int col = 0;

		key.path = d->path;
		found = bsearch(&kp, byp, im->nitems, sizeof(*byp), cmp_item_path);
		if (!found)
			continue;
		if (d->line > 0 && (size_t)d->line <= (*found)->ncols)
			col = (*found)->cols[d->line - 1];
		if (!col)
			col = d->line <= 0 && (*found)->id_col ? (*found)->id_col : (*found)->first_col;
		if (has_col(*found, col))
			continue;
		diag_add(&im->diags, o->sheet_shown, (*found)->row, col, d->level, d->rule, "%s", d->msg);
	}
	ret = 0;
out:
	diag_list_release(&all);
	repo_release(&check);
	source_free(ov);
	free(paths);
	free(texts);
	free(byp);
	return ret;
}

int import_prepare(struct import *im, struct repo *r, const struct import_opts *o)
{
	struct csv sheet = { NULL, 0 };
	struct headmap *map = NULL;
	struct known k;
	struct row_ctx ctx;
	const struct column **cols = NULL;
	size_t i, nforms;
	int ret = -1, rc;

	memset(&k, 0, sizeof(k));
	if (read_sheet(im, o, &sheet) < 0)
		goto out;
	if ((rc = read_map(&map, o, im->kind, &im->diags)) < 0)
		goto out;
	ret = 0;
	if (rc || diag_list_count(&im->diags, DIAG_ERROR))
		goto out;
	if (!sheet.nrows) {
		diag_add(&im->diags, o->sheet_shown, 0, 0, DIAG_ERROR, "import", "%s",
			 _("the sheet is empty; its first row holds the headings (姓名, 性别...), one row per record below it"));
		goto out;
	}
	if ((rc = match_headings(im, o, map, &sheet.rows[0], &cols)) != 0) {
		ret = rc < 0 ? -1 : 0;
		goto out;
	}
	if (load_known(&k, r->src, im->kind) < 0) {
		ret = -1;
		goto out;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.schema = schema_root(r->schemas[im->kind]);
	ctx.prog = &r->prog;
	if (programme_school_year(&r->prog, r->today, &ctx.school_year, NULL) < 0)
		ctx.school_year = atoi(r->today);
	ctx.date_forms = headmap_dates(map, &nforms);
	ctx.ndate_forms = nforms;
	ctx.kids = k.kids;
	ctx.nkids = k.nkids;
	ctx.sheet = o->sheet_shown;
	ctx.dl = &im->diags;
	for (i = 1; i < sheet.nrows; i++) {
		im->rows++;
		make_row(im, o, r, &k, &ctx, map, cols, &sheet.rows[0], &sheet.rows[i]);
	}
	free(ctx.failed);
	if (im->nitems && check_items(im, o, r) < 0)
		ret = -1;
out:
	diag_list_sort(&im->diags);
	known_release(&k);
	free(cols);
	headmap_free(map);
	csv_release(&sheet);
	return ret;
}

/* --- writing --- */

static int write_whole(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666), e;

	if (fd < 0)
		return -1;
	if (write_all(fd, text, strlen(text)) < 0 || sys_fsync(fd) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

int import_write(struct import *im)
{
	char tmpdir[] = "records/.care-import-XXXXXX";
	char *dir = xstrfmt("records/%s", kind_dirs[im->kind]);
	char **tmp = xcalloc(im->nitems + 1, sizeof(*tmp));
	size_t i, linked = 0, written = 0;
	int ret = -1, lock = -1;

	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		error_set(_("care: cannot make the folder '%s': %s\n"), dir, strerror(errno));
		goto out;
	}
	if (stale_real_folder(dir) < 0)
		goto out;
	/* What an import killed before the links left: never a record, only copies. */
	stale_remove("records", ".care-import-");
	if ((lock = stale_make(tmpdir, 1)) < 0) {
		error_set(_("care: cannot make a temporary folder in records: %s\n"), strerror(errno));
		goto out;
	}
	/* Every file whole first, under a name no reader looks at... */
	for (written = 0; written < im->nitems; written++) {
		tmp[written] = xstrfmt("%s/%s.yaml", tmpdir, im->items[written].id);
		if (write_whole(tmp[written], im->items[written].text) < 0) {
			error_set(_("care: cannot write '%s': %s; nothing was imported\n"),
				  im->items[written].path, strerror(errno));
			unlink(tmp[written]);
			goto undo;
		}
	}
	/* ...then each linked to its name, which never replaces a file. */
	for (linked = 0; linked < im->nitems; linked++)
		if (sys_link(tmp[linked], im->items[linked].path) < 0) {
			if (errno == EEXIST)
				error_set(_("care: '%s' appeared while importing; nothing was imported, run care import again\n"),
					  im->items[linked].path);
			else
				error_set(_("care: cannot write '%s': %s; nothing was imported\n"),
					  im->items[linked].path, strerror(errno));
			goto undo;
		}
	ret = 0;
undo:
	if (ret)
		for (i = 0; i < linked; i++)
			unlink(im->items[i].path);
	for (i = 0; i < written; i++)
		unlink(tmp[i]);
	rmdir(tmpdir);
	close(lock);
out:
	for (i = 0; i < im->nitems; i++)
		free(tmp[i]);
	free(tmp);
	free(dir);
	return ret;
}
