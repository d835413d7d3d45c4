/* test_properties.c - the Java .properties extractor: separators,
 * continuations, escapes and their source maps, Latin-1 versus UTF-8,
 * language from the file name, errors with positions, the fix encoder. */
#include "extract/format.h"
#include "tl_test_doc.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static void extract_n(tl_test_doc *f, const char *path, const char *src, size_t len)
{
    tl_test_extract(f, tl_extract_properties, path, src, len);
}

static void extract(tl_test_doc *f, const char *src)
{
    extract_n(f, "app/Messages.properties", src, strlen(src));
}

static const struct {
    const char *src;
    const char *key;
    const char *text;
} entries[] = {
    {"a=b\n", "a", "b"},
    {"a = b\n", "a", "b"},
    {"a:b\n", "a", "b"},
    {"a b\n", "a", "b"},
    {"a\tb\n", "a", "b"},
    {"  a =   b  \n", "a", "b  "},
    {"a = = b\n", "a", "= b"},
    {"a b = c\n", "a", "b = c"},
    {"a\\=b=c\n", "a=b", "c"},
    {"a\\ b:c\n", "a b", "c"},
    {"a=one \\\n    two\n", "a", "one two"},
    {"a=one \\\r\n\ttwo\\\r   three\n", "a", "one twothree"},
    {"a=x\\\\\n", "a", "x\\"},
    {"a=\\t\\n\\r\\f\\q\\\\\n", "a", "\t\n\r\fq\\"},
    {"a=caf\\u00e9\n", "a", "caf\xC3\xA9"},
    {"a=\\uD83D\\uDE00!\n", "a", "\xF0\x9F\x98\x80!"},
    {"a=\\uD83D!\n", "a", "\xEF\xBF\xBD!"},
    {"a=It''s {0}\n", "a", "It''s {0}"},
    {"a=end\\", "a", "end"},
    {"# c\n! c\n  # indented comment\na=b", "a", "b"},
    {"a=b \\\n# not a comment\n", "a", "b # not a comment"},
    {"k\\\n  ey=v\n", "key", "v"},
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

START_TEST(escapes_and_continuations_map_to_stored_bytes)
{
    tl_test_doc f;
    const char *src = "# header\n"
                      "greeting = Hello, caf\\u00e9 \\\n"
                      "           lovers!\\tBye\n";
    extract(&f, src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "Hello, caf\xC3\xA9 lovers!\tBye");
    tl_test_check_spans(&f.doc);
    tl_test_check_maps_to(&f.doc, s, "\xC3\xA9", "\\u00e9");
    tl_test_check_maps_to(&f.doc, s, "\t", "\\t");
    tl_test_check_maps_to(&f.doc, s, "lovers", "lovers");
    /* A match across the continuation covers the backslash, the line break
     * and the skipped indentation. */
    tl_test_check_maps_to(&f.doc, s, "\xC3\xA9 lovers", "\\u00e9 \\\n           lovers");
    /* The value starts on line 2, column 12. */
    tl_position pos;
    ck_assert_int_eq(tl_source_position(&f.doc.src, s->raw_start, &pos), 0);
    ck_assert_int_eq(pos.line, 2);
    ck_assert_int_eq(pos.column, 12);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(latin1_file)
{
    tl_test_doc f;
    /* Not valid UTF-8: read as ISO-8859-1; columns count bytes. */
    const char src[] = "msg=Gr\xFC\xDF Gott \xE9t\xE9\nnext=\xE9 ok\n";
    extract_n(&f, "x/messages_de.properties", src, sizeof(src) - 1);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_int_eq(f.doc.src.encoding, TL_ENC_LATIN1);
    ck_assert_str_eq(f.doc.lang, "de");
    ck_assert_uint_eq(f.doc.nsegs, 2);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "Gr\xC3\xBC\xC3\x9F Gott \xC3\xA9t\xC3\xA9");
    tl_test_check_spans(&f.doc);
    tl_test_check_maps_to(&f.doc, s, "\xC3\xBC", "\xFC");
    tl_test_check_maps_to(&f.doc, s, "Gott", "Gott");
    tl_position pos;
    size_t ok = (size_t)(strstr(src, " ok") - src) + 1;
    ck_assert_int_eq(tl_source_position(&f.doc.src, ok, &pos), 0);
    ck_assert_int_eq(pos.column, 8);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(utf8_file)
{
    tl_test_doc f;
    extract_n(&f, "x/messages_fr_CA.properties", "msg=Caf\xC3\xA9 cr\xC3\xA8me\n", 17);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_int_eq(f.doc.src.encoding, TL_ENC_UTF8);
    ck_assert_str_eq(f.doc.lang, "fr");
    ck_assert_str_eq(f.doc.segs[0].text, "Caf\xC3\xA9 cr\xC3\xA8me");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(base_bundle_is_english)
{
    tl_test_doc f;
    extract(&f, "a=b\nempty=\nempty2\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_str_eq(f.doc.lang, "en");
    ck_assert_uint_eq(f.doc.nsegs, 1); /* empty values are not copy */
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(comments_hold_directives_and_notes)
{
    tl_test_doc f;
    extract(&f,
            "# tonelint-disable-next-line blame\n# kind: error\nerr.card=You failed\nok=Fine\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.ndirectives, 1);
    ck_assert_int_eq(f.doc.directives[0].kind, TL_DIRECTIVE_NEXT_LINE);
    ck_assert_str_eq(f.doc.directives[0].rules, "blame");
    ck_assert_uint_eq(f.doc.nsegs, 2);
    ck_assert_ptr_nonnull(strstr(f.doc.segs[0].comment, "kind: error"));
    ck_assert_ptr_null(f.doc.segs[1].comment);
    tl_doc_free(&f.doc);
}
END_TEST

static const struct {
    const char *src;
    int line, column;
} errors[] = {
    {"a=\\u12\n", 1, 3},
    {"a=ok\nb=x \\uZZZZ\n", 2, 5},
    {"a=ok\nkey\\u00=v\n", 2, 4},
    {"a=\\u00", 1, 3},
};

START_TEST(errors_have_positions)
{
    tl_test_doc f;
    extract(&f, errors[_i].src);
    ck_assert_int_eq(f.rc, TL_ESYNTAX);
    ck_assert_int_eq(f.err.line, errors[_i].line);
    ck_assert_int_eq(f.err.column, errors[_i].column);
    ck_assert_ptr_nonnull(strstr(f.err.message, "\\uXXXX"));
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(encoder)
{
    tl_test_doc f;
    const char latin[] = "a=caf\xE9 ok\n";
    extract_n(&f, "x/Messages.properties", latin, sizeof(latin) - 1);
    ck_assert_int_eq(f.rc, 0);
    const tl_segment *s = &f.doc.segs[0];
    tl_buf out = TL_BUF_INIT;
    /* Latin-1 file: é as one byte, € as \u20AC, an emoji as a surrogate pair. */
    ck_assert_int_eq(tl_encode_properties(&out, &f.doc, s, s->raw_start + 2, s->raw_end,
                                          "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 a\\b\nc", 15),
                     0);
    ck_assert_str_eq(out.data, "\xE9\\u20AC\\uD83D\\uDE00 a\\\\b\\nc");
    /* Leading blanks at the start of the value would be skipped. */
    tl_buf_reset(&out);
    ck_assert_int_eq(tl_encode_properties(&out, &f.doc, s, s->raw_start, s->raw_end, "  x", 3), 0);
    ck_assert_str_eq(out.data, "\\ \\ x");
    tl_doc_free(&f.doc);
    /* UTF-8 file: characters stay as they are. */
    extract(&f, "a=caf\xC3\xA9\n");
    s = &f.doc.segs[0];
    tl_buf_reset(&out);
    ck_assert_int_eq(
        tl_encode_properties(&out, &f.doc, s, s->raw_start, s->raw_end, "\xE2\x82\xAC", 3), 0);
    ck_assert_str_eq(out.data, "\xE2\x82\xAC");
    tl_buf_free(&out);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(format_detection)
{
    ck_assert_str_eq(tl_format_detect("a/b/Messages.properties", NULL, 0)->name, "properties");
    const char *src =
        "# comment\nbilling.title=Billing\nbilling.error.card=Your card was declined\n";
    const tl_format *f = tl_format_detect(NULL, (const unsigned char *)src, strlen(src));
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->name, "properties");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("properties");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, entry_table, 0, sizeof(entries) / sizeof(entries[0]));
    tcase_add_test(tc, escapes_and_continuations_map_to_stored_bytes);
    tcase_add_test(tc, latin1_file);
    tcase_add_test(tc, utf8_file);
    tcase_add_test(tc, base_bundle_is_english);
    tcase_add_test(tc, comments_hold_directives_and_notes);
    tcase_add_loop_test(tc, errors_have_positions, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, encoder);
    tcase_add_test(tc, format_detection);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
