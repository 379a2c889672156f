/* test_golden.c: behaviour unchanged through refactoring. A small run (every
 * method, both patterns, warm and cold, two blocks, two queue depths, a
 * latency file) must give the rows of the committed golden run: the same
 * configurations, repetitions, rounds and kinds, the same expected checksums
 * and, where both rows are ok, the same checksums; its latency file the same
 * histograms' keys. And summarize, ratio and report of a committed results
 * fixture, the chart CSVs of two charts drawn from those, and the chart CSVs
 * of the three comparison charts drawn from the two committed comparisons
 * (one target side, two), must be byte for byte the committed outputs.
 *
 * After a change that is meant to change them, regenerate the golden files
 * with MAPBENCH_GOLDEN_WRITE=1 (the test then writes them into
 * tests/fixtures/golden/ and fails, so a regeneration is never silent), and
 * commit them with the reason. */
#include "e2e.h"
#include "e2e_plots.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csvio.h"

#define GOLDEN MB_SOURCE_DIR "/tests/fixtures/golden"
#define FIXTURE MB_SOURCE_DIR "/tests/fixtures/results-ext4.csv"
#define COMPARISONS MB_SOURCE_DIR "/tests/fixtures/compare"

/* What identifies a row, and what must not change. */
static const char *const key_cols[] = {
	"method", "advice", "consume", "op", "pattern", "cache", "file_size_bytes", "block_size_bytes",
	"threads", "queue_depth", "rep", "round", "lat_timed", "buf_offset_bytes", "iov", "window_bytes",
	"fixed_buffers", "seed", "data_seed",
};
#define NKEY (sizeof(key_cols) / sizeof(key_cols[0]))
static const char *const lat_key_cols[] = {"method", "advice", "consume", "pattern", "cache",
					   "file_size_bytes", "block_size_bytes", "threads", "rep"};
#define NLATKEY (sizeof(lat_key_cols) / sizeof(lat_key_cols[0]))

static int writing(void)
{
	const char *w = getenv("MAPBENCH_GOLDEN_WRITE");

	return w && !strcmp(w, "1");
}

static void key_of(const struct mb_csv_table *t, size_t r, const char *const *cols, size_t n,
		   char *out, size_t len)
{
	size_t at = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && at < len; i++)
		at += (size_t)snprintf(out + at, len - at, "%s%s", i ? "|" : "", e2e_cell(t, r, cols[i]));
}

static long find_key(const struct mb_csv_table *t, const char *const *cols, size_t n, const char *key)
{
	char k[1024];

	for (size_t r = 0; r < t->nrows; r++) {
		key_of(t, r, cols, n, k, sizeof(k));
		if (!strcmp(k, key))
			return (long)r;
	}
	return -1;
}

/* A status that may differ between machines of the kind: a method or advice
 * that a kernel or filesystem does not offer. */
static int machine_dependent(const char *a, const char *b)
{
	return (!strcmp(a, "ok") || !strcmp(a, "unsupported")) && (!strcmp(b, "ok") || !strcmp(b, "unsupported"));
}

/* 1 when the table has an unsupported row of method m. */
static int unsupported(const struct mb_csv_table *t, const char *m)
{
	for (size_t r = 0; r < t->nrows; r++)
		if (!strcmp(e2e_cell(t, r, "method"), m) && !strcmp(e2e_cell(t, r, "status"), "unsupported"))
			return 1;
	return 0;
}

static void test_same_rows(void **state)
{
	char d[PATH_MAX + 8], out[PATH_MAX + 32], lat[PATH_MAX + 32], k[1024];
	struct mb_csv_table *g, *t, *gl, *tl;
	struct e2e_result r;
	size_t compared = 0;

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/ds", e2e_tmp);
	e2e_fmt(out, sizeof(out), "%s/run.csv", e2e_tmp);
	e2e_fmt(lat, sizeof(lat), "%s/lat.csv", e2e_tmp);
	E2E_RUN(&r, NULL, "run", "--method", "read,pread,readv,preadv,odirect,dontcache,uring,mmap,mmap-private,"
		"mmap-window,memread", "--pattern", "seq,rand", "--cache", "warm,cold", "--size", "64K",
		"--block", "4K,16K", "--qd", "1,4", "--reps", "2", "--warmup", "1", "--seed", "7",
		"--data-seed", "3", "--dir", d, "--out", out, "--lat-out", lat, "--quiet");
	if (r.status != 0 && r.status != 1)
		fail_msg("golden run exited %d: %s", r.status, r.err);
	e2e_result_free(&r);
	if (writing()) {
		e2e_copy_file(out, GOLDEN "/run.csv");
		e2e_copy_file(lat, GOLDEN "/latency.csv");
		fail_msg("wrote " GOLDEN "/run.csv and latency.csv: commit them, unset MAPBENCH_GOLDEN_WRITE");
	}
	g = e2e_load(GOLDEN "/run.csv");
	t = e2e_load(out);
	assert_true(g->nrows > 100);
	/* every golden row is there, with its expected checksum, and agrees */
	for (size_t i = 0; i < g->nrows; i++) {
		long j;

		key_of(g, i, key_cols, NKEY, k, sizeof(k));
		j = find_key(t, key_cols, NKEY, k);
		if (j < 0) {
			if (!strcmp(e2e_cell(g, i, "status"), "ok"))
				fail_msg("golden row %zu (%s) is missing from a fresh run", i, k);
			continue; /* an unsupported golden row may be ok rows here */
		}
		if (strcmp(e2e_cell(g, i, "status"), e2e_cell(t, (size_t)j, "status")) &&
		    !machine_dependent(e2e_cell(g, i, "status"), e2e_cell(t, (size_t)j, "status")))
			fail_msg("%s: status %s, golden %s (%s)", k, e2e_cell(t, (size_t)j, "status"),
				 e2e_cell(g, i, "status"), e2e_cell(t, (size_t)j, "error"));
		assert_string_equal(e2e_cell(t, (size_t)j, "expected_checksum"), e2e_cell(g, i, "expected_checksum"));
		if (!strcmp(e2e_cell(g, i, "status"), "ok") && !strcmp(e2e_cell(t, (size_t)j, "status"), "ok")) {
			assert_string_equal(e2e_cell(t, (size_t)j, "checksum"), e2e_cell(g, i, "checksum"));
			compared++;
		}
	}
	/* and nothing more, but rows of a method unsupported on one machine */
	for (size_t j = 0; j < t->nrows; j++) {
		key_of(t, j, key_cols, NKEY, k, sizeof(k));
		if (find_key(g, key_cols, NKEY, k) < 0 && !unsupported(t, e2e_cell(t, j, "method")) &&
		    !unsupported(g, e2e_cell(t, j, "method")))
			fail_msg("a fresh run has a row the golden run has not: %s", k);
	}
	assert_true(compared > 0);
	/* the latency file: the same histograms (rows of one latency rep) */
	gl = e2e_load(GOLDEN "/latency.csv");
	tl = e2e_load(lat);
	for (size_t i = 0; i < gl->nrows; i++) {
		key_of(gl, i, lat_key_cols, NLATKEY, k, sizeof(k));
		if (find_key(tl, lat_key_cols, NLATKEY, k) < 0 && !unsupported(t, e2e_cell(gl, i, "method")))
			fail_msg("the latency file lacks the histogram of %s", k);
	}
	e2e_table_free(gl);
	e2e_table_free(tl);
	e2e_table_free(g);
	e2e_table_free(t);
}

