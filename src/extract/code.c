/* code.c - string literals in source code: JavaScript and TypeScript (with
 * JSX), Python, Go, C/C++, Java, PHP, Ruby, Kotlin, C# and Swift. Each
 * literal becomes a segment, with where it sits (tl_srcctx: the call it is
 * an argument of, the key or attribute it is the value of) for the selection of copy
 * (lint/select.c); this file does not decide what is copy. Comments are skipped and scanned for
 * directives.
 *
 * One lexer serves the ten families; what differs is data (the tables
 * `langs`, `esc_of` and `interp_of` below: comment and string shapes,
 * escape sets, interpolations) plus a few hooks per string form. Every
 * string form reads its text with the same steps (the take_* helpers: an
 * escape, an interpolation, a character written as two):
 *
 *   JavaScript/TypeScript  '…' "…" with \n \t \r \b \f \v \0 \xHH \uHHHH
 *                          \u{H…} \ooo and \<line break>; `…` templates whose
 *                          ${…} (code, lexed in turn) are placeholders; regex
 *                          literals (where an expression may start) skipped;
 *                          JSX (.jsx .tsx .js): elements, attribute strings
 *                          (no escapes, entities decoded) and the text
 *                          between tags, read as React does (lines trimmed,
 *                          joined by one space, blank lines dropped).
 *   Python                 any prefix of r u b f (rb, Rb, fr…), '…' "…"
 *                          '''…''' """…""", escapes \n \t \r \a \b \f \v \\
 *                          \' \" \ooo \xHH \uHHHH \UHHHHHHHH \<newline>
 *                          (others keep their backslash; raw strings decode
 *                          nothing); f-string {…} fields are placeholders,
 *                          {{ and }} are braces.
 *   Go                     "…" with \a \b \f \n \r \t \v \\ \" \ooo \xHH
 *                          \uHHHH \UHHHHHHHH, raw `…` (carriage returns
 *                          dropped); rune literals skipped.
 *   C, C++                 "…" with prefixes L u U u8, escapes as clang
 *                          reads them (\x takes any number of digits, \q
 *                          is q), backslash-newline splices (in // comments
 *                          too); C++ (and headers): raw R"d(…)d" strings,
 *                          digit separators. Character constants skipped;
 *                          no preprocessing: a quote left open on its line
 *                          runs to its end (`#error don't`), as cpp reads it.
 *   Java                   "…" with \b \t \n \f \r \s \" \' \\ \ooo
 *                          \uuuHHHH; text blocks """…""" with javac's
 *                          removal of incidental indentation and trailing
 *                          blanks; character literals skipped.
 *   PHP                    code between <?php and ?> only; '…' (\\ \'),
 *                          "…" and heredocs (\n \t \r \v \e \f \\ \$ \"
 *                          \ooo \xH[H] \u{…}, other backslashes stay),
 *                          nowdocs; $var, {$…}, ${…} are placeholders; a
 *                          heredoc loses its closing label's indentation.
 *   Ruby                   '…' "…" %q %Q %() with nesting delimiters,
 *                          heredocs <<~ <<- << (bodies read at the end of
 *                          their line; <<~ loses the least indentation);
 *                          #{…} (lexed in turn), #@x, #$x are placeholders;
 *                          symbols, word lists, regexes, commands, ?a,
 *                          =begin/=end and __END__ data skipped.
 *   Kotlin                 "…" with \t \b \n \r \' \" \\ \$ \uHHHH, raw
 *                          """…""" (the last three quotes of a run close
 *                          it); $name and ${…} (lexed in turn) are
 *                          placeholders; char literals skipped; block
 *                          comments nest.
 *   C#                     "…" with \0 \a \b \f \n \r \t \v \xH… (1-4)
 *                          \uHHHH \UHHHHHHHH, @"…" ("" is a quote), $"…"
 *                          $@"…" whose {…} holes (lexed in turn, to a
 *                          top-level `,width` or `:format`) are placeholders,
 *                          raw """…""" (multi-line ones lose the closing
 *                          line's indentation) with $ or $$ holes; char
 *                          literals and preprocessor lines skipped.
 *   Swift                  "…" and multi-line """…""" (losing the closing
 *                          line's indentation; `\` at a line's end joins),
 *                          with \0 \t \n \r \\ \" \' \u{H…}; #"…"# extended
 *                          delimiters (escapes \#n); \(…) interpolations
 *                          (lexed in turn) are placeholders; block comments
 *                          nest.
 *
 * A line break in a literal reads as LF (CRLF and CR too). Every decoded
 * character maps to its stored bytes; an escape is one atomic span. Bad
 * input (an unterminated literal, comment or JSX element, a bad escape,
 * nesting deeper than MAX_NEST) is an error at its line and column. */
#include "format.h"
#include "../core/utf8.h"
#include "../core/array.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 512 /* brackets open at once */
#define MAX_NEST 64   /* templates, JSX elements and f-strings inside each other */

enum { FAM_JS, FAM_PY, FAM_GO, FAM_C, FAM_JAVA, FAM_PHP, FAM_RUBY, FAM_KOTLIN, FAM_CS, FAM_SWIFT };

/* A language: its family and name. Comment shapes follow the family:
 * `//` and slash-star for all but Python, `#` for Python. */
typedef struct lang {
    const char *syntax; /* tl_format name */
    const char *name;   /* tl_srcctx.lang */
    int fam;
    bool cxx;       /* C++: raw strings R"d(…)d", digit separators 1'000 */
    const char *fn; /* the word declaring a function whose body is in braces, for
                       tl_srcctx.scope, or NULL */
} lang;

static const lang langs[] = {
    {"javascript", "javascript", FAM_JS, false, NULL},
    {"typescript", "typescript", FAM_JS, false, NULL},
    {"python", "python", FAM_PY, false, NULL},
    {"go", "go", FAM_GO, false, NULL},
    {"c", "c", FAM_C, false, NULL},
    {"cpp", "c", FAM_C, true, NULL},
    {"java", "java", FAM_JAVA, false, NULL},
    {"php-code", "php", FAM_PHP, false, NULL},
    {"ruby", "ruby", FAM_RUBY, false, NULL},
    {"kotlin", "kotlin", FAM_KOTLIN, false, "fun"},
    {"csharp", "csharp", FAM_CS, false, NULL},
    {"swift", "swift", FAM_SWIFT, false, "func"},
};

/* What an escape means, per family (see escape()). */
typedef struct escapes {
    const char *simple; /* letters of one-character escapes: `\n` `\t` … */
    int octal;          /* 0: none; 1: up to three digits; 2: as JavaScript (\0-\377) */
    int hex;     /* 0: none; 2: exactly two digits; -1: any number (C); -N: one to N digits */
    bool u4, u8; /* \uHHHH, \UHHHHHHHH */
    int ubrace;  /* \u{H…}: 0 none; -1 any number of digits; N: at most N
                    digits, naming a scalar value (no surrogate) */
    bool uu;     /* Java: \uuuuHHHH */
    bool splice; /* a backslash before a line break continues the line */
    int other;   /* an unknown escape: 0 error, 1 keeps its backslash, 2 drops it */
    bool nul;    /* `\0` alone is NUL (C#, Swift) */
    const char *unknown; /* the error for an unknown escape; NULL: "unknown escape sequence" */
} escapes;

static const escapes esc_of[] = {
    [FAM_JS] = {"ntrbfv\\'\"", 2, 2, true, false, -1, false, true, 2, false, NULL},
    [FAM_PY] = {"ntrbfva\\'\"", 1, 2, true, true, 0, false, true, 1, false, NULL},
    [FAM_GO] = {"ntrbfva\\\"", 1, 2, true, true, 0, false, false, 0, false, NULL},
    [FAM_C] = {"ntrbfvae\\'\"?", 1, -1, true, true, 0, false, true, 2, false, NULL},
    [FAM_JAVA] = {"ntrbfs\\'\"", 2, 0, true, false, 0, true, false, 0, false, NULL},
    [FAM_PHP] = {"ntrvef\\$\"", 1, -2, false, false, -1, false, false, 1, false, NULL},
    [FAM_RUBY] = {"ntrbfvaes\\'\"", 1, -2, true, false, -1, false, true, 2, false, NULL},
    [FAM_KOTLIN] = {"tbnr\\'\"$", 0, 0, true, false, 0, false, false, 0, false, NULL},
    [FAM_CS] = {"abfnrtv\\'\"", 0, -4, true, true, 0, false, false, 0, true, NULL},
    [FAM_SWIFT] = {"tnr\\'\"", 0, 0, false, false, 8, false, false, 0, true,
                   "invalid escape sequence in literal"},
};

/* Previous significant token, for regex-or-division and JSX-or-less-than. */
enum { T_NONE, T_IDENT, T_KEYWORD, T_VALUE, T_PUNCT, T_CLOSE };

typedef struct frame {
    char open;        /* ( [ { */
    bool block;       /* a `{` that opens statements, not an object */
    const char *call; /* for `(`: the callee as written; for `[`: the subscripted name */
    const char *attr; /* for a JSX `{` attribute value: the attribute's name */
    int arg;          /* commas seen */
    const char
        *held;   /* for a `(` that calls nothing: the key or variable the group is the value of */
    bool import; /* Go `import (` */
    bool jsx;    /* braces of a JSX expression */
    const char *scope; /* for a function's body: the function's name */
    bool when;         /* Kotlin: the branches of a `when` whose value is `held`, which
                          `hflags` says is a target of `=` or returned */
    unsigned hflags;
    const char *lambda; /* Kotlin, Swift: the call a trailing lambda `{` is the last
                           argument of (`requireNotNull(x) { "…" }`), or NULL */
} frame;

typedef struct lexer {
    tl_doc *doc;
    tl_error *err;
    const char *b;
    size_t len, pos;
    const lang *lang;
    bool jsx;
    frame st[MAX_DEPTH];
    int depth, nest;
    int prev;        /* T_* */
    char prevc;      /* the punctuation of T_PUNCT / T_CLOSE */
    size_t prev_at;  /* where the previous token starts */
    size_t prev_end; /* and ends */
    bool stmt_start; /* Python: nothing yet on this logical line */
    bool heredoc;    /* PHP: decoding a heredoc, where `\"` is text */
    struct pending { /* Ruby heredocs whose bodies start on the next line */
        size_t label, llen;
        char kind, quote; /* `~` `-` or 0; `'` `"` or 0 */
        tl_srcctx c;
    } pend[8];
    int npend;
    int cs_hole;   /* C#: the depth of the innermost interpolation hole's `{` */
    struct {       /* Kotlin: the last `when`, for its braces */
        size_t at; /* 1 + where it is; 0: none yet */
        const char *prop;
        unsigned flags;
    } when;
    struct { /* Kotlin, Swift: a function declared whose body has not opened */
        const char *name;
        int depth;
        bool naming; /* its name may still follow (no `(` yet) */
    } fn;
} lexer;

/* A literal being built. */
typedef struct lit {
    tl_segbuild sb;
    size_t run;    /* where its source text not yet appended starts (see flush()) */
    size_t hashes; /* Swift: the `#`s of its delimiter, which an escape repeats after `\` */
    tl_text_range *prot;
    size_t nprot, capprot;
} lit;

static int lerr(lexer *l, size_t off, const char *msg)
{
    return tl_doc_error(l->doc, l->err, TL_ESYNTAX, off, "%s", msg);
}

static int oom(lexer *l)
{
    return tl_error_set(l->err, TL_ENOMEM, "out of memory");
}

static bool id_start(unsigned char c)
{
    return isalpha(c) || c == '_' || c == '$' || c >= 0x80;
}

static bool id_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

static bool is_word(const lexer *l, size_t at, size_t end, const char *w)
{
    size_t n = strlen(w);
    return end - at == n && memcmp(l->b + at, w, n) == 0;
}

static bool prev_word(const lexer *l, const char *w)
{
    return (l->prev == T_IDENT || l->prev == T_KEYWORD) && is_word(l, l->prev_at, l->prev_end, w);
}

/* JavaScript words after which an expression (so a regex or JSX) starts. */
static bool expr_keyword(const lexer *l, size_t at, size_t end)
{
    static const char *const kw[] = {"return", "typeof", "case",    "do",   "else",  "in",
                                     "of",     "new",    "delete",  "void", "throw", "instanceof",
                                     "yield",  "await",  "extends", NULL};
    for (int i = 0; kw[i]; i++)
        if (is_word(l, at, end, kw[i])) return true;
    return false;
}

static char *dup(lexer *l, const char *s, size_t n)
{
    return tl_arena_strndup(&l->doc->arena, s, n);
}

/* ---- context ---------------------------------------------------------- */

/* The name before b[end] read backwards: identifiers, dots, `?.`, and
 * bracketed or parenthesized parts (`res.status(402).json`,
 * `flash[:alert]`). Returns its start. */
static size_t name_before(const lexer *l, size_t end)
{
    size_t i = end;
    while (i > 0 && (l->b[i - 1] == ' ' || l->b[i - 1] == '\t'))
        i--;
    size_t stop = i;
    for (;;) {
        size_t k = i;
        while (k > 0 &&
               (id_char((unsigned char)l->b[k - 1]) || l->b[k - 1] == ':' || l->b[k - 1] == '@'))
            k--;
        if (k < i && k > 1 && l->b[k - 1] == '>' && l->b[k - 2] == '-') { /* PHP, C: a->b */
            k -= 2;
            i = k;
            if (k > 0 && (l->b[k - 1] == ')' || l->b[k - 1] == ']')) goto bracket;
            continue;
        }
        if (k < i && k > 0 && (l->b[k - 1] == '.' || l->b[k - 1] == '?')) {
            while (k > 0 && (l->b[k - 1] == '.' || l->b[k - 1] == '?'))
                k--;
            i = k;
            if (k > 0 && (l->b[k - 1] == ')' || l->b[k - 1] == ']')) goto bracket;
            continue;
        }
        if (k == i && i > 0 && (l->b[i - 1] == ')' || l->b[i - 1] == ']') && i == stop) {
        bracket:;
            char close = l->b[i - 1], open = close == ')' ? '(' : '[';
            int d = 0;
            size_t j = i;
            while (j > 0 && end - j < 200) {
                j--;
                if (l->b[j] == close) d++;
                if (l->b[j] == open && --d == 0) break;
            }
            if (d != 0 || j == 0) return i;
            i = j;
            continue;
        }
        i = k;
        break;
    }
    /* Leading `:` belongs to a Ruby-like symbol only inside brackets. */
    while (i < stop && (l->b[i] == ':' || l->b[i] == '.'))
        i++;
    return i;
}

static void set_prev(lexer *l, int kind, size_t at, size_t end)
{
    l->prev = kind;
    l->prev_at = at;
    l->prev_end = end;
    if (kind == T_PUNCT || kind == T_CLOSE) l->prevc = l->b[at];
    if (kind != T_NONE) l->stmt_start = false;
}

/* Whether the token before b[at] opens an object member: `{` or `,` (so a
 * literal there followed by `:` is a key, not the first branch of a
 * ternary). */
