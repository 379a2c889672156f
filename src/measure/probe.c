/* probe.c: the machine probe's engine: the table of figures, the files and
 * buffers every sampler shares (made before any clock runs), the repetition
 * of each sampler until its median's 95% CI is within +-5% or its time
 * budget is spent, and the flags that say a figure looks like a
 * virtualization cost or is out of the physical order. */
#include "probe.h"
#include "dataset.h"
#include "envinfo.h"
#include "histogram.h"
#include "residency.h"
#include "stats.h"
#include "ticks.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CI_FRAC 0.05
#define MIN_SAMPLES 7           /* a real 95% interval needs n >= 6 */
#define MAX_SAMPLES 400
#define BUDGET_NS 400000000ull  /* per figure: 34 figures in about 15 s */
#define QUICK_BUDGET_NS 40000000ull

static const struct {
	const char *name, *unit;
	mb_probe_sample_fn fn;
} figures[MB_P_COUNT] = {
	[MB_P_SYSCALL] = {"syscall_ns", "ns", mb_probe_syscall},
	[MB_P_TIMER] = {"timer_ns", "ns", mb_probe_timer},
	[MB_P_PREAD_CALL] = {"pread_call_ns", "ns", mb_probe_pread_call},
	[MB_P_PREAD_4K] = {"pread_4k_ns", "ns", mb_probe_pread_4k},
	[MB_P_COPY] = {"copy_ns_per_byte", "ns_per_byte", mb_probe_copy},
	[MB_P_COPY_PMD] = {"copy_pmd_ns_per_byte", "ns_per_byte", mb_probe_copy_pmd},
	[MB_P_COPY_SMALL] = {"copy_small_ns_per_byte", "ns_per_byte", mb_probe_copy_small},
	[MB_P_MEMREAD] = {"memread_ns_per_byte", "ns_per_byte", mb_probe_memread},
	[MB_P_MEMCPY] = {"memcpy_ns_per_byte", "ns_per_byte", mb_probe_memcpy},
	[MB_P_CSUM_HOT] = {"checksum_hot_ns_per_byte", "ns_per_byte", mb_probe_csum_hot},
	[MB_P_RAND_4K] = {"rand_block_4k_ns", "ns", mb_probe_rand_4k},
	[MB_P_RAND_128K] = {"rand_block_128k_ns", "ns", mb_probe_rand_128k},
	[MB_P_TOUCH_USER_4K] = {"first_touch_user_4k_ns", "ns", mb_probe_touch_user_4k},
	[MB_P_TOUCH_KERNEL_4K] = {"first_touch_kernel_4k_ns", "ns", mb_probe_touch_kernel_4k},
	[MB_P_TOUCH_USER_2M] = {"first_touch_user_2m_ns", "ns", mb_probe_touch_user_2m},
	[MB_P_ANON_READ_FAULT] = {"anon_read_fault_ns", "ns", mb_probe_anon_read_fault},
	[MB_P_ANON_WRITE_FAULT] = {"anon_write_fault_ns", "ns", mb_probe_anon_write_fault},
	[MB_P_ANON_WRITE_FAULT_THP] = {"anon_write_fault_thp_ns", "ns", mb_probe_anon_write_fault_thp},
	[MB_P_FILE_FAULT_LARGE] = {"file_fault_large_ns_per_page", "ns", mb_probe_file_fault_large},
	[MB_P_FILE_FAULT_SMALL_CACHED] = {"file_fault_small_cached_ns_per_page", "ns",
					  mb_probe_file_fault_small_cached},
	[MB_P_FILE_FAULT_SMALL] = {"file_fault_small_ns_per_page", "ns", mb_probe_file_fault_small},
	[MB_P_FILE_MINFLT_LARGE] = {"file_minflt_large_per_page", "count", mb_probe_file_minflt_large},
	[MB_P_FILE_MINFLT_SMALL] = {"file_minflt_small_per_page", "count", mb_probe_file_minflt_small},
	[MB_P_FILE_FAULT_PMD] = {"file_fault_pmd_ns_per_page", "ns", mb_probe_file_fault_pmd},
	[MB_P_FILE_MINFLT_PMD] = {"file_minflt_pmd_per_page", "count", mb_probe_file_minflt_pmd},
	[MB_P_MMAP_FIXED] = {"mmap_fixed_ns", "ns", mb_probe_mmap_fixed},
	[MB_P_MUNMAP_PER_PAGE] = {"munmap_per_page_ns", "ns", mb_probe_munmap_per_page},
	[MB_P_TLB_SHOOTDOWN] = {"tlb_shootdown_ns", "ns", mb_probe_tlb_shootdown},
	[MB_P_WRITE_DIRTY] = {"write_dirty_ns_per_page", "ns", mb_probe_write_dirty},
	[MB_P_STORE_DIRTY] = {"store_dirty_ns_per_page", "ns", mb_probe_store_dirty},
	[MB_P_MSYNC_SMALL] = {"msync_small_ns", "ns", mb_probe_msync_small},
	[MB_P_FSYNC_SMALL] = {"fsync_small_ns", "ns", mb_probe_fsync_small},
	[MB_P_ODIRECT_4K] = {"odirect_4k_ns", "ns", mb_probe_odirect_4k},
	[MB_P_ODIRECT_BYTE] = {"odirect_ns_per_byte", "ns_per_byte", mb_probe_odirect_byte},
};

