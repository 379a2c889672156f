/* run_options.c: the command line of `mapbench run` (see run_options.h):
 * every option, its default and its range; lists parsed into the matrix spec,
 * each bad value named in a one-line error. */
#include "run_options.h"
#include "advice.h"
#include "parse.h"
#include "memcg.h"
#include "method_args.h"
#include "procs.h"
#include "runner.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
	fputs("usage: mapbench run [options]\n"
	      "\n"
	      "Run every combination of the lists below and write one CSV row per repetition.\n"
	      "\n"
	      "  --op OP           read (default), write (the dataset's bytes into a scratch\n"
	      "                    file next to it, re-read and verified after each repetition)\n"
	      "                    or rmw (add 1 to every 4-byte integer of a scratch copy, in\n"
	      "                    place); datasets are never written\n"
	      "  --method LIST     access methods of the op (read: default " DEFAULT_METHODS ";\n"
	      "                    write: " DEFAULT_WRITE_METHODS ";\n"
	      "                    rmw: all five; see `mapbench methods`)\n"
	      "  --target LIST     write: rewrite (an allocated file of the size, overwritten;\n"
	      "                    the default), new (an empty file the writes grow)\n"
	      "  --sync LIST       write: none (default), fsync, fdatasync (once after the io,\n"
	      "                    timed as sync_ns), o_sync, o_dsync (every write), msync,\n"
	      "                    msync-async, msync-invalidate (mappings; MS_INVALIDATE\n"
	      "                    evicts nothing on Linux)\n"
	      "  --pattern LIST    seq, rand (default seq,rand), rev (last block first), stride\n"
	      "                    (blocks 0, S, 2S, ..., then 1, S+1, ...: every block once)\n"
	      "  --stride S        blocks between two visits of pattern stride (default 8)\n"
	      "  --cache LIST      warm, cold, warm-4k (default warm,cold), verified with mincore;\n"
	      "                    warm-4k: cached by 4 KiB reads in small folios (checked as root)\n"
	      "  --size LIST       dataset sizes, e.g. 64K,1M or 4K..1G (x4 steps) or 4K..1M*2\n"
	      "                    (default " DEFAULT_SIZES "; rmw: " DEFAULT_RMW_SIZES ")\n"
	      "  --block LIST      block sizes (default " DEFAULT_BLOCKS "); blocks larger than a file are skipped\n"
	      "                    (fault, anon-read, anon-write: the page size only)\n"
	      "  --advice LIST     none (default), normal, sequential, random, willneed, and for\n"
	      "                    mappings hugepage, populate-read, map-populate; for descriptors\n"
	      "                    noreuse, readahead (madvise/posix_fadvise, every return checked)\n"
	      "  --consume LIST    sum (default: checksum every byte), touch (one byte per page),\n"
	      "                    copy (memcpy each block out first); touch/copy: mapping methods;\n"
	      "                    not given, a method of one mode runs with it (fault,\n"
	      "                    anon-read, anon-write: touch)\n"
	      "  --threads LIST    worker threads sharing one fd or mapping (default 1)\n"
	      "  --procs N         N worker processes instead, each with its own fd or mapping of\n"
	      "                    the file and its share of the plan (default 1; reads of a\n"
	      "                    file only, not with --threads > 1, --latency, --timeline,\n"
	      "                    --duration; rows say workers=procs, no latency)\n"
	      "  --buf-offset N    I/O buffers start N bytes past a page boundary (default 0)\n"
	      "  --qd LIST         uring: queue depths (default 1; e.g. 1,32)\n"
	      "  --latency         latency repetitions for seq too (always on for rand): extra\n"
	      "                    repetitions that time each operation (lat_timed = 1); the\n"
	      "                    throughput repetitions never read the clock per operation\n"
	      "  --lat-reps N      latency repetitions per configuration that records latency\n"
	      "                    (default: --reps; 0: none)\n"
	      "  --lat-out FILE    write every latency histogram (CSV) to FILE, for CDF plots\n"
	      "  --duration S      read: each repetition issues operations for S seconds (e.g. 3,\n"
	      "                    0.5), wrapping around the plan; a dataset's may stop inside\n"
	      "                    the first pass (its bytes checked against the generator's),\n"
	      "                    a --file's runs one whole pass at least; the clock is read\n"
	      "                    every chunk of max(64, 1 MiB / block) blocks, never per\n"
	      "                    operation (default: one pass)\n"
	      "  --timeline FILE   read: write one CSV row per worker per interval of each\n"
	      "                    measured repetition (ops, bytes, faults, device reads) to FILE\n"
	      "  --timeline-interval S  the timeline's interval in seconds (default 1)\n"
	      "  --reps N          measured repetitions per configuration (default 5)\n"
	      "  --warmup N        unrecorded warm-up repetitions (default 1)\n"
	      "  --order ORDER     rounds (default): round k runs rep k of every method, advice,\n"
	      "                    consume mode and queue depth of a configuration, shuffled per\n"
	      "                    round from --seed; blocks: every rep of one, then the next\n"
	      "  --ci-target PCT   adaptive repetition: after --reps, repeat a configuration until\n"
	      "                    the 95% CI of its median MiB/s is within +-PCT% of the median\n"
	      "                    (needs at least 6 reps), or --max-reps, or --time-budget\n"
	      "  --max-reps N      with --ci-target: at most N reps per configuration (default 30)\n"
	      "  --time-budget S   with --ci-target: no more reps once a configuration's reps took\n"
	      "                    S seconds (default 20)\n"
	      "  --dir DIR         where datasets live and are made (default datasets)\n"
	      "  --file PATH       measure this existing file instead of datasets (read-only)\n"
	      "  --out FILE        results CSV; an existing file is appended to only if its header\n"
	      "                    matches (default: stdout)\n"
	      "  --run-id ID       run identifier for the run_id column (default: UTC time + random)\n"
	      "  --mkfs-opts TEXT  the mkfs command and options the filesystem under the datasets\n"
	      "                    was made with (e.g. 'mkfs.xfs -q -f'), recorded as given in\n"
	      "                    the mkfs_opts column (one line, at most 255 bytes)\n"
	      "  --seed N          seed of the random offset plan and the round order (default 1)\n"
	      "  --data-seed N     seed of the dataset contents (default 1)\n"
	      "  --drop-caches     for cold: also sync and write /proc/sys/vm/drop_caches (root only)\n"
	      "  --mem-limit SIZE  run inside a memory cgroup of its own limited to SIZE (16M up\n"
	      "                    to the machine's memory), made and joined before any cache\n"
	      "                    state is set and removed at the end, also on errors and\n"
	      "                    SIGINT; rows record the limit and the group's counters\n"
	      "                    (cg_* columns). Needs root or a writable cgroup (else exit 3).\n"
	      "                    Methods that keep the file in anonymous memory (memread,\n"
	      "                    writes, rmw, anon-*) are unsupported when it is over SIZE/2\n"
	      "  --quiet           no progress, no summary\n"
	      "  --print-header    check the options, print the results CSV header and exit\n"
	      "  -h, --help        this help\n"
	      "\n"
	      "Sizes take K, M, G, T (also KiB, KB: all powers of 1024). Exit: 0 ok, 1 a measurement\n"
	      "failed (its row says why), 2 bad input, 3 a resource is missing (a writable\n"
	      "memory cgroup for --mem-limit), 4 nothing requested is supported here,\n"
	      "128+N stopped by signal N: 130 SIGINT, 129 SIGHUP, 143 SIGTERM, 141 SIGPIPE\n"
	      "(completed rows are kept; results files are appended under a lock, whole).\n", f);
	fputs("\nOptions of one method (the others ignore them; each is recorded in its own column):\n", f);
	mb_method_args_help(f);
}

