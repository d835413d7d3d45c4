/* fuzz_extract.c - libFuzzer target for one format's whole pipeline:
 * extract, classify, match with the default pack. Built once per format
 * with TL_FUZZ_SYNTAX (the --syntax name) and TL_FUZZ_NAME (a file name that
 * picks the same format). Besides the sanitizers, it checks that every
 * finding lies inside the input and every segment's source map stays inside
 * the input and is ordered. */
#include "lint/linter.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tl_linter L;

static void load_once(void)
{
    static int loaded;
    if (loaded) return;
    loaded = 1;
    tl_linter_init(&L);
    tl_error err;
    tl_error_clear(&err);
    if (tl_ruleset_load_dir(&L.rules, TL_SOURCE_DIR "/rules", NULL, &err) < 0 ||
        tl_linter_prepare(&L, &err) < 0) {
        fprintf(stderr, "cannot load rules: %s\n", err.message);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_once();
    unsigned char *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    memcpy(copy, data, size);
    tl_doc doc;
    tl_doc_init(&doc, TL_FUZZ_NAME, copy, size, copy);
    tl_findings f = {0};
    tl_error err;
    tl_error_clear(&err);
    if (tl_lint_doc(&L, &doc, TL_FUZZ_SYNTAX, &f, &err) == 0) {
        for (size_t i = 0; i < f.n; i++) {
            if (f.items[i].offset + f.items[i].length > size) abort();
            if (f.items[i].start.line < 1 || f.items[i].start.column < 1) abort();
        }
        for (size_t s = 0; s < doc.nsegs; s++) {
            const tl_segment *seg = &doc.segs[s];
            size_t text = 0;
            for (size_t k = 0; k < seg->nspans; k++) {
                const tl_span *sp = &seg->spans[k];
                if (sp->raw_off + sp->raw_len > size || sp->text_off != text) abort();
                text += sp->text_len;
            }
            if (seg->nspans && text != seg->text_len) abort();
        }
    } else if (err.line < 0 || err.offset > size) {
        abort();
    }
    tl_findings_free(&f);
    tl_doc_free(&doc);
    return 0;
}
