/* test_markup.c - the markup extractor: text, HTML and Markdown modes,
 * template code and output, entities and their spans, copy attributes,
 * directives, errors with positions, the fix encoder. */
#include "extract/format.h"
#include "tl_test_doc.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static void extract(tl_test_doc *f, const char *path, const char *src)
{
    tl_test_extract(f, tl_extract_markup, path, src, strlen(src));
}

/* Segment texts joined with " | ". */
static const char *joined(tl_test_doc *f)
{
    static char out[1024];
    out[0] = '\0';
    for (size_t i = 0; i < f->doc.nsegs; i++) {
        if (i) strcat(out, " | ");
        strncat(out, f->doc.segs[i].text, sizeof(out) - strlen(out) - 4);
    }
    return out;
}

static const struct {
    const char *path, *src, *texts;
} cases[] = {
    /* Plain-text templates: paragraphs; ERB output stays, code goes. */
    {"app/views/user_mailer/welcome.text.erb",
     "Hi <%= @user.name %>,\n\nThanks for joining.\nSee you soon.\n",
     "Hi <%= @user.name %>, | Thanks for joining.\nSee you soon."},
    {"a/mail.text.erb", "<% if @late %>\nYour order is late.\n<% else %>\nIt shipped.\n<% end %>\n",
     "Your order is late. | It shipped."},
    {"a/mail.text.erb", "Total: <% x = 1 %>5 items<%# note %> today\n", "Total: 5 items today"},
    {"a/mail.text.erb", "<%= t('mailer.title') %>\n\n===\n\n<%= link %>\n", ""},
    {"a/mail.txt.j2", "Hello {{ name }},\n{% if x %}\nWelcome back.\n{% endif %}\n{# c #}\n",
     "Hello {{ name }}, | Welcome back."},
    {"a/note.text.erb", "Tom &amp; <b>Jerry</b>\n", "Tom &amp; <b>Jerry</b>"},
    /* HTML: block elements split, inline tags and invisible content go. */
    {"a/page.html", "<p>One <b>two</b></p><p>Three<br>four</p>", "One two | Three | four"},
    {"a/page.html",
     "<html><head><title>T</title><style>p{}</style><script>var s = \"<p>x</p>\";</script></head>"
     "<body><div>Hello&nbsp;there &amp; &#8217;bye&#x21;</div></body></html>",
     "T | Hello\xC2\xA0there & \xE2\x80\x99"
     "bye!"},
    {"a/page.html", "<p>Run <code>make all</code> now &unknown; &amp</p>",
     "Run  now &unknown; &amp"},
    {"a/page.html", "<p>See <img src=\"a.png\" alt=\"Our team\"> and more</p>",
     "See  and more | Our team"},
    {"a/page.html", "<p title='Tip &amp; trick' data-x=\"1 > 0\">Body</p>", "Tip & trick | Body"},
    {"a/page.html", "<!DOCTYPE html><p>a < b and c</p><!-- note -->", "a < b and c"},
    {"a/page.html.erb", "<p>Hello <%= @name %>!</p><% if x %><p>Bye</p><% end %>",
     "Hello <%= @name %>! | Bye"},
    {"a/t.hbs", "<p>Hi {{name}}{{#if vip}}, our VIP{{/if}}.{{!-- c --}}</p>{{> footer}}",
     "Hi {{name}}, our VIP."},
    {"a/t.liquid", "<p>{% if a %}Yes{% endif %} {{ b | upcase }}</p>", "Yes {{ b | upcase }}"},
    {"a/t.hbs", "Plain {{greeting}} text", "Plain {{greeting}} text"},
    {"a/t.liquid", "<p>Shown</p>{% comment %}<p>Old text</p>{%- endcomment -%}<p>Also</p>",
     "Shown | Also"},
    /* Markdown. */
    {"docs/help.md", "# Title #\n\nSome *bold* and __strong__ text with `code`.\n",
     "Title | Some bold and strong text with ."},
    {"docs/help.md",
     "Read [the guide](http://x.io/a \"t\") and ![a chart](c.png) <https://x.io>.\n",
     "Read the guide and a chart ."},
    {"docs/help.md", "- one\n- two\n* three\n1. four\n", "one | two | three | four"},
    {"docs/help.md", "> quoted\n> more\n\n```js\nskip();\n```\n\n    indented code\n\nafter\n",
     "quoted\nmore | after"},
    {"docs/help.md", "| A | B |\n|---|:-:|\n| c | d |\n", "A | B | c | d"},
    {"docs/help.md", "---\ntitle: x\n---\nSetext\n======\nsnake_case_name and \\*stars\\*\n",
     "Setext | snake_case_name and *stars*"},
    {"docs/help.md", "[id]: http://x.io\n\n***\nText ~~gone~~ here\n", "Text gone here"},
};

