/* automaton.c - the prefilter's byte automata (Aho-Corasick DFAs over the
 * literals of every rule, one caseless, one with case) and the passes over
 * one text that mark candidate rules and patterns. Building the literal
 * sets they hold is prefilter.c's work. */
#include "prefilter_int.h"

#include <stdlib.h>
#include <string.h>

/* PCRE2 (UTF, UCP, caseless) lets these match an ASCII letter. A test
 * compares this table with PCRE2 over every code point. */
const tl_fold_seq tl_prefilter_folds[] = {
    {"\xC5\xBF", 's'},     /* U+017F LATIN SMALL LETTER LONG S */
    {"\xE2\x84\xAA", 'k'}, /* U+212A KELVIN SIGN */
    {NULL, 0},
};

/* What \s matches under UCP besides ASCII white space (which the byte
 * classes fold onto ' '). A test compares this with PCRE2. */
const tl_fold_seq tl_prefilter_spaces[] = {
    {"\xC2\x85", ' '},     {"\xC2\xA0", ' '},     {"\xE1\x9A\x80", ' '},
    {"\xE1\xA0\x8E", ' '}, {"\xE2\x80\x80", ' '}, {"\xE2\x80\x81", ' '},
    {"\xE2\x80\x82", ' '}, {"\xE2\x80\x83", ' '}, {"\xE2\x80\x84", ' '},
    {"\xE2\x80\x85", ' '}, {"\xE2\x80\x86", ' '}, {"\xE2\x80\x87", ' '},
    {"\xE2\x80\x88", ' '}, {"\xE2\x80\x89", ' '}, {"\xE2\x80\x8A", ' '},
    {"\xE2\x80\xA8", ' '}, {"\xE2\x80\xA9", ' '}, {"\xE2\x80\xAF", ' '},
    {"\xE2\x81\x9F", ' '}, {"\xE3\x80\x80", ' '}, {NULL, 0},
};

void tl_pf_automaton_free(automaton *A)
{
    free(A->delta);
    free(A->delta16);
    free(A->out_off);
    free(A->out);
}

/* Build-time state. The trie's own outputs per state are a linked list in
 * two arrays (no allocation per state); the full outputs (own, then the
 * failure state's) are laid out flat in breadth-first order. */
typedef struct builder {
    automaton *A;
    size_t cap_states;
    uint32_t *own_head;           /* per state: first own output + 1, 0 none */
    uint32_t *own_next, *own_val; /* per own output */
    size_t nown, cap_own;
} builder;

static int new_state(builder *b, uint32_t *id)
{
    automaton *A = b->A;
    if (A->nstates == b->cap_states) return TL_ENOMEM; /* the bound was wrong */
    if (A->nstates >= OUT_FLAG - 1) return TL_ENOMEM;
    *id = (uint32_t)A->nstates++;
    memset(A->delta + (size_t)*id * A->nclasses, 0, A->nclasses * sizeof(uint32_t));
    b->own_head[*id] = 0;
    return 0;
}

static int insert(builder *b, const lit *l, uint32_t factor)
{
    automaton *A = b->A;
    uint32_t s = 0;
    for (size_t i = 0; i < l->len; i++) {
        size_t c = A->cls[(unsigned char)l->s[i]];
        uint32_t next = A->delta[(size_t)s * A->nclasses + c];
        if (!next) {
            int rc = new_state(b, &next);
            if (rc < 0) return rc;
            A->delta[(size_t)s * A->nclasses + c] = next;
        }
        s = next;
    }
    for (uint32_t k = b->own_head[s]; k; k = b->own_next[k - 1])
        if (b->own_val[k - 1] == factor) return 0;
    if (b->nown == b->cap_own) return TL_ENOMEM; /* one per literal: sized before */
    b->own_val[b->nown] = factor;
    b->own_next[b->nown] = b->own_head[s];
    b->own_head[s] = (uint32_t)++b->nown;
    return 0;
}

/* Breadth-first: failure links, full transitions (a state's row is its
 * failure state's, with its own edges), outputs. */
