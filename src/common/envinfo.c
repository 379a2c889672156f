/* envinfo.c: the host, CPU, memory, mount, readahead, THP and write-back
 * settings stamped on every result row. */
#include "envinfo.h"
#include "compat_cpu.h"
#include "mb_version.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <unistd.h>

#define MOUNTINFO "/proc/self/mountinfo"
#define THP_ENABLED "/sys/kernel/mm/transparent_hugepage/enabled"

/* One parsed /proc/self/mountinfo line; the strings point into the line. */
struct mnt_line {
	unsigned int maj, min;
	char *point;
	char *opts;
	char *fs_type;
	char *source;
	char *super_opts;
};

/* The mount chosen so far for a path, and how well it matched. */
struct mnt_pick {
	int found;
	int dev_match;
	size_t prefix;
};

static void trim_end(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

static char *trim_start(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static void clear(char *s, size_t len)
{
	if (len)
		s[0] = '\0';
}

/* First line of a small file, trimmed, into out; 0 or -errno. */
static int read_line(const char *file, char *out, size_t len)
{
	char *line = NULL;
	size_t cap = 0;
	int ret = 0;
	FILE *f;

	f = fopen(file, "re");
	if (!f)
		return -errno;
	if (getline(&line, &cap, f) < 0) {
		ret = ferror(f) ? -EIO : -ENODATA;
		goto free_line;
	}
	trim_end(line);
	mb_strlcpy(out, line, len);
free_line:
	free(line);
	fclose(f);
	return ret;
}

/* ---- host, kernel, CPU, memory ------------------------------------------ */

static void collect_host(struct mb_env *e)
{
	struct utsname u;

	if (gethostname(e->host, sizeof(e->host)))
		e->host[0] = '\0';
	e->host[sizeof(e->host) - 1] = '\0';
	if (uname(&u))
		return;
	mb_strlcpy(e->kernel, u.release, sizeof(e->kernel));
	mb_strlcpy(e->arch, u.machine, sizeof(e->arch));
}

/*
 * /proc/cpuinfo keys naming the CPU, best first: x86 and some ARM
 * ("model name"), old ARM ("Processor"), MIPS ("cpu model"), PowerPC
 * ("cpu"), RISC-V ("uarch").
 */
static const char *const cpu_keys[] = {
	"model name", "Processor", "cpu model", "cpu", "uarch",
};
#define N_CPU_KEYS (sizeof(cpu_keys) / sizeof(cpu_keys[0]))

static size_t cpu_key_rank(const char *key)
{
	size_t i;

	for (i = 0; i < N_CPU_KEYS; i++)
		if (!strcmp(key, cpu_keys[i]))
			return i;
	return N_CPU_KEYS;
}

/* cpuinfo keys that tell CPUs apart, and the field each fills (the first
 * value wins): x86, then arm64, then RISC-V and PowerPC. */
struct cpu_field {
	const char *key;
	size_t off, len;
};
#define CPU_FIELD(k, m) { k, offsetof(struct mb_env, m), sizeof(((struct mb_env *)0)->m) }
static const struct cpu_field cpu_fields[] = {
	CPU_FIELD("vendor_id", cpu_vendor), CPU_FIELD("cpu family", cpu_family),
	CPU_FIELD("model", cpu_model_id), CPU_FIELD("stepping", cpu_stepping),
	CPU_FIELD("microcode", microcode),
	CPU_FIELD("CPU implementer", cpu_vendor), CPU_FIELD("CPU architecture", cpu_family),
	CPU_FIELD("CPU part", cpu_model_id),
	CPU_FIELD("mvendorid", cpu_vendor), CPU_FIELD("marchid", cpu_model_id),
	CPU_FIELD("mimpid", cpu_stepping), CPU_FIELD("revision", cpu_stepping),
};

/* Splits "key<tabs>: value" in place; NULL if the line has no colon. */
static char *cpuinfo_value(char *line)
{
	char *colon = strchr(line, ':');

	if (!colon)
		return NULL;
	*colon = '\0';
	trim_end(line);
	trim_end(colon + 1);
	return trim_start(colon + 1);
}

/* Keeps val in the identity field of key, if it has one still empty. */
static void keep_cpu_field(struct mb_env *e, const char *key, const char *val)
{
	for (size_t i = 0; i < sizeof(cpu_fields) / sizeof(cpu_fields[0]); i++) {
		char *f = (char *)e + cpu_fields[i].off;

		if (!strcmp(key, cpu_fields[i].key) && !f[0])
			mb_strlcpy(f, val, cpu_fields[i].len);
	}
}

/* arm64 "CPU variant" and "CPU revision" as ARM writes them: r1p1. */
static void keep_arm_revision(struct mb_env *e, const char *variant, const char *revision)
{
	if (variant[0] && revision[0] && !e->cpu_stepping[0])
		snprintf(e->cpu_stepping, sizeof(e->cpu_stepping), "r%lup%lu",
			 strtoul(variant, NULL, 0), strtoul(revision, NULL, 0));
}

int mb_env_cpuinfo(struct mb_env *e, const char *path)
{
	size_t best = N_CPU_KEYS, rank, cap = 0;
	char variant[32] = "", revision[32] = "";
	char *line = NULL, *val;
	int in_cpu = 0;
	FILE *f;

	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (getline(&line, &cap, f) >= 0) {
		val = cpuinfo_value(line);
		if (!val) { /* a blank line ends a processor's block */
			if (in_cpu && best < N_CPU_KEYS)
				break;
			continue;
		}
		in_cpu |= !strcmp(line, "processor");
		if (!val[0])
			continue;
		rank = cpu_key_rank(line);
		if (rank < best) {
			best = rank;
			mb_strlcpy(e->cpu_model, val, sizeof(e->cpu_model));
		}
		keep_cpu_field(e, line, val);
		if (!variant[0] && !strcmp(line, "CPU variant"))
			mb_strlcpy(variant, val, sizeof(variant));
		else if (!revision[0] && !strcmp(line, "CPU revision"))
			mb_strlcpy(revision, val, sizeof(revision));
	}
	keep_arm_revision(e, variant, revision);
	/* arm64 names no model: the implementer and part numbers stand in */
	if (best == N_CPU_KEYS && !strncmp(e->cpu_vendor, "0x", 2) && e->cpu_model_id[0])
		snprintf(e->cpu_model, sizeof(e->cpu_model), "implementer %s part %s", e->cpu_vendor,
			 e->cpu_model_id);
	free(line);
	fclose(f);
	return 0;
}

/* ---- hypervisor, mitigations, boot ---------------------------------------- */

/* The printable ASCII of in[0..n) into out, trimmed: control bytes, NULs and
 * bytes above 0x7e are dropped. */
static void printable(const char *in, size_t n, char *out, size_t len)
{
	size_t at = 0;

	for (size_t i = 0; i < n && at + 1 < len; i++)
		if (in[i] > ' ' && in[i] < 0x7f)
			out[at++] = in[i];
		else if (in[i] == ' ' && at)
			out[at++] = ' ';
	if (len)
		out[at] = '\0';
	if (len)
		trim_end(out);
}

void mb_env_hypervisor(int cpuid, const char vendor[12], const char *type_file, char *out,
		       size_t len)
{
	char line[256];

	if (!len)
		return;
	out[0] = '\0';
	if (cpuid == 0) {
		mb_strlcpy(out, "none", len);
	} else if (cpuid > 0) {
		printable(vendor, 12, out, len);
		if (!out[0])
			mb_strlcpy(out, "unknown", len);
	} else if (type_file && !read_line(type_file, line, sizeof(line))) {
		printable(line, strlen(line), out, len);
	}
}

/* Long phrases of the vulnerability files and their short forms. */
static const char *const mit_abbrev[][2] = {
	{ "usercopy/swapgs barriers and __user pointer sanitization", "usercopy/swapgs+uptr" },
	{ "__user pointer sanitization", "uptr" },
};

/* Replaces the first `from` in s (a buffer) with the shorter `to`. */
static void shorten(char *s, const char *from, const char *to)
{
	char *at = strstr(s, from);
	size_t fl = strlen(from), tl = strlen(to);

	if (!at)
		return;
	memcpy(at, to, tl);
	memmove(at + tl, at + fl, strlen(at + fl) + 1);
}

/* Appends the short form of one clause ("Mitigation: PTI", "STIBP:
 * disabled") to out: "Mitigation: " dropped, "Vulnerable" as "vuln", the
 * phrases above shortened, ": " and ", " closed up, other spaces as '-'. */
static void add_clause(char *out, size_t len, const char *clause)
{
	char c[512], *w;
	size_t at = strlen(out);

	if (!strncmp(clause, "Mitigation: ", 12))
		clause += 12;
	if (!strncmp(clause, "Vulnerable", 10))
		snprintf(c, sizeof(c), "vuln%s", clause + 10);
	else
		mb_strlcpy(c, clause, sizeof(c));
	for (size_t i = 0; i < sizeof(mit_abbrev) / sizeof(mit_abbrev[0]); i++)
		shorten(c, mit_abbrev[i][0], mit_abbrev[i][1]);
	if (at && at + 1 < len)
		out[at++] = ',';
	for (w = c; *w && at + 1 < len; w++)
		if (*w != ' ')
			out[at++] = *w;
		else if (w > c && w[-1] != ':' && w[-1] != ',')
			out[at++] = '-';
	out[at] = '\0';
}

static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);

	return n >= m && !strcmp(s + n - m, end);
}

