/* run_options.h: the command line of `mapbench run`: its options, their
 * defaults and checks, and the matrix lists they give (run_options.c). */
#ifndef MB_RUN_OPTIONS_H
#define MB_RUN_OPTIONS_H

#include <stdint.h>

#include "matrix.h"

#define DEFAULT_METHODS "read,pread,mmap,memread"
#define DEFAULT_WRITE_METHODS "write,pwrite,pwritev,fwrite,mmap,mmap-private"
#define DEFAULT_RMW_METHODS "rmw-read-write,rmw-block,rmw-element,rmw-mmap,rmw-mmap-msync"
#define DEFAULT_RMW_SIZES "40000,40000000" /* 10 thousand and 10 million integers */
#define DEFAULT_SIZES "1M,16M"
#define DEFAULT_BLOCKS "4K,128K"
#define MB_MKFS_OPTS_MAX 255 /* bytes of --mkfs-opts */

struct run_args {
	const char *methods, *patterns, *caches, *sizes, *blocks, *advices, *consumes, *threads;
	const char *dir, *file, *out, *run_id, *lat_out;
	const char *mkfs_opts;               /* --mkfs-opts: recorded as given; NULL: not given */
	const char *timeline;                /* --timeline FILE, or NULL */
	double duration_s, interval_s;       /* --duration (0: one pass), --timeline-interval */
	long reps, warmup, buf_offset, max_reps;
	const char *procs_arg;               /* --procs as given, or NULL */
	int procs;                           /* --procs: worker processes (1: threads) */
	long lat_reps;                       /* latency repetitions (default: reps) */
	long stride;                         /* --stride: blocks, for pattern stride */
	int order_blocks;                    /* --order blocks */
	uint64_t optval[32];                 /* method options (mb_option_at order) */
	int optgiven[32];
	double ci_target_pct, time_budget_s; /* adaptive repetition; 0: off */
	const char *qds;
	const char *op, *targets, *syncs;    /* NULL: not given (defaults per op) */
	enum mb_op opv;
	uint64_t seed, data_seed;
	uint64_t mem_limit;                  /* --mem-limit: bytes; 0 = none */
	int drop_caches, quiet, dir_given, latency, print_header, patterns_given;
	int consumes_given;                  /* --consume given (else each method's default) */
};

/* Parses argv into *a. 0, -1 after --help (printed), or MB_EXIT_USAGE after
 * a one-line error on stderr. */
int mb_run_parse_args(int argc, char **argv, struct run_args *a);
/* The matrix lists of *a (sizes only when --size was given). 0 or
 * MB_EXIT_USAGE after a one-line error naming the option and the bad value. */
int mb_run_build_spec(const struct run_args *a, struct mb_matrix_spec *s);
/* "run: OPT: WHY" on stderr; returns MB_EXIT_USAGE. */
int mb_run_usage_error(const char *opt, const char *why);

#endif
