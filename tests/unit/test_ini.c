/* test_ini.c - INI language files: Joomla's reading (PHP's parse_ini_string
 * in raw mode, `"_QQ_"` and `\"`), VuFind's own reader, comments and notes,
 * sections, source maps, errors with positions, the fix encoder (which
 * reads the edited line back) and detection by path. */
#include "extract/format.h"
#include "tl_test_doc.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define JOOMLA_PATH "components/com_bookings/language/en-GB/en-GB.com_bookings.ini"
#define VUFIND_PATH "languages/en.ini"

static void joomla_n(tl_test_doc *f, const char *src, size_t len)
{
    tl_test_extract(f, tl_extract_ini, JOOMLA_PATH, src, len);
}

static void joomla(tl_test_doc *f, const char *src)
{
    joomla_n(f, src, strlen(src));
}

static void vufind(tl_test_doc *f, const char *src)
{
    tl_test_extract(f, tl_extract_vufind_ini, VUFIND_PATH, src, strlen(src));
}

/* Each as PHP's parse_ini_string($s, false, INI_SCANNER_RAW) reads it, with
 * Joomla's `"_QQ_"` and `\"` replacements (checked against php 8.2). */
static const struct {
    const char *src;
    const char *want;
} joomla_entries[] = {
    {"A=\"b\"\n", "A => b"},
    {"A = \"b\"\n", "A => b"},
    {"  A  =  \"  x  \"  \n", "A =>   x  "}, /* blanks inside the quotes stay */
    {"A=b c\n", "A => b c"},
    {"A=b ; note\n", "A => b"},                            /* a bare value ends at `;` */
    {"A=\"b\" ; note\n", "A => b"},                        /* a quoted one at a `;` after it */
    {"A=\"has ; semicolon\"\n", "A => has ; semicolon"},   /* a `;` with a `"` after it */
    {"A=\"b\" ; c \"d\"\n", "A => b\" ; c \"d"},           /* a `"` after the `;` keeps it */
    {"A=\"a;b\n", "A => \"a"},                             /* no `"` after the `;` */
    {"A=\"a\" b ; c\n", "A => \"a\" b"},                   /* not ending in `"`: quotes stay */
    {"A=\"Say \\\"hi\\\" now\"\n", "A => Say \"hi\" now"}, /* \" is " */
    {"A=\"Say \"_QQ_\"hi\"_QQ_\" now\"\n", "A => Say \"hi\" now"}, /* and so is "_QQ_" */
    {"A=\"_QQ_\"hi\"_QQ_\"\n", "A => \"hi\""}, /* `\"hi\"`: not a quoted value */
    {"A=\"x\\\"\n", "A => x\\"},               /* the closing quote still closes */
    {"A=\"x\\ny\"\n", "A => x\\ny"},           /* \n is text */
    {"A=\"a\" \"b\"\n", "A => a\" \"b"},       /* one value: outer quotes only */
    {"A==x\n", "A => =x"},
    {"A.b-c_d:e=x\n", "A.b-c_d:e => x"},
    {"KEY WITH SPACE = x\n", "KEY WITH SPACE => x"},
    {"A=\"\"\nB=\nC= ;x\n", ""}, /* empty values */
    {"A\nB ; c = d\n", ""},      /* no `=`, or a `;` before it */
    {"; c = d\n  ;A=b\n", ""},   /* comments */
    {"#A=b\n", "#A => b"},       /* `#` starts no comment */
    {"[section]\nA=b\n[other] ; note\nB=c\n", "A => b|B => c"},
    {"A=\"b\"\r\nB=\"c\"\r\n", "A => b|B => c"},
    {"A=\"b\"\rB=\"c\"\r", "A => b|B => c"}, /* a CR alone ends a line */
    {"A=\"b\"", "A => b"},                   /* no line end at the end */
    {"\xEF\xBB\xBF"
     "A=\"b\"\n",
     "A => b"},
    {"A=\"b\"\nA=\"c\"\n", "A => b|A => c"}, /* each definition */
    {"A=\"caf\xC3\xA9 <b>%s</b>\"\n", "A => caf\xC3\xA9 <b>%s</b>"},
    {"A=\"x\xFFy\"\n", "A => x\xEF\xBF\xBDy"},
};

START_TEST(joomla_table)
{
    tl_test_doc f;
    joomla(&f, joomla_entries[_i].src);
    tl_test_check_rendered(&f, joomla_entries[_i].want);
}
END_TEST