static bool member_start(const lexer *l, size_t at)
{
    size_t i = at;
    while (i > 0 && isspace((unsigned char)l->b[i - 1]))
        i--;
    if (i > 0 && l->b[i - 1] == '(' && (l->lang->fam == FAM_CS || l->lang->fam == FAM_SWIFT))
        return true; /* a named argument: `f(title: …)` */
    if (i > 0 && l->b[i - 1] == '[' && l->lang->fam == FAM_SWIFT) return true; /* ["key": …] */
    return i > 0 && (l->b[i - 1] == '{' || l->b[i - 1] == ',');
}

/* Whether the `:` at b[p] ends an object member's key (`{ message: …`,
 * `, "title": …`) rather than a ternary's first branch. */
static bool member_colon(const lexer *l, size_t p)
{
    size_t e = p;
    while (e > 0 && (l->b[e - 1] == ' ' || l->b[e - 1] == '\t'))
        e--;
    size_t s = e;
    if (s > 0 && (l->b[s - 1] == '"' || l->b[s - 1] == '\'')) {
        char q = l->b[s - 1];
        s--;
        while (s > 0 && l->b[s - 1] != q && l->b[s - 1] != '\n' && p - s < 200)
            s--;
        if (s > 0) s--;
    } else {
        while (s > 0 && (id_char((unsigned char)l->b[s - 1]) || l->b[s - 1] == '-'))
            s--;
    }
    if (s == e) return false;
    return member_start(l, s);
}

static bool ruby_keyword(const lexer *l, size_t at, size_t end);

/* Ruby: the command a literal outside parentheses is an argument of, named
 * at the start of its line (`errors.add :base, "…"`, `redirect_to x,
 * notice: "…"`); for `raise`/`fail`, the exception class (`raise
 * PaymentError, "…"` reads as `PaymentError`), or NULL. */
static const char *ruby_command(lexer *l, size_t at)
{
    const char *b = l->b;
    size_t s = at;
    for (int lines = 0;; lines++) {
        while (s > 0 && b[s - 1] != '\n' && b[s - 1] != ';')
            s--;
        size_t f = s;
        while (f < at && (b[f] == ' ' || b[f] == '\t'))
            f++;
        /* A literal first on its line continues the line before it when
         * that one ends in `,` `\` `+` or `(`. */
        size_t p = s > 0 && b[s - 1] == '\n' ? s - 1 : 0;
        while (p > 0 && (b[p - 1] == ' ' || b[p - 1] == '\t' || b[p - 1] == '\r'))
            p--;
        if (f == at && lines < 4 && p > 0 && strchr(",\\+(", b[p - 1])) {
            s = p - 1;
            continue;
        }
        s = f;
        break;
    }
    size_t e = s;
    while (e < at && (id_char((unsigned char)b[e]) || b[e] == '.' || b[e] == '?' || b[e] == '!' ||
                      (b[e] == ':' && e + 1 < at && b[e + 1] == ':') ||
                      (b[e] == ':' && e > s && b[e - 1] == ':')))
        e++;
    if (e == s || e >= at || (b[e] != ' ' && b[e] != '\t') || !id_start((unsigned char)b[s]))
        return NULL;
    if (ruby_keyword(l, s, e) && !is_word(l, s, e, "puts")) return NULL;
    size_t k = e;
    while (k < at && (b[k] == ' ' || b[k] == '\t'))
        k++;
    if (k >= at + 1 || (strchr("=+-*/<>|&?!%.^,)]}", b[k]) && k != at)) return NULL;
    if (b[k] == ':' && !(k + 1 < l->len && (id_start((unsigned char)b[k + 1]) || b[k + 1] == '"')))
        return NULL;
    if ((is_word(l, s, e, "raise") || is_word(l, s, e, "fail")) && isupper((unsigned char)b[k])) {
        size_t c = k;
        while (c < at && (id_char((unsigned char)b[c]) || b[c] == ':'))
            c++;
        if (c < at && (b[c] == ',' || b[c] == ' ' || b[c] == '.')) return dup(l, b + k, c - k);
    }
    return dup(l, b + s, e - s);
}

/* The target of the assignment `=` at b[p] (`:=` `+=` `||=` `??=` too)
 * into c->prop (with TL_SRC_ASSIGN); returns where the target starts. */
static size_t assigned_to(lexer *l, size_t p, tl_srcctx *c)
{
    size_t a = p;
    if (a > 0 && strchr(":+|&?", l->b[a - 1])) a--; /* := += ||= ??= */
    size_t s = name_before(l, a);
    size_t t = a;
    while (t > s && (l->b[t - 1] == ' ' || l->b[t - 1] == '\t'))
        t--;
    if (t > s) {
        c->prop = dup(l, l->b + s, t - s);
        c->flags |= TL_SRC_ASSIGN;
    }
    return s;
}

/* The `=` of an assignment whose right side holds b[p], on the same line and
 * outside brackets (`val x = a?.b("c") ?: …`), or 0 when there is none. */
static size_t assignment_before(const lexer *l, size_t p)
{
    int d = 0;
    for (size_t k = p; k > 0; k--) {
        char ch = l->b[k - 1];
        if (ch == '"' || ch == '\'') { /* a string: to its opening quote */
            k--;
            while (k > 0 && l->b[k - 1] != ch && l->b[k - 1] != '\n')
                k--;
            if (k == 0 || l->b[k - 1] != ch) return 0;
            continue;
        }
        if (ch == '\n' || ch == ';' || (d == 0 && ch == ',')) return 0;
        if (ch == ')' || ch == ']' || ch == '}')
            d++;
        else if ((ch == '(' || ch == '[' || ch == '{') && d-- == 0)
            return 0;
        else if (ch == '=' && d == 0 && k > 1 && !strchr("=!<>", l->b[k - 2]) && l->b[k] != '=' &&
                 l->b[k] != '>')
            return k - 1;
    }
    return 0;
}

/* Kotlin: whether a `{` opens the branches of the last `when` (`when {`,
 * `when (x) {`). */
static bool when_braces(const lexer *l)
{
    if (!l->when.at) return false;
    size_t k = l->prev_at;
    if (l->prev == T_CLOSE && l->prevc == ')') {
        int d = 0;
        for (; k > 0; k--) {
            if (l->b[k] == ')') d++;
            if (l->b[k] == '(' && --d == 0) break;
        }
        while (k > 0 && (l->b[k - 1] == ' ' || l->b[k - 1] == '\t'))
            k--;
        if (k < 4) return false;
        k -= 4;
    } else if (l->prev != T_IDENT) {
        return false;
    }
    return k + 1 == l->when.at;
}

/* Where a literal starting at `at` sits, filled before it is lexed. */
static void context_before(lexer *l, size_t at, tl_srcctx *c)
{
    memset(c, 0, sizeof(*c));
    c->lang = l->lang->name;
    /* The call: the innermost `(` frame, not past a statement block. */
    for (int d = l->depth - 1; d >= 0; d--) {
        const frame *f = &l->st[d];
        if (f->open == '{' && f->block) {
            if (f->lambda && d == l->depth - 1) c->call = f->lambda;
            break;
        }
        if (f->open == '{' && f->attr) {
            if (d == l->depth - 1) {
                c->prop = f->attr;
                c->flags |= TL_SRC_JSX_ATTR;
            }
            break;
        }
        if (f->open == '(' && !f->call) {
            /* A parenthesized group is part of what holds it:
             * `description=("…" "…")` is the value of `description`. */
            if (!c->prop && f->held) {
                c->prop = f->held;
                c->flags |= TL_SRC_ASSIGN;
            }
            continue;
        }
        if (f->open == '(' || (f->open == '{' && f->call)) {
            c->call = f->call;
            c->arg = f->arg;
            if (f->import) c->flags |= TL_SRC_IMPORT;
            /* label={t("Name")}: the attribute holds the call. */
            if (d > 0 && l->st[d - 1].attr && d == l->depth - 1) {
                c->prop = l->st[d - 1].attr;
                c->flags |= TL_SRC_JSX_ATTR;
            }
            break;
        }
    }
    if (prev_word(l, "from") || prev_word(l, "import") || prev_word(l, "require") ||
        (l->lang->fam == FAM_C && prev_word(l, "include")) ||
        (l->depth && l->st[l->depth - 1].open == '(' && l->st[l->depth - 1].call &&
         (strcmp(l->st[l->depth - 1].call, "require") == 0 ||
          strcmp(l->st[l->depth - 1].call, "import") == 0)))
        c->flags |= TL_SRC_IMPORT;
    for (int d = l->depth - 1; d >= 0 && !c->scope; d--)
        c->scope = l->st[d].scope;
    if (prev_word(l, "return")) c->flags |= TL_SRC_RETURN;
    if (prev_word(l, "case")) c->flags |= TL_SRC_KEY;
    if (prev_word(l, "in") && l->lang->fam == FAM_PY) c->flags |= TL_SRC_COMPARE;
    if (l->prev == T_PUNCT) {
        size_t p = l->prev_at;
        char ch = l->b[p];
        if (ch == ':' && !(p > 0 && l->b[p - 1] == ':') && member_colon(l, p)) {
            /* `key: "…"` (an object or a keyword argument), not a ternary. */
            size_t s = name_before(l, p);
            size_t e = p;
            while (e > s && (l->b[e - 1] == ' ' || l->b[e - 1] == '\t'))
                e--;
            if (e > s) c->prop = dup(l, l->b + s, e - s);
            if (e > 0 && (l->b[e - 1] == '"' || l->b[e - 1] == '\'')) {
                size_t q = e - 1, k = q;
                while (k > 0 && l->b[k - 1] != l->b[q] && l->b[k - 1] != '\n' && q - k < 200)
                    k--;
                if (k > 0 && l->b[k - 1] == l->b[q]) c->prop = dup(l, l->b + k, q - k);
            }
        } else if (ch == '>' && p > 0 && l->b[p - 1] == '=' && l->lang->fam == FAM_PHP) {
            /* `'key' => '…'`: the value of a key. */
            size_t e = p - 1;
            while (e > 0 && (l->b[e - 1] == ' ' || l->b[e - 1] == '\t'))
                e--;
            if (e > 0 && (l->b[e - 1] == '"' || l->b[e - 1] == '\'')) {
                size_t q = e - 1, k = q;
                while (k > 0 && l->b[k - 1] != l->b[q] && l->b[k - 1] != '\n' && q - k < 200)
                    k--;
                if (k > 0) c->prop = dup(l, l->b + k, q - k);
            } else {
                size_t s = name_before(l, e);
                if (e > s) c->prop = dup(l, l->b + s, e - s);
            }
        } else if (ch == '>' && p > 0 && l->b[p - 1] == '-' && l->depth &&
                   l->st[l->depth - 1].when) {
            /* Kotlin: a `when` branch `… -> "…"` is the value of the `when`. */
            c->prop = l->st[l->depth - 1].held;
            c->flags |= l->st[l->depth - 1].hflags;
        } else if (ch == ':' && p > 0 && l->b[p - 1] == '?' && l->lang->fam == FAM_KOTLIN) {
            /* Kotlin: the fallback of `x ?: "…"` is the value of what x is assigned to. */
            size_t q = assignment_before(l, p - 1);
            if (q) assigned_to(l, q, c);
        } else if (ch == '=' || (ch == '|' && l->lang->fam == FAM_JS)) {
            size_t e = p;
            while (e > 0 && (l->b[e - 1] == '=' || l->b[e - 1] == '!'))
                e--;
            size_t run = p + 1 - e;
            bool cmp = run >= 2 || (p > 0 && strchr("<>!", l->b[p - 1]));
            if (ch == '|') {
                /* `type A = "a" | "b"`: a union of literal types. */
                if (l->lang->syntax[0] == 't') c->flags |= TL_SRC_TYPE;
            } else if (cmp) {
                c->flags |= TL_SRC_COMPARE;
            } else {
                size_t s = assigned_to(l, p, c);
                if (s >= 5 && l->lang->syntax[0] == 't') {
                    size_t k = s;
                    while (k > 0 && (l->b[k - 1] == ' ' || l->b[k - 1] == '\t'))
                        k--;
                    if (k >= 4 && memcmp(l->b + k - 4, "type", 4) == 0) c->flags |= TL_SRC_TYPE;
                }
            }
        }
    }
    if (l->lang->fam == FAM_PY && l->stmt_start && l->depth == 0) c->flags |= TL_SRC_DOCSTRING;
    if (l->lang->fam == FAM_RUBY && !c->call) {
        bool paren = false; /* inside parentheses that call nothing: not a command's argument */
        for (int d = l->depth - 1; d >= 0 && !paren; d--)
            paren = l->st[d].open == '(' || l->st[d].open == '[';
        if (!paren) c->call = ruby_command(l, at);
    }
    c->at = at;
}

/* Context seen after the literal ended at l->pos. */
static void context_after(lexer *l, tl_srcctx *c)
{
    size_t i = l->pos;
    while (i < l->len && (l->b[i] == ' ' || l->b[i] == '\t'))
        i++;
    if (i < l->len && l->b[i] == ':' && !(i + 1 < l->len && l->b[i + 1] == ':') && l->depth &&
        l->st[l->depth - 1].open == '{' && !l->st[l->depth - 1].block && !l->st[l->depth - 1].jsx &&
        member_start(l, c->at))
        c->flags |= TL_SRC_KEY;
    if (l->depth && l->st[l->depth - 1].open == '[' && l->st[l->depth - 1].call)
        c->flags |= TL_SRC_KEY; /* a subscript: x["key"] */
    if (l->lang->fam == FAM_PHP && i + 1 < l->len && l->b[i] == '=' && l->b[i + 1] == '>')
        c->flags |= TL_SRC_KEY; /* `'key' => …` */
    if (i + 1 < l->len &&
        ((l->b[i] == '=' && l->b[i + 1] == '=') || (l->b[i] == '!' && l->b[i + 1] == '=')))
        c->flags |= TL_SRC_COMPARE;
    if (l->lang->fam == FAM_PY && i + 2 < l->len && memcmp(l->b + i, "in", 2) == 0 &&
        !id_char((unsigned char)l->b[i + 2]))
        c->flags |= TL_SRC_COMPARE;
    if (c->flags & TL_SRC_DOCSTRING) {
        /* A docstring is alone on its line. */
        if (i < l->len && l->b[i] != '\n' && l->b[i] != '\r' && l->b[i] != '#' && l->b[i] != ';')
            c->flags &= ~(unsigned)TL_SRC_DOCSTRING;
    }
}

static int add_literal(lexer *l, lit *t, const tl_srcctx *c)
{
    tl_segment *seg = tl_doc_add(l->doc, &t->sb, NULL, NULL);
    if (!seg) return oom(l);
    tl_srcctx *cc = tl_arena_alloc(&l->doc->arena, sizeof(*cc));
    if (!cc) return oom(l);
    *cc = *c;
    seg->src = cc;
    seg->skip = "not selected as copy"; /* until lint/select.c decides */
    if (t->nprot) {
        tl_text_range *p = tl_arena_alloc(&l->doc->arena, t->nprot * sizeof(*p));
        if (!p) return oom(l);
        memcpy(p, t->prot, t->nprot * sizeof(*p));
        seg->protect = p;
        seg->nprotect = t->nprot;
        cc->flags |= TL_SRC_TEMPLATE;
    }
    return 0;
}

