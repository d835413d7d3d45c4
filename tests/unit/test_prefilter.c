/* test_prefilter.c - the prefilter never changes a finding.
 *
 * The pattern parser is checked on a table of PCRE2 constructs; the fold,
 * space and punctuation tables against PCRE2 itself over every code point;
 * every pattern of the default pack against PCRE2 on every text of the
 * examples (with case, space and quote variants) and of the corpus: a
 * pattern the prefilter skips must not match; and the whole pipeline with
 * the prefilter on and off over every rule example (as written and in
 * capitals) and every file of the shared corpus: the findings must be
 * identical, field by field. */
#include "lint/linter.h"
#include "tl_test.h"
#include "match/prefilter.h"
#include "tokenize/classify.h"
#include "tokenize/view.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- The parser ---- */

static const struct {
    const char *pattern;
    bool caseless;
    const char *cond; /* tl_prefilter_describe's text; NULL: always runs */
} cases[] = {
    {"\\butili[sz](e|es|ed|ing)\\b", true, /* literals are cut to 8 bytes */
     "utilise,utilised,utilises,utilisin,utilize,utilized,utilizes,utilizin"},
    {"\\bplease\\s+be\\s+advised\\b", true, "\\sadvised & please\\s & \\sbe\\s"},
    {"\\b(?:herein|hereby|whereupon)\\b", true, "hereby,herein,whereupo"},
    {"foo|bar", true, "bar,foo"},
    {"foo|", true, NULL},
    {"(?:foo)?bar", true, "bar,foobar"},
    {"(?:foo)*", true, NULL},
    {"(?:foo)+x", true, "foox & foo"},
    {"ab?c", true, "abc,ac"},
    {"abcd?", true, "abc,abcd"},
    {"ab+cd", true, "bcd & ab"},
    {"x{2}yz", true, "xxyz"},
    {"a{2,}bcdef", true, "aabcdef & aa"},
    {"ab{,3}", true, NULL}, /* '{' that is not a quantifier everywhere: give up */
    {"ab{x}", true, NULL},
    {"Sorry", true, "sorry"}, /* case folded */
    {"(?i)Sorry", false, "sorry"},
    {"(?-i)Sorry", true, "=Sorry"}, /* matched with case */
    {"Sorry", false, "=Sorry"},
    {"(?-i:E)rror", true, "error"},    /* part with case: the whole without */
    {"ab(?i)cd|EF", false, "abcd,ef"}, /* a setting lasts to the end of the group */
    {"(?x) s o r r y", true, NULL},    /* extended mode: spaces mean nothing */
    {"(?i:abc)d", true, "abcd"},
    {"caf\xC3\xA9s", true, "caf"}, /* a letter outside ASCII ends a run */
    {"[abc]xyz", true, "axyz,bxyz,cxyz"},
    {"[]x]yz", true, "]yz,xyz"},
    {"[^\\]]yz", true, "yz"},
    {"[[:alpha:]]+ing", true, "ing"},
    {"\\.com\\b", true, ".com"},
    {"don['\xE2\x80\x99]t\\s+hesitate", true, "hesitate & don't\\s,don\xE2\x80\x99t\\s"},
    {"\\d+ items", true, "\\sitems"},
    {"\\p{Lu}{2,}", true, NULL},
    {"\\x{41}bc", true, "abc"},
    {"\\Qa.b\\E", true, NULL},
    {"(*UCP)abc", true, NULL},
    {"(?#note)abc", true, "abc"},
    {"(?=abc)", true, "abc"}, /* what a lookahead needs is in the text */
    {"(?!abc)def", true, "def"},
    {"(?<=abc)def", true, "abc & def"},
    {"(?<name>abc)\\k<name>", true, "abc"},
    {"(?P<n>abc)", true, "abc"},
    {"(?'n'abc)", true, "abc"},
    {"(?>abc)", true, "abc"},
    {"(?|abc|def)", true, "abc,def"},
    {"(?R)abc", true, NULL},
    {"(a+)+$", true, NULL}, /* one common letter says too little */
    {"a\\1", true, NULL},
    {"^\\W*sorry\\s*[,!.]", true, "sorry & !,,,."},
    {"(?:we['\xE2\x80\x99]re|we\\s+are)\\s+sorry", true,
     "we're,we\xE2\x80\x99re & \\ssorry | \\ssorry & \\sare & we\\s"},
    {"(?:a|b)(?:cd|ef)", true, "acd,aef,bcd,bef"},
    {"(?:error|problem)\\s+(?:occurred|happened)", true,
     "happened,occurred & error\\s,problem\\s"}, /* a long one loses its leading space */
    {"a\\s*b", true, "b"},
    {"hello world", true, "hello\\swo"},
    {"[A-Z]{4}", false, "UP>=4"}, /* four capitals in a row */
    {"(?:IMPORTANT|WARNING|DO)(?!\\w)", false, "=DO,=IMPORTAN,=WARNING & UP>=2"},
    {"[a-z]{3,}[A-Z][a-z]+", false, "aA"}, /* a small letter, then a capital */
    {"\\b[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Exception|Error)\\b", false, "=Error,=Exceptio & aA"},
    {"[A-Z]{4}", true, NULL}, /* without case: nothing */
    /* An optional part requires nothing, even when its strings are
     * multiplied out as "x or nothing" (found by fuzz_prefilter). */
    {"[a-z]{3,}[A-Z]?[a-z]+", false, NULL},
    {"(?:foo(?=bar))?baz", true, "baz,foobaz"},
    {"(?:FOO)?bar", false, "=FOObar,=bar"},
    {"", true, NULL},
    {"\\b", true, NULL},
    {".*", true, NULL},
};

