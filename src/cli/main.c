/* main.c - the tonelint command: options, rule packs, file walking, exit
 * status. Everything else is libtonelint. */
#include "../lint/copies.h"
#include "../lint/linter.h"
#include "../lint/pool.h"
#include "../lsp/lsp.h"
#include "../report/report.h"
#include "../fix/atomic.h"
#include "../report/diag.h"
#include "fixcmd.h"
#include "../config/rulesdir.h"
#include "project.h"
#include "totals.h"
#include "walk.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef TL_VERSION
#define TL_VERSION "0.0.0"
#endif
#ifndef TL_RULES_INSTALL_DIR
#define TL_RULES_INSTALL_DIR "/usr/local/share/tonelint/rules"
#endif

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

typedef struct options {
    const char *format;
    const char *syntax;
    const char *stdin_name;
    const char **packs;
    size_t npacks;
    bool no_default_rules;
    bool dump;
    bool dump_skipped; /* --skipped: --dump-strings shows source literals that are not copy */
    bool list_rules;
    const char *explain;
    int fail_on;      /* -1: not given (the config's, or warning) */
    int min_severity; /* -1: not given (the config's, or suggestion) */
    int tier;         /* -1: not given (the config's, or default) */
    const char *config;
    bool no_config;
    const char *baseline;
    const char *write_baseline;
    int color; /* -1 auto, 0 never, 1 always */
    bool read_stdin;
    bool fix, diff, fix_extracted; /* --fix, --diff, --fix-extracted */
    bool all_copies;               /* --all-copies */
    bool catalogs_only;            /* --catalogs-only */
    bool source;                   /* --source: folder walks read source code too */
    bool report_unused;            /* --report-unused-disables */
    bool no_summary;               /* --no-summary */
    bool statistics;               /* --statistics */
    bool total_across_runs;        /* --total-across-runs */
    char **options;                /* the options, without the paths (getopt puts them first) */
    int noptions;
    char **paths;
    int npaths;
    int jobs; /* --jobs: worker threads, 0 = one per CPU */
} options;

static void usage(FILE *f)
{
    fprintf(
        f,
        "Usage: tonelint [OPTIONS] [PATH...]\n"
        "       tonelint lsp [--stdio]   the language server for editors: diagnostics\n"
        "                                and quick fixes (tonelint lsp --help,\n"
        "                                docs/editors.md)\n"
        "Find cold, generic, robotic and blaming phrasing in customer-facing copy.\n"
        "\n"
        "PATH is a file or a directory (walked for files tonelint reads); `-` reads\n"
        "standard input. Formats are detected from the file name and content.\n"
        "\n"
        "Options:\n"
        "  -f, --format FORMAT      output: text (default), unix, json, sarif, github,\n"
        "                           markdown, checkstyle, html\n"
        "      --statistics         print counts instead of findings: per rule, category\n"
        "                           and journey moment, and the worst files (text, or\n"
        "                           JSON with --format json)\n"
        "      --dump-strings       print every extracted string as a JSON line\n"
        "      --skipped            with --dump-strings: also the source-code literals\n"
        "                           that are not copy, and why\n"
        "      --syntax NAME        read inputs as this format (names below)\n"
        "      --stdin              read standard input (same as `-`)\n"
        "      --stdin-filename N   name standard input (picks its format)\n"
        "  -r, --rules DIR          load an extra rule pack (repeatable)\n"
        "      --no-default-rules   do not load the default pack\n"
        "      --list-rules         list the loaded rules (use --format json for JSON)\n"
        "      --explain RULE       explain a rule: why, examples, source\n"
        "      --fail-on LEVEL      exit 1 at findings of LEVEL or above:\n"
        "                           error, warning (default), suggestion, none\n"
        "      --min-severity LEVEL report only findings of LEVEL or above\n"
        "      --tier TIER          run the rules of TIER and below: default, strict,\n"
        "                           pedantic (default: the config's, or default)\n"
        "      --config FILE        use this config for every file (no .tonelint.yml lookup)\n"
        "      --no-config          do not look for .tonelint.yml files\n"
        "      --baseline FILE      report only findings not recorded in FILE\n"
        "      --write-baseline FILE  record this run's findings in FILE (exit 0)\n"
        "      --report-unused-disables  report tonelint-disable comments that silence\n"
        "                           nothing, as errors (exit 1 unless --fail-on none)\n"
        "      --fix                apply the safe fixes in place (atomic writes), then\n"
        "                           report what is left; see docs/fixing.md\n"
        "      --diff               print the safe fixes as a unified diff; change nothing\n"
        "      --fix-extracted      also fix text generated from code (gettext msgid) and\n"
        "                           mark its translations fuzzy (implies --fix)\n"
        "      --catalogs-only      skip named files a folder walk skips (package.json,\n"
        "                           CI and build configs, PHP code): for git hooks\n"
        "      --source             folder walks (and --catalogs-only) also read source\n"
        "                           code: .js .jsx .ts .tsx .py .go .c .h .cc .cpp .java .php .rb\n"
        "                           .kt .kts .cs .swift (message modules such as\n"
        "                           locales/en.js are catalogs, read without it)\n"
        "      --all-copies         report an English source string in every catalog\n"
        "                           that repeats it (default: once per run, at the .pot\n"
        "                           or English catalog)\n"
        "      --color[=WHEN]       colour the text output: auto (default), always, never\n"
        "      --no-summary         text output: no closing summary line\n"
        "      --total-across-runs  text output: the closing line totals every run with\n"
        "                           the same parent process and options (the runs a\n"
        "                           pre-commit hook is split into); the last is the total\n"
        "  -j, --jobs N             lint files on N threads (default 0: one per CPU);\n"
        "                           output stays in file order\n"
        "  -V, --version            print the version\n"
        "  -h, --help               print this help\n"
        "\n"
        "Settings come from the nearest .tonelint.yml above each file; options win.\n"
        "Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage, output,\n"
        "configuration or input error. See man tonelint.\n"
        "\n"
        "Formats (--syntax NAME):\n");
    for (const tl_format *fmt = tl_formats(); fmt->name; fmt++)
        fprintf(f, "  %-12s %s\n", fmt->name, fmt->description);
}

