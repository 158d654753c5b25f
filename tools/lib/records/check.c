/*
 * Checking the selected records, on a small pool of threads (the machines
 * have two cores): each record is independent until the rules between
 * records, which run afterwards on what the threads kept. A record's tree
 * is freed as soon as it is checked.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "records/repo_int.h"
#include "records/rules.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/threads.h"
#include "yaml/hazards.h"
#include "yaml/tree.h"
#include "util/banned.h"

struct hook_data {
	struct record *rec;
	const char *buf;
	size_t len;
	struct regex_scratch *scratch;
};

static void on_ref(void *data, const char *kind, const struct ynode *value)
{
	struct hook_data *h = data;
	struct record *rec = h->rec;
	enum kind k = kind_from_name(kind);

	if (k == KIND_NR)
		return;
	rec->refs = xrealloc(rec->refs, (rec->nrefs + 1) * sizeof(*rec->refs));
	rec->refs[rec->nrefs].id = xstrdup(value->u.text);
	rec->refs[rec->nrefs].kind = k;
	rec->refs[rec->nrefs].line = value->line;
	rec->refs[rec->nrefs].col = value->col;
	rec->nrefs++;
}

static void on_free_text(void *data, const char *field, const struct ynode *value)
{
	struct hook_data *h = data;
	rules_free_text(h->rec, h->buf, h->len, field, value, h->scratch);
}

struct pool {
	struct repo *r;
	struct rules_ctx ctx;
	atomic_size_t next;
};

static void check_one(struct pool *p, struct record *rec, struct regex_scratch *scratch,
		      struct strbuf *sb, int thread)
{
	const struct repo *r = p->r;
	struct ydoc *doc = NULL;
	struct hook_data h = { rec, NULL, 0, scratch };
	struct validate_hooks hooks = { on_ref, on_free_text, &h };
	int errors;

	if (!is_valid_id(rec->id))
		diag_add(&rec->diags, rec->path, 0, 0, DIAG_ERROR, "bad-id",
			 _("'%s' is not a valid file name for a record: use only lowercase letters a-z, digits and '-', starting with a letter or digit, at most 64 characters (such as wang-xiaoming-2015.yaml)"),
			 rec->id);
	else if (id_holds_identifier(rec->id, scratch))
		diag_add(&rec->diags, rec->path, 0, 0, DIAG_ERROR, "bad-id",
			 _("'%s' holds a phone or ID number: file names become page names and links and stay in git's history for ever; rename the file, such as wang-xiaoming-2015.yaml"),
			 rec->id);
	if (source_read(r->src, thread, rec->path, YDOC_MAX_SIZE, sb) < 0) {
		read_error(r, rec->path, &rec->diags);
		goto cleanup;
	}
	if (text_scan(sb->buf, sb->len, rec->path, &rec->diags))
		goto cleanup;
	if (ydoc_parse(&doc, sb->buf, sb->len, rec->path, &rec->diags) < 0)
		goto cleanup;
	h.buf = sb->buf;
	h.len = sb->len;
	errors = schema_validate(r->schemas[rec->kind], ydoc_root(doc), rec->path, &rec->diags,
				 scratch, &hooks);
	rec->valid = !errors;
	rules_record(&p->ctx, rec, ydoc_root(doc));
	/* A record with any error (a rule's too) is not one a site may show. */
	if (rec->valid && r->priv->hooks.on_valid && !diag_list_count(&rec->diags, DIAG_ERROR))
		r->priv->hooks.on_valid(r->priv->hooks.data, thread, rec, ydoc_root(doc));
cleanup:
	ydoc_free(doc);
	/* Keep the buffer for the thread's next file. */
	strbuf_reset(sb);
}

static void worker(void *data, int thread)
{
	struct pool *p = data;
	struct regex_scratch *scratch = regex_scratch_new();
	struct strbuf text = STRBUF_INIT;
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->r->nr)
		if (p->r->recs[i].selected)
			check_one(p, &p->r->recs[i], scratch, &text, thread);
	strbuf_release(&text);
	regex_scratch_free(scratch);
	ydoc_thread_cleanup();
}

void check_selected(struct repo *r)
{
	struct pool p;
	size_t k, selected = 0;

	for (k = 0; k < r->nr; k++)
		selected += r->recs[k].selected;
	r->files += selected;
	p.r = r;
	repo_rules_ctx(r, &p.ctx);
	atomic_init(&p.next, 0);
	threads_run(threads_for(selected, 8, 0), worker, &p);
}
