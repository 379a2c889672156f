/* test_chart.c: the charts' data (chart.c and its builders) on small
 * summaries, ratio and latency files: which rows each chart keeps and in
 * which panel, the series' display order, colour indices and variants, the
 * titles and axes; the reasons a chart cannot be drawn (-ENODATA) and input
 * it refuses (-EINVAL, naming the column or line); and the CSV the charts
 * are written as (chart_write.c), read back with libcsv. */
#include "unit.h"

#include <math.h>

#include "chart.h"
#include "chart_model.h"
#include "csvio.h"

#include "chart_helpers.h"

#define SUMMARY_HDR "host,kernel,fs_type,series,method,pattern,cache,file_size_bytes,block_size_bytes," \
	"mib_per_s_median,mib_per_s_ci_lo,mib_per_s_ci_hi\n"

/* Chart `name` of csv; its status, c filled (free with mb_chart_free). */
static int make(struct mb_chart *c, const char *name, const char *csv, const struct mb_chart_request *more,
		char *err, size_t errlen)
{
	return chart_of(c, name, csv, more, err, errlen);
}

/* The summary of a small matrix: seq at 64K blocks on three sizes (and one
 * 1M-block row at 1M), rand at 4K, warm and cold; two variants of mmap, a
 * method without a colour of its own, and memread. */
static const char *const matrix =
	SUMMARY_HDR
	"vm,6.18,ext4,read,read,seq,cold,65536,65536,500,450,550\n"
	"vm,6.18,ext4,read,read,seq,warm,1048576,65536,9000,8000,10000\n"
	"vm,6.18,ext4,read,read,seq,warm,65536,65536,8000,,\n"
	"vm,6.18,ext4,read,read,seq,warm,16777216,65536,9500,9000,9900\n"
	"vm,6.18,ext4,read,read,seq,cold,1048576,65536,900,850,950\n"
	"vm,6.18,ext4,read,read,seq,warm,1048576,1048576,12000,11000,13000\n"
	"vm,6.18,ext4,mmap advice=random,mmap,seq,warm,65536,65536,4000,3900,4100\n"
	"vm,6.18,ext4,mmap,mmap,seq,warm,65536,65536,5000,4900,5100\n"
	"vm,6.18,ext4,memread,memread,seq,,65536,65536,70000,60000,80000\n"
	"vm,6.18,ext4,fread,fread,seq,warm,65536,65536,3000,2900,3100\n"
	"vm,6.18,ext4,read,read,rand,warm,65536,4096,4000,3900,4100\n"
	"vm,6.18,ext4,read,read,rand,cold,65536,4096,300,290,310\n"
	"vm,6.18,ext4,read,read,rand,warm,65536,65536,,,\n";

static void throughput_vs_size_panels(void **state)
{
	struct mb_chart c;
	char err[256];
	const struct mb_chart_series *rd, *mm, *mmr, *mem, *fr;

	(void)state;
	assert_int_equal(make(&c, "throughput_vs_size", matrix, NULL, err, sizeof(err)), 0);
	/* patterns down (seq, rand), cache states across (warm, cold) */
	assert_int_equal(c.rows, 2);
	assert_int_equal(c.cols, 2);
	assert_string_equal(c.panels[0].title, "seq · warm cache · block 64K");
	assert_string_equal(c.panels[1].title, "seq · cold cache · block 64K");
	assert_string_equal(c.panels[2].title, "rand · warm cache · block 4K");
	assert_string_equal(c.panels[3].title, "rand · cold cache · block 4K");
	/* the 1M-block row is not drawn: 64K was measured at more sizes */
	assert_int_equal(points_in(&c, 1, 1, "read"), 3);
	assert_int_equal(points_in(&c, 1, 2, "read"), 2);
	for (size_t i = 0; i < c.npoints; i++)
		assert_true(c.points[i].x != 1048576 || c.points[i].y != 12000);
	/* memread, which reads no file, in both columns of its pattern */
	assert_int_equal(points_in(&c, 1, 1, "memread"), 1);
	assert_int_equal(points_in(&c, 1, 2, "memread"), 1);
	assert_int_equal(points_in(&c, 2, 1, "memread"), 0);
	/* methods in order of first appearance, a method's variants after it,
	 * memread last; one colour per method, variants numbered */
	rd = series(&c, "read"), mmr = series(&c, "mmap advice=random"), mm = series(&c, "mmap");
	mem = series(&c, "memread"), fr = series(&c, "fread");
	assert_int_equal(rd->place, 1);
	assert_int_equal(mmr->place, 2);
	assert_int_equal(mm->place, 3);
	assert_int_equal(fr->place, 4);
	assert_int_equal(mem->place, 5);
	assert_int_equal(rd->color, 1);
	assert_int_equal(mm->color, 8);
	assert_int_equal(mmr->color, 8);
	assert_int_equal(mem->color, 0);
	assert_true(fr->color >= 11 && fr->color < 19);
	assert_int_equal(mmr->variant, 0);
	assert_int_equal(mm->variant, 1);
	assert_true(mem->limit && !rd->limit);
	/* a missing CI end is the median; points of a series in order of x */
	for (size_t i = 0; i < c.npoints; i++) {
		const struct mb_chart_point *p = &c.points[i];

		if (p->y == 8000)
			assert_true(p->y_lo == 8000 && p->y_hi == 8000);
		if (i > 0 && p->panel == c.points[i - 1].panel && p->series == c.points[i - 1].series)
			assert_true(p->x > c.points[i - 1].x);
	}
	/* axes: sizes on log2 with a tic each; throughput on a padded log10 */
	assert_string_equal(c.x_scale, "log2");
	assert_string_equal(c.y_scale, "log10");
	assert_int_equal(c.ntics, 3);
	assert_true(c.panels[0].y_min < 290 && c.panels[0].y_max > 80000);
	assert_string_equal(c.title, "Throughput vs file size (MiB/s; median; 95% CI)  —  host vm · kernel 6.18 · ext4");
	assert_true(c.width >= 140 + 2 * 470 && c.height >= 56 + 2 * 380 && c.key_width > 80);
	mb_chart_free(&c);
}

