/* cmd_env.c: `mapbench env`, prints the environment metadata that every result row carries. */
#include "envinfo.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
	fputs("usage: mapbench env [--path P] [--help]\n"
	      "\n"
	      "Print the environment recorded with every result row, for the filesystem\n"
	      "holding P (a file or directory, default \".\"): one \"name: value\" per line,\n"
	      "named as the CSV columns, then mount_point.\n"
	      "\n"
	      "  -p, --path P   file or directory whose filesystem is described\n"
	      "  -h, --help     show this help\n",
	      out);
}

static void print_env(const struct mb_env *e)
{
	printf("host: %s\n", e->host);
	printf("kernel: %s\n", e->kernel);
	printf("arch: %s\n", e->arch);
	printf("cpu_model: %s\n", e->cpu_model);
	printf("ncpu: %ld\n", e->ncpu);
	printf("mem_bytes: %" PRIu64 "\n", e->mem_bytes);
	printf("page_size: %ld\n", e->page_size);
	printf("fs_type: %s\n", e->fs_type);
	printf("mount_source: %s\n", e->mount_source);
	printf("mount_opts: %s\n", e->mount_opts);
	printf("read_ahead_kb: %s\n", e->read_ahead_kb);
	printf("thp: %s\n", e->thp);
	printf("build: %s\n", e->build);
	printf("tool_version: %s\n", e->tool_version);
	printf("cpu_vendor: %s\n", e->cpu_vendor);
	printf("cpu_family: %s\n", e->cpu_family);
	printf("cpu_model_id: %s\n", e->cpu_model_id);
	printf("cpu_stepping: %s\n", e->cpu_stepping);
	printf("microcode: %s\n", e->microcode);
	printf("hypervisor: %s\n", e->hypervisor);
	printf("mitigations: %s\n", e->mitigations);
	printf("boot_id: %s\n", e->boot_id);
	printf("dirty_bytes: %s\n", e->dirty_bytes);
	printf("dirty_background_bytes: %s\n", e->dirty_background_bytes);
	printf("dirty_ratio: %s\n", e->dirty_ratio);
	printf("dirty_background_ratio: %s\n", e->dirty_background_ratio);
	printf("mount_point: %s\n", e->mount_point);
}

/* MB_EXIT_OK, or MB_EXIT_FAIL with a message if stdout could not be written. */
static int flush_stdout(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		mb_warn("env: stdout: %s", strerror(errno));
		return MB_EXIT_FAIL;
	}
	return MB_EXIT_OK;
}

/* Reports a getopt_long failure ('?' or ':') as one line; returns MB_EXIT_USAGE. */
static int bad_option(int c, char **argv)
{
	const char *arg = argv[optind - 1];

	if (c == ':')
		mb_warn("env: option '%s' needs a value", arg);
	else if (optopt)
		mb_warn("env: unknown option '-%c'", optopt);
	else
		mb_warn("env: unknown option '%s'", arg);
	return MB_EXIT_USAGE;
}

int mb_cmd_env(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "path", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = ".";
	struct mb_env e;
	int c, ret;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":p:h", opts, NULL)) != -1) {
		if (c == 'p') {
			path = optarg;
		} else if (c == 'h') {
			usage(stdout);
			return flush_stdout();
		} else {
			return bad_option(c, argv);
		}
	}
	if (optind < argc) {
		mb_warn("env: unexpected argument '%s'", argv[optind]);
		return MB_EXIT_USAGE;
	}
	ret = mb_env_collect(&e, path);
	if (ret) {
		mb_warn("env: %s: %s", path, strerror(-ret));
		return MB_EXIT_USAGE;
	}
	print_env(&e);
	return flush_stdout();
}
