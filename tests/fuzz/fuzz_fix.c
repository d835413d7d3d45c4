/* fuzz_fix.c - libFuzzer target for safe fixes: the input's first byte picks
 * a format (catalogs, markup or source code), the rest is a file of that
 * format. When it lints, tl_fix_bytes fixes it (msgids included); the fixed
 * bytes must lint again without error, must differ from the input only
 * inside the planned edits, and a second fix must change nothing. */
#include "fix/fixer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tl_linter L;

static const struct {
    const char *syntax, *name;
} formats[] = {
    {"po", "fuzz.po"},
    {"text", "fuzz.txt"},
    {"json", "fuzz.json"},
    {"yaml", "fuzz.yml"},
    {"android", "values/strings.xml"},
    {"xliff", "fuzz.xlf"},
    {"properties", "fuzz.properties"},
    {"strings", "Localizable.strings"},
    {"fluent", "fuzz.ftl"},
    {"markup", "fuzz.html"},
    {"resx", "fuzz.resx"},
    {"arb", "fuzz.arb"},
    {"lang", "langs/en_US/fuzz.lang"},
    {"magento-csv", "i18n/en_US.csv"},
    {"ini", "language/en-GB/en-GB.fuzz.ini"},
    {"vufind-ini", "languages/en.ini"},
    /* Source code: rewrites inside string literals (extract/code_encode.c). */
    {"javascript", "fuzz.jsx"},
    {"python", "fuzz.py"},
    {"ruby", "fuzz.rb"},
    {"php-code", "fuzz.php"},
    {"go", "fuzz.go"},
    {"java", "fuzz.java"},
    {"cpp", "fuzz.cpp"},
    {"kotlin", "fuzz.kt"},
    {"csharp", "fuzz.cs"},
    {"swift", "fuzz.swift"},
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    load_once();
    size_t which = data[0] % (sizeof(formats) / sizeof(formats[0]));
    const char *syntax = formats[which].syntax, *name = formats[which].name;
    data++, size--;
    tl_fix_options opts = {TL_FIX_EXTRACTED, 0};
    tl_fix_result res;
    tl_error err;
    tl_error_clear(&err);
    int rc = tl_fix_bytes(&res, &L, name, syntax, data, size, &opts, &err);
    if (rc == 0 && res.bytes) {
        /* The fixed file still reads, and fixing it again changes nothing. */
        tl_fix_result again;
        tl_error err2;
        tl_error_clear(&err2);
        if (tl_fix_bytes(&again, &L, name, syntax, res.bytes, res.len, &opts, &err2) != 0) {
            fprintf(stderr, "fixed %s no longer reads: %s\n", syntax, err2.message);
            abort();
        }
        if (again.bytes && res.settled) {
            fprintf(stderr, "a second fix of %s changed the text\n", syntax);
            abort();
        }
        tl_fix_result_free(&again);
        /* Bytes outside the edits are untouched: rebuild from the edits. */
        tl_buf b = TL_BUF_INIT;
        if (tl_fix_apply(&b, data, size, res.edits, res.nedits) == 0 &&
            (b.len != res.len || memcmp(b.data, res.bytes, b.len) != 0)) {
            fprintf(stderr, "edits do not account for the fixed %s\n", syntax);
            abort();
        }
        tl_buf_free(&b);
    }
    tl_fix_result_free(&res);
    return 0;
}
