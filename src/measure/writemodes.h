/* writemodes.h: the vocabulary of the write side beside the op and sync
 * modes of method.h: the target a write goes to (the target column), and
 * the one sync call made after the io (timed as sync_ns). */
#ifndef MB_WRITEMODES_H
#define MB_WRITEMODES_H

#include "method.h"

/* rewrite: a scratch file of the dataset's size whose blocks are already
 * allocated (overwritten in place); new: an empty scratch file that the
 * writes grow (mappings: ftruncate(2) first, in the timed setup). Reads and
 * rmw have no target choice: rmw always works on a scratch copy (rewrite). */
enum mb_target { MB_TARGET_NA, MB_TARGET_REWRITE, MB_TARGET_NEW, MB_TARGET_COUNT };
const char *mb_target_name(enum mb_target t);
int mb_target_parse(const char *name, enum mb_target *out);

/* 1 if sync mode s is a call after the io (not an open flag, not none). */
int mb_sync_is_call(enum mb_sync s);
/* The open(2) flag of sync mode s (O_SYNC, O_DSYNC) or 0. */
int mb_sync_open_flag(enum mb_sync s);
/* The sync call of mode s on r->fd or r->map (timed by the caller). 0, or
 * -errno with r->err set ("fsync(PATH): ..."). */
int mb_sync_call(struct mb_run *r, enum mb_sync s);

#endif
