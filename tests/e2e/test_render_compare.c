/* test_render_compare.c: plots/render.sh --compare end to end on the
 * committed comparisons (tests/fixtures/compare: kernel 6.6 against 6.1;
 * xfs and btrfs against ext4): the three comparison charts come out as
 * valid PNG (signature, IHDR size) and well-formed SVG (xmllint), each with
 * the chart CSV it was drawn from, a panel per target side, nothing else
 * written; a chart the comparison cannot support is skipped with a line
 * saying why and an earlier render's files of it removed; usage errors
 * exit 2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e.h"
#include "e2e_plots.h"

#define COMPARISONS E2E_FIXTURES "/compare"

static const char *const charts[] = {"compare_ratio", "compare_scatter", "compare_heatmap"};
#define NCHARTS (sizeof(charts) / sizeof(charts[0]))

/* The panel rows of a chart CSV. */
static size_t panels_of(const struct mb_csv_table *t)
{
	size_t n = 0;

	for (size_t r = 0; r < t->nrows; r++)
		n += e2e_is(t, r, "kind", "panel");
	return n;
}

/* Renders the comparison in a fresh folder; every chart is drawn, with
 * its CSV, and the CSVs hold a panel per side where the chart has one. */
static void renders(const char *name, const char *fixture, size_t sides, const char *title)
{
	char dir[PATH_MAX], p[PATH_MAX];
	struct e2e_result r;
	struct mb_csv_table *t;
	unsigned char *svg;
	size_t len;

	e2e_fixture_dir(dir, sizeof(dir), name, fixture, "compare.csv");
	E2E_RENDER(&r, "--compare", dir);
	e2e_expect_exit(&r, 0, "render.sh --compare");
	if (!strstr(r.out, "6 charts (3 PNG + 3 SVG)") || strstr(r.out, "render: skip"))
		fail_msg("%s: not every chart drawn:\n%s%s", name, r.out, r.err);
	e2e_result_free(&r);
	for (size_t i = 0; i < NCHARTS; i++) {
		t = e2e_expect_chart(dir, charts[i]);
		/* ratio and scatter: a panel per side; the heatmap: a row of panels per side at least */
		if (strcmp(charts[i], "compare_heatmap"))
			assert_int_equal(panels_of(t), sides);
		else
			assert_true(panels_of(t) >= 2 * sides);
		e2e_table_free(t);
	}
	/* the ratio chart's title names the compared columns and the sides */
	e2e_chart_path(p, sizeof(p), dir, "compare_ratio", "svg");
	svg = e2e_read_file(p, &len);
	assert_non_null(svg);
	if (!memmem(svg, len, title, strlen(title)))
		fail_msg("%s: no '%s' in its SVG", p, title);
	e2e_free(svg);
	/* the charts' files only: no summary or ratio files of a results folder */
	e2e_fmt(p, sizeof(p), "%s/plots", dir);
	assert_int_equal(e2e_dir_entries(p), 3 * NCHARTS);
}

static void renders_one_side(void **state)
{
	(void)state;
	renders("kernel", COMPARISONS "/compare.csv", 1, "kernel: 6.6.63 ÷ 6.1.119");
}

static void renders_two_sides(void **state)
{
	(void)state;
	renders("three-fs", COMPARISONS "/compare-three-fs.csv", 2, "fs_type · mount_opts: xfs · ");
}

/* The fixture's rows with block col value `only` (NULL: all), and class
 * like made `as`, written to path. */
