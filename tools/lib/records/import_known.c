/*
 * What the repository holds before an import: the children, by id and
 * name (a pairing's sheet names its child), and what makes each record of
 * the kind imported the same as another, so that a sheet imported twice
 * adds nothing the second time. Read straight from the files, without a
 * check: a record with a problem is still the same child.
 */
#include "records/import_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "yaml/hazards.h"
#include "yaml/tree.h"
#include "util/banned.h"

void known_release(struct known *k)
{
	size_t i;

	for (i = 0; i < k->nkids; i++) {
		free((char *)k->kids[i].id);
		free((char *)k->kids[i].name);
	}
	free(k->kids);
	for (i = 0; i < k->nidentities; i++)
		free(k->identities[i]);
	free(k->identities);
}

struct lister {
	struct source *src;
	struct known *k;
	enum kind kind, want;
};

static int on_entry(void *data, const struct source_entry *e)
{
	struct lister *l = data;
	struct strbuf sb = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct ydoc *doc = NULL;
	size_t n = strlen(e->name);
	char *path, *id, *key;

	if (e->type != ENTRY_FILE || n <= 5 || strcmp(e->name + n - 5, ".yaml"))
		return 0;
	id = xstrndup(e->name, n - 5);
	path = xstrfmt("records/%s/%s", kind_dirs[l->kind], e->name);
	/* A record that does not parse is not known by name; the check will say why. */
	if (!source_read(l->src, 0, path, YDOC_MAX_SIZE, &sb) && !text_scan(sb.buf, sb.len, path, &dl))
		ydoc_parse(&doc, sb.buf, sb.len, path, &dl);
	if (l->kind == KIND_CHILD) {
		const char *name = doc ? ynode_text(ynode_get(ydoc_root(doc), "name")) : NULL;
		l->k->kids = xrealloc(l->k->kids, (l->k->nkids + 1) * sizeof(*l->k->kids));
		l->k->kids[l->k->nkids].id = xstrdup(id);
		l->k->kids[l->k->nkids++].name = name ? xstrdup(name) : NULL;
	}
	if (l->kind == l->want && doc && (key = rowmap_identity(l->kind, ydoc_root(doc)))) {
		l->k->identities = xrealloc(l->k->identities, (l->k->nidentities + 1) * sizeof(char *));
		l->k->identities[l->k->nidentities++] = xstrfmt("%s\x1e%s", key, id);
		free(key);
	}
	ydoc_free(doc);
	diag_list_release(&dl);
	strbuf_release(&sb);
	free(path);
	free(id);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int load_known(struct known *k, struct source *src, enum kind want)
{
	struct lister l = { src, k, KIND_CHILD, want };
	char *dir;
	int rc;

	memset(k, 0, sizeof(*k));
	for (l.kind = KIND_CHILD; l.kind < KIND_NR; l.kind++) {
		if (l.kind != KIND_CHILD && l.kind != want)
			continue;
		dir = xstrfmt("records/%s", kind_dirs[l.kind]);
		rc = source_list(src, dir, on_entry, &l);
		free(dir);
		if (rc < 0)
			return -1;
	}
	if (k->nidentities)
		qsort(k->identities, k->nidentities, sizeof(char *), cmp_str);
	return 0;
}

/* The id of the record already there with this identity, or NULL. */
const char *known_as(const struct known *k, const char *identity)
{
	size_t lo = 0, hi = k->nidentities, n = strlen(identity);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(k->identities[mid], identity, n);
		if (!c && k->identities[mid][n] == '\x1e')
			return k->identities[mid] + n + 1;
		if (!c)
			c = (unsigned char)k->identities[mid][n] < 0x1e ? -1 : 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

