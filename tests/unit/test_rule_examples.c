/* test_rule_examples.c - every rule's own examples are tests.
 *
 * Loads the default pack (rules/) and, for every rule of every tier, lints
 * each `examples.bad` string (it must produce a finding of that rule) and
 * each `examples.good` string (it must produce none from that rule), as one
 * segment of the example's kind and key. A rule that suggests a rewrite
 * gives each bad example's `fixed` text: the first suggestion applied to
 * the example must give exactly that, and the rule must not flag it again.
 * All failures are listed at once. */
#include "lint/linter.h"
#include "tl_test.h"
#include "tokenize/classify.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Findings of rule r on text (as example ex: its kind and key), counting
 * those settled into another rule's finding (its `also`); *fixed gets the
 * text with r's first finding's first suggestion applied (malloc'd), when
 * fixed is not NULL and r suggests one. A rule that rewrites must be the
 * one reported, or its rewrite is never shown: *absorbed says it was not. */
static int rule_hits_on(tl_linter *L, const tl_rule *r, const tl_example *ex, const char *text,
                        char **fixed, bool *absorbed);

/* The moment an example runs in: its own, else the rule's first, else none
 * (-1: a rule for every moment). example_moment, when not -2, forces one
 * (a moment the rule is not for). */
static int example_moment = -2;

static int moment_for(const tl_linter *L, const tl_rule *r, const tl_example *ex)
{
    if (example_moment != -2) return example_moment;
    int m = ex->moment ? tl_moments_find(&L->rules.moments, ex->moment) : -1;
    if (m < 0 && r->moments) m = __builtin_ctz(r->moments);
    return m;
}

static int rule_hits_on(tl_linter *L, const tl_rule *r, const tl_example *ex, const char *text,
                        char **fixed, bool *absorbed)
{
    tl_doc doc;
    size_t len = strlen(text);
    tl_doc_init(&doc, "example", (const unsigned char *)text, len, NULL);
    tl_segbuild sb;
    tl_segbuild_init(&sb);
    tl_segbuild_utf8(&sb, 0, text, len);
    tl_segment *seg = tl_doc_add(&doc, &sb, ex->key, NULL);
    ck_assert_ptr_nonnull(seg);
    seg->kind = ex->kind;
    seg->lang = r->lang;
    tl_classify(&L->rules.kinds, seg, NULL);
    int m = moment_for(L, r, ex);
    if (m >= 0) {
        seg->moment = L->rules.moments.ids[m];
        seg->moment_bit = 1u << m;
    }
    tl_findings f = {0};
    ck_assert_int_eq(tl_matcher_run(&L->matcher, &doc, seg, &f), 0);
    int hits = 0;
    for (size_t i = 0; i < f.n; i++) {
        const tl_finding *x = &f.items[i];
        for (size_t k = 0; k < x->nalso; k++)
            if (strcmp(x->also[k], r->id) == 0) {
                hits++;
                if (absorbed && (r->nsuggest || r->swap)) *absorbed = true;
            }
        if (x->rule != r) continue;
        if (hits++ == 0 && fixed && x->nsuggestions) {
            const char *s = x->suggestions[0];
            size_t sl = strlen(s);
            *fixed = malloc(len - (x->text_end - x->text_start) + sl + 1);
            ck_assert_ptr_nonnull(*fixed);
            memcpy(*fixed, text, x->text_start);
            memcpy(*fixed + x->text_start, s, sl);
            strcpy(*fixed + x->text_start + sl, text + x->text_end);
        }
    }
    tl_findings_free(&f);
    tl_segbuild_free(&sb);
    tl_doc_free(&doc);
    return hits;
}

static int rule_hits(tl_linter *L, const tl_rule *r, const tl_example *ex)
{
    return rule_hits_on(L, r, ex, ex->text, NULL, NULL);
}

START_TEST(every_example_of_every_rule)
{
    tl_linter L;
    tl_linter_init(&L);
    tl_error err;
    tl_error_clear(&err);
    int rc = tl_ruleset_load_dir(&L.rules, TL_SOURCE_DIR "/rules", NULL, &err);
    if (rc < 0) fprintf(stderr, "%s:%d:%d: %s\n", err.path, err.line, err.column, err.message);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(tl_linter_prepare(&L, &err), 0);
    L.matcher.tier = TL_TIER_PEDANTIC;
    ck_assert_uint_gt(L.rules.n, 0);
    int failures = 0, checked = 0, rewrites = 0;
    for (size_t i = 0; i < L.rules.n; i++) {
        const tl_rule *r = L.rules.rules[i];
        for (size_t j = 0; j < r->nbad; j++, checked++) {
            const tl_example *ex = &r->bad[j];
            char *fixed = NULL;
            bool absorbed = false;
            if (rule_hits_on(&L, r, ex, ex->text, &fixed, &absorbed) == 0) {
                fprintf(stderr, "%s:%d: %s: bad example not flagged: %s\n", r->file, ex->line,
                        r->id, ex->text);
                failures++;
            } else if (absorbed && !fixed) {
                fprintf(stderr, "%s:%d: %s: another rule's finding hides this rule's rewrite: %s\n",
                        r->file, ex->line, r->id, ex->text);
                failures++;
            } else if (fixed && !ex->fixed) {
                fprintf(stderr, "%s:%d: %s: bad example needs `fixed: \"%s\"` (read it first)\n",
                        r->file, ex->line, r->id, fixed);
                failures++;
            } else if (fixed && strcmp(fixed, ex->fixed) != 0) {
                fprintf(stderr, "%s:%d: %s: the suggestion gives \"%s\", not `fixed`: %s\n",
                        r->file, ex->line, r->id, fixed, ex->fixed);
                failures++;
            } else if (fixed && rule_hits_on(&L, r, ex, fixed, NULL, NULL) != 0) {
                fprintf(stderr, "%s:%d: %s: still flagged after the rewrite: %s\n", r->file,
                        ex->line, r->id, fixed);
                failures++;
            } else if (!fixed && ex->fixed) {
                fprintf(stderr, "%s:%d: %s: `fixed` given but no rewrite suggested\n", r->file,
                        ex->line, r->id);
                failures++;
            }
            rewrites += fixed != NULL;
            free(fixed);
        }
        if (r->moments) {
            /* A rule for some moments: its bad examples pass elsewhere. */
            for (size_t m = 0; m < L.rules.moments.n; m++) {
                if (r->moments & (1u << m)) continue;
                example_moment = (int)m;
                if (rule_hits(&L, r, &r->bad[0]) != 0) {
                    fprintf(stderr, "%s:%d: %s: flagged outside its moments (in %s): %s\n", r->file,
                            r->bad[0].line, r->id, L.rules.moments.ids[m], r->bad[0].text);
                    failures++;
                }
                example_moment = -2;
                break;
            }
        }
        for (size_t j = 0; j < r->ngood; j++, checked++) {
            if (rule_hits(&L, r, &r->good[j]) != 0) {
                fprintf(stderr, "%s:%d: %s: good example flagged: %s\n", r->file, r->good[j].line,
                        r->id, r->good[j].text);
                failures++;
            }
        }
    }
    fprintf(stderr, "%d examples of %zu rules checked (%d rewrites), %d failed\n", checked,
            L.rules.n, rewrites, failures);
    ck_assert_int_eq(failures, 0);
    tl_linter_free(&L);
}
END_TEST

START_TEST(every_rule_is_complete)
{
    /* The loader enforces the fields; this checks the pack's own policy:
     * two examples each way, a source, and a known category. */
    static const char *const categories[] = {"blame",  "cold",     "boilerplate",   "dead-end",
                                             "jargon", "shouting", "condescending", "apology",
                                             "threat", "negative", "no-reply",      "wordy",
                                             "cta",    "flippant", "dark-pattern",  NULL};
    tl_ruleset rs;
    tl_ruleset_init(&rs);
    tl_error err;
    tl_error_clear(&err);
    ck_assert_int_eq(tl_ruleset_load_dir(&rs, TL_SOURCE_DIR "/rules", NULL, &err), 0);
    int failures = 0;
    for (size_t i = 0; i < rs.n; i++) {
        const tl_rule *r = rs.rules[i];
        bool known = false;
        for (int c = 0; categories[c]; c++)
            known |= strcmp(categories[c], r->category) == 0;
        if (!known || r->nbad < 2 || r->ngood < 2 || !r->source || !r->source[0]) {
            fprintf(stderr,
                    "%s:%d: %s: needs a stable category, 2 bad and 2 good examples and a source\n",
                    r->file, r->line, r->id);
            failures++;
        }
    }
    ck_assert_int_eq(failures, 0);
    tl_ruleset_free(&rs);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rule_examples");
    TCase *tc = tcase_create("pack");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, every_example_of_every_rule);
    tcase_add_test(tc, every_rule_is_complete);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
