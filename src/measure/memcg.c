/* memcg.c: the memory cgroup of `mapbench run --mem-limit` (see memcg.h):
 * made, joined, read and always removed. The way out (mb_memcg_leave) uses
 * only precomputed strings and system calls, so a signal handler may take it. */
#include "memcg.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#define CG_ROOT "/sys/fs/cgroup"
#define CG_V1_MEMORY CG_ROOT "/memory"

static struct mb_memcg group;
static struct mb_memcg *current; /* &group while the process is in it */
static struct sigaction prev_int, prev_term;
static int handlers_set;

/* precomputed for the way out */
static char home_procs[PATH_MAX + 16], subtree_control[PATH_MAX / 2 + 96], pid_text[24];

const struct mb_memcg *mb_memcg_current(void)
{
	return current;
}

int mb_memcg_check_limit(uint64_t limit, uint64_t mem_bytes, char *err, size_t errlen)
{
	if (limit < MB_MEMCG_MIN_LIMIT) {
		snprintf(err, errlen, "%llu bytes is below the smallest limit, 16M (the process "
			 "itself must fit)", (unsigned long long)limit);
		return -EINVAL;
	}
	if (mem_bytes && limit > mem_bytes) {
		snprintf(err, errlen, "%llu bytes is more than this machine's memory (%llu bytes): "
			 "it would limit nothing", (unsigned long long)limit,
			 (unsigned long long)mem_bytes);
		return -EINVAL;
	}
	return 0;
}

int mb_memcg_parse_self(const char *text, int v2, char *path, size_t len)
{
	for (const char *line = text; *line;) {
		const char *nl = strchr(line, '\n'), *end = nl ? nl : line + strlen(line);
		const char *c1 = memchr(line, ':', (size_t)(end - line));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(end - c1 - 1)) : NULL;

		if (c2) {
			size_t nctl = (size_t)(c2 - c1 - 1);
			int match = v2 ? nctl == 0 && c1 - line == 1 && line[0] == '0' : 0;

			/* v1: the controller list holds "memory" as one item */
			for (const char *p = c1 + 1; !v2 && p < c2;) {
				const char *comma = memchr(p, ',', (size_t)(c2 - p));
				const char *q = comma ? comma : c2;

				match |= q - p == 6 && !memcmp(p, "memory", 6);
				p = q + 1;
			}
			if (match && (size_t)(end - c2 - 1) < len) {
				memcpy(path, c2 + 1, (size_t)(end - c2 - 1));
				path[end - c2 - 1] = '\0';
				return path[0] == '/' ? 0 : -ENOENT;
			}
		}
		line = nl ? nl + 1 : end;
	}
	return -ENOENT;
}

void mb_memcg_parse_stat(const char *text, struct mb_memcg_stat *s)
{
	static const struct {
		const char *name;
		size_t off;
		int weak;                 /* an older name: the newer one wins */
	} names[] = {
		{"file", offsetof(struct mb_memcg_stat, file), 0},
		{"cache", offsetof(struct mb_memcg_stat, file), 0},
		{"file_mapped", offsetof(struct mb_memcg_stat, file_mapped), 0},
		{"mapped_file", offsetof(struct mb_memcg_stat, file_mapped), 0},
		{"pgmajfault", offsetof(struct mb_memcg_stat, pgmajfault), 0},
		{"workingset_refault_file", offsetof(struct mb_memcg_stat, workingset_refault_file), 0},
		{"workingset_refault", offsetof(struct mb_memcg_stat, workingset_refault_file), 1},
		{"pgscan", offsetof(struct mb_memcg_stat, pgscan), 0},
		{"pgsteal", offsetof(struct mb_memcg_stat, pgsteal), 0},
	};
	int seen[sizeof(names) / sizeof(names[0])] = {0};

	*s = (struct mb_memcg_stat){-1, -1, -1, -1, -1, -1};
	for (const char *line = text; *line;) {
		const char *sp = strchr(line, ' '), *nl = strchr(line, '\n');

		if (sp && (!nl || sp < nl)) {
			size_t n = (size_t)(sp - line);

			for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
				int64_t *v = (int64_t *)((char *)s + names[i].off);

				if (strlen(names[i].name) != n || memcmp(line, names[i].name, n))
					continue;
				if (names[i].weak && *v >= 0 && !seen[i])
					break;
				*v = strtoll(sp + 1, NULL, 10);
				seen[i] = 1;
			}
		}
		line = nl ? nl + 1 : line + strlen(line);
	}
}

