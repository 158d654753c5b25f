/*
 * Phone and ID numbers in a text as a reader sees it (view.c made it), by
 * one forward pass without backtracking: runs of digits are read as
 * groups, joined into a chain by the short runs of separators people
 * write inside a number, and a number is looked for only at whole groups
 * of a chain, so that digits of a longer number never match. A number
 * has at most six groups, so only the last eight of a chain are kept.
 * A landline, whose only mark is a leading 0, must start its chain or
 * follow a number found: "6222 0212 3456 7890" is a card, not 0212-34567890.
 */
#include "detect/detect_int.h"

#include <string.h>

#include "util/utf8.h"
#include "util/banned.h"

enum cls { C_OTHER, C_DIGIT, C_X, C_SPACE, C_NEWLINE, C_DASH, C_TIGHT, C_OPEN, C_CLOSE, C_PLUS };

/* The class of the character at t[i], and its length in *len. */
static enum cls class_at(const char *t, size_t n, size_t i, size_t *len)
{
	unsigned char c = (unsigned char)t[i];
	uint32_t cp;

	*len = 1;
	if (c < 0x80) {
		if (c >= '0' && c <= '9')
			return C_DIGIT;
		switch (c) {
		case 'X': case 'x': return C_X;
		case ' ': return C_SPACE;
		case '\n': return C_NEWLINE;
		case '-': case '_': return C_DASH;
		case '.': case '/': return C_TIGHT;
		case '(': case '[': return C_OPEN;
		case ')': case ']': return C_CLOSE;
		case '+': return C_PLUS;
		default: return C_OTHER;
		}
	}
	if (!(*len = utf8_decode(t + i, n - i, &cp))) {
		*len = 1;
		return C_OTHER;
	}
	switch (cp) {
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
	case 0x2043: case 0x2212: case 0x2e3a: case 0x2e3b: case 0x30fc: case 0x2500:
	case 0x2501: case 0x2796: case 0x02d7: case 0xfe58: case 0xfe63:
		return C_DASH;	/* every dash, hyphen and minus (NFKC made the full-width ones ASCII) */
	case 0xb7: case 0x2022: case 0x2027: case 0x2219: case 0x22c5: case 0x30fb:
	case 0x2044: case 0x2215:
		return C_TIGHT;	/* middle dots and slashes */
	case 0x3010: case 0x3014: case 0x3016: case 0x3018: case 0x301a:
		return C_OPEN;	/* 【〔〖〘〚 */
	case 0x3011: case 0x3015: case 0x3017: case 0x3019: case 0x301b:
		return C_CLOSE;
	default:
		return C_OTHER;
	}
}

#define MAX_DIGITS 18
#define WINDOW 8

struct group {
	size_t start, dend, end;	/* first digit, after the digits, after a final X */
	size_t ndig;			/* may be more than MAX_DIGITS: such a group is no part of a number */
	char d[MAX_DIGITS];
	unsigned x : 1;			/* ends in X, as the last character of an ID number */
	unsigned close_after : 1;	/* a ')' follows: '(' before it opens an area code */
};

struct scan {
	const char *t;
	size_t n;
	struct group g[WINDOW];
	int ng;
	int fresh;		/* g[0] starts the chain, or follows a number found */
	struct found_list *out;
};

