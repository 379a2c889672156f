/* kcounters.c: kernel counters read around (never inside) the timed region:
 * TLB shootdowns from /proc/interrupts, fault and paging counters from
 * /proc/vmstat, FileHugePages from /proc/meminfo, FilePmdMapped of one mapping
 * from /proc/self/smaps, and the share of a file's cached pages that are in
 * large folios, from /proc/self/pagemap and /proc/kpageflags (see kcounters.h). */
#include "kcounters.h"
#include "busguard.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* /proc text longer than this is refused rather than read without bound. */
#define PROC_TEXT_MAX (64u << 20)
/* Pages looked at per round of mb_large_folio_pct: bounds its memory. */
#define FOLIO_BATCH 4096u

/* /proc/self/pagemap entries (Documentation/admin-guide/mm/pagemap.rst) */
#define PM_PRESENT (1ull << 63)
#define PM_PFN_MASK ((1ull << 55) - 1)
/* /proc/kpageflags bits (include/uapi/linux/kernel-page-flags.h) */
#define KPF_COMPOUND_HEAD_BIT 15
#define KPF_COMPOUND_TAIL_BIT 16
#define KPF_LARGE ((1ull << KPF_COMPOUND_HEAD_BIT) | (1ull << KPF_COMPOUND_TAIL_BIT))

/* ---- text helpers -------------------------------------------------------- */

/* The whole of a /proc file, NUL-terminated and malloc'ed, into *text;
 * 0 or -errno (-EFBIG past PROC_TEXT_MAX). */
