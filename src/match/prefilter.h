/* prefilter.h - which patterns can possibly match a text, decided cheaply.
 *
 * At load time each pattern is parsed conservatively into a condition that
 * every text it matches satisfies: an OR of terms, each term an AND of
 * literal sets ("one of these strings occurs") and of two features of ASCII
 * letter case. One Aho-Corasick pass over a segment's case-folded text then
 * tells which rules may match; a second pass for case-sensitive literals and
 * the case features are computed only when a pattern needs them. Only
 * patterns whose condition holds run PCRE2. A pattern the parser is unsure
 * about has the condition "true": it always runs. Matching never depends on
 * the prefilter, only its speed does. */
#ifndef TL_PREFILTER_H
#define TL_PREFILTER_H

#include "../core/buf.h"
#include "rule.h"

#include <stdint.h>

typedef struct tl_prefilter tl_prefilter;

/* Build the prefilter for the rules of rs as they are now (rule i of the
 * set is rule i of the prefilter). 0 or TL_ENOMEM. The prefilter is
 * read-only after this and may be shared by threads. */
int tl_prefilter_new(tl_prefilter **out, const tl_ruleset *rs);
void tl_prefilter_free(tl_prefilter *pf);

/* Whether the prefilter was built for rule r at index i of its rule set. */
bool tl_prefilter_covers(const tl_prefilter *pf, size_t i, const tl_rule *r);

/* Whether rule i is a candidate for every text (a metric rule, or a
 * pattern whose condition needs no case-folded literal). */
bool tl_prefilter_always(const tl_prefilter *pf, size_t i);

/* What the passes found in one text. Owned by one thread; the text must
 * stay unchanged while the state is queried. */
typedef struct tl_prefilter_state {
    const char *text;
    size_t len;
    uint64_t *factors;  /* one bit per literal set: seen in the text */
    uint64_t *rules;    /* candidate rules */
    uint64_t *patterns; /* candidate patterns (all rules' patterns in a row) */
    size_t nfactor_words, nrule_words, npattern_words;
    unsigned done;    /* lazy passes already run (automaton.c) */
    unsigned upper;   /* longest run of ASCII capitals (capped) */
    bool lower_upper; /* an ASCII small letter right before a capital */
} tl_prefilter_state;

int tl_prefilter_state_init(tl_prefilter_state *st, const tl_prefilter *pf);
void tl_prefilter_state_free(tl_prefilter_state *st);

/* The case-folded pass over text (ASCII letters, and the non-ASCII
 * characters PCRE2's caseless matching maps onto them; every white-space
 * character as one). Afterwards st->rules has bit i set for each rule i
 * that may match. */
void tl_prefilter_scan(const tl_prefilter *pf, tl_prefilter_state *st, const char *text,
                       size_t len);

static inline bool tl_prefilter_candidate(const tl_prefilter_state *st, size_t i)
{
    return (st->rules[i >> 6] >> (i & 63)) & 1u;
}

/* Rule i's patterns that the case-folded pass marked (bit p for pattern p;
 * all bits for a rule with more than 64): only they can match. */
uint64_t tl_prefilter_marked(const tl_prefilter *pf, const tl_prefilter_state *st, size_t i);

/* Whether pattern p of rule i may match the scanned text: its condition
 * holds. Runs the lazy passes the condition needs. */
bool tl_prefilter_pattern(const tl_prefilter *pf, tl_prefilter_state *st, size_t i, size_t p);

/* The condition of one pattern as text, for the tests and for people:
 * terms joined by " | ", a term's parts by " & "; a literal set is its
 * strings joined by ',' (white space shown as "\s", case-sensitive strings
 * prefixed by '='); features are "UP>=n" (n ASCII capitals in a row) and
 * "aA" (a small letter then a capital). Returns 1 when the pattern has a
 * condition, 0 when it always runs, TL_ENOMEM. */
int tl_prefilter_describe(tl_buf *out, const char *pattern, bool caseless);

/* Characters outside ASCII that the scan reads as one ASCII character:
 * those PCRE2's caseless matching treats as an ASCII letter (U+017F long s,
 * U+212A Kelvin sign; caseless pass only), and every character \s matches
 * (read as a space, both passes). NULL-terminated on seq; exposed so the
 * tests can prove the tables complete against PCRE2 itself. */
typedef struct tl_fold_seq {
    const char *seq;
    char ascii;
} tl_fold_seq;
extern const tl_fold_seq tl_prefilter_folds[];
extern const tl_fold_seq tl_prefilter_spaces[];

/* Whether the parser may take code point cp, outside ASCII, as a literal:
 * punctuation that has no other case under PCRE2's caseless matching. */
bool tl_prefilter_caseless_punct(uint32_t cp);

#endif
