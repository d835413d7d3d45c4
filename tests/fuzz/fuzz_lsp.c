/* fuzz_lsp.c - libFuzzer target for the language server's byte-level parts:
 * the message framing reader (with small limits, fed in reads of varying
 * sizes) and incremental text changes. Each framed body is read as a list of
 * edits (start line, start character, end line, end character, length, then
 * that many bytes of text) applied to one document; after every edit the
 * line table must equal one rebuilt from scratch and every position must
 * map inside the text. */
#include "lsp/documents.h"
#include "lsp/jsonrpc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct feed {
    const uint8_t *data;
    size_t len, pos;
} feed;

static ssize_t feed_read(void *ud, void *buf, size_t n)
{
    feed *f = ud;
    if (f->pos >= f->len) return 0;
    /* Read sizes vary with the data so boundaries fall everywhere. */
    size_t k = (size_t)(f->data[f->pos] % 13) + 1;
    if (k > n) k = n;
    if (k > f->len - f->pos) k = f->len - f->pos;
    memcpy(buf, f->data + f->pos, k);
    f->pos += k;
    return (ssize_t)k;
}

static void check_text(const tl_lsp_text *t)
{
    tl_source fresh;
    if (tl_source_init_text(&fresh, "x", (const unsigned char *)t->text.data, t->text.len) < 0)
        abort();
    if (fresh.nlines != t->src.nlines) abort();
    for (size_t i = 0; i < t->src.nlines; i++)
        if (fresh.line_starts[i] != t->src.line_starts[i]) abort();
    tl_source_free(&fresh);
}

static void apply_edits(tl_lsp_text *t, const unsigned char *b, size_t n)
{
    size_t i = 0;
    while (i + 5 <= n) {
        tl_lsp_range r = {{b[i] % 8, b[i + 1] % 16}, {b[i + 2] % 8, b[i + 3] % 16}};
        size_t len = b[i + 4] % 16;
        i += 5;
        if (len > n - i) len = n - i;
        if (tl_lsp_text_apply(t, &r, (const char *)b + i, len) < 0) abort();
        i += len;
        check_text(t);
        for (size_t l = 0; l <= t->src.nlines; l++) {
            tl_lsp_pos p = {l, 3};
            size_t off = tl_lsp_text_offset(t, p, l & 1);
            if (off > t->text.len) abort();
            tl_lsp_pos q = tl_lsp_text_position(t, off);
            if (q.line >= t->src.nlines) abort();
        }
        if (t->text.len > 4096) tl_lsp_text_set(t, "", 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    feed f = {data, size, 0};
    tl_rpc_reader *r = malloc(sizeof(*r));
    if (!r) return 0;
    tl_rpc_reader_init(r, feed_read, &f);
    r->max_header = 256;
    r->max_body = 1024;
    tl_lsp_text t;
    tl_lsp_text_init(&t);
    tl_lsp_text_set(&t, "", 0);
    tl_buf body = TL_BUF_INIT;
    for (;;) {
        tl_error err;
        tl_error_clear(&err);
        int rc = tl_rpc_read(r, &body, &err);
        if (rc == 0) break;
        if (rc == 1) {
            if (body.len > r->max_body) abort();
            apply_edits(&t, (const unsigned char *)body.data, body.len);
        } else if (!err.message[0]) {
            abort(); /* a refusal always says why */
        }
    }
    tl_buf_free(&body);
    tl_lsp_text_free(&t);
    tl_rpc_reader_free(r);
    free(r);
    return 0;
}
