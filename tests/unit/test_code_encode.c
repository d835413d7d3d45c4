/* test_code_encode.c - fixes written into string literals of source code:
 * plain words go in as they are, the literal's own quote is escaped where
 * the literal takes escapes, and anything that would mean something else
 * in that literal (an escape, an interpolation, markup, a quote in a raw or
 * triple-quoted string) is refused. */
#include "core/buf.h"
#include "extract/format.h"
#include "tl_test_doc.h"

#include <check.h>
#include <string.h>

/* Encode `text` into the first literal of `src` (a file of `syntax`):
 * the bytes in *out, or the return code. */
static int encode(const char *syntax, const char *src, const char *text, tl_buf *out)
{
    tl_test_doc f;
    tl_doc_init(&f.doc, "x", (const unsigned char *)src, strlen(src), NULL);
    tl_error_clear(&f.err);
    f.doc.syntax = syntax;
    ck_assert_int_eq(tl_extract_code(&f.doc, &f.err), 0);
    ck_assert_uint_ge(f.doc.nsegs, 1);
    const tl_segment *s = &f.doc.segs[0];
    int rc = tl_encode_code(out, &f.doc, s, s->raw_start, s->raw_end, text, strlen(text));
    tl_doc_free(&f.doc);
    return rc;
}

#define ENCODES(syntax, src, text, want)                                                           \
    do {                                                                                           \
        tl_buf b = TL_BUF_INIT;                                                                    \
        ck_assert_int_eq(encode(syntax, src, text, &b), 0);                                        \
        ck_assert_str_eq(b.data ? b.data : "", want);                                              \
        tl_buf_free(&b);                                                                           \
    } while (0)

#define REFUSES(syntax, src, text)                                                                 \
    do {                                                                                           \
        tl_buf b = TL_BUF_INIT;                                                                    \
        ck_assert_int_eq(encode(syntax, src, text, &b), TL_EUSAGE);                                \
        tl_buf_free(&b);                                                                           \
    } while (0)

START_TEST(words_go_in_as_they_are)
{
    ENCODES("javascript", "toast('a b');", "We couldn’t save it.", "We couldn’t save it.");
    ENCODES("python", "f(\"a b\")", "Try again, please.", "Try again, please.");
    ENCODES("go", "var m = `a b`", "Saved (2 files).", "Saved (2 files).");
}
END_TEST

START_TEST(own_quote_is_escaped_where_escapes_work)
{
    ENCODES("javascript", "toast('a b');", "We couldn't", "We couldn\\'t");
    ENCODES("python", "f(\"a b\")", "Say \"hi\"", "Say \\\"hi\\\"");
    ENCODES("php-code", "<?php echo 'a b';", "Don't", "Don\\'t");
    ENCODES("ruby", "x = 'a b'", "Don't", "Don\\'t");
    ENCODES("javascript", "toast(\"a b\");", "We couldn't", "We couldn't");
}
END_TEST

START_TEST(quote_refused_where_escapes_do_not_work)
{
    REFUSES("python", "f(r'a b')", "We couldn't");
    REFUSES("python", "f('''a b''')", "We couldn't");
    REFUSES("cpp", "auto s = R\"(a b)\";", "Say \"hi\"");
    REFUSES("java", "String s = \"\"\"\n  a b\n  \"\"\";", "Say \"hi\"");
    REFUSES("javascript", "const x = <p title=\"a b\">c</p>;", "Say \"hi\"");
}
END_TEST

START_TEST(escapes_and_interpolations_refused)
{
    REFUSES("javascript", "toast(`a b`);", "Pay $5 now");
    REFUSES("javascript", "toast('a b');", "C:\\temp");
    REFUSES("python", "f(f'a {x} b')", "Use {this}");
    REFUSES("ruby", "x = \"a b\"", "Item #1");
    REFUSES("c", "printf(\"a b\");", "100% done");
    REFUSES("javascript", "toast('a b');", "Line one\nLine two");
}
END_TEST

START_TEST(jsx_markup_refused)
{
    REFUSES("javascript", "const x = <p>Some words</p>;", "a <b>bold</b> move");
    REFUSES("javascript", "const x = <p>Some words</p>;", "Fish & chips");
    REFUSES("javascript", "const x = <p title=\"a b\">c</p>;", "Fish & chips");
    ENCODES("javascript", "const x = <p>Some words</p>;", "We couldn't", "We couldn't");
}
END_TEST

START_TEST(kotlin_csharp_swift)
{
    ENCODES("kotlin", "val m = \"a b\"", "Say \"hi\"", "Say \\\"hi\\\"");
    REFUSES("kotlin", "val m = \"a b\"", "Pay $5");
    REFUSES("kotlin", "val m = \"\"\"a b\"\"\"", "Say \"hi\"");
    ENCODES("csharp", "var m = \"a b\";", "Say \"hi\"", "Say \\\"hi\\\"");
    REFUSES("csharp", "var m = @\"a b\";", "Say \"hi\"");
    REFUSES("csharp", "var m = $\"a {x} b\";", "Use {this}");
    ENCODES("swift", "let m = \"a b\"", "We couldn't", "We couldn't");
    REFUSES("swift", "let m = #\"a b\"#", "Say \"hi\"");
}
END_TEST

START_TEST(unknown_delimiters_refused)
{
    REFUSES("ruby", "raise Err, %q(a b)", "plain words");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("code_encode");
    TCase *tc = tcase_create("code_encode");
    tcase_add_test(tc, words_go_in_as_they_are);
    tcase_add_test(tc, own_quote_is_escaped_where_escapes_work);
    tcase_add_test(tc, quote_refused_where_escapes_do_not_work);
    tcase_add_test(tc, escapes_and_interpolations_refused);
    tcase_add_test(tc, jsx_markup_refused);
    tcase_add_test(tc, kotlin_csharp_swift);
    tcase_add_test(tc, unknown_delimiters_refused);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
