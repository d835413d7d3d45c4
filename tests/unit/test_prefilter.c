/* test_prefilter.c - the literal prefilter never changes a finding.
 *
 * The pattern parser is checked on a table of PCRE2 constructs; the fold
 * table against PCRE2 itself over every code point; and the whole pipeline
 * with the prefilter on and off over every rule example (as written and in
 * capitals) and every file of the shared corpus: the findings must be
 * identical, field by field. */
#include "lint/linter.h"
#include "match/prefilter.h"
#include "tokenize/classify.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- The parser ---- */

static const struct {
    const char *pattern;
    const char *literals; /* joined by '\n'; NULL: no literals (always runs) */
} cases[] = {
    {"\\butili[sz](e|es|ed|ing)\\b", "utili"},
    {"\\bplease\\s+be\\s+advised\\b", "advised"},
    {"\\b(?:herein|hereby|whereupon)\\b", "hereby\nherein\nwhereupon"},
    {"foo|bar", "bar\nfoo"},
    {"foo|", NULL},
    {"(?:foo)?bar", "bar"},
    {"(?:foo)*", NULL},
    {"(?:foo)+x", "foo"},
    {"ab?c", "a"},
    {"abcd?", "abc"},
    {"ab+cd", "ab"},
    {"x{2}yz", "yz"},
    {"a{2,}bcdef", "bcdef"},
    {"ab{,3}", NULL},      /* '{' that is not a quantifier everywhere: give up */
    {"ab{x}", NULL},
    {"Sorry", "sorry"},    /* case folded */
    {"(?i)Sorry", "sorry"},
    {"(?-i)Sorry", "sorry"},
    {"(?x) s o r r y", NULL}, /* extended mode: spaces mean nothing */
    {"(?i:abc)d", "abc"}, /* the group, longer than the run after it */
    {"caf\xC3\xA9s", "caf"}, /* non-ASCII ends a run */
    {"[abc]xyz", "xyz"},
    {"[]x]yz", "yz"},
    {"[^\\]]yz", "yz"},
    {"[[:alpha:]]+ing", "ing"},
    {"\\.com\\b", ".com"},
    {"don['\xE2\x80\x99]t\\s+hesitate", "hesitate"},
    {"\\d+ items", " items"},
    {"\\p{Lu}{2,}", NULL},
    {"\\x{41}bc", "bc"},
    {"\\Qa.b\\E", NULL},
    {"(*UCP)abc", NULL},
    {"(?#note)abc", NULL},
    {"(?=abc)", NULL},
    {"(?!abc)def", "def"},
    {"(?<=abc)def", "def"},
    {"(?<name>abc)\\k<name>", "abc"},
    {"(?P<n>abc)", "abc"},
    {"(?'n'abc)", "abc"},
    {"(?>abc)", "abc"},
    {"(?|abc|def)", "abc\ndef"},
    {"(a+)+$", "a"},
    {"a\\1", "a"},
    {"^\\W*sorry\\s*[,!.]", "sorry"},
    {"(?:we['\xE2\x80\x99]re|we\\s+are)\\s+sorry", "sorry"},
    {"(?:a|b)(?:cd|ef)", "cd\nef"},
    {"", NULL},
    {"\\b", NULL},
    {".*", NULL},
};

START_TEST(parser_table)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        tl_buf b = TL_BUF_INIT;
        int rc = tl_prefilter_literals(&b, cases[i].pattern);
        ck_assert_int_ge(rc, 0);
        if (!cases[i].literals) {
            ck_assert_msg(rc == 0, "%s: expected no literals, got \"%s\"", cases[i].pattern,
                          b.data ? b.data : "");
        } else {
            ck_assert_msg(rc == 1, "%s: expected \"%s\", got none", cases[i].pattern,
                          cases[i].literals);
            ck_assert_msg(strcmp(b.data, cases[i].literals) == 0, "%s: expected \"%s\", got \"%s\"",
                          cases[i].pattern, cases[i].literals, b.data);
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
        while (l < 26 && tl_regex_find(letter[l], sc, s, n, 0, &m) != 1) l++;
        ck_assert_int_lt(l, 26);
        const tl_fold_seq *f = tl_prefilter_folds;
        while (f->seq && strcmp(f->seq, s) != 0) f++;
        ck_assert_msg(f->seq != NULL, "U+%04X matches '%c' caselessly but is not in the fold table",
                      cp, 'a' + l);
        ck_assert_int_eq(f->ascii, 'a' + l);
        found++;
    }
    size_t table = 0;
    for (const tl_fold_seq *f = tl_prefilter_folds; f->seq; f++) table++;
    ck_assert_uint_eq(found, table);
    tl_regex_free(any);
    for (int l = 0; l < 26; l++) tl_regex_free(letter[l]);
    tl_regex_scratch_free(sc);
}
END_TEST