static void throughput_vs_block_panels(void **state)
{
	struct mb_chart c;
	char err[256];

	(void)state;
	assert_int_equal(make(&c, "throughput_vs_block", matrix, NULL, err, sizeof(err)), 0);
	/* seq: 1M has two blocks (64K, 1M), 64K as many: the larger file */
	assert_string_equal(c.panels[0].title, "seq · warm cache · file 1M");
	assert_int_equal(points_in(&c, 1, 1, "read"), 2);
	/* rand: 64K, the only size */
	assert_string_equal(c.panels[2].title, "rand · warm cache · file 64K");
	assert_string_equal(c.x_label, "block size (bytes per read or touch)");
	mb_chart_free(&c);
}

/* Where the data cannot support a chart: -ENODATA and why, one line. */
static void cannot_support(void **state)
{
	struct mb_chart c;
	char err[256];

	(void)state;
	assert_int_equal(make(&c, "throughput_vs_size", SUMMARY_HDR
			      "vm,6.18,ext4,memread,memread,seq,,65536,4096,70000,,\n", NULL, err, sizeof(err)),
			 -ENODATA);
	assert_string_equal(err, "no rows with a throughput (mib_per_s_median) of a file method");
	mb_chart_free(&c);
	assert_int_equal(make(&c, "throughput_vs_block", SUMMARY_HDR
			      "vm,6.18,ext4,read,read,seq,warm,65536,4096,7000,,\n"
			      "vm,6.18,ext4,read,read,seq,warm,1048576,4096,8000,,\n", NULL, err, sizeof(err)),
			 -ENODATA);
	assert_string_equal(err, "one block size only (4K)");
	mb_chart_free(&c);
	assert_int_equal(make(&c, "throughput_vs_size", SUMMARY_HDR, NULL, err, sizeof(err)), -ENODATA);
	mb_chart_free(&c);
}

/* An input that is not what the chart draws: -EINVAL naming what is wrong. */
static void refuses_input(void **state)
{
	struct mb_chart c;
	char err[256];
	struct mb_chart_request rq = {.name = "no_such_chart", .input = "x.csv"};

	(void)state;
	assert_int_equal(make(&c, "throughput_vs_size", "status,method\nok,read\n", NULL, err, sizeof(err)),
			 -EINVAL);
	assert_contains(err, "no column 'series'");
	assert_contains(err, "mapbench summarize");
	mb_chart_free(&c);
	assert_int_equal(make(&c, "throughput_vs_size", SUMMARY_HDR "vm,6.18,ext4,read,read,seq,warm,65536,4096,fast,,\n",
			      NULL, err, sizeof(err)), -EINVAL);
	assert_contains(err, "line 2: mib_per_s_median 'fast' is not a number");
	mb_chart_free(&c);
	assert_int_equal(mb_chart_make(&rq, &c, err, sizeof(err)), -EINVAL);
	assert_contains(err, "'no_such_chart' is not a chart");
	mb_chart_free(&c);
}

