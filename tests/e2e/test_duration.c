/* test_duration.c: `mapbench run --duration` and `--timeline` end to end:
 * a timeline has one row per interval per worker, times that follow on from
 * each other, and ops and bytes that sum to the row's (threads 1 and 2, with
 * and without --duration); --duration rows run the duration, wrap around
 * the plan and verify, and a silently corrupted dataset byte is still caught;
 * a duration that ends inside the first pass of a generated dataset stops
 * there, its bytes checked against the generator's (and a corrupted byte in
 * what was read is caught);
 * bad values exit 2 with one line; the timeline chart, drawn by
 * plots/render.sh, sums the workers' MiB/s of each interval. */
#include "e2e.h"
#include "e2e_plots.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static uint64_t u64_cell(const struct mb_csv_table *t, size_t r, const char *col)
{
	const char *s = e2e_cell(t, r, col);

	if (e2e_numeric(s) != 1)
		fail_msg("row %zu: %s '%s' is not an integer", r, col, s);
	return strtoull(s, NULL, 10);
}

/* The timeline rows of results row r (method, pattern, threads, rep): one
 * run of intervals per worker, each starting where the previous ended; their
 * ops and bytes sum to the row's. Returns the intervals of worker 0. */
static size_t check_timeline(const struct mb_csv_table *res, size_t r, const struct mb_csv_table *tl)
{
	static const char *const keys[] = {"run_id", "method", "pattern", "threads", "rep", "cache",
					   "file_size_bytes", "block_size_bytes", "duration_ns"};
	uint64_t ops = 0, bytes = 0, prev_end[2] = {0, 0};
	size_t n[2] = {0, 0};
	int threads = atoi(e2e_cell(res, r, "threads"));

	for (size_t i = 0; i < tl->nrows; i++) {
		size_t k;
		int w;
		uint64_t t0, t1;

		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			if (strcmp(e2e_cell(tl, i, keys[k]), e2e_cell(res, r, keys[k])))
				break;
		if (k < sizeof(keys) / sizeof(keys[0]))
			continue;
		w = atoi(e2e_cell(tl, i, "worker"));
		assert_true(w >= 0 && w < threads);
		t0 = u64_cell(tl, i, "t_start_ns");
		t1 = u64_cell(tl, i, "t_end_ns");
		if (t1 <= t0 || (n[w] && t0 != prev_end[w]))
			fail_msg("%s threads %d worker %d interval %zu: [%" PRIu64 ", %" PRIu64 ") after %" PRIu64,
				 e2e_cell(res, r, "method"), threads, w, n[w], t0, t1, prev_end[w]);
		prev_end[w] = t1;
		n[w]++;
		ops += u64_cell(tl, i, "ops");
		bytes += u64_cell(tl, i, "bytes");
		u64_cell(tl, i, "majflt");
		assert_string_equal(e2e_cell(tl, i, "cg_file_bytes"), "");
		if (w == 0)
			u64_cell(tl, i, "dev_read_bytes");
		else
			assert_string_equal(e2e_cell(tl, i, "dev_read_bytes"), "");
	}
	for (int w = 0; w < threads; w++)
		if (!n[w])
			fail_msg("%s threads %d: no interval of worker %d", e2e_cell(res, r, "method"), threads, w);
	assert_int_equal(ops, u64_cell(res, r, "ops"));
	assert_int_equal(bytes, u64_cell(res, r, "bytes"));
	return n[0];
}

/* The timeline's rows of 2 threads into path, for the chart (which shows
 * the smallest thread count). */
static void write_two_threads(const struct mb_csv_table *tl, const char *path)
{
	long th = mb_csv_table_col(tl, "threads");
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	assert_true(fd >= 0);
	assert_int_equal(mb_csv_write_fd(fd, (const char *const *)tl->header, tl->ncols), 0);
	for (size_t i = 0; i < tl->nrows; i++)
		if (!strcmp(tl->rows[i][th], "2"))
			assert_int_equal(mb_csv_write_fd(fd, (const char *const *)tl->rows[i], tl->ncols), 0);
	close(fd);
}

/* Interval idx of method's 2-thread seq repetition 1: its workers' MiB/s, summed. */
static double summed_mibs(const struct mb_csv_table *tl, const char *method, size_t idx)
{
	size_t seen[2] = {0, 0};
	double sum = 0;

	for (size_t i = 0; i < tl->nrows; i++) {
		int w = atoi(e2e_cell(tl, i, "worker"));

		if (!e2e_is(tl, i, "method", method) || !e2e_is(tl, i, "threads", "2") || w > 1)
			continue;
		if (seen[w]++ == idx)
			sum += (double)u64_cell(tl, i, "bytes") / 1048576.0 /
			       ((double)(u64_cell(tl, i, "t_end_ns") - u64_cell(tl, i, "t_start_ns")) / 1e9);
	}
	return sum;
}

