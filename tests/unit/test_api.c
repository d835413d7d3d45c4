/* test_api.c - the public API (include/tonelint.h) and nothing else: packs,
 * linting bytes and files, findings, errors with positions, fixes. */
#include <tonelint.h>
#include "tl_test.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static tl_pack *pack;

static void setup(void)
{
    tl_error err;
    pack = tl_pack_open(TL_SOURCE_DIR "/rules", NULL, &err);
    ck_assert_msg(pack != NULL, "%s", err.message);
}

static void teardown(void)
{
    tl_pack_close(pack);
}

static tl_result *lint(const char *name, const char *text)
{
    tl_error err;
    tl_result *r = tl_lint_buffer(pack, name, NULL, text, strlen(text), &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    return r;
}

START_TEST(findings_placed_in_the_text)
{
    ck_assert_uint_gt(tl_pack_rule_count(pack), 10);
    tl_result *r = lint("app/en.po", "msgid \"x\"\nmsgstr \"\"\n\n"
                                     "msgid \"Please utilize a valid card.\"\nmsgstr \"\"\n");
    ck_assert_str_eq(tl_result_format(r), "po");
    const tl_lint_finding *f = NULL;
    for (size_t i = 0; i < tl_result_count(r); i++)
        if (strcmp(tl_result_finding(r, i)->rule, "wordy.utilize") == 0)
            f = tl_result_finding(r, i);
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_null(tl_result_finding(r, tl_result_count(r)));
    ck_assert_str_eq(f->category, "wordy");
    ck_assert_str_eq(f->match, "utilize");
    ck_assert_int_eq(f->line, 4);
    ck_assert_int_eq(f->column, 15);
    ck_assert_int_eq(f->end_column, 22);
    ck_assert_uint_eq(f->length, 7);
    ck_assert_uint_ge(f->nsuggestions, 1);
    ck_assert_str_eq(f->suggestions[0], "use");
    ck_assert(f->fixable);
    tl_result_free(r);
}
END_TEST

static int count_sink(void *ud, const tl_lint_finding *f)
{
    (void)f;
    return ++*(int *)ud == 2 ? -42 : 0;
}

START_TEST(sink_sees_findings_and_can_stop)
{
    tl_result *r =
        lint("en.json", "{\"e\": \"You entered an invalid password. Please utilize the form.\"}");
    ck_assert_uint_eq(tl_result_count(r), 2);
    int n = 0;
    ck_assert_int_eq(tl_result_each(r, count_sink, &n), -42);
    ck_assert_int_eq(n, 2);
    tl_result_free(r);
}
END_TEST

START_TEST(syntax_error_has_a_position)
{
    tl_error err;
    const char *text = "{\"a\": \"fine\",\n  \"b\": }";
    ck_assert_ptr_null(tl_lint_buffer(pack, "en.json", NULL, text, strlen(text), &err));
    ck_assert_int_eq(err.code, TL_ESYNTAX);
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_gt(err.column, 0);
    ck_assert_ptr_null(tl_lint_buffer(pack, "x", "no-such-format", "a", 1, &err));
    ck_assert_int_eq(err.code, TL_EUSAGE);
    ck_assert_ptr_null(tl_lint_path(pack, "/nonexistent/en.po", NULL, &err));
    ck_assert_int_eq(err.code, TL_EIO);
    ck_assert_str_eq(tl_error_kind(TL_EIO), "I/O error");
}
END_TEST

START_TEST(bad_pack_names_file_line_column)
{
    char dir[] = "/tmp/tl-api-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof(path), "%s/bad.yml", dir);
    FILE *fp = fopen(path, "w");
    fputs("category: x\nrules:\n  - id: x.y\n    severity: loud\n    kind: existence\n"
          "    message: hi\n    patterns: [a]\n",
          fp);
    fclose(fp);
    tl_error err;
    ck_assert_ptr_null(tl_pack_open(dir, "en", &err));
    ck_assert_int_eq(err.code, TL_ECONFIG);
    ck_assert_int_eq(err.line, 4);
    ck_assert_int_eq(err.column, 15);
    unlink(path);
    rmdir(dir);
}
END_TEST

START_TEST(fix_and_lint_a_file)
{
    const char *text = "{\"a\": \"Utilize a card.\", \"b\": \"We utilized it.\"}";
    char *out;
    size_t len, fixed;
    tl_error err;
    ck_assert_int_eq(
        tl_fix_buffer(pack, "en.json", NULL, text, strlen(text), &out, &len, &fixed, &err), 0);
    ck_assert_str_eq(out, "{\"a\": \"Use a card.\", \"b\": \"We used it.\"}");
    ck_assert_uint_eq(len, strlen(out));
    ck_assert_uint_eq(fixed, 2);
    tl_free(out);
    /* Nothing to fix: no text. */
    ck_assert_int_eq(tl_fix_buffer(pack, "en.json", NULL, "{}", 2, &out, &len, &fixed, &err), 0);
    ck_assert_ptr_null(out);
    tl_result *r = tl_lint_path(pack, TL_SOURCE_DIR "/docs/examples/checkout.po", NULL, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    ck_assert_uint_gt(tl_result_count(r), 0);
    tl_result_free(r);
}
END_TEST

START_TEST(version)
{
    ck_assert_str_eq(tl_version(), TONELINT_VERSION);
    ck_assert_int_eq(TONELINT_VERSION_NUMBER, TONELINT_VERSION_MAJOR * 10000 +
                                                  TONELINT_VERSION_MINOR * 100 +
                                                  TONELINT_VERSION_PATCH);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("public");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, findings_placed_in_the_text);
    tcase_add_test(tc, sink_sees_findings_and_can_stop);
    tcase_add_test(tc, syntax_error_has_a_position);
    tcase_add_test(tc, bad_pack_names_file_line_column);
    tcase_add_test(tc, fix_and_lint_a_file);
    tcase_add_test(tc, version);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
