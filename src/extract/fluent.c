/* fluent.c - Mozilla Fluent (.ftl) extractor and fix encoder.
 *
 * Parses Fluent Syntax 1.0 as the reference tooling parser (@fluent/syntax)
 * does, and emits one segment per message value, term value and attribute,
 * keyed `id`, `-term` or `id.attribute`. A file with a syntax error gets one
 * error at the first one and no segments (the reference parser would turn
 * the entry into Junk and go on).
 *
 * Grammar, in short (https://projectfluent.org/fluent/guide/):
 *   entry      message `id = pattern` | term `-id = pattern`, with indented
 *              attributes `.attr = pattern`; comments `#`, `##`, `###`
 *   pattern    text and placeables; continuation lines are indented and may
 *              not start with `[`, `*`, `.` or `}`; blank lines inside are
 *              kept; the common indentation of the pattern's lines is
 *              removed, and trailing blanks and line breaks are trimmed
 *   placeable  `{ expression }`: a string or number literal, `$variable`,
 *              `-term`, `message.attr`, `FUNCTION(args)`, a nested placeable,
 *              or a select expression `{ $n -> [one] … *[other] … }`
 *   text       has no escapes; `{` and `}` are written `{"{"}` and `{"}"}`.
 *   line ends  LF or CRLF (a lone CR is a text character)
 *
 * Decoded text: each text run maps to its stored bytes (a literal span); the
 * newline that joins two lines of a multi-line pattern is an atomic span over
 * the stored line end; the indentation removed in between is not in the text.
 * A placeable is kept as written and protected (tl_segment.protect: masked as
 * a variable, never linted), except that the variants of a select expression
 * are decoded as patterns of their own and linted; only their keys and the
 * selector are protected. */
#include "format.h"
#include "../core/array.h"
#include "../core/utf8.h"

#include <stdlib.h>
#include <string.h>

/* A piece of decoded text: stored bytes copied as they are, or the newline
 * joining two lines (atomic over the stored line end). */
typedef struct piece {
    size_t raw, len;
    bool nl;     /* a joining newline: decodes to "\n" */
    bool syntax; /* placeable syntax: protected */
    bool fixed;  /* inside a placeable: not trimmed by the enclosing pattern */
} piece;

/* An element of the pattern being parsed, before dedentation. */
typedef struct element {
    enum { E_TEXT, E_INDENT, E_PLACE } kind;
    size_t raw, len;     /* E_TEXT: the text; E_INDENT: raw = first line end */
    size_t nls;          /* E_INDENT: line ends before the line */
    size_t line, indent; /* E_INDENT: start of the indented line, its indent */
    size_t from, to;     /* E_PLACE: its pieces */
} element;

typedef struct parser {
    tl_doc *doc;
    tl_error *err;
    const unsigned char *b;
    size_t len, pos;
    piece *pc;
    size_t npc, cappc;
    element *el;
    size_t nel, capel;
    int depth;
    tl_segbuild sb;
    tl_buf key;
    tl_text_range *prot;
    size_t nprot, capprot;
} parser;

enum { MAX_DEPTH = 100 };

static int perr(parser *p, size_t off, const char *msg)
{
    if (off > p->len) off = p->len;
    return tl_doc_error(p->doc, p->err, TL_ESYNTAX, off, "%s", msg);
}

static int oom(parser *p)
{
    return tl_error_set(p->err, TL_ENOMEM, "out of memory");
}

/* Length of the line end at i (LF or CRLF), 0 if none. */
static size_t eol(const parser *p, size_t i)
{
    if (i < p->len && p->b[i] == '\n') return 1;
    if (i + 1 < p->len && p->b[i] == '\r' && p->b[i + 1] == '\n') return 2;
    return 0;
}

static bool at_eol_or_eof(const parser *p, size_t i)
{
    return i >= p->len || eol(p, i);
}

static int cur(const parser *p)
{
    return p->pos < p->len ? p->b[p->pos] : -1;
}

