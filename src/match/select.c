/* select.c - which string literals of source code are copy: cue lists
 * loaded from `source:` (rules/source.yml, .tonelint.yml) and the shape of
 * the literal itself.
 *
 * Order of the decision (the first that applies):
 *   1. no letter outside placeholders: not copy;
 *   2. where the literal is code: a module name, a key, an operand of a
 *      comparison, a TypeScript type, a docstring;
 *   3. a cue naming its call, prop, tag or scope (the function around
 *      it): .tonelint.yml's, then the pack's, in each the `skip` cues
 *      before the `take` cues; a taken literal shaped like an identifier
 *      (`auth.failed`, `card_declined`, `userId`) or wrapping an error
 *      (`%w`) is still not copy;
 *   5. JSX text; another JSX attribute is not copy;
 *   6. the literal reads as a sentence: copy; anything else is not.
 *
 * Names are globs over dotted names where `*` stays inside one part
 * (`toast.*`, `*Error`) and `**` crosses parts (`logger.**`); a name matches the call's whole
 * dotted name or any tail of it (`error` matches `this.toast.error`). Calls are written without
 * `new`, arguments and subscripts (`res.status(402).json` is `res.status.json`). Props compare
 * without case, `-` and `_`
 * (`aria-label` = `ariaLabel`, `help_text` = `helpText`). */
#include "select.h"
#include "../core/array.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void tl_select_free(tl_select *s)
{
    free(s->cues);
    memset(s, 0, sizeof(*s));
}

static int cerr(tl_error *err, const char *path, const tl_ynode *n, const char *msg)
{
    tl_error_clear(err);
    err->path = path;
    err->line = n ? n->line : 0;
    err->column = n ? n->column : 0;
    return tl_error_set(err, TL_ECONFIG, "%s", msg);
}

static const tl_ynode *scalar(const tl_ynode *n)
{
    n = tl_yaml_resolve(n);
    return n && n->type == TL_Y_SCALAR ? n : NULL;
}

static int add(tl_select *s, const tl_cue *c)
{
    if (s->n == s->cap && tl_array_grow(&s->cues, &s->cap, sizeof(*s->cues), 64) < 0)
        return TL_ENOMEM;
    s->cues[s->n++] = *c;
    return 0;
}

int tl_select_load(tl_select *s, tl_arena *arena, const char *path, const tl_ynode *list,
                   tl_error *err)
{
    static const char *const shape =
        "`source` takes a list of {take|skip: calls|props|tags|scopes, names: [...], lang: [...], "
        "kind: KIND, why: TEXT}";
    list = tl_yaml_resolve(list);
    if (!list || list->type != TL_Y_SEQ) return cerr(err, path, list, shape);
    for (size_t i = 0; i < list->n; i++) {
        const tl_ynode *g = tl_yaml_resolve(list->items[i]);
        if (!g || g->type != TL_Y_MAP) return cerr(err, path, g, shape);
        tl_cue c;
        memset(&c, 0, sizeof(c));
        c.what = -1;
        const tl_ynode *names = NULL, *langs = NULL;
        for (size_t k = 0; k + 1 < g->n; k += 2) {
            const tl_ynode *key = scalar(g->items[k]), *v = tl_yaml_resolve(g->items[k + 1]);
            if (!key) return cerr(err, path, g->items[k], shape);
            if (strcmp(key->value, "take") == 0 || strcmp(key->value, "skip") == 0) {
                c.take = key->value[0] == 't';
                const tl_ynode *w = scalar(v);
                if (w && strcmp(w->value, "calls") == 0)
                    c.what = TL_CUE_CALL;
                else if (w && strcmp(w->value, "props") == 0)
                    c.what = TL_CUE_PROP;
                else if (w && strcmp(w->value, "tags") == 0)
                    c.what = TL_CUE_TAG;
                else if (w && strcmp(w->value, "scopes") == 0)
                    c.what = TL_CUE_SCOPE;
                else
                    return cerr(err, path, v,
                                "`take` and `skip` name `calls`, `props`, `tags` or `scopes`");
            } else if (strcmp(key->value, "names") == 0) {
                names = v;
            } else if (strcmp(key->value, "lang") == 0) {
                langs = v;
            } else if (strcmp(key->value, "kind") == 0) {
                const tl_ynode *w = scalar(v);
                c.kind = w ? tl_kind_from_name(w->value) : TL_KIND_UNKNOWN;
                if (c.kind == TL_KIND_UNKNOWN)
                    return cerr(err, path, v, "`kind` is one of ui, error, email, notification");
            } else if (strcmp(key->value, "why") == 0) {
                const tl_ynode *w = scalar(v);
                if (!w) return cerr(err, path, v, "`why` takes a text");
                if (!(c.why = tl_arena_strdup(arena, w->value))) return TL_ENOMEM;
            } else {
                return cerr(err, path, g->items[k],
                            "unknown key in a `source` entry (take, skip, names, lang, kind, why)");
            }
        }
        if (c.what < 0) return cerr(err, path, g, "a `source` entry needs `take:` or `skip:`");
        if (!names || names->type != TL_Y_SEQ || !names->n)
            return cerr(err, path, names ? names : g, "a `source` entry needs a list of `names`");
        size_t nl = langs ? (langs->type == TL_Y_SEQ ? langs->n : 1) : 1;
        for (size_t li = 0; li < nl; li++) {
            const tl_ynode *ln =
                langs ? (langs->type == TL_Y_SEQ ? scalar(langs->items[li]) : scalar(langs)) : NULL;
            if (langs && !ln) return cerr(err, path, langs, "`lang` takes language names");
            c.lang = ln ? tl_arena_strdup(arena, ln->value) : NULL;
            for (size_t k = 0; k < names->n; k++) {
                const tl_ynode *nm = scalar(names->items[k]);
                if (!nm || !nm->value[0])
                    return cerr(err, path, names->items[k], "a name is a text");
                c.name = tl_arena_strdup(arena, nm->value);
                if (!c.name || add(s, &c) < 0) return TL_ENOMEM;
            }
        }
    }
    return 0;
}

