/* strings.c - Apple .strings (old-style property list) extractor and fix
 * encoder.
 *
 * Follows CoreFoundation's CFOldStylePList.c. Entries are `key = value;` or
 * `key;` (the value is the key). Keys and values are "double" or 'single'
 * quoted strings, or unquoted tokens of [A-Za-z0-9_$/:.-]. Comments are
 * `/ * ... * /` and `//` to the end of the line (LF, CR, U+2028, U+2029);
 * they are scanned for directives. A missing `;` is an error, as it is for
 * CoreFoundation (which then drops the whole file).
 *
 * Escapes inside quotes (getSlashedChar):
 *   \a \b \f \n \r \t \v \" \' \\    \ + line break -> that line break
 *   \ooo   up to three octal digits, a NeXTSTEP-Latin byte
 *   \U     followed by up to four hex digits (capital U only); two such
 *          escapes holding a surrogate pair are one character
 *   \c     any other character c stands for itself; so lowercase \u00e9
 *          reads as "u00e9", unlike translate-toolkit.
 *
 * Encodings: UTF-8 (with or without BOM) and UTF-16 LE/BE with a BOM. A
 * UTF-16 file is transcoded while decoding: every character is an atomic
 * span over its two or four stored bytes, and segments carry TL_SEG_UTF16.
 *
 * Each value is a segment keyed by its key. A value equal to its key
 * (genstrings output, `key;`) is the source text of the code: TL_SEG_EXTRACTED.
 * In a translation (a language other than English) a key that reads as prose
 * is the English source text and is linted as its own English segment. */
#include "format.h"
#include "../core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
    tl_doc *doc;
    tl_error *err;
    const unsigned char *b;
    size_t len, pos;
    int utf16; /* 0: UTF-8, 1: UTF-16LE, 2: UTF-16BE */
    tl_segbuild key, value;
    tl_buf keytext;
} parser;

/* NeXTSTEP-Latin bytes 0x80-0xFF (octal escapes), from the NeXTSTEP
 * character set mapping; 0xFFFD where the set has no character. */
static const uint16_t nextstep[128] = {
    0x00A0, 0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB,
    0x00CC, 0x00CD, 0x00CE, 0x00CF, 0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D9,
    0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00B5, 0x00D7, 0x00F7, 0x00A9, 0x00A1, 0x00A2, 0x00A3,
    0x2044, 0x00A5, 0x0192, 0x00A7, 0x00A4, 0x2019, 0x201C, 0x00AB, 0x2039, 0x203A, 0xFB01, 0xFB02,
    0x00AE, 0x2013, 0x2020, 0x2021, 0x00B7, 0x00A6, 0x00B6, 0x2022, 0x201A, 0x201E, 0x201D, 0x00BB,
    0x2026, 0x2030, 0x00AC, 0x00BF, 0x00B9, 0x02CB, 0x00B4, 0x02C6, 0x02DC, 0x00AF, 0x02D8, 0x02D9,
    0x00A8, 0x00B2, 0x02DA, 0x00B8, 0x00B3, 0x02DD, 0x02DB, 0x02C7, 0x2014, 0x00B1, 0x00BC, 0x00BD,
    0x00BE, 0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB,
    0x00EC, 0x00C6, 0x00ED, 0x00AA, 0x00EE, 0x00EF, 0x00F0, 0x00F1, 0x0141, 0x00D8, 0x0152, 0x00BA,
    0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00E6, 0x00F9, 0x00FA, 0x00FB, 0x0131, 0x00FC, 0x00FD,
    0x0142, 0x00F8, 0x0153, 0x00DF, 0x00FE, 0x00FF, 0xFFFD, 0xFFFD};

static unsigned unit(const parser *p, size_t off)
{
    if (p->utf16 == 1) return (unsigned)(p->b[off] | p->b[off + 1] << 8);
    return (unsigned)(p->b[off] << 8 | p->b[off + 1]);
}

/* The character at off: its code point and stored length (0 at the end).
 * Malformed input reads as U+FFFD over one byte (or one UTF-16 unit). */
