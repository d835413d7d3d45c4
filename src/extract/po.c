/* po.c - gettext PO/POT extractor.
 *
 * Reads entries (msgctxt, msgid, msgid_plural, msgstr, msgstr[n]) with their
 * comments, and emits msgid and msgid_plural as source-language segments and
 * each non-empty msgstr in the header's language, unless it repeats its
 * msgid or msgid_plural (then the string is linted once, at the msgid). A
 * catalog keyed by message ids (`msgid "PWD_REVEAL"`) emits only its
 * msgstrs, keyed by their msgid, and so does a single entry keyed so in a
 * catalog of copy (`msgid "faq.retaliation"` among English msgids). The
 * header entry and obsolete `#~` entries are skipped; `#|` previous strings
 * are comments.
 *
 * String grammar (gettext read-po-lex.c): one or more adjacent "..." literals
 * that concatenate; no raw newline inside a literal; escapes
 *   \n \t \b \r \f \v \a \\ \"   octal \o \oo \ooo   hex \x followed by any
 *   number of hex digits.
 * Any other escape is an error, as it is for msgfmt.
 *
 * A charset other than UTF-8 is read byte by byte through iconv when it is a
 * single-byte charset (ISO-8859-*, windows-125*, KOI8-*); other charsets are
 * refused with a message that says how to convert the file. */
#include "format.h"
#include "../core/utf8.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool key_shaped(const char *s, size_t n);

typedef enum { F_NONE, F_CTXT, F_ID, F_PLURAL, F_STR } field;

typedef struct value {
    tl_segbuild sb;
    bool present;
    size_t keyword_off; /* the keyword, for errors */
} value;

typedef struct parser {
    tl_doc *doc;
    tl_error *err;
    const char *b; /* stored bytes */
    size_t len, pos;
    iconv_t cd; /* (iconv_t)-1 when the file is UTF-8 */
    bool header_seen;
    /* The entry being read. */
    value ctxt, id, plural;
    value str[16];
    int nstr;
    field cur;
    int cur_index;
    tl_buf comment, refs, flags;
    size_t entry_off;
    bool entry_started;
    bool c_format;
    const char *lang;
    bool keyed; /* msgids are message ids ("PWD_REVEAL"), msgstrs the copy */
} parser;

static int perr(parser *p, size_t off, const char *fmt, const char *arg)
{
    return tl_doc_error(p->doc, p->err, TL_ESYNTAX, off, fmt, arg);
}

static void value_reset(value *v)
{
    tl_segbuild_reset(&v->sb);
    v->present = false;
}

static void entry_reset(parser *p)
{
    value_reset(&p->ctxt);
    value_reset(&p->id);
    value_reset(&p->plural);
    for (int i = 0; i < p->nstr; i++)
        value_reset(&p->str[i]);
    p->nstr = 0;
    p->cur = F_NONE;
    tl_buf_reset(&p->comment);
    tl_buf_reset(&p->refs);
    tl_buf_reset(&p->flags);
    p->entry_started = false;
    p->c_format = false;
}

