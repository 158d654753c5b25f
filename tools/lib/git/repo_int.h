#ifndef CARE_GIT_REPO_INT_H
#define CARE_GIT_REPO_INT_H

/* What repo.c shares with the other files of the git floor. */
#include "git/libgit2.h"

/*
 * Where the records top lies inside repo's tree: "" or "sub/dir/" (the
 * caller's to free). A bare repository has no working folder to say, so
 * its records are at the top of each commit's tree; a working tree's are
 * where the current folder lies in it. NULL when the current folder is
 * outside the work tree.
 */
char *gitrepo_records_prefix(git_repository *repo);

#endif