int mb_run_usage_error(const char *opt, const char *why)
{
	mb_warn("run: %s: %s", opt, why);
	return MB_EXIT_USAGE;
}

/* A number x with 0 < x < max into *out; 0, or -1 when it is not. */
static int positive(const char *s, double max, double *out)
{
	char *end;
	double x = strtod(s, &end);

	if (end == s || *end || !(x > 0) || !(x < max))
		return -1;
	*out = x;
	return 0;
}

/* --op, and the defaults and checks that depend on it. 0, or MB_EXIT_USAGE
 * after a one-line error. */
static int op_defaults(struct run_args *a)
{
	int rmw;

	if (a->op && mb_op_parse(a->op, &a->opv))
		return mb_run_usage_error("--op", "give read, write or rmw");
	rmw = a->opv == MB_OP_RMW;
	if (a->opv == MB_OP_READ && (a->targets || a->syncs))
		return mb_run_usage_error(a->targets ? "--target" : "--sync", "only applies with --op write");
	if (rmw && (a->targets || a->syncs))
		return mb_run_usage_error(a->targets ? "--target" : "--sync",
					  "rmw methods have their own (rmw-mmap-msync: msync)");
	if (a->opv != MB_OP_READ && a->file)
		return mb_run_usage_error("--file", "writes go to scratch files next to datasets: use --dir");
	if (!a->methods)
		a->methods = rmw ? DEFAULT_RMW_METHODS : a->opv == MB_OP_WRITE ? DEFAULT_WRITE_METHODS
								 : DEFAULT_METHODS;
	if (!a->consumes)
		a->consumes = rmw ? "increment" : a->opv == MB_OP_WRITE ? "copy" : "sum";
	if (!a->caches)
		a->caches = rmw ? "warm" : "warm,cold";
	if (!a->blocks)
		a->blocks = rmw ? "4K" : DEFAULT_BLOCKS;
	if (!a->sizes && rmw)
		a->sizes = DEFAULT_RMW_SIZES;
	if (rmw && !a->patterns_given)
		a->patterns = "seq";
	if (a->opv == MB_OP_WRITE && !a->targets)
		a->targets = "rewrite";
	if (a->opv == MB_OP_WRITE && !a->syncs)
		a->syncs = "none";
	return 0;
}

