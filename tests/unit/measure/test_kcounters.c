/* test_kcounters.c: src/measure/kcounters.c: the /proc/interrupts, /proc/vmstat and
 * /proc/meminfo parsers on sample texts; snapshots whose counters only grow;
 * FilePmdMapped of a mapping found by its start address; and the large-folio
 * share of a file's cached pages after a 4 KiB random fill (small folios) and
 * a 1 MiB sequential fill (readahead makes large folios), on a real
 * filesystem, with -EPERM for a caller that cannot see PFNs. */
#include "unit.h"

#include "kcounters.h"
#include "residency.h"

#include <errno.h>
#include <linux/magic.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/vfs.h>

#ifndef MB_UNIT_BINARY_DIR
#error "MB_UNIT_BINARY_DIR (the build directory of the tests) must be defined"
#endif

#define FILE_SIZE (8u << 20)

static char tmpdir[PATH_MAX];
static char bigfile[PATH_MAX + 64];

/* ---- parsers ------------------------------------------------------------- */

static const char interrupts_2cpu[] =
	"           CPU0       CPU1       \n"
	"  0:         48          0   IO-APIC   2-edge      timer\n"
	"  1:          0          9   IO-APIC   1-edge      i8042\n"
	" 29:       1234         56  PCI-MSIX-0000:00:03.0   0-edge      virtio0-input.0\n"
	"NMI:          0          0   Non-maskable interrupts\n"
	"LOC:    8123456    7123456   Local timer interrupts\n"
	"RES:      51234      49876   Rescheduling interrupts\n"
	"CAL:       1111       2222   Function call interrupts\n"
	"TLB:       9234       7796   TLB shootdowns\n"
	"TRM:          0          0   Thermal event interrupts\n"
	"ERR:          0\n"
	"MIS:          0\n";

static const char interrupts_4cpu[] =
	"           CPU0       CPU1       CPU2       CPU3       \n"
	"  8:          0          0          0          1   IR-IO-APIC    8-edge      rtc0\n"
	"120:          0          0          0          0  DMAR-MSI    0-edge      dmar0\n"
	"NMI:         12         13         14         15   Non-maskable interrupts\n"
	"LOC:   10000000   20000000   30000000   40000000   Local timer interrupts\n"
	"TLB:          1         20        300  400000000   TLB shootdowns\n"
	"ERR:          0\n";

/* arm64 has no TLB line (IPIs are numbered) */
static const char interrupts_arm64[] =
	"           CPU0       CPU1       \n"
	" 11:      25434      24931     GICv3  27 Level     arch_timer\n"
	"IPI0:      1234       2345       Rescheduling interrupts\n"
	"IPI1:       345        456       Function call interrupts\n"
	"IPI2:         0          0       CPU stop interrupts\n"
	"Err:          0\n";

static void parse_interrupts_tlb(void **state)
{
	uint64_t sum = 7;

	(void)state;
	assert_int_equal(mb_parse_interrupts_tlb(interrupts_2cpu, &sum), 0);
	assert_int_equal(sum, 9234 + 7796);
	assert_int_equal(mb_parse_interrupts_tlb(interrupts_4cpu, &sum), 0);
	assert_int_equal(sum, 1 + 20 + 300 + 400000000ull);
	sum = 7;
	assert_int_equal(mb_parse_interrupts_tlb(interrupts_arm64, &sum), -EINVAL);
	assert_int_equal(sum, 7);
	/* one CPU, last line without a newline */
	assert_int_equal(mb_parse_interrupts_tlb("  CPU0\nTLB:    5   TLB shootdowns", &sum), 0);
	assert_int_equal(sum, 5);
	/* no description at all */
	assert_int_equal(mb_parse_interrupts_tlb("TLB: 3 5\n", &sum), 0);
	assert_int_equal(sum, 8);
	assert_int_equal(mb_parse_interrupts_tlb("TLB: 18446744073709551615 0 TLB shootdowns\n", &sum),
			 0);
	assert_int_equal(sum, UINT64_MAX);
}

