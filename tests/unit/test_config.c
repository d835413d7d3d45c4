/* test_config.c - `.tonelint.yml`: parsing and its errors (with line and
 * column), glob and path matching, relative paths, rule settings resolved
 * per file (ids beat categories, overrides in order), ignored files and
 * keys, `audience:` entries, discovery upward with nearest-wins, and
 * config packs scoped to their config. */
#include "config/config.h"
#include "tl_test.h"
#include "lint/linter.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *pack = "category: wordy\n"
                          "rules:\n"
                          "  - id: wordy.utilize\n"
                          "    severity: suggestion\n"
                          "    kind: substitution\n"
                          "    message: long word\n"
                          "    why: Plain words read faster.\n"
                          "    patterns: ['\\butili[sz]e\\b']\n"
                          "    suggest: ['use']\n"
                          "    examples: {bad: [Utilize it], good: [Use it]}\n"
                          "    source: https://example.org\n"
                          "  - id: wordy.prior-to\n"
                          "    severity: warning\n"
                          "    kind: existence\n"
                          "    message: formal\n"
                          "    why: Formal.\n"
                          "    patterns: ['\\bprior to\\b']\n"
                          "    examples: {bad: [prior to it], good: [before it]}\n"
                          "    source: https://example.org\n";

static const char *pack2 = "category: blame\n"
                           "rules:\n"
                           "  - id: blame.invalid\n"
                           "    severity: error\n"
                           "    kind: existence\n"
                           "    message: verdict\n"
                           "    why: Blame.\n"
                           "    patterns: ['\\binvalid\\b']\n"
                           "    examples: {bad: [Invalid card], good: [Check the card]}\n"
                           "    source: https://example.org\n";

static void load_packs(tl_ruleset *rs)
{
    tl_error err;
    tl_error_clear(&err);
    tl_ruleset_init(rs);
    ck_assert_int_eq(tl_ruleset_load_file(rs, "wordy.yml", (const unsigned char *)pack,
                                          strlen(pack), "en", &err),
                     0);
    ck_assert_int_eq(tl_ruleset_load_file(rs, "blame.yml", (const unsigned char *)pack2,
                                          strlen(pack2), "en", &err),
                     0);
}

static int parse(tl_config *cfg, const char *yaml, tl_error *err)
{
    tl_error_clear(err);
    return tl_config_parse(cfg, "cfg.yml", "/proj", (const unsigned char *)yaml, strlen(yaml), err);
}

START_TEST(parses_every_field)
{
    tl_config cfg;
    tl_error err;
    int rc = parse(&cfg,
                   "rules:\n"
                   "  wordy: off\n"
                   "  wordy.prior-to: error\n"
                   "packs: [tone, /abs/pack]\n"
                   "overrides:\n"
                   "  - files: ['emails/**', '*.txt']\n"
                   "    rules: {blame: suggestion}\n"
                   "ignore: [legacy/, '*.pot']\n"
                   "vocabulary: [PIN, Acme]\n"
                   "fail_on: none\n"
                   "min_severity: warning\n"
                   "ignore_keys: ['legal.*', '/^debug\\./']\n",
                   &err);
    ck_assert_msg(rc == 0, "%d:%d %s", err.line, err.column, err.message);
    ck_assert_int_eq(cfg.nrules, 2);
    ck_assert_str_eq(cfg.rules[0].name, "wordy");
    ck_assert_int_eq(cfg.rules[0].severity, TL_SEV_OFF);
    ck_assert_int_eq(cfg.rules[1].severity, TL_SEV_ERROR);
    ck_assert_int_eq(cfg.npacks, 2);
    ck_assert_str_eq(cfg.packs[0], "/proj/tone");
    ck_assert_str_eq(cfg.packs[1], "/abs/pack");
    ck_assert_int_eq(cfg.noverrides, 1);
    ck_assert_int_eq(cfg.overrides[0].nfiles, 2);
    ck_assert_int_eq(cfg.overrides[0].rules[0].severity, TL_SEV_SUGGESTION);
    ck_assert_int_eq(cfg.nignore, 2);
    ck_assert_int_eq(cfg.nvocab, 2);
    ck_assert_str_eq(cfg.vocab[1], "Acme");
    ck_assert_ptr_null(cfg.vocab[2]);
    ck_assert_int_eq(cfg.fail_on, TL_SEV_OFF);
    ck_assert_int_eq(cfg.min_severity, TL_SEV_WARNING);
    ck_assert_int_eq(cfg.nignore_keys, 2);
    ck_assert_ptr_nonnull(cfg.ignore_keys[0].glob);
    ck_assert_ptr_nonnull(cfg.ignore_keys[1].re);
    tl_config_free(&cfg);
}
END_TEST