/* ---- matching ----------------------------------------------------------- */

/* A glob where `*` matches within one dotted part and `**` across parts. */
static bool glob(const char *p, const char *s)
{
    for (;;) {
        if (p[0] == '*' && p[1] == '*') {
            p += 2;
            for (const char *t = s;; t++) {
                if (glob(p, t)) return true;
                if (!*t) return false;
            }
        }
        if (*p == '*') {
            p++;
            for (const char *t = s;; t++) {
                if (glob(p, t)) return true;
                if (!*t || *t == '.') return false;
            }
        }
        if (!*p) return !*s;
        if (*p != *s) return false;
        p++;
        s++;
    }
}

/* The call as compared: no `new `, no (arguments) or [subscripts], `?.`,
 * `::` and `->` read as `.`. */
static void call_name(char *out, size_t cap, const char *call)
{
    size_t n = 0;
    if (strncmp(call, "new ", 4) == 0) call += 4;
    int depth = 0;
    for (const char *c = call; *c && n + 1 < cap; c++) {
        if (*c == '(' || *c == '[')
            depth++;
        else if (*c == ')' || *c == ']')
            depth -= depth > 0;
        else if (depth == 0 && *c == '?' && c[1] == '.')
            continue;
        else if (depth == 0 && ((*c == ':' && c[1] == ':') || (*c == '-' && c[1] == '>')) && n) {
            out[n++] = '.'; /* std::runtime_error, $this->logger->error */
            c++;
        } else if (depth == 0 && *c != ' ' && *c != '\t' && *c != '\n' && *c != '\r')
            out[n++] = *c;
    }
    out[n] = '\0';
}

/* A prop as compared: lowercase, without `-`, `_`, quotes and subscripts'
 * brackets and colons (`flash[:alert]` reads `flash.alert`). */
static void prop_name(char *out, size_t cap, const char *prop)
{
    size_t n = 0;
    for (const char *c = prop; *c && n + 1 < cap; c++) {
        if (*c == '-' || *c == '_' || *c == '"' || *c == '\'' || *c == ':' || *c == ']' ||
            *c == ' ' || *c == '@')
            continue;
        out[n++] = *c == '[' ? '.' : (char)tolower((unsigned char)*c);
    }
    out[n] = '\0';
}

/* Whether a name or any of its dotted tails matches the pattern. */
static bool name_matches(const char *pattern, const char *name)
{
    for (const char *s = name;;) {
        if (glob(pattern, s)) return true;
        s = strchr(s, '.');
        if (!s) return false;
        s++;
    }
}

