/* test_lsp.c - the language server's parts below JSON: message framing
 * with its limits, UTF-16 positions and incremental text changes, file URIs,
 * and the per-segment cache (its results must equal a fresh lint). */
#include "lsp/documents.h"
#include "tl_test.h"
#include "lsp/jsonrpc.h"
#include "lsp/relint.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Framing ------------------------------------------------------------ */

typedef struct feed {
    const char *data;
    size_t len, pos, chunk; /* chunk: bytes per read (0: all) */
} feed;

static ssize_t feed_read(void *ud, void *buf, size_t n)
{
    feed *f = ud;
    size_t k = f->len - f->pos;
    if (f->chunk && k > f->chunk) k = f->chunk;
    if (k > n) k = n;
    memcpy(buf, f->data + f->pos, k);
    f->pos += k;
    return (ssize_t)k;
}

/* Expected results, in order; the list ends with the end of input (0). */
typedef struct expect {
    int rc;
    const char *body; /* for rc == 1 */
} expect;

typedef struct frame_case {
    const char *name;
    const char *input;
    size_t max_header, max_body; /* 0: default */
    expect want[4];
    size_t junk;
} frame_case;

static const frame_case frame_cases[] = {
    {"one message", "Content-Length: 2\r\n\r\n{}", 0, 0, {{1, "{}"}, {0, NULL}}, 0},
    {"two messages",
     "Content-Length: 2\r\n\r\n{}Content-Length: 3\r\n\r\n[1]",
     0,
     0,
     {{1, "{}"}, {1, "[1]"}, {0, NULL}},
     0},
    {"bare LF, lower case", "content-length: 2\n\n{}", 0, 0, {{1, "{}"}, {0, NULL}}, 0},
    {"content type",
     "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}",
     0,
     0,
     {{1, "{}"}, {0, NULL}},
     0},
    {"spaces around the value", "Content-Length:   2  \r\n\r\n{}", 0, 0, {{1, "{}"}, {0, NULL}}, 0},
    {"empty body", "Content-Length: 0\r\n\r\n", 0, 0, {{1, ""}, {0, NULL}}, 0},
    {"blank lines between",
     "\r\n\r\nContent-Length: 2\r\n\r\n{}\r\n",
     0,
     0,
     {{1, "{}"}, {0, NULL}},
     0},
    {"junk line before", "garbage\r\nContent-Length: 2\r\n\r\n{}", 0, 0, {{1, "{}"}, {0, NULL}}, 7},
    {"junk glued to a header", "xx}Content-Length: 2\r\n\r\n{}", 0, 0, {{1, "{}"}, {0, NULL}}, 3},
    {"no Content-Length",
     "Content-Type: x\r\n\r\n{}Content-Length: 2\r\n\r\n[]",
     0,
     0,
     {{TL_ESYNTAX, NULL}, {1, "[]"}, {0, NULL}},
     2},
    {"not a number",
     "Content-Length: 1x\r\n\r\nContent-Length: 2\r\n\r\n[]",
     0,
     0,
     {{TL_ESYNTAX, NULL}, {1, "[]"}, {0, NULL}},
     0},
    {"number overflows",
     "Content-Length: 99999999999999999999999\r\n\r\n",
     0,
     0,
     {{TL_ESYNTAX, NULL}, {0, NULL}},
     0},
    {"body over the limit",
     "Content-Length: 10\r\n\r\n0123456789Content-Length: 2\r\n\r\n{}",
     0,
     4,
     {{TL_ELIMIT, NULL}, {1, "{}"}, {0, NULL}},
     0},
    {"header over the limit",
     "X-Long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
     "Content-Length: 2\r\n\r\n{}Content-Length: 2\r\n\r\n[]",
     48,
     0,
     {{TL_ELIMIT, NULL}, {1, "[]"}, {0, NULL}},
     0},
    {"one endless line",
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     16,
     0,
     {{0, NULL}},
     0},
    {"cut short", "Content-Length: 10\r\n\r\n{}", 0, 0, {{0, NULL}}, 0},
    {"over 64 MiB, refused before its body",
     "Content-Length: 67108865\r\n\r\n",
     0,
     0,
     {{TL_ELIMIT, NULL}, {0, NULL}},
     0},
};

