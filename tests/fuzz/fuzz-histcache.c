/*
 * Fuzz target: the history cache reader (git/histcache.c). The reader is
 * private to git/, so the input goes where history_load() looks for it:
 * .git/care/history of a small repository made once, in a temporary
 * folder, with three commits on fixed dates (so the tip is always the
 * same commit and a seed can name it). Each input is written there and
 * the history loaded from it. Beyond not crashing: what loads holds
 * together (every event's commit is one of the history's, every record
 * is found by its path), and a second load from the same cache says the
 * same. FUZZ_HISTCACHE_SEED=file copies the cache care writes for that
 * repository to file, to start a corpus.
 */
#include "fuzz.h"

#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include "git/history.h"
#include "git/init.h"

static char *histcache_repo, *histcache_file;

static int histcache_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void histcache_cleanup(void)
{
	if (histcache_repo)
		nftw(histcache_repo, histcache_rm, 16, FTW_DEPTH | FTW_PHYS);
}

static void histcache_write(const char *path, const void *data, size_t size)
{
	FILE *fp = fopen(path, "wb");

	FUZZ_ASSERT(fp);
	FUZZ_ASSERT(!size || fwrite(data, 1, size, fp) == size);
	FUZZ_ASSERT(fclose(fp) == 0);
}

static void histcache_commit(const char *file, const char *text, const char *date)
{
	const char *paths[] = { file, NULL };
	char *path = xstrfmt("%s/%s", histcache_repo, file);

	histcache_write(path, text, strlen(text));
	setenv("GIT_AUTHOR_DATE", date, 1);
	setenv("GIT_COMMITTER_DATE", date, 1);
	FUZZ_ASSERT(gitrepo_init_commit(histcache_repo, paths, "记录", NULL) == 0);
	free(path);
}

static void histcache_init(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir;

	if (histcache_repo)
		return;
	histcache_repo = xstrfmt("%s/care-fuzz-history.XXXXXX", tmp ? tmp : "/tmp");
	FUZZ_ASSERT(mkdtemp(histcache_repo));
	atexit(histcache_cleanup);
	setenv("GIT_AUTHOR_NAME", "张伟", 1);
	setenv("GIT_AUTHOR_EMAIL", "zhangwei@school.example", 1);
	setenv("GIT_COMMITTER_NAME", "张伟", 1);
	setenv("GIT_COMMITTER_EMAIL", "zhangwei@school.example", 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_INDEX_FILE");
	dir = xstrfmt("%s/records", histcache_repo);
	FUZZ_ASSERT(mkdir(dir, 0755) == 0);
	free(dir);
	dir = xstrfmt("%s/records/children", histcache_repo);
	FUZZ_ASSERT(mkdir(dir, 0755) == 0);
	free(dir);
	histcache_commit("records/children/a.yaml", "name: 甲\n", "2026-09-01T08:00:00+08:00");
	histcache_commit("records/children/b.yaml", "name: 乙\n", "2026-09-01T08:01:00+08:00");
	histcache_commit("records/children/a.yaml", "name: 甲甲\n", "2026-09-01T08:02:00+08:00");
	dir = xstrfmt("%s/.git/care", histcache_repo);
	mkdir(dir, 0755);
	free(dir);
	histcache_file = xstrfmt("%s/.git/care/history", histcache_repo);
}

/*
 * The history as text, checking it holds together on the way. The count
 * of commits is not public: each event's commit is read as a timeline
 * reads it, where ASan sees a read past the list.
 */
static char *histcache_describe(const struct history *h)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, j;

	for (i = 0; i < history_nrecords(h); i++) {
		const struct hrecord *r = history_record(h, i);
		FUZZ_ASSERT(r && r->path);
		FUZZ_ASSERT(history_find(h, r->path));
		strbuf_addf(&sb, "%s %d %zu\n", r->path, r->deleted, r->n);
		for (j = 0; j < r->n; j++) {
			const struct hevent *e = &r->ev[j];
			const struct hcommit *c = history_commit(h, e->commit);
			char day[11];
			FUZZ_ASSERT(e->kind >= H_CREATED && e->kind <= H_RENAMED);
			FUZZ_ASSERT(e->path);
			FUZZ_ASSERT(strnlen(c->id, sizeof(c->id)) == 40 && c->author && c->subject);
			hcommit_day(c, day);
			FUZZ_ASSERT(strnlen(day, sizeof(day)) < sizeof(day));
			strbuf_addf(&sb, " %zu %s %s %lld %d %s %s %d %s %s\n", e->commit, c->id, day, c->time,
				    c->offset, c->author, c->subject, (int)e->kind, e->path,
				    e->old_path ? e->old_path : "-");
		}
	}
	strbuf_addf(&sb, "truncated %s\n", history_truncated(h) ? history_truncated(h) : "-");
	return strbuf_detach(&sb, NULL);
}

static char *histcache_load(const uint8_t *data, size_t size)
{
	struct history *h = NULL;
	char *text = NULL;
	int here = open(".", O_RDONLY | O_DIRECTORY);

	FUZZ_ASSERT(here >= 0);
	histcache_write(histcache_file, data, size);
	FUZZ_ASSERT(chdir(histcache_repo) == 0);
	if (history_load(&h, NULL, HISTORY_CACHE) == 0)
		text = histcache_describe(h);
	history_free(h);
	FUZZ_ASSERT(fchdir(here) == 0);
	close(here);
	return text;
}

FUZZ_TARGET(histcache)
{
	char *a, *b;
	const char *seed = getenv("FUZZ_HISTCACHE_SEED");

	histcache_init();
	if (seed && *seed) {
		struct strbuf sb = STRBUF_INIT;
		free(histcache_load((const uint8_t *)"", 0));
		FUZZ_ASSERT(strbuf_read_file(&sb, histcache_file, 1 << 20) == 0);
		histcache_write(seed, sb.buf, sb.len);
		strbuf_release(&sb);
	}
	a = histcache_load(data, size);
	b = histcache_load(data, size);
	/* The repository is sound: the history always loads, cache or not. */
	FUZZ_ASSERT(a && b);
	if (strcmp(a, b)) {
		fprintf(stderr, "fuzz: two loads from one cache differ:\n%s---\n%s", a, b);
		abort();
	}
	free(a);
	free(b);
	return 0;
}
