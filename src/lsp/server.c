/* server.c - the language server's protocol: positions, linting and
 * publishing diagnostics, and the methods (lifecycle, text sync, config
 * changes), dispatched by tl_lsp_handle. Documents are linted lazily: a
 * change only marks its document dirty, and dirty documents are linted
 * and published when no more input is waiting (so a burst of keystrokes
 * costs one lint) or when a request needs their findings. The diagnostics
 * list of a publish is written directly, not through jansson: it is the
 * hot path. */
#include "server.h"
#include "../report/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef TL_VERSION
#define TL_VERSION "0.0.0"
#endif

/* LSP DiagnosticSeverity for each tl_severity. A suggestion is Information
 * (3), not Hint (4): editors list Information in their problem views and
 * draw it visibly, while Hint is often only a faint mark, and a suggestion
 * is still copy the writer should see. */
static const int lsp_severity[] = {3, 2, 1};

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

/* ---- Positions --------------------------------------------------------- */

static json_t *pos_json(tl_lsp_pos p)
{
    return json_pack("{s:I,s:I}", "line", (json_int_t)p.line, "character", (json_int_t)p.character);
}

json_t *tl_lsp_range_json(tl_lsp_text *t, size_t start, size_t end)
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

json_t *tl_lsp_finding_range_json(const tl_lsp_doc *d, const tl_finding *f)
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
void tl_lsp_rule_href(char *buf, size_t size, const char *id)
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

json_t *tl_lsp_diagnostic_json(const tl_lsp_doc *d, const tl_finding *f)
{
    json_t *g = json_object();
    json_object_set_new(g, "range", tl_lsp_finding_range_json(d, f));
    json_object_set_new(
        g, "severity",
        json_integer(lsp_severity[f->severity <= TL_SEV_ERROR ? f->severity : TL_SEV_ERROR]));
    json_object_set_new(g, "code", tl_lsp_jcstr(f->rule->id));
    char href[512];
    tl_lsp_rule_href(href, sizeof(href), f->rule->id);
    json_object_set_new(g, "codeDescription", json_pack("{s:s}", "href", href));
    json_object_set_new(g, "source", json_string("tonelint"));
    json_object_set_new(g, "message", tl_lsp_jcstr(f->message));
    return g;
}

/* The diagnostic for a document that does not parse: at the error, to the
 * end of its line. */
static json_t *error_diagnostic_json(tl_lsp_doc *d, const tl_error *err)
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
    json_object_set_new(g, "range", tl_lsp_range_json(&d->text, off, end));
    json_object_set_new(g, "severity", json_integer(1));
    json_object_set_new(g, "source", json_string("tonelint"));
    char msg[600];
    snprintf(msg, sizeof(msg), "%s: %s", tl_error_kind(err->code), err->message);
    json_object_set_new(g, "message", tl_lsp_jcstr(msg));
    return g;
}

static void publish(server *S, const char *uri, json_t *diagnostics, const long long *version)
{
    json_t *p = json_object();
    json_object_set_new(p, "uri", tl_lsp_jcstr(uri));
    if (version) json_object_set_new(p, "version", json_integer(*version));
    json_object_set_new(p, "diagnostics", diagnostics);
    tl_lsp_notify(S, "textDocument/publishDiagnostics", p);
}

