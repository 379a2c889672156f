/* peerrow.h: a results row for another tool's run (fio's, in
 * bench/crosscheck-fio.sh): the configuration and identity columns copied
 * from the mapbench row it ran next to (its peer), its own figures set by
 * name, every other cell empty, in the peer file's column order, so that it
 * joins the peer's table and `mapbench ratio --by method` pairs the two. */
#ifndef MB_PEERROW_H
#define MB_PEERROW_H

#include <stddef.h>

/* Writes one record (no header) to fd out: for each column of the results
 * file peer, the value given as "NAME=VALUE" in sets (the last one wins),
 * else the value of peer's first row when the column is in keep, else "".
 * 0, or -errno with a one-line reason in err: -EINVAL when peer has no row,
 * or keep or sets name a column it does not have. */
int mb_peer_row(const char *peer, const char *const *keep, size_t nkeep, const char *const *sets,
		size_t nsets, int out, char *err, size_t errlen);

#endif
