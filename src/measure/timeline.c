/* timeline.c: a worker's io in chunks, with the duration, the wrap-around
 * of its slice, the timeline's intervals and the per-chunk checksum check
 * (see timeline.h). */
#include "timeline.h"
#include "account.h"
#include "dataset.h"
#include "memcg.h"
#include "method.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

uint64_t mb_tl_chunk_blocks(uint64_t block)
{
	uint64_t by_bytes = block ? (MB_TL_CHUNK_MIN_BYTES + block - 1) / block : 1;

	return by_bytes > MB_TL_CHUNK_MIN_OPS ? by_bytes : MB_TL_CHUNK_MIN_OPS;
}

uint64_t mb_tl_nchunks(const struct mb_slice *s, uint64_t n)
{
	return (s->count + n - 1) / n;
}

struct mb_slice mb_tl_chunk(const struct mb_slice *s, uint64_t n, uint64_t c)
{
	struct mb_slice sub = {.first = s->first + c * n * s->stride, .stride = s->stride};
	uint64_t left = s->count > c * n ? s->count - c * n : 0;

	sub.count = left < n ? left : n;
	return sub;
}

uint64_t mb_tl_next_mark(uint64_t t_begin, uint64_t len, uint64_t t)
{
	if (!len)
		return UINT64_MAX;
	if (t < t_begin)
		return t_begin + len;
	return t_begin + ((t - t_begin) / len + 1) * len;
}

size_t mb_tl_capacity(const struct mb_tl_spec *sp)
{
	uint64_t want = MB_TL_MIN_INTERVALS;

	if (sp->interval_ns && sp->duration_ns) {
		uint64_t n = 2 * (sp->duration_ns / sp->interval_ns) + 16;

		if (n > want)
			want = n;
	}
	return (size_t)(want < MB_TL_MAX_INTERVALS ? want : MB_TL_MAX_INTERVALS);
}

int mb_tl_worker_open(struct mb_tl_worker *tw, const struct mb_plan *p, const struct mb_slice *s,
		      const struct mb_tl_spec *sp, int proc_io)
{
	*tw = (struct mb_tl_worker){.proc_io_fd = -1, .memcg_fd = -1};
	tw->chunk_blocks = mb_tl_chunk_blocks(p->block);
	tw->nchunks = mb_tl_nchunks(s, tw->chunk_blocks);
	tw->cap = sp->interval_ns ? mb_tl_capacity(sp) : 1;
	tw->first_sum = calloc(tw->nchunks ? tw->nchunks : 1, sizeof(*tw->first_sum));
	tw->chunk_bytes = calloc(tw->nchunks ? tw->nchunks : 1, sizeof(*tw->chunk_bytes));
	tw->iv = calloc(tw->cap, sizeof(*tw->iv));
	if (!tw->first_sum || !tw->chunk_bytes || !tw->iv) {
		mb_tl_worker_close(tw);
		return -ENOMEM;
	}
	for (uint64_t c = 0; c < tw->nchunks; c++) {
		struct mb_slice sub = mb_tl_chunk(s, tw->chunk_blocks, c);

		for (uint64_t k = 0; k < sub.count; k++)
			tw->chunk_bytes[c] += mb_plan_len(p, mb_plan_offset(p, sub.first + k * sub.stride));
	}
	if (proc_io && sp->interval_ns) {
		tw->proc_io_fd = open("/proc/self/io", O_RDONLY | O_CLOEXEC);
		if (mb_memcg_current()) {
			int fd = mb_memcg_stat_open(mb_memcg_current());

			tw->memcg_fd = fd >= 0 ? fd : -1;
		}
	}
	return 0;
}

void mb_tl_worker_close(struct mb_tl_worker *tw)
{
	free(tw->first_sum);
	free(tw->chunk_bytes);
	free(tw->iv);
	tw->first_sum = tw->chunk_bytes = NULL;
	tw->iv = NULL;
	if (tw->proc_io_fd >= 0)
		close(tw->proc_io_fd);
	if (tw->memcg_fd >= 0)
		close(tw->memcg_fd);
	tw->proc_io_fd = tw->memcg_fd = -1;
}

void mb_tl_close(struct mb_tl_worker *tw, uint64_t t, const struct mb_tl_interval *now)
{
	struct mb_tl_interval *iv;
	int merge = tw->n == tw->cap;

	if (!tw->cap)
		return;
	iv = merge ? &tw->iv[tw->n - 1] : &tw->iv[tw->n++];
	if (!merge)
		*iv = (struct mb_tl_interval){.majflt = -1, .dev_read_bytes = -1};
	iv->t_end = t;
	iv->cg_file_bytes = now->cg_file_bytes;
	iv->blocks += now->blocks - tw->at.blocks;
	iv->calls += now->calls - tw->at.calls;
	iv->bytes += now->bytes - tw->at.bytes;
	if (now->majflt >= 0 && tw->at.majflt >= 0)
		iv->majflt = (iv->majflt < 0 ? 0 : iv->majflt) + now->majflt - tw->at.majflt;
	if (now->dev_read_bytes >= 0 && tw->at.dev_read_bytes >= 0)
		iv->dev_read_bytes = (iv->dev_read_bytes < 0 ? 0 : iv->dev_read_bytes) +
				     now->dev_read_bytes - tw->at.dev_read_bytes;
	tw->at = *now;
}

