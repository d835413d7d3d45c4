/* xcstrings.c - Xcode String Catalogs (.xcstrings, JSON).
 *
 * Layout (Xcode 15+):
 *   {"sourceLanguage": "en", "version": "1.0", "strings": {
 *      KEY: {"comment": …, "extractionState": …, "shouldTranslate": false,
 *            "localizations": {LANG: UNIT}}}}
 *   UNIT = {"stringUnit": {"state": …, "value": TEXT},
 *           "variations": {"plural"|"device"|…: {CASE: UNIT}},
 *           "substitutions": {NAME: {"argNum", "formatSpecifier",
 *                                    "variations": {…: {CASE: UNIT}}}}}
 * Every stringUnit value is a segment in its localization's language, keyed
 * `KEY` for the unit at the top of a localization and `KEY.<path>` below it
 * (`KEY.variations.plural.one`, `KEY.substitutions.n.variations.plural.other`).
 * A key whose source language has no localization is itself the source
 * text: that segment maps to the key's stored bytes and is marked
 * TL_SEG_EXTRACTED (Xcode regenerates keys from code, so it is not fixed by
 * default). `shouldTranslate: false` drops every segment of the key; since
 * Xcode writes that member after `localizations`, the key's segments are
 * added and then removed. The comment becomes every segment's note. */
#include "format.h"
#include "jsonscan.h"

#include <stdlib.h>
#include <string.h>

#define MAX_LANGS 256

typedef struct xc {
    tl_doc *doc;
    tl_error *err;
    tl_jscan sc;
    const char *srclang;
    tl_segbuild sb, key, tmp;
    tl_buf path;                  /* KEY, then the unit's path below its localization */
    const char *langs[MAX_LANGS]; /* interned language names */
    size_t nlangs;
} xc;

static int nomem(xc *x)
{
    return tl_error_set(x->err, TL_ENOMEM, "out of memory");
}

/* Decode the current string token into x->tmp; its text, never NULL. */
static const char *tmp_text(xc *x, size_t *len)
{
    tl_segbuild_reset(&x->tmp);
    if (tl_jscan_decode(&x->sc, &x->tmp) < 0 || tl_buf_append(&x->tmp.text, "", 0) < 0) return NULL;
    if (len) *len = x->tmp.text.len;
    return x->tmp.text.data;
}

static const char *intern(xc *x, const char *s, size_t n)
{
    for (size_t i = 0; i < x->nlangs; i++)
        if (strlen(x->langs[i]) == n && memcmp(x->langs[i], s, n) == 0) return x->langs[i];
    const char *dup = tl_arena_strndup(&x->doc->arena, s, n);
    if (dup && x->nlangs < MAX_LANGS) x->langs[x->nlangs++] = dup;
    return dup;
}

/* Skip the value after a key unless it is an object; returns the token. */
static int value_object(xc *x)
{
    int tok = tl_jscan_next(&x->sc);
    if (tok == TL_JTOK_ARRAY) {
        int rc = tl_jscan_skip(&x->sc);
        return rc < 0 ? rc : TL_JTOK_ARRAY;
    }
    return tok;
}

static void path_trunc(xc *x, size_t n)
{
    x->path.len = n;
    x->path.data[n] = '\0';
}

/* Inside a stringUnit object: emit its value. */
static int string_unit(xc *x, const char *lang, size_t path_len)
{
    tl_jscan *sc = &x->sc;
    for (;;) {
        int tok = tl_jscan_next(sc);
        if (tok < 0) return tok;
        if (tok != TL_JTOK_KEY) return 0; /* the unit's closing brace */
        if (!tl_jscan_is(sc, "value")) {
            if ((tok = tl_jscan_skip(sc)) < 0) return tok;
            continue;
        }
        tok = value_object(x);
        if (tok < 0) return tok;
        if (tok == TL_JTOK_OBJECT) {
            if ((tok = tl_jscan_skip(sc)) < 0) return tok;
            continue;
        }
        if (tok != TL_JTOK_STRING) continue;
        if (tl_jscan_decode(sc, &x->sb) < 0) return nomem(x);
        path_trunc(x, path_len);
        tl_segment *seg = tl_doc_add(x->doc, &x->sb, x->path.data, NULL);
        if (!seg) return nomem(x);
        seg->lang = lang;
        seg->flags |= TL_SEG_C_FORMAT;
    }
}

