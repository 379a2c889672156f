/* test_busguard.c: a mapping's SIGBUS becomes an error row and the run goes
 * on (busguard.c, repetition.c). Another process truncating the target while
 * it is mapped is played by the trace seam: just before rmw-mmap's timed
 * setup, the scratch file is truncated to nothing, so the first store into
 * the mapping faults with SIGBUS. rmw-block, in the same configuration, and
 * rmw-mmap's next repetitions (untouched) stay ok, and the scratch files are
 * gone afterwards. */
#include "unit.h"

#include "dataset.h"
#include "method.h"
#include "runner.h"
#include "trace.h"

#include <dirent.h>
#include <unistd.h>

static struct mb_dataset ds;
static struct mb_env env;
static int truncations; /* how many repetitions to sabotage */

static int setup(void **state)
{
	char err[512];
	int made;

	if (ut_tmpdir_setup(state))
		return -1;
	if (mb_dataset_ensure(ut_tmpdir(), 64 * 1024 + 8, 5, &ds, &made, err, sizeof(err))) {
		fprintf(stderr, "dataset: %s\n", err);
		return -1;
	}
	return 0;
}

static void truncate_scratch(enum mb_trace_event ev, const char *what)
{
	char path[PATH_MAX];

	if (ev != MB_TRACE_TIMED_BEGIN || strcmp(what, "rmw-mmap") || !truncations)
		return;
	truncations--;
	ut_tmp_path(path, sizeof(path), "");
	snprintf(path + strlen(path), sizeof(path) - strlen(path), ".mb-scratch-%ld.tmp", (long)getpid());
	assert_int_equal(truncate(path, 0), 0);
}

struct got {
	int ok[2], err[2];
	char why[600];
};

static int sink(void *ctx, const struct mb_config *c, const struct mb_row *r, const struct mb_hist *h)
{
	struct got *g = ctx;
	int i = !strcmp(r->method, "rmw-mmap");

	(void)c;
	(void)h;
	if (!strcmp(r->status, "ok")) {
		g->ok[i]++;
		assert_int_equal(r->checksum, r->expected_checksum);
	} else {
		g->err[i]++;
		snprintf(g->why, sizeof(g->why), "%s", r->error);
	}
	return 0;
}

static void sigbus_is_an_error_row(void **state)
{
	static const char *const names[] = {"rmw-block", "rmw-mmap"};
	struct mb_config cs[2];
	struct mb_run_opts o = {.reps = 3, .warmup = 0, .seed = 1, .order = MB_ORDER_BLOCKS,
				.env = &env, .run_id = "t"};
	struct got g;
	struct mb_runner rn = {.opts = &o, .sink = sink, .ctx = &g};
	DIR *d;
	struct dirent *e;

	(void)state;
	memset(&g, 0, sizeof(g));
	for (size_t i = 0; i < 2; i++) {
		const struct mb_method *m = NULL;

		for (size_t k = 0; k < mb_method_count(); k++)
			if (!strcmp(mb_method_at(k)->name, names[i]))
				m = mb_method_at(k);
		assert_non_null(m);
		cs[i] = (struct mb_config){.method = m, .pattern = MB_SEQ, .cache = MB_CACHE_WARM,
					   .advice = MB_ADV_NONE, .consume = MB_CONSUME_INCREMENT,
					   .file_size = ds.size, .block = 4096, .threads = 1, .qd = 1,
					   .path = ds.path, .expected = ds.checksum, .own_file = 1,
					   .data_seed = 5, .item = i, .op = MB_OP_RMW,
					   .sync = MB_SYNC_NONE};
	}
	truncations = 1;
	mb_trace_hook = truncate_scratch;
	assert_int_equal(mb_run_group(&rn, cs, 2), 1); /* one error row */
	mb_trace_hook = NULL;
	assert_int_equal(truncations, 0);
	assert_int_equal(g.err[1], 1);
	assert_non_null(strstr(g.why, "SIGBUS at offset 0 of the mapping"));
	assert_int_equal(g.ok[1], 2);  /* the next repetitions ran, and verified */
	assert_int_equal(g.ok[0], 3);
	assert_int_equal(g.err[0], 0);
	d = opendir(ut_tmpdir());
	assert_non_null(d);
	while ((e = readdir(d)))
		if (strstr(e->d_name, "scratch"))
			fail_msg("scratch file %s left behind", e->d_name);
	closedir(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sigbus_is_an_error_row),
	};

	return cmocka_run_group_tests(tests, setup, ut_tmpdir_teardown);
}
