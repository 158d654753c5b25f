#ifndef CARE_MVAL_H
#define CARE_MVAL_H

#include <stddef.h>
#include <stdint.h>

/*
 * The values a template is rendered with: null, false, true, strings,
 * lists and maps, as in JSON. All of them live in an arena that is freed
 * at once, because a page's values are built, rendered and dropped
 * together. Strings are copied into the arena.
 */
enum mval_type { MV_NULL, MV_FALSE, MV_TRUE, MV_STR, MV_LIST, MV_MAP };

struct mval;

struct mpair {
	const char *key;
	struct mval *val;
};

/*
 * 24 bytes: a county's records make millions of these. Nothing a record
 * holds comes near 2^32 bytes or items (a record file is at most 1 MiB).
 */
struct mval {
	enum mval_type type;
	uint32_t len;		/* STR: bytes; LIST: items; MAP: pairs */
	uint32_t alloc;		/* LIST, MAP: room */
	union {
		const char *str;		/* NUL-terminated */
		struct mval **items;
		struct mpair *pairs;
	} u;
};

struct marena;

struct marena *marena_new(void);
void marena_free(struct marena *a);

struct mval *mval_null(struct marena *a);
struct mval *mval_bool(struct marena *a, int truth);
struct mval *mval_str(struct marena *a, const char *s);
struct mval *mval_strn(struct marena *a, const char *s, size_t len);
/* A string that outlives the arena (a literal, a schema's label): not copied. */
struct mval *mval_str_static(struct marena *a, const char *s);
struct mval *mval_fmt(struct marena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct mval *mval_list(struct marena *a);
struct mval *mval_map(struct marena *a);
/* A map with room for n pairs before it grows. */
struct mval *mval_map_sized(struct marena *a, size_t n);

/* Appends to a list; returns v. */
struct mval *mval_push(struct marena *a, struct mval *list, struct mval *v);
/*
 * Sets key in a map (replacing an earlier value); returns v. The key is
 * not copied: it must live as long as the map, as a string literal, a
 * schema's property name or a marena_strdup() does. A county's records
 * repeat the same few dozen keys hundreds of thousands of times.
 */
struct mval *mval_set(struct marena *a, struct mval *map, const char *key, struct mval *v);
/* Shorthands: set key to a string / a new map / a new list. */
struct mval *mval_set_str(struct marena *a, struct mval *map, const char *key, const char *s);
struct mval *mval_set_map(struct marena *a, struct mval *map, const char *key);
struct mval *mval_set_list(struct marena *a, struct mval *map, const char *key);

/* Value of key in a map, or NULL (also when m is not a map). */
struct mval *mval_get(const struct mval *m, const char *key);
struct mval *mval_getn(const struct mval *m, const char *key, size_t len);
/* The string value of key in a map, or "" (absent, or not a string). */
const char *mval_text(const struct mval *m, const char *key);

/* Copies s into the arena. */
char *marena_strdup(struct marena *a, const char *s);

#endif
