/* properties.c - Java .properties extractor and fix encoder.
 *
 * Follows java.util.Properties.load (Java 17). Each key/value pair becomes a
 * segment keyed by the property name; comments are scanned for directives.
 * MessageFormat syntax in values is left as stored (placeholder.c masks it).
 *
 * Grammar, per logical line:
 *   - A natural line ends at LF, CR or CRLF. Leading blanks (space, tab, FF)
 *     and blank lines are skipped.
 *   - `#` or `!` as the first non-blank character of a logical line starts
 *     a comment that runs to the end of that natural line (never continued).
 *   - An odd number of backslashes before the line end continues the logical
 *     line; the next line's leading blanks are skipped. A trailing backslash
 *     at end of file is dropped.
 *   - The key ends at the first unescaped `=`, `:` or blank; blanks around
 *     one separator are skipped; the rest of the logical line is the value.
 *   - Escapes: \t \n \r \f, \uXXXX (exactly four hex digits, else an error;
 *     a surrogate pair of escapes is one character), any other \c is c.
 *
 * Encoding: a file that is valid UTF-8 is read as UTF-8 (what Java 9+
 * resource bundles do); otherwise as ISO-8859-1 (Properties.load), and the
 * document's columns then count bytes. A Latin-1 byte decodes to an atomic
 * span holding its UTF-8 encoding. `''` (MessageFormat's apostrophe) is left
 * as stored. */
#include "format.h"
#include "../core/utf8.h"
#include "../core/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
    tl_doc *doc;
    tl_error *err;
    const unsigned char *b;
    size_t len, pos;
    bool latin1;
    /* The logical line being read: ln bytes at ls. Most lines are one
     * natural line, read in place (ls points into the file at base); a
     * continued line is copied into `line` with each byte's offset in map. */
    const unsigned char *ls;
    size_t ln, base;
    bool joined;
    tl_buf line;
    size_t *map;
    size_t mapcap;
    size_t line_end; /* stored offset just past the logical line's last byte */
    tl_buf key, comment;
    tl_segbuild sb;
} parser;

/* Stored offset of byte i of the logical line. */
#define RAW(p, i) ((p)->joined ? (p)->map[i] : (p)->base + (i))

static bool blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\f';
}

static int oom(parser *p)
{
    return tl_error_set(p->err, TL_ENOMEM, "out of memory");
}

static int line_push(parser *p, unsigned char c, size_t off)
{
    if (p->line.len == p->mapcap && tl_array_grow(&p->map, &p->mapcap, sizeof(*p->map), 256) < 0)
        return TL_ENOMEM;
    p->map[p->line.len] = off;
    return tl_buf_putc(&p->line, (char)c);
}

/* Skip one line terminator at p->pos (CRLF counts as one). */
static void skip_eol(parser *p)
{
    if (p->b[p->pos] == '\r' && p->pos + 1 < p->len && p->b[p->pos + 1] == '\n') p->pos++;
    p->pos++;
}

/* Read the next logical line into p->line (Properties.LineReader). Returns 1
 * when a line was read, 0 at end of input, or a negative code. */
static int read_line(parser *p)
{
    tl_buf_reset(&p->line);
    bool skip_ws = true, appended = false, fresh = true, backslash = false, ended = false;
    while (p->pos < p->len) {
        unsigned char c = p->b[p->pos];
        if (skip_ws) {
            if (blank(c) || (!appended && (c == '\r' || c == '\n'))) {
                p->pos++;
                continue;
            }
            skip_ws = false;
            appended = false;
        }
        if (fresh && c != '#' && c != '!') {
            /* Fast path: a line that does not continue is used in place. */
            size_t e = p->pos;
            while (e < p->len && p->b[e] != '\n' && p->b[e] != '\r')
                e++;
            size_t k = e;
            while (k > p->pos && p->b[k - 1] == '\\')
                k--;
            bool odd = (e - k) % 2 == 1;
            if (!odd || e == p->len) {
                p->ls = p->b + p->pos;
                p->ln = e - p->pos - (odd ? 1 : 0);
                p->base = p->pos;
                p->joined = false;
                p->line_end = e;
                p->pos = e;
                if (e < p->len) skip_eol(p);
                return 1;
            }
        }
        if (fresh) {
            fresh = false;
            if (c == '#' || c == '!') {
                size_t start = p->pos;
                while (p->pos < p->len && p->b[p->pos] != '\n' && p->b[p->pos] != '\r')
                    p->pos++;
                const char *text = (const char *)p->b + start + 1;
                size_t n = p->pos - start - 1;
                if (tl_doc_scan_comment(p->doc, text, n, start) < 0) return TL_ENOMEM;
                /* Notes for the classifier ("kind: error") travel with the next entry. */
                if (p->comment.len) tl_buf_putc(&p->comment, '\n');
                if (tl_buf_append(&p->comment, text, n) < 0) return TL_ENOMEM;
                skip_ws = true;
                fresh = true;
                continue;
            }
        }
        if (c != '\n' && c != '\r') {
            if (line_push(p, c, p->pos) < 0) return TL_ENOMEM;
            backslash = c == '\\' ? !backslash : false;
            p->pos++;
            continue;
        }
        /* A line terminator. */
        if (p->line.len == 0) { /* an empty continuation line ends nothing */
            skip_eol(p);
            skip_ws = true;
            fresh = true;
            continue;
        }
        if (backslash) {
            p->line.len--;
            backslash = false;
            skip_eol(p);
            skip_ws = true;
            appended = true;
            continue;
        }
        p->line_end = p->pos;
        skip_eol(p);
        ended = true;
        break;
    }
    if (!ended) { /* end of file */
        if (p->line.len == 0) return 0;
        if (backslash) p->line.len--;
        p->line_end = p->len;
    }
    p->ls = (const unsigned char *)p->line.data;
    p->ln = p->line.len;
    p->joined = true;
    return 1;
}

