/* yaml.c - YAML localization files (Rails i18n, Mastodon, Discourse, vue-i18n).
 *
 * The structure comes from libyaml through core/yamltree.h; every string
 * scalar leaf is a segment keyed by its dotted path with the root key kept
 * (`en.errors.card_declined`, sequence items as `day_names[3]`). A top-level
 * key that is a language tag (`en:`, `pt-BR:`) gives the language of its
 * subtree. Not copy: plain scalars that YAML 1.1 loaders read as null,
 * booleans, numbers or dates, scalars with a non-string tag, and aliases (an
 * anchored value is linted once, where it is written; `<<: *base` merges add
 * nothing), and the translator's note of a message descriptor (`message:`
 * beside `description:`, `value:` beside `comment:`, as Chrome's messages
 * and Mozilla VPN's strings are kept; `value:` beside Zendesk's `key:` and
 * `title:`, and nothing of an entry marked `obsolete:`). Keys ending in
 * `html` (`title_html`, `html`) hold HTML and their segments are marked
 * TL_SEG_MARKUP, as Rails treats them.
 *
 * Each scalar's stored bytes are re-lexed by yamlscalar.c to build the exact
 * source map; its result is checked against libyaml's value, and if they
 * ever disagree the value is kept whole as one atomic span. Comments outside
 * scalars are scanned for tonelint directives. */
#include "format.h"
#include "yamlscalar.h"
#include "../core/array.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* tl_segment.style for YAML: the scalar style (tl_yscalar_style) in the low
 * bits, whether it sits in a flow collection, and for block scalars the
 * content indentation from bit 8 on. */
#define STYLE_MASK 0x7u
#define STYLE_FLOW 0x8u
#define STYLE_INDENT_SHIFT 8

typedef struct range {
    size_t start, end;
} range;

typedef struct yx {
    tl_doc *doc;
    tl_error *err;
    const unsigned char *b;
    size_t len;
    tl_segbuild sb;
    tl_buf path;
    range *skip; /* scalar bytes, for the comment scan; NULL when not scanning */
    size_t nskip, capskip;
} yx;

static int nomem(yx *x)
{
    return tl_error_set(x->err, TL_ENOMEM, "out of memory");
}

/* Column (bytes from the line start) of a stored offset. */
static int column_of_doc(const tl_doc *doc, size_t off)
{
    size_t s = off;
    while (s > 0 && doc->src.bytes[s - 1] != '\n' && doc->src.bytes[s - 1] != '\r')
        s--;
    return (int)(off - s);
}

static bool is_flow(const yx *x, const tl_ynode *c)
{
    return c->start < x->len && (x->b[c->start] == '{' || x->b[c->start] == '[');
}

/* Whether a key holds HTML the Rails way: it ends in `html` after `_`, a
 * non-word character or nothing. */
static bool html_key(const char *k)
{
    size_t n = strlen(k);
    if (n < 4 || memcmp(k + n - 4, "html", 4) != 0) return false;
    return n == 4 || k[n - 5] == '_' || !isalnum((unsigned char)k[n - 5]);
}

static bool is_string(const tl_ynode *n)
{
    if (n->type != TL_Y_SCALAR) return false;
    if (n->tag) return strcmp(n->tag, "!") == 0 || strcmp(n->tag, "tag:yaml.org,2002:str") == 0;
    return n->style != TL_Y_PLAIN || !tl_yaml_plain_is_special(n->value, n->len);
}

/* Same text, except that libyaml's NUL (from "\0") is our U+FFFD. */
static bool same_text(const char *mine, size_t mlen, const char *theirs, size_t tlen)
{
    size_t i = 0, j = 0;
    while (i < mlen && j < tlen) {
        if (theirs[j] == '\0' && mlen - i >= 3 && memcmp(mine + i, "\xEF\xBF\xBD", 3) == 0) {
            i += 3, j++;
            continue;
        }
        if (mine[i] != theirs[j]) return false;
        i++, j++;
    }
    return i == mlen && j == tlen;
}

