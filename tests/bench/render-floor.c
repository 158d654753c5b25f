/*
 * The floor of `care render`: the least work any generator of the same
 * static site must do, which is to create its files.  It reads a listing
 * of a site care rendered (one line per entry, "TYPE SIZE PATH" as
 * `find SITE -mindepth 1 -printf '%y %s %P\n'` prints it: d for a folder,
 * f for a file), makes the same folders in a new output folder and writes
 * every file with as many bytes as the original had, from one buffer, with
 * open(O_EXCL), write() and close() as care does.  Nothing is parsed or
 * rendered, so what it measures is the file system, not the CPU; care
 * render is measured against it (tests/bench/render).
 *
 *   render-floor [-j N] LIST OUTDIR
 *
 * OUTDIR must not exist.  The files are shared among N threads (by default
 * one per processor, up to 16, as care render does; folders are made first,
 * on one thread).  It prints the number of folders, files and bytes written
 * and exits 2 on a usage or I/O failure.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct entry {
	char *path;	/* relative to OUTDIR; points into the listing */
	size_t size;
};

struct job {
	int dirfd;
	struct entry *files;
	size_t nfiles;
	const char *data;	/* size of the largest file, any content */
	atomic_size_t next;
	atomic_int failed;
};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fputs("render-floor: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

/* Reads the whole of path into a NUL-terminated buffer the caller frees. */
static char *read_listing(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		fprintf(stderr, "render-floor: cannot open '%s': %s\n", path, strerror(errno));
		return NULL;
	}
	do {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			buf = xrealloc(buf, cap + 1);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		fprintf(stderr, "render-floor: cannot read '%s': %s\n", path, strerror(errno));
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	return buf;
}

static int write_one(int dirfd, const struct entry *e, const char *data)
{
	int fd = openat(dirfd, e->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	size_t done = 0;

	if (fd < 0)
		return -1;
	while (done < e->size) {
		ssize_t n = write(fd, data + done, e->size - done);
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

static void *worker(void *arg)
{
	struct job *j = arg;
	size_t i;

	while (!atomic_load(&j->failed) && (i = atomic_fetch_add(&j->next, 1)) < j->nfiles)
		if (write_one(j->dirfd, &j->files[i], j->data) < 0) {
			fprintf(stderr, "render-floor: cannot write '%s': %s\n", j->files[i].path,
				strerror(errno));
			atomic_store(&j->failed, 1);
		}
	return NULL;
}

int main(int argc, char **argv)
{
	struct job j;
	struct entry *files = NULL;
	char *listing, *line, *next, *data = NULL;
	size_t nfiles = 0, cap = 0, ndirs = 0, max = 0, i;
	unsigned long long bytes = 0;
	pthread_t tids[16];
	int threads = 0, started = 0, ret = 2, argi = 1;

	if (argc == 5 && !strcmp(argv[1], "-j")) {
		threads = atoi(argv[2]);
		argi = 3;
	}
	if (argc - argi != 2 || (argi == 3 && threads < 1)) {
		fputs("usage: render-floor [-j N] LIST OUTDIR\n", stderr);
		return 2;
	}
	if (!threads)
		threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
	threads = threads < 1 ? 1 : threads > 16 ? 16 : threads;
	listing = read_listing(argv[argi]);
	if (!listing)
		return 2;
	if (mkdir(argv[argi + 1], 0755) < 0) {
		fprintf(stderr, "render-floor: cannot create '%s': %s\n", argv[argi + 1], strerror(errno));
		free(listing);
		return 2;
	}
	memset(&j, 0, sizeof(j));
	j.dirfd = open(argv[argi + 1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (j.dirfd < 0) {
		fprintf(stderr, "render-floor: cannot open '%s': %s\n", argv[argi + 1], strerror(errno));
		goto out;
	}

	/* find lists a folder before what it holds, so folders can be made as met. */
	for (line = listing; *line; line = next) {
		char type, *end;
		unsigned long long size;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (!*line)
			continue;
		type = line[0];
		size = strtoull(line + 1, &end, 10);
		if ((type != 'd' && type != 'f') || line[1] != ' ' || end == line + 2 || *end != ' ' ||
		    !end[1]) {
			fprintf(stderr, "render-floor: %s: not a 'TYPE SIZE PATH' line: '%s'\n", argv[argi], line);
			goto out;
		}
		if (type == 'd') {
			if (mkdirat(j.dirfd, end + 1, 0755) < 0) {
				fprintf(stderr, "render-floor: cannot create '%s': %s\n", end + 1, strerror(errno));
				goto out;
			}
			ndirs++;
			continue;
		}
		if (nfiles == cap) {
			cap = cap ? cap * 2 : 4096;
			files = xrealloc(files, cap * sizeof(*files));
		}
		files[nfiles].path = end + 1;
		files[nfiles].size = (size_t)size;
		nfiles++;
		bytes += size;
		if (size > max)
			max = (size_t)size;
	}
	/* The content does not matter to the file system, only the length. */
	data = xrealloc(NULL, max + 1);
	memset(data, '.', max + 1);

	j.files = files;
	j.nfiles = nfiles;
	j.data = data;
	atomic_init(&j.next, 0);
	atomic_init(&j.failed, 0);
	for (i = 1; i < (size_t)threads; i++)
		if (!pthread_create(&tids[started], NULL, worker, &j))
			started++;
	worker(&j);
	for (i = 0; i < (size_t)started; i++)
		pthread_join(tids[i], NULL);
	if (atomic_load(&j.failed))
		goto out;
	printf("render-floor: %zu folders, %zu files, %llu bytes (%d threads)\n", ndirs, nfiles, bytes,
	       started + 1);
	ret = fflush(stdout) ? 2 : 0;
out:
	if (j.dirfd >= 0)
		close(j.dirfd);
	free(data);
	free(files);
	free(listing);
	return ret;
}