static int read_text(const char *path, char **text)
{
	size_t cap = 16384, len = 0;
	char *buf, *bigger;
	ssize_t n;
	int fd, rc = 0;

	*text = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = malloc(cap);
	if (!buf) {
		rc = -ENOMEM;
		goto out_close;
	}
	for (;;) {
		if (cap - len < 4096) {
			if (cap >= PROC_TEXT_MAX) {
				rc = -EFBIG;
				goto out_free;
			}
			bigger = realloc(buf, cap * 2);
			if (!bigger) {
				rc = -ENOMEM;
				goto out_free;
			}
			buf = bigger;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			goto out_free;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	*text = buf;
	buf = NULL;
out_free:
	free(buf);
out_close:
	close(fd);
	return rc;
}

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* 1 if p is at the end of a token. */
static int token_end(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\0';
}

/* 1 if only blanks are left on the line at p. */
static int at_eol(const char *p)
{
	p = skip_blanks(p);
	return *p == '\n' || *p == '\0';
}

static const char *next_line(const char *p)
{
	const char *nl = strchr(p, '\n');

	return nl ? nl + 1 : NULL;
}

/* Decimal digits at *p into *v, *p moved past them: 0, or -EINVAL when there
 * is no digit (no sign, no leading blanks) or the value overflows. */
static int parse_u64(const char **p, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (x > (UINT64_MAX - d) / 10)
			return -EINVAL;
		x = x * 10 + d;
	}
	*p = s;
	*v = x;
	return 0;
}

/* ---- parsers ------------------------------------------------------------- */

int mb_parse_interrupts_tlb(const char *text, uint64_t *sum)
{
	for (const char *line = text; line && *line; line = next_line(line)) {
		const char *p = skip_blanks(line), *q;
		uint64_t total = 0, v;
		int cols = 0;

		if (strncmp(p, "TLB:", 4) || !token_end(p[4]))
			continue;
		/* one column per CPU, then the description ("TLB shootdowns") */
		for (p += 4;; p = q) {
			q = skip_blanks(p);
			if (parse_u64(&q, &v) || !token_end(*q))
				break;
			if (total > UINT64_MAX - v)
				return -EINVAL;
			total += v;
			cols++;
		}
		if (!cols)
			return -EINVAL;
		*sum = total;
		return 0;
	}
	return -EINVAL;
}

int mb_parse_vmstat(const char *text, struct mb_kcounters *k)
{
	static const char *const keys[] = { "pgfault", "pgmajfault", "pgpgin", "thp_fault_alloc",
					    "nr_dirty", "nr_writeback" };
	enum { PGFAULT, PGMAJFAULT, PGPGIN, THP_FAULT_ALLOC, NR_DIRTY, NR_WRITEBACK, NKEYS };
	uint64_t val[NKEYS] = { 0 };
	int found[NKEYS] = { 0 };

	for (const char *line = text; line && *line; line = next_line(line)) {
		for (int i = 0; i < NKEYS; i++) {
			size_t len = strlen(keys[i]);
			const char *p;

			if (strncmp(line, keys[i], len) || (line[len] != ' ' && line[len] != '\t'))
				continue;
			p = skip_blanks(line + len);
			if (parse_u64(&p, &val[i]) || !at_eol(p))
				return -EINVAL;
			found[i] = 1;
			break;
		}
	}
	/* thp_fault_alloc is missing without CONFIG_TRANSPARENT_HUGEPAGE: 0 then */
	if (!found[PGFAULT] || !found[PGMAJFAULT] || !found[PGPGIN])
		return -EINVAL;
	k->pgfault = val[PGFAULT];
	k->pgmajfault = val[PGMAJFAULT];
	k->pgpgin = val[PGPGIN];
	k->thp_fault_alloc = val[THP_FAULT_ALLOC];
	k->nr_dirty = val[NR_DIRTY];
	k->nr_writeback = val[NR_WRITEBACK];
	return 0;
}

/* key may be given with or without its colon; the value must be in kB. */
int mb_parse_meminfo_kb(const char *text, const char *key, uint64_t *kb)
{
	size_t klen = strlen(key);
	uint64_t v;

	if (klen && key[klen - 1] == ':')
		klen--;
	if (!klen)
		return -EINVAL;
	for (const char *line = text; line && *line; line = next_line(line)) {
		const char *p;

		if (strncmp(line, key, klen) || line[klen] != ':')
			continue;
		p = skip_blanks(line + klen + 1);
		if (parse_u64(&p, &v))
			return -EINVAL;
		p = skip_blanks(p);
		if (strncmp(p, "kB", 2) || !at_eol(p + 2))
			return -EINVAL;
		*kb = v;
		return 0;
	}
	return -EINVAL;
}

/* ---- snapshots ----------------------------------------------------------- */

void mb_kcounters_snap(struct mb_kcounters *k)
{
	char *text;

	memset(k, 0, sizeof(*k));
	if (read_text("/proc/interrupts", &text) == 0) {
		k->ok_tlb = mb_parse_interrupts_tlb(text, &k->tlb_shootdowns) == 0;
		free(text);
	}
	if (read_text("/proc/vmstat", &text) == 0) {
		k->ok_vmstat = mb_parse_vmstat(text, k) == 0;
		free(text);
	}
}

static int64_t kb_to_bytes(uint64_t kb)
{
	return kb <= (uint64_t)INT64_MAX / 1024 ? (int64_t)(kb * 1024) : -1;
}

int64_t mb_meminfo_file_huge_bytes(void)
{
	int64_t bytes = -1;
	uint64_t kb;
	char *text;

	if (read_text("/proc/meminfo", &text))
		return -1;
	if (mb_parse_meminfo_kb(text, "FileHugePages", &kb) == 0)
		bytes = kb_to_bytes(kb);
	free(text);
	return bytes;
}

/* 0 and the start address if line is an smaps entry header
 * ("start-end perms offset dev inode path", lower-case hex), else -EINVAL. */
static int smaps_header(const char *line, uint64_t *start)
{
	unsigned long long a;
	char *end;

	if (!isxdigit((unsigned char)line[0]))
		return -EINVAL;
	errno = 0;
	a = strtoull(line, &end, 16);
	if (errno || *end != '-' || !isxdigit((unsigned char)end[1]))
		return -EINVAL;
	(void)strtoull(end + 1, &end, 16);
	if (errno || *end != ' ')
		return -EINVAL;
	*start = a;
	return 0;
}

int64_t mb_smaps_file_pmd_mapped(const void *addr)
{
	const uint64_t want = (uint64_t)(uintptr_t)addr;
	int64_t bytes = -1;
	int in_entry = 0;
	char *line = NULL;
	size_t cap = 0;
	uint64_t start, kb;
	FILE *f;

	f = fopen("/proc/self/smaps", "re");
	if (!f)
		return -1;
	while (getline(&line, &cap, f) > 0) {
		if (smaps_header(line, &start) == 0) {
			if (in_entry)
				break; /* our entry ended without FilePmdMapped */
			in_entry = start == want;
			continue;
		}
		if (in_entry && !strncmp(line, "FilePmdMapped:", 14)) {
			if (mb_parse_meminfo_kb(line, "FilePmdMapped", &kb) == 0)
				bytes = kb_to_bytes(kb);
			break;
		}
	}
	if (ferror(f))
		bytes = -1;
	free(line);
	if (fclose(f))
		bytes = -1;
	return bytes;
}

/* ---- large folios -------------------------------------------------------- */

/* len bytes at offset off of fd into buf, retrying on EINTR and short reads:
 * 0, -errno, -EIO at end of file, -EOVERFLOW if off does not fit off_t. */
static int pread_full(int fd, void *buf, size_t len, uint64_t off)
{
	char *p = buf;

	while (len) {
		ssize_t n;

		if ((off_t)off < 0 || (uint64_t)(off_t)off != off)
			return -EOVERFLOW;
		n = pread(fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

struct folio_scan {
	int pagemap_fd, kpageflags_fd;
	size_t page_size;
	unsigned char *vec;     /* mincore, FOLIO_BATCH entries */
	uint64_t *pagemap;      /* FOLIO_BATCH entries */
	uint64_t *flags;        /* FOLIO_BATCH entries */
	uint64_t resident, large;
	uint64_t pmd;           /* pages in folios of PMD size or more */
	uint64_t run;           /* pages of the compound folio being walked (0: none) */
};

/* Ends the folio being walked: its pages count as PMD-sized when they fill
 * a PMD (2 MiB of 4 KiB pages). */
static void end_run(struct folio_scan *s)
{
	if (s->run * s->page_size >= (2u << 20))
		s->pmd += s->run;
	s->run = 0;
}

/* Walks one resident page's flags: a head starts a folio, a tail adds to it. */
static void walk_page(struct folio_scan *s, uint64_t flags)
{
	if (flags & (1ull << KPF_COMPOUND_HEAD_BIT)) {
		end_run(s);
		s->run = 1;
	} else if (flags & (1ull << KPF_COMPOUND_TAIL_BIT)) {
		s->run++;
	} else {
		end_run(s);
	}
}

/* Counts the n pages mapped at base (n <= FOLIO_BATCH): faults in those
 * mincore calls resident, then looks up their PFNs and the PFNs' flags, one
 * kpageflags read per run of consecutive PFNs. 0 or -errno. */
static int scan_batch(struct folio_scan *s, const char *base, size_t n)
{
	const size_t ps = s->page_size;
	size_t i, j;
	int rc;

	if (mincore((void *)base, n * ps, s->vec))
		return -errno;
	for (i = 0; i < n; i++)
		if (s->vec[i] & 1)
			(void)*(const volatile char *)(base + i * ps);
	rc = pread_full(s->pagemap_fd, s->pagemap, n * sizeof(uint64_t),
			(uint64_t)((uintptr_t)base / ps) * sizeof(uint64_t));
	if (rc)
		return rc;
	/* A page evicted since mincore is simply not present: not counted. */
	for (i = 0; i < n; i = j) {
		uint64_t pfn = s->pagemap[i] & PM_PFN_MASK;

		j = i + 1;
		if (!(s->pagemap[i] & PM_PRESENT)) {
			end_run(s);
			continue;
		}
		if (!pfn)
			return -EPERM; /* PFNs hidden: no CAP_SYS_ADMIN */
		while (j < n && (s->pagemap[j] & PM_PRESENT) &&
		       (s->pagemap[j] & PM_PFN_MASK) == pfn + (j - i))
			j++;
		rc = pread_full(s->kpageflags_fd, s->flags, (j - i) * sizeof(uint64_t),
				pfn * sizeof(uint64_t));
		if (rc)
			return rc;
		for (size_t k = 0; k < j - i; k++) {
			s->resident++;
			s->large += (s->flags[k] & KPF_LARGE) != 0;
			walk_page(s, s->flags[k]);
		}
	}
	return 0;
}

struct folio_walk {
	struct folio_scan *s;
	const char *map;
	size_t pages;
};

/* Every batch of the mapping; run under the SIGBUS guard, since a page
 * past a new end of the file (truncated meanwhile) faults with SIGBUS. */
static int scan_all(void *arg)
{
	struct folio_walk *fw = arg;
	int rc = 0;

	for (size_t first = 0; first < fw->pages && !rc; first += FOLIO_BATCH) {
		size_t n = fw->pages - first < FOLIO_BATCH ? fw->pages - first : FOLIO_BATCH;

		rc = scan_batch(fw->s, fw->map + first * fw->s->page_size, n);
	}
	end_run(fw->s);
	return rc;
}

int mb_large_folio_pct(int fd, uint64_t size, double *pct, double *pmd_pct)
{
	double unused;
	struct folio_scan s = { .page_size = (size_t)mb_page_size() };
	struct folio_walk fw = {.s = &s};
	struct stat st;
	size_t len, pages;
	char *map;
	int rc = 0;

	if (!pmd_pct)
		pmd_pct = &unused;
	*pct = *pmd_pct = NAN;
	/* never look past the file's end as it is now */
	if (fstat(fd, &st))
		return -errno;
	if ((uint64_t)st.st_size < size)
		size = (uint64_t)st.st_size;
	if (!size)
		return 0;
	if (size > SIZE_MAX)
		return -EFBIG;
	len = (size_t)size;
	pages = len / s.page_size + (len % s.page_size != 0);

	/* first, so that an unprivileged caller touches nothing */
	s.kpageflags_fd = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
	if (s.kpageflags_fd < 0)
		return errno == EACCES || errno == EPERM ? -EPERM : -errno;
	s.pagemap_fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (s.pagemap_fd < 0) {
		rc = -errno;
		goto out_close_kpageflags;
	}
	s.vec = malloc(FOLIO_BATCH);
	s.pagemap = malloc(FOLIO_BATCH * sizeof(uint64_t));
	s.flags = malloc(FOLIO_BATCH * sizeof(uint64_t));
	if (!s.vec || !s.pagemap || !s.flags) {
		rc = -ENOMEM;
		goto out_free;
	}
	map = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		rc = -errno;
		goto out_free;
	}
	/* VM_RAND_READ: a fault on a cached page marked for readahead must not
	 * start asynchronous readahead (I/O, new folios) from this mapping. */
	if (madvise(map, len, MADV_RANDOM)) {
		rc = -errno;
		goto out_unmap;
	}
	fw.map = map;
	fw.pages = pages;
	rc = mb_busguard_call(scan_all, &fw, NULL);
	if (rc)
		goto out_unmap;
	if (s.resident) {
		*pct = 100.0 * (double)s.large / (double)s.resident;
		*pmd_pct = 100.0 * (double)s.pmd / (double)s.resident;
	}
out_unmap:
	if (munmap(map, len) && !rc)
		rc = -errno;
out_free:
	free(s.flags);
	free(s.pagemap);
	free(s.vec);
	if (close(s.pagemap_fd) && !rc)
		rc = -errno;
out_close_kpageflags:
	if (close(s.kpageflags_fd) && !rc)
		rc = -errno;
	return rc;
}
