/* compare_out.c: a comparison (compare.h) written out: an aligned terminal
 * table, Markdown for reports, CSV for the charts (docs/csv-schema.md), and
 * Go benchmark text for benchstat. */
#include "compare.h"
#include "csvio.h"
#include "ratio.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A measure's value: 4 significant digits, whole numbers from 10000 on. */
static const char *num(double x, char *buf, size_t len)
{
	if (isnan(x))
		snprintf(buf, len, "%s", "");
	else
		snprintf(buf, len, fabs(x) >= 1e4 ? "%.0f" : "%.4g", x);
	return buf;
}

static const char *dir_word(const struct mb_compare *c)
{
	return c->higher_better ? "higher is better" : "lower is better";
}

void mb_compare_summary_line(const struct mb_compare *c, size_t s, char *buf, size_t len)
{
	const struct mb_cmp_summary *m = &c->sum[s];
	const char *base = c->sides[0].title, *side = c->sides[s].title;
	char g[32], lo[32], hi[32], apart[300] = "";

	if (m->unlike || m->base_only || m->side_only)
		snprintf(apart, sizeof(apart), "; apart: %zu unlike, %zu on the baseline only, %zu on %s only",
			 m->unlike, m->base_only, m->side_only, c->sides[s].name);
	if (!m->like) {
		snprintf(buf, len, "%s vs %s: no configuration compared like with like%s", side, base, apart);
		return;
	}
	mb_fmt_ratio(m->geomean, g, sizeof(g));
	mb_fmt_ratio(m->lo, lo, sizeof(lo));
	mb_fmt_ratio(m->hi, hi, sizeof(hi));
	snprintf(buf, len, "%s vs %s: %s× the baseline's %s (%s), geomean over %zu configuration%s, "
		 "95%% CI %s–%s; %zu faster, %zu slower, %zu ~%s%s", side, base, g,
		 mb_gmetric_names[c->metric], dir_word(c), m->like, m->like == 1 ? "" : "s", lo, hi,
		 m->faster, m->slower, m->same, apart,
		 !(m->best_p < 0.05) ? " (too few repetitions: after Holm's correction over these "
		 "configurations no difference could be significant; take more)" : "");
}

/* The cells of a row for the table and Markdown. */
enum { C_CONF, C_BASE, C_SIDE, C_RATIO, C_P, C_MARK, NCELLS };
struct cells {
	char v[NCELLS][256];
};

static void side_cell(const struct mb_stats *st, char *buf, size_t len)
{
	char m[32], lo[32], hi[32];

	if (!st->n) {
		snprintf(buf, len, "%s", "-");
		return;
	}
	snprintf(buf, len, "%s [%s, %s] n=%zu", num(st->median, m, sizeof(m)), num(st->ci_lo, lo, sizeof(lo)),
		 num(st->ci_hi, hi, sizeof(hi)), st->n);
}

static void fill_cells(const struct mb_compare *c, const struct mb_cmp_row *r, struct cells *x)
{
	char a[32], lo[32], hi[32];

	mb_compare_label(c, r, x->v[C_CONF], sizeof(x->v[C_CONF]));
	side_cell(&r->sb, x->v[C_BASE], sizeof(x->v[C_BASE]));
	side_cell(&r->so, x->v[C_SIDE], sizeof(x->v[C_SIDE]));
	x->v[C_RATIO][0] = x->v[C_P][0] = '\0';
	if (r->has_ratio) {
		mb_fmt_ratio(r->r.ratio, a, sizeof(a));
		mb_fmt_ratio(r->r.ci_lo, lo, sizeof(lo));
		mb_fmt_ratio(r->r.ci_hi, hi, sizeof(hi));
		snprintf(x->v[C_RATIO], sizeof(x->v[C_RATIO]), "%s [%s, %s] %+.1f%%", a, lo, hi,
			 (r->r.ratio - 1) * 100);
		if (!isnan(r->p_holm))
			snprintf(x->v[C_P], sizeof(x->v[C_P]), "%.2g", r->p_holm);
		else
			snprintf(x->v[C_P], sizeof(x->v[C_P]), "%s", r->reason);
	}
	snprintf(x->v[C_MARK], sizeof(x->v[C_MARK]), "%s", mb_cmp_mark_name(r->mark));
}

