/* source.c - line table and character columns over stored bytes.
 *
 * Lines end at LF, CRLF or a lone CR (PO, .properties and .strings files
 * from old Mac tools use it). In UTF-16 files the same rules apply to code
 * units. Columns count code points; a malformed UTF-8 byte counts as one. */
#include "source.h"
#include "error.h"
#include "array.h"

#include <stdlib.h>
#include <string.h>

void tl_source_init(tl_source *src, const char *path, const unsigned char *bytes, size_t len)
{
    memset(src, 0, sizeof(*src));
    src->path = path;
    src->bytes = bytes;
    src->len = len;
    if (len >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
        src->bom_len = 3;
    } else if (len >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) {
        src->encoding = TL_ENC_UTF16LE;
        src->bom_len = 2;
    } else if (len >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) {
        src->encoding = TL_ENC_UTF16BE;
        src->bom_len = 2;
    }
}

static unsigned unit_at(const tl_source *src, size_t off)
{
    if (src->encoding == TL_ENC_UTF16LE)
        return off + 1 < src->len ? (unsigned)(src->bytes[off] | src->bytes[off + 1] << 8) : 0;
    if (src->encoding == TL_ENC_UTF16BE)
        return off + 1 < src->len ? (unsigned)(src->bytes[off] << 8 | src->bytes[off + 1]) : 0;
    return src->bytes[off];
}

static size_t unit_size(const tl_source *src)
{
    return src->encoding == TL_ENC_UTF16LE || src->encoding == TL_ENC_UTF16BE ? 2 : 1;
}

static int push_line(size_t **starts, size_t *n, size_t *cap, size_t start)
{
    if (*n == *cap && tl_array_grow(starts, cap, sizeof(**starts), 64) < 0) return TL_ENOMEM;
    (*starts)[(*n)++] = start;
    return 0;
}

static int build_lines(tl_source *src)
{
    size_t cap = 64, n = 0, step = unit_size(src);
    size_t *starts = malloc(cap * sizeof(*starts));
    if (!starts) return TL_ENOMEM;
    starts[n++] = 0;
    int rc = 0;
    if (step == 1 && !memchr(src->bytes, '\r', src->len)) {
        /* The common case, LF only: memchr finds each line end in a few
         * instructions per byte. */
        const unsigned char *p = src->bytes, *end = src->bytes + src->len;
        while (rc == 0 && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
            p++;
            rc = push_line(&starts, &n, &cap, (size_t)(p - src->bytes));
        }
    } else {
        for (size_t i = 0; rc == 0 && i + step <= src->len; i += step) {
            unsigned u = unit_at(src, i);
            if (u == '\r' && i + 2 * step <= src->len && unit_at(src, i + step) == '\n') continue;
            if (u == '\n' || u == '\r') rc = push_line(&starts, &n, &cap, i + step);
        }
    }
    if (rc != 0) {
        free(starts);
        return rc;
    }
    src->line_starts = starts;
    src->nlines = n;
    src->cache_line = (size_t)-1;
    return 0;
}

static void drop_lines(tl_source *src)
{
    if (!src->lines_borrowed) free(src->line_starts);
    src->line_starts = NULL;
    src->lines_borrowed = false;
}

static void use_lines(tl_source *src, size_t *starts, size_t n, bool borrowed)
{
    drop_lines(src);
    src->line_starts = starts;
    src->lines_borrowed = borrowed;
    src->nlines = n;
    src->cache_line = (size_t)-1;
    free(src->cp_col);
    free(src->cp_col16);
    src->cp_col = src->cp_col16 = NULL;
    src->ncp = 0;
}

int tl_source_set_lines(tl_source *src, const size_t *starts, size_t n)
{
    size_t *copy = n ? malloc(n * sizeof(*copy)) : NULL;
    if (!copy) return TL_ENOMEM;
    memcpy(copy, starts, n * sizeof(*copy));
    use_lines(src, copy, n, false);
    return 0;
}

void tl_source_borrow_lines(tl_source *src, const size_t *starts, size_t n)
{
    if (n) use_lines(src, (size_t *)starts, n, true);
}

