/* litset.c - the algebra of the prefilter's conditions: literals, literal
 * sets, terms and conditions (prefilter_int.h), and the scores that say
 * how rarely a set occurs in English copy. It knows no pattern syntax and
 * no automaton; every operation may only weaken a condition, never make it
 * claim more than the pattern needs. */
#include "prefilter_int.h"

#include <stdlib.h>
#include <string.h>

void *tl_pf_alloc(parser *ps, size_t size)
{
    void *p = tl_arena_alloc(ps->a, size ? size : 1);
    if (!p) ps->nomem = true;
    return p;
}

static const lit EMPTY_LIT = {"", 0, 0};

lset tl_lset_empty_string(parser *ps)
{
    if (!ps->empty && (ps->empty = tl_pf_alloc(ps, sizeof(lit))) != NULL) ps->empty[0] = EMPTY_LIT;
    return ps->empty ? (lset){ps->empty, 1, 0} : (lset){NULL, 0, 0};
}

static bool lit_eq(const lit *x, const lit *y)
{
    return x->len == y->len && x->cs == y->cs && memcmp(x->s, y->s, x->len) == 0;
}

static bool lset_has_empty(const lset *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].len == 0) return true;
    return false;
}

static int cmp_lit(const void *x, const void *y)
{
    const lit *a = x, *b = y;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->s, b->s, n);
    if (c) return c;
    if (a->len != b->len) return a->len < b->len ? -1 : 1;
    return a->cs < b->cs ? -1 : a->cs > b->cs;
}

/* Sort l and drop repeats: the one form in which sets are compared. */
void tl_lset_canon(lset *l)
{
    if (l->n < 2) return;
    if (l->n <= 16) { /* most sets are small: no qsort set-up */
        for (size_t i = 1; i < l->n; i++) {
            lit x = l->v[i];
            size_t j = i;
            for (; j > 0 && cmp_lit(&l->v[j - 1], &x) > 0; j--)
                l->v[j] = l->v[j - 1];
            l->v[j] = x;
        }
    } else {
        qsort(l->v, l->n, sizeof(lit), cmp_lit);
    }
    size_t w = 1;
    for (size_t i = 1; i < l->n; i++)
        if (!lit_eq(&l->v[i], &l->v[w - 1])) l->v[w++] = l->v[i];
    l->n = w;
}

/* a × b, or false when it would exceed the caps. Repeats are kept (they
 * are rare, and dropped when the set becomes a condition). */
bool tl_lset_product(parser *ps, lset *out, const lset *a, const lset *b)
{
    if (a->n == 1 && a->v[0].len == 0) { /* the empty string: b itself */
        *out = *b;
        return true;
    }
    if (a->n * b->n > CAP_EXACT) return false;
    size_t total = 0;
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++) {
            if (a->v[i].len + b->v[j].len > MAX_LIT) return false;
            total += a->v[i].len + b->v[j].len;
        }
    lset l = {tl_pf_alloc(ps, a->n * b->n * sizeof(lit)), 0, 0};
    char *s = tl_pf_alloc(ps, total);
    if (!l.v || !s) return false;
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++) {
            size_t n = a->v[i].len + b->v[j].len;
            memcpy(s, a->v[i].s, a->v[i].len);
            memcpy(s + a->v[i].len, b->v[j].s, b->v[j].len);
            l.v[l.n++] = (lit){s, n, a->v[i].cs | (b->v[j].cs << a->v[i].len)};
            s += n;
        }
    *out = l;
    return true;
}

/* a then b, at most capn literals; repeats kept. */
bool tl_lset_union(parser *ps, lset *out, const lset *a, const lset *b, size_t capn)
{
    if (a->n + b->n > capn) return false;
    lset l = {tl_pf_alloc(ps, (a->n + b->n) * sizeof(lit)), a->n + b->n, 0};
    if (!l.v) return false;
    if (a->n) memcpy(l.v, a->v, a->n * sizeof(lit));
    if (b->n) memcpy(l.v + a->n, b->v, b->n * sizeof(lit));
    *out = l;
    return true;
}

/* a repeated n times. */
bool tl_lset_power(parser *ps, lset *out, const lset *a, unsigned long n)
{
    if (n == 1) {
        *out = *a;
        return true;
    }
    lset acc = tl_lset_empty_string(ps);
    if (ps->nomem) return false;
    for (unsigned long i = 0; i < n; i++) {
        lset next;
        if (!tl_lset_product(ps, &next, &acc, a)) return false;
        acc = next;
    }
    *out = acc;
    return true;
}