/* "TLB:" counts only as the first field of a line. */
static void parse_interrupts_lookalikes(void **state)
{
	static const char dev_named_tlb[] =
		"      CPU0 CPU1\n"
		" 30:    77   88   PCI-MSI   TLB: fake\n"
		"XTLB:    1    1   not it\n"
		"TLB:     2    3   TLB shootdowns\n";
	uint64_t sum = 0;

	(void)state;
	assert_int_equal(mb_parse_interrupts_tlb(dev_named_tlb, &sum), 0);
	assert_int_equal(sum, 5);
	assert_int_equal(mb_parse_interrupts_tlb("  30: 5 6 TLB: x\n", &sum), -EINVAL);
}

static void parse_interrupts_errors(void **state)
{
	uint64_t sum = 0;

	(void)state;
	assert_int_equal(mb_parse_interrupts_tlb("", &sum), -EINVAL);
	assert_int_equal(mb_parse_interrupts_tlb("TLB:\n", &sum), -EINVAL);
	assert_int_equal(mb_parse_interrupts_tlb("TLB:  TLB shootdowns\n", &sum), -EINVAL);
	assert_int_equal(mb_parse_interrupts_tlb("TLB: -1 2\n", &sum), -EINVAL);
	/* the sum overflows */
	assert_int_equal(mb_parse_interrupts_tlb("TLB: 18446744073709551615 1 x\n", &sum), -EINVAL);
	/* a column overflows */
	assert_int_equal(mb_parse_interrupts_tlb("TLB: 18446744073709551616 x\n", &sum), -EINVAL);
}

static const char vmstat_sample[] =
	"nr_free_pages 1916532\n"
	"pgpgin 89622775\n"
	"pgpgout 123456\n"
	"pswpin 0\n"
	"pgfault_lookalike 1\n"
	"pgfault 33152777\n"
	"pgmajfault 6841\n"
	"thp_fault_fallback 3\n"
	"thp_fault_fallback_charge 0\n"
	"thp_fault_alloc 23696\n"
	"thp_file_alloc 12\n";

static void parse_vmstat_sample(void **state)
{
	struct mb_kcounters k;

	(void)state;
	memset(&k, 0xff, sizeof(k));
	assert_int_equal(mb_parse_vmstat(vmstat_sample, &k), 0);
	assert_int_equal(k.pgfault, 33152777);
	assert_int_equal(k.pgmajfault, 6841);
	assert_int_equal(k.pgpgin, 89622775);
	assert_int_equal(k.thp_fault_alloc, 23696);
}

/* A kernel without THP has no thp_* lines: 0, still a success. */
static void parse_vmstat_without_thp(void **state)
{
	struct mb_kcounters k;

	(void)state;
	memset(&k, 0xff, sizeof(k));
	assert_int_equal(mb_parse_vmstat("pgpgin 1\npgfault 2\npgmajfault 3\n", &k), 0);
	assert_int_equal(k.pgpgin, 1);
	assert_int_equal(k.pgfault, 2);
	assert_int_equal(k.pgmajfault, 3);
	assert_int_equal(k.thp_fault_alloc, 0);
}

static void parse_vmstat_errors(void **state)
{
	struct mb_kcounters k;

	(void)state;
	assert_int_equal(mb_parse_vmstat("", &k), -EINVAL);
	assert_int_equal(mb_parse_vmstat("pgfault 2\npgmajfault 3\n", &k), -EINVAL);
	assert_int_equal(mb_parse_vmstat("pgpgin 1\npgmajfault 3\n", &k), -EINVAL);
	assert_int_equal(mb_parse_vmstat("pgpgin 1\npgfault 2\n", &k), -EINVAL);
	/* only look-alike keys */
	assert_int_equal(mb_parse_vmstat("pgpgin 1\npgfault_x 2\npgmajfault 3\n", &k), -EINVAL);
	/* bad values */
	assert_int_equal(mb_parse_vmstat("pgpgin 1\npgfault x\npgmajfault 3\n", &k), -EINVAL);
	assert_int_equal(mb_parse_vmstat("pgpgin 1\npgfault 2 3\npgmajfault 3\n", &k), -EINVAL);
	assert_int_equal(mb_parse_vmstat("pgpgin 1\npgfault 2\npgmajfault 3\nthp_fault_alloc -1\n",
					 &k), -EINVAL);
}

static const char meminfo_sample[] =
	"MemTotal:       65747604 kB\n"
	"MemFree:         7666128 kB\n"
	"AnonHugePages:         0 kB\n"
	"ShmemHugePages:        0 kB\n"
	"ShmemPmdMapped:        0 kB\n"
	"FileHugePages:    905216 kB\n"
	"FilePmdMapped:      4096 kB\n"
	"HugePages_Total:       0\n"
	"Hugepagesize:       2048 kB\n";

