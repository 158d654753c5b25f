/*
 * Rendering the site, whole or in part. A first render (or one after the
 * templates, schemas, programme.yaml or profile changed) writes every page
 * into a new folder that replaces the old site in one step. Later renders
 * read the previous render's manifest: records whose files are unchanged
 * are not read again, and only pages whose fingerprint changed are
 * written, into a new folder first and then moved into the site together,
 * with signals held. Either way a failure or an interruption before that
 * last step leaves the previous site as it was. A render holds the site's
 * lock from before it reads the manifest until after it writes the next,
 * and builds on a manifest only when the folder is the one it describes.
 */
#include "site/site.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "site/site_int.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/fault.h"
#include "util/banned.h"

#ifndef CARE_VERSION
#define CARE_VERSION "0.1"
#endif

void site_interrupt(void)
{
	atomic_store(&site_interrupted, 1);
}

static int select_record(void *data, struct record *rec)
{
	struct site *s = data;
	const struct manifest_record *mr;

	/* Size, times and inode in the folder: what changes when an editor saves. */
	if (!(rec->stamp = source_stamp(s->r->src, rec->path)))
		return 1;
	if (!s->last || !(mr = manifest_record(s->last, rec->path)) || mr->stamp != rec->stamp)
		return 1;
	rec->extra = manifest_summary(s->last, mr, s->cached);
	/*
	 * A private activity's summary keeps no participants, which the
	 * figures count: it is read again, and they go into the facts only.
	 */
	if (rec->extra && mval_get(rec->extra, "private")) {
		rec->extra = NULL;
		return 1;
	}
	return rec->extra == NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void hash_file(uint64_t *h, const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	*h = hash_bytes(*h, path, strlen(path) + 1);
	if (strbuf_read_file(&sb, path, 64 * 1024 * 1024) == 0)
		*h = hash_bytes(*h, sb.buf, sb.len);
	strbuf_release(&sb);
}

static void hash_dir(uint64_t *h, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;

	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrfmt("%s/%s", dir, de->d_name);
	}
	if (d)
		closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		struct stat st;
		if (!stat(names[i], &st) && S_ISDIR(st.st_mode))
			hash_dir(h, names[i]);
		else
			hash_file(h, names[i]);
		free(names[i]);
	}
	free(names);
}

/* Everything a page depends on besides the records themselves. */
static uint64_t config_of(const struct render_opts *o, int full)
{
	uint64_t h = HASH_SEED;

	/* A new build of care may make different pages from the same records. */
	hash_file(&h, "/proc/self/exe");
	h = hash_bytes(h, full ? "full" : "staff", 5);
	/* A site of other days is whole; the next one of today is whole again. */
	if (o->as_of)
		h = hash_bytes(h, o->as_of, strlen(o->as_of));
	hash_dir(&h, o->templates);
	hash_dir(&h, "records/schema");
	hash_file(&h, "records/programme.yaml");
	return h;
}

/*
 * A record the last render had and the folders have no more needs a full
 * render (pages may still name it). Reading the folders costs less than
 * looking each file up.
 */
struct names {
	char **v;
	size_t n;
	const char *dir;
};

static int add_name(void *data, const struct source_entry *e)
{
	struct names *nm = data;

	nm->v = xrealloc(nm->v, (nm->n + 1) * sizeof(*nm->v));
	nm->v[nm->n++] = xstrfmt("%s/%s", nm->dir, e->name);
	return 0;
}

static int nothing_deleted(struct source *src, const struct manifest *m)
{
	struct names nm = { NULL, 0, NULL };
	char **names;
	size_t n, i, k;
	int ok = 1;

	for (k = 0; k < KIND_NR; k++) {
		char *dir = xstrfmt("records/%s", kind_dirs[k]);
		nm.dir = dir;
		source_list(src, dir, add_name, &nm);
		free(dir);
	}
	names = nm.v;
	n = nm.n;
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < manifest_nrecords(m) && ok; i++) {
		const char *path = manifest_record_at(m, i)->path;
		ok = bsearch(&path, names, n, sizeof(*names), cmp_str) != NULL;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return ok;
}

