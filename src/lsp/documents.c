/* documents.c - open documents: text, line table, UTF-16 positions, and
 * changes.
 *
 * LSP positions count UTF-16 code units; the text is UTF-8. A character of
 * one to three UTF-8 bytes is one unit, a four-byte character (outside the
 * Basic Multilingual Plane) is two. A line starts after LF, after CRLF, and
 * after a CR not followed by LF. An incremental change rescans only the
 * lines it touches and shifts the rest of the table. */
#include "documents.h"
#include "../core/array.h"
#include "../core/source.h"
#include "../core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void tl_lsp_text_init(tl_lsp_text *t)
{
    memset(t, 0, sizeof(*t));
}

void tl_lsp_text_free(tl_lsp_text *t)
{
    tl_buf_free(&t->text);
    free(t->lines);
    memset(t, 0, sizeof(*t));
}

/* Whether a line starts right after byte i. */
static bool breaks_after(const char *s, size_t len, size_t i)
{
    return s[i] == '\n' || (s[i] == '\r' && (i + 1 >= len || s[i + 1] != '\n'));
}

/* Memory: an open document holds its text and line table with little room
 * to spare (a sixteenth, so typing does not reallocate at each keystroke),
 * not the doubling of a growing buffer: a server with many documents open
 * would otherwise hold up to twice their size. */
static size_t with_room(size_t n)
{
    return n + n / 16 + 64;
}

/* Room for n line starts; `exact` (a whole new text) leaves no spare. */
static int reserve_lines_as(tl_lsp_text *t, size_t n, bool exact)
{
    if (n <= t->caplines && (!exact || t->caplines <= with_room(n))) return 0;
    size_t cap = exact ? n : with_room(n);
    if (cap > SIZE_MAX / sizeof(size_t)) return TL_ENOMEM;
    size_t *p = realloc(t->lines, cap * sizeof(*p));
    if (!p) return TL_ENOMEM;
    t->lines = p;
    t->caplines = cap;
    return 0;
}

static int reserve_lines(tl_lsp_text *t, size_t n)
{
    return reserve_lines_as(t, n, false);
}

/* Room for len bytes of text and a NUL, with a little spare unless exact. */
static int reserve_text(tl_lsp_text *t, size_t len, bool exact)
{
    if (len >= TL_BUF_DEFAULT_MAX) return TL_ENOMEM;
    size_t need = len + 1;
    if (need <= t->text.cap && (!exact || t->text.cap <= with_room(need))) return 0;
    size_t cap = exact ? need : with_room(need);
    char *p = realloc(t->text.data, cap);
    if (!p) return TL_ENOMEM;
    t->text.data = p;
    t->text.cap = cap;
    return 0;
}

static int build_lines(tl_lsp_text *t)
{
    const char *s = t->text.data;
    size_t len = t->text.len, n = 1;
    t->nlines = 0; /* until rebuilt: offsets clamp to the end */
    for (size_t i = 0; i < len; i++)
        if (breaks_after(s, len, i)) n++;
    if (reserve_lines_as(t, n, true) < 0) return TL_ENOMEM;
    t->lines[0] = 0;
    n = 1;
    for (size_t i = 0; i < len; i++)
        if (breaks_after(s, len, i)) t->lines[n++] = i + 1;
    t->nlines = n;
    return 0;
}

int tl_lsp_text_set(tl_lsp_text *t, const char *text, size_t len)
{
    if (reserve_text(t, len, true) < 0) return TL_ENOMEM;
    if (len) memmove(t->text.data, text, len);
    t->text.len = len;
    t->text.data[len] = '\0';
    return build_lines(t);
}

/* Index of the line holding offset. */
static size_t line_of(const tl_lsp_text *t, size_t offset)
{
    return tl_lines_find(t->lines, t->nlines, offset, 0);
}

