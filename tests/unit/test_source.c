/* test_source.c - line and column positions over stored bytes, the
 * classifier's reading of keys, contexts, paths and text, the growable
 * buffer's sticky failure, and UTF-8 and Unicode properties (core/utf8). */
#include "core/array.h"
#include "tl_test.h"
#include "core/buf.h"
#include "core/source.h"
#include "core/utf8.h"
#include "report/report.h"
#include "tokenize/classify.h"
#include "tl_test_kinds.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Positions of every byte of `bytes`, by the obvious rule: a line ends at
 * LF, CRLF (the CR belongs to the line) or a lone CR; columns count UTF-8
 * characters (a continuation byte does not start one). */
static void expect_positions(const char *bytes, size_t len)
{
    tl_source src;
    tl_source_init(&src, "t", (const unsigned char *)bytes, len);
    int line = 1, col = 1;
    for (size_t i = 0; i <= len; i++) {
        tl_position pos;
        ck_assert_int_eq(tl_source_position(&src, i, &pos), 0);
        if (i == len || ((unsigned char)bytes[i] & 0xC0) != 0x80) {
            ck_assert_msg(pos.line == line && pos.column == col,
                          "offset %zu: got %d:%d, expected %d:%d", i, pos.line, pos.column, line,
                          col);
        }
        if (i == len) break;
        if (bytes[i] == '\n' || (bytes[i] == '\r' && !(i + 1 < len && bytes[i + 1] == '\n'))) {
            line++;
            col = 1;
        } else if (((unsigned char)bytes[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    tl_source_free(&src);
}

static const char *const line_cases[] = {
    "",
    "one line",
    "a\nb\nc",
    "a\nb\n",
    "\n\n\n",
    "a\r\nb\r\nc\r\n",
    "old\rmac\rfile",
    "mixed\r\nends\rhere\nand\r",
    "\r",
    "\r\n",
    "caf\xC3\xA9\nna\xC3\xAFve\r\n\xE2\x80\x9Cquoted\xE2\x80\x9D",
};

START_TEST(lines_and_columns)
{
    const char *s = line_cases[_i];
    expect_positions(s, strlen(s));
}
END_TEST

START_TEST(utf16_lines)
{
    /* "ab\r\nc\rd\ne" in UTF-16LE and UTF-16BE, each with its BOM. */
    static const char le[] = "\xFF\xFE"
                             "a\0b\0\r\0\n\0c\0\r\0d\0\n\0e\0";
    static const char be[] = "\xFE\xFF"
                             "\0a\0b\0\r\0\n\0c\0\r\0d\0\n\0e";
    const char *files[] = {le, be};
    for (int k = 0; k < 2; k++) {
        tl_source src;
        tl_source_init(&src, "t", (const unsigned char *)files[k], sizeof(le) - 1);
        static const struct {
            size_t off;
            int line, col;
        } want[] = {{2, 1, 1}, {4, 1, 2}, {6, 1, 3}, {10, 2, 1}, {14, 3, 1}, {18, 4, 1}};
        for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
            tl_position pos;
            ck_assert_int_eq(tl_source_position(&src, want[i].off, &pos), 0);
            ck_assert_int_eq(pos.line, want[i].line);
            ck_assert_int_eq(pos.column, want[i].col);
        }
        tl_source_free(&src);
    }
}
END_TEST

/* Stored files for the way back from a line and UTF-16 column: a BOM,
 * CRLF, lone CRs, characters outside the BMP (two UTF-16 units), UTF-16. */
#define STORED(s)                                                                                  \
    {                                                                                              \
        s, sizeof(s) - 1                                                                           \
    }
static const struct {
    const char *bytes;
    size_t len;
} stored[] = {
    STORED("x\xF0\x9F\x98\x80y\r\nz\xC3\xA9"),
    STORED("\xEF\xBB\xBF"
           "a\xF0\x9F\x98\x80\rb\r\n\r\n"),
    STORED("mixed\r\nends\rhere\nand\r"),
    STORED("\xFF\xFE"
           "a\0\x3D\xD8\x00\xDE"
           "b\0\r\0\n\0c\0\r\0d\0"),
    STORED(""),
};

static unsigned unit16(const tl_source *src, size_t off)
{
    const unsigned char *b = src->bytes;
    return src->encoding == TL_ENC_UTF16LE ? (unsigned)(b[off] | b[off + 1] << 8) : b[off];
}

START_TEST(offsets_from_columns)
{
    tl_source src;
    tl_source_init(&src, "t", (const unsigned char *)stored[_i].bytes, stored[_i].len);
    size_t step = src.encoding == TL_ENC_UTF16LE ? 2 : 1;
    for (size_t off = src.bom_len; off <= src.len; off += step) {
        if (off < src.len) {
            unsigned u = unit16(&src, off);
            if (step == 1 ? (u & 0xC0) == 0x80 : u >= 0xDC00 && u <= 0xDFFF) continue;
            if (u == '\n' && off > src.bom_len && unit16(&src, off - step) == '\r') continue;
        }
        tl_position pos;
        size_t back = (size_t)-1;
        ck_assert_int_eq(tl_source_position(&src, off, &pos), 0);
        ck_assert_int_eq(
            tl_source_offset16(&src, (size_t)pos.line, (size_t)pos.column16, false, &back), 0);
        ck_assert_msg(back == off, "offset %zu -> %d:%d -> %zu", off, pos.line, pos.column16, back);
        /* Past the end of the line: its end, before the line break. */
        size_t ls, le;
        ck_assert_int_eq(tl_source_line_span(&src, pos.line, &ls, &le), 0);
        ck_assert_int_eq(tl_source_offset16(&src, (size_t)pos.line, 1000, true, &back), 0);
        ck_assert_uint_eq(back, le);
    }
    /* Past the last line: the end of the file. */
    size_t end = 0;
    ck_assert_int_eq(tl_source_offset16(&src, src.nlines + 1, 1, false, &end), 0);
    ck_assert_uint_eq(end, src.len);
    tl_source_free(&src);
}
END_TEST

START_TEST(offsets_inside_a_pair)
{
    /* Column 3 of "a😀b" is between the two halves of the pair. */
    static const char *const files[] = {"a\xF0\x9F\x98\x80"
                                        "b",
                                        "\xFF\xFE"
                                        "a\0\x3D\xD8\x00\xDE"
                                        "b\0"};
    static const size_t lens[] = {6, 10}, before[] = {1, 4}, after[] = {5, 8};
    for (int k = 0; k < 2; k++) {
        tl_source src;
        size_t off;
        tl_source_init(&src, "t", (const unsigned char *)files[k], lens[k]);
        ck_assert_int_eq(tl_source_offset16(&src, 1, 3, false, &off), 0);
        ck_assert_uint_eq(off, before[k]);
        ck_assert_int_eq(tl_source_offset16(&src, 1, 3, true, &off), 0);
        ck_assert_uint_eq(off, after[k]);
        tl_source_free(&src);
    }
}
END_TEST

static const struct {
    const char *key, *context, *path, *text;
    tl_kind kind;
    bool developer;
} kinds[] = {
    {"checkout.card_error", NULL, "en.json", "Check the card number.", TL_KIND_ERROR, false},
    {"errors.card", NULL, "en.json", "Check the card number.", TL_KIND_ERROR, false},
    {"loginFailed", NULL, "en.json", "Try again.", TL_KIND_ERROR, false},
    {"paymentFailure", NULL, "en.json", "Try again.", TL_KIND_ERROR, false},
    {"terror_level", NULL, "en.json", "Welcome back.", TL_KIND_UI, false},
    {"errorless", NULL, "en.json", "Welcome back.", TL_KIND_UI, false},
    {"ERRORS_TITLE", NULL, "en.json", "Welcome back.", TL_KIND_ERROR, false},
    {"toast.saved", NULL, "en.json", "Saved.", TL_KIND_NOTIFICATION, false},
    {NULL, "push", "app.po", "Your order shipped.", TL_KIND_NOTIFICATION, false},
    {"welcome", NULL, "app/views/user_mailer/en.yml", "Hi there.", TL_KIND_EMAIL, false},
    {"welcome", NULL, "emails/en.json", "Hi there.", TL_KIND_EMAIL, false},
    {"welcome", NULL, "src/mailbox/en.json", "Hi there.", TL_KIND_UI, false},
    {"status", NULL, "en.json", "Something went wrong.", TL_KIND_ERROR, false},
    {"status", NULL, "en.json", "We couldn\xE2\x80\x99t save it.", TL_KIND_ERROR, false},
    {"status", NULL, "en.json", "No errors today? Hmm, misinvalid.", TL_KIND_UI, false},
    {"status", NULL, "en.json", "All saved.", TL_KIND_UI, false},
    {"admin.settings.title", NULL, "en.json", "Site settings", TL_KIND_UI, true},
    {"settings.apiKey", NULL, "en.json", "Key", TL_KIND_UI, true},
    {"settings.rapid", NULL, "en.json", "Key", TL_KIND_UI, false},
    {"title", NULL, "includes/admin/en.json", "Key", TL_KIND_UI, true},
    {"webhookError", NULL, "en.json", "Delivery failed.", TL_KIND_ERROR, true},
};

/* The default pack's kind cues, loaded once. */
static const tl_kinds *pack_kinds(void)
{
    static tl_ruleset rs;
    static bool loaded;
    if (!loaded) {
        tl_ruleset_init(&rs);
        tl_test_load_kinds(&rs);
        loaded = true;
    }
    return &rs.kinds;
}

START_TEST(classify_kinds)
{
    tl_segment seg;
    memset(&seg, 0, sizeof(seg));
    seg.key = kinds[_i].key;
    seg.context = kinds[_i].context;
    seg.text = kinds[_i].text;
    seg.text_len = strlen(seg.text);
    tl_classify(pack_kinds(), &seg, kinds[_i].path);
    ck_assert_msg(seg.kind == kinds[_i].kind, "case %d (%s): kind %d, expected %d", _i,
                  kinds[_i].key ? kinds[_i].key : kinds[_i].context, (int)seg.kind,
                  (int)kinds[_i].kind);
    ck_assert_msg(!!(seg.flags & TL_SEG_DEVELOPER) == kinds[_i].developer,
                  "case %d: developer flag", _i);
}
END_TEST

START_TEST(classify_note_wins)
{
    tl_segment seg;
    memset(&seg, 0, sizeof(seg));
    seg.key = "card_error";
    seg.text = "Check the card.";
    seg.comment = "kind: Email";
    tl_classify(pack_kinds(), &seg, "en.json");
    ck_assert_int_eq(seg.kind, TL_KIND_EMAIL);
}
END_TEST

START_TEST(classify_refs)
{
    /* PO source references: developer copy only when every one is. */
    static const struct {
        const char *refs;
        bool developer;
    } cases[] = {
        {"includes/admin/class-settings.php:42", true},
        {"includes/admin/settings.php:10\nincludes/admin/tools.php:99", true},
        {"includes/admin/settings.php:10 templates/checkout.php:5", false},
        {"templates/checkout.php:5", false},
        {"src/badminton.c:3", false},
        {"app/controllers/api/v1/cards_controller.rb:12", true},
        {"", false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        tl_segment seg;
        memset(&seg, 0, sizeof(seg));
        seg.text = seg.key = "Settings saved.";
        seg.refs = cases[i].refs;
        tl_classify(pack_kinds(), &seg, "messages.po");
        ck_assert_msg(!!(seg.flags & TL_SEG_DEVELOPER) == cases[i].developer, "refs %s",
                      cases[i].refs);
    }
}
END_TEST

/* A failed append marks the buffer; later appends change nothing until a
 * reset, and detach gives no incomplete text. */
START_TEST(buf_failure_is_sticky)
{
    tl_buf b = TL_BUF_INIT;
    b.max = 16;
    ck_assert_int_eq(tl_buf_puts(&b, "0123456789"), 0);
    ck_assert_int_eq(tl_buf_failed(&b), 0);
    ck_assert_int_eq(tl_buf_puts(&b, "0123456789"), TL_ENOMEM);
    ck_assert_int_eq(tl_buf_failed(&b), TL_ENOMEM);
    /* Would fit, but the text is already incomplete. */
    ck_assert_int_eq(tl_buf_putc(&b, 'x'), TL_ENOMEM);
    ck_assert_int_eq(tl_buf_append(&b, "y", 1), TL_ENOMEM);
    ck_assert_int_eq(tl_buf_printf(&b, "%d", 7), TL_ENOMEM);
    ck_assert_str_eq(b.data, "0123456789");
    ck_assert_ptr_null(tl_buf_detach(&b));
    ck_assert_int_eq(tl_buf_failed(&b), 0);
    b.max = 16;
    ck_assert_int_eq(tl_buf_printf(&b, "%s", "0123456789abcdefgh"), TL_ENOMEM);
    ck_assert_int_eq(tl_buf_puts(&b, "z"), TL_ENOMEM);
    tl_buf_reset(&b);
    ck_assert_int_eq(tl_buf_puts(&b, "z"), 0);
    ck_assert_str_eq(b.data, "z");
    tl_buf_free(&b);
}
END_TEST

/* The one encoder writes what the one validator accepts, for every scalar
 * value; the validator refuses what is not well-formed. */
START_TEST(utf8_encode_and_validate)
{
    for (uint32_t cp = 1; cp <= 0x10FFFF; cp += cp < 0x3000 ? 1 : 97) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        char out[4];
        size_t n = tl_utf8_encode(out, cp);
        ck_assert_uint_eq(n, cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
        ck_assert_uint_eq(tl_utf8_valid((const unsigned char *)out, n), n);
        ck_assert_uint_eq(tl_utf8_seqlen((unsigned char)out[0]), n);
        ck_assert_uint_eq(tl_utf8_valid((const unsigned char *)out, n - 1), n == 1 ? 1 : 0);
    }
    ck_assert_uint_eq(tl_utf8_encode((char[4]){0}, 0x110000), 0);
    static const char *const bad[] = {
        "\xC0\xAF",         "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
        "\xF5\x80\x80\x80", "\x80",         "\xC3("};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        ck_assert_uint_eq(tl_utf8_valid((const unsigned char *)bad[i], strlen(bad[i])), 0);
    ck_assert(tl_utf8_valid_all((const unsigned char *)"caf\xC3\xA9", 5));
    ck_assert(!tl_utf8_valid_all((const unsigned char *)"caf\xC3", 4));
    ck_assert_int_eq(tl_hexval('0'), 0);
    ck_assert_int_eq(tl_hexval('f'), 15);
    ck_assert_int_eq(tl_hexval('F'), 15);
    ck_assert_int_eq(tl_hexval('g'), -1);
    ck_assert_int_eq(tl_hexval((uint32_t)(signed char)'\xE9'), -1);
}
END_TEST

/* The one decoder reads what utf8proc reads, and refuses what it refuses:
 * every sequence of one or two bytes, and every lead and second byte with
 * the third and fourth from each class a decoder tells apart, each cut at
 * every length. */
START_TEST(utf8_decode_as_utf8proc)
{
    static const unsigned char tail[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                                         0x9F, 0xA0, 0xBF, 0xC0, 0xF5, 0xFF};
    const size_t nt = sizeof(tail);
    for (uint32_t v = 0; v < 0x10000u * nt * nt; v++) {
        unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), tail[(v >> 16) % nt],
                              tail[(v >> 16) / nt]};
        for (size_t n = 1; n <= 4; n++) {
            utf8proc_int32_t want;
            utf8proc_ssize_t wlen = utf8proc_iterate(b, (utf8proc_ssize_t)n, &want);
            uint32_t cp;
            size_t len = tl_utf8_decode(b, n, &cp);
            /* Checked by hand: a passing ck_assert costs a message to the
             * runner, and there are millions. */
            bool same = wlen <= 0 ? len == 0 : len == (size_t)wlen && cp == (uint32_t)want;
            if (!same)
                ck_abort_msg("%02X %02X %02X %02X (%zu): %zu U+%04X, utf8proc %zd", b[0], b[1],
                             b[2], b[3], n, len, (unsigned)cp, (ssize_t)wlen);
        }
    }
}
END_TEST

/* A word is made of letters and decimal digits, in any script. */
START_TEST(utf8_properties)
{
    static const uint32_t alnum[] = {'a', 'Z', '7', 0xE9, 0x4E2D, 0x0663, 0x01C5, 0x02B0};
    static const uint32_t other[] = {' ', '_', '\'', '-', 0x2019, 0xFFFD, 0x0301, 0x00BD};
    for (size_t i = 0; i < sizeof(alnum) / sizeof(alnum[0]); i++)
        ck_assert_msg(tl_utf8_is_alnum(alnum[i]), "U+%04X", (unsigned)alnum[i]);
    for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
        ck_assert_msg(!tl_utf8_is_alnum(other[i]), "U+%04X", (unsigned)other[i]);
    ck_assert(tl_utf8_is_upper(0xC9) && !tl_utf8_is_lower(0xC9));
    ck_assert(tl_utf8_is_lower(0xE9) && !tl_utf8_is_upper(0xE9));
    ck_assert(!tl_utf8_is_upper('1') && !tl_utf8_is_lower('1'));
    ck_assert_uint_eq(tl_utf8_to_upper(0xE9), 0xC9);
    ck_assert_uint_eq(tl_utf8_to_upper('!'), '!');
    ck_assert_int_eq(tl_utf8_width('a'), 1);
    ck_assert_int_eq(tl_utf8_width(0x4E2D), 2);
    ck_assert_int_eq(tl_utf8_width(0x0301), 0);
    char *nfc = tl_utf8_nfc("e\xCC\x81!");
    ck_assert_str_eq(nfc, "\xC3\xA9!");
    free(nfc);
    ck_assert_ptr_null(tl_utf8_nfc("\xC3("));
}
END_TEST

START_TEST(array_grows_by_doubling)
{
    int *a = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 1000; i++) {
        if (n == cap) ck_assert_int_eq(tl_array_grow(&a, &cap, sizeof(*a), 8), 0);
        a[n++] = i;
    }
    ck_assert_uint_eq(cap, 1024);
    ck_assert_int_eq(a[999], 999);
    size_t huge = (size_t)-1 / 4;
    ck_assert_int_eq(tl_array_grow(&a, &huge, sizeof(*a), 8), TL_ENOMEM);
    ck_assert_uint_eq(huge, (size_t)-1 / 4);
    free(a);
}
END_TEST

/* In an arena the same doubling keeps every element; a capped arena
 * refuses and leaves the array as it was. */
START_TEST(array_grows_in_an_arena)
{
    tl_arena arena = TL_ARENA_INIT;
    int *a = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 1000; i++) {
        if (n == cap) ck_assert_int_eq(tl_array_grow_in(&arena, &a, &cap, sizeof(*a), 8), 0);
        a[n++] = i;
    }
    ck_assert_uint_eq(cap, 1024);
    for (int i = 0; i < 1000; i++)
        ck_assert_int_eq(a[i], i);
    arena.max = arena.total;
    int *before = a;
    ck_assert_int_eq(tl_array_grow_in(&arena, &a, &cap, sizeof(*a), 8), TL_ENOMEM);
    ck_assert_ptr_eq(a, before);
    ck_assert_uint_eq(cap, 1024);
    tl_arena_free(&arena);
}
END_TEST

