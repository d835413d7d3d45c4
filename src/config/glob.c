/* glob.c - glob matching over paths and keys, and relative paths.
 *
 * A pattern is first expanded into its `{a,b}` alternatives (at most
 * TL_GLOB_MAX_ALTERNATIVES), then each alternative is compiled into tokens
 * and run as an NFA over the text: one pass, a set of pattern positions per
 * character, so matching takes time proportional to text length times
 * pattern length whatever the stars (no backtracking blow-up). Characters
 * are UTF-8 code points, so `?` and classes take one whole character. */
#include "glob.h"
#include "../core/error.h"
#include "../core/utf8.h"
#include "../core/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TL_GLOB_MAX_ALTERNATIVES 256

/* One code point at s (at most `avail` bytes); an invalid byte stands for
 * itself. *n gets the length consumed. */
static uint32_t decode(const char *s, size_t avail, size_t *n)
{
    uint32_t cp;
    *n = avail ? tl_utf8_decode((const unsigned char *)s, avail, &cp) : 0;
    if (!*n) {
        *n = 1;
        cp = (unsigned char)s[0];
    }
    return cp;
}

/* A class body after `[`: returns the byte after its `]`, or NULL when the
 * class is not closed. *hit says whether c is in the class. */
static const char *class_match(const char *p, uint32_t c, bool *hit)
{
    bool neg = false, in = false, first = true;
    if (*p == '!' || *p == '^') {
        neg = true;
        p++;
    }
    while (*p && (*p != ']' || first)) {
        first = false;
        size_t k;
        if (*p == '\\' && p[1]) p++;
        uint32_t lo = decode(p, strlen(p), &k), hi = lo;
        p += k;
        if (p[0] == '-' && p[1] && p[1] != ']') {
            p++;
            if (*p == '\\' && p[1]) p++;
            hi = decode(p, strlen(p), &k);
            p += k;
        }
        if (lo <= c && c <= hi) in = true;
    }
    if (*p != ']') return NULL;
    *hit = in != neg;
    return p + 1;
}

/* The end of the element at p: past an escape, a class, or one byte. NULL
 * for an unclosed class. */
static const char *skip_element(const char *p)
{
    if (*p == '\\' && p[1]) return p + 2;
    if (*p == '[') {
        bool hit;
        return class_match(p + 1, 0, &hit);
    }
    return p + 1;
}

/* The `}` closing the `{` at p, or NULL. */
static const char *brace_end(const char *p)
{
    int depth = 0;
    while (*p) {
        if (*p == '{') depth++;
        if (*p == '}' && --depth == 0) return p;
        if (!(p = skip_element(p))) return NULL;
    }
    return NULL;
}

typedef struct alts {
    char **v;
    size_t n, cap;
    bool overflow; /* more alternatives than allowed, or out of memory */
} alts;

static void alts_free(alts *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->v[i]);
    free(a->v);
    memset(a, 0, sizeof(*a));
}

/* Add every expansion of `prefix` + pattern p to a. */
static void expand(alts *a, const char *prefix, size_t plen, const char *p)
{
    if (a->overflow) return;
    /* The first top-level `{`. */
    const char *open = p;
    while (*open && *open != '{') {
        if (!(open = skip_element(open))) {
            a->overflow = true;
            return;
        }
    }
    size_t head = (size_t)(open - p);
    if (!*open) {
        if (a->n == TL_GLOB_MAX_ALTERNATIVES) {
            a->overflow = true;
            return;
        }
        char *s = malloc(plen + head + 1);
        if (!s || (a->n == a->cap && tl_array_grow(&a->v, &a->cap, sizeof(*a->v), 8) < 0)) {
            free(s);
            a->overflow = true;
            return;
        }
        memcpy(s, prefix, plen);
        memcpy(s + plen, p, head + 1);
        a->v[a->n++] = s;
        return;
    }
    const char *close = brace_end(open);
    if (!close) {
        a->overflow = true;
        return;
    }
    /* prefix + head, then each alternative followed by the rest, expanded
     * again (an alternative may hold braces of its own). */
    const char *rest = close + 1;
    size_t restlen = strlen(rest);
    char *pre = malloc(plen + head + 1);
    char *tail = malloc((size_t)(close - open) + restlen + 1);
    if (!pre || !tail) {
        free(pre);
        free(tail);
        a->overflow = true;
        return;
    }
    memcpy(pre, prefix, plen);
    memcpy(pre + plen, p, head);
    const char *alt = open + 1, *q = open + 1;
    int depth = 0;
    while (q <= close && !a->overflow) {
        if (q == close || (*q == ',' && depth == 0)) {
            size_t al = (size_t)(q - alt);
            memcpy(tail, alt, al);
            memcpy(tail + al, rest, restlen + 1);
            expand(a, pre, plen + head, tail);
            if (q == close) break;
            alt = ++q;
            continue;
        }
        if (*q == '{') depth++;
        if (*q == '}') depth--;
        q = skip_element(q);
    }
    free(pre);
    free(tail);
}

