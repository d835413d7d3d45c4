/* jsonscan.c - strict JSON pull scanner with byte offsets.
 *
 * Grammar (RFC 8259): value = object | array | string | number | true |
 * false | null; white space is space, tab, LF and CR only. Strings hold any
 * character except `"`, `\` and U+0000..U+001F, plus the escapes
 *   \"  \\  \/  \b  \f  \n  \r  \t  \uXXXX
 * where a \u escape in D800-DBFF must be followed by a \u escape in
 * DC00-DFFF (the pair is one character) and a lone surrogate is an error.
 * Numbers: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. No comments, no
 * trailing commas. A UTF-8 byte-order mark before the value is accepted.
 * Nesting is kept on a fixed stack, so hostile input cannot exhaust the C
 * stack: depth TL_JSON_MAX_DEPTH + 1 is an error at once. */
#include "jsonscan.h"
#include "../core/utf8.h"

#include <stdio.h>
#include <string.h>

enum { S_VALUE, S_VALUE_OR_CLOSE, S_KEY, S_KEY_OR_CLOSE, S_COLON, S_AFTER, S_DONE };

void tl_jscan_init(tl_jscan *s, tl_doc *doc, tl_error *err)
{
    memset(s, 0, sizeof(*s));
    s->doc = doc;
    s->err = err;
    s->b = doc->src.bytes;
    s->len = doc->src.len;
    if (s->len >= 3 && s->b[0] == 0xEF && s->b[1] == 0xBB && s->b[2] == 0xBF) s->pos = 3;
    s->state = S_VALUE;
}

/* A byte for a message: `x` when printable ASCII, else its hex value. */
static const char *show(char *buf, size_t size, unsigned char c)
{
    if (c > 0x20 && c < 0x7F)
        snprintf(buf, size, "`%c`", c);
    else
        snprintf(buf, size, "byte 0x%02X", c);
    return buf;
}

static int fail(tl_jscan *s, size_t off, const char *msg)
{
    return tl_doc_error(s->doc, s->err, TL_ESYNTAX, off, "%s", msg);
}

static int unexpected(tl_jscan *s, const char *expected)
{
    char buf[16];
    return tl_doc_error(s->doc, s->err, TL_ESYNTAX, s->pos, "unexpected %s: expected %s",
                        show(buf, sizeof(buf), s->b[s->pos]), expected);
}

/* The 4 hex digits at b[i..i+4) as a code unit, or -1. */
static long hex4(const unsigned char *b, size_t len, size_t i)
{
    if (i + 4 > len) return -1;
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = tl_hexval(b[i + k]);
        if (h < 0) return -1;
        v = v << 4 | h;
    }
    return v;
}

/* The string starting at s->pos (a quote). Validates it and sets the token. */
static int scan_string(tl_jscan *s)
{
    const unsigned char *b = s->b;
    size_t len = s->len, i = s->pos + 1;
    s->start = s->pos;
    s->escaped = false;
    for (;;) {
        while (i < len && b[i] >= 0x20 && b[i] != '"' && b[i] != '\\')
            i++;
        if (i >= len) return fail(s, s->start, "unterminated string");
        unsigned char c = b[i];
        if (c == '"') break;
        if (c < 0x20) {
            if (c == '\n' || c == '\r')
                return fail(s, i, "line break inside a string (write it as \\n)");
            return tl_doc_error(s->doc, s->err, TL_ESYNTAX, i,
                                "control character U+%04X inside a string (escape it as \\u%04X)",
                                c, c);
        }
        /* A backslash. */
        s->escaped = true;
        if (i + 1 >= len) return fail(s, s->start, "unterminated string");
        switch (b[i + 1]) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            i += 2;
            break;
        case 'u': {
            long u = hex4(b, len, i + 2);
            if (u < 0) return fail(s, i, "invalid \\u escape: expected 4 hex digits");
            if (u >= 0xDC00 && u <= 0xDFFF)
                return tl_doc_error(
                    s->doc, s->err, TL_ESYNTAX, i,
                    "lone low surrogate \\u%04lX (not preceded by a high surrogate)", u);
            if (u >= 0xD800 && u <= 0xDBFF) {
                long lo =
                    i + 7 < len && b[i + 6] == '\\' && b[i + 7] == 'u' ? hex4(b, len, i + 8) : -1;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return tl_doc_error(s->doc, s->err, TL_ESYNTAX, i,
                                        "lone high surrogate \\u%04lX (not followed by a low "
                                        "surrogate \\uDC00-\\uDFFF)",
                                        u);
                i += 12;
            } else {
                i += 6;
            }
            break;
        }
        default: {
            char buf[16];
            return tl_doc_error(s->doc, s->err, TL_ESYNTAX, i,
                                "invalid escape \\%s in a string (JSON allows \\\" \\\\ \\/ \\b "
                                "\\f \\n \\r \\t \\uXXXX)",
                                b[i + 1] > 0x20 && b[i + 1] < 0x7F
                                    ? (snprintf(buf, sizeof(buf), "%c", b[i + 1]), buf)
                                    : show(buf, sizeof(buf), b[i + 1]));
        }
        }
    }
    s->pos = i + 1;
    s->end = s->pos;
    return 0;
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int scan_number(tl_jscan *s)
{
    const unsigned char *b = s->b;
    size_t len = s->len, i = s->pos;
    s->start = i;
    if (b[i] == '-') i++;
    if (i >= len || !is_digit(b[i])) return fail(s, s->start, "invalid number: expected a digit");
    if (b[i] == '0')
        i++;
    else
        while (i < len && is_digit(b[i]))
            i++;
    if (i < len && b[i] == '.') {
        i++;
        if (i >= len || !is_digit(b[i]))
            return fail(s, i, "invalid number: expected a digit after `.`");
        while (i < len && is_digit(b[i]))
            i++;
    }
    if (i < len && (b[i] == 'e' || b[i] == 'E')) {
        i++;
        if (i < len && (b[i] == '+' || b[i] == '-')) i++;
        if (i >= len || !is_digit(b[i]))
            return fail(s, i, "invalid number: expected a digit in the exponent");
        while (i < len && is_digit(b[i]))
            i++;
    }
    if (i < len && (is_digit(b[i]) || b[i] == '.' || b[i] == 'e' || b[i] == 'E' ||
                    (b[i] >= 'a' && b[i] <= 'z') || (b[i] >= 'A' && b[i] <= 'Z')))
        return fail(s, s->start,
                    "invalid number (leading zeros, stray letters and bare `.` are not JSON)");
    s->pos = s->end = i;
    return 0;
}

