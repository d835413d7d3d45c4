/* test_moments.c - journey moments: cue files load, bad ones are refused
 * with a position, and segments get the moment their key, context, PO
 * references, notes, path or words point to. */
#include "match/matcher.h"
#include "tl_test.h"
#include "match/rule.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

static tl_ruleset rs;

static void load_pack(void)
{
    tl_ruleset_init(&rs);
    tl_error err;
    tl_error_clear(&err);
    int rc = tl_ruleset_load_dir(&rs, TL_SOURCE_DIR "/rules", NULL, &err);
    if (rc < 0) fprintf(stderr, "%s:%d:%d: %s\n", err.path, err.line, err.column, err.message);
    ck_assert_int_eq(rc, 0);
}

typedef struct seg_case {
    const char *key, *context, *refs, *comment, *text, *path;
    bool template_file;
    const char *want;
} seg_case;

static const char *moment_of(const seg_case *c)
{
    tl_segment seg;
    memset(&seg, 0, sizeof(seg));
    seg.key = c->key;
    seg.context = c->context;
    seg.refs = c->refs;
    seg.comment = c->comment;
    seg.text = c->text ? c->text : "";
    seg.text_len = strlen(seg.text);
    seg.lang = "en";
    tl_moment_doc md = {c->path, c->template_file};
    int m = tl_moment_classify(&rs.moments, &seg, &md);
    ck_assert_int_ge(m, 0);
    return rs.moments.ids[m];
}

START_TEST(the_default_moments_load)
{
    load_pack();
    static const char *const ids[] = {
        "sign-up",      "sign-in", "checkout",      "receipts", "billing", "delivery",
        "cancellation", "support", "notifications", "general",  NULL};
    for (int i = 0; ids[i]; i++) {
        int m = tl_moments_find(&rs.moments, ids[i]);
        ck_assert_msg(m >= 0, "moment %s is missing", ids[i]);
        ck_assert_ptr_nonnull(rs.moments.titles[m]);
    }
    ck_assert_int_eq(rs.moments.fallback, tl_moments_find(&rs.moments, "general"));
    tl_ruleset_free(&rs);
}
END_TEST

