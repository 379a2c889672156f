/* e2e_plots.h: what the tests of the plot path share (test_render.c,
 * test_render_compare.c): a fresh folder holding a fixture, plots/render.sh
 * run against the mapbench under test, and the checks that a chart came out
 * as a valid PNG and a well-formed SVG. */
#ifndef MB_E2E_PLOTS_H
#define MB_E2E_PLOTS_H

#include <stddef.h>

#include "e2e.h"

#define E2E_FIXTURES MB_SOURCE_DIR "/tests/fixtures"

/* Copies a file whole; fails the test when from cannot be read. */
void e2e_copy_file(const char *from, const char *to);

/* A fresh folder e2e_tmp/name (into dir) holding fixture as dir/as. */
void e2e_fixture_dir(char *dir, size_t len, const char *name, const char *fixture, const char *as);

/* plots/render.sh ARGS (NULL-terminated), with MAPBENCH the binary under
 * test. Free with e2e_result_free. */
void e2e_render(struct e2e_result *r, const char *const *args);
#define E2E_RENDER(res, ...) e2e_render((res), (const char *const[]){__VA_ARGS__, NULL})

/* Fails the test unless path is a PNG (the signature, an IHDR chunk of 13
 * bytes, a sane size in pixels, more than a blank canvas's bytes)... */
void e2e_expect_png(const char *path);
/* ... or an SVG: well-formed XML (xmllint) with an svg element. */
void e2e_expect_svg(const char *path);

/* Fails the test unless render.sh drew chart name into dir/plots/: a PNG,
 * an SVG, and the chart CSV it was drawn from (its chart row first); that
 * CSV, loaded (free with e2e_table_free). */
struct mb_csv_table *e2e_expect_chart(const char *dir, const char *name);

/* dir/plots/NAME.EXT into p. */
void e2e_chart_path(char *p, size_t len, const char *dir, const char *name, const char *ext);

/* 1 when a line of text says chart was skipped ("skip" and its name). */
int e2e_skip_line(const char *text, const char *chart);

#endif
