/* test_fix.c - safe fixes: edits applied byte for byte, PO encoding across
 * wrapped literals, fuzzy marks, overlaps and repeated passes, idempotence,
 * placeholder refusals, unified diffs, and atomic writes under injected I/O
 * failures (a full disk, a failing fsync, a read-only directory, a failed
 * rename, a file changed underneath). The rules come from
 * tests/fixtures/fix-pack, plus two test-only rules defined below. */
#include "fix/atomic.h"
#include "tl_test.h"
#include "fix/diff.h"
#include "fix/fixer.h"
#include "lint/linter.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Rules that only make sense for a test: a fix that opens the way for
 * another (repeated passes), and a fix whose text splits a paragraph (the
 * re-read check must catch it). */
static const char *extra_pack =
    "category: wordy\n"
    "rules:\n"
    "  - id: wordy.in-order-to-utilize\n"
    "    severity: warning\n"
    "    kind: substitution\n"
    "    message: wordy\n"
    "    why: Wordy.\n"
    "    patterns: ['\\bin\\s+order\\s+to\\s+utilize\\b']\n"
    "    suggest: ['to utilize']\n"
    "    fix: safe\n"
    "    examples: {bad: [Do it in order to utilize it], good: [Do it to use it]}\n"
    "    source: https://example.org\n"
    "  - id: wordy.greetings\n"
    "    severity: warning\n"
    "    kind: substitution\n"
    "    message: split\n"
    "    why: Split.\n"
    "    patterns: ['\\bgreetings\\b']\n"
    "    suggest: [\"Hello\\n\\nthere\"]\n"
    "    fix: safe\n"
    "    examples: {bad: [Greetings, friend], good: [Hello, friend]}\n"
    "    source: https://example.org\n";

static tl_linter L;

static void setup(void)
{
    tl_linter_init(&L);
    tl_error err;
    tl_error_clear(&err);
    int rc = tl_ruleset_load_dir(&L.rules, TL_SOURCE_DIR "/tests/fixtures/fix-pack", "en", &err);
    if (rc == 0)
        rc = tl_ruleset_load_file(&L.rules, "extra.yml", (const unsigned char *)extra_pack,
                                  strlen(extra_pack), "en", &err);
    if (rc < 0) fprintf(stderr, "%s:%d:%d: %s\n", err.path, err.line, err.column, err.message);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(tl_linter_prepare(&L, &err), 0);
}

static void teardown(void)
{
    tl_linter_free(&L);
}

#define PO_HEAD(lang, charset)                                                                     \
    "msgid \"\"\nmsgstr \"\"\n\"Language: " lang                                                   \
    "\\n\"\n\"Content-Type: text/plain; charset=" charset "\\n\"\n\n"

typedef struct fix_case {
    const char *name;
    const char *path; /* decides the format and, for PO, the language */
    const char *input;
    unsigned flags;
    const char *expected; /* NULL: unchanged */
    size_t fixed, in_source, notes;
} fix_case;

