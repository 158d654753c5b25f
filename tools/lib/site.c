/*
 * Writing the site. Every page goes into a fresh folder beside the output
 * (".site.tmp-XXXXXX" for "site"), which replaces the output in one
 * rename only when all pages are written; an old site is removed after.
 * A failure or a signal before that removes the new folder and leaves the
 * old site as it was. Only a folder care made (it holds .care-site) is
 * ever replaced, so a mistyped -o cannot delete a teacher's files.
 */
#include "site.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "mdhtml.h"
#include "mustache.h"
#include "site_int.h"
#include "yamltree.h"
#include "banned.h"

#define MARKER ".care-site"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

struct site *site_new(struct repo *r, int profile)
{
	struct site *s = xcalloc(1, sizeof(*s));

	s->r = r;
	s->full = profile == PROFILE_FULL;
	s->main = marena_new();
	s->coll = collator_new();
	memcpy(s->today, r->today, sizeof(s->today));
	r->on_valid = model_keep;
	r->on_valid_data = s;
	return s;
}

void site_free(struct site *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < sizeof(s->arenas) / sizeof(*s->arenas); i++)
		marena_free(s->arenas[i]);
	marena_free(s->main);
	collator_free(s->coll);
	free(s->pages);
	free(s);
}

size_t site_pages(const struct site *s)
{
	return s->written;
}

static int write_file(int dirfd, const char *name, const char *data, size_t len)
{
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	size_t done = 0;

	if (fd < 0)
		return -1;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	return close(fd);
}

struct job {
	struct site *s;
	const struct tmplset *tpl;
	int dirfd, mdfd;
	atomic_size_t next, done;
	atomic_int failed;
	pthread_mutex_t lock;
	struct diag_list *dl;
};

static int render_page(struct job *j, const struct page *p, struct strbuf *md, struct strbuf *html,
		       struct strbuf *page)
{
	const struct mtemplate *t = tmplset_get(j->tpl, page_template(p->kind));
	const struct mtemplate *layout = tmplset_get(j->tpl, "layout");
	const struct mustache_partials *parts = tmplset_partials(j->tpl);
	struct marena *a = marena_new();
	struct mval *ctx = page_values(j->s, p, a);
	char *name = page_name(p), *file;
	int ret = -1;

	strbuf_reset(md);
	strbuf_reset(html);
	strbuf_reset(page);
	if (!ctx) {
		pthread_mutex_lock(&j->lock);
		diag_add(j->dl, j->s->r->recs[p->rec].path, 0, 0, DIAG_ERROR, "render", "%s",
			 _("the file changed or vanished while the site was being written; render again"));
		pthread_mutex_unlock(&j->lock);
		goto out;
	}
	if (mustache_render(t, ctx, mustache_escape_markdown, parts, md) < 0)
		goto out;
	md_to_html(md->buf, md->len, html);
	mval_set(a, ctx, "content", mval_strn(a, html->buf, html->len));
	mval_set_str(a, ctx, "page_name", name);
	mval_set_str(a, ctx, "page_kind", page_template(p->kind));
	mval_set(a, ctx, "roster_script",
		 mval_bool(a, p->kind == PAGE_ROSTER || p->kind == PAGE_CLASS));
	if (mustache_render(layout, ctx, mustache_escape_html, parts, page) < 0)
		goto out;
	file = xstrfmt("%s.md", name);
	ret = write_file(j->mdfd, file, md->buf, md->len);
	free(file);
	file = xstrfmt("%s.html", name);
	if (!ret)
		ret = write_file(j->dirfd, file, page->buf, page->len);
	if (ret < 0) {
		pthread_mutex_lock(&j->lock);
		diag_add(j->dl, file, 0, 0, DIAG_ERROR, "io", _("cannot write the page: %s"), strerror(errno));
		pthread_mutex_unlock(&j->lock);
	}
	free(file);
out:
	free(name);
	marena_free(a);
	return ret;
}

