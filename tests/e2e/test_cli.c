/* test_cli.c: end-to-end, the mapbench command line outside the measurement
 * matrix: --help and --version, --help of every subcommand, `methods` (every
 * method listed with its availability), `env` (kernel, fs_type, page_size,
 * the machine identity), the identity columns of `run` rows (filled, and the
 * values `env` prints), --mkfs-opts recorded as given in every row,
 * `dataset make` then `dataset verify`, verify naming a dataset corrupted in
 * place, `dataset make` refusing to overwrite a foreign file named like a
 * dataset, `run` turning silent corruption (same size, mtime restored)
 * into status=error rows and exit 1, a dataset manifest of an older mapbench
 * (no checksum_alg) reported by verify, refused by `cat --verify` and renewed
 * by `run`, `run` without --out writing the CSV to stdout, and SIGINT ending a
 * run with exit 130 and only whole rows kept. */
#include "e2e.h"
#include "latout.h"
#include "timeline_out.h"
#include "method.h"
#include "schema.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include "compat_cpu.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The line of text that starts with prefix (a copy, without its newline), or NULL. */
static char *line_starting(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, prefix, n)) {
			size_t len = strcspn(p, "\n");
			char *line = e2e_alloc(len + 1);

			memcpy(line, p, len);
			line[len] = '\0';
			return line;
		}
	return NULL;
}

static void test_help_version(void **state)
{
	struct e2e_result r;

	(void)state;
	E2E_RUN(&r, NULL, "--help");
	e2e_expect_exit(&r, 0, "mapbench --help");
	assert_non_null(strstr(r.out, "usage: mapbench"));
	for (const char *const *c = (const char *const[]){"run", "dataset", "methods", "env", NULL}; *c; c++)
		assert_non_null(strstr(r.out, *c));
	assert_string_equal(r.err, "");
	e2e_result_free(&r);

	E2E_RUN(&r, NULL, "--version");
	e2e_expect_exit(&r, 0, "mapbench --version");
	assert_true(!strncmp(r.out, "mapbench ", 9));
	assert_int_equal(e2e_count_lines(r.out), 1);
	assert_string_equal(r.err, "");
	e2e_result_free(&r);

	/* no command at all: usage on stderr, exit 2 */
	e2e_run(&r, NULL, (const char *const[]){NULL});
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "usage: mapbench"));
	e2e_result_free(&r);
}

static void test_subcommand_help(void **state)
{
	static const char *const subs[] = {"run", "dataset", "methods", "env", "summarize", "ratio",
					   "chart", "report"};
	struct e2e_result r;
	char want[64];

	(void)state;
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		E2E_RUN(&r, NULL, subs[i], "--help");
		e2e_fmt(want, sizeof(want), "usage: mapbench %s", subs[i]);
		e2e_expect_exit(&r, 0, subs[i]);
		if (!strstr(r.out, want))
			fail_msg("mapbench %s --help: no '%s' on stdout:\n%s", subs[i], want, r.out);
		assert_string_equal(r.err, "");
		e2e_result_free(&r);
	}
}

static void test_methods_list(void **state)
{
	static const char *const names[] = {"read", "pread", "mmap", "memread"};
	struct e2e_result r;

	(void)state;
	E2E_RUN(&r, NULL, "methods");
	e2e_expect_exit(&r, 0, "mapbench methods");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char prefix[32], *line, name[32], avail[32];

		e2e_fmt(prefix, sizeof(prefix), "%s ", names[i]);
		line = line_starting(r.out, prefix);
		if (!line)
			fail_msg("method %s not listed:\n%s", names[i], r.out);
		assert_int_equal(sscanf(line, "%31s %31s", name, avail), 2);
		assert_string_equal(name, names[i]);
		if (strcmp(avail, "yes") && strcmp(avail, "no"))
			fail_msg("method %s: availability '%s', want yes or no", names[i], avail);
		/* these four need nothing special: available everywhere */
		assert_string_equal(avail, "yes");
		/* and a description follows */
		assert_true(strlen(line) > strlen(names[i]) + 20);
		e2e_free(line);
	}
	e2e_result_free(&r);
	E2E_RUN(&r, NULL, "methods", "extra");
	assert_int_equal(r.status, 2);
	e2e_result_free(&r);
}

static void test_env(void **state)
{
	static const char *const keys[] = {"kernel: ", "fs_type: ", "page_size: "};
	struct e2e_result r;
	char *line;

	(void)state;
	E2E_RUN(&r, &(struct e2e_opts){.cwd = e2e_tmp}, "env");
	e2e_expect_exit(&r, 0, "mapbench env");
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		line = line_starting(r.out, keys[i]);
		if (!line)
			fail_msg("no '%s' line:\n%s", keys[i], r.out);
		if (strlen(line) == strlen(keys[i]))
			fail_msg("'%s' has no value", keys[i]);
		e2e_free(line);
	}
	line = line_starting(r.out, "page_size: ");
	assert_int_equal(strtol(line + 11, NULL, 10), sysconf(_SC_PAGESIZE));
	e2e_free(line);
	e2e_result_free(&r);
}

/* The machine identity columns: every row of a run has them, the ones any
 * Linux machine has are filled, all rows agree, and `env` prints the same. */
