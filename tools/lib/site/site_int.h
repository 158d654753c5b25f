#ifndef CARE_SITE_INT_H
#define CARE_SITE_INT_H

/* What site.c (writing), model.c (the records as values) and pages.c share. */
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>

#include "records/enrolment.h"
#include "report/facts.h"
#include "report/figures.h"
#include "text/collate.h"
#include "site/manifest.h"
#include "site/privacy.h"
#include "template/values.h"
#include "site/site.h"
#include "util/strbuf.h"
#include "util/threads.h"
#include "template/folder.h"

enum page_kind {
	PAGE_HOME, PAGE_ROSTER, PAGE_CLASS, PAGE_CHILD, PAGE_PAIRING, PAGE_ACTIVITY,
	PAGE_MENTORS, PAGE_MENTOR, PAGE_MONTHS, PAGE_REPORT,
};

struct page {
	enum page_kind kind;
	const struct mval *v;	/* the record summary, class, or mentor it shows */
	size_t rec;		/* PAGE_CHILD/PAIRING/ACTIVITY: index in repo recs; PAGE_REPORT: in reports */
};

/* A yearly work report's page: its figures and the school's words. */
struct site_report {
	int have;
	struct figures fig;
	struct strbuf words;	/* records/report/<year>.md, or empty */
	struct mval *v;		/* {label, id, markdown, date} */
};

struct site {
	struct repo *r;
	int full;		/* PROFILE_FULL: for labels; what it shows is privacy's */
	struct privacy privacy;
	struct marena *arenas[CARE_MAX_THREADS];	/* summaries, by checking thread */
	struct marena *main;	/* what is derived from all of them */
	struct collator *coll;
	char today[11];
	char year_start[11];	/* the first day of the current school year */
	int school_year;	/* its calendar year */
	struct mval *common;	/* site-wide values every page gets */
	struct mval *children;	/* every valid child, by pinyin */
	struct mval *classes;	/* enrolled children by class */
	struct mval *mentors;	/* pairings by mentor, by pinyin */
	struct mval *months;	/* activities by month, newest first */
	struct mval *home;	/* the programme's figures */
	struct facts *facts;	/* what figures.c counts them from */
	struct site_report reports[2];	/* this school year's, the last one's */
	struct page *pages;
	size_t npages, written;
	const struct render_opts *opts;
	uint64_t config;	/* hash of templates, schemas, programme, profile */
	char *manifest;		/* its file, beside the site */
	struct manifest *last;	/* the previous render's, when it can be trusted */
	struct marena *cached;	/* summaries read from it */
	/* Names private activities' pages (privacy.h); read or made when one is. */
	struct site_key key;
	int have_key;
	int lock;		/* site_lock()'s, held until site_free() */
};

#define SITE_MARKER ".care-site"

/* sitehist.c: each child's history, when the records are in git. */
void site_history(struct site *s, struct mval **kids, size_t n);

/* pagewrite.c: pages into the folder dirfd (pages which[0..n), or all). */
extern atomic_int site_interrupted;
int write_file(int dirfd, const char *name, const char *data, size_t len);
int write_pages(struct site *s, const struct tmplset *tpl, int dirfd, const size_t *which, size_t n,
		int threads, struct diag_list *dl);
int copy_assets(const struct tmplset *tpl, int dirfd, struct diag_list *dl);

/* fs.c */
void remove_tree(const char *path);
/*
 * Locks the file beside out (".site.care-lock") for this process, waiting
 * up to wait seconds for another render to let go of it, and calling
 * waiting(out) once if it has to wait. Returns the fd holding the lock
 * (closing it lets go), or -1 with error_last() set.
 */
int site_lock(const char *out, int wait, void (*waiting)(const char *out));
/* What a site folder's .care-site marker holds (the caller frees it), and is it that? */
char *site_marker_text(const char *profile);
int site_marker_is(const char *out, const char *text);
/*
 * Which folder out is now (its device and inode, hashed; 0 when there is
 * none): a folder swapped in or copied back since is another one.
 */
uint64_t site_folder_id(const char *out);
/* Are the pages in out (the .html files, and the .md in md/) exactly m's, no more? */
int site_has_pages_of(const char *out, const struct manifest *m);
/* Is path absent, an empty folder, or a site care wrote before? */
int site_replaceable(const char *path);
/* "dir/.base<suffix>" for out "dir/base" (or "dir/base/"): a file or folder beside the site. */
char *site_beside(const char *out, const char *suffix);
/* A new folder beside out, after removing ones a killed render left. */
char *site_temp_dir(const char *out);
int site_swap_in(const char *tmp, const char *out);
/* Moves pages names[] from tmp into out and removes gone[], with signals held. */
int site_move_pages(const char *tmp, const char *out, char *const *names, size_t n,
		    char *const *gone, size_t ngone);

/* model.c: the summary of one record (on a checking thread), then the rest. */
void model_keep(void *data, int thread, struct record *rec, const struct ynode *root);
void model_build(struct site *s);
/* A child summary's cohort, status and status date. */
void child_dates_of(const struct mval *c, struct child_dates *d);
/* Records by date, newest first, then by id: for qsort. */
int newest_first(const void *x, const void *y);
/* A list as {rows, count}, or null when it is empty, for a table with a header. */
struct mval *table_of(struct marena *a, struct mval *list);

/* figures.c: the home page's figures, from the linked summaries. */
void build_home(struct site *s, struct mval **kids, size_t nkids, struct mval **pairs, size_t npairs,
		struct mval **acts, size_t nacts);

/* pages.c */
const char *page_template(enum page_kind kind);
char *page_name(const struct page *p);
/* What page p (named name) shows, hashed: equal fingerprints, equal pages. */
uint64_t page_fingerprint(const struct site *s, const struct page *p, const char *name);
/*
 * The values page p is rendered with, in a. Record pages read their record
 * again, on thread (for the record source), for the fields summaries leave
 * out (notes, sensitive fields under the full profile). NULL when that file cannot be read or parsed now.
 */
struct mval *page_values(const struct site *s, const struct page *p, struct marena *a,
			 int thread);

#endif
