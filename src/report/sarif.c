/* sarif.c - --format sarif: one SARIF 2.1.0 log with one run, for GitHub
 * code scanning and other SARIF viewers.
 *
 * Results are streamed as files are linted, so memory does not grow with
 * the run; `tool` (with the rules actually used, in order of first use, so
 * `ruleIndex` is known at once) and `invocations` (a notification for each
 * file that could not be linted) come after `results`, which JSON allows.
 * Regions count columns in UTF-16 code units (run.columnKind), end columns
 * exclusive, and also give the byte range. A fixable finding carries the
 * edit --fix would make (tl_fix_edit), as a byte-range replacement. */
#include "report.h"
#include "../fix/fixer.h"
#include "../match/rule.h"
#include "../core/array.h"

#include <stdlib.h>
#include <string.h>

#ifndef TL_INFORMATION_URI
#define TL_INFORMATION_URI "https://github.com/tonelint/tonelint"
#endif
/* Each rule's page: docs/rules.md, generated from rules/ with one stable
 * anchor per rule id (scripts/gen-rules-doc.py). */
#ifndef TL_RULES_DOC_URI
#define TL_RULES_DOC_URI TL_INFORMATION_URI "/blob/main/docs/rules.md"
#endif

typedef struct sarif {
    const tl_rule **rules; /* tool.driver.rules, by ruleIndex */
    size_t nrules, caprules;
    tl_buf notes; /* toolExecutionNotifications, comma-separated objects */
    size_t nnotes;
    size_t nresults;
} sarif;

static void free_state(void *p)
{
    sarif *s = p;
    free(s->rules);
    tl_buf_free(&s->notes);
    free(s);
}

/* A file path as a URI reference: relative paths stay relative (resolved
 * against the repository root by code scanning), absolute ones become
 * file:// URIs; bytes outside the unreserved set are percent-encoded. */
static void put_uri(tl_buf *b, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    tl_buf u = TL_BUF_INIT;
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    if (path[0] == '/') tl_buf_puts(&u, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        if (keep) {
            tl_buf_putc(&u, (char)c);
        } else {
            char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
            tl_buf_append(&u, esc, 3);
        }
    }
    if (tl_buf_failed(&u)) tl_buf_fail(b);
    tl_json_string(b, u.data ? u.data : "", u.len);
    tl_buf_free(&u);
}

static const char *level(tl_severity s)
{
    return s == TL_SEV_ERROR ? "error" : s == TL_SEV_WARNING ? "warning" : "note";
}

static void put_base64(tl_buf *b, const unsigned char *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    tl_buf_putc(b, '"');
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < n) v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < n) v |= p[i + 2];
        char q[4] = {tab[v >> 18 & 63], tab[v >> 12 & 63], i + 1 < n ? tab[v >> 6 & 63] : '=',
                     i + 2 < n ? tab[v & 63] : '='};
        tl_buf_append(b, q, 4);
    }
    tl_buf_putc(b, '"');
}

static int begin_run(void *ud)
{
    tl_report *r = ud;
    tl_buf_puts(
        &r->buf,
        "{\n"
        "  \"$schema\": \"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
        "sarif-schema-2.1.0.json\",\n"
        "  \"version\": \"2.1.0\",\n"
        "  \"runs\": [\n"
        "    {\n"
        "      \"columnKind\": \"utf16CodeUnits\",\n"
        "      \"results\": [");
    return tl_report_flush(r);
}

static size_t rule_index(sarif *s, const tl_rule *rule)
{
    for (size_t i = 0; i < s->nrules; i++)
        if (s->rules[i] == rule) return i;
    if (s->nrules == s->caprules &&
        tl_array_grow(&s->rules, &s->caprules, sizeof(*s->rules), 32) < 0)
        return SIZE_MAX;
    s->rules[s->nrules] = rule;
    return s->nrules++;
}

/* A fixable finding's edit, as a SARIF fix; nothing when --fix would not
 * make it (refused, or text generated from code). */
