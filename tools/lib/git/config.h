#ifndef CARE_GIT_CONFIG_H
#define CARE_GIT_CONFIG_H

/*
 * Git's configuration of the repository holding the current folder, for
 * `care hooks`: read at every level, written to the repository's own
 * .git/config only.
 */
struct gitconfig;

/* Opens it. 0, or -1 (error_last() says why: not a work tree, unreadable). */
int gitconfig_open(struct gitconfig **out);
void gitconfig_free(struct gitconfig *c);

/* The work tree, with a final '/', and the common git folder. Borrowed. */
const char *gitconfig_workdir(const struct gitconfig *c);
const char *gitconfig_commondir(const struct gitconfig *c);

/* The value of key, the caller's to free, or NULL when it is not set. */
char *gitconfig_get(struct gitconfig *c, const char *key);
/* 0, or -1 with error_last() set. Unsetting a key that is not set is 0. */
int gitconfig_set(struct gitconfig *c, const char *key, const char *value);
int gitconfig_unset(struct gitconfig *c, const char *key);

#endif
