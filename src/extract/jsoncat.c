/* jsoncat.c - JSON message catalogs: i18next, react-intl, Lingui, vue-i18n,
 * MediaWiki, Chrome extension messages.json, and Flutter ARB.
 *
 * One single pass over jsonscan.c's tokens, no tree. Every string leaf is a
 * segment keyed by its dotted path (`errors.card_declined`, array items as
 * `list[3]`); duplicate keys give one segment each. Flavours change only
 * which leaves are copy:
 *   - a top-level `@metadata` member (MediaWiki) is skipped in every file;
 *   - a message descriptor, an object that holds the message in a member
 *     named `message` (Chrome, file name messages.json) or `defaultMessage`
 *     (react-intl extracted messages), yields just that string, keyed by the
 *     descriptor's path, with its `description` as the segment's note;
 *   - Transifex structured JSON (FormatJS `--format transifex`: `string`
 *     beside `context`, `developer_comment`, `character_limit`) is read the
 *     same way, the `developer_comment` or `context` being the note; an
 *     object with any other member is not such an entry and is walked;
 *   - Lingui's JSON catalogs (`"msgid": {"translation": …, "origin":
 *     [[file, line]]}`) are descriptors of `translation`: its source
 *     references are no copy;
 *   - ARB: top-level `@key` metadata is skipped (its `description` becomes
 *     the note of `key`), `@@locale` gives the language, `@@…` is skipped;
 *     messages are ICU MessageFormat.
 * A file that keeps two languages or more side by side, each under its
 * tag at the top (`{"en": {…}, "it": {…}}`), gives each segment the
 * language its first key names.
 * A react-intl file (descriptors, or ICU plural/select syntax anywhere in
 * the file) marks its segments TL_SEG_ICU, so plural and select branch
 * texts are linted and the argument syntax is masked. A Polyglot.js message
 * that keeps its plural forms in one string, separated by `||||`, gives a
 * segment per form under its key. */
#include "format.h"
#include "jsonscan.h"
#include "../core/json.h"

#include <stdlib.h>
#include <string.h>

typedef struct frame {
    bool object;
    size_t path_len; /* the container's own key path */
    size_t index;    /* next array index */
    size_t seg_mark; /* doc->nsegs when it opened */
    long msg_seg;    /* descriptor: index of its message segment, or -1 */
    long desc_seg;   /* index of its `description` string segment, or -1 */
    bool foreign;    /* Transifex: a member that is no part of an entry */
} frame;

typedef struct walker {
    tl_doc *doc;
    tl_error *err;
    tl_jscan sc;
    bool arb;
    const char *msg_name; /* descriptor member name, or NULL */
    bool transifex;       /* descriptors are Transifex structured JSON entries */
    unsigned flags;       /* for every segment */
    tl_buf path;
    size_t member_off; /* where the current member's name starts in path */
    bool have_member;  /* the next value belongs to the member at member_off */
    tl_segbuild sb, key, form;
    const char *locale; /* ARB @@locale */
    frame frames[TL_JSON_MAX_DEPTH + 1];
} walker;

static int nomem(walker *w)
{
    return tl_error_set(w->err, TL_ENOMEM, "out of memory");
}

static int path_trunc(walker *w, size_t n)
{
    w->path.len = n;
    if (w->path.data) w->path.data[n] = '\0';
    return 0;
}

/* Set the path of the next value in container f: an array item gets its
 * index; an object member's path was set by its key. */
static int path_for_item(walker *w, frame *f)
{
    if (f->object) return 0;
    path_trunc(w, f->path_len);
    if (tl_buf_printf(&w->path, "[%zu]", f->index++) < 0) return nomem(w);
    w->have_member = false;
    return 0;
}

static bool member_is(const walker *w, const char *name)
{
    return w->have_member && strcmp(w->path.data + w->member_off, name) == 0;
}

/* Whether the current member holds the translator's note of a descriptor. */
static bool member_is_note(const walker *w)
{
    return member_is(w, "description") ||
           (w->transifex && (member_is(w, "developer_comment") || member_is(w, "context")));
}

/* Transifex: note a member of an object that a structured JSON entry never
 * has, so the object is not read as one. */
static void check_member(const walker *w, frame *f)
{
    if (w->transifex && f->object && w->have_member && !member_is(w, "string") &&
        !member_is(w, "context") && !member_is(w, "developer_comment") &&
        !member_is(w, "character_limit"))
        f->foreign = true;
}

/* The next plural form of a Polyglot.js message in text [*at, n): its
 * range without the blanks around it, *at moved past its `||||`. False at
 * the end. */
