/* test_chart_compare.c: the comparison charts (compare_ratio,
 * compare_scatter, compare_heatmap) on small `mapbench compare` files: which
 * rows each draws (like configurations with a ratio; never unlike or
 * one-sided ones) and where (the row of a configuration, a panel per target
 * side, the heatmap's panel rows and cells), the geomean's line and band,
 * the reference lines y = k x, the colour scale and which way it runs, the
 * sides and compared columns named in titles and axis labels; the reasons
 * a chart cannot be drawn (-ENODATA) and input it refuses (-EINVAL). */
#include "unit.h"

#include <math.h>

#include "chart.h"
#include "chart_model.h"

#include "chart_helpers.h"

#define HDR "baseline,side,compared,label,series,method,pattern,cache,file_size_bytes,block_size_bytes," \
	"target,sync,metric,better,base_median,base_ci_lo,base_ci_hi,target_median,target_ci_lo," \
	"target_ci_hi,ratio,ratio_ci_lo,ratio_ci_hi,ci_level,mark,class,reason,n_faster,n_slower,n_same\n"
#define K66 "kernel=6.1,kernel=6.6,kernel,"
#define K68 "kernel=6.1,kernel=6.8,kernel,"
#define M1 "1048576"
#define M16 "16777216"

/* kernel 6.6 against 6.1: five like configurations (one without CIs, one
 * too small to tell), one unlike, one on each side only, the geomean. */
static const char *const one_side =
	HDR
	K66 "read warm seq 1M/4K,read,read,seq,warm," M1 ",4096,,,mib_per_s,higher,1000,990,1010,1100,1090,1110,1.1,1.08,1.12,0.95,faster,like,,,,\n"
	K66 "mmap warm seq 1M/4K,mmap,mmap,seq,warm," M1 ",4096,,,mib_per_s,higher,2000,1990,2010,1800,1790,1810,0.9,0.88,0.92,0.9,slower,like,,,,\n"
	K66 "mmap warm seq 16M/4K,mmap,mmap,seq,warm," M16 ",4096,,,mib_per_s,higher,2000,,,2008,,,1.004,,,0.95,~,like,,,,\n"
	K66 "mmap advice=random warm seq 16M/128K,mmap advice=random,mmap,seq,warm," M16 ",131072,,,mib_per_s,higher,3000,2900,3100,3300,3200,3400,1.1,1.05,1.15,0.9,~,like,n < 5,,,\n"
	K66 "read warm rand 1M/4K,read,read,rand,warm," M1 ",4096,,,mib_per_s,higher,500,490,510,1000,990,1010,2,1.9,2.1,0.95,faster,like,,,,\n"
	K66 "pread warm seq 1M/4K,pread,pread,seq,warm," M1 ",4096,,,mib_per_s,higher,1000,,,500,,,,,,,,unlike,warm not reached on side: 97.3% resident,,,\n"
	K66 "read cold seq 1M/4K,read,read,seq,cold," M1 ",4096,,,mib_per_s,higher,100,,,,,,,,,,,base_only,,,,\n"
	K66 "pread cold seq 1M/4K,pread,pread,seq,cold," M1 ",4096,,,mib_per_s,higher,,,,90,,,,,,,,side_only,,,,\n"
	K66 "geomean,,,,,,,,,mib_per_s,higher,,,,,,,1.05,1,1.1,0.95,,geomean,,2,1,2\n";

/* ... and kernel 6.8 against the same 6.1: mmap like, read unlike, and a
 * configuration compared on 6.8 only. */
static const char *const side_68 =
	K68 "read warm seq 1M/4K,read,read,seq,warm," M1 ",4096,,,mib_per_s,higher,1000,990,1010,500,,,0.5,,,,,unlike,error rows: 2 on side,,,\n"
	K68 "mmap warm seq 1M/4K,mmap,mmap,seq,warm," M1 ",4096,,,mib_per_s,higher,2000,1990,2010,2200,2190,2210,1.1,1.09,1.11,0.95,faster,like,,,,\n"
	K68 "pread warm seq 16M/4K,pread,pread,seq,warm," M16 ",4096,,,mib_per_s,higher,900,,,810,,,0.9,0.85,0.95,0.95,slower,like,,,,\n"
	K68 "geomean,,,,,,,,,mib_per_s,higher,,,,,,,0.995,0.9,1.1,0.95,,geomean,,1,1,0\n";

