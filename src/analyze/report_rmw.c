/* report_rmw.c: the read-modify-write section of REPORT.md (see report_rmw.h). */
#include "report_rmw.h"
#include "ranktest.h"
#include "ratio.h"
#include "stats.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CLAIM_LO 2.0 /* the seeds' "2 to 3 times" */
#define CLAIM_HI 3.0

static const char *const others[] = {"rmw-read-write", "rmw-block", "rmw-element",
				     "rmw-mmap-msync"};
#define NOTHERS (sizeof(others) / sizeof(others[0]))

const char *mb_rmw_claim_verdict(const struct mb_ratio *r, char *buf, size_t len)
{
	double t = r->ratio, lo = r->ci_lo, hi = r->ci_hi, p = r->p;

	if (r->ci_level < 0.95 - 1e-9)
		snprintf(buf, len, "cannot be judged: too few repetitions for a 95%% interval "
			 "(read()+write() ÷ mmap = %.3g×; use --reps 6 or more)", t);
	else if (p >= 0.05)
		snprintf(buf, len, "does not hold: no significant difference (p = %.2g)", p);
	else if (t < 1)
		snprintf(buf, len, "does not hold: read()+write() is %.3g× *faster*", 1 / t);
	else if (lo >= CLAIM_LO && hi <= CLAIM_HI)
		snprintf(buf, len, "holds: %.3g× (CI %.3g–%.3g) lies within 2–3×", t, lo, hi);
	else if (hi < CLAIM_LO)
		snprintf(buf, len, "holds in direction only: mmap is faster, by %.3g× (CI %.3g–%.3g), "
			 "less than 2×", t, lo, hi);
	else if (lo > CLAIM_HI)
		snprintf(buf, len, "understates: mmap is %.3g× faster (CI %.3g–%.3g), more than 3×", t,
			 lo, hi);
	else
		snprintf(buf, len, "about: %.3g× (CI %.3g–%.3g) overlaps 2–3×", t, lo, hi);
	return buf;
}

/* "10,000 integers (40000 B), warm, seq, 4 KiB blocks" */
static void label(const struct mb_group *g, char *buf, size_t len)
{
	unsigned long long size = strtoull(g->kv[MB_K_file_size_bytes], NULL, 10), n = size / 4;
	char ints[32], *p = ints + sizeof(ints) - 1;
	int d = 0;

	*p = '\0';
	do { /* thousands separated by commas */
		if (d && d % 3 == 0)
			*--p = ',';
		*--p = (char)('0' + n % 10);
		n /= 10;
		d++;
	} while (n);
	snprintf(buf, len, "%s integers (%llu B), %s%s%s, %s B blocks", p, size, g->kv[MB_K_cache],
		 *g->kv[MB_K_cache] ? ", " : "", g->kv[MB_K_pattern], g->kv[MB_K_block_size_bytes]);
}

/* "12.3 ms" */
static void duration(double ns, char *buf, size_t len)
{
	if (ns >= 1e9)
		snprintf(buf, len, "%.3g s", ns / 1e9);
	else if (ns >= 1e6)
		snprintf(buf, len, "%.3g ms", ns / 1e6);
	else
		snprintf(buf, len, "%.3g µs", ns / 1e3);
}

/* The median of s (a copy is sorted); NAN when it cannot be had. */
static double median(const struct mb_samples *s)
{
	double *c = malloc(s->n * sizeof(*c)), m;

	if (!c)
		return NAN;
	memcpy(c, s->v, s->n * sizeof(*c));
	m = mb_median(c, s->n);
	free(c);
	return m;
}

/* Method m's group in g's configuration (rmw-mmap-msync: with its own sync
 * mode), and its total-time ratio to g's in *r; NULL when it has no such
 * group, no samples, or memory ran out. */
