/* repetition.h: one member of a configuration (a method with its advice,
 * consume mode and queue depth), made ready once, and one repetition of it
 * (DESIGN §2): set and verify the cache state, untimed; the timed setup (with
 * the advice), io (on the configuration's parked workers) and teardown
 * phases, with rusage, /proc/self/io and kernel counters around exactly
 * those phases (between io and teardown, untimed and uncounted, a method's
 * verify hook checks memory no file holds); then, untimed, the checksum
 * check. `mapbench run` and `mapbench cat` both read through it. */
#ifndef MB_REPETITION_H
#define MB_REPETITION_H

#include "histogram.h"
#include "iobuf.h"
#include "method.h"
#include "runner.h"
#include "timeline.h"
#include "schema.h"
#include "workers.h"

struct mb_member {
	const struct mb_config *c;
	const struct mb_plan *plan;
	struct mb_pool *pool;           /* the configuration's workers (c->threads) */
	const struct mb_refcopy *ref;   /* MB_CAP_REFCOPY methods: the reference copy */
	struct mb_run r;
	struct mb_worker w[MB_MAX_THREADS];
	struct mb_iobuf buf[MB_MAX_THREADS], cbuf[MB_MAX_THREADS];
	struct mb_hist *lat;            /* c->threads histograms, when c->latency */
	struct mb_slice slice[MB_MAX_THREADS];
	uint64_t csum[MB_MAX_THREADS];
	int rc[MB_MAX_THREADS];
	int tl_on;                      /* --duration or --timeline: io in chunks */
	struct mb_tl_worker tl[MB_MAX_THREADS];
	struct mb_tl_rep tl_rep;
};

/* Untimed, once per configuration: the workers' I/O and copy buffers,
 * allocated and primed (iobuf.h), and their latency histograms. pool and ref
 * must outlive the member. 0 or -errno with err set. */
int mb_member_open(struct mb_member *m, const struct mb_config *c, const struct mb_plan *plan,
		   struct mb_pool *pool, const struct mb_refcopy *ref, char *err, size_t errlen);
void mb_member_close(struct mb_member *m);

/* How one repetition runs (flags). */
enum {
	MB_REP_LAT_TIMED = 1u << 0,   /* time each operation (hist gets them merged) */
	MB_REP_DROP_CACHES = 1u << 1, /* cold: also /proc/sys/vm/drop_caches */
	MB_REP_CHECK_SUM = 1u << 2,   /* the checksum must be row->expected_checksum */
	MB_REP_NO_COUNTERS = 1u << 3, /* no rusage/kernel counters (mapbench cat: the
				       * whole process is what is timed) */
	MB_REP_IN_PLACE = 1u << 4,    /* rmw on the file itself, no scratch copy and no
				       * verification (mapbench cat --op rmw: the caller
				       * gives a copy and checks it) */
};

/* One repetition into *row (initialised by the caller). Returns 0 (ok), -1
 * (an error: row->error says why) or 1 (the method cannot do this here:
 * row->error says why). */
int mb_rep_run(struct mb_member *m, unsigned flags, struct mb_row *row, struct mb_hist *hist);

#endif