/* ---- Scanning ---- */

static const char *pack =
    "category: wordy\n"
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
        tl_ruleset_load_file(&rs, "t.yml", (const unsigned char *)pack, strlen(pack), "en", &err), 0);
    tl_prefilter *pf;
    ck_assert_int_eq(tl_prefilter_new(&pf, &rs), 0);
    ck_assert(!tl_prefilter_always(pf, 0));
    ck_assert(!tl_prefilter_always(pf, 1));
    ck_assert(!tl_prefilter_always(pf, 2));
    ck_assert(tl_prefilter_always(pf, 3));
    static const struct {
        const char *text;
        unsigned expect; /* bit per rule 0..2 */
    } t[] = {
        {"", 0},
        {"We are SORRY.", 1},
        {"We \xC5\xBForry", 1}, /* long s folds to s, as PCRE2 does */
        {"RegreT it", 1},
        {"Task", 2},            /* a literal inside a word still counts */
        {"asking", 6},
        {"a\xC3\xA9sk", 0},     /* a non-ASCII byte breaks a literal */
        {"sorr", 0},
        {"ssorry regreask", 3},
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        uint64_t hits[8] = {0};
        ck_assert_uint_le(tl_prefilter_words(pf), 8);
        tl_prefilter_scan(pf, t[i].text, strlen(t[i].text), hits);
        unsigned got = (unsigned)(hits[0] & 7u);
        ck_assert_msg(got == t[i].expect, "\"%s\": hits %u, expected %u", t[i].text, got,
                      t[i].expect);
    }
    ck_assert(tl_prefilter_covers(pf, 0, rs.rules[0]));
    ck_assert(!tl_prefilter_covers(pf, 0, rs.rules[1]));
    ck_assert(!tl_prefilter_covers(pf, 4, rs.rules[0]));
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

/* Append a line per finding, every field that reaches an output. */
static void describe(tl_buf *b, const tl_findings *f)
{
    for (size_t i = 0; i < f->n; i++) {
        const tl_finding *x = &f->items[i];
        tl_buf_printf(b, "%s %d %zu+%zu %d:%d-%d:%d %zu-%zu [%s] [%s] fix=%d", x->rule->id,
                      (int)x->severity, x->offset, x->length, x->start.line, x->start.column,
                      x->end.line, x->end.column, x->text_start, x->text_end, x->message, x->match,
                      (int)x->fixable);
        for (size_t s = 0; s < x->nsuggestions; s++) tl_buf_printf(b, " {%s}", x->suggestions[s]);
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
    tl_classify(seg, NULL);
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
            fprintf(stderr, "%s:%d: %s: prefilter changes findings for \"%s\":\n--- on\n%s--- off\n%s",
                    r->file, ex->line, r->id, texts[t], on.data ? on.data : "",
                    off.data ? off.data : "");
            diffs++;
        }
        for (size_t i = 0; i < off.len; i++) *nfound += off.data[i] == '\n';
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
        for (size_t j = 0; j < r->nbad; j++, n++) diffs += compare_example(&L, r, &r->bad[j], &found);
        for (size_t j = 0; j < r->ngood; j++, n++) diffs += compare_example(&L, r, &r->good[j], &found);
    }
    fprintf(stderr, "prefilter: %zu examples (and their capitals), %zu findings, %d differences\n", n,
            found, diffs);
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
    for (size_t i = 0; i < out[1].len; i++) st->findings += out[1].data[i] == '\n';
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
    tcase_add_test(tc, scan_reports_rules_by_literal);
    tcase_add_test(tc, examples_same_with_and_without);
    tcase_add_test(tc, corpus_same_with_and_without);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