static int make(struct mb_chart *c, const char *name, const char *csv, const struct mb_chart_request *more,
		char *err, size_t errlen)
{
	return chart_of(c, name, csv, more, err, errlen);
}

/* The point of panel `panel` whose mark is mark and x is x, or fail. */
static const struct mb_chart_point *point(const struct mb_chart *c, size_t panel, const char *mark, double x)
{
	for (size_t i = 0; i < c->npoints; i++)
		if (c->points[i].panel == panel && !strcmp(c->points[i].mark, mark) && c->points[i].x == x)
			return &c->points[i];
	fail_msg("no %s point at x %g in panel %zu", mark, x, panel);
	return NULL;
}

static size_t marked(const struct mb_chart *c, const char *mark)
{
	size_t n = 0;

	for (size_t i = 0; i < c->npoints; i++)
		n += !strcmp(c->points[i].mark, mark);
	return n;
}

/* A row per like configuration in the file's order, its ratio and CI (a
 * missing end: the ratio), its mark; the geomean across the panel; the
 * sides in the title and x label; what is not drawn counted in the note. */
static void ratio_rows(void **state)
{
	const struct mb_chart_point *p;
	struct mb_chart c;
	struct mb_chart_request rq = {.max_rows = 2};
	char err[256];

	(void)state;
	assert_int_equal(make(&c, "compare_ratio", one_side, NULL, err, sizeof(err)), 0);
	assert_int_equal(c.rows, 1);
	assert_int_equal(c.cols, 1);
	assert_int_equal(c.npoints, 6); /* five like rows and the geomean */
	p = point(&c, 1, "faster", 1.1);
	assert_true(p->y == 1 && p->x_lo == 1.08 && p->x_hi == 1.12);
	assert_string_equal(p->label, "read warm seq 1M/4K");
	assert_int_equal(mb_chart_series_of(&c, p->series)->color, 1);
	p = point(&c, 1, "slower", 0.9);
	assert_true(p->y == 2 && mb_chart_series_of(&c, p->series)->color == 8);
	p = point(&c, 1, "~", 1.004);
	assert_true(p->y == 3 && p->x_lo == 1.004 && p->x_hi == 1.004);
	p = point(&c, 1, "faster", 2);
	assert_true(p->y == 5);
	p = point(&c, 1, "geomean", 1.05);
	assert_true(p->series == 0 && p->x_lo == 1 && p->x_hi == 1.1);
	assert_true(fabs(p->y_lo - 0.3) < 1e-9 && fabs(p->y_hi - 5.7) < 1e-9);
	assert_int_equal(c.ntics > 5, 1);
	for (size_t i = 0; i < c.ntics; i++)
		if (c.tics[i].axis == 'y' && c.tics[i].at == 4)
			assert_string_equal(c.tics[i].label, "mmap advice=random warm seq 16M/128K");
	assert_true(c.panels[0].x_min < 0.88 && c.panels[0].x_max > 2.1);
	assert_true(fabs(c.panels[0].y_min - 5.7) < 1e-9 && fabs(c.panels[0].y_max - 0.3) < 1e-9);
	assert_string_equal(c.title, "kernel: 6.6 ÷ 6.1 · throughput (MiB/s) · ratio of medians per configuration");
	assert_string_equal(c.panels[0].title, "6.6 ÷ 6.1 · geomean 1.050× (1.000–1.100) · 2 faster · 1 slower · 2 ~");
	assert_string_equal(c.x_label, "6.6 ÷ 6.1 (×; log; > 1: 6.6 faster)");
	assert_contains(c.note, "real coverage 90–95%");
	assert_contains(c.note, "not drawn: 1 unlike · 1 baseline only · 1 side only");
	assert_true(c.label_width > 0);
	mb_chart_free(&c);
	/* at most max_rows configurations, the geomean across them */
	assert_int_equal(make(&c, "compare_ratio", one_side, &rq, err, sizeof(err)), 0);
	assert_int_equal(c.npoints, 3);
	assert_contains(c.note, "first 2 of 5 configurations");
	assert_true(fabs(point(&c, 1, "geomean", 1.05)->y_hi - 2.7) < 1e-9);
	mb_chart_free(&c);
}