static int stdout_errno; /* the error of the first failed write to standard output */

static int write_stdout(void *ud, const char *data, size_t len)
{
    (void)ud;
    if (fwrite(data, 1, len, stdout) == len) return 0;
    if (!stdout_errno) stdout_errno = errno ? errno : EIO;
    return TL_EIO;
}

/* Standard output flushed and checked: a report, a patch or fixed text that
 * did not all reach it (a full disk, /dev/full, a closed file) is an error,
 * never a quiet exit 0 with nothing written. */
static bool flush_stdout(void)
{
    errno = 0;
    if (fflush(stdout) != 0 && !stdout_errno) stdout_errno = errno ? errno : EIO;
    if (!ferror(stdout) && !stdout_errno) return true;
    tl_diag(NULL, 0, 0, "error: cannot write to standard output: %s",
            strerror(stdout_errno ? stdout_errno : EIO));
    return false;
}

static int parse_level(const char *s, bool allow_none)
{
    if (allow_none && strcmp(s, "none") == 0) return TL_SEV_OFF;
    int v = tl_severity_from_name(s);
    return v == TL_SEV_OFF ? -1 : v;
}

static int parse_args(options *o, int argc, char **argv)
{
    enum {
        OPT_DUMP = 256,
        OPT_SKIPPED,
        OPT_SYNTAX,
        OPT_STDIN,
        OPT_STDIN_NAME,
        OPT_NO_DEFAULT,
        OPT_LIST,
        OPT_EXPLAIN,
        OPT_FAIL_ON,
        OPT_MIN_SEV,
        OPT_TIER,
        OPT_COLOR,
        OPT_CONFIG,
        OPT_NO_CONFIG,
        OPT_BASELINE,
        OPT_WRITE_BASELINE,
        OPT_FIX,
        OPT_DIFF,
        OPT_FIX_EXTRACTED,
        OPT_ALL_COPIES,
        OPT_CATALOGS_ONLY,
        OPT_SOURCE,
        OPT_REPORT_UNUSED,
        OPT_NO_SUMMARY,
        OPT_STATISTICS,
        OPT_TOTAL_ACROSS_RUNS
    };
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"dump-strings", no_argument, NULL, OPT_DUMP},
        {"skipped", no_argument, NULL, OPT_SKIPPED},
        {"syntax", required_argument, NULL, OPT_SYNTAX},
        {"stdin", no_argument, NULL, OPT_STDIN},
        {"stdin-filename", required_argument, NULL, OPT_STDIN_NAME},
        {"rules", required_argument, NULL, 'r'},
        {"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT},
        {"list-rules", no_argument, NULL, OPT_LIST},
        {"explain", required_argument, NULL, OPT_EXPLAIN},
        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
        {"min-severity", required_argument, NULL, OPT_MIN_SEV},
        {"tier", required_argument, NULL, OPT_TIER},
        {"color", optional_argument, NULL, OPT_COLOR},
        {"colour", optional_argument, NULL, OPT_COLOR},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"no-config", no_argument, NULL, OPT_NO_CONFIG},
        {"baseline", required_argument, NULL, OPT_BASELINE},
        {"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
        {"fix", no_argument, NULL, OPT_FIX},
        {"diff", no_argument, NULL, OPT_DIFF},
        {"fix-extracted", no_argument, NULL, OPT_FIX_EXTRACTED},
        {"all-copies", no_argument, NULL, OPT_ALL_COPIES},
        {"catalogs-only", no_argument, NULL, OPT_CATALOGS_ONLY},
        {"source", no_argument, NULL, OPT_SOURCE},
        {"report-unused-disables", no_argument, NULL, OPT_REPORT_UNUSED},
        {"no-summary", no_argument, NULL, OPT_NO_SUMMARY},
        {"statistics", no_argument, NULL, OPT_STATISTICS},
        {"total-across-runs", no_argument, NULL, OPT_TOTAL_ACROSS_RUNS},
        {"jobs", required_argument, NULL, 'j'},
        {"version", no_argument, NULL, 'V'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    o->format = NULL;
    o->fail_on = -1;
    o->min_severity = -1;
    o->tier = -1;
    o->color = -1;
    o->packs = calloc((size_t)argc + 1, sizeof(*o->packs));
    if (!o->packs) return -1;
    int c;
    while ((c = getopt_long(argc, argv, "f:r:j:Vh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            o->format = optarg;
            break;
        case OPT_DUMP:
            o->dump = true;
            break;
        case OPT_SKIPPED:
            o->dump_skipped = true;
            break;
        case OPT_FIX:
            o->fix = true;
            break;
        case OPT_DIFF:
            o->diff = true;
            break;
        case OPT_ALL_COPIES:
            o->all_copies = true;
            break;
        case OPT_CATALOGS_ONLY:
            o->catalogs_only = true;
            break;
        case OPT_SOURCE:
            o->source = true;
            break;
        case OPT_REPORT_UNUSED:
            o->report_unused = true;
            break;
        case OPT_NO_SUMMARY:
            o->no_summary = true;
            break;
        case OPT_STATISTICS:
            o->statistics = true;
            break;
        case OPT_TOTAL_ACROSS_RUNS:
            o->total_across_runs = true;
            break;
        case OPT_FIX_EXTRACTED:
            o->fix_extracted = true;
            break;
        case OPT_SYNTAX:
            o->syntax = optarg;
            break;
        case OPT_STDIN:
            o->read_stdin = true;
            break;
        case OPT_STDIN_NAME:
            o->stdin_name = optarg;
            break;
        case 'r':
            o->packs[o->npacks++] = optarg;
            break;
        case OPT_NO_DEFAULT:
            o->no_default_rules = true;
            break;
        case OPT_LIST:
            o->list_rules = true;
            break;
        case OPT_EXPLAIN:
            o->explain = optarg;
            break;
        case OPT_FAIL_ON:
            if ((o->fail_on = parse_level(optarg, true)) < 0) {
                fprintf(stderr, "tonelint: --fail-on takes error, warning, suggestion or none\n");
                return -1;
            }
            break;
        case OPT_MIN_SEV:
            if ((o->min_severity = parse_level(optarg, false)) < 0) {
                fprintf(stderr, "tonelint: --min-severity takes error, warning or suggestion\n");
                return -1;
            }
            break;
        case OPT_TIER:
            if ((o->tier = tl_tier_from_name(optarg)) < 0) {
                fprintf(stderr, "tonelint: --tier takes default, strict or pedantic\n");
                return -1;
            }
            break;
        case OPT_COLOR:
            if (!optarg || strcmp(optarg, "always") == 0)
                o->color = 1;
            else if (strcmp(optarg, "never") == 0)
                o->color = 0;
            else if (strcmp(optarg, "auto") == 0)
                o->color = -1;
            else {
                fprintf(stderr, "tonelint: --color takes auto, always or never\n");
                return -1;
            }
            break;
        case OPT_CONFIG:
            o->config = optarg;
            break;
        case OPT_NO_CONFIG:
            o->no_config = true;
            break;
        case OPT_BASELINE:
            o->baseline = optarg;
            break;
        case OPT_WRITE_BASELINE:
            o->write_baseline = optarg;
            break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 0 || n > 1024) {
                fprintf(stderr, "tonelint: --jobs takes a number from 0 to 1024\n");
                return -1;
            }
            o->jobs = (int)n;
            break;
        }
        case 'V':
            printf("tonelint %s\n", TL_VERSION);
            exit(EXIT_CLEAN);
        case 'h':
            usage(stdout);
            exit(EXIT_CLEAN);
        default:
            fprintf(stderr, "Try `tonelint --help`.\n");
            return -1;
        }
    }
    o->paths = argv + optind;
    o->npaths = argc - optind;
    o->options = argv + 1;
    o->noptions = optind - 1;
    if (!o->format) o->format = "text";
    if (o->fix && o->diff) {
        fprintf(stderr, "tonelint: --fix and --diff do not go together (--diff changes nothing)\n");
        return -1;
    }
    if (o->fix_extracted && !o->diff) o->fix = true;
    if (o->statistics && (o->dump || o->diff)) {
        fprintf(stderr, "tonelint: --statistics counts findings: not with %s\n",
                o->dump ? "--dump-strings" : "--diff");
        return -1;
    }
    if (o->statistics && strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0) {
        fprintf(stderr, "tonelint: --statistics prints text, or JSON with --format json\n");
        return -1;
    }
    if (o->syntax && !tl_format_find(o->syntax)) {
        fprintf(stderr, "tonelint: unknown --syntax `%s`; one of:", o->syntax);
        for (const tl_format *f = tl_formats(); f->name; f++)
            fprintf(stderr, " %s", f->name);
        fprintf(stderr, "\n");
        return -1;
    }
    return 0;
}