static void parse_meminfo(void **state)
{
	uint64_t kb = 1;

	(void)state;
	assert_int_equal(mb_parse_meminfo_kb(meminfo_sample, "FileHugePages", &kb), 0);
	assert_int_equal(kb, 905216);
	assert_int_equal(mb_parse_meminfo_kb(meminfo_sample, "FilePmdMapped:", &kb), 0);
	assert_int_equal(kb, 4096);
	assert_int_equal(mb_parse_meminfo_kb(meminfo_sample, "MemTotal", &kb), 0);
	assert_int_equal(kb, 65747604);
	assert_int_equal(mb_parse_meminfo_kb(meminfo_sample, "AnonHugePages", &kb), 0);
	assert_int_equal(kb, 0);
	/* an smaps line parses the same way */
	assert_int_equal(mb_parse_meminfo_kb("FilePmdMapped:      2048 kB\n", "FilePmdMapped", &kb), 0);
	assert_int_equal(kb, 2048);
}

static void parse_meminfo_errors(void **state)
{
	uint64_t kb = 1;

	(void)state;
	/* keys are whole: no prefix or suffix matches */
	assert_int_equal(mb_parse_meminfo_kb(meminfo_sample, "PmdMapped", &kb), -EINVAL);
	assert_int_equal(mb_parse_meminfo_kb(meminfo_sample, "FileHuge", &kb), -EINVAL);
	assert_int_equal(mb_parse_meminfo_kb(meminfo_sample, "NoSuchKey", &kb), -EINVAL);
	assert_int_equal(mb_parse_meminfo_kb(meminfo_sample, "", &kb), -EINVAL);
	/* a count, not kB */
	assert_int_equal(mb_parse_meminfo_kb(meminfo_sample, "HugePages_Total", &kb), -EINVAL);
	assert_int_equal(mb_parse_meminfo_kb("FileHugePages: x kB\n", "FileHugePages", &kb), -EINVAL);
	assert_int_equal(mb_parse_meminfo_kb("FileHugePages: 4 MB\n", "FileHugePages", &kb), -EINVAL);
	assert_int_equal(kb, 1);
}

/* ---- snapshots ----------------------------------------------------------- */

static void snapshot_deltas_nonnegative(void **state)
{
	const size_t len = 16u << 20;
	size_t ps = (size_t)sysconf(_SC_PAGESIZE);
	char *interrupts = ut_read_file("/proc/interrupts", NULL);
	int has_tlb = strstr(interrupts, "TLB:") != NULL;
	struct mb_kcounters a, b;
	unsigned char *p;

	(void)state;
	free(interrupts);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(p != MAP_FAILED);
	(void)madvise(p, len, MADV_NOHUGEPAGE); /* one fault per page */
	mb_kcounters_snap(&a);
	for (size_t i = 0; i < len; i += ps)
		p[i] = 1;
	assert_int_equal(munmap(p, len), 0);
	mb_kcounters_snap(&b);
	print_message("ok_tlb %d ok_vmstat %d: tlb_shootdowns +%llu pgfault +%llu pgmajfault +%llu "
		      "pgpgin +%llu thp_fault_alloc +%llu\n",
		      b.ok_tlb, b.ok_vmstat,
		      (unsigned long long)(b.tlb_shootdowns - a.tlb_shootdowns),
		      (unsigned long long)(b.pgfault - a.pgfault),
		      (unsigned long long)(b.pgmajfault - a.pgmajfault),
		      (unsigned long long)(b.pgpgin - a.pgpgin),
		      (unsigned long long)(b.thp_fault_alloc - a.thp_fault_alloc));
	assert_int_equal(a.ok_tlb, has_tlb);
	assert_int_equal(b.ok_tlb, has_tlb);
	if (!has_tlb)
		assert_int_equal(b.tlb_shootdowns, 0);
	assert_true(b.tlb_shootdowns >= a.tlb_shootdowns);
	assert_true(a.ok_vmstat && b.ok_vmstat);
	assert_true(b.pgfault >= a.pgfault + len / ps / 2);
	assert_true(b.pgmajfault >= a.pgmajfault);
	assert_true(b.pgpgin >= a.pgpgin);
	assert_true(b.thp_fault_alloc >= a.thp_fault_alloc);
}

