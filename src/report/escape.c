/* escape.c - control characters in a visible form for the human and line
 * formats (see report.h). */
#include "report.h"

#include <stdio.h>
#include <string.h>

size_t tl_escape_at(const unsigned char *s, size_t n, char out[8])
{
    unsigned char c = s[0];
    if (c < 0x20 || c == 0x7F) {
        const char *named = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
        if (named)
            memcpy(out, named, 3);
        else
            snprintf(out, 8, "\\x%02x", c);
        return 1;
    }
    /* C1 controls (U+0080..U+009F; U+009B is a CSI on some terminals). */
    if (c == 0xC2 && n >= 2 && s[1] >= 0x80 && s[1] <= 0x9F) {
        snprintf(out, 8, "\\u%04x", s[1]);
        return 2;
    }
    /* Bidirectional embeddings, overrides and isolates, which reorder what
     * follows them on the line: U+202A..U+202E, U+2066..U+2069. */
    if (c == 0xE2 && n >= 3 &&
        ((s[1] == 0x80 && s[2] >= 0xAA && s[2] <= 0xAE) ||
         (s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9))) {
        unsigned cp = 0x2000u | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        snprintf(out, 8, "\\u%04x", cp);
        return 3;
    }
    return 0;
}

int tl_escape_visible(tl_buf *b, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t plain = 0, i = 0;
    int rc = 0;
    while (rc == 0 && i < len) {
        char esc[8];
        size_t k = p[i] >= 0x20 && p[i] < 0x7F ? 0 : tl_escape_at(p + i, len - i, esc);
        if (!k) {
            i++;
            continue;
        }
        rc = tl_buf_append(b, s + plain, i - plain);
        if (rc == 0) rc = tl_buf_puts(b, esc);
        i += k;
        plain = i;
    }
    return rc ? rc : tl_buf_append(b, s + plain, len - plain);
}

int tl_escape_cstr(tl_buf *b, const char *s)
{
    return s ? tl_escape_visible(b, s, strlen(s)) : 0;
}
