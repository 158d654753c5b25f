/*
 * care init: a new records repository for a school. The schemas and the
 * hooks come from care's own files (util/share.h), programme.yaml from
 * templates/init/ with the school's name; then git init, the hook
 * switched on and a first commit, so that the very next commit is
 * already checked. An existing records/ is refused, never written over.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care.h"
#include "git/init.h"
#include "records/newrec.h"
#include "records/scaffold.h"
#include "template/mustache.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/options.h"
#include "util/share.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char *const usage[] = { N_("care init [DIR] [--school NAME]"), NULL };

/* The school's name, asked for on a terminal. NULL when none was given. */
static char *ask_school(void)
{
	char line[512];
	size_t n;

	fputs(_("School name: "), stderr);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return NULL;
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	return n ? xstrdup(line) : NULL;
}

/* templates/init/programme.yaml with the school's name in it. */
static int programme_text(struct strbuf *out, const char *tpl_dir, const char *school)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct strbuf src = STRBUF_INIT;
	struct mtemplate *t = NULL;
	struct marena *a = marena_new();
	struct mval *ctx = mval_map(a);
	char *path = xstrfmt("%s/init/programme.yaml", tpl_dir);
	int ret = -1;

	mval_set_str(a, ctx, "school", school);
	if (strbuf_read_file(&src, path, 1024 * 1024) < 0) {
		fprintf_printable(stderr, _("care: cannot read '%s': %s\n"), path, strerror(errno));
		goto out;
	}
	if (mustache_compile(&t, path, src.buf, src.len, &dl) < 0) {
		print_diags(stderr, &dl, DIAG_TEXT, 0, NULL, NULL, 0, 0);
		goto out;
	}
	mustache_render(t, ctx, yaml_escape_dq, NULL, out);
	ret = 0;
out:
	mustache_free(t);
	marena_free(a);
	strbuf_release(&src);
	diag_list_release(&dl);
	free(path);
	return ret;
}

int cmd_init(int argc, char **argv, struct care *ctx)
{
	const char *school = NULL, *dir = ".";
	char *asked = NULL, *schema_dir = NULL, *hooks_dir = NULL, *tpl_dir = NULL, **paths = NULL;
	struct strbuf prog = STRBUF_INIT;
	int i, ret = 2;
	const struct option table[] = {
		OPT_STRING(0, "school", &school, N_("NAME"), N_("the school's name, for programme.yaml")),
		OPT_END(),
	};
	struct options opt = OPTIONS_INIT("init", usage, table, 0);

	(void)ctx;
	i = options_parse(&opt, argc, argv);
	if (i >= 0 && argc - i > 1)
		i = options_fail(&opt, _("give one folder, not %d"), argc - i);
	if (i >= 0 && !school && !(isatty(0) && isatty(2)))
		i = options_fail(&opt, "%s", _("give the school's name with --school NAME"));
	if (i < 0) {
		ret = explain_options(&opt, i);
		goto out;
	}
	if (i < argc)
		dir = argv[i];
	if (!school && !(school = asked = ask_school())) {
		fputs(_("care: no school name was given; nothing was made\n"), stderr);
		goto out;
	}
	if (!(schema_dir = share_dir("schema")) || !(hooks_dir = share_dir("hooks")) ||
	    !(tpl_dir = share_dir("templates"))) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	if (programme_text(&prog, tpl_dir, school) < 0)
		goto out;
	if (records_scaffold(&paths, dir, prog.buf, schema_dir, hooks_dir) < 0 ||
	    gitrepo_init_commit(dir, (const char *const *)paths, "建立留守儿童关爱档案\n", "hooks") < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	fprintf_printable(stdout, _("care: made the records of %s in %s, with their first commit; every commit is now checked\n"
				    "next:\n"
				    "  cd %s\n"
				    "  care new child --name 王小明 birth_date=2015-03-14    # one file per child: fill it in\n"
				    "  care check                                            # what is still to fill in\n"
				    "  git add records && git commit -m \"王小明建档\"\n"
				    "  care render                                           # the site, in site/\n"),
			  school, dir, dir);
	ret = fflush(stdout) ? 2 : 0;
out:
	scaffold_paths_free(paths);
	strbuf_release(&prog);
	free(asked);
	free(schema_dir);
	free(hooks_dir);
	free(tpl_dir);
	return ret;
}
