/* fuzz_rules.c - libFuzzer target for the rule-pack loader (YAML tree,
 * field validation, PCRE2 compilation). A loaded pack is also run over a
 * fixed string, so a pattern that compiles but misbehaves is caught. */
#include "lint/linter.h"
#include "tokenize/classify.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tl_linter L;
    tl_linter_init(&L);
    tl_error err;
    tl_error_clear(&err);
    if (tl_ruleset_load_file(&L.rules, "fuzz.yml", data, size, "en", &err) == 0 &&
        tl_linter_prepare(&L, &err) == 0) {
        static const char text[] = "You failed to enter a valid card. Please try again!!";
        tl_doc doc;
        tl_doc_init(&doc, "fuzz.txt", (const unsigned char *)text, sizeof(text) - 1, NULL);
        tl_segbuild sb;
        tl_segbuild_init(&sb);
        tl_segbuild_utf8(&sb, 0, text, sizeof(text) - 1);
        tl_segment *seg = tl_doc_add(&doc, &sb, "errors.card", NULL);
        if (seg) {
            seg->lang = "en";
            tl_classify(&L.rules.kinds, seg, NULL);
            tl_findings f = {0};
            tl_matcher_run(&L.matcher, &doc, seg, &f);
            tl_findings_free(&f);
        }
        tl_segbuild_free(&sb);
        tl_doc_free(&doc);
    }
    tl_linter_free(&L);
    return 0;
}
