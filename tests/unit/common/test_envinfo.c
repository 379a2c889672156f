/* test_envinfo.c: the machine identity of envinfo.c read from fixture text
 * under a fake root: /proc/cpuinfo of x86 and arm64 machines (the first
 * processor's values), the summary of a vulnerabilities folder, the
 * hypervisor from a CPUID answer or /sys/hypervisor/type, and the boot id;
 * the kernel settings (THP mode, dirty page limits) and a block device's
 * readahead window (a disk, a partition, a bdi) from a fake /proc and /sys. */
#include "unit.h"

#include "envinfo.h"

/* A Zen 3 guest: the second processor differs, to show the first wins. */
static const char cpuinfo_x86[] =
	"processor\t: 0\n"
	"vendor_id\t: AuthenticAMD\n"
	"cpu family\t: 25\n"
	"model\t\t: 1\n"
	"model name\t: AMD EPYC\n"
	"stepping\t: 1\n"
	"microcode\t: 0xa0011d1\n"
	"flags\t\t: fpu vme hypervisor\n"
	"\n"
	"processor\t: 1\n"
	"vendor_id\t: GenuineIntel\n"
	"cpu family\t: 6\n"
	"model\t\t: 143\n"
	"model name\t: Intel Xeon\n"
	"stepping\t: 8\n"
	"microcode\t: 0x2b000590\n"
	"\n";

/* An arm64 host: no model name, ids in hex, variant and revision. */
static const char cpuinfo_arm64[] =
	"processor\t: 0\n"
	"BogoMIPS\t: 243.75\n"
	"Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32\n"
	"CPU implementer\t: 0x41\n"
	"CPU architecture: 8\n"
	"CPU variant\t: 0x1\n"
	"CPU part\t: 0xd0c\n"
	"CPU revision\t: 1\n"
	"\n"
	"processor\t: 1\n"
	"CPU implementer\t: 0x61\n"
	"CPU part\t: 0x022\n"
	"\n";

/* The vulnerabilities of a Zen 5 guest with PTI on, plus l1tf's commas. */
static const char *const vulns[][2] = {
	{"gather_data_sampling", "Not affected"},
	{"l1tf", "Mitigation: PTE Inversion; VMX: conditional cache flushes, SMT vulnerable"},
	{"mds", "Not affected"},
	{"meltdown", "Mitigation: PTI"},
	{"spec_rstack_overflow", "Vulnerable: No microcode"},
	{"spec_store_bypass", "Vulnerable"},
	{"spectre_v1", "Mitigation: usercopy/swapgs barriers and __user pointer sanitization"},
	{"spectre_v2", "Mitigation: Retpolines; STIBP: disabled; RSB filling; PBRSB-eIBRS: Not affected; "
		       "BHI: Not affected"},
	{"srbds", "Not affected"},
};
#define VULNS_SUMMARY                                                                              \
	"l1tf:PTE-Inversion,VMX:conditional-cache-flushes,SMT-vulnerable;meltdown:PTI;"            \
	"spec_rstack_overflow:vuln:No-microcode;spec_store_bypass:vuln;"                           \
	"spectre_v1:usercopy/swapgs+uptr;spectre_v2:Retpolines,STIBP:disabled,RSB-filling"

/* root/rel into buf; fails the test if it does not fit. */
static void path_in(char *buf, size_t len, const char *root, const char *rel)
{
	size_t n = strlen(root), m = strlen(rel);

	assert_true(n + 1 + m < len);
	memcpy(buf, root, n);
	buf[n] = '/';
	memcpy(buf + n + 1, rel, m + 1);
}

static void mkdirs(const char *root, const char *rel)
{
	char p[PATH_MAX];

	path_in(p, sizeof(p), root, rel);
	for (char *s = p + strlen(root) + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			assert_true(mkdir(p, 0755) == 0 || errno == EEXIST);
			*s = '/';
		}
	assert_true(mkdir(p, 0755) == 0 || errno == EEXIST);
}

static void put(const char *root, const char *rel, const char *text)
{
	char p[PATH_MAX];

	path_in(p, sizeof(p), root, rel);
	ut_write_str(p, text);
}

