/* e2e_writes.c: the checks the end-to-end tests of the write side share
 * (see e2e_writes.h). */
#include "e2e_writes.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The dataset checksums of dir's manifest, by size. */
const char *e2e_dataset_checksum(const char *dir, const char *size)
{
	static char sum[64];
	char path[PATH_MAX + 16];
	struct mb_csv_table *m;

	e2e_fmt(path, sizeof(path), "%s/manifest.csv", dir);
	m = e2e_load(path);
	sum[0] = '\0';
	for (size_t i = 0; i < m->nrows; i++)
		if (!strcmp(e2e_cell(m, i, "size_bytes"), size))
			snprintf(sum, sizeof(sum), "%s", e2e_cell(m, i, "checksum"));
	e2e_table_free(m);
	assert_true(sum[0]);
	return sum;
}

void e2e_no_scratch_left(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strstr(e->d_name, "scratch"))
			fail_msg("scratch file %s/%s left behind", dir, e->d_name);
	closedir(d);
}

void e2e_datasets_verify(const char *dir)
{
	struct e2e_result r;

	E2E_RUN(&r, NULL, "dataset", "verify", "--dir", dir);
	e2e_expect_exit(&r, 0, "dataset verify after writes");
	e2e_result_free(&r);
}

/* See e2e_writes.h. */
size_t e2e_writes_verified(const struct mb_csv_table *t, const char *dir)
{
	for (size_t i = 0; i < t->nrows; i++) {
		const char *m = e2e_cell(t, i, "method"), *sum = e2e_cell(t, i, "checksum");
		const char *want = e2e_cell(t, i, "expected_checksum");

		if (strcmp(e2e_cell(t, i, "status"), "ok"))
			fail_msg("%s %s %s %s %s: %s", m, e2e_cell(t, i, "target"), e2e_cell(t, i, "sync"),
				 e2e_cell(t, i, "pattern"), e2e_cell(t, i, "file_size_bytes"),
				 e2e_cell(t, i, "error"));
		assert_string_equal(sum, want);
		if (!strcmp(e2e_cell(t, i, "op"), "write") && strcmp(m, "mmap-private") &&
		    strcmp(e2e_cell(t, i, "consume"), "touch"))
			assert_string_equal(want, e2e_dataset_checksum(dir, e2e_cell(t, i, "file_size_bytes")));
		/* touch stores one byte per page: a file of 2 bytes or more is not the dataset */
		if (!strcmp(e2e_cell(t, i, "consume"), "touch") &&
		    strtoull(e2e_cell(t, i, "file_size_bytes"), NULL, 10) > 1)
			assert_string_not_equal(want, e2e_dataset_checksum(dir, e2e_cell(t, i, "file_size_bytes")));
		/* a private store never reaches the file: its rewrite target keeps the fill */
		if (!strcmp(m, "mmap-private") && !strcmp(e2e_cell(t, i, "target"), "rewrite") &&
		    strcmp(e2e_cell(t, i, "file_size_bytes"), "0"))
			assert_string_not_equal(want, e2e_dataset_checksum(dir, e2e_cell(t, i, "file_size_bytes")));
	}
	return t->nrows;
}

/* How many rows of t have column col = v (and col2 = v2 when given). */
size_t e2e_rows_with(const struct mb_csv_table *t, const char *col, const char *v, const char *col2,
			const char *v2)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nrows; i++)
		n += !strcmp(e2e_cell(t, i, col), v) && (!col2 || !strcmp(e2e_cell(t, i, col2), v2));
	return n;
}
