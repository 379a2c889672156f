/* report.c: RESULTS_DIR/REPORT.md, a page a person can read in two minutes:
 * the environment, a verdict table in words (mmap vs read, with CIs), the
 * summary tables, the charts render.sh made, and notes on anything that makes
 * a number suspicious. Written to a temp file and renamed into place. */
#include "report.h"
#include "explain.h"
#include "replace.h"
#include "group.h"
#include "parse.h"
#include "ratio.h"
#include "report_explain.h"
#include "report_rmw.h"
#include "report_scan.h"
#include "stats.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CV_SUSPICIOUS 0.05 /* CV above this is flagged */
#define MAX_TABLE_ROWS 120
#define MAX_NOTE_ITEMS 8
#define READ_AMP_HIGH 1.5  /* device bytes per byte asked for above this are flagged */

struct rep {
	FILE *f;
	const char *dir;
	struct mb_groups gs;
	struct mb_scan scan;
	int varies[MB_NKEYS];
	struct mb_machine machine;  /* the probe's figures, when the folder holds machine.csv */
	int have_machine;
};

/* "64 KiB", "1 GiB", or bytes when not a whole unit. */
static const char *human_size(const char *bytes, char *buf, size_t len)
{
	static const char *const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
	uint64_t v = strtoull(bytes, NULL, 10);
	int u = 0;

	while (v && v % 1024 == 0 && u < 4) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, "%" PRIu64 " %s", v, units[u]);
	return buf;
}

static const char *speed(double mib, char *buf, size_t len)
{
	if (isnan(mib))
		snprintf(buf, len, "—");
	else if (mib >= 1000)
		snprintf(buf, len, "%.3g GiB/s", mib / 1024);
	else
		snprintf(buf, len, "%.3g MiB/s", mib);
	return buf;
}

/* Text for a Markdown table cell: | escaped, newlines flattened. */
static void cell(FILE *f, const char *s)
{
	for (; *s; s++)
		if (*s == '|')
			fputs("\\|", f);
		else
			fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
}

/* Whether key k takes more than one value in the data (computed once). */
static int varies(const struct rep *r, size_t k)
{
	return r->varies[k];
}

/* Environment values longer than this are named by their number in the
 * environment table: "mitigations (2)". */
#define ENV_MAX_VALUE 24

/* " (N)": the number of v among the values the environment table lists for
 * key k, or " (other)". */
static void env_ref(const struct rep *r, size_t k, const char *v, char *buf, size_t len)
{
	for (size_t e = 0; e < MB_NENV; e++) {
		const struct mb_scan_vals *sv = &r->scan.env[e];

		if (strcmp(mb_env_col_names[e], mb_gkey_names[k]))
			continue;
		for (size_t j = 0; j < sv->n && j < MB_SCAN_MAXVALS; j++)
			if (!strcmp(sv->v[j], v)) {
				snprintf(buf, len, " (%zu)", j + 1);
				return;
			}
	}
	snprintf(buf, len, " (other)");
}

/* "warm sequential 1 GiB, 128 KiB blocks" (+ host, kernel, CPU, fs... when they vary). */
static void workload(const struct rep *r, const struct mb_group *g, char *buf, size_t len)
{
	const char *pat = g->kv[MB_K_pattern];
	char fs[32], bs[32];
	size_t at;

	snprintf(buf, len, "%s%s%s %s, %s blocks", g->kv[MB_K_cache], *g->kv[MB_K_cache] ? " " : "",
		 !strcmp(pat, "seq") ? "sequential" : !strcmp(pat, "rand") ? "random" : pat,
		 human_size(g->kv[MB_K_file_size_bytes], fs, sizeof(fs)),
		 human_size(g->kv[MB_K_block_size_bytes], bs, sizeof(bs)));
	if (*g->kv[MB_K_target] && (at = strlen(buf)) < len) /* writes */
		snprintf(buf + at, len - at, ", %s, sync %s", !strcmp(g->kv[MB_K_target], "new")
			 ? "new file" : "rewrite", *g->kv[MB_K_sync] ? g->kv[MB_K_sync] : "none");
	for (size_t k = 0; k < MB_NENV_KEYS; k++) {
		const char *v = g->kv[k];
		char val[ENV_MAX_VALUE + 8];

		if (!varies(r, k) || (at = strlen(buf)) >= len)
			continue;
		if (strlen(v) > ENV_MAX_VALUE)
			env_ref(r, k, v, val, sizeof(val));
		else
			snprintf(val, sizeof(val), " %s", v);
		snprintf(buf + at, len - at, ", %s%s", mb_gkey_names[k], val);
	}
}

