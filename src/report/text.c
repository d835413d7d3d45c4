/* text.c - the human format: location, severity, message and rule, the
 * source line with a caret underline, the suggestion, and a summary.
 *
 *   locale/app.po:42:10: warning: "You failed to" blames the customer. [blame.you-failed]
 *      42 | msgid "You failed to enter a valid card number."
 *         |        ^^^^^^^^^^^^^
 *         = try: We couldn't
 *         = fix in the source: src/checkout.c:42
 *
 * The last line comes with a safe fix of text generated from code (a gettext
 * msgid): --fix leaves the catalog alone, the code is where to change it.
 * Colour only when asked (the CLI decides: a terminal or --color=always). */
#include "report.h"
#include "../fix/fixer.h"
#include "../core/utf8.h"
#include "../match/rule.h"

#include <string.h>

#define RESET "\033[0m"
#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define GREEN "\033[32m"

static const char *sev_color(tl_severity s)
{
    return s == TL_SEV_ERROR ? RED : s == TL_SEV_WARNING ? YELLOW : CYAN;
}

/* Display width of UTF-8 text as the snippet prints it: a tab is one
 * space, a control character its escape (\x1b). */
static size_t width_of(const unsigned char *s, size_t n)
{
    size_t w = 0, i = 0;
    while (i < n) {
        char esc[8];
        size_t e = s[i] == '\t' ? 0 : tl_escape_at(s + i, n - i, esc);
        if (e) {
            w += strlen(esc);
            i += e;
            continue;
        }
        uint32_t cp;
        size_t k = tl_utf8_decode(s + i, n - i, &cp);
        if (!k) {
            w++;
            i++;
            continue;
        }
        int cw = cp == '\t' ? 1 : tl_utf8_width(cp);
        w += cw > 0 ? (size_t)cw : 0;
        i += k;
    }
    return w;
}

static void snippet(tl_report *r, tl_doc *doc, const tl_finding *f)
{
    tl_buf *b = &r->buf;
    tl_source *src = &doc->src;
    if (src->encoding != TL_ENC_UTF8) return;
    size_t ls, le;
    if (tl_source_line_span(src, f->start.line, &ls, &le) < 0) return;
    const unsigned char *bytes = src->bytes;
    /* Long lines (minified JSON) are shown around the finding only. */
    size_t from = ls, to = le;
    if (to - from > 200) {
        from = f->offset > ls + 60 ? f->offset - 60 : ls;
        while (from > ls && (bytes[from] & 0xC0) == 0x80)
            from--;
        to = f->offset + f->length + 60 < le ? f->offset + f->length + 60 : le;
        while (to < le && (bytes[to] & 0xC0) == 0x80)
            to++;
    }
    bool c = r->opts.color;
    tl_buf_printf(b, "%s%6d |%s ", c ? DIM : "", f->start.line, c ? RESET : "");
    if (from > ls) tl_buf_puts(b, "…");
    for (size_t i = from; i < to;) {
        char esc[8];
        size_t e = bytes[i] == '\t' ? 0 : tl_escape_at(bytes + i, to - i, esc);
        if (e) {
            tl_buf_puts(b, esc);
            i += e;
        } else {
            tl_buf_putc(b, bytes[i] == '\t' ? ' ' : (char)bytes[i]);
            i++;
        }
    }
    if (to < le) tl_buf_puts(b, "…");
    tl_buf_putc(b, '\n');
    size_t start = f->offset < from ? from : f->offset;
    size_t end = f->offset + f->length;
    if (end > to) end = to;
    size_t pad = width_of(bytes + from, start - from) + (from > ls ? 1 : 0);
    size_t w = end > start ? width_of(bytes + start, end - start) : 1;
    if (w == 0) w = 1;
    tl_buf_printf(b, "%s       |%s ", c ? DIM : "", c ? RESET : "");
    for (size_t i = 0; i < pad; i++)
        tl_buf_putc(b, ' ');
    if (c) tl_buf_puts(b, sev_color(f->severity));
    for (size_t i = 0; i < w; i++)
        tl_buf_putc(b, '^');
    if (c) tl_buf_puts(b, RESET);
    tl_buf_putc(b, '\n');
}

/* An empty rewrite deletes the words: say so rather than print nothing. */
static void removal(tl_buf *b, const tl_finding *f)
{
    size_t len = 0;
    const char *w = tl_report_trim(f->match, &len);
    tl_buf_puts(b, "remove \xE2\x80\x9C");
    tl_escape_visible(b, w, len);
    tl_buf_puts(b, "\xE2\x80\x9D");
}

