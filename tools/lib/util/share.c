/*
 * Finding the folders `make install` puts under PREFIX/share/care, for
 * the commands that copy or read them (care init, care new). The source
 * tree comes last: there the schemas are the demo's records/schema and
 * the hooks the project's own hooks/.
 */
#include "util/share.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/banned.h"

#ifndef CARE_SHARE_DIR
#define CARE_SHARE_DIR "/usr/local/share/care"
#endif

static int is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

char *share_dir(const char *name)
{
	char *exe = realpath("/proc/self/exe", NULL), *slash = exe ? strrchr(exe, '/') : NULL;
	char *path = NULL, *installed = xstrfmt("%s/%s", CARE_SHARE_DIR, name);

	if (slash) {
		*slash = '\0';
		path = xstrfmt("%s/../share/care/%s", exe, name);
		if (is_dir(path))
			goto out;
		free(path);
	}
	path = xstrdup(installed);
	if (is_dir(path))
		goto out;
	free(path);
	path = NULL;
#ifdef CARE_SOURCE_DIR
	path = xstrfmt("%s/%s", CARE_SOURCE_DIR, !strcmp(name, "schema") ? "records/schema" : name);
	if (is_dir(path))
		goto out;
	free(path);
	path = NULL;
#endif
	error_set(_("care: cannot find care's %s folder (looked beside the care program and in %s); run 'make install' again\n"),
		  name, installed);
out:
	free(installed);
	free(exe);
	return path;
}