static void meminfo_file_huge_bytes(void **state)
{
	char *meminfo = ut_read_file("/proc/meminfo", NULL);
	int has = strstr(meminfo, "\nFileHugePages:") != NULL;
	int64_t bytes = mb_meminfo_file_huge_bytes();

	(void)state;
	free(meminfo);
	print_message("FileHugePages: %lld bytes\n", (long long)bytes);
	if (!has) {
		assert_int_equal(bytes, -1);
		return;
	}
	assert_true(bytes >= 0);
	assert_int_equal(bytes % 1024, 0);
}

/* A read-write anonymous mapping between two PROT_NONE ones is a VMA of its
 * own (nothing merges with it): its smaps entry starts exactly at it. */
static void smaps_anonymous_mapping(void **state)
{
	size_t ps = (size_t)sysconf(_SC_PAGESIZE), len = 4 * ps;
	unsigned char *guard, *p;
	int64_t v;

	(void)state;
	guard = mmap(NULL, len + 2 * ps, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(guard != MAP_FAILED);
	p = mmap(guard + ps, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0);
	assert_true(p == guard + ps);
	memset(p, 1, len);
	v = mb_smaps_file_pmd_mapped(p);
	print_message("anonymous mapping: FilePmdMapped %lld\n", (long long)v);
	assert_true(v >= 0);
	assert_int_equal(v, 0); /* no file in it */
	/* inside the mapping but not its start; past its end; page 0 */
	assert_int_equal(mb_smaps_file_pmd_mapped(p + ps), -1);
	assert_int_equal(mb_smaps_file_pmd_mapped(p + 1), -1);
	assert_int_equal(mb_smaps_file_pmd_mapped(NULL), -1);
	assert_int_equal(munmap(guard, len + 2 * ps), 0);
	/* unmapped now */
	assert_int_equal(mb_smaps_file_pmd_mapped(p), -1);
}

/* ---- large folios -------------------------------------------------------- */

static int setup_file(void **state)
{
	(void)state;
	return ut_synced_file(tmpdir, sizeof(tmpdir), bigfile, sizeof(bigfile), "folios.dat", FILE_SIZE, 13);
}

static int remove_file(void **state)
{
	(void)state;
	ut_rmtree(tmpdir);
	return 0;
}

static void skip_if_tmpfs(void)
{
	ut_skip_if_tmpfs(tmpdir);
}

enum fill { FILL_RANDOM_4K, FILL_SEQ_1M };

/* Evicts bigfile (fdatasync + DONTNEED), checks that nothing of it is cached,
 * then caches it all again the way fill says, through a fresh descriptor. */
static void evict_and_fill(enum fill how)
{
	const size_t chunk = how == FILL_SEQ_1M ? 1u << 20 : 4096;
	char err[256] = "";
	double pct = -1;
	void *buf = malloc(chunk);
	size_t off = 0;
	int fd;

	assert_non_null(buf);
	if (mb_cache_evict(bigfile, 1, 0, err, sizeof(err)))
		fail_msg("evict: %s", err);
	assert_int_equal(mb_resident_pct_path(bigfile, &pct), 0);
	if (!(pct <= 1.0))
		fail_msg("after evict: %.2f%% resident", pct);
	fd = open(bigfile, O_RDONLY);
	assert_true(fd >= 0);
	if (how == FILL_RANDOM_4K) {
		/* no readahead: each pread brings its own 4 KiB page */
		assert_int_equal(posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM), 0);
		for (; off < FILE_SIZE; off += chunk)
			assert_int_equal(pread(fd, buf, chunk, (off_t)off), (ssize_t)chunk);
	} else {
		ssize_t n;

		while ((n = read(fd, buf, chunk)) > 0)
			off += (size_t)n;
		assert_int_equal(n, 0);
		assert_int_equal(off, FILE_SIZE);
	}
	assert_int_equal(close(fd), 0);
	free(buf);
	assert_int_equal(mb_resident_pct_path(bigfile, &pct), 0);
	if (pct != 100.0)
		fail_msg("after the fill: %.2f%% resident", pct);
}

/* mb_large_folio_pct of bigfile, and its PMD share into *pmd when not NULL;
 * skips when PFNs are hidden (not root). */
