/*
 * Loading a records repository and checking it. Files are read and checked
 * by a small pool of threads (the machines have two cores): each record is
 * independent until the rules between records, which run afterwards on the
 * summaries the threads kept. Trees are freed as soon as a record is
 * checked, so memory grows with the number of records, not their text.
 */
#include "records/repo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "git/repo.h"
#include "util/i18n.h"
#include "records/identifiers.h"
#include "records/repo_int.h"
#include "records/rules.h"
#include "util/strbuf.h"
#include "yaml/hazards.h"
#include "yaml/tree.h"
#include "util/banned.h"

const char *const kind_dirs[KIND_NR] = { "children", "pairings", "activities" };
const char *const kind_names[KIND_NR] = { "child", "pairing", "activity" };

int is_valid_id(const char *id)
{
	size_t i;

	if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')))
		return 0;
	for (i = 1; id[i]; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') ||
		      id[i] == '-') || i > 63)
			return 0;
	return 1;
}

void today_string(char out[11])
{
	const char *env = getenv("CARE_TODAY");
	time_t now;
	struct tm tm;

	if (env && is_valid_date(env)) {
		memcpy(out, env, 11);
		return;
	}
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int repo_find_top(void)
{
	struct stat st;
	char cwd[4096];

	for (;;) {
		if (!stat("records/programme.yaml", &st))
			return 0;
		if (!getcwd(cwd, sizeof(cwd)) || !strcmp(cwd, "/") || chdir("..") < 0)
			break;
	}
	fprintf(stderr, "%s", _("care: no records/programme.yaml here or in any parent folder; run care in a records repository, or use 'care -C DIR'\n"));
	return -1;
}

void repo_init(struct repo *r)
{
	int i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < KIND_NR; i++)
		r->dirfd[i] = -1;
	today_string(r->today);
}

static void record_release(struct record *rec)
{
	size_t i;

	free(rec->path);
	free(rec->id);
	free(rec->child);
	for (i = 0; i < rec->nrefs; i++)
		free(rec->refs[i].id);
	free(rec->refs);
	diag_list_release(&rec->diags);
}

void repo_release(struct repo *r)
{
	size_t i;

	for (i = 0; i < KIND_NR; i++)
		schema_free(r->schemas[i]);
	schema_free(r->programme_schema);
	for (i = 0; i < r->nr; i++)
		record_release(&r->recs[i]);
	free(r->recs);
	for (i = 0; i < r->prog.ninterests; i++) {
		free(r->prog.interests[i]);
		free(r->prog.interest_labels[i]);
	}
	free(r->prog.interests);
	free(r->prog.interest_labels);
	free(r->prog.school);
	ydoc_free(r->prog.doc);
	diag_list_release(&r->diags);
	git_reader_free(r->readers[0]);
	gitrepo_free(r->git);
	for (i = 0; i < r->ndeleted; i++)
		free(r->deleted[i]);
	free(r->deleted);
	for (i = 0; i < KIND_NR; i++)
		if (r->dirfd[i] >= 0)
			close(r->dirfd[i]);
	memset(r, 0, sizeof(*r));
}

/* Reads path, or name inside the open folder dirfd when dirfd >= 0. */
static int read_text_at(int dirfd, const char *name, const char *path, struct strbuf *sb,
			struct diag_list *dl)
{
	if (strbuf_read_file_at(sb, dirfd < 0 ? AT_FDCWD : dirfd, dirfd < 0 ? path : name,
				YDOC_MAX_SIZE) == 0)
		return 0;
	if (errno == EFBIG)
		diag_add(dl, path, 0, 0, DIAG_ERROR, "file-too-large", "%s",
			 _("file is larger than 1 MiB; a record is a few KiB, so this is not a record file"));
	else if (errno == ELOOP)
		diag_add(dl, path, 0, 0, DIAG_ERROR, "symlink", "%s",
			 _("this is a symbolic link; records must be ordinary files (links are never followed)"));
	else
		diag_add(dl, path, 0, 0, DIAG_ERROR, "io", _("cannot read the file: %s"),
			 strerror(errno));
	return -1;
}

