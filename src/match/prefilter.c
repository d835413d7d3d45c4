/* prefilter.c - building the prefilter from a rule set: each pattern's
 * condition (patparse.c), its literal sets shared as numbered factors, the
 * anchors that tie a factor to its patterns, and the two automata
 * (automaton.c). It never decides that a pattern matches, only that it
 * cannot. */
#include "prefilter_int.h"
#include "../core/array.h"

#include <stdlib.h>
#include <string.h>

bool tl_prefilter_covers(const tl_prefilter *pf, size_t i, const tl_rule *r)
{
    return pf && i < pf->nrules && pf->rules[i] == r;
}

bool tl_prefilter_always(const tl_prefilter *pf, size_t i)
{
    return pf->always[i] != 0;
}

void tl_prefilter_free(tl_prefilter *pf)
{
    if (!pf) return;
    free(pf->rules);
    free(pf->always);
    free(pf->always_mask);
    free(pf->rule_pat);
    free(pf->pats);
    free(pf->terms);
    free(pf->tfac);
    free(pf->pat_rule);
    free(pf->pat_always);
    free(pf->factor_cs);
    free(pf->fpat_off);
    free(pf->fpat);
    tl_pf_automaton_free(&pf->ac[0]);
    tl_pf_automaton_free(&pf->ac[1]);
    free(pf);
}

/* ---- Building ---- */

typedef struct gbuild {
    tl_arena a;
    factor_ref *factors;
    size_t nfactors, capfactors;
    uint32_t *table; /* open addressing: factor id + 1, 0 empty */
    size_t table_size;
    pf_term *terms;
    size_t nterms, capterms;
    uint32_t *tfac;
    size_t ntfac, captfac;
} gbuild;

static uint64_t set_hash(const lset *f)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < f->n; i++) {
        for (size_t k = 0; k < f->v[i].len; k++)
            h = (h ^ (unsigned char)f->v[i].s[k]) * 1099511628211u;
        h = (h ^ f->v[i].cs ^ 0xFF) * 1099511628211u;
    }
    return h;
}

/* The id of literal set f, shared by every term that needs the same set. */
static int factor_id(gbuild *g, const lset *f, uint32_t *id)
{
    if (2 * (g->nfactors + 1) > g->table_size) { /* grow and rehash */
        size_t size = g->table_size ? 2 * g->table_size : 1024;
        uint32_t *t = calloc(size, sizeof(*t));
        if (!t) return TL_ENOMEM;
        for (size_t i = 0; i < g->nfactors; i++) {
            size_t h = (size_t)set_hash(g->factors[i].set) & (size - 1);
            while (t[h])
                h = (h + 1) & (size - 1);
            t[h] = (uint32_t)i + 1;
        }
        free(g->table);
        g->table = t;
        g->table_size = size;
    }
    size_t h = (size_t)set_hash(f) & (g->table_size - 1);
    for (; g->table[h]; h = (h + 1) & (g->table_size - 1))
        if (tl_lset_eq(g->factors[g->table[h] - 1].set, f)) {
            *id = g->table[h] - 1;
            return 0;
        }
    if (tl_array_reserve(&g->factors, &g->capfactors, g->nfactors + 1, sizeof(factor_ref), 64) < 0)
        return TL_ENOMEM;
    /* A copy that outlives the pattern's scratch arena. */
    lset *copy = tl_arena_alloc(&g->a, sizeof(lset));
    size_t bytes = 0;
    for (size_t i = 0; i < f->n; i++)
        bytes += f->v[i].len;
    lit *v = tl_arena_alloc(&g->a, f->n * sizeof(lit) + 1);
    char *text = tl_arena_alloc(&g->a, bytes + 1);
    if (!copy || !v || !text) return TL_ENOMEM;
    for (size_t i = 0; i < f->n; i++) {
        memcpy(text, f->v[i].s, f->v[i].len);
        v[i] = (lit){text, f->v[i].len, f->v[i].cs};
        text += f->v[i].len;
    }
    *copy = (lset){v, f->n, f->score};
    g->factors[g->nfactors].set = copy;
    g->table[h] = (uint32_t)g->nfactors + 1;
    *id = (uint32_t)g->nfactors++;
    return 0;
}