static volatile unsigned char evict_sink;

/* Reads the first len bytes of the eviction buffer, a cache line at a time. */
static void read_through(const struct mb_probe_ctx *c, size_t len)
{
	const volatile unsigned char *p = c->evict;
	unsigned char x = 0;

	for (size_t i = 0; i < len; i += 64)
		x ^= p[i];
	evict_sink = x;
}

void mb_probe_evict(const struct mb_probe_ctx *c)
{
	read_through(c, MB_PROBE_EVICT);
}

void mb_probe_flush_l2(const struct mb_probe_ctx *c)
{
	read_through(c, MB_PROBE_L2_FLUSH);
}

static void skip(struct mb_machine_fig *f, const char *why)
{
	f->median = f->ci_lo = f->ci_hi = NAN;
	f->samples = 0;
	mb_strlcpy(f->flag, "skipped", sizeof(f->flag));
	mb_strlcpy(f->note, why, sizeof(f->note));
}

/* A file of MB_PROBE_FILE bytes of a fixed pattern in c->dir, created new
 * (O_EXCL: nothing of anyone else's is ever overwritten), fdatasync'ed. */
static int make_file(struct mb_probe_ctx *c, const char *name, char *path, int *fd, char *err,
		     size_t errlen)
{
	unsigned char *b = c->buf;
	int rc = 0;

	*fd = -1;
	if (snprintf(path, PATH_MAX, "%s/%s", c->dir, name) >= PATH_MAX) {
		path[0] = 0;
		rc = -ENAMETOOLONG;
		goto out_err;
	}
	*fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (*fd < 0) {
		path[0] = 0;
		rc = -errno;
		goto out_err;
	}
	for (size_t i = 0; i < MB_PROBE_FILE; i++)
		b[i] = (unsigned char)(i * 131 + (i >> 12));
	if (pwrite(*fd, b, MB_PROBE_FILE, 0) != (ssize_t)MB_PROBE_FILE || fdatasync(*fd)) {
		rc = errno ? -errno : -EIO;
		goto out_err;
	}
	return 0;
out_err:
	snprintf(err, errlen, "%s/%s: %s", c->dir, name, strerror(-rc));
	return rc;
}

