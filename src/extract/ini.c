/* ini.c - INI language files of Joomla extensions and VuFind
 * (`language/en-GB/en-GB.com_example.ini`, `languages/en.ini`): extractor
 * and fix encoder.
 *
 * Read as Joomla's loader reads them: every `"_QQ_"` (its old escaped
 * quote) becomes `\"`, PHP's parse_ini_string reads the file in
 * INI_SCANNER_RAW mode, and every `\"` of a value becomes `"`. Per line
 * (ending at LF, CR or CRLF), after leading blanks (space, tab):
 *   - a blank line, or one that starts with `;`, is no entry. A `;` comment
 *     is scanned for directives; the comments just above an entry are its
 *     note (`; kind: error`), and a blank line ends a note;
 *   - `[section]` is skipped (keys are flat, as Joomla reads them), and so
 *     is the rest of its line;
 *   - an entry is `KEY = VALUE`: the key is what comes before the first `=`,
 *     blanks trimmed. A line without `=`, or with a `;` before it, is no
 *     entry. `#` starts no comment (PHP reads `#KEY=x` as a key);
 *   - after `=` and its blanks, a value that starts with `"` runs to the end
 *     of the line, or to a `;` with no `"` after it on the line; any other
 *     value runs to its first `;`. Trailing blanks are dropped, and then a
 *     value of two bytes or more that starts and ends with `"` loses both;
 *   - in the value, `\"` is `"`, and so is `"_QQ_"`; nothing else is an
 *     escape (`\n` stays as written).
 * Errors, as PHP reports them (Joomla then loads nothing from the file): an
 * `=` with no key before it, a key holding one of `"{}|&~!()^$`, a `[` that
 * no `]` closes; and a NUL byte (PHP stops reading the value there).
 *
 * VuFind reads its language files (`languages/en.ini`,
 * `languages/CreateAccount/pt-br.ini`: named for a language in lower case)
 * with a reader of its own, ExtendedIniReader, so they are the format
 * `vufind-ini`: lines end at LF; the key is what comes before the first
 * `=`, trimmed, and a line whose key is empty or starts with `;` is no entry
 * (a `;` line is a comment, as above); the value is the rest, trimmed
 * (space, tab, CR, VT), less one `"` at its start and one at its end, each
 * when there. Nothing else is special: a `;` or a `\"` is text, and a key
 * may hold any character ("Form Submitted!").
 *
 * Every definition of a duplicate key is a segment (both keep the last).
 * Values are printf formats (Joomla's Text::sprintf); VuFind's `%%name%%`
 * placeholders are text to the matcher. A UTF-8 byte-order mark is not part
 * of the first key; a byte that is not UTF-8 reads as U+FFFD. */
#include "format.h"
#include "../core/array.h"

#include <stdlib.h>
#include <string.h>

/* tl_segment.style: the value is read by VuFind's reader (else PHP's). */
#define STYLE_VUFIND 1u

/* One line with every `"_QQ_"` turned into `\"`, as Joomla's loader sees
 * it: t[i] is read from stored offset off[i]. The `\` and `"` made from a
 * `"_QQ_"` are read from its first and last byte, so a `\"` pair always
 * covers stored bytes [off[i], off[i + 1] + 1). */
typedef struct line {
    tl_buf t;
    size_t *off;
    size_t cap;
} line;

typedef struct parser {
    tl_doc *doc;
    tl_error *err;
    bool vufind; /* VuFind's reader, not PHP's */
    line ln;
    tl_buf key, comment, check;
    tl_segbuild sb;
} parser;

/* What one line holds. */
typedef enum { LINE_NONE, LINE_COMMENT, LINE_ENTRY, LINE_ERROR } line_kind;

typedef struct entry {
    line_kind kind;
    size_t ks, ke; /* the key, trimmed (line positions) */
    size_t vs, ve; /* the value, quotes and blanks removed */
    size_t at;     /* LINE_COMMENT: where its text starts; LINE_ERROR: the bad byte */
    const char *why;
    char bad; /* LINE_ERROR: the character of a key PHP refuses, or 0 */
} entry;

static bool blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static int line_push(line *l, unsigned char c, size_t off)
{
    if (l->t.len == l->cap && tl_array_grow(&l->off, &l->cap, sizeof(*l->off), 256) < 0)
        return TL_ENOMEM;
    l->off[l->t.len] = off;
    return tl_buf_putc(&l->t, (char)c);
}

/* Copy stored bytes [from, to) into the line; with qq, `"_QQ_"` is read
 * as `\"`. */
