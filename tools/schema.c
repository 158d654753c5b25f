/*
 * care schema --json: writes each record schema, and programme.yaml's, as
 * JSON Schema into records/schema/json/ (or -o DIR), where the editor
 * settings in .vscode/settings.json point the YAML language server at
 * them: a teacher then gets the Chinese titles on hover, the enum values
 * with their labels as completions, and the schema's errors while typing.
 * Every schema is converted before any file is written, so a broken one
 * leaves all four as they were. A file whose content would not change is
 * left alone, so running the command again changes nothing; a changed one
 * is replaced whole, never half written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "care.h"
#include "records/kinds.h"
#include "records/repo.h"
#include "schema/json.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/options.h"
#include "util/strbuf.h"
#include "yaml/tree.h"
#include "util/banned.h"

static const char *const usage[] = { N_("care schema --json [-o DIR]"), NULL };

#define DEFAULT_DIR "records/schema/json"

#define NSCHEMAS (KIND_NR + 1)

static const char *schema_name(int i)
{
	return i < KIND_NR ? kind_names[i] : "programme";
}

/* name's schema as JSON, into json; problems go to dl. 0, or -1. */
static int convert(const char *name, struct strbuf *json, struct diag_list *dl)
{
	struct strbuf yaml = STRBUF_INIT;
	char *src = xstrfmt("records/schema/%s.yaml", name);
	int ret = -1;

	if (strbuf_read_file(&yaml, src, YDOC_MAX_SIZE) < 0)
		fprintf_printable(stderr, _("care: cannot open '%s': %s\n"), src, strerror(errno));
	else
		ret = schema_to_json(json, src, yaml.buf, yaml.len, dl);
	strbuf_release(&yaml);
	free(src);
	return ret;
}

/*
 * Writes json as dir/name.json unless the file already says that; shown
 * is dir as the user gave it. 0, or -1 after saying what failed.
 */
static int write_one(const char *name, const struct strbuf *json, const char *dir, const char *shown)
{
	struct strbuf old = STRBUF_INIT;
	char *dst = xstrfmt("%s/%s.json", dir, name);
	int ret = 0;

	if (strbuf_read_file(&old, dst, json->len + 1) == 0 && old.len == json->len &&
	    !memcmp(old.buf, json->buf, json->len))
		goto cleanup;
	if (write_file_replace(dst, json->buf, json->len, 1) < 0) {
		fprintf_printable(stderr, _("care: cannot write into '%s': %s\n"), dst, strerror(errno));
		ret = -1;
		goto cleanup;
	}
	fprintf_printable(stdout, _("care: wrote %s/%s.json\n"), shown, name);
cleanup:
	strbuf_release(&old);
	free(dst);
	return ret;
}

int cmd_schema(int argc, char **argv, struct care *ctx)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct strbuf json[NSCHEMAS];
	const char *dir = NULL, *where, *shown;
	char *top = NULL, *abs_dir = NULL;
	int i, as_json = 0, ret = 2, failed = 0;
	const struct option table[] = {
		OPT_FLAG(0, "json", &as_json, N_("write each schema as JSON Schema, for editors")),
		OPT_STRING('o', NULL, &dir, N_("DIR"), N_("write into DIR (default: records/schema/json)")),
		OPT_END(),
	};
	struct options opt = OPTIONS_INIT("schema", usage, table, OPTIONS_NO_ARGS);

	(void)ctx;
	for (i = 0; i < NSCHEMAS; i++)
		strbuf_init(&json[i], 0);
	i = options_parse(&opt, argc, argv);
	if (i >= 0 && !as_json)
		i = options_fail(&opt, "%s", _("say what to write: --json writes the schemas as JSON Schema for editors"));
	if (i < 0) {
		ret = explain_options(&opt, i);
		goto out;
	}
	/* -o is relative to where care was started, not the records top. */
	if (dir && dir[0] != '/') {
		if (!(abs_dir = path_from_start(dir))) {
			fprintf(stderr, _("care: cannot open '%s': %s\n"), ".", strerror(errno));
			goto out;
		}
	}
	if (repo_find_top(&top) < 0 || chdir(top) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	/* All or nothing: editors should not mix old schemas with new. */
	for (i = 0; i < NSCHEMAS; i++)
		if (convert(schema_name(i), &json[i], &dl) < 0)
			failed = 1;
	diag_list_sort(&dl);
	if (print_diags(stderr, &dl, DIAG_TEXT, 0, NULL, NULL, 0, 0) < 0 || failed)
		goto out;
	where = abs_dir ? abs_dir : dir ? dir : DEFAULT_DIR;
	shown = dir ? dir : DEFAULT_DIR;
	if (mkdir(where, 0777) < 0 && errno != EEXIST) {
		fprintf_printable(stderr, _("care: cannot write into '%s': %s\n"), shown, strerror(errno));
		goto out;
	}
	for (i = 0; i < NSCHEMAS; i++)
		if (write_one(schema_name(i), &json[i], where, shown) < 0)
			goto out;
	ret = fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
out:
	for (i = 0; i < NSCHEMAS; i++)
		strbuf_release(&json[i]);
	diag_list_release(&dl);
	free(abs_dir);
	free(top);
	return ret;
}
