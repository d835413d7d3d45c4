/* lang.c - Dolibarr `.lang` files (htdocs/langs/en_US/bills.lang) and the
 * other PHP products that keep `Key=Value` lines: extractor and fix encoder.
 *
 * Read as Dolibarr's Translate::load reads them, one line (ending at LF) at
 * a time through fscanf("%[^= ]%*[ =]%[^\n\r]"):
 *   - the key is the bytes up to the first `=` or space (a tab or a CR is
 *     part of it); a line that starts with `=` or a space has no key and is
 *     not read;
 *   - a run of spaces and `=` separates the key from the value, so
 *     `Key = = Value` is `Value`;
 *   - the value is the rest of the line up to CR or LF, trailing blanks
 *     included; a line with no separator, or nothing after it, is no entry;
 *   - a key that starts with `#` is a comment; so, here, is any line whose
 *     first non-space byte is `#`. Comments are scanned for directives, and
 *     their text is the note of the next entry (`# kind: error`);
 *   - in the value, `\n` (backslash, n) is a line break and `\\s` is `\s`
 *     (Dolibarr's str_replace; nothing else is an escape, `\t` stays).
 * Not copy: Dolibarr's settings, CHARSET, DIRECTION, FONTFORPDF and
 * FONTSIZEFORPDF, and main.lang's number and date settings
 * (SeparatorDecimal, SeparatorThousand, FormatDate…, FormatHour…).
 *
 * A UTF-8 byte-order mark is not part of the first key. A byte that is not
 * UTF-8 reads as U+FFFD; a NUL byte is an error (PHP's scanf stops reading
 * at it, so what follows would never be shown). Every definition of a
 * duplicate key is a segment (Dolibarr shows the first). Values are printf
 * formats (Dolibarr passes them to sprintf). */
#include "format.h"

#include <string.h>

typedef struct parser {
    tl_doc *doc;
    tl_error *err;
    const unsigned char *b;
    size_t len;
    tl_buf key, comment;
    tl_segbuild sb;
} parser;

static int oom(parser *p)
{
    return tl_error_set(p->err, TL_ENOMEM, "out of memory");
}

/* Keys whose values are settings, not copy. */
static bool setting_key(const char *k, size_t n)
{
    static const char *const exact[] = {
        "CHARSET",          "DIRECTION",         "FONTFORPDF", "FONTSIZEFORPDF",
        "SeparatorDecimal", "SeparatorThousand", NULL};
    static const char *const prefix[] = {"FormatDate", "FormatHour", NULL};
    for (int i = 0; exact[i]; i++)
        if (strlen(exact[i]) == n && memcmp(k, exact[i], n) == 0) return true;
    for (int i = 0; prefix[i]; i++)
        if (strlen(prefix[i]) <= n && memcmp(k, prefix[i], strlen(prefix[i])) == 0) return true;
    return false;
}

/* Decode value bytes [from, to) into the segment builder: `\n` is a line
 * break, `\\s` is `\s`, each an atomic span over its stored bytes. */
static int decode(parser *p, size_t from, size_t to)
{
    const unsigned char *s = p->b;
    size_t run = from, i = from;
    while (i < to) {
        if (s[i] != '\\') {
            i++;
            continue;
        }
        const char *out = NULL;
        size_t raw = 0, n = 0;
        if (i + 1 < to && s[i + 1] == 'n') {
            out = "\n", raw = 2, n = 1;
        } else if (i + 2 < to && s[i + 1] == '\\' && s[i + 2] == 's') {
            out = "\\s", raw = 3, n = 2;
        } else {
            i++;
            continue;
        }
        if (tl_segbuild_utf8(&p->sb, run, (const char *)s + run, i - run) < 0 ||
            tl_segbuild_atomic(&p->sb, i, raw, out, n) < 0)
            return oom(p);
        i += raw;
        run = i;
    }
    if (tl_segbuild_utf8(&p->sb, run, (const char *)s + run, to - run) < 0) return oom(p);
    return 0;
}

/* One line, bytes [ls, le) (le at the LF or the end of the file). */
static int line(parser *p, size_t ls, size_t le)
{
    const unsigned char *s = p->b;
    size_t k = ls;
    while (k < le && s[k] == ' ')
        k++;
    if (k < le && s[k] == '#') {
        size_t e = k + 1;
        while (e < le && s[e] != '\r')
            e++;
        const char *text = (const char *)s + k + 1;
        size_t n = e - k - 1;
        if (tl_doc_scan_comment(p->doc, text, n, k) < 0) return oom(p);
        if (p->comment.len) tl_buf_putc(&p->comment, '\n');
        if (tl_buf_append(&p->comment, text, n) < 0) return oom(p);
        return 0;
    }
    if (k > ls) return 0; /* no key: scanf's %[^= ] matches nothing */
    size_t ke = ls;
    while (ke < le && s[ke] != '=' && s[ke] != ' ')
        ke++;
    size_t vs = ke;
    while (vs < le && (s[vs] == '=' || s[vs] == ' '))
        vs++;
    size_t ve = vs;
    while (ve < le && s[ve] != '\r')
        ve++;
    if (ke == ls || ke == le || ve == vs) return 0; /* no entry: a note waits for the next */
    if (setting_key((const char *)s + ls, ke - ls)) {
        tl_buf_reset(&p->comment);
        return 0;
    }
    tl_buf_reset(&p->key);
    if (tl_buf_append(&p->key, s + ls, ke - ls) < 0) return oom(p);
    tl_segbuild_reset(&p->sb);
    p->sb.raw_begin = vs;
    int rc = decode(p, vs, ve);
    if (rc < 0) return rc;
    tl_segment *seg = tl_doc_add(p->doc, &p->sb, p->key.data, NULL);
    if (!seg) return oom(p);
    seg->flags |= TL_SEG_C_FORMAT;
    if (memchr(seg->text, '<', seg->text_len)) seg->flags |= TL_SEG_MARKUP;
    if (p->comment.len)
        seg->comment = tl_arena_strndup(&p->doc->arena, p->comment.data, p->comment.len);
    tl_buf_reset(&p->comment);
    return 0;
}

