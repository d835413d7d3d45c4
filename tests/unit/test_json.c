/* test_json.c - the JSON scanner and the JSON-family extractors: escapes and
 * their spans, surrogate pairs, key paths, flavours (i18next, MediaWiki,
 * Chrome, react-intl, ARB, .xcstrings), syntax errors with positions, the
 * nesting limit, and the fix encoder. */
#include "extract/format.h"
#include "tl_test_doc.h"
#include "extract/jsonscan.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int (*extract_fn)(tl_doc *, tl_error *);

typedef struct fixture {
    tl_doc doc;
    tl_error err;
    int rc;
} fixture;

static void run_n(fixture *f, extract_fn fn, const char *path, const char *src, size_t len)
{
    tl_doc_init(&f->doc, path, (const unsigned char *)src, len, NULL);
    tl_error_clear(&f->err);
    f->rc = fn(&f->doc, &f->err);
}

static void run(fixture *f, extract_fn fn, const char *path, const char *src)
{
    run_n(f, fn, path, src, strlen(src));
}

/* The atomic span whose stored bytes are `raw`, or NULL. */
static const tl_span *atomic_at(const tl_doc *doc, const tl_segment *s, const char *raw)
{
    for (size_t k = 0; k < s->nspans; k++) {
        const tl_span *sp = &s->spans[k];
        if (sp->atomic && sp->raw_len == strlen(raw) &&
            memcmp(doc->src.bytes + sp->raw_off, raw, sp->raw_len) == 0)
            return sp;
    }
    return NULL;
}

