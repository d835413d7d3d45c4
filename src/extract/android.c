/* android.c - Android resource strings (res/values, values-xx: strings.xml).
 *
 * Reads <string name>, <plurals name>/<item quantity> and
 * <string-array name>/<item> under <resources>; keys are `name`,
 * `name[quantity]` and `name[index]`. translatable="false" resources and
 * values that are only a resource reference (@string/x, ?attr/x, @null)
 * are skipped. The language comes from the values-xx folder.
 *
 * A value is decoded in two layers, as aapt2 does (ResourceParser.cpp
 * FlattenXmlSubtree and ResourceUtils.cpp StringBuilder::AppendText):
 *   1. XML: entities, character references, CDATA (the adapter, xml.c).
 *   2. aapt2, over each run of text between two inline elements:
 *      - outside "...": a run of ASCII whitespace becomes one space;
 *      - an unescaped `"` toggles quoting and is removed; inside quotes
 *        whitespace is kept as it is;
 *      - \n \t, \uXXXX (up to 4 hex digits), and \c for any other c
 *        (\' \" \\ \@ \? \# ...) gives c; a `\` ending a run is dropped;
 *      - quoting and space state reset at every styling tag (<b>, <i>,
 *        <a href>, <annotation>), not at <xliff:g>;
 *      - when the value has no styling tag, leading whitespace of the
 *        first run and trailing whitespace of the last run are trimmed
 *        before escapes are read.
 *   aapt2 refuses an unescaped `'` outside quotes and a bad \u escape; here
 *   the `'` is kept and a bad `\u` reads as "u", so the copy is still linted.
 * Styling tags stay in the text as written (TL_SEG_MARKUP; the tokenizer
 * masks them); <xliff:g> tags are dropped and their content is kept but
 * marked protected, so it is never linted. Every decoded byte maps to its
 * stored bytes; an escape or a collapsed whitespace run maps as a whole. */
#include "format.h"
#include "../core/xml.h"
#include "../core/utf8.h"
#include "../core/array.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum { T_CHAR, T_SPAN, T_G_OPEN, T_G_CLOSE, T_OTHER } tkind;

/* One token of a value: a run of plain characters stored as is, one
 * character the second layer reads (`\\`, `"`, whitespace), one whole XML
 * escape (`&amp;`, `&#233;`, CRLF), or an inline element boundary. */
typedef struct tok {
    tkind kind;
    bool literal; /* text stored as is at raw_start */
    bool cdata;
    bool skip;        /* trimmed away */
    unsigned run;     /* the text run (between inline elements) it belongs to */
    size_t text, len; /* its decoded bytes in the pool */
    size_t raw_start, raw_end;
} tok;

enum { BAG_NONE, BAG_PLURALS, BAG_ARRAY };

typedef struct android {
    tl_doc *doc;
    tl_error *err;
    int depth;
    /* The <plurals> or <string-array> being read. */
    int bag;
    bool bag_skip;
    tl_buf bag_name;
    int item_index;
    int bag_entry; /* its number, shared by its items (tl_segment.entry) */
    /* The value being collected. */
    bool collecting;
    int value_depth;
    tl_buf key;
    bool c_format;
    size_t value_start;
    tok *toks;
    size_t ntoks, cap;
    tl_buf pool;
    unsigned run;
    bool in_run, saw_span;
    tl_buf comment; /* the last comment between resources */
    tl_segbuild sb;
    tl_text_range *prot;
    size_t nprot, capprot;
    /* The fix encoder's probe: the state at stored byte probe_off of
     * segment probe_index. */
    bool probe, probe_done, probe_quote, probe_cdata, probe_first;
    size_t probe_off, probe_index;
} android;

static int oom(android *a)
{
    return tl_error_set(a->err, TL_ENOMEM, "out of memory");
}

