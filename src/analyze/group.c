/* group.c: results rows grouped by configuration (see group.h). */
#include "group.h"
#include "csvio.h"
#include "method.h"
#include "parse.h"
#include "schema.h"

#include <errno.h>
#include <pthread.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *const mb_gkey_names[MB_NKEYS] = {
#define MB_GK_IDENTITY_KEY(name) #name,
#define MB_GK_CONFIG_KEY(name)
#define MB_COL(name, role, key, unit, doc, cell) MB_GK_##role##_##key(name)
#include "columns.def"
#undef MB_GK_IDENTITY_KEY
#undef MB_GK_CONFIG_KEY
#define MB_GK_IDENTITY_KEY(name)
#define MB_GK_CONFIG_KEY(name) #name,
#include "columns.def"
#undef MB_COL
#undef MB_GK_IDENTITY_KEY
#undef MB_GK_CONFIG_KEY
	"method_options",
};

const char *const mb_gmetric_names[MB_NMETRICS] = {
	"mib_per_s", "ops_per_s", "total_ns", "setup_ns", "io_ns", "teardown_ns", "user_us", "sys_us",
	"minflt", "majflt", "dev_read_bytes", "lat_p50_ns", "lat_p99_ns", "lat_p999_ns", "lat_max_ns",
	"minflt_per_mib", "majflt_per_mib", "user_ms_per_gib", "sys_ms_per_gib", "wall_ms_per_gib",
	"dev_read_per_byte", "sync_ns", "ns_per_op", "minflt_per_op", "tlb_shootdowns", "tlb_per_op",
};

/* Columns that must be there. */
static const char *const required[] = {"status", "method", "pattern", "cache", "file_size_bytes",
				       "block_size_bytes", "mib_per_s"};

/* Columns read when the groups track rows (mb_groups.tcol): the schema,
 * residency and large-folio share, then the cells that tell one row from
 * another of its configuration. */
static const char *const tracked[] = {"schema", "resident_before_pct", "large_folio_pct", "run_id",
				      "timestamp_utc", "rep", "round", "lat_timed", "start_ns"};
enum { T_SCHEMA, T_RES, T_FOLIO, T_ID0 };

