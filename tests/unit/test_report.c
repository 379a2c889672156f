/* test_report.c: REPORT.md (report.c) from small results files: the note
 * that flags a warm file method whose median throughput is above the upper
 * end of memread's 95% CI of the median in the same configuration, and its
 * absence where every method stays below, or where only a cold or a
 * differently consumed configuration is faster. */
#include "unit.h"

#include "report.h"

#define HDR "status,method,advice,consume,pattern,cache,file_size_bytes,block_size_bytes,threads," \
	    "queue_depth,buf_offset_bytes,mib_per_s\n"
#define NOTE "The reference is below a method: its figures are not a ceiling here"

/* Six repetitions of one configuration at the given MiB/s. */
static size_t six(char *buf, size_t len, const char *method, const char *consume, const char *cache,
		  const char *qd, const double mib[6])
{
	size_t at = 0;

	for (int i = 0; i < 6; i++) {
		int n = snprintf(buf + at, len - at, "ok,%s,none,%s,seq,%s,1048576,4096,1,%s,0,%.3f\n",
				 method, consume, cache, qd, mib[i]);

		assert_true(n > 0 && (size_t)n < len - at);
		at += (size_t)n;
	}
	return at;
}

static const double memread[6] = {5000, 5200, 5400, 5600, 5800, 6000}; /* CI of the median: 5000..6000 */
static const double above[6] = {9000, 9100, 9200, 9300, 9400, 9500};   /* median 9250 */
static const double within[6] = {5500, 5600, 5700, 5800, 5900, 6100};  /* median 5750 */

/* Writes a results folder from text and returns its REPORT.md (malloc'ed). */
static char *report_of(const char *name, const char *text)
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

static void pread_above_reference(void **state)
{
	char text[8192], *md, *note;
	size_t at;

	(void)state;
	at = (size_t)snprintf(text, sizeof(text), HDR);
	at += six(text + at, sizeof(text) - at, "memread", "sum", "", "", memread);
	at += six(text + at, sizeof(text) - at, "pread", "sum", "warm", "", above);
	six(text + at, sizeof(text) - at, "mmap", "sum", "warm", "", within);
	md = report_of("above", text);
	note = strstr(md, NOTE);
	if (!note)
		fail_msg("no ceiling note in:\n%s", md);
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
	char text[8192], *md, *note;
	size_t at;

	(void)state;
	at = (size_t)snprintf(text, sizeof(text), HDR);
	at += six(text + at, sizeof(text) - at, "memread", "sum", "", "", memread);
	six(text + at, sizeof(text) - at, "uring", "sum", "warm-4k", "8", above);
	md = report_of("warm4k", text);
	note = strstr(md, NOTE);
	if (!note)
		fail_msg("no ceiling note in:\n%s", md);
	assert_contains(note, "uring qd8 warm-4k sequential 1 MiB");
	free(md);
}

static void no_note_below_reference(void **state)
{
	char text[8192], *md;
	size_t at;

	(void)state;
	/* within memread's interval; faster than it only when cold (not compared)
	 * or with another consume mode (another reference) */
	at = (size_t)snprintf(text, sizeof(text), HDR);
	at += six(text + at, sizeof(text) - at, "memread", "sum", "", "", memread);
	at += six(text + at, sizeof(text) - at, "pread", "sum", "warm", "", within);
	at += six(text + at, sizeof(text) - at, "pread", "sum", "cold", "", above);
	six(text + at, sizeof(text) - at, "mmap", "touch", "warm", "", above);
	md = report_of("below", text);
	if (strstr(md, NOTE))
		fail_msg("a ceiling note where none belongs:\n%s", md);
	free(md);

	/* no memread at all: nothing to compare with */
	at = (size_t)snprintf(text, sizeof(text), HDR);
	six(text + at, sizeof(text) - at, "pread", "sum", "warm", "", above);
	md = report_of("no-ref", text);
	assert_null(strstr(md, NOTE));
	free(md);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pread_above_reference),
		cmocka_unit_test(warm_4k_and_queue_depth),
		cmocka_unit_test(no_note_below_reference),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
