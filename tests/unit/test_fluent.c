/* test_fluent.c - the Fluent extractor: messages, terms and attributes,
 * multi-line patterns and their dedentation, select expressions (variants
 * linted, syntax protected), placeables, comments, syntax errors with
 * positions, the fix encoder. */
#include "extract/format.h"
#include "tl_test_doc.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static void extract(tl_test_doc *f, const char *src)
{
    tl_test_extract(f, tl_extract_fluent, "en-US/app.ftl", src, strlen(src));
}

/* The segment's text with its protected ranges replaced by '_'. */
static const char *unprotected(const tl_segment *s)
{
    static char out[512];
    ck_assert_uint_lt(s->text_len, sizeof(out));
    memcpy(out, s->text, s->text_len + 1);
    for (size_t i = 0; i < s->nprotect; i++)
        memset(out + s->protect[i].start, '_', s->protect[i].end - s->protect[i].start);
    return out;
}

static const struct {
    const char *src;
    const char *key;
    const char *text;
} entries[] = {
    {"hello = Hello, world!\n", "hello", "Hello, world!"},
    {"hello =    Hi   \n", "hello", "Hi"},
    {"-brand = Acme\n", "-brand", "Acme"},
    {"multi =\n    First line\n    second line\n", "multi", "First line\nsecond line"},
    {"multi = Inline\n      and more\n", "multi", "Inline\nand more"},
    {"multi =\n        deeper\n    base\n\n      blank above\n", "multi",
     "    deeper\nbase\n\n  blank above"},
    {"crlf = one\r\n  two\r\n", "crlf", "one\ntwo"},
    {"cr = a\rb\n", "cr", "a\rb"},
    {"place = Hi { $name }, see { -brand }.\n", "place", "Hi { $name }, see { -brand }."},
    {"block =\n    { $n } items\n", "block", "{ $n } items"},
    {"lit = Open {\"{\"} brace\n", "lit", "Open {\"{\"} brace"},
    {"fn = { NUMBER($n, minimumFractionDigits: 2) } left\n", "fn",
     "{ NUMBER($n, minimumFractionDigits: 2) } left"},
};

