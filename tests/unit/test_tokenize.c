/* test_tokenize.c - masking, NFC normalization, sentences and words. */
#include "core/utf8.h"
#include "tokenize/view.h"
#include "tl_test.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const struct {
    const char *text;
    const char *masked;
} masks[] = {
    {"Your %s is received", "Your __ is received"},
    {"Hi %1$s, you have %2$d items", "Hi ____, you have ____ items"},
    {"Sent to %@.", "Sent to __."},
    /* Qt's numbered arguments; a number glued to a word is prose. */
    {"%1 of %L2 saved (%99)", "__ of ___ saved (___)"},
    {"Room %12B, %0 left", "Room %12B, %0 left"},
    {"%1.2f and %10d", "_____ and ____"},
    {"%(name)s paid %(amount).2f", "________ paid ____________"},
    {"Hello %{user_name}!", "Hello ____________!"},
    {"50% off today", "50% off today"},
    {"100%% sure", "100__ sure"},
    {"Hi {name}, see {0}", "Hi ______, see ___"},
    {"Hi {{name}}!", "Hi ________!"},
    {"Cost: ${price}", "Cost: ________"},
    {"<b>Click here</b> now", "   Click here     now"},
    /* A literal element is a value the reader types or reads; an unclosed
     * one is a tag like any other. */
    {"Type <code>DELETE</code> now", "Type ___________________ now"},
    {"<kbd >Ctrl</KBD > and <code>x", "_________________ and       x"},
    /* A second unclosed opener of the same name is a tag too (the first
     * search's result is kept); another name still closes. */
    {"<kbd>a <kbd>b <code>c</code>", "     a      b ______________"},
    {"Tom &amp; Jerry", "Tom       Jerry"},
    {"Visit https://example.com/click-here.", "Visit ______________________________."},
    {"Write to help@example.com today", "Write to ________________ today"},
    {"{count, plural, one {# item failed} other {# items failed}}",
     "____________________ _ item failed _______ _ items failed _"},
    {"{gender, select, female {She paid} other {They paid}}",
     "________________________ She paid _______ They paid _"},
    /* Branch braces are markup, so a branch's first word starts a word. */
    {"{n,plural,one{You failed once}other{Failed # times}}.",
     "_____________ You failed once _____ Failed _ times _."},
    {"Use {% if x %}this{% endif %} and {{ y }}", "Use           this            and _______"},
    {"Hello <%= @user.name %>, <% if a %>yes<% end %>",
     "Hello _________________,           yes         "},
    {"Ratio 3:2 and Note: this", "Ratio 3:2 and Note: this"},
    {"Run :command now", "Run ________ now"},
    {"An open { brace", "An open { brace"},
    {"{0,choice,0#no files|1#one file|1<{0} files}",
     "___________ no files _ one file _ ___ files "},
    {"There {1,choice,0#are no items|1\xE2\x89\xA4is one item} left",
     "There ___________ are no items _   is one item  left"},
    /* libGDX colour markup, glued to the text it colours; a bracketed
     * word before a space or a link is text. */
    {"[crimson]Failed to save: [accent]{0}[]", "         Failed to save:         ___  "},
    {"[#ff4d4dff]Low power", "           Low power"},
    {"Press [Enter] to send, [name], [docs](url) [x]y",
     "Press [Enter] to send, [name], [docs](url) [x]y"},
};

/* Build v, the view of text as a segment with the default syntax. */
static void build_view(tl_view *v, const char *text)
{
    tl_view_init(v);
    tl_segment seg;
    memset(&seg, 0, sizeof(seg));
    seg.text = text;
    seg.text_len = strlen(text);
    ck_assert_int_eq(tl_view_build(v, &seg, TL_SYNTAX_DEFAULT), 0);
}

START_TEST(masking)
{
    tl_view v;
    build_view(&v, masks[_i].text);
    ck_assert_uint_eq(v.masked.len, strlen(masks[_i].text));
    ck_assert_str_eq(v.masked.data, masks[_i].masked);
    tl_view_free(&v);
}
END_TEST

/* The branches of an ICU plural or select that is the whole text are kept
 * as texts of their own; a word outside it, or a select inside a branch,
 * does not make branches. */
