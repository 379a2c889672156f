/* schema.c: the column list of results schema 1 (with one column per method
 * option at the end) and the formatting of a row. */
#include "schema.h"

#include <inttypes.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const base_columns[] = {
	/* identity */
	"schema", "run_id", "timestamp_utc", "host", "kernel", "arch", "cpu_model", "ncpu",
	"mem_bytes", "page_size", "fs_type", "mount_source", "mount_opts", "read_ahead_kb", "thp",
	"build", "tool_version",
	/* config */
	"method", "advice", "consume", "op", "pattern", "cache", "file_size_bytes",
	"block_size_bytes", "threads", "queue_depth", "rep",
	/* measures */
	"bytes", "ops", "setup_ns", "io_ns", "teardown_ns", "total_ns", "mib_per_s", "ops_per_s",
	"lat_p50_ns", "lat_p99_ns", "lat_p999_ns", "lat_max_ns", "user_us", "sys_us", "minflt",
	"majflt", "nvcsw", "nivcsw", "dev_read_bytes", "dev_write_bytes", "resident_before_pct",
	"resident_after_pct", "checksum",
	/* outcome */
	"status", "error",
	/* added after the minimum set */
	"seed", "file", "expected_checksum", "data_seed",
	"buf_offset_bytes", "iov", "window_bytes", "lat_p90_ns", "mmap_ns", "munmap_ns",
	"tlb_shootdowns", "vm_pgfault", "vm_pgmajfault", "vm_pgpgin_kb", "vm_thp_fault_alloc",
	"file_pmd_mapped_bytes", "file_huge_pages_bytes", "large_folio_pct", "fixed_buffers",
	"round", "start_ns", "thread_start_spread_ns", "lat_timed",
	"cpu_vendor", "cpu_family", "cpu_model_id", "cpu_stepping", "microcode", "hypervisor",
	"mitigations", "boot_id",
};

#define NBASE (sizeof(base_columns) / sizeof(base_columns[0]))
#define MAX_COLUMNS MB_MAX_COLUMNS

static const char *header[MAX_COLUMNS];
static size_t nheader;

const char *const *mb_columns(void)
{
	if (!nheader) {
		for (size_t i = 0; i < NBASE; i++)
			header[nheader++] = base_columns[i];
		for (size_t i = 0; i < mb_option_count() && nheader < MAX_COLUMNS; i++) {
			const char *col = mb_option_at(i)->column;
			size_t j;

			/* an option recorded in a column of the table above keeps it */
			for (j = 0; j < NBASE && strcmp(base_columns[j], col); j++)
				;
			if (j == NBASE)
				header[nheader++] = col;
		}
	}
	return header;
}

size_t mb_ncolumns(void)
{
	mb_columns();
	return nheader;
}



struct cellbuf {
	char *p, *end;
};

static const char *num(struct cellbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));


static const char *num(struct cellbuf *b, const char *fmt, ...)
{
	va_list ap;
	char *at = b->p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(at, (size_t)(b->end - at), fmt, ap);
	va_end(ap);
	if (n < 0 || n >= b->end - at)
		return "";
	b->p += n + 1;
	return at;
}

static const char *u64(struct cellbuf *b, uint64_t v)
{
	return num(b, "%" PRIu64, v);
}

static const char *i64(struct cellbuf *b, int64_t v)
{
	return num(b, "%" PRId64, v);
}

static const char *pct(struct cellbuf *b, double v)
{
	return isnan(v) ? "" : num(b, "%.2f", v);
}

static const char *hex(struct cellbuf *b, uint64_t v)
{
	return num(b, "%016" PRIx64, v);
}

int mb_row_option(const struct mb_row *r, const char *col, uint64_t *v)
{
	size_t k = 0;

	for (const struct mb_option *o = r->options; o && o->name && k < MB_MAX_METHOD_OPTS; o++, k++)
		if (!strcmp(o->column, col)) {
			*v = r->opt[k];
			return 1;
		}
	return 0;
}

/* The row's value of the method option recorded in column col, or "". */
static const char *option_cell(struct cellbuf *b, const struct mb_row *r, const char *col)
{
	uint64_t v;

	return mb_row_option(r, col, &v) ? u64(b, v) : "";
}

