#ifndef CARE_COLLATE_H
#define CARE_COLLATE_H

#include <stddef.h>

/*
 * Chinese names in the order a Chinese reader expects (by pinyin, ICU's
 * "zh" collation), and their pinyin as ASCII for file names.
 */
struct collator;

/* NULL when ICU has no "zh" collation; compare then falls back to bytes. */
struct collator *collator_new(void);
void collator_free(struct collator *c);
int collator_cmp(const struct collator *c, const char *a, const char *b);

/*
 * A string whose byte order (strcmp) is the collation order of utf8: made
 * once per name, it turns each comparison of a sort into a strcmp.
 */
char *collator_key(const struct collator *c, const char *utf8);

/* "李芳" -> "li-fang": lowercase a-z, 0-9 and '-', never empty. Thread-safe. */
char *pinyin_slug(const char *utf8);

/*
 * s with letters lowered, digits kept and every other run of bytes one
 * '-', none at the ends, at most max bytes, "x" when nothing is left.
 */
char *ascii_slug(const char *s, size_t max);

#endif
