/* relint.c - a document's lint with per-segment results cached between
 * changes.
 *
 * The linter calls our match_segment hook in place of classify + match for
 * each segment. The hook looks the segment up by everything those two steps
 * read (text, key, context, comment, references, language, and the kind and
 * flags the extractor set; the path is fixed per cache): a hit restores the
 * kind and flags and places the cached findings through the new segment's
 * source map, exactly as the matcher places a match; a miss runs the real
 * steps and stores their result. Entries not used by a lint are dropped
 * after it, so the cache holds one document's worth of segments. */
#include "relint.h"
#include "../tokenize/classify.h"

#include <stdlib.h>
#include <string.h>

/* One cached finding: where it sits in the segment's decoded text, and the
 * strings the matcher made for it. */
typedef struct cfinding {
    const tl_rule *rule;
    tl_severity severity;
    size_t text_start, text_end;
    const char *match, *message;
    const char **suggestions;
    size_t nsuggestions;
    bool fixable;
} cfinding;

/* One malloc block: this header, the findings, the suggestion pointers,
 * then the identity bytes and the strings. */
struct tl_segcache_entry {
    tl_segcache_entry *next;
    uint64_t hash;
    unsigned gen;
    tl_kind kind;
    unsigned flags;
    const char *ident;
    size_t ident_len;
    cfinding *items;
    size_t n;
    size_t pos; /* index in the order of the lint that last used it */
};

void tl_lsp_lint_init(tl_lsp_lint *lt)
{
    memset(lt, 0, sizeof(*lt));
}

static void cache_clear(tl_segcache *c)
{
    for (size_t i = 0; i < c->nbuckets; i++) {
        tl_segcache_entry *e = c->buckets[i];
        while (e) {
            tl_segcache_entry *next = e->next;
            free(e);
            e = next;
        }
        c->buckets[i] = NULL;
    }
    c->count = 0;
    c->norder = c->nnext = c->cursor = 0;
}

void tl_lsp_lint_forget(tl_lsp_lint *lt)
{
    cache_clear(&lt->cache);
}

void tl_lsp_lint_free(tl_lsp_lint *lt)
{
    if (!lt) return;
    cache_clear(&lt->cache);
    free(lt->cache.buckets);
    free(lt->cache.order);
    free(lt->cache.next_order);
    if (lt->have_doc) tl_doc_free(&lt->doc);
    tl_findings_free(&lt->findings);
    tl_buf_free(&lt->ident);
    free(lt->path);
    memset(lt, 0, sizeof(*lt));
}

/* 64-bit multiply-xorshift hash, 8 bytes at a time. Not cryptographic: a
 * collision costs only a memcmp, never a wrong result. */
static uint64_t hash_bytes(const char *s, size_t n)
{
    const uint64_t k = 0x9E3779B97F4A7C15ull;
    uint64_t h = n * k;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    uint64_t w = 0;
    memcpy(&w, s + i, n - i);
    h = (h ^ w) * k;
    h ^= h >> 32;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
    return h;
}

/* The fields classify and match read from a segment, besides kind and
 * flags: the text, the key, context, comments, references and language
 * (C strings), and the protected ranges (bytes). A field a new version of
 * the classifier, tokenizer or matcher reads must be added here, or the
 * cache would answer for a segment that now lints differently; the unit
 * test compares cached results with fresh ones.
 * The identity of a segment is kind, flags, then each field as a tag byte
 * (0 NULL, 1 present, 2 same as the text) and, when present, its length
 * and bytes. */
enum { NFIELDS = 7, PROTECT = 6 };
static const char SAME_AS_TEXT[] = "";

static void fields(const tl_segment *seg, const char *f[NFIELDS], size_t n[NFIELDS])
{
    f[0] = seg->text, n[0] = seg->text_len;
    f[1] = seg->key, f[2] = seg->context, f[3] = seg->comment, f[4] = seg->refs, f[5] = seg->lang;
    for (int i = 1; i < PROTECT; i++)
        n[i] = f[i] ? strlen(f[i]) : 0;
    f[PROTECT] = seg->nprotect ? (const char *)seg->protect : NULL;
    n[PROTECT] = seg->nprotect * sizeof(*seg->protect);
    /* A PO key is the text itself: stand for it by an empty non-NULL
     * marker instead of hashing and comparing it twice. */
    if (f[1] && n[1] == n[0] && memcmp(f[1], f[0], n[0]) == 0) f[1] = SAME_AS_TEXT, n[1] = 0;
}