START_TEST(parser_table)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        tl_buf b = TL_BUF_INIT;
        int rc = tl_prefilter_describe(&b, cases[i].pattern, cases[i].caseless);
        ck_assert_int_ge(rc, 0);
        if (!cases[i].cond) {
            ck_assert_msg(rc == 0, "%s: expected no condition, got \"%s\"", cases[i].pattern,
                          b.data ? b.data : "");
        } else {
            ck_assert_msg(rc == 1, "%s: expected \"%s\", got none", cases[i].pattern,
                          cases[i].cond);
            ck_assert_msg(strcmp(b.data, cases[i].cond) == 0, "%s: expected \"%s\", got \"%s\"",
                          cases[i].pattern, cases[i].cond, b.data);
        }
        tl_buf_free(&b);
    }
}
END_TEST

/* ---- The fold table against PCRE2 ---- */

static size_t encode(unsigned cp, char *o)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 63));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | ((cp >> 6) & 63));
        o[2] = (char)(0x80 | (cp & 63));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | ((cp >> 12) & 63));
    o[2] = (char)(0x80 | ((cp >> 6) & 63));
    o[3] = (char)(0x80 | (cp & 63));
    return 4;
}

START_TEST(fold_table_is_pcre2s)
{
    tl_error err;
    tl_error_clear(&err);
    tl_regex *any, *letter[26];
    tl_regex_scratch *sc;
    ck_assert_int_eq(tl_regex_compile(&any, "[a-z]", TL_RE_CASELESS, &err), 0);
    for (int l = 0; l < 26; l++) {
        char p[2] = {(char)('a' + l), 0};
        ck_assert_int_eq(tl_regex_compile(&letter[l], p, TL_RE_CASELESS, &err), 0);
    }
    ck_assert_int_eq(tl_regex_scratch_new(&sc), 0);
    size_t found = 0;
    for (unsigned cp = 0x80; cp < 0x110000; cp++) {
        if (cp >= 0xD800 && cp < 0xE000) continue;
        char s[5] = {0};
        size_t n = encode(cp, s);
        tl_regex_match m;
        if (tl_regex_find(any, sc, s, n, 0, &m) != 1) continue;
        int l = 0;
        while (l < 26 && tl_regex_find(letter[l], sc, s, n, 0, &m) != 1)
            l++;
        ck_assert_int_lt(l, 26);
        const tl_fold_seq *f = tl_prefilter_folds;
        while (f->seq && strcmp(f->seq, s) != 0)
            f++;
        ck_assert_msg(f->seq != NULL, "U+%04X matches '%c' caselessly but is not in the fold table",
                      cp, 'a' + l);
        ck_assert_int_eq(f->ascii, 'a' + l);
        found++;
    }
    size_t table = 0;
    for (const tl_fold_seq *f = tl_prefilter_folds; f->seq; f++)
        table++;
    ck_assert_uint_eq(found, table);
    tl_regex_free(any);
    for (int l = 0; l < 26; l++)
        tl_regex_free(letter[l]);
    tl_regex_scratch_free(sc);
}
END_TEST

