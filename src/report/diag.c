/* diag.c - messages on standard error (see diag.h). */
#include "diag.h"
#include "report.h"

#include <stdarg.h>
#include <stdio.h>

static void put(tl_buf *b)
{
    if (tl_buf_failed(b))
        fputs("tonelint: out of memory\n", stderr);
    else if (b->data)
        fwrite(b->data, 1, b->len, stderr);
    tl_buf_free(b);
}

void tl_diag(const char *path, int line, int column, const char *fmt, ...)
{
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
