/* cmd_probe.c: `mapbench probe`: measures the machine's primitive costs
 * (measure/probe.c) and writes them as machine.csv (common/machine_out.c)
 * and as a table on stdout. Its files go into --dir, or into a directory of
 * its own under /tmp that it removes again, also when stopped by SIGINT or
 * SIGTERM or on an error; it removes only files it created. */
#include "cmd.h"
#include "envinfo.h"
#include "machine_out.h"
#include "probe.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct probe_args {
	const char *out;
	const char *dir;
	int device, quick;
};

static void usage(FILE *f)
{
	fputs("usage: mapbench probe [--out FILE] [--dir DIR] [--device] [--quick]\n\n"
	      "Measures this machine's primitive costs: a system call, the latency timer, a warm\n"
	      "4 KiB pread, copy and memory bandwidth per byte, first touches, page faults of\n"
	      "anonymous memory and of file mappings in large and 4 KiB folios, mmap, munmap, a\n"
	      "TLB shootdown, dirtying and syncing pages. Each figure is the median of repeated\n"
	      "samples with its 95% CI, repeated until the CI is within +-5% or its time budget\n"
	      "is spent (about 15 s in all). Prints a table; with --out also writes machine.csv\n"
	      "(docs/csv-schema.md). Progress goes to stderr.\n\n"
	      "  --out FILE  write the figures as CSV to FILE (a new file)\n"
	      "  --dir DIR   put the probe's files (3 x 8 MiB, removed at the end) in DIR\n"
	      "              (default: a new directory under /tmp, removed at the end)\n"
	      "  --device    also measure O_DIRECT reads on DIR's filesystem (odirect_*)\n"
	      "  --quick     a small time budget per figure (a few seconds in all; wider CIs)\n"
	      "  --help      this help\n\n"
	      "Test hook: MB_TEST_PROBE_FAKE=figure=value,... replaces measured figures.\n", f);
}

static int bad_option(int c, char **argv)
{
	if (c == ':')
		mb_warn("probe: option '%s' needs a value", argv[optind - 1]);
	else
		mb_warn("probe: unknown option '%s' (see mapbench probe --help)", argv[optind - 1]);
	return MB_EXIT_USAGE;
}

/* 0, or an exit code (-1 after --help: exit 0). */
static int parse(int argc, char **argv, struct probe_args *a)
{
	static const struct option opts[] = {
		{"out", required_argument, NULL, 'o'}, {"dir", required_argument, NULL, 'd'},
		{"device", no_argument, NULL, 'D'},    {"quick", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},      {NULL, 0, NULL, 0},
	};
	struct stat st;
	int c;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': a->out = optarg; break;
		case 'd': a->dir = optarg; break;
		case 'D': a->device = 1; break;
		case 'q': a->quick = 1; break;
		case 'h': usage(stdout); return -1;
		default: return bad_option(c, argv);
		}
	}
	if (optind < argc) {
		mb_warn("probe: unexpected argument '%s'", argv[optind]);
		return MB_EXIT_USAGE;
	}
	if (a->dir && (stat(a->dir, &st) || !S_ISDIR(st.st_mode))) {
		mb_warn("probe: --dir %s: %s", a->dir, errno ? strerror(errno) : "not a directory");
		return MB_EXIT_USAGE;
	}
	return 0;
}

static void progress(void *arg, const struct mb_machine_fig *f, int i, int n)
{
	(void)arg;
	if (!strcmp(f->flag, "skipped"))
		fprintf(stderr, "mapbench: probe [%d/%d] %s: skipped (%s)\n", i, n, f->name, f->note);
	else
		fprintf(stderr, "mapbench: probe [%d/%d] %s = %.4g %s (%zu samples)\n", i, n, f->name,
			f->median, f->unit, f->samples);
}

/* Creates --out new (an existing file is never overwritten): fd, or an exit code < 0. */
static int open_out(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

	if (fd >= 0)
		return fd;
	if (errno == EEXIST)
		mb_warn("probe: --out %s: the file exists (machine.csv is written to a new file)", path);
	else
		mb_warn("probe: --out %s: %s", path, strerror(errno));
	return -MB_EXIT_USAGE;
}

/* Measures, flags and writes; the exit code. */
static int probe(const struct probe_args *a, const char *dir, int out_fd)
{
	struct mb_machine_fig figs[MB_P_COUNT];
	struct mb_probe_opts o = {.dir = dir, .device = a->device, .quick = a->quick,
				  .progress = progress};
	const char *fake = getenv("MB_TEST_PROBE_FAKE");
	char err[512], run_id[64];
	struct mb_env e;
	int rc;

	rc = mb_probe_run(&o, figs, err, sizeof(err));
	if (rc == -EINTR)
		return MB_EXIT_INTERRUPTED;
	if (rc) {
		mb_warn("probe: %s", err);
		return MB_EXIT_FAIL;
	}
	if (fake && mb_probe_fake(figs, fake, err, sizeof(err))) {
		mb_warn("probe: %s", err);
		return MB_EXIT_USAGE;
	}
	mb_probe_flags(figs);
	mb_machine_table(stdout, figs, MB_P_COUNT);
	fflush(stdout);
	if (out_fd < 0)
		return MB_EXIT_OK;
	mb_env_collect(&e, dir);
	mb_make_run_id(run_id, sizeof(run_id));
	rc = mb_machine_write(out_fd, &e, run_id, figs, MB_P_COUNT);
	if (rc) {
		mb_warn("probe: --out %s: %s", a->out, strerror(-rc));
		return MB_EXIT_FAIL;
	}
	return MB_EXIT_OK;
}

int mb_cmd_probe(int argc, char **argv)
{
	struct probe_args a = {0};
	char tmp[] = "/tmp/mapbench-probe.XXXXXX";
	const char *dir;
	int rc, out_fd = -1;

	rc = parse(argc, argv, &a);
	if (rc)
		return rc < 0 ? MB_EXIT_OK : rc;
	if (a.out) {
		out_fd = open_out(a.out);
		if (out_fd < 0)
			return -out_fd;
	}
	dir = a.dir;
	if (!dir) {
		dir = mkdtemp(tmp);
		if (!dir) {
			mb_warn("probe: mkdtemp(%s): %s", tmp, strerror(errno));
			rc = MB_EXIT_MISSING;
			goto out_close;
		}
	}
	mb_catch_stop_signals();
	rc = probe(&a, dir, out_fd);
	if (!a.dir)
		rmdir(dir);
out_close:
	if (out_fd >= 0) {
		if (close(out_fd) && !rc)
			rc = MB_EXIT_FAIL;
		if (rc)
			unlink(a.out);
	}
	return rc;
}