/* Decode line bytes [from, to) (Properties.loadConvert) into the key buffer
 * (sb NULL) or into the segment builder. */
static int convert(parser *p, size_t from, size_t to, tl_segbuild *sb, tl_buf *plain)
{
    const unsigned char *s = p->ls;
    size_t i = from;
    while (i < to) {
        /* A literal run: plain bytes whose stored offsets are consecutive. */
        size_t run = i;
        if (!p->joined) {
            while (i < to && s[i] != '\\' && !(p->latin1 && s[i] >= 0x80))
                i++;
        } else {
            while (i < to && s[i] != '\\' && !(p->latin1 && s[i] >= 0x80) &&
                   (i == run || p->map[i] == p->map[i - 1] + 1))
                i++;
        }
        if (i > run) {
            int rc = sb ? tl_segbuild_utf8(sb, RAW(p, run), (const char *)s + run, i - run)
                        : tl_buf_append(plain, s + run, i - run);
            if (rc < 0) return oom(p);
            continue;
        }
        char out[8];
        size_t n, start = i;
        if (s[i] != '\\') { /* a Latin-1 byte */
            n = tl_utf8_encode(out, s[i]);
            i++;
        } else {
            i++;
            if (i >= to) break; /* cannot happen: the reader drops a lone trailing backslash */
            unsigned char c = s[i++];
            if (c == 'u') {
                uint32_t cp = 0;
                for (int k = 0; k < 4; k++) {
                    int h = i < to ? tl_hexval(s[i]) : -1;
                    if (h < 0)
                        return tl_doc_error(p->doc, p->err, TL_ESYNTAX, RAW(p, start), "%s",
                                            "malformed \\uXXXX escape: expected four hex digits");
                    cp = cp << 4 | (uint32_t)h;
                    i++;
                }
                /* A UTF-16 surrogate pair written as two escapes is one character. */
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= to && s[i] == '\\' &&
                    s[i + 1] == 'u') {
                    uint32_t lo = 0;
                    bool ok = true;
                    for (int k = 0; k < 4 && ok; k++) {
                        int h = tl_hexval(s[i + 2 + k]);
                        if (h < 0) ok = false;
                        lo = lo << 4 | (uint32_t)(h < 0 ? 0 : h);
                    }
                    if (ok && lo >= 0xDC00 && lo <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        i += 6;
                    }
                }
                if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD; /* a lone surrogate */
                n = tl_utf8_encode(out, cp);
            } else if (c == 't') {
                out[0] = '\t', n = 1;
            } else if (c == 'n') {
                out[0] = '\n', n = 1;
            } else if (c == 'r') {
                out[0] = '\r', n = 1;
            } else if (c == 'f') {
                out[0] = '\f', n = 1;
            } else if (c >= 0x80 && p->latin1) {
                n = tl_utf8_encode(out, c);
            } else if (c >= 0x80) {
                /* \ before a UTF-8 character: the character itself. */
                size_t k = i;
                while (k < to && (s[k] & 0xC0) == 0x80 && k - i < 3)
                    k++;
                memcpy(out, s + i - 1, k - i + 1);
                n = k - i + 1;
                i = k;
            } else {
                out[0] = (char)c, n = 1;
            }
        }
        int rc;
        if (sb) {
            size_t raw_end = RAW(p, i - 1) + 1;
            if (n == 1 && out[0] == '\0') { /* keep segment text free of NULs */
                memcpy(out, "\xEF\xBF\xBD", 3);
                n = 3;
            }
            rc = tl_segbuild_atomic(sb, RAW(p, start), raw_end - RAW(p, start), out, n);
        } else {
            rc = tl_buf_append(plain, out, n);
        }
        if (rc < 0) return oom(p);
    }
    return 0;
}

