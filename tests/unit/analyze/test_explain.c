/* test_explain.c: mapbench explain's cost model (explain.c, explain_terms.c)
 * on synthetic rows with known counts and a synthetic machine.csv: the exact
 * predicted times, the dominant term and the sentence, for read and mmap,
 * warm and cold; a figure missing or skipped makes its term unknown; a
 * malformed machine.csv is refused with a reason naming the line. */
#include "unit.h"

#include <math.h>

#include "explain.h"
#include "explain_out.h"
#include "machine_in.h"

#define HDR "schema,run_id,host,kernel,cpu_vendor,cpu_family,cpu_model,cpu_name,hypervisor," \
	    "figure,unit,median,ci_low,ci_high,samples,flag,note\n"
#define FIG(name, v) "1,p,h,k,v,1,1,c,,"name",ns," v "," v "," v ",9,,\n"

/* The figures the tests price with; the device ones as probe writes them without --device. */
static const char machine_base[] = HDR
	FIG("pread_call_ns", "500") FIG("syscall_ns", "100") FIG("copy_ns_per_byte", "0.1")
	FIG("memread_ns_per_byte", "0.05") FIG("memcpy_ns_per_byte", "0.08")
	FIG("checksum_hot_ns_per_byte", "0.04") FIG("file_fault_large_ns_per_page", "100") FIG("file_fault_small_ns_per_page", "400")
	FIG("file_minflt_large_per_page", "0.002") FIG("file_minflt_small_per_page", "0.0625")
	FIG("mmap_fixed_ns", "2000") FIG("munmap_per_page_ns", "50")
	"1,p,h,k,v,1,1,c,,odirect_ns_per_byte,ns_per_byte,,,,0,skipped,no --device\n";

/* Results rows: 16 MiB read in 128 KiB blocks, warm and cold, read and mmap. */
static const char results[] =
	"status,method,op,consume,pattern,cache,file_size_bytes,block_size_bytes,threads,mib_per_s,"
	"bytes,ops,total_ns,minflt,dev_read_bytes,large_folio_pct,lat_timed\n"
	"ok,read,read,sum,seq,warm,16777216,131072,1,1,16777216,128,2500000,0,0,,0\n"
	"ok,read,read,sum,seq,warm,16777216,131072,1,1,16777216,128,2700000,0,0,,0\n"
	"ok,read,read,sum,seq,warm,16777216,131072,1,1,16777216,128,2600000,0,0,,0\n"
	/* a latency repetition: slowed by its clock reads, no sample of the time */
	"ok,read,read,sum,seq,warm,16777216,131072,1,1,16777216,128,9900000,0,0,,1\n"
	"ok,read,read,sum,seq,cold,16777216,131072,1,1,16777216,128,30000000,0,16777216,,0\n"
	"ok,mmap,read,sum,seq,warm,16777216,131072,1,1,16777216,128,5400000,64,0,0.00,0\n"
	"ok,mmap,read,sum,seq,cold,16777216,131072,1,1,16777216,128,25000000,300,16777216,50.00,0\n"
	/* no large_folio_pct (not root): the share from the faults per page */
	"ok,mmap,read,touch,seq,warm,16777216,131072,1,1,16777216,128,1000000,100,0,,0\n"
	"error,mmap,read,sum,rand,warm,16777216,131072,1,1,,,,,,,0\n";

struct fx {
	struct mb_groups gs;
	struct mb_machine m;
	struct mb_explained *x;
	size_t n;
};

static void load_machine(struct mb_machine *m, const char *text)
{
	char path[PATH_MAX], err[256];

	ut_tmp_path(path, sizeof(path), "machine.csv");
	ut_write_str(path, text);
	assert_int_equal(mb_machine_load(path, m, err, sizeof(err)), 0);
}

static void explain_rows(struct fx *f, const char *rows, const char *machine)
{
	char err[256];
	FILE *in = fmemopen((void *)rows, strlen(rows), "r");

	memset(f, 0, sizeof(*f));
	f->gs.extra = mb_explain_extra;
	assert_non_null(in);
	assert_int_equal(mb_groups_read(&f->gs, in, "r.csv", err, sizeof(err)), 0);
	fclose(in);
	load_machine(&f->m, machine);
	assert_int_equal(mb_explain_all(&f->gs, &f->m, &f->x, &f->n), 0);
}

