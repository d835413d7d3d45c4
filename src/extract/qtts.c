/* qtts.c - Qt Linguist translation source (.ts) extractor.
 *
 * A .ts file is TS/context/message: each message has a <source> (the text
 * in the program, in TS/@sourcelanguage, English when absent) and a
 * <translation> in TS/@language (else the language of the file's name).
 * Emits, per message, its source, flagged TL_SEG_EXTRACTED since lupdate
 * copies it from the code, then its translation when not empty; a
 * translation identical to its source in the same language (an en -> en
 * file) is not repeated. A message whose translation is type="vanished"
 * or "obsolete" is skipped whole: lupdate keeps it for reuse, the program
 * no longer shows it. A numerus message (%n plurals) gives one
 * translation per <numerusform>, and a translation with length variants
 * one per <lengthvariant>. A source that is a message key (`ORDER_DONE`,
 * `order.done`) is not copy and is not emitted, as in XLIFF; the
 * translation carries the text. key = the message's id (id-based files,
 * Sailfish) or else its source text; context = the context's <name>.
 * The disambiguation <comment>, <extracomment> (the programmer's note to
 * translators) and <translatorcomment> become the segment's notes for the
 * kind classifier. <byte value="x9"/>, Qt's way to store a character XML
 * cannot hold, reads as that character. */
#include "format.h"
#include "../core/xml.h"
#include "../core/array.h"
#include "../core/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A source or translation (or one of their forms) read inside the current
 * message, emitted at its end. */
typedef struct rec {
    tl_segbuild sb;
    bool translation;
    int form;   /* 0 for the whole text, else the number of its form */
    int parent; /* the record holding this form, else -1 */
    bool drop;  /* a text whose forms were read, or a repeated translation */
} rec;

typedef enum { E_OTHER, E_CONTEXT, E_CONTEXT_NAME, E_MESSAGE, E_TEXT, E_FORM, E_NOTE } ekind;

typedef struct qtts {
    tl_doc *doc;
    tl_error *err;
    const char *src_lang, *tgt_lang; /* arena */
    ekind kind[TL_XML_MAX_DEPTH + 2];
    tl_buf context; /* the current context's name */
    bool in_context_name;
    /* The message being read. */
    bool in_message, vanished;
    tl_buf id, notes;
    bool in_note;
    rec *recs;
    size_t nrecs, caprecs;
    rec *cur; /* the source, translation or form being read */
    int cur_depth;
    int forms;
} qtts;

static int oom(qtts *q)
{
    return tl_error_set(q->err, TL_ENOMEM, "out of memory");
}

/* Start a record for a source or translation, or, inside one, for one of
 * its forms (whose holder is then not emitted). */
static int start_rec(qtts *q, bool translation, int depth, size_t after_tag)
{
    int parent = q->cur ? (int)(q->cur - q->recs) : -1;
    if (q->cur) q->cur->drop = true;
    if (q->nrecs == q->caprecs) {
        size_t old = q->caprecs;
        if (tl_array_grow(&q->recs, &q->caprecs, sizeof(*q->recs), 4) < 0) return oom(q);
        for (size_t i = old; i < q->caprecs; i++)
            tl_segbuild_init(&q->recs[i].sb);
    }
    rec *r = &q->recs[q->nrecs++];
    tl_segbuild_reset(&r->sb);
    r->sb.raw_begin = after_tag;
    r->translation = translation;
    r->form = parent >= 0 ? ++q->forms : 0;
    r->parent = parent;
    r->drop = false;
    q->cur = r;
    q->cur_depth = depth;
    return 0;
}

static bool same_text(const tl_segbuild *a, const tl_segbuild *b)
{
    return a->text.len == b->text.len &&
           (a->text.len == 0 || memcmp(a->text.data, b->text.data, a->text.len) == 0);
}