static void run_frames(const frame_case *c, size_t chunk)
{
    feed f = {c->input, strlen(c->input), 0, chunk};
    tl_rpc_reader *r = malloc(sizeof(*r));
    ck_assert_ptr_nonnull(r);
    tl_rpc_reader_init(r, feed_read, &f);
    if (c->max_header) r->max_header = c->max_header;
    if (c->max_body) r->max_body = c->max_body;
    tl_buf body = TL_BUF_INIT;
    for (int i = 0;; i++) {
        tl_error err;
        tl_error_clear(&err);
        int rc = tl_rpc_read(r, &body, &err);
        ck_assert_msg(rc == c->want[i].rc, "%s (chunk %zu) #%d: rc %d, want %d (%s)", c->name,
                      chunk, i, rc, c->want[i].rc, err.message);
        if (rc == 1)
            ck_assert_msg(body.len == strlen(c->want[i].body) &&
                              memcmp(body.data, c->want[i].body, body.len) == 0,
                          "%s: body %.*s", c->name, (int)body.len, body.data);
        if (rc < 0) ck_assert_msg(err.message[0], "%s: no error message", c->name);
        if (rc == 0) break;
    }
    ck_assert_msg(r->junk == c->junk, "%s: junk %zu, want %zu", c->name, r->junk, c->junk);
    tl_buf_free(&body);
    tl_rpc_reader_free(r);
    free(r);
}

START_TEST(test_framing)
{
    const frame_case *c = &frame_cases[_i];
    run_frames(c, 0);
    run_frames(c, 1); /* byte by byte: every boundary falls between reads */
    run_frames(c, 7);
}
END_TEST

static int buf_write(void *ud, const void *data, size_t len)
{
    return tl_buf_append(ud, data, len);
}

START_TEST(test_write)
{
    tl_buf out = TL_BUF_INIT;
    ck_assert_int_eq(tl_rpc_write(buf_write, &out, "{\"a\":\"é\"}", 10), 0);
    ck_assert_str_eq(out.data, "Content-Length: 10\r\n\r\n{\"a\":\"é\"}");
    tl_buf_free(&out);
}
END_TEST

/* ---- Text, positions, changes ------------------------------------------ */

/* Compare the line table kept edit by edit with one the library builds
 * from scratch. */
static void check_lines(const tl_lsp_text *t)
{
    tl_source fresh;
    ck_assert_int_eq(
        tl_source_init_text(&fresh, "x", (const unsigned char *)t->text.data, t->text.len), 0);
    ck_assert_uint_eq(t->src.nlines, fresh.nlines);
    for (size_t i = 0; i < t->src.nlines; i++)
        ck_assert_msg(t->src.line_starts[i] == fresh.line_starts[i],
                      "line %zu starts at %zu, want %zu", i, t->src.line_starts[i],
                      fresh.line_starts[i]);
    tl_source_free(&fresh);
}

typedef struct edit_case {
    const char *name;
    const char *before;
    size_t sl, sc, el, ec; /* range, LSP-style */
    const char *text;
    const char *after;
} edit_case;

static const edit_case edit_cases[] = {
    {"replace a word", "hello world", 0, 6, 0, 11, "there", "hello there"},
    {"after a non-BMP character",
     "a\xF0\x9F\x98\x80"
     "b",
     0, 3, 0, 4, "X", "a\xF0\x9F\x98\x80X"},
    {"BMP characters count one",
     "\xC3\xA9\xE2\x82\xAC"
     "x",
     0, 2, 0, 3, "y",
     "\xC3\xA9\xE2\x82\xAC"
     "y"},
    {"insert inside a pair rounds down",
     "a\xF0\x9F\x98\x80"
     "b",
     0, 2, 0, 2, "X",
     "aX\xF0\x9F\x98\x80"
     "b"},
    {"range inside a pair rounds out",
     "a\xF0\x9F\x98\x80"
     "b",
     0, 2, 0, 2 + 1, "", "ab"},
    {"second CRLF line", "l1\r\nl2\r\nl3", 1, 0, 1, 2, "X", "l1\r\nX\r\nl3"},
    {"lone CR lines", "l1\rl2\rl3", 2, 0, 2, 2, "X", "l1\rl2\rX"},
    {"past the end of a line", "ab\ncd", 0, 100, 0, 100, "!", "ab!\ncd"},
    {"past the last line", "ab\ncd", 9, 0, 9, 0, "!", "ab\ncd!"},
    {"join three lines", "a\nb\nc", 0, 1, 2, 0, "", "ac"},
    {"insert line breaks", "ab", 0, 1, 0, 1, "\n\r\n\r", "a\n\r\n\rb"},
    {"LF after a lone CR makes CRLF", "a\rb", 1, 0, 1, 0, "\n", "a\r\nb"},
    {"split a CRLF", "a\r\nb", 0, 1, 1, 0, "\r", "a\rb"},
    {"reversed range", "hello world", 0, 11, 0, 6, "there", "hello there"},
    {"into an empty text", "", 0, 0, 0, 0, "x\ny", "x\ny"},
    {"delete everything", "x\ny\n", 0, 0, 2, 0, "", ""},
};

