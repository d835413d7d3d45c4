/* cmdline.c - `tonelint lsp` as a command: its options, the rule packs
 * it loads (again when configs change), the set-up of the server's state
 * and its teardown. The protocol is transport.c's and server.c's. */
#include "server.h"
#include "../report/diag.h"
#include "../config/rulesdir.h"

#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f, "Usage: tonelint lsp [OPTIONS]\n"
               "Run the tonelint language server over standard input and output.\n"
               "\n"
               "Options:\n"
               "  -r, --rules DIR          load an extra rule pack (repeatable)\n"
               "      --no-default-rules   do not load the default pack\n"
               "      --config FILE        use this config for every document instead of\n"
               "                           the nearest .tonelint.yml\n"
               "      --no-config          do not look for .tonelint.yml files\n"
               "      --tier TIER          run the rules of TIER and below: default, strict,\n"
               "                           pedantic\n"
               "      --min-severity LEVEL report only findings of LEVEL or above:\n"
               "                           error, warning, suggestion (default)\n"
               "      --stdio              use standard input and output (the default)\n"
               "      --verbose            log each lint's time and cache use to stderr\n"
               "  -h, --help               print this help\n"
               "\n"
               "Editor set-up: docs/editors.md.\n");
}

/* Load the packs; a failure is kept to be shown to the user once the
 * client is ready, and the server runs without rules rather than exit
 * (an editor would only restart it in a loop). */
void tl_lsp_load_rules(server *S)
{
    tl_error err;
    tl_error_clear(&err);
    char buf[PATH_MAX];
    int rc = 0;
    const char *dir = tl_default_rules_dir(buf, sizeof(buf));
    bool missing = false;
    if (S->default_rules) {
        rc = tl_ruleset_load_dir(&S->L.rules, dir, NULL, &err);
        missing = rc < 0 && access(dir, F_OK) != 0;
    }
    for (size_t i = 0; rc >= 0 && i < S->npacks; i++)
        rc = tl_ruleset_load_dir(&S->L.rules, S->packs[i], NULL, &err);
    if (rc >= 0) rc = tl_default_kinds(&S->L.rules, &err);
    if (rc < 0) {
        if (err.path && err.line)
            snprintf(S->rules_error, sizeof(S->rules_error), "tonelint: %s:%d:%d: %s", err.path,
                     err.line, err.column, err.message);
        else
            snprintf(S->rules_error, sizeof(S->rules_error), "tonelint: %s%s%s%s",
                     err.path ? err.path : "", err.path ? ": " : "", err.message,
                     missing ? " (set TONELINT_RULES_DIR to tonelint's rules/ folder, or give "
                               "packs with --rules DIR)"
                             : "");
        tl_lsp_log(S, "%s", S->rules_error);
        tl_ruleset_free(&S->L.rules);
        tl_ruleset_init(&S->L.rules);
    }
}

int tl_lsp_main(int argc, char **argv)
{
    enum {
        OPT_NO_DEFAULT = 256,
        OPT_MIN_SEV,
        OPT_STDIO,
        OPT_VERBOSE,
        OPT_CONFIG,
        OPT_NO_CONFIG,
        OPT_TIER
    };
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, 'r'},
        {"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"no-config", no_argument, NULL, OPT_NO_CONFIG},
        {"min-severity", required_argument, NULL, OPT_MIN_SEV},
        {"tier", required_argument, NULL, OPT_TIER},
        {"stdio", no_argument, NULL, OPT_STDIO},
        {"verbose", no_argument, NULL, OPT_VERBOSE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    tl_diag_set_sink(tl_lsp_diag_line, NULL);
    server *S = calloc(1, sizeof(*S));
    char **packs = calloc((size_t)argc + 1, sizeof(*packs));
    if (!S || !packs) {
        free(S);
        free(packs);
        fprintf(stderr, "tonelint lsp: out of memory\n");
        return 2;
    }
    size_t npacks = 0;
    bool defaults = true, no_config = false;
    const char *config = NULL;
    int min_sev = -1, tier = -1, c, status = 2;
    optind = 1;
    while ((c = getopt_long(argc, argv, "r:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'r':
            packs[npacks++] = optarg;
            break;
        case OPT_NO_DEFAULT:
            defaults = false;
            break;
        case OPT_CONFIG:
            config = optarg;
            break;
        case OPT_NO_CONFIG:
            no_config = true;
            break;
        case OPT_MIN_SEV:
            min_sev = tl_severity_from_name(optarg);
            if (min_sev < 0 || min_sev == TL_SEV_OFF) {
                fprintf(stderr,
                        "tonelint lsp: --min-severity takes error, warning or suggestion\n");
                goto done;
            }
            break;
        case OPT_TIER:
            if ((tier = tl_tier_from_name(optarg)) < 0) {
                fprintf(stderr, "tonelint lsp: --tier takes default, strict or pedantic\n");
                goto done;
            }
            break;
        case OPT_STDIO:
            break;
        case OPT_VERBOSE:
            S->verbose = true;
            break;
        case 'h':
            usage(stdout);
            status = 0;
            goto done;
        default:
            fprintf(stderr, "Try `tonelint lsp --help`.\n");
            goto done;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "tonelint lsp: unexpected argument `%s`\n", argv[optind]);
        goto done;
    }
    /* A client that goes away must not kill us with SIGPIPE mid-write: the
     * write fails and the loop ends. */
    signal(SIGPIPE, SIG_IGN);
    /* Each lint builds and frees a document's arena (megabytes for a large
     * file). Keep that memory in the process instead of returning it to the
     * kernel after every keystroke and faulting it back in: this halves the
     * cost of extraction in a long-running server. */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);

    tl_linter_init(&S->L);
    S->default_rules = defaults;
    S->packs = packs;
    S->npacks = npacks;
    tl_lsp_load_rules(S);
    S->cli_min_severity = min_sev;
    S->cli_tier = tier;
    S->L.tier = tier >= 0 ? (tl_tier)tier : TL_TIER_DEFAULT;
    S->L.min_severity = min_sev >= 0 ? (tl_severity)min_sev : TL_SEV_SUGGESTION;
    S->discover = !config && !no_config;
    S->config_path = config;
    tl_configs_init(&S->configs, &S->L.rules);
    tl_error err;
    tl_error_clear(&err);
    if (config && tl_configs_add(&S->configs, config, &S->fixed, &err) < 0) {
        tl_diag_error(&err);
        tl_configs_free(&S->configs);
        tl_linter_free(&S->L);
        goto done;
    }
    S->configs.rules_changed = false;
    if (tl_linter_prepare(&S->L, &err) < 0) {
        tl_diag_error(&err);
        tl_configs_free(&S->configs);
        tl_linter_free(&S->L);
        goto done;
    }
    tl_lsp_rule_json_build(S);
    S->in_fd = STDIN_FILENO;
    S->out_fd = STDOUT_FILENO;
    /* Room for a whole publish in the pipe, so the server goes back to
     * reading while the editor parses it (no effect on a file or a tty). */
    fcntl(S->out_fd, F_SETPIPE_SZ, 1 << 20);
    status = tl_lsp_serve(S);
    tl_lsp_docs_free(&S->docs);
    tl_buf_free(&S->out);
    tl_lsp_rule_json_free(S);
    S->L.policy = NULL;
    tl_policy_free(&S->scratch);
    tl_configs_free(&S->configs);
    tl_linter_free(&S->L);
done:
    free(packs);
    free(S);
    return status;
}
