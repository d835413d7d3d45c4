/* test_php.c - the PHP translation array reader: keys after PHP's rules,
 * escapes and concatenation with exact source maps, comments and
 * directives, language arrays filled statement by statement, and PHP code
 * reported as a syntax error with its position. */
#include "extract/format.h"
#include "tl_test_doc.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void extract(tl_test_doc *f, const char *src)
{
    tl_test_extract(f, tl_extract_php, "lang/en/auth.php", src, strlen(src));
}

START_TEST(keys_and_values)
{
    tl_test_doc f;
    extract(&f, "<?php\n\nreturn [\n    'failed' => 'These credentials do not match.',\n"
                "    'throttle' => ['title' => 'Too many attempts', 'list' => ['a', 5 => 'b', "
                "'c', '7' => 'd', '07' => 'e']],\n    'count' => 3, 'on' => true, 'none' => null,\n"
                "];\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 7);
    ck_assert_str_eq(f.doc.segs[0].key, "failed");
    ck_assert_str_eq(f.doc.segs[0].text, "These credentials do not match.");
    ck_assert_str_eq(f.doc.segs[1].key, "throttle.title");
    ck_assert_str_eq(f.doc.segs[2].key, "throttle.list[0]");
    ck_assert_str_eq(f.doc.segs[3].key, "throttle.list[5]");
    ck_assert_str_eq(f.doc.segs[4].key, "throttle.list[6]");
    ck_assert_str_eq(f.doc.segs[5].key, "throttle.list[7]"); /* '7' is the integer 7 */
    ck_assert_str_eq(f.doc.segs[6].key, "throttle.list.07");
    ck_assert_str_eq(f.doc.segs[6].text, "e");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(escapes_map_to_stored_bytes)
{
    tl_test_doc f;
    const char *src = "<?php return array('a' => 'It\\'s \\\\ and \\n', \"b\" => \"x\\ty \\$5 "
                      "\\u{E9} \\q\");";
    extract(&f, src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 2);
    ck_assert_str_eq(f.doc.segs[0].text, "It's \\ and \\n");
    ck_assert_str_eq(f.doc.segs[1].text, "x\ty $5 \xC3\xA9 \\q");
    tl_test_check_spans(&f.doc);
    const tl_segment *s = &f.doc.segs[1];
    size_t off = strstr(s->text, "$5") - s->text;
    ck_assert_mem_eq(src + tl_segment_raw_start(s, off), "\\$", 2);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(concatenation_is_one_string)
{
    tl_test_doc f;
    const char *src =
        "<?php\nreturn [\n  'k' => 'Your card ' . // note\n     \"was declined.\",\n];\n";
    extract(&f, src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "Your card was declined.");
    size_t off = strstr(s->text, "was") - s->text;
    ck_assert_mem_eq(src + tl_segment_raw_start(s, off), "was declined", 12);
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
    /* A part computed at run time reads as a placeholder standing for its
     * source (`env('APP_NAME')`, `$user->name`). */
    const char *dyn = "<?php\nreturn [\n  'a' => 'Booked at ' . env('APP_NAME') . '.',\n"
                      "  'b' => 'Hi ' . $user->name . ', welcome',\n];\n";
    extract(&f, dyn);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 2);
    ck_assert_str_eq(f.doc.segs[0].text, "Booked at %s.");
    ck_assert_str_eq(f.doc.segs[1].text, "Hi %s, welcome");
    s = &f.doc.segs[0];
    ck_assert_mem_eq(dyn + tl_segment_raw_start(s, strlen("Booked at ")), "env(", 4);
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(directives_in_comments)
{
    tl_test_doc f;
    extract(&f, "<?php\nreturn [\n  // tonelint-disable-next-line blame\n  'a' => 'x',\n"
                "  /* tonelint-disable */ 'b' => 'y', # tonelint-enable\n];\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.ndirectives, 3);
    ck_assert_int_eq(f.doc.directives[0].kind, TL_DIRECTIVE_NEXT_LINE);
    ck_assert_str_eq(f.doc.directives[0].rules, "blame");
    ck_assert_int_eq(f.doc.directives[1].kind, TL_DIRECTIVE_DISABLE);
    ck_assert_int_eq(f.doc.directives[2].kind, TL_DIRECTIVE_ENABLE);
    tl_doc_free(&f.doc);
}
END_TEST

static const struct {
    const char *src;
    int line, column;
    const char *message;
} errors[] = {
    {"<?php\nreturn [\n  'a' => __('auth.failed'),\n];\n", 3, 10, "unsupported PHP"},
    {"<?php\nreturn [\n  'a' => \"Hello $name\",\n];\n", 3, 17, "variable in a string"},
    {"<?php\nreturn [\n  'a' => <<<EOT\nText\n];\n", 3, 10, "unterminated heredoc"},
    {"<?php\nreturn [\n  'a' => <<<EOT\nHi $name\nEOT,\n];\n", 4, 4, "variable in a string"},
    {"<?php\nreturn [\n  'a' => <<<EOT\n  Hi\n Bye\n  EOT,\n];\n", 5, 2, "indented less"},
    {"<?php\nreturn [\n  'a' => 'open,\n];\n", 3, 10, "unterminated string"},
    {"<?php\nreturn [\n  'a' => 'x' . foo(1;\n];\n", 3, 16, "joins string literals and simple"},
    {"<?php\nreturn $lang;\n", 2, 8, "returns an array"},
    {"<?php\n$lang = ['a' => 'b'];\nreturn $lang\n", 4, 1, "after the returned variable"},
    {"<?php\necho 'x';\n", 2, 1, "unsupported PHP statement"},
    {"<?php\nreturn [\n  'a' => 'x'\n  'b' => 'y',\n];\n", 4, 3, "expected `,` or `]`"},
    {"<?php\nreturn ['a' => 'x'\n", 2, 8, "unterminated array"},
    {"<?php\n/* open comment\nreturn [];\n", 2, 1, "unterminated comment"},
    {"<?php\n// nothing here\n", 3, 1, "no `return"},
    {"<html><?php return []; ?>", 1, 1, "expected `<?php`"},
    {"<?php return []; ?>\n<p>hi</p>\n", 2, 1, "after `?>`"},
    {"<?php return []; echo 'x';", 1, 18, "after the returned array"},
    {"<?php\n$_['a'] = __('x');\n", 2, 11, "unsupported PHP"},
    {"<?php\n$_['a'] = 'x'\n$_['b'] = 'y';", 3, 1, "expected `;` after the value"},
    {"<?php\n$_['a'] == 'x';", 2, 9, "expected `=`"},
    {"<?php\n$_[foo] = 'x';", 2, 4, "quoted key or an integer"},
    {"<?php\n$ = 'x';", 2, 1, "variable name"},
    {"<?php\n// nothing here\n", 3, 1, "no `return [...];`"},
    {"<?php\nif ($debug) { echo 'x'; }\n", 2, 5, "unsupported `if`"},
    {"<?php\nif (!defined('X')) { run(); }\n", 2, 22, "unsupported `if`"},
    {"<?php\nif (empty($a) || !is_array($b)) { $a = array(); }\n", 2, 28, "unsupported `if`"},
    {"<?php\n$lang = array_merge($other, array('a' => 'b'));\n", 2, 21, "adds to the array"},
    {"<?php\n$lang = array_merge($lang, $more);\n", 2, 28, "expected an array to merge"},
    {"<?php\n$lang['x'] = array_merge($lang, []);\n", 2, 14, "whole array"},
};

START_TEST(language_array_filled_by_statements)
{
    tl_test_doc f;
    extract(&f, "<?php defined('BASEPATH') or exit('No direct script access; allowed');\n"
                "$_['heading_title'] = 'Shopping Cart';\n"
                "$lang[\"error\"]['stock'] = 'Not in ' . \"stock\";\n"
                "$_['days'] = ['Mon', 3 => 'Thu'];\n"
                "$_['7'] = 'Seven'; // an integer key\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 5);
    ck_assert_str_eq(f.doc.segs[0].key, "heading_title");
    ck_assert_str_eq(f.doc.segs[0].text, "Shopping Cart");
    ck_assert_str_eq(f.doc.segs[1].key, "error.stock");
    ck_assert_str_eq(f.doc.segs[1].text, "Not in stock");
    ck_assert_str_eq(f.doc.segs[2].key, "days[0]");
    ck_assert_str_eq(f.doc.segs[3].key, "days[3]");
    ck_assert_str_eq(f.doc.segs[4].key, "[7]");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
    /* Built in a variable, then handed to the product's loader (Open Source
     * Social Network's locale/ossn.en.php). */
    extract(&f, "<?php\n$en = array(\n  'ossn:saved' => 'Post saved',\n);\n"
                "ossn_register_languages('en', $en);\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    ck_assert_str_eq(f.doc.segs[0].key, "ossn:saved");
    tl_doc_free(&f.doc);
    /* A call with anything but literals and variables is code. */
    extract(&f, "<?php\n$en = array('a' => 'b');\nregister(load($en));\n");
    ck_assert_int_lt(f.rc, 0);
    tl_doc_free(&f.doc);
    /* Built in a variable, then returned (Invoice Ninja's lang/en/texts.php). */
    extract(&f, "<?php\n$lang = array(\n  'sent' => 'Invoice sent',\n  'n' => ['a' => 'b'],\n);\n"
                "\nreturn $lang;\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 2);
    ck_assert_str_eq(f.doc.segs[0].key, "sent");
    ck_assert_str_eq(f.doc.segs[1].key, "n.a");
    tl_doc_free(&f.doc);
}
END_TEST

/* phpBB's language files: a guard, the array started empty, then entries
 * added with `array_merge` (twice here, as in its larger files). */
START_TEST(phpbb_array_merge)
{
    tl_test_doc f;
    extract(&f, "<?php\n/**\n* DO NOT CHANGE\n*/\nif (!defined('IN_PHPBB'))\n{\n\texit;\n}\n\n"
                "if (empty($lang) || !is_array($lang))\n{\n\t$lang = array();\n}\n\n"
                "// Sign-in\n$lang = array_merge($lang, array(\n"
                "\t'LOGIN_ERROR' => 'The username you entered is not valid.',\n"
                "\t'NEW_PM' => array(1 => '%d new message', 2 => '%d new messages'),\n));\n\n"
                "$lang = array_merge($lang, array(\n\t'SAVED' => 'Draft saved.',\n));\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 4);
    ck_assert_str_eq(f.doc.segs[0].key, "LOGIN_ERROR");
    ck_assert_str_eq(f.doc.segs[0].text, "The username you entered is not valid.");
    ck_assert_str_eq(f.doc.segs[1].key, "NEW_PM[1]");
    ck_assert_str_eq(f.doc.segs[2].key, "NEW_PM[2]");
    ck_assert_str_eq(f.doc.segs[3].key, "SAVED");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
    /* `die('…')` and `[]` are the same blocks in other hands. */
    extract(&f, "<?php if (!defined('IN_PHPBB')) { die('Hacking attempt'); }\n"
                "if (empty($lang) || !is_array($lang)) { $lang = []; }\n"
                "$lang = array_merge($lang, ['A' => 'b']);\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    tl_doc_free(&f.doc);
    /* WeBid's guard has no braces, and each string is a variable of its
     * own, keyed by its name. */
    extract(&f, "<?php\nif (!defined('InWeBid')) exit();\n"
                "$ERR_001 = \"Database access error.\";\n$MSG_002 = 'Your bid was placed.';\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 2);
    ck_assert_str_eq(f.doc.segs[0].key, "ERR_001");
    ck_assert_str_eq(f.doc.segs[1].key, "MSG_002");
    ck_assert_str_eq(f.doc.segs[1].text, "Your bid was placed.");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
    extract(&f,
            "<?php\nif (!defined('X')) exit;\nif (empty($lang) || !is_array($lang)) $lang = [];\n"
            "$lang['a'] = 'b';\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    tl_doc_free(&f.doc);
    /* Any other statement after the guard's `if` is still refused. */
    extract(&f, "<?php\nif (!defined('X')) echo 'hi';\n");
    ck_assert_int_lt(f.rc, 0);
    tl_doc_free(&f.doc);
}
END_TEST

/* Roundcube's `program/localization/en_US/` `.inc` files: an array filled entry by
 * entry, with aliases that repeat another entry (linted once, where the
 * text is written). */
START_TEST(roundcube_inc_with_aliases)
{
    tl_test_doc f;
    extract(&f, "<?php\n$labels = array();\n$labels['replyto'] = 'Reply-To';\n"
                "// aliases\n$labels['reply-to'] = $labels['replyto'];\n"
                "$labels['deep'] = $labels[\"a\"][0];\n$labels['sent'] = 'Sent';\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 2);
    ck_assert_str_eq(f.doc.segs[0].key, "replyto");
    ck_assert_str_eq(f.doc.segs[1].key, "sent");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
    /* Another array's entry, or an interpolated key, is code. */
    extract(&f, "<?php\n$labels['a'] = $messages['b'];\n");
    ck_assert_int_lt(f.rc, 0);
    tl_doc_free(&f.doc);
    extract(&f, "<?php\n$labels['a'] = $labels[\"$b\"];\n");
    ck_assert_int_lt(f.rc, 0);
    tl_doc_free(&f.doc);

    const char *inc = "<?php\n$messages['loginfailed'] = 'Login failed';\n";
    const char *path = "program/localization/en_US/messages.inc";
    ck_assert(tl_format_is_candidate(path));
    const tl_format *fmt = tl_format_detect(path, (const unsigned char *)inc, strlen(inc));
    ck_assert_ptr_nonnull(fmt);
    ck_assert_str_eq(fmt->name, "php");
    /* An `.inc` that is not PHP (assembler, BitBake) is no catalog. */
    const char *make = "SRC_URI += \"file://fix.patch\"\n";
    ck_assert_ptr_null(
        tl_format_detect("conf/en/machine.inc", (const unsigned char *)make, strlen(make)));
}
END_TEST

/* OpenCart's and CodeIgniter's `language/` folders are translation folders
 * for a walk; a controller is code. */
START_TEST(language_folders_are_catalogs)
{
    const char *src = "<?php\n$_['heading_title'] = 'Shopping Cart';\n";
    const char *yes[] = {"catalog/language/en-gb/checkout/cart.php",
                         "application/language/english/shop_lang.php",
                         "system/lan/english/common.lan.php"};
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        ck_assert_msg(tl_format_is_candidate(yes[i]), "%s", yes[i]);
        const tl_format *f = tl_format_detect(yes[i], (const unsigned char *)src, strlen(src));
        ck_assert_ptr_nonnull(f);
        ck_assert_str_eq(f->name, "php");
    }
    ck_assert(!tl_format_is_candidate("application/controllers/Shop.php"));
    /* A class whose methods fill the arrays (Booked Scheduler's
     * `lang/en_us.php`) is read as PHP code, even in a language folder. */
    const char *cls = "<?php\n/* GPL */\n\nrequire_once('Language.php');\n"
                      "class en_us extends Language {\n  protected function _LoadStrings() {\n"
                      "    $strings['FirstNameRequired'] = 'First name is required.';\n  }\n}\n";
    const tl_format *f =
        tl_format_detect("lang/en_us.php", (const unsigned char *)cls, strlen(cls));
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->name, "php-code");
    const char *fn = "<?php\nfunction t() { return 'x'; }\n";
    f = tl_format_detect("lang/en/helpers.php", (const unsigned char *)fn, strlen(fn));
    ck_assert_str_eq(f->name, "php-code");
}
END_TEST

START_TEST(syntax_errors_have_positions)
{
    tl_test_doc f;
    extract(&f, errors[_i].src);
    ck_assert_int_lt(f.rc, 0);
    ck_assert_ptr_nonnull(strstr(f.err.message, errors[_i].message));
    ck_assert_int_eq(f.err.line, errors[_i].line);
    ck_assert_int_eq(f.err.column, errors[_i].column);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(fix_encoding_follows_quotes)
{
    tl_test_doc f;
    extract(&f, "<?php return ['a' => 'x', 'b' => \"y\", 'c' => 'p' . \"q\"];");
    ck_assert_int_eq(f.rc, 0);
    tl_buf out = TL_BUF_INIT;
    const char *t = "It's \"$5\" \\ ok";
    ck_assert_int_eq(tl_encode_php(&out, &f.doc, &f.doc.segs[0], 0, 0, t, strlen(t)), 0);
    ck_assert_str_eq(out.data, "It\\'s \"$5\" \\\\ ok");
    out.len = 0;
    ck_assert_int_eq(tl_encode_php(&out, &f.doc, &f.doc.segs[1], 0, 0, t, strlen(t)), 0);
    ck_assert_mem_eq(out.data, "It's \\\"\\$5\\\" \\\\ ok", out.len);
    ck_assert_int_eq(tl_encode_php(&out, &f.doc, &f.doc.segs[2], 0, 0, t, strlen(t)), TL_EUSAGE);
    tl_buf_free(&out);
    tl_doc_free(&f.doc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("php");
    TCase *tc = tcase_create("extract");
    tcase_add_test(tc, keys_and_values);
    tcase_add_test(tc, escapes_map_to_stored_bytes);
    tcase_add_test(tc, concatenation_is_one_string);
    tcase_add_test(tc, directives_in_comments);
    tcase_add_test(tc, language_array_filled_by_statements);
    tcase_add_test(tc, phpbb_array_merge);
    tcase_add_test(tc, roundcube_inc_with_aliases);
    tcase_add_test(tc, language_folders_are_catalogs);
    tcase_add_loop_test(tc, syntax_errors_have_positions, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, fix_encoding_follows_quotes);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