static void lit_init(lit *t, size_t begin)
{
    memset(t, 0, sizeof(*t));
    tl_segbuild_init(&t->sb);
    t->sb.raw_begin = begin;
    t->run = begin;
}

static void lit_free(lit *t)
{
    tl_segbuild_free(&t->sb);
    free(t->prot);
}

static int protect(lexer *l, lit *t, size_t start, size_t end)
{
    if (t->nprot == t->capprot && tl_array_grow(&t->prot, &t->capprot, sizeof(*t->prot), 4) < 0)
        return oom(l);
    t->prot[t->nprot++] = (tl_text_range){start, end};
    return 0;
}

/* ---- escapes ---------------------------------------------------------- */

/* The code point `cp` stands for b[at, end); returns `end`. */
static long put_cp(lexer *l, lit *t, size_t at, size_t end, uint32_t cp)
{
    char out[4];
    size_t k;
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        memcpy(out, "\xEF\xBF\xBD", 3);
        k = 3;
    } else {
        k = tl_utf8_encode(out, cp);
    }
    return tl_segbuild_atomic(&t->sb, at, end - at, out, k) < 0 ? oom(l) : (long)end;
}

/* `count` hex digits at i (exactly), or -1. */
static long hexn(const lexer *l, size_t i, int count)
{
    long v = 0;
    for (int k = 0; k < count; k++) {
        if (i + (size_t)k >= l->len || tl_hexval(l->b[i + (size_t)k]) < 0) return -1;
        v = v * 16 + tl_hexval(l->b[i + (size_t)k]);
    }
    return v;
}

/* A line break at i: its length (CRLF is 2), or 0. */
static size_t line_break(const lexer *l, size_t i)
{
    if (i >= l->len) return 0;
    if (l->b[i] == '\n') return 1;
    if (l->b[i] == '\r') return i + 1 < l->len && l->b[i + 1] == '\n' ? 2 : 1;
    return 0;
}

/* One escape at l->b[i] == '\\', read by the family's table (esc_of), its
 * letter after the literal's hashes (Swift `\#n`). Appends its decoded text
 * and returns the index after it, or a negative code. `bytes`: a Python
 * bytes literal or a narrow C string, where an escaped value above 0x7F is
 * a raw byte (read as U+FFFD). */
static long escape(lexer *l, lit *t, size_t i, bool bytes)
{
    int fam = l->lang->fam;
    const escapes *x = &esc_of[fam];
    size_t p = i + 1 + t->hashes; /* the letter */
    const char *unknown = x->unknown ? x->unknown : "unknown escape sequence";
    if (p >= l->len) return lerr(l, i, "unterminated string");
    char e = l->b[p];
    size_t lb = line_break(l, p);
    if (lb) {                              /* a continued line decodes to nothing */
        if (!x->splice && x->other == 1) { /* PHP: the backslash stays */
            if (tl_segbuild_literal(&t->sb, i, "\\", 1) < 0) return oom(l);
            return (long)(i + 1);
        }
        if (!x->splice) return lerr(l, i, unknown);
        return (long)(p + lb);
    }
    static const char from[] = "ntrbfvaes\\'\"?$";
    static const char to[] = "\n\t\r\b\f\v\a\x1b \\'\"?$";
    if (e && strchr(x->simple, e) && !(e == '"' && l->heredoc)) {
        char c = to[strchr(from, e) - from];
        if (tl_segbuild_atomic(&t->sb, i, p + 1 - i, &c, 1) < 0) return oom(l);
        return (long)(p + 1);
    }
    if (e == '0' && x->nul) return put_cp(l, t, i, p + 1, 0);
    if (e >= '0' && e <= '7' && x->octal) {
        size_t k = p;
        uint32_t v = 0;
        size_t max = x->octal == 2 ? (e <= '3' ? 3 : 2) : 3;
        while (k < l->len && k < p + max && l->b[k] >= '0' && l->b[k] <= '7')
            v = v * 8 + (uint32_t)(l->b[k++] - '0');
        if (fam == FAM_GO && k != p + 3) return lerr(l, i, "octal escape needs three digits");
        if (fam == FAM_GO && v > 255) return lerr(l, i, "octal escape value above 255");
        if (fam == FAM_PHP) v &= 0xFF; /* `\400` overflows to `\0` */
        if ((bytes || fam == FAM_GO) && v > 0x7F) v = 0xFFFD;
        return put_cp(l, t, i, k, v);
    }
    if (e == 'x' && x->hex) {
        size_t k = p + 1;
        uint32_t v = 0;
        size_t most = x->hex == -1 ? SIZE_MAX : (size_t)(x->hex < 0 ? -x->hex : x->hex);
        while (k < l->len && tl_hexval(l->b[k]) >= 0 && k - (p + 1) < most) {
            if (v <= 0x10FFFF) v = v * 16 + (uint32_t)tl_hexval(l->b[k]);
            k++;
        }
        if (k == p + 1 && fam == FAM_PHP) goto other; /* `\xg` is text */
        if (k == p + 1 || (x->hex > 0 && k != p + 1 + (size_t)x->hex))
            return lerr(l, i, fam == FAM_PY ? "invalid \\xHH escape" : "invalid \\x escape");
        if ((bytes || fam == FAM_GO) && v > 0x7F) v = 0xFFFD; /* a raw byte */
        return put_cp(l, t, i, k, v);
    }
    if ((e == 'u' && (x->u4 || x->ubrace) && !(bytes && fam == FAM_PY)) ||
        (e == 'U' && x->u8 && !(bytes && fam == FAM_PY))) {
        if (x->ubrace && e == 'u' && p + 1 < l->len && l->b[p + 1] == '{') {
            size_t k = p + 2;
            uint32_t cp = 0;
            while (k < l->len && tl_hexval(l->b[k]) >= 0 && cp <= 0x10FFFF &&
                   (x->ubrace < 0 || k - (p + 2) < (size_t)x->ubrace))
                cp = cp * 16 + (uint32_t)tl_hexval(l->b[k++]);
            if (k == p + 2 || k >= l->len || l->b[k] != '}' || cp > 0x10FFFF ||
                (x->ubrace > 0 && cp >= 0xD800 && cp <= 0xDFFF))
                return lerr(l, i, "invalid \\u{…} escape");
            return put_cp(l, t, i, k + 1, cp);
        }
        if (!x->u4) goto other; /* PHP: `\u0041` is text */
        size_t h = p + 1;
        while (x->uu && h < l->len && l->b[h] == 'u') /* Java: \uuuu0041 */
            h++;
        int n = e == 'u' ? 4 : 8;
        long v = hexn(l, h, n);
        if (v < 0) return lerr(l, i, e == 'u' ? "invalid \\uXXXX escape" : "invalid \\U escape");
        size_t end = h + (size_t)n;
        uint32_t cp = (uint32_t)v;
        if (cp >= 0xD800 && cp <= 0xDBFF && (fam == FAM_JS || fam == FAM_JAVA) &&
            end + 6 <= l->len && l->b[end] == '\\' && l->b[end + 1] == 'u') {
            size_t h2 = end + 2;
            while (x->uu && h2 < l->len && l->b[h2] == 'u')
                h2++;
            long lo = hexn(l, h2, 4);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (uint32_t)(lo - 0xDC00);
                end = h2 + 4;
            }
        }
        if (fam == FAM_GO && (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)))
            return lerr(l, i, "escape is an invalid Unicode code point");
        if ((fam == FAM_PY || fam == FAM_C) && cp > 0x10FFFF)
            return lerr(l, i, "illegal Unicode character");
        return put_cp(l, t, i, end, cp);
    }
other:
    if (x->other == 0) return lerr(l, i, unknown);
    if (x->other == 1) { /* the backslash stays */
        if (tl_segbuild_literal(&t->sb, i, "\\", 1) < 0) return oom(l);
        return (long)(i + 1);
    }
    /* JavaScript and C: `\q` is `q`. */
    size_t n = 1;
    if ((unsigned char)e >= 0x80) {
        n = 0;
        while (p + n < l->len && n < 4 && (n == 0 || ((unsigned char)l->b[p + n] & 0xC0) == 0x80))
            n++;
    }
    if (tl_segbuild_atomic(&t->sb, i, p + n - i, l->b + p, n) < 0) return oom(l);
    return (long)(p + n);
}

/* Text b[from, to) into the literal, with line breaks read as LF. */
static int text_run(lexer *l, lit *t, size_t from, size_t to, bool drop_cr)
{
    size_t run = from;
    for (size_t i = from; i < to; i++) {
        if (l->b[i] != '\r') continue;
        if (i > run && tl_segbuild_utf8(&t->sb, run, l->b + run, i - run) < 0) return oom(l);
        bool crlf = i + 1 < to && l->b[i + 1] == '\n';
        if (drop_cr) {
            run = i + 1;
            continue;
        }
        if (tl_segbuild_atomic(&t->sb, i, crlf ? 2 : 1, "\n", 1) < 0) return oom(l);
        if (crlf) i++;
        run = i + 1;
    }
    if (to > run && tl_segbuild_utf8(&t->sb, run, l->b + run, to - run) < 0) return oom(l);
    return 0;
}

/* The steps every string lexer takes: its text is read from t->run up to
 * something that is not text as written (an escape, an interpolation, a
 * doubled quote), which is appended by one of the take_* helpers below;
 * each returns the index after what it took (a negative code on error) and
 * leaves t->run there. */

/* Appends the text b[t->run, to) (line breaks as LF); the text not yet
 * appended starts at `to` then. */
static int flush(lexer *l, lit *t, size_t to)
{
    size_t from = t->run;
    t->run = to;
    return text_run(l, t, from, to, false);
}

/* An escape at b[i] == '\\', decoded by the family's table (escape()). */
static long take_escape(lexer *l, lit *t, size_t i, bool bytes)
{
    int rc = flush(l, t, i);
    if (rc < 0) return rc;
    long r = escape(l, t, i, bytes);
    if (r >= 0) t->run = (size_t)r;
    return r;
}

/* b[i, i + n) stands for the one character `ch` (`{{`, `""`, `\'`, a line
 * break). */
static long take_char(lexer *l, lit *t, size_t i, size_t n, char ch)
{
    int rc = flush(l, t, i);
    if (rc < 0) return rc;
    if (tl_segbuild_atomic(&t->sb, i, n, &ch, 1) < 0) return oom(l);
    t->run = i + n;
    return (long)(i + n);
}

/* b[i, e) is a placeholder: kept as written and masked. */
static long take_masked(lexer *l, lit *t, size_t i, size_t e)
{
    int rc = flush(l, t, i);
    if (rc < 0) return rc;
    size_t at = t->sb.text.len;
    if ((rc = flush(l, t, e)) < 0) return rc;
    if ((rc = protect(l, t, at, t->sb.text.len)) < 0) return rc;
    return (long)e;
}

/* Moves *i past what a take_* helper returned `r` for, or past one byte of
 * text when it took nothing: 0, or r's error code. */
static int step(long r, size_t *i)
{
    if (r < 0) return (int)r;
    *i = (size_t)r > *i ? (size_t)r : *i + 1;
    return 0;
}

/* The literal ends: its source runs to b[after] (l->pos is left there), the
 * context after it is read and it joins the document. */
static int finish(lexer *l, lit *t, size_t after, tl_srcctx *c)
{
    l->pos = after;
    context_after(l, c);
    return add_literal(l, t, c);
}

/* ---- the code lexer ---------------------------------------------------- */

static int code(lexer *l, char close);

static int push(lexer *l, char open, const char *call)
{
    if (l->depth >= MAX_DEPTH) return lerr(l, l->pos, "brackets nested too deep");
    frame *f = &l->st[l->depth++];
    memset(f, 0, sizeof(*f));
    f->open = open;
    f->call = call;
    return 0;
}

/* An interpolation of the literal `t` written from b[i], its code from
 * b[body] (after `${` `#{` `\(` or C#'s `{`) lexed in turn to the bracket
 * closing `open`: its source becomes a placeholder. Returns the index after
 * it, where l->pos is left too. (The token before the literal is not
 * restored: the caller sets it to the literal once that ends.) */
static long hole(lexer *l, lit *t, size_t i, size_t body, char open)
{
    int rc = flush(l, t, i);
    if (rc < 0) return rc;
    l->pos = body;
    set_prev(l, T_PUNCT, body - 1, body);
    if ((rc = push(l, open, NULL)) < 0) return rc;
    if (l->lang->fam == FAM_CS) l->cs_hole = l->depth;
    if ((rc = code(l, open == '(' ? ')' : '}')) < 0) return rc;
    return take_masked(l, t, i, l->pos);
}

static size_t kt_var(const lexer *l, size_t i);
static size_t ruby_var(const lexer *l, size_t i);
static size_t php_var(const lexer *l, size_t i);

/* How a family interpolates in "…" strings (see take_interp()). */
typedef struct interps {
    const char *hole; /* opens code lexed in turn to its `}`: `${` `#{` */
    /* A variable written without braces at b[i] (Kotlin `$name`, Ruby
     * `#@x`, PHP `$x` `{$x}`): its end, or i when b[i] is text. */
    size_t (*var)(const lexer *l, size_t i);
} interps;

static const interps interp_of[FAM_SWIFT + 1] = {
    [FAM_JS] = {"${", NULL},
    [FAM_RUBY] = {"#{", ruby_var},
    [FAM_KOTLIN] = {"${", kt_var},
    [FAM_PHP] = {NULL, php_var},
};

/* An interpolation at b[i] of the family's shape (interp_of), in a string
 * whose text ends at b[to]: a hole or a variable, a placeholder either way.
 * Returns the index after it, or i when b[i] is text. */
static long take_interp(lexer *l, lit *t, size_t i, size_t to)
{
    const interps *x = &interp_of[l->lang->fam];
    size_t n = x->hole ? strlen(x->hole) : 0;
    if (n && i + n <= l->len && memcmp(l->b + i, x->hole, n) == 0) return hole(l, t, i, i + n, '{');
    size_t e = x->var ? x->var(l, i) : i;
    if (e == i) return (long)i;
    /* PHP: a `{$…}` of a heredoc line that its line break does not end */
    if (e > to) return lerr(l, i, "unterminated interpolation `{$…}`");
    return take_masked(l, t, i, e);
}

/* An escape (when `esc`) or an interpolation at b[i]: see take_escape() and
 * take_interp(). Returns the index after it, or i when b[i] is text. */
static long take_special(lexer *l, lit *t, size_t i, size_t to, bool esc)
{
    if (l->b[i] == '\\') return esc ? take_escape(l, t, i, false) : (long)i;
    return take_interp(l, t, i, to);
}

