/* fuzz_config.c - libFuzzer target for `.tonelint.yml` (YAML tree, field
 * checks, PCRE2 for /regex/ keys) and the glob matcher. A config that
 * parses is used: every pattern is matched against fixed paths and keys.
 * The input is also split at its first newline into a glob and a text,
 * matched both ways, so patterns of any shape reach the matcher. */
#include "config/config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const paths[] = {
    "a.po", "locale/de/app.po", "emails/x/y.txt", "../out.json", ".hidden/x", "a/b/c/d/e/f/g.yml",
    "",     "é/ü.strings"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tl_config cfg;
    tl_error err;
    tl_error_clear(&err);
    if (tl_config_parse(&cfg, "fuzz.yml", "/proj", data, size, &err) == 0) {
        tl_regex_scratch *sc = NULL;
        tl_regex_scratch_new(&sc);
        for (size_t k = 0; k < sizeof(paths) / sizeof(paths[0]); k++) {
            tl_config_ignores(&cfg, paths[k]);
            for (size_t o = 0; o < cfg.noverrides; o++)
                for (size_t g = 0; g < cfg.overrides[o].nfiles; g++)
                    tl_path_match(cfg.overrides[o].files[g], paths[k]);
            tl_segment seg;
            memset(&seg, 0, sizeof(seg));
            seg.key = paths[k];
            seg.context = "legal.terms";
            if (sc) tl_config_ignores_key(&cfg, sc, &seg);
        }
        tl_ruleset rs;
        tl_ruleset_init(&rs);
        tl_config_check(&cfg, &rs, &err);
        tl_ruleset_free(&rs);
        tl_regex_scratch_free(sc);
    }
    tl_config_free(&cfg);

    const uint8_t *nl = memchr(data, '\n', size);
    if (nl) {
        size_t pl = (size_t)(nl - data);
        char *pat = malloc(pl + 1), *text = malloc(size - pl);
        if (pat && text) {
            memcpy(pat, data, pl);
            pat[pl] = '\0';
            memcpy(text, nl + 1, size - pl - 1);
            text[size - pl - 1] = '\0';
            tl_glob_match(pat, text, 0);
            tl_glob_match(pat, text, TL_GLOB_PATH);
            tl_path_match(pat, text);
        }
        free(pat);
        free(text);
    }
    return 0;
}