static int say(int out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int say(int out, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(out, fmt, ap);
	va_end(ap);
	return n < 0 ? -EIO : 0;
}

/* The rows of side s in class cls, as "label: reason" lines with prefix. */
static int list_apart(const struct mb_compare *c, size_t s, enum mb_cmp_class cls, const char *title,
		      const char *prefix, int out)
{
	int rc = 0, first = 1;

	for (size_t i = 0; i < c->nrows && !rc; i++) {
		const struct mb_cmp_row *r = &c->rows[i];
		char label[256];

		if (r->side != s || r->cls != cls)
			continue;
		if (first && (rc = say(out, "%s\n", title)))
			break;
		first = 0;
		mb_compare_label(c, r, label, sizeof(label));
		rc = say(out, "%s%s%s%s\n", prefix, label, *r->reason ? ": " : "", r->reason);
	}
	return rc;
}

static int apart_lists(const struct mb_compare *c, size_t s, int out, int md)
{
	const char *pre = md ? "- " : "  ";
	char only[200];

	snprintf(only, sizeof(only), md ? "\n**On %s only**\n" : "on %s only:", c->sides[s].name);
	if (list_apart(c, s, MB_CMP_UNLIKE, md ? "\n**Unlike: listed apart, not in the summary**\n" :
		       "unlike (listed apart, not in the summary):", pre, out) ||
	    (c->sum[s].folio_apart && say(out, md ? "\n(%zu for their large-folio shares: when the "
					  "filesystems or kernels compared differ in large-folio support, that "
					  "is part of what they do; --ignore-folios compares them too)\n" :
					  "  (%zu for their large-folio shares: --ignore-folios compares them "
					  "too)\n", c->sum[s].folio_apart)) ||
	    list_apart(c, s, MB_CMP_BASE_ONLY, md ? "\n**On the baseline only**\n" :
		       "on the baseline only:", pre, out) ||
	    list_apart(c, s, MB_CMP_SIDE_ONLY, only, pre, out))
		return -EIO;
	return 0;
}

static int write_table_side(const struct mb_compare *c, size_t s, int out)
{
	struct cells head, *x;
	size_t w[NCELLS] = {0}, n = 0;
	char line[2048];
	int rc = 0;

	if (!(x = calloc(c->nrows ? c->nrows : 1, sizeof(*x))))
		return -ENOMEM;
	snprintf(head.v[C_CONF], sizeof(head.v[0]), "configuration");
	snprintf(head.v[C_BASE], sizeof(head.v[0]), "%s (baseline)", c->sides[0].name);
	snprintf(head.v[C_SIDE], sizeof(head.v[0]), "%s", c->sides[s].name);
	snprintf(head.v[C_RATIO], sizeof(head.v[0]), "ratio [95%% CI]");
	snprintf(head.v[C_P], sizeof(head.v[0]), "p (Holm)");
	snprintf(head.v[C_MARK], sizeof(head.v[0]), "%s", "");
	for (size_t i = 0; i < c->nrows; i++)
		if (c->rows[i].side == s && c->rows[i].cls == MB_CMP_LIKE)
			fill_cells(c, &c->rows[i], &x[n++]);
	for (size_t k = 0; k < NCELLS; k++) {
		w[k] = strlen(head.v[k]);
		for (size_t i = 0; i < n; i++)
			w[k] = strlen(x[i].v[k]) > w[k] ? strlen(x[i].v[k]) : w[k];
	}
	mb_compare_summary_line(c, s, line, sizeof(line));
	rc = say(out, "%s\nper configuration: median %s [95%% CI] n=samples on each side; ratio = %s ÷ "
		 "baseline; p after Holm's correction; ~ not significant (p >= 0.05 or n < %d)\n\n",
		 line, mb_gmetric_names[c->metric], c->sides[s].name, MB_CMP_MIN_SAMPLES);
	for (size_t i = 0; i <= n && !rc; i++) {
		const struct cells *r = i ? &x[i - 1] : &head;

		rc = say(out, "%-*s  %-*s  %-*s  %-*s  %-*s  %s\n", (int)w[0], r->v[0], (int)w[1], r->v[1],
			 (int)w[2], r->v[2], (int)w[3], r->v[3], (int)w[4], r->v[4], r->v[5]);
	}
	free(x);
	if (!rc)
		rc = apart_lists(c, s, out, 0);
	return rc;
}

int mb_compare_write_table(const struct mb_compare *c, int out)
{
	int rc = 0;

	for (size_t s = 1; s < c->nsides && !rc; s++)
		rc = (s > 1 ? say(out, "\n") : 0) || write_table_side(c, s, out) ? -EIO : 0;
	return rc;
}

int mb_compare_write_md(const struct mb_compare *c, int out)
{
	int rc = 0;

	for (size_t s = 1; s < c->nsides && !rc; s++) {
		char line[2048];

		mb_compare_summary_line(c, s, line, sizeof(line));
		rc = say(out, "%s**%s**\n\nMedian %s (%s) with its 95%% CI and sample count per side; ratio = "
			 "%s ÷ baseline; p after Holm's correction over the %zu configurations "
			 "compared; ~ = not significant (p ≥ 0.05, or fewer than %d samples a side).\n\n"
			 "| configuration | %s (baseline) | %s | ratio [95%% CI] | p (Holm) | |\n"
			 "|---|---|---|---|---|---|\n", s > 1 ? "\n" : "", line,
			 mb_gmetric_names[c->metric], dir_word(c), c->sides[s].name, c->sum[s].like,
			 MB_CMP_MIN_SAMPLES, c->sides[0].name, c->sides[s].name);
		for (size_t i = 0; i < c->nrows && !rc; i++) {
			struct cells x;

			if (c->rows[i].side != s || c->rows[i].cls != MB_CMP_LIKE)
				continue;
			fill_cells(c, &c->rows[i], &x);
			rc = say(out, "| %s | %s | %s | %s | %s | %s |\n", x.v[0], x.v[1], x.v[2], x.v[3],
				 x.v[4], x.v[5]);
		}
		if (!rc)
			rc = apart_lists(c, s, out, 1);
	}
	return rc;
}

/* The workload columns a compare CSV row carries (docs/csv-schema.md). */
static const int workload[] = {MB_K_op, MB_K_method, MB_K_advice, MB_K_consume, MB_K_pattern,
			       MB_K_cache, MB_K_file_size_bytes, MB_K_block_size_bytes, MB_K_threads,
			       MB_K_queue_depth, MB_K_target, MB_K_sync, MB_K_method_options};
#define NWORK (sizeof(workload) / sizeof(workload[0]))
static const char *const head_before[] = {"baseline", "side", "compared", "label", "series"};
static const char *const head_after[] = {
	"metric", "better", "base_n", "base_median", "base_ci_lo", "base_ci_hi", "target_n",
	"target_median", "target_ci_lo", "target_ci_hi", "ratio", "ratio_ci_lo", "ratio_ci_hi",
	"ci_level", "p", "p_holm", "mark", "class", "reason", "n_faster", "n_slower", "n_same"};
#define NBEFORE (sizeof(head_before) / sizeof(head_before[0]))
#define NAFTER (sizeof(head_after) / sizeof(head_after[0]))
#define NCOLS (NBEFORE + NWORK + NAFTER)

static void compared_list(const struct mb_compare *c, char *buf, size_t len)
{
	size_t at = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < MB_NKEYS && at < len; k++)
		if (c->compared[k]) {
			int n = snprintf(buf + at, len - at, "%s%s", at ? ";" : "", mb_gkey_names[k]);

			at += n > 0 ? (size_t)n : 0;
		}
}

