/* review.c - the `#, fuzzy` mark on a PO entry whose msgid a fix changed.
 *
 * Works on the stored lines around the msgid, the way the entry is written:
 *   # comments, #. extracted, #: references, #, flags, #| previous
 *   msgctxt "..."  (and continuation lines)
 *   msgid "..."    (and continuation lines, msgid_plural)
 * The flag joins an existing `#,` line (`#, fuzzy, c-format`, gettext's
 * order) or becomes a new `#, fuzzy` line before any `#|` line, else
 * before the keywords, with the line ending the entry already uses. */
#include "review.h"

#include <string.h>

typedef struct lines {
    const char *b;
    size_t len;
} lines;

/* Start of the line holding offset p. */
static size_t line_start(const lines *l, size_t p)
{
    while (p > 0 && l->b[p - 1] != '\n' && l->b[p - 1] != '\r')
        p--;
    return p;
}

/* Start of the line before the line starting at ls, or SIZE_MAX. */
static size_t prev_line(const lines *l, size_t ls)
{
    if (ls == 0) return (size_t)-1;
    size_t q = ls - 1;
    if (l->b[q] == '\n' && q > 0 && l->b[q - 1] == '\r') q--;
    return line_start(l, q);
}

static size_t line_end(const lines *l, size_t ls)
{
    while (ls < l->len && l->b[ls] != '\n' && l->b[ls] != '\r')
        ls++;
    return ls;
}

static size_t first_nonblank(const lines *l, size_t ls)
{
    while (ls < l->len && (l->b[ls] == ' ' || l->b[ls] == '\t'))
        ls++;
    return ls;
}

/* Whether the keyword kw starts at i (followed by a blank or a quote). */
static bool keyword_at(const lines *l, size_t i, const char *kw)
{
    size_t n = strlen(kw);
    if (l->len - i <= n || memcmp(l->b + i, kw, n) != 0) return false;
    char c = l->b[i + n];
    return c == ' ' || c == '\t' || c == '"';
}

/* Whether a `#,` line (from i, at the '#') lists the flag `fuzzy`. */
static bool lists_fuzzy(const lines *l, size_t i)
{
    size_t end = line_end(l, i);
    i += 2;
    while (i < end) {
        while (i < end && (l->b[i] == ',' || l->b[i] == ' ' || l->b[i] == '\t'))
            i++;
        size_t s = i;
        while (i < end && l->b[i] != ',' && l->b[i] != ' ' && l->b[i] != '\t')
            i++;
        if (i - s == 5 && memcmp(l->b + s, "fuzzy", 5) == 0) return true;
    }
    return false;
}

static bool same_entry(const tl_segment *a, const tl_segment *b)
{
    if (!a->key || !b->key || strcmp(a->key, b->key) != 0) return false;
    if (!a->context || !b->context) return !a->context && !b->context;
    return strcmp(a->context, b->context) == 0;
}

/* A PO entry's segments follow each other: msgid, msgid_plural, then each
 * non-empty msgstr. A translation exists when a non-source segment of the
 * same entry follows. */
static bool has_translation(const tl_doc *doc, const tl_segment *seg)
{
    for (size_t i = (size_t)seg->index + 1; i < doc->nsegs; i++) {
        const tl_segment *s = &doc->segs[i];
        if (!same_entry(s, seg)) return false;
        if (!(s->flags & TL_SEG_EXTRACTED)) return true;
    }
    return false;
}

static int po_review(tl_edit *out, bool *needed, tl_doc *doc, const tl_segment *seg, tl_error *err)
{
    if (!has_translation(doc, seg)) return 0;
    lines l = {(const char *)doc->src.bytes, doc->src.len};
    const size_t none = (size_t)-1;
    /* Up from the string to its `msgid` line. */
    size_t first = line_start(&l, seg->raw_start);
    for (;;) {
        size_t i = first_nonblank(&l, first);
        if (keyword_at(&l, i, "msgid")) break;
        if (i < l.len && (l.b[i] == '"' || keyword_at(&l, i, "msgid_plural"))) {
            first = prev_line(&l, first);
            if (first != none) continue;
        }
        return tl_doc_error(doc, err, TL_EUSAGE, seg->raw_start, "%s",
                            "cannot find this entry's msgid line to mark it fuzzy");
    }
    size_t msgid_line = first;
    /* A msgctxt above it (with its continuation lines) belongs to the entry. */
    size_t q = prev_line(&l, first);
    while (q != none && l.b[first_nonblank(&l, q)] == '"')
        q = prev_line(&l, q);
    if (q != none && keyword_at(&l, first_nonblank(&l, q), "msgctxt")) first = q;
    /* The comment lines right above. */
    size_t flags_at = none, insert_at = first;
    for (q = prev_line(&l, first); q != none; q = prev_line(&l, q)) {
        size_t i = first_nonblank(&l, q);
        if (i >= l.len || l.b[i] != '#' || (i + 1 < l.len && l.b[i + 1] == '~')) break;
        if (i + 1 < l.len && l.b[i + 1] == ',') {
            if (lists_fuzzy(&l, i)) return 0;
            if (flags_at == none) flags_at = i;
        }
        if (i + 1 < l.len && l.b[i + 1] == '|') insert_at = q;
    }
    memset(out, 0, sizeof(*out));
    if (flags_at != none) {
        size_t end = line_end(&l, flags_at), rest = first_nonblank(&l, flags_at + 2);
        out->start = out->end = flags_at + 2;
        out->text = rest < end ? " fuzzy," : " fuzzy";
    } else {
        size_t end = line_end(&l, msgid_line);
        out->start = out->end = insert_at;
        if (end + 1 < l.len && l.b[end] == '\r' && l.b[end + 1] == '\n')
            out->text = "#, fuzzy\r\n";
        else if (end < l.len && l.b[end] == '\r')
            out->text = "#, fuzzy\r";
        else
            out->text = "#, fuzzy\n";
    }
    out->len = strlen(out->text);
    *needed = true;
    return 0;
}

int tl_fix_review_edit(tl_edit *out, bool *needed, tl_doc *doc, const tl_segment *seg,
                       tl_error *err)
{
    *needed = false;
    if (!doc->syntax || strcmp(doc->syntax, "po") != 0) return 0;
    return po_review(out, needed, doc, seg, err);
}
