/* patparse.c - the prefilter's conservative parser of PCRE2 pattern
 * syntax: a pattern in, the condition every match satisfies out (through
 * the algebra of litset.c), and that condition as text for the tests. It
 * never compiles a pattern (regex.c does) and gives up, with "true", on
 * syntax it does not know. */
#include "prefilter_int.h"
#include "../core/array.h"
#include "../core/utf8.h"

#include <stdlib.h>
#include <string.h>

bool tl_prefilter_caseless_punct(uint32_t cp)
{
    /* General Punctuation without its spaces and format characters:
     * dashes, quotes, bullets, ellipsis, primes. None has another case. */
    return (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E);
}

enum { K_NONE, K_LOWER, K_UPPER };

/* What the parser knows about a piece of pattern. */
typedef struct info {
    bool exact_ok; /* every match is one of exact's strings */
    lset exact;
    cond req;          /* beyond exact: what every match needs */
    int kfirst, klast; /* case kind of a match's first and last character */
    bool upper1;       /* every match is one ASCII capital, matched with case */
    bool zero;         /* matches only the empty string (an assertion) */
    /* A run of literal characters: its length when all are capitals
     * matched with case, else its leading and trailing capitals and its
     * longest run of them. */
    unsigned up_all, up_pre, up_suf, up_in;
} info;

/* Every ASCII byte, for one-character literals without an allocation. */
static const char ASCII[128] = {
    0,   1,    2,   3,   4,   5,   6,   7,   8,   9,   10,  11,  12,  13,  14,  15,  16,   17,  18,
    19,  20,   21,  22,  23,  24,  25,  26,  27,  28,  29,  30,  31,  ' ', '!', '"', '#',  '$', '%',
    '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/', '0', '1', '2', '3', '4', '5', '6',  '7', '8',
    '9', ':',  ';', '<', '=', '>', '?', '@', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I',  'J', 'K',
    'L', 'M',  'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', '[', '\\', ']', '^',
    '_', '`',  'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',  'p', 'q',
    'r', 's',  't', 'u', 'v', 'w', 'x', 'y', 'z', '{', '|', '}', '~', 127,
};

static cond info_req(parser *ps, const info *x)
{
    if (!x->exact_ok) return x->req;
    return tl_cond_and(ps, x->req, tl_cond_of_set(ps, &x->exact));
}

/* ---- The parser ----
 *
 * The parser understands sequences, alternation, groups of every PCRE2
 * kind it can skip safely, option settings (i, and giving up on x),
 * classes, escapes and quantifiers; on anything else (\Q..\E, (*VERB),
 * conditionals, recursion, a brace that is not a quantifier) it gives up
 * and the pattern always runs. Assertions match the empty string but
 * what a positive lookaround needs is still in the text. */

static info info_other(parser *ps)
{
    info x;
    memset(&x, 0, sizeof(x));
    x.req = tl_cond_true(ps);
    return x;
}

static info info_zero(parser *ps)
{
    info x = info_other(ps);
    x.exact_ok = true;
    x.exact = tl_lset_empty_string(ps);
    x.zero = true;
    return x;
}

/* One character as an exact set. c is ASCII; a letter matched with case
 * when the parser is not caseless. */
static info info_char(parser *ps, char c)
{
    info x = info_other(ps);
    if ((unsigned char)c <= ' ' && (unsigned char)c >= '\t' && (c == ' ' || c <= '\r')) c = ' ';
    bool letter = is_lower(c) || is_upper(c);
    bool cs = letter && !ps->caseless;
    x.exact.v = tl_pf_alloc(ps, sizeof(lit));
    if (!x.exact.v) return x;
    x.exact.v[0] = (lit){&ASCII[(unsigned char)(cs ? c : lower(c))], 1, cs ? 1u : 0u};
    x.exact.n = 1;
    x.exact_ok = true;
    if (cs) {
        x.kfirst = x.klast = is_upper(c) ? K_UPPER : K_LOWER;
        x.upper1 = is_upper(c);
    }
    return x;
}