static int emit(yx *x, const tl_ynode *n, int parent_indent, bool flow, const char *lang, bool html)
{
    tl_segbuild *sb = &x->sb;
    tl_segbuild_reset(sb);
    tl_yscalar_info info;
    int rc = tl_yaml_scalar_decode(sb, &info, x->b, x->len, n, parent_indent);
    if (rc == TL_ENOMEM) return nomem(x);
    if (rc < 0 || !same_text(sb->text.data ? sb->text.data : "", sb->text.len, n->value, n->len)) {
        /* Keep libyaml's value as one atomic span over the content. */
        tl_segbuild_reset(sb);
        size_t s = info.content_start > n->start && info.content_start <= n->end
                       ? info.content_start
                       : n->start;
        size_t e = info.content_end >= s && info.content_end <= n->end ? info.content_end : n->end;
        if (e <= s) e = n->end;
        sb->raw_begin = s;
        if (tl_segbuild_atomic(sb, s, e - s, n->value, strlen(n->value)) < 0) return nomem(x);
    }
    tl_segment *seg = tl_doc_add(x->doc, sb, x->path.len ? x->path.data : NULL, NULL);
    if (!seg) return nomem(x);
    if (lang) seg->lang = lang;
    if (html) seg->flags |= TL_SEG_MARKUP;
    seg->style = (unsigned)n->style | (flow ? STYLE_FLOW : 0) |
                 (unsigned)(info.indent > 0 ? info.indent : 0) << STYLE_INDENT_SHIFT;
    return 0;
}

static void path_trunc(yx *x, size_t n)
{
    x->path.len = n;
    x->path.data[n] = '\0';
}

static int walk(yx *x, const tl_ynode *n, int parent_indent, bool flow, const char *lang, bool html,
                int depth);

static bool name_in(const char *name, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (strcmp(name, names[i]) == 0) return true;
    return false;
}

/* Message descriptors: the member that holds the text and the member that
 * holds the translator's note beside it, as each convention names them
 * (Chrome's messages, react-intl's, Mozilla VPN's strings, Transifex). A
 * `description` beside a `value` is copy, so only these pairs count. */
static const char *const descriptor_pairs[][2] = {{"message", "description"},
                                                  {"defaultMessage", "description"},
                                                  {"value", "comment"},
                                                  {"string", "developer_comment"},
                                                  {"string", "context"}};
static const char *const bookkeeping_names[] = {"placeholders", "touched", "character_limit", NULL};

static bool has_text_member(const tl_ynode *m, const char *name)
{
    for (size_t i = 0; i + 1 < m->n; i += 2) {
        const tl_ynode *k = tl_yaml_resolve(m->items[i]);
        const tl_ynode *v = tl_yaml_resolve(m->items[i + 1]);
        if (k && k->type == TL_Y_SCALAR && strcmp(k->value, name) == 0)
            return v && (v->type == TL_Y_SCALAR || v->type == TL_Y_SEQ);
    }
    return false;
}

/* Zendesk's translation files (a theme's or an app's
 * `translations/en-us.yml`): each `translation:` holds its `key`, a note for
 * translators (`title`), a `screenshot` link and the text (`value`), and
 * `obsolete:` with a date once the string is no longer shown. */
static const char *const zendesk_names[] = {"key",        "title",    "value",
                                            "screenshot", "obsolete", NULL};

/* The member that holds the text when mapping m is a message descriptor:
 * its text (a string or a list of lines) beside its translator's note,
 * and nothing else but bookkeeping. Chrome's messages kept as YAML
 * (Violentmonkey's `messages.yml`) and Mozilla VPN's `strings.yaml` are
 * written so; the note is not copy. NULL when m is not one. */
static const char *descriptor_text(const tl_ynode *m)
{
    if (has_text_member(m, "key") && has_text_member(m, "title") && has_text_member(m, "value")) {
        bool only = true, obsolete = false;
        for (size_t i = 0; only && i + 1 < m->n; i += 2) {
            const tl_ynode *k = tl_yaml_resolve(m->items[i]);
            only = k && k->type == TL_Y_SCALAR && name_in(k->value, zendesk_names);
            obsolete |= only && strcmp(k->value, "obsolete") == 0;
        }
        /* "": no member is copy (a string no longer shown). */
        if (only) return obsolete ? "" : "value";
    }
    for (size_t d = 0; d < sizeof(descriptor_pairs) / sizeof(descriptor_pairs[0]); d++) {
        const char *text = descriptor_pairs[d][0], *note = descriptor_pairs[d][1];
        if (!has_text_member(m, text) || !has_text_member(m, note)) continue;
        bool only = true;
        for (size_t i = 0; only && i + 1 < m->n; i += 2) {
            const tl_ynode *k = tl_yaml_resolve(m->items[i]);
            only = k && k->type == TL_Y_SCALAR &&
                   (strcmp(k->value, text) == 0 || strcmp(k->value, note) == 0 ||
                    name_in(k->value, bookkeeping_names));
        }
        if (only) return text;
    }
    return NULL;
}