/* A simple quoted string: JS '…' "…", Go "…", Python short strings. */
static int quoted(lexer *l, size_t open, char q, bool raw, bool bytes, tl_srcctx *c)
{
    size_t i = open + 1;
    lit t;
    lit_init(&t, i);
    int rc = 0;
    for (;;) {
        if (i >= l->len || l->b[i] == '\n' || l->b[i] == '\r') {
            if (l->lang->fam == FAM_C) { /* as C's preprocessor: text to the end of the line */
                l->pos = i;
                goto done;
            }
            rc = lerr(l, open, "unterminated string");
            goto done;
        }
        char ch = l->b[i];
        if (ch == q) break;
        if (ch == '\\' && raw) {
            /* A raw string keeps its backslashes; `\'` does not end it. */
            size_t lb = line_break(l, i + 1);
            i += lb ? 1 + lb : i + 1 < l->len && (l->b[i + 1] == q || l->b[i + 1] == '\\') ? 2 : 1;
            continue;
        }
        long r = ch == '\\' ? take_escape(l, &t, i, bytes) : (long)i;
        if ((rc = step(r, &i)) < 0) goto done;
    }
    if ((rc = flush(l, &t, i)) == 0) rc = finish(l, &t, i + 1, c);
done:
    lit_free(&t);
    return rc;
}

/* A JavaScript template literal at l->pos (the backquote). */
static int template(lexer *l, tl_srcctx *c)
{
    size_t open = l->pos, i = open + 1;
    if (++l->nest > MAX_NEST) return lerr(l, open, "template literals nested too deep");
    lit t;
    lit_init(&t, i);
    int rc = 0;
    for (;;) {
        if (i >= l->len) {
            rc = lerr(l, open, "unterminated template literal");
            goto done;
        }
        if (l->b[i] == '`') break;
        if ((rc = step(take_special(l, &t, i, l->len, true), &i)) < 0) goto done;
    }
    if ((rc = flush(l, &t, i)) == 0) rc = finish(l, &t, i + 1, c);
done:
    l->nest--;
    lit_free(&t);
    return rc;
}

/* A regular expression literal at l->pos (the slash): skipped. */
static int regex(lexer *l)
{
    size_t open = l->pos, i = open + 1;
    bool cls = false;
    for (;;) {
        if (i >= l->len || l->b[i] == '\n' || l->b[i] == '\r')
            return lerr(l, open, "unterminated regular expression");
        char ch = l->b[i];
        if (ch == '\\') {
            i += 2;
            continue;
        }
        if (ch == '[') cls = true;
        if (ch == ']') cls = false;
        if (ch == '/' && !cls) break;
        i++;
    }
    i++;
    while (i < l->len && id_char((unsigned char)l->b[i]))
        i++;
    set_prev(l, T_VALUE, open, i);
    l->pos = i;
    return 0;
}

/* Skip a comment at l->pos if there is one; 1 when skipped. */
static int comment(lexer *l)
{
    size_t p = l->pos;
    const char *b = l->b;
    bool hash = b[p] == '#' && (l->lang->fam == FAM_PY || l->lang->fam == FAM_RUBY ||
                                (l->lang->fam == FAM_PHP && !(p + 1 < l->len && b[p + 1] == '[')));
    if (hash || (l->lang->fam != FAM_PY && l->lang->fam != FAM_RUBY && b[p] == '/' &&
                 p + 1 < l->len && b[p + 1] == '/')) {
        size_t a = p + (b[p] == '#' ? 1 : 2), e = a;
        for (;; e++) {
            while (e < l->len && b[e] != '\n' && b[e] != '\r' &&
                   !(l->lang->fam == FAM_PHP && b[e] == '?' && e + 1 < l->len && b[e + 1] == '>'))
                e++;
            /* C: a backslash at the end of the line continues the comment. */
            if (l->lang->fam != FAM_C || e == a || b[e - 1] != '\\' || e >= l->len) break;
            e += line_break(l, e) - 1;
        }
        if (tl_doc_scan_comment(l->doc, b + a, e - a, p) < 0) return oom(l);
        l->pos = e;
        return 1;
    }
    if (l->lang->fam == FAM_RUBY && (p == 0 || b[p - 1] == '\n') && p + 6 <= l->len &&
        memcmp(b + p, "=begin", 6) == 0 && (p + 6 == l->len || isspace((unsigned char)b[p + 6]))) {
        size_t e = p;
        for (;;) { /* to the line starting with =end */
            while (e < l->len && b[e] != '\n')
                e++;
            if (e >= l->len) return lerr(l, p, "unterminated comment (missing `=end`)");
            e++;
            if (e + 4 <= l->len && memcmp(b + e, "=end", 4) == 0 &&
                (e + 4 == l->len || isspace((unsigned char)b[e + 4])))
                break;
        }
        while (e < l->len && b[e] != '\n')
            e++;
        if (tl_doc_scan_comment(l->doc, b + p + 6, e - p - 6, p) < 0) return oom(l);
        l->pos = e;
        return 1;
    }
    if (l->lang->fam != FAM_PY && l->lang->fam != FAM_RUBY && b[p] == '/' && p + 1 < l->len &&
        b[p + 1] == '*') {
        size_t end;
        if (l->lang->fam == FAM_KOTLIN || l->lang->fam == FAM_SWIFT) { /* comments nest */
            int d = 1;
            for (end = p + 2; end + 1 < l->len; end++) {
                if (b[end] == '/' && b[end + 1] == '*')
                    d++, end++;
                else if (b[end] == '*' && b[end + 1] == '/' && --d == 0)
                    break;
            }
            if (d) return lerr(l, p, "unterminated comment (missing `*/`)");
        } else {
            const char *e = p + 2 < l->len ? memmem(b + p + 2, l->len - p - 2, "*/", 2) : NULL;
            if (!e) return lerr(l, p, "unterminated comment (missing `*/`)");
            end = (size_t)(e - b);
        }
        if (tl_doc_scan_comment(l->doc, b + p + 2, end - p - 2, p) < 0) return oom(l);
        l->pos = end + 2;
        return 1;
    }
    return 0;
}

/* Python: a string prefix (r u b f, any case, up to two letters) followed by a
 * quote at l->pos. Returns the prefix length, or -1. */
static int py_prefix(const lexer *l, bool *raw, bool *bytes, bool *fmt)
{
    size_t i = l->pos;
    *raw = *bytes = *fmt = false;
    while (i < l->len && i - l->pos < 3 && strchr("rRbBuUfF", l->b[i]) && l->b[i]) {
        char c = (char)tolower((unsigned char)l->b[i]);
        *raw |= c == 'r';
        *bytes |= c == 'b';
        *fmt |= c == 'f';
        i++;
    }
    if (i < l->len && (l->b[i] == '\'' || l->b[i] == '"')) return (int)(i - l->pos);
    return -1;
}

/* A Python string at l->pos (after its prefix of `plen` bytes). */
static int py_string(lexer *l, int plen, bool raw, bool bytes, bool fmt, tl_srcctx *c)
{
    size_t open = l->pos + (size_t)plen;
    char q = l->b[open];
    bool triple = open + 2 < l->len && l->b[open + 1] == q && l->b[open + 2] == q;
    if (!triple && !fmt) return quoted(l, open, q, raw, bytes, c);
    size_t qlen = triple ? 3 : 1;
    size_t i = open + qlen;
    if (++l->nest > MAX_NEST) return lerr(l, open, "f-strings nested too deep");
    lit t;
    lit_init(&t, i);
    int rc = 0;
    for (;;) {
        if (i >= l->len || (!triple && (l->b[i] == '\n' || l->b[i] == '\r'))) {
            rc = lerr(l, l->pos,
                      triple ? "unterminated triple-quoted string" : "unterminated string");
            goto done;
        }
        char ch = l->b[i];
        if (ch == q && (!triple || (i + 2 < l->len && l->b[i + 1] == q && l->b[i + 2] == q))) break;
        if (ch == '\\' && raw) {
            i += i + 1 < l->len && l->b[i + 1] != '\n' && l->b[i + 1] != '\r' ? 2 : 1;
            continue;
        }
        long r = (long)i;
        if (ch == '\\') {
            r = take_escape(l, &t, i, bytes);
        } else if (fmt && (ch == '{' || ch == '}') && i + 1 < l->len && l->b[i + 1] == ch) {
            r = take_char(l, &t, i, 2, ch);
        } else if (fmt && ch == '{') {
            /* A replacement field: skip to its `}` over brackets and strings. */
            size_t f = i + 1;
            int d = 1;
            while (f < l->len && d > 0) {
                char x = l->b[f];
                if (x == '{' || x == '[' || x == '(')
                    d++;
                else if (x == '}' || x == ']' || x == ')')
                    d--;
                else if ((x == '\'' || x == '"') && x != q) {
                    size_t k = f + 1;
                    while (k < l->len && l->b[k] != x && l->b[k] != '\n')
                        k++;
                    f = k;
                } else if (!triple && (x == '\n' || x == '\r')) {
                    break;
                } else if (x == q && !triple) {
                    break;
                }
                f++;
            }
            r = d > 0 ? lerr(l, i, "f-string: expecting `}`") : take_masked(l, &t, i, f);
        } /* a lone `}` is an error in Python; read as text */
        if ((rc = step(r, &i)) < 0) goto done;
    }
    if ((rc = flush(l, &t, i)) == 0) rc = finish(l, &t, i + qlen, c);
done:
    l->nest--;
    lit_free(&t);
    return rc;
}

/* Go raw string at l->pos. */
static int go_raw(lexer *l, tl_srcctx *c)
{
    size_t open = l->pos;
    const char *e = open + 1 < l->len ? memchr(l->b + open + 1, '`', l->len - open - 1) : NULL;
    if (!e) return lerr(l, open, "unterminated raw string");
    size_t end = (size_t)(e - l->b);
    lit t;
    lit_init(&t, open + 1);
    int rc = text_run(l, &t, open + 1, end, true);
    if (rc == 0) rc = finish(l, &t, end + 1, c);
    lit_free(&t);
    return rc;
}

/* Go rune literal at l->pos: skipped. */
static int go_rune(lexer *l)
{
    size_t i = l->pos + 1;
    while (i < l->len && l->b[i] != '\'' && l->b[i] != '\n')
        i += l->b[i] == '\\' ? 2 : 1;
    if (i >= l->len || l->b[i] != '\'') return lerr(l, l->pos, "unterminated rune literal");
    set_prev(l, T_VALUE, l->pos, i + 1);
    l->pos = i + 1;
    return 0;
}

/* ---- C, C++ and Java ---------------------------------------------------- */

/* A character literal at b[open] (C, Java): skipped. In C one that does not
 * end on its line runs to the end of it, as the preprocessor reads it
 * (`#error don't`). */
static int char_lit(lexer *l, size_t start, size_t open)
{
    size_t i = open + 1;
    while (i < l->len && l->b[i] != '\'' && l->b[i] != '\n' && l->b[i] != '\r')
        i += l->b[i] == '\\' && i + 1 < l->len && !line_break(l, i + 1) ? 2 : 1;
    if (i >= l->len || l->b[i] != '\'') {
        if (l->lang->fam != FAM_C) return lerr(l, open, "unterminated character literal");
        l->pos = i < l->len ? i : l->len;
    } else {
        l->pos = i + 1;
    }
    set_prev(l, T_VALUE, start, l->pos);
    return 0;
}

/* C: the encoding prefix (L u U u8, then R in C++) of a string or character
 * literal at l->pos: its length, or -1. */
static int c_prefix(const lexer *l, bool *raw, bool *wide)
{
    size_t i = l->pos;
    const char *b = l->b;
    *raw = *wide = false;
    if (b[i] == 'u' && i + 1 < l->len && b[i + 1] == '8') {
        i += 2;
    } else if (b[i] == 'L' || b[i] == 'u' || b[i] == 'U') {
        i++;
        *wide = true;
    }
    if (l->lang->cxx && i < l->len && b[i] == 'R') {
        i++;
        *raw = true;
    }
    if (i < l->len && (b[i] == '"' || (b[i] == '\'' && !*raw))) return (int)(i - l->pos);
    return -1;
}

/* A C++ raw string R"d(…)d" whose quote is at b[open]: nothing decoded. */
static int c_raw(lexer *l, size_t open, tl_srcctx *c)
{
    size_t d = open + 1, k = d;
    while (k < l->len && k - d <= 16 && !strchr(" ()\\\t\v\f\n\r\"", l->b[k]))
        k++;
    if (k >= l->len || l->b[k] != '(' || k - d > 16)
        return lerr(l, open, "invalid raw string delimiter");
    size_t dl = k - d, s = k + 1, end = s;
    for (;; end++) {
        if (end + dl + 1 >= l->len) return lerr(l, open, "unterminated raw string");
        if (l->b[end] == ')' && memcmp(l->b + end + 1, l->b + d, dl) == 0 &&
            l->b[end + 1 + dl] == '"')
            break;
    }
    lit t;
    lit_init(&t, s);
    int rc = flush(l, &t, end);
    if (rc == 0) rc = finish(l, &t, end + dl + 2, c);
    lit_free(&t);
    return rc;
}

static bool blank_char(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\f';
}

/* Java text block b[from, to) of one line, its incidental indentation and
 * trailing blanks gone: escapes decoded. Returns 1 when the line ends in
 * `\` (the line break is dropped), 0, or a negative code. */
static int tb_line(lexer *l, lit *t, size_t from, size_t to)
{
    t->run = from;
    for (size_t i = from; i < to;) {
        if (l->b[i] != '\\') {
            i++;
            continue;
        }
        if (i + 1 == to) {
            int rc = flush(l, t, i);
            return rc < 0 ? rc : 1;
        }
        long r = take_escape(l, t, i, false);
        if (r < 0) return (int)r;
        i = (size_t)r;
    }
    return flush(l, t, to);
}

/* A Java text block """…""" at b[open], read as javac does: the line
 * break after the opening quotes starts it, the indentation common to its
 * lines (and the closing line) and trailing blanks are removed, then
 * escapes are decoded (`\<line break>` joins lines). */
static int text_block(lexer *l, size_t open, tl_srcctx *c)
{
    size_t i = open + 3;
    while (i < l->len && blank_char(l->b[i]))
        i++;
    size_t lb = line_break(l, i);
    if (!lb) return lerr(l, open, "a text block starts with a line break after `\"\"\"`");
    size_t start = i + lb, end = start;
    for (;;) {
        if (end + 2 >= l->len) return lerr(l, open, "unterminated text block");
        if (l->b[end] == '\\') {
            end += 2;
            continue;
        }
        if (l->b[end] == '"' && l->b[end + 1] == '"' && l->b[end + 2] == '"') break;
        end++;
    }
    /* The indentation to remove: the least of the lines with text and the
     * closing line. */
    size_t minind = SIZE_MAX;
    for (size_t s = start;;) {
        size_t e = s;
        while (e < end && l->b[e] != '\n' && l->b[e] != '\r')
            e++;
        size_t k = s;
        while (k < e && blank_char(l->b[k]))
            k++;
        if ((k < e || e == end) && k - s < minind) minind = k - s;
        if (e == end) break;
        s = e + line_break(l, e);
    }
    lit t;
    lit_init(&t, start);
    int rc = 0;
    for (size_t s = start;;) {
        size_t e = s;
        while (e < end && l->b[e] != '\n' && l->b[e] != '\r')
            e++;
        size_t z = e;
        while (z > s && blank_char(l->b[z - 1]))
            z--;
        int joined = 0;
        if (z > s && (joined = tb_line(l, &t, s + minind, z)) < 0) {
            rc = joined;
            goto done;
        }
        if (e == end) break;
        size_t n = line_break(l, e);
        if (!joined && tl_segbuild_atomic(&t.sb, e, n, "\n", 1) < 0) {
            rc = oom(l);
            goto done;
        }
        s = e + n;
    }
    rc = finish(l, &t, end + 3, c);
done:
    lit_free(&t);
    return rc;
}

