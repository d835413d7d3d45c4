/* prefilter.c - what every match of a pattern needs, and the passes that test it.
 *
 * Owns the conservative pattern parser (PCRE2 syntax in, a condition out:
 * an OR of terms, each an AND of literal sets and ASCII case features) and
 * the byte automata over the literals of every rule. It never decides that
 * a pattern matches, only that it cannot. */
#include "prefilter.h"
#include "../core/utf8.h"

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

bool tl_prefilter_caseless_punct(uint32_t cp)
{
    /* General Punctuation without its spaces and format characters:
     * dashes, quotes, bullets, ellipsis, primes. None has another case. */
    return (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E);
}

/* ---- Literals and conditions ----
 *
 * A literal is a byte string the text must contain. White space of any
 * kind is written ' ' (the scan reads every \s character as a space).
 * Letters matched without case are stored in lower case; bit k of `cs`
 * says byte k is a letter that must match with its case. A literal set
 * (lset) is an OR of literals. A term is an AND of literal sets and of
 * two features: `up`, a run of at least that many ASCII capitals, and
 * `lu`, an ASCII small letter right before a capital. A condition (cond)
 * is an OR of terms; a term with nothing in it is "true". */

#define MAX_LIT 64    /* bytes in a literal (cs is a 64-bit mask) */
#define CAP_EXACT 64  /* strings in an exact set made by a product */
#define CAP_ALT 256   /* strings in an exact set made by an alternation */
#define CAP_CLASS 32  /* members of a class turned into strings */
#define CAP_UNION 256 /* literals in a set made by merging terms */
#define CAP_TERMS 8   /* terms in a condition */
#define CAP_FACTORS 4 /* literal sets kept in a term */
#define MAX_UP 7      /* longest capital run worth testing */
#define MAX_DEPTH 100
#define MIN_SCORE 6 /* a set scoring less says too little to keep */
#define SCAN_LIT 8  /* bytes of a literal the scan looks for */

typedef struct lit {
    const char *s;
    size_t len;
    uint64_t cs;
} lit;

typedef struct lset {
    lit *v;
    size_t n;
    int score; /* for sets used as factors */
} lset;

typedef struct term {
    const lset **f;
    size_t nf;
    unsigned up;
    bool lu;
} term;

typedef struct cond {
    term *t;
    size_t n;
} cond;

enum { K_NONE, K_LOWER, K_UPPER };

/* What the parser knows about a piece of pattern. */
typedef struct info {
    bool exact_ok; /* every match is one of exact's strings */
    lset exact;
    cond req;          /* beyond exact: what every match needs */
    int kfirst, klast; /* case kind of a match's first and last character */
    bool upper1;       /* every match is one ASCII capital, matched with case */
    bool zero;         /* matches only the empty string (an assertion) */
    /* A run of literal characters: its length when all are capitals
     * matched with case, else its leading and trailing capitals and its
     * longest run of them. */
    unsigned up_all, up_pre, up_suf, up_in;
} info;

typedef struct parser {
    const char *p;
    bool fail; /* unknown syntax: give up */
    bool nomem;
    bool caseless;
    tl_arena *a;
    int depth;
    /* Made once: conditions and sets are never changed in place. */
    term *true_term;
    lit *empty;
} parser;

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_alnum(char c)
{
    return is_digit(c) || is_lower(c) || is_upper(c);
}