static uint64_t identity_hash(const tl_segment *seg)
{
    const char *f[NFIELDS];
    size_t n[NFIELDS];
    fields(seg, f, n);
    uint64_t h = ((uint64_t)seg->kind << 32 | seg->flags) * 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < NFIELDS; i++)
        h = (h ^ (f[i] == SAME_AS_TEXT ? 0x27d4eb2fu
                  : f[i]               ? hash_bytes(f[i], n[i])
                                       : 0x5bd1e995u)) *
            0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
}

/* Serialize the identity (for a new entry). */
static int identity(tl_buf *b, const tl_segment *seg)
{
    const char *f[NFIELDS];
    size_t n[NFIELDS];
    fields(seg, f, n);
    tl_buf_reset(b);
    unsigned char kind = (unsigned char)seg->kind;
    if (tl_buf_append(b, &kind, 1) < 0 || tl_buf_append(b, &seg->flags, sizeof(seg->flags)) < 0)
        return TL_ENOMEM;
    for (int i = 0; i < NFIELDS; i++) {
        unsigned char tag = f[i] == SAME_AS_TEXT ? 2 : f[i] ? 1 : 0;
        if (tl_buf_append(b, &tag, 1) < 0) return TL_ENOMEM;
        if (tag == 1 &&
            (tl_buf_append(b, &n[i], sizeof(n[i])) < 0 || tl_buf_append(b, f[i], n[i]) < 0))
            return TL_ENOMEM;
    }
    return 0;
}

/* Whether an entry is this segment's, without serializing the segment or
 * measuring its strings: each stored field is compared in place. */
static bool same_identity(const tl_segcache_entry *e, const tl_segment *seg)
{
    const char *p = e->ident, *end = e->ident + e->ident_len;
    if (e->ident_len < 1 + sizeof(unsigned) || (unsigned char)p[0] != (unsigned char)seg->kind ||
        memcmp(p + 1, &seg->flags, sizeof(unsigned)) != 0)
        return false;
    p += 1 + sizeof(unsigned);
    const char *f[NFIELDS] = {seg->text,
                              seg->key,
                              seg->context,
                              seg->comment,
                              seg->refs,
                              seg->lang,
                              seg->nprotect ? (const char *)seg->protect : NULL};
    for (int i = 0; i < NFIELDS; i++) {
        if (p >= end) return false;
        unsigned char tag = (unsigned char)*p++;
        if (tag == 0 || !f[i]) {
            if (tag != 0 || f[i]) return false;
            continue;
        }
        if (tag == 2) { /* the key is the text */
            if (i != 1 || strcmp(f[1], seg->text) != 0) return false;
            continue;
        }
        size_t len;
        if ((size_t)(end - p) < sizeof(len)) return false;
        memcpy(&len, p, sizeof(len));
        p += sizeof(len);
        if ((size_t)(end - p) < len) return false;
        if (i == 0 || i == PROTECT) {
            size_t want = i == 0 ? seg->text_len : seg->nprotect * sizeof(*seg->protect);
            if (len != want || memcmp(p, f[i], len) != 0) return false;
        } else if (strncmp(p, f[i], len) != 0 || f[i][len] != '\0' ||
                   (i == 1 && strcmp(f[1], seg->text) == 0)) {
            return false;
        }
        p += len;
    }
    return p == end;
}

static tl_segcache_entry *lookup(tl_segcache *c, uint64_t h, const tl_segment *seg)
{
    if (!c->nbuckets) return NULL;
    for (tl_segcache_entry *e = c->buckets[h & (c->nbuckets - 1)]; e; e = e->next)
        if (e->hash == h && same_identity(e, seg)) return e;
    return NULL;
}

