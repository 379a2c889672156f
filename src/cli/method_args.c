/* method_args.c: method-owned options on the command line (see method_args.h). */
#include "method_args.h"
#include "method.h"
#include "util.h"

#include <string.h>

void mb_method_longopts(const struct option *fixed, size_t nfixed, struct option *out, size_t room)
{
	size_t n = 0;

	for (size_t i = 0; i < nfixed && n + 1 < room; i++)
		out[n++] = fixed[i];
	for (size_t i = 0; i < mb_option_count() && n + 1 < room; i++)
		out[n++] = (struct option){mb_option_at(i)->name,
					   mb_option_at(i)->type == MB_OPT_FLAG ? no_argument : required_argument, 0,
					   MB_OPT_BASE + (int)i};
	out[n] = (struct option){0, 0, 0, 0};
}

int mb_method_arg(const char *cmd, int c, const char *arg, uint64_t *vals, int *given)
{
	size_t i = (size_t)(c - MB_OPT_BASE);
	const struct mb_option *o = mb_option_at(i);
	char err[256];

	if (!o) {
		mb_warn("%s: unknown option (see mapbench %s --help)", cmd, cmd);
		return MB_EXIT_USAGE;
	}
	if (o->type == MB_OPT_FLAG)
		vals[i] = 1;
	else if (mb_option_parse(o, arg, &vals[i], err, sizeof(err))) {
		mb_warn("%s: --%s: %s", cmd, o->name, err);
		return MB_EXIT_USAGE;
	}
	given[i] = 1;
	return 0;
}

void mb_method_args_help(FILE *f)
{
	for (size_t i = 0; i < mb_option_count(); i++) {
		const struct mb_option *o = mb_option_at(i);
		char arg[48];

		snprintf(arg, sizeof(arg), "--%s%s", o->name,
			 o->type == MB_OPT_SIZE ? " SIZE" : o->type == MB_OPT_COUNT ? " N" : "");
		fprintf(f, "  %-17s %s\n", arg, o->help);
	}
}
