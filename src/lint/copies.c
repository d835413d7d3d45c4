/* copies.c - report each English source string once per run (copies.h). */
#include "copies.h"
#include "../extract/format.h"
#include "linter.h"
#include "../core/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void tl_copies_init(tl_copies *c)
{
    memset(c, 0, sizeof(*c));
    tl_arena a = TL_ARENA_INIT;
    c->arena = a;
}

void tl_copies_free(tl_copies *c)
{
    tl_arena_free(&c->arena);
    free(c->slots);
    for (size_t i = 0; i < c->nsources; i++)
        free(c->sources[i]);
    free(c->sources);
    free(c->decided);
    free(c->set);
    memset(c, 0, sizeof(*c));
}

/* The set of a catalog: its folder, with each folder named for a language
 * written `*` (malloc'd). */
static char *set_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 0;
    char *out = malloc(n + 2);
    if (!out) return NULL;
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        size_t k = i;
        while (k < n && path[k] != '/')
            k++;
        if (k > i && tl_lang_is_tag(path + i, k - i)) {
            out[w++] = '*';
        } else {
            memcpy(out + w, path + i, k - i);
            w += k - i;
        }
        if (k < n) out[w++] = '/';
        i = k + 1;
    }
    out[w] = '\0';
    return out;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

bool tl_copies_candidate(const char *path)
{
    return ends_with(path, ".po") || ends_with(path, ".pot") || ends_with(path, ".xlf") ||
           ends_with(path, ".xliff");
}

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static int grow(tl_copies *c)
{
    size_t n = c->nslots ? c->nslots * 2 : 1024;
    struct tl_copy_slot *s = calloc(n, sizeof(*s));
    if (!s) return TL_ENOMEM;
    for (size_t i = 0; i < c->nslots; i++) {
        if (!c->slots[i].key) continue;
        size_t j = hash(c->slots[i].key, c->slots[i].len) & (n - 1);
        while (s[j].key)
            j = (j + 1) & (n - 1);
        s[j] = c->slots[i];
    }
    free(c->slots);
    c->slots = s;
    c->nslots = n;
    return 0;
}

/* The slot of a key, added when `add` (NULL when absent and not added, or
 * out of memory). */
static struct tl_copy_slot *slot(tl_copies *c, const char *key, size_t len, bool add)
{
    if (!c->nslots && !add) return NULL;
    if ((c->used + 1) * 2 > c->nslots && add && grow(c) < 0) return NULL;
    size_t j = hash(key, len) & (c->nslots - 1);
    while (c->slots[j].key) {
        if (c->slots[j].len == len && memcmp(c->slots[j].key, key, len) == 0) return &c->slots[j];
        j = (j + 1) & (c->nslots - 1);
    }
    if (!add) return NULL;
    char *k = tl_arena_strndup(&c->arena, key, len);
    if (!k) return NULL;
    c->slots[j] = (struct tl_copy_slot){k, len, 0, false};
    c->used++;
    return &c->slots[j];
}

/* The identity of a segment in a set: the set, context, key and text.
 * False when it could not be built (out of memory). */
static bool identity(tl_buf *b, const char *set, size_t setlen, const tl_segment *s)
{
    tl_buf_reset(b);
    tl_buf_append(b, set, setlen);
    tl_buf_putc(b, '\x01');
    if (s->context) tl_buf_puts(b, s->context);
    tl_buf_putc(b, '\x04');
    if (s->key) tl_buf_puts(b, s->key);
    tl_buf_putc(b, '\0');
    tl_buf_append(b, s->text, s->text_len);
    return !tl_buf_failed(b) && b->data;
}

static bool english(const char *lang)
{
    return lang && (lang[0] == 'e' || lang[0] == 'E') && (lang[1] == 'n' || lang[1] == 'N') &&
           (lang[2] == '\0' || lang[2] == '_' || lang[2] == '-' || lang[2] == '@');
}

/* A source catalog: a template (.pot) or a catalog in English (the
 * language its path names, else the one it declares). */
static bool source_doc(const tl_doc *doc)
{
    return ends_with(doc->path, ".pot") || english(doc->lang);
}