static void read_error(const char *path, struct diag_list *dl)
{
	if (errno == EFBIG)
		diag_add(dl, path, 0, 0, DIAG_ERROR, "file-too-large", "%s",
			 _("file is larger than 1 MiB; a record is a few KiB, so this is not a record file"));
	else
		diag_add(dl, path, 0, 0, DIAG_ERROR, "io", _("git cannot read the staged file: %s"),
			 gitrepo_error());
}

/* Reads a file of the repository: from git's index when checking it. */
static int read_text_r(const struct repo *r, const char *path, struct strbuf *sb,
		       struct diag_list *dl)
{
	unsigned char oid[GIT_OID_LEN];
	unsigned mode;

	if (!r->git)
		return read_text_at(-1, NULL, path, sb, dl);
	if (!gitrepo_find(r->git, path, &mode, oid)) {
		diag_add(dl, path, 0, 0, DIAG_ERROR, "io", "%s",
			 _("this file is not in git's index; add it with 'git add'"));
		return -1;
	}
	if (git_reader_read(r->readers[0], oid, YDOC_MAX_SIZE, sb) < 0) {
		read_error(path, dl);
		return -1;
	}
	return 0;
}

static int load_schema(struct repo *r, const char *name, struct schema **out)
{
	struct strbuf sb = STRBUF_INIT;
	char *path = xstrfmt("records/schema/%s.yaml", name);
	int ret = -1;

	if (read_text_r(r, path, &sb, &r->diags) < 0)
		goto cleanup;
	if (text_scan(sb.buf, sb.len, path, &r->diags))
		goto cleanup;
	ret = schema_load(out, path, sb.buf, sb.len, &r->diags);
cleanup:
	free(path);
	strbuf_release(&sb);
	return ret;
}

static void read_programme(struct repo *r, const struct ynode *root)
{
	const struct ynode *groups = ynode_get(root, "interest_groups");
	const char *start = ynode_text(ynode_get(root, "school_year_starts"));
	size_t i;

	r->prog.school = xstrdup(ynode_text(ynode_get(root, "school")) ?
				 ynode_text(ynode_get(root, "school")) : "");
	r->prog.year_month = 9;
	r->prog.year_day = 1;
	if (start && strlen(start) == 5) {
		r->prog.year_month = atoi(start);
		r->prog.year_day = atoi(start + 3);
	}
	r->prog.stale_after_days = ynode_text(ynode_get(root, "stale_after_days")) ?
				   atol(ynode_text(ynode_get(root, "stale_after_days"))) : 180;
	if (!groups || groups->type != YNODE_MAP)
		return;
	r->prog.interests = xcalloc(groups->len, sizeof(char *));
	r->prog.interest_labels = xcalloc(groups->len, sizeof(char *));
	for (i = 0; i < groups->len; i++) {
		const char *label = ynode_text(groups->u.kids[2 * i + 1]);
		r->prog.interests[i] = xstrdup(groups->u.kids[2 * i]->u.text);
		r->prog.interest_labels[i] = xstrdup(label ? label : "");
	}
	r->prog.ninterests = groups->len;
}