/* A fresh fake root under the program's temp dir. */
static void fake_root(char *root, size_t len, const char *name)
{
	ut_tmp_path(root, len, name);
	assert_int_equal(mkdir(root, 0755), 0);
	mkdirs(root, "proc/sys/kernel/random");
	mkdirs(root, "sys/devices/system/cpu/vulnerabilities");
	mkdirs(root, "sys/hypervisor");
}

/* e from cpuinfo text, parsed from a file named name. */
static void parse_cpuinfo(struct mb_env *e, const char *name, const char *text)
{
	char path[PATH_MAX];

	ut_tmp_path(path, sizeof(path), name);
	ut_write_str(path, text);
	memset(e, 0, sizeof(*e));
	assert_int_equal(mb_env_cpuinfo(e, path), 0);
}

/* The identity fields of e: vendor, family, model, stepping, microcode. */
static void expect_cpu(const struct mb_env *e, const char *const want[5])
{
	assert_string_equal(e->cpu_vendor, want[0]);
	assert_string_equal(e->cpu_family, want[1]);
	assert_string_equal(e->cpu_model_id, want[2]);
	assert_string_equal(e->cpu_stepping, want[3]);
	assert_string_equal(e->microcode, want[4]);
}

static void x86_first_processor(void **state)
{
	char path[PATH_MAX];
	struct mb_env e;

	(void)state;
	parse_cpuinfo(&e, "cpuinfo-x86", cpuinfo_x86);
	assert_string_equal(e.cpu_model, "AMD EPYC");
	expect_cpu(&e, (const char *const[]){"AuthenticAMD", "25", "1", "1", "0xa0011d1"});

	/* no microcode line (a guest that hides it): empty */
	parse_cpuinfo(&e, "cpuinfo-zen5", "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\n"
					  "model\t\t: 2\nmodel name\t: AMD EPYC\nstepping\t: 1\n\n");
	expect_cpu(&e, (const char *const[]){"AuthenticAMD", "26", "2", "1", ""});

	ut_tmp_path(path, sizeof(path), "no-such-cpuinfo");
	assert_int_equal(mb_env_cpuinfo(&e, path), -ENOENT);
}

static void arm64_ids(void **state)
{
	struct mb_env e;

	(void)state;
	parse_cpuinfo(&e, "cpuinfo-arm64", cpuinfo_arm64);
	expect_cpu(&e, (const char *const[]){"0x41", "8", "0xd0c", "r1p1", ""});
	assert_string_equal(e.cpu_model, "implementer 0x41 part 0xd0c");
}

static void mitigations_summary(void **state)
{
	char root[PATH_MAX], dir[PATH_MAX], out[1024];

	(void)state;
	fake_root(root, sizeof(root), "vuln-root");
	path_in(dir, sizeof(dir), root, "sys/devices/system/cpu/vulnerabilities");
	for (size_t i = 0; i < sizeof(vulns) / sizeof(vulns[0]); i++) {
		char rel[256], text[512];

		snprintf(rel, sizeof(rel), "sys/devices/system/cpu/vulnerabilities/%s", vulns[i][0]);
		snprintf(text, sizeof(text), "%s\n", vulns[i][1]);
		put(root, rel, text);
	}
	assert_int_equal(mb_env_mitigations(dir, out, sizeof(out)), 0);
	assert_string_equal(out, VULNS_SUMMARY);

	/* one state changed: a different summary */
	put(root, "sys/devices/system/cpu/vulnerabilities/spectre_v2",
	    "Mitigation: Retpolines; STIBP: forced; RSB filling\n");
	assert_int_equal(mb_env_mitigations(dir, out, sizeof(out)), 0);
	assert_contains(out, "spectre_v2:Retpolines,STIBP:forced,RSB-filling");

	/* a small buffer is cut, not overrun */
	assert_int_equal(mb_env_mitigations(dir, out, 12), 0);
	assert_string_equal(out, "l1tf:PTE-In");

	/* every file "Not affected": none; no folder: empty */
	fake_root(root, sizeof(root), "vuln-none");
	path_in(dir, sizeof(dir), root, "sys/devices/system/cpu/vulnerabilities");
	put(root, "sys/devices/system/cpu/vulnerabilities/meltdown", "Not affected\n");
	put(root, "sys/devices/system/cpu/vulnerabilities/mds", "Not affected\n");
	assert_int_equal(mb_env_mitigations(dir, out, sizeof(out)), 0);
	assert_string_equal(out, "none");
	path_in(dir, sizeof(dir), root, "sys/no-such");
	assert_int_equal(mb_env_mitigations(dir, out, sizeof(out)), -ENOENT);
	assert_string_equal(out, "");
}

