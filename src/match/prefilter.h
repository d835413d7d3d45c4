/* prefilter.h - which rules can possibly match a text, decided by literals.
 *
 * At load time each pattern is parsed conservatively for the literals that
 * every match must contain (one per branch of an alternation, the longest
 * mandatory run of a sequence). One Aho-Corasick pass over a segment's
 * case-folded text then tells which rules may match; only those run PCRE2.
 * A pattern the parser is unsure about has no literals: its rule always
 * runs. Matching never depends on the prefilter, only its speed does. */
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

/* Number of 64-bit words a hit set needs. */
size_t tl_prefilter_words(const tl_prefilter *pf);

/* Whether the prefilter was built for rule r at index i of its rule set. */
bool tl_prefilter_covers(const tl_prefilter *pf, size_t i, const tl_rule *r);

/* Whether rule i has no literals (it must always run). */
bool tl_prefilter_always(const tl_prefilter *pf, size_t i);

/* Set bit i of hits (tl_prefilter_words() words, cleared by the caller) for
 * each rule i one of whose literals occurs in text, ignoring case (ASCII
 * letters, and the non-ASCII characters PCRE2 folds onto them). */
void tl_prefilter_scan(const tl_prefilter *pf, const char *text, size_t len, uint64_t *hits);

static inline bool tl_prefilter_hit(const uint64_t *hits, size_t i)
{
    return (hits[i >> 6] >> (i & 63)) & 1u;
}

/* The literals of one pattern, lowercased, sorted and joined by '\n' into
 * out. Returns 1 when the pattern has literals, 0 when it has none (every
 * text may match), TL_ENOMEM. Exposed for the tests and --list-rules. */
int tl_prefilter_literals(tl_buf *out, const char *pattern);

/* Characters outside ASCII that PCRE2's caseless matching treats as an
 * ASCII letter (U+017F long s, U+212A Kelvin sign): the UTF-8 bytes and the
 * letter. NULL-terminated on seq; exposed so a test can prove the table is
 * complete against PCRE2 itself. */
typedef struct tl_fold_seq {
    const char *seq;
    char ascii;
} tl_fold_seq;
extern const tl_fold_seq tl_prefilter_folds[];

#endif