/* Decode one UTF-8 character at ps->p and step over it; 0 if invalid. */
static uint32_t utf8_next(parser *ps)
{
    const unsigned char *s = (const unsigned char *)ps->p;
    uint32_t cp = 0;
    size_t avail = strnlen(ps->p, 4); /* the pattern is a C string */
    size_t n = avail ? tl_utf8_decode(s, avail, &cp) : 1;
    ps->p += n ? n : 1;
    return n ? cp : 0;
}

/* A code point as an atom: exact when the scan can see it as written. */
static info info_cp(parser *ps, uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F) return info_char(ps, (char)cp);
    if (cp >= '\t' && cp <= '\r') return info_char(ps, ' ');
    if (!tl_prefilter_caseless_punct(cp)) return info_other(ps);
    info x = info_other(ps);
    char *s = tl_pf_alloc(ps, 4);
    x.exact.v = tl_pf_alloc(ps, sizeof(lit));
    if (!s || !x.exact.v) return x;
    x.exact.v[0] = (lit){s, tl_utf8_encode(s, cp), 0};
    x.exact.n = 1;
    x.exact_ok = true;
    return x;
}

/* Skip to just past `close`; fail when the pattern ends first. */
static void skip_past(parser *ps, char close)
{
    const char *e = strchr(ps->p, close);
    if (!e) {
        ps->fail = true;
        return;
    }
    ps->p = e + 1;
}

/* \x: ps->p just past the 'x'. Returns the code point, or UINT32_MAX. */
static uint32_t parse_hex(parser *ps)
{
    uint32_t cp = 0;
    if (*ps->p == '{') {
        ps->p++;
        int digits = 0;
        while (tl_hexval((unsigned char)*ps->p) >= 0) {
            cp = cp * 16 + (uint32_t)tl_hexval((unsigned char)*ps->p++);
            if (++digits > 8) {
                ps->fail = true;
                return UINT32_MAX;
            }
        }
        if (*ps->p != '}' || digits == 0) {
            ps->fail = true;
            return UINT32_MAX;
        }
        ps->p++;
        return cp;
    }
    for (int i = 0; i < 2 && tl_hexval((unsigned char)*ps->p) >= 0; i++)
        cp = cp * 16 + (uint32_t)tl_hexval((unsigned char)*ps->p++);
    return cp;
}

/* An escape outside a class; ps->p is at the backslash. */
static info parse_escape(parser *ps)
{
    char e = ps->p[1];
    if (e == '\0') {
        ps->fail = true;
        return info_other(ps);
    }
    if ((unsigned char)e >= 0x80) { /* an escaped non-ASCII character */
        ps->p++;
        uint32_t cp = utf8_next(ps);
        return cp ? info_cp(ps, cp) : info_other(ps);
    }
    ps->p += 2;
    if (!is_alnum(e)) {
        if ((unsigned char)e < 0x20 || e == 0x7f) return info_other(ps);
        return info_char(ps, e);
    }
    switch (e) {
    case 'b':
    case 'B':
    case 'A':
    case 'z':
    case 'Z':
    case 'G':
    case 'K':
    case 'E':
        return info_zero(ps);
    case 's':
    case 't':
    case 'n':
    case 'r':
    case 'f':
        return info_char(ps, ' ');
    case 'd':
    case 'D':
    case 'S':
    case 'w':
    case 'W':
    case 'h':
    case 'H':
    case 'v':
    case 'V':
    case 'R':
    case 'X':
    case 'C':
    case 'e':
    case 'a':
        return info_other(ps);
    case 'N':
        if (*ps->p == '{') ps->fail = true;
        return info_other(ps);
    case 'p':
    case 'P':
        if (*ps->p == '{')
            skip_past(ps, '}');
        else if (*ps->p)
            ps->p++;
        else
            ps->fail = true;
        return info_other(ps);
    case 'x': {
        uint32_t cp = parse_hex(ps);
        return ps->fail ? info_other(ps) : info_cp(ps, cp);
    }
    case 'o':
        if (*ps->p == '{')
            skip_past(ps, '}');
        else
            ps->fail = true;
        return info_other(ps);
    case 'c':
        if (*ps->p)
            ps->p++;
        else
            ps->fail = true;
        return info_other(ps);
    case 'g':
    case 'k':
        if (*ps->p == '{')
            skip_past(ps, '}');
        else if (*ps->p == '<')
            skip_past(ps, '>');
        else if (*ps->p == '\'') {
            ps->p++;
            skip_past(ps, '\'');
        } else {
            if (*ps->p == '+' || *ps->p == '-') ps->p++;
            while (is_digit(*ps->p))
                ps->p++;
        }
        return info_other(ps);
    default:
        if (is_digit(e)) { /* back reference or octal */
            while (is_digit(*ps->p))
                ps->p++;
            return info_other(ps);
        }
        ps->fail = true; /* \Q and anything unknown */
        return info_other(ps);
    }
}