static const char *profile_name(const struct site *s)
{
	return s->full ? "full" : "staff";
}

/*
 * May this render build on the last one's manifest? Only if it was made
 * from the same setup for the same profile, and the folder is the one it
 * describes: the marker names the manifest's folder and profile, every
 * page it lists is there and no other page is. Otherwise (a render of the
 * other profile came in between, a page was deleted or added by hand, the
 * folder came back from a backup) the render is whole, which costs time,
 * never a page.
 */
static int can_build_on(const struct site *s, const struct manifest *m)
{
	char *marker;
	int ok;

	if (manifest_config(m) != s->config || strcmp(manifest_profile(m), profile_name(s)) ||
	    manifest_site(m) != site_folder_id(s->opts->out))
		return 0;
	marker = site_marker_text(profile_name(s));
	ok = site_marker_is(s->opts->out, marker) && site_has_pages_of(s->opts->out, m) &&
	     nothing_deleted(s->r->src, m);
	free(marker);
	return ok;
}

int site_new(struct site **out, struct repo *r, const struct render_opts *o)
{
	struct site *s;
	struct repo_hooks hooks;
	int lock;

	*out = NULL;
	/* Before the manifest is read: another render may be about to replace it. */
	if ((lock = site_lock(o->out, o->lock_wait, o->waiting)) < 0)
		return -1;
	s = xcalloc(1, sizeof(*s));
	s->lock = lock;
	s->r = r;
	s->opts = o;
	s->full = o->profile == PROFILE_FULL;
	privacy_init(&s->privacy, s->full, &r->prog);
	s->main = marena_new();
	s->cached = marena_new();
	s->facts = facts_new(&r->prog);
	s->coll = collator_new();
	memcpy(s->today, r->today, sizeof(s->today));
	s->config = config_of(o, s->full);
	/* "/srv/x/site" -> "/srv/x/.site.care-cache": beside the site, not published. */
	s->manifest = site_beside(o->out, ".care-cache");
	if (!o->as_of && (s->last = manifest_load(s->manifest)) && !can_build_on(s, s->last)) {
		manifest_free(s->last);
		s->last = NULL;
	}
	hooks.on_valid = model_keep;
	hooks.select = select_record;
	hooks.data = s;
	repo_set_hooks(r, &hooks);
	*out = s;
	return 0;
}

void site_free(struct site *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < sizeof(s->arenas) / sizeof(*s->arenas); i++)
		marena_free(s->arenas[i]);
	marena_free(s->main);
	marena_free(s->cached);
	facts_free(s->facts);
	for (i = 0; i < 2; i++) {
		if (s->reports[i].have)
			figures_release(&s->reports[i].fig);
		strbuf_release(&s->reports[i].words);
	}
	manifest_free(s->last);
	free(s->manifest);
	collator_free(s->coll);
	free(s->pages);
	/* Last: the manifest and the site are complete, or as they were. */
	close(s->lock);
	free(s);
}

size_t site_pages(const struct site *s)
{
	return s->written;
}

size_t site_total_pages(const struct site *s)
{
	return s->npages;
}

static int check_templates(const struct tmplset *tpl, struct diag_list *dl)
{
	int i;

	if (!tmplset_get(tpl, "layout")) {
		diag_add(dl, "templates/layout.html", 0, 0, DIAG_ERROR, "template", "%s",
			 _("the layout template is missing; restore it with 'git checkout -- templates'"));
		return -1;
	}
	for (i = 0; i <= PAGE_MONTHS; i++)
		if (!tmplset_get(tpl, page_template((enum page_kind)i))) {
			diag_add(dl, "templates", 0, 0, DIAG_ERROR, "template",
				 _("the page template '%s.md' is missing; restore it with 'git checkout -- templates'"),
				 page_template((enum page_kind)i));
			return -1;
		}
	return 0;
}