/* Header fields: Language and the charset of Content-Type. */
static int read_header(parser *p, const char *text)
{
    /* The field at the start of a line: "X-Crowdin-Language:" and others
     * may come first. */
    const char *lang = strstr(text, "Language:");
    while (lang && lang != text && lang[-1] != '\n')
        lang = strstr(lang + 9, "Language:");
    if (lang) {
        lang += 9;
        while (*lang == ' ' || *lang == '\t')
            lang++;
        size_t n = strcspn(lang, " \t\r\n");
        if (n) p->lang = tl_arena_strndup(&p->doc->arena, lang, n);
    }
    const char *cs = strstr(text, "charset=");
    if (!cs) return 0;
    cs += 8;
    size_t n = strcspn(cs, " \t\r\n;");
    char name[64];
    if (n == 0 || n >= sizeof(name)) return 0;
    memcpy(name, cs, n);
    name[n] = '\0';
    if (strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "utf8") == 0 ||
        strcasecmp(name, "CHARSET") == 0 || strcasecmp(name, "ASCII") == 0 ||
        strcasecmp(name, "US-ASCII") == 0)
        return 0;
    bool single_byte =
        strncasecmp(name, "ISO-8859-", 9) == 0 || strncasecmp(name, "ISO8859-", 8) == 0 ||
        strncasecmp(name, "windows-125", 11) == 0 || strncasecmp(name, "CP125", 5) == 0 ||
        strncasecmp(name, "KOI8-", 5) == 0 || strcasecmp(name, "latin1") == 0;
    if (!single_byte)
        return tl_doc_error(p->doc, p->err, TL_EENCODING, p->entry_off,
                            "charset %s is not supported; convert the file with "
                            "`msgconv --to-code=UTF-8`",
                            name);
    p->cd = iconv_open("UTF-8", name);
    if (p->cd == (iconv_t)-1)
        return tl_doc_error(p->doc, p->err, TL_EENCODING, p->entry_off,
                            "charset %s is not known to iconv", name);
    return 0;
}

static bool is_c_format(const char *flags)
{
    const char *f = strstr(flags, "c-format");
    return f && (f == flags || f[-1] != '-'); /* not "no-c-format" */
}

/* The language of the msgstrs: the header's, else the one the file's path
 * names (`translations/en/LC_MESSAGES/messages.po`), else unknown. */
static const char *msgstr_lang(const parser *p)
{
    return p->lang ? p->lang : p->doc->lang ? p->doc->lang : "und";
}

static int emit(parser *p, value *v, const char *key, const char *ctx, const char *lang,
                unsigned extra_flags)
{
    tl_doc *doc = p->doc;
    tl_segment *seg = tl_doc_add(doc, &v->sb, key, ctx);
    if (!seg) return tl_error_set(p->err, TL_ENOMEM, "out of memory");
    seg->lang = lang;
    seg->flags |= extra_flags | (p->c_format ? TL_SEG_C_FORMAT : 0);
    if (p->comment.len)
        seg->comment = tl_arena_strndup(&doc->arena, p->comment.data, p->comment.len);
    if (p->refs.len) seg->refs = tl_arena_strndup(&doc->arena, p->refs.data, p->refs.len);
    return 0;
}

static bool same_text(const value *a, const value *b)
{
    return a->sb.text.len == b->sb.text.len &&
           (a->sb.text.len == 0 || memcmp(a->sb.text.data, b->sb.text.data, a->sb.text.len) == 0);
}

