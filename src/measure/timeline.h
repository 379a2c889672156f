/* timeline.h: --duration and --timeline, the io phase of a repetition in
 * chunks. With either option a worker hands its slice of the plan to the
 * method a chunk at a time (at least 64 planned blocks and at least 1 MiB,
 * mb_tl_chunk_blocks) and reads the clock between two chunks, never per
 * operation. Between chunks it closes an interval of the timeline when its
 * boundary has passed (counts into a preallocated array: no I/O, no
 * allocation), and stops when the duration is over. At the end of its slice
 * it wraps around to the slice's start (a new pass).
 *
 * The checksum stays a check of every byte read: the first pass's chunk
 * checksums are kept, their sum is the worker's checksum (the workers' sum is
 * then the whole plan's, compared with the dataset's as for one pass), and
 * every chunk of a later pass must give its first-pass checksum exactly, or
 * the repetition is an error. A repetition therefore lasts the duration and
 * at least one whole pass of each worker over its slice, except where the
 * caller allows an early end (early_ok: a generated dataset, whose bytes the
 * generator can give again): then a worker stops at the first chunk end past
 * the duration even inside its first pass, and mb_tl_expected gives the
 * checksum its chunks must have had, computed after the clock. */
#ifndef MB_TIMELINE_H
#define MB_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "offsets.h"

struct mb_worker;

#define MB_TL_CHUNK_MIN_OPS 64u
#define MB_TL_CHUNK_MIN_BYTES (1u << 20)
#define MB_TL_MIN_INTERVALS 1024u       /* room per worker, at least */
#define MB_TL_MAX_INTERVALS (1u << 20)  /* ... and at most */

/* What a run asks: 0 for either is off. */
struct mb_tl_spec {
	uint64_t duration_ns;   /* --duration */
	uint64_t interval_ns;   /* --timeline-interval, when --timeline is given */
};

/* One interval of one worker: what it did between the previous boundary (or
 * its start) and t_end. */
struct mb_tl_interval {
	uint64_t t_end;         /* mb_now_ns() of the clock check that closed it */
	uint64_t blocks;        /* planned blocks done */
	uint64_t calls;         /* the method's own operation count (w->ops) */
	uint64_t bytes;
	int64_t majflt;         /* this thread's major faults (RUSAGE_THREAD), -1 unknown */
	int64_t dev_read_bytes; /* the process's /proc/self/io read_bytes (worker 0), -1 none */
	int64_t cg_file_bytes;  /* the memory cgroup's page cache at t_end (worker 0 with
				 * --mem-limit; a level, not a difference), -1 none */
};

/* A worker's state: arrays made once per configuration, counts per repetition. */
struct mb_tl_worker {
	uint64_t chunk_blocks;  /* planned blocks per chunk */
	uint64_t nchunks;
	uint64_t *first_sum;    /* per chunk: the first pass's checksum */
	uint64_t *chunk_bytes;  /* per chunk: its bytes */
	struct mb_tl_interval *iv;
	size_t cap, n;          /* intervals: room, recorded */
	int proc_io_fd;         /* /proc/self/io for worker 0, else -1 */
	int memcg_fd;           /* the memory cgroup's memory.stat for worker 0, else -1 */
	int early_ok;           /* the first pass may end early (see above) */
	/* per repetition */
	uint64_t t_begin, t_end;
	uint64_t blocks, bytes, passes;
	uint64_t first_chunks;  /* chunks of the first pass done: nchunks once it is whole */
	struct mb_tl_interval at; /* totals at the last boundary */
};

/* A repetition's timeline, for its row (mb_row.timeline): the workers' intervals,
 * with times relative to io_start (the io phase's first worker start). */
struct mb_tl_rep {
	int nworkers;
	uint64_t io_start;
	int count_calls;        /* the row's ops are the method's calls (w->ops), not blocks */
	const struct mb_tl_worker *w;
};

/* Planned blocks per chunk for a block size: max(64, ceil(1 MiB / block)). */
uint64_t mb_tl_chunk_blocks(uint64_t block);
/* Chunks of n planned blocks in slice s, and chunk c of it (the last may be
 * shorter). */
uint64_t mb_tl_nchunks(const struct mb_slice *s, uint64_t n);
struct mb_slice mb_tl_chunk(const struct mb_slice *s, uint64_t n, uint64_t c);
/* The first interval boundary after t of intervals of len ns from t_begin. */
uint64_t mb_tl_next_mark(uint64_t t_begin, uint64_t len, uint64_t t);
/* Intervals to make room for per worker. */
size_t mb_tl_capacity(const struct mb_tl_spec *sp);

/* Untimed, once per configuration: tw's arrays for slice s of plan p
 * (proc_io: worker 0 also reads /proc/self/io and, in a memory cgroup,
 * its memory.stat). 0 or -errno. */
int mb_tl_worker_open(struct mb_tl_worker *tw, const struct mb_plan *p, const struct mb_slice *s,
		      const struct mb_tl_spec *sp, int proc_io);
void mb_tl_worker_close(struct mb_tl_worker *tw);

/* Closes the current interval at time t with the totals now (blocks, calls,
 * bytes, majflt, dev_read_bytes in *now): the interval gets the differences.
 * When the array is full, the last interval takes the rest instead. */
void mb_tl_close(struct mb_tl_worker *tw, uint64_t t, const struct mb_tl_interval *now);

/* The io of worker w over slice s in chunks (see above): 0 or -errno with
 * w->err set. *csum gets the first pass's checksum. */
int mb_tl_io(struct mb_tl_worker *tw, struct mb_worker *w, const struct mb_slice *s,
	     const struct mb_tl_spec *sp, uint64_t *csum);

/* 1 when the worker's first pass ended before its slice's end. */
static inline int mb_tl_partial(const struct mb_tl_worker *tw)
{
	return tw->first_chunks < tw->nchunks;
}

/* The checksum the first pass's chunks of worker tw (slice s of plan p) must
 * have given, from the dataset's generator (seed) under consume mode mode;
 * buf holds a block. Untimed, after the repetition. */
uint64_t mb_tl_expected(const struct mb_tl_worker *tw, const struct mb_plan *p, const struct mb_slice *s,
			uint64_t seed, int mode, void *buf);

#endif
