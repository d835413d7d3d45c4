/* relint.c - a document's lint with per-segment results cached between
 * changes.
 *
 * The linter calls our match_segment hook in place of classify + match for
 * each segment. The hook looks the segment up by a 128-bit hash of
 * everything those two steps read (text, key, context, comment,
 * references, language, protected ranges, and the kind and flags the
 * extractor set; the path and the config are fixed per cache): a hit
 * restores the kind, flags and journey moment and places the cached
 * findings through the new segment's source map, exactly as the matcher
 * places a match; a miss runs the real steps and stores their result.
 * Entries not used by a lint are dropped after it once they are many, so
 * the cache holds about one document's worth of segments. */
#include "relint.h"
#include "../core/array.h"
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

/* The findings of one segment, in one malloc block: this header, the
 * findings, the suggestion pointers, then the strings. */
typedef struct cfindings {
    size_t n;
    cfinding items[];
} cfindings;

/* 48 bytes a segment. */
struct tl_segcache_entry {
    uint64_t h1, h2;  /* the identity */
    cfindings *found; /* NULL: none */
    uint32_t chain;   /* next entry in the bucket, index + 1; 0: none */
    uint32_t moved;   /* index in the array being built, when gen is current */
    unsigned gen;     /* the last lint that used it */
    unsigned flags;
    unsigned char kind;
    signed char moment; /* index in the pack's moments; -1: none */
};

void tl_lsp_lint_init(tl_lsp_lint *lt)
{
    memset(lt, 0, sizeof(*lt));
}

static void free_entries(tl_segcache_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(e[i].found);
}

static void cache_clear(tl_segcache *c)
{
    free_entries(c->items, c->count);
    free(c->items);
    free(c->buckets);
    free(c->next);
    c->items = c->next = NULL;
    c->buckets = NULL;
    c->count = c->cap = c->nbuckets = c->nnext = c->capnext = c->cursor = c->live = 0;
}

void tl_lsp_lint_forget(tl_lsp_lint *lt)
{
    cache_clear(&lt->cache);
}

void tl_lsp_lint_release(tl_lsp_lint *lt)
{
    if (lt->have_doc) tl_doc_free(&lt->doc);
    lt->have_doc = false;
    tl_findings_free(&lt->findings);
    lt->released = true;
}

void tl_lsp_lint_free(tl_lsp_lint *lt)
{
    if (!lt) return;
    cache_clear(&lt->cache);
    if (lt->have_doc) tl_doc_free(&lt->doc);
    tl_findings_free(&lt->findings);
    free(lt->path);
    memset(lt, 0, sizeof(*lt));
}

/* A 128-bit hash in two lanes that read every byte differently (one
 * multiply-xorshift, one add-rotate-multiply), so that a collision in one
 * is not one in the other; each lane runs as two chains (even and odd
 * words) so the multiplies overlap. Not cryptographic: an identity is
 * taken as equal when both lanes are, and two different segments of real
 * text colliding in 128 bits is not a practical concern. */
typedef struct hash128 {
    uint64_t a, b;
} hash128;

static inline uint64_t rotl64(uint64_t x, int r)
{
    return x << r | x >> (64 - r);
}

static inline uint64_t mix_a(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
}

static inline uint64_t mix_b(uint64_t h, uint64_t w)
{
    return rotl64(h + w, 27) * 0xC2B2AE3D27D4EB4Full;
}

static inline void hash_word(hash128 *h, uint64_t w)
{
    h->a = mix_a(h->a, w);
    h->b = mix_b(h->b, w);
}

static void hash_bytes(hash128 *h, const void *data, size_t n)
{
    const char *s = data;
    hash_word(h, n);
    uint64_t a2 = 0x452821E638D01377ull, b2 = 0xBE5466CF34E90C6Cull;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        uint64_t w, v;
        memcpy(&w, s + i, 8);
        memcpy(&v, s + i + 8, 8);
        h->a = mix_a(h->a, w);
        h->b = mix_b(h->b, w);
        a2 = mix_a(a2, v);
        b2 = mix_b(b2, v);
    }
    if (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        hash_word(h, w);
        i += 8;
    }
    if (i < n) {
        uint64_t w = 0;
        memcpy(&w, s + i, n - i);
        hash_word(h, w ^ 0xFF00000000000000ull);
    }
    hash_word(h, a2);
    h->b = mix_b(h->b, b2);
    h->a = mix_a(h->a, rotl64(b2, 31));
}