void mb_row_cells(const struct mb_row *r, const char **c, char *scratch)
{
	struct cellbuf b = {scratch, scratch + MB_ROW_SCRATCH};
	const struct mb_env *e = r->env;
	const struct mb_acct_delta *a = &r->acct;
	int m = r->measured;
	size_t i = 0;

	c[i++] = num(&b, "%d", MB_SCHEMA_VERSION);
	c[i++] = r->run_id;
	c[i++] = r->timestamp_utc;
	c[i++] = e->host;
	c[i++] = e->kernel;
	c[i++] = e->arch;
	c[i++] = e->cpu_model;
	c[i++] = num(&b, "%ld", e->ncpu);
	c[i++] = u64(&b, e->mem_bytes);
	c[i++] = num(&b, "%ld", e->page_size);
	c[i++] = e->fs_type;
	c[i++] = e->mount_source;
	c[i++] = e->mount_opts;
	c[i++] = e->read_ahead_kb;
	c[i++] = e->thp;
	c[i++] = e->build;
	c[i++] = e->tool_version;

	c[i++] = r->method;
	c[i++] = r->advice;
	c[i++] = r->consume;
	c[i++] = r->op;
	c[i++] = r->pattern;
	c[i++] = r->cache;
	c[i++] = u64(&b, r->file_size);
	c[i++] = u64(&b, r->block);
	c[i++] = num(&b, "%d", r->threads);
	c[i++] = r->queue_depth ? num(&b, "%d", r->queue_depth) : "";
	c[i++] = num(&b, "%d", r->rep);

	c[i++] = m ? u64(&b, r->bytes) : "";
	c[i++] = m ? u64(&b, r->ops) : "";
	c[i++] = m ? u64(&b, r->setup_ns) : "";
	c[i++] = m ? u64(&b, r->io_ns) : "";
	c[i++] = m ? u64(&b, r->teardown_ns) : "";
	c[i++] = m ? u64(&b, r->total_ns) : "";
	c[i++] = m && r->total_ns ? num(&b, "%.3f", (double)r->bytes / 1048576.0 / ((double)r->total_ns / 1e9)) : "";
	c[i++] = m && r->total_ns ? num(&b, "%.1f", (double)r->ops / ((double)r->total_ns / 1e9)) : "";
	c[i++] = m && r->has_latency ? u64(&b, r->lat_p50_ns) : "";
	c[i++] = m && r->has_latency ? u64(&b, r->lat_p99_ns) : "";
	c[i++] = m && r->has_latency ? u64(&b, r->lat_p999_ns) : "";
	c[i++] = m && r->has_latency ? u64(&b, r->lat_max_ns) : "";
	c[i++] = m ? num(&b, "%.0f", a->user_us) : "";
	c[i++] = m ? num(&b, "%.0f", a->sys_us) : "";
	c[i++] = m ? i64(&b, a->minflt) : "";
	c[i++] = m ? i64(&b, a->majflt) : "";
	c[i++] = m ? i64(&b, a->nvcsw) : "";
	c[i++] = m ? i64(&b, a->nivcsw) : "";
	c[i++] = m && a->io_ok ? i64(&b, a->dev_read_bytes) : "";
	c[i++] = m && a->io_ok ? i64(&b, a->dev_write_bytes) : "";
	c[i++] = pct(&b, r->resident_before_pct);
	c[i++] = pct(&b, r->resident_after_pct);
	c[i++] = r->has_checksum ? hex(&b, r->checksum) : "";

	c[i++] = r->status;
	c[i++] = r->error;

	c[i++] = u64(&b, r->seed);
	c[i++] = r->file ? r->file : "";
	c[i++] = r->has_expected ? hex(&b, r->expected_checksum) : "";
	c[i++] = r->has_data_seed ? u64(&b, r->data_seed) : "";

	c[i++] = u64(&b, r->buf_offset);
	c[i++] = option_cell(&b, r, "iov");
	c[i++] = option_cell(&b, r, "window_bytes");
	c[i++] = m && r->has_latency ? u64(&b, r->lat_p90_ns) : "";
	c[i++] = m && r->has_map_times ? u64(&b, r->mmap_ns) : "";
	c[i++] = m && r->has_map_times ? u64(&b, r->munmap_ns) : "";
	c[i++] = m && r->has_tlb ? i64(&b, r->tlb_shootdowns) : "";
	c[i++] = m && r->has_vmstat ? i64(&b, r->vm_pgfault) : "";
	c[i++] = m && r->has_vmstat ? i64(&b, r->vm_pgmajfault) : "";
	c[i++] = m && r->has_vmstat ? i64(&b, r->vm_pgpgin_kb) : "";
	c[i++] = m && r->has_vmstat ? i64(&b, r->vm_thp_fault_alloc) : "";
	c[i++] = m && r->file_pmd_mapped_bytes >= 0 ? i64(&b, r->file_pmd_mapped_bytes) : "";
	c[i++] = m && r->file_huge_pages_bytes >= 0 ? i64(&b, r->file_huge_pages_bytes) : "";
	c[i++] = pct(&b, r->large_folio_pct);
	c[i++] = option_cell(&b, r, "fixed_buffers");
	c[i++] = num(&b, "%d", r->round);
	c[i++] = m ? u64(&b, r->start_ns) : "";
	c[i++] = m && r->thread_start_spread_ns >= 0 ? i64(&b, r->thread_start_spread_ns) : "";
	c[i++] = num(&b, "%d", r->lat_timed);

	c[i++] = e->cpu_vendor;
	c[i++] = e->cpu_family;
	c[i++] = e->cpu_model_id;
	c[i++] = e->cpu_stepping;
	c[i++] = e->microcode;
	c[i++] = e->hypervisor;
	c[i++] = e->mitigations;
	c[i++] = e->boot_id;

	/* the method options' columns: the row's method's value, else empty */
	for (size_t j = NBASE; j < mb_ncolumns(); j++)
		c[i++] = option_cell(&b, r, header[j]);
}

void mb_row_stamp(struct mb_row *r)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(r->timestamp_utc, sizeof(r->timestamp_utc), "%Y-%m-%dT%H:%M:%SZ", &tm);
}
