/* explain.c: the cost model of mapbench explain (see explain.h): counts from
 * a configuration's rows, priced by the machine's figures. */
#include "explain.h"
#include "stats.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const mb_explain_extra[] = {"bytes", "ops", "large_folio_pct", "pmd_folio_pct",
					   "file_pmd_mapped_bytes", NULL};

/* The model's page: the probe prices 4 KiB pages. */
#define PAGE 4096.0
/* A copying read's buffer up to this size is still in the CPU's L2 when
 * the checksum reads it. */
#define HOT_BLOCK (256.0 * 1024)
/* A file this small stays in the last-level cache between repetitions: its
 * faults in 4 KiB folios are priced by the probe's _cached figure (measured
 * on 1 MiB), where it has it. */
#define CACHED_FILE (2.0 * 1024 * 1024)
/* The figures' small sync covers this many dirty bytes. */
#define SYNC_UNIT 65536.0

/* Median of samples s (sorted in place); NAN when none. */
static double med(const struct mb_samples *s)
{
	return s && s->n ? mb_median(s->v, s->n) : NAN;
}

static double extra(const struct mb_group *g, int i)
{
	return g->extra ? med(&g->extra[i]) : NAN;
}

static double key_num(const struct mb_group *g, enum mb_gkey k, double dflt)
{
	char *end;
	double v = strtod(g->kv[k], &end);

	return *g->kv[k] && !*end ? v : dflt;
}

/* The 4 KiB-folio world's figure fig, or its _cached twin cached (when the
 * machine has it) for a file small enough to stay in the last-level cache. */
static int small_world(const struct mb_group *g, const struct mb_machine *m, const char *fig,
		       const char *cached, double *v)
{
	if (key_num(g, MB_K_file_size_bytes, INFINITY) <= CACHED_FILE && mb_machine_get(m, cached, v))
		return 1;
	return mb_machine_get(m, fig, v);
}

/* Sets term t to count x the figure fig of m (UNKNOWN when m lacks it, or
 * when the count is unknown: missing names what was). */
static void price(struct mb_xval *t, const struct mb_machine *m, double count, const char *fig,
		  const char *count_name)
{
	t->count = count;
	if (isnan(count)) {
		t->state = MB_XS_UNKNOWN;
		t->missing = count_name;
		return;
	}
	if (!fig || !mb_machine_get(m, fig, &t->price)) {
		t->state = MB_XS_UNKNOWN;
		t->missing = fig ? fig : "a figure";
		return;
	}
	t->state = MB_XS_KNOWN;
	t->ns = count * t->price;
}

/* The share of the mapped pages in large folios: the rows' large_folio_pct,
 * else 0 for warm-4k, else guessed from the faults per page between the
 * probe's small- and large-folio counts; NAN when none of these is there. */
static double folio_share(const struct mb_group *g, const struct mb_machine *m, double pages)
{
	double pct = extra(g, MB_XE_FOLIO), lo, hi, per;

	if (!isnan(pct))
		return fmin(fmax(pct / 100, 0), 1);
	if (!strcmp(g->kv[MB_K_cache], "warm-4k"))
		return 0;
	per = med(&g->m[MB_M_MINFLT]) / pages;
	if (isnan(per) || !mb_machine_get(m, "file_minflt_small_per_page", &lo) ||
	    !mb_machine_get(m, "file_minflt_large_per_page", &hi))
		return NAN;
	/* the probe's two worlds fault alike (fault-around maps as many pages
	 * as a large folio does): the count cannot tell them, half of each */
	if (hi == lo)
		return 0.5;
	return fmin(fmax((per - lo) / (hi - lo), 0), 1);
}

/* The share of the pages mapped by PMD entries (a 2 MiB folio with one
 * fault): the row's file_pmd_mapped_bytes (smaps), else its pmd_folio_pct,
 * else told by its minor faults per page between the probe's PTE-mapped
 * large-folio count and its PMD count; 0 when none of these is known. */
static double pmd_share(const struct mb_group *g, const struct mb_machine *m, double pages)
{
	double per = med(&g->m[MB_M_MINFLT]) / pages, pte, pmd;
	double mapped = extra(g, MB_XE_PMDMAP), pct = extra(g, MB_XE_PMD);

	if (mapped >= 0)
		return fmin(mapped / PAGE / pages, 1);
	if (pct >= 0)
		return fmin(pct / 100, 1);
	if (isnan(per) || !mb_machine_get(m, "file_minflt_large_per_page", &pte) ||
	    !mb_machine_get(m, "file_minflt_pmd_per_page", &pmd) || pte <= pmd)
		return 0;
	return fmin(fmax((pte - per) / (pte - pmd), 0), 1);
}

