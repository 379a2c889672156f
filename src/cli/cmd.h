/* cmd.h: the subcommands of the mapbench program, one file each (cmd_*.c).
 * Each takes its own argv (argv[0] is the subcommand name) and returns the
 * process exit code. */
#ifndef MB_CMD_H
#define MB_CMD_H

int mb_cmd_run(int argc, char **argv);
int mb_cmd_dataset(int argc, char **argv);
int mb_cmd_methods(int argc, char **argv);
int mb_cmd_columns(int argc, char **argv);
int mb_cmd_env(int argc, char **argv);
int mb_cmd_timer(int argc, char **argv);
int mb_cmd_summarize(int argc, char **argv);
int mb_cmd_ratio(int argc, char **argv);
int mb_cmd_compare(int argc, char **argv);
int mb_cmd_report(int argc, char **argv);
int mb_cmd_cat(int argc, char **argv);
int mb_cmd_crosscheck(int argc, char **argv);
int mb_cmd_peer_row(int argc, char **argv);
int mb_cmd_chart(int argc, char **argv);
int mb_cmd_timeline(int argc, char **argv);
int mb_cmd_probe(int argc, char **argv);
int mb_cmd_explain(int argc, char **argv);

struct mb_groups;
struct mb_compare_opts;
/* Parses compare's options (--by, --base, --metric, --format when format is
 * not NULL, --ignore-folios, --seed, --help calling help) from argv into o:
 * the index of the first operand, or minus an exit code (-0 after --help). */
int mb_compare_options(int argc, char **argv, struct mb_compare_opts *o, int *format,
		       void (*help)(void));
/* Reads the results files argv[first..argc) into gs; 0 or an exit code, the
 * error already printed as "mapbench: CMD: ...". */
int mb_cmd_read_results(const char *cmd, int argc, char **argv, int first, struct mb_groups *gs);

#endif