static int finding(void *ud, const tl_file_result *file, const tl_finding *f)
{
    tl_report *r = ud;
    tl_buf *b = &r->buf;
    bool c = r->opts.color;
    /* File names, messages (which quote the text) and rule ids come from
     * outside: their control characters are shown, never sent. */
    tl_buf_puts(b, c ? BOLD : "");
    tl_escape_cstr(b, file->path);
    tl_buf_printf(b, ":%d:%d:%s %s%s%s: ", f->start.line, f->start.column, c ? RESET : "",
                  c ? sev_color(f->severity) : "", tl_severity_name(f->severity), c ? RESET : "");
    tl_escape_cstr(b, f->message);
    tl_buf_printf(b, " %s[", c ? DIM : "");
    tl_escape_cstr(b, f->rule->id);
    tl_buf_printf(b, "]%s\n", c ? RESET : "");
    if (r->opts.show_source && file->doc) snippet(r, file->doc, f);
    for (size_t i = 0; i < f->nsuggestions; i++) {
        tl_buf_printf(b, "%s       = %s%s", c ? DIM : "", c ? RESET GREEN : "",
                      i == 0 ? "try: " : "  or: ");
        if (*f->suggestions[i])
            tl_escape_cstr(b, f->suggestions[i]);
        else
            removal(b, f);
        tl_buf_printf(b, "%s\n", c ? RESET : "");
    }
    if (f->nalso) {
        tl_buf_printf(b, "%s       = also:", c ? DIM : "");
        for (size_t i = 0; i < f->nalso; i++) {
            tl_buf_puts(b, i ? ", " : " ");
            tl_escape_cstr(b, f->also[i]);
        }
        tl_buf_printf(b, "%s\n", c ? RESET : "");
    }
    if (tl_fix_in_source(f)) {
        tl_buf refs = TL_BUF_INIT;
        size_t nrefs = tl_fix_source_refs(&refs, f->seg, 3);
        if (tl_buf_failed(&refs)) tl_buf_fail(b);
        if (nrefs) {
            tl_buf_printf(b, "%s       = fix in the source: ", c ? DIM : "");
            tl_escape_cstr(b, refs.data);
            tl_buf_printf(b, "%s\n", c ? RESET : "");
        } else
            tl_buf_printf(b,
                          "%s       = fix in the source code: this text is extracted from it%s\n",
                          c ? DIM : "", c ? RESET : "");
        tl_buf_free(&refs);
    }
    if (r->opts.show_source) tl_buf_putc(b, '\n');
    return b->len > 65536 ? tl_report_flush(r) : 0;
}

static int end_file(void *ud, const tl_file_result *f)
{
    (void)f;
    return tl_report_flush(ud);
}

void tl_report_text_total(tl_buf *b, const tl_summary *s, bool c)
{
    size_t files = s->files - s->errors; /* files that were read and linted */
    bool all = s->runs > 1;
    if (all) tl_buf_printf(b, "In all, over %zu runs: ", s->runs);
    if (s->findings == 0) {
        tl_buf_printf(b, "%s%s problems found%s in %zu string%s across %zu file%s.\n",
                      c ? GREEN : "", all ? "no" : "No", c ? RESET : "", s->segments,
                      s->segments == 1 ? "" : "s", files, files == 1 ? "" : "s");
    } else {
        tl_buf_printf(
            b,
            "%s%zu problem%s%s (%zu error%s, %zu warning%s, %zu suggestion%s) in %zu "
            "string%s across %zu file%s",
            c ? BOLD : "", s->findings, s->findings == 1 ? "" : "s", c ? RESET : "",
            s->by_severity[TL_SEV_ERROR], s->by_severity[TL_SEV_ERROR] == 1 ? "" : "s",
            s->by_severity[TL_SEV_WARNING], s->by_severity[TL_SEV_WARNING] == 1 ? "" : "s",
            s->by_severity[TL_SEV_SUGGESTION], s->by_severity[TL_SEV_SUGGESTION] == 1 ? "" : "s",
            s->segments, s->segments == 1 ? "" : "s", files, files == 1 ? "" : "s");
        if (s->fixable) tl_buf_printf(b, "; %zu fixable with --fix", s->fixable);
        tl_buf_puts(b, ".\n");
    }
    if (s->copies)
        tl_buf_printf(b,
                      "%zu more finding%s on copies of English source strings in other catalogs "
                      "not shown: each is reported once (--all-copies shows every copy).\n",
                      s->copies, s->copies == 1 ? "" : "s");
    if (s->errors)
        tl_buf_printf(b, "%zu file%s could not be read or parsed.\n", s->errors,
                      s->errors == 1 ? "" : "s");
}

static int end_run(void *ud, const tl_summary *s)
{
    tl_report *r = ud;
    tl_report_text_total(&r->buf, s, r->opts.color);
    return tl_report_flush(r);
}

int tl_report_text(tl_sink *sink, tl_report *rep)
{
    (void)rep;
    sink->finding = finding;
    sink->end_file = end_file;
    sink->end_run = end_run;
    return 0;
}