static const fix_case cases[] = {
    {"po msgstr on one line", "en.po",
     PO_HEAD("en", "UTF-8") "#: src/a.c:10\nmsgid \"Pay by card\"\nmsgstr \"Utilize the card\"\n",
     0, PO_HEAD("en", "UTF-8") "#: src/a.c:10\nmsgid \"Pay by card\"\nmsgstr \"Use the card\"\n", 1,
     0, 0},
    /* A msgstr that repeats its msgid is linted once, at the msgid: the fix
     * is left to the code. */
    {"po msgstr repeating its msgid", "en.po",
     PO_HEAD("en",
             "UTF-8") "#: src/a.c:10\nmsgid \"Utilize the card\"\nmsgstr \"Utilize the card\"\n",
     0, NULL, 0, 1, 0},
    {"po match across two literals", "en.po",
     PO_HEAD(
         "en",
         "UTF-8") "#, c-format\nmsgid \"Sorry, %s\"\nmsgstr \"\"\n\"Sorry. We apologize for \"\n"
                  "\"any inconvenience, %s.\"\n",
     0,
     PO_HEAD("en", "UTF-8") "#, c-format\nmsgid \"Sorry, %s\"\nmsgstr \"\"\n\"Sorry. Sorry for the "
                            "trouble\"\n"
                            "\", %s.\"\n",
     1, 0, 0},
    {"po match across three literals, indented", "en.po",
     PO_HEAD(
         "en",
         "UTF-8") "msgid \"x\"\nmsgstr \"We apologize \"\n  \"for any \"\n\t\"inconvenience.\"\n",
     0, PO_HEAD("en", "UTF-8") "msgid \"x\"\nmsgstr \"Sorry for the trouble\"\n  \"\"\n\t\".\"\n",
     1, 0, 0},
    {"po escapes in the replacement", "en.po",
     PO_HEAD("en", "UTF-8") "msgid \"x\"\nmsgstr \"Please click here now\"\n", 0,
     PO_HEAD("en",
             "UTF-8") "msgid \"x\"\nmsgstr \"Please open \\\"Settings\\\" \\\\ Billing now\"\n",
     1, 0, 0},
    {"po match over an escape", "en.po",
     PO_HEAD("en", "UTF-8") "msgid \"x\"\nmsgstr \"Please click\\there.\"\n", 0,
     PO_HEAD("en", "UTF-8") "msgid \"x\"\nmsgstr \"Please open \\\"Settings\\\" \\\\ Billing.\"\n",
     1, 0, 0},
    {"po msgid left alone by default", "fr.po",
     PO_HEAD("fr",
             "UTF-8") "#: src/a.c:10\nmsgid \"Utilize the card\"\nmsgstr \"Utilisez la carte\"\n",
     0, NULL, 0, 1, 0},
    {"po msgid fixed and marked fuzzy", "fr.po",
     PO_HEAD("fr",
             "UTF-8") "#: src/a.c:10\nmsgid \"Utilize the card\"\nmsgstr \"Utilisez la carte\"\n",
     TL_FIX_EXTRACTED,
     PO_HEAD(
         "fr",
         "UTF-8") "#: src/a.c:10\n#, fuzzy\nmsgid \"Use the card\"\nmsgstr \"Utilisez la carte\"\n",
     1, 0, 0},
    {"po fuzzy joins the flags line", "fr.po",
     PO_HEAD("fr",
             "UTF-8") "#: src/a.c:10\n#, c-format\nmsgid \"Utilize %s\"\nmsgstr \"Utilisez %s\"\n",
     TL_FIX_EXTRACTED,
     PO_HEAD(
         "fr",
         "UTF-8") "#: src/a.c:10\n#, fuzzy, c-format\nmsgid \"Use %s\"\nmsgstr \"Utilisez %s\"\n",
     1, 0, 0},
    {"po already fuzzy", "fr.po",
     PO_HEAD("fr", "UTF-8") "#, fuzzy, c-format\nmsgid \"Utilize %s\"\nmsgstr \"Utilisez %s\"\n",
     TL_FIX_EXTRACTED,
     PO_HEAD("fr", "UTF-8") "#, fuzzy, c-format\nmsgid \"Use %s\"\nmsgstr \"Utilisez %s\"\n", 1, 0,
     0},
    {"po fuzzy goes before previous strings, msgctxt and plural", "fr.po",
     PO_HEAD("fr",
             "UTF-8") "# note\n#| msgid \"Old\"\nmsgctxt \"button\"\nmsgid \"Utilize\"\n"
                      "msgid_plural \"Utilize all\"\nmsgstr[0] \"Utiliser\"\nmsgstr[1] \"Tout\"\n",
     TL_FIX_EXTRACTED,
     PO_HEAD("fr",
             "UTF-8") "# note\n#, fuzzy\n#| msgid \"Old\"\nmsgctxt \"button\"\nmsgid \"Use\"\n"
                      "msgid_plural \"Use all\"\nmsgstr[0] \"Utiliser\"\nmsgstr[1] \"Tout\"\n",
     2, 0, 0},
    {"pot has no translations to mark", "messages.pot",
     PO_HEAD("", "CHARSET") "#: src/a.c:1\nmsgid \"Utilize it\"\nmsgstr \"\"\n", TL_FIX_EXTRACTED,
     PO_HEAD("", "CHARSET") "#: src/a.c:1\nmsgid \"Use it\"\nmsgstr \"\"\n", 1, 0, 0},
    {"po CRLF line endings and BOM kept", "fr.po",
     "\xEF\xBB\xBFmsgid \"\"\r\nmsgstr \"\"\r\n\"Language: fr\\n\"\r\n\r\n#: a.c:1\r\nmsgid "
     "\"Utilize it\"\r\n"
     "msgstr \"Utilisez\"\r\n",
     TL_FIX_EXTRACTED,
     "\xEF\xBB\xBFmsgid \"\"\r\nmsgstr \"\"\r\n\"Language: fr\\n\"\r\n\r\n#: a.c:1\r\n#, "
     "fuzzy\r\nmsgid \"Use it\"\r\n"
     "msgstr \"Utilisez\"\r\n",
     1, 0, 0},
    {"po percent refused in c-format", "en.po",
     PO_HEAD("en",
             "UTF-8") "#, c-format\nmsgid \"x %d\"\nmsgstr \"We are one hundred percent, %d.\"\n",
     0, NULL, 0, 0, 1},
    {"po percent written without c-format", "en.po",
     PO_HEAD("en", "UTF-8") "msgid \"x\"\nmsgstr \"We are one hundred percent.\"\n", 0,
     PO_HEAD("en", "UTF-8") "msgid \"x\"\nmsgstr \"We are 100%.\"\n", 1, 0, 0},
    {"po Latin-1 cannot hold the character", "en.po",
     PO_HEAD("en", "ISO-8859-1") "msgid \"x\"\nmsgstr \"You cannot pay\"\n", 0, NULL, 0, 0, 1},
    {"po windows-1252 gets the converted byte", "en.po",
     PO_HEAD("en", "windows-1252") "msgid \"x\"\nmsgstr \"You cannot pay\"\n", 0,
     PO_HEAD("en", "windows-1252") "msgid \"x\"\nmsgstr \"You can\x92t pay\"\n", 1, 0, 0},
    {"po not fix: safe is not fixed", "en.po",
     PO_HEAD("en", "UTF-8") "msgid \"x\"\nmsgstr \"Kindly pay\"\n", 0, NULL, 0, 0, 0},
    {"text verbatim, no newline at the end", "notes.txt",
     "Utilize the form.\nThen click here\n\nAll good.", 0,
     "Use the form.\nThen open \"Settings\" \\ Billing\n\nAll good.", 2, 0, 0},
    {"text BOM and CRLF kept", "notes.txt", "\xEF\xBB\xBFPlease utilize it.\r\n\r\nOk.\r\n", 0,
     "\xEF\xBB\xBFPlease use it.\r\n\r\nOk.\r\n", 1, 0, 0},
    {"overlapping fixes: the first wins, the other no longer matches", "notes.txt",
     "At this point in time the service is down.\n", 0, "Now the service is down.\n", 1, 0, 0},
    {"a fix that opens the way for another: repeated passes", "notes.txt",
     "Go there in order to utilize it. Then utilize more.\n", 0,
     "Go there to use it. Then use more.\n", 3, 0, 0},
    {"a fix that would split a paragraph is skipped", "notes.txt",
     "Greetings, please utilize it.\n", 0, "Greetings, please use it.\n", 1, 0, 1},
};

