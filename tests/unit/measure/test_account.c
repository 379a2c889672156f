/* test_account.c: src/measure/account.c: parsing /proc/PID/io text, and snapshots
 * whose differences count what happened between them: non-negative deltas
 * around file reads, minor faults for fresh anonymous pages, CPU time for a
 * busy loop, storage bytes read and written when /proc/self/io is there. */
#include "unit.h"

#include "account.h"
#include "residency.h"

#include <linux/magic.h>
#include <sys/mman.h>
#include <sys/vfs.h>

#ifndef MB_UNIT_BINARY_DIR
#error "MB_UNIT_BINARY_DIR (the build directory of the tests) must be defined"
#endif

static const char sample_io[] =
	"rchar: 323934931\n"
	"wchar: 323929600\n"
	"syscr: 632687\n"
	"syscw: 632675\n"
	"read_bytes: 1234567890123\n"
	"write_bytes: 323932160\n"
	"cancelled_write_bytes: 77\n";

static void parse_proc_io_sample(void **state)
{
	uint64_t rb = 1, wb = 1;

	(void)state;
	assert_int_equal(mb_parse_proc_io(sample_io, &rb, &wb), 0);
	assert_int_equal(rb, 1234567890123ull);
	assert_int_equal(wb, 323932160);
}

/* cancelled_write_bytes before write_bytes must not be taken for it. */
static void parse_proc_io_lookalike_keys(void **state)
{
	static const char reordered[] =
		"rchar: 1\n"
		"cancelled_write_bytes: 999\n"
		"xread_bytes: 555\n"
		"read_bytes: 4096\n"
		"write_bytes: 8192\n";
	static const char big[] =
		"rchar: 1\n"
		"read_bytes: 18446744073709551615\n"
		"write_bytes: 0\n";
	uint64_t rb = 1, wb = 1;

	(void)state;
	assert_int_equal(mb_parse_proc_io(reordered, &rb, &wb), 0);
	assert_int_equal(rb, 4096);
	assert_int_equal(wb, 8192);
	assert_int_equal(mb_parse_proc_io(big, &rb, &wb), 0);
	assert_int_equal(rb, UINT64_MAX);
	assert_int_equal(wb, 0);
}

static void parse_proc_io_errors(void **state)
{
	uint64_t rb, wb;

	(void)state;
	assert_int_equal(mb_parse_proc_io("", &rb, &wb), -EINVAL);
	assert_int_equal(mb_parse_proc_io("rchar: 1\nread_bytes: 5\n", &rb, &wb), -EINVAL);
	assert_int_equal(mb_parse_proc_io("rchar: 1\nwrite_bytes: 5\n", &rb, &wb), -EINVAL);
	assert_int_equal(mb_parse_proc_io("rchar: 1\nread_bytes: x\nwrite_bytes: 5\n", &rb, &wb),
			 -EINVAL);
	assert_int_equal(mb_parse_proc_io("rchar: 1\ncancelled_write_bytes: 7\nread_bytes: 1\n", &rb,
					  &wb), -EINVAL);
}

static void assert_nonnegative(const struct mb_acct_delta *d)
{
	assert_true(d->user_us >= 0);
	assert_true(d->sys_us >= 0);
	assert_true(d->minflt >= 0);
	assert_true(d->majflt >= 0);
	assert_true(d->nvcsw >= 0);
	assert_true(d->nivcsw >= 0);
	assert_true(d->dev_read_bytes >= 0);
	assert_true(d->dev_write_bytes >= 0);
}

static void deltas_after_reading_a_file(void **state)
{
	struct mb_acct a, b;
	struct mb_acct_delta d;
	char buf[65536];
	int fd = open("/proc/self/exe", O_RDONLY);
	ssize_t n;
	size_t total = 0;

	(void)state;
	assert_true(fd >= 0);
	mb_acct_snap(&a);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += (size_t)n;
	mb_acct_snap(&b);
	close(fd);
	assert_true(total > 0);
	mb_acct_diff(&a, &b, &d);
	assert_nonnegative(&d);
	assert_int_equal(d.io_ok, a.io_ok && b.io_ok);
	if (access("/proc/self/io", R_OK) == 0)
		assert_true(d.io_ok);
	/* a snapshot against itself is all zero */
	mb_acct_diff(&a, &a, &d);
	assert_true(d.user_us == 0 && d.sys_us == 0);
	assert_int_equal(d.minflt, 0);
	assert_int_equal(d.majflt, 0);
	assert_int_equal(d.dev_read_bytes, 0);
}