static const struct mb_group *against(const struct mb_groups *gs, const struct mb_group *g,
				      const char *m, struct mb_ratio *r)
{
	const char *kv[MB_NKEYS];
	const struct mb_group *o;

	memcpy(kv, g->kv, sizeof(kv));
	kv[MB_K_method] = m;
	if (!strcmp(m, "rmw-mmap-msync"))
		kv[MB_K_sync] = "msync";
	o = mb_groups_find(gs, kv);
	if (!o || !o->m[MB_M_TOTAL_NS].n || !g->m[MB_M_TOTAL_NS].n ||
	    mb_ratio_compute(o->m[MB_M_TOTAL_NS].v, o->m[MB_M_TOTAL_NS].n, g->m[MB_M_TOTAL_NS].v,
			     g->m[MB_M_TOTAL_NS].n, r))
		return NULL;
	return o;
}

int mb_report_rmw(FILE *f, const struct mb_groups *gs)
{
	char w[160], t[32], v[200];
	size_t nmmap = 0, whole = 0, judged = 0;

	for (size_t i = 0; i < gs->n; i++)
		if (!strcmp(gs->g[i].kv[MB_K_method], "rmw-mmap") && gs->g[i].m[MB_M_TOTAL_NS].n) {
			nmmap++;
			whole += !strcmp(gs->g[i].kv[MB_K_consume], "whole-process");
		}
	if (!nmmap)
		return 0;
	fprintf(f, "## Read-modify-write: add 1 to every integer of a file, in place\n\n"
		"Median %s of each method and its ratio to ", whole == nmmap
		? "time of a whole process (`mapbench cat --op rmw`: exec, load, the work, exit)"
		: "total time (setup, io, sync and teardown)");
	fputs("rmw-mmap's (above 1: slower than mmap; `~`: not significant, Mann-Whitney p ≥ 0.05). "
	      "rmw-read-write is one read(2) of the whole file and one write(2) back; rmw-block a "
	      "read and a write per block; rmw-element one pread(2) and one pwrite(2) per integer; "
	      "rmw-mmap increments in place in a MAP_SHARED mapping, rmw-mmap-msync then msyncs it. "
	      "Every integer was verified incremented exactly once.\n\n", f);
	fputs("| workload | rmw-mmap | rmw-read-write | rmw-block | rmw-element | rmw-mmap-msync |\n"
	      "|---|---|---|---|---|---|\n", f);
	for (size_t i = 0; i < gs->n; i++) {
		const struct mb_group *g = &gs->g[i];

		if (strcmp(g->kv[MB_K_method], "rmw-mmap") || !g->m[MB_M_TOTAL_NS].n)
			continue;
		label(g, w, sizeof(w));
		duration(median(&g->m[MB_M_TOTAL_NS]), t, sizeof(t));
		fprintf(f, "| %s | %s |", w, t);
		for (size_t k = 0; k < NOTHERS; k++) {
			struct mb_ratio r;
			char a[16];

			if (!against(gs, g, others[k], &r)) {
				fputs(" — |", f);
				continue;
			}
			duration(r.med_a, t, sizeof(t));
			mb_fmt_ratio(r.ratio, a, sizeof(a));
			fprintf(f, " %s (%s×%s) |", t, a, r.p >= 0.05 ? " ~" : "");
		}
		fputc('\n', f);
	}
	fprintf(f, "\n**The claim** (in the seed documents and many mmap tutorials): for this in-place "
		"increment, read()+write() takes \"2 to 3 times\" as long as mmap. mapbench's "
		"verdict, from rmw-read-write's time ÷ rmw-mmap's (95%% CI), %s:\n\n",
		whole == nmmap ? "as whole processes" : whole ? "in-process and as whole processes"
		: "in-process (as whole processes: bench/hyperfine-rmw.sh)");
	for (size_t i = 0; i < gs->n; i++) {
		const struct mb_group *g = &gs->g[i];
		struct mb_ratio r;

		if (strcmp(g->kv[MB_K_method], "rmw-mmap") || !against(gs, g, "rmw-read-write", &r))
			continue;
		label(g, w, sizeof(w));
		fprintf(f, "- %s: the claim %s.\n", w,
			mb_rmw_claim_verdict(&r, v, sizeof(v)));
		judged++;
	}
	if (!judged)
		fputs("- not judged: no configuration has both rmw-read-write and rmw-mmap.\n", f);
	fputc('\n', f);
	return 0;
}
