/*
 * The temporary files and folders of care import and care new, locked
 * while their command runs and removed by the next one when it was
 * killed: without this a kill -9 between writing and linking leaves a
 * hidden file or folder in records/ that care check reports for ever.
 */
#include "records/stale.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/i18n.h"
#include "util/banned.h"

int stale_make(char *templ, int dir)
{
	int fd, e;

	if (dir) {
		if (!mkdtemp(templ))
			return -1;
		fd = open(templ, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	} else {
		fd = mkstemp(templ);
	}
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) == 0)
		return fd;
	/*
	 * Another command's clean-up took it between its making and the
	 * lock (it was never used): say so as a failure, nothing is lost.
	 */
	e = errno;
	close(fd);
	if (dir)
		rmdir(templ);
	else
		unlink(templ);
	errno = e;
	return -1;
}

/* Empties the folder fd of its regular files; the folder itself is the caller's. */
static void empty_folder(int fd)
{
	int dup_fd = dup(fd);
	DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
	struct dirent *de;

	if (!d) {
		if (dup_fd >= 0)
			close(dup_fd);
		return;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			unlinkat(fd, de->d_name, 0);
	closedir(d);
}

void stale_remove(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = strlen(prefix);

	while (d && (de = readdir(d))) {
		struct stat st;
		int fd;

		if (strncmp(de->d_name, prefix, n) || strlen(de->d_name) != n + 6)
			continue;
		fd = openat(dirfd(d), de->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		/* Held: a command at work. */
		if (fstat(fd, &st) == 0 && flock(fd, LOCK_EX | LOCK_NB) == 0) {
			if (S_ISDIR(st.st_mode)) {
				empty_folder(fd);
				unlinkat(dirfd(d), de->d_name, AT_REMOVEDIR);
			} else if (S_ISREG(st.st_mode)) {
				unlinkat(dirfd(d), de->d_name, 0);
			}
		}
		close(fd);
	}
	if (d)
		closedir(d);
}

int stale_real_folder(const char *dir)
{
	struct stat st;

	if (lstat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return error_set(_("care: '%s' is not a folder but a link or a file; care writes records only into a folder of the repository itself, so replace it with the folder\n"),
			 dir);
}