/* Every character \s matches is ASCII white space or in the spaces table
 * (the scan reads them all as ' '), and the table holds nothing else. */
START_TEST(space_table_is_pcre2s)
{
    tl_error err;
    tl_error_clear(&err);
    tl_regex *space;
    tl_regex_scratch *sc;
    ck_assert_int_eq(tl_regex_compile(&space, "\\s", TL_RE_CASELESS, &err), 0);
    ck_assert_int_eq(tl_regex_scratch_new(&sc), 0);
    size_t found = 0;
    for (unsigned cp = 0x80; cp < 0x110000; cp++) {
        if (cp >= 0xD800 && cp < 0xE000) continue;
        char s[5] = {0};
        size_t n = encode(cp, s);
        tl_regex_match m;
        bool is_space = tl_regex_find(space, sc, s, n, 0, &m) == 1;
        const tl_fold_seq *f = tl_prefilter_spaces;
        while (f->seq && strcmp(f->seq, s) != 0)
            f++;
        ck_assert_msg(is_space == (f->seq != NULL), "U+%04X: \\s %s, table %s", cp,
                      is_space ? "matches" : "does not match", f->seq ? "has it" : "has not");
        found += is_space;
    }
    for (unsigned cp = 0; cp < 0x80; cp++) {
        char s[2] = {(char)cp, 0};
        tl_regex_match m;
        bool is_space = tl_regex_find(space, sc, s, 1, 0, &m) == 1;
        ck_assert_msg(is_space == ((cp >= '\t' && cp <= '\r') || cp == ' '), "U+%04X", cp);
    }
    size_t table = 0;
    for (const tl_fold_seq *f = tl_prefilter_spaces; f->seq; f++)
        table++;
    ck_assert_uint_eq(found, table);
    tl_regex_free(space);
    tl_regex_scratch_free(sc);
}
END_TEST

/* The punctuation the parser takes as literals has no other case: without
 * case it matches itself and nothing else. */
START_TEST(caseless_punctuation_has_one_case)
{
    tl_error err;
    tl_error_clear(&err);
    tl_regex *any;
    tl_regex_scratch *sc;
    ck_assert_int_eq(tl_regex_compile(&any, "[\\x{2000}-\\x{206F}]", TL_RE_CASELESS, &err), 0);
    ck_assert_int_eq(tl_regex_scratch_new(&sc), 0);
    /* No character outside the block matches a character in it. */
    for (unsigned cp = 0; cp < 0x110000; cp++) {
        if ((cp >= 0xD800 && cp < 0xE000) || (cp >= 0x2000 && cp <= 0x206F)) continue;
        char s[5] = {0};
        size_t n = encode(cp, s);
        tl_regex_match m;
        ck_assert_msg(tl_regex_find(any, sc, s, n, 0, &m) != 1, "U+%04X", cp);
    }
    /* Inside the block, each listed character matches only itself. */
    for (unsigned cp = 0x2000; cp <= 0x206F; cp++) {
        if (!tl_prefilter_caseless_punct(cp)) continue;
        char pat[16], s[5] = {0};
        snprintf(pat, sizeof(pat), "\\x{%X}", cp);
        tl_regex *one;
        ck_assert_int_eq(tl_regex_compile(&one, pat, TL_RE_CASELESS, &err), 0);
        for (unsigned other = 0x2000; other <= 0x206F; other++) {
            size_t n = encode(other, s);
            s[n] = 0;
            tl_regex_match m;
            ck_assert_msg((tl_regex_find(one, sc, s, n, 0, &m) == 1) == (other == cp),
                          "U+%04X against U+%04X", cp, other);
        }
        tl_regex_free(one);
    }
    ck_assert(!tl_prefilter_caseless_punct(0x2028)); /* line separator: a space */
    ck_assert(!tl_prefilter_caseless_punct(0x202F));
    ck_assert(tl_prefilter_caseless_punct(0x2019));
    tl_regex_free(any);
    tl_regex_scratch_free(sc);
}
END_TEST

