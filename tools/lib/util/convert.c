/*
 * iconv, in one place: a conversion that fails says where, so that a
 * teacher can be shown the line of a file that is not in the encoding it
 * seems to be in.
 */
#include "util/convert.h"

#include <errno.h>
#include <iconv.h>

#include "util/banned.h"

int convert_encoding(struct strbuf *out, const char *to, const char *from, const char *buf,
		     size_t len, size_t *bad)
{
	iconv_t cd = iconv_open(to, from);
	char *in = (char *)buf;
	size_t inleft = len, start = out->len, dummy;

	if (!bad)
		bad = &dummy;
	*bad = (size_t)-1;
	if (cd == (iconv_t)-1)
		return -1;
	strbuf_grow(out, len + len / 2 + 16);
	while (inleft) {
		char *o = out->buf + out->len;
		size_t oleft = out->alloc - out->len - 1;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);

		out->len = (size_t)(o - out->buf);
		out->buf[out->len] = '\0';
		if (r != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			strbuf_grow(out, inleft * 2 + 16);
			continue;
		}
		*bad = (size_t)(in - buf);
		out->len = start;
		out->buf[start] = '\0';
		iconv_close(cd);
		return -1;
	}
	iconv_close(cd);
	return 0;
}