static const tl_cue *find(const tl_select *s, bool take, int what, const char *name,
                          const char *lang)
{
    if (!s || !name || !*name) return NULL;
    char pat[128];
    for (size_t i = 0; i < s->n; i++) {
        const tl_cue *c = &s->cues[i];
        if (c->take != take || c->what != what) continue;
        if (c->lang && (!lang || strcmp(c->lang, lang) != 0)) continue;
        const char *p = c->name;
        if (what == TL_CUE_PROP) {
            prop_name(pat, sizeof(pat), c->name);
            p = pat;
        }
        if (name_matches(p, name)) return c;
    }
    return NULL;
}

/* ---- shape ------------------------------------------------------------- */

/* The text with placeholders (protected ranges) read as one letter `X`. */
static size_t visible(char *out, size_t cap, const tl_segment *seg)
{
    size_t n = 0, r = 0;
    for (size_t i = 0; i < seg->text_len && n + 1 < cap;) {
        if (r < seg->nprotect && i == seg->protect[r].start) {
            out[n++] = 'X';
            i = seg->protect[r].end;
            r++;
            continue;
        }
        out[n++] = seg->text[i++];
    }
    out[n] = '\0';
    return n;
}

static bool has_letter(const char *s)
{
    for (; *s; s++)
        if (isalpha((unsigned char)*s) || (unsigned char)*s >= 0xC0) return true;
    return false;
}

/* Shaped like an identifier, a key, a path or a class list rather than
 * words: no blank, and a sign of code (`_ . / : # = < > { } [ ] \ @ $ | &`,
 * a camelCase hump, all lowercase). `Save` and `Welcome!` are words. */
static bool code_shaped(const char *s)
{
    bool lower_only = true, hump = false, sign = false;
    for (const char *c = s; *c; c++) {
        unsigned char u = (unsigned char)*c;
        if (isspace(u)) return false;
        if (strchr("_./:#=<>{}[]\\@$|&", u)) sign = true;
        if (isupper(u)) {
            lower_only = false;
            if (c > s && islower((unsigned char)c[-1])) hump = true;
        }
        if (u >= 0x80) lower_only = false;
    }
    /* A sentence-final `.`, `:` or `…` does not make a word code. */
    size_t n = strlen(s);
    if (sign && n > 1 && (s[n - 1] == '.' || s[n - 1] == ':') && !strpbrk(s, "_/#=<>{}[]\\@$|&")) {
        bool inner = false;
        for (size_t i = 0; i + 1 < n; i++)
            inner |= s[i] == '.' || s[i] == ':';
        if (!inner) sign = false;
    }
    return sign || hump || lower_only;
}

static size_t words(const char *s)
{
    size_t n = 0;
    bool in = false;
    for (; *s; s++) {
        bool w = !isspace((unsigned char)*s);
        if (w && !in) n++;
        in = w;
    }
    return n;
}

/* Reads as a sentence: starts with a capital letter, has at least two
 * words, ends like a sentence (or has four words or more), and is not SQL,
 * a URL or a class list. */
