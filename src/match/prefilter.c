/* prefilter.c - required literals of patterns, and one Aho-Corasick pass.
 *
 * Owns the conservative pattern parser (PCRE2 syntax in, a set of ASCII
 * literals out, or "unknown") and the byte automaton over the literals of
 * every rule. It never decides that a rule matches, only that it cannot. */
#include "prefilter.h"

#include <stdlib.h>
#include <string.h>

/* PCRE2 (UTF, UCP, caseless) lets these match an ASCII letter. A test
 * compares this table with PCRE2 over every code point. */
const tl_fold_seq tl_prefilter_folds[] = {
    {"\xC5\xBF", 's'},     /* U+017F LATIN SMALL LETTER LONG S */
    {"\xE2\x84\xAA", 'k'}, /* U+212A KELVIN SIGN */
    {NULL, 0},
};

/* ---- The pattern parser ----
 *
 * A literal set says: every match contains at least one of these strings
 * (compared without case). `any` says no such set is known. The parser
 * understands sequences, alternation, groups of every PCRE2 kind it can
 * skip safely, classes, escapes and quantifiers; on anything else (\Q..\E,
 * (?x), (*VERB), conditionals, a brace that is not a quantifier) it gives up
 * and the pattern has no literals. Only ASCII characters become literals:
 * a non-ASCII character ends a literal run. */

#define MAX_SET 256   /* literals per pattern before giving up on it */
#define MAX_RULE 1024 /* literals per rule */
#define MAX_DEPTH 100

typedef struct lset {
    bool any;
    char **s;
    size_t n;
} lset;

static const lset ANY = {true, NULL, 0};

typedef struct parser {
    const char *p;
    bool fail;  /* unknown syntax: give up */
    bool nomem;
    tl_arena *a;
    int depth;
} parser;

static size_t min_len(const lset *l)
{
    size_t m = SIZE_MAX;
    for (size_t i = 0; i < l->n; i++) {
        size_t k = strlen(l->s[i]);
        if (k < m) m = k;
    }
    return m;
}

/* Whether a is a better requirement than b: longer shortest literal, then
 * fewer literals. */
static bool better(const lset *a, const lset *b)
{
    if (a->any) return false;
    if (b->any) return true;
    size_t ma = min_len(a), mb = min_len(b);
    if (ma != mb) return ma > mb;
    return a->n < b->n;
}

static lset single(parser *ps, const tl_buf *run)
{
    lset l = {false, NULL, 1};
    l.s = tl_arena_alloc(ps->a, sizeof(char *));
    if (l.s) l.s[0] = tl_arena_strndup(ps->a, run->data, run->len);
    if (!l.s || !l.s[0]) {
        ps->nomem = true;
        return ANY;
    }
    return l;
}