static void comparison_with(const char *path, const char *only, const char *as)
{
	struct mb_csv_table *t = e2e_load(COMPARISONS "/compare.csv");
	long block = mb_csv_table_col(t, "block_size_bytes"), cls = mb_csv_table_col(t, "class");
	const char **row = e2e_alloc(t->ncols * sizeof(*row));
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	assert_true(fd >= 0 && block >= 0 && cls >= 0);
	assert_int_equal(mb_csv_write_fd(fd, (const char *const *)t->header, t->ncols), 0);
	for (size_t i = 0; i < t->nrows; i++) {
		memcpy(row, t->rows[i], t->ncols * sizeof(*row));
		if (only && *row[block] && strcmp(row[block], only))
			continue;
		if (!strcmp(row[cls], "like"))
			row[cls] = as;
		assert_int_equal(mb_csv_write_fd(fd, row, t->ncols), 0);
	}
	close(fd);
	e2e_free(row);
	e2e_table_free(t);
}

/* One block size: the heatmap is skipped with a line saying why, and the
 * heatmap an earlier render drew from the whole comparison is removed; the
 * other two are drawn. Nothing like: every chart is skipped. */
static void skips_what_the_comparison_lacks(void **state)
{
	char dir[PATH_MAX], p[PATH_MAX];
	struct e2e_result r;

	(void)state;
	e2e_fixture_dir(dir, sizeof(dir), "one-block", COMPARISONS "/compare.csv", "compare.csv");
	E2E_RENDER(&r, "--compare", dir);
	e2e_expect_exit(&r, 0, "render.sh --compare on the whole comparison");
	e2e_result_free(&r);
	e2e_fmt(p, sizeof(p), "%s/compare.csv", dir);
	comparison_with(p, "4096", "like");
	E2E_RENDER(&r, "--compare", dir);
	e2e_expect_exit(&r, 0, "render.sh --compare on one block size");
	if (!strstr(r.out, "render: skip compare_heatmap: one block size only (4K)"))
		fail_msg("no skip line for the heatmap:\n%s%s", r.out, r.err);
	assert_non_null(strstr(r.out, "4 charts (2 PNG + 2 SVG)"));
	e2e_result_free(&r);
	e2e_chart_path(p, sizeof(p), dir, "compare_heatmap", "png");
	assert_false(e2e_exists(p));
	e2e_chart_path(p, sizeof(p), dir, "compare_heatmap", "csv");
	assert_false(e2e_exists(p));
	e2e_chart_path(p, sizeof(p), dir, "compare_ratio", "png");
	e2e_expect_png(p);

	e2e_fmt(p, sizeof(p), "%s/compare.csv", dir);
	comparison_with(p, NULL, "unlike");
	E2E_RENDER(&r, "--compare", dir);
	e2e_expect_exit(&r, 0, "render.sh --compare with nothing like");
	for (size_t i = 0; i < NCHARTS; i++)
		if (!e2e_skip_line(r.out, charts[i]))
			fail_msg("no skip line for %s:\n%s", charts[i], r.out);
	assert_non_null(strstr(r.out, "no like configurations"));
	e2e_result_free(&r);
	e2e_fmt(p, sizeof(p), "%s/plots", dir);
	assert_int_equal(e2e_dir_entries(p), 0);
}

/* Usage errors and a folder without compare.csv: exit 2, one line. */
static void usage_errors(void **state)
{
	struct e2e_result r;

	(void)state;
	E2E_RENDER(&r, "--compare");
	e2e_expect_exit(&r, 2, "render.sh --compare without a folder");
	e2e_result_free(&r);
	E2E_RENDER(&r, "--compare", e2e_tmp, e2e_tmp);
	e2e_expect_exit(&r, 2, "render.sh --compare with two folders");
	e2e_result_free(&r);
	E2E_RENDER(&r, "--compare", e2e_tmp);
	e2e_expect_exit(&r, 2, "render.sh --compare on a folder without compare.csv");
	assert_int_equal(e2e_count_lines(r.err), 1);
	assert_non_null(strstr(r.err, "compare.csv: no such file"));
	e2e_result_free(&r);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(renders_one_side),
		E2E_TEST(renders_two_sides),
		E2E_TEST(skips_what_the_comparison_lacks),
		E2E_TEST(usage_errors),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, e2e_group_setup, e2e_group_teardown);
}