START_TEST(escapes_and_spans)
{
    fixture f;
    const char *src = "{\"k\": \"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00z\\t\"}";
    run(&f, tl_extract_json, "en.json", src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->key, "k");
    ck_assert_str_eq(s->text, "a\"b\\c/d\n\xC3\xA9\xF0\x9F\x98\x80z\t");
    tl_test_check_spans(&f.doc);
    const char *escapes[] = {"\\\"", "\\\\", "\\/", "\\n", "\\u00e9", "\\ud83d\\ude00", "\\t"};
    for (size_t i = 0; i < sizeof(escapes) / sizeof(escapes[0]); i++)
        ck_assert_msg(atomic_at(&f.doc, s, escapes[i]) != NULL, "no atomic span for %s",
                      escapes[i]);
    /* The surrogate pair is one character over 12 stored bytes. */
    size_t emoji = strstr(s->text, "\xF0\x9F\x98\x80") - s->text;
    size_t rs = tl_segment_raw_start(s, emoji), re = tl_segment_raw_end(s, emoji + 4);
    ck_assert_uint_eq(re - rs, 12);
    ck_assert_mem_eq(src + rs, "\\ud83d\\ude00", 12);
    /* A match on the middle of the pair still covers the whole pair. */
    ck_assert_uint_eq(tl_segment_raw_start(s, emoji + 2), rs);
    /* 'z' is literal and right after the pair. */
    size_t z = strchr(s->text, 'z') - s->text;
    ck_assert_uint_eq(tl_segment_raw_start(s, z), re);
    ck_assert_int_eq(src[re], 'z');
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(nul_and_invalid_utf8_become_replacement)
{
    fixture f;
    const char src[] = "{\"k\": \"a\\u0000b\xFF\"}";
    run_n(&f, tl_extract_json, "en.json", src, sizeof(src) - 1);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_str_eq(f.doc.segs[0].text, "a\xEF\xBF\xBD"
                                         "b\xEF\xBF\xBD");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(key_paths_arrays_and_duplicates)
{
    fixture f;
    run(&f, tl_extract_json, "locales/en/translation.json",
        "{\"errors\": {\"card_declined\": \"Declined.\", \"list\": [\"a\", {\"b\": \"c\"}, 3, "
        "[\"d\"], "
        "true, null]},\n \"count_one\": \"{{count}} item\", \"count_other\": \"{{count}} items\",\n"
        " \"dup\": \"first\", \"dup\": \"second\", \"n\": 1.5e3, \"a.b\": \"dotted\", \"\": "
        "\"empty key\","
        " \"esc\\u0041\": \"\"}");
    ck_assert_int_eq(f.rc, 0);
    const char *keys[] = {"errors.card_declined",
                          "errors.list[0]",
                          "errors.list[1].b",
                          "errors.list[3][0]",
                          "count_one",
                          "count_other",
                          "dup",
                          "dup",
                          "a.b",
                          "",
                          "escA"};
    const char *texts[] = {
        "Declined.", "a",      "c",         "d", "{{count}} item", "{{count}} items", "first",
        "second",    "dotted", "empty key", ""};
    ck_assert_uint_eq(f.doc.nsegs, 11);
    for (size_t i = 0; i < 11; i++) {
        ck_assert_str_eq(f.doc.segs[i].key, keys[i]);
        ck_assert_str_eq(f.doc.segs[i].text, texts[i]);
        ck_assert(!(f.doc.segs[i].flags & TL_SEG_ICU));
    }
    /* An empty value sits right after its opening quote. */
    const tl_segment *last = &f.doc.segs[10];
    ck_assert_uint_eq(last->nspans, 0);
    ck_assert_int_eq(f.doc.src.bytes[last->raw_start - 1], '"');
    ck_assert_int_eq(f.doc.src.bytes[last->raw_start], '"');
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(top_level_values)
{
    fixture f;
    run(&f, tl_extract_json, "x.json", "  \"just text\"  ");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    ck_assert_ptr_null(f.doc.segs[0].key);
    tl_doc_free(&f.doc);
    run(&f, tl_extract_json, "x.json", "[\"a\", [\"b\"]]");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_str_eq(f.doc.segs[0].key, "[0]");
    ck_assert_str_eq(f.doc.segs[1].key, "[1][0]");
    tl_doc_free(&f.doc);
    run(&f, tl_extract_json, "x.json", " \n ");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 0);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(bom_and_crlf)
{
    fixture f;
    const char *src = "\xEF\xBB\xBF{\r\n  \"a\": \"Hi\"\r\n}\r\n";
    run(&f, tl_extract_json, "en.json", src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    ck_assert_uint_eq(f.doc.segs[0].raw_start, strstr(src, "Hi") - src);
    tl_position pos;
    tl_source_position(&f.doc.src, f.doc.segs[0].raw_start, &pos);
    ck_assert_int_eq(pos.line, 2);
    ck_assert_int_eq(pos.column, 9);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(mediawiki_metadata_skipped)
{
    fixture f;
    run(&f, tl_extract_json, "i18n/en.json",
        "{\"@metadata\": {\"authors\": [\"A\", \"B\"], \"x\": {\"y\": \"z\"}},\n"
        " \"badtoken\": \"The token is not valid.\", \"nested\": {\"@metadata\": \"kept\"}}");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 2);
    ck_assert_str_eq(f.doc.segs[0].key, "badtoken");
    ck_assert_str_eq(f.doc.segs[1].key, "nested.@metadata");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(chrome_messages)
{
    fixture f;
    run(&f, tl_extract_json, "_locales/en/messages.json",
        "{\"appName\": {\"message\": \"Tab Saver\", \"description\": \"Name of the app\"},\n"
        " \"error_quota\": {\"description\": \"kind: error\", \"message\": \"Storage is full: "
        "$COUNT$ tabs\",\n"
        "   \"placeholders\": {\"count\": {\"content\": \"$1\", \"example\": \"12\"}}},\n"
        " \"plain\": \"not a descriptor\"}");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 3);
    ck_assert_str_eq(f.doc.segs[0].key, "appName");
    ck_assert_str_eq(f.doc.segs[0].text, "Tab Saver");
    ck_assert_str_eq(f.doc.segs[0].comment, "Name of the app");
    ck_assert_str_eq(f.doc.segs[1].key, "error_quota");
    ck_assert_str_eq(f.doc.segs[1].text, "Storage is full: $COUNT$ tabs");
    ck_assert_str_eq(f.doc.segs[1].comment, "kind: error");
    ck_assert_str_eq(f.doc.segs[2].key, "plain");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(react_intl_descriptors)
{
    fixture f;
    run(&f, tl_extract_json, "lang/en.json",
        "{\"checkout.title\": {\"description\": \"Page title\", \"defaultMessage\": \"Your "
        "cart\"},\n"
        " \"checkout.items\": {\"defaultMessage\": \"{n, plural, one {# item} other {# "
        "items}}\"}}");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 2);
    ck_assert_str_eq(f.doc.segs[0].key, "checkout.title");
    ck_assert_str_eq(f.doc.segs[0].text, "Your cart");
    ck_assert_str_eq(f.doc.segs[0].comment, "Page title");
    ck_assert_str_eq(f.doc.segs[1].key, "checkout.items");
    ck_assert(f.doc.segs[0].flags & TL_SEG_ICU);
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
    /* Flat react-intl: ICU select syntax anywhere marks the file as ICU. */
    run(&f, tl_extract_json, "en.json",
        "{\"a\": \"Hello\", \"b\": \"{count,plural, one {# post} other {# posts}}\"}");
    ck_assert_int_eq(f.rc, 0);
    ck_assert(f.doc.segs[0].flags & TL_SEG_ICU);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(transifex_structured_entries)
{
    fixture f;
    run(&f, tl_extract_json, "locale/defaultMessages.json",
        "{\"a1\": {\"context\": \"dialog header\", \"string\": \"Delete product\"},\n"
        " \"b2\": {\"string\": \"Add tracking\"},\n"
        " \"c3\": {\"string\": \"Refund failed\", \"developer_comment\": \"toast\",\n"
        "        \"character_limit\": 40},\n"
        " \"form\": {\"string\": \"Text\", \"number\": \"Number\"}}");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 5);
    ck_assert_str_eq(f.doc.segs[0].key, "a1");
    ck_assert_str_eq(f.doc.segs[0].text, "Delete product");
    ck_assert_str_eq(f.doc.segs[0].comment, "dialog header");
    ck_assert_str_eq(f.doc.segs[1].key, "b2");
    ck_assert_ptr_null(f.doc.segs[1].comment);
    ck_assert_str_eq(f.doc.segs[2].key, "c3");
    ck_assert_str_eq(f.doc.segs[2].comment, "toast");
    /* An object with other members is no entry: every string is copy. */
    ck_assert_str_eq(f.doc.segs[3].key, "form.string");
    ck_assert_str_eq(f.doc.segs[4].key, "form.number");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
    /* Without a note member anywhere, "string" is an ordinary key. */
    run(&f, tl_extract_json, "en.json",
        "{\"types\": {\"string\": \"Text\", \"number\": \"Number\"}}");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 2);
    ck_assert_str_eq(f.doc.segs[0].key, "types.string");
    tl_doc_free(&f.doc);
}
END_TEST

/* Polyglot.js plural forms in one string: a segment per form under the
 * message's key, each mapped to its own stored bytes; escaped bars are
 * bars (Polyglot splits the decoded string); three bars are text; ARB
 * files are never split. */
START_TEST(polyglot_plural_forms)
{
    fixture f;
    const char *src = "{\"moved\": \"%{smart_count} item moved |||| %{smart_count} items "
                      "moved\", \"cut\": \"a||\\u007c\\u007c|b\", \"one\": \"x ||| y\"}";
    run(&f, tl_extract_json, "locales/en.json", src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 5);
    ck_assert_str_eq(f.doc.segs[0].key, "moved");
    ck_assert_str_eq(f.doc.segs[0].text, "%{smart_count} item moved");
    ck_assert_str_eq(f.doc.segs[1].key, "moved");
    ck_assert_str_eq(f.doc.segs[1].text, "%{smart_count} items moved");
    ck_assert_mem_eq(src + f.doc.segs[1].raw_start, "%{smart_count} items moved", 26);
    ck_assert_uint_eq(f.doc.segs[0].raw_end - f.doc.segs[0].raw_start, 25);
    /* "a||" + two escaped bars + "|b" decodes to five bars: the first
     * four separate "a" from "|b". */
    ck_assert_str_eq(f.doc.segs[2].text, "a");
    ck_assert_str_eq(f.doc.segs[3].text, "|b");
    ck_assert_str_eq(f.doc.segs[4].text, "x ||| y");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
    run(&f, tl_extract_arb, "lib/l10n/app_en.arb", "{\"a\": \"one |||| two\"}");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    tl_doc_free(&f.doc);
}
END_TEST

/* Lingui's JSON catalog: each entry's translation, keyed by its message
 * id; the source references beside it are no copy. */
START_TEST(lingui_catalog)
{
    fixture f;
    run(&f, tl_extract_json, "locale/en/messages.json",
        "{\"Report a problem\": {\"translation\": \"Report a problem\",\n"
        "  \"origin\": [[\"src/components/ReportButton.js\", 161]]},\n"
        " \"required\": {\"translation\": \"This field is required\", \"origin\": [], "
        "\"obsolete\": false}}");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 2);
    ck_assert_str_eq(f.doc.segs[0].key, "Report a problem");
    ck_assert_str_eq(f.doc.segs[0].text, "Report a problem");
    ck_assert_str_eq(f.doc.segs[1].key, "required");
    ck_assert_str_eq(f.doc.segs[1].text, "This field is required");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

/* Two languages side by side, each under its tag: each segment takes its
 * tag's language; one tag alone is a namespace. */
START_TEST(languages_side_by_side)
{
    fixture f;
    run(&f, tl_extract_json, "app/resources/localization.json",
        "{\"it\": {\"general\": {\"error\": \"Errore\"}},\n"
        " \"en\": {\"general\": {\"error\": \"Error\"}, \"list\": [\"One\"]},\n"
        " \"pt-BR\": {\"general\": {\"error\": \"Erro\"}}}");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 4);
    ck_assert_str_eq(f.doc.segs[0].lang, "it");
    ck_assert_str_eq(f.doc.segs[1].lang, "en");
    ck_assert_str_eq(f.doc.segs[2].key, "en.list[0]");
    ck_assert_str_eq(f.doc.segs[2].lang, "en");
    ck_assert_str_eq(f.doc.segs[3].lang, "pt");
    tl_doc_free(&f.doc);
    run(&f, tl_extract_json, "locales/de.json", "{\"id\": {\"label\": \"Kennung\"}}");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_ptr_null(f.doc.segs[0].lang);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(arb_metadata)
{
    fixture f;
    run(&f, tl_extract_arb, "lib/l10n/app.arb",
        "{\"@@locale\": \"en\", \"@@last_modified\": \"2024-01-01\",\n"
        " \"hello\": \"Hello {name}\",\n"
        " \"@hello\": {\"description\": \"Greeting\", \"placeholders\": {\"name\": {\"type\": "
        "\"String\"}}},\n"
        " \"items\": \"{count, plural, =0{No items} other{{count} items}}\", \"@items\": {},\n"
        " \"@orphan\": {\"description\": \"no message\"}}");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 2);
    ck_assert_str_eq(f.doc.lang, "en");
    ck_assert_str_eq(f.doc.segs[0].key, "hello");
    ck_assert_str_eq(f.doc.segs[0].lang, "en");
    ck_assert_str_eq(f.doc.segs[0].comment, "Greeting");
    ck_assert(f.doc.segs[0].flags & TL_SEG_ICU);
    ck_assert_str_eq(f.doc.segs[1].key, "items");
    ck_assert_ptr_null(f.doc.segs[1].comment);
    tl_doc_free(&f.doc);
    run(&f, tl_extract_arb, "app_de.arb", "{\"hello\": \"Hallo\", \"@@locale\": \"de\"}");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_str_eq(f.doc.segs[0].lang, "de");
    tl_doc_free(&f.doc);
}
END_TEST

static const char xcstrings_src[] =
    "{\n"
    "  \"sourceLanguage\" : \"en\",\n"
    "  \"strings\" : {\n"
    "    \"Cancel\" : {\n"
    "      \"localizations\" : {\n"
    "        \"de\" : { \"stringUnit\" : { \"state\" : \"translated\", \"value\" : \"Abbrechen\" } "
    "}\n"
    "      }\n"
    "    },\n"
    "    \"error.upload\" : {\n"
    "      \"comment\" : \"kind: error\",\n"
    "      \"localizations\" : {\n"
    "        \"en\" : { \"stringUnit\" : { \"state\" : \"translated\", \"value\" : \"Upload "
    "failed.\" } }\n"
    "      }\n"
    "    },\n"
    "    \"posts %lld\" : {\n"
    "      \"localizations\" : {\n"
    "        \"en\" : { \"variations\" : { \"plural\" : {\n"
    "          \"one\" : { \"stringUnit\" : { \"state\" : \"new\", \"value\" : \"%lld post\" } },\n"
    "          \"other\" : { \"stringUnit\" : { \"state\" : \"new\", \"value\" : \"%lld posts\" } "
    "}\n"
    "        } } }\n"
    "      }\n"
    "    },\n"
    "    \"debug\" : {\n"
    "      \"localizations\" : {\n"
    "        \"en\" : { \"stringUnit\" : { \"state\" : \"new\", \"value\" : \"Debug\" } }\n"
    "      },\n"
    "      \"shouldTranslate\" : false\n"
    "    },\n"
    "    \"No \\\"quotes\\\"\" : { }\n"
    "  },\n"
    "  \"version\" : \"1.0\"\n"
    "}\n";

START_TEST(xcstrings_catalog)
{
    fixture f;
    run(&f, tl_extract_xcstrings, "Localizable.xcstrings", xcstrings_src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_str_eq(f.doc.lang, "en");
    struct {
        const char *key, *text, *lang;
        bool extracted;
    } want[] = {
        {"Cancel", "Cancel", "en", true},
        {"Cancel", "Abbrechen", "de", false},
        {"error.upload", "Upload failed.", "en", false},
        {"posts %lld.variations.plural.one", "%lld post", "en", false},
        {"posts %lld.variations.plural.other", "%lld posts", "en", false},
        {"No \"quotes\"", "No \"quotes\"", "en", true},
    };
    ck_assert_uint_eq(f.doc.nsegs, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < f.doc.nsegs; i++) {
        const tl_segment *s = &f.doc.segs[i];
        ck_assert_str_eq(s->key, want[i].key);
        ck_assert_str_eq(s->text, want[i].text);
        ck_assert_str_eq(s->lang, want[i].lang);
        ck_assert_int_eq((s->flags & TL_SEG_EXTRACTED) != 0, want[i].extracted);
        if (i > 0) ck_assert_uint_gt(s->raw_start, f.doc.segs[i - 1].raw_start);
    }
    ck_assert_str_eq(f.doc.segs[2].comment, "kind: error");
    /* The key-as-text segment maps onto the key's stored bytes, escapes too. */
    const tl_segment *q = &f.doc.segs[5];
    ck_assert_uint_eq(q->raw_start, strstr(xcstrings_src, "No \\\"") - xcstrings_src);
    ck_assert(atomic_at(&f.doc, q, "\\\"") != NULL);
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(xcstrings_source_language_after_strings)
{
    fixture f;
    run(&f, tl_extract_xcstrings, "L.xcstrings",
        "{\"strings\": {\"Bonjour\": {}, \"Salut\": {\"localizations\": {\"fr\": {\"stringUnit\": "
        "{\"value\": \"Salut !\"}}}}}, \"sourceLanguage\": \"fr\"}");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 2);
    ck_assert_str_eq(f.doc.segs[0].text, "Bonjour");
    ck_assert_str_eq(f.doc.segs[0].lang, "fr");
    ck_assert_str_eq(f.doc.segs[1].text, "Salut !");
    tl_doc_free(&f.doc);
}
END_TEST

typedef struct error_case {
    const char *src;
    const char *message; /* a fragment of the message */
    int line, column;
} error_case;

static const error_case errors[] = {
    {"{\"a\": \"x\\q\"}", "invalid escape \\q", 1, 9},
    {"{\"a\": \"\\ud800\"}", "lone high surrogate", 1, 8},
    {"{\"a\": \"\\ud800\\u0041\"}", "lone high surrogate", 1, 8},
    {"{\"a\": \"ok \\udc00\"}", "lone low surrogate", 1, 11},
    {"{\"a\": \"\\u12G4\"}", "expected 4 hex digits", 1, 8},
    {"{\"a\": \"x", "unterminated string", 1, 7},
    {"{\"a\" \"x\"}", "`:` after the key", 1, 6},
    {"{\"a\": 1,}", "trailing comma", 1, 9},
    {"[1, 2,]", "trailing comma", 1, 7},
    {"{\"a\": 01}", "invalid number", 1, 7},
    {"{\"a\": -}", "invalid number", 1, 7},
    {"{\"a\": 1.}", "digit after `.`", 1, 9},
    {"{\"a\": tru}", "expected a value", 1, 7},
    {"{\"a\": \"b\"} x", "end of file after the top-level value", 1, 12},
    {"{'a': 1}", "a string key", 1, 2},
    {"{\"a\": \"line\nbreak\"}", "line break inside a string", 1, 12},
    {"{\"a\": \"tab\there\"}", "control character U+0009", 1, 11},
    {"{\n  \"a\": \"x\",\n  \"b\": [1 2]\n}", "`,` or `]`", 3, 11},
    {"{\"a\": [1, 2}", "`,` or `]`", 1, 12},
    {"{\"a\": {\"b\": \"c\"}", "end of file inside an object", 1, 17},
    {"{\"\xC3\xA9\": \"x\" // comment\n}", "`,` or `}`", 1, 11},
    {"\xEF\xBB\xBF{\"a\": }", "expected a value", 1, 7},
};

START_TEST(syntax_errors_have_positions)
{
    const error_case *c = &errors[_i];
    fixture f;
    run(&f, tl_extract_json, "bad.json", c->src);
    ck_assert_msg(f.rc == TL_ESYNTAX, "case %d: rc %d", _i, f.rc);
    ck_assert_msg(strstr(f.err.message, c->message) != NULL, "case %d: message `%s`", _i,
                  f.err.message);
    ck_assert_msg(f.err.line == c->line && f.err.column == c->column,
                  "case %d: at %d:%d, expected %d:%d (%s)", _i, f.err.line, f.err.column, c->line,
                  c->column, f.err.message);
    ck_assert_str_eq(f.err.path, "bad.json");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(deep_nesting_is_an_error_not_a_crash)
{
    size_t n = 300000;
    char *src = malloc(2 * n + 1);
    for (size_t i = 0; i < n; i++)
        src[i] = '[';
    for (size_t i = 0; i < n; i++)
        src[n + i] = ']';
    src[2 * n] = '\0';
    clock_t t0 = clock();
    extract_fn fns[] = {tl_extract_json, tl_extract_arb, tl_extract_xcstrings};
    for (size_t k = 0; k < 3; k++) {
        fixture f;
        run(&f, fns[k], "deep.json", src);
        ck_assert_int_eq(f.rc, fns[k] == tl_extract_xcstrings ? TL_ESYNTAX : TL_ELIMIT);
        if (f.rc == TL_ELIMIT) {
            ck_assert(strstr(f.err.message, "deeper than 512") != NULL);
            ck_assert_int_eq(f.err.column, TL_JSON_MAX_DEPTH + 1);
        }
        tl_doc_free(&f.doc);
    }
    /* Objects nested 512 deep are fine. */
    size_t d = TL_JSON_MAX_DEPTH;
    tl_buf b = TL_BUF_INIT;
    for (size_t i = 0; i < d - 1; i++)
        tl_buf_puts(&b, "{\"k\":");
    tl_buf_puts(&b, "{\"k\": \"deep\"}");
    for (size_t i = 0; i < d - 1; i++)
        tl_buf_putc(&b, '}');
    fixture f;
    run(&f, tl_extract_json, "deep.json", b.data);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    ck_assert_uint_eq(strlen(f.doc.segs[0].key), 2 * d - 1);
    tl_doc_free(&f.doc);
    tl_buf_free(&b);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    ck_assert_msg(secs < 1.0, "deep nesting took %.2fs", secs);
    free(src);
}
END_TEST

START_TEST(scanner_skips_and_compares)
{
    tl_doc doc;
    const char *src = "{\"skip\": {\"a\": [1, {\"b\": \"\\u00e9\"}]}, \"take\": \"v\"}";
    tl_doc_init(&doc, "x.json", (const unsigned char *)src, strlen(src), NULL);
    tl_jscan s;
    tl_jscan_init(&s, &doc, NULL);
    ck_assert_int_eq(tl_jscan_next(&s), TL_JTOK_OBJECT);
    ck_assert_int_eq(tl_jscan_next(&s), TL_JTOK_KEY);
    ck_assert(tl_jscan_is(&s, "skip"));
    ck_assert_int_eq(tl_jscan_skip(&s), 0);
    ck_assert_int_eq(tl_jscan_next(&s), TL_JTOK_KEY);
    ck_assert(tl_jscan_is(&s, "take"));
    ck_assert(!tl_jscan_is(&s, "tak"));
    ck_assert_int_eq(tl_jscan_next(&s), TL_JTOK_STRING);
    ck_assert_uint_eq(s.start, strstr(src, "\"v\"") - src);
    ck_assert_uint_eq(s.end, s.start + 3);
    ck_assert_int_eq(tl_jscan_next(&s), TL_JTOK_OBJECT_END);
    ck_assert_int_eq(tl_jscan_next(&s), TL_JTOK_END);
    ck_assert_int_eq(tl_jscan_next(&s), TL_JTOK_END);
    tl_doc_free(&doc);
}
END_TEST

START_TEST(encode_escapes_for_json_strings)
{
    tl_buf out = TL_BUF_INIT;
    const char *t = "Say \"hi\"\\\n\t\x01 — ok";
    ck_assert_int_eq(tl_encode_json(&out, NULL, NULL, 0, 0, t, strlen(t)), 0);
    ck_assert_str_eq(out.data, "Say \\\"hi\\\"\\\\\\n\\t\\u0001 — ok");
    /* What the encoder writes decodes back to the text. */
    tl_buf json = TL_BUF_INIT;
    tl_buf_printf(&json, "{\"k\": \"%s\"}", out.data);
    fixture f;
    run(&f, tl_extract_json, "en.json", json.data);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_str_eq(f.doc.segs[0].text, t);
    tl_doc_free(&f.doc);
    tl_buf_free(&json);
    tl_buf_free(&out);
}
END_TEST

START_TEST(formats_registered_and_detected)
{
    const char *json = "{\"a\": \"b\"}";
    const unsigned char *j = (const unsigned char *)json;
    ck_assert_str_eq(tl_format_detect("locales/en.json", j, strlen(json))->name, "json");
    ck_assert_str_eq(tl_format_detect("l10n/intl_en.arb", j, strlen(json))->name, "arb");
    ck_assert_str_eq(tl_format_detect("Localizable.xcstrings", j, strlen(json))->name, "xcstrings");
    ck_assert_str_eq(tl_format_detect(NULL, j, strlen(json))->name, "json");
    const char *xc = "{\n  \"sourceLanguage\" : \"en\",\n  \"strings\" : {}}";
    ck_assert_str_eq(tl_format_detect(NULL, (const unsigned char *)xc, strlen(xc))->name,
                     "xcstrings");
    const char *arb = "{\"@@locale\": \"en\"}";
    ck_assert_str_eq(tl_format_detect(NULL, (const unsigned char *)arb, strlen(arb))->name, "arb");
    ck_assert_ptr_nonnull(tl_format_find("json")->encode);
    ck_assert_ptr_nonnull(tl_format_find("arb")->encode);
    ck_assert_ptr_nonnull(tl_format_find("xcstrings")->encode);
}
END_TEST

START_TEST(walks_pick_catalogs_not_configs)
{
    const char *yes[] = {"config/locales/en.yml",
                         "config/locales/views/accounts/en.yml",
                         "config/locales/client.en.yml",
                         "src/i18n/strings/en_EN.json",
                         "public/locales/de/translation.json",
                         "_locales/fr/messages.json",
                         "app/javascript/mastodon/locales/en.json",
                         "lang/pt-BR.yaml",
                         "lib/l10n/app_en.arb",
                         "Resources/Localizable.xcstrings",
                         "src/core/lang.json",
                         "app/translations.json",
                         "strings/en-us.json"};
    const char *no[] = {"package.json",      "docker-compose.yml",  ".tonelint.yml",
                        "tsconfig.json",     "config/database.yml", ".pre-commit-hooks.yaml",
                        "app/manifest.json", "src/Lang.php",        "src/Messages.php"};
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
        ck_assert_msg(tl_format_is_candidate(yes[i]), "%s", yes[i]);
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        ck_assert_msg(!tl_format_is_candidate(no[i]), "%s", no[i]);
        /* Named on the command line, it is still read. */
        ck_assert_ptr_nonnull(tl_format_detect(no[i], (const unsigned char *)"{}", 2));
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("extract");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, escapes_and_spans);
    tcase_add_test(tc, nul_and_invalid_utf8_become_replacement);
    tcase_add_test(tc, key_paths_arrays_and_duplicates);
    tcase_add_test(tc, top_level_values);
    tcase_add_test(tc, bom_and_crlf);
    tcase_add_test(tc, mediawiki_metadata_skipped);
    tcase_add_test(tc, chrome_messages);
    tcase_add_test(tc, react_intl_descriptors);
    tcase_add_test(tc, transifex_structured_entries);
    tcase_add_test(tc, polyglot_plural_forms);
    tcase_add_test(tc, arb_metadata);
    tcase_add_test(tc, xcstrings_catalog);
    tcase_add_test(tc, xcstrings_source_language_after_strings);
    tcase_add_test(tc, languages_side_by_side);
    tcase_add_test(tc, lingui_catalog);
    tcase_add_loop_test(tc, syntax_errors_have_positions, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, deep_nesting_is_an_error_not_a_crash);
    tcase_add_test(tc, scanner_skips_and_compares);
    tcase_add_test(tc, encode_escapes_for_json_strings);
    tcase_add_test(tc, formats_registered_and_detected);
    tcase_add_test(tc, walks_pick_catalogs_not_configs);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
