/* test_xml.c - the XML adapter and the XML extractors (Android, XLIFF,
 * .resx, .stringsdict, Qt .ts): the Android escape layer, source maps through
 * entities, CRLF, CDATA and escapes, inline elements, filtering, error
 * positions, refused entities, fix encoding, and a sweep of the corpus. */
#include "core/xml.h"
#include "tl_test_doc.h"
#include "extract/format.h"
#include "tokenize/view.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void extract(tl_test_doc *f, tl_extract_fn fn, const char *path, const char *src)
{
    tl_test_extract(f, fn, path, src, strlen(src));
}

/* The stored bytes a decoded range maps to. */
static void check_maps_to(const char *src, const tl_segment *s, const char *decoded,
                          const char *stored)
{
    const char *p = strstr(s->text, decoded);
    ck_assert_msg(p != NULL, "`%s` not in `%s`", decoded, s->text);
    size_t a = (size_t)(p - s->text), b = a + strlen(decoded);
    size_t rs = tl_segment_raw_start(s, a), re = tl_segment_raw_end(s, b);
    ck_assert_uint_eq(re - rs, strlen(stored));
    ck_assert_mem_eq(src + rs, stored, strlen(stored));
}

/* ---- Android: the escape layer, table-driven ---- */

static const struct {
    const char *value; /* the inside of <string name="s">...</string> */
    const char *text;  /* decoded, as the customer sees it */
} android_cases[] = {
    {"Don\\'t", "Don't"},
    {"  Hello   world  ", "Hello world"},
    {"\n    Hello\n    world\n", "Hello world"},
    {"\"  Hello   world  \"", "  Hello   world  "},
    {"a\\nb\\tc", "a\nb\tc"},
    {"\\@home \\?q a\\\\b \\\"q\\\" \\#", "@home ?q a\\b \"q\" #"},
    {"\\u00e9t\\u00E9", "\xC3\xA9t\xC3\xA9"},
    {"\\u0041BC", "ABC"},
    {"\\uD83D\\uDE00!", "\xF0\x9F\x98\x80!"},
    {"\\uZZ", "uZZ"},
    {"a\\", "a"},
    {"a\\xb", "axb"},
    {"a &amp; b &lt;3", "a & b <3"},
    {"caf&#233; &#x263A;", "caf\xC3\xA9 \xE2\x98\xBA"},
    {"it's", "it's"},
    {"\"it's\"", "it's"},
    {"say \"hi\"  there", "say hi there"},
    {"\"a  b\"  c", "a  b c"},
    {"a \\n b", "a \n b"},
    {"<![CDATA[<b>Hi</b> \"there\"]]>", "<b>Hi</b> there"},
    {"<![CDATA[  x  ]]>", "x"},
    {"x <![CDATA[&amp;]]> y", "x &amp; y"},
    {"Hello <b>world</b>", "Hello <b>world</b>"},
    {"  <b>Hi</b>  ", " <b>Hi</b> "},
    {"\"a  <b>  b</b>", "a  <b> b</b>"},
    {"You can <a href=\"https://x.example\">click here</a>.",
     "You can <a href=\"https://x.example\">click here</a>."},
    {"Line<br/>break", "Line<br/>break"},
    {"Use <xliff:g id=\"app\">Acme Pay</xliff:g> now", "Use Acme Pay now"},
    {"a <xliff:g id=\"n\"> b</xliff:g>", "a b"},
    {"<xliff:g id=\"n\">%d</xliff:g> items left  ", "%d items left"},
    {"a<!-- note -->b", "ab"},
    {"", ""},
};

