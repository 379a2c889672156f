/* e2e.h: helpers shared by the end-to-end tests of the mapbench program:
 * spawning the real binary with its output captured, scratch directories under
 * the build tree, and results CSVs read back through mapbench's own libcsv
 * reader (mb_csv_table_load). */
#ifndef MB_E2E_H
#define MB_E2E_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "csvio.h"

/* The mapbench binary under test: argv[1] of the test program, or $MAPBENCH. */
extern const char *e2e_bin;

/* Sets e2e_bin from argv/env; returns 0, or -1 (with a message) if it is unusable. */
int e2e_init(int argc, char **argv);

/* What a finished mapbench process did. */
struct e2e_result {
	int status;    /* exit code, or 128 + signal number */
	char *out;     /* everything it wrote to stdout, NUL-terminated */
	char *err;     /* ... and to stderr */
};

struct e2e_opts {
	const char *cwd;    /* chdir here first (NULL: stay) */
	int drop_to_nobody; /* setgroups/setresgid/setresuid(65534) before exec */
	const char *nobody_path; /* with drop_to_nobody: a directory nobody must be able to enter */
	int sigint_after_ms;     /* > 0: send SIGINT this long after the start */
	const char *const *env;  /* NULL-terminated "NAME=value" entries added to its environment */
	const char *program;     /* run this instead of mapbench (a script of the suite) */
};

/* Child exit code meaning "could not become nobody or cannot reach the binary
 * as nobody": the caller skips the test. */
#define E2E_EXIT_CANNOT_DROP 77

/* Runs e2e_bin (or o->program) with the NULL-terminated argument list (without argv[0]).
 * Aborts the test on spawn failures. Free with e2e_result_free. */
void e2e_run(struct e2e_result *r, const struct e2e_opts *o, const char *const *args);
#define E2E_RUN(res, opts, ...) e2e_run((res), (opts), (const char *const[]){__VA_ARGS__, NULL})
void e2e_result_free(struct e2e_result *r);
/* `mapbench run --dir <e2e_tmp>/ds --out <e2e_tmp>/<name>.csv extra...` (the
 * datasets shared by a test program's runs; out gets the CSV's path, any old
 * one removed first). */
void e2e_run_mb(struct e2e_result *r, const struct e2e_opts *o, const char *name, char *out,
		size_t outlen, const char *const *extra);
#define E2E_RUN_MB(res, o, name, out, ...)                                                          \
	e2e_run_mb((res), (o), (name), (out), sizeof(out), (const char *const[]){__VA_ARGS__, NULL})
/* After a run with drop_to_nobody: if it ended with E2E_EXIT_CANNOT_DROP,
 * frees r and skips the test, saying that the binary or path (the
 * nobody_path) was out of reach as uid 65534. */
void e2e_skip_if_cannot_drop(struct e2e_result *r, const char *path);

/* Memory that a failing assertion (which leaves the test by longjmp) would
 * leak is tracked: results, file contents, tables and e2e_alloc blocks. The
 * per-test teardown e2e_teardown frees whatever a failed test left behind. */
void *e2e_alloc(size_t len);
void e2e_free(void *p);
int e2e_teardown(void **state);
#define E2E_TEST(f) cmocka_unit_test_teardown(f, e2e_teardown)

/* The exit code must be want; otherwise fails the test, showing what (the
 * step), the exit code, stdout and stderr. */
void e2e_expect_exit(const struct e2e_result *r, int want, const char *what);

/* Number of lines in s ("a\n" is 1, "a\nb" is 2, "" is 0). */
size_t e2e_count_lines(const char *s);

/* snprintf that fails the test instead of truncating (paths, mostly). */
void e2e_fmt(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Makes a fresh directory under the build tree (never /tmp, which may be tmpfs). */
void e2e_mkdtemp(char *out, size_t len);
/* One scratch directory per test program: e2e_group_setup makes it (with
 * e2e_mkdtemp) into e2e_tmp, e2e_group_teardown removes it with everything in
 * it. Pass both to cmocka_run_group_tests. */
extern char e2e_tmp[PATH_MAX];
int e2e_group_setup(void **state);
int e2e_group_teardown(void **state);
/* rm -rf; silent when path is missing. */
void e2e_rmrf(const char *path);

/* Writes len bytes to path (created 0644, truncated) and fsyncs it. */
void e2e_write_file(const char *path, const void *buf, size_t len);
/* Reads a whole file (NUL-terminated); *len gets its size. NULL if it cannot be opened.
 * Free with e2e_free. */
unsigned char *e2e_read_file(const char *path, size_t *len);
/* Fails the test unless path holds exactly the len bytes at want. */
void e2e_expect_file(const char *path, const void *want, size_t len);
/* Changes the byte at off of path in place (xor 0x5a) and fsyncs it. */
void e2e_flip_byte(const char *path, off_t off);
/* e2e_flip_byte with path's times restored: silent corruption, which only a
 * checksum can catch. */
void e2e_flip_byte_silently(const char *path, off_t off);
/* 1 if path exists (lstat). */
int e2e_exists(const char *path);
/* Number of directory entries other than . and .. (or -1 if it cannot be opened). */
int e2e_dir_entries(const char *path);

/* Loads a results CSV with mb_csv_table_load; fails the test on errors.
 * Free with e2e_table_free. */
struct mb_csv_table *e2e_load(const char *path);
void e2e_table_free(struct mb_csv_table *t);
/* The cell of row r in the named column; fails the test if the column is missing. */
const char *e2e_cell(const struct mb_csv_table *t, size_t r, const char *col);
/* 1 if that cell is exactly val. */
int e2e_is(const struct mb_csv_table *t, size_t r, const char *col, const char *val);
/* 1 if s is a decimal integer (optional '-'), 2 if a decimal with a fraction, else 0. */
int e2e_numeric(const char *s);

/* mb_file_checksum of path as 16 lowercase hex digits; fails the test on errors. */
void e2e_file_checksum_hex(const char *path, char out[17]);

#endif