/* The entry is complete: check it and emit its segments. */
static int finish_entry(parser *p)
{
    if (!p->entry_started) return 0;
    if (!p->id.present) {
        size_t off = p->ctxt.present ? p->ctxt.keyword_off : p->str[0].keyword_off;
        if (!p->ctxt.present && !p->nstr) {
            entry_reset(p);
            return 0; /* comments only, e.g. at the end of the file */
        }
        return perr(p, off, "%s", "missing `msgid` before this keyword");
    }
    if (p->nstr == 0) return perr(p, p->id.keyword_off, "%s", "`msgid` without `msgstr`");
    p->c_format = is_c_format(p->flags.data ? p->flags.data : "");
    bool header = p->id.sb.text.len == 0 && !p->ctxt.present;
    int rc = 0;
    if (header && !p->header_seen) {
        p->header_seen = true;
        rc = read_header(p, p->str[0].sb.text.data ? p->str[0].sb.text.data : "");
        if (rc == 0 && p->lang) p->doc->lang = p->lang;
        entry_reset(p);
        return rc;
    }
    /* msgid is written in the source language; gettext assumes English. */
    const char *src_lang = "en";
    tl_arena *a = &p->doc->arena;
    const char *key =
        tl_arena_strndup(a, p->id.sb.text.data ? p->id.sb.text.data : "", p->id.sb.text.len);
    const char *ctx = p->ctxt.present
                          ? tl_arena_strndup(a, p->ctxt.sb.text.data ? p->ctxt.sb.text.data : "",
                                             p->ctxt.sb.text.len)
                          : NULL;
    if (!key || (p->ctxt.present && !ctx)) return tl_error_set(p->err, TL_ENOMEM, "out of memory");
    /* A msgstr that repeats its msgid (or msgid_plural) is the same copy:
     * English catalogs (Lingui, Django and Rails exports) and untranslated
     * entries filled by msgen carry it. It is linted once, at the msgid.
     * (Decided before emitting: emitting resets the builders.) */
    bool repeats[16] = {false};
    for (int i = 0; i < p->nstr; i++)
        repeats[i] = same_text(&p->str[i], &p->id) ||
                     (p->plural.present && same_text(&p->str[i], &p->plural));
    /* In a catalog of copy, an entry keyed by an id (`msgid
     * "faq.retaliation"`, its English in msgstr) lints only its msgstr. */
    bool id_is_key = !p->keyed && !p->plural.present && p->nstr == 1 &&
                     p->str[0].sb.text.len > 0 && !repeats[0] && p->id.sb.text.data &&
                     key_shaped(p->id.sb.text.data, p->id.sb.text.len);
    if (!p->keyed && !id_is_key) {
        if ((rc = emit(p, &p->id, key, ctx, src_lang, TL_SEG_EXTRACTED)) < 0) return rc;
        if (p->plural.present &&
            (rc = emit(p, &p->plural, key, ctx, src_lang, TL_SEG_EXTRACTED)) < 0)
            return rc;
    }
    for (int i = 0; i < p->nstr; i++) {
        if (p->str[i].sb.text.len == 0 || (repeats[i] && !p->keyed)) continue;
        if ((rc = emit(p, &p->str[i], key, ctx, msgstr_lang(p), 0)) < 0) return rc;
    }
    entry_reset(p);
    return 0;
}

static void append_line(tl_buf *b, const char *s, size_t n)
{
    if (b->len) tl_buf_putc(b, '\n');
    tl_buf_append(b, s, n);
}

static size_t line_end(parser *p, size_t from)
{
    while (from < p->len && p->b[from] != '\n' && p->b[from] != '\r')
        from++;
    return from;
}

/* Append one stored byte that is not ASCII, through iconv when the file is
 * not UTF-8. */
static int add_bytes(parser *p, tl_segbuild *sb, size_t off, size_t n)
{
    if (p->cd == (iconv_t)-1) return tl_segbuild_utf8(sb, off, p->b + off, n);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p->b[off + i];
        if (c < 0x80) {
            if (tl_segbuild_literal(sb, off + i, (const char *)&c, 1) < 0) return TL_ENOMEM;
            continue;
        }
        char in[1] = {(char)c}, out[8];
        char *ip = in, *op = out;
        size_t il = 1, ol = sizeof(out);
        iconv(p->cd, NULL, NULL, NULL, NULL);
        if (iconv(p->cd, &ip, &il, &op, &ol) == (size_t)-1)
            return tl_doc_error(p->doc, p->err, TL_EENCODING, off + i,
                                "byte 0x%02X is not valid in the file's charset", c);
        if (tl_segbuild_atomic(sb, off + i, 1, out, (size_t)(op - out)) < 0) return TL_ENOMEM;
    }
    return 0;
}