static int line_load(line *l, const unsigned char *b, size_t from, size_t to, bool qq)
{
    tl_buf_reset(&l->t);
    for (size_t i = from; i < to;) {
        if (qq && to - i >= 6 && memcmp(b + i, "\"_QQ_\"", 6) == 0) {
            if (line_push(l, '\\', i) < 0 || line_push(l, '"', i + 5) < 0) return TL_ENOMEM;
            i += 6;
        } else {
            if (line_push(l, b[i], i) < 0) return TL_ENOMEM;
            i++;
        }
    }
    return 0;
}

/* Read one line as PHP's raw scanner does (see the top of the file). */
static entry scan(const unsigned char *t, size_t n)
{
    entry e = {0};
    size_t i = 0;
    while (i < n && blank(t[i]))
        i++;
    if (i == n) return e;
    if (t[i] == ';') {
        e.kind = LINE_COMMENT;
        e.at = i + 1;
        return e;
    }
    if (t[i] == '[') {
        const unsigned char *close = memchr(t + i, ']', n - i);
        if (!close) e.kind = LINE_ERROR, e.at = n, e.why = "a section name with no closing `]`";
        return e;
    }
    if (t[i] == '=') {
        e.kind = LINE_ERROR, e.at = i, e.why = "an `=` with no key before it";
        return e;
    }
    size_t ks = i, eq = i;
    while (eq < n && t[eq] != '=' && t[eq] != ';')
        eq++;
    if (eq == n || t[eq] == ';') return e; /* a key with no value: no entry */
    size_t ke = eq;
    while (ke > ks && blank(t[ke - 1]))
        ke--;
    bool open = false;
    size_t bracket = ks;
    for (size_t k = ks; k < ke; k++) {
        if (strchr("\"{}|&~!()^$", t[k])) {
            e.kind = LINE_ERROR, e.at = k, e.bad = (char)t[k];
            return e;
        }
        if (t[k] == '[') open = true, bracket = k;
        if (t[k] == ']') open = false;
    }
    if (open) {
        e.kind = LINE_ERROR, e.at = bracket, e.why = "a `[` in a key with no closing `]`";
        return e;
    }
    size_t vs = eq + 1;
    while (vs < n && blank(t[vs]))
        vs++;
    size_t ve = vs;
    if (vs < n && t[vs] == '"') {
        size_t semi = n;
        for (size_t k = vs; k < n; k++) {
            if (t[k] == ';' && semi == n) semi = k;
            if (t[k] == '"') semi = n;
        }
        ve = semi;
    } else {
        while (ve < n && t[ve] != ';')
            ve++;
    }
    while (ve > vs && blank(t[ve - 1]))
        ve--;
    if (ve - vs >= 2 && t[vs] == '"' && t[ve - 1] == '"') vs++, ve--;
    e.kind = LINE_ENTRY;
    e.ks = ks, e.ke = ke, e.vs = vs, e.ve = ve;
    return e;
}

/* PHP's trim(): space, tab, LF, CR, NUL, VT. */
static bool trimmed(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == '\v';
}

/* Read one line as VuFind's ExtendedIniReader does. */
static entry scan_vufind(const unsigned char *t, size_t n)
{
    entry e = {0};
    size_t i = 0;
    while (i < n && trimmed(t[i]))
        i++;
    if (i < n && t[i] == ';') {
        e.kind = LINE_COMMENT;
        e.at = i + 1;
        return e;
    }
    const unsigned char *eq = n ? memchr(t, '=', n) : NULL; /* an empty line has no bytes */
    if (!eq) return e;
    size_t ks = i, ke = (size_t)(eq - t);
    while (ke > ks && trimmed(t[ke - 1]))
        ke--;
    if (ke <= ks) return e;
    size_t vs = (size_t)(eq - t) + 1, ve = n;
    while (vs < ve && trimmed(t[vs]))
        vs++;
    while (ve > vs && trimmed(t[ve - 1]))
        ve--;
    if (vs < ve && t[vs] == '"') vs++;
    if (vs < ve && t[ve - 1] == '"') ve--;
    e.kind = LINE_ENTRY;
    e.ks = ks, e.ke = ke, e.vs = vs, e.ve = ve;
    return e;
}

/* Decode value t[vs, ve) of the loaded line into the segment builder:
 * `\"` is `"`, an atomic span over its stored bytes. A `\` made from a
 * `"_QQ_"` whose quote the value lost (`"…"_QQ_"` at its end) stands for
 * the stored `"_QQ_`. */