static int finish(builder *b)
{
    automaton *A = b->A;
    size_t nc = A->nclasses, ns = A->nstates;
    uint32_t *fail = calloc(ns, sizeof(*fail));
    uint32_t *queue = malloc(ns * sizeof(*queue));
    uint32_t *nout = calloc(ns, sizeof(*nout)); /* full outputs per state */
    uint32_t *row = malloc(nc * sizeof(*row));
    int rc = fail && queue && nout && row ? 0 : TL_ENOMEM;
    size_t head = 0, tail = 0, total = 0;
    if (rc == 0) queue[tail++] = 0;
    /* First the order, the links and the number of outputs of each state. */
    while (rc == 0 && head < tail) {
        uint32_t s = queue[head++];
        for (uint32_t k = b->own_head[s]; k; k = b->own_next[k - 1])
            nout[s]++;
        if (s) nout[s] += nout[fail[s]];
        total += nout[s];
        uint32_t *t = &A->delta[(size_t)s * nc];
        if (s)
            memcpy(row, &A->delta[(size_t)fail[s] * nc], nc * sizeof(*row));
        else
            memset(row, 0, nc * sizeof(*row));
        for (size_t c = 0; c < nc; c++) {
            if (t[c]) { /* a trie edge */
                fail[t[c]] = row[c];
                queue[tail++] = t[c];
            } else {
                t[c] = row[c];
            }
        }
    }
    uint32_t *flag = rc == 0 ? malloc(ns * sizeof(*flag)) : NULL;
    A->out_off = rc == 0 ? malloc((ns + 1) * sizeof(*A->out_off)) : NULL;
    A->out = rc == 0 ? malloc((total ? total : 1) * sizeof(*A->out)) : NULL;
    if (rc == 0 && (!flag || !A->out_off || !A->out)) rc = TL_ENOMEM;
    bool narrow = ns < OUT_FLAG16; /* half the memory, and more of it in cache */
    /* Output ranges by state number; filled breadth-first, where a
     * state's failure state comes first, so its list is complete. */
    for (size_t s = 0, w = 0; rc == 0 && s <= ns; s++) {
        A->out_off[s] = (uint32_t)w;
        if (s < ns) {
            w += nout[s];
            flag[s] = nout[s] ? (narrow ? OUT_FLAG16 : OUT_FLAG) : 0;
        }
    }
    for (size_t q = 0; rc == 0 && q < tail; q++) {
        uint32_t s = queue[q], k = A->out_off[s];
        for (uint32_t o = b->own_head[s]; o; o = b->own_next[o - 1])
            A->out[k++] = b->own_val[o - 1];
        if (s && nout[fail[s]])
            memcpy(A->out + k, A->out + A->out_off[fail[s]], nout[fail[s]] * sizeof(uint32_t));
    }
    if (rc == 0 && narrow) {
        A->delta16 = malloc(ns * nc * sizeof(uint16_t));
        if (!A->delta16) rc = TL_ENOMEM;
        for (size_t i = 0; rc == 0 && i < ns * nc; i++)
            A->delta16[i] = (uint16_t)(A->delta[i] | flag[A->delta[i]]);
        if (rc == 0) {
            free(A->delta);
            A->delta = NULL;
        }
    } else if (rc == 0) {
        for (size_t i = 0; i < ns * nc; i++)
            A->delta[i] |= flag[A->delta[i]];
    }
    free(fail);
    free(queue);
    free(nout);
    free(row);
    free(flag);
    return rc;
}

/* Build automaton `pass` over the literals of the factors that belong to
 * it (pass 1: literals with case; pass 0: the others). */
int tl_pf_build_automaton(automaton *A, int pass, const factor_ref *fs, size_t nf)
{
    A->fold = pass == 0;
    bool used[256] = {false};
    for (size_t f = 0; f < nf; f++)
        for (size_t i = 0; i < fs[f].set->n; i++) {
            const lit *l = &fs[f].set->v[i];
            if ((l->cs != 0) != (pass == 1)) continue;
            for (size_t k = 0; k < l->len; k++)
                used[(unsigned char)l->s[k]] = true;
        }
    A->nclasses = 1;
    for (int c = 0; c < 256; c++)
        if (used[c]) A->cls[c] = (unsigned char)A->nclasses++;
    if (pass == 0)
        for (int c = 'A'; c <= 'Z'; c++)
            A->cls[c] = A->cls[c - 'A' + 'a'];
    for (int c = '\t'; c <= '\r'; c++)
        A->cls[c] = A->cls[' '];
    if (A->cls[' '])
        for (const tl_fold_seq *s = tl_prefilter_spaces; s->seq; s++)
            A->lead[(unsigned char)s->seq[0]] = 1;
    if (pass == 0)
        for (const tl_fold_seq *s = tl_prefilter_folds; s->seq; s++)
            if (A->cls[(unsigned char)s->ascii]) A->lead[(unsigned char)s->seq[0]] = 1;
    /* Every literal byte adds at most one state, and every literal one
     * output: allocate for that once (rows are written as states are
     * made, so unused ones cost nothing). */
    size_t bound = 1, nlits = 0;
    for (size_t f = 0; f < nf; f++)
        for (size_t i = 0; i < fs[f].set->n; i++)
            if ((fs[f].set->v[i].cs != 0) == (pass == 1)) {
                bound += fs[f].set->v[i].len;
                nlits++;
            }
    builder b = {A,
                 bound,
                 malloc(bound * sizeof(uint32_t)),
                 malloc((nlits + 1) * sizeof(uint32_t)),
                 malloc((nlits + 1) * sizeof(uint32_t)),
                 0,
                 nlits};
    A->delta = malloc(bound * A->nclasses * sizeof(uint32_t));
    int rc = b.own_head && b.own_next && b.own_val && A->delta ? 0 : TL_ENOMEM;
    uint32_t root;
    if (rc == 0) rc = new_state(&b, &root);
    for (size_t f = 0; rc == 0 && f < nf; f++)
        for (size_t i = 0; rc == 0 && i < fs[f].set->n; i++) {
            const lit *l = &fs[f].set->v[i];
            if ((l->cs != 0) == (pass == 1)) rc = insert(&b, l, (uint32_t)f);
        }
    if (rc == 0) rc = finish(&b);
    free(b.own_head);
    free(b.own_next);
    free(b.own_val);
    return rc;
}

