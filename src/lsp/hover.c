/* hover.c - textDocument/hover: the findings at a position, with the
 * rule's why, its suggestions and its documentation link, as Markdown or
 * plain text as the client asked. */
#include "server.h"

#include <string.h>

/* Append s, escaping what Markdown would otherwise interpret. */
static void md_text(tl_buf *b, const char *s, bool markdown)
{
    if (!markdown) {
        tl_buf_puts(b, s);
        return;
    }
    for (; *s; s++) {
        if (strchr("\\`*_[]<>|~#", *s)) tl_buf_putc(b, '\\');
        tl_buf_putc(b, *s);
    }
}

static void hover_text(tl_buf *b, const tl_finding *f, bool md)
{
    const tl_rule *r = f->rule;
    if (md)
        tl_buf_printf(b, "**tonelint** `%s` (%s)\n\n", r->id, tl_severity_name(f->severity));
    else
        tl_buf_printf(b, "tonelint %s (%s)\n\n", r->id, tl_severity_name(f->severity));
    md_text(b, f->message, md);
    tl_buf_puts(b, "\n\n");
    if (r->why && *r->why) {
        tl_buf_puts(b, md ? "*Why:* " : "Why: ");
        md_text(b, r->why, md);
        tl_buf_puts(b, "\n\n");
    }
    if (f->nsuggestions) {
        tl_buf_puts(b, md ? "*Try:* " : "Try: ");
        for (size_t i = 0; i < f->nsuggestions; i++) {
            if (i) tl_buf_puts(b, ", ");
            tl_buf_puts(b, "“");
            md_text(b, f->suggestions[i], md);
            tl_buf_puts(b, "”");
        }
        tl_buf_puts(b, "\n\n");
    }
    char href[512];
    tl_lsp_rule_href(href, sizeof(href), r->id);
    tl_buf_printf(b, md ? "[Rule documentation](%s)" : "Documentation: %s", href);
}

json_t *tl_lsp_hover(server *S, tl_lsp_doc *d, tl_lsp_pos pos)
{
    size_t off = tl_lsp_text_offset(&d->text, pos, false);
    tl_buf b = TL_BUF_INIT;
    const tl_finding *first = NULL;
    for (size_t i = 0; i < d->lint.findings.n; i++) {
        const tl_finding *f = &d->lint.findings.items[i];
        if (off < f->offset || off >= f->offset + (f->length ? f->length : 1)) continue;
        if (first)
            tl_buf_puts(&b, S->markdown ? "\n\n---\n\n" : "\n\n");
        else
            first = f;
        hover_text(&b, f, S->markdown);
    }
    if (!first || tl_buf_failed(&b)) {
        tl_buf_free(&b);
        return json_null();
    }
    json_t *h = json_object();
    json_object_set_new(h, "contents",
                        json_pack("{s:s,s:o}", "kind", S->markdown ? "markdown" : "plaintext",
                                  "value", tl_lsp_jstr(b.data, b.len)));
    json_object_set_new(h, "range", tl_lsp_finding_range_json(d, first));
    tl_buf_free(&b);
    return h;
}
