/* xliff.c - XLIFF 1.2 and 2.0 extractor.
 *
 * The root's namespace decides the version (urn:oasis:names:tc:xliff:
 * document:1.2 or :2.0; without one, the `version` attribute). Emits, for
 * each unit (1.2 <trans-unit>, 2.0 <unit>; key = its id) its <source> in
 * the source language (1.2 file/@source-language, 2.0 xliff/@srcLang),
 * flagged TL_SEG_EXTRACTED since XLIFF sources are generated from code, and
 * its non-empty <target> in the target language; a target identical to its
 * source in the same language (an en -> en or en -> en-US catalog) is not
 * repeated.
 * A source that is a message key (`timesheet.stop.error`, `login_failed`:
 * one token of dotted or snake_case parts) is not copy and is not emitted;
 * the target carries the text (Symfony and Kimai key-based catalogs).
 * XLIFF 2.0 units give one source/target pair per <segment>; <ignorable>
 * is skipped. translate="no" on a file, group or unit is inherited.
 * Inline elements: the text of <g>, <mrk> (1.2) and <pc>, <mrk> (2.0) is
 * kept; placeholders <x/> <bx/> <ex/> (1.2) and <ph/> <sc/> <ec/> <sm/>
 * <em/> <cp/> (2.0) contribute nothing; the native code inside 1.2 <ph>,
 * <bpt>, <ept>, <it> (and a <sub> within them) is not copy and is left out.
 * <note>s become the segment's notes for the kind classifier. */
#include "format.h"
#include "../core/xml.h"
#include "../core/array.h"

#include <stdlib.h>
#include <string.h>

/* A source or target read inside the current unit, emitted at its end. */
typedef struct rec {
    tl_segbuild sb;
    bool target;
    int segment; /* 2.0 segment number, to pair a target with its source */
    bool drop;   /* a target not worth emitting */
} rec;

typedef enum { E_OTHER, E_FILE, E_UNIT, E_SEGMENT, E_SOURCE, E_TARGET, E_NOTE } ekind;

typedef struct xliff {
    tl_doc *doc;
    tl_error *err;
    int version;                     /* 1 or 2 */
    const char *src_lang, *tgt_lang; /* arena */
    ekind kind[TL_XML_MAX_DEPTH + 2];
    bool no[TL_XML_MAX_DEPTH + 2]; /* translate="no" here or above */
    /* The unit being read. */
    int unit_depth; /* 0 when outside a unit */
    bool unit_skip;
    tl_buf id;
    tl_buf notes;
    bool in_note;
    int segment;
    rec *recs;
    size_t nrecs, caprecs;
    rec *cur; /* the source or target being read */
    int cur_depth;
    int excl_depth; /* inside native code: its depth, else 0 */
} xliff;

static int oom(xliff *x)
{
    return tl_error_set(x->err, TL_ENOMEM, "out of memory");
}

static const char *lang_attr(xliff *x, const tl_xml_attr *attrs, size_t n, const char *name)
{
    const char *v = tl_xml_attr_get(attrs, n, NULL, name);
    return v && *v ? tl_arena_strdup(&x->doc->arena, v) : NULL;
}

static bool is_native_code(int version, const char *name)
{
    static const char *const v1[] = {"ph", "bpt", "ept", "it", "sub", NULL};
    if (version != 1) return false;
    for (const char *const *p = v1; *p; p++)
        if (strcmp(name, *p) == 0) return true;
    return false;
}

static int start_rec(xliff *x, bool target, int depth, size_t after_tag)
{
    if (x->nrecs == x->caprecs) {
        size_t old = x->caprecs;
        if (tl_array_grow(&x->recs, &x->caprecs, sizeof(*x->recs), 4) < 0) return oom(x);
        for (size_t i = old; i < x->caprecs; i++)
            tl_segbuild_init(&x->recs[i].sb);
    }
    rec *r = &x->recs[x->nrecs++];
    tl_segbuild_reset(&r->sb);
    r->sb.raw_begin = after_tag;
    r->target = target;
    r->segment = x->segment;
    x->cur = r;
    x->cur_depth = depth;
    x->excl_depth = 0;
    return 0;
}