static void test_run_identity(void **state)
{
	static const char *const cols[] = {"cpu_vendor", "cpu_family", "cpu_model_id", "cpu_stepping",
					   "microcode", "hypervisor", "mitigations", "boot_id"};
	static const char *const filled[] = {"cpu_vendor", "cpu_family", "mitigations", "boot_id",
#ifdef MB_HAVE_CPUID
					     "hypervisor", /* CPUID answers: a name or "none" */
#endif
	};
	char d[PATH_MAX + 8], f[PATH_MAX + 32], want[512];
	struct mb_csv_table *t;
	struct e2e_result r;

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/ds-id", e2e_tmp);
	e2e_fmt(f, sizeof(f), "%s/identity.csv", e2e_tmp);
	E2E_RUN(&r, NULL, "run", "--size", "8K", "--block", "4K", "--method", "pread,memread",
		"--pattern", "seq", "--cache", "warm", "--reps", "2", "--warmup", "0", "--dir", d,
		"--out", f, "--quiet");
	e2e_expect_exit(&r, 0, "run");
	e2e_result_free(&r);
	t = e2e_load(f);
	assert_true(t->nrows >= 2);
	for (size_t i = 0; i < sizeof(filled) / sizeof(filled[0]); i++)
		if (!*e2e_cell(t, 0, filled[i]))
			fail_msg("%s is empty", filled[i]);
	for (size_t i = 1; i < t->nrows; i++)
		for (size_t k = 0; k < sizeof(cols) / sizeof(cols[0]); k++)
			assert_string_equal(e2e_cell(t, i, cols[k]), e2e_cell(t, 0, cols[k]));
	E2E_RUN(&r, NULL, "env", "--path", d);
	e2e_expect_exit(&r, 0, "env");
	for (size_t k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
		char *line;

		e2e_fmt(want, sizeof(want), "%s: %s", cols[k], e2e_cell(t, 0, cols[k]));
		line = line_starting(r.out, want);
		if (!line || strcmp(line, want))
			fail_msg("env does not print '%s':\n%s", want, r.out);
		e2e_free(line);
	}
	e2e_result_free(&r);
	e2e_table_free(t);
}

/* The write-back limit columns: every row has the values of /proc/sys/vm
 * (a whole number each; of each pair at least one is not 0), and `env`
 * prints the same. */
static void test_run_dirty_limits(void **state)
{
	static const char *const cols[] = {"dirty_bytes", "dirty_background_bytes", "dirty_ratio",
					   "dirty_background_ratio"};
	char d[PATH_MAX + 8], f[PATH_MAX + 32], want[512], proc[128];
	struct mb_csv_table *t;
	struct e2e_result r;

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/ds-dirty", e2e_tmp);
	e2e_fmt(f, sizeof(f), "%s/dirty.csv", e2e_tmp);
	E2E_RUN(&r, NULL, "run", "--size", "8K", "--block", "4K", "--method", "pread",
		"--pattern", "seq", "--cache", "warm", "--reps", "2", "--warmup", "0", "--dir", d,
		"--out", f, "--quiet");
	e2e_expect_exit(&r, 0, "run");
	e2e_result_free(&r);
	t = e2e_load(f);
	assert_true(t->nrows >= 2);
	E2E_RUN(&r, NULL, "env", "--path", d);
	e2e_expect_exit(&r, 0, "env");
	for (size_t k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
		const char *v = e2e_cell(t, 0, cols[k]);
		char *line, text[64] = "";
		FILE *pf;

		e2e_fmt(proc, sizeof(proc), "/proc/sys/vm/%s", cols[k]);
		pf = fopen(proc, "r");
		if (!pf || !fgets(text, sizeof(text), pf))
			fail_msg("cannot read %s", proc);
		fclose(pf);
		text[strcspn(text, "\n")] = '\0';
		if (strcmp(v, text))
			fail_msg("%s is '%s', %s says '%s'", cols[k], v, proc, text);
		if (!*v || strspn(v, "0123456789") != strlen(v))
			fail_msg("%s is '%s', not a whole number", cols[k], v);
		for (size_t i = 1; i < t->nrows; i++)
			assert_string_equal(e2e_cell(t, i, cols[k]), v);
		e2e_fmt(want, sizeof(want), "%s: %s", cols[k], v);
		line = line_starting(r.out, want);
		if (!line || strcmp(line, want))
			fail_msg("env does not print '%s':\n%s", want, r.out);
		e2e_free(line);
	}
	/* one of each pair is in force */
	assert_true(strcmp(e2e_cell(t, 0, "dirty_bytes"), "0") || strcmp(e2e_cell(t, 0, "dirty_ratio"), "0"));
	assert_true(strcmp(e2e_cell(t, 0, "dirty_background_bytes"), "0") ||
		    strcmp(e2e_cell(t, 0, "dirty_background_ratio"), "0"));
	e2e_result_free(&r);
	e2e_table_free(t);
}

/* A tiny run into <e2e_tmp>/NAME.csv, with extra arguments (NULL-terminated):
 * every row's mkfs_opts must be want. */
static void expect_mkfs_opts(const char *name, const char *want, const char *const *extra)
{
	const char *args[32] = {"run", "--size", "8K", "--block", "4K", "--method", "pread",
				"--pattern", "seq", "--cache", "warm", "--reps", "2", "--warmup", "0",
				"--quiet", "--dir"};
	char d[PATH_MAX + 16], f[PATH_MAX + 32];
	struct mb_csv_table *t;
	struct e2e_result r;
	size_t n = 0;

	e2e_fmt(d, sizeof(d), "%s/ds-mkfs", e2e_tmp);
	e2e_fmt(f, sizeof(f), "%s/%s.csv", e2e_tmp, name);
	while (args[n])
		n++;
	args[n++] = d;
	args[n++] = "--out";
	args[n++] = f;
	for (; *extra; extra++)
		args[n++] = *extra;
	e2e_run(&r, NULL, args);
	e2e_expect_exit(&r, 0, name);
	e2e_result_free(&r);
	t = e2e_load(f);
	assert_int_equal(t->nrows, 2);
	for (size_t i = 0; i < t->nrows; i++)
		assert_string_equal(e2e_cell(t, i, "mkfs_opts"), want);
	e2e_table_free(t);
}

