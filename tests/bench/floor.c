/*
 * The benchmark's floor: the least work any YAML-based checker of a records
 * tree must do.  It reads every *.yaml file under the given paths fully into
 * memory with read() and runs libyaml's event parser over it on one thread,
 * deleting each event at once; nothing is built, nothing is validated.  A
 * checker that reads the same files cannot be much faster than this, so
 * `care check` is measured against it (tests/bench/run).
 *
 *   floor [-C DIR] [PATH...]
 *
 * With -C DIR it reads the file set `care -C DIR check` reads:
 * DIR/records/programme.yaml and every *.yaml under DIR/records/children,
 * DIR/records/pairings and DIR/records/activities.  Each PATH is a file or a
 * directory searched recursively.  It prints the number of files and events;
 * it exits 1 if a file does not parse, 2 on a usage or I/O failure.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

struct floor {
	unsigned char *buf;
	size_t cap;
	unsigned long files;
	unsigned long long events;
	unsigned long bad;
	int io_error;
};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fputs("floor: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static int has_yaml_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && !strcmp(name + n - 5, ".yaml");
}

/* Read the whole file into f->buf; returns its length or -1. */
static long read_all(struct floor *f, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	size_t len = 0;

	if (fd < 0 || fstat(fd, &st) < 0) {
		fprintf(stderr, "floor: cannot open '%s': %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	/* Size the buffer from fstat, but trust read(): the file may change. */
	if ((size_t)st.st_size + 1 > f->cap) {
		f->cap = (size_t)st.st_size + 4096;
		f->buf = xrealloc(f->buf, f->cap);
	}
	for (;;) {
		ssize_t n;

		if (len == f->cap) {
			f->cap *= 2;
			f->buf = xrealloc(f->buf, f->cap);
		}
		n = read(fd, f->buf + len, f->cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "floor: cannot read '%s': %s\n", path, strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	return (long)len;
}

static void parse_file(struct floor *f, const char *path)
{
	yaml_parser_t parser;
	yaml_event_t event;
	long len = read_all(f, path);

	if (len < 0) {
		f->io_error = 1;
		return;
	}
	f->files++;
	if (!yaml_parser_initialize(&parser)) {
		fputs("floor: out of memory\n", stderr);
		exit(2);
	}
	yaml_parser_set_input_string(&parser, f->buf, (size_t)len);
	for (;;) {
		yaml_event_type_t type;

		if (!yaml_parser_parse(&parser, &event)) {
			fprintf(stderr, "%s:%lu:%lu: error: %s\n", path,
				(unsigned long)parser.problem_mark.line + 1,
				(unsigned long)parser.problem_mark.column + 1,
				parser.problem ? parser.problem : "cannot parse");
			f->bad++;
			break;
		}
		type = event.type;
		f->events++;
		yaml_event_delete(&event);
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);
}

static void walk(struct floor *f, const char *path, int top);

static void walk_dir(struct floor *f, const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char *child = NULL;
	size_t cap = 0, plen = strlen(path);

	if (!d) {
		fprintf(stderr, "floor: cannot open '%s': %s\n", path, strerror(errno));
		f->io_error = 1;
		return;
	}
	while ((de = readdir(d))) {
		size_t need;

		if (de->d_name[0] == '.')
			continue;
		need = plen + strlen(de->d_name) + 2;
		if (need > cap) {
			cap = need * 2;
			child = xrealloc(child, cap);
		}
		snprintf(child, cap, "%s/%s", path, de->d_name);
		if (de->d_type == DT_DIR)
			walk_dir(f, child);
		else if (de->d_type == DT_REG)
			walk(f, child, 0);
		else if (de->d_type == DT_UNKNOWN || de->d_type == DT_LNK)
			walk(f, child, 0);
	}
	closedir(d);
	free(child);
}

static void walk(struct floor *f, const char *path, int top)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "floor: cannot open '%s': %s\n", path, strerror(errno));
		f->io_error = 1;
		return;
	}
	if (S_ISDIR(st.st_mode))
		walk_dir(f, path);
	else if (S_ISREG(st.st_mode) && (top || has_yaml_suffix(path)))
		parse_file(f, path);
}

int main(int argc, char **argv)
{
	static const char *const care_set[] = {
		"records/programme.yaml", "records/children", "records/pairings", "records/activities",
	};
	struct floor f = { 0 };
	const char *dir = NULL;
	int i = 1;

	if (i + 1 < argc && !strcmp(argv[i], "-C")) {
		dir = argv[i + 1];
		i += 2;
	}
	if (i < argc && argv[i][0] == '-') {
		fputs("usage: floor [-C DIR] [PATH...]\n", stderr);
		return 2;
	}
	if (!dir && i == argc) {
		fputs("usage: floor [-C DIR] [PATH...]\n", stderr);
		return 2;
	}
	if (dir) {
		size_t k;

		for (k = 0; k < sizeof(care_set) / sizeof(care_set[0]); k++) {
			size_t n = strlen(dir) + strlen(care_set[k]) + 2;
			char *p = xrealloc(NULL, n);

			snprintf(p, n, "%s/%s", dir, care_set[k]);
			walk(&f, p, 1);
			free(p);
		}
	}
	for (; i < argc; i++)
		walk(&f, argv[i], 1);
	free(f.buf);

	printf("floor: %lu files, %llu events", f.files, f.events);
	if (f.bad)
		printf(", %lu files do not parse", f.bad);
	putchar('\n');
	if (fflush(stdout) != 0 || ferror(stdout))
		return 2;
	return f.io_error ? 2 : f.bad ? 1 : 0;
}
