/*
 * The facts of one record, read from its parsed tree while it is checked:
 * `care report`'s hook. Only what the figures count is kept; of the
 * contact card, only whether it is whole.
 */
#include "report/facts.h"

#include <stdlib.h>
#include <string.h>

#include "records/record.h"
#include "yaml/tree.h"
#include "util/banned.h"

static int index_of(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

static int has_text(const struct ynode *n)
{
	const char *t = ynode_text(n);
	return t && *t;
}

/* A parent's phone, the guardian's phone and address: the card a teacher calls from. */
int facts_dossier_whole(const struct ynode *root)
{
	const struct ynode *parents = ynode_get(root, "parents"), *g = ynode_get(root, "guardian");
	size_t i;
	int phone = 0;

	for (i = 0; parents && parents->type == YNODE_SEQ && i < parents->len; i++)
		phone |= has_text(ynode_get(parents->u.kids[i], "phone"));
	return phone && has_text(ynode_get(g, "phone")) && has_text(ynode_get(g, "address"));
}

static void keep_child(struct facts *f, int thread, const struct record *rec, const struct ynode *root)
{
	static const char *const genders[] = { "male", "female" };
	struct fact_child *c = facts_add_child(f, thread, rec->id);
	const char *klass = ynode_text(ynode_get(root, "class"));

	free(c->name);
	free(c->head_teacher);
	c->name = xstrdup(ynode_text(ynode_get(root, "name")) ? ynode_text(ynode_get(root, "name")) : rec->id);
	c->head_teacher = xstrdup(ynode_text(ynode_get(root, "head_teacher")) ?
				  ynode_text(ynode_get(root, "head_teacher")) : "");
	c->klass = klass ? atoi(klass) : 0;
	c->dates = rec->dates;
	if (ynode_get(root, "cohort")) {
		c->cohort_line = ynode_get(root, "cohort")->line;
		c->cohort_col = ynode_get(root, "cohort")->col;
	}
	c->gender = index_of(genders, 2, ynode_text(ynode_get(root, "gender")));
	c->away = index_of(away_names, AWAY_NR, ynode_text(ynode_get(ynode_get(root, "left_behind"), "away")));
	c->dossier = facts_dossier_whole(root);
}

static void keep_pairing(struct facts *f, int thread, const struct record *rec, const struct ynode *root)
{
	struct fact_pairing *p = facts_add_pairing(f, thread, rec->id, rec->child);
	const struct ynode *reviews = ynode_get(root, "reviews");
	size_t i;

	memcpy(p->start, rec->start, CAL_DATE_SIZE);
	memcpy(p->end, rec->end, CAL_DATE_SIZE);
	for (i = 0; reviews && reviews->type == YNODE_SEQ && i < reviews->len; i++)
		fact_add_review(p, ynode_text(ynode_get(reviews->u.kids[i], "date")));
}

static void keep_activity(struct facts *f, int thread, const struct record *rec, const struct ynode *root)
{
	const struct ynode *parts = ynode_get(root, "participants");
	struct fact_activity *a = facts_add_activity(f, thread, rec->id, ynode_text(ynode_get(root, "kind")),
						     ynode_text(ynode_get(root, "with")), rec->date);
	size_t i;

	for (i = 0; parts && parts->type == YNODE_SEQ && i < parts->len; i++)
		if (ynode_text(parts->u.kids[i]))
			fact_add_participant(a, ynode_text(parts->u.kids[i]));
}

void report_keep(void *data, int thread, struct record *rec, const struct ynode *root)
{
	if (rec->kind == KIND_CHILD)
		keep_child(data, thread, rec, root);
	else if (rec->kind == KIND_PAIRING)
		keep_pairing(data, thread, rec, root);
	else
		keep_activity(data, thread, rec, root);
}