static void fault_term(struct mb_xval *t, const struct mb_group *g, const struct mb_machine *m,
		       double pages)
{
	double s = folio_share(g, m, pages), large = NAN, small = NAN, pmd = NAN;
	double ps = pmd_share(g, m, pages);

	t->count = pages;
	t->state = MB_XS_UNKNOWN;
	if (isnan(s)) {
		t->missing = "large_folio_pct (or file_minflt_*_per_page)";
		return;
	}
	if (s > 0 && !mb_machine_get(m, "file_fault_large_ns_per_page", &large)) {
		t->missing = "file_fault_large_ns_per_page";
		return;
	}
	if (s < 1 && !small_world(g, m, "file_fault_small_ns_per_page",
				  "file_fault_small_cached_ns_per_page", &small)) {
		t->missing = "file_fault_small_ns_per_page";
		return;
	}
	if (ps > 0 && !mb_machine_get(m, "file_fault_pmd_ns_per_page", &pmd))
		ps = 0;
	t->state = MB_XS_KNOWN;
	t->price = (s > 0 ? s * large : 0) + (s < 1 ? (1 - s) * small : 0);
	/* the PMD-mapped pages are large-folio pages priced by the PMD figure */
	if (ps > 0)
		t->price = ps * pmd + (1 - ps) * t->price;
	t->ns = pages * t->price;
}

static void map_term(struct mb_xval *t, const struct mb_group *g, const struct mb_machine *m,
		     double bytes, double pages)
{
	double win = key_num(g, MB_K_window_bytes, 0), maps = 1;

	if (!strcmp(g->kv[MB_K_method], "mmap-window") && win > 0)
		maps = ceil(bytes / win);
	else if (!strcmp(g->kv[MB_K_workers], "procs"))
		maps = key_num(g, MB_K_threads, 1);
	price(t, m, maps, "mmap_fixed_ns", NULL);
	/* a PMD entry is cleared whole: only PTE-mapped pages cost munmap per page */
	t->count2 = round(pages * (1 - pmd_share(g, m, pages)));
	if (t->state == MB_XS_KNOWN && !mb_machine_get(m, "munmap_per_page_ns", &t->price2)) {
		t->state = MB_XS_UNKNOWN;
		t->missing = "munmap_per_page_ns";
	}
	if (t->state == MB_XS_KNOWN)
		t->ns += t->count2 * t->price2;
}

/* The copy out of the page cache, per byte at the probe's rate for the
 * file's folio world: its share in 4 KiB folios, in large ones and in 2 MiB
 * ones (the row's large_folio_pct and pmd_folio_pct), each at its own rate
 * when the probe has it, else at the large folios' rate. */
static void copy_term(struct mb_xval *t, const struct mb_group *g, const struct mb_machine *m,
		      double bytes)
{
	double large = extra(g, MB_XE_FOLIO) / 100, pmd = extra(g, MB_XE_PMD) / 100, small_r, pmd_r;

	price(t, m, bytes, "copy_ns_per_byte", "bytes");
	if (t->state != MB_XS_KNOWN || isnan(large))
		return;
	large = fmin(fmax(large, 0), 1);
	pmd = isnan(pmd) ? 0 : fmin(fmax(pmd, 0), large);
	if (!mb_machine_get(m, "copy_small_ns_per_byte", &small_r))
		small_r = t->price;
	if (!mb_machine_get(m, "copy_pmd_ns_per_byte", &pmd_r))
		pmd_r = t->price;
	t->price = (1 - large) * small_r + (large - pmd) * t->price + pmd * pmd_r;
	t->ns = bytes * t->price;
}

/* The lseek(2) calls a method makes besides its n calls. */
static double seeks(const struct mb_xmethod *xm, const struct mb_group *g, double n)
{
	switch (xm->seeks) {
	case MB_XSK_RAND:
		return strcmp(g->kv[MB_K_pattern], "rand") ? 0 : n;
	case MB_XSK_EACH:
		return n;
	case MB_XSK_ONE:
		return 1;
	default:
		return 0;
	}
}