#define RATIO_HDR "host,method,pattern,cache,file_size_bytes,block_size_bytes,series,label,by,num,den," \
	"metric,ratio,ratio_ci_lo,ratio_ci_hi,ratio_ci_level,significant,also_differ\n"

/* The heatmap: one series, cells at the ranks of their sizes. */
static void heatmap_cells(void **state)
{
	static const char *const ratio = RATIO_HDR
		"vm,,seq,warm,65536,4096,mmap,,method,mmap,read,mib_per_s,0.5,0.4,0.6,0.9,yes,\n"
		"vm,,seq,warm,1048576,65536,mmap,,method,mmap,read,mib_per_s,2,1.5,2.5,0.9,~,\n"
		"vm,,seq,cold,1048576,65536,mmap,,method,mmap,read,mib_per_s,3,2,4,0.9,yes,\n"
		"vm,,rand,warm,65536,4096,mmap advice=random,,method,mmap,read,mib_per_s,1.2,1,1.4,0.9,yes,\n";
	struct mb_chart c;
	struct mb_chart_request rq = {.series = "mmap advice=random"};
	char err[256];

	(void)state;
	assert_int_equal(make(&c, "mmap_read_heatmap", ratio, NULL, err, sizeof(err)), 0);
	/* the numerator's default series; its patterns down, cache states across */
	assert_int_equal(c.rows, 1);
	assert_int_equal(c.cols, 2);
	assert_string_equal(c.panels[1].title, "seq · cold cache");
	assert_int_equal(c.npoints, 3);
	for (size_t i = 0; i < c.npoints; i++) {
		const struct mb_chart_point *p = &c.points[i];

		if (p->value == 2) {
			assert_true(p->x == 2 && p->y == 2);
			assert_string_equal(p->label, "2.00× ~");
			assert_string_equal(p->mark, "~");
		}
		if (p->value == 0.5)
			assert_true(p->x == 1 && p->y == 1 && !strcmp(p->label, "0.50×"));
	}
	assert_true(c.z_min == 0.25 && c.z_max == 4);
	assert_contains(c.title, "mmap ÷ read throughput of series mmap");
	mb_chart_free(&c);
	/* another series, asked for; one that is not there */
	assert_int_equal(make(&c, "mmap_read_heatmap", ratio, &rq, err, sizeof(err)), 0);
	assert_int_equal(c.npoints, 1);
	assert_string_equal(c.panels[0].title, "rand · warm cache");
	mb_chart_free(&c);
	rq.series = "uring";
	assert_int_equal(make(&c, "mmap_read_heatmap", ratio, &rq, err, sizeof(err)), -ENODATA);
	assert_string_equal(err, "no rows of series uring");
	mb_chart_free(&c);
	/* a ratio by cache is not this chart's */
	assert_int_equal(make(&c, "cold_warm_ratio", ratio, NULL, err, sizeof(err)), -ENODATA);
	assert_string_equal(err, "not a cache ratio (by method)");
	mb_chart_free(&c);
}

/* The comparison: a row per configuration in the file's order, at most
 * max_rows; the title names the field and what goes with it. */
static void compare_rows(void **state)
{
	static const char *const ratio = RATIO_HDR
		",read,seq,warm,65536,4096,read,read 64K,cpu_family,26,25,mib_per_s,1.1,0.9,1.3,0.9,~,cpu_model_id 2 vs 1\n"
		",mmap,seq,warm,65536,4096,mmap,mmap 64K,cpu_family,26,25,mib_per_s,2,1.8,2.2,0.95,yes,cpu_model_id 2 vs 1\n"
		",mmap,seq,warm,65536,4096,mmap,mmap 1M,cpu_family,26,25,mib_per_s,0,,,0.9,~,cpu_model_id 2 vs 1\n"
		",read,rand,warm,1048576,4096,read,\"read 1M, rand\",cpu_family,26,25,mib_per_s,0.5,,0.6,0.9,yes,cpu_model_id 2 vs 1\n";
	struct mb_chart c;
	struct mb_chart_request rq = {.max_rows = 2};
	char err[256];

	(void)state;
	assert_int_equal(make(&c, "compare", ratio, NULL, err, sizeof(err)), 0);
	assert_int_equal(c.npoints, 3); /* the row without a ratio is left out */
	assert_true(c.points[0].y == 1 && c.points[0].x == 1.1 && !strcmp(c.points[0].mark, "~"));
	assert_true(c.points[2].y == 3 && c.points[2].x_lo == 0.5 && c.points[2].x_hi == 0.6);
	assert_string_equal(c.points[2].label, "read 1M, rand");
	assert_int_equal(mb_chart_series_of(&c, c.points[1].series)->color, 8);
	assert_contains(c.title, "26 ÷ 25 (cpu_family; also cpu_model_id 2 vs 1)");
	assert_string_equal(c.note, "bars: confidence interval of the ratio (real coverage 90–95%; below 95% for few samples)");
	assert_true(fabs(c.panels[0].y_min - 3.7) < 1e-9 && fabs(c.panels[0].y_max - 0.3) < 1e-9);
	mb_chart_free(&c);
	assert_int_equal(make(&c, "compare", ratio, &rq, err, sizeof(err)), 0);
	assert_int_equal(c.npoints, 2);
	assert_contains(c.note, "first 2 of 3 configurations");
	mb_chart_free(&c);
}