/* The short form of one vulnerability file's text into out ("" when every
 * clause says "Not affected"). */
static void summarize_vuln(char *text, char *out, size_t len)
{
	char *save = NULL, *clause;

	out[0] = '\0';
	for (clause = strtok_r(text, ";", &save); clause; clause = strtok_r(NULL, ";", &save)) {
		clause = trim_start(clause);
		trim_end(clause);
		if (clause[0] && !ends_with(clause, "Not affected"))
			add_clause(out, len, clause);
	}
}

static int visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

int mb_env_mitigations(const char *dir, char *out, size_t len)
{
	struct dirent **names;
	char path[4096], text[1024], sum[512];
	size_t at = 0;
	int n;

	clear(out, len);
	n = scandir(dir, &names, visible, alphasort);
	if (n < 0)
		return -errno;
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (!read_line(path, text, sizeof(text))) {
			summarize_vuln(text, sum, sizeof(sum));
			if (sum[0] && at < len)
				at += (size_t)snprintf(out + at, len - at, "%s%s:%s", at ? ";" : "",
						       names[i]->d_name, sum);
		}
		free(names[i]);
	}
	free(names);
	if (!out[0])
		mb_strlcpy(out, "none", len);
	return 0;
}

void mb_env_identity(struct mb_env *e, const char *root)
{
	char path[4096], vendor[12] = {0};
	int cpuid;

	snprintf(path, sizeof(path), "%s/proc/cpuinfo", root);
	mb_env_cpuinfo(e, path);
	snprintf(path, sizeof(path), "%s/sys/devices/system/cpu/vulnerabilities", root);
	mb_env_mitigations(path, e->mitigations, sizeof(e->mitigations));
	snprintf(path, sizeof(path), "%s/proc/sys/kernel/random/boot_id", root);
	if (read_line(path, e->boot_id, sizeof(e->boot_id)))
		e->boot_id[0] = '\0';
	cpuid = root[0] ? -ENOSYS : mb_cpuid_hypervisor(vendor);
	snprintf(path, sizeof(path), "%s/sys/hypervisor/type", root);
	mb_env_hypervisor(cpuid, vendor, path, e->hypervisor, sizeof(e->hypervisor));
}

