/* project.h - what the command takes from the project: `.tonelint.yml`
 * (found per file, or named with --config), the baseline (--baseline,
 * --write-baseline) and the fail level of each file.
 *
 * Before each file the command calls tl_project_file, which sets the
 * linter's per-file policy and severity floor (or says to skip the file);
 * each reported finding goes through tl_project_finding, which counts the
 * findings at or above their file's fail level. Errors are printed here.
 *
 * Files may be linted on worker threads (pool.h) with the linter's
 * settings as they were when the file was queued: the policies set here
 * are never changed or freed during the run, and the fail level is looked
 * up from the finding's file when it is reported. Only loading a new config
 * changes shared state (its packs join the rule set), so the command
 * finishes the files in flight first when tl_project_settles says so. */
#ifndef TL_PROJECT_H
#define TL_PROJECT_H

#include "../config/baseline.h"
#include "../config/config.h"
#include "../lint/linter.h"

typedef struct tl_project {
    tl_linter *L;
    tl_configs configs;
    bool discover;          /* look for .tonelint.yml upward from each file */
    const tl_config *fixed; /* --config FILE, or NULL */
    tl_policy scratch;      /* the current file's policy, being built */
    bool use_policy;        /* a config or a config pack is in play */
    bool source;            /* the current file's config says `source: true` */
    int cli_fail_on;        /* -1: not given */
    int cli_min_severity;   /* -1: not given */
    int cli_tier;           /* -1: not given */
    char *fail_for;         /* the path fail_on was looked up for */
    int fail_on;
    size_t failing;       /* reported findings at or above their file's fail level */
    tl_baseline baseline; /* --baseline */
    bool have_baseline;
    tl_baseline record; /* --write-baseline */
    const char *write_path;
    size_t recorded;                /* findings recorded for --write-baseline */
    tl_buf rel;                     /* the current file's baseline path */
    char *rel_for;                  /* the document path rel was computed for */
    char *baseline_abs, *write_abs; /* the baseline files, never linted */
} tl_project;

typedef struct tl_project_options {
    const char *config;         /* --config, or NULL */
    bool no_config;             /* --no-config */
    const char *baseline;       /* --baseline, or NULL */
    const char *write_baseline; /* --write-baseline, or NULL */
    int fail_on, min_severity;  /* -1: not given */
    int tier;                   /* -1: not given */
    bool rules_only;            /* --list-rules, --explain: load the current folder's config now,
                                   for its packs */
} tl_project_options;

/* Set up; with --config, load it now (its packs too). Returns 0, or -1
 * after printing the problem. Call before tl_linter_prepare. */
int tl_project_open(tl_project *p, tl_linter *L, const tl_project_options *o);
/* Before linting `path` (for standard input: its --stdin-filename, or
 * "-"): 0 lint it, 1 skip it (the config ignores it, or it is one of
 * tonelint's own files: `.tonelint*`, the baseline), negative: stop the run
 * (a config error, printed). Sets p->source from the file's config. */
int tl_project_file(tl_project *p, const char *path);
/* Whether files in flight must be finished before tl_project_file(path):
 * true when it would load a config not seen yet. */
bool tl_project_settles(tl_project *p, const char *path);
/* A finding of the file at `path` was reported. */
void tl_project_finding(tl_project *p, const char *path, const tl_finding *f);
/* Count a problem that is not a finding (an unused suppression) at
 * `severity` against the file's fail level. */
void tl_project_problem(tl_project *p, const char *path, tl_severity severity);
/* After the run: write the baseline file if asked. 0, or -1 after printing
 * the problem. */
int tl_project_close(tl_project *p);
void tl_project_free(tl_project *p);

#endif
