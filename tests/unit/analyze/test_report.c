/* test_report.c: REPORT.md (report.c) from small results files: the note
 * that flags a warm file method whose median throughput is above the upper
 * end of memread's 95% CI of the median in the same configuration, and its
 * absence where every method stays below, or where only a cold or a
 * differently consumed configuration is faster; the read amplification note
 * on cold and memory-limited configurations only. */
#include "unit.h"

#include "report.h"

#define HDR "status,method,advice,consume,pattern,cache,file_size_bytes,block_size_bytes,threads," \
	    "queue_depth,buf_offset_bytes,mib_per_s\n"
#define NOTE "The reference is below a method: its figures are not a ceiling here"

/* One configuration: its method, consume mode, cache state, queue depth and
 * six repetitions' MiB/s. */
struct cfg {
	const char *method, *consume, *cache, *qd;
	const double *mib;
};

static const double memread[6] = {5000, 5200, 5400, 5600, 5800, 6000}; /* CI of the median: 5000..6000 */
static const double above[6] = {9000, 9100, 9200, 9300, 9400, 9500};   /* median 9250 */
static const double within[6] = {5500, 5600, 5700, 5800, 5900, 6100};  /* median 5750 */
#define REF {"memread", "sum", "", "", memread}

/* The REPORT.md (malloc'ed) of a results folder name holding results.csv text. */
static char *report_of_text(const char *name, const char *text)
{
	char dir[PATH_MAX], path[PATH_MAX + 16], err[256];

	ut_tmp_path(dir, sizeof(dir), name);
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(path, sizeof(path), "%s/results.csv", dir);
	ut_write_str(path, text);
	if (mb_report_write(dir, err, sizeof(err)))
		fail_msg("report: %s", err);
	snprintf(path, sizeof(path), "%s/REPORT.md", dir);
	return ut_read_file(path, NULL);
}

/* The REPORT.md (malloc'ed) of a results folder name holding the n
 * configurations, six rows each. */
static char *report_of(const char *name, const struct cfg *c, size_t n)
{
	char text[16384];
	size_t at = (size_t)snprintf(text, sizeof(text), HDR);

	for (size_t i = 0; i < n; i++)
		for (int r = 0; r < 6; r++) {
			int k = snprintf(text + at, sizeof(text) - at,
					 "ok,%s,none,%s,seq,%s,1048576,4096,1,%s,0,%.3f\n", c[i].method,
					 c[i].consume, c[i].cache, c[i].qd, c[i].mib[r]);

			assert_true(k > 0 && (size_t)k < sizeof(text) - at);
			at += (size_t)k;
		}
	return report_of_text(name, text);
}

/* The ceiling note of md; fails the test, showing md, when there is none. */
static const char *expect_note(const char *md)
{
	const char *note = strstr(md, NOTE);

	if (!note)
		fail_msg("no ceiling note in:\n%s", md);
	return note;
}

static void pread_above_reference(void **state)
{
	static const struct cfg c[] = {
		REF, {"pread", "sum", "warm", "", above}, {"mmap", "sum", "warm", "", within},
	};
	char *md = report_of("above", c, 3);
	const char *note = expect_note(md);

	(void)state;
	assert_contains(note, "In 1 configuration a file method");
	/* the method, the configuration, both figures and the CI's upper end */
	assert_contains(note, "pread warm sequential 1 MiB, 4 KiB blocks: 9.03 GiB/s against memread "
			      "5.37 GiB/s (CI up to 5.86 GiB/s)");
	assert_null(strstr(note, "mmap warm")); /* within the interval */
	assert_null(strstr(md, "Nothing suspicious"));
	free(md);
}

static void warm_4k_and_queue_depth(void **state)
{
	static const struct cfg c[] = {REF, {"uring", "sum", "warm-4k", "8", above}};
	char *md = report_of("warm4k", c, 2);

	(void)state;
	assert_contains(expect_note(md), "uring qd8 warm-4k sequential 1 MiB");
	free(md);
}

static void no_note_below_reference(void **state)
{
	/* within memread's interval; faster than it only when cold (not compared)
	 * or with another consume mode (another reference) */
	static const struct cfg c[] = {
		REF, {"pread", "sum", "warm", "", within}, {"pread", "sum", "cold", "", above},
		{"mmap", "touch", "warm", "", above},
	};
	char *md = report_of("below", c, 4);

	(void)state;
	if (strstr(md, NOTE))
		fail_msg("a ceiling note where none belongs:\n%s", md);
	free(md);
	/* no memread at all: nothing to compare with */
	md = report_of("no-ref", c + 2, 1);
	assert_null(strstr(md, NOTE));
	free(md);
}

#define AMP_NOTE "read more than 1.5× the bytes asked for from the device"

static void read_amp_cold_and_limited(void **state)
{
	/* 1 MiB read per row; dev_read_bytes: 8x (cold), 1x (cold), 3x (warm
	 * under a limit), 3x (warm, no limit: not flagged), empty (cold) */
	static const char rows[] =
		"status,method,advice,consume,pattern,cache,file_size_bytes,block_size_bytes,threads,"
		"queue_depth,mem_limit_bytes,mib_per_s,bytes,dev_read_bytes\n"
		"ok,mmap,none,sum,rand,cold,1048576,4096,1,,,10,1048576,8388608\n"
		"ok,pread,none,sum,rand,cold,1048576,4096,1,,,20,1048576,1048576\n"
		"ok,mmap,none,sum,rand,warm,1048576,4096,1,,67108864,30,1048576,3145728\n"
		"ok,mmap,none,sum,seq,warm,1048576,4096,1,,,40,1048576,3145728\n"
		"ok,read,none,sum,seq,cold,1048576,4096,1,,,50,1048576,\n";
	char *md = report_of_text("amp", rows), *note = strstr(md, AMP_NOTE);

	(void)state;
	if (!note)
		fail_msg("no read amplification note in:\n%s", md);
	*strchrnul(note, '\n') = '\0'; /* the note's line only */
	assert_contains(md, "2 cold or memory-limited configurations " AMP_NOTE);
	/* the largest first, each with its factor */
	assert_contains(note, "Worst: mmap cold random");
	assert_contains(note, "8.0×; mmap");
	assert_contains(note, "3.0×.");
	assert_null(strstr(note, "pread"));
	assert_null(strstr(note, "sequential"));
	free(md);
	/* nothing amplified: no note */
	md = report_of_text("no-amp", "status,method,advice,consume,pattern,cache,file_size_bytes,"
			    "block_size_bytes,threads,queue_depth,mib_per_s,bytes,dev_read_bytes\n"
			    "ok,pread,none,sum,rand,cold,1048576,4096,1,,20,1048576,1200000\n");
	assert_null(strstr(md, AMP_NOTE));
	free(md);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pread_above_reference),
		cmocka_unit_test(warm_4k_and_queue_depth),
		cmocka_unit_test(no_note_below_reference),
		cmocka_unit_test(read_amp_cold_and_limited),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
