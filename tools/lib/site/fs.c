/*
 * The site folder on disk: made whole in a new folder and swapped in, or,
 * for a re-render, the changed pages moved in at once with signals held.
 * Only a folder care made (it holds .care-site) is ever replaced or
 * changed, so a mistyped -o cannot delete a teacher's files.
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
#include <sys/stat.h>
#include <unistd.h>

#include "site/site_int.h"
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
	const char *slash = strrchr(out, '/');

	return slash ? xstrfmt("%.*s/.%s%s", (int)(slash - out), out, slash + 1, suffix)
		     : xstrfmt(".%s%s", out, suffix);
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
