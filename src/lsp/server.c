/* server.c - the language server: the protocol loop, its state, and the
 * methods (lifecycle, text sync, diagnostics, quick fixes, hover).
 *
 * This is the one file that includes <jansson.h>: it decodes each framed
 * body (jsonrpc.c) and encodes the replies (all but the diagnostics list of
 * a publish, written directly: it is the hot path). Documents are linted lazily:
 * a change only marks its document dirty, and dirty documents are linted
 * and published when no more input is waiting (so a burst of keystrokes
 * costs one lint) or when a request needs their findings. */
#include "lsp.h"
#include "../cli/diag.h"
#include "../config/rulesdir.h"
#include "documents.h"
#include "jsonrpc.h"
#include "../fix/fixer.h"
#include "../report/report.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef TL_VERSION
#define TL_VERSION "0.0.0"
#endif

/* JSON-RPC and LSP error codes. */
enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_INTERNAL_ERROR = -32603,
    LSP_SERVER_NOT_INITIALIZED = -32002
};

/* LSP DiagnosticSeverity for each tl_severity. A suggestion is Information
 * (3), not Hint (4): editors list Information in their problem views and
 * draw it visibly, while Hint is often only a faint mark, and a suggestion
 * is still copy the writer should see. */
static const int lsp_severity[] = {3, 2, 1};

typedef struct server {
    tl_linter L;
    char rules_error[700]; /* why the rule packs did not load, or "" */
    /* The packs of the command line, to load again when configs change. */
    bool default_rules;
    char **packs;
    size_t npacks;
    /* `.tonelint.yml`, as the command reads it: the nearest one upward from
     * each document (discover), or one for all (--config), or none. */
    tl_configs configs;
    bool discover;
    const char *config_path; /* --config FILE */
    const tl_config *fixed;
    tl_policy scratch;     /* a document's policy, being built */
    int cli_min_severity;  /* --min-severity, or -1 */
    int cli_tier;          /* --tier, or -1 */
    bool watch_configs;    /* the client can watch files for us */
    unsigned next_request; /* ids of the requests the server sends */
    tl_rpc_reader reader;
    int in_fd, out_fd;
    tl_buf out;
    bool initialize_seen, shutdown_seen, exiting, write_failed, verbose;
    int exit_code;
    bool markdown;         /* the client renders Markdown in hovers */
    bool document_changes; /* the client takes versioned WorkspaceEdits */
    tl_lsp_docs docs;
    /* The one document whose last lint (segments, findings) is kept: the
     * one last linted, usually the one being edited. Every other document
     * keeps only its text and its segment cache, and is linted again (all
     * cached) when a request needs its findings. */
    tl_lsp_doc *kept;
    /* Per rule, the constant part of its diagnostics (code, link, source)
     * as JSON, sorted by rule address: built once, used on every publish. */
    struct rule_json {
        const tl_rule *rule;
        char *json;
        size_t len;
    } * rule_json;
    size_t nrule_json;
} server;