static int scan_literal(tl_jscan *s, const char *word, int tok)
{
    size_t n = strlen(word);
    s->start = s->pos;
    if (s->len - s->pos < n || memcmp(s->b + s->pos, word, n) != 0 ||
        (s->pos + n < s->len &&
         ((s->b[s->pos + n] >= 'a' && s->b[s->pos + n] <= 'z') ||
          (s->b[s->pos + n] >= 'A' && s->b[s->pos + n] <= 'Z') || is_digit(s->b[s->pos + n]))))
        return unexpected(s, "a value (string, number, object, array, true, false or null)");
    s->pos = s->end = s->pos + n;
    return tok;
}

static int open_container(tl_jscan *s, bool object)
{
    if (s->depth >= TL_JSON_MAX_DEPTH)
        return tl_doc_error(s->doc, s->err, TL_ELIMIT, s->pos, "JSON nested deeper than %d levels",
                            TL_JSON_MAX_DEPTH);
    s->stack[s->depth++] = object ? 1 : 0;
    s->start = s->pos;
    s->end = ++s->pos;
    s->state = object ? S_KEY_OR_CLOSE : S_VALUE_OR_CLOSE;
    return object ? TL_JTOK_OBJECT : TL_JTOK_ARRAY;
}

static int close_container(tl_jscan *s)
{
    bool object = s->stack[--s->depth];
    s->start = s->pos;
    s->end = ++s->pos;
    s->state = S_AFTER;
    return object ? TL_JTOK_OBJECT_END : TL_JTOK_ARRAY_END;
}

static int scan_value(tl_jscan *s)
{
    int rc;
    s->begun = true;
    switch (s->b[s->pos]) {
    case '{':
        return open_container(s, true);
    case '[':
        return open_container(s, false);
    case '"':
        if ((rc = scan_string(s)) < 0) return rc;
        s->state = S_AFTER;
        return TL_JTOK_STRING;
    case 't':
        rc = scan_literal(s, "true", TL_JTOK_TRUE);
        break;
    case 'f':
        rc = scan_literal(s, "false", TL_JTOK_FALSE);
        break;
    case 'n':
        rc = scan_literal(s, "null", TL_JTOK_NULL);
        break;
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
        if ((rc = scan_number(s)) < 0) return rc;
        rc = TL_JTOK_NUMBER;
        break;
    case ']':
        /* In an array, S_VALUE (not S_VALUE_OR_CLOSE) means after a comma. */
        if (s->depth > 0 && !s->stack[s->depth - 1] && s->state == S_VALUE)
            return fail(s, s->pos, "trailing comma before the end of the array");
        /* fall through */
    default:
        return unexpected(s, "a value (string, number, object, array, true, false or null)");
    }
    if (rc >= 0) s->state = S_AFTER;
    return rc;
}

