/* markdown.c - --format markdown: one GitHub-flavoured Markdown report for
 * a job's summary page ($GITHUB_STEP_SUMMARY), a pull request comment or
 * a wiki: a headline with the counts, then a table of every finding
 * (file, line:column, level, rule, message, suggestion).
 *
 * Everything from the files (paths, messages, matched text) is escaped so
 * it stays text in its cell: Markdown punctuation gets a backslash, `<`,
 * `>` and `&` become entities (GitHub renders some HTML), line breaks and
 * control characters are shown, never sent. The table stops at MAX_ROWS
 * (GitHub takes at most 1 MiB of summary per step) and says how many more
 * there are. The rows are held until the end so the headline comes first. */
#include "report.h"
#include "../match/rule.h"

#include <stdlib.h>
#include <string.h>

#ifndef TL_INFORMATION_URI
#define TL_INFORMATION_URI "https://github.com/tonelint/tonelint"
#endif
#ifndef TL_RULES_DOC_URI
#define TL_RULES_DOC_URI TL_INFORMATION_URI "/blob/main/docs/rules.md"
#endif

#define MAX_ROWS 1000

typedef struct markdown {
    tl_buf rows;
    size_t nrows, hidden;
    size_t files_with_findings;
    char *last_path; /* the file of the last finding, to count files */
} markdown;

static void free_state(void *p)
{
    markdown *m = p;
    tl_buf_free(&m->rows);
    free(m->last_path);
    free(m);
}

/* Text from a file, as plain text inside a table cell. */
static void cell(tl_buf *b, const char *s)
{
    for (; s && *s; s++) {
        char esc[8];
        size_t k = *s == '\n' || *s == '\r' || *s == '\t'
                       ? 0
                       : tl_escape_at((const unsigned char *)s, strlen(s), esc);
        if (k) {
            tl_buf_puts(b, "\\");
            tl_buf_puts(b, esc); /* \x1b shown as \\x1b: the backslash stays visible */
            s += k - 1;
            continue;
        }
        switch (*s) {
        case '<':
            tl_buf_puts(b, "&lt;");
            break;
        case '>':
            tl_buf_puts(b, "&gt;");
            break;
        case '&':
            tl_buf_puts(b, "&amp;");
            break;
        case '\n':
        case '\r':
        case '\t':
            tl_buf_putc(b, ' ');
            break;
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '|':
        case '#':
        case '~':
        case '!':
        case '$':
            tl_buf_putc(b, '\\');
            tl_buf_putc(b, *s);
            break;
        default:
            tl_buf_putc(b, *s);
            break;
        }
    }
}

static const char *level(tl_severity s)
{
    return s == TL_SEV_ERROR ? "error" : s == TL_SEV_WARNING ? "warning" : "suggestion";
}

/* Whether the rule comes from tonelint's own pack (documented in
 * docs/rules.md), as in sarif.c. */
static bool own_rule(const tl_report *r, const tl_rule *rule)
{
    const char *dir = r->opts.own_rules_dir;
    size_t n = dir ? strlen(dir) : 0;
    return n && rule->file && strncmp(rule->file, dir, n) == 0 && rule->file[n] == '/';
}

static bool room(markdown *m)
{
    if (m->nrows < MAX_ROWS) {
        m->nrows++;
        return true;
    }
    m->hidden++;
    return false;
}