/* Inside a localization, variation case or substitution object. */
static int units(xc *x, const char *lang, size_t path_len)
{
    tl_jscan *sc = &x->sc;
    for (;;) {
        int tok = tl_jscan_next(sc);
        if (tok < 0) return tok;
        if (tok != TL_JTOK_KEY) return 0;
        bool unit = tl_jscan_is(sc, "stringUnit");
        size_t n = 0;
        const char *name = unit ? "" : tmp_text(x, &n);
        if (!name) return nomem(x);
        path_trunc(x, path_len);
        if (!unit && (tl_buf_putc(&x->path, '.') < 0 || tl_buf_append(&x->path, name, n) < 0))
            return nomem(x);
        size_t sub_len = x->path.len;
        tok = value_object(x);
        if (tok < 0) return tok;
        if (tok != TL_JTOK_OBJECT) continue;
        tok = unit ? string_unit(x, lang, path_len) : units(x, lang, sub_len);
        if (tok < 0) return tok;
    }
}

/* One entry of `strings`: its key was just read into x->key. */
static int entry(xc *x, size_t key_len)
{
    tl_jscan *sc = &x->sc;
    tl_doc *doc = x->doc;
    size_t mark = doc->nsegs;
    const char *comment = NULL;
    bool translate = true, have_src = false;
    for (;;) {
        int tok = tl_jscan_next(sc);
        if (tok < 0) return tok;
        if (tok != TL_JTOK_KEY) break;
        if (tl_jscan_is(sc, "comment")) {
            tok = value_object(x);
            if (tok < 0) return tok;
            if (tok == TL_JTOK_OBJECT && (tok = tl_jscan_skip(sc)) < 0) return tok;
            if (tok == TL_JTOK_STRING) {
                size_t n;
                const char *t = tmp_text(x, &n);
                if (!t || !(comment = tl_arena_strndup(&doc->arena, t, n))) return nomem(x);
            }
        } else if (tl_jscan_is(sc, "shouldTranslate")) {
            tok = value_object(x);
            if (tok < 0) return tok;
            if (tok == TL_JTOK_OBJECT && (tok = tl_jscan_skip(sc)) < 0) return tok;
            if (tok == TL_JTOK_FALSE) translate = false;
        } else if (tl_jscan_is(sc, "localizations")) {
            tok = value_object(x);
            if (tok < 0) return tok;
            if (tok != TL_JTOK_OBJECT) continue;
            for (;;) {
                tok = tl_jscan_next(sc);
                if (tok < 0) return tok;
                if (tok != TL_JTOK_KEY) break;
                size_t n;
                const char *name = tmp_text(x, &n);
                const char *lang = name ? intern(x, name, n) : NULL;
                if (!lang) return nomem(x);
                if (strcmp(lang, x->srclang) == 0) have_src = true;
                tok = value_object(x);
                if (tok < 0) return tok;
                if (tok == TL_JTOK_OBJECT && (tok = units(x, lang, key_len)) < 0) return tok;
            }
        } else if ((tok = tl_jscan_skip(sc)) < 0) {
            return tok;
        }
    }
    if (!translate) {
        doc->nsegs = mark;
        return 0;
    }
    if (!have_src) {
        /* The key is the source text: a segment over the key's own bytes,
         * moved before the key's other segments to keep file order. */
        path_trunc(x, key_len);
        tl_segment *seg = tl_doc_add(doc, &x->key, x->path.data, NULL);
        if (!seg) return nomem(x);
        seg->lang = x->srclang;
        seg->flags |= TL_SEG_EXTRACTED | TL_SEG_C_FORMAT;
        tl_segment fallback = *seg;
        memmove(&doc->segs[mark + 1], &doc->segs[mark], (doc->nsegs - 1 - mark) * sizeof(*seg));
        doc->segs[mark] = fallback;
        for (size_t i = mark; i < doc->nsegs; i++)
            doc->segs[i].index = (int)i;
    }
    for (size_t i = mark; i < doc->nsegs; i++)
        doc->segs[i].comment = comment;
    return 0;
}

