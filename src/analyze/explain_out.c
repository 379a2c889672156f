/* explain_out.c: mapbench explain's table, CSV and markdown (see explain_out.h). */
#include "explain_out.h"
#include "csvio.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WORST 5

const char *mb_explained_word(const struct mb_explained *x)
{
	int w = mb_explained_within(x, MB_EXPLAIN_WITHIN);

	return w < 0 ? "unknown" : w ? "yes" : "no";
}

/* v with `decimals` decimals, or "" for NAN. */
static const char *num(double v, char *buf, size_t len, int decimals)
{
	if (isnan(v))
		buf[0] = '\0';
	else
		snprintf(buf, len, "%.*f", decimals, v);
	return buf;
}

/* "+12%", "-40%", or "?" */
static const char *pct(double r, char *buf, size_t len)
{
	if (isnan(r))
		snprintf(buf, len, "?");
	else
		snprintf(buf, len, "%+.0f%%", 100 * r);
	return buf;
}

/* The header of the CSV: key columns, then explain's own. */
enum { C_SERIES, C_N, C_PRED, C_MEAS, C_RES, C_EXPL, C_DOM, C_UNK, C_PRICED, C_REASON, C_OWN };
static const char *const own[C_OWN] = {"series", "n", "predicted_ns", "measured_ns", "residual_pct",
				       "explained", "dominant_term", "unknown_terms", "priced_ns", "reason"};
#define NCOLS (MB_NKEYS + C_OWN + MB_XT_N)

static void unknown_list(const struct mb_explained *x, char *buf, size_t len)
{
	size_t at = 0;

	buf[0] = '\0';
	for (int i = 0; i < MB_XT_N && at < len; i++)
		if (x->t[i].state == MB_XS_UNKNOWN)
			at += (size_t)snprintf(buf + at, len - at, "%s%s", at ? ";" : "", mb_xterm_names[i]);
}

static int write_csv(const struct mb_explained *x, size_t n, int fd)
{
	char cells[C_OWN + MB_XT_N][64], terms[MB_XT_N][40], unk[128];
	const char *f[NCOLS];
	struct mb_csv_batch b;
	int rc;

	if ((rc = mb_csv_batch_open(&b)))
		return rc;
	for (size_t i = 0; i < MB_NKEYS; i++)
		f[i] = mb_gkey_names[i];
	for (size_t i = 0; i < C_OWN; i++)
		f[MB_NKEYS + i] = own[i];
	for (int i = 0; i < MB_XT_N; i++) {
		snprintf(terms[i], sizeof(terms[i]), "term_%s_ns", mb_xterm_names[i]);
		f[MB_NKEYS + C_OWN + i] = terms[i];
	}
	mb_csv_batch_add(&b, f, NCOLS);
	for (size_t r = 0; r < n; r++) {
		const struct mb_explained *e = &x[r];
		char series[96];

		for (size_t i = 0; i < MB_NKEYS; i++)
			f[i] = e->g->kv[i];
		mb_group_series(e->g, series, sizeof(series));
		unknown_list(e, unk, sizeof(unk));
		f[MB_NKEYS + C_SERIES] = series;
		snprintf(cells[C_N], 64, "%zu", e->g->rows);
		f[MB_NKEYS + C_N] = cells[C_N];
		f[MB_NKEYS + C_PRED] = num(e->predicted, cells[C_PRED], 64, 0);
		f[MB_NKEYS + C_MEAS] = num(e->measured, cells[C_MEAS], 64, 0);
		f[MB_NKEYS + C_RES] = num(100 * e->residual, cells[C_RES], 64, 1);
		f[MB_NKEYS + C_EXPL] = mb_explained_word(e);
		f[MB_NKEYS + C_DOM] = e->dominant >= 0 ? mb_xterm_names[e->dominant] : "";
		f[MB_NKEYS + C_UNK] = unk;
		f[MB_NKEYS + C_PRICED] = num(e->modelled ? e->known_ns : NAN, cells[C_PRICED], 64, 0);
		f[MB_NKEYS + C_REASON] = e->reason;
		for (int i = 0; i < MB_XT_N; i++) {
			const struct mb_xval *t = &e->t[i];

			f[MB_NKEYS + C_OWN + i] = t->state == MB_XS_UNKNOWN ? "unknown" :
				num(t->state == MB_XS_KNOWN ? t->ns : NAN, cells[C_OWN + i], 64, 0);
		}
		mb_csv_batch_add(&b, f, NCOLS);
	}
	return mb_csv_batch_write_fd(&b, fd);
}

