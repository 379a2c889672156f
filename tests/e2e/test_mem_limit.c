/* test_mem_limit.c: end-to-end, `mapbench run --mem-limit` in a real memory
 * cgroup (as root, where /sys/fs/cgroup is cgroup2 or has the v1 memory
 * hierarchy, writable; else the program exits 77, skipped):
 *
 * - 64M limit, 96M file, rand 4K, cold, pread and mmap, 1 rep: both rows ok
 *   with mem_limit_bytes and the cg_* columns filled from the group itself
 *   (cache charged to it within the limit, mmap's major faults counted in
 *   it) and read_amp; pgscan/pgsteal only on v2; memread, whose copy of the
 *   file would not fit, unsupported naming the limit;
 * - the cgroup directories are the same before and after: after that run,
 *   after a failure injected mid-run (MB_TEST_FAIL_AFTER_REPS=1, exit 1) and
 *   after SIGINT (exit 130); the group the run named is gone;
 * - a --duration run with a timeline: worker 0's intervals carry the group's
 *   page cache (cg_file_bytes, within the limit) at each interval's end;
 * - the empty group of a run that no longer runs (what SIGKILL or the
 *   group's OOM killer leaves) is removed by the next run, which says so;
 * - as nobody: exit 3 with the reason.
 *
 * The runs use advice random so mmap's readahead does not thrash the small
 * group (read_amp shows that elsewhere); nothing here asserts a time. */
#include "e2e.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include "memcg.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#define LIMIT "67108864"

static int v2;
static char where[PATH_MAX]; /* the subtree the run's group goes into */
static int ndirs, nours;

/* A mapbench-<pid> group of a live process other than a run of this test
 * (another run on the machine, whose groups come and go): not counted. */
static int someone_elses(const char *name)
{
	char proc[64];

	if (strncmp(name, "mapbench-", 9))
		return 0;
	snprintf(proc, sizeof(proc), "/proc/%s", name + 9);
	return access(proc, F_OK) == 0;
}

static int count(const char *path, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb;
	if (flag != FTW_D || someone_elses(path + f->base))
		return 0;
	ndirs++;
	nours += !strncmp(path + f->base, "mapbench-", 9);
	return 0;
}

/* Directories under the group's subtree; mapbench-* ones in the hierarchy. */
struct census {
	int dirs, ours;
};

static struct census census(void)
{
	struct census c;

