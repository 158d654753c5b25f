#ifndef CARE_TMPLSET_H
#define CARE_TMPLSET_H

#include "util/diag.h"
#include "template/mustache.h"

/*
 * The templates folder a school may edit: one Markdown template per page
 * kind (<name>.md), shared parts under partials/ ({{> name}}), the HTML
 * layout (layout.html), and the files copied as they are (*.css, *.js).
 */
struct tmplset;

/*
 * Compiles every template under dir. Problems go to dl as
 * templates/x.md:line:col. Returns 0, or -1 (with *out NULL).
 */
int tmplset_load(struct tmplset **out, const char *dir, struct diag_list *dl);
void tmplset_free(struct tmplset *t);

/* A page template by name ("child" for child.md), or NULL. */
const struct mtemplate *tmplset_get(const struct tmplset *t, const char *name);
/* Where {{> name}} looks, for mustache_render(). */
const struct mustache_partials *tmplset_partials(const struct tmplset *t);

/* The files to copy into the site as they are: count, and each name. */
size_t tmplset_nassets(const struct tmplset *t);
const char *tmplset_asset(const struct tmplset *t, size_t i);
const char *tmplset_dir(const struct tmplset *t);

#endif
