/* magento.c - Magento 2 i18n dictionaries (app/code/Vendor/Module/i18n/
 * en_US.csv, themes' i18n folders, language packs under app/i18n/): extractor
 * and fix encoder. Which files are dictionaries is format.c's business.
 *
 * Read as Magento reads them: PHP's fgetcsv($fh, 0, ',', '"') (escape `\`)
 * row by row; the first field (the source phrase, as written in the code) is
 * the key, the second (the translation) is the copy; a third and fourth
 * (`module`, `Vendor_Module`) are not copy. Grammar (PHP 8.2):
 *   - a row starts at a line; lines end at LF, and the line end (LF, CRLF,
 *     or a CR before the end of the file) is not part of the last field; an
 *     empty line is no row;
 *   - fields are separated by `,`. A field whose first byte, after any
 *     white space, is `"` is quoted: the white space is dropped, `""` is one
 *     `"`, a `\` makes the byte after it plain text (both stay: `\"` does not
 *     close the field), and line ends inside are part of the text as stored
 *     (a `\` at the end of a line escapes nothing). Bytes after the closing
 *     quote, up to the next `,`, are appended as they are (`"a"b` is `ab`).
 *   - an unquoted field runs to the next `,` or the line end; one CR at its
 *     end is dropped. Quotes inside it are text.
 * A quoted field still open at the end of the file is an error at its
 * opening quote (PHP would take the rest of the file as the field). A UTF-8
 * byte-order mark is not part of the first field. A byte that is not UTF-8,
 * or a NUL, reads as U+FFFD. Every row of a duplicate source is a segment
 * (Magento keeps the last). */
#include "format.h"

#include <string.h>

/* tl_segment.style of a translation. */
enum { STYLE_PLAIN = 0, STYLE_QUOTED = 1, STYLE_TAIL = 2 /* text after the closing quote */ };

typedef struct parser {
    tl_doc *doc;
    tl_error *err;
    const unsigned char *b;
    size_t len;
    size_t ls, limit, next; /* the current line: [ls, limit) then its line end to next */
    size_t pos;
    tl_buf key;
    tl_segbuild sb;
} parser;

static int oom(parser *p)
{
    return tl_error_set(p->err, TL_ENOMEM, "out of memory");
}

/* Set the current line to the one starting at ls. */
static void set_line(parser *p, size_t ls)
{
    const unsigned char *nl = memchr(p->b + ls, '\n', p->len - ls);
    size_t end = nl ? (size_t)(nl - p->b) + 1 : p->len;
    size_t limit = end;
    if (nl) {
        limit = end - 1;
        if (limit > ls && p->b[limit - 1] == '\r') limit--;
    } else if (limit > ls && p->b[limit - 1] == '\r') {
        limit--;
    }
    p->ls = ls;
    p->limit = limit;
    p->next = end;
    p->pos = ls;
}

static bool space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* Append stored bytes [from, to) as text of the field: to the key (plain),
 * to the segment (sb), or nowhere. */
static int take(parser *p, int where, size_t from, size_t to)
{
    if (to <= from) return 0;
    int rc = 0;
    if (where == 1)
        rc = tl_buf_append(&p->key, p->b + from, to - from);
    else if (where == 2)
        rc = tl_segbuild_utf8(&p->sb, from, (const char *)p->b + from, to - from);
    return rc < 0 ? oom(p) : 0;
}

static int take_quote(parser *p, int where, size_t at)
{
    int rc = 0;
    if (where == 1)
        rc = tl_buf_putc(&p->key, '"');
    else if (where == 2)
        rc = tl_segbuild_atomic(&p->sb, at, 2, "\"", 1);
    return rc < 0 ? oom(p) : 0;
}

/* Read one field at p->pos into `where` (0 nowhere, 1 key, 2 segment).
 * Sets *more when a `,` follows, and *style. */
static int field(parser *p, int where, bool *more, unsigned *style)
{
    const unsigned char *b = p->b;
    size_t t = p->pos;
    while (t < p->limit && b[t] != ',' && space(b[t]))
        t++;
    *style = STYLE_PLAIN;
    *more = false;
    int rc;
    if (t < p->limit && b[t] == '"') {
        size_t open = t, i = t + 1, hunk = i;
        int state = 0; /* 1: after `\`, 2: after `"` */
        *style = STYLE_QUOTED;
        if (where == 2) p->sb.raw_begin = i;
        for (;;) {
            if (i >= p->limit) {
                if (state == 2) {
                    if ((rc = take(p, where, hunk, i - 1)) < 0) return rc;
                    p->pos = i;
                    return 0;
                }
                /* The line end is part of the text; the field goes on. */
                if ((rc = take(p, where, hunk, p->next)) < 0) return rc;
                if (p->next >= p->len || b[p->next - 1] != '\n')
                    return tl_doc_error(p->doc, p->err, TL_ESYNTAX, open, "%s",
                                        "unterminated quoted field (missing `\"`)");
                set_line(p, p->next);
                i = hunk = p->ls;
                state = 0;
                continue;
            }
            unsigned char c = b[i];
            if (state == 1) {
                state = 0;
            } else if (state == 2) {
                if (c != '"') break; /* the quote at i - 1 closed the field */
                if ((rc = take(p, where, hunk, i - 1)) < 0 ||
                    (rc = take_quote(p, where, i - 1)) < 0)
                    return rc;
                hunk = i + 1;
                state = 0;
            } else if (c == '"') {
                state = 2;
            } else if (c == '\\') {
                state = 1;
            }
            i++;
        }
        if ((rc = take(p, where, hunk, i - 1)) < 0) return rc;
        size_t e = i;
        while (e < p->limit && b[e] != ',')
            e++;
        if (e > i) {
            *style = STYLE_TAIL;
            if ((rc = take(p, where, i, e)) < 0) return rc;
        }
        p->pos = e;
    } else {
        size_t s = p->pos, e = s;
        while (e < p->limit && b[e] != ',')
            e++;
        size_t te = e > s && b[e - 1] == '\r' ? e - 1 : e;
        if (where == 2) p->sb.raw_begin = s;
        if ((rc = take(p, where, s, te)) < 0) return rc;
        p->pos = e;
    }
    if (p->pos < p->limit) { /* at a `,` */
        p->pos++;
        *more = true;
    }
    return 0;
}