/* ---- Scanning ---- */

static const char *pack = "category: wordy\n"
                          "rules:\n"
                          "  - id: wordy.a\n"
                          "    severity: warning\n"
                          "    kind: existence\n"
                          "    message: m\n"
                          "    why: w.\n"
                          "    patterns: ['\\bsorry\\b', '\\bregret\\b']\n"
                          "    examples: {bad: [Sorry], good: [Fine]}\n"
                          "    source: https://example.org\n"
                          "  - id: wordy.b\n"
                          "    severity: warning\n"
                          "    kind: existence\n"
                          "    message: m\n"
                          "    why: w.\n"
                          "    patterns: ['\\bask\\b']\n"
                          "    examples: {bad: [Ask], good: [Fine]}\n"
                          "    source: https://example.org\n"
                          "  - id: wordy.c\n"
                          "    severity: warning\n"
                          "    kind: existence\n"
                          "    message: m\n"
                          "    why: w.\n"
                          "    patterns: ['\\w+ing']\n"
                          "    examples: {bad: [Going], good: [Fine]}\n"
                          "    source: https://example.org\n"
                          "  - id: wordy.d\n"
                          "    severity: warning\n"
                          "    kind: existence\n"
                          "    message: m\n"
                          "    why: w.\n"
                          "    patterns: ['[a-z]+']\n"
                          "    examples: {bad: [a], good: ['1']}\n"
                          "    source: https://example.org\n";

START_TEST(scan_reports_rules_by_literal)
{
    tl_ruleset rs;
    tl_ruleset_init(&rs);
    tl_error err;
    tl_error_clear(&err);
    ck_assert_int_eq(
        tl_ruleset_load_file(&rs, "t.yml", (const unsigned char *)pack, strlen(pack), "en", &err),
        0);
    tl_prefilter *pf;
    ck_assert_int_eq(tl_prefilter_new(&pf, &rs), 0);
    ck_assert(!tl_prefilter_always(pf, 0));
    ck_assert(!tl_prefilter_always(pf, 1));
    ck_assert(!tl_prefilter_always(pf, 2));
    ck_assert(tl_prefilter_always(pf, 3));
    tl_prefilter_state st;
    ck_assert_int_eq(tl_prefilter_state_init(&st, pf), 0);
    static const struct {
        const char *text;
        unsigned expect;   /* bit per rule 0..2 */
        unsigned patterns; /* bit per pattern of rule 0 that may match */
    } t[] = {
        {"", 0, 0},
        {"We are SORRY.", 1, 1},
        {"We \xC5\xBForry", 1, 1}, /* long s folds to s, as PCRE2 does */
        {"RegreT it", 1, 2},
        {"Task", 2, 0}, /* a literal inside a word still counts */
        {"asking", 6, 0},
        {"a\xC3\xA9sk", 0, 0}, /* a non-ASCII byte breaks a literal */
        {"sorr", 0, 0},
        {"ssorry regreask", 3, 1},
        {"sorry, regret", 1, 3},
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        tl_prefilter_scan(pf, &st, t[i].text, strlen(t[i].text));
        unsigned got = (unsigned)(st.rules[0] & 7u);
        ck_assert_msg(got == t[i].expect, "\"%s\": rules %u, expected %u", t[i].text, got,
                      t[i].expect);
        unsigned pats = (unsigned)tl_prefilter_pattern(pf, &st, 0, 0) |
                        (unsigned)tl_prefilter_pattern(pf, &st, 0, 1) << 1;
        ck_assert_msg(pats == t[i].patterns, "\"%s\": patterns %u, expected %u", t[i].text, pats,
                      t[i].patterns);
        ck_assert(tl_prefilter_candidate(&st, 3));
    }
    ck_assert(tl_prefilter_covers(pf, 0, rs.rules[0]));
    ck_assert(!tl_prefilter_covers(pf, 0, rs.rules[1]));
    ck_assert(!tl_prefilter_covers(pf, 4, rs.rules[0]));
    tl_prefilter_state_free(&st);
    tl_prefilter_free(pf);
    tl_ruleset_free(&rs);
}
END_TEST

