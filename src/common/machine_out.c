/* machine_out.c: machine.csv rows and the terminal table (machine_out.h). */
#include "machine_out.h"
#include "csvio.h"
#include "envinfo.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const mb_machine_header[] = {
	"schema", "run_id", "host", "kernel", "cpu_vendor", "cpu_family", "cpu_model", "cpu_name",
	"hypervisor", "figure", "unit", "median", "ci_low", "ci_high", "samples", "flag", "note",
};
const size_t mb_machine_ncols = sizeof(mb_machine_header) / sizeof(mb_machine_header[0]);

/* A number as a cell, 6 significant digits and no exponent: "" when not measured. */
static const char *num(char *buf, size_t len, double x)
{
	if (!isfinite(x))
		return "";
	snprintf(buf, len, fabs(x) >= 1e5 ? "%.0f" : "%.6g", x);
	return buf;
}

int mb_machine_write(int fd, const struct mb_env *e, const char *run_id,
		     const struct mb_machine_fig *figs, size_t n)
{
	struct mb_csv_batch b;
	char schema[16], med[32], lo[32], hi[32], samples[32];
	int rc = mb_csv_batch_open(&b);

	if (rc)
		return rc;
	mb_csv_batch_add(&b, mb_machine_header, mb_machine_ncols);
	snprintf(schema, sizeof(schema), "%d", MB_MACHINE_SCHEMA);
	for (size_t i = 0; i < n; i++) {
		const struct mb_machine_fig *f = &figs[i];
		const char *row[] = {
			schema, run_id, e->host, e->kernel, e->cpu_vendor, e->cpu_family,
			e->cpu_model_id, e->cpu_model, e->hypervisor, f->name, f->unit,
			num(med, sizeof(med), f->median), num(lo, sizeof(lo), f->ci_lo),
			num(hi, sizeof(hi), f->ci_hi), samples, f->flag, f->note,
		};

		snprintf(samples, sizeof(samples), "%zu", f->samples);
		mb_csv_batch_add(&b, row, mb_machine_ncols);
	}
	return mb_csv_batch_write_fd(&b, fd);
}

void mb_machine_table(FILE *f, const struct mb_machine_fig *figs, size_t n)
{
	char med[32], lo[32], hi[32], ci[72];

	fprintf(f, "%-36s %-11s %12s %-27s %7s %-8s %s\n", "figure", "unit", "median", "95% CI",
		"samples", "flag", "note");
	for (size_t i = 0; i < n; i++) {
		const struct mb_machine_fig *g = &figs[i];

		if (isfinite(g->ci_lo))
			snprintf(ci, sizeof(ci), "[%s, %s]", num(lo, sizeof(lo), g->ci_lo),
				 num(hi, sizeof(hi), g->ci_hi));
		else
			ci[0] = 0;
		fprintf(f, "%-36s %-11s %12s %-27s %7zu %-8s %s\n", g->name, g->unit,
			num(med, sizeof(med), g->median), ci, g->samples, g->flag, g->note);
	}
}
