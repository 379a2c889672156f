/* mmap_window.c: map the file a window at a time, as tools do that cannot (or
 * will not) map a whole file: --window W bytes (default 64M, a multiple of the
 * page size), MAP_SHARED, PROT_READ. What it measures is the price of
 * windowing: mmap(2)/munmap(2) inside the io phase, the page-table teardown
 * and TLB shootdowns of every munmap, and faults that restart on each new
 * window, against mmap's one whole-file mapping.
 *
 * Windows are aligned to W: window i covers file bytes [i*W, i*W + W), the
 * last one cut at the end of the file. Each planned block is consumed piece by
 * piece, one piece per window it overlaps, each at its true file offset; a
 * window is never extended to cover a block. So the mapping size is always W,
 * as with a fixed address-space budget (Lucene's MMapDirectory reads across
 * its chunk edges the same way), and a block larger than W, or one crossing
 * an edge, costs one remap per edge. Window edges are page multiples, so
 * consume=touch still touches each page of the block once.
 *
 * seq maps window 0, consumes the blocks in it, unmaps it, maps window 1, ...:
 * each window once. rand remaps only when the next piece lies outside the
 * window mapped now; a block crossing an edge maps both windows in turn.
 *
 * Every mmap/munmap goes through mb_worker_mmap_timed/mb_worker_munmap_timed
 * (each worker's own mmap_ns, munmap_ns, which the core adds up); the advice is applied to each window right after mapping it
 * (the core only advises r->map, which stays NULL here), and map-populate
 * makes every window MAP_POPULATE. The last window is unmapped at the end of
 * the io phase, so all the windowing cost is in io_ns. Each worker (thread)
 * has its own window. */
#include "method.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static const struct mb_option window_options[] = {
	{.name = "window", .type = MB_OPT_SIZE, .min = 1, .max = 1ull << 40, .def = 64ull << 20,
	 .help = "mmap-window: bytes mapped at a time, a multiple of the page size (default 64M)",
	 .column = "window_bytes", .page_multiple = 1},
	{0},
};

/* --window, this method's first option */
static uint64_t window_size(const struct mb_run *r)
{
	return r->opt[0];
}

/* One worker's window. */
struct window {
	unsigned char *addr; /* the mapping, or NULL */
	size_t len;
	uint64_t start;      /* its file offset, a multiple of the window size */
};

static int window_setup(struct mb_run *r)
{
	uint64_t ps = (uint64_t)mb_page_size();

	r->map = NULL; /* the core must not advise a whole-file mapping */
	if (!window_size(r) || window_size(r) % ps)
		return mb_run_failf(r, EINVAL, "mmap-window: window of %llu bytes is not a non-zero "
				    "multiple of the page size (%llu)",
				    (unsigned long long)window_size(r), (unsigned long long)ps);
	return mb_open_ro(r, 0);
}

static int window_worker_setup(struct mb_run *r, struct mb_worker *w)
{
	struct window *win = calloc(1, sizeof(*win));

	(void)r;
	if (!win)
		return mb_worker_fail(w, "calloc", ENOMEM);
	w->priv = win;
	return 0;
}

static int window_unmap(struct mb_worker *w, struct window *win)
{
	int e;

	if (!win->addr)
		return 0;
	e = mb_worker_munmap_timed(w, win->addr, win->len);
	win->addr = NULL;
	return e ? mb_worker_fail(w, "munmap", -e) : 0;
}

/* Replaces the current window by the one starting at file offset start, and
 * advises it. 0 or -errno with w->err set. */
static int window_map(struct mb_worker *w, struct window *win, uint64_t start)
{
	struct mb_run *r = w->run;
	uint64_t left = r->file_size - start;
	size_t len = (size_t)(left < window_size(r) ? left : window_size(r));
	void *p;
	int rc = window_unmap(w, win);

	if (rc)
		return rc;
	p = mb_worker_mmap_timed(w, len, MAP_SHARED, start);
	if (p == MAP_FAILED) {
		int e = errno;

		return mb_worker_failf(w, e, "mmap(%s, %zu bytes at offset %llu): %s", r->path, len,
				       (unsigned long long)start, strerror(e));
	}
	win->addr = p;
	win->len = len;
	win->start = start;
	return mb_advise_map(r->advice, p, len, w->err, sizeof(w->err));
}

static int window_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	const struct mb_plan *p = w->run->plan;
	uint64_t wsize = window_size(w->run), sum = 0;
	struct window *win = w->priv;
	int rc = 0, e;

	for (uint64_t k = 0; k < s->count && !rc; k++) {
		uint64_t off = mb_plan_offset(p, s->first + k * s->stride);
		uint64_t end = off + mb_plan_len(p, off), hi;

		for (uint64_t lo = off; lo < end; lo = hi) {
			uint64_t start = lo / wsize * wsize;

			hi = end < start + wsize ? end : start + wsize;
			if ((!win->addr || win->start != start) && (rc = window_map(w, win, start)))
				break;
			sum += mb_consume(w, lo, win->addr + (lo - start), (size_t)(hi - lo));
		}
		mb_lat_tick(w);
	}
	e = window_unmap(w, win);
	if (rc || e)
		return rc ? rc : e;
	*csum += sum;
	return 0;
}

static void window_worker_teardown(struct mb_run *r, struct mb_worker *w)
{
	struct window *win = w->priv;

	if (!win)
		return;
	(void)r;
	window_unmap(w, win); /* mapped only if run failed, and the row is an error */
	free(win);
	w->priv = NULL;
}

const struct mb_method mb_method_mmap_window = {
	.name = "mmap-window",
	.desc = "mmap(2)/munmap(2) a sliding --window of the file (MAP_SHARED) and consume blocks "
		"from it",
	.caps = MB_CAP_FILE | MB_CAP_MMAP | MB_CAP_THREADS,
	.options = window_options,
	.advice_mask = MB_ADVICE_MMAP,
	.consume_mask = MB_CONSUME_ALL,
	.setup = window_setup,
	.worker_setup = window_worker_setup,
	.run = window_run,
	.worker_teardown = window_worker_teardown,
};
