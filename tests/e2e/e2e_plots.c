/* e2e_plots.c: fixture folders, plots/render.sh and the checks of its
 * charts (see e2e_plots.h). */
#include "e2e_plots.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define RENDER MB_SOURCE_DIR "/plots/render.sh"

void e2e_copy_file(const char *from, const char *to)
{
	size_t len;
	unsigned char *b = e2e_read_file(from, &len);

	if (!b)
		fail_msg("%s: cannot be read", from);
	e2e_write_file(to, b, len);
	e2e_free(b);
}

void e2e_fixture_dir(char *dir, size_t len, const char *name, const char *fixture, const char *as)
{
	char p[PATH_MAX];

	e2e_fmt(dir, len, "%s/%s", e2e_tmp, name);
	e2e_rmrf(dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	e2e_fmt(p, sizeof(p), "%s/%s", dir, as);
	e2e_copy_file(fixture, p);
}

void e2e_render(struct e2e_result *r, const char *const *args)
{
	char env[PATH_MAX + 16];
	const char *const envs[] = {env, NULL};
	struct e2e_opts o = {.program = RENDER, .env = envs};

	e2e_fmt(env, sizeof(env), "MAPBENCH=%s", e2e_bin);
	e2e_run(r, &o, args);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A PNG: the signature, then an IHDR chunk of 13 bytes with a sane size. */
void e2e_expect_png(const char *path)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	size_t len;
	unsigned char *b = e2e_read_file(path, &len);

	if (!b)
		fail_msg("%s: missing", path);
	if (len < 33 || memcmp(b, sig, 8) || be32(b + 8) != 13 || memcmp(b + 12, "IHDR", 4))
		fail_msg("%s: not a PNG (%zu bytes)", path, len);
	if (be32(b + 16) < 600 || be32(b + 20) < 400 || be32(b + 16) > 8000 || be32(b + 20) > 8000)
		fail_msg("%s: %ux%u pixels", path, be32(b + 16), be32(b + 20));
	if (len < 5000)
		fail_msg("%s: only %zu bytes: an empty chart?", path, len);
	e2e_free(b);
}

/* An SVG: well-formed XML (xmllint) whose root element is svg. */
void e2e_expect_svg(const char *path)
{
	char cmd[PATH_MAX + 64];
	size_t len;
	unsigned char *b = e2e_read_file(path, &len);

	if (!b)
		fail_msg("%s: missing", path);
	if (!strstr((char *)b, "<svg"))
		fail_msg("%s: no <svg element", path);
	e2e_free(b);
	e2e_fmt(cmd, sizeof(cmd), "xmllint --noout '%s' 2>&1", path);
	if (system(cmd) != 0)
		fail_msg("%s: not well-formed XML (xmllint)", path);
}

void e2e_chart_path(char *p, size_t len, const char *dir, const char *name, const char *ext)
{
	e2e_fmt(p, len, "%s/plots/%s.%s", dir, name, ext);
}

struct mb_csv_table *e2e_expect_chart(const char *dir, const char *name)
{
	char p[PATH_MAX];
	struct mb_csv_table *t;

	e2e_chart_path(p, sizeof(p), dir, name, "png");
	e2e_expect_png(p);
	e2e_chart_path(p, sizeof(p), dir, name, "svg");
	e2e_expect_svg(p);
	e2e_chart_path(p, sizeof(p), dir, name, "csv");
	t = e2e_load(p);
	assert_true(t->nrows > 0);
	assert_string_equal(e2e_cell(t, 0, "chart"), name);
	assert_string_equal(e2e_cell(t, 0, "kind"), "chart");
	return t;
}

int e2e_skip_line(const char *text, const char *chart)
{
	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		const char *end = strchr(l, '\n'), *s = strstr(l, "skip"), *c = strstr(l, chart);

		if (s && c && (!end || (s < end && c < end)))
			return 1;
	}
	return 0;
}