static double folio_pcts(const char *what, double *pmd)
{
	double pct = -1, p2 = -1;
	int fd = open(bigfile, O_RDONLY), rc;

	assert_true(fd >= 0);
	rc = mb_large_folio_pct(fd, FILE_SIZE, &pct, &p2);
	if (pmd)
		*pmd = p2;
	assert_int_equal(close(fd), 0);
	if (rc == -EPERM) {
		assert_true(isnan(pct));
		print_message("%s: -EPERM (PFNs hidden: not root): not measured\n", what);
		skip();
	}
	assert_int_equal(rc, 0);
	print_message("%s: %.2f%% of the cached pages in large folios, %.2f%% in 2 MiB ones\n",
		      what, pct, p2);
	assert_true(pct >= 0.0 && pct <= 100.0);
	assert_true(p2 >= 0.0 && p2 <= pct);
	return pct;
}

static double large_folio_pct(const char *what)
{
	return folio_pcts(what, NULL);
}

/* With POSIX_FADV_RANDOM a 4 KiB pread reads one page into an order-0 folio
 * (observed on 6.18 ext4: 0.00%). */
static void large_folios_after_random_4k_fill(void **state)
{
	double pct, pmd = -1;

	(void)state;
	skip_if_tmpfs();
	evict_and_fill(FILL_RANDOM_4K);
	pct = folio_pcts("8 MiB, 4 KiB random preads", &pmd);
	if (pct > 5.0)
		fail_msg("4 KiB random fill: %.2f%% in large folios, expected about 0", pct);
	if (pmd != 0.0)
		fail_msg("4 KiB random fill: %.2f%% in 2 MiB folios, expected 0", pmd);
}

/* A fault through a MADV_HUGEPAGE mapping of an uncached file reads it in
 * PMD-sized folios (the kernel's huge-page readahead): the pmd share is
 * (nearly) all of it. Skipped where THP is off or madvise refuses it. */