/*
 * For the tests of an interrupted render: CARE_TEST_INTERRUPT_AFTER=N
 * sends SIGINT, CARE_TEST_KILL_AFTER=N SIGKILL, after N pages.
 */
static void test_signal(size_t done)
{
	const char *intr = getenv("CARE_TEST_INTERRUPT_AFTER"), *kill = getenv("CARE_TEST_KILL_AFTER");

	if (intr && (size_t)atol(intr) == done)
		raise(SIGINT);
	if (kill && (size_t)atol(kill) == done)
		raise(SIGKILL);
}

static void *page_worker(void *arg)
{
	struct job *j = arg;
	struct strbuf md = STRBUF_INIT, html = STRBUF_INIT, page = STRBUF_INIT;
	size_t i;

	while (!interrupted && !atomic_load(&j->failed) &&
	       (i = atomic_fetch_add(&j->next, 1)) < j->s->npages) {
		if (render_page(j, &j->s->pages[i], &md, &html, &page) < 0)
			atomic_store(&j->failed, 1);
		test_signal(atomic_fetch_add(&j->done, 1) + 1);
	}
	strbuf_release(&md);
	strbuf_release(&html);
	strbuf_release(&page);
	ydoc_thread_cleanup();
	return NULL;
}

static int copy_assets(const struct tmplset *tpl, int dirfd, struct diag_list *dl)
{
	size_t i;

	for (i = 0; i < tmplset_nassets(tpl); i++) {
		struct strbuf sb = STRBUF_INIT;
		char *from = xstrfmt("%s/%s", tmplset_dir(tpl), tmplset_asset(tpl, i));
		int ok = strbuf_read_file(&sb, from, 16 * 1024 * 1024) == 0 &&
			 write_file(dirfd, tmplset_asset(tpl, i), sb.buf, sb.len) == 0;
		if (!ok)
			diag_add(dl, from, 0, 0, DIAG_ERROR, "io", _("cannot copy into the site: %s"),
				 strerror(errno));
		free(from);
		strbuf_release(&sb);
		if (!ok)
			return -1;
	}
	return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Is path absent, an empty folder, or a site care wrote before? */
static int replaceable(const char *path)
{
	struct stat st;
	char *marker;
	int ok;

	if (lstat(path, &st) < 0)
		return errno == ENOENT;
	if (!S_ISDIR(st.st_mode))
		return 0;
	marker = xstrfmt("%s/%s", path, MARKER);
	ok = !access(marker, F_OK) || rmdir(path) == 0;
	free(marker);
	return ok;
}

/*
 * Puts the new site in place of the old one: in one step where the file
 * system can exchange two names (the old site then sits at tmp, to be
 * removed), else in two renames with signals held.
 */
static int swap_in(const char *tmp, const char *out)
{
	sigset_t all, old;
	char *old_site;
	int ret;

	if (!renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_EXCHANGE)) {
		remove_tree(tmp);
		return 0;
	}
	if (errno == ENOENT)
		return rename(tmp, out);
	old_site = xstrfmt("%s.old", tmp);
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	if (rename(out, old_site) < 0) {
		ret = -1;
	} else if ((ret = rename(tmp, out)) < 0) {
		int e = errno;
		rename(old_site, out);
		errno = e;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!ret)
		remove_tree(old_site);
	free(old_site);
	return ret;
}

/* Removes what a render killed outright (kill -9, power cut) left behind. */
static void remove_stale(const char *dir, const char *base)
{
	char *prefix = xstrfmt(".%s.tmp-", base);
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *de;

	while (d && (de = readdir(d))) {
		char *path, *marker;
		if (strncmp(de->d_name, prefix, strlen(prefix)))
			continue;
		path = xstrfmt("%s/%s", *dir ? dir : ".", de->d_name);
		marker = xstrfmt("%s/%s", path, MARKER);
		if (!access(marker, F_OK))
			remove_tree(path);
		free(marker);
		free(path);
	}
	if (d)
		closedir(d);
	free(prefix);
}

