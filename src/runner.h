/* runner.h: one configuration, run the way DESIGN §2 says: set and verify the
 * cache state, untimed; then the timed setup (with the advice), io (on one or
 * more worker threads) and teardown phases with rusage, /proc/self/io and
 * kernel counters around them; then the checksum check. Each measured
 * repetition becomes one row. */
#ifndef MB_RUNNER_H
#define MB_RUNNER_H

#include <stdint.h>

#include "advice.h"
#include "envinfo.h"
#include "histogram.h"
#include "method.h"
#include "plan.h"
#include "schema.h"

enum mb_cache { MB_CACHE_NA, MB_CACHE_WARM, MB_CACHE_COLD, MB_CACHE_WARM4K };

const char *mb_cache_name(enum mb_cache c);
int mb_cache_parse(const char *name, enum mb_cache *out);

#define MB_MAX_THREADS 256

/* Cold: at most this much of the file may be resident before the timed region. */
#define MB_COLD_MAX_PCT 1.0

struct mb_config {
	const struct mb_method *method;
	enum mb_pattern pattern;
	enum mb_cache cache;
	enum mb_advice advice;
	enum mb_consume consume;
	uint64_t file_size, block;
	int threads;
	int latency;              /* record per-operation latency */
	size_t buf_offset;        /* bytes past a page boundary */
	uint64_t window;          /* mmap-window */
	unsigned iov;             /* readv/preadv */
	unsigned qd;              /* queue depth */
	int fixed_bufs;           /* io_uring registered buffers */
	const char *path;         /* the file */
	uint64_t expected;        /* its checksum (consume sum, copy) */
	uint64_t expected_touch;  /* its checksum under consume touch */
	int own_file;             /* a mapbench dataset (may fdatasync before evicting) */
	uint64_t data_seed;       /* its content seed, when own_file */
};

struct mb_run_opts {
	int reps, warmup;         /* with ci_target: reps is the minimum */
	double ci_target;         /* > 0: repeat until the median's 95% CI is within +-this fraction */
	int max_reps;             /* ... or this many reps */
	uint64_t budget_ns;       /* ... or the reps took this long */
	uint64_t seed;            /* of the rand plan */
	int drop_caches;
	const struct mb_env *env;
	const char *run_id;
};

/* Called with every row as soon as it is complete (hist: the merged latency
 * histogram of the row, or NULL); non-zero stops the run. */
typedef int (*mb_row_sink)(void *ctx, const struct mb_row *row, const struct mb_hist *hist);
/* Called before each repetition (progress); rep 0..warmup-1 are warm-ups. */
typedef void (*mb_rep_hook)(void *ctx, const struct mb_config *c, int rep, int is_warmup);

struct mb_runner {
	const struct mb_run_opts *opts;
	mb_row_sink sink;
	mb_rep_hook on_rep;
	void *ctx;
};

/* Runs warm-ups and reps of c. Returns the number of error rows written, or
 * -errno when the sink failed (results can no longer be written). */
int mb_run_config(const struct mb_runner *rn, const struct mb_config *c);

/* Writes the row of a configuration that cannot run here. */
int mb_run_unsupported(const struct mb_runner *rn, const struct mb_config *c, const char *why);

#endif