/* Read one "..." literal starting at p->pos (the opening quote) into sb. */
static int read_literal(parser *p, tl_segbuild *sb)
{
    size_t i = p->pos + 1;
    if (!sb->text.len && !sb->nspans) sb->raw_begin = i;
    for (;;) {
        size_t run = i;
        while (i < p->len && p->b[i] != '"' && p->b[i] != '\\' && p->b[i] != '\n' &&
               p->b[i] != '\r')
            i++;
        if (i > run && add_bytes(p, sb, run, i - run) < 0)
            return p->err->code ? p->err->code : TL_ENOMEM;
        if (i >= p->len || p->b[i] == '\n' || p->b[i] == '\r')
            return perr(p, i, "%s", "end of line inside a string (missing closing `\"`)");
        if (p->b[i] == '"') {
            p->pos = i + 1;
            return 0;
        }
        /* An escape. */
        size_t start = i++;
        if (i >= p->len) return perr(p, start, "%s", "backslash at end of file");
        char c = p->b[i], out[4];
        size_t outlen = 1;
        switch (c) {
        case 'n':
            out[0] = '\n';
            i++;
            break;
        case 't':
            out[0] = '\t';
            i++;
            break;
        case 'b':
            out[0] = '\b';
            i++;
            break;
        case 'r':
            out[0] = '\r';
            i++;
            break;
        case 'f':
            out[0] = '\f';
            i++;
            break;
        case 'v':
            out[0] = '\v';
            i++;
            break;
        case 'a':
            out[0] = '\a';
            i++;
            break;
        case '\\':
            out[0] = '\\';
            i++;
            break;
        case '"':
            out[0] = '"';
            i++;
            break;
        case 'x': {
            i++;
            unsigned v = 0;
            size_t digits = 0;
            while (i < p->len && tl_hexval(p->b[i]) >= 0) {
                v = (v << 4 | (unsigned)tl_hexval(p->b[i])) & 0xFF;
                i++;
                digits++;
            }
            if (!digits) return perr(p, start, "%s", "`\\x` without hex digits");
            out[0] = (char)v;
            break;
        }
        default:
            if (c >= '0' && c <= '7') {
                unsigned v = 0;
                for (int k = 0; k < 3 && i < p->len && p->b[i] >= '0' && p->b[i] <= '7'; k++)
                    v = v * 8 + (unsigned)(p->b[i++] - '0');
                out[0] = (char)(v & 0xFF);
                break;
            }
            p->pos = start;
            return tl_doc_error(p->doc, p->err, TL_ESYNTAX, start, "invalid escape sequence `\\%c`",
                                isprint((unsigned char)c) ? c : '?');
        }
        if (tl_segbuild_atomic(sb, start, i - start, out, outlen) < 0) return TL_ENOMEM;
    }
}

static void skip_blanks(parser *p)
{
    while (p->pos < p->len && (p->b[p->pos] == ' ' || p->b[p->pos] == '\t' ||
                               p->b[p->pos] == '\f' || p->b[p->pos] == '\v'))
        p->pos++;
}

/* After a keyword: one or more literals on this and following lines. */
static int read_strings(parser *p, value *v, size_t kw_off)
{
    v->present = true;
    v->keyword_off = kw_off;
    skip_blanks(p);
    if (p->pos >= p->len || p->b[p->pos] != '"')
        return perr(p, p->pos, "%s", "expected a `\"` string after the keyword");
    int rc = read_literal(p, &v->sb);
    if (rc < 0) return rc;
    for (;;) {
        skip_blanks(p);
        if (p->pos < p->len && p->b[p->pos] == '"') {
            if ((rc = read_literal(p, &v->sb)) < 0) return rc;
            continue;
        }
        if (p->pos < p->len && p->b[p->pos] != '\n' && p->b[p->pos] != '\r')
            return perr(p, p->pos, "%s", "unexpected text after the string");
        /* Continuation literals on the next lines. */
        size_t save = p->pos;
        while (p->pos < p->len && (p->b[p->pos] == '\n' || p->b[p->pos] == '\r'))
            p->pos++;
        skip_blanks(p);
        if (p->pos < p->len && p->b[p->pos] == '"') continue;
        p->pos = save;
        return 0;
    }
}

static bool word_at(parser *p, const char *w)
{
    size_t n = strlen(w);
    if (p->len - p->pos < n || memcmp(p->b + p->pos, w, n) != 0) return false;
    char c = p->pos + n < p->len ? p->b[p->pos + n] : ' ';
    return c == ' ' || c == '\t' || c == '"' || c == '[';
}