static void put_fix(tl_buf *b, const tl_file_result *file, const tl_finding *f)
{
    if (!f->fixable || !file->doc || !file->doc->syntax || tl_fix_in_source(f)) return;
    tl_edit e;
    tl_error err;
    tl_error_clear(&err);
    if (tl_fix_edit(&e, file->doc, f, 0, &err) < 0) return;
    tl_buf_puts(b, ", \"fixes\": [{\"description\": {\"text\": ");
    tl_buf d = TL_BUF_INIT;
    tl_buf_printf(&d, "Replace \xE2\x80\x9C%s\xE2\x80\x9D with \xE2\x80\x9C%.*s\xE2\x80\x9D",
                  f->match, (int)e.plain_len, e.plain);
    if (tl_buf_failed(&d)) tl_buf_fail(b);
    tl_json_string(b, d.data ? d.data : "", d.len);
    tl_buf_free(&d);
    tl_buf_puts(b, "}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": ");
    put_uri(b, file->path);
    /* The region both as lines and columns (what viewers show and apply)
     * and as bytes (exact through any encoding). */
    tl_buf_puts(b, "}, \"replacements\": [{\"deletedRegion\": {");
    tl_position ps, pe;
    if (tl_source_position(&file->doc->src, e.start, &ps) == 0 &&
        tl_source_position(&file->doc->src, e.end, &pe) == 0)
        tl_buf_printf(
            b, "\"startLine\": %d, \"startColumn\": %d, \"endLine\": %d, \"endColumn\": %d, ",
            ps.line, ps.column16, pe.line, pe.column16);
    tl_buf_printf(b, "\"byteOffset\": %zu, \"byteLength\": %zu}, \"insertedContent\": {", e.start,
                  e.end - e.start);
    if (file->doc->src.encoding == TL_ENC_UTF8) {
        tl_buf_puts(b, "\"text\": ");
        tl_json_string(b, e.text, e.len);
    } else {
        /* The stored bytes are not UTF-8 (UTF-16 .strings): give them as is. */
        tl_buf_puts(b, "\"binary\": ");
        put_base64(b, (const unsigned char *)e.text, e.len);
    }
    tl_buf_puts(b, "}}]}]}]");
}

static int finding(void *ud, const tl_file_result *file, const tl_finding *f)
{
    tl_report *r = ud;
    sarif *s = r->state;
    tl_buf *b = &r->buf;
    size_t idx = rule_index(s, f->rule);
    if (idx == SIZE_MAX) return TL_ENOMEM;
    tl_buf_puts(b, s->nresults++ ? ",\n        {" : "\n        {");
    tl_buf_puts(b, "\"ruleId\": ");
    tl_json_cstr(b, f->rule->id);
    tl_buf_printf(b, ", \"ruleIndex\": %zu, \"level\": \"%s\", \"message\": {\"text\": ", idx,
                  level(f->severity));
    tl_json_cstr(b, f->message);
    tl_buf_puts(b, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
    put_uri(b, file->path);
    tl_buf_printf(b,
                  "}, \"region\": {\"startLine\": %d, \"startColumn\": %d, \"endLine\": %d, "
                  "\"endColumn\": %d, \"byteOffset\": %zu, \"byteLength\": %zu, \"snippet\": "
                  "{\"text\": ",
                  f->start.line, f->start.column16, f->end.line, f->end.column16, f->offset,
                  f->length);
    tl_json_cstr(b, f->match);
    tl_buf_puts(b, "}}}}]");
    put_fix(b, file, f);
    tl_buf_puts(b, ", \"properties\": {\"category\": ");
    tl_json_cstr(b, f->rule->category);
    tl_buf_puts(b, ", \"key\": ");
    tl_json_cstr(b, f->seg->key);
    tl_buf_puts(b, ", \"context\": ");
    tl_json_cstr(b, f->seg->context);
    tl_buf_puts(b, ", \"moment\": ");
    tl_json_cstr(b, f->seg->moment);
    tl_buf_puts(b, ", \"suggestions\": ");
    tl_json_cstrs(b, (const char *const *)f->suggestions, f->nsuggestions);
    if (f->nalso) {
        tl_buf_puts(b, ", \"also\": ");
        tl_json_cstrs(b, (const char *const *)f->also, f->nalso);
    }
    tl_buf_puts(b, "}}");
    return b->len > 65536 ? tl_report_flush(r) : 0;
}

static int end_file(void *ud, const tl_file_result *file)
{
    tl_report *r = ud;
    sarif *s = r->state;
    const tl_error *err = file->error;
    if (err) {
        tl_buf *n = &s->notes;
        tl_buf_puts(n, s->nnotes++ ? ",\n            {" : "\n            {");
        tl_buf_puts(n, "\"level\": \"error\", \"message\": {\"text\": ");
        tl_buf m = TL_BUF_INIT;
        tl_buf_printf(&m, "%s: %s", tl_error_kind(err->code), err->message);
        if (tl_buf_failed(&m)) tl_buf_fail(n);
        tl_json_string(n, m.data ? m.data : "", m.len);
        tl_buf_free(&m);
        tl_buf_puts(n,
                    "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
        put_uri(n, file->path);
        tl_buf_putc(n, '}');
        if (err->line > 0) {
            int col = err->column > 0 ? err->column : 1;
            tl_position pos;
            if (file->doc && tl_source_position(&file->doc->src, err->offset, &pos) == 0 &&
                pos.line == err->line)
                col = pos.column16;
            tl_buf_printf(n, ", \"region\": {\"startLine\": %d, \"startColumn\": %d}", err->line,
                          col);
        }
        tl_buf_puts(n, "}}]}");
    }
    return tl_report_flush(r);
}

/* Whether the rule comes from tonelint's own pack (documented in
 * docs/rules.md) rather than a user's. */
static bool own_rule(const tl_report *r, const tl_rule *rule)
{
    const char *dir = r->opts.own_rules_dir;
    size_t n = dir ? strlen(dir) : 0;
    return n && rule->file && strncmp(rule->file, dir, n) == 0 && rule->file[n] == '/';
}

static void put_rule(tl_buf *b, const tl_rule *rule, bool own)
{
    tl_buf_puts(b, "{\"id\": ");
    tl_json_cstr(b, rule->id);
    /* The message is a template ("“{match}” blames…"): the rule-level text
     * is filled from the rule's own bad example. */
    tl_buf_puts(b, ", \"shortDescription\": {\"text\": ");
    tl_buf d = TL_BUF_INIT;
    if (tl_rule_describe(&d, rule) < 0) tl_buf_fail(b); /* the report fails as a whole */
    tl_json_string(b, d.data ? d.data : "", d.len);
    tl_buf_puts(b, "}, \"fullDescription\": {\"text\": ");
    tl_json_cstr(b, rule->why ? rule->why : d.data ? d.data : "");
    tl_buf_free(&d);
    tl_buf_putc(b, '}');
    const char *src = rule->source;
    bool src_uri = src && (strncmp(src, "https://", 8) == 0 || strncmp(src, "http://", 7) == 0) &&
                   !strpbrk(src, " \t\n\"<>\\^`{|}");
    if (own) { /* the rule's own page; the guide behind it stays a property */
        tl_buf u = TL_BUF_INIT;
        tl_buf_printf(&u, "%s#%s", TL_RULES_DOC_URI, rule->id);
        tl_buf_puts(b, ", \"helpUri\": ");
        tl_json_string(b, u.data ? u.data : "", u.len);
        tl_buf_free(&u);
    } else if (src_uri) {
        tl_buf_puts(b, ", \"helpUri\": ");
        tl_json_cstr(b, src);
    }
    tl_buf_printf(
        b, ", \"defaultConfiguration\": {\"level\": \"%s\"}, \"properties\": {\"category\": ",
        level(rule->default_severity));
    tl_json_cstr(b, rule->category);
    if (own && src_uri) {
        tl_buf_puts(b, ", \"source\": ");
        tl_json_cstr(b, src);
    }
    tl_buf_puts(b, ", \"tags\": [");
    tl_json_cstr(b, rule->category);
    tl_buf_puts(b, "]}}");
}

static int end_run(void *ud, const tl_summary *sum)
{
    tl_report *r = ud;
    sarif *s = r->state;
    tl_buf *b = &r->buf;
    tl_buf_puts(b, s->nresults ? "\n      ],\n" : "],\n");
    tl_buf_printf(b, "      \"invocations\": [{\"executionSuccessful\": %s",
                  sum->errors ? "false" : "true");
    if (s->nnotes) {
        tl_buf_puts(b, ", \"toolExecutionNotifications\": [");
        tl_buf_append_buf(b, &s->notes);
        tl_buf_puts(b, "\n          ]");
    }
    tl_buf_puts(b, "}],\n      \"tool\": {\"driver\": {\"name\": \"tonelint\", \"version\": ");
    const char *ver = r->opts.tool_version ? r->opts.tool_version : "0.0.0";
    tl_json_cstr(b, ver);
    tl_buf_puts(b, ", \"semanticVersion\": ");
    tl_json_cstr(b, ver);
    tl_buf_puts(b, ", \"informationUri\": ");
    tl_json_cstr(b, TL_INFORMATION_URI);
    tl_buf_puts(b, ", \"rules\": [");
    for (size_t i = 0; i < s->nrules; i++) {
        tl_buf_puts(b, i ? ",\n        " : "\n        ");
        put_rule(b, s->rules[i], own_rule(r, s->rules[i]));
    }
    tl_buf_puts(b, s->nrules ? "\n      ]}}\n    }\n  ]\n}\n" : "]}}\n    }\n  ]\n}\n");
    return tl_report_flush(r);
}

int tl_report_sarif(tl_sink *sink, tl_report *rep)
{
    sarif *s = calloc(1, sizeof(*s));
    if (!s) return TL_ENOMEM;
    rep->state = s;
    rep->free_state = free_state;
    sink->begin_run = begin_run;
    sink->finding = finding;
    sink->end_file = end_file;
    sink->end_run = end_run;
    return 0;
}