/* --mkfs-opts reaches every row as given (commas, quotes and all, in one
 * CSV cell, up to 255 bytes), and its column is empty without it. */
static void test_run_mkfs_opts(void **state)
{
	static const char given[] = "mkfs.xfs -q -f -m crc=1,finobt=1 -L \"mb x\"";
	char longest[256];

	(void)state;
	memset(longest, 'o', 255);
	longest[255] = '\0';
	expect_mkfs_opts("mkfs-given", given, (const char *const[]){"--mkfs-opts", given, NULL});
	expect_mkfs_opts("mkfs-longest", longest, (const char *const[]){"--mkfs-opts", longest, NULL});
	expect_mkfs_opts("mkfs-none", "", (const char *const[]){NULL});
}

static void test_dataset_make_verify(void **state)
{
	char d[PATH_MAX + 8], f4[PATH_MAX + 32], f1[PATH_MAX + 32];
	struct e2e_result r;
	struct stat sb;
	char *line;

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/ds", e2e_tmp);
	e2e_fmt(f4, sizeof(f4), "%s/mb-4K-s1.dat", d);
	e2e_fmt(f1, sizeof(f1), "%s/mb-1M-s1.dat", d);
	E2E_RUN(&r, NULL, "dataset", "make", "--size", "4K,1M", "--dir", d);
	e2e_expect_exit(&r, 0, "dataset make");
	e2e_result_free(&r);
	assert_int_equal(stat(f4, &sb), 0);
	assert_int_equal(sb.st_size, 4096);
	assert_int_equal(stat(f1, &sb), 0);
	assert_int_equal(sb.st_size, 1048576);

	/* a second make reuses both */
	E2E_RUN(&r, NULL, "dataset", "make", "--size", "4K,1M", "--dir", d);
	e2e_expect_exit(&r, 0, "dataset make (again)");
	assert_non_null(strstr(r.out, "reused"));
	assert_null(strstr(r.out, "made"));
	e2e_result_free(&r);

	E2E_RUN(&r, NULL, "dataset", "verify", "--dir", d);
	e2e_expect_exit(&r, 0, "dataset verify");
	assert_non_null(strstr(r.out, "mb-4K-s1.dat"));
	assert_non_null(strstr(r.out, "mb-1M-s1.dat"));
	assert_null(strstr(r.out, "BAD"));
	e2e_result_free(&r);

	/* one byte changed in place, same size: verify exits 1 and names the file */
	e2e_flip_byte(f1, 777777);
	E2E_RUN(&r, NULL, "dataset", "verify", "--dir", d);
	e2e_expect_exit(&r, 1, "verify after corruption");
	line = line_starting(r.out, "BAD mb-1M-s1.dat");
	if (!line)
		fail_msg("verify does not name the corrupt file:\n%s%s", r.out, r.err);
	e2e_free(line);
	assert_null(strstr(r.out, "BAD mb-4K-s1.dat"));
	e2e_result_free(&r);
}

/* Refused because of the foreign file mb-4K-s1.dat: exit 2, one line naming it. */
static void expect_refused_foreign(const struct e2e_result *r, const char *what)
{
	e2e_expect_exit(r, 2, what);
	assert_int_equal(e2e_count_lines(r->err), 1);
	assert_non_null(strstr(r->err, "mb-4K-s1.dat"));
}

/* A file mapbench did not make, named like a dataset, is never overwritten. */
static void test_dataset_foreign_file(void **state)
{
	static const char mine[] = "this is my file, not a dataset\n";
	char d[PATH_MAX + 8], f[PATH_MAX + 32], out[PATH_MAX + 32];
	struct e2e_result r;

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/ds2", e2e_tmp);
	e2e_fmt(f, sizeof(f), "%s/mb-4K-s1.dat", d);
	e2e_fmt(out, sizeof(out), "%s/out.csv", e2e_tmp);
	assert_int_equal(mkdir(d, 0755), 0);
	e2e_write_file(f, mine, sizeof(mine) - 1);

	E2E_RUN(&r, NULL, "dataset", "make", "--size", "4K", "--dir", d);
	expect_refused_foreign(&r, "dataset make over a foreign file");
	e2e_result_free(&r);

	/* run, which makes missing datasets, refuses too */
	E2E_RUN(&r, NULL, "run", "--size", "4K", "--dir", d, "--method", "read", "--reps", "1", "--out",
		out, "--quiet");
	expect_refused_foreign(&r, "run over a foreign file");
	assert_false(e2e_exists(out));
	e2e_result_free(&r);

	e2e_expect_file(f, mine, sizeof(mine) - 1);
}

static size_t count_status(const struct mb_csv_table *t, const char *status)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nrows; i++)
		n += !strcmp(e2e_cell(t, i, "status"), status);
	return n;
}

