/* replace.c: files replaced whole or not at all (see replace.h). */
#include "replace.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static mode_t current_umask(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}

int mb_replace_file(const char *path, int (*fill)(FILE *f, void *ctx), void *ctx, char *err,
		    size_t errlen)
{
	const char *slash = strrchr(path, '/');
	char tmp[4096];
	FILE *f = NULL;
	int fd, rc = 0;

	if (slash)
		snprintf(tmp, sizeof(tmp), "%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
	else
		snprintf(tmp, sizeof(tmp), ".%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", tmp, strerror(-rc));
		return rc;
	}
	if (fchmod(fd, 0666 & ~current_umask()) || !(f = fdopen(fd, "w"))) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", tmp, strerror(-rc));
		close(fd);
		goto out_unlink;
	}
	err[0] = '\0';
	rc = fill(f, ctx);
	if (rc && !err[0])
		snprintf(err, errlen, "writing %s: %s", tmp, strerror(-rc));
	if (!rc && (fflush(f) || ferror(f) || fsync(fileno(f)))) {
		rc = -(errno ? errno : EIO);
		snprintf(err, errlen, "writing %s: %s", tmp, strerror(-rc));
	}
	if (fclose(f) && !rc) {
		rc = -errno;
		snprintf(err, errlen, "writing %s: %s", tmp, strerror(-rc));
	}
	if (!rc && rename(tmp, path)) {
		rc = -errno;
		snprintf(err, errlen, "rename to %s: %s", path, strerror(-rc));
	}
	if (!rc)
		return 0;
out_unlink:
	unlink(tmp);
	return rc;
}
