/* test_render.c: the plot path end to end on the committed fixtures
 * (tests/fixtures): summarize statistics against values computed here,
 * `mapbench chart` (what each chart draws: the panels it picks, the rows it
 * keeps, their series and titles, every value drawn the input's own; its
 * exit codes), the charts' gnuplot skip protocol, plots/render.sh into
 * valid PNG (signature, IHDR size) and SVG (well-formed XML, by xmllint)
 * charts with the chart CSVs beside them, the charts a dataset cannot
 * support skipped with a line, two result sets that differ in the CPU alone
 * compared by it, malformed input refused with its line number and no chart
 * left behind, and `mapbench report` writing a REPORT.md that embeds them;
 * the write side's charts from a write, rmw and fault run, whose rows the
 * read charts leave out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e.h"
#include "e2e_plots.h"

#define FIXTURES E2E_FIXTURES

static const char *const all_charts[] = {
	"throughput_vs_size", "throughput_vs_block", "mmap_read_heatmap", "latency_percentiles",
	"latency_cdf", "faults_per_mib", "cpu_split", "cold_warm_ratio", "compare",
};
#define NCHARTS (sizeof(all_charts) / sizeof(all_charts[0]))

static const char *const write_charts[] = {"write_throughput", "write_time_split", "rmw_time", "fault_cost"};

/* Every chart, PNG and SVG, from the ext4 run plus the tmpfs run (for the
 * comparison), then the report that embeds them. */
static void renders_every_chart(void **state)
{
	char dir[PATH_MAX], p[PATH_MAX];
	struct e2e_result r;
	unsigned char *md;
	size_t len;

	(void)state;
	e2e_fixture_dir(dir, sizeof(dir), "full", FIXTURES "/results-ext4.csv", "results.csv");
	e2e_fmt(p, sizeof(p), "%s/latency.csv", dir);
	e2e_copy_file(FIXTURES "/latency-ext4.csv", p);
	E2E_RENDER(&r, dir, FIXTURES "/results-tmpfs.csv");
	e2e_expect_exit(&r, 0, "render.sh");
	/* reads only: the write side's charts are skipped, each with a line */
	for (size_t i = 0; i < sizeof(write_charts) / sizeof(write_charts[0]); i++) {
		if (!e2e_skip_line(r.out, write_charts[i]))
			fail_msg("no skip line for %s; output:\n%s", write_charts[i], r.out);
		e2e_chart_path(p, sizeof(p), dir, write_charts[i], "png");
		assert_false(e2e_exists(p));
	}
	e2e_result_free(&r);
	/* each with what it was drawn from, beside it */
	for (size_t i = 0; i < NCHARTS; i++)
		e2e_table_free(e2e_expect_chart(dir, all_charts[i]));
	E2E_RUN(&r, NULL, "report", dir);
	e2e_expect_exit(&r, 0, "report");
	e2e_result_free(&r);
	e2e_fmt(p, sizeof(p), "%s/REPORT.md", dir);
	md = e2e_read_file(p, &len);
	assert_non_null(md);
	assert_non_null(strstr((char *)md, "## Verdict"));
	assert_non_null(strstr((char *)md, "## Environment"));
	assert_non_null(strstr((char *)md, "| kernel |"));
	assert_non_null(strstr((char *)md, "mmap ÷ read (95% CI)"));
	assert_non_null(strstr((char *)md, "## Notes"));
	for (size_t i = 0; i < NCHARTS; i++) {
		char ref[128];

		e2e_fmt(ref, sizeof(ref), "](plots/%s.png)", all_charts[i]);
		if (!strstr((char *)md, ref))
			fail_msg("REPORT.md does not embed %s", ref);
	}
	e2e_free(md);
}

/* The write side's charts from a small real run (write, rmw, anon-write;
 * fault and anon-read): drawn, each from its own rows; the read charts keep
 * the read rows only; REPORT.md embeds them. On the read-only fixture they
 * are skipped with a line (renders_every_chart's folder). */
