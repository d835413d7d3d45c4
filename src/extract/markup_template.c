/* markup_template.c - template languages in the markup extractor: ERB,
 * Liquid/Jinja/Twig, Handlebars/Mustache and Blade tags; which are output
 * (kept as placeholders), code, or comments (scanned for directives); and
 * Laravel's translation helpers whose key is the English text. */
#include "markup_int.h"

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
tkind tl_markup_template_at(const parser *p, size_t i, size_t *end, bool *bad)
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
size_t tl_markup_template(parser *p, size_t i, int *rc)
{
    size_t end;
    bool bad;
    tkind k = tl_markup_template_at(p, i, &end, &bad);
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
        if (tl_markup_flush_ws(p) < 0 || tl_segbuild_utf8(&p->sb, la, p->b + la, lz - la) < 0) {
            *rc = tl_markup_oom(p);
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
        *rc = tl_doc_scan_comment(p->doc, p->b + end, close > end ? close - end : 0, i) < 0
                  ? tl_markup_oom(p)
                  : 0;
        if (*rc == 0) *rc = tl_markup_end_block(p);
        return *rc < 0 ? 0 : stop;
    }
    if (k == T_OUTPUT) {
        *rc = tl_markup_placeholder(p, i, end - i);
    } else {
        if (k == T_COMMENT) {
            /* The text between the delimiters: <%# %>, {# #}, {{! }}, {{!-- --}}. */
            size_t a = i + 2, z = end - (p->b[end - 3] == '-' && p->b[end - 4] == '-' ? 4 : 2);
            while (a < z && (p->b[a] == '#' || p->b[a] == '!' || p->b[a] == '-' || p->b[a] == '~' ||
                             p->b[a] == '{'))
                a++;
            *rc = tl_doc_scan_comment(p->doc, p->b + a, z > a ? z - a : 0, i) < 0 ? tl_markup_oom(p)
                                                                                  : 0;
        }
        if (*rc == 0 && alone_on_line(p, i, end)) *rc = tl_markup_end_block(p);
    }
    return *rc < 0 ? 0 : end;
}
