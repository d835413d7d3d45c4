/* diff.c - unified diffs straight from edits (see diff.h).
 *
 * Lines are numbered from 0 inside, printed from 1. A change is a run of
 * old lines [oa, oa+on) replaced by nn new lines held in a pool. */
#include "diff.h"
#include "../core/array.h"
#include "../core/source.h"

#include <stdlib.h>
#include <string.h>

typedef struct change {
    size_t oa, on;   /* old lines replaced */
    size_t off, len; /* the new lines, in the pool */
    size_t nn;       /* how many new lines */
} change;

typedef struct differ {
    const unsigned char *b;
    size_t len;
    size_t *ls; /* line starts, ls[nl] == len */
    size_t nl;
    change *ch;
    size_t nch, capch;
    tl_buf pool;
} differ;

static size_t line_of(const differ *d, size_t p)
{
    return d->nl ? tl_lines_find(d->ls, d->nl, p, 0) : 0;
}

/* Length of the line at s[0, n): up to and including its '\n'. */
static size_t line_len(const char *s, size_t n)
{
    const char *nl = memchr(s, '\n', n);
    return nl ? (size_t)(nl - s) + 1 : n;
}

static int push_change(differ *d, const change *c)
{
    if (d->nch == d->capch && tl_array_grow(&d->ch, &d->capch, sizeof(*d->ch), 16) < 0)
        return TL_ENOMEM;
    d->ch[d->nch++] = *c;
    return 0;
}

/* Old lines [a, b) become `nb` (the same region with edits applied): trim
 * the lines that stayed equal at both ends and record what is left. */
static int add_change(differ *d, size_t a, size_t b, const char *nb, size_t nlen)
{
    /* Split the new region into lines. */
    size_t cap = 0, nn = 0;
    size_t *starts = NULL;
    for (size_t p = 0;; p += line_len(nb + p, nlen - p)) {
        if (nn + 1 >= cap && tl_array_grow(&starts, &cap, sizeof(*starts), 16) < 0) {
            free(starts);
            return TL_ENOMEM;
        }
        if (p >= nlen) break;
        starts[nn++] = p;
    }
    starts[nn] = nlen;
    size_t on = b - a, pre = 0, post = 0;
#define EQ(i, j)                                                                                   \
    (d->ls[(i) + 1] - d->ls[i] == starts[(j) + 1] - starts[j] &&                                   \
     memcmp(d->b + d->ls[i], nb + starts[j], starts[(j) + 1] - starts[j]) == 0)
    while (pre < on && pre < nn && EQ(a + pre, pre))
        pre++;
    while (post < on - pre && post < nn - pre && EQ(b - 1 - post, nn - 1 - post))
        post++;
#undef EQ
    int rc = 0;
    if (on - pre - post || nn - pre - post) {
        change c = {a + pre, on - pre - post, d->pool.len, 0, nn - pre - post};
        c.len = starts[nn - post] - starts[pre];
        rc = tl_buf_append(&d->pool, nb + starts[pre], c.len);
        if (rc == 0) rc = push_change(d, &c);
    }
    free(starts);
    return rc;
}

/* One line with its marker; a last line without '\n' gets git's note. */
static int put_line(tl_buf *out, char mark, const char *s, size_t n)
{
    int rc = tl_buf_putc(out, mark);
    if (rc == 0) rc = tl_buf_append(out, s, n);
    if (rc == 0 && (n == 0 || s[n - 1] != '\n'))
        rc = tl_buf_puts(out, "\n\\ No newline at end of file\n");
    return rc;
}

static int put_old(tl_buf *out, const differ *d, char mark, size_t from, size_t to)
{
    int rc = 0;
    for (size_t i = from; i < to && rc == 0; i++)
        rc = put_line(out, mark, (const char *)d->b + d->ls[i], d->ls[i + 1] - d->ls[i]);
    return rc;
}

static int put_hunks(tl_buf *out, const differ *d, size_t ctx)
{
    long long delta = 0; /* new minus old lines, before the hunk */
    int rc = 0;
    for (size_t i = 0; i < d->nch && rc == 0;) {
        size_t j = i + 1;
        while (j < d->nch && d->ch[j].oa <= d->ch[j - 1].oa + d->ch[j - 1].on + 2 * ctx)
            j++;
        size_t start = d->ch[i].oa > ctx ? d->ch[i].oa - ctx : 0;
        size_t last_end = d->ch[j - 1].oa + d->ch[j - 1].on;
        size_t end = last_end + ctx < d->nl ? last_end + ctx : d->nl;
        long long grow = 0;
        for (size_t k = i; k < j; k++)
            grow += (long long)d->ch[k].nn - (long long)d->ch[k].on;
        size_t oc = end - start, nc = (size_t)((long long)oc + grow);
        size_t ns = (size_t)((long long)start + delta);
        rc = tl_buf_printf(out, "@@ -%zu,%zu +%zu,%zu @@\n", oc ? start + 1 : start, oc,
                           nc ? ns + 1 : ns, nc);
        size_t pos = start;
        for (size_t k = i; k < j && rc == 0;) {
            /* Changes that touch print as one block: removals, then additions. */
            size_t m = k + 1;
            while (m < j && d->ch[m].oa == d->ch[m - 1].oa + d->ch[m - 1].on)
                m++;
            rc = put_old(out, d, ' ', pos, d->ch[k].oa);
            for (size_t x = k; x < m && rc == 0; x++)
                rc = put_old(out, d, '-', d->ch[x].oa, d->ch[x].oa + d->ch[x].on);
            for (size_t x = k; x < m && rc == 0; x++) {
                const char *nb = d->pool.data + d->ch[x].off;
                for (size_t p = 0; p < d->ch[x].len && rc == 0;) {
                    size_t n = line_len(nb + p, d->ch[x].len - p);
                    rc = put_line(out, '+', nb + p, n);
                    p += n;
                }
            }
            pos = d->ch[m - 1].oa + d->ch[m - 1].on;
            k = m;
        }
        if (rc == 0) rc = put_old(out, d, ' ', pos, end);
        delta += grow;
        i = j;
    }
    return rc;
}