static uint32_t char_at(const parser *p, size_t off, size_t *n)
{
    if (off >= p->len) {
        *n = 0;
        return 0;
    }
    if (p->utf16) {
        if (off + 2 > p->len) {
            *n = 1;
            return 0xFFFD;
        }
        unsigned u = unit(p, off);
        *n = 2;
        if (u >= 0xD800 && u <= 0xDBFF && off + 4 <= p->len) {
            unsigned lo = unit(p, off + 2);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                *n = 4;
                return 0x10000 + ((uint32_t)(u - 0xD800) << 10) + (lo - 0xDC00);
            }
        }
        return u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u;
    }
    uint32_t cp;
    size_t len = tl_utf8_decode(p->b + off, p->len - off, &cp);
    *n = len ? len : 1;
    return len ? cp : 0xFFFD;
}

static int perr(parser *p, size_t off, const char *msg)
{
    return tl_doc_error(p->doc, p->err, TL_ESYNTAX, off, "%s", msg);
}

static int oom(parser *p)
{
    return tl_error_set(p->err, TL_ENOMEM, "out of memory");
}

static bool line_break(uint32_t c)
{
    return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

/* Comment text for the directive scanner, as UTF-8 (transcoded from UTF-16). */
static int scan_comment(parser *p, size_t from, size_t to, size_t at)
{
    if (!p->utf16) return tl_doc_scan_comment(p->doc, (const char *)p->b + from, to - from, at);
    tl_buf t = TL_BUF_INIT;
    for (size_t i = from, n; i < to; i += n) {
        char out[4];
        uint32_t c = char_at(p, i, &n);
        if (!n || tl_buf_append(&t, out, tl_utf8_encode(out, c)) < 0) break;
    }
    int rc = tl_doc_scan_comment(p->doc, t.data ? t.data : "", t.len, at);
    tl_buf_free(&t);
    return rc;
}

/* Skip white space and comments. */
static int skip_space(parser *p)
{
    for (;;) {
        size_t n;
        uint32_t c = char_at(p, p->pos, &n);
        if (!n) return 0;
        if (c == ' ' || c == '\t' || c == '\v' || c == '\f' || line_break(c) || c == 0xFEFF) {
            p->pos += n;
            continue;
        }
        if (c != '/') return 0;
        size_t n2;
        uint32_t c2 = char_at(p, p->pos + n, &n2);
        size_t start = p->pos, body = p->pos + n + n2;
        if (c2 == '/') {
            size_t i = body;
            for (;;) {
                uint32_t d = char_at(p, i, &n);
                if (!n || line_break(d)) break;
                i += n;
            }
            int rc = scan_comment(p, body, i, start);
            if (rc < 0) return rc;
            p->pos = i;
        } else if (c2 == '*') {
            size_t i = body;
            for (;;) {
                uint32_t d = char_at(p, i, &n);
                if (!n) return perr(p, start, "unterminated comment (missing `*/`)");
                if (d == '*') {
                    size_t m;
                    if (char_at(p, i + n, &m) == '/' && m) {
                        int rc = scan_comment(p, body, i, start);
                        if (rc < 0) return rc;
                        p->pos = i + n + m;
                        break;
                    }
                }
                i += n;
            }
        } else {
            return 0; /* a `/` that starts an unquoted token */
        }
    }
}

static bool token_char(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || c == '/' || c == ':' || c == '.' || c == '-';
}

/* Add stored text [from, to) that holds no escapes. */
static int add_run(parser *p, tl_segbuild *sb, size_t from, size_t to)
{
    if (from >= to) return 0;
    if (!p->utf16) return tl_segbuild_utf8(sb, from, (const char *)p->b + from, to - from);
    for (size_t i = from, n; i < to; i += n) {
        char out[4];
        uint32_t c = char_at(p, i, &n);
        if (c == 0) c = 0xFFFD; /* segment text holds no NULs */
        if (tl_segbuild_atomic(sb, i, n, out, tl_utf8_encode(out, c)) < 0) return TL_ENOMEM;
    }
    return 0;
}

/* \U escape at `at` (the backslash), digits from `i`: its value and end. */
static uint32_t read_U(parser *p, size_t *i)
{
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) {
        size_t n;
        int h = tl_hexval(char_at(p, *i, &n));
        if (!n || h < 0) break;
        v = v << 4 | (uint32_t)h;
        *i += n;
    }
    return v;
}