START_TEST(test_apply)
{
    const edit_case *c = &edit_cases[_i];
    tl_lsp_text t;
    tl_lsp_text_init(&t);
    ck_assert_int_eq(tl_lsp_text_set(&t, c->before, strlen(c->before)), 0);
    ck_assert_uint_eq(t.src.caplines, t.src.nlines); /* a whole text: no room to spare */
    tl_lsp_range r = {{c->sl, c->sc}, {c->el, c->ec}};
    ck_assert_int_eq(tl_lsp_text_apply(&t, &r, c->text, strlen(c->text)), 0);
    ck_assert_msg(t.text.len == strlen(c->after) && memcmp(t.text.data, c->after, t.text.len) == 0,
                  "%s: got \"%s\"", c->name, t.text.data);
    check_lines(&t);
    tl_lsp_text_free(&t);
}
END_TEST

START_TEST(test_positions)
{
    /* "x😀y\r\nzé" : y is 5 bytes in, 3 UTF-16 units; z starts line 1. */
    const char *s = "x\xF0\x9F\x98\x80y\r\nz\xC3\xA9";
    tl_lsp_text t;
    tl_lsp_text_init(&t);
    ck_assert_int_eq(tl_lsp_text_set(&t, s, strlen(s)), 0);
    static const struct {
        size_t off, line, ch;
    } table[] = {{0, 0, 0}, {1, 0, 1}, {5, 0, 3}, {6, 0, 4}, {8, 1, 0}, {9, 1, 1}, {11, 1, 2}};
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        tl_lsp_pos p = tl_lsp_text_position(&t, table[i].off);
        ck_assert_uint_eq(p.line, table[i].line);
        ck_assert_uint_eq(p.character, table[i].ch);
        tl_lsp_pos q = {table[i].line, table[i].ch};
        ck_assert_uint_eq(tl_lsp_text_offset(&t, q, false), table[i].off);
    }
    /* Inside the surrogate pair: down to the character, or past it. */
    tl_lsp_pos mid = {0, 2};
    ck_assert_uint_eq(tl_lsp_text_offset(&t, mid, false), 1);
    ck_assert_uint_eq(tl_lsp_text_offset(&t, mid, true), 5);
    /* Past the end of line 0: before its CRLF. */
    tl_lsp_pos far = {0, 99};
    ck_assert_uint_eq(tl_lsp_text_offset(&t, far, false), 6);
    tl_lsp_text_free(&t);
}
END_TEST

/* Random edits with line breaks of every kind and non-BMP characters: the
 * incrementally kept line table always equals a rebuilt one, and positions
 * of every character boundary survive the round trip. */
START_TEST(test_random_edits)
{
    static const char *const pieces[] = {
        "a", "bc", "\n", "\r", "\r\n", "\xF0\x9F\x98\x80", "\xC3\xA9", "\xE2\x82\xAC", ""};
    const size_t np = sizeof(pieces) / sizeof(pieces[0]);
    unsigned seed = 12345;
#define RND() (seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff)
    tl_lsp_text t;
    tl_lsp_text_init(&t);
    ck_assert_int_eq(tl_lsp_text_set(&t, "", 0), 0);
    for (int round = 0; round < 3000; round++) {
        tl_lsp_range r;
        r.start.line = RND() % (t.src.nlines + 1);
        r.start.character = RND() % 6;
        r.end = r.start;
        if (RND() % 2) {
            r.end.line += RND() % 3;
            r.end.character = RND() % 6;
        }
        char ins[32] = "";
        for (unsigned k = RND() % 4; k > 0; k--)
            strcat(ins, pieces[RND() % np]);
        ck_assert_int_eq(tl_lsp_text_apply(&t, &r, ins, strlen(ins)), 0);
        check_lines(&t);
        if (t.text.len > 400) {
            tl_lsp_range all = {{0, 0}, {t.src.nlines, 0}};
            ck_assert_int_eq(tl_lsp_text_apply(&t, &all, "", 0), 0);
            ck_assert_uint_eq(t.text.len, 0);
        }
    }
    /* Round trip at every character start. */
    for (size_t off = 0; off <= t.text.len; off++) {
        if (off < t.text.len && ((unsigned char)t.text.data[off] & 0xC0) == 0x80) continue;
        if (off && t.text.data[off - 1] == '\r' && off < t.text.len && t.text.data[off] == '\n')
            continue; /* between CR and LF: not a place a position can name */
        tl_lsp_pos p = tl_lsp_text_position(&t, off);
        ck_assert_uint_eq(tl_lsp_text_offset(&t, p, false), off);
    }
#undef RND
    tl_lsp_text_free(&t);
}
END_TEST

