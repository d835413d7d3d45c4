/* markup.c - visible text of HTML, Markdown and page or e-mail templates.
 *
 * One extractor for `.html .htm .md .markdown` and the template suffixes
 * `.erb .hbs .handlebars .mustache .liquid .j2 .jinja .jinja2 .twig
 * .blade.php`. The name
 * under a template suffix picks the mode (`welcome.text.erb` is a plain-text
 * template, `welcome.html.erb` an HTML one, `README.md.erb` Markdown); a bare
 * template (`mail.hbs`) is HTML when it holds tags, plain text otherwise.
 *
 * Segments are blocks of visible text, keyed null: paragraphs between blank
 * lines (text mode); the text of block elements (HTML: p, div, li, h1-h6,
 * td, ... and <br>); paragraphs, headings, list items and table cells
 * (Markdown). The text of the attributes alt, title, placeholder and
 * aria-label is a segment of its own. Segments with no letter are skipped.
 *
 * What is not text:
 *   - tags (removed), HTML comments (scanned for directives), <!DOCTYPE>,
 *     <?...?>, and the content of script, style, code, pre-formatted code
 *     blocks, svg and math;
 *   - template code: ERB `<% %>` and `<%# %>`, Liquid/Jinja/Twig `{% %}` and
 *     `{# #}`, Handlebars `{{# }} {{/ }} {{^ }} {{else}} {{> }} {{! }}`,
 *     Blade `{{-- --}}`, `@directives` with their `(arguments)` (`@if(...)`,
 *     `@component('mail::button', [...])`, `@endif`; `@@` is a literal `@`,
 *     an address such as `help@example.com` is text) and `<?php ?>`
 *     (comments are scanned for directives). A code tag alone on its line
 *     ends the block, as it usually separates alternatives;
 *   - template output, ERB `<%= %>`, `{{ }}` and Blade's `{!! !!}`, stays
 *     in the text as written (a placeholder the tokenizer masks) so the
 *     sentence reads; but Laravel's `@lang('Some text')` and
 *     `{{ __('Some text') }}`, whose key is the English text, are that text;
 *   - Markdown markers (#, >, list bullets, emphasis *, _ and ~~, table
 *     pipes), `code` spans, link destinations and fenced or indented code.
 * Entities (&amp; &nbsp; &rsquo; ... and numeric ones) are decoded as atomic
 * spans; in text mode nothing is decoded. Text runs map byte for byte. */
#include "format.h"
#include "../core/utf8.h"
#include "../core/array.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum { M_TEXT, M_HTML, M_MARKDOWN } mode;

typedef struct range {
    size_t off, len;
} range;

typedef struct parser {
    tl_doc *doc;
    tl_error *err;
    const char *b;
    size_t len;
    mode mode;
    bool erb, curly; /* the file is an ERB / a curly-brace template */
    bool blade;      /* a Blade template (also curly) */
    /* The block being built. */
    tl_segbuild sb;
    bool letters;
    range *ws; /* white space waiting for more text in the block */
    size_t nws, capws;
    tl_segbuild attr; /* an attribute value */
    /* Markdown link being read: where its text ends and its destination does. */
    size_t link_close, link_end;
} parser;

static int oom(parser *p)
{
    return tl_error_set(p->err, TL_ENOMEM, "out of memory");
}

static bool ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool starts(const parser *p, size_t i, const char *s)
{
    size_t n = strlen(s);
    return i + n <= p->len && memcmp(p->b + i, s, n) == 0;
}

/* Offset of `s` at or after i, or len. */
static size_t find(const parser *p, size_t i, const char *s)
{
    size_t n = strlen(s);
    if (n > p->len) return p->len;
    const char *hit = memmem(p->b + i, p->len - i, s, n);
    return hit ? (size_t)(hit - p->b) : p->len;
}

/* --- building blocks ---------------------------------------------------- */

static int flush_ws(parser *p)
{
    for (size_t i = 0; i < p->nws; i++)
        if (tl_segbuild_literal(&p->sb, p->ws[i].off, p->b + p->ws[i].off, p->ws[i].len) < 0)
            return oom(p);
    p->nws = 0;
    return 0;
}

static int push_ws(parser *p, size_t off, size_t len)
{
    if (!len || (!p->sb.text.len && !p->sb.nspans)) return 0; /* leading blanks */
    if (p->nws == p->capws && tl_array_grow(&p->ws, &p->capws, sizeof(*p->ws), 8) < 0)
        return oom(p);
    p->ws[p->nws++] = (range){off, len};
    return 0;
}

/* Whether a byte is an ASCII letter or the lead byte of a character from a
 * script block (Latin-1 letters and up to Armenian, Indic and Southeast
 * Asian scripts, CJK, Hangul); U+0080-U+00BF, the U+2000 punctuation and
 * symbol blocks and astral characters (mostly emoji) are not letters. A
 * block of only placeholders and punctuation is not copy. */
static bool letter(unsigned char c)
{
    return isalpha(c) || (c >= 0xC3 && c <= 0xDF) || c == 0xE0 || c == 0xE1 ||
           (c >= 0xE3 && c <= 0xED);
}

/* Visible text stored as is. */
static int text(parser *p, size_t from, size_t to)
{
    size_t a = from, z = to;
    while (a < z && ws(p->b[a]))
        a++;
    if (a == z) return push_ws(p, from, to - from);
    while (z > a && ws(p->b[z - 1]))
        z--;
    if (push_ws(p, from, a - from) < 0 || flush_ws(p) < 0) return oom(p);
    for (size_t i = a; i < z && !p->letters; i++)
        if (letter((unsigned char)p->b[i])) p->letters = true;
    if (tl_segbuild_utf8(&p->sb, a, p->b + a, z - a) < 0) return oom(p);
    return push_ws(p, z, to - z);
}