/* One row starting at p->ls. */
static int row(parser *p)
{
    if (p->limit == p->ls) return 0; /* an empty line */
    tl_buf_reset(&p->key);
    tl_segbuild_reset(&p->sb);
    bool more = true, have = false;
    unsigned style = 0, st;
    int rc;
    for (int n = 0; more; n++) {
        if ((rc = field(p, n == 0 ? 1 : n == 1 ? 2 : 0, &more, &st)) < 0) return rc;
        if (n == 1) {
            have = true;
            style = st;
        }
    }
    if (!have || !p->sb.text.len) return 0;
    if (tl_buf_putc(&p->key, '\0') < 0) return oom(p);
    tl_segment *seg = tl_doc_add(p->doc, &p->sb, p->key.data, NULL);
    if (!seg) return oom(p);
    seg->style = style;
    return 0;
}

int tl_extract_magento(tl_doc *doc, tl_error *err)
{
    if (doc->src.encoding == TL_ENC_UTF16LE || doc->src.encoding == TL_ENC_UTF16BE)
        return tl_doc_error(doc, err, TL_EENCODING, 0, "%s",
                            "UTF-16 dictionaries are not supported; save the file as UTF-8");
    parser p;
    memset(&p, 0, sizeof(p));
    p.doc = doc;
    p.err = err;
    p.b = doc->src.bytes;
    p.len = doc->src.len;
    /* The language is the file's name (en_US.csv). */
    const char *base = doc->path ? strrchr(doc->path, '/') : NULL;
    base = base ? base + 1 : doc->path;
    doc->lang = tl_lang_from_path(&doc->arena, base);
    tl_segbuild_init(&p.sb);
    int rc = 0;
    for (size_t ls = doc->src.bom_len; ls < p.len && rc == 0;) {
        set_line(&p, ls);
        rc = row(&p);
        ls = p.next;
    }
    tl_segbuild_free(&p.sb);
    tl_buf_free(&p.key);
    return rc < 0 ? rc : 0;
}

/* Whether the text can stand in a quoted field after PHP's escape rules:
 * a `\` makes the next byte plain, so `\"` would not be a quote. */
static bool quoted_safe(const unsigned char *s, size_t len, int before, int after)
{
    if (before == '\\' && len && s[0] == '"') return false;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\\' && (i + 1 < len ? s[i + 1] : after) == '"') return false;
    return true;
}

static int put_quoted(tl_buf *out, const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((s[i] == '"' ? tl_buf_puts(out, "\"\"") : tl_buf_putc(out, (char)s[i])) < 0)
            return TL_ENOMEM;
    return 0;
}

/* Fix encoder. In a quoted field `"` is doubled and the rest written as it
 * is. An unquoted field takes the text as it is when it needs no quotes (no
 * `,`, line break or CR, no `"` at its start); otherwise a replacement of
 * the whole field is written quoted, and a part of it is refused. A `\`
 * before a `"` (PHP's escape) and fields with text after their closing
 * quote are refused. */
int tl_encode_magento(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                      size_t raw_end, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text, *b = doc->src.bytes;
    int before = raw_start > 0 ? b[raw_start - 1] : -1;
    int after = raw_end < doc->src.len ? b[raw_end] : -1;
    if (seg->style == STYLE_TAIL) return TL_EUSAGE;
    if (seg->style == STYLE_QUOTED) {
        if (!quoted_safe(s, len, before, after)) return TL_EUSAGE;
        return put_quoted(out, s, len);
    }
    bool whole = raw_start <= seg->raw_start && raw_end >= seg->raw_end;
    if (whole && !len) return TL_EUSAGE; /* the translation would be gone */
    bool plain = !memchr(s, ',', len) && !memchr(s, '\n', len) && !memchr(s, '\r', len) &&
                 !memchr(s, '\0', len);
    /* A quote first (after white space) would open a quoted field. */
    size_t lead = seg->raw_start;
    while (lead < raw_start && space(b[lead]))
        lead++;
    if (plain && lead >= raw_start) {
        size_t i = 0;
        while (i < len && space(s[i]))
            i++;
        if (i < len ? s[i] == '"' : (raw_end < seg->raw_end && after == '"')) plain = false;
    }
    if (plain) return tl_buf_append(out, s, len) < 0 ? TL_ENOMEM : 0;
    if (!whole || !quoted_safe(s, len, -1, -1)) return TL_EUSAGE;
    if (tl_buf_putc(out, '"') < 0 || put_quoted(out, s, len) < 0 || tl_buf_putc(out, '"') < 0)
        return TL_ENOMEM;
    return 0;
}
