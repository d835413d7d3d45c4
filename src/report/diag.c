/* diag.c - one-line messages, formatted and handed to the program's sink
 * (see diag.h). */
#include "diag.h"
#include "report.h"

#include <stdarg.h>

/* Set before any thread starts and only read after. */
static tl_diag_sink sink_fn;
static void *sink_ud;

void tl_diag_set_sink(tl_diag_sink fn, void *ud)
{
    sink_fn = fn;
    sink_ud = ud;
}

static void put(tl_buf *b)
{
    static const char oom[] = "tonelint: out of memory\n";
    if (tl_buf_failed(b))
        sink_fn(sink_ud, oom, sizeof(oom) - 1);
    else if (b->data)
        sink_fn(sink_ud, b->data, b->len);
    tl_buf_free(b);
}

void tl_diag(const char *path, int line, int column, const char *fmt, ...)
{
    if (!sink_fn) return;
    tl_buf b = TL_BUF_INIT, msg = TL_BUF_INIT;
    tl_escape_cstr(&b, path ? path : "tonelint");
    if (path && line > 0) tl_buf_printf(&b, ":%d:%d", line, column);
    tl_buf_puts(&b, ": ");
    va_list ap;
    va_start(ap, fmt);
    int rc = tl_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    if (rc == 0 && msg.data) tl_escape_visible(&b, msg.data, msg.len);
    tl_buf_free(&msg);
    tl_buf_putc(&b, '\n');
    put(&b);
}

void tl_diag_error(const tl_error *err)
{
    tl_diag(err->path, err->line, err->column, "error: %s", err->message);
}