/* The pairs of mapping m, under the current path. */
static int walk_pairs(yx *x, const tl_ynode *m, const char *lang, bool html, int depth)
{
    size_t base = x->path.len;
    int indent = tl_yaml_collection_indent(x->b, x->len, m);
    bool flow = is_flow(x, m);
    const char *descriptor = depth > 0 ? descriptor_text(m) : NULL;
    for (size_t i = 0; i + 1 < m->n; i += 2) {
        const tl_ynode *k = tl_yaml_resolve(m->items[i]);
        const tl_ynode *v = m->items[i + 1];
        const char *name = k && k->type == TL_Y_SCALAR ? k->value : "?";
        if (descriptor && strcmp(name, descriptor) != 0) continue;
        if (k && k->type == TL_Y_SCALAR && k->style == TL_Y_PLAIN && strcmp(name, "<<") == 0) {
            /* A merge: an inline mapping (or a list of them) is walked as
             * part of this one; merged aliases were linted at their anchor. */
            const tl_ynode *items[1] = {v};
            const tl_ynode *const *list = items;
            size_t count = 1;
            if (v->type == TL_Y_SEQ) list = (const tl_ynode *const *)v->items, count = v->n;
            for (size_t j = 0; j < count; j++) {
                if (list[j]->type != TL_Y_MAP) continue;
                int rc = walk_pairs(x, list[j], lang, html, depth + 1);
                if (rc < 0) return rc;
                path_trunc(x, base);
            }
            continue;
        }
        path_trunc(x, base);
        if ((base && tl_buf_putc(&x->path, '.') < 0) || tl_buf_puts(&x->path, name) < 0)
            return nomem(x);
        const char *sublang = lang;
        if (depth == 0 && tl_lang_is_tag(name, strlen(name)) &&
            !(sublang = tl_arena_strdup(&x->doc->arena, name)))
            return nomem(x);
        int rc = walk(x, v, indent, flow, sublang, html_key(name) || (html && v->type == TL_Y_SEQ),
                      depth + 1);
        if (rc < 0) return rc;
    }
    path_trunc(x, base);
    return 0;
}

static int walk(yx *x, const tl_ynode *n, int parent_indent, bool flow, const char *lang, bool html,
                int depth)
{
    switch (n->type) {
    case TL_Y_SCALAR:
        return is_string(n) ? emit(x, n, parent_indent, flow, lang, html) : 0;
    case TL_Y_MAP:
        return walk_pairs(x, n, lang, html, depth);
    case TL_Y_SEQ: {
        size_t base = x->path.len;
        int indent = tl_yaml_collection_indent(x->b, x->len, n);
        bool inflow = is_flow(x, n);
        for (size_t i = 0; i < n->n; i++) {
            path_trunc(x, base);
            if (tl_buf_printf(&x->path, "[%zu]", i) < 0) return nomem(x);
            int rc = walk(x, n->items[i], indent, inflow, lang, html, depth + 1);
            if (rc < 0) return rc;
        }
        path_trunc(x, base);
        return 0;
    }
    default: /* an alias: its anchor was linted where it is written */
        return 0;
    }
}

/* Scalar byte ranges in file order, for the comment scan. A block scalar's
 * header line stays outside (it may end in a comment). */
static int collect(yx *x, const tl_ynode *n)
{
    if (n->type == TL_Y_MAP || n->type == TL_Y_SEQ) {
        for (size_t i = 0; i < n->n; i++) {
            int rc = collect(x, n->items[i]);
            if (rc < 0) return rc;
        }
        return 0;
    }
    size_t start = n->start;
    if (n->type == TL_Y_SCALAR && (n->style == TL_Y_LITERAL || n->style == TL_Y_FOLDED))
        while (start < n->end && x->b[start] != '\n' && x->b[start] != '\r')
            start++;
    if (x->nskip == x->capskip && tl_array_grow(&x->skip, &x->capskip, sizeof(*x->skip), 256) < 0)
        return nomem(x);
    x->skip[x->nskip++] = (range){start, n->end};
    return 0;
}

/* `#` comments in b[from, to): a `#` at a line start or after a blank. */
static int scan_comments(yx *x, size_t from, size_t to)
{
    const unsigned char *b = x->b;
    size_t i = from;
    while (i < to) {
        const unsigned char *h = memchr(b + i, '#', to - i);
        if (!h) break;
        i = (size_t)(h - b);
        if (i == 0 || b[i - 1] == ' ' || b[i - 1] == '\t' || b[i - 1] == '\n' || b[i - 1] == '\r') {
            size_t e = i;
            while (e < x->len && b[e] != '\n' && b[e] != '\r')
                e++;
            int rc = tl_doc_scan_comment(x->doc, (const char *)b + i + 1, e - i - 1, i);
            if (rc < 0) return nomem(x);
            i = e;
            continue;
        }
        i++;
    }
    return 0;
}