START_TEST(empty_config_is_valid)
{
    static const char *const docs[] = {"", "# only a comment\n", "---\n"};
    for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
        tl_config cfg;
        tl_error err;
        ck_assert_int_eq(parse(&cfg, docs[i], &err), 0);
        ck_assert_int_eq(cfg.fail_on, -1);
        ck_assert_int_eq(cfg.min_severity, -1);
        ck_assert_ptr_nonnull(cfg.vocab);
        tl_config_free(&cfg);
    }
}
END_TEST

static const struct {
    const char *yaml;
    int line, column;
    const char *message;
} bad_configs[] = {
    {"rule: {}\n", 1, 1, "unknown key `rule`"},
    {"rules:\n  wordy: loud\n", 2, 10, "takes off, error, warning or suggestion"},
    {"rules:\n  wordy:\n", 2, 9, "takes off, error, warning or suggestion"},
    {"rules: [wordy]\n", 1, 8, "`rules` takes a map"},
    {"ignore: legacy\n", 1, 9, "`ignore` takes a list"},
    {"ignore: ['[abc']\n", 1, 10, "malformed pattern"},
    {"ignore: ['{a,b']\n", 1, 10, "malformed pattern"},
    {"vocabulary: [ok, '']\n", 1, 18, "non-empty strings"},
    {"fail_on: always\n", 1, 10, "`fail_on` takes error, warning, suggestion or none"},
    {"min_severity: none\n", 1, 15, "`min_severity` takes error, warning or suggestion"},
    {"overrides:\n  - files: ['*.txt']\n", 2, 5, "an override needs `rules`"},
    {"overrides:\n  - rules: {wordy: off}\n", 2, 5, "an override needs `files`"},
    {"overrides:\n  - files: ['*.txt']\n    rules: {wordy: off}\n    vocabulary: [x]\n", 4, 5,
     "unknown key `vocabulary` in an override"},
    {"overrides:\n  - files: []\n    rules: {wordy: off}\n", 2, 12, "at least one pattern"},
    {"ignore_keys: ['/(unclosed/']\n", 1, 15, "bad regular expression"},
    {"rules: {wordy: off}\nrules: {blame: off}\n", 2, 1, "duplicate key `rules`"},
    {"audience:\n  - audience: admins\n    keys: [a]\n", 2, 15,
     "`audience` takes developer, settings or customer"},
    {"audience:\n  - audience: developer\n", 2, 5, "an `audience` entry needs `files` or `keys`"},
    {"audience:\n  - keys: [a]\n", 2, 5, "an `audience` entry needs an `audience`"},
    {"audience:\n  - audience: settings\n    file: [a]\n", 3, 5,
     "unknown key `file` in `audience` (audience, files, keys)"},
    {"audience: {audience: developer}\n", 1, 11, "`audience` takes a list of"},
    {"- just\n- a list\n", 1, 1, "the config is a map"},
    {"rules: {wordy: off\n", 2, 1, ""}, /* YAML syntax error */
};

START_TEST(errors_name_line_and_column)
{
    tl_config cfg;
    tl_error err;
    int rc = parse(&cfg, bad_configs[_i].yaml, &err);
    ck_assert_int_eq(rc, TL_ECONFIG);
    ck_assert_str_eq(err.path, "cfg.yml");
    ck_assert_msg(strstr(err.message, bad_configs[_i].message), "message: %s", err.message);
    ck_assert_msg(err.line == bad_configs[_i].line && err.column == bad_configs[_i].column,
                  "case %d at %d:%d, expected %d:%d (%s)", _i, err.line, err.column,
                  bad_configs[_i].line, bad_configs[_i].column, err.message);
    tl_config_free(&cfg);
}
END_TEST

START_TEST(unknown_rule_names_are_errors)
{
    tl_ruleset rs;
    load_packs(&rs);
    tl_config cfg;
    tl_error err;
    ck_assert_int_eq(parse(&cfg,
                           "rules:\n  wordy.utilize: off\n  blame: warning\n  cta: off\n"
                           "overrides:\n  - files: [x]\n    rules:\n      wordy.utilise: off\n",
                           &err),
                     0);
    ck_assert_int_eq(tl_config_check(&cfg, &rs, &err), TL_ECONFIG);
    ck_assert_int_eq(err.line, 8);
    ck_assert_int_eq(err.column, 7);
    ck_assert_msg(strstr(err.message, "`wordy.utilise`"), "%s", err.message);
    tl_config_free(&cfg);
    tl_ruleset_free(&rs);
}
END_TEST

