/* probe.h: `mapbench probe`, the machine's primitive costs (system call,
 * copy per byte, first touch of a page, page faults for small and large
 * folios, mmap/munmap, TLB shootdown, dirtying and syncing pages). Each
 * figure is the median of repeated samples with its 95% CI (stats.c), taken
 * until the CI is within +-5% of the median or the figure's time budget is
 * spent. The figures, their names and units are those of machine.csv
 * (docs/csv-schema.md, "The machine.csv file"). */
#ifndef MB_PROBE_H
#define MB_PROBE_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "machine_out.h"


enum mb_probe_id {
	MB_P_SYSCALL,
	MB_P_TIMER,
	MB_P_PREAD_CALL,
	MB_P_PREAD_4K,
	MB_P_COPY,
	MB_P_COPY_PMD,
	MB_P_COPY_SMALL,
	MB_P_MEMREAD,
	MB_P_MEMCPY,
	MB_P_CSUM_HOT,
	MB_P_RAND_4K,
	MB_P_RAND_128K,
	MB_P_TOUCH_USER_4K,
	MB_P_TOUCH_KERNEL_4K,
	MB_P_TOUCH_USER_2M,
	MB_P_ANON_READ_FAULT,
	MB_P_ANON_WRITE_FAULT,
	MB_P_ANON_WRITE_FAULT_THP,
	MB_P_FILE_FAULT_LARGE,
	MB_P_FILE_FAULT_SMALL,
	MB_P_FILE_FAULT_SMALL_CACHED,
	MB_P_FILE_MINFLT_LARGE,
	MB_P_FILE_MINFLT_SMALL,
	MB_P_FILE_FAULT_PMD,
	MB_P_FILE_MINFLT_PMD,
	MB_P_MMAP_FIXED,
	MB_P_MUNMAP_PER_PAGE,
	MB_P_TLB_SHOOTDOWN,
	MB_P_WRITE_DIRTY,
	MB_P_STORE_DIRTY,
	MB_P_MSYNC_SMALL,
	MB_P_FSYNC_SMALL,
	MB_P_ODIRECT_4K,
	MB_P_ODIRECT_BYTE,
	MB_P_COUNT
};

/* What the samplers share: files in dir and buffers, made and touched once,
 * before any clock runs. */
struct mb_probe_ctx {
	char dir[PATH_MAX];
	int device;               /* measure odirect_* on dir's filesystem */
	int thp_ok;               /* THP is not "never" */
	char thp[32];
	long ncpu;
	/* warm files (large folios PTE-mapped, 4 KiB folios, PMD-sized folios), the write target */
	int large_fd, small_fd, pmd_fd, write_fd;
	char large_path[PATH_MAX], small_path[PATH_MAX], pmd_path[PATH_MAX], write_path[PATH_MAX];
	char pmd_why[160];        /* why the PMD file has no PMD-sized folios ("" when it has) */
	void *buf;                /* MB_PROBE_BUF bytes, touched */
	void *buf2;               /* the same, memcpy's destination */
	void *evict;              /* MB_PROBE_EVICT bytes, written: read through
				   * before a bandwidth sample, untimed */
	void *far;                /* MB_PROBE_FAR bytes in 2 MiB pages, written:
				   * the random-block figures' working set */
	uint32_t *perm;           /* room for a random order of far's 4 KiB blocks */
	double copy_ns_per_byte;  /* measured before pread_call_ns needs it */
	struct mb_hist *hist;     /* the latency timer's histogram */
};

#define MB_PROBE_FILE (8u << 20)   /* each warm file */
#define MB_PROBE_BUF (8u << 20)    /* memory buffers: larger than an L2 */
#define MB_PROBE_SYNC_LEN (64u << 10)
/* Larger than any CPU cache: reading it through leaves the caches cold, as
 * a run's interleaved rounds leave them for each repetition (the other
 * methods' files pass through in between). */
#define MB_PROBE_EVICT (64u << 20)
/* The random-block figures read blocks of a working set larger than any
 * CPU cache, in 2 MiB pages as memread's copy and a PMD-mapped file are. */
