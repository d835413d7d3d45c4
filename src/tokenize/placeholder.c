/* placeholder.c - masking of placeholders, markup, URLs and addresses.
 *
 * Scans the normalized text once, left to right, and overwrites what the
 * customer never reads as words: variables become '_' (they stand for a
 * word, so "Your %s is received" still reads as a sentence) and markup
 * becomes ' ' (a tag is not a word, so "click <a>here</a>" keeps its word
 * boundaries). Recognized, by syntax switch:
 *   printf    %s %1$s %d %@ %ld %.2f %(name)s %{name} %<name>s %#@name@ %%,
 *             and Qt's %1 %L1 (%n is printf's too)
 *   braces    {0} {name} {0,number} ${name} {{name}} {{- raw}} and ICU
 *             MessageFormat: `{n, plural, one {# item} other {# items}}`
 *             masks the argument syntax and keeps the branch texts
 *   literal   <code>…</code>, <kbd>, <samp>, <tt>, <var>: the whole element
 *             is a value the reader types or reads, masked as a variable
 *   markup    <tag attr="...">, </tag>, <!-- -->, &entity; &#123;, and the
 *             colour markup of libGDX games: [] [#ff0000] [accent] glued
 *             to the text it colours ("[crimson]Failed to save")
 *   template  {{ ... }} {% ... %} {# ... #} <% ... %> <%= ... %> {!! ... !!}
 * and always URLs (scheme://..., www.) and e-mail addresses, plus `:name`
 * symbols after a space. A lone `%`, `{` or `<` that opens nothing is text. */
#include "view.h"
#include "../core/array.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct scan {
    tl_view *v;
    char *m; /* masked bytes */
    const char *s;
    size_t len;
    unsigned syntax;
    /* Per literal element name: no closing tag lies in [from, to). Kept so
     * that many unclosed `<code>` tags cost one search, not one each. */
    size_t literal_open_from[5], literal_open_to[5];
} scan;

static int add_mask(scan *sc, size_t start, size_t end, tl_mask_kind kind)
{
    tl_view *v = sc->v;
    if (end <= start) return 0;
    if (v->nmasks == v->cap_masks &&
        tl_array_grow(&v->masks, &v->cap_masks, sizeof(*v->masks), 16) < 0)
        return TL_ENOMEM;
    /* Merge with an adjacent mask of the same kind. */
    if (v->nmasks && v->masks[v->nmasks - 1].end == start && v->masks[v->nmasks - 1].kind == kind)
        v->masks[v->nmasks - 1].end = end;
    else
        v->masks[v->nmasks++] = (tl_mask){start, end, kind};
    memset(sc->m + start, kind == TL_MASK_MARKUP ? ' ' : '_', end - start);
    return 0;
}

