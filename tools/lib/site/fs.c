/*
 * The site folder on disk: made whole in a new folder and swapped in, or,
 * for a re-render, the changed pages moved in at once with signals held.
 * Only a folder care made (it holds .care-site) is ever replaced or
 * changed, so a mistyped -o cannot delete a teacher's files. One render
 * at a time: each holds a lock on a file beside the site for its whole
 * run, and a re-render first makes sure the folder is the one its
 * manifest describes.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "site/site_int.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/fault.h"
#include "util/banned.h"

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

void remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int site_replaceable(const char *path)
{
	struct stat st;
	char *marker;
	int ok;

	if (lstat(path, &st) < 0)
		return errno == ENOENT;
	if (!S_ISDIR(st.st_mode))
		return 0;
	marker = xstrfmt("%s/%s", path, SITE_MARKER);
	ok = !access(marker, F_OK) || rmdir(path) == 0;
	free(marker);
	return ok;
}

char *site_beside(const char *out, const char *suffix)
{
	size_t n = strlen(out);
	const char *slash;

	/* "site/" is "site": what lives beside it must not land inside it. */
	while (n > 1 && out[n - 1] == '/')
		n--;
	slash = memrchr(out, '/', n);
	return slash ? xstrfmt("%.*s/.%.*s%s", (int)(slash - out), out, (int)(n - (size_t)(slash - out) - 1),
			       slash + 1, suffix)
		     : xstrfmt(".%.*s%s", (int)n, out, suffix);
}

/* Is name "<base>" and six more characters, base the last part of beside(out, suffix)? */
static int temp_of(const char *out, const char *suffix, const char *name)
{
	char *path = site_beside(out, suffix), *base = strrchr(path, '/');
	int is;

	base = base ? base + 1 : path;
	is = !strncmp(name, base, strlen(base)) && strlen(name) == strlen(base) + 6;
	free(path);
	return is;
}

char *site_temp_dir(const char *out)
{
	char *tmp = site_beside(out, ".tmp-XXXXXX");
	const char *slash = strrchr(tmp, '/');
	char *dir = slash ? xstrndup(tmp, (size_t)(slash - tmp)) : xstrdup(".");
	DIR *d = opendir(*dir ? dir : "/");
	struct dirent *de;

	/*
	 * What a render killed outright (kill -9, power cut) left behind: a
	 * new folder (care's by its marker, or still empty), and the
	 * temporary files of the manifest and the key. Under the site's
	 * lock, so none of them is another render's at work.
	 */
	while (d && (de = readdir(d))) {
		char *path, *marker, *md;
		int folder = temp_of(out, ".tmp-", de->d_name);
		if (!folder && !temp_of(out, ".care-cache.tmp-", de->d_name) &&
		    !temp_of(out, ".care-key.tmp-", de->d_name))
			continue;
		path = xstrfmt("%s/%s", *dir ? dir : "", de->d_name);
		marker = xstrfmt("%s/%s", path, SITE_MARKER);
		md = xstrfmt("%s/md", path);
		if (!folder)
			unlinkat(dirfd(d), de->d_name, 0);
		else if (!access(marker, F_OK))
			remove_tree(path);
		else if ((rmdir(md) == 0 || errno == ENOENT))
			rmdir(path);
		free(md);
		free(marker);
		free(path);
	}
	if (d)
		closedir(d);
	free(dir);
	if (!mkdtemp(tmp)) {
		free(tmp);
		return NULL;
	}
	return tmp;
}

int site_swap_in(const char *tmp, const char *out)
{
	sigset_t all, old;
	char *old_site;
	int ret;

	/* One step where the file system can exchange two names. */
	if (!sys_renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_EXCHANGE)) {
		remove_tree(tmp);
		return 0;
	}
	if (errno == ENOENT)
		return sys_rename(tmp, out);
	old_site = xstrfmt("%s.old", tmp);
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	if (sys_rename(out, old_site) < 0) {
		ret = -1;
	} else if ((ret = sys_rename(tmp, out)) < 0) {
		int e = errno;
		sys_rename(old_site, out);
		errno = e;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!ret)
		remove_tree(old_site);
	free(old_site);
	return ret;
}

/*
 * Puts one file of tmp in place of out's: swapped with the old one (which
 * goes to tmp, for undo), or moved when there was none. 1 swapped, 0
 * moved, -1 failed.
 */
static int put_in_place(const char *from, const char *to)
{
	if (!sys_renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE))
		return 1;
	if (errno == ENOENT && !sys_renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE))
		return 0;
	return -1;
}