static int keyword(parser *p)
{
    size_t kw = p->pos;
    int rc;
    if (word_at(p, "msgctxt")) {
        if (p->entry_started && (p->id.present || p->ctxt.present)) {
            if ((rc = finish_entry(p)) < 0) return rc;
        }
        if (!p->entry_started) p->entry_off = kw;
        p->entry_started = true;
        p->pos += 7;
        return read_strings(p, &p->ctxt, kw);
    }
    if (word_at(p, "msgid_plural")) {
        if (!p->id.present || p->nstr || p->plural.present)
            return perr(p, kw, "%s", "`msgid_plural` must follow `msgid`");
        p->pos += 12;
        return read_strings(p, &p->plural, kw);
    }
    if (word_at(p, "msgid")) {
        if (p->id.present) {
            if (!p->nstr) return perr(p, kw, "%s", "`msgid` without `msgstr`");
            if ((rc = finish_entry(p)) < 0) return rc;
        }
        if (!p->entry_started) p->entry_off = kw;
        p->entry_started = true;
        p->pos += 5;
        return read_strings(p, &p->id, kw);
    }
    if (word_at(p, "msgstr")) {
        if (!p->id.present) return perr(p, kw, "%s", "`msgstr` without `msgid`");
        p->pos += 6;
        int index = 0;
        if (p->pos < p->len && p->b[p->pos] == '[') {
            size_t j = p->pos + 1;
            index = 0;
            if (j >= p->len || !isdigit((unsigned char)p->b[j]))
                return perr(p, j, "%s", "expected a number in `msgstr[...]`");
            while (j < p->len && isdigit((unsigned char)p->b[j])) {
                index = index * 10 + (p->b[j] - '0');
                if (index > 1000) return perr(p, j, "%s", "plural index too large");
                j++;
            }
            if (j >= p->len || p->b[j] != ']') return perr(p, j, "%s", "expected `]`");
            p->pos = j + 1;
            if (!p->plural.present) return perr(p, kw, "%s", "`msgstr[n]` without `msgid_plural`");
        } else if (p->plural.present) {
            return perr(p, kw, "%s", "plural entry needs `msgstr[n]`");
        }
        if (index != p->nstr) return perr(p, kw, "%s", "`msgstr[n]` indices out of order");
        if (p->nstr == (int)(sizeof(p->str) / sizeof(p->str[0])))
            return perr(p, kw, "%s", "too many plural forms");
        value *v = &p->str[p->nstr++];
        return read_strings(p, v, kw);
    }
    size_t e = p->pos;
    while (e < p->len && !isspace((unsigned char)p->b[e]) && e - p->pos < 40)
        e++;
    char word[48];
    memcpy(word, p->b + p->pos, e - p->pos);
    word[e - p->pos] = '\0';
    return perr(p, kw, "unknown keyword `%s`", word);
}

static int comment(parser *p)
{
    size_t start = p->pos, end = line_end(p, p->pos);
    const char *s = p->b + start;
    size_t n = end - start;
    int rc;
    /* A comment after a complete entry starts the next one. */
    if (p->nstr && (rc = finish_entry(p)) < 0) return rc;
    if (!p->entry_started) p->entry_off = start;
    p->pos = end;
    if (n >= 2 && s[1] == '~') return 0; /* obsolete entry: skipped */
    if (n >= 2 && s[1] == '|') return 0; /* previous strings */
    p->entry_started = true;
    if (n >= 2 && s[1] == '.') {
        append_line(&p->comment, s + 2 + (n > 2 && s[2] == ' '), n - 2 - (n > 2 && s[2] == ' '));
        /* Extracted comments carry directives written in the code
         * (xgettext --add-comments): a POT file is regenerated, so a
         * translator comment would not survive there. */
        if ((rc = tl_doc_scan_comment(p->doc, s + 2, n - 2, start)) < 0) return rc;
    } else if (n >= 2 && s[1] == ':') {
        append_line(&p->refs, s + 2 + (n > 2 && s[2] == ' '), n - 2 - (n > 2 && s[2] == ' '));
    } else if (n >= 2 && s[1] == ',') {
        append_line(&p->flags, s + 2, n - 2);
    } else {
        if ((rc = tl_doc_scan_comment(p->doc, s + 1, n - 1, start)) < 0) return rc;
    }
    return 0;
}