static bool is_word(unsigned char c)
{
    /* ASCII tests inline: this runs at every word-start letter of a text. */
    unsigned char l = c | 0x20;
    return (l >= 'a' && l <= 'z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

/* Qt's numbered argument at s[i] == '%': %1 to %99, %L1 (a number in the
 * user's locale); not glued to a word ("Room %12B" is not one). */
static size_t qt_arg_len(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;
    if (j < len && s[j] == 'L') j++;
    size_t d = j;
    while (d < len && d - j < 2 && isdigit((unsigned char)s[d]))
        d++;
    if (d == j || s[j] == '0' || (d < len && is_word((unsigned char)s[d]))) return 0;
    return d - i;
}

/* printf-style conversion at s[i] == '%'; returns its length or 0. */
static size_t printf_conversion_len(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;
    if (j >= len) return 0;
    if (s[j] == '%') return 2;
    if (s[j] == '(') { /* Python %(name)s */
        size_t k = j + 1;
        while (k < len && (is_word((unsigned char)s[k]) || s[k] == '.' || s[k] == '-'))
            k++;
        if (k >= len || s[k] != ')' || k == j + 1) return 0;
        j = k + 1;
        while (j < len && strchr("#0-+ ", s[j]))
            j++;
        while (j < len && isdigit((unsigned char)s[j]))
            j++;
        if (j < len && s[j] == '.') {
            j++;
            while (j < len && isdigit((unsigned char)s[j]))
                j++;
        }
        return j < len && strchr("diouxXeEfFgGcrsa", s[j]) ? j + 1 - i : 0;
    }
    if (s[j] == '{' || s[j] == '<') { /* Ruby %{name}, %<name>s */
        char close = s[j] == '{' ? '}' : '>';
        size_t k = j + 1;
        while (k < len && (is_word((unsigned char)s[k]) || s[k] == '.'))
            k++;
        if (k >= len || s[k] != close || k == j + 1) return 0;
        k++;
        if (close == '>') {
            while (k < len && strchr("-+ 0#", s[k]))
                k++;
            while (k < len && (isdigit((unsigned char)s[k]) || s[k] == '.'))
                k++;
            if (k < len && isalpha((unsigned char)s[k])) k++;
        }
        return k - i;
    }
    /* Positional argument: %1$s, %2$@ */
    size_t k = j;
    while (k < len && isdigit((unsigned char)s[k]))
        k++;
    if (k > j && k < len && s[k] == '$') j = k + 1;
    /* Flags (no space flag: "50% off" is prose). */
    while (j < len && strchr("-+0#'", s[j]))
        j++;
    if (j < len && s[j] == '*')
        j++;
    else
        while (j < len && isdigit((unsigned char)s[j]))
            j++;
    if (j < len && s[j] == '.') {
        j++;
        if (j < len && s[j] == '*')
            j++;
        else
            while (j < len && isdigit((unsigned char)s[j]))
                j++;
    }
    /* Apple plural reference %#@name@ */
    if (j < len && s[j] == '@' && j > i + 1 && s[j - 1] == '#') {
        size_t e = j + 1;
        while (e < len && is_word((unsigned char)s[e]))
            e++;
        return e < len && s[e] == '@' ? e + 1 - i : 0;
    }
    static const char *const lengths[] = {"hh", "ll", "h", "l", "L", "q", "j", "z", "t", NULL};
    for (int n = 0; lengths[n]; n++) {
        size_t ln = strlen(lengths[n]);
        if (j + ln < len && memcmp(s + j, lengths[n], ln) == 0) {
            j += ln;
            break;
        }
    }
    if (j >= len) return 0;
    char c = s[j];
    if (!strchr("diouxXeEfFgGaAcspnCS@b", c)) return 0;
    /* "%of", "%discount": a letter conversion glued to a word is prose, not a
     * placeholder, unless it is positional or the conversion is %s/%d/%@. */
    if (j + 1 < len && isalpha((unsigned char)s[j + 1]) && j == i + 1 && c != 's' && c != 'd' &&
        c != '@')
        return 0;
    return j + 1 - i;
}

/* A printf conversion, or else a Qt argument, at s[i] == '%'. */
static size_t printf_len(const char *s, size_t len, size_t i)
{
    size_t n = printf_conversion_len(s, len, i);
    return n ? n : qt_arg_len(s, len, i);
}

/* Index of the brace that closes the one at i, honouring nesting, or len. */
static size_t match_brace(const char *s, size_t len, size_t i)
{
    int depth = 0;
    for (size_t j = i; j < len; j++) {
        if (s[j] == '{')
            depth++;
        else if (s[j] == '}' && --depth == 0)
            return j;
    }
    return len;
}

static int mask_text(scan *sc, size_t from, size_t to, int icu_depth);

/* Java MessageFormat `{0,choice,0#no files|1#one file|1<{0} files}`: the
 * header and each limit are masked as variables, and the `#`, `<` or `≤`
 * after a limit, the `|` separators and the closing brace as markup (' '),
 * so each option text is copy with its own word boundaries. `j` is just
 * past `choice`. Returns the index past the closing brace, or 0 when it is
 * not a choice format. */
static size_t choice_format(scan *sc, size_t i, size_t j, size_t close, int depth)
{
    const char *s = sc->s;
    while (j < close && isspace((unsigned char)s[j]))
        j++;
    if (j >= close || s[j] != ',') return 0;
    size_t mark = i; /* start of the syntax not yet masked */
    j++;
    while (j < close) {
        /* A limit: a number (or ∞), then the separator. */
        while (j < close && s[j] != '#' && s[j] != '<' && s[j] != '|' &&
               !(close - j >= 3 && memcmp(s + j, "\xE2\x89\xA4", 3) == 0))
            j++;
        if (j >= close || s[j] == '|') return 0;
        size_t sep = j;
        j += s[j] == '#' || s[j] == '<' ? 1 : 3;
        if (s[mark] == '|' && add_mask(sc, mark, mark + 1, TL_MASK_MARKUP) < 0) return 0;
        if (add_mask(sc, s[mark] == '|' ? mark + 1 : mark, sep, TL_MASK_VARIABLE) < 0 ||
            add_mask(sc, sep, j, TL_MASK_MARKUP) < 0)
            return 0;
        /* The option text runs to a `|` outside nested braces. */
        size_t text = j;
        while (j < close && s[j] != '|') {
            if (s[j] == '{') {
                size_t end = match_brace(s, close, j);
                if (end >= close) return 0;
                j = end;
            }
            j++;
        }
        if (mask_text(sc, text, j, -(depth + 1)) < 0) return 0;
        mark = j;
        if (j < close) j++;
    }
    if (add_mask(sc, mark, close + 1, TL_MASK_MARKUP) < 0) return 0;
    return close + 1;
}

static int add_branch(tl_view *v, size_t start, size_t end)
{
    if (v->nbranches == v->cap_branches &&
        tl_array_grow(&v->branches, &v->cap_branches, sizeof(*v->branches), 4) < 0)
        return TL_ENOMEM;
    v->branches[v->nbranches++] = (tl_range){start, end};
    return 0;
}

/* Keep the top-level branches only when they are all the text says: any
 * word outside them ("{n, plural, one {Invitation} other {Invitations}}
 * could not be sent") makes the whole text the sentence. */
static void keep_whole_branches(tl_view *v)
{
    const char *m = v->masked.data;
    size_t b = 0;
    for (size_t i = 0; i < v->len && v->nbranches; i++) {
        while (b < v->nbranches && v->branches[b].end <= i)
            b++;
        if (b < v->nbranches && v->branches[b].start <= i) {
            i = v->branches[b].end - 1;
            continue;
        }
        unsigned char c = (unsigned char)m[i];
        if (c != '_' && c != ' ' && c != '\t' && c != '\n' && c != '\r') v->nbranches = 0;
    }
    if (v->nbranches < 2) v->nbranches = 0;
}

/* ICU `{arg, plural|select|selectordinal, [offset:n] key {msg} ...}` at i.
 * Returns the index past the closing brace, or 0 when it is not ICU. */
static size_t icu_select(scan *sc, size_t i, size_t close, int depth)
{
    const char *s = sc->s;
    size_t j = i + 1;
    while (j < close && isspace((unsigned char)s[j]))
        j++;
    size_t name = j;
    while (j < close && (is_word((unsigned char)s[j])))
        j++;
    if (j == name) return 0;
    while (j < close && isspace((unsigned char)s[j]))
        j++;
    if (j >= close || s[j] != ',') return 0;
    j++;
    while (j < close && isspace((unsigned char)s[j]))
        j++;
    size_t type = j;
    while (j < close && isalpha((unsigned char)s[j]))
        j++;
    size_t tl = j - type;
    bool sel = (tl == 6 && memcmp(s + type, "plural", 6) == 0) ||
               (tl == 6 && memcmp(s + type, "select", 6) == 0) ||
               (tl == 13 && memcmp(s + type, "selectordinal", 13) == 0);
    if (tl == 6 && memcmp(s + type, "choice", 6) == 0) return choice_format(sc, i, j, close, depth);
    if (!sel) return 0;
    bool plural = s[type] == 'p' || tl == 13;
    /* Mask the header up to each branch text, and recurse into branches. */
    size_t mark = i;
    while (j < close) {
        if (s[j] == '{') {
            size_t end = match_brace(s, close, j);
            if (end >= close) return 0;
            /* The braces around a branch text mask as markup (' '), so the
             * text's first and last words keep their word boundaries. */
            if (add_mask(sc, mark, j, TL_MASK_VARIABLE) < 0 ||
                add_mask(sc, j, j + 1, TL_MASK_MARKUP) < 0)
                return 0;
            if (depth == 0 && add_branch(sc->v, j + 1, end) < 0) return 0;
            if (mask_text(sc, j + 1, end, plural ? depth + 1 : -(depth + 1)) < 0) return 0;
            if (add_mask(sc, end, end + 1, TL_MASK_MARKUP) < 0) return 0;
            mark = end + 1;
            j = end + 1;
            continue;
        }
        j++;
    }
    if (add_mask(sc, mark, close + 1, TL_MASK_VARIABLE) < 0) return 0;
    return close + 1;
}

static size_t url_len(const char *s, size_t len, size_t i)
{
    size_t j = i;
    if (len - i > 4 && strncasecmp(s + i, "www.", 4) == 0) {
        j = i + 4;
    } else {
        while (j < len && isalpha((unsigned char)s[j]))
            j++;
        if (j == i || j + 3 > len || memcmp(s + j, "://", 3) != 0) return 0;
        j += 3;
    }
    size_t start = j;
    while (j < len && !isspace((unsigned char)s[j]) && s[j] != '"' && s[j] != '<' && s[j] != '>')
        j++;
    /* Trailing punctuation belongs to the sentence. */
    while (j > start && strchr(".,;:!?)]}'", s[j - 1]))
        j--;
    return j > start ? j - i : 0;
}

/* E-mail address whose '@' is at `at`; sets *start. */
static size_t email_len(const char *s, size_t len, size_t at, size_t from, size_t *start)
{
    size_t b = at;
    while (b > from && (isalnum((unsigned char)s[b - 1]) || strchr("._%+-", s[b - 1])))
        b--;
    if (b == at) return 0;
    size_t e = at + 1, dot = 0;
    while (e < len && (isalnum((unsigned char)s[e]) || s[e] == '-' || s[e] == '.')) {
        if (s[e] == '.') dot = e;
        e++;
    }
    while (e > at + 1 && s[e - 1] == '.')
        e--;
    if (!dot || dot >= e - 1) return 0;
    *start = b;
    return e - b;
}

/* Tag at s[i] == '<': returns its length or 0. */
static size_t tag_len(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;
    if (j >= len) return 0;
    if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
        const char *e = NULL;
        for (size_t k = i + 4; k + 3 <= len; k++)
            if (memcmp(s + k, "-->", 3) == 0) {
                e = s + k;
                break;
            }
        return e ? (size_t)(e - s) + 3 - i : 0;
    }
    if (s[j] == '/') j++;
    if (j >= len || !(isalpha((unsigned char)s[j]) || (j == i + 1 && s[j] == '!'))) {
        /* Numbered Trans components <1>...</1> */
        if (j < len && isdigit((unsigned char)s[j])) {
            while (j < len && isdigit((unsigned char)s[j]))
                j++;
            if (j < len && s[j] == '/') j++;
            return j < len && s[j] == '>' ? j + 1 - i : 0;
        }
        return 0;
    }
    char quote = 0;
    for (; j < len; j++) {
        char c = s[j];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            /* Quotes only count inside attributes (after an =). */
            if (s[j - 1] == '=') quote = c;
        } else if (c == '>') {
            return j + 1 - i;
        } else if (c == '<') {
            return 0;
        }
    }
    return 0;
}

