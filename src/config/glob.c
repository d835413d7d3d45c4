/* glob.c - glob matching over paths and keys, and relative paths.
 *
 * The matcher is a small backtracking interpreter over the pattern; `{a,b}`
 * is expanded lazily (each alternative is matched with the rest of the
 * pattern appended). Characters are UTF-8 code points, so `?` and classes
 * take one whole character. Patterns come from the user's own config and
 * are capped at TL_GLOB_MAX bytes. */
#include "glob.h"
#include "../core/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One code point at s (at most `avail` bytes); an invalid byte stands for
 * itself. *n gets the length consumed. */
static uint32_t decode(const char *s, size_t avail, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t want = u[0] < 0x80 ? 1 : u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC2 ? 2 : 1;
    if (want > avail) want = 1;
    uint32_t cp = want == 1 ? u[0] : want == 2 ? u[0] & 0x1Fu : want == 3 ? u[0] & 0x0Fu : u[0] & 0x07u;
    for (size_t i = 1; i < want; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *n = 1;
            return u[0];
        }
        cp = cp << 6 | (u[i] & 0x3Fu);
    }
    *n = want;
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

/* The `}` closing the `{` at p, or NULL. */
static const char *brace_end(const char *p)
{
    int depth = 0;
    for (; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
        } else if (*p == '{') {
            depth++;
        } else if (*p == '}') {
            if (--depth == 0) return p;
        }
    }
    return NULL;
}

static bool gmatch(const char *p, const char *t, const char *te, unsigned flags);

/* `{a,b,...}rest`: each alternative followed by the rest. */
static bool brace(const char *p, const char *t, const char *te, unsigned flags)
{
    const char *end = brace_end(p);
    if (!end) return false;
    const char *rest = end + 1;
    size_t restlen = strlen(rest);
    const char *alt = p + 1;
    int depth = 0;
    for (const char *q = p + 1; q <= end; q++) {
        if (*q == '\\' && q + 1 < end) {
            q++;
            continue;
        }
        if (*q == '{') depth++;
        if (*q == '}' && q != end) depth--;
        if ((*q == ',' && depth == 0) || q == end) {
            size_t altlen = (size_t)(q - alt);
            char *tmp = malloc(altlen + restlen + 1);
            if (!tmp) return false;
            memcpy(tmp, alt, altlen);
            memcpy(tmp + altlen, rest, restlen + 1);
            bool ok = gmatch(tmp, t, te, flags);
            free(tmp);
            if (ok) return true;
            alt = q + 1;
        }
    }
    return false;
}

static bool gmatch(const char *p, const char *t, const char *te, unsigned flags)
{
    bool path = flags & TL_GLOB_PATH;
    for (;;) {
        char c = *p;
        if (!c) return t == te;
        if (c == '*') {
            if (path && p[1] == '*') {
                const char *q = p;
                while (*q == '*') q++;
                if (*q == '/') {
                    /* `**` + `/`: zero or more whole folders. */
                    q++;
                    if (gmatch(q, t, te, flags)) return true;
                    for (const char *s = t; s < te; s++)
                        if (*s == '/' && gmatch(q, s + 1, te, flags)) return true;
                    return false;
                }
                for (const char *s = t;; s++) {
                    if (gmatch(q, s, te, flags)) return true;
                    if (s == te) return false;
                }
            }
            while (*p == '*') p++;
            if (!*p && !path) return true;
            for (const char *s = t;; s++) {
                if (gmatch(p, s, te, flags)) return true;
                if (s == te || (path && *s == '/')) return false;
            }
        }
        if (c == '{') return brace(p, t, te, flags);
        if (t == te) return false;
        size_t k;
        uint32_t tc = decode(t, (size_t)(te - t), &k);
        if (c == '?') {
            if (path && tc == '/') return false;
            p++;
            t += k;
            continue;
        }
        if (c == '[') {
            bool hit = false;
            const char *q = class_match(p + 1, tc, &hit);
            if (!q || !hit || (path && tc == '/')) return false;
            p = q;
            t += k;
            continue;
        }
        if (c == '\\' && p[1]) p++;
        if (*p != *t) return false;
        p++;
        t++;
    }
}

bool tl_glob_valid(const char *pattern)
{
    if (strlen(pattern) > TL_GLOB_MAX) return false;
    for (const char *p = pattern; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
        } else if (*p == '{') {
            if (!brace_end(p)) return false;
        } else if (*p == '}') {
            /* A stray closer is checked by counting below. */
        } else if (*p == '[') {
            bool hit;
            const char *q = class_match(p + 1, 0, &hit);
            if (!q) return false;
            p = q - 1;
        }
    }
    int depth = 0;
    for (const char *p = pattern; *p; p++) {
        if (*p == '\\' && p[1])
            p++;
        else if (*p == '{')
            depth++;
        else if (*p == '}' && --depth < 0)
            return false;
    }
    return depth == 0;
}

bool tl_glob_match(const char *pattern, const char *text, unsigned flags)
{
    if (!tl_glob_valid(pattern)) return false;
    return gmatch(pattern, text, text + strlen(text), flags);
}

bool tl_path_match(const char *pattern, const char *rel)
{
    if (!tl_glob_valid(pattern)) return false;
    const char *p = pattern;
    bool anchored = false;
    while (p[0] == '.' && p[1] == '/') p += 2;
    if (*p == '/') {
        anchored = true;
        while (*p == '/') p++;
    }
    size_t plen = strlen(p);
    bool dir_only = plen && p[plen - 1] == '/';
    while (plen && p[plen - 1] == '/') plen--;
    if (!plen) return false;
    char *pat = malloc(plen + 1);
    if (!pat) return false;
    memcpy(pat, p, plen);
    pat[plen] = '\0';
    if (strchr(pat, '/')) anchored = true;
    while (rel[0] == '.' && rel[1] == '/') rel += 2;
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
            if (!dotdot && !(last && dir_only)) hit = gmatch(pat, s, e, TL_GLOB_PATH);
            s = last ? e : e + 1;
        }
    } else {
        /* The path itself, or a folder that holds it. */
        for (size_t k = 0; !hit && k < len; k++)
            if (rel[k] == '/') hit = gmatch(pat, rel, rel + k, TL_GLOB_PATH);
        if (!hit && !dir_only) hit = gmatch(pat, rel, rel + len, TL_GLOB_PATH);
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
    while (*a == '/') a++;
    while (*b == '/') b++;
    for (;;) {
        size_t la = comp_len(a), lb = comp_len(b);
        if (!la || la != lb || memcmp(a, b, la) != 0) break;
        a += la;
        b += lb;
        while (*a == '/') a++;
        while (*b == '/') b++;
    }
    int rc = 0;
    /* One `../` for each component of dir left over. */
    while (*a && rc == 0) {
        a += comp_len(a);
        while (*a == '/') a++;
        rc = tl_buf_puts(out, "../");
    }
    if (rc == 0 && *b) rc = tl_buf_printf(out, "%s/", b);
    if (rc == 0) rc = tl_buf_puts(out, base);
    free(abs);
    return rc < 0 ? TL_ENOMEM : 0;
}
