/* tlsummary.c: figures per configuration of a --timeline file (see
 * tlsummary.h). The intervals of one repetition of one configuration are
 * its rows with equal identity columns (every column but the interval's
 * own), sorted by worker and start time. */
#include "tlsummary.h"
#include "csvio.h"
#include "stats.h"
#include "texttable.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The interval's own columns (the rest identify the repetition). */
static const char *const interval_cols[] = {"worker", "t_start_ns", "t_end_ns", "ops", "bytes", "majflt",
					    "dev_read_bytes", "cg_file_bytes"};
enum { I_WORKER, I_START, I_END, I_OPS, I_BYTES, I_MAJFLT, I_DEVREAD, I_CG, NI };

/* Identity columns written out, then the figures. */
static const char *const shown[] = {"run_id", "method", "advice", "consume", "pattern", "cache",
				    "file_size_bytes", "block_size_bytes", "threads", "queue_depth",
				    "rep", "duration_ns"};
#define NSHOWN (sizeof(shown) / sizeof(shown[0]))
static const char *const figures[] = {"workers_seen", "intervals", "seconds", "ops", "first_ops_per_s",
				      "settled_ops_per_s", "settled_vs_first", "settled_mib_per_s",
				      "settled_majflt_per_s", "read_amp", "end_cg_file_bytes"};
#define NFIG (sizeof(figures) / sizeof(figures[0]))

double mb_tl_third_rate(const double *ops, const double *ns, size_t from, size_t to)
{
	double *r;
	double m;
	size_t n = 0;

	if (to <= from || !(r = malloc((to - from) * sizeof(*r))))
		return NAN;
	for (size_t i = from; i < to; i++)
		if (ns[i] > 0)
			r[n++] = ops[i] * 1e9 / ns[i];
	m = n ? mb_median(r, n) : NAN;
	free(r);
	return m;
}

struct tlsum {
	const struct mb_csv_table *t;
	long ic[NI], sc[NSHOWN];
	long *idcol;            /* identity columns */
	size_t nid;
	int table, out;
	size_t idx[64], nidx;   /* the columns written (--columns) */
	struct mb_ttable tt;
	char *err;
	size_t errlen;
};

/* Rows by identity (in the order of the first row of each), then worker and
 * start (numbers), then file order. */
static int id_cmp(const struct tlsum *s, size_t a, size_t b)
{
	for (size_t k = 0; k < s->nid; k++) {
		int c = strcmp(s->t->rows[a][s->idcol[k]], s->t->rows[b][s->idcol[k]]);

		if (c)
			return c;
	}
	return 0;
}

static int by_rep(const void *pa, const void *pb, void *arg)
{
	const struct tlsum *s = arg;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = id_cmp(s, a, b);

	for (int k = 0; !c && k < 2; k++) {
		long col = s->ic[k ? I_START : I_WORKER];
		double x = strtod(s->t->rows[a][col], NULL), y = strtod(s->t->rows[b][col], NULL);

		c = (x > y) - (x < y);
	}
	return c ? c : (a > b) - (a < b);
}

/* A cell as a number: 1, 0 empty, -1 malformed (err names the line). */
static int cell(struct tlsum *s, size_t r, int c, double *x)
{
	const char *v = s->t->rows[r][s->ic[c]];
	char *end;

	if (!*v)
		return 0;
	*x = strtod(v, &end);
	if (*end || !isfinite(*x) || *x < 0) {
		snprintf(s->err, s->errlen, "line %zu: %s '%.40s' is not a count", s->t->lines[r],
			 interval_cols[c], v);
		return -1;
	}
	return 1;
}

static void fmt(char *buf, double x)
{
	if (isnan(x))
		buf[0] = '\0';
	else
		snprintf(buf, 32, "%.6g", x);
}

