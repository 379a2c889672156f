/* explain_terms.h: the terms of mapbench explain's cost model, and which of
 * them apply to each access method (one table, explain_terms.c). A term is a
 * count from the results rows times a unit cost the machine probe measured
 * (docs/methodology.md, "Explaining a result"). */
#ifndef MB_EXPLAIN_TERMS_H
#define MB_EXPLAIN_TERMS_H

enum mb_xterm {
	MB_XT_CALLS,    /* system calls x the fixed cost of one */
	MB_XT_COPY,     /* bytes copied between page cache and user memory */
	MB_XT_MEMCPY,   /* bytes copied once more in user memory (consume copy, stdio's buffer) */
	MB_XT_CSUM,     /* the checksum over the bytes (or one cache line a page for consume touch) */
	MB_XT_MAP,      /* mmap calls, and munmap per page mapped */
	MB_XT_FAULT,    /* first touches of file pages through a mapping (faults included) */
	MB_XT_ANON,     /* anonymous page faults */
	MB_XT_DEVICE,   /* bytes read from the device */
	MB_XT_DIRTY,    /* pages dirtied by a write or a store */
	MB_XT_SYNC,     /* fsync, fdatasync, O_SYNC writes or msync */
	MB_XT_RAND,     /* blocks read at a random place: prefetch restarts, cache and TLB misses */
	MB_XT_N
};
/* "calls", "copy", ...: a term's name in words and in the CSV's term_NAME_ns columns. */
extern const char *const mb_xterm_names[MB_XT_N];

/* How a method's system calls are counted from the row. */
enum mb_xcalls {
	MB_XC_OPS,      /* one per operation (ops) */
	MB_XC_OPS2,     /* two per operation (a read and a write) */
	MB_XC_STDIO,    /* one per stdio buffer refill: bytes / max(block, buffer) */
	MB_XC_SUBMIT,   /* one submission per queue depth's worth of operations */
	MB_XC_BLOCKS2,  /* a read and a write per block: 2 x bytes / block (ops counts integers) */
	MB_XC_WHOLE2,   /* one read and one write of the whole file */
};

/* The lseek(2) calls a method makes besides those calls. */
enum mb_xseeks {
	MB_XSK_NONE,
	MB_XSK_RAND,    /* one per call on a random plan */
	MB_XSK_EACH,    /* one per call */
	MB_XSK_ONE,     /* one in all */
};

struct mb_xmethod {
	const char *op;         /* the row's op: read, write or rmw */
	const char *method;     /* the row's method */
	unsigned terms;         /* 1u << MB_XT_* of the terms that apply */
	enum mb_xcalls calls;
	const char *call_fig;   /* the figure pricing one call */
	const char *dirty_fig;  /* the figure pricing one dirtied page */
	const char *anon_fig;   /* the figure pricing one anonymous fault */
	int mapping;            /* 1: the bytes are read through a mapping */
	const char *sync_fig;   /* the figure pricing a sync the method always does (NULL: the row's sync) */
	enum mb_xseeks seeks;
};

/* The model of the method of op, or NULL when there is none. */
const struct mb_xmethod *mb_xmethod_find(const char *op, const char *method);

#endif