/* An alternative compiled: a token per element. */
/* T_DIRS (`**` then `/`: zero or more whole folders) is followed by T_INSIDE, the
 * state of being within a folder name: only a `/` leads out of it. */
enum { T_LIT, T_ANY, T_CLASS, T_STAR, T_GLOBSTAR, T_DIRS, T_INSIDE };

typedef struct token {
    int type;
    uint32_t cp;     /* T_LIT */
    const char *cls; /* T_CLASS: the body after `[` */
} token;

static size_t compile(const char *p, token *t, bool path)
{
    size_t n = 0;
    while (*p) {
        if (*p == '*') {
            size_t stars = 0;
            while (*p == '*')
                p++, stars++;
            if (path && stars >= 2 && *p == '/') {
                t[n++] = (token){T_DIRS, 0, NULL};
                t[n++] = (token){T_INSIDE, 0, NULL};
                p++;
            } else {
                t[n++] = (token){path && stars >= 2 ? T_GLOBSTAR : T_STAR, 0, NULL};
            }
        } else if (*p == '?') {
            t[n++] = (token){T_ANY, 0, NULL};
            p++;
        } else if (*p == '[') {
            t[n++] = (token){T_CLASS, 0, p + 1};
            p = skip_element(p);
        } else {
            if (*p == '\\' && p[1]) p++;
            size_t k;
            uint32_t cp = decode(p, strlen(p), &k);
            t[n++] = (token){T_LIT, cp, NULL};
            p += k;
        }
    }
    return n;
}

/* Add position i and what it reaches without consuming a character. */
static void closure(const token *t, size_t n, bool *set, size_t i)
{
    /* A position already in the set brought its closure with it. */
    while (i <= n && !set[i]) {
        set[i] = true;
        if (i == n) break;
        if (t[i].type == T_STAR || t[i].type == T_GLOBSTAR)
            i++;
        else if (t[i].type == T_DIRS)
            i += 2; /* zero folders: past T_INSIDE */
        else
            break;
    }
}

/* Run a compiled alternative over text[0, len). With dirs_too, a prefix
 * that ends just before a `/` matching is a match too (a folder that holds
 * the path). */
static bool run(const token *t, size_t n, const char *text, size_t len, bool path, bool dirs_too,
                bool *cur, bool *next)
{
    memset(cur, 0, n + 1);
    closure(t, n, cur, 0);
    for (size_t pos = 0; pos < len;) {
        if (dirs_too && text[pos] == '/' && cur[n]) return true;
        size_t k;
        uint32_t c = decode(text + pos, len - pos, &k);
        pos += k;
        memset(next, 0, n + 1);
        bool any = false;
        for (size_t i = 0; i < n; i++) {
            if (!cur[i]) continue;
            bool slash = c == '/';
            switch (t[i].type) {
            case T_LIT:
                if (c == t[i].cp) closure(t, n, next, i + 1);
                break;
            case T_ANY:
                if (!(path && slash)) closure(t, n, next, i + 1);
                break;
            case T_CLASS: {
                bool hit = false;
                class_match(t[i].cls, c, &hit);
                if (hit && !(path && slash)) closure(t, n, next, i + 1);
                break;
            }
            case T_STAR:
                if (!(path && slash)) closure(t, n, next, i);
                break;
            case T_GLOBSTAR:
                closure(t, n, next, i);
                break;
            case T_DIRS:
            case T_INSIDE:
                /* A `/` ends a folder (then maybe more folders, or none);
                 * any other character is inside one. */
                if (slash)
                    closure(t, n, next, t[i].type == T_DIRS ? i : i - 1);
                else
                    next[t[i].type == T_DIRS ? i + 1 : i] = true;
                break;
            }
        }
        for (size_t i = 0; i <= n; i++)
            any |= next[i];
        if (!any) return false;
        bool *tmp = cur;
        cur = next;
        next = tmp;
    }
    return cur[n];
}

static bool match_alternative(const char *alt, const char *text, size_t len, bool path,
                              bool dirs_too)
{
    size_t plen = strlen(alt);
    token *t = malloc((plen + 1) * sizeof(*t));
    bool *sets = malloc(2 * (plen + 2));
    bool hit = false;
    if (t && sets) {
        size_t n = compile(alt, t, path);
        hit = run(t, n, text, len, path, dirs_too, sets, sets + plen + 2);
    }
    free(t);
    free(sets);
    return hit;
}

