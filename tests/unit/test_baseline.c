/* test_baseline.c - baseline fingerprints: what identifies a finding (path,
 * key, context, rule, match; not its line), counts (2 recorded and 3 found
 * leaves 1 new), the JSON file written and read back, and the reader's
 * errors with line and column. */
#include "config/baseline.h"
#include "extract/jsonscan.h"
#include "tl_test.h"
#include "match/rule.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static tl_rule rule_a = {.id = "blame.you-failed", .category = "blame"};
static tl_rule rule_b = {.id = "wordy.utilize", .category = "wordy"};

static tl_finding finding(const tl_rule *r, const char *key, const char *ctx, const char *match,
                          int line, tl_segment *seg)
{
    memset(seg, 0, sizeof(*seg));
    seg->key = key;
    seg->context = ctx;
    tl_finding f;
    memset(&f, 0, sizeof(f));
    f.rule = r;
    f.seg = seg;
    f.match = match;
    f.start.line = line;
    return f;
}

START_TEST(fingerprint_ignores_lines_and_counts)
{
    tl_baseline b;
    ck_assert_int_eq(tl_baseline_init(&b, "baseline.json", NULL), 0);
    tl_segment s1, s2, s3;
    tl_finding f1 = finding(&rule_a, "Pay now", NULL, "You failed to", 3, &s1);
    tl_finding f2 = finding(&rule_a, "Pay now", NULL, "You failed to", 9, &s2);
    ck_assert_int_eq(tl_baseline_add(&b, "a.po", &f1), 0);
    ck_assert_int_eq(tl_baseline_add(&b, "a.po", &f2), 0);
    ck_assert_int_eq(b.n, 1);
    ck_assert_int_eq(b.items[0].count, 2);
    /* Found 3 times, on other lines now: 2 are covered, 1 is new. */
    tl_finding moved = finding(&rule_a, "Pay now", NULL, "You failed to", 40, &s3);
    ck_assert(tl_baseline_take(&b, "a.po", &moved));
    ck_assert(tl_baseline_take(&b, "a.po", &moved));
    ck_assert(!tl_baseline_take(&b, "a.po", &moved));
    tl_baseline_free(&b);
}
END_TEST

START_TEST(each_field_tells_findings_apart)
{
    tl_baseline b;
    ck_assert_int_eq(tl_baseline_init(&b, "baseline.json", NULL), 0);
    tl_segment s;
    tl_finding base = finding(&rule_a, "k", "ctx", "m", 1, &s);
    ck_assert_int_eq(tl_baseline_add(&b, "a.po", &base), 0);
    tl_segment s1, s2, s3, s4, s5, s6;
    tl_finding other_path = finding(&rule_a, "k", "ctx", "m", 1, &s1);
    tl_finding other_key = finding(&rule_a, "k2", "ctx", "m", 1, &s2);
    tl_finding no_ctx = finding(&rule_a, "k", NULL, "m", 1, &s3);
    tl_finding other_rule = finding(&rule_b, "k", "ctx", "m", 1, &s4);
    tl_finding other_match = finding(&rule_a, "k", "ctx", "M", 1, &s5);
    tl_finding no_key = finding(&rule_a, NULL, "ctx", "m", 1, &s6);
    ck_assert(!tl_baseline_take(&b, "b.po", &other_path));
    ck_assert(!tl_baseline_take(&b, "a.po", &other_key));
    ck_assert(!tl_baseline_take(&b, "a.po", &no_ctx));
    ck_assert(!tl_baseline_take(&b, "a.po", &other_rule));
    ck_assert(!tl_baseline_take(&b, "a.po", &other_match));
    ck_assert(!tl_baseline_take(&b, "a.po", &no_key));
    ck_assert(tl_baseline_take(&b, "a.po", &base));
    tl_baseline_free(&b);
}
END_TEST