static int to_buf(void *ud, const char *data, size_t len)
{
    return tl_buf_append(ud, data, len);
}

/* A reporter that cannot build its text fails the sink call, writes none
 * of that chunk, and says so in rep.failed (the command exits 2). */
START_TEST(report_checks_its_buffer_once)
{
    tl_buf out = TL_BUF_INIT;
    tl_sink sink;
    tl_report rep;
    ck_assert_int_eq(tl_report_sink(&sink, &rep, "json", (tl_output){to_buf, &out}, NULL), 0);
    ck_assert_int_eq(sink.begin_run(sink.ud), 0);
    size_t before = out.len;
    rep.buf.max = 40; /* the summary needs more */
    tl_summary sum;
    memset(&sum, 0, sizeof(sum));
    ck_assert_int_eq(sink.end_run(sink.ud, &sum), TL_ENOMEM);
    ck_assert_int_eq(rep.failed, 1);
    ck_assert_uint_eq(out.len, before);
    tl_report_free(&rep);
    tl_buf_free(&out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("source");
    TCase *tc = tcase_create("positions");
    tcase_add_loop_test(tc, lines_and_columns, 0, sizeof(line_cases) / sizeof(line_cases[0]));
    tcase_add_test(tc, utf16_lines);
    tcase_add_loop_test(tc, offsets_from_columns, 0, sizeof(stored) / sizeof(stored[0]));
    tcase_add_test(tc, offsets_inside_a_pair);
    suite_add_tcase(s, tc);
    TCase *tk = tcase_create("classify");
    tcase_add_loop_test(tk, classify_kinds, 0, sizeof(kinds) / sizeof(kinds[0]));
    tcase_add_test(tk, classify_note_wins);
    tcase_add_test(tk, classify_refs);
    suite_add_tcase(s, tk);
    TCase *tb = tcase_create("buffers");
    tcase_add_test(tb, buf_failure_is_sticky);
    tcase_add_test(tb, report_checks_its_buffer_once);
    tcase_add_test(tb, utf8_encode_and_validate);
    tcase_add_test(tb, utf8_decode_as_utf8proc);
    tcase_add_test(tb, utf8_properties);
    tcase_add_test(tb, array_grows_by_doubling);
    tcase_add_test(tb, array_grows_in_an_arena);
    suite_add_tcase(s, tb);
    return tl_test_run(s);
}