static void hypervisor_names(void **state)
{
	char type[PATH_MAX], out[64];

	(void)state;
	mb_env_hypervisor(1, "KVMKVMKVM\0\0\0", NULL, out, sizeof(out));
	assert_string_equal(out, "KVMKVMKVM");
	mb_env_hypervisor(1, "Microsoft Hv", NULL, out, sizeof(out));
	assert_string_equal(out, "Microsoft Hv");
	mb_env_hypervisor(1, "bhyve bhyve ", NULL, out, sizeof(out));
	assert_string_equal(out, "bhyve bhyve");
	mb_env_hypervisor(1, "TCG\x01TCG\xffTCGT", NULL, out, sizeof(out));
	assert_string_equal(out, "TCGTCGTCGT"); /* not printable: dropped */
	mb_env_hypervisor(1, "ACRN\0ACRN\0AC", NULL, out, sizeof(out));
	assert_string_equal(out, "ACRNACRNAC"); /* NULs inside: dropped too */
	mb_env_hypervisor(1, "\0\0\0\0\0\0\0\0\0\0\0\0", NULL, out, sizeof(out));
	assert_string_equal(out, "unknown");
	mb_env_hypervisor(0, "KVMKVMKVM\0\0\0", NULL, out, sizeof(out));
	assert_string_equal(out, "none");
	mb_env_hypervisor(1, "VMwareVMware", NULL, out, 7);
	assert_string_equal(out, "VMware");

	/* no CPUID: the kernel's word, or nothing */
	ut_tmp_path(type, sizeof(type), "hv-type");
	ut_write_str(type, "xen\n");
	mb_env_hypervisor(-ENOSYS, "\0\0\0\0\0\0\0\0\0\0\0\0", type, out, sizeof(out));
	assert_string_equal(out, "xen");
	ut_tmp_path(type, sizeof(type), "no-such-type");
	mb_env_hypervisor(-ENOSYS, "\0\0\0\0\0\0\0\0\0\0\0\0", type, out, sizeof(out));
	assert_string_equal(out, "");
}

/* Everything from one fake root (no CPUID there: /sys/hypervisor/type). */
static void identity_under_root(void **state)
{
	char root[PATH_MAX];
	struct mb_env e;

	(void)state;
	fake_root(root, sizeof(root), "root");
	put(root, "proc/cpuinfo", cpuinfo_x86);
	put(root, "proc/sys/kernel/random/boot_id", "0b9c2a54-3f5e-4c1d-9a77-1f2e3d4c5b6a\n");
	put(root, "sys/hypervisor/type", "xen\n");
	put(root, "sys/devices/system/cpu/vulnerabilities/meltdown", "Mitigation: PTI\n");
	put(root, "sys/devices/system/cpu/vulnerabilities/mds", "Not affected\n");
	memset(&e, 0, sizeof(e));
	mb_env_identity(&e, root);
	assert_string_equal(e.cpu_model, "AMD EPYC");
	expect_cpu(&e, (const char *const[]){"AuthenticAMD", "25", "1", "1", "0xa0011d1"});
	assert_string_equal(e.hypervisor, "xen");
	assert_string_equal(e.mitigations, "meltdown:PTI");
	assert_string_equal(e.boot_id, "0b9c2a54-3f5e-4c1d-9a77-1f2e3d4c5b6a");

	/* an empty root: every field empty, nothing invented */
	fake_root(root, sizeof(root), "empty-root");
	memset(&e, 0, sizeof(e));
	mb_env_identity(&e, root);
	expect_cpu(&e, (const char *const[]){"", "", "", "", ""});
	assert_string_equal(e.hypervisor, "");
	assert_string_equal(e.mitigations, "none"); /* the folder exists, with no file */
	assert_string_equal(e.boot_id, "");
}