int repo_load_setup(struct repo *r)
{
	static const char *const path = "records/programme.yaml";
	struct strbuf sb = STRBUF_INIT;
	struct ydoc *doc = NULL;
	struct regex_scratch *scratch = NULL;
	size_t before;
	int i, ret = -1;

	for (i = 0; i < KIND_NR; i++)
		if (load_schema(r, kind_names[i], &r->schemas[i]) < 0)
			goto cleanup;
	if (load_schema(r, "programme", &r->programme_schema) < 0)
		goto cleanup;
	if (pii_init() < 0)
		goto cleanup;
	ret = 1;
	before = r->diags.nr;
	r->files++;
	if (read_text_r(r, path, &sb, &r->diags) < 0 || text_scan(sb.buf, sb.len, path, &r->diags) ||
	    ydoc_parse(&doc, sb.buf, sb.len, path, &r->diags) < 0)
		goto cleanup;
	scratch = regex_scratch_new();
	schema_validate(r->programme_schema, ydoc_root(doc), path, &r->diags, scratch, NULL);
	read_programme(r, ydoc_root(doc));
	r->prog.doc = doc;
	doc = NULL;
	ret = r->diags.nr > before;
cleanup:
	regex_scratch_free(scratch);
	ydoc_free(doc);
	strbuf_release(&sb);
	return ret;
}

struct record *add_record(struct repo *r, enum kind kind, char *path)
{
	struct record *rec;

	if (r->nr == r->alloc) {
		r->alloc = r->alloc ? r->alloc * 2 : 256;
		r->recs = xrealloc(r->recs, r->alloc * sizeof(*r->recs));
	}
	rec = &r->recs[r->nr++];
	memset(rec, 0, sizeof(*rec));
	rec->kind = kind;
	rec->path = path;
	return rec;
}

static int under(const char *path, char **paths, size_t npaths)
{
	size_t i, n;

	if (!npaths)
		return 1;
	for (i = 0; i < npaths; i++) {
		n = strlen(paths[i]);
		if (!n || (!strncmp(path, paths[i], n) && (path[n] == '/' || !path[n] ||
							    paths[i][n - 1] == '/')))
			return 1;
	}
	return 0;
}

void stray(struct repo *r, const char *dir, const char *name, enum stray_type type)
{
	char *path = xstrfmt("%s/%s", dir, name);
	size_t n = strlen(name);

	r->files++;
	if (type == STRAY_SUBMODULE)
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "submodule", "%s",
			 _("a git submodule inside a record folder; record folders hold only .yaml files, so remove it with 'git rm --cached'"));
	else if (type == STRAY_LINK)
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "symlink", "%s",
			 _("this is a symbolic link; records must be ordinary files (links are never followed), so replace it with the file itself"));
	else if (type == STRAY_DIR)
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "stray-file", "%s",
			 _("a folder inside a record folder; record folders hold only .yaml files, so move it elsewhere"));
	else if (n > 4 && !strcmp(name + n - 4, ".yml"))
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "stray-file",
			 _("record files end in '.yaml'; rename it to '%.*s.yaml'"), (int)(n - 4), name);
	else
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "stray-file", "%s",
			 _("not a record file (record files end in '.yaml'); move it out of the records folder or delete it"));
	free(path);
}

int cmp_record_id(const void *a, const void *b)
{
	return strcmp(((const struct record *)a)->id, ((const struct record *)b)->id);
}