static void pmd_folios_after_hugepage_fault_fill(void **state)
{
	char err[256] = "";
	double pmd = -1;
	unsigned char *p;
	int fd;

	(void)state;
	skip_if_tmpfs();
	assert_int_equal(mb_cache_evict(bigfile, 1, 0, err, sizeof(err)), 0);
	fd = open(bigfile, O_RDONLY);
	assert_true(fd >= 0);
	p = mmap(NULL, FILE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	assert_true(p != MAP_FAILED);
	if (madvise(p, FILE_SIZE, MADV_HUGEPAGE)) {
		print_message("madvise(MADV_HUGEPAGE) on a file mapping: %s\n", strerror(errno));
		munmap(p, FILE_SIZE);
		close(fd);
		skip();
	}
	for (size_t i = 0; i < FILE_SIZE; i += 4096)
		(void)*(volatile unsigned char *)(p + i);
	assert_int_equal(munmap(p, FILE_SIZE), 0);
	assert_int_equal(close(fd), 0);
	(void)folio_pcts("8 MiB, faulted in through MADV_HUGEPAGE", &pmd);
	if (pmd == 0.0) {
		print_message("no 2 MiB folio: THP is off for files here\n");
		skip();
	}
	if (pmd < 75.0)
		fail_msg("MADV_HUGEPAGE fault fill: only %.2f%% in 2 MiB folios", pmd);
}

/* Sequential reads grow the readahead window and, on a filesystem with large
 * folio support, the folio order with it (observed on 6.18 ext4: the first
 * 2 MiB in 4 KiB folios, then 16 KiB up to 2 MiB ones: 75.00%). A filesystem
 * without large folios gives 0: reported, not failed. */
static void large_folios_after_sequential_1m_fill(void **state)
{
	double pct;

	(void)state;
	skip_if_tmpfs();
	evict_and_fill(FILL_SEQ_1M);
	pct = large_folio_pct("8 MiB, 1 MiB sequential reads");
	if (pct == 0.0) {
		print_message("no large folios at all: this filesystem or kernel caches in 4 KiB "
			      "folios only\n");
		skip();
	}
	if (pct < 50.0)
		fail_msg("1 MiB sequential fill: only %.2f%% in large folios", pct);
}

/* Nothing cached: NAN, and nothing read in (the scan itself does no I/O). A
 * file of size 0: NAN. Not a file: an error. */
static void large_folio_edge_cases(void **state)
{
	char err[256] = "", path[PATH_MAX + 64];
	double pct = -1, res = -1;
	int fd, rc;

	(void)state;
	skip_if_tmpfs();
	assert_int_equal(mb_cache_evict(bigfile, 1, 0, err, sizeof(err)), 0);
	fd = open(bigfile, O_RDONLY);
	assert_true(fd >= 0);
	rc = mb_large_folio_pct(fd, FILE_SIZE, &pct, NULL);
	if (rc == -EPERM) {
		close(fd);
		skip();
	}
	assert_int_equal(rc, 0);
	assert_int_equal(mb_resident_pct(fd, FILE_SIZE, &res), 0);
	print_message("evicted: %.2f%% resident, large-folio pct %.2f\n", res, pct);
	assert_true(res <= 1.0);
	if (res == 0.0)
		assert_true(isnan(pct));
	/* a size that is not a page multiple, part of the file */
	assert_int_equal(mb_large_folio_pct(fd, 3 * 4096 + 1, &pct, NULL), 0);
	assert_int_equal(close(fd), 0);

	snprintf(path, sizeof(path), "%s/empty.dat", tmpdir);
	ut_write_file(path, "", 0);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	pct = 0;
	assert_int_equal(mb_large_folio_pct(fd, 0, &pct, NULL), 0);
	assert_true(isnan(pct));
	assert_int_equal(close(fd), 0);
	unlink(path);

	pct = 0;
	assert_true(mb_large_folio_pct(-1, FILE_SIZE, &pct, NULL) < 0);
	assert_true(isnan(pct));
}

static int pct_as_nobody(void *arg)
{
	int fd = *(int *)arg;
	double pct = 0;

	if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
		return 1;
	return mb_large_folio_pct(fd, FILE_SIZE, &pct, NULL) == -EPERM && isnan(pct) ? 0 : 1;
}

/* An unprivileged caller gets -EPERM: run as nobody when root. */
static void large_folio_eperm_unprivileged(void **state)
{
	double pct = 0;
	int fd = open(bigfile, O_RDONLY);

	(void)state;
	assert_true(fd >= 0);
	if (geteuid() == 0)
		ut_in_child(pct_as_nobody, &fd, "mb_large_folio_pct as nobody");
	else if (access("/proc/kpageflags", R_OK))
		assert_int_equal(mb_large_folio_pct(fd, FILE_SIZE, &pct, NULL), -EPERM);
	assert_int_equal(close(fd), 0);
}

/* FilePmdMapped of a file mapping is found by its start (>= 0). */
static void smaps_file_mapping(void **state)
{
	int fd = open(bigfile, O_RDONLY);
	unsigned char *p;
	int64_t v;

	(void)state;
	assert_true(fd >= 0);
	p = mmap(NULL, FILE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	assert_true(p != MAP_FAILED);
	for (size_t i = 0; i < FILE_SIZE; i += 4096)
		(void)*(volatile unsigned char *)(p + i);
	v = mb_smaps_file_pmd_mapped(p);
	print_message("8 MiB file mapping: FilePmdMapped %lld bytes\n", (long long)v);
	assert_true(v >= 0 && v <= (int64_t)FILE_SIZE);
	assert_int_equal(munmap(p, FILE_SIZE), 0);
	assert_int_equal(close(fd), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_interrupts_tlb),
		cmocka_unit_test(parse_interrupts_lookalikes),
		cmocka_unit_test(parse_interrupts_errors),
		cmocka_unit_test(parse_vmstat_sample),
		cmocka_unit_test(parse_vmstat_without_thp),
		cmocka_unit_test(parse_vmstat_errors),
		cmocka_unit_test(parse_meminfo),
		cmocka_unit_test(parse_meminfo_errors),
		cmocka_unit_test(snapshot_deltas_nonnegative),
		cmocka_unit_test(meminfo_file_huge_bytes),
		cmocka_unit_test(smaps_anonymous_mapping),
		cmocka_unit_test(large_folios_after_random_4k_fill),
		cmocka_unit_test(pmd_folios_after_hugepage_fault_fill),
		cmocka_unit_test(large_folios_after_sequential_1m_fill),
		cmocka_unit_test(large_folio_edge_cases),
		cmocka_unit_test(large_folio_eperm_unprivileged),
		cmocka_unit_test(smaps_file_mapping),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, setup_file, remove_file);
}
