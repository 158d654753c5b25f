#ifndef CARE_GIT_RANGE_H
#define CARE_GIT_RANGE_H

#include <stddef.h>

/*
 * The commits of a range, each to be checked as it was committed (care
 * check --range, the server-side hooks). A range is written
 *
 *   A..B      the commits B reaches and A does not (git rev-list A..B);
 *   0000..B   A all zeros, as git hands a hook for a new branch: the
 *             commits B reaches and no ref of the repository (nor HEAD)
 *             does yet (git rev-list B --not --all);
 *   A..0000   B all zeros, a deletion: no commits;
 *   B         that one commit alone.
 *
 * Commits come oldest first (parents before children); a merge is one
 * commit like any other, checked by its own tree. The repository is the
 * one git would use here (GIT_DIR, GIT_OBJECT_DIRECTORY and the other
 * variables a hook is run with, or the folder), bare or not.
 */
struct range_commit {
	char id[41];		/* hex */
	char *subject;		/* the first line of the message, as written (not printable yet) */
	/*
	 * The id of the commit's records/ tree ("" when it has none):
	 * commits with equal records trees have equal records.
	 */
	char records[41];
	/*
	 * The index of the first commit of the range with the same records
	 * tree: itself when none before has it. Only those need checking.
	 */
	size_t same_as;
};

struct commit_range {
	struct range_commit *v;
	size_t nr;
	size_t distinct;	/* how many records trees differ */
	int new_only;		/* the left side was all zeros */
	/*
	 * Where records/ lies inside each commit's tree: "" in a bare
	 * repository, else where the current folder lies in the work tree.
	 */
	char *prefix;
};

/*
 * Lists the commits of spec. 0 with *out set (the caller frees it with
 * commit_range_free()), or -1 with error_last() saying why: no
 * repository, a malformed range, an end that is not a commit.
 */
int commit_range_load(struct commit_range **out, const char *spec);
void commit_range_free(struct commit_range *r);

#endif