/* Visible text decoded from stored bytes [off, off+len) (an entity, an escape). */
static int atomic(parser *p, size_t off, size_t len, const char *s, size_t n)
{
    if (flush_ws(p) < 0) return oom(p);
    return tl_segbuild_atomic(&p->sb, off, len, s, n) < 0 ? oom(p) : 0;
}

/* Template output kept as written: a placeholder in the sentence. */
static int placeholder(parser *p, size_t off, size_t len)
{
    if (flush_ws(p) < 0) return oom(p);
    return tl_segbuild_utf8(&p->sb, off, p->b + off, len) < 0 ? oom(p) : 0;
}

/* The block is complete: it becomes a segment when it has a letter. */
static int end_block(parser *p)
{
    p->nws = 0;
    if (p->letters && p->sb.text.len) {
        if (!tl_doc_add(p->doc, &p->sb, NULL, NULL)) return oom(p);
    }
    tl_segbuild_reset(&p->sb);
    p->letters = false;
    return 0;
}

/* --- entities ----------------------------------------------------------- */

static const struct {
    const char *name;
    const char *utf8;
} entities[] = {
    {"amp", "&"},
    {"lt", "<"},
    {"gt", ">"},
    {"quot", "\""},
    {"apos", "'"},
    {"nbsp", "\xC2\xA0"},
    {"copy", "\xC2\xA9"},
    {"reg", "\xC2\xAE"},
    {"trade", "\xE2\x84\xA2"},
    {"hellip", "\xE2\x80\xA6"},
    {"mdash", "\xE2\x80\x94"},
    {"ndash", "\xE2\x80\x93"},
    {"lsquo", "\xE2\x80\x98"},
    {"rsquo", "\xE2\x80\x99"},
    {"ldquo", "\xE2\x80\x9C"},
    {"rdquo", "\xE2\x80\x9D"},
    {"laquo", "\xC2\xAB"},
    {"raquo", "\xC2\xBB"},
    {"bull", "\xE2\x80\xA2"},
    {"middot", "\xC2\xB7"},
    {"times", "\xC3\x97"},
    {"euro", "\xE2\x82\xAC"},
    {"pound", "\xC2\xA3"},
    {"yen", "\xC2\xA5"},
    {"cent", "\xC2\xA2"},
    {"deg", "\xC2\xB0"},
    {"sect", "\xC2\xA7"},
    {"para", "\xC2\xB6"},
    {"shy", "\xC2\xAD"},
    {"zwj", "\xE2\x80\x8D"},
    {"zwnj", "\xE2\x80\x8C"},
    {"thinsp", "\xE2\x80\x89"},
    {"ensp", "\xE2\x80\x82"},
    {"emsp", "\xE2\x80\x83"},
    {"larr", "\xE2\x86\x90"},
    {"rarr", "\xE2\x86\x92"},
    {"check", "\xE2\x9C\x93"},
};

/* An entity at i (`&`): its stored length and decoded UTF-8, or 0. */
static size_t entity(const parser *p, size_t i, size_t to, char *out, size_t *n)
{
    size_t j = i + 1;
    if (j < to && p->b[j] == '#') {
        j++;
        bool hex = j < to && (p->b[j] == 'x' || p->b[j] == 'X');
        if (hex) j++;
        uint32_t cp = 0;
        size_t d = j;
        while (j < to && j - d < 8 &&
               (hex ? isxdigit((unsigned char)p->b[j]) : isdigit((unsigned char)p->b[j]))) {
            char c = p->b[j++];
            cp = cp * (hex ? 16 : 10) +
                 (uint32_t)(isdigit((unsigned char)c) ? c - '0' : (c | 0x20) - 'a' + 10);
        }
        if (j == d || j >= to || p->b[j] != ';') return 0;
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
        *n = tl_utf8_encode(out, cp);
        return j + 1 - i;
    }
    size_t d = j;
    while (j < to && j - d < 10 && isalnum((unsigned char)p->b[j]))
        j++;
    if (j == d || j >= to || p->b[j] != ';') return 0;
    for (size_t k = 0; k < sizeof(entities) / sizeof(entities[0]); k++)
        if (strlen(entities[k].name) == j - d && memcmp(entities[k].name, p->b + d, j - d) == 0) {
            *n = strlen(entities[k].utf8);
            memcpy(out, entities[k].utf8, *n);
            return j + 1 - i;
        }
    return 0;
}

/* --- template constructs -------------------------------------------------- */

typedef enum { T_NONE, T_OUTPUT, T_CODE, T_COMMENT } tkind;

/* A Blade `@directive` at i, with its balanced `(arguments)` (quoted
 * strings inside may hold parentheses), or a whole `@php ... @endphp` block. `@@` is an escaped `@`
 * and an `@` after a letter or digit (an e-mail address) is text. `@{{ }}` prints the braces
 * literally: it is left to the text. */
static tkind blade_directive(const parser *p, size_t i, size_t *end)
{
    const char *b = p->b;
    if (i > 0 && (isalnum((unsigned char)b[i - 1]) || b[i - 1] == '@' || b[i - 1] == '.'))
        return T_NONE;
    size_t j = i + 1;
    if (j >= p->len || !(isalpha((unsigned char)b[j]) || b[j] == '_')) return T_NONE;
    while (j < p->len && (isalnum((unsigned char)b[j]) || b[j] == '_'))
        j++;
    if (j < p->len && b[j] == '.') return T_NONE; /* @example.com */
    size_t k = j;
    while (k < p->len && (b[k] == ' ' || b[k] == '\t'))
        k++;
    if (j - i == 4 && memcmp(b + i, "@php", 4) == 0 && (k >= p->len || b[k] != '(')) {
        /* A `@php ... @endphp` block is code. */
        size_t e = find(p, j, "@endphp");
        *end = e < p->len ? e + 7 : p->len;
        return T_CODE;
    }
    if (k < p->len && b[k] == '(') {
        int depth = 0;
        char q = 0;
        for (; k < p->len; k++) {
            char c = b[k];
            if (q) {
                if (c == '\\')
                    k++;
                else if (c == q)
                    q = 0;
            } else if (c == '\'' || c == '"') {
                q = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                break;
            }
        }
        if (k < p->len) j = k + 1;
    }
    *end = j;
    return T_CODE;
}