static void renders_write_charts(void **state)
{
	const char *const *charts = write_charts;
	static const char *const ops[] = {"write", "write", "rmw", ""};
	char dir[PATH_MAX], p[PATH_MAX];
	struct e2e_result r;
	struct mb_csv_table *t;
	unsigned char *md;
	size_t len;

	(void)state;
	e2e_fixture_dir(dir, sizeof(dir), "writes", FIXTURES "/results-writes.csv", "results.csv");
	E2E_RENDER(&r, dir);
	e2e_expect_exit(&r, 0, "render.sh on the write fixture");
	e2e_result_free(&r);
	for (size_t i = 0; i < 4; i++) {
		size_t series = 0;

		t = e2e_expect_chart(dir, charts[i]);
		for (size_t row = 0; row < t->nrows; row++) {
			const char *m = e2e_cell(t, row, "method");

			if (strcmp(e2e_cell(t, row, "kind"), "series"))
				continue;
			series++;
			/* its own methods: rmw-*, the write methods, the fault methods */
			if (!strcmp(ops[i], "rmw"))
				assert_true(!strncmp(m, "rmw-", 4));
			else if (*ops[i])
				assert_true(!strcmp(m, "write") || !strcmp(m, "pwrite") || !strcmp(m, "mmap"));
			else
				assert_true(!strcmp(m, "anon-read") || !strcmp(m, "anon-write") || !strcmp(m, "fault"));
		}
		assert_true(series >= 3);
		e2e_table_free(t);
	}
	/* the read charts: the read methods' rows only (fault, here) */
	e2e_chart_path(p, sizeof(p), dir, "throughput_vs_size", "csv");
	t = e2e_load(p);
	for (size_t row = 0; row < t->nrows; row++)
		if (!strcmp(e2e_cell(t, row, "kind"), "series"))
			assert_true(!strcmp(e2e_cell(t, row, "method"), "fault") ||
				    !strcmp(e2e_cell(t, row, "method"), "anon-read"));
	e2e_table_free(t);
	E2E_RUN(&r, NULL, "report", dir);
	e2e_expect_exit(&r, 0, "report");
	e2e_result_free(&r);
	e2e_fmt(p, sizeof(p), "%s/REPORT.md", dir);
	md = e2e_read_file(p, &len);
	assert_non_null(md);
	for (size_t i = 0; i < 4; i++) {
		char ref[128];

		e2e_fmt(ref, sizeof(ref), "](plots/%s.png)", charts[i]);
		if (!strstr((char *)md, ref))
			fail_msg("REPORT.md does not embed %s", ref);
	}
	e2e_free(md);
}

/* Warm sequential rows only: the charts about cold caches, random access,
 * latency and comparisons are skipped, each with a line, and not written. */
static void skips_what_the_data_lacks(void **state)
{
	static const char *const skipped[] = {"cold_warm_ratio", "latency_percentiles", "latency_cdf",
					      "compare"};
	char dir[PATH_MAX], p[PATH_MAX];
	struct mb_csv_table *t = e2e_load(FIXTURES "/results-ext4.csv");
	long cache = mb_csv_table_col(t, "cache"), pat = mb_csv_table_col(t, "pattern");
	struct e2e_result r;
	int fd;

	(void)state;
	e2e_fmt(dir, sizeof(dir), "%s/warm-seq", e2e_tmp);
	e2e_rmrf(dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	e2e_fmt(p, sizeof(p), "%s/results.csv", dir);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(mb_csv_write_fd(fd, (const char *const *)t->header, t->ncols), 0);
	for (size_t i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i][cache], "cold") && !strcmp(t->rows[i][pat], "seq"))
			assert_int_equal(mb_csv_write_fd(fd, (const char *const *)t->rows[i], t->ncols), 0);
	close(fd);
	e2e_table_free(t);
	E2E_RENDER(&r, dir);
	e2e_expect_exit(&r, 0, "render.sh on warm sequential rows");
	for (size_t i = 0; i < sizeof(skipped) / sizeof(skipped[0]); i++) {
		e2e_chart_path(p, sizeof(p), dir, skipped[i], "png");
		if (e2e_exists(p))
			fail_msg("%s written, but the data cannot support it", p);
		e2e_chart_path(p, sizeof(p), dir, skipped[i], "csv");
		if (e2e_exists(p))
			fail_msg("%s written, but the data cannot support its chart", p);
		if (!e2e_skip_line(r.out, skipped[i]) && !e2e_skip_line(r.err, skipped[i]))
			fail_msg("no skip line for %s; output:\n%s%s", skipped[i], r.out, r.err);
	}
	e2e_chart_path(p, sizeof(p), dir, "throughput_vs_size", "png");
	e2e_expect_png(p);
	e2e_result_free(&r);
}

