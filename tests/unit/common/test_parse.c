/* test_parse.c: command-line values of src/common/parse.c: sizes with suffixes,
 * lists, ranges (x4 by default, *F steps, end always included), counts,
 * name lists, error messages that name the bad token, and mb_fmt_size. */
#include "unit.h"

#include "parse.h"

#define K 1024ull
#define M (1024ull * K)
#define G (1024ull * M)
#define T (1024ull * G)

static void sizes(void **state)
{
	static const struct {
		const char *s;
		uint64_t v;
	} ok[] = {
		{"4K", 4 * K}, {"1M", M}, {"1G", G}, {"64KiB", 64 * K}, {"4096", 4096},
		{"1k", K}, {"2MB", 2 * M}, {"3T", 3 * T}, {"1kib", K}, {"512B", 512},
		{"0", 0}, {"16777215T", 16777215ull * T}, {"18446744073709551615", UINT64_MAX},
	};
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		uint64_t v = 12345;

		err[0] = '\0';
		if (mb_parse_size(ok[i].s, &v, err, sizeof(err)))
			fail_msg("'%s' refused: %s", ok[i].s, err);
		assert_int_equal(v, ok[i].v);
	}
}

/* Checks that s is refused with -EINVAL and err names the token. */
static void refused(const char *s, const char *token)
{
	char err[256] = "", quoted[128];
	uint64_t v = 777;
	struct mb_u64_list l;

	snprintf(quoted, sizeof(quoted), "'%s'", token);
	assert_int_equal(mb_parse_size(s, &v, err, sizeof(err)), -EINVAL);
	assert_int_equal(v, 777); /* untouched */
	assert_contains(err, quoted);
	err[0] = '\0';
	assert_int_equal(mb_parse_size_list(s, &l, err, sizeof(err)), -EINVAL);
	assert_contains(err, quoted);
}

static void size_errors_name_the_token(void **state)
{
	(void)state;
	refused("12Q", "12Q");
	refused("-5", "-5");
	refused("K", "K");
	refused("", "");
	refused("4 K", "4 K");
	refused(" 4K", " 4K");
	refused("4K ", "4K ");
	refused("1.5M", "1.5M");
	refused("4KK", "4KK");
	refused("0x10", "0x10");
	refused("99999999999T", "99999999999T");
	refused("16777216T", "16777216T");        /* 2^64: one past the largest */
	refused("18446744073709551616", "18446744073709551616");
	refused("99999999999999999999999", "99999999999999999999999");
}

static void assert_list(const struct mb_u64_list *l, const uint64_t *want, size_t n)
{
	assert_int_equal(l->n, n);
	for (size_t i = 0; i < n; i++)
		if (l->v[i] != want[i])
			fail_msg("item %zu: %llu, want %llu", i, (unsigned long long)l->v[i],
				 (unsigned long long)want[i]);
}

static void parse_list_ok(const char *s, struct mb_u64_list *l)
{
	char err[256] = "";

	if (mb_parse_size_list(s, l, err, sizeof(err)))
		fail_msg("'%s' refused: %s", s, err);
}

static void lists(void **state)
{
	static const uint64_t one[] = {4 * K};
	static const uint64_t three[] = {4 * K, M, 64 * K};
	static const uint64_t mixed[] = {512, 4 * K, 16 * K, 64 * K, 2 * G};
	struct mb_u64_list l;

	(void)state;
	parse_list_ok("4K", &l);
	assert_list(&l, one, 1);
	parse_list_ok("4K,1M,64KiB", &l);
	assert_list(&l, three, 3); /* order kept */
	parse_list_ok("512,4K..64K,2G", &l);
	assert_list(&l, mixed, 5);
}

static void ranges(void **state)
{
	static const uint64_t x4[] = {4 * K, 16 * K, 64 * K, 256 * K, M, 4 * M, 16 * M, 64 * M, 256 * M, G};
	static const uint64_t x2[] = {4 * K, 8 * K, 16 * K, 32 * K, 64 * K, 128 * K, 256 * K, 512 * K, M};
	static const uint64_t offstep[] = {4 * K, 16 * K, 64 * K, 100 * K};
	static const uint64_t offstep2[] = {4 * K, 8 * K, 12 * K};
	static const uint64_t single[] = {4 * K};
	static const uint64_t x1024[] = {K, M, G, T};
	static const uint64_t near_top[] = {8 * T, 8192 * T, 8388608ull * T, 16777215ull * T};
	struct mb_u64_list l;

	(void)state;
	parse_list_ok("4K..1G", &l);
	assert_list(&l, x4, 10);
	parse_list_ok("4K..1M*2", &l);
	assert_list(&l, x2, 9);
	parse_list_ok("4K..100K", &l); /* 256K would pass the end: the end itself closes it */
	assert_list(&l, offstep, 4);
	parse_list_ok("4K..12K*2", &l);
	assert_list(&l, offstep2, 3);
	parse_list_ok("4K..4K", &l);
	assert_list(&l, single, 1);
	parse_list_ok("1K..1T*1024", &l);
	assert_list(&l, x1024, 4);
	/* no overflow when the next step would pass 2^64 */
	parse_list_ok("8T..16777215T*1024", &l);
	assert_list(&l, near_top, 4);
}