/* Length of the sequence at s that the pass reads as one ASCII
 * character, with that character, or 0. */
static size_t seq_at(const automaton *A, const unsigned char *s, size_t len, unsigned char *ascii)
{
    for (int t = 0; t < 2; t++) {
        const tl_fold_seq *tab = t == 0 ? tl_prefilter_spaces : tl_prefilter_folds;
        if (t == 1 && !A->fold) break;
        for (const tl_fold_seq *f = tab; f->seq; f++) {
            const unsigned char *q = (const unsigned char *)f->seq;
            if (q[0] != s[0] || len < 2 || q[1] != s[1]) continue;
            if (q[2] && (len < 3 || q[2] != s[2])) continue;
            *ascii = (unsigned char)f->ascii;
            return q[2] ? 3 : 2;
        }
    }
    return 0;
}

/* Run pass A over the text; for each literal set seen, set its bit and,
 * when mark_rules, the candidate bits of its rules. */
/* Set the bit of literal set f and, when mark_rules, the candidate bits
 * of the patterns it anchors and of their rules. */
static inline void report(const tl_prefilter *pf, tl_prefilter_state *st, uint32_t f,
                          bool mark_rules)
{
    uint64_t bit = (uint64_t)1 << (f & 63);
    if (st->factors[f >> 6] & bit) return;
    st->factors[f >> 6] |= bit;
    if (!mark_rules) return;
    for (uint32_t q = pf->fpat_off[f]; q < pf->fpat_off[f + 1]; q++) {
        uint32_t g = pf->fpat[q], r = pf->pat_rule[g];
        st->patterns[g >> 6] |= (uint64_t)1 << (g & 63);
        st->rules[r >> 6] |= (uint64_t)1 << (r & 63);
    }
}

/* Report the literal sets of state `state`. Kept out of line so the byte
 * loop below keeps its few variables in registers. */
static __attribute__((noinline)) void report_state(const tl_prefilter *pf, const automaton *A,
                                                   tl_prefilter_state *st, uint32_t state,
                                                   bool mark_rules)
{
    for (uint32_t k = A->out_off[state]; k < A->out_off[state + 1]; k++)
        report(pf, st, A->out[k], mark_rules);
}

/* One pass of automaton A over the text. The loop is written once for
 * each table width. */
#define RUN_PASS(TABLE, FLAG)                                                                      \
    do {                                                                                           \
        const unsigned char *cls = A->cls, *lead = A->lead;                                        \
        uint32_t state = 0;                                                                        \
        for (size_t i = 0; i < len; i++) {                                                         \
            unsigned char b = s[i];                                                                \
            size_t c = cls[b];                                                                     \
            if (__builtin_expect(lead[b], 0)) {                                                    \
                unsigned char a;                                                                   \
                size_t n = seq_at(A, s + i, len - i, &a);                                          \
                if (n) {                                                                           \
                    c = cls[a];                                                                    \
                    i += n - 1;                                                                    \
                }                                                                                  \
            }                                                                                      \
            uint32_t t = (TABLE)[(size_t)state * nc + c];                                          \
            state = t & ~(uint32_t)(FLAG);                                                         \
            if (__builtin_expect(t & (FLAG), 0)) report_state(pf, A, st, state, mark_rules);       \
        }                                                                                          \
    } while (0)

static void run_pass(const tl_prefilter *pf, const automaton *A, tl_prefilter_state *st,
                     bool mark_rules)
{
    const unsigned char *s = (const unsigned char *)st->text;
    size_t len = st->len;
    const size_t nc = A->nclasses;
    if (A->delta16) {
        const uint16_t *delta16 = A->delta16;
        RUN_PASS(delta16, OUT_FLAG16);
    } else {
        const uint32_t *delta = A->delta;
        RUN_PASS(delta, OUT_FLAG);
    }
}

