/*
 * Where a byte stands in a text file, as a teacher counts: lines from 1,
 * columns in characters from 1, CR LF and a lone CR each ending one line.
 */
#include "util/lines.h"

#include <string.h>

#include "util/banned.h"

size_t text_bom(const char *buf, size_t len)
{
	return len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3) ? 3 : 0;
}

void text_position(const char *buf, size_t len, size_t off, int *line, int *col)
{
	size_t i;
	int l = 1, c = 1;

	if (off > len)
		off = len;
	for (i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)buf[i];
		if (ch == '\n' || (ch == '\r' && (i + 1 >= len || buf[i + 1] != '\n'))) {
			l++;
			c = 1;
		} else if (ch != '\r' && (ch & 0xc0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

const char *text_line(const char *buf, size_t len, int line, size_t *linelen)
{
	const char *p = buf, *end = buf + len, *nl;

	while (--line > 0 && p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	if (p >= end) {
		*linelen = 0;
		return end;
	}
	nl = memchr(p, '\n', (size_t)(end - p));
	*linelen = (size_t)((nl ? nl : end) - p);
	if (*linelen && p[*linelen - 1] == '\r')
		(*linelen)--;
	return p;
}

