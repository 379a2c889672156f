/* method_args.h: the options methods own (method.h), on the command lines of
 * `mapbench run` and `mapbench cat`: added to a getopt_long table, parsed
 * into the run's values, and listed in --help. */
#ifndef MB_METHOD_ARGS_H
#define MB_METHOD_ARGS_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define MB_OPT_BASE 1000 /* getopt values of the method options: base + index */

/* Copies fixed (nfixed entries, without the terminator) and appends every
 * method option into out (room entries), NULL-terminated. */
void mb_method_longopts(const struct option *fixed, size_t nfixed, struct option *out, size_t room);
/* getopt value c (>= MB_OPT_BASE): parses arg into vals/given. 0, or
 * MB_EXIT_USAGE after "mapbench: CMD: --NAME: why". */
int mb_method_arg(const char *cmd, int c, const char *arg, uint64_t *vals, int *given);
/* "  --NAME SIZE   help" lines for --help. */
void mb_method_args_help(FILE *f);

#endif
