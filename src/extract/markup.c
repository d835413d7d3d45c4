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
 * spans; in text mode nothing is decoded. Text runs map byte for byte.
 *
 * This file owns the parser: the blocks of visible text it builds, the
 * inline scan, the mode a file is read in and the fix encoder. Tags and
 * entities are in markup_html.c, template tags in markup_template.c,
 * Markdown's blocks and markers in markup_markdown.c (markup_int.h). */
#include "markup_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <strings.h>
#include "../core/array.h"

int tl_markup_oom(parser *p)
{
    return tl_error_set(p->err, TL_ENOMEM, "out of memory");
}

/* --- building blocks ---------------------------------------------------- */

int tl_markup_flush_ws(parser *p)
{
    for (size_t i = 0; i < p->nws; i++)
        if (tl_segbuild_literal(&p->sb, p->ws[i].off, p->b + p->ws[i].off, p->ws[i].len) < 0)
            return tl_markup_oom(p);
    p->nws = 0;
    return 0;
}

static int push_ws(parser *p, size_t off, size_t len)
{
    if (!len || (!p->sb.text.len && !p->sb.nspans)) return 0; /* leading blanks */
    if (p->nws == p->capws && tl_array_grow(&p->ws, &p->capws, sizeof(*p->ws), 8) < 0)
        return tl_markup_oom(p);
    p->ws[p->nws++] = (range){off, len};
    return 0;
}

/* Visible text stored as is. */
int tl_markup_text(parser *p, size_t from, size_t to)
{
    size_t a = from, z = to;
    while (a < z && ws(p->b[a]))
        a++;
    if (a == z) return push_ws(p, from, to - from);
    while (z > a && ws(p->b[z - 1]))
        z--;
    if (push_ws(p, from, a - from) < 0 || tl_markup_flush_ws(p) < 0) return tl_markup_oom(p);
    for (size_t i = a; i < z && !p->letters; i++)
        if (letter((unsigned char)p->b[i])) p->letters = true;
    if (tl_segbuild_utf8(&p->sb, a, p->b + a, z - a) < 0) return tl_markup_oom(p);
    return push_ws(p, z, to - z);
}

/* Visible text decoded from stored bytes [off, off+len) (an entity, an escape). */
int tl_markup_atomic(parser *p, size_t off, size_t len, const char *s, size_t n)
{
    if (tl_markup_flush_ws(p) < 0) return tl_markup_oom(p);
    return tl_segbuild_atomic(&p->sb, off, len, s, n) < 0 ? tl_markup_oom(p) : 0;
}

/* Template output kept as written: a placeholder in the sentence. */
int tl_markup_placeholder(parser *p, size_t off, size_t len)
{
    if (tl_markup_flush_ws(p) < 0) return tl_markup_oom(p);
    return tl_segbuild_utf8(&p->sb, off, p->b + off, len) < 0 ? tl_markup_oom(p) : 0;
}

/* The block is complete: it becomes a segment when it has a letter. */
int tl_markup_end_block(parser *p)
{
    p->nws = 0;
    if (p->letters && p->sb.text.len) {
        if (!tl_doc_add(p->doc, &p->sb, NULL, NULL)) return tl_markup_oom(p);
    }
    tl_segbuild_reset(&p->sb);
    p->letters = false;
    return 0;
}

/* --- inline content ------------------------------------------------------- */

/* Visible content of [from, to). Constructs that open inside may run past
 * `to`; returns where the scan stopped (>= to). */
size_t tl_markup_inline(parser *p, size_t from, size_t to, int *rc)
{
    const char *b = p->b;
    bool md = p->mode == M_MARKDOWN, html = p->mode != M_TEXT;
    size_t i = from, run = from;
    *rc = 0;
    while (i < to) {
        char c = b[i];
        size_t next = i;
        if (c == '<' || c == '{' || (c == '@' && p->blade)) {
            if ((*rc = tl_markup_text(p, run, i)) < 0) return to;
            run = i;
            next = tl_markup_template(p, i, rc);
            if (*rc < 0) return to;
            if (next == i && c == '<' && md && i + 1 < to && (b[i + 1] == 'h' || b[i + 1] == 'm')) {
                size_t gt = i + 1; /* an autolink <https://...> or <mailto:...> */
                while (gt < to && b[gt] != '>' && !ws(b[gt]))
                    gt++;
                if (gt < to && b[gt] == '>' && memchr(b + i, ':', gt - i)) next = gt + 1;
            }
            if (next == i && c == '<' && html) {
                next = tl_markup_tag(p, i, rc);
                if (*rc < 0) return to;
            }
            if (next != i) {
                run = i = next;
                continue;
            }
        } else if (c == '&' && html) {
            char out[8];
            size_t n, len = tl_markup_entity(p, i, to, out, &n);
            if (len) {
                if ((*rc = tl_markup_text(p, run, i)) < 0 ||
                    (*rc = tl_markup_atomic(p, i, len, out, n)) < 0)
                    return to;
                run = i = i + len;
                continue;
            }
        } else if (md) {
            size_t skip = 0;
            if (c == '\\' && i + 1 < to && tl_markup_md_punct(b[i + 1])) {
                if ((*rc = tl_markup_text(p, run, i)) < 0 ||
                    (*rc = tl_markup_atomic(p, i, 2, b + i + 1, 1)) < 0)
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
                skip = tl_markup_emphasis(p, i, to);
                if (!skip) {
                    while (i < to && b[i] == c)
                        i++;
                    continue;
                }
            } else if ((c == '[' || (c == '!' && i + 1 < to && b[i + 1] == '[')) &&
                       tl_markup_md_link(p, i, to)) {
                skip = c == '!' ? 2 : 1;
            } else if (i == p->link_close) {
                skip = p->link_end - i;
                p->link_close = (size_t)-1;
            }
            if (skip) {
                if ((*rc = tl_markup_text(p, run, i)) < 0) return to;
                run = i = i + skip;
                continue;
            }
        }
        i++;
    }
    if (run < to && (*rc = tl_markup_text(p, run, to)) < 0) return to;
    return i > to ? i : to;
}

/* --- modes ---------------------------------------------------------------- */

/* Plain text: paragraphs between blank lines. */
static int run_text(parser *p, size_t pos)
{
    int rc = 0;
    while (pos < p->len) {
        size_t e = line_end(p, pos), n = next_line(p, pos);
        if (blank_line(p, pos, e)) {
            if ((rc = tl_markup_end_block(p)) < 0) return rc;
            pos = n;
            continue;
        }
        size_t stop = tl_markup_inline(p, pos, n, &rc);
        if (rc < 0) return rc;
        /* A template tag that spans lines ends mid-line: go on from there. */
        pos = stop > n ? stop : n;
    }
    return tl_markup_end_block(p);
}

static int run_html(parser *p, size_t pos)
{
    int rc;
    tl_markup_inline(p, pos, p->len, &rc);
    if (rc < 0) return rc;
    return tl_markup_end_block(p);
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
                                : tl_markup_run_markdown(&p, pos);
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