static uint64_t fnv1a_from(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static uint64_t fnv1a(const char *s)
{
	return fnv1a_from(1469598103934665603ull, s);
}

static int rehash(struct mb_groups *gs)
{
	size_t n = gs->nslots ? gs->nslots * 2 : 1024;
	size_t *t = calloc(n, sizeof(*t));

	if (!t)
		return -ENOMEM;
	for (size_t i = 0; i < gs->n; i++) {
		size_t j = fnv1a(gs->g[i].key) & (n - 1);

		while (t[j])
			j = (j + 1) & (n - 1);
		t[j] = i + 1;
	}
	free(gs->slot);
	gs->slot = t;
	gs->nslots = n;
	return 0;
}

static size_t *slot_of(const struct mb_groups *gs, const char *key)
{
	size_t j;

	for (j = fnv1a(key) & (gs->nslots - 1); gs->slot[j]; j = (j + 1) & (gs->nslots - 1))
		if (!strcmp(gs->g[gs->slot[j] - 1].key, key))
			break;
	return &gs->slot[j];
}

static int group_init(struct mb_group *g, const char *key)
{
	char *p;

	memset(g, 0, sizeof(*g));
	g->res_min = g->res_max = NAN;
	g->hash = fnv1a(key);
	if (!(g->key = strdup(key)) || !(g->kbuf = strdup(key))) {
		free(g->key);
		return -ENOMEM;
	}
	p = g->kbuf;
	for (size_t i = 0; i < MB_NKEYS; i++) {
		char *sep = strchr(p, '\x1f');

		*sep = '\0';
		g->kv[i] = p;
		p = sep + 1;
	}
	return 0;
}

/* The group of key, made when new; NULL when out of memory. */
static struct mb_group *group_of(struct mb_groups *gs, const char *key)
{
	size_t *s;

	if ((gs->n + 1) * 2 > gs->nslots && rehash(gs))
		return NULL;
	s = slot_of(gs, key);
	if (*s)
		return &gs->g[*s - 1];
	if (gs->n == gs->cap) {
		size_t cap = gs->cap ? gs->cap * 2 : 256;
		struct mb_group *ng = realloc(gs->g, cap * sizeof(*ng));

		if (!ng)
			return NULL;
		gs->g = ng;
		gs->cap = cap;
	}
	if (group_init(&gs->g[gs->n], key))
		return NULL;
	*s = ++gs->n;
	return &gs->g[gs->n - 1];
}

/* Builds the hash key of kv into gs->keybuf; 0 or -ENOMEM. */
static int make_key(struct mb_groups *gs, const char *const kv[MB_NKEYS])
{
	size_t at = 0;

	for (size_t i = 0; i < MB_NKEYS; i++) {
		size_t len = strlen(kv[i]);

		if (at + len + 2 > gs->keycap) {
			size_t cap = (at + len + 2) * 2;
			char *k = realloc(gs->keybuf, cap);

			if (!k)
				return -ENOMEM;
			gs->keybuf = k;
			gs->keycap = cap;
		}
		memcpy(gs->keybuf + at, kv[i], len);
		at += len;
		gs->keybuf[at++] = '\x1f';
	}
	gs->keybuf[at] = '\0';
	return 0;
}

struct mb_group *mb_groups_find(const struct mb_groups *gs, const char *const kv[MB_NKEYS])
{
	size_t *s;

	if (!gs->n || make_key((struct mb_groups *)gs, kv))
		return NULL;
	s = slot_of(gs, gs->keybuf);
	return *s ? &gs->g[*s - 1] : NULL;
}

static int push(struct mb_samples *s, double x)
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

/* How many extra columns the groups keep (mb_groups.extra). */
static size_t nextra(const struct mb_groups *gs)
{
	size_t n = 0;

	while (gs->extra && gs->extra[n] && n < sizeof(gs->xcol) / sizeof(gs->xcol[0]))
		n++;
	return n;
}

static int header(struct mb_groups *gs, char **fields, size_t n)
{
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (mb_csv_field_index(fields, n, required[i]) < 0) {
			snprintf(gs->err, gs->errlen,
				 "%s: line 1: no column '%s' (not a mapbench results file?)", gs->name,
				 required[i]);
			return -EINVAL;
		}
	for (size_t i = 0; i < MB_NKEYS; i++)
		gs->kcol[i] = mb_csv_field_index(fields, n, mb_gkey_names[i]);
	/* a file of a summary carries method_options itself; a results file has
	 * one column per method option: those that are no key above go into it */
	gs->nopt = 0;
	for (size_t i = 0; gs->kcol[MB_K_method_options] < 0 && i < mb_option_count(); i++) {
		const char *col = mb_option_at(i)->column;
		long at = mb_csv_field_index(fields, n, col);
		size_t k;

		for (k = 0; k < MB_NKEYS && strcmp(mb_gkey_names[k], col); k++)
			;
		if (at >= 0 && k == MB_NKEYS && gs->nopt < sizeof(gs->optcol) / sizeof(gs->optcol[0])) {
			gs->optcol[gs->nopt] = at;
			gs->optname[gs->nopt++] = col;
		}
	}
	for (size_t i = 0; i < MB_NMETRICS; i++)
		gs->mcol[i] = mb_gmetric_measured(i) ? mb_csv_field_index(fields, n, mb_gmetric_names[i]) : -1;
	gs->status = mb_csv_field_index(fields, n, "status");
	gs->bytes = mb_csv_field_index(fields, n, "bytes");
	gs->ops = mb_csv_field_index(fields, n, "ops");
	gs->lat_timed = mb_csv_field_index(fields, n, "lat_timed");
	for (size_t i = 0; gs->track && i < sizeof(tracked) / sizeof(tracked[0]); i++)
		gs->tcol[i] = mb_csv_field_index(fields, n, tracked[i]);
	for (size_t i = 0; i < nextra(gs); i++)
		gs->xcol[i] = mb_csv_field_index(fields, n, gs->extra[i]);
	gs->nfields = n;
	gs->have_header = 1;
	return 0;
}

/* A number, or the empty cell (not applicable): 1 with *x, 0 when empty,
 * -1 when malformed. Every measure (times, counts, bytes, rates) is finite
 * and 0 or more: nan, inf or a negative time would skew the statistics. */
static int number(const char *s, double *x)
{
	char *end;

	if (!*s)
		return 0;
	*x = strtod(s, &end);
	return *end || !isfinite(*x) || *x < 0 ? -1 : 1;
}

/* The measures derived from one row's values x (NAN = empty) into x. */
static void derive(double *x, double bytes, double ops)
{
	double mib = bytes / (1 << 20), gib = bytes / (1 << 30);

	for (size_t i = 0; i < MB_NMETRICS; i++)
		if (!mb_gmetric_measured(i))
			x[i] = NAN;
	if (ops > 0) {
		x[MB_M_NS_PER_OP] = x[MB_M_TOTAL_NS] / ops;
		x[MB_M_MINFLT_PER_OP] = x[MB_M_MINFLT] / ops;
		x[MB_M_TLB_PER_OP] = x[MB_M_TLB_SHOOTDOWNS] / ops;
	}
	if (!(bytes > 0))
		return;
	x[MB_M_MINFLT_PER_MIB] = x[MB_M_MINFLT] / mib;
	x[MB_M_MAJFLT_PER_MIB] = x[MB_M_MAJFLT] / mib;
	x[MB_M_USER_MS_PER_GIB] = x[MB_M_USER_US] / 1e3 / gib;
	x[MB_M_SYS_MS_PER_GIB] = x[MB_M_SYS_US] / 1e3 / gib;
	x[MB_M_WALL_MS_PER_GIB] = x[MB_M_TOTAL_NS] / 1e6 / gib;
	x[MB_M_DEV_READ_PER_BYTE] = mb_read_amp(x[MB_M_DEV_READ_BYTES], bytes);
}

static int bad_number(struct mb_groups *gs, size_t line, const char *what, const char *v)
{
	snprintf(gs->err, gs->errlen, "%s: line %zu: %s '%s' is not a number of 0 or more", gs->name, line, what, v);
	return -EINVAL;
}

static int is_latency(size_t m)
{
	return m >= MB_M_LAT_P50 && m <= MB_M_LAT_MAX;
}

/* The row's kind from its lat_timed cell: LAT_ANY (no column, or empty),
 * LAT_NO (0: a throughput repetition) or LAT_YES (1: a latency one); -1 when
 * the cell is something else. */
enum { LAT_ANY, LAT_NO, LAT_YES };
static int row_kind(const struct mb_groups *gs, char **fields)
{
	const char *v = gs->lat_timed >= 0 ? fields[gs->lat_timed] : "";

	return !*v ? LAT_ANY : !strcmp(v, "0") ? LAT_NO : !strcmp(v, "1") ? LAT_YES : -1;
}

/* Keeps in x only the measures a row of this kind gives (see group.h). */
static void keep_for_kind(double *x, int kind)
{
	for (size_t i = 0; i < MB_NMETRICS && kind != LAT_ANY; i++)
		if (is_latency(i) != (kind == LAT_YES))
			x[i] = NAN;
}

/* The group of the row's key values; NULL when out of memory. */
static struct mb_group *group_of_row(struct mb_groups *gs, char **fields)
{
	const char *kv[MB_NKEYS];

	for (size_t i = 0; i < MB_NKEYS; i++)
		kv[i] = gs->kcol[i] >= 0 ? fields[gs->kcol[i]] : "";
	if (gs->nopt) {
		size_t at = 0;

		gs->optbuf[0] = '\0';
		for (size_t i = 0; i < gs->nopt && at < sizeof(gs->optbuf); i++)
			if (*fields[gs->optcol[i]])
				at += (size_t)snprintf(gs->optbuf + at, sizeof(gs->optbuf) - at, "%s%s=%s",
						       at ? ";" : "", gs->optname[i], fields[gs->optcol[i]]);
		kv[MB_K_method_options] = gs->optbuf;
	}
	if (make_key(gs, kv))
		return NULL;
	return group_of(gs, gs->keybuf);
}

/* What the groups track of a row (mb_groups.track) beyond its samples: the
 * file's one schema version, the row's identity, and for an ok row its
 * residency and large-folio share. */
static int track_row(struct mb_groups *gs, struct mb_group *g, size_t line, char **fields, int ok)
{
	const long *c = gs->tcol;
	uint64_t h = g->hash;
	double x;

	if (c[T_SCHEMA] >= 0) {
		const char *v = fields[c[T_SCHEMA]];

		if (!gs->schema[0])
			snprintf(gs->schema, sizeof(gs->schema), "%s", v);
		else if (strcmp(gs->schema, v)) {
			snprintf(gs->err, gs->errlen, "%s: line %zu: schema '%s', but the rows before have '%s'",
				 gs->name, line, v, gs->schema);
			return -EINVAL;
		}
	}
	for (size_t i = T_ID0; i < sizeof(tracked) / sizeof(tracked[0]); i++)
		h = fnv1a_from(h ^ 0x1f, c[i] >= 0 ? fields[c[i]] : "");
	if (gs->nids == gs->idcap) {
		size_t cap = gs->idcap ? gs->idcap * 2 : 1024;
		struct mb_rowid *ids = realloc(gs->ids, cap * sizeof(*ids));

		if (!ids)
			return -ENOMEM;
		gs->ids = ids;
		gs->idcap = cap;
	}
	gs->ids[gs->nids++] = (struct mb_rowid){.hash = h, .line = line};
	if (!ok) {
		g->bad_rows++;
		return 0;
	}
	if (c[T_RES] >= 0 && number(fields[c[T_RES]], &x) == 1) {
		g->res_min = isnan(g->res_min) || x < g->res_min ? x : g->res_min;
		g->res_max = isnan(g->res_max) || x > g->res_max ? x : g->res_max;
	}
	if (c[T_FOLIO] >= 0 && number(fields[c[T_FOLIO]], &x) == 1 && push(&g->folio, x))
		return -ENOMEM;
	return 0;
}

/* Keeps the row's extra columns in g (mb_groups.extra); empty cells are no sample. */
static int push_extra(struct mb_groups *gs, struct mb_group *g, size_t line, char **fields)
{
	size_t n = nextra(gs);
	double x;
	int r;

	if (n && !g->extra && !(g->extra = calloc(n, sizeof(*g->extra))))
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		if (gs->xcol[i] < 0)
			continue;
		r = number(fields[gs->xcol[i]], &x);
		if (r < 0)
			return bad_number(gs, line, gs->extra[i], fields[gs->xcol[i]]);
		if (r && push(&g->extra[i], x))
			return -ENOMEM;
	}
	return 0;
}

