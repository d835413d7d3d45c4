/* json.c - JSON string literals for every writer that emits JSON (the
 * reports, the baseline, the language server, the fixes of JSON catalogs). */
#include "json.h"
#include "error.h"
#include "utf8.h"

#include <string.h>

int tl_json_escape(tl_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < len) {
        unsigned char c = p[i];
        size_t n = 0;
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        if (c >= 0x80) {
            /* Copy a valid sequence as it is. */
            if ((n = tl_utf8_valid(p + i, len - i))) {
                i += n;
                continue;
            }
        }
        if (tl_buf_append(b, s + run, i - run) < 0) return TL_ENOMEM;
        char esc[8];
        size_t el = 2;
        esc[0] = '\\';
        switch (c) {
        case '"':
            esc[1] = '"';
            break;
        case '\\':
            esc[1] = '\\';
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\t':
            esc[1] = 't';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        default:
            if (c >= 0x80) {
                memcpy(esc, "\\ufffd", 6);
            } else {
                memcpy(esc, "\\u00", 4);
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 15];
            }
            el = 6;
        }
        if (tl_buf_append(b, esc, el) < 0) return TL_ENOMEM;
        run = ++i;
    }
    return tl_buf_append(b, s + run, len - run);
}

int tl_json_string(tl_buf *b, const char *s, size_t len)
{
    if (tl_buf_putc(b, '"') < 0 || tl_json_escape(b, s, len) < 0) return TL_ENOMEM;
    return tl_buf_putc(b, '"');
}

int tl_json_cstr(tl_buf *b, const char *s)
{
    return s ? tl_json_string(b, s, strlen(s)) : tl_buf_puts(b, "null");
}

int tl_json_cstrs(tl_buf *b, const char *const *items, size_t n)
{
    tl_buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i) tl_buf_puts(b, ", ");
        tl_json_cstr(b, items[i]);
    }
    return tl_buf_putc(b, ']'); /* failures are sticky */
}