/* The fixture's rows with identity columns added (cpu_family fam, cpu_model_id
 * model), written to path. */
static void with_cpu(const char *path, const char *fam, const char *model)
{
	static const char *const extra[] = {"cpu_vendor", "cpu_family", "cpu_model_id", "hypervisor"};
	struct mb_csv_table *t = e2e_load(FIXTURES "/results-ext4.csv");
	const char **row = e2e_alloc((t->ncols + 4) * sizeof(*row));
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	assert_true(fd >= 0);
	for (size_t c = 0; c < t->ncols; c++)
		row[c] = t->header[c];
	for (size_t c = 0; c < 4; c++)
		row[t->ncols + c] = extra[c];
	assert_int_equal(mb_csv_write_fd(fd, row, t->ncols + 4), 0);
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t c = 0; c < t->ncols; c++)
			row[c] = t->rows[i][c];
		row[t->ncols] = "AuthenticAMD", row[t->ncols + 1] = fam;
		row[t->ncols + 2] = model, row[t->ncols + 3] = "KVMKVMKVM";
		assert_int_equal(mb_csv_write_fd(fd, row, t->ncols + 4), 0);
	}
	close(fd);
	e2e_free(row);
	e2e_table_free(t);
}

/* Two result sets from machines alike but for the CPU (same host name,
 * kernel and filesystem): the comparison is by cpu_family, and names the
 * model that goes with it. */
