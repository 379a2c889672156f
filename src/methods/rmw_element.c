/* rmw_element.c: "add 1 to every integer of a file, in place" one integer at
 * a time: one pread(2) of 4 bytes and one pwrite(2) of 4 bytes per integer,
 * the system-call-per-element program. A partial tail (file size not a
 * multiple of 4) is left alone. Workers share the descriptor. ops is the
 * integers incremented. */
#include "method.h"

#include <stdint.h>

static int rmw_element_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	struct mb_run *r = w->run;
	const struct mb_plan *p = r->plan;

	(void)csum;
	for (uint64_t k = 0; k < s->count; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride), end = off + mb_plan_len(p, off);

		for (uint64_t o = off; o + 4 <= end; o += 4) {
			uint32_t v;
			long got = mb_pread_full(r->fd, &v, 4, o);
			int rc;

			if (got < 0)
				return mb_worker_fail(w, "pread", (int)-got);
			if (got != 4)
				return mb_short_read(w, "pread", o, got, 4);
			v++;
			if ((rc = mb_pwrite_full(r->fd, &v, 4, o)))
				return mb_worker_fail(w, "pwrite", -rc);
			w->ops++;
		}
		mb_lat_tick(w);
	}
	return 0;
}

const struct mb_method mb_method_rmw_element = {
	.name = "rmw-element",
	.desc = "rmw: one pread(2) and one pwrite(2) of 4 bytes per integer",
	.caps = MB_CAP_FILE | MB_CAP_FD | MB_CAP_THREADS | MB_CAP_REFCOPY,
	.op = MB_OP_RMW,
	.sync_mask = 1u << MB_SYNC_NONE,
	.advice_mask = MB_ADVICE_FD,
	.consume_mask = 1u << MB_CONSUME_INCREMENT,
	.run = rmw_element_run,
};
