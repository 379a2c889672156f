/* report_explain.c: the report's explanations from machine.csv (see report_explain.h). */
#include "report_explain.h"
#include "explain.h"

#include <errno.h>
#include <math.h>
#include <string.h>

int mb_report_machine_load(const char *dir, struct mb_machine *m, char *err, size_t errlen)
{
	char path[4096];
	int rc;

	snprintf(path, sizeof(path), "%s/machine.csv", dir);
	rc = mb_machine_load(path, m, err, errlen);
	if (rc == -ENOENT)
		return 0;
	return rc ? rc : 1;
}

/* Text for a Markdown table cell: | escaped. */
static void md(FILE *f, const char *s)
{
	for (; *s; s++)
		if (*s == '|')
			fputs("\\|", f);
		else
			fputc(*s, f);
}

/* "mmap: 4,096 first touches × 2.7 µs = ..." for g. */
static void why_one(FILE *f, const struct mb_machine *m, const struct mb_group *g)
{
	struct mb_explained x;
	size_t skip;

	mb_explain_group(g, m, &x);
	skip = strlen(x.label) + 2;
	md(f, g->kv[MB_K_method]);
	fputs(": ", f);
	md(f, strlen(x.reason) > skip ? x.reason + skip : x.reason);
	if (mb_explained_within(&x, MB_EXPLAIN_WITHIN) == 0)
		fputs(" (unexplained)", f);
}

void mb_report_why(FILE *f, const struct mb_machine *m, const struct mb_group *win,
		   const struct mb_group *other)
{
	why_one(f, m, win);
	if (other) {
		fputs("; ", f);
		why_one(f, m, other);
	}
}

static void num(FILE *f, double v)
{
	if (isnan(v))
		fputs("–", f);
	else if (fabs(v) >= 1000)
		fprintf(f, "%.0f", v);
	else
		fprintf(f, "%.4g", v);
}

void mb_report_machine_table(FILE *f, const struct mb_machine *m)
{
	fputs("### Machine figures (mapbench probe, machine.csv)\n\n"
	      "The unit costs the verdicts' \"why\" prices the counters with (`mapbench explain`; "
	      "docs/methodology.md, \"Explaining a result\").\n\n"
	      "| figure | unit | median | 95% CI | flag |\n|---|---|---:|---|---|\n", f);
	for (size_t i = 0; i < m->n; i++) {
		const struct mb_figure *g = &m->f[i];

		fputs("| ", f);
		md(f, g->name);
		fputs(" | ", f);
		md(f, g->unit);
		fputs(" | ", f);
		num(f, g->median);
		fputs(" | ", f);
		if (isnan(g->ci_lo) || isnan(g->ci_hi)) {
			fputs("–", f);
		} else {
			num(f, g->ci_lo);
			fputs("–", f);
			num(f, g->ci_hi);
		}
		fputs(" | ", f);
		md(f, g->flag);
		if (*g->note) {
			fputs(*g->flag ? ": " : "", f);
			md(f, g->note);
		}
		fputs(" |\n", f);
	}
	fputc('\n', f);
}
