/* php.c - PHP translation arrays (Laravel `lang/en/NAME.php`,
 * `resources/lang/en/NAME.php`, and the many PHP products that keep copy the
 * same way).
 *
 * The file is read as data, never run: `<?php`, then optional
 * `declare(...);`, `namespace ...;` and `use ...;` statements, then
 * `return` of one array (`[...]` or `array(...)`), an optional `?>` and
 * nothing else. Other PHP products (OpenCart, CodeIgniter and their kin)
 * fill a language array statement by statement instead: `$_['key'] =
 * 'text';`, `$lang['a']['b'] = [...];`, after an optional access guard
 * (`defined('BASEPATH') or exit('No direct script access allowed');`),
 * or build it in one statement and return it (`$lang = array(...);
 * return $lang;`) or hand it to their loader (`register_languages('en',
 * $en);`); the variable's name is not part of the key, and an
 * entry that repeats another (`$labels['a'] = $labels['b'];`, Roundcube's
 * `.inc` catalogs) is an alias, not copy. phpBB
 * guards its files with `if (!defined('IN_PHPBB')) { exit; }`, starts the
 * array with `if (empty($lang) || !is_array($lang)) { $lang = array(); }`
 * and adds to it with `$lang = array_merge($lang, array(...));`.
 *
 * Inside the array: `key => value` and bare values, commas between (a
 * trailing one allowed); keys are string or integer literals; values are
 * strings, nested arrays, numbers, true, false and null. Strings are
 * single-quoted (`\\` and `\'` are escapes, any other backslash is text)
 * or double-quoted (`\n \t \r \v \e \f \\ \$ \"`, octal `\ooo`, hex
 * `\xHH`, `\u{...}`; other backslashes are text), and literals joined
 * with `.` are one string; a constant, variable or simple call joined to
 * them (`'At ' . env('APP_NAME')`) reads as the placeholder `%s`.
 * Comments (`//`, `#`, slash-star) are skipped
 * and scanned for tonelint directives.
 *
 * Heredocs and nowdocs are read as PHP 7.3 reads them (see heredoc()).
 * Anything else (function calls such as `__()`, constants, variables in a
 * double-quoted string or a heredoc) is a syntax error at its line and column:
 * PHP code is never linted as prose.
 *
 * Keys follow PHP: a bare value gets the next integer index, and a string
 * key that is a canonical integer (`'5'`) is that integer. The segment key
 * is the path of keys, dotted like the JSON catalogs (`auth.failed`,
 * `list[2]`). Placeholders (`:name`, `{name}`) stay in the text; the
 * tokenizer masks them. */
#include "format.h"
#include "../core/utf8.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 64

/* tl_segment.style: the quote of the string's literals. */
enum { STYLE_SINGLE = 1, STYLE_DOUBLE = 2, STYLE_MIXED = 3 };

typedef struct parser {
    tl_doc *doc;
    tl_error *err;
    const char *b;
    size_t len, pos;
    tl_segbuild sb; /* a string value (or a key, before `=>` decides) */
    tl_buf path;    /* key path of the value being read */
    unsigned style;
    int depth;
} parser;

static int perr(parser *p, size_t off, const char *msg)
{
    return tl_doc_error(p->doc, p->err, TL_ESYNTAX, off, "%s", msg);
}

static int oom(parser *p)
{
    return tl_error_set(p->err, TL_ENOMEM, "out of memory");
}

static bool at(const parser *p, const char *s)
{
    size_t n = strlen(s);
    return p->pos + n <= p->len && memcmp(p->b + p->pos, s, n) == 0;
}

static bool ident_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

/* Whether a case-insensitive keyword starts at pos (and is a whole word). */
static bool keyword(const parser *p, const char *w)
{
    size_t n = strlen(w);
    return p->pos + n <= p->len && strncasecmp(p->b + p->pos, w, n) == 0 &&
           (p->pos + n == p->len || !ident_char((unsigned char)p->b[p->pos + n])) &&
           (p->pos == 0 || !ident_char((unsigned char)p->b[p->pos - 1]));
}

/* Skip white space and comments; comments are scanned for directives. */
static int skip_ws(parser *p)
{
    while (p->pos < p->len) {
        char c = p->b[p->pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            p->pos++;
        } else if ((c == '/' && at(p, "//")) || (c == '#' && !at(p, "#["))) {
            size_t start = p->pos, a = p->pos + (c == '#' ? 1 : 2);
            p->pos = a;
            while (p->pos < p->len && p->b[p->pos] != '\n' && p->b[p->pos] != '\r' && !at(p, "?>"))
                p->pos++;
            if (tl_doc_scan_comment(p->doc, p->b + a, p->pos - a, start) < 0) return oom(p);
        } else if (c == '/' && at(p, "/*")) {
            size_t start = p->pos;
            const char *e = p->pos + 2 < p->len
                                ? memmem(p->b + p->pos + 2, p->len - p->pos - 2, "*/", 2)
                                : NULL;
            if (!e) return perr(p, start, "unterminated comment (missing `*/`)");
            size_t end = (size_t)(e - p->b);
            if (tl_doc_scan_comment(p->doc, p->b + start + 2, end - start - 2, start) < 0)
                return oom(p);
            p->pos = end + 2;
        } else {
            break;
        }
    }
    return 0;
}

/* An escape that decodes to one byte: an ASCII character, or U+FFFD for a
 * byte PHP would store raw (not UTF-8 on its own) or a NUL. */