START_TEST(write_then_read_round_trips)
{
    tl_baseline b;
    ck_assert_int_eq(tl_baseline_init(&b, "baseline.json", NULL), 0);
    tl_segment s1, s2, s3;
    tl_finding f1 = finding(&rule_b, "Utilize \"it\"\n", NULL, "Utilize", 1, &s1);
    tl_finding f2 = finding(&rule_a, NULL, NULL, "you failed to", 1, &s2);
    tl_finding f3 = finding(&rule_a, "Übung 😀", "ctx", "You failed to", 1, &s3);
    ck_assert_int_eq(tl_baseline_add(&b, "z.po", &f1), 0);
    ck_assert_int_eq(tl_baseline_add(&b, "a.txt", &f2), 0);
    ck_assert_int_eq(tl_baseline_add(&b, "a.txt", &f2), 0);
    ck_assert_int_eq(tl_baseline_add(&b, "a.po", &f3), 0);
    tl_buf out = TL_BUF_INIT;
    ck_assert_int_eq(tl_baseline_write(&b, &out), 0);
    /* Sorted by path: a.po, a.txt, z.po. */
    const char *pa = strstr(out.data, "\"a.po\""), *pt = strstr(out.data, "\"a.txt\""),
               *pz = strstr(out.data, "\"z.po\"");
    ck_assert(pa && pt && pz && pa < pt && pt < pz);
    ck_assert_ptr_nonnull(strstr(out.data, "\"count\": 2"));
    ck_assert_ptr_nonnull(strstr(out.data, "\"key\": null"));
    tl_baseline r;
    ck_assert_int_eq(tl_baseline_init(&r, "baseline.json", NULL), 0);
    tl_error err;
    tl_error_clear(&err);
    int rc = tl_baseline_parse(&r, "baseline.json", (const unsigned char *)out.data, out.len, &err);
    ck_assert_msg(rc == 0, "%d:%d %s", err.line, err.column, err.message);
    ck_assert_int_eq(r.n, 3);
    ck_assert(tl_baseline_take(&r, "z.po", &f1));
    ck_assert(tl_baseline_take(&r, "a.txt", &f2));
    ck_assert(tl_baseline_take(&r, "a.txt", &f2));
    ck_assert(!tl_baseline_take(&r, "a.txt", &f2));
    ck_assert(tl_baseline_take(&r, "a.po", &f3));
    tl_buf_free(&out);
    tl_baseline_free(&r);
    tl_baseline_free(&b);
}
END_TEST

START_TEST(reads_any_json_spelling)
{
    /* Escapes tonelint never writes: \/ and a surrogate pair, escaped
     * names, fields in another order, unknown fields, count, key and
     * context left out. */
    const char *json =
        "\xEF\xBB\xBF{\"entri\\u0065s\":[{\"rule\":\"blame.you-failed\",\"extra\":[1,{}],"
        "\"match\":\"a\\/b \\ud83d\\ude00\",\"p\\u0061th\":\"a.po\"}],\"version\":1.0}";
    tl_baseline b;
    ck_assert_int_eq(tl_baseline_init(&b, "baseline.json", NULL), 0);
    tl_error err;
    tl_error_clear(&err);
    int rc =
        tl_baseline_parse(&b, "baseline.json", (const unsigned char *)json, strlen(json), &err);
    ck_assert_msg(rc == 0, "%d:%d %s", err.line, err.column, err.message);
    tl_segment s;
    tl_finding f = finding(&rule_a, NULL, NULL, "a/b \xF0\x9F\x98\x80", 1, &s);
    ck_assert(tl_baseline_take(&b, "a.po", &f));
    ck_assert(!tl_baseline_take(&b, "a.po", &f));
    tl_baseline_free(&b);
}
END_TEST