static void minflt_counts_fresh_anonymous_pages(void **state)
{
	const size_t len = 16u << 20;
	size_t ps = (size_t)sysconf(_SC_PAGESIZE), pages = len / ps;
	struct mb_acct a, b;
	struct mb_acct_delta d;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int huge_off;

	(void)state;
	assert_true(p != MAP_FAILED);
	/* one fault per 4 KiB page, not per 2 MiB huge page */
	huge_off = madvise(p, len, MADV_NOHUGEPAGE) == 0;
	mb_acct_snap(&a);
	for (size_t i = 0; i < len; i += ps)
		p[i] = (unsigned char)i;
	mb_acct_snap(&b);
	mb_acct_diff(&a, &b, &d);
	assert_nonnegative(&d);
	if (huge_off)
		assert_true((uint64_t)d.minflt >= pages / 2);
	else
		assert_true(d.minflt >= 1);
	assert_int_equal(d.majflt, 0);
	/* touching the same pages again faults nothing new */
	mb_acct_snap(&a);
	for (size_t i = 0; i < len; i += ps)
		p[i]++;
	mb_acct_snap(&b);
	mb_acct_diff(&a, &b, &d);
	assert_true((uint64_t)d.minflt < pages / 16);
	assert_int_equal(munmap(p, len), 0);
}

static void cpu_time_counts_busy_loop(void **state)
{
	struct mb_acct a, b;
	struct mb_acct_delta d;
	volatile uint64_t x = 1;
	uint64_t rs = 1;

	(void)state;
	mb_acct_snap(&a);
	do {
		for (int i = 0; i < 1000000; i++)
			x += ut_rand(&rs);
		mb_acct_snap(&b);
		mb_acct_diff(&a, &b, &d);
	} while (d.user_us + d.sys_us < 30000);
	assert_true(d.user_us > 0);
	assert_nonnegative(&d);
}

static int on_tmpfs(const char *dir)
{
	struct statfs fs;

	return statfs(dir, &fs) == 0 && (fs.f_type == TMPFS_MAGIC || fs.f_type == RAMFS_MAGIC);
}

/* Storage bytes: a synced then evicted file, read again, comes from the
 * device; its writing was counted as written. Needs /proc/self/io and a
 * filesystem with a device (the build dir, not tmpfs). */
static void device_bytes(void **state)
{
	const size_t len = 4u << 20;
	char dir[PATH_MAX], path[PATH_MAX + 16], err[256] = "";
	unsigned char *buf = malloc(len);
	struct mb_acct a, b;
	struct mb_acct_delta d;
	uint64_t rs = 9;
	int fd;

	(void)state;
	assert_non_null(buf);
	mb_acct_snap(&a);
	if (!a.io_ok || on_tmpfs(MB_UNIT_BINARY_DIR)) {
		free(buf);
		print_message("no /proc/self/io or tmpfs build dir: storage bytes not tested\n");
		skip();
	}
	ut_mkdtemp(dir, sizeof(dir), MB_UNIT_BINARY_DIR);
	snprintf(path, sizeof(path), "%s/io.dat", dir);
	ut_fill_random(&rs, buf, len);
	mb_acct_snap(&a);
	ut_write_file(path, buf, len);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(fdatasync(fd), 0);
	mb_acct_snap(&b);
	mb_acct_diff(&a, &b, &d);
	assert_true(d.io_ok);
	assert_true(d.dev_write_bytes >= (int64_t)len);

	assert_int_equal(mb_cache_evict(path, 1, 0, err, sizeof(err)), 0);
	mb_acct_snap(&a);
	for (size_t off = 0; off < len;) {
		ssize_t n = pread(fd, buf, len - off, (off_t)off);

		assert_true(n > 0);
		off += (size_t)n;
	}
	mb_acct_snap(&b);
	mb_acct_diff(&a, &b, &d);
	assert_true(d.dev_read_bytes >= (int64_t)(len * 9 / 10));
	close(fd);
	ut_rmtree(dir);
	free(buf);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_proc_io_sample),
		cmocka_unit_test(parse_proc_io_lookalike_keys),
		cmocka_unit_test(parse_proc_io_errors),
		cmocka_unit_test(deltas_after_reading_a_file),
		cmocka_unit_test(minflt_counts_fresh_anonymous_pages),
		cmocka_unit_test(cpu_time_counts_busy_loop),
		cmocka_unit_test(device_bytes),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