static int finding(void *ud, const tl_file_result *file, const tl_finding *f)
{
    tl_report *r = ud;
    markdown *m = r->state;
    if (!m->last_path || strcmp(file->path, m->last_path) != 0) {
        m->files_with_findings++;
        free(m->last_path);
        m->last_path = strdup(file->path);
    }
    if (!room(m)) return 0;
    tl_buf *b = &m->rows;
    tl_buf_puts(b, "| ");
    cell(b, file->path);
    tl_buf_printf(b, " | %d:%d | %s | ", f->start.line, f->start.column, level(f->severity));
    if (own_rule(r, f->rule)) {
        tl_buf_puts(b, "[");
        cell(b, f->rule->id);
        tl_buf_printf(b, "](%s#%s)", TL_RULES_DOC_URI, f->rule->id);
    } else {
        cell(b, f->rule->id);
    }
    tl_buf_puts(b, " | ");
    cell(b, f->message);
    tl_buf_puts(b, " | ");
    for (size_t i = 0; i < f->nsuggestions && i < 3; i++) {
        tl_buf_puts(b, i ? ", " : "");
        if (!*f->suggestions[i]) {
            /* An empty rewrite deletes the words. */
            size_t len = 0;
            const char *w = tl_report_trim(f->match, &len);
            char *words = strndup(w, len);
            if (!words) return TL_ENOMEM;
            tl_buf_puts(b, "remove \xE2\x80\x9C");
            cell(b, words);
            free(words);
        } else {
            tl_buf_puts(b, "\xE2\x80\x9C");
            cell(b, f->suggestions[i]);
        }
        tl_buf_puts(b, "\xE2\x80\x9D");
    }
    tl_buf_puts(b, " |\n");
    return 0;
}

static int end_file(void *ud, const tl_file_result *file)
{
    tl_report *r = ud;
    markdown *m = r->state;
    const tl_error *err = file->error;
    if (!err || !room(m)) return 0;
    tl_buf *b = &m->rows;
    tl_buf_puts(b, "| ");
    cell(b, file->path);
    if (err->line > 0)
        tl_buf_printf(b, " | %d:%d", err->line, err->column);
    else
        tl_buf_puts(b, " | ");
    tl_buf_puts(b, " | error | ");
    cell(b, tl_error_kind(err->code));
    tl_buf_puts(b, " | ");
    cell(b, err->message);
    tl_buf_puts(b, " |  |\n");
    return 0;
}

static void plural(tl_buf *b, size_t n, const char *word)
{
    tl_buf_printf(b, "%zu %s%s", n, word, n == 1 ? "" : "s");
}

static int end_run(void *ud, const tl_summary *sum)
{
    tl_report *r = ud;
    markdown *m = r->state;
    tl_buf *b = &r->buf;
    tl_buf_puts(b, "### tonelint: ");
    if (!sum->findings && !sum->errors) {
        tl_buf_puts(b, "no findings in ");
        plural(b, sum->files, "file");
        tl_buf_puts(b, "\n");
        return tl_report_flush(r);
    }
    plural(b, sum->findings, "finding");
    tl_buf_printf(b, " in %zu of ", m->files_with_findings);
    plural(b, sum->files, "file");
    tl_buf_puts(b, "\n\n");
    tl_buf_puts(b,
                "| errors | warnings | suggestions | files not linted |\n|---:|---:|---:|---:|\n");
    tl_buf_printf(b, "| %zu | %zu | %zu | %zu |\n\n", sum->by_severity[TL_SEV_ERROR],
                  sum->by_severity[TL_SEV_WARNING], sum->by_severity[TL_SEV_SUGGESTION],
                  sum->errors);
    tl_buf_puts(b, "| file | line:col | level | rule | message | try |\n"
                   "|---|---|---|---|---|---|\n");
    tl_buf_append(b, m->rows.data ? m->rows.data : "", m->rows.len);
    if (m->hidden)
        tl_buf_printf(b,
                      "\n%zu more not shown (a job summary holds at most 1 MiB): the step's log "
                      "or `--format sarif` has them all.\n",
                      m->hidden);
    return tl_report_flush(r);
}

int tl_report_markdown(tl_sink *sink, tl_report *rep)
{
    markdown *m = calloc(1, sizeof(*m));
    if (!m) return TL_ENOMEM;
    rep->state = m;
    rep->free_state = free_state;
    sink->finding = finding;
    sink->end_file = end_file;
    sink->end_run = end_run;
    return 0;
}
