/* uring.c: placeholder while the method is being written; always unsupported. */
#include "method.h"

#include <stdio.h>

static int uring_supported(char *why, size_t len)
{
	snprintf(why, len, "not built yet");
	return 0;
}

const struct mb_method mb_method_uring = {
	.name = "uring",
	.desc = "(being written)",
	.advice_mask = MB_ADVICE_NONE_ONLY,
	.consume_mask = MB_CONSUME_SUM_ONLY,
	.supported = uring_supported,
};