static lset unite(parser *ps, const lset *x, const lset *y, size_t cap)
{
    if (x->any || y->any || x->n + y->n > cap) return ANY;
    lset l = {false, NULL, x->n + y->n};
    l.s = tl_arena_alloc(ps->a, (l.n ? l.n : 1) * sizeof(char *));
    if (!l.s) {
        ps->nomem = true;
        return ANY;
    }
    if (x->n) memcpy(l.s, x->s, x->n * sizeof(char *));
    if (y->n) memcpy(l.s + x->n, y->s, y->n * sizeof(char *));
    return l;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
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

/* A quantifier after an atom: sets *min and returns true, or returns false
 * when there is none. A '{' that is not a strict quantifier gives up (PCRE2
 * versions differ on what it means). */
static bool quantifier(parser *ps, unsigned long *min)
{
    const char *p = ps->p;
    if (*p == '?' || *p == '*') {
        *min = 0;
        p++;
    } else if (*p == '+') {
        *min = 1;
        p++;
    } else if (*p == '{') {
        p++;
        if (!is_digit(*p)) {
            ps->fail = true;
            return false;
        }
        char *end;
        *min = strtoul(p, &end, 10);
        p = end;
        if (*p == ',') {
            p++;
            while (is_digit(*p)) p++;
        }
        if (*p != '}') {
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

/* Skip a character class; ps->p is just past '['. */
static void skip_class(parser *ps)
{
    const char *p = ps->p;
    if (*p == '^') p++;
    if (*p == ']') p++;
    for (;;) {
        if (*p == '\0') {
            ps->fail = true;
            return;
        }
        if (*p == ']') break;
        if (*p == '\\') {
            if (p[1] == '\0' || p[1] == 'Q') {
                ps->fail = true;
                return;
            }
            p += 2;
            continue;
        }
        if (*p == '[' && p[1] == ':') {
            const char *e = strstr(p + 2, ":]");
            if (!e) {
                ps->fail = true;
                return;
            }
            p = e + 2;
            continue;
        }
        p++;
    }
    ps->p = p + 1;
}

enum atom_kind { A_LIT, A_OTHER, A_GROUP };

static lset parse_alt(parser *ps);

/* Parse an escape; ps->p is at the backslash. */
static enum atom_kind parse_escape(parser *ps, char *lit)
{
    char e = ps->p[1];
    if (e == '\0') {
        ps->fail = true;
        return A_OTHER;
    }
    if ((unsigned char)e >= 0x80) { /* an escaped non-ASCII character */
        ps->p += 2;
        while (((unsigned char)*ps->p & 0xC0) == 0x80) ps->p++;
        return A_OTHER;
    }
    if (!is_alnum(e)) {
        ps->p += 2;
        if ((unsigned char)e < 0x20 || e == 0x7f) return A_OTHER;
        *lit = e;
        return A_LIT;
    }
    ps->p += 2;
    switch (e) {
    case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G': case 'K': case 'E':
    case 'd': case 'D': case 's': case 'S': case 'w': case 'W': case 'h': case 'H':
    case 'v': case 'V': case 'R': case 'X': case 'C':
    case 'n': case 't': case 'r': case 'f': case 'e': case 'a':
        return A_OTHER;
    case 'N':
        if (*ps->p == '{') ps->fail = true;
        return A_OTHER;
    case 'p': case 'P':
        if (*ps->p == '{') skip_past(ps, '}');
        else if (*ps->p) ps->p++;
        else ps->fail = true;
        return A_OTHER;
    case 'x':
        if (*ps->p == '{') skip_past(ps, '}');
        else
            for (int i = 0; i < 2 && is_alnum(*ps->p); i++) ps->p++;
        return A_OTHER;
    case 'o':
        if (*ps->p == '{') skip_past(ps, '}');
        else ps->fail = true;
        return A_OTHER;
    case 'c':
        if (*ps->p) ps->p++;
        else ps->fail = true;
        return A_OTHER;
    case 'g': case 'k':
        if (*ps->p == '{') skip_past(ps, '}');
        else if (*ps->p == '<') skip_past(ps, '>');
        else if (*ps->p == '\'') {
            ps->p++;
            skip_past(ps, '\'');
        } else {
            if (*ps->p == '+' || *ps->p == '-') ps->p++;
            while (is_digit(*ps->p)) ps->p++;
        }
        return A_OTHER;
    default:
        if (is_digit(e)) { /* back reference or octal */
            while (is_digit(*ps->p)) ps->p++;
            return A_OTHER;
        }
        ps->fail = true; /* \Q and anything unknown */
        return A_OTHER;
    }
}

/* Parse a group; ps->p is just past '('. Sets *out (ANY for assertions and
 * option settings, which require nothing). */
static enum atom_kind parse_group(parser *ps, lset *out)
{
    *out = ANY;
    const char *p = ps->p;
    bool assertion = false;
    if (*p == '*') { /* (*VERB), (*pla:...) */
        ps->fail = true;
        return A_OTHER;
    }
    if (*p == '?') {
        p++;
        if (*p == ':' || *p == '|' || *p == '>') {
            p++;
        } else if (*p == '=' || *p == '!') {
            assertion = true;
            p++;
        } else if (*p == '<' && (p[1] == '=' || p[1] == '!')) {
            assertion = true;
            p += 2;
        } else if (*p == '<' || *p == '\'' || (*p == 'P' && p[1] == '<')) {
            const char *e = strchr(p + 1, *p == '\'' ? '\'' : '>');
            if (!e) {
                ps->fail = true;
                return A_OTHER;
            }
            p = e + 1;
        } else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '-' ||
                   *p == '^') {
            /* Option letters: only extended mode changes what a literal is. */
            while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '-' || *p == '^') {
                if (*p == 'x') {
                    ps->fail = true;
                    return A_OTHER;
                }
                p++;
            }
            if (*p == ')') { /* (?i): a setting, matches nothing */
                ps->p = p + 1;
                return A_OTHER;
            }
            if (*p != ':') {
                ps->fail = true;
                return A_OTHER;
            }
            p++;
        } else {
            ps->fail = true; /* comments, conditionals, recursion, callouts */
            return A_OTHER;
        }
    }
    ps->p = p;
    if (++ps->depth > MAX_DEPTH) {
        ps->fail = true;
        return A_OTHER;
    }
    lset inner = parse_alt(ps);
    ps->depth--;
    if (ps->fail) return A_OTHER;
    if (*ps->p != ')') {
        ps->fail = true;
        return A_OTHER;
    }
    ps->p++;
    if (assertion) return A_OTHER; /* what a lookaround needs is not consumed */
    *out = inner;
    return A_GROUP;
}

static void flush(parser *ps, tl_buf *run, lset *best)
{
    if (!run->len) return;
    lset l = single(ps, run);
    if (better(&l, best)) *best = l;
    tl_buf_reset(run);
}

static lset parse_seq(parser *ps)
{
    lset best = ANY;
    tl_buf run = TL_BUF_INIT;
    while (!ps->fail && !ps->nomem) {
        char c = *ps->p;
        if (c == '\0' || c == '|' || c == ')') break;
        enum atom_kind kind = A_OTHER;
        char lit = 0;
        lset group = ANY;
        if (c == '\\') {
            kind = parse_escape(ps, &lit);
        } else if (c == '(') {
            ps->p++;
            kind = parse_group(ps, &group);
        } else if (c == '[') {
            ps->p++;
            skip_class(ps);
        } else if (c == '.' || c == '^' || c == '$' || c == ']' || c == '}') {
            ps->p++;
        } else if (c == '*' || c == '+' || c == '?' || c == '{') {
            ps->fail = true; /* a quantifier with nothing before it */
        } else if ((unsigned char)c >= 0x80) {
            ps->p++;
            while (((unsigned char)*ps->p & 0xC0) == 0x80) ps->p++;
        } else if ((unsigned char)c < 0x20 || c == 0x7f) {
            ps->p++;
        } else {
            ps->p++;
            kind = A_LIT;
            lit = c;
        }
        if (ps->fail) break;
        unsigned long min = 1;
        bool quantified = quantifier(ps, &min);
        if (ps->fail) break;
        if (kind == A_LIT) {
            if (min >= 1 && tl_buf_putc(&run, lower(lit)) < 0) ps->nomem = true;
            if (quantified) flush(ps, &run, &best);
        } else {
            flush(ps, &run, &best);
            if (kind == A_GROUP && min >= 1 && better(&group, &best)) best = group;
        }
    }
    flush(ps, &run, &best);
    tl_buf_free(&run);
    return best;
}

static lset parse_alt(parser *ps)
{
    lset acc = parse_seq(ps);
    while (!ps->fail && !ps->nomem && *ps->p == '|') {
        ps->p++;
        lset b = parse_seq(ps);
        acc = unite(ps, &acc, &b, MAX_SET);
    }
    return acc;
}

/* The literal set of a pattern, in arena a. */
static int pattern_set(lset *out, tl_arena *a, const char *pattern)
{
    parser ps = {pattern, false, false, a, 0};
    lset l = parse_alt(&ps);
    if (ps.nomem) return TL_ENOMEM;
    if (ps.fail || *ps.p != '\0') l = ANY;
    *out = l;
    return 0;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int tl_prefilter_literals(tl_buf *out, const char *pattern)
{
    tl_arena a = TL_ARENA_INIT;
    lset l;
    int rc = pattern_set(&l, &a, pattern);
    if (rc == 0 && !l.any) {
        qsort(l.s, l.n, sizeof(*l.s), cmp_str);
        for (size_t i = 0; rc == 0 && i < l.n; i++) {
            if (i && strcmp(l.s[i], l.s[i - 1]) == 0) continue;
            if ((i && tl_buf_putc(out, '\n') < 0) || tl_buf_puts(out, l.s[i]) < 0) rc = TL_ENOMEM;
        }
        if (rc == 0) rc = 1;
    }
    tl_arena_free(&a);
    return rc;
}

/* ---- The automaton ----
 *
 * A dense DFA over byte classes: class 0 is every byte that occurs in no
 * literal; ASCII capitals share their lowercase letter's class. A
 * transition's top bit says that its target state reports rules. */

#define OUT_FLAG 0x80000000u

struct tl_prefilter {
    const tl_rule **rules; /* the rules it was built for, by index */
    size_t nrules;
    unsigned char *always; /* per rule: no literals, always run */
    unsigned char cls[256];
    unsigned char fold_lead[256]; /* first byte of a tl_prefilter_folds entry */
    size_t nclasses;
    uint32_t *delta; /* nstates * nclasses */
    size_t nstates;
    uint32_t *out_off; /* nstates + 1: rules reported in state s */
    uint32_t *out;
};

size_t tl_prefilter_words(const tl_prefilter *pf)
{
    return (pf->nrules + 63) / 64 + 1;
}

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
    free(pf->delta);
    free(pf->out_off);
    free(pf->out);
    free(pf);
}

/* Build-time state: the trie's own outputs per state, as growable lists. */
typedef struct ulist {
    uint32_t *v;
    size_t n, cap;
} ulist;

static int ulist_add(ulist *l, uint32_t x)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i] == x) return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        uint32_t *p = realloc(l->v, cap * sizeof(*p));
        if (!p) return TL_ENOMEM;
        l->v = p;
        l->cap = cap;
    }
    l->v[l->n++] = x;
    return 0;
}