/* End of line i, before its terminator. */
static size_t line_end(const tl_lsp_text *t, size_t i)
{
    size_t s = t->lines[i];
    size_t e = i + 1 < t->nlines ? t->lines[i + 1] : t->text.len;
    const char *d = t->text.data;
    if (e > s && d[e - 1] == '\n') e--;
    if (e > s && d[e - 1] == '\r') e--;
    return e;
}

size_t tl_lsp_text_offset(const tl_lsp_text *t, tl_lsp_pos pos, bool round_up)
{
    if (!t->nlines || pos.line >= t->nlines) return t->text.len;
    size_t i = t->lines[pos.line], e = line_end(t, pos.line), units = 0;
    const unsigned char *d = (const unsigned char *)t->text.data;
    while (i < e && units < pos.character) {
        size_t k = tl_utf8_seqlen(d[i]);
        if (k > e - i) k = e - i;
        size_t u = k == 4 ? 2 : 1;
        if (units + u > pos.character) return round_up ? i + k : i; /* inside a pair */
        units += u;
        i += k;
    }
    return i;
}

static tl_lsp_pos position_in(const tl_lsp_text *t, size_t offset, size_t line)
{
    tl_lsp_pos p = {line, 0};
    const unsigned char *d = (const unsigned char *)t->text.data;
    for (size_t i = t->lines[p.line]; i < offset;) {
        size_t k = tl_utf8_seqlen(d[i]);
        p.character += k == 4 ? 2 : 1;
        i += k;
    }
    return p;
}

tl_lsp_pos tl_lsp_text_position(const tl_lsp_text *t, size_t offset)
{
    tl_lsp_pos p = {0, 0};
    if (!t->nlines) return p;
    if (offset > t->text.len) offset = t->text.len;
    return position_in(t, offset, line_of(t, offset));
}

int tl_lsp_text_apply(tl_lsp_text *t, const tl_lsp_range *range, const char *text, size_t len)
{
    if (!t->text.data && reserve_text(t, 0, true) < 0) return TL_ENOMEM;
    if (!t->nlines && build_lines(t) < 0) return TL_ENOMEM;
    size_t a = tl_lsp_text_offset(t, range->start, false);
    bool empty =
        range->start.line == range->end.line && range->start.character == range->end.character;
    size_t b = empty ? a : tl_lsp_text_offset(t, range->end, true);
    if (a > b) {
        /* A reversed range: take it as written the other way round. */
        a = tl_lsp_text_offset(t, range->end, false);
        b = tl_lsp_text_offset(t, range->start, true);
    }
    size_t old_len = t->text.len, removed = b - a;
    /* The text. */
    if (len > removed &&
        (len - removed > TL_BUF_DEFAULT_MAX || reserve_text(t, old_len - removed + len, false) < 0))
        return TL_ENOMEM;
    char *d = t->text.data;
    memmove(d + a + len, d + b, old_len - b);
    if (len) memcpy(d + a, text, len);
    t->text.len = old_len - removed + len;
    d[t->text.len] = '\0';

    /* The line table: starts up to ws stay, starts after b + 1 move by the
     * size difference, the ones between are found again by scanning the new
     * text from ws to the first unchanged byte. ws is a line start before a
     * (or 0), so a CR before the change that now meets an LF is rescanned. */
    size_t la = line_of(t, a);
    size_t wi = t->lines[la] < a || la == 0 ? la : la - 1;
    size_t ws = t->lines[wi];
    size_t keep = wi + 1; /* entries [0, keep) stay */
    size_t tail = keep;   /* first entry after b + 1 */
    while (tail < t->nlines && t->lines[tail] <= b + 1)
        tail++;
    size_t new_len = t->text.len, new_b = a + len;
    size_t scan_end = new_b + 1 < new_len ? new_b + 1 : new_len; /* exclusive */
    size_t m = 0;
    for (size_t i = ws; i < scan_end; i++)
        if (breaks_after(d, new_len, i)) m++;
    size_t ntail = t->nlines - tail;
    if (reserve_lines(t, keep + m + ntail) < 0) return build_lines(t);
    memmove(t->lines + keep + m, t->lines + tail, ntail * sizeof(*t->lines));
    for (size_t i = 0; i < ntail; i++)
        t->lines[keep + m + i] = t->lines[keep + m + i] - removed + len;
    size_t w = keep;
    for (size_t i = ws; i < scan_end; i++)
        if (breaks_after(d, new_len, i)) t->lines[w++] = i + 1;
    t->nlines = keep + m + ntail;
    return 0;
}

