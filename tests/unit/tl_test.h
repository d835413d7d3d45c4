/* tl_test.h - checks shared by the extractor unit tests.
 *
 * tl_test_check_spans: every segment's source map covers its decoded text
 * in order, stays inside the stored file, never moves backwards in it, and
 * every literal span's stored bytes equal its decoded bytes. */
#ifndef TL_TEST_H
#define TL_TEST_H

#include "core/segment.h"

#include <check.h>
#include <string.h>

static inline void tl_test_check_spans(const tl_doc *doc)
{
    for (size_t i = 0; i < doc->nsegs; i++) {
        const tl_segment *s = &doc->segs[i];
        size_t covered = 0;
        for (size_t k = 0; k < s->nspans; k++) {
            const tl_span *sp = &s->spans[k];
            ck_assert_uint_le(sp->raw_off + sp->raw_len, doc->src.len);
            ck_assert_uint_eq(sp->text_off, covered);
            covered += sp->text_len;
            if (k) ck_assert_uint_ge(sp->raw_off, s->spans[k - 1].raw_off);
            if (sp->atomic) continue;
            ck_assert_uint_eq(sp->text_len, sp->raw_len);
            ck_assert_mem_eq(s->text + sp->text_off, doc->src.bytes + sp->raw_off, sp->text_len);
        }
        ck_assert_uint_eq(covered, s->text_len);
        ck_assert_uint_eq(strlen(s->text), s->text_len);
    }
}

#endif
