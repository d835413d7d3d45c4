/* test_matcher.c - the rule loader's checks and the matcher's semantics:
 * captures and case, exceptions, conditional rules, metrics, scope,
 * audience and keys, and positions in the stored file. */
#include "lint/linter.h"
#include "tl_test.h"
#include "tokenize/classify.h"
#include "tl_test_kinds.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *pack =
    "category: wordy\n"
    "rules:\n"
    "  - id: wordy.utilize\n"
    "    severity: suggestion\n"
    "    kind: substitution\n"
    "    message: \"“{match}” is a long word for “{suggestion}”.\"\n"
    "    why: Plain words read faster.\n"
    "    patterns: ['\\butili[sz](e|es|ed|ing)\\b']\n"
    "    suggest: ['us$1']\n"
    "    fix: safe\n"
    "    examples: {bad: [Utilize it], good: [Use it]}\n"
    "    source: https://example.org\n"
    "  - id: wordy.please-note\n"
    "    severity: warning\n"
    "    kind: existence\n"
    "    message: filler\n"
    "    why: Filler.\n"
    "    patterns: ['\\bnote\\b']\n"
    "    exceptions: ['\\bdelivery note\\b']\n"
    "    examples: {bad: [Note this], good: [Print the delivery note]}\n"
    "    source: https://example.org\n"
    "  - id: wordy.dead-end\n"
    "    severity: warning\n"
    "    kind: conditional\n"
    "    message: no next step\n"
    "    why: Stuck.\n"
    "    patterns: ['\\bcould not\\b']\n"
    "    unless: ['\\btry\\b']\n"
    "    scope: [error]\n"
    "    audience: customer\n"
    "    examples: {bad: [{text: Could not save., kind: error}], good: [{text: Could not save. Try "
    "again., kind: error}]}\n"
    "    source: https://example.org\n"
    "  - id: wordy.bang\n"
    "    severity: warning\n"
    "    kind: metric\n"
    "    metric: exclamations\n"
    "    max: {all: 1, error: 0}\n"
    "    message: too loud\n"
    "    why: Loud.\n"
    "    examples: {bad: [Wow!!], good: [Wow!]}\n"
    "    source: https://example.org\n"
    "  - id: wordy.caps\n"
    "    severity: warning\n"
    "    kind: metric\n"
    "    metric: caps-words\n"
    "    max: 1\n"
    "    message: shouting\n"
    "    why: Loud.\n"
    "    examples: {bad: [PLEASE READ THIS], good: [Enter your PIN]}\n"
    "    source: https://example.org\n"
    "  - id: wordy.long\n"
    "    severity: suggestion\n"
    "    kind: metric\n"
    "    metric: sentence-words\n"
    "    max: 4\n"
    "    message: long\n"
    "    why: Long.\n"
    "    examples: {bad: [one two three four five], good: [one two three four]}\n"
    "    source: https://example.org\n"
    "  - id: wordy.acronym\n"
    "    severity: warning\n"
    "    kind: existence\n"
    "    message: acronym\n"
    "    why: Opaque.\n"
    "    patterns: ['\\bOCSP\\b']\n"
    "    audience: lay\n"
    "    examples: {bad: [Enter the OCSP], good: [Enter the server]}\n"
    "    source: https://example.org\n"
    "  - id: wordy.whole-failure\n"
    "    severity: warning\n"
    "    kind: existence\n"
    "    message: whole\n"
    "    why: Bare.\n"
    "    patterns: ['^[\\W_]*(?:an?\\s+)?parcels?\\s+(?:was|were)\\s+lost[.!]?\\s*$']\n"
    "    examples: {bad: [Parcel was lost.], good: [Parcel was lost; we sent another.]}\n"
    "    source: https://example.org\n"
    "  - id: wordy.keyed\n"
    "    severity: warning\n"
    "    kind: existence\n"
    "    message: keyed\n"
    "    why: Keyed.\n"
    "    patterns: ['\\bsubmit\\b']\n"
    "    keys: ['button']\n"
    "    examples: {bad: [{text: Submit, key: form.button}], good: [{text: Submit, key: "
    "form.title}]}\n"
    "    source: https://example.org\n";

static tl_linter L;