static void compare_names_the_cpu(void **state)
{
	char dir[PATH_MAX], p[PATH_MAX], other[PATH_MAX];
	struct mb_csv_table *t;
	struct e2e_result r;
	unsigned char *svg;
	size_t len;

	(void)state;
	e2e_fmt(dir, sizeof(dir), "%s/two-cpus", e2e_tmp);
	e2e_rmrf(dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	e2e_fmt(p, sizeof(p), "%s/results.csv", dir);
	with_cpu(p, "25", "1");
	e2e_fmt(other, sizeof(other), "%s/zen5.csv", e2e_tmp);
	with_cpu(other, "26", "2");
	E2E_RENDER(&r, dir, other);
	e2e_expect_exit(&r, 0, "render.sh with two CPUs");
	e2e_result_free(&r);
	e2e_fmt(p, sizeof(p), "%s/plots/ratio-compare.csv", dir);
	t = e2e_load(p);
	assert_true(t->nrows > 0);
	assert_string_equal(e2e_cell(t, 0, "by"), "cpu_family");
	assert_string_equal(e2e_cell(t, 0, "num"), "26");
	assert_string_equal(e2e_cell(t, 0, "also_differ"), "cpu_model_id 2 vs 1");
	e2e_table_free(t);
	e2e_chart_path(p, sizeof(p), dir, "compare", "png");
	e2e_expect_png(p);
	e2e_chart_path(p, sizeof(p), dir, "compare", "svg");
	svg = e2e_read_file(p, &len);
	assert_non_null(svg);
	assert_non_null(strstr((char *)svg, "26 ÷ 25 (cpu_family; also cpu_model_id 2 vs 1)"));
	e2e_free(svg);
}

static size_t count_ext(const char *dir, const char *ext)
{
	char p[PATH_MAX];
	struct dirent *d;
	size_t n = 0;
	DIR *dp;

	e2e_fmt(p, sizeof(p), "%s/plots", dir);
	if (!(dp = opendir(p)))
		return 0;
	while ((d = readdir(dp)))
		n += strlen(d->d_name) > strlen(ext) && !strcmp(d->d_name + strlen(d->d_name) - strlen(ext), ext);
	closedir(dp);
	return n;
}

/* A missing column and a malformed row: one line naming the line, exit != 0,
 * no chart. */
static void refuses_malformed_input(void **state)
{
	static const struct {
		const char *name, *csv, *want1, *want2;
	} cases[] = {
		{"no-method", "status,pattern,cache,file_size_bytes,block_size_bytes,mib_per_s\n"
			      "ok,seq,warm,4096,4096,10\n", "line 1", "'method'"},
		{"short-row", "status,method,pattern,cache,file_size_bytes,block_size_bytes,mib_per_s\n"
			      "ok,mmap,seq,warm,4096,4096,10\nok,mmap,seq,warm,4096,4096,11\n"
			      "ok,mmap,seq,warm\n", "line 4", "fields"},
		{"not-a-number", "status,method,pattern,cache,file_size_bytes,block_size_bytes,mib_per_s\n"
				 "ok,mmap,seq,warm,4096,4096,fast\n", "line 2", "'fast'"},
	};
	char dir[PATH_MAX], p[PATH_MAX];
	struct e2e_result r;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		e2e_fmt(dir, sizeof(dir), "%s/%s", e2e_tmp, cases[i].name);
		e2e_rmrf(dir);
		assert_int_equal(mkdir(dir, 0755), 0);
		e2e_fmt(p, sizeof(p), "%s/results.csv", dir);
		e2e_write_file(p, cases[i].csv, strlen(cases[i].csv));
		E2E_RENDER(&r, dir);
		if (r.status == 0 || !strstr(r.err, cases[i].want1) || !strstr(r.err, cases[i].want2))
			fail_msg("%s: exit %d, stderr:\n%s", cases[i].name, r.status, r.err);
		assert_int_equal(count_ext(dir, ".png") + count_ext(dir, ".svg"), 0);
		e2e_result_free(&r);
		E2E_RUN(&r, NULL, "report", dir);
		if (r.status != 2 || e2e_count_lines(r.err) != 1 || !strstr(r.err, cases[i].want1))
			fail_msg("report %s: exit %d, stderr:\n%s", cases[i].name, r.status, r.err);
		e2e_fmt(p, sizeof(p), "%s/REPORT.md", dir);
		assert_false(e2e_exists(p));
		e2e_result_free(&r);
	}
	E2E_RUN(&r, NULL, "report", e2e_tmp);
	e2e_expect_exit(&r, 2, "report of a folder without results.csv");
	assert_non_null(strstr(r.err, "results.csv"));
	e2e_result_free(&r);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* `mapbench summarize` on the fixture against statistics computed here from
 * the raw rows: n, median, min, max, mean of mib_per_s per configuration. */
static void summary_matches_raw_rows(void **state)
{
	static const char *const key[] = {"method", "advice", "pattern", "cache", "file_size_bytes",
					  "block_size_bytes"};
	char p[PATH_MAX];
	struct mb_csv_table *raw = e2e_load(FIXTURES "/results-ext4.csv"), *sum;
	struct e2e_result r;
	double *v = e2e_alloc(raw->nrows * sizeof(double));
	size_t checked = 0;

	(void)state;
	E2E_RUN(&r, NULL, "summarize", FIXTURES "/results-ext4.csv");
	e2e_expect_exit(&r, 0, "summarize");
	e2e_fmt(p, sizeof(p), "%s/summary.csv", e2e_tmp);
	e2e_write_file(p, r.out, strlen(r.out));
	e2e_result_free(&r);
	sum = e2e_load(p);
	for (size_t s = 0; s < sum->nrows; s++) {
		size_t n = 0;
		double mean = 0, med;

		for (size_t i = 0; i < raw->nrows; i++) {
			size_t k;

			for (k = 0; k < sizeof(key) / sizeof(key[0]); k++)
				if (strcmp(e2e_cell(raw, i, key[k]), e2e_cell(sum, s, key[k])))
					break;
			if (k == sizeof(key) / sizeof(key[0]) && !strcmp(e2e_cell(raw, i, "status"), "ok"))
				v[n++] = strtod(e2e_cell(raw, i, "mib_per_s"), NULL);
		}
		assert_true(n > 0);
		qsort(v, n, sizeof(*v), cmp_double);
		for (size_t i = 0; i < n; i++)
			mean += v[i] / (double)n;
		med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
		assert_int_equal(strtoul(e2e_cell(sum, s, "n"), NULL, 10), n);
		assert_true(fabs(strtod(e2e_cell(sum, s, "mib_per_s_median"), NULL) - med) <= 1e-9 * med);
		assert_true(strtod(e2e_cell(sum, s, "mib_per_s_min"), NULL) == v[0]);
		assert_true(strtod(e2e_cell(sum, s, "mib_per_s_max"), NULL) == v[n - 1]);
		assert_true(fabs(strtod(e2e_cell(sum, s, "mib_per_s_mean"), NULL) - mean) <= 1e-9 * mean);
		checked++;
	}
	assert_true(checked >= 20);
	e2e_table_free(sum);
	e2e_table_free(raw);
	e2e_free(v);
}

/* `mapbench ARGS` into path (exit 0 expected); the file, loaded. */
static struct mb_csv_table *mapbench_csv(const char *path, const char *const *args)
{
	struct e2e_result r;

	e2e_run(&r, NULL, args);
	e2e_expect_exit(&r, 0, args[0]);
	e2e_write_file(path, r.out, strlen(r.out));
	e2e_result_free(&r);
	return e2e_load(path);
}

/* The rows of t whose kind is kind, in order, into rows (at most max). */
static size_t rows_of(const struct mb_csv_table *t, const char *kind, size_t *rows, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nrows; i++)
		if (!strcmp(e2e_cell(t, i, "kind"), kind) && n < max)
			rows[n++] = i;
	return n;
}

