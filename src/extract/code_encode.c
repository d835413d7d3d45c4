/* code_encode.c - how a fix is written into a string literal of source code
 * (the encode hook of the source code formats).
 *
 * Every language has its own escapes and interpolations, and one literal
 * may be raw, triple-quoted, a template, a heredoc or JSX text. Rather than
 * a writer per string form, a rewrite is stored only when its characters
 * mean themselves in the literal it goes into: letters, digits, spaces and
 * plain punctuation, and the literal's own quote escaped with a backslash
 * where the literal takes escapes. Anything else (a backslash, `$`, braces,
 * `#`, `%`, a backtick, a line break, markup in JSX text, a quote in a raw
 * or triple-quoted literal or one whose delimiter is not a quote) is
 * refused, and --fix skips the finding with that reason. Rewrites are words,
 * so this covers them; the fixer re-reads the file after the edit and
 * drops any edit that changes how the file lexes. */
#include "format.h"

#include <stdbool.h>
#include <string.h>

/* The literal's opening quote: the first `"`, `'` or backtick after its
 * prefix letters (r, f, b, u, L, R, u8, @, $, #), or 0 when it opens with
 * something else (Ruby %q(…), a heredoc). `raw` is set when the prefix makes
 * backslashes literal; `triple` for """ and '''. */
static char opening_quote(const tl_doc *doc, size_t at, bool *raw, bool *triple)
{
    const char *b = (const char *)doc->src.bytes;
    size_t n = doc->src.len, i = at;
    *raw = *triple = false;
    while (i < n && i < at + 4 &&
           (b[i] == '@' || b[i] == '$' || b[i] == '#' || b[i] == '8' ||
            strchr("rRfFbBuUL", b[i]) != NULL)) {
        if (b[i] == 'r' || b[i] == 'R' || b[i] == '@' || b[i] == '#') *raw = true;
        i++;
    }
    if (i >= n || (b[i] != '"' && b[i] != '\'' && b[i] != '`')) return 0;
    if (i + 2 < n && b[i + 1] == b[i] && b[i + 2] == b[i]) *triple = true;
    if (b[i] == '`') *raw = true; /* Go raw strings; JS templates refuse it anyway */
    return b[i];
}

int tl_encode_code(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                   size_t raw_end, const char *text, size_t len)
{
    (void)raw_start, (void)raw_end;
    const tl_srcctx *c = seg->src;
    if (!c) return TL_EUSAGE;
    bool jsx_text = (c->flags & TL_SRC_JSX_TEXT) != 0;
    bool raw = false, triple = false;
    char quote = jsx_text ? 0 : opening_quote(doc, c->at, &raw, &triple);
    if (!jsx_text && !quote) return TL_EUSAGE;
    if (c->flags & TL_SRC_JSX_ATTR) raw = true; /* JSX attribute strings take no escapes */
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch < 0x20 || ch == 0x7F || strchr("\\$`{}#%", ch)) return TL_EUSAGE;
        if (jsx_text && strchr("<>&", ch)) return TL_EUSAGE;
        if (ch == '&' && (c->flags & TL_SRC_JSX_ATTR)) return TL_EUSAGE; /* entities */
        if (ch == (unsigned char)quote && quote) {
            if (raw || triple) return TL_EUSAGE;
            tl_buf_putc(out, '\\');
        }
        tl_buf_putc(out, (char)ch);
    }
    return tl_buf_failed(out) ? TL_ENOMEM : 0;
}
