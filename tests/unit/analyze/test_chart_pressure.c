/* test_chart_pressure.c: the charts of the memory-pressure and scaling
 * scripts on a small handmade summary: read_amp (a bar per cold or
 * memory-limited read series at the largest file, its ratio as label, warm
 * rows and smaller files left out, a panel per pattern, a log axis that
 * holds 1) and scale (ops/s against the worker count, a line per method
 * and kind of worker, log2 tics at the counts; refused with one count);
 * and the timeline of such a run, a random part at 4K and a scan at 128K:
 * each pattern's panel at its own smallest block. */
#include "unit.h"

#include <math.h>

#include "chart.h"
#include "chart_model.h"

#include "chart_helpers.h"

#define HDR "host,kernel,fs_type,series,method,advice,op,pattern,cache,file_size_bytes,block_size_bytes," \
	"threads,workers,mem_limit_bytes,mib_per_s_median,ops_per_s_median,ops_per_s_ci_lo,ops_per_s_ci_hi," \
	"dev_read_per_byte_median\n"
#define R(method, advice, pattern, cache, size, block, threads, workers, limit, ops, amp) \
	"vm,6.18,ext4," method "," method "," advice ",read," pattern "," cache "," size "," block "," threads \
	"," workers "," limit ",10," ops "," ops "," ops "," amp "\n"

static const char *const rows =
	HDR
	R("pread", "none", "rand", "cold", "4294967296", "4096", "1", "threads", "536870912", "11000", "1.02")
	R("mmap", "none", "rand", "cold", "4294967296", "4096", "1", "threads", "536870912", "120", "656")
	R("mmap", "random", "rand", "cold", "4294967296", "4096", "1", "threads", "536870912", "11500", "1.1")
	R("read", "none", "seq", "cold", "4294967296", "131072", "1", "threads", "536870912", "9000", "2.5")
	/* warm: no device reads to speak of; a smaller file: not the largest */
	R("pread", "none", "rand", "warm", "4294967296", "4096", "1", "threads", "", "400000", "0.001")
	R("pread", "none", "rand", "cold", "1048576", "4096", "1", "threads", "", "9000", "3")
	/* scaling: warm rand 4K, threads 1, 2, 4 and processes 2, 4 */
	R("mmap", "none", "rand", "warm", "1073741824", "4096", "1", "threads", "", "100000", "")
	R("mmap", "none", "rand", "warm", "1073741824", "4096", "2", "threads", "", "150000", "")
	R("mmap", "none", "rand", "warm", "1073741824", "4096", "4", "threads", "", "160000", "")
	R("mmap", "none", "rand", "warm", "1073741824", "4096", "2", "procs", "", "180000", "")
	R("mmap", "none", "rand", "warm", "1073741824", "4096", "4", "procs", "", "190000", "");

static void read_amp_bars(void **state)
{
	struct mb_chart c;
	char err[256];
	int seen656 = 0;

	(void)state;
	assert_int_equal(chart_of(&c, "read_amp", rows, NULL, err, sizeof(err)), 0);
	assert_int_equal(c.rows, 1);
	assert_int_equal(c.cols, 2);
	assert_string_equal(c.panels[0].title, "seq");
	assert_string_equal(c.panels[1].title, "rand");
	assert_int_equal(c.npoints, 4); /* the 4 GiB cold rows only */
	for (size_t i = 0; i < c.npoints; i++) {
		const struct mb_chart_point *p = &c.points[i];

		assert_true(p->x != 0.001 && p->x != 3);
		assert_true(p->x_hi == p->x && p->x_lo == c.panels[0].x_min);
		if (p->x == 656) {
			assert_string_equal(p->label, " 656×");
			seen656 = 1;
		}
	}
	assert_true(seen656);
	assert_true(c.panels[0].x_min <= 1);
	assert_string_equal(c.x_scale, "log10");
	(void)series(&c, "mmap cold limited 4K");
	mb_chart_free(&c);
}