/* The variant part of a series label ("random" of "mmap random"). */
static const char *variant(const struct mb_group *g, char *buf, size_t len)
{
	size_t m = strlen(g->kv[MB_K_method]);

	mb_group_series(g, buf, len);
	return buf[m] ? buf + m + 1 : "";
}

static void section_env(struct rep *r, const char *dir)
{
	static const char *const label[MB_NENV] = {
		"host", "kernel", "arch", "CPU", "CPU vendor", "CPU family", "CPU model (number)",
		"CPU stepping", "microcode", "hypervisor", "CPU mitigations", "boot id", "CPUs online",
		"memory (bytes)", "page size (bytes)",
		"filesystem", "mount source", "mount options", "read_ahead_kb", "transparent huge pages",
		"vm.dirty_bytes", "vm.dirty_background_bytes", "vm.dirty_ratio (%)",
		"vm.dirty_background_ratio (%)", "build", "mapbench version", "run id",
	};
	char path[4096], line[4096];
	FILE *cmd;

	fputs("## Environment\n\n| | |\n|---|---|\n", r->f);
	for (size_t i = 0; i < MB_NENV; i++) {
		const struct mb_scan_vals *v = &r->scan.env[i];

		if (!v->n)
			continue;
		fprintf(r->f, "| %s | ", label[i]);
		for (size_t j = 0; j < v->n && j < MB_SCAN_MAXVALS; j++) {
			if (v->n > 1) /* numbered: workload names cite long ones so */
				fprintf(r->f, "%s(%zu) ", j ? "; " : "", j + 1);
			cell(r->f, *v->v[j] ? v->v[j] : "(empty)");
		}
		if (v->n > MB_SCAN_MAXVALS)
			fputs("; and more", r->f);
		fputs(" |\n", r->f);
	}
	if (r->scan.first_ts[0])
		fprintf(r->f, "| measured | %s to %s |\n", r->scan.first_ts, r->scan.last_ts);
	snprintf(path, sizeof(path), "%s/command.txt", dir);
	if ((cmd = fopen(path, "re"))) {
		fputs("\nCommand:\n\n```\n", r->f);
		while (fgets(line, sizeof(line), cmd))
			fputs(line, r->f);
		fputs("```\n", r->f);
		fclose(cmd);
	}
	fputc('\n', r->f);
	if (r->have_machine)
		mb_report_machine_table(r->f, &r->machine);
}

/* "**mmap** faster by 31%", or "**read** 10.8× faster" from 2× on. */
static void faster(FILE *f, const char *who, double factor)
{
	if (factor < 2)
		fprintf(f, "**%s** faster by %.0f%%", who, (factor - 1) * 100);
	else
		fprintf(f, "**%s** %.3g× faster", who, factor);
}

static void verdict_row(struct rep *r, const struct mb_ratio_set *s, const struct mb_ratio_row *row)
{
	char w[256], v[128], a[16], lo[16], hi[16];
	const char *var = variant(row->num, v, sizeof(v));

	workload(r, row->den, w, sizeof(w));
	mb_fmt_ratio(row->r.ratio, a, sizeof(a));
	mb_fmt_ratio(row->r.ci_lo, lo, sizeof(lo));
	mb_fmt_ratio(row->r.ci_hi, hi, sizeof(hi));
	fputs("| ", r->f);
	cell(r->f, w);
	if (*var) {
		fputs(" (", r->f);
		cell(r->f, var);
		fputs(")", r->f);
	}
	fprintf(r->f, " | %s %s× %s (CI %s–%s) | ", s->num, a, s->den, lo, hi);
	if (row->r.p >= 0.05)
		fprintf(r->f, "~ no significant difference (p = %.2g)", row->r.p);
	else
		faster(r->f, row->r.ratio >= 1 ? s->num : s->den,
		       row->r.ratio >= 1 ? row->r.ratio : 1 / row->r.ratio);
	fprintf(r->f, "%s |", row->r.ci_level < 0.95 - 1e-9 ? " †" : "");
	if (r->have_machine) {
		/* explain's sentence for the faster method, both when it is a tie */
		fputc(' ', r->f);
		if (row->r.p >= 0.05)
			mb_report_why(r->f, &r->machine, row->num, row->den);
		else
			mb_report_why(r->f, &r->machine, row->r.ratio >= 1 ? row->num : row->den, NULL);
		fputs(" |", r->f);
	}
	fputc('\n', r->f);
}