	ndirs = nours = 0;
	assert_int_equal(nftw(v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/memory", count, 16, FTW_PHYS), 0);
	c.ours = nours;
	ndirs = 0;
	assert_int_equal(nftw(where, count, 16, FTW_PHYS), 0);
	c.dirs = ndirs;
	return c;
}

static void expect_census(struct census before, const char *what)
{
	struct census after = census();

	if (after.dirs != before.dirs || after.ours != before.ours)
		fail_msg("%s: %d directories under %s and %d mapbench-* groups before, %d and %d after",
			 what, before.dirs, where, before.ours, after.dirs, after.ours);
}

/* The group the run said it ran in must be gone. */
static void expect_group_gone(const struct e2e_result *r)
{
	const char *at = strstr(r->err, "running in memory cgroup ");
	char dir[PATH_MAX];

	if (!at)
		fail_msg("the run did not name its memory cgroup:\n%s", r->err);
	assert_int_equal(sscanf(at, "running in memory cgroup %4095[^,]", dir), 1);
	assert_non_null(strstr(dir, "/mapbench-"));
	if (e2e_exists(dir))
		fail_msg("%s is still there", dir);
}

#define RUN_LIMITED(r, o, name, out, ...)                                                          \
	E2E_RUN_MB((r), (o), (name), (out), "--mem-limit", "64M", "--size", "96M", "--block", "4K",  \
		   "--cache", "cold", "--advice", "random", "--warmup", "0", "--lat-reps", "0",      \
		   __VA_ARGS__)

static long long num(const struct mb_csv_table *t, size_t i, const char *col)
{
	const char *v = e2e_cell(t, i, col);

	if (e2e_numeric(v) != 1)
		fail_msg("row %zu: %s is '%s', want a whole number", i, col, v);
	return strtoll(v, NULL, 10);
}

static void test_limited_run(void **state)
{
	struct census before = census();
	struct e2e_result r;
	struct mb_csv_table *t;
	char out[PATH_MAX];

	(void)state;
	RUN_LIMITED(&r, NULL, "limited", out, "--pattern", "rand", "--method", "pread,mmap", "--reps", "1");
	e2e_expect_exit(&r, 0, "--mem-limit 64M run");
	expect_group_gone(&r);
	expect_census(before, "after a normal run");
	t = e2e_load(out);
	assert_int_equal(t->nrows, 2);
	for (size_t i = 0; i < t->nrows; i++) {
		const char *m = e2e_cell(t, i, "method");

		assert_true(e2e_is(t, i, "status", "ok"));
		assert_true(e2e_is(t, i, "mem_limit_bytes", LIMIT));
		/* its cache is charged to the group, within the limit */
		assert_in_range(num(t, i, "cg_file_bytes"), 1, 64ll << 20);
		assert_in_range(num(t, i, "cg_file_mapped_bytes"), 0, 64ll << 20);
		assert_true(num(t, i, "cg_workingset_refault_file") >= 0);
		if (!strcmp(m, "mmap")) /* every page of a cold mapping is a major fault, in the group */
			assert_true(num(t, i, "cg_pgmajfault") > 0);
		else
			assert_true(num(t, i, "cg_pgmajfault") >= 0);
		assert_true(e2e_numeric(e2e_cell(t, i, "cg_pgscan")) == (v2 ? 1 : 0));
		assert_true(e2e_numeric(e2e_cell(t, i, "cg_pgsteal")) == (v2 ? 1 : 0));
		if (*e2e_cell(t, i, "dev_read_bytes"))
			assert_true(e2e_numeric(e2e_cell(t, i, "read_amp")) != 0);
		else
			assert_string_equal(e2e_cell(t, i, "read_amp"), "");
	}
	e2e_table_free(t);
	e2e_result_free(&r);
}

static void test_limited_timeline(void **state)
{
	struct e2e_result r;
	struct mb_csv_table *t;
	char out[PATH_MAX], tlf[PATH_MAX + 32];
	size_t n = 0;

	(void)state;
	e2e_fmt(tlf, sizeof(tlf), "%s/tl-of-limited.csv", e2e_tmp);
	RUN_LIMITED(&r, NULL, "limited-tl", out, "--pattern", "rand", "--method", "pread,mmap", "--reps", "1",
		    "--duration", "0.5", "--timeline", tlf, "--timeline-interval", "0.1");
	e2e_expect_exit(&r, 0, "--mem-limit 64M --duration 0.5 --timeline");
	e2e_result_free(&r);
	t = e2e_load(tlf);
	for (size_t i = 0; i < t->nrows; i++) {
		assert_true(e2e_is(t, i, "worker", "0"));
		assert_in_range(num(t, i, "cg_file_bytes"), 1, 64ll << 20);
		n++;
	}
	assert_true(n >= 2);
	e2e_table_free(t);
	t = e2e_load(out);
	for (size_t i = 0; i < t->nrows; i++)
		assert_true(e2e_is(t, i, "status", "ok"));
	e2e_table_free(t);
}

static void test_dead_group_removed(void **state)
{
	struct e2e_result r;
	char dead[PATH_MAX + 32], out[PATH_MAX];
	pid_t pid = fork();

	(void)state;
	assert_true(pid >= 0);
	if (!pid)
		_exit(0);
	assert_int_equal(waitpid(pid, NULL, 0), pid); /* pid now names no process */
	e2e_fmt(dead, sizeof(dead), "%s/mapbench-%ld", where, (long)pid);
	assert_int_equal(mkdir(dead, 0755), 0);
	RUN_LIMITED(&r, NULL, "deadgroup", out, "--pattern", "seq", "--method", "pread", "--reps", "1");
	if (e2e_exists(dead))
		rmdir(dead);
	e2e_expect_exit(&r, 0, "--mem-limit run beside a dead run's group");
	assert_false(e2e_exists(dead));
	assert_non_null(strstr(r.err, "which no longer runs"));
	e2e_result_free(&r);
}

static void test_copy_too_large(void **state)
{
	struct census before = census();
	struct e2e_result r;
	struct mb_csv_table *t;
	char out[PATH_MAX];

	(void)state;
	E2E_RUN_MB(&r, NULL, "memread", out, "--mem-limit", "64M", "--size", "96M", "--block", "4K",
		   "--pattern", "seq", "--method", "memread", "--reps", "1", "--warmup", "0");
	e2e_expect_exit(&r, 4, "memread under a limit below its copy"); /* nothing could run */
	expect_census(before, "memread");
	t = e2e_load(out);
	assert_int_equal(t->nrows, 1);
	assert_true(e2e_is(t, 0, "status", "unsupported"));
	assert_true(e2e_is(t, 0, "mem_limit_bytes", LIMIT));
	assert_non_null(strstr(e2e_cell(t, 0, "error"), "more than half the 67108864-byte limit"));
	e2e_table_free(t);
	e2e_result_free(&r);
}

/* A run that ends early (exit want, stderr saying say) leaves no group. */
static void expect_clean_end(const struct e2e_opts *o, const char *name, const char *pattern,
			     const char *methods, const char *reps, int want, const char *say)
{
	struct census before = census();
	struct e2e_result r;
	char out[PATH_MAX];

	RUN_LIMITED(&r, o, name, out, "--pattern", pattern, "--method", methods, "--reps", reps);
	e2e_expect_exit(&r, want, name);
	if (!strstr(r.err, say))
		fail_msg("%s: stderr does not say '%s':\n%s", name, say, r.err);
	expect_group_gone(&r);
	expect_census(before, name);
	e2e_result_free(&r);
}

static void test_failure_midrun(void **state)
{
	static const char *const env[] = {"MB_TEST_FAIL_AFTER_REPS=1", NULL};
	struct e2e_opts o = {.env = env};

	(void)state;
	expect_clean_end(&o, "failure-injected", "rand", "pread,mmap", "3", 1, "failure injected");
}

static void test_sigint(void **state)
{
	struct e2e_opts o = {.sigint_after_ms = 2000};

	(void)state;
	expect_clean_end(&o, "sigint", "seq", "pread", "100000", 130, "interrupted");
}

static void test_nobody(void **state)
{
	char w[PATH_MAX], f[PATH_MAX], out[PATH_MAX];
	struct census before = census();
	struct e2e_opts o;
	struct e2e_result r;

	(void)state;
	e2e_fmt(w, sizeof(w), "%s/nobody", e2e_tmp);
	e2e_fmt(f, sizeof(f), "%s/f", w);
	e2e_fmt(out, sizeof(out), "%s/r.csv", w);
	assert_int_equal(mkdir(w, 0777), 0);
	assert_int_equal(chmod(w, 0777), 0);
	e2e_write_file(f, "sixteen bytes...", 16);
	assert_int_equal(chmod(e2e_tmp, 0755), 0);
	o = (struct e2e_opts){.cwd = w, .drop_to_nobody = 1, .nobody_path = w};
	E2E_RUN(&r, &o, "run", "--mem-limit", "64M", "--file", f, "--method", "pread", "--block", "4K", "--quiet",
		"--out", out);
	e2e_skip_if_cannot_drop(&r, w);
	e2e_expect_exit(&r, 3, "--mem-limit as nobody");
	if (!strstr(r.err, "--mem-limit") || !strstr(r.err, "needs root") ||
	    e2e_count_lines(r.err) != 1)
		fail_msg("want one line naming --mem-limit and root, got:\n%s", r.err);
	assert_false(e2e_exists(out)); /* no results file left with a header only */
	expect_census(before, "as nobody");
	e2e_result_free(&r);
}

/* 0 when the tests can run here; else why not. */
static const char *usable(void)
{
	char buf[8192], self[PATH_MAX / 2];
	struct statfs sf;
	int fd;
	ssize_t n;

	if (geteuid())
		return "needs root";
	if (!statfs("/sys/fs/cgroup", &sf) && sf.f_type == CGROUP2_SUPER_MAGIC)
		v2 = 1;
	else if (statfs("/sys/fs/cgroup/memory", &sf) || sf.f_type != CGROUP_SUPER_MAGIC)
		return "no memory cgroup hierarchy";
	fd = open("/proc/self/cgroup", O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	if (mb_memcg_parse_self(buf, v2, self, sizeof(self)))
		return "cannot tell this process's cgroup";
	if (v2 && strcmp(self, "/"))
		*strrchr(self, '/') = '\0'; /* the group goes beside this one */
	snprintf(where, sizeof(where), "%s%s", v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/memory", self);
	if (access(where, W_OK))
		return "the cgroup hierarchy is not writable here";
	return NULL;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_limited_run),
		E2E_TEST(test_limited_timeline),
		E2E_TEST(test_dead_group_removed),
		E2E_TEST(test_copy_too_large),
		E2E_TEST(test_failure_midrun),
		E2E_TEST(test_sigint),
		E2E_TEST(test_nobody),
	};
	const char *why;

	if (e2e_init(argc, argv))
		return 1;
	if ((why = usable())) {
		printf("skipped: %s\n", why);
		return 77;
	}
	return cmocka_run_group_tests(tests, e2e_group_setup, e2e_group_teardown);
}