static void stat_cells(const struct mb_stats *st, char (*b)[32], const char **cell)
{
	snprintf(b[0], 32, "%zu", st->n);
	cell[0] = b[0];
	cell[1] = st->n ? (snprintf(b[1], 32, "%.6g", st->median), b[1]) : "";
	cell[2] = st->n && !isnan(st->ci_lo) ? (snprintf(b[2], 32, "%.6g", st->ci_lo), b[2]) : "";
	cell[3] = st->n && !isnan(st->ci_hi) ? (snprintf(b[3], 32, "%.6g", st->ci_hi), b[3]) : "";
}

static int csv_row(const struct mb_compare *c, size_t s, const struct mb_cmp_row *r, int out)
{
	const struct mb_group *g = r->base ? r->base : r->other;
	const char *cell[NCOLS];
	char label[256], series[256], cmp[256], b[16][32];
	size_t n = 0;

	compared_list(c, cmp, sizeof(cmp));
	mb_compare_label(c, r, label, sizeof(label));
	mb_group_series(g, series, sizeof(series));
	cell[n++] = c->sides[0].title, cell[n++] = c->sides[s].title, cell[n++] = cmp;
	cell[n++] = label, cell[n++] = series;
	for (size_t i = 0; i < NWORK; i++)
		cell[n++] = g->kv[workload[i]];
	cell[n++] = mb_gmetric_names[c->metric];
	cell[n++] = c->higher_better ? "higher" : "lower";
	stat_cells(&r->sb, &b[0], &cell[n]);
	n += 4;
	stat_cells(&r->so, &b[4], &cell[n]);
	n += 4;
	snprintf(b[8], 32, "%.4f", r->r.ratio);
	snprintf(b[9], 32, "%.4f", r->r.ci_lo);
	snprintf(b[10], 32, "%.4f", r->r.ci_hi);
	snprintf(b[11], 32, "%.4g", r->r.ci_level);
	snprintf(b[12], 32, "%.4g", r->r.p);
	snprintf(b[13], 32, "%.4g", r->p_holm);
	for (size_t i = 8; i < 13; i++)
		cell[n++] = r->has_ratio ? b[i] : "";
	cell[n++] = isnan(r->p_holm) ? "" : b[13];
	cell[n++] = mb_cmp_mark_name(r->mark);
	cell[n++] = mb_cmp_class_name(r->cls);
	cell[n++] = r->reason;
	cell[n++] = "", cell[n++] = "", cell[n++] = "";
	return mb_csv_write_fd(out, cell, n);
}