static int grow_table(tl_segcache *c)
{
    size_t nb = c->nbuckets ? c->nbuckets * 2 : 1024;
    tl_segcache_entry **b = calloc(nb, sizeof(*b));
    if (!b) return TL_ENOMEM;
    for (size_t i = 0; i < c->nbuckets; i++) {
        tl_segcache_entry *e = c->buckets[i];
        while (e) {
            tl_segcache_entry *next = e->next;
            e->next = b[e->hash & (nb - 1)];
            b[e->hash & (nb - 1)] = e;
            e = next;
        }
    }
    free(c->buckets);
    c->buckets = b;
    c->nbuckets = nb;
    return 0;
}

#define ALIGN8(x) (((x) + 7) & ~(size_t)7)

/* Copy a segment's result into a new entry. Failing to cache is not an
 * error (the result is still used): NULL then. */
static tl_segcache_entry *store(tl_segcache *c, uint64_t h, const tl_buf *id, const tl_segment *seg,
                                const tl_finding *f, size_t n)
{
    if (c->count >= c->nbuckets && grow_table(c) < 0) return NULL;
    size_t nsugg = 0, chars = id->len;
    for (size_t i = 0; i < n; i++) {
        nsugg += f[i].nsuggestions;
        chars += strlen(f[i].match) + 1 + strlen(f[i].message) + 1;
        for (size_t k = 0; k < f[i].nsuggestions; k++)
            chars += strlen(f[i].suggestions[k]) + 1;
    }
    size_t off_items = ALIGN8(sizeof(tl_segcache_entry));
    size_t off_sugg = off_items + ALIGN8(n * sizeof(cfinding));
    size_t off_chars = off_sugg + nsugg * sizeof(char *);
    char *block = malloc(off_chars + chars);
    if (!block) return NULL;
    tl_segcache_entry *e = (tl_segcache_entry *)block;
    cfinding *items = (cfinding *)(block + off_items);
    const char **sugg = (const char **)(block + off_sugg);
    char *p = block + off_chars;
    memcpy(p, id->data, id->len);
    *e =
        (tl_segcache_entry){NULL, h, c->generation, seg->kind, seg->flags, p, id->len, items, n, 0};
    p += id->len;
#define COPY(dst, s)                                                                               \
    do {                                                                                           \
        size_t len_ = strlen(s) + 1;                                                               \
        memcpy(p, (s), len_);                                                                      \
        (dst) = p;                                                                                 \
        p += len_;                                                                                 \
    } while (0)
    for (size_t i = 0; i < n; i++) {
        cfinding *x = &items[i];
        x->rule = f[i].rule;
        x->severity = f[i].severity;
        x->text_start = f[i].text_start;
        x->text_end = f[i].text_end;
        x->fixable = f[i].fixable;
        COPY(x->match, f[i].match);
        COPY(x->message, f[i].message);
        x->suggestions = sugg;
        x->nsuggestions = f[i].nsuggestions;
        for (size_t k = 0; k < f[i].nsuggestions; k++)
            COPY(sugg[k], f[i].suggestions[k]);
        sugg += f[i].nsuggestions;
    }
#undef COPY
    tl_segcache_entry **slot = &c->buckets[h & (c->nbuckets - 1)];
    e->next = *slot;
    *slot = e;
    c->count++;
    return e;
}

static int push(tl_findings *out, const tl_finding *f)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 64;
        tl_finding *p = realloc(out->items, cap * sizeof(*p));
        if (!p) return TL_ENOMEM;
        out->items = p;
        out->cap = cap;
    }
    out->items[out->n++] = *f;
    return 0;
}

/* Columns over UTF-8 bytes [from, to), the way tl_source counts them: a
 * continuation byte adds nothing, a 4-byte lead two UTF-16 units, any
 * other byte one of each. False at a line break. */
static bool count_cols(const unsigned char *b, size_t from, size_t to, int *col, int *col16)
{
    for (size_t i = from; i < to; i++) {
        unsigned char c = b[i];
        if (c == '\n' || c == '\r') return false;
        if ((c & 0xC0) == 0x80) continue;
        (*col)++;
        *col16 += c >= 0xF0 && c <= 0xF4 ? 2 : 1;
    }
    return true;
}

/* Columns counted by hand are kept to this distance from a line's start;
 * further in, tl_source_position and its checkpoints take over. */