static bool sentence(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    if (!isupper((unsigned char)*s) && (unsigned char)*s < 0xC0) return false;
    size_t n = strlen(s), w = words(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (w < 2 || !n) return false;
    static const char *const sql[] = {"SELECT ", "INSERT ", "UPDATE ", "DELETE ", "CREATE ",
                                      "ALTER ",  "DROP ",   "WITH ",   NULL};
    for (int i = 0; sql[i]; i++)
        if (strncmp(s, sql[i], strlen(sql[i])) == 0) return false;
    if (strstr(s, "://")) return false;
    /* Most words of code-like shape: a class list, a command line. */
    size_t coded = 0;
    char word[96];
    for (const char *p = s; *p;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        size_t k = 0;
        while (*p && !isspace((unsigned char)*p)) {
            if (k + 1 < sizeof(word)) word[k++] = *p;
            p++;
        }
        word[k] = '\0';
        if (k && code_shaped(word) && strpbrk(word, "_/#=<>{}[]\\@$|&-")) coded++;
    }
    if (coded * 2 >= w) return false;
    char last = s[n - 1];
    return strchr(".!?:)", last) || w >= 4;
}

/* ---- the decision ------------------------------------------------------ */

/* The first skip cue of one set naming the literal's call, prop, tag or
 * scope. */
static const tl_cue *skip_by(const tl_select *s, const tl_srcctx *c, const char *call,
                             const char *prop)
{
    const tl_cue *q = find(s, false, TL_CUE_CALL, call, c->lang);
    if (!q) q = find(s, false, TL_CUE_PROP, prop, c->lang);
    if (!q) q = find(s, false, TL_CUE_TAG, c->tag, c->lang);
    if (!q) q = find(s, false, TL_CUE_SCOPE, c->scope, c->lang);
    return q;
}

/* The first take cue of one set: props before calls before tags before
 * scopes. */
static const tl_cue *take_by(const tl_select *s, const tl_srcctx *c, const char *call,
                             const char *prop)
{
    const tl_cue *q = find(s, true, TL_CUE_PROP, prop, c->lang);
    if (!q) q = find(s, true, TL_CUE_CALL, call, c->lang);
    if (!q) q = find(s, true, TL_CUE_TAG, c->tag, c->lang);
    if (!q) q = find(s, true, TL_CUE_SCOPE, c->scope, c->lang);
    return q;
}

void tl_select_apply(const tl_select *s, const tl_select *extra, bool catalog, tl_segment *seg)
{
    const tl_srcctx *c = seg->src;
    if (!c) return;
    seg->skip = NULL;
    seg->taken = NULL;
    char text[512];
    visible(text, sizeof(text), seg);
    if (!has_letter(text)) {
        seg->skip = "no letters";
        return;
    }
    unsigned f = c->flags;
    if (f & TL_SRC_IMPORT) {
        seg->skip = "a module name";
        return;
    }
    if (f & TL_SRC_KEY) {
        seg->skip = "a key";
        return;
    }
    if (f & TL_SRC_COMPARE) {
        seg->skip = "compared with in code";
        return;
    }
    if (f & TL_SRC_TYPE) {
        seg->skip = "a type";
        return;
    }
    if (f & TL_SRC_DOCSTRING) {
        seg->skip = "a docstring";
        return;
    }
    char call[256] = "", prop[256] = "";
    if (c->call) call_name(call, sizeof(call), c->call);
    if (c->prop) prop_name(prop, sizeof(prop), c->prop);
    if (strstr(text, "%w")) {
        seg->skip = "wraps another error (%w): a message for logs";
        return;
    }
    bool coded = code_shaped(text);
    /* .tonelint.yml's cues, then the pack's: in each, skip before take. */
    const tl_select *sets[2] = {extra, s};
    for (int i = 0; i < 2; i++) {
        const tl_cue *q = skip_by(sets[i], c, call, prop);
        if (q) {
            seg->skip = q->why                   ? q->why
                        : q->what == TL_CUE_CALL ? "an argument of a call that is not copy"
                        : q->what == TL_CUE_PROP ? "the value of a key that is not copy"
                        : q->what == TL_CUE_TAG  ? "inside a tag that is not copy"
                                                 : "inside a function that is not copy";
            return;
        }
        q = take_by(sets[i], c, call, prop);
        if (!q) continue;
        if (coded) {
            seg->skip = "shaped like an identifier or a key";
            return;
        }
        seg->taken = q->why                   ? q->why
                     : q->what == TL_CUE_CALL ? "an argument of a call for copy"
                     : q->what == TL_CUE_PROP ? "the value of a key for copy"
                     : q->what == TL_CUE_TAG  ? "inside a tag for copy"
                                              : "inside a function for copy";
        if (q->kind != TL_KIND_UNKNOWN) seg->kind = q->kind;
        return;
    }
    /* A module of messages is a catalog: its values are the product's
     * strings, labels as much as sentences. */
    if (catalog && (c->prop || !c->call) && !(f & (TL_SRC_JSX_ATTR | TL_SRC_JSX_TEXT))) {
        if (coded) {
            seg->skip = "shaped like an identifier or a key";
            return;
        }
        seg->taken = "a value in a module of messages";
        return;
    }
    if (f & TL_SRC_JSX_TEXT) {
        seg->taken = "JSX text";
        return;
    }
    if (f & TL_SRC_JSX_ATTR) {
        seg->skip = "a JSX attribute that is not shown";
        return;
    }
    if (sentence(text)) {
        seg->taken = "reads as a sentence";
        return;
    }
    seg->skip = "not in a place for copy";
}