/* Each as VuFind's ExtendedIniReader reads it. */
static const struct {
    const char *src;
    const char *want;
} vufind_entries[] = {
    {"a = \"b\"\n", "a => b"},
    {"Form Submitted! = \"Form Submitted!\"\n", "Form Submitted! => Form Submitted!"},
    {"a = b ; c\n", "a => b ; c"}, /* a `;` is text */
    {"a = \"Say \\\"hi\\\"\"\n", "a => Say \\\"hi\\\""},
    {"a = \"b\n", "a => b"}, /* each quote goes on its own */
    {"a = b\"\n", "a => b"},
    {"a = \"\"b\"\"\n", "a => \"b\""},
    {"a = \"\"\nb =\n", ""},
    {"; a = b\n  ;x = y\n= b\n", ""},
    {"a = \"b\"\r\nc = \"d\"\r\n", "a => b|c => d"},
    {"a = \"b\"\rc = \"d\"\n", "a => b\"\rc = \"d"}, /* lines end at LF */
    {"[x]\na = b\n", "a => b"},                      /* no sections: no `=` */
};

START_TEST(vufind_table)
{
    tl_test_doc f;
    vufind(&f, vufind_entries[_i].src);
    tl_test_check_rendered(&f, vufind_entries[_i].want);
}
END_TEST