static bool same_text(const tl_segbuild *a, const tl_segbuild *b)
{
    return a->text.len == b->text.len &&
           (a->text.len == 0 || memcmp(a->text.data, b->text.data, a->text.len) == 0);
}

bool tl_is_message_key(const char *t, size_t n)
{
    size_t parts = 1;
    if (!n || !((t[0] >= 'a' && t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z'))) return false;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (c == '.' || c == '_') {
            if (i + 1 == n || t[i + 1] == '.' || t[i + 1] == '_') return false;
            parts++;
        } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            return false;
        }
    }
    return parts > 1;
}

/* The unit ended: emit its sources and targets in file order. */
static int finish_unit(xliff *x)
{
    tl_doc *doc = x->doc;
    const char *key = x->id.data ? x->id.data : "";
    const char *notes =
        x->notes.len ? tl_arena_strndup(&doc->arena, x->notes.data, x->notes.len) : NULL;
    const char *src_lang = x->src_lang ? x->src_lang : "en";
    const char *tgt_lang = x->tgt_lang ? x->tgt_lang : doc->lang;
    bool same_lang = tgt_lang && tl_lang_same(tgt_lang, src_lang);
    /* Decide which targets to drop before emitting resets the builders. */
    /* A key-based catalog: a source that is a key is never copy; the
     * target carries the text. */
    for (size_t i = 0; i < x->nrecs; i++)
        x->recs[i].drop = !x->recs[i].target &&
                          tl_is_message_key(x->recs[i].sb.text.data, x->recs[i].sb.text.len);
    for (size_t i = 0; i < x->nrecs; i++) {
        rec *r = &x->recs[i];
        if (!r->target) continue;
        r->drop = r->sb.text.len == 0;
        for (size_t k = 0; k < x->nrecs && !r->drop; k++)
            if (!x->recs[k].target && !x->recs[k].drop && x->recs[k].segment == r->segment &&
                same_lang && same_text(&x->recs[k].sb, &r->sb))
                r->drop = true;
    }
    for (size_t i = 0; i < x->nrecs; i++) {
        rec *r = &x->recs[i];
        if (r->drop) continue;
        tl_segment *seg = tl_doc_add(doc, &r->sb, key, NULL);
        if (!seg) return oom(x);
        seg->lang = r->target ? tgt_lang : src_lang;
        if (!r->target) seg->flags |= TL_SEG_EXTRACTED;
        seg->comment = notes;
    }
    x->nrecs = 0;
    x->unit_depth = 0;
    x->cur = NULL;
    tl_buf_reset(&x->notes);
    return 0;
}

static int on_start(void *ud, const char *ns, const char *name, const tl_xml_attr *attrs,
                    size_t nattrs, int depth, size_t offset, size_t raw_len)
{
    xliff *x = ud;
    x->kind[depth] = E_OTHER;
    const char *tr = tl_xml_attr_get(attrs, nattrs, NULL, "translate");
    x->no[depth] = tr ? strcmp(tr, "no") == 0 : x->no[depth - 1];
    if (depth == 1) {
        if (strcmp(name, "xliff") != 0)
            return tl_doc_error(x->doc, x->err, TL_ESYNTAX, offset,
                                "root element must be <xliff>, not <%s>", name);
        if (strcmp(ns, TL_XML_NS_XLIFF20) == 0) {
            x->version = 2;
        } else if (strcmp(ns, TL_XML_NS_XLIFF12) == 0) {
            x->version = 1;
        } else {
            const char *v = tl_xml_attr_get(attrs, nattrs, NULL, "version");
            x->version = v && v[0] == '2' ? 2 : 1;
        }
        if (x->version == 2) {
            x->src_lang = lang_attr(x, attrs, nattrs, "srcLang");
            x->tgt_lang = lang_attr(x, attrs, nattrs, "trgLang");
        }
        if (x->src_lang) x->doc->lang = x->src_lang;
        return 0;
    }
    /* Inside a source or target: inline elements. */
    if (x->cur) {
        if (x->excl_depth == 0 && is_native_code(x->version, name)) x->excl_depth = depth;
        return 0;
    }
    if (x->unit_depth == 0) {
        if (x->version == 1 && strcmp(name, "file") == 0) {
            x->kind[depth] = E_FILE;
            x->src_lang = lang_attr(x, attrs, nattrs, "source-language");
            x->tgt_lang = lang_attr(x, attrs, nattrs, "target-language");
            if (x->src_lang) x->doc->lang = x->src_lang;
        } else if (strcmp(name, x->version == 1 ? "trans-unit" : "unit") == 0) {
            x->kind[depth] = E_UNIT;
            x->unit_depth = depth;
            x->unit_skip = x->no[depth];
            x->segment = 0;
            x->nrecs = 0;
            tl_buf_reset(&x->id);
            tl_buf_reset(&x->notes);
            const char *id = tl_xml_attr_get(attrs, nattrs, NULL, "id");
            if (tl_buf_puts(&x->id, id ? id : "") < 0) return oom(x);
        }
        return 0;
    }
    if (x->unit_skip) return 0;
    int parent = depth - 1;
    ekind pk = x->kind[parent];
    if (strcmp(name, "note") == 0 &&
        (pk == E_UNIT || (x->version == 2 && parent == x->unit_depth + 1))) {
        x->kind[depth] = E_NOTE;
        x->in_note = true;
        if (x->notes.len && tl_buf_putc(&x->notes, '\n') < 0) return oom(x);
        return 0;
    }
    if (x->version == 2 && pk == E_UNIT && strcmp(name, "segment") == 0) {
        x->kind[depth] = E_SEGMENT;
        x->segment++;
        return 0;
    }
    bool holder = x->version == 1 ? pk == E_UNIT : pk == E_SEGMENT;
    if (holder && (strcmp(name, "source") == 0 || strcmp(name, "target") == 0)) {
        x->kind[depth] = name[0] == 's' ? E_SOURCE : E_TARGET;
        return start_rec(x, name[0] == 't', depth, offset + raw_len);
    }
    return 0;
}