static bool next_form(const char *t, size_t n, size_t *at, size_t *start, size_t *end)
{
    if (*at > n) return false;
    const char *sep = memmem(t + *at, n - *at, "||||", 4);
    size_t e = sep ? (size_t)(sep - t) : n, b = *at;
    *at = sep ? e + 4 : n + 1;
    while (b < e && (t[b] == ' ' || t[b] == '\t' || t[b] == '\n'))
        b++;
    while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\n'))
        e--;
    *start = b, *end = e;
    return true;
}

/* Polyglot.js keeps a message's plural forms in one string, separated by
 * `||||` ("%{smart_count} file |||| %{smart_count} files"): each form is a
 * segment of its own under the message's key, so a rule that reads a
 * message's end reads each form's. 1 when w->sb was added so, 0 when it is
 * no such message (or a form would cut an escape: it stays whole). */
static int emit_forms(walker *w, const char *key)
{
    const char *t = w->sb.text.data;
    size_t n = w->sb.text.len, at, b, e;
    if (w->arb || w->msg_name || w->transifex || (w->flags & TL_SEG_ICU) || !t ||
        !memmem(t, n, "||||", 4))
        return 0;
    for (at = 0; next_form(t, n, &at, &b, &e);) {
        int rc = tl_segbuild_slice(&w->form, &w->sb, b, e);
        if (rc == TL_ENOMEM) return rc;
        if (rc < 0) return 0;
    }
    for (at = 0; next_form(t, n, &at, &b, &e);) {
        if (e == b) continue;
        if (tl_segbuild_slice(&w->form, &w->sb, b, e) < 0) return TL_ENOMEM;
        tl_segment *seg = tl_doc_add(w->doc, &w->form, key, NULL);
        if (!seg) return TL_ENOMEM;
        seg->flags |= w->flags;
    }
    tl_segbuild_reset(&w->sb);
    return 1;
}

/* Decode the current string into w->sb and add it as a segment (or as its
 * plural forms). */
static int emit(walker *w, const char *key)
{
    int rc = tl_jscan_decode(&w->sc, &w->sb);
    if (rc < 0) return nomem(w);
    if ((rc = emit_forms(w, key)) != 0) return rc < 0 ? nomem(w) : 0;
    tl_segment *seg = tl_doc_add(w->doc, &w->sb, key, NULL);
    if (!seg) return nomem(w);
    seg->flags |= w->flags;
    return 0;
}

/* Renumber segments from `from` on after a removal or a move. */
static void renumber(tl_doc *doc, size_t from)
{
    for (size_t i = from; i < doc->nsegs; i++)
        doc->segs[i].index = (int)i;
}

/* A descriptor closed: keep only its message, keyed by the descriptor. */
static int finish_descriptor(walker *w, frame *f)
{
    tl_doc *doc = w->doc;
    tl_segment msg = doc->segs[f->msg_seg];
    msg.key = f->path_len ? tl_arena_strndup(&doc->arena, w->path.data, f->path_len) : NULL;
    if (f->path_len && !msg.key) return nomem(w);
    if (f->desc_seg >= 0) msg.comment = doc->segs[f->desc_seg].text;
    doc->segs[f->seg_mark] = msg;
    doc->nsegs = f->seg_mark + 1;
    renumber(doc, f->seg_mark);
    return 0;
}

/* ARB `@key` metadata: its `description` becomes the note of segment `key`
 * when that segment is among the last 64 (the metadata follows its message
 * by convention; the note is advisory, so no index is kept for the rest). */
static int arb_meta(walker *w, const char *name)
{
    tl_jscan *sc = &w->sc;
    int tok = tl_jscan_next(sc);
    if (tok < 0) return tok;
    if (tok != TL_JTOK_OBJECT) return tok == TL_JTOK_ARRAY ? tl_jscan_skip(sc) : 0;
    int depth = sc->depth;
    for (;;) {
        tok = tl_jscan_next(sc);
        if (tok < 0) return tok;
        if (tok == TL_JTOK_OBJECT_END && sc->depth < depth) return 0;
        if (tok != TL_JTOK_KEY) continue;
        if (!tl_jscan_is(sc, "description")) {
            if ((tok = tl_jscan_skip(sc)) < 0) return tok;
            continue;
        }
        tok = tl_jscan_next(sc);
        if (tok < 0) return tok;
        if (tok == TL_JTOK_OBJECT || tok == TL_JTOK_ARRAY) {
            if ((tok = tl_jscan_skip(sc)) < 0) return tok;
            continue;
        }
        if (tok != TL_JTOK_STRING) continue;
        tl_doc *doc = w->doc;
        size_t stop = doc->nsegs > 64 ? doc->nsegs - 64 : 0;
        for (size_t i = doc->nsegs; i > stop; i--) {
            tl_segment *seg = &doc->segs[i - 1];
            if (!seg->key || strcmp(seg->key, name) != 0) continue;
            tl_segbuild_reset(&w->key);
            if (tl_jscan_decode(sc, &w->key) < 0) return nomem(w);
            seg->comment = tl_arena_strndup(&doc->arena, w->key.text.data ? w->key.text.data : "",
                                            w->key.text.len);
            if (!seg->comment) return nomem(w);
            break;
        }
    }
}