/* Class members, as far as the parser can list them. */
typedef struct members {
    bool ascii[128];
    uint32_t other[8]; /* caseless punctuation */
    size_t nother;
    bool unlisted; /* something not listed: \w, a property, a letter with other cases... */
} members;

static void add_cp(members *m, uint32_t cp)
{
    if (cp >= '\t' && cp <= '\r') cp = ' ';
    if (cp >= 0x20 && cp < 0x7F) {
        m->ascii[cp] = true;
        return;
    }
    if (!tl_prefilter_caseless_punct(cp) || m->nother == 8) {
        m->unlisted = true;
        return;
    }
    for (size_t i = 0; i < m->nother; i++)
        if (m->other[i] == cp) return;
    m->other[m->nother++] = cp;
}

/* One class item (not a range end): a code point, or UINT32_MAX for a set
 * (\d, [:alpha:]...) that was recorded as unlisted. */
static uint32_t class_item(parser *ps, members *m)
{
    const char *p = ps->p;
    if (*p == '\\') {
        char e = p[1];
        if (e == '\0' || e == 'Q' || e == 'E') {
            ps->fail = true;
            return UINT32_MAX;
        }
        if ((unsigned char)e >= 0x80) {
            ps->p++;
            uint32_t cp = utf8_next(ps);
            if (!cp) m->unlisted = true;
            return cp ? cp : UINT32_MAX;
        }
        ps->p += 2;
        if (!is_alnum(e)) return (unsigned char)e;
        switch (e) {
        case 's':
            add_cp(m, ' ');
            return UINT32_MAX;
        case 't':
        case 'n':
        case 'r':
        case 'f':
            return ' ';
        case 'x': {
            uint32_t cp = parse_hex(ps);
            return ps->fail ? UINT32_MAX : cp;
        }
        case 'p':
        case 'P':
            if (*ps->p == '{')
                skip_past(ps, '}');
            else if (*ps->p)
                ps->p++;
            else
                ps->fail = true;
            m->unlisted = true;
            return UINT32_MAX;
        case 'c':
            if (*ps->p)
                ps->p++;
            else
                ps->fail = true;
            m->unlisted = true;
            return UINT32_MAX;
        case 'o':
            if (*ps->p == '{')
                skip_past(ps, '}');
            else
                ps->fail = true;
            m->unlisted = true;
            return UINT32_MAX;
        case 'd':
        case 'D':
        case 'w':
        case 'W':
        case 'S':
        case 'h':
        case 'H':
        case 'v':
        case 'V':
        case 'b':
        case 'e':
        case 'a':
        case 'N':
        case 'R':
        case 'X':
            m->unlisted = true;
            return UINT32_MAX;
        default:
            if (is_digit(e)) { /* octal */
                while (is_digit(*ps->p))
                    ps->p++;
                m->unlisted = true;
                return UINT32_MAX;
            }
            ps->fail = true;
            return UINT32_MAX;
        }
    }
    if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
        if (p[1] != ':') {
            ps->fail = true;
            return UINT32_MAX;
        }
        const char *e = strstr(p + 2, ":]");
        if (!e) {
            ps->fail = true;
            return UINT32_MAX;
        }
        ps->p = e + 2;
        m->unlisted = true;
        return UINT32_MAX;
    }
    uint32_t cp = utf8_next(ps);
    if (!cp) {
        m->unlisted = true;
        return UINT32_MAX;
    }
    return cp;
}

