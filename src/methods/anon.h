/* anon.h: what anon-read and anon-write share. Both measure the first touch
 * of fresh anonymous memory, one page per operation: a private anonymous
 * mapping of the file's size is made in the timed setup (mmap(2) is part of
 * what a program pays for fresh memory, and with map-populate the faults
 * happen inside it), the io touches one byte of each page in the plan's
 * order, the teardown unmaps it (freeing what the faults allocated). No file
 * is read or written: the file's size only sizes the mapping.
 *
 * Advice: none; map-populate (MAP_POPULATE: every page faulted inside
 * mmap(2)); hugepage (MADV_HUGEPAGE, applied by the core after setup; the
 * mapping then starts on a PMD boundary, its slack trimmed in setup, so
 * every whole PMD-size unit inside it can be one huge page; where THP is
 * off the row is unsupported, found by the untimed check). Static inline so
 * a method file needs nothing more; the ops tables take the functions'
 * addresses. */
#ifndef MB_METHODS_ANON_H
#define MB_METHODS_ANON_H

#include "checksum.h"
#include "envinfo.h"
#include "mapping.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#define MB_ADVICE_ANON                                                                           \
	((1u << MB_ADV_NONE) | (1u << MB_ADV_HUGEPAGE) | (1u << MB_ADV_MAP_POPULATE))

/* The bytes a PMD entry maps: a page of page-table entries (pointer-sized)
 * times the page size: 2 MiB with 4 KiB pages, 512 MiB with 64 KiB. */
static inline size_t mb_anon_pmd_size(void)
{
	size_t ps = (size_t)mb_page_size();

	return ps / sizeof(void *) * ps;
}

/* Timed setup: r->map = a fresh MAP_PRIVATE|MAP_ANONYMOUS mapping of
 * file_size bytes with protection prot (MAP_POPULATE added by the helper
 * under map-populate). Under hugepage, PMD size - page size more is mapped
 * and the slack on either side of the first PMD boundary unmapped (in
 * mmap_ns and munmap_ns too). An empty size maps nothing. 0 or -errno with
 * r->err set; nothing left mapped on failure. */
static inline int mb_anon_setup(struct mb_run *r, int prot)
{
	size_t len = (size_t)r->file_size, ps = (size_t)mb_page_size();
	size_t used = (len + ps - 1) / ps * ps, unit, span, head, tail;
	unsigned char *p, *start;
	int e;

	r->map = NULL;
	r->map_len = len;
	if (!len)
		return 0;
	unit = r->advice == MB_ADV_HUGEPAGE ? mb_anon_pmd_size() : ps;
	span = used + unit - ps;
	p = mb_mmap_timed_prot(r, span, prot, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (p == MAP_FAILED) {
		e = errno;
		return mb_run_failf(r, e, "mmap(anonymous, %zu bytes): %s", span, strerror(e));
	}
	start = (unsigned char *)(((uintptr_t)p + unit - 1) & ~(uintptr_t)(unit - 1));
	head = (size_t)(start - p);
	tail = span - head - used;
	if ((head && (e = mb_munmap_timed(r, p, head))) ||
	    (tail && (e = mb_munmap_timed(r, start + used, tail)))) {
		munmap(p, span); /* whatever is left of it */
		return mb_run_failf(r, -e, "munmap(anonymous, PMD alignment slack): %s", strerror(-e));
	}
	r->map = start;
	return 0;
}

/* Untimed, from the verify hooks: advice hugepage where transparent huge
 * pages are off (enabled: never) would be a none row under another name, so
 * it is unsupported. A kernel without THP rejects MADV_HUGEPAGE at the
 * core's probe already. 0 or -EOPNOTSUPP with r->err set. */
static inline int mb_anon_thp_check(struct mb_run *r)
{
	char mode[32];

	if (r->advice != MB_ADV_HUGEPAGE || mb_env_thp(mode, sizeof(mode)) || strcmp(mode, "never"))
		return 0;
	return mb_run_failf(r, EOPNOTSUPP, "advice hugepage: transparent huge pages are off here "
			    "(/sys/kernel/mm/transparent_hugepage/enabled: never)");
}

/* The byte anon-write stores at file offset off (a page start): never 0,
 * so a store that did not happen reads back as the kernel's zero fill, and
 * made from the offset alone, so the timed loop loads nothing. */
static inline unsigned char mb_anon_byte(uint64_t off)
{
	return (unsigned char)((off >> 12) % 255 + 1);
}

/* The checksum of the first byte of every page of a size-byte region, each
 * byte being byte(offset) (NULL: 0), as consume=touch sums it. */
static inline uint64_t mb_anon_touch_sum(uint64_t size, unsigned char (*byte)(uint64_t))
{
	uint64_t ps = (uint64_t)mb_page_size(), sum = 0;

	for (uint64_t o = 0; o < size; o += ps)
		sum += mb_csum_byte(o, byte ? byte(o) : 0);
	return sum;
}

#endif