static const struct {
    const char *pattern, *text;
    unsigned flags;
    bool match;
} globs[] = {
    {"*.po", "app.po", TL_GLOB_PATH, true},
    {"*.po", "dir/app.po", TL_GLOB_PATH, false},
    {"*.po", "dir/app.po", 0, true},
    {"**/*.po", "app.po", TL_GLOB_PATH, true},
    {"**/*.po", "a/b/c/app.po", TL_GLOB_PATH, true},
    {"a/**/b", "a/b", TL_GLOB_PATH, true},
    {"a/**/b", "a/x/y/b", TL_GLOB_PATH, true},
    {"a/**/b", "a/xb", TL_GLOB_PATH, false},
    {"a/**", "a/x/y", TL_GLOB_PATH, true},
    {"a/**", "b/x", TL_GLOB_PATH, false},
    {"?.po", "a.po", TL_GLOB_PATH, true},
    {"?.po", "é.po", TL_GLOB_PATH, true}, /* one character, two bytes */
    {"?.po", "ab.po", TL_GLOB_PATH, false},
    {"a?b", "a/b", TL_GLOB_PATH, false},
    {"[abc].po", "b.po", 0, true},
    {"[!abc].po", "b.po", 0, false},
    {"[a-c].po", "c.po", 0, true},
    {"[a-c].po", "d.po", 0, false},
    {"[]].po", "].po", 0, true},
    {"*.{po,pot}", "x.pot", 0, true},
    {"*.{po,pot}", "x.json", 0, false},
    {"{emails,mail}/**", "mail/a/b.txt", TL_GLOB_PATH, true},
    {"a{b,{c,d}}e", "ade", 0, true},
    {"\\*.po", "*.po", 0, true},
    {"\\*.po", "x.po", 0, false},
    {"legal.*", "legal.terms.body", 0, true},
    {"*.legal.*", "en.legal.terms", 0, true},
    {"errors.card_*", "errors.card_declined", 0, true},
    {"errors.card_*", "errors.card", 0, false},
    {"*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaa", 0, false},
    {"[abc", "a", 0, false},  /* malformed: matches nothing */
    {"a}b", "a}b", 0, false}, /* a stray closer is malformed too */
    {"**/**/**/x", "a/b/x", TL_GLOB_PATH, true},
    {"**/x", "a/bx", TL_GLOB_PATH, false},
    {"{a,b}{c,d}{e,f}", "bcf", 0, true},
};

START_TEST(glob_table)
{
    ck_assert_msg(tl_glob_match(globs[_i].pattern, globs[_i].text, globs[_i].flags) ==
                      globs[_i].match,
                  "`%s` on `%s`", globs[_i].pattern, globs[_i].text);
}
END_TEST

static const struct {
    const char *pattern, *rel;
    bool match;
} paths[] = {
    {"*.pot", "locale/app.pot", true}, /* no slash: any depth */
    {"legacy", "legacy/old.po", true}, /* a folder name anywhere */
    {"legacy", "src/legacy/old.po", true},
    {"legacy/", "legacy/old.po", true},
    {"legacy/", "legacy", false}, /* trailing slash: folders only */
    {"legacy/", "a/legacy/b/c.po", true},
    {"src/", "src/a.po", true},
    {"src/a.po/", "src/a.po", false},
    {"old.po/", "legacy/old.po", false},
    {"/legacy", "src/legacy/old.po", false}, /* anchored */
    {"src/legacy", "src/legacy/old.po", true},
    {"src/legacy", "x/src/legacy/old.po", false},
    {"./src/*.po", "src/a.po", true},
    {"src/*.po", "src/sub/a.po", false},
    {"src/**/*.po", "src/sub/a.po", true},
    {"emails/**", "emails/receipt.txt", true},
    {"*.txt", "../outside/a.txt", true},
    {"*", "../a.po", true},
    {"..", "../a.po", false},
};

START_TEST(path_table)
{
    ck_assert_msg(tl_path_match(paths[_i].pattern, paths[_i].rel) == paths[_i].match,
                  "`%s` on `%s`", paths[_i].pattern, paths[_i].rel);
}
END_TEST

