/* test_render.c: the plot path end to end on the committed fixtures
 * (tests/fixtures): summarize statistics against values computed here,
 * plots/render.sh into valid PNG (signature, IHDR size) and SVG (well-formed
 * XML, by xmllint) charts, the charts a dataset cannot support skipped with a
 * line, two result sets that differ in the CPU alone compared by it, malformed
 * input refused with its line number and no chart left behind, and `mapbench
 * report` writing a REPORT.md that embeds them. */
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

#define FIXTURES MB_SOURCE_DIR "/tests/fixtures"
#define RENDER MB_SOURCE_DIR "/plots/render.sh"

static const char *const all_charts[] = {
	"throughput_vs_size", "throughput_vs_block", "mmap_read_heatmap", "latency_percentiles",
	"latency_cdf", "faults_per_mib", "cpu_split", "cold_warm_ratio", "compare",
};
#define NCHARTS (sizeof(all_charts) / sizeof(all_charts[0]))

static void copy_file(const char *from, const char *to)
{
	size_t len;
	unsigned char *b = e2e_read_file(from, &len);

	assert_non_null(b);
	e2e_write_file(to, b, len);
	e2e_free(b);
}

/* A fresh results folder named name holding the fixture as results.csv. */
static void results_dir(char *dir, size_t len, const char *name, const char *fixture)
{
	char p[PATH_MAX];

	e2e_fmt(dir, len, "%s/%s", e2e_tmp, name);
	e2e_rmrf(dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	e2e_fmt(p, sizeof(p), "%s/results.csv", dir);
	copy_file(fixture, p);
}

static void render(struct e2e_result *r, const char *dir, const char *more)
{
	char env[PATH_MAX + 16];
	const char *const envs[] = {env, NULL};
	struct e2e_opts o = {.program = RENDER, .env = envs};

	e2e_fmt(env, sizeof(env), "MAPBENCH=%s", e2e_bin);
	if (more)
		E2E_RUN(r, &o, dir, more);
	else
		E2E_RUN(r, &o, dir);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A PNG: the signature, then an IHDR chunk of 13 bytes with a sane size. */
static void expect_png(const char *path)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	size_t len;
	unsigned char *b = e2e_read_file(path, &len);

	if (!b)
		fail_msg("%s: missing", path);
	if (len < 33 || memcmp(b, sig, 8) || be32(b + 8) != 13 || memcmp(b + 12, "IHDR", 4))
		fail_msg("%s: not a PNG (%zu bytes)", path, len);
	if (be32(b + 16) < 600 || be32(b + 20) < 400 || be32(b + 16) > 8000 || be32(b + 20) > 8000)
		fail_msg("%s: %ux%u pixels", path, be32(b + 16), be32(b + 20));
	if (len < 5000)
		fail_msg("%s: only %zu bytes: an empty chart?", path, len);
	e2e_free(b);
}

/* An SVG: well-formed XML (xmllint) whose root element is svg. */
static void expect_svg(const char *path)
{
	char cmd[PATH_MAX + 64];
	size_t len;
	unsigned char *b = e2e_read_file(path, &len);

	if (!b)
		fail_msg("%s: missing", path);
	if (!strstr((char *)b, "<svg"))
		fail_msg("%s: no <svg element", path);
	e2e_free(b);
	e2e_fmt(cmd, sizeof(cmd), "xmllint --noout '%s' 2>&1", path);
	if (system(cmd) != 0)
		fail_msg("%s: not well-formed XML (xmllint)", path);
}

static void chart_path(char *p, size_t len, const char *dir, const char *name, const char *ext)
{
	e2e_fmt(p, len, "%s/plots/%s.%s", dir, name, ext);
}

/* Every chart, PNG and SVG, from the ext4 run plus the tmpfs run (for the
 * comparison), then the report that embeds them. */
static void renders_every_chart(void **state)
{
	char dir[PATH_MAX], p[PATH_MAX];
	struct e2e_result r;
	unsigned char *md;
	size_t len;

	(void)state;
	results_dir(dir, sizeof(dir), "full", FIXTURES "/results-ext4.csv");
	e2e_fmt(p, sizeof(p), "%s/latency.csv", dir);
	copy_file(FIXTURES "/latency-ext4.csv", p);
	render(&r, dir, FIXTURES "/results-tmpfs.csv");
	e2e_expect_exit(&r, 0, "render.sh");
	e2e_result_free(&r);
	for (size_t i = 0; i < NCHARTS; i++) {
		chart_path(p, sizeof(p), dir, all_charts[i], "png");
		expect_png(p);
		chart_path(p, sizeof(p), dir, all_charts[i], "svg");
		expect_svg(p);
	}
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

/* 1 if some line of text says chart was skipped. */
static int skip_line(const char *text, const char *chart)
{
	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		const char *end = strchr(l, '\n'), *s = strstr(l, "skip"), *c = strstr(l, chart);

		if (s && c && (!end || (s < end && c < end)))
			return 1;
	}
	return 0;
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
	render(&r, dir, NULL);
	e2e_expect_exit(&r, 0, "render.sh on warm sequential rows");
	for (size_t i = 0; i < sizeof(skipped) / sizeof(skipped[0]); i++) {
		chart_path(p, sizeof(p), dir, skipped[i], "png");
		if (e2e_exists(p))
			fail_msg("%s written, but the data cannot support it", p);
		if (!skip_line(r.out, skipped[i]) && !skip_line(r.err, skipped[i]))
			fail_msg("no skip line for %s; output:\n%s%s", skipped[i], r.out, r.err);
	}
	chart_path(p, sizeof(p), dir, "throughput_vs_size", "png");
	expect_png(p);
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
	render(&r, dir, other);
	e2e_expect_exit(&r, 0, "render.sh with two CPUs");
	e2e_result_free(&r);
	e2e_fmt(p, sizeof(p), "%s/plots/ratio-compare.csv", dir);
	t = e2e_load(p);
	assert_true(t->nrows > 0);
	assert_string_equal(e2e_cell(t, 0, "by"), "cpu_family");
	assert_string_equal(e2e_cell(t, 0, "num"), "26");
	assert_string_equal(e2e_cell(t, 0, "also_differ"), "cpu_model_id 2 vs 1");
	e2e_table_free(t);
	chart_path(p, sizeof(p), dir, "compare", "png");
	expect_png(p);
	chart_path(p, sizeof(p), dir, "compare", "svg");
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
		render(&r, dir, NULL);
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

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(summary_matches_raw_rows),
		E2E_TEST(renders_every_chart),
		E2E_TEST(skips_what_the_data_lacks),
		E2E_TEST(compare_names_the_cpu),
		E2E_TEST(refuses_malformed_input),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, e2e_group_setup, e2e_group_teardown);
}
