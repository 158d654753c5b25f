/*
 * Ids and files for new records (care new): a child's id from the pinyin
 * of the name and the year of birth, a free id found by trying -2, -3 ...,
 * and the file put in place without ever replacing one. Also finding a
 * child by id or by name, for a pairing.
 */
#include "records/newrec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "records/stale.h"
#include "text/collate.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/i18n.h"
#include "yaml/tree.h"
#include "util/fault.h"
#include "util/banned.h"

/* Room left in an id for "-NN" after the stem. */
#define STEM_MAX 60

/* Two-character surnames, written as one word in pinyin (ouyang-xiu). */
static const char *const compound_surnames[] = {
	"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "夏侯",
	"令狐", "司徒", "端木", "长孙", "宇文", "轩辕", "独孤", "南宫", "西门", "百里", NULL,
};

/* How many characters name has when every one is a CJK ideograph (3 bytes in UTF-8), else 0. */
static size_t han_chars(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t n = 0;

	for (; *p; p += 3, n++)
		if (p[0] < 0xe4 || p[0] > 0xe9 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
	return n;
}

/*
 * A name's pinyin as people write it: the surname, then the given name
 * as one word ("王小明" -> "wang-xiaoming", not pinyin_slug()'s
 * "wang-xiao-ming"), when the name is all Chinese characters with one
 * syllable each; otherwise pinyin_slug() as it is.
 */
static char *name_slug(const char *name)
{
	char *slug = pinyin_slug(name), *out, *p;
	size_t chars = han_chars(name), dashes = 0, i, surname = 1, seen = 0;

	for (p = slug; *p; p++)
		dashes += *p == '-';
	if (chars < 2 || dashes + 1 != chars)
		return slug;
	for (i = 0; compound_surnames[i]; i++)
		if (chars > 2 && !strncmp(name, compound_surnames[i], 6))
			surname = 2;
	out = xmalloc(strlen(slug) + 1);
	for (p = slug, i = 0; *p; p++) {
		if (*p == '-' && ++seen != surname)
			continue;
		out[i++] = *p;
	}
	out[i] = '\0';
	free(slug);
	return out;
}

char *newrec_child_stem(const char *name, const char *birth_date)
{
	char *slug = name_slug(name), *stem;

	if (birth_date && strlen(birth_date) >= 4 && strspn(birth_date, "0123456789") >= 4) {
		stem = xstrfmt("%s-%.4s", slug, birth_date);
		free(slug);
		return stem;
	}
	return slug;
}

/* Puts tmp in place as path unless path exists: 0, 1 when taken, -1 on failure. */
static int place(const char *tmp, const char *path, const char *text, size_t len)
{
	int fd;

	if (!sys_link(tmp, path))
		return 0;
	if (errno == EEXIST)
		return 1;
	/* A file system without hard links: create exclusively instead. */
	if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return errno == EEXIST ? 1 : -1;
	if (write_all(fd, text, len) < 0) {
		int e = errno;
		close(fd);
		unlink(path);
		errno = e;
		return -1;
	}
	return close(fd) < 0 ? -1 : 0;
}

int newrec_write(char **path, enum kind kind, const char *stem, const char *text)
{
	char *dir = xstrfmt("records/%s", kind_dirs[kind]), *tmp = NULL, *base = NULL, *try = NULL;
	size_t len = strlen(text), cut;
	int fd = -1, n, r, ret = -1;

	*path = NULL;
	cut = strlen(stem) > STEM_MAX ? STEM_MAX : strlen(stem);
	while (cut > 1 && stem[cut - 1] == '-')
		cut--;
	base = xstrndup(stem, cut);
	if (!is_valid_id(base)) {
		error_set(_("care: cannot make a record id from '%s'; give one with --id\n"), stem);
		goto out;
	}
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		error_set(_("care: cannot create '%s': %s\n"), dir, strerror(errno));
		goto out;
	}
	if (stale_real_folder(dir) < 0)
		goto out;
	/* What a care new killed before the link left: a copy, never a record. */
	stale_remove(dir, ".new-");
	tmp = xstrfmt("%s/.new-XXXXXX", dir);
	fd = stale_make(tmp, 0);
	if (fd < 0 || write_all(fd, text, len) < 0 || fchmod(fd, 0644) < 0) {
		error_set(_("care: cannot write '%s': %s\n"), tmp, strerror(errno));
		if (fd >= 0) {
			unlink(tmp);
			close(fd);
		}
		goto out;
	}
	for (n = 1; n < 1000; n++) {
		free(try);
		try = n == 1 ? xstrfmt("%s/%s.yaml", dir, base) : xstrfmt("%s/%s-%d.yaml", dir, base, n);
		r = place(tmp, try, text, len);
		if (r == 0) {
			*path = try;
			try = NULL;
			ret = 0;
			break;
		}
		if (r < 0) {
			error_set(_("care: cannot write '%s': %s\n"), try, strerror(errno));
			break;
		}
	}
	if (n == 1000)
		error_set(_("care: cannot write '%s': %s\n"), try, strerror(EEXIST));
	unlink(tmp);
	/* Held until the temporary is gone, so no other care new takes it for a dead one's. */
	close(fd);
out:
	free(try);
	free(tmp);
	free(base);
	free(dir);
	return ret;
}