static void calls_term(struct mb_xval *t, const struct mb_xmethod *xm, const struct mb_group *g,
		       const struct mb_machine *m, double n)
{
	price(t, m, n, xm->call_fig, "ops");
	t->count2 = seeks(xm, g, n);
	if (t->state != MB_XS_KNOWN || !(t->count2 > 0))
		return;
	if (!mb_machine_get(m, "syscall_ns", &t->price2)) {
		t->state = MB_XS_UNKNOWN;
		t->missing = "syscall_ns";
		return;
	}
	t->ns += t->count2 * t->price2;
}

/* A random block's cost over a sequential one: the probe's 4 KiB and
 * 128 KiB figures, between them by log2 of the block size, the nearer one
 * outside them. */
static void rand_term(struct mb_xval *t, const struct mb_group *g, const struct mb_machine *m,
		      double ops, double block)
{
	double lo, hi, f;

	if (strcmp(g->kv[MB_K_pattern], "rand")) {
		*t = (struct mb_xval){.state = MB_XS_KNOWN};
		return;
	}
	price(t, m, ops, "rand_block_4k_ns", "ops");
	if (t->state != MB_XS_KNOWN)
		return;
	if (!mb_machine_get(m, "rand_block_128k_ns", &hi)) {
		t->state = MB_XS_UNKNOWN;
		t->missing = "rand_block_128k_ns";
		return;
	}
	lo = t->price;
	f = fmin(fmax(log2(block / 4096.0) / 5.0, 0), 1);
	t->price = lo + f * (hi - lo);
	t->ns = ops * t->price;
}

static double calls(const struct mb_xmethod *xm, const struct mb_group *g, double bytes, double ops)
{
	double block = key_num(g, MB_K_block_size_bytes, PAGE), buf = key_num(g, MB_K_stdio_buf_bytes, 0);

	switch (xm->calls) {
	case MB_XC_OPS2:
		return 2 * ops;
	case MB_XC_BLOCKS2:
		return 2 * ceil(bytes / fmax(block, 1));
	case MB_XC_WHOLE2:
		return 2;
	case MB_XC_STDIO:
		return ceil(bytes / fmax(block, buf > 0 ? buf : PAGE));
	case MB_XC_SUBMIT:
		return ceil(ops / fmax(key_num(g, MB_K_queue_depth, 1), 1));
	default:
		return ops;
	}
}

/* The row's sync: the figure that prices it, or NULL for none. */
static const char *sync_figure(const struct mb_xmethod *xm, const struct mb_group *g)
{
	const char *s = g->kv[MB_K_sync];

	if (xm->sync_fig)
		return xm->sync_fig;
	if (!*s || !strcmp(s, "none"))
		return NULL;
	return !strncmp(s, "msync", 5) ? "msync_small_ns" : "fsync_small_ns";
}

/* The checksum reads memory (a mapping, memread's copy), or, after a copying
 * read into a reused buffer of up to HOT_BLOCK bytes, the CPU cache. */
static void csum_term(struct mb_xval *t, const struct mb_xmethod *xm, const struct mb_group *g,
		      const struct mb_machine *m, double bytes, double pages)
{
	double block = key_num(g, MB_K_block_size_bytes, PAGE);
	int hot = (xm->terms & 1u << MB_XT_COPY) && block <= HOT_BLOCK;

	t->touch = !strcmp(g->kv[MB_K_consume], "touch");
	price(t, m, t->touch ? pages : bytes, hot ? "checksum_hot_ns_per_byte" : "memread_ns_per_byte",
	      "bytes");
	/* touch reads one byte a page: a cache line's worth of the checksum */
	t->price *= t->touch ? 64 : 1;
	t->ns *= t->touch ? 64 : 1;
}

static void device_term(struct mb_xval *t, const struct mb_group *g, const struct mb_machine *m)
{
	double dev = med(&g->m[MB_M_DEV_READ_BYTES]);

	if (!isnan(dev) && dev <= 0) {
		*t = (struct mb_xval){.state = MB_XS_KNOWN};
		return;
	}
	if (isnan(dev) && strcmp(g->kv[MB_K_cache], "cold") && strcmp(g->kv[MB_K_method], "odirect")) {
		*t = (struct mb_xval){.state = MB_XS_KNOWN};
		return;
	}
	price(t, m, dev, "odirect_ns_per_byte", "dev_read_bytes");
}