static void explain(struct fx *f, const char *machine)
{
	explain_rows(f, results, machine);
}

static void done(struct fx *f)
{
	free(f->x);
	mb_machine_free(&f->m);
	mb_groups_free(&f->gs);
}

/* The explanation whose three keys have these values; fails when there is none. */
static const struct mb_explained *find_by(const struct fx *f, const int key[3], const char *const val[3])
{
	for (size_t i = 0; i < f->n; i++) {
		const char *const *kv = f->x[i].g->kv;

		if (!strcmp(kv[key[0]], val[0]) && !strcmp(kv[key[1]], val[1]) && !strcmp(kv[key[2]], val[2]))
			return &f->x[i];
	}
	fail_msg("no explanation of %s %s %s", val[0], val[1], val[2]);
	return NULL;
}

static const struct mb_explained *find(const struct fx *f, const char *method, const char *consume,
				       const char *cache)
{
	static const int key[3] = {MB_K_method, MB_K_consume, MB_K_cache};
	const char *const val[3] = {method, consume, cache};

	return find_by(f, key, val);
}

static void near(double got, double want)
{
	if (fabs(got - want) > 1e-6 * fabs(want) + 1e-9)
		fail_msg("got %.6f, want %.6f", got, want);
}

/* read, warm: 128 calls x 500 + 16 MiB x 0.1 (copy) + x 0.04 (the checksum
 * of a 128 KiB buffer the copy just wrote: the cache-hot figure). */
static void read_warm(void **state)
{
	struct fx f;
	const struct mb_explained *x;

	(void)state;
	explain(&f, machine_base);
	assert_int_equal(f.n, 5); /* the error row's configuration has no ok rows */
	x = find(&f, "read", "sum", "warm");
	near(x->t[MB_XT_CALLS].ns, 128 * 500.0);
	near(x->t[MB_XT_COPY].ns, 16777216 * 0.1);
	near(x->t[MB_XT_CSUM].ns, 16777216 * 0.04);
	assert_int_equal(x->t[MB_XT_DEVICE].state, MB_XS_KNOWN);
	near(x->t[MB_XT_DEVICE].ns, 0);
	assert_int_equal(x->t[MB_XT_FAULT].state, MB_XS_NA);
	near(x->predicted, 64000 + 1677721.6 + 671088.64);
	near(x->measured, 2600000); /* the median of the three throughput rows */
	near(x->residual, 2600000 / 2412810.24 - 1);
	assert_int_equal(x->dominant, MB_XT_COPY);
	assert_string_equal(mb_explained_word(x), "yes");
	assert_non_null(strstr(x->reason, "read, warm seq 16M/128K: 16 MiB copied at 9.31 GiB/s + "
					  "16 MiB checksummed at 23.3 GiB/s + 1 smaller term = 2.41 ms of 2.6 ms measured (93%)"));
	done(&f);
}

/* mmap, warm, small folios: 4,096 first touches x 400 ns dominate. */
static void mmap_warm(void **state)
{
	struct fx f;
	const struct mb_explained *x;

	(void)state;
	explain(&f, machine_base);
	x = find(&f, "mmap", "sum", "warm");
	near(x->t[MB_XT_FAULT].ns, 4096 * 400.0);
	near(x->t[MB_XT_MAP].ns, 2000 + 4096 * 50.0);
	near(x->t[MB_XT_CSUM].ns, 838860.8);
	assert_int_equal(x->t[MB_XT_COPY].state, MB_XS_NA);
	assert_int_equal(x->t[MB_XT_MEMCPY].state, MB_XS_NA);
	near(x->predicted, 1638400 + 206800 + 838860.8);
	assert_int_equal(x->dominant, MB_XT_FAULT);
	/* 5.4 ms measured against 2.68 ms: twice the model, unexplained */
	assert_string_equal(mb_explained_word(x), "no");
	assert_non_null(strstr(x->reason, "4,096 first touches × 400 ns"));
	/* touch: a cache line a page; the folio share from 100 faults / 4096 pages */
	x = find(&f, "mmap", "touch", "warm");
	near(x->t[MB_XT_CSUM].ns, 4096 * 64 * 0.05);
	{
		double s = (100.0 / 4096 - 0.0625) / (0.002 - 0.0625);

		near(x->t[MB_XT_FAULT].ns, 4096 * (s * 100 + (1 - s) * 400));
	}
	done(&f);
}

