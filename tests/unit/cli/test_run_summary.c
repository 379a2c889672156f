/* test_run_summary.c: the end-of-run guard of the ceiling (run_summary.c): a warm
 * file method whose median is above memread's 95% CI of the median in the
 * same configuration gives one warning line; otherwise none. */
#include "unit.h"

#include "matrix.h"
#include "run_summary.h"

static size_t guard(double pread_mib, char *out, size_t outlen)
{
	struct mb_matrix_spec spec = {.nmethods = 2};
	struct mb_matrix_item items[2];
	double ref[6] = {1000, 1010, 990, 1005, 995, 1002}, pr[6];
	double *samples[2] = {ref, pr};
	size_t ns[2] = {6, 6}, n;
	struct mb_summary s = {.spec = &spec, .items = items, .nitems = 2, .samples = samples,
			       .nsamples = ns};
	FILE *f = fmemopen(out, outlen, "w");

	assert_non_null(f);
	spec.methods[0] = mb_method_find("memread");
	spec.methods[1] = mb_method_find("pread");
	spec.sizes.n = 1;
	spec.sizes.v[0] = 1 << 20;
	for (int i = 0; i < 6; i++)
		pr[i] = pread_mib + i;
	items[0] = (struct mb_matrix_item){.method = spec.methods[0], .pattern = MB_SEQ,
					   .cache = MB_CACHE_NA, .threads = 1, .block = 131072};
	items[1] = items[0];
	items[1].method = spec.methods[1];
	items[1].cache = MB_CACHE_WARM;
	n = mb_summary_ceiling(f, &s);
	fclose(f);
	return n;
}

static void test_reference_below_a_method(void **state)
{
	char out[1024] = "";

	(void)state;
	assert_int_equal(guard(1500, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "the reference is below a method"));
	assert_non_null(strstr(out, "pread"));
	assert_non_null(strstr(out, "not a ceiling here"));
	assert_int_equal(strchr(out, '\n') - out + 1, (long)strlen(out)); /* one line */
}

static void test_reference_above(void **state)
{
	char out[1024] = "";

	(void)state;
	/* inside memread's CI: not above it */
	assert_int_equal(guard(900, out, sizeof(out)), 0);
	assert_string_equal(out, "");
}

/* Writes: one table row per target and sync mode (never merged), a new
 * target's row (no cache state) shown, and a method with one sync mode only
 * in its own rows. */
static void test_write_rows_apart(void **state)
{
	static const enum mb_sync syncs[] = {MB_SYNC_NONE, MB_SYNC_FSYNC};
	struct mb_matrix_spec spec = {.nmethods = 2, .nsyncs = 2, .ntargets = 2};
	struct mb_matrix_item items[6];
	double v[6][3];
	double *samples[6];
	size_t ns[6], n = 0;
	char out[4096] = "";
	struct mb_summary s = {.spec = &spec, .items = items, .samples = samples, .nsamples = ns};
	FILE *f = fmemopen(out, sizeof(out), "w");

	(void)state;
	assert_non_null(f);
	for (size_t m = 0; m < mb_method_count(); m++) {
		const struct mb_method *x = mb_method_at(m);

		if (x->op == MB_OP_WRITE && !strcmp(x->name, "pwrite"))
			spec.methods[0] = x;
		if (x->op == MB_OP_WRITE && !strcmp(x->name, "mmap-private"))
			spec.methods[1] = x;
	}
	spec.sizes.n = 1;
	spec.sizes.v[0] = 1 << 20;
	for (int t = 0; t < 2; t++)
		for (int y = 0; y < 2; y++) {
			items[n] = (struct mb_matrix_item){.method = spec.methods[0], .pattern = MB_SEQ,
							   .cache = t ? MB_CACHE_NA : MB_CACHE_WARM,
							   .target = t ? MB_TARGET_NEW : MB_TARGET_REWRITE,
							   .sync = syncs[y], .threads = 1, .block = 65536,
							   .consume = MB_CONSUME_COPY};
			for (int r = 0; r < 3; r++)
				v[n][r] = 1024.0 * (double)(n + 1); /* GiB/s = n + 1 */
			n++;
		}
	for (int t = 0; t < 2; t++) {
		items[n] = items[t * 2];
		items[n].method = spec.methods[1];
		for (int r = 0; r < 3; r++)
			v[n][r] = 1024.0 * 9;
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		samples[i] = v[i];
		ns[i] = 3;
	}
	s.nitems = n;
	mb_summary_print(f, &s);
	fclose(f);
	if (!strstr(out, "rewrite none                 1.000     9.000") ||
	    !strstr(out, "rewrite fsync                2.000         -") ||
	    !strstr(out, "new     none                 3.000     9.000") ||
	    !strstr(out, "new     fsync                4.000         -"))
		fail_msg("unexpected table:\n%s", out);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_below_a_method),
		cmocka_unit_test(test_reference_above),
		cmocka_unit_test(test_write_rows_apart),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
