/* text.c - plain-text extractor: one segment per paragraph.
 *
 * Paragraphs are separated by blank lines (lines of only spaces and tabs).
 * Line breaks inside a paragraph are kept, so a phrase broken over two lines
 * still matches `\s`. Leading and trailing blanks of a paragraph are not part
 * of it. Invalid UTF-8 is mapped to U+FFFD; the text is never refused. */
#include "format.h"

#include <string.h>

static bool blank_line(const char *b, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\f' && b[i] != '\v')
            return false;
    return true;
}

static int add_paragraph(tl_doc *doc, tl_segbuild *sb, const char *b, size_t from, size_t to)
{
    while (from < to && (b[from] == ' ' || b[from] == '\t' || b[from] == '\r' || b[from] == '\n'))
        from++;
    while (to > from &&
           (b[to - 1] == ' ' || b[to - 1] == '\t' || b[to - 1] == '\r' || b[to - 1] == '\n'))
        to--;
    if (to == from) return 0;
    if (tl_segbuild_utf8(sb, from, b + from, to - from) < 0) return TL_ENOMEM;
    return tl_doc_add(doc, sb, NULL, NULL) ? 0 : TL_ENOMEM;
}

int tl_extract_text(tl_doc *doc, tl_error *err)
{
    const char *b = (const char *)doc->src.bytes;
    size_t len = doc->src.len, pos = doc->src.bom_len, para = pos;
    tl_segbuild sb;
    tl_segbuild_init(&sb);
    int rc = 0;
    if (doc->src.encoding != TL_ENC_UTF8) {
        rc = tl_doc_error(doc, err, TL_EENCODING, 0, "%s",
                          "UTF-16 text is not supported here; save the file as UTF-8");
        goto done;
    }
    while (pos < len) {
        const char *nl = memchr(b + pos, '\n', len - pos);
        size_t eol = nl ? (size_t)(nl - b) : len;
        if (blank_line(b, pos, eol)) {
            if ((rc = add_paragraph(doc, &sb, b, para, pos)) < 0) break;
            para = eol + 1;
        }
        pos = eol + 1;
    }
    if (rc == 0 && para < len) rc = add_paragraph(doc, &sb, b, para, len);
    if (rc < 0 && !err->code) tl_error_set(err, rc, "out of memory");
done:
    tl_segbuild_free(&sb);
    return rc;
}

/* Writing a fix back (tl_encode_fn): plain text stores what it shows, so
 * the replacement goes in verbatim. */
int tl_encode_text(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                   size_t raw_end, const char *text, size_t len)
{
    if (doc->src.encoding != TL_ENC_UTF8 || raw_start > raw_end || raw_start < seg->raw_start ||
        raw_end > seg->raw_end)
        return TL_EUSAGE;
    return tl_buf_append(out, text, len);
}
