/* buf.h - the one growable byte buffer, with a size cap.
 *
 * Every piece of text the library builds (decoded strings, JSON output,
 * diffs) goes through tl_buf. The buffer is always NUL-terminated after a
 * successful append, so data can be used as a C string when it holds text.
 *
 * A failure is sticky (as curl's dynbuf): when an append cannot grow the
 * buffer (out of memory, or past its cap) the buffer is marked failed and
 * every later append is a no-op returning TL_ENOMEM, so a writer may append
 * a whole report without checking each call and check tl_buf_failed once
 * before it uses the bytes. Reset, free and detach clear the mark. */
#ifndef TL_BUF_H
#define TL_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "error.h"

#define TL_BUF_DEFAULT_MAX ((size_t)1 << 31)

typedef struct tl_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;  /* 0 means TL_BUF_DEFAULT_MAX */
    bool failed; /* an append failed: the contents are incomplete */
} tl_buf;

#define TL_BUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0, 0, false                                                                       \
    }

/* Each returns 0 or TL_ENOMEM (allocation failed, the cap was reached or
 * an earlier append failed; the contents are then unchanged and the buffer
 * is marked failed). */
int tl_buf_grow(tl_buf *b, size_t extra);
int tl_buf_append_slow(tl_buf *b, const void *data, size_t len);
int tl_buf_puts(tl_buf *b, const char *s);

/* Whether len more bytes (and the NUL) fit without growing: extractors
 * append a byte or a run at a time, so the common case is inline. */
static inline int tl_buf_fits_(const tl_buf *b, size_t len)
{
    return len < b->cap - b->len && (!b->max || b->len + len < b->max) && !b->failed;
}

static inline int tl_buf_append(tl_buf *b, const void *data, size_t len)
{
    if (!b->data || !tl_buf_fits_(b, len)) return tl_buf_append_slow(b, data, len);
    if (len) memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

static inline int tl_buf_putc(tl_buf *b, char c)
{
    if (!b->data || !tl_buf_fits_(b, 1)) return tl_buf_append_slow(b, &c, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return 0;
}
int tl_buf_printf(tl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int tl_buf_vprintf(tl_buf *b, const char *fmt, va_list ap);

/* 0, or TL_ENOMEM when an append has failed since the buffer was last
 * reset: check once, before using the contents. */
static inline int tl_buf_failed(const tl_buf *b)
{
    return b->failed ? TL_ENOMEM : 0;
}

/* Mark b failed (a piece built in another buffer failed). */
static inline void tl_buf_fail(tl_buf *b)
{
    b->failed = true;
}

/* Append the contents of another buffer, or fail when it failed. */
int tl_buf_append_buf(tl_buf *b, const tl_buf *from);

/* Forget the contents and any failure, keep the memory. */
void tl_buf_reset(tl_buf *b);
/* Free the memory; b may be NULL. */
void tl_buf_free(tl_buf *b);
/* Hand the contents to the caller (who frees them) and reset b. NULL when
 * an append failed (the contents are freed) or allocation fails. */
char *tl_buf_detach(tl_buf *b);

#endif
