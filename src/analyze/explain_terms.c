/* explain_terms.c: which cost terms apply to which method (see
 * explain_terms.h); the one place that says it. Write methods' dirty figure
 * (a warm 4 KiB pwrite per page) already holds the call and the copy. */
#include "explain_terms.h"

#include <string.h>

const char *const mb_xterm_names[MB_XT_N] = {
	"calls", "copy", "memcpy", "checksum", "map", "fault", "anon_fault", "device", "dirty", "sync",
	"random",
};

#define T(x) (1u << MB_XT_##x)
/* what a descriptor read costs: calls, the copy out of the page cache, the
 * checksum, and the device when the bytes were not cached */
#define READ_TERMS (T(CALLS) | T(COPY) | T(CSUM) | T(DEVICE) | T(RAND))
/* what reading through a mapping costs: mmap/munmap, a first touch of every
 * page, the checksum, the device when not cached (memcpy for consume copy) */
#define MAP_TERMS (T(MAP) | T(FAULT) | T(CSUM) | T(DEVICE) | T(MEMCPY) | T(RAND))

static const struct mb_xmethod table[] = {
	/* read(2) of each block into one reused buffer, an lseek(2) before each on rand */
	{"read", "read", READ_TERMS, MB_XC_OPS, "pread_call_ns", NULL, NULL, 0, NULL, MB_XSK_RAND},
	/* pread(2) at each block's offset */
	{"read", "pread", READ_TERMS, MB_XC_OPS, "pread_call_ns", NULL, NULL, 0, NULL, MB_XSK_NONE},
	/* readv(2): one call per vector (ops counts the calls), an lseek(2) per call on rand */
	{"read", "readv", READ_TERMS, MB_XC_OPS, "pread_call_ns", NULL, NULL, 0, NULL, MB_XSK_RAND},
	/* preadv(2): the same at an offset */
	{"read", "preadv", READ_TERMS, MB_XC_OPS, "pread_call_ns", NULL, NULL, 0, NULL, MB_XSK_NONE},
	/* fread(3): a read(2) per buffer refill, and a memcpy out of stdio's
	 * buffer when blocks are smaller than it */
	{"read", "fread", READ_TERMS | T(MEMCPY), MB_XC_STDIO, "pread_call_ns", NULL, NULL, 0, NULL, MB_XSK_NONE},
	/* io_uring: a submission (one system call) per queue depth of reads, the copy */
	{"read", "uring", READ_TERMS, MB_XC_SUBMIT, "syscall_ns", NULL, NULL, 0, NULL, MB_XSK_NONE},
	/* O_DIRECT: calls and the device, no page-cache copy */
	{"read", "odirect", T(CALLS) | T(CSUM) | T(DEVICE), MB_XC_OPS, "pread_call_ns", NULL, NULL, 0, NULL, MB_XSK_NONE},
	/* RWF_DONTCACHE reads: as pread (dropping the pages afterwards is not priced) */
	{"read", "dontcache", READ_TERMS, MB_XC_OPS, "pread_call_ns", NULL, NULL, 0, NULL, MB_XSK_NONE},
	/* one shared mapping of the file, every page touched */
	{"read", "mmap", MAP_TERMS, MB_XC_OPS, NULL, NULL, NULL, 1, NULL, MB_XSK_NONE},
	/* a private mapping: read faults cost as the shared one's */
	{"read", "mmap-private", MAP_TERMS, MB_XC_OPS, NULL, NULL, NULL, 1, NULL, MB_XSK_NONE},
	/* a mapping per window: mmap_fixed_ns per window */
	{"read", "mmap-window", MAP_TERMS, MB_XC_OPS, NULL, NULL, NULL, 1, NULL, MB_XSK_NONE},
	/* the reference: the checksum over a copy already in memory */
	{"read", "memread", T(CSUM) | T(RAND), MB_XC_OPS, NULL, NULL, NULL, 0, NULL, MB_XSK_NONE},
	/* a mapping touched one byte a page: faults and mapping only */
	{"read", "fault", T(MAP) | T(FAULT) | T(CSUM) | T(DEVICE), MB_XC_OPS, NULL, NULL, NULL, 1, NULL, MB_XSK_NONE},
	/* anonymous memory read: zero-page faults */
	{"read", "anon-read", T(ANON), MB_XC_OPS, NULL, NULL, "anon_read_fault_ns", 0, NULL, MB_XSK_NONE},
	/* write(2)/pwrite(2)/pwritev(2)/fwrite(3)/io_uring: a dirtied page each
	 * (the figure holds the call and the copy), the sync when asked */
	{"write", "write", T(DIRTY) | T(SYNC), MB_XC_OPS, NULL, "write_dirty_ns_per_page", NULL, 0, NULL, MB_XSK_NONE},
	{"write", "pwrite", T(DIRTY) | T(SYNC), MB_XC_OPS, NULL, "write_dirty_ns_per_page", NULL, 0, NULL, MB_XSK_NONE},
	{"write", "pwritev", T(DIRTY) | T(SYNC), MB_XC_OPS, NULL, "write_dirty_ns_per_page", NULL, 0, NULL, MB_XSK_NONE},
	{"write", "fwrite", T(DIRTY) | T(SYNC), MB_XC_OPS, NULL, "write_dirty_ns_per_page", NULL, 0, NULL, MB_XSK_NONE},
	{"write", "uring", T(DIRTY) | T(SYNC), MB_XC_OPS, NULL, "write_dirty_ns_per_page", NULL, 0, NULL, MB_XSK_NONE},
	/* O_DIRECT writes go to the device: no figure prices them (calls only) */
	{"write", "odirect", T(CALLS), MB_XC_OPS, "pread_call_ns", NULL, NULL, 0, NULL, MB_XSK_NONE},
	/* stores into a shared mapping: mapping, a dirtying store per page (fault included) */
	{"write", "mmap", T(MAP) | T(DIRTY) | T(SYNC), MB_XC_OPS, NULL, "store_dirty_ns_per_page", NULL, 1, NULL, MB_XSK_NONE},
	/* stores into a private mapping: anonymous copies, priced as allocating faults */
	{"write", "mmap-private", T(MAP) | T(ANON), MB_XC_OPS, NULL, NULL, "anon_write_fault_ns", 1, NULL, MB_XSK_NONE},
	/* anonymous memory written: allocating faults */
	{"write", "anon-write", T(ANON), MB_XC_OPS, NULL, NULL, "anon_write_fault_ns", 0, NULL, MB_XSK_NONE},
	/* read the whole file, add, lseek back, write it: two calls and a seek,
	 * the copy in, the pass over the bytes, a dirtied page each */
	{"rmw", "rmw-read-write", T(CALLS) | T(COPY) | T(CSUM) | T(DIRTY) | T(SYNC), MB_XC_WHOLE2,
	 "pread_call_ns", "write_dirty_ns_per_page", NULL, 0, NULL, MB_XSK_ONE},
	/* the same a block at a time: an lseek(2) before each read and write */
	{"rmw", "rmw-block", T(CALLS) | T(COPY) | T(CSUM) | T(DIRTY) | T(SYNC), MB_XC_BLOCKS2,
	 "pread_call_ns", "write_dirty_ns_per_page", NULL, 0, NULL, MB_XSK_EACH},
	/* a pread and a pwrite per 4-byte element */
	{"rmw", "rmw-element", T(CALLS) | T(DIRTY) | T(SYNC), MB_XC_OPS2, "pread_call_ns",
	 "write_dirty_ns_per_page", NULL, 0, NULL, MB_XSK_NONE},
	/* in place through a shared mapping: the pass, a dirtying store per page */
	{"rmw", "rmw-mmap", T(MAP) | T(CSUM) | T(DIRTY) | T(SYNC), MB_XC_OPS, NULL, "store_dirty_ns_per_page",
	 NULL, 1, NULL, MB_XSK_NONE},
	/* the same with msync after each range, priced as msync_small_ns */
	{"rmw", "rmw-mmap-msync", T(MAP) | T(CSUM) | T(DIRTY) | T(SYNC), MB_XC_OPS, NULL,
	 "store_dirty_ns_per_page", NULL, 1, "msync_small_ns", MB_XSK_NONE},
};

const struct mb_xmethod *mb_xmethod_find(const char *op, const char *method)
{
	if (!*op)
		op = "read";
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(table[i].op, op) && !strcmp(table[i].method, method))
			return &table[i];
	return NULL;
}
