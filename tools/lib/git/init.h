#ifndef CARE_GIT_INIT_H
#define CARE_GIT_INIT_H

/*
 * A new records repository's git side (care init): `git init` in dir (an
 * existing repository is reused), core.hooksPath set to hooks_path when
 * not NULL, and one commit of the files at paths (relative to dir,
 * NULL-terminated) with message, on top of HEAD when there is one. The
 * author and committer are git's: GIT_AUTHOR_NAME, _EMAIL and _DATE (and
 * the committer's) when set, else user.name and user.email.
 *
 * Returns 0, or -1 with error_last() saying why (no identity for the
 * commit says how to give one).
 */
int gitrepo_init_commit(const char *dir, const char *const *paths, const char *message,
			const char *hooks_path);

#endif