static void setup(void)
{
    tl_linter_init(&L);
    tl_error err;
    tl_error_clear(&err);
    int rc = tl_ruleset_load_file(&L.rules, "pack.yml", (const unsigned char *)pack, strlen(pack),
                                  "en", &err);
    if (rc < 0) fprintf(stderr, "%d:%d: %s\n", err.line, err.column, err.message);
    ck_assert_int_eq(rc, 0);
    tl_test_load_kinds(&L.rules);
    ck_assert_int_eq(tl_linter_prepare(&L, &err), 0);
}

static void teardown(void)
{
    tl_linter_free(&L);
}

typedef struct one {
    tl_doc doc;
    tl_segbuild sb;
    tl_findings f;
} one;

static tl_findings *lint(one *o, const char *text, tl_kind kind, const char *key)
{
    memset(o, 0, sizeof(*o));
    tl_doc_init(&o->doc, "t.txt", (const unsigned char *)text, strlen(text), NULL);
    tl_segbuild_init(&o->sb);
    tl_segbuild_utf8(&o->sb, 0, text, strlen(text));
    tl_segment *seg = tl_doc_add(&o->doc, &o->sb, key, NULL);
    seg->kind = kind;
    seg->lang = "en";
    tl_classify(&L.rules.kinds, seg, NULL);
    ck_assert_int_eq(tl_matcher_run(&L.matcher, &o->doc, seg, &o->f), 0);
    return &o->f;
}

static void done(one *o)
{
    tl_findings_free(&o->f);
    tl_segbuild_free(&o->sb);
    tl_doc_free(&o->doc);
}

static int count(const tl_findings *f, const char *id)
{
    int n = 0;
    for (size_t i = 0; i < f->n; i++)
        n += strcmp(f->items[i].rule->id, id) == 0;
    return n;
}

START_TEST(captures_and_case)
{
    one o;
    tl_findings *f = lint(&o, "Utilizing it. UTILIZE it. utilized", TL_KIND_UI, NULL);
    ck_assert_int_eq(count(f, "wordy.utilize"), 3);
    ck_assert_str_eq(f->items[0].suggestions[0], "Using");
    ck_assert_str_eq(f->items[0].message, "“Utilizing” is a long word for “Using”.");
    ck_assert_str_eq(f->items[1].suggestions[0], "USE");
    ck_assert_str_eq(f->items[2].suggestions[0], "used");
    ck_assert(f->items[0].fixable);
    ck_assert_int_eq(f->items[0].start.column, 1);
    ck_assert_int_eq(f->items[0].end.column, 10);
    done(&o);
}
END_TEST

START_TEST(exceptions_drop_contained_matches)
{
    one o;
    tl_findings *f = lint(&o, "Note the delivery note.", TL_KIND_UI, NULL);
    ck_assert_int_eq(count(f, "wordy.please-note"), 1);
    ck_assert_int_eq(f->items[0].start.column, 1);
    done(&o);
}
END_TEST

/* A text made only of ICU branches: each branch is a text of its own for
 * `^` and `$`, and the same problem in every branch is one finding. */
START_TEST(icu_branches_match_alone)
{
    one o;
    const char *text = "{n, plural, one {# parcel was lost.} other {# parcels were lost.}}";
    tl_findings *f = lint(&o, text, TL_KIND_NOTIFICATION, NULL);
    ck_assert_int_eq(count(f, "wordy.whole-failure"), 1);
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->items[i].rule->id, "wordy.whole-failure") == 0) {
            ck_assert_str_eq(f->items[i].match, "# parcel was lost.");
            ck_assert_uint_eq(f->items[i].text_start, (size_t)(strstr(text, "# parcel") - text));
        }
    done(&o);
    /* Words outside the plural make the whole text the sentence. */
    f = lint(&o, "Sorry, {n, plural, one {# parcel was lost.} other {# parcels were lost.}}",
             TL_KIND_NOTIFICATION, NULL);
    ck_assert_int_eq(count(f, "wordy.whole-failure"), 0);
    done(&o);
    /* An unanchored rule finds the same words in both branches once. */
    f = lint(&o, "{n, plural, one {Note: # item} other {Note: # items}}", TL_KIND_UI, NULL);
    ck_assert_int_eq(count(f, "wordy.please-note"), 1);
    done(&o);
}
END_TEST