/* Split the logical line into key and value, and emit the value. */
static int entry(parser *p)
{
    const unsigned char *s = p->ls;
    size_t n = p->ln, klen = 0, vstart = n;
    bool sep = false, backslash = false;
    while (klen < n) {
        unsigned char c = s[klen];
        if ((c == '=' || c == ':') && !backslash) {
            vstart = klen + 1;
            sep = true;
            break;
        }
        if (blank(c) && !backslash) {
            vstart = klen + 1;
            break;
        }
        backslash = c == '\\' ? !backslash : false;
        klen++;
    }
    while (vstart < n) {
        unsigned char c = s[vstart];
        if (!blank(c)) {
            if (!sep && (c == '=' || c == ':'))
                sep = true;
            else
                break;
        }
        vstart++;
    }
    tl_buf_reset(&p->key);
    int rc = convert(p, 0, klen, NULL, &p->key);
    if (rc < 0) return rc;
    tl_segbuild_reset(&p->sb);
    p->sb.raw_begin = vstart < n ? RAW(p, vstart) : p->line_end;
    if ((rc = convert(p, vstart, n, &p->sb, NULL)) < 0) return rc;
    if (p->sb.text.len) {
        tl_segment *seg = tl_doc_add(p->doc, &p->sb, p->key.data ? p->key.data : "", NULL);
        if (!seg) return oom(p);
        if (p->comment.len)
            seg->comment = tl_arena_strndup(&p->doc->arena, p->comment.data, p->comment.len);
    }
    tl_buf_reset(&p->comment);
    return 0;
}

int tl_extract_properties(tl_doc *doc, tl_error *err)
{
    if (doc->src.encoding == TL_ENC_UTF16LE || doc->src.encoding == TL_ENC_UTF16BE)
        return tl_doc_error(doc, err, TL_EENCODING, 0, "%s",
                            "UTF-16 .properties files are not supported; save the file as "
                            "UTF-8 or ISO-8859-1");
    parser p;
    memset(&p, 0, sizeof(p));
    p.doc = doc;
    p.err = err;
    p.b = doc->src.bytes;
    p.len = doc->src.len;
    p.pos = doc->src.bom_len;
    /* UTF-8 when the bytes say so (a BOM, or valid UTF-8); Latin-1 otherwise. */
    if (!doc->src.bom_len && !tl_utf8_valid_all(p.b, p.len)) {
        p.latin1 = true;
        doc->src.encoding = TL_ENC_LATIN1;
    }
    /* The language is in the file name (messages_de.properties); a base
     * bundle (Messages.properties) holds the source text, English. */
    const char *base = doc->path ? strrchr(doc->path, '/') : NULL;
    base = base ? base + 1 : doc->path;
    const char *lang = tl_lang_from_path(&doc->arena, base);
    doc->lang = lang ? lang : "en";
    tl_segbuild_init(&p.sb);
    int rc;
    while ((rc = read_line(&p)) > 0)
        if ((rc = entry(&p)) < 0) break;
    if (rc < 0 && !err->code) tl_error_set(err, rc, "out of memory");
    tl_segbuild_free(&p.sb);
    tl_buf_free(&p.line);
    tl_buf_free(&p.key);
    tl_buf_free(&p.comment);
    free(p.map);
    return rc < 0 ? rc : 0;
}

/* Fix encoder: backslash escapes for what the value syntax would change,
 * \uXXXX for what ISO-8859-1 cannot hold when the file is Latin-1. */
int tl_encode_properties(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                         size_t raw_end, const char *text, size_t len)
{
    (void)raw_end;
    bool latin1 = doc->src.encoding == TL_ENC_LATIN1;
    bool at_start = raw_start <= seg->raw_start;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        int rc = 0;
        if (c == '\\') {
            rc = tl_buf_puts(out, "\\\\");
        } else if (c == '\n') {
            rc = tl_buf_puts(out, "\\n");
        } else if (c == '\r') {
            rc = tl_buf_puts(out, "\\r");
        } else if (c == '\t') {
            rc = tl_buf_puts(out, "\\t");
        } else if (c == '\f') {
            rc = tl_buf_puts(out, "\\f");
        } else if (c == ' ' && at_start && i == 0) {
            /* Leading blanks of a value are skipped by the reader. */
            size_t k = 0;
            while (k < len && s[k] == ' ')
                k++;
            for (size_t j = 0; j < k && rc == 0; j++)
                rc = tl_buf_puts(out, "\\ ");
            i = k;
            if (rc < 0) return TL_ENOMEM;
            continue;
        } else if (c < 0x80) {
            rc = tl_buf_putc(out, (char)c);
        } else {
            uint32_t cp;
            size_t n = tl_utf8_decode(s + i, len - i, &cp);
            if (!n) return TL_EUSAGE;
            if (!latin1) {
                rc = tl_buf_append(out, s + i, n);
            } else {
                if (cp <= 0xFF) {
                    rc = tl_buf_putc(out, (char)cp);
                } else if (cp < 0x10000) {
                    rc = tl_buf_printf(out, "\\u%04X", (unsigned)cp);
                } else {
                    cp -= 0x10000;
                    rc = tl_buf_printf(out, "\\u%04X\\u%04X", (unsigned)(0xD800 + (cp >> 10)),
                                       (unsigned)(0xDC00 + (cp & 0x3FF)));
                }
            }
            i += n;
            if (rc < 0) return TL_ENOMEM;
            continue;
        }
        if (rc < 0) return TL_ENOMEM;
        i++;
    }
    return 0;
}
