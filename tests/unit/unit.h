/* unit.h: helpers shared by the unit tests (header only): cmocka includes,
 * a seeded generator independent of mapbench's own, temporary directories
 * removed after use (and one per program, made by its group setup), and
 * whole-file read/write. */
#ifndef MB_UNIT_H
#define MB_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

/* xorshift64*: a generator that shares no code with src/measure/offsets.c's splitmix64. */
static inline uint64_t ut_rand(uint64_t *s)
{
	uint64_t x = *s ? *s : 0x2545f4914f6cdd1dull;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dull;
}

/* Uniform enough in [0, n) for tests (n > 0). */
static inline uint64_t ut_below(uint64_t *s, uint64_t n)
{
	return ut_rand(s) % n;
}

static inline void ut_fill_random(uint64_t *s, void *buf, size_t len)
{
	unsigned char *p = buf;

	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(ut_rand(s) >> 56);
}

/* mkdtemp of base/mbunit-XXXXXX into buf; fails the test on error. */
static inline char *ut_mkdtemp(char *buf, size_t len, const char *base)
{
	int n = snprintf(buf, len, "%s/mbunit-XXXXXX", base);

	assert_true(n > 0 && (size_t)n < len);
	if (!mkdtemp(buf))
		fail_msg("mkdtemp(%s): %s", buf, strerror(errno));
	return buf;
}

static inline int ut_rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

/* rm -rf dir (no symlinks followed). */
static inline void ut_rmtree(const char *dir)
{
	if (dir && dir[0])
		nftw(dir, ut_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* One scratch directory per test program, under /tmp: ut_tmpdir() is its
 * path, made by the group setup ut_tmpdir_setup and removed with everything in
 * it by ut_tmpdir_teardown (pass both to cmocka_run_group_tests). */
static inline char *ut_tmpdir(void)
{
	static char dir[PATH_MAX];

	return dir;
}

static inline int ut_tmpdir_setup(void **state)
{
	(void)state;
	ut_mkdtemp(ut_tmpdir(), PATH_MAX, "/tmp");
	return 0;
}

static inline int ut_tmpdir_teardown(void **state)
{
	(void)state;
	ut_rmtree(ut_tmpdir());
	return 0;
}

/* ut_tmpdir()/name into buf; fails the test if it does not fit. */
static inline void ut_tmp_path(char *buf, size_t len, const char *name)
{
	int n = snprintf(buf, len, "%s/%s", ut_tmpdir(), name);

	assert_true(n > 0 && (size_t)n < len);
}

static inline void ut_write_file(const char *path, const void *p, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	const char *q = p;

	if (fd < 0)
		fail_msg("open(%s): %s", path, strerror(errno));
	while (len) {
		ssize_t w = write(fd, q, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			fail_msg("write(%s): %s", path, strerror(errno));
		q += w;
		len -= (size_t)w;
	}
	assert_int_equal(close(fd), 0);
}

static inline void ut_write_str(const char *path, const char *s)
{
	ut_write_file(path, s, strlen(s));
}

/* The whole file, NUL-terminated, malloc'ed; length in *len. */
static inline char *ut_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		fail_msg("fopen(%s): %s", path, strerror(errno));
	do {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 1);
			assert_non_null(buf);
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r);
	assert_int_equal(ferror(f), 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* 1 if dir is on tmpfs or ramfs (no page-cache eviction), 0 if not, -1 on error. */
static inline int ut_on_tmpfs(const char *dir)
{
	struct statfs fs;

	if (statfs(dir, &fs))
		return -1;
	return fs.f_type == TMPFS_MAGIC || fs.f_type == RAMFS_MAGIC;
}

/* For the page-cache tests: a temp dir (dir) under /tmp unless /tmp is a
 * tmpfs, else under the build dir, holding name (path): size seeded random
 * bytes, written and fdatasync'ed. 0 or -1. */
static inline int ut_synced_file(char *dir, size_t dirlen, char *path, size_t pathlen,
				 const char *name, size_t size, uint64_t seed)
{
	const char *base = ut_on_tmpfs("/tmp") == 0 ? "/tmp" : MB_UNIT_BINARY_DIR;
	unsigned char *buf = malloc(size);
	int fd;

	if (!buf)
		return -1;
	ut_mkdtemp(dir, dirlen, base);
	snprintf(path, pathlen, "%s/%s", dir, name);
	ut_fill_random(&seed, buf, size);
	ut_write_file(path, buf, size);
	free(buf);
	fd = open(path, O_RDONLY);
	if (fd < 0 || fdatasync(fd))
		return -1;
	close(fd);
	return 0;
}

/* Skips the test when dir is on tmpfs, where eviction cannot be tested. */
static inline void ut_skip_if_tmpfs(const char *dir)
{
	if (ut_on_tmpfs(dir)) {
		print_message("%s is on tmpfs: page-cache eviction cannot be tested there\n", dir);
		skip();
	}
}

/* argv[1], when given, is a cmocka test filter (e.g. "roundtrip*"), and
 * MB_UNIT_SKIP a skip filter, for running part of a program by hand. */
static inline void ut_filters(int argc, char **argv)
{
	const char *skip = getenv("MB_UNIT_SKIP");

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	if (skip && *skip)
		cmocka_set_skip_filter(skip);
}

/* Runs fn(arg) in a child process, so that a crash or a sanitizer report
 * fails one test instead of ending the program. Fails unless the child
 * exits 0 (fn returns 0). */
static inline void ut_in_child(int (*fn)(void *), void *arg, const char *what)
{
	pid_t pid;
	int status = 0;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(fn(arg) ? 1 : 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		fail_msg("%s: killed by signal %d", what, WTERMSIG(status));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		fail_msg("%s: failed (exit %d)", what, WEXITSTATUS(status));
}

/* Fails unless needle occurs in haystack, showing both. */
#define assert_contains(haystack, needle)                                                    \
	do {                                                                                 \
		const char *h_ = (haystack), *n_ = (needle);                                  \
		if (!strstr(h_, n_))                                                          \
			fail_msg("\"%s\" does not contain \"%s\"", h_, n_);                   \
	} while (0)

#endif