static void scale_lines(void **state)
{
	struct mb_chart c;
	char err[256];

	(void)state;
	/* the largest file (4 GiB) was read with one worker count only */
	assert_int_equal(chart_of(&c, "scale", rows, NULL, err, sizeof(err)), -ENODATA);
	assert_non_null(strstr(err, "one worker count"));
	mb_chart_free(&c);
	assert_int_equal(chart_of(&c, "scale", HDR
		R("mmap", "none", "rand", "warm", "1073741824", "4096", "1", "threads", "", "100000", "")
		R("mmap", "none", "rand", "warm", "1073741824", "4096", "2", "threads", "", "150000", "")
		R("mmap", "none", "rand", "warm", "1073741824", "4096", "4", "threads", "", "160000", "")
		R("mmap", "none", "rand", "warm", "1073741824", "4096", "2", "procs", "", "180000", "")
		R("pread", "none", "rand", "warm", "1073741824", "4096", "1", "threads", "", "90000", "")
		R("pread", "none", "rand", "warm", "1073741824", "4096", "2", "procs", "", "95000", ""),
		NULL, err, sizeof(err)), 0);
	assert_int_equal(c.rows * c.cols, 1);
	assert_int_equal(points_in(&c, 1, 1, "mmap · threads"), 3);
	assert_int_equal(points_in(&c, 1, 1, "mmap · processes"), 1);
	assert_int_equal(points_in(&c, 1, 1, "pread · threads"), 1);
	assert_int_equal(points_in(&c, 1, 1, "pread · processes"), 1);
	assert_string_equal(c.x_scale, "log2");
	for (size_t i = 0; i < c.npoints; i++)
		if (c.points[i].series == (size_t)(series(&c, "mmap · processes") - c.series) + 1)
			assert_true(c.points[i].x == 2 && c.points[i].y == 180000);
	mb_chart_free(&c);
	/* one worker count: nothing to draw */
	assert_int_equal(chart_of(&c, "scale", HDR
		R("mmap", "none", "rand", "warm", "1073741824", "4096", "1", "threads", "", "100000", ""),
		NULL, err, sizeof(err)), -ENODATA);
	assert_non_null(strstr(err, "one worker count"));
	mb_chart_free(&c);
}

#define TL_HDR "run_id,method,advice,consume,pattern,cache,file_size_bytes,block_size_bytes,threads," \
	"queue_depth,rep,duration_ns,worker,t_start_ns,t_end_ns,ops,bytes\n"
#define TL(method, pattern, block, t0, t1, bytes) \
	"r1," method ",none,sum," pattern ",cold,4294967296," block ",1,,1,20000000000,0," t0 "," t1 ",1," bytes "\n"

static void timeline_per_pattern_block(void **state)
{
	struct mb_chart c;
	char err[256];

	(void)state;
	assert_int_equal(chart_of(&c, "timeline", TL_HDR
		TL("pread", "rand", "4096", "0", "1000000000", "1048576")
		TL("pread", "rand", "4096", "1000000000", "2000000000", "2097152")
		TL("read", "seq", "131072", "0", "1000000000", "524288000")
		TL("read", "seq", "131072", "1000000000", "2000000000", "524288000"),
		NULL, err, sizeof(err)), 0);
	assert_int_equal(c.rows, 2);
	assert_int_equal(points_in(&c, 1, 1, "read"), 2);  /* seq: its 128K scan */
	assert_int_equal(points_in(&c, 2, 1, "pread"), 2); /* rand: its 4K reads */
	assert_non_null(strstr(c.panels[0].title, "block 128K"));
	assert_non_null(strstr(c.panels[1].title, "block 4K"));
	mb_chart_free(&c);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_amp_bars),
		cmocka_unit_test(scale_lines),
		cmocka_unit_test(timeline_per_pattern_block),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
