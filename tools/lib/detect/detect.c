/*
 * The identifier detector's entry points (detect.h): a text is read as
 * the file shows it and, when it has any markup, as its page shows it;
 * numbers are found in both views (numbers.c) and tied back to the bytes
 * of the text, one report for each place. Scratch memory is per thread.
 */
#include "detect/detect.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detect_int.h"
#include "util/banned.h"

struct detect_scratch {
	struct view file, page;		/* the two looks at a text */
	struct md_plain plain;		/* the page's plain text, before uni_visible() */
	struct found_list found;
	struct detect_match *v;		/* the answer */
	size_t nr, alloc;
	struct detect_match **sorted;	/* the file's view's, by digits, when asked */
	size_t sorted_nr, sorted_alloc;
};

struct detect_scratch *detect_scratch_new(void)
{
	struct detect_scratch *s = xcalloc(1, sizeof(*s));
	struct md_plain init = MD_PLAIN_INIT;

	strbuf_init(&s->file.text, 0);
	strbuf_init(&s->page.text, 0);
	s->plain = init;
	return s;
}

void detect_scratch_free(struct detect_scratch *s)
{
	if (!s)
		return;
	view_release(&s->file);
	view_release(&s->page);
	md_plain_release(&s->plain);
	free(s->found.v);
	free(s->v);
	free(s->sorted);
	free(s);
}

/*
 * Each thread's scratch is reached through a thread-local pointer; the
 * key exists only so that the thread's end frees it.
 */
static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static int have_key;
static _Thread_local struct detect_scratch *mine;

static void free_mine(void *s)
{
	detect_scratch_free(s);
	mine = NULL;
}

static void make_key(void)
{
	have_key = !pthread_key_create(&key, free_mine);
}

struct detect_scratch *detect_thread_scratch(void)
{
	if (mine)
		return mine;
	pthread_once(&key_once, make_key);
	mine = detect_scratch_new();
	if (have_key)
		pthread_setspecific(key, mine);
	return mine;
}

/*
 * Could text hold ten digits, the fewest a number has? Counts what could
 * read as a digit: ASCII and full-width digits, a character reference, and
 * any character outside the Chinese ideographs and punctuation (another
 * script's digits, the compatibility squares that NFKC spells with digits).
 * Most values (names, titles, short notes) stop here.
 */
static int may_hold_number(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i, n = 0;

	for (i = 0; i < len && n < 10; i++) {
		unsigned char c = s[i];
		if (c < 0x80)
			n += (c >= '0' && c <= '9') || c == '&';
		else if (c >= 0xe4 && c <= 0xe9)
			;	/* U+4000-9FFF: ideographs */
		else if (c == 0xe3 && i + 1 < len && (s[i + 1] < 0x8b || s[i + 1] > 0x8f))
			;	/* U+3000-32BF: CJK punctuation, kana; not the squares at U+32C0-33FF */
		else if (c == 0xef && i + 2 < len && !(s[i + 1] == 0xbc && s[i + 2] >= 0x90 && s[i + 2] <= 0x99))
			;	/* U+F000-FFFF but the full-width digits */
		else if (c >= 0xc0)
			n++;
	}
	return n >= 10;
}

/* Can Markdown show this text other than as written? Only through these characters. */
static int has_markup(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		switch (text[i]) {
		case '*': case '_': case '`': case '~': case '\\': case '&': case '<': case '>': case '[':
		case '|':
			return 1;
		}
	return 0;
}

static void add(struct detect_scratch *s, const struct found *f, size_t start, size_t end)
{
	struct detect_match *m;

	if (s->nr == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 16;
		s->v = xrealloc(s->v, s->alloc * sizeof(*s->v));
	}
	m = &s->v[s->nr++];
	m->kind = f->kind;
	m->start = start;
	m->end = end > start ? end : start;
	memcpy(m->digits, f->digits, sizeof(m->digits));
}

/*
 * Do the bytes [start, end) of the text write digits, as a reader of the
 * file reads them (s->file)? A number found in the page's view is tied
 * back through cmark-gfm's idea of where its text was, which can be
 * wrong: this says whether it was right. The span may hold a +86 besides.
 */
static int written_at(const struct detect_scratch *s, size_t start, size_t end, const char *digits)
{
	const struct view *v = &s->file;
	size_t lo = 0, hi = v->text.len, i, n = 0, want = strlen(digits);
	char got[24];

	if (end <= start)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->start[mid] < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < v->text.len && v->start[i] < end; i++) {
		char c = v->text.buf[i];
		if (i - lo > 512 || n == sizeof(got) - 1)
			return 0;
		if ((c >= '0' && c <= '9') || c == 'X' || c == 'x')
			got[n++] = c == 'x' ? 'X' : c;
	}
	got[n] = '\0';
	return n <= want + 4 && strstr(got, digits) != NULL;
}

