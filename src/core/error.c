/* error.c - filling and naming tl_error values. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void tl_error_clear(tl_error *err)
{
    if (!err) return;
    memset(err, 0, sizeof(*err));
}

int tl_error_set(tl_error *err, int code, const char *fmt, ...)
{
    if (!err) return code;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return code;
}

const char *tl_error_kind(int code)
{
    switch (code) {
    case TL_OK:
        return "ok";
    case TL_ENOMEM:
        return "out of memory";
    case TL_EIO:
        return "I/O error";
    case TL_ESYNTAX:
        return "syntax error";
    case TL_ECONFIG:
        return "configuration error";
    case TL_ELIMIT:
        return "limit exceeded";
    case TL_EUSAGE:
        return "usage error";
    case TL_EENCODING:
        return "encoding error";
    }
    return "error";
}