#define MB_PROBE_FAR (64u << 20)

/* One sample of a figure: *v in the figure's unit. 0, -errno (err set) or
 * -EOPNOTSUPP with the reason to skip in err. */
typedef int (*mb_probe_sample_fn)(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);

struct mb_probe_opts {
	const char *dir;          /* an existing directory for the probe's files */
	int device;
	int quick;
	/* a line of progress per figure (NULL: none) */
	void (*progress)(void *arg, const struct mb_machine_fig *f, int i, int n);
	void *arg;
};

/* Measures every figure into figs[MB_P_COUNT]; files are made in o->dir and
 * removed again. 0, -EINTR when stopped by a signal, or -errno with a
 * one-line reason in err (a figure that cannot be measured here is skipped,
 * not an error). */
int mb_probe_run(const struct mb_probe_opts *o, struct mb_machine_fig *figs, char *err,
		 size_t errlen);

/* Replaces medians by the values of MB_TEST_PROBE_FAKE ("figure=value,...",
 * a test hook), then sets the "virt" and "suspect" flags. */
int mb_probe_fake(struct mb_machine_fig *figs, const char *spec, char *err, size_t errlen);
void mb_probe_flags(struct mb_machine_fig *figs);

/* The samplers, by file. probe_mem.c: */
int mb_probe_syscall(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_timer(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_pread_4k(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_pread_call(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_copy(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_copy_pmd(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_copy_small(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_memread(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_memcpy(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_csum_hot(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
/* probe_rand.c: */
int mb_probe_rand_4k(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_rand_128k(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
/* probe_touch.c: */
int mb_probe_touch_user_4k(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_touch_kernel_4k(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_touch_user_2m(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_anon_read_fault(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_anon_write_fault(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_anon_write_fault_thp(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
/* probe_fault.c: */
int mb_probe_file_fault_large(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_file_fault_small(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_file_fault_small_cached(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_file_minflt_large(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_file_minflt_small(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_file_fault_pmd(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_file_minflt_pmd(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
/* Fills the page cache of the PMD file through a MADV_HUGEPAGE mapping (the
 * kernel's readahead then allocates PMD-sized folios); 0, or -EOPNOTSUPP
 * with c->pmd_why set when it could not, -errno on an error. */
int mb_probe_pmd_fill(struct mb_probe_ctx *c, char *err, size_t errlen);
int mb_probe_mmap_fixed(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_munmap_per_page(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
/* probe_tlb.c: */
int mb_probe_tlb_shootdown(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
/* probe_write.c: */
int mb_probe_write_dirty(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_store_dirty(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_msync_small(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_fsync_small(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_odirect_4k(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);
int mb_probe_odirect_byte(struct mb_probe_ctx *c, double *v, char *err, size_t errlen);

/* Reads the eviction buffer through, a cache line at a time (untimed): the
 * next sample starts with cold CPU caches, as a run's repetitions do. */
void mb_probe_evict(const struct mb_probe_ctx *c);
/* The _cached figure's file span, MB_PROBE_CACHED bytes: touched untimed,
 * then MB_PROBE_L2_FLUSH bytes of the eviction buffer read, so the
 * span sits in the last-level cache but not in the core's own caches, as a
 * small file does between two repetitions of a run (the methods of one
 * configuration read the same page cache one after the other, each with
 * its own buffers and checksum in between). */
#define MB_PROBE_CACHED (1u << 20)
#define MB_PROBE_L2_FLUSH (4u << 20)
void mb_probe_flush_l2(const struct mb_probe_ctx *c);
/* 1 if the anonymous mapping at addr is backed by a huge page (smaps). */
int mb_probe_is_huge(const void *addr);
/* A 2 MiB-aligned anonymous mapping of len bytes (a multiple of 2 MiB) with
 * the given madvise advice; NULL on failure. Free with mb_probe_unmap_aligned. */
void *mb_probe_map_aligned(size_t len, int advice);
void mb_probe_unmap_aligned(void *p, size_t len);

#endif
