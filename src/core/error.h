/* error.h - the error value every library call fills in.
 *
 * Functions return 0 or a negative TL_E* code and fill a caller-supplied
 * tl_error. There is no global "last error": the language server is
 * long-lived and lints many documents. Findings are data, never errors. */
#ifndef TL_ERROR_H
#define TL_ERROR_H

#include <stddef.h>

/* The codes, tl_error, tl_error_clear and tl_error_kind are public
 * (include/tonelint.h). */
#include <tonelint.h>

/* Fill err with code and a printf-style message; returns code so callers can
 * write `return tl_error_set(err, TL_ESYNTAX, ...)`. err may be NULL. */
int tl_error_set(tl_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