START_TEST(conditional_scope_and_audience)
{
    one o;
    ck_assert_int_eq(count(lint(&o, "Could not save.", TL_KIND_ERROR, NULL), "wordy.dead-end"), 1);
    done(&o);
    ck_assert_int_eq(
        count(lint(&o, "Could not save. Try again.", TL_KIND_ERROR, NULL), "wordy.dead-end"), 0);
    done(&o);
    ck_assert_int_eq(count(lint(&o, "Could not save.", TL_KIND_UI, NULL), "wordy.dead-end"), 0);
    done(&o);
    ck_assert_int_eq(
        count(lint(&o, "Could not save.", TL_KIND_ERROR, "admin.settings.save"), "wordy.dead-end"),
        0);
    done(&o);
}
END_TEST

/* audience: lay leaves developer and settings copy alone; audience:
 * customer leaves only developer copy. A `-` in a cue name is the key's own
 * separator ("site-settings" names site_settings and siteSettings). */
START_TEST(lay_audience_and_settings)
{
    one o;
    ck_assert_int_eq(count(lint(&o, "Check the OCSP.", TL_KIND_UI, "certs.ocsp"), "wordy.acronym"),
                     1);
    done(&o);
    ck_assert_int_eq(
        count(lint(&o, "Check the OCSP.", TL_KIND_UI, "settings.certs.ocsp"), "wordy.acronym"), 0);
    done(&o);
    ck_assert_int_eq(
        count(lint(&o, "Check the OCSP.", TL_KIND_UI, "userPreferences.ocsp"), "wordy.acronym"), 0);
    done(&o);
    ck_assert_int_eq(
        count(lint(&o, "Check the OCSP.", TL_KIND_UI, "admin.certs.ocsp"), "wordy.acronym"), 0);
    done(&o);
    /* Settings copy is still customer copy. */
    ck_assert_int_eq(count(lint(&o, "Could not save.", TL_KIND_ERROR, "settings.profile.save"),
                           "wordy.dead-end"),
                     1);
    done(&o);
    ck_assert_int_eq(count(lint(&o, "Could not save.", TL_KIND_ERROR, "en.site_settings.errors.x"),
                           "wordy.dead-end"),
                     0);
    done(&o);
    ck_assert_int_eq(
        count(lint(&o, "Could not save.", TL_KIND_ERROR, "siteSettings.save"), "wordy.dead-end"),
        0);
    done(&o);
    ck_assert_int_eq(count(lint(&o, "Could not save.", TL_KIND_ERROR, "website_settings.save"),
                           "wordy.dead-end"),
                     1);
    done(&o);
}
END_TEST

START_TEST(metrics)
{
    one o;
    ck_assert_int_eq(count(lint(&o, "Done!", TL_KIND_UI, NULL), "wordy.bang"), 0);
    done(&o);
    ck_assert_int_eq(count(lint(&o, "Done!", TL_KIND_ERROR, NULL), "wordy.bang"), 1);
    done(&o);
    tl_findings *f = lint(&o, "Great! Done!!", TL_KIND_UI, NULL);
    ck_assert_int_eq(count(f, "wordy.bang"), 1);
    ck_assert_str_eq(f->items[0].match, "!!");
    done(&o);
    ck_assert_int_eq(count(lint(&o, "Enter your PIN and the CVV", TL_KIND_UI, NULL), "wordy.caps"),
                     0);
    done(&o);
    f = lint(&o, "PLEASE READ THIS carefully", TL_KIND_UI, NULL);
    ck_assert_int_eq(count(f, "wordy.caps"), 1);
    ck_assert_str_eq(f->items[0].match, "PLEASE READ THIS");
    done(&o);
    /* Sentence length at the bounds the matcher uses to skip counting:
     * max + 1 words in 2 * max + 1 bytes, with max separators. */
    static const struct {
        const char *text;
        int found;
    } words[] = {
        {"1 2 3 4 5", 1},
        {"1 2 3 4", 0},
        {"one two three four five", 1},
        {"one two three four", 0},
        {"one,two,three,four,five", 1},
        {"a-b c d e", 0},
        {"a-b c d e f", 1},
        {"\xC3\xA9 \xC3\xA9 \xC3\xA9 \xC3\xA9 \xC3\xA9", 1},
        {"one two. three four five six", 0}, /* two sentences */
    };
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        ck_assert_msg(count(lint(&o, words[i].text, TL_KIND_UI, NULL), "wordy.long") ==
                          words[i].found,
                      "\"%s\": expected %d", words[i].text, words[i].found);
        done(&o);
    }
}
END_TEST

START_TEST(keys)
{
    one o;
    ck_assert_int_eq(count(lint(&o, "Submit", TL_KIND_UI, "form.button"), "wordy.keyed"), 1);
    done(&o);
    ck_assert_int_eq(count(lint(&o, "Submit", TL_KIND_UI, "form.title"), "wordy.keyed"), 0);
    done(&o);
}
END_TEST

