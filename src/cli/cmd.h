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

struct mb_groups;
/* Reads the results files argv[first..argc) into gs; 0 or an exit code, the
 * error already printed as "mapbench: CMD: ...". */
int mb_cmd_read_results(const char *cmd, int argc, char **argv, int first, struct mb_groups *gs);

#endif