/* Latency charts: the smallest block on the largest file measured with it;
 * the distribution from repetition 1 of rand only, as the fraction slower. */
static void latency_charts(void **state)
{
	static const char *const lat =
		"run_id,method,advice,consume,pattern,cache,file_size_bytes,block_size_bytes,threads,queue_depth,rep,"
		"bucket_lo_ns,bucket_hi_ns,count,cum_fraction\n"
		"r1,mmap,random,sum,rand,warm,1048576,4096,1,,1,100,199,3,0.75\n"
		"r1,mmap,random,sum,rand,warm,1048576,4096,1,,1,200,399,1,1.000000\n"
		"r1,mmap,random,sum,rand,warm,1048576,4096,1,,2,100,199,4,1.000000\n"
		"r1,read,none,sum,seq,warm,1048576,4096,1,,1,100,199,4,1.000000\n"
		"r1,read,none,sum,rand,cold,1048576,4096,4,,1,1000,1999,1,0.5\n"
		"r1,read,none,sum,rand,cold,1048576,4096,4,,1,2000,3999,1,1.000000\n"
		"r1,read,none,sum,rand,cold,65536,65536,1,,1,1000,1999,1,1.000000\n";
	static const char *const pct =
		"series,method,pattern,cache,file_size_bytes,block_size_bytes,lat_p50_ns_median,lat_p99_ns_median,"
		"lat_p999_ns_median\n"
		"read,read,rand,warm,65536,4096,1000,2000,\n"
		"read,read,rand,warm,1048576,4096,1500,,\n"
		"mmap,mmap,rand,cold,1048576,4096,500,900,5000\n"
		"memread,memread,rand,,1048576,4096,100,200,300\n"
		"read,read,seq,warm,1048576,4096,1000,2000,3000\n";
	struct mb_chart c;
	char err[256];

	(void)state;
	assert_int_equal(make(&c, "latency_cdf", lat, NULL, err, sizeof(err)), 0);
	assert_int_equal(c.cols, 2);
	assert_string_equal(c.panels[0].title, "warm cache");
	/* rep 2, seq, the 64K block and the buckets no operation is slower than: out */
	assert_int_equal(c.npoints, 2);
	assert_true(c.points[0].x == 0.199 && c.points[0].y == 0.25);
	assert_true(c.points[1].x == 1.999 && c.points[1].y == 0.5);
	series(&c, "mmap advice=random");
	series(&c, "read threads=4");
	assert_contains(c.title, "rand · block 4K · file 1M · repetition 1");
	mb_chart_free(&c);

	assert_int_equal(make(&c, "latency_percentiles", pct, NULL, err, sizeof(err)), 0);
	assert_true(c.series_rows);
	assert_int_equal(c.npoints, 3 * 4); /* read, mmap; memread in both columns */
	for (size_t i = 0; i < c.npoints; i++) {
		const struct mb_chart_point *p = &c.points[i];
		const struct mb_chart_series *s = mb_chart_series_of(&c, p->series);

		assert_true(p->y == (double)s->place);
		if (!strcmp(s->name, "read")) /* a missing tail: the percentile below */
			assert_true(p->x == 1.5);
	}
	assert_int_equal(c.ntics, 3); /* the series' names on y */
	assert_true(c.label_width > 10 && fabs(c.panels[0].y_min - 3.6) < 1e-9 && fabs(c.panels[0].y_max - 0.4) < 1e-9);
	mb_chart_free(&c);
}

/* The bar charts: the largest file at its largest block; faults in two rows
 * of panels, CPU time stacked. */