/* A template construct at i: its kind and end (past the closer). *bad is
 * set when it opens but never closes in a file of that template language. */
static tkind template_at(const parser *p, size_t i, size_t *end, bool *bad)
{
    *bad = false;
    const char *b = p->b;
    if (b[i] == '<' && starts(p, i, "<%") && !starts(p, i, "<%%")) {
        size_t e = find(p, i + 2, "%>");
        if (e >= p->len) {
            *bad = p->erb;
            return T_NONE;
        }
        *end = e + 2;
        if (i + 2 < p->len && b[i + 2] == '#') return T_COMMENT;
        return i + 2 < p->len && b[i + 2] == '=' ? T_OUTPUT : T_CODE;
    }
    if (p->blade && b[i] == '<' && starts(p, i, "<?php")) {
        size_t e = find(p, i + 5, "?>");
        *end = e < p->len ? e + 2 : p->len; /* PHP may leave its last block open */
        return T_CODE;
    }
    if (p->blade && b[i] == '@') return blade_directive(p, i, end);
    if (b[i] != '{' || i + 1 >= p->len) return T_NONE;
    char c = b[i + 1];
    if (p->blade && (starts(p, i, "{{--") || starts(p, i, "{!!"))) {
        bool comment = b[i + 2] == '-';
        size_t e = find(p, i + 3, comment ? "--}}" : "!!}");
        if (e >= p->len) {
            *bad = true;
            return T_NONE;
        }
        *end = e + (comment ? 4 : 3);
        return comment ? T_COMMENT : T_OUTPUT;
    }
    if (c == '%' || c == '#') {
        size_t e = find(p, i + 2, c == '%' ? "%}" : "#}");
        if (e >= p->len) {
            *bad = p->curly;
            return T_NONE;
        }
        *end = e + 2;
        return c == '%' ? T_CODE : T_COMMENT;
    }
    if (c != '{') return T_NONE;
    size_t k = i + 2;
    bool triple = k < p->len && b[k] == '{';
    if (triple) k++;
    while (k < p->len && (b[k] == '~' || b[k] == '-' || b[k] == ' '))
        k++;
    const char *closer = starts(p, k, "!--") ? "--}}" : triple ? "}}}" : "}}";
    size_t hit = find(p, k, closer);
    if (hit >= p->len) {
        *bad = p->curly;
        return T_NONE;
    }
    *end = hit + strlen(closer);
    if (k < p->len && b[k] == '!') return T_COMMENT;
    if (k < p->len && (b[k] == '#' || b[k] == '/' || b[k] == '^' || b[k] == '>')) return T_CODE;
    if (starts(p, k, "else") && k + 4 < p->len && !isalnum((unsigned char)b[k + 4])) return T_CODE;
    return T_OUTPUT;
}

/* Whether the {% ... %} tag at i (ending at end) is `{% name %}`, with
 * optional `-` whitespace control. */
static bool block_tag(const parser *p, size_t i, size_t end, const char *name)
{
    size_t a = i + 2, z = end - 2, n = strlen(name);
    while (a < z && (p->b[a] == '-' || p->b[a] == ' ' || p->b[a] == '\t'))
        a++;
    while (z > a && (p->b[z - 1] == '-' || p->b[z - 1] == ' ' || p->b[z - 1] == '\t'))
        z--;
    return z - a == n && memcmp(p->b + a, name, n) == 0;
}

static bool block_tag_at(const parser *p, size_t i, const char *name)
{
    size_t end = find(p, i + 2, "%}");
    return end < p->len && block_tag(p, i, end + 2, name);
}

/* Whether [from, to) sits alone on its line (only blanks around it). */
static bool alone_on_line(const parser *p, size_t from, size_t to)
{
    size_t i = from;
    while (i > 0 && (p->b[i - 1] == ' ' || p->b[i - 1] == '\t'))
        i--;
    if (i > 0 && p->b[i - 1] != '\n' && p->b[i - 1] != '\r') return false;
    i = to;
    while (i < p->len && (p->b[i] == ' ' || p->b[i] == '\t'))
        i++;
    return i >= p->len || p->b[i] == '\n' || p->b[i] == '\r';
}

/* Laravel's translation helpers with the English text as their key:
 * `@lang('Whoops!')`, `{{ __('All rights reserved.') }}`, `{!! trans("…") !!}`.
 * When the construct [i, end) is one of them and its first argument is one
 * quoted literal that reads as text (it holds a space, or it has no `.`,
 * `_` or `:` of a `file.key`) with no escape or variable, sets [*a, *z) to
 * the literal's text. */
