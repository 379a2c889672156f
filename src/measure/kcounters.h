/* kcounters.h: system and mapping counters read outside the timed region:
 * TLB shootdowns (/proc/interrupts), /proc/vmstat fault and paging counters,
 * FileHugePages (/proc/meminfo), the PMD-mapped bytes of one mapping
 * (/proc/self/smaps FilePmdMapped), and the share of a file's cached pages
 * that sit in large folios (/proc/self/pagemap + /proc/kpageflags, root only). */
#ifndef MB_KCOUNTERS_H
#define MB_KCOUNTERS_H

#include <stddef.h>
#include <stdint.h>

struct mb_kcounters {
	int ok_tlb, ok_vmstat;      /* 0 when the source could not be read */
	uint64_t tlb_shootdowns;    /* sum over CPUs of the TLB line of /proc/interrupts */
	uint64_t pgfault, pgmajfault, pgpgin, thp_fault_alloc; /* /proc/vmstat */
	uint64_t nr_dirty, nr_writeback; /* /proc/vmstat gauges, pages (0 if absent) */
};

/* Snapshot; never fails (sets the ok_* flags instead). */
void mb_kcounters_snap(struct mb_kcounters *k);

/* FileHugePages of /proc/meminfo in bytes; -1 when unavailable. */
int64_t mb_meminfo_file_huge_bytes(void);

/* FilePmdMapped of the /proc/self/smaps entry of the mapping that starts at
 * addr, in bytes; -1 when not found or unreadable. */
int64_t mb_smaps_file_pmd_mapped(const void *addr);

/* Of the pages of the open file fd (size bytes) that are in the page cache,
 * the percentage that belong to large folios (compound pages), found by
 * mapping the file, faulting each resident page in (MAP_POPULATE is not used:
 * only pages mincore reports resident are touched, so nothing is read from
 * disk), and looking up each page's PFN in /proc/self/pagemap and its flags
 * in /proc/kpageflags. Returns 0 and *pct, or -EPERM when PFNs are hidden
 * (not root), or another -errno. *pct is NAN when no page is resident.
 * *pmd_pct (when pmd_pct is not NULL): the percentage in folios of 2 MiB or
 * more (a head page and its tails), the folios a mapping maps with PMDs. */
int mb_large_folio_pct(int fd, uint64_t size, double *pct, double *pmd_pct);

/* Parsers, exposed for tests: each returns 0 or -EINVAL. */
int mb_parse_interrupts_tlb(const char *text, uint64_t *sum);
int mb_parse_vmstat(const char *text, struct mb_kcounters *k);
int mb_parse_meminfo_kb(const char *text, const char *key, uint64_t *kb);

#endif
