/*
 * The site's key and the keyed hash page names are made with (secret.h).
 * The key file is "care-key 1\n" and 32 hex digits: small enough to read
 * whole, and plain enough for a test to write a known key. SipHash-2-4
 * (Aumasson and Bernstein, 2012) is a pseudo-random function keyed with
 * 128 bits, made for short inputs such as ids: FNV (util/hash.h) has no
 * key, so anyone could hash a guessed file name and compare.
 */
#include "site/secret.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/fault.h"
#include "util/banned.h"

#define KEY_MAGIC "care-key 1\n"

/*
 * Should the kernel give no random bytes at all (it always has since
 * Linux 3.17), the key is the time to the nanosecond, the process and
 * where things lie in memory, hashed: weak, but no constant that anyone
 * could hash guessed ids under.
 */
static void weak_key(struct site_key *k)
{
	struct site_key seed;
	struct timespec ts;
	uint64_t parts[4], h;

	clock_gettime(CLOCK_REALTIME, &ts);
	parts[0] = (uint64_t)ts.tv_sec;
	parts[1] = (uint64_t)ts.tv_nsec;
	parts[2] = (uint64_t)getpid();
	parts[3] = (uint64_t)(uintptr_t)&ts ^ (uint64_t)(uintptr_t)k;
	memset(&seed, 0, sizeof(seed));
	h = site_key_hash(&seed, parts, sizeof(parts));
	memcpy(k->b, &h, 8);
	h = site_key_hash(&seed, &h, sizeof(h)) ^ (uint64_t)ts.tv_nsec;
	memcpy(k->b + 8, &h, 8);
}

int site_key_random(struct site_key *k)
{
	size_t got = 0;

	while (got < sizeof(k->b)) {
		ssize_t n = getrandom(k->b + got, sizeof(k->b) - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = errno;
			weak_key(k);
			return error_set(_("care: cannot make a key for the site: %s\n"), strerror(e));
		}
		got += (size_t)n;
	}
	return 0;
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Is text a key file? Then k holds its key. */
static int parse_key(const char *text, size_t len, struct site_key *k)
{
	size_t m = strlen(KEY_MAGIC), i;

	if (len < m + 2 * SITE_KEY_SIZE || memcmp(text, KEY_MAGIC, m))
		return 0;
	text += m;
	len -= m;
	if (len != 2 * SITE_KEY_SIZE && !(len == 2 * SITE_KEY_SIZE + 1 && text[len - 1] == '\n'))
		return 0;
	for (i = 0; i < SITE_KEY_SIZE; i++) {
		int hi = hex_digit(text[2 * i]), lo = hex_digit(text[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return 0;
		k->b[i] = (unsigned char)(hi << 4 | lo);
	}
	return 1;
}

/* A new key into path: the whole file or nothing, readable by its owner only. */
static int keep_key(const struct site_key *k, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	char *tmp = xstrfmt("%s.tmp-XXXXXX", path);
	int fd = mkstemp(tmp), ok = fd >= 0, e = errno;
	size_t i;

	strbuf_addstr(&sb, KEY_MAGIC);
	for (i = 0; i < SITE_KEY_SIZE; i++)
		strbuf_addf(&sb, "%02x", k->b[i]);
	strbuf_addch(&sb, '\n');
	if (fd >= 0) {
		/* mkstemp() makes it 0600 already; say so, whatever the umask. */
		ok = !fchmod(fd, 0600) && !write_all(fd, sb.buf, sb.len) && !sys_fsync(fd);
		e = errno;
		if (close(fd) && ok) {
			ok = 0;
			e = errno;
		}
		if (ok && sys_rename(tmp, path)) {
			ok = 0;
			e = errno;
		}
		if (!ok)
			unlink(tmp);
	}
	free(tmp);
	strbuf_release(&sb);
	if (!ok)
		return error_set(_("care: cannot keep the site's key in '%s': %s\n"), path, strerror(e));
	return 0;
}

int site_key_load(struct site_key *k, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	int read = strbuf_read_file(&sb, path, 4096), e = errno, ok;

	ok = read == 0 && parse_key(sb.buf, sb.len, k);
	strbuf_release(&sb);
	if (ok)
		return 0;
	/*
	 * None there, or not a key (cut short): a new one. A file that is
	 * there but cannot be read is left alone.
	 */
	if (read < 0 && e != ENOENT)
		return error_set(_("care: cannot read the site's key '%s': %s\n"), path, strerror(e));
	if (site_key_random(k) < 0)
		return -1;
	return keep_key(k, path);
}

/* --- SipHash-2-4 ----------------------------------------------------------- */

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

#define SIPROUND                                                                   \
	do {                                                                       \
		v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);         \
		v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                            \
		v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                            \
		v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);         \
	} while (0)

static uint64_t le64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

uint64_t site_key_hash(const struct site_key *k, const void *data, size_t len)
{
	const unsigned char *in = data, *end = in + (len & ~(size_t)7);
	uint64_t k0 = le64(k->b), k1 = le64(k->b + 8);
	uint64_t v0 = 0x736f6d6570736575ULL ^ k0, v1 = 0x646f72616e646f6dULL ^ k1;
	uint64_t v2 = 0x6c7967656e657261ULL ^ k0, v3 = 0x7465646279746573ULL ^ k1;
	uint64_t b = (uint64_t)len << 56, m;
	size_t left = len & 7;

	for (; in != end; in += 8) {
		m = le64(in);
		v3 ^= m;
		SIPROUND;
		SIPROUND;
		v0 ^= m;
	}
	while (left--)
		b |= (uint64_t)in[left] << (8 * left);
	v3 ^= b;
	SIPROUND;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}