static int byte_escape(parser *p, size_t off, size_t raw_len, unsigned v)
{
    char c = (char)v;
    int rc = v > 0 && v < 0x80 ? tl_segbuild_atomic(&p->sb, off, raw_len, &c, 1)
                               : tl_segbuild_atomic(&p->sb, off, raw_len, "\xEF\xBF\xBD", 3);
    return rc < 0 ? oom(p) : 0;
}

/* The escape at b[i] == '\\' in a double-quoted string or a heredoc
 * (`\n \t \r \v \e \f \\ \$ \"`, octal `\ooo`, hex `\xHH`, `\u{...}`): appends
 * what it decodes to (the caller has flushed the text before it), sets
 * *next past it and returns 1; 0 when the backslash is text (`\q`). */
static int dq_escape(parser *p, size_t i, size_t *next)
{
    const char *b = p->b;
    char e = b[i + 1];
    const char *simple = strchr("ntrvef\\$\"", e);
    if (simple && e) {
        static const char decoded[] = "\n\t\r\v\x1b\f\\$\"";
        if (tl_segbuild_atomic(&p->sb, i, 2, &decoded[simple - "ntrvef\\$\""], 1) < 0)
            return oom(p);
        *next = i + 2;
        return 1;
    } else if (e >= '0' && e <= '7') {
        size_t k = i + 1;
        unsigned v = 0;
        while (k < p->len && k < i + 4 && b[k] >= '0' && b[k] <= '7')
            v = v * 8 + (unsigned)(b[k++] - '0');
        if (byte_escape(p, i, k - i, v & 0xFF) < 0) return TL_ENOMEM;
        *next = k;
        return 1;
    } else if (e == 'x' && i + 2 < p->len && tl_hexval(b[i + 2]) >= 0) {
        size_t k = i + 2;
        unsigned v = 0;
        while (k < p->len && k < i + 4 && tl_hexval(b[k]) >= 0)
            v = v * 16 + (unsigned)tl_hexval(b[k++]);
        if (byte_escape(p, i, k - i, v) < 0) return TL_ENOMEM;
        *next = k;
        return 1;
    } else if (e == 'u' && i + 2 < p->len && b[i + 2] == '{') {
        size_t k = i + 3;
        uint32_t cp = 0;
        while (k < p->len && tl_hexval(b[k]) >= 0 && cp <= 0x10FFFF)
            cp = cp * 16 + (uint32_t)tl_hexval(b[k++]);
        if (k == i + 3 || k >= p->len || b[k] != '}' || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return perr(p, i, "invalid `\\u{...}` escape");
        char out[4];
        size_t n;
        if (cp == 0) {
            memcpy(out, "\xEF\xBF\xBD", 3);
            n = 3;
        } else {
            n = tl_utf8_encode(out, cp);
        }
        if (tl_segbuild_atomic(&p->sb, i, k + 1 - i, out, n) < 0) return oom(p);
        *next = k + 1;
        return 1;
    }
    *next = i + 1;
    return 0;
}

/* One quoted literal at pos, appended to p->sb. */
static int literal(parser *p)
{
    const char *b = p->b;
    char q = b[p->pos];
    size_t open = p->pos, i = p->pos + 1, run = i;
    unsigned style = q == '\'' ? STYLE_SINGLE : STYLE_DOUBLE;
    p->style = p->style == 0 || p->style == style ? style : STYLE_MIXED;
    if (!p->sb.text.len && !p->sb.nspans) p->sb.raw_begin = i;
#define FLUSH()                                                                                    \
    do {                                                                                           \
        if (i > run && tl_segbuild_utf8(&p->sb, run, b + run, i - run) < 0) return oom(p);         \
    } while (0)
    while (i < p->len && b[i] != q) {
        char c = b[i];
        if (q == '"' && (c == '$' && i + 1 < p->len &&
                         (isalpha((unsigned char)b[i + 1]) || b[i + 1] == '_' ||
                          (unsigned char)b[i + 1] >= 0x80 || b[i + 1] == '{'))) {
            return perr(p, i,
                        "a variable in a string is PHP code, not text; tonelint reads "
                        "literal strings only");
        }
        if (q == '"' && c == '{' && i + 1 < p->len && b[i + 1] == '$')
            return perr(p, i,
                        "a variable in a string is PHP code, not text; tonelint reads "
                        "literal strings only");
        if (c != '\\' || i + 1 >= p->len) {
            i++;
            continue;
        }
        char e = b[i + 1];
        if (q == '\'') {
            if (e == '\\' || e == '\'') {
                FLUSH();
                if (tl_segbuild_atomic(&p->sb, i, 2, &e, 1) < 0) return oom(p);
                run = i += 2;
            } else {
                i++; /* a backslash before anything else is text */
            }
            continue;
        }
        FLUSH();
        run = i;
        size_t next = i + 1;
        int rc = dq_escape(p, i, &next);
        if (rc < 0) return rc;
        if (rc) run = next;
        i = next;
    }
    if (i >= p->len) return perr(p, open, "unterminated string");
    FLUSH();
#undef FLUSH
    p->pos = i + 1;
    return 0;
}

/* A heredoc (`<<<TEXT`, `<<<"TEXT"`) or nowdoc (`<<<'TEXT'`), read as PHP
 * 7.3 and later read it: the text runs from the line after the label to
 * the line whose first word is the label again; that line's indentation is
 * taken off every line of the text, and the line break before it is not
 * part of the text. A nowdoc is literal; a heredoc decodes the escapes of a
 * double-quoted string but `\"`, and a variable in it is code, not text. Neither is
 * rewritten by a fix (the segment's style is mixed). */
static int heredoc(parser *p)
{
    const char *b = p->b;
    size_t open = p->pos, i = p->pos + 3;
    while (i < p->len && (b[i] == ' ' || b[i] == '\t'))
        i++;
    char q = i < p->len && (b[i] == '\'' || b[i] == '"') ? b[i++] : 0;
    size_t label = i;
    if (i >= p->len || !(isalpha((unsigned char)b[i]) || b[i] == '_'))
        return perr(p, open, "expected a label after `<<<`");
    while (i < p->len && ident_char((unsigned char)b[i]))
        i++;
    size_t label_len = i - label;
    if (q && (i >= p->len || b[i++] != q))
        return perr(p, label, "the heredoc's label is not closed");
    if (i < p->len && b[i] == '\r') i++;
    if (i >= p->len || b[i] != '\n')
        return perr(p, i, "expected a line break after the heredoc's label");
    size_t body = i + 1, close = body, indent = 0;
    for (;;) {
        if (close >= p->len)
            return perr(p, open, "unterminated heredoc: no line closes it with its label");
        size_t k = close;
        while (k < p->len && (b[k] == ' ' || b[k] == '\t'))
            k++;
        if (p->len - k >= label_len && memcmp(b + k, b + label, label_len) == 0 &&
            (k + label_len == p->len || !ident_char((unsigned char)b[k + label_len]))) {
            indent = k - close;
            p->pos = k + label_len;
            break;
        }
        const char *nl = memchr(b + close, '\n', p->len - close);
        close = nl ? (size_t)(nl - b) + 1 : p->len;
    }
    /* The text ends before the line break that precedes the closing line. */
    size_t end = close > body ? close - 1 : body;
    if (end > body && b[end - 1] == '\r') end--;
    p->style = STYLE_MIXED;
    if (!p->sb.text.len && !p->sb.nspans) p->sb.raw_begin = body;
    for (size_t line = body; line < end;) {
        const char *nl = memchr(b + line, '\n', end - line);
        size_t stop = nl ? (size_t)(nl - b) : end, text_end = stop;
        if (text_end > line && b[text_end - 1] == '\r' && nl) text_end--;
        size_t k = line;
        while (k < text_end && k < line + indent && (b[k] == ' ' || b[k] == '\t'))
            k++;
        if (k < line + indent && k < text_end)
            return perr(p, k, "a heredoc line is indented less than its closing label");
        size_t run = k;
        while (k < text_end) {
            if (q != '\'' &&
                (b[k] == '$' || (b[k] == '{' && k + 1 < text_end && b[k + 1] == '$')) &&
                k + 1 < text_end &&
                (isalpha((unsigned char)b[k + 1]) || b[k + 1] == '_' || b[k + 1] == '{' ||
                 b[k + 1] == '$' || (unsigned char)b[k + 1] >= 0x80))
                return perr(p, k,
                            "a variable in a string is PHP code, not text; tonelint reads "
                            "literal strings only");
            /* In a heredoc `\"` is text: quotes need no escape there. */
            if (q == '\'' || b[k] != '\\' || k + 1 >= text_end || b[k + 1] == '"') {
                k++;
                continue;
            }
            if (k > run && tl_segbuild_utf8(&p->sb, run, b + run, k - run) < 0) return oom(p);
            size_t next = k + 1;
            int rc = dq_escape(p, k, &next);
            if (rc < 0) return rc;
            run = rc ? next : k;
            k = next;
        }
        if (k > run && tl_segbuild_utf8(&p->sb, run, b + run, k - run) < 0) return oom(p);
        if (!nl) break;
        /* The line break between two lines of the text: LF, or CRLF read as LF. */
        if (tl_segbuild_atomic(&p->sb, text_end, stop + 1 - text_end, "\n", 1) < 0) return oom(p);
        line = stop + 1;
    }
    return 0;
}

/* A string literal at pos: quoted, or a heredoc or nowdoc. */
static int string_literal(parser *p)
{
    return at(p, "<<<") ? heredoc(p) : literal(p);
}

static bool string_at(const parser *p)
{
    return p->pos < p->len && (p->b[p->pos] == '\'' || p->b[p->pos] == '"' || at(p, "<<<"));
}

/* One past the closing quote of the literal that opens at b[k], or 0 when
 * it is unterminated or, in double quotes, interpolates a variable. */
static size_t quoted_end(const parser *p, size_t k)
{
    char q = p->b[k++];
    while (k < p->len && p->b[k] != q) {
        if (p->b[k] == '$' && q == '"') return 0;
        k += p->b[k] == '\\' ? 2 : 1;
    }
    return k < p->len ? k + 1 : 0;
}

/* A value computed at run time and joined to the copy with `.`: a
 * constant, a variable (with `['key']` or `->name` after it) or a call
 * whose arguments hold no block or statement (`env('APP_NAME')`,
 * `config('app.name')`). Its end, or 0 when there is none at pos. */
static size_t dynamic_operand(const parser *p)
{
    size_t k = p->pos;
    if (k < p->len && p->b[k] == '$') k++;
    size_t name = k;
    while (k < p->len && (ident_char((unsigned char)p->b[k]) || p->b[k] == '\\' ||
                          (p->b[k] == ':' && k + 1 < p->len && p->b[k + 1] == ':') ||
                          (k > name && p->b[k - 1] == ':' && p->b[k] == ':')))
        k++;
    if (k == name || isdigit((unsigned char)p->b[name])) return 0;
    for (;;) {
        if (k < p->len && p->b[k] == '(') {
            int depth = 0;
            for (; k < p->len; k++) {
                char c = p->b[k];
                if (c == '\'' || c == '"') {
                    size_t e = quoted_end(p, k);
                    if (!e) return 0;
                    k = e - 1;
                } else if (c == '(' || c == '[') {
                    depth++;
                } else if (c == ')' || c == ']') {
                    if (--depth == 0) break;
                } else if (c == ';' || c == '{' || c == '}' || c == '\n') {
                    return 0;
                }
            }
            if (k >= p->len) return 0;
            k++;
        } else if (k + 1 < p->len && p->b[k] == '[' &&
                   (p->b[k + 1] == '\'' || p->b[k + 1] == '"')) {
            k = quoted_end(p, k + 1);
            if (!k || k >= p->len || p->b[k] != ']') return 0;
            k++;
        } else if (k + 2 < p->len && p->b[k] == '-' && p->b[k + 1] == '>') {
            k += 2;
            size_t m = k;
            while (k < p->len && ident_char((unsigned char)p->b[k]))
                k++;
            if (k == m) return 0;
        } else {
            return k;
        }
    }
}

/* Literals joined with `.` into p->sb. pos is at the first quote. A part
 * computed at run time (`"Appointment at " . env('APP_NAME')`) reads as
 * a placeholder, `%s`, standing for its source bytes. */
static int string_value(parser *p)
{
    int rc;
    if ((rc = string_literal(p)) < 0) return rc;
    for (;;) {
        if ((rc = skip_ws(p)) < 0) return rc;
        if (!(p->pos < p->len && p->b[p->pos] == '.' &&
              !(p->pos + 1 < p->len && p->b[p->pos + 1] == '=')))
            return 0;
        size_t dot = p->pos++;
        if ((rc = skip_ws(p)) < 0) return rc;
        if (string_at(p)) {
            if ((rc = string_literal(p)) < 0) return rc;
            continue;
        }
        size_t end = p->pos < p->len ? dynamic_operand(p) : 0;
        if (!end)
            return perr(p, p->pos < p->len ? p->pos : dot,
                        "`.` joins string literals and simple values only; tonelint does not "
                        "run PHP code");
        if (tl_segbuild_atomic(&p->sb, p->pos, end - p->pos, "%s", 2) < 0) return oom(p);
        p->pos = end;
    }
}

static bool quote_at(const parser *p)
{
    return p->pos < p->len && (p->b[p->pos] == '\'' || p->b[p->pos] == '"');
}

/* An integer literal at pos (decimal, optional sign); false when there is
 * none. Sets *v. */
static bool int_literal(parser *p, int64_t *v)
{
    size_t i = p->pos;
    if (i < p->len && (p->b[i] == '-' || p->b[i] == '+')) i++;
    size_t d = i;
    while (i < p->len && (isdigit((unsigned char)p->b[i]) || p->b[i] == '_'))
        i++;
    if (i == d || (i < p->len && (ident_char((unsigned char)p->b[i]) || p->b[i] == '.')))
        return false;
    char buf[32];
    size_t n = 0;
    for (size_t k = p->pos; k < i && n + 1 < sizeof(buf); k++)
        if (p->b[k] != '_') buf[n++] = p->b[k];
    buf[n] = '\0';
    errno = 0;
    long long x = strtoll(buf, NULL, 10);
    if (errno) return false;
    *v = x;
    p->pos = i;
    return true;
}

/* A number literal that is not copy: skipped. */
static bool number(parser *p)
{
    size_t i = p->pos;
    if (i < p->len && (p->b[i] == '-' || p->b[i] == '+')) i++;
    if (i >= p->len || !(isdigit((unsigned char)p->b[i]) || p->b[i] == '.')) return false;
    while (i < p->len && (isalnum((unsigned char)p->b[i]) || p->b[i] == '_' || p->b[i] == '.'))
        i++;
    p->pos = i;
    return true;
}

/* Whether s[0..n) is an integer PHP would use as an array key. */
static bool canonical_int(const char *s, size_t n, int64_t *v)
{
    size_t i = 0;
    if (n && s[0] == '-') i = 1;
    if (i >= n || n - i > 18) return false;
    if (s[i] == '0' && n - i > 1) return false;
    if (s[i] == '0' && i == 1) return false; /* "-0" */
    int64_t x = 0;
    for (size_t k = i; k < n; k++) {
        if (!isdigit((unsigned char)s[k])) return false;
        x = x * 10 + (s[k] - '0');
    }
    *v = i ? -x : x;
    return true;
}

static int path_push_int(parser *p, int64_t v)
{
    return tl_buf_printf(&p->path, "[%" PRId64 "]", v) < 0 ? oom(p) : 0;
}

static int path_push_name(parser *p, const char *s, size_t n)
{
    if (p->path.len && tl_buf_putc(&p->path, '.') < 0) return oom(p);
    return tl_buf_append(&p->path, s, n) < 0 ? oom(p) : 0;
}

/* The string key read into p->sb: PHP makes a canonical integer ('5') the
 * integer key 5. Sets *ikey and returns 1 when it did, 0 for a name. */
static int path_push_key_text(parser *p, int64_t *ikey)
{
    const char *k = p->sb.text.data ? p->sb.text.data : "";
    if (!canonical_int(k, p->sb.text.len, ikey)) return path_push_name(p, k, p->sb.text.len);
    int rc = path_push_int(p, *ikey);
    return rc < 0 ? rc : 1;
}

static void path_trunc(parser *p, size_t n)
{
    p->path.len = n;
    if (p->path.data) p->path.data[n] = '\0';
}

static int emit(parser *p)
{
    tl_segment *seg = tl_doc_add(p->doc, &p->sb, p->path.len ? p->path.data : NULL, NULL);
    if (!seg) return oom(p);
    seg->style = p->style;
    p->style = 0;
    return 0;
}

static int value(parser *p);

static const char *const unsupported =
    "unsupported PHP here: a translation file holds strings, numbers and arrays only "
    "(tonelint does not run PHP code)";

/* An array at pos (`[` or `array(`). */
static int array(parser *p)
{
    char close = p->b[p->pos] == '[' ? ']' : ')';
    size_t open = p->pos;
    if (close == ')') {
        p->pos += 5;
        while (p->pos < p->len && p->b[p->pos] != '(')
            p->pos++; /* white space, checked by the caller */
    }
    p->pos++;
    if (++p->depth > MAX_DEPTH) return perr(p, open, "arrays nested too deep");
    size_t base = p->path.len;
    int64_t next = 0;
    int rc;
    for (;;) {
        if ((rc = skip_ws(p)) < 0) return rc;
        if (p->pos >= p->len)
            return perr(p, open,
                        close == ']' ? "unterminated array (missing `]`)"
                                     : "unterminated array (missing `)`)");
        if (p->b[p->pos] == close) {
            p->pos++;
            break;
        }
        size_t elem = p->pos;
        /* A key, or a bare value: which one `=>` decides. */
        int64_t ikey = 0;
        bool is_int = false, is_str = false;
        if (quote_at(p)) {
            tl_segbuild_reset(&p->sb);
            p->style = 0;
            if ((rc = string_value(p)) < 0) return rc;
            is_str = true;
        } else if (int_literal(p, &ikey)) {
            is_int = true;
            if ((rc = skip_ws(p)) < 0) return rc;
        }
        if ((is_str || is_int) && at(p, "=>")) {
            p->pos += 2;
            path_trunc(p, base);
            if (is_str)
                rc = path_push_key_text(p, &ikey);
            else if ((rc = path_push_int(p, ikey)) == 0)
                rc = 1;
            if (rc == 1 && ikey >= next) next = ikey + 1;
            tl_segbuild_reset(&p->sb);
            p->style = 0;
            if (rc < 0 || (rc = value(p)) < 0) return rc;
        } else {
            path_trunc(p, base);
            if ((rc = path_push_int(p, next++)) < 0) return rc;
            if (is_str) {
                if ((rc = emit(p)) < 0) return rc;
            } else if (!is_int) {
                p->pos = elem;
                if ((rc = value(p)) < 0) return rc;
            }
        }
        if ((rc = skip_ws(p)) < 0) return rc;
        if (p->pos < p->len && p->b[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->b[p->pos] == close) continue;
        if (p->pos >= p->len) continue; /* reported as unterminated */
        return perr(p, p->pos,
                    close == ']' ? "expected `,` or `]` after an array element"
                                 : "expected `,` or `)` after an array element");
    }
    path_trunc(p, base);
    p->depth--;
    return 0;
}

static bool array_at(parser *p)
{
    if (p->pos < p->len && p->b[p->pos] == '[') return true;
    if (!keyword(p, "array")) return false;
    size_t k = p->pos + 5;
    while (k < p->len && (p->b[k] == ' ' || p->b[k] == '\t' || p->b[k] == '\n' || p->b[k] == '\r'))
        k++;
    return k < p->len && p->b[k] == '(';
}

static int value(parser *p)
{
    int rc;
    if ((rc = skip_ws(p)) < 0) return rc;
    if (p->pos >= p->len) return perr(p, p->pos, "expected a value at the end of the file");
    if (string_at(p)) {
        tl_segbuild_reset(&p->sb);
        p->style = 0;
        if ((rc = string_value(p)) < 0) return rc;
        return emit(p);
    }
    if (array_at(p)) return array(p);
    if (keyword(p, "true") || keyword(p, "false") || keyword(p, "null")) {
        while (p->pos < p->len && ident_char((unsigned char)p->b[p->pos]))
            p->pos++;
        return 0;
    }
    if (number(p)) return 0;
    return perr(p, p->pos, unsupported);
}

/* Skips white space and comments, then the punctuation `tok`. */
static int expect(parser *p, const char *tok, const char *what)
{
    int rc = skip_ws(p);
    if (rc < 0) return rc;
    if (!at(p, tok)) return perr(p, p->pos, what);
    p->pos += strlen(tok);
    return 0;
}

/* Skips white space and comments, then the word `w` (no case, as PHP). */
static int expect_word(parser *p, const char *w, const char *what)
{
    int rc = skip_ws(p);
    if (rc < 0) return rc;
    if (!keyword(p, w)) return perr(p, p->pos, what);
    p->pos += strlen(w);
    return 0;
}

/* Skips white space and comments, then `$name`; the name's bytes are
 * returned through `start` and `n`. */
static int expect_variable(parser *p, size_t *start, size_t *n)
{
    int rc = skip_ws(p);
    if (rc < 0) return rc;
    if (p->pos >= p->len || p->b[p->pos] != '$') return perr(p, p->pos, "expected a variable");
    size_t s = ++p->pos;
    while (p->pos < p->len && ident_char((unsigned char)p->b[p->pos]))
        p->pos++;
    if (p->pos == s) return perr(p, s - 1, "expected a variable name after `$`");
    *start = s;
    *n = p->pos - s;
    return 0;
}

/* `array_merge($lang, array(...))`, after `$lang =`: the entries of the
 * array join the language array, keyed as if assigned whole. */
static int merge_call(parser *p, const char *var, size_t var_len)
{
    p->pos += strlen("array_merge");
    size_t v, n;
    int rc;
    if ((rc = expect(p, "(", "expected `(` after `array_merge`")) < 0) return rc;
    if ((rc = expect_variable(p, &v, &n)) < 0) return rc;
    if (n != var_len || memcmp(p->b + v, var, n) != 0)
        return perr(p, v - 1, "`array_merge` adds to the array it is assigned to");
    if ((rc = expect(p, ",", "expected `,` after the array's name")) < 0) return rc;
    if ((rc = skip_ws(p)) < 0) return rc;
    if (!array_at(p)) return perr(p, p->pos, "expected an array to merge");
    if ((rc = array(p)) < 0) return rc;
    return expect(p, ")", "expected `)` after the merged array");
}

/* An `if`'s body is one statement, in braces or not (WeBid writes its
 * guard `if (!defined('InWeBid')) exit();`): skips a `{` if there is one. */
static int opening_brace(parser *p, bool *braced)
{
    int rc = skip_ws(p);
    if (rc < 0) return rc;
    *braced = at(p, "{");
    if (*braced) p->pos++;
    return 0;
}

/* phpBB's two blocks before its entries, each read whole or not at all:
 * `if (!defined('IN_PHPBB')) { exit; }` (the guard) and
 * `if (empty($lang) || !is_array($lang)) { $lang = array(); }` (the array
 * started empty). */
static int if_block(parser *p)
{
    const char *shape = "unsupported `if`; a language file may only guard itself "
                        "(`if (!defined('NAME')) { exit; }`) or start its array "
                        "(`if (empty($lang) || !is_array($lang)) { $lang = array(); }`)";
    size_t if_at = p->pos, v, n, v2, n2;
    bool braced = false;
    int rc;
    p->pos += 2;
    if ((rc = expect(p, "(", shape)) < 0) return rc;
    if ((rc = skip_ws(p)) < 0) return rc;
    if (at(p, "!")) {
        p->pos++;
        if ((rc = expect_word(p, "defined", shape)) < 0) return rc;
        if ((rc = expect(p, "(", shape)) < 0) return rc;
        if ((rc = skip_ws(p)) < 0) return rc;
        if (!quote_at(p)) return perr(p, if_at, shape);
        tl_segbuild_reset(&p->sb);
        if ((rc = literal(p)) < 0) return rc;
        tl_segbuild_reset(&p->sb);
        if ((rc = expect(p, ")", shape)) < 0) return rc;
        if ((rc = expect(p, ")", shape)) < 0) return rc;
        if ((rc = opening_brace(p, &braced)) < 0) return rc;
        if ((rc = skip_ws(p)) < 0) return rc;
        if (!keyword(p, "exit") && !keyword(p, "die")) return perr(p, p->pos, shape);
        p->pos += keyword(p, "exit") ? 4 : 3;
        if ((rc = skip_ws(p)) < 0) return rc;
        if (at(p, "(")) {
            p->pos++;
            if ((rc = skip_ws(p)) < 0) return rc;
            if (quote_at(p)) {
                if ((rc = literal(p)) < 0) return rc;
                tl_segbuild_reset(&p->sb);
            }
            if ((rc = expect(p, ")", shape)) < 0) return rc;
        }
    } else {
        if ((rc = expect_word(p, "empty", shape)) < 0) return rc;
        if ((rc = expect(p, "(", shape)) < 0) return rc;
        if ((rc = expect_variable(p, &v, &n)) < 0) return rc;
        if ((rc = expect(p, ")", shape)) < 0) return rc;
        if ((rc = expect(p, "||", shape)) < 0) return rc;
        if ((rc = expect(p, "!", shape)) < 0) return rc;
        if ((rc = expect_word(p, "is_array", shape)) < 0) return rc;
        if ((rc = expect(p, "(", shape)) < 0) return rc;
        if ((rc = expect_variable(p, &v2, &n2)) < 0) return rc;
        if (n2 != n || memcmp(p->b + v, p->b + v2, n) != 0) return perr(p, v2 - 1, shape);
        if ((rc = expect(p, ")", shape)) < 0) return rc;
        if ((rc = expect(p, ")", shape)) < 0) return rc;
        if ((rc = opening_brace(p, &braced)) < 0) return rc;
        if ((rc = expect_variable(p, &v2, &n2)) < 0) return rc;
        if (n2 != n || memcmp(p->b + v, p->b + v2, n) != 0) return perr(p, v2 - 1, shape);
        if ((rc = expect(p, "=", shape)) < 0) return rc;
        if ((rc = skip_ws(p)) < 0) return rc;
        if (keyword(p, "array")) {
            p->pos += 5;
            if ((rc = expect(p, "(", shape)) < 0) return rc;
            if ((rc = expect(p, ")", shape)) < 0) return rc;
        } else {
            if ((rc = expect(p, "[", shape)) < 0) return rc;
            if ((rc = expect(p, "]", shape)) < 0) return rc;
        }
    }
    if ((rc = expect(p, ";", shape)) < 0) return rc;
    return braced ? expect(p, "}", shape) : 0;
}

/* `$name['key']…['key']` at pos, `name` being the array the statement
 * fills: an entry that repeats another one (Roundcube's aliases,
 * `$labels['reply-to'] = $labels['replyto'];`). Its text is linted where
 * it is written, so the alias is skipped; pos moves past it. */
static bool entry_alias(parser *p, const char *name, size_t name_len)
{
    size_t k = p->pos;
    if (k >= p->len || p->b[k] != '$' || k + 1 + name_len > p->len ||
        memcmp(p->b + k + 1, name, name_len) != 0)
        return false;
    k += 1 + name_len;
    if (k < p->len && ident_char((unsigned char)p->b[k])) return false;
    size_t subscripts = 0;
    while (k < p->len && p->b[k] == '[') {
        k++;
        if (k < p->len && (p->b[k] == '\'' || p->b[k] == '"')) {
            if (!(k = quoted_end(p, k))) return false;
        } else {
            size_t d = k;
            while (k < p->len && isdigit((unsigned char)p->b[k]))
                k++;
            if (k == d) return false;
        }
        if (k >= p->len || p->b[k] != ']') return false;
        k++;
        subscripts++;
    }
    if (!subscripts) return false;
    p->pos = k;
    return true;
}

/* `$name['key']…['key'] = value;`: one entry of a language array. */
static int assignment(parser *p)
{
    size_t start = p->pos++;
    size_t name = p->pos;
    while (p->pos < p->len && ident_char((unsigned char)p->b[p->pos]))
        p->pos++;
    if (p->pos == name) return perr(p, start, "expected a variable name after `$`");
    size_t name_len = p->pos - name;
    path_trunc(p, 0);
    int rc;
    for (;;) {
        if ((rc = skip_ws(p)) < 0) return rc;
        if (p->pos >= p->len || p->b[p->pos] != '[') break;
        p->pos++;
        if ((rc = skip_ws(p)) < 0) return rc;
        int64_t ikey = 0;
        if (quote_at(p)) {
            tl_segbuild_reset(&p->sb);
            p->style = 0;
            if ((rc = string_value(p)) < 0) return rc;
            if ((rc = path_push_key_text(p, &ikey)) < 0) return rc;
        } else if (int_literal(p, &ikey)) {
            if ((rc = path_push_int(p, ikey)) < 0) return rc;
        } else {
            return perr(p, p->pos, "expected a quoted key or an integer inside `[...]`");
        }
        if ((rc = skip_ws(p)) < 0) return rc;
        if (p->pos >= p->len || p->b[p->pos] != ']')
            return perr(p, p->pos, "expected `]` after the key");
        p->pos++;
    }
    if (p->pos >= p->len || p->b[p->pos] != '=' || at(p, "==") || at(p, "=>"))
        return perr(p, p->pos, "expected `=` after the array entry");
    p->pos++;
    if ((rc = skip_ws(p)) < 0) return rc;
    if (keyword(p, "array_merge")) {
        if (p->path.len) return perr(p, p->pos, "`array_merge` is read only for the whole array");
        if ((rc = merge_call(p, p->b + name, name_len)) < 0) return rc;
    } else if (p->path.len && entry_alias(p, p->b + name, name_len)) {
        /* nothing to lint */
    } else {
        /* A string in a variable of its own (WeBid's `$ERR_001 = "…";`) is
         * keyed by the variable's name. */
        if (!p->path.len && quote_at(p) && (rc = path_push_name(p, p->b + name, name_len)) < 0)
            return rc;
        if ((rc = value(p)) < 0) return rc;
    }
    if ((rc = skip_ws(p)) < 0) return rc;
    if (p->pos >= p->len || p->b[p->pos] != ';')
        return perr(p, p->pos, "expected `;` after the value");
    p->pos++;
    path_trunc(p, 0);
    return 0;
}

/* `register_languages('en', $en);` after the array is filled: the array
 * handed to the product's own loader instead of returned (Open Source
 * Social Network's `locale/ossn.en.php`). Only string literals and
 * variables are read as arguments, at least one of them a variable; pos
 * moves past the `;`. */
static bool handover_call(parser *p)
{
    size_t k = p->pos, name = k;
    while (k < p->len && (ident_char((unsigned char)p->b[k]) || p->b[k] == '\\'))
        k++;
    if (k == name || isdigit((unsigned char)p->b[name])) return false;
    while (k < p->len && isspace((unsigned char)p->b[k]))
        k++;
    if (k >= p->len || p->b[k] != '(') return false;
    k++;
    size_t vars = 0;
    for (;;) {
        while (k < p->len && isspace((unsigned char)p->b[k]))
            k++;
        if (k >= p->len) return false;
        if (p->b[k] == '\'' || p->b[k] == '"') {
            if (!(k = quoted_end(p, k))) return false;
        } else if (p->b[k] == '$') {
            size_t v = ++k;
            while (k < p->len && ident_char((unsigned char)p->b[k]))
                k++;
            if (k == v) return false;
            vars++;
        } else {
            return false;
        }
        while (k < p->len && isspace((unsigned char)p->b[k]))
            k++;
        if (k < p->len && p->b[k] == ',') {
            k++;
            continue;
        }
        if (k < p->len && p->b[k] == ')') break;
        return false;
    }
    k++;
    while (k < p->len && isspace((unsigned char)p->b[k]))
        k++;
    if (!vars || k >= p->len || p->b[k] != ';') return false;
    p->pos = k + 1;
    return true;
}

/* `defined('BASEPATH') or exit('…');` (or `OR die(…)`): the guard that
 * stops a language file being opened from the web. Skipped to its `;`. */
static bool guard_statement(parser *p)
{
    if (!keyword(p, "defined")) return false;
    size_t k = p->pos;
    char quote = 0;
    for (; k < p->len; k++) {
        char c = p->b[k];
        if (quote) {
            if (c == '\\')
                k++;
            else if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == ';') {
            p->pos = k + 1;
            return true;
        } else if (c == '\n' || c == '{' || c == '$') {
            return false;
        }
    }
    return false;
}

/* `declare(...);`, `namespace X;`, `use X\Y;`: skipped to their `;`. */
static int preamble_statement(parser *p)
{
    for (; p->pos < p->len; p->pos++) {
        char c = p->b[p->pos];
        if (c == ';') {
            p->pos++;
            return 0;
        }
        if (c == '{' || c == '\'' || c == '"')
            return perr(p, p->pos,
                        "unexpected code before `return`; a translation file "
                        "returns an array (`return [...];`)");
    }
    return perr(p, p->len, "missing `;`");
}

int tl_extract_php(tl_doc *doc, tl_error *err)
{
    if (doc->src.encoding != TL_ENC_UTF8)
        return tl_doc_error(doc, err, TL_EENCODING, 0, "%s",
                            "UTF-16 PHP is not supported; save the file as UTF-8");
    parser p;
    memset(&p, 0, sizeof(p));
    p.doc = doc;
    p.err = err;
    p.b = (const char *)doc->src.bytes;
    p.len = doc->src.len;
    p.pos = doc->src.bom_len;
    tl_segbuild_init(&p.sb);
    int rc = 0;
    if (!(p.pos + 5 <= p.len && strncasecmp(p.b + p.pos, "<?php", 5) == 0 &&
          (p.pos + 5 == p.len || isspace((unsigned char)p.b[p.pos + 5])))) {
        rc = perr(&p, p.pos, "expected `<?php` at the start of a PHP translation file");
        goto done;
    }
    p.pos += 5;
    bool returned = false, assigned = false;
    for (;;) {
        if ((rc = skip_ws(&p)) < 0) goto done;
        if (p.pos >= p.len) break;
        if (at(&p, "?>")) {
            p.pos += 2;
            size_t k = p.pos;
            while (k < p.len && isspace((unsigned char)p.b[k]))
                k++;
            if (k < p.len) {
                rc = perr(&p, k, "text after `?>` is output, not a translation");
                goto done;
            }
            break;
        }
        if (returned) {
            rc = perr(&p, p.pos, "unexpected code after the returned array");
            goto done;
        }
        if (keyword(&p, "declare") || keyword(&p, "namespace") || keyword(&p, "use")) {
            if ((rc = preamble_statement(&p)) < 0) goto done;
            continue;
        }
        if (!assigned && guard_statement(&p)) continue;
        if (!assigned && keyword(&p, "if")) {
            if ((rc = if_block(&p)) < 0) goto done;
            continue;
        }
        if (p.b[p.pos] == '$') {
            if ((rc = assignment(&p)) < 0) goto done;
            assigned = true;
            continue;
        }
        if (assigned && handover_call(&p)) {
            returned = true;
            continue;
        }
        if (!keyword(&p, "return")) {
            rc = perr(&p, p.pos,
                      "unsupported PHP statement; a translation file returns an array "
                      "(`return [...];`)");
            goto done;
        }
        p.pos += 6;
        if ((rc = skip_ws(&p)) < 0) goto done;
        /* `$lang = array(...); return $lang;`: the array filled above. */
        if (assigned && p.pos < p.len && p.b[p.pos] == '$') {
            size_t name = ++p.pos;
            while (p.pos < p.len && ident_char((unsigned char)p.b[p.pos]))
                p.pos++;
            if (p.pos == name) {
                rc = perr(&p, name - 1, "expected a variable name after `$`");
                goto done;
            }
            if ((rc = skip_ws(&p)) < 0) goto done;
            if (p.pos >= p.len || p.b[p.pos] != ';') {
                rc = perr(&p, p.pos, "expected `;` after the returned variable");
                goto done;
            }
            p.pos++;
            returned = true;
            continue;
        }
        if (!array_at(&p)) {
            rc = perr(&p, p.pos, "a translation file returns an array (`return [...];`)");
            goto done;
        }
        if ((rc = array(&p)) < 0) goto done;
        if ((rc = skip_ws(&p)) < 0) goto done;
        if (p.pos >= p.len || p.b[p.pos] != ';') {
            rc = perr(&p, p.pos, "expected `;` after the returned array");
            goto done;
        }
        p.pos++;
        returned = true;
    }
    if (!returned && !assigned)
        rc = perr(&p, p.pos, "no `return [...];` (or `$_['key'] = '…';`) in this PHP file");
done:
    if (rc < 0 && !err->code) tl_error_set(err, rc, "out of memory");
    tl_segbuild_free(&p.sb);
    tl_buf_free(&p.path);
    return rc < 0 ? rc : 0;
}

/* Fix encoder: the replacement in the string's own quoting. A string made
 * of literals in both quotings is not fixed. */
int tl_encode_php(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                  size_t raw_end, const char *text, size_t len)
{
    (void)doc;
    (void)raw_start;
    (void)raw_end;
    if (seg->style != STYLE_SINGLE && seg->style != STYLE_DOUBLE) return TL_EUSAGE;
    bool dq = seg->style == STYLE_DOUBLE;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        int rc;
        if (c == '\\')
            rc = tl_buf_puts(out, "\\\\");
        else if (!dq && c == '\'')
            rc = tl_buf_puts(out, "\\'");
        else if (dq && c == '"')
            rc = tl_buf_puts(out, "\\\"");
        else if (dq && c == '$')
            rc = tl_buf_puts(out, "\\$");
        else
            rc = tl_buf_putc(out, c);
        if (rc < 0) return TL_ENOMEM;
    }
    return 0;
}