START_TEST(case_table)
{
    tl_test_doc f;
    extract(&f, cases[_i].path, cases[_i].src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_str_eq(joined(&f), cases[_i].texts);
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(entity_spans)
{
    tl_test_doc f;
    const char *src = "<p>Fish &amp; chips&hellip; caf&#233;</p>";
    extract(&f, "x.html", src);
    ck_assert_int_eq(f.rc, 0);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "Fish & chips\xE2\x80\xA6 caf\xC3\xA9");
    size_t amp = (size_t)(strchr(s->text, '&') - s->text);
    ck_assert_uint_eq(tl_segment_raw_start(s, amp), (size_t)(strstr(src, "&amp;") - src));
    ck_assert_uint_eq(tl_segment_raw_end(s, amp + 1) - tl_segment_raw_start(s, amp), 5);
    /* A match over "& chips…" covers "&amp; chips&hellip;". */
    size_t e = (size_t)(strstr(s->text, "\xE2\x80\xA6") - s->text) + 3;
    ck_assert_uint_eq(tl_segment_raw_end(s, e) - tl_segment_raw_start(s, amp),
                      strlen("&amp; chips&hellip;"));
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(positions)
{
    tl_test_doc f;
    const char *src = "<div>\n  <p>\n    Your payment\n    failed.\n  </p>\n</div>\n";
    extract(&f, "x.html", src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "Your payment\n    failed.");
    tl_position pos;
    ck_assert_int_eq(tl_source_position(&f.doc.src, s->raw_start, &pos), 0);
    ck_assert_int_eq(pos.line, 3);
    ck_assert_int_eq(pos.column, 5);
    size_t at = (size_t)(strstr(s->text, "failed") - s->text);
    ck_assert_int_eq(tl_source_position(&f.doc.src, tl_segment_raw_start(s, at), &pos), 0);
    ck_assert_int_eq(pos.line, 4);
    ck_assert_int_eq(pos.column, 5);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(directives)
{
    tl_test_doc f;
    extract(&f, "x.html.erb",
            "<!-- tonelint-disable-next-line cold -->\n<p>A</p>\n<%# tonelint-disable %>\n"
            "{{!-- tonelint-enable --}}\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.ndirectives, 3);
    ck_assert_int_eq(f.doc.directives[0].kind, TL_DIRECTIVE_NEXT_LINE);
    ck_assert_str_eq(f.doc.directives[0].rules, "cold");
    ck_assert_int_eq(f.doc.directives[1].kind, TL_DIRECTIVE_DISABLE);
    ck_assert_int_eq(f.doc.directives[2].kind, TL_DIRECTIVE_ENABLE);
    tl_doc_free(&f.doc);
    extract(&f, "x.md", "<!-- tonelint-disable-next-line -->\nText\n");
    ck_assert_uint_eq(f.doc.ndirectives, 1);
    ck_assert_str_eq(f.doc.directives[0].rules, "");
    tl_doc_free(&f.doc);
    /* Template comment delimiters are not rule names. */
    extract(&f, "x.text.erb",
            "<%# tonelint-disable-next-line %>\n{# tonelint-disable #}\n"
            "{{! tonelint-enable }}\n<%# tonelint-disable-next-line cold -%>\n");
    ck_assert_uint_eq(f.doc.ndirectives, 4);
    ck_assert_str_eq(f.doc.directives[0].rules, "");
    ck_assert_str_eq(f.doc.directives[1].rules, "");
    ck_assert_str_eq(f.doc.directives[2].rules, "");
    ck_assert_str_eq(f.doc.directives[3].rules, "cold");
    tl_doc_free(&f.doc);
}
END_TEST

static const struct {
    const char *path, *src;
    int line, column;
    const char *message;
} errors[] = {
    {"m.text.erb", "Hello\n\nBye <%= name\n", 3, 5, "unterminated template tag"},
    {"m.hbs", "<p>Hi</p>\n  {{ name\n", 2, 3, "unterminated template tag"},
    {"m.j2", "x {% if", 1, 3, "unterminated template tag"},
    {"p.html", "<p>a</p>\n<!-- open", 2, 1, "unterminated HTML comment"},
};

START_TEST(errors_have_positions)
{
    tl_test_doc f;
    extract(&f, errors[_i].path, errors[_i].src);
    ck_assert_int_eq(f.rc, TL_ESYNTAX);
    ck_assert_int_eq(f.err.line, errors[_i].line);
    ck_assert_int_eq(f.err.column, errors[_i].column);
    ck_assert_ptr_nonnull(strstr(f.err.message, errors[_i].message));
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(unterminated_braces_are_text_outside_templates)
{
    tl_test_doc f;
    extract(&f, "p.html", "<p>Use {{ like this</p>");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_str_eq(f.doc.segs[0].text, "Use {{ like this");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(encoder)
{
    tl_test_doc f;
    tl_buf out = TL_BUF_INIT;
    extract(&f, "p.html", "<p>Hello</p>");
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_int_eq(
        tl_encode_markup(&out, &f.doc, s, s->raw_start, s->raw_end, "a<b & \"c\">", 10), 0);
    ck_assert_str_eq(out.data, "a&lt;b &amp; &quot;c&quot;&gt;");
    tl_buf_reset(&out);
    ck_assert_int_eq(tl_encode_markup(&out, &f.doc, s, s->raw_start, s->raw_end, "{{x}}", 5),
                     TL_EUSAGE);
    tl_doc_free(&f.doc);
    extract(&f, "p.md", "Hello\n");
    s = &f.doc.segs[0];
    tl_buf_reset(&out);
    ck_assert_int_eq(tl_encode_markup(&out, &f.doc, s, s->raw_start, s->raw_end, "*a* _b_", 7), 0);
    ck_assert_str_eq(out.data, "\\*a\\* \\_b\\_");
    tl_doc_free(&f.doc);
    extract(&f, "p.text.erb", "Hello\n");
    s = &f.doc.segs[0];
    tl_buf_reset(&out);
    ck_assert_int_eq(tl_encode_markup(&out, &f.doc, s, s->raw_start, s->raw_end, "a < b & c", 9),
                     0);
    ck_assert_str_eq(out.data, "a < b & c");
    tl_buf_reset(&out);
    ck_assert_int_eq(tl_encode_markup(&out, &f.doc, s, s->raw_start, s->raw_end, "<%= x %>", 8),
                     TL_EUSAGE);
    tl_buf_free(&out);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(format_detection)
{
    static const char *const names[] = {"a/welcome.text.erb", "a/b.html.erb", "x.html",   "x.htm",
                                        "README.md",          "t.hbs",        "t.liquid", "t.j2"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        ck_assert_str_eq(tl_format_detect(names[i], NULL, 0)->name, "markup");
    ck_assert_str_eq(tl_format_detect("notes.txt", NULL, 0)->name, "text");
    const char *html = "<!DOCTYPE html><html><body><p>Hi</p></body></html>";
    ck_assert_str_eq(tl_format_detect(NULL, (const unsigned char *)html, strlen(html))->name,
                     "markup");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("markup");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, case_table, 0, sizeof(cases) / sizeof(cases[0]));
    tcase_add_test(tc, entity_spans);
    tcase_add_test(tc, positions);
    tcase_add_test(tc, directives);
    tcase_add_loop_test(tc, errors_have_positions, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, unterminated_braces_are_text_outside_templates);
    tcase_add_test(tc, encoder);
    tcase_add_test(tc, format_detection);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