/* 1 if the results hold rows of op (read rows of files from before the op
 * column have it empty) by one of the methods a verdict compares. */
static int has_op(const struct rep *r, const char *op, const char *den, const char *alt)
{
	for (size_t i = 0; i < r->gs.n; i++) {
		const char *const *kv = r->gs.g[i].kv;

		if ((!strcmp(kv[MB_K_op], op) || (!strcmp(op, "read") && !*kv[MB_K_op])) &&
		    (!strcmp(kv[MB_K_method], "mmap") || !strcmp(kv[MB_K_method], den) ||
		     !strcmp(kv[MB_K_method], alt)))
			return 1;
	}
	return 0;
}

/* "## Verdict: mmap against read" (what: "read"; den "read", else alt) or
 * "... mmap stores against write" (what "write"): throughput ratios of mmap
 * to den per configuration of that op, in words. Nothing when the results
 * hold no rows of the op by mmap, den or alt. */
static void section_verdict(struct rep *r, const char *what, const char *den, const char *alt)
{
	struct mb_ratio_set s;
	size_t wins = 0, losses = 0, low_level = 0;
	double logsum = 0;

	if (!has_op(r, what, den, alt))
		return;
	fprintf(r->f, "## Verdict: %s against %s\n\n", strcmp(what, "write") ? "mmap" : "mmap stores",
		den);
	if (mb_ratio_pairs(&r->gs, MB_K_method, "mmap", den, MB_M_MIB_PER_S, &s))
		return;
	if (!s.n) {
		den = alt;
		if (mb_ratio_pairs(&r->gs, MB_K_method, "mmap", den, MB_M_MIB_PER_S, &s))
			return;
	}
	if (!s.n) {
		fprintf(r->f, "No configuration was measured with both mmap and %s (or %s): no "
			"verdict.\n\n", what, alt);
		mb_ratio_set_free(&s);
		return;
	}
	for (size_t i = 0; i < s.n; i++) {
		logsum += log(s.rows[i].r.ratio);
		wins += s.rows[i].r.p < 0.05 && s.rows[i].r.ratio > 1;
		losses += s.rows[i].r.p < 0.05 && s.rows[i].r.ratio < 1;
		low_level += s.rows[i].r.ci_level < 0.95 - 1e-9;
	}
	fprintf(r->f,
		"Throughput of mmap ÷ %s, ratio of the medians, per configuration. mmap is faster in "
		"%zu, %s in %zu, and the difference is not significant (Mann-Whitney p ≥ 0.05, `~`) in "
		"%zu of %zu configurations; geometric mean %.3g×.\n\n",
		den, wins, den, losses, s.n - wins - losses, s.n, exp(logsum / (double)s.n));
	fprintf(r->f, "| workload | mmap ÷ %s (95%% CI) | verdict |%s\n|---|---|---|%s\n", den,
		r->have_machine ? " why |" : "", r->have_machine ? "---|" : "");
	for (size_t i = 0; i < s.n && i < MAX_TABLE_ROWS; i++)
		verdict_row(r, &s, &s.rows[i]);
	if (s.n > MAX_TABLE_ROWS)
		fprintf(r->f, "| … and %zu more | | |%s\n", s.n - MAX_TABLE_ROWS, r->have_machine ? " |" : "");
	if (low_level)
		fputs("\n† Too few repetitions for a 95% interval: the CI shown covers less, and with 3 "
		      "or fewer a side no difference can reach p < 0.05. Use --reps 6 or more.\n", r->f);
	fputc('\n', r->f);
	mb_ratio_set_free(&s);
}

/* Rows = workloads, columns = series, cells = groups. A group without a
 * cache state (memread) fills every row that differs from it only in that. */