static bool blade_literal(const parser *p, size_t i, size_t end, size_t *a, size_t *z)
{
    const char *b = p->b;
    size_t k = i;
    if (b[k] == '@') {
        k++;
    } else {
        k += b[k + 1] == '!' ? 3 : 2; /* {!! or {{ */
        while (k < end && (b[k] == ' ' || b[k] == '\t'))
            k++;
    }
    static const char *const names[] = {"lang(", "__(", "trans(", "@lang(", NULL};
    size_t n = 0;
    for (int m = 0; names[m] && !n; m++)
        if (k + strlen(names[m]) <= end && memcmp(b + k, names[m], strlen(names[m])) == 0)
            n = strlen(names[m]);
    if (!n || (b[i] == '@' && n != 5)) return false; /* @lang( only as a directive */
    k += n;
    while (k < end && (b[k] == ' ' || b[k] == '\t'))
        k++;
    if (k >= end || (b[k] != '\'' && b[k] != '"')) return false;
    char q = b[k];
    size_t s = ++k;
    bool space = false, keyish = false;
    while (k < end && b[k] != q) {
        if (b[k] == '\\' || b[k] == '$' || b[k] == '\n') return false;
        space |= b[k] == ' ';
        /* `file.key`, `package::file.key`, `snake_key`: a key */
        keyish |= b[k] == '_' || b[k] == ':' ||
                  (b[k] == '.' && k + 1 < end && b[k + 1] != q && b[k + 1] != ' ');
        k++;
    }
    if (k >= end || k == s || (!space && keyish)) return false;
    size_t after = k + 1;
    while (after < end && (b[after] == ' ' || b[after] == '\t'))
        after++;
    if (after >= end || (b[after] != ')' && b[after] != ',')) return false;
    *a = s;
    *z = k;
    return true;
}

/* Handle a template construct at i. Returns the position after it, or i
 * when there is none (0 with p->err set on an unterminated one). */
static size_t template(parser *p, size_t i, int *rc)
{
    size_t end;
    bool bad;
    tkind k = template_at(p, i, &end, &bad);
    *rc = 0;
    if (bad) {
        *rc = tl_doc_error(p->doc, p->err, TL_ESYNTAX, i, "unterminated template tag `%.2s`",
                           p->b + i);
        return 0;
    }
    if (k == T_NONE) return i;
    size_t la, lz;
    if (p->blade && k != T_COMMENT && blade_literal(p, i, end, &la, &lz)) {
        /* The English text itself is the key: it is copy. */
        for (size_t c = la; c < lz && !p->letters; c++)
            if (letter((unsigned char)p->b[c])) p->letters = true;
        if (flush_ws(p) < 0 || tl_segbuild_utf8(&p->sb, la, p->b + la, lz - la) < 0) {
            *rc = oom(p);
            return 0;
        }
        return end;
    }
    if (k == T_CODE && p->b[i] == '{' && block_tag(p, i, end, "comment")) {
        /* Liquid's {% comment %} ... {% endcomment %}: a comment block. */
        size_t close = i;
        while ((close = find(p, close + 1, "{%")) < p->len &&
               !block_tag_at(p, close, "endcomment")) {
        }
        size_t stop = close < p->len ? find(p, close, "%}") : p->len;
        stop = stop < p->len ? stop + 2 : p->len;
        *rc = tl_doc_scan_comment(p->doc, p->b + end, close > end ? close - end : 0, i) < 0 ? oom(p)
                                                                                            : 0;
        if (*rc == 0) *rc = end_block(p);
        return *rc < 0 ? 0 : stop;
    }
    if (k == T_OUTPUT) {
        *rc = placeholder(p, i, end - i);
    } else {
        if (k == T_COMMENT) {
            /* The text between the delimiters: <%# %>, {# #}, {{! }}, {{!-- --}}. */
            size_t a = i + 2, z = end - (p->b[end - 3] == '-' && p->b[end - 4] == '-' ? 4 : 2);
            while (a < z && (p->b[a] == '#' || p->b[a] == '!' || p->b[a] == '-' || p->b[a] == '~' ||
                             p->b[a] == '{'))
                a++;
            *rc = tl_doc_scan_comment(p->doc, p->b + a, z > a ? z - a : 0, i) < 0 ? oom(p) : 0;
        }
        if (*rc == 0 && alone_on_line(p, i, end)) *rc = end_block(p);
    }
    return *rc < 0 ? 0 : end;
}

/* --- HTML tags ------------------------------------------------------------ */

/* Whether name[0..n) is in a NULL-terminated list of lowercase names
 * (compared without case). */
static bool in_list(const char *name, size_t n, const char *const *list)
{
    char low[16];
    if (n >= sizeof(low)) return false;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)name[i]);
    for (; *list; list++)
        if ((*list)[0] == low[0] && strlen(*list) == n && memcmp(*list, low, n) == 0) return true;
    return false;
}

static const char *const block_tags[] = {
    "address", "article", "aside",  "blockquote", "body",     "br",    "caption",  "center",
    "dd",      "details", "dialog", "div",        "dl",       "dt",    "fieldset", "figcaption",
    "figure",  "footer",  "form",   "h1",         "h2",       "h3",    "h4",       "h5",
    "h6",      "head",    "header", "hgroup",     "hr",       "html",  "legend",   "li",
    "main",    "menu",    "nav",    "ol",         "option",   "p",     "section",  "summary",
    "table",   "tbody",   "td",     "tfoot",      "th",       "thead", "title",    "tr",
    "ul",      "button",  "label",  "select",     "textarea", NULL};
static const char *const skipped_tags[] = {"script",   "style",    "code",     "svg",
                                           "math",     "template", "noscript", "object",
                                           "mj-style", "mj-raw",   NULL};
static const char *const copy_attributes[] = {"alt", "title", "placeholder", "aria-label", NULL};

/* An attribute value that is copy: a segment of its own. */
static int attribute(parser *p, size_t from, size_t to)
{
    /* The block around the tag waits, with its pending white space. */
    tl_segbuild tmp = p->sb;
    bool letters = p->letters;
    range *ws_saved = p->ws;
    size_t nws = p->nws, capws = p->capws;
    p->sb = p->attr;
    p->letters = false;
    p->ws = NULL;
    p->nws = p->capws = 0;
    int rc = 0;
    size_t i = from, run = from;
    while (i < to && rc == 0) {
        char c = p->b[i];
        size_t end = i, n;
        char out[8];
        if (c == '&' && (end = entity(p, i, to, out, &n)) > 0) {
            if ((rc = text(p, run, i)) == 0) rc = atomic(p, i, end, out, n);
            run = i = i + end;
            continue;
        }
        if (c == '<' || c == '{') {
            bool bad;
            tkind k = template_at(p, i, &end, &bad);
            if (k != T_NONE && end <= to) {
                if ((rc = text(p, run, i)) == 0 && k == T_OUTPUT) rc = placeholder(p, i, end - i);
                run = i = end;
                continue;
            }
        }
        i++;
    }
    if (rc == 0) rc = text(p, run, to);
    if (rc == 0) rc = end_block(p);
    p->attr = p->sb;
    p->sb = tmp;
    p->letters = letters;
    free(p->ws);
    p->ws = ws_saved;
    p->nws = nws;
    p->capws = capws;
    return rc;
}