int tl_prefilter_state_init(tl_prefilter_state *st, const tl_prefilter *pf)
{
    memset(st, 0, sizeof(*st));
    st->nfactor_words = (pf->nfactors + 63) / 64 + 1;
    st->nrule_words = (pf->nrules + 63) / 64 + 1;
    st->npattern_words = (pf->npatterns + 63) / 64 + 1;
    st->factors =
        calloc(st->nfactor_words + st->nrule_words + st->npattern_words, sizeof(uint64_t));
    if (!st->factors) return TL_ENOMEM;
    st->rules = st->factors + st->nfactor_words;
    st->patterns = st->rules + st->nrule_words;
    return 0;
}

void tl_prefilter_state_free(tl_prefilter_state *st)
{
    free(st->factors);
    memset(st, 0, sizeof(*st));
}

void tl_prefilter_scan(const tl_prefilter *pf, tl_prefilter_state *st, const char *text, size_t len)
{
    st->text = text;
    st->len = len;
    st->done = 0;
    memset(st->factors, 0, st->nfactor_words * sizeof(uint64_t));
    memcpy(st->rules, pf->always_mask, st->nrule_words * sizeof(uint64_t));
    memcpy(st->patterns, pf->pat_always, st->npattern_words * sizeof(uint64_t));
    run_pass(pf, &pf->ac[0], st, true);
}

/* The case features of the text, in one loop. */
static void features(tl_prefilter_state *st)
{
    const unsigned char *s = (const unsigned char *)st->text;
    unsigned run = 0, best = 0;
    bool lu = false, prev_lower = false;
    for (size_t i = 0; i < st->len; i++) {
        unsigned char c = s[i];
        if (c >= 'A' && c <= 'Z') {
            if (++run > best) best = run;
            if (prev_lower) lu = true;
            prev_lower = false;
        } else {
            run = 0;
            prev_lower = c >= 'a' && c <= 'z';
        }
    }
    st->upper = best;
    st->lower_upper = lu;
    st->done |= DONE_FEATURES;
}

static bool factor_seen(const tl_prefilter_state *st, uint32_t f)
{
    return (st->factors[f >> 6] >> (f & 63)) & 1u;
}

uint64_t tl_prefilter_marked(const tl_prefilter *pf, const tl_prefilter_state *st, size_t i)
{
    if (i >= pf->nrules) return ~(uint64_t)0;
    uint32_t g = pf->rule_pat[i], np = pf->rule_pat[i + 1] - g;
    if (np > 64) return ~(uint64_t)0;
    if (np == 0) return 0;
    const uint64_t *w = st->patterns + (g >> 6);
    unsigned sh = g & 63;
    uint64_t bits = w[0] >> sh;
    if (sh && sh + np > 64) bits |= w[1] << (64 - sh);
    return np == 64 ? bits : bits & (((uint64_t)1 << np) - 1);
}

bool tl_prefilter_pattern(const tl_prefilter *pf, tl_prefilter_state *st, size_t i, size_t p)
{
    if (i >= pf->nrules || p >= pf->rule_pat[i + 1] - pf->rule_pat[i]) return true;
    uint32_t g = pf->rule_pat[i] + (uint32_t)p;
    if (!((st->patterns[g >> 6] >> (g & 63)) & 1u)) return false; /* no anchor seen */
    const pf_pattern *pat = &pf->pats[g];
    if (pat->nt == 0) return true;
    for (uint32_t k = 0; k < pat->nt; k++) {
        const pf_term *t = &pf->terms[pat->t0 + k];
        const uint32_t *fs = pf->tfac + t->f0;
        bool ok = true, need_cs = false;
        /* The caseless pass first: it has run. */
        for (uint32_t j = 0; ok && j < t->nf; j++)
            if (!factor_seen(st, fs[j])) {
                if (pf->factor_cs[fs[j]])
                    need_cs = true;
                else
                    ok = false;
            }
        if (!ok) continue;
        if (t->up || t->lu) {
            if (!(st->done & DONE_FEATURES)) features(st);
            if (st->upper < t->up || (t->lu && !st->lower_upper)) continue;
        }
        if (need_cs) {
            if (!(st->done & DONE_CS)) {
                run_pass(pf, &pf->ac[1], st, false);
                st->done |= DONE_CS;
            }
            for (uint32_t j = 0; ok && j < t->nf; j++)
                ok = factor_seen(st, fs[j]);
            if (!ok) continue;
        }
        return true;
    }
    return false;
}
