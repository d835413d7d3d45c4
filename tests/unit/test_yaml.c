/* test_yaml.c - the YAML extractor and its scalar re-lexer: each scalar
 * style's source map (literal spans equal their stored bytes, atomic spans
 * sit where escapes and folds are), key paths and languages, what is not
 * copy, anchors, comments with directives, errors, nesting limits, the fix
 * encoder, and agreement with libyaml on every scalar of the corpus. */
#include "extract/format.h"
#include "tl_test_doc.h"
#include "extract/yamlscalar.h"

#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct fixture {
    tl_doc doc;
    tl_error err;
    int rc;
} fixture;

static void run(fixture *f, const char *path, const char *src)
{
    tl_doc_init(&f->doc, path, (const unsigned char *)src, strlen(src), NULL);
    tl_error_clear(&f->err);
    f->rc = tl_extract_yaml(&f->doc, &f->err);
}

/* Literal spans equal their stored bytes; spans cover the text in order. */
static const tl_segment *seg_by_key(const tl_doc *doc, const char *key)
{
    for (size_t i = 0; i < doc->nsegs; i++)
        if (doc->segs[i].key && strcmp(doc->segs[i].key, key) == 0) return &doc->segs[i];
    return NULL;
}

typedef struct scalar_case {
    const char *src;    /* a document whose scalar of interest is `k` */
    const char *text;   /* decoded */
    const char *atomic; /* stored bytes of one atomic span, or NULL */
    const char *first;  /* stored bytes at the segment's start, or NULL */
} scalar_case;

static const scalar_case scalars[] = {
    /* plain */
    {"k: Hello world\n", "Hello world", NULL, "Hello"},
    {"k: Hello   big  \n  world\n", "Hello   big world", "  \n  ", "Hello"},
    {"k: a\n\n   b\n", "a\nb", "\n\n   ", "a"},
    {"k: a\n\n\n  b c\n", "a\n\nb c", "\n\n\n  ", "a"},
    {"k: 50% off # comment\n", "50% off", NULL, "50%"},
    {"k: a#b c\n", "a#b c", NULL, "a#b"},
    /* single-quoted */
    {"k: 'It''s here'\n", "It's here", "''", "It"},
    {"k: 'a\n   b  '\n", "a b  ", "\n   ", "a"},
    {"k: '  lead'\n", "  lead", NULL, "  lead"},
    {"k: 'x  \n\n  y'\n", "x\ny", "  \n\n  ", "x"},
    /* double-quoted */
    {"k: \"Tab\\there\"\n", "Tab\there", "\\t", "Tab"},
    {"k: \"say \\\"hi\\\" \\\\ \\/ \\e\\a\"\n", "say \"hi\" \\ / \x1B\a", "\\\"", "say"},
    {"k: \"caf\\u00e9 \\x41 \\U0001F600\"\n", "caf\xC3\xA9 A \xF0\x9F\x98\x80", "\\U0001F600",
     "caf"},
    {"k: \"nel\\N ls\\L ps\\P nb\\_sp\"\n",
     "nel\xC2\x85 ls\xE2\x80\xA8 ps\xE2\x80\xA9 nb\xC2\xA0sp", "\\_", "nel"},
    {"k: \"abc \\\n     def\"\n", "abc def", NULL, "abc"}, /* the break decodes to nothing */
    {"k: \"abc\\\n\n  def\"\n", "abc\ndef", "\\\n\n  ", "abc"},
    {"k: \"one\n  two\"\n", "one two", "\n  ", "one"},
    {"k: \"a\\ b\\\tc\"\n", "a b\tc", "\\ ", "a"},
    {"k: \"\\0x\"\n", "\xEF\xBF\xBDx", "\\0", "\\0"},
    /* literal */
    {"k: |\n  line one\n  line two\n", "line one\nline two\n", NULL, "line one"},
    {"k: |-\n  a\n\n  b\n\n", "a\n\nb", "\n\n  ", "a"},
    {"k: |+\n  a\n\n", "a\n\n", NULL, "a"},
    {"k: |\n\n  a\n    more\n  b\n", "\na\n  more\nb\n", "\n  ", "\n"},
    {"k: | # note\n  a\n", "a\n", NULL, "a"},
    {"k: |2\n   x\n", " x\n", NULL, " x"},
    {"k: |-2\n   x\n  y\n", " x\ny", NULL, " x"},
    {"list:\n  - |\n    item\n  - x\nk: |\n  after\n", "after\n", NULL, "after"},
    {"k: |\r\n  a\r\n  b\r\n", "a\nb\n", "\r\n  ", "a"},
    /* folded */
    {"k: >\n  a\n  b\n\n  c\n", "a b\nc\n", "\n\n  ", "a"},
    {"k: >\n  a\n    b\n  c\n", "a\n  b\nc\n", NULL, "a"},
    {"k: >-\n  Thanks for\n  signing up.\n\n", "Thanks for signing up.", "\n  ", "Thanks"},
    {"k: >+\n  a\n\n", "a\n\n", NULL, "a"},
    /* properties in front of the scalar */
    {"k: &greeting Hello there\n", "Hello there", NULL, "Hello"},
    {"k: ! \"%{attribute} %{message}\"\n", "%{attribute} %{message}", NULL, "%{attribute}"},
    {"k: !!str yes\n", "yes", NULL, "yes"},
    {"k: &a !!str\n  'multi\n  line'\n", "multi line", "\n  ", "multi"},
    /* nested indentation */
    {"en:\n  errors:\n    k: >\n      Your card\n      was declined.\n",
     "Your card was declined.\n", "\n      ", "Your"},
    {"\xEF\xBB\xBFk: caf\xC3\xA9 cr\xC3\xA8me\n", "caf\xC3\xA9 cr\xC3\xA8me", NULL, "caf"},
    /* LS and NEL end lines for libyaml: indentation counts from them */
    {"m:\n\xE2\x80\xA8  k: |\n    x\n", "x\n", NULL, "x"},
    {"k: \"a\xC2\x85  b\"\n", "a b", "\xC2\x85  ", "a"},
};

