/* report.c - the reporter registry and helpers shared by all formats. */
#include "report.h"

#include <string.h>

static const struct {
    const char *name;
    int (*make)(tl_sink *, tl_report *);
} reporters[] = {
    {"text", tl_report_text},
    {"unix", tl_report_unix},
    {"json", tl_report_json},
    {"sarif", tl_report_sarif},
    {"github", tl_report_github},
    {"checkstyle", tl_report_checkstyle},
    {"markdown", tl_report_markdown},
    {"html", tl_report_html},
    {"dump", tl_report_dump},
    {"statistics", tl_report_statistics},
    {"statistics-json", tl_report_statistics_json},
};

const char *tl_report_formats(void)
{
    return "text unix json sarif github markdown checkstyle html";
}

int tl_report_sink(tl_sink *sink, tl_report *rep, const char *format, tl_output out,
                   const tl_report_options *opts)
{
    memset(sink, 0, sizeof(*sink));
    memset(rep, 0, sizeof(*rep));
    rep->out = out;
    if (opts) rep->opts = *opts;
    sink->ud = rep;
    for (size_t i = 0; i < sizeof(reporters) / sizeof(reporters[0]); i++)
        if (strcmp(reporters[i].name, format) == 0) return reporters[i].make(sink, rep);
    return TL_EUSAGE;
}

void tl_report_free(tl_report *rep)
{
    if (rep->state && rep->free_state) rep->free_state(rep->state);
    rep->state = NULL;
    tl_buf_free(&rep->buf);
}

/* A reporter appends without checking each call (buf.h): a failed append
 * shows here, once per chunk, and nothing of that chunk is written. */
int tl_report_flush(tl_report *rep)
{
    if (tl_buf_failed(&rep->buf)) {
        rep->failed = 1;
        tl_buf_reset(&rep->buf);
        return TL_ENOMEM;
    }
    if (rep->buf.len && rep->out.write &&
        rep->out.write(rep->out.ud, rep->buf.data, rep->buf.len) < 0) {
        rep->failed = 1;
        tl_buf_reset(&rep->buf);
        return TL_EIO;
    }
    tl_buf_reset(&rep->buf);
    return 0;
}

const char *tl_report_trim(const char *match, size_t *len)
{
    const char *s = match ? match : "";
    size_t n = strlen(s);
    while (n && strchr(" \t\n\r", s[0]))
        s++, n--;
    while (n && strchr(" \t\n\r", s[n - 1]))
        n--;
    *len = n;
    return s;
}