static void list_rules(const tl_ruleset *rs, bool json)
{
    tl_buf b = TL_BUF_INIT;
    if (json) tl_buf_puts(&b, "[");
    for (size_t i = 0; i < rs->n; i++) {
        const tl_rule *r = rs->rules[i];
        if (json) {
            tl_buf_puts(&b, i ? ",\n  {" : "\n  {");
            tl_buf_puts(&b, "\"id\": ");
            tl_json_cstr(&b, r->id);
            tl_buf_puts(&b, ", \"category\": ");
            tl_json_cstr(&b, r->category);
            tl_buf_puts(&b, ", \"lang\": ");
            tl_json_cstr(&b, r->lang);
            tl_buf_puts(&b, ", \"severity\": ");
            tl_json_cstr(&b, tl_severity_name(r->severity));
            tl_buf_puts(&b, ", \"kind\": ");
            tl_json_cstr(&b, tl_rule_kind_name(r->kind));
            tl_buf_printf(&b, ", \"fix\": %s, \"message\": ", r->fix_safe ? "\"safe\"" : "null");
            tl_json_cstr(&b, r->message);
            tl_buf_puts(&b, ", \"description\": ");
            tl_buf d = TL_BUF_INIT;
            if (tl_rule_describe(&d, r) < 0) tl_buf_fail(&b);
            tl_json_string(&b, d.data ? d.data : "", d.len);
            tl_buf_free(&d);
            tl_buf_puts(&b, ", \"why\": ");
            tl_json_cstr(&b, r->why);
            tl_buf_puts(&b, ", \"source\": ");
            tl_json_cstr(&b, r->source);
            tl_buf_puts(&b, ", \"scope\": [");
            bool first = true;
            for (int k = TL_KIND_UI; k < TL_KIND_COUNT; k++) {
                if (r->scope == 0xFFu) break;
                if (!(r->scope & (1u << k))) continue;
                tl_buf_puts(&b, first ? "" : ", ");
                tl_json_cstr(&b, tl_kind_name((tl_kind)k));
                first = false;
            }
            if (r->scope == 0xFFu) tl_json_cstr(&b, "all");
            tl_buf_puts(&b, "], \"suggest\": [");
            for (size_t s = 0; s < r->nsuggest; s++) {
                if (s) tl_buf_puts(&b, ", ");
                tl_json_cstr(&b, r->suggest[s]);
            }
            tl_buf_puts(&b, "], \"swap\": [");
            for (size_t k = 0; r->swap && k < r->patterns.n; k++) {
                tl_buf_puts(&b, k ? ", [" : "[");
                for (size_t s = 0; s < r->nswap[k]; s++) {
                    if (s) tl_buf_puts(&b, ", ");
                    tl_json_cstr(&b, r->swap[k][s]);
                }
                tl_buf_puts(&b, "]");
            }
            tl_buf_puts(&b, "], \"tier\": ");
            tl_json_cstr(&b, tl_tier_name(r->tier));
            tl_buf_puts(&b, ", \"patterns\": [");
            for (size_t k = 0; k < r->patterns.n; k++) {
                if (k) tl_buf_puts(&b, ", ");
                tl_json_cstr(&b, r->patterns.src[k]);
            }
            tl_buf_printf(&b, "], \"case_sensitive\": %s, \"raw\": %s",
                          r->case_sensitive ? "true" : "false", r->raw ? "true" : "false");
            tl_buf_puts(&b, ", \"examples\": {\"bad\": [");
            for (size_t e = 0; e < r->nbad; e++) {
                if (e) tl_buf_puts(&b, ", ");
                tl_json_cstr(&b, r->bad[e].text);
            }
            tl_buf_puts(&b, "], \"good\": [");
            for (size_t e = 0; e < r->ngood; e++) {
                if (e) tl_buf_puts(&b, ", ");
                tl_json_cstr(&b, r->good[e].text);
            }
            tl_buf_puts(&b, "]}}");
        } else {
            tl_buf_printf(&b, "%-36s %-10s %-8s %-12s %s%s\n", r->id, tl_severity_name(r->severity),
                          tl_tier_name(r->tier), tl_rule_kind_name(r->kind),
                          r->fix_safe ? "[fix] " : "", r->why);
        }
    }
    if (json) tl_buf_puts(&b, "\n]\n");
    write_stdout(NULL, b.data ? b.data : "", b.len);
    tl_buf_free(&b);
}

