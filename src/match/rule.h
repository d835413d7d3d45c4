/* rule.h - rules and rule packs.
 *
 * A rule pack is a set of YAML files (docs/rule-format.md), loaded by
 * ruleset.c into tl_rule values whose patterns are compiled once. A
 * tl_ruleset holds every pack for every language; rules are looked up by
 * language when a segment is matched. Rules are data: nothing in C knows a
 * particular rule. */
#ifndef TL_RULE_H
#define TL_RULE_H

#include "../core/arena.h"
#include "../core/error.h"
#include "../core/segment.h"
#include "moment.h"
#include "select.h"
#include "../tokenize/classify.h"
#include "regex.h"

#include <stdbool.h>

/* tl_severity and tl_severity_name are public (include/tonelint.h, by way
 * of error.h). */
/* -1 for an unknown name. */
int tl_severity_from_name(const char *name);

typedef enum tl_rule_kind {
    TL_RULE_EXISTENCE,
    TL_RULE_SUBSTITUTION,
    TL_RULE_METRIC,
    TL_RULE_CONDITIONAL
} tl_rule_kind;

const char *tl_rule_kind_name(tl_rule_kind k);

typedef enum tl_metric {
    TL_METRIC_NONE,
    TL_METRIC_SENTENCE_WORDS,
    TL_METRIC_EXCLAMATIONS,
    TL_METRIC_CAPS_WORDS
} tl_metric;

typedef struct tl_example {
    const char *text;
    const char *key;    /* or NULL */
    const char *fixed;  /* bad examples: the text with the first suggestion applied */
    const char *moment; /* journey moment id, or NULL: the rule's first moment */
    tl_kind kind;
    int line; /* in the rule file */
} tl_example;

/* How far a team opts in: rules of a tier run when the configured tier is
 * at least theirs (docs/rule-format.md, "Tiers"). */
typedef enum tl_tier {
    TL_TIER_DEFAULT = 0, /* right on almost any copy: on by default */
    TL_TIER_STRICT = 1,  /* often right, sometimes a house-style call */
    TL_TIER_PEDANTIC = 2 /* style preferences; noisy on real copy */
} tl_tier;

const char *tl_tier_name(tl_tier t);
/* -1 for an unknown name. */
int tl_tier_from_name(const char *name);

/* A named word class (lexicon.yml): `@{name}` in a pattern stands for it. */
typedef struct tl_word_class {
    const char *lang;
    const char *name;
    const char *regex; /* (?:...) of its entries, nested classes expanded */
} tl_word_class;

typedef struct tl_relist {
    tl_regex **re;
    const char **src; /* the pattern text */
    size_t n;
} tl_relist;

typedef struct tl_rule {
    const char *id;
    const char *category;
    const char *lang;
    const char *message;
    const char *why;
    const char *source;
    const char *file;             /* the rule file it came from */
    int line;                     /* line of the rule in that file */
    tl_severity severity;         /* as written in the pack */
    tl_severity default_severity; /* same; kept when config overrides severity */
    tl_rule_kind kind;
    tl_relist patterns, exceptions, unless, keys, skip_keys;
    const char **suggest;
    size_t nsuggest;
    /* Per pattern, its own rewrites in place of `suggest` (swap:), or NULL.
     * swap[p] has nswap[p] entries; 0 means no rewrite for that pattern. */
    const char ***swap;
    size_t *nswap;
    bool fix_safe;
    bool case_sensitive;
    bool raw;
    unsigned skip_flags; /* segment flags the rule leaves alone (audience:):
                            TL_SEG_DEVELOPER for customer, also
                            TL_SEG_SETTINGS for lay */
    tl_tier tier;
    unsigned scope;   /* bit per tl_kind; all bits = all */
    unsigned moments; /* bit per moment of the rule set (moments:); 0 = every moment */
    tl_metric metric;
    int max[TL_KIND_COUNT]; /* metric threshold per kind; -1 = no limit */
    int min_words;
    tl_example *bad, *good;
    size_t nbad, ngood;
    bool enabled;
    /* Strings on which a PCRE2 limit stopped this rule's patterns, in this
     * run, over every thread (atomic). At TL_LIMIT_STRIKES the rule is
     * passed over for the rest of the run: a catastrophic pattern costs
     * its limit a few times, not once per string. */
    int limit_strikes;
} tl_rule;

#define TL_LIMIT_STRIKES 3

/* Whether a PCRE2 limit has turned rule r off for the rest of the run. */
static inline bool tl_rule_limited_out(const tl_rule *r)
{
    return __atomic_load_n(&r->limit_strikes, __ATOMIC_RELAXED) >= TL_LIMIT_STRIKES;
}

typedef struct tl_ruleset {
    tl_arena arena;
    tl_rule **rules;
    size_t n, cap;
    const char **packs; /* directories loaded, for --list-rules */
    size_t npacks;
    tl_word_class *classes; /* in the arena; a later definition replaces */
    size_t nclasses;
    /* Every error of the last load call, in file order (errors[0] is the one
     * it returned): a pack with several mistakes shows them all in one run.
     * Paths live in the arena. */
    tl_error *errors;
    size_t nerrors, caperrors;
    tl_moments moments; /* journey moments and their cues (moments.yml files) */
    tl_select select;   /* which source literals are copy (`source:`, rules/source.yml) */
    tl_kinds kinds;     /* the kind of copy and its audience (`kinds:`, rules/kinds.yml) */
} tl_ruleset;

void tl_ruleset_init(tl_ruleset *rs);
void tl_ruleset_free(tl_ruleset *rs);

/* Load a pack directory. A directory of .yml and .yaml files is a pack for
 * `lang` (NULL: "en"); a directory whose subfolders are language codes
 * (rules/en, rules/de) loads each subfolder for its language. Files load in
 * name order. A duplicate rule id replaces the earlier rule (a user pack can
 * redefine a default rule). Errors name the file, line and column; a rule
 * or file with mistakes is left out, the rest still loads, and every error
 * is kept in rs->errors (err gets the first). */
int tl_ruleset_load_dir(tl_ruleset *rs, const char *dir, const char *lang, tl_error *err);
/* Load one rule file from memory (used by tests and by load_dir). A file
 * whose top level is `lexicon:` defines word classes instead of rules, one
 * whose top level is `moments:` journey moments and their cues; load_dir
 * reads a folder's moments*.yml, then lexicon*.yml files before its rule
 * files and language folders. */
int tl_ruleset_load_file(tl_ruleset *rs, const char *path, const unsigned char *bytes, size_t len,
                         const char *lang, tl_error *err);

tl_rule *tl_ruleset_find(const tl_ruleset *rs, const char *id);
/* The rule id a user most likely meant by `id`, which names no rule: the
 * rule whose name after the category is `id` ("you-failed-to" for
 * "blame.you-failed-to"), else the id nearest in edit distance when it is
 * close (a typo). NULL when nothing is close. Borrowed from the rule set. */
const char *tl_ruleset_suggest(const tl_ruleset *rs, const char *id);
/* A rule-level description for listings (SARIF shortDescription, the rule
 * reference): the message with `{match}` and `{suggestion}` filled from the
 * first bad example a pattern matches, else in general words ("This
 * wording"). Never holds an unfilled placeholder. Appended to `out`; 0,
 * or TL_ENOMEM when `out` has failed (sticky). */
int tl_rule_describe(tl_buf *out, const tl_rule *r);
/* Whether any rule exists for a language. */
bool tl_ruleset_has_lang(const tl_ruleset *rs, const char *lang);

#endif