static int decode(parser *p, const unsigned char *stored, size_t vs, size_t ve)
{
    const unsigned char *t = (const unsigned char *)p->ln.t.data;
    const size_t *off = p->ln.off;
    size_t run = vs;
    for (size_t i = vs; i < ve;) {
        bool pair = !p->vufind && t[i] == '\\' && i + 1 < ve && t[i + 1] == '"';
        bool lone = !pair && stored[off[i]] != t[i];
        if (!pair && !lone) {
            i++;
            continue;
        }
        if (i > run &&
            tl_segbuild_utf8(&p->sb, off[run], (const char *)stored + off[run], i - run) < 0)
            return TL_ENOMEM;
        if (pair) {
            if (tl_segbuild_atomic(&p->sb, off[i], off[i + 1] + 1 - off[i], "\"", 1) < 0)
                return TL_ENOMEM;
            i += 2;
        } else {
            if (tl_segbuild_atomic(&p->sb, off[i], 5, "\\", 1) < 0) return TL_ENOMEM;
            i++;
        }
        run = i;
    }
    if (ve > run &&
        tl_segbuild_utf8(&p->sb, off[run], (const char *)stored + off[run], ve - run) < 0)
        return TL_ENOMEM;
    return 0;
}

static int oom(parser *p)
{
    return tl_error_set(p->err, TL_ENOMEM, "out of memory");
}

/* One stored line, bytes [ls, le) without its line end. */
static int read_line(parser *p, size_t ls, size_t le)
{
    const unsigned char *b = p->doc->src.bytes;
    if (line_load(&p->ln, b, ls, le, !p->vufind) < 0) return oom(p);
    const unsigned char *t = (const unsigned char *)p->ln.t.data;
    size_t n = p->ln.t.len;
    entry e = p->vufind ? scan_vufind(t, n) : scan(t, n);
    if (e.kind == LINE_ERROR) {
        size_t at = e.at < n ? p->ln.off[e.at] : le;
        if (e.bad)
            return tl_doc_error(p->doc, p->err, TL_ESYNTAX, at,
                                "`%c` in a key: PHP's ini reader refuses it, and Joomla then "
                                "loads nothing from this file",
                                e.bad);
        return tl_doc_error(p->doc, p->err, TL_ESYNTAX, at, "%s", e.why);
    }
    if (e.kind == LINE_NONE) {
        size_t i = 0;
        while (i < n && blank(t[i]))
            i++;
        if (i == n) tl_buf_reset(&p->comment); /* a blank line ends a note */
        return 0;
    }
    if (e.kind == LINE_COMMENT) {
        size_t at = ls + e.at;
        const char *text = (const char *)b + at;
        if (tl_doc_scan_comment(p->doc, text, le - at, at) < 0) return oom(p);
        if (p->comment.len && tl_buf_putc(&p->comment, '\n') < 0) return oom(p);
        if (tl_buf_append(&p->comment, text, le - at) < 0) return oom(p);
        return 0;
    }
    tl_buf_reset(&p->key);
    if (tl_buf_append(&p->key, t + e.ks, e.ke - e.ks) < 0) return oom(p);
    if (e.ve == e.vs) { /* an empty value is nothing to lint */
        tl_buf_reset(&p->comment);
        return 0;
    }
    tl_segbuild_reset(&p->sb);
    p->sb.raw_begin = p->ln.off[e.vs];
    if (decode(p, b, e.vs, e.ve) < 0) return oom(p);
    tl_segment *seg = tl_doc_add(p->doc, &p->sb, p->key.data, NULL);
    if (!seg) return oom(p);
    seg->flags |= TL_SEG_C_FORMAT;
    seg->style = p->vufind ? STYLE_VUFIND : 0;
    if (memchr(seg->text, '<', seg->text_len)) seg->flags |= TL_SEG_MARKUP;
    if (p->comment.len)
        seg->comment = tl_arena_strndup(&p->doc->arena, p->comment.data, p->comment.len);
    tl_buf_reset(&p->comment);
    return 0;
}

static void parser_free(parser *p)
{
    tl_buf_free(&p->ln.t);
    free(p->ln.off);
    tl_buf_free(&p->key);
    tl_buf_free(&p->comment);
    tl_buf_free(&p->check);
    tl_segbuild_free(&p->sb);
}

/* Where the line holding offset `at` ends: its LF, or for PHP's reader its
 * CR or LF; or the end of the file. */
static size_t line_end(const unsigned char *b, size_t len, size_t at, bool vufind)
{
    while (at < len && b[at] != '\n' && (vufind || b[at] != '\r'))
        at++;
    return at;
}

