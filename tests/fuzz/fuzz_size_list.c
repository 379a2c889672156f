/* fuzz_size_list.c: fuzzes the command-line value parsers of common/parse.c:
 * sizes, size lists and ranges, counts and name lists, and formats back
 * every size it accepted. */
#include "fuzz.h"
#include "parse.h"

#include <errno.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mb_u64_list l;
	struct mb_str_list sl = {0};
	char err[256], buf[32], *s = mb_fuzz_cstr(data, size);
	uint64_t v;
	long n;

	if (!s)
		return 0;
	if (!mb_parse_size(s, &v, err, sizeof(err)))
		mb_fmt_size(v, buf, sizeof(buf));
	if (!mb_parse_size_list(s, &l, err, sizeof(err)))
		for (size_t i = 0; i < l.n; i++)
			mb_fmt_size(l.v[i], buf, sizeof(buf));
	mb_parse_count(s, 0, 1000000, &n, err, sizeof(err));
	mb_parse_count(s, -5, 5, &n, err, sizeof(err));
	if (!mb_parse_str_list(s, &sl, err, sizeof(err)))
		mb_str_list_free(&sl);
	free(s);
	return 0;
}
