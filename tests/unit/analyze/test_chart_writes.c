/* test_chart_writes.c: the write side's charts (chart_wthroughput.c,
 * chart_wsplit.c, chart_rmw.c, chart_faultcost.c) on a small handmade
 * summary of read, write, rmw and fault rows: which rows each keeps, its
 * panels (sync mode down; target, pattern and cache across), series names
 * and order, the values drawn; that the read charts ignore write and rmw
 * rows; and the reasons a chart cannot be drawn. */
#include "unit.h"

#include <math.h>

#include "chart.h"
#include "chart_model.h"

#include "chart_helpers.h"

#define HDR "host,kernel,fs_type,series,method,advice,op,target,sync,pattern,cache,file_size_bytes," \
	"block_size_bytes,mib_per_s_median,mib_per_s_ci_lo,mib_per_s_ci_hi,setup_ns_median,io_ns_median," \
	"sync_ns_median,teardown_ns_median,total_ns_median,ns_per_op_median,minflt_per_op_median," \
	"minflt_per_mib_median,majflt_per_mib_median,user_ms_per_gib_median,sys_ms_per_gib_median," \
	"wall_ms_per_gib_median\n"
/* the columns after cache: size, block, MiB/s and its CI, phases, total, per op; the fault and CPU ones */
#define W(series, method, target, sync, cache, size, block, mib, setup, io, syn, tear) \
	"vm,6.18,ext4," series "," method ",none,write," target "," sync ",seq," cache "," size "," block "," \
	mib "," mib "," mib "," setup "," io "," syn "," tear ",,,,1,0,1,1,2\n"

static const char *const rows =
	HDR
	/* a read row: the read charts' own */
	"vm,6.18,ext4,read,read,none,read,,,seq,warm,65536,65536,900,800,1000,10,100,,5,115,,,1,0,1,1,2\n"
	W("pwrite consume=copy write", "pwrite", "rewrite", "none", "warm", "65536", "65536", "500", "10", "100", "0", "5")
	W("pwrite consume=copy write", "pwrite", "rewrite", "none", "warm", "1048576", "65536", "700", "10", "900", "0", "5")
	W("pwrite consume=copy write sync=fsync", "pwrite", "rewrite", "fsync", "warm", "1048576", "65536", "70", "10", "900", "9000", "5")
	W("pwrite consume=copy write new", "pwrite", "new", "none", "", "1048576", "65536", "600", "10", "1000", "0", "5")
	W("mmap consume=copy write sync=msync fallocate=0", "mmap", "rewrite", "msync", "warm", "1048576", "65536", "60", "30", "2000", "8000", "40")
	W("mmap consume=copy write fallocate=0", "mmap", "rewrite", "none", "warm", "1048576", "65536", "400", "30", "2000", "0", "40")
	/* a write at a smaller block: not in the split (the largest block) */
	W("mmap consume=copy write fallocate=0", "mmap", "rewrite", "none", "warm", "1048576", "4096", "300", "30", "3000", "0", "40")
	/* anon-write is op write without a target: the fault chart's, not the write charts' */
	"vm,6.18,ext4,anon-write consume=touch write,anon-write,none,write,,none,seq,,1048576,4096,99,,,1,2,0,3,"
	"6000000,23000,1,,,,,\n"
	"vm,6.18,ext4,anon-read advice=hugepage consume=touch,anon-read,hugepage,read,,,seq,,1048576,4096,99,,,1,2,,3,"
	"60000,230,0.01,,,,,\n"
	"vm,6.18,ext4,fault consume=touch,fault,none,read,,,seq,warm,1048576,4096,99,,,1,2,,3,"
	"700000,2700,0.0625,,,,,\n"
	"vm,6.18,ext4,fault consume=touch,fault,none,read,,,seq,cold,1048576,4096,99,,,1,2,,3,"
	"2000000,7800,0.0625,,,,,\n"
	"vm,6.18,ext4,fault consume=touch,fault,none,read,,,seq,cold,65536,4096,99,,,1,2,,3,"
	"2000000,1,0.0625,,,,,\n"
	/* rmw: two sizes, two blocks at the smaller; a write of the same size */
	"vm,6.18,ext4,rmw-block consume=increment rmw,rmw-block,none,rmw,,none,seq,warm,40000,4096,9,,,1,2,0,3,"
	"50000,,,1,0,1,1,2\n"
	"vm,6.18,ext4,rmw-block consume=increment rmw,rmw-block,none,rmw,,none,seq,warm,40000000,4096,9,,,1,2,0,3,"
	"80000000,,,1,0,1,1,2\n"
	"vm,6.18,ext4,rmw-mmap consume=increment rmw,rmw-mmap,none,rmw,,none,seq,warm,40000,4096,9,,,1,2,0,3,"
	"300000,,,1,0,1,1,2\n"
	"vm,6.18,ext4,rmw-mmap consume=increment rmw,rmw-mmap,none,rmw,,none,seq,warm,40000000,4096,9,,,1,2,0,3,"
	"9000000,,,1,0,1,1,2\n"
	"vm,6.18,ext4,rmw-mmap consume=increment rmw,rmw-mmap,none,rmw,,none,seq,warm,40000000,65536,9,,,1,2,0,3,"
	"1,,,1,0,1,1,2\n";

