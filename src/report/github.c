/* github.c - --format github: GitHub Actions workflow commands, one line
 * per finding, which the runner turns into annotations on the diff:
 *
 *   ::warning file=app.po,line=42,col=10,endLine=42,endColumn=23,title=blame.x::message
 *
 * Levels: error, warning, notice (suggestions). Escaping follows the
 * runner's rules (actions/toolkit command.ts): in the message `%` `\r` `\n`
 * become %25 %0D %0A; in property values `:` and `,` also become %3A %2C.
 * Other control characters (ESC, C1, bidirectional overrides) are shown as
 * \x1b, \u009b, \u202e, as in the text format.
 * Columns count Unicode characters; they are left out when a finding spans
 * lines, as the runner only takes columns on a single line. A file that
 * cannot be linted is an `::error` annotation too. */
#include "report.h"
#include "../match/rule.h"

#include <string.h>

static void escape(tl_buf *b, const char *s, bool property)
{
    for (; s && *s; s++) {
        char esc[8];
        size_t k =
            *s == '\r' || *s == '\n' ? 0 : tl_escape_at((const unsigned char *)s, strlen(s), esc);
        if (k) {
            /* Other control characters are shown, never sent to the log. */
            tl_buf_puts(b, esc);
            s += k - 1;
            continue;
        }
        switch (*s) {
        case '%':
            tl_buf_puts(b, "%25");
            break;
        case '\r':
            tl_buf_puts(b, "%0D");
            break;
        case '\n':
            tl_buf_puts(b, "%0A");
            break;
        case ':':
            property ? tl_buf_puts(b, "%3A") : tl_buf_putc(b, ':');
            break;
        case ',':
            property ? tl_buf_puts(b, "%2C") : tl_buf_putc(b, ',');
            break;
        default:
            tl_buf_putc(b, *s);
            break;
        }
    }
}

static const char *command(tl_severity s)
{
    return s == TL_SEV_ERROR ? "error" : s == TL_SEV_WARNING ? "warning" : "notice";
}

static int finding(void *ud, const tl_file_result *file, const tl_finding *f)
{
    tl_report *r = ud;
    tl_buf *b = &r->buf;
    tl_buf_printf(b, "::%s file=", command(f->severity));
    escape(b, file->path, true);
    tl_buf_printf(b, ",line=%d", f->start.line);
    if (f->start.line == f->end.line)
        tl_buf_printf(b, ",col=%d,endLine=%d,endColumn=%d", f->start.column, f->end.line,
                      f->end.column);
    else
        tl_buf_printf(b, ",endLine=%d", f->end.line);
    tl_buf_puts(b, ",title=");
    escape(b, f->rule->id, true);
    tl_buf_puts(b, "::");
    escape(b, f->message, false);
    tl_buf_putc(b, '\n');
    return b->len > 65536 ? tl_report_flush(r) : 0;
}

static int end_file(void *ud, const tl_file_result *file)
{
    tl_report *r = ud;
    tl_buf *b = &r->buf;
    const tl_error *err = file->error;
    if (err) {
        tl_buf_puts(b, "::error file=");
        escape(b, file->path, true);
        if (err->line > 0) tl_buf_printf(b, ",line=%d,col=%d", err->line, err->column);
        tl_buf_puts(b, ",title=");
        escape(b, tl_error_kind(err->code), true);
        tl_buf_puts(b, "::");
        escape(b, err->message, false);
        tl_buf_putc(b, '\n');
    }
    return tl_report_flush(r);
}

/* The last line: counts per level, and where to see everything when the
 * runner will not show it all (it annotates the first 10 of each level of
 * a step on the diff). A plain line, not a command: it is log, not an
 * annotation. */
static int end_run(void *ud, const tl_summary *sum)
{
    tl_report *r = ud;
    tl_buf *b = &r->buf;
    size_t e = sum->by_severity[TL_SEV_ERROR], w = sum->by_severity[TL_SEV_WARNING],
           s = sum->by_severity[TL_SEV_SUGGESTION];
    tl_buf_printf(b, "tonelint: %zu finding%s (%zu error%s, %zu warning%s, %zu suggestion%s)",
                  sum->findings, sum->findings == 1 ? "" : "s", e, e == 1 ? "" : "s", w,
                  w == 1 ? "" : "s", s, s == 1 ? "" : "s");
    if (sum->errors)
        tl_buf_printf(b, "; %zu file%s could not be linted", sum->errors,
                      sum->errors == 1 ? "" : "s");
    if (e + sum->errors > 10 || w > 10 || s > 10) /* a file error is an ::error */
        tl_buf_puts(b, ". GitHub shows only the first 10 annotations of each level per step: "
                       "for all of them, add `tonelint --format markdown ... >> "
                       "\"$GITHUB_STEP_SUMMARY\"` (the job's summary page) or upload "
                       "--format sarif to code scanning");
    tl_buf_puts(b, ".\n");
    return tl_report_flush(r);
}

int tl_report_github(tl_sink *sink, tl_report *rep)
{
    (void)rep;
    sink->finding = finding;
    sink->end_file = end_file;
    sink->end_run = end_run;
    return 0;
}
