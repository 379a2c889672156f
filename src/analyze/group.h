/* group.h: results rows grouped by configuration. One or more results CSVs
 * (each with its own header, read by column name with libcsv, streaming) go
 * into one set of groups; each group keeps the samples of every measure of
 * its status=ok rows, plus measures derived per row (faults per MiB, CPU time
 * per GiB, device bytes per useful byte, time and faults per operation). summarize, ratio and report build
 * on it.
 *
 * Rows come in two kinds (the lat_timed column): throughput repetitions
 * (lat_timed=0), which read no clock per operation, give every measure but
 * the latency percentiles; latency repetitions (lat_timed=1), slowed by their
 * per-operation clock reads, give the latency percentiles only. A row with no
 * lat_timed value (an older file, a row converted from another tool) gives
 * everything it has. */
#ifndef MB_GROUP_H
#define MB_GROUP_H

#include <stddef.h>
#include <stdio.h>

/* Columns that tell configurations apart: the KEY columns of the results
 * table (common/columns.def), in output order: first the environment (its
 * IDENTITY keys: the machine, its kernel, filesystem and build), then the
 * workload (its CONFIG keys), each in table order, then method_options. A
 * column a file lacks reads as "". Each key is MB_K_<column name>. */
#define MB_GK_IDENTITY_NOKEY(name)
#define MB_GK_CONFIG_NOKEY(name)
#define MB_GK_MEASURE_NOKEY(name)
#define MB_GK_OUTCOME_NOKEY(name)
enum mb_gkey {
#define MB_GK_IDENTITY_KEY(name) MB_K_##name,
#define MB_GK_CONFIG_KEY(name)
#define MB_COL(name, role, key, unit, doc, cell) MB_GK_##role##_##key(name)
#include "columns.def"
#undef MB_GK_IDENTITY_KEY
#undef MB_GK_CONFIG_KEY
	MB_NENV_KEYS, MB_K_ENV_END_ = MB_NENV_KEYS - 1,
#define MB_GK_IDENTITY_KEY(name)
#define MB_GK_CONFIG_KEY(name) MB_K_##name,
#include "columns.def"
#undef MB_COL
#undef MB_GK_IDENTITY_KEY
#undef MB_GK_CONFIG_KEY
	MB_K_method_options, /* "column=value;..." of the method options' own columns */
	MB_NKEYS
};
extern const char *const mb_gkey_names[MB_NKEYS];
/* 1 for the environment keys, 0 for the workload's. */
static inline int mb_gkey_is_env(enum mb_gkey k)
{
	return k < MB_NENV_KEYS;
}

/* Measures: columns of the results file (mb_gmetric_measured), and measures
 * derived from them per row. MB_M_MIB_PER_S is first. Those from
 * MB_M_APPENDED on came later: the summary writes them after its other
 * columns (columns are only added at the end). */
enum mb_gmetric {
	MB_M_MIB_PER_S, MB_M_OPS_PER_S, MB_M_TOTAL_NS, MB_M_SETUP_NS, MB_M_IO_NS, MB_M_TEARDOWN_NS,
	MB_M_USER_US, MB_M_SYS_US, MB_M_MINFLT, MB_M_MAJFLT, MB_M_DEV_READ_BYTES, MB_M_LAT_P50,
	MB_M_LAT_P99, MB_M_LAT_P999, MB_M_LAT_MAX,
	MB_M_MINFLT_PER_MIB, MB_M_MAJFLT_PER_MIB, MB_M_USER_MS_PER_GIB, MB_M_SYS_MS_PER_GIB,
	MB_M_WALL_MS_PER_GIB, MB_M_DEV_READ_PER_BYTE,
	MB_M_SYNC_NS, MB_M_NS_PER_OP, MB_M_MINFLT_PER_OP, MB_M_TLB_SHOOTDOWNS, MB_M_TLB_PER_OP,
	MB_NMETRICS
};
#define MB_M_APPENDED MB_M_SYNC_NS
/* 1 for a measure read from a results column of its name, 0 for a derived one. */
static inline int mb_gmetric_measured(enum mb_gmetric m)
{
	return m <= MB_M_LAT_MAX || m == MB_M_SYNC_NS || m == MB_M_TLB_SHOOTDOWNS;
}
extern const char *const mb_gmetric_names[MB_NMETRICS];