/* A row (the header: number 0) of the columns picked, to the table or out. */
static int emit(struct tlsum *s, const char *const *cells, int number)
{
	const char *sel[NSHOWN + NFIG];

	if (s->table) {
		mb_ttable_add(&s->tt, cells, s->idx, number);
		return 0;
	}
	for (size_t j = 0; j < s->nidx; j++)
		sel[j] = cells[s->idx[j]];
	return mb_csv_write_fd(s->out, sel, s->nidx);
}

/* The intervals of one worker: rates of its first and last third. */
struct wsum {
	double first, settled, mib, flt; /* flt NAN: no fault counts */
};

static void worker_sum(const double *ops, const double *ns, const double *by, const double *fl, size_t k,
		       struct wsum *w)
{
	size_t third = (k + 2) / 3;
	double f = 0, t = 0;

	w->first = mb_tl_third_rate(ops, ns, 0, third);
	w->settled = mb_tl_third_rate(ops, ns, k - third, k);
	w->mib = mb_tl_third_rate(by, ns, k - third, k) / (1 << 20);
	for (size_t i = k - third; i < k; i++) {
		f += fl[i];
		t += ns[i];
	}
	w->flt = t > 0 ? f * 1e9 / t : NAN; /* NAN also when a count was missing */
}

/* The rows at[0..n) of one repetition, sorted by worker then time: the
 * figures, written. */
static int one_rep(struct tlsum *s, const size_t *at, size_t n)
{
	double *ops = malloc(n * sizeof(double)), *ns = malloc(n * sizeof(double));
	double *by = malloc(n * sizeof(double)), *fl = malloc(n * sizeof(double));
	double total_ops = 0, total_bytes = 0, dev = 0, first = 0, settled = 0, mib = 0, flt = 0;
	double t_lo = INFINITY, t_hi = 0, cg = NAN, v, w = -1, x;
	int have_dev = 0, rc = 0, nworkers = 0;
	size_t k = 0, w0_intervals = 0;
	char num[NFIG][32];
	const char *cells[NSHOWN + NFIG];
	struct wsum ws;

	if (!ops || !ns || !by || !fl) {
		rc = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i <= n; i++) {
		size_t r = i < n ? at[i] : 0;
		double a, b;

		if (i < n && (rc = cell(s, r, I_WORKER, &x)) != 1)
			goto bad;
		if (i == n || x != w) { /* the previous worker's intervals are complete */
			if (k) {
				worker_sum(ops, ns, by, fl, k, &ws);
				first += ws.first;
				settled += ws.settled;
				mib += ws.mib;
				flt += ws.flt;
				nworkers++;
				if (w == 0)
					w0_intervals = k;
			}
			k = 0;
			w = x;
			if (i == n)
				break;
		}
		if (cell(s, r, I_START, &a) != 1 || cell(s, r, I_END, &b) != 1 || b < a ||
		    cell(s, r, I_OPS, &ops[k]) != 1 || cell(s, r, I_BYTES, &by[k]) != 1)
			goto bad;
		ns[k] = b - a;
		t_lo = a < t_lo ? a : t_lo;
		t_hi = b > t_hi ? b : t_hi;
		total_ops += ops[k];
		total_bytes += by[k];
		if ((rc = cell(s, r, I_MAJFLT, &fl[k])) < 0)
			goto bad;
		if (!rc)
			fl[k] = NAN;
		if ((rc = cell(s, r, I_DEVREAD, &v)) < 0)
			goto bad;
		if (rc) {
			dev += v;
			have_dev = 1;
		}
		if ((rc = cell(s, r, I_CG, &v)) < 0)
			goto bad;
		if (rc && w == 0)
			cg = v; /* rows in time order: the last is the end */
		k++;
	}
	rc = 0;
	for (size_t i = 0; i < NSHOWN; i++)
		cells[i] = s->sc[i] >= 0 ? s->t->rows[at[0]][s->sc[i]] : "";
	snprintf(num[0], 32, "%d", nworkers);
	snprintf(num[1], 32, "%zu", w0_intervals);
	fmt(num[2], t_hi > t_lo ? (t_hi - t_lo) / 1e9 : NAN);
	snprintf(num[3], 32, "%.0f", total_ops);
	fmt(num[4], first);
	fmt(num[5], settled);
	fmt(num[6], first > 0 ? settled / first : NAN);
	fmt(num[7], mib);
	fmt(num[8], flt);
	fmt(num[9], have_dev && total_bytes > 0 ? dev / total_bytes : NAN);
	if (isnan(cg))
		num[10][0] = '\0';
	else
		snprintf(num[10], 32, "%.0f", cg);
	for (size_t i = 0; i < NFIG; i++)
		cells[NSHOWN + i] = num[i];
	rc = emit(s, cells, 1);
	goto out;
bad:
	if (!s->err[0])
		snprintf(s->err, s->errlen, "line %zu: an interval without its worker, times, ops or bytes",
			 s->t->lines[at[k < n ? k : 0]]);
	rc = -EINVAL;
out:
	free(ops);
	free(ns);
	free(by);
	free(fl);
	return rc;
}

