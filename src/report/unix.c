/* unix.c - `file:line:col: severity: message [rule]`, one line a finding,
 * for Vim's quickfix, Emacs compilation-mode and grep-like tools. File
 * errors go to standard error from the CLI, as for every format. */
#include "report.h"
#include "../match/rule.h"

static int finding(void *ud, const tl_file_result *file, const tl_finding *f)
{
    tl_report *r = ud;
    /* One line a finding, whatever the file name or the text hold. */
    tl_escape_cstr(&r->buf, file->path);
    tl_buf_printf(&r->buf, ":%d:%d: %s: ", f->start.line, f->start.column,
                  tl_severity_name(f->severity));
    tl_escape_cstr(&r->buf, f->message);
    tl_buf_puts(&r->buf, " [");
    tl_escape_cstr(&r->buf, f->rule->id);
    tl_buf_puts(&r->buf, "]\n");
    return r->buf.len > 65536 ? tl_report_flush(r) : 0;
}

static int end_file(void *ud, const tl_file_result *f)
{
    (void)f;
    return tl_report_flush(ud);
}

int tl_report_unix(tl_sink *sink, tl_report *rep)
{
    (void)rep;
    sink->finding = finding;
    sink->end_file = end_file;
    return 0;
}
