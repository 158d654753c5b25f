/*
 * The working folder as a record source: what a teacher has saved, read
 * with openat() from folders opened once, so 45,000 files cost 45,000
 * opens and no path walks. Links are never followed, not even a folder
 * on the way that is one (records/children linked to somewhere outside
 * the repository), and a FIFO or device is never opened for reading,
 * which would wait for ever.
 */
#include "records/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/hash.h"
#include "util/i18n.h"
#include "util/banned.h"

#define MAX_DIRS 16

struct folder {
	struct source base;
	struct {
		char *dir;	/* "records/children" */
		int fd;
	} dirs[MAX_DIRS];
	int ndirs;
};

void source_free(struct source *s)
{
	if (s)
		s->ops->free(s);
}

/* The open folder holding path and the name inside it, or AT_FDCWD and path. */
static int locate(struct folder *f, const char *path, const char **name)
{
	const char *slash = strrchr(path, '/');
	int i;

	*name = path;
	if (!slash)
		return AT_FDCWD;
	for (i = 0; i < f->ndirs; i++)
		if (strlen(f->dirs[i].dir) == (size_t)(slash - path) &&
		    !strncmp(f->dirs[i].dir, path, (size_t)(slash - path))) {
			*name = slash + 1;
			return f->dirs[i].fd;
		}
	return AT_FDCWD;
}

/*
 * Opens the folder dir ("records/children") one step at a time, none of
 * the steps followed if it is a link: the fd, or -1 with errno (ELOOP or
 * ENOTDIR for a link on the way, ENOENT).
 */
static int open_dir_nofollow(const char *dir)
{
	char *copy = xstrdup(dir), *step = copy, *slash;
	int fd = AT_FDCWD, next;

	for (;;) {
		slash = strchr(step, '/');
		if (slash)
			*slash = '\0';
		next = openat(fd, *step ? step : ".", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd != AT_FDCWD)
			close(fd);
		fd = next;
		if (fd < 0 || !slash)
			break;
		step = slash + 1;
	}
	free(copy);
	if (fd < 0 && errno == ENOTDIR)
		errno = ELOOP;	/* O_DIRECTORY on a link says ENOTDIR on some systems */
	return fd;
}

struct name {
	char *name;
	unsigned char type;
};

static int folder_list(struct source *s, const char *dir,
		       int (*fn)(void *data, const struct source_entry *e), void *data)
{
	struct folder *f = (struct folder *)s;
	struct name *names = NULL;
	size_t nnames = 0, alloc = 0, i;
	struct dirent *de;
	int fd = open_dir_nofollow(dir);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);

	if (!d) {
		if (fd >= 0)
			close(fd);
		/* A link is reported by the walk of records/ (known.c), never followed. */
		if (errno == ENOENT || errno == ELOOP)
			return 1;
		return error_set(_("care: cannot open '%s': %s\n"), dir, strerror(errno));
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (nnames == alloc) {
			alloc = alloc ? alloc * 2 : 256;
			names = xrealloc(names, alloc * sizeof(*names));
		}
		names[nnames].name = xstrdup(de->d_name);
		names[nnames++].type = de->d_type;
	}
	fd = dup(dirfd(d));
	closedir(d);
	if (fd >= 0 && f->ndirs < MAX_DIRS) {
		f->dirs[f->ndirs].dir = xstrdup(dir);
		f->dirs[f->ndirs++].fd = fd;
	} else if (fd >= 0) {
		close(fd);
		fd = AT_FDCWD;
	}
	for (i = 0; i < nnames; i++) {
		struct source_entry e = { names[i].name, ENTRY_FILE, 1 };
		struct stat st;

		/* readdir's type spares a stat per file; some file systems
		 * do not give it, and then lstat decides. */
		if (names[i].type != DT_REG) {
			char *path = xstrfmt("%s/%s", dir, names[i].name);
			if (fstatat(fd, fd == AT_FDCWD ? path : names[i].name, &st, AT_SYMLINK_NOFOLLOW) < 0)
				st.st_mode = 0;
			free(path);
			e.type = S_ISREG(st.st_mode) ? ENTRY_FILE : S_ISDIR(st.st_mode) ? ENTRY_DIR :
				 S_ISLNK(st.st_mode) ? ENTRY_LINK : ENTRY_OTHER;
			if (!st.st_mode)	/* gone since it was listed */
				continue;
		}
		if (fn(data, &e))
			break;
	}
	for (i = 0; i < nnames; i++)
		free(names[i].name);
	free(names);
	return 0;
}

