/* report_scan.h: one pass over a results CSV for what the report says besides
 * the statistics: row counts by status, the environment columns (with every
 * distinct value), the run ids and time span, error and unsupported reasons,
 * and rows whose numbers do not mean what they claim (cold reads that never
 * reached the device). */
#ifndef MB_REPORT_SCAN_H
#define MB_REPORT_SCAN_H

#include <stddef.h>
#include <stdio.h>

#define MB_SCAN_MAXVALS 4   /* distinct values kept per environment column */
#define MB_SCAN_MAXMSGS 6   /* distinct error / unsupported reasons kept */

enum mb_env_col {
	MB_E_HOST, MB_E_KERNEL, MB_E_ARCH, MB_E_CPU, MB_E_CPU_VENDOR, MB_E_CPU_FAMILY,
	MB_E_CPU_MODEL_ID, MB_E_CPU_STEPPING, MB_E_MICROCODE, MB_E_HYPERVISOR, MB_E_MITIGATIONS,
	MB_E_BOOT_ID, MB_E_NCPU, MB_E_MEM, MB_E_PAGE, MB_E_FS,
	MB_E_MOUNT_SOURCE, MB_E_MOUNT_OPTS, MB_E_READ_AHEAD, MB_E_THP, MB_E_DIRTY_BYTES,
	MB_E_DIRTY_BG_BYTES, MB_E_DIRTY_RATIO, MB_E_DIRTY_BG_RATIO, MB_E_BUILD, MB_E_VERSION,
	MB_E_RUN_ID, MB_NENV
};
extern const char *const mb_env_col_names[MB_NENV];

struct mb_scan_vals {
	char *v[MB_SCAN_MAXVALS];
	size_t n;                   /* distinct values seen (may exceed the kept ones) */
};

struct mb_scan_msgs {
	char *msg[MB_SCAN_MAXMSGS];
	size_t count[MB_SCAN_MAXMSGS];
	size_t n, more;             /* kept reasons; rows with reasons not kept */
};

struct mb_scan {
	size_t rows, ok, error, unsupported;
	struct mb_scan_vals env[MB_NENV];
	char first_ts[32], last_ts[32];
	struct mb_scan_msgs errors, unsupported_msgs;
	size_t cold_ok, cold_undelivered; /* cold ok rows; of them, read < half from the device */
	size_t cold_unreached;            /* error rows: cold state not reached */
	/* parsing state */
	long col[MB_NENV], status, error_col, cache, bytes, dev_read, ts;
	size_t nfields;
	int have_header;
	char *err;
	size_t errlen;
	const char *name;
};

/* Scans the results file at path into *s (zeroed first). 0, or -errno with a
 * one-line reason naming the line in err. */
int mb_report_scan(const char *path, struct mb_scan *s, char *err, size_t errlen);
void mb_report_scan_free(struct mb_scan *s);

#endif