int site_render(struct site *s, const struct render_opts *o, struct diag_list *dl)
{
	struct tmplset *tpl = NULL;
	struct job j;
	char *tmp = NULL, *slash, *dir, *base;
	pthread_t tids[16];
	struct sigaction sa, old_int, old_term, old_hup;
	int i, n, started = 0, ret = 2;

	if (tmplset_load(&tpl, o->templates, dl) < 0)
		return 1;
	if (!tmplset_get(tpl, "layout")) {
		diag_add(dl, "templates/layout.html", 0, 0, DIAG_ERROR, "template", "%s",
			 _("the layout template is missing; restore it with 'git checkout -- templates'"));
		tmplset_free(tpl);
		return 1;
	}
	for (i = 0; i <= PAGE_MONTHS; i++)
		if (!tmplset_get(tpl, page_template((enum page_kind)i))) {
			diag_add(dl, "templates", 0, 0, DIAG_ERROR, "template",
				 _("the page template '%s.md' is missing; restore it with 'git checkout -- templates'"),
				 page_template((enum page_kind)i));
			tmplset_free(tpl);
			return 1;
		}
	if (!replaceable(o->out)) {
		fprintf(stderr, _("care: '%s' exists and was not written by care render; choose another folder with -o, or move it away\n"),
			o->out);
		tmplset_free(tpl);
		return 2;
	}
	model_build(s);

	dir = xstrdup(o->out);
	slash = strrchr(dir, '/');
	base = slash ? slash + 1 : dir;
	if (slash)
		*slash = '\0';
	tmp = slash ? xstrfmt("%s/.%s.tmp-XXXXXX", *dir ? dir : "/", base) : xstrfmt(".%s.tmp-XXXXXX", base);
	remove_stale(slash ? (*dir ? dir : "/") : "", base);
	free(dir);
	if (!mkdtemp(tmp)) {
		fprintf(stderr, _("care: cannot create a folder beside '%s': %s\n"), o->out, strerror(errno));
		free(tmp);
		tmplset_free(tpl);
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);

	memset(&j, 0, sizeof(j));
	j.dirfd = j.mdfd = -1;
	j.s = s;
	j.tpl = tpl;
	j.dl = dl;
	pthread_mutex_init(&j.lock, NULL);
	atomic_init(&j.next, 0);
	atomic_init(&j.done, 0);
	atomic_init(&j.failed, 0);
	j.dirfd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (j.dirfd < 0 || mkdirat(j.dirfd, "md", 0755) < 0 ||
	    (j.mdfd = openat(j.dirfd, "md", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
	    write_file(j.dirfd, MARKER, "care render\n", 12) < 0) {
		fprintf(stderr, _("care: cannot write into '%s': %s\n"), tmp, strerror(errno));
		goto cleanup;
	}
	n = o->threads > 0 ? o->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	n = n < 1 ? 1 : n > 16 ? 16 : n;
	for (i = 1; i < n; i++)
		if (!pthread_create(&tids[started], NULL, page_worker, &j))
			started++;
	page_worker(&j);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	if (interrupted) {
		fprintf(stderr, "%s", _("care: interrupted; the site was left as it was\n"));
		goto cleanup;
	}
	if (atomic_load(&j.failed) || copy_assets(tpl, j.dirfd, dl) < 0) {
		ret = diag_list_count(dl, DIAG_ERROR) ? 1 : 2;
		goto cleanup;
	}
	close(j.mdfd);
	close(j.dirfd);
	j.mdfd = j.dirfd = -1;
	if (swap_in(tmp, o->out) < 0) {
		fprintf(stderr, _("care: cannot put the new site in place of '%s': %s\n"), o->out,
			strerror(errno));
		goto cleanup;
	}
	s->written = s->npages;
	ret = 0;
cleanup:
	if (j.mdfd >= 0)
		close(j.mdfd);
	if (j.dirfd >= 0)
		close(j.dirfd);
	if (ret)
		remove_tree(tmp);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	pthread_mutex_destroy(&j.lock);
	free(tmp);
	tmplset_free(tpl);
	return ret;
}
