/* crosscheck_text.c: the table of mapbench against fio and its findings as
 * text (the body of bench/crosscheck-fio.sh's crosscheck.txt): one line per
 * configuration and pair, then each ratio outside 0.9-1.1 with its likely
 * cause (crosscheck_cause.c), then the memory handed back to the host. */
#include "crosscheck.h"
#include "parse.h"

#include <math.h>
#include <string.h>

#define ROW "%-*s %-25s %10s %10s %10s %10s %6s  %-10s %6s %4s  %s\n"

char *mb_xc_fmt(double x, int decimals, char *buf, size_t len)
{
	double scale = pow(10, decimals);
	char *end;

	snprintf(buf, len, "%.*f", decimals, round(x * scale) / scale);
	if (strchr(buf, '.')) {
		for (end = buf + strlen(buf) - 1; *end == '0'; end--)
			*end = '\0';
		if (*end == '.')
			*end = '\0';
	}
	if (!strcmp(buf, "-0"))
		strcpy(buf, "0");
	return buf;
}

/* A median: whole above 100000, 1 decimal above 100, else 3. */
static char *fmt_median(double x, char *buf, size_t len)
{
	return mb_xc_fmt(x, x >= 100000 ? 0 : x >= 100 ? 1 : 3, buf, len);
}

/* "warm seq 128K 1G"; a write's with its sync mode: "warm seq 128K 256M sync=fsync" */
static void config(const struct mb_xc_line *l, char *buf, size_t len)
{
	char b[32], f[32];

	snprintf(buf, len, "%s %s %s %s", l->cache, l->pattern, mb_fmt_size(l->block, b, sizeof(b)),
		 mb_fmt_size(l->file, f, sizeof(f)));
	if (!strcmp(l->op, "write"))
		snprintf(buf + strlen(buf), len - strlen(buf), " sync=%s", *l->sync ? l->sync : "?");
}

/* The width of the configuration column: 18, or the longest configuration. */
static int config_width(const struct mb_xc_table *t)
{
	char cfg[96];
	int w = 18;

	for (size_t i = 0; i < t->n; i++) {
		config(&t->lines[i], cfg, sizeof(cfg));
		if ((int)strlen(cfg) > w)
			w = (int)strlen(cfg);
	}
	return w;
}

static void print_line(const struct mb_xc_line *l, int w, FILE *out)
{
	char cfg[96], m[32], f[32], mo[32] = "-", fo[32] = "-", r[32], lo[32], hi[32], ci[80], p[40], n[48];

	config(l, cfg, sizeof(cfg));
	if (!l->have_ratio) {
		fprintf(out, ROW, w, cfg, l->pair->label, "-", "-", "-", "-", "-", "-", "-", "-", "<- no pair");
		return;
	}
	if (l->ops_mb.ok) {
		fmt_median(l->ops_mb.v, mo, sizeof(mo));
		fmt_median(l->ops_fio.v, fo, sizeof(fo));
	}
	snprintf(ci, sizeof(ci), "%s-%s", mb_xc_fmt(l->ci_lo, 2, lo, sizeof(lo)), mb_xc_fmt(l->ci_hi, 2, hi, sizeof(hi)));
	mb_xc_fmt(l->p, 3, p, sizeof(p));
	if (!l->significant)
		strcat(p, "~");
	snprintf(n, sizeof(n), "%zu/%zu", l->n_mb, l->n_fio);
	fprintf(out, ROW, w, cfg, l->pair->label, fmt_median(l->mib_mb, m, sizeof(m)),
		fmt_median(l->mib_fio, f, sizeof(f)), mo, fo, mb_xc_fmt(l->ratio, 3, r, sizeof(r)), ci, p, n,
		mb_xc_is_finding(l) ? "<- finding" : "");
}

static void print_finding(const struct mb_xc_table *t, const struct mb_xc_line *l, FILE *out)
{
	char cfg[96], r[32], lo[32], hi[32], p[32], cause[4096];

	config(l, cfg, sizeof(cfg));
	if (!l->have_ratio) {
		fprintf(out, "- %s, %s: no ratio: one side has no ok row (see the status and error columns of "
			"results.csv)\n", cfg, l->pair->label);
		return;
	}
	mb_xc_cause(t, l, cause, sizeof(cause));
	fprintf(out, "- %s, %s: mapbench / fio = %s (95%% CI %s-%s, p %s%s): %s\n", cfg, l->pair->label,
		mb_xc_fmt(l->ratio, 3, r, sizeof(r)), mb_xc_fmt(l->ci_lo, 2, lo, sizeof(lo)),
		mb_xc_fmt(l->ci_hi, 2, hi, sizeof(hi)), mb_xc_fmt(l->p, 3, p, sizeof(p)), l->significant ? "" : "~",
		cause);
}

void mb_xc_print(const struct mb_xc_table *t, FILE *out)
{
	size_t nf = 0;
	int w = config_width(t);

	fprintf(out, ROW, w, "configuration", "pair", "mb MiB/s", "fio MiB/s", "mb ops/s", "fio ops/s", "ratio",
		"95% CI", "p", "n", "");
	for (size_t i = 0; i < t->n; i++) {
		print_line(&t->lines[i], w, out);
		nf += !t->lines[i].have_ratio || mb_xc_is_finding(&t->lines[i]);
	}
	fputc('\n', out);
	if (!nf)
		fputs("no findings: every ratio is within 0.9-1.1\n", out);
	else
		fputs("findings (ratio outside 0.9-1.1) and their likely causes:\n", out);
	for (size_t i = 0; i < t->n; i++)
		if (!t->lines[i].have_ratio || mb_xc_is_finding(&t->lines[i]))
			print_finding(t, &t->lines[i], out);
	if (t->have_reported)
		fprintf(out, "\nfree page reporting: %ld MiB of freed memory went back to the host during the runs "
			"(system-wide; per run: page-reporting.jsonl); cold runs that take it back are slow.\n",
			t->reported_mib);
}
