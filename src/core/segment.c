/* segment.c - source maps, the segment builder and the document. */
#include "segment.h"
#include "utf8.h"
#include "array.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[TL_KIND_COUNT] = {"ui", "ui", "error", "email", "notification"};

const char *tl_kind_name(tl_kind kind)
{
    return kind < TL_KIND_COUNT ? kind_names[kind] : "ui";
}

tl_kind tl_kind_from_name(const char *name)
{
    for (int k = TL_KIND_UI; k < TL_KIND_COUNT; k++)
        if (strcmp(name, kind_names[k]) == 0) return (tl_kind)k;
    return TL_KIND_UNKNOWN;
}

/* Index of the span holding text byte `off`, or n. */
static size_t span_at(const tl_span *spans, size_t n, size_t off)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const tl_span *s = &spans[mid];
        if (off < s->text_off)
            hi = mid;
        else if (off >= s->text_off + s->text_len)
            lo = mid + 1;
        else
            return mid;
    }
    return n;
}

size_t tl_spans_start(const tl_span *spans, size_t n, size_t off, size_t fallback)
{
    if (n == 0) return fallback;
    size_t i = span_at(spans, n, off);
    if (i == n) {
        if (off < spans[0].text_off) return spans[0].raw_off;
        return spans[n - 1].raw_off + spans[n - 1].raw_len;
    }
    const tl_span *s = &spans[i];
    return s->atomic ? s->raw_off : s->raw_off + (off - s->text_off);
}

size_t tl_spans_end(const tl_span *spans, size_t n, size_t off, size_t fallback)
{
    if (n == 0) return fallback;
    if (off == 0) return spans[0].raw_off;
    size_t i = span_at(spans, n, off - 1);
    if (i == n) {
        if (off <= spans[0].text_off) return spans[0].raw_off;
        return spans[n - 1].raw_off + spans[n - 1].raw_len;
    }
    const tl_span *s = &spans[i];
    return s->atomic ? s->raw_off + s->raw_len : s->raw_off + (off - s->text_off);
}

size_t tl_segment_raw_start(const tl_segment *seg, size_t off)
{
    return tl_spans_start(seg->spans, seg->nspans, off, seg->raw_start);
}

size_t tl_segment_raw_end(const tl_segment *seg, size_t off)
{
    return tl_spans_end(seg->spans, seg->nspans, off, seg->raw_start);
}

void tl_segbuild_init(tl_segbuild *sb)
{
    memset(sb, 0, sizeof(*sb));
}

void tl_segbuild_reset(tl_segbuild *sb)
{
    tl_buf_reset(&sb->text);
    sb->nspans = 0;
}

void tl_segbuild_free(tl_segbuild *sb)
{
    tl_buf_free(&sb->text);
    free(sb->spans);
    memset(sb, 0, sizeof(*sb));
}

static int push_span(tl_segbuild *sb, size_t raw_off, size_t raw_len, size_t len, bool atomic)
{
    size_t text_off = sb->text.len - len;
    if (!atomic && sb->nspans) {
        tl_span *last = &sb->spans[sb->nspans - 1];
        if (!last->atomic && last->raw_off + last->raw_len == raw_off &&
            last->text_off + last->text_len == text_off) {
            last->raw_len += raw_len;
            last->text_len += len;
            return 0;
        }
    }
    if (sb->nspans == sb->cap && tl_array_grow(&sb->spans, &sb->cap, sizeof(*sb->spans), 16) < 0)
        return TL_ENOMEM;
    sb->spans[sb->nspans++] = (tl_span){text_off, len, raw_off, raw_len, atomic};
    return 0;
}

int tl_segbuild_literal(tl_segbuild *sb, size_t raw_off, const char *text, size_t len)
{
    if (len == 0) return 0;
    if (tl_buf_append(&sb->text, text, len) < 0) return TL_ENOMEM;
    return push_span(sb, raw_off, len, len, false);
}