/* ---- PHP --------------------------------------------------------------- */

/* Past the next `<?php` or `<?=` at or after `from` (text outside them is
 * output, not code), or the end. */
static size_t php_open(const lexer *l, size_t from)
{
    for (size_t i = from; i + 1 < l->len; i++) {
        if (l->b[i] != '<' || l->b[i + 1] != '?') continue;
        if (i + 2 < l->len && l->b[i + 2] == '=') return i + 3;
        if (i + 5 <= l->len && strncasecmp(l->b + i + 2, "php", 3) == 0 &&
            (i + 5 == l->len || isspace((unsigned char)l->b[i + 5])))
            return i + 5 + (i + 5 < l->len);
    }
    return l->len;
}

/* An interpolation at b[i] == '$' in a double-quoted string or heredoc:
 * its end, or i when the `$` is text. `{$…}` starts at the brace. */
static size_t php_interp(const lexer *l, size_t i)
{
    const char *b = l->b;
    size_t k;
    if (b[i] == '{' || (b[i] == '$' && i + 1 < l->len && b[i + 1] == '{')) {
        int d = 0;
        for (k = b[i] == '{' ? i : i + 1; k < l->len; k++) {
            if (b[k] == '{') d++;
            if (b[k] == '}' && --d == 0) return k + 1;
            if (b[k] == '\'' || b[k] == '"') { /* a string inside the expression */
                char q = b[k];
                for (k++; k < l->len && b[k] != q; k++)
                    if (b[k] == '\\') k++;
            }
        }
        return l->len;
    }
    if (i + 1 >= l->len ||
        !(isalpha((unsigned char)b[i + 1]) || b[i + 1] == '_' || (unsigned char)b[i + 1] >= 0x80))
        return i;
    k = i + 2;
    while (k < l->len &&
           (isalnum((unsigned char)b[k]) || b[k] == '_' || (unsigned char)b[k] >= 0x80))
        k++;
    if (k < l->len && b[k] == '[') { /* one subscript: $a[0], $a[key], $a[$i], $a[-1] */
        size_t e = k + 1;
        while (e < l->len && b[e] != ']' && b[e] != '\n' && b[e] != '"' && e - k < 256)
            e++;
        if (e < l->len && b[e] == ']') return e + 1;
    } else if (k + 2 < l->len &&
               ((b[k] == '-' && b[k + 1] == '>') ||
                (b[k] == '?' && b[k + 1] == '-' && k + 3 < l->len && b[k + 2] == '>'))) {
        size_t e = k + (b[k] == '?' ? 3 : 2);
        if (e < l->len &&
            (isalpha((unsigned char)b[e]) || b[e] == '_' || (unsigned char)b[e] >= 0x80)) {
            while (e < l->len &&
                   (isalnum((unsigned char)b[e]) || b[e] == '_' || (unsigned char)b[e] >= 0x80))
                e++;
            return e;
        }
    }
    return k;
}

/* PHP: an interpolation `$x` `{$…}` `${…}` at b[i]: its end, or i. */
static size_t php_var(const lexer *l, size_t i)
{
    if (l->b[i] == '$' || (l->b[i] == '{' && i + 1 < l->len && l->b[i + 1] == '$'))
        return php_interp(l, i);
    return i;
}

/* Text b[t->run, to) of a quoted string or heredoc line into the literal:
 * escapes decoded (in '…' only \\ and \'), interpolations kept as written
 * and masked. */
static int php_run(lexer *l, lit *t, size_t to, bool single)
{
    for (size_t i = t->run; i < to;) {
        char ch = l->b[i];
        long r = (long)i;
        if (ch == '\\' && i + 1 < to && single) {
            if (l->b[i + 1] == '\\' || l->b[i + 1] == '\'') r = take_char(l, t, i, 2, l->b[i + 1]);
        } else if (ch == '\\' && i + 1 < to) {
            r = take_escape(l, t, i, true);
        } else if (!single) {
            r = take_interp(l, t, i, to);
        }
        if (r == (long)i && (ch == '\r' || ch == '\n'))
            r = take_char(l, t, i, line_break(l, i), '\n');
        int rc = step(r, &i);
        if (rc < 0) return rc;
    }
    return flush(l, t, to);
}

/* A PHP '…' or "…" string whose quote is at b[open]. */
static int php_string(lexer *l, size_t open, tl_srcctx *c)
{
    char q = l->b[open];
    size_t i = open + 1;
    for (;; i++) {
        if (i >= l->len) return lerr(l, open, "unterminated string");
        if (l->b[i] == '\\') {
            i++;
            continue;
        }
        if (l->b[i] == q) break;
        if (q == '"' && (l->b[i] == '$' || l->b[i] == '{')) {
            size_t e = php_interp(l, i);
            if (e > i + 1) i = e - 1;
        }
    }
    lit t;
    lit_init(&t, open + 1);
    int rc = php_run(l, &t, i, q == '\'');
    if (rc == 0) rc = finish(l, &t, i + 1, c);
    lit_free(&t);
    return rc;
}

/* A heredoc or nowdoc at b[open] == `<<<`, read as PHP 7.3 and later do:
 * the body ends at a line holding the label (indented or not, code may
 * follow it), whose indentation is removed from every line; the line
 * break before it is not part of the text. */
static int php_heredoc(lexer *l, size_t open, tl_srcctx *c)
{
    const char *b = l->b;
    size_t i = open + 3;
    while (i < l->len && (b[i] == ' ' || b[i] == '\t'))
        i++;
    char q = i < l->len && (b[i] == '\'' || b[i] == '"') ? b[i] : 0;
    if (q) i++;
    size_t ls = i;
    while (i < l->len &&
           (isalnum((unsigned char)b[i]) || b[i] == '_' || (unsigned char)b[i] >= 0x80))
        i++;
    size_t ll = i - ls;
    if (!ll || (q && (i >= l->len || b[i] != q))) return lerr(l, open, "invalid heredoc label");
    if (q) i++;
    size_t lb = line_break(l, i);
    if (!lb) return lerr(l, open, "a heredoc label ends its line");
    size_t start = i + lb, s = start, close = 0, indent = 0;
    for (;;) { /* find the closing line */
        size_t k = s;
        while (k < l->len && (b[k] == ' ' || b[k] == '\t'))
            k++;
        if (k + ll <= l->len && memcmp(b + k, b + ls, ll) == 0 &&
            (k + ll == l->len || !(isalnum((unsigned char)b[k + ll]) || b[k + ll] == '_' ||
                                   (unsigned char)b[k + ll] >= 0x80))) {
            close = s;
            indent = k - s;
            break;
        }
        while (s < l->len && b[s] != '\n' && b[s] != '\r')
            s++;
        if (s >= l->len) return lerr(l, open, "unterminated heredoc");
        s += line_break(l, s);
    }
    size_t first = start; /* where an empty text sits: past the indentation */
    while (first - start < indent && (b[first] == ' ' || b[first] == '\t'))
        first++;
    lit t;
    lit_init(&t, first);
    int rc = 0;
    bool nowdoc = q == '\'';
    l->heredoc = true;
    for (s = start; s < close;) {
        size_t e = s;
        while (e < close && b[e] != '\n' && b[e] != '\r')
            e++;
        t.run = s;
        while (t.run < e && t.run - s < indent && (b[t.run] == ' ' || b[t.run] == '\t'))
            t.run++;
        if ((rc = nowdoc ? flush(l, &t, e) : php_run(l, &t, e, false)) < 0) goto done;
        size_t n = line_break(l, e);
        if (e + n < close && tl_segbuild_atomic(&t.sb, e, n, "\n", 1) < 0) {
            rc = oom(l);
            goto done;
        }
        s = e + n;
    }
    rc = finish(l, &t, close + indent + ll, c);
done:
    l->heredoc = false;
    lit_free(&t);
    return rc;
}

/* ---- Ruby -------------------------------------------------------------- */

static bool expr_position(const lexer *l);

/* The closing delimiter of a %-literal or 0. */
static char closing_of(char open)
{
    return open == '(' ? ')' : open == '[' ? ']' : open == '{' ? '}' : open == '<' ? '>' : open;
}

/* A Ruby string body from b[from] to its closing `close` (nesting `open`
 * when it differs): `interp` decodes escapes and masks #{…} (lexed in turn),
 * #@x and #$x; otherwise only `\\` and an escaped delimiter are escapes.
 * `emit`: a literal (else a command, a regex or a word list, skipped). */
static int ruby_str(lexer *l, size_t open_at, size_t from, char open, char close, bool interp,
                    bool emit, tl_srcctx *c)
{
    size_t i = from;
    int depth = 0, rc = 0;
    if (++l->nest > MAX_NEST) return lerr(l, open_at, "strings nested too deep");
    lit t;
    lit_init(&t, from);
    for (;;) {
        if (i >= l->len) {
            rc = lerr(l, open_at, "unterminated string");
            goto done;
        }
        char ch = l->b[i];
        if (ch == close && depth == 0) break;
        if (open != close && ch == open) depth++;
        if (open != close && ch == close) depth--;
        long r = (long)i;
        if (ch == '\\' && i + 1 < l->len) {
            char e = l->b[i + 1];
            if (e == close || e == open || (e == '\\' && !interp))
                r = take_char(l, &t, i, 2, e); /* an escaped delimiter: `%Q(\))` */
            else if (interp)
                r = take_escape(l, &t, i, false);
            else
                r = (long)i + 2; /* the backslash stays */
        } else if (interp) {
            r = take_interp(l, &t, i, l->len);
        }
        if ((rc = step(r, &i)) < 0) goto done;
    }
    if ((rc = flush(l, &t, i)) < 0) goto done;
    if (emit)
        rc = finish(l, &t, i + 1, c);
    else
        l->pos = i + 1;
done:
    l->nest--;
    lit_free(&t);
    return rc;
}

/* Ruby: an interpolated variable `#@x` `#@@x` `#$x` at b[i]: its end, or i. */
static size_t ruby_var(const lexer *l, size_t i)
{
    if (l->b[i] != '#' || i + 2 >= l->len || (l->b[i + 1] != '@' && l->b[i + 1] != '$')) return i;
    size_t k = i + 2;
    if (l->b[k] == '@') k++;
    if (k >= l->len || !id_start((unsigned char)l->b[k])) return i;
    while (k < l->len && id_char((unsigned char)l->b[k]))
        k++;
    return k;
}

/* Columns of leading blanks (a tab to the next multiple of 8) and their bytes. */
static size_t ruby_indent(const lexer *l, size_t s, size_t e, size_t *bytes)
{
    size_t col = 0, k = s;
    while (k < e && (l->b[k] == ' ' || l->b[k] == '\t')) {
        col = l->b[k] == '\t' ? (col / 8 + 1) * 8 : col + 1;
        k++;
    }
    if (bytes) *bytes = k - s;
    return col;
}

/* The bodies of the heredocs opened on the line that ended at b[from - 1]:
 * each one's lines up to its label, `<<~` without their common
 * indentation. Returns 0 with l->pos after the last body. */
static int ruby_bodies(lexer *l, size_t from)
{
    struct pending p[8];
    int n = l->npend;
    memcpy(p, l->pend, sizeof(p));
    l->npend = 0;
    size_t s = from;
    for (int h = 0; h < n; h++) {
        const char *label = l->b + p[h].label;
        size_t ll = p[h].llen, start = s, close = s;
        for (;;) { /* the label's line */
            if (close >= l->len) return lerr(l, p[h].label, "unterminated heredoc");
            size_t e = close;
            while (e < l->len && l->b[e] != '\n' && l->b[e] != '\r')
                e++;
            size_t k = close;
            if (p[h].kind)
                while (k < e && (l->b[k] == ' ' || l->b[k] == '\t'))
                    k++;
            size_t z = e;
            while (z > k && (l->b[z - 1] == ' ' || l->b[z - 1] == '\t'))
                z--;
            if (z - k == ll && memcmp(l->b + k, label, ll) == 0) break;
            close = e + line_break(l, e);
            if (e >= l->len) close = l->len;
        }
        size_t indent = SIZE_MAX;
        if (p[h].kind == '~')
            for (size_t a = start; a < close;) {
                size_t e = a;
                while (e < close && l->b[e] != '\n' && l->b[e] != '\r')
                    e++;
                size_t nb, col = ruby_indent(l, a, e, &nb);
                if (a + nb < e && col < indent) indent = col;
                a = e + line_break(l, e);
            }
        if (indent == SIZE_MAX) indent = 0;
        lit t;
        int rc = 0;
        size_t first = start;
        if (close > start) {
            size_t nb;
            ruby_indent(l, start, close, &nb);
            first = start + (nb < indent ? nb : indent);
        }
        lit_init(&t, first);
        bool raw = p[h].quote == '\'';
        for (size_t a = start; a < close && rc == 0;) {
            size_t e = a;
            while (e < close && l->b[e] != '\n' && l->b[e] != '\r')
                e++;
            size_t k = a, col = 0;
            while (k < e && col < indent && (l->b[k] == ' ' || l->b[k] == '\t')) {
                size_t next = l->b[k] == '\t' ? (col / 8 + 1) * 8 : col + 1;
                if (next > indent) break;
                col = next;
                k++;
            }
            size_t lb = line_break(l, e);
            t.run = k;
            if (!raw) {
                /* The line through its line break, decoded like "…" text. */
                size_t i = k;
                while (i < e + lb) {
                    long r = (long)i;
                    if (l->b[i] == '\\' && i + 1 < l->len)
                        r = take_escape(l, &t, i, false);
                    else
                        r = take_interp(l, &t, i, l->len);
                    if ((rc = step(r, &i)) < 0) break;
                }
                if (i > e + lb) { /* an interpolation ran past the line */
                    e = i;
                    lb = 0;
                }
            }
            if (rc == 0) rc = flush(l, &t, e + lb);
            a = e + lb;
            if (!lb) break;
        }
        if (rc == 0) rc = add_literal(l, &t, &p[h].c);
        lit_free(&t);
        if (rc < 0) return rc;
        size_t e = close;
        while (e < l->len && l->b[e] != '\n' && l->b[e] != '\r')
            e++;
        s = e + line_break(l, e);
    }
    l->pos = s;
    return 0;
}

/* A heredoc opener `<<~ID` `<<-ID` `<<ID` (ID may be quoted) at b[p]:
 * its length, or 0 when `<<` is an operator here. */
