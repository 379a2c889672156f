/* test_memcg.c: src/measure/memcg.c without touching any cgroup: the limit
 * checks, the memory.stat parser on v1 and v2 texts (old and new names,
 * absent counters, v1's total_ lines ignored) and the /proc/self/cgroup
 * parser (the v2 line, v1's memory among other controllers, lookalikes);
 * and leaving without a group is a no-op. */
#include "unit.h"

#include "memcg.h"

static void limit_checks(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(mb_memcg_check_limit(16ull << 20, 1ull << 30, err, sizeof(err)), 0);
	assert_int_equal(mb_memcg_check_limit(64ull << 20, 0, err, sizeof(err)), 0);
	assert_int_equal(mb_memcg_check_limit(1ull << 30, 1ull << 30, err, sizeof(err)), 0);
	assert_int_equal(mb_memcg_check_limit((16ull << 20) - 1, 1ull << 30, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "16M"));
	assert_int_equal(mb_memcg_check_limit((1ull << 30) + 1, 1ull << 30, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "machine's memory"));
	assert_int_equal(mb_memcg_check_limit(0, 0, err, sizeof(err)), -EINVAL);
}

static const char stat_v2[] =
	"anon 1814528\n"
	"file 67108864\n"
	"kernel 1234\n"
	"file_mapped 4096\n"
	"file_dirty 0\n"
	"workingset_refault_anon 0\n"
	"workingset_refault_file 777\n"
	"pgscan 5000\n"
	"pgsteal 4000\n"
	"pgscan_kswapd 1\n"
	"pgsteal_direct 2\n"
	"pgfault 50213\n"
	"pgmajfault 13\n";

static void stat_v2_names(void **state)
{
	struct mb_memcg_stat s;

	(void)state;
	mb_memcg_parse_stat(stat_v2, &s);
	assert_int_equal(s.file, 67108864);
	assert_int_equal(s.file_mapped, 4096);
	assert_int_equal(s.pgmajfault, 13);
	assert_int_equal(s.workingset_refault_file, 777);
	assert_int_equal(s.pgscan, 5000);
	assert_int_equal(s.pgsteal, 4000);
}

static const char stat_v1[] =
	"cache 10858496\n"
	"rss 1814528\n"
	"mapped_file 8192\n"
	"workingset_refault_anon 0\n"
	"workingset_refault_file 21\n"
	"pgfault 50213\n"
	"pgmajfault 9\n"
	"total_cache 99\n"
	"total_mapped_file 99\n"
	"total_pgmajfault 99\n";

static void stat_v1_names(void **state)
{
	struct mb_memcg_stat s;

	(void)state;
	mb_memcg_parse_stat(stat_v1, &s);
	assert_int_equal(s.file, 10858496);
	assert_int_equal(s.file_mapped, 8192);
	assert_int_equal(s.pgmajfault, 9);
	assert_int_equal(s.workingset_refault_file, 21);
	assert_int_equal(s.pgscan, -1); /* v1 has no reclaim counters */
	assert_int_equal(s.pgsteal, -1);
}

static void stat_old_and_missing(void **state)
{
	struct mb_memcg_stat s;

	(void)state;
	/* before Linux 5.9 the file refaults were "workingset_refault" */
	mb_memcg_parse_stat("file 4096\nworkingset_refault 5\n", &s);
	assert_int_equal(s.workingset_refault_file, 5);
	assert_int_equal(s.file_mapped, -1);
	assert_int_equal(s.pgmajfault, -1);
	/* the newer name wins wherever it stands */
	mb_memcg_parse_stat("workingset_refault_file 7\nworkingset_refault 5\n", &s);
	assert_int_equal(s.workingset_refault_file, 7);
	mb_memcg_parse_stat("", &s);
	assert_int_equal(s.file, -1);
	/* prefixes are other counters */
	mb_memcg_parse_stat("file_dirty 3\npgscan_kswapd 4\nfiles 5", &s);
	assert_int_equal(s.file, -1);
	assert_int_equal(s.pgscan, -1);
}

static void self_v2_and_v1(void **state)
{
	static const char hybrid[] = "9:name=systemd:/\n"
				     "5:devices:/\n"
				     "4:memory:/process_api/abc\n"
				     "3:cpu,cpuacct:/x\n"
				     "0::/user.slice/session-1.scope\n";
	char p[256];

	(void)state;
	assert_int_equal(mb_memcg_parse_self(hybrid, 1, p, sizeof(p)), 0);
	assert_string_equal(p, "/user.slice/session-1.scope");
	assert_int_equal(mb_memcg_parse_self(hybrid, 0, p, sizeof(p)), 0);
	assert_string_equal(p, "/process_api/abc");
	assert_int_equal(mb_memcg_parse_self("0::/\n", 1, p, sizeof(p)), 0);
	assert_string_equal(p, "/");
	assert_int_equal(mb_memcg_parse_self("7:blkio,memory:/m\n", 0, p, sizeof(p)), 0);
	assert_string_equal(p, "/m");
	/* memoryx is another controller; no v2 line; no room for the path */
	assert_int_equal(mb_memcg_parse_self("4:memoryx:/a\n2:pids:/b\n", 0, p, sizeof(p)), -ENOENT);
	assert_int_equal(mb_memcg_parse_self("4:memory:/a\n", 1, p, sizeof(p)), -ENOENT);
	assert_int_equal(mb_memcg_parse_self("0::/a/long/path\n", 1, p, 4), -ENOENT);
}

static void leave_without_group(void **state)
{
	(void)state;
	assert_null(mb_memcg_current());
	assert_int_equal(mb_memcg_leave(), 0);
	assert_int_equal(mb_memcg_leave(), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(limit_checks),
		cmocka_unit_test(stat_v2_names),
		cmocka_unit_test(stat_v1_names),
		cmocka_unit_test(stat_old_and_missing),
		cmocka_unit_test(self_v2_and_v1),
		cmocka_unit_test(leave_without_group),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