/* ---- Scores: how rarely a literal set occurs in English copy ----
 *
 * Static and deterministic: a weight per byte (rare letters, digits and
 * punctuation weigh more than common letters and spaces; capitals matched
 * with case weigh double), halved for the commonest words. A set scores
 * as its weakest literal, less a little per alternative. */

static const char *const common_words[] = {
    "a",     "an",  "and",  "are",  "as",   "at",     "be",   "by",  "can",  "do",
    "error", "for", "from", "has",  "have", "if",     "in",   "is",  "it",   "no",
    "not",   "of",  "on",   "or",   "our",  "please", "that", "the", "this", "to",
    "us",    "was", "we",   "will", "with", "you",    "your", NULL,
};

static int byte_weight(unsigned char c, bool cs)
{
    /* Letters a..z: common 4, middling 6, rare 10. */
    static const unsigned char letter[26] = {4, 6, 6, 6,  4, 6, 6, 4, 4,  10, 10, 6, 6,
                                             4, 4, 6, 10, 4, 4, 4, 6, 10, 6,  10, 6, 10};
    if (c == ' ') return 2;
    if (c >= 0x80) return 4;
    if (is_lower((char)c)) return letter[c - 'a'];
    if (is_upper((char)c)) return (cs ? 2 : 1) * letter[c - 'A'];
    return 8; /* digits and punctuation */
}

static int lit_score(const lit *l)
{
    int s = 0;
    for (size_t i = 0; i < l->len; i++)
        s += byte_weight((unsigned char)l->s[i], (l->cs >> i) & 1);
    size_t b = 0, e = l->len;
    while (b < e && l->s[b] == ' ')
        b++;
    while (e > b && l->s[e - 1] == ' ')
        e--;
    /* Binary search of the sorted list. Literals are lower case unless
     * matched with case, and then rarer anyway: a plain compare is enough. */
    size_t lo = 0, hi = sizeof(common_words) / sizeof(common_words[0]) - 1;
    while (e - b <= 6 && lo < hi) {
        size_t mid = (lo + hi) / 2, wl = strlen(common_words[mid]);
        int c = strncmp(common_words[mid], l->s + b, wl < e - b ? wl : e - b);
        if (c == 0) c = wl < e - b ? -1 : wl > e - b;
        if (c == 0) return s / 2;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return s;
}

static int set_score(const lset *l)
{
    int m = 1 << 30;
    for (size_t i = 0; i < l->n; i++) {
        int s = lit_score(&l->v[i]);
        if (s < m) m = s;
    }
    int bits = 0;
    for (size_t n = l->n; n > 1; n >>= 1)
        bits++;
    return m - bits;
}

/* ---- Conditions ---- */

cond tl_cond_of(parser *ps, term t)
{
    cond c = {tl_pf_alloc(ps, sizeof(term)), 1};
    if (!c.t) return (cond){NULL, 0};
    c.t[0] = t;
    return c;
}

cond tl_cond_true(parser *ps)
{
    if (!ps->true_term && (ps->true_term = tl_pf_alloc(ps, sizeof(term))) != NULL)
        ps->true_term[0] = TRUE_TERM;
    return (cond){ps->true_term, ps->true_term ? 1 : 0};
}

static bool term_true(const term *t)
{
    return t->nf == 0 && t->up < 2 && !t->lu;
}

bool tl_cond_is_true(const cond *c)
{
    if (c->n == 0) return true; /* out of memory on the way */
    for (size_t i = 0; i < c->n; i++)
        if (term_true(&c->t[i])) return true;
    return false;
}

bool tl_lset_eq(const lset *x, const lset *y)
{
    if (x == y) return true;
    if (x->n != y->n) return false;
    for (size_t i = 0; i < x->n; i++)
        if (!lit_eq(&x->v[i], &y->v[i])) return false;
    return true;
}

/* The factors of a and b, strongest first, at most CAP_FACTORS. */
static term term_and(parser *ps, const term *a, const term *b)
{
    term t = {tl_pf_alloc(ps, (a->nf + b->nf) * sizeof(lset *)), 0, a->up > b->up ? a->up : b->up,
              a->lu || b->lu};
    if (!t.f) return TRUE_TERM;
    const term *src[2] = {a, b};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < src[k]->nf; i++) {
            const lset *f = src[k]->f[i];
            bool dup = false;
            for (size_t j = 0; j < t.nf && !dup; j++)
                dup = tl_lset_eq(t.f[j], f);
            if (dup) continue;
            size_t j = t.nf++;
            while (j > 0 && t.f[j - 1]->score < f->score) {
                t.f[j] = t.f[j - 1];
                j--;
            }
            t.f[j] = f;
        }
    if (t.nf > CAP_FACTORS) t.nf = CAP_FACTORS;
    return t;
}

