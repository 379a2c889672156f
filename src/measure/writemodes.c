/* writemodes.c: names of ops, sync modes and targets, and the sync call
 * (see writemodes.h and method.h). */
#include "writemodes.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char *const op_names[MB_OP_COUNT] = {"read", "write", "rmw"};
static const char *const sync_names[MB_SYNC_COUNT] = {
	"none", "fsync", "fdatasync", "o_sync", "o_dsync", "msync", "msync-async", "msync-invalidate",
};
static const char *const target_names[MB_TARGET_COUNT] = {"", "rewrite", "new"};

static int lookup(const char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (*names[i] && !strcmp(names[i], name))
			return i;
	return -1;
}

const char *mb_op_name(enum mb_op op)
{
	return op < MB_OP_COUNT ? op_names[op] : "?";
}

int mb_op_parse(const char *name, enum mb_op *out)
{
	int i = lookup(op_names, MB_OP_COUNT, name);

	if (i < 0)
		return -EINVAL;
	*out = (enum mb_op)i;
	return 0;
}

const char *mb_sync_name(enum mb_sync s)
{
	return s < MB_SYNC_COUNT ? sync_names[s] : "?";
}

int mb_sync_parse(const char *name, enum mb_sync *out)
{
	int i = lookup(sync_names, MB_SYNC_COUNT, name);

	if (i < 0)
		return -EINVAL;
	*out = (enum mb_sync)i;
	return 0;
}

const char *mb_target_name(enum mb_target t)
{
	return t < MB_TARGET_COUNT ? target_names[t] : "?";
}

int mb_target_parse(const char *name, enum mb_target *out)
{
	int i = lookup(target_names, MB_TARGET_COUNT, name);

	if (i < 0)
		return -EINVAL;
	*out = (enum mb_target)i;
	return 0;
}

int mb_sync_is_call(enum mb_sync s)
{
	return s == MB_SYNC_FSYNC || s == MB_SYNC_FDATASYNC || s == MB_SYNC_MSYNC ||
	       s == MB_SYNC_MSYNC_ASYNC || s == MB_SYNC_MSYNC_INVALIDATE;
}

int mb_sync_open_flag(enum mb_sync s)
{
	return s == MB_SYNC_O_SYNC ? O_SYNC : s == MB_SYNC_O_DSYNC ? O_DSYNC : 0;
}

int mb_sync_call(struct mb_run *r, enum mb_sync s)
{
	int flags = s == MB_SYNC_MSYNC_ASYNC ? MS_ASYNC
		    : s == MB_SYNC_MSYNC_INVALIDATE ? MS_SYNC | MS_INVALIDATE : MS_SYNC;

	switch (s) {
	case MB_SYNC_FSYNC:
		return r->fd >= 0 && fsync(r->fd) ? mb_run_fail(r, "fsync", errno) : 0;
	case MB_SYNC_FDATASYNC:
		return r->fd >= 0 && fdatasync(r->fd) ? mb_run_fail(r, "fdatasync", errno) : 0;
	case MB_SYNC_MSYNC:
	case MB_SYNC_MSYNC_ASYNC:
	case MB_SYNC_MSYNC_INVALIDATE:
		/* an empty file has no mapping: nothing to write back */
		return r->map && msync(r->map, r->map_len, flags) ? mb_run_fail(r, "msync", errno) : 0;
	default:
		return 0;
	}
}
