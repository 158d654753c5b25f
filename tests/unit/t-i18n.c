/*
 * Every Chinese message must take the same printf arguments as its English
 * original, or a translated message would read the wrong argument.
 */
#include <string.h>

#include "util/i18n.h"
#include "tap.h"

struct translation {
	const char *en;
	const char *zh;
};

static const struct translation table[] = {
#include "util/messages-zh.h"
#include "util/messages-zh-sheets.h"
#include "util/messages-zh-range.h"
	{ NULL, NULL },
};

/* The conversions of a format, in argument order, as "s d zu ...". */
static void conversions(const char *fmt, char *out, size_t size)
{
	char spec[16][8];
	int n = 0, i, pos;
	size_t len = 0;

	memset(spec, 0, sizeof(spec));
	for (; *fmt; fmt++) {
		const char *start;
		if (*fmt != '%')
			continue;
		if (fmt[1] == '%') {
			fmt++;
			continue;
		}
		start = ++fmt;
		pos = -1;
		if (fmt[0] >= '1' && fmt[0] <= '9' && fmt[1] == '$') {
			pos = fmt[0] - '1';
			fmt += 2;
			start = fmt;
		}
		while (strchr("-+ #0123456789.*", *fmt))
			fmt++;
		while (strchr("hlzj", *fmt))
			fmt++;
		i = pos >= 0 ? pos : n;
		snprintf(spec[i < 16 ? i : 15], sizeof(spec[0]), "%.*s", (int)(fmt - start + 1), start);
		n++;
	}
	out[0] = '\0';
	for (i = 0; i < n && i < 16; i++)
		len += (size_t)snprintf(out + len, size - len, "%s ", spec[i]);
}

int main(void)
{
	char a[256], b[256];
	size_t i;

	for (i = 0; table[i].en; i++) {
		conversions(table[i].en, a, sizeof(a));
		conversions(table[i].zh, b, sizeof(b));
		if (!ok(!strcmp(a, b), "message %zu has the same conversions", i))
			printf("#   %s\n#   en: %s\n#   zh: %s\n", table[i].en, a, b);
	}
	i18n_set("zh");
	ok(strcmp(_("a value is missing here"), "a value is missing here"),
	   "a Chinese locale translates");
	i18n_set("en");
	is_str(_("a value is missing here"), "a value is missing here", "English is the default");
	return done_testing();
}