/* Read a string or token at p->pos into sb. */
static int read_string(parser *p, tl_segbuild *sb)
{
    size_t n;
    uint32_t q = char_at(p, p->pos, &n);
    if (q != '"' && q != '\'') {
        size_t start = p->pos, i = p->pos;
        for (;;) {
            uint32_t c = char_at(p, i, &n);
            if (!n || !token_char(c)) break;
            i += n;
        }
        if (i == start) return perr(p, start, "expected a quoted string or a token");
        sb->raw_begin = start;
        p->pos = i;
        return add_run(p, sb, start, i) < 0 ? oom(p) : 0;
    }
    size_t open = p->pos, i = p->pos + n, run = i;
    sb->raw_begin = i;
    for (;;) {
        uint32_t c = char_at(p, i, &n);
        if (!n) return perr(p, open, "unterminated string (missing closing quote)");
        if (c == q) {
            if (add_run(p, sb, run, i) < 0) return oom(p);
            p->pos = i + n;
            return 0;
        }
        if (c != '\\') {
            i += n;
            if (!p->utf16) /* ASCII quotes and backslashes never occur inside UTF-8 sequences */
                while (i < p->len && p->b[i] != q && p->b[i] != '\\')
                    i++;
            continue;
        }
        if (add_run(p, sb, run, i) < 0) return oom(p);
        size_t esc = i;
        i += n;
        uint32_t e = char_at(p, i, &n);
        if (!n) return perr(p, open, "unterminated string (missing closing quote)");
        i += n;
        uint32_t cp;
        switch (e) {
        case 'a':
            cp = '\a';
            break;
        case 'b':
            cp = '\b';
            break;
        case 'f':
            cp = '\f';
            break;
        case 'n':
            cp = '\n';
            break;
        case 'r':
            cp = '\r';
            break;
        case 't':
            cp = '\t';
            break;
        case 'v':
            cp = '\v';
            break;
        case 'U': {
            cp = read_U(p, &i);
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                size_t j = i, m1, m2;
                if (char_at(p, j, &m1) == '\\' && m1 && char_at(p, j + m1, &m2) == 'U' && m2) {
                    j += m1 + m2;
                    uint32_t lo = read_U(p, &j);
                    if (lo >= 0xDC00 && lo <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        i = j;
                    }
                }
            }
            if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) cp = 0xFFFD;
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                uint32_t v = e - '0';
                for (int k = 0; k < 2; k++) {
                    uint32_t d = char_at(p, i, &n);
                    if (!n || d < '0' || d > '7') break;
                    v = (v << 3 | (d - '0')) & 0xFF;
                    i += n;
                }
                cp = v >= 0x80 ? nextstep[v - 0x80] : v ? v : 0xFFFD;
            } else {
                cp = e; /* \" \' \\ and any other character, a line break too */
            }
        }
        char out[4];
        if (tl_segbuild_atomic(sb, esc, i - esc, out, tl_utf8_encode(out, cp)) < 0) return oom(p);
        run = i;
    }
}

static bool prose(const char *s)
{
    size_t letters = 0;
    bool space = false;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ') space = true;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) letters++;
    }
    return space && letters >= 2;
}

static int add(parser *p, tl_segbuild *sb, const char *key, const char *lang, unsigned flags)
{
    tl_segment *seg = tl_doc_add(p->doc, sb, key, NULL);
    if (!seg) return oom(p);
    seg->flags |= flags | (p->utf16 ? TL_SEG_UTF16 : 0);
    if (lang) seg->lang = lang;
    return 0;
}

static int entry(parser *p)
{
    tl_segbuild_reset(&p->key);
    tl_segbuild_reset(&p->value);
    int rc = read_string(p, &p->key);
    if (rc < 0) return rc;
    size_t key_end = p->pos;
    if ((rc = skip_space(p)) < 0) return rc;
    size_t n;
    uint32_t c = char_at(p, p->pos, &n);
    bool same = false;
    if (c == ';') {
        same = true;
        p->pos += n;
    } else if (c == '=') {
        p->pos += n;
        if ((rc = skip_space(p)) < 0) return rc;
        char_at(p, p->pos, &n);
        if (!n) return perr(p, p->pos, "expected a value after `=`");
        if ((rc = read_string(p, &p->value)) < 0) return rc;
        size_t value_end = p->pos;
        if ((rc = skip_space(p)) < 0) return rc;
        if (char_at(p, p->pos, &n) != ';' || !n)
            return perr(p, value_end, "missing `;` after the value");
        p->pos += n;
    } else {
        return perr(p, n ? p->pos : key_end, "expected `=` or `;` after the key");
    }
    tl_buf_reset(&p->keytext);
    if (tl_buf_append(&p->keytext, p->key.text.data ? p->key.text.data : "", p->key.text.len) < 0)
        return oom(p);
    const char *key = p->keytext.data ? p->keytext.data : "";
    if (same) return p->key.text.len ? add(p, &p->key, key, NULL, TL_SEG_EXTRACTED) : 0;
    bool genstrings = p->key.text.len == p->value.text.len &&
                      memcmp(p->key.text.data ? p->key.text.data : "",
                             p->value.text.data ? p->value.text.data : "", p->key.text.len) == 0;
    const char *lang = p->doc->lang;
    if (!genstrings && lang && strcmp(lang, "en") != 0 && prose(key) &&
        (rc = add(p, &p->key, key, "en", TL_SEG_EXTRACTED)) < 0)
        return rc;
    if (p->value.text.len &&
        (rc = add(p, &p->value, key, NULL, genstrings ? TL_SEG_EXTRACTED : 0)) < 0)
        return rc;
    return 0;
}

