/*
 * Template values and the arena they live in. A page's values are built,
 * rendered once or twice and dropped together, so nothing is freed one by
 * one: allocation bumps a pointer in a large chunk, and a list or map that
 * outgrows its array gets a new one twice the size while the old one stays
 * behind in the arena until marena_free().
 */
#include "template/values.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "util/strbuf.h"
#include "util/banned.h"

struct chunk {
	struct chunk *next;
	size_t used, size;
	/* max_align_t keeps every allocation aligned for any type */
	_Alignas(max_align_t) char mem[];
};

struct marena {
	struct chunk *chunks;
};

#define CHUNK_SIZE 65536
#define ALIGN (sizeof(void *))

struct marena *marena_new(void)
{
	return xcalloc(1, sizeof(struct marena));
}

void marena_free(struct marena *a)
{
	struct chunk *c, *next;

	if (!a)
		return;
	for (c = a->chunks; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

/* n bytes aligned to align (a power of two, at most ALIGN). */
static void *arena_alloc_aligned(struct marena *a, size_t n, size_t align)
{
	struct chunk *c = a->chunks;

	if (c)
		c->used = (c->used + align - 1) & ~(align - 1);
	if (!c || c->used > c->size || c->size - c->used < n) {
		size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		/*
		 * A chunk made for one large request goes behind the current
		 * one, so the room left in the current one is not lost.
		 */
		if (size > CHUNK_SIZE && a->chunks) {
			c->next = a->chunks->next;
			a->chunks->next = c;
		} else {
			c->next = a->chunks;
			a->chunks = c;
		}
	}
	c->used += n;
	return c->mem + c->used - n;
}

static void *arena_alloc(struct marena *a, size_t n)
{
	return arena_alloc_aligned(a, n, ALIGN);
}

/* Strings need no alignment: a county's short names would waste half. */
static char *arena_strndup(struct marena *a, const char *s, size_t len)
{
	char *p = arena_alloc_aligned(a, len + 1, 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *marena_strdup(struct marena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

static struct mval *new_val(struct marena *a, enum mval_type type)
{
	struct mval *v = arena_alloc(a, sizeof(*v));

	memset(v, 0, sizeof(*v));
	v->type = type;
	return v;
}

struct mval *mval_null(struct marena *a)
{
	return new_val(a, MV_NULL);
}

struct mval *mval_bool(struct marena *a, int truth)
{
	return new_val(a, truth ? MV_TRUE : MV_FALSE);
}

struct mval *mval_strn(struct marena *a, const char *s, size_t len)
{
	struct mval *v = new_val(a, MV_STR);

	v->len = len;
	v->u.str = arena_strndup(a, s, len);
	return v;
}

struct mval *mval_str_static(struct marena *a, const char *s)
{
	struct mval *v = new_val(a, MV_STR);

	v->len = strlen(s);
	v->u.str = s;
	return v;
}

struct mval *mval_str(struct marena *a, const char *s)
{
	return mval_strn(a, s, strlen(s));
}

struct mval *mval_fmt(struct marena *a, const char *fmt, ...)
{
	struct mval *v = new_val(a, MV_STR);
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	p = arena_alloc(a, (size_t)n + 1);
	p[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	v->len = (size_t)n;
	v->u.str = p;
	return v;
}

struct mval *mval_list(struct marena *a)
{
	return new_val(a, MV_LIST);
}

struct mval *mval_map(struct marena *a)
{
	return new_val(a, MV_MAP);
}

struct mval *mval_map_sized(struct marena *a, size_t n)
{
	struct mval *m = new_val(a, MV_MAP);

	if (n) {
		m->u.pairs = arena_alloc(a, n * sizeof(*m->u.pairs));
		m->alloc = n;
	}
	return m;
}

/* Makes room for one more element of size elem in the array at *arr. */
static void grow(struct marena *a, void **arr, size_t len, uint32_t *alloc, size_t elem)
{
	void *fresh;

	if (len < *alloc)
		return;
	*alloc = *alloc ? *alloc * 2 : 4;
	fresh = arena_alloc(a, *alloc * elem);
	if (len)
		memcpy(fresh, *arr, len * elem);
	*arr = fresh;
}

struct mval *mval_push(struct marena *a, struct mval *list, struct mval *v)
{
	void *items;

	/* a list's array would overwrite a string or a map's pairs */
	if (!list || list->type != MV_LIST)
		return v;
	items = list->u.items;
	grow(a, &items, list->len, &list->alloc, sizeof(*list->u.items));
	list->u.items = items;
	list->u.items[list->len++] = v;
	return v;
}

static struct mpair *find_pair(const struct mval *m, const char *key, size_t len)
{
	size_t i;

	if (!m || m->type != MV_MAP)
		return NULL;
	for (i = 0; i < m->len; i++) {
		const char *k = m->u.pairs[i].key;
		/*
		 * The keys are the same few strings: most differ at once. A key
		 * shorter than len (a NUL inside a template's tag name) is no
		 * match, and k is never read past its end.
		 */
		if (k[0] == key[0] && strnlen(k, len + 1) == len && !memcmp(k, key, len))
			return &m->u.pairs[i];
	}
	return NULL;
}

struct mval *mval_set(struct marena *a, struct mval *map, const char *key, struct mval *v)
{
	struct mpair *p = find_pair(map, key, strlen(key));
	void *pairs;

	if (!map || map->type != MV_MAP)
		return v;
	if (p) {
		p->val = v;
		return v;
	}
	pairs = map->u.pairs;
	grow(a, &pairs, map->len, &map->alloc, sizeof(*map->u.pairs));
	map->u.pairs = pairs;
	map->u.pairs[map->len].key = key;
	map->u.pairs[map->len].val = v;
	map->len++;
	return v;
}

struct mval *mval_set_str(struct marena *a, struct mval *map, const char *key, const char *s)
{
	return mval_set(a, map, key, mval_str(a, s));
}

struct mval *mval_set_map(struct marena *a, struct mval *map, const char *key)
{
	return mval_set(a, map, key, mval_map(a));
}

struct mval *mval_set_list(struct marena *a, struct mval *map, const char *key)
{
	return mval_set(a, map, key, mval_list(a));
}

struct mval *mval_getn(const struct mval *m, const char *key, size_t len)
{
	struct mpair *p = find_pair(m, key, len);

	return p ? p->val : NULL;
}

struct mval *mval_get(const struct mval *m, const char *key)
{
	return mval_getn(m, key, strlen(key));
}

const char *mval_text(const struct mval *m, const char *key)
{
	const struct mval *v = mval_get(m, key);

	return v && v->type == MV_STR ? v->u.str : "";
}