/* Cold rows: without the device figure the device term, and so the
 * prediction, is unknown; with it, priced by the bytes the device read. */
static void cold_rows(void **state)
{
	static const char machine_dev[] = HDR
		FIG("pread_call_ns", "500") FIG("copy_ns_per_byte", "0.1") FIG("memread_ns_per_byte", "0.05")
		FIG("checksum_hot_ns_per_byte", "0.04") FIG("file_fault_large_ns_per_page", "100") FIG("file_fault_small_ns_per_page", "400")
		FIG("mmap_fixed_ns", "2000") FIG("munmap_per_page_ns", "50") FIG("odirect_ns_per_byte", "1");
	struct fx f;
	const struct mb_explained *x;

	(void)state;
	explain(&f, machine_base);
	x = find(&f, "read", "sum", "cold");
	assert_int_equal(x->t[MB_XT_DEVICE].state, MB_XS_UNKNOWN);
	assert_string_equal(x->t[MB_XT_DEVICE].missing, "odirect_ns_per_byte");
	assert_true(isnan(x->predicted));
	assert_string_equal(mb_explained_word(x), "unknown");
	assert_non_null(strstr(x->reason, "unknown device term (no odirect_ns_per_byte)"));
	done(&f);

	explain(&f, machine_dev);
	x = find(&f, "read", "sum", "cold");
	near(x->predicted, 64000 + 1677721.6 + 671088.64 + 16777216);
	assert_int_equal(x->dominant, MB_XT_DEVICE);
	x = find(&f, "mmap", "sum", "cold");
	/* half the pages in large folios: 4096 x (50 + 200) */
	near(x->t[MB_XT_FAULT].ns, 4096 * 250.0);
	near(x->predicted, 1024000 + 206800 + 838860.8 + 16777216);
	assert_int_equal(x->dominant, MB_XT_DEVICE);
	assert_string_equal(mb_explained_word(x), "no");
	done(&f);
}

/* A figure the file lacks: only the terms needing it are unknown. */
static void missing_figure(void **state)
{
	static const char no_copy[] = HDR FIG("pread_call_ns", "500") FIG("checksum_hot_ns_per_byte", "0.04");
	struct fx f;
	const struct mb_explained *x;

	(void)state;
	explain(&f, no_copy);
	x = find(&f, "read", "sum", "warm");
	assert_int_equal(x->t[MB_XT_COPY].state, MB_XS_UNKNOWN);
	assert_string_equal(x->t[MB_XT_COPY].missing, "copy_ns_per_byte");
	assert_int_equal(x->t[MB_XT_CALLS].state, MB_XS_KNOWN);
	assert_true(isnan(x->predicted));
	near(x->known_ns, 64000 + 671088.64);
	assert_non_null(strstr(x->reason, "unknown copy term (no copy_ns_per_byte)"));
	done(&f);
}

static void machine_errors(void **state)
{
	char path[PATH_MAX], err[256];
	struct mb_machine m;
	double v;

	(void)state;
	ut_tmp_path(path, sizeof(path), "bad.csv");
	ut_write_str(path, HDR FIG("syscall_ns", "100") "1,p,h,k,v,1,1,c,,copy_ns_per_byte,ns,fast,,,9,,\n");
	assert_int_equal(mb_machine_load(path, &m, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "line 3: median 'fast' of copy_ns_per_byte is not a number"));
	ut_write_str(path, "figure,unit\nsyscall_ns,ns\n");
	assert_int_equal(mb_machine_load(path, &m, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "no column 'median'"));
	ut_tmp_path(path, sizeof(path), "absent.csv");
	assert_int_equal(mb_machine_load(path, &m, err, sizeof(err)), -ENOENT);
	/* a skipped figure has no value, even with a number in its median */
	ut_tmp_path(path, sizeof(path), "skip.csv");
	ut_write_str(path, HDR "1,p,h,k,v,1,1,c,,odirect_ns_per_byte,ns,7,,,0,skipped,\n" FIG("syscall_ns", "90"));
	assert_int_equal(mb_machine_load(path, &m, err, sizeof(err)), 0);
	assert_int_equal(mb_machine_get(&m, "odirect_ns_per_byte", &v), 0);
	assert_true(isnan(v));
	assert_int_equal(mb_machine_get(&m, "syscall_ns", &v), 1);
	near(v, 90);
	assert_int_equal(mb_machine_get(&m, "nonesuch", &v), 0);
	mb_machine_free(&m);
}