/* A tag at i (`<` then a letter, `/` or `!`). Returns the position after it
 * and sets the name, its length and whether it closes, or returns i when
 * it is not a tag. Copy attributes become segments. */
static size_t tag(parser *p, size_t i, const char **name, size_t *nlen, bool *closing, int *rc)
{
    const char *b = p->b;
    size_t j = i + 1;
    *rc = 0;
    *closing = j < p->len && b[j] == '/';
    if (*closing) j++;
    if (j >= p->len || !isalpha((unsigned char)b[j])) return i;
    size_t n0 = j;
    while (j < p->len && (isalnum((unsigned char)b[j]) || b[j] == '-' || b[j] == ':'))
        j++;
    *name = b + n0;
    *nlen = j - n0;
    /* Attributes: name[=value], values quoted or not; template tags inside. */
    while (j < p->len) {
        while (j < p->len && ws(b[j]))
            j++;
        if (j >= p->len) return i;
        if (b[j] == '>') return j + 1;
        if (b[j] == '/' && j + 1 < p->len && b[j + 1] == '>') return j + 2;
        if (b[j] == '<' || b[j] == '{') {
            size_t end;
            bool bad;
            if (template_at(p, j, &end, &bad) != T_NONE) {
                j = end;
                continue;
            }
            if (b[j] == '<') return i; /* a stray `<`: not a tag */
        }
        size_t a = j;
        while (j < p->len && !ws(b[j]) && b[j] != '=' && b[j] != '>' && b[j] != '/')
            j++;
        if (j == a) {
            j++;
            continue;
        }
        size_t alen = j - a;
        while (j < p->len && ws(b[j]))
            j++;
        if (j >= p->len || b[j] != '=') continue;
        j++;
        while (j < p->len && ws(b[j]))
            j++;
        size_t vs, ve;
        if (j < p->len && (b[j] == '"' || b[j] == '\'')) {
            char q = b[j];
            vs = ++j;
            while (j < p->len && b[j] != q) {
                size_t end;
                bool bad;
                if ((b[j] == '<' || b[j] == '{') && template_at(p, j, &end, &bad) != T_NONE)
                    j = end;
                else
                    j++;
            }
            if (j >= p->len) return i;
            ve = j++;
        } else {
            vs = j;
            while (j < p->len && !ws(b[j]) && b[j] != '>')
                j++;
            ve = j;
        }
        if (!*closing && in_list(b + a, alen, copy_attributes) && (*rc = attribute(p, vs, ve)) < 0)
            return i;
    }
    return i;
}

/* Skip the content of an element whose text is not copy, up to its
 * closing tag (or the end of the file). */
static size_t skip_element(const parser *p, size_t i, const char *name, size_t n)
{
    while (i < p->len) {
        size_t lt = find(p, i, "</");
        if (lt >= p->len) return p->len;
        if (lt + 2 + n <= p->len && strncasecmp(p->b + lt + 2, name, n) == 0 &&
            (lt + 2 + n == p->len || !isalnum((unsigned char)p->b[lt + 2 + n]))) {
            size_t gt = find(p, lt, ">");
            return gt < p->len ? gt + 1 : p->len;
        }
        i = lt + 2;
    }
    return p->len;
}

/* Markup at i (`<`): a comment, a declaration or a tag. Returns the
 * position after it, or i when it is text. */
static size_t markup(parser *p, size_t i, int *rc)
{
    *rc = 0;
    if (starts(p, i, "<!--")) {
        size_t e = find(p, i + 4, "-->");
        if (e >= p->len) {
            *rc = tl_doc_error(p->doc, p->err, TL_ESYNTAX, i, "%s",
                               "unterminated HTML comment (missing `-->`)");
            return 0;
        }
        *rc = tl_doc_scan_comment(p->doc, p->b + i + 4, e - i - 4, i) < 0 ? oom(p) : 0;
        return e + 3;
    }
    if (starts(p, i, "<!") || starts(p, i, "<?")) {
        size_t e = find(p, i, starts(p, i, "<![CDATA[") ? "]]>" : ">");
        return e < p->len ? e + (p->b[e] == ']' ? 3 : 1) : p->len;
    }
    const char *name;
    size_t n;
    bool closing;
    size_t end = tag(p, i, &name, &n, &closing, rc);
    if (*rc < 0 || end == i) return i;
    if (in_list(name, n, block_tags) && (*rc = end_block(p)) < 0) return 0;
    if (!closing && in_list(name, n, skipped_tags) && p->b[end - 2] != '/') {
        char nm[16];
        if (n >= sizeof(nm)) return end;
        memcpy(nm, name, n);
        return skip_element(p, end, nm, n);
    }
    return end;
}

/* --- inline content ------------------------------------------------------- */

static bool md_punct(char c)
{
    return c && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL;
}

/* Markdown emphasis delimiter run at i ('*', '_' or '~~'): its length when
 * it is markup, 0 when it is text. */
