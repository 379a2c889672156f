/* cmd_columns.c: `mapbench columns`: the results table (common/columns.def
 * plus the method options' own columns), one line per column with its role,
 * whether it separates groups, its unit and its one-line doc; as CSV
 * (libcsv), or with --markdown as the column index of docs/csv-schema.md. */
#include "cmd.h"
#include "csvio.h"
#include "schema.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *out)
{
	fputs("usage: mapbench columns [--markdown] [--help]\n"
	      "\n"
	      "Print every column of a results CSV, in header order: name, role\n"
	      "(identity, config, measure, outcome), key (yes: rows that differ in it are\n"
	      "never pooled by summarize, ratio and report), unit and a one-line doc.\n"
	      "\n"
	      "  --markdown   a Markdown table (the column index of docs/csv-schema.md)\n"
	      "               instead of CSV\n"
	      "  -h, --help   show this help\n",
	      out);
}

static const char *role_name(enum mb_role r)
{
	static const char *const names[] = {"identity", "config", "measure", "outcome"};

	return names[r];
}

static int print_csv(void)
{
	static const char *const hdr[] = {"column", "role", "key", "unit", "doc"};
	int ret = mb_csv_write_fd(STDOUT_FILENO, hdr, 5);

	for (size_t i = 0; i < mb_ncolumns() && !ret; i++) {
		struct mb_column c = mb_column_at(i);
		const char *f[] = {c.name, role_name(c.role), c.key == MB_KEY ? "yes" : "no", c.unit, c.doc};

		ret = mb_csv_write_fd(STDOUT_FILENO, f, 5);
	}
	return ret;
}

static int print_markdown(void)
{
	puts("| column | role | key | unit | what it is |\n|---|---|---|---|---|");
	for (size_t i = 0; i < mb_ncolumns(); i++) {
		struct mb_column c = mb_column_at(i);

		printf("| `%s` | %s | %s | %s | %s |\n", c.name, role_name(c.role),
		       c.key == MB_KEY ? "yes" : "no", *c.unit ? c.unit : "text", c.doc);
	}
	return fflush(stdout) || ferror(stdout) ? -errno : 0;
}

int mb_cmd_columns(int argc, char **argv)
{
	int markdown = 0, ret;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return MB_EXIT_OK;
		} else if (!strcmp(argv[i], "--markdown")) {
			markdown = 1;
		} else {
			mb_warn("columns: unexpected argument '%s' (see mapbench columns --help)", argv[i]);
			return MB_EXIT_USAGE;
		}
	}
	ret = markdown ? print_markdown() : print_csv();
	if (ret) {
		mb_warn("columns: stdout: %s", strerror(-ret ? -ret : EIO));
		return MB_EXIT_FAIL;
	}
	return MB_EXIT_OK;
}