int tl_diff_label(tl_buf *out, const char *prefix, const char *path)
{
    for (;;) {
        if (path[0] == '/')
            path++; /* an absolute path is labelled from the root, as git diff --no-index does */
        else if (path[0] == '.' && path[1] == '/')
            path += 2;
        else
            break;
    }
    bool quote = false;
    for (const unsigned char *p = (const unsigned char *)path; *p && !quote; p++)
        quote = *p < 0x21 || *p == 0x7F || *p == '"' || *p == '\\';
    if (!quote) {
        int rc = tl_buf_puts(out, prefix);
        return rc ? rc : tl_buf_puts(out, path);
    }
    int rc = tl_buf_putc(out, '"');
    if (rc == 0) rc = tl_buf_puts(out, prefix);
    for (const unsigned char *p = (const unsigned char *)path; rc == 0 && *p; p++) {
        if (*p == '"' || *p == '\\')
            rc = tl_buf_printf(out, "\\%c", *p);
        else if (*p >= 7 && *p <= 13)
            rc = tl_buf_printf(out, "\\%c", "abtnvfr"[*p - 7]);
        else if (*p < 0x20 || *p == 0x7F)
            rc = tl_buf_printf(out, "\\%03o", *p);
        else
            rc = tl_buf_putc(out, (char)*p);
    }
    return rc ? rc : tl_buf_putc(out, '"');
}

int tl_diff_unified(tl_buf *out, const char *old_label, const char *new_label,
                    const unsigned char *bytes, size_t len, const tl_edit *edits, size_t n,
                    int context)
{
    for (size_t i = 0; i < n; i++)
        if (edits[i].end < edits[i].start || edits[i].end > len ||
            (i && edits[i].start < edits[i - 1].end))
            return TL_EUSAGE;
    differ d;
    memset(&d, 0, sizeof(d));
    d.b = bytes;
    d.len = len;
    int rc = 0;
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += bytes[i] == '\n';
    d.ls = malloc((lines + 2) * sizeof(*d.ls));
    if (!d.ls) return TL_ENOMEM;
    for (size_t p = 0; p < len;) {
        d.ls[d.nl++] = p;
        p += line_len((const char *)bytes + p, len - p);
    }
    d.ls[d.nl] = len;
    tl_buf nb = TL_BUF_INIT;
    for (size_t i = 0; i < n && rc == 0;) {
        size_t a = line_of(&d, edits[i].start);
        size_t last = edits[i].end > edits[i].start ? edits[i].end - 1 : edits[i].start;
        size_t b = d.nl ? line_of(&d, last) + 1 : 0;
        /* Whole lines inserted before a line (a `#, fuzzy` line) are a change
         * of their own, so the line after them shows as context. */
        const tl_edit *e = &edits[i];
        if (e->start == e->end && e->len && e->text[e->len - 1] == '\n') {
            if (e->start == len && len && bytes[len - 1] == '\n')
                a = b = d.nl;
            else if (d.nl && e->start == d.ls[a])
                b = a;
        }
        size_t j = i + 1;
        for (; j < n && line_of(&d, edits[j].start) < b; j++) {
            size_t lj = edits[j].end > edits[j].start ? edits[j].end - 1 : edits[j].start;
            size_t bj = line_of(&d, lj) + 1;
            if (bj > b) b = bj;
        }
        /* The old lines [a, b) with edits i..j-1 applied. */
        tl_buf_reset(&nb);
        size_t pos = d.ls[a];
        for (size_t k = i; k < j && rc == 0; k++) {
            rc = tl_buf_append(&nb, bytes + pos, edits[k].start - pos);
            if (rc == 0) rc = tl_buf_append(&nb, edits[k].text, edits[k].len);
            pos = edits[k].end;
        }
        if (rc == 0) rc = tl_buf_append(&nb, bytes + pos, d.ls[b] - pos);
        if (rc == 0) rc = add_change(&d, a, b, nb.data ? nb.data : "", nb.len);
        i = j;
    }
    if (rc == 0 && d.nch) {
        rc = tl_buf_printf(out, "--- %s\n+++ %s\n", old_label, new_label);
        if (rc == 0) rc = put_hunks(out, &d, context > 0 ? (size_t)context : 0);
    }
    tl_buf_free(&nb);
    tl_buf_free(&d.pool);
    free(d.ls);
    free(d.ch);
    return rc;
}
