/* finding.h - a finding: one problem a rule found, placed in the stored
 * file.
 *
 * The matcher makes findings; the linter filters them, the sink and every
 * reporter, the baseline, the fixer and the language server read them. The
 * type sits in core/ so each of those layers may use it without depending
 * on the matcher. */
#ifndef TL_FINDING_H
#define TL_FINDING_H

#include "error.h"
#include "segment.h"
#include "source.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct tl_rule tl_rule; /* match/rule.h */

typedef struct tl_finding {
    const tl_rule *rule;
    tl_severity severity;
    const tl_segment *seg;
    size_t text_start, text_end; /* in the segment's decoded text */
    size_t offset, length;       /* bytes in the stored file */
    tl_position start, end;      /* end is exclusive */
    const char *message;
    const char *match;
    const char **suggestions;
    size_t nsuggestions;
    bool fixable; /* rule is fix: safe and the match touches no placeholder */
    /* Rules that found the same words and were settled into this finding
     * (one finding per problem): their ids, in the doc's arena. */
    const char **also;
    size_t nalso;
    /* Recorded in the baseline, and passed on only because the linter keeps
     * known findings (tl_linter.keep_known: the html report marks what is
     * new); it counts in no total. */
    bool known;
} tl_finding;

typedef struct tl_findings {
    tl_finding *items;
    size_t n, cap;
} tl_findings;

/* A rule and a count (limit hits, for the run's summary). */
typedef struct tl_rule_count {
    const char *rule; /* rule id, owned by the rule set */
    size_t count;
} tl_rule_count;

#endif