struct mb_samples {
	double *v;
	size_t n, cap;
};

struct mb_group {
	char *key;                  /* key values joined by \x1f (the hash key) */
	const char *kv[MB_NKEYS];   /* each key value, NUL-terminated ("" when absent) */
	char *kbuf;                 /* storage of kv */
	unsigned long long hash;    /* of key */
	struct mb_samples m[MB_NMETRICS];
	size_t rows;                /* status=ok rows but latency repetitions */
	size_t lat_rows;            /* status=ok latency repetitions (lat_timed=1) */
	/* kept only when the groups track rows (mb_groups.track) */
	size_t bad_rows;            /* rows whose status is not ok (error, unsupported) */
	double res_min, res_max;    /* resident_before_pct of the ok rows (NAN: none) */
	struct mb_samples folio;    /* large_folio_pct of the ok rows */
	struct mb_samples *extra;   /* one per mb_groups.extra column, when asked for */
};

/* One row's identity when the groups track rows: a hash of its group key,
 * run_id, timestamp, rep, round, lat_timed and timed start; two rows with
 * the same one are the same row twice. */
struct mb_rowid {
	unsigned long long hash;
	size_t line;
};

struct mb_groups {
	struct mb_group *g;         /* in first-seen order */
	size_t n, cap;
	size_t *slot, nslots;       /* hash table: group index + 1, 0 = empty */
	/* per file being read */
	long kcol[MB_NKEYS], mcol[MB_NMETRICS], status, bytes, ops, lat_timed;
	long optcol[16];            /* method option columns (method.h) that are no key above */
	const char *optname[16];
	size_t nopt;
	char optbuf[512];
	size_t nfields;
	int have_header;
	char *keybuf;
	size_t keycap;
	char *err;
	size_t errlen;
	const char *name;
	/* Set to 1 before the first read to also keep, per group, its rows that
	 * are not ok and their residency and large-folio share, and per file its
	 * schema version and every row's identity (mapbench compare). */
	int track;
	long tcol[9];               /* schema, resident, folio, then the identity cells */
	struct mb_rowid *ids;       /* one per row, in file order */
	size_t nids, idcap;
	char schema[16];            /* the file's schema version */
	/* Set before the first read to also keep, per group, the samples of
	 * these columns (NULL-terminated names, at most 16) of its ok rows but
	 * latency repetitions, in g->extra[i] (mapbench explain). */
	const char *const *extra;
	long xcol[16];
};

/* Adds the rows of results CSV in (named name in errors) to gs (zeroed the
 * first time). 0, or -errno with a one-line reason naming the line in err. */
int mb_groups_read(struct mb_groups *gs, FILE *in, const char *name, char *err, size_t errlen);
/* Reads the file at path the same way. */
int mb_groups_read_path(struct mb_groups *gs, const char *path, char *err, size_t errlen);
/* Reads paths[i] into gs[i] (each zeroed but for track), the files at once
 * in threads of their own. 0, or the first failing file's -errno with its
 * reason in err. */
int mb_groups_read_each(struct mb_groups *gs, char *const *paths, size_t n, char *err, size_t errlen);
/* The group whose key values are kv, or NULL. */
struct mb_group *mb_groups_find(const struct mb_groups *gs, const char *const kv[MB_NKEYS]);
void mb_groups_free(struct mb_groups *gs);

/* The series label of a group: the method, then only what differs from the
 * defaults (advice, consume, threads, queue depth, ...), e.g.
 * "mmap advice=random", "read threads=4" or "uring qd32". Charts draw one line
 * per label. */
void mb_group_series(const struct mb_group *g, char *buf, size_t len);

#endif