static const struct {
    const char *json;
    int line, column;
    const char *message;
} bad[] = {
    {"", 1, 1, "an object with `version` and `entries`"},
    {"[]", 1, 1, "an object with `version` and `entries`"},
    {"{\"version\": 2, \"entries\": []}", 1, 13, "unsupported baseline version"},
    {"{\"version\": 1}", 1, 1, "`entries` takes a list"},
    {"{\"version\": 1, \"entries\": [\n  {\"path\": \"a\"}]}", 2, 3, "an entry needs `rule`"},
    {"{\"version\": 1, \"entries\": [\n  {\"path\": 1, \"rule\": \"r\", \"match\": \"m\", \"key\": "
     "null, "
     "\"context\": null}]}",
     2, 12, "`path` takes a string"},
    {"{\"version\": 1, \"entries\": [{\"path\": \"a\", \"rule\": \"r\", \"match\": \"m\", \"key\": "
     "null, "
     "\"context\": null, \"count\": 0}]}",
     1, 108, "`count` takes a positive whole number"},
    {"{\"version\": 1, \"entries\": [] } x", 1, 32,
     "expected end of file after the top-level value"},
    {"{\"version\": 1,\n \"entries\": [\"\\q\"]}", 2, 15, "invalid escape \\q"},
    {"{\"version\": 1, \"entries\": [\"abc", 1, 28, "unterminated string"},
    {"{\"version\" 1}", 1, 12, "expected `:` after the key"},
    {"{\"version\": 1, \"entries\": [\"a\xff\"]}", 1, 30, "invalid UTF-8"},
    /* The version is checked before the entries, wherever it stands, and a
     * document that does not parse before either. */
    {"{\"entries\": [{\"path\": 1}], \"version\": 2}", 1, 39, "unsupported baseline version"},
    {"{\"version\": 2, \"entries\": [}", 1, 28, "unexpected `}`"},
    {"{\"version\": 1, \"entries\": [\"\\ud800\"]}", 1, 29, "lone high surrogate"},
};

START_TEST(reader_errors_name_line_and_column)
{
    tl_baseline b;
    ck_assert_int_eq(tl_baseline_init(&b, "baseline.json", NULL), 0);
    tl_error err;
    tl_error_clear(&err);
    const char *j = bad[_i].json;
    ck_assert_int_eq(
        tl_baseline_parse(&b, "baseline.json", (const unsigned char *)j, strlen(j), &err),
        TL_ECONFIG);
    ck_assert_str_eq(err.path, "baseline.json");
    ck_assert_msg(strstr(err.message, bad[_i].message), "case %d: %s", _i, err.message);
    ck_assert_msg(err.line == bad[_i].line && err.column == bad[_i].column,
                  "case %d at %d:%d, expected %d:%d", _i, err.line, err.column, bad[_i].line,
                  bad[_i].column);
    tl_baseline_free(&b);
}
END_TEST

START_TEST(deep_nesting_is_refused)
{
    char json[TL_JSON_MAX_DEPTH + 2];
    size_t n = 0;
    for (int i = 0; i < TL_JSON_MAX_DEPTH + 1; i++)
        json[n++] = '[';
    json[n] = '\0';
    tl_baseline b;
    ck_assert_int_eq(tl_baseline_init(&b, "baseline.json", NULL), 0);
    tl_error err;
    tl_error_clear(&err);
    ck_assert_int_eq(tl_baseline_parse(&b, "x", (const unsigned char *)json, n, &err), TL_ECONFIG);
    ck_assert_ptr_nonnull(strstr(err.message, "nested deeper"));
    tl_baseline_free(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("baseline");
    TCase *tc = tcase_create("baseline");
    tcase_add_test(tc, fingerprint_ignores_lines_and_counts);
    tcase_add_test(tc, each_field_tells_findings_apart);
    tcase_add_test(tc, write_then_read_round_trips);
    tcase_add_test(tc, reads_any_json_spelling);
    tcase_add_loop_test(tc, reader_errors_name_line_and_column, 0, sizeof(bad) / sizeof(bad[0]));
    tcase_add_test(tc, deep_nesting_is_refused);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
