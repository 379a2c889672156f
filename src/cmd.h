/* cmd.h: the subcommands of the mapbench program, one file each (cmd_*.c).
 * Each takes its own argv (argv[0] is the subcommand name) and returns the
 * process exit code. */
#ifndef MB_CMD_H
#define MB_CMD_H

int mb_cmd_run(int argc, char **argv);
int mb_cmd_dataset(int argc, char **argv);
int mb_cmd_methods(int argc, char **argv);
int mb_cmd_env(int argc, char **argv);
int mb_cmd_timer(int argc, char **argv);
int mb_cmd_summarize(int argc, char **argv);

#endif
