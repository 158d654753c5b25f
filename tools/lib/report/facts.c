/*
 * The facts figures are counted from: kept per thread while records are
 * checked, then gathered, sorted and linked once.
 */
#include "report/facts.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

const char *const away_names[AWAY_NR] = { "both", "father", "mother", "single_parent" };

struct facts *facts_new(const struct programme *prog)
{
	struct facts *f = xcalloc(1, sizeof(*f));

	f->prog = prog;
	return f;
}

static void free_lists(struct facts *f)
{
	size_t i, j;

	for (i = 0; i < f->nkids; i++) {
		free(f->kids[i].id);
		free(f->kids[i].name);
		free(f->kids[i].head_teacher);
	}
	for (i = 0; i < f->npairs; i++) {
		free(f->pairs[i].id);
		free(f->pairs[i].child);
		free(f->pairs[i].reviews);
	}
	for (i = 0; i < f->nacts; i++) {
		for (j = 0; j < f->acts[i].nparts; j++)
			free(f->acts[i].parts[j]);
		free(f->acts[i].parts);
		free(f->acts[i].part_ix);
		free(f->acts[i].id);
		free(f->acts[i].kind);
		free(f->acts[i].with);
	}
	free(f->kids);
	free(f->pairs);
	free(f->acts);
}

void facts_free(struct facts *f)
{
	int t;

	if (!f)
		return;
	for (t = 0; t < CARE_MAX_THREADS; t++)
		facts_free(f->part[t]);
	free_lists(f);
	free(f);
}

static struct facts *part(struct facts *f, int thread)
{
	if (!f->part[thread])
		f->part[thread] = facts_new(f->prog);
	return f->part[thread];
}

struct fact_child *facts_add_child(struct facts *f, int thread, const char *id)
{
	struct facts *p = part(f, thread);
	struct fact_child *c;

	p->kids = xrealloc(p->kids, (p->nkids + 1) * sizeof(*p->kids));
	c = memset(&p->kids[p->nkids++], 0, sizeof(*c));
	c->id = xstrdup(id);
	c->name = xstrdup("");
	c->head_teacher = xstrdup("");
	c->gender = c->away = -1;
	return c;
}

struct fact_pairing *facts_add_pairing(struct facts *f, int thread, const char *id, const char *child)
{
	struct facts *p = part(f, thread);
	struct fact_pairing *x;

	p->pairs = xrealloc(p->pairs, (p->npairs + 1) * sizeof(*p->pairs));
	x = memset(&p->pairs[p->npairs++], 0, sizeof(*x));
	x->id = xstrdup(id);
	x->child = xstrdup(child ? child : "");
	x->child_ix = -1;
	return x;
}

static void copy_date(char out[CAL_DATE_SIZE], const char *date)
{
	out[0] = '\0';
	if (cal_valid(date))
		memcpy(out, date, CAL_DATE_SIZE);
}

struct fact_activity *facts_add_activity(struct facts *f, int thread, const char *id, const char *kind,
					 const char *with, const char *date)
{
	struct facts *p = part(f, thread);
	struct fact_activity *a;

	p->acts = xrealloc(p->acts, (p->nacts + 1) * sizeof(*p->acts));
	a = memset(&p->acts[p->nacts++], 0, sizeof(*a));
	a->id = xstrdup(id);
	a->kind = xstrdup(kind ? kind : "");
	a->with = with ? xstrdup(with) : NULL;
	copy_date(a->date, date);
	return a;
}

void fact_add_review(struct fact_pairing *p, const char *date)
{
	if (!cal_valid(date))
		return;
	p->reviews = xrealloc(p->reviews, (p->nreviews + 1) * sizeof(*p->reviews));
	memcpy(p->reviews[p->nreviews++], date, CAL_DATE_SIZE);
}

void fact_add_participant(struct fact_activity *a, const char *id)
{
	a->parts = xrealloc(a->parts, (a->nparts + 1) * sizeof(*a->parts));
	a->parts[a->nparts++] = xstrdup(id);
}

static int by_kid_id(const void *x, const void *y)
{
	return strcmp(((const struct fact_child *)x)->id, ((const struct fact_child *)y)->id);
}

static int by_pair_id(const void *x, const void *y)
{
	return strcmp(((const struct fact_pairing *)x)->id, ((const struct fact_pairing *)y)->id);
}

static int by_date_id(const void *x, const void *y)
{
	const struct fact_activity *a = x, *b = y;
	int r = strcmp(a->date, b->date);
	return r ? r : strcmp(a->id, b->id);
}

static int by_date(const void *x, const void *y)
{
	return strcmp(x, y);
}

/* Moves n items of size from *from onto the end of *to (of *nto). */
static void append(void **to, size_t *nto, void **from, size_t *nfrom, size_t size)
{
	if (!*nfrom)
		return;
	*to = xrealloc(*to, (*nto + *nfrom) * size);
	memcpy((char *)*to + *nto * size, *from, *nfrom * size);
	*nto += *nfrom;
	free(*from);
	*from = NULL;
	*nfrom = 0;
}

void facts_finish(struct facts *f)
{
	size_t i, j;
	int t;

	for (t = 0; t < CARE_MAX_THREADS; t++) {
		struct facts *p = f->part[t];
		if (!p)
			continue;
		append((void **)&f->kids, &f->nkids, (void **)&p->kids, &p->nkids, sizeof(*f->kids));
		append((void **)&f->pairs, &f->npairs, (void **)&p->pairs, &p->npairs, sizeof(*f->pairs));
		append((void **)&f->acts, &f->nacts, (void **)&p->acts, &p->nacts, sizeof(*f->acts));
		facts_free(p);
		f->part[t] = NULL;
	}
	/* qsort() and bsearch() want a base even for no items. */
	if (f->nkids)
		qsort(f->kids, f->nkids, sizeof(*f->kids), by_kid_id);
	if (f->npairs)
		qsort(f->pairs, f->npairs, sizeof(*f->pairs), by_pair_id);
	if (f->nacts)
		qsort(f->acts, f->nacts, sizeof(*f->acts), by_date_id);
	for (i = 0; i < f->nkids; i++)
		if (child_first_day(&f->kids[i].dates, f->prog, f->kids[i].first_day) < 0)
			f->kids[i].first_day[0] = '\0';
	for (i = 0; i < f->npairs; i++) {
		f->pairs[i].child_ix = facts_child(f, f->pairs[i].child);
		/* A review out of order is the check's error; counting wants the latest. */
		if (f->pairs[i].nreviews)
			qsort(f->pairs[i].reviews, f->pairs[i].nreviews, sizeof(*f->pairs[i].reviews), by_date);
	}
	for (i = 0; i < f->nacts; i++) {
		struct fact_activity *a = &f->acts[i];
		free(a->part_ix);
		a->part_ix = xcalloc(a->nparts + 1, sizeof(*a->part_ix));
		for (j = 0; j < a->nparts; j++)
			a->part_ix[j] = facts_child(f, a->parts[j]);
	}
}

long facts_child(const struct facts *f, const char *id)
{
	size_t lo = 0, hi = f->nkids;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(f->kids[mid].id, id);
		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}