/* The row of summary s with these series, pattern, cache, sizes, or -1. */
static long summary_row(const struct mb_csv_table *s, const char *series, const char *pat, const char *cache,
			const char *size, const char *block)
{
	for (size_t i = 0; i < s->nrows; i++)
		if (!strcmp(e2e_cell(s, i, "series"), series) && !strcmp(e2e_cell(s, i, "pattern"), pat) &&
		    !strcmp(e2e_cell(s, i, "cache"), cache) && !strcmp(e2e_cell(s, i, "file_size_bytes"), size) &&
		    !strcmp(e2e_cell(s, i, "block_size_bytes"), block))
			return (long)i;
	return -1;
}

/* throughput_vs_size of the ext4 fixture: seq and rand down, warm and cold
 * across; the block each pattern's panels show (64K for seq, 4K for rand:
 * each measured at both sizes, so the tie rule decides); only rows at that
 * block, each point's values its summary row's own; read, mmap, then
 * memread (the RAM limit) in every column of its pattern. */
static void chart_of_the_fixture(void **state)
{
	static const char *const titles[] = {"seq · warm cache · block 64K", "seq · cold cache · block 64K",
					     "rand · warm cache · block 4K", "rand · cold cache · block 4K"};
	static const char *const pats[] = {"seq", "seq", "rand", "rand"}, *const caches[] = {"warm", "cold"};
	static const char *const blocks[] = {"65536", "65536", "4096", "4096"};
	static const char *const order[] = {"read", "mmap", "memread"}, *const colors[] = {"1", "8", "0"};
	char sp[PATH_MAX], cp[PATH_MAX];
	struct mb_csv_table *sum, *t;
	size_t rows[256], n, expect = 0;

	(void)state;
	e2e_fmt(sp, sizeof(sp), "%s/fx-summary.csv", e2e_tmp);
	e2e_fmt(cp, sizeof(cp), "%s/fx-throughput_vs_size.csv", e2e_tmp);
	sum = mapbench_csv(sp, (const char *const[]){"summarize", FIXTURES "/results-ext4.csv", NULL});
	t = mapbench_csv(cp, (const char *const[]){"chart", "throughput_vs_size", sp, NULL});
	assert_string_equal(e2e_cell(t, 0, "kind"), "chart");
	assert_string_equal(e2e_cell(t, 0, "rows"), "2");
	assert_string_equal(e2e_cell(t, 0, "cols"), "2");
	assert_non_null(strstr(e2e_cell(t, 0, "title"), "Throughput vs file size"));
	assert_non_null(strstr(e2e_cell(t, 0, "title"), "ext4"));
	assert_int_equal(rows_of(t, "panel", rows, 256), 4);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(e2e_cell(t, rows[i], "panel_title"), titles[i]);
	assert_int_equal(rows_of(t, "series", rows, 256), 3);
	for (size_t i = 0; i < 3; i++) {
		char idx[8];

		e2e_fmt(idx, sizeof(idx), "%zu", i + 1);
		assert_string_equal(e2e_cell(t, rows[i], "series"), order[i]);
		assert_string_equal(e2e_cell(t, rows[i], "series_index"), idx);
		assert_string_equal(e2e_cell(t, rows[i], "color_index"), colors[i]);
	}
	assert_string_equal(e2e_cell(t, rows[2], "label"), "memread (RAM limit)");
	n = rows_of(t, "point", rows, 256);
	for (size_t i = 0; i < n; i++) {
		int panel = atoi(e2e_cell(t, rows[i], "panel"));
		const char *series = e2e_cell(t, rows[i], "series");
		long sr;

		assert_true(panel >= 1 && panel <= 4);
		sr = summary_row(sum, series, pats[panel - 1], strcmp(series, "memread") ? caches[(panel - 1) % 2] : "",
				 e2e_cell(t, rows[i], "x"), blocks[panel - 1]);
		if (sr < 0)
			fail_msg("point %zu (%s, panel %d, x %s) is no summary row at the panel's block", i, series,
				 panel, e2e_cell(t, rows[i], "x"));
		assert_string_equal(e2e_cell(t, rows[i], "y"), e2e_cell(sum, (size_t)sr, "mib_per_s_median"));
		assert_string_equal(e2e_cell(t, rows[i], "y_lo"), e2e_cell(sum, (size_t)sr, "mib_per_s_ci_lo"));
		assert_string_equal(e2e_cell(t, rows[i], "y_hi"), e2e_cell(sum, (size_t)sr, "mib_per_s_ci_hi"));
	}
	/* and every summary row at those blocks is drawn: memread once per column */
	for (size_t i = 0; i < sum->nrows; i++) {
		int rand = !strcmp(e2e_cell(sum, i, "pattern"), "rand");

		if (!strcmp(e2e_cell(sum, i, "block_size_bytes"), rand ? "4096" : "65536"))
			expect += strcmp(e2e_cell(sum, i, "method"), "memread") ? 1 : 2;
	}
	assert_int_equal(n, expect);
	e2e_table_free(t);
	e2e_table_free(sum);
}