int tl_prefilter_new(tl_prefilter **out, const tl_ruleset *rs)
{
    *out = NULL;
    tl_prefilter *pf = calloc(1, sizeof(*pf));
    if (!pf) return TL_ENOMEM;
    gbuild g;
    memset(&g, 0, sizeof(g));
    size_t n = rs->n, npats = 0;
    for (size_t i = 0; i < n; i++)
        npats += rs->rules[i]->patterns.n;
    size_t words = (n + 63) / 64 + 1;
    pf->nrules = n;
    pf->rules = malloc((n ? n : 1) * sizeof(*pf->rules));
    pf->always = calloc(n ? n : 1, 1);
    pf->always_mask = calloc(words, sizeof(uint64_t));
    pf->rule_pat = calloc(n + 1, sizeof(uint32_t));
    pf->pats = calloc(npats ? npats : 1, sizeof(pf_pattern));
    int rc = pf->rules && pf->always && pf->always_mask && pf->rule_pat && pf->pats ? 0 : TL_ENOMEM;
    /* Pairs (factor, pattern): the anchor of each term. */
    uint32_t *anchors = NULL;
    size_t nanchors = 0, capanchors = 0;
    pf->npatterns = npats;
    pf->pat_rule = malloc((npats ? npats : 1) * sizeof(uint32_t));
    pf->pat_always = calloc(npats / 64 + 2, sizeof(uint64_t));
    if (!pf->pat_rule || !pf->pat_always) rc = TL_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const tl_rule *r = rs->rules[i];
        pf->rules[i] = r;
        pf->rule_pat[i] = (uint32_t)k;
        bool metric = r->kind == TL_RULE_METRIC || r->patterns.n == 0;
        bool always = metric;
        for (size_t p = 0; rc == 0 && p < r->patterns.n; p++, k++) {
            pf_pattern *pp = &pf->pats[k];
            pf->pat_rule[k] = (uint32_t)i;
            pp->t0 = (uint32_t)g.nterms;
            cond c;
            tl_arena scratch = TL_ARENA_INIT; /* the parse's memory, freed below */
            rc = tl_pf_pattern_cond(&c, &scratch, r->patterns.src[p], !r->case_sensitive);
            if (rc < 0) {
                tl_arena_free(&scratch);
                break;
            }
            bool pat_always = metric || tl_cond_is_true(&c);
            for (size_t t = 0; rc == 0 && !(metric || tl_cond_is_true(&c)) && t < c.n; t++) {
                const term *x = &c.t[t];
                rc = tl_array_reserve(&g.terms, &g.capterms, g.nterms + 1, sizeof(pf_term), 64);
                if (rc < 0) break;
                pf_term *pt = &g.terms[g.nterms++];
                pt->f0 = (uint32_t)g.ntfac;
                pt->nf = (uint32_t)x->nf;
                pt->up = (uint8_t)x->up;
                pt->lu = x->lu;
                bool anchored = false;
                for (size_t j = 0; rc == 0 && j < x->nf; j++) {
                    uint32_t id;
                    rc = factor_id(&g, x->f[j], &id);
                    if (rc == 0)
                        rc = tl_array_reserve(&g.tfac, &g.captfac, g.ntfac + 1, sizeof(uint32_t),
                                              64);
                    if (rc < 0) break;
                    g.tfac[g.ntfac++] = id;
                    bool any_cs = false;
                    for (size_t l = 0; l < x->f[j]->n; l++)
                        any_cs = any_cs || x->f[j]->v[l].cs;
                    if (any_cs || anchored) continue;
                    /* Factors are strongest first: the first caseless one. */
                    anchored = true;
                    rc = tl_array_reserve(&anchors, &capanchors, 2 * (nanchors + 1),
                                          sizeof(uint32_t), 64);
                    if (rc < 0) break;
                    anchors[2 * nanchors] = id;
                    anchors[2 * nanchors + 1] = (uint32_t)k;
                    nanchors++;
                }
                if (!anchored && x->nf) {
                    /* Only literals with case: their lower-case shadow is
                     * implied, and the caseless pass can see it. */
                    parser sp = {NULL, false, false, true, &scratch, 0, NULL, NULL};
                    lset *sh = tl_pf_alloc(&sp, sizeof(lset));
                    if (sh) *sh = tl_lset_lower(&sp, x->f[0]);
                    if (sp.nomem) rc = TL_ENOMEM;
                    uint32_t id;
                    if (rc == 0 && sh->score >= MIN_SCORE && (rc = factor_id(&g, sh, &id)) == 0 &&
                        (rc = tl_array_reserve(&g.tfac, &g.captfac, g.ntfac + 1, sizeof(uint32_t),
                                               64)) == 0 &&
                        (rc = tl_array_reserve(&anchors, &capanchors, 2 * (nanchors + 1),
                                               sizeof(uint32_t), 64)) == 0) {
                        g.tfac[g.ntfac++] = id;
                        pt->nf++;
                        anchors[2 * nanchors] = id;
                        anchors[2 * nanchors + 1] = (uint32_t)k;
                        nanchors++;
                        anchored = true;
                    }
                }
                if (!anchored) pat_always = true;
            }
            tl_arena_free(&scratch);
            /* A term without a caseless set marks its pattern for every text;
             * the pattern's terms still decide. */
            pp->nt = (uint32_t)(g.nterms - pp->t0);
            if (pat_always) {
                pf->pat_always[k >> 6] |= (uint64_t)1 << (k & 63);
                always = true;
            }
        }
        pf->always[i] = always;
        if (always) pf->always_mask[i >> 6] |= (uint64_t)1 << (i & 63);
    }
    pf->rule_pat[n] = (uint32_t)k;
    pf->nfactors = g.nfactors;
    if (rc == 0) {
        pf->factor_cs = calloc(g.nfactors ? g.nfactors : 1, 1);
        pf->fpat_off = calloc(g.nfactors + 1, sizeof(uint32_t));
        pf->fpat = malloc((nanchors ? nanchors : 1) * sizeof(uint32_t));
        if (!pf->factor_cs || !pf->fpat_off || !pf->fpat) rc = TL_ENOMEM;
    }
    if (rc == 0) {
        for (size_t f = 0; f < g.nfactors; f++)
            for (size_t l = 0; l < g.factors[f].set->n; l++)
                if (g.factors[f].set->v[l].cs) pf->factor_cs[f] = 1;
        /* Counting sort of the (factor, pattern) pairs; a pattern's pairs
         * come in order, so a repeat is next to its twin. */
        for (size_t q = 0; q < nanchors; q++)
            pf->fpat_off[anchors[2 * q] + 1]++;
        for (size_t f = 0; f < g.nfactors; f++)
            pf->fpat_off[f + 1] += pf->fpat_off[f];
        uint32_t *fill = calloc(g.nfactors + 1, sizeof(uint32_t));
        if (!fill) rc = TL_ENOMEM;
        for (size_t q = 0; rc == 0 && q < nanchors; q++) {
            uint32_t f = anchors[2 * q], pat = anchors[2 * q + 1];
            uint32_t at = pf->fpat_off[f];
            if (fill[f] && pf->fpat[at + fill[f] - 1] == pat) continue;
            pf->fpat[at + fill[f]++] = pat;
        }
        if (rc == 0) { /* close the gaps that repeats left */
            uint32_t w = 0;
            for (size_t f = 0; f < g.nfactors; f++) {
                uint32_t at = pf->fpat_off[f];
                pf->fpat_off[f] = w;
                for (uint32_t x = 0; x < fill[f]; x++)
                    pf->fpat[w++] = pf->fpat[at + x];
            }
            pf->fpat_off[g.nfactors] = w;
        }
        free(fill);
    }
    if (rc == 0) rc = tl_pf_build_automaton(&pf->ac[0], 0, g.factors, g.nfactors);
    if (rc == 0) rc = tl_pf_build_automaton(&pf->ac[1], 1, g.factors, g.nfactors);
    /* Never NULL, so a term's factor list is always a valid address. */
    pf->terms = g.terms ? g.terms : calloc(1, sizeof(pf_term));
    pf->tfac = g.tfac ? g.tfac : calloc(1, sizeof(uint32_t));
    if (rc == 0 && (!pf->terms || !pf->tfac)) rc = TL_ENOMEM;
    free(g.factors);
    free(g.table);
    free(anchors);
    tl_arena_free(&g.a);
    if (rc < 0) {
        tl_prefilter_free(pf);
        return rc;
    }
    *out = pf;
    return 0;
}