/* Two target sides: a panel each, the rows the union of their like
 * configurations (a configuration on the same row in both). */
static void ratio_two_sides(void **state)
{
	char csv[8192], err[256];
	struct mb_chart c;

	(void)state;
	snprintf(csv, sizeof(csv), "%s%s", one_side, side_68);
	assert_int_equal(make(&c, "compare_ratio", csv, NULL, err, sizeof(err)), 0);
	assert_int_equal(c.cols, 2);
	assert_int_equal(points_in(&c, 1, 1, NULL), 6);
	assert_int_equal(points_in(&c, 1, 2, NULL), 3); /* mmap, pread, the geomean */
	assert_true(point(&c, 2, "faster", 1.1)->y == 2);  /* mmap warm seq 1M/4K: row 2 as on 6.6 */
	assert_true(point(&c, 2, "slower", 0.9)->y == 6);  /* the sixth configuration */
	assert_string_equal(c.panels[1].title, "6.8 ÷ 6.1 · geomean 0.995× (0.900–1.100) · 1 faster · 1 slower · 0 ~");
	assert_contains(c.title, "kernel: 6.6 and 6.8 ÷ 6.1 · ");
	assert_string_equal(c.x_label, "side ÷ 6.1 (×; log; > 1: the side faster)");
	assert_contains(c.note, "not drawn: 2 unlike");
	mb_chart_free(&c);
}

/* Each like configuration at (baseline median, target median) with both
 * CIs, by series; the lines y = x and ±10% across the panel; equal log
 * axes; the sides and the measure on the axes. */
static void scatter_points(void **state)
{
	const struct mb_chart_point *p;
	struct mb_chart c;
	char err[256];

	(void)state;
	assert_int_equal(make(&c, "compare_scatter", one_side, NULL, err, sizeof(err)), 0);
	assert_int_equal(c.npoints, 5 + 6);
	p = point(&c, 1, "faster", 1000);
	assert_true(p->x_lo == 990 && p->x_hi == 1010 && p->y == 1100 && p->y_lo == 1090 && p->y_hi == 1110);
	p = point(&c, 1, "~", 2000); /* no CIs: the medians */
	assert_true(p->x_lo == 2000 && p->y == 2008 && p->y_hi == 2008);
	assert_int_equal(series(&c, "mmap advice=random")->color, 8);
	assert_int_equal(series(&c, "mmap advice=random")->variant, 1);
	assert_int_equal(c.nseries, 3);
	assert_int_equal(marked(&c, "y=x") + marked(&c, "+10%") + marked(&c, "-10%"), 6);
	for (size_t i = 0; i < c.npoints; i++) {
		const struct mb_chart_point *q = &c.points[i];
		double k = !strcmp(q->mark, "y=x") ? 1 : !strcmp(q->mark, "+10%") ? 1.1 : !strcmp(q->mark, "-10%") ? 0.9 : 0;

		if (k > 0) {
			assert_true(q->series == 0 && fabs(q->y - k * q->x) < 1e-9 * q->y);
			assert_true(q->x == c.panels[0].x_min || q->x == c.panels[0].x_max);
		}
	}
	assert_string_equal(c.x_scale, "log10");
	assert_string_equal(c.y_scale, "log10");
	assert_true(c.panels[0].x_min == c.panels[0].y_min && c.panels[0].x_max == c.panels[0].y_max);
	assert_true(c.panels[0].x_min < 490 && c.panels[0].x_max > 3400);
	assert_string_equal(c.x_label, "kernel 6.1 (baseline): throughput (MiB/s)");
	assert_string_equal(c.y_label, "kernel 6.6: throughput (MiB/s)");
	assert_string_equal(c.panels[0].title, "6.6 vs 6.1");
	mb_chart_free(&c);
}

/* Cells over file size x block size at their places; a panel row per
 * pattern and cache state, its panels the series compared there (left
 * first); the colour scale symmetric around 1, reversed where lower is
 * faster. */