static int make(struct mb_chart *c, const char *name, const char *csv, char *err, size_t errlen)
{
	return chart_of(c, name, csv, NULL, err, errlen);
}

static void write_throughput_panels(void **state)
{
	struct mb_chart c;
	char err[256];

	(void)state;
	assert_int_equal(make(&c, "write_throughput", rows, err, sizeof(err)), 0);
	/* sync down (none, fsync, msync), target · pattern · cache across */
	assert_int_equal(c.rows, 3);
	assert_int_equal(c.cols, 2);
	assert_string_equal(c.panels[0].title, "sync none · rewrite · seq · warm cache · block 64K");
	assert_string_equal(c.panels[1].title, "sync none · new · seq · block 64K");
	assert_string_equal(c.panels[2].title, "sync fsync · rewrite · seq · warm cache · block 64K");
	assert_string_equal(c.panels[4].title, "sync msync · rewrite · seq · warm cache · block 64K");
	/* one series per method, named without the op, target, sync, defaults */
	assert_int_equal(c.nseries, 2);
	assert_int_equal(series(&c, "pwrite")->color, 2);
	assert_int_equal(series(&c, "mmap")->color, 8);
	assert_int_equal(points_in(&c, 1, 1, "pwrite"), 2);
	assert_int_equal(points_in(&c, 1, 2, "pwrite"), 1);
	assert_int_equal(points_in(&c, 2, 1, "pwrite"), 1);
	assert_int_equal(points_in(&c, 3, 1, "mmap"), 1);
	/* the 4K-block mmap row is not drawn: 64K was measured at more sizes */
	assert_int_equal(points_in(&c, 1, 1, "mmap"), 1);
	for (size_t i = 0; i < c.npoints; i++)
		assert_true(c.points[i].y != 900 && c.points[i].y != 99 && c.points[i].y != 300);
	assert_string_equal(c.x_scale, "log2");
	assert_string_equal(c.y_scale, "log10");
	assert_non_null(strstr(c.title, "Write throughput vs file size"));
	mb_chart_free(&c);
}

static void write_time_split_bars(void **state)
{
	struct mb_chart c;
	char err[256];
	size_t n = 0;

	(void)state;
	assert_int_equal(make(&c, "write_time_split", rows, err, sizeof(err)), 0);
	assert_int_equal(c.rows, 3);
	assert_int_equal(c.cols, 2);
	assert_non_null(strstr(c.title, "seq · file 1M · block 64K"));
	assert_string_equal(c.x_label, "time (µs)");
	for (size_t i = 0; i < c.npoints; i++) {
		const struct mb_chart_point *p = &c.points[i];
		const struct mb_chart_panel *pan = &c.panels[p->panel - 1];

		/* pwrite fsync: 10 + 900 + 9000 + 5 ns, in µs */
		if (pan->row == 2 && pan->col == 1 && !strcmp(p->mark, "sync")) {
			assert_true(fabs(p->x_lo - 0.91) < 1e-9 && fabs(p->x_hi - 9.91) < 1e-9);
			n++;
		}
		if (pan->row == 2 && pan->col == 1 && !strcmp(p->mark, "teardown")) {
			assert_true(!strncmp(p->label, " 9.9", 4) && strstr(p->label, " µs"));
			n++;
		}
		/* the 4K-block row (io 3000) is not drawn */
		assert_true(strcmp(p->mark, "io") || p->x != 3);
	}
	assert_int_equal(n, 2);
	assert_int_equal(c.nseries, 2);
	mb_chart_free(&c);
}