/* A character class; ps->p is just past '['. */
static info parse_class(parser *ps)
{
    members m;
    memset(&m, 0, sizeof(m));
    bool negated = false;
    if (*ps->p == '^') {
        negated = true;
        ps->p++;
    }
    bool first = true;
    for (;;) {
        if (*ps->p == '\0') {
            ps->fail = true;
            return info_other(ps);
        }
        if (*ps->p == ']' && !first) break;
        first = false;
        uint32_t lo = class_item(ps, &m);
        if (ps->fail) return info_other(ps);
        if (*ps->p == '-' && ps->p[1] != ']' && ps->p[1] != '\0') {
            if (lo == UINT32_MAX) { /* [\d-x]: '-' is a literal */
                m.unlisted = true;
                continue;
            }
            ps->p++;
            uint32_t hi = class_item(ps, &m);
            if (ps->fail) return info_other(ps);
            if (hi == UINT32_MAX || hi < lo) {
                m.unlisted = true;
                continue;
            }
            if (hi - lo > 128) {
                m.unlisted = true;
                continue;
            }
            for (uint32_t c = lo; c <= hi; c++)
                add_cp(&m, c);
            continue;
        }
        if (lo != UINT32_MAX) add_cp(&m, lo);
    }
    ps->p++;
    info x = info_other(ps);
    if (negated) return x;
    /* Case kinds, when matched with case and made only of one kind. */
    if (!ps->caseless && !m.nother) {
        bool lo = true, up = true, any = false;
        for (int c = 0; c < 128; c++)
            if (m.ascii[c]) {
                any = true;
                lo = lo && is_lower((char)c);
                up = up && is_upper((char)c);
            }
        if (any && !m.unlisted) {
            if (lo) x.kfirst = x.klast = K_LOWER;
            if (up) {
                x.kfirst = x.klast = K_UPPER;
                x.upper1 = true;
            }
        }
    }
    if (m.unlisted) return x;
    if (ps->caseless)
        for (int c = 'A'; c <= 'Z'; c++)
            if (m.ascii[c]) {
                m.ascii[c] = false;
                m.ascii[c - 'A' + 'a'] = true;
            }
    size_t n = m.nother;
    for (int c = 0; c < 128; c++)
        n += m.ascii[c];
    if (n == 0 || n > CAP_CLASS) return x;
    lset l = {tl_pf_alloc(ps, n * sizeof(lit)), 0, 0};
    if (!l.v) return x;
    for (int c = 0; c < 128; c++) {
        if (!m.ascii[c]) continue;
        const char *s = &ASCII[c];
        bool cs = !ps->caseless && (is_lower((char)c) || is_upper((char)c));
        l.v[l.n++] = (lit){s, 1, cs ? 1u : 0u};
    }
    for (size_t i = 0; i < m.nother; i++) {
        char *s = tl_pf_alloc(ps, 4);
        if (!s) return x;
        l.v[l.n++] = (lit){s, tl_utf8_encode(s, m.other[i]), 0};
    }
    x.exact = l;
    x.exact_ok = true;
    return x;
}

static info parse_alt(parser *ps);