static char lower(char c)
{
    return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

static void *alloc(parser *ps, size_t size)
{
    void *p = tl_arena_alloc(ps->a, size ? size : 1);
    if (!p) ps->nomem = true;
    return p;
}

static const lit EMPTY_LIT = {"", 0, 0};

/* Every ASCII byte, for one-character literals without an allocation. */
static const char ASCII[128] = {
    0,   1,    2,   3,   4,   5,   6,   7,   8,   9,   10,  11,  12,  13,  14,  15,  16,   17,  18,
    19,  20,   21,  22,  23,  24,  25,  26,  27,  28,  29,  30,  31,  ' ', '!', '"', '#',  '$', '%',
    '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/', '0', '1', '2', '3', '4', '5', '6',  '7', '8',
    '9', ':',  ';', '<', '=', '>', '?', '@', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I',  'J', 'K',
    'L', 'M',  'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', '[', '\\', ']', '^',
    '_', '`',  'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',  'p', 'q',
    'r', 's',  't', 'u', 'v', 'w', 'x', 'y', 'z', '{', '|', '}', '~', 127,
};

static lset lset_empty_string(parser *ps)
{
    if (!ps->empty && (ps->empty = alloc(ps, sizeof(lit))) != NULL) ps->empty[0] = EMPTY_LIT;
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
static void lset_canon(lset *l)
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
static bool lset_product(parser *ps, lset *out, const lset *a, const lset *b)
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
    lset l = {alloc(ps, a->n * b->n * sizeof(lit)), 0, 0};
    char *s = alloc(ps, total);
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
static bool lset_union(parser *ps, lset *out, const lset *a, const lset *b, size_t capn)
{
    if (a->n + b->n > capn) return false;
    lset l = {alloc(ps, (a->n + b->n) * sizeof(lit)), a->n + b->n, 0};
    if (!l.v) return false;
    if (a->n) memcpy(l.v, a->v, a->n * sizeof(lit));
    if (b->n) memcpy(l.v + a->n, b->v, b->n * sizeof(lit));
    *out = l;
    return true;
}

/* a repeated n times. */
static bool lset_power(parser *ps, lset *out, const lset *a, unsigned long n)
{
    if (n == 1) {
        *out = *a;
        return true;
    }
    lset acc = lset_empty_string(ps);
    if (ps->nomem) return false;
    for (unsigned long i = 0; i < n; i++) {
        lset next;
        if (!lset_product(ps, &next, &acc, a)) return false;
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

static const term TRUE_TERM = {NULL, 0, 0, false};

static cond cond_of(parser *ps, term t)
{
    cond c = {alloc(ps, sizeof(term)), 1};
    if (!c.t) return (cond){NULL, 0};
    c.t[0] = t;
    return c;
}

static cond cond_true(parser *ps)
{
    if (!ps->true_term && (ps->true_term = alloc(ps, sizeof(term))) != NULL)
        ps->true_term[0] = TRUE_TERM;
    return (cond){ps->true_term, ps->true_term ? 1 : 0};
}

static bool term_true(const term *t)
{
    return t->nf == 0 && t->up < 2 && !t->lu;
}

static bool cond_is_true(const cond *c)
{
    if (c->n == 0) return true; /* out of memory on the way */
    for (size_t i = 0; i < c->n; i++)
        if (term_true(&c->t[i])) return true;
    return false;
}

static bool lset_eq(const lset *x, const lset *y)
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
    term t = {alloc(ps, (a->nf + b->nf) * sizeof(lset *)), 0, a->up > b->up ? a->up : b->up,
              a->lu || b->lu};
    if (!t.f) return TRUE_TERM;
    const term *src[2] = {a, b};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < src[k]->nf; i++) {
            const lset *f = src[k]->f[i];
            bool dup = false;
            for (size_t j = 0; j < t.nf && !dup; j++)
                dup = lset_eq(t.f[j], f);
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

static lset lset_lower(parser *ps, const lset *l);

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
        u.v = alloc(ps, total * sizeof(lit));
        for (size_t i = 0; u.v && i < c->n; i++) {
            memcpy(u.v + u.n, c->t[i].f[0]->v, c->t[i].f[0]->n * sizeof(lit));
            u.n += c->t[i].f[0]->n;
        }
        lset_canon(&u);
    }
    if (t.up < 2) t.up = 0;
    if (have && u.n && !ps->nomem) {
        lset *f = alloc(ps, sizeof(lset));
        if (f) {
            bool with_case = false, without = false;
            for (size_t i = 0; i < u.n; i++) {
                with_case = with_case || u.v[i].cs;
                without = without || !u.v[i].cs;
            }
            if (with_case && without) u = lset_lower(ps, &u); /* one pass decides a set */
            *f = u;
            f->score = set_score(f);
            if (f->score >= MIN_SCORE) {
                t.f = alloc(ps, sizeof(lset *));
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
            in = lset_eq(x->f[j], y->f[i]);
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
static cond cond_or_many(parser *ps, const cond *cs, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (cond_is_true(&cs[i])) return cond_true(ps);
        total += cs[i].n;
    }
    cond c = {alloc(ps, total * sizeof(term)), 0};
    if (!c.t) return cond_true(ps);
    if (total <= 4 * CAP_TERMS) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < cs[i].n; j++)
                or_add(&c, &cs[i].t[j]);
    } else {
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < cs[i].n; j++)
                c.t[c.n++] = cs[i].t[j];
    }
    if (c.n > CAP_TERMS) c = cond_of(ps, collapse(ps, &c));
    return c;
}

static cond cond_and(parser *ps, cond a, cond b)
{
    if (cond_is_true(&a)) return b;
    if (cond_is_true(&b)) return a;
    while (a.n * b.n > CAP_TERMS) {
        cond *big = a.n >= b.n ? &a : &b;
        *big = cond_of(ps, collapse(ps, big));
        if (ps->nomem) return cond_true(ps);
    }
    cond c = {alloc(ps, a.n * b.n * sizeof(term)), 0};
    if (!c.t) return cond_true(ps);
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
    char *s = alloc(ps, x->len);
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
static lset lset_lower(parser *ps, const lset *l)
{
    lset o = {alloc(ps, (l->n ? l->n : 1) * sizeof(lit)), 0, 0};
    if (!o.v) return *l;
    for (size_t i = 0; i < l->n; i++) {
        lit x = l->v[i];
        if (x.cs) {
            char *t = alloc(ps, x.len ? x.len : 1);
            if (!t) return *l;
            for (size_t k = 0; k < x.len; k++)
                t[k] = lower(x.s[k]);
            x = (lit){t, x.len, 0};
        }
        o.v[o.n++] = x;
    }
    lset_canon(&o);
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
    lset_canon(f);
}

/* "Every match contains one of the strings of l" as a condition. */
static cond cond_of_set(parser *ps, const lset *l)
{
    if (l->n == 0 || lset_has_empty(l)) return cond_true(ps);
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
    if (best < MIN_SCORE && !any_cs) return cond_true(ps);
    lset *f = alloc(ps, sizeof(lset));
    if (!f) return cond_true(ps);
    f->v = alloc(ps, l->n * sizeof(lit));
    if (!f->v) return cond_true(ps);
    f->n = 0;
    bool with_case = false, without = false;
    for (size_t i = 0; i < l->n; i++) {
        lit x = lit_final(ps, &l->v[i]);
        with_case = with_case || x.cs;
        without = without || !x.cs;
        f->v[f->n++] = x;
    }
    if (with_case && without) *f = lset_lower(ps, f); /* one pass decides a set */
    term t = TRUE_TERM;
    t.up = set_upper(f);
    if (t.up < 2) t.up = 0;
    shorten(f);
    f->score = set_score(f);
    if (f->score >= MIN_SCORE) {
        t.f = alloc(ps, sizeof(lset *));
        if (!t.f) return cond_true(ps);
        t.f[0] = f;
        t.nf = 1;
    }
    return cond_of(ps, t);
}

static cond info_req(parser *ps, const info *x)
{
    if (!x->exact_ok) return x->req;
    return cond_and(ps, x->req, cond_of_set(ps, &x->exact));
}

/* ---- The parser ----
 *
 * The parser understands sequences, alternation, groups of every PCRE2
 * kind it can skip safely, option settings (i, and giving up on x),
 * classes, escapes and quantifiers; on anything else (\Q..\E, (*VERB),
 * conditionals, recursion, a brace that is not a quantifier) it gives up
 * and the pattern always runs. Assertions match the empty string but
 * what a positive lookaround needs is still in the text. */

static info info_other(parser *ps)
{
    info x;
    memset(&x, 0, sizeof(x));
    x.req = cond_true(ps);
    return x;
}

static info info_zero(parser *ps)
{
    info x = info_other(ps);
    x.exact_ok = true;
    x.exact = lset_empty_string(ps);
    x.zero = true;
    return x;
}

/* One character as an exact set. c is ASCII; a letter matched with case
 * when the parser is not caseless. */
static info info_char(parser *ps, char c)
{
    info x = info_other(ps);
    if ((unsigned char)c <= ' ' && (unsigned char)c >= '\t' && (c == ' ' || c <= '\r')) c = ' ';
    bool letter = is_lower(c) || is_upper(c);
    bool cs = letter && !ps->caseless;
    x.exact.v = alloc(ps, sizeof(lit));
    if (!x.exact.v) return x;
    x.exact.v[0] = (lit){&ASCII[(unsigned char)(cs ? c : lower(c))], 1, cs ? 1u : 0u};
    x.exact.n = 1;
    x.exact_ok = true;
    if (cs) {
        x.kfirst = x.klast = is_upper(c) ? K_UPPER : K_LOWER;
        x.upper1 = is_upper(c);
    }
    return x;
}

/* Decode one UTF-8 character at ps->p and step over it; 0 if invalid. */
static uint32_t utf8_next(parser *ps)
{
    const unsigned char *s = (const unsigned char *)ps->p;
    uint32_t cp;
    size_t n;
    if (s[0] < 0x80)
        cp = s[0], n = 1;
    else if ((s[0] & 0xE0) == 0xC0)
        cp = s[0] & 0x1Fu, n = 2;
    else if ((s[0] & 0xF0) == 0xE0)
        cp = s[0] & 0x0Fu, n = 3;
    else if ((s[0] & 0xF8) == 0xF0)
        cp = s[0] & 0x07u, n = 4;
    else {
        ps->p++;
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            ps->p += i;
            return 0;
        }
        cp = cp << 6 | (s[i] & 0x3Fu);
    }
    ps->p += n;
    return cp;
}

/* A code point as an atom: exact when the scan can see it as written. */
static info info_cp(parser *ps, uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F) return info_char(ps, (char)cp);
    if (cp >= '\t' && cp <= '\r') return info_char(ps, ' ');
    if (!tl_prefilter_caseless_punct(cp)) return info_other(ps);
    info x = info_other(ps);
    char *s = alloc(ps, 4);
    x.exact.v = alloc(ps, sizeof(lit));
    if (!s || !x.exact.v) return x;
    x.exact.v[0] = (lit){s, tl_utf8_encode(s, cp), 0};
    x.exact.n = 1;
    x.exact_ok = true;
    return x;
}

/* Skip to just past `close`; fail when the pattern ends first. */
static void skip_past(parser *ps, char close)
{
    const char *e = strchr(ps->p, close);
    if (!e) {
        ps->fail = true;
        return;
    }
    ps->p = e + 1;
}

static int hex_value(char c)
{
    if (is_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* \x: ps->p just past the 'x'. Returns the code point, or UINT32_MAX. */
static uint32_t parse_hex(parser *ps)
{
    uint32_t cp = 0;
    if (*ps->p == '{') {
        ps->p++;
        int digits = 0;
        while (hex_value(*ps->p) >= 0) {
            cp = cp * 16 + (uint32_t)hex_value(*ps->p++);
            if (++digits > 8) {
                ps->fail = true;
                return UINT32_MAX;
            }
        }
        if (*ps->p != '}' || digits == 0) {
            ps->fail = true;
            return UINT32_MAX;
        }
        ps->p++;
        return cp;
    }
    for (int i = 0; i < 2 && hex_value(*ps->p) >= 0; i++)
        cp = cp * 16 + (uint32_t)hex_value(*ps->p++);
    return cp;
}

/* An escape outside a class; ps->p is at the backslash. */
static info parse_escape(parser *ps)
{
    char e = ps->p[1];
    if (e == '\0') {
        ps->fail = true;
        return info_other(ps);
    }
    if ((unsigned char)e >= 0x80) { /* an escaped non-ASCII character */
        ps->p++;
        uint32_t cp = utf8_next(ps);
        return cp ? info_cp(ps, cp) : info_other(ps);
    }
    ps->p += 2;
    if (!is_alnum(e)) {
        if ((unsigned char)e < 0x20 || e == 0x7f) return info_other(ps);
        return info_char(ps, e);
    }
    switch (e) {
    case 'b':
    case 'B':
    case 'A':
    case 'z':
    case 'Z':
    case 'G':
    case 'K':
    case 'E':
        return info_zero(ps);
    case 's':
    case 't':
    case 'n':
    case 'r':
    case 'f':
        return info_char(ps, ' ');
    case 'd':
    case 'D':
    case 'S':
    case 'w':
    case 'W':
    case 'h':
    case 'H':
    case 'v':
    case 'V':
    case 'R':
    case 'X':
    case 'C':
    case 'e':
    case 'a':
        return info_other(ps);
    case 'N':
        if (*ps->p == '{') ps->fail = true;
        return info_other(ps);
    case 'p':
    case 'P':
        if (*ps->p == '{')
            skip_past(ps, '}');
        else if (*ps->p)
            ps->p++;
        else
            ps->fail = true;
        return info_other(ps);
    case 'x': {
        uint32_t cp = parse_hex(ps);
        return ps->fail ? info_other(ps) : info_cp(ps, cp);
    }
    case 'o':
        if (*ps->p == '{')
            skip_past(ps, '}');
        else
            ps->fail = true;
        return info_other(ps);
    case 'c':
        if (*ps->p)
            ps->p++;
        else
            ps->fail = true;
        return info_other(ps);
    case 'g':
    case 'k':
        if (*ps->p == '{')
            skip_past(ps, '}');
        else if (*ps->p == '<')
            skip_past(ps, '>');
        else if (*ps->p == '\'') {
            ps->p++;
            skip_past(ps, '\'');
        } else {
            if (*ps->p == '+' || *ps->p == '-') ps->p++;
            while (is_digit(*ps->p))
                ps->p++;
        }
        return info_other(ps);
    default:
        if (is_digit(e)) { /* back reference or octal */
            while (is_digit(*ps->p))
                ps->p++;
            return info_other(ps);
        }
        ps->fail = true; /* \Q and anything unknown */
        return info_other(ps);
    }
}

/* Class members, as far as the parser can list them. */
typedef struct members {
    bool ascii[128];
    uint32_t other[8]; /* caseless punctuation */
    size_t nother;
    bool unlisted; /* something not listed: \w, a property, a letter with other cases... */
} members;

static void add_cp(members *m, uint32_t cp)
{
    if (cp >= '\t' && cp <= '\r') cp = ' ';
    if (cp >= 0x20 && cp < 0x7F) {
        m->ascii[cp] = true;
        return;
    }
    if (!tl_prefilter_caseless_punct(cp) || m->nother == 8) {
        m->unlisted = true;
        return;
    }
    for (size_t i = 0; i < m->nother; i++)
        if (m->other[i] == cp) return;
    m->other[m->nother++] = cp;
}

/* One class item (not a range end): a code point, or UINT32_MAX for a set
 * (\d, [:alpha:]...) that was recorded as unlisted. */
static uint32_t class_item(parser *ps, members *m)
{
    const char *p = ps->p;
    if (*p == '\\') {
        char e = p[1];
        if (e == '\0' || e == 'Q' || e == 'E') {
            ps->fail = true;
            return UINT32_MAX;
        }
        if ((unsigned char)e >= 0x80) {
            ps->p++;
            uint32_t cp = utf8_next(ps);
            if (!cp) m->unlisted = true;
            return cp ? cp : UINT32_MAX;
        }
        ps->p += 2;
        if (!is_alnum(e)) return (unsigned char)e;
        switch (e) {
        case 's':
            add_cp(m, ' ');
            return UINT32_MAX;
        case 't':
        case 'n':
        case 'r':
        case 'f':
            return ' ';
        case 'x': {
            uint32_t cp = parse_hex(ps);
            return ps->fail ? UINT32_MAX : cp;
        }
        case 'p':
        case 'P':
            if (*ps->p == '{')
                skip_past(ps, '}');
            else if (*ps->p)
                ps->p++;
            else
                ps->fail = true;
            m->unlisted = true;
            return UINT32_MAX;
        case 'c':
            if (*ps->p)
                ps->p++;
            else
                ps->fail = true;
            m->unlisted = true;
            return UINT32_MAX;
        case 'o':
            if (*ps->p == '{')
                skip_past(ps, '}');
            else
                ps->fail = true;
            m->unlisted = true;
            return UINT32_MAX;
        case 'd':
        case 'D':
        case 'w':
        case 'W':
        case 'S':
        case 'h':
        case 'H':
        case 'v':
        case 'V':
        case 'b':
        case 'e':
        case 'a':
        case 'N':
        case 'R':
        case 'X':
            m->unlisted = true;
            return UINT32_MAX;
        default:
            if (is_digit(e)) { /* octal */
                while (is_digit(*ps->p))
                    ps->p++;
                m->unlisted = true;
                return UINT32_MAX;
            }
            ps->fail = true;
            return UINT32_MAX;
        }
    }
    if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
        if (p[1] != ':') {
            ps->fail = true;
            return UINT32_MAX;
        }
        const char *e = strstr(p + 2, ":]");
        if (!e) {
            ps->fail = true;
            return UINT32_MAX;
        }
        ps->p = e + 2;
        m->unlisted = true;
        return UINT32_MAX;
    }
    uint32_t cp = utf8_next(ps);
    if (!cp) {
        m->unlisted = true;
        return UINT32_MAX;
    }
    return cp;
}

/* A character class; ps->p is just past '['. */
static info parse_class(parser *ps)
{
    members m;
    memset(&m, 0, sizeof(m));
    bool negated = false;
    if (*ps->p == '^') {
        negated = true;
        ps->p++;
    }
    bool first = true;
    for (;;) {
        if (*ps->p == '\0') {
            ps->fail = true;
            return info_other(ps);
        }
        if (*ps->p == ']' && !first) break;
        first = false;
        uint32_t lo = class_item(ps, &m);
        if (ps->fail) return info_other(ps);
        if (*ps->p == '-' && ps->p[1] != ']' && ps->p[1] != '\0') {
            if (lo == UINT32_MAX) { /* [\d-x]: '-' is a literal */
                m.unlisted = true;
                continue;
            }
            ps->p++;
            uint32_t hi = class_item(ps, &m);
            if (ps->fail) return info_other(ps);
            if (hi == UINT32_MAX || hi < lo) {
                m.unlisted = true;
                continue;
            }
            if (hi - lo > 128) {
                m.unlisted = true;
                continue;
            }
            for (uint32_t c = lo; c <= hi; c++)
                add_cp(&m, c);
            continue;
        }
        if (lo != UINT32_MAX) add_cp(&m, lo);
    }
    ps->p++;
    info x = info_other(ps);
    if (negated) return x;
    /* Case kinds, when matched with case and made only of one kind. */
    if (!ps->caseless && !m.nother) {
        bool lo = true, up = true, any = false;
        for (int c = 0; c < 128; c++)
            if (m.ascii[c]) {
                any = true;
                lo = lo && is_lower((char)c);
                up = up && is_upper((char)c);
            }
        if (any && !m.unlisted) {
            if (lo) x.kfirst = x.klast = K_LOWER;
            if (up) {
                x.kfirst = x.klast = K_UPPER;
                x.upper1 = true;
            }
        }
    }
    if (m.unlisted) return x;
    if (ps->caseless)
        for (int c = 'A'; c <= 'Z'; c++)
            if (m.ascii[c]) {
                m.ascii[c] = false;
                m.ascii[c - 'A' + 'a'] = true;
            }
    size_t n = m.nother;
    for (int c = 0; c < 128; c++)
        n += m.ascii[c];
    if (n == 0 || n > CAP_CLASS) return x;
    lset l = {alloc(ps, n * sizeof(lit)), 0, 0};
    if (!l.v) return x;
    for (int c = 0; c < 128; c++) {
        if (!m.ascii[c]) continue;
        const char *s = &ASCII[c];
        bool cs = !ps->caseless && (is_lower((char)c) || is_upper((char)c));
        l.v[l.n++] = (lit){s, 1, cs ? 1u : 0u};
    }
    for (size_t i = 0; i < m.nother; i++) {
        char *s = alloc(ps, 4);
        if (!s) return x;
        l.v[l.n++] = (lit){s, tl_utf8_encode(s, m.other[i]), 0};
    }
    x.exact = l;
    x.exact_ok = true;
    return x;
}

static info parse_alt(parser *ps);

/* A group; ps->p is just past '('. */
static info parse_group(parser *ps)
{
    const char *p = ps->p;
    bool saved = ps->caseless;
    enum { NORMAL, POSITIVE, NEGATIVE } kind = NORMAL;
    if (*p == '*') { /* (*VERB), (*pla:...) */
        ps->fail = true;
        return info_other(ps);
    }
    if (*p == '?') {
        p++;
        if (*p == ':' || *p == '|' || *p == '>') {
            p++;
        } else if (*p == '=' || *p == '!') {
            kind = *p == '=' ? POSITIVE : NEGATIVE;
            p++;
        } else if (*p == '<' && (p[1] == '=' || p[1] == '!')) {
            kind = p[1] == '=' ? POSITIVE : NEGATIVE;
            p += 2;
        } else if (*p == '<' || *p == '\'' || (*p == 'P' && p[1] == '<')) {
            if (*p == 'P') p++;
            const char *e = strchr(p + 1, *p == '\'' ? '\'' : '>');
            if (!e) {
                ps->fail = true;
                return info_other(ps);
            }
            p = e + 1;
        } else if (*p == '#') {
            ps->p = p;
            skip_past(ps, ')');
            return info_zero(ps);
        } else if ((*p && strchr("imnsxJU-", *p)) || *p == '^') {
            /* Option letters: caseless is followed; extended mode changes
             * what a literal is, so it gives up. */
            bool on = true, cl = ps->caseless;
            if (*p == '^') {
                cl = false;
                p++;
            }
            while (*p && strchr("imnsxJU-", *p)) {
                if (*p == 'x') {
                    ps->fail = true;
                    return info_other(ps);
                }
                if (*p == '-') on = false;
                if (*p == 'i') cl = on;
                p++;
            }
            if (*p == ')') { /* (?i): applies to the rest of the enclosing group */
                ps->p = p + 1;
                ps->caseless = cl;
                return info_zero(ps);
            }
            if (*p != ':') {
                ps->fail = true;
                return info_other(ps);
            }
            ps->caseless = cl;
            p++;
        } else {
            ps->fail = true; /* conditionals, recursion, callouts */
            return info_other(ps);
        }
    }
    ps->p = p;
    if (++ps->depth > MAX_DEPTH) {
        ps->fail = true;
        return info_other(ps);
    }
    info inner = parse_alt(ps);
    ps->depth--;
    ps->caseless = saved;
    if (ps->fail) return info_other(ps);
    if (*ps->p != ')') {
        ps->fail = true;
        return info_other(ps);
    }
    ps->p++;
    if (kind == NORMAL) return inner;
    info x = info_zero(ps);
    if (kind == POSITIVE) x.req = info_req(ps, &inner);
    return x;
}

/* A quantifier after an atom: sets *min and *max (ULONG_MAX: no limit) and
 * returns true, or returns false when there is none. A '{' that is not a
 * strict quantifier gives up (PCRE2 versions differ on what it means). */
static bool quantifier(parser *ps, unsigned long *min, unsigned long *max)
{
    const char *p = ps->p;
    if (*p == '?') {
        *min = 0, *max = 1;
        p++;
    } else if (*p == '*') {
        *min = 0, *max = (unsigned long)-1;
        p++;
    } else if (*p == '+') {
        *min = 1, *max = (unsigned long)-1;
        p++;
    } else if (*p == '{') {
        p++;
        if (!is_digit(*p)) {
            ps->fail = true;
            return false;
        }
        char *end;
        *min = strtoul(p, &end, 10);
        *max = *min;
        p = end;
        if (*p == ',') {
            p++;
            if (is_digit(*p)) {
                *max = strtoul(p, &end, 10);
                p = end;
            } else {
                *max = (unsigned long)-1;
            }
        }
        if (*p != '}' || *max < *min) {
            ps->fail = true;
            return false;
        }
        p++;
    } else {
        return false;
    }
    if (*p == '?' || *p == '+') p++; /* lazy, possessive */
    ps->p = p;
    return true;
}

static info parse_atom(parser *ps)
{
    char c = *ps->p;
    if (c == '\\') return parse_escape(ps);
    if (c == '(') {
        ps->p++;
        return parse_group(ps);
    }
    if (c == '[') {
        ps->p++;
        return parse_class(ps);
    }
    if (c == '^' || c == '$') {
        ps->p++;
        return info_zero(ps);
    }
    if (c == '.') {
        ps->p++;
        return info_other(ps);
    }
    if (c == '*' || c == '+' || c == '?' || c == '{') {
        ps->fail = true; /* a quantifier with nothing before it */
        return info_other(ps);
    }
    if ((unsigned char)c >= 0x80) {
        uint32_t cp = utf8_next(ps);
        return cp ? info_cp(ps, cp) : info_other(ps);
    }
    ps->p++;
    if ((unsigned char)c < 0x20 || c == 0x7f) return info_cp(ps, (unsigned char)c);
    return info_char(ps, c);
}

static bool plain(char c)
{
    switch (c) {
    case '\\':
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case '.':
    case '^':
    case '$':
    case '|':
    case '*':
    case '+':
    case '?':
        return false;
    default:
        return (unsigned char)c >= 0x20 && (unsigned char)c < 0x7F;
    }
}

static bool quantifier_at(const char *p)
{
    return *p == '*' || *p == '+' || *p == '?' || *p == '{';
}

/* Two or more plain characters with no quantifier on the last: one atom,
 * one string (the common case, made without a product per character). */
static bool literal_run(parser *ps, info *x)
{
    const char *p = ps->p;
    size_t n = 0;
    while (plain(p[n]) && n < MAX_LIT && !quantifier_at(p + n + 1))
        n++;
    if (n < 2) return false;
    *x = info_other(ps);
    char *s = alloc(ps, n);
    x->exact.v = alloc(ps, sizeof(lit));
    if (!s || !x->exact.v) return true;
    uint64_t cs = 0;
    unsigned run = 0;
    bool lead = true;
    for (size_t i = 0; i < n; i++) {
        char c = p[i] == ' ' ? ' ' : p[i];
        bool letter = is_lower(c) || is_upper(c);
        if (letter && !ps->caseless) cs |= (uint64_t)1 << i;
        s[i] = letter && ps->caseless ? lower(c) : c;
        if (letter && !ps->caseless && is_upper(c)) {
            if (++run > x->up_in) x->up_in = run;
            if (lead) x->up_pre = run;
        } else {
            run = 0;
            lead = false;
        }
    }
    x->up_suf = run;
    if (x->up_pre == n) x->up_all = (unsigned)n;
    if (!ps->caseless) {
        int kinds[2] = {K_NONE, K_NONE};
        char ends[2] = {p[0], p[n - 1]};
        for (int k = 0; k < 2; k++)
            kinds[k] = is_upper(ends[k]) ? K_UPPER : is_lower(ends[k]) ? K_LOWER : K_NONE;
        x->kfirst = kinds[0];
        x->klast = kinds[1];
    }
    x->exact.v[0] = (lit){s, n, cs};
    x->exact.n = 1;
    x->exact_ok = true;
    ps->p = p + n;
    return true;
}

/* A sequence: exact strings are multiplied out into runs while they stay
 * small; a run ends at anything of unknown content and becomes a literal
 * set every match needs. Assertions do not end a run: they match nothing,
 * so what is on both sides is adjacent. */
static info parse_seq(parser *ps)
{
    lset run = lset_empty_string(ps);
    bool all_exact = true, consumed = false, first_seen = false;
    cond req = cond_true(ps);
    int kfirst = K_NONE, prev = K_NONE;
    unsigned up_cur = 0, up_best = 0, natoms = 0;
    bool lu = false, single_upper = false;
#define FLUSH(set)                                                                                 \
    do {                                                                                           \
        lset fl_ = (set);                                                                          \
        req = cond_and(ps, req, cond_of_set(ps, &fl_));                                            \
    } while (0)
    while (!ps->fail && !ps->nomem) {
        char c = *ps->p;
        if (c == '\0' || c == '|' || c == ')') break;
        info a;
        if (!literal_run(ps, &a)) a = parse_atom(ps);
        if (ps->fail || ps->nomem) break;
        unsigned long qmin = 1, qmax = 1;
        quantifier(ps, &qmin, &qmax);
        if (ps->fail) break;
        /* min and max may be rewritten below for the exact strings (x? is
         * "x or nothing", once); what the atom requires of the text, and
         * its case features, follow the quantifier as written: qmin. */
        unsigned long min = qmin, max = qmax;
        if (a.zero) {
            if (min >= 1) req = cond_and(ps, req, a.req);
            continue;
        }
        if (max == 0) continue; /* x{0} */
        consumed = true;
        natoms++;
        single_upper = a.upper1 && min == 1 && max == 1;
        lset base = a.exact, e;
        if (a.exact_ok && min == 0 && max == 1) { /* x? is x or nothing */
            lset none = lset_empty_string(ps);
            if (lset_union(ps, &base, &a.exact, &none, CAP_EXACT)) min = max = 1;
        }
        if (a.exact_ok && min >= 1 && lset_power(ps, &e, &base, min)) {
            lset prod;
            if (lset_product(ps, &prod, &run, &e)) {
                run = prod;
            } else {
                FLUSH(run);
                run = e;
                all_exact = false;
            }
            if (min != max) { /* variable count: the run ends after the first copies */
                FLUSH(run);
                run = e;
                all_exact = false;
            }
        } else {
            FLUSH(run);
            run = lset_empty_string(ps);
            if (a.exact_ok && min >= 1) { /* too many copies to multiply out: one */
                FLUSH(a.exact);
                run = a.exact;
            }
            all_exact = false;
        }
        min = qmin;
        max = qmax;
        if (min >= 1) req = cond_and(ps, req, a.req);
        /* Case features. */
        if (!first_seen) {
            kfirst = min >= 1 ? a.kfirst : K_NONE;
            first_seen = true;
        }
        if (min >= 1) {
            if (prev == K_LOWER && a.kfirst == K_UPPER) lu = true;
            prev = a.klast;
        } else if (a.klast != prev) {
            prev = K_NONE;
        }
        unsigned all = a.upper1 ? 1 : a.up_all;
        unsigned pre = a.up_pre ? a.up_pre : a.kfirst == K_UPPER;
        unsigned suf = a.up_suf ? a.up_suf : a.klast == K_UPPER;
        if (all && min >= 1) {
            unsigned long add = all * (min > MAX_UP ? MAX_UP : min);
            up_cur = up_cur + add > MAX_UP ? MAX_UP : up_cur + (unsigned)add;
            if (up_cur > up_best) up_best = up_cur;
            if (max != min) up_cur = add > MAX_UP ? MAX_UP : (unsigned)add;
        } else {
            unsigned joined = up_cur + (min >= 1 ? pre : 0);
            if (joined > up_best) up_best = joined;
            if (min >= 1 && a.up_in > up_best) up_best = a.up_in;
            up_cur = min >= 1 ? suf : 0;
        }
        if (up_best > MAX_UP) up_best = MAX_UP;
    }
    if (up_cur > up_best) up_best = up_cur;
    info x = info_other(ps);
    if (ps->fail || ps->nomem) return x;
    if (all_exact) {
        x.exact_ok = true;
        x.exact = run;
    } else {
        FLUSH(run);
    }
#undef FLUSH
    if (up_best >= 2 || lu) {
        term t = TRUE_TERM;
        t.up = up_best >= 2 ? (up_best > MAX_UP ? MAX_UP : up_best) : 0;
        t.lu = lu;
        req = cond_and(ps, req, cond_of(ps, t));
    }
    x.req = req;
    x.kfirst = kfirst;
    x.klast = prev;
    x.upper1 = natoms == 1 && single_upper;
    x.zero = !consumed;
    return x;
}

static info parse_alt(parser *ps)
{
    info first = parse_seq(ps);
    if (ps->fail || ps->nomem || *ps->p != '|') return first;
    size_t nb = 1, cap = 8;
    info *bs = alloc(ps, cap * sizeof(info));
    if (!bs) return info_other(ps);
    bs[0] = first;
    while (!ps->fail && !ps->nomem && *ps->p == '|') {
        ps->p++;
        info b = parse_seq(ps);
        if (ps->fail || ps->nomem) break;
        if (nb == cap) {
            info *g = tl_arena_realloc(ps->a, bs, cap * sizeof(info), 2 * cap * sizeof(info));
            if (!g) {
                ps->nomem = true;
                break;
            }
            bs = g;
            cap *= 2;
        }
        bs[nb++] = b;
    }
    info x = info_other(ps);
    if (ps->fail || ps->nomem) return x;
    /* Exact when every branch is, and the strings stay few. */
    size_t total = 0;
    bool exact_ok = true;
    for (size_t i = 0; i < nb && exact_ok; i++) {
        exact_ok = bs[i].exact_ok;
        total += bs[i].exact.n;
    }
    if (exact_ok && total <= CAP_ALT) {
        x.exact.v = alloc(ps, total * sizeof(lit));
        if (!x.exact.v) return x;
        for (size_t i = 0; i < nb; i++) {
            memcpy(x.exact.v + x.exact.n, bs[i].exact.v, bs[i].exact.n * sizeof(lit));
            x.exact.n += bs[i].exact.n;
        }
        lset_canon(&x.exact);
        x.exact_ok = true;
    }
    cond *cs = alloc(ps, nb * sizeof(cond));
    if (!cs) return x;
    for (size_t i = 0; i < nb; i++)
        cs[i] = x.exact_ok ? bs[i].req : info_req(ps, &bs[i]);
    x.req = cond_or_many(ps, cs, nb);
    x.kfirst = bs[0].kfirst;
    x.klast = bs[0].klast;
    x.upper1 = bs[0].upper1;
    x.zero = bs[0].zero;
    for (size_t i = 1; i < nb; i++) {
        if (bs[i].kfirst != x.kfirst) x.kfirst = K_NONE;
        if (bs[i].klast != x.klast) x.klast = K_NONE;
        x.upper1 = x.upper1 && bs[i].upper1;
        x.zero = x.zero && bs[i].zero;
    }
    return x;
}

/* The condition of a pattern, in arena a. Sets *cond_out to "true" when
 * the parser gave up. */
static int pattern_cond(cond *out, tl_arena *a, const char *pattern, bool caseless)
{
    parser ps = {pattern, false, false, caseless, a, 0, NULL, NULL};
    info x = parse_alt(&ps);
    cond c = {NULL, 0};
    if (!ps.fail && !ps.nomem && *ps.p == '\0') c = info_req(&ps, &x);
    if (ps.nomem) return TL_ENOMEM;
    if (c.n == 0 || cond_is_true(&c)) c = cond_true(&ps);
    if (ps.nomem) return TL_ENOMEM;
    *out = c;
    return 0;
}

static void describe_lit(tl_buf *b, const lit *l)
{
    if (l->cs) tl_buf_putc(b, '=');
    for (size_t i = 0; i < l->len; i++) {
        if (l->s[i] == ' ')
            tl_buf_puts(b, "\\s");
        else
            tl_buf_putc(b, l->s[i]);
    }
}

int tl_prefilter_describe(tl_buf *out, const char *pattern, bool caseless)
{
    tl_arena a = TL_ARENA_INIT;
    cond c;
    int rc = pattern_cond(&c, &a, pattern, caseless);
    if (rc == 0 && !cond_is_true(&c)) {
        tl_buf b = TL_BUF_INIT;
        for (size_t i = 0; i < c.n; i++) {
            const term *t = &c.t[i];
            if (i) tl_buf_puts(&b, " | ");
            for (size_t j = 0; j < t->nf; j++) {
                if (j) tl_buf_puts(&b, " & ");
                for (size_t k = 0; k < t->f[j]->n; k++) {
                    if (k) tl_buf_putc(&b, ',');
                    describe_lit(&b, &t->f[j]->v[k]);
                }
            }
            if (t->up) tl_buf_printf(&b, "%sUP>=%u", t->nf ? " & " : "", t->up);
            if (t->lu) tl_buf_puts(&b, t->nf || t->up ? " & aA" : "aA");
        }
        rc = tl_buf_append(out, b.data, b.len) < 0 ? TL_ENOMEM : 1;
        tl_buf_free(&b);
    }
    tl_arena_free(&a);
    return rc;
}

/* ---- The automata ----
 *
 * Two dense DFAs over byte classes, built the same way: pass 0 holds the
 * literals matched without case (ASCII capitals share their small
 * letter's class, and U+017F and U+212A read as 's' and 'k'), pass 1 the
 * literals matched with case. In both, every white-space character reads
 * as ' '. Class 0 is every byte that occurs in no literal. A transition's
 * top bit says that its target state reports literal sets. */

#define OUT_FLAG 0x80000000u
#define OUT_FLAG16 0x8000u

typedef struct automaton {
    unsigned char cls[256];
    unsigned char lead[256]; /* first byte of a sequence read as one ASCII character */
    bool fold;               /* pass 0: caseless */
    size_t nclasses;
    uint32_t *delta;   /* nstates * nclasses, while building and for big automata */
    uint16_t *delta16; /* the same, when every state fits 15 bits (OUT_FLAG16) */
    size_t nstates;
    uint32_t *out_off; /* nstates + 1: literal sets reported in state s */
    uint32_t *out;
} automaton;

/* The condition of pattern p of rule i, flattened. */
typedef struct pf_term {
    uint32_t f0, nf; /* in tfac */
    uint8_t up;
    bool lu;
} pf_term;

typedef struct pf_pattern {
    uint32_t t0, nt; /* in terms; nt == 0: always runs */
} pf_pattern;

enum { DONE_CS = 1u, DONE_FEATURES = 2u };

struct tl_prefilter {
    const tl_rule **rules; /* the rules it was built for, by index */
    size_t nrules;
    unsigned char *always; /* per rule: a candidate for every text */
    uint64_t *always_mask; /* the same, as rule bits */
    uint32_t *rule_pat;    /* nrules + 1: patterns of rule i */
    pf_pattern *pats;
    pf_term *terms;
    uint32_t *tfac; /* factor ids of the terms */
    size_t npatterns;
    uint32_t *pat_rule;   /* per pattern: its rule */
    uint64_t *pat_always; /* patterns that are candidates for every text */
    size_t nfactors;
    unsigned char *factor_cs; /* per factor: has a literal matched with case */
    /* Per factor: the patterns it makes candidates, those with a term whose
     * strongest caseless literal set it is (the term's anchor). */
    uint32_t *fpat_off, *fpat;
    automaton ac[2];
};

bool tl_prefilter_covers(const tl_prefilter *pf, size_t i, const tl_rule *r)
{
    return pf && i < pf->nrules && pf->rules[i] == r;
}

bool tl_prefilter_always(const tl_prefilter *pf, size_t i)
{
    return pf->always[i] != 0;
}

static void automaton_free(automaton *A)
{
    free(A->delta);
    free(A->delta16);
    free(A->out_off);
    free(A->out);
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
    automaton_free(&pf->ac[0]);
    automaton_free(&pf->ac[1]);
    free(pf);
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

/* One literal set of the prefilter: its literals and its id. */
typedef struct factor_ref {
    const lset *set;
} factor_ref;

/* Build automaton `pass` over the literals of the factors that belong to
 * it (pass 1: literals with case; pass 0: the others). */
static int build_automaton(automaton *A, int pass, const factor_ref *fs, size_t nf)
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

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t cap2 = *cap ? *cap * 2 : 64;
    while (cap2 < need)
        cap2 *= 2;
    void *q = realloc(*p, cap2 * size);
    if (!q) return TL_ENOMEM;
    *p = q;
    *cap = cap2;
    return 0;
}

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
        if (lset_eq(g->factors[g->table[h] - 1].set, f)) {
            *id = g->table[h] - 1;
            return 0;
        }
    if (grow((void **)&g->factors, &g->capfactors, g->nfactors + 1, sizeof(factor_ref)) < 0)
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
            rc = pattern_cond(&c, &scratch, r->patterns.src[p], !r->case_sensitive);
            if (rc < 0) {
                tl_arena_free(&scratch);
                break;
            }
            bool pat_always = metric || cond_is_true(&c);
            for (size_t t = 0; rc == 0 && !(metric || cond_is_true(&c)) && t < c.n; t++) {
                const term *x = &c.t[t];
                rc = grow((void **)&g.terms, &g.capterms, g.nterms + 1, sizeof(pf_term));
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
                        rc = grow((void **)&g.tfac, &g.captfac, g.ntfac + 1, sizeof(uint32_t));
                    if (rc < 0) break;
                    g.tfac[g.ntfac++] = id;
                    bool any_cs = false;
                    for (size_t l = 0; l < x->f[j]->n; l++)
                        any_cs = any_cs || x->f[j]->v[l].cs;
                    if (any_cs || anchored) continue;
                    /* Factors are strongest first: the first caseless one. */
                    anchored = true;
                    rc = grow((void **)&anchors, &capanchors, 2 * (nanchors + 1), sizeof(uint32_t));
                    if (rc < 0) break;
                    anchors[2 * nanchors] = id;
                    anchors[2 * nanchors + 1] = (uint32_t)k;
                    nanchors++;
                }
                if (!anchored && x->nf) {
                    /* Only literals with case: their lower-case shadow is
                     * implied, and the caseless pass can see it. */
                    parser sp = {NULL, false, false, true, &scratch, 0, NULL, NULL};
                    lset *sh = alloc(&sp, sizeof(lset));
                    if (sh) *sh = lset_lower(&sp, x->f[0]);
                    if (sp.nomem) rc = TL_ENOMEM;
                    uint32_t id;
                    if (rc == 0 && sh->score >= MIN_SCORE && (rc = factor_id(&g, sh, &id)) == 0 &&
                        (rc = grow((void **)&g.tfac, &g.captfac, g.ntfac + 1, sizeof(uint32_t))) ==
                            0 &&
                        (rc = grow((void **)&anchors, &capanchors, 2 * (nanchors + 1),
                                   sizeof(uint32_t))) == 0) {
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
    if (rc == 0) rc = build_automaton(&pf->ac[0], 0, g.factors, g.nfactors);
    if (rc == 0) rc = build_automaton(&pf->ac[1], 1, g.factors, g.nfactors);
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