/* The terms of the folio worlds, random blocks and seeks, on rows of their own. */
static const char machine_worlds[] = HDR
	FIG("pread_call_ns", "500") FIG("syscall_ns", "100") FIG("copy_ns_per_byte", "0.1")
	FIG("copy_small_ns_per_byte", "0.2") FIG("copy_pmd_ns_per_byte", "0.04")
	FIG("file_fault_small_cached_ns_per_page", "1200")
	FIG("memread_ns_per_byte", "0.05") FIG("checksum_hot_ns_per_byte", "0.04")
	FIG("rand_block_4k_ns", "300") FIG("rand_block_128k_ns", "800")
	FIG("file_fault_large_ns_per_page", "1000") FIG("file_fault_small_ns_per_page", "2000")
	FIG("file_fault_pmd_ns_per_page", "40") FIG("file_minflt_large_per_page", "0.0625")
	FIG("file_minflt_small_per_page", "0.0625") FIG("file_minflt_pmd_per_page", "0.002")
	FIG("mmap_fixed_ns", "2000") FIG("munmap_per_page_ns", "50")
	FIG("write_dirty_ns_per_page", "1500");

static const char rows_worlds[] =
	"status,method,op,consume,pattern,cache,file_size_bytes,block_size_bytes,threads,mib_per_s,"
	"bytes,ops,total_ns,minflt,dev_read_bytes,large_folio_pct,pmd_folio_pct,file_pmd_mapped_bytes,"
	"lat_timed\n"
	/* 16 MiB by random 16 KiB read(2)s, half of the file in 2 MiB folios */
	"ok,read,read,sum,rand,warm,16777216,16384,1,1,16777216,1024,3000000,0,0,100.00,50.00,,0\n"
	/* the same sequentially: no lseek, no random blocks */
	"ok,read,read,sum,seq,warm,16777216,16384,1,1,16777216,1024,2000000,0,0,100.00,50.00,,0\n"
	/* 1 MiB in 4 KiB folios */
	"ok,pread,read,sum,seq,warm,1048576,4096,1,1,1048576,256,500000,0,0,0.00,0.00,,0\n"
	/* 4 MiB in 4 KiB folios */
	"ok,pread,read,sum,seq,warm,4194304,4096,1,1,4194304,1024,900000,0,0,0.00,0.00,,0\n"
	/* 1 MiB through a mapping, 4 KiB folios */
	"ok,mmap,read,sum,seq,warm,1048576,4096,1,1,1048576,256,400000,16,0,0.00,0.00,0,0\n"
	/* the same without large_folio_pct (not root), where the probe's two
	 * worlds fault alike: half of each */
	"ok,mmap,read,sum,seq,warm,2097152,4096,1,1,2097152,512,800000,32,0,,,0,0\n"
	/* 256 MiB through a mapping, half of it mapped by PMDs (smaps) */
	"ok,mmap,read,sum,seq,warm,268435456,131072,1,1,268435456,2048,60000000,300,0,100.00,60.00,"
	"134217728,0\n"
	/* memread of random 4 KiB blocks */
	"ok,memread,read,sum,rand,warm,16777216,4096,1,1,16777216,4096,2000000,0,,,,,0\n"
	/* rmw a block at a time: ops counts the integers */
	"ok,rmw-block,rmw,sum,seq,warm,1048576,65536,1,1,1048576,262144,5000000,0,0,,,,0\n";

static const struct mb_explained *find_shape(const struct fx *f, const char *method,
					     const char *pattern, const char *size)
{
	static const int key[3] = {MB_K_method, MB_K_pattern, MB_K_file_size_bytes};
	const char *const val[3] = {method, pattern, size};

	return find_by(f, key, val);
}

