/* test_select.c - which source literals are copy: the cues of
 * rules/source.yml applied to literals in context (table-driven), cue
 * lists from YAML with their errors, and .tonelint.yml-style cues tried
 * before the pack's. */
#include "extract/format.h"
#include "tl_test.h"
#include "match/rule.h"
#include "match/select.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tl_ruleset rs;

static void load_pack(void)
{
    tl_error err;
    tl_error_clear(&err);
    tl_ruleset_init(&rs);
    ck_assert_int_eq(tl_ruleset_load_dir(&rs, TL_SOURCE_DIR "/rules", NULL, &err), 0);
    ck_assert_uint_gt(rs.select.n, 100);
}

static void free_pack(void)
{
    tl_ruleset_free(&rs);
}

/* The decision for the literal holding `needle` in `src`. */
static const tl_segment *decide(tl_doc *doc, const char *path, const char *syntax, const char *src,
                                const char *needle, const tl_select *extra)
{
    tl_error err;
    tl_error_clear(&err);
    tl_doc_init(doc, path, (const unsigned char *)src, strlen(src), NULL);
    doc->syntax = syntax;
    ck_assert_int_eq(tl_extract_code(doc, &err), 0);
    for (size_t i = 0; i < doc->nsegs; i++) {
        tl_select_apply(&rs.select, extra, tl_format_catalog_module(path), &doc->segs[i]);
        if (strcmp(doc->segs[i].text, needle) == 0) return &doc->segs[i];
    }
    ck_abort_msg("no literal `%s`", needle);
    return NULL;
}