/* --duration, --timeline and --timeline-interval: reads only. 0, or
 * MB_EXIT_USAGE after a one-line error. */
static int timeline_defaults(struct run_args *a)
{
	if (a->interval_s && !a->timeline)
		return mb_run_usage_error("--timeline-interval", "only applies with --timeline");
	if (!a->interval_s)
		a->interval_s = 1;
	if (a->opv != MB_OP_READ && (a->duration_s || a->timeline))
		return mb_run_usage_error(a->duration_s ? "--duration" : "--timeline",
					  "applies to --op read only (writes are verified after one pass)");
	if (a->timeline && !strcmp(a->timeline, "-"))
		return mb_run_usage_error("--timeline", "needs a file, not stdout");
	return 0;
}

/* --procs N: 1..MB_MAX_PROCS, alone (no --threads > 1, no per-operation
 * latency or timeline, which would stay in the children). 0, or
 * MB_EXIT_USAGE after a one-line error. */
static int procs_option(struct run_args *a)
{
	char *end;
	long n;

	a->procs = 1;
	if (!a->procs_arg)
		return 0;
	errno = 0;
	n = strtol(a->procs_arg, &end, 10);
	if (end == a->procs_arg || *end || errno || n < 1 || n > MB_MAX_PROCS) {
		char why[128];

		snprintf(why, sizeof(why), "'%s' is not a number of processes (1..%d)", a->procs_arg,
			 MB_MAX_PROCS);
		return mb_run_usage_error("--procs", why);
	}
	a->procs = (int)n;
	if (n == 1)
		return 0;
	if (strcmp(a->threads, "1"))
		return mb_run_usage_error("--procs", "cannot be combined with --threads (give one of them)");
	if (a->latency || a->timeline || a->duration_s)
		return mb_run_usage_error("--procs", a->latency ? "cannot be combined with --latency"
					  : "cannot be combined with --timeline or --duration");
	return 0;
}