/* Apply edits to input and compare with the expected text. */
static void check_edits_reproduce(const char *input, size_t len, const tl_fix_result *res)
{
    tl_buf out = TL_BUF_INIT;
    ck_assert_int_eq(tl_fix_apply(&out, (const unsigned char *)input, len, res->edits, res->nedits),
                     0);
    ck_assert_uint_eq(out.len, res->len);
    ck_assert(memcmp(out.data, res->bytes, out.len) == 0);
    tl_buf_free(&out);
}

START_TEST(fixes_table)
{
    const fix_case *c = &cases[_i];
    tl_fix_result res;
    tl_error err;
    tl_error_clear(&err);
    tl_fix_options opts = {c->flags, 0};
    size_t len = strlen(c->input);
    int rc =
        tl_fix_bytes(&res, &L, c->path, NULL, (const unsigned char *)c->input, len, &opts, &err);
    ck_assert_msg(rc == 0, "%s: %s", c->name, err.message);
    if (c->expected) {
        ck_assert_msg(res.bytes != NULL, "%s: nothing changed", c->name);
        ck_assert_msg(res.len == strlen(c->expected) &&
                          memcmp(res.bytes, c->expected, res.len) == 0,
                      "%s: got\n%.*s", c->name, (int)res.len, (const char *)res.bytes);
        check_edits_reproduce(c->input, len, &res);
    } else {
        ck_assert_msg(res.bytes == NULL, "%s: changed to\n%.*s", c->name, (int)res.len,
                      (const char *)res.bytes);
    }
    ck_assert_msg(res.fixed == c->fixed, "%s: fixed %zu", c->name, res.fixed);
    ck_assert_msg(res.in_source == c->in_source, "%s: in_source %zu", c->name, res.in_source);
    ck_assert_msg(res.nnotes == c->notes, "%s: %zu notes (%s)", c->name, res.nnotes,
                  res.nnotes ? res.notes[0].reason : "");
    ck_assert(res.settled);
    /* Idempotent: fixing the result changes nothing. */
    if (res.bytes) {
        tl_fix_result again;
        ck_assert_int_eq(tl_fix_bytes(&again, &L, c->path, NULL, res.bytes, res.len, &opts, &err),
                         0);
        ck_assert_msg(again.bytes == NULL, "%s: second run changed it", c->name);
        ck_assert_uint_eq(again.fixed, 0);
        tl_fix_result_free(&again);
    }
    tl_fix_result_free(&res);
}
END_TEST