/* The message ended: emit its sources and translations in file order. */
static int finish_message(qtts *q)
{
    tl_doc *doc = q->doc;
    const char *notes =
        q->notes.len ? tl_arena_strndup(&doc->arena, q->notes.data, q->notes.len) : NULL;
    const char *context =
        q->context.len ? tl_arena_strndup(&doc->arena, q->context.data, q->context.len) : NULL;
    const char *src_lang = q->src_lang ? q->src_lang : "en";
    const char *tgt_lang = q->tgt_lang;
    bool same_lang = tgt_lang && tl_lang_same(tgt_lang, src_lang);
    /* The key: the id, else the first source text (before emitting resets
     * the builders). */
    const char *key = NULL;
    if (q->id.len) key = tl_arena_strndup(&doc->arena, q->id.data, q->id.len);
    for (size_t i = 0; i < q->nrecs && !key; i++)
        if (!q->recs[i].translation && !q->recs[i].drop)
            key = tl_arena_strndup(&doc->arena, q->recs[i].sb.text.data, q->recs[i].sb.text.len);
    if (!key) key = "";
    /* A source that is a message key (`ORDER_DONE`) is not copy; the
     * translation carries the text. */
    for (size_t i = 0; i < q->nrecs; i++)
        if (!q->recs[i].translation &&
            tl_is_message_key(q->recs[i].sb.text.data, q->recs[i].sb.text.len))
            q->recs[i].drop = true;
    for (size_t i = 0; i < q->nrecs; i++) {
        rec *r = &q->recs[i];
        if (!r->translation || r->drop) continue;
        r->drop = r->sb.text.len == 0;
        for (size_t k = 0; k < q->nrecs && !r->drop; k++) {
            const rec *s = &q->recs[k];
            if (!s->translation && !s->drop && same_lang && (s->form == r->form || s->form == 0) &&
                same_text(&s->sb, &r->sb))
                r->drop = true;
        }
    }
    for (size_t i = 0; i < q->nrecs; i++) {
        rec *r = &q->recs[i];
        if (q->vanished || r->drop || (!r->translation && r->sb.text.len == 0)) continue;
        tl_segment *seg = tl_doc_add(doc, &r->sb, key, context);
        if (!seg) return oom(q);
        seg->lang = r->translation ? tgt_lang : src_lang;
        if (!r->translation) seg->flags |= TL_SEG_EXTRACTED;
        seg->comment = notes;
    }
    q->nrecs = 0;
    q->in_message = false;
    q->cur = NULL;
    return 0;
}

static const char *lang_attr(qtts *q, const tl_xml_attr *attrs, size_t n, const char *name)
{
    const char *v = tl_xml_attr_get(attrs, n, NULL, name);
    return v && *v ? tl_arena_strdup(&q->doc->arena, v) : NULL;
}

/* <byte value="x9"/> (hex after `x`, else decimal): the character Qt
 * stores this way because XML 1.0 cannot hold it. It stands for the whole
 * tag; NUL, a surrogate or a value out of range reads as U+FFFD. */
