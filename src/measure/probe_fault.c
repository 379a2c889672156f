/* probe_fault.c: the machine probe's file-mapping figures: the cost and the
 * minor faults per 4 KiB page of touching a fresh mapping of a warm file in
 * large folios (cached by a sequential read), in 4 KiB folios (cached by
 * 4 KiB reads; also with 1 MiB of it in the last-level cache) and in
 * PMD-sized folios (cached through a MADV_HUGEPAGE mapping), mmap+munmap
 * with nothing touched, and munmap per touched page. Mapping and unmapping
 * are untimed except where they are the figure. */
#include "probe.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#define FILE_PAGES (MB_PROBE_FILE / 4096)
#define MMAP_BATCH 200

static volatile unsigned char sink;

static unsigned char *map_file(struct mb_probe_ctx *c, int fd, char *err, size_t errlen)
{
	unsigned char *p = mmap(NULL, MB_PROBE_FILE, PROT_READ, MAP_SHARED, fd, 0);

	if (p != MAP_FAILED)
		return p;
	snprintf(err, errlen, "mmap(%s): %s",
		 fd == c->large_fd ? c->large_path : fd == c->pmd_fd ? c->pmd_path : c->small_path,
		 strerror(errno));
	return NULL;
}

static void touch_pages(const unsigned char *p, size_t pages)
{
	for (size_t i = 0; i < pages; i++)
		sink = ((const volatile unsigned char *)p)[i * 4096];
}

/* Touches one byte of each of the first pages pages of a fresh mapping of
 * fd: ns per page, or (minflt) minor faults per page. The CPU caches are
 * cold at the start, or (cached) hold those pages and the kernel's
 * structures for them in the last-level cache (MB_PROBE_CACHED). */
static int fault_pages(struct mb_probe_ctx *c, int fd, size_t pages, int cached, int minflt,
		       double *v, char *err, size_t errlen)
{
	struct rusage r0, r1;
	unsigned char *p;
	uint64_t t0, t1;

	if (cached) {
		if (!(p = map_file(c, fd, err, errlen)))
			return -errno;
		touch_pages(p, pages);
		munmap(p, MB_PROBE_FILE);
	}
	if (!(p = map_file(c, fd, err, errlen)))
		return -errno;
	if (cached)
		mb_probe_flush_l2(c);
	else
		mb_probe_evict(c);
	getrusage(RUSAGE_THREAD, &r0);
	t0 = mb_now_ns();
	touch_pages(p, pages);
	t1 = mb_now_ns();
	getrusage(RUSAGE_THREAD, &r1);
	munmap(p, MB_PROBE_FILE);
	if (minflt)
		*v = (double)(r1.ru_minflt - r0.ru_minflt) / (double)pages;
	else
		*v = (double)(t1 - t0) / (double)pages;
	return 0;
}

static int file_fault(struct mb_probe_ctx *c, int fd, int minflt, double *v, char *err,
		      size_t errlen)
{
	return fault_pages(c, fd, FILE_PAGES, 0, minflt, v, err, errlen);
}

/* The 4 KiB-folio world, a file small enough to stay in the last-level cache. */
int mb_probe_file_fault_small_cached(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return fault_pages(c, c->small_fd, MB_PROBE_CACHED / 4096, 1, 0, v, err, errlen);
}

int mb_probe_file_fault_large(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return file_fault(c, c->large_fd, 0, v, err, errlen);
}

int mb_probe_file_fault_small(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return file_fault(c, c->small_fd, 0, v, err, errlen);
}

int mb_probe_file_minflt_large(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return file_fault(c, c->large_fd, 1, v, err, errlen);
}

int mb_probe_file_minflt_small(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return file_fault(c, c->small_fd, 1, v, err, errlen);
}

int mb_probe_mmap_fixed(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	uint64_t t0 = mb_now_ns();

	for (int i = 0; i < MMAP_BATCH; i++) {
		void *p = mmap(NULL, MB_PROBE_FILE, PROT_READ, MAP_SHARED, c->large_fd, 0);

		if (p == MAP_FAILED) {
			snprintf(err, errlen, "mmap(%s): %s", c->large_path, strerror(errno));
			return -errno;
		}
		munmap(p, MB_PROBE_FILE);
	}
	*v = (double)(mb_now_ns() - t0) / MMAP_BATCH;
	return 0;
}

/* munmap of a mapping of the 4 KiB-folio file whose every page was touched
 * (so every page has its own page table entry), per page. */
int mb_probe_munmap_per_page(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	unsigned char *p = map_file(c, c->small_fd, err, errlen);
	uint64_t t0;

	if (!p)
		return -errno;
	for (size_t i = 0; i < FILE_PAGES; i++)
		sink = ((volatile unsigned char *)p)[i * 4096];
	t0 = mb_now_ns();
	munmap(p, MB_PROBE_FILE);
	*v = (double)(mb_now_ns() - t0) / FILE_PAGES;
	return 0;
}

/* The PMD world: one 2 MiB folio maps a PMD-aligned 2 MiB of the mapping
 * with one fault, and the hypervisor's cost of a newly mapped 4 KiB page
 * is paid once per 2 MiB instead of once per page. */
int mb_probe_pmd_fill(struct mb_probe_ctx *c, char *err, size_t errlen)
{
	struct rusage r0, r1;
	unsigned char *p;
	double per;

	c->pmd_why[0] = 0;
	if (!c->thp_ok) {
		snprintf(c->pmd_why, sizeof(c->pmd_why), "transparent huge pages are '%s' here",
			 c->thp[0] ? c->thp : "absent");
		return -EOPNOTSUPP;
	}
	p = map_file(c, c->pmd_fd, err, errlen);
	if (!p)
		return -errno;
	if (madvise(p, MB_PROBE_FILE, MADV_HUGEPAGE)) {
		int e = errno;

		munmap(p, MB_PROBE_FILE);
		snprintf(c->pmd_why, sizeof(c->pmd_why), "madvise(MADV_HUGEPAGE) on a file mapping: %s",
			 strerror(e));
		return -EOPNOTSUPP;
	}
	touch_pages(p, FILE_PAGES);
	munmap(p, MB_PROBE_FILE);
	/* did it work? a fresh mapping (no advice) faults once per 2 MiB */
	p = map_file(c, c->pmd_fd, err, errlen);
	if (!p)
		return -errno;
	getrusage(RUSAGE_THREAD, &r0);
	touch_pages(p, FILE_PAGES);
	getrusage(RUSAGE_THREAD, &r1);
	munmap(p, MB_PROBE_FILE);
	per = (double)(r1.ru_minflt - r0.ru_minflt) / FILE_PAGES;
	if (per > 4.0 / 512) {
		snprintf(c->pmd_why, sizeof(c->pmd_why), "the kernel did not map the file with PMDs "
			 "(%.4f minor faults per page, 1/512 expected)", per);
		return -EOPNOTSUPP;
	}
	return 0;
}

static int pmd_fault(struct mb_probe_ctx *c, int minflt, double *v, char *err, size_t errlen)
{
	if (c->pmd_why[0]) {
		snprintf(err, errlen, "%s", c->pmd_why);
		return -EOPNOTSUPP;
	}
	return file_fault(c, c->pmd_fd, minflt, v, err, errlen);
}

int mb_probe_file_fault_pmd(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return pmd_fault(c, 0, v, err, errlen);
}

int mb_probe_file_minflt_pmd(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return pmd_fault(c, 1, v, err, errlen);
}
