/* matcher.h - running a rule set over segments, producing findings.
 *
 * The matcher owns the per-thread state (PCRE2 scratch, the segment view)
 * and decides which rules apply to a segment: its language, kind of copy,
 * audience and key. It turns each match into a finding placed exactly in
 * the stored file. It knows nothing about output or suppression. */
#ifndef TL_MATCHER_H
#define TL_MATCHER_H

#include "../core/finding.h"
#include "../core/segment.h"
#include "../tokenize/view.h"
#include "prefilter.h"
#include "rule.h"

#define TL_MAX_FINDINGS_PER_RULE 100 /* in one segment */

typedef struct tl_matcher {
    const tl_ruleset *rules;
    tl_regex_scratch *scratch;
    tl_view view;
    const char *const *vocab; /* accepted words, not flagged; NULL-terminated or NULL */
    /* Per-file rule settings (config): one value per rule, by index in
     * rules->rules: -1 as in the pack, TL_SEV_OFF skips the rule, otherwise
     * the severity its findings get. NULL: every rule as in its pack. */
    const signed char *severity;
    size_t nseverity;
    /* Rules above this tier run only when the per-file settings name them. */
    tl_tier tier;
    int limit_hits;         /* matches stopped by a PCRE2 limit */
    const char *limit_rule; /* the last rule that hit one */
    /* Rules stopped by a limit, with the number of segments each time;
     * the caller may read and reset nlimits between documents. */
    tl_rule_count *limits;
    size_t nlimits, caplimits;
    /* The prefilter: only patterns whose condition holds in a segment run.
     * Built by tl_matcher_init (and owned), or lent by another matcher
     * (tl_matcher_init_shared; it may be switched between segments).
     * prefilter_off runs every pattern of every rule (tests compare both
     * ways). */
    tl_prefilter *prefilter;
    bool own_prefilter;
    bool prefilter_off;
    /* Per-thread state sized for scan_pf; remade when prefilter changes. */
    const tl_prefilter *scan_pf;
    bool gate;                  /* scan_pf was built for exactly these rules */
    tl_prefilter_state scan[2]; /* per segment: masked text, norm text (raw rules) */
    uint64_t *raw_rules;        /* bit per rule that matches the unmasked text */
    /* Matches of the running rule's exceptions, found on demand (matcher.c). */
    struct tl_except_scan *except;
    size_t nexcept;
} tl_matcher;

int tl_matcher_init(tl_matcher *m, const tl_ruleset *rules);
/* A matcher that uses pf (built for rules, shared read-only, outliving m)
 * instead of building its own: for worker threads. */
int tl_matcher_init_shared(tl_matcher *m, const tl_ruleset *rules, tl_prefilter *pf);
void tl_matcher_free(tl_matcher *m);

/* Whether rule r applies to segment seg (language, scope, audience, keys). */
bool tl_matcher_applies(const tl_rule *r, const tl_segment *seg);

/* Match every applicable rule on one segment of doc and append findings
 * (allocated in doc's arena) to out, in text order per rule. Findings of
 * different rules over the same words are settled into one (tl_finding
 * also). */
int tl_matcher_run(tl_matcher *m, tl_doc *doc, const tl_segment *seg, tl_findings *out);

/* Place f in doc, as the matcher places a match: its decoded range
 * [text_start, text_end) of f->seg -> stored bytes (offset, length, through
 * the segment's source map) -> start and end line and column. 0 or
 * TL_ENOMEM. The language server places the findings it kept this way. */
int tl_finding_place(tl_finding *f, tl_doc *doc);

/* Sort findings by file offset, then rule id. */
void tl_findings_sort(tl_findings *f);
void tl_findings_free(tl_findings *f);

/* Apply the case of `match` to `text` (all caps, or a capital first letter).
 * Returns an arena string. */
char *tl_case_follow(tl_arena *a, const char *match, size_t mlen, const char *text, size_t tlen);

#endif
