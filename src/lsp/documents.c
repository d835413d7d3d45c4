/* documents.c - open documents: text, changes, and URIs.
 *
 * The text is UTF-8 and changes in place; its line table and LSP positions
 * (0-based line, UTF-16 code units) are the library's line index
 * (core/source.h), which an incremental change updates for the lines it
 * touches only. */
#include "documents.h"
#include "../core/array.h"
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
    tl_source_free(&t->src);
    memset(t, 0, sizeof(*t));
}

/* Room for len bytes of text and a NUL, with a sixteenth to spare
 * (tl_array_room) unless exact: typing does not reallocate at each
 * keystroke, and a server with many documents open does not hold up to
 * twice their size, as the doubling of a growing buffer would. The line
 * table does the same (tl_source_edit). */
static int reserve_text(tl_lsp_text *t, size_t len, bool exact)
{
    if (len >= TL_BUF_DEFAULT_MAX) return TL_ENOMEM;
    size_t need = len + 1;
    if (need <= t->text.cap && (!exact || t->text.cap <= tl_array_room(need))) return 0;
    size_t cap = exact ? need : tl_array_room(need);
    char *p = realloc(t->text.data, cap);
    if (!p) return TL_ENOMEM;
    t->text.data = p;
    t->text.cap = cap;
    return 0;
}

int tl_lsp_text_set(tl_lsp_text *t, const char *text, size_t len)
{
    if (reserve_text(t, len, true) < 0) return TL_ENOMEM;
    if (len) memmove(t->text.data, text, len);
    t->text.len = len;
    t->text.data[len] = '\0';
    tl_source_free(&t->src);
    return tl_source_init_text(&t->src, NULL, (const unsigned char *)t->text.data, len);
}

size_t tl_lsp_text_offset(tl_lsp_text *t, tl_lsp_pos pos, bool round_up)
{
    size_t off;
    if (pos.line >= SIZE_MAX - 1 || pos.character >= SIZE_MAX - 1 ||
        tl_source_offset16(&t->src, pos.line + 1, pos.character + 1, round_up, &off) < 0)
        return t->text.len;
    return off;
}

tl_lsp_pos tl_lsp_text_position(tl_lsp_text *t, size_t offset)
{
    tl_lsp_pos p = {0, 0};
    tl_position q;
    if (tl_source_position(&t->src, offset, &q) < 0) return p;
    p.line = (size_t)(q.line - 1);
    p.character = (size_t)(q.column16 - 1);
    return p;
}

int tl_lsp_text_apply(tl_lsp_text *t, const tl_lsp_range *range, const char *text, size_t len)
{
    if (!t->text.data || !t->src.line_starts) {
        /* Never set, or its line table could not be built. */
        if (reserve_text(t, t->text.len, true) < 0) return TL_ENOMEM;
        t->text.data[t->text.len] = '\0';
        tl_source_free(&t->src);
        if (tl_source_init_text(&t->src, NULL, (const unsigned char *)t->text.data, t->text.len) <
            0)
            return TL_ENOMEM;
    }
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
    if (len > removed &&
        (len - removed > TL_BUF_DEFAULT_MAX || reserve_text(t, old_len - removed + len, false) < 0))
        return TL_ENOMEM;
    char *d = t->text.data;
    memmove(d + a + len, d + b, old_len - b);
    if (len) memcpy(d + a, text, len);
    t->text.len = old_len - removed + len;
    d[t->text.len] = '\0';
    return tl_source_edit(&t->src, (const unsigned char *)d, t->text.len, a, removed, len);
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