/* A group; ps->p is just past '('. */
static info parse_group(parser *ps)
{
    const char *p = ps->p;
    bool saved = ps->caseless;
    enum { NORMAL, POSITIVE, NEGATIVE } kind = NORMAL;
    if (*p == '*') { /* (*VERB), (*pla:...) */
        ps->fail = true;
        return info_other(ps);
    }
    if (*p == '?') {
        p++;
        if (*p == ':' || *p == '|' || *p == '>') {
            p++;
        } else if (*p == '=' || *p == '!') {
            kind = *p == '=' ? POSITIVE : NEGATIVE;
            p++;
        } else if (*p == '<' && (p[1] == '=' || p[1] == '!')) {
            kind = p[1] == '=' ? POSITIVE : NEGATIVE;
            p += 2;
        } else if (*p == '<' || *p == '\'' || (*p == 'P' && p[1] == '<')) {
            if (*p == 'P') p++;
            const char *e = strchr(p + 1, *p == '\'' ? '\'' : '>');
            if (!e) {
                ps->fail = true;
                return info_other(ps);
            }
            p = e + 1;
        } else if (*p == '#') {
            ps->p = p;
            skip_past(ps, ')');
            return info_zero(ps);
        } else if ((*p && strchr("imnsxJU-", *p)) || *p == '^') {
            /* Option letters: caseless is followed; extended mode changes
             * what a literal is, so it gives up. */
            bool on = true, cl = ps->caseless;
            if (*p == '^') {
                cl = false;
                p++;
            }
            while (*p && strchr("imnsxJU-", *p)) {
                if (*p == 'x') {
                    ps->fail = true;
                    return info_other(ps);
                }
                if (*p == '-') on = false;
                if (*p == 'i') cl = on;
                p++;
            }
            if (*p == ')') { /* (?i): applies to the rest of the enclosing group */
                ps->p = p + 1;
                ps->caseless = cl;
                return info_zero(ps);
            }
            if (*p != ':') {
                ps->fail = true;
                return info_other(ps);
            }
            ps->caseless = cl;
            p++;
        } else {
            ps->fail = true; /* conditionals, recursion, callouts */
            return info_other(ps);
        }
    }
    ps->p = p;
    if (++ps->depth > MAX_DEPTH) {
        ps->fail = true;
        return info_other(ps);
    }
    info inner = parse_alt(ps);
    ps->depth--;
    ps->caseless = saved;
    if (ps->fail) return info_other(ps);
    if (*ps->p != ')') {
        ps->fail = true;
        return info_other(ps);
    }
    ps->p++;
    if (kind == NORMAL) return inner;
    info x = info_zero(ps);
    if (kind == POSITIVE) x.req = info_req(ps, &inner);
    return x;
}

/* A quantifier after an atom: sets *min and *max (ULONG_MAX: no limit) and
 * returns true, or returns false when there is none. A '{' that is not a
 * strict quantifier gives up (PCRE2 versions differ on what it means). */
static bool quantifier(parser *ps, unsigned long *min, unsigned long *max)
{
    const char *p = ps->p;
    if (*p == '?') {
        *min = 0, *max = 1;
        p++;
    } else if (*p == '*') {
        *min = 0, *max = (unsigned long)-1;
        p++;
    } else if (*p == '+') {
        *min = 1, *max = (unsigned long)-1;
        p++;
    } else if (*p == '{') {
        p++;
        if (!is_digit(*p)) {
            ps->fail = true;
            return false;
        }
        char *end;
        *min = strtoul(p, &end, 10);
        *max = *min;
        p = end;
        if (*p == ',') {
            p++;
            if (is_digit(*p)) {
                *max = strtoul(p, &end, 10);
                p = end;
            } else {
                *max = (unsigned long)-1;
            }
        }
        if (*p != '}' || *max < *min) {
            ps->fail = true;
            return false;
        }
        p++;
    } else {
        return false;
    }
    if (*p == '?' || *p == '+') p++; /* lazy, possessive */
    ps->p = p;
    return true;
}

static info parse_atom(parser *ps)
{
    char c = *ps->p;
    if (c == '\\') return parse_escape(ps);
    if (c == '(') {
        ps->p++;
        return parse_group(ps);
    }
    if (c == '[') {
        ps->p++;
        return parse_class(ps);
    }
    if (c == '^' || c == '$') {
        ps->p++;
        return info_zero(ps);
    }
    if (c == '.') {
        ps->p++;
        return info_other(ps);
    }
    if (c == '*' || c == '+' || c == '?' || c == '{') {
        ps->fail = true; /* a quantifier with nothing before it */
        return info_other(ps);
    }
    if ((unsigned char)c >= 0x80) {
        uint32_t cp = utf8_next(ps);
        return cp ? info_cp(ps, cp) : info_other(ps);
    }
    ps->p++;
    if ((unsigned char)c < 0x20 || c == 0x7f) return info_cp(ps, (unsigned char)c);
    return info_char(ps, c);
}

