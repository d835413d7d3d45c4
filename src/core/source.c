/* source.c - line table and character columns over stored bytes.
 *
 * Lines end at LF, CRLF or a lone CR (PO, .properties and .strings files
 * from old Mac tools use it). In UTF-16 files the same rules apply to code
 * units. Columns count code points; a malformed UTF-8 byte counts as one.
 * A text an editor changes (tl_source_init_text, tl_source_edit) keeps its
 * table up to date edit by edit: only the lines a change touches are
 * scanned again. */
#include "source.h"
#include "error.h"
#include "array.h"

#include <stdint.h>
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

/* Line starts found in [from, to): the offset after each unit that ends a
 * line (LF; CR not followed by LF, looking past `to` to the end of the
 * source). Writes them to out when it is not NULL; returns how many. A line
 * table is built by counting first and filling an array of that size, so
 * it holds no spare room. */
static size_t scan_lines(const tl_source *src, size_t from, size_t to, size_t *out)
{
    size_t n = 0, step = unit_size(src);
    if (from >= to) return 0;
    if (step == 1) {
        /* Bytes: memchr finds each LF and each CR in a few instructions per
         * byte; the earlier of the two is the next candidate. */
        const unsigned char *b = src->bytes, *end = b + to, *p = b + from;
        const unsigned char *lf = memchr(p, '\n', (size_t)(end - p));
        const unsigned char *cr = memchr(p, '\r', (size_t)(end - p));
        while (lf || cr) {
            const unsigned char *q;
            if (cr && (!lf || cr < lf)) {
                q = cr;
                cr = memchr(cr + 1, '\r', (size_t)(end - cr - 1));
                if ((size_t)(q + 1 - b) < src->len && q[1] == '\n') continue; /* CRLF */
            } else {
                q = lf;
                lf = memchr(lf + 1, '\n', (size_t)(end - lf - 1));
            }
            if (out) out[n] = (size_t)(q + 1 - b);
            n++;
        }
        return n;
    }
    for (size_t i = from; i + step <= to; i += step) {
        unsigned u = unit_at(src, i);
        if (u == '\r' && i + 2 * step <= src->len && unit_at(src, i + step) == '\n') continue;
        if (u != '\n' && u != '\r') continue;
        if (out) out[n] = i + step;
        n++;
    }
    return n;
}

static void drop_lines(tl_source *src)
{
    if (!src->lines_borrowed) free(src->line_starts);
    src->line_starts = NULL;
    src->lines_borrowed = false;
    src->nlines = src->caplines = 0;
}

/* Forget the last position and the checkpoints: the lines or the bytes
 * changed. */
static void forget_columns(tl_source *src)
{
    src->cache_line = (size_t)-1;
    free(src->cp_col);
    free(src->cp_col16);
    src->cp_col = src->cp_col16 = NULL;
    src->ncp = 0;
}

static void use_lines(tl_source *src, size_t *starts, size_t n, bool borrowed)
{
    drop_lines(src);
    src->line_starts = starts;
    src->lines_borrowed = borrowed;
    src->nlines = src->caplines = n;
    forget_columns(src);
}

static int build_lines(tl_source *src)
{
    size_t n = 1 + scan_lines(src, 0, src->len, NULL);
    size_t *starts = n <= SIZE_MAX / sizeof(*starts) ? malloc(n * sizeof(*starts)) : NULL;
    if (!starts) return TL_ENOMEM;
    starts[0] = 0;
    scan_lines(src, 0, src->len, starts + 1);
    use_lines(src, starts, n, false);
    return 0;
}

int tl_source_init_text(tl_source *src, const char *path, const unsigned char *bytes, size_t len)
{
    memset(src, 0, sizeof(*src));
    src->path = path;
    src->bytes = bytes;
    src->len = len;
    src->cache_line = (size_t)-1;
    return build_lines(src);
}

void tl_source_borrow_lines(tl_source *src, const size_t *starts, size_t n)
{
    if (n) use_lines(src, (size_t *)starts, n, true);
}