static int by_digits(const void *a, const void *b)
{
	return strcmp((*(const struct detect_match *const *)a)->digits,
		      (*(const struct detect_match *const *)b)->digits);
}

/* Has the file's view found a number with these digits (among the first n matches)? */
static int found_in_file(struct detect_scratch *s, size_t n, const char *digits)
{
	struct detect_match probe, *k = &probe;
	size_t i;

	if (!s->sorted_nr && n) {
		if (s->sorted_alloc < n) {
			s->sorted_alloc = n;
			s->sorted = xrealloc(s->sorted, n * sizeof(*s->sorted));
		}
		for (i = 0; i < n; i++)
			s->sorted[i] = &s->v[i];
		qsort(s->sorted, n, sizeof(*s->sorted), by_digits);
		s->sorted_nr = n;
	}
	memcpy(probe.digits, digits, sizeof(probe.digits));
	return n && bsearch(&k, s->sorted, n, sizeof(*s->sorted), by_digits) != NULL;
}

static int by_start(const void *a, const void *b)
{
	const struct detect_match *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * Does [start, end) overlap one of the first n matches? They are sorted
 * and apart, so their ends are sorted too. An empty range is a point.
 */
static int overlaps(const struct detect_scratch *s, size_t n, size_t start, size_t end)
{
	size_t lo = 0, hi = n;

	if (end <= start)
		end = start + 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->v[mid].end > start)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo < n && s->v[lo].start < end;
}

int detect_init(void)
{
	return uni_init();
}

/*
 * A thread that met one long note keeps its memory for the next text, but
 * not nine times a megabyte of it for texts a thousand times shorter.
 */
static void trim(struct detect_scratch *s, size_t len)
{
	if (s->file.alloc > ((size_t)1 << 20) && s->file.alloc / 16 > len) {
		view_release(&s->file);
		view_release(&s->page);
		md_plain_release(&s->plain);
	}
}

int detect_find(struct detect_scratch *s, const char *text, size_t len,
		const struct detect_match **out)
{
	size_t i, nfile;

	*out = NULL;
	s->nr = 0;
	trim(s, len);
	if (uni_init() < 0)
		return -1;
	if (len > UINT32_MAX - 1)
		len = UINT32_MAX - 1;
	if (!may_hold_number(text, len))
		return 0;
	view_build(&s->file, text, len, 1, NULL);
	s->found.nr = 0;
	numbers_scan(s->file.text.buf, s->file.text.len, &s->found);
	for (i = 0; i < s->found.nr; i++)
		add(s, &s->found.v[i], s->file.start[s->found.v[i].start],
		    s->file.end[s->found.v[i].end - 1]);
	nfile = s->nr;
	s->sorted_nr = 0;
	if (has_markup(text, len)) {
		md_to_plain(text, len, &s->plain);
		view_build(&s->page, s->plain.text.buf, s->plain.text.len, 0, s->plain.from);
		s->found.nr = 0;
		numbers_scan(s->page.text.buf, s->page.text.len, &s->found);
		for (i = 0; i < s->found.nr; i++) {
			const struct found *f = &s->found.v[i];
			size_t start = s->page.start[f->start], end = s->page.end[f->end - 1];
			/*
			 * What the file shows as well is reported where the file
			 * shows it. A number only the page shows, whose place is
			 * lost, is the whole text's: reported at its start, and
			 * all of it cut out.
			 */
			if (!written_at(s, start, end, f->digits)) {
				if (found_in_file(s, nfile, f->digits))
					continue;
				start = 0;
				end = len;
			} else if (overlaps(s, nfile, start, end)) {
				continue;
			}
			add(s, f, start, end);
		}
		if (s->nr > nfile)
			qsort(s->v, s->nr, sizeof(*s->v), by_start);
	}
	*out = s->v;
	return (int)s->nr;
}

int detect_visible(struct detect_scratch *s, const char *text, size_t len, struct strbuf *out)
{
	if (uni_init() < 0)
		return -1;
	if (len > UINT32_MAX - 1)
		len = UINT32_MAX - 1;
	view_build(&s->file, text, len, 1, NULL);
	strbuf_reset(out);
	strbuf_add(out, s->file.text.buf, s->file.text.len);
	return 0;
}