static int extract(tl_doc *doc, tl_error *err, bool vufind)
{
    if (doc->src.encoding == TL_ENC_UTF16LE || doc->src.encoding == TL_ENC_UTF16BE)
        return tl_doc_error(doc, err, TL_EENCODING, 0, "%s",
                            "UTF-16 .ini files are not supported; save the file as UTF-8");
    const unsigned char *b = doc->src.bytes;
    size_t len = doc->src.len;
    const unsigned char *nul = len ? memchr(b, 0, len) : NULL;
    if (nul)
        return tl_doc_error(doc, err, TL_ESYNTAX, (size_t)(nul - b), "%s",
                            "a NUL byte: PHP stops reading the value here");
    parser p;
    memset(&p, 0, sizeof(p));
    p.doc = doc;
    p.err = err;
    p.vufind = vufind;
    doc->lang = tl_lang_from_path(&doc->arena, doc->path);
    tl_segbuild_init(&p.sb);
    int rc = 0;
    for (size_t ls = doc->src.bom_len; ls < len && rc == 0;) {
        size_t le = line_end(b, len, ls, vufind);
        rc = read_line(&p, ls, le);
        ls = le < len && b[le] == '\r' && le + 1 < len && b[le + 1] == '\n' ? le + 2 : le + 1;
    }
    parser_free(&p);
    return rc < 0 ? rc : 0;
}

int tl_extract_ini(tl_doc *doc, tl_error *err)
{
    return extract(doc, err, false);
}

int tl_extract_vufind_ini(tl_doc *doc, tl_error *err)
{
    return extract(doc, err, true);
}

/* The value of the line holding stored offset `at`, decoded as Joomla reads
 * it, into out; false when the line is no entry. */
static bool value_of(parser *p, const unsigned char *stored, size_t ls, size_t le, tl_buf *out)
{
    if (line_load(&p->ln, stored, ls, le, !p->vufind) < 0) return false;
    const unsigned char *t = (const unsigned char *)p->ln.t.data;
    entry e = p->vufind ? scan_vufind(t, p->ln.t.len) : scan(t, p->ln.t.len);
    if (e.kind != LINE_ENTRY) return false;
    tl_segbuild_reset(&p->sb);
    if (decode(p, stored, e.vs, e.ve) < 0) return false;
    tl_buf_reset(out);
    return tl_buf_append(out, p->sb.text.data, p->sb.text.len) == 0;
}

/* Fix encoder: for PHP's reader `"` is written `\"` (read back as `"` in a
 * quoted value and a bare one alike); everything else, and everything for
 * VuFind's reader, as it is. The edited line is then read
 * again as the extractor reads it, and the fix is refused unless its value
 * is exactly the old one with the replacement in place: a line break, a
 * `;` that would start a comment, blanks the reader would trim, a
 * backslash that would pair with a quote, or quotes that would change
 * how the value is read. */
int tl_encode_ini(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                  size_t raw_end, const char *text, size_t len)
{
    const unsigned char *b = doc->src.bytes;
    bool vufind = seg->style == STYLE_VUFIND;
    size_t mark = out->len;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n' || text[i] == '\r' || text[i] == '\0') return TL_EUSAGE;
        int rc = text[i] == '"' && !vufind ? tl_buf_puts(out, "\\\"") : tl_buf_putc(out, text[i]);
        if (rc < 0) return TL_ENOMEM;
    }
    /* The stored line, before and after. */
    size_t ls = seg->raw_start;
    while (ls > 0 && b[ls - 1] != '\n' && (vufind || b[ls - 1] != '\r'))
        ls--;
    if (ls < doc->src.bom_len) ls = doc->src.bom_len;
    size_t le = line_end(b, doc->src.len, seg->raw_end, vufind);
    tl_buf edited = {0}, want = {0}, got = {0};
    parser p;
    memset(&p, 0, sizeof(p));
    p.vufind = vufind;
    tl_segbuild_init(&p.sb);
    int rc = TL_ENOMEM;
    if (tl_buf_append(&edited, b + ls, raw_start - ls) < 0 ||
        tl_buf_append(&edited, out->data + mark, out->len - mark) < 0 ||
        tl_buf_append(&edited, b + raw_end, le - raw_end) < 0)
        goto done;
    /* What the value must read: the old text with the replacement in it. */
    size_t ts = seg->text_len, te = seg->text_len;
    for (size_t i = 0; i <= seg->text_len; i++)
        if (tl_segment_raw_start(seg, i) >= raw_start) {
            ts = i;
            break;
        }
    for (size_t i = seg->text_len + 1; i-- > ts;)
        if (tl_segment_raw_end(seg, i) <= raw_end || i == ts) {
            te = i;
            break;
        }
    if (tl_buf_append(&want, seg->text, ts) < 0 || tl_buf_append(&want, text, len) < 0 ||
        tl_buf_append(&want, seg->text + te, seg->text_len - te) < 0)
        goto done;
    rc = TL_EUSAGE;
    if (!value_of(&p, (const unsigned char *)edited.data, 0, edited.len, &got)) goto done;
    if (want.len && got.len == want.len && memcmp(got.data, want.data, want.len) == 0) rc = 0;
done:
    if (rc != 0) out->len = mark;
    tl_buf_free(&edited);
    tl_buf_free(&want);
    tl_buf_free(&got);
    parser_free(&p);
    return rc;
}
