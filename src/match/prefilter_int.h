/* prefilter_int.h - the parts of the prefilter, shared by its four files
 * and by nothing else.
 *
 *   litset.c     literals, literal sets, terms and conditions (the algebra)
 *   patparse.c   PCRE2 pattern syntax in, a condition out
 *   automaton.c  the byte automata and the passes over one text
 *   prefilter.c  building the prefilter from a rule set
 *
 * Types keep their short names (lit, lset, term, cond): this header is
 * private to those files. */
#ifndef TL_PREFILTER_INT_H
#define TL_PREFILTER_INT_H

#include "../core/arena.h"
#include "prefilter.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* The term with nothing in it: "true". */
static const term TRUE_TERM = {NULL, 0, 0, false};

typedef struct cond {
    term *t;
    size_t n;
} cond;

/* The parse context, which the algebra allocates through: the arena of
 * one pattern's parse, and sticky flags (the parser gave up, memory ran
 * out) checked once at the end. */
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

static inline bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static inline bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static inline bool is_alnum(char c)
{
    return is_digit(c) || is_lower(c) || is_upper(c);
}

static inline char lower(char c)
{
    return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

/* ---- The algebra (litset.c) ----
 *
 * Every result lives in ps's arena; a failed allocation sets ps->nomem
 * and returns a weaker but still true result ("true", or false for the
 * lset_* calls that build exact sets). */

void *tl_pf_alloc(parser *ps, size_t size);
/* The set holding only the empty string. */
lset tl_lset_empty_string(parser *ps);
/* Sort l and drop repeats: the one form in which sets are compared. */
void tl_lset_canon(lset *l);
bool tl_lset_eq(const lset *x, const lset *y);
/* a × b, a then b (at most capn literals), a repeated n times; false when
 * the result would exceed the caps. */
bool tl_lset_product(parser *ps, lset *out, const lset *a, const lset *b);
bool tl_lset_union(parser *ps, lset *out, const lset *a, const lset *b, size_t capn);
bool tl_lset_power(parser *ps, lset *out, const lset *a, unsigned long n);
/* l with every literal matched without case (a superset), scored. */
lset tl_lset_lower(parser *ps, const lset *l);

cond tl_cond_of(parser *ps, term t);
cond tl_cond_true(parser *ps);
bool tl_cond_is_true(const cond *c);
/* "Every match contains one of the strings of l" as a condition. */
cond tl_cond_of_set(parser *ps, const lset *l);
cond tl_cond_and(parser *ps, cond a, cond b);
/* The OR of n conditions, made at once. */
cond tl_cond_or_many(parser *ps, const cond *cs, size_t n);

/* ---- The pattern parser (patparse.c) ---- */

/* The condition of a pattern, in arena a: "true" when the parser gave up.
 * 0 or TL_ENOMEM. */
int tl_pf_pattern_cond(cond *out, tl_arena *a, const char *pattern, bool caseless);

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

/* One literal set of the prefilter: its literals and its id. */
typedef struct factor_ref {
    const lset *set;
} factor_ref;

/* ---- The automata (automaton.c) ---- */

/* Build automaton `pass` over the literals of the nf factors that belong
 * to it (pass 1: literals with case; pass 0: the others). 0 or TL_ENOMEM;
 * free with tl_pf_automaton_free, also after a failure. */
int tl_pf_build_automaton(automaton *A, int pass, const factor_ref *fs, size_t nf);
void tl_pf_automaton_free(automaton *A);

#endif
