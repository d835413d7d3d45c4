/* linter.h - the pipeline for one file: read, detect, extract, classify,
 * match, suppress, report.
 *
 * This is libtonelint's front door. It never prints, exits or reads argv:
 * the CLI and the language server configure a tl_linter and pass a sink. */
#ifndef TL_LINTER_H
#define TL_LINTER_H

#include "../extract/format.h"
#include "../config/config.h"
#include "../match/matcher.h"
#include "../core/sink.h"

#define TL_MAX_FILE_SIZE ((size_t)1 << 30) /* 1 GiB */

typedef struct tl_linter {
    tl_ruleset rules;
    tl_matcher matcher;
    tl_severity min_severity; /* findings below are dropped */
    tl_tier tier;             /* rules of higher tiers do not run unless configured by name */
    const char *const *vocab;
    tl_summary summary;
    bool keep_docs; /* pass documents to the sink (for text output) */
    /* The run lints a few kilobytes at most (set before tl_linter_prepare):
     * no prefilter is built and PCRE2 interprets patterns instead of
     * JIT-compiling them. Both cost more than they save on that little
     * text; the findings are the same. */
    bool small_run;
    bool extract_only; /* extract and classify, do not match (--dump-strings) */
    /* The current file's settings from its config (rule severities and
     * "off", vocabulary, ignored keys): set before each file with
     * tl_configs_policy, or NULL. */
    const tl_policy *policy;
    /* Optional last say on each finding before it is counted and reported
     * (the baseline): false drops it. */
    bool (*keep)(void *ud, const tl_doc *doc, const tl_finding *f);
    void *keep_ud;
    /* A finding `keep` drops still goes to the sink, marked `known`, and
     * counts in no total (--format html --baseline: what is new is marked). */
    bool keep_known;
    /* Optional: classify and match one segment in place of
     * tl_linter_classify + tl_matcher_run (the language server answers
     * unchanged segments from a cache). Must leave seg and out as those two
     * calls would. */
    int (*match_segment)(void *ud, struct tl_linter *L, tl_doc *doc, tl_segment *seg,
                         tl_findings *out);
    void *match_ud;
    /* Optional: report each source string of a translation set once per
     * run (copies.h); findings on other copies are dropped and counted in
     * summary.copies. NULL: every copy is reported (--all-copies). */
    struct tl_copies *copies;
} tl_linter;

int tl_linter_init(tl_linter *L);
/* What the matcher reads of a segment besides its text: its journey moment
 * (from the pack's cues and the config), its copy kind (tl_classify) and
 * its audience (the cues, then the config's `audience:`). */
void tl_linter_classify(const tl_linter *L, const tl_doc *doc, tl_segment *seg);
void tl_linter_free(tl_linter *L);
/* After loading packs (and changing rule settings), get ready to match. */
int tl_linter_prepare(tl_linter *L, tl_error *err);

/* Lint one document given in memory. `path` names it (for detection and
 * output; may be "-"), `syntax` forces a format (NULL: detect). Takes
 * ownership of `bytes` (malloc'd). Problems with the input are reported to
 * the sink as a file error; the return value is negative only when the run
 * cannot go on (out of memory, the sink failed). */
int tl_lint_bytes(tl_linter *L, const char *path, const char *syntax, unsigned char *bytes,
                  size_t len, tl_sink *sink);
/* Read and lint a file. */
int tl_lint_file(tl_linter *L, const char *path, const char *syntax, tl_sink *sink);

/* tl_lint_file in two halves, so that files can be linted on worker
 * threads and reported in order (pool.c). tl_lint_job_file reads, extracts
 * and matches: it touches only the job and L's matcher, never the summary
 * or a sink, so a worker may call it on its own copy of the linter (with
 * its own matcher) while the rule set is shared read-only.
 * tl_lint_job_deliver then applies L->keep, counts the file in L->summary
 * and calls the sink, on the thread that owns L and the sink; it frees the
 * job's contents and returns what tl_lint_file returns. The job must not
 * move in memory between the two calls. */
typedef struct tl_lint_job {
    const char *path;
    tl_doc doc;
    tl_findings findings;
    tl_error err;
    int rc;
    bool read_failed;      /* no document: err says why */
    tl_rule_count *limits; /* rules stopped by a match limit in this file */
    size_t nlimits;
} tl_lint_job;

void tl_lint_job_file(tl_linter *L, tl_lint_job *job, const char *path, const char *syntax);
void tl_lint_job_bytes(tl_linter *L, tl_lint_job *job, const char *path, const char *syntax,
                       unsigned char *bytes, size_t len);
int tl_lint_job_deliver(tl_linter *L, tl_lint_job *job, tl_sink *sink);
/* Free a job that will not be delivered. */
void tl_lint_job_discard(tl_lint_job *job);

/* Extract, classify and match one document; findings sorted and filtered.
 * Exposed for the language server and the tests. On an input error returns
 * a negative code with err filled. */
int tl_lint_doc(tl_linter *L, tl_doc *doc, const char *syntax, tl_findings *out, tl_error *err);

/* Read a whole file (at most TL_MAX_FILE_SIZE). */
int tl_read_file(const char *path, unsigned char **out, size_t *len, tl_error *err);

void tl_summary_free(tl_summary *s);

#endif
