/* e2e_writes.h: the checks the end-to-end tests of the write side share
 * (test_writes.c, test_write_methods.c): what every write row must hold, the
 * datasets untouched, no scratch file left. Each fails the test itself. */
#ifndef MB_E2E_WRITES_H
#define MB_E2E_WRITES_H

#include "e2e.h"

/* The checksum of dir's manifest for the dataset of size bytes. */
const char *e2e_dataset_checksum(const char *dir, const char *size);
/* No scratch file in dir. */
void e2e_no_scratch_left(const char *dir);
/* `mapbench dataset verify --dir dir` exits 0. */
void e2e_datasets_verify(const char *dir);
/* Every row of t ok, its checksum what the target must hold: the dataset's
 * (a write), never it where the row's target cannot be (an mmap-private
 * rewrite target, a consume touch row of 2 bytes or more). Its rows. */
size_t e2e_writes_verified(const struct mb_csv_table *t, const char *dir);
/* How many rows of t have column col = v (and col2 = v2 when given). */
size_t e2e_rows_with(const struct mb_csv_table *t, const char *col, const char *v, const char *col2,
		     const char *v2);

#endif
