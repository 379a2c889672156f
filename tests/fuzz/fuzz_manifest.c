/* fuzz_manifest.c: fuzzes the reader of a datasets folder's manifest.csv
 * (measure/dataset.c, through mb_dataset_manifest_check): the input is
 * written as the manifest of a scratch folder made once per process. */
#include "fuzz.h"
#include "dataset.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static char dir[256];

static void remove_dir(void)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, MB_MANIFEST);
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[512], err[512];
	size_t rows;
	int fd;

	if (!dir[0]) {
		const char *tmp = getenv("TMPDIR");

		snprintf(dir, sizeof(dir), "%s/mb-fuzz-manifest-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir))
			abort();
		atexit(remove_dir);
	}
	snprintf(path, sizeof(path), "%s/%s", dir, MB_MANIFEST);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		abort();
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	mb_dataset_manifest_check(dir, &rows, err, sizeof(err));
	return 0;
}