/* The totals now: the worker's counts, its thread's major faults and (worker
 * 0) the process's device reads and its memory cgroup's page cache: one
 * getrusage(2) and a pread(2) of each already open file, at interval
 * boundaries only. */
static void totals(const struct mb_tl_worker *tw, const struct mb_worker *w, struct mb_tl_interval *now)
{
	struct rusage ru;
	char text[1024];
	uint64_t rd, wr;
	ssize_t n;

	*now = (struct mb_tl_interval){.blocks = tw->blocks, .calls = w->ops, .bytes = tw->bytes,
				       .majflt = -1, .dev_read_bytes = -1, .cg_file_bytes = -1};
	if (!getrusage(RUSAGE_THREAD, &ru))
		now->majflt = ru.ru_majflt;
	if (tw->memcg_fd >= 0) {
		struct mb_memcg_stat cg;

		if (!mb_memcg_pread_stat(tw->memcg_fd, &cg))
			now->cg_file_bytes = cg.file;
	}
	if (tw->proc_io_fd < 0)
		return;
	n = pread(tw->proc_io_fd, text, sizeof(text) - 1, 0);
	if (n <= 0)
		return;
	text[n] = '\0';
	if (!mb_parse_proc_io(text, &rd, &wr))
		now->dev_read_bytes = (int64_t)rd;
}

/* One chunk done: the first pass keeps its checksum, a later one must give it
 * again. 0 or -EIO with w->err set. */
static int check_chunk(struct mb_tl_worker *tw, struct mb_worker *w, uint64_t c, uint64_t sum)
{
	if (!tw->passes) {
		tw->first_sum[c] = sum;
		return 0;
	}
	if (sum == tw->first_sum[c])
		return 0;
	return mb_worker_failf(w, EIO, "checksum of chunk %" PRIu64 " of worker %d's pass %" PRIu64
			       " is %016" PRIx64 ", its first pass gave %016" PRIx64
			       ": bytes skipped or misread", c, w->id, tw->passes + 1, sum,
			       tw->first_sum[c]);
}

int mb_tl_io(struct mb_tl_worker *tw, struct mb_worker *w, const struct mb_slice *s,
	     const struct mb_tl_spec *sp, uint64_t *csum)
{
	const struct mb_method *m = w->run->method;
	uint64_t deadline, mark, first = 0;
	struct mb_tl_interval now;
	int rc = 0;

	tw->n = 0;
	tw->blocks = tw->bytes = tw->passes = tw->first_chunks = 0;
	tw->t_begin = mb_now_ns();
	deadline = sp->duration_ns ? tw->t_begin + sp->duration_ns : 0;
	mark = mb_tl_next_mark(tw->t_begin, sp->interval_ns, tw->t_begin);
	if (sp->interval_ns)
		totals(tw, w, &tw->at);
	for (uint64_t c = 0; tw->nchunks && !rc;) {
		struct mb_slice sub = mb_tl_chunk(s, tw->chunk_blocks, c);
		uint64_t sum = 0, t;

		if ((rc = m->run(w, &sub, &sum)) || (rc = check_chunk(tw, w, c, sum)))
			break;
		if (!tw->passes) {
			first += sum;
			tw->first_chunks++;
		}
		tw->blocks += sub.count;
		tw->bytes += tw->chunk_bytes[c];
		if (++c == tw->nchunks) {
			c = 0;
			tw->passes++;
		}
		t = mb_now_ns();
		if (t >= mark) {
			totals(tw, w, &now);
			mb_tl_close(tw, t, &now);
			mark = mb_tl_next_mark(tw->t_begin, sp->interval_ns, t);
		}
		/* one whole pass at least (unless early_ok), then until the
		 * duration is over */
		if (!deadline ? tw->passes > 0
			      : (tw->passes || tw->early_ok) && (t >= deadline || mb_stop_requested))
			break;
	}
	tw->t_end = mb_now_ns();
	if (sp->interval_ns && (!tw->n || tw->blocks != tw->at.blocks)) {
		totals(tw, w, &now);
		mb_tl_close(tw, tw->t_end, &now);
	}
	*csum += first;
	return rc;
}

uint64_t mb_tl_expected(const struct mb_tl_worker *tw, const struct mb_plan *p, const struct mb_slice *s,
			uint64_t seed, int mode, void *buf)
{
	uint64_t sum = 0;

	for (uint64_t c = 0; c < tw->first_chunks; c++) {
		struct mb_slice sub = mb_tl_chunk(s, tw->chunk_blocks, c);

		for (uint64_t k = 0; k < sub.count; k++) {
			uint64_t off = mb_plan_offset(p, sub.first + k * sub.stride);
			size_t len = (size_t)mb_plan_len(p, off);

			mb_dataset_fill(seed, off, buf, len);
			sum += mb_consume_bytes((enum mb_consume)mode, off, buf, len);
		}
	}
	return sum;
}