/* An element whose text is a literal, not prose (`<code>PERSON_DOB</code>`,
 * `<kbd>Ctrl</kbd>`): the length from its opening tag of `n` bytes at i
 * through its closing tag, or 0 when i does not open one or it is not
 * closed. The literal stands for a value the reader types or reads, as a
 * placeholder does. */
static size_t literal_element_len(scan *sc, size_t len, size_t i, size_t n)
{
    static const char *const names[] = {"code", "kbd", "samp", "tt", "var"};
    const char *s = sc->s;
    if (n < 3 || s[i + n - 2] == '/') return 0;
    for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
        size_t m = strlen(names[k]);
        if (n < m + 2 || strncasecmp(s + i + 1, names[k], m) != 0 ||
            (s[i + 1 + m] != '>' && !isspace((unsigned char)s[i + 1 + m])))
            continue;
        if (i + n >= sc->literal_open_from[k] && len <= sc->literal_open_to[k]) return 0;
        for (size_t j = i + n; j + m + 3 <= len; j++) {
            if (s[j] != '<' || s[j + 1] != '/' || strncasecmp(s + j + 2, names[k], m) != 0)
                continue;
            size_t e = j + 2 + m;
            while (e < len && isspace((unsigned char)s[e]))
                e++;
            if (e < len && s[e] == '>') return e + 1 - i;
        }
        sc->literal_open_from[k] = i + n;
        sc->literal_open_to[k] = len;
        return 0;
    }
    return 0;
}