static int csv_geomean(const struct mb_compare *c, size_t s, int out)
{
	const struct mb_cmp_summary *m = &c->sum[s];
	const char *cell[NCOLS];
	char cmp[256], b[8][32];
	size_t n = 0;

	compared_list(c, cmp, sizeof(cmp));
	cell[n++] = c->sides[0].title, cell[n++] = c->sides[s].title, cell[n++] = cmp;
	cell[n++] = "geomean", cell[n++] = "";
	for (size_t i = 0; i < NWORK; i++)
		cell[n++] = "";
	cell[n++] = mb_gmetric_names[c->metric];
	cell[n++] = c->higher_better ? "higher" : "lower";
	snprintf(b[0], 32, "%zu", m->like);
	cell[n++] = b[0], cell[n++] = "", cell[n++] = "", cell[n++] = "";
	cell[n++] = b[0], cell[n++] = "", cell[n++] = "", cell[n++] = "";
	snprintf(b[1], 32, "%.4f", m->geomean);
	snprintf(b[2], 32, "%.4f", m->lo);
	snprintf(b[3], 32, "%.4f", m->hi);
	cell[n++] = m->like ? b[1] : "", cell[n++] = m->like ? b[2] : "", cell[n++] = m->like ? b[3] : "";
	cell[n++] = m->like ? "0.95" : "", cell[n++] = "", cell[n++] = "", cell[n++] = "";
	cell[n++] = "geomean", cell[n++] = "";
	snprintf(b[4], 32, "%zu", m->faster);
	snprintf(b[5], 32, "%zu", m->slower);
	snprintf(b[6], 32, "%zu", m->same);
	cell[n++] = b[4], cell[n++] = b[5], cell[n++] = b[6];
	return mb_csv_write_fd(out, cell, n);
}