tl_lsp_doc *tl_lsp_docs_find(const tl_lsp_docs *docs, const char *uri)
{
    for (size_t i = 0; i < docs->n; i++)
        if (strcmp(docs->items[i]->uri, uri) == 0) return docs->items[i];
    return NULL;
}

static void doc_free(tl_lsp_doc *d)
{
    if (!d) return;
    free(d->uri);
    free(d->path);
    free(d->language_id);
    tl_lsp_text_free(&d->text);
    tl_lsp_lint_free(&d->lint);
    free(d);
}

tl_lsp_doc *tl_lsp_docs_open(tl_lsp_docs *docs, const char *uri, const char *language_id,
                             long long version, const char *text, size_t len)
{
    tl_lsp_docs_close(docs, uri);
    if (docs->n == docs->cap &&
        tl_array_grow(&docs->items, &docs->cap, sizeof(*docs->items), 8) < 0)
        return NULL;
    tl_lsp_doc *d = calloc(1, sizeof(*d));
    if (!d) return NULL;
    tl_lsp_text_init(&d->text);
    tl_lsp_lint_init(&d->lint);
    d->uri = strdup(uri);
    d->path = tl_lsp_uri_to_path(uri);
    d->language_id = strdup(language_id ? language_id : "");
    d->version = version;
    d->dirty = true;
    d->min_severity = -1;
    if (!d->uri || !d->path || !d->language_id || tl_lsp_text_set(&d->text, text, len) < 0) {
        doc_free(d);
        return NULL;
    }
    docs->items[docs->n++] = d;
    return d;
}

bool tl_lsp_docs_close(tl_lsp_docs *docs, const char *uri)
{
    for (size_t i = 0; i < docs->n; i++) {
        if (strcmp(docs->items[i]->uri, uri) != 0) continue;
        doc_free(docs->items[i]);
        docs->items[i] = docs->items[--docs->n];
        return true;
    }
    return false;
}

void tl_lsp_docs_free(tl_lsp_docs *docs)
{
    for (size_t i = 0; i < docs->n; i++)
        doc_free(docs->items[i]);
    free(docs->items);
    memset(docs, 0, sizeof(*docs));
}

/* Percent-decode [s, s+n) into a new string. %00 and malformed escapes are
 * kept as written (a path cannot hold NUL). */
static char *pct_decode(const char *s, size_t n)
{
    char *out = malloc(n + 1), *o = out;
    if (!out) return NULL;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (s[i] == '%' && i + 2 < n && (hi = tl_hexval(s[i + 1])) >= 0 &&
            (lo = tl_hexval(s[i + 2])) >= 0 && (hi || lo)) {
            *o++ = (char)(hi << 4 | lo);
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

char *tl_lsp_uri_to_path(const char *uri)
{
    if (strncasecmp(uri, "file://", 7) != 0) return pct_decode(uri, strlen(uri));
    const char *p = uri + 7;
    /* file://host/path: the host (usually empty or localhost) is not part
     * of the path. */
    if (*p != '/') p += strcspn(p, "/");
    size_t n = strcspn(p, "?#");
    char *path = pct_decode(p, n);
    /* file:///c:/dir -> c:/dir */
    if (path && path[0] == '/' && ((path[1] | 0x20) >= 'a' && (path[1] | 0x20) <= 'z') &&
        path[2] == ':' && (path[3] == '/' || path[3] == '\0'))
        memmove(path, path + 1, strlen(path));
    return path;
}