size_t tl_lines_find(const size_t *starts, size_t n, size_t offset, size_t from)
{
    size_t lo = 0, hi = n;
    if (from < n && starts[from] <= offset) {
        /* Gallop forward from `from`: a few reads near each other when the
         * answer is close, as it is for offsets asked in increasing order. */
        size_t step = 1;
        lo = from;
        while (lo + step < n && starts[lo + step] <= offset) {
            lo += step;
            step *= 2;
        }
        if (lo + step < n) hi = lo + step; /* starts[lo] <= offset < starts[hi] */
    }
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The line holding offset. Offsets mostly come in increasing order (the
 * findings of a file, string after string, usually a few lines apart), so
 * the search starts from the line of the last position. */
static size_t find_line(const tl_source *src, size_t offset)
{
    return tl_lines_find(src->line_starts, src->nlines, offset,
                         src->cache_line < src->nlines ? src->cache_line : 0);
}

/* Advance over [from, to) counting characters and UTF-16 units. */
static void count_columns(const tl_source *src, size_t from, size_t to, size_t *col, size_t *col16)
{
    const unsigned char *b = src->bytes;
    if (src->encoding == TL_ENC_UTF16LE || src->encoding == TL_ENC_UTF16BE) {
        for (size_t i = from; i < to; i += 2) {
            unsigned u = unit_at(src, i);
            (*col16)++;
            if (u < 0xDC00 || u > 0xDFFF) (*col)++; /* a low surrogate ends a pair */
        }
        return;
    }
    if (src->encoding == TL_ENC_LATIN1) {
        *col += to - from;
        *col16 += to - from;
        return;
    }
    for (size_t i = from; i < to; i++) {
        unsigned char c = b[i];
        if ((c & 0xC0) == 0x80) continue; /* continuation byte */
        (*col)++;
        (*col16) += c >= 0xF0 && c <= 0xF4 ? 2 : 1;
    }
}

/* Columns at every checkpoint of `line` (starting at byte `start`). */
static int build_checkpoints(tl_source *src, size_t line, size_t start)
{
    size_t end = line + 1 < src->nlines ? src->line_starts[line + 1] : src->len;
    size_t n = (end - start) / TL_SOURCE_CHECKPOINT + 1;
    size_t *col = malloc(n * sizeof(*col)), *col16 = malloc(n * sizeof(*col16));
    if (!col || !col16) {
        free(col);
        free(col16);
        return TL_ENOMEM;
    }
    size_t c = 0, c16 = 0;
    col[0] = col16[0] = 0;
    for (size_t k = 1; k < n; k++) {
        count_columns(src, start + (k - 1) * TL_SOURCE_CHECKPOINT, start + k * TL_SOURCE_CHECKPOINT,
                      &c, &c16);
        col[k] = c;
        col16[k] = c16;
    }
    free(src->cp_col);
    free(src->cp_col16);
    src->cp_col = col;
    src->cp_col16 = col16;
    src->ncp = n;
    src->cp_line = line;
    return 0;
}

int tl_source_position(tl_source *src, size_t offset, tl_position *out)
{
    if (!src->line_starts && build_lines(src) < 0) return TL_ENOMEM;
    if (offset > src->len) offset = src->len;
    size_t line = find_line(src, offset);
    size_t start = src->line_starts[line];
    if (line == 0 && start < src->bom_len) start = src->bom_len;
    if (offset < start) offset = start;
    size_t col = 0, col16 = 0, from = start;
    if (offset - start >= TL_SOURCE_CHECKPOINT) {
        if ((src->cp_line != line || !src->cp_col) && build_checkpoints(src, line, start) < 0)
            return TL_ENOMEM;
        size_t k = (offset - start) / TL_SOURCE_CHECKPOINT;
        if (k >= src->ncp) k = src->ncp - 1;
        from = start + k * TL_SOURCE_CHECKPOINT;
        col = src->cp_col[k];
        col16 = src->cp_col16[k];
    }
    if (src->cache_line == line && src->cache_off <= offset && src->cache_off >= from) {
        from = src->cache_off;
        col = src->cache_col;
        col16 = src->cache_col16;
    }
    count_columns(src, from, offset, &col, &col16);
    src->cache_line = line;
    src->cache_off = offset;
    src->cache_col = col;
    src->cache_col16 = col16;
    out->line = (int)(line + 1);
    out->column = (int)(col + 1);
    out->column16 = (int)(col16 + 1);
    return 0;
}

int tl_source_line_span(tl_source *src, int line, size_t *start, size_t *end)
{
    if (!src->line_starts && build_lines(src) < 0) return TL_ENOMEM;
    if (line < 1 || (size_t)line > src->nlines) return TL_EUSAGE;
    size_t s = src->line_starts[line - 1];
    if (line == 1 && s < src->bom_len) s = src->bom_len;
    size_t e = (size_t)line < src->nlines ? src->line_starts[line] : src->len;
    size_t step = unit_size(src);
    while (e > s && e >= step && (unit_at(src, e - step) == '\n' || unit_at(src, e - step) == '\r'))
        e -= step;
    *start = s;
    *end = e;
    return 0;
}

void tl_source_free(tl_source *src)
{
    free(src->cp_col);
    free(src->cp_col16);
    src->cp_col = src->cp_col16 = NULL;
    src->ncp = 0;
    drop_lines(src);
    src->nlines = 0;
}