/* Whether the n bytes at s look like a message id rather than copy: no
 * spaces, and words joined by `_` or `.` (`PWD_REVEAL`, `login.title`), a
 * word in capitals (`LOGOUT`) or camelCase (`passwordHint`). */
static bool id_shaped(const char *s, size_t n)
{
    if (n < 2 || !isalpha((unsigned char)s[0])) return false;
    bool joined = false, lower = false, upper = false, camel = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '_' || c == '.' || c == '-') {
            if (i + 1 == n || !isalnum((unsigned char)s[i + 1])) return false;
            joined = true;
        } else if (isupper(c)) {
            upper = true;
            if (i > 0 && islower((unsigned char)s[i - 1])) camel = true;
        } else if (islower(c)) {
            lower = true;
        } else if (!isdigit(c)) {
            return false;
        }
    }
    return joined || camel || (upper && !lower);
}

/* Whether a msgid is plainly a key, not copy: id-shaped with its parts
 * joined by `_` or `.`, or in camelCase (`norent.sendBlurb`, `title_programs`,
 * `passwordHint`). A word in capitals ("ERROR") or joined by `-` ("e-mail")
 * may be copy. */
static bool key_shaped(const char *s, size_t n)
{
    if (!id_shaped(s, n)) return false;
    for (size_t i = 1; i < n; i++)
        if (s[i] == '_' || s[i] == '.' ||
            (isupper((unsigned char)s[i]) && islower((unsigned char)s[i - 1])))
            return true;
    return false;
}

/* Whether a msgid is a sentence written as an id, its words joined by `_`
 * (CakePHP: `Your_cart_was_empty.`, `Product_{0}_was_not_available.`): no
 * space outside a tag, and `_` between two words. */
static bool sentence_id(const char *s, size_t n)
{
    bool joined = false, in_tag = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '<') in_tag = true;
        if (c == '>') in_tag = false;
        if (in_tag) continue;
        if (isspace(c)) return false;
        if (c == '_' && i > 0 && i + 1 < n &&
            (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '}' || s[i - 1] == ')') &&
            (isalnum((unsigned char)s[i + 1]) || s[i + 1] == '{' || s[i + 1] == '('))
            joined = true;
    }
    return joined;
}

/* Whether a msgid is one word of letters that is not id-shaped ("minutes",
 * "News"): an id or copy alike. */
static bool one_word(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isalpha((unsigned char)s[i])) return false;
    return n > 0 && !id_shaped(s, n);
}

/* Some catalogs are keyed by message ids, with the copy in msgstr even in
 * the source language (`msgid "PWD_REVEAL"` / `msgstr "reveal password"`,
 * `msgid "Your_cart_was_empty."` / `msgstr "Your cart was empty."`).
 * A file is read that way when at least three of its one-line msgids, at
 * least half of them, and nine in ten of those that are not a single
 * word of letters (which may be either), are id-shaped or sentences
 * written as ids: English copy is never written so. */