/* Lint a document for the tests that look at plans and single edits. */
typedef struct linted {
    tl_doc doc;
    tl_findings f;
} linted;

static void lint_doc(linted *x, const char *path, const char *text)
{
    memset(x, 0, sizeof(*x));
    tl_doc_init(&x->doc, path, (const unsigned char *)text, strlen(text), NULL);
    tl_error err;
    tl_error_clear(&err);
    ck_assert_int_eq(tl_lint_doc(&L, &x->doc, NULL, &x->f, &err), 0);
}

static void unlint(linted *x)
{
    tl_findings_free(&x->f);
    tl_doc_free(&x->doc);
}

static const tl_finding *find(const linted *x, const char *rule)
{
    for (size_t i = 0; i < x->f.n; i++)
        if (strcmp(x->f.items[i].rule->id, rule) == 0) return &x->f.items[i];
    return NULL;
}

START_TEST(overlap_keeps_the_first)
{
    linted x;
    lint_doc(&x, "a.txt", "Pick it at this point in time, please.\n");
    /* Both patterns of wordy.at-this-point match; the matcher reports the
     * longer one only. */
    ck_assert_uint_eq(x.f.n, 1);
    ck_assert_str_eq(x.f.items[0].match, "at this point in time");
    /* A plan given overlapping findings all the same (from another source)
     * applies the first and skips the other. */
    static const char *moment[] = {"moment"};
    tl_finding inner = x.f.items[0];
    inner.text_start += 8;
    inner.offset += 8;
    inner.length -= 8;
    inner.start.column += 8;
    inner.match = "point in time";
    inner.suggestions = moment;
    tl_finding *items = realloc(x.f.items, 2 * sizeof(*items));
    ck_assert_ptr_nonnull(items);
    items[1] = inner;
    x.f.items = items;
    x.f.n = x.f.cap = 2;
    tl_fix_plan plan;
    tl_error err;
    tl_error_clear(&err);
    ck_assert_int_eq(tl_fix_plan_build(&plan, &x.doc, &x.f, 0, &err), 0);
    ck_assert_uint_eq(plan.nedits, 1);
    ck_assert_str_eq(plan.edits[0].finding->rule->id, "wordy.at-this-point");
    ck_assert_uint_eq(plan.nskips, 1);
    ck_assert_str_eq(plan.skips[0].finding->match, "point in time");
    ck_assert_msg(strstr(plan.skips[0].reason, "overlaps the fix for wordy.at-this-point"), "%s",
                  plan.skips[0].reason);
    tl_buf out = TL_BUF_INIT;
    ck_assert_int_eq(tl_fix_apply(&out, x.doc.src.bytes, x.doc.src.len, plan.edits, plan.nedits),
                     0);
    ck_assert_str_eq(out.data, "Pick it now, please.\n");
    tl_buf_free(&out);
    tl_fix_plan_free(&plan);
    unlint(&x);
}
END_TEST