int mb_compare_write_csv(const struct mb_compare *c, int out)
{
	const char *h[NCOLS];
	size_t n = 0;
	int rc;

	for (size_t i = 0; i < NBEFORE; i++)
		h[n++] = head_before[i];
	for (size_t i = 0; i < NWORK; i++)
		h[n++] = mb_gkey_names[workload[i]];
	for (size_t i = 0; i < NAFTER; i++)
		h[n++] = head_after[i];
	rc = mb_csv_write_fd(out, h, n);
	for (size_t s = 1; s < c->nsides && !rc; s++) {
		for (size_t i = 0; i < c->nrows && !rc; i++)
			if (c->rows[i].side == s)
				rc = csv_row(c, s, &c->rows[i], out);
		if (!rc)
			rc = csv_geomean(c, s, out);
	}
	return rc;
}

/* A benchmark name part: no spaces, slashes or control characters. */
static void clean(char *s)
{
	for (; *s; s++)
		if (*s <= ' ' || *s == '/' || *s == ':')
			*s = '_';
}

/* "BenchmarkMapbench/method=mmap/op=read/.../block=131072": the workload
 * columns that have a value. */
static void bench_name(const struct mb_group *g, char *buf, size_t len)
{
	size_t at = (size_t)snprintf(buf, len, "BenchmarkMapbench");

	for (size_t i = 0; i < NWORK && at < len; i++) {
		char v[256];
		int n;

		if (!*g->kv[workload[i]])
			continue;
		snprintf(v, sizeof(v), "%s", g->kv[workload[i]]);
		clean(v);
		n = snprintf(buf + at, len - at, "/%s=%s", mb_gkey_names[workload[i]], v);
		at += n > 0 ? (size_t)n : 0;
	}
}

/* benchstat's name for a compared column's key line. */
static const char *key_word(size_t k)
{
	return k == MB_K_fs_type ? "fs" : mb_gkey_names[k];
}

static int bench_side(const struct mb_compare *c, size_t s, int out)
{
	const struct mb_cmp_side *t = &c->sides[s];
	int mib = c->metric == MB_M_MIB_PER_S, any = 0, rc = 0;

	for (size_t k = 0; k < MB_NKEYS && !rc; k++)
		if (c->compared[k]) {
			char v[512];

			snprintf(v, sizeof(v), "%s", t->val[k] ? t->val[k] : "*");
			rc = say(out, "%s: %s\n", key_word(k), *v ? v : "(empty)");
			any = 1;
		}
	if (!rc && !any)
		rc = say(out, "file: %s\n", t->file);
	for (size_t i = 0; i < t->n && !rc; i++) {
		const struct mb_group *g = t->g[i];
		const struct mb_samples *m = &g->m[c->metric], *ns = &g->m[MB_M_TOTAL_NS];
		char name[1024];

		if (!m->n)
			continue;
		bench_name(g, name, sizeof(name));
		for (size_t j = 0; j < m->n && !rc; j++) {
			if (mib && ns->n == m->n) /* both from the same rows */
				rc = say(out, "%s 1 %.0f ns/op %.4f MB/s\n", name, ns->v[j],
					 m->v[j] * 1.048576);
			else if (mib)
				rc = say(out, "%s 1 %.4f MB/s\n", name, m->v[j] * 1.048576);
			else
				rc = say(out, "%s 1 %.6g %s/op\n", name, m->v[j], mb_gmetric_names[c->metric]);
		}
	}
	return rc;
}

int mb_compare_write_benchstat(const struct mb_compare *c, int out)
{
	int rc = say(out, "goos: linux\npkg: mapbench\n");

	for (size_t s = 0; s < c->nsides && !rc; s++)
		rc = bench_side(c, s, out);
	return rc;
}