/* One term that every term of c implies: the union of each term's
 * strongest literal set, the weakest features. */
static term collapse(parser *ps, const cond *c)
{
    term t = {NULL, 0, MAX_UP, true};
    lset u = {NULL, 0, 0};
    bool have = true;
    size_t total = 0;
    for (size_t i = 0; i < c->n; i++) {
        const term *x = &c->t[i];
        if (x->up < t.up) t.up = x->up;
        t.lu = t.lu && x->lu;
        if (x->nf == 0)
            have = false;
        else
            total += x->f[0]->n;
    }
    if (total > CAP_UNION) have = false;
    if (have) {
        u.v = tl_pf_alloc(ps, total * sizeof(lit));
        for (size_t i = 0; u.v && i < c->n; i++) {
            memcpy(u.v + u.n, c->t[i].f[0]->v, c->t[i].f[0]->n * sizeof(lit));
            u.n += c->t[i].f[0]->n;
        }
        tl_lset_canon(&u);
    }
    if (t.up < 2) t.up = 0;
    if (have && u.n && !ps->nomem) {
        lset *f = tl_pf_alloc(ps, sizeof(lset));
        if (f) {
            bool with_case = false, without = false;
            for (size_t i = 0; i < u.n; i++) {
                with_case = with_case || u.v[i].cs;
                without = without || !u.v[i].cs;
            }
            if (with_case && without) u = tl_lset_lower(ps, &u); /* one pass decides a set */
            *f = u;
            f->score = set_score(f);
            if (f->score >= MIN_SCORE) {
                t.f = tl_pf_alloc(ps, sizeof(lset *));
                if (t.f) {
                    t.f[0] = f;
                    t.nf = 1;
                }
            }
        }
    }
    return t;
}

/* Whether every text that satisfies x satisfies y (y needs a subset). */
static bool term_implies(const term *x, const term *y)
{
    if (y->up > x->up || (y->lu && !x->lu)) return false;
    for (size_t i = 0; i < y->nf; i++) {
        bool in = false;
        for (size_t j = 0; j < x->nf && !in; j++)
            in = tl_lset_eq(x->f[j], y->f[i]);
        if (!in) return false;
    }
    return true;
}

/* Add t to the OR of c's terms, keeping only the weakest of terms that
 * imply one another. */
static void or_add(cond *c, const term *t)
{
    for (size_t i = 0; i < c->n; i++)
        if (term_implies(t, &c->t[i])) return;
    size_t w = 0;
    for (size_t i = 0; i < c->n; i++)
        if (!term_implies(&c->t[i], t)) c->t[w++] = c->t[i];
    c->t[w++] = *t;
    c->n = w;
}

/* The OR of n conditions, made at once (many alternatives are collapsed
 * in one step, not one by one). */
cond tl_cond_or_many(parser *ps, const cond *cs, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (tl_cond_is_true(&cs[i])) return tl_cond_true(ps);
        total += cs[i].n;
    }
    cond c = {tl_pf_alloc(ps, total * sizeof(term)), 0};
    if (!c.t) return tl_cond_true(ps);
    if (total <= 4 * CAP_TERMS) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < cs[i].n; j++)
                or_add(&c, &cs[i].t[j]);
    } else {
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < cs[i].n; j++)
                c.t[c.n++] = cs[i].t[j];
    }
    if (c.n > CAP_TERMS) c = tl_cond_of(ps, collapse(ps, &c));
    return c;
}

cond tl_cond_and(parser *ps, cond a, cond b)
{
    if (tl_cond_is_true(&a)) return b;
    if (tl_cond_is_true(&b)) return a;
    while (a.n * b.n > CAP_TERMS) {
        cond *big = a.n >= b.n ? &a : &b;
        *big = tl_cond_of(ps, collapse(ps, big));
        if (ps->nomem) return tl_cond_true(ps);
    }
    cond c = {tl_pf_alloc(ps, a.n * b.n * sizeof(term)), 0};
    if (!c.t) return tl_cond_true(ps);
    for (size_t i = 0; i < a.n; i++)
        for (size_t j = 0; j < b.n; j++) {
            term t = term_and(ps, &a.t[i], &b.t[j]);
            or_add(&c, &t);
        }
    return c;
}

/* Literals in their final form: a literal whose letters all match with
 * case keeps them; any other is lower-cased (matching it without case
 * finds a superset). */