static int header(struct tlsum *s, const char *columns)
{
	const char *h[NSHOWN + NFIG];
	int rc;

	for (size_t i = 0; i < NSHOWN; i++)
		h[i] = shown[i];
	for (size_t i = 0; i < NFIG; i++)
		h[NSHOWN + i] = figures[i];
	if ((rc = mb_ttable_pick(columns, h, NSHOWN + NFIG, s->idx, &s->nidx, s->err, s->errlen)))
		return rc;
	s->tt.cols = s->nidx;
	return emit(s, h, 0);
}

int mb_tlsummary(const char *path, const char *columns, int table, int out, char *err, size_t errlen)
{
	struct mb_csv_table t = {0};
	struct tlsum s = {.t = &t, .table = table, .out = out, .err = err, .errlen = errlen};
	size_t *at = NULL;
	int rc;

	err[0] = '\0';
	if ((rc = mb_csv_table_load(path, &t, err, errlen)))
		return rc;
	for (int c = 0; c < NI; c++)
		if ((s.ic[c] = mb_csv_table_col(&t, interval_cols[c])) < 0) {
			snprintf(err, errlen, "%s: no column %s: not a mapbench --timeline file", path,
				 interval_cols[c]);
			rc = -EINVAL;
			goto out;
		}
	for (size_t i = 0; i < NSHOWN; i++)
		s.sc[i] = mb_csv_table_col(&t, shown[i]);
	s.idcol = calloc(t.ncols, sizeof(*s.idcol));
	at = calloc(t.nrows + 1, sizeof(*at));
	if (!s.idcol || !at) {
		rc = -ENOMEM;
		goto out;
	}
	for (size_t c = 0; c < t.ncols; c++) {
		int own = 0;

		for (int k = 0; k < NI; k++)
			own |= (long)c == s.ic[k];
		if (!own)
			s.idcol[s.nid++] = (long)c;
	}
	if ((rc = header(&s, columns)))
		goto out;
	for (size_t r = 0; r < t.nrows; r++)
		at[r] = r;
	qsort_r(at, t.nrows, sizeof(*at), by_rep, &s);
	for (size_t r = 0, q; r < t.nrows && !rc; r = q) {
		for (q = r + 1; q < t.nrows && !id_cmp(&s, at[r], at[q]); q++)
			;
		rc = one_rep(&s, at + r, q - r);
	}
	if (!rc && s.tt.nomem)
		rc = -ENOMEM;
	if (!rc && table)
		rc = mb_ttable_write(&s.tt, out);
	if (rc && !err[0])
		snprintf(err, errlen, "%s", strerror(-rc));
	else if (rc == -EINVAL && strncmp(err, path, strlen(path))) {
		char tmp[512];

		snprintf(tmp, sizeof(tmp), "%s", err);
		snprintf(err, errlen, "%s: %s", path, tmp);
	}
out:
	mb_ttable_free(&s.tt);
	free(s.idcol);
	free(at);
	mb_csv_table_free(&t);
	return rc;
}