/* Silent corruption (same size, mtime restored) between two runs: error rows, exit 1. */
static void test_run_checksum_mismatch(void **state)
{
	char d[PATH_MAX + 8], f[PATH_MAX + 32], o1[PATH_MAX + 32], o2[PATH_MAX + 32], o3[PATH_MAX + 32];
	struct mb_csv_table *t;
	struct stat sb;
	struct timespec times[2];
	struct e2e_result r;
	char good[17];

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/ds3", e2e_tmp);
	e2e_fmt(f, sizeof(f), "%s/mb-64K-s1.dat", d);
	e2e_fmt(o1, sizeof(o1), "%s/before.csv", e2e_tmp);
	e2e_fmt(o2, sizeof(o2), "%s/touched.csv", e2e_tmp);
	e2e_fmt(o3, sizeof(o3), "%s/after.csv", e2e_tmp);
#define MATRIX "--size", "64K", "--block", "4K", "--method", "read,pread,mmap,memread", "--pattern", \
	       "seq,rand", "--cache", "warm,cold", "--reps", "2", "--warmup", "0", "--dir", d, "--quiet"
	E2E_RUN(&r, NULL, "run", MATRIX, "--out", o1);
	e2e_expect_exit(&r, 0, "first run");
	e2e_result_free(&r);
	t = e2e_load(o1);
	/* (seq + rand + rand's latency reps) x (3 methods x 2 caches + memread) x 2 reps */
	assert_int_equal(t->nrows, 42);
	assert_int_equal(count_status(t, "ok"), t->nrows);
	e2e_fmt(good, sizeof(good), "%s", e2e_cell(t, 0, "expected_checksum"));
	e2e_table_free(t);

	assert_int_equal(stat(f, &sb), 0);
	times[0] = sb.st_atim;
	times[1] = sb.st_mtim;
	e2e_flip_byte(f, 12345);

	/* with its mtime changed, the dataset is refused outright */
	E2E_RUN(&r, NULL, "run", MATRIX, "--out", o2);
	e2e_expect_exit(&r, 2, "run on a dataset with a new mtime");
	assert_non_null(strstr(r.err, "mb-64K-s1.dat"));
	assert_false(e2e_exists(o2));
	e2e_result_free(&r);

	/* mtime restored: silent corruption, which only the checksum can catch */
	assert_int_equal(utimensat(AT_FDCWD, f, times, 0), 0);
	E2E_RUN(&r, NULL, "run", MATRIX, "--out", o3);
	e2e_expect_exit(&r, 1, "run on a silently corrupted dataset");
	e2e_result_free(&r);
	t = e2e_load(o3);
	assert_int_equal(t->nrows, 42);
	assert_int_equal(count_status(t, "error"), t->nrows);
	for (size_t i = 0; i < t->nrows; i++) {
		const char *err = e2e_cell(t, i, "error");

		if (!strstr(err, "checksum"))
			fail_msg("row %zu (%s): error '%s' does not say checksum", i, e2e_cell(t, i, "method"),
				 err);
		assert_string_equal(e2e_cell(t, i, "expected_checksum"), good);
		assert_string_not_equal(e2e_cell(t, i, "checksum"), good);
		assert_string_equal(e2e_cell(t, i, "checksum"), e2e_cell(t, 0, "checksum"));
	}
	e2e_table_free(t);
#undef MATRIX
}

/* Rewrites d's manifest as an older mapbench wrote it: no checksum_alg
 * column, and a checksum of another function in every row. */
static void write_old_manifest(const char *d)
{
	char m[PATH_MAX + 32], *text;
	struct mb_csv_table *t;
	size_t len, cap = 4096;

	e2e_fmt(m, sizeof(m), "%s/manifest.csv", d);
	t = e2e_load(m);
	text = e2e_alloc(cap);
	len = (size_t)snprintf(text, cap, "name,size_bytes,seed,checksum,generator,mtime_ns\n");
	for (size_t r = 0; r < t->nrows; r++) {
		assert_string_equal(e2e_cell(t, r, "checksum_alg"), "mbsum-v2");
		len += (size_t)snprintf(text + len, cap - len, "%s,%s,%s,0123456789abcdef,%s,%s\n",
					e2e_cell(t, r, "name"), e2e_cell(t, r, "size_bytes"),
					e2e_cell(t, r, "seed"), e2e_cell(t, r, "generator"),
					e2e_cell(t, r, "mtime_ns"));
		assert_true(len < cap);
	}
	e2e_write_file(m, text, len);
	e2e_free(text);
	e2e_table_free(t);
}

/* A manifest of an older mapbench: its checksums are never used as they are.
 * verify checks each dataset against its generator and says so; cat --verify
 * refuses (exit 2) and names the command that renews it; run re-verifies
 * every listed dataset, rewrites the manifest (one line on stderr) and
 * measures against the recomputed checksum. */
