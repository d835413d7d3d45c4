/* yamlscalar.c - YAML scalar re-lexer with a source map (libyaml rules).
 *
 * Follows libyaml 0.2.5's scanner (yaml_parser_scan_plain_scalar,
 * _flow_scalar, _block_scalar) so the decoded text equals libyaml's value:
 *
 * Line breaks: CR LF, CR, LF and NEL read as "\n"; LS and PS stay as they
 * are. In plain and quoted scalars a line break with the blanks around it
 * folds: one break becomes " ", a break followed by k empty lines becomes
 * k "\n" (an LS/PS first break is kept in front); blanks at the end and start
 * of each line are dropped. Inner blanks of a line are text.
 *   plain    no escapes; no leading or trailing blanks.
 *   'single' `''` is `'`; blanks before the closing quote are text.
 *   "double" escapes \0 \a \b \t \<TAB> \n \v \f \r \e \<SPACE> \" \/ \' \\
 *            \N (NEL) \_ (NBSP) \L (LS) \P (PS) \xXX \uXXXX \UXXXXXXXX;
 *            `\` before a line break joins the lines without a space (the
 *            next line's leading blanks are dropped, empty lines still count).
 *   | >      header: indicators `+`/`-` (chomping) and 1-9 (indentation, from
 *            the enclosing collection's column) in either order, then an
 *            optional comment. Indentation is the given one, or the largest
 *            of the leading empty lines' and first content line's, at least
 *            the parent's + 1. Literal keeps each line break; folded joins
 *            two lines that do not start with a blank with " " (or with the
 *            empty lines between them). Chomping: strip drops the final line
 *            break, clip keeps it, keep also keeps the trailing empty lines.
 * Content runs are literal spans; every escape, `''`, fold, indentation run
 * and final line break is one atomic span over its stored bytes. */
#include "yamlscalar.h"
#include "../core/utf8.h"

#include <string.h>

