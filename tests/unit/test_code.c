/* test_code.c - string literals of source code: every string form of
 * JavaScript/TypeScript (templates, JSX), Python, Go, C/C++, Java, PHP, Ruby,
 * Kotlin, C# and Swift,
 * decoded with exact
 * source maps and their context; bad input is an error at its position,
 * never a crash or a hang. */
#include "extract/format.h"
#include "tl_test_doc.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void extract(tl_test_doc *f, const char *path, const char *syntax, const char *src,
                    size_t len)
{
    tl_doc_init(&f->doc, path, (const unsigned char *)src, len, NULL);
    tl_error_clear(&f->err);
    f->doc.syntax = syntax;
    f->rc = tl_extract_code(&f->doc, &f->err);
    if (f->rc == 0) tl_test_check_spans(&f->doc);
}

#define EXTRACT(f, path, syntax, src) extract(f, path, syntax, src, strlen(src))

/* The stored bytes of a segment. */
static const char *raw(const tl_test_doc *f, size_t i, char *out, size_t cap)
{
    const tl_segment *s = &f->doc.segs[i];
    size_t n = s->raw_end - s->raw_start;
    if (n >= cap) n = cap - 1;
    memcpy(out, f->doc.src.bytes + s->raw_start, n);
    out[n] = '\0';
    return out;
}

/* A source file's extension names no language: `.ts` is not Tsonga, `.cs`
 * not Czech; a catalog keeps the language its name or folder gives. */
START_TEST(extension_is_no_language)
{
    tl_arena a = TL_ARENA_INIT;
    ck_assert_ptr_null(tl_lang_from_path(&a, "src/app/pay.ts"));
    ck_assert_ptr_null(tl_lang_from_path(&a, "Controllers/Program.cs"));
    ck_assert_str_eq(tl_lang_from_path(&a, "locales/en.json"), "en");
    ck_assert_str_eq(tl_lang_from_path(&a, "i18n/translations/de-DE.ts"), "de");
    ck_assert_str_eq(tl_lang_from_path(&a, "res/values-fr/strings.xml"), "fr");
    ck_assert_str_eq(tl_lang_from_path(&a, "messages.de.xlf"), "de");
    tl_arena_free(&a);
}
END_TEST

/* A tag in capitals names its language when it carries a region; a bare
 * pair of capitals is a word. */
START_TEST(capital_language_tags)
{
    tl_arena a = TL_ARENA_INIT;
    ck_assert_str_eq(tl_lang_from_path(&a, "src/i18n/EN_US.js"), "en");
    ck_assert_str_eq(tl_lang_from_path(&a, "lang/DE-DE.json"), "de");
    ck_assert_ptr_null(tl_lang_from_path(&a, "docs/IT/notes.json"));
    ck_assert_ptr_null(tl_lang_from_path(&a, "src/XX_YY.json"));
    ck_assert(tl_lang_same("en", "en-US"));
    ck_assert(tl_lang_same("en_GB", "EN"));
    ck_assert(!tl_lang_same("en", "eo"));
    tl_arena_free(&a);
}
END_TEST