static void heatmap_cells(void **state)
{
	const struct mb_chart_point *p;
	struct mb_chart c;
	char err[256], csv[8192];
	char *at;

	(void)state;
	assert_int_equal(make(&c, "compare_heatmap", one_side, NULL, err, sizeof(err)), 0);
	assert_int_equal(c.rows, 2);
	assert_int_equal(c.cols, 3);
	assert_string_equal(c.panels[0].title, "read · seq · warm cache");
	assert_string_equal(c.panels[2].title, "mmap advice=random · seq · warm cache");
	assert_string_equal(c.panels[3].title, "read · rand · warm cache");
	assert_string_equal(c.panels[4].title, ""); /* the rand row has one panel */
	assert_int_equal(c.panels[4].points, 0);
	assert_int_equal(points_in(&c, 1, 2, NULL), 2);
	p = point(&c, 2, "~", 2); /* mmap 16M/4K: the second size, the first block */
	assert_true(p->y == 1 && p->value == 1.004);
	assert_string_equal(p->label, "1.00 ~");
	p = point(&c, 1, "faster", 1);
	assert_true(p->y == 1 && p->value == 1.1);
	assert_string_equal(p->label, "1.10");
	assert_true(point(&c, 3, "~", 2)->y == 2); /* 16M/128K */
	assert_true(c.z_min == 0.5 && c.z_max == 2); /* the largest ratio, 2 */
	assert_contains(c.note, "colours clamped to 0.5..2");
	assert_string_equal(c.z_label, "6.6 ÷ 6.1 (> 1: 6.6 faster)");
	assert_int_equal(c.ntics, 4);
	mb_chart_free(&c);
	/* a measure where lower is faster: red (the top) for below 1 */
	snprintf(csv, sizeof(csv), "%s", one_side);
	while ((at = strstr(csv, "mib_per_s,higher")))
		memcpy(at, "total_ns,lower  ", 16);
	assert_int_equal(make(&c, "compare_heatmap", csv, NULL, err, sizeof(err)), 0);
	assert_true(c.z_min == 2 && c.z_max == 0.5);
	assert_string_equal(c.z_label, "6.6 ÷ 6.1 (> 1: 6.6 slower)");
	assert_contains(c.title, "total_ns (ns)");
	mb_chart_free(&c);
}

/* Two sides: the heatmap's panel rows repeat per side, named by it. */
static void heatmap_two_sides(void **state)
{
	char csv[8192], err[256];
	struct mb_chart c;

	(void)state;
	snprintf(csv, sizeof(csv), "%s%s", one_side, side_68);
	assert_int_equal(make(&c, "compare_heatmap", csv, NULL, err, sizeof(err)), 0);
	assert_int_equal(c.rows, 3);
	assert_string_equal(c.panels[0].title, "read · seq · warm cache · 6.6");
	assert_string_equal(c.panels[6].title, "mmap · seq · warm cache · 6.8");
	assert_string_equal(c.panels[7].title, "pread · seq · warm cache · 6.8");
	assert_string_equal(c.z_label, "side ÷ 6.1 (> 1: the side faster)");
	mb_chart_free(&c);
}

/* Reads and writes in one comparison: the reads, which have no write
 * target or sync mode, keep their panel rows beside the writes'. */
static void heatmap_reads_and_writes(void **state)
{
	char csv[8192], err[256];
	struct mb_chart c;

	(void)state;
	snprintf(csv, sizeof(csv), "%s%s", one_side,
		 K66 "write write warm seq 1M/4K,write write,write,seq,warm," M1 ",4096,rewrite,none,mib_per_s,higher,800,790,810,880,870,890,1.1,1.08,1.12,0.95,faster,like,,,,\n");
	assert_int_equal(make(&c, "compare_heatmap", csv, NULL, err, sizeof(err)), 0);
	assert_int_equal(c.rows, 3);
	assert_string_equal(c.panels[0].title, "read · seq · warm cache");
	assert_string_equal(c.panels[3].title, "write write · seq · warm cache · rewrite · sync none");
	assert_string_equal(c.panels[6].title, "read · rand · warm cache");
	mb_chart_free(&c);
}

/* Sides named by several columns: their values, " · " between them; a
 * value holding ';' kept whole. */
