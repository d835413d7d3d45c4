/* json.c - the --format json document of PRODUCT.md §6, streamed file by
 * file so memory does not grow with the number of files. */
#include "report.h"
#include "../match/rule.h"

#include <string.h>

static int begin_run(void *ud)
{
    tl_report *r = ud;
    tl_buf_puts(&r->buf, "{\n  \"version\": 1,\n  \"files\": [");
    return tl_report_flush(r);
}

static int begin_file(void *ud, const tl_file_result *f)
{
    tl_report *r = ud;
    tl_buf *b = &r->buf;
    tl_buf_puts(b, r->nfiles++ ? ",\n    {" : "\n    {");
    tl_buf_puts(b, "\"path\": ");
    tl_json_cstr(b, f->path);
    tl_buf_puts(b, ", \"syntax\": ");
    tl_json_cstr(b, f->syntax);
    tl_buf_printf(b, ", \"segments\": %zu, \"findings\": [", f->segments);
    return 0;
}

static int finding(void *ud, const tl_file_result *file, const tl_finding *f)
{
    tl_report *r = ud;
    tl_buf *b = &r->buf;
    bool first = b->len && b->data[b->len - 1] == '[';
    tl_buf_puts(b, first ? "\n      {" : ",\n      {");
    tl_buf_puts(b, "\"rule\": ");
    tl_json_cstr(b, f->rule->id);
    tl_buf_puts(b, ", \"category\": ");
    tl_json_cstr(b, f->rule->category);
    tl_buf_puts(b, ", \"severity\": ");
    tl_json_cstr(b, tl_severity_name(f->severity));
    tl_buf_puts(b, ", \"message\": ");
    tl_json_cstr(b, f->message);
    tl_buf_printf(b,
                  ", \"line\": %d, \"column\": %d, \"end_line\": %d, \"end_column\": %d, "
                  "\"offset\": %zu, \"length\": %zu",
                  f->start.line, f->start.column, f->end.line, f->end.column, f->offset, f->length);
    tl_buf_puts(b, ", \"key\": ");
    tl_json_cstr(b, f->seg->key);
    tl_buf_puts(b, ", \"context\": ");
    tl_json_cstr(b, f->seg->context);
    tl_buf_puts(b, ", \"moment\": ");
    tl_json_cstr(b, f->seg->moment);
    tl_buf_puts(b, ", \"match\": ");
    tl_json_cstr(b, f->match);
    tl_buf_puts(b, ", \"suggestions\": ");
    tl_json_cstrs(b, (const char *const *)f->suggestions, f->nsuggestions);
    tl_buf_printf(b, ", \"fixable\": %s", f->fixable ? "true" : "false");
    if (f->nalso) {
        tl_buf_puts(b, ", \"also\": ");
        tl_json_cstrs(b, (const char *const *)f->also, f->nalso);
    }
    tl_buf_puts(b, "}");
    (void)file;
    /* Flush in chunks: a file with many findings must not hold them all. */
    return b->len > 65536 ? tl_report_flush(r) : 0;
}

static int end_file(void *ud, const tl_file_result *f)
{
    tl_report *r = ud;
    tl_buf *b = &r->buf;
    bool any = f->findings && f->findings->n;
    tl_buf_puts(b, any ? "\n    ], \"error\": " : "], \"error\": ");
    if (f->error) {
        tl_buf_printf(b, "{\"line\": %d, \"column\": %d, \"message\": ", f->error->line,
                      f->error->column);
        tl_json_cstr(b, f->error->message);
        tl_buf_putc(b, '}');
    } else {
        tl_buf_puts(b, "null");
    }
    tl_buf_putc(b, '}');
    return tl_report_flush(r);
}

static int end_run(void *ud, const tl_summary *s)
{
    tl_report *r = ud;
    tl_buf *b = &r->buf;
    tl_buf_puts(b, r->nfiles ? "\n  ],\n" : "],\n");
    tl_buf_printf(b,
                  "  \"summary\": {\"files\": %zu, \"segments\": %zu, \"findings\": %zu, "
                  "\"by_severity\": {\"error\": %zu, \"warning\": %zu, \"suggestion\": %zu}, "
                  "\"by_category\": {",
                  s->files, s->segments, s->findings, s->by_severity[TL_SEV_ERROR],
                  s->by_severity[TL_SEV_WARNING], s->by_severity[TL_SEV_SUGGESTION]);
    for (size_t i = 0; i < s->ncategories; i++) {
        if (i) tl_buf_puts(b, ", ");
        tl_json_cstr(b, s->by_category[i].category);
        tl_buf_printf(b, ": %zu", s->by_category[i].count);
    }
    tl_buf_puts(b, "}}\n}\n");
    return tl_report_flush(r);
}

int tl_report_json(tl_sink *sink, tl_report *rep)
{
    (void)rep;
    sink->begin_run = begin_run;
    sink->begin_file = begin_file;
    sink->finding = finding;
    sink->end_file = end_file;
    sink->end_run = end_run;
    return 0;
}