static void collect_mem(struct mb_env *e)
{
	long pages = sysconf(_SC_PHYS_PAGES);
	long ps = sysconf(_SC_PAGESIZE);
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	e->page_size = ps > 0 ? ps : 0;
	e->ncpu = n > 0 ? n : 0;
	if (pages > 0 && ps > 0)
		e->mem_bytes = (uint64_t)pages * (uint64_t)ps;
}

/* ---- mounts --------------------------------------------------------------- */

static int is_odigit(char c)
{
	return c >= '0' && c <= '7';
}

/* Decodes mountinfo's octal escapes (\040 space, \011 tab, \012, \134) in place. */
static void unescape(char *s)
{
	char *w = s;

	while (*s) {
		if (s[0] == '\\' && is_odigit(s[1]) && is_odigit(s[2]) && is_odigit(s[3])) {
			*w++ = (char)(((s[1] - '0') << 6) | ((s[2] - '0') << 3) | (s[3] - '0'));
			s += 4;
		} else {
			*w++ = *s++;
		}
	}
	*w = '\0';
}

/*
 * "ID PARENT MAJ:MIN ROOT POINT OPTS [OPTIONAL...] - FSTYPE SOURCE SUPER_OPTS"
 * Splits line in place; 0, or -1 if it is malformed.
 */