static bool plain(char c)
{
    switch (c) {
    case '\\':
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case '.':
    case '^':
    case '$':
    case '|':
    case '*':
    case '+':
    case '?':
        return false;
    default:
        return (unsigned char)c >= 0x20 && (unsigned char)c < 0x7F;
    }
}

static bool quantifier_at(const char *p)
{
    return *p == '*' || *p == '+' || *p == '?' || *p == '{';
}

/* Two or more plain characters with no quantifier on the last: one atom,
 * one string (the common case, made without a product per character). */
static bool literal_run(parser *ps, info *x)
{
    const char *p = ps->p;
    size_t n = 0;
    while (plain(p[n]) && n < MAX_LIT && !quantifier_at(p + n + 1))
        n++;
    if (n < 2) return false;
    *x = info_other(ps);
    char *s = tl_pf_alloc(ps, n);
    x->exact.v = tl_pf_alloc(ps, sizeof(lit));
    if (!s || !x->exact.v) return true;
    uint64_t cs = 0;
    unsigned run = 0;
    bool lead = true;
    for (size_t i = 0; i < n; i++) {
        char c = p[i] == ' ' ? ' ' : p[i];
        bool letter = is_lower(c) || is_upper(c);
        if (letter && !ps->caseless) cs |= (uint64_t)1 << i;
        s[i] = letter && ps->caseless ? lower(c) : c;
        if (letter && !ps->caseless && is_upper(c)) {
            if (++run > x->up_in) x->up_in = run;
            if (lead) x->up_pre = run;
        } else {
            run = 0;
            lead = false;
        }
    }
    x->up_suf = run;
    if (x->up_pre == n) x->up_all = (unsigned)n;
    if (!ps->caseless) {
        int kinds[2] = {K_NONE, K_NONE};
        char ends[2] = {p[0], p[n - 1]};
        for (int k = 0; k < 2; k++)
            kinds[k] = is_upper(ends[k]) ? K_UPPER : is_lower(ends[k]) ? K_LOWER : K_NONE;
        x->kfirst = kinds[0];
        x->klast = kinds[1];
    }
    x->exact.v[0] = (lit){s, n, cs};
    x->exact.n = 1;
    x->exact_ok = true;
    ps->p = p + n;
    return true;
}

/* A sequence: exact strings are multiplied out into runs while they stay
 * small; a run ends at anything of unknown content and becomes a literal
 * set every match needs. Assertions do not end a run: they match nothing,
 * so what is on both sides is adjacent. */