int tl_extract_strings(tl_doc *doc, tl_error *err)
{
    parser p;
    memset(&p, 0, sizeof(p));
    p.doc = doc;
    p.err = err;
    p.b = doc->src.bytes;
    p.len = doc->src.len;
    p.pos = doc->src.bom_len;
    p.utf16 = doc->src.encoding == TL_ENC_UTF16LE ? 1 : doc->src.encoding == TL_ENC_UTF16BE ? 2 : 0;
    tl_segbuild_init(&p.key);
    tl_segbuild_init(&p.value);
    int rc = 0;
    for (;;) {
        if ((rc = skip_space(&p)) < 0) break;
        if (p.pos >= p.len) break;
        if ((rc = entry(&p)) < 0) break;
    }
    if (rc < 0 && !err->code) tl_error_set(err, rc, "out of memory");
    tl_segbuild_free(&p.key);
    tl_segbuild_free(&p.value);
    tl_buf_free(&p.keytext);
    return rc < 0 ? rc : 0;
}

static int put_char(tl_buf *out, int utf16, uint32_t cp)
{
    if (!utf16) {
        char b[4];
        return tl_buf_append(out, b, tl_utf8_encode(b, cp));
    }
    unsigned units[2];
    size_t n = 1;
    if (cp >= 0x10000) {
        cp -= 0x10000;
        units[0] = 0xD800 + (cp >> 10);
        units[1] = 0xDC00 + (cp & 0x3FF);
        n = 2;
    } else {
        units[0] = cp;
    }
    for (size_t i = 0; i < n; i++) {
        char b[2];
        if (utf16 == 1)
            b[0] = (char)(units[i] & 0xFF), b[1] = (char)(units[i] >> 8);
        else
            b[0] = (char)(units[i] >> 8), b[1] = (char)(units[i] & 0xFF);
        if (tl_buf_append(out, b, 2) < 0) return TL_ENOMEM;
    }
    return 0;
}

/* Fix encoder: escapes for the string's quote and for backslashes and line
 * breaks, in the file's encoding (UTF-16 keeps its byte order). An unquoted
 * token can only take token characters. */
int tl_encode_strings(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                      size_t raw_end, const char *text, size_t len)
{
    (void)raw_start;
    (void)raw_end;
    int utf16 = doc->src.encoding == TL_ENC_UTF16LE   ? 1
                : doc->src.encoding == TL_ENC_UTF16BE ? 2
                                                      : 0;
    /* The quote is the character just before the value. */
    uint32_t quote = 0;
    size_t at = seg->raw_start;
    if (utf16 && at >= 2) {
        const unsigned char *b = doc->src.bytes + at - 2;
        quote = utf16 == 1 ? (uint32_t)(b[0] | b[1] << 8) : (uint32_t)(b[0] << 8 | b[1]);
    } else if (!utf16 && at >= 1) {
        quote = doc->src.bytes[at - 1];
    }
    bool quoted = quote == '"' || quote == '\'';
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        uint32_t cp = c;
        size_t n = 1;
        if (c >= 0x80 && !(n = tl_utf8_decode((const unsigned char *)text + i, len - i, &cp)))
            return TL_EUSAGE;
        i += n;
        if (!quoted && !token_char(cp)) return TL_EUSAGE;
        int rc = 0;
        if (cp == '\\' || cp == quote) {
            rc = put_char(out, utf16, '\\');
        } else if (cp == '\n') {
            rc = put_char(out, utf16, '\\');
            cp = 'n';
        }
        if (rc < 0 || put_char(out, utf16, cp) < 0) return TL_ENOMEM;
    }
    return 0;
}