static void rmw_time_groups(void **state)
{
	struct mb_chart c;
	char err[256];
	const struct mb_chart_series *blk, *mm;

	(void)state;
	assert_int_equal(make(&c, "rmw_time", rows, err, sizeof(err)), 0);
	assert_int_equal(c.rows, 1);
	assert_int_equal(c.cols, 1);
	assert_string_equal(c.panels[0].title, "seq · warm cache · block 4K");
	blk = series(&c, "rmw-block"), mm = series(&c, "rmw-mmap");
	assert_int_equal(c.nseries, 2);
	assert_int_equal(blk->color, 2);
	assert_int_equal(mm->color, 8);
	/* a group per size, rmw-block left of rmw-mmap in each; y in ms */
	assert_int_equal(c.npoints, 4);
	for (size_t i = 0; i < c.npoints; i++) {
		const struct mb_chart_point *p = &c.points[i];
		double group = round(p->x);

		assert_true(group == 1 || group == 2);
		assert_true(p->series == (size_t)(blk - c.series) + 1 ? p->x < group : p->x > group);
		assert_true(p->y_lo == c.panels[0].y_min && p->y_hi == p->y);
		assert_true(p->y != 1e-6); /* the 64K row is another block */
	}
	assert_string_equal(c.tics[0].label, "10K ints (40000 B)");
	assert_string_equal(c.tics[1].label, "10M ints (40000000 B)");
	mb_chart_free(&c);
}

static void fault_cost_bars(void **state)
{
	struct mb_chart c;
	char err[256];

	(void)state;
	assert_int_equal(make(&c, "fault_cost", rows, err, sizeof(err)), 0);
	assert_int_equal(c.cols, 1);
	assert_string_equal(c.panels[0].title, "seq");
	/* anon first, then fault per cache state; the 64K fault row is not drawn */
	assert_int_equal(c.nseries, 4);
	assert_int_equal(series(&c, "anon-read advice=hugepage")->place, 1);
	assert_int_equal(series(&c, "anon-write")->place, 2);
	assert_int_equal(series(&c, "fault warm")->place, 3);
	assert_int_equal(series(&c, "fault cold")->place, 4);
	for (size_t i = 0; i < c.npoints; i++) {
		const struct mb_chart_point *p = &c.points[i];

		assert_true(p->x != 1);
		if (p->x == 2700)
			assert_string_equal(p->label, " 2.7 µs · 0.0625 minflt/page");
		assert_true(p->x_lo == c.panels[0].x_min && p->x_hi == p->x);
	}
	assert_string_equal(c.x_scale, "log10");
	mb_chart_free(&c);
}

/* The read charts draw the read row alone. */
static void read_charts_ignore_writes(void **state)
{
	static const char *const names[] = {"throughput_vs_size", "faults_per_mib", "cpu_split"};
	struct mb_chart c;
	char err[256];

	(void)state;
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		assert_int_equal(make(&c, names[k], rows, err, sizeof(err)), 0);
		for (size_t i = 0; i < c.nseries; i++)
			if (strcmp(c.series[i].method, "read") && strcmp(c.series[i].method, "fault") &&
			    strcmp(c.series[i].method, "anon-read"))
				fail_msg("%s draws %s", names[k], c.series[i].name);
		mb_chart_free(&c);
	}
}

static void cannot_support(void **state)
{
	static const char *const names[] = {"write_throughput", "write_time_split", "rmw_time", "fault_cost"};
	struct mb_chart c;
	char err[256];

	(void)state;
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		assert_int_equal(make(&c, names[k], HDR "vm,6.18,ext4,read,read,none,read,,,seq,warm,65536,"
						   "65536,900,800,1000,10,100,,5,115,,,1,0,1,1,2\n",
				      err, sizeof(err)), -ENODATA);
		assert_true(strlen(err) > 10);
		mb_chart_free(&c);
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(write_throughput_panels),
		cmocka_unit_test(write_time_split_bars),
		cmocka_unit_test(rmw_time_groups),
		cmocka_unit_test(fault_cost_bars),
		cmocka_unit_test(read_charts_ignore_writes),
		cmocka_unit_test(cannot_support),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
