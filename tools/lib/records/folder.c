/*
 * The working folder as a record source: what a teacher has saved, read
 * with openat() from folders opened once, so 45,000 files cost 45,000
 * opens and no path walks. Links are never followed.
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

#define MAX_DIRS 8

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
	DIR *d = opendir(dir);
	int fd;

	if (!d) {
		if (errno == ENOENT)
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

static int folder_read(struct source *s, int thread, const char *path, size_t max,
		       struct strbuf *sb)
{
	const char *name;
	int fd = locate((struct folder *)s, path, &name);

	(void)thread;
	strbuf_reset(sb);
	return strbuf_read_file_at(sb, fd, name, max);
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
