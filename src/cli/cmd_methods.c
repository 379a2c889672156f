/* cmd_methods.c: `mapbench methods`: every access method, whether it can run
 * here (and why not), what it does and which advice and consume modes it
 * takes; then every advice value and whether this kernel accepts it. */
#include "advice.h"
#include "cmd.h"
#include "method.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

static void list_mask(char *out, size_t len, unsigned mask, int count, const char *(*name)(int))
{
	size_t at = 0;

	out[0] = '\0';
	for (int i = 0; i < count && at < len; i++)
		if (mask & (1u << i))
			at += (size_t)snprintf(out + at, len - at, "%s%s", at ? "," : "", name(i));
}

static const char *advice_name(int i)
{
	return mb_advice_name((enum mb_advice)i);
}

static const char *consume_name(int i)
{
	return mb_consume_name((enum mb_consume)i);
}

static const char *sync_name(int i)
{
	return mb_sync_name((enum mb_sync)i);
}

static void print_method(const struct mb_method *m)
{
	char why[256], adv[256], con[64], syn[160];
	int ok = mb_method_available(m, why, sizeof(why));
	unsigned c = m->caps;

	list_mask(adv, sizeof(adv), m->advice_mask, MB_ADV_COUNT, advice_name);
	list_mask(con, sizeof(con), m->consume_mask, MB_CONSUME_COUNT, consume_name);
	printf("%-13s %-4s %s\n", m->name, ok ? "yes" : "no", m->desc);
	if (!ok)
		printf("%-18s unavailable: %s\n", "", why);
	printf("%-18s advice: %s; consume: %s; threads: %s%s%s\n", "", adv, con,
	       c & MB_CAP_THREADS ? "yes" : "1 only", c & MB_CAP_QD ? "; --qd" : "",
	       c & MB_CAP_PAGE_BLOCK ? "; block: the page size" : "");
	if (m->op != MB_OP_READ) {
		list_mask(syn, sizeof(syn), m->sync_mask, MB_SYNC_COUNT, sync_name);
		printf("%-18s sync: %s\n", "", syn);
	}
	for (const struct mb_option *o = m->options; o && o->name; o++)
		printf("%-18s --%s%s: %s (column %s)\n", "", o->name,
		       o->type == MB_OPT_SIZE ? " SIZE" : o->type == MB_OPT_COUNT ? " N" : "", o->help, o->column);
}

int mb_cmd_methods(int argc, char **argv)
{
	if (argc > 1) {
		if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
			puts("usage: mapbench methods\n\nList every access method of each op (read, write, "
			     "rmw), its availability on this\nsystem (with the reason when unavailable), what it "
			     "measures, and the advice, consume\nand sync modes it takes; then every advice "
			     "value and whether this kernel takes it.");
			return MB_EXIT_OK;
		}
		mb_warn("methods: %s: unexpected argument", argv[1]);
		return MB_EXIT_USAGE;
	}
	for (int op = 0; op < MB_OP_COUNT; op++) {
		printf("%s%-13s %-4s %s\n", op ? "\n" : "", "method", "here",
		       op == MB_OP_READ ? "description (--op read, the default)"
		       : op == MB_OP_WRITE ? "description (--op write)" : "description (--op rmw)");
		for (size_t i = 0; i < mb_method_count(); i++)
			if (mb_method_at(i)->op == (enum mb_op)op)
				print_method(mb_method_at(i));
	}
	printf("\n%-13s %-4s %s\n", "advice", "here", "why not");
	for (int a = 0; a < MB_ADV_COUNT; a++) {
		char why[256];
		int ok = mb_advice_available((enum mb_advice)a, why, sizeof(why));

		printf("%-13s %-4s %s\n", mb_advice_name((enum mb_advice)a), ok ? "yes" : "no", ok ? "" : why);
	}
	return MB_EXIT_OK;
}
