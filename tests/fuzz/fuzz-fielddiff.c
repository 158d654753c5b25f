/*
 * Fuzz target: the field by field difference of two versions of a record
 * (git/fielddiff.h), as a child's timeline shows what each commit
 * changed. The input is the two versions, split at the first NUL byte
 * (or in the middle when there is none), compared under each real schema.
 * Beyond not crashing: a version compared with itself has no changes;
 * old against new and new against old name the same fields; with
 * FIELDDIFF_OMIT no sensitive field is left and there are no more changes
 * than without it; with a redactor that drops digits, no value shown
 * holds one, so nothing the site hides can leak through a timeline.
 */
#include "fuzz.h"

#include "git/fielddiff.h"
#include "schema/schema.h"
#include "yaml/tree.h"

static const char *const fielddiff_schema_files[] = {
	"records/schema/child.yaml",
	"records/schema/activity.yaml",
	"records/schema/pairing.yaml",
	"records/schema/programme.yaml",
};
#define FIELDDIFF_NSCHEMAS (sizeof(fielddiff_schema_files) / sizeof(*fielddiff_schema_files))

static struct schema *fielddiff_schemas[FIELDDIFF_NSCHEMAS];

static void fielddiff_init(void)
{
	size_t i;

	if (fielddiff_schemas[0])
		return;
	for (i = 0; i < FIELDDIFF_NSCHEMAS; i++) {
		struct strbuf sb = STRBUF_INIT;
		struct diag_list dl = DIAG_LIST_INIT;
		fuzz_read_source(&sb, fielddiff_schema_files[i]);
		if (schema_load(&fielddiff_schemas[i], fielddiff_schema_files[i], sb.buf, sb.len, &dl) < 0)
			abort();
		diag_list_release(&dl);
		strbuf_release(&sb);
	}
}

static int fielddiff_hides(void *data, const char *field, const char *value)
{
	(void)data;
	FUZZ_ASSERT(field && value);
	return value[0] == 'h';
}

static void fielddiff_redact(void *data, struct strbuf *out, const char *text)
{
	(void)data;
	for (; *text; text++)
		if (*text < '0' || *text > '9')
			strbuf_addch(out, *text);
}

/* Does each change of a name a field that some change of b names? */
static int fielddiff_fields_in(const struct fchange *a, long na, const struct fchange *b, long nb)
{
	long i, j;

	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && strcmp(a[i].field, b[j].field); j++)
			;
		if (j == nb)
			return 0;
	}
	return 1;
}

static void fielddiff_check(const struct fchange *v, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(v[i].field && v[i].label);
		FUZZ_ASSERT(v[i].old || v[i].new);
	}
}

static void fielddiff_one(const struct snode *s, const char *a, size_t alen, const char *b, size_t blen)
{
	struct fielddiff_filter filter = { fielddiff_hides, fielddiff_redact, NULL };
	struct fchange *ab = NULL, *ba = NULL, *aa = NULL, *omit = NULL, *red = NULL;
	long nab, nba, naa = 0, nomit = 0, nred = 0, i;

	nab = field_changes(s, a, alen, b, blen, FIELDDIFF_FULL, NULL, &ab);
	nba = field_changes(s, b, blen, a, alen, FIELDDIFF_FULL, NULL, &ba);
	FUZZ_ASSERT((nab < 0) == (nba < 0));
	if (nab < 0)
		goto cleanup;
	fielddiff_check(ab, nab);
	fielddiff_check(ba, nba);
	if (nab != nba || !fielddiff_fields_in(ab, nab, ba, nba) || !fielddiff_fields_in(ba, nba, ab, nab)) {
		fprintf(stderr, "fuzz: old to new has %ld changes, new to old %ld\n", nab, nba);
		for (i = 0; i < nab; i++)
			fprintf(stderr, "  -> %s\n", ab[i].field);
		for (i = 0; i < nba; i++)
			fprintf(stderr, "  <- %s\n", ba[i].field);
		abort();
	}

	naa = field_changes(s, a, alen, a, alen, 0, NULL, &aa);
	FUZZ_ASSERT(naa == 0);

	nomit = field_changes(s, a, alen, b, blen, FIELDDIFF_OMIT, NULL, &omit);
	FUZZ_ASSERT(nomit >= 0 && nomit <= nab);
	fielddiff_check(omit, nomit);
	for (i = 0; i < nomit; i++)
		FUZZ_ASSERT(!omit[i].sensitive);

	nred = field_changes(s, a, alen, b, blen, FIELDDIFF_FULL, &filter, &red);
	FUZZ_ASSERT(nred >= 0 && nred <= nab);
	fielddiff_check(red, nred);
	for (i = 0; i < nred; i++) {
		if ((red[i].old && strpbrk(red[i].old, "0123456789")) ||
		    (red[i].new && strpbrk(red[i].new, "0123456789"))) {
			fprintf(stderr, "fuzz: %s shows a digit past the redactor: '%s' -> '%s'\n", red[i].field,
				red[i].old ? red[i].old : "(none)", red[i].new ? red[i].new : "(none)");
			abort();
		}
	}
cleanup:
	fchanges_free(ab, nab < 0 ? 0 : nab);
	fchanges_free(ba, nba < 0 ? 0 : nba);
	fchanges_free(aa, naa < 0 ? 0 : naa);
	fchanges_free(omit, nomit < 0 ? 0 : nomit);
	fchanges_free(red, nred < 0 ? 0 : nred);
	ydoc_thread_cleanup();
}

FUZZ_TARGET(fielddiff)
{
	const char *a, *b;
	char *ca, *cb;
	size_t alen, blen, i;
	long k;

	fielddiff_init();
	fuzz_split(data, size, &a, &alen, &b, &blen);
	/* Each version its own allocation with a NUL after, as a blob read is. */
	ca = xmalloc(alen + 1);
	cb = xmalloc(blen + 1);
	memcpy(ca, a, alen);
	memcpy(cb, b, blen);
	ca[alen] = cb[blen] = '\0';
	for (i = 0; i < FIELDDIFF_NSCHEMAS; i++) {
		struct fchange *v = NULL;
		long n;
		fielddiff_one(schema_root(fielddiff_schemas[i]), ca, alen, cb, blen);
		/* A record new in this commit: nothing old on any change. */
		n = field_changes(schema_root(fielddiff_schemas[i]), NULL, 0, cb, blen, 0, NULL, &v);
		for (k = 0; k < n; k++)
			FUZZ_ASSERT(v[k].old == NULL && v[k].new);
		if (n > 0)
			fchanges_free(v, n);
	}
	free(ca);
	free(cb);
	return 0;
}