#define NEAR_COLUMNS 4096

/* tl_source_position for offsets that come mostly in increasing order (the
 * findings of a lint, segment after segment): a cursor on the line table
 * replaces the binary search, and columns are counted from the line start
 * or from the previous position on the same line. */
static int position_near(tl_lsp_lint *lt, tl_source *src, size_t off, tl_position *out)
{
    if (src->encoding != TL_ENC_UTF8 || !src->line_starts || !src->nlines)
        return tl_source_position(src, off, out);
    if (off > src->len) off = src->len;
    const size_t *ls = src->line_starts;
    size_t l = lt->near_line;
    int steps = 0;
    if (l >= src->nlines || ls[l] > off) {
        steps = 99;
    } else {
        while (l + 1 < src->nlines && ls[l + 1] <= off && steps < 16)
            l++, steps++;
    }
    if (steps >= 16) { /* far away: search */
        size_t lo = 0, hi = src->nlines;
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (ls[mid] <= off)
                lo = mid;
            else
                hi = mid;
        }
        l = lo;
    }
    size_t start = ls[l];
    if (l == 0 && start < src->bom_len) start = src->bom_len;
    if (off < start) off = start;
    if (off - start > NEAR_COLUMNS) return tl_source_position(src, off, out);
    size_t from = start;
    int col = 1, col16 = 1;
    if (lt->near_valid && lt->near_line == l && lt->near_off >= start && lt->near_off <= off) {
        from = lt->near_off;
        col = lt->near_pos.column;
        col16 = lt->near_pos.column16;
    }
    count_cols(src->bytes, from, off, &col, &col16);
    *out = (tl_position){(int)(l + 1), col, col16};
    lt->near_line = l;
    lt->near_off = off;
    lt->near_pos = *out;
    lt->near_valid = true;
    return 0;
}

/* Place a cached finding in this document, as the matcher places a match:
 * decoded offsets -> stored bytes (through the segment's source map) ->
 * line and column. */
static int place(tl_lsp_lint *lt, tl_doc *doc, const tl_segment *seg, const cfinding *x,
                 tl_findings *out)
{
    tl_finding f;
    memset(&f, 0, sizeof(f));
    f.rule = x->rule;
    f.severity = x->severity;
    f.seg = seg;
    f.text_start = x->text_start;
    f.text_end = x->text_end;
    size_t mlen = f.text_end - f.text_start;
    size_t raw_s = tl_segment_raw_start(seg, f.text_start);
    size_t raw_e = mlen ? tl_segment_raw_end(seg, f.text_end) : raw_s;
    if (raw_e < raw_s) raw_e = raw_s;
    f.offset = raw_s;
    f.length = raw_e - raw_s;
    if (position_near(lt, &doc->src, raw_s, &f.start) < 0) return TL_ENOMEM;
    /* The end of a match that stays on its line: counted from the start. */
    int col = f.start.column, col16 = f.start.column16;
    if (doc->src.encoding == TL_ENC_UTF8 && f.length <= NEAR_COLUMNS &&
        count_cols(doc->src.bytes, raw_s, raw_e, &col, &col16))
        f.end = (tl_position){f.start.line, col, col16};
    else if (tl_source_position(&doc->src, raw_e, &f.end) < 0)
        return TL_ENOMEM;
    f.match = x->match;
    f.message = x->message;
    f.suggestions = x->suggestions;
    f.nsuggestions = x->nsuggestions;
    f.fixable = x->fixable;
    return push(out, &f);
}

/* Note that this lint used e (for the next lint's order). An entry's pos
 * is its index in the order of the lint that last used it (last_gen). */
static int used(tl_segcache *c, tl_segcache_entry *e)
{
    if (c->nnext == c->capnext) {
        size_t cap = c->capnext ? c->capnext * 2 : 1024;
        tl_segcache_entry **p = realloc(c->next_order, cap * sizeof(*p));
        if (!p) return TL_ENOMEM;
        c->next_order = p;
        c->capnext = cap;
    }
    if (e->gen != c->generation) c->live++;
    e->gen = c->generation;
    e->pos = c->nnext;
    c->next_order[c->nnext++] = e;
    return 0;
}