/* render.sh draws the timeline chart from RESULTS_DIR/timeline.csv; with
 * two workers each point is the sum of their MiB/s in that interval. */
static void check_chart(const char *results, const char *timeline)
{
	char dir[PATH_MAX], p[PATH_MAX + 32], two[PATH_MAX + 32], cp[PATH_MAX + 32];
	struct mb_csv_table *tl = e2e_load(timeline), *t;
	struct e2e_result r;
	size_t points = 0, idx[2] = {0, 0};

	e2e_fixture_dir(dir, sizeof(dir), "render", results, "results.csv");
	e2e_fmt(p, sizeof(p), "%s/timeline.csv", dir);
	e2e_copy_file(timeline, p);
	E2E_RENDER(&r, dir);
	e2e_expect_exit(&r, 0, "render.sh with a timeline");
	e2e_result_free(&r);
	e2e_table_free(e2e_expect_chart(dir, "timeline"));

	e2e_fmt(two, sizeof(two), "%s/two-threads.csv", e2e_tmp);
	e2e_fmt(cp, sizeof(cp), "%s/two-threads-chart.csv", e2e_tmp);
	write_two_threads(tl, two);
	E2E_RUN(&r, NULL, "chart", "timeline", two);
	e2e_expect_exit(&r, 0, "chart timeline");
	e2e_write_file(cp, r.out, strlen(r.out));
	e2e_result_free(&r);
	t = e2e_load(cp);
	for (size_t i = 0; i < t->nrows; i++) {
		const char *m = e2e_cell(t, i, "method");
		int k = !strcmp(m, "mmap");
		double want, got;

		if (!e2e_is(t, i, "kind", "point"))
			continue;
		assert_true(k || !strcmp(m, "pread"));
		want = summed_mibs(tl, m, idx[k]++);
		got = strtod(e2e_cell(t, i, "y"), NULL);
		if (!(fabs(got - want) <= 1e-6 * want))
			fail_msg("%s interval %zu: chart y %g, the workers' sum %g", m, idx[k] - 1, got, want);
		points++;
	}
	assert_true(points >= 10);
	e2e_table_free(t);
	e2e_table_free(tl);
}

static void test_duration_timeline(void **state)
{
	char out[PATH_MAX + 32], tlf[PATH_MAX + 32];
	struct mb_csv_table *res, *tl;
	struct e2e_result r;
	size_t checked = 0;

	(void)state;
	e2e_fmt(tlf, sizeof(tlf), "%s/tl.csv", e2e_tmp);
	E2E_RUN_MB(&r, NULL, "duration", out, "--size", "1M", "--block", "4K", "--method", "pread,mmap",
		   "--pattern", "seq", "--cache", "warm", "--threads", "1,2", "--reps", "1", "--warmup", "0",
		   "--duration", "1", "--timeline", tlf, "--timeline-interval", "0.2", "--quiet");
	e2e_expect_exit(&r, 0, "run --duration 1 --timeline");
	e2e_result_free(&r);
	res = e2e_load(out);
	tl = e2e_load(tlf);
	assert_int_equal(res->nrows, 4);
	for (size_t i = 0; i < res->nrows; i++) {
		size_t n;

		assert_string_equal(e2e_cell(res, i, "status"), "ok");
		assert_string_equal(e2e_cell(res, i, "checksum"), e2e_cell(res, i, "expected_checksum"));
		assert_string_equal(e2e_cell(res, i, "duration_ns"), "1000000000");
		assert_true(u64_cell(res, i, "io_ns") >= 1000000000ull);
		/* a wrap-around: more than one pass of the 256 blocks */
		assert_true(u64_cell(res, i, "ops") > 256);
		assert_true(u64_cell(res, i, "bytes") > (1u << 20));
		n = check_timeline(res, i, tl);
		/* 1 s in intervals of 0.2 s: at most 5, and one more for a chunk that
		 * ends past the last boundary; fewer when a descheduled worker's
		 * chunk spans a boundary (no empty interval is made) */
		if (n < 2 || n > 6)
			fail_msg("%s threads %s: %zu intervals of worker 0", e2e_cell(res, i, "method"),
				 e2e_cell(res, i, "threads"), n);
		checked++;
	}
	assert_int_equal(checked, 4);
	e2e_table_free(res);
	e2e_table_free(tl);
	check_chart(out, tlf);
}

