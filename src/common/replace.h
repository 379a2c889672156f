/* replace.h: a file replaced whole or not at all: written to a temporary file
 * beside it, flushed to disk, then renamed over it (REPORT.md, COMPARE.md,
 * compare.csv). */
#ifndef MB_REPLACE_H
#define MB_REPLACE_H

#include <stddef.h>
#include <stdio.h>

/* Calls fill(f, ctx) on a new temporary file in path's folder (mode 0666
 * less the umask) and renames it to path. fill returns 0 or -errno with its
 * reason in err. 0, or -errno with a one-line reason in err; on failure path
 * is left as it was and the temporary file is gone. */
int mb_replace_file(const char *path, int (*fill)(FILE *f, void *ctx), void *ctx, char *err,
		    size_t errlen);

#endif
