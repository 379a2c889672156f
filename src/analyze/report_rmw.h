/* report_rmw.h: the read-modify-write section of REPORT.md: each rmw
 * method's time against rmw-mmap's, per configuration, and the seeds' claim
 * ("read()+write() takes 2 to 3 times as long as mmap" for adding 1 to every
 * integer of a file in place) judged in words from mapbench's own ratios. */
#ifndef MB_REPORT_RMW_H
#define MB_REPORT_RMW_H

#include <stdio.h>

#include "group.h"
#include "ranktest.h"

/* Writes the section to f when gs holds rmw rows; nothing otherwise. 0 or
 * -ENOMEM. */
int mb_report_rmw(FILE *f, const struct mb_groups *gs);

/* The verdict on the claim for r = time(read+write) / time(mmap), its 95% CI
 * and p-value: a sentence fragment such as "holds: ..." or "does not hold:
 * read()+write() is 2.1× *faster*". */
const char *mb_rmw_claim_verdict(const struct mb_ratio *r, char *buf, size_t len);

#endif