static void test_dataset_old_manifest(void **state)
{
	char d[PATH_MAX + 8], f[PATH_MAX + 32], m[PATH_MAX + 32], out[PATH_MAX + 32], want[17];
	struct mb_csv_table *t;
	struct e2e_result r;

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/ds-old", e2e_tmp);
	e2e_fmt(f, sizeof(f), "%s/mb-64K-s1.dat", d);
	e2e_fmt(m, sizeof(m), "%s/manifest.csv", d);
	e2e_fmt(out, sizeof(out), "%s/old.csv", e2e_tmp);
	E2E_RUN(&r, NULL, "dataset", "make", "--size", "4K,64K", "--dir", d);
	e2e_expect_exit(&r, 0, "dataset make");
	e2e_result_free(&r);
	e2e_file_checksum_hex(f, want);
	write_old_manifest(d);

	E2E_RUN(&r, NULL, "dataset", "verify", "--dir", d);
	e2e_expect_exit(&r, 0, "dataset verify of an old manifest");
	assert_non_null(strstr(r.out, "ok  mb-64K-s1.dat"));
	assert_non_null(strstr(r.out, want));
	assert_non_null(strstr(r.out, "as its generator gives"));
	assert_non_null(strstr(r.out, "note: "));
	assert_null(strstr(r.out, "0123456789abcdef"));
	e2e_result_free(&r);

	E2E_RUN(&r, NULL, "cat", "--method", "read", "--verify", f);
	e2e_expect_exit(&r, 2, "cat --verify with an old manifest");
	assert_int_equal(e2e_count_lines(r.err), 1);
	assert_non_null(strstr(r.err, "older mapbench"));
	assert_non_null(strstr(r.err, "mapbench dataset make --dir"));
	e2e_result_free(&r);

	E2E_RUN(&r, NULL, "run", "--size", "64K", "--block", "4K", "--method", "read,mmap", "--reps", "1",
		"--warmup", "0", "--cache", "warm", "--dir", d, "--out", out, "--quiet");
	e2e_expect_exit(&r, 0, "run with an old manifest");
	if (!strstr(r.err, "manifest.csv: checksums recomputed with mbsum-v2 for 2 datasets"))
		fail_msg("run does not say it renewed the manifest:\n%s", r.err);
	assert_int_equal(e2e_count_lines(r.err), 1);
	e2e_result_free(&r);
	t = e2e_load(out);
	assert_true(t->nrows >= 2);
	for (size_t i = 0; i < t->nrows; i++) {
		assert_string_equal(e2e_cell(t, i, "status"), "ok");
		assert_string_equal(e2e_cell(t, i, "expected_checksum"), want);
	}
	e2e_table_free(t);
	t = e2e_load(m);
	assert_int_equal(t->nrows, 2);
	for (size_t i = 0; i < t->nrows; i++)
		assert_string_equal(e2e_cell(t, i, "checksum_alg"), "mbsum-v2");
	e2e_table_free(t);

	E2E_RUN(&r, NULL, "cat", "--method", "read", "--verify", f);
	e2e_expect_exit(&r, 0, "cat --verify once renewed");
	assert_non_null(strstr(r.out, want));
	e2e_result_free(&r);
}

/* Without --out the CSV goes to stdout; with --quiet nothing else is printed. */
static void test_run_to_stdout(void **state)
{
	char d[PATH_MAX + 8], f[PATH_MAX + 32];
	struct mb_csv_table *t;
	struct e2e_result r;

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/ds4", e2e_tmp);
	e2e_fmt(f, sizeof(f), "%s/stdout.csv", e2e_tmp);
	E2E_RUN(&r, NULL, "run", "--size", "8K", "--block", "4K", "--method", "read,mmap", "--pattern",
		"seq", "--cache", "warm", "--reps", "3", "--warmup", "0", "--dir", d, "--quiet");
	e2e_expect_exit(&r, 0, "run to stdout");
	assert_string_equal(r.err, "");
	e2e_write_file(f, r.out, strlen(r.out));
	e2e_result_free(&r);
	t = e2e_load(f);
	assert_int_equal(t->nrows, 6);
	assert_string_equal(t->header[0], "schema");
	for (size_t i = 0; i < t->nrows; i++)
		assert_string_equal(e2e_cell(t, i, "status"), "ok");
	e2e_table_free(t);
}

/* --ci-target: at least --reps rows per configuration, at most --max-reps,
 * and a configuration that reaches the target stops before --max-reps. The
 * options that need it are refused without it. */
static void test_run_adaptive(void **state)
{
	char d[PATH_MAX + 8], f[PATH_MAX + 32];
	struct mb_csv_table *t;
	struct e2e_result r;
	size_t n[2] = {0, 0};

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/ds6", e2e_tmp);
	e2e_fmt(f, sizeof(f), "%s/adaptive.csv", e2e_tmp);
	/* +-50%: any quiet-enough 6 samples reach it; 40 reps would be a failure */
	E2E_RUN(&r, NULL, "run", "--size", "64K", "--block", "4K", "--method", "read,pread", "--pattern",
		"seq", "--cache", "warm", "--reps", "6", "--ci-target", "50", "--max-reps", "40",
		"--warmup", "0", "--dir", d, "--out", f, "--quiet");
	e2e_expect_exit(&r, 0, "adaptive run");
	e2e_result_free(&r);
	t = e2e_load(f);
	for (size_t i = 0; i < t->nrows; i++)
		n[!strcmp(e2e_cell(t, i, "method"), "pread")]++;
	for (int m = 0; m < 2; m++)
		if (n[m] < 6 || n[m] >= 40)
			fail_msg("method %d: %zu reps, want 6..39", m, n[m]);
	e2e_table_free(t);
	E2E_RUN(&r, NULL, "run", "--max-reps", "9", "--dir", d);
	e2e_expect_exit(&r, 2, "--max-reps without --ci-target");
	assert_non_null(strstr(r.err, "--ci-target"));
	e2e_result_free(&r);
	E2E_RUN(&r, NULL, "run", "--ci-target", "0", "--dir", d);
	e2e_expect_exit(&r, 2, "--ci-target 0");
	e2e_result_free(&r);
	E2E_RUN(&r, NULL, "run", "--ci-target", "2", "--reps", "10", "--max-reps", "8", "--dir", d);
	e2e_expect_exit(&r, 2, "--max-reps below --reps");
	e2e_result_free(&r);
}

