/* fuzz_results_csv.c: fuzzes the results CSV reader that summarize, compare,
 * ratio and report share (mb_groups_read in analyze/group.c, over csvio's
 * streaming libcsv reader), with and without row tracking (compare's mode). */
#include "fuzz.h"
#include "group.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mb_groups gs = {0};
	char err[256], label[128];
	FILE *f;

	if (!size)
		return 0;
	/* the first byte picks compare's tracking mode; the rest is the file */
	gs.track = data[0] & 1;
	f = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1, "r");
	if (!f)
		return 0;
	if (size == 1)
		fgetc(f); /* an empty file */
	err[0] = '\0';
	mb_groups_read(&gs, f, "fuzz.csv", err, sizeof(err));
	fclose(f);
	for (size_t i = 0; i < gs.n; i++)
		mb_group_series(&gs.g[i], label, sizeof(label));
	mb_groups_free(&gs);
	return 0;
}