/* --max-reps and --time-budget belong to --ci-target; their defaults. */
static int adaptive_defaults(struct run_args *a)
{
	if (!a->ci_target_pct) {
		if (a->max_reps || a->time_budget_s)
			return mb_run_usage_error(a->max_reps ? "--max-reps" : "--time-budget",
						  "only applies with --ci-target");
		return 0;
	}
	if (!a->max_reps)
		a->max_reps = a->reps > 30 ? a->reps : 30;
	if (a->max_reps < a->reps)
		return mb_run_usage_error("--max-reps", "must be at least --reps (the minimum)");
	if (!a->time_budget_s)
		a->time_budget_s = 20;
	return 0;
}

/* The machine's memory in bytes; 0 when unknown. */
static uint64_t phys_memory(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);

	return pages > 0 && size > 0 ? (uint64_t)pages * (uint64_t)size : 0;
}

int mb_run_parse_args(int argc, char **argv, struct run_args *a)
{
	enum { O_METHOD = 256, O_PATTERN, O_CACHE, O_SIZE, O_BLOCK, O_REPS, O_WARMUP, O_QD,
	       O_BUFOFF, O_SEED, O_DSEED, O_DIR, O_FILE, O_OUT, O_RUNID, O_DROP, O_QUIET, O_ADVICE,
	       O_CONSUME, O_THREADS, O_PROCS, O_LATENCY, O_LATOUT, O_CITARGET, O_MAXREPS,
	       O_BUDGET, O_HEADER, O_ORDER, O_LATREPS, O_OP, O_TARGET, O_SYNC, O_STRIDE, O_MKFS,
	       O_DURATION, O_TIMELINE, O_TLINTERVAL, O_MEMLIMIT };
	static const struct option opts[] = {
		{"method", required_argument, 0, O_METHOD}, {"pattern", required_argument, 0, O_PATTERN},
		{"cache", required_argument, 0, O_CACHE}, {"size", required_argument, 0, O_SIZE},
		{"block", required_argument, 0, O_BLOCK}, {"reps", required_argument, 0, O_REPS},
		{"warmup", required_argument, 0, O_WARMUP}, {"dir", required_argument, 0, O_DIR},
		{"file", required_argument, 0, O_FILE}, {"out", required_argument, 0, O_OUT},
		{"run-id", required_argument, 0, O_RUNID}, {"seed", required_argument, 0, O_SEED},
		{"data-seed", required_argument, 0, O_DSEED}, {"drop-caches", no_argument, 0, O_DROP},
		{"quiet", no_argument, 0, O_QUIET}, {"advice", required_argument, 0, O_ADVICE},
		{"consume", required_argument, 0, O_CONSUME}, {"threads", required_argument, 0, O_THREADS},
		{"procs", required_argument, 0, O_PROCS},
		{"buf-offset", required_argument, 0, O_BUFOFF},
		{"qd", required_argument, 0, O_QD},
		{"latency", no_argument, 0, O_LATENCY},
		{"lat-out", required_argument, 0, O_LATOUT}, {"ci-target", required_argument, 0, O_CITARGET},
		{"max-reps", required_argument, 0, O_MAXREPS}, {"time-budget", required_argument, 0, O_BUDGET},
		{"print-header", no_argument, 0, O_HEADER}, {"order", required_argument, 0, O_ORDER},
		{"lat-reps", required_argument, 0, O_LATREPS},
		{"op", required_argument, 0, O_OP}, {"target", required_argument, 0, O_TARGET},
		{"sync", required_argument, 0, O_SYNC}, {"stride", required_argument, 0, O_STRIDE},
		{"mkfs-opts", required_argument, 0, O_MKFS},
		{"duration", required_argument, 0, O_DURATION}, {"timeline", required_argument, 0, O_TIMELINE},
		{"timeline-interval", required_argument, 0, O_TLINTERVAL},
		{"mem-limit", required_argument, 0, O_MEMLIMIT},
		{"help", no_argument, 0, 'h'},
	};
	struct option all[sizeof(opts) / sizeof(opts[0]) + 40];
	/* bounds of the numeric options, O_REPS .. O_DSEED (O_QD is a list: unused) */
	static const long lo[] = {1, 0, 1, 0, 0, 0}, hi[] = {1000000, 1000000, 4096, 1 << 20, LONG_MAX,
							     LONG_MAX};
	char err[256], name[40];
	long v;
	int c, idx = 0;

	*a = (struct run_args){.patterns = "seq,rand", .advices = "none",
			       .threads = "1", .dir = "datasets", .reps = 5, .warmup = 1,
			       .qds = "1", .seed = 1, .data_seed = 1, .lat_reps = -1, .stride = 8};
	opterr = 0;
	optind = 1;
	mb_method_longopts(opts, sizeof(opts) / sizeof(opts[0]), all, sizeof(all) / sizeof(all[0]));
	while ((c = getopt_long(argc, argv, "+:h", all, &idx)) != -1) {
		if (c >= MB_OPT_BASE) {
			int rc = mb_method_arg("run", c, optarg, a->optval, a->optgiven);

			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case O_METHOD: a->methods = optarg; break;
		case O_PATTERN: a->patterns = optarg; a->patterns_given = 1; break;
		case O_CACHE: a->caches = optarg; break;
		case O_SIZE: a->sizes = optarg; break;
		case O_BLOCK: a->blocks = optarg; break;
		case O_DIR: a->dir = optarg; a->dir_given = 1; break;
		case O_FILE: a->file = optarg; break;
		case O_OUT: a->out = optarg; break;
		case O_RUNID: a->run_id = optarg; break;
		case O_MKFS:
			if (strlen(optarg) > MB_MKFS_OPTS_MAX) {
				snprintf(err, sizeof(err), "%zu bytes: at most %d", strlen(optarg),
					 MB_MKFS_OPTS_MAX);
				return mb_run_usage_error("--mkfs-opts", err);
			}
			if (strpbrk(optarg, "\n\r"))
				return mb_run_usage_error("--mkfs-opts", "must be one line (it holds a line break)");
			a->mkfs_opts = optarg;
			break;
		case O_DROP: a->drop_caches = 1; break;
		case O_QUIET: a->quiet = 1; break;
		case O_HEADER: a->print_header = 1; break;
		case O_ADVICE: a->advices = optarg; break;
		case O_CONSUME: a->consumes = optarg; a->consumes_given = 1; break;
		case O_THREADS: a->threads = optarg; break;
		case O_PROCS: a->procs_arg = optarg; break;
		case O_LATENCY: a->latency = 1; break;
		case O_LATOUT: a->lat_out = optarg; break;
		case O_QD: a->qds = optarg; break;
		case O_OP: a->op = optarg; break;
		case O_TARGET: a->targets = optarg; break;
		case O_SYNC: a->syncs = optarg; break;
		case O_ORDER:
			if (!strcmp(optarg, "rounds"))
				a->order_blocks = 0;
			else if (!strcmp(optarg, "blocks"))
				a->order_blocks = 1;
			else
				return mb_run_usage_error("--order", "give rounds or blocks");
			break;
		case O_DURATION:
			if (positive(optarg, 1e6, &a->duration_s))
				return mb_run_usage_error("--duration", "give seconds, above 0 (e.g. 3 or 0.5)");
			break;
		case O_TIMELINE: a->timeline = optarg; break;
		case O_TLINTERVAL:
			if (positive(optarg, 1e6, &a->interval_s))
				return mb_run_usage_error("--timeline-interval",
							  "give seconds, above 0 (e.g. 1 or 0.2)");
			break;
		case O_MEMLIMIT:
			if (mb_parse_size(optarg, &a->mem_limit, err, sizeof(err)) ||
			    mb_memcg_check_limit(a->mem_limit, phys_memory(), err, sizeof(err)))
				return mb_run_usage_error("--mem-limit", err);
			break;
		case O_STRIDE:
			if (mb_parse_count(optarg, 1, 1L << 30, &a->stride, err, sizeof(err)))
				return mb_run_usage_error("--stride", err);
			break;
		case O_LATREPS:
			if (mb_parse_count(optarg, 0, 1000000, &a->lat_reps, err, sizeof(err)))
				return mb_run_usage_error("--lat-reps", err);
			break;
		case O_CITARGET:
			if (positive(optarg, 100, &a->ci_target_pct))
				return mb_run_usage_error("--ci-target", "give a percentage above 0 and below 100");
			break;
		case O_BUDGET:
			if (positive(optarg, 1e6, &a->time_budget_s))
				return mb_run_usage_error("--time-budget", "give seconds, above 0");
			break;
		case O_MAXREPS:
			if (mb_parse_count(optarg, 1, 10000, &a->max_reps, err, sizeof(err)))
				return mb_run_usage_error("--max-reps", err);
			break;
		case O_REPS:
		case O_WARMUP:
		case O_BUFOFF:
		case O_SEED:
		case O_DSEED:
			snprintf(name, sizeof(name), "--%s", all[idx].name);
			if (mb_parse_count(optarg, lo[c - O_REPS], hi[c - O_REPS], &v, err, sizeof(err)))
				return mb_run_usage_error(name, err);
			switch (c) {
			case O_REPS: a->reps = v; break;
			case O_WARMUP: a->warmup = v; break;
			case O_BUFOFF: a->buf_offset = v; break;
			case O_SEED: a->seed = (uint64_t)v; break;
			default: a->data_seed = (uint64_t)v; break;
			}
			break;
		case 'h':
			usage(stdout);
			return -1;
		case ':':
			return mb_run_usage_error(argv[optind - 1], "needs a value");
		default:
			return mb_run_usage_error(argv[optind - 1], "unknown option (see mapbench run --help)");
		}
	}
	if (optind < argc)
		return mb_run_usage_error(argv[optind], "unexpected argument (see mapbench run --help)");
	if (a->lat_reps < 0)
		a->lat_reps = a->reps;
	if (op_defaults(a) || timeline_defaults(a) || procs_option(a))
		return MB_EXIT_USAGE;
	return adaptive_defaults(a);
}

