/* test_magento.c - the Magento 2 dictionary reader: rows and fields as PHP's
 * fgetcsv reads them (quoting, `""`, the `\` escape, multi-line fields,
 * CRLF, odd rows), source maps, unterminated quotes with positions, the
 * fix encoder and which paths are dictionaries. */
#include "extract/format.h"
#include "tl_test_doc.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static void extract_n(tl_test_doc *f, const char *path, const char *src, size_t len)
{
    tl_test_extract(f, tl_extract_magento, path, src, len);
}

static void extract(tl_test_doc *f, const char *src)
{
    extract_n(f, "app/code/Acme/Checkout/i18n/en_US.csv", src, strlen(src));
}

static const struct {
    const char *src;
    const char *want;
} rows[] = {
    {"\"a\",\"b\"\n", "a => b"},
    {"a,b\n", "a => b"},
    {"a,b", "a => b"},                                /* no line end at the end */
    {"\"a\",\"b\",module,Acme_Checkout\n", "a => b"}, /* the 3rd and 4th columns */
    {"\"Say \"\"hi\"\"\",\"Sag \"\"hi\"\"\"\n", "Say \"hi\" => Sag \"hi\""},
    {"\"a,b\",\"c, d\"\n", "a,b => c, d"},
    {"\"a\",\"line one\nline two\"\n\"c\",\"d\"\n", "a => line one\nline two|c => d"},
    {"\"a\",\"b\"\r\n\"c\",\"d\"\r\n", "a => b|c => d"}, /* CRLF */
    {"\"a\",\"x\r\ny\"\r\n", "a => x\r\ny"},             /* a line end inside is kept as stored */
    {"\n\r\n\"a\",\"b\"\n\n", "a => b"},                 /* empty lines */
    {"a,\nb\n\"c\",\"\"\n", ""},                         /* empty or missing translations */
    {"a, b ,c\n", "a =>  b "},                           /* unquoted blanks are kept */
    {"a,  \"b\" ,c\n", "a => b "},                       /* blanks before a quote are dropped */
    {"a,\"b\"c\n", "a => bc"},                           /* text after the closing quote */
    {"a,\"b\\\"c\"\n", "a => b\\\"c"},                   /* \" does not close the field */
    {"a,\"C:\\\\\"\n", "a => C:\\\\"},
    {"a,\"b\\\nc\"\n", "a => b\\\nc"},       /* a \ at a line end escapes nothing */
    {"a,b\r,c\n", "a => b"},                 /* a CR ending an unquoted field */
    {"a,x\"y\"\n", "a => x\"y\""},           /* quotes inside an unquoted field */
    {"\xEF\xBB\xBF\"a\",\"b\"\n", "a => b"}, /* a byte-order mark */
    {"a,\"Total: %1 of %2\"\n", "a => Total: %1 of %2"},
    {"a,b\na,c\n", "a => b|a => c"},       /* each definition */
    {"a,x\xFFy\n", "a => x\xEF\xBF\xBDy"}, /* not UTF-8: U+FFFD */
};

START_TEST(row_table)
{
    tl_test_doc f;
    extract(&f, rows[_i].src);
    tl_test_check_rendered(&f, rows[_i].want);
}
END_TEST

START_TEST(positions_map_to_stored_bytes)
{
    tl_test_doc f;
    const char *src = "\"Sign In\",\"Sign In\"\r\n"
                      "\"Edit \"\"%1\"\"\",\"Edit \"\"%1\"\" now,\r\nor later\"\r\n";
    extract(&f, src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 2);
    const tl_segment *s = &f.doc.segs[1];
    ck_assert_str_eq(s->key, "Edit \"%1\"");
    ck_assert_str_eq(s->text, "Edit \"%1\" now,\r\nor later");
    tl_test_check_spans(&f.doc);
    size_t off = (size_t)(strstr(s->text, "\"%1") - s->text);
    size_t rs = tl_segment_raw_start(s, off), re = tl_segment_raw_end(s, off + 1);
    ck_assert_uint_eq(re - rs, 2);
    ck_assert_mem_eq(src + rs, "\"\"", 2);
    tl_position pos;
    ck_assert_int_eq(tl_source_position(&f.doc.src, s->raw_start, &pos), 0);
    ck_assert_int_eq(pos.line, 2);
    ck_assert_int_eq(pos.column, 16);
    off = (size_t)(strstr(s->text, "later") - s->text);
    ck_assert_int_eq(tl_source_position(&f.doc.src, tl_segment_raw_start(s, off), &pos), 0);
    ck_assert_int_eq(pos.line, 3);
    ck_assert_int_eq(pos.column, 4);
    ck_assert_str_eq(f.doc.lang, "en");
    tl_doc_free(&f.doc);
}
END_TEST