START_TEST(edit_for_one_suggestion)
{
    linted x;
    lint_doc(&x, "a.txt", "Kindly enter %s now.\n");
    const tl_finding *f = find(&x, "wordy.kindly");
    ck_assert_ptr_nonnull(f);
    ck_assert(!f->fixable);
    tl_edit e;
    tl_error err;
    tl_error_clear(&err);
    /* Policy is the caller's: a rule without fix: safe still has an edit. */
    ck_assert_int_eq(tl_fix_edit(&e, &x.doc, f, 0, &err), 0);
    ck_assert_uint_eq(e.start, 0);
    ck_assert_uint_eq(e.end, 6);
    ck_assert_uint_eq(e.len, 6);
    ck_assert(memcmp(e.text, "Please", 6) == 0);
    ck_assert_int_eq(tl_fix_edit(&e, &x.doc, f, 1, &err), TL_EUSAGE); /* no second suggestion */

    /* A range that runs into the placeholder is refused... */
    tl_finding wide = *f;
    wide.text_end = f->seg->text_len - 5; /* "Kindly enter %s" */
    tl_error_clear(&err);
    ck_assert_int_eq(tl_fix_edit(&e, &x.doc, &wide, 0, &err), TL_EUSAGE);
    ck_assert_msg(strstr(err.message, "placeholder"), "%s", err.message);
    /* ...and so is a replacement that brings one in. */
    const char *with_var[] = {"Please {name}"};
    tl_finding adds = *f;
    adds.suggestions = with_var;
    tl_error_clear(&err);
    ck_assert_int_eq(tl_fix_edit(&e, &x.doc, &adds, 0, &err), TL_EUSAGE);
    ck_assert_msg(strstr(err.message, "add or remove a placeholder"), "%s", err.message);
    unlint(&x);
}
END_TEST

START_TEST(source_refs_named)
{
    linted x;
    lint_doc(&x, "fr.po",
             PO_HEAD("fr", "UTF-8") "#: src/a.c:10 src/b.c:7\n#: src/c.c:1 src/d.c:2\n"
                                    "msgid \"Utilize it\"\nmsgstr \"Utilisez\"\n");
    const tl_finding *f = find(&x, "wordy.utilize");
    ck_assert_ptr_nonnull(f);
    ck_assert(tl_fix_in_source(f));
    tl_buf b = TL_BUF_INIT;
    ck_assert_uint_eq(tl_fix_source_refs(&b, f->seg, 3), 4);
    ck_assert_str_eq(b.data, "src/a.c:10, src/b.c:7, src/c.c:1 and 1 more");
    tl_buf_free(&b);
    unlint(&x);
}
END_TEST

/* ---- diffs ---- */

typedef struct diff_case {
    const char *name;
    const char *text;
    size_t start, end; /* one edit */
    const char *repl;
    const char *expected;
} diff_case;

static const diff_case diffs[] = {
    {"one line in the middle", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", 8, 9, "five",
     "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"},
    {"first line", "a\nb\n", 0, 1, "A", "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\n+A\n b\n"},
    {"last line without newline", "a\nb", 2, 3, "B",
     "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+B\n\\ No newline "
     "at end of file\n"},
    {"context line without newline", "a\nb", 0, 1, "A",
     "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\n+A\n b\n\\ No newline at end of file\n"},
    {"whole line inserted", "a\nb\nc\n", 2, 2, "new\n",
     "--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n a\n+new\n b\n c\n"},
    {"insert into an empty file", "", 0, 0, "x\n", "--- a/f\n+++ b/f\n@@ -0,0 +1,1 @@\n+x\n"},
    {"an edit joining two lines", "ab\ncd\nef\n", 1, 4, "-",
     "--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n-ab\n-cd\n+a-d\n ef\n"},
    {"CRLF lines stay whole", "a\r\nb\r\n", 3, 4, "B",
     "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n"},
    {"no change, no diff", "a\n", 0, 1, "a", ""},
};

START_TEST(diff_table)
{
    const diff_case *c = &diffs[_i];
    tl_edit e = {c->start, c->end, c->repl, strlen(c->repl), NULL, 0, NULL, false};
    tl_buf out = TL_BUF_INIT;
    ck_assert_int_eq(tl_diff_unified(&out, "a/f", "b/f", (const unsigned char *)c->text,
                                     strlen(c->text), &e, 1, 3),
                     0);
    ck_assert_msg(strcmp(out.data ? out.data : "", c->expected) == 0, "%s: got\n%s", c->name,
                  out.data ? out.data : "");
    tl_buf_free(&out);
}
END_TEST