struct pivot {
	char **row, **bare, **col; /* bare: the row's workload without its cache state */
	size_t nrows, nbare, ncols;
	const struct mb_group **cell;
};

static long find(char **list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return (long)i;
	return -1;
}

static long add(char ***list, size_t *n, const char *s)
{
	char **l = realloc(*list, (*n + 1) * sizeof(*l));

	if (!l)
		return -1;
	*list = l;
	if (!(l[*n] = strdup(s)))
		return -1;
	return (long)(*n)++;
}

static void free_list(char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

static void pivot_free(struct pivot *p)
{
	free_list(p->row, p->nrows);
	free_list(p->bare, p->nbare);
	free_list(p->col, p->ncols);
	free(p->cell);
}

/* The rows and columns of group g: adds them in pass 0, fills cells in 1. */
static int pivot_place(struct rep *r, struct pivot *p, const struct mb_group *g, int pass)
{
	struct mb_group bare = *g;
	char w[256], v[256];
	long ri, ci, placed = 0;

	bare.kv[MB_K_cache] = "";
	workload(r, &bare, w, sizeof(w));
	mb_group_series(g, v, sizeof(v));
	if ((ci = find(p->col, p->ncols, v)) < 0 && (pass || (ci = add(&p->col, &p->ncols, v)) < 0))
		return -ENOMEM;
	if (!*g->kv[MB_K_cache]) {
		for (size_t i = 0; pass && i < p->nrows; i++)
			if (!strcmp(p->bare[i], w)) {
				p->cell[i * p->ncols + (size_t)ci] = g;
				placed = 1;
			}
		if (pass && placed)
			return 0;
		if (pass) /* no row with a cache state: its own, made in pass 0 */
			return (ri = find(p->row, p->nrows, w)) < 0 ? -ENOMEM :
				(p->cell[(size_t)ri * p->ncols + (size_t)ci] = g, 0);
	}
	if (pass) {
		workload(r, g, w, sizeof(w));
		ri = find(p->row, p->nrows, w);
		p->cell[(size_t)ri * p->ncols + (size_t)ci] = g;
		return 0;
	}
	if (!*g->kv[MB_K_cache])
		return 0; /* rows are decided at the end of pass 0 */
	workload(r, g, v, sizeof(v));
	if (find(p->row, p->nrows, v) >= 0)
		return 0;
	return add(&p->row, &p->nrows, v) < 0 || add(&p->bare, &p->nbare, w) < 0 ? -ENOMEM : 0;
}

/* The pivot of the groups that have samples of metric m. 0 or -ENOMEM. */
static int pivot_build(struct rep *r, enum mb_gmetric m, struct pivot *p)
{
	memset(p, 0, sizeof(*p));
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < r->gs.n; i++)
			if (r->gs.g[i].m[m].n && pivot_place(r, p, &r->gs.g[i], pass))
				return -ENOMEM;
		if (pass)
			break;
		/* cache-less groups with no matching row get their own */
		for (size_t i = 0; i < r->gs.n; i++) {
			struct mb_group *g = &r->gs.g[i];
			char w[256];

			if (!g->m[m].n || *g->kv[MB_K_cache])
				continue;
			workload(r, g, w, sizeof(w));
			if (find(p->bare, p->nbare, w) < 0 && find(p->row, p->nrows, w) < 0 &&
			    (add(&p->row, &p->nrows, w) < 0 || add(&p->bare, &p->nbare, "\x1f") < 0))
				return -ENOMEM;
		}
		if (!(p->cell = calloc(p->nrows * p->ncols + 1, sizeof(*p->cell))))
			return -ENOMEM;
	}
	return 0;
}

static double median_of(const struct mb_samples *s, struct mb_stats *st)
{
	double *c = s->n ? malloc(s->n * sizeof(*c)) : NULL;

	if (!c) { /* no samples, or no memory */
		mb_stats_compute(NULL, 0, st); /* all NAN */
		return NAN;
	}
	memcpy(c, s->v, s->n * sizeof(*c));
	mb_stats_compute(c, s->n, st);
	free(c);
	return st->median;
}

static void throughput_cell(FILE *f, const struct mb_group *g)
{
	struct mb_stats st;
	char b[32];
	double half;

	median_of(&g->m[MB_M_MIB_PER_S], &st);
	half = fmax(st.ci_hi - st.median, st.median - st.ci_lo) / st.median * 100;
	fprintf(f, " %s ±%.*f%% |", speed(st.median, b, sizeof(b)), half < 10 ? 1 : 0, half);
}