static void logf_(server *S, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(server *S, const char *fmt, ...)
{
    (void)S;
    va_list ap;
    va_start(ap, fmt);
    fputs("tonelint lsp: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static double clock_ms(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double now_ms(void)
{
    return clock_ms(CLOCK_MONOTONIC);
}

/* ---- Output ------------------------------------------------------------ */

static int write_fd(void *ud, const void *data, size_t len)
{
    int fd = *(int *)ud;
    const char *p = data;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return TL_EIO;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
    return tl_buf_append(data, buffer, size) < 0 ? -1 : 0;
}

/* Send a message and release it. */
static void send_msg(server *S, json_t *msg)
{
    if (!msg) return;
    json_object_set_new(msg, "jsonrpc", json_string("2.0"));
    tl_buf_reset(&S->out);
    if (json_dump_callback(msg, dump_cb, &S->out, JSON_COMPACT) < 0) {
        logf_(S, "cannot encode a message (out of memory)");
    } else if (!S->write_failed &&
               tl_rpc_write(write_fd, &S->out_fd, S->out.data, S->out.len) < 0) {
        logf_(S, "cannot write to the client: %s", strerror(errno));
        S->write_failed = true;
    }
    json_decref(msg);
    /* A huge publish should not pin its buffer for the server's lifetime. */
    if (S->out.cap > ((size_t)16 << 20)) tl_buf_free(&S->out);
}

static void reply(server *S, json_t *id, json_t *result)
{
    json_t *m = json_object();
    json_object_set(m, "id", id ? id : json_null());
    json_object_set_new(m, "result", result ? result : json_null());
    send_msg(S, m);
}

static void reply_error(server *S, json_t *id, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void reply_error(server *S, json_t *id, int code, const char *fmt, ...)
{
    char text[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    json_t *m = json_object();
    json_object_set(m, "id", id ? id : json_null());
    json_t *e = json_object();
    json_object_set_new(e, "code", json_integer(code));
    json_object_set_new(e, "message", json_string(text));
    json_object_set_new(m, "error", e);
    send_msg(S, m);
}

static void notify(server *S, const char *method, json_t *params)
{
    json_t *m = json_object();
    json_object_set_new(m, "method", json_string(method));
    json_object_set_new(m, "params", params);
    send_msg(S, m);
}

/* A JSON string from UTF-8 that may (in theory) be malformed: bad bytes
 * become U+FFFD instead of the value going missing. */
static json_t *jstr(const char *s, size_t n)
{
    json_t *j = json_stringn(s, n);
    if (j) return j;
    tl_buf b = TL_BUF_INIT;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
        json_t *probe = k && i + k <= n ? json_stringn(s + i, k) : NULL;
        if (probe) {
            tl_buf_append(&b, s + i, k);
            json_decref(probe);
            i += k;
        } else {
            tl_buf_puts(&b, "\xEF\xBF\xBD");
            i++;
        }
    }
    j = json_stringn(b.data ? b.data : "", b.len);
    tl_buf_free(&b);
    return j;
}

static json_t *jcstr(const char *s)
{
    return s ? jstr(s, strlen(s)) : json_null();
}

/* ---- Positions --------------------------------------------------------- */

static json_t *pos_json(tl_lsp_pos p)
{
    return json_pack("{s:I,s:I}", "line", (json_int_t)p.line, "character", (json_int_t)p.character);
}

static json_t *range_json(const tl_lsp_text *t, size_t start, size_t end)
{
    json_t *r = json_object();
    json_object_set_new(r, "start", pos_json(tl_lsp_text_position(t, start)));
    json_object_set_new(r, "end", pos_json(tl_lsp_text_position(t, end)));
    return r;
}

/* Where a finding is, as LSP counts: the library already placed it in
 * lines and UTF-16 columns (1-based). The library does not count a byte
 * order mark at the start; LSP counts U+FEFF as a character like any
 * other, should an editor keep it in the text. */
static tl_lsp_pos finding_pos(const tl_lsp_doc *d, const tl_position *p)
{
    tl_lsp_pos q = {(size_t)(p->line - 1), (size_t)(p->column16 - 1)};
    if (q.line == 0 && d->text.text.len >= 3 && memcmp(d->text.text.data, "\xEF\xBB\xBF", 3) == 0)
        q.character++;
    return q;
}

static json_t *finding_range_json(const tl_lsp_doc *d, const tl_finding *f)
{
    json_t *r = json_object();
    json_object_set_new(r, "start", pos_json(finding_pos(d, &f->start)));
    json_object_set_new(r, "end", pos_json(finding_pos(d, &f->end)));
    return r;
}

/* A Position from params; false when absent or not made of non-negative
 * integers. */
static bool get_pos(json_t *j, tl_lsp_pos *out)
{
    json_t *l = json_object_get(j, "line"), *c = json_object_get(j, "character");
    if (!json_is_integer(l) || !json_is_integer(c) || json_integer_value(l) < 0 ||
        json_integer_value(c) < 0)
        return false;
    out->line = (size_t)json_integer_value(l);
    out->character = (size_t)json_integer_value(c);
    return true;
}

static bool get_range(json_t *j, tl_lsp_range *out)
{
    return json_is_object(j) && get_pos(json_object_get(j, "start"), &out->start) &&
           get_pos(json_object_get(j, "end"), &out->end);
}

/* ---- Linting and diagnostics ------------------------------------------ */

/* The format for a document: its name decides when it can (as in the CLI);
 * otherwise the editor's language id, when it names a format; otherwise
 * detection from the content. */
static const char *syntax_for(const tl_lsp_doc *d)
{
    if (tl_format_detect(d->path, (const unsigned char *)"", 0)) return NULL;
    static const char *const alias[][2] = {
        {"plaintext", "text"},
        {"gettext", "po"},
        {"pot", "po"},
        {"jsonc", "json"},
        {"java-properties", "properties"},
        {"ftl", "fluent"},
        {"fluent", "ftl"},
        {"yml", "yaml"},
    };
    const char *id = d->language_id;
    if (*id && tl_format_find(id)) return id;
    for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
        if (strcmp(id, alias[i][0]) == 0 && tl_format_find(alias[i][1])) return alias[i][1];
    return NULL;
}

/* The documentation link of a rule (see TL_DOCS_RULES_URL). */
static void rule_href(char *buf, size_t size, const char *id)
{
    int n = snprintf(buf, size, "%s#", TL_DOCS_RULES_URL);
    size_t o = n > 0 && (size_t)n < size ? (size_t)n : 0;
    for (const char *p = id; *p && o + 1 < size; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')
            buf[o++] = *p;
        else if (*p >= 'A' && *p <= 'Z')
            buf[o++] = (char)(*p - 'A' + 'a');
    buf[o] = '\0';
}

static json_t *diagnostic_json(const tl_lsp_doc *d, const tl_finding *f)
{
    json_t *g = json_object();
    json_object_set_new(g, "range", finding_range_json(d, f));
    json_object_set_new(
        g, "severity",
        json_integer(lsp_severity[f->severity <= TL_SEV_ERROR ? f->severity : TL_SEV_ERROR]));
    json_object_set_new(g, "code", jcstr(f->rule->id));
    char href[512];
    rule_href(href, sizeof(href), f->rule->id);
    json_object_set_new(g, "codeDescription", json_pack("{s:s}", "href", href));
    json_object_set_new(g, "source", json_string("tonelint"));
    json_object_set_new(g, "message", jcstr(f->message));
    return g;
}

/* The diagnostic for a document that does not parse: at the error, to the
 * end of its line. */
static json_t *error_diagnostic_json(const tl_lsp_doc *d, const tl_error *err)
{
    size_t off = err->offset <= d->text.text.len ? err->offset : d->text.text.len;
    size_t end = off;
    const char *t = d->text.text.data;
    while (end < d->text.text.len && t[end] != '\n' && t[end] != '\r')
        end++;
    if (end == off) {
        /* At the end of a line: underline the line, not an empty spot. */
        tl_lsp_pos p = tl_lsp_text_position(&d->text, off);
        p.character = 0;
        off = tl_lsp_text_offset(&d->text, p, false);
    }
    json_t *g = json_object();
    json_object_set_new(g, "range", range_json(&d->text, off, end));
    json_object_set_new(g, "severity", json_integer(1));
    json_object_set_new(g, "source", json_string("tonelint"));
    char msg[600];
    snprintf(msg, sizeof(msg), "%s: %s", tl_error_kind(err->code), err->message);
    json_object_set_new(g, "message", jcstr(msg));
    return g;
}

static void publish(server *S, const char *uri, json_t *diagnostics, const long long *version)
{
    json_t *p = json_object();
    json_object_set_new(p, "uri", jcstr(uri));
    if (version) json_object_set_new(p, "version", json_integer(*version));
    json_object_set_new(p, "diagnostics", diagnostics);
    notify(S, "textDocument/publishDiagnostics", p);
}

static int cmp_rule_json(const void *a, const void *b)
{
    const struct rule_json *x = a, *y = b;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static void build_rule_json(server *S)
{
    const tl_ruleset *rs = &S->L.rules;
    S->rule_json = calloc(rs->n ? rs->n : 1, sizeof(*S->rule_json));
    if (!S->rule_json) return;
    char href[512];
    for (size_t i = 0; i < rs->n; i++) {
        tl_buf b = TL_BUF_INIT;
        tl_buf_puts(&b, ",\"code\":");
        tl_json_cstr(&b, rs->rules[i]->id);
        rule_href(href, sizeof(href), rs->rules[i]->id);
        tl_buf_puts(&b, ",\"codeDescription\":{\"href\":");
        tl_json_cstr(&b, href);
        tl_buf_puts(&b, "},\"source\":\"tonelint\",\"message\":");
        size_t len = b.len;
        char *json = tl_buf_detach(&b);
        if (!json) continue;
        S->rule_json[S->nrule_json++] = (struct rule_json){rs->rules[i], json, len};
    }
    qsort(S->rule_json, S->nrule_json, sizeof(*S->rule_json), cmp_rule_json);
}

static void free_rule_json(server *S)
{
    for (size_t i = 0; i < S->nrule_json; i++)
        free(S->rule_json[i].json);
    free(S->rule_json);
    S->rule_json = NULL;
    S->nrule_json = 0;
}

static const struct rule_json *rule_json_of(const server *S, const tl_rule *r)
{
    struct rule_json key = {r, NULL, 0};
    return S->nrule_json ? bsearch(&key, S->rule_json, S->nrule_json, sizeof(key), cmp_rule_json)
                         : NULL;
}

static void put_uint(tl_buf *b, size_t v)
{
    char tmp[24];
    size_t n = sizeof(tmp);
    do {
        tmp[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    tl_buf_append(b, tmp + n, sizeof(tmp) - n);
}

/* Publish a document's findings. This is the hot path of every keystroke
 * (thousands of diagnostics in a large catalog), so the JSON is written
 * straight into the output buffer: building jansson objects would cost a
 * dozen allocations per diagnostic. diagnostic_json() is the same shape
 * for the few diagnostics a code action carries. */
static void publish_findings(server *S, const tl_lsp_doc *d)
{
    tl_buf *b = &S->out;
    tl_buf_reset(b);
    tl_buf_puts(b, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\","
                   "\"params\":{\"uri\":");
    tl_json_cstr(b, d->uri);
    tl_buf_printf(b, ",\"version\":%lld,\"diagnostics\":[", d->version);
    char href[512];
    /* An editor shows a few hundred diagnostics at best; millions in one
     * message (a 60 MB paste) would stall the client. The first
     * TL_LSP_MAX_DIAGNOSTICS are sent, then one saying how many more. */
    size_t n = d->lint.findings.n;
    size_t shown = n > TL_LSP_MAX_DIAGNOSTICS ? TL_LSP_MAX_DIAGNOSTICS : n;
    for (size_t i = 0; i < shown; i++) {
        const tl_finding *f = &d->lint.findings.items[i];
        tl_lsp_pos s = finding_pos(d, &f->start), e = finding_pos(d, &f->end);
        int sev = lsp_severity[f->severity <= TL_SEV_ERROR ? f->severity : TL_SEV_ERROR];
        tl_buf_puts(b,
                    i ? ",{\"range\":{\"start\":{\"line\":" : "{\"range\":{\"start\":{\"line\":");
        put_uint(b, s.line);
        tl_buf_puts(b, ",\"character\":");
        put_uint(b, s.character);
        tl_buf_puts(b, "},\"end\":{\"line\":");
        put_uint(b, e.line);
        tl_buf_puts(b, ",\"character\":");
        put_uint(b, e.character);
        tl_buf_puts(b, "}},\"severity\":");
        put_uint(b, (size_t)sev);
        const struct rule_json *rj = rule_json_of(S, f->rule);
        if (rj) {
            tl_buf_append(b, rj->json, rj->len);
        } else {
            tl_buf_puts(b, ",\"code\":");
            tl_json_cstr(b, f->rule->id);
            rule_href(href, sizeof(href), f->rule->id);
            tl_buf_puts(b, ",\"codeDescription\":{\"href\":");
            tl_json_cstr(b, href);
            tl_buf_puts(b, "},\"source\":\"tonelint\",\"message\":");
        }
        tl_json_cstr(b, f->message);
        tl_buf_putc(b, '}');
    }
    if (shown < n) {
        /* At the first finding not shown. */
        const tl_finding *f = &d->lint.findings.items[shown];
        tl_lsp_pos s = finding_pos(d, &f->start);
        tl_buf_puts(b, ",{\"range\":{\"start\":{\"line\":");
        put_uint(b, s.line);
        tl_buf_puts(b, ",\"character\":");
        put_uint(b, s.character);
        tl_buf_puts(b, "},\"end\":{\"line\":");
        put_uint(b, s.line);
        tl_buf_puts(b, ",\"character\":");
        put_uint(b, s.character);
        tl_buf_printf(b,
                      "}},\"severity\":3,\"source\":\"tonelint\",\"message\":\"%zu more "
                      "finding%s in this document not shown (the first %d are); run tonelint "
                      "on the file for all of them\"}",
                      n - shown, n - shown == 1 ? "" : "s", TL_LSP_MAX_DIAGNOSTICS);
    }
    if (tl_buf_puts(b, "]}}") < 0) {
        logf_(S, "%s: out of memory publishing diagnostics", d->uri);
        return;
    }
    if (!S->write_failed && tl_rpc_write(write_fd, &S->out_fd, b->data, b->len) < 0) {
        logf_(S, "cannot write to the client: %s", strerror(errno));
        S->write_failed = true;
    }
    if (b->cap > ((size_t)16 << 20)) tl_buf_free(b);
}

/* Forget every document's cached results and lint them all again. */
static void relint_all(server *S)
{
    for (size_t i = 0; i < S->docs.n; i++) {
        tl_lsp_doc *d = S->docs.items[i];
        tl_lsp_lint_forget(&d->lint);
        d->lint.findings.n = 0;
        d->min_severity = -1;
        d->dirty = true;
    }
}

/* Apply the settings of a document's config to the linter, as the command
 * does for a file at that path. Returns 1 when the config ignores the
 * document, 0 to lint it, TL_ECONFIG with *err set when a config cannot be
 * read, TL_ENOMEM. */
static int settle(server *S, tl_lsp_doc *d, tl_error *err)
{
    tl_settings_request rq = {S->fixed, S->discover, false, S->cli_min_severity, S->cli_tier};
    tl_file_settings st;
    int rc = tl_configs_settings(&S->configs, d->path, &rq, &S->scratch, &st, err);
    if (rc < 0) return rc;
    if (st.rules_changed) {
        /* The config brought packs: match with their rules too. */
        if (tl_linter_prepare(&S->L, err) < 0) return TL_ENOMEM;
        free_rule_json(S);
        build_rule_json(S);
        relint_all(S);
    }
    if (st.ignored) return 1;
    const tl_policy *pol = st.policy;
    int min = (int)st.min_severity, tier = (int)st.tier;
    if (pol != d->policy || min != d->min_severity || tier != d->tier) {
        tl_lsp_lint_forget(&d->lint);
        d->policy = pol;
        d->min_severity = min;
        d->tier = tier;
    }
    S->L.policy = pol;
    S->L.min_severity = (tl_severity)min;
    S->L.tier = (tl_tier)tier;
    return 0;
}

/* Make d the document whose lint is kept; give back the memory of the
 * one kept before. */
static void keep_lint(server *S, tl_lsp_doc *d)
{
    if (S->kept && S->kept != d) tl_lsp_lint_release(&S->kept->lint);
    S->kept = d;
}

/* Lint a dirty document and publish its diagnostics. With `quiet` (a
 * request needs its findings), also lint a clean document whose lint was
 * given back, without publishing: its diagnostics have not changed. */
static void lint_doc(server *S, tl_lsp_doc *d, bool quiet)
{
    if (d->dirty)
        quiet = false;
    else if (!quiet || !d->lint.released)
        return;
    double t0 = now_ms(), cpu0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    int previous = d->lint.err.code;
    tl_error cerr;
    tl_error_clear(&cerr);
    int settled = tl_config_own_file(d->path) ? 1 : settle(S, d, &cerr);
    if (settled == TL_ENOMEM) {
        logf_(S, "%s: out of memory reading its config", d->path);
        return;
    }
    if (settled != 0) {
        /* Not linted: ignored by its config, one of tonelint's own files, or
         * its config is broken (said on the document, at its top). */
        d->dirty = false;
        d->lint.findings.n = 0;
        d->lint.released = false;
        if (quiet) return;
        json_t *diags = json_array();
        if (settled == TL_ECONFIG) {
            char msg[900];
            if (cerr.path && cerr.line)
                snprintf(msg, sizeof(msg), "%s:%d:%d: %s", cerr.path, cerr.line, cerr.column,
                         cerr.message);
            else
                snprintf(msg, sizeof(msg), "%s%s%s", cerr.path ? cerr.path : "",
                         cerr.path ? ": " : "", cerr.message);
            json_array_append_new(diags, json_pack("{s:o,s:i,s:s,s:o}", "range",
                                                   range_json(&d->text, 0, 0), "severity", 1,
                                                   "source", "tonelint", "message", jcstr(msg)));
        }
        publish(S, d->uri, diags, &d->version);
        return;
    }
    int rc = tl_lsp_lint_run(&d->lint, &S->L, d->path, syntax_for(d), d->text.text.data,
                             d->text.text.len, d->text.lines, d->text.nlines);
    d->dirty = false;
    keep_lint(S, d);
    double t1 = now_ms();
    if (rc < 0) {
        logf_(S, "%s: out of memory while linting", d->path);
        return;
    }
    if (quiet) return;
    const tl_error *err = &d->lint.err;
    if (err->code == TL_EUSAGE) {
        /* Not a format tonelint reads: say so once, show nothing. */
        if (previous != TL_EUSAGE) logf_(S, "%s: %s", d->path, err->message);
        publish(S, d->uri, json_array(), &d->version);
    } else if (err->code) {
        publish(S, d->uri, json_pack("[o]", error_diagnostic_json(d, err)), &d->version);
    } else {
        publish_findings(S, d);
    }
    /* Wall and CPU time: on a busy machine the CPU time is the cost. */
    if (S->verbose)
        logf_(S,
              "%s: %zu segments (%zu matched, %zu cached), %zu findings, lint %.2f ms, "
              "publish %.2f ms, cpu %.2f ms",
              d->path, d->lint.doc.nsegs, d->lint.cache.misses, d->lint.cache.hits,
              d->lint.findings.n, t1 - t0, now_ms() - t1,
              clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu0);
}

static void lint_dirty(server *S)
{
    for (size_t i = 0; i < S->docs.n; i++)
        lint_doc(S, S->docs.items[i], false);
}

/* ---- Hover ------------------------------------------------------------- */

/* Append s, escaping what Markdown would otherwise interpret. */
static void md_text(tl_buf *b, const char *s, bool markdown)
{
    if (!markdown) {
        tl_buf_puts(b, s);
        return;
    }
    for (; *s; s++) {
        if (strchr("\\`*_[]<>|~#", *s)) tl_buf_putc(b, '\\');
        tl_buf_putc(b, *s);
    }
}

static void hover_text(tl_buf *b, const tl_finding *f, bool md)
{
    const tl_rule *r = f->rule;
    if (md)
        tl_buf_printf(b, "**tonelint** `%s` (%s)\n\n", r->id, tl_severity_name(f->severity));
    else
        tl_buf_printf(b, "tonelint %s (%s)\n\n", r->id, tl_severity_name(f->severity));
    md_text(b, f->message, md);
    tl_buf_puts(b, "\n\n");
    if (r->why && *r->why) {
        tl_buf_puts(b, md ? "*Why:* " : "Why: ");
        md_text(b, r->why, md);
        tl_buf_puts(b, "\n\n");
    }
    if (f->nsuggestions) {
        tl_buf_puts(b, md ? "*Try:* " : "Try: ");
        for (size_t i = 0; i < f->nsuggestions; i++) {
            if (i) tl_buf_puts(b, ", ");
            tl_buf_puts(b, "“");
            md_text(b, f->suggestions[i], md);
            tl_buf_puts(b, "”");
        }
        tl_buf_puts(b, "\n\n");
    }
    char href[512];
    rule_href(href, sizeof(href), r->id);
    tl_buf_printf(b, md ? "[Rule documentation](%s)" : "Documentation: %s", href);
}

static json_t *hover(server *S, tl_lsp_doc *d, tl_lsp_pos pos)
{
    size_t off = tl_lsp_text_offset(&d->text, pos, false);
    tl_buf b = TL_BUF_INIT;
    const tl_finding *first = NULL;
    for (size_t i = 0; i < d->lint.findings.n; i++) {
        const tl_finding *f = &d->lint.findings.items[i];
        if (off < f->offset || off >= f->offset + (f->length ? f->length : 1)) continue;
        if (first)
            tl_buf_puts(&b, S->markdown ? "\n\n---\n\n" : "\n\n");
        else
            first = f;
        hover_text(&b, f, S->markdown);
    }
    if (!first) return json_null();
    json_t *h = json_object();
    json_object_set_new(h, "contents",
                        json_pack("{s:s,s:o}", "kind", S->markdown ? "markdown" : "plaintext",
                                  "value", jstr(b.data, b.len)));
    json_object_set_new(h, "range", finding_range_json(d, first));
    tl_buf_free(&b);
    return h;
}

/* ---- Code actions ------------------------------------------------------ */

/* The bytes that replace a finding's stored range to make it read as the
 * suggestion: the format's encoder when it has one; otherwise the
 * suggestion itself, only when the range is stored as plain text and the
 * suggestion holds nothing a format might need to escape. */
/* The quick fix for suggestion `which` of f: the same edit --fix makes
 * (tl_fix_edit), so placeholders, escapes and the format's quoting are
 * handled once, for the CLI and the editor alike. Sets the stored byte range
 * it replaces. */
static int encode_fix(tl_lsp_doc *d, const tl_finding *f, size_t which, tl_buf *out, size_t *start,
                      size_t *end)
{
    tl_edit e;
    tl_error err;
    tl_error_clear(&err);
    int rc = tl_fix_edit(&e, &d->lint.doc, f, which, &err);
    if (rc < 0) return rc;
    *start = e.start;
    *end = e.end;
    return tl_buf_append(out, e.text, e.len);
}

/* Whether the client asked for kinds that include quickfix. */
static bool wants_quickfix(json_t *only)
{
    if (!json_is_array(only)) return true;
    size_t i;
    json_t *k;
    json_array_foreach(only, i, k)
    {
        const char *s = json_string_value(k);
        if (s && (*s == '\0' || strcmp(s, "quickfix") == 0)) return true;
    }
    return false;
}

static json_t *workspace_edit(server *S, const tl_lsp_doc *d, size_t start, size_t end,
                              const char *text, size_t len)
{
    json_t *edit = json_object();
    json_object_set_new(edit, "range", range_json(&d->text, start, end));
    json_object_set_new(edit, "newText", jstr(text, len));
    json_t *edits = json_array();
    json_array_append_new(edits, edit);
    json_t *we = json_object();
    if (S->document_changes) {
        json_t *tde = json_object();
        json_object_set_new(
            tde, "textDocument",
            json_pack("{s:o,s:I}", "uri", jcstr(d->uri), "version", (json_int_t)d->version));
        json_object_set_new(tde, "edits", edits);
        json_object_set_new(we, "documentChanges", json_pack("[o]", tde));
    } else {
        json_t *changes = json_object();
        json_object_set_new(changes, d->uri, edits);
        json_object_set_new(we, "changes", changes);
    }
    return we;
}

static json_t *code_actions(server *S, tl_lsp_doc *d, const tl_lsp_range *range)
{
    json_t *actions = json_array();
    size_t a = tl_lsp_text_offset(&d->text, range->start, false);
    size_t b = tl_lsp_text_offset(&d->text, range->end, true);
    if (a > b) {
        size_t t = a;
        a = b;
        b = t;
    }
    tl_buf text = TL_BUF_INIT, title = TL_BUF_INIT;
    for (size_t i = 0; i < d->lint.findings.n; i++) {
        const tl_finding *f = &d->lint.findings.items[i];
        if (f->offset > b || a > f->offset + f->length) continue;
        for (size_t k = 0; k < f->nsuggestions; k++) {
            tl_buf_reset(&text);
            size_t es, ee;
            if (encode_fix(d, f, k, &text, &es, &ee) < 0) continue;
            tl_buf_reset(&title);
            if (*f->suggestions[k])
                tl_buf_printf(&title, "Replace “%s” with “%s”", f->match, f->suggestions[k]);
            else
                tl_buf_printf(&title, "Remove “%s”", f->match);
            json_t *act = json_object();
            json_object_set_new(act, "title", jstr(title.data, title.len));
            json_object_set_new(act, "kind", json_string("quickfix"));
            json_object_set_new(act, "diagnostics", json_pack("[o]", diagnostic_json(d, f)));
            if (k == 0 && f->fixable) json_object_set_new(act, "isPreferred", json_true());
            json_object_set_new(act, "edit",
                                workspace_edit(S, d, es, ee, text.data ? text.data : "", text.len));
            json_array_append_new(actions, act);
        }
    }
    tl_buf_free(&text);
    tl_buf_free(&title);
    return actions;
}

/* ---- Methods ----------------------------------------------------------- */

static json_t *initialize_result(server *S, json_t *params)
{
    json_t *caps = json_object_get(params, "capabilities");
    json_t *fmts = json_object_get(json_object_get(json_object_get(caps, "textDocument"), "hover"),
                                   "contentFormat");
    size_t i;
    json_t *v;
    S->markdown = false;
    json_array_foreach(fmts, i, v)
    {
        const char *s = json_string_value(v);
        if (s && strcmp(s, "markdown") == 0) S->markdown = true;
    }
    S->document_changes = json_is_true(json_object_get(
        json_object_get(json_object_get(caps, "workspace"), "workspaceEdit"), "documentChanges"));
    S->watch_configs = json_is_true(json_object_get(
        json_object_get(json_object_get(caps, "workspace"), "didChangeWatchedFiles"),
        "dynamicRegistration"));
    return json_pack("{s:{s:s,s:{s:b,s:i,s:{s:b}},s:{s:[s]},s:b},s:{s:s,s:s}}", "capabilities",
                     "positionEncoding", "utf-16", "textDocumentSync", "openClose", 1, "change", 2,
                     "save", "includeText", 0, "codeActionProvider", "codeActionKinds", "quickfix",
                     "hoverProvider", 1, "serverInfo", "name", "tonelint", "version", TL_VERSION);
}

static const char *param_uri(json_t *params)
{
    return json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
}

static void did_open(server *S, json_t *params)
{
    json_t *td = json_object_get(params, "textDocument");
    const char *uri = json_string_value(json_object_get(td, "uri"));
    json_t *text = json_object_get(td, "text");
    if (!uri || !json_is_string(text)) {
        logf_(S, "didOpen without a uri and text: ignored");
        return;
    }
    json_t *ver = json_object_get(td, "version");
    const char *lang = json_string_value(json_object_get(td, "languageId"));
    if (S->kept && S->kept == tl_lsp_docs_find(&S->docs, uri)) S->kept = NULL;
    if (!tl_lsp_docs_open(&S->docs, uri, lang, json_is_integer(ver) ? json_integer_value(ver) : 0,
                          json_string_value(text), json_string_length(text)))
        logf_(S, "%s: out of memory", uri);
}

static void did_change(server *S, json_t *params)
{
    const char *uri = param_uri(params);
    tl_lsp_doc *d = uri ? tl_lsp_docs_find(&S->docs, uri) : NULL;
    if (!d) {
        logf_(S, "didChange for a document that is not open: %s", uri ? uri : "(no uri)");
        return;
    }
    json_t *ver = json_object_get(json_object_get(params, "textDocument"), "version");
    if (json_is_integer(ver)) d->version = json_integer_value(ver);
    size_t i;
    json_t *ch;
    json_array_foreach(json_object_get(params, "contentChanges"), i, ch)
    {
        json_t *text = json_object_get(ch, "text");
        if (!json_is_string(text)) {
            logf_(S, "%s: a change without text: ignored", d->uri);
            continue;
        }
        json_t *jr = json_object_get(ch, "range");
        tl_lsp_range r;
        int rc;
        if (jr && !json_is_null(jr)) {
            if (!get_range(jr, &r)) {
                logf_(S, "%s: a change with a malformed range: ignored", d->uri);
                continue;
            }
            rc = tl_lsp_text_apply(&d->text, &r, json_string_value(text), json_string_length(text));
        } else {
            rc = tl_lsp_text_set(&d->text, json_string_value(text), json_string_length(text));
        }
        if (rc < 0) logf_(S, "%s: out of memory applying a change", d->uri);
        d->dirty = true;
    }
}

static void did_close(server *S, json_t *params)
{
    const char *uri = param_uri(params);
    if (uri && S->kept && S->kept == tl_lsp_docs_find(&S->docs, uri)) S->kept = NULL;
    if (uri && tl_lsp_docs_close(&S->docs, uri)) publish(S, uri, json_array(), NULL);
}

/* The document a request is about, linted. NULL after replying an error. */
static tl_lsp_doc *request_doc(server *S, json_t *id, json_t *params)
{
    const char *uri = param_uri(params);
    if (!uri) {
        reply_error(S, id, RPC_INVALID_PARAMS, "textDocument.uri is missing");
        return NULL;
    }
    tl_lsp_doc *d = tl_lsp_docs_find(&S->docs, uri);
    if (!d) {
        /* Not open: nothing to say about it (not an error for the editor). */
        reply(S, id, NULL);
        return NULL;
    }
    lint_doc(S, d, true);
    return d;
}

static void load_rules(server *S);

/* `.tonelint.yml` files changed: read them again, with the packs they
 * bring, and lint every open document again. */
static void reload_configs(server *S)
{
    if (!S->discover && !S->config_path) return;
    S->L.policy = NULL;
    tl_matcher_free(&S->L.matcher);
    tl_configs_free(&S->configs);
    /* Config packs live in the rule set: start again from the command's. */
    tl_ruleset_free(&S->L.rules);
    tl_ruleset_init(&S->L.rules);
    S->rules_error[0] = '\0';
    load_rules(S);
    tl_configs_init(&S->configs, &S->L.rules);
    S->fixed = NULL;
    tl_error err;
    tl_error_clear(&err);
    if (S->config_path && tl_configs_add(&S->configs, S->config_path, &S->fixed, &err) < 0)
        logf_(S, "%s: %s", S->config_path, err.message);
    S->configs.rules_changed = false;
    if (tl_linter_prepare(&S->L, &err) < 0) logf_(S, "%s", err.message);
    free_rule_json(S);
    build_rule_json(S);
    relint_all(S);
}

static void handle(server *S, json_t *msg)
{
    json_t *id = json_object_get(msg, "id");
    json_t *jm = json_object_get(msg, "method");
    json_t *params = json_object_get(msg, "params");
    if (!jm) {
        /* A response to a request of ours (registering file watchers), or
         * nonsense. */
        if (!id) reply_error(S, NULL, RPC_INVALID_REQUEST, "a message needs a method or an id");
        return;
    }
    if (id && !json_is_integer(id) && !json_is_string(id) && !json_is_null(id)) {
        reply_error(S, NULL, RPC_INVALID_REQUEST, "an id must be a number or a string");
        return;
    }
    const char *method = json_string_value(jm);
    if (!method) {
        if (id) reply_error(S, id, RPC_INVALID_REQUEST, "method must be a string");
        return;
    }
    bool request = id != NULL;

    if (strcmp(method, "exit") == 0) {
        S->exiting = true;
        S->exit_code = S->shutdown_seen ? 0 : 1;
        return;
    }
    if (!S->initialize_seen && strcmp(method, "initialize") != 0) {
        if (request) reply_error(S, id, LSP_SERVER_NOT_INITIALIZED, "initialize first");
        return;
    }
    if (S->shutdown_seen) {
        if (request) reply_error(S, id, RPC_INVALID_REQUEST, "the server is shutting down");
        return;
    }
    if (strcmp(method, "initialize") == 0) {
        if (!request) return;
        if (S->initialize_seen) {
            reply_error(S, id, RPC_INVALID_REQUEST, "initialize was already sent");
            return;
        }
        S->initialize_seen = true;
        reply(S, id, initialize_result(S, params));
    } else if (strcmp(method, "initialized") == 0) {
        if (S->rules_error[0])
            notify(S, "window/showMessage",
                   json_pack("{s:i,s:o}", "type", 1, "message", jcstr(S->rules_error)));
        if (S->watch_configs && S->discover) {
            /* Hear of `.tonelint.yml` files created, changed or deleted
             * outside the editor too. */
            json_t *req =
                json_pack("{s:s,s:I,s:s,s:{s:[{s:s,s:s,s:{s:[{s:s}]}}]}}", "jsonrpc", "2.0", "id",
                          (json_int_t)++S->next_request, "method", "client/registerCapability",
                          "params", "registrations", "id", "tonelint-configs", "method",
                          "workspace/didChangeWatchedFiles", "registerOptions", "watchers",
                          "globPattern", "**/.tonelint.yml");
            if (req)
                send_msg(S, req);
            else
                logf_(S, "out of memory asking to watch .tonelint.yml files");
        }
    } else if (strcmp(method, "workspace/didChangeWatchedFiles") == 0) {
        reload_configs(S);
    } else if (strcmp(method, "shutdown") == 0) {
        S->shutdown_seen = true;
        if (request) reply(S, id, NULL);
    } else if (strcmp(method, "textDocument/didOpen") == 0) {
        did_open(S, params);
    } else if (strcmp(method, "textDocument/didChange") == 0) {
        did_change(S, params);
    } else if (strcmp(method, "textDocument/didClose") == 0) {
        did_close(S, params);
    } else if (strcmp(method, "textDocument/didSave") == 0) {
        /* The text is already current; publish again (cheap: all cached)
         * for clients that clear diagnostics on save. A saved config
         * changes the settings of every document. */
        tl_lsp_doc *d = param_uri(params) ? tl_lsp_docs_find(&S->docs, param_uri(params)) : NULL;
        if (d) d->dirty = true;
        if (d && tl_config_own_file(d->path)) reload_configs(S);
    } else if (strcmp(method, "textDocument/hover") == 0 && request) {
        tl_lsp_pos pos;
        if (!get_pos(json_object_get(params, "position"), &pos)) {
            reply_error(S, id, RPC_INVALID_PARAMS, "position is missing or malformed");
            return;
        }
        tl_lsp_doc *d = request_doc(S, id, params);
        if (d) reply(S, id, hover(S, d, pos));
    } else if (strcmp(method, "textDocument/codeAction") == 0 && request) {
        tl_lsp_range range;
        if (!get_range(json_object_get(params, "range"), &range)) {
            reply_error(S, id, RPC_INVALID_PARAMS, "range is missing or malformed");
            return;
        }
        if (!wants_quickfix(json_object_get(json_object_get(params, "context"), "only"))) {
            reply(S, id, json_array());
            return;
        }
        tl_lsp_doc *d = request_doc(S, id, params);
        if (d) reply(S, id, code_actions(S, d, &range));
    } else if (request) {
        /* Includes $/ requests, which a server may refuse this way. */
        reply_error(S, id, RPC_METHOD_NOT_FOUND, "method not found: %s", method);
    }
    /* Other notifications ($/cancelRequest, $/setTrace, workspace/...) are
     * ignored: requests are answered in order, so there is nothing to cancel. */
}

/* ---- The loop ---------------------------------------------------------- */

static ssize_t read_fd(void *ud, void *buf, size_t n)
{
    return read(*(int *)ud, buf, n);
}

/* Whether another message is (or may be) already waiting. */
static bool input_waiting(server *S)
{
    if (tl_rpc_buffered(&S->reader)) return true;
    struct pollfd p = {S->in_fd, POLLIN, 0};
    return poll(&p, 1, 0) > 0;
}

static int serve(server *S)
{
    tl_buf body = TL_BUF_INIT;
    tl_rpc_reader_init(&S->reader, read_fd, &S->in_fd);
    S->exit_code = 1;
    while (!S->exiting && !S->write_failed) {
        if (!input_waiting(S)) lint_dirty(S);
        tl_error err;
        tl_error_clear(&err);
        int rc = tl_rpc_read(&S->reader, &body, &err);
        if (rc == 0) {
            /* The client closed the stream without `exit`. */
            S->exit_code = S->shutdown_seen ? 0 : 1;
            break;
        }
        if (rc == TL_EIO) {
            logf_(S, "%s", err.message);
            break;
        }
        if (rc < 0) {
            logf_(S, "refused a message: %s", err.message);
            reply_error(S, NULL, RPC_INVALID_REQUEST, "%s", err.message);
            continue;
        }
        json_error_t je;
        json_t *msg = json_loadb(body.data, body.len, JSON_ALLOW_NUL, &je);
        if (!msg) {
            logf_(S, "malformed JSON at line %d, column %d: %s", je.line, je.column, je.text);
            reply_error(S, NULL, RPC_PARSE_ERROR, "parse error at line %d, column %d: %s", je.line,
                        je.column, je.text);
            continue;
        }
        if (json_is_object(msg))
            handle(S, msg);
        else
            reply_error(S, NULL, RPC_INVALID_REQUEST, "a message must be a JSON object");
        json_decref(msg);
        /* Keep a one-off giant message from pinning memory. */
        if (body.cap > ((size_t)1 << 20)) tl_buf_free(&body);
    }
    if (S->reader.junk)
        logf_(S, "skipped %zu bytes of input that were not messages", S->reader.junk);
    tl_buf_free(&body);
    tl_rpc_reader_free(&S->reader);
    return S->exit_code;
}

static void usage(FILE *f)
{
    fprintf(f, "Usage: tonelint lsp [OPTIONS]\n"
               "Run the tonelint language server over standard input and output.\n"
               "\n"
               "Options:\n"
               "  -r, --rules DIR          load an extra rule pack (repeatable)\n"
               "      --no-default-rules   do not load the default pack\n"
               "      --config FILE        use this config for every document instead of\n"
               "                           the nearest .tonelint.yml\n"
               "      --no-config          do not look for .tonelint.yml files\n"
               "      --tier TIER          run the rules of TIER and below: default, strict,\n"
               "                           pedantic\n"
               "      --min-severity LEVEL report only findings of LEVEL or above:\n"
               "                           error, warning, suggestion (default)\n"
               "      --stdio              use standard input and output (the default)\n"
               "      --verbose            log each lint's time and cache use to stderr\n"
               "  -h, --help               print this help\n"
               "\n"
               "Editor set-up: docs/editors.md.\n");
}

/* Load the packs; a failure is kept to be shown to the user once the
 * client is ready, and the server runs without rules rather than exit
 * (an editor would only restart it in a loop). */
static void load_rules(server *S)
{
    tl_error err;
    tl_error_clear(&err);
    char buf[PATH_MAX];
    int rc = 0;
    const char *dir = tl_default_rules_dir(buf, sizeof(buf));
    bool missing = false;
    if (S->default_rules) {
        rc = tl_ruleset_load_dir(&S->L.rules, dir, NULL, &err);
        missing = rc < 0 && access(dir, F_OK) != 0;
    }
    for (size_t i = 0; rc >= 0 && i < S->npacks; i++)
        rc = tl_ruleset_load_dir(&S->L.rules, S->packs[i], NULL, &err);
    if (rc < 0) {
        if (err.path && err.line)
            snprintf(S->rules_error, sizeof(S->rules_error), "tonelint: %s:%d:%d: %s", err.path,
                     err.line, err.column, err.message);
        else
            snprintf(S->rules_error, sizeof(S->rules_error), "tonelint: %s%s%s%s",
                     err.path ? err.path : "", err.path ? ": " : "", err.message,
                     missing ? " (set TONELINT_RULES_DIR to tonelint's rules/ folder, or give "
                               "packs with --rules DIR)"
                             : "");
        logf_(S, "%s", S->rules_error);
        tl_ruleset_free(&S->L.rules);
        tl_ruleset_init(&S->L.rules);
    }
}

int tl_lsp_main(int argc, char **argv)
{
    enum {
        OPT_NO_DEFAULT = 256,
        OPT_MIN_SEV,
        OPT_STDIO,
        OPT_VERBOSE,
        OPT_CONFIG,
        OPT_NO_CONFIG,
        OPT_TIER
    };
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, 'r'},
        {"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"no-config", no_argument, NULL, OPT_NO_CONFIG},
        {"min-severity", required_argument, NULL, OPT_MIN_SEV},
        {"tier", required_argument, NULL, OPT_TIER},
        {"stdio", no_argument, NULL, OPT_STDIO},
        {"verbose", no_argument, NULL, OPT_VERBOSE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    server *S = calloc(1, sizeof(*S));
    char **packs = calloc((size_t)argc + 1, sizeof(*packs));
    if (!S || !packs) {
        free(S);
        free(packs);
        fprintf(stderr, "tonelint lsp: out of memory\n");
        return 2;
    }
    size_t npacks = 0;
    bool defaults = true, no_config = false;
    const char *config = NULL;
    int min_sev = -1, tier = -1, c, status = 2;
    optind = 1;
    while ((c = getopt_long(argc, argv, "r:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'r':
            packs[npacks++] = optarg;
            break;
        case OPT_NO_DEFAULT:
            defaults = false;
            break;
        case OPT_CONFIG:
            config = optarg;
            break;
        case OPT_NO_CONFIG:
            no_config = true;
            break;
        case OPT_MIN_SEV:
            min_sev = tl_severity_from_name(optarg);
            if (min_sev < 0 || min_sev == TL_SEV_OFF) {
                fprintf(stderr,
                        "tonelint lsp: --min-severity takes error, warning or suggestion\n");
                goto done;
            }
            break;
        case OPT_TIER:
            if ((tier = tl_tier_from_name(optarg)) < 0) {
                fprintf(stderr, "tonelint lsp: --tier takes default, strict or pedantic\n");
                goto done;
            }
            break;
        case OPT_STDIO:
            break;
        case OPT_VERBOSE:
            S->verbose = true;
            break;
        case 'h':
            usage(stdout);
            status = 0;
            goto done;
        default:
            fprintf(stderr, "Try `tonelint lsp --help`.\n");
            goto done;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "tonelint lsp: unexpected argument `%s`\n", argv[optind]);
        goto done;
    }
    /* A client that goes away must not kill us with SIGPIPE mid-write: the
     * write fails and the loop ends. */
    signal(SIGPIPE, SIG_IGN);
    /* Each lint builds and frees a document's arena (megabytes for a large
     * file). Keep that memory in the process instead of returning it to the
     * kernel after every keystroke and faulting it back in: this halves the
     * cost of extraction in a long-running server. */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);

    tl_linter_init(&S->L);
    S->default_rules = defaults;
    S->packs = packs;
    S->npacks = npacks;
    load_rules(S);
    S->cli_min_severity = min_sev;
    S->cli_tier = tier;
    S->L.tier = tier >= 0 ? (tl_tier)tier : TL_TIER_DEFAULT;
    S->L.min_severity = min_sev >= 0 ? (tl_severity)min_sev : TL_SEV_SUGGESTION;
    S->discover = !config && !no_config;
    S->config_path = config;
    tl_configs_init(&S->configs, &S->L.rules);
    tl_error err;
    tl_error_clear(&err);
    if (config && tl_configs_add(&S->configs, config, &S->fixed, &err) < 0) {
        tl_diag_error(&err);
        tl_configs_free(&S->configs);
        tl_linter_free(&S->L);
        goto done;
    }
    S->configs.rules_changed = false;
    if (tl_linter_prepare(&S->L, &err) < 0) {
        tl_diag_error(&err);
        tl_configs_free(&S->configs);
        tl_linter_free(&S->L);
        goto done;
    }
    build_rule_json(S);
    S->in_fd = STDIN_FILENO;
    S->out_fd = STDOUT_FILENO;
    /* Room for a whole publish in the pipe, so the server goes back to
     * reading while the editor parses it (no effect on a file or a tty). */
    fcntl(S->out_fd, F_SETPIPE_SZ, 1 << 20);
    status = serve(S);
    tl_lsp_docs_free(&S->docs);
    tl_buf_free(&S->out);
    free_rule_json(S);
    S->L.policy = NULL;
    tl_policy_free(&S->scratch);
    tl_configs_free(&S->configs);
    tl_linter_free(&S->L);
done:
    free(packs);
    free(S);
    return status;
}