static inline uint64_t fmix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xFF51AFD7ED558CCDull;
    k ^= k >> 33;
    k *= 0xC4CEB9FE1A85EC53ull;
    k ^= k >> 33;
    return k;
}

/* The fields classify and match read from a segment: kind and flags, the
 * text, the key (or "same as the text", a PO key), context, comments,
 * references and language (C strings, or NULL), and the protected ranges.
 * A field a new version of the classifier, tokenizer or matcher reads must
 * be added here, or the cache would answer for a segment that now lints
 * differently; the unit test compares cached results with fresh ones. */
static hash128 identity(const tl_segment *seg)
{
    hash128 h = {0x243F6A8885A308D3ull, 0x13198A2E03707344ull};
    hash_word(&h, (uint64_t)seg->kind << 32 | seg->flags);
    hash_bytes(&h, seg->text, seg->text_len);
    const char *f[5] = {seg->key, seg->context, seg->comment, seg->refs, seg->lang};
    for (int i = 0; i < 5; i++) {
        if (!f[i]) {
            hash_word(&h, 0x5BD1E995u + (uint64_t)i);
        } else if (i == 0 && strcmp(f[0], seg->text) == 0) {
            hash_word(&h, 0x27D4EB2Fu);
        } else {
            hash_word(&h, 1);
            hash_bytes(&h, f[i], strlen(f[i]));
        }
    }
    hash_bytes(&h, seg->protect, seg->nprotect * sizeof(*seg->protect));
    return (hash128){fmix64(h.a ^ rotl64(h.b, 17)), fmix64(h.b + h.a)};
}

/* The entry of an identity, or NULL. */
static tl_segcache_entry *lookup(tl_segcache *c, hash128 h)
{
    if (!c->nbuckets) return NULL;
    for (uint32_t i = c->buckets[h.a & (c->nbuckets - 1)]; i; i = c->items[i - 1].chain)
        if (c->items[i - 1].h1 == h.a && c->items[i - 1].h2 == h.b) return &c->items[i - 1];
    return NULL;
}

/* Index the entries. The table has at least as many buckets as entries;
 * failing to build it only makes lookups miss. */
static void rebuild_table(tl_segcache *c)
{
    size_t nb = 1024;
    while (nb < c->count)
        nb *= 2;
    if (nb != c->nbuckets || !c->buckets) {
        free(c->buckets);
        c->nbuckets = 0;
        if (!(c->buckets = malloc(nb * sizeof(*c->buckets)))) return;
        c->nbuckets = nb;
    }
    memset(c->buckets, 0, nb * sizeof(*c->buckets));
    /* Backwards, so a chain lists equal identities in array order. */
    for (size_t i = c->count; i-- > 0;) {
        uint32_t *slot = &c->buckets[c->items[i].h1 & (nb - 1)];
        c->items[i].chain = *slot;
        *slot = (uint32_t)(i + 1);
    }
}

/* Room for one more entry in the array being built. */
static tl_segcache_entry *append(tl_segcache *c)
{
    if (c->nnext == c->capnext) {
        size_t cap = c->capnext ? c->capnext + c->capnext / 2 : 1024;
        if (cap > UINT32_MAX - 1) return NULL;
        tl_segcache_entry *p = realloc(c->next, cap * sizeof(*p));
        if (!p) return NULL;
        c->next = p;
        c->capnext = cap;
    }
    return &c->next[c->nnext++];
}

#define ALIGN8(x) (((x) + 7) & ~(size_t)7)

/* Copy a segment's findings into one block; NULL for none (*ok false when
 * out of memory). */