static size_t ruby_heredoc_open(lexer *l, size_t p, const tl_srcctx *c)
{
    size_t i = p + 2;
    char kind = 0, quote = 0;
    if (i < l->len && (l->b[i] == '~' || l->b[i] == '-')) kind = l->b[i++];
    if (i < l->len && (l->b[i] == '\'' || l->b[i] == '"' || l->b[i] == '`')) quote = l->b[i++];
    size_t s = i;
    if (quote) {
        while (i < l->len && l->b[i] != quote && l->b[i] != '\n')
            i++;
        if (i >= l->len || l->b[i] != quote) return 0;
    } else {
        if (i >= l->len || !(isupper((unsigned char)l->b[i]) || l->b[i] == '_' ||
                             (kind && id_start((unsigned char)l->b[i]))))
            return 0;
        while (i < l->len && id_char((unsigned char)l->b[i]) && l->b[i] != '$')
            i++;
    }
    if (i == s || l->npend >= 8) return 0;
    struct pending *h = &l->pend[l->npend++];
    h->label = s;
    h->llen = i - s;
    h->kind = kind;
    h->quote = quote;
    h->c = *c;
    if (quote == '`') l->npend--; /* a command, not text */
    return i + (quote ? 1 : 0) - p;
}

static bool ruby_keyword(const lexer *l, size_t at, size_t end)
{
    static const char *const kw[] = {"return", "if",    "unless", "while", "until", "when", "and",
                                     "or",     "not",   "then",   "else",  "elsif", "do",   "case",
                                     "in",     "yield", "puts",   "def",   NULL};
    for (int i = 0; kw[i]; i++)
        if (is_word(l, at, end, kw[i])) return true;
    return false;
}

/* Whether a Ruby operand may start at b[p]: after an operator or a keyword,
 * or after a method name and a blank with none after (`puts %w[a]`). */
static bool ruby_operand(const lexer *l, size_t p)
{
    /* `self./(x)`, `def /(x)`: a method named by the operator */
    if ((l->prev == T_PUNCT && l->prevc == '.') || prev_word(l, "def")) return false;
    if (expr_position(l)) return true;
    return l->prev == T_IDENT && p > 0 && (l->b[p - 1] == ' ' || l->b[p - 1] == '\t') &&
           p + 1 < l->len && l->b[p + 1] != ' ' && l->b[p + 1] != '=' && l->b[p + 1] != '\n';
}

/* ---- Kotlin, C# and Swift ---------------------------------------------- */

/* A run of `c` at b[i]: its length. */
static size_t run_of(const lexer *l, size_t i, char c)
{
    size_t k = i;
    while (k < l->len && l->b[k] == c)
        k++;
    return k - i;
}

/* Whether b[i] starts `n` quotes then `h` hashes (a closing delimiter). */
static bool closes(const lexer *l, size_t i, size_t n, size_t h)
{
    return i + n + h <= l->len && run_of(l, i, '"') >= n && run_of(l, i + n, '#') >= h;
}

/* Blanks (spaces, tabs) at b[i], up to `most`: their length. */
static size_t blanks(const lexer *l, size_t i, size_t most)
{
    size_t k = i;
    while (k < l->len && k - i < most && (l->b[k] == ' ' || l->b[k] == '\t'))
        k++;
    return k - i;
}

/* Kotlin: a `$name` template at b[i]: its end, or i when b[i] is text. */
static size_t kt_var(const lexer *l, size_t i)
{
    if (l->b[i] != '$') return i;
    size_t k = i + 1;
    if (k < l->len && l->b[k] == '`') {
        size_t e = k + 1;
        while (e < l->len && l->b[e] != '`' && l->b[e] != '\n')
            e++;
        return e < l->len && l->b[e] == '`' ? e + 1 : i;
    }
    if (k >= l->len || !(isalpha((unsigned char)l->b[k]) || l->b[k] == '_' || l->b[k] & 0x80))
        return i;
    while (k < l->len && (isalnum((unsigned char)l->b[k]) || l->b[k] == '_' || l->b[k] & 0x80))
        k++;
    return k;
}

/* A Kotlin string at b[open]: "…" with escapes, or """…""" raw (the last
 * three quotes of a run close it); `$name` and `${…}` (lexed in turn) are
 * placeholders in both. */
static int kt_string(lexer *l, size_t open, tl_srcctx *c)
{
    bool raw = run_of(l, open, '"') >= 3;
    size_t i = open + (raw ? 3 : 1);
    if (++l->nest > MAX_NEST) return lerr(l, open, "strings nested too deep");
    lit t;
    lit_init(&t, i);
    int rc = 0;
    for (;;) {
        if (i >= l->len || (!raw && (l->b[i] == '\n' || l->b[i] == '\r'))) {
            rc = lerr(l, open, raw ? "unterminated raw string" : "unterminated string");
            goto done;
        }
        char ch = l->b[i];
        if (ch == '"' && !raw) break;
        if (ch == '"') {
            size_t n = run_of(l, i, '"');
            if (n >= 3) {
                i += n - 3;
                break;
            }
            i += n;
            continue;
        }
        if ((rc = step(take_special(l, &t, i, l->len, !raw), &i)) < 0) goto done;
    }
    if ((rc = flush(l, &t, i)) == 0) rc = finish(l, &t, i + (raw ? 3 : 1), c);
done:
    l->nest--;
    lit_free(&t);
    return rc;
}

/* The end of a multi-line literal whose text starts at b[from] (`"""` of
 * Swift and C# raw strings): where its closing `n` quotes and `h` hashes
 * start, alone on their line after blanks; `esc`: `\` plus `h` hashes
 * escapes the next character (Swift). Sets *indent to the blanks before
 * the closing quotes, which every line loses. 0 when there is none. */
static size_t ml_end(const lexer *l, size_t from, size_t n, size_t h, bool esc, size_t *indent)
{
    for (size_t i = from; i < l->len; i++) {
        if (esc && l->b[i] == '\\' && run_of(l, i + 1, '#') >= h) {
            i += h + 1;
            continue;
        }
        if (l->b[i] == '"' && closes(l, i, n, h)) {
            size_t s = i;
            while (s > from && (l->b[s - 1] == ' ' || l->b[s - 1] == '\t'))
                s--;
            if (s == from || (l->b[s - 1] != '\n' && l->b[s - 1] != '\r')) return 0;
            *indent = i - s;
            return i;
        }
    }
    return 0;
}

/* A line break of `lb` bytes at b[i] in a multi-line literal (Swift and C#
 * raw """…""") whose closing quotes start at b[end]: LF, but for the break
 * before the closing line. Returns where the next line's text starts, past
 * the `indent` blanks that every line loses. */
static long ml_break(lexer *l, lit *t, size_t i, size_t lb, size_t end, size_t indent)
{
    int rc = flush(l, t, i);
    if (rc < 0) return rc;
    size_t k = i + lb;
    if (k + blanks(l, k, SIZE_MAX) < end && tl_segbuild_atomic(&t->sb, i, lb, "\n", 1) < 0)
        return oom(l);
    t->run = k + blanks(l, k, indent);
    return (long)t->run;
}

/* A C# string whose first quote is at b[q], after its prefix b[start, q)
 * of `$` (interpolated; `dollars` of them) and `@` (verbatim): "…" with
 * escapes, @"…" with "" for a quote, $"…" with {…} holes (lexed in turn;
 * `,width` and `:format` end them) and {{ }} for braces; raw strings of
 * three or more quotes (C# 11), on one line or on the lines between, which
 * lose the closing line's indentation. */
static int cs_string(lexer *l, size_t start, size_t q, int dollars, bool verbatim, tl_srcctx *c)
{
    size_t nq = run_of(l, q, '"');
    bool raw = !verbatim && nq >= 3;
    size_t i = q + (raw ? nq : 1), indent = 0, end = 0;
    if (raw) {
        size_t k = i + blanks(l, i, SIZE_MAX);
        if (line_break(l, k)) { /* a multi-line raw string */
            i = k + line_break(l, k);
            end = ml_end(l, i, nq, 0, false, &indent);
            if (!end) return lerr(l, start, "unterminated raw string literal");
            i += blanks(l, i, indent); /* every line loses the indentation */
        }
    }
    if (++l->nest > MAX_NEST) return lerr(l, start, "strings nested too deep");
    lit t;
    lit_init(&t, i);
    int rc = 0;
    for (;;) {
        if (end && i >= end) break;
        if (i >= l->len || (!verbatim && !end && (l->b[i] == '\n' || l->b[i] == '\r'))) {
            rc = lerr(l, start, "unterminated string");
            goto done;
        }
        char ch = l->b[i];
        size_t lb = end ? line_break(l, i) : 0;
        long r = (long)i;
        if (lb) {
            r = ml_break(l, &t, i, lb, end, indent);
        } else if (ch == '"' && !end) {
            if (raw && run_of(l, i, '"') < nq) {
                r = (long)i + 1;
            } else if (verbatim && i + 1 < l->len && l->b[i + 1] == '"') {
                r = take_char(l, &t, i, 2, '"');
            } else {
                break;
            }
        } else if (ch == '\\' && !verbatim && !raw) {
            r = take_escape(l, &t, i, false);
        } else if ((ch == '{' || ch == '}') && dollars) {
            size_t n = run_of(l, i, ch);
            size_t need = raw ? (size_t)dollars : 1;
            if (!raw && n >= 2) { /* {{ and }} are braces */
                r = take_char(l, &t, i, 2, ch);
            } else if (ch == '{' && n >= need) {
                size_t h = i + n - need; /* a longer run: the first braces are text */
                int saved = l->cs_hole;
                r = hole(l, &t, h, h + need, '{');
                l->cs_hole = saved;
                size_t more = 0; /* $$"""…{{x}}…""": the rest of the closing braces */
                while (r >= 0 && more + 1 < need && l->pos < l->len && l->b[l->pos] == '}')
                    more++, l->pos++;
                if (more && (r = flush(l, &t, l->pos)) == 0) r = (long)l->pos;
            } else {
                r = (long)(i + n);
            }
        }
        if ((rc = step(r, &i)) < 0) goto done;
    }
    if ((rc = flush(l, &t, i)) == 0) rc = finish(l, &t, i + (raw ? nq : 1), c);
done:
    l->nest--;
    lit_free(&t);
    return rc;
}

/* A Swift string at b[open] after `h` hashes: "…", or """…""" over the
 * lines between its quotes (each losing the closing line's indentation;
 * `\` at a line's end joins it to the next), with escapes and \(…)
 * interpolations (lexed in turn) written `\#…` and `\#(` under one hash. */
static int swift_string(lexer *l, size_t start, size_t h, tl_srcctx *c)
{
    size_t q = start + h;
    bool multi = run_of(l, q, '"') >= 3;
    size_t i = q + (multi ? 3 : 1), indent = 0, end = 0;
    if (multi) {
        size_t k = i + blanks(l, i, SIZE_MAX);
        if (!line_break(l, k))
            return lerr(l, start, "multi-line string literal content must begin on a new line");
        i = k + line_break(l, k);
        end = ml_end(l, i, 3, h, true, &indent);
        if (!end) return lerr(l, start, "unterminated string literal");
        i += blanks(l, i, indent); /* every line loses the indentation */
    }
    if (++l->nest > MAX_NEST) return lerr(l, start, "strings nested too deep");
    lit t;
    lit_init(&t, i);
    t.hashes = h;
    int rc = 0;
    for (;;) {
        if (multi && i >= end) break;
        if (i >= l->len || (!multi && (l->b[i] == '\n' || l->b[i] == '\r'))) {
            rc = lerr(l, start, "unterminated string literal");
            goto done;
        }
        char ch = l->b[i];
        size_t lb = multi ? line_break(l, i) : 0;
        long r = (long)i;
        if (lb) {
            r = ml_break(l, &t, i, lb, end, indent);
        } else if (ch == '"' && !multi && closes(l, i, 1, h)) {
            break;
        } else if (ch == '\\' && run_of(l, i + 1, '#') >= h) {
            size_t k = i + 1 + h;
            size_t e = k + blanks(l, k, SIZE_MAX), elb = multi ? line_break(l, e) : 0;
            if (k < l->len && l->b[k] == '(') {
                r = hole(l, &t, i, k + 1, '(');
            } else if (elb) { /* `\` at the end of a line joins it to the next */
                if ((r = flush(l, &t, i)) == 0) {
                    t.run = e + elb + blanks(l, e + elb, indent);
                    r = (long)t.run;
                }
            } else {
                r = take_escape(l, &t, i, false);
            }
        }
        if ((rc = step(r, &i)) < 0) goto done;
    }
    if ((rc = flush(l, &t, i)) == 0) rc = finish(l, &t, i + (multi ? 3 : 1) + h, c);
done:
    l->nest--;
    lit_free(&t);
    return rc;
}

/* A `…` quoted name (Kotlin, Swift) at l->pos: an identifier. */
static int backticked(lexer *l)
{
    size_t p = l->pos, e = p + 1;
    while (e < l->len && l->b[e] != '`' && l->b[e] != '\n')
        e++;
    if (e >= l->len || l->b[e] != '`') return lerr(l, p, "unterminated quoted identifier");
    set_prev(l, T_IDENT, p, e + 1);
    l->pos = e + 1;
    return 0;
}

/* ---- JSX --------------------------------------------------------------- */

/* An HTML entity at b[i] == '&' that JSX decodes: its length, and the code
 * point in *cp; 0 when it is not one. */