static int on_end(void *ud, const char *ns, const char *name, int depth, size_t offset,
                  size_t raw_len)
{
    xliff *x = ud;
    (void)ns, (void)name, (void)offset, (void)raw_len;
    if (x->cur) {
        if (depth == x->excl_depth) x->excl_depth = 0;
        if (depth == x->cur_depth) x->cur = NULL;
        return 0;
    }
    if (x->kind[depth] == E_NOTE) x->in_note = false;
    if (x->unit_depth && depth == x->unit_depth) {
        if (x->unit_skip) {
            x->unit_depth = 0;
            x->nrecs = 0;
            return 0;
        }
        return finish_unit(x);
    }
    return 0;
}

static int on_text(void *ud, const tl_xml_text *t)
{
    xliff *x = ud;
    if (x->cur) {
        if (x->excl_depth) return 0;
        return tl_xml_append(&x->cur->sb, t) < 0 ? oom(x) : 0;
    }
    if (x->in_note) return tl_buf_append(&x->notes, t->text, t->len) < 0 ? oom(x) : 0;
    return 0;
}

static int on_comment(void *ud, const char *text, size_t len, size_t offset)
{
    xliff *x = ud;
    return tl_doc_scan_comment(x->doc, text, len, offset) < 0 ? oom(x) : 0;
}

int tl_extract_xliff(tl_doc *doc, tl_error *err)
{
    xliff x;
    memset(&x, 0, sizeof(x));
    x.doc = doc;
    x.err = err;
    x.version = 1;
    tl_xml_handler h = {&x, on_start, on_end, on_text, on_comment, NULL};
    int rc = tl_xml_parse(doc, &h, err);
    for (size_t i = 0; i < x.caprecs; i++)
        tl_segbuild_free(&x.recs[i].sb);
    free(x.recs);
    tl_buf_free(&x.id);
    tl_buf_free(&x.notes);
    return rc;
}

int tl_sniff_xliff(const unsigned char *bytes, size_t len)
{
    char root[16];
    return tl_xml_root_name(bytes, len, root, sizeof(root)) && strcmp(root, "xliff") == 0 ? 90 : 0;
}

/* The fix encoder of the XML formats without a second escape layer (XLIFF,
 * .resx, .stringsdict): XML escaping, or none inside CDATA (where `]]>`
 * cannot be stored). */
int tl_encode_xml(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                  size_t raw_end, const char *text, size_t len)
{
    (void)seg, (void)raw_end;
    return tl_xml_escape(out, doc, text, len, tl_xml_in_cdata(doc, 0, raw_start));
}
