/*
 * Reading the dates a spreadsheet holds. Excel shows and saves a date in
 * the form of the computer's settings (2015/3/14 on a Chinese Windows),
 * and teachers type 2015年3月14日 or 2015.3.14 as often as 2015-03-14, so
 * every one of them is accepted; anything else needs a form in the
 * mapping file, so that 3/4/2015 is never guessed to be March or April.
 */
#include "table/dates.h"

#include <stdio.h>
#include <string.h>

#include "util/calendar.h"
#include "util/banned.h"

static const char *const builtin[] = { "YYYY-M-D", "YYYY/M/D", "YYYY年M月D日", "YYYY.M.D" };

/* Reads 1 to max digits at *p (exactly max when exact). -1 when there are none. */
static int digits(const char **p, int max, int exact)
{
	int v = 0, n = 0;

	while (n < max && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n && (!exact || n == max) ? v : -1;
}

/* Matches text against form; 0 with y, m, d, or -1. */
static int match(const char *text, const char *form, int *y, int *m, int *d)
{
	const char *t = text, *f = form;
	int have = 0;

	while (*f) {
		int *slot = NULL, max = 2, exact = 0;
		size_t n = 1;

		if (!strncmp(f, "YYYY", 4)) {
			slot = y, max = 4, exact = 1, n = 4;
		} else if (!strncmp(f, "MM", 2) || *f == 'M') {
			slot = m, n = f[1] == 'M' ? 2 : 1, exact = n == 2;
		} else if (!strncmp(f, "DD", 2) || *f == 'D') {
			slot = d, n = f[1] == 'D' ? 2 : 1, exact = n == 2;
		}
		if (slot) {
			if ((*slot = digits(&t, max, exact)) < 0)
				return -1;
			have++;
			f += n;
		} else if (*t == *f) {
			t++;
			f++;
		} else {
			return -1;
		}
	}
	/* Excel may add the time of day: "2015/3/14 0:00". */
	if (*t == ' ' && strspn(t + 1, "0123456789:") == strlen(t + 1))
		t += strlen(t);
	return have == 3 && !*t ? 0 : -1;
}

int table_date(const char *text, const char *const *forms, size_t n, char out[11])
{
	char buf[32];
	size_t i;
	int y, m, d;

	for (i = 0; i < sizeof(builtin) / sizeof(*builtin) + n; i++) {
		const char *f = i < sizeof(builtin) / sizeof(*builtin) ? builtin[i] :
				forms[i - sizeof(builtin) / sizeof(*builtin)];
		if (match(text, f, &y, &m, &d) < 0)
			continue;
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
		if (cal_valid(buf)) {
			memcpy(out, buf, 11);
			return 0;
		}
	}
	return -1;
}

int table_date_form_valid(const char *form)
{
	int y = 0, m = 0, d = 0;
	const char *f;

	for (f = form; *f;) {
		if (!strncmp(f, "YYYY", 4))
			y++, f += 4;
		else if (*f == 'M')
			m++, f += f[1] == 'M' ? 2 : 1;
		else if (*f == 'D')
			d++, f += f[1] == 'D' ? 2 : 1;
		else if (*f == 'Y')
			return 0;
		else
			f++;
	}
	return y == 1 && m == 1 && d == 1;
}