/* SIGINT stops the run after the current repetition: exit 130, whole rows only. */
static void test_run_interrupted(void **state)
{
	char d[PATH_MAX + 8], out[PATH_MAX + 32];
	struct mb_csv_table *t;
	struct e2e_result r;
	unsigned char *bytes;
	size_t len;

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/ds5", e2e_tmp);
	e2e_fmt(out, sizeof(out), "%s/interrupted.csv", e2e_tmp);
	/* far more work than 0.7 s: 16 MiB x 4K blocks x 10000 reps */
	E2E_RUN(&r, &(struct e2e_opts){.sigint_after_ms = 700}, "run", "--size", "16M", "--block", "4K",
		"--method", "read", "--pattern", "seq", "--cache", "warm", "--reps", "10000", "--warmup",
		"0", "--dir", d, "--out", out);
	e2e_expect_exit(&r, 130, "interrupted run");
	if (!strstr(r.err, "interrupted"))
		fail_msg("no word of the interruption on stderr:\n%s", r.err);
	e2e_result_free(&r);
	bytes = e2e_read_file(out, &len);
	assert_non_null(bytes);
	assert_true(len > 0 && bytes[len - 1] == '\n'); /* no half row */
	e2e_free(bytes);
	t = e2e_load(out);
	assert_true(t->nrows >= 1 && t->nrows < 10000);
	for (size_t i = 0; i < t->nrows; i++)
		assert_string_equal(e2e_cell(t, i, "status"), "ok");
	e2e_table_free(t);
}

/* The order of repetitions from the command line: rounds by default (round
 * k holds rep k of every method, orders shuffled), --order blocks every rep
 * of one method in a row; --lat-reps 0 drops the latency repetitions. */
static int by_start(const void *a, const void *b)
{
	unsigned long long x = strtoull(*(char *const *)a, NULL, 10), y = strtoull(*(char *const *)b, NULL, 10);

	return x < y ? -1 : x > y;
}

static void method_sequence(const struct mb_csv_table *t, char *seq, size_t len)
{
	/* "start_ns method" strings sorted by time */
	char **v = calloc(t->nrows, sizeof(*v));
	size_t at = 0;

	assert_non_null(v);
	for (size_t i = 0; i < t->nrows; i++) {
		v[i] = malloc(64);
		assert_non_null(v[i]);
		e2e_fmt(v[i], 64, "%s %c", e2e_cell(t, i, "start_ns"), e2e_cell(t, i, "method")[1]);
	}
	qsort(v, t->nrows, sizeof(*v), by_start);
	for (size_t i = 0; i < t->nrows && at + 1 < len; i++) {
		seq[at++] = v[i][strlen(v[i]) - 1];
		free(v[i]);
	}
	seq[at] = '\0';
	free(v);
}

static void test_run_order(void **state)
{
	char d[PATH_MAX + 8], o1[PATH_MAX + 32], o2[PATH_MAX + 32], seq[64];
	struct mb_csv_table *t;
	struct e2e_result r;
	int orders = 0;

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/ds-order", e2e_tmp);
	e2e_fmt(o1, sizeof(o1), "%s/rounds.csv", e2e_tmp);
	e2e_fmt(o2, sizeof(o2), "%s/blocks.csv", e2e_tmp);
#define ORDER_MATRIX "--size", "64K", "--block", "4K", "--method", "read,pread,mmap", "--pattern", "rand", \
		"--cache", "warm", "--reps", "4", "--warmup", "1", "--lat-reps", "0", "--dir", d, "--quiet"
	E2E_RUN(&r, NULL, "run", ORDER_MATRIX, "--out", o1);
	e2e_expect_exit(&r, 0, "run --order rounds (default)");
	e2e_result_free(&r);
	t = e2e_load(o1);
	assert_int_equal(t->nrows, 12); /* no latency repetitions */
	for (size_t i = 0; i < t->nrows; i++) {
		assert_string_equal(e2e_cell(t, i, "lat_timed"), "0");
		assert_string_equal(e2e_cell(t, i, "round"), e2e_cell(t, i, "rep"));
	}
	method_sequence(t, seq, sizeof(seq)); /* 'e' read, 'r' pread, 'm' mmap */
	for (int k = 0; k < 4; k++) {
		assert_non_null(memchr(seq + 3 * k, 'e', 3));
		assert_non_null(memchr(seq + 3 * k, 'r', 3));
		assert_non_null(memchr(seq + 3 * k, 'm', 3));
		orders += k && memcmp(seq + 3 * k, seq, 3);
	}
	if (!orders)
		fail_msg("the rounds all ran in one order: %s", seq);
	e2e_table_free(t);

	E2E_RUN(&r, NULL, "run", ORDER_MATRIX, "--order", "blocks", "--out", o2);
	e2e_expect_exit(&r, 0, "run --order blocks");
	e2e_result_free(&r);
	t = e2e_load(o2);
	method_sequence(t, seq, sizeof(seq));
	assert_string_equal(seq, "eeeerrrrmmmm");
	e2e_table_free(t);
#undef ORDER_MATRIX
}

/* Every option of every method (table-driven from the registry): listed by
 * `mapbench methods` and `run --help`, recorded in its column of the method's
 * rows (empty in others'), and refused with exit 2 naming it when malformed
 * or out of range. */