static size_t emphasis(const parser *p, size_t i, size_t to)
{
    char c = p->b[i];
    size_t j = i;
    while (j < to && p->b[j] == c)
        j++;
    if (c == '~' && j - i < 2) return 0;
    char before = i > 0 ? p->b[i - 1] : ' ', after = j < to ? p->b[j] : ' ';
    bool left = !ws(after), right = !ws(before);
    if (!left && !right) return 0; /* a lone " * " */
    if (c == '_' && isalnum((unsigned char)before) && isalnum((unsigned char)after))
        return 0; /* snake_case */
    return j - i;
}

/* Markdown link at i (`[` or `![`): sets the positions of its `]` and of the
 * end of its destination when it is one. */
static bool md_link(parser *p, size_t i, size_t to)
{
    size_t j = i + (p->b[i] == '!' ? 2 : 1);
    int depth = 1;
    while (j < to) {
        if (p->b[j] == '\\') {
            j += 2;
            continue;
        }
        if (p->b[j] == '[') depth++;
        if (p->b[j] == ']' && --depth == 0) break;
        j++;
    }
    if (j >= to || j + 1 >= to) return false;
    char open = p->b[j + 1];
    if (open != '(' && open != '[') return false;
    char close = open == '(' ? ')' : ']';
    size_t k = j + 2;
    int d = 1;
    while (k < to) {
        if (p->b[k] == open && open == '(') d++;
        if (p->b[k] == close && --d == 0) break;
        k++;
    }
    if (k >= to) return false;
    p->link_close = j;
    p->link_end = k + 1;
    return true;
}

/* Visible content of [from, to). Constructs that open inside may run past
 * `to`; returns where the scan stopped (>= to). */
static size_t inline_content(parser *p, size_t from, size_t to, int *rc)
{
    const char *b = p->b;
    bool md = p->mode == M_MARKDOWN, html = p->mode != M_TEXT;
    size_t i = from, run = from;
    *rc = 0;
    while (i < to) {
        char c = b[i];
        size_t next = i;
        if (c == '<' || c == '{' || (c == '@' && p->blade)) {
            if ((*rc = text(p, run, i)) < 0) return to;
            run = i;
            next = template(p, i, rc);
            if (*rc < 0) return to;
            if (next == i && c == '<' && md && i + 1 < to && (b[i + 1] == 'h' || b[i + 1] == 'm')) {
                size_t gt = i + 1; /* an autolink <https://...> or <mailto:...> */
                while (gt < to && b[gt] != '>' && !ws(b[gt]))
                    gt++;
                if (gt < to && b[gt] == '>' && memchr(b + i, ':', gt - i)) next = gt + 1;
            }
            if (next == i && c == '<' && html) {
                next = markup(p, i, rc);
                if (*rc < 0) return to;
            }
            if (next != i) {
                run = i = next;
                continue;
            }
        } else if (c == '&' && html) {
            char out[8];
            size_t n, len = entity(p, i, to, out, &n);
            if (len) {
                if ((*rc = text(p, run, i)) < 0 || (*rc = atomic(p, i, len, out, n)) < 0) return to;
                run = i = i + len;
                continue;
            }
        } else if (md) {
            size_t skip = 0;
            if (c == '\\' && i + 1 < to && md_punct(b[i + 1])) {
                if ((*rc = text(p, run, i)) < 0 || (*rc = atomic(p, i, 2, b + i + 1, 1)) < 0)
                    return to;
                run = i = i + 2;
                continue;
            }
            if (c == '`') {
                size_t k = i;
                while (k < to && b[k] == '`')
                    k++;
                size_t n = k - i, e = k;
                while (e < to) { /* the closing run of the same length */
                    if (b[e] != '`') {
                        e++;
                        continue;
                    }
                    size_t r = e;
                    while (r < to && b[r] == '`')
                        r++;
                    if (r - e == n) break;
                    e = r;
                }
                skip = e < to ? e + n - i : n; /* an unmatched run is text, kept below */
                if (e >= to) {
                    i = k;
                    continue;
                }
            } else if (c == '*' || c == '_' || c == '~') {
                skip = emphasis(p, i, to);
                if (!skip) {
                    while (i < to && b[i] == c)
                        i++;
                    continue;
                }
            } else if ((c == '[' || (c == '!' && i + 1 < to && b[i + 1] == '[')) &&
                       md_link(p, i, to)) {
                skip = c == '!' ? 2 : 1;
            } else if (i == p->link_close) {
                skip = p->link_end - i;
                p->link_close = (size_t)-1;
            }
            if (skip) {
                if ((*rc = text(p, run, i)) < 0) return to;
                run = i = i + skip;
                continue;
            }
        }
        i++;
    }
    if (run < to && (*rc = text(p, run, to)) < 0) return to;
    return i > to ? i : to;
}

/* --- modes ---------------------------------------------------------------- */

static size_t line_end(const parser *p, size_t i)
{
    while (i < p->len && p->b[i] != '\n' && p->b[i] != '\r')
        i++;
    return i;
}

static size_t next_line(const parser *p, size_t i)
{
    i = line_end(p, i);
    if (i < p->len && p->b[i] == '\r') i++;
    if (i < p->len && p->b[i] == '\n') i++;
    return i;
}

static bool blank_line(const parser *p, size_t i, size_t e)
{
    for (; i < e; i++)
        if (!ws(p->b[i])) return false;
    return true;
}

/* Plain text: paragraphs between blank lines. */
static int run_text(parser *p, size_t pos)
{
    int rc = 0;
    while (pos < p->len) {
        size_t e = line_end(p, pos), n = next_line(p, pos);
        if (blank_line(p, pos, e)) {
            if ((rc = end_block(p)) < 0) return rc;
            pos = n;
            continue;
        }
        size_t stop = inline_content(p, pos, n, &rc);
        if (rc < 0) return rc;
        /* A template tag that spans lines ends mid-line: go on from there. */
        pos = stop > n ? stop : n;
    }
    return end_block(p);
}