static const struct {
    const char *path, *syntax, *src, *text;
    bool copy;
    tl_kind kind; /* TL_KIND_UNKNOWN: not checked */
} cases[] = {
    {"a.js", "javascript", "throw new Error(\"You failed to pay.\");", "You failed to pay.", true,
     TL_KIND_ERROR},
    {"a.js", "javascript", "console.log(\"Loading the page now.\");", "Loading the page now.",
     false, 0},
    {"a.js", "javascript", "toast.error(`Could not save ${n}.`);", "Could not save ${n}.", true,
     TL_KIND_ERROR},
    {"a.js", "javascript", "toast.success(\"Saved your changes.\");", "Saved your changes.", true,
     TL_KIND_NOTIFICATION},
    {"a.js", "javascript", "res.status(402).json({ message: \"Payment is received\" });",
     "Payment is received", true, 0},
    {"a.js", "javascript", "const o = { className: \"px-2 py-4\" };", "px-2 py-4", false, 0},
    {"a.js", "javascript", "t(\"errors.card_declined\", \"Your card was declined.\");",
     "errors.card_declined", false, 0},
    {"a.js", "javascript", "t(\"errors.card_declined\", \"Your card was declined.\");",
     "Your card was declined.", true, 0},
    {"a.js", "javascript", "import x from \"Some Module Name\";", "Some Module Name", false, 0},
    {"a.js", "javascript", "const q = \"SELECT id FROM users WHERE a = 1\";",
     "SELECT id FROM users WHERE a = 1", false, 0},
    {"a.js", "javascript", "const s = \"Please try again later.\";", "Please try again later.",
     true, 0},
    {"a.js", "javascript", "if (x === \"Please wait.\") {}", "Please wait.", false, 0},
    {"a.jsx", "javascript", "const e = <p className=\"mt-2 text-sm\">Saved it.</p>;", "Saved it.",
     true, 0},
    {"a.jsx", "javascript", "const e = <p className=\"mt-2 text-sm\">Saved it.</p>;",
     "mt-2 text-sm", false, 0},
    {"a.jsx", "javascript", "const e = <input placeholder=\"Your email\" />;", "Your email", true,
     0},
    {"a.tsx", "typescript", "const e = <b>{ok ? t`Hide` : t`Show`}</b>;", "Hide", true, 0},
    {"a.tsx", "typescript", "const e = <b title={ok ? 'Edit task' : 'Create task'} />;",
     "Create task", true, 0},
    {"a.ts", "typescript", "type A = \"Pending payment\" | \"Paid\";", "Pending payment", false, 0},
    /* A module of messages: its values are copy, labels too; not in an
     * ordinary module, where a short label may be anything. */
    {"src/locales/en.ts", "typescript", "export default { card: { missing: \"Card not found\" } };",
     "Card not found", true, 0},
    {"src/card.ts", "typescript", "const o = { missing: \"Card not found\" };", "Card not found",
     false, 0},
    {"src/locales/en.ts", "typescript", "export default { icon: \"card_icon\" };", "card_icon",
     false, 0},
    {"src/locales/en.ts", "typescript", "export default { steps: [\"Add a card\", \"Pay\"] };",
     "Add a card", true, 0},
    {"a.py", "python", "raise ValidationError(_(\"Enter a valid e-mail.\"), code=\"invalid\")",
     "Enter a valid e-mail.", true, 0},
    {"a.py", "python", "raise ValidationError(\"Bad\", code=\"invalid\")", "invalid", false, 0},
    {"a.py", "python", "logger.warning(\"Could not reach the payment gateway.\")",
     "Could not reach the payment gateway.", false, 0},
    {"a.py", "python", "x = {\"Some Key Here\": 1}", "Some Key Here", false, 0},
    {"a.py", "python", "def f():\n    \"\"\"Return the thing we need.\"\"\"\n",
     "Return the thing we need.", false, 0},
    {"a.py", "python", "messages.success(request, f\"Saved {name}.\")", "Saved {name}.", true, 0},
    {"a.go", "go", "return errors.New(\"Unable to process the request\")",
     "Unable to process the request", true, TL_KIND_ERROR},
    {"a.go", "go", "return fmt.Errorf(\"Failed to load the user: %w\", err)",
     "Failed to load the user: %w", false, 0},
    {"a.go", "go", "log.WithError(err).Error(\"Failed to record the code\")",
     "Failed to record the code", false, 0},
    {"a.go", "go", "c.JSON(400, gin.H{\"error\": \"Your session has expired.\"})",
     "Your session has expired.", true, 0},
    {"a.py", "python",
     "x = graphene.String(\n    description=(\"The code to use. \" \"Any case.\"))",
     "The code to use. ", false, 0},
    {"a.py", "python", "raise ValidationError((\"Enter a valid code.\"))", "Enter a valid code.",
     true, TL_KIND_ERROR},
    {"a.c", "c", "die(_(\"could not open '%s'\"), path);", "could not open '%s'", true, 0},
    {"a.c", "c", "OPT_BOOL('n', \"dry-run\", &dry, N_(\"dry run\")),", "dry run", true, 0},
    {"a.c", "c", "OPT_BOOL('n', \"dry-run\", &dry, N_(\"dry run\")),", "dry-run", false, 0},
    {"a.c", "c", "cmdq_error(item, \"too many arguments\");", "too many arguments", true,
     TL_KIND_ERROR},
    {"a.c", "c", "BUG(\"Unreachable state in the reset code\");",
     "Unreachable state in the reset code", false, 0},
    {"a.c", "c", "#include \"Some Header Name.h\"\n", "Some Header Name.h", false, 0},
    {"a.cc", "cpp", "throw std::invalid_argument(\"The amount is not valid.\");",
     "The amount is not valid.", true, 0},
    {"a.rb", "ruby", "flash[:alert] = \"Your card was declined.\"", "Your card was declined.", true,
     0},
    {"a.rb", "ruby", "raise NotImplementedError,\n  \"You must implement the gateway method.\"",
     "You must implement the gateway method.", false, 0},
    {"a.rb", "ruby", "errors.add :base, \"Story is no longer open\"", "Story is no longer open",
     true, 0},
    {"a.rb", "ruby", "redirect_to root_path, notice: \"Your order was placed.\"",
     "Your order was placed.", true, 0},
    {"A.kt", "kotlin", "Toast.makeText(ctx, \"Your podcast was added.\", LENGTH_SHORT).show()",
     "Your podcast was added.", true, 0},
    {"A.kt", "kotlin", "Timber.tag(TAG).d(\"Clip playback started for $id now.\")",
     "Clip playback started for $id now.", false, 0},
    {"A.kt", "kotlin", "throw IllegalStateException(\"Cannot set stars when state is not Loaded\")",
     "Cannot set stars when state is not Loaded", false, 0},
    {"A.kt", "kotlin", "val p = player ?: error(\"The player is not initialised yet.\")",
     "The player is not initialised yet.", false, 0},
    {"A.kt", "kotlin", "val id = requireNotNull(plan.id) { \"The product id must be set first.\" }",
     "The product id must be set first.", false, 0},
    {"A.kt", "kotlin", "fun greet() {\n  val s = \"Welcome back to the app.\"\n}",
     "Welcome back to the app.", true, 0},
    {"A.kt", "kotlin", "AlertDialog.Builder(ctx).setMessage(\"Remove this episode?\")",
     "Remove this episode?", true, 0},
    {"A.kt", "kotlin", "val title = when (code) {\n  400 -> \"Code already used\"\n}",
     "Code already used", true, 0},
    {"A.kt", "kotlin", "var message = response?.text(res) ?: \"Unknown error\"", "Unknown error",
     true, 0},
    {"A.kt", "kotlin",
     "@Preview\n@Composable\nprivate fun CardPreview() {\n  Card(text = \"Your podcast was "
     "added.\")\n}",
     "Your podcast was added.", false, 0},
    {"A.kt", "kotlin", "throw Exception(\"Unable to sign in because no token was returned.\")",
     "Unable to sign in because no token was returned.", false, 0},
    {"A.kt", "kotlin", "Icon(Icons.Default.Close, contentDescription = \"Close\")", "Close", true,
     0},
    {"A.kt", "kotlin", "state.value = ViewState.Failed(\"Error\")", "Error", true, TL_KIND_ERROR},
    {"A.cs", "csharp", "ModelState.AddModelError(\"Email\", \"That email is already taken.\");",
     "That email is already taken.", true, TL_KIND_ERROR},
    {"A.cs", "csharp", "[Required(ErrorMessage = \"Enter your email address.\")]",
     "Enter your email address.", true, 0},
    {"A.cs", "csharp", "_logger.LogWarning(\"Sponsorship redemption failed for {Id}.\", id);",
     "Sponsorship redemption failed for {Id}.", false, 0},
    {"A.cs", "csharp", "throw new InvalidOperationException(\"No user exists after start.\");",
     "No user exists after start.", false, 0},
    {"A.cs", "csharp", "[Obsolete(\"This endpoint is deprecated. Use PUT instead.\")]",
     "This endpoint is deprecated. Use PUT instead.", false, 0},
    {"A.cs", "csharp", "TempData[\"Error\"] = \"The discount could not be saved.\";",
     "The discount could not be saved.", true, 0},
    {"A.cs", "csharp", "throw new BadRequestException($\"You cannot use {name} here.\");",
     "You cannot use {name} here.", true, TL_KIND_ERROR},
    {"a.swift", "swift", "let s = NSLocalizedString(\"Delete\", comment: \"Delete button\")",
     "Delete", true, 0},
    {"a.swift", "swift", "let s = NSLocalizedString(\"Delete\", comment: \"Delete button\")",
     "Delete button", false, 0},
    {"a.swift", "swift", "Text(String(localized: \"Welcome back\"))", "Welcome back", true, 0},
    {"a.swift", "swift",
     "UIAlertController(title: \"Delete note?\", message: \"This cannot be undone.\", "
     "preferredStyle: .alert)",
     "This cannot be undone.", true, 0},
    {"a.swift", "swift", "print(\"Saving the note \\(id) now.\")", "Saving the note \\(id) now.",
     false, 0},
    {"a.swift", "swift", "os_log(\"Sync finished with no changes.\", log: .default)",
     "Sync finished with no changes.", false, 0},
    {"a.swift", "swift", "fatalError(\"init(coder:) has not been implemented\")",
     "init(coder:) has not been implemented", false, 0},
    {"a.php", "php-code", "<?php\nreturn back()->with('success', __('Your card was saved.'));",
     "Your card was saved.", true, 0},
    {"a.php", "php-code", "<?php\n$this->logger->error('Stripe payment intent creation failed');",
     "Stripe payment intent creation failed", false, 0},
    {"a.php", "php-code", "<?php\nthrow new DisplayException('This server is suspended.');",
     "This server is suspended.", true, TL_KIND_ERROR},
    {"a.php", "php-code", "<?php\nsession()->flash('status', 'Your profile was updated.');",
     "status", false, 0},
    {"A.java", "java", "@ApiResponse(responseCode = \"404\", description = \"Account not found\")",
     "Account not found", false, 0},
    {"A.java", "java", "@Size(max = 40, message = \"Use at most 40 characters.\") String name;",
     "Use at most 40 characters.", true, 0},
    {"A.java", "java", "Validate.notNull(store, \"Store must not be null\");",
     "Store must not be null", false, 0},
    {"A.java", "java", "LOGGER.error(\"Error while saving the review\", e);",
     "Error while saving the review", false, 0},
    {"A.java", "java", "throw new ResourceNotFoundException(\"Order was not found\");",
     "Order was not found", true, TL_KIND_ERROR},
    {"A.java", "java", "Toast.makeText(this, \"Card saved\", Toast.LENGTH_SHORT).show();",
     "Card saved", true, 0},
    {"A.java", "java", "new AlertDialog.Builder(this).setTitle(\"Delete card\").show();",
     "Delete card", true, 0},
};