static int explain(const tl_ruleset *rs, const char *id)
{
    const tl_rule *r = tl_ruleset_find(rs, id);
    if (!r) {
        const char *near = tl_ruleset_suggest(rs, id);
        if (near)
            fprintf(stderr, "tonelint: no rule `%s`; did you mean %s? (see --list-rules)\n", id,
                    near);
        else
            fprintf(stderr, "tonelint: no rule `%s` (see --list-rules)\n", id);
        return EXIT_TROUBLE;
    }
    printf("%s (%s, %s, %s tier, %s%s)\n\n", r->id, r->category, tl_severity_name(r->severity),
           tl_tier_name(r->tier), tl_rule_kind_name(r->kind), r->fix_safe ? ", safe fix" : "");
    printf("%s\n\n", r->why);
    printf("Message: %s\n", r->message);
    if (r->nsuggest) {
        printf("Suggests:");
        for (size_t i = 0; i < r->nsuggest; i++)
            printf("%s \"%s\"", i ? "," : "", r->suggest[i]);
        printf("\n");
    }
    printf("\nInstead of:\n");
    for (size_t i = 0; i < r->nbad; i++)
        printf("  - %s\n", r->bad[i].text);
    printf("\nWrite:\n");
    for (size_t i = 0; i < r->ngood; i++)
        printf("  + %s\n", r->good[i].text);
    if (r->source) printf("\nSource: %s\n", r->source);
    printf("Defined in: %s:%d\n", r->file, r->line);
    return EXIT_CLEAN;
}