static lit lit_final(parser *ps, const lit *x)
{
    uint64_t letters = 0;
    for (size_t i = 0; i < x->len; i++)
        if (is_alnum(x->s[i]) && !is_digit(x->s[i])) letters |= (uint64_t)1 << i;
    if (letters && (letters & ~x->cs) == 0) return (lit){x->s, x->len, letters};
    if (!x->cs) return (lit){x->s, x->len, 0};
    char *s = tl_pf_alloc(ps, x->len);
    if (!s) return *x;
    for (size_t i = 0; i < x->len; i++)
        s[i] = lower(x->s[i]);
    return (lit){s, x->len, 0};
}

/* Longest run of capitals matched with case that every literal has. */
static unsigned set_upper(const lset *l)
{
    unsigned m = MAX_UP;
    for (size_t i = 0; i < l->n; i++) {
        unsigned best = 0, run = 0;
        for (size_t k = 0; k < l->v[i].len; k++) {
            if (is_upper(l->v[i].s[k]) && ((l->v[i].cs >> k) & 1)) {
                if (++run > best) best = run;
            } else {
                run = 0;
            }
        }
        if (best < m) m = best;
    }
    return m;
}

/* l with every literal matched without case (a superset). */
lset tl_lset_lower(parser *ps, const lset *l)
{
    lset o = {tl_pf_alloc(ps, (l->n ? l->n : 1) * sizeof(lit)), 0, 0};
    if (!o.v) return *l;
    for (size_t i = 0; i < l->n; i++) {
        lit x = l->v[i];
        if (x.cs) {
            char *t = tl_pf_alloc(ps, x.len ? x.len : 1);
            if (!t) return *l;
            for (size_t k = 0; k < x.len; k++)
                t[k] = lower(x.s[k]);
            x = (lit){t, x.len, 0};
        }
        o.v[o.n++] = x;
    }
    tl_lset_canon(&o);
    o.score = set_score(&o);
    return o;
}

/* Any part of a literal is required too: keep at most SCAN_LIT bytes, the
 * first ones after leading white space (spaces are the commonest byte), so
 * the automata stay small. Cuts at a UTF-8 boundary. */
static void shorten(lset *f)
{
    for (size_t i = 0; i < f->n; i++) {
        lit *x = &f->v[i];
        size_t b = 0, e = x->len;
        if (e <= SCAN_LIT) continue;
        while (e - b > SCAN_LIT && x->s[b] == ' ')
            b++;
        if (e - b > SCAN_LIT) {
            e = b + SCAN_LIT;
            while (e > b + 1 && ((unsigned char)x->s[e] & 0xC0) == 0x80)
                e--;
        }
        x->cs = (x->cs >> b) & (e - b < 64 ? (((uint64_t)1 << (e - b)) - 1) : ~(uint64_t)0);
        x->s += b;
        x->len = e - b;
    }
    tl_lset_canon(f);
}

/* "Every match contains one of the strings of l" as a condition. */
cond tl_cond_of_set(parser *ps, const lset *l)
{
    if (l->n == 0 || lset_has_empty(l)) return tl_cond_true(ps);
    /* A set too weak to keep (its best possible score is low) still tells
     * its capitals, if any. */
    int best = 1 << 30;
    bool any_cs = false;
    for (size_t i = 0; i < l->n && best >= MIN_SCORE; i++) {
        int sc = 0;
        for (size_t k = 0; k < l->v[i].len; k++)
            sc += byte_weight((unsigned char)l->v[i].s[k], true);
        if (sc < best) best = sc;
    }
    for (size_t i = 0; i < l->n; i++)
        any_cs = any_cs || l->v[i].cs;
    if (best < MIN_SCORE && !any_cs) return tl_cond_true(ps);
    lset *f = tl_pf_alloc(ps, sizeof(lset));
    if (!f) return tl_cond_true(ps);
    f->v = tl_pf_alloc(ps, l->n * sizeof(lit));
    if (!f->v) return tl_cond_true(ps);
    f->n = 0;
    bool with_case = false, without = false;
    for (size_t i = 0; i < l->n; i++) {
        lit x = lit_final(ps, &l->v[i]);
        with_case = with_case || x.cs;
        without = without || !x.cs;
        f->v[f->n++] = x;
    }
    if (with_case && without) *f = tl_lset_lower(ps, f); /* one pass decides a set */
    term t = TRUE_TERM;
    t.up = set_upper(f);
    if (t.up < 2) t.up = 0;
    shorten(f);
    f->score = set_score(f);
    if (f->score >= MIN_SCORE) {
        t.f = tl_pf_alloc(ps, sizeof(lset *));
        if (!t.f) return tl_cond_true(ps);
        t.f[0] = f;
        t.nf = 1;
    }
    return tl_cond_of(ps, t);
}