/* The linter's match_segment hook. */
static int cached_match(void *ud, tl_matcher *m, tl_doc *doc, tl_segment *seg, tl_findings *out)
{
    tl_lsp_lint *lt = ud;
    tl_segcache *c = &lt->cache;
    tl_segcache_entry *e = NULL;
    uint64_t h = 0;
    if (c->cursor < c->norder && same_identity(c->order[c->cursor], seg)) {
        e = c->order[c->cursor++];
    } else {
        h = identity_hash(seg);
        if ((e = lookup(c, h, seg)) != NULL && e->gen == c->last_gen)
            c->cursor = e->pos + 1; /* carry on after it in the last order */
    }
    if (e) {
        c->hits++;
        seg->kind = e->kind;
        seg->flags = e->flags;
        if (used(c, e) < 0) return TL_ENOMEM;
        for (size_t i = 0; i < e->n; i++) {
            int rc = place(lt, doc, seg, &e->items[i], out);
            if (rc < 0) return rc;
        }
        return 0;
    }
    c->misses++;
    /* The identity is taken before classification changes kind and flags. */
    if (identity(&lt->ident, seg) < 0) return TL_ENOMEM;
    tl_classify(seg, doc->path);
    size_t first = out->n;
    int rc = tl_matcher_run(m, doc, seg, out);
    if (rc < 0) return rc;
    if ((e = store(c, h, &lt->ident, seg, out->items + first, out->n - first)) != NULL &&
        used(c, e) < 0)
        return TL_ENOMEM;
    return 0;
}

/* Drop the entries the last lint did not use. */
static void sweep(tl_segcache *c)
{
    for (size_t i = 0; i < c->nbuckets; i++) {
        tl_segcache_entry **pp = &c->buckets[i];
        while (*pp) {
            tl_segcache_entry *e = *pp;
            if (e->gen != c->generation) {
                *pp = e->next;
                free(e);
                c->count--;
            } else {
                pp = &e->next;
            }
        }
    }
}

int tl_lsp_lint_run(tl_lsp_lint *lt, tl_linter *L, const char *path, const char *syntax,
                    const char *text, size_t len, const size_t *lines, size_t nlines)
{
    /* Classification reads the path: results for another path do not carry. */
    if (!lt->path || strcmp(lt->path, path) != 0) {
        cache_clear(&lt->cache);
        free(lt->path);
        if (!(lt->path = strdup(path))) return TL_ENOMEM;
    }
    lt->findings.n = 0;
    if (lt->have_doc) tl_doc_free(&lt->doc);
    tl_doc_init(&lt->doc, lt->path, (const unsigned char *)text, len, NULL);
    lt->have_doc = true;
    tl_error_clear(&lt->err);
    if (lines && nlines && tl_source_set_lines(&lt->doc.src, lines, nlines) < 0) return TL_ENOMEM;
    tl_segcache *c = &lt->cache;
    c->generation++;
    c->hits = c->misses = 0;
    c->nnext = c->cursor = c->live = 0;
    lt->near_valid = false;
    lt->near_line = 0;
    L->match_segment = cached_match;
    L->match_ud = lt;
    int rc = tl_lint_doc(L, &lt->doc, syntax, &lt->findings, &lt->err);
    L->match_segment = NULL;
    L->match_ud = NULL;
    if (rc < 0) {
        lt->findings.n = 0;
        if (!lt->err.code) lt->err.code = rc;
        if (!lt->err.message[0]) tl_error_set(&lt->err, rc, "%s", tl_error_kind(rc));
        /* A text that does not parse is often a moment in typing (an open
         * quote): keep the cache for when it parses again. */
        return rc == TL_ENOMEM ? rc : 0;
    }
    if (c->count - c->live > c->live / 4 + 256) sweep(c);
    c->last_gen = c->generation;
    /* This lint's order is the next lint's guide. */
    tl_segcache_entry **t = c->order;
    c->order = c->next_order;
    c->norder = c->nnext;
    c->next_order = t;
    size_t cap = c->capnext;
    c->capnext = c->norder_cap;
    c->norder_cap = cap;
    c->nnext = 0;
    return 0;
}