static int list_kind(struct repo *r, enum kind kind, char **paths, size_t npaths)
{
	size_t first = r->nr;
	char *dir = xstrfmt("records/%s", kind_dirs[kind]);
	struct name {
		char *name;
		unsigned char type;
	} *names = NULL;
	size_t nnames = 0, alloc = 0, i;
	struct dirent *de;
	DIR *d = opendir(dir);
	int ret = 0;

	if (!d) {
		if (errno != ENOENT) {
			fprintf(stderr, _("care: cannot open '%s': %s\n"), dir, strerror(errno));
			ret = -1;
		}
		free(dir);
		return ret;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (nnames == alloc) {
			alloc = alloc ? alloc * 2 : 256;
			names = xrealloc(names, alloc * sizeof(*names));
		}
		names[nnames].name = xstrdup(de->d_name);
		names[nnames++].type = de->d_type;
	}
	r->dirfd[kind] = dup(dirfd(d));
	closedir(d);
	for (i = 0; i < nnames; i++) {
		const char *name = names[i].name;
		size_t n = strlen(name);
		char *path = xstrfmt("%s/%s", dir, name);
		int selected = under(path, paths, npaths);
		struct stat st;

		/* readdir's type spares a stat per file; some file systems
		 * do not give it, and then lstat decides. */
		if (names[i].type == DT_UNKNOWN || names[i].type != DT_REG) {
			if (fstatat(r->dirfd[kind], name, &st, AT_SYMLINK_NOFOLLOW) < 0)
				st.st_mode = 0;
		} else {
			st.st_mode = S_IFREG;
		}
		if (!S_ISREG(st.st_mode) || n <= 5 || strcmp(name + n - 5, ".yaml")) {
			if (st.st_mode && selected)
				stray(r, dir, name, S_ISLNK(st.st_mode) ? STRAY_LINK :
					  S_ISDIR(st.st_mode) ? STRAY_DIR : STRAY_FILE);
			free(path);
		} else {
			struct record *rec = add_record(r, kind, path);
			rec->id = xstrndup(name, n - 5);
			rec->selected = selected;
			if (selected && !npaths && r->select &&
			    !(rec->selected = r->select(r->on_valid_data, rec, r->dirfd[kind], name)))
				r->all_selected = 0;	/* no warnings that need every record */
		}
		free(names[i].name);
	}
	free(names);
	free(dir);
	/* repo_find() searches by id, which sorts apart from "id.yaml". */
	if (r->nr > first)
		qsort(r->recs + first, r->nr - first, sizeof(*r->recs), cmp_record_id);
	return ret;
}

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
	int k;

	for (k = 0; k < KIND_NR && strcmp(kind_names[k], kind); k++)
		;
	if (k == KIND_NR)
		return;
	rec->refs = xrealloc(rec->refs, (rec->nrefs + 1) * sizeof(*rec->refs));
	rec->refs[rec->nrefs].id = xstrdup(value->u.text);
	rec->refs[rec->nrefs].kind = (enum kind)k;
	rec->refs[rec->nrefs].line = value->line;
	rec->refs[rec->nrefs].col = value->col;
	rec->nrefs++;
}

static void on_free_text(void *data, const char *field, const struct ynode *value)
{
	struct hook_data *h = data;
	rules_free_text(h->rec, h->buf, h->len, field, value, h->scratch);
}

static void check_one(const struct repo *r, struct record *rec, struct regex_scratch *scratch,
		      struct strbuf *text, struct git_reader *rd, int thread)
{
	struct strbuf sb = *text;
	struct ydoc *doc = NULL;
	struct hook_data h = { rec, NULL, 0, scratch };
	struct validate_hooks hooks = { on_ref, on_free_text, &h };
	int errors;

	if (!is_valid_id(rec->id))
		diag_add(&rec->diags, rec->path, 0, 0, DIAG_ERROR, "bad-id",
			 _("'%s' is not a valid file name for a record: use only lowercase letters a-z, digits and '-', starting with a letter or digit, at most 64 characters (such as wang-xiaoming-2015.yaml)"),
			 rec->id);
	if (rd) {
		if (git_reader_read(rd, rec->oid, YDOC_MAX_SIZE, &sb) < 0) {
			read_error(rec->path, &rec->diags);
			goto cleanup;
		}
	} else if (read_text_at(r->dirfd[rec->kind], strrchr(rec->path, '/') + 1, rec->path, &sb,
				&rec->diags) < 0) {
		goto cleanup;
	}
	if (text_scan(sb.buf, sb.len, rec->path, &rec->diags))
		goto cleanup;
	if (ydoc_parse(&doc, sb.buf, sb.len, rec->path, &rec->diags) < 0)
		goto cleanup;
	h.buf = sb.buf;
	h.len = sb.len;
	errors = schema_validate(r->schemas[rec->kind], ydoc_root(doc), rec->path, &rec->diags,
				 scratch, &hooks);
	rec->valid = !errors;
	rules_record(r, rec, ydoc_root(doc));
	/* A record with any error (a rule's too) is not one a site may show. */
	if (rec->valid && r->on_valid && !diag_list_count(&rec->diags, DIAG_ERROR))
		r->on_valid(r->on_valid_data, thread, rec, ydoc_root(doc));
cleanup:
	ydoc_free(doc);
	/* Keep the buffer for the thread's next file. */
	strbuf_reset(&sb);
	*text = sb;
}