typedef struct builder {
    tl_prefilter *pf;
    size_t cap_states;
    ulist *outs; /* per state */
} builder;

static int new_state(builder *b, uint32_t *id)
{
    tl_prefilter *pf = b->pf;
    if (pf->nstates == b->cap_states) {
        size_t cap = b->cap_states ? b->cap_states * 2 : 256;
        uint32_t *d = realloc(pf->delta, cap * pf->nclasses * sizeof(*d));
        if (!d) return TL_ENOMEM;
        pf->delta = d;
        ulist *o = realloc(b->outs, cap * sizeof(*o));
        if (!o) return TL_ENOMEM;
        b->outs = o;
        b->cap_states = cap;
    }
    if (pf->nstates >= OUT_FLAG - 1) return TL_ENOMEM;
    *id = (uint32_t)pf->nstates++;
    memset(pf->delta + (size_t)*id * pf->nclasses, 0, pf->nclasses * sizeof(uint32_t));
    memset(&b->outs[*id], 0, sizeof(ulist));
    return 0;
}

static int insert(builder *b, const char *lit, uint32_t rule)
{
    tl_prefilter *pf = b->pf;
    uint32_t s = 0;
    for (const unsigned char *p = (const unsigned char *)lit; *p; p++) {
        size_t c = pf->cls[*p];
        uint32_t next = pf->delta[(size_t)s * pf->nclasses + c];
        if (!next) {
            int rc = new_state(b, &next);
            if (rc < 0) return rc;
            pf->delta[(size_t)s * pf->nclasses + c] = next;
        }
        s = next;
    }
    return ulist_add(&b->outs[s], rule);
}

