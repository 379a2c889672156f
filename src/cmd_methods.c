/* cmd_methods.c: `mapbench methods`: every access method, whether it can run
 * here (and why not), and what it does. */
#include "cmd.h"
#include "method.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

int mb_cmd_methods(int argc, char **argv)
{
	if (argc > 1) {
		if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
			puts("usage: mapbench methods\n\nList every access method, its availability on this "
			     "system (with the reason when unavailable) and what it measures.");
			return MB_EXIT_OK;
		}
		mb_warn("methods: %s: unexpected argument", argv[1]);
		return MB_EXIT_USAGE;
	}
	printf("%-10s %-12s %s\n", "method", "available", "description");
	for (size_t i = 0; i < mb_method_count(); i++) {
		const struct mb_method *m = mb_method_at(i);
		char why[256];
		int ok = mb_method_available(m, why, sizeof(why));

		printf("%-10s %-12s %s\n", m->name, ok ? "yes" : "no", m->desc);
		if (!ok)
			printf("%-10s %-12s   unavailable: %s\n", "", "", why);
	}
	return MB_EXIT_OK;
}