static int on_row(void *ctx, size_t line, char **fields, size_t n)
{
	struct mb_groups *gs = ctx;
	double x[MB_NMETRICS], bytes = NAN, ops = NAN;
	struct mb_group *g;
	int kind, r;

	if (!gs->have_header)
		return header(gs, fields, n);
	if (n != gs->nfields) {
		snprintf(gs->err, gs->errlen, "%s: line %zu: %zu fields, but the header has %zu", gs->name,
			 line, n, gs->nfields);
		return -EINVAL;
	}
	if (strcmp(fields[gs->status], "ok")) {
		if (!gs->track)
			return 0;
		return (g = group_of_row(gs, fields)) ? track_row(gs, g, line, fields, 0) : -ENOMEM;
	}
	if ((kind = row_kind(gs, fields)) < 0) {
		snprintf(gs->err, gs->errlen, "%s: line %zu: lat_timed '%s' is not 0 or 1", gs->name,
			 line, fields[gs->lat_timed]);
		return -EINVAL;
	}
	for (size_t i = 0; i < MB_NMETRICS; i++) {
		int got = gs->mcol[i] < 0 ? 0 : number(fields[gs->mcol[i]], &x[i]);

		if (got < 0)
			return bad_number(gs, line, mb_gmetric_names[i], fields[gs->mcol[i]]);
		if (!got)
			x[i] = NAN;
	}
	if (gs->bytes >= 0 && number(fields[gs->bytes], &bytes) < 0)
		return bad_number(gs, line, "bytes", fields[gs->bytes]);
	if (gs->ops >= 0 && number(fields[gs->ops], &ops) < 0)
		return bad_number(gs, line, "ops", fields[gs->ops]);
	derive(x, bytes, ops);
	keep_for_kind(x, kind);
	if (!(g = group_of_row(gs, fields)))
		return -ENOMEM;
	g->rows += kind != LAT_YES;
	g->lat_rows += kind == LAT_YES;
	for (size_t i = 0; i < MB_NMETRICS; i++)
		if (!isnan(x[i]) && push(&g->m[i], x[i]))
			return -ENOMEM;
	if (kind != LAT_YES && (r = push_extra(gs, g, line, fields)))
		return r;
	return gs->track ? track_row(gs, g, line, fields, 1) : 0;
}

