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

char *site_temp_dir(const char *out)
{
	const char *slash = strrchr(out, '/');
	char *tmp = site_beside(out, ".tmp-XXXXXX");
	char *prefix = xstrfmt(".%s.tmp-", slash ? slash + 1 : out);
	char *dir = slash ? xstrndup(out, (size_t)(slash - out)) : xstrdup(".");
	DIR *d = opendir(*dir ? dir : "/");
	struct dirent *de;

	/* What a render killed outright (kill -9, power cut) left behind. */
	while (d && (de = readdir(d))) {
		char *path, *marker;
		if (strncmp(de->d_name, prefix, strlen(prefix)))
			continue;
		path = xstrfmt("%s/%s", *dir ? dir : "", de->d_name);
		marker = xstrfmt("%s/%s", path, SITE_MARKER);
		if (!access(marker, F_OK))
			remove_tree(path);
		free(marker);
		free(path);
	}
	if (d)
		closedir(d);
	free(prefix);
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

int site_move_pages(const char *tmp, const char *out, char *const *names, size_t n,
		    char *const *gone, size_t ngone)
{
	sigset_t all, old;
	size_t i;
	int ret = 0;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (i = 0; i < n && !ret; i++) {
		char *from = xstrfmt("%s/%s.html", tmp, names[i]), *to = xstrfmt("%s/%s.html", out, names[i]);
		char *mfrom = xstrfmt("%s/md/%s.md", tmp, names[i]), *mto = xstrfmt("%s/md/%s.md", out, names[i]);
		if (rename(mfrom, mto) < 0 || rename(from, to) < 0)
			ret = -1;
		free(from);
		free(to);
		free(mfrom);
		free(mto);
	}
	for (i = 0; i < ngone && !ret; i++) {
		char *html = xstrfmt("%s/%s.html", out, gone[i]), *md = xstrfmt("%s/md/%s.md", out, gone[i]);
		unlink(html);
		unlink(md);
		free(html);
		free(md);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
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
	DIR *d = opendir(dir);
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
	return ok && found == manifest_npages(m);
}

int site_has_pages_of(const char *out, const struct manifest *m)
{
	char *md = xstrfmt("%s/md", out);
	int ok = listing_is(out, ".html", m) && listing_is(md, ".md", m);

	free(md);
	return ok;
}
