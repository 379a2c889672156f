/* iobuf.h: the memory the core prepares once per configuration, before any
 * clock starts (DESIGN §2, §3): the methods' I/O and copy buffers, and the
 * reference copy of the file that memread consumes.
 *
 * On some machines the first access to a page from each privilege mode costs
 * microseconds (a page filled by read(2) is slow on its first user-mode read;
 * a page written from user mode is slow on the first kernel copy into it). A
 * method reuses its buffers for every block, as a real program would, so that
 * cost belongs to no repetition: every buffer is written from user mode,
 * written by the kernel (read(2) of /dev/zero into it) and read again from
 * user mode before the warm-up, and then reused by every repetition. */
#ifndef MB_IOBUF_H
#define MB_IOBUF_H

#include <stddef.h>
#include <stdint.h>

struct mb_iobuf {
	void *map;        /* the anonymous mapping */
	size_t span;      /* its length */
	void *p;          /* page-aligned + misalign: what the method gets */
	size_t len;
};

/* len bytes at misalign bytes past a page boundary, primed as above.
 * 0 or -errno (with err set). len 0 gives p = NULL. */
int mb_iobuf_alloc(struct mb_iobuf *b, size_t len, size_t misalign, char *err, size_t errlen);
void mb_iobuf_free(struct mb_iobuf *b);

/* Primes [p, p+len): a user-mode write, a kernel write (read(2) from
 * /dev/zero) and a user-mode read of every page. 0 or -errno. */
int mb_prime_pages(void *p, size_t len);

/* The reference copy: the file's bytes in anonymous memory, 2 MiB aligned
 * plus misalign, advised MADV_HUGEPAGE over whole 2 MiB units (a warm file
 * read sequentially sits in large folios that mmap maps with PMD entries; 4
 * KiB pages would make the reference pay TLB misses the file methods do not).
 * It is filled by pread(2) (a kernel write) and then checksummed once from
 * user mode, which primes every page. */
struct mb_refcopy {
	void *map;
	size_t span;
	unsigned char *data;
	uint64_t size;
};

/* 0, or -errno (-EIO: a short read) with err set. */
int mb_refcopy_make(struct mb_refcopy *rc, const char *path, uint64_t size, size_t misalign,
		    char *err, size_t errlen);
void mb_refcopy_free(struct mb_refcopy *rc);

#endif