static int append_byte(qtts *q, const tl_xml_attr *attrs, size_t nattrs, size_t offset,
                       size_t raw_len)
{
    const char *v = tl_xml_attr_get(attrs, nattrs, NULL, "value");
    if (!v || !*v || (v[0] == 'x' && !v[1]))
        return tl_doc_error(q->doc, q->err, TL_ESYNTAX, offset,
                            "<byte> needs a value=\"x..\" (hex) or a decimal value");
    int base = v[0] == 'x' ? 16 : 10;
    uint32_t cp = 0;
    for (const char *p = v + (base == 16); *p; p++) {
        int d =
            base == 16 ? tl_hexval((unsigned char)*p) : (*p >= '0' && *p <= '9' ? *p - '0' : -1);
        if (d < 0)
            return tl_doc_error(q->doc, q->err, TL_ESYNTAX, offset,
                                "<byte value=\"%s\"> is not a number", v);
        cp = cp > 0x10FFFF ? cp : cp * (uint32_t)base + (uint32_t)d;
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    char utf8[4];
    size_t n = tl_utf8_encode(utf8, cp);
    return tl_segbuild_atomic(&q->cur->sb, offset, raw_len, utf8, n) < 0 ? oom(q) : 0;
}

static bool is_note(const char *name)
{
    return strcmp(name, "comment") == 0 || strcmp(name, "extracomment") == 0 ||
           strcmp(name, "translatorcomment") == 0;
}

static int on_start(void *ud, const char *ns, const char *name, const tl_xml_attr *attrs,
                    size_t nattrs, int depth, size_t offset, size_t raw_len)
{
    qtts *q = ud;
    q->kind[depth] = E_OTHER;
    if (depth == 1) {
        if (*ns || strcmp(name, "TS") != 0)
            return tl_doc_error(q->doc, q->err, TL_ESYNTAX, offset,
                                "root element must be <TS>, not <%s>", name);
        q->src_lang = lang_attr(q, attrs, nattrs, "sourcelanguage");
        const char *lang = lang_attr(q, attrs, nattrs, "language");
        q->tgt_lang = lang ? lang : q->doc->lang;
        if (q->src_lang) q->doc->lang = q->src_lang;
        return 0;
    }
    if (*ns) return 0;
    ekind pk = q->kind[depth - 1];
    /* Inside a source or translation: each of its forms (a numerus form,
     * or a length variant of the text or of a numerus form) is a record of
     * its own, and the text around them (white space) is dropped. */
    if (q->cur) {
        if (strcmp(name, "byte") == 0) return append_byte(q, attrs, nattrs, offset, raw_len);
        if (depth != q->cur_depth + 1 ||
            (strcmp(name, "numerusform") != 0 && strcmp(name, "lengthvariant") != 0))
            return 0;
        q->kind[depth] = E_FORM;
        return start_rec(q, q->cur->translation, depth, offset + raw_len);
    }
    if (depth == 2 && strcmp(name, "context") == 0) {
        q->kind[depth] = E_CONTEXT;
        tl_buf_reset(&q->context);
    } else if (pk == E_CONTEXT && strcmp(name, "name") == 0) {
        q->kind[depth] = E_CONTEXT_NAME;
        q->in_context_name = true;
    } else if (pk == E_CONTEXT && strcmp(name, "message") == 0) {
        q->kind[depth] = E_MESSAGE;
        q->in_message = true;
        q->nrecs = 0;
        q->cur = NULL;
        q->vanished = false;
        tl_buf_reset(&q->id);
        tl_buf_reset(&q->notes);
        const char *id = tl_xml_attr_get(attrs, nattrs, NULL, "id");
        if (id && tl_buf_puts(&q->id, id) < 0) return oom(q);
    } else if (pk == E_MESSAGE &&
               (strcmp(name, "source") == 0 || strcmp(name, "translation") == 0)) {
        bool translation = name[0] == 't';
        if (translation) {
            const char *type = tl_xml_attr_get(attrs, nattrs, NULL, "type");
            q->vanished = type && (strcmp(type, "vanished") == 0 || strcmp(type, "obsolete") == 0);
        }
        q->kind[depth] = E_TEXT;
        q->forms = 0;
        return start_rec(q, translation, depth, offset + raw_len);
    } else if (pk == E_MESSAGE && is_note(name)) {
        q->kind[depth] = E_NOTE;
        q->in_note = true;
        if (q->notes.len && tl_buf_putc(&q->notes, '\n') < 0) return oom(q);
    }
    return 0;
}

static int on_end(void *ud, const char *ns, const char *name, int depth, size_t offset,
                  size_t raw_len)
{
    qtts *q = ud;
    (void)ns, (void)name, (void)offset, (void)raw_len;
    if (q->cur && depth == q->cur_depth) {
        /* A form ended: its holder reads on until its own end. */
        int parent = q->cur->parent;
        q->cur = parent >= 0 ? q->recs + parent : NULL;
        q->cur_depth = depth - 1;
        return 0;
    }
    if (q->cur) return 0;
    switch (q->kind[depth]) {
    case E_CONTEXT_NAME:
        q->in_context_name = false;
        break;
    case E_NOTE:
        q->in_note = false;
        break;
    case E_MESSAGE:
        return finish_message(q);
    default:
        break;
    }
    return 0;
}

static int on_text(void *ud, const tl_xml_text *t)
{
    qtts *q = ud;
    if (q->cur) return tl_xml_append(&q->cur->sb, t) < 0 ? oom(q) : 0;
    if (q->in_note) return tl_buf_append(&q->notes, t->text, t->len) < 0 ? oom(q) : 0;
    if (q->in_context_name) return tl_buf_append(&q->context, t->text, t->len) < 0 ? oom(q) : 0;
    return 0;
}

static int on_comment(void *ud, const char *text, size_t len, size_t offset)
{
    qtts *q = ud;
    return tl_doc_scan_comment(q->doc, text, len, offset) < 0 ? oom(q) : 0;
}

int tl_extract_qtts(tl_doc *doc, tl_error *err)
{
    qtts q;
    memset(&q, 0, sizeof(q));
    q.doc = doc;
    q.err = err;
    tl_xml_handler h = {&q, on_start, on_end, on_text, on_comment, NULL};
    int rc = tl_xml_parse(doc, &h, err);
    for (size_t i = 0; i < q.caprecs; i++)
        tl_segbuild_free(&q.recs[i].sb);
    free(q.recs);
    tl_buf_free(&q.context);
    tl_buf_free(&q.id);
    tl_buf_free(&q.notes);
    return rc;
}

int tl_sniff_qtts(const unsigned char *bytes, size_t len)
{
    char root[4];
    return tl_xml_root_name(bytes, len, root, sizeof(root)) && strcmp(root, "TS") == 0 ? 90 : 0;
}