START_TEST(diff_hunks_join_within_two_contexts)
{
    const char *text = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n";
    /* Lines 1 and 8: six lines between, one hunk. */
    tl_edit e1[] = {{0, 1, "A", 1, NULL, 0, NULL, false}, {14, 15, "H", 1, NULL, 0, NULL, false}};
    tl_buf out = TL_BUF_INIT;
    ck_assert_int_eq(
        tl_diff_unified(&out, "a/f", "b/f", (const unsigned char *)text, strlen(text), e1, 2, 3),
        0);
    ck_assert_str_eq(out.data,
                     "--- a/f\n+++ b/f\n@@ -1,11 +1,11 @@\n-1\n+A\n 2\n 3\n 4\n 5\n 6\n 7\n"
                     "-8\n+H\n 9\n 10\n 11\n");
    /* Lines 1 and 9: seven lines between, two hunks. */
    tl_edit e2[] = {{0, 1, "A", 1, NULL, 0, NULL, false}, {16, 17, "I", 1, NULL, 0, NULL, false}};
    tl_buf_reset(&out);
    ck_assert_int_eq(
        tl_diff_unified(&out, "a/f", "b/f", (const unsigned char *)text, strlen(text), e2, 2, 3),
        0);
    ck_assert_str_eq(out.data, "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-1\n+A\n 2\n 3\n 4\n"
                               "@@ -6,7 +6,7 @@\n 6\n 7\n 8\n-9\n+I\n 10\n 11\n 12\n");
    tl_buf_free(&out);
    tl_buf label = TL_BUF_INIT;
    ck_assert_int_eq(tl_diff_label(&label, "a/", "././po/de.po"), 0);
    ck_assert_str_eq(label.data, "a/po/de.po");
    tl_buf_reset(&label);
    ck_assert_int_eq(tl_diff_label(&label, "b/", "/srv/app/po/de.po"), 0);
    ck_assert_str_eq(label.data, "b/srv/app/po/de.po");
    tl_buf_free(&label);
}
END_TEST

/* ---- atomic writes under injected failures ---- */

typedef enum { F_NONE, F_MKSTEMP, F_WRITE, F_FSYNC, F_FCHMOD, F_CLOSE, F_RENAME, F_CHANGE } fault;

typedef struct faulty {
    fault which;
    int err;
    const char *path; /* the original, for F_CHANGE */
} faulty;

static int f_mkstemp(void *ud, char *t)
{
    faulty *f = ud;
    if (f->which == F_MKSTEMP) return errno = f->err, -1;
    return mkstemp(t);
}
static ssize_t f_write(void *ud, int fd, const void *b, size_t n)
{
    faulty *f = ud;
    if (f->which == F_WRITE) {
        /* A disk that fills up: part of the bytes go in, then ENOSPC. */
        static int calls;
        if (calls++ % 2 == 0 && n > 1) return write(fd, b, n / 2);
        return errno = f->err, -1;
    }
    return write(fd, b, n);
}
static int f_fsync(void *ud, int fd)
{
    faulty *f = ud;
    if (f->which == F_FSYNC) return errno = f->err, -1;
    if (f->which == F_CHANGE) {
        /* An editor saves the original while the fix is being written. */
        FILE *o = fopen(f->path, "a");
        fputs("saved by someone else\n", o);
        fclose(o);
    }
    return fsync(fd);
}
static int f_fchown(void *ud, int fd, uid_t u, gid_t g)
{
    (void)ud;
    return fchown(fd, u, g);
}
static int f_fchmod(void *ud, int fd, mode_t m)
{
    faulty *f = ud;
    if (f->which == F_FCHMOD) return errno = f->err, -1;
    return fchmod(fd, m);
}
static int f_close(void *ud, int fd)
{
    faulty *f = ud;
    int rc = close(fd);
    if (f->which == F_CLOSE) return errno = f->err, -1;
    return rc;
}
static int f_rename(void *ud, const char *a, const char *b)
{
    faulty *f = ud;
    if (f->which == F_RENAME) return errno = f->err, -1;
    return rename(a, b);
}
static int f_unlink(void *ud, const char *p)
{
    (void)ud;
    return unlink(p);
}

static char dir[64];
static char file[128];
static const char original[] = "msgid \"x\"\nmsgstr \"Utilize it\"\n";
static const char fixed[] = "msgid \"x\"\nmsgstr \"Use it\"\n";

static void make_file(mode_t mode)
{
    snprintf(dir, sizeof(dir), "/tmp/tl-fix-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(file, sizeof(file), "%s/en.po", dir);
    FILE *f = fopen(file, "w");
    fputs(original, f);
    fclose(f);
    chmod(file, mode);
}

static char *slurp(const char *path)
{
    static char buf[4096];
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* Entries in the directory other than en.po (temporary files left behind). */
static int leftovers(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "en.po")) n++;
    closedir(d);
    return n;
}

