/* e2e.c: helpers shared by the end-to-end tests (see e2e.h): spawn the real
 * mapbench with stdout and stderr captured in memfds, scratch directories under
 * the build tree, and CSV reading through mapbench's own libcsv reader. */
#include "e2e.h"
#include "dataset.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <dirent.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef E2E_WORK_DIR
#error "E2E_WORK_DIR (a directory under the build tree) must be defined"
#endif

const char *e2e_bin;
static char bin_path[PATH_MAX];

int e2e_init(int argc, char **argv)
{
	const char *arg = argc > 1 ? argv[1] : getenv("MAPBENCH");

	/* absolute, so tests may run it from another working directory */
	if (!arg || !realpath(arg, bin_path) || access(bin_path, X_OK)) {
		fprintf(stderr, "usage: %s PATH-TO-MAPBENCH (or set MAPBENCH): %s\n", argv[0],
			arg ? strerror(errno) : "not given");
		return -1;
	}
	e2e_bin = bin_path;
	return 0;
}

/* --- tracked allocations ------------------------------------------------ */

enum { T_MEM = 1, T_TABLE };
static struct {
	void *p;
	int kind;
} tracked[256];

static void *track(void *p, int kind)
{
	for (size_t i = 0; p && i < sizeof(tracked) / sizeof(tracked[0]); i++)
		if (!tracked[i].p) {
			tracked[i].p = p;
			tracked[i].kind = kind;
			return p;
		}
	assert_null("too many tracked allocations");
	return p;
}

static void untrack(void *p)
{
	for (size_t i = 0; p && i < sizeof(tracked) / sizeof(tracked[0]); i++)
		if (tracked[i].p == p)
			tracked[i].p = NULL;
}

void *e2e_alloc(size_t len)
{
	void *p = malloc(len ? len : 1);

	assert_non_null(p);
	return track(p, T_MEM);
}

void e2e_free(void *p)
{
	untrack(p);
	free(p);
}

void e2e_table_free(struct mb_csv_table *t)
{
	if (!t)
		return;
	untrack(t);
	mb_csv_table_free(t);
	free(t);
}

int e2e_teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(tracked) / sizeof(tracked[0]); i++) {
		void *p = tracked[i].p;

		if (!p)
			continue;
		tracked[i].p = NULL;
		if (tracked[i].kind == T_TABLE)
			mb_csv_table_free(p);
		free(p);
	}
	return 0;
}

/* --- running mapbench ---------------------------------------------------- */

static char *slurp_fd(int fd)
{
	off_t len = lseek(fd, 0, SEEK_END);
	char *buf;
	ssize_t n;
	size_t got = 0;

	assert_true(len >= 0);
	buf = e2e_alloc((size_t)len + 1);
	while (got < (size_t)len) {
		n = pread(fd, buf + got, (size_t)len - got, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		assert_true(n > 0);
		got += (size_t)n;
	}
	buf[got] = '\0';
	return buf;
}

static void become_nobody(const char *path)
{
	const uid_t nobody = 65534;

	if (setgroups(0, NULL) || setresgid(nobody, nobody, nobody) ||
	    setresuid(nobody, nobody, nobody) || access(e2e_bin, R_OK | X_OK) ||
	    (path && access(path, X_OK)))
		_exit(E2E_EXIT_CANNOT_DROP);
}

void e2e_run(struct e2e_result *r, const struct e2e_opts *o, const char *const *args)
{
	const char *argv[64], *prog = o && o->program ? o->program : e2e_bin;
	size_t n = 0;
	int ofd, efd, st;
	pid_t pid;

	argv[n++] = prog;
	while (args[n - 1]) {
		assert_true(n < 63);
		argv[n] = args[n - 1];
		n++;
	}
	argv[n] = NULL;
	ofd = memfd_create("e2e-stdout", MFD_CLOEXEC);
	efd = memfd_create("e2e-stderr", MFD_CLOEXEC);
	assert_true(ofd >= 0 && efd >= 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);

		if (nul < 0 || dup2(nul, 0) < 0 || dup2(ofd, 1) < 0 || dup2(efd, 2) < 0)
			_exit(126);
		if (o && o->cwd && chdir(o->cwd))
			_exit(126);
		if (o && o->drop_to_nobody)
			become_nobody(o->nobody_path);
		for (size_t i = 0; o && o->env && o->env[i]; i++)
			if (putenv((char *)o->env[i]))
				_exit(126);
		execv(prog, (char *const *)argv);
		_exit(127);
	}
	if (o && o->sigint_after_ms > 0) {
		struct timespec ts = {o->sigint_after_ms / 1000, (o->sigint_after_ms % 1000) * 1000000L};

		while (nanosleep(&ts, &ts) && errno == EINTR)
			;
		kill(pid, SIGINT);
	}
	while (waitpid(pid, &st, 0) < 0)
		assert_int_equal(errno, EINTR);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	r->out = slurp_fd(ofd);
	r->err = slurp_fd(efd);
	close(ofd);
	close(efd);
}

void e2e_result_free(struct e2e_result *r)
{
	e2e_free(r->out);
	e2e_free(r->err);
	r->out = r->err = NULL;
}

void e2e_run_mb(struct e2e_result *r, const struct e2e_opts *o, const char *name, char *out,
		size_t outlen, const char *const *extra)
{
	char ds[PATH_MAX];
	const char *argv[64];
	size_t n = 0;

	e2e_fmt(ds, sizeof(ds), "%s/ds", e2e_tmp);
	e2e_fmt(out, outlen, "%s/%s.csv", e2e_tmp, name);
	unlink(out);
	argv[n++] = "run";
	argv[n++] = "--dir";
	argv[n++] = ds;
	argv[n++] = "--out";
	argv[n++] = out;
	for (size_t i = 0; extra[i]; i++) {
		assert_true(n < 63);
		argv[n++] = extra[i];
	}
	argv[n] = NULL;
	e2e_run(r, o, argv);
}