static int cmp_rule_json(const void *a, const void *b)
{
    const struct rule_json *x = a, *y = b;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

void tl_lsp_rule_json_build(server *S)
{
    const tl_ruleset *rs = &S->L.rules;
    S->rule_json = calloc(rs->n ? rs->n : 1, sizeof(*S->rule_json));
    if (!S->rule_json) return;
    char href[512];
    for (size_t i = 0; i < rs->n; i++) {
        tl_buf b = TL_BUF_INIT;
        tl_buf_puts(&b, ",\"code\":");
        tl_json_cstr(&b, rs->rules[i]->id);
        tl_lsp_rule_href(href, sizeof(href), rs->rules[i]->id);
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

void tl_lsp_rule_json_free(server *S)
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
 * dozen allocations per diagnostic. tl_lsp_diagnostic_json() is the same shape
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
            tl_lsp_rule_href(href, sizeof(href), f->rule->id);
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
        tl_lsp_log(S, "%s: out of memory publishing diagnostics", d->uri);
        return;
    }
    if (!S->write_failed && tl_rpc_write(tl_lsp_write_fd, &S->out_fd, b->data, b->len) < 0) {
        tl_lsp_log(S, "cannot write to the client: %s", strerror(errno));
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
        tl_lsp_rule_json_free(S);
        tl_lsp_rule_json_build(S);
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
        tl_lsp_log(S, "%s: out of memory reading its config", d->path);
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
            json_array_append_new(diags,
                                  json_pack("{s:o,s:i,s:s,s:o}", "range",
                                            tl_lsp_range_json(&d->text, 0, 0), "severity", 1,
                                            "source", "tonelint", "message", tl_lsp_jcstr(msg)));
        }
        publish(S, d->uri, diags, &d->version);
        return;
    }
    int rc = tl_lsp_lint_run(&d->lint, &S->L, d->path, syntax_for(d), d->text.text.data,
                             d->text.text.len, d->text.src.line_starts, d->text.src.nlines);
    d->dirty = false;
    keep_lint(S, d);
    double t1 = now_ms();
    if (rc < 0) {
        tl_lsp_log(S, "%s: out of memory while linting", d->path);
        return;
    }
    if (quiet) return;
    const tl_error *err = &d->lint.err;
    if (err->code == TL_EUSAGE) {
        /* Not a format tonelint reads: say so once, show nothing. */
        if (previous != TL_EUSAGE) tl_lsp_log(S, "%s: %s", d->path, err->message);
        publish(S, d->uri, json_array(), &d->version);
    } else if (err->code) {
        publish(S, d->uri, json_pack("[o]", error_diagnostic_json(d, err)), &d->version);
    } else {
        publish_findings(S, d);
    }
    /* Wall and CPU time: on a busy machine the CPU time is the cost. */
    if (S->verbose)
        tl_lsp_log(S,
                   "%s: %zu segments (%zu matched, %zu cached), %zu findings, lint %.2f ms, "
                   "publish %.2f ms, cpu %.2f ms",
                   d->path, d->lint.doc.nsegs, d->lint.cache.misses, d->lint.cache.hits,
                   d->lint.findings.n, t1 - t0, now_ms() - t1,
                   clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu0);
}

void tl_lsp_lint_dirty(server *S)
{
    for (size_t i = 0; i < S->docs.n; i++)
        lint_doc(S, S->docs.items[i], false);
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
        tl_lsp_log(S, "didOpen without a uri and text: ignored");
        return;
    }
    json_t *ver = json_object_get(td, "version");
    const char *lang = json_string_value(json_object_get(td, "languageId"));
    if (S->kept && S->kept == tl_lsp_docs_find(&S->docs, uri)) S->kept = NULL;
    if (!tl_lsp_docs_open(&S->docs, uri, lang, json_is_integer(ver) ? json_integer_value(ver) : 0,
                          json_string_value(text), json_string_length(text)))
        tl_lsp_log(S, "%s: out of memory", uri);
}

static void did_change(server *S, json_t *params)
{
    const char *uri = param_uri(params);
    tl_lsp_doc *d = uri ? tl_lsp_docs_find(&S->docs, uri) : NULL;
    if (!d) {
        tl_lsp_log(S, "didChange for a document that is not open: %s", uri ? uri : "(no uri)");
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
            tl_lsp_log(S, "%s: a change without text: ignored", d->uri);
            continue;
        }
        json_t *jr = json_object_get(ch, "range");
        tl_lsp_range r;
        int rc;
        if (jr && !json_is_null(jr)) {
            if (!get_range(jr, &r)) {
                tl_lsp_log(S, "%s: a change with a malformed range: ignored", d->uri);
                continue;
            }
            rc = tl_lsp_text_apply(&d->text, &r, json_string_value(text), json_string_length(text));
        } else {
            rc = tl_lsp_text_set(&d->text, json_string_value(text), json_string_length(text));
        }
        if (rc < 0) tl_lsp_log(S, "%s: out of memory applying a change", d->uri);
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
        tl_lsp_reply_error(S, id, RPC_INVALID_PARAMS, "textDocument.uri is missing");
        return NULL;
    }
    tl_lsp_doc *d = tl_lsp_docs_find(&S->docs, uri);
    if (!d) {
        /* Not open: nothing to say about it (not an error for the editor). */
        tl_lsp_reply(S, id, NULL);
        return NULL;
    }
    lint_doc(S, d, true);
    return d;
}

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
    tl_lsp_load_rules(S);
    tl_configs_init(&S->configs, &S->L.rules);
    S->fixed = NULL;
    tl_error err;
    tl_error_clear(&err);
    if (S->config_path && tl_configs_add(&S->configs, S->config_path, &S->fixed, &err) < 0)
        tl_lsp_log(S, "%s: %s", S->config_path, err.message);
    S->configs.rules_changed = false;
    if (tl_linter_prepare(&S->L, &err) < 0) tl_lsp_log(S, "%s", err.message);
    tl_lsp_rule_json_free(S);
    tl_lsp_rule_json_build(S);
    relint_all(S);
}

