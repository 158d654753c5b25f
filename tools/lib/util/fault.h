#ifndef CARE_FAULT_H
#define CARE_FAULT_H

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

/*
 * Failures on demand, for tests (`make FAULTS=1`, tests/t0910-faults.sh).
 * In a build with -DCARE_FAULTS the N-th call of a kind fails when the
 * environment says CARE_FAULT_ALLOC=N, CARE_FAULT_WRITE=N,
 * CARE_FAULT_FSYNC=N or CARE_FAULT_RENAME=N (rename and link count
 * together). Without CARE_FAULTS, fault_hit() is a constant 0 and the
 * wrappers below are the system calls themselves.
 *
 * The library calls write(), fsync(), syncfs(), rename(), renameat2()
 * and link() only through these wrappers; allocations count in xmalloc()
 * and its kin (util/strbuf.c). libgit2, libyaml, cmark-gfm, ICU and PCRE2
 * allocate on their own: those allocations never fail here.
 */
enum fault_kind { FAULT_ALLOC, FAULT_WRITE, FAULT_FSYNC, FAULT_RENAME, FAULT_KINDS };

#ifdef CARE_FAULTS
/* Counts a call of kind k; nonzero when this one must fail. Thread-safe. */
int fault_hit(enum fault_kind k);
/* How many calls of kind k so far. */
unsigned long fault_count(enum fault_kind k);
/* The name of kind k in the environment, without CARE_FAULT_: "ALLOC"... */
const char *fault_name(enum fault_kind k);
#else
static inline int fault_hit(enum fault_kind k)
{
	(void)k;
	return 0;
}
#endif

static inline ssize_t sys_write(int fd, const void *buf, size_t n)
{
	if (fault_hit(FAULT_WRITE)) {
		errno = ENOSPC;
		return -1;
	}
	return write(fd, buf, n);
}

static inline int sys_fsync(int fd)
{
	if (fault_hit(FAULT_FSYNC)) {
		errno = EIO;
		return -1;
	}
	return fsync(fd);
}

static inline int sys_syncfs(int fd)
{
	if (fault_hit(FAULT_FSYNC)) {
		errno = EIO;
		return -1;
	}
	return syncfs(fd);
}

static inline int sys_rename(const char *from, const char *to)
{
	if (fault_hit(FAULT_RENAME)) {
		errno = EIO;
		return -1;
	}
	return rename(from, to);
}

static inline int sys_renameat2(int fromfd, const char *from, int tofd, const char *to, unsigned flags)
{
	if (fault_hit(FAULT_RENAME)) {
		errno = EIO;
		return -1;
	}
	return renameat2(fromfd, from, tofd, to, flags);
}

static inline int sys_link(const char *from, const char *to)
{
	if (fault_hit(FAULT_RENAME)) {
		errno = ENOSPC;
		return -1;
	}
	return link(from, to);
}

#endif