/* Parses a list of names into values with parse(); each name once. */
static int parse_names(const char *opt, const char *list, const char *what, const char *valid,
		       int (*parse)(const char *, int *), int *vals, size_t max, size_t *n)
{
	struct mb_str_list l;
	char err[256];
	int rc = 0;

	*n = 0;
	if (mb_parse_str_list(list, &l, err, sizeof(err)))
		return mb_run_usage_error(opt, err);
	for (size_t i = 0; i < l.n && !rc; i++) {
		int v;

		if (parse(l.v[i], &v)) {
			snprintf(err, sizeof(err), "unknown %s '%s' (%s)", what, l.v[i], valid);
			rc = mb_run_usage_error(opt, err);
		}
		for (size_t j = 0; j < *n && !rc; j++)
			if (vals[j] == v) {
				snprintf(err, sizeof(err), "'%s' is given twice", l.v[i]);
				rc = mb_run_usage_error(opt, err);
			}
		if (!rc && *n == max)
			rc = mb_run_usage_error(opt, "too many values");
		if (!rc)
			vals[(*n)++] = v;
	}
	mb_str_list_free(&l);
	return rc;
}

static enum mb_op parse_op; /* the run's op: methods are looked up among its own */

static int parse_method(const char *name, int *v)
{
	for (size_t i = 0; i < mb_method_count(); i++)
		if (mb_method_at(i)->op == parse_op && !strcmp(mb_method_at(i)->name, name)) {
			*v = (int)i;
			return 0;
		}
	return -1;
}

