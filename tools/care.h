#ifndef CARE_CARE_H
#define CARE_CARE_H

#include <stddef.h>
#include <stdio.h>

/* What the front end hands every command. */
struct care {
	const char *prefix;	/* the folder care was started in */
};

/*
 * Prints dl to out as diag_list_format() makes it, and with summary the
 * line that counts files and problems. Returns 0, or -1 when out cannot be written.
 */
struct diag_list;
int print_diags(FILE *out, const struct diag_list *dl, int fmt, int caret,
		const char *(*source)(void *data, const char *path, size_t *len), void *data,
		int summary, size_t files);

/*
 * fprintf(), with every hidden character of the result shown as
 * "\u{XXXX}" (strbuf_add_printable(), line ends and tabs kept): paths,
 * git's configuration and the message of error_last() can hold whatever a
 * file name or a record holds, and none of it may drive the terminal.
 * Returns 0, or -1 when out cannot be written.
 */
int fprintf_printable(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Prints what options_parse() said (code: its negative result): the help
 * to stdout, or the error and the usage to stderr. Returns the exit code.
 */
struct options;
int explain_options(struct options *opt, int code);

/*
 * path as the user meant it: relative to the folder care was started in,
 * before a command moves to the records top. An absolute path as it is.
 * The caller frees it; NULL when that folder cannot be known.
 */
char *path_from_start(const char *path);

/*
 * Writes sb to standard output when path is NULL, else to path through a
 * temporary file renamed into place (synced first). 0, or -1 with errno.
 */
struct strbuf;
int write_output(const char *path, const struct strbuf *sb);

int cmd_check(int argc, char **argv, struct care *ctx);
int cmd_history(int argc, char **argv, struct care *ctx);
int cmd_export(int argc, char **argv, struct care *ctx);
int cmd_hooks(int argc, char **argv, struct care *ctx);
int cmd_import(int argc, char **argv, struct care *ctx);
int cmd_init(int argc, char **argv, struct care *ctx);
int cmd_new(int argc, char **argv, struct care *ctx);
int cmd_render(int argc, char **argv, struct care *ctx);
int cmd_report(int argc, char **argv, struct care *ctx);
int cmd_schema(int argc, char **argv, struct care *ctx);

#endif