static int parse_mnt_line(char *line, struct mnt_line *m)
{
	char *save = NULL, *tok;
	int field = 0;

	memset(m, 0, sizeof(*m));
	trim_end(line);
	for (tok = strtok_r(line, " ", &save); tok; tok = strtok_r(NULL, " ", &save), field++) {
		if (field == 2 && sscanf(tok, "%u:%u", &m->maj, &m->min) != 2)
			return -1;
		else if (field == 4)
			m->point = tok;
		else if (field == 5)
			m->opts = tok;
		else if (field >= 6 && !strcmp(tok, "-"))
			break;
	}
	if (!tok || !m->opts)
		return -1;
	m->fs_type = strtok_r(NULL, " ", &save);
	m->source = strtok_r(NULL, " ", &save);
	m->super_opts = strtok_r(NULL, " ", &save);
	if (!m->fs_type || !m->source)
		return -1;
	if (!m->super_opts)
		m->super_opts = "";
	unescape(m->point);
	unescape(m->source);
	return 0;
}

/* Length of mount point `point` if it is a path prefix of `real`, else 0. */
static size_t prefix_len(const char *point, const char *real)
{
	size_t n = strlen(point);

	if (!strcmp(point, "/"))
		return 1;
	if (strncmp(point, real, n) || (real[n] != '\0' && real[n] != '/'))
		return 0;
	return n;
}

/*
 * A device match beats a path-only match; then the longer mount point wins;
 * on a tie the later line (the mount on top) wins.
 */
static int better_mount(const struct mnt_pick *best, int dev_match, size_t prefix)
{
	if (!dev_match && !prefix)
		return 0;
	if (!best->found)
		return 1;
	if (dev_match != best->dev_match)
		return dev_match;
	return prefix >= best->prefix;
}

/* Per-mount options, then the super options, without repeating rw/ro. */
static void join_opts(char *out, size_t len, const char *opts, const char *super)
{
	size_t n = strcspn(opts, ",");

	if (!strncmp(super, opts, n) && (super[n] == ',' || super[n] == '\0'))
		super += super[n] ? n + 1 : n;
	if (super[0])
		snprintf(out, len, "%s,%s", opts, super);
	else
		mb_strlcpy(out, opts, len);
}

/* Output buffers of mb_env_mount_of. */
struct mnt_out {
	char *fs_type, *source, *opts, *point;
	size_t fs_len, src_len, opts_len, point_len;
};

static void keep_mount(const struct mnt_out *o, const struct mnt_line *m)
{
	mb_strlcpy(o->fs_type, m->fs_type, o->fs_len);
	mb_strlcpy(o->source, m->source, o->src_len);
	join_opts(o->opts, o->opts_len, m->opts, m->super_opts);
	mb_strlcpy(o->point, m->point, o->point_len);
}

/* Scans mountinfo for the mount of (dev, real); 1 if one was found, else 0. */
static int scan_mountinfo(const struct mnt_out *o, dev_t dev, const char *real)
{
	struct mnt_pick best = { 0, 0, 0 };
	char *line = NULL;
	struct mnt_line m;
	size_t cap = 0, prefix;
	int dev_match;
	FILE *f;

	f = fopen(MOUNTINFO, "re");
	if (!f)
		return 0;
	while (getline(&line, &cap, f) >= 0) {
		if (parse_mnt_line(line, &m))
			continue;
		dev_match = m.maj == major(dev) && m.min == minor(dev);
		prefix = prefix_len(m.point, real);
		if (!better_mount(&best, dev_match, prefix))
			continue;
		keep_mount(o, &m);
		best = (struct mnt_pick){ 1, dev_match, prefix };
	}
	free(line);
	fclose(f);
	return best.found;
}

int mb_env_mount_of(const char *path, char *fs_type, size_t fs_len, char *source, size_t src_len,
		    char *opts, size_t opts_len, char *point, size_t point_len)
{
	struct mnt_out o = {
		.fs_type = fs_type, .fs_len = fs_len,
		.source = source, .src_len = src_len,
		.opts = opts, .opts_len = opts_len,
		.point = point, .point_len = point_len,
	};
	struct statfs sfs;
	struct stat st;
	char *real;
	int found;

	clear(fs_type, fs_len);
	clear(source, src_len);
	clear(opts, opts_len);
	clear(point, point_len);
	if (stat(path, &st))
		return -errno;
	real = realpath(path, NULL);
	found = scan_mountinfo(&o, st.st_dev, real ? real : path);
	free(real);
	if (found)
		return 0;
	if (statfs(path, &sfs))
		return -errno;
	snprintf(fs_type, fs_len, "0x%lx", (unsigned long)sfs.f_type);
	return 0;
}

/* ---- readahead, THP, write-back limits ------------------------------------- */

