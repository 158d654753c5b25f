#ifndef CARE_SITE_H
#define CARE_SITE_H

#include "util/diag.h"
#include "records/repo.h"

/*
 * The static site: records -> Mustache templates -> Markdown -> cmark-gfm
 * -> layout.html -> files. Pages are written into a new folder beside the
 * output, which is swapped in only when every page is written, so a failed
 * or interrupted render leaves the previous site as it was.
 */
enum profile { PROFILE_STAFF, PROFILE_FULL };

struct render_opts {
	const char *out;	/* the site folder, "site" */
	int profile;		/* PROFILE_*, or -1 for programme.yaml's */
	const char *templates;	/* the templates folder */
	int threads;		/* 0: one per processor */
	const char *as_of;	/* a commit or date: the records as they were then */
	int lock_wait;		/* seconds to wait for another render of out to end */
	/* Told once that another render holds out and this one waits; or NULL. */
	void (*waiting)(const char *out);
};

struct site;

/*
 * Hooks a site into r, after repo_load_setup() and before repo_check(),
 * which then feeds it each valid record, or, for a file unchanged since
 * the last render of o->out, what that render knew of it. o must stay
 * alive as long as the site; o->profile is PROFILE_* here.
 *
 * One render of a folder at a time: the site first locks o->out (a file
 * beside it), waiting up to o->lock_wait seconds for another render to
 * end, and holds the lock until site_free(). Returns 0 with *out set (the
 * caller frees it with site_free()), or -1 with *out NULL and
 * error_last() set: still locked after the wait, or no lock to be had.
 */
int site_new(struct site **out, struct repo *r, const struct render_opts *o);
void site_free(struct site *s);

/*
 * Renders every valid record. Returns 0; 1 when templates have problems
 * (in dl, nothing written); 2 on a system failure or an interruption
 * (error_last() says which; the previous site is left as it was).
 * Warnings, such as a render cache that could not be written, go to dl.
 */
int site_render(struct site *s, const struct render_opts *o, struct diag_list *dl);

/*
 * Asks a running site_render() to stop and leave the previous site as it
 * was. Safe to call from a signal handler, which is the command's: the
 * library installs none.
 */
void site_interrupt(void);

/* How many pages the last site_render() wrote (each as .md and .html), of all. */
size_t site_pages(const struct site *s);
size_t site_total_pages(const struct site *s);

#endif
