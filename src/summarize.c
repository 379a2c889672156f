/* summarize.c: groups results rows by configuration and writes their
 * statistics (see summarize.h). */
#include "summarize.h"
#include "csvio.h"
#include "stats.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Columns that tell configurations apart, when the input has them. */
static const char *const key_cols[] = {
	"host", "kernel", "arch", "fs_type", "build", "method", "advice", "consume", "op", "pattern",
	"cache", "file_size_bytes", "block_size_bytes", "threads", "queue_depth", "buf_offset_bytes",
	"iov", "window_bytes", "fixed_buffers",
};
/* Columns that must be there. */
static const char *const required[] = {"status", "method", "pattern", "cache", "file_size_bytes",
				       "block_size_bytes", "mib_per_s"};
/* Measures summarized, when the input has them. */
static const char *const metrics[] = {
	"mib_per_s", "ops_per_s", "total_ns", "setup_ns", "io_ns", "teardown_ns", "user_us", "sys_us",
	"minflt", "majflt", "dev_read_bytes", "lat_p50_ns", "lat_p99_ns", "lat_p999_ns", "lat_max_ns",
};
static const char *const stat_names[] = {"median", "min", "max", "mean", "stddev", "cv", "ci_lo",
					 "ci_hi"};

#define NKEYS (sizeof(key_cols) / sizeof(key_cols[0]))
#define NMETRICS (sizeof(metrics) / sizeof(metrics[0]))
#define NSTATS (sizeof(stat_names) / sizeof(stat_names[0]))

struct series {
	double *v;
	size_t n, cap;
};

struct group {
	char *key;          /* key values joined by \x1f */
	struct series m[NMETRICS];
	size_t rows;
};

struct sumctx {
	long kcol[NKEYS], mcol[NMETRICS], status;
	size_t nfields;
	int have_header;
	struct group *g;
	size_t ng, gcap;
	size_t *slot;       /* hash table: group index + 1, 0 = empty */
	size_t nslots;
	char *keybuf;
	size_t keycap;
	char *err;
	size_t errlen;
	const char *name;
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static int rehash(struct sumctx *c)
{
	size_t n = c->nslots ? c->nslots * 2 : 1024;
	size_t *t = calloc(n, sizeof(*t));

	if (!t)
		return -ENOMEM;
	for (size_t i = 0; i < c->ng; i++) {
		size_t j = fnv1a(c->g[i].key) & (n - 1);

		while (t[j])
			j = (j + 1) & (n - 1);
		t[j] = i + 1;
	}
	free(c->slot);
	c->slot = t;
	c->nslots = n;
	return 0;
}

/* The group of key, made when new; NULL when out of memory. */
static struct group *group_of(struct sumctx *c, const char *key)
{
	size_t j;

	if ((c->ng + 1) * 2 > c->nslots && rehash(c))
		return NULL;
	for (j = fnv1a(key) & (c->nslots - 1); c->slot[j]; j = (j + 1) & (c->nslots - 1))
		if (!strcmp(c->g[c->slot[j] - 1].key, key))
			return &c->g[c->slot[j] - 1];
	if (c->ng == c->gcap) {
		size_t cap = c->gcap ? c->gcap * 2 : 256;
		struct group *ng = realloc(c->g, cap * sizeof(*ng));

		if (!ng)
			return NULL;
		c->g = ng;
		c->gcap = cap;
	}
	memset(&c->g[c->ng], 0, sizeof(c->g[c->ng]));
	if (!(c->g[c->ng].key = strdup(key)))
		return NULL;
	c->slot[j] = ++c->ng;
	return &c->g[c->ng - 1];
}

static int push(struct series *s, double x)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		double *v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = x;
	return 0;
}

static long col(char **fields, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(fields[i], name))
			return (long)i;
	return -1;
}

static int header(struct sumctx *c, char **fields, size_t n)
{
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (col(fields, n, required[i]) < 0) {
			snprintf(c->err, c->errlen, "%s: line 1: no column '%s' (not a mapbench results file?)",
				 c->name, required[i]);
			return -EINVAL;
		}
	for (size_t i = 0; i < NKEYS; i++)
		c->kcol[i] = col(fields, n, key_cols[i]);
	for (size_t i = 0; i < NMETRICS; i++)
		c->mcol[i] = col(fields, n, metrics[i]);
	c->status = col(fields, n, "status");
	c->nfields = n;
	c->have_header = 1;
	return 0;
}

/* A number, or the empty cell (not applicable): 1 with *x, 0 when empty,
 * -1 when malformed. */
static int number(const char *s, double *x)
{
	char *end;

	if (!*s)
		return 0;
	*x = strtod(s, &end);
	return *end || !isfinite(*x) ? -1 : 1;
}