START_TEST(segments_get_their_moment)
{
    load_pack();
    const seg_case cases[] = {
        /* keys and key paths, in every spelling */
        {"checkout.errors.card_declined", NULL, NULL, NULL, "Something went wrong.", "en.json", 0,
         "checkout"},
        {"devise.passwords.send_instructions", NULL, NULL, NULL, "You will receive an email.",
         "config/locales/devise.en.yml", 0, "sign-in"},
        {"unsubscribeConfirmTitle", NULL, NULL, NULL, "Done", "strings.xml", 0, "cancellation"},
        {"invoice_email_subject", NULL, NULL, NULL, "Your document", "en.yml", 0, "receipts"},
        {"subscription.renewal_failed", NULL, NULL, NULL, "We could not renew", "en.json", 0,
         "billing"},
        {"shipment.tracking_number", NULL, NULL, NULL, "Number", "en.json", 0, "delivery"},
        {"onboarding.welcome_title", NULL, NULL, NULL, "Hello", "en.json", 0, "sign-up"},
        {"contactSupport", NULL, NULL, NULL, "Get in touch", "en.json", 0, "support"},
        {"push_notifications_title", NULL, NULL, NULL, "Stay up to date", "en.json", 0,
         "notifications"},
        /* PO: the key is the text; msgctxt and references count */
        {"Continue", "checkout button", NULL, NULL, "Continue", "app.pot", 0, "checkout"},
        /* references settle between the moments strong cues point to, they
         * never decide alone nor with weak cues */
        {"Refund the payment", NULL, "includes/class-wc-gateway-payment.php:12", NULL,
         "Refund the payment", "app.pot", 0, "checkout"},
        {"Refund the payment", NULL, NULL, NULL, "Refund the payment", "app.pot", 0, "billing"},
        {"Enter the amount", NULL, "includes/class-wc-gateway-payment.php:12", NULL,
         "Enter the amount", "app.pot", 0, "general"},
        {"Enter the amount", NULL, NULL, NULL, "Enter the amount", "app.pot", 0, "general"},
        {"Continue", NULL, "includes/class-wc-gateway-payment.php:12", NULL, "Continue", "app.pot",
         0, "general"},
        /* a template's file name */
        {NULL, NULL, NULL, NULL, "Hi there, here is your document.",
         "app/views/mailer/invoice.html.erb", 1, "receipts"},
        /* words alone */
        {NULL, NULL, NULL, NULL, "Enter your password to continue.", "app.pot", 0, "sign-in"},
        {NULL, NULL, NULL, NULL, "Your order has shipped and is on its way.", "app.pot", 0,
         "delivery"},
        {NULL, NULL, NULL, NULL, "You have been unsubscribed from this list.", "app.pot", 0,
         "cancellation"},
        /* nothing points anywhere */
        {"settings.theme.dark", NULL, NULL, NULL, "Dark", "en.json", 0, "general"},
        {NULL, NULL, NULL, NULL, "Loading…", "app.pot", 0, "general"},
        /* weak cues are not enough, alone or together, nor a key that
         * echoes the text */
        {NULL, NULL, NULL, NULL, "Add a card to the dashboard.", "app.pot", 0, "general"},
        {"catalog.products.title", NULL, NULL, NULL, "Products", "en.json", 0, "general"},
        {"orders.view.date", NULL, NULL, NULL, "Order date", "en.json", 0, "general"},
        /* a word that is everywhere in another sense is weak; the phrase
         * that names the moment is strong */
        {"dialog.cancel", NULL, NULL, NULL, "Cancel", "en.json", 0, "general"},
        {"account.cancel_subscription", NULL, NULL, NULL, "Cancel subscription", "en.json", 0,
         "cancellation"},
        {"labels_help", NULL, NULL, NULL, "Barcode and label settings", "en.json", 0, "general"},
        {NULL, NULL, NULL, NULL, "This browser does not support video.", "app.pot", 0, "general"},
        {NULL, NULL, NULL, NULL, "Please contact support.", "app.pot", 0, "support"},
        {NULL, NULL, NULL, NULL, "The database upgrade has started.", "app.pot", 0, "general"},
        {NULL, NULL, NULL, NULL, "Upgrade to Pro", "app.pot", 0, "billing"},
        {NULL, NULL, NULL, NULL, "Choose a payment method", "app.pot", 0, "checkout"},
        /* a translator note */
        {NULL, NULL, NULL, "Shown on the checkout page", "Next", "app.pot", 0, "checkout"},
    };
    int failures = 0;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = moment_of(&cases[i]);
        if (strcmp(got, cases[i].want) != 0) {
            fprintf(stderr, "case %zu (%s / %s): %s, want %s\n", i,
                    cases[i].key ? cases[i].key : "-", cases[i].text, got, cases[i].want);
            failures++;
        }
    }
    ck_assert_int_eq(failures, 0);
    tl_ruleset_free(&rs);
}
END_TEST

static int load_text(tl_ruleset *r, const char *text, tl_error *err)
{
    tl_error_clear(err);
    return tl_ruleset_load_file(r, "m.yml", (const unsigned char *)text, strlen(text), "en", err);
}