/* Runs `mapbench ARGS` and compares its stdout with GOLDEN/name, or writes it. */
static void expect_output(const char *name, const char *const *args)
{
	char path[PATH_MAX];
	struct e2e_result r;

	e2e_fmt(path, sizeof(path), "%s/%s", GOLDEN, name);
	e2e_run(&r, NULL, args);
	e2e_expect_exit(&r, 0, name);
	if (writing())
		e2e_write_file(path, r.out, strlen(r.out));
	else
		e2e_expect_file(path, r.out, strlen(r.out));
	e2e_result_free(&r);
}

static const char *const comparison_charts[] = {"compare_ratio", "compare_scatter", "compare_heatmap"};

static void test_analysis_outputs(void **state)
{
	char dir[PATH_MAX + 8], rep[PATH_MAX + 32], golden[PATH_MAX];
	unsigned char *raw, *text;
	size_t len;
	char *at;

	(void)state;
	expect_output("summary-ext4.csv", (const char *const[]){"summarize", FIXTURE, NULL});
	expect_output("ratio-ext4.csv", (const char *const[]){"ratio", "--by", "method", "--num", "mmap",
							       "--den", "read", FIXTURE, NULL});
	/* what two charts draw, from those */
	expect_output("chart-throughput_vs_size-ext4.csv", (const char *const[]){"chart",
		      "throughput_vs_size", GOLDEN "/summary-ext4.csv", NULL});
	expect_output("chart-mmap_read_heatmap-ext4.csv", (const char *const[]){"chart",
		      "mmap_read_heatmap", GOLDEN "/ratio-ext4.csv", NULL});
	/* what the comparison charts draw: kernel 6.6 against 6.1; xfs and btrfs against ext4 */
	for (size_t i = 0; i < sizeof(comparison_charts) / sizeof(comparison_charts[0]); i++) {
		char name[128];

		e2e_fmt(name, sizeof(name), "chart-%s-kernel.csv", comparison_charts[i]);
		expect_output(name, (const char *const[]){"chart", comparison_charts[i],
			      COMPARISONS "/compare.csv", NULL});
		e2e_fmt(name, sizeof(name), "chart-%s-three-fs.csv", comparison_charts[i]);
		expect_output(name, (const char *const[]){"chart", comparison_charts[i],
			      COMPARISONS "/compare-three-fs.csv", NULL});
	}
	/* the report, with the results folder's path written as DIR */
	e2e_fmt(dir, sizeof(dir), "%s/rep", e2e_tmp);
	assert_int_equal(mkdir(dir, 0755), 0);
	e2e_fmt(rep, sizeof(rep), "%s/results.csv", dir);
	e2e_copy_file(FIXTURE, rep);
	{
		struct e2e_result r;

		E2E_RUN(&r, NULL, "report", dir);
		e2e_expect_exit(&r, 0, "report");
		e2e_result_free(&r);
	}
	e2e_fmt(rep, sizeof(rep), "%s/REPORT.md", dir);
	raw = e2e_read_file(rep, &len);
	text = e2e_alloc(len + 1); /* a string: the file is not NUL-terminated */
	memcpy(text, raw, len);
	text[len] = '\0';
	e2e_free(raw);
	while ((at = strstr((char *)text, dir))) {
		size_t n = strlen(dir);

		memcpy(at, "DIR", 3);
		memmove(at + 3, at + n, strlen(at + n) + 1);
	}
	e2e_fmt(golden, sizeof(golden), "%s/REPORT-ext4.md", GOLDEN);
	if (writing())
		e2e_write_file(golden, text, strlen((char *)text));
	else
		e2e_expect_file(golden, text, strlen((char *)text));
	e2e_free(text);
	if (writing())
		fail_msg("wrote the golden analysis outputs: commit them, unset MAPBENCH_GOLDEN_WRITE");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_same_rows),
		E2E_TEST(test_analysis_outputs),
	};

	if (e2e_init(argc, argv))
		return 2;
	return cmocka_run_group_tests(tests, e2e_group_setup, e2e_group_teardown);
}