int tl_jscan_next(tl_jscan *s)
{
    const unsigned char *b = s->b;
    for (;;) {
        while (s->pos < s->len &&
               (b[s->pos] == ' ' || b[s->pos] == '\n' || b[s->pos] == '\r' || b[s->pos] == '\t'))
            s->pos++;
        if (s->state == S_DONE) return TL_JTOK_END;
        if (s->pos >= s->len) {
            if ((s->state == S_AFTER || (s->state == S_VALUE && !s->begun)) && s->depth == 0) {
                s->state = S_DONE;
                return TL_JTOK_END;
            }
            return tl_doc_error(s->doc, s->err, TL_ESYNTAX, s->len,
                                "unexpected end of file inside %s",
                                s->depth && s->stack[s->depth - 1] ? "an object" : "an array");
        }
        unsigned char c = b[s->pos];
        switch (s->state) {
        case S_AFTER:
            if (s->depth == 0) return unexpected(s, "end of file after the top-level value");
            if (c == ',') {
                s->pos++;
                s->state = s->stack[s->depth - 1] ? S_KEY : S_VALUE;
                continue;
            }
            if (c == (s->stack[s->depth - 1] ? '}' : ']')) return close_container(s);
            return unexpected(s, s->stack[s->depth - 1] ? "`,` or `}` after an object member"
                                                        : "`,` or `]` after an array item");
        case S_KEY_OR_CLOSE:
            if (c == '}') return close_container(s);
            /* fall through */
        case S_KEY: {
            if (c != '"') {
                if (c == '}') return fail(s, s->pos, "trailing comma before the end of the object");
                return unexpected(s, "a string key in double quotes");
            }
            int rc = scan_string(s);
            if (rc < 0) return rc;
            s->state = S_COLON;
            return TL_JTOK_KEY;
        }
        case S_COLON:
            if (c != ':') return unexpected(s, "`:` after the key");
            s->pos++;
            s->state = S_VALUE;
            continue;
        case S_VALUE_OR_CLOSE:
            if (c == ']') return close_container(s);
            return scan_value(s);
        default:
            return scan_value(s);
        }
    }
}

int tl_jscan_skip(tl_jscan *s)
{
    int depth = s->depth;
    /* After an OBJECT/ARRAY token the container is open: skip to its end. */
    if (s->state == S_KEY_OR_CLOSE || s->state == S_VALUE_OR_CLOSE) depth--;
    do {
        int tok = tl_jscan_next(s);
        if (tok < 0) return tok;
        if (tok == TL_JTOK_END) return 0;
    } while (s->depth > depth);
    return 0;
}

int tl_jscan_decode(const tl_jscan *s, tl_segbuild *sb)
{
    const unsigned char *b = s->b;
    size_t i = s->start + 1, e = s->end - 1;
    sb->raw_begin = i;
    if (!s->escaped) return tl_segbuild_utf8(sb, i, (const char *)b + i, e - i);
    size_t run = i;
    int rc;
    while (i < e) {
        if (b[i] != '\\') {
            i++;
            continue;
        }
        if ((rc = tl_segbuild_utf8(sb, run, (const char *)b + run, i - run)) < 0) return rc;
        char out[4];
        size_t n = 1, raw = 2;
        switch (b[i + 1]) {
        case 'b':
            out[0] = '\b';
            break;
        case 'f':
            out[0] = '\f';
            break;
        case 'n':
            out[0] = '\n';
            break;
        case 'r':
            out[0] = '\r';
            break;
        case 't':
            out[0] = '\t';
            break;
        case 'u': {
            /* Validated by the scanner: a BMP unit or a surrogate pair. */
            unsigned long cp = (unsigned long)hex4(b, s->len, i + 2);
            raw = 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned long lo = (unsigned long)hex4(b, s->len, i + 8);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                raw = 12;
            }
            if (cp == 0) cp = 0xFFFD; /* segment text never holds NUL */
            n = tl_utf8_encode(out, (uint32_t)cp);
            break;
        }
        default:
            out[0] = (char)b[i + 1];
            break; /* " \ / */
        }
        if ((rc = tl_segbuild_atomic(sb, i, raw, out, n)) < 0) return rc;
        i += raw;
        run = i;
    }
    return tl_segbuild_utf8(sb, run, (const char *)b + run, e - run);
}

bool tl_jscan_is(const tl_jscan *s, const char *lit)
{
    size_t n = strlen(lit);
    return !s->escaped && s->end - s->start == n + 2 && memcmp(s->b + s->start + 1, lit, n) == 0;
}