static size_t entity_len(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;
    if (j < len && s[j] == '#') {
        j++;
        bool hex = j < len && (s[j] == 'x' || s[j] == 'X');
        if (hex) j++;
        size_t d = j;
        while (j < len && (hex ? isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j])))
            j++;
        if (j == d) return 0;
    } else {
        size_t d = j;
        while (j < len && isalnum((unsigned char)s[j]) && j - d < 32)
            j++;
        if (j == d) return 0;
    }
    return j < len && s[j] == ';' ? j + 1 - i : 0;
}

/* libGDX colour markup at s[i] == '[': "[]" (back to the previous colour),
 * "[#rgb]" to "[#rrggbbaa]", or a colour's name of 2 to 20 letters glued to
 * what follows ("[scarlet]Can't connect", "[accent]{0}"). A bracketed word
 * followed by a space or punctuation ("Press [Enter] to send", "[name],")
 * is text; one followed by "(" or "[" is a Markdown link. */
static size_t color_tag_len(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;
    if (j < len && s[j] == ']') return 2;
    if (j < len && s[j] == '#') {
        size_t d = ++j;
        while (j < len && isxdigit((unsigned char)s[j]) && j - d < 8)
            j++;
        size_t n = j - d;
        return j < len && s[j] == ']' && (n == 3 || n == 4 || n == 6 || n == 8) ? j + 1 - i : 0;
    }
    size_t d = j;
    while (j < len && (isalpha((unsigned char)s[j]) || s[j] == '_') && j - d <= 20)
        j++;
    if (j - d < 2 || j - d > 20 || j >= len || s[j] != ']') return 0;
    unsigned char next = j + 1 < len ? (unsigned char)s[j + 1] : 0;
    return isalnum(next) || next == '{' || next == '%' || next == '$' ? j + 1 - i : 0;
}