void e2e_expect_exit(const struct e2e_result *r, int want, const char *what)
{
	if (r->status != want)
		fail_msg("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", what, r->status, want, r->out,
			 r->err);
}

void e2e_skip_if_cannot_drop(struct e2e_result *r, const char *path)
{
	if (r->status != E2E_EXIT_CANNOT_DROP)
		return;
	e2e_result_free(r);
	print_message("cannot run the binary or reach %s as uid 65534: skipped\n", path);
	skip();
}

size_t e2e_count_lines(const char *s)
{
	size_t n = 0;

	for (const char *p = s; *p; p++)
		n += *p == '\n';
	if (*s && s[strlen(s) - 1] != '\n')
		n++;
	return n;
}

void e2e_fmt(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len)
		fail_msg("e2e_fmt: '%s' does not fit in %zu bytes", fmt, len);
}

void e2e_mkdtemp(char *out, size_t len)
{
	int n = snprintf(out, len, "%s/e2e-XXXXXX", E2E_WORK_DIR);

	assert_true(n > 0 && (size_t)n < len);
	assert_non_null(mkdtemp(out));
}

char e2e_tmp[PATH_MAX];

int e2e_group_setup(void **state)
{
	(void)state;
	e2e_mkdtemp(e2e_tmp, sizeof(e2e_tmp));
	return 0;
}

int e2e_group_teardown(void **state)
{
	(void)state;
	e2e_rmrf(e2e_tmp);
	return 0;
}

static int rm_one(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (type == FTW_DP || type == FTW_D || type == FTW_DNR)
		return rmdir(path) && errno != ENOENT ? -1 : 0;
	return unlink(path) && errno != ENOENT ? -1 : 0;
}

void e2e_rmrf(const char *path)
{
	if (!e2e_exists(path))
		return;
	if (nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS))
		fprintf(stderr, "e2e: could not remove %s entirely: %s\n", path, strerror(errno));
}

void e2e_write_file(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	size_t done = 0;

	assert_true(fd >= 0);
	while (done < len) {
		ssize_t w = write(fd, (const char *)buf + done, len - done);

		assert_true(w > 0);
		done += (size_t)w;
	}
	assert_int_equal(fsync(fd), 0);
	assert_int_equal(close(fd), 0);
}

void e2e_flip_byte_silently(const char *path, off_t off)
{
	struct timespec times[2];
	struct stat sb;

	assert_int_equal(stat(path, &sb), 0);
	times[0] = sb.st_atim;
	times[1] = sb.st_mtim;
	e2e_flip_byte(path, off);
	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

unsigned char *e2e_read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	unsigned char *buf;
	size_t got = 0;

	if (fd < 0)
		return NULL;
	assert_int_equal(fstat(fd, &sb), 0);
	buf = e2e_alloc((size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)sb.st_size - got);

		assert_true(n > 0);
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*len = got;
	return buf;
}

void e2e_expect_file(const char *path, const void *want, size_t len)
{
	size_t got_len;
	unsigned char *got = e2e_read_file(path, &got_len);

	if (!got)
		fail_msg("cannot read %s: %s", path, strerror(errno));
	if (got_len != len)
		fail_msg("%s: %zu bytes, want %zu", path, got_len, len);
	assert_memory_equal(got, want, len);
	e2e_free(got);
}

int e2e_exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

int e2e_dir_entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

struct mb_csv_table *e2e_load(const char *path)
{
	struct mb_csv_table *t = calloc(1, sizeof(*t));
	char err[512];

	assert_non_null(t);
	if (mb_csv_table_load(path, t, err, sizeof(err))) {
		free(t);
		fail_msg("mb_csv_table_load(%s): %s", path, err);
	}
	return track(t, T_TABLE);
}

const char *e2e_cell(const struct mb_csv_table *t, size_t r, const char *col)
{
	long c = mb_csv_table_col(t, col);

	if (c < 0)
		fail_msg("results have no column '%s'", col);
	assert_true(r < t->nrows);
	return t->rows[r][c];
}

int e2e_is(const struct mb_csv_table *t, size_t r, const char *col, const char *val)
{
	return !strcmp(e2e_cell(t, r, col), val);
}

int e2e_numeric(const char *s)
{
	const char *p = s;
	int frac = 0;

	if (*p == '-')
		p++;
	if (!*p || *p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		frac = 1;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p ? 0 : 1 + frac;
}

void e2e_file_checksum_hex(const char *path, char out[17])
{
	uint64_t size, csum;
	char err[512];

	if (mb_file_checksum(path, &size, &csum, err, sizeof(err)))
		fail_msg("mb_file_checksum(%s): %s", path, err);
	snprintf(out, 17, "%016" PRIx64, csum);
}

void e2e_flip_byte(const char *path, off_t off)
{
	unsigned char b;
	int fd = open(path, O_RDWR | O_CLOEXEC);

	assert_true(fd >= 0);
	assert_int_equal(pread(fd, &b, 1, off), 1);
	b ^= 0x5a;
	assert_int_equal(pwrite(fd, &b, 1, off), 1);
	assert_int_equal(fsync(fd), 0);
	assert_int_equal(close(fd), 0);
}