static bool id_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool id_char(int c)
{
    return id_start(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static bool digit(int c)
{
    return c >= '0' && c <= '9';
}

static size_t skip_inline(const parser *p, size_t i)
{
    while (i < p->len && p->b[i] == ' ')
        i++;
    return i;
}

/* Spaces and line ends. */
static size_t skip_blank(const parser *p, size_t i)
{
    for (;;) {
        size_t n;
        if (i < p->len && p->b[i] == ' ')
            i++;
        else if ((n = eol(p, i)) > 0)
            i += n;
        else
            return i;
    }
}

/* Blank lines from i (at a line end or a line start): returns the start of
 * the first line that is not blank (or the end of input), counting line ends. */
static size_t blank_block(const parser *p, size_t i, size_t *nls)
{
    *nls = 0;
    for (;;) {
        size_t j = skip_inline(p, i), n;
        if ((n = eol(p, j)) > 0) {
            (*nls)++;
            i = j + n;
            continue;
        }
        return j >= p->len ? j : i;
    }
}

/* Whether the line starting at i continues a pattern. */
static bool continuation(const parser *p, size_t i)
{
    size_t k = skip_inline(p, i);
    if (k < p->len && p->b[k] == '{') return true;
    if (k == i || k >= p->len) return false;
    unsigned char c = p->b[k];
    return c != '}' && c != '.' && c != '[' && c != '*' && !eol(p, k);
}

static int push_piece(parser *p, piece pc)
{
    if (p->npc == p->cappc && tl_array_grow(&p->pc, &p->cappc, sizeof(*p->pc), 64) < 0)
        return TL_ENOMEM;
    p->pc[p->npc++] = pc;
    return 0;
}

static int push_element(parser *p, element e)
{
    if (p->nel == p->capel && tl_array_grow(&p->el, &p->capel, sizeof(*p->el), 64) < 0)
        return TL_ENOMEM;
    p->el[p->nel++] = e;
    return 0;
}

static int expect(parser *p, int c, const char *msg)
{
    if (cur(p) != c) return perr(p, p->pos, msg);
    p->pos++;
    return 0;
}

static int expect_line_end(parser *p)
{
    if (p->pos >= p->len) return 0;
    size_t n = eol(p, p->pos);
    if (!n) return perr(p, p->pos, "expected a line end");
    p->pos += n;
    return 0;
}

static int identifier(parser *p)
{
    if (!id_start(cur(p))) return perr(p, p->pos, "expected an identifier (a letter first)");
    while (id_char(cur(p)))
        p->pos++;
    return 0;
}

static int number(parser *p)
{
    if (cur(p) == '-') p->pos++;
    if (!digit(cur(p))) return perr(p, p->pos, "expected a digit");
    while (digit(cur(p)))
        p->pos++;
    if (cur(p) == '.') {
        p->pos++;
        if (!digit(cur(p))) return perr(p, p->pos, "expected a digit");
        while (digit(cur(p)))
            p->pos++;
    }
    return 0;
}

static bool number_start(const parser *p)
{
    size_t i = p->pos;
    if (i < p->len && p->b[i] == '-') i++;
    return i < p->len && digit(p->b[i]);
}

static int string_literal(parser *p)
{
    p->pos++; /* the opening quote */
    for (;;) {
        int c = cur(p);
        if (c < 0 || eol(p, p->pos)) return perr(p, p->pos, "unterminated string literal");
        p->pos++;
        if (c == '"') return 0;
        if (c != '\\') continue;
        c = cur(p);
        if (c == '\\' || c == '"') {
            p->pos++;
        } else if (c == 'u' || c == 'U') {
            int digits = c == 'u' ? 4 : 6;
            p->pos++;
            for (int k = 0; k < digits; k++) {
                if (tl_hexval((uint32_t)cur(p)) < 0)
                    return perr(p, p->pos, "invalid unicode escape sequence");
                p->pos++;
            }
        } else {
            return perr(p, p->pos, "unknown escape sequence in a string literal");
        }
    }
}

static int placeable(parser *p);

typedef enum { X_OTHER, X_MESSAGE, X_TERM, X_TERM_ATTR, X_PLACEABLE } expr_kind;

static int call_arguments(parser *p);

static int inline_expression(parser *p, expr_kind *kind)
{
    *kind = X_OTHER;
    int c = cur(p), rc;
    if (c == '{') {
        *kind = X_PLACEABLE;
        return placeable(p);
    }
    if (number_start(p)) return number(p);
    if (c == '"') return string_literal(p);
    if (c == '$') {
        p->pos++;
        return identifier(p);
    }
    if (c == '-') {
        p->pos++;
        if ((rc = identifier(p)) < 0) return rc;
        *kind = X_TERM;
        if (cur(p) == '.') {
            p->pos++;
            if ((rc = identifier(p)) < 0) return rc;
            *kind = X_TERM_ATTR;
        }
        size_t k = skip_blank(p, p->pos);
        if (k < p->len && p->b[k] == '(') {
            p->pos = k;
            return call_arguments(p);
        }
        return 0;
    }
    if (id_start(c)) {
        size_t start = p->pos;
        if ((rc = identifier(p)) < 0) return rc;
        size_t k = skip_blank(p, p->pos);
        if (k < p->len && p->b[k] == '(') {
            for (size_t i = start; i < p->pos; i++) {
                unsigned char d = p->b[i];
                if (!((d >= 'A' && d <= 'Z') || (i > start && (digit(d) || d == '_' || d == '-'))))
                    return perr(p, start, "function names must be upper case");
            }
            p->pos = k;
            return call_arguments(p);
        }
        *kind = X_MESSAGE;
        if (cur(p) == '.') {
            p->pos++;
            if ((rc = identifier(p)) < 0) return rc;
            *kind = X_OTHER; /* a message attribute */
        }
        return 0;
    }
    return perr(p, p->pos, "expected an inline expression");
}

static int call_arguments(parser *p)
{
    int rc;
    bool named_seen = false;
    p->pos++; /* ( */
    p->pos = skip_blank(p, p->pos);
    while (cur(p) != ')') {
        expr_kind kind;
        size_t arg = p->pos;
        if ((rc = inline_expression(p, &kind)) < 0) return rc;
        p->pos = skip_blank(p, p->pos);
        if (cur(p) == ':') {
            if (kind != X_MESSAGE) return perr(p, arg, "named argument names must be identifiers");
            p->pos = skip_blank(p, p->pos + 1);
            if (number_start(p))
                rc = number(p);
            else if (cur(p) == '"')
                rc = string_literal(p);
            else
                rc = perr(p, p->pos, "named argument values must be literals");
            if (rc < 0) return rc;
            named_seen = true;
        } else if (named_seen) {
            return perr(p, arg, "positional arguments must come before named ones");
        }
        p->pos = skip_blank(p, p->pos);
        if (cur(p) != ',') break;
        p->pos = skip_blank(p, p->pos + 1);
    }
    return expect(p, ')', "expected `)`");
}

static int pattern(parser *p, bool block);

/* A pattern after `=` or a variant key, if any: *found says whether there
 * was one. Its pieces are appended to p->pc. */
static int maybe_pattern(parser *p, bool *found)
{
    *found = false;
    size_t i = skip_inline(p, p->pos);
    if (!at_eol_or_eof(p, i)) {
        p->pos = i;
        *found = true;
        return pattern(p, false);
    }
    size_t nls;
    size_t line = blank_block(p, i, &nls);
    if (line < p->len && continuation(p, line)) {
        p->pos = line;
        *found = true;
        return pattern(p, true);
    }
    return 0;
}

/* Variants of a select expression, from just after `->`. The select's
 * pieces start with its syntax from `open`. */
static int variants(parser *p, size_t open)
{
    int rc;
    bool has_default = false;
    size_t count = 0, cursor = open;
    p->pos = skip_blank(p, p->pos);
    for (;;) {
        size_t k = p->pos;
        bool dflt = k < p->len && p->b[k] == '*';
        if (dflt) k++;
        if (k >= p->len || p->b[k] != '[') break;
        if (dflt && has_default)
            return perr(p, p->pos, "a select expression has only one default variant");
        has_default |= dflt;
        p->pos = skip_blank(p, k + 1);
        if (p->pos >= p->len) return perr(p, p->pos, "expected a variant key");
        if (number_start(p) ? (rc = number(p)) < 0 : (rc = identifier(p)) < 0) return rc;
        p->pos = skip_blank(p, p->pos);
        if ((rc = expect(p, ']', "expected `]`")) < 0) return rc;
        /* The syntax up to the variant's text, then the text. */
        size_t si = p->npc;
        if (push_piece(p, (piece){cursor, 0, false, true, true}) < 0) return oom(p);
        bool found;
        if ((rc = maybe_pattern(p, &found)) < 0) return rc;
        if (!found) return perr(p, p->pos, "expected a value for the variant");
        if (p->npc > si + 1) {
            p->pc[si].len = p->pc[si + 1].raw - cursor;
            piece *last = &p->pc[p->npc - 1];
            cursor = last->raw + last->len;
        } else {
            p->pc[si].len = p->pos - cursor;
            cursor = p->pos;
        }
        for (size_t i = si + 1; i < p->npc; i++)
            p->pc[i].fixed = true;
        count++;
        if ((rc = expect_line_end(p)) < 0) return rc;
        p->pos = skip_blank(p, p->pos);
    }
    if (!count) return perr(p, p->pos, "expected at least one variant after `->`");
    if (!has_default) return perr(p, p->pos, "expected a default variant (`*[...]`)");
    return 0;
}

static int placeable(parser *p)
{
    if (++p->depth > MAX_DEPTH) return perr(p, p->pos, "placeables nested too deeply");
    size_t open = p->pos, base = p->npc;
    int rc;
    p->pos = skip_blank(p, p->pos + 1);
    expr_kind kind;
    if ((rc = inline_expression(p, &kind)) < 0) return rc;
    p->npc = base; /* nested placeables are kept as written */
    p->pos = skip_blank(p, p->pos);
    bool select = p->pos + 1 < p->len && p->b[p->pos] == '-' && p->b[p->pos + 1] == '>';
    if (select) {
        if (kind == X_MESSAGE) return perr(p, open, "messages cannot be used as selectors");
        if (kind == X_TERM) return perr(p, open, "terms cannot be used as selectors");
        if (kind == X_PLACEABLE) return perr(p, open, "placeables cannot be used as selectors");
        p->pos = skip_inline(p, p->pos + 2);
        if ((rc = expect_line_end(p)) < 0) return rc;
        if ((rc = variants(p, open)) < 0) return rc;
        /* The closing syntax runs from the end of the last variant's text. */
        const piece *last = &p->pc[p->npc - 1];
        size_t from = last->raw + last->len;
        if ((rc = expect(p, '}', "expected `}` to close the select expression")) < 0) return rc;
        if (push_piece(p, (piece){from, p->pos - from, false, true, true}) < 0) return oom(p);
    } else {
        if (kind == X_TERM_ATTR)
            return perr(p, open, "term attributes can only be used as selectors");
        if ((rc = expect(p, '}', "expected `}`")) < 0) return rc;
        if (push_piece(p, (piece){open, p->pos - open, false, true, true}) < 0) return oom(p);
    }
    p->depth--;
    return 0;
}

/* The pattern at p->pos (after the blanks of its first line). Its pieces,
 * dedented and trimmed, are appended to p->pc. */
static int pattern(parser *p, bool block)
{
    size_t ebase = p->nel, pbase = p->npc, common = (size_t)-1;
    int rc;
    if (block) {
        size_t line = p->pos;
        p->pos = skip_inline(p, p->pos);
        if (push_element(p, (element){E_INDENT, line, 0, 0, line, p->pos - line, 0, 0}) < 0)
            return oom(p);
        common = p->pos - line;
    }
    while (p->pos < p->len) {
        size_t n = eol(p, p->pos);
        if (n) {
            size_t nls;
            size_t line = blank_block(p, p->pos, &nls);
            if (line < p->len && continuation(p, line)) {
                size_t first = p->pos;
                p->pos = skip_inline(p, line);
                size_t indent = p->pos - line;
                if (indent < common) common = indent;
                if (push_element(p, (element){E_INDENT, first, 0, nls, line, indent, 0, 0}) < 0)
                    return oom(p);
                continue;
            }
            break;
        }
        unsigned char c = p->b[p->pos];
        if (c == '{') {
            size_t from = p->npc;
            if ((rc = placeable(p)) < 0) return rc;
            if (push_element(p, (element){E_PLACE, 0, 0, 0, 0, 0, from, p->npc}) < 0) return oom(p);
            continue;
        }
        if (c == '}') return perr(p, p->pos, "unbalanced closing brace in text (write {\"}\"})");
        size_t start = p->pos;
        while (p->pos < p->len && p->b[p->pos] != '{' && p->b[p->pos] != '}' && !eol(p, p->pos))
            p->pos++;
        if (push_element(p, (element){E_TEXT, start, p->pos - start, 0, 0, 0, 0, 0}) < 0)
            return oom(p);
    }
    /* Dedent: append the final pieces after the placeables' pieces, then
     * move them down over those. */
    size_t out = p->npc;
    for (size_t i = ebase; i < p->nel; i++) {
        element e = p->el[i];
        if (e.kind == E_PLACE) {
            for (size_t k = e.from; k < e.to; k++)
                if (push_piece(p, p->pc[k]) < 0) return oom(p);
        } else if (e.kind == E_TEXT) {
            if (push_piece(p, (piece){e.raw, e.len, false, false, false}) < 0) return oom(p);
        } else {
            /* Each line end of the blank block, then what is left of the indent. */
            size_t at = e.raw;
            for (size_t k = 0; k < e.nls; k++) {
                at = skip_inline(p, at);
                size_t n = eol(p, at);
                if (push_piece(p, (piece){at, n, true, false, false}) < 0) return oom(p);
                at += n;
            }
            if (e.indent > common &&
                push_piece(p, (piece){e.line, e.indent - common, false, false, false}) < 0)
                return oom(p);
        }
    }
    /* Trim trailing blanks and line breaks of the last text. */
    while (p->npc > out) {
        piece *last = &p->pc[p->npc - 1];
        if (last->fixed) break;
        if (last->nl) {
            p->npc--;
            continue;
        }
        while (last->len &&
               (p->b[last->raw + last->len - 1] == ' ' || p->b[last->raw + last->len - 1] == '\n' ||
                p->b[last->raw + last->len - 1] == '\r'))
            last->len--;
        if (last->len) break;
        p->npc--;
    }
    memmove(p->pc + pbase, p->pc + out, (p->npc - out) * sizeof(*p->pc));
    p->npc = pbase + (p->npc - out);
    p->nel = ebase;
    return 0;
}

static int add_range(parser *p, size_t start, size_t end)
{
    if (p->nprot && p->prot[p->nprot - 1].end == start) {
        p->prot[p->nprot - 1].end = end;
        return 0;
    }
    if (p->nprot == p->capprot && tl_array_grow(&p->prot, &p->capprot, sizeof(*p->prot), 16) < 0)
        return TL_ENOMEM;
    p->prot[p->nprot++] = (tl_text_range){start, end};
    return 0;
}

/* Turn the pieces of one pattern into a segment. */
static int emit(parser *p, size_t key_start, size_t key_len, size_t attr_start, size_t attr_len)
{
    if (!p->npc) return 0;
    tl_segbuild_reset(&p->sb);
    p->nprot = 0;
    for (size_t i = 0; i < p->npc; i++) {
        const piece *pc = &p->pc[i];
        size_t before = p->sb.text.len;
        int rc = pc->nl ? tl_segbuild_atomic(&p->sb, pc->raw, pc->len, "\n", 1)
                        : tl_segbuild_utf8(&p->sb, pc->raw, (const char *)p->b + pc->raw, pc->len);
        if (rc < 0) return oom(p);
        /* Protect the syntax but not the blanks around it, so the variant
         * texts keep their word boundaries. */
        size_t a = before, z = p->sb.text.len;
        const char *t = p->sb.text.data;
        while (pc->syntax && a < z && (t[a] == ' ' || t[a] == '\n' || t[a] == '\r'))
            a++;
        while (pc->syntax && z > a && (t[z - 1] == ' ' || t[z - 1] == '\n' || t[z - 1] == '\r'))
            z--;
        if (pc->syntax && z > a && add_range(p, a, z) < 0) return oom(p);
    }
    tl_buf_reset(&p->key);
    if (tl_buf_append(&p->key, p->b + key_start, key_len) < 0 ||
        (attr_len && (tl_buf_putc(&p->key, '.') < 0 ||
                      tl_buf_append(&p->key, p->b + attr_start, attr_len) < 0)))
        return oom(p);
    tl_segment *seg = tl_doc_add(p->doc, &p->sb, p->key.data, NULL);
    if (!seg) return oom(p);
    seg->flags |= TL_SEG_NO_BRACES;
    if (p->nprot) {
        tl_text_range *r = tl_arena_alloc(&p->doc->arena, p->nprot * sizeof(*r));
        if (!r) return oom(p);
        memcpy(r, p->prot, p->nprot * sizeof(*r));
        seg->protect = r;
        seg->nprotect = p->nprot;
    }
    p->npc = 0;
    return 0;
}

/* A message or term at p->pos, with its attributes. */
static int message(parser *p)
{
    int rc;
    size_t start = p->pos;
    bool term = cur(p) == '-';
    if (term) p->pos++;
    if ((rc = identifier(p)) < 0) return rc;
    size_t key_len = p->pos - start;
    p->pos = skip_inline(p, p->pos);
    if ((rc = expect(p, '=', "expected `=` after the identifier")) < 0) return rc;
    bool value;
    if ((rc = maybe_pattern(p, &value)) < 0) return rc;
    if (term && !value) return perr(p, p->pos, "expected a value for the term");
    if ((rc = emit(p, start, key_len, 0, 0)) < 0) return rc;
    size_t attrs = 0;
    for (;;) {
        size_t k = skip_blank(p, p->pos);
        if (k >= p->len || p->b[k] != '.') break;
        p->pos = k + 1;
        size_t attr = p->pos;
        if ((rc = identifier(p)) < 0) return rc;
        size_t attr_len = p->pos - attr;
        p->pos = skip_inline(p, p->pos);
        if ((rc = expect(p, '=', "expected `=` after the attribute name")) < 0) return rc;
        bool found;
        if ((rc = maybe_pattern(p, &found)) < 0) return rc;
        if (!found) return perr(p, p->pos, "expected a value for the attribute");
        if ((rc = emit(p, start, key_len, attr, attr_len)) < 0) return rc;
        attrs++;
    }
    if (!value && !attrs) return perr(p, start, "a message needs a value or attributes");
    return 0;
}

static int comment(parser *p)
{
    size_t start = p->pos;
    int level = 0;
    while (level < 3 && cur(p) == '#')
        p->pos++, level++;
    if (!at_eol_or_eof(p, p->pos)) {
        if (cur(p) != ' ') return perr(p, p->pos, "expected a space after `#` in a comment");
        while (!at_eol_or_eof(p, p->pos))
            p->pos++;
    }
    return tl_doc_scan_comment(p->doc, (const char *)p->b + start + level, p->pos - start - level,
                               start) < 0
               ? oom(p)
               : 0;
}

int tl_extract_fluent(tl_doc *doc, tl_error *err)
{
    if (doc->src.encoding != TL_ENC_UTF8)
        return tl_doc_error(doc, err, TL_EENCODING, 0, "%s",
                            "Fluent files are UTF-8; this one is UTF-16");
    parser p;
    memset(&p, 0, sizeof(p));
    p.doc = doc;
    p.err = err;
    p.b = doc->src.bytes;
    p.len = doc->src.len;
    p.pos = doc->src.bom_len;
    tl_segbuild_init(&p.sb);
    int rc = 0;
    size_t nls;
    p.pos = blank_block(&p, p.pos, &nls);
    while (p.pos < p.len) {
        int c = cur(&p);
        if (c == '#')
            rc = comment(&p);
        else if (c == '-' || id_start(c))
            rc = message(&p);
        else
            rc =
                perr(&p, p.pos, "expected a message, a term or a comment at the start of the line");
        if (rc < 0 || (rc = expect_line_end(&p)) < 0) break;
        p.pos = blank_block(&p, p.pos, &nls);
    }
    if (rc < 0 && !err->code) tl_error_set(err, rc, "out of memory");
    tl_segbuild_free(&p.sb);
    tl_buf_free(&p.key);
    free(p.pc);
    free(p.el);
    free(p.prot);
    return rc < 0 ? rc : 0;
}

/* Fix encoder: text has no escapes, so braces become string literals; a
 * replacement that would change the pattern's shape (a line break, blanks at
 * its edges that the parser trims) cannot be stored. */
int tl_encode_fluent(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                     size_t raw_end, const char *text, size_t len)
{
    (void)doc;
    if (len && ((text[0] == ' ' && raw_start <= seg->raw_start) ||
                (text[len - 1] == ' ' && raw_end >= seg->raw_end)))
        return TL_EUSAGE;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        int rc;
        if (c == '\n' || c == '\r') return TL_EUSAGE;
        if (c == '{')
            rc = tl_buf_puts(out, "{\"{\"}");
        else if (c == '}')
            rc = tl_buf_puts(out, "{\"}\"}");
        else
            rc = tl_buf_putc(out, c);
        if (rc < 0) return TL_ENOMEM;
    }
    return 0;
}