/* Template delimiters open..close starting at i; returns the length or 0. */
static size_t delimited(const char *s, size_t len, size_t i, const char *open, const char *close)
{
    size_t ol = strlen(open), cl = strlen(close);
    if (len - i < ol + cl || memcmp(s + i, open, ol) != 0) return 0;
    for (size_t k = i + ol; k + cl <= len; k++) {
        if (s[k] == '\n' && s[k - 1] == '\n') return 0; /* not across paragraphs */
        if (memcmp(s + k, close, cl) == 0) return k + cl - i;
    }
    return 0;
}

/* Bytes where a mask can start: START_ANY anywhere, START_WORD (the first
 * letters of URL schemes and "www.") only at the start of a word. Every
 * other byte is stepped over without a test of its own. */
enum { START_ANY = 1, START_WORD = 2 };
static const unsigned char mask_start[256] = {
    ['%'] = START_ANY,  ['{'] = START_ANY,  ['$'] = START_ANY,  ['<'] = START_ANY,
    ['&'] = START_ANY,  ['#'] = START_ANY,  [':'] = START_ANY,  ['@'] = START_ANY,
    ['['] = START_ANY,  ['h'] = START_WORD, ['H'] = START_WORD, ['w'] = START_WORD,
    ['W'] = START_WORD, ['f'] = START_WORD, ['F'] = START_WORD, ['m'] = START_WORD,
    ['M'] = START_WORD,
};