START_TEST(icu_branches)
{
    static const struct {
        const char *text;
        size_t n;
        const char *first; /* the first branch's text */
    } cases[] = {
        {"{count, plural, one {# photo failed.} other {# photos failed.}}", 2, "# photo failed."},
        {" {g, select, female {She paid} other {They paid}}\n", 2, "She paid"},
        {"{n, plural, one {Invitation} other {Invitations}} could not be sent", 0, NULL},
        {"{n, plural, one {One} other {#}} {m, plural, one {day} other {days}}", 4, "One"},
        {"{n, plural, other {# items}}", 0, NULL},
        /* Malformed: the last branch never closes. */
        {"{n, plural, one {a} other {b}", 0, NULL},
        {"{n, plural, one {a} other {b} {m, select, x {c} other {d}}", 0, NULL},
        {"Plain text", 0, NULL},
    };
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        tl_view v;
        build_view(&v, cases[c].text);
        ck_assert_uint_eq(v.nbranches, cases[c].n);
        if (cases[c].first) {
            size_t n = v.branches[0].end - v.branches[0].start;
            ck_assert_uint_eq(n, strlen(cases[c].first));
            ck_assert(memcmp(v.norm + v.branches[0].start, cases[c].first, n) == 0);
        }
        tl_view_free(&v);
    }
}
END_TEST

START_TEST(nfc_maps_back)
{
    /* "Cafe" + combining acute, then " failed": NFC composes the e+accent. */
    const char *text = "Cafe\xCC\x81 failed";
    tl_view v;
    tl_view_init(&v);
    ck_assert_int_eq(tl_normalize(&v, text, strlen(text)), 0);
    ck_assert_str_eq(v.norm, "Caf\xC3\xA9 failed");
    size_t f = strstr(v.norm, "failed") - v.norm;
    ck_assert_uint_eq(tl_view_text_start(&v, f), (size_t)(strstr(text, "failed") - text));
    /* The composed character maps to the whole decomposed cluster. */
    size_t e = strstr(v.norm, "\xC3\xA9") - v.norm;
    ck_assert_uint_eq(tl_view_text_start(&v, e), 3);
    ck_assert_uint_eq(tl_view_text_end(&v, e + 2), 6);
    tl_view_free(&v);
}
END_TEST

START_TEST(already_nfc_is_identity)
{
    const char *text = "Caf\xC3\xA9 \xE2\x80\x94 d\xC3\xA9j\xC3\xA0 vu";
    tl_view v;
    tl_view_init(&v);
    ck_assert_int_eq(tl_normalize(&v, text, strlen(text)), 0);
    ck_assert_ptr_eq(v.norm, text);
    ck_assert_uint_eq(v.nnorm_map, 0);
    tl_view_free(&v);
}
END_TEST

/* The inert-character shortcut against utf8proc itself, over every code
 * point: an inert character is NFC alone and after "a"; it never appears
 * after the first place of the decomposition of a character NFC keeps (so
 * it is never the second of a composition); and what an inert character
 * decomposes to starts with a character that is no second either. */
static size_t encode(int32_t cp, utf8proc_uint8_t *out)
{
    return (size_t)utf8proc_encode_char(cp, out);
}

static bool nfc_is_identity(const utf8proc_uint8_t *s)
{
    utf8proc_uint8_t *n = utf8proc_NFC(s);
    bool same = n && strcmp((const char *)n, (const char *)s) == 0;
    free(n);
    return same;
}