/* `sourceLanguage` when it comes after `strings`: a second, read-only pass
 * over the top level (errors are left to the main pass). */
static const char *find_source_language(xc *x)
{
    tl_jscan look;
    tl_jscan_init(&look, x->doc, NULL);
    if (tl_jscan_next(&look) != TL_JTOK_OBJECT) return NULL;
    for (;;) {
        int tok = tl_jscan_next(&look);
        if (tok != TL_JTOK_KEY) return NULL;
        if (!tl_jscan_is(&look, "sourceLanguage")) {
            if (tl_jscan_skip(&look) < 0) return NULL;
            continue;
        }
        if (tl_jscan_next(&look) != TL_JTOK_STRING) return NULL;
        tl_segbuild_reset(&x->tmp);
        if (tl_jscan_decode(&look, &x->tmp) < 0 || !x->tmp.text.len) return NULL;
        return intern(x, x->tmp.text.data, x->tmp.text.len);
    }
}

static int catalog(xc *x)
{
    tl_jscan *sc = &x->sc;
    int tok = tl_jscan_next(sc);
    if (tok <= 0) return tok; /* an error, or an empty file */
    if (tok != TL_JTOK_OBJECT)
        return tl_doc_error(x->doc, x->err, TL_ESYNTAX, sc->start,
                            "a string catalog is a JSON object");
    for (;;) {
        tok = tl_jscan_next(sc);
        if (tok < 0) return tok;
        if (tok != TL_JTOK_KEY) break;
        if (tl_jscan_is(sc, "sourceLanguage")) {
            tok = value_object(x);
            if (tok < 0) return tok;
            if (tok == TL_JTOK_OBJECT && (tok = tl_jscan_skip(sc)) < 0) return tok;
            if (tok == TL_JTOK_STRING && !x->srclang) {
                size_t n;
                const char *t = tmp_text(x, &n);
                if (!t) return nomem(x);
                if (n && !(x->srclang = intern(x, t, n))) return nomem(x);
            }
        } else if (tl_jscan_is(sc, "strings")) {
            tok = value_object(x);
            if (tok < 0) return tok;
            if (tok != TL_JTOK_OBJECT) continue;
            if (!x->srclang) x->srclang = find_source_language(x);
            if (!x->srclang) x->srclang = x->doc->lang ? x->doc->lang : "en";
            for (;;) {
                tok = tl_jscan_next(sc);
                if (tok < 0) return tok;
                if (tok != TL_JTOK_KEY) break;
                tl_segbuild_reset(&x->key);
                if (tl_jscan_decode(sc, &x->key) < 0) return nomem(x);
                tl_buf_reset(&x->path);
                if (tl_buf_append(&x->path, x->key.text.data ? x->key.text.data : "",
                                  x->key.text.len) < 0)
                    return nomem(x);
                size_t key_len = x->path.len;
                tok = value_object(x);
                if (tok < 0) return tok;
                if (tok == TL_JTOK_OBJECT && (tok = entry(x, key_len)) < 0) return tok;
            }
        } else if ((tok = tl_jscan_skip(sc)) < 0) {
            return tok;
        }
    }
    tok = tl_jscan_next(sc); /* nothing may follow the catalog */
    return tok < 0 ? tok : 0;
}

int tl_extract_xcstrings(tl_doc *doc, tl_error *err)
{
    xc *x = calloc(1, sizeof(*x));
    if (!x) return tl_error_set(err, TL_ENOMEM, "out of memory");
    x->doc = doc;
    x->err = err;
    tl_jscan_init(&x->sc, doc, err);
    int rc = tl_buf_append(&x->path, "", 0) < 0 ? nomem(x) : catalog(x);
    if (rc == 0 && x->srclang) doc->lang = x->srclang;
    tl_buf_free(&x->path);
    tl_segbuild_free(&x->sb);
    tl_segbuild_free(&x->key);
    tl_segbuild_free(&x->tmp);
    free(x);
    return rc;
}

int tl_sniff_xcstrings(const unsigned char *b, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    return tl_sniff_json(b, len) && memmem(b, n, "\"sourceLanguage\"", 16) &&
                   memmem(b, n, "\"strings\"", 9)
               ? 90
               : 0;
}