/* Word classes, tiers and per-pattern rewrites (swap). */
static const char *lexicon = "lexicon:\n"
                             "  txn: [payment, refund, bank transfer]\n"
                             "  done: [processed, '@{txn} received']\n";
static const char *classed =
    "category: cold\n"
    "rules:\n"
    "  - id: cold.fragment\n"
    "    severity: warning\n"
    "    kind: existence\n"
    "    message: m\n"
    "    why: w\n"
    "    patterns: ['^@{txn}\\s+@{done}\\b']\n"
    "    examples: {bad: [Refund processed], good: [Refund sent]}\n"
    "    source: https://example.org\n"
    "  - id: cold.strict-one\n"
    "    severity: warning\n"
    "    kind: substitution\n"
    "    tier: strict\n"
    "    message: \"“{match}”: say “{suggestion}”\"\n"
    "    why: w\n"
    "    patterns: ['\\bobtain\\b', '\\bobtained\\b', '\\bsufficient\\b']\n"
    "    swap: [get, [], [enough, plenty]]\n"
    "    examples: {bad: [Obtain it], good: [Get it]}\n"
    "    source: https://example.org\n"
    "  - id: cold.word\n"
    "    severity: suggestion\n"
    "    kind: existence\n"
    "    message: m\n"
    "    why: w\n"
    "    patterns: ['\\bpayment\\b', '\\bthanks\\b', '\\bthank\\w*', "
    "'\\bmany\\s+thanks\\b']\n"
    "    examples: {bad: [payment], good: [pay]}\n"
    "    source: https://example.org\n";

START_TEST(word_classes_tiers_and_swap)
{
    tl_linter_free(&L);
    tl_linter_init(&L);
    tl_error err;
    tl_error_clear(&err);
    ck_assert_int_eq(tl_ruleset_load_file(&L.rules, "lexicon.yml", (const unsigned char *)lexicon,
                                          strlen(lexicon), "en", &err),
                     0);
    int rc = tl_ruleset_load_file(&L.rules, "cold.yml", (const unsigned char *)classed,
                                  strlen(classed), "en", &err);
    if (rc < 0) fprintf(stderr, "%d:%d: %s\n", err.line, err.column, err.message);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(tl_linter_prepare(&L, &err), 0);
    one o;
    /* Every entry, with any white space between the words of an entry, and
     * a class inside a class. */
    tl_findings *f = lint(&o, "Payment processed. Thanks", TL_KIND_UI, NULL);
    /* One finding per problem: the weaker rule on the same words is named
     * in the stronger one's `also`; elsewhere it stands, once although two
     * of its patterns match "Thanks". */
    ck_assert_int_eq(f->n, 2);
    ck_assert_str_eq(f->items[0].rule->id, "cold.fragment");
    ck_assert_uint_eq(f->items[0].nalso, 1);
    ck_assert_str_eq(f->items[0].also[0], "cold.word");
    ck_assert_str_eq(f->items[1].rule->id, "cold.word");
    ck_assert_str_eq(f->items[1].match, "Thanks");
    done(&o);
    /* Two patterns of one rule on overlapping words: one finding, the
     * longer. */
    f = lint(&o, "Many thanks", TL_KIND_UI, NULL);
    ck_assert_int_eq(count(f, "cold.word"), 1);
    ck_assert_str_eq(f->items[0].match, "Many thanks");
    done(&o);
    ck_assert_int_eq(
        count(lint(&o, "Bank\ttransfer refund received", TL_KIND_UI, NULL), "cold.fragment"), 1);
    done(&o);
    ck_assert_int_eq(count(lint(&o, "Payment sent.", TL_KIND_UI, NULL), "cold.fragment"), 0);
    done(&o);
    /* A strict rule is off at the default tier and on at strict. */
    ck_assert_int_eq(count(lint(&o, "Obtain it", TL_KIND_UI, NULL), "cold.strict-one"), 0);
    done(&o);
    L.matcher.tier = TL_TIER_STRICT;
    f = lint(&o, "Obtain it, obtained it, sufficient", TL_KIND_UI, NULL);
    ck_assert_int_eq(f->n, 3);
    ck_assert_uint_eq(f->items[0].nsuggestions, 1);
    ck_assert_str_eq(f->items[0].suggestions[0], "Get");
    ck_assert_str_eq(f->items[0].message, "“Obtain”: say “Get”");
    ck_assert_uint_eq(f->items[1].nsuggestions, 0);
    ck_assert_uint_eq(f->items[2].nsuggestions, 2);
    ck_assert_str_eq(f->items[2].suggestions[1], "plenty");
    done(&o);
    /* A per-file setting that names the rule turns it on at any tier. */
    L.matcher.tier = TL_TIER_DEFAULT;
    signed char sev[3] = {-1, TL_SEV_ERROR, -1};
    L.matcher.severity = sev;
    L.matcher.nseverity = 3;
    f = lint(&o, "Obtain it", TL_KIND_UI, NULL);
    ck_assert_int_eq(count(f, "cold.strict-one"), 1);
    ck_assert_int_eq(f->items[0].severity, TL_SEV_ERROR);
    done(&o);
    L.matcher.severity = NULL;
}
END_TEST

