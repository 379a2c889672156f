/* fuzz_run_options.c: fuzzes the option parser of `mapbench run`
 * (cli/run_options.c, method options of cli/method_args.c): the input is
 * split at newlines and NULs into argv[1..], then the matrix lists are built
 * from what parsed. Its messages go to stderr (libFuzzer's -close_fd_mask=2
 * silences them). */
#include "fuzz.h"
#include "run_options.h"

#include <stdio.h>

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_ARGS + 2], *s = mb_fuzz_cstr(data, size), *p;
	struct run_args a;
	struct mb_matrix_spec spec;
	int argc = 0;

	if (!s)
		return 0;
	argv[argc++] = "run";
	p = s;
	for (size_t i = 0; i <= size && argc <= MAX_ARGS; i++)
		if (i == size || s[i] == '\n' || s[i] == '\0') {
			s[i] = '\0';
			argv[argc++] = p;
			p = s + i + 1;
		}
	argv[argc] = NULL;
	if (!mb_run_parse_args(argc, argv, &a))
		mb_run_build_spec(&a, &spec);
	fflush(stdout);
	free(s);
	return 0;
}