static void latency_cell(FILE *f, const struct mb_group *g)
{
	struct mb_stats a, b, c;

	median_of(&g->m[MB_M_LAT_P50], &a);
	median_of(&g->m[MB_M_LAT_P99], &b);
	median_of(&g->m[MB_M_LAT_P999], &c);
	fprintf(f, " %.3g / %.3g / %.3g |", a.median / 1e3, b.median / 1e3, c.median / 1e3);
}

static void table(struct rep *r, enum mb_gmetric m, void (*fill)(FILE *, const struct mb_group *))
{
	struct pivot p;

	if (pivot_build(r, m, &p)) {
		fputs("(out of memory)\n\n", r->f);
		pivot_free(&p);
		return;
	}
	fputs("| workload |", r->f);
	for (size_t c = 0; c < p.ncols; c++) {
		fputc(' ', r->f);
		cell(r->f, p.col[c]);
		fputs(" |", r->f);
	}
	fputs("\n|---|", r->f);
	for (size_t c = 0; c < p.ncols; c++)
		fputs("---|", r->f);
	fputc('\n', r->f);
	for (size_t i = 0; i < p.nrows && i < MAX_TABLE_ROWS; i++) {
		fputs("| ", r->f);
		cell(r->f, p.row[i]);
		fputs(" |", r->f);
		for (size_t c = 0; c < p.ncols; c++)
			if (p.cell[i * p.ncols + c])
				fill(r->f, p.cell[i * p.ncols + c]);
			else
				fputs(" |", r->f);
		fputc('\n', r->f);
	}
	if (p.nrows > MAX_TABLE_ROWS)
		fprintf(r->f, "\n… and %zu more workloads: see plots/summary.csv.\n", p.nrows - MAX_TABLE_ROWS);
	fputc('\n', r->f);
	pivot_free(&p);
}

static int any_samples(const struct rep *r, enum mb_gmetric m)
{
	for (size_t i = 0; i < r->gs.n; i++)
		if (r->gs.g[i].m[m].n)
			return 1;
	return 0;
}

static void section_tables(struct rep *r)
{
	fputs("## Throughput\n\nMedian throughput per workload and method, ± the half-width of its "
	      "95% confidence interval (of the median). `memread` reads the same bytes from memory: "
	      "the ceiling no file method should pass (the notes say where one does). All "
	      "statistics: `mapbench summarize results.csv` (also in plots/summary.csv after "
	      "rendering).\n\n", r->f);
	table(r, MB_M_MIB_PER_S, throughput_cell);
	if (!any_samples(r, MB_M_LAT_P50))
		return;
	fputs("## Random-access latency\n\nMedian over the latency repetitions (those that timed "
	      "every operation) of each repetition's p50 / p99 / p99.9 latency per block, in µs.\n\n",
	      r->f);
	table(r, MB_M_LAT_P50, latency_cell);
}

static const struct {
	const char *name, *title, *what;
} charts[] = {
	{"throughput_vs_size", "Throughput against file size",
	 "Medians with 95% CIs; memread is the memory ceiling"},
	{"throughput_vs_block", "Throughput against block size", "Where a method falls off a cliff"},
	{"mmap_read_heatmap", "mmap ÷ read", "Above 1 mmap is faster; ~ marks no significant difference"},
	{"cold_warm_ratio", "Cold ÷ warm", "What a cold page cache costs each method"},
	{"latency_percentiles", "Random-access latency percentiles", "p50, p99, p99.9 per method"},
	{"latency_cdf", "Random-access latency distribution", "From the --lat-out histograms"},
	{"faults_per_mib", "Page faults per MiB read", "Minor and major faults"},
	{"cpu_split", "CPU time per GiB", "User and system time against wall time"},
	{"compare", "Comparison of two result sets", "Ratio per configuration with 95% CI"},
	{"write_throughput", "Write throughput", "Medians with 95% CIs per write method, a panel per sync mode and target"},
	{"write_time_split", "Where a write's time goes", "Setup, io, sync and teardown medians per write method"},
	{"rmw_time", "Read-modify-write time", "Median total time per rmw method at each file size"},
	{"fault_cost", "Cost of a page fault", "Time and minor faults per page touched"},
	{"timeline", "Throughput over time", "MiB/s per interval of repetition 1, from the --timeline file"},
	{"read_amp", "Read amplification", "Device bytes read per byte used, cold or memory-limited"},
	{"scale", "Scaling with workers", "Operations per second against threads and processes"},
	{"explain", "The cost model against the measurement",
	 "Predicted time stacked by term next to the measured time (mapbench explain, machine.csv)"},
};

