/* cmd_timer.c: `mapbench timer-cost FILE`: what the per-operation latency
 * timer (one clock read + one histogram record per operation) costs next to a
 * warm 4 KiB pread(2) of FILE, measured side by side in one process. */
#include "cmd.h"
#include "histogram.h"
#include "method.h"
#include "residency.h"
#include "stats.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ROUNDS 9

/* ns per operation of n warm 4 KiB preads cycling over the file, timed or not. */
static double pread_ns(int fd, void *buf, uint64_t pages, uint64_t n, struct mb_worker *w)
{
	uint64_t t0 = mb_now_ns();

	w->lat_prev = mb_ticks();
	for (uint64_t i = 0; i < n; i++) {
		if (pread(fd, buf, 4096, (off_t)((i % pages) * 4096)) != 4096)
			return -1;
		mb_lat_tick(w);
	}
	return (double)(mb_now_ns() - t0) / (double)n;
}

int mb_cmd_timer(int argc, char **argv)
{
	static struct mb_hist hist;
	struct mb_worker with = {.lat = &hist}, without = {0};
	double plain[ROUNDS], timed[ROUNDS], p, t;
	char err[256];
	struct stat st;
	void *buf;
	int fd;

	if (argc != 2 || argv[1][0] == '-') {
		fputs("usage: mapbench timer-cost FILE\n\nCompare a warm 4 KiB pread(2) of FILE with and "
		      "without the per-operation latency\ntimer (TSC or clock read + histogram record), "
		      "rounds interleaved, medians.\n", argc == 2 && !strcmp(argv[1], "--help") ? stdout : stderr);
		return argc == 2 && !strcmp(argv[1], "--help") ? MB_EXIT_OK : MB_EXIT_USAGE;
	}
	/* O_NONBLOCK: a FIFO opens at once (and is refused) instead of blocking */
	fd = open(argv[1], O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size < 4096) {
		mb_warn("timer-cost: %s: %s", argv[1], fd < 0 ? strerror(errno) :
			S_ISDIR(st.st_mode) ? strerror(EISDIR) : "needs a regular file of >= 4 KiB");
		if (fd >= 0)
			close(fd);
		return MB_EXIT_USAGE;
	}
	if (mb_cache_fill(argv[1], err, sizeof(err)) || !(buf = mb_buf_alloc(4096, 0))) {
		mb_warn("timer-cost: %s", err);
		close(fd);
		return MB_EXIT_MISSING;
	}
	mb_hist_init(&hist);
	mb_ticks_init();
	for (int r = 0; r < ROUNDS; r++) {
		plain[r] = pread_ns(fd, buf, (uint64_t)st.st_size / 4096, 200000, &without);
		timed[r] = pread_ns(fd, buf, (uint64_t)st.st_size / 4096, 200000, &with);
	}
	p = mb_median(plain, ROUNDS);
	t = mb_median(timed, ROUNDS);
	printf("warm 4 KiB pread: %.1f ns/op; with the latency timer (%s): %.1f ns/op; timer cost "
	       "%.1f ns = %.1f%% (target <= 5%%)\n", p, mb_ticks_tsc ? "TSC" : "CLOCK_MONOTONIC", t, t - p,
	       100.0 * (t - p) / p);
	mb_buf_free(buf, 0);
	close(fd);
	return MB_EXIT_OK;
}