/* A member name at depth 1 that is not copy: returns 1 when the member was
 * consumed here, 0 to walk it, or a negative code. */
static int top_member(walker *w, const char *name)
{
    tl_jscan *sc = &w->sc;
    int rc;
    if (strcmp(name, "@metadata") == 0) return (rc = tl_jscan_skip(sc)) < 0 ? rc : 1;
    if (!w->arb || name[0] != '@') return 0;
    if (strcmp(name, "@@locale") == 0) {
        int tok = tl_jscan_next(sc);
        if (tok < 0) return tok;
        if (tok == TL_JTOK_STRING) {
            tl_segbuild_reset(&w->key);
            if (tl_jscan_decode(sc, &w->key) < 0) return nomem(w);
            if (w->key.text.len)
                w->locale = tl_arena_strndup(&w->doc->arena, w->key.text.data, w->key.text.len);
        } else if (tok == TL_JTOK_OBJECT || tok == TL_JTOK_ARRAY) {
            if ((tok = tl_jscan_skip(sc)) < 0) return tok;
        }
        return 1;
    }
    if (name[1] == '@') return (rc = tl_jscan_skip(sc)) < 0 ? rc : 1;
    char *target = tl_arena_strdup(&w->doc->arena, name + 1);
    if (!target) return nomem(w);
    rc = arb_meta(w, target);
    return rc < 0 ? rc : 1;
}

static int walk(walker *w)
{
    tl_jscan *sc = &w->sc;
    tl_doc *doc = w->doc;
    frame *frames = w->frames;
    /* The root pseudo-container: a top-level scalar has no key. */
    memset(&frames[0], 0, sizeof(frames[0]));
    frames[0].object = true;
    frames[0].msg_seg = frames[0].desc_seg = -1;
    if (tl_buf_append(&w->path, "", 0) < 0) return nomem(w);
    int rc;
    for (;;) {
        int tok = tl_jscan_next(sc);
        if (tok < 0) return tok;
        if (tok == TL_JTOK_END) return 0;
        switch (tok) {
        case TL_JTOK_KEY: {
            frame *f = &frames[sc->depth];
            tl_segbuild_reset(&w->key);
            if (tl_jscan_decode(sc, &w->key) < 0) return nomem(w);
            path_trunc(w, f->path_len);
            if (f->path_len && tl_buf_putc(&w->path, '.') < 0) return nomem(w);
            w->member_off = w->path.len;
            if (tl_buf_append(&w->path, w->key.text.data ? w->key.text.data : "", w->key.text.len) <
                0)
                return nomem(w);
            w->have_member = true;
            if (sc->depth == 1) {
                rc = top_member(w, w->path.data + w->member_off);
                if (rc < 0) return rc;
                if (rc == 1) w->have_member = false;
            }
            break;
        }
        case TL_JTOK_STRING: {
            frame *f = &frames[sc->depth];
            if ((rc = path_for_item(w, f)) < 0) return rc;
            size_t idx = doc->nsegs;
            if ((rc = emit(w, sc->depth ? w->path.data : NULL)) < 0) return rc;
            check_member(w, f);
            if (f->object && sc->depth >= 2 && w->msg_name && member_is(w, w->msg_name))
                f->msg_seg = (long)idx;
            else if (f->object && member_is_note(w))
                f->desc_seg = (long)idx;
            w->have_member = false;
            break;
        }
        case TL_JTOK_OBJECT:
        case TL_JTOK_ARRAY: {
            check_member(w, &frames[sc->depth - 1]);
            if ((rc = path_for_item(w, &frames[sc->depth - 1])) < 0) return rc;
            frame *f = &frames[sc->depth];
            f->object = tok == TL_JTOK_OBJECT;
            f->path_len = w->path.len;
            f->index = 0;
            f->seg_mark = doc->nsegs;
            f->msg_seg = f->desc_seg = -1;
            f->foreign = false;
            w->have_member = false;
            break;
        }
        case TL_JTOK_OBJECT_END: {
            frame *f = &frames[sc->depth + 1];
            if (f->msg_seg >= 0 && !f->foreign && (rc = finish_descriptor(w, f)) < 0) return rc;
            break;
        }
        case TL_JTOK_ARRAY_END:
            break;
        default: /* numbers, booleans and null are not copy */
            check_member(w, &frames[sc->depth]);
            if ((rc = path_for_item(w, &frames[sc->depth])) < 0) return rc;
            w->have_member = false;
            break;
        }
    }
}

/* Whether the bytes use ICU MessageFormat select syntax somewhere:
 * `, plural,` `, select,` or `, selectordinal,` with optional spaces. */