static void remove_dir(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[512];
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
        unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

static const struct {
    const char *name;
    fault which;
    int err;
    const char *message;
} faults[] = {
    {"disk full", F_WRITE, ENOSPC, "No space left on device"},
    {"read-only directory", F_MKSTEMP, EACCES, "cannot create a temporary file"},
    {"fsync fails", F_FSYNC, EIO, "cannot flush"},
    {"permissions cannot be set", F_FCHMOD, EPERM, "permissions"},
    {"close fails", F_CLOSE, EIO, "cannot close"},
    {"rename fails", F_RENAME, EXDEV, "cannot rename"},
    {"file changed underneath", F_CHANGE, 0, "changed while it was being fixed"},
};

START_TEST(write_faults_leave_the_original)
{
    make_file(0644);
    faulty st = {faults[_i].which, faults[_i].err, file};
    tl_fix_io io = {&st,      f_mkstemp, f_write,  f_fsync, f_fchown,
                    f_fchmod, f_close,   f_rename, f_unlink};
    tl_error err;
    tl_error_clear(&err);
    int rc = tl_fix_write(file, (const unsigned char *)original, strlen(original),
                          (const unsigned char *)fixed, strlen(fixed), &io, &err);
    ck_assert_int_eq(rc, TL_EIO);
    ck_assert_msg(strstr(err.message, faults[_i].message), "%s: %s", faults[_i].name, err.message);
    ck_assert_str_eq(err.path, file);
    if (faults[_i].which == F_CHANGE)
        ck_assert_str_eq(slurp(file),
                         "msgid \"x\"\nmsgstr \"Utilize it\"\nsaved by someone else\n");
    else
        ck_assert_str_eq(slurp(file), original);
    ck_assert_int_eq(leftovers(), 0);
    remove_dir();
}
END_TEST

START_TEST(write_keeps_mode_and_links)
{
    make_file(0640);
    tl_error err;
    tl_error_clear(&err);
    ck_assert_int_eq(tl_fix_write(file, (const unsigned char *)original, strlen(original),
                                  (const unsigned char *)fixed, strlen(fixed), NULL, &err),
                     0);
    ck_assert_str_eq(slurp(file), fixed);
    struct stat st;
    ck_assert_int_eq(stat(file, &st), 0);
    ck_assert_int_eq(st.st_mode & 07777, 0640);
    ck_assert_int_eq(leftovers(), 0);
    /* Through a symbolic link: the target changes, the link stays. */
    char alias[160];
    snprintf(alias, sizeof(alias), "%s/link.po", dir);
    ck_assert_int_eq(symlink("en.po", alias), 0);
    ck_assert_int_eq(tl_fix_write(alias, (const unsigned char *)fixed, strlen(fixed),
                                  (const unsigned char *)original, strlen(original), NULL, &err),
                     0);
    ck_assert_int_eq(lstat(alias, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    ck_assert_str_eq(slurp(file), original);
    unlink(alias);
    /* A second hard link: refused, nothing changes. */
    ck_assert_int_eq(link(file, alias), 0);
    tl_error_clear(&err);
    ck_assert_int_eq(tl_fix_write(file, (const unsigned char *)original, strlen(original),
                                  (const unsigned char *)fixed, strlen(fixed), NULL, &err),
                     TL_EIO);
    ck_assert_msg(strstr(err.message, "hard links"), "%s", err.message);
    ck_assert_str_eq(slurp(file), original);
    unlink(alias);
    remove_dir();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fix");
    TCase *tc = tcase_create("fixes");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, fixes_table, 0, sizeof(cases) / sizeof(cases[0]));
    tcase_add_test(tc, overlap_keeps_the_first);
    tcase_add_test(tc, edit_for_one_suggestion);
    tcase_add_test(tc, source_refs_named);
    suite_add_tcase(s, tc);
    TCase *td = tcase_create("diff");
    tcase_add_loop_test(td, diff_table, 0, sizeof(diffs) / sizeof(diffs[0]));
    tcase_add_test(td, diff_hunks_join_within_two_contexts);
    suite_add_tcase(s, td);
    TCase *tw = tcase_create("write");
    tcase_add_loop_test(tw, write_faults_leave_the_original, 0, sizeof(faults) / sizeof(faults[0]));
    tcase_add_test(tw, write_keeps_mode_and_links);
    suite_add_tcase(s, tw);
    return tl_test_run(s);
}
