/* moment.c - loading journey moment cues and classifying segments.
 *
 * Identifiers (keys, msgctxt, references, paths) and text are split into
 * lowercase words; a cue is a run of words. Each place a cue is found adds
 * to its moment's score (docs/moments.md says how much); the moment with
 * the highest score of at least MIN_SCORE wins, ties going to the moment
 * defined first. */
#include "moment.h"
#include "../core/array.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_SCORE 3
#define STRONG 3      /* a cue under keys: or words:; weak ones count 1 */
#define WEAK_MAX 2    /* what weak cues, the path and PO references add, at most */
#define MAX_WORDS 256 /* words of one string looked at */
#define WORD_MAX 48   /* longer words are cut */
#define MAX_HITS 64   /* distinct cues counted in one place */
#define PATH_PARTS 4  /* path components looked at: the file name and 3 folders */

struct tl_moment_slot {
    const char *stem; /* NULL: empty */
    size_t len;
    size_t start, count;
};

void tl_moments_free(tl_moments *ms)
{
    if (!ms) return;
    free(ms->cues);
    free(ms->order);
    free(ms->slots);
    memset(ms, 0, sizeof(*ms));
    ms->fallback = -1;
}

int tl_moments_find(const tl_moments *ms, const char *id)
{
    for (size_t i = 0; i < ms->n; i++)
        if (strcmp(ms->ids[i], id) == 0) return (int)i;
    return -1;
}

/* ---- words ---- */

typedef struct words {
    char w[MAX_WORDS][WORD_MAX];
    unsigned char len[MAX_WORDS];
    bool prefix[MAX_WORDS]; /* cues only: the word ended with '*' */
    size_t n;
} words;

static bool is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static bool is_word_byte(const unsigned char *p)
{
    if (is_upper(*p) || is_lower(*p) || (*p >= '0' && *p <= '9')) return true;
    if (*p < 0x80) return false;
    /* Typographic apostrophes and quotes separate words as ASCII ones do. */
    if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] >= 0x98 && p[2] <= 0x9F)) return false;
    return true;
}

/* Split s into lowercase words: at every byte that is not a letter, digit
 * or non-ASCII, and at camelCase humps when `camel` ("paymentFailed",
 * "HTMLParser"). With `cue`, a '*' right after a word marks it a prefix. */
static void split(const char *s, bool camel, bool cue, words *out)
{
    out->n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && out->n < MAX_WORDS) {
        if (!is_word_byte(p)) {
            if (*p >= 0x80) p += 2; /* the rest of a 3-byte quote */
            p++;
            continue;
        }
        size_t n = 0, k = out->n;
        const unsigned char *start = p;
        for (; *p && is_word_byte(p); p++) {
            if (camel && p > start &&
                ((is_upper(*p) && is_lower(p[-1])) ||
                 (is_upper(*p) && is_upper(p[-1]) && is_lower(p[1]))))
                break;
            if (n + 1 < WORD_MAX) out->w[k][n++] = is_upper(*p) ? (char)(*p - 'A' + 'a') : (char)*p;
        }
        out->w[k][n] = '\0';
        out->len[k] = (unsigned char)n;
        out->prefix[k] = cue && *p == '*';
        if (cue && *p == '*') p++;
        out->n++;
    }
}

/* ---- the index ---- */

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static const tl_moments *sort_ms; /* qsort has no user pointer; loading is single-threaded */