static bool has_icu_select(const unsigned char *b, size_t len)
{
    static const char *const words[] = {"plural", "select", NULL};
    for (int w = 0; words[w]; w++) {
        size_t wl = strlen(words[w]);
        const unsigned char *p = b, *end = b + len;
        while ((p = memmem(p, (size_t)(end - p), words[w], wl)) != NULL) {
            const unsigned char *q = p;
            while (q > b && q[-1] == ' ')
                q--;
            const unsigned char *r = p + wl;
            if (r + 7 <= end && memcmp(r, "ordinal", 7) == 0) r += 7;
            while (r < end && *r == ' ')
                r++;
            if (q > b && q[-1] == ',' && r < end && *r == ',') return true;
            p += wl;
        }
    }
    return false;
}

static const char *base_name(const char *path)
{
    const char *s = path ? strrchr(path, '/') : NULL;
    return s ? s + 1 : path ? path : "";
}

/* The first key component of every segment is a language tag, and there
 * are two different ones at least: each segment is in its tag's language.
 * One tag alone may be a namespace that happens to spell one ("id"). */
static void languages_side_by_side(tl_doc *doc)
{
    const char *first = NULL;
    size_t first_len = 0;
    bool several = false;
    for (size_t i = 0; i < doc->nsegs; i++) {
        const char *k = doc->segs[i].key;
        if (!k) return;
        size_t n = strcspn(k, ".[");
        if (k[n] != '.' || !tl_lang_is_tag(k, n)) return;
        if (!first)
            first = k, first_len = n;
        else if (n != first_len || strncmp(k, first, n) != 0)
            several = true;
    }
    if (!several) return;
    for (size_t i = 0; i < doc->nsegs; i++) {
        const char *lang = tl_arena_strndup(&doc->arena, doc->segs[i].key, 2);
        if (lang) doc->segs[i].lang = lang;
    }
}

static int extract(tl_doc *doc, tl_error *err, bool arb)
{
    walker *w = calloc(1, sizeof(*w));
    if (!w) return tl_error_set(err, TL_ENOMEM, "out of memory");
    w->doc = doc;
    w->err = err;
    w->arb = arb;
    tl_jscan_init(&w->sc, doc, err);
    const unsigned char *b = doc->src.bytes;
    size_t len = doc->src.len;
    if (arb) {
        w->flags = TL_SEG_ICU;
    } else if (memmem(b, len, "\"translation\"", 13) && memmem(b, len, "\"origin\"", 8)) {
        w->msg_name = "translation"; /* Lingui, often named messages.json too */
    } else if (strcmp(base_name(doc->path), "messages.json") == 0) {
        w->msg_name = "message";
    } else if (memmem(b, len, "\"defaultMessage\"", 16)) {
        w->msg_name = "defaultMessage";
        w->flags = TL_SEG_ICU;
    } else if (memmem(b, len, "\"string\"", 8) &&
               (memmem(b, len, "\"context\"", 9) || memmem(b, len, "\"developer_comment\"", 19))) {
        w->msg_name = "string";
        w->transifex = true;
    }
    if (!arb && !w->flags && has_icu_select(b, len)) w->flags = TL_SEG_ICU;
    int rc = walk(w);
    if (rc == 0 && w->locale) {
        doc->lang = w->locale;
        for (size_t i = 0; i < doc->nsegs; i++)
            doc->segs[i].lang = w->locale;
    } else if (rc == 0) {
        languages_side_by_side(doc);
    }
    tl_buf_free(&w->path);
    tl_segbuild_free(&w->sb);
    tl_segbuild_free(&w->key);
    tl_segbuild_free(&w->form);
    free(w);
    return rc;
}

int tl_extract_json(tl_doc *doc, tl_error *err)
{
    return extract(doc, err, false);
}

int tl_extract_arb(tl_doc *doc, tl_error *err)
{
    return extract(doc, err, true);
}

int tl_encode_json(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                   size_t raw_end, const char *text, size_t len)
{
    (void)doc, (void)seg, (void)raw_start, (void)raw_end;
    return tl_json_escape(out, text, len);
}

/* The first byte of the value, after a BOM and white space, or 0. */
static unsigned char first_byte(const unsigned char *b, size_t len, size_t *at)
{
    size_t i = len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
    while (i < len && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t'))
        i++;
    if (at) *at = i;
    return i < len ? b[i] : 0;
}

int tl_sniff_json(const unsigned char *b, size_t len)
{
    size_t i;
    if (first_byte(b, len, &i) != '{') return 0;
    unsigned char next = first_byte(b + i + 1, len - i - 1, NULL);
    return next == '"' || next == '}' ? 60 : 0;
}

int tl_sniff_arb(const unsigned char *b, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    return tl_sniff_json(b, len) && memmem(b, n, "\"@@locale\"", 10) ? 85 : 0;
}