static int run_html(parser *p, size_t pos)
{
    int rc;
    inline_content(p, pos, p->len, &rc);
    if (rc < 0) return rc;
    return end_block(p);
}

/* Length of a Markdown list marker at i ("- ", "1. "), or 0. */
static size_t list_marker(const parser *p, size_t i, size_t e)
{
    const char *b = p->b;
    if (i < e && (b[i] == '-' || b[i] == '*' || b[i] == '+') &&
        (i + 1 == e || b[i + 1] == ' ' || b[i + 1] == '\t'))
        return i + 1 < e ? 2 : 1;
    size_t j = i;
    while (j < e && j - i < 9 && isdigit((unsigned char)b[j]))
        j++;
    if (j > i && j < e && (b[j] == '.' || b[j] == ')') && (j + 1 == e || b[j + 1] == ' '))
        return j + 1 - i + (j + 1 < e);
    return 0;
}

/* Whether the line [i, e) is made of one repeated marker character (and
 * blanks), at least `min` times: thematic breaks and setext underlines. */
static bool rule_line(const parser *p, size_t i, size_t e, const char *chars, size_t min)
{
    char c = 0;
    size_t count = 0;
    for (; i < e; i++) {
        char d = p->b[i];
        if (d == ' ' || d == '\t') continue;
        if (!strchr(chars, d) || (c && d != c)) return false;
        c = d;
        count++;
    }
    return count >= min;
}

static int run_markdown(parser *p, size_t pos)
{
    int rc = 0;
    char fence = 0;
    size_t fence_len = 0;
    bool prev_blank = true;
    /* YAML front matter. */
    if (starts(p, pos, "---\n") || starts(p, pos, "---\r\n")) {
        size_t i = next_line(p, pos);
        while (i < p->len) {
            size_t e = line_end(p, i);
            if (e - i == 3 && (starts(p, i, "---") || starts(p, i, "..."))) {
                pos = next_line(p, i);
                break;
            }
            i = next_line(p, i);
        }
    }
    while (pos < p->len) {
        size_t e = line_end(p, pos), n = next_line(p, pos), i = pos;
        size_t indent = 0;
        while (i < e && (p->b[i] == ' ' || p->b[i] == '\t'))
            indent += p->b[i++] == '\t' ? 4 : 1;
        if (fence) { /* inside fenced code */
            size_t k = i, c = 0;
            while (k < e && p->b[k] == fence)
                k++, c++;
            if (c >= fence_len && blank_line(p, k, e)) fence = 0;
            pos = n;
            continue;
        }
        if (blank_line(p, pos, e)) {
            if ((rc = end_block(p)) < 0) return rc;
            prev_blank = true;
            pos = n;
            continue;
        }
        if (indent >= 4 && prev_blank && !p->sb.text.len) { /* indented code */
            pos = n;
            continue;
        }
        prev_blank = false;
        if (indent < 4 && (starts(p, i, "```") || starts(p, i, "~~~"))) {
            if ((rc = end_block(p)) < 0) return rc;
            fence = p->b[i];
            fence_len = 0;
            while (i < e && p->b[i] == fence)
                i++, fence_len++;
            pos = n;
            continue;
        }
        while (i < e && p->b[i] == '>') { /* block quotes */
            i++;
            if (i < e && p->b[i] == ' ') i++;
            while (i < e && p->b[i] == ' ')
                i++;
        }
        if (i >= e) { /* only quote markers: a blank line inside the quote */
            if ((rc = end_block(p)) < 0) return rc;
            pos = n;
            continue;
        }
        if (rule_line(p, i, e, "=-", 1) && p->sb.text.len) { /* setext underline */
            if ((rc = end_block(p)) < 0) return rc;
            pos = n;
            continue;
        }
        if (rule_line(p, i, e, "*-_", 3)) {
            if ((rc = end_block(p)) < 0) return rc;
            pos = n;
            continue;
        }
        if (p->b[i] == '[') { /* a link reference definition: [id]: url */
            size_t k = i + 1;
            while (k < e && p->b[k] != ']')
                k++;
            if (k + 1 < e && p->b[k + 1] == ':') {
                pos = n;
                continue;
            }
        }
        bool heading = false;
        if (p->b[i] == '#') {
            size_t k = i;
            while (k < e && p->b[k] == '#')
                k++;
            if (k - i <= 6 && (k == e || p->b[k] == ' ' || p->b[k] == '\t')) {
                heading = true;
                if ((rc = end_block(p)) < 0) return rc;
                i = k;
                /* A closing run of #s is not text. */
                size_t z = e;
                while (z > i && ws(p->b[z - 1]))
                    z--;
                size_t h = z;
                while (h > i && p->b[h - 1] == '#')
                    h--;
                if (h < z && (h == i || p->b[h - 1] == ' ')) e = h;
            }
        }
        size_t m = list_marker(p, i, e);
        if (m) {
            if ((rc = end_block(p)) < 0) return rc;
            i += m;
        }
        if (i < e && (p->b[i] == '|' || (p->b[e - 1] == '|' && memchr(p->b + i, '|', e - i - 1)))) {
            /* A table row: each cell is a block; the delimiter row is skipped. */
            bool delim = true;
            for (size_t k = i; k < e; k++)
                if (!strchr("|-: \t", p->b[k])) delim = false;
            if ((rc = end_block(p)) < 0) return rc;
            if (!delim) {
                size_t cell = i;
                for (size_t k = i; k <= e; k++) {
                    if (k < e && (p->b[k] != '|' || (k > i && p->b[k - 1] == '\\'))) continue;
                    inline_content(p, cell, k, &rc);
                    if (rc < 0 || (rc = end_block(p)) < 0) return rc;
                    cell = k + 1;
                }
            }
            pos = n;
            continue;
        }
        size_t stop = inline_content(p, i, heading ? e : n, &rc);
        if (rc < 0) return rc;
        if (heading && (rc = end_block(p)) < 0) return rc;
        pos = stop > n ? stop : n;
    }
    return end_block(p);
}

