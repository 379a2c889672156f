/* runner.h: runs one configuration the way DESIGN §2 says. A configuration
 * is everything of a run's matrix but the method, its advice, its consume
 * mode and its queue depth; its members are the methods (with those
 * variants) measured side by side. Per configuration, untimed and once: the
 * offset plan, the reference copy, the worker threads (parked), every
 * member's primed buffers, and the cache state's pre-warm. Then rounds: round
 * k runs repetition k of every member, in an order shuffled per round from
 * the seed (warm-ups are rounds too), so drift and other tenants' bursts
 * spread over all members. Members that record latency also run latency
 * repetitions (each operation timed, lat_timed = 1), shuffled into the same
 * rounds; throughput repetitions never read the clock per operation. Each
 * measured repetition becomes one row (repetition.h does one). */
#ifndef MB_RUNNER_H
#define MB_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "advice.h"
#include "cachestate.h"
#include "envinfo.h"
#include "histogram.h"
#include "method.h"
#include "offsets.h"
#include "schema.h"
#include "timeline.h"
#include "writemodes.h"

#define MB_MAX_THREADS 256

struct mb_config {
	const struct mb_method *method;
	enum mb_pattern pattern;
	enum mb_cache cache;
	enum mb_advice advice;
	enum mb_consume consume;
	uint64_t file_size, block;
	int threads;
	int procs;                /* > 1: worker processes instead of threads (procs.h) */
	int latency;              /* also run latency repetitions */
	size_t buf_offset;        /* bytes past a page boundary */
	unsigned qd;              /* queue depth */
	const char *path;         /* the file */
	uint64_t expected;        /* its checksum (consume sum, copy) */
	uint64_t expected_touch;  /* its checksum under consume touch */
	int own_file;             /* a mapbench dataset (may fdatasync before evicting) */
	uint64_t file_dev, file_ino; /* the file as the run found it (both 0: not known);
				      * checked before each repetition */
	uint64_t data_seed;       /* its content seed, when own_file */
	size_t item;              /* the caller's index of this member (the sink gets c) */
	uint64_t opt[MB_MAX_METHOD_OPTS]; /* the method's own options (method.h) */
	enum mb_op op;            /* the method's op: read, write, rmw */
	enum mb_target target;    /* writes: rewrite or new; NA for reads and rmw */
	enum mb_sync sync;        /* writes and rmw: the durability mode */
	uint64_t stride;          /* pattern stride: blocks between two visits */
	struct mb_tl_spec tl;     /* --duration, --timeline-interval (timeline.h) */
};

enum mb_order {
	MB_ORDER_ROUNDS,          /* interleaved rounds, shuffled per round (the default) */
	MB_ORDER_BLOCKS,          /* every repetition of one member, then the next */
};

struct mb_run_opts {
	int reps, warmup;         /* with ci_target: reps is the minimum */
	int lat_reps;             /* latency repetitions of members that record latency */
	double ci_target;         /* > 0: repeat until the median's 95% CI is within +-this fraction */
	int max_reps;             /* ... or this many reps */
	uint64_t budget_ns;       /* ... or the member's reps took this long */
	uint64_t seed;            /* of the rand plan and of the round order */
	enum mb_order order;
	int drop_caches;
	const struct mb_env *env;
	const char *run_id;
	const char *mkfs_opts;    /* --mkfs-opts for every row; NULL: not given */
};

/* Called with every row as soon as it is complete (hist: the merged latency
 * histogram of a latency repetition, else NULL); non-zero stops the run. */
typedef int (*mb_row_sink)(void *ctx, const struct mb_config *c, const struct mb_row *row,
			   const struct mb_hist *hist);
/* Called before each repetition (progress); is_warmup: not recorded. */
typedef void (*mb_rep_hook)(void *ctx, const struct mb_config *c, int rep, int is_warmup);

struct mb_runner {
	const struct mb_run_opts *opts;
	mb_row_sink sink;
	mb_rep_hook on_rep;
	void *ctx;
};

/* Runs the n members of one configuration (they share pattern, cache state,
 * file, size, block, threads and buffer offset). Returns the number of error
 * rows written, or -errno when the sink failed (results can no longer be
 * written). */
int mb_run_group(const struct mb_runner *rn, const struct mb_config *cs, size_t n);

/* Writes the row of a member that cannot run here. */
int mb_run_unsupported(const struct mb_runner *rn, const struct mb_config *c, const char *why);

/* The row of member c, repetition rep, before it is measured. */
void mb_row_init(struct mb_row *row, const struct mb_runner *rn, const struct mb_config *c, int rep);

#endif
