/*
 * Records to template values. Leaving sensitive fields out here, where the
 * values are made, keeps them out of every page, Markdown file and
 * template a teacher may write later: a template cannot print what it was
 * never given.
 */
#include "site/values.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "template/markdown.h"
#include "util/strbuf.h"
#include "util/banned.h"

static int keep(const struct snode *s, int flags)
{
	if (snode_sensitive(s) && !(flags & TOMVAL_SENSITIVE))
		return 0;
	if (snode_markdown(s) && !(flags & TOMVAL_MARKDOWN))
		return 0;
	return 1;
}

/*
 * "<key><suffix>" as a string that lives as long as the program: the
 * label keys of a schema are few, and every record repeats them.
 */
static const char *key_with(const char *key, const char *suffix)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static char **keys;
	static size_t n;
	char *k = xstrfmt("%s%s", key, suffix);
	const char *found;
	size_t i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < n && strcmp(keys[i], k); i++)
		;
	if (i == n) {
		keys = xrealloc(keys, (n + 1) * sizeof(*keys));
		keys[n++] = k;
		k = NULL;
	}
	/* Read under the lock: another thread may move the array next. */
	found = keys[i];
	pthread_mutex_unlock(&lock);
	free(k);
	return found;
}

static void add_labels(struct marena *a, struct mval *map, const char *key,
		       const struct ynode *n, const struct snode *s)
{
	if (n->type == YNODE_SCALAR) {
		const char *label = snode_label(s, n->u.text);
		if (label)
			mval_set(a, map, key_with(key, "_label"), mval_str_static(a, label));
	} else if (n->type == YNODE_SEQ && snode_items(s)) {
		const struct snode *it = snode_items(s);
		struct mval *labels;
		struct strbuf text = STRBUF_INIT;
		size_t i;
		if (!n->len || n->u.kids[0]->type != YNODE_SCALAR ||
		    !snode_label(it, n->u.kids[0]->u.text))
			return;
		labels = mval_set(a, map, key_with(key, "_labels"), mval_list(a));
		for (i = 0; i < n->len; i++) {
			const char *label = n->u.kids[i]->type == YNODE_SCALAR ?
					    snode_label(it, n->u.kids[i]->u.text) : NULL;
			if (label) {
				mval_push(a, labels, mval_str_static(a, label));
			} else {
				label = ynode_text(n->u.kids[i]) ? ynode_text(n->u.kids[i]) : "";
				mval_push(a, labels, mval_str(a, label));
			}
			strbuf_addstr(&text, i ? "、" : "");
			strbuf_addstr(&text, label);
		}
		mval_set(a, map, key_with(key, "_text"), mval_str(a, text.buf));
		strbuf_release(&text);
	}
}

/*
 * A teacher's Markdown keeps its emphasis, lists and links, but not raw
 * HTML, and stands on its own in the page (template/markdown.h): '<'
 * becomes "&lt;", which Markdown shows as '<', so <script> in a note is
 * text in the .md files as well as the .html pages, and a code fence it
 * leaves open ends with it instead of taking the rest of the page.
 */
static struct mval *markdown_text(struct marena *a, const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	struct mval *v;

	md_field(&sb, s, len);
	v = mval_strn(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return v;
}

/* The schema's own copy of a property name. */
static const char *schema_key(const struct snode *s, const char *key)
{
	size_t i, n = snode_nprops(s);

	for (i = 0; i < n; i++)
		if (!strcmp(snode_prop_name(s, i), key))
			return snode_prop_name(s, i);
	return key_with(key, "");
}

/* Pairs a map of n keys needs: its labels, and at the top what pages add. */
static size_t room(const struct ynode *n, const struct snode *s, int top)
{
	size_t i, labelled = 0;

	for (i = 0; i < n->len; i++) {
		const struct snode *ps = snode_property(s, n->u.kids[2 * i]->u.text);
		if (ps && (snode_label(ps, ynode_text(n->u.kids[2 * i + 1]) ? ynode_text(n->u.kids[2 * i + 1]) : "") ||
			   snode_items(ps)))
			labelled += 2;
	}
	return n->len + labelled + (top ? 16 : 0);
}

static struct mval *to_mval(struct marena *a, const struct ynode *n, const struct snode *s,
			    int flags, int top);

struct mval *record_to_mval(struct marena *a, const struct ynode *n, const struct snode *s,
			    int flags)
{
	return to_mval(a, n, s, flags, 1);
}

static struct mval *to_mval(struct marena *a, const struct ynode *n, const struct snode *s,
			    int flags, int top)
{
	struct mval *v;
	size_t i;

	if (!n)
		return mval_null(a);
	switch (n->type) {
	case YNODE_SCALAR:
		if (ynode_is_null(n))
			return mval_null(a);
		return snode_markdown(s) ? markdown_text(a, n->u.text, n->len) : mval_strn(a, n->u.text, n->len);
	case YNODE_SEQ:
		v = mval_list(a);
		for (i = 0; i < n->len; i++)
			mval_push(a, v, to_mval(a, n->u.kids[i], snode_items(s), flags, 0));
		return v;
	case YNODE_MAP:
		/* Sized once: a pairs array that grows leaves its old copy behind. */
		v = mval_map_sized(a, room(n, s, top));
		for (i = 0; i < n->len; i++) {
			const char *key = n->u.kids[2 * i]->u.text;
			const struct ynode *val = n->u.kids[2 * i + 1];
			const struct snode *ps = snode_property(s, key);
			if (!keep(ps, flags))
				continue;
			/* The tree goes when the record is checked; the schema stays. */
			key = ps ? schema_key(s, key) : marena_strdup(a, key);
			mval_set(a, v, key, to_mval(a, val, ps, flags, 0));
			if (ps)
				add_labels(a, v, key, val, ps);
		}
		return v;
	}
	return mval_null(a);
}

struct mval *schema_titles(struct marena *a, const struct snode *s)
{
	struct mval *m = mval_map(a);
	size_t i, n = snode_nprops(s);

	if (snode_title(s))
		mval_set_str(a, m, "_", snode_title(s));
	for (i = 0; i < n; i++) {
		const struct snode *p = snode_prop(s, i);
		const char *name = snode_prop_name(s, i);
		if (snode_items(p) && snode_nprops(snode_items(p))) {
			struct mval *sub = schema_titles(a, snode_items(p));
			if (snode_title(p))
				mval_set_str(a, sub, "_", snode_title(p));
			mval_set(a, m, name, sub);
		} else if (snode_nprops(p)) {
			mval_set(a, m, name, schema_titles(a, p));
		} else {
			mval_set_str(a, m, name, snode_title(p) ? snode_title(p) : name);
		}
	}
	return m;
}