static void bar_charts(void **state)
{
	static const char *const sum =
		"series,method,pattern,cache,file_size_bytes,block_size_bytes,minflt_per_mib_median,"
		"majflt_per_mib_median,user_ms_per_gib_median,sys_ms_per_gib_median,wall_ms_per_gib_median\n"
		"mmap,mmap,seq,warm,1048576,65536,16,0,10,90,120\n"
		"mmap,mmap,seq,cold,1048576,65536,16,1,10,400,1100\n"
		"read,read,seq,warm,1048576,4096,0,0,10,70,60\n"
		"read,read,seq,warm,65536,1048576,0,0,10,70,60\n"
		"read,read,seq,warm,1048576,65536,0,,20,60,\n";
	struct mb_chart c;
	char err[256];

	(void)state;
	assert_int_equal(make(&c, "faults_per_mib", sum, NULL, err, sizeof(err)), 0);
	assert_int_equal(c.rows, 2);
	assert_string_equal(c.panels[2].title, "major faults (waited for I/O) · warm cache");
	assert_int_equal(points_in(&c, 1, 1, NULL), 2);
	assert_int_equal(points_in(&c, 2, 1, NULL), 1); /* read has no major faults recorded */
	assert_true(c.panels[0].x_max == 16 * 1.2 && c.panels[3].x_max == 1.2);
	assert_contains(c.title, "seq · file 1M · block 64K");
	mb_chart_free(&c);

	assert_int_equal(make(&c, "cpu_split", sum, NULL, err, sizeof(err)), 0);
	for (size_t i = 0; i < c.npoints; i++) {
		const struct mb_chart_point *p = &c.points[i];

		if (!strcmp(p->mark, "system") && p->x == 400)
			assert_true(p->x_lo == 10 && p->x_hi == 410);
		assert_false(!strcmp(p->mark, "wall") && isnan(p->x));
	}
	assert_int_equal(c.npoints, 3 + 3 + 2);
	mb_chart_free(&c);
}

/* The CSV: a header, the chart row, panels, series in display order, tics,
 * then the points; text without commas or quotes (gnuplot 5.4 cuts quoted
 * fields at them). */
static void written_csv(void **state)
{
	struct mb_chart c;
	struct mb_csv_table t;
	char err[256], path[PATH_MAX];
	int fd;
	long kind, label;

	(void)state;
	assert_int_equal(make(&c, "throughput_vs_size", matrix, NULL, err, sizeof(err)), 0);
	snprintf(c.panels[0].title, sizeof(c.panels[0].title), "a, \"quoted\" title");
	ut_tmp_path(path, sizeof(path), "chart.csv");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(mb_chart_write(&c, fd), 0);
	close(fd);
	assert_int_equal(mb_csv_table_load(path, &t, err, sizeof(err)), 0);
	kind = mb_csv_table_col(&t, "kind");
	label = mb_csv_table_col(&t, "label");
	assert_true(kind >= 0 && label >= 0);
	assert_int_equal(t.nrows, 1 + 4 + c.nseries + c.ntics + c.npoints);
	assert_string_equal(t.rows[0][kind], "chart");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "rows")], "2");
	assert_string_equal(t.rows[1][kind], "panel");
	assert_string_equal(t.rows[1][mb_csv_table_col(&t, "panel_title")], "a; 'quoted' title");
	assert_string_equal(t.rows[5][kind], "series");
	assert_string_equal(t.rows[5][mb_csv_table_col(&t, "series_index")], "1");
	assert_string_equal(t.rows[5][mb_csv_table_col(&t, "series")], "read");
	assert_string_equal(t.rows[9][label], "memread (RAM limit)");
	assert_string_equal(t.rows[9][mb_csv_table_col(&t, "mark")], "limit");
	assert_string_equal(t.rows[10][kind], "xtic");
	assert_string_equal(t.rows[10][label], "64K");
	assert_string_equal(t.rows[13][kind], "point");
	assert_string_equal(t.rows[13][mb_csv_table_col(&t, "x")], "65536");
	assert_string_equal(t.rows[13][mb_csv_table_col(&t, "y")], "8000");
	mb_csv_table_free(&t);
	mb_chart_free(&c);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(throughput_vs_size_panels),
		cmocka_unit_test(throughput_vs_block_panels),
		cmocka_unit_test(cannot_support),
		cmocka_unit_test(refuses_input),
		cmocka_unit_test(heatmap_cells),
		cmocka_unit_test(compare_rows),
		cmocka_unit_test(latency_charts),
		cmocka_unit_test(bar_charts),
		cmocka_unit_test(written_csv),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