static int parse_target(const char *name, int *v)
{
	enum mb_target t;
	int rc = mb_target_parse(name, &t);

	*v = (int)t;
	return rc;
}

static int parse_sync(const char *name, int *v)
{
	enum mb_sync x;
	int rc = mb_sync_parse(name, &x);

	*v = (int)x;
	return rc;
}

/* --target and --sync (writes), and what the op asks of blocks and caches. */
static int build_write_lists(const struct run_args *a, struct mb_matrix_spec *s)
{
	int vals[MB_LIST_MAX];
	char err[256], tok[32];
	int rc;

	if (a->opv == MB_OP_WRITE) {
		if ((rc = parse_names("--target", a->targets, "target", "use rewrite, new", parse_target,
				      vals, MB_TARGET_COUNT, &s->ntargets)))
			return rc;
		for (size_t i = 0; i < s->ntargets; i++)
			s->targets[i] = (enum mb_target)vals[i];
		if ((rc = parse_names("--sync", a->syncs, "sync mode",
				      "use none, fsync, fdatasync, o_sync, o_dsync, msync, msync-async, "
				      "msync-invalidate", parse_sync, vals, MB_SYNC_COUNT, &s->nsyncs)))
			return rc;
		for (size_t i = 0; i < s->nsyncs; i++)
			s->syncs[i] = (enum mb_sync)vals[i];
	}
	for (size_t i = 0; a->opv != MB_OP_READ && i < s->ncaches; i++)
		if (s->caches[i] == MB_CACHE_WARM4K)
			return mb_run_usage_error("--cache", "warm-4k applies to reads only");
	for (size_t i = 0; a->opv == MB_OP_RMW && i < s->blocks.n; i++)
		if (s->blocks.v[i] % 4) {
			snprintf(err, sizeof(err), "'%s': rmw blocks must hold whole 4-byte integers "
				 "(a multiple of 4)", mb_fmt_size(s->blocks.v[i], tok, sizeof(tok)));
			return mb_run_usage_error("--block", err);
		}
	return 0;
}