/* Breadth-first: failure links, full transitions, merged outputs. */
static int finish(builder *b)
{
    tl_prefilter *pf = b->pf;
    size_t nc = pf->nclasses, ns = pf->nstates;
    uint32_t *fail = calloc(ns, sizeof(*fail));
    uint32_t *queue = malloc(ns * sizeof(*queue));
    int rc = fail && queue ? 0 : TL_ENOMEM;
    size_t head = 0, tail = 0;
    for (size_t c = 0; rc == 0 && c < nc; c++) {
        uint32_t t = pf->delta[c];
        if (t) queue[tail++] = t; /* fail[t] = 0 */
    }
    while (rc == 0 && head < tail) {
        uint32_t s = queue[head++];
        ulist *fo = &b->outs[fail[s]];
        for (size_t i = 0; rc == 0 && i < fo->n; i++) rc = ulist_add(&b->outs[s], fo->v[i]);
        for (size_t c = 0; c < nc; c++) {
            uint32_t *t = &pf->delta[(size_t)s * nc + c];
            uint32_t f = pf->delta[(size_t)fail[s] * nc + c];
            if (*t) {
                fail[*t] = f;
                queue[tail++] = *t;
            } else {
                *t = f;
            }
        }
    }
    free(fail);
    free(queue);
    if (rc < 0) return rc;
    size_t total = 0;
    for (size_t s = 0; s < ns; s++) total += b->outs[s].n;
    pf->out_off = malloc((ns + 1) * sizeof(*pf->out_off));
    pf->out = malloc((total ? total : 1) * sizeof(*pf->out));
    if (!pf->out_off || !pf->out) return TL_ENOMEM;
    size_t k = 0;
    for (size_t s = 0; s < ns; s++) {
        pf->out_off[s] = (uint32_t)k;
        if (b->outs[s].n) memcpy(pf->out + k, b->outs[s].v, b->outs[s].n * sizeof(uint32_t));
        k += b->outs[s].n;
    }
    pf->out_off[ns] = (uint32_t)k;
    for (size_t i = 0; i < ns * nc; i++) {
        uint32_t t = pf->delta[i];
        if (pf->out_off[t + 1] != pf->out_off[t]) pf->delta[i] = t | OUT_FLAG;
    }
    return 0;
}

/* The literals of a rule: the union over its patterns. Metric rules and
 * rules without patterns have none. */
