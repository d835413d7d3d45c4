/* sink.h - where findings go: a struct of callbacks.
 *
 * The linter calls begin_run once, then for each file begin_file, finding
 * (once per finding, in file order) and end_file, then end_run with the
 * totals. Each output format is one sink (src/report/); the language
 * server keeps its documents and lints them with tl_lint_doc. A callback
 * returning a negative code stops the run. Any callback may be NULL. It
 * sits in core/ with the finding type: the linter calls it and the reports
 * implement it, and neither depends on the other. */
#ifndef TL_SINK_H
#define TL_SINK_H

#include "error.h"
#include "finding.h"
#include "segment.h"

typedef struct tl_file_result {
    const char *path;
    const char *syntax;    /* format name, or NULL when detection failed */
    size_t segments;       /* segments extracted */
    size_t skipped;        /* segments in a language without a pack */
    const tl_error *error; /* NULL, or why the file could not be linted */
    tl_doc *doc;           /* the document (for source lines), or NULL */
    const tl_findings *findings;
} tl_file_result;

typedef struct tl_category_count {
    const char *category;
    size_t count;
} tl_category_count;

typedef struct tl_summary {
    size_t files, segments, findings, errors;
    size_t by_severity[3]; /* indexed by tl_severity */
    tl_category_count *by_category;
    size_t ncategories, capcategories;
    size_t fixable;
    /* Findings not reported because another catalog of the run reports the
     * same source string (copies.h). */
    size_t copies;
    /* Rules whose patterns a PCRE2 limit stopped, with the number of
     * strings each: their findings there may be missing. */
    tl_rule_count *limits;
    size_t nlimits, caplimits;
    /* The runs the counts cover: 0 or 1 this run alone, more for the total
     * over the runs of one hook (--total-across-runs). */
    size_t runs;
} tl_summary;

typedef struct tl_sink {
    void *ud;
    int (*begin_run)(void *ud);
    int (*begin_file)(void *ud, const tl_file_result *file);
    int (*finding)(void *ud, const tl_file_result *file, const tl_finding *f);
    int (*end_file)(void *ud, const tl_file_result *file);
    int (*end_run)(void *ud, const tl_summary *summary);
} tl_sink;

/* Where a sink's bytes go (stdout for the CLI, a buffer for tests). */
typedef struct tl_output {
    int (*write)(void *ud, const char *data, size_t len);
    void *ud;
} tl_output;

#endif