static int directives(yx *x, const tl_ynode *root)
{
    if (!memmem(x->b, x->len, "tonelint-", 9)) return 0;
    if (root) {
        int rc = collect(x, root);
        if (rc < 0) return rc;
    }
    size_t at = 0;
    for (size_t i = 0; i < x->nskip; i++) {
        if (x->skip[i].start > at) {
            int rc = scan_comments(x, at, x->skip[i].start);
            if (rc < 0) return rc;
        }
        if (x->skip[i].end > at) at = x->skip[i].end;
    }
    return scan_comments(x, at, x->len);
}

int tl_extract_yaml(tl_doc *doc, tl_error *err)
{
    tl_ydoc ydoc;
    int rc = tl_yaml_load(&ydoc, doc->path, doc->src.bytes, doc->src.len, err);
    if (rc < 0) return rc;
    yx x;
    memset(&x, 0, sizeof(x));
    x.doc = doc;
    x.err = err;
    x.b = doc->src.bytes;
    x.len = doc->src.len;
    const tl_ynode *root = ydoc.root;
    if (tl_buf_append(&x.path, "", 0) < 0) {
        rc = nomem(&x);
    } else if (root) {
        /* The language of a one-locale file is the document's. */
        if (root->type == TL_Y_MAP && root->n == 2 && root->items[0]->type == TL_Y_SCALAR &&
            tl_lang_is_tag(root->items[0]->value, root->items[0]->len))
            doc->lang = tl_arena_strdup(&doc->arena, root->items[0]->value);
        rc = walk(&x, root, -1, false, NULL, false, 0);
    }
    if (rc == 0) rc = directives(&x, root);
    tl_buf_free(&x.path);
    tl_segbuild_free(&x.sb);
    free(x.skip);
    tl_yaml_free(&ydoc);
    return rc;
}

int tl_sniff_yaml(const unsigned char *b, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    size_t i = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
    while (i < n) {
        size_t e = i;
        while (e < n && b[e] != '\n')
            e++;
        size_t k = i;
        while (k < e && (b[k] == ' ' || b[k] == '\r'))
            k++;
        if (k == e || b[k] == '#' || b[k] == '%') {
            i = e + 1;
            continue;
        }
        if (e - k >= 3 && memcmp(b + k, "---", 3) == 0) return 70;
        /* `en:` or `pt-BR:` alone on the first line: a locale root. */
        size_t key = k;
        while (k < e && (isalnum(b[k]) || b[k] == '-' || b[k] == '_'))
            k++;
        if (k < e && b[k] == ':' && tl_lang_is_tag((const char *)b + key, k - key)) {
            k++;
            while (k < e && (b[k] == ' ' || b[k] == '\r'))
                k++;
            if (k == e || b[k] == '#') return 80;
        }
        return 0;
    }
    return 0;
}

/* The special characters a fix may not bring into the text unescaped. */
static bool has_break_char(const char *t, size_t n)
{
    return memmem(t, n, "\xC2\x85", 2) || memmem(t, n, "\xE2\x80\xA8", 3) ||
           memmem(t, n, "\xE2\x80\xA9", 3) || memmem(t, n, "\xEF\xBB\xBF", 3);
}

static int encode_double(tl_buf *out, const char *t, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        const char *esc = NULL;
        char hex[8];
        size_t skip = 1;
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\t')
            esc = "\\t";
        else if (c == '\r')
            esc = "\\r";
        else if (c < 0x20 || c == 0x7F)
            snprintf(hex, sizeof(hex), "\\x%02X", c), esc = hex;
        else if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0x85)
            esc = "\\N", skip = 2;
        else if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
                 ((unsigned char)t[i + 2] == 0xA8 || (unsigned char)t[i + 2] == 0xA9))
            esc = (unsigned char)t[i + 2] == 0xA8 ? "\\L" : "\\P", skip = 3;
        else if (c == 0xEF && i + 2 < n && (unsigned char)t[i + 1] == 0xBB &&
                 (unsigned char)t[i + 2] == 0xBF)
            esc = "\\uFEFF", skip = 3;
        if (!esc) continue;
        if (tl_buf_append(out, t + run, i - run) < 0 || tl_buf_puts(out, esc) < 0) return TL_ENOMEM;
        i += skip - 1;
        run = i + 1;
    }
    return tl_buf_append(out, t + run, n - run);
}

static bool yaml_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* A plain scalar stays the same plain scalar only if the text brings in
 * nothing YAML would read as syntax, at this place in the stored value. */
