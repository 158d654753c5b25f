/* The commit the working folder's records are, and whether they differ from it. */
#include "git/head.h"

#include <stdlib.h>
#include <string.h>

#include "git/libgit2.h"
#include "git/repo.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/banned.h"

static int records_differ(git_repository *repo, const char *prefix, int *dirty)
{
	git_status_options opts;
	git_status_list *list = NULL;
	char *spec = xstrfmt("%srecords", prefix);
	char *specs[1] = { spec };
	int ret = 0;

	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
	opts.pathspec.strings = specs;
	opts.pathspec.count = 1;
	if (git_status_list_new(&list, repo, &opts) < 0) {
		error_set(_("care: cannot compare the records with git's HEAD: %s\n"), gitrepo_error());
		ret = -1;
	} else {
		*dirty = git_status_list_entrycount(list) > 0;
	}
	git_status_list_free(list);
	free(spec);
	return ret;
}

int git_head_state(char id[41], int *dirty)
{
	git_repository *repo = NULL;
	git_oid oid;
	char *prefix = NULL;
	int ret = 0;

	git_libgit2_init();
	if (git_repository_open_ext(&repo, ".", 0, NULL) < 0 || git_repository_is_bare(repo))
		goto out;
	if (git_reference_name_to_id(&oid, repo, "HEAD") < 0)
		goto out;
	git_oid_tostr(id, 41, &oid);
	/* The records top may be a folder inside the work tree. */
	prefix = records_prefix_in(git_repository_workdir(repo));
	ret = records_differ(repo, prefix ? prefix : "", dirty) < 0 ? -1 : 1;
out:
	free(prefix);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}
