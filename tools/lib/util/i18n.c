/*
 * Message translation. gettext would need .mo files installed beside the
 * binary and a locale that exists on the machine (Debian's default images
 * have no zh_CN locale generated); a table compiled in has neither problem.
 * The table is kept in messages-zh.h, one { English, Chinese } pair per
 * message; both must take the same printf arguments in the same order.
 */
#include "util/i18n.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

struct translation {
	const char *en;
	const char *zh;
};

static const struct translation table[] = {
#include "util/messages-zh.h"
#include "util/messages-zh-sheets.h"
#include "util/messages-zh-range.h"
#include "util/messages-zh-gate.h"
#include "util/messages-zh-limits.h"
	{ NULL, NULL },
};

static int zh;

static int starts_zh(const char *v)
{
	return v && v[0] == 'z' && v[1] == 'h';
}

void i18n_init(void)
{
	const char *v = getenv("LC_ALL");

	if (!v || !*v)
		v = getenv("LC_MESSAGES");
	if (!v || !*v)
		v = getenv("LANG");
	zh = starts_zh(v);
}

void i18n_set(const char *lang)
{
	zh = starts_zh(lang);
}

int i18n_is_zh(void)
{
	return zh;
}

const char *i18n_gettext(const char *en)
{
	size_t i;

	if (!zh)
		return en;
	for (i = 0; table[i].en; i++)
		if (!strcmp(table[i].en, en))
			return table[i].zh;
	return en;
}