static void list_errors(void **state)
{
	static const struct {
		const char *s, *names;
	} bad[] = {
		{"4K,,1M", "4K,,1M"}, {",4K", ",4K"},           {"4K,", "4K,"},
		{"4K,12Q,1M", "'12Q'"}, {"4K..12Q", "'12Q'"},    {"12Q..1M", "'12Q'"},
		{"1M..4K", "'1M..4K'"}, {"0..4K", "'0..4K'"},    {"4K..1M*1", "'4K..1M*1'"},
		{"4K..1M*x", "'4K..1M*x'"}, {"4K..1M*", "'4K..1M*'"}, {"4K..1M*2000", "'4K..1M*2000'"},
		{",", ","}, {"", "''"},
	};
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct mb_u64_list l;

		err[0] = '\0';
		if (mb_parse_size_list(bad[i].s, &l, err, sizeof(err)) != -EINVAL)
			fail_msg("'%s' accepted", bad[i].s);
		assert_contains(err, bad[i].names);
	}
	err[0] = '\0';
	{
		struct mb_u64_list l;

		assert_int_equal(mb_parse_size_list("4K,,1M", &l, err, sizeof(err)), -EINVAL);
		assert_contains(err, "empty");
	}
}

static void list_limit(void **state)
{
	char s[1024] = "", err[256] = "";
	struct mb_u64_list l;

	(void)state;
	for (int i = 1; i <= MB_LIST_MAX; i++)
		snprintf(s + strlen(s), sizeof(s) - strlen(s), "%s%d", i > 1 ? "," : "", i);
	parse_list_ok(s, &l);
	assert_int_equal(l.n, MB_LIST_MAX);
	assert_int_equal(l.v[MB_LIST_MAX - 1], MB_LIST_MAX);
	strcat(s, ",65");
	assert_int_equal(mb_parse_size_list(s, &l, err, sizeof(err)), -EINVAL);
	assert_contains(err, "'65'");
	/* a range that alone passes the limit */
	assert_int_equal(mb_parse_size_list("1..1T*2,1..1T*2", &l, err,
					    sizeof(err)), -EINVAL);
	assert_contains(err, "too many");
}

static void counts(void **state)
{
	char err[256];
	long v = -1;

	(void)state;
	assert_int_equal(mb_parse_count("5", 1, 10, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 5);
	assert_int_equal(mb_parse_count("1", 1, 10, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 1);
	assert_int_equal(mb_parse_count("10", 1, 10, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 10);
	assert_int_equal(mb_parse_count("0", 0, 0, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 0);
	v = 99;
	assert_int_equal(mb_parse_count("0", 1, 10, &v, err, sizeof(err)), -EINVAL);
	assert_contains(err, "'0'");
	assert_contains(err, "1..10");
	assert_int_equal(v, 99);
	assert_int_equal(mb_parse_count("11", 1, 10, &v, err, sizeof(err)), -EINVAL);
	assert_contains(err, "'11'");
	assert_int_equal(mb_parse_count("-5", 1, 10, &v, err, sizeof(err)), -EINVAL);
	assert_contains(err, "'-5'");
	assert_int_equal(mb_parse_count("", 1, 10, &v, err, sizeof(err)), -EINVAL);
	assert_int_equal(mb_parse_count("3x", 1, 10, &v, err, sizeof(err)), -EINVAL);
	assert_contains(err, "'3x'");
	assert_int_equal(mb_parse_count("4K", 1, 1 << 20, &v, err, sizeof(err)), -EINVAL);
	assert_contains(err, "'4K'");
	assert_int_equal(mb_parse_count("99999999999999999999", 1, 10, &v, err, sizeof(err)), -EINVAL);
	assert_contains(err, "'99999999999999999999'");
	assert_int_equal(v, 99);
}

static void name_lists(void **state)
{
	struct mb_str_list l;
	char err[256] = "";

	(void)state;
	assert_int_equal(mb_parse_str_list("read,mmap,pread", &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0], "read");
	assert_string_equal(l.v[1], "mmap");
	assert_string_equal(l.v[2], "pread");
	mb_str_list_free(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.store);
	assert_int_equal(mb_parse_str_list("read,,mmap", &l, err, sizeof(err)), -EINVAL);
	assert_contains(err, "read,,mmap");
	assert_int_equal(mb_parse_str_list("", &l, err, sizeof(err)), -EINVAL);
	assert_int_equal(mb_parse_str_list("read,", &l, err, sizeof(err)), -EINVAL);
	mb_str_list_free(&l);
}

static void fmt_size(void **state)
{
	static const struct {
		uint64_t v;
		const char *s;
	} tab[] = {
		{0, "0"}, {1, "1"}, {1000, "1000"}, {1536, "1536"}, {4096, "4K"}, {64 * K, "64K"},
		{M, "1M"}, {3 * G, "3G"}, {T, "1T"}, {1048699, "1048699"}, {1025 * K, "1025K"},
		{1024 * T, "1024T"}, {UINT64_MAX, "18446744073709551615"},
	};
	char buf[32], small[3];

	(void)state;
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		assert_ptr_equal(mb_fmt_size(tab[i].v, buf, sizeof(buf)), buf);
		assert_string_equal(buf, tab[i].s);
	}
	/* round trip through the parser */
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		uint64_t v;
		char err[128];

		assert_int_equal(mb_parse_size(tab[i].s, &v, err, sizeof(err)), 0);
		assert_int_equal(v, tab[i].v);
	}
	/* truncates, never overflows */
	mb_fmt_size(1048699, small, sizeof(small));
	assert_string_equal(small, "10");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sizes),
		cmocka_unit_test(size_errors_name_the_token),
		cmocka_unit_test(lists),
		cmocka_unit_test(ranges),
		cmocka_unit_test(list_errors),
		cmocka_unit_test(list_limit),
		cmocka_unit_test(counts),
		cmocka_unit_test(name_lists),
		cmocka_unit_test(fmt_size),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
