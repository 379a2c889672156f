/* probe_touch.c: the machine probe's first-touch and anonymous-fault
 * figures. Each sample maps fresh anonymous memory (untimed), lets one
 * privilege mode write it (untimed), then times the other mode's first
 * touch; or times the faults of a fresh mapping's first read or write.
 * Figures are per 4 KiB page, also on a 2 MiB huge page. */
#include "probe.h"
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define TOUCH_PAGES 64            /* 256 KiB of 4 KiB pages per sample */
#define HUGE (2u << 20)

static volatile unsigned char sink;

void *mb_probe_map_aligned(size_t len, int advice)
{
	unsigned char *raw, *p;
	size_t head;

	raw = mmap(NULL, len + HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return NULL;
	p = (unsigned char *)(((uintptr_t)raw + HUGE - 1) & ~(uintptr_t)(HUGE - 1));
	head = (size_t)(p - raw);
	if (head)
		munmap(raw, head);
	munmap(p + len, HUGE - head);
	if (madvise(p, len, advice)) {
		munmap(p, len);
		return NULL;
	}
	return p;
}

void mb_probe_unmap_aligned(void *p, size_t len)
{
	munmap(p, len);
}

int mb_probe_is_huge(const void *addr)
{
	FILE *f = fopen("/proc/self/smaps", "re");
	char line[512];
	int in = 0, huge = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi, kb;

		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
			in = (uintptr_t)addr >= lo && (uintptr_t)addr < hi;
		else if (in && sscanf(line, "AnonHugePages: %lu kB", &kb) == 1)
			huge = kb > 0;
	}
	fclose(f);
	return huge;
}

/* ns per page of reading (write 0) or writing one byte of each of n pages. */
static double touch(unsigned char *p, size_t n, int write)
{
	uint64_t t0 = mb_now_ns();

	if (write)
		for (size_t i = 0; i < n; i++)
			((volatile unsigned char *)p)[i * 4096] = 1;
	else
		for (size_t i = 0; i < n; i++)
			sink = ((volatile unsigned char *)p)[i * 4096];
	return (double)(mb_now_ns() - t0) / (double)n;
}

static unsigned char *map_small(size_t pages, char *err, size_t errlen)
{
	unsigned char *p = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		snprintf(err, errlen, "mmap: %s", strerror(errno));
		return NULL;
	}
	/* the 4 KiB world even with THP always */
	if (madvise(p, pages * 4096, MADV_NOHUGEPAGE)) {
		snprintf(err, errlen, "madvise(MADV_NOHUGEPAGE): %s", strerror(errno));
		munmap(p, pages * 4096);
		return NULL;
	}
	return p;
}

/* The kernel writes len bytes of p (a read(2) from the warm file). */
static int kernel_write(struct mb_probe_ctx *c, void *p, size_t len, char *err, size_t errlen)
{
	if (pread(c->large_fd, p, len, 0) == (ssize_t)len)
		return 0;
	snprintf(err, errlen, "pread(%s): %s", c->large_path, strerror(errno ? errno : EIO));
	return errno ? -errno : -EIO;
}

static int thp_or_skip(struct mb_probe_ctx *c, char *err, size_t errlen)
{
	if (c->thp_ok)
		return 0;
	snprintf(err, errlen, "transparent huge pages are %s here",
		 c->thp[0] ? c->thp : "not available");
	return -EOPNOTSUPP;
}

static int not_huge(struct mb_probe_ctx *c, char *err, size_t errlen)
{
	snprintf(err, errlen, "MADV_HUGEPAGE gave no huge page (THP: %s; memory fragmented?)", c->thp);
	return -EOPNOTSUPP;
}

int mb_probe_touch_user_4k(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	unsigned char *p = map_small(TOUCH_PAGES, err, errlen);
	int rc;

	if (!p)
		return -ENOMEM;
	rc = kernel_write(c, p, TOUCH_PAGES * 4096, err, errlen);
	if (!rc)
		*v = touch(p, TOUCH_PAGES, 0);
	munmap(p, TOUCH_PAGES * 4096);
	return rc;
}

/* The whole read(2) into pages user mode just wrote, per page: the copy included. */
int mb_probe_touch_kernel_4k(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	unsigned char *p = map_small(TOUCH_PAGES, err, errlen);
	uint64_t t0;
	int rc;

	if (!p)
		return -ENOMEM;
	touch(p, TOUCH_PAGES, 1);
	t0 = mb_now_ns();
	rc = kernel_write(c, p, TOUCH_PAGES * 4096, err, errlen);
	*v = (double)(mb_now_ns() - t0) / TOUCH_PAGES;
	munmap(p, TOUCH_PAGES * 4096);
	return rc;
}

/* One touch of every 4 KiB of a fresh 2 MiB MADV_HUGEPAGE region, per 4 KiB:
 * a read after the kernel wrote it (kernel_first), or the writes that fault
 * it in. Checked to be a huge page (untimed). */
static int huge_touch(struct mb_probe_ctx *c, int kernel_first, double *v, char *err, size_t errlen)
{
	unsigned char *p;
	int rc = thp_or_skip(c, err, errlen);

	if (rc)
		return rc;
	p = mb_probe_map_aligned(HUGE, MADV_HUGEPAGE);
	if (!p)
		return not_huge(c, err, errlen);
	if (kernel_first)
		rc = kernel_write(c, p, HUGE, err, errlen);
	if (!rc)
		*v = touch(p, HUGE / 4096, !kernel_first);
	if (!rc && !mb_probe_is_huge(p))
		rc = not_huge(c, err, errlen);
	mb_probe_unmap_aligned(p, HUGE);
	return rc;
}

int mb_probe_touch_user_2m(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return huge_touch(c, 1, v, err, errlen);
}

static int anon_fault(int write, double *v, char *err, size_t errlen)
{
	unsigned char *p = map_small(TOUCH_PAGES, err, errlen);

	if (!p)
		return -ENOMEM;
	*v = touch(p, TOUCH_PAGES, write);
	munmap(p, TOUCH_PAGES * 4096);
	return 0;
}

int mb_probe_anon_read_fault(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	(void)c;
	return anon_fault(0, v, err, errlen);
}

int mb_probe_anon_write_fault(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	(void)c;
	return anon_fault(1, v, err, errlen);
}

int mb_probe_anon_write_fault_thp(struct mb_probe_ctx *c, double *v, char *err, size_t errlen)
{
	return huge_touch(c, 0, v, err, errlen);
}