static void ctx_free(struct mb_probe_ctx *c)
{
	int *fds[] = {&c->large_fd, &c->small_fd, &c->pmd_fd, &c->write_fd};
	char *paths[] = {c->large_path, c->small_path, c->pmd_path, c->write_path};

	for (int i = 0; i < 4; i++) {
		if (*fds[i] >= 0)
			close(*fds[i]);
		*fds[i] = -1;
		if (paths[i][0])
			unlink(paths[i]);
		paths[i][0] = 0;
	}
	if (c->buf)
		mb_buf_free(c->buf, 0);
	if (c->buf2)
		mb_buf_free(c->buf2, 0);
	if (c->evict)
		mb_buf_free(c->evict, 0);
	if (c->far)
		mb_probe_unmap_aligned(c->far, MB_PROBE_FAR);
	free(c->hist);
	free(c->perm);
	c->buf = c->buf2 = c->evict = c->far = NULL;
	c->hist = NULL;
	c->perm = NULL;
}

/* The files (a large-folio, a 4 KiB-folio and a PMD-folio warm file and a
 * write target) and the touched buffers. */
static int ctx_init(struct mb_probe_ctx *c, const struct mb_probe_opts *o, char *err,
		    size_t errlen)
{
	int rc;

	*c = (struct mb_probe_ctx){.device = o->device, .large_fd = -1, .small_fd = -1,
				   .pmd_fd = -1, .write_fd = -1};
	mb_strlcpy(c->dir, o->dir, sizeof(c->dir));
	c->ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	mb_env_thp(c->thp, sizeof(c->thp));
	c->thp_ok = c->thp[0] && strcmp(c->thp, "never");
	c->buf = mb_buf_alloc(MB_PROBE_BUF, 0);
	c->buf2 = mb_buf_alloc(MB_PROBE_BUF, 0);
	c->evict = mb_buf_alloc(MB_PROBE_EVICT, 0);
	c->far = mb_probe_map_aligned(MB_PROBE_FAR, c->thp_ok ? MADV_HUGEPAGE : MADV_NORMAL);
	c->hist = malloc(sizeof(*c->hist));
	c->perm = malloc(MB_PROBE_FAR / 4096 * sizeof(*c->perm));
	if (!c->buf || !c->buf2 || !c->evict || !c->far || !c->hist || !c->perm) {
		snprintf(err, errlen, "probe buffers: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	mb_hist_init(c->hist);
	/* written, not only read: an anonymous page that was only ever read is
	 * the shared zero page, and a checksum or memcpy over it runs from one
	 * cached page instead of memory */
	mb_dataset_fill(1, 0, c->buf, MB_PROBE_BUF);
	memset(c->buf2, 1, MB_PROBE_BUF);
	memset(c->evict, 2, MB_PROBE_EVICT);
	mb_dataset_fill(2, 0, c->far, MB_PROBE_FAR);
	rc = make_file(c, "probe-large.dat", c->large_path, &c->large_fd, err, errlen);
	if (!rc)
		rc = make_file(c, "probe-small.dat", c->small_path, &c->small_fd, err, errlen);
	if (!rc)
		rc = make_file(c, "probe-pmd.dat", c->pmd_path, &c->pmd_fd, err, errlen);
	if (!rc)
		rc = make_file(c, "probe-write.dat", c->write_path, &c->write_fd, err, errlen);
	if (rc)
		return rc;
	/* the large world: evicted, then read sequentially; the small one: by 4 KiB reads */
	if (mb_cache_evict(c->large_path, 1, 0, err, errlen) ||
	    mb_cache_fill(c->large_path, err, errlen) ||
	    mb_cache_evict(c->small_path, 1, 0, err, errlen) ||
	    mb_cache_fill_4k(c->small_path, err, errlen))
		return -EIO;
	/* the PMD world: evicted, then faulted in through a MADV_HUGEPAGE mapping */
	if (mb_cache_evict(c->pmd_path, 1, 0, err, errlen))
		return -EIO;
	rc = mb_probe_pmd_fill(c, err, errlen);
	return rc == -EOPNOTSUPP ? 0 : rc;
}

/* Samples one figure: a warm-up sample, then until the CI is within
 * +-CI_FRAC (and at least MIN_SAMPLES) or the budget is spent. */
static int measure(struct mb_probe_ctx *c, int id, uint64_t budget, struct mb_machine_fig *f)
{
	double v[MAX_SAMPLES], sorted[MAX_SAMPLES], x;
	struct mb_stats st = {0};
	uint64_t t0;
	size_t n = 0;
	char why[256] = "";
	int rc;

	rc = figures[id].fn(c, &x, why, sizeof(why));
	t0 = mb_now_ns();
	while (!rc && n < MAX_SAMPLES && !mb_stop_requested) {
		rc = figures[id].fn(c, &v[n], why, sizeof(why));
		if (rc)
			break;
		n++;
		if (n < MIN_SAMPLES)
			continue;
		memcpy(sorted, v, n * sizeof(v[0]));
		mb_stats_compute(sorted, n, &st);
		if (mb_stats_ci_within(&st, CI_FRAC) || mb_now_ns() - t0 > budget)
			break;
	}
	if (mb_stop_requested)
		return -EINTR;
	if (rc == -EOPNOTSUPP) {
		skip(f, why);
		return 0;
	}
	if (rc) {
		char msg[300];

		snprintf(msg, sizeof(msg), "not measured: %s", why);
		skip(f, msg);
		return 0;
	}
	f->median = st.median;
	f->ci_lo = st.ci_lo;
	f->ci_hi = st.ci_hi;
	f->samples = n;
	return 0;
}

int mb_probe_run(const struct mb_probe_opts *o, struct mb_machine_fig *figs, char *err,
		 size_t errlen)
{
	/* copy_ns_per_byte before pread_call_ns, which subtracts it */
	static const int order[MB_P_COUNT] = {
		MB_P_SYSCALL, MB_P_TIMER, MB_P_PREAD_4K, MB_P_COPY, MB_P_COPY_PMD, MB_P_COPY_SMALL,
		MB_P_PREAD_CALL, MB_P_MEMREAD, MB_P_MEMCPY, MB_P_CSUM_HOT,
		MB_P_RAND_4K, MB_P_RAND_128K, MB_P_TOUCH_USER_4K, MB_P_TOUCH_KERNEL_4K,
		MB_P_TOUCH_USER_2M, MB_P_ANON_READ_FAULT, MB_P_ANON_WRITE_FAULT,
		MB_P_ANON_WRITE_FAULT_THP, MB_P_FILE_FAULT_LARGE, MB_P_FILE_FAULT_SMALL,
		MB_P_FILE_FAULT_SMALL_CACHED, MB_P_FILE_MINFLT_LARGE, MB_P_FILE_MINFLT_SMALL, MB_P_FILE_FAULT_PMD,
		MB_P_FILE_MINFLT_PMD, MB_P_MMAP_FIXED, MB_P_MUNMAP_PER_PAGE, MB_P_TLB_SHOOTDOWN,
		MB_P_WRITE_DIRTY, MB_P_STORE_DIRTY, MB_P_MSYNC_SMALL, MB_P_FSYNC_SMALL,
		MB_P_ODIRECT_4K, MB_P_ODIRECT_BYTE,
	};
	struct mb_probe_ctx c;
	int rc;

	for (int i = 0; i < MB_P_COUNT; i++)
		figs[i] = (struct mb_machine_fig){.name = figures[i].name, .unit = figures[i].unit,
						.median = NAN, .ci_lo = NAN, .ci_hi = NAN};
	mb_ticks_init();
	rc = ctx_init(&c, o, err, errlen);
	if (rc)
		goto out_free;
	for (int k = 0; k < MB_P_COUNT; k++) {
		int id = order[k];

		if (id == MB_P_PREAD_CALL)
			c.copy_ns_per_byte = figs[MB_P_COPY].median;
		rc = measure(&c, id, o->quick ? QUICK_BUDGET_NS : BUDGET_NS, &figs[id]);
		if (rc) {
			snprintf(err, errlen, "interrupted");
			goto out_free;
		}
		if (o->progress)
			o->progress(o->arg, &figs[id], k + 1, MB_P_COUNT);
	}
out_free:
	ctx_free(&c);
	return rc;
}

int mb_probe_fake(struct mb_machine_fig *figs, const char *spec, char *err, size_t errlen)
{
	char *s = strdup(spec), *save = NULL, *tok;
	int rc = 0;

	if (!s)
		return -ENOMEM;
	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '='), *end;
		double x;
		int i;

		if (!eq)
			goto out_bad;
		*eq = 0;
		x = strtod(eq + 1, &end);
		if (end == eq + 1 || *end || !isfinite(x))
			goto out_bad;
		for (i = 0; i < MB_P_COUNT && strcmp(figs[i].name, tok); i++)
			;
		if (i == MB_P_COUNT)
			goto out_bad;
		figs[i].median = figs[i].ci_lo = figs[i].ci_hi = x;
		if (!figs[i].samples)
			figs[i].samples = 1;
		figs[i].flag[0] = figs[i].note[0] = 0;
	}
	goto out_free;
out_bad:
	snprintf(err, errlen, "MB_TEST_PROBE_FAKE: '%s' is not figure=value", tok);
	rc = -EINVAL;
out_free:
	free(s);
	return rc;
}