typedef struct uri_case {
    const char *uri, *path;
} uri_case;

static const uri_case uri_cases[] = {
    {"file:///tmp/a%20b.po", "/tmp/a b.po"},
    {"file://localhost/etc/app.po", "/etc/app.po"},
    {"file:///c%3A/work/app.po", "c:/work/app.po"},
    {"file:///C:/work/app.po", "C:/work/app.po"},
    {"file:///tmp/%E2%82%AC.po", "/tmp/\xE2\x82\xAC.po"},
    {"file:///tmp/x.po?query#frag", "/tmp/x.po"},
    {"file:///tmp/a%00b%zz%4", "/tmp/a%00b%zz%4"},
    {"untitled:messages%2Epo", "untitled:messages.po"},
};

START_TEST(test_uri)
{
    char *p = tl_lsp_uri_to_path(uri_cases[_i].uri);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p, uri_cases[_i].path);
    free(p);
}
END_TEST

/* ---- The cache ---------------------------------------------------------- */

static tl_linter L;
static bool have_rules;

static void setup_rules(void)
{
    tl_linter_init(&L);
    tl_error err;
    tl_error_clear(&err);
    have_rules = tl_ruleset_load_dir(&L.rules, TL_SOURCE_DIR "/rules", NULL, &err) == 0 &&
                 tl_linter_prepare(&L, &err) == 0;
    ck_assert_msg(have_rules, "rules: %s", err.message);
}

static void teardown_rules(void)
{
    tl_linter_free(&L);
}

static const char *const strings[] = {
    "You failed to enter a valid card number.",
    "Thanks — your payment came through.",
    "We apologize for any inconvenience.",
    "Please utilize the form below.",
    "Save changes",
    "\xF0\x9F\x98\x80 Your payment is received.",
    "Invalid input. Contact your administrator.",
    "Show more",
    "Your order \xF0\x9F\x98\x80 has been processed and shipped to the caf\xC3\xA9 address you "
    "gave us "
    "when you checked out, and we will send you another e-mail with the tracking number as soon "
    "as the carrier picks it up from our warehouse next week, probably on Tuesday.",
    "A \\\"quoted\\\" word\\tand a tab: the request has been processed.",
};

/* A PO catalog of n entries; entry `changed` gets `repl` instead; `extra`
 * blank lines go before it (to move everything after it). */
static char *catalog(size_t n, size_t changed, const char *repl, int extra)
{
    tl_buf b = TL_BUF_INIT;
    tl_buf_puts(&b, "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n");
    for (size_t i = 0; i < n; i++) {
        if (i == changed)
            for (int k = 0; k < extra; k++)
                tl_buf_puts(&b, "\n");
        const char *s =
            i == changed && repl ? repl : strings[i % (sizeof(strings) / sizeof(strings[0]))];
        tl_buf_printf(&b, "#: src/view%zu.c:%zu\n", i % 5, i);
        if (i % 7 == 3) tl_buf_printf(&b, "msgctxt \"error.%zu\"\n", i);
        tl_buf_printf(&b, "msgid \"%s\"\nmsgstr \"\"\n\n", s);
    }
    return tl_buf_detach(&b);
}