typedef struct run {
    tl_linter *L;
    options *o;
    tl_sink *sink;
    int status;
    tl_cli_fix *fix; /* --fix or --diff, else NULL */
    tl_project *proj;
    tl_pool *pool; /* --jobs: files linted on worker threads, or NULL */
    bool walking;  /* the files come from a folder walk, not the command line */
} run;

/* A sink in front of the reporter: file errors go to standard error. */
typedef struct front {
    tl_sink *inner;
    tl_project *proj;
    const tl_ruleset *rules;
    bool report_unused; /* --report-unused-disables */
    bool dump;          /* --dump-strings: no rule runs, no directive is checked */
} front;

static const char *directive_word(tl_directive_kind kind)
{
    switch (kind) {
    case TL_DIRECTIVE_NEXT_LINE:
        return "tonelint-disable-next-line";
    case TL_DIRECTIVE_LINE:
        return "tonelint-disable-line";
    case TL_DIRECTIVE_DISABLE:
        return "tonelint-disable";
    default:
        return "tonelint-enable";
    }
}

static bool is_category(const tl_ruleset *rs, const char *name)
{
    for (size_t i = 0; i < rs->n; i++)
        if (strcmp(rs->rules[i]->category, name) == 0) return true;
    return false;
}

/* The file's suppression comments: a name that is no rule and no category
 * (it silences nothing) is a warning with a near rule id; with
 * --report-unused-disables, a disable that silenced nothing is an error. */
static void check_directives(front *fr, const tl_file_result *f)
{
    tl_doc *doc = f->doc;
    for (size_t d = 0; d < doc->ndirectives; d++) {
        const tl_directive *dir = &doc->directives[d];
        tl_position pos = {0, 0, 0};
        for (const char *p = dir->rules; *p;) {
            size_t skip = strspn(p, " ,\t");
            p += skip;
            size_t n = strcspn(p, " ,\t");
            if (!n) break;
            char name[128];
            snprintf(name, sizeof(name), "%.*s", (int)n, p);
            if (!tl_ruleset_find(fr->rules, name) && !is_category(fr->rules, name)) {
                size_t at = dir->rules_raw ? dir->rules_at + (size_t)(p - dir->rules) : dir->offset;
                tl_source_position(&doc->src, at, &pos);
                const char *near = tl_ruleset_suggest(fr->rules, name);
                if (near)
                    tl_diag(f->path, pos.line, pos.column,
                            "warning: %s names no rule or category `%s`; did you mean %s?",
                            directive_word(dir->kind), name, near);
                else
                    tl_diag(f->path, pos.line, pos.column,
                            "warning: %s names no rule or category `%s` (see --list-rules)",
                            directive_word(dir->kind), name);
            }
            p += n;
        }
        if (fr->report_unused && !dir->used && dir->kind != TL_DIRECTIVE_ENABLE) {
            tl_source_position(&doc->src, dir->offset, &pos);
            tl_diag(f->path, pos.line, pos.column, "error: unused %s: no %s%sfinding to silence",
                    directive_word(dir->kind), dir->rules, *dir->rules ? " " : "");
            tl_project_problem(fr->proj, f->path, TL_SEV_ERROR);
        }
    }
}

static int front_begin_file(void *ud, const tl_file_result *f)
{
    front *fr = ud;
    if (f->error) tl_diag_error(f->error);
    if (!f->error && f->doc && f->doc->bad_byte) {
        /* Once per file: the rest of the file is linted. */
        tl_position pos = {0, 0, 0};
        size_t off = f->doc->bad_byte - 1;
        tl_source_position(&f->doc->src, off, &pos);
        unsigned char c = f->doc->src.bytes[off];
        if (c)
            tl_diag(f->path, pos.line, pos.column,
                    "warning: byte 0x%02X is not UTF-8; read as U+FFFD (save the file as UTF-8)",
                    c);
        else
            tl_diag(f->path, pos.line, pos.column,
                    "warning: a NUL byte in a string; read as U+FFFD");
    }
    if (!f->error && f->doc && f->doc->ndirectives && !fr->dump) check_directives(fr, f);
    return fr->inner->begin_file ? fr->inner->begin_file(fr->inner->ud, f) : 0;
}
static int front_finding(void *ud, const tl_file_result *file, const tl_finding *f)
{
    front *fr = ud;
    tl_project_finding(fr->proj, file->path, f);
    return fr->inner->finding ? fr->inner->finding(fr->inner->ud, file, f) : 0;
}
static int front_end_file(void *ud, const tl_file_result *f)
{
    front *fr = ud;
    return fr->inner->end_file ? fr->inner->end_file(fr->inner->ud, f) : 0;
}

/* Whether the run lints at most SMALL_RUN bytes: only regular files named
 * on the command line (no folder, no standard input), small in total.
 * Decided before linting from the inputs alone, so a run's output never
 * depends on its timing or --jobs. */
#define SMALL_RUN 1024
/* A pack that did not load: every error in it, each with file:line:column. */
static void pack_errors(const tl_ruleset *rs, const tl_error *err)
{
    if (!rs->nerrors || err->code == TL_ENOMEM) tl_diag_error(err);
    for (size_t i = 0; err->code != TL_ENOMEM && i < rs->nerrors; i++)
        tl_diag_error(&rs->errors[i]);
}