START_TEST(bad_moment_files_are_refused)
{
    tl_ruleset r;
    tl_ruleset_init(&r);
    tl_error err;
    ck_assert_int_eq(load_text(&r, "moments:\n  - id: extra\n    words: [x]\n", &err), TL_ECONFIG);
    ck_assert_ptr_nonnull(strstr(err.message, "unknown moment `extra`"));
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(load_text(&r, "moments:\n  - id: a\n    title: A\n    kees: [x]\n", &err),
                     TL_ECONFIG);
    ck_assert_ptr_nonnull(strstr(err.message, "unknown moment field `kees`"));
    ck_assert_int_eq(err.line, 4);
    ck_assert_int_eq(load_text(&r, "moments:\n  - id: Bad\n    title: B\n", &err), TL_ECONFIG);
    ck_assert_int_eq(load_text(&r, "moments:\n  - id: b\n    title: B\n    keys: ['--']\n", &err),
                     TL_ECONFIG);
    ck_assert_ptr_nonnull(strstr(err.message, "has no word"));
    ck_assert_int_eq(load_text(&r,
                               "moments:\n  - id: c\n    title: C\n    keys: [x]\n"
                               "category: cold\n",
                               &err),
                     TL_ECONFIG);
    tl_ruleset_free(&r);
    tl_ruleset_init(&r);
    /* A new moment with a title, then words added to it. */
    ck_assert_int_eq(load_text(&r,
                               "moments:\n  - id: gift\n    title: Gifts\n    keys: [gift*]\n"
                               "  - id: none\n    title: Nothing\n    default: true\n",
                               &err),
                     0);
    ck_assert_int_eq(load_text(&r, "moments:\n  - id: gift\n    words: [present for]\n", &err), 0);
    ck_assert_int_eq(r.moments.n, 2);
    tl_segment seg;
    memset(&seg, 0, sizeof(seg));
    seg.text = "A present for you";
    seg.lang = "en";
    ck_assert_int_eq(tl_moment_classify(&r.moments, &seg, NULL), 0);
    seg.text = "Presents";
    ck_assert_int_eq(tl_moment_classify(&r.moments, &seg, NULL), 1);
    seg.key = "giftCardBalance";
    ck_assert_int_eq(tl_moment_classify(&r.moments, &seg, NULL), 0);
    /* Word cues are per language. */
    seg.key = NULL;
    seg.text = "A present for you";
    seg.lang = "de";
    ck_assert_int_eq(tl_moment_classify(&r.moments, &seg, NULL), 1);
    tl_ruleset_free(&r);
}
END_TEST

START_TEST(rules_name_known_moments)
{
    tl_ruleset r;
    tl_ruleset_init(&r);
    tl_error err;
    ck_assert_int_eq(load_text(&r, "moments:\n  - id: gift\n    title: Gifts\n", &err), 0);
    const char *rule = "category: cold\nrules:\n  - id: cold.x\n    severity: warning\n"
                       "    kind: existence\n    message: m\n    why: w\n    source: s\n"
                       "    patterns: ['\\bxyz\\b']\n    moments: [%s]\n"
                       "    examples: {bad: [{text: xyz, moment: gift}], good: [abc]}\n";
    char buf[1024];
    snprintf(buf, sizeof(buf), rule, "gifts");
    ck_assert_int_eq(load_text(&r, buf, &err), TL_ECONFIG);
    ck_assert_ptr_nonnull(strstr(err.message, "unknown moment `gifts`"));
    ck_assert_int_eq(err.line, 10);
    snprintf(buf, sizeof(buf), rule, "gift");
    ck_assert_int_eq(load_text(&r, buf, &err), 0);
    tl_rule *x = tl_ruleset_find(&r, "cold.x");
    ck_assert_ptr_nonnull(x);
    ck_assert_uint_eq(x->moments, 1u);
    ck_assert_str_eq(x->bad[0].moment, "gift");
    tl_segment seg;
    memset(&seg, 0, sizeof(seg));
    seg.lang = "en";
    seg.kind = TL_KIND_UI;
    ck_assert(!tl_matcher_applies(x, &seg));
    seg.moment_bit = 1u;
    ck_assert(tl_matcher_applies(x, &seg));
    seg.moment_bit = 2u;
    ck_assert(!tl_matcher_applies(x, &seg));
    tl_ruleset_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("moments");
    TCase *tc = tcase_create("moments");
    tcase_add_test(tc, the_default_moments_load);
    tcase_add_test(tc, segments_get_their_moment);
    tcase_add_test(tc, bad_moment_files_are_refused);
    tcase_add_test(tc, rules_name_known_moments);
    suite_add_tcase(s, tc);
    return tl_test_run(s);
}