START_TEST(android_escape_layer)
{
    char src[1024];
    snprintf(src, sizeof(src),
             "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
             "<resources xmlns:xliff=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
             "<string name=\"s\">%s</string>\n</resources>\n",
             android_cases[_i].value);
    tl_test_doc f;
    extract(&f, tl_extract_android, "res/values/strings.xml", src);
    ck_assert_msg(f.rc == 0, "%s: %s", android_cases[_i].value, f.err.message);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    ck_assert_str_eq(f.doc.segs[0].key, "s");
    ck_assert_msg(strcmp(f.doc.segs[0].text, android_cases[_i].text) == 0,
                  "%s: got `%s`, want `%s`", android_cases[_i].value, f.doc.segs[0].text,
                  android_cases[_i].text);
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(android_source_map)
{
    const char *src =
        "<resources>\r\n  <string name=\"a\">Don\\'t &amp; \\u00e9 \"x\r\ny\"  z</string>\r\n"
        "</resources>\r\n";
    tl_test_doc f;
    extract(&f, tl_extract_android, "values/strings.xml", src);
    ck_assert_int_eq(f.rc, 0);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "Don't & \xC3\xA9 x\ny z");
    tl_test_check_spans(&f.doc);
    check_maps_to(src, s, "'", "\\'");
    check_maps_to(src, s, "&", "&amp;");
    check_maps_to(src, s, "\xC3\xA9", "\\u00e9");
    check_maps_to(src, s, "\n", "\r\n");    /* kept inside quotes, CRLF stored */
    check_maps_to(src, s, "y z", "y\"  z"); /* the quote and the collapsed run */
    check_maps_to(src, s, "Don", "Don");
    /* Line and column of the value. */
    tl_position pos;
    ck_assert_int_eq(tl_source_position(&f.doc.src, s->raw_start, &pos), 0);
    ck_assert_int_eq(pos.line, 2);
    ck_assert_int_eq(pos.column, 20);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(android_resources)
{
    const char *src =
        "<resources xmlns:xliff=\"urn:oasis:names:tc:xliff:document:1.2\" "
        "xmlns:tools=\"http://schemas.android.com/tools\">\n"
        "  <!-- Shown when the card is declined -->\n"
        "  <string name=\"card_declined\">Your card was declined.</string>\n"
        "  <string name=\"app_name\" translatable=\"false\">Acme</string>\n"
        "  <string name=\"alias\">@string/card_declined</string>\n"
        "  <string name=\"attr\"> ?attr/colorPrimary </string>\n"
        "  <string name=\"nothing\">@null</string>\n"
        "  <string name=\"at\">@ home</string>\n"
        "  <string name=\"q\">?</string>\n"
        "  <plurals name=\"files\">\n"
        "    <item quantity=\"one\">%d file</item>\n"
        "    <item quantity=\"other\">%d files</item>\n"
        "  </plurals>\n"
        "  <string-array name=\"plans\">\n"
        "    <item>Basic</item>\n"
        "    <item>@string/alias</item>\n"
        "    <item>Pro</item>\n"
        "  </string-array>\n"
        "  <string-array name=\"hidden\" translatable=\"false\"><item>x</item></string-array>\n"
        "  <string-array name=\"account_type_entry_values\"><item>ASSET</item></string-array>\n"
        "  <string-array name=\"weekdayEntryValues\"><item>1</item></string-array>\n"
        "  <color name=\"red\">#f00</color>\n"
        "  <string name=\"fmt\" formatted=\"false\">100%</string>\n"
        "  <tools:string name=\"x\">ignored</tools:string>\n"
        "</resources>\n";
    tl_test_doc f;
    extract(&f, tl_extract_android, "app/src/main/res/values-de/strings.xml", src);
    ck_assert_int_eq(f.rc, 0);
    static const char *const keys[] = {"card_declined", "at",       "q",        "files[one]",
                                       "files[other]",  "plans[0]", "plans[2]", "fmt"};
    static const char *const texts[] = {
        "Your card was declined.", "@ home", "?", "%d file", "%d files", "Basic", "Pro", "100%"};
    ck_assert_uint_eq(f.doc.nsegs, 8);
    for (size_t i = 0; i < 8; i++) {
        ck_assert_str_eq(f.doc.segs[i].key, keys[i]);
        ck_assert_str_eq(f.doc.segs[i].text, texts[i]);
    }
    ck_assert_str_eq(f.doc.segs[0].comment, "Shown when the card is declined");
    ck_assert_ptr_null(f.doc.segs[1].comment);
    ck_assert(f.doc.segs[0].flags & TL_SEG_C_FORMAT);
    ck_assert(!(f.doc.segs[7].flags & TL_SEG_C_FORMAT));
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(android_markup_and_protected)
{
    const char *src = "<resources xmlns:xliff=\"urn:oasis:names:tc:xliff:document:1.2\">"
                      "<string name=\"a\">Pay with <xliff:g id=\"app\">Simply Pay</xliff:g> or "
                      "<b>cancel</b></string></resources>";
    tl_test_doc f;
    extract(&f, tl_extract_android, "values/strings.xml", src);
    ck_assert_int_eq(f.rc, 0);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "Pay with Simply Pay or <b>cancel</b>");
    ck_assert(s->flags & TL_SEG_MARKUP);
    ck_assert_uint_eq(s->nprotect, 1);
    ck_assert_uint_eq(s->protect[0].start, 9);
    ck_assert_uint_eq(s->protect[0].end, 19);
    check_maps_to(src, s, "<b>", "<b>");
    /* The tokenizer masks the protected range like a variable, and the tag. */
    tl_view v;
    tl_view_init(&v);
    ck_assert_int_eq(tl_view_build(&v, s, TL_SYNTAX_DEFAULT), 0);
    ck_assert_mem_eq(v.masked.data, "Pay with __________ or    cancel    ", v.len);
    ck_assert(tl_view_overlaps_mask(&v, 9, 15));
    ck_assert(!tl_view_overlaps_mask(&v, 0, 3));
    tl_view_free(&v);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(protected_range_after_normalization)
{
    /* "e" + combining acute (3 bytes) normalizes to one 2-byte "é": the
     * protected range, in decoded offsets, must still cover "Zoë Pay". */
    const char *src =
        "<resources xmlns:xliff=\"urn:oasis:names:tc:xliff:document:1.2\">"
        "<string name=\"a\">Caf\x65\xCC\x81 <xliff:g>Zo\xC3\xAB Pay</xliff:g> ok</string>"
        "</resources>";
    tl_test_doc f;
    extract(&f, tl_extract_android, "values/strings.xml", src);
    ck_assert_int_eq(f.rc, 0);
    tl_view v;
    tl_view_init(&v);
    ck_assert_int_eq(tl_view_build(&v, &f.doc.segs[0], TL_SYNTAX_DEFAULT), 0);
    ck_assert_uint_eq(v.len, f.doc.segs[0].text_len - 1);
    ck_assert_mem_eq(v.masked.data, "Caf\xC3\xA9 ________ ok", v.len);
    tl_view_free(&v);
    tl_doc_free(&f.doc);
}
END_TEST

/* ---- XLIFF ---- */

START_TEST(xliff12_inline_and_translate)
{
    const char *src =
        "<?xml version=\"1.0\"?>\n"
        "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
        " <file source-language=\"en\" target-language=\"fr\" datatype=\"html\" original=\"x\">\n"
        "  <body>\n"
        "   <trans-unit id=\"pay\">\n"
        "    <source>Your <g id=\"1\">payment</g> is received<x id=\"2\"/>.<ph "
        "id=\"3\">&lt;br/&gt;</ph> "
        "<bpt id=\"4\">&lt;b&gt;</bpt>Thanks<ept id=\"4\">&lt;/b&gt;</ept> <mrk "
        "mtype=\"term\">now</mrk></source>\n"
        "    <target>Paiement re\xC3\xA7u.</target>\n"
        "    <alt-trans><source>old</source><target>ancien</target></alt-trans>\n"
        "    <note>Shown after checkout</note>\n"
        "   </trans-unit>\n"
        "   <group translate=\"no\">\n"
        "    <trans-unit id=\"brand\"><source>Acme</source></trans-unit>\n"
        "    <trans-unit id=\"yes\" translate=\"yes\"><source>Shown</source></trans-unit>\n"
        "   </group>\n"
        "   <trans-unit id=\"empty\"><source>Done</source><target/></trans-unit>\n"
        "  </body>\n"
        " </file>\n"
        "</xliff>\n";
    tl_test_doc f;
    extract(&f, tl_extract_xliff, "messages.fr.xlf", src);
    ck_assert_msg(f.rc == 0, "%s", f.err.message);
    ck_assert_uint_eq(f.doc.nsegs, 4);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->key, "pay");
    ck_assert_str_eq(s->text, "Your payment is received. Thanks now");
    ck_assert_str_eq(s->lang, "en");
    ck_assert(s->flags & TL_SEG_EXTRACTED);
    ck_assert_str_eq(s->comment, "Shown after checkout");
    ck_assert_str_eq(f.doc.segs[1].text, "Paiement re\xC3\xA7u.");
    ck_assert_str_eq(f.doc.segs[1].lang, "fr");
    ck_assert(!(f.doc.segs[1].flags & TL_SEG_EXTRACTED));
    ck_assert_str_eq(f.doc.segs[2].key, "yes");
    ck_assert_str_eq(f.doc.segs[3].key, "empty");
    ck_assert_str_eq(f.doc.lang, "en");
    tl_test_check_spans(&f.doc);
    check_maps_to(src, s, "payment is", "payment</g> is");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(xliff12_same_language_target)
{
    const char *src =
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">"
        "<file source-language=\"en\" target-language=\"en-US\"><body>"
        "<trans-unit id=\"1\"><source>This value is not valid.</source>"
        "<target>This value is not valid.</target></trans-unit>"
        "<trans-unit id=\"2\"><source>key.two</source><target>Second text</target></trans-unit>"
        "</body></file></xliff>";
    tl_test_doc f;
    extract(&f, tl_extract_xliff, "validators.en.xlf", src);
    ck_assert_int_eq(f.rc, 0);
    /* The identical target is not repeated (en-US is English too); the key
     * `key.two` is not copy. */
    ck_assert_uint_eq(f.doc.nsegs, 2);
    ck_assert_str_eq(f.doc.segs[0].text, "This value is not valid.");
    ck_assert(f.doc.segs[0].flags & TL_SEG_EXTRACTED);
    ck_assert_str_eq(f.doc.segs[1].text, "Second text");
    ck_assert_str_eq(f.doc.segs[1].lang, "en-US");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(xliff20_segments)
{
    const char *src =
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en-US\" "
        "trgLang=\"de\">\n"
        " <file id=\"f1\">\n"
        "  <unit id=\"u1\">\n"
        "   <notes><note>Error banner</note></notes>\n"
        "   <segment><source>Payment <pc id=\"1\">failed</pc>.<ph id=\"2\"/></source>"
        "<target>Zahlung fehlgeschlagen.</target></segment>\n"
        "   <ignorable><source> </source></ignorable>\n"
        "   <segment state=\"initial\"><source>Try again <sc id=\"3\"/>later<ec "
        "startRef=\"3\"/>.</source></segment>\n"
        "  </unit>\n"
        "  <unit id=\"u2\" translate=\"no\"><segment><source>ACME</source></segment></unit>\n"
        " </file>\n"
        "</xliff>\n";
    tl_test_doc f;
    extract(&f, tl_extract_xliff, "x.xlf", src);
    ck_assert_msg(f.rc == 0, "%s", f.err.message);
    ck_assert_uint_eq(f.doc.nsegs, 3);
    ck_assert_str_eq(f.doc.segs[0].key, "u1");
    ck_assert_str_eq(f.doc.segs[0].text, "Payment failed.");
    ck_assert_str_eq(f.doc.segs[0].lang, "en-US");
    ck_assert_str_eq(f.doc.segs[0].comment, "Error banner");
    ck_assert_str_eq(f.doc.segs[1].text, "Zahlung fehlgeschlagen.");
    ck_assert_str_eq(f.doc.segs[1].lang, "de");
    ck_assert_str_eq(f.doc.segs[2].text, "Try again later.");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

/* ---- Qt Linguist .ts ---- */

START_TEST(qtts_messages)
{
    const char *src =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE TS>\n"
        "<TS version=\"2.1\" language=\"de_DE\" sourcelanguage=\"en\">\n"
        "<context><name>Cart</name>\n"
        " <message><location filename=\"Cart.qml\" line=\"3\"/>"
        "<source>Payment &amp; delivery</source><comment>tab title</comment>"
        "<extracomment>Shown above the form</extracomment>"
        "<translation>Zahlung &amp; Lieferung</translation></message>\n"
        " <message numerus=\"yes\"><source>%n item(s)</source><translation>"
        "<numerusform>%n Artikel</numerusform><numerusform>%n Artikel</numerusform>"
        "</translation></message>\n"
        " <message><source>Old text</source><translation type=\"vanished\">Alt</translation>"
        "</message>\n"
        " <message><source>Untranslated</source><translation type=\"unfinished\"/></message>\n"
        " <message><source>Row<byte value=\"x9\"/>two</source>"
        "<translation variants=\"yes\"><lengthvariant>Lang</lengthvariant>"
        "<lengthvariant>Kurz</lengthvariant></translation></message>\n"
        "</context>\n"
        "<context><name>Ids</name><message id=\"cart-no_items\"><source>No items</source>"
        "</message></context>\n"
        "</TS>\n";
    tl_test_doc f;
    extract(&f, tl_extract_qtts, "translations/shop_de.ts", src);
    ck_assert_msg(f.rc == 0, "%s", f.err.message);
    static const struct {
        const char *key, *context, *lang, *text;
    } want[] = {
        {"Payment & delivery", "Cart", "en", "Payment & delivery"},
        {"Payment & delivery", "Cart", "de_DE", "Zahlung & Lieferung"},
        {"%n item(s)", "Cart", "en", "%n item(s)"},
        {"%n item(s)", "Cart", "de_DE", "%n Artikel"},
        {"%n item(s)", "Cart", "de_DE", "%n Artikel"},
        {"Untranslated", "Cart", "en", "Untranslated"},
        {"Row\ttwo", "Cart", "en", "Row\ttwo"},
        {"Row\ttwo", "Cart", "de_DE", "Lang"},
        {"Row\ttwo", "Cart", "de_DE", "Kurz"},
        {"cart-no_items", "Ids", "en", "No items"},
    };
    ck_assert_uint_eq(f.doc.nsegs, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < f.doc.nsegs; i++) {
        const tl_segment *s = &f.doc.segs[i];
        ck_assert_str_eq(s->key, want[i].key);
        ck_assert_str_eq(s->context, want[i].context);
        ck_assert_str_eq(s->lang, want[i].lang);
        ck_assert_str_eq(s->text, want[i].text);
        /* Sources come from the code; translations are written by people. */
        ck_assert(!!(s->flags & TL_SEG_EXTRACTED) == (strcmp(want[i].lang, "en") == 0));
    }
    ck_assert_str_eq(f.doc.segs[0].comment, "tab title\nShown above the form");
    tl_test_check_spans(&f.doc);
    check_maps_to(src, &f.doc.segs[0], "& d", "&amp; d");
    check_maps_to(src, &f.doc.segs[6], "\t", "<byte value=\"x9\"/>");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(qtts_same_language)
{
    /* An English file over English sources: a translation that repeats its
     * source is linted once; one that rewrites it is linted too. */
    const char *src =
        "<TS version=\"2.1\" language=\"en_GB\"><context><name>A</name>"
        "<message><source>Delivery failed</source><translation>Delivery failed</translation>"
        "</message>"
        "<message><source>ERROR</source><translation>We couldn't deliver it</translation>"
        "</message>"
        "<message><source>ORDER_DONE</source><translation>Order placed</translation></message>"
        "</context></TS>";
    tl_test_doc f;
    extract(&f, tl_extract_qtts, "app_en_GB.ts", src);
    ck_assert_msg(f.rc == 0, "%s", f.err.message);
    ck_assert_uint_eq(f.doc.nsegs, 4);
    ck_assert_str_eq(f.doc.segs[0].text, "Delivery failed");
    ck_assert_str_eq(f.doc.segs[1].text, "ERROR");
    ck_assert_str_eq(f.doc.segs[2].text, "We couldn't deliver it");
    ck_assert_str_eq(f.doc.segs[2].lang, "en_GB");
    /* A source that is a message key is not copy; its translation is. */
    ck_assert_str_eq(f.doc.segs[3].key, "ORDER_DONE");
    ck_assert_str_eq(f.doc.segs[3].text, "Order placed");
    tl_doc_free(&f.doc);
}
END_TEST

/* ---- .resx and .stringsdict ---- */

START_TEST(resx_filtering)
{
    const char *src =
        "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root>\n"
        "  <resheader name=\"resmimetype\"><value>text/microsoft-resx</value></resheader>\n"
        "  <data name=\"Greeting\" xml:space=\"preserve\"><value>Hello {0} &amp; welcome</value>"
        "<comment>Home page title</comment></data>\n"
        "  <data name=\"Logo\" type=\"System.Resources.ResXFileRef, "
        "System.Windows.Forms\"><value>logo.png</value></data>\n"
        "  <data name=\"Icon\" "
        "mimetype=\"application/x-microsoft.net.object.bytearray.base64\"><value>AAEC</value></"
        "data>\n"
        "  <data name=\"&gt;&gt;button1.Name\"><value>button1</value></data>\n"
        "  <data name=\"button1.Text\"><value>Submit</value></data>\n"
        "  <data name=\"Empty\"><value /></data>\n"
        "</root>\n";
    tl_test_doc f;
    extract(&f, tl_extract_resx, "Strings.resx", src);
    ck_assert_msg(f.rc == 0, "%s", f.err.message);
    ck_assert_uint_eq(f.doc.nsegs, 3);
    ck_assert_str_eq(f.doc.segs[0].key, "Greeting");
    ck_assert_str_eq(f.doc.segs[0].text, "Hello {0} & welcome");
    ck_assert_str_eq(f.doc.segs[0].comment, "Home page title");
    ck_assert_str_eq(f.doc.segs[1].key, "button1.Text");
    ck_assert_str_eq(f.doc.segs[2].key, "Empty");
    ck_assert_str_eq(f.doc.segs[2].text, "");
    tl_test_check_spans(&f.doc);
    check_maps_to(src, &f.doc.segs[0], "& w", "&amp; w");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(resx_utf16)
{
    /* "<root><data name="a"><value>Hé😀</value></data></root>" in UTF-16LE with a BOM. */
    const char *ascii_a = "<root><data name=\"a\"><value>H";
    const char *ascii_b = "</value></data></root>";
    unsigned char buf[256];
    size_t n = 0;
    buf[n++] = 0xFF, buf[n++] = 0xFE;
    for (const char *p = ascii_a; *p; p++)
        buf[n++] = (unsigned char)*p, buf[n++] = 0;
    buf[n++] = 0xE9, buf[n++] = 0x00;                                   /* é */
    buf[n++] = 0x3D, buf[n++] = 0xD8, buf[n++] = 0x00, buf[n++] = 0xDE; /* 😀 */
    for (const char *p = ascii_b; *p; p++)
        buf[n++] = (unsigned char)*p, buf[n++] = 0;
    tl_test_doc f;
    tl_test_extract(&f, tl_extract_resx, "a.resx", (const char *)buf, n);
    ck_assert_msg(f.rc == 0, "%s", f.err.message);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "H\xC3\xA9\xF0\x9F\x98\x80");
    ck_assert_uint_eq(s->nspans, 3);
    ck_assert_uint_eq(s->spans[0].raw_len, 2);
    ck_assert_uint_eq(s->spans[1].raw_len, 2);
    ck_assert_uint_eq(s->spans[2].raw_len, 4);
    ck_assert_uint_eq(s->spans[0].raw_off, 2 + 2 * strlen(ascii_a) - 2);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(stringsdict_keys)
{
    const char *src =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
        "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
        "<plist version=\"1.0\"><dict>\n"
        " <key>files.left</key>\n <dict>\n"
        "  <key>NSStringLocalizedFormatKey</key><string>%#@files@ left</string>\n"
        "  <key>files</key><dict>\n"
        "   <key>NSStringFormatSpecTypeKey</key><string>NSStringPluralRuleType</string>\n"
        "   <key>NSStringFormatValueTypeKey</key><string>ld</string>\n"
        "   <key>one</key><string>%ld file</string>\n"
        "   <key>other</key><string>%ld files</string>\n"
        "  </dict>\n </dict>\n"
        "</dict></plist>\n";
    tl_test_doc f;
    extract(&f, tl_extract_stringsdict, "en.lproj/Localizable.stringsdict", src);
    ck_assert_msg(f.rc == 0, "%s", f.err.message);
    ck_assert_uint_eq(f.doc.nsegs, 3);
    ck_assert_str_eq(f.doc.segs[0].key, "files.left");
    ck_assert_str_eq(f.doc.segs[0].text, "%#@files@ left");
    ck_assert_str_eq(f.doc.segs[1].key, "files.left/files/one");
    ck_assert_str_eq(f.doc.segs[2].key, "files.left/files/other");
    ck_assert_str_eq(f.doc.segs[2].text, "%ld files");
    ck_assert(f.doc.segs[0].flags & TL_SEG_C_FORMAT);
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

/* ---- Errors and refusals ---- */

static const struct {
    tl_extract_fn fn;
    const char *src;
    int code;
    int line, column;
    const char *message; /* a part of it */
} errors[] = {
    {tl_extract_android, "<resources>\n  <string name=\"a\">x</strin>\n</resources>\n", TL_ESYNTAX,
     2, 23, "mismatched tag"},
    {tl_extract_android, "<resources>\n  <string name=\"a\">x", TL_ESYNTAX, 2, 21,
     "no element found"},
    {tl_extract_android, "<?xml version=\"1.0\"?>\n<manifest/>\n", TL_ESYNTAX, 2, 1, "<resources>"},
    {tl_extract_android, "<resources><string name=\"a\">a &nbsp; b</string></resources>",
     TL_ESYNTAX, 1, 31, "undefined entity"},
    {tl_extract_android, "<resources><string name=\"a\"><xliff:g>x</xliff:g></string></resources>",
     TL_ESYNTAX, 1, 29, "unbound prefix"},
    {tl_extract_xliff,
     "<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"1\"><source>a & b</source>", TL_ESYNTAX,
     2, 31, "not well-formed"},
    {tl_extract_xliff, "<resources/>", TL_ESYNTAX, 1, 1, "<xliff>"},
    {tl_extract_resx, "<root><data name=\"a\"><value>x</value></data></root>\n<root/>", TL_ESYNTAX,
     2, 1, "junk after document element"},
    {tl_extract_stringsdict, "<plist><dict><key>a</key></dict>", TL_ESYNTAX, 1, 33,
     "no element found"},
    {tl_extract_qtts, "<?xml version=\"1.0\"?>\n<ts version=\"2.1\"/>\n", TL_ESYNTAX, 2, 1,
     "root element must be <TS>"},
    {tl_extract_qtts,
     "<TS>\n<context><name>A</name><message><source>a<byte value=\"xZ\"/></source></message>"
     "</context></TS>",
     TL_ESYNTAX, 2, 42, "is not a number"},
    /* Entity declarations are refused, never expanded: billion laughs. */
    {tl_extract_android,
     "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
     " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
     " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n"
     "<resources><string name=\"a\">&lol3;</string></resources>\n",
     TL_ESYNTAX, 3, 2, "DTD entity `lol` is not supported"},
    /* XXE: an external entity is refused, never read. */
    {tl_extract_resx,
     "<?xml version=\"1.0\"?>\n<!DOCTYPE root [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
     "<root><data name=\"a\"><value>&xxe;</value></data></root>\n",
     TL_ESYNTAX, 2, 17, "external entity `xxe`"},
    /* A parameter entity pulling an external DTD. */
    {tl_extract_xliff,
     "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY % ext SYSTEM \"http://example.com/evil.dtd\"> "
     "%ext;]>\n"
     "<xliff/>\n",
     TL_ESYNTAX, 2, 14, "entity `%ext`"},
};

START_TEST(errors_have_positions)
{
    tl_test_doc f;
    extract(&f, errors[_i].fn, "t.xml", errors[_i].src);
    ck_assert_int_eq(f.rc, errors[_i].code);
    ck_assert_int_eq(f.err.code, errors[_i].code);
    ck_assert_msg(strstr(f.err.message, errors[_i].message) != NULL, "message: %s", f.err.message);
    ck_assert_msg(f.err.line == errors[_i].line && f.err.column == errors[_i].column,
                  "case %d: %d:%d, want %d:%d (%s)", _i, f.err.line, f.err.column, errors[_i].line,
                  errors[_i].column, f.err.message);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(nesting_is_bounded)
{
    tl_buf b = TL_BUF_INIT;
    tl_buf_puts(&b, "<resources><string name=\"a\">");
    for (int i = 0; i < 300; i++)
        tl_buf_puts(&b, "<b>");
    tl_buf_puts(&b, "deep");
    for (int i = 0; i < 300; i++)
        tl_buf_puts(&b, "</b>");
    tl_buf_puts(&b, "</string></resources>");
    tl_test_doc f;
    extract(&f, tl_extract_android, "values/strings.xml", b.data);
    ck_assert_int_eq(f.rc, TL_ELIMIT);
    ck_assert_ptr_nonnull(strstr(f.err.message, "nested"));
    tl_doc_free(&f.doc);
    tl_buf_free(&b);
}
END_TEST

START_TEST(comments_hold_directives)
{
    const char *src =
        "<resources>\n<!-- tonelint-disable-next-line cold -->\n"
        "<string name=\"a\">Your payment is received.</string>\n"
        "<!-- tonelint-disable -->\n<string name=\"b\">x</string>\n<!-- tonelint-enable -->\n"
        "</resources>\n";
    tl_test_doc f;
    extract(&f, tl_extract_android, "values/strings.xml", src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.ndirectives, 3);
    ck_assert_int_eq(f.doc.directives[0].kind, TL_DIRECTIVE_NEXT_LINE);
    ck_assert_str_eq(f.doc.directives[0].rules, "cold");
    ck_assert_uint_eq(f.doc.directives[0].offset, 12);
    ck_assert_int_eq(f.doc.directives[1].kind, TL_DIRECTIVE_DISABLE);
    ck_assert_int_eq(f.doc.directives[2].kind, TL_DIRECTIVE_ENABLE);
    tl_doc_free(&f.doc);
}
END_TEST

/* ---- Fix encoding ---- */

static const struct {
    const char *file;  /* an Android file with one string */
    const char *at;    /* the replacement starts at this text in the file */
    const char *text;  /* replacement (decoded) */
    const char *bytes; /* what must be stored */
} android_encodes[] = {
    {"<resources><string name=\"a\">We can't go</string></resources>", "go", "don't & <stop>",
     "don\\'t &amp; &lt;stop&gt;"},
    {"<resources><string name=\"a\">\"We can go\"</string></resources>", "go", "don't \"x\" \\",
     "don't \\\"x\\\" \\\\"},
    {"<resources><string name=\"a\">Sign in</string></resources>", "Sign", "@you ?", "\\@you ?"},
    {"<resources><string name=\"a\">Hi there</string></resources>", "there", "a  b\nc",
     "a \\u0020b\\nc"},
    {"<resources><string name=\"a\"><![CDATA[Hi <b>there</b>]]></string></resources>", "there",
     "you & me", "you & me"},
};

START_TEST(android_encode)
{
    const char *src = android_encodes[_i].file;
    tl_test_doc f;
    extract(&f, tl_extract_android, "values/strings.xml", src);
    ck_assert_int_eq(f.rc, 0);
    size_t at = (size_t)(strstr(src, android_encodes[_i].at) - src);
    tl_buf out = TL_BUF_INIT;
    const char *t = android_encodes[_i].text;
    ck_assert_int_eq(tl_encode_android(&out, &f.doc, &f.doc.segs[0], at, at + 1, t, strlen(t)), 0);
    ck_assert_str_eq(out.data, android_encodes[_i].bytes);
    tl_buf_free(&out);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(xml_encode)
{
    const char *src = "<root><data name=\"a\"><value>a <![CDATA[b]]> c</value></data></root>";
    tl_test_doc f;
    extract(&f, tl_extract_resx, "a.resx", src);
    ck_assert_int_eq(f.rc, 0);
    tl_buf out = TL_BUF_INIT;
    size_t a = (size_t)(strstr(src, "a <") - src), b = (size_t)(strstr(src, "b]") - src);
    ck_assert_int_eq(tl_encode_xml(&out, &f.doc, &f.doc.segs[0], a, a + 1, "x<&>'\"", 6), 0);
    ck_assert_str_eq(out.data, "x&lt;&amp;&gt;'\"");
    tl_buf_reset(&out);
    ck_assert_int_eq(tl_encode_xml(&out, &f.doc, &f.doc.segs[0], b, b + 1, "x<&", 3), 0);
    ck_assert_str_eq(out.data, "x<&");
    tl_buf_reset(&out);
    ck_assert_int_eq(tl_encode_xml(&out, &f.doc, &f.doc.segs[0], b, b + 1, "]]>", 3), TL_EUSAGE);
    tl_buf_free(&out);
    tl_doc_free(&f.doc);
}
END_TEST

/* ---- Detection ---- */

START_TEST(detection)
{
    const char *res = "<?xml version=\"1.0\"?>\n<!-- c -->\n<resources></resources>";
    const char *xlf = "<xliff version=\"2.0\"/>";
    const char *pom = "<project></project>";
    const tl_format *f = tl_format_detect("app/src/main/res/values-de/strings.xml",
                                          (const unsigned char *)res, strlen(res));
    ck_assert_str_eq(f->name, "android");
    f = tl_format_detect("strings.xml", (const unsigned char *)res, strlen(res));
    ck_assert_str_eq(f->name, "android");
    f = tl_format_detect("export.xml", (const unsigned char *)xlf, strlen(xlf));
    ck_assert_str_eq(f->name, "xliff");
    ck_assert_ptr_null(tl_format_detect("pom.xml", (const unsigned char *)pom, strlen(pom)));
    ck_assert(tl_format_is_candidate("res/values/strings.xml"));
    ck_assert(tl_format_is_candidate("values-b+sr+Latn/plurals.xml"));
    ck_assert(!tl_format_is_candidate("app/pom.xml"));
    ck_assert(!tl_format_is_candidate("res/layout/main.xml"));
    ck_assert(tl_format_is_candidate("Strings.de.resx"));
    ck_assert(tl_format_is_candidate("messages.fr.xliff"));
    ck_assert(tl_format_is_candidate("Localizable.stringsdict"));
    /* Qt Linguist shares TypeScript's suffix: the root element decides. */
    const char *ts = "<?xml version=\"1.0\"?>\n<!DOCTYPE TS>\n<TS version=\"2.1\"></TS>";
    const char *code = "export const title = '<TS>';";
    f = tl_format_detect("translations/app_de.ts", (const unsigned char *)ts, strlen(ts));
    ck_assert_str_eq(f->name, "qt-ts");
    f = tl_format_detect("src/app.ts", (const unsigned char *)code, strlen(code));
    ck_assert_str_eq(f->name, "typescript");
    f = tl_format_detect(NULL, (const unsigned char *)ts, strlen(ts));
    ck_assert_str_eq(f->name, "qt-ts");
}
END_TEST

/* ---- The corpus: every XML-format file extracts, spans are exact ---- */

static int corpus_files, corpus_segments;

static void sweep(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            sweep(path);
            continue;
        }
        FILE *fp = fopen(path, "rb");
        if (!fp) continue;
        unsigned char *bytes = malloc((size_t)st.st_size + 1);
        size_t n = fread(bytes, 1, (size_t)st.st_size, fp);
        fclose(fp);
        const tl_format *fmt = tl_format_detect(path, bytes, n);
        if (!fmt || (strcmp(fmt->name, "android") && strcmp(fmt->name, "xliff") &&
                     strcmp(fmt->name, "resx") && strcmp(fmt->name, "stringsdict") &&
                     strcmp(fmt->name, "qt-ts"))) {
            free(bytes);
            continue;
        }
        tl_test_doc f;
        tl_doc_init(&f.doc, path, bytes, n, bytes);
        tl_error_clear(&f.err);
        f.rc = fmt->extract(&f.doc, &f.err);
        ck_assert_msg(f.rc == 0, "%s:%d:%d: %s", path, f.err.line, f.err.column, f.err.message);
        ck_assert_msg(f.doc.nsegs > 0, "%s: no strings", path);
        tl_test_check_spans(&f.doc);
        corpus_files++;
        corpus_segments += (int)f.doc.nsegs;
        tl_doc_free(&f.doc);
    }
    closedir(d);
}

START_TEST(corpus_sweep)
{
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s/corpus", TL_SHARED_DIR);
    struct stat st;
    if (stat(dir, &st) != 0) return; /* no shared corpus on this machine */
    sweep(dir);
    ck_assert_int_gt(corpus_files, 0);
    ck_assert_int_gt(corpus_segments, corpus_files);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("xml");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, android_escape_layer, 0,
                        sizeof(android_cases) / sizeof(android_cases[0]));
    tcase_add_test(tc, android_source_map);
    tcase_add_test(tc, android_resources);
    tcase_add_test(tc, android_markup_and_protected);
    tcase_add_test(tc, protected_range_after_normalization);
    tcase_add_test(tc, xliff12_inline_and_translate);
    tcase_add_test(tc, xliff12_same_language_target);
    tcase_add_test(tc, xliff20_segments);
    tcase_add_test(tc, qtts_messages);
    tcase_add_test(tc, qtts_same_language);
    tcase_add_test(tc, resx_filtering);
    tcase_add_test(tc, resx_utf16);
    tcase_add_test(tc, stringsdict_keys);
    tcase_add_loop_test(tc, errors_have_positions, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, nesting_is_bounded);
    tcase_add_test(tc, comments_hold_directives);
    tcase_add_loop_test(tc, android_encode, 0,
                        sizeof(android_encodes) / sizeof(android_encodes[0]));
    tcase_add_test(tc, xml_encode);
    tcase_add_test(tc, detection);
    tcase_add_test(tc, corpus_sweep);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
