/* fuzz_prefilter.c - libFuzzer target for the prefilter's pattern parser.
 *
 * Input: a flags byte, a pattern, a NUL byte, a text. The pattern is parsed
 * into its condition (it must not crash or hang on any PCRE2 syntax) and,
 * when PCRE2 compiles it, checked against the text: if PCRE2 finds a
 * match, the prefilter must not have skipped the pattern (an abort shows
 * the input). Flags bit 0: the pattern is matched with case. */
#include "match/prefilter.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    bool with_case = data[0] & 1u;
    const char *rest = (const char *)data + 1;
    const char *nul = memchr(rest, 0, size - 1);
    if (!nul) return 0;
    char *pattern = strndup(rest, (size_t)(nul - rest));
    const char *text = nul + 1;
    size_t len = size - 1 - (size_t)(nul - rest) - 1;
    if (!pattern) return 0;

    tl_buf b = TL_BUF_INIT;
    tl_prefilter_describe(&b, pattern, !with_case);
    tl_buf_free(&b);

    tl_error err;
    tl_error_clear(&err);
    tl_regex *re = NULL;
    if (tl_regex_compile(&re, pattern, with_case ? 0 : TL_RE_CASELESS, &err) == 0) {
        tl_rule rule;
        memset(&rule, 0, sizeof(rule));
        rule.id = "fuzz.pattern";
        rule.kind = TL_RULE_EXISTENCE;
        rule.case_sensitive = with_case;
        const char *src[1] = {pattern};
        tl_regex *res[1] = {re};
        rule.patterns.src = src;
        rule.patterns.re = res;
        rule.patterns.n = 1;
        tl_rule *rules[1] = {&rule};
        tl_ruleset rs;
        memset(&rs, 0, sizeof(rs));
        rs.rules = rules;
        rs.n = 1;
        tl_prefilter *pf = NULL;
        tl_prefilter_state st;
        tl_regex_scratch *sc = NULL;
        if (tl_prefilter_new(&pf, &rs) == 0 && tl_prefilter_state_init(&st, pf) == 0) {
            tl_prefilter_scan(pf, &st, text, len);
            bool may = tl_prefilter_candidate(&st, 0) && tl_prefilter_pattern(pf, &st, 0, 0);
            tl_regex_match m;
            if (!may && tl_regex_scratch_new(&sc) == 0 &&
                tl_regex_find(re, sc, text, len, 0, &m) == 1)
                abort(); /* PCRE2 matches a text the prefilter ruled out */
            tl_prefilter_state_free(&st);
        }
        tl_regex_scratch_free(sc);
        tl_prefilter_free(pf);
        tl_regex_free(re);
    }
    free(pattern);
    return 0;
}