/* A scratch tree: tmp/.tonelint.yml, tmp/sub/, tmp/sub/deeper/.tonelint.yml. */
static char tmp[256];

static void write_file(const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", tmp, rel);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void make_tree(void)
{
    snprintf(tmp, sizeof(tmp), "/tmp/tl_config_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
    char path[512];
    snprintf(path, sizeof(path), "%s/sub", tmp);
    mkdir(path, 0755);
    snprintf(path, sizeof(path), "%s/sub/deeper", tmp);
    mkdir(path, 0755);
    snprintf(path, sizeof(path), "%s/pack", tmp);
    mkdir(path, 0755);
}

static void remove_tree(void)
{
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
    ck_assert_int_eq(system(cmd), 0);
}

static int index_of(const tl_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < rs->n; i++)
        if (strcmp(rs->rules[i]->id, id) == 0) return (int)i;
    return -1;
}

START_TEST(policy_resolves_ids_categories_and_overrides)
{
    make_tree();
    write_file(".tonelint.yml", "rules:\n"
                                "  wordy: off\n"
                                "  wordy.prior-to: error\n"
                                "overrides:\n"
                                "  - files: ['emails/**']\n"
                                "    rules: {wordy.prior-to: off, blame: suggestion}\n"
                                "  - files: ['*.txt']\n"
                                "    rules: {blame: warning}\n"
                                "ignore: [legacy]\n"
                                "vocabulary: [Acme]\n");
    tl_ruleset rs;
    load_packs(&rs);
    tl_configs s;
    tl_configs_init(&s, &rs);
    tl_error err;
    tl_error_clear(&err);
    char file[512];
    snprintf(file, sizeof(file), "%s/sub/a.po", tmp);
    const tl_config *cfg;
    ck_assert_int_eq(tl_configs_find(&s, file, &cfg, &err), 0);
    ck_assert_ptr_nonnull(cfg);
    ck_assert_str_eq(tl_configs_relative(&s, cfg, file), "sub/a.po");
    int ut = index_of(&rs, "wordy.utilize"), pt = index_of(&rs, "wordy.prior-to"),
        inv = index_of(&rs, "blame.invalid");
    tl_policy p;
    memset(&p, 0, sizeof(p));
    ck_assert_int_eq(tl_configs_policy(&s, cfg, "sub/a.po", &p), 0);
    ck_assert_int_eq(p.severity[ut], TL_SEV_OFF);   /* category */
    ck_assert_int_eq(p.severity[pt], TL_SEV_ERROR); /* the id beats its category */
    ck_assert_int_eq(p.severity[inv], -1);          /* as in the pack */
    ck_assert_str_eq(p.vocab[0], "Acme");
    ck_assert_int_eq(tl_configs_policy(&s, cfg, "emails/receipt.txt", &p), 0);
    ck_assert_int_eq(p.severity[pt], TL_SEV_OFF);
    ck_assert_int_eq(p.severity[inv], TL_SEV_WARNING); /* the later override wins */
    ck_assert_int_eq(tl_configs_policy(&s, cfg, "emails/receipt.html", &p), 0);
    ck_assert_int_eq(p.severity[inv], TL_SEV_SUGGESTION);
    ck_assert(tl_config_ignores(cfg, "legacy/x.po"));
    ck_assert(!tl_config_ignores(cfg, "sub/a.po"));
    tl_policy_free(&p);
    tl_configs_free(&s);
    tl_ruleset_free(&rs);
    remove_tree();
}
END_TEST

START_TEST(discovery_nearest_wins_and_packs_are_scoped)
{
    make_tree();
    write_file(".tonelint.yml", "rules: {blame: warning}\n");
    write_file("sub/deeper/.tonelint.yml", "packs: [../../pack]\nrules: {cold: suggestion}\n");
    write_file("pack/cold.yml", "category: cold\n"
                                "rules:\n"
                                "  - id: cold.system\n"
                                "    severity: warning\n"
                                "    kind: existence\n"
                                "    message: system\n"
                                "    why: Cold.\n"
                                "    patterns: ['\\bthe system\\b']\n"
                                "    examples: {bad: [the system says], good: [we say]}\n"
                                "    source: https://example.org\n");
    tl_ruleset rs;
    load_packs(&rs);
    tl_configs s;
    tl_configs_init(&s, &rs);
    tl_error err;
    tl_error_clear(&err);
    char a[512], b[512];
    snprintf(a, sizeof(a), "%s/sub/a.po", tmp);
    snprintf(b, sizeof(b), "%s/sub/deeper/b.po", tmp);
    const tl_config *ca, *cb, *again;
    ck_assert_int_eq(tl_configs_find(&s, a, &ca, &err), 0);
    ck_assert_int_eq(tl_configs_find(&s, b, &cb, &err), 0);
    ck_assert_msg(err.code == 0, "%s", err.message);
    ck_assert_ptr_nonnull(ca);
    ck_assert_ptr_nonnull(cb);
    ck_assert_ptr_ne(ca, cb);
    ck_assert(s.rules_changed);
    ck_assert_int_eq(tl_configs_find(&s, a, &again, &err), 0);
    ck_assert_ptr_eq(again, ca); /* from the cache */
    ck_assert_int_eq(s.n, 2);
    int cold = index_of(&rs, "cold.system");
    ck_assert_int_ge(cold, 0);
    tl_policy p;
    memset(&p, 0, sizeof(p));
    ck_assert_int_eq(tl_configs_policy(&s, cb, "b.po", &p), 0);
    ck_assert_int_eq(p.severity[cold], TL_SEV_SUGGESTION);
    ck_assert_int_eq(tl_configs_policy(&s, ca, "sub/a.po", &p), 0);
    ck_assert_int_eq(p.severity[cold], TL_SEV_OFF); /* another config's pack */
    ck_assert_int_eq(tl_configs_policy(&s, NULL, "x.po", &p), 0);
    ck_assert_int_eq(p.severity[cold], TL_SEV_OFF);
    tl_policy_free(&p);
    tl_configs_free(&s);
    tl_ruleset_free(&rs);
    remove_tree();
}
END_TEST

START_TEST(discovery_errors_and_missing_packs)
{
    make_tree();
    write_file(".tonelint.yml", "packs: [nowhere]\n");
    tl_ruleset rs;
    load_packs(&rs);
    tl_configs s;
    tl_configs_init(&s, &rs);
    tl_error err;
    tl_error_clear(&err);
    char a[512];
    snprintf(a, sizeof(a), "%s/sub/a.po", tmp);
    const tl_config *c;
    ck_assert_int_eq(tl_configs_find(&s, a, &c, &err), TL_ECONFIG);
    ck_assert_int_eq(err.line, 1);
    ck_assert_int_eq(err.column, 9);
    ck_assert_msg(strstr(err.message, "not found"), "%s", err.message);
    ck_assert_msg(strstr(err.path, ".tonelint.yml"), "%s", err.path);
    tl_configs_free(&s);
    tl_ruleset_free(&rs);
    remove_tree();
}
END_TEST

START_TEST(ignored_keys)
{
    tl_config cfg;
    tl_error err;
    ck_assert_int_eq(
        parse(&cfg, "ignore_keys: ['legal.*', '/^debug\\.[0-9]+$/', 'Terms*']\n", &err), 0);
    tl_regex_scratch *sc;
    ck_assert_int_eq(tl_regex_scratch_new(&sc), 0);
    struct {
        const char *key, *context;
        bool ignored;
    } cases[] = {
        {"legal.terms", NULL, true},       {"en.legal.terms", NULL, false},
        {"debug.42", NULL, true},          {"debug.x", NULL, false},
        {"Sign in", "legal.footer", true}, /* PO msgctxt */
        {"Terms of use", NULL, true},      {NULL, NULL, false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        tl_segment seg;
        memset(&seg, 0, sizeof(seg));
        seg.key = cases[i].key;
        seg.context = cases[i].context;
        ck_assert_msg(tl_config_ignores_key(&cfg, sc, &seg) == cases[i].ignored, "case %zu", i);
    }
    tl_regex_scratch_free(sc);
    tl_config_free(&cfg);
}
END_TEST

/* `audience:` entries: the first whose files and keys match gives the
 * audience flags; policies of files matched by different entries differ. */
START_TEST(audience_by_files_and_keys)
{
    tl_ruleset rs;
    load_packs(&rs);
    tl_configs s;
    tl_configs_init(&s, &rs);
    tl_config cfg;
    tl_error err;
    ck_assert_int_eq(parse(&cfg,
                           "audience:\n"
                           "  - audience: customer\n"
                           "    files: [admin/**]\n"
                           "    keys: [billing.*]\n"
                           "  - audience: developer\n"
                           "    files: [admin/**, 'core/resources/**']\n"
                           "  - audience: settings\n"
                           "    keys: [ui.panel.config.*, '/^prefs_/']\n",
                           &err),
                     0);
    tl_regex_scratch *sc;
    ck_assert_int_eq(tl_regex_scratch_new(&sc), 0);
    struct {
        const char *rel, *key, *context;
        int audience;
    } cases[] = {
        {"admin/en.json", "billing.due", NULL, 0}, /* files and keys: the first entry */
        {"admin/en.json", "users.list", NULL, TL_SEG_DEVELOPER},
        {"core/resources/x.properties", "prefs_theme", NULL, TL_SEG_DEVELOPER},
        {"app/en.json", "prefs_theme", NULL, TL_SEG_SETTINGS},
        {"app/en.json", "ui.panel.config.title", NULL, TL_SEG_SETTINGS},
        {"app/en.po", "Theme", "ui.panel.config.theme", TL_SEG_SETTINGS}, /* msgctxt */
        {"app/en.json", "billing.due", NULL, -1},
        {"app/en.json", NULL, NULL, -1},
    };
    tl_policy p;
    memset(&p, 0, sizeof(p));
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ck_assert_int_eq(tl_configs_policy(&s, &cfg, cases[i].rel, &p), 0);
        tl_segment seg;
        memset(&seg, 0, sizeof(seg));
        seg.key = cases[i].key;
        seg.context = cases[i].context;
        ck_assert_msg(tl_policy_audience(&p, sc, &seg) == cases[i].audience, "case %zu", i);
        ck_assert_ptr_null(tl_policy_moment(&p, sc, &seg));
    }
    ck_assert_int_eq(tl_configs_policy(&s, &cfg, "admin/en.json", &p), 0);
    const tl_policy *admin = tl_configs_keep(&s, &p);
    ck_assert_int_eq(tl_configs_policy(&s, &cfg, "app/en.json", &p), 0);
    ck_assert_ptr_ne(tl_configs_keep(&s, &p), admin);
    ck_assert_int_eq(tl_configs_policy(&s, &cfg, "admin/sub/en.json", &p), 0);
    ck_assert_ptr_eq(tl_configs_keep(&s, &p), admin);
    ck_assert_int_eq(tl_policy_audience(NULL, sc, NULL), -1);
    tl_policy_free(&p);
    tl_regex_scratch_free(sc);
    tl_configs_free(&s);
    tl_config_free(&cfg);
    tl_ruleset_free(&rs);
}
END_TEST

START_TEST(relative_paths)
{
    char *cwd = realpath(".", NULL);
    ck_assert_ptr_nonnull(cwd);
    tl_buf b = TL_BUF_INIT;
    ck_assert_int_eq(tl_path_relative(&b, cwd, "a.po"), 0);
    ck_assert_str_eq(b.data, "a.po");
    tl_buf_reset(&b);
    ck_assert_int_eq(tl_path_relative(&b, "/", "/tmp/x.po"), 0);
    ck_assert_str_eq(b.data, "tmp/x.po");
    tl_buf_reset(&b);
    ck_assert_int_eq(tl_path_relative(&b, "/usr/share", "/tmp/x.po"), 0);
    ck_assert_str_eq(b.data, "../../tmp/x.po");
    tl_buf_reset(&b);
    ck_assert_int_eq(tl_path_relative(&b, "/tmp", "/nonexistent-folder/x.po"), TL_EIO);
    tl_buf_free(&b);
    free(cwd);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("config");
    TCase *tp = tcase_create("parse");
    tcase_add_test(tp, parses_every_field);
    tcase_add_test(tp, empty_config_is_valid);
    tcase_add_loop_test(tp, errors_name_line_and_column, 0,
                        sizeof(bad_configs) / sizeof(bad_configs[0]));
    tcase_add_test(tp, unknown_rule_names_are_errors);
    tcase_add_test(tp, ignored_keys);
    tcase_add_test(tp, audience_by_files_and_keys);
    suite_add_tcase(s, tp);
    TCase *tg = tcase_create("glob");
    tcase_add_loop_test(tg, glob_table, 0, sizeof(globs) / sizeof(globs[0]));
    tcase_add_loop_test(tg, path_table, 0, sizeof(paths) / sizeof(paths[0]));
    tcase_add_test(tg, relative_paths);
    suite_add_tcase(s, tg);
    TCase *td = tcase_create("discovery");
    tcase_add_test(td, policy_resolves_ids_categories_and_overrides);
    tcase_add_test(td, discovery_nearest_wins_and_packs_are_scoped);
    tcase_add_test(td, discovery_errors_and_missing_packs);
    suite_add_tcase(s, td);
    return tl_test_run(s);
}
