/* test_lang.c - the Dolibarr .lang reader: keys and separators as Dolibarr's
 * fscanf reads them, the two escapes and their source maps, comments and
 * directives, settings that are not copy, CRLF, odd lines, the language
 * from the path, errors with positions, the fix encoder and detection. */
#include "extract/format.h"
#include "tl_test_doc.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static void extract_n(tl_test_doc *f, const char *path, const char *src, size_t len)
{
    tl_test_extract(f, tl_extract_lang, path, src, len);
}

static void extract(tl_test_doc *f, const char *src)
{
    extract_n(f, "htdocs/langs/en_US/bills.lang", src, strlen(src));
}

static const struct {
    const char *src;
    const char *want;
} entries[] = {
    {"a=b\n", "a => b"},
    {"a = b\n", "a => b"},
    {"a = = b\n", "a => b"},
    {"a==b=c\n", "a => b=c"},
    {"a b c\n", "a => b c"},             /* a space separates too */
    {"a=b  \n", "a => b  "},             /* trailing blanks are kept */
    {"a=b\r\nc=d\r\n", "a => b|c => d"}, /* CRLF */
    {"a=b\rc=d\n", "a => b"},            /* the value ends at CR; the rest is lost */
    {"a=b\rc=d\r", "a => b"},            /* CR alone ends no line */
    {"a=b", "a => b"},                   /* no line end at the end */
    {"a=\nb=\r\nc= \n", ""},             /* empty values */
    {"a\nb\r\nc", ""},                   /* no separator */
    {" a=b\n=b\n", ""},                  /* no key */
    {"\ta=b\n", "\ta => b"},             /* a tab is part of the key */
    {"a\r=b\n", "a\r => b"},             /* and so is a CR */
    {"a=one\\ntwo\n", "a => one\ntwo"},
    {"a=x\\\\s y\n", "a => x\\s y"},
    {"a=\\\\n\n", "a => \\\n"},
    {"a=\\t \\s \\\\ \\\n", "a => \\t \\s \\\\ \\"},
    {"# c\n#a=b\n# a = b\n  # indented\n#\na=b\n", "a => b"},
    {"CHARSET=UTF-8\nDIRECTION=ltr\nFONTFORPDF=helvetica\nFONTSIZEFORPDF=10\n"
     "SeparatorDecimal=.\nSeparatorThousand=,\nFormatDateShort=%m/%d/%Y\n"
     "FormatHourShort=%I:%M %p\nVAT=Sales tax\n",
     "VAT => Sales tax"},
    {"\xEF\xBB\xBF# header\na=b\n", "a => b"},
    {"a=b\na=c\n", "a => b|a => c"}, /* each definition */
    {"a=caf\xC3\xA9 <b>%s</b>\n", "a => caf\xC3\xA9 <b>%s</b>"},
    {"a=x\xFFy\n", "a => x\xEF\xBF\xBDy"}, /* not UTF-8: U+FFFD */
};

START_TEST(entry_table)
{
    tl_test_doc f;
    extract(&f, entries[_i].src);
    tl_test_check_rendered(&f, entries[_i].want);
}
END_TEST

