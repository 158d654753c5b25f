/*
 * The site's key: SipHash-2-4 against its authors' test vectors, and the
 * key file made once (0600), read again, and made afresh when it is not
 * a key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "site/secret.h"
#include "util/strbuf.h"
#include "tap.h"

/* From the SipHash paper's reference code: key 00..0f, message 00..len-1. */
static void vectors(void)
{
	static const struct {
		size_t len;
		unsigned long long want;
	} v[] = {
		{ 0, 0x726fdb47dd0e0e31ULL },
		{ 1, 0x74f839c593dc67fdULL },
		{ 15, 0xa129ca6149be45e5ULL },
		{ 63, 0x958a324ceb064572ULL },
	};
	struct site_key k;
	unsigned char m[64];
	size_t i;

	for (i = 0; i < sizeof(k.b); i++)
		k.b[i] = (unsigned char)i;
	for (i = 0; i < sizeof(m); i++)
		m[i] = (unsigned char)i;
	for (i = 0; i < sizeof(v) / sizeof(*v); i++)
		ok(site_key_hash(&k, m, v[i].len) == v[i].want, "SipHash-2-4 of %zu bytes", v[i].len);
}

static void key_file(void)
{
	char dir[] = "/tmp/t-secret.XXXXXX";
	struct site_key a, b, c;
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	char *path;

	if (!mkdtemp(dir)) {
		ok(0, "a scratch folder");
		return;
	}
	path = xstrfmt("%s/.site.care-key", dir);
	ok(site_key_load(&a, path) == 0, "a key is made where there is none");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "readable by its owner only");
	ok(site_key_load(&b, path) == 0 && !memcmp(&a, &b, sizeof(a)), "and read again, the same");
	ok(strbuf_read_file(&sb, path, 0) == 0 && sb.len == 44 && !strncmp(sb.buf, "care-key 1\n", 11),
	   "a line of 32 hex digits under its header");
	strbuf_release(&sb);
	ok(site_key_hash(&a, "x", 1) != site_key_hash(&a, "y", 1), "ids hash apart");
	{
		FILE *f = fopen(path, "w");
		fputs("care-key 1\nnot a key\n", f);
		fclose(f);
	}
	ok(site_key_load(&c, path) == 0 && memcmp(&a, &c, sizeof(a)), "what is not a key is replaced");
	unlink(path);
	rmdir(dir);
	free(path);
}

int main(void)
{
	vectors();
	key_file();
	return done_testing();
}