static bool keyed_by_id(const char *b, size_t len)
{
    size_t ids = 0, shaped = 0, words = 0;
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && b[e] != '\n')
            e++;
        if (e - i > 8 && memcmp(b + i, "msgid \"", 7) == 0) {
            size_t end = e;
            while (end > i && (b[end - 1] == '\r' || b[end - 1] == ' '))
                end--;
            if (end > i + 7 && b[end - 1] == '"' && end - 1 > i + 7) {
                ids++;
                shaped += id_shaped(b + i + 7, end - 1 - (i + 7)) ||
                          sentence_id(b + i + 7, end - 1 - (i + 7));
                words += one_word(b + i + 7, end - 1 - (i + 7));
            }
        }
        i = e + 1;
    }
    return shaped >= 3 && shaped * 10 >= (ids - words) * 9 && shaped * 2 >= ids;
}

int tl_extract_po(tl_doc *doc, tl_error *err)
{
    parser p;
    memset(&p, 0, sizeof(p));
    p.doc = doc;
    p.err = err;
    p.b = (const char *)doc->src.bytes;
    p.len = doc->src.len;
    p.pos = doc->src.bom_len;
    p.cd = (iconv_t)-1;
    p.keyed = keyed_by_id(p.b + p.pos, p.len - p.pos);
    tl_segbuild_init(&p.ctxt.sb);
    tl_segbuild_init(&p.id.sb);
    tl_segbuild_init(&p.plural.sb);
    for (size_t i = 0; i < sizeof(p.str) / sizeof(p.str[0]); i++)
        tl_segbuild_init(&p.str[i].sb);
    int rc = 0;
    if (doc->src.encoding != TL_ENC_UTF8) {
        rc = tl_doc_error(
            doc, err, TL_EENCODING, 0, "%s",
            "UTF-16 PO files are not supported; convert with `msgconv --to-code=UTF-8`");
        goto cleanup;
    }
    while (p.pos < p.len) {
        char c = p.b[p.pos];
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t' || c == '\f' || c == '\v') {
            p.pos++;
            continue;
        }
        if (c == '#')
            rc = comment(&p);
        else if (c == '"')
            rc = perr(&p, p.pos, "%s", "string without a keyword before it");
        else
            rc = keyword(&p);
        if (rc < 0) goto cleanup;
    }
    rc = finish_entry(&p);
cleanup:
    if (p.cd != (iconv_t)-1) iconv_close(p.cd);
    tl_segbuild_free(&p.ctxt.sb);
    tl_segbuild_free(&p.id.sb);
    tl_segbuild_free(&p.plural.sb);
    for (size_t i = 0; i < sizeof(p.str) / sizeof(p.str[0]); i++)
        tl_segbuild_free(&p.str[i].sb);
    tl_buf_free(&p.comment);
    tl_buf_free(&p.refs);
    tl_buf_free(&p.flags);
    return rc;
}

/* ---- writing a fix back (tl_encode_fn) ------------------------------------
 *
 * The replacement is written with the escapes above (`\"`, `\\`, `\n`,
 * `\t`, `\r`, `\b`, `\f`, `\v`, `\a`), so it stays inside its "..." literal
 * on its line; other control characters are refused. When the replaced
 * range runs from one literal into the next ones, the replacement goes into
 * the first literal and the covered text of the later literals is deleted,
 * while their boundaries (closing quote, line break, opening quote) stay:
 * the entry keeps its lines and its wrapping stays valid. Non-ASCII text is
 * converted to the header's charset. In a c-format string a `%` would start
 * a conversion, so it is refused. */

/* The charset the header declares ("UTF-8" when it declares none that
 * needs converting). */
static void po_charset(const tl_doc *doc, char *name, size_t size)
{
    snprintf(name, size, "UTF-8");
    const char *b = (const char *)doc->src.bytes;
    size_t len = doc->src.len < 65536 ? doc->src.len : 65536;
    static const char ct[] = "Content-Type:";
    for (size_t i = 0; i + sizeof(ct) < len; i++) {
        if (memcmp(b + i, ct, sizeof(ct) - 1) != 0) continue;
        size_t e = i;
        while (e < len && b[e] != '\n' && b[e] != '"')
            e++;
        for (size_t k = i; k + 8 <= e; k++) {
            if (memcmp(b + k, "charset=", 8) != 0) continue;
            size_t s = k + 8, n = 0;
            while (s + n < e && b[s + n] != ' ' && b[s + n] != ';' && b[s + n] != '\\' &&
                   n + 1 < size)
                n++;
            if (n) {
                memcpy(name, b + s, n);
                name[n] = '\0';
            }
            return;
        }
        return;
    }
}