static const struct {
    const char *src;
    int line, column;
} errors[] = {
    {"\"a\",\"b\n", 1, 5},
    {"ok,fine\n\"x\",\"y\\\"\n", 2, 5}, /* `\"` does not close it */
    {"\"a\nb", 1, 1},
    {"a,b\n\"c\",\"d\"\"\n", 2, 5},
};

START_TEST(unterminated_quotes)
{
    tl_test_doc f;
    extract(&f, errors[_i].src);
    ck_assert_int_eq(f.rc, TL_ESYNTAX);
    ck_assert_int_eq(f.err.line, errors[_i].line);
    ck_assert_int_eq(f.err.column, errors[_i].column);
    ck_assert_ptr_nonnull(strstr(f.err.message, "unterminated"));
    tl_doc_free(&f.doc);
}
END_TEST

/* `text` encoded for the decoded range [from, to) of segment `i`. */
static int encode(tl_buf *out, const tl_test_doc *f, size_t i, const char *from, const char *to,
                  const char *text)
{
    return tl_test_encode(out, f, tl_encode_magento, i, from, to, text);
}

START_TEST(encoder)
{
    tl_test_doc f;
    tl_buf out = TL_BUF_INIT;
    extract(&f, "a,\"Utilize the card\"\nb,Utilize the card\nc,\"x\"tail\n");
    ck_assert_uint_eq(f.doc.nsegs, 3);
    /* Quoted: `"` doubled, the rest as it is. */
    ck_assert_int_eq(encode(&out, &f, 0, "Utilize", " the", "open \"Settings\" \\ Billing"), 0);
    ck_assert_str_eq(out.data, "open \"\"Settings\"\" \\ Billing");
    ck_assert_int_eq(encode(&out, &f, 0, "Utilize", " the", "a, b\nc"), 0);
    ck_assert_str_eq(out.data, "a, b\nc");
    ck_assert_int_eq(encode(&out, &f, 0, "Utilize", " the", "a\\\"b"), TL_EUSAGE);
    /* Unquoted: as it is when it needs no quotes. */
    ck_assert_int_eq(encode(&out, &f, 1, "Utilize", " the", "Use \"it\""), 0);
    ck_assert_str_eq(out.data, "Use \"it\"");
    /* A part of it that needs quotes is refused... */
    ck_assert_int_eq(encode(&out, &f, 1, "Utilize", " the", "Use, please,"), TL_EUSAGE);
    ck_assert_int_eq(encode(&out, &f, 1, "Utilize", " the", "\"Use\""), TL_EUSAGE);
    ck_assert_int_eq(encode(&out, &f, 1, "Utilize", " the", "a\nb"), TL_EUSAGE);
    /* ...the whole field is quoted. */
    ck_assert_int_eq(encode(&out, &f, 1, "Utilize", NULL, "Use it, \"now\""), 0);
    ck_assert_str_eq(out.data, "\"Use it, \"\"now\"\"\"");
    ck_assert_int_eq(encode(&out, &f, 1, "Utilize", NULL, ""), TL_EUSAGE);
    /* Text after a closing quote: not fixed. */
    ck_assert_int_eq(encode(&out, &f, 2, "x", NULL, "y"), TL_EUSAGE);
    tl_buf_free(&out);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(dictionary_paths)
{
    static const char *const yes[] = {
        "app/code/Acme/Checkout/i18n/en_US.csv",
        "app/design/frontend/Acme/luma/i18n/de_DE.csv",
        "app/i18n/acme/de_de/de_DE.csv",
        "vendor/magento/module-customer/i18n/zh_Hans_CN.csv",
        "i18n/pt_BR.csv",
    };
    static const char *const no[] = {
        "var/export/en_US.csv",         "app/code/Acme/Checkout/i18n/export.csv",
        "app/code/Acme/i18n/en.csv",    "app/code/Acme/i18n/xx_US.csv",
        "app/code/Acme/i18n/en_US.tsv", "app/code/Acme/i18n/en_us.csv",
    };
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        ck_assert_msg(tl_format_magento_path(yes[i]), "%s", yes[i]);
        ck_assert_msg(tl_format_is_candidate(yes[i]), "%s", yes[i]);
        const tl_format *f = tl_format_detect(yes[i], (const unsigned char *)"a,b\n", 4);
        ck_assert_ptr_nonnull(f);
        ck_assert_str_eq(f->name, "magento-csv");
    }
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        ck_assert_msg(!tl_format_magento_path(no[i]), "%s", no[i]);
        ck_assert_msg(!tl_format_is_candidate(no[i]), "%s", no[i]);
    }
    ck_assert_ptr_nonnull(tl_format_find("magento-csv"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("magento");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, row_table, 0, sizeof(rows) / sizeof(rows[0]));
    tcase_add_test(tc, positions_map_to_stored_bytes);
    tcase_add_loop_test(tc, unterminated_quotes, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, encoder);
    tcase_add_test(tc, dictionary_paths);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