void tl_lsp_handle(server *S, json_t *msg)
{
    json_t *id = json_object_get(msg, "id");
    json_t *jm = json_object_get(msg, "method");
    json_t *params = json_object_get(msg, "params");
    if (!jm) {
        /* A response to a request of ours (registering file watchers), or
         * nonsense. */
        if (!id)
            tl_lsp_reply_error(S, NULL, RPC_INVALID_REQUEST, "a message needs a method or an id");
        return;
    }
    if (id && !json_is_integer(id) && !json_is_string(id) && !json_is_null(id)) {
        tl_lsp_reply_error(S, NULL, RPC_INVALID_REQUEST, "an id must be a number or a string");
        return;
    }
    const char *method = json_string_value(jm);
    if (!method) {
        if (id) tl_lsp_reply_error(S, id, RPC_INVALID_REQUEST, "method must be a string");
        return;
    }
    bool request = id != NULL;

    if (strcmp(method, "exit") == 0) {
        S->exiting = true;
        S->exit_code = S->shutdown_seen ? 0 : 1;
        return;
    }
    if (!S->initialize_seen && strcmp(method, "initialize") != 0) {
        if (request) tl_lsp_reply_error(S, id, LSP_SERVER_NOT_INITIALIZED, "initialize first");
        return;
    }
    if (S->shutdown_seen) {
        if (request) tl_lsp_reply_error(S, id, RPC_INVALID_REQUEST, "the server is shutting down");
        return;
    }
    if (strcmp(method, "initialize") == 0) {
        if (!request) return;
        if (S->initialize_seen) {
            tl_lsp_reply_error(S, id, RPC_INVALID_REQUEST, "initialize was already sent");
            return;
        }
        S->initialize_seen = true;
        tl_lsp_reply(S, id, initialize_result(S, params));
    } else if (strcmp(method, "initialized") == 0) {
        if (S->rules_error[0])
            tl_lsp_notify(
                S, "window/showMessage",
                json_pack("{s:i,s:o}", "type", 1, "message", tl_lsp_jcstr(S->rules_error)));
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
                tl_lsp_send(S, req);
            else
                tl_lsp_log(S, "out of memory asking to watch .tonelint.yml files");
        }
    } else if (strcmp(method, "workspace/didChangeWatchedFiles") == 0) {
        reload_configs(S);
    } else if (strcmp(method, "shutdown") == 0) {
        S->shutdown_seen = true;
        if (request) tl_lsp_reply(S, id, NULL);
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
            tl_lsp_reply_error(S, id, RPC_INVALID_PARAMS, "position is missing or malformed");
            return;
        }
        tl_lsp_doc *d = request_doc(S, id, params);
        if (d) tl_lsp_reply(S, id, tl_lsp_hover(S, d, pos));
    } else if (strcmp(method, "textDocument/codeAction") == 0 && request) {
        tl_lsp_range range;
        if (!get_range(json_object_get(params, "range"), &range)) {
            tl_lsp_reply_error(S, id, RPC_INVALID_PARAMS, "range is missing or malformed");
            return;
        }
        if (!tl_lsp_wants_quickfix(json_object_get(json_object_get(params, "context"), "only"))) {
            tl_lsp_reply(S, id, json_array());
            return;
        }
        tl_lsp_doc *d = request_doc(S, id, params);
        if (d) tl_lsp_reply(S, id, tl_lsp_code_actions(S, d, &range));
    } else if (request) {
        /* Includes $/ requests, which a server may refuse this way. */
        tl_lsp_reply_error(S, id, RPC_METHOD_NOT_FOUND, "method not found: %s", method);
    }
    /* Other notifications ($/cancelRequest, $/setTrace, workspace/...) are
     * ignored: requests are answered in order, so there is nothing to cancel. */
}