int mb_groups_read(struct mb_groups *gs, FILE *in, const char *name, char *err, size_t errlen)
{
	int rc;

	gs->err = err;
	gs->errlen = errlen;
	gs->name = name;
	gs->have_header = 0;
	rc = mb_csv_read_named(in, name, on_row, gs, err, errlen);
	if (!rc && !gs->have_header) {
		snprintf(err, errlen, "%s: empty, no header", name);
		rc = -EINVAL;
	}
	return rc;
}

int mb_groups_read_path(struct mb_groups *gs, const char *path, char *err, size_t errlen)
{
	FILE *in = mb_csv_open_input(path, err, errlen);
	int rc;

	if (!in)
		return -errno;
	rc = mb_groups_read(gs, in, path, err, errlen);
	fclose(in);
	return rc;
}

struct reading {
	struct mb_groups *gs;
	const char *path;
	char err[1024];
	int rc;
	pthread_t tid;
	int started;
};

static void *read_one(void *arg)
{
	struct reading *r = arg;

	r->rc = mb_groups_read_path(r->gs, r->path, r->err, sizeof(r->err));
	return NULL;
}

int mb_groups_read_each(struct mb_groups *gs, char *const *paths, size_t n, char *err, size_t errlen)
{
	struct reading *r = calloc(n ? n : 1, sizeof(*r));
	int rc = 0;

	if (!r)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		r[i] = (struct reading){.gs = &gs[i], .path = paths[i]};
		/* a thread each; without one, read here */
		r[i].started = i + 1 < n && !pthread_create(&r[i].tid, NULL, read_one, &r[i]);
		if (!r[i].started)
			read_one(&r[i]);
	}
	for (size_t i = 0; i < n; i++) {
		if (r[i].started)
			pthread_join(r[i].tid, NULL);
		if (r[i].rc && !rc) {
			rc = r[i].rc;
			snprintf(err, errlen, "%s", r[i].err);
		}
	}
	free(r);
	return rc;
}