/* ---- Same findings with and without the prefilter ---- */

static void load_default(tl_linter *L)
{
    tl_linter_init(L);
    tl_error err;
    tl_error_clear(&err);
    int rc = tl_ruleset_load_dir(&L->rules, TL_SOURCE_DIR "/rules", NULL, &err);
    if (rc < 0) fprintf(stderr, "%s:%d:%d: %s\n", err.path, err.line, err.column, err.message);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(tl_linter_prepare(L, &err), 0);
}

/* ---- Every match of every pattern passes the pattern's condition ----
 *
 * Stronger than comparing findings (an exception or a mask can hide a
 * wrong condition there): whenever the condition says a pattern cannot
 * match a text, PCRE2 must find no match in it. Texts: every rule example
 * with variants that stress case folding, white space and quotes, and the
 * masked and unmasked text of every string of the corpus. */

typedef struct soundness {
    const tl_ruleset *rs;
    tl_prefilter *pf;
    tl_prefilter_state st;
    tl_regex_scratch *sc;
    size_t texts, skipped;
    int wrong;
} soundness;

static void sound_init(soundness *S, const tl_ruleset *rs)
{
    memset(S, 0, sizeof(*S));
    S->rs = rs;
    ck_assert_int_eq(tl_prefilter_new(&S->pf, rs), 0);
    ck_assert_int_eq(tl_prefilter_state_init(&S->st, S->pf), 0);
    ck_assert_int_eq(tl_regex_scratch_new(&S->sc), 0);
}

static void sound_free(soundness *S)
{
    tl_prefilter_state_free(&S->st);
    tl_prefilter_free(S->pf);
    tl_regex_scratch_free(S->sc);
}

static void sound_check(soundness *S, const char *text, size_t len)
{
    tl_prefilter_scan(S->pf, &S->st, text, len);
    S->texts++;
    for (size_t i = 0; i < S->rs->n; i++) {
        const tl_rule *r = S->rs->rules[i];
        bool candidate = tl_prefilter_candidate(&S->st, i);
        for (size_t p = 0; p < r->patterns.n; p++) {
            if (candidate && tl_prefilter_pattern(S->pf, &S->st, i, p)) continue;
            S->skipped++;
            tl_regex_match m;
            if (tl_regex_find(r->patterns.re[p], S->sc, text, len, 0, &m) != 1) continue;
            fprintf(stderr,
                    "%s pattern %zu matches \"%.*s\" in \"%.*s\" but the prefilter skips it\n",
                    r->id, p + 1, (int)(m.end - m.start), text + m.start, (int)len, text);
            S->wrong++;
        }
    }
}

/* Replace every occurrence of byte `from` in s by the string `to`. */
static char *replace_byte(const char *s, char from, const char *to)
{
    tl_buf b = TL_BUF_INIT;
    for (; *s; s++) {
        if (*s == from)
            tl_buf_puts(&b, to);
        else
            tl_buf_putc(&b, *s);
    }
    tl_buf_putc(&b, 0);
    return tl_buf_detach(&b);
}