static info parse_seq(parser *ps)
{
    lset run = tl_lset_empty_string(ps);
    bool all_exact = true, consumed = false, first_seen = false;
    cond req = tl_cond_true(ps);
    int kfirst = K_NONE, prev = K_NONE;
    unsigned up_cur = 0, up_best = 0, natoms = 0;
    bool lu = false, single_upper = false;
#define FLUSH(set)                                                                                 \
    do {                                                                                           \
        lset fl_ = (set);                                                                          \
        req = tl_cond_and(ps, req, tl_cond_of_set(ps, &fl_));                                      \
    } while (0)
    while (!ps->fail && !ps->nomem) {
        char c = *ps->p;
        if (c == '\0' || c == '|' || c == ')') break;
        info a;
        if (!literal_run(ps, &a)) a = parse_atom(ps);
        if (ps->fail || ps->nomem) break;
        unsigned long qmin = 1, qmax = 1;
        quantifier(ps, &qmin, &qmax);
        if (ps->fail) break;
        /* min and max may be rewritten below for the exact strings (x? is
         * "x or nothing", once); what the atom requires of the text, and
         * its case features, follow the quantifier as written: qmin. */
        unsigned long min = qmin, max = qmax;
        if (a.zero) {
            if (min >= 1) req = tl_cond_and(ps, req, a.req);
            continue;
        }
        if (max == 0) continue; /* x{0} */
        consumed = true;
        natoms++;
        single_upper = a.upper1 && min == 1 && max == 1;
        lset base = a.exact, e;
        if (a.exact_ok && min == 0 && max == 1) { /* x? is x or nothing */
            lset none = tl_lset_empty_string(ps);
            if (tl_lset_union(ps, &base, &a.exact, &none, CAP_EXACT)) min = max = 1;
        }
        if (a.exact_ok && min >= 1 && tl_lset_power(ps, &e, &base, min)) {
            lset prod;
            if (tl_lset_product(ps, &prod, &run, &e)) {
                run = prod;
            } else {
                FLUSH(run);
                run = e;
                all_exact = false;
            }
            if (min != max) { /* variable count: the run ends after the first copies */
                FLUSH(run);
                run = e;
                all_exact = false;
            }
        } else {
            FLUSH(run);
            run = tl_lset_empty_string(ps);
            if (a.exact_ok && min >= 1) { /* too many copies to multiply out: one */
                FLUSH(a.exact);
                run = a.exact;
            }
            all_exact = false;
        }
        min = qmin;
        max = qmax;
        if (min >= 1) req = tl_cond_and(ps, req, a.req);
        /* Case features. */
        if (!first_seen) {
            kfirst = min >= 1 ? a.kfirst : K_NONE;
            first_seen = true;
        }
        if (min >= 1) {
            if (prev == K_LOWER && a.kfirst == K_UPPER) lu = true;
            prev = a.klast;
        } else if (a.klast != prev) {
            prev = K_NONE;
        }
        unsigned all = a.upper1 ? 1 : a.up_all;
        unsigned pre = a.up_pre ? a.up_pre : a.kfirst == K_UPPER;
        unsigned suf = a.up_suf ? a.up_suf : a.klast == K_UPPER;
        if (all && min >= 1) {
            unsigned long add = all * (min > MAX_UP ? MAX_UP : min);
            up_cur = up_cur + add > MAX_UP ? MAX_UP : up_cur + (unsigned)add;
            if (up_cur > up_best) up_best = up_cur;
            if (max != min) up_cur = add > MAX_UP ? MAX_UP : (unsigned)add;
        } else {
            unsigned joined = up_cur + (min >= 1 ? pre : 0);
            if (joined > up_best) up_best = joined;
            if (min >= 1 && a.up_in > up_best) up_best = a.up_in;
            up_cur = min >= 1 ? suf : 0;
        }
        if (up_best > MAX_UP) up_best = MAX_UP;
    }
    if (up_cur > up_best) up_best = up_cur;
    info x = info_other(ps);
    if (ps->fail || ps->nomem) return x;
    if (all_exact) {
        x.exact_ok = true;
        x.exact = run;
    } else {
        FLUSH(run);
    }
#undef FLUSH
    if (up_best >= 2 || lu) {
        term t = TRUE_TERM;
        t.up = up_best >= 2 ? (up_best > MAX_UP ? MAX_UP : up_best) : 0;
        t.lu = lu;
        req = tl_cond_and(ps, req, tl_cond_of(ps, t));
    }
    x.req = req;
    x.kfirst = kfirst;
    x.klast = prev;
    x.upper1 = natoms == 1 && single_upper;
    x.zero = !consumed;
    return x;
}