START_TEST(quotes_map_to_stored_bytes)
{
    tl_test_doc f;
    const char *src = "; Bookings - site strings\r\n"
                      "\r\n"
                      "COM_BOOKINGS_HINT = \"Press \\\"Book\\\", then \"_QQ_\"Pay\"_QQ_\".\"\r\n";
    joomla(&f, src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "Press \"Book\", then \"Pay\".");
    tl_test_check_spans(&f.doc);
    tl_test_check_maps_to(&f.doc, s, "\"Book\"", "\\\"Book\\\"");
    tl_test_check_maps_to(&f.doc, s, "\"Pay\"", "\"_QQ_\"Pay\"_QQ_\"");
    /* The value starts after its quote on line 3, column 22. */
    tl_position pos;
    ck_assert_int_eq(tl_source_position(&f.doc.src, s->raw_start, &pos), 0);
    ck_assert_int_eq(pos.line, 3);
    ck_assert_int_eq(pos.column, 22);
    ck_assert_int_eq(src[s->raw_end], '"');
    ck_assert_ptr_null(s->comment); /* a blank line ends the note */
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(comments_hold_directives_and_notes)
{
    tl_test_doc f;
    joomla(&f, "; tonelint-disable-next-line blame\n; kind: error\nERR_CARD=\"You failed\"\n"
               "OK=\"Fine\"\n;tonelint-disable\nLEGACY=\"Old\"\n; tonelint-enable\n");
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
        {JOOMLA_PATH, "en"},
        {"language/fr-FR/fr-FR.ini", "fr"},
        {"administrator/language/de-DE/com_bookings.sys.ini", "de"},
        {"languages/pt-br.ini", "pt"},
        {"config/app.ini", NULL},
    };
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        tl_test_doc f;
        tl_test_extract(&f, tl_extract_ini, paths[i].path, "A=b\n", 4);
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
    static const struct {
        const char *src;
        int line, column;
        const char *says;
    } bad[] = {
        {"A=\"b\"\n=\"c\"\n", 2, 1, "no key"},
        {"A=\"b\"\nB!=\"c\"\n", 2, 2, "`!` in a key"},
        {"\"A\"=\"b\"\n", 1, 1, "`\"` in a key"},
        {"A=\"b\"\n[section\nB=\"c\"\n", 2, 9, "section"},
        {"A[=\"b\"\n", 1, 2, "`[`"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        tl_test_doc f;
        joomla(&f, bad[i].src);
        ck_assert_int_eq(f.rc, TL_ESYNTAX);
        ck_assert_int_eq(f.err.line, bad[i].line);
        ck_assert_int_eq(f.err.column, bad[i].column);
        ck_assert_ptr_nonnull(strstr(f.err.message, bad[i].says));
        tl_doc_free(&f.doc);
    }
    tl_test_doc f;
    const char nul[] = "A=\"b\"\nC=\"d\0e\"\n";
    joomla_n(&f, nul, sizeof(nul) - 1);
    ck_assert_int_eq(f.rc, TL_ESYNTAX);
    ck_assert_int_eq(f.err.line, 2);
    ck_assert_int_eq(f.err.column, 5);
    ck_assert_ptr_nonnull(strstr(f.err.message, "NUL"));
    tl_doc_free(&f.doc);
    const char utf16[] = "\xFF\xFE"
                         "A\0=\0b\0";
    joomla_n(&f, utf16, sizeof(utf16) - 1);
    ck_assert_int_eq(f.rc, TL_EENCODING);
    tl_doc_free(&f.doc);
}
END_TEST

/* `text` encoded for the decoded range of segment 0 that `from` starts. */
static int encode(tl_buf *out, const tl_test_doc *f, const char *from, const char *to,
                  const char *text)
{
    return tl_test_encode(out, f, tl_encode_ini, 0, from, to, text);
}

START_TEST(encoder)
{
    tl_test_doc f;
    tl_buf out = TL_BUF_INIT;
    joomla(&f, "A=\"Utilize the \"_QQ_\"Pay\"_QQ_\" button\"\nB=\"x\"\n");
    ck_assert_int_eq(encode(&out, &f, "Utilize", " the", "Use"), 0);
    ck_assert_str_eq(out.data, "Use");
    ck_assert_int_eq(encode(&out, &f, "Utilize", " the", "Press \"OK\" or"), 0);
    ck_assert_str_eq(out.data, "Press \\\"OK\\\" or");
    ck_assert_int_eq(encode(&out, &f, "\"Pay\"", " button", "Pay"), 0); /* over the "_QQ_"s */
    ck_assert_int_eq(encode(&out, &f, "Utilize", " the", "a; b"), 0);   /* a `"` follows */
    ck_assert_int_eq(encode(&out, &f, "Utilize", " the", "one\ntwo"), TL_EUSAGE);
    ck_assert_int_eq(encode(&out, &f, "Utilize", " the", "a\rb"), TL_EUSAGE);
    ck_assert_int_eq(encode(&out, &f, "Utilize", NULL, ""), TL_EUSAGE); /* an empty value */
    ck_assert_int_eq(encode(&out, &f, "Utilize", NULL, "x\\"), 0);      /* PHP still reads x\ */
    ck_assert_str_eq(out.data, "x\\");
    tl_doc_free(&f.doc);
    /* A bare value: a `;` would start a comment, trailing blanks would go. */
    joomla(&f, "A=Utilize it\n");
    ck_assert_int_eq(encode(&out, &f, "Utilize", " it", "Use"), 0);
    ck_assert_int_eq(encode(&out, &f, "Utilize", " it", "Use; see"), TL_EUSAGE);
    ck_assert_int_eq(encode(&out, &f, "it", NULL, "it "), TL_EUSAGE);
    ck_assert_int_eq(encode(&out, &f, "Utilize", " it", "\"Use\""), 0); /* still bare */
    ck_assert_str_eq(out.data, "\\\"Use\\\"");
    ck_assert_int_eq(encode(&out, &f, "Utilize", " it", " Use"), TL_EUSAGE); /* a leading blank */
    tl_doc_free(&f.doc);
    /* VuFind writes quotes as they are, and keeps a `;`. */
    vufind(&f, "a = \"Utilize it\"\n");
    ck_assert_int_eq(encode(&out, &f, "Utilize", " it", "Press \"OK\"; use"), 0);
    ck_assert_str_eq(out.data, "Press \"OK\"; use");
    ck_assert_int_eq(encode(&out, &f, "Utilize", NULL, "x\ny"), TL_EUSAGE);
    tl_buf_free(&out);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(detection)
{
    const char *ini = "COM_BOOKINGS_TITLE=\"Bookings\"\n";
    static const struct {
        const char *path, *format;
        bool walked;
    } paths[] = {
        {JOOMLA_PATH, "ini", true},
        {"language/en-GB/en-GB.ini", "ini", true}, /* Joomla's region is in capitals */
        {"administrator/language/en-GB/com_bookings.sys.ini", "ini", true},
        {VUFIND_PATH, "vufind-ini", true},
        {"languages/CreateAccount/pt-br.ini", "vufind-ini", true},
        {"config/php.ini", "ini", false}, /* read when named, not in a walk */
        {"setup/settings.ini", "ini", false},
        {"app/_includes/translations.ini", "ini", true}, /* named for its contents */
    };
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        const tl_format *f =
            tl_format_detect(paths[i].path, (const unsigned char *)ini, strlen(ini));
        ck_assert_ptr_nonnull(f);
        ck_assert_str_eq(f->name, paths[i].format);
        ck_assert_int_eq(tl_format_is_candidate(paths[i].path) != 0, paths[i].walked);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ini");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, joomla_table, 0, sizeof(joomla_entries) / sizeof(joomla_entries[0]));
    tcase_add_loop_test(tc, vufind_table, 0, sizeof(vufind_entries) / sizeof(vufind_entries[0]));
    tcase_add_test(tc, quotes_map_to_stored_bytes);
    tcase_add_test(tc, comments_hold_directives_and_notes);
    tcase_add_test(tc, language_from_the_path);
    tcase_add_test(tc, errors_have_positions);
    tcase_add_test(tc, encoder);
    tcase_add_test(tc, detection);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
