/* scratch.h: the file a write or rmw repetition works on. Datasets and their
 * manifest are never written: before each repetition the core makes a
 * scratch file next to the dataset, untimed, and after it re-reads and
 * verifies the scratch, untimed, then removes it (also when anything
 * failed). Only a file this process created (O_EXCL) is ever removed.
 *
 *   write, target rewrite: size bytes of a fill pattern (0xa5), written and
 *          fdatasync'ed, so the blocks exist and a block the method fails
 *          to write is seen; the method must leave the dataset's bytes.
 *   write, target new: an empty file, grown by the method.
 *   write with consume touch (mapping stores): one byte per page is stored,
 *          so the scratch must hold the dataset's byte at each page start
 *          and, everywhere else, what it was made of (the fill, or zeros).
 *   rmw: a copy of the dataset (the reference copy's bytes), fdatasync'ed;
 *          the method must add 1 to every whole 4-byte integer (host
 *          byte order), exactly once, and leave a partial tail as it was. */
#ifndef MB_SCRATCH_H
#define MB_SCRATCH_H

#include <limits.h>
#include <stdint.h>
#include <stddef.h>

#include "method.h"
#include "writemodes.h"

#define MB_SCRATCH_FILL 0xa5

struct mb_scratch {
	char path[PATH_MAX];
	int made;                 /* created by mb_scratch_make: removed by mb_scratch_remove */
};

/* Makes the scratch target for a repetition of op (write, rmw) with target
 * t, next to the dataset at dataset_path; ref holds the dataset's size
 * bytes. 0, or -errno with a one-line reason in err (nothing left behind). */
int mb_scratch_make(struct mb_scratch *s, const char *dataset_path, enum mb_op op,
		    enum mb_target t, const unsigned char *ref, uint64_t size, char *err, size_t errlen);

/* What the scratch must hold after the repetition. */
enum mb_scratch_want {
	MB_WANT_DATASET,          /* the dataset's bytes (write methods) */
	MB_WANT_UNCHANGED,        /* as made: MAP_PRIVATE stores never reach the file
				   * (target new: size zero bytes, after the ftruncate) */
	MB_WANT_INCREMENTED,      /* the dataset with every whole integer + 1 (rmw) */
	MB_WANT_TOUCHED,          /* as made, but the dataset's byte at the first byte of
				   * every page (mb_page_size()): stores with consume touch */
};

/* Re-reads the scratch (size bytes expected): *sum is the checksum of what it
 * holds and *want_sum of what it should hold. 0 when they agree, -1 with the
 * first wrong offset (or a wrong size) in err, -errno when it cannot be read. */
int mb_scratch_verify(const struct mb_scratch *s, enum mb_scratch_want want, enum mb_target t,
		      const unsigned char *ref, uint64_t size, uint64_t *sum, uint64_t *want_sum,
		      char *err, size_t errlen);

/* Removes the scratch if this process made it. */
void mb_scratch_remove(struct mb_scratch *s);

#endif
