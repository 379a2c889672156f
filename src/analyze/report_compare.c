/* report_compare.c: `mapbench report --compare BASE TARGET... OUT_DIR`: the
 * comparison report. OUT_DIR/compare.csv (what the charts draw) and
 * OUT_DIR/COMPARE.md: what differs between the sides, the summary line per
 * side, the table per configuration, what was kept apart and why, and the
 * charts plots/render.sh --compare drew into OUT_DIR/plots/. */
#include "report_compare.h"
#include "replace.h"
#include "report_scan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct cmp_report {
	const char *out;
	char *const *inputs;     /* as given */
	char **files;            /* each one's results CSV */
	size_t n;
	struct mb_groups *gs;
	struct mb_scan *scan;    /* per file, for the identity columns no key holds */
	struct mb_compare c;
};

static const struct {
	const char *name, *title, *what;
} charts[] = {
	{"compare_ratio", "Ratio per configuration", "Each side ÷ the baseline with its 95% CI; the "
	 "dashed line and band: the geometric mean and its CI"},
	{"compare_scatter", "Baseline against side", "Medians on log axes; on the diagonal both are "
	 "equal"},
	{"compare_heatmap", "Ratio over file and block size", "Per method; ~ marks no significant "
	 "difference"},
};

static void cell(FILE *f, const char *s)
{
	for (; *s; s++)
		if (*s == '|')
			fputs("\\|", f);
		else if (*s == '\n')
			fputc(' ', f);
		else
			fputc(*s, f);
}

/* One row of the "what differs" table: the column, then each side's value. */
static void differs_row(FILE *f, const char *name, const char *const *vals, size_t n)
{
	size_t i;

	for (i = 1; i < n && !strcmp(vals[i], vals[0]); i++)
		;
	if (i == n)
		return;
	fprintf(f, "| %s |", name);
	for (i = 0; i < n; i++) {
		fputc(' ', f);
		cell(f, *vals[i] ? vals[i] : "(empty)");
		fputs(" |", f);
	}
	fputc('\n', f);
}

static void section_differs(struct cmp_report *r, FILE *f)
{
	static const enum mb_env_col nokey[] = {MB_E_CPU, MB_E_BOOT_ID, MB_E_RUN_ID};
	const struct mb_compare *c = &r->c;
	const char **vals = calloc(c->nsides, sizeof(*vals));

	if (!vals)
		return;
	fputs("## What differs between the sides\n\nEvery environment column whose value is not the "
	      "same on every side (\"several\": more than one value on that side).\n\n| column |", f);
	for (size_t s = 0; s < c->nsides; s++) {
		fputc(' ', f);
		cell(f, c->sides[s].name);
		fputs(s ? " |" : " (baseline) |", f);
	}
	fputs("\n|---|", f);
	for (size_t s = 0; s < c->nsides; s++)
		fputs("---|", f);
	fputc('\n', f);
	for (size_t k = 0; k < MB_NENV_KEYS; k++) {
		for (size_t s = 0; s < c->nsides; s++)
			vals[s] = c->sides[s].val[k] ? c->sides[s].val[k] : "several";
		differs_row(f, mb_gkey_names[k], vals, c->nsides);
	}
	/* identity columns that are no key, when each side is a file */
	for (size_t i = 0; r->n == c->nsides && i < sizeof(nokey) / sizeof(nokey[0]); i++) {
		for (size_t s = 0; s < c->nsides; s++) {
			const struct mb_scan_vals *v = &r->scan[s].env[nokey[i]];

			vals[s] = v->n == 1 ? v->v[0] : v->n ? "several" : "";
		}
		differs_row(f, mb_env_col_names[nokey[i]], vals, c->nsides);
	}
	fputc('\n', f);
	free(vals);
}

static void section_charts(struct cmp_report *r, FILE *f)
{
	char path[4096];
	size_t n = 0;

	fputs("## Charts\n\n", f);
	for (size_t i = 0; i < sizeof(charts) / sizeof(charts[0]); i++) {
		snprintf(path, sizeof(path), "%s/plots/%s.png", r->out, charts[i].name);
		if (access(path, R_OK))
			continue;
		fprintf(f, "### %s\n\n%s ([SVG](plots/%s.svg)).\n\n![%s](plots/%s.png)\n\n",
			charts[i].title, charts[i].what, charts[i].name, charts[i].title, charts[i].name);
		n++;
	}
	if (!n)
		fprintf(f, "No charts yet: run `plots/render.sh --compare %s`, then this command again "
			"(bench/compare.sh does both).\n\n", r->out);
}