static void test_method_options(void **state)
{
	char d[PATH_MAX + 8], out[PATH_MAX + 32], val[32], opt[64];
	struct e2e_result methods, help, r;

	(void)state;
	e2e_fmt(d, sizeof(d), "%s/ds-opts", e2e_tmp);
	E2E_RUN(&methods, NULL, "methods");
	E2E_RUN(&help, NULL, "run", "--help");
	for (size_t i = 0; i < mb_option_count(); i++) {
		const struct mb_option *o = mb_option_at(i);

		e2e_fmt(opt, sizeof(opt), "--%s", o->name);
		if (!strstr(methods.out, opt))
			fail_msg("mapbench methods does not list %s", opt);
		if (!strstr(help.out, opt))
			fail_msg("mapbench run --help does not list %s", opt);
		for (size_t k = 0; k < mb_method_count(); k++) {
			const struct mb_method *m = mb_method_at(k);
			struct mb_csv_table *t;
			char why[256];
			int owns = 0;

			for (const struct mb_option *p = m->options; p && p->name; p++)
				owns |= !strcmp(p->name, o->name);
			if (!owns || !(m->caps & MB_CAP_FILE))
				continue;
			/* the op too: a read and a write method may share name and option */
			e2e_fmt(out, sizeof(out), "%s/opt-%s-%s-%s.csv", e2e_tmp, mb_op_name(m->op),
				m->name, o->name);
			/* a value that is not the default, within the limits */
			e2e_fmt(val, sizeof(val), "%llu", (unsigned long long)(o->page_multiple
				? 2 * (uint64_t)sysconf(_SC_PAGESIZE)
				: o->max > o->min + 8192 ? o->min + 8192 : o->max));
			if (o->type == MB_OPT_FLAG) { /* given: 1 */
				e2e_fmt(val, sizeof(val), "1");
				E2E_RUN(&r, NULL, "run", "--op", mb_op_name(m->op), "--method", m->name, opt,
					"--size", "64K", "--block", "4K",
					"--pattern", "seq", "--cache", "warm", "--reps", "1", "--warmup", "0", "--dir",
					d, "--out", out, "--quiet");
			} else {
				E2E_RUN(&r, NULL, "run", "--op", mb_op_name(m->op), "--method", m->name, opt, val,
					"--size", "64K", "--block",
					"4K", "--pattern", "seq", "--cache", "warm", "--reps", "1", "--warmup", "0",
					"--dir", d, "--out", out, "--quiet");
			}
			e2e_expect_exit(&r, mb_method_available(m, why, sizeof(why)) ? 0 : 4, opt);
			e2e_result_free(&r);
			t = e2e_load(out);
			assert_true(t->nrows == 1);
			if (strcmp(e2e_cell(t, 0, "status"), "unsupported"))
				assert_string_equal(e2e_cell(t, 0, "status"), "ok");
			assert_string_equal(e2e_cell(t, 0, o->column), val);
			e2e_table_free(t);
		}
		if (o->type == MB_OPT_FLAG)
			continue; /* no value to get wrong */
		/* out of range, malformed: exit 2, one line naming the option */
		e2e_fmt(val, sizeof(val), "%llu", (unsigned long long)o->max + 1);
		E2E_RUN(&r, NULL, "run", opt, val, "--dir", d, "--size", "4K", "--quiet");
		e2e_expect_exit(&r, 2, "an out-of-range method option");
		if (!strstr(r.err, opt) || e2e_count_lines(r.err) != 1)
			fail_msg("%s %s: want one line naming %s, got: %s", opt, val, opt, r.err);
		e2e_result_free(&r);
		E2E_RUN(&r, NULL, "run", opt, "x1", "--dir", d, "--size", "4K", "--quiet");
		e2e_expect_exit(&r, 2, "a malformed method option");
		assert_non_null(strstr(r.err, opt));
		e2e_result_free(&r);
	}
	e2e_result_free(&methods);
	e2e_result_free(&help);
}

/* The column names of docs/csv-schema.md's column tables (those whose header
 * row starts "| column |"; first cells "| `name` |") between the line
 * starting with from and the next "## " heading. */
static size_t doc_columns(const char *doc, const char *from, char names[][64], size_t max)
{
	const char *p = strstr(doc, from), *end;
	int in_table = 0;
	size_t n = 0;

	if (!p)
		fail_msg("docs/csv-schema.md has no section '%s'", from);
	end = strstr(p + 1, "\n## ");
	for (p = strchr(p, '\n'); p && (!end || p < end); p = strchr(p + 1, '\n')) {
		const char *line = p + 1, *q, *e;

		if (!strncmp(line, "| column |", 10)) {
			in_table = 1;
			continue;
		}
		if (*line != '|')
			in_table = 0;
		if (!in_table || strncmp(line, "| `", 3))
			continue;
		/* "| `a`, `b` |" documents several columns in one row (the lat-out table) */
		for (q = line + 3, e = strchr(q, '`'); e && n < max; q = e + 4, e = strchr(q, '`')) {
			e2e_fmt(names[n++], 64, "%.*s", (int)(e - q), q);
			if (strncmp(e, "`, `", 4))
				break;
		}
	}
	return n;
}

