/*
 * The commits of a range, for the server-side gate: git runs no client
 * hook for a cherry-pick, a revert or a rebase, and --no-verify skips the
 * ones it runs, so a push is checked commit by commit where it arrives.
 * Consecutive commits mostly share their records, so each commit is
 * known by the id of its records/ tree, and only the first commit of
 * each tree needs checking.
 */
#include "git/range.h"

#include <stdlib.h>
#include <string.h>

#include "git/libgit2.h"
#include "git/repo_int.h"
#include "git/repo.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* The id git hands a hook for the missing side of a push: all zeros. */
static int is_zeros(const char *s)
{
	size_t n = strlen(s);

	return n >= 7 && strspn(s, "0") == n;
}

static int resolve(git_repository *repo, const char *rev, git_commit **out)
{
	git_object *obj = NULL;
	int rc;

	rc = git_revparse_single(&obj, repo, rev);
	if (rc == 0)
		rc = git_object_peel((git_object **)out, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (rc < 0)
		return error_set(_("care: '%s' is not a commit here: %s\n"), rev, gitrepo_error());
	return 0;
}

/* The id of the commit's records/ tree, or "" when it has none. */
static int records_tree(git_commit *c, const char *prefix, char out[41])
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	char *path = xstrfmt("%srecords", prefix);
	int ret = 0;

	*out = '\0';
	if (git_commit_tree(&tree, c) < 0)
		ret = error_set(_("care: cannot read commit %.7s: %s\n"),
				git_oid_tostr_s(git_commit_id(c)), gitrepo_error());
	else if (!git_tree_entry_bypath(&e, tree, path) && git_tree_entry_type(e) == GIT_OBJECT_TREE)
		git_oid_tostr(out, 41, git_tree_entry_id(e));
	git_tree_entry_free(e);
	git_tree_free(tree);
	free(path);
	return ret;
}

static int add_commit(struct commit_range *r, size_t *alloc, git_commit *c)
{
	struct range_commit *rc;
	const char *subject = git_commit_summary(c);

	if (r->nr == *alloc) {
		*alloc = *alloc ? 2 * *alloc : 16;
		r->v = xrealloc(r->v, *alloc * sizeof(*r->v));
	}
	rc = &r->v[r->nr];
	memset(rc, 0, sizeof(*rc));
	git_oid_tostr(rc->id, sizeof(rc->id), git_commit_id(c));
	rc->subject = xstrdup(subject ? subject : "");
	rc->same_as = r->nr;
	if (records_tree(c, r->prefix, rc->records) < 0) {
		free(rc->subject);
		return -1;
	}
	r->nr++;
	return 0;
}

/*
 * Marks each commit with the first one of the same records tree: open
 * addressing over the tree ids, so that a push of thousands of commits
 * costs no more than a pass.
 */
static void find_same(struct commit_range *r)
{
	size_t cap = 16, i, *slot;

	while (cap < 2 * r->nr)
		cap *= 2;
	slot = xcalloc(cap, sizeof(*slot));	/* index + 1; 0 is empty */
	for (i = 0; i < r->nr; i++) {
		const char *t = r->v[i].records;
		size_t h = (size_t)hash_bytes(HASH_SEED, t, strlen(t)) & (cap - 1);
		while (slot[h] && strcmp(r->v[slot[h] - 1].records, t))
			h = (h + 1) & (cap - 1);
		if (slot[h]) {
			r->v[i].same_as = slot[h] - 1;
		} else {
			slot[h] = i + 1;
			r->distinct++;
		}
	}
	free(slot);
}

/*
 * HEAD, when it names a commit (a bare repository's may name a branch
 * nobody pushed yet): git_revwalk_hide_head() fails on that.
 */
static int hide_head(git_repository *repo, git_revwalk *walk)
{
	git_object *obj = NULL;
	git_commit *c = NULL;
	int ret = 0;

	if (git_revparse_single(&obj, repo, "HEAD") == 0 &&
	    git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT) == 0)
		ret = git_revwalk_hide(walk, git_commit_id(c));
	git_commit_free(c);
	git_object_free(obj);
	return ret;
}

/* Pushes the tip, hides the base: what git rev-list would list. */
static int walk_range(git_repository *repo, struct commit_range *r, const char *spec,
		      const char *from, const char *to)
{
	git_revwalk *walk = NULL;
	git_commit *tip = NULL, *base = NULL, *c = NULL;
	git_oid id;
	size_t alloc = 0;
	int rc, ret = -1;

	if (is_zeros(to))
		return 0;
	if (resolve(repo, to, &tip) < 0 || (from && !is_zeros(from) && resolve(repo, from, &base) < 0))
		goto out;
	if (!from) {
		ret = add_commit(r, &alloc, tip);
		goto out;
	}
	/* A failure of libgit2 from here on, but for add_commit()'s own. */
	if (git_revwalk_new(&walk, repo) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_push(walk, git_commit_id(tip)) < 0)
		goto fail;
	if (base && git_revwalk_hide(walk, git_commit_id(base)) < 0)
		goto fail;
	if (!base) {
		/* A new branch: whatever a ref (or a detached HEAD) reaches is here already. */
		r->new_only = 1;
		if (git_revwalk_hide_glob(walk, "refs/*") < 0)
			goto fail;
		if (hide_head(repo, walk) < 0)
			goto fail;
	}
	while ((rc = git_revwalk_next(&id, walk)) == 0) {
		if (git_commit_lookup(&c, repo, &id) < 0)
			goto fail;
		if (add_commit(r, &alloc, c) < 0)
			goto out;
		git_commit_free(c);
		c = NULL;
	}
	if (rc != GIT_ITEROVER)
		goto fail;
	ret = 0;
	goto out;
fail:
	error_set(_("care: cannot list the commits of '%s': %s\n"), spec, gitrepo_error());
out:
	git_commit_free(c);
	git_commit_free(base);
	git_commit_free(tip);
	git_revwalk_free(walk);
	return ret;
}

int commit_range_load(struct commit_range **out, const char *spec)
{
	struct commit_range *r = xcalloc(1, sizeof(*r));
	git_repository *repo = NULL;
	const char *dots = strstr(spec, "..");
	char *from = NULL, *to = NULL;
	int ret = -1;

	*out = NULL;
	git_libgit2_init();
	if (strstr(spec, "...") || (dots && (dots == spec || !dots[2]))) {
		error_set(_("care: '%s' is not a range; write A..B (two dots, both ends given) or one commit\n"),
			  spec);
		goto out;
	}
	if (git_repository_open_ext(&repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL) < 0) {
		error_set(_("care: not in a git repository (%s); run care check --range in the repository, bare or not\n"),
			  gitrepo_error());
		goto out;
	}
	if (!(r->prefix = gitrepo_records_prefix(repo))) {
		error_set("%s", _("care: the records folder is not inside this git repository's work tree\n"));
		goto out;
	}
	if (dots) {
		from = xstrndup(spec, (size_t)(dots - spec));
		to = xstrdup(dots + 2);
	} else {
		to = xstrdup(spec);
	}
	if (walk_range(repo, r, spec, from, to) < 0)
		goto out;
	find_same(r);
	*out = r;
	r = NULL;
	ret = 0;
out:
	free(from);
	free(to);
	commit_range_free(r);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}

void commit_range_free(struct commit_range *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nr; i++)
		free(r->v[i].subject);
	free(r->v);
	free(r->prefix);
	free(r);
}