static int rule_set(lset *out, tl_arena *a, const tl_rule *r)
{
    *out = ANY;
    if (r->kind == TL_RULE_METRIC || r->patterns.n == 0) return 0;
    lset acc = {false, NULL, 0};
    for (size_t i = 0; i < r->patterns.n; i++) {
        lset l;
        int rc = pattern_set(&l, a, r->patterns.src[i]);
        if (rc < 0) return rc;
        parser ps = {NULL, false, false, a, 0};
        acc = unite(&ps, &acc, &l, MAX_RULE);
        if (ps.nomem) return TL_ENOMEM;
        if (acc.any) return 0;
    }
    *out = acc;
    return 0;
}

int tl_prefilter_new(tl_prefilter **out, const tl_ruleset *rs)
{
    *out = NULL;
    tl_prefilter *pf = calloc(1, sizeof(*pf));
    if (!pf) return TL_ENOMEM;
    tl_arena a = TL_ARENA_INIT;
    builder b = {pf, 0, NULL};
    lset *sets = calloc(rs->n ? rs->n : 1, sizeof(*sets));
    pf->nrules = rs->n;
    pf->rules = malloc((rs->n ? rs->n : 1) * sizeof(*pf->rules));
    pf->always = calloc(rs->n ? rs->n : 1, 1);
    int rc = sets && pf->rules && pf->always ? 0 : TL_ENOMEM;
    for (size_t i = 0; rc == 0 && i < rs->n; i++) {
        pf->rules[i] = rs->rules[i];
        rc = rule_set(&sets[i], &a, rs->rules[i]);
        if (rc == 0 && sets[i].any) pf->always[i] = 1;
    }
    /* Classes: one per byte used by a literal. */
    bool used[256] = {false};
    for (size_t i = 0; rc == 0 && i < rs->n; i++)
        for (size_t j = 0; j < sets[i].n; j++)
            for (const unsigned char *p = (const unsigned char *)sets[i].s[j]; *p; p++)
                used[*p] = true;
    pf->nclasses = 1;
    for (int c = 0; c < 256; c++)
        if (used[c]) pf->cls[c] = (unsigned char)pf->nclasses++;
    for (int c = 'A'; c <= 'Z'; c++) pf->cls[c] = pf->cls[c - 'A' + 'a'];
    for (const tl_fold_seq *f = tl_prefilter_folds; f->seq; f++)
        if (pf->cls[(unsigned char)f->ascii]) pf->fold_lead[(unsigned char)f->seq[0]] = 1;
    uint32_t root;
    if (rc == 0) rc = new_state(&b, &root);
    for (size_t i = 0; rc == 0 && i < rs->n; i++)
        for (size_t j = 0; rc == 0 && j < sets[i].n; j++)
            if (sets[i].s[j][0]) rc = insert(&b, sets[i].s[j], (uint32_t)i);
            else pf->always[i] = 1; /* an empty literal requires nothing */
    if (rc == 0) rc = finish(&b);
    for (size_t s = 0; b.outs && s < pf->nstates; s++) free(b.outs[s].v);
    free(b.outs);
    free(sets);
    tl_arena_free(&a);
    if (rc < 0) {
        tl_prefilter_free(pf);
        return rc;
    }
    *out = pf;
    return 0;
}

/* Length of the fold sequence at s, with its letter, or 0. */
static size_t fold_at(const char *s, size_t len, char *ascii)
{
    for (const tl_fold_seq *f = tl_prefilter_folds; f->seq; f++) {
        size_t n = strlen(f->seq);
        if (n <= len && memcmp(s, f->seq, n) == 0) {
            *ascii = f->ascii;
            return n;
        }
    }
    return 0;
}

void tl_prefilter_scan(const tl_prefilter *pf, const char *text, size_t len, uint64_t *hits)
{
    const unsigned char *s = (const unsigned char *)text;
    const uint32_t *delta = pf->delta;
    const size_t nc = pf->nclasses;
    uint32_t st = 0;
    for (size_t i = 0; i < len; i++) {
        size_t c = pf->cls[s[i]];
        if (pf->fold_lead[s[i]]) {
            char a;
            size_t n = fold_at(text + i, len - i, &a);
            if (n) {
                c = pf->cls[(unsigned char)a];
                i += n - 1;
            }
        }
        uint32_t t = delta[(size_t)st * nc + c];
        st = t & ~OUT_FLAG;
        if (t & OUT_FLAG)
            for (uint32_t k = pf->out_off[st]; k < pf->out_off[st + 1]; k++)
                hits[pf->out[k] >> 6] |= (uint64_t)1 << (pf->out[k] & 63);
    }
}