/*
 * Reads name in dirfd, refusing what is not a regular file: opened
 * without waiting (a FIFO would wait for a writer), then looked at.
 */
static int read_regular(int dirfd, const char *name, size_t max, struct strbuf *sb)
{
	struct stat st;
	ssize_t n;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK), saved;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		errno = ENODEV;
		goto fail;
	}
	if (max && (size_t)st.st_size > max) {
		errno = EFBIG;
		goto fail;
	}
	strbuf_grow(sb, (size_t)st.st_size);
	for (;;) {
		strbuf_grow(sb, 8192);
		n = read(fd, sb->buf + sb->len, sb->alloc - sb->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		if (n == 0)
			break;
		sb->len += (size_t)n;
		/* Records are read by the ten thousand: spare the read() that
		 * would only confirm the end of the file. */
		if (sb->len == (size_t)st.st_size && st.st_size > 0)
			break;
		if (max && sb->len > max) {
			errno = EFBIG;
			goto fail;
		}
	}
	sb->buf[sb->len] = '\0';
	close(fd);
	return 0;
fail:
	saved = errno;
	close(fd);
	strbuf_reset(sb);
	errno = saved;
	return -1;
}

static int folder_read(struct source *s, int thread, const char *path, size_t max,
		       struct strbuf *sb)
{
	const char *name;
	int fd = locate((struct folder *)s, path, &name), ret;
	char *dir;

	(void)thread;
	strbuf_reset(sb);
	if (fd != AT_FDCWD || !strchr(path, '/'))
		return read_regular(fd, name, max, sb);
	/* A folder not listed yet (records/schema): walked without links. */
	dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
	fd = open_dir_nofollow(dir);
	free(dir);
	if (fd < 0)
		return -1;
	ret = read_regular(fd, strrchr(path, '/') + 1, max, sb);
	if (ret < 0) {
		int saved = errno;
		close(fd);
		errno = saved;
	} else {
		close(fd);
	}
	return ret;
}

static int folder_has(struct source *s, const char *path)
{
	const char *name;
	int fd = locate((struct folder *)s, path, &name);
	struct stat st;

	return fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

static int folder_changed(struct source *s, const char *path)
{
	(void)s;
	(void)path;
	return 1;
}

static uint64_t folder_stamp(struct source *s, const char *path)
{
	const char *name;
	int fd = locate((struct folder *)s, path, &name);
	struct stat st;
	uint64_t v[6];

	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return 0;
	v[0] = (uint64_t)st.st_size;
	v[1] = (uint64_t)st.st_mtim.tv_sec;
	v[2] = (uint64_t)st.st_mtim.tv_nsec;
	v[3] = (uint64_t)st.st_ctim.tv_sec;
	v[4] = (uint64_t)st.st_ctim.tv_nsec;
	v[5] = (uint64_t)st.st_ino;
	return hash_bytes(HASH_SEED, v, sizeof(v));
}

static void folder_free(struct source *s)
{
	struct folder *f = (struct folder *)s;
	int i;

	for (i = 0; i < f->ndirs; i++) {
		free(f->dirs[i].dir);
		close(f->dirs[i].fd);
	}
	free(f);
}

static const struct source_ops folder_ops = {
	folder_list, folder_read, folder_has, folder_changed, folder_stamp, NULL, folder_free,
};

int source_open_folder(struct source **out)
{
	struct folder *f = xcalloc(1, sizeof(*f));

	f->base.ops = &folder_ops;
	f->base.kind = SOURCE_FOLDER;
	*out = &f->base;
	return 0;
}
