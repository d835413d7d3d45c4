/* tl_test_kinds.h - the default pack's kind cues (rules/kinds.yml) for
 * unit tests that build a rule set from their own rules, or none. */
#ifndef TL_TEST_KINDS_H
#define TL_TEST_KINDS_H

#include "match/rule.h"

#include <check.h>
#include <stdio.h>

static inline void tl_test_load_kinds(tl_ruleset *rs)
{
    const char *path = TL_SOURCE_DIR "/rules/kinds.yml";
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    static unsigned char bytes[1 << 16];
    size_t len = fread(bytes, 1, sizeof(bytes), f);
    fclose(f);
    tl_error err;
    tl_error_clear(&err);
    int rc = tl_ruleset_load_file(rs, path, bytes, len, NULL, &err);
    ck_assert_msg(rc == 0, "%s:%d:%d: %s", path, err.line, err.column, err.message);
}

#endif
