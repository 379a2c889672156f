/* crosscheck.h: mapbench against fio (bench/crosscheck-fio.sh). A results
 * file holds mapbench's rows and fio's, converted to the same columns with
 * the configuration of their mapbench peer; pairs name a mapbench method and
 * its fio counterpart (pread ~ fio-psync, ...). Per configuration (cache,
 * pattern, block, file size) and pair: the medians of both, the ratio
 * mapbench / fio with its 95% CI and Mann-Whitney p (ratio.h, with
 * tool_version going with the method), and the evidence the likely cause of
 * a gap is told from (crosscheck_cause.c): CPU time per run of each tool,
 * the checksum's cost estimated from the mmap pair, the memory a VM handed
 * back to its host during each run (free page reporting), and for write
 * pairs (op write; the sync mode is part of their configuration) the sync
 * call's time and the bytes written back or left dirty. Figures are
 * kept rounded as they are printed (crosscheck_text.c), and every decision
 * is made on the printed figure, so the table and its findings agree. */
#ifndef MB_CROSSCHECK_H
#define MB_CROSSCHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A pair: mapbench's method (the results' method column), fio's, the label
 * of the table ("pread / fio psync"), and the op of its rows (NULL: read;
 * "write": mapbench run --op write against a fio write job). */
struct mb_xc_pair {
	const char *mb, *fio, *label, *op;
};

/* A figure that may be missing (an empty cell of the table). */
struct mb_xc_num {
	int ok;
	double v;
};

/* One configuration and pair that ran (mapbench has a row there). */
struct mb_xc_line {
	const struct mb_xc_pair *pair;
	char cache[16], pattern[16];
	char op[16], sync[24];        /* op: read or write; sync: the write's (write lines) */
	uint64_t block, file;
	int have_ratio;               /* 0: one side has no ok row: no ratio */
	double mib_mb, mib_fio;       /* median MiB/s */
	struct mb_xc_num ops_mb, ops_fio; /* median ops/s (rand only) */
	double ratio, ci_lo, ci_hi, p; /* ratio to 3 decimals, CI to 2, p to 3 */
	int significant;              /* p < 0.05 */
	size_t n_mb, n_fio;
	/* the evidence, per run, ms to 1 decimal (adjusted ratios to 2) */
	struct mb_xc_num user_mb, user_fio; /* user CPU time */
	struct mb_xc_num adj_user;    /* the ratio less mapbench's extra user time */
	struct mb_xc_num sys_mb, sys_fio; /* system CPU time */
	struct mb_xc_num csum;        /* the checksum's cost (from the mmap pair) ... */
	struct mb_xc_num adj_csum;    /* ... and the ratio without it */
	double total_mb, total_fio;   /* median total_ns, in ms, unrounded */
	/* write lines, medians per run: mapbench's sync call (ms, 1 decimal;
	 * fio reports no time for its --end_fsync), and in MiB (1 decimal) the
	 * change of the pages dirty and under write-back across the run
	 * (system-wide: dirty_delta_bytes, writeback_delta_bytes) */
	struct mb_xc_num sync_mb;
	struct mb_xc_num dirty_mb, dirty_fio, wb_mb, wb_fio;
	/* per run: "MiB/s (MiB handed back)", ", "-joined; NULL when no memory
	 * was handed back during any run (or none was recorded) */
	char *runs_mb, *runs_fio;
	size_t handed_mb, handed_fio; /* runs that handed back over 64 MiB */
	size_t nruns_mb, nruns_fio;   /* runs in those lists */
};

struct mb_xc_table {
	struct mb_xc_line *lines;     /* configurations in the order they ran, pairs in theirs */
	size_t n;
	char ra_kb[32];               /* read_ahead_kb of the first row ("?" when empty) */
	int have_reported;            /* a page-reporting file with at least one run */
	long reported_mib;            /* MiB handed back during all the runs */
};

/* Runs that handed back more than this many MiB count as hit by page
 * reporting in the findings. */
#define MB_XC_REPORTED_MIB 64

/* Builds t from the results file at results (mapbench's rows and fio's) for
 * the npairs pairs, with the memory handed back per run from the CSV file at
 * reported (columns config, method, rep, reported_mib; config as
 * "warm-seq-128K-1G"), or none when reported is NULL. 0, or -errno with a
 * one-line reason in err. */
int mb_xc_build(const char *results, const struct mb_xc_pair *pairs, size_t npairs,
		const char *reported, struct mb_xc_table *t, char *err, size_t errlen);
void mb_xc_free(struct mb_xc_table *t);

/* 1 when line's ratio (as printed) is outside 0.9-1.1. */
int mb_xc_is_finding(const struct mb_xc_line *line);

/* The likely cause of line's finding, with the evidence at hand, into buf. */
void mb_xc_cause(const struct mb_xc_table *t, const struct mb_xc_line *line, char *buf, size_t len);

/* x rounded to the given decimals, as jq's tostring prints it (no trailing
 * zeros: 1.5, 12, 0.957). */
char *mb_xc_fmt(double x, int decimals, char *buf, size_t len);

/* The table (one line per configuration and pair), the findings with their
 * likely causes, and the memory handed back in all, as text to out. */
void mb_xc_print(const struct mb_xc_table *t, FILE *out);

#endif