static bool blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* Bytes that may end a run of text: blanks, line breaks (CR, LF, and the
 * lead bytes of NEL, LS and PS) and, in quoted scalars, quotes and `\`. */
static bool may_stop(unsigned char c)
{
    return c <= ' ' || c == '\'' || c == '"' || c == '\\' || c == 0xC2 || c == 0xE2;
}

/* Length of the line break at b[i] (i < end), or 0; its decoded form goes
 * to *norm / *nlen when they are not NULL. */
static size_t brk(const unsigned char *b, size_t end, size_t i, const char **norm, size_t *nlen)
{
    if (i >= end) return 0;
    const char *n = "\n";
    size_t nl = 1, len;
    unsigned char c = b[i];
    if (c == '\n')
        len = 1;
    else if (c == '\r')
        len = i + 1 < end && b[i + 1] == '\n' ? 2 : 1;
    else if (c == 0xC2 && i + 1 < end && b[i + 1] == 0x85)
        len = 2;
    else if (c == 0xE2 && i + 2 < end && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9))
        len = 3, n = (const char *)b + i, nl = 3;
    else
        return 0;
    if (norm) *norm = n;
    if (nlen) *nlen = nl;
    return len;
}

/* After a first line break (decoded as first[0..first_len), or nothing for
 * an escaped break) that ends at k: skip blanks and further breaks up to the
 * next content. Sets join to what the whole run decodes to and returns the
 * position of the next content. */
static size_t fold(const unsigned char *b, size_t end, size_t k, const char *first,
                   size_t first_len, tl_buf *join, int *rc)
{
    tl_buf_reset(join);
    bool newline = first_len == 1 && first[0] == '\n';
    if (first_len && !newline && tl_buf_append(join, first, first_len) < 0) *rc = TL_ENOMEM;
    size_t breaks = 0;
    for (;;) {
        while (k < end && blank(b[k]))
            k++;
        const char *nb;
        size_t nl, bl = brk(b, end, k, &nb, &nl);
        if (!bl) break;
        if (tl_buf_append(join, nb, nl) < 0) *rc = TL_ENOMEM;
        breaks++;
        k += bl;
    }
    if (newline && !breaks && tl_buf_append(join, " ", 1) < 0) *rc = TL_ENOMEM;
    return k;
}

static int atomic_buf(tl_segbuild *sb, size_t raw, size_t raw_len, const tl_buf *t)
{
    return tl_segbuild_atomic(sb, raw, raw_len, t->data ? t->data : "", t->len);
}

/* The escape at b[i] == '\\' (not before a line break): its decoded bytes
 * in out, its stored length, or 0 when it is not a YAML escape. */
static size_t escape(const unsigned char *b, size_t end, size_t i, char *out, size_t *outlen)
{
    if (i + 1 >= end) return 0;
    const char *s = NULL;
    size_t digits = 0;
    switch (b[i + 1]) {
    case '0':
        s = "\xEF\xBF\xBD";
        break; /* NUL never enters segment text */
    case 'a':
        s = "\a";
        break;
    case 'b':
        s = "\b";
        break;
    case 't':
    case '\t':
        s = "\t";
        break;
    case 'n':
        s = "\n";
        break;
    case 'v':
        s = "\v";
        break;
    case 'f':
        s = "\f";
        break;
    case 'r':
        s = "\r";
        break;
    case 'e':
        s = "\x1B";
        break;
    case ' ':
        s = " ";
        break;
    case '"':
        s = "\"";
        break;
    case '/':
        s = "/";
        break;
    case '\'':
        s = "'";
        break;
    case '\\':
        s = "\\";
        break;
    case 'N':
        s = "\xC2\x85";
        break;
    case '_':
        s = "\xC2\xA0";
        break;
    case 'L':
        s = "\xE2\x80\xA8";
        break;
    case 'P':
        s = "\xE2\x80\xA9";
        break;
    case 'x':
        digits = 2;
        break;
    case 'u':
        digits = 4;
        break;
    case 'U':
        digits = 8;
        break;
    default:
        return 0;
    }
    if (s) {
        *outlen = strlen(s);
        memcpy(out, s, *outlen);
        return 2;
    }
    if (i + 2 + digits > end) return 0;
    unsigned long cp = 0;
    for (size_t k = 0; k < digits; k++) {
        int h = tl_hexval(b[i + 2 + k]);
        if (h < 0) return 0;
        cp = cp << 4 | (unsigned long)h;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
    *outlen = tl_utf8_encode(out, cp ? (uint32_t)cp : 0xFFFD);
    return 2 + digits;
}

/* 'single' and "double" quoted scalars: b[start] and b[end-1] are quotes. */
static int flow_scalar(tl_segbuild *sb, tl_yscalar_info *info, const unsigned char *b, size_t start,
                       size_t end, bool dbl)
{
    unsigned char q = dbl ? '"' : '\'';
    if (end - start < 2 || b[start] != q || b[end - 1] != q) return TL_ESYNTAX;
    size_t i = start + 1, e = end - 1;
    info->content_start = i;
    info->content_end = e;
    sb->raw_begin = i;
    tl_buf join = TL_BUF_INIT;
    int rc = 0;
    while (i < e && rc == 0) {
        size_t j = i;
        while (j < e && (!may_stop(b[j]) || (!blank(b[j]) && b[j] != q && !(dbl && b[j] == '\\') &&
                                             !brk(b, e, j, NULL, NULL))))
            j++;
        if (j > i) {
            rc = tl_segbuild_utf8(sb, i, (const char *)b + i, j - i);
            i = j;
            continue;
        }
        if (b[i] == q) { /* `''` inside a single-quoted scalar */
            if (dbl || i + 1 >= e || b[i + 1] != '\'') {
                rc = TL_ESYNTAX;
                break;
            }
            rc = tl_segbuild_atomic(sb, i, 2, "'", 1);
            i += 2;
            continue;
        }
        if (b[i] == '\\') {
            size_t bl = brk(b, e, i + 1, NULL, NULL);
            if (bl) { /* escaped line break */
                size_t k = fold(b, e, i + 1 + bl, NULL, 0, &join, &rc);
                if (rc == 0) rc = atomic_buf(sb, i, k - i, &join);
                i = k;
                continue;
            }
            char out[8];
            size_t outlen = 0, n = escape(b, e, i, out, &outlen);
            if (!n) {
                rc = TL_ESYNTAX;
                break;
            }
            rc = tl_segbuild_atomic(sb, i, n, out, outlen);
            i += n;
            continue;
        }
        /* Blanks, then maybe a line break. */
        size_t ws = i;
        while (i < e && blank(b[i]))
            i++;
        const char *nb;
        size_t nl, bl = brk(b, e, i, &nb, &nl);
        if (!bl) {
            rc = tl_segbuild_literal(sb, ws, (const char *)b + ws, i - ws);
            continue;
        }
        size_t k = fold(b, e, i + bl, nb, nl, &join, &rc);
        if (rc == 0) rc = atomic_buf(sb, ws, k - ws, &join);
        i = k;
    }
    tl_buf_free(&join);
    return rc;
}

static int plain_scalar(tl_segbuild *sb, tl_yscalar_info *info, const unsigned char *b,
                        size_t start, size_t end)
{
    size_t i = start;
    info->content_start = start;
    info->content_end = end;
    sb->raw_begin = start;
    tl_buf join = TL_BUF_INIT;
    int rc = 0;
    while (i < end && rc == 0) {
        size_t j = i;
        while (j < end && (!may_stop(b[j]) || (!blank(b[j]) && !brk(b, end, j, NULL, NULL))))
            j++;
        if (j > i) {
            rc = tl_segbuild_utf8(sb, i, (const char *)b + i, j - i);
            i = j;
            continue;
        }
        size_t ws = i;
        while (i < end && blank(b[i]))
            i++;
        const char *nb;
        size_t nl, bl = brk(b, end, i, &nb, &nl);
        if (!bl) {
            /* Blanks inside a line are text; at the end they are not. */
            if (i < end) rc = tl_segbuild_literal(sb, ws, (const char *)b + ws, i - ws);
            continue;
        }
        size_t k = fold(b, end, i + bl, nb, nl, &join, &rc);
        if (rc == 0) rc = atomic_buf(sb, ws, k - ws, &join);
        i = k;
    }
    tl_buf_free(&join);
    return rc;
}

/* Empty lines before block content (libyaml's scan_block_scalar_breaks):
 * from the start of a line, skip indentation and collect empty lines into
 * trailing. Sets *col to the indentation of the line it stops at and, when
 * *indent is 0, detects the indentation. */
static size_t block_breaks(const unsigned char *b, size_t len, size_t i, int *indent,
                           int parent_indent, int *col, tl_buf *trailing, size_t *last_break_end,
                           int *rc)
{
    int max_indent = 0;
    for (;;) {
        int c = 0;
        while ((!*indent || c < *indent) && i < len && b[i] == ' ')
            i++, c++;
        if (c > max_indent) max_indent = c;
        *col = c;
        const char *nb;
        size_t nl, bl = brk(b, len, i, &nb, &nl);
        if (!bl) break;
        if (tl_buf_append(trailing, nb, nl) < 0) *rc = TL_ENOMEM;
        i += bl;
        *last_break_end = i;
    }
    if (!*indent) {
        *indent = max_indent;
        if (*indent < parent_indent + 1) *indent = parent_indent + 1;
        if (*indent < 1) *indent = 1;
    }
    return i;
}

static int block_scalar(tl_segbuild *sb, tl_yscalar_info *info, const unsigned char *b, size_t len,
                        size_t start, bool literal, int parent_indent)
{
    size_t i = start + 1;
    int chomp = 0, incr = 0;
    for (int k = 0; k < 2 && i < len; k++) {
        if ((b[i] == '+' || b[i] == '-') && !chomp)
            chomp = b[i++] == '+' ? 1 : -1;
        else if (b[i] >= '1' && b[i] <= '9' && !incr)
            incr = b[i++] - '0';
    }
    while (i < len && blank(b[i]))
        i++;
    if (i < len && b[i] == '#')
        while (i < len && !brk(b, len, i, NULL, NULL))
            i++;
    size_t bl = brk(b, len, i, NULL, NULL);
    if (!bl && i < len) return TL_ESYNTAX;
    i += bl;
    info->content_start = i;
    sb->raw_begin = i;
    int indent = incr ? (parent_indent >= 0 ? parent_indent + incr : incr) : 0;
    tl_buf leading = TL_BUF_INIT, trailing = TL_BUF_INIT, join = TL_BUF_INIT;
    int rc = 0, col = 0;
    size_t region = i, last_break_end = i;
    i = block_breaks(b, len, i, &indent, parent_indent, &col, &trailing, &last_break_end, &rc);
    bool leading_blank = false;
    while (rc == 0 && col == indent && i < len) {
        bool trailing_blank = blank(b[i]);
        tl_buf_reset(&join);
        if (!literal && leading.len == 1 && leading.data[0] == '\n' && !leading_blank &&
            !trailing_blank) {
            if (!trailing.len && tl_buf_append(&join, " ", 1) < 0) rc = TL_ENOMEM;
        } else if (tl_buf_append(&join, leading.data, leading.len) < 0) {
            rc = TL_ENOMEM;
        }
        if (tl_buf_append(&join, trailing.data, trailing.len) < 0) rc = TL_ENOMEM;
        if (rc == 0) rc = atomic_buf(sb, region, i - region, &join);
        tl_buf_reset(&leading);
        tl_buf_reset(&trailing);
        leading_blank = trailing_blank;
        size_t j = i;
        while (j < len && (!may_stop(b[j]) || !brk(b, len, j, NULL, NULL)))
            j++;
        if (rc == 0) rc = tl_segbuild_utf8(sb, i, (const char *)b + i, j - i);
        region = j;
        const char *nb;
        size_t nl;
        bl = brk(b, len, j, &nb, &nl);
        if (bl && tl_buf_append(&leading, nb, nl) < 0) rc = TL_ENOMEM;
        i = j + bl;
        if (bl) last_break_end = i;
        i = block_breaks(b, len, i, &indent, parent_indent, &col, &trailing, &last_break_end, &rc);
    }
    tl_buf_reset(&join);
    if (chomp != -1 && tl_buf_append(&join, leading.data, leading.len) < 0) rc = TL_ENOMEM;
    if (chomp == 1 && tl_buf_append(&join, trailing.data, trailing.len) < 0) rc = TL_ENOMEM;
    if (rc == 0 && last_break_end > region)
        rc = atomic_buf(sb, region, last_break_end - region, &join);
    info->content_end = last_break_end;
    info->indent = indent;
    tl_buf_free(&leading);
    tl_buf_free(&trailing);
    tl_buf_free(&join);
    return rc;
}

/* Skip an anchor and a tag in front of a scalar (libyaml's node marks start
 * at them), with the blanks, comments and line breaks after them. */
static size_t skip_properties(const unsigned char *b, size_t end, size_t i)
{
    while (i < end && (b[i] == '&' || b[i] == '!')) {
        if (b[i] == '!' && i + 1 < end && b[i + 1] == '<') {
            while (i < end && b[i] != '>')
                i++;
            if (i < end) i++;
        } else {
            while (i < end && !blank(b[i]) && !brk(b, end, i, NULL, NULL))
                i++;
        }
        for (;;) {
            while (i < end && blank(b[i]))
                i++;
            if (i < end && b[i] == '#')
                while (i < end && !brk(b, end, i, NULL, NULL))
                    i++;
            size_t bl = brk(b, end, i, NULL, NULL);
            if (!bl) break;
            i += bl;
        }
    }
    return i;
}

int tl_yaml_scalar_decode(tl_segbuild *sb, tl_yscalar_info *info, const unsigned char *b,
                          size_t len, const tl_ynode *n, int parent_indent)
{
    memset(info, 0, sizeof(*info));
    if (n->type != TL_Y_SCALAR || n->start > n->end || n->end > len) return TL_ESYNTAX;
    size_t start = n->tag || n->anchor ? skip_properties(b, n->end, n->start) : n->start;
    if (start > n->end) return TL_ESYNTAX;
    switch (n->style) {
    case TL_Y_SINGLE:
        return flow_scalar(sb, info, b, start, n->end, false);
    case TL_Y_DOUBLE:
        return flow_scalar(sb, info, b, start, n->end, true);
    case TL_Y_LITERAL:
    case TL_Y_FOLDED:
        if (start >= n->end || b[start] != (n->style == TL_Y_LITERAL ? '|' : '>'))
            return TL_ESYNTAX;
        return block_scalar(sb, info, b, len, start, n->style == TL_Y_LITERAL, parent_indent);
    default:
        return plain_scalar(sb, info, b, start, n->end);
    }
}

/* Column (bytes from the line start) of offset off; indentation is ASCII.
 * Lines end at CR, LF, NEL, LS and PS, as for libyaml. */
static int column_of(const unsigned char *b, size_t off)
{
    size_t s = off;
    while (
        s > 0 && b[s - 1] != '\n' && b[s - 1] != '\r' &&
        !(s >= 2 && b[s - 2] == 0xC2 && b[s - 1] == 0x85) &&
        !(s >= 3 && b[s - 3] == 0xE2 && b[s - 2] == 0x80 && (b[s - 1] == 0xA8 || b[s - 1] == 0xA9)))
        s--;
    return (int)(off - s);
}

int tl_yaml_collection_indent(const unsigned char *b, size_t len, const tl_ynode *c)
{
    if (c->start < len && (b[c->start] == '{' || b[c->start] == '[')) return -1;
    if (!c->n) return column_of(b, c->start);
    size_t at = c->items[0]->start;
    if (c->type == TL_Y_SEQ) {
        size_t k = at;
        while (k > 0 && (b[k - 1] == ' ' || b[k - 1] == '\t'))
            k--;
        if (k > 0 && b[k - 1] == '-') return column_of(b, k - 1);
    }
    return column_of(b, at);
}

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* digits and underscores from *i; returns how many digits. */
static size_t digits(const char *s, size_t n, size_t *i)
{
    size_t d = 0;
    while (*i < n && (digit(s[*i]) || s[*i] == '_'))
        d += digit(s[(*i)++]);
    return d;
}

bool tl_yaml_plain_is_special(const char *s, size_t n)
{
    static const char *const words[] = {
        "~",     "null",  "Null",  "NULL",  "yes",   "Yes",   "YES",   "no",    "No",
        "NO",    "true",  "True",  "TRUE",  "false", "False", "FALSE", "on",    "On",
        "ON",    "off",   "Off",   "OFF",   ".inf",  ".Inf",  ".INF",  "-.inf", "-.Inf",
        "-.INF", "+.inf", "+.Inf", "+.INF", ".nan",  ".NaN",  ".NAN",  NULL};
    if (n == 0) return true;
    for (int w = 0; words[w]; w++)
        if (strlen(words[w]) == n && memcmp(words[w], s, n) == 0) return true;
    size_t i = 0;
    if (s[0] == '+' || s[0] == '-') i++;
    if (i >= n) return false;
    /* 0b1010 0x1F */
    if (n - i > 2 && s[i] == '0' && (s[i + 1] == 'b' || s[i + 1] == 'x')) {
        bool hex = s[i + 1] == 'x';
        size_t d = 0;
        for (size_t k = i + 2; k < n; k++) {
            char c = s[k];
            bool ok = c == '_' || c == '0' || c == '1' || (hex && tl_hexval((unsigned char)c) >= 0);
            if (!ok) return false;
            d += c != '_';
        }
        return d > 0;
    }
    /* Timestamps: 2001-12-14, 2001-12-14T21:59:43.10-05:00 */
    if (i == 0 && n >= 8 && digit(s[0]) && digit(s[1]) && digit(s[2]) && digit(s[3]) &&
        s[4] == '-') {
        size_t k = 5, m = 0;
        while (k < n && digit(s[k]) && m < 2)
            k++, m++;
        if (m && k < n && s[k] == '-') {
            k++, m = 0;
            while (k < n && digit(s[k]) && m < 2)
                k++, m++;
            if (m && (k == n || s[k] == 'T' || s[k] == 't' || s[k] == ' ')) return true;
        }
    }
    size_t k = i, d = digits(s, n, &k);
    if (k == n) return d > 0; /* decimal or octal integer */
    /* Sexagesimal 1:30 and 1:30.5 */
    if (s[k] == ':' && d > 0) {
        while (k < n && s[k] == ':') {
            k++;
            size_t m = 0;
            while (k < n && digit(s[k]) && m < 2)
                k++, m++;
            if (m == 0 || (m == 2 && s[k - 2] > '5')) return false;
        }
        if (k == n) return true;
        if (s[k] != '.') return false;
        k++;
        digits(s, n, &k);
        return k == n;
    }
    if (s[k] != '.') return false;
    k++;
    d += digits(s, n, &k);
    if (d == 0) return false;
    if (k < n && (s[k] == 'e' || s[k] == 'E')) {
        k++;
        if (k < n && (s[k] == '+' || s[k] == '-')) k++;
        size_t e = 0;
        while (k < n && digit(s[k]))
            k++, e++;
        if (!e) return false;
    }
    return k == n;
}