/* The mapping value under key "k", searching depth-first. */
static const tl_ynode *find_k(const tl_ynode *n, const tl_ynode **parent)
{
    if (!n || n->type != TL_Y_MAP) return NULL;
    for (size_t i = 0; i + 1 < n->n; i += 2) {
        if (n->items[i]->type == TL_Y_SCALAR && strcmp(n->items[i]->value, "k") == 0) {
            *parent = n;
            return n->items[i + 1];
        }
        const tl_ynode *r = find_k(n->items[i + 1], parent);
        if (r) return r;
    }
    return NULL;
}

START_TEST(scalar_styles_map_exactly)
{
    const scalar_case *c = &scalars[_i];
    /* The re-lexer alone agrees with libyaml... */
    tl_ydoc y;
    tl_error err;
    tl_error_clear(&err);
    ck_assert_int_eq(tl_yaml_load(&y, "t.yml", (const unsigned char *)c->src, strlen(c->src), &err),
                     0);
    const tl_ynode *parent = NULL, *n = find_k(y.root, &parent);
    ck_assert_ptr_nonnull(n);
    ck_assert_msg(strcmp(n->value, c->text) == 0 || strstr(c->src, "\\0"),
                  "case %d: libyaml says `%s`", _i, n->value);
    tl_segbuild sb;
    tl_segbuild_init(&sb);
    tl_yscalar_info info;
    ck_assert_int_eq(tl_yaml_scalar_decode(&sb, &info, (const unsigned char *)c->src,
                                           strlen(c->src), n,
                                           tl_yaml_collection_indent((const unsigned char *)c->src,
                                                                     strlen(c->src), parent)),
                     0);
    ck_assert_msg(sb.text.len == strlen(c->text) && memcmp(sb.text.data, c->text, sb.text.len) == 0,
                  "case %d: decoded `%.*s`", _i, (int)sb.text.len, sb.text.data);
    tl_segbuild_free(&sb);
    tl_yaml_free(&y);
    /* ...and the extractor's segment carries that map. */
    fixture f;
    run(&f, "en.yml", c->src);
    ck_assert_int_eq(f.rc, 0);
    const tl_segment *s = NULL;
    for (size_t i = 0; i < f.doc.nsegs; i++) {
        const char *k = f.doc.segs[i].key;
        size_t kl = strlen(k);
        if (kl >= 1 && k[kl - 1] == 'k' && (kl == 1 || k[kl - 2] == '.')) s = &f.doc.segs[i];
    }
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->text, c->text);
    tl_test_check_spans(&f.doc);
    if (c->atomic) {
        bool found = false;
        for (size_t k = 0; k < s->nspans && !found; k++) {
            const tl_span *sp = &s->spans[k];
            found = sp->atomic && sp->raw_len == strlen(c->atomic) &&
                    memcmp(c->src + sp->raw_off, c->atomic, sp->raw_len) == 0;
        }
        ck_assert_msg(found, "case %d: no atomic span over `%s`", _i, c->atomic);
    }
    if (c->first)
        ck_assert_msg(strncmp(c->src + s->raw_start, c->first, strlen(c->first)) == 0,
                      "case %d: starts at `%.10s`", _i, c->src + s->raw_start);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(flow_collections)
{
    fixture f;
    run(&f, "en.yml",
        "en:\n  days: [Sunday, 'Mon''day', \"Tue\\tsday\", 7]\n  m: {a: Hello, b: 'x'}\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 5);
    ck_assert_str_eq(f.doc.segs[0].key, "en.days[0]");
    ck_assert_str_eq(f.doc.segs[1].text, "Mon'day");
    ck_assert_str_eq(f.doc.segs[2].text, "Tue\tsday");
    ck_assert_str_eq(f.doc.segs[3].key, "en.m.a");
    ck_assert_str_eq(f.doc.segs[4].key, "en.m.b");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(key_paths_languages_and_non_copy)
{
    fixture f;
    run(&f, "config/locales/app.yml",
        "en:\n"
        "  errors:\n"
        "    card_declined: Your card was declined.\n"
        "  date:\n"
        "    day_names:\n"
        "    - Sunday\n"
        "    - Monday\n"
        "  title_html: \"<b>Hi</b>\"\n"
        "  links:\n"
        "    html: <a href=\"/x\">x</a>\n"
        "    xhtml_not: plain\n"
        "  count: 3\n"
        "  ratio: 1.5\n"
        "  hex: 0x1F\n"
        "  time: 1:30\n"
        "  day: 2024-01-31\n"
        "  enabled: yes\n"
        "  off_switch: Off\n"
        "  nothing: ~\n"
        "  empty:\n"
        "  quoted_yes: 'yes'\n"
        "  y: n\n"
        "  version: 1.2.3\n"
        "  typed: !!int 12\n"
        "  sym: !ruby/symbol foo\n"
        "  base: &base\n"
        "    hello: Hello\n"
        "  copy:\n"
        "    <<: *base\n"
        "    bye: Bye\n"
        "  inline:\n"
        "    <<: {merged: Merged}\n"
        "  alias: *base\n"
        "  emptyq: ''\n");
    ck_assert_int_eq(f.rc, 0);
    const char *keys[] = {"en.errors.card_declined",
                          "en.date.day_names[0]",
                          "en.date.day_names[1]",
                          "en.title_html",
                          "en.links.html",
                          "en.links.xhtml_not",
                          "en.quoted_yes",
                          "en.y",
                          "en.version",
                          "en.base.hello",
                          "en.copy.bye",
                          "en.inline.merged",
                          "en.emptyq"};
    size_t nkeys = sizeof(keys) / sizeof(keys[0]);
    ck_assert_uint_eq(f.doc.nsegs, nkeys);
    for (size_t i = 0; i < nkeys; i++) {
        ck_assert_str_eq(f.doc.segs[i].key, keys[i]);
        ck_assert_str_eq(f.doc.segs[i].lang, "en");
    }
    ck_assert_str_eq(f.doc.lang, "en");
    ck_assert(f.doc.segs[3].flags & TL_SEG_MARKUP);
    ck_assert(f.doc.segs[4].flags & TL_SEG_MARKUP);
    ck_assert(!(f.doc.segs[5].flags & TL_SEG_MARKUP));
    ck_assert(!(f.doc.segs[0].flags & TL_SEG_MARKUP));
    ck_assert_str_eq(f.doc.segs[7].text, "n");
    ck_assert_uint_eq(f.doc.segs[12].text_len, 0);
    ck_assert_int_eq(f.doc.src.bytes[f.doc.segs[12].raw_start - 1], '\'');
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

/* A message beside its translator's note (Chrome's messages kept as YAML,
 * Mozilla VPN's strings): the note is not copy; a mapping with other
 * members is walked as usual. */
START_TEST(descriptor_notes_are_not_copy)
{
    fixture f;
    run(&f, "src/_locales/en/messages.yml",
        "menuInjectionFailed:\n"
        "  description: Shown when a script fails.\n"
        "  message: Could not inject some scripts.\n"
        "  touched: false\n"
        "login:\n"
        "  value:\n"
        "    - Sign in to continue.\n"
        "  comment: Shown on the first screen.\n"
        "plan:\n"
        "  value: Pro\n"
        "  description: For growing teams\n"
        "profile:\n"
        "  message: Profile\n"
        "  description: Your profile\n"
        "  title: Edit profile\n");
    ck_assert_int_eq(f.rc, 0);
    /* A `description` beside a `value` is copy (a plan's blurb); a
     * mapping with other members is no descriptor. */
    const char *keys[] = {"menuInjectionFailed.message", "login.value[0]", "plan.value",
                          "plan.description", "profile.message", "profile.description",
                          "profile.title"};
    ck_assert_uint_eq(f.doc.nsegs, 7);
    for (size_t i = 0; i < 7; i++)
        ck_assert_str_eq(f.doc.segs[i].key, keys[i]);
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

/* Zendesk's translation files: the value is copy, its key, note and
 * screenshot are not, and nothing of an obsolete entry; a mapping with
 * other members is walked as usual. */
START_TEST(zendesk_translations)
{
    fixture f;
    run(&f, "src/modules/request-form/translations/en-us.yml",
        "title: \"Request form\"\n"
        "parts:\n"
        "  - translation:\n"
        "      key: \"request-form.submit\"\n"
        "      title: \"Label of the button that sends the request\"\n"
        "      screenshot: \"https://example.com/submit.png\"\n"
        "      value: \"Send request\"\n"
        "  - translation:\n"
        "      key: \"request-form.old\"\n"
        "      title: \"No longer shown\"\n"
        "      value: \"Old text\"\n"
        "      obsolete: \"2024-09-22\"\n"
        "  - translation:\n"
        "      key: \"request-form.help\"\n"
        "      title: \"Help\"\n"
        "      value: \"Ask us\"\n"
        "      tooltip: \"Opens the help panel\"\n");
    ck_assert_int_eq(f.rc, 0);
    const char *keys[] = {"title",
                          "parts[0].translation.value",
                          "parts[2].translation.key",
                          "parts[2].translation.title",
                          "parts[2].translation.value",
                          "parts[2].translation.tooltip"};
    ck_assert_uint_eq(f.doc.nsegs, 6);
    for (size_t i = 0; i < 6; i++)
        ck_assert_str_eq(f.doc.segs[i].key, keys[i]);
    ck_assert_str_eq(f.doc.segs[1].text, "Send request");
    tl_test_check_spans(&f.doc);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(several_locales_and_no_locale_root)
{
    fixture f;
    run(&f, "all.yml", "de:\n  hi: Hallo\n\"pt-BR\":\n  hi: Oi\nmeta:\n  hi: Hello\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 3);
    ck_assert_str_eq(f.doc.segs[0].lang, "de");
    ck_assert_str_eq(f.doc.segs[1].lang, "pt-BR");
    ck_assert_ptr_null(f.doc.segs[2].lang); /* the linter falls back to the path's or "en" */
    tl_doc_free(&f.doc);
    run(&f, "locales/fr.yaml", "greeting: Bonjour\nlist: [a]\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_str_eq(f.doc.segs[0].key, "greeting");
    ck_assert_str_eq(f.doc.segs[1].key, "list[0]");
    tl_doc_free(&f.doc);
    run(&f, "top.yml", "--- |\n  Just a text\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 1);
    ck_assert_ptr_null(f.doc.segs[0].key);
    ck_assert_str_eq(f.doc.segs[0].text, "Just a text\n");
    tl_doc_free(&f.doc);
    run(&f, "empty.yml", "# nothing here\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 0);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(comments_hold_directives)
{
    fixture f;
    const char *src = "en:\n"
                      "  # tonelint-disable-next-line blame.you-failed\n"
                      "  a: You failed # tonelint-disable\n"
                      "  b: 'not # tonelint-enable a comment'\n"
                      "  c: \"neither # tonelint-enable\"\n"
                      "  d: | # tonelint-enable cold\n"
                      "    # tonelint-disable-next-line\n"
                      "    is text\n"
                      "  e: x#tonelint-enable\n"
                      "# tonelint-enable\n";
    run(&f, "en.yml", src);
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.ndirectives, 4);
    ck_assert_int_eq(f.doc.directives[0].kind, TL_DIRECTIVE_NEXT_LINE);
    ck_assert_str_eq(f.doc.directives[0].rules, "blame.you-failed");
    ck_assert_uint_eq(f.doc.directives[0].offset, strstr(src, "# tonelint-disable-next") - src);
    ck_assert_int_eq(f.doc.directives[1].kind, TL_DIRECTIVE_DISABLE);
    ck_assert_int_eq(f.doc.directives[2].kind, TL_DIRECTIVE_ENABLE);
    ck_assert_str_eq(f.doc.directives[2].rules, "cold");
    ck_assert_int_eq(f.doc.directives[3].kind, TL_DIRECTIVE_ENABLE);
    ck_assert_str_eq(seg_by_key(&f.doc, "en.d")->text, "# tonelint-disable-next-line\nis text\n");
    ck_assert_str_eq(seg_by_key(&f.doc, "en.e")->text, "x#tonelint-enable");
    tl_doc_free(&f.doc);
}
END_TEST

typedef struct error_case {
    const char *src;
    int line, column;
} error_case;

static const error_case errors[] = {
    {"en:\n  a: \"unterminated\n", 3, 1},
    {"en:\n  a: b\n   c: d\n", 3, 5},
    {"en:\n\ta: tab\n", 2, 1},
    {"en:\n  a: [1, 2\n", 3, 1},
    {"en:\n  a: \"bad \\q escape\"\n", 2, 11},
};

START_TEST(syntax_errors_have_positions)
{
    const error_case *c = &errors[_i];
    fixture f;
    run(&f, "bad.yml", c->src);
    ck_assert_int_eq(f.rc, TL_ESYNTAX);
    ck_assert_str_eq(f.err.path, "bad.yml");
    ck_assert_msg(f.err.line == c->line && f.err.column == c->column, "case %d: at %d:%d (%s)", _i,
                  f.err.line, f.err.column, f.err.message);
    ck_assert(f.err.message[0] != '\0');
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(deep_nesting_is_an_error)
{
    size_t n = 300000;
    char *src = malloc(n + 1);
    memset(src, '[', n);
    src[n] = '\0';
    clock_t t0 = clock();
    fixture f;
    run(&f, "deep.yml", src);
    ck_assert_int_lt(f.rc, 0);
    ck_assert_int_gt(f.err.line, 0);
    tl_doc_free(&f.doc);
    free(src);
    ck_assert((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
}
END_TEST

/* Encode `text` for the first segment's first occurrence of `word`. */
static int encode(const char *src, const char *word, const char *text, tl_buf *out)
{
    fixture f;
    run(&f, "en.yml", src);
    ck_assert_int_eq(f.rc, 0);
    const tl_segment *s = &f.doc.segs[0];
    size_t at = strstr(s->text, word) - s->text;
    size_t rs = tl_segment_raw_start(s, at), re = tl_segment_raw_end(s, at + strlen(word));
    tl_buf_reset(out);
    int rc = tl_encode_yaml(out, &f.doc, s, rs, re, text, strlen(text));
    if (rc == 0) {
        /* Splice it in: the file must still parse to the intended value. */
        tl_buf spliced = TL_BUF_INIT;
        tl_buf_append(&spliced, src, rs);
        tl_buf_append(&spliced, out->data, out->len);
        tl_buf_puts(&spliced, src + re);
        tl_buf want = TL_BUF_INIT;
        tl_buf_append(&want, s->text, at);
        tl_buf_puts(&want, text);
        tl_buf_puts(&want, s->text + at + strlen(word));
        fixture g;
        run(&g, "en.yml", spliced.data);
        ck_assert_int_eq(g.rc, 0);
        ck_assert_msg(strcmp(g.doc.segs[0].text, want.data) == 0, "spliced `%s` reads `%s`",
                      spliced.data, g.doc.segs[0].text);
        tl_doc_free(&g.doc);
        tl_buf_free(&spliced);
        tl_buf_free(&want);
    }
    tl_doc_free(&f.doc);
    return rc;
}

START_TEST(encode_by_scalar_style)
{
    tl_buf out = TL_BUF_INIT;
    /* double-quoted: escapes */
    ck_assert_int_eq(
        encode("k: \"We are unable to help\"\n", "unable", "can't \"quite\"\\\n", &out), 0);
    ck_assert_str_eq(out.data, "can't \\\"quite\\\"\\\\\\n");
    /* single-quoted: '' */
    ck_assert_int_eq(encode("k: 'We are unable to help'\n", "unable", "can't", &out), 0);
    ck_assert_str_eq(out.data, "can''t");
    ck_assert_int_eq(encode("k: 'We are unable to help'\n", "unable", "a\nb", &out), TL_EUSAGE);
    /* plain: refused where quoting would be needed */
    ck_assert_int_eq(encode("k: We are unable to help\n", "unable", "can't", &out), 0);
    ck_assert_str_eq(out.data, "can't");
    ck_assert_int_eq(encode("k: We are unable to help\n", "unable", "note: this", &out), TL_EUSAGE);
    ck_assert_int_eq(encode("k: We are unable to help\n", "unable", "a #b", &out), TL_EUSAGE);
    ck_assert_int_eq(encode("k: We are unable to help\n", "We", "- we", &out), TL_EUSAGE);
    ck_assert_int_eq(encode("k: We are unable to help\n", "We", "'we", &out), TL_EUSAGE);
    ck_assert_int_eq(encode("k: We are unable\n", "We are unable", "yes", &out), TL_EUSAGE);
    ck_assert_int_eq(encode("k: We are unable\n", "unable", "able ", &out), TL_EUSAGE);
    ck_assert_int_eq(encode("k: We are unable\n", "unable", "a\nb", &out), TL_EUSAGE);
    ck_assert_int_eq(encode("k: We are unable to help\n", "unable", "able, glad", &out), 0);
    ck_assert_int_eq(encode("k: [We are unable, x]\n", "unable", "able, glad", &out), TL_EUSAGE);
    ck_assert_int_eq(encode("k: a unable#b\n", "unable", "x ", &out), TL_EUSAGE);
    /* literal: line breaks carry the indentation */
    ck_assert_int_eq(
        encode("en:\n  k: |\n    We are unable.\n    Bye.\n", "unable.", "sorry.\nTruly", &out), 0);
    ck_assert_str_eq(out.data, "sorry.\n    Truly");
    ck_assert_int_eq(encode("en:\n  k: |\n    We are unable.\n", "We", " We", &out), TL_EUSAGE);
    /* folded: a kept line break needs an empty line */
    ck_assert_int_eq(
        encode("en:\n  k: >\n    We are unable.\n    Bye.\n", "unable.", "sorry.\nTruly", &out), 0);
    ck_assert_str_eq(out.data, "sorry.\n\n    Truly");
    ck_assert_int_eq(encode("en:\n  k: >\n    We are unable.\n", "unable", "a\n  b", &out),
                     TL_EUSAGE);
    tl_buf_free(&out);
}
END_TEST

START_TEST(format_registered)
{
    const tl_format *f = tl_format_find("yaml");
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(f->encode);
    const char *y = "# Rails\nen:\n  hello: Hello\n";
    ck_assert_str_eq(
        tl_format_detect("config/locales/en.yml", (const unsigned char *)y, strlen(y))->name,
        "yaml");
    ck_assert_str_eq(tl_format_detect("x.yaml", (const unsigned char *)y, strlen(y))->name, "yaml");
    ck_assert_str_eq(tl_format_detect(NULL, (const unsigned char *)y, strlen(y))->name, "yaml");
}
END_TEST

/* Every scalar of every corpus YAML file: the re-lexer agrees with libyaml
 * and its map is exact. */
static int corpus_files, corpus_scalars;

static void check_node(const unsigned char *b, size_t len, const tl_ynode *n,
                       const tl_ynode *parent, const char *path)
{
    if (n->type == TL_Y_MAP || n->type == TL_Y_SEQ) {
        for (size_t i = 0; i < n->n; i++)
            check_node(b, len, n->items[i], n, path);
        return;
    }
    if (n->type != TL_Y_SCALAR) return;
    tl_segbuild sb;
    tl_segbuild_init(&sb);
    tl_yscalar_info info;
    int rc = tl_yaml_scalar_decode(&sb, &info, b, len, n,
                                   parent ? tl_yaml_collection_indent(b, len, parent) : -1);
    ck_assert_msg(rc == 0, "%s:%d:%d: re-lex failed", path, n->line, n->column);
    ck_assert_msg(sb.text.len == n->len &&
                      (n->len == 0 || memcmp(sb.text.data, n->value, n->len) == 0),
                  "%s:%d:%d: re-lexed `%.*s`, libyaml `%s`", path, n->line, n->column,
                  (int)sb.text.len, sb.text.data ? sb.text.data : "", n->value);
    for (size_t k = 0; k < sb.nspans; k++) {
        const tl_span *sp = &sb.spans[k];
        ck_assert_uint_ge(sp->raw_off, n->start);
        ck_assert_uint_le(sp->raw_off + sp->raw_len, n->end);
        if (!sp->atomic)
            ck_assert_mem_eq(sb.text.data + sp->text_off, b + sp->raw_off, sp->text_len);
    }
    tl_segbuild_free(&sb);
    corpus_scalars++;
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)ftw;
    size_t n = strlen(path);
    if (type != FTW_F || !((n > 4 && strcmp(path + n - 4, ".yml") == 0) ||
                           (n > 5 && strcmp(path + n - 5, ".yaml") == 0)))
        return 0;
    unsigned char *bytes;
    size_t len;
    tl_error err;
    tl_error_clear(&err);
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    fseek(fp, 0, SEEK_END);
    len = (size_t)ftell(fp);
    fseek(fp, 0, SEEK_SET);
    bytes = malloc(len + 1);
    ck_assert_uint_eq(fread(bytes, 1, len, fp), len);
    fclose(fp);
    tl_ydoc y;
    ck_assert_msg(tl_yaml_load(&y, path, bytes, len, &err) == 0, "%s: %s", path, err.message);
    if (y.root) check_node(bytes, len, y.root, NULL, path);
    tl_yaml_free(&y);
    free(bytes);
    corpus_files++;
    return 0;
}

START_TEST(corpus_scalars_agree_with_libyaml)
{
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s/corpus", TL_SHARED_DIR);
    struct stat st;
    if (stat(dir, &st) != 0) return; /* no corpus next to the repository */
    ck_assert_int_eq(nftw(dir, visit, 16, FTW_PHYS), 0);
    ck_assert_int_gt(corpus_files, 0);
    ck_assert_int_gt(corpus_scalars, 1000);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("yaml");
    TCase *tc = tcase_create("extract");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, scalar_styles_map_exactly, 0, sizeof(scalars) / sizeof(scalars[0]));
    tcase_add_test(tc, flow_collections);
    tcase_add_test(tc, key_paths_languages_and_non_copy);
    tcase_add_test(tc, descriptor_notes_are_not_copy);
    tcase_add_test(tc, zendesk_translations);
    tcase_add_test(tc, several_locales_and_no_locale_root);
    tcase_add_test(tc, comments_hold_directives);
    tcase_add_loop_test(tc, syntax_errors_have_positions, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, deep_nesting_is_an_error);
    tcase_add_test(tc, encode_by_scalar_style);
    tcase_add_test(tc, format_registered);
    tcase_add_test(tc, corpus_scalars_agree_with_libyaml);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
