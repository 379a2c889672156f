/* test_report_rmw.c: the write side of REPORT.md: the read-modify-write
 * section (report_rmw.c: each rmw method against rmw-mmap, rmw-mmap-msync
 * paired across its own sync mode, and the seeds' "2 to 3 times" claim judged
 * in words, including when it cannot be judged) and the write verdict
 * (report.c: mmap stores against write, paired although the stores have an
 * option, fallocate, that write has not). */
#include "unit.h"

#include "report.h"
#include "report_rmw.h"

#define HDR "status,method,op,advice,consume,pattern,cache,file_size_bytes,block_size_bytes," \
	    "threads,queue_depth,target,sync,mib_per_s,total_ns,fallocate\n"

static void verdict_words(void **state)
{
	struct mb_ratio r = {.ratio = 2.5, .ci_lo = 2.2, .ci_hi = 2.8, .ci_level = 0.95, .p = 0.002};
	char b[200];

	(void)state;
	assert_non_null(strstr(mb_rmw_claim_verdict(&r, b, sizeof(b)), "holds: 2.5×"));
	r = (struct mb_ratio){.ratio = 0.5, .ci_lo = 0.4, .ci_hi = 0.6, .ci_level = 0.95, .p = 0.002};
	assert_non_null(strstr(mb_rmw_claim_verdict(&r, b, sizeof(b)), "does not hold: read()+write() is 2× *faster*"));
	r = (struct mb_ratio){.ratio = 1.3, .ci_lo = 1.2, .ci_hi = 1.4, .ci_level = 0.95, .p = 0.002};
	assert_non_null(strstr(mb_rmw_claim_verdict(&r, b, sizeof(b)), "direction only"));
	r = (struct mb_ratio){.ratio = 6, .ci_lo = 5, .ci_hi = 7, .ci_level = 0.95, .p = 0.002};
	assert_non_null(strstr(mb_rmw_claim_verdict(&r, b, sizeof(b)), "understates"));
	r = (struct mb_ratio){.ratio = 2.9, .ci_lo = 2.5, .ci_hi = 3.4, .ci_level = 0.95, .p = 0.002};
	assert_non_null(strstr(mb_rmw_claim_verdict(&r, b, sizeof(b)), "overlaps"));
	r = (struct mb_ratio){.ratio = 2.5, .ci_lo = 1, .ci_hi = 4, .ci_level = 0.95, .p = 0.3};
	assert_non_null(strstr(mb_rmw_claim_verdict(&r, b, sizeof(b)), "no significant difference"));
	r = (struct mb_ratio){.ratio = 2.5, .ci_lo = 2.2, .ci_hi = 2.8, .ci_level = 0.8, .p = 0.1};
	assert_non_null(strstr(mb_rmw_claim_verdict(&r, b, sizeof(b)), "cannot be judged"));
}

/* Six repetitions of method (op, sync) at time t ns, + i. */
static size_t rows(char *out, size_t len, const char *method, const char *op, const char *sync,
		   const char *target, const char *fallocate, double t)
{
	size_t at = 0;

	for (int i = 0; i < 6; i++) {
		int k = snprintf(out + at, len - at, "ok,%s,%s,none,%s,seq,warm,40000,4096,1,,%s,%s,%.3f,%.0f,%s\n",
				 method, op, !strcmp(op, "rmw") ? "increment" : "copy", target, sync,
				 40000.0 / 1048576 / ((t + i) / 1e9), t + i, fallocate);

		assert_true(k > 0 && (size_t)k < len - at);
		at += (size_t)k;
	}
	return at;
}

static void rmw_and_write_sections(void **state)
{
	char dir[PATH_MAX], path[PATH_MAX + 16], err[256], text[8192], *md;
	size_t at = (size_t)snprintf(text, sizeof(text), HDR);

	(void)state;
	at += rows(text + at, sizeof(text) - at, "rmw-mmap", "rmw", "none", "", "", 100000);
	at += rows(text + at, sizeof(text) - at, "rmw-read-write", "rmw", "none", "", "", 10000);
	at += rows(text + at, sizeof(text) - at, "rmw-mmap-msync", "rmw", "msync", "", "", 300000);
	at += rows(text + at, sizeof(text) - at, "mmap", "write", "fsync", "rewrite", "0", 50000);
	at += rows(text + at, sizeof(text) - at, "write", "write", "fsync", "rewrite", "", 100000);
	ut_tmp_path(dir, sizeof(dir), "rmw");
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(path, sizeof(path), "%s/results.csv", dir);
	ut_write_str(path, text);
	if (mb_report_write(dir, err, sizeof(err)))
		fail_msg("report: %s", err);
	snprintf(path, sizeof(path), "%s/REPORT.md", dir);
	md = ut_read_file(path, NULL);
	if (!strstr(md, "## Read-modify-write") ||
	    !strstr(md, "| 10,000 integers (40000 B), warm, seq, 4096 B blocks | 100 µs | 10 µs (0.100×) | — | — | 300 µs (3.00×) |") ||
	    !strstr(md, "the claim does not hold: read()+write() is 10× *faster*") ||
	    !strstr(md, "## Verdict: mmap stores against write") ||
	    !strstr(md, "rewrite, sync fsync") || !strstr(md, "**mmap** faster by 100%") ||
	    strstr(md, "## Verdict: mmap against read"))
		fail_msg("unexpected REPORT.md (from its rmw table):\n%s",
			 strstr(md, "| workload | rmw-mmap") ? strstr(md, "| workload | rmw-mmap") : md);
	free(md);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(verdict_words),
		cmocka_unit_test(rmw_and_write_sections),
	};

	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
