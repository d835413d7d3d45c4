/* buf.c - growable byte buffer with a size cap. */
#include "buf.h"
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(tl_buf *b)
{
    b->failed = true;
    return TL_ENOMEM;
}

int tl_buf_grow(tl_buf *b, size_t extra)
{
    if (b->failed) return TL_ENOMEM;
    size_t max = b->max ? b->max : TL_BUF_DEFAULT_MAX;
    if (extra > max || b->len > max - extra - 1) return fail(b);
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > max / 2 ? max : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) return fail(b);
    b->data = p;
    b->cap = cap;
    return 0;
}

int tl_buf_append_slow(tl_buf *b, const void *data, size_t len)
{
    if (tl_buf_grow(b, len) < 0) return TL_ENOMEM;
    if (len) memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int tl_buf_append_buf(tl_buf *b, const tl_buf *from)
{
    if (from->failed) return fail(b);
    return tl_buf_append(b, from->data, from->len);
}

int tl_buf_puts(tl_buf *b, const char *s)
{
    return tl_buf_append(b, s, strlen(s));
}

int tl_buf_vprintf(tl_buf *b, const char *fmt, va_list ap)
{
    /* Format straight into the free space; only when it does not fit,
     * grow and format again (vsnprintf is the cost here, not the copy). */
    va_list ap2;
    va_copy(ap2, ap);
    size_t avail = b->data ? b->cap - b->len : 0;
    if (b->failed) avail = 0;
    int n = vsnprintf(avail ? b->data + b->len : NULL, avail, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        if (b->data) b->data[b->len] = '\0';
        return fail(b);
    }
    if ((size_t)n >= avail) {
        if (tl_buf_grow(b, (size_t)n) < 0) {
            if (b->data) b->data[b->len] = '\0'; /* undo a partial write */
            return TL_ENOMEM;
        }
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    }
    b->len += (size_t)n;
    return 0;
}

int tl_buf_printf(tl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = tl_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

void tl_buf_reset(tl_buf *b)
{
    b->len = 0;
    b->failed = false;
    if (b->data) b->data[0] = '\0';
}

void tl_buf_free(tl_buf *b)
{
    if (!b) return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

char *tl_buf_detach(tl_buf *b)
{
    if (b->failed || (!b->data && tl_buf_grow(b, 0) < 0)) {
        tl_buf_free(b);
        return NULL;
    }
    char *p = b->data;
    p[b->len] = '\0';
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}