int tl_segbuild_atomic(tl_segbuild *sb, size_t raw_off, size_t raw_len, const char *text,
                       size_t len)
{
    if (tl_buf_append(&sb->text, text, len) < 0) return TL_ENOMEM;
    if (len == 0) return 0; /* a stored sequence that decodes to nothing */
    return push_span(sb, raw_off, raw_len, len, true);
}

int tl_segbuild_slice(tl_segbuild *dst, const tl_segbuild *src, size_t start, size_t end)
{
    tl_segbuild_reset(dst);
    dst->raw_begin = src->raw_begin;
    for (size_t i = 0; i < src->nspans; i++) {
        const tl_span *s = &src->spans[i];
        size_t a = s->text_off, b = s->text_off + s->text_len;
        if (b <= start || a >= end) continue;
        size_t from = a < start ? start : a, to = b > end ? end : b;
        const char *t = src->text.data + from;
        int rc;
        if (s->atomic) {
            if (from != a || to != b) return TL_EUSAGE;
            rc = tl_segbuild_atomic(dst, s->raw_off, s->raw_len, t, to - from);
        } else {
            rc = tl_segbuild_literal(dst, s->raw_off + (from - a), t, to - from);
        }
        if (rc < 0) return rc;
    }
    return dst->text.len == end - start ? 0 : TL_EUSAGE;
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when invalid or a
 * NUL (segment text holds none). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    return s[0] ? tl_utf8_valid(s, n) : 0;
}

int tl_segbuild_utf8(tl_segbuild *sb, size_t raw_off, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, run = 0;
    while (i < len) {
        if (s[i] >= 0x20 && s[i] < 0x80) { /* fast path for ASCII */
            i++;
            continue;
        }
        size_t n = utf8_seq(s + i, len - i);
        if (n) {
            i += n;
            continue;
        }
        if (tl_segbuild_literal(sb, raw_off + run, text + run, i - run) < 0) return TL_ENOMEM;
        if (tl_segbuild_atomic(sb, raw_off + i, 1, "\xEF\xBF\xBD", 3) < 0) return TL_ENOMEM;
        run = ++i;
    }
    return tl_segbuild_literal(sb, raw_off + run, text + run, len - run);
}

void tl_doc_init(tl_doc *doc, const char *path, const unsigned char *bytes, size_t len,
                 unsigned char *owned)
{
    memset(doc, 0, sizeof(*doc));
    doc->path = path;
    doc->owned = owned;
    tl_source_init(&doc->src, path, bytes, len);
}

void tl_doc_free(tl_doc *doc)
{
    if (!doc) return;
    tl_arena_free(&doc->arena);
    tl_source_free(&doc->src);
    free(doc->segs);
    free(doc->directives);
    free(doc->owned);
    memset(doc, 0, sizeof(*doc));
}

tl_segment *tl_doc_add(tl_doc *doc, tl_segbuild *sb, const char *key, const char *context)
{
    if (doc->nsegs == doc->capsegs &&
        tl_array_grow(&doc->segs, &doc->capsegs, sizeof(*doc->segs), 64) < 0)
        return NULL;
    tl_segment *seg = &doc->segs[doc->nsegs];
    memset(seg, 0, sizeof(*seg));
    seg->text = tl_arena_strndup(&doc->arena, sb->text.data ? sb->text.data : "", sb->text.len);
    seg->text_len = sb->text.len;
    tl_span *spans = NULL;
    if (sb->nspans) {
        spans = tl_arena_alloc(&doc->arena, sb->nspans * sizeof(*spans));
        if (spans) memcpy(spans, sb->spans, sb->nspans * sizeof(*spans));
    }
    if (!seg->text || (sb->nspans && !spans)) return NULL;
    seg->spans = spans;
    seg->nspans = sb->nspans;
    seg->key = key ? tl_arena_strdup(&doc->arena, key) : NULL;
    seg->context = context ? tl_arena_strdup(&doc->arena, context) : NULL;
    if (sb->nspans) {
        seg->raw_start = spans[0].raw_off;
        seg->raw_end = spans[sb->nspans - 1].raw_off + spans[sb->nspans - 1].raw_len;
    } else {
        seg->raw_start = seg->raw_end = sb->raw_begin;
    }
    seg->lang = doc->lang;
    seg->index = (int)doc->nsegs;
    doc->nsegs++;
    tl_segbuild_reset(sb);
    return seg;
}