static int listed(char names[][64], size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

/* Every column the program writes is documented, and every documented
 * results or --lat-out column is one the program writes. */
static void test_columns_documented(void **state)
{
	static char doc_cols[400][64], lat_cols[64][64];
	size_t len, nd, nl;
	unsigned char *raw = e2e_read_file(MB_SOURCE_DIR "/docs/csv-schema.md", &len);
	char *doc = e2e_alloc(len + 1);
	const char *const *hdr = mb_columns();

	(void)state;
	memcpy(doc, raw, len);
	doc[len] = '\0';
	e2e_free(raw);
	nd = doc_columns(doc, "## Identity", doc_cols, 400);
	nd += doc_columns(doc, "## Config", doc_cols + nd, 400 - nd);
	nd += doc_columns(doc, "## Measures", doc_cols + nd, 400 - nd);
	nd += doc_columns(doc, "## Outcome", doc_cols + nd, 400 - nd);
	nd += doc_columns(doc, "## Added columns", doc_cols + nd, 400 - nd);
	nd += doc_columns(doc, "## Variant parameters", doc_cols + nd, 400 - nd);
	nd += doc_columns(doc, "## Rounds and timing", doc_cols + nd, 400 - nd);
	nd += doc_columns(doc, "## Machine identity", doc_cols + nd, 400 - nd);
	nd += doc_columns(doc, "## Write side", doc_cols + nd, 400 - nd);
	nd += doc_columns(doc, "## Kernel write-back settings", doc_cols + nd, 400 - nd);
	nd += doc_columns(doc, "## Duration", doc_cols + nd, 400 - nd);
	nd += doc_columns(doc, "## Memory limit and read amplification", doc_cols + nd, 400 - nd);
	nd += doc_columns(doc, "## Method option columns", doc_cols + nd, 400 - nd);
	for (size_t i = 0; i < mb_ncolumns(); i++)
		if (!listed(doc_cols, nd, hdr[i]))
			fail_msg("column %s is not documented in docs/csv-schema.md", hdr[i]);
	for (size_t i = 0; i < nd; i++) {
		int found = 0;

		for (size_t j = 0; j < mb_ncolumns() && !found; j++)
			found = !strcmp(hdr[j], doc_cols[i]);
		if (!found)
			fail_msg("docs/csv-schema.md documents %s, which no results row has", doc_cols[i]);
	}
	nl = doc_columns(doc, "## The `--lat-out` file", lat_cols, 64);
	for (size_t i = 0; i < mb_latout_ncolumns(); i++)
		if (!listed(lat_cols, nl, mb_latout_columns[i]))
			fail_msg("--lat-out column %s is not documented", mb_latout_columns[i]);
	nl = doc_columns(doc, "## The `--timeline` file", lat_cols, 64);
	for (size_t i = 0; i < mb_tlout_ncolumns(); i++)
		if (!listed(lat_cols, nl, mb_tlout_columns[i]))
			fail_msg("--timeline column %s is not documented", mb_tlout_columns[i]);
	e2e_free(doc);
}

/* docs/csv-schema.md's column index is `mapbench columns --markdown`, byte
 * for byte; MAPBENCH_GOLDEN_WRITE=1 rewrites it (and fails, so a rewrite is
 * never silent). */
static void test_column_index_generated(void **state)
{
	static const char begin[] = "<!-- BEGIN mapbench columns --markdown -->\n";
	static const char end[] = "<!-- END mapbench columns --markdown -->\n";
	const char *path = MB_SOURCE_DIR "/docs/csv-schema.md", *w = getenv("MAPBENCH_GOLDEN_WRITE");
	struct e2e_result r;
	size_t len;
	unsigned char *raw = e2e_read_file(path, &len);
	char *doc = e2e_alloc(len + 1), *b, *e;

	(void)state;
	memcpy(doc, raw, len);
	doc[len] = '\0';
	e2e_free(raw);
	E2E_RUN(&r, NULL, "columns", "--markdown");
	e2e_expect_exit(&r, 0, "mapbench columns --markdown");
	if (!(b = strstr(doc, begin)) || !(e = strstr(b, end)))
		fail_msg("%s: no column index between '%.*s' and '%.*s'", path, (int)strlen(begin) - 1,
			 begin, (int)strlen(end) - 1, end);
	b += strlen(begin);
	if ((size_t)(e - b) == strlen(r.out) && !memcmp(b, r.out, strlen(r.out))) {
		e2e_result_free(&r);
		e2e_free(doc);
		return;
	}
	if (w && !strcmp(w, "1")) {
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		fprintf(f, "%.*s%s%s", (int)(b - doc), doc, r.out, e);
		assert_int_equal(fclose(f), 0);
		fail_msg("rewrote the column index of %s: commit it, unset MAPBENCH_GOLDEN_WRITE", path);
	}
	fail_msg("%s: the column index differs from `mapbench columns --markdown` (a column added, "
		 "renamed or re-documented in src/common/columns.def?); MAPBENCH_GOLDEN_WRITE=1 rewrites it", path);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_help_version),
		E2E_TEST(test_subcommand_help),
		E2E_TEST(test_methods_list),
		E2E_TEST(test_env),
		E2E_TEST(test_run_identity),
		E2E_TEST(test_run_dirty_limits),
		E2E_TEST(test_run_mkfs_opts),
		E2E_TEST(test_dataset_make_verify),
		E2E_TEST(test_dataset_foreign_file),
		E2E_TEST(test_run_checksum_mismatch),
		E2E_TEST(test_dataset_old_manifest),
		E2E_TEST(test_run_to_stdout),
		E2E_TEST(test_run_interrupted),
		E2E_TEST(test_run_adaptive),
		E2E_TEST(test_run_order),
		E2E_TEST(test_method_options),
		E2E_TEST(test_columns_documented),
		E2E_TEST(test_column_index_generated),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, e2e_group_setup, e2e_group_teardown);
}