/* The records' summaries as they came from checking, before pages link them. */
static struct manifest_writer *summaries(const struct site *s)
{
	struct manifest_writer *w = manifest_writer_new(s->config, s->last);
	const struct manifest_record *mr;
	size_t i;

	for (i = 0; i < s->r->nr; i++) {
		const struct record *rec = &s->r->recs[i];
		if (!rec->extra)
			continue;
		/* Not checked this time: the last render's summary, as it was. */
		if (!rec->selected && s->last && (mr = manifest_record(s->last, rec->path)))
			manifest_copy_record(w, mr);
		else
			manifest_add_record(w, rec->path, rec->stamp, rec->extra);
	}
	return w;
}

/* The new folder: the marker that makes it care's and names its profile, and md/. Its fd, or -1. */
static int open_new_folder(const struct site *s, const char *tmp)
{
	int fd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char *marker = site_marker_text(profile_name(s));
	int bad = fd < 0 || mkdirat(fd, "md", 0755) < 0 ||
		  write_file(fd, SITE_MARKER, marker, strlen(marker)) < 0;
	int e = errno;

	free(marker);
	if (bad) {
		error_set(_("care: cannot write into '%s': %s\n"), tmp, strerror(e));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/*
 * The manifest goes last, once every page is in place. Without it the next
 * render is whole, which is slower, not wrong: a warning, not a failure.
 */
static void write_manifest(struct site *s, struct manifest_writer *w, struct diag_list *dl)
{
	/* A manifest describes this folder: one swapped in by anyone else is another. */
	manifest_set_site(w, profile_name(s), site_folder_id(s->opts->out));
	if (manifest_write(w, s->manifest) < 0)
		diag_add(dl, s->manifest, 0, 0, DIAG_WARNING, "io",
			 _("cannot write the render cache (%s); the next render will be whole, which is slower, not wrong"),
			 strerror(errno));
}

static int render_all(struct site *s, const struct tmplset *tpl, struct manifest_writer *w,
		      const char *tmp, struct diag_list *dl)
{
	int fd = open_new_folder(s, tmp), ret = -1;

	if (fd < 0)
		return -1;
	if (write_pages(s, tpl, fd, NULL, s->npages, s->opts->threads, dl) < 0 ||
	    copy_assets(tpl, fd, dl) < 0)
		goto out;
	/* No manifest while the site changes: a crash now means a whole render next. */
	unlink(s->manifest);
	/*
	 * The pages reach the disk before the rename that publishes them: one
	 * syncfs() for the folder instead of an fsync() per page.
	 */
	if (sys_syncfs(fd) < 0 || site_swap_in(tmp, s->opts->out) < 0) {
		error_set(_("care: cannot put the new site in place of '%s': %s\n"), s->opts->out,
			  strerror(errno));
		goto out;
	}
	s->written = s->npages;
	ret = 0;
	write_manifest(s, w, dl);
out:
	close(fd);
	return ret;
}

/* names[i] is page i's name; fp[i] its fingerprint. */
static int render_changed(struct site *s, const struct tmplset *tpl, struct manifest_writer *w,
			  const uint64_t *fp, char **names, const char *tmp, struct diag_list *dl)
{
	size_t *which = xcalloc(s->npages + 1, sizeof(*which)), n = 0, ngone = 0, i;
	char **moved = xcalloc(s->npages + 1, sizeof(*moved)), **gone = NULL;
	char **sorted = xcalloc(s->npages + 1, sizeof(*sorted));
	int fd = -1, ret = -1;

	for (i = 0; i < s->npages; i++) {
		uint64_t old;
		if (!manifest_page(s->last, names[i], &old) || old != fp[i]) {
			which[n] = i;
			moved[n++] = names[i];
		}
	}
	/* Pages of records and mentors that are no more. */
	memcpy(sorted, names, s->npages * sizeof(*sorted));
	qsort(sorted, s->npages, sizeof(*sorted), cmp_str);
	for (i = 0; i < manifest_npages(s->last); i++) {
		const char *name = manifest_page_at(s->last, i);
		if (!bsearch(&name, sorted, s->npages, sizeof(*sorted), cmp_str)) {
			gone = xrealloc(gone, (ngone + 1) * sizeof(*gone));
			gone[ngone++] = (char *)name;
		}
	}
	if ((fd = open_new_folder(s, tmp)) < 0)
		goto out;
	if (write_pages(s, tpl, fd, which, n, s->opts->threads, dl) < 0)
		goto out;
	/*
	 * The old manifest goes first and the new one comes last, once every
	 * page is in place: a render killed in between (kill -9, power cut)
	 * leaves no manifest, and the next render is whole.
	 */
	unlink(s->manifest);
	if (sys_syncfs(fd) < 0 || site_move_pages(tmp, s->opts->out, moved, n, gone, ngone) < 0) {
		error_set(_("care: cannot put the new site in place of '%s': %s\n"), s->opts->out,
			  strerror(errno));
		goto out;
	}
	s->written = n;
	ret = 0;
	write_manifest(s, w, dl);
out:
	if (fd >= 0)
		close(fd);
	free(sorted);
	free(moved);
	free(gone);
	free(which);
	return ret;
}

/* A re-render copies no assets: they must all be in the site already. */
static int assets_present(const struct tmplset *tpl, const char *out)
{
	size_t i;
	int ok = 1;

	for (i = 0; i < tmplset_nassets(tpl) && ok; i++) {
		char *path = xstrfmt("%s/%s", out, tmplset_asset(tpl, i));
		ok = !access(path, F_OK);
		free(path);
	}
	return ok;
}

int site_render(struct site *s, const struct render_opts *o, struct diag_list *dl)
{
	struct tmplset *tpl = NULL;
	struct manifest_writer *w = NULL;
	uint64_t *fp = NULL;
	char *tmp = NULL, **names = NULL;
	size_t i;
	int ret = 2;

	if (tmplset_load(&tpl, o->templates, dl) < 0)
		return 1;
	if (check_templates(tpl, dl) < 0) {
		tmplset_free(tpl);
		return 1;
	}
	if (!site_replaceable(o->out)) {
		error_set(_("care: '%s' exists and was not written by care render; choose another folder with -o, or move it away\n"),
			  o->out);
		tmplset_free(tpl);
		return 2;
	}
	w = summaries(s);
	model_build(s);
	fp = xcalloc(s->npages + 1, sizeof(*fp));
	names = xcalloc(s->npages + 1, sizeof(*names));
	for (i = 0; i < s->npages; i++) {
		names[i] = page_name(&s->pages[i]);
		fp[i] = page_fingerprint(s, &s->pages[i], names[i]);
		manifest_add_page(w, names[i], fp[i]);
	}
	if (!(tmp = site_temp_dir(o->out))) {
		error_set(_("care: cannot create a folder beside '%s': %s\n"), o->out, strerror(errno));
		goto out;
	}
	if ((s->last && assets_present(tpl, o->out) ? render_changed(s, tpl, w, fp, names, tmp, dl)
						    : render_all(s, tpl, w, tmp, dl)) == 0)
		ret = 0;
	else if (atomic_load(&site_interrupted))
		error_set("%s", _("care: interrupted; the site was left as it was\n"));
	else if (diag_list_count(dl, DIAG_ERROR))
		ret = 1;
	remove_tree(tmp);
out:
	for (i = 0; names && i < s->npages; i++)
		free(names[i]);
	free(names);
	free(tmp);
	free(fp);
	manifest_writer_free(w);
	tmplset_free(tpl);
	return ret;
}