static int province(const char *d)
{
	int p = (d[0] - '0') * 10 + (d[1] - '0');

	return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
	       (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p == 71 ||
	       (p >= 81 && p <= 83) || p == 91;
}

static int number(const char *d, int n)
{
	int v = 0;

	while (n--)
		v = v * 10 + (*d++ - '0');
	return v;
}

/* Is YYYY MM DD (8 digits at d; 6 with the old cards' YY, read as 19YY) a real birth date? */
static int birth_date(const char *d, int yy)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = yy ? 1900 + number(d, 2) : number(d, 4);
	int m = number(d + (yy ? 2 : 4), 2), day = number(d + (yy ? 4 : 6), 2);

	if (y < 1880 || y > 2099 || m < 1 || m > 12 || day < 1 || day > days[m - 1])
		return 0;
	return m != 2 || day < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

int detect_valid_id_number(const char *s)
{
	static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int i, sum = 0;

	for (i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		sum += (s[i] - '0') * weight[i];
	}
	return (s[17] == 'x' ? 'X' : s[17]) == check[sum % 11];
}

static int mobile(const char *d)
{
	return d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

/*
 * 0, an area code and 7 or 8 digits, 10 to 12 in all. Written in groups,
 * the first group is the area code and the rest do not start with 0.
 */
static int landline(const char *d, size_t len, size_t first, int groups)
{
	if (d[0] != '0' || d[1] == '0' || len < 10 || len > 12)
		return 0;
	if (groups == 1)
		return 1;
	return (first == 3 || first == 4) && (len - first == 7 || len - first == 8) && d[first] != '0';
}

static void emit(struct scan *s, enum detect_kind kind, size_t start, size_t end, const char *d,
		 size_t n)
{
	struct found_list *o = s->out;
	struct found *f;

	if (o->nr == o->alloc) {
		o->alloc = o->alloc ? 2 * o->alloc : 16;
		o->v = xrealloc(o->v, o->alloc * sizeof(*o->v));
	}
	f = &o->v[o->nr++];
	f->kind = kind;
	f->start = start;
	f->end = end;
	memcpy(f->digits, d, n);
	f->digits[n] = '\0';
}

/* Where a number starting at group g starts: with a '+' and an opening bracket before it. */
static size_t lead(const struct scan *s, const struct group *g)
{
	size_t at = g->start, k = 1, len;

	if (at && s->t[at - 1] == '+')
		at--;
	if (!g->close_after || !at)
		return at;
	while (k < 4 && k < at && ((unsigned char)s->t[at - k] & 0xc0) == 0x80)
		k++;
	return class_at(s->t, s->n, at - k, &len) == C_OPEN && len == k ? at - k : at;
}

/* What match_first() has found so far. */
struct best {
	enum detect_kind kind;
	int groups;		/* 0: nothing */
	size_t off, len;	/* the number's digits, without +86 */
	int with_x;
};

static void take(struct best *b, enum detect_kind kind, int groups, size_t off, size_t len)
{
	b->kind = kind;
	b->groups = groups;
	b->off = off;
	b->len = len;
}

static int id18(const char *d)
{
	return province(d) && birth_date(d + 6, 0) && detect_valid_id_number(d);
}

/*
 * The longest number made of whole groups from the first one on: emits
 * it and returns how many groups it took, or returns 0.
 */
static int match_first(struct scan *s)
{
	char d[MAX_DIGITS + 1];
	struct best b = { 0, 0, 0, 0, 0 };
	size_t len = 0;
	int j;

	for (j = 0; j < s->ng; j++) {
		const struct group *g = &s->g[j];
		if (g->ndig > MAX_DIGITS || len + g->ndig > MAX_DIGITS)
			break;
		if (g->ndig < 3 && !(j == 0 && g->ndig == 2 && !memcmp(g->d, "86", 2)))
			break;
		memcpy(d + len, g->d, g->ndig);
		len += g->ndig;
		if (g->x && len == 17) {
			d[17] = 'X';
			if (id18(d)) {
				take(&b, DETECT_ID_NUMBER, j + 1, 0, 18);
				b.with_x = 1;
				break;
			}
		}
		if (len == 18 && id18(d))
			take(&b, DETECT_ID_NUMBER, j + 1, 0, 18);
		else if (len == 15 && province(d) && birth_date(d + 6, 1))
			take(&b, DETECT_ID_NUMBER, j + 1, 0, 15);
		else if (len == 15 && !memcmp(d, "0086", 4) && mobile(d + 4))
			take(&b, DETECT_MOBILE, j + 1, 4, 11);
		else if (len == 13 && !memcmp(d, "86", 2) && mobile(d + 2))
			take(&b, DETECT_MOBILE, j + 1, 2, 11);
		else if (len == 11 && mobile(d))
			take(&b, DETECT_MOBILE, j + 1, 0, 11);
		else if (s->fresh && landline(d, len, s->g[0].ndig, j + 1))
			take(&b, DETECT_LANDLINE, j + 1, 0, len);
		if (g->x)
			break;
	}
	if (!b.groups)
		return 0;
	emit(s, b.kind, lead(s, &s->g[0]),
	     b.with_x ? s->g[b.groups - 1].end : s->g[b.groups - 1].dend, d + b.off, b.len);
	return b.groups;
}

/* Looks for numbers in the chain's groups until fewer than keep are left. */
static void flush(struct scan *s, int keep)
{
	while (s->ng > keep) {
		int used = match_first(s);
		s->fresh = used > 0;
		if (!used)
			used = 1;
		memmove(s->g, s->g + used, (size_t)(s->ng - used) * sizeof(*s->g));
		s->ng -= used;
	}
}

/* Reads the group of digits at *i into a new group of the chain. */
static struct group *read_group(struct scan *s, size_t *i)
{
	struct group *g;
	size_t len;

	if (s->ng == WINDOW)
		flush(s, WINDOW - 1);
	g = &s->g[s->ng++];
	memset(g, 0, sizeof(*g));
	g->start = *i;
	while (*i < s->n && class_at(s->t, s->n, *i, &len) == C_DIGIT) {
		if (g->ndig < MAX_DIGITS)
			g->d[g->ndig] = s->t[*i];
		g->ndig++;
		(*i)++;
	}
	g->dend = g->end = *i;
	/* An ID number's final X: not the x of "3x4", nor a word's first letter. */
	if (*i < s->n && (s->t[*i] | 0x20) == 'x') {
		char next = *i + 1 < s->n ? (char)(s->t[*i + 1] | 0x20) : ' ';
		if (!(next >= 'a' && next <= 'z') && !(next >= '0' && next <= '9')) {
			g->x = 1;
			g->end = ++*i;
		}
	}
	return g;
}

/*
 * The separators after a group, from *i: does the chain go on? A few
 * spaces, at most one line end, two dashes, one closing and one opening
 * bracket; '.' and '/' only alone, as in "139.9876.5432".
 */
static int joins(struct scan *s, size_t *i, struct group *g)
{
	size_t j = *i, len;
	int count = 0, nl = 0, dash = 0, tight = 0, open = 0, close = 0;

	for (; j < s->n; j += len) {
		enum cls c = class_at(s->t, s->n, j, &len);
		if (c == C_DIGIT)
			break;
		if (c == C_NEWLINE)
			nl++;
		else if (c == C_DASH)
			dash++;
		else if (c == C_TIGHT)
			tight++;
		else if (c == C_OPEN)
			open++;
		else if (c == C_CLOSE && !open)
			close++;
		else if (c != C_SPACE)
			break;
		if (++count > 4)
			break;
	}
	*i = j;
	if (j >= s->n || class_at(s->t, s->n, j, &len) != C_DIGIT || count > 4 || nl > 1 ||
	    dash > 2 || open > 1 || close > 1 || (tight && count > 1))
		return 0;
	g->close_after = close > 0;
	return 1;
}

void numbers_scan(const char *text, size_t len, struct found_list *out)
{
	struct scan s;
	size_t i = 0, k;

	memset(&s, 0, sizeof(s));
	s.t = text;
	s.n = len;
	s.out = out;
	while (i < len) {
		struct group *g;
		if (class_at(text, len, i, &k) != C_DIGIT) {
			i += k;
			continue;
		}
		if (!s.ng)
			s.fresh = 1;
		g = read_group(&s, &i);
		if (g->x || !joins(&s, &i, g))
			flush(&s, 0);
	}
	flush(&s, 0);
}