/* The block device behind a /dev/... mount source, or 0. */
static dev_t source_rdev(const char *source)
{
	struct stat st;

	if (strncmp(source, "/dev/", 5) || stat(source, &st) || !S_ISBLK(st.st_mode))
		return 0;
	return st.st_rdev;
}

int mb_env_dev_read_ahead_kb(const char *root, unsigned int maj, unsigned int min, char *out,
			     size_t len)
{
	static const char *const where[][2] = {
		{ "sys/dev/block/", "/queue/read_ahead_kb" },
		{ "sys/dev/block/", "/../queue/read_ahead_kb" }, /* a partition */
		{ "sys/class/bdi/", "/read_ahead_kb" },
	};
	char file[4096];
	size_t i;

	for (i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
		snprintf(file, sizeof(file), "%s/%s%u:%u%s", root, where[i][0], maj, min, where[i][1]);
		if (!read_line(file, out, len) && out[0])
			return 0;
	}
	clear(out, len);
	return -ENOENT;
}

/* Anonymous devices (btrfs, overlay...) read through their /dev source. */
static int read_ahead_for(dev_t dev, const char *source, char *out, size_t len)
{
	dev_t rdev;

	if (major(dev) == 0) {
		rdev = source_rdev(source);
		if (rdev)
			dev = rdev;
	}
	return mb_env_dev_read_ahead_kb("", major(dev), minor(dev), out, len);
}

int mb_env_read_ahead_kb(const char *path, char *out, size_t len)
{
	char fs_type[64], source[512], opts[1024], point[512];
	struct stat st;

	clear(out, len);
	if (stat(path, &st))
		return -errno;
	mb_env_mount_of(path, fs_type, sizeof(fs_type), source, sizeof(source), opts, sizeof(opts),
			point, sizeof(point));
	return read_ahead_for(st.st_dev, source, out, len);
}

/* The [selected] word of a transparent_hugepage/enabled file; 0 or -errno. */
static int thp_mode(const char *file, char *out, size_t len)
{
	char line[256], *lb, *rb;
	int ret;

	clear(out, len);
	ret = read_line(file, line, sizeof(line));
	if (ret)
		return ret;
	lb = strchr(line, '[');
	rb = lb ? strchr(lb, ']') : NULL;
	if (!rb)
		return -ENOENT;
	*rb = '\0';
	mb_strlcpy(out, lb + 1, len);
	return 0;
}

int mb_env_thp(char *out, size_t len)
{
	return thp_mode(THP_ENABLED, out, len);
}

/* A whole number from the first line of file into out, else "". */
static void read_number(const char *file, char *out, size_t len)
{
	if (read_line(file, out, len) || !out[0] || strspn(out, "0123456789") != strlen(out))
		clear(out, len);
}

void mb_env_settings(struct mb_env *e, const char *root)
{
	static const struct {
		const char *name;
		size_t off, len;
	} vm[] = {
#define VM_FIELD(m) { #m, offsetof(struct mb_env, m), sizeof(((struct mb_env *)0)->m) }
		VM_FIELD(dirty_bytes), VM_FIELD(dirty_background_bytes),
		VM_FIELD(dirty_ratio), VM_FIELD(dirty_background_ratio),
#undef VM_FIELD
	};
	char path[4096];

	snprintf(path, sizeof(path), "%s%s", root, THP_ENABLED);
	thp_mode(path, e->thp, sizeof(e->thp));
	for (size_t i = 0; i < sizeof(vm) / sizeof(vm[0]); i++) {
		snprintf(path, sizeof(path), "%s/proc/sys/vm/%s", root, vm[i].name);
		read_number(path, (char *)e + vm[i].off, vm[i].len);
	}
}

/* ---- everything ----------------------------------------------------------- */

int mb_env_collect(struct mb_env *e, const char *path)
{
	struct stat st;

	memset(e, 0, sizeof(*e));
	if (stat(path, &st))
		return -errno;
	collect_host(e);
	mb_env_identity(e, "");
	collect_mem(e);
	mb_env_mount_of(path, e->fs_type, sizeof(e->fs_type), e->mount_source,
			sizeof(e->mount_source), e->mount_opts, sizeof(e->mount_opts),
			e->mount_point, sizeof(e->mount_point));
	read_ahead_for(st.st_dev, e->mount_source, e->read_ahead_kb, sizeof(e->read_ahead_kb));
	mb_env_settings(e, "");
	mb_strlcpy(e->build, MB_BUILD, sizeof(e->build));
	mb_strlcpy(e->tool_version, MB_VERSION, sizeof(e->tool_version));
	return 0;
}