static int read_text(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	size_t got = 0;

	if (fd < 0)
		return -errno;
	while (got + 1 < len && (n = read(fd, buf + got, len - 1 - got)) > 0)
		got += (size_t)n;
	close(fd);
	buf[got] = '\0';
	return 0;
}

/* Writes text to a cgroup file in one write. Async-signal-safe. */
static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	int rc = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

int mb_memcg_read_stat(const struct mb_memcg *g, struct mb_memcg_stat *s)
{
	char path[PATH_MAX + 16], buf[8192];
	int rc;

	snprintf(path, sizeof(path), "%s/memory.stat", g->dir);
	if ((rc = read_text(path, buf, sizeof(buf))))
		return rc;
	mb_memcg_parse_stat(buf, s);
	return 0;
}

int mb_memcg_stat_open(const struct mb_memcg *g)
{
	char path[PATH_MAX + 16];
	int fd;

	snprintf(path, sizeof(path), "%s/memory.stat", g->dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int mb_memcg_pread_stat(int fd, struct mb_memcg_stat *s)
{
	char buf[8192];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	mb_memcg_parse_stat(buf, s);
	return 0;
}

/* 1 when the space-separated list in file path holds word. */
static int lists(const char *path, const char *word)
{
	char buf[1024];
	size_t n = strlen(word);

	if (read_text(path, buf, sizeof(buf)))
		return 0;
	for (char *p = buf; (p = strstr(p, word)); p += n)
		if ((p == buf || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\n' || !p[n]))
			return 1;
	return 0;
}

int mb_memcg_leave(void)
{
	struct timespec pause = {0, 10 * 1000 * 1000};
	struct mb_memcg *g = current;
	int rc = 0, r;

	if (!g)
		return 0;
	if (g->joined) {
		if ((r = write_text(home_procs, pid_text)))
			rc = r;
		g->joined = r != 0; /* still inside: the group cannot go */
	}
	/* the kernel may take a moment to see the group empty */
	for (int i = 0; g->made && !g->joined && i < 100; i++) {
		if (!rmdir(g->dir) || errno == ENOENT) {
			g->made = 0;
			break;
		}
		if (errno != EBUSY) {
			rc = rc ? rc : -errno;
			break;
		}
		nanosleep(&pause, NULL);
	}
	if (g->made && !rc)
		rc = -EBUSY;
	if (!g->made && g->enabled_in[0]) {
		/* may fail when another group needs it now: then it stays */
		write_text(subtree_control, "-memory");
		g->enabled_in[0] = '\0';
	}
	if (!g->made) {
		current = NULL;
		if (handlers_set) {
			sigaction(SIGINT, &prev_int, NULL);
			sigaction(SIGTERM, &prev_term, NULL);
			handlers_set = 0;
		}
	}
	return rc;
}

static void leave_at_exit(void)
{
	mb_memcg_leave();
}

/* The first SIGINT/SIGTERM asks the run to stop (util.h), which then leaves
 * the group; a second one ends the process at once, after leaving. */
static void on_signal(int sig)
{
	const struct sigaction *prev = sig == SIGINT ? &prev_int : &prev_term;

	if (!mb_stop_requested && prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN) {
		prev->sa_handler(sig);
		return;
	}
	if (prev->sa_handler == SIG_IGN)
		return;
	mb_memcg_leave();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_signals(void)
{
	struct sigaction sa = {.sa_handler = on_signal};

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, &prev_int) || sigaction(SIGTERM, &sa, &prev_term))
		return;
	handlers_set = 1;
}

/* Where the group goes (memcg.h), into g->dir; the parent's
 * subtree_control in subtree_control. 0 or -errno with err set. */
static int place(struct mb_memcg *g, char *err, size_t errlen)
{
	const char *mnt = g->v2 ? CG_ROOT : CG_V1_MEMORY;
	char self[PATH_MAX / 2], buf[8192], parent[PATH_MAX / 2 + 64], path[PATH_MAX + 32];
	int rc;

	if ((rc = read_text("/proc/self/cgroup", buf, sizeof(buf))) ||
	    (rc = mb_memcg_parse_self(buf, g->v2, self, sizeof(self)))) {
		snprintf(err, errlen, "cannot tell this process's %s cgroup from /proc/self/cgroup",
			 g->v2 ? "v2" : "memory");
		return -ENOENT;
	}
	if (!strcmp(self, "/"))
		self[0] = '\0';
	snprintf(g->home, sizeof(g->home), "%s%s", mnt, self);
	snprintf(parent, sizeof(parent), "%s%s", mnt, self);
	if (g->v2 && self[0])
		*strrchr(parent, '/') = '\0'; /* beside the current group */
	snprintf(g->dir, sizeof(g->dir), "%s/mapbench-%ld", parent, (long)getpid());
	snprintf(subtree_control, sizeof(subtree_control), "%s/cgroup.subtree_control", parent);
	snprintf(path, sizeof(path), "%s/cgroup.controllers", parent);
	if (g->v2 && !lists(path, "memory")) {
		snprintf(err, errlen, "the memory controller is not available in %s", parent);
		return -ENOENT;
	}
	return 0;
}

/* Removes the groups mapbench-<pid> beside g->dir whose process no longer
 * runs: what a run killed by SIGKILL or by its group's OOM killer leaves
 * (an empty group; rmdir refuses one that still holds a task). */
static void remove_dead_groups(const struct mb_memcg *g)
{
	char parent[PATH_MAX], path[PATH_MAX + 300];
	struct dirent *e;
	DIR *d;

	snprintf(parent, sizeof(parent), "%s", g->dir);
	*strrchr(parent, '/') = '\0';
	if (!(d = opendir(parent)))
		return;
	while ((e = readdir(d))) {
		char *end;
		long pid;

		if (strncmp(e->d_name, "mapbench-", 9))
			continue;
		pid = strtol(e->d_name + 9, &end, 10);
		if (*end || pid <= 0 || pid == (long)getpid() || !kill((pid_t)pid, 0) || errno != ESRCH)
			continue;
		snprintf(path, sizeof(path), "%s/%s", parent, e->d_name);
		if (!rmdir(path))
			mb_warn("removed %s, the memory cgroup of process %ld, which no longer runs "
				"(killed, perhaps by its group's OOM killer)", path, pid);
	}
	closedir(d);
}

static int open_group(struct mb_memcg *g, char *err, size_t errlen)
{
	char path[PATH_MAX + 32], val[32];
	int rc;

	if (g->v2 && !lists(subtree_control, "memory")) {
		if ((rc = write_text(subtree_control, "+memory"))) {
			snprintf(err, errlen, "enabling the memory controller in %s: %s", subtree_control,
				 strerror(-rc));
			return rc;
		}
		snprintf(g->enabled_in, sizeof(g->enabled_in), "%s", subtree_control);
	}
	remove_dead_groups(g);
	if (mkdir(g->dir, 0755)) {
		rc = -errno;
		snprintf(err, errlen, "mkdir(%s): %s", g->dir, strerror(errno));
		return rc;
	}
	g->made = 1;
	snprintf(path, sizeof(path), "%s/%s", g->dir, g->v2 ? "memory.max" : "memory.limit_in_bytes");
	snprintf(val, sizeof(val), "%llu", (unsigned long long)g->limit);
	if ((rc = write_text(path, val))) {
		snprintf(err, errlen, "writing %s: %s", path, strerror(-rc));
		return rc;
	}
	snprintf(path, sizeof(path), "%s/cgroup.procs", g->dir);
	if ((rc = write_text(path, pid_text))) {
		snprintf(err, errlen, "moving the process into %s: %s", g->dir, strerror(-rc));
		return rc;
	}
	g->joined = 1;
	return 0;
}

int mb_memcg_enter(uint64_t limit, char *err, size_t errlen)
{
	static int registered;
	struct mb_memcg *g = &group;
	struct statfs sf;
	int rc;

	if (current) {
		snprintf(err, errlen, "the process is already in a group of its own");
		return -EBUSY;
	}
	memset(g, 0, sizeof(*g));
	g->limit = limit;
	if (!statfs(CG_ROOT, &sf) && sf.f_type == CGROUP2_SUPER_MAGIC) {
		g->v2 = 1;
	} else if (statfs(CG_V1_MEMORY, &sf) || sf.f_type != CGROUP_SUPER_MAGIC) {
		snprintf(err, errlen, "no memory cgroup hierarchy (neither cgroup2 at " CG_ROOT
			 " nor cgroup v1 at " CG_V1_MEMORY ")");
		return -ENOENT;
	}
	if ((rc = place(g, err, errlen)))
		return rc;
	if (snprintf(home_procs, sizeof(home_procs), "%s/cgroup.procs", g->home) >=
	    (int)sizeof(home_procs)) {
		snprintf(err, errlen, "the path of this process's cgroup is too long");
		return -ENAMETOOLONG;
	}
	snprintf(pid_text, sizeof(pid_text), "%ld", (long)getpid());
	if (!registered && !atexit(leave_at_exit))
		registered = 1;
	current = g;
	catch_signals();
	if ((rc = open_group(g, err, errlen)))
		mb_memcg_leave();
	return rc;
}