static bool small_run(const options *o)
{
    if (o->read_stdin || o->npaths == 0) return false;
    size_t total = 0;
    for (int i = 0; i < o->npaths; i++) {
        struct stat st;
        if (strcmp(o->paths[i], "-") == 0 || stat(o->paths[i], &st) < 0 || !S_ISREG(st.st_mode))
            return false;
        total += (size_t)st.st_size;
        if (total > SMALL_RUN) return false;
    }
    return true;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Walks visit source code too: whether a file is read is decided with its
 * config (`source: true`) in skip_code. */
static unsigned walk_flags(const options *o)
{
    return (o->syntax ? TL_WALK_ALL_FILES : 0u) | TL_WALK_SOURCE;
}

/* Whether --catalogs-only leaves this file out (source code: skip_code). */
static bool not_catalog(const options *o, const char *path)
{
    return o->catalogs_only && !o->syntax && !tl_format_is_candidate(path) &&
           !tl_format_is_code_path(path);
}

/* Whether a file named as source code is a catalog by its first bytes (a
 * Qt Linguist `.ts` file, not TypeScript). Regular files only: a FIFO must
 * be read once, by the run. */
static bool catalog_by_content(const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0 || !S_ISREG(st.st_mode)) return false;
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    unsigned char head[4096];
    size_t n = fread(head, 1, sizeof(head), f);
    fclose(f);
    const tl_format *fmt = tl_format_detect(path, head, n);
    return fmt && strcmp(fmt->name, "qt-ts") == 0;
}

/* Whether a source file is left out: one a folder walk found, or any with
 * --catalogs-only, is read only with --source or `source: true` in its
 * config (called after tl_project_file). */
static bool skip_code(const run *r, const char *path)
{
    if (r->o->syntax || r->o->source || r->proj->source || !tl_format_is_code_path(path))
        return false;
    return (r->walking || r->o->catalogs_only) && !catalog_by_content(path);
}

static int lint_one(void *ud, const char *path)
{
    run *r = ud;
    /* A file's settings travel with it to the pool (they are never changed
     * afterwards); only a config seen for the first time may bring packs
     * into the shared rule set, so the files in flight are finished first. */
    if (r->pool && tl_project_settles(r->proj, path)) {
        int rc = tl_pool_drain(r->pool);
        if (rc < 0) return rc;
    }
    if (not_catalog(r->o, path)) return 0;
    int skip = tl_project_file(r->proj, path);
    if (skip) return skip < 0 ? skip : 0;
    if (skip_code(r, path)) return 0;
    if (r->fix) return tl_cli_fix_file(r->fix, r->L, path, r->o->syntax, r->sink);
    if (r->pool) return tl_pool_submit(r->pool, path, r->o->syntax);
    return tl_lint_file(r->L, path, r->o->syntax, r->sink);
}

/* Before the run: the source catalogs among the files it will lint. */
static int scan_one(void *ud, const char *path)
{
    run *r = ud;
    struct stat st;
    /* Regular files only: a FIFO must be read once, by the run. */
    if (!tl_copies_candidate(path) || stat(path, &st) < 0 || !S_ISREG(st.st_mode)) return 0;
    if (not_catalog(r->o, path)) return 0;
    if (tl_project_file(r->proj, path) != 0) return 0; /* ignored, or reported by the run */
    if (skip_code(r, path)) return 0;
    return tl_copies_scan(r->L->copies, path);
}

static int scan_error(void *ud, const char *path, const char *message)
{
    (void)ud;
    (void)path;
    (void)message;
    return 0; /* the run reports it */
}

static int walk_error(void *ud, const char *path, const char *message)
{
    run *r = ud;
    /* After the files before it, as one thread would print it. */
    int rc = r->pool ? tl_pool_drain(r->pool) : 0;
    if (rc < 0) return rc;
    tl_diag(path, 0, 0, "error: %s", message);
    r->L->summary.errors++;
    return 0;
}

static int lint_stdin(run *r)
{
    if (r->pool) {
        int rc = tl_pool_drain(r->pool);
        if (rc < 0) return rc;
    }
    tl_buf b = TL_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
        if (tl_buf_append(&b, chunk, n) < 0) {
            tl_buf_free(&b);
            fprintf(stderr, "tonelint: standard input is too large\n");
            r->L->summary.errors++;
            return 0;
        }
    }
    size_t len = b.len;
    unsigned char *bytes = (unsigned char *)tl_buf_detach(&b);
    if (!bytes) return TL_ENOMEM;
    const char *name = r->o->stdin_name ? r->o->stdin_name : "-";
    if (r->o->stdin_name && not_catalog(r->o, r->o->stdin_name)) {
        free(bytes);
        return 0;
    }
    int skip = tl_project_file(r->proj, name);
    r->walking = false;
    if (!skip && r->o->stdin_name && skip_code(r, r->o->stdin_name)) skip = 1;
    if (skip) {
        free(bytes);
        return skip < 0 ? skip : 0;
    }
    const char *syntax = r->o->syntax;
    if (!syntax && !r->o->stdin_name) syntax = NULL;
    if (r->fix) return tl_cli_fix_stdin(r->fix, r->L, name, syntax, bytes, len, r->sink);
    return tl_lint_bytes(r->L, name, syntax, bytes, len, r->sink);
}

/* SIGINT or SIGTERM in the middle of a write (--fix, --write-baseline):
 * the temporary file goes, then the signal does what it would have done. */