int tl_source_edit(tl_source *src, const unsigned char *bytes, size_t len, size_t at,
                   size_t removed, size_t inserted)
{
    src->bytes = bytes;
    src->len = len;
    forget_columns(src);
    if (!src->line_starts) return 0;
    if (src->lines_borrowed || unit_size(src) != 1) {
        drop_lines(src);
        return 0;
    }
    /* Starts up to ws stay, starts after the old end of the change + 1 move
     * by the size difference, the ones between are found again by scanning
     * the new text from ws to the first unchanged byte. ws is a line start
     * before `at` (or 0), so a CR before the change that now meets an LF is
     * scanned again. */
    size_t *s = src->line_starts, n = src->nlines, b = at + removed;
    size_t la = tl_lines_find(s, n, at, 0);
    size_t wi = s[la] < at || la == 0 ? la : la - 1;
    size_t ws = s[wi];
    size_t keep = wi + 1; /* entries [0, keep) stay */
    size_t tail = keep;   /* first entry after b + 1 */
    while (tail < n && s[tail] <= b + 1)
        tail++;
    size_t new_b = at + inserted;
    size_t scan_end = new_b + 1 < len ? new_b + 1 : len; /* exclusive */
    size_t m = scan_lines(src, ws, scan_end, NULL);
    size_t ntail = n - tail, need = keep + m + ntail;
    if (need > src->caplines) {
        size_t cap = tl_array_room(need);
        size_t *p = cap <= SIZE_MAX / sizeof(*p) ? realloc(s, cap * sizeof(*p)) : NULL;
        if (!p) {
            drop_lines(src);
            return build_lines(src);
        }
        src->line_starts = s = p;
        src->caplines = cap;
    }
    memmove(s + keep + m, s + tail, ntail * sizeof(*s));
    for (size_t i = keep + m; i < need; i++)
        s[i] = s[i] - removed + inserted;
    scan_lines(src, ws, scan_end, s + keep);
    src->nlines = need;
    return 0;
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

/* Start and end (before the line break) of line i, 0-based, of a built
 * table. */
static void span(const tl_source *src, size_t i, size_t *start, size_t *end)
{
    size_t s = src->line_starts[i];
    if (i == 0 && s < src->bom_len) s = src->bom_len;
    size_t e = i + 1 < src->nlines ? src->line_starts[i + 1] : src->len;
    size_t step = unit_size(src);
    while (e > s && e >= step && (unit_at(src, e - step) == '\n' || unit_at(src, e - step) == '\r'))
        e -= step;
    *start = s;
    *end = e;
}

int tl_source_line_span(tl_source *src, int line, size_t *start, size_t *end)
{
    if (!src->line_starts && build_lines(src) < 0) return TL_ENOMEM;
    if (line < 1 || (size_t)line > src->nlines) return TL_EUSAGE;
    span(src, (size_t)line - 1, start, end);
    return 0;
}

/* The character at i (before end): its size in bytes and in UTF-16 units,
 * counted as count_columns counts them (a stray continuation byte is part
 * of no character and counts nothing). */
static void char_at(const tl_source *src, size_t i, size_t end, size_t *bytes, size_t *units)
{
    if (src->encoding == TL_ENC_UTF16LE || src->encoding == TL_ENC_UTF16BE) {
        unsigned u = unit_at(src, i);
        bool pair = u >= 0xD800 && u <= 0xDBFF && i + 4 <= end && unit_at(src, i + 2) >= 0xDC00 &&
                    unit_at(src, i + 2) <= 0xDFFF;
        *bytes = pair ? 4 : 2;
        *units = pair ? 2 : 1;
        return;
    }
    if (src->encoding == TL_ENC_LATIN1) {
        *bytes = *units = 1;
        return;
    }
    const unsigned char *b = src->bytes;
    size_t k = 1;
    while (k < 4 && i + k < end && (b[i + k] & 0xC0) == 0x80)
        k++;
    *bytes = k;
    *units = (b[i] & 0xC0) == 0x80 ? 0 : b[i] >= 0xF0 && b[i] <= 0xF4 ? 2 : 1;
}

int tl_source_offset16(tl_source *src, size_t line, size_t column16, bool round_up, size_t *out)
{
    if (!src->line_starts && build_lines(src) < 0) return TL_ENOMEM;
    if (line > src->nlines) {
        *out = src->len;
        return 0;
    }
    size_t i, end, units = 0, want = column16 ? column16 - 1 : 0;
    span(src, line ? line - 1 : 0, &i, &end);
    while (i < end && units < want) {
        size_t k, u;
        char_at(src, i, end, &k, &u);
        if (units + u > want) break; /* inside a surrogate pair */
        units += u;
        i += k;
    }
    if (units < want && i < end && round_up) {
        size_t k, u;
        char_at(src, i, end, &k, &u);
        i += k;
    }
    *out = i;
    return 0;
}

void tl_source_free(tl_source *src)
{
    free(src->cp_col);
    free(src->cp_col16);
    src->cp_col = src->cp_col16 = NULL;
    src->ncp = 0;
    drop_lines(src);
}