static bool plain_safe(const tl_doc *doc, const tl_segment *seg, size_t raw_start, size_t raw_end,
                       const char *t, size_t n, bool flow)
{
    const unsigned char *b = doc->src.bytes;
    bool at_start = raw_start <= seg->raw_start, at_end = raw_end >= seg->raw_end;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c < 0x20 || c == 0x7F) return false;
        if (flow && strchr(",[]{}", c)) return false;
        if (c == ':' && i + 1 < n && yaml_blank(t[i + 1])) return false;
        if (c == '#' && i > 0 && yaml_blank(t[i - 1])) return false;
    }
    if (has_break_char(t, n)) return false;
    if (at_start && at_end && tl_yaml_plain_is_special(t, n)) return false;
    if (n == 0) return true;
    if (at_start && (strchr("-?:,[]{}#&*!|>'\"%@`", t[0]) || yaml_blank(t[0]))) return false;
    if (at_end && (yaml_blank(t[n - 1]) || t[n - 1] == ':')) return false;
    if (!at_start && raw_start > 0) {
        unsigned char prev = b[raw_start - 1];
        if ((prev == ':' && yaml_blank(t[0])) || (yaml_blank((char)prev) && t[0] == '#'))
            return false;
    }
    if (!at_end && raw_end < doc->src.len) {
        unsigned char next = b[raw_end];
        if ((t[n - 1] == ':' && yaml_blank((char)next)) || (yaml_blank(t[n - 1]) && next == '#'))
            return false;
    }
    return true;
}

/* Block scalars: no escapes; each line break of the text starts a new line
 * at the block's indentation (folded style needs an empty line to keep a
 * line break). */
static int encode_block(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                        size_t raw_end, const char *t, size_t n, bool literal, int indent)
{
    bool at_start = raw_start <= seg->raw_start, at_end = raw_end >= seg->raw_end;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return TL_EUSAGE;
        if (c == '\n' && indent <= 0) return TL_EUSAGE;
        /* A line that starts with a blank is "more indented": folded
         * style keeps its line breaks, which the fix cannot express. */
        if (c == '\n' && !literal && i + 1 < n && (t[i + 1] == ' ' || t[i + 1] == '\t'))
            return TL_EUSAGE;
    }
    if (has_break_char(t, n)) return TL_EUSAGE;
    if (n && yaml_blank(t[0]) && (at_start || column_of_doc(doc, raw_start) <= indent))
        return TL_EUSAGE;
    if (n && at_end && t[n - 1] == '\n') return TL_EUSAGE;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] != '\n') continue;
        if (tl_buf_append(out, t + run, i - run) < 0) return TL_ENOMEM;
        size_t k = i;
        while (k < n && t[k] == '\n')
            k++;
        for (size_t m = 0; m < k - i + (literal ? 0 : 1); m++)
            if (tl_buf_putc(out, '\n') < 0) return TL_ENOMEM;
        if (k < n)
            for (int s = 0; s < indent; s++)
                if (tl_buf_putc(out, ' ') < 0) return TL_ENOMEM;
        i = k - 1;
        run = k;
    }
    return tl_buf_append(out, t + run, n - run);
}

int tl_encode_yaml(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                   size_t raw_end, const char *text, size_t len)
{
    unsigned style = seg->style & STYLE_MASK;
    int indent = (int)(seg->style >> STYLE_INDENT_SHIFT);
    switch (style) {
    case TL_Y_DOUBLE:
        return encode_double(out, text, len);
    case TL_Y_SINGLE: {
        for (size_t i = 0; i < len; i++)
            if (((unsigned char)text[i] < 0x20 && text[i] != '\t') || text[i] == 0x7F)
                return TL_EUSAGE;
        if (has_break_char(text, len)) return TL_EUSAGE;
        size_t run = 0;
        for (size_t i = 0; i < len; i++) {
            if (text[i] != '\'') continue;
            if (tl_buf_append(out, text + run, i + 1 - run) < 0 || tl_buf_putc(out, '\'') < 0)
                return TL_ENOMEM;
            run = i + 1;
        }
        return tl_buf_append(out, text + run, len - run);
    }
    case TL_Y_LITERAL:
    case TL_Y_FOLDED:
        return encode_block(out, doc, seg, raw_start, raw_end, text, len, style == TL_Y_LITERAL,
                            indent);
    default:
        if (!plain_safe(doc, seg, raw_start, raw_end, text, len, (seg->style & STYLE_FLOW) != 0))
            return TL_EUSAGE;
        return tl_buf_append(out, text, len);
    }
}