static int measured(const struct mb_machine_fig *f)
{
	return strcmp(f->flag, "skipped") && isfinite(f->median);
}

static void flag(struct mb_machine_fig *f, const char *word, const char *note)
{
	mb_strlcpy(f->flag, word, sizeof(f->flag));
	mb_strlcpy(f->note, note, sizeof(f->note));
}

/* "virt": a first touch far above a fault's own cost. */
static void flag_virt(struct mb_machine_fig *figs, int id, const char *mode)
{
	const struct mb_machine_fig *fault = &figs[MB_P_ANON_READ_FAULT];
	struct mb_machine_fig *t = &figs[id];
	char note[256];

	if (!measured(t) || !measured(fault) || t->flag[0])
		return;
	if (t->median > 3 * fault->median && t->median > 1000) {
		snprintf(note, sizeof(note), "a first %s touch of a page costs %.1f us, more than a "
			 "fault: a hypervisor's cost that minflt does not show", mode, t->median / 1000);
		flag(t, "virt", note);
	}
}

void mb_probe_flags(struct mb_machine_fig *figs)
{
	struct mb_machine_fig *sys = &figs[MB_P_SYSCALL], *pr = &figs[MB_P_PREAD_4K];
	struct mb_machine_fig *cp = &figs[MB_P_MEMCPY], *rd = &figs[MB_P_MEMREAD];
	char note[256];

	flag_virt(figs, MB_P_TOUCH_USER_4K, "user-mode");
	flag_virt(figs, MB_P_TOUCH_USER_2M, "user-mode");
	flag_virt(figs, MB_P_TOUCH_KERNEL_4K, "kernel-mode");
	if (measured(sys) && measured(pr) && pr->median <= sys->median) {
		snprintf(note, sizeof(note), "a warm 4 KiB pread (%.1f ns) costs no more than a bare "
			 "system call (%.1f ns): one of the two is wrong", pr->median, sys->median);
		flag(pr, "suspect", note);
	}
	if (measured(cp) && measured(rd) && cp->ci_hi < rd->ci_lo) {
		snprintf(note, sizeof(note), "memcpy (%.4f ns/byte) is faster than reading the same "
			 "bytes (%.4f ns/byte) beyond both CIs", cp->median, rd->median);
		flag(cp, "suspect", note);
	}
}
