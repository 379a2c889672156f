/* test_chart_pick.c: the building blocks of the charts' data on small CSVs:
 * ordered sets (chart_words.c), the facts of a chart's rows and the panel
 * columns by cache state (chart_facts.c), which block or file size a panel
 * shows (chart_pick.c), who measured, for titles and series names
 * (chart_who.c), and axes: byte labels, tics, padded log ranges, ratio
 * axes (chart_axes.c). */
#include "unit.h"

#include <math.h>

#include "chart.h"
#include "chart_axes.h"
#include "chart_facts.h"
#include "chart_input.h"
#include "chart_model.h"
#include "chart_pick.h"
#include "chart_who.h"
#include "chart_words.h"

#define HDR "method,pattern,cache,file_size_bytes,block_size_bytes\n"

/* csv written to a file of the test's directory and loaded into in. */
static void load(struct mb_chart_in *in, const char *name, const char *csv)
{
	static char path[8][PATH_MAX];
	static size_t next;
	char err[256];
	char *p = path[next++ % 8];

	ut_tmp_path(p, PATH_MAX, name);
	ut_write_str(p, csv);
	if (mb_chart_in_load(in, p, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
}

/* The facts of every row of csv. */
static void facts_of(struct mb_chart_facts *f, struct mb_chart_in *in, const char *csv)
{
	load(in, "facts.csv", csv);
	memset(f, 0, sizeof(*f));
	for (size_t r = 0; r < in->t.nrows; r++)
		mb_facts_add(f, in, r);
	mb_facts_done(f);
	assert_false(f->nomem);
}

static void words_and_numbers(void **state)
{
	static const char *const lead[] = {"seq", "rand", NULL};
	struct mb_words w = {0};
	struct mb_nums n = {0};
	char buf[64];

	(void)state;
	mb_words_add(&w, "x");
	mb_words_add(&w, "rand");
	mb_words_add(&w, "");
	mb_words_add(&w, "seq");
	mb_words_add(&w, "rand");
	assert_int_equal(w.n, 3);
	mb_words_lead(&w, lead);
	assert_string_equal(w.v[0], "seq");
	assert_string_equal(w.v[1], "rand");
	assert_string_equal(w.v[2], "x");
	assert_int_equal(mb_words_find(&w, "x"), 2);
	assert_int_equal(mb_words_find(&w, "y"), -1);
	mb_words_several(&w, "pattern", buf, sizeof(buf));
	assert_string_equal(buf, "3 patterns");
	mb_words_free(&w);
	mb_words_add(&w, "ext4");
	mb_words_several(&w, "filesystem", buf, sizeof(buf));
	assert_string_equal(buf, "ext4");
	mb_words_add(&w, "tmpfs");
	mb_words_several(&w, "filesystem", buf, sizeof(buf));
	assert_string_equal(buf, "ext4 and tmpfs");
	mb_words_free(&w);
	mb_words_several(&w, "filesystem", buf, sizeof(buf));
	assert_string_equal(buf, "");
	assert_int_equal(mb_utf8_len("mmap ÷ read µs"), 14);

	mb_nums_add(&n, 65536);
	mb_nums_add(&n, 4096);
	mb_nums_add(&n, NAN);
	mb_nums_add(&n, 65536);
	mb_nums_add(&n, 1048576);
	assert_int_equal(n.n, 3);
	assert_true(mb_nums_min(&n) == 4096 && mb_nums_max(&n) == 1048576);
	mb_nums_sort(&n);
	assert_int_equal(mb_nums_rank(&n, 4096), 1);
	assert_int_equal(mb_nums_rank(&n, 1048576), 3);
	assert_int_equal(mb_nums_rank(&n, 8192), 0);
	mb_nums_free(&n);
}

/* Patterns seq first, cache states warm first, whatever order rows come
 * in; memread, which reads no file, goes in every column. */
static void panel_order_and_columns(void **state)
{
	struct mb_chart_in in;
	struct mb_chart_facts f;

	(void)state;
	facts_of(&f, &in, HDR "read,rand,cold,4096,4096\nmemread,rand,,4096,4096\nread,seq,warm-4k,4096,4096\n"
		 "read,seq,warm,4096,4096\nread,stride,odd,4096,4096\n");
	assert_int_equal(f.pats.n, 3);
	assert_string_equal(f.pats.v[0], "seq");
	assert_string_equal(f.pats.v[1], "rand");
	assert_string_equal(f.pats.v[2], "stride");
	assert_int_equal(f.caches.n, 4);
	assert_string_equal(f.caches.v[0], "warm");
	assert_string_equal(f.caches.v[1], "warm-4k");
	assert_string_equal(f.caches.v[2], "cold");
	assert_string_equal(f.caches.v[3], "odd");
	assert_int_equal(mb_facts_cache_col(&f, &in, 0), 3); /* cold */
	assert_int_equal(mb_facts_cache_col(&f, &in, 1), 0); /* memread: every column */
	assert_int_equal(mb_facts_cache_col(&f, &in, 3), 1); /* warm */
	mb_facts_free(&f);
	mb_chart_in_free(&in);
}

/* Against file size, a pattern's panels show the block file methods measured
 * at the most sizes and cache states, not the largest or a one-off; ties: the
 * largest for seq, the smallest for rand. */
static void block_per_pattern(void **state)
{
	struct mb_chart_in in;
	struct mb_chart_facts f;

	(void)state;
	facts_of(&f, &in, HDR
		 /* seq: 64K at three sizes; 1M at one (larger, but a one-point line) */
		 "read,seq,warm,65536,65536\nread,seq,warm,1048576,65536\nread,seq,cold,1048576,65536\n"
		 "mmap,seq,warm,4194304,1048576\n"
		 /* memread at 1M everywhere does not count: it reads no file */
		 "memread,seq,,65536,1048576\nmemread,seq,,1048576,1048576\nmemread,seq,,16777216,1048576\n"
		 /* rand: 4K and 64K at two sizes each: the smallest */
		 "read,rand,warm,65536,4096\nread,rand,warm,1048576,4096\n"
		 "read,rand,warm,65536,65536\nread,rand,warm,1048576,65536\n"
		 /* stride: memread alone: the largest block */
		 "memread,stride,,65536,4096\nmemread,stride,,65536,16384\n");
	assert_true(mb_pick_block(&f, "seq") == 65536);
	assert_true(mb_pick_block(&f, "rand") == 4096);
	assert_true(mb_pick_block(&f, "stride") == 16384);
	mb_facts_free(&f);
	mb_chart_in_free(&in);

	/* a tie for seq: the largest */
	facts_of(&f, &in, HDR "read,seq,warm,65536,4096\nread,seq,warm,65536,131072\n");
	assert_true(mb_pick_block(&f, "seq") == 131072);
	mb_facts_free(&f);
	mb_chart_in_free(&in);
}

/* Against block size: the file size with the most blocks, then the largest;
 * one configuration for a chart: the largest file and its largest block, or
 * the smallest block and its largest file. */
static void size_and_point(void **state)
{
	struct mb_chart_in in;
	struct mb_chart_facts f;
	double size, block;

	(void)state;
	facts_of(&f, &in, HDR "read,seq,warm,65536,4096\nread,seq,warm,65536,16384\nread,seq,warm,65536,65536\n"
		 "read,seq,warm,1048576,4096\nread,seq,warm,1048576,65536\n"
		 "read,seq,warm,16777216,1048576\n"
		 "read,rand,warm,65536,4096\nread,rand,warm,1048576,4096\n");
	assert_true(mb_pick_size(&f, "seq") == 65536);
	assert_true(mb_pick_size(&f, "rand") == 1048576);
	mb_pick_largest(&f, &size, &block);
	assert_true(size == 16777216 && block == 1048576);
	mb_pick_smallest_block(&f, &size, &block);
	assert_true(size == 1048576 && block == 4096);
	mb_facts_free(&f);
	mb_chart_in_free(&in);
}

/* The title names who measured; a series is named by its result set only
 * where the chart holds several. */
static void who_measured(void **state)
{
	struct mb_chart_in in;
	struct mb_chart_who w = {0};
	char buf[512];

	(void)state;
	load(&in, "who.csv", "host,kernel,fs_type,cpu_family,cpu_model_id,cpu_stepping,hypervisor\n"
	     "vm,6.18,ext4,26,2,1,KVM\nvm,6.18,tmpfs,26,2,1,KVM\n");
	for (size_t r = 0; r < in.t.nrows; r++)
		mb_who_add(&w, &in, r);
	mb_who_title(&w, "Throughput", buf, sizeof(buf));
	assert_string_equal(buf, "Throughput  —  host vm · kernel 6.18 · ext4 and tmpfs");
	mb_who_suffix(&w, &in, 1, buf, sizeof(buf));
	assert_string_equal(buf, " tmpfs");
	mb_who_free(&w);
	mb_chart_in_free(&in);

	load(&in, "who2.csv", "host,kernel,fs_type,cpu_family,cpu_model_id,cpu_stepping\n"
	     "a,6.1,ext4,25,1,1\nb,6.1,ext4,26,2,1\nc,6.1,ext4,26,2,1\n");
	for (size_t r = 0; r < in.t.nrows; r++)
		mb_who_add(&w, &in, r);
	mb_who_title(&w, "T", buf, sizeof(buf));
	assert_string_equal(buf, "T  —  3 hosts · kernel 6.1 · ext4 · CPUs 25/1/1 and 26/2/1");
	mb_who_suffix(&w, &in, 0, buf, sizeof(buf));
	assert_string_equal(buf, " @a cpu 25/1/1");
	mb_who_free(&w);
	mb_chart_in_free(&in);

	/* nobody named: the title alone */
	mb_who_title(&w, "T", buf, sizeof(buf));
	assert_string_equal(buf, "T");
}

static size_t tics_on(const struct mb_chart *c, char axis)
{
	size_t n = 0;

	for (size_t i = 0; i < c->ntics; i++)
		n += c->tics[i].axis == axis;
	return n;
}

static void axes(void **state)
{
	struct mb_chart c;
	struct mb_nums sizes = {0};
	char buf[32];

	(void)state;
	mb_chart_bytes(4096, buf, sizeof(buf));
	assert_string_equal(buf, "4K");
	mb_chart_bytes(1.5 * 1073741824.0, buf, sizeof(buf));
	assert_string_equal(buf, "1.5G");
	mb_chart_bytes(1099511627776.0, buf, sizeof(buf));
	assert_string_equal(buf, "1T");
	mb_chart_bytes(100, buf, sizeof(buf));
	assert_string_equal(buf, "100");

	/* sizes 4K..64M in x2 steps, given out of order: a tic at every other */
	mb_chart_init(&c, "t");
	mb_chart_grid(&c, 1, 2);
	for (int i = 14; i >= 0; i--)
		mb_nums_add(&sizes, 4096.0 * (1 << i));
	mb_chart_byte_axis(&c, 'x', &sizes);
	assert_string_equal(c.x_scale, "log2");
	assert_int_equal(tics_on(&c, 'x'), 8);
	assert_string_equal(c.tics[0].label, "4K");
	assert_string_equal(c.tics[1].label, "16K");
	assert_true(c.panels[1].x_min == 4096 / 1.6 && c.panels[1].x_max == 4096.0 * (1 << 14) * 1.6);

	/* a log axis padded to the next third of a decade */
	mb_chart_log_axis(&c, 'y', 100, 1000);
	assert_string_equal(c.y_scale, "log10");
	assert_true(fabs(c.panels[0].y_min - pow(10, 5.0 / 3)) < 1e-9);
	assert_true(fabs(c.panels[0].y_max - pow(10, 10.0 / 3)) < 1e-9);
	mb_chart_free(&c);

	/* ratios: narrow, base 2 with 0.8 and 1.25; wide, base 10 */
	mb_chart_init(&c, "t");
	mb_chart_grid(&c, 1, 1);
	mb_chart_ratio_axis(&c, 'x', 0.7, 1.3);
	assert_string_equal(c.x_scale, "log2");
	assert_int_equal(tics_on(&c, 'x'), 3);
	for (size_t i = 0; i < c.ntics; i++)
		assert_true(c.tics[i].at == 1 || c.tics[i].at == 0.8 || c.tics[i].at == 1.25);
	mb_chart_free(&c);
	mb_chart_init(&c, "t");
	mb_chart_grid(&c, 1, 1);
	mb_chart_ratio_axis(&c, 'x', 0.01, 3);
	assert_string_equal(c.x_scale, "log10");
	assert_int_equal(tics_on(&c, 'x'), 3); /* 0.01, 0.1, 1 */
	mb_chart_free(&c);
	mb_nums_free(&sizes);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(words_and_numbers),
		cmocka_unit_test(panel_order_and_columns),
		cmocka_unit_test(block_per_pattern),
		cmocka_unit_test(size_and_point),
		cmocka_unit_test(who_measured),
		cmocka_unit_test(axes),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
