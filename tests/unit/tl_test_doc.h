/* tl_test_doc.h - what the extractor unit tests share.
 *
 * tl_test_doc and tl_test_extract: a document extracted from a text in
 * memory by one extractor, with its error and return code.
 * tl_test_check_spans: every segment's source map covers its decoded text
 * in order, stays inside the stored file, never moves backwards in it, and
 * every literal span's stored bytes equal its decoded bytes.
 * tl_test_check_maps_to: a decoded substring of a segment maps to exactly
 * the stored bytes given.
 * tl_test_encode: a fix encoder run on a decoded range of one segment.
 * tl_test_check_rendered: a row of a table-driven reader test, the
 * segments rendered as `key => text` and joined with `|`. */
#ifndef TL_TEST_DOC_H
#define TL_TEST_DOC_H

#include "core/segment.h"
#include "extract/format.h"

#include "tl_test.h"

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

typedef struct tl_test_doc {
    tl_doc doc;
    tl_error err;
    int rc;
} tl_test_doc;

/* Extract len bytes at src (borrowed, stored under `path`) with fn. */
static inline void tl_test_extract(tl_test_doc *f, tl_extract_fn fn, const char *path,
                                   const char *src, size_t len)
{
    tl_doc_init(&f->doc, path, (const unsigned char *)src, len, NULL);
    tl_error_clear(&f->err);
    f->rc = fn(&f->doc, &f->err);
}

/* The stored bytes that decoded substring `decoded` of segment s maps to
 * must be `stored`. */
static inline void tl_test_check_maps_to(const tl_doc *doc, const tl_segment *s,
                                         const char *decoded, const char *stored)
{
    const char *at = strstr(s->text, decoded);
    ck_assert_ptr_nonnull(at);
    size_t off = (size_t)(at - s->text);
    size_t rs = tl_segment_raw_start(s, off), re = tl_segment_raw_end(s, off + strlen(decoded));
    ck_assert_uint_eq(re - rs, strlen(stored));
    ck_assert_mem_eq(doc->src.bytes + rs, stored, strlen(stored));
}

/* Encode `text` with fn for the decoded range [from, to) of segment i (to
 * its end when `to` is NULL); returns the code, the bytes NUL-terminated in
 * out. */
static inline int tl_test_encode(tl_buf *out, const tl_test_doc *f, tl_encode_fn fn, size_t i,
                                 const char *from, const char *to, const char *text)
{
    const tl_segment *s = &f->doc.segs[i];
    const char *a = strstr(s->text, from);
    ck_assert_ptr_nonnull(a);
    size_t ts = (size_t)(a - s->text),
           te = to ? (size_t)(strstr(s->text, to) - s->text) : s->text_len;
    tl_buf_reset(out);
    int rc = fn(out, &f->doc, s, tl_segment_raw_start(s, ts), tl_segment_raw_end(s, te), text,
                strlen(text));
    tl_buf_putc(out, '\0');
    return rc;
}

/* Every segment of doc as `key => text`, joined with `|`, into out. */
/* A row of a table-driven reader test: the extraction succeeded, every
 * segment renders as `key => text`, joined with `|`, equal to `want`, and
 * the source maps hold; the document is freed. */
static inline void tl_test_check_rendered(tl_test_doc *f, const char *want)
{
    ck_assert_int_eq(f->rc, 0);
    tl_buf got = TL_BUF_INIT;
    for (size_t i = 0; i < f->doc.nsegs; i++) {
        if (i) tl_buf_putc(&got, '|');
        tl_buf_printf(&got, "%s => %s", f->doc.segs[i].key, f->doc.segs[i].text);
    }
    tl_buf_putc(&got, '\0');
    ck_assert_str_eq(got.data, want);
    tl_test_check_spans(&f->doc);
    tl_buf_free(&got);
    tl_doc_free(&f->doc);
}

#endif
