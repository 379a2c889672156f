/* dataset.h: deterministic, seeded, incompressible dataset files and their
 * manifest (DESIGN §1 datasets/). A dataset is named mb-<size>-s<seed>.dat;
 * manifest.csv beside it records name, size, seed, checksum, generator, mtime
 * and the checksum's function (checksum_alg, MB_CHECKSUM_ALG), so a rerun
 * reuses the file at once and `dataset verify` can re-check it. Files not
 * listed in the manifest are never overwritten. A checksum of another
 * function (a manifest of an older mapbench) is never trusted: it is
 * recomputed from the file once the file is shown to be the generator's. */
#ifndef MB_DATASET_H
#define MB_DATASET_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define MB_MANIFEST "manifest.csv"
#define MB_GENERATOR "splitmix64-v1"
/* The checksum function of manifests written before checksum_alg existed. */
#define MB_CHECKSUM_ALG_V1 "mbsum-v1"

struct mb_dataset {
	char name[64];
	char path[PATH_MAX];
	uint64_t size;
	uint64_t seed;
	uint64_t checksum;
};

/* "mb-1M-s1.dat", "mb-1048699-s1.dat". */
void mb_dataset_name(uint64_t size, uint64_t seed, char *buf, size_t len);

/* Fills len bytes of the content of dataset `seed` that start at offset off. */
void mb_dataset_fill(uint64_t seed, uint64_t off, void *buf, size_t len);

/* Makes dir if it is missing (its parent must exist). 0 or -errno + err. */
int mb_dataset_dir(const char *dir, char *err, size_t errlen);

/* Makes or reuses the dataset of size/seed in dir. *made says which. 0, or
 * -EEXIST when a file of that name is not one mapbench made (or changed since),
 * -EINTR when mb_stop_requested was set (the partial file is removed), or
 * -errno; the reason is in err. First, every manifest entry whose checksum is
 * of another function than MB_CHECKSUM_ALG and whose file is unchanged (size,
 * mtime) is re-verified: the file is read, and when its checksum equals the
 * generator's the entry takes it (one line on stderr says how many); when not,
 * -EEXIST, and err says to move the file away. Under the folder's lock,
 * temp files of processes that no longer run are removed first. A file of
 * the dataset's name the manifest does not list is listed again when its
 * size and content are the generator's (one line says so), else -EEXIST with
 * the command that moves it away. Where the folder cannot be written (a
 * read-only mount: the lock file cannot be opened for writing), a shared
 * lock is taken instead and an existing dataset is used as it is; one that
 * would have to be made gives -EROFS. */
int mb_dataset_ensure(const char *dir, uint64_t size, uint64_t seed, struct mb_dataset *ds,
		      int *made, char *err, size_t errlen);

/* Re-reads every dataset in dir's manifest and checks size and checksum,
 * printing one line each to out; an entry whose checksum is of another
 * function is checked against the generator instead, and a last line says so.
 * The manifest is not written. Returns the number of bad datasets, or -errno
 * with err set when the manifest cannot be read. */
int mb_dataset_verify(const char *dir, FILE *out, char *err, size_t errlen);

/* Reads dir's manifest and every entry's numbers as `run` and `verify` do,
 * touching no dataset file (the manifest parser on its own, for its fuzz
 * harness). *rows: its entries. 0 (also when there is no manifest), or
 * -errno with the reason in err. */
int mb_dataset_manifest_check(const char *dir, size_t *rows, char *err, size_t errlen);

/* Checksum of a whole file read with read(2); 0 or -errno + err. */
int mb_file_checksum(const char *path, uint64_t *size, uint64_t *csum, char *err, size_t errlen);
/* The same, plus (touch not NULL) the checksum of the first byte of every
 * page, which is what consume=touch reads. */
int mb_file_checksums(const char *path, uint64_t *size, uint64_t *csum, uint64_t *touch, char *err,
		      size_t errlen);

/* consume=touch checksum of dataset seed/size, from the generator (no I/O). */
uint64_t mb_dataset_touch_checksum(uint64_t seed, uint64_t size);

#endif