int tl_extract_lang(tl_doc *doc, tl_error *err)
{
    if (doc->src.encoding == TL_ENC_UTF16LE || doc->src.encoding == TL_ENC_UTF16BE)
        return tl_doc_error(doc, err, TL_EENCODING, 0, "%s",
                            "UTF-16 .lang files are not supported; save the file as UTF-8");
    const unsigned char *nul = doc->src.len ? memchr(doc->src.bytes, 0, doc->src.len) : NULL;
    if (nul)
        return tl_doc_error(doc, err, TL_ESYNTAX, (size_t)(nul - doc->src.bytes), "%s",
                            "a NUL byte: Dolibarr stops reading the line here");
    parser p;
    memset(&p, 0, sizeof(p));
    p.doc = doc;
    p.err = err;
    p.b = doc->src.bytes;
    p.len = doc->src.len;
    /* The language is the folder's (langs/en_US/bills.lang), else the path's. */
    const char *slash = doc->path ? strrchr(doc->path, '/') : NULL;
    if (slash) {
        char *dir = tl_arena_strndup(&doc->arena, doc->path, (size_t)(slash - doc->path));
        doc->lang = dir ? tl_lang_from_path(&doc->arena, dir) : NULL;
    }
    if (!doc->lang) doc->lang = tl_lang_from_path(&doc->arena, doc->path);
    tl_segbuild_init(&p.sb);
    int rc = 0;
    for (size_t ls = doc->src.bom_len; ls < p.len && rc == 0;) {
        const unsigned char *nl = memchr(p.b + ls, '\n', p.len - ls);
        size_t le = nl ? (size_t)(nl - p.b) : p.len;
        rc = line(&p, ls, le);
        ls = le + 1;
    }
    tl_segbuild_free(&p.sb);
    tl_buf_free(&p.key);
    tl_buf_free(&p.comment);
    return rc < 0 ? rc : 0;
}

/* Whether the bytes after a backslash (the rest of the replacement, then
 * the stored bytes after the edit) make it an escape: `\n` or `\\s`. */
static bool forms_escape(const unsigned char *after, size_t alen)
{
    if (alen >= 1 && after[0] == 'n') return true;
    return alen >= 2 && after[0] == '\\' && after[1] == 's';
}

/* Fix encoder: a line break is written `\n`; everything else as it is. A
 * replacement that Dolibarr would read back differently is refused: a CR, a
 * backslash that would start `\n` or `\\s` with what follows it, text
 * after a stored backslash that would, and a space or `=` at the start of
 * a value (the separator would take it), or an empty value. */
int tl_encode_lang(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                   size_t raw_end, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text, *b = doc->src.bytes;
    bool at_start = raw_start <= seg->raw_start;
    if (at_start && len && (s[0] == ' ' || s[0] == '=')) return TL_EUSAGE;
    /* What follows the edit in the stored line. */
    unsigned char next[2];
    size_t nn = 0;
    for (size_t i = raw_end; i < doc->src.len && nn < 2 && b[i] != '\r' && b[i] != '\n'; i++)
        next[nn++] = b[i];
    if (at_start && !len && (!nn || next[0] == ' ' || next[0] == '=')) return TL_EUSAGE;
    /* A stored backslash (or two) just before the edit. */
    if (raw_start >= 1 && b[raw_start - 1] == '\\' && len) {
        if (s[0] == 'n' || (len >= 2 && s[0] == '\\' && s[1] == 's') ||
            (len == 1 && s[0] == '\\' && nn && next[0] == 's'))
            return TL_EUSAGE;
        if (raw_start >= 2 && b[raw_start - 2] == '\\' && s[0] == 's') return TL_EUSAGE;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        if (c == '\r' || c == '\0') return TL_EUSAGE;
        if (c == '\\') {
            unsigned char after[2];
            size_t an = 0;
            for (size_t j = i + 1; j < len && an < 2; j++)
                after[an++] = s[j];
            for (size_t j = 0; j < nn && an < 2; j++)
                after[an++] = next[j];
            if (forms_escape(after, an)) return TL_EUSAGE;
        }
        if (c == '\n') {
            if (tl_buf_puts(out, "\\n") < 0) return TL_ENOMEM;
        } else if (tl_buf_putc(out, (char)c) < 0) {
            return TL_ENOMEM;
        }
    }
    /* An empty replacement joins what was before and after it. */
    if (!len && raw_start >= 1 && b[raw_start - 1] == '\\' && forms_escape(next, nn))
        return TL_EUSAGE;
    return 0;
}