int tl_doc_add_directive(tl_doc *doc, tl_directive_kind kind, size_t offset, const char *rules,
                         size_t rules_len)
{
    if (doc->ndirectives == doc->capdirectives &&
        tl_array_grow(&doc->directives, &doc->capdirectives, sizeof(*doc->directives), 8) < 0)
        return TL_ENOMEM;
    const char *r = tl_arena_strndup(&doc->arena, rules, rules_len);
    if (!r) return TL_ENOMEM;
    doc->directives[doc->ndirectives++] = (tl_directive){kind, offset, r, offset, false, false};
    return 0;
}

int tl_doc_scan_comment(tl_doc *doc, const char *text, size_t len, size_t offset)
{
    static const struct {
        const char *word;
        tl_directive_kind kind;
    } words[] = {{"tonelint-disable-next-line", TL_DIRECTIVE_NEXT_LINE},
                 {"tonelint-disable-line", TL_DIRECTIVE_LINE},
                 {"tonelint-disable", TL_DIRECTIVE_DISABLE},
                 {"tonelint-enable", TL_DIRECTIVE_ENABLE}};
    const char *end = text + len;
    for (const char *p = text; p < end; p++) {
        if (*p != 't' || (size_t)(end - p) < 15 || memcmp(p, "tonelint-", 9) != 0) continue;
        for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
            size_t wl = strlen(words[w].word);
            if ((size_t)(end - p) < wl || memcmp(p, words[w].word, wl) != 0) continue;
            const char *q = p + wl;
            if (q < end && (*q == '-' || (*q >= 'a' && *q <= 'z'))) continue; /* longer word */
            /* The rule list runs to the end of the comment or of its line,
             * minus any closer. */
            const char *r = q, *re = end;
            while (r < re && (*r == ' ' || *r == '\t' || *r == ':'))
                r++;
            for (const char *nl = r; nl < re; nl++)
                if (*nl == '\n') {
                    re = nl;
                    break;
                }
            while (re > r && (re[-1] == ' ' || re[-1] == '\t' || re[-1] == '\n' || re[-1] == '\r' ||
                              re[-1] == '/' || re[-1] == '*' || re[-1] == '>' || re[-1] == '-'))
                re--;
            /* `-- reason` ends the list (after the closer, so `-->` is not one). */
            for (const char *d = r; d + 1 < re; d++)
                if (d[0] == '-' && d[1] == '-' && (d == r || d[-1] == ' ' || d[-1] == '\t')) {
                    re = d;
                    while (re > r && (re[-1] == ' ' || re[-1] == '\t'))
                        re--;
                    break;
                }
            int rc = tl_doc_add_directive(doc, words[w].kind, offset, r, (size_t)(re - r));
            if (rc < 0) return rc;
            /* A comment read in place (not decoded from UTF-16) locates its
             * names exactly, for a warning about a misspelt one. */
            const char *bytes = (const char *)doc->src.bytes;
            if (bytes && r >= bytes && re <= bytes + doc->src.len) {
                doc->directives[doc->ndirectives - 1].rules_at = (size_t)(r - bytes);
                doc->directives[doc->ndirectives - 1].rules_raw = true;
            }
            return 0;
        }
    }
    return 0;
}

int tl_doc_error(tl_doc *doc, tl_error *err, int code, size_t offset, const char *fmt, ...)
{
    if (!err) return code;
    err->code = code;
    err->path = doc->path;
    err->offset = offset;
    tl_position pos = {0, 0, 0};
    if (tl_source_position(&doc->src, offset, &pos) == 0) {
        err->line = pos.line;
        err->column = pos.column;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return code;
}