/* Ranks by |residual|, the unknown last. */
static int by_residual(const void *a, const void *b)
{
	const struct mb_explained *x = *(const struct mb_explained *const *)a;
	const struct mb_explained *y = *(const struct mb_explained *const *)b;
	double rx = isnan(x->residual) ? -1 : fabs(x->residual), ry = isnan(y->residual) ? -1 : fabs(y->residual);

	return (rx < ry) - (rx > ry);
}

static void summary(const struct mb_explained *x, size_t n, FILE *o)
{
	const struct mb_explained **w = calloc(n ? n : 1, sizeof(*w));
	size_t k25 = 0, k10 = 0, known = 0;
	char r[16];

	for (size_t i = 0; i < n; i++) {
		known += !isnan(x[i].residual);
		k25 += mb_explained_within(&x[i], MB_EXPLAIN_WITHIN) == 1;
		k10 += mb_explained_within(&x[i], 0.10) == 1;
		if (w)
			w[i] = &x[i];
	}
	fprintf(o, "\nexplained within 25%%: %zu/%zu, within 10%%: %zu/%zu", k25, n, k10, n);
	if (known < n)
		fprintf(o, " (%zu not predictable: unknown terms or no model)", n - known);
	fputc('\n', o);
	if (!w)
		return;
	qsort(w, n, sizeof(*w), by_residual);
	for (size_t i = 0; i < n && i < WORST && !isnan(w[i]->residual); i++)
		fprintf(o, "%s %s %s", i ? "," : "worst:", w[i]->label, pct(w[i]->residual, r, sizeof(r)));
	if (n && !isnan(w[0]->residual))
		fputc('\n', o);
	free(w);
}

/* printf width w for s so that it fills w characters on screen (UTF-8). */
static int width(const char *s, int w)
{
	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) == 0x80;
	return w;
}

static void write_table(const struct mb_explained *x, size_t n, FILE *o)
{
	int wl = (int)strlen("configuration");
	char p[32], q[32], r[16];

	for (size_t i = 0; i < n; i++)
		wl = (int)strlen(x[i].label) > wl ? (int)strlen(x[i].label) : wl;
	fprintf(o, "%-*s  %10s  %10s  %8s  %-9s  %s\n", wl, "configuration", "predicted", "measured",
		"residual", "explained", "dominant");
	for (size_t i = 0; i < n; i++) {
		mb_xfmt_ns(x[i].predicted, p, sizeof(p));
		mb_xfmt_ns(x[i].measured, q, sizeof(q));
		fprintf(o, "%-*s  %*s  %*s  %8s  %-9s  %s\n", width(x[i].label, wl), x[i].label,
			width(p, 10), p, width(q, 10), q, pct(x[i].residual, r, sizeof(r)), mb_explained_word(&x[i]),
			x[i].dominant >= 0 ? mb_xterm_names[x[i].dominant] : "-");
	}
	fputs("\nwhy:\n", o);
	for (size_t i = 0; i < n; i++)
		fprintf(o, "  %s%s\n", mb_explained_within(&x[i], MB_EXPLAIN_WITHIN) == 0 ? "UNEXPLAINED " : "",
			x[i].reason);
	summary(x, n, o);
}

static void write_md(const struct mb_explained *x, size_t n, FILE *o)
{
	char p[32], q[32], r[16];

	fputs("| configuration | predicted | measured | residual | explained | why |\n"
	      "|---|---:|---:|---:|---|---|\n", o);
	for (size_t i = 0; i < n; i++)
		fprintf(o, "| %s | %s | %s | %s | %s | %s |\n", x[i].label,
			mb_xfmt_ns(x[i].predicted, p, sizeof(p)), mb_xfmt_ns(x[i].measured, q, sizeof(q)),
			pct(x[i].residual, r, sizeof(r)), mb_explained_word(&x[i]),
			x[i].reason + strlen(x[i].label) + 2);
	summary(x, n, o);
}

int mb_explain_write(const struct mb_explained *x, size_t n, enum mb_xformat f, int fd)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *o;
	int rc;

	if (f == MB_XF_CSV)
		return write_csv(x, n, fd);
	if (!(o = open_memstream(&buf, &len)))
		return -ENOMEM;
	if (f == MB_XF_MD)
		write_md(x, n, o);
	else
		write_table(x, n, o);
	rc = fclose(o) ? -ENOMEM : 0;
	if (!rc)
		rc = mb_csv_write_raw(fd, buf, len);
	free(buf);
	return rc;
}
