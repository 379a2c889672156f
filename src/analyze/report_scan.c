/* report_scan.c: the report's pass over the raw results rows (see
 * report_scan.h). */
#include "report_scan.h"
#include "csvio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *const mb_env_col_names[MB_NENV] = {
	"host", "kernel", "arch", "cpu_model", "cpu_vendor", "cpu_family", "cpu_model_id",
	"cpu_stepping", "microcode", "hypervisor", "mitigations", "boot_id", "ncpu", "mem_bytes",
	"page_size", "fs_type",
	"mount_source", "mount_opts", "read_ahead_kb", "thp", "dirty_bytes", "dirty_background_bytes",
	"dirty_ratio", "dirty_background_ratio", "build", "tool_version", "run_id",
};

static int header(struct mb_scan *s, char **f, size_t n)
{
	if ((s->status = mb_csv_field_index(f, n, "status")) < 0) {
		snprintf(s->err, s->errlen, "%s: line 1: no column 'status' (not a mapbench results file?)",
			 s->name);
		return -EINVAL;
	}
	for (size_t i = 0; i < MB_NENV; i++)
		s->col[i] = mb_csv_field_index(f, n, mb_env_col_names[i]);
	s->error_col = mb_csv_field_index(f, n, "error");
	s->cache = mb_csv_field_index(f, n, "cache");
	s->bytes = mb_csv_field_index(f, n, "bytes");
	s->dev_read = mb_csv_field_index(f, n, "dev_read_bytes");
	s->ts = mb_csv_field_index(f, n, "timestamp_utc");
	s->nfields = n;
	s->have_header = 1;
	return 0;
}

static int add_val(struct mb_scan_vals *v, const char *x)
{
	for (size_t i = 0; i < v->n && i < MB_SCAN_MAXVALS; i++)
		if (!strcmp(v->v[i], x))
			return 0;
	if (v->n < MB_SCAN_MAXVALS && !(v->v[v->n] = strdup(x)))
		return -ENOMEM;
	v->n++; /* past the kept ones this counts repeats too: "more than 4" is all it says */
	return 0;
}

static int add_msg(struct mb_scan_msgs *m, const char *x)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->msg[i], x)) {
			m->count[i]++;
			return 0;
		}
	if (m->n == MB_SCAN_MAXMSGS) {
		m->more++;
		return 0;
	}
	if (!(m->msg[m->n] = strdup(x)))
		return -ENOMEM;
	m->count[m->n++] = 1;
	return 0;
}

static const char *field(char **f, long c)
{
	return c >= 0 ? f[c] : "";
}

static int on_row(void *ctx, size_t line, char **f, size_t n)
{
	struct mb_scan *s = ctx;
	const char *st, *ts;
	int rc = 0;

	if (!s->have_header)
		return header(s, f, n);
	if (n != s->nfields) {
		snprintf(s->err, s->errlen, "%s: line %zu: %zu fields, but the header has %zu", s->name,
			 line, n, s->nfields);
		return -EINVAL;
	}
	s->rows++;
	for (size_t i = 0; !rc && i < MB_NENV; i++)
		if (s->col[i] >= 0)
			rc = add_val(&s->env[i], f[s->col[i]]);
	ts = field(f, s->ts);
	if (*ts && (!s->first_ts[0] || strcmp(ts, s->first_ts) < 0))
		snprintf(s->first_ts, sizeof(s->first_ts), "%s", ts);
	if (*ts && strcmp(ts, s->last_ts) > 0)
		snprintf(s->last_ts, sizeof(s->last_ts), "%s", ts);
	st = f[s->status];
	if (!strcmp(st, "ok")) {
		s->ok++;
		if (!strcmp(field(f, s->cache), "cold") && *field(f, s->bytes) && *field(f, s->dev_read)) {
			double bytes = strtod(f[s->bytes], NULL), dev = strtod(f[s->dev_read], NULL);

			s->cold_ok++;
			s->cold_undelivered += bytes > 0 && dev < bytes / 2;
		}
	} else if (!strcmp(st, "unsupported")) {
		s->unsupported++;
		rc = rc ? rc : add_msg(&s->unsupported_msgs, field(f, s->error_col));
	} else {
		s->error++;
		s->cold_unreached += strstr(field(f, s->error_col), "cold state not reached") != NULL;
		rc = rc ? rc : add_msg(&s->errors, field(f, s->error_col));
	}
	return rc;
}

int mb_report_scan(const char *path, struct mb_scan *s, char *err, size_t errlen)
{
	FILE *in;
	int rc;

	memset(s, 0, sizeof(*s));
	s->err = err, s->errlen = errlen, s->name = path;
	if (!(in = mb_csv_open_input(path, err, errlen)))
		return -errno;
	rc = mb_csv_read_named(in, path, on_row, s, err, errlen);
	fclose(in);
	if (!rc && !s->have_header) {
		snprintf(err, errlen, "%s: empty, no header", path);
		rc = -EINVAL;
	}
	return rc;
}

static void free_msgs(struct mb_scan_msgs *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->msg[i]);
}

void mb_report_scan_free(struct mb_scan *s)
{
	for (size_t i = 0; i < MB_NENV; i++)
		for (size_t j = 0; j < s->env[i].n && j < MB_SCAN_MAXVALS; j++)
			free(s->env[i].v[j]);
	free_msgs(&s->errors);
	free_msgs(&s->unsupported_msgs);
}