START_TEST(entry_table)
{
    tl_test_doc f;
    extract(&f, entries[_i].src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    ck_assert_str_eq(f.doc.segs[0].key, entries[_i].key);
    ck_assert_str_eq(f.doc.segs[0].text, entries[_i].text);
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(attributes_and_keys)
{
    tl_test_doc f;
    extract(&f, "## Group\nlogin =\n    .label = Log in\n    .accesskey = L\n"
                "-term = Acme\n    .gender = neuter\nmsg = Value\n    .title = Tip\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 6);
    ck_assert_str_eq(f.doc.segs[0].key, "login.label");
    ck_assert_str_eq(f.doc.segs[0].text, "Log in");
    ck_assert_str_eq(f.doc.segs[1].key, "login.accesskey");
    ck_assert_str_eq(f.doc.segs[2].key, "-term");
    ck_assert_str_eq(f.doc.segs[3].key, "-term.gender");
    ck_assert_str_eq(f.doc.segs[4].key, "msg");
    ck_assert_str_eq(f.doc.segs[5].key, "msg.title");
    ck_assert_str_eq(f.doc.segs[5].text, "Tip");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(dedent_maps_lines_to_their_place)
{
    tl_test_doc f;
    const char *src = "msg =\n    Your payment\n    has failed.\n";
    extract(&f, src);
    ck_assert_int_eq(f.rc, 0);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "Your payment\nhas failed.");
    tl_test_check_spans(&f.doc);
    /* "payment\nhas" spans the line end and the removed indentation. */
    size_t a = (size_t)(strstr(s->text, "payment") - s->text);
    size_t z = (size_t)(strstr(s->text, "has") - s->text) + 3;
    size_t rs = tl_segment_raw_start(s, a), re = tl_segment_raw_end(s, z);
    ck_assert_uint_eq(re - rs, strlen("payment\n    has"));
    ck_assert_mem_eq(src + rs, "payment\n    has", re - rs);
    /* The joining newline is atomic over the stored line end. */
    size_t nl = (size_t)(strchr(s->text, '\n') - s->text);
    ck_assert_uint_eq(tl_segment_raw_end(s, nl + 1) - tl_segment_raw_start(s, nl), 1);
    tl_position pos;
    ck_assert_int_eq(tl_source_position(&f.doc.src, tl_segment_raw_start(s, z - 3), &pos), 0);
    ck_assert_int_eq(pos.line, 3);
    ck_assert_int_eq(pos.column, 5);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(select_variants_are_copy)
{
    tl_test_doc f;
    const char *src = "emails = You have { $n ->\n"
                      "        [one] one unread email\n"
                      "       *[other] { $n } unread emails\n"
                      "    } waiting.\n";
    extract(&f, src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "You have { $n ->\n        [one] one unread email\n"
                              "       *[other] { $n } unread emails\n    } waiting.");
    /* Only the selector, the keys and the inner placeable are protected. */
    ck_assert_str_eq(unprotected(s), "You have _____________________ one unread email\n"
                                     "       ________ ______ unread emails\n    _ waiting.");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(multiline_variants_are_dedented)
{
    tl_test_doc f;
    extract(&f,
            "m =\n    { PLATFORM() ->\n        [macos]\n            Show in\n            Finder\n"
            "       *[other] Show in Folder\n    }\n");
    ck_assert_int_eq(f.rc, 0);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_ptr_nonnull(strstr(s->text, "Show in\nFinder"));
    ck_assert_ptr_nonnull(strstr(unprotected(s), "Show in\nFinder"));
    ck_assert_ptr_nonnull(strstr(unprotected(s), "Show in Folder"));
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(placeables_are_protected)
{
    tl_test_doc f;
    extract(&f, "m = Hi { $user }, { \"literal\" } and { -brand-name } { msg.attr }.\n");
    ck_assert_int_eq(f.rc, 0);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(unprotected(s),
                     "Hi _________, _____________ and _______________ ____________.");
    ck_assert(s->flags & TL_SEG_NO_BRACES);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(comments_hold_directives)
{
    tl_test_doc f;
    extract(&f, "# tonelint-disable-next-line cold\nmsg = Hi\n### tonelint-disable\n#\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.ndirectives, 2);
    ck_assert_int_eq(f.doc.directives[0].kind, TL_DIRECTIVE_NEXT_LINE);
    ck_assert_str_eq(f.doc.directives[0].rules, "cold");
    ck_assert_int_eq(f.doc.directives[1].kind, TL_DIRECTIVE_DISABLE);
    tl_doc_free(&f.doc);
}
END_TEST

static const struct {
    const char *src;
    int line, column;
    const char *message;
} errors[] = {
    {"ok = fine\n[x] = 1\n", 2, 1, "expected a message"},
    {"ok = fine\n\n*star = 1\n", 3, 1, "expected a message"},
    {"ok = fine\nbad value\n", 2, 5, "expected `=`"},
    {"ok = fine\nempty =\n", 2, 1, "needs a value"},
    {"m = a } b\n", 1, 7, "unbalanced closing brace"},
    {"m = { $n ->\n   [one] x\n}\n", 3, 1, "default variant"},
    {"m = { \"open\n", 1, 12, "unterminated string"},
    {"m = { lower() }\n", 1, 7, "upper case"},
    {"#bad comment\n", 1, 2, "space after `#`"},
    {"m = { msg -> \n *[a] x\n}\n", 1, 5, "messages cannot be used as selectors"},
    {"-t =\n", 1, 5, "value for the term"},
};

START_TEST(errors_have_positions)
{
    tl_test_doc f;
    extract(&f, errors[_i].src);
    ck_assert_int_eq(f.rc, TL_ESYNTAX);
    ck_assert_int_eq(f.err.line, errors[_i].line);
    ck_assert_int_eq(f.err.column, errors[_i].column);
    ck_assert_ptr_nonnull(strstr(f.err.message, errors[_i].message));
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(encoder)
{
    tl_test_doc f;
    extract(&f, "m = Hello there\n");
    const tl_segment *s = &f.doc.segs[0];
    tl_buf out = TL_BUF_INIT;
    ck_assert_int_eq(
        tl_encode_fluent(&out, &f.doc, s, s->raw_start + 2, s->raw_start + 5, "a {b}", 5), 0);
    ck_assert_str_eq(out.data, "a {\"{\"}b{\"}\"}");
    tl_buf_reset(&out);
    ck_assert_int_eq(tl_encode_fluent(&out, &f.doc, s, s->raw_start, s->raw_start + 5, " Hi", 3),
                     TL_EUSAGE);
    ck_assert_int_eq(
        tl_encode_fluent(&out, &f.doc, s, s->raw_start + 1, s->raw_start + 5, "a\nb", 3),
        TL_EUSAGE);
    tl_buf_free(&out);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(format_detection)
{
    ck_assert_str_eq(tl_format_detect("browser/aboutLogins.ftl", NULL, 0)->name, "fluent");
    const char *src =
        "login-button =\n    .label = Log in\n    .accesskey = L\nhi = Hi { $name }\n";
    const tl_format *f = tl_format_detect(NULL, (const unsigned char *)src, strlen(src));
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->name, "fluent");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fluent");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, entry_table, 0, sizeof(entries) / sizeof(entries[0]));
    tcase_add_test(tc, attributes_and_keys);
    tcase_add_test(tc, dedent_maps_lines_to_their_place);
    tcase_add_test(tc, select_variants_are_copy);
    tcase_add_test(tc, multiline_variants_are_dedented);
    tcase_add_test(tc, placeables_are_protected);
    tcase_add_test(tc, comments_hold_directives);
    tcase_add_loop_test(tc, errors_have_positions, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, encoder);
    tcase_add_test(tc, format_detection);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
