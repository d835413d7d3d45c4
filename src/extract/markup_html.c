/* markup_html.c - HTML in the markup extractor: tags, the copy attributes
 * (alt, title, placeholder, aria-label) as segments of their own, elements
 * whose content is not copy, comments and declarations, and entities.
 * Template tags inside a tag are markup_template.c's. */
#include "markup_int.h"
#include "../core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <strings.h>

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
size_t tl_markup_entity(const parser *p, size_t i, size_t to, char *out, size_t *n)
{
    size_t j = i + 1;
    if (j < to && p->b[j] == '#') {
        j++;
        bool hex = j < to && (p->b[j] == 'x' || p->b[j] == 'X');
        if (hex) j++;
        uint32_t cp = 0;
        size_t d = j;
        int v;
        while (j < to && j - d < 8 && (v = tl_hexval((unsigned char)p->b[j])) >= 0 &&
               (hex || v < 10)) {
            cp = cp * (hex ? 16 : 10) + (uint32_t)v;
            j++;
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
        if (c == '&' && (end = tl_markup_entity(p, i, to, out, &n)) > 0) {
            if ((rc = tl_markup_text(p, run, i)) == 0) rc = tl_markup_atomic(p, i, end, out, n);
            run = i = i + end;
            continue;
        }
        if (c == '<' || c == '{') {
            bool bad;
            tkind k = tl_markup_template_at(p, i, &end, &bad);
            if (k != T_NONE && end <= to) {
                if ((rc = tl_markup_text(p, run, i)) == 0 && k == T_OUTPUT)
                    rc = tl_markup_placeholder(p, i, end - i);
                run = i = end;
                continue;
            }
        }
        i++;
    }
    if (rc == 0) rc = tl_markup_text(p, run, to);
    if (rc == 0) rc = tl_markup_end_block(p);
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
            if (tl_markup_template_at(p, j, &end, &bad) != T_NONE) {
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
                if ((b[j] == '<' || b[j] == '{') &&
                    tl_markup_template_at(p, j, &end, &bad) != T_NONE)
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
size_t tl_markup_tag(parser *p, size_t i, int *rc)
{
    *rc = 0;
    if (starts(p, i, "<!--")) {
        size_t e = find(p, i + 4, "-->");
        if (e >= p->len) {
            *rc = tl_doc_error(p->doc, p->err, TL_ESYNTAX, i, "%s",
                               "unterminated HTML comment (missing `-->`)");
            return 0;
        }
        *rc = tl_doc_scan_comment(p->doc, p->b + i + 4, e - i - 4, i) < 0 ? tl_markup_oom(p) : 0;
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
    if (in_list(name, n, block_tags) && (*rc = tl_markup_end_block(p)) < 0) return 0;
    if (!closing && in_list(name, n, skipped_tags) && p->b[end - 2] != '/') {
        char nm[16];
        if (n >= sizeof(nm)) return end;
        memcpy(nm, name, n);
        return skip_element(p, end, nm, n);
    }
    return end;
}
