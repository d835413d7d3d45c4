/* test_po.c - the gettext PO extractor: entries, escapes, source maps,
 * headers, obsolete entries and syntax errors with positions. */
#include "extract/format.h"
#include "tl_test_doc.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void extract(tl_test_doc *f, const char *src)
{
    tl_test_extract(f, tl_extract_po, "t.po", src, strlen(src));
}

START_TEST(entries_and_header)
{
    tl_test_doc f;
    extract(&f,
            "msgid \"\"\nmsgstr \"\"\n\"Language: de\\n\"\n\"Content-Type: text/plain; "
            "charset=UTF-8\\n\"\n\n"
            "#. kind: error\n#: a.c:1\nmsgctxt \"btn\"\nmsgid \"Save\"\nmsgstr \"Speichern\"\n\n"
            "msgid \"one file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"eine Datei\"\nmsgstr[1] "
            "\"%d Dateien\"\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_str_eq(f.doc.lang, "de");
    ck_assert_uint_eq(f.doc.nsegs, 6);
    ck_assert_str_eq(f.doc.segs[0].text, "Save");
    ck_assert_str_eq(f.doc.segs[0].context, "btn");
    ck_assert_str_eq(f.doc.segs[0].lang, "en");
    ck_assert_str_eq(f.doc.segs[0].comment, "kind: error");
    ck_assert_str_eq(f.doc.segs[0].refs, "a.c:1");
    ck_assert(f.doc.segs[0].flags & TL_SEG_EXTRACTED);
    ck_assert_str_eq(f.doc.segs[1].text, "Speichern");
    ck_assert_str_eq(f.doc.segs[1].lang, "de");
    ck_assert_str_eq(f.doc.segs[1].key, "Save");
    ck_assert_str_eq(f.doc.segs[2].text, "one file");
    ck_assert_str_eq(f.doc.segs[3].text, "%d files");
    ck_assert_str_eq(f.doc.segs[3].key, "one file");
    ck_assert_str_eq(f.doc.segs[5].text, "%d Dateien");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(escapes_map_to_stored_bytes)
{
    tl_test_doc f;
    const char *src = "msgid \"a\\\"b\\\\c\\n\\t\\x41\\101z\"\nmsgstr \"\"\n";
    extract(&f, src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "a\"b\\c\n\tAAz");
    /* The decoded 'A' from \x41 covers the four stored bytes. */
    size_t a = strchr(s->text, 'A') - s->text;
    size_t rs = tl_segment_raw_start(s, a), re = tl_segment_raw_end(s, a + 1);
    ck_assert_uint_eq(re - rs, 4);
    ck_assert_mem_eq(src + rs, "\\x41", 4);
    /* 'z' is literal. */
    size_t z = strchr(s->text, 'z') - s->text;
    ck_assert_int_eq(src[tl_segment_raw_start(s, z)], 'z');
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(multiline_literals)
{
    tl_test_doc f;
    const char *src = "msgid \"\"\n\"First line \"\n  \"second line.\"\nmsgstr \"\"\n";
    extract(&f, src);
    ck_assert_int_eq(f.rc, 0);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "First line second line.");
    size_t off = strstr(s->text, "second") - s->text;
    size_t raw = tl_segment_raw_start(s, off);
    ck_assert_mem_eq(src + raw, "second", 6);
    tl_position p;
    tl_source_position(&f.doc.src, raw, &p);
    ck_assert_int_eq(p.line, 3);
    ck_assert_int_eq(p.column, 4);
    tl_source_position(&f.doc.src, s->raw_start, &p);
    ck_assert_int_eq(p.line, 2);
    ck_assert_int_eq(p.column, 2);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(obsolete_and_previous_skipped)
{
    tl_test_doc f;
    extract(
        &f,
        "#| msgid \"Old\"\nmsgid \"New\"\nmsgstr \"\"\n\n#~ msgid \"Gone\"\n#~ msgstr \"Weg\"\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    ck_assert_str_eq(f.doc.segs[0].text, "New");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(crlf_and_bom)
{
    tl_test_doc f;
    const char *src =
        "\xEF\xBB\xBFmsgid \"Hi\"\r\nmsgstr \"\"\r\n\r\nmsgid \"Bye\"\r\nmsgstr \"\"\r\n";
    extract(&f, src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 2);
    tl_position p;
    tl_source_position(&f.doc.src, f.doc.segs[0].raw_start, &p);
    ck_assert_int_eq(p.line, 1);
    ck_assert_int_eq(p.column, 8);
    tl_source_position(&f.doc.src, f.doc.segs[1].raw_start, &p);
    ck_assert_int_eq(p.line, 4);
    ck_assert_int_eq(p.column, 8);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(latin1_charset_converted)
{
    tl_test_doc f;
    const char *src = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n\n"
                      "msgid \"caf\xE9 open\"\nmsgstr \"\"\n";
    extract(&f, src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_str_eq(f.doc.segs[0].text, "caf\xC3\xA9 open");
    /* "open" still maps to its stored bytes after a one-byte, two-decoded-byte char. */
    const tl_segment *s = &f.doc.segs[0];
    size_t off = strstr(s->text, "open") - s->text;
    ck_assert_mem_eq(src + tl_segment_raw_start(s, off), "open", 4);
    tl_doc_free(&f.doc);
}
END_TEST

static const struct {
    const char *src;
    int line, column;
    const char *message;
} errors[] = {
    {"msgid \"unterminated\nmsgstr \"\"\n", 1, 20, "end of line inside a string"},
    {"msgid \"a\"\nmsgstr \"\"\nmsgfoo \"b\"\n", 3, 1, "unknown keyword"},
    {"msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"\"\n", 3, 1, "without `msgstr`"},
    {"msgstr \"x\"\n", 1, 1, "without `msgid`"},
    {"msgid \"bad \\q escape\"\nmsgstr \"\"\n", 1, 12, "invalid escape"},
    {"msgid \"a\" junk\nmsgstr \"\"\n", 1, 11, "unexpected text"},
    {"msgid \"a\"\nmsgstr[0] \"x\"\n", 2, 1, "without `msgid_plural`"},
    {"msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=EUC-JP\\n\"\n", 1, 1, "not supported"},
    {"\"orphan\"\n", 1, 1, "string without a keyword"},
};

START_TEST(syntax_errors_have_positions)
{
    tl_test_doc f;
    extract(&f, errors[_i].src);
    ck_assert_int_lt(f.rc, 0);
    ck_assert_int_eq(f.err.line, errors[_i].line);
    ck_assert_int_eq(f.err.column, errors[_i].column);
    ck_assert_ptr_nonnull(strstr(f.err.message, errors[_i].message));
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(msgstr_repeating_msgid_linted_once)
{
    /* An English catalog (Lingui, Django, Rails exports): msgstr repeats the
     * msgid, so the string is one segment, at the msgid; a msgstr that says
     * something else is still its own segment, and so is a plural form that
     * differs from msgid_plural. */
    tl_test_doc f;
    extract(&f, "msgid \"\"\nmsgstr \"Language: en\\n\"\n\n"
                "msgid \"Payment received\"\nmsgstr \"Payment received\"\n\n"
                "msgid \"Go\"\nmsgstr \"Let's go\"\n\n"
                "msgid \"%d file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"%d file\"\n"
                "msgstr[1] \"%d files here\"\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 6);
    ck_assert_str_eq(f.doc.segs[0].text, "Payment received");
    ck_assert_uint_eq(f.doc.segs[0].raw_start, 41);
    ck_assert_str_eq(f.doc.segs[1].text, "Go");
    ck_assert_str_eq(f.doc.segs[2].text, "Let's go");
    ck_assert_str_eq(f.doc.segs[2].lang, "en");
    ck_assert_str_eq(f.doc.segs[3].text, "%d file");
    ck_assert_str_eq(f.doc.segs[4].text, "%d files");
    ck_assert_str_eq(f.doc.segs[5].text, "%d files here");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

/* The Language field is found at the start of its line, after fields
 * whose names end in "Language" (Crowdin's exports). */
START_TEST(language_after_other_language_fields)
{
    tl_test_doc f;
    extract(&f, "msgid \"\"\nmsgstr \"\"\n\"X-Crowdin-Language: fr\\n\"\n"
                "\"Language-Team: French\\n\"\n\"Language: fr_FR\\n\"\n\n"
                "msgid \"Save\"\nmsgstr \"Enregistrer\"\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_str_eq(f.doc.lang, "fr_FR");
    ck_assert_uint_eq(f.doc.nsegs, 2);
    ck_assert_str_eq(f.doc.segs[1].lang, "fr_FR");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(catalog_keyed_by_message_ids)
{
    /* msgids that are ids (`PWD_REVEAL`, `login.title`, `LOGOUT`) key the
     * copy in msgstr, even in the source language: the ids are not linted. */
    tl_test_doc f;
    extract(&f, "msgid \"\"\nmsgstr \"Language: en\\n\"\n\n"
                "msgid \"PWD_REVEAL\"\nmsgstr \"reveal password\"\n\n"
                "msgid \"login.title\"\nmsgstr \"Sign in\"\n\n"
                "msgid \"LOGOUT\"\nmsgstr \"Logout\"\n\n"
                "msgid \"passwordHint\"\nmsgstr \"\"\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 3);
    ck_assert_str_eq(f.doc.segs[0].text, "reveal password");
    ck_assert_str_eq(f.doc.segs[0].key, "PWD_REVEAL");
    ck_assert_str_eq(f.doc.segs[0].lang, "en");
    ck_assert_str_eq(f.doc.segs[1].text, "Sign in");
    ck_assert_str_eq(f.doc.segs[2].text, "Logout");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);

    /* Sentences written as ids, their words joined by `_` (CakePHP), key
     * the copy too, with placeholders, tags and a full stop in them; single
     * words ("News") may be either. */
    extract(&f, "msgid \"\"\nmsgstr \"Language: en_US\\n\"\n\n"
                "msgid \"Your_cart_was_empty.\"\nmsgstr \"Your cart was empty.\"\n\n"
                "msgid \"News\"\nmsgstr \"News\"\n\n"
                "msgid \"Product_{0}_was_not_available.\"\nmsgstr \"{0} is sold out.\"\n\n"
                "msgid \"For_placing_an_order_<a href=\\\"{0}\\\">you_need_to_sign_in</a>.\"\n"
                "msgstr \"To order, <a href=\\\"{0}\\\">sign in</a>.\"\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 4);
    ck_assert_str_eq(f.doc.segs[0].text, "Your cart was empty.");
    ck_assert_str_eq(f.doc.segs[0].key, "Your_cart_was_empty.");
    ck_assert_str_eq(f.doc.segs[2].text, "{0} is sold out.");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);

    /* In a catalog of copy, a single entry keyed by an id (Lingui's
     * `msgid "faq.retaliation"`, its English in msgstr) lints its msgstr
     * only; capitals and a word joined by `-` may be copy. */
    extract(&f, "msgid \"\"\nmsgstr \"Language: en\\n\"\n\n"
                "msgid \"Sign in\"\nmsgstr \"Sign in\"\n\n"
                "msgid \"Payment received\"\nmsgstr \"Payment received\"\n\n"
                "msgid \"letter.faq.retaliation\"\nmsgstr \"Your landlord cannot punish you.\"\n\n"
                "msgid \"norent.sendBlurb\"\nmsgstr \"\"\n\n"
                "msgid \"e-mail\"\nmsgstr \"Email\"\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 6);
    ck_assert_str_eq(f.doc.segs[2].text, "Your landlord cannot punish you.");
    ck_assert_str_eq(f.doc.segs[2].key, "letter.faq.retaliation");
    ck_assert_str_eq(f.doc.segs[3].text, "norent.sendBlurb");
    ck_assert_str_eq(f.doc.segs[4].text, "e-mail");
    ck_assert_str_eq(f.doc.segs[5].text, "Email");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);

    /* One English msgid among ids is not enough to read the file so: a
     * catalog with copy in its msgids keeps them. */
    extract(&f, "msgid \"Save\"\nmsgstr \"Speichern\"\n\n"
                "msgid \"ERROR\"\nmsgstr \"FEHLER\"\n\n"
                "msgid \"Payment received\"\nmsgstr \"Zahlung erhalten\"\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_str_eq(f.doc.segs[0].text, "Save");
    ck_assert_str_eq(f.doc.segs[2].text, "ERROR");
    tl_doc_free(&f.doc);

    /* Single lower-case words ("minutes") may be ids or copy: they do not
     * count against the ids around them. With no header, the msgstrs are
     * in the language the path gave the document (the linter sets it). */
    static const char hedy[] =
        "msgid \"program_contains_error\"\nmsgstr \"This program has an error.\"\n\n"
        "msgid \"not_teacher\"\nmsgstr \"Looks like you are not a teacher!\"\n\n"
        "msgid \"title_programs\"\nmsgstr \"My programs\"\n\n"
        "msgid \"minutes\"\nmsgstr \"minutes\"\n\n"
        "msgid \"hours\"\nmsgstr \"hours\"\n";
    tl_doc_init(&f.doc, "translations/en/LC_MESSAGES/messages.po", (const unsigned char *)hedy,
                sizeof(hedy) - 1, NULL);
    f.doc.lang = "en";
    tl_error_clear(&f.err);
    f.rc = tl_extract_po(&f.doc, &f.err);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 5);
    ck_assert_str_eq(f.doc.segs[0].key, "program_contains_error");
    ck_assert_str_eq(f.doc.segs[0].text, "This program has an error.");
    ck_assert_str_eq(f.doc.segs[0].lang, "en");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(directives_recorded)
{
    tl_test_doc f;
    extract(&f, "# tonelint-disable-next-line blame.you-failed-to\nmsgid \"x\"\nmsgstr \"\"\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.ndirectives, 1);
    ck_assert_int_eq(f.doc.directives[0].kind, TL_DIRECTIVE_NEXT_LINE);
    ck_assert_str_eq(f.doc.directives[0].rules, "blame.you-failed-to");
    tl_doc_free(&f.doc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("po");
    TCase *tc = tcase_create("extract");
    tcase_add_test(tc, entries_and_header);
    tcase_add_test(tc, language_after_other_language_fields);
    tcase_add_test(tc, catalog_keyed_by_message_ids);
    tcase_add_test(tc, escapes_map_to_stored_bytes);
    tcase_add_test(tc, multiline_literals);
    tcase_add_test(tc, obsolete_and_previous_skipped);
    tcase_add_test(tc, crlf_and_bom);
    tcase_add_test(tc, latin1_charset_converted);
    tcase_add_loop_test(tc, syntax_errors_have_positions, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, directives_recorded);
    tcase_add_test(tc, msgstr_repeating_msgid_linted_once);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