static void section_charts(struct rep *r)
{
	char path[4096];
	size_t n = 0;

	fputs("## Charts\n\n", r->f);
	for (size_t i = 0; i < sizeof(charts) / sizeof(charts[0]); i++) {
		snprintf(path, sizeof(path), "%s/plots/%s.png", r->dir, charts[i].name);
		if (access(path, R_OK))
			continue;
		fprintf(r->f, "### %s\n\n%s ([SVG](plots/%s.svg)).\n\n![%s](plots/%s.png)\n\n",
			charts[i].title, charts[i].what, charts[i].name, charts[i].title, charts[i].name);
		n++;
	}
	if (!n)
		fprintf(r->f, "No charts yet: run `plots/render.sh %s`, then this command again.\n\n",
			r->dir);
}


static void note_msgs(FILE *f, const char *what, size_t rows, const struct mb_scan_msgs *m)
{
	fprintf(f, "- **%zu %s row%s.**", rows, what, rows == 1 ? "" : "s");
	for (size_t i = 0; i < m->n; i++) {
		fprintf(f, "%s %zu× `", i ? ";" : "", m->count[i]);
		cell(f, *m->msg[i] ? m->msg[i] : "(no reason given)");
		fputc('`', f);
	}
	if (m->more)
		fprintf(f, "; %zu more with other reasons", m->more);
	fputs("\n", f);
}

/* A configuration and the value a note ranks it by (largest first). */
struct ranked {
	const struct mb_group *g;
	double v;
};

static int by_value_desc(const void *a, const void *b)
{
	double x = ((const struct ranked *)a)->v, y = ((const struct ranked *)b)->v;

	return (x < y) - (x > y);
}

static void note_noisy(struct rep *r)
{
	struct ranked *l = calloc(r->gs.n + 1, sizeof(*l));
	size_t n = 0, outl = 0, single = 0;
	char w[256], v[256];

	if (!l)
		return;
	for (size_t i = 0; i < r->gs.n; i++) {
		struct mb_stats st;

		median_of(&r->gs.g[i].m[MB_M_MIB_PER_S], &st);
		single += st.n == 1;
		outl += st.outliers > 0;
		if (st.n >= 2 && st.cv > CV_SUSPICIOUS)
			l[n++] = (struct ranked){.g = &r->gs.g[i], .v = st.cv};
	}
	qsort(l, n, sizeof(*l), by_value_desc);
	if (n) {
		fprintf(r->f, "- **%zu of %zu configurations vary by more than %.0f%% (CV of MiB/s)**: "
			"their medians are less certain; rerun on a quieter machine or with more --reps. ",
			n, r->gs.n, CV_SUSPICIOUS * 100);
		for (size_t i = 0; i < n && i < MAX_NOTE_ITEMS; i++) {
			workload(r, l[i].g, w, sizeof(w));
			mb_group_series(l[i].g, v, sizeof(v));
			fprintf(r->f, "%s%s %s %.1f%%", i ? "; " : "Worst: ", v, w, l[i].v * 100);
		}
		fputs(n > MAX_NOTE_ITEMS ? "; …\n" : ".\n", r->f);
	}
	if (outl)
		fprintf(r->f, "- %zu configurations have outlying repetitions (modified z-score > 3.5; "
			"`mib_per_s_outliers` in the summary).\n", outl);
	if (single)
		fprintf(r->f, "- %zu configurations have a single sample: no spread, no interval.\n",
			single);
	free(l);
}

/* Cold or memory-limited configurations whose median read amplification
 * (read_amp: device bytes per byte asked for) is above READ_AMP_HIGH. */
