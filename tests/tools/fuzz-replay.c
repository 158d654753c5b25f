/*
 * Replays fuzz inputs without libFuzzer: `fuzz-replay TARGET PATH...` runs
 * the target's body (tests/fuzz/fuzz-TARGET.c, included here with
 * FUZZ_REPLAY so its entry point is fuzz_TARGET()) over every file named,
 * and every file below every folder named, in sorted order. A broken
 * invariant aborts, as it does under libFuzzer; built with SANITIZE, a bad
 * read does too. `make check` runs it over the committed corpora
 * (tests/t0900-fuzz-replay.sh).
 */
#define FUZZ_REPLAY 1

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

#include "../fuzz/fuzz-csv.c"
#include "../fuzz/fuzz-detect.c"
#include "../fuzz/fuzz-fielddiff.c"
#include "../fuzz/fuzz-histcache.c"
#include "../fuzz/fuzz-manifest.c"
#include "../fuzz/fuzz-mustache.c"
#include "../fuzz/fuzz-schema.c"
#include "../fuzz/fuzz-yaml.c"

static const struct {
	const char *name;
	int (*run)(const uint8_t *data, size_t size);
} targets[] = {
	{ "csv", fuzz_csv },
	{ "detect", fuzz_detect },
	{ "fielddiff", fuzz_fielddiff },
	{ "histcache", fuzz_histcache },
	{ "manifest", fuzz_manifest },
	{ "mustache", fuzz_mustache },
	{ "schema", fuzz_schema },
	{ "yaml", fuzz_yaml },
};

static size_t replayed;

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay(int (*run)(const uint8_t *, size_t), const char *path)
{
	struct stat st;
	int ret = 0;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "fuzz-replay: cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *de;
		char **names = NULL;
		size_t n = 0, i;

		if (!d) {
			fprintf(stderr, "fuzz-replay: cannot open '%s': %s\n", path, strerror(errno));
			return -1;
		}
		while ((de = readdir(d))) {
			if (de->d_name[0] == '.')
				continue;
			names = xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = xstrfmt("%s/%s", path, de->d_name);
		}
		closedir(d);
		if (n)
			qsort(names, n, sizeof(*names), cmp_names);
		for (i = 0; i < n; i++) {
			if (replay(run, names[i]) < 0)
				ret = -1;
			free(names[i]);
		}
		free(names);
	} else {
		struct strbuf sb = STRBUF_INIT;
		uint8_t *copy;
		size_t len;

		if (strbuf_read_file(&sb, path, (size_t)1 << 24) < 0) {
			fprintf(stderr, "fuzz-replay: cannot read '%s': %s\n", path, strerror(errno));
			return -1;
		}
		/* Exactly the file's bytes, as libFuzzer hands them over. */
		copy = xmalloc(sb.len ? sb.len : 1);
		memcpy(copy, sb.buf, sb.len);
		len = sb.len;
		strbuf_release(&sb);
		if (getenv("FUZZ_REPLAY_VERBOSE"))
			fprintf(stderr, "fuzz-replay: %s\n", path);
		run(copy, len);
		free(copy);
		replayed++;
	}
	return ret;
}

int main(int argc, char **argv)
{
	size_t t;
	int i, ret = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: fuzz-replay TARGET PATH...\ntargets:");
		for (t = 0; t < sizeof(targets) / sizeof(*targets); t++)
			fprintf(stderr, " %s", targets[t].name);
		fprintf(stderr, "\n");
		return 2;
	}
	for (t = 0; t < sizeof(targets) / sizeof(*targets); t++)
		if (!strcmp(argv[1], targets[t].name))
			break;
	if (t == sizeof(targets) / sizeof(*targets)) {
		fprintf(stderr, "fuzz-replay: no target '%s'\n", argv[1]);
		return 2;
	}
	for (i = 2; i < argc; i++)
		if (replay(targets[t].run, argv[i]) < 0)
			ret = 2;
	printf("%s: %zu inputs\n", targets[t].name, replayed);
	return ret;
}
