/* account.h: what the core counts around every measured phase: getrusage
 * (CPU time, faults, context switches) and /proc/self/io storage bytes. */
#ifndef MB_ACCOUNT_H
#define MB_ACCOUNT_H

#include <stdint.h>
#include <sys/resource.h>

struct mb_acct {
	struct rusage ru;
	uint64_t read_bytes;  /* /proc/self/io read_bytes: fetched from storage */
	uint64_t write_bytes;
	int io_ok;            /* 0 when /proc/self/io is unavailable */
};

struct mb_acct_delta {
	double user_us, sys_us;
	int64_t minflt, majflt, nvcsw, nivcsw;
	int64_t dev_read_bytes, dev_write_bytes;
	int io_ok;
};

void mb_acct_snap(struct mb_acct *a);
void mb_acct_diff(const struct mb_acct *before, const struct mb_acct *after, struct mb_acct_delta *d);
/* *sum += *d (two windows of one repetition; io_ok only when both had it). */
void mb_acct_add(struct mb_acct_delta *sum, const struct mb_acct_delta *d);

/* Parses the text of /proc/PID/io (exposed for tests). 0 or -EINVAL. */
int mb_parse_proc_io(const char *text, uint64_t *read_bytes, uint64_t *write_bytes);

#endif