/* Convert UTF-8 text to the file's charset; TL_EUSAGE when it has no such
 * character. */
static int po_convert(tl_buf *out, const tl_doc *doc, const char *text, size_t len)
{
    bool ascii = true;
    for (size_t i = 0; i < len && ascii; i++)
        ascii = (unsigned char)text[i] < 0x80;
    if (ascii) return tl_buf_append(out, text, len);
    char cs[64];
    po_charset(doc, cs, sizeof(cs));
    if (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0 ||
        strcasecmp(cs, "CHARSET") == 0)
        return tl_buf_append(out, text, len);
    if (strcasecmp(cs, "ASCII") == 0 || strcasecmp(cs, "US-ASCII") == 0) return TL_EUSAGE;
    iconv_t cd = iconv_open(cs, "UTF-8");
    if (cd == (iconv_t)-1) return TL_EUSAGE;
    int rc = 0;
    char *in = (char *)text;
    size_t il = len;
    while (il && rc == 0) {
        char chunk[256], *op = chunk;
        size_t ol = sizeof(chunk);
        size_t r = iconv(cd, &in, &il, &op, &ol);
        if (r == (size_t)-1 && errno != E2BIG) rc = TL_EUSAGE;
        if (r != (size_t)-1 && r > 0) rc = TL_EUSAGE; /* irreversible: approximated */
        if (rc == 0) rc = tl_buf_append(out, chunk, (size_t)(op - chunk));
    }
    iconv_close(cd);
    return rc;
}

static int po_escape(tl_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        switch (c) {
        case '"':
            esc = "\\\"";
            break;
        case '\\':
            esc = "\\\\";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '\r':
            esc = "\\r";
            break;
        case '\b':
            esc = "\\b";
            break;
        case '\f':
            esc = "\\f";
            break;
        case '\v':
            esc = "\\v";
            break;
        case '\a':
            esc = "\\a";
            break;
        default:
            if (c < 0x20 || c == 0x7F) return TL_EUSAGE;
        }
        int rc = esc ? tl_buf_puts(out, esc) : tl_buf_putc(out, (char)c);
        if (rc < 0) return rc;
    }
    return 0;
}

int tl_encode_po(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                 size_t raw_end, const char *text, size_t len)
{
    const char *b = (const char *)doc->src.bytes;
    if (raw_start > raw_end || raw_end > doc->src.len || raw_start < seg->raw_start ||
        raw_end > seg->raw_end)
        return TL_EUSAGE;
    if ((seg->flags & TL_SEG_C_FORMAT) && memchr(text, '%', len)) return TL_EUSAGE;
    tl_buf conv = TL_BUF_INIT;
    int rc = po_convert(&conv, doc, text, len);
    if (rc == 0) rc = po_escape(out, conv.data ? conv.data : "", conv.len);
    tl_buf_free(&conv);
    if (rc < 0) return rc;
    /* Keep each literal boundary the range crosses. */
    for (size_t i = raw_start; i < raw_end;) {
        if (b[i] == '\\') {
            i += 2; /* the rest of a longer escape is digits, never a quote */
            continue;
        }
        if (b[i] != '"') {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < raw_end && (b[j] == ' ' || b[j] == '\t' || b[j] == '\f' || b[j] == '\v' ||
                               b[j] == '\r' || b[j] == '\n'))
            j++;
        if (j >= raw_end || b[j] != '"') return TL_EUSAGE;
        if ((rc = tl_buf_append(out, b + i, j + 1 - i)) < 0) return rc;
        i = j + 1;
    }
    return 0;
}
