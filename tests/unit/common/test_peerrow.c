/* test_peerrow.c: another tool's run as a row of its mapbench peer's table
 * (peerrow.c): kept columns copy the peer's first row, NAME=VALUE cells win,
 * every other cell is empty, quoting is RFC 4180 (read back with libcsv), and
 * a column the peer lacks, a peer without rows or a cell that is no
 * NAME=VALUE is an error that names it. */
#include "unit.h"

#include "csvio.h"
#include "peerrow.h"

#define PEER "schema,method,cache,mount_opts,mib_per_s,status,error\n" \
	     "1,pread,warm,\"rw,relatime\",5000.5,ok,\n" \
	     "1,pread,warm,\"rw,relatime\",6000,ok,\n"

/* The row mb_peer_row writes for these arguments, parsed, into t (with the
 * peer's header first); the return code. */
static int row(const char *peer, const char *const *keep, size_t nkeep, const char *const *sets,
	       size_t nsets, struct mb_csv_table *t, char *err, size_t errlen)
{
	char in[PATH_MAX], out[PATH_MAX], e[256];
	int fd, rc;

	ut_tmp_path(in, sizeof(in), "peer.csv");
	ut_tmp_path(out, sizeof(out), "row.csv");
	ut_write_str(in, peer);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	assert_true(write(fd, peer, strcspn(peer, "\n") + 1) > 0); /* the header */
	rc = mb_peer_row(in, keep, nkeep, sets, nsets, fd, err, errlen);
	assert_int_equal(close(fd), 0);
	if (!rc && mb_csv_table_load(out, t, e, sizeof(e)))
		fail_msg("reading the row back: %s", e);
	return rc;
}

static void keeps_sets_and_empties(void **state)
{
	static const char *const keep[] = {"schema", "cache", "mount_opts"};
	static const char *const sets[] = {"method=fio-psync", "mib_per_s=1", "error=a \"quoted\", line",
					   "mib_per_s=4999.25", "status=error"};
	struct mb_csv_table t;
	char err[256];

	(void)state;
	assert_int_equal(row(PEER, keep, 3, sets, 5, &t, err, sizeof(err)), 0);
	assert_int_equal(t.nrows, 1);
	assert_string_equal(t.rows[0][0], "1");
	assert_string_equal(t.rows[0][1], "fio-psync");
	assert_string_equal(t.rows[0][2], "warm");
	assert_string_equal(t.rows[0][3], "rw,relatime"); /* quoted on the way out */
	assert_string_equal(t.rows[0][4], "4999.25");     /* the last one wins */
	assert_string_equal(t.rows[0][5], "error");
	assert_string_equal(t.rows[0][6], "a \"quoted\", line");
	mb_csv_table_free(&t);
	/* nothing kept, nothing set: an empty row of the right width */
	assert_int_equal(row(PEER, NULL, 0, NULL, 0, &t, err, sizeof(err)), 0);
	assert_int_equal(t.ncols, 7);
	for (size_t c = 0; c < t.ncols; c++)
		assert_string_equal(t.rows[0][c], "");
	mb_csv_table_free(&t);
}

static void errors_name_the_column(void **state)
{
	static const char *const bad_keep[] = {"cache", "kernel"};
	static const char *const bad_set[] = {"mib_per_sec=1"};
	static const char *const no_eq[] = {"status"};
	struct mb_csv_table t;
	char err[256];

	(void)state;
	assert_int_equal(row(PEER, bad_keep, 2, NULL, 0, &t, err, sizeof(err)), -EINVAL);
	assert_contains(err, "no column 'kernel' to keep");
	assert_int_equal(row(PEER, NULL, 0, bad_set, 1, &t, err, sizeof(err)), -EINVAL);
	assert_contains(err, "no column 'mib_per_sec' to set");
	assert_int_equal(row(PEER, NULL, 0, no_eq, 1, &t, err, sizeof(err)), -EINVAL);
	assert_contains(err, "'status' is not NAME=VALUE");
	assert_int_equal(row("schema,method\n", NULL, 0, NULL, 0, &t, err, sizeof(err)), -EINVAL);
	assert_contains(err, "no row to copy");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keeps_sets_and_empties),
		cmocka_unit_test(errors_name_the_column),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
