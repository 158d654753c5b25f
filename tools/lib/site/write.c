/*
 * Rendering pages into a folder, on as many threads as there are
 * processors: each page's values, its Markdown through the page's
 * template, the HTML through cmark-gfm and the layout, and the two files.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/threads.h"
#include "template/markdown.h"
#include "template/mustache.h"
#include "report/report.h"
#include "site/site_int.h"
#include "yaml/tree.h"
#include "util/banned.h"

/* Lock-free, so a signal handler may set it; threads read it. */
atomic_int site_interrupted;

int write_file(int dirfd, const char *name, const char *data, size_t len)
{
	/* A new file in a new folder: nothing there to follow, and never a link. */
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);

	if (fd < 0)
		return -1;
	if (write_all(fd, data, len) < 0) {
		close(fd);
		return -1;
	}
	return close(fd);
}

struct job {
	struct site *s;
	const struct tmplset *tpl;
	int dirfd, mdfd;
	const size_t *which;	/* indexes into s->pages */
	size_t n;
	atomic_size_t next, done;
	atomic_int failed;
	pthread_mutex_t lock;
	struct diag_list *dl;
};

/* Threads share the list of problems. */
#define report(j, path, rule, ...)                                       \
	do {                                                             \
		pthread_mutex_lock(&(j)->lock);                          \
		diag_add((j)->dl, path, 0, 0, DIAG_ERROR, rule, __VA_ARGS__); \
		pthread_mutex_unlock(&(j)->lock);                        \
	} while (0)

/* The one way a render of a compiled template fails: partials that include each other without end. */
static void partial_loop(struct job *j, const char *name, const char *ext)
{
	char *path = xstrfmt("templates/%s%s", name, ext);

	report(j, path, "template",
	       _("partials are included more than %d deep: a partial includes itself, directly or through another; remove that {{> ...}} from templates/partials"),
	       MAX_PARTIAL_DEPTH);
	free(path);
}

static int render_page(struct job *j, const struct page *p, struct strbuf *md, struct strbuf *html,
		       struct strbuf *page, int thread)
{
	const struct mtemplate *t = tmplset_get(j->tpl, page_template(p->kind));
	const struct mtemplate *layout = tmplset_get(j->tpl, "layout");
	const struct mustache_partials *parts = tmplset_partials(j->tpl);
	struct marena *a = marena_new();
	struct mval *ctx = page_values(j->s, p, a, thread);
	char *name = page_name(p), *file;
	int ret = -1;

	strbuf_reset(md);
	strbuf_reset(html);
	strbuf_reset(page);
	if (!ctx) {
		report(j, j->s->r->recs[p->rec].path, "render", "%s",
		       _("the file changed or vanished while the site was being written; render again"));
		goto out;
	}
	if (mustache_render(t, ctx, mustache_escape_markdown, parts, md) < 0) {
		partial_loop(j, page_template(p->kind), ".md");
		goto out;
	}
	md_to_html(md->buf, md->len, html);
	if (p->kind == PAGE_REPORT)
		report_charts(html, &j->s->reports[p->rec].fig, j->s->r);
	mval_set(a, ctx, "content", mval_strn(a, html->buf, html->len));
	mval_set_str(a, ctx, "page_name", name);
	mval_set_str(a, ctx, "page_kind", page_template(p->kind));
	mval_set(a, ctx, "roster_script", mval_bool(a, p->kind == PAGE_ROSTER || p->kind == PAGE_CLASS));
	if (mustache_render(layout, ctx, mustache_escape_html, parts, page) < 0) {
		partial_loop(j, "layout", ".html");
		goto out;
	}
	file = xstrfmt("%s.md", name);
	ret = write_file(j->mdfd, file, md->buf, md->len);
	free(file);
	file = xstrfmt("%s.html", name);
	if (!ret)
		ret = write_file(j->dirfd, file, page->buf, page->len);
	if (ret < 0)
		report(j, file, "io", _("cannot write the page: %s"), strerror(errno));
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

static void page_worker(void *data, int thread)
{
	struct job *j = data;
	struct strbuf md = STRBUF_INIT, html = STRBUF_INIT, page = STRBUF_INIT;
	size_t i;

	while (!atomic_load(&site_interrupted) && !atomic_load(&j->failed) && (i = atomic_fetch_add(&j->next, 1)) < j->n) {
		if (render_page(j, &j->s->pages[j->which ? j->which[i] : i], &md, &html, &page, thread) < 0)
			atomic_store(&j->failed, 1);
		test_signal(atomic_fetch_add(&j->done, 1) + 1);
	}
	strbuf_release(&md);
	strbuf_release(&html);
	strbuf_release(&page);
	ydoc_thread_cleanup();
}

int write_pages(struct site *s, const struct tmplset *tpl, int dirfd, const size_t *which, size_t n,
		int threads, struct diag_list *dl)
{
	struct job j;

	memset(&j, 0, sizeof(j));
	j.s = s;
	j.tpl = tpl;
	j.dl = dl;
	j.which = which;
	j.n = n;
	j.dirfd = dirfd;
	pthread_mutex_init(&j.lock, NULL);
	atomic_init(&j.next, 0);
	atomic_init(&j.done, 0);
	atomic_init(&j.failed, 0);
	j.mdfd = openat(dirfd, "md", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (j.mdfd < 0) {
		diag_add(dl, "md", 0, 0, DIAG_ERROR, "io", _("cannot write the page: %s"), strerror(errno));
		pthread_mutex_destroy(&j.lock);
		return -1;
	}
	threads_run(threads_for(n, 4, threads), page_worker, &j);
	close(j.mdfd);
	pthread_mutex_destroy(&j.lock);
	return atomic_load(&j.failed) || atomic_load(&site_interrupted) ? -1 : 0;
}

int copy_assets(const struct tmplset *tpl, int dirfd, struct diag_list *dl)
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