static const struct {
    const char *yaml;
    int line, column;
    const char *message;
} load_errors[] = {
    {"category: x\nrules:\n  - id: x.a\n    severity: warning\n    kind: existence\n    message: "
     "m\n    why: w\n    patterns: ['@{nope} here']\n",
     8, 16, "unknown word class `@{nope}`"},
    {"category: x\nrules:\n  - id: x.a\n    tier: loud\n", 4, 11, "unknown tier `loud`"},
    {"category: x\nrules:\n  - id: x.a\n    severity: warning\n    kind: substitution\n    "
     "message: m\n    why: w\n    patterns: [a, b]\n    swap: [x]\n",
     9, 11, "one entry per pattern"},
    {"lexicon:\n  Bad-Name: [a]\n", 2, 3, "lowercase"},
    {"category: x\nrules:\n  - id: x.a\n    sevrity: warning\n", 4, 5,
     "unknown rule field `sevrity`"},
    {"category: x\nrules:\n  - id: x.a\n    severity: loud\n    kind: existence\n", 4, 15,
     "unknown severity"},
    {"category: x\nrules:\n  - id: x.a\n    severity: warning\n    kind: existence\n    message: "
     "m\n"
     "    why: w\n    patterns: ['(unclosed']\n",
     8, 16, "bad pattern in `patterns`"},
    {"category: x\nrules:\n  - id: x.a\n    severity: warning\n    kind: existence\n    message: "
     "m\n    why: w\n    patterns: [a]\n    unless: [b]\n",
     9, 13, "`unless` applies to conditional rules only"},
    {"category: x\nrules:\n  - id: y.a\n", 3, 5, "must be `x.<name>`"},
    {"category: x\nrules:\n  - id: x.a\n    severity: warning\n    kind: existence\n    message: "
     "m\n"
     "    why: w\n    patterns: [a]\n",
     3, 5, "needs `examples`"},
    {"category: x\nrules: [\n", 3, 1, "did not find expected node content"},
};

START_TEST(loader_errors_name_line_and_column)
{
    tl_ruleset rs;
    tl_ruleset_init(&rs);
    tl_error err;
    tl_error_clear(&err);
    const char *y = load_errors[_i].yaml;
    int rc = tl_ruleset_load_file(&rs, "bad.yml", (const unsigned char *)y, strlen(y), "en", &err);
    ck_assert_int_eq(rc, TL_ECONFIG);
    ck_assert_str_eq(err.path, "bad.yml");
    ck_assert_msg(strstr(err.message, load_errors[_i].message), "message: %s", err.message);
    ck_assert_int_eq(err.line, load_errors[_i].line);
    ck_assert_int_eq(err.column, load_errors[_i].column);
    tl_ruleset_free(&rs);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("matcher");
    TCase *tc = tcase_create("rules");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, captures_and_case);
    tcase_add_test(tc, exceptions_drop_contained_matches);
    tcase_add_test(tc, icu_branches_match_alone);
    tcase_add_test(tc, conditional_scope_and_audience);
    tcase_add_test(tc, lay_audience_and_settings);
    tcase_add_test(tc, metrics);
    tcase_add_test(tc, keys);
    tcase_add_test(tc, word_classes_tiers_and_swap);
    suite_add_tcase(s, tc);
    TCase *tl = tcase_create("loader");
    tcase_add_loop_test(tl, loader_errors_name_line_and_column, 0,
                        sizeof(load_errors) / sizeof(load_errors[0]));
    suite_add_tcase(s, tl);
    return tl_test_run(s);
}