static char *replace_str(const char *s, const char *from, const char *to)
{
    tl_buf b = TL_BUF_INIT;
    size_t n = strlen(from);
    while (*s) {
        if (strncmp(s, from, n) == 0) {
            tl_buf_puts(&b, to);
            s += n;
        } else {
            tl_buf_putc(&b, *s++);
        }
    }
    tl_buf_putc(&b, 0);
    return tl_buf_detach(&b);
}

static char *map_ascii(const char *s, int upper)
{
    char *o = strdup(s);
    ck_assert_ptr_nonnull(o);
    for (char *p = o; *p; p++) {
        if (upper && *p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
        if (!upper && *p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    }
    return o;
}

static void sound_example(soundness *S, const char *text)
{
    char *v[12];
    size_t n = 0;
    v[n++] = strdup(text);
    v[n++] = map_ascii(text, 1);
    v[n++] = map_ascii(text, 0);
    v[n++] = replace_byte(text, ' ', "\xC2\xA0");     /* no-break space */
    v[n++] = replace_byte(text, ' ', "\xE2\x80\x83"); /* em space */
    v[n++] = replace_byte(text, ' ', "\t");
    v[n++] = replace_byte(text, '\'', "\xE2\x80\x99");
    v[n++] = replace_str(text, "\xE2\x80\x99", "'");
    char *low = map_ascii(text, 0);
    char *longs = replace_byte(low, 's', "\xC5\xBF");  /* long s */
    v[n++] = replace_byte(longs, 'k', "\xE2\x84\xAA"); /* Kelvin sign */
    free(low);
    free(longs);
    for (size_t i = 0; i < n; i++) {
        ck_assert_ptr_nonnull(v[i]);
        sound_check(S, v[i], strlen(v[i]));
        free(v[i]);
    }
}

START_TEST(conditions_hold_on_examples)
{
    tl_linter L;
    load_default(&L);
    soundness S;
    sound_init(&S, &L.rules);
    for (size_t i = 0; i < L.rules.n; i++) {
        const tl_rule *r = L.rules.rules[i];
        for (size_t j = 0; j < r->nbad; j++)
            sound_example(&S, r->bad[j].text);
        for (size_t j = 0; j < r->ngood; j++)
            sound_example(&S, r->good[j].text);
    }
    fprintf(stderr, "prefilter: %zu example variants, %zu skipped patterns checked, %d wrong\n",
            S.texts, S.skipped, S.wrong);
    ck_assert_uint_gt(S.skipped, 0);
    ck_assert_int_eq(S.wrong, 0);
    sound_free(&S);
    tl_linter_free(&L);
}
END_TEST

static void sound_file(soundness *S, tl_linter *L, tl_view *v, const char *path)
{
    unsigned char *bytes;
    size_t len;
    tl_error err;
    tl_error_clear(&err);
    if (tl_read_file(path, &bytes, &len, &err) < 0) return;
    tl_doc doc;
    tl_doc_init(&doc, path, bytes, len, NULL);
    tl_findings f = {0};
    if (tl_lint_doc(L, &doc, NULL, &f, &err) == 0) {
        for (size_t i = 0; i < doc.nsegs; i++) {
            ck_assert_int_eq(tl_view_build(v, &doc.segs[i], TL_SYNTAX_DEFAULT), 0);
            sound_check(S, v->masked.data, v->len);
            if (memcmp(v->masked.data, v->norm, v->len) != 0) sound_check(S, v->norm, v->len);
        }
    }
    tl_findings_free(&f);
    tl_doc_free(&doc);
    free(bytes);
}

static void sound_walk(soundness *S, tl_linter *L, tl_view *v, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(path, &sb) < 0) continue;
        if (S_ISDIR(sb.st_mode))
            sound_walk(S, L, v, path);
        else if (S_ISREG(sb.st_mode))
            sound_file(S, L, v, path);
    }
    closedir(d);
}