/* The cache's result equals a fresh lint of the same text. */
static void check_same_as_fresh_at(const tl_lsp_lint *lt, const char *path, const char *text)
{
    tl_doc d;
    tl_doc_init(&d, path, (const unsigned char *)text, strlen(text), NULL);
    tl_findings fs = {0};
    tl_error err;
    tl_error_clear(&err);
    ck_assert_int_eq(tl_lint_doc(&L, &d, NULL, &fs, &err), 0);
    ck_assert_uint_eq(lt->findings.n, fs.n);
    for (size_t i = 0; i < fs.n; i++) {
        const tl_finding *a = &lt->findings.items[i], *b = &fs.items[i];
        ck_assert_ptr_eq(a->rule, b->rule);
        ck_assert_int_eq(a->severity, b->severity);
        ck_assert_uint_eq(a->offset, b->offset);
        ck_assert_uint_eq(a->length, b->length);
        ck_assert_uint_eq(a->text_start, b->text_start);
        ck_assert_uint_eq(a->text_end, b->text_end);
        ck_assert_int_eq(a->start.line, b->start.line);
        ck_assert_int_eq(a->start.column, b->start.column);
        ck_assert_int_eq(a->start.column16, b->start.column16);
        ck_assert_int_eq(a->end.line, b->end.line);
        ck_assert_int_eq(a->end.column16, b->end.column16);
        ck_assert_str_eq(a->message, b->message);
        ck_assert_str_eq(a->match, b->match);
        ck_assert_uint_eq(a->nsuggestions, b->nsuggestions);
        for (size_t k = 0; k < a->nsuggestions; k++)
            ck_assert_str_eq(a->suggestions[k], b->suggestions[k]);
        ck_assert_int_eq(a->fixable, b->fixable);
        ck_assert_int_eq(a->seg->kind, b->seg->kind);
        ck_assert_uint_eq(a->seg->flags, b->seg->flags);
    }
    /* Every segment's journey moment, found or not. */
    ck_assert_uint_eq(lt->doc.nsegs, d.nsegs);
    for (size_t i = 0; i < d.nsegs; i++) {
        ck_assert_uint_eq(lt->doc.segs[i].moment_bit, d.segs[i].moment_bit);
        ck_assert_ptr_eq(lt->doc.segs[i].moment, d.segs[i].moment);
    }
    tl_findings_free(&fs);
    tl_doc_free(&d);
}

static void check_same_as_fresh(const tl_lsp_lint *lt, const char *text)
{
    check_same_as_fresh_at(lt, "app.pot", text);
}

/* Lint through the cache, with the line table given the way the server
 * gives it. */
static void relint_at(tl_lsp_lint *lt, tl_lsp_text *t, const char *path, const char *text)
{
    ck_assert_int_eq(tl_lsp_text_set(t, text, strlen(text)), 0);
    ck_assert_int_eq(tl_lsp_lint_run(lt, &L, path, NULL, t->text.data, t->text.len,
                                     t->src.line_starts, t->src.nlines),
                     0);
}

static void relint(tl_lsp_lint *lt, tl_lsp_text *t, const char *text)
{
    relint_at(lt, t, "app.pot", text);
}

START_TEST(test_cache)
{
    const size_t n = 200;
    tl_lsp_lint lt;
    tl_lsp_lint_init(&lt);
    tl_lsp_text t;
    tl_lsp_text_init(&t);

    char *v1 = catalog(n, SIZE_MAX, NULL, 0);
    relint(&lt, &t, v1);
    ck_assert_int_eq(lt.err.code, 0);
    ck_assert_uint_gt(lt.findings.n, 0);
    check_same_as_fresh(&lt, v1);
    ck_assert_uint_eq(lt.cache.misses, lt.doc.nsegs - lt.doc.skipped);
    ck_assert_uint_eq(lt.cache.hits, 0);

    /* The same text again: nothing is matched. */
    relint(&lt, &t, v1);
    ck_assert_uint_eq(lt.cache.misses, 0);
    check_same_as_fresh(&lt, v1);

    /* One string changed to a new one: one segment is matched. */
    char *v2 = catalog(n, 100, "Your account will be terminated.", 0);
    relint(&lt, &t, v2);
    ck_assert_uint_eq(lt.cache.misses, 1);
    check_same_as_fresh(&lt, v2);

    /* Lines inserted before a changed string: the cached findings after it
     * move. Entry 100 is back to its first text (an undo), whose result is
     * still cached. */
    char *v3 = catalog(n, 50, "You failed to log in.", 3);
    relint(&lt, &t, v3);
    ck_assert_uint_eq(lt.cache.misses, 1);
    check_same_as_fresh(&lt, v3);

    /* A text that does not parse keeps the cache for when it parses again. */
    size_t kept = lt.cache.count;
    relint(&lt, &t, "msgid \"unclosed\nmsgstr \"\"\n");
    ck_assert_int_ne(lt.err.code, 0);
    ck_assert_uint_eq(lt.findings.n, 0);
    ck_assert_uint_eq(lt.cache.count, kept);
    relint(&lt, &t, v3);
    ck_assert_int_eq(lt.err.code, 0);
    ck_assert_uint_eq(lt.cache.misses, 0);
    check_same_as_fresh(&lt, v3);

    /* Many edits of one string: results nobody uses are dropped in time. */
    for (int k = 0; k < 600; k++) {
        char repl[64];
        snprintf(repl, sizeof(repl), "Version %d failed to install.", k);
        char *vk = catalog(n, 7, repl, 0);
        relint(&lt, &t, vk);
        ck_assert_uint_eq(lt.cache.misses, 1);
        ck_assert_uint_le(lt.cache.count, lt.cache.live + lt.cache.live / 4 + 256 + 1);
        free(vk);
    }
    check_same_as_fresh(&lt, t.text.data);

    free(v1);
    free(v2);
    free(v3);
    tl_lsp_text_free(&t);
    tl_lsp_lint_free(&lt);
}
END_TEST