void mb_groups_free(struct mb_groups *gs)
{
	for (size_t i = 0; i < gs->n; i++) {
		free(gs->g[i].key);
		free(gs->g[i].kbuf);
		for (size_t j = 0; j < MB_NMETRICS; j++)
			free(gs->g[i].m[j].v);
		free(gs->g[i].folio.v);
		for (size_t j = 0; gs->g[i].extra && j < nextra(gs); j++)
			free(gs->g[i].extra[j].v);
		free(gs->g[i].extra);
	}
	free(gs->g);
	free(gs->ids);
	free(gs->slot);
	free(gs->keybuf);
	memset(gs, 0, sizeof(*gs));
}

/* Appends " text" to buf. */
static void add(char *buf, size_t len, const char *prefix, const char *text)
{
	size_t at = strlen(buf);

	if (at < len)
		snprintf(buf + at, len - at, " %s%s", prefix, text);
}

static int is(const char *v, const char *a, const char *b)
{
	return !*v || !strcmp(v, a) || (b && !strcmp(v, b));
}

/* The "column=value" entries of a method_options key whose value is not the
 * option's default ("fallocate=0;msync_every_bytes=65536" ->
 * "msync_every_bytes=65536"), joined by ';' into out. */
static const char *not_default(const char *opts, char *out, size_t len)
{
	const char *p = opts;
	size_t at = 0;

	out[0] = '\0';
	while (*p && at < len) {
		size_t n = strcspn(p, ";"), eq = strcspn(p, "=");
		int dflt = 0;

		for (size_t i = 0; eq < n && i < mb_option_count(); i++) {
			const struct mb_option *o = mb_option_at(i);

			if (strlen(o->column) == eq && !strncmp(o->column, p, eq))
				dflt = strtoull(p + eq + 1, NULL, 10) == o->def;
		}
		if (!dflt)
			at += (size_t)snprintf(out + at, len - at, "%s%.*s", at ? ";" : "", (int)n, p);
		p += n + (p[n] == ';');
	}
	return out;
}

