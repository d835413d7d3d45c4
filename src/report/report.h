/* report.h - output formats as sinks.
 *
 * Each format is one sink in one file: text.c (people), unix.c (editors'
 * quickfix), json.c (PRODUCT.md §6 contract), sarif.c (SARIF 2.1.0 for code
 * scanning), github.c (GitHub Actions annotations), markdown.c (a job summary
 * page), checkstyle.c (XML for CI dashboards), html.c (one self-contained page for
 * people), statistics.c (--statistics), dump.c (--dump-strings). docs/output-formats.md shows each.
 * A reporter writes through a tl_output and keeps its state in a tl_report
 * that the caller owns. */
#ifndef TL_REPORT_H
#define TL_REPORT_H

#include "../core/buf.h"
#include "../core/json.h"
#include "../core/sink.h"

typedef struct tl_report_options {
    bool color;
    bool show_source;         /* text: source line and caret */
    const char *tool_version; /* sarif: tool.driver.version; NULL: "0.0.0" */
    /* sarif: the folder of tonelint's own pack; its rules link to their
     * page in docs/rules.md, other packs' rules to their `source`. NULL:
     * no rule is tonelint's own. */
    const char *own_rules_dir;
    const struct tl_moments *moments; /* html: the moments' titles; NULL: ids */
    bool dump_skipped;                /* dump: also source literals that are not copy (seg->skip) */
    bool baseline; /* html: findings come marked `known` (in the baseline) or new */
} tl_report_options;

typedef struct tl_report {
    tl_output out;
    tl_report_options opts;
    tl_buf buf;
    size_t nfiles;
    int failed; /* a write failed */
    /* A reporter's own state (SARIF: the rules seen), freed by
     * tl_report_free with free_state. */
    void *state;
    void (*free_state)(void *state);
} tl_report;

/* The reporter names: "text", "unix", "json", "sarif", "github",
 * "checkstyle", "markdown", "html", and "dump" for --dump-strings,
 * "statistics" and "statistics-json" for --statistics.
 * Returns 0, or TL_EUSAGE for an unknown name. */
int tl_report_sink(tl_sink *sink, tl_report *rep, const char *format, tl_output out,
                   const tl_report_options *opts);
void tl_report_free(tl_report *rep);
/* Space-separated list of format names, for --help. */
const char *tl_report_formats(void);

/* Shared helpers for reporters. */
/* Write out the buffered text: 0, TL_ENOMEM when an append to rep->buf
 * failed since the last flush (the chunk is dropped), or TL_EIO. Either
 * failure sets rep->failed; the sink callback returns it, so the run stops
 * and the command exits 2. */
int tl_report_flush(tl_report *rep);

/* Control characters made visible, for the human and line formats (text,
 * unix, github, standard error): C0 controls and DEL as \n \r \t \x1b,
 * C1 controls and the bidirectional overrides and isolates as \u009b,
 * \u202e. Nothing in the file can then start a line, move the cursor or
 * talk to the terminal. Everything else is copied as is. */
int tl_escape_visible(tl_buf *b, const char *s, size_t len);
int tl_escape_cstr(tl_buf *b, const char *s); /* NULL -> nothing */
/* The character at s (n > 0 bytes left) if it is one to escape: its visible
 * form in out and the bytes it takes; else 0. */
size_t tl_escape_at(const unsigned char *s, size_t n, char out[8]);

/* Matched words without the white space around them (NULL -> ""): what an
 * empty rewrite (a deletion) removes, for the formats that show rewrites. */
const char *tl_report_trim(const char *match, size_t *len);

/* The text format's closing lines: the total (over s->runs runs when more
 * than one), then the copies not shown and the files that could not be
 * read, if any. */
void tl_report_text_total(tl_buf *b, const tl_summary *s, bool color);

int tl_report_text(tl_sink *sink, tl_report *rep);
int tl_report_unix(tl_sink *sink, tl_report *rep);
int tl_report_json(tl_sink *sink, tl_report *rep);
int tl_report_dump(tl_sink *sink, tl_report *rep);
int tl_report_sarif(tl_sink *sink, tl_report *rep);
int tl_report_github(tl_sink *sink, tl_report *rep);
int tl_report_checkstyle(tl_sink *sink, tl_report *rep);
int tl_report_markdown(tl_sink *sink, tl_report *rep);
int tl_report_html(tl_sink *sink, tl_report *rep);
int tl_report_statistics(tl_sink *sink, tl_report *rep);      /* --statistics */
int tl_report_statistics_json(tl_sink *sink, tl_report *rep); /* --statistics --format json */

#endif