bool tl_glob_valid(const char *pattern)
{
    if (strlen(pattern) > TL_GLOB_MAX) return false;
    int depth = 0;
    for (const char *p = pattern; *p;) {
        if (*p == '{') depth++;
        if (*p == '}' && --depth < 0) return false;
        if (!(p = skip_element(p))) return false;
    }
    if (depth != 0) return false;
    alts a = {0};
    expand(&a, "", 0, pattern);
    bool ok = !a.overflow;
    alts_free(&a);
    return ok;
}

/* Match text[0, len) against every alternative of pattern. */
static bool match(const char *pattern, const char *text, size_t len, bool path, bool dirs_too)
{
    if (strlen(pattern) > TL_GLOB_MAX) return false;
    alts a = {0};
    expand(&a, "", 0, pattern);
    bool hit = false;
    for (size_t i = 0; !a.overflow && !hit && i < a.n; i++)
        hit = match_alternative(a.v[i], text, len, path, dirs_too);
    alts_free(&a);
    return hit;
}

bool tl_glob_match(const char *pattern, const char *text, unsigned flags)
{
    return tl_glob_valid(pattern) &&
           match(pattern, text, strlen(text), flags & TL_GLOB_PATH, false);
}

bool tl_path_match(const char *pattern, const char *rel)
{
    if (!tl_glob_valid(pattern)) return false;
    const char *p = pattern;
    bool anchored = false;
    while (p[0] == '.' && p[1] == '/')
        p += 2;
    if (*p == '/') {
        anchored = true;
        while (*p == '/')
            p++;
    }
    size_t plen = strlen(p);
    bool dir_only = plen && p[plen - 1] == '/';
    while (plen && p[plen - 1] == '/')
        plen--;
    if (!plen) return false;
    char *pat = malloc(plen + 1);
    if (!pat) return false;
    memcpy(pat, p, plen);
    pat[plen] = '\0';
    if (strchr(pat, '/')) anchored = true;
    while (rel[0] == '.' && rel[1] == '/')
        rel += 2;
    size_t len = strlen(rel);
    bool hit = false;
    if (!anchored) {
        /* Any component: a file name, or a folder on the way to it. */
        const char *s = rel;
        while (!hit && *s) {
            const char *e = strchr(s, '/');
            bool last = !e;
            if (!e) e = rel + len;
            bool dotdot = e - s == 2 && s[0] == '.' && s[1] == '.';
            if (!dotdot && !(last && dir_only)) hit = match(pat, s, (size_t)(e - s), true, false);
            s = last ? e : e + 1;
        }
    } else {
        /* The path itself, or a folder that holds it. */
        /* The path itself, or a folder that holds it: one pass (a prefix
         * ending before a `/` counts). Folders only: stop at the last `/`. */
        const char *last = strrchr(rel, '/');
        if (!dir_only)
            hit = match(pat, rel, len, true, true);
        else if (last)
            hit = match(pat, rel, (size_t)(last - rel), true, true);
    }
    free(pat);
    return hit;
}

char *tl_path_dir_abs(const char *path)
{
    const char *slash = strcmp(path, "-") == 0 ? NULL : strrchr(path, '/');
    if (!slash) return realpath(".", NULL);
    if (slash == path) return realpath("/", NULL);
    size_t n = (size_t)(slash - path);
    char *dir = malloc(n + 1);
    if (!dir) return NULL;
    memcpy(dir, path, n);
    dir[n] = '\0';
    char *abs = realpath(dir, NULL);
    free(dir);
    return abs;
}

/* Length of the next component of s (up to `/` or the end). */
static size_t comp_len(const char *s)
{
    return strcspn(s, "/");
}

int tl_path_relative(tl_buf *out, const char *dir, const char *path)
{
    char *abs = tl_path_dir_abs(path);
    if (!abs) return TL_EIO;
    const char *slash = strcmp(path, "-") == 0 ? NULL : strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    /* Skip the common leading components of dir and abs. */
    const char *a = dir, *b = abs;
    while (*a == '/')
        a++;
    while (*b == '/')
        b++;
    for (;;) {
        size_t la = comp_len(a), lb = comp_len(b);
        if (!la || la != lb || memcmp(a, b, la) != 0) break;
        a += la;
        b += lb;
        while (*a == '/')
            a++;
        while (*b == '/')
            b++;
    }
    int rc = 0;
    /* One `../` for each component of dir left over. */
    while (*a && rc == 0) {
        a += comp_len(a);
        while (*a == '/')
            a++;
        rc = tl_buf_puts(out, "../");
    }
    if (rc == 0 && *b) rc = tl_buf_printf(out, "%s/", b);
    if (rc == 0) rc = tl_buf_puts(out, base);
    free(abs);
    return rc < 0 ? TL_ENOMEM : 0;
}