START_TEST(escapes_map_to_stored_bytes)
{
    tl_test_doc f;
    const char *src = "# Dolibarr language file - en_US - bills\r\n"
                      "CHARSET=UTF-8\r\n"
                      "Help = Read the\\nguide in C:\\\\server\\\\share.\r\n";
    extract(&f, src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "Read the\nguide in C:\\server\\share.");
    tl_test_check_spans(&f.doc);
    tl_test_check_maps_to(&f.doc, s, "\n", "\\n");
    tl_test_check_maps_to(&f.doc, s, "the\nguide", "the\\nguide");
    tl_test_check_maps_to(&f.doc, s, "\\s", "\\\\s");
    /* The value starts on line 3, column 8; it ends before the CR. */
    tl_position pos;
    ck_assert_int_eq(tl_source_position(&f.doc.src, s->raw_start, &pos), 0);
    ck_assert_int_eq(pos.line, 3);
    ck_assert_int_eq(pos.column, 8);
    ck_assert_int_eq(src[s->raw_end], '\r');
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(comments_hold_directives_and_notes)
{
    tl_test_doc f;
    extract(&f, "# tonelint-disable-next-line blame\n# kind: error\n\nErrCard=You failed\n"
                "Ok=Fine\n#tonelint-disable\nLegacy=Old\n# tonelint-enable\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.ndirectives, 3);
    ck_assert_int_eq(f.doc.directives[0].kind, TL_DIRECTIVE_NEXT_LINE);
    ck_assert_str_eq(f.doc.directives[0].rules, "blame");
    ck_assert_int_eq(f.doc.directives[1].kind, TL_DIRECTIVE_DISABLE);
    ck_assert_int_eq(f.doc.directives[2].kind, TL_DIRECTIVE_ENABLE);
    ck_assert_uint_eq(f.doc.nsegs, 3);
    ck_assert_ptr_nonnull(strstr(f.doc.segs[0].comment, "kind: error"));
    ck_assert_ptr_null(f.doc.segs[1].comment);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(language_from_the_path)
{
    static const struct {
        const char *path, *lang;
    } paths[] = {
        {"htdocs/langs/fr_FR/bills.lang", "fr"},
        {"htdocs/custom/mymodule/langs/de_DE/mymodule.lang", "de"},
        {"langs/pt_BR/main.lang", "pt"},
        {"langs/en_US/de.lang", "en"}, /* the folder decides */
        {"notes/app.lang", NULL},
    };
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        tl_test_doc f;
        extract_n(&f, paths[i].path, "a=b\n", 4);
        ck_assert_int_eq(f.rc, 0);
        if (paths[i].lang)
            ck_assert_str_eq(f.doc.lang, paths[i].lang);
        else
            ck_assert_ptr_null(f.doc.lang);
        tl_doc_free(&f.doc);
    }
}
END_TEST

START_TEST(errors_have_positions)
{
    tl_test_doc f;
    const char nul[] = "a=b\nc=d\0e\n";
    extract_n(&f, "langs/en_US/x.lang", nul, sizeof(nul) - 1);
    ck_assert_int_eq(f.rc, TL_ESYNTAX);
    ck_assert_int_eq(f.err.line, 2);
    ck_assert_int_eq(f.err.column, 4);
    ck_assert_ptr_nonnull(strstr(f.err.message, "NUL"));
    tl_doc_free(&f.doc);
    const char utf16[] = "\xFF\xFE"
                         "a\0=\0b\0";
    extract_n(&f, "langs/en_US/x.lang", utf16, sizeof(utf16) - 1);
    ck_assert_int_eq(f.rc, TL_EENCODING);
    tl_doc_free(&f.doc);
}
END_TEST

/* `text` encoded for the decoded range of segment 0 that `from` starts. */
static int encode(tl_buf *out, const tl_test_doc *f, const char *from, const char *to,
                  const char *text)
{
    return tl_test_encode(out, f, tl_encode_lang, 0, from, to, text);
}

START_TEST(encoder)
{
    tl_test_doc f;
    tl_buf out = TL_BUF_INIT;
    extract(&f, "a=Utilize it\\\\s now \\x\n");
    ck_assert_int_eq(encode(&out, &f, "Utilize", " it", "Use\nthis"), 0);
    ck_assert_str_eq(out.data, "Use\\nthis");
    ck_assert_int_eq(encode(&out, &f, "Utilize", " it", "open \"Settings\" \\ Billing"), 0);
    ck_assert_str_eq(out.data, "open \"Settings\" \\ Billing");
    ck_assert_int_eq(encode(&out, &f, "Utilize", " it", "a\rb"), TL_EUSAGE);
    ck_assert_int_eq(encode(&out, &f, "Utilize", " it", "a\\nb"), TL_EUSAGE);   /* would be \n */
    ck_assert_int_eq(encode(&out, &f, "Utilize", " it", "a\\\\sb"), TL_EUSAGE); /* would be \s */
    ck_assert_int_eq(encode(&out, &f, "Utilize", " it", " x"), TL_EUSAGE);      /* the separator */
    ck_assert_int_eq(encode(&out, &f, "Utilize", " it", "=x"), TL_EUSAGE);
    ck_assert_int_eq(encode(&out, &f, "Utilize", NULL, ""), TL_EUSAGE); /* an empty value */
    ck_assert_int_eq(encode(&out, &f, "it", " now", "x y"), 0);
    ck_assert_str_eq(out.data, "x y");
    /* After the stored backslash of `\x`, text starting with n would be `\n`. */
    ck_assert_int_eq(encode(&out, &f, "x", NULL, "nope"), TL_EUSAGE);
    ck_assert_int_eq(encode(&out, &f, "x", NULL, "ok"), 0);
    tl_doc_free(&f.doc);
    /* A trailing backslash before stored text that starts with n. */
    extract(&f, "a=Utilize now\n");
    ck_assert_int_eq(encode(&out, &f, "Utilize", " now", "Use \\"), 0);
    ck_assert_int_eq(encode(&out, &f, "Utilize ", "now", "Use \\"), TL_EUSAGE);
    tl_buf_free(&out);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(detection)
{
    const char *lang = "CHARSET=UTF-8\nBill=Invoice<br>Paid\n";
    const tl_format *f = tl_format_detect("htdocs/langs/en_US/bills.lang",
                                          (const unsigned char *)lang, strlen(lang));
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->name, "lang");
    /* GtkSourceView language definitions are XML. */
    const char *xml = "<?xml version=\"1.0\"?>\n<language id=\"c\"/>\n";
    ck_assert_ptr_null(
        tl_format_detect("language-specs/c.lang", (const unsigned char *)xml, strlen(xml)));
    ck_assert(tl_format_is_candidate("htdocs/langs/en_US/bills.lang"));
    ck_assert(tl_format_is_candidate("custom/mymodule/langs/fr_FR/mymodule.lang"));
    ck_assert(!tl_format_is_candidate("share/gtksourceview/language-specs/c.lang"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lang");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, entry_table, 0, sizeof(entries) / sizeof(entries[0]));
    tcase_add_test(tc, escapes_map_to_stored_bytes);
    tcase_add_test(tc, comments_hold_directives_and_notes);
    tcase_add_test(tc, language_from_the_path);
    tcase_add_test(tc, errors_have_positions);
    tcase_add_test(tc, encoder);
    tcase_add_test(tc, detection);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