static size_t entity(const lexer *l, size_t i, uint32_t *cp)
{
    static const struct {
        const char *name;
        uint32_t cp;
    } named[] = {{"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},
                 {"apos", '\''},    {"nbsp", 0xA0},     {"copy", 0xA9},    {"reg", 0xAE},
                 {"trade", 0x2122}, {"hellip", 0x2026}, {"mdash", 0x2014}, {"ndash", 0x2013},
                 {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"ldquo", 0x201C}, {"rdquo", 0x201D},
                 {"middot", 0xB7},  {"bull", 0x2022},   {"times", 0xD7},   {"larr", 0x2190},
                 {"rarr", 0x2192},  {"laquo", 0xAB},    {"raquo", 0xBB},   {"euro", 0x20AC},
                 {"deg", 0xB0},     {"thinsp", 0x2009}, {"zwj", 0x200D},   {"shy", 0xAD}};
    size_t k = i + 1;
    if (k < l->len && l->b[k] == '#') {
        k++;
        bool hex = k < l->len && (l->b[k] == 'x' || l->b[k] == 'X');
        if (hex) k++;
        uint32_t v = 0;
        size_t d = k;
        while (k < l->len && k - d < 7 &&
               (hex ? tl_hexval(l->b[k]) >= 0 : isdigit((unsigned char)l->b[k])))
            v = v * (hex ? 16 : 10) + (uint32_t)(hex ? tl_hexval(l->b[k++]) : l->b[k++] - '0');
        if (k == d || k >= l->len || l->b[k] != ';') return 0;
        *cp = v;
        return k + 1 - i;
    }
    size_t s = k;
    while (k < l->len && k - s < 10 && isalnum((unsigned char)l->b[k]))
        k++;
    if (k >= l->len || l->b[k] != ';') return 0;
    for (size_t n = 0; n < sizeof(named) / sizeof(named[0]); n++)
        if (strlen(named[n].name) == k - s && memcmp(named[n].name, l->b + s, k - s) == 0) {
            *cp = named[n].cp;
            return k + 1 - i;
        }
    return 0;
}

/* Text b[from, to) with entities decoded. */
static int jsx_run(lexer *l, lit *t, size_t from, size_t to)
{
    size_t run = from;
    for (size_t i = from; i < to; i++) {
        uint32_t cp;
        size_t n;
        if (l->b[i] != '&' || !(n = entity(l, i, &cp)) || i + n > to) continue;
        if (text_run(l, t, run, i, false) < 0) return TL_ENOMEM;
        if (put_cp(l, t, i, i + n, cp) < 0) return TL_ENOMEM;
        run = i + n;
        i += n - 1;
    }
    return text_run(l, t, run, to, false);
}

/* JSX text b[from, to) read as React does: each line trimmed (but the start
 * of the first and the end of the last), blank lines dropped, lines joined
 * by one space, tabs read as spaces. */
static int jsx_text(lexer *l, size_t from, size_t to, const char *tag)
{
    lit t;
    lit_init(&t, from);
    int rc = 0;
    /* The last line holding something other than blanks (the first when
     * none does: a run of blanks on one line is kept, as React keeps it). */
    size_t last_ne = from;
    for (size_t s = from; s < to;) {
        size_t e = s;
        while (e < to && l->b[e] != '\n' && l->b[e] != '\r')
            e++;
        for (size_t k = s; k < e; k++)
            if (l->b[k] != ' ' && l->b[k] != '\t') {
                last_ne = s;
                break;
            }
        s = e + (e < to ? line_break(l, e) : 0);
        if (e == to) break;
    }
    for (size_t s = from; s < to;) {
        size_t e = s;
        while (e < to && l->b[e] != '\n' && l->b[e] != '\r')
            e++;
        size_t next = e + (e < to ? line_break(l, e) : 0);
        bool first = s == from, last = e == to;
        size_t a = s, z = e;
        if (!first)
            while (a < z && (l->b[a] == ' ' || l->b[a] == '\t'))
                a++;
        if (!last)
            while (z > a && (l->b[z - 1] == ' ' || l->b[z - 1] == '\t'))
                z--;
        if (z > a) {
            size_t run = a;
            for (size_t k = a; k <= z; k++) {
                if (k < z && l->b[k] != '\t') continue;
                if ((rc = jsx_run(l, &t, run, k)) < 0) goto done;
                if (k < z && tl_segbuild_atomic(&t.sb, k, 1, " ", 1) < 0) {
                    rc = oom(l);
                    goto done;
                }
                run = k + 1;
            }
            if (s != last_ne && tl_segbuild_atomic(&t.sb, z, next - z, " ", 1) < 0) {
                rc = oom(l);
                goto done;
            }
        }
        if (last) break;
        s = next;
    }
    if (!t.sb.text.len) goto done; /* only line breaks and indentation */
    tl_srcctx c;
    memset(&c, 0, sizeof(c));
    c.lang = l->lang->name;
    c.tag = tag;
    c.flags = TL_SRC_JSX_TEXT;
    rc = add_literal(l, &t, &c);
done:
    lit_free(&t);
    return rc;
}

/* A JSX attribute string at l->pos: no escapes, entities decoded. */
static int jsx_attr_string(lexer *l, const char *tag, const char *name)
{
    size_t open = l->pos;
    char q = l->b[open];
    const char *e = open + 1 < l->len ? memchr(l->b + open + 1, q, l->len - open - 1) : NULL;
    if (!e) return lerr(l, open, "unterminated string");
    size_t end = (size_t)(e - l->b);
    lit t;
    lit_init(&t, open + 1);
    int rc = jsx_run(l, &t, open + 1, end);
    if (rc == 0) {
        tl_srcctx c;
        memset(&c, 0, sizeof(c));
        c.lang = l->lang->name;
        c.tag = tag;
        c.prop = name;
        c.at = open;
        c.flags = TL_SRC_JSX_ATTR;
        rc = add_literal(l, &t, &c);
    }
    lit_free(&t);
    l->pos = end + 1;
    return rc;
}

static void skip_blank(lexer *l)
{
    while (l->pos < l->len && isspace((unsigned char)l->b[l->pos]))
        l->pos++;
}

/* An expression in braces inside JSX, at l->pos (the `{`). */
static int jsx_braces(lexer *l, const char *attr)
{
    int rc = push(l, '{', NULL);
    if (rc < 0) return rc;
    l->st[l->depth - 1].attr = attr;
    l->st[l->depth - 1].jsx = true;
    set_prev(l, T_PUNCT, l->pos, l->pos + 1);
    l->pos++;
    return code(l, '}');
}

/* Whether `<` at l->pos starts a JSX element rather than TypeScript type
 * parameters (`<T,>` `<T extends X>`). */
static bool jsx_start(const lexer *l)
{
    size_t i = l->pos + 1;
    if (i >= l->len) return false;
    if (l->b[i] == '>') return true;
    if (!id_start((unsigned char)l->b[i])) return false;
    while (i < l->len &&
           (id_char((unsigned char)l->b[i]) || l->b[i] == '.' || l->b[i] == ':' || l->b[i] == '-'))
        i++;
    while (i < l->len && (l->b[i] == ' ' || l->b[i] == '\t'))
        i++;
    if (i < l->len && l->b[i] == ',') return false;
    if (i + 7 < l->len && memcmp(l->b + i, "extends", 7) == 0 &&
        !id_char((unsigned char)l->b[i + 7]) && l->b[i + 8] != '=')
        return false;
    return true;
}

/* A JSX element at l->pos (the `<`), with its children. */
static int jsx_element(lexer *l)
{
    size_t open = l->pos;
    int rc = 0;
    if (++l->nest > MAX_NEST) return lerr(l, open, "JSX elements nested too deep");
    l->pos++;
    size_t ns = l->pos;
    while (l->pos < l->len && (id_char((unsigned char)l->b[l->pos]) || l->b[l->pos] == '.' ||
                               l->b[l->pos] == ':' || l->b[l->pos] == '-'))
        l->pos++;
    const char *tag = dup(l, l->b + ns, l->pos - ns);
    if (!tag) return oom(l);
    /* Attributes. */
    for (;;) {
        skip_blank(l);
        if (l->pos >= l->len) return lerr(l, open, "unterminated JSX element");
        if ((rc = comment(l)) < 0) return rc;
        if (rc) continue;
        char ch = l->b[l->pos];
        if (ch == '/' && l->pos + 1 < l->len && l->b[l->pos + 1] == '>') {
            l->pos += 2;
            goto closed;
        }
        if (ch == '>') {
            l->pos++;
            break;
        }
        if (ch == '{') {
            if ((rc = jsx_braces(l, NULL)) < 0) return rc;
            continue;
        }
        if (ch == '<' && tag[0] && l->pos > ns) { /* type arguments: <Foo<Bar> …> */
            l->pos++;
            continue;
        }
        if (!id_start((unsigned char)ch))
            return lerr(l, l->pos, "unexpected character in a JSX tag");
        size_t as = l->pos;
        while (l->pos < l->len &&
               (id_char((unsigned char)l->b[l->pos]) || l->b[l->pos] == ':' || l->b[l->pos] == '-'))
            l->pos++;
        const char *name = dup(l, l->b + as, l->pos - as);
        if (!name) return oom(l);
        skip_blank(l);
        if (l->pos >= l->len || l->b[l->pos] != '=') continue;
        l->pos++;
        skip_blank(l);
        if (l->pos >= l->len) return lerr(l, open, "unterminated JSX element");
        ch = l->b[l->pos];
        if (ch == '"' || ch == '\'') {
            if ((rc = jsx_attr_string(l, tag, name)) < 0) return rc;
        } else if (ch == '{') {
            if ((rc = jsx_braces(l, name)) < 0) return rc;
        } else if (ch == '<') {
            if ((rc = jsx_element(l)) < 0) return rc;
        } else {
            return lerr(l, l->pos, "a JSX attribute value is a string or an expression in `{}`");
        }
    }
    /* Children. */
    for (;;) {
        size_t k = l->pos;
        while (k < l->len && l->b[k] != '<' && l->b[k] != '{')
            k++;
        if (k > l->pos && (rc = jsx_text(l, l->pos, k, tag)) < 0) return rc;
        l->pos = k;
        if (k >= l->len) return lerr(l, open, "unterminated JSX element (no closing tag)");
        if (l->b[k] == '{') {
            if ((rc = jsx_braces(l, NULL)) < 0) return rc;
            continue;
        }
        if (k + 1 < l->len && l->b[k + 1] == '/') {
            const char *e = memchr(l->b + k, '>', l->len - k);
            if (!e) return lerr(l, k, "unterminated JSX closing tag");
            l->pos = (size_t)(e - l->b) + 1;
            break;
        }
        if ((rc = jsx_element(l)) < 0) return rc;
    }
closed:
    l->nest--;
    set_prev(l, T_VALUE, open, l->pos);
    return 0;
}

/* ---- the main loop ----------------------------------------------------- */

/* Whether an expression may start here (a regex, JSX). */
static bool expr_position(const lexer *l)
{
    switch (l->prev) {
    case T_NONE:
    case T_KEYWORD:
    case T_PUNCT:
        return true;
    case T_CLOSE:
        return l->prevc == '}';
    default:
        return false;
    }
}

/* The callee before an opening bracket at `at`, as written, with `new`. */
static const char *callee(lexer *l, size_t at)
{
    size_t s = name_before(l, at), e = at;
    while (e > s && (l->b[e - 1] == ' ' || l->b[e - 1] == '\t'))
        e--;
    if (e <= s) return NULL;
    size_t k = s;
    while (k > 0 && (l->b[k - 1] == ' ' || l->b[k - 1] == '\t'))
        k--;
    if (k >= 3 && memcmp(l->b + k - 3, "new", 3) == 0 &&
        (k == 3 || !id_char((unsigned char)l->b[k - 4])))
        s = k - 3;
    return dup(l, l->b + s, e - s);
}

/* Kotlin, Swift: the call whose trailing lambda opens at b[at] (`check(x)
 * {`, `list.map {`), or NULL for a declaration's or a statement's body
 * (`fun f() {`, `class A : B() {`, `if (x) {`, `-> T {`). */
static const char *trailing_call(lexer *l, size_t at)
{
    static const char *const kw[] = {
        "if",        "when",      "while", "for",       "catch",    "switch",      "guard",
        "else",      "try",       "do",    "repeat",    "defer",    "return",      "in",
        "where",     "finally",   "init",  "get",       "set",      "object",      "class",
        "interface", "struct",    "enum",  "extension", "protocol", "constructor", "willSet",
        "didSet",    "companion", "some",  NULL};
    if (!(l->prev == T_IDENT || (l->prev == T_CLOSE && l->prevc == ')'))) return NULL;
    size_t s = name_before(l, at), e = s;
    while (e < at && id_char((unsigned char)l->b[e]))
        e++;
    if (e == s) return NULL;
    for (int i = 0; kw[i]; i++)
        if (is_word(l, s, e, kw[i])) return NULL;
    size_t k = s;
    while (k > 0 && (l->b[k - 1] == ' ' || l->b[k - 1] == '\t'))
        k--;
    if (k > 0 && (l->b[k - 1] == ':' || l->b[k - 1] == '>' || l->b[k - 1] == ',')) return NULL;
    size_t w = k;
    while (w > 0 && id_char((unsigned char)l->b[w - 1]))
        w--;
    static const char *const decl[] = {"fun",    "func", "class", "object", "interface",
                                       "struct", "enum", "init",  "var",    "val",
                                       "let",    "case", NULL};
    for (int i = 0; decl[i]; i++)
        if (is_word(l, w, k, decl[i])) return NULL;
    size_t end = at; /* the call's own `(`, so that its arguments are not part of it */
    while (end > 0 && (l->b[end - 1] == ' ' || l->b[end - 1] == '\t'))
        end--;
    if (end > 0 && l->b[end - 1] == ')') {
        int d = 0;
        while (end > s) {
            char ch = l->b[--end];
            if (ch == ')') d++;
            if (ch == '(' && --d == 0) break;
        }
    }
    return callee(l, end);
}

/* Whether a `{` at l->pos opens a block of statements. */
static bool block_brace(const lexer *l)
{
    if (l->lang->fam == FAM_PY) return false;
    switch (l->prev) {
    case T_NONE:
    case T_KEYWORD:
        return !prev_word(l, "return") && !prev_word(l, "case") && !prev_word(l, "in") &&
               !prev_word(l, "of") && !prev_word(l, "yield") && !prev_word(l, "await");
    case T_IDENT: /* `else {`, `try {`, `class A {`; Go: a composite literal */
        return l->lang->fam != FAM_GO;
    case T_CLOSE:
        return l->prevc == ')' || l->prevc == '}';
    case T_PUNCT:
        return l->prevc == ';' || l->prevc == '{' || l->prevc == '}' ||
               (l->prevc == '>' && l->prev_at > 0 &&
                (l->b[l->prev_at - 1] == '=' || l->b[l->prev_at - 1] == '-'));
    default:
        return false;
    }
}

static int code(lexer *l, char close)
{
    int base = l->depth;
    size_t open = l->pos ? l->pos - 1 : 0;
    const char *b = l->b;
    int fam = l->lang->fam;
    int rc;
    while (l->pos < l->len) {
        size_t p = l->pos;
        unsigned char ch = (unsigned char)b[p];
        if (ch == '\n' || ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v') {
            if (ch == '\n' && fam == FAM_PY && l->depth == 0) l->stmt_start = true;
            if (ch == '\n' && fam == FAM_RUBY && l->npend) {
                if ((rc = ruby_bodies(l, p + 1)) < 0) return rc;
                continue;
            }
            l->pos++;
            continue;
        }
        if (ch == '\\' && fam == FAM_PY) {
            l->pos += 1 + line_break(l, p + 1);
            continue;
        }
        if ((rc = comment(l)) < 0) return rc;
        if (rc) continue;
        tl_srcctx c;
        if (fam == FAM_JS) {
            if (ch == '\'' || ch == '"' || ch == '`') {
                context_before(l, p, &c);
                if (ch == '`' && (l->prev == T_IDENT || l->prev == T_CLOSE)) {
                    c.tag = callee(l, p);
                    c.call = NULL;
                    c.flags |= TL_SRC_TAGGED;
                }
                rc = ch == '`' ? template(l, &c) : quoted(l, p, (char)ch, false, false, &c);
                if (rc < 0) return rc;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
            if (ch == '/' && expr_position(l)) {
                if ((rc = regex(l)) < 0) return rc;
                continue;
            }
            if (ch == '<' && l->jsx && expr_position(l) && jsx_start(l)) {
                if ((rc = jsx_element(l)) < 0) return rc;
                continue;
            }
            if (ch == '#' && p + 1 < l->len && b[p + 1] == '!' && p == l->doc->src.bom_len) {
                while (l->pos < l->len && b[l->pos] != '\n')
                    l->pos++;
                continue;
            }
        } else if (fam == FAM_PY) {
            bool raw, bytes, fmt;
            int plen =
                id_start(ch) || ch == '\'' || ch == '"' ? py_prefix(l, &raw, &bytes, &fmt) : -1;
            if (plen >= 0) {
                context_before(l, p, &c);
                if ((rc = py_string(l, plen, raw, bytes, fmt, &c)) < 0) return rc;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
        } else if (fam == FAM_GO) {
            if (ch == '"' || ch == '`') {
                context_before(l, p, &c);
                rc = ch == '`' ? go_raw(l, &c) : quoted(l, p, '"', false, false, &c);
                if (rc < 0) return rc;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
            if (ch == '\'') {
                if ((rc = go_rune(l)) < 0) return rc;
                continue;
            }
        } else if (fam == FAM_C) {
            bool raw, wide;
            int plen = id_start(ch) || ch == '"' || ch == '\'' ? c_prefix(l, &raw, &wide) : -1;
            if (plen >= 0) {
                size_t q = p + (size_t)plen;
                if (b[q] == '\'') {
                    if ((rc = char_lit(l, p, q)) < 0) return rc;
                    continue;
                }
                context_before(l, p, &c);
                rc = raw ? c_raw(l, q, &c) : quoted(l, q, '"', false, !wide, &c);
                if (rc < 0) return rc;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
        } else if (fam == FAM_PHP) {
            if (ch == '?' && p + 1 < l->len && b[p + 1] == '>') { /* back to output */
                l->pos = php_open(l, p + 2);
                set_prev(l, T_PUNCT, p, p + 1);
                l->prevc = ';';
                continue;
            }
            size_t q =
                (ch == 'b' || ch == 'B') && p + 1 < l->len && (b[p + 1] == '\'' || b[p + 1] == '"')
                    ? p + 1
                    : p;
            if (b[q] == '\'' || b[q] == '"') {
                context_before(l, p, &c);
                if ((rc = php_string(l, q, &c)) < 0) return rc;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
            if (ch == '<' && p + 3 < l->len && b[p + 1] == '<' && b[p + 2] == '<') {
                context_before(l, p, &c);
                if ((rc = php_heredoc(l, p, &c)) < 0) return rc;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
            if (ch == '`') { /* a shell command */
                size_t i = p + 1;
                while (i < l->len && b[i] != '`')
                    i += b[i] == '\\' ? 2 : 1;
                if (i >= l->len) return lerr(l, p, "unterminated shell command (backquote)");
                l->pos = i + 1;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
        } else if (fam == FAM_RUBY) {
            if (ch == '_' && (p == 0 || b[p - 1] == '\n') && p + 7 <= l->len &&
                memcmp(b + p, "__END__", 7) == 0 &&
                (p + 7 == l->len || b[p + 7] == '\n' || b[p + 7] == '\r'))
                break; /* the rest is data */
            if (ch == '"' || ch == '\'' || ch == '`') {
                context_before(l, p, &c);
                if ((rc = ruby_str(l, p, p + 1, ch, ch, ch != '\'', ch != '`', &c)) < 0) return rc;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
            if (ch == ':' && p + 1 < l->len && (b[p + 1] == '"' || b[p + 1] == '\'') &&
                l->prev != T_VALUE && l->prev != T_IDENT && l->prev != T_CLOSE) {
                /* a symbol :"…" is a name, not text */
                if ((rc = ruby_str(l, p, p + 2, b[p + 1], b[p + 1], b[p + 1] == '"', false, &c)) <
                    0)
                    return rc;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
            if (ch == ':' && p + 1 < l->len && b[p + 1] == ':') {
                l->pos += 2;
                set_prev(l, T_PUNCT, p, p + 1);
                continue;
            }
            if (ch == '%' && p + 2 < l->len && ruby_operand(l, p)) {
                size_t k = p + 1;
                char kind = 'Q';
                if (isalpha((unsigned char)b[k])) kind = b[k++];
                char d = k < l->len ? b[k] : 0;
                if (strchr("qQwWiIrsx", kind) && d && !isalnum((unsigned char)d) &&
                    !isspace((unsigned char)d) && (kind != 'Q' || k > p + 1 || d != '=')) {
                    context_before(l, p, &c);
                    bool text = kind == 'q' || kind == 'Q';
                    bool interp =
                        kind == 'Q' || kind == 'W' || kind == 'I' || kind == 'r' || kind == 'x';
                    if ((rc = ruby_str(l, p, k + 1, d, closing_of(d), interp, text, &c)) < 0)
                        return rc;
                    if (kind == 'r')
                        while (l->pos < l->len && isalpha((unsigned char)b[l->pos]))
                            l->pos++;
                    set_prev(l, T_VALUE, p, l->pos);
                    continue;
                }
            }
            if (ch == '/' && ruby_operand(l, p)) {
                context_before(l, p, &c);
                if ((rc = ruby_str(l, p, p + 1, '/', '/', true, false, &c)) < 0) return rc;
                while (l->pos < l->len && isalpha((unsigned char)b[l->pos]))
                    l->pos++;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
            if (ch == '<' && p + 2 < l->len && b[p + 1] == '<' && ruby_operand(l, p)) {
                context_before(l, p, &c);
                size_t n = ruby_heredoc_open(l, p, &c);
                if (n) {
                    l->pos = p + n;
                    set_prev(l, T_VALUE, p, l->pos);
                    continue;
                }
            }
            if (ch == '?' && p + 1 < l->len && expr_position(l) &&
                !isspace((unsigned char)b[p + 1]) &&
                (p + 2 >= l->len || !id_char((unsigned char)b[p + 2]) || b[p + 1] == '\\')) {
                /* a character literal ?a */
                l->pos = p + 2;
                if (b[p + 1] == '\\' && p + 2 < l->len) l->pos++;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
        } else if (fam == FAM_KOTLIN) {
            if (ch == '"') {
                context_before(l, p, &c);
                if ((rc = kt_string(l, p, &c)) < 0) return rc;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
            if (ch == '\'') {
                if ((rc = char_lit(l, p, p)) < 0) return rc;
                continue;
            }
            if (ch == '`') {
                if ((rc = backticked(l)) < 0) return rc;
                continue;
            }
        } else if (fam == FAM_CS) {
            size_t q = p;
            int dollars = 0;
            bool verbatim = false;
            while (q < l->len && q - p < 8 && (b[q] == '$' || b[q] == '@')) {
                dollars += b[q] == '$';
                verbatim |= b[q++] == '@';
            }
            if (q < l->len && b[q] == '"' && (!verbatim || q - p <= 2)) {
                context_before(l, p, &c);
                if ((rc = cs_string(l, p, q, dollars, verbatim, &c)) < 0) return rc;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
            if (ch == '\'') {
                if ((rc = char_lit(l, p, p)) < 0) return rc;
                continue;
            }
            size_t s0 = p;
            while (s0 > 0 && (b[s0 - 1] == ' ' || b[s0 - 1] == '\t'))
                s0--;
            if (ch == '#' && (s0 == 0 || b[s0 - 1] == '\n' || b[s0 - 1] == '\r')) {
                while (l->pos < l->len && b[l->pos] != '\n' && b[l->pos] != '\r')
                    l->pos++; /* a preprocessor line */
                continue;
            }
            if (l->cs_hole && l->depth == l->cs_hole && close == '}' &&
                ((ch == ':' && !(p + 1 < l->len && b[p + 1] == ':') && !(p && b[p - 1] == ':')) ||
                 ch == ',')) {
                while (l->pos < l->len && b[l->pos] != '}') /* `,width` and `:format` */
                    l->pos++;
                continue;
            }
        } else if (fam == FAM_SWIFT) {
            size_t h = run_of(l, p, '#');
            if (p + h < l->len && b[p + h] == '"') {
                context_before(l, p, &c);
                if ((rc = swift_string(l, p, h, &c)) < 0) return rc;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
            if (ch == '`') {
                if ((rc = backticked(l)) < 0) return rc;
                continue;
            }
        } else if (fam == FAM_JAVA) {
            if (ch == '"') {
                context_before(l, p, &c);
                bool tb = p + 2 < l->len && b[p + 1] == '"' && b[p + 2] == '"';
                rc = tb ? text_block(l, p, &c) : quoted(l, p, '"', false, false, &c);
                if (rc < 0) return rc;
                set_prev(l, T_VALUE, p, l->pos);
                continue;
            }
            if (ch == '\'') {
                if ((rc = char_lit(l, p, p)) < 0) return rc;
                continue;
            }
        }
        if (id_start(ch) || (ch == '#' && fam == FAM_JS) || (ch == '@' && fam == FAM_PY)) {
            size_t e = p + 1;
            while (e < l->len && id_char((unsigned char)b[e]))
                e++;
            if (fam == FAM_KOTLIN && is_word(l, p, e, "when")) {
                tl_srcctx wc; /* what the `when` is the value of, for its branches */
                context_before(l, p, &wc);
                l->when.at = p + 1;
                l->when.prop = wc.prop;
                l->when.flags = wc.flags & (TL_SRC_ASSIGN | TL_SRC_RETURN);
            }
            if (l->lang->fn && is_word(l, p, e, l->lang->fn)) {
                l->fn.name = NULL;
                l->fn.depth = l->depth;
                l->fn.naming = true;
            } else if (l->fn.naming && l->depth == l->fn.depth) {
                l->fn.name = dup(l, b + p, e - p); /* `fun <T> Foo.bar(`: the last word */
            }
            set_prev(l, fam == FAM_JS && expr_keyword(l, p, e) ? T_KEYWORD : T_IDENT, p, e);
            if (fam != FAM_JS && (is_word(l, p, e, "return") || is_word(l, p, e, "in")))
                l->prev = T_KEYWORD;
            if (fam == FAM_RUBY && ruby_keyword(l, p, e)) l->prev = T_KEYWORD;
            l->pos = e;
            continue;
        }
        if (isdigit(ch) || (ch == '.' && p + 1 < l->len && isdigit((unsigned char)b[p + 1]))) {
            size_t e = p + 1;
            while (e < l->len &&
                   (isalnum((unsigned char)b[e]) || b[e] == '_' || b[e] == '.' ||
                    (b[e] == '\'' && l->lang->cxx && e + 1 < l->len &&
                     isalnum((unsigned char)b[e + 1])) ||
                    ((b[e] == '+' || b[e] == '-') && (b[e - 1] == 'e' || b[e - 1] == 'E') &&
                     !(b[p] == '0' && p + 1 < e && (b[p + 1] == 'x' || b[p + 1] == 'X')))))
                e++;
            set_prev(l, T_VALUE, p, e);
            l->pos = e;
            continue;
        }
        if (ch == '(' || ch == '[' || ch == '{') {
            const char *call = NULL;
            bool named = l->prev == T_IDENT || (l->prev == T_CLOSE && l->prevc != '}');
            if (named && ch != '{') call = callee(l, p);
            if (named && ch == '{' && fam == FAM_GO) call = callee(l, p);
            bool blk = ch == '{' && block_brace(l);
            bool imp = ch == '(' && fam == FAM_GO && prev_word(l, "import");
            const char *held = NULL;
            if (ch == '(' && !call && !imp) {
                tl_srcctx hc;
                context_before(l, p, &hc);
                held = hc.prop;
            }
            bool when = blk && fam == FAM_KOTLIN && when_braces(l);
            const char *scope = NULL;
            if (l->fn.depth == l->depth && ch == '(') l->fn.naming = false;
            if (l->fn.depth == l->depth && blk && l->fn.name) {
                scope = l->fn.name; /* the function's body */
                l->fn.name = NULL;
                l->fn.naming = false;
            }
            if ((rc = push(l, (char)ch, call)) < 0) return rc;
            frame *f = &l->st[l->depth - 1];
            f->held = held;
            f->block = blk;
            f->import = imp;
            f->scope = scope;
            if (when) {
                f->when = true;
                f->held = l->when.prop;
                f->hflags = l->when.flags;
            }
            if (blk && (fam == FAM_KOTLIN || fam == FAM_SWIFT)) f->lambda = trailing_call(l, p);
            set_prev(l, T_PUNCT, p, p + 1);
            l->pos++;
            continue;
        }
        if (ch == ')' || ch == ']' || ch == '}') {
            char want = ch == ')' ? '(' : ch == ']' ? '[' : '{';
            bool blk = false;
            if (l->depth > 0 && l->st[l->depth - 1].open == want) {
                blk = l->st[l->depth - 1].block;
                l->depth--;
            }
            l->pos++;
            if (l->depth < l->fn.depth) { /* a declaration without a body */
                l->fn.name = NULL;
                l->fn.naming = false;
            }
            if (ch == close && l->depth < base) return 0;
            set_prev(l, blk ? T_PUNCT : T_CLOSE, p, p + 1);
            if (fam == FAM_PY && l->depth == 0) l->stmt_start = false;
            continue;
        }
        if (ch == ',' && l->depth > 0) l->st[l->depth - 1].arg++;
        if (ch == ';' && fam == FAM_PY && l->depth == 0) {
            l->pos++;
            l->stmt_start = true;
            continue;
        }
        /* Other punctuation, one byte at a time (UTF-8 outside strings too). */
        set_prev(l, T_PUNCT, p, p + 1);
        l->pos++;
    }
    if (close == ')') return lerr(l, open, "unterminated `(` (missing `)`)");
    if (close) return lerr(l, open, "unterminated `{` (missing `}`)");
    return 0;
}

static int by_position(const void *a, const void *b)
{
    const tl_segment *x = a, *y = b;
    if (x->raw_start != y->raw_start) return x->raw_start < y->raw_start ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

int tl_extract_code(tl_doc *doc, tl_error *err)
{
    if (doc->src.encoding != TL_ENC_UTF8)
        return tl_doc_error(doc, err, TL_EENCODING, 0, "%s",
                            "UTF-16 source code is not supported; save the file as UTF-8");
    lexer *l = calloc(1, sizeof(*l));
    if (!l) return tl_error_set(err, TL_ENOMEM, "out of memory");
    l->doc = doc;
    l->err = err;
    l->b = (const char *)doc->src.bytes;
    l->len = doc->src.len;
    l->pos = doc->src.bom_len;
    l->lang = &langs[0];
    for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
        if (doc->syntax && strcmp(doc->syntax, langs[i].syntax) == 0) l->lang = &langs[i];
    const char *path = doc->path ? doc->path : "";
    l->jsx =
        l->lang->fam == FAM_JS && (strcmp(l->lang->syntax, "javascript") == 0 ||
                                   ends_with(path, ".tsx") || !doc->path || strcmp(path, "-") == 0);
    l->stmt_start = true;
    if (l->lang->fam == FAM_PHP) l->pos = php_open(l, l->pos);
    int rc = code(l, 0);
    if (rc == 0 && l->npend) rc = lerr(l, l->pend[0].label, "unterminated heredoc");
    free(l);
    if (rc < 0) return rc;
    if (doc->nsegs) qsort(doc->segs, doc->nsegs, sizeof(*doc->segs), by_position);
    for (size_t i = 0; i < doc->nsegs; i++)
        doc->segs[i].index = (int)i;
    return 0;
}