void mb_group_series(const struct mb_group *g, char *buf, size_t len)
{
	const char *const *kv = g->kv;
	char sz[32];

	snprintf(buf, len, "%s", kv[MB_K_method]);
	if (!is(kv[MB_K_advice], "none", NULL))
		add(buf, len, "advice=", kv[MB_K_advice]);
	if (!is(kv[MB_K_consume], "sum", NULL))
		add(buf, len, "consume=", kv[MB_K_consume]);
	if (!is(kv[MB_K_op], "read", NULL))
		add(buf, len, "", kv[MB_K_op]);
	if (!is(kv[MB_K_threads], "1", NULL))
		add(buf, len, !strcmp(kv[MB_K_workers], "procs") ? "procs=" : "threads=", kv[MB_K_threads]);
	if (!is(kv[MB_K_queue_depth], "1", NULL) || (*kv[MB_K_queue_depth] && strstr(kv[MB_K_method], "uring")))
		add(buf, len, "qd", kv[MB_K_queue_depth]);
	if (!is(kv[MB_K_buf_offset_bytes], "0", NULL))
		add(buf, len, "buf-offset=", kv[MB_K_buf_offset_bytes]);
	if (!is(kv[MB_K_iov], "1", NULL))
		add(buf, len, "iov", kv[MB_K_iov]);
	if (*kv[MB_K_window_bytes])
		add(buf, len, "window=", mb_fmt_size(strtoull(kv[MB_K_window_bytes], NULL, 10), sz, sizeof(sz)));
	if (!is(kv[MB_K_fixed_buffers], "0", "no"))
		add(buf, len, "", "fixed");
	if (!is(kv[MB_K_stdio_buf_bytes], "0", NULL))
		add(buf, len, "stdio-buf=", mb_fmt_size(strtoull(kv[MB_K_stdio_buf_bytes], NULL, 10), sz, sizeof(sz)));
	if (!strcmp(kv[MB_K_target], "new"))
		add(buf, len, "", "new");
	if (!is(kv[MB_K_sync], "none", NULL))
		add(buf, len, "sync=", kv[MB_K_sync]);
	if (*kv[MB_K_method_options]) {
		char opts[256];

		if (*not_default(kv[MB_K_method_options], opts, sizeof(opts)))
			add(buf, len, "", opts);
	}
}