int tl_copies_scan(tl_copies *c, const char *path)
{
    if (!tl_copies_candidate(path)) return 0;
    unsigned char *bytes;
    size_t len;
    tl_error err;
    tl_error_clear(&err);
    if (tl_read_file(path, &bytes, &len, &err) < 0) return 0;
    tl_doc doc;
    tl_doc_init(&doc, path, bytes, len, bytes);
    const tl_format *fmt = tl_format_detect(path, bytes, len);
    int rc = 0;
    if (fmt && (fmt->extract == tl_extract_po || fmt->extract == tl_extract_xliff) &&
        fmt->extract(&doc, &err) >= 0) {
        /* The language the path names wins: an XLIFF file's own language
         * is its source language (messages.de.xlf says en -> de). */
        const char *lang = tl_lang_from_path(&doc.arena, path);
        if (lang) doc.lang = lang;
        if (source_doc(&doc)) {
            if (c->nsources == c->capsources)
                rc = tl_array_grow(&c->sources, &c->capsources, sizeof(*c->sources), 8);
            char *dup = rc == 0 ? strdup(path) : NULL;
            if (!dup)
                rc = TL_ENOMEM;
            else
                c->sources[c->nsources++] = dup;
            tl_buf b = TL_BUF_INIT;
            char *set = set_of(path);
            if (!set) rc = TL_ENOMEM;
            for (size_t i = 0; rc == 0 && i < doc.nsegs; i++) {
                /* Its sources, and its English targets (an en XLIFF's target is
                 * the English text the other languages' sources repeat). */
                if (!(doc.segs[i].flags & TL_SEG_EXTRACTED) && !english(doc.segs[i].lang)) continue;
                struct tl_copy_slot *s = identity(&b, set, strlen(set), &doc.segs[i])
                                             ? slot(c, b.data, b.len, true)
                                             : NULL;
                if (!s)
                    rc = TL_ENOMEM;
                else
                    s->source = true;
            }
            tl_buf_free(&b);
            free(set);
        }
    }
    tl_doc_free(&doc);
    return rc;
}

int tl_copies_begin(tl_copies *c, const tl_doc *doc)
{
    c->file++;
    c->path = doc->path;
    c->is_source = false;
    for (size_t i = 0; i < c->nsources; i++)
        if (strcmp(c->sources[i], doc->path) == 0) c->is_source = true;
    free(c->decided);
    free(c->set);
    c->set = set_of(doc->path);
    c->decided = calloc(doc->nsegs ? doc->nsegs : 1, 1);
    c->ndecided = c->decided ? doc->nsegs : 0;
    return c->decided && c->set ? 0 : TL_ENOMEM;
}

bool tl_copies_keep(tl_copies *c, const tl_doc *doc, const tl_finding *f)
{
    const tl_segment *s = f->seg;
    if (!s || !(s->flags & TL_SEG_EXTRACTED) || s < doc->segs || s >= doc->segs + doc->nsegs)
        return true;
    size_t idx = (size_t)(s - doc->segs);
    if (idx < c->ndecided && c->decided[idx]) return c->decided[idx] > 0;
    if (!c->set) return true;
    tl_buf b = TL_BUF_INIT;
    bool keep = true, decided = false;
    /* A source catalog of a folder above (`locale/x.pot` for
     * `locale/<lang>/LC_MESSAGES/x.po`) holds the string: it reports it. */
    size_t setlen = strlen(c->set);
    for (size_t up = setlen; !decided && up > 0;) {
        while (up > 0 && c->set[up - 1] != '/')
            up--;
        size_t len = up ? up - 1 : 0;
        struct tl_copy_slot *sl =
            identity(&b, c->set, len, s) ? slot(c, b.data, b.len, false) : NULL;
        if (sl && sl->source) keep = false, decided = true;
        up = len;
    }
    if (!decided) {
        struct tl_copy_slot *sl =
            identity(&b, c->set, setlen, s) ? slot(c, b.data, b.len, true) : NULL;
        if (sl) {
            if (sl->file == 0 && (!sl->source || c->is_source))
                sl->file = c->file; /* reported here */
            keep = sl->file == c->file;
        }
    }
    tl_buf_free(&b);
    if (idx < c->ndecided) c->decided[idx] = keep ? 1 : -1;
    return keep;
}