/* Without --duration: one pass, and the timeline still sums to it. */
static void test_timeline_one_pass(void **state)
{
	char out[PATH_MAX + 32], tlf[PATH_MAX + 32];
	struct mb_csv_table *res, *tl;
	struct e2e_result r;

	(void)state;
	e2e_fmt(tlf, sizeof(tlf), "%s/tl1.csv", e2e_tmp);
	E2E_RUN_MB(&r, NULL, "onepass", out, "--size", "1M", "--block", "4K", "--method", "pread,memread",
		   "--pattern", "rand", "--cache", "warm", "--threads", "1,2", "--reps", "1", "--warmup", "0",
		   "--timeline", tlf, "--quiet");
	e2e_expect_exit(&r, 0, "run --timeline, one pass");
	e2e_result_free(&r);
	res = e2e_load(out);
	tl = e2e_load(tlf);
	for (size_t i = 0; i < res->nrows; i++) {
		assert_string_equal(e2e_cell(res, i, "status"), "ok");
		assert_string_equal(e2e_cell(res, i, "duration_ns"), "");
		if (e2e_is(res, i, "lat_timed", "1"))
			continue; /* latency repetitions have no timeline */
		assert_int_equal(u64_cell(res, i, "ops"), 256);
		assert_int_equal(u64_cell(res, i, "bytes"), 1u << 20);
		check_timeline(res, i, tl);
	}
	e2e_table_free(res);
	e2e_table_free(tl);
}

/* A dataset byte changed in place, mtime restored: --duration rows fail their checksum. */
static void test_duration_corrupt(void **state)
{
	char d[PATH_MAX + 8], f[PATH_MAX + 32], o[PATH_MAX + 32];
	struct mb_csv_table *t;
	struct e2e_result r;

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/dsc", e2e_tmp);
	e2e_fmt(f, sizeof(f), "%s/mb-64K-s1.dat", d);
	e2e_fmt(o, sizeof(o), "%s/corrupt.csv", e2e_tmp);
	E2E_RUN(&r, NULL, "dataset", "make", "--size", "64K", "--dir", d);
	e2e_expect_exit(&r, 0, "dataset make");
	e2e_result_free(&r);
	e2e_flip_byte_silently(f, 12345);
	E2E_RUN(&r, NULL, "run", "--size", "64K", "--block", "4K", "--method", "read,pread,mmap,memread",
		"--pattern", "seq,rand", "--cache", "warm", "--reps", "1", "--warmup", "0", "--duration",
		"0.2", "--dir", d, "--out", o, "--quiet");
	e2e_expect_exit(&r, 1, "run --duration on a silently corrupted dataset");
	e2e_result_free(&r);
	t = e2e_load(o);
	assert_true(t->nrows >= 8);
	for (size_t i = 0; i < t->nrows; i++) {
		assert_string_equal(e2e_cell(t, i, "status"), "error");
		if (!strstr(e2e_cell(t, i, "error"), "checksum"))
			fail_msg("row %zu (%s): error '%s' does not say checksum", i, e2e_cell(t, i, "method"),
				 e2e_cell(t, i, "error"));
	}
	e2e_table_free(t);
}

/* --duration 0.001 on a 64 MiB dataset: the first chunk end is past the
 * duration, long before a pass (64 MiB in 1 ms would be 64 GiB/s), so every
 * row stops inside its first pass: fewer bytes than the file, a checksum
 * that is the generator's for what was read (not the file's), status ok.
 * Then a byte of the first 1 MiB (seq's first chunk) flipped: an error. */
/* The rows of o: want of them, ok, the checksum what was expected; with
 * partial, each stopped inside its first pass (fewer bytes than the file). */
static void check_partial_rows(const char *o, size_t want, int partial)
{
	struct mb_csv_table *t = e2e_load(o);

	assert_int_equal(t->nrows, want);
	for (size_t i = 0; i < t->nrows; i++) {
		if (!e2e_is(t, i, "status", "ok"))
			fail_msg("row %zu (%s): %s: %s", i, e2e_cell(t, i, "method"), e2e_cell(t, i, "status"),
				 e2e_cell(t, i, "error"));
		if (partial)
			assert_true(u64_cell(t, i, "bytes") < (64u << 20));
		assert_true(u64_cell(t, i, "bytes") > 0);
		assert_string_equal(e2e_cell(t, i, "checksum"), e2e_cell(t, i, "expected_checksum"));
	}
	e2e_table_free(t);
}

