/* advice.h: the access advice a run gives the kernel (column `advice`):
 * madvise(2) on mappings, posix_fadvise(2)/readahead(2) on descriptors, or
 * MAP_POPULATE. Applied by the core inside the timed setup phase; a hint the
 * kernel rejects makes the row an error, never the baseline. */
#ifndef MB_ADVICE_H
#define MB_ADVICE_H

#include <stddef.h>
#include <stdint.h>

enum mb_advice {
	MB_ADV_NONE,          /* no call at all */
	MB_ADV_NORMAL,        /* MADV_NORMAL / POSIX_FADV_NORMAL */
	MB_ADV_SEQUENTIAL,    /* MADV_SEQUENTIAL / POSIX_FADV_SEQUENTIAL */
	MB_ADV_RANDOM,        /* MADV_RANDOM / POSIX_FADV_RANDOM */
	MB_ADV_WILLNEED,      /* MADV_WILLNEED / POSIX_FADV_WILLNEED */
	MB_ADV_HUGEPAGE,      /* MADV_HUGEPAGE (mappings) */
	MB_ADV_POPULATE_READ, /* MADV_POPULATE_READ (mappings, Linux >= 5.14) */
	MB_ADV_MAP_POPULATE,  /* the MAP_POPULATE flag of mmap(2) */
	MB_ADV_NOREUSE,       /* POSIX_FADV_NOREUSE (descriptors) */
	MB_ADV_READAHEAD,     /* readahead(2) of the whole file (descriptors) */
	MB_ADV_COUNT
};

const char *mb_advice_name(enum mb_advice a);
int mb_advice_parse(const char *name, enum mb_advice *out);

/* 1 if this kernel accepts the advice at all; else 0 and why (probed once on
 * a scratch anonymous mapping or a temporary descriptor). */
int mb_advice_available(enum mb_advice a, char *why, size_t len);

/* madvise(addr, len) for mapping advice; 0 or -errno with the reason
 * ("madvise(MADV_RANDOM): Invalid argument") in err. NONE and MAP_POPULATE
 * make no call. */
int mb_advise_map(enum mb_advice a, void *addr, size_t len, char *err, size_t errlen);
/* posix_fadvise(fd, 0, 0) or readahead(fd, 0, size); same contract. */
int mb_advise_fd(enum mb_advice a, int fd, uint64_t size, char *err, size_t errlen);

/* Test seam: when the environment variable MAPBENCH_TEST_REJECT_ADVICE names
 * an advice, applying it fails with EINVAL as if the kernel rejected it. */
#define MB_REJECT_ADVICE_ENV "MAPBENCH_TEST_REJECT_ADVICE"

#endif