START_TEST(conditions_hold_on_corpus)
{
    struct stat sb;
    if (stat(TL_SHARED_DIR "/corpus", &sb) < 0) {
        fprintf(stderr, "prefilter: no corpus at %s; skipped\n", TL_SHARED_DIR "/corpus");
        return;
    }
    tl_linter L;
    load_default(&L);
    L.extract_only = true; /* segments, classified; the test matches them itself */
    soundness S;
    sound_init(&S, &L.rules);
    tl_view v;
    tl_view_init(&v);
    sound_walk(&S, &L, &v, TL_SHARED_DIR "/corpus");
    fprintf(stderr, "prefilter: %zu corpus texts, %zu skipped patterns checked, %d wrong\n",
            S.texts, S.skipped, S.wrong);
    ck_assert_uint_gt(S.texts, 1000);
    ck_assert_int_eq(S.wrong, 0);
    tl_view_free(&v);
    sound_free(&S);
    tl_linter_free(&L);
}
END_TEST

/* Append a line per finding, every field that reaches an output. */
static void describe(tl_buf *b, const tl_findings *f)
{
    for (size_t i = 0; i < f->n; i++) {
        const tl_finding *x = &f->items[i];
        tl_buf_printf(b, "%s %d %zu+%zu %d:%d-%d:%d %zu-%zu [%s] [%s] fix=%d", x->rule->id,
                      (int)x->severity, x->offset, x->length, x->start.line, x->start.column,
                      x->end.line, x->end.column, x->text_start, x->text_end, x->message, x->match,
                      (int)x->fixable);
        for (size_t s = 0; s < x->nsuggestions; s++)
            tl_buf_printf(b, " {%s}", x->suggestions[s]);
        tl_buf_putc(b, '\n');
    }
}

/* Findings for one string as one segment, prefilter on or off. */
static void example_findings(tl_linter *L, const char *text, const tl_example *ex, bool off,
                             tl_buf *out)
{
    tl_doc doc;
    size_t len = strlen(text);
    tl_doc_init(&doc, "example", (const unsigned char *)text, len, NULL);
    tl_segbuild sb;
    tl_segbuild_init(&sb);
    tl_segbuild_utf8(&sb, 0, text, len);
    tl_segment *seg = tl_doc_add(&doc, &sb, ex->key, NULL);
    ck_assert_ptr_nonnull(seg);
    seg->kind = ex->kind;
    seg->lang = "en";
    tl_classify(&L->rules.kinds, seg, NULL);
    tl_findings f = {0};
    L->matcher.prefilter_off = off;
    ck_assert_int_eq(tl_matcher_run(&L->matcher, &doc, seg, &f), 0);
    L->matcher.prefilter_off = false;
    tl_findings_sort(&f);
    describe(out, &f);
    tl_findings_free(&f);
    tl_segbuild_free(&sb);
    tl_doc_free(&doc);
}

static int compare_example(tl_linter *L, const tl_rule *r, const tl_example *ex, size_t *nfound)
{
    char *upper = strdup(ex->text);
    ck_assert_ptr_nonnull(upper);
    for (char *p = upper; *p; p++)
        if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
    const char *texts[] = {ex->text, upper};
    int diffs = 0;
    for (int t = 0; t < 2; t++) {
        tl_buf on = TL_BUF_INIT, off = TL_BUF_INIT;
        example_findings(L, texts[t], ex, false, &on);
        example_findings(L, texts[t], ex, true, &off);
        if (on.len != off.len || (on.len && memcmp(on.data, off.data, on.len) != 0)) {
            fprintf(stderr,
                    "%s:%d: %s: prefilter changes findings for \"%s\":\n--- on\n%s--- off\n%s",
                    r->file, ex->line, r->id, texts[t], on.data ? on.data : "",
                    off.data ? off.data : "");
            diffs++;
        }
        for (size_t i = 0; i < off.len; i++)
            *nfound += off.data[i] == '\n';
        tl_buf_free(&on);
        tl_buf_free(&off);
    }
    free(upper);
    return diffs;
}

