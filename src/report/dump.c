/* dump.c - --dump-strings: one JSON object per line per extracted segment,
 * in file order (PRODUCT.md §6); a source-code literal that is not copy
 * only with --skipped, with the reason. `text` is the decoded string exactly as the
 * customer sees it; placeholders are kept as written. */
#include "report.h"

static int begin_file(void *ud, const tl_file_result *f)
{
    tl_report *r = ud;
    tl_buf *b = &r->buf;
    if (f->error || !f->doc) return 0;
    tl_doc *doc = f->doc;
    for (size_t i = 0; i < doc->nsegs; i++) {
        const tl_segment *seg = &doc->segs[i];
        if (seg->skip && !r->opts.dump_skipped) continue;
        tl_position pos = {0, 0, 0};
        tl_source_position(&doc->src, seg->raw_start, &pos);
        tl_buf_puts(b, "{\"path\":");
        tl_json_cstr(b, f->path);
        tl_buf_puts(b, ",\"key\":");
        tl_json_cstr(b, seg->key);
        tl_buf_puts(b, ",\"context\":");
        tl_json_cstr(b, seg->context);
        tl_buf_printf(b, ",\"line\":%d,\"column\":%d,\"lang\":", pos.line, pos.column);
        tl_json_cstr(b, seg->lang);
        tl_buf_puts(b, ",\"kind\":");
        tl_json_cstr(b, tl_kind_name(seg->kind));
        tl_buf_puts(b, ",\"moment\":");
        tl_json_cstr(b, seg->moment);
        tl_buf_puts(b, ",\"text\":");
        tl_json_string(b, seg->text, seg->text_len);
        if (seg->src) {
            /* Source code: where the literal is, and why it is copy or not. */
            tl_buf_puts(b, ",\"code\":{\"lang\":");
            tl_json_cstr(b, seg->src->lang);
            tl_buf_puts(b, ",\"call\":");
            tl_json_cstr(b, seg->src->call);
            tl_buf_puts(b, ",\"prop\":");
            tl_json_cstr(b, seg->src->prop);
            tl_buf_puts(b, ",\"tag\":");
            tl_json_cstr(b, seg->src->tag);
            tl_buf_puts(b, "}");
            tl_buf_puts(b, seg->skip ? ",\"skipped\":" : ",\"taken\":");
            tl_json_cstr(b, seg->skip ? seg->skip : seg->taken);
        }
        tl_buf_puts(b, "}\n");
        if (b->len > 65536 && tl_report_flush(r) < 0) return TL_EIO;
    }
    return tl_report_flush(r);
}

int tl_report_dump(tl_sink *sink, tl_report *rep)
{
    (void)rep;
    sink->begin_file = begin_file;
    return 0;
}
