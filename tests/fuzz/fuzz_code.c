/* fuzz_code.c - libFuzzer target for the source code lexers and the
 * selection of copy: the input's first byte picks a language (JavaScript
 * with JSX, TypeScript, TSX, Python, Go, C, C++, Java, PHP, Ruby, Kotlin, C#,
 * Swift), the rest is a file of it, linted with the default pack. Besides the sanitizers, it checks
 * that the literals come in source order, that each one's source map stays
 * inside the input, covers its text in order and holds its placeholders,
 * that every literal was decided (copy, or skipped with a reason), and that
 * an error has a place inside the input. */
#include "lint/linter.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tl_linter L;

static const struct {
    const char *syntax, *name;
} langs[] = {
    {"javascript", "fuzz.jsx"}, {"typescript", "fuzz.ts"}, {"typescript", "fuzz.tsx"},
    {"python", "fuzz.py"},      {"go", "fuzz.go"},         {"c", "fuzz.c"},
    {"cpp", "fuzz.cc"},         {"java", "Fuzz.java"},     {"php-code", "fuzz.php"},
    {"ruby", "fuzz.rb"},        {"kotlin", "Fuzz.kt"},     {"csharp", "Fuzz.cs"},
    {"swift", "Fuzz.swift"},
};

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

static void check_segment(const tl_segment *seg, size_t size)
{
    size_t text = 0;
    for (size_t k = 0; k < seg->nspans; k++) {
        const tl_span *sp = &seg->spans[k];
        if (sp->raw_off + sp->raw_len > size || sp->text_off != text) abort();
        if (k && sp->raw_off < seg->spans[k - 1].raw_off + seg->spans[k - 1].raw_len) abort();
        text += sp->text_len;
    }
    if (seg->nspans && text != seg->text_len) abort();
    if (seg->raw_start > seg->raw_end || seg->raw_end > size) abort();
    for (size_t r = 0; r < seg->nprotect; r++) {
        const tl_text_range *p = &seg->protect[r];
        if (p->start > p->end || p->end > seg->text_len) abort();
        if (r && p->start < seg->protect[r - 1].end) abort();
    }
    if (!seg->src || !(seg->skip || seg->taken)) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    load_once();
    size_t which = data[0] % (sizeof(langs) / sizeof(langs[0]));
    size--;
    unsigned char *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    memcpy(copy, data + 1, size);
    tl_doc doc;
    tl_doc_init(&doc, langs[which].name, copy, size, copy);
    tl_findings f = {0};
    tl_error err;
    tl_error_clear(&err);
    if (tl_lint_doc(&L, &doc, langs[which].syntax, &f, &err) == 0) {
        for (size_t i = 0; i < f.n; i++) {
            if (f.items[i].offset + f.items[i].length > size) abort();
            if (f.items[i].start.line < 1 || f.items[i].start.column < 1) abort();
        }
        for (size_t s = 0; s < doc.nsegs; s++) {
            check_segment(&doc.segs[s], size);
            if (s && doc.segs[s].raw_start < doc.segs[s - 1].raw_start) abort();
        }
    } else if (err.line < 0 || err.offset > size) {
        abort();
    }
    tl_findings_free(&f);
    tl_doc_free(&doc);
    return 0;
}