/* latency_cdf of the fixture's histograms: repetition 1 of the rand rows at
 * 4K blocks on the 1M file only, a point per bucket some operation is
 * slower than, x its upper bound in µs, y the fraction above it. */
static void latency_chart_of_the_fixture(void **state)
{
	char cp[PATH_MAX];
	struct mb_csv_table *lat = e2e_load(FIXTURES "/latency-ext4.csv"), *t;
	size_t rows[4096], n, expect = 0;

	(void)state;
	e2e_fmt(cp, sizeof(cp), "%s/fx-latency_cdf.csv", e2e_tmp);
	t = mapbench_csv(cp, (const char *const[]){"chart", "latency_cdf", FIXTURES "/latency-ext4.csv", NULL});
	assert_non_null(strstr(e2e_cell(t, 0, "title"), "rand · block 4K · file 1M · repetition 1"));
	for (size_t i = 0; i < lat->nrows; i++)
		if (!strcmp(e2e_cell(lat, i, "rep"), "1") && !strcmp(e2e_cell(lat, i, "pattern"), "rand") &&
		    !strcmp(e2e_cell(lat, i, "block_size_bytes"), "4096") &&
		    !strcmp(e2e_cell(lat, i, "file_size_bytes"), "1048576") &&
		    strtod(e2e_cell(lat, i, "cum_fraction"), NULL) < 1)
			expect += strcmp(e2e_cell(lat, i, "method"), "memread") ? 1 : 2;
	n = rows_of(t, "point", rows, 4096);
	assert_true(n > 20);
	assert_int_equal(n, expect);
	for (size_t i = 0; i < n; i++) {
		double y = strtod(e2e_cell(t, rows[i], "y"), NULL);

		assert_true(y > 0 && y < 1);
	}
	e2e_table_free(t);
	e2e_table_free(lat);
}

/* `mapbench chart`: --help names every chart; usage errors exit 2; data that
 * cannot support a chart exits 4 with one line and writes nothing. */
