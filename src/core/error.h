/* error.h - the error value every library call fills in.
 *
 * Functions return 0 or a negative TL_E* code and fill a caller-supplied
 * tl_error. There is no global "last error": the language server is
 * long-lived and lints many documents. Findings are data, never errors. */
#ifndef TL_ERROR_H
#define TL_ERROR_H

#include <stddef.h>

enum {
    TL_OK = 0,
    TL_ENOMEM = -1,   /* out of memory or over a size cap */
    TL_EIO = -2,      /* a file could not be read or written */
    TL_ESYNTAX = -3,  /* an input file does not parse */
    TL_ECONFIG = -4,  /* a rule pack or config file is wrong */
    TL_ELIMIT = -5,   /* a match, depth or size limit was hit */
    TL_EUSAGE = -6,   /* the caller asked for something impossible */
    TL_EENCODING = -7 /* bytes are not in the encoding the file declares */
};

typedef struct tl_error {
    int code;
    const char *path; /* borrowed: the file the error is about, or NULL */
    int line;         /* 1-based; 0 when unknown */
    int column;       /* 1-based, in Unicode characters; 0 when unknown */
    size_t offset;    /* byte offset in the file as stored */
    char message[512];
} tl_error;

/* Clear an error to "no error". */
void tl_error_clear(tl_error *err);

/* Fill err with code and a printf-style message; returns code so callers can
 * write `return tl_error_set(err, TL_ESYNTAX, ...)`. err may be NULL. */
int tl_error_set(tl_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A short name for an error code ("syntax error", "I/O error", ...). */
const char *tl_error_kind(int code);

#endif