/* --- mode and entry points ------------------------------------------------ */

static const char template_suffixes[] =
    ".erb .hbs .handlebars .mustache .liquid .j2 .jinja .jinja2 .twig .blade.php";

static size_t suffix_len(const char *name, size_t n, const char *list)
{
    for (const char *s = list; *s;) {
        size_t k = strcspn(s, " ");
        if (k <= n && strncasecmp(name + n - k, s, k) == 0) return k;
        s += k;
        while (*s == ' ')
            s++;
    }
    return 0;
}

static bool looks_like_html(const unsigned char *b, size_t len)
{
    /* `<x-` opens a Blade component (`<x-mail::message>`), `<mj-` MJML. */
    static const char *const marks[] = {"<p>",       "<p ",   "<div", "<br", "<table", "<html",
                                        "<a ",       "<span", "<h1",  "<h2", "<td",    "<li",
                                        "<!DOCTYPE", "<body", "<x-",  "<mj-"};
    size_t n = len < 65536 ? len : 65536;
    for (size_t m = 0; m < sizeof(marks) / sizeof(marks[0]); m++)
        if (memmem(b, n, marks[m], strlen(marks[m]))) return true;
    return false;
}

static mode mode_of(const char *path, const unsigned char *b, size_t len, bool *erb, bool *curly,
                    bool *blade)
{
    *erb = *curly = *blade = false;
    const char *base = path ? strrchr(path, '/') : NULL;
    base = base ? base + 1 : path ? path : "";
    size_t n = strlen(base), k;
    while ((k = suffix_len(base, n, template_suffixes)) > 0) {
        if (k == 4 && strncasecmp(base + n - 4, ".erb", 4) == 0)
            *erb = true;
        else
            *curly = true;
        if (k == 10) *blade = true; /* .blade.php */
        n -= k;
    }
    if (suffix_len(base, n, ".txt .text")) return M_TEXT;
    /* Laravel Markdown mail: `@component('mail::message')` or `<x-mail::message>`. */
    if (*blade && memmem(b, len < 65536 ? len : 65536, "mail::message", 13)) return M_MARKDOWN;
    if (suffix_len(base, n, ".md .markdown")) return M_MARKDOWN;
    if (suffix_len(base, n, ".html .htm .xhtml .mjml")) return M_HTML;
    return looks_like_html(b, len) ? M_HTML : M_TEXT;
}

int tl_extract_markup(tl_doc *doc, tl_error *err)
{
    if (doc->src.encoding != TL_ENC_UTF8)
        return tl_doc_error(doc, err, TL_EENCODING, 0, "%s",
                            "UTF-16 markup is not supported; save the file as UTF-8");
    parser p;
    memset(&p, 0, sizeof(p));
    p.doc = doc;
    p.err = err;
    p.b = (const char *)doc->src.bytes;
    p.len = doc->src.len;
    p.link_close = (size_t)-1;
    p.mode = mode_of(doc->path && strcmp(doc->path, "-") ? doc->path : NULL, doc->src.bytes,
                     doc->src.len, &p.erb, &p.curly, &p.blade);
    tl_segbuild_init(&p.sb);
    tl_segbuild_init(&p.attr);
    size_t pos = doc->src.bom_len;
    int rc = p.mode == M_TEXT   ? run_text(&p, pos)
             : p.mode == M_HTML ? run_html(&p, pos)
                                : run_markdown(&p, pos);
    if (rc < 0 && !err->code) tl_error_set(err, rc, "out of memory");
    /* Attribute segments were added as their tags were read, before the
     * block around them: restore file order. */
    for (size_t a = 1; rc == 0 && a < doc->nsegs; a++) {
        tl_segment s = doc->segs[a];
        size_t k = a;
        while (k > 0 && doc->segs[k - 1].raw_start > s.raw_start) {
            doc->segs[k] = doc->segs[k - 1];
            k--;
        }
        doc->segs[k] = s;
    }
    for (size_t a = 0; a < doc->nsegs; a++)
        doc->segs[a].index = (int)a;
    tl_segbuild_free(&p.sb);
    tl_segbuild_free(&p.attr);
    free(p.ws);
    return rc < 0 ? rc : 0;
}

/* Fix encoder: HTML escapes (and Markdown's backslash escapes) for what
 * would read as markup; template delimiters cannot be written. */
int tl_encode_markup(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                     size_t raw_end, const char *text, size_t len)
{
    (void)seg;
    (void)raw_start;
    (void)raw_end;
    bool erb, curly, blade;
    mode m = mode_of(doc->path, doc->src.bytes, doc->src.len, &erb, &curly, &blade);
    for (size_t i = 0; i + 1 < len; i++)
        if ((text[i] == '<' && text[i + 1] == '%') ||
            (text[i] == '{' && (text[i + 1] == '{' || text[i + 1] == '%' || text[i + 1] == '#')))
            return TL_EUSAGE;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        int rc;
        if (m != M_TEXT && c == '<')
            rc = tl_buf_puts(out, "&lt;");
        else if (m != M_TEXT && c == '>')
            rc = tl_buf_puts(out, "&gt;");
        else if (m != M_TEXT && c == '&')
            rc = tl_buf_puts(out, "&amp;");
        else if (m != M_TEXT && c == '"')
            rc = tl_buf_puts(out, "&quot;");
        else if (m == M_MARKDOWN && strchr("\\`*_[]#|", c)) {
            char esc[2] = {'\\', c};
            rc = tl_buf_append(out, esc, 2);
        } else if (m != M_TEXT && c == '\n')
            return TL_EUSAGE;
        else
            rc = tl_buf_putc(out, c);
        if (rc < 0) return TL_ENOMEM;
    }
    return 0;
}