START_TEST(cues_decide)
{
    tl_doc doc;
    const tl_segment *s =
        decide(&doc, cases[_i].path, cases[_i].syntax, cases[_i].src, cases[_i].text, NULL);
    ck_assert_msg((s->skip == NULL) == cases[_i].copy, "case %d `%s`: %s", _i, cases[_i].text,
                  s->skip ? s->skip : s->taken);
    ck_assert(s->skip || s->taken);
    if (cases[_i].kind) ck_assert_int_eq(s->kind, cases[_i].kind);
    tl_doc_free(&doc);
}
END_TEST

static int load_cues(tl_select *sel, tl_arena *arena, const char *yaml, tl_error *err)
{
    tl_ydoc y;
    tl_error_clear(err);
    ck_assert_int_eq(tl_yaml_load(&y, "cues.yml", (const unsigned char *)yaml, strlen(yaml), err),
                     0);
    int rc = tl_select_load(sel, arena, "cues.yml", y.root, err);
    tl_yaml_free(&y);
    return rc;
}

START_TEST(extra_cues_come_first)
{
    tl_select extra = {0};
    tl_arena arena = TL_ARENA_INIT;
    tl_error err;
    ck_assert_int_eq(load_cues(&extra, &arena,
                               "- take: calls\n  kind: error\n  names: [console.log]\n"
                               "- skip: props\n  why: internal note\n  names: [message]\n",
                               &err),
                     0);
    tl_doc doc;
    const tl_segment *s =
        decide(&doc, "a.js", "javascript", "console.log(\"Your card was declined.\");",
               "Your card was declined.", &extra);
    ck_assert_ptr_null(s->skip);
    ck_assert_int_eq(s->kind, TL_KIND_ERROR);
    tl_doc_free(&doc);
    s = decide(&doc, "a.js", "javascript", "x({ message: \"Payment is received\" });",
               "Payment is received", &extra);
    ck_assert_str_eq(s->skip, "internal note");
    tl_doc_free(&doc);
    tl_select_free(&extra);
    tl_arena_free(&arena);
}
END_TEST