static void on_signal(int sig)
{
    tl_atomic_remove_pending();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Messages about files, packs and configs (report/diag.h): on standard
 * error, one line each. */
static void diag_to_stderr(void *ud, const char *line, size_t len)
{
    (void)ud;
    fwrite(line, 1, len, stderr);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "lsp") == 0) return tl_lsp_main(argc - 1, argv + 1);
    tl_diag_set_sink(diag_to_stderr, NULL);
    options o;
    memset(&o, 0, sizeof(o));
    if (parse_args(&o, argc, argv) < 0) {
        free(o.packs);
        return EXIT_TROUBLE;
    }

    /* A signal the caller ignores (a background job's SIGINT) stays ignored. */
    if (signal(SIGINT, on_signal) == SIG_IGN) signal(SIGINT, SIG_IGN);
    if (signal(SIGTERM, on_signal) == SIG_IGN) signal(SIGTERM, SIG_IGN);
    tl_linter L;
    tl_linter_init(&L);
    tl_project proj;
    memset(&proj, 0, sizeof(proj));
    tl_error err;
    tl_error_clear(&err);
    int status = EXIT_CLEAN;
    bool out_checked = false;
    char rules_buf[PATH_MAX];
    const char *rules_dir = tl_default_rules_dir(rules_buf, sizeof(rules_buf));
    if (!o.no_default_rules && tl_ruleset_load_dir(&L.rules, rules_dir, NULL, &err) < 0) {
        pack_errors(&L.rules, &err);
        if (access(rules_dir, F_OK) != 0)
            fprintf(stderr,
                    "tonelint: the default rule pack is not installed where this binary looks "
                    "(%s).\n"
                    "  Set TONELINT_RULES_DIR to the rules/ folder of tonelint (a checkout's "
                    "rules/, or PREFIX/share/tonelint/rules),\n"
                    "  or give packs with --rules DIR (and --no-default-rules).\n",
                    rules_dir);
        status = EXIT_TROUBLE;
        goto done;
    }
    for (size_t i = 0; i < o.npacks; i++) {
        if (tl_ruleset_load_dir(&L.rules, o.packs[i], NULL, &err) < 0) {
            pack_errors(&L.rules, &err);
            status = EXIT_TROUBLE;
            goto done;
        }
    }
    if (tl_default_kinds(&L.rules, &err) < 0) {
        pack_errors(&L.rules, &err);
        status = EXIT_TROUBLE;
        goto done;
    }
    tl_project_options popts = {o.config,  o.no_config,    o.baseline, o.write_baseline,
                                o.fail_on, o.min_severity, o.tier,     o.list_rules || o.explain};
    if (tl_project_open(&proj, &L, &popts) < 0) {
        status = EXIT_TROUBLE;
        goto done;
    }
    if (o.list_rules) {
        list_rules(&L.rules, strcmp(o.format, "json") == 0);
        goto done;
    }
    if (o.explain) {
        status = explain(&L.rules, o.explain);
        goto done;
    }
    L.min_severity = o.min_severity >= 0 ? (tl_severity)o.min_severity : TL_SEV_SUGGESTION;
    L.tier = o.tier >= 0 ? (tl_tier)o.tier : TL_TIER_DEFAULT;
    L.extract_only = o.dump;
    L.small_run = small_run(&o);
    /* The html report shows the findings the baseline holds too, marking
     * the others new; the exit status counts the new ones alone. */
    bool html_baseline = o.baseline && !o.dump && !o.statistics && strcmp(o.format, "html") == 0;
    L.keep_known = html_baseline;
    if (tl_linter_prepare(&L, &err) < 0) {
        tl_diag_error(&err);
        status = EXIT_TROUBLE;
        goto done;
    }

    tl_report rep;
    tl_sink reporter;
    tl_report_options ropts = {false,
                               true,
                               TL_VERSION,
                               o.no_default_rules ? NULL : rules_dir,
                               &L.rules.moments,
                               o.dump_skipped,
                               html_baseline};
    ropts.color = o.color == 1 || (o.color == -1 && isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));
    const char *fmt = o.dump                          ? "dump"
                      : !o.statistics                 ? o.format
                      : strcmp(o.format, "json") == 0 ? "statistics-json"
                                                      : "statistics";
    if (tl_report_sink(&reporter, &rep, fmt, (tl_output){write_stdout, NULL}, &ropts) < 0) {
        fprintf(stderr, "tonelint: unknown --format `%s`; one of: %s\n", o.format,
                tl_report_formats());
        status = EXIT_TROUBLE;
        goto done;
    }
    /* --diff, and --fix of standard input, print the patch or the fixed text on
     * standard output: the report stays off it (file errors still go to stderr). */
    bool fix_stdin = o.fix && (o.read_stdin || o.npaths == 0);
    for (int i = 0; i < o.npaths; i++)
        fix_stdin |= o.fix && strcmp(o.paths[i], "-") == 0;
    /* pre-commit may split the files over several runs: each printing its
     * own total would read as several results. */
    if (o.no_summary && strcmp(fmt, "text") == 0) reporter.end_run = NULL;
    tl_sink no_report = {NULL, NULL, NULL, NULL, NULL, NULL};
    if (o.diff || fix_stdin) reporter = no_report;
    /* --write-baseline accepts what is found: the text report would only
     * repeat it, so one line says what was written (a machine format still
     * prints its report, and the line goes to standard error). */
    bool baseline_line_out =
        o.write_baseline && (strcmp(fmt, "text") == 0 || strcmp(fmt, "unix") == 0);
    if (baseline_line_out) reporter = no_report;
    front fr = {&reporter, &proj, &L.rules, o.report_unused, o.dump};
    tl_sink sink = {&fr, NULL, front_begin_file, front_finding, front_end_file, NULL};
    tl_cli_fix fx = {o.diff, o.fix_extracted ? TL_FIX_EXTRACTED : 0u, NULL, 0, 0, 0, 0, 0};
    run r = {&L, &o, &sink, 0, o.fix || o.diff ? &fx : NULL, &proj, NULL, false};

    if (reporter.begin_run) reporter.begin_run(reporter.ud);
    bool any_input = o.read_stdin || o.npaths == 0;
    if (o.npaths == 0 && isatty(STDIN_FILENO) && !o.read_stdin) {
        usage(stderr);
        tl_report_free(&rep);
        status = EXIT_TROUBLE;
        goto done;
    }
    int rc = 0;
    /* A translation set is one source: each English source string is
     * reported once, at the run's .pot or English catalog (copies.h). */
    tl_copies copies;
    tl_copies_init(&copies);
    if (!o.all_copies && !o.dump) {
        L.copies = &copies;
        for (int i = 0; rc >= 0 && i < o.npaths; i++)
            if (strcmp(o.paths[i], "-") != 0) {
                r.walking = is_dir(o.paths[i]);
                rc = tl_walk(o.paths[i], walk_flags(&o), scan_one, scan_error, &r);
            }
    }
    /* --fix and --diff rewrite files one at a time; a small run needs no thread. */
    if (!r.fix && o.jobs != 1 && !L.small_run) rc = tl_pool_new(&r.pool, &L, o.jobs, &sink);
    if (rc >= 0 && any_input) rc = lint_stdin(&r);
    for (int i = 0; rc >= 0 && i < o.npaths; i++) {
        if (strcmp(o.paths[i], "-") == 0)
            rc = lint_stdin(&r);
        else {
            r.walking = is_dir(o.paths[i]);
            rc = tl_walk(o.paths[i], walk_flags(&o), lint_one, walk_error, &r);
        }
    }
    if (rc >= 0 && r.pool) rc = tl_pool_drain(r.pool);
    tl_pool_free(r.pool);
    /* The text total of a hook split over several runs: this run's counts
     * added to the others', the total so far printed (totals.h). */
    tl_summary total = L.summary;
    if (o.total_across_runs && reporter.end_run && strcmp(fmt, "text") == 0 && rc >= 0)
        tl_totals_add(&total, o.options, o.noptions);
    /* A report that could not be written whole is a failed run (exit 2). */
    int end = reporter.end_run ? reporter.end_run(reporter.ud, &total) : 0;
    if (end < 0 && rc >= 0) rc = end;
    bool out_ok = flush_stdout();
    out_checked = true;
    /* A rule a PCRE2 limit stopped may have missed findings: say so, once. */
    for (size_t i = 0; i < L.summary.nlimits; i++) {
        const tl_rule *lr = tl_ruleset_find(&L.rules, L.summary.limits[i].rule);
        size_t n = L.summary.limits[i].count;
        if (lr && tl_rule_limited_out(lr))
            tl_diag(NULL, 0, 0,
                    "warning: rule %s stopped by the match limit on %zu string%s and turned off "
                    "for the rest of the run; its pattern is too slow and findings are missing",
                    L.summary.limits[i].rule, n, n == 1 ? "" : "s");
        else
            tl_diag(NULL, 0, 0,
                    "warning: rule %s stopped by the match limit on %zu string%s; its "
                    "pattern is too slow there and findings may be missing",
                    L.summary.limits[i].rule, n, n == 1 ? "" : "s");
    }
    /* Fixed text or a patch that did not reach standard output is no fix. */
    if (r.fix && rc >= 0 && (out_ok || !(fix_stdin || o.diff))) tl_cli_fix_summary(r.fix);
    L.copies = NULL;
    tl_copies_free(&copies);
    tl_report_free(&rep);
    if (rc < 0) {
        if (rc != TL_ECONFIG && !(rc == TL_EIO && !out_ok))
            fprintf(stderr, "tonelint: %s\n", tl_error_kind(rc));
        status = EXIT_TROUBLE;
    } else if (tl_project_close(&proj) < 0 || L.summary.errors || !out_ok) {
        status = EXIT_TROUBLE;
    } else if (o.write_baseline) {
        FILE *to = baseline_line_out ? stdout : stderr;
        fprintf(to, "wrote %zu finding%s to %s\n", proj.recorded, proj.recorded == 1 ? "" : "s",
                o.write_baseline);
        status = EXIT_CLEAN;
    } else {
        /* Each file's fail level: --fail-on, else its config's, else warning. */
        status = proj.failing ? EXIT_FINDINGS : EXIT_CLEAN;
    }
done:
    if (!out_checked && !flush_stdout()) status = EXIT_TROUBLE;
    tl_project_free(&proj);
    tl_linter_free(&L);
    free(o.packs);
    return status;
}