static int cmp_cue(const void *a, const void *b)
{
    const tl_moment_cue *x = &sort_ms->cues[*(const size_t *)a];
    const tl_moment_cue *y = &sort_ms->cues[*(const size_t *)b];
    int c = strcmp(x->words[0], y->words[0]);
    if (c) return c;
    return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* The stem of a cue word: without its '*' (words are stored without it;
 * the flag is the last byte after the NUL, see add_cue). */
static bool word_is_prefix(const char *w)
{
    return w[strlen(w) + 1] == '*';
}

static int build_index(tl_moments *ms)
{
    free(ms->order);
    free(ms->slots);
    ms->order = NULL;
    ms->slots = NULL;
    ms->nslots = 0;
    if (!ms->ncues) return 0;
    ms->order = malloc(ms->ncues * sizeof(*ms->order));
    size_t nslots = 16;
    while (nslots < ms->ncues * 2)
        nslots *= 2;
    ms->slots = calloc(nslots, sizeof(*ms->slots));
    if (!ms->order || !ms->slots) return TL_ENOMEM;
    ms->nslots = nslots;
    for (size_t i = 0; i < ms->ncues; i++)
        ms->order[i] = i;
    sort_ms = ms;
    qsort(ms->order, ms->ncues, sizeof(*ms->order), cmp_cue);
    for (size_t i = 0; i < ms->ncues;) {
        const char *stem = ms->cues[ms->order[i]].words[0];
        size_t j = i + 1;
        while (j < ms->ncues && strcmp(ms->cues[ms->order[j]].words[0], stem) == 0)
            j++;
        size_t len = strlen(stem);
        size_t h = (size_t)hash(stem, len) & (nslots - 1);
        while (ms->slots[h].stem)
            h = (h + 1) & (nslots - 1);
        ms->slots[h] = (struct tl_moment_slot){stem, len, i, j - i};
        i = j;
    }
    return 0;
}

static const struct tl_moment_slot *lookup(const tl_moments *ms, const char *s, size_t n,
                                           uint64_t full)
{
    size_t h = (size_t)full & (ms->nslots - 1);
    for (; ms->slots[h].stem; h = (h + 1) & (ms->nslots - 1))
        if (ms->slots[h].len == n && memcmp(ms->slots[h].stem, s, n) == 0) return &ms->slots[h];
    return NULL;
}

/* ---- loading ---- */

static int err_at(tl_error *err, const char *path, const tl_ynode *n, const char *fmt,
                  const char *a)
{
    if (err) {
        err->path = path;
        err->line = n ? n->line : 0;
        err->column = n ? n->column : 0;
        err->offset = n ? n->start : 0;
    }
    return tl_error_set(err, TL_ECONFIG, fmt, a);
}

static int add_cue(tl_moments *ms, tl_arena *arena, const char *text, int moment, int strength,
                   const char *lang)
{
    static _Thread_local words w;
    split(text, false, true, &w);
    if (w.n == 0) return 1; /* no word: the caller reports it */
    if (ms->ncues == ms->capcues &&
        tl_array_grow(&ms->cues, &ms->capcues, sizeof(*ms->cues), 256) < 0)
        return TL_ENOMEM;
    const char **ws = tl_arena_alloc(arena, w.n * sizeof(*ws));
    if (!ws) return TL_ENOMEM;
    for (size_t i = 0; i < w.n; i++) {
        /* The word, its NUL, then '*' or NUL: word_is_prefix reads it. */
        char *c = tl_arena_alloc(arena, w.len[i] + 2u);
        if (!c) return TL_ENOMEM;
        memcpy(c, w.w[i], w.len[i]);
        c[w.len[i]] = '\0';
        c[w.len[i] + 1] = w.prefix[i] ? '*' : '\0';
        ws[i] = c;
    }
    ms->cues[ms->ncues++] = (tl_moment_cue){ws, w.n, moment, strength, lang};
    return 0;
}

static int load_cues(tl_moments *ms, tl_arena *arena, const char *path, const tl_ynode *list,
                     const char *field, int moment, int strength, const char *lang, tl_error *err)
{
    list = tl_yaml_resolve(list);
    if (!list || list->type != TL_Y_SEQ)
        return err_at(err, path, list, "`%s` must be a list of words", field);
    for (size_t i = 0; i < list->n; i++) {
        const tl_ynode *c = tl_yaml_resolve(list->items[i]);
        if (!c || c->type != TL_Y_SCALAR)
            return err_at(err, path, c ? c : list, "`%s` items must be words", field);
        int rc = add_cue(ms, arena, c->value, moment, strength, lang);
        if (rc < 0) return tl_error_set(err, rc, "out of memory");
        if (rc > 0) return err_at(err, path, c, "cue `%s` has no word", c->value);
    }
    return 0;
}

static int load_moment(tl_moments *ms, tl_arena *arena, const char *path, const tl_ynode *m,
                       const char *lang, tl_error *err)
{
    m = tl_yaml_resolve(m);
    if (!m || m->type != TL_Y_MAP)
        return err_at(err, path, m, "a moment must be a mapping with an `id`%s", "");
    const tl_ynode *id = NULL, *title = NULL, *def = NULL;
    for (size_t j = 0; j + 1 < m->n; j += 2) {
        const tl_ynode *k = tl_yaml_resolve(m->items[j]);
        if (k && k->type == TL_Y_SCALAR && strcmp(k->value, "id") == 0)
            id = tl_yaml_resolve(m->items[j + 1]);
        else if (k && k->type == TL_Y_SCALAR && strcmp(k->value, "title") == 0)
            title = tl_yaml_resolve(m->items[j + 1]);
        else if (k && k->type == TL_Y_SCALAR && strcmp(k->value, "default") == 0)
            def = tl_yaml_resolve(m->items[j + 1]);
    }
    if (!id || id->type != TL_Y_SCALAR || !id->value[0])
        return err_at(err, path, m, "a moment needs an `id`%s", "");
    for (const char *c = id->value; *c; c++)
        if (!(is_lower((unsigned char)*c) || (*c >= '0' && *c <= '9') || *c == '-'))
            return err_at(err, path, id, "moment id `%s` must be lowercase letters, digits and -",
                          id->value);
    int idx = tl_moments_find(ms, id->value);
    if (idx < 0) {
        if (!title || title->type != TL_Y_SCALAR)
            return err_at(err, path, id,
                          "unknown moment `%s` (a new moment needs a `title`; the default "
                          "moments are defined in rules/moments.yml)",
                          id->value);
        if (ms->n == TL_MAX_MOMENTS)
            return err_at(err, path, id, "too many moments (at most 32): `%s`", id->value);
        ms->ids[ms->n] = tl_arena_strdup(arena, id->value);
        ms->titles[ms->n] = tl_arena_strdup(arena, title->value);
        idx = (int)ms->n++;
    } else if (title && title->type == TL_Y_SCALAR) {
        ms->titles[idx] = tl_arena_strdup(arena, title->value);
    }
    if (def) {
        if (def->type != TL_Y_SCALAR ||
            (strcmp(def->value, "true") != 0 && strcmp(def->value, "false") != 0))
            return err_at(err, path, def, "`default` must be true or false%s", "");
        if (strcmp(def->value, "true") == 0) ms->fallback = idx;
    }
    for (size_t j = 0; j + 1 < m->n; j += 2) {
        const tl_ynode *k = tl_yaml_resolve(m->items[j]);
        const tl_ynode *v = m->items[j + 1];
        if (!k || k->type != TL_Y_SCALAR) return err_at(err, path, k, "bad moment field%s", "");
        const char *f = k->value;
        int rc = 0;
        if (strcmp(f, "keys") == 0)
            rc = load_cues(ms, arena, path, v, f, idx, STRONG, NULL, err);
        else if (strcmp(f, "weak_keys") == 0)
            rc = load_cues(ms, arena, path, v, f, idx, 1, NULL, err);
        else if (strcmp(f, "words") == 0)
            rc = load_cues(ms, arena, path, v, f, idx, STRONG, lang, err);
        else if (strcmp(f, "weak_words") == 0)
            rc = load_cues(ms, arena, path, v, f, idx, 1, lang, err);
        else if (strcmp(f, "id") != 0 && strcmp(f, "title") != 0 && strcmp(f, "default") != 0)
            return err_at(err, path, k,
                          "unknown moment field `%s` (id, title, default, keys, weak_keys, words, "
                          "weak_words)",
                          f);
        if (rc < 0) return rc;
    }
    return 0;
}

int tl_moments_load(tl_moments *ms, tl_arena *arena, const char *path, const tl_ynode *list,
                    const char *lang, tl_error *err)
{
    if (ms->n == 0 && ms->ncues == 0) ms->fallback = -1;
    list = tl_yaml_resolve(list);
    if (!list || list->type != TL_Y_SEQ)
        return err_at(err, path, list, "`moments` must be a list of moments%s", "");
    const char *l = tl_arena_strdup(arena, lang ? lang : "en");
    for (size_t i = 0; i < list->n; i++) {
        int rc = load_moment(ms, arena, path, list->items[i], l, err);
        if (rc < 0) return rc;
    }
    if (build_index(ms) < 0) return tl_error_set(err, TL_ENOMEM, "out of memory");
    return 0;
}

/* ---- classifying ---- */

/* Whether word w (n bytes) is the cue word c: the same word, the word with
 * a plural "s", or any word it starts when c is a prefix. */
static bool word_matches(const char *w, size_t n, const char *c)
{
    size_t cl = strlen(c);
    if (n < cl || memcmp(w, c, cl) != 0) return false;
    if (word_is_prefix(c)) return true;
    return n == cl || (n == cl + 1 && w[cl] == 's');
}

typedef struct hits {
    size_t cue[MAX_HITS];
    size_t n;
} hits;

/* Cues of the wanted language (NULL: identifier cues) found in w, each once. */
static void find_cues(const tl_moments *ms, const words *w, const char *lang, hits *h)
{
    h->n = 0;
    if (!ms->nslots) return;
    for (size_t i = 0; i < w->n && h->n < MAX_HITS; i++) {
        size_t n = w->len[i];
        if (n < 2) continue;
        /* Stems that can match this word: itself, without a plural "s",
         * and each prefix (for prefix cues), longest first. The hash of
         * each prefix, in one pass. */
        uint64_t ph[WORD_MAX + 1]; /* n < WORD_MAX */
        uint64_t x = 1469598103934665603ull;
        for (size_t k = 0; k < n; k++)
            ph[k + 1] = x = (x ^ (unsigned char)w->w[i][k]) * 1099511628211ull;
        for (size_t k = n; k >= 2 && h->n < MAX_HITS; k--) {
            const struct tl_moment_slot *s = lookup(ms, w->w[i], k, ph[k]);
            if (!s) continue;
            for (size_t o = s->start; o < s->start + s->count && h->n < MAX_HITS; o++) {
                size_t ci = ms->order[o];
                const tl_moment_cue *c = &ms->cues[ci];
                if (lang ? !c->lang || c->lang[0] != lang[0] || c->lang[1] != lang[1]
                         : c->lang != NULL)
                    continue;
                if (i + c->nwords > w->n) continue;
                bool ok = true;
                for (size_t j = 0; ok && j < c->nwords; j++)
                    ok = word_matches(w->w[i + j], w->len[i + j], c->words[j]);
                if (!ok) continue;
                bool seen = false;
                for (size_t y = 0; y < h->n && !seen; y++)
                    seen = h->cue[y] == ci;
                if (!seen) h->cue[h->n++] = ci;
            }
        }
    }
}

/* Add each cue found in s, `weight` times its strength: a strong cue to
 * `strong`, a weak one to `weak`. */
static void score_cues(const tl_moments *ms, const char *s, bool camel, const char *lang,
                       int weight, int *strong, int *weak)
{
    static _Thread_local words w;
    hits h;
    if (!s || !*s) return;
    split(s, camel, false, &w);
    find_cues(ms, &w, lang, &h);
    for (size_t i = 0; i < h.n; i++) {
        const tl_moment_cue *c = &ms->cues[h.cue[i]];
        (c->strength >= STRONG ? strong : weak)[c->moment] += weight * c->strength;
    }
}

/* A place where any cue of a moment counts once: `strong` points for a
 * strong cue, `weak` for a weak one. */
static void score_once(const tl_moments *ms, const char *s, int strong, int weak, int *scores)
{
    static _Thread_local words w;
    hits h;
    if (!s || !*s) return;
    split(s, true, false, &w);
    find_cues(ms, &w, NULL, &h);
    int best[TL_MAX_MOMENTS] = {0};
    for (size_t i = 0; i < h.n; i++) {
        const tl_moment_cue *c = &ms->cues[h.cue[i]];
        int v = c->strength >= STRONG ? strong : weak;
        if (v > best[c->moment]) best[c->moment] = v;
    }
    for (size_t m = 0; m < ms->n; m++)
        scores[m] += best[m];
}

/* What a document's path gives every segment, computed once per path:
 * `file`, each moment with a cue in the last PATH_PARTS components (once);
 * `name`, the cues of a template's file name and folder, which say what
 * the one message in it is (invoice.html.erb, payment_failed.txt). */
typedef struct path_scores {
    const tl_moments *ms;
    char path[1024];
    bool template_file, valid;
    int file[TL_MAX_MOMENTS], name[TL_MAX_MOMENTS], weak_name[TL_MAX_MOMENTS];
} path_scores;

static _Thread_local path_scores pcache;

static const path_scores *path_score(const tl_moments *ms, const tl_moment_doc *doc)
{
    static _Thread_local path_scores once; /* a path too long to cache */
    size_t n = strlen(doc->path);
    bool cacheable = n < sizeof(pcache.path);
    if (cacheable && pcache.valid && pcache.ms == ms &&
        pcache.template_file == doc->template_file && strcmp(pcache.path, doc->path) == 0)
        return &pcache;
    path_scores *p = cacheable ? &pcache : &once;
    memset(p->file, 0, sizeof(p->file));
    memset(p->name, 0, sizeof(p->name));
    memset(p->weak_name, 0, sizeof(p->weak_name));
    const char *tail = doc->path + n;
    for (int parts = 0; tail > doc->path; tail--)
        if (tail[-1] == '/' && ++parts == PATH_PARTS) break;
    score_once(ms, tail, 1, 1, p->file);
    if (doc->template_file) {
        /* The file name and its folder: templates often live one folder per
         * message (mails/order_confirmation_mail/en-html.html.twig). */
        const char *name = doc->path + n;
        for (int parts = 0; name > doc->path; name--)
            if (name[-1] == '/' && ++parts == 2) break;
        score_cues(ms, name, true, NULL, 2, p->name, p->weak_name);
    }
    if (cacheable) {
        p->ms = ms;
        memcpy(p->path, doc->path, n + 1);
        p->template_file = doc->template_file;
        p->valid = true;
    }
    return p;
}

int tl_moment_scores(const tl_moments *ms, const tl_segment *seg, const tl_moment_doc *doc,
                     int *scores)
{
    if (!ms || ms->n == 0) return -1;
    memset(scores, 0, sizeof(int) * TL_MAX_MOMENTS);
    /* What only tips a string: weak cues anywhere, and where the file is,
     * its path and the PO references (a project's name is in all of them:
     * "woocommerce-gateway-stripe"). Together they count WEAK_MAX at most,
     * below MIN_SCORE: they settle between the moments a strong cue points
     * to, they never take a string out of general themselves. */
    int weak[TL_MAX_MOMENTS] = {0}, file[TL_MAX_MOMENTS] = {0};
    const path_scores *ps = doc && doc->path ? path_score(ms, doc) : NULL;
    if (ps) {
        memcpy(file, ps->file, sizeof(file));
        for (size_t m = 0; m < ms->n; m++) {
            scores[m] += ps->name[m];
            weak[m] += ps->weak_name[m];
        }
    }
    score_once(ms, seg->refs, 2, 1, file);
    const char *key = seg->key;
    /* For PO the key is the English text itself; only the context is a name. */
    if (key && seg->text && strcmp(key, seg->text) == 0) key = NULL;
    const char *lang = seg->lang && seg->lang[0] && seg->lang[1] ? seg->lang : "en";
    score_cues(ms, key, true, NULL, 2, scores, weak);
    score_cues(ms, seg->context, true, NULL, 2, scores, weak);
    score_cues(ms, seg->comment, true, NULL, 2, scores, weak);
    score_cues(ms, seg->comment, false, lang, 1, scores, weak);
    score_cues(ms, seg->text, false, lang, 1, scores, weak);
    for (size_t m = 0; m < ms->n; m++) {
        int tip = weak[m] + file[m];
        scores[m] += tip < WEAK_MAX ? tip : WEAK_MAX;
    }
    int best = -1;
    for (size_t m = 0; m < ms->n; m++)
        if (scores[m] >= MIN_SCORE && (best < 0 || scores[m] > scores[best])) best = (int)m;
    return best >= 0 ? best : ms->fallback >= 0 ? ms->fallback : (int)ms->n - 1;
}

int tl_moment_classify(const tl_moments *ms, const tl_segment *seg, const tl_moment_doc *doc)
{
    int scores[TL_MAX_MOMENTS];
    return tl_moment_scores(ms, seg, doc, scores);
}
