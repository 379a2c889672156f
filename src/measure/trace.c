/* trace.c: the test seam of trace.h; NULL unless a test sets it. */
#include "trace.h"

mb_trace_fn mb_trace_hook;