static void note_read_amp(struct rep *r)
{
	struct ranked *l = calloc(r->gs.n + 1, sizeof(*l));
	char w[256], v[256];
	size_t n = 0;

	if (!l)
		return;
	for (size_t i = 0; i < r->gs.n; i++) {
		const struct mb_group *g = &r->gs.g[i];
		struct mb_stats st;

		if (strcmp(g->kv[MB_K_cache], "cold") && !*g->kv[MB_K_mem_limit_bytes])
			continue;
		median_of(&g->m[MB_M_DEV_READ_PER_BYTE], &st);
		if (st.n && st.median > READ_AMP_HIGH)
			l[n++] = (struct ranked){.g = g, .v = st.median};
	}
	qsort(l, n, sizeof(*l), by_value_desc);
	if (n)
		fprintf(r->f, "- **%zu cold or memory-limited configuration%s read more than %.1f× the "
			"bytes asked for from the device** (median `read_amp`): readahead fetched pages the "
			"method never used, and under a memory limit evicted pages were read again. ",
			n, n == 1 ? "" : "s", READ_AMP_HIGH);
	for (size_t i = 0; i < n && i < MAX_NOTE_ITEMS; i++) {
		workload(r, l[i].g, w, sizeof(w));
		mb_group_series(l[i].g, v, sizeof(v));
		fprintf(r->f, "%s%s %s %.1f×", i ? "; " : "Worst: ", v, w, l[i].v);
	}
	if (n)
		fputs(n > MAX_NOTE_ITEMS ? "; …\n" : ".\n", r->f);
	free(l);
}

/* The memread group of file group g's configuration (same environment,
 * pattern, sizes, threads, consume and buffer offset; memread has no cache
 * state, takes no advice and has no queue depth, iov, window or fixed
 * buffers), or NULL. */
static const struct mb_group *reference_of(const struct rep *r, const struct mb_group *g)
{
	static const enum mb_gkey none[] = {MB_K_cache, MB_K_queue_depth, MB_K_iov, MB_K_window_bytes,
					    MB_K_fixed_buffers};
	const char *kv[MB_NKEYS];

	memcpy(kv, g->kv, sizeof(kv));
	kv[MB_K_method] = "memread";
	kv[MB_K_advice] = "none";
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		kv[none[i]] = "";
	return mb_groups_find(&r->gs, kv);
}

struct above {
	const struct mb_group *g;
	double med, ref_med, ref_hi;
};

static int by_excess_desc(const void *a, const void *b)
{
	const struct above *x = a, *y = b;
	double ex = x->med / x->ref_hi, ey = y->med / y->ref_hi;

	return (ex < ey) - (ex > ey);
}

/* Warm file methods whose median throughput is above the upper end of the
 * 95% CI of memread's median in the same configuration: the reference is no
 * ceiling there (DESIGN §3, first touches). */
static void note_ceiling(struct rep *r)
{
	struct above *l = calloc(r->gs.n + 1, sizeof(*l));
	char w[256], v[256], a[32], b[32], c[32];
	size_t n = 0;

	if (!l)
		return;
	for (size_t i = 0; i < r->gs.n; i++) {
		const struct mb_group *g = &r->gs.g[i], *ref;
		const char *cache = g->kv[MB_K_cache];
		struct mb_stats st, rs;

		if (strcmp(cache, "warm") && strcmp(cache, "warm-4k"))
			continue;
		if (!strcmp(g->kv[MB_K_method], "memread") || !(ref = reference_of(r, g)))
			continue;
		median_of(&g->m[MB_M_MIB_PER_S], &st);
		median_of(&ref->m[MB_M_MIB_PER_S], &rs);
		if (st.n && rs.n && st.median > rs.ci_hi)
			l[n++] = (struct above){.g = g, .med = st.median, .ref_med = rs.median,
						.ref_hi = rs.ci_hi};
	}
	qsort(l, n, sizeof(*l), by_excess_desc);
	if (n)
		fprintf(r->f, "- **The reference is below a method: its figures are not a ceiling "
			"here.** In %zu configuration%s a file method's median throughput is above "
			"the upper end of the 95%% CI of memread's median, although memread reads the "
			"same bytes from memory. The reference paid a cost the method did not (first "
			"touches of its buffer, smaller pages, another tenant's burst): read these "
			"methods against each other, not as a %% of memread. ", n, n == 1 ? "" : "s");
	for (size_t i = 0; i < n && i < MAX_NOTE_ITEMS; i++) {
		workload(r, l[i].g, w, sizeof(w));
		mb_group_series(l[i].g, v, sizeof(v));
		fprintf(r->f, "%s%s %s: %s against memread %s (CI up to %s)", i ? "; " : "", v, w,
			speed(l[i].med, a, sizeof(a)), speed(l[i].ref_med, b, sizeof(b)),
			speed(l[i].ref_hi, c, sizeof(c)));
	}
	if (n)
		fputs(n > MAX_NOTE_ITEMS ? "; …\n" : ".\n", r->f);
	free(l);
}