static cfindings *copy_findings(const tl_finding *f, size_t n, bool *ok)
{
    *ok = true;
    if (!n) return NULL;
    size_t nsugg = 0, chars = 0;
    for (size_t i = 0; i < n; i++) {
        nsugg += f[i].nsuggestions;
        chars += strlen(f[i].match) + 1 + strlen(f[i].message) + 1;
        for (size_t k = 0; k < f[i].nsuggestions; k++)
            chars += strlen(f[i].suggestions[k]) + 1;
    }
    size_t off_sugg = ALIGN8(sizeof(cfindings) + n * sizeof(cfinding));
    size_t off_chars = off_sugg + nsugg * sizeof(char *);
    char *block = malloc(off_chars + chars);
    if (!block) {
        *ok = false;
        return NULL;
    }
    cfindings *cf = (cfindings *)block;
    cf->n = n;
    const char **sugg = (const char **)(block + off_sugg);
    char *p = block + off_chars;
#define COPY(dst, s)                                                                               \
    do {                                                                                           \
        size_t len_ = strlen(s) + 1;                                                               \
        memcpy(p, (s), len_);                                                                      \
        (dst) = p;                                                                                 \
        p += len_;                                                                                 \
    } while (0)
    for (size_t i = 0; i < n; i++) {
        cfinding *x = &cf->items[i];
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
    return cf;
}

static int push(tl_findings *out, const tl_finding *f)
{
    if (out->n == out->cap && tl_array_grow(&out->items, &out->cap, sizeof(*out->items), 64) < 0)
        return TL_ENOMEM;
    out->items[out->n++] = *f;
    return 0;
}

/* Place a cached finding in this document, as the matcher places a match. */
static int place(tl_doc *doc, const tl_segment *seg, const cfinding *x, tl_findings *out)
{
    tl_finding f;
    memset(&f, 0, sizeof(f));
    f.rule = x->rule;
    f.severity = x->severity;
    f.seg = seg;
    f.text_start = x->text_start;
    f.text_end = x->text_end;
    if (tl_finding_place(&f, doc) < 0) return TL_ENOMEM;
    f.match = x->match;
    f.message = x->message;
    f.suggestions = x->suggestions;
    f.nsuggestions = x->nsuggestions;
    f.fixable = x->fixable;
    return push(out, &f);
}

/* The linter's match_segment hook. */
static int cached_match(void *ud, tl_linter *L, tl_doc *doc, tl_segment *seg, tl_findings *out)
{
    tl_lsp_lint *lt = ud;
    tl_segcache *c = &lt->cache;
    hash128 h = identity(seg);
    tl_segcache_entry *e = NULL;
    if (c->cursor < c->count && c->items[c->cursor].h1 == h.a && c->items[c->cursor].h2 == h.b) {
        e = &c->items[c->cursor++];
    } else if ((e = lookup(c, h)) != NULL) {
        c->cursor = (size_t)(e - c->items) + 1; /* carry on after it */
    }
    if (e) {
        c->hits++;
        seg->kind = e->kind;
        seg->flags = e->flags;
        if (e->moment >= 0) {
            seg->moment = L->rules.moments.ids[e->moment];
            seg->moment_bit = 1u << e->moment;
        }
        tl_segcache_entry *t;
        if (e->gen == c->generation) {
            t = &c->next[e->moved]; /* a second segment of the same identity */
        } else {
            if (!(t = append(c))) return TL_ENOMEM;
            *t = *e;
            e->found = NULL; /* now t's */
            e->gen = c->generation;
            e->moved = (uint32_t)(c->nnext - 1);
            t->gen = c->generation;
        }
        for (size_t i = 0; t->found && i < t->found->n; i++) {
            int rc = place(doc, seg, &t->found->items[i], out);
            if (rc < 0) return rc;
        }
        return 0;
    }
    c->misses++;
    /* The identity is taken before classification changes kind and flags. */
    tl_linter_classify(L, doc, seg);
    size_t first = out->n;
    int rc = tl_matcher_run(&L->matcher, doc, seg, out);
    if (rc < 0) return rc;
    bool ok;
    cfindings *found = copy_findings(out->items + first, out->n - first, &ok);
    tl_segcache_entry *t = ok ? append(c) : NULL;
    if (!t) { /* not cached: the result still counts */
        free(found);
        return 0;
    }
    signed char moment = -1;
    for (signed char i = 0; i < 32 && seg->moment_bit; i++)
        if (seg->moment_bit == 1u << i) moment = i;
    *t = (tl_segcache_entry){
        h.a, h.b, found, 0, 0, c->generation, seg->flags, (unsigned char)seg->kind, moment};
    return 0;
}

/* After a lint: the entries it used, in its order, become the cache; the
 * ones it did not use follow them, unless they are more than a quarter of
 * the cache plus 256 (or the lint failed, when all are kept: a text that
 * does not parse is often a moment in typing). */
static void settle_cache(tl_segcache *c, bool succeeded)
{
    size_t used = c->nnext, unused = 0;
    for (size_t i = 0; i < c->count; i++)
        if (c->items[i].gen != c->generation) unused++;
    bool keep = !succeeded || unused <= used / 4 + 256;
    if (keep && unused && c->capnext - c->nnext < unused) {
        size_t cap = c->nnext + unused;
        tl_segcache_entry *p = cap < UINT32_MAX ? realloc(c->next, cap * sizeof(*p)) : NULL;
        if (p) {
            c->next = p;
            c->capnext = cap;
        } else {
            keep = false;
        }
    }
    for (size_t i = 0; i < c->count; i++) {
        tl_segcache_entry *e = &c->items[i];
        if (e->gen == c->generation) continue;
        if (keep)
            c->next[c->nnext++] = *e;
        else
            free(e->found);
    }
    c->live = used;
    /* Swap: the array built is the cache; the old one is given back (a
     * large document's array is megabytes). */
    free(c->items);
    c->items = c->next;
    c->count = c->nnext;
    c->cap = c->capnext;
    c->next = NULL;
    c->nnext = c->capnext = 0;
    /* Shrink a much too large array (after a large paste was undone). */
    if (!c->count) {
        free(c->items);
        c->items = NULL;
        c->cap = 0;
    } else if (c->cap > 1024 && c->count < c->cap / 2) {
        tl_segcache_entry *p = realloc(c->items, c->count * sizeof(*p));
        if (p) {
            c->items = p;
            c->cap = c->count;
        }
    }
    rebuild_table(c);
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
    lt->released = false;
    /* The segment array of the last lint is reused: about as many segments
     * come again, and growing a new one by doubling copies it over and over. */
    tl_segment *segs = NULL;
    size_t capsegs = 0;
    if (lt->have_doc) {
        segs = lt->doc.segs;
        capsegs = lt->doc.capsegs;
        lt->doc.segs = NULL;
        tl_doc_free(&lt->doc);
    }
    tl_doc_init(&lt->doc, lt->path, (const unsigned char *)text, len, NULL);
    lt->doc.segs = segs;
    lt->doc.capsegs = capsegs;
    lt->have_doc = true;
    tl_error_clear(&lt->err);
    if (lines && nlines) tl_source_borrow_lines(&lt->doc.src, lines, nlines);
    tl_segcache *c = &lt->cache;
    c->generation++;
    c->hits = c->misses = 0;
    c->cursor = 0;
    /* The array being built: room for as many as the last lint used. */
    c->nnext = 0;
    if (c->capnext < c->count) {
        tl_segcache_entry *p = realloc(c->next, c->count * sizeof(*p));
        if (!p) return TL_ENOMEM;
        c->next = p;
        c->capnext = c->count;
    }
    L->match_segment = cached_match;
    L->match_ud = lt;
    int rc = tl_lint_doc(L, &lt->doc, syntax, &lt->findings, &lt->err);
    L->match_segment = NULL;
    L->match_ud = NULL;
    settle_cache(c, rc >= 0);
    if (rc < 0) {
        lt->findings.n = 0;
        if (!lt->err.code) lt->err.code = rc;
        if (!lt->err.message[0]) tl_error_set(&lt->err, rc, "%s", tl_error_kind(rc));
        return rc == TL_ENOMEM ? rc : 0;
    }
    return 0;
}
