/*
 * `git init` and a first commit through libgit2, for care init, so that a
 * school's new repository needs no git command line to start. libgit2
 * does not read git's identity variables, so they are read here the way
 * git reads them: a teacher's GIT_AUTHOR_NAME (and the tests' fixed
 * dates) are honoured.
 */
#include "git/init.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "git/libgit2.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char *libgit2_message(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown error";
}

/*
 * A date as git's variables give it: "@1700000000 +0800",
 * "1700000000 +0800", or ISO 8601 "2026-09-01T08:00:00+08:00" (a space
 * for the T, "+0800" and "Z" too). 0 with *when and *offset (minutes), or -1.
 */
static int parse_date(const char *s, git_time_t *when, int *offset)
{
	struct tm tm;
	char *end;
	int sign = 1, hh = 0, mm = 0, iso = 0;

	memset(&tm, 0, sizeof(tm));
	if (*s == '@')
		s++;
	if (strlen(s) > 10 && s[4] != '-') {
		long long t = strtoll(s, &end, 10);
		if (end == s || *end != ' ')
			return -1;
		s = end + 1;
		*when = (git_time_t)t;
	} else {
		if (sscanf(s, "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
			return -1;
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		*when = (git_time_t)timegm(&tm);
		iso = 1;
		s += 19;
		while (*s == ' ')
			s++;
	}
	if (*s == 'Z' || !*s) {
		*offset = 0;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if (sscanf(s, "%2d:%2d", &hh, &mm) != 2 && sscanf(s, "%2d%2d", &hh, &mm) != 2)
		return -1;
	*offset = sign * (hh * 60 + mm);
	/* The ISO form gives the local time at that offset. */
	if (iso)
		*when -= (git_time_t)*offset * 60;
	return 0;
}

/* Who, from GIT_<WHO>_NAME, _EMAIL, _DATE, else the configuration. */
static int signature(git_signature **out, git_repository *repo, const char *who)
{
	char name_var[32], email_var[32], date_var[32];
	const char *name, *email, *date;
	git_signature *def = NULL;
	git_time_t when;
	int offset, ret;

	snprintf(name_var, sizeof(name_var), "GIT_%s_NAME", who);
	snprintf(email_var, sizeof(email_var), "GIT_%s_EMAIL", who);
	snprintf(date_var, sizeof(date_var), "GIT_%s_DATE", who);
	name = getenv(name_var);
	email = getenv(email_var);
	date = getenv(date_var);
	if ((!name || !email) && git_signature_default(&def, repo) < 0) {
		git_error_clear();
		return error_set("%s", _("care: git does not know who you are, so nothing was committed; run\n"
					 "    git config --global user.name \"你的名字\"\n"
					 "    git config --global user.email \"you@example.com\"\n"
					 "and then care init again\n"));
	}
	if (!name)
		name = def->name;
	if (!email)
		email = def->email;
	if (date && *date && !parse_date(date, &when, &offset))
		ret = git_signature_new(out, name, email, when, offset);
	else
		ret = git_signature_now(out, name, email);
	git_signature_free(def);
	if (ret < 0)
		return error_set(_("care: cannot make the first commit: %s\n"), libgit2_message());
	return 0;
}

int gitrepo_init_commit(const char *dir, const char *const *paths, const char *message,
			const char *hooks_path)
{
	git_repository *repo = NULL;
	git_index *index = NULL;
	git_config *cfg = NULL;
	git_signature *author = NULL, *committer = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL;
	git_oid tree_id, commit_id;
	size_t i;
	int ret = -1;

	git_libgit2_init();
	if (git_repository_init(&repo, dir, 0) < 0) {
		error_set(_("care: cannot create a git repository in '%s': %s\n"), dir, libgit2_message());
		goto out;
	}
	if (hooks_path && (git_repository_config(&cfg, repo) < 0 ||
			   git_config_set_string(cfg, "core.hooksPath", hooks_path) < 0)) {
		error_set(_("care: cannot write git's configuration: %s\n"), libgit2_message());
		goto out;
	}
	if (signature(&author, repo, "AUTHOR") < 0 || signature(&committer, repo, "COMMITTER") < 0)
		goto out;
	if (git_repository_index(&index, repo) < 0)
		goto fail;
	for (i = 0; paths[i]; i++)
		if (git_index_add_bypath(index, paths[i]) < 0)
			goto fail;
	if (git_index_write(index) < 0 || git_index_write_tree(&tree_id, index) < 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) < 0)
		goto fail;
	if (git_revparse_single((git_object **)&parent, repo, "HEAD^{commit}") < 0) {
		git_error_clear();
		parent = NULL;
	}
	if (git_commit_create_v(&commit_id, repo, "HEAD", author, committer, NULL, message, tree,
				parent ? 1 : 0, parent) < 0)
		goto fail;
	ret = 0;
	goto out;
fail:
	error_set(_("care: cannot make the first commit: %s\n"), libgit2_message());
out:
	git_commit_free(parent);
	git_tree_free(tree);
	git_signature_free(author);
	git_signature_free(committer);
	git_index_free(index);
	git_config_free(cfg);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}