/* The name in a child's file, or NULL when it cannot be read as one. */
static char *name_in(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct ydoc *doc = NULL;
	const char *t;
	char *name = NULL;

	if (strbuf_read_file(&sb, path, YDOC_MAX_SIZE) == 0 &&
	    ydoc_parse(&doc, sb.buf, sb.len, path, &dl) == 0 &&
	    (t = ynode_text(ynode_get(ydoc_root(doc), "name"))))
		name = xstrdup(t);
	ydoc_free(doc);
	diag_list_release(&dl);
	strbuf_release(&sb);
	return name;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is text the name's pinyin, with or without hyphens (li-mei, limei)? */
static int same_pinyin(const char *name, const char *text)
{
	char *slug;
	const char *a, *b;
	int same;

	if (!*text || strspn(text, "abcdefghijklmnopqrstuvwxyz-") != strlen(text))
		return 0;
	slug = pinyin_slug(name);
	for (a = slug, b = text;; a++, b++) {
		while (*a == '-')
			a++;
		while (*b == '-')
			b++;
		if (*a != *b || !*a)
			break;
	}
	same = !*a && !*b;
	free(slug);
	return same;
}

int newrec_find_child(char **id, const char *id_or_name)
{
	struct strbuf found = STRBUF_INIT;
	char **ids = NULL, *path;
	size_t nr = 0, i;
	struct dirent *de;
	struct stat st;
	DIR *d;
	int ret = -1;

	*id = NULL;
	path = xstrfmt("records/children/%s.yaml", id_or_name);
	if (is_valid_id(id_or_name) && !stat(path, &st)) {
		*id = xstrdup(id_or_name);
		free(path);
		return 0;
	}
	free(path);
	d = opendir("records/children");
	while (d && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		char *name;
		if (de->d_name[0] == '.' || n < 6 || strcmp(de->d_name + n - 5, ".yaml"))
			continue;
		path = xstrfmt("records/children/%s", de->d_name);
		name = name_in(path);
		if (name && (!strcmp(name, id_or_name) || same_pinyin(name, id_or_name))) {
			ids = xrealloc(ids, (nr + 1) * sizeof(*ids));
			ids[nr++] = xstrndup(de->d_name, n - 5);
		}
		free(name);
		free(path);
	}
	if (d)
		closedir(d);
	if (nr == 1) {
		*id = ids[0];
		ids[0] = NULL;
		ret = 0;
	} else if (!nr) {
		error_set(_("care: no child has the id or the name '%s' in records/children\n"), id_or_name);
	} else {
		qsort(ids, nr, sizeof(*ids), by_text);
		for (i = 0; i < nr; i++)
			strbuf_addf(&found, "  %s\n", ids[i]);
		error_set(_("care: %zu children are named '%s'; give the id of one of them:\n%s"),
			  nr, id_or_name, found.buf);
		ret = -2;
	}
	for (i = 0; i < nr; i++)
		free(ids[i]);
	free(ids);
	strbuf_release(&found);
	return ret;
}
