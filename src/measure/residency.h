/* residency.h: page-cache state of a file, measured with mincore(2) and set
 * with posix_fadvise(2) (and, when asked and root, /proc/sys/vm/drop_caches). */
#ifndef MB_RESIDENCY_H
#define MB_RESIDENCY_H

#include <stddef.h>
#include <stdint.h>

/* Percentage (0..100) of the pages of the open file fd (size bytes) that are in
 * the page cache. Returns 0, 1 when size is 0 (no pages: *pct is NAN), or -errno. */
int mb_resident_pct(int fd, uint64_t size, double *pct);
int mb_resident_pct_path(const char *path, double *pct);

/* Evicts path from the page cache: fdatasync first when sync_first (a file
 * mapbench wrote itself may hold dirty pages, which DONTNEED cannot drop),
 * posix_fadvise(DONTNEED), and with drop_caches also sync(2) plus "1" into
 * /proc/sys/vm/drop_caches. 0 or -errno with the reason in err. */
int mb_cache_evict(const char *path, int sync_first, int drop_caches, char *err, size_t errlen);

/* Reads path once with read(2) in 1 MiB chunks so it is cached the way a
 * sequential reader caches it. 0 or -errno with the reason in err. */
int mb_cache_fill(const char *path, char *err, size_t errlen);

/* Reads path page by page with 4 KiB pread(2) calls under
 * POSIX_FADV_RANDOM (no readahead), so the page cache holds it in small
 * folios, as a file written or read in small pieces is. 0 or -errno + err. */
int mb_cache_fill_4k(const char *path, char *err, size_t errlen);

/* 1 if the process may write /proc/sys/vm/drop_caches. */
int mb_can_drop_caches(void);

#endif