/* Mask [from, to). icu_depth > 0 inside an ICU plural branch (where `#` is
 * the number), < 0 inside a select branch, 0 at top level. */
static int mask_text(scan *sc, size_t from, size_t to, int icu_depth)
{
    const char *s = sc->s;
    unsigned syn = sc->syntax;
    size_t i = from;
    while (i < to) {
        unsigned char c = (unsigned char)s[i];
        unsigned char can_start = mask_start[c];
        if (!can_start ||
            (can_start == START_WORD && i > from && is_word((unsigned char)s[i - 1]))) {
            i++;
            continue;
        }
        size_t n = 0;
        tl_mask_kind kind = TL_MASK_VARIABLE;
        if (c == '%' && (syn & TL_SYNTAX_PRINTF)) {
            n = printf_len(s, to, i);
        } else if (c == '{' && (syn & (TL_SYNTAX_BRACES | TL_SYNTAX_TEMPLATE))) {
            if ((syn & TL_SYNTAX_TEMPLATE) && (n = delimited(s, to, i, "{%", "%}")) > 0) {
                kind = TL_MASK_MARKUP;
            } else if ((syn & TL_SYNTAX_TEMPLATE) && (n = delimited(s, to, i, "{#", "#}")) > 0) {
                kind = TL_MASK_MARKUP;
            } else if ((syn & TL_SYNTAX_TEMPLATE) && (n = delimited(s, to, i, "{!!", "!!}")) > 0) {
                /* Blade's unescaped output: a variable */
            } else if (i + 1 < to && s[i + 1] == '{') {
                n = delimited(s, to, i, "{{", "}}");
                if (n && i + n < to && s[i + n] == '}') n++; /* {{{raw}}} */
            } else if (syn & TL_SYNTAX_BRACES) {
                size_t close = match_brace(s, to, i);
                if (close < to) {
                    size_t next = icu_select(sc, i, close, icu_depth < 0 ? -icu_depth : icu_depth);
                    if (next) {
                        i = next;
                        continue;
                    }
                    /* {0} {name} {0,number} {count, date, short}: one word inside. */
                    size_t k = i + 1;
                    while (k < close && isspace((unsigned char)s[k]))
                        k++;
                    if (k < close && (is_word((unsigned char)s[k]) || s[k] == '$' || s[k] == '-'))
                        n = close + 1 - i;
                }
            }
        } else if (c == '$' && i + 1 < to && s[i + 1] == '{' && (syn & TL_SYNTAX_BRACES)) {
            size_t close = match_brace(s, to, i + 1);
            if (close < to) n = close + 1 - i;
        } else if (c == '<' && (syn & (TL_SYNTAX_MARKUP | TL_SYNTAX_TEMPLATE))) {
            if ((syn & TL_SYNTAX_TEMPLATE) && i + 1 < to && s[i + 1] == '%') {
                n = delimited(s, to, i, "<%", "%>");
                if (n && (i + 2 >= to || (s[i + 2] != '=' && s[i + 2] != '-')))
                    kind = TL_MASK_MARKUP;
            } else if (syn & TL_SYNTAX_MARKUP) {
                n = tag_len(s, to, i);
                kind = TL_MASK_MARKUP;
                size_t whole = n ? literal_element_len(sc, to, i, n) : 0;
                if (whole) {
                    n = whole;
                    kind = TL_MASK_VARIABLE;
                }
            }
        } else if (c == '&' && (syn & TL_SYNTAX_MARKUP)) {
            n = entity_len(s, to, i);
            kind = TL_MASK_MARKUP;
        } else if (c == '[' && (syn & TL_SYNTAX_MARKUP)) {
            n = color_tag_len(s, to, i);
            kind = TL_MASK_MARKUP;
        } else if (c == '#' && icu_depth > 0) {
            n = 1;
        } else if (c == ':' && (i == from || isspace((unsigned char)s[i - 1])) && i + 1 < to &&
                   (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '_')) {
            size_t k = i + 1;
            while (k < to && (isalnum((unsigned char)s[k]) || s[k] == '_'))
                k++;
            n = k - i;
        } else if (c == '@' && i > from) {
            size_t start;
            size_t e = email_len(s, to, i, from, &start);
            if (e) {
                if (add_mask(sc, start, start + e, TL_MASK_ADDRESS) < 0) return TL_ENOMEM;
                i = start + e;
                continue;
            }
        } else if ((c == 'h' || c == 'H' || c == 'w' || c == 'W' || c == 'f' || c == 'F' ||
                    c == 'm' || c == 'M') &&
                   (i == from || !is_word((unsigned char)s[i - 1]))) {
            n = url_len(s, to, i);
            kind = TL_MASK_ADDRESS;
        }
        if (n) {
            if (add_mask(sc, i, i + n, kind) < 0) return TL_ENOMEM;
            i += n;
        } else {
            i++;
        }
    }
    return 0;
}

