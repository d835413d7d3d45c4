/* test_strings.c - the Apple .strings extractor: entries, escapes and their
 * source maps, UTF-16 positions, genstrings keys, comments, errors with
 * positions, the fix encoder. */
#include "extract/format.h"
#include "tl_test_doc.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

typedef struct fixture {
    tl_doc doc;
    tl_error err;
    int rc;
    unsigned char *bytes;
} fixture;

static void extract_n(fixture *f, const char *path, const void *src, size_t len)
{
    f->bytes = malloc(len + 1);
    memcpy(f->bytes, src, len);
    tl_doc_init(&f->doc, path, f->bytes, len, f->bytes);
    f->doc.lang = tl_lang_from_path(&f->doc.arena, path);
    tl_error_clear(&f->err);
    f->rc = tl_extract_strings(&f->doc, &f->err);
}

static void extract(fixture *f, const char *src)
{
    extract_n(f, "App/en.lproj/Localizable.strings", src, strlen(src));
}

/* UTF-16 with a BOM from ASCII/UTF-8 text (BMP and astral characters). */
static size_t to_utf16(unsigned char *out, const char *s, bool le)
{
    size_t n = 0;
    out[n++] = le ? 0xFF : 0xFE;
    out[n++] = le ? 0xFE : 0xFF;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        if (*p < 0x80) {
            cp = *p++;
        } else if (*p < 0xE0) {
            cp = (p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu);
            p += 2;
        } else if (*p < 0xF0) {
            cp = (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
            p += 3;
        } else {
            cp = (p[0] & 0x07u) << 18 | (p[1] & 0x3Fu) << 12 | (p[2] & 0x3Fu) << 6 | (p[3] & 0x3Fu);
            p += 4;
        }
        unsigned u[2];
        size_t k = 1;
        if (cp >= 0x10000) {
            u[0] = 0xD800 + ((cp - 0x10000) >> 10);
            u[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            k = 2;
        } else {
            u[0] = cp;
        }
        for (size_t i = 0; i < k; i++) {
            out[n++] = (unsigned char)(le ? u[i] & 0xFF : u[i] >> 8);
            out[n++] = (unsigned char)(le ? u[i] >> 8 : u[i] & 0xFF);
        }
    }
    return n;
}

static const struct {
    const char *src;
    const char *key;
    const char *text;
} entries[] = {
    {"\"a\" = \"b\";", "a", "b"},
    {"\"a\"=\"b\";\n", "a", "b"},
    {"'a' = 'it\\'s';", "a", "it's"},
    {"key = value;", "key", "value"},
    {"a.b/c:d-e$_1 = \"x\";", "a.b/c:d-e$_1", "x"},
    {"\"a\" = \"l1\\nl2\\t\\\"q\\\" \\\\\";", "a", "l1\nl2\t\"q\" \\"},
    {"\"a\" = \"caf\\U00e9 \\U00E9\";", "a", "caf\xC3\xA9 \xC3\xA9"},
    {"\"a\" = \"\\UD83D\\UDE00!\";", "a", "\xF0\x9F\x98\x80!"},
    {"\"a\" = \"no \\u00e9 here\";", "a", "no u00e9 here"},
    {"\"a\" = \"\\101\\102 \\341\";", "a", "AB \xC3\x86"},
    {"\"a\" = \"two\nlines\";", "a", "two\nlines"},
    {"/* c */ \"a\" /* c */ = // c\n \"b\" /* c */ ;", "a", "b"},
    {"\"a\" = \"what./*happens*/.here\";", "a", "what./*happens*/.here"},
    {"\xEF\xBB\xBF\"a\" = \"b\";", "a", "b"},
};

START_TEST(entry_table)
{
    fixture f;
    extract(&f, entries[_i].src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    ck_assert_str_eq(f.doc.segs[0].key, entries[_i].key);
    ck_assert_str_eq(f.doc.segs[0].text, entries[_i].text);
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(escapes_are_atomic)
{
    fixture f;
    const char *src = "\"k\" = \"A \\\"cool\\\" caf\\U00e9\";\n";
    extract(&f, src);
    ck_assert_int_eq(f.rc, 0);
    const tl_segment *s = &f.doc.segs[0];
    size_t e = (size_t)(strstr(s->text, "\xC3\xA9") - s->text);
    size_t rs = tl_segment_raw_start(s, e), re = tl_segment_raw_end(s, e + 2);
    ck_assert_uint_eq(re - rs, 6);
    ck_assert_mem_eq(src + rs, "\\U00e9", 6);
    size_t q = (size_t)(strchr(s->text, '"') - s->text);
    ck_assert_uint_eq(tl_segment_raw_end(s, q + 1) - tl_segment_raw_start(s, q), 2);
    tl_doc_free(&f.doc);
}
END_TEST

static void utf16_case(bool le)
{
    fixture f;
    unsigned char buf[256];
    /* Line 2 holds the value after an astral character in the key. */
    size_t n = to_utf16(buf, "/* c */\n\"k\xF0\x9F\x98\x80\" = \"Caf\xC3\xA9 \\n ok\";\n", le);
    extract_n(&f, "App/en.lproj/Localizable.strings", buf, n);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->key, "k\xF0\x9F\x98\x80");
    ck_assert_str_eq(s->text, "Caf\xC3\xA9\x20\n ok");
    ck_assert(s->flags & TL_SEG_UTF16);
    tl_test_check_spans(&f.doc);
    /* Every character is atomic over its stored units: 'C' is 2 bytes,
     * the \n escape 4 bytes. */
    ck_assert_uint_eq(tl_segment_raw_end(s, 1) - tl_segment_raw_start(s, 0), 2);
    size_t nl = (size_t)(strchr(s->text, '\n') - s->text);
    ck_assert_uint_eq(tl_segment_raw_end(s, nl + 1) - tl_segment_raw_start(s, nl), 4);
    /* Column in characters: `"k😀" = "` is 8 characters, so the value is column 9. */
    tl_position pos;
    ck_assert_int_eq(tl_source_position(&f.doc.src, s->raw_start, &pos), 0);
    ck_assert_int_eq(pos.line, 2);
    ck_assert_int_eq(pos.column, 9);
    ck_assert_int_eq(pos.column16, 10);
    /* The encoder writes UTF-16 in the file's byte order. */
    tl_buf out = TL_BUF_INIT;
    ck_assert_int_eq(tl_encode_strings(&out, &f.doc, s, s->raw_start, s->raw_end, "a\"\xC3\xA9", 4),
                     0);
    ck_assert_uint_eq(out.len, 8);
    const unsigned char *o = (const unsigned char *)out.data;
    unsigned first = le ? (unsigned)(o[0] | o[1] << 8) : (unsigned)(o[0] << 8 | o[1]);
    unsigned last = le ? (unsigned)(o[6] | o[7] << 8) : (unsigned)(o[6] << 8 | o[7]);
    ck_assert_uint_eq(first, 'a');
    ck_assert_uint_eq(last, 0xE9);
    tl_buf_free(&out);
    tl_doc_free(&f.doc);
}

START_TEST(utf16le)
{
    utf16_case(true);
}
END_TEST

START_TEST(utf16be)
{
    utf16_case(false);
}
END_TEST

START_TEST(genstrings_keys)
{
    fixture f;
    extract(&f, "\"Save\" = \"Save\";\n\"Title\";\n\"Log in\" = \"Sign in\";\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 3);
    ck_assert(f.doc.segs[0].flags & TL_SEG_EXTRACTED);
    ck_assert_str_eq(f.doc.segs[1].text, "Title");
    ck_assert(f.doc.segs[1].flags & TL_SEG_EXTRACTED);
    /* In en.lproj the value is the source of truth; the key is not linted. */
    ck_assert_str_eq(f.doc.segs[2].text, "Sign in");
    ck_assert(!(f.doc.segs[2].flags & TL_SEG_EXTRACTED));
    tl_doc_free(&f.doc);
    /* In a translation, a prose key is the English source text. */
    const char *de = "\"Your payment is received\" = \"Zahlung erhalten\";\n\"btn.ok\" = \"OK\";\n";
    extract_n(&f, "App/de.lproj/Localizable.strings", de, strlen(de));
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 3);
    ck_assert_str_eq(f.doc.segs[0].text, "Your payment is received");
    ck_assert_str_eq(f.doc.segs[0].lang, "en");
    ck_assert(f.doc.segs[0].flags & TL_SEG_EXTRACTED);
    ck_assert_str_eq(f.doc.segs[1].text, "Zahlung erhalten");
    ck_assert_ptr_eq(f.doc.segs[1].lang, f.doc.lang);
    ck_assert_str_eq(f.doc.segs[2].key, "btn.ok");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(comments_hold_directives)
{
    fixture f;
    extract(&f, "/* tonelint-disable-next-line cold */\n\"a\" = \"b\";\n// tonelint-disable\n\"c\" "
                "= \"d\";\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.ndirectives, 2);
    ck_assert_int_eq(f.doc.directives[0].kind, TL_DIRECTIVE_NEXT_LINE);
    ck_assert_str_eq(f.doc.directives[0].rules, "cold");
    ck_assert_int_eq(f.doc.directives[1].kind, TL_DIRECTIVE_DISABLE);
    tl_doc_free(&f.doc);
}
END_TEST

static const struct {
    const char *src;
    int line, column;
    const char *message;
} errors[] = {
    {"\"a\" = \"b\"\n\"c\" = \"d\";", 1, 10, "missing `;`"},
    {"\"a\" = \"b\";\n\"c\" = \"d", 2, 7, "unterminated string"},
    {"\"a\" = \"b\";\n/* open", 2, 1, "unterminated comment"},
    {"\"a\" = ;", 1, 7, "expected a quoted string"},
    {"\"a\" \"b\";", 1, 5, "expected `=` or `;`"},
    {"\"a\" = ", 1, 7, "expected a value"},
    {"= \"b\";", 1, 1, "expected a quoted string"},
};

START_TEST(errors_have_positions)
{
    fixture f;
    extract(&f, errors[_i].src);
    ck_assert_int_eq(f.rc, TL_ESYNTAX);
    ck_assert_int_eq(f.err.line, errors[_i].line);
    ck_assert_int_eq(f.err.column, errors[_i].column);
    ck_assert_ptr_nonnull(strstr(f.err.message, errors[_i].message));
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(encoder_utf8)
{
    fixture f;
    extract(&f, "\"a\" = \"x\";\n'b' = 'y';\nc = z;\n");
    ck_assert_int_eq(f.rc, 0);
    tl_buf out = TL_BUF_INIT;
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_int_eq(
        tl_encode_strings(&out, &f.doc, s, s->raw_start, s->raw_end, "say \"hi\"\\'\n", 11), 0);
    ck_assert_str_eq(out.data, "say \\\"hi\\\"\\\\'\\n");
    tl_buf_reset(&out);
    s = &f.doc.segs[1];
    ck_assert_int_eq(tl_encode_strings(&out, &f.doc, s, s->raw_start, s->raw_end, "it's", 4), 0);
    ck_assert_str_eq(out.data, "it\\'s");
    tl_buf_reset(&out);
    s = &f.doc.segs[2];
    ck_assert_int_eq(tl_encode_strings(&out, &f.doc, s, s->raw_start, s->raw_end, "two words", 9),
                     TL_EUSAGE);
    tl_buf_free(&out);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(format_detection)
{
    ck_assert_str_eq(tl_format_detect("x/en.lproj/Localizable.strings", NULL, 0)->name, "strings");
    const char *src = "/* Title */\n\"title\" = \"Billing\";\n\"error\" = \"Card declined\";\n";
    const tl_format *f = tl_format_detect(NULL, (const unsigned char *)src, strlen(src));
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->name, "strings");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("strings");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, entry_table, 0, sizeof(entries) / sizeof(entries[0]));
    tcase_add_test(tc, escapes_are_atomic);
    tcase_add_test(tc, utf16le);
    tcase_add_test(tc, utf16be);
    tcase_add_test(tc, genstrings_keys);
    tcase_add_test(tc, comments_hold_directives);
    tcase_add_loop_test(tc, errors_have_positions, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, encoder_utf8);
    tcase_add_test(tc, format_detection);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
