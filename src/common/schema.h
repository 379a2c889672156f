/* schema.h: the results row and the CSV columns of schema 1 (DESIGN §4).
 * docs/csv-schema.md documents every column; columns are only ever added at
 * the end. */
#ifndef MB_SCHEMA_H
#define MB_SCHEMA_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "account.h"
#include "envinfo.h"
#include "memcg.h"
#include "method.h"

#define MB_SCHEMA_VERSION 1

struct mb_tl_rep;

struct mb_row {
	/* identity */
	const struct mb_env *env;
	const char *run_id;
	char timestamp_utc[32];
	/* config */
	const char *method, *advice, *consume, *op, *pattern, *cache; /* cache "" = n/a */
	uint64_t file_size, block;
	int threads;          /* workers, of the kind workers names */
	const char *workers;  /* "threads" or "procs" */
	int queue_depth;      /* 0 = not applicable */
	int rep;              /* 1..reps; 0 = a warm-up that failed */
	/* measures (written only when measured) */
	int measured;
	uint64_t bytes, ops, setup_ns, io_ns, teardown_ns, total_ns;
	int has_latency;
	uint64_t lat_p50_ns, lat_p99_ns, lat_p999_ns, lat_max_ns;
	struct mb_acct_delta acct;
	double resident_before_pct, resident_after_pct; /* NAN = n/a */
	int has_checksum;
	uint64_t checksum;
	/* outcome */
	const char *status;   /* ok, error, unsupported */
	char error[600];
	/* added columns */
	uint64_t seed;
	const char *file;
	uint64_t expected_checksum;
	int has_expected;
	int has_data_seed;    /* datasets only; empty for --file */
	uint64_t data_seed;
	/* variant parameters (0 = not applicable, except buf_offset) */
	size_t buf_offset;
	/* more measures */
	uint64_t lat_p90_ns;
	int has_map_times;    /* mmap methods */
	uint64_t mmap_ns, munmap_ns;
	int has_tlb, has_vmstat;
	int64_t tlb_shootdowns, vm_pgfault, vm_pgmajfault, vm_pgpgin_kb, vm_thp_fault_alloc;
	int64_t file_pmd_mapped_bytes;  /* -1 = n/a */
	int64_t file_huge_pages_bytes;  /* -1 = n/a */
	double large_folio_pct;         /* NAN = n/a */
	double pmd_folio_pct;           /* NAN = n/a */
	/* rounds and timing fidelity */
	int round;                      /* the round the repetition ran in */
	uint64_t start_ns;              /* CLOCK_MONOTONIC at its timed start */
	int64_t thread_start_spread_ns; /* last worker start - first; -1 = n/a */
	int lat_timed;                  /* 1: each operation was timed (a latency rep) */
	/* the method's own options (method.h), each in its column */
	const struct mb_option *options;
	uint64_t opt[MB_MAX_METHOD_OPTS];
	/* the write side */
	const char *target, *sync;      /* "" for reads */
	int has_sync;                   /* writes and rmw: sync_ns is measured */
	uint64_t sync_ns;               /* the sync call after the io; 0 without one */
	int64_t dirty_delta_bytes, writeback_delta_bytes; /* /proc/vmstat gauges' change */
	uint64_t stride;                /* pattern stride: its stride in blocks; else 0 */
	/* identity added later */
	const char *mkfs_opts;          /* run --mkfs-opts as given; NULL: not given */
	uint64_t duration_ns;           /* --duration: each repetition's least io time; 0 = one pass */
	const struct mb_tl_rep *timeline; /* --timeline: the repetition's intervals, or NULL
					   * (timeline.h; not a column: the timeline file's) */
	/* --mem-limit: the run's memory cgroup (memcg.h) */
	uint64_t mem_limit;             /* its limit in bytes; 0 = no limit */
	int has_cg;                     /* cg was read around the timed phases */
	struct mb_memcg_stat cg;        /* sizes at the end of the io, counters' deltas; -1 = n/a */
};

/* Read amplification: device bytes read per byte the method asked for
 * (dev_read_bytes / bytes); NAN when either is unknown or bytes is 0. The
 * read_amp column and the summaries' dev_read_per_byte are this. */
static inline double mb_read_amp(double dev_read_bytes, double bytes)
{
	return bytes > 0 ? dev_read_bytes / bytes : NAN;
}

/* Each column's role, grouping, unit and doc (columns.def), in header order. */
enum mb_role { MB_ROLE_IDENTITY, MB_ROLE_CONFIG, MB_ROLE_MEASURE, MB_ROLE_OUTCOME };
enum { MB_NOKEY, MB_KEY };
struct mb_column {
	const char *name;
	enum mb_role role;
	int key;            /* MB_KEY: rows that differ here are never pooled */
	const char *unit;   /* "ns", "bytes", "MiB/s", "count", ...; "" for text */
	const char *doc;    /* one line */
};
extern const struct mb_column mb_base_columns[];
size_t mb_nbase_columns(void);
/* Column i of the header (mb_columns()): its table entry, or for a method
 * option's own column one made from the option (config, a key through
 * method_options, its unit from its type, its help as the doc). */
struct mb_column mb_column_at(size_t i);

/* The value the row's method had for the option recorded in column col: 1
 * and *v, or 0 when its method has no such option. */
int mb_row_option(const struct mb_row *r, const char *col, uint64_t *v);

/* The header: the columns above, then one column per method option
 * (mb_option_at order, each named by its option's column). */
const char *const *mb_columns(void);
size_t mb_ncolumns(void);
/* Index of the results column name, or -1. */
long mb_column_index(const char *name);

/* Fills cells[0..mb_ncolumns()) with the row's text; scratch holds the numbers
 * (at least MB_ROW_SCRATCH bytes). */
#define MB_ROW_SCRATCH 4096
#define MB_MAX_COLUMNS 160 /* room for cells: mb_ncolumns() never exceeds it */
void mb_row_cells(const struct mb_row *r, const char **cells, char *scratch);

/* Sets timestamp_utc to now, ISO 8601 with Z. */
void mb_row_stamp(struct mb_row *r);

#endif