int tl_mask_placeholders(tl_view *v, unsigned syntax)
{
    v->nmasks = 0;
    v->nbranches = 0;
    tl_buf_reset(&v->masked);
    if (tl_buf_append(&v->masked, v->norm, v->len) < 0) return TL_ENOMEM;
    scan sc = {.v = v, .m = v->masked.data, .s = v->norm, .len = v->len, .syntax = syntax};
    int rc = mask_text(&sc, 0, v->len, 0);
    if (rc < 0) return rc;
    keep_whole_branches(v);
    /* Masks were added in nested order for ICU; keep them sorted by start. */
    for (size_t a = 1; a < v->nmasks; a++) {
        tl_mask m = v->masks[a];
        size_t b = a;
        while (b > 0 && v->masks[b - 1].start > m.start) {
            v->masks[b] = v->masks[b - 1];
            b--;
        }
        v->masks[b] = m;
    }
    return 0;
}

/* A decoded-text offset as an offset in norm: the inverse of the norm map.
 * Inside a normalized cluster, a start goes to the cluster's start and an
 * end to its end. */
static size_t norm_offset(const tl_view *v, size_t off, bool end)
{
    for (size_t i = 0; i < v->nnorm_map; i++) {
        const tl_span *s = &v->norm_map[i];
        if (off < s->raw_off || off > s->raw_off + s->raw_len) continue;
        if (off == s->raw_off + s->raw_len && !end) continue;
        if (!s->atomic) return s->text_off + (off - s->raw_off);
        return end && off > s->raw_off ? s->text_off + s->text_len : s->text_off;
    }
    return off < v->len ? off : v->len;
}

int tl_mask_protected(tl_view *v, const tl_text_range *ranges, size_t n)
{
    scan sc = {.v = v, .m = v->masked.data, .s = v->norm, .len = v->len, .syntax = 0};
    for (size_t i = 0; i < n; i++) {
        size_t start = ranges[i].start, end = ranges[i].end;
        if (v->nnorm_map) {
            start = norm_offset(v, start, false);
            end = norm_offset(v, end, true);
        }
        if (end > v->len) end = v->len;
        if (start >= end) continue;
        if (add_mask(&sc, start, end, TL_MASK_VARIABLE) < 0) return TL_ENOMEM;
    }
    /* Keep masks sorted by start (they may now overlap placeholder masks). */
    for (size_t a = 1; a < v->nmasks; a++) {
        tl_mask m = v->masks[a];
        size_t b = a;
        while (b > 0 && v->masks[b - 1].start > m.start) {
            v->masks[b] = v->masks[b - 1];
            b--;
        }
        v->masks[b] = m;
    }
    return 0;
}

int tl_view_overlaps_mask(const tl_view *v, size_t start, size_t end)
{
    for (size_t i = 0; i < v->nmasks; i++) {
        if (v->masks[i].start >= end) break;
        if (v->masks[i].end > start) return 1;
    }
    return 0;
}