static void section_notes(struct rep *r)
{
	const struct mb_scan *s = &r->scan;
	long at = ftell(r->f);

	fputs("## Notes\n\n", r->f);
	if (s->error)
		note_msgs(r->f, "error", s->error, &s->errors);
	if (s->cold_unreached)
		fprintf(r->f, "- %zu of the error rows are cold-cache rows whose state was not reached "
			"(pages stayed resident): those configurations have fewer or no cold samples.\n",
			s->cold_unreached);
	if (s->unsupported)
		note_msgs(r->f, "unsupported", s->unsupported, &s->unsupported_msgs);
	if (s->cold_undelivered)
		fprintf(r->f, "- **%zu of %zu cold rows read less than half their bytes from the "
			"device** (`dev_read_bytes`): another cache (a VM host, a RAID controller) or "
			"an accounting gap may be answering; their speed is not the device's.\n",
			s->cold_undelivered, s->cold_ok);
	note_ceiling(r);
	note_read_amp(r);
	note_noisy(r);
	if (ftell(r->f) == at + (long)strlen("## Notes\n\n"))
		fputs("Nothing suspicious: no error rows, every cache state reached, no method "
		      "above the memread reference, no cold or memory-limited read amplification above "
		      "1.5×, every configuration's CV at most 5%.\n", r->f);
	fputc('\n', r->f);
}

static void write_all(struct rep *r)
{
	const struct mb_scan_vals *ids = &r->scan.env[MB_E_RUN_ID];
	const char *v[2];

	for (size_t k = 0; k < MB_NKEYS; k++)
		r->varies[k] = mb_groups_distinct(&r->gs, (enum mb_gkey)k, v, 2) > 1;
	fprintf(r->f, "# mapbench report%s%s\n\n", ids->n == 1 ? ": " : "",
		ids->n == 1 ? ids->v[0] : "");
	fprintf(r->f, "%zu rows in results.csv: %zu ok, %zu error, %zu unsupported; %zu "
		"configurations. Columns: docs/csv-schema.md; what each number means: "
		"docs/methodology.md.\n\n", r->scan.rows, r->scan.ok, r->scan.error, r->scan.unsupported,
		r->gs.n);
	section_verdict(r, "read", "read", "pread");
	section_verdict(r, "write", "write", "pwrite");
	if (mb_report_rmw(r->f, &r->gs))
		fputs("(the read-modify-write section is missing: out of memory)\n\n", r->f);
	section_notes(r);
	section_env(r, r->dir);
	section_tables(r);
	section_charts(r);
}

static int fill(FILE *f, void *ctx)
{
	struct rep *r = ctx;

	r->f = f;
	write_all(r);
	return 0;
}

int mb_report_write(const char *dir, char *err, size_t errlen)
{
	struct rep r = {.dir = dir};
	char in[4096], out[4096];
	int rc;

	snprintf(in, sizeof(in), "%s/results.csv", dir);
	snprintf(out, sizeof(out), "%s/REPORT.md", dir);
	if ((rc = mb_report_machine_load(dir, &r.machine, err, errlen)) < 0)
		return rc;
	r.have_machine = rc;
	/* explain's model needs more of each row than the tables do */
	if (r.have_machine)
		r.gs.extra = mb_explain_extra;
	if (!(rc = mb_report_scan(in, &r.scan, err, errlen)) &&
	    !(rc = mb_groups_read_path(&r.gs, in, err, errlen)))
		rc = mb_replace_file(out, fill, &r, err, errlen);
	mb_machine_free(&r.machine);
	mb_report_scan_free(&r.scan);
	mb_groups_free(&r.gs);
	return rc;
}