/* THP and the dirty limits from a fake root; unreadable or malformed: "". */
static void settings_under_root(void **state)
{
	char root[PATH_MAX];
	struct mb_env e;

	(void)state;
	fake_root(root, sizeof(root), "settings");
	mkdirs(root, "proc/sys/vm");
	mkdirs(root, "sys/kernel/mm/transparent_hugepage");
	put(root, "sys/kernel/mm/transparent_hugepage/enabled", "always madvise [never]\n");
	put(root, "proc/sys/vm/dirty_bytes", "16777216\n");
	put(root, "proc/sys/vm/dirty_background_bytes", "0\n");
	put(root, "proc/sys/vm/dirty_ratio", "0\n");
	put(root, "proc/sys/vm/dirty_background_ratio", "10\n");
	memset(&e, 0, sizeof(e));
	mb_env_settings(&e, root);
	assert_string_equal(e.thp, "never");
	assert_string_equal(e.dirty_bytes, "16777216");
	assert_string_equal(e.dirty_background_bytes, "0");
	assert_string_equal(e.dirty_ratio, "0");
	assert_string_equal(e.dirty_background_ratio, "10");

	/* not a number, an empty file, a missing file, no brackets: empty */
	put(root, "sys/kernel/mm/transparent_hugepage/enabled", "always madvise never\n");
	put(root, "proc/sys/vm/dirty_bytes", "lots\n");
	put(root, "proc/sys/vm/dirty_ratio", "");
	put(root, "proc/sys/vm/dirty_background_bytes", "-1\n");
	memset(&e, 0, sizeof(e));
	strcpy(e.dirty_background_ratio, "stale");
	fake_root(root, sizeof(root), "settings-empty");
	mb_env_settings(&e, root);
	assert_string_equal(e.thp, "");
	assert_string_equal(e.dirty_background_ratio, "");
	ut_tmp_path(root, sizeof(root), "settings");
	mb_env_settings(&e, root);
	assert_string_equal(e.thp, "");
	assert_string_equal(e.dirty_bytes, "");
	assert_string_equal(e.dirty_ratio, "");
	assert_string_equal(e.dirty_background_bytes, "");
	assert_string_equal(e.dirty_background_ratio, "10");
}

static void link_in(const char *root, const char *target, const char *rel)
{
	char p[PATH_MAX];

	path_in(p, sizeof(p), root, rel);
	assert_int_equal(symlink(target, p), 0);
}

/* A disk, a partition of it (its disk's window), a device with a bdi only,
 * and an unknown device, laid out as sysfs does (sys/dev/block/MAJ:MIN links
 * to the device's folder). */
static void read_ahead_under_root(void **state)
{
	char root[PATH_MAX], out[32];

	(void)state;
	fake_root(root, sizeof(root), "readahead");
	mkdirs(root, "sys/devices/virtual/block/vda/queue");
	mkdirs(root, "sys/devices/virtual/block/vda/vda1");
	mkdirs(root, "sys/dev/block");
	mkdirs(root, "sys/class/bdi/0:52");
	put(root, "sys/devices/virtual/block/vda/queue/read_ahead_kb", "8192\n");
	link_in(root, "../../devices/virtual/block/vda", "sys/dev/block/254:0");
	link_in(root, "../../devices/virtual/block/vda/vda1", "sys/dev/block/254:1");
	put(root, "sys/class/bdi/0:52/read_ahead_kb", "512\n");

	assert_int_equal(mb_env_dev_read_ahead_kb(root, 254, 0, out, sizeof(out)), 0);
	assert_string_equal(out, "8192");
	assert_int_equal(mb_env_dev_read_ahead_kb(root, 254, 1, out, sizeof(out)), 0);
	assert_string_equal(out, "8192");
	assert_int_equal(mb_env_dev_read_ahead_kb(root, 0, 52, out, sizeof(out)), 0);
	assert_string_equal(out, "512");
	assert_int_equal(mb_env_dev_read_ahead_kb(root, 7, 0, out, sizeof(out)), -ENOENT);
	assert_string_equal(out, "");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(x86_first_processor),
		cmocka_unit_test(arm64_ids),
		cmocka_unit_test(mitigations_summary),
		cmocka_unit_test(hypervisor_names),
		cmocka_unit_test(identity_under_root),
		cmocka_unit_test(settings_under_root),
		cmocka_unit_test(read_ahead_under_root),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
