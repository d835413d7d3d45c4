/* resx.c - .NET .resx resource extractor.
 *
 * Emits root/data[@name]/value for string resources; key = the name, notes
 * from data/comment. Skipped: data with a type= (ResXFileRef, typed values)
 * or mimetype= (base64 blobs), and WinForms designer metadata, whose names
 * start with ">>". The value is XML text, kept as stored (.NET does not
 * trim it); the language comes from the file name (Strings.de.resx). */
#include "format.h"
#include "../core/xml.h"

#include <string.h>

typedef struct resx {
    tl_doc *doc;
    tl_error *err;
    bool in_data, in_value, in_comment, have_value;
    tl_buf name, comment;
    tl_segbuild sb;
} resx;

static int oom(resx *r)
{
    return tl_error_set(r->err, TL_ENOMEM, "out of memory");
}

static int on_start(void *ud, const char *ns, const char *name, const tl_xml_attr *attrs,
                    size_t nattrs, int depth, size_t offset, size_t raw_len)
{
    resx *r = ud;
    if (depth == 1) {
        if (*ns || strcmp(name, "root") != 0)
            return tl_doc_error(r->doc, r->err, TL_ESYNTAX, offset,
                                "root element must be <root>, not <%s>", name);
        return 0;
    }
    if (depth == 2 && !*ns && strcmp(name, "data") == 0) {
        const char *n = tl_xml_attr_get(attrs, nattrs, NULL, "name");
        if (!n || strncmp(n, ">>", 2) == 0 || tl_xml_attr_get(attrs, nattrs, NULL, "type") ||
            tl_xml_attr_get(attrs, nattrs, NULL, "mimetype"))
            return 0;
        r->in_data = true;
        r->have_value = false;
        tl_buf_reset(&r->name);
        tl_buf_reset(&r->comment);
        tl_segbuild_reset(&r->sb);
        return tl_buf_puts(&r->name, n) < 0 ? oom(r) : 0;
    }
    if (depth == 3 && r->in_data && !*ns) {
        if (strcmp(name, "value") == 0 && !r->have_value) {
            r->in_value = r->have_value = true;
            r->sb.raw_begin = offset + raw_len;
        } else if (strcmp(name, "comment") == 0) {
            r->in_comment = true;
        }
    }
    return 0;
}

static int on_end(void *ud, const char *ns, const char *name, int depth, size_t offset,
                  size_t raw_len)
{
    resx *r = ud;
    (void)ns, (void)name, (void)offset, (void)raw_len;
    if (depth == 3) {
        r->in_value = r->in_comment = false;
    } else if (depth == 2 && r->in_data) {
        r->in_data = false;
        if (!r->have_value) return 0;
        tl_segment *seg = tl_doc_add(r->doc, &r->sb, r->name.data, NULL);
        if (!seg) return oom(r);
        if (r->comment.len)
            seg->comment = tl_arena_strndup(&r->doc->arena, r->comment.data, r->comment.len);
    }
    return 0;
}

static int on_text(void *ud, const tl_xml_text *t)
{
    resx *r = ud;
    if (r->in_value) return tl_xml_append(&r->sb, t) < 0 ? oom(r) : 0;
    if (r->in_comment) return tl_buf_append(&r->comment, t->text, t->len) < 0 ? oom(r) : 0;
    return 0;
}

static int on_comment(void *ud, const char *text, size_t len, size_t offset)
{
    resx *r = ud;
    return tl_doc_scan_comment(r->doc, text, len, offset) < 0 ? oom(r) : 0;
}

int tl_extract_resx(tl_doc *doc, tl_error *err)
{
    resx r;
    memset(&r, 0, sizeof(r));
    r.doc = doc;
    r.err = err;
    tl_xml_handler h = {&r, on_start, on_end, on_text, on_comment, NULL};
    int rc = tl_xml_parse(doc, &h, err);
    tl_buf_free(&r.name);
    tl_buf_free(&r.comment);
    tl_segbuild_free(&r.sb);
    return rc;
}

int tl_sniff_resx(const unsigned char *bytes, size_t len)
{
    char root[8];
    if (!tl_xml_root_name(bytes, len, root, sizeof(root)) || strcmp(root, "root") != 0) return 0;
    size_t n = len < 65536 ? len : 65536;
    return memmem(bytes, n, "<resheader", 10) || memmem(bytes, n, "<data ", 6) ? 80 : 0;
}