START_TEST(inert_characters_are_nfc)
{
    static bool inert[0x110000];
    size_t ninert = 0;
    for (int32_t cp = 0; cp < 0x110000; cp++) {
        if (!utf8proc_codepoint_valid(cp)) continue;
        inert[cp] = tl_utf8_nfc_inert((uint32_t)cp);
        if (!inert[cp]) continue;
        ninert++;
        utf8proc_uint8_t buf[16];
        size_t n = encode(cp, buf);
        buf[n] = 0;
        ck_assert_msg(nfc_is_identity(buf), "U+%04X is not NFC alone", (unsigned)cp);
        utf8proc_uint8_t pair[16] = "a";
        memcpy(pair + 1, buf, n + 1);
        ck_assert_msg(nfc_is_identity(pair), "U+%04X is not NFC after 'a'", (unsigned)cp);
    }
    for (int32_t cp = 0; cp < 0x110000; cp++) {
        if (!utf8proc_codepoint_valid(cp)) continue;
        utf8proc_int32_t d[32];
        int last;
        utf8proc_ssize_t n =
            utf8proc_decompose_char(cp, d, 32, UTF8PROC_DECOMPOSE | UTF8PROC_STABLE, &last);
        if (n < 1 || n > 32 || (n == 1 && d[0] == cp)) continue;
        /* Only what NFC composes matters: a primary composite. */
        utf8proc_uint8_t buf[16];
        buf[encode(cp, buf)] = 0;
        if (!nfc_is_identity(buf)) continue;
        for (utf8proc_ssize_t k = 1; k < n; k++)
            ck_assert_msg(!inert[d[k]], "U+%04X, inert, is part %d of U+%04X's decomposition",
                          (unsigned)d[k], (int)k, (unsigned)cp);
        if (inert[cp]) {
            const utf8proc_property_t *p = utf8proc_get_property(d[0]);
            ck_assert_msg(p->comb_index == UINT16_MAX || p->comb_index < 0x8000,
                          "U+%04X decomposes to a second", (unsigned)cp);
        }
    }
    /* Most of Unicode's letters and symbols take the shortcut. */
    ck_assert_uint_gt(ninert, 250000);
}
END_TEST

START_TEST(non_inert_text_still_normalized)
{
    /* Precomposed letters take the shortcut; a combining mark, a singleton
     * (Angstrom sign) and a Hangul syllable + trailing jamo do not. */
    static const struct {
        const char *text, *nfc;
    } cases[] = {
        {"\xC3\xBC\xC3\xB6 \xD0\xB9 \xE2\x80\x99", "\xC3\xBC\xC3\xB6 \xD0\xB9 \xE2\x80\x99"},
        {"u\xCC\x88", "\xC3\xBC"},
        {"\xE2\x84\xAB", "\xC3\x85"},
        {"\xEA\xB0\x80\xE1\x86\xA8", "\xEA\xB0\x81"},
        {"\xC3\xBC\xCC\x84", "\xC7\x96"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        tl_view v;
        tl_view_init(&v);
        ck_assert_int_eq(tl_normalize(&v, cases[i].text, strlen(cases[i].text)), 0);
        ck_assert_uint_eq(v.len, strlen(cases[i].nfc));
        ck_assert_int_eq(memcmp(v.norm, cases[i].nfc, v.len), 0);
        tl_view_free(&v);
    }
}
END_TEST

static const struct {
    const char *text;
    int sentences;
} splits[] = {
    {"One. Two! Three?", 3},
    {"Pay e.g. by card. Done.", 2},
    {"Version 1.5 is out. Update now.", 2},
    {"Wait… then go", 2},
    {"Line one\n\nLine two", 2},
    {"Items:\n- one\n- two", 3},
    {"No punctuation at all", 1},
    {"She said \"stop.\" Then left.", 2},
};

START_TEST(sentences)
{
    tl_view v;
    tl_view_init(&v);
    tl_segment seg;
    memset(&seg, 0, sizeof(seg));
    seg.text = splits[_i].text;
    seg.text_len = strlen(seg.text);
    ck_assert_int_eq(tl_view_build(&v, &seg, TL_SYNTAX_DEFAULT), 0);
    ck_assert_int_eq(tl_split_sentences(&v), 0);
    ck_assert_int_eq((int)v.nsentences, splits[_i].sentences);
    tl_view_free(&v);
}
END_TEST

START_TEST(words)
{
    const char *s = "We couldn't charge your card \xE2\x80\x94 d\xC3\xA9j\xC3\xA0 vu, 42 times.";
    ck_assert_uint_eq(tl_count_words(s, 0, strlen(s)), 9);
    ck_assert_uint_eq(tl_count_words("", 0, 0), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tokenize");
    TCase *tc = tcase_create("view");
    tcase_add_loop_test(tc, masking, 0, sizeof(masks) / sizeof(masks[0]));
    tcase_add_test(tc, icu_branches);
    tcase_add_test(tc, nfc_maps_back);
    tcase_add_test(tc, already_nfc_is_identity);
    tcase_add_test(tc, inert_characters_are_nfc);
    tcase_add_test(tc, non_inert_text_still_normalized);
    tcase_add_loop_test(tc, sentences, 0, sizeof(splits) / sizeof(splits[0]));
    tcase_add_test(tc, words);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