static void chart_exit_codes(void **state)
{
	char sp[PATH_MAX], cp[PATH_MAX];
	struct mb_csv_table *t;
	struct e2e_result r;
	const char *one_block = "series,method,pattern,cache,file_size_bytes,block_size_bytes,mib_per_s_median,"
				"mib_per_s_ci_lo,mib_per_s_ci_hi\nread,read,seq,warm,65536,4096,100,,\n";

	(void)state;
	E2E_RUN(&r, NULL, "chart", "--help");
	e2e_expect_exit(&r, 0, "chart --help");
	for (size_t i = 0; i < NCHARTS; i++)
		assert_non_null(strstr(r.out, all_charts[i]));
	e2e_result_free(&r);

	E2E_RUN(&r, NULL, "chart", "throughput_vs_size");
	e2e_expect_exit(&r, 2, "chart without an input");
	assert_int_equal(e2e_count_lines(r.err), 1);
	e2e_result_free(&r);
	E2E_RUN(&r, NULL, "chart", "no_such_chart", FIXTURES "/results-ext4.csv");
	e2e_expect_exit(&r, 2, "an unknown chart");
	assert_non_null(strstr(r.err, "'no_such_chart' is not a chart"));
	e2e_result_free(&r);
	E2E_RUN(&r, NULL, "chart", "throughput_vs_size", FIXTURES "/results-ext4.csv");
	e2e_expect_exit(&r, 2, "a results file where a summary is drawn");
	assert_non_null(strstr(r.err, "no column 'series'"));
	assert_string_equal(r.out, "");
	e2e_result_free(&r);
	E2E_RUN(&r, NULL, "chart", "--max-rows", "0", "compare", FIXTURES "/results-ext4.csv");
	e2e_expect_exit(&r, 2, "--max-rows 0");
	e2e_result_free(&r);

	e2e_fmt(sp, sizeof(sp), "%s/one-block.csv", e2e_tmp);
	e2e_write_file(sp, one_block, strlen(one_block));
	E2E_RUN(&r, NULL, "chart", "throughput_vs_block", sp);
	e2e_expect_exit(&r, 4, "one block size");
	assert_string_equal(r.err, "mapbench: chart: throughput_vs_block: one block size only (4K)\n");
	assert_string_equal(r.out, "");
	e2e_result_free(&r);
	/* the same data supports the chart against file size */
	e2e_fmt(cp, sizeof(cp), "%s/one-block-chart.csv", e2e_tmp);
	t = mapbench_csv(cp, (const char *const[]){"chart", "throughput_vs_size", sp, NULL});
	assert_string_equal(e2e_cell(t, t->nrows - 1, "kind"), "point");
	e2e_table_free(t);
}

/* gnuplot's side of the protocol: a chart CSV without rows is skipped (exit
 * 4, `skip: NAME: reason`, no file), another chart's CSV refused (exit 2). */
static void gnuplot_skip_protocol(void **state)
{
	char in[PATH_MAX], out[PATH_MAX], png[PATH_MAX + 8], script[PATH_MAX];
	struct e2e_opts o = {.program = "/usr/bin/env"};
	struct e2e_result r;
	struct mb_csv_table *t;

	(void)state;
	e2e_fmt(script, sizeof(script), "%s/plots/throughput_vs_size.gp", MB_SOURCE_DIR);
	e2e_fmt(in, sizeof(in), "%s/no-rows.csv", e2e_tmp);
	e2e_fmt(out, sizeof(out), "%s/no-rows", e2e_tmp);
	t = mapbench_csv(in, (const char *const[]){"chart", "latency_cdf", FIXTURES "/latency-ext4.csv", NULL});
	/* the header alone */
	{
		int fd = open(in, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

		assert_true(fd >= 0);
		assert_int_equal(mb_csv_write_fd(fd, (const char *const *)t->header, t->ncols), 0);
		close(fd);
	}
	E2E_RUN(&r, &o, "gnuplot", "-c", script, in, out);
	e2e_expect_exit(&r, 4, "gnuplot on a chart CSV without rows");
	assert_non_null(strstr(r.err, "skip: throughput_vs_size: no rows in"));
	e2e_fmt(png, sizeof(png), "%s.png", out);
	assert_false(e2e_exists(png));
	e2e_result_free(&r);
	/* latency_cdf's rows are not this chart's */
	e2e_fmt(in, sizeof(in), "%s/other-chart.csv", e2e_tmp);
	e2e_table_free(t);
	t = mapbench_csv(in, (const char *const[]){"chart", "latency_cdf", FIXTURES "/latency-ext4.csv", NULL});
	E2E_RUN(&r, &o, "gnuplot", "-c", script, in, out);
	e2e_expect_exit(&r, 2, "gnuplot on another chart's CSV");
	assert_non_null(strstr(r.err, "holds the chart latency_cdf"));
	e2e_result_free(&r);
	e2e_table_free(t);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(summary_matches_raw_rows),
		E2E_TEST(chart_of_the_fixture),
		E2E_TEST(latency_chart_of_the_fixture),
		E2E_TEST(chart_exit_codes),
		E2E_TEST(gnuplot_skip_protocol),
		E2E_TEST(renders_every_chart),
		E2E_TEST(renders_write_charts),
		E2E_TEST(skips_what_the_data_lacks),
		E2E_TEST(compare_names_the_cpu),
		E2E_TEST(refuses_malformed_input),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, e2e_group_setup, e2e_group_teardown);
}