struct pool {
	struct repo *r;
	atomic_size_t next;
	atomic_int started;
};

static void *worker(void *arg)
{
	struct pool *p = arg;
	struct regex_scratch *scratch = regex_scratch_new();
	struct strbuf text = STRBUF_INIT;
	struct git_reader *rd = NULL;
	int thread = atomic_fetch_add(&p->started, 1);
	size_t i;

	if (p->r->git)
		rd = p->r->readers[thread];
	while ((i = atomic_fetch_add(&p->next, 1)) < p->r->nr)
		if (p->r->recs[i].selected)
			check_one(p->r, &p->r->recs[i], scratch, &text, rd, thread);
	strbuf_release(&text);
	regex_scratch_free(scratch);
	ydoc_thread_cleanup();
	return NULL;
}

static int thread_count(size_t work)
{
	const char *env = getenv("CARE_THREADS");
	long n = env ? atol(env) : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	if (n > 16)
		n = 16;
	if ((size_t)n > work / 8 + 1)
		n = (long)(work / 8 + 1);
	return (int)n;
}

void check_selected(struct repo *r)
{
	pthread_t tids[16];
	struct pool p;
	int i, n, started = 0;
	size_t k, selected = 0;

	for (k = 0; k < r->nr; k++)
		selected += r->recs[k].selected;
	r->files += selected;
	p.r = r;
	atomic_init(&p.next, 0);
	atomic_init(&p.started, 0);
	n = thread_count(selected);
	/* Each thread reads git through its own handle. */
	for (i = 1; r->git && i < n; i++)
		if (!(r->readers[i] = gitrepo_reader(r->git)))
			break;
	if (r->git)
		n = i;
	r->threads = n;
	for (i = 1; i < n; i++)
		if (!pthread_create(&tids[started], NULL, worker, &p))
			started++;
	worker(&p);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	for (i = 1; r->git && i < n; i++) {
		git_reader_free(r->readers[i]);
		r->readers[i] = NULL;
	}
}

int repo_check(struct repo *r, char **paths, size_t npaths)
{
	int i;

	r->all_selected = !npaths;
	for (i = 0; i < KIND_NR; i++)
		if (list_kind(r, (enum kind)i, paths, npaths) < 0)
			return -1;
	check_selected(r);
	rules_across(r);
	return 0;
}

int repo_has(const struct repo *r, enum kind kind, const char *id)
{
	unsigned char oid[GIT_OID_LEN];
	unsigned mode;
	char *path;
	int found;

	if (!r->git)
		return repo_find(r, kind, id) != NULL;
	path = xstrfmt("records/%s/%s.yaml", kind_dirs[kind], id);
	found = gitrepo_find(r->git, path, &mode, oid);
	free(path);
	return found;
}

const struct record *repo_find(const struct repo *r, enum kind kind, const char *id)
{
	size_t lo = 0, hi = r->nr;

	/* Records are listed kind by kind, each kind sorted by file name. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct record *m = &r->recs[mid];
		int c = m->kind != kind ? (m->kind < kind ? -1 : 1) : strcmp(m->id, id);
		if (!c)
			return m;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void repo_collect(struct repo *r, struct diag_list *out)
{
	size_t i;

	diag_list_move(out, &r->diags);
	for (i = 0; i < r->nr; i++)
		diag_list_move(out, &r->recs[i].diags);
	diag_list_sort(out);
}