static int parse_pattern(const char *name, int *v)
{
	enum mb_pattern p;
	int rc = mb_pattern_parse(name, &p);

	*v = (int)p;
	return rc;
}

static int parse_cache(const char *name, int *v)
{
	enum mb_cache c;
	int rc = mb_cache_parse(name, &c);

	*v = (int)c;
	return rc;
}

static int parse_advice(const char *name, int *v)
{
	enum mb_advice x;
	int rc = mb_advice_parse(name, &x);

	*v = (int)x;
	return rc;
}

static int parse_consume(const char *name, int *v)
{
	enum mb_consume x;
	int rc = mb_consume_parse(name, &x);

	*v = (int)x;
	return rc;
}

/* --advice, --consume, --threads. */
static int build_variants(const struct run_args *a, struct mb_matrix_spec *s)
{
	int vals[MB_LIST_MAX];
	char err[256];
	int rc;

	if ((rc = parse_names("--advice", a->advices, "advice",
			      "use none, normal, sequential, random, willneed, hugepage, populate-read, "
			      "map-populate, noreuse, readahead", parse_advice, vals, MB_ADV_COUNT, &s->nadvices)))
		return rc;
	for (size_t i = 0; i < s->nadvices; i++)
		s->advices[i] = (enum mb_advice)vals[i];
	if ((rc = parse_names("--consume", a->consumes, "consume mode", "use sum, touch, copy",
			      parse_consume, vals, MB_CONSUME_COUNT, &s->nconsumes)))
		return rc;
	for (size_t i = 0; i < s->nconsumes; i++)
		s->consumes[i] = (enum mb_consume)vals[i];
	s->method_consume = !a->consumes_given;
	if (mb_parse_size_list(a->threads, &s->threads, err, sizeof(err)))
		return mb_run_usage_error("--threads", err);
	if (mb_parse_size_list(a->qds, &s->qds, err, sizeof(err)))
		return mb_run_usage_error("--qd", err);
	for (size_t i = 0; i < s->qds.n; i++)
		if (!s->qds.v[i] || s->qds.v[i] > 4096) {
			snprintf(err, sizeof(err), "'%llu' is out of range (1..4096)",
				 (unsigned long long)s->qds.v[i]);
			return mb_run_usage_error("--qd", err);
		}
	for (size_t i = 0; i < s->threads.n; i++)
		if (!s->threads.v[i] || s->threads.v[i] > MB_MAX_THREADS) {
			snprintf(err, sizeof(err), "'%llu' is out of range (1..%d)",
				 (unsigned long long)s->threads.v[i], MB_MAX_THREADS);
			return mb_run_usage_error("--threads", err);
		}
	return 0;
}