static int fill_md(FILE *f, void *ctx)
{
	struct cmp_report *r = ctx;
	const struct mb_compare *c = &r->c;
	int rc;

	fputs("# mapbench comparison\n\n", f);
	for (size_t s = 0; s < c->nsides; s++) {
		fprintf(f, "- %s: `", s ? "side" : "**baseline**");
		cell(f, c->sides[s].label);
		fputs("`, from `", f);
		cell(f, r->inputs[s < r->n ? s : 0]);
		fputs("`\n", f);
	}
	fprintf(f, "\nMeasure: %s (%s is better). Every configuration present on both sides that "
		"measured the same thing is compared; the others are listed apart and never enter "
		"the summary. Columns of compare.csv: docs/csv-schema.md; the statistics: "
		"docs/methodology.md.\n\n## Summary\n\n", mb_gmetric_names[c->metric],
		c->higher_better ? "higher" : "lower");
	for (size_t s = 1; s < c->nsides; s++) {
		char line[2048];

		mb_compare_summary_line(c, s, line, sizeof(line));
		fputs("- ", f);
		cell(f, line);
		fputc('\n', f);
	}
	fputc('\n', f);
	section_differs(r, f);
	fputs("## Per configuration\n\n", f);
	if (fflush(f))
		return -EIO;
	if ((rc = mb_compare_write_md(c, fileno(f))))
		return rc;
	fputc('\n', f);
	section_charts(r, f);
	return 0;
}

static int fill_csv(FILE *f, void *ctx)
{
	struct cmp_report *r = ctx;

	return mb_compare_write_csv(&r->c, fileno(f));
}

/* Each input's results CSV: DIR/results.csv for a folder, else the file. */
static int find_files(struct cmp_report *r, char *err, size_t errlen)
{
	struct stat st;

	for (size_t i = 0; i < r->n; i++) {
		size_t len = strlen(r->inputs[i]) + sizeof("/results.csv");

		if (stat(r->inputs[i], &st)) {
			snprintf(err, errlen, "%s: %s", r->inputs[i], strerror(errno));
			return -ENOENT;
		}
		if (!(r->files[i] = malloc(len)))
			return -ENOMEM;
		snprintf(r->files[i], len, S_ISDIR(st.st_mode) ? "%s/results.csv" : "%s", r->inputs[i]);
	}
	return 0;
}

static int read_inputs(struct cmp_report *r, char *err, size_t errlen)
{
	int rc;

	for (size_t i = 0; i < r->n; i++) {
		r->gs[i].track = 1;
		if ((rc = mb_report_scan(r->files[i], &r->scan[i], err, errlen)))
			return rc;
	}
	return mb_groups_read_each(r->gs, r->files, r->n, err, errlen);
}

int mb_report_compare(char *const *inputs, size_t n, const char *out, const struct mb_compare_opts *o,
		      char *err, size_t errlen)
{
	struct cmp_report r = {.out = out, .inputs = inputs, .n = n};
	char path[4096];
	int rc, built = 0;

	r.files = calloc(n, sizeof(*r.files));
	r.gs = calloc(n, sizeof(*r.gs));
	r.scan = calloc(n, sizeof(*r.scan));
	if (!r.files || !r.gs || !r.scan) {
		rc = -ENOMEM;
		goto out_free;
	}
	if ((rc = find_files(&r, err, errlen)) || (rc = read_inputs(&r, err, errlen)) ||
	    (rc = mb_compare_build(&r.c, r.gs, (const char *const *)r.files, n, o, err, errlen)))
		goto out_free;
	built = 1;
	if (mkdir(out, 0777) && errno != EEXIST) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", out, strerror(-rc));
		goto out_free;
	}
	snprintf(path, sizeof(path), "%s/compare.csv", out);
	if ((rc = mb_replace_file(path, fill_csv, &r, err, errlen)))
		goto out_free;
	snprintf(path, sizeof(path), "%s/COMPARE.md", out);
	rc = mb_replace_file(path, fill_md, &r, err, errlen);
out_free:
	if (built)
		mb_compare_free(&r.c);
	for (size_t i = 0; i < n; i++) {
		if (r.gs)
			mb_groups_free(&r.gs[i]);
		if (r.scan)
			mb_report_scan_free(&r.scan[i]);
		if (r.files)
			free(r.files[i]);
	}
	free(r.files);
	free(r.gs);
	free(r.scan);
	return rc;
}