START_TEST(js_strings_and_escapes)
{
    tl_test_doc f;
    char buf[128];
    EXTRACT(&f, "a.js", "javascript",
            "let a = 'it\\'s', b = \"caf\\u00e9 \\u{1F600} \\x41\\n\";\n"
            "const s = \"\\uD83D\\uDE00 line\\\n cont\";\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 3);
    ck_assert_str_eq(f.doc.segs[0].text, "it's");
    ck_assert_str_eq(f.doc.segs[1].text, "caf\xc3\xa9 \xf0\x9f\x98\x80 A\n");
    ck_assert_str_eq(f.doc.segs[2].text, "\xf0\x9f\x98\x80 line cont");
    ck_assert_str_eq(raw(&f, 1, buf, sizeof(buf)), "caf\\u00e9 \\u{1F600} \\x41\\n");
    ck_assert_str_eq(f.doc.segs[1].src->prop, "b");
    ck_assert(f.doc.segs[1].src->flags & TL_SRC_ASSIGN);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(js_templates_regex_and_context)
{
    tl_test_doc f;
    EXTRACT(&f, "a.ts", "typescript",
            "const r = /a\"b[/]/g, q = x / y / z;\n"
            "throw new Error(`Hi ${user.name}, ${n > 1 ? \"many\" : `one ${k}`}!`);\n"
            "res.status(402).json({ message: \"Payment is received\" });\n"
            "import x from \"./x\";\nconst o = { \"key\": 1 };\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 6);
    const tl_segment *t = &f.doc.segs[0];
    ck_assert_str_eq(t->text, "Hi ${user.name}, ${n > 1 ? \"many\" : `one ${k}`}!");
    ck_assert_uint_eq(t->nprotect, 2);
    ck_assert_uint_eq(t->protect[0].start, 3);
    ck_assert_uint_eq(t->protect[0].end, 15);
    ck_assert_str_eq(t->src->call, "new Error");
    ck_assert(t->src->flags & TL_SRC_TEMPLATE);
    ck_assert_str_eq(f.doc.segs[1].text, "many");
    ck_assert_str_eq(f.doc.segs[2].text, "one ${k}");
    ck_assert_str_eq(f.doc.segs[3].src->call, "res.status(402).json");
    ck_assert_str_eq(f.doc.segs[3].src->prop, "message");
    ck_assert(f.doc.segs[4].src->flags & TL_SRC_IMPORT);
    ck_assert(f.doc.segs[5].src->flags & TL_SRC_KEY);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(jsx_text_and_attributes)
{
    tl_test_doc f;
    char buf[128];
    EXTRACT(&f, "a.tsx", "typescript",
            "const f = <T,>(x: T) => x;\n"
            "return (<Box title=\"Save &amp; close\" label={t('Name')}>\n"
            "    Welcome   back,\n    {name}! &copy;\n  <br/></Box>);\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 4);
    ck_assert_str_eq(f.doc.segs[0].text, "Save & close");
    ck_assert_str_eq(f.doc.segs[0].src->prop, "title");
    ck_assert_str_eq(f.doc.segs[1].text, "Name");
    ck_assert_str_eq(f.doc.segs[1].src->call, "t");
    ck_assert_str_eq(f.doc.segs[1].src->prop, "label");
    ck_assert_str_eq(f.doc.segs[2].text, "Welcome   back,");
    ck_assert(f.doc.segs[2].src->flags & TL_SRC_JSX_TEXT);
    ck_assert_str_eq(f.doc.segs[3].text, "! \xc2\xa9");
    ck_assert_str_eq(raw(&f, 3, buf, sizeof(buf)), "! &copy;");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(python_prefixes_and_fstrings)
{
    tl_test_doc f;
    EXTRACT(&f, "a.py", "python",
            "\"\"\"Doc.\"\"\"\nx = rb'\\d' + Rb\"\\n\" + u'\\N{BULLET}\\q'\n"
            "raise ValidationError(_(\"Bad\"), code='invalid')\n"
            "m = f\"Hi {u.name!r:>{w}} {{x}}\\t\" + '''a\r\nb'''\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 8);
    ck_assert(f.doc.segs[0].src->flags & TL_SRC_DOCSTRING);
    ck_assert_str_eq(f.doc.segs[1].text, "\\d");
    ck_assert_str_eq(f.doc.segs[2].text, "\\n");
    ck_assert_str_eq(f.doc.segs[3].text, "\\N{BULLET}\\q");
    ck_assert_str_eq(f.doc.segs[4].text, "Bad");
    ck_assert_str_eq(f.doc.segs[4].src->call, "_");
    ck_assert_str_eq(f.doc.segs[5].src->prop, "code");
    ck_assert_str_eq(f.doc.segs[6].text, "Hi {u.name!r:>{w}} {x}\t");
    ck_assert_uint_eq(f.doc.segs[6].nprotect, 1);
    ck_assert_str_eq(f.doc.segs[7].text, "a\nb");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(go_strings)
{
    tl_test_doc f;
    EXTRACT(&f, "a.go", "go",
            "import (\n\t\"errors\"\n)\nvar r = 'x'\nvar s = `raw\r\n\\n`\n"
            "return errors.New(\"unable\\t\\101\\x41\\u00e9\")\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 3);
    ck_assert(f.doc.segs[0].src->flags & TL_SRC_IMPORT);
    ck_assert_str_eq(f.doc.segs[1].text, "raw\n\\n");
    ck_assert_str_eq(f.doc.segs[2].text, "unable\tAA\xc3\xa9");
    ck_assert_str_eq(f.doc.segs[2].src->call, "errors.New");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(c_strings)
{
    tl_test_doc f;
    char buf[128];
    EXTRACT(&f, "a.c", "c",
            "#include \"cache.h\"\n#error don't \"build\n"
            "// it's a comment \\\n \"still comment\"\n"
            "char q = '\"', w = L'x';\n"
            "die(_(\"can\\'t \\101\\x41\\u00e9\\? \\q \\\n"
            "x\"), L\"wide\", u8\"u8\\xff\");\n"
            "x = R\"(not raw in C)\";\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 5);
    ck_assert(f.doc.segs[0].src->flags & TL_SRC_IMPORT);
    ck_assert_str_eq(f.doc.segs[1].text, "can't AA\xc3\xa9? q x");
    ck_assert_str_eq(raw(&f, 1, buf, sizeof(buf)), "can\\'t \\101\\x41\\u00e9\\? \\q \\\nx");
    ck_assert_str_eq(f.doc.segs[1].src->call, "_");
    ck_assert_str_eq(f.doc.segs[2].text, "wide");
    ck_assert_str_eq(f.doc.segs[2].src->call, "die");
    ck_assert_str_eq(f.doc.segs[3].text, "u8\xef\xbf\xbd"); /* an escaped byte */
    ck_assert_str_eq(f.doc.segs[4].text, "(not raw in C)");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(cpp_raw_strings)
{
    tl_test_doc f;
    char buf[128];
    EXTRACT(&f, "a.cc", "cpp",
            "long n = 1'000'000;\nauto a = R\"(a \"b\" \\n)\", b = u8R\"x(c)\" d)x\";\n"
            "auto m = R\"(one\r\ntwo)\";\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 3);
    ck_assert_str_eq(f.doc.segs[0].text, "a \"b\" \\n");
    ck_assert_str_eq(f.doc.segs[1].text, "c)\" d");
    ck_assert_str_eq(f.doc.segs[2].text, "one\ntwo");
    ck_assert_str_eq(raw(&f, 2, buf, sizeof(buf)), "one\r\ntwo");
    ck_assert_str_eq(f.doc.segs[0].src->prop, "a");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(java_strings_and_text_blocks)
{
    tl_test_doc f;
    char buf[128];
    EXTRACT(&f, "A.java", "java",
            "@Operation(summary = \"Get it\")\nclass A {\n"
            "  char c = '\"';\n"
            "  String s = \"\\t\\s\\101\\uu00e9\\uD83D\\uDE00\";\n"
            "  String t = \"\"\"\n"
            "      Dear \\\"\"\"customer\\\"\"\",  \n"
            "\n"
            "        your order \\\n"
            "      is ready.\n"
            "      \"\"\";\n"
            "  void f() { throw new IllegalStateException(\"Bad\"); }\n}\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 4);
    ck_assert_str_eq(f.doc.segs[0].src->call, "@Operation");
    ck_assert_str_eq(f.doc.segs[0].src->prop, "summary");
    ck_assert_str_eq(f.doc.segs[1].text, "\t A\xc3\xa9\xf0\x9f\x98\x80");
    ck_assert_str_eq(f.doc.segs[2].text, "Dear \"\"\"customer\"\"\",\n\n  your order is ready.\n");
    ck_assert_str_eq(raw(&f, 2, buf, 5), "Dear");
    ck_assert_str_eq(f.doc.segs[3].src->call, "new IllegalStateException");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(php_strings_and_heredocs)
{
    tl_test_doc f;
    EXTRACT(&f, "a.php", "php-code",
            "<p title=\"output\">it's</p><?php\n"
            "// it's a comment ?> \"output\" <?php\n"
            "#[Attr('x')]\n"
            "$a = 'it\\'s \\n'; $b = \"Hi $name, {$u->mail()} \\$5 \\x41\\u{e9}\\q\";\n"
            "$h = <<<EOT\n    Dear $name,\n\n      \"ok\" \\\"\n    EOT;\n"
            "$n = <<<'N'\n  raw $x\n  N;\n"
            "return ['title' => 'Saved', $this->logger->error('x')];\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 8);
    ck_assert_str_eq(f.doc.segs[0].text, "x");
    ck_assert_str_eq(f.doc.segs[1].text, "it's \\n");
    ck_assert_str_eq(f.doc.segs[1].src->prop, "$a");
    const tl_segment *s = &f.doc.segs[2];
    ck_assert_str_eq(s->text, "Hi $name, {$u->mail()} $5 A\xc3\xa9\\q");
    ck_assert_uint_eq(s->nprotect, 2);
    ck_assert_uint_eq(s->protect[0].start, 3);
    ck_assert_uint_eq(s->protect[0].end, 8);
    ck_assert_str_eq(f.doc.segs[3].text, "Dear $name,\n\n  \"ok\" \\\"");
    ck_assert_uint_eq(f.doc.segs[3].nprotect, 1);
    ck_assert_str_eq(f.doc.segs[4].text, "raw $x");
    ck_assert(f.doc.segs[5].src->flags & TL_SRC_KEY);
    ck_assert_str_eq(f.doc.segs[6].text, "Saved");
    ck_assert_str_eq(f.doc.segs[6].src->prop, "title");
    ck_assert_str_eq(f.doc.segs[7].src->call, "$this->logger->error");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(ruby_strings_and_heredocs)
{
    tl_test_doc f;
    EXTRACT(&f, "a.rb", "ruby",
            "=begin\nit's \"doc\"\n=end\n"
            "a = 'it\\'s \\n' + \"Hi #{u.name} #@n \\e\\s\\x41\\u{e9}\\q\"\n"
            "w = %w[a b] + %i[c] + [:\"sym\", ?x, n / 2 / m]\n"
            "q = %q(x (y) \\)) + %Q[a #{1} [b]]\n"
            "h = <<~EOS + <<-'RAW'\n    Dear #{n} #@who,\n\n      ok\\t\n  EOS\n  raw \\t\n  RAW\n"
            "raise PaymentError, \"You failed to pay.\"\n"
            "def self./(x)\n  x / 2\nend\n__END__\n\"data\"\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 7); /* not the symbol, the word lists or the data */
    ck_assert_str_eq(f.doc.segs[0].text, "it's \\n");
    const tl_segment *s = &f.doc.segs[1];
    ck_assert_str_eq(s->text, "Hi #{u.name} #@n \x1b A\xc3\xa9q");
    ck_assert_uint_eq(s->nprotect, 2);
    ck_assert_str_eq(f.doc.segs[2].text, "x (y) )");
    ck_assert_str_eq(f.doc.segs[3].text, "a #{1} [b]");
    ck_assert_str_eq(f.doc.segs[4].text, "Dear #{n} #@who,\n\n  ok\t\n");
    ck_assert_uint_eq(f.doc.segs[4].nprotect, 2); /* #{…} and #@who, as in "…" */
    ck_assert_str_eq(f.doc.segs[4].src->prop, "h");
    ck_assert_str_eq(f.doc.segs[5].text, "  raw \\t\n");
    ck_assert_str_eq(f.doc.segs[6].text, "You failed to pay.");
    ck_assert_str_eq(f.doc.segs[6].src->call, "PaymentError");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(kotlin_templates_and_raw_strings)
{
    tl_test_doc f;
    char buf[128];
    EXTRACT(&f, "A.kt", "kotlin",
            "/* a /* nested */ \"comment\" */\n"
            "val c = '\"'; val d = '\\''\n"
            "val s = \"\\t\\$5 caf\\u00e9 $name.x ${a[\"k\"] + \"}\"} $ 1\"\n"
            "val r = \"\"\"\n  |raw \\n ${'$'}x \"q\" \"\"\"\".trimMargin()\n"
            "fun f() { Toast.makeText(ctx, \"Saved.\", LENGTH_SHORT) }\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 5);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "\t$5 caf\xc3\xa9 $name.x ${a[\"k\"] + \"}\"} $ 1");
    ck_assert_uint_eq(s->nprotect, 2);
    ck_assert_str_eq(f.doc.segs[1].text, "k"); /* strings inside ${…} are literals too */
    ck_assert_str_eq(f.doc.segs[2].text, "}");
    ck_assert_str_eq(f.doc.segs[3].text, "\n  |raw \\n ${'$'}x \"q\" \"");
    ck_assert_str_eq(raw(&f, 3, buf, 9), "\n  |raw ");
    ck_assert_str_eq(f.doc.segs[4].text, "Saved.");
    ck_assert_str_eq(f.doc.segs[4].src->call, "Toast.makeText");
    ck_assert_int_eq(f.doc.segs[4].src->arg, 1);
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(kotlin_when_elvis_and_scope)
{
    tl_test_doc f;
    EXTRACT(&f, "A.kt", "kotlin",
            "fun <T> Foo.title(code: Int): String {\n"
            "    val title = when (code) {\n"
            "        400 -> \"Code already used\"\n"
            "        else -> Bar(\"x\")\n"
            "    }\n"
            "    var message = e?.text(\"a\") ?: \"Unknown error\"\n"
            "    return when { x -> \"Try again\" }\n"
            "}\n"
            "abstract fun g()\n"
            "val h = f(a ?: \"b\")\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 6);
    const tl_srcctx *c = f.doc.segs[0].src;
    ck_assert_str_eq(c->prop, "title"); /* a branch is the value of the `when` */
    ck_assert(c->flags & TL_SRC_ASSIGN);
    ck_assert_str_eq(c->scope, "title");
    ck_assert_ptr_null(f.doc.segs[1].src->prop); /* an argument of Bar, not the branch */
    ck_assert_str_eq(f.doc.segs[1].src->call, "Bar");
    ck_assert_str_eq(f.doc.segs[3].text, "Unknown error");
    ck_assert_str_eq(f.doc.segs[3].src->prop, "message"); /* the fallback of `?:` */
    ck_assert_str_eq(f.doc.segs[4].text, "Try again");
    ck_assert(f.doc.segs[4].src->flags & TL_SRC_RETURN);
    ck_assert_ptr_null(f.doc.segs[5].src->scope); /* `g` has no body */
    ck_assert_ptr_null(f.doc.segs[5].src->prop);  /* `?:` inside the call's parentheses */
    ck_assert_str_eq(f.doc.segs[5].src->call, "f");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(csharp_verbatim_interpolated_and_raw)
{
    tl_test_doc f;
    EXTRACT(&f, "A.cs", "csharp",
            "#region it's \"here\"\n"
            "var a = \"\\x41\\x00e9\\0\\U0001F600\"; char q = '\"';\n"
            "var b = @\"C:\\dir \"\"q\"\"\n2\";\n"
            "var c = $\"{{x}} {n,5:N2} {(ok ? \"yes\" : \"no\")} {d:HH:mm}\";\n"
            "var d = $@\"{p}\\\"\"!\";\n"
            "var e = \"\"\"\n    Dear \"you\",\n      ok\n    \"\"\";\n"
            "var g = $$\"\"\"{\"a\": {{v}}}\"\"\";\n"
            "ModelState.AddModelError(\"Email\", \"Taken.\");\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 10);
    ck_assert_str_eq(f.doc.segs[0].text, "A\xc3\xa9\xef\xbf\xbd\xf0\x9f\x98\x80");
    ck_assert_str_eq(f.doc.segs[1].text, "C:\\dir \"q\"\n2");
    const tl_segment *s = &f.doc.segs[2];
    ck_assert_str_eq(s->text, "{x} {n,5:N2} {(ok ? \"yes\" : \"no\")} {d:HH:mm}");
    ck_assert_uint_eq(s->nprotect, 3);
    ck_assert_str_eq(f.doc.segs[3].text, "yes");
    ck_assert_str_eq(f.doc.segs[5].text, "{p}\\\"!");
    ck_assert_str_eq(f.doc.segs[6].text, "Dear \"you\",\n  ok");
    ck_assert_str_eq(f.doc.segs[7].text, "{\"a\": {{v}}}");
    ck_assert_uint_eq(f.doc.segs[7].nprotect, 1);
    ck_assert_str_eq(f.doc.segs[9].text, "Taken.");
    ck_assert_str_eq(f.doc.segs[9].src->call, "ModelState.AddModelError");
    tl_doc_free(&f.doc);
}
END_TEST

START_TEST(swift_interpolation_and_delimiters)
{
    tl_test_doc f;
    EXTRACT(&f, "a.swift", "swift",
            "/* /* nested */ \"no\" */\n"
            "let s = \"\\t\\u{e9}\\0 \\(a(\"x\")) \\(b)!\"\n"
            "let r = #\"a \"q\" \\n \\#(v) \\#t\"#\n"
            "let m = \"\"\"\n    Dear \\(n),\n      \"ok\" \\\n    end\n    \"\"\"\n"
            "let rm = #\"\"\"\n  \\d \"\"\" \\#(x)\n  \"\"\"#\n"
            "Alert(title: Text(\"Failed\"), message: \"Try again.\")\n");
    ck_assert_int_eq(f.rc, 0);
    ck_assert_uint_eq(f.doc.nsegs, 7);
    const tl_segment *s = &f.doc.segs[0];
    ck_assert_str_eq(s->text, "\t\xc3\xa9\xef\xbf\xbd \\(a(\"x\")) \\(b)!");
    ck_assert_uint_eq(s->nprotect, 2);
    ck_assert_str_eq(f.doc.segs[1].text, "x");
    ck_assert_str_eq(f.doc.segs[1].src->call, "a");
    ck_assert_str_eq(f.doc.segs[2].text, "a \"q\" \\n \\#(v) \t");
    ck_assert_uint_eq(f.doc.segs[2].nprotect, 1);
    ck_assert_str_eq(f.doc.segs[3].text, "Dear \\(n),\n  \"ok\" end");
    ck_assert_str_eq(f.doc.segs[4].text, "\\d \"\"\" \\#(x)");
    ck_assert_str_eq(f.doc.segs[5].src->call, "Text");
    ck_assert_str_eq(f.doc.segs[6].src->call, "Alert");
    ck_assert_str_eq(f.doc.segs[6].src->prop, "message");
    tl_doc_free(&f.doc);
}
END_TEST

/* Bad input: an error with its line and column, exit code TL_ESYNTAX. */
START_TEST(errors_have_positions)
{
    static const struct {
        const char *path, *syntax, *src, *msg;
        int line, column;
    } cases[] = {
        {"a.js", "javascript", "x = 1;\nlet s = 'abc\n", "unterminated string", 2, 9},
        {"a.js", "javascript", "let s = `a ${b", "missing `}`", 1, 13},
        {"a.js", "javascript", "let r = /abc\n", "unterminated regular expression", 1, 9},
        {"a.jsx", "javascript", "let e = <div>text", "unterminated JSX element", 1, 9},
        {"a.js", "javascript", "/* never closed", "unterminated comment", 1, 1},
        {"a.py", "python", "x = '''abc", "unterminated triple-quoted string", 1, 5},
        {"a.py", "python", "x = f'{a'", "f-string", 1, 7},
        {"a.go", "go", "s := \"\\q\"", "unknown escape", 1, 7},
        {"a.go", "go", "s := `abc", "unterminated raw string", 1, 6},
        {"a.c", "c", "s = \"\\x\";", "invalid \\x escape", 1, 6},
        {"a.cc", "cpp", "s = R\"ab(x)a\";", "unterminated raw string", 1, 6},
        {"a.cc", "cpp", "s = R\"a b(x)a b\";", "raw string delimiter", 1, 6},
        {"A.java", "java", "s = \"abc\n", "unterminated string", 1, 5},
        {"A.java", "java", "s = \"a\\q\";", "unknown escape", 1, 7},
        {"A.java", "java", "s = \"\"\"abc\"\"\";", "line break", 1, 5},
        {"A.java", "java", "s = \"\"\"\n abc", "unterminated text block", 1, 5},
        {"A.java", "java", "c = 'a", "unterminated character literal", 1, 5},
        {"a.php", "php-code", "<?php\n$s = 'abc", "unterminated string", 2, 6},
        {"a.php", "php-code", "<?php\n$s = <<<EOT\nabc\n", "unterminated heredoc", 2, 6},
        {"a.php", "php-code", "<?php\n$s = <<<EOT x\n", "label ends its line", 2, 6},
        {"a.rb", "ruby", "s = \"abc #{x}\n", "unterminated string", 1, 5},
        {"a.rb", "ruby", "s = <<~EOS\nabc\n", "unterminated heredoc", 1, 8},
        {"a.rb", "ruby", "=begin\nabc\n", "missing `=end`", 1, 1},
        {"A.kt", "kotlin", "s = \"a ${b\"", "unterminated string", 1, 11},
        {"A.kt", "kotlin", "s = \"\"\"abc", "unterminated raw string", 1, 5},
        {"A.kt", "kotlin", "s = \"\\q\"", "unknown escape", 1, 6},
        {"A.kt", "kotlin", "/* a /* b */", "unterminated comment", 1, 1},
        {"A.cs", "csharp", "s = @\"abc", "unterminated string", 1, 5},
        {"A.cs", "csharp", "s = $\"a {b\n", "missing `}`", 1, 9},
        {"A.cs", "csharp", "s = \"\"\"\n abc\n\"\";", "unterminated raw string", 1, 5},
        {"A.cs", "csharp", "s = \"\\x\";", "invalid \\x escape", 1, 6},
        {"a.swift", "swift", "s = \"a \\(b)", "unterminated string", 1, 5},
        {"a.swift", "swift", "s = \"\"\"abc\"\"\"", "begin on a new line", 1, 5},
        {"a.swift", "swift", "s = #\"a\"", "unterminated string", 1, 5},
        {"a.swift", "swift", "s = \"\\q\"", "invalid escape", 1, 6},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        tl_test_doc f;
        EXTRACT(&f, cases[i].path, cases[i].syntax, cases[i].src);
        ck_assert_msg(f.rc == TL_ESYNTAX, "case %zu: rc %d", i, f.rc);
        ck_assert_msg(strstr(f.err.message, cases[i].msg), "case %zu: %s", i, f.err.message);
        ck_assert_int_eq(f.err.line, cases[i].line);
        ck_assert_int_eq(f.err.column, cases[i].column);
        tl_doc_free(&f.doc);
    }
}
END_TEST

/* Deep nesting is bounded: an error, not a stack overflow. */
START_TEST(nesting_is_bounded)
{
    size_t n = 20000;
    char *src = malloc(n * 4 + 16);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(src + k, "`${", 3);
        k += 3;
    }
    src[k] = '\0';
    tl_test_doc f;
    extract(&f, "a.js", "javascript", src, k);
    ck_assert_int_eq(f.rc, TL_ESYNTAX);
    ck_assert(strstr(f.err.message, "too deep"));
    tl_doc_free(&f.doc);
    k = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(src + k, "<a>", 3);
        k += 3;
    }
    src[k] = '\0';
    extract(&f, "a.jsx", "javascript", src, k);
    ck_assert_int_eq(f.rc, TL_ESYNTAX);
    tl_doc_free(&f.doc);
    k = 0;
    for (size_t i = 0; i < n; i++)
        src[k++] = '(';
    src[k] = '\0';
    extract(&f, "a.py", "python", src, k);
    ck_assert_int_eq(f.rc, TL_ESYNTAX);
    ck_assert(strstr(f.err.message, "too deep"));
    tl_doc_free(&f.doc);
    free(src);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("code");
    TCase *tc = tcase_create("code");
    tcase_add_test(tc, extension_is_no_language);
    tcase_add_test(tc, capital_language_tags);
    tcase_add_test(tc, js_strings_and_escapes);
    tcase_add_test(tc, js_templates_regex_and_context);
    tcase_add_test(tc, jsx_text_and_attributes);
    tcase_add_test(tc, python_prefixes_and_fstrings);
    tcase_add_test(tc, go_strings);
    tcase_add_test(tc, c_strings);
    tcase_add_test(tc, cpp_raw_strings);
    tcase_add_test(tc, java_strings_and_text_blocks);
    tcase_add_test(tc, php_strings_and_heredocs);
    tcase_add_test(tc, ruby_strings_and_heredocs);
    tcase_add_test(tc, kotlin_templates_and_raw_strings);
    tcase_add_test(tc, kotlin_when_elvis_and_scope);
    tcase_add_test(tc, csharp_verbatim_interpolated_and_raw);
    tcase_add_test(tc, swift_interpolation_and_delimiters);
    tcase_add_test(tc, errors_have_positions);
    tcase_add_test(tc, nesting_is_bounded);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