static void price_terms(struct mb_explained *x, const struct mb_xmethod *xm, const struct mb_machine *m)
{
	const struct mb_group *g = x->g;
	double bytes = extra(g, MB_XE_BYTES), ops = extra(g, MB_XE_OPS);
	double pages = ceil(bytes / PAGE), block = key_num(g, MB_K_block_size_bytes, PAGE);
	double buf = key_num(g, MB_K_stdio_buf_bytes, 0);
	const char *sync;

	if (xm->terms & 1u << MB_XT_CALLS)
		calls_term(&x->t[MB_XT_CALLS], xm, g, m, calls(xm, g, bytes, ops));
	if (xm->terms & 1u << MB_XT_COPY)
		copy_term(&x->t[MB_XT_COPY], g, m, bytes);
	if ((xm->terms & 1u << MB_XT_MEMCPY) &&
	    (xm->mapping ? !strcmp(g->kv[MB_K_consume], "copy") : block < (buf > 0 ? buf : PAGE)))
		price(&x->t[MB_XT_MEMCPY], m, bytes, "memcpy_ns_per_byte", "bytes");
	if (xm->terms & 1u << MB_XT_CSUM)
		csum_term(&x->t[MB_XT_CSUM], xm, g, m, bytes, pages);
	if (xm->terms & 1u << MB_XT_RAND)
		rand_term(&x->t[MB_XT_RAND], g, m, ops, block);
	if (xm->terms & 1u << MB_XT_MAP)
		map_term(&x->t[MB_XT_MAP], g, m, bytes, pages);
	if (xm->terms & 1u << MB_XT_FAULT)
		fault_term(&x->t[MB_XT_FAULT], g, m, pages);
	if (xm->terms & 1u << MB_XT_ANON)
		price(&x->t[MB_XT_ANON], m, pages, xm->anon_fig, "bytes");
	if (xm->terms & 1u << MB_XT_DEVICE)
		device_term(&x->t[MB_XT_DEVICE], g, m);
	if (xm->terms & 1u << MB_XT_DIRTY)
		price(&x->t[MB_XT_DIRTY], m, pages, xm->dirty_fig, "bytes");
	/* the probe's sync covers 64 KiB: scaled by the dirty bytes, one at least */
	if ((xm->terms & 1u << MB_XT_SYNC) && (sync = sync_figure(xm, g)))
		price(&x->t[MB_XT_SYNC], m, fmax(1, ceil(bytes / SYNC_UNIT)), sync, "bytes");
}

int mb_explained_within(const struct mb_explained *x, double frac)
{
	if (isnan(x->residual))
		return -1;
	return fabs(x->residual) <= frac + 1e-12;
}

void mb_explain_group(const struct mb_group *g, const struct mb_machine *m, struct mb_explained *x)
{
	const struct mb_xmethod *xm = mb_xmethod_find(g->kv[MB_K_op], g->kv[MB_K_method]);
	double threads = key_num(g, MB_K_threads, 1), ncpu = key_num(g, MB_K_ncpu, threads), sum = 0;

	memset(x, 0, sizeof(*x));
	x->g = g;
	x->dominant = -1;
	x->measured = med(&g->m[MB_M_TOTAL_NS]);
	x->modelled = xm != NULL;
	if (xm)
		price_terms(x, xm, m);
	for (int i = 0; i < MB_XT_N; i++) {
		if (x->t[i].state == MB_XS_UNKNOWN)
			x->unknown = 1;
		if (x->t[i].state != MB_XS_KNOWN)
			continue;
		sum += x->t[i].ns;
		if (x->dominant < 0 || x->t[i].ns > x->t[x->dominant].ns)
			x->dominant = i;
	}
	/* threads share the work: at best as many at once as there are CPUs */
	x->parallel = fmax(1, fmin(threads, ncpu > 0 ? ncpu : threads));
	x->known_ns = sum / x->parallel;
	x->predicted = x->modelled && !x->unknown ? x->known_ns : NAN;
	x->residual = x->predicted > 0 ? x->measured / x->predicted - 1 : NAN;
	mb_explain_words(x);
}

int mb_explain_all(const struct mb_groups *gs, const struct mb_machine *m, struct mb_explained **out,
		   size_t *n)
{
	struct mb_explained *x = calloc(gs->n ? gs->n : 1, sizeof(*x));

	*n = 0;
	if (!x)
		return -ENOMEM;
	for (size_t i = 0; i < gs->n; i++)
		if (gs->g[i].rows)
			mb_explain_group(&gs->g[i], m, &x[(*n)++]);
	*out = x;
	return 0;
}