START_TEST(bad_cues_are_errors)
{
    static const struct {
        const char *yaml, *msg;
        int line;
    } bad[] = {
        {"take: calls\n", "takes a list", 1},
        {"- take: functions\n  names: [x]\n", "`calls`, `props`, `tags` or `scopes`", 1},
        {"- names: [x]\n", "needs `take:` or `skip:`", 1},
        {"- take: calls\n", "needs a list of `names`", 1},
        {"- take: calls\n  names: [x]\n  kind: shouting\n", "`kind` is one of", 3},
        {"- take: calls\n  names: [x]\n  colour: red\n", "unknown key", 3},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        tl_select sel = {0};
        tl_arena arena = TL_ARENA_INIT;
        tl_error err;
        ck_assert_int_eq(load_cues(&sel, &arena, bad[i].yaml, &err), TL_ECONFIG);
        ck_assert_msg(strstr(err.message, bad[i].msg), "case %zu: %s", i, err.message);
        ck_assert_int_eq(err.line, bad[i].line);
        tl_select_free(&sel);
        tl_arena_free(&arena);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("select");
    TCase *tc = tcase_create("select");
    tcase_add_checked_fixture(tc, load_pack, free_pack);
    tcase_add_loop_test(tc, cues_decide, 0, (int)(sizeof(cases) / sizeof(cases[0])));
    tcase_add_test(tc, extra_cues_come_first);
    tcase_add_test(tc, bad_cues_are_errors);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