static int push_tok(android *a, tok t)
{
    if (a->ntoks == a->cap && tl_array_grow(&a->toks, &a->cap, sizeof(*a->toks), 256) < 0)
        return oom(a);
    a->toks[a->ntoks++] = t;
    return 0;
}

/* An inline element boundary. Styling tags keep their stored text. */
static int push_mark(android *a, tkind kind, size_t off, size_t raw_len, const char *name,
                     bool close)
{
    tok t = {kind, true, false, false, a->run, a->pool.len, 0, off, off + raw_len};
    a->in_run = false;
    if (kind == T_SPAN) {
        a->saw_span = true;
        const tl_source *src = &a->doc->src;
        if (src->encoding == TL_ENC_UTF8) {
            if (tl_buf_append(&a->pool, src->bytes + off, raw_len) < 0) return oom(a);
        } else { /* a UTF-16 file: spell the tag in UTF-8 */
            t.literal = false;
            if (raw_len && tl_buf_printf(&a->pool, close ? "</%s>" : "<%s>", name) < 0)
                return oom(a);
        }
        t.len = a->pool.len - t.text;
    }
    return push_tok(a, t);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static bool special(char c)
{
    return c == '\\' || c == '"' || is_space(c);
}

static int on_text(void *ud, const tl_xml_text *x)
{
    android *a = ud;
    if (!a->collecting) return 0;
    if (!a->in_run) {
        a->run++;
        a->in_run = true;
    }
    size_t base = a->pool.len;
    if (tl_buf_append(&a->pool, x->text, x->len) < 0) return oom(a);
    if (!x->literal)
        return push_tok(a, (tok){T_CHAR, false, x->cdata, false, a->run, base, x->len, x->raw_off,
                                 x->raw_off + x->raw_len});
    /* A run of plain characters is one token; `\\`, `"` and whitespace,
     * which the second layer reads, are tokens of their own. */
    for (size_t i = 0; i < x->len;) {
        size_t k = i;
        while (k < x->len && !special(x->text[k]))
            k++;
        if (k == i) k++;
        int rc = push_tok(a, (tok){T_CHAR, true, x->cdata, false, a->run, base + i, k - i,
                                   x->raw_off + i, x->raw_off + k});
        if (rc < 0) return rc;
        i = k;
    }
    return 0;
}

static bool tok_is_space(const android *a, const tok *t)
{
    if (t->kind != T_CHAR || t->len == 0) return false;
    for (size_t i = 0; i < t->len; i++)
        if (!is_space(a->pool.data[t->text + i])) return false;
    return true;
}

/* The character a token stands for when it is one ASCII byte, else 0. */
static char tok_char(const android *a, const tok *t)
{
    return t->kind == T_CHAR && t->len == 1 ? a->pool.data[t->text] : 0;
}

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

/* aapt2's reference syntax: @null, @empty, @[+][*][package:]type/name and
 * ?[*][package:][attr/]name, on the XML-decoded value without surrounding
 * whitespace. Such a value points at another resource; it is not copy. */
static bool is_reference(const char *s, size_t n)
{
    if (n < 2 || (s[0] != '@' && s[0] != '?')) return false;
    if (s[0] == '@' &&
        ((n == 5 && memcmp(s, "@null", 5) == 0) || (n == 6 && memcmp(s, "@empty", 6) == 0)))
        return true;
    size_t i = 1;
    if (s[0] == '@' && i < n && s[i] == '+') i++;
    if (i < n && s[i] == '*') i++;
    size_t start = i, colon = 0, slash = 0;
    for (; i < n; i++) {
        if (s[i] == ':' && !colon && !slash)
            colon = i;
        else if (s[i] == '/' && !slash)
            slash = i;
        else if (!name_char(s[i]))
            return false;
    }
    size_t type_start = colon ? colon + 1 : start;
    if (s[0] == '?') {
        /* The type, when given, must be attr. */
        if (slash && (slash - type_start != 4 || memcmp(s + type_start, "attr", 4) != 0))
            return false;
        return (slash ? slash + 1 : type_start) < n;
    }
    return slash > type_start && slash + 1 < n;
}

/* The next token of the same text run after i that is not trimmed, or n. */
static size_t next_in_run(const android *a, size_t i)
{
    size_t j = i + 1;
    if (j < a->ntoks && a->toks[j].kind == T_CHAR && a->toks[j].run == a->toks[i].run &&
        !a->toks[j].skip)
        return j;
    return a->ntoks;
}

/* A character inside the tokens of one text run: token t, byte off (a
 * literal token holds several characters; an atomic one is one unit). */
typedef struct cursor {
    size_t t, off;
} cursor;

static size_t cur_len(const android *a, cursor c)
{
    const tok *t = &a->toks[c.t];
    if (!t->literal) return t->len;
    size_t k = tl_utf8_seqlen((unsigned char)a->pool.data[t->text + c.off]);
    return c.off + k > t->len ? t->len - c.off : k;
}

/* The character at c when it is one byte, else 0. */
static char cur_byte(const android *a, cursor c)
{
    const tok *t = &a->toks[c.t];
    return t->literal || t->len == 1 ? a->pool.data[t->text + c.off] : 0;
}

static size_t cur_raw_end(const android *a, cursor c)
{
    const tok *t = &a->toks[c.t];
    return t->literal ? t->raw_start + c.off + cur_len(a, c) : t->raw_end;
}

/* Step to the next character of the same run; false at its end. */
static bool cur_next(const android *a, cursor *c)
{
    const tok *t = &a->toks[c->t];
    size_t k = cur_len(a, *c);
    if (t->literal && c->off + k < t->len) {
        c->off += k;
        return true;
    }
    size_t j = next_in_run(a, c->t);
    if (j == a->ntoks) return false;
    *c = (cursor){j, 0};
    return true;
}

/* The hex digits of a \uXXXX escape whose `u` is at u: up to 4 (fewer when
 * the run ends). Sets *last to the last digit; false when a non-hex
 * character comes first (aapt2 refuses the string). */
static bool read_u(const android *a, cursor u, unsigned *cp, cursor *last)
{
    unsigned v = 0;
    cursor c = u;
    for (int k = 0; k < 4; k++) {
        cursor next = c;
        if (!cur_next(a, &next)) break;
        int h = tl_hexval(cur_byte(a, next));
        if (h < 0) return false;
        v = v << 4 | (unsigned)h;
        c = next;
    }
    *cp = v;
    *last = c;
    return true;
}

static int emit_tok(android *a, const tok *t)
{
    const char *s = a->pool.data + t->text;
    int rc = t->literal
                 ? tl_segbuild_literal(&a->sb, t->raw_start, s, t->len)
                 : tl_segbuild_atomic(&a->sb, t->raw_start, t->raw_end - t->raw_start, s, t->len);
    return rc < 0 ? oom(a) : 0;
}

static int emit_atomic(android *a, size_t raw_start, size_t raw_end, const char *s, size_t n)
{
    return tl_segbuild_atomic(&a->sb, raw_start, raw_end - raw_start, s, n) < 0 ? oom(a) : 0;
}

static int add_protect(android *a, size_t start, size_t end)
{
    if (end <= start) return 0;
    if (a->nprot == a->capprot && tl_array_grow(&a->prot, &a->capprot, sizeof(*a->prot), 8) < 0)
        return oom(a);
    a->prot[a->nprot++] = (tl_text_range){start, end};
    return 0;
}

/* The escape whose backslash is token i. Sets *end to the last token it
 * used up; a literal token it only started on is cut to what remains, and
 * *end is the token before it. */
static int escape(android *a, size_t i, size_t *end)
{
    cursor c = {i, 0};
    *end = i;
    if (!cur_next(a, &c)) return 0; /* a backslash ending the run stands for nothing */
    cursor last = c;
    char out[8];
    const char *o = out;
    size_t n = 1;
    switch (cur_byte(a, c)) {
    case 't':
        out[0] = '\t';
        break;
    case 'n':
        out[0] = '\n';
        break;
    case 'u': {
        unsigned cp;
        if (!read_u(a, c, &cp, &last)) {
            out[0] = 'u'; /* lenient: aapt2 refuses the string */
            break;
        }
        /* A surrogate pair written as two escapes is one character. */
        cursor b = last, u2 = last, lo_last;
        unsigned lo;
        if (cp >= 0xD800 && cp <= 0xDBFF && cur_next(a, &b) && cur_byte(a, b) == '\\' &&
            (u2 = b, cur_next(a, &u2)) && cur_byte(a, u2) == 'u' && read_u(a, u2, &lo, &lo_last) &&
            lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            last = lo_last;
        }
        if (cp == 0)
            n = 0;
        else if (cp >= 0xD800 && cp <= 0xDFFF)
            n = tl_utf8_encode(out, 0xFFFD);
        else
            n = tl_utf8_encode(out, cp);
        break;
    }
    default:
        /* \' \" \\ \@ \? \# and any other character (even an XML escape) is itself. */
        o = a->pool.data + a->toks[c.t].text + c.off;
        n = cur_len(a, c);
    }
    int rc = emit_atomic(a, a->toks[i].raw_start, cur_raw_end(a, last), o, n);
    tok *t = &a->toks[last.t];
    size_t used = t->literal ? last.off + cur_len(a, last) : t->len;
    if (used < t->len) {
        t->text += used;
        t->len -= used;
        t->raw_start += used;
        *end = last.t - 1;
    } else {
        *end = last.t;
    }
    return rc;
}

static void probe(android *a, const tok *t, bool quote)
{
    if (!a->probe || a->probe_done || a->doc->nsegs != a->probe_index || t->raw_end <= a->probe_off)
        return;
    a->probe_done = true;
    a->probe_quote = quote;
    a->probe_cdata = t->cdata;
    a->probe_first = a->sb.text.len == 0 && t->raw_start >= a->probe_off;
}

/* Decode the collected tokens (second layer) into the segment builder. */
static int decode(android *a)
{
    bool quote = false, last_space = false;
    int gdepth = 0;
    size_t gstart = 0;
    int rc = 0;
    for (size_t i = 0; i < a->ntoks && rc == 0; i++) {
        tok *t = &a->toks[i];
        switch (t->kind) {
        case T_SPAN:
            quote = last_space = false;
            if (t->len) rc = emit_tok(a, t);
            continue;
        case T_G_OPEN:
            if (gdepth++ == 0) gstart = a->sb.text.len;
            continue;
        case T_G_CLOSE:
            if (gdepth > 0 && --gdepth == 0) rc = add_protect(a, gstart, a->sb.text.len);
            continue;
        case T_OTHER:
            continue;
        case T_CHAR:
            break;
        }
        if (t->skip) continue;
        probe(a, t, quote);
        if (!quote && tok_is_space(a, t)) {
            size_t j = i + 1;
            while (j < a->ntoks && a->toks[j].kind == T_CHAR && a->toks[j].run == t->run &&
                   !a->toks[j].skip && tok_is_space(a, &a->toks[j]))
                j++;
            if (!last_space) {
                if (j == i + 1 && t->literal && a->pool.data[t->text] == ' ')
                    rc = emit_tok(a, t);
                else
                    rc = emit_atomic(a, t->raw_start, a->toks[j - 1].raw_end, " ", 1);
            }
            last_space = true;
            i = j - 1;
            continue;
        }
        last_space = false;
        char c = tok_char(a, t);
        if (c == '\\') {
            size_t end;
            rc = escape(a, i, &end);
            i = end;
        } else if (c == '"') {
            quote = !quote;
        } else {
            rc = emit_tok(a, t);
        }
    }
    if (rc == 0 && gdepth > 0) rc = add_protect(a, gstart, a->sb.text.len);
    return rc;
}

/* aapt2 trims a value without styling tags: leading whitespace of its first
 * text run and trailing whitespace of its last. */
static void trim(android *a)
{
    size_t i = 0;
    while (i < a->ntoks && a->toks[i].kind != T_CHAR)
        i++;
    if (i == a->ntoks) return;
    unsigned first = a->toks[i].run;
    for (; i < a->ntoks && a->toks[i].kind == T_CHAR && a->toks[i].run == first &&
           tok_is_space(a, &a->toks[i]);
         i++)
        a->toks[i].skip = true;
    size_t j = a->ntoks;
    while (j > 0 && a->toks[j - 1].kind != T_CHAR)
        j--;
    if (j == 0) return;
    unsigned last = a->toks[j - 1].run;
    for (; j > 0 && a->toks[j - 1].kind == T_CHAR && a->toks[j - 1].run == last &&
           tok_is_space(a, &a->toks[j - 1]);
         j--)
        a->toks[j - 1].skip = true;
}

/* Whether an array's name marks the stored values of a list preference:
 * `entry_values`, `entryValues` or `entry-values` anywhere in it. */
static bool names_entry_values(const char *name)
{
    if (!name) return false;
    for (const char *p = name; *p; p++) {
        if (strncasecmp(p, "entry", 5) != 0) continue;
        const char *q = p + 5;
        if (*q == '_' || *q == '-') q++;
        if (strncasecmp(q, "values", 6) == 0) return true;
    }
    return false;
}

/* Whether the whole value is a resource reference (no styling tags). */
static bool value_is_reference(android *a)
{
    size_t i = 0;
    while (i < a->ntoks && (a->toks[i].kind != T_CHAR || tok_is_space(a, &a->toks[i])))
        i++;
    if (i == a->ntoks) return false;
    char c = a->pool.data[a->toks[i].text];
    if (c != '@' && c != '?') return false;
    char buf[256];
    size_t n = 0;
    for (; i < a->ntoks; i++) {
        const tok *t = &a->toks[i];
        if (t->kind != T_CHAR) continue;
        if (n + t->len > sizeof(buf)) return false;
        memcpy(buf + n, a->pool.data + t->text, t->len);
        n += t->len;
    }
    while (n && is_space(buf[n - 1]))
        n--;
    return is_reference(buf, n);
}

static void value_reset(android *a)
{
    a->collecting = false;
    a->ntoks = 0;
    a->nprot = 0;
    a->run = 0;
    a->in_run = a->saw_span = false;
    tl_buf_reset(&a->pool);
    tl_buf_reset(&a->key);
    tl_segbuild_reset(&a->sb);
}

static int finish_value(android *a)
{
    int rc = 0;
    if (!a->saw_span) {
        if (value_is_reference(a)) goto done;
        trim(a);
    }
    a->sb.raw_begin = a->value_start;
    if ((rc = decode(a)) < 0) goto done;
    tl_doc *doc = a->doc;
    tl_segment *seg = tl_doc_add(doc, &a->sb, a->key.data ? a->key.data : "", NULL);
    if (!seg) {
        rc = oom(a);
        goto done;
    }
    if (a->bag != BAG_NONE) seg->entry = a->bag_entry;
    if (a->saw_span) seg->flags |= TL_SEG_MARKUP;
    if (a->c_format) seg->flags |= TL_SEG_C_FORMAT;
    if (a->comment.len)
        seg->comment = tl_arena_strndup(&doc->arena, a->comment.data, a->comment.len);
    if (a->nprot) {
        tl_text_range *p = tl_arena_alloc(&doc->arena, a->nprot * sizeof(*p));
        if (!p) {
            rc = oom(a);
            goto done;
        }
        memcpy(p, a->prot, a->nprot * sizeof(*p));
        seg->protect = p;
        seg->nprotect = a->nprot;
    }
done:
    value_reset(a);
    return rc;
}

static bool is_false(const char *v)
{
    return v && (strcmp(v, "false") == 0 || strcmp(v, "FALSE") == 0 || strcmp(v, "False") == 0);
}

static int begin_value(android *a, int depth, size_t offset, size_t raw_len)
{
    a->collecting = true;
    a->value_depth = depth;
    a->value_start = offset + raw_len;
    return 0;
}

static int on_start(void *ud, const char *ns, const char *name, const tl_xml_attr *attrs,
                    size_t nattrs, int depth, size_t offset, size_t raw_len)
{
    android *a = ud;
    a->depth = depth;
    if (a->collecting) {
        if (!*ns) return push_mark(a, T_SPAN, offset, raw_len, name, false);
        if (strcmp(ns, TL_XML_NS_XLIFF12) == 0 && strcmp(name, "g") == 0)
            return push_mark(a, T_G_OPEN, offset, raw_len, name, false);
        return push_mark(a, T_OTHER, offset, raw_len, name, false);
    }
    if (depth == 1) {
        if (*ns || strcmp(name, "resources") != 0)
            return tl_doc_error(a->doc, a->err, TL_ESYNTAX, offset,
                                "root element must be <resources>, not <%s>", name);
        return 0;
    }
    if (depth == 2) {
        a->bag = BAG_NONE;
        bool keep_comment = false;
        if (!*ns) {
            const char *rname = tl_xml_attr_get(attrs, nattrs, NULL, "name");
            bool skip = is_false(tl_xml_attr_get(attrs, nattrs, NULL, "translatable"));
            a->c_format = !is_false(tl_xml_attr_get(attrs, nattrs, NULL, "formatted"));
            if (strcmp(name, "string") == 0 && !skip) {
                tl_buf_reset(&a->key);
                if (tl_buf_puts(&a->key, rname ? rname : "") < 0) return oom(a);
                keep_comment = true;
                begin_value(a, depth, offset, raw_len);
            } else if (strcmp(name, "plurals") == 0 || strcmp(name, "string-array") == 0) {
                a->bag = name[0] == 'p' ? BAG_PLURALS : BAG_ARRAY;
                /* A list preference's stored values (`android:entryValues`,
                 * by convention an array named `…_entry_values`) are
                 * never shown; its `entries` are. */
                a->bag_skip = skip || (a->bag == BAG_ARRAY && names_entry_values(rname));
                a->item_index = 0;
                a->bag_entry++;
                tl_buf_reset(&a->bag_name);
                if (tl_buf_puts(&a->bag_name, rname ? rname : "") < 0) return oom(a);
                keep_comment = true;
            }
        }
        if (!keep_comment) tl_buf_reset(&a->comment);
        return 0;
    }
    if (depth == 3 && a->bag != BAG_NONE && !*ns && strcmp(name, "item") == 0) {
        int index = a->item_index++;
        if (a->bag_skip) return 0;
        tl_buf_reset(&a->key);
        int rc;
        if (a->bag == BAG_PLURALS) {
            const char *q = tl_xml_attr_get(attrs, nattrs, NULL, "quantity");
            rc = tl_buf_printf(&a->key, "%s[%s]", a->bag_name.data ? a->bag_name.data : "",
                               q ? q : "");
        } else {
            rc = tl_buf_printf(&a->key, "%s[%d]", a->bag_name.data ? a->bag_name.data : "", index);
        }
        if (rc < 0) return oom(a);
        return begin_value(a, depth, offset, raw_len);
    }
    return 0;
}

static int on_end(void *ud, const char *ns, const char *name, int depth, size_t offset,
                  size_t raw_len)
{
    android *a = ud;
    a->depth = depth - 1;
    int rc = 0;
    if (a->collecting && depth > a->value_depth) {
        if (!*ns) return push_mark(a, T_SPAN, offset, raw_len, name, true);
        if (strcmp(ns, TL_XML_NS_XLIFF12) == 0 && strcmp(name, "g") == 0)
            return push_mark(a, T_G_CLOSE, offset, raw_len, name, true);
        return push_mark(a, T_OTHER, offset, raw_len, name, true);
    }
    if (a->collecting && depth == a->value_depth) rc = finish_value(a);
    if (depth == 2) {
        a->bag = BAG_NONE;
        tl_buf_reset(&a->comment);
    }
    return rc;
}

static int on_comment(void *ud, const char *text, size_t len, size_t offset)
{
    android *a = ud;
    if (a->depth == 1 && !a->collecting) {
        /* Like aapt2, the last comment before a resource documents it. */
        while (len && is_space(*text))
            text++, len--;
        while (len && is_space(text[len - 1]))
            len--;
        tl_buf_reset(&a->comment);
        if (tl_buf_append(&a->comment, text, len) < 0) return oom(a);
    }
    return tl_doc_scan_comment(a->doc, text, len, offset) < 0 ? oom(a) : 0;
}

static void android_free(android *a)
{
    free(a->toks);
    free(a->prot);
    tl_buf_free(&a->pool);
    tl_buf_free(&a->key);
    tl_buf_free(&a->bag_name);
    tl_buf_free(&a->comment);
    tl_segbuild_free(&a->sb);
}

static int run(android *a)
{
    tl_xml_handler h = {a, on_start, on_end, on_text, on_comment, NULL};
    int rc = tl_xml_parse(a->doc, &h, a->err);
    android_free(a);
    return rc;
}

int tl_extract_android(tl_doc *doc, tl_error *err)
{
    android a;
    memset(&a, 0, sizeof(a));
    a.doc = doc;
    a.err = err;
    return run(&a);
}

int tl_sniff_android(const unsigned char *bytes, size_t len)
{
    char root[32];
    return tl_xml_root_name(bytes, len, root, sizeof(root)) && strcmp(root, "resources") == 0 ? 90
                                                                                              : 0;
}

/* Escape replacement text for where it lands: aapt2 escapes (only `"` and
 * `\` inside a "..." run; also `'`, line breaks, tabs, extra spaces, and a
 * leading `@` or `?` outside one), then XML escapes unless in CDATA. */
int tl_encode_android(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                      size_t raw_end, const char *text, size_t len)
{
    (void)raw_end;
    tl_doc tmp;
    tl_doc_init(&tmp, doc->path, doc->src.bytes, doc->src.len, NULL);
    tl_error err;
    tl_error_clear(&err);
    android a;
    memset(&a, 0, sizeof(a));
    a.doc = &tmp;
    a.err = &err;
    a.probe = true;
    a.probe_off = raw_start;
    a.probe_index = (size_t)seg->index;
    int rc = run(&a);
    tl_doc_free(&tmp);
    if (rc < 0) return TL_EUSAGE;
    bool quote = a.probe_done && a.probe_quote, first = a.probe_done && a.probe_first;
    tl_buf esc = TL_BUF_INIT;
    for (size_t i = 0; i < len && rc == 0; i++) {
        char c = text[i];
        const char *e = NULL;
        if (c == '\\')
            e = "\\\\";
        else if (c == '"')
            e = "\\\"";
        else if (c == '\n')
            e = "\\n";
        else if (c == '\t')
            e = "\\t";
        else if (!quote && c == '\'')
            e = "\\'";
        else if (!quote && (c == '@' || c == '?') && i == 0 && first)
            e = c == '@' ? "\\@" : "\\?";
        else if (!quote && c == ' ' && ((i == 0 && first) || (i > 0 && text[i - 1] == ' ')))
            e = "\\u0020"; /* would be trimmed or collapsed */
        rc = e ? tl_buf_puts(&esc, e) : tl_buf_putc(&esc, c);
    }
    if (rc == 0)
        rc = tl_xml_escape(out, doc, esc.data ? esc.data : "", esc.len,
                           a.probe_done && a.probe_cdata);
    tl_buf_free(&esc);
    return rc;
}