/* Same key, same visible text, but the words are protected (Android
 * <xliff:g>) in one version and not in the other: no cache hit. */
START_TEST(test_cache_protected)
{
    static const char *const versions[] = {
        "<resources xmlns:xliff=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
        "  <string name=\"go\"><xliff:g id=\"x\">Please be advised</xliff:g> that the page "
        "moved.</string>\n"
        "</resources>\n",
        "<resources xmlns:xliff=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
        "  <string name=\"go\">Please be advised that the page moved.</string>\n"
        "</resources>\n",
    };
    const char *path = "res/values/strings.xml";
    tl_lsp_lint lt;
    tl_lsp_lint_init(&lt);
    tl_lsp_text t;
    tl_lsp_text_init(&t);
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < 2; i++) {
            relint_at(&lt, &t, path, versions[i]);
            ck_assert_int_eq(lt.err.code, 0);
            ck_assert_uint_eq(lt.findings.n, i); /* protected: none; plain: be advised */
            check_same_as_fresh_at(&lt, path, versions[i]);
        }
    tl_lsp_text_free(&t);
    tl_lsp_lint_free(&lt);
}
END_TEST

/* Cached findings placed on a first line after a byte order mark, after
 * non-BMP characters, and far into a long line, as a fresh lint places them. */
START_TEST(test_cache_positions)
{
    tl_buf long_line = TL_BUF_INIT;
    tl_buf_puts(&long_line, "\xEF\xBB\xBF\xF0\x9F\x98\x80 You failed to log in. \xF0\x9F\x98\x80 "
                            "Please utilize it.\n\n");
    for (int i = 0; i < 700; i++)
        tl_buf_puts(&long_line, "Fine words \xC3\xA9 here. ");
    tl_buf_puts(&long_line,
                "You failed to pay. Please utilize the form.\n\nYou failed to sign in.\r\n");
    const char *path = "notes.txt";
    tl_lsp_lint lt;
    tl_lsp_lint_init(&lt);
    tl_lsp_text t;
    tl_lsp_text_init(&t);
    for (int round = 0; round < 2; round++) {
        relint_at(&lt, &t, path, long_line.data);
        ck_assert_int_eq(lt.err.code, 0);
        ck_assert_uint_ge(lt.findings.n, 5);
        if (round) ck_assert_uint_eq(lt.cache.misses, 0);
        check_same_as_fresh_at(&lt, path, long_line.data);
    }
    tl_lsp_text_free(&t);
    tl_lsp_lint_free(&lt);
    tl_buf_free(&long_line);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lsp");
    TCase *tc = tcase_create("framing");
    tcase_add_loop_test(tc, test_framing, 0, (int)(sizeof(frame_cases) / sizeof(frame_cases[0])));
    tcase_add_test(tc, test_write);
    suite_add_tcase(s, tc);
    tc = tcase_create("text");
    tcase_add_loop_test(tc, test_apply, 0, (int)(sizeof(edit_cases) / sizeof(edit_cases[0])));
    tcase_add_test(tc, test_positions);
    tcase_add_test(tc, test_random_edits);
    tcase_add_loop_test(tc, test_uri, 0, (int)(sizeof(uri_cases) / sizeof(uri_cases[0])));
    suite_add_tcase(s, tc);
    tc = tcase_create("cache");
    tcase_add_checked_fixture(tc, setup_rules, teardown_rules);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_cache);
    tcase_add_test(tc, test_cache_protected);
    tcase_add_test(tc, test_cache_positions);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
