/*
 * Reading and writing git's configuration through libgit2, so that the
 * hooks command needs no libgit2 of its own.
 */
#include "git/config.h"

#include <stdlib.h>

#include "git/libgit2.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct gitconfig {
	git_repository *repo;
	git_config *all;	/* every level, for reading */
	git_config *local;	/* .git/config, for writing */
};

static const char *libgit2_message(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown error";
}

int gitconfig_open(struct gitconfig **out)
{
	struct gitconfig *c = xcalloc(1, sizeof(*c));

	*out = NULL;
	git_libgit2_init();
	if (git_repository_open_ext(&c->repo, ".", 0, NULL) < 0 || !git_repository_workdir(c->repo)) {
		error_set("%s", _("care: not in a git work tree; run this inside the records repository\n"));
		goto fail;
	}
	if (git_repository_config(&c->all, c->repo) < 0 ||
	    git_config_open_level(&c->local, c->all, GIT_CONFIG_LEVEL_LOCAL) < 0) {
		error_set(_("care: cannot read git's configuration: %s\n"), libgit2_message());
		goto fail;
	}
	*out = c;
	return 0;
fail:
	gitconfig_free(c);
	return -1;
}

void gitconfig_free(struct gitconfig *c)
{
	if (!c)
		return;
	git_config_free(c->local);
	git_config_free(c->all);
	git_repository_free(c->repo);
	free(c);
	git_libgit2_shutdown();
}

const char *gitconfig_workdir(const struct gitconfig *c)
{
	return git_repository_workdir(c->repo);
}

const char *gitconfig_commondir(const struct gitconfig *c)
{
	return git_repository_commondir(c->repo);
}

char *gitconfig_get(struct gitconfig *c, const char *key)
{
	git_buf buf = { 0 };
	char *s = NULL;

	if (!git_config_get_string_buf(&buf, c->all, key))
		s = xstrdup(buf.ptr);
	git_buf_dispose(&buf);
	git_error_clear();
	return s;
}

int gitconfig_set(struct gitconfig *c, const char *key, const char *value)
{
	if (git_config_set_string(c->local, key, value) < 0)
		return error_set(_("care: cannot write git's configuration: %s\n"), libgit2_message());
	return 0;
}

int gitconfig_unset(struct gitconfig *c, const char *key)
{
	int rc = git_config_delete_entry(c->local, key);

	if (rc < 0 && rc != GIT_ENOTFOUND)
		return error_set(_("care: cannot write git's configuration: %s\n"), libgit2_message());
	git_error_clear();
	return 0;
}