int mb_run_build_spec(const struct run_args *a, struct mb_matrix_spec *s)
{
	int vals[MB_LIST_MAX];
	char err[256], tok[32], valid[64];
	int rc;

	memset(s, 0, sizeof(*s));
	parse_op = a->opv;
	snprintf(valid, sizeof(valid), "see mapbench methods: %s methods", mb_op_name(a->opv));
	if ((rc = parse_names("--method", a->methods, "method", valid, parse_method,
			      vals, MB_LIST_MAX, &s->nmethods)))
		return rc;
	for (size_t i = 0; i < s->nmethods; i++)
		s->methods[i] = mb_method_at((size_t)vals[i]);
	if ((rc = parse_names("--pattern", a->patterns, "pattern", "use seq, rand, rev, stride",
			      parse_pattern, vals, MB_PATTERN_COUNT, &s->npatterns)))
		return rc;
	for (size_t i = 0; i < s->npatterns; i++)
		s->patterns[i] = (enum mb_pattern)vals[i];
	if ((rc = parse_names("--cache", a->caches, "cache state", "use warm, cold, warm-4k", parse_cache,
			      vals, 3, &s->ncaches)))
		return rc;
	for (size_t i = 0; i < s->ncaches; i++)
		s->caches[i] = (enum mb_cache)vals[i];
	if (mb_parse_size_list(a->blocks, &s->blocks, err, sizeof(err)))
		return mb_run_usage_error("--block", err);
	for (size_t i = 0; i < s->blocks.n; i++)
		if (!s->blocks.v[i] || s->blocks.v[i] > (1ull << 30)) {
			snprintf(err, sizeof(err), "'%s' is out of range: a block is 1 byte to 1G",
				 mb_fmt_size(s->blocks.v[i], tok, sizeof(tok)));
			return mb_run_usage_error("--block", err);
		}
	if (a->sizes && mb_parse_size_list(a->sizes, &s->sizes, err, sizeof(err)))
		return mb_run_usage_error("--size", err);
	for (size_t m = 0; m < s->nmethods; m++) {
		uint64_t opt[MB_MAX_METHOD_OPTS], nb;

		mb_option_values(s->methods[m], a->optval, a->optgiven, opt);
		nb = mb_option_buf_blocks(s->methods[m], opt);
		for (size_t i = 0; nb > 1 && i < s->blocks.n; i++)
			if (s->blocks.v[i] * nb > MB_BUF_MAX) {
				snprintf(err, sizeof(err), "%llu buffers of %s exceed 256M per thread",
					 (unsigned long long)nb, mb_fmt_size(s->blocks.v[i], tok, sizeof(tok)));
				return mb_run_usage_error("--iov", err);
			}
	}
	if ((rc = build_write_lists(a, s)))
		return rc;
	return build_variants(a, s);
}

/* --file: an existing, readable regular file; its checksum is computed once. */