int site_move_pages(const char *tmp, const char *out, char *const *names, size_t n,
		    char *const *gone, size_t ngone)
{
	/* Every path made first: nothing is allocated once the site changes. */
	size_t nf = 2 * n, i, done = 0;
	char **from = xcalloc(nf + 1, sizeof(*from)), **to = xcalloc(nf + 1, sizeof(*to));
	signed char *how = xcalloc(nf + 1, 1);
	sigset_t all, old;
	int ret = 0;

	for (i = 0; i < n; i++) {
		from[2 * i] = xstrfmt("%s/md/%s.md", tmp, names[i]);
		to[2 * i] = xstrfmt("%s/md/%s.md", out, names[i]);
		from[2 * i + 1] = xstrfmt("%s/%s.html", tmp, names[i]);
		to[2 * i + 1] = xstrfmt("%s/%s.html", out, names[i]);
	}
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (done = 0; done < nf; done++)
		if ((how[done] = (signed char)put_in_place(from[done], to[done])) < 0)
			break;
	if (done < nf) {
		/*
		 * A page that could not be put in place: every page moved so far
		 * goes back (swapped back, or moved back), so a failed render
		 * leaves the site as it was, not half new.
		 */
		int e = errno;
		while (done--)
			if (how[done] == 1)
				sys_renameat2(AT_FDCWD, from[done], AT_FDCWD, to[done], RENAME_EXCHANGE);
			else
				sys_rename(to[done], from[done]);
		errno = e;
		ret = -1;
	}
	for (i = 0; i < ngone && !ret; i++) {
		char *html = xstrfmt("%s/%s.html", out, gone[i]), *md = xstrfmt("%s/md/%s.md", out, gone[i]);
		unlink(html);
		unlink(md);
		free(html);
		free(md);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	for (i = 0; i < nf; i++) {
		free(from[i]);
		free(to[i]);
	}
	free(from);
	free(to);
	free(how);
	return ret;
}

/*
 * flock(), not the lock file's existence: the kernel lets go of it when
 * its holder ends in any way, kill -9 and power cuts included, so there
 * is never a stale lock to remove by hand. The file stays: removing it
 * would let a render that opened it before lock a file no one else sees.
 */
int site_lock(const char *out, int wait, void (*waiting)(const char *out))
{
	char *path = site_beside(out, ".care-lock");
	int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644), told = 0;
	struct timespec start, now, pause = { 0, 100 * 1000 * 1000 };

	if (fd < 0) {
		error_set(_("care: cannot create the lock file '%s': %s\n"), path, strerror(errno));
		goto fail;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			error_set(_("care: cannot lock '%s': %s\n"), path, strerror(errno));
			goto fail;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= wait) {
			error_set(_("care: another care render is still writing '%s'; the site was not rendered. Run care render again once it has finished\n"),
				  out);
			goto fail;
		}
		if (atomic_load(&site_interrupted)) {
			error_set("%s", _("care: interrupted; the site was left as it was\n"));
			goto fail;
		}
		if (!told++ && waiting)
			waiting(out);
		nanosleep(&pause, NULL);
	}
	free(path);
	return fd;
fail:
	if (fd >= 0)
		close(fd);
	free(path);
	return -1;
}

char *site_marker_text(const char *profile)
{
	return xstrfmt("care render\nprofile: %s\n", profile);
}

uint64_t site_folder_id(const char *out)
{
	struct stat st;
	uint64_t h = HASH_SEED;

	if (stat(out, &st) < 0)
		return 0;
	h = hash_bytes(h, &st.st_dev, sizeof(st.st_dev));
	return hash_bytes(h, &st.st_ino, sizeof(st.st_ino));
}

int site_marker_is(const char *out, const char *text)
{
	char *path = xstrfmt("%s/%s", out, SITE_MARKER);
	struct strbuf sb = STRBUF_INIT;
	int same = strbuf_read_file(&sb, path, 4096) == 0 && !strcmp(sb.buf, text);

	strbuf_release(&sb);
	free(path);
	return same;
}

/* Are the files in dir whose names end in ext exactly the pages m lists? */
static int listing_is(const char *dir, const char *ext, const struct manifest *m)
{
	/*
	 * Not through a link (site/md linked elsewhere): the update would
	 * move pages into its target. The render is whole instead, and the
	 * link goes with the old folder, never followed.
	 */
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	size_t found = 0, elen = strlen(ext);
	int ok = d != NULL;

	while (ok && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		uint64_t fp;
		char *name;
		if (n <= elen || strcmp(de->d_name + n - elen, ext))
			continue;
		/* A link or a folder by a page's name is not a page care wrote. */
		if (de->d_type != DT_REG && de->d_type != DT_UNKNOWN) {
			ok = 0;
			break;
		}
		name = xstrndup(de->d_name, n - elen);
		ok = manifest_page(m, name, &fp);
		found++;
		free(name);
	}
	if (d)
		closedir(d);
	else if (fd >= 0)
		close(fd);
	return ok && found == manifest_npages(m);
}

int site_has_pages_of(const char *out, const struct manifest *m)
{
	char *md = xstrfmt("%s/md", out);
	int ok = listing_is(out, ".html", m) && listing_is(md, ".md", m);

	free(md);
	return ok;
}