static info parse_alt(parser *ps)
{
    info first = parse_seq(ps);
    if (ps->fail || ps->nomem || *ps->p != '|') return first;
    size_t nb = 0, cap = 0;
    info *bs = NULL;
    if (tl_array_grow_in(ps->a, &bs, &cap, sizeof(*bs), 8) < 0) {
        ps->nomem = true;
        return info_other(ps);
    }
    bs[nb++] = first;
    while (!ps->fail && !ps->nomem && *ps->p == '|') {
        ps->p++;
        info b = parse_seq(ps);
        if (ps->fail || ps->nomem) break;
        if (nb == cap && tl_array_grow_in(ps->a, &bs, &cap, sizeof(*bs), 8) < 0) {
            ps->nomem = true;
            break;
        }
        bs[nb++] = b;
    }
    info x = info_other(ps);
    if (ps->fail || ps->nomem) return x;
    /* Exact when every branch is, and the strings stay few. */
    size_t total = 0;
    bool exact_ok = true;
    for (size_t i = 0; i < nb && exact_ok; i++) {
        exact_ok = bs[i].exact_ok;
        total += bs[i].exact.n;
    }
    if (exact_ok && total <= CAP_ALT) {
        x.exact.v = tl_pf_alloc(ps, total * sizeof(lit));
        if (!x.exact.v) return x;
        for (size_t i = 0; i < nb; i++) {
            memcpy(x.exact.v + x.exact.n, bs[i].exact.v, bs[i].exact.n * sizeof(lit));
            x.exact.n += bs[i].exact.n;
        }
        tl_lset_canon(&x.exact);
        x.exact_ok = true;
    }
    cond *cs = tl_pf_alloc(ps, nb * sizeof(cond));
    if (!cs) return x;
    for (size_t i = 0; i < nb; i++)
        cs[i] = x.exact_ok ? bs[i].req : info_req(ps, &bs[i]);
    x.req = tl_cond_or_many(ps, cs, nb);
    x.kfirst = bs[0].kfirst;
    x.klast = bs[0].klast;
    x.upper1 = bs[0].upper1;
    x.zero = bs[0].zero;
    for (size_t i = 1; i < nb; i++) {
        if (bs[i].kfirst != x.kfirst) x.kfirst = K_NONE;
        if (bs[i].klast != x.klast) x.klast = K_NONE;
        x.upper1 = x.upper1 && bs[i].upper1;
        x.zero = x.zero && bs[i].zero;
    }
    return x;
}

/* The condition of a pattern, in arena a. Sets *cond_out to "true" when
 * the parser gave up. */
int tl_pf_pattern_cond(cond *out, tl_arena *a, const char *pattern, bool caseless)
{
    parser ps = {pattern, false, false, caseless, a, 0, NULL, NULL};
    info x = parse_alt(&ps);
    cond c = {NULL, 0};
    if (!ps.fail && !ps.nomem && *ps.p == '\0') c = info_req(&ps, &x);
    if (ps.nomem) return TL_ENOMEM;
    if (c.n == 0 || tl_cond_is_true(&c)) c = tl_cond_true(&ps);
    if (ps.nomem) return TL_ENOMEM;
    *out = c;
    return 0;
}

static void describe_lit(tl_buf *b, const lit *l)
{
    if (l->cs) tl_buf_putc(b, '=');
    for (size_t i = 0; i < l->len; i++) {
        if (l->s[i] == ' ')
            tl_buf_puts(b, "\\s");
        else
            tl_buf_putc(b, l->s[i]);
    }
}

int tl_prefilter_describe(tl_buf *out, const char *pattern, bool caseless)
{
    tl_arena a = TL_ARENA_INIT;
    cond c;
    int rc = tl_pf_pattern_cond(&c, &a, pattern, caseless);
    if (rc == 0 && !tl_cond_is_true(&c)) {
        tl_buf b = TL_BUF_INIT;
        for (size_t i = 0; i < c.n; i++) {
            const term *t = &c.t[i];
            if (i) tl_buf_puts(&b, " | ");
            for (size_t j = 0; j < t->nf; j++) {
                if (j) tl_buf_puts(&b, " & ");
                for (size_t k = 0; k < t->f[j]->n; k++) {
                    if (k) tl_buf_putc(&b, ',');
                    describe_lit(&b, &t->f[j]->v[k]);
                }
            }
            if (t->up) tl_buf_printf(&b, "%sUP>=%u", t->nf ? " & " : "", t->up);
            if (t->lu) tl_buf_puts(&b, t->nf || t->up ? " & aA" : "aA");
        }
        rc = tl_buf_append_buf(out, &b) < 0 ? TL_ENOMEM : 1; /* fails when b did */
        tl_buf_free(&b);
    }
    tl_arena_free(&a);
    return rc;
}
