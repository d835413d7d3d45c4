/* checkstyle.c - --format checkstyle: the Checkstyle XML report that CI
 * servers and review bots read (Jenkins warnings-ng, reviewdog, GitLab
 * converters):
 *
 *   <checkstyle version="4.3">
 *     <file name="locale/app.po">
 *       <error line="42" column="10" severity="warning" message="…"
 *              source="tonelint.rules.blame.you-failed-to"/>
 *     </file>
 *   </checkstyle>
 *
 * Severities: error, warning, info (suggestions). Attribute values are
 * escaped for XML 1.0: & < > " ' as entities, tab and line breaks as
 * character references, other control characters and invalid UTF-8 as
 * U+FFFD (XML cannot carry them). A file that cannot be linted gets one
 * error with source "tonelint.input". One <file> per linted file. */
#include "report.h"
#include "../core/utf8.h"
#include "../match/rule.h"

#include <string.h>

/* Length of a valid UTF-8 sequence at p (at most n bytes) that is an XML
 * character, 0 if none. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    size_t k = tl_utf8_valid(p, n);
    /* U+FFFE and U+FFFF are not XML characters. */
    if (k == 3 && p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) return 0;
    return k;
}

static void attr(tl_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        if (c >= 0x80) {
            size_t k = utf8_len(p + i, n - i);
            if (k) {
                tl_buf_append(b, p + i, k);
                i += k;
            } else {
                tl_buf_puts(b, "\xEF\xBF\xBD");
                i++;
            }
            continue;
        }
        switch (c) {
        case '&':
            tl_buf_puts(b, "&amp;");
            break;
        case '<':
            tl_buf_puts(b, "&lt;");
            break;
        case '>':
            tl_buf_puts(b, "&gt;");
            break;
        case '"':
            tl_buf_puts(b, "&quot;");
            break;
        case '\'':
            tl_buf_puts(b, "&apos;");
            break;
        case '\t':
            tl_buf_puts(b, "&#9;");
            break;
        case '\n':
            tl_buf_puts(b, "&#10;");
            break;
        case '\r':
            tl_buf_puts(b, "&#13;");
            break;
        default:
            if (c < 0x20)
                tl_buf_puts(b, "\xEF\xBF\xBD");
            else
                tl_buf_putc(b, (char)c);
        }
        i++;
    }
}

static const char *severity(tl_severity s)
{
    return s == TL_SEV_ERROR ? "error" : s == TL_SEV_WARNING ? "warning" : "info";
}

static int begin_run(void *ud)
{
    tl_report *r = ud;
    tl_buf_puts(&r->buf,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    return tl_report_flush(r);
}

static int begin_file(void *ud, const tl_file_result *file)
{
    tl_report *r = ud;
    tl_buf_puts(&r->buf, "  <file name=\"");
    attr(&r->buf, file->path);
    tl_buf_puts(&r->buf, "\">\n");
    return 0;
}

static int finding(void *ud, const tl_file_result *file, const tl_finding *f)
{
    tl_report *r = ud;
    tl_buf *b = &r->buf;
    (void)file;
    tl_buf_printf(b, "    <error line=\"%d\" column=\"%d\" severity=\"%s\" message=\"",
                  f->start.line, f->start.column, severity(f->severity));
    attr(b, f->message);
    tl_buf_puts(b, "\" source=\"tonelint.rules.");
    attr(b, f->rule->id);
    tl_buf_puts(b, "\"/>\n");
    return b->len > 65536 ? tl_report_flush(r) : 0;
}

static int end_file(void *ud, const tl_file_result *file)
{
    tl_report *r = ud;
    tl_buf *b = &r->buf;
    const tl_error *err = file->error;
    if (err) {
        tl_buf_printf(b, "    <error line=\"%d\" column=\"%d\" severity=\"error\" message=\"",
                      err->line > 0 ? err->line : 1, err->column > 0 ? err->column : 1);
        tl_buf m = TL_BUF_INIT;
        tl_buf_printf(&m, "%s: %s", tl_error_kind(err->code), err->message);
        if (tl_buf_failed(&m)) tl_buf_fail(b);
        attr(b, m.data);
        tl_buf_free(&m);
        tl_buf_puts(b, "\" source=\"tonelint.input\"/>\n");
    }
    tl_buf_puts(b, "  </file>\n");
    return tl_report_flush(r);
}

static int end_run(void *ud, const tl_summary *s)
{
    tl_report *r = ud;
    (void)s;
    tl_buf_puts(&r->buf, "</checkstyle>\n");
    return tl_report_flush(r);
}

int tl_report_checkstyle(tl_sink *sink, tl_report *rep)
{
    (void)rep;
    sink->begin_run = begin_run;
    sink->begin_file = begin_file;
    sink->finding = finding;
    sink->end_file = end_file;
    sink->end_run = end_run;
    return 0;
}
