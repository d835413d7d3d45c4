/* buf.h - the one growable byte buffer, with a size cap.
 *
 * Every piece of text the library builds (decoded strings, JSON output,
 * diffs) goes through tl_buf. The buffer is always NUL-terminated after a
 * successful append, so data can be used as a C string when it holds text. */
#ifndef TL_BUF_H
#define TL_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define TL_BUF_DEFAULT_MAX ((size_t)1 << 31)

typedef struct tl_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max; /* 0 means TL_BUF_DEFAULT_MAX */
} tl_buf;

#define TL_BUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0, 0                                                                              \
    }

/* Each returns 0 or TL_ENOMEM (allocation failed or the cap was reached;
 * the buffer is then unchanged). */
int tl_buf_grow(tl_buf *b, size_t extra);
int tl_buf_append(tl_buf *b, const void *data, size_t len);
int tl_buf_puts(tl_buf *b, const char *s);
int tl_buf_putc(tl_buf *b, char c);
int tl_buf_printf(tl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int tl_buf_vprintf(tl_buf *b, const char *fmt, va_list ap);

/* Forget the contents, keep the memory. */
void tl_buf_reset(tl_buf *b);
/* Free the memory; b may be NULL. */
void tl_buf_free(tl_buf *b);
/* Hand the contents to the caller (who frees them) and reset b. Never NULL
 * unless allocation fails. */
char *tl_buf_detach(tl_buf *b);

#endif
