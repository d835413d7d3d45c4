/* actions.c - textDocument/codeAction: one quick fix per suggestion of
 * each finding in the range, the same edit `tonelint --fix` makes
 * (tl_fix_edit), as a WorkspaceEdit. */
#include "server.h"
#include "../fix/fixer.h"

#include <string.h>

/* The quick fix for suggestion `which` of f: the same edit --fix makes
 * (tl_fix_edit), so placeholders, escapes and the format's quoting are
 * handled once, for the CLI and the editor alike. Sets the stored byte range
 * it replaces. */
static int encode_fix(tl_lsp_doc *d, const tl_finding *f, size_t which, tl_buf *out, size_t *start,
                      size_t *end)
{
    tl_edit e;
    tl_error err;
    tl_error_clear(&err);
    int rc = tl_fix_edit(&e, &d->lint.doc, f, which, &err);
    if (rc < 0) return rc;
    *start = e.start;
    *end = e.end;
    return tl_buf_append(out, e.text, e.len);
}

/* Whether the client asked for kinds that include quickfix. */
bool tl_lsp_wants_quickfix(json_t *only)
{
    if (!json_is_array(only)) return true;
    size_t i;
    json_t *k;
    json_array_foreach(only, i, k)
    {
        const char *s = json_string_value(k);
        if (s && (*s == '\0' || strcmp(s, "quickfix") == 0)) return true;
    }
    return false;
}

static json_t *workspace_edit(server *S, tl_lsp_doc *d, size_t start, size_t end, const char *text,
                              size_t len)
{
    json_t *edit = json_object();
    json_object_set_new(edit, "range", tl_lsp_range_json(&d->text, start, end));
    json_object_set_new(edit, "newText", tl_lsp_jstr(text, len));
    json_t *edits = json_array();
    json_array_append_new(edits, edit);
    json_t *we = json_object();
    if (S->document_changes) {
        json_t *tde = json_object();
        json_object_set_new(
            tde, "textDocument",
            json_pack("{s:o,s:I}", "uri", tl_lsp_jcstr(d->uri), "version", (json_int_t)d->version));
        json_object_set_new(tde, "edits", edits);
        json_object_set_new(we, "documentChanges", json_pack("[o]", tde));
    } else {
        json_t *changes = json_object();
        json_object_set_new(changes, d->uri, edits);
        json_object_set_new(we, "changes", changes);
    }
    return we;
}

json_t *tl_lsp_code_actions(server *S, tl_lsp_doc *d, const tl_lsp_range *range)
{
    json_t *actions = json_array();
    size_t a = tl_lsp_text_offset(&d->text, range->start, false);
    size_t b = tl_lsp_text_offset(&d->text, range->end, true);
    if (a > b) {
        size_t t = a;
        a = b;
        b = t;
    }
    tl_buf text = TL_BUF_INIT, title = TL_BUF_INIT;
    for (size_t i = 0; i < d->lint.findings.n; i++) {
        const tl_finding *f = &d->lint.findings.items[i];
        if (f->offset > b || a > f->offset + f->length) continue;
        for (size_t k = 0; k < f->nsuggestions; k++) {
            tl_buf_reset(&text);
            size_t es, ee;
            if (encode_fix(d, f, k, &text, &es, &ee) < 0) continue;
            tl_buf_reset(&title);
            if (*f->suggestions[k])
                tl_buf_printf(&title, "Replace “%s” with “%s”", f->match, f->suggestions[k]);
            else
                tl_buf_printf(&title, "Remove “%s”", f->match);
            if (tl_buf_failed(&title)) continue;
            json_t *act = json_object();
            json_object_set_new(act, "title", tl_lsp_jstr(title.data, title.len));
            json_object_set_new(act, "kind", json_string("quickfix"));
            json_object_set_new(act, "diagnostics", json_pack("[o]", tl_lsp_diagnostic_json(d, f)));
            if (k == 0 && f->fixable) json_object_set_new(act, "isPreferred", json_true());
            json_object_set_new(act, "edit",
                                workspace_edit(S, d, es, ee, text.data ? text.data : "", text.len));
            json_array_append_new(actions, act);
        }
    }
    tl_buf_free(&text);
    tl_buf_free(&title);
    return actions;
}