static void worlds_random_and_seeks(void **state)
{
	struct fx f;
	const struct mb_explained *x;

	(void)state;
	explain_rows(&f, rows_worlds, machine_worlds);
	/* read rand: 1024 calls x 500 + 1024 lseeks x 100; the copy half at the
	 * large folios' rate, half at the PMD one's; 16 KiB random blocks: 300 +
	 * (log2(4) / 5) x (800 - 300) = 500 ns each; the checksum cache-hot */
	x = find_shape(&f, "read", "rand", "16777216");
	near(x->t[MB_XT_CALLS].ns, 1024 * 500.0 + 1024 * 100.0);
	near(x->t[MB_XT_CALLS].count2, 1024);
	near(x->t[MB_XT_COPY].price, 0.5 * 0.1 + 0.5 * 0.04);
	near(x->t[MB_XT_RAND].price, 500);
	near(x->t[MB_XT_RAND].ns, 1024 * 500.0);
	near(x->t[MB_XT_CSUM].ns, 16777216 * 0.04);
	assert_non_null(strstr(x->reason, "1,024 calls × 500 ns + 1,024 lseeks × 100 ns"));
	assert_non_null(strstr(x->reason, "+ 1 smaller term = 2.97 ms of 3 ms measured (99%)"));
	near(x->predicted, 16777216 * 0.07 + 16777216 * 0.04 + 1024 * 600.0 + 1024 * 500.0);
	x = find_shape(&f, "read", "seq", "16777216");
	near(x->t[MB_XT_CALLS].ns, 1024 * 500.0);
	near(x->t[MB_XT_RAND].ns, 0);
	/* 4 KiB folios: the small folios' copy rate, whatever the file's size */
	x = find_shape(&f, "pread", "seq", "1048576");
	near(x->t[MB_XT_COPY].ns, 1048576 * 0.2);
	x = find_shape(&f, "pread", "seq", "4194304");
	near(x->t[MB_XT_COPY].ns, 4194304 * 0.2);
	/* 1 MiB mapped, 4 KiB folios, no PMD (file_pmd_mapped_bytes 0): the
	 * cached small-folio fault figure */
	x = find_shape(&f, "mmap", "seq", "1048576");
	near(x->t[MB_XT_FAULT].price, 1200);
	near(x->t[MB_XT_MAP].ns, 2000 + 256 * 50.0);
	x = find_shape(&f, "mmap", "seq", "2097152");
	near(x->t[MB_XT_FAULT].price, 0.5 * 1000 + 0.5 * 1200);
	/* mmap: half the pages PMD-mapped (file_pmd_mapped_bytes wins over the
	 * folio and fault counts): 40 ns each, the rest at the large rate; only
	 * the PTE-mapped half costs munmap per page; checksum from memory */
	x = find_shape(&f, "mmap", "seq", "268435456");
	near(x->t[MB_XT_FAULT].price, 0.5 * 40 + 0.5 * 1000);
	near(x->t[MB_XT_MAP].ns, 2000 + 32768 * 50.0);
	near(x->t[MB_XT_CSUM].ns, 268435456 * 0.05);
	/* memread: the checksum from memory and 4,096 random blocks x 300 ns */
	x = find_shape(&f, "memread", "rand", "16777216");
	near(x->predicted, 16777216 * 0.05 + 4096 * 300.0);
	/* rmw-block: 16 blocks, a read and a write each, an lseek before each */
	x = find_shape(&f, "rmw-block", "seq", "1048576");
	near(x->t[MB_XT_CALLS].count, 32);
	near(x->t[MB_XT_CALLS].ns, 32 * 500.0 + 32 * 100.0);
	done(&f);
}

/* Every method `mapbench methods` lists for read has a model. */
static void every_read_method_modelled(void **state)
{
	static const char *const read_methods[] = {"read", "pread", "readv", "preadv", "fread", "uring",
						   "odirect", "dontcache", "mmap", "mmap-private",
						   "mmap-window", "memread"};

	(void)state;
	for (size_t i = 0; i < sizeof(read_methods) / sizeof(read_methods[0]); i++)
		assert_non_null(mb_xmethod_find("read", read_methods[i]));
	assert_non_null(mb_xmethod_find("write", "mmap"));
	assert_null(mb_xmethod_find("write", "memread"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_warm),
		cmocka_unit_test(mmap_warm),
		cmocka_unit_test(cold_rows),
		cmocka_unit_test(missing_figure),
		cmocka_unit_test(machine_errors),
		cmocka_unit_test(every_read_method_modelled),
		cmocka_unit_test(worlds_random_and_seeks),
	};

	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