static void test_duration_partial(void **state)
{
	char d[PATH_MAX + 8], f[PATH_MAX + 32], o[PATH_MAX + 32];
	struct mb_csv_table *t;
	struct e2e_result r;
	size_t bad = 0;

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/dsp", e2e_tmp);
	e2e_fmt(f, sizeof(f), "%s/mb-64M-s1.dat", d);
	e2e_fmt(o, sizeof(o), "%s/partial.csv", e2e_tmp);
	E2E_RUN(&r, NULL, "run", "--size", "64M", "--block", "4K,128K", "--method", "read,pread,mmap",
		"--pattern", "seq,rand", "--cache", "warm", "--reps", "1", "--warmup", "0", "--lat-reps", "0",
		"--duration", "0.001", "--dir", d, "--out", o, "--quiet");
	e2e_expect_exit(&r, 0, "run --duration 0.001 on 64 MiB");
	e2e_result_free(&r);
	check_partial_rows(o, 12, 1);
	unlink(o);
	E2E_RUN(&r, NULL, "run", "--size", "64M", "--block", "4K", "--method", "mmap", "--consume", "touch",
		"--pattern", "seq,rand", "--cache", "warm", "--threads", "2", "--reps", "1", "--warmup", "0",
		"--lat-reps", "0", "--duration", "0.001", "--dir", d, "--out", o, "--quiet");
	e2e_expect_exit(&r, 0, "run --consume touch --threads 2 --duration 0.001 on 64 MiB");
	e2e_result_free(&r);
	/* touching one byte a page can pass 64 MiB within 1 ms: partial or not,
	 * the checksum must hold (the touch sums of a cut pass: unit_timeline) */
	check_partial_rows(o, 2, 0);
	unlink(o);
	e2e_flip_byte_silently(f, 12345);
	E2E_RUN(&r, NULL, "run", "--size", "64M", "--block", "4K", "--method", "pread,mmap", "--pattern",
		"seq", "--cache", "warm", "--reps", "1", "--warmup", "0", "--duration", "0.001", "--dir", d,
		"--out", o, "--quiet");
	e2e_expect_exit(&r, 1, "run --duration 0.001 on a corrupted 64 MiB dataset");
	e2e_result_free(&r);
	t = e2e_load(o);
	for (size_t i = 0; i < t->nrows; i++)
		bad += e2e_is(t, i, "status", "error") && strstr(e2e_cell(t, i, "error"), "checksum");
	assert_int_equal(t->nrows, 2);
	assert_int_equal(bad, 2);
	e2e_table_free(t);
}

static void test_bad_values(void **state)
{
	static const char *const bad[][2] = {
		{"--duration", "0"}, {"--duration", "-1"}, {"--duration", "abc"}, {"--duration", ""},
		{"--timeline-interval", "0"}, {"--timeline-interval", "-0.5"},
	};
	char tlf[PATH_MAX + 32];
	struct e2e_result r;

	(void)state;
	e2e_fmt(tlf, sizeof(tlf), "%s/bad.csv", e2e_tmp);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		E2E_RUN(&r, NULL, "run", "--timeline", tlf, bad[i][0], bad[i][1]);
		e2e_expect_exit(&r, 2, bad[i][0]);
		assert_int_equal(e2e_count_lines(r.err), 1);
		assert_non_null(strstr(r.err, bad[i][0]));
		e2e_result_free(&r);
	}
	E2E_RUN(&r, NULL, "run", "--timeline-interval", "0.5");
	e2e_expect_exit(&r, 2, "--timeline-interval without --timeline");
	assert_int_equal(e2e_count_lines(r.err), 1);
	e2e_result_free(&r);
	E2E_RUN(&r, NULL, "run", "--op", "write", "--duration", "1");
	e2e_expect_exit(&r, 2, "--duration with --op write");
	assert_int_equal(e2e_count_lines(r.err), 1);
	assert_non_null(strstr(r.err, "--duration"));
	e2e_result_free(&r);
	E2E_RUN(&r, NULL, "run", "--op", "rmw", "--timeline", tlf);
	e2e_expect_exit(&r, 2, "--timeline with --op rmw");
	assert_int_equal(e2e_count_lines(r.err), 1);
	e2e_result_free(&r);
	assert_false(e2e_exists(tlf));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_duration_timeline),
		E2E_TEST(test_timeline_one_pass),
		E2E_TEST(test_duration_corrupt),
		E2E_TEST(test_duration_partial),
		E2E_TEST(test_bad_values),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, e2e_group_setup, e2e_group_teardown);
}