START_TEST(examples_same_with_and_without)
{
    tl_linter L;
    load_default(&L);
    int diffs = 0;
    size_t found = 0, n = 0;
    for (size_t i = 0; i < L.rules.n; i++) {
        const tl_rule *r = L.rules.rules[i];
        for (size_t j = 0; j < r->nbad; j++, n++)
            diffs += compare_example(&L, r, &r->bad[j], &found);
        for (size_t j = 0; j < r->ngood; j++, n++)
            diffs += compare_example(&L, r, &r->good[j], &found);
    }
    fprintf(stderr, "prefilter: %zu examples (and their capitals), %zu findings, %d differences\n",
            n, found, diffs);
    ck_assert_uint_gt(found, 0);
    ck_assert_int_eq(diffs, 0);
    tl_linter_free(&L);
}
END_TEST

typedef struct corpus_stats {
    size_t files, linted, findings;
    int diffs;
} corpus_stats;

static void lint_file_both(tl_linter *L, const char *path, corpus_stats *st)
{
    unsigned char *bytes;
    size_t len;
    tl_error err;
    tl_error_clear(&err);
    if (tl_read_file(path, &bytes, &len, &err) < 0) return;
    st->files++;
    tl_buf out[2] = {TL_BUF_INIT, TL_BUF_INIT};
    int rcs[2];
    for (int off = 0; off < 2; off++) {
        tl_doc doc;
        tl_doc_init(&doc, path, bytes, len, NULL);
        tl_findings f = {0};
        tl_error_clear(&err);
        L->matcher.prefilter_off = off;
        rcs[off] = tl_lint_doc(L, &doc, NULL, &f, &err);
        describe(&out[off], &f);
        tl_findings_free(&f);
        tl_doc_free(&doc);
    }
    L->matcher.prefilter_off = false;
    ck_assert_int_eq(rcs[0], rcs[1]);
    if (rcs[0] == 0) st->linted++;
    if (out[0].len != out[1].len || (out[0].len && memcmp(out[0].data, out[1].data, out[0].len))) {
        fprintf(stderr, "%s: prefilter changes findings:\n--- on\n%s--- off\n%s", path,
                out[0].data ? out[0].data : "", out[1].data ? out[1].data : "");
        st->diffs++;
    }
    for (size_t i = 0; i < out[1].len; i++)
        st->findings += out[1].data[i] == '\n';
    tl_buf_free(&out[0]);
    tl_buf_free(&out[1]);
    free(bytes);
}

static void walk(tl_linter *L, const char *dir, corpus_stats *st)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(path, &sb) < 0) continue;
        if (S_ISDIR(sb.st_mode))
            walk(L, path, st);
        else if (S_ISREG(sb.st_mode))
            lint_file_both(L, path, st);
    }
    closedir(d);
}

START_TEST(corpus_same_with_and_without)
{
    struct stat sb;
    if (stat(TL_SHARED_DIR "/corpus", &sb) < 0) {
        fprintf(stderr, "prefilter: no corpus at %s; skipped\n", TL_SHARED_DIR "/corpus");
        return;
    }
    tl_linter L;
    load_default(&L);
    corpus_stats st = {0, 0, 0, 0};
    walk(&L, TL_SHARED_DIR "/corpus", &st);
    fprintf(stderr, "prefilter: %zu corpus files (%zu linted), %zu findings, %d differences\n",
            st.files, st.linted, st.findings, st.diffs);
    ck_assert_uint_gt(st.linted, 0);
    ck_assert_uint_gt(st.findings, 0);
    ck_assert_int_eq(st.diffs, 0);
    tl_linter_free(&L);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("prefilter");
    TCase *tc = tcase_create("prefilter");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, parser_table);
    tcase_add_test(tc, fold_table_is_pcre2s);
    tcase_add_test(tc, space_table_is_pcre2s);
    tcase_add_test(tc, caseless_punctuation_has_one_case);
    tcase_add_test(tc, scan_reports_rules_by_literal);
    tcase_add_test(tc, conditions_hold_on_examples);
    tcase_add_test(tc, conditions_hold_on_corpus);
    tcase_add_test(tc, examples_same_with_and_without);
    tcase_add_test(tc, corpus_same_with_and_without);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