static int on_row(void *ctx, size_t line, char **fields, size_t n)
{
	struct sumctx *c = ctx;
	struct group *g;
	size_t at = 0;

	if (!c->have_header)
		return header(c, fields, n);
	if (n != c->nfields) {
		snprintf(c->err, c->errlen, "%s: line %zu: %zu fields, but the header has %zu", c->name, line,
			 n, c->nfields);
		return -EINVAL;
	}
	if (strcmp(fields[c->status], "ok"))
		return 0;
	for (size_t i = 0; i < NKEYS; i++) {
		const char *v = c->kcol[i] >= 0 ? fields[c->kcol[i]] : "";
		size_t len = strlen(v);

		if (at + len + 2 > c->keycap) {
			size_t cap = (at + len + 2) * 2;
			char *k = realloc(c->keybuf, cap);

			if (!k)
				return -ENOMEM;
			c->keybuf = k;
			c->keycap = cap;
		}
		memcpy(c->keybuf + at, v, len);
		at += len;
		c->keybuf[at++] = '\x1f';
	}
	c->keybuf[at] = '\0';
	if (!(g = group_of(c, c->keybuf)))
		return -ENOMEM;
	g->rows++;
	for (size_t i = 0; i < NMETRICS; i++) {
		double x;
		int r;

		if (c->mcol[i] < 0)
			continue;
		r = number(fields[c->mcol[i]], &x);
		if (r < 0) {
			snprintf(c->err, c->errlen, "%s: line %zu: %s '%s' is not a number", c->name, line,
				 metrics[i], fields[c->mcol[i]]);
			return -EINVAL;
		}
		if (r && push(&g->m[i], x))
			return -ENOMEM;
	}
	return 0;
}

static int write_header(struct sumctx *c, int out)
{
	const char *h[NKEYS + 3 + NMETRICS * NSTATS];
	char names[NMETRICS * NSTATS][48];
	size_t n = 0, k = 0;
	int rc;

	for (size_t i = 0; i < NKEYS; i++)
		if (c->kcol[i] >= 0)
			h[n++] = key_cols[i];
	h[n++] = "n";
	for (size_t i = 0; i < NMETRICS; i++)
		for (size_t j = 0; c->mcol[i] >= 0 && j < NSTATS; j++) {
			snprintf(names[k], sizeof(names[k]), "%s_%s", metrics[i], stat_names[j]);
			h[n++] = names[k++];
		}
	h[n++] = "mib_per_s_ci_level";
	h[n++] = "mib_per_s_outliers";
	rc = mb_csv_write_fd(out, h, n);
	return rc;
}

static int write_group(struct sumctx *c, struct group *g, int out)
{
	const char *cells[NKEYS + 3 + NMETRICS * NSTATS];
	char num[NMETRICS * NSTATS + 3][32], *key = g->key;
	struct mb_stats mib = {0};
	size_t n = 0, k = 0;

	for (size_t i = 0; i < NKEYS; i++) {
		char *sep = strchr(key, '\x1f');

		*sep = '\0';
		if (c->kcol[i] >= 0)
			cells[n++] = key;
		key = sep + 1;
	}
	snprintf(num[k], 32, "%zu", g->rows);
	cells[n++] = num[k++];
	for (size_t i = 0; i < NMETRICS; i++) {
		struct mb_stats st;
		double vals[NSTATS];

		if (c->mcol[i] < 0)
			continue;
		mb_stats_compute(g->m[i].v, g->m[i].n, &st);
		if (i == 0)
			mib = st;
		vals[0] = st.median, vals[1] = st.min, vals[2] = st.max, vals[3] = st.mean;
		vals[4] = st.stddev, vals[5] = st.cv, vals[6] = st.ci_lo, vals[7] = st.ci_hi;
		for (size_t j = 0; j < NSTATS; j++) {
			if (isnan(vals[j]))
				num[k][0] = '\0';
			else
				snprintf(num[k], 32, "%.10g", vals[j]);
			cells[n++] = num[k++];
		}
	}
	if (isnan(mib.ci_level))
		num[k][0] = '\0';
	else
		snprintf(num[k], 32, "%.4f", mib.ci_level);
	cells[n++] = num[k++];
	snprintf(num[k], 32, "%zu", mib.outliers);
	cells[n++] = num[k++];
	return mb_csv_write_fd(out, cells, n);
}

static void free_ctx(struct sumctx *c)
{
	for (size_t i = 0; i < c->ng; i++) {
		free(c->g[i].key);
		for (size_t j = 0; j < NMETRICS; j++)
			free(c->g[i].m[j].v);
	}
	free(c->g);
	free(c->slot);
	free(c->keybuf);
}

int mb_summarize(FILE *in, const char *name, int out, char *err, size_t errlen)
{
	struct sumctx c = {.err = err, .errlen = errlen, .name = name};
	int rc;

	err[0] = '\0';
	rc = mb_csv_read(in, on_row, &c, err, errlen);
	if (rc == -ENOMEM && !err[0])
		snprintf(err, errlen, "%s: out of memory", name);
	else if (rc && err[0] && strncmp(err, name, strlen(name))) {
		char e2[512];

		snprintf(e2, sizeof(e2), "%s: %s", name, err);
		snprintf(err, errlen, "%s", e2);
	}
	if (!rc && !c.have_header) {
		snprintf(err, errlen, "%s: empty, no header", name);
		rc = -EINVAL;
	}
	if (!rc)
		rc = write_header(&c, out);
	for (size_t i = 0; !rc && i < c.ng; i++)
		rc = write_group(&c, &c.g[i], out);
	if (rc && !err[0])
		snprintf(err, errlen, "writing the summary: %s", strerror(-rc));
	free_ctx(&c);
	return rc;
}