static void sides_of_several_columns(void **state)
{
	static const char *const fs = HDR
		"\"fs_type=ext4;mount_opts=rw,relatime\",\"fs_type=xfs;mount_opts=rw;attr2\",fs_type;mount_opts,"
		"read warm seq 1M/4K,read,read,seq,warm," M1 ",4096,,,mib_per_s,higher,1000,990,1010,1100,1090,"
		"1110,1.1,1.08,1.12,0.95,faster,like,,,,\n";
	struct mb_chart c;
	char err[256];

	(void)state;
	assert_int_equal(make(&c, "compare_scatter", fs, NULL, err, sizeof(err)), 0);
	assert_contains(c.title, "fs_type · mount_opts: xfs · rw;attr2 vs ext4 · rw,relatime · ");
	assert_string_equal(c.x_label, "ext4 · rw,relatime (baseline): throughput (MiB/s)");
	assert_string_equal(c.y_label, "xfs · rw;attr2: throughput (MiB/s)");
	mb_chart_free(&c);
}

/* A configuration without a label is named by its series. */
static void unlabelled_rows(void **state)
{
	static const char *const unlabelled = HDR
		K66 ",mmap advice=random,mmap,seq,warm," M1 ",4096,,,mib_per_s,higher,1000,,,1100,,,1.1,,,,~,like,,,,\n";
	struct mb_chart c;
	char err[256];

	(void)state;
	assert_int_equal(make(&c, "compare_ratio", unlabelled, NULL, err, sizeof(err)), 0);
	assert_int_equal(c.npoints, 1);
	assert_string_equal(c.points[0].label, "mmap advice=random");
	assert_int_equal(c.tics[0].axis, 'y'); /* the rows' tics come first */
	assert_string_equal(c.tics[0].label, "mmap advice=random");
	mb_chart_free(&c);
}

/* What the data cannot support, and input that is not a comparison. */
static void cannot_support(void **state)
{
	static const char *const one_size = HDR
		K66 "read warm seq 1M/4K,read,read,seq,warm," M1 ",4096,,,mib_per_s,higher,1000,,,1100,,,1.1,,,,~,like,,,,\n"
		K66 "read warm seq 1M/1M,read,read,seq,warm," M1 ",1048576,,,mib_per_s,higher,1000,,,1100,,,1.1,,,,~,like,,,,\n";
	static const char *const nothing_like = HDR
		K66 "pread warm seq 1M/4K,pread,pread,seq,warm," M1 ",4096,,,mib_per_s,higher,1000,,,500,,,,,,,,unlike,x,,,\n";
	static const char *const charts[] = {"compare_ratio", "compare_scatter", "compare_heatmap"};
	struct mb_chart c;
	char err[256];

	(void)state;
	assert_int_equal(make(&c, "compare_heatmap", one_size, NULL, err, sizeof(err)), -ENODATA);
	assert_string_equal(err, "one file size only (1M): the ratio chart shows these");
	mb_chart_free(&c);
	assert_int_equal(make(&c, "compare_ratio", one_size, NULL, err, sizeof(err)), 0);
	mb_chart_free(&c);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(make(&c, charts[i], nothing_like, NULL, err, sizeof(err)), -ENODATA);
		assert_string_equal(err, "no like configurations: every row is unlike or one-sided");
		mb_chart_free(&c);
		assert_int_equal(make(&c, charts[i], HDR, NULL, err, sizeof(err)), -ENODATA);
		mb_chart_free(&c);
		assert_int_equal(make(&c, charts[i], "series,method,ratio\nread,read,1\n", NULL, err, sizeof(err)),
				 -EINVAL);
		assert_contains(err, "no column 'baseline'");
		assert_contains(err, "mapbench compare --format csv");
		mb_chart_free(&c);
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ratio_rows),
		cmocka_unit_test(ratio_two_sides),
		cmocka_unit_test(scatter_points),
		cmocka_unit_test(heatmap_cells),
		cmocka_unit_test(heatmap_two_sides),
		cmocka_unit_test(heatmap_reads_and_writes),
		cmocka_unit_test(sides_of_several_columns),
		cmocka_unit_test(unlabelled_rows),
		cmocka_unit_test(cannot_support),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
