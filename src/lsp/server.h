/* server.h - the language server's state and the calls its files share
 * (private to src/lsp/).
 *
 *   transport.c  encoding, sending and replying; the read loop
 *   server.c     positions, linting and diagnostics, the methods
 *   hover.c      textDocument/hover
 *   actions.c    textDocument/codeAction (quick fixes)
 *   cmdline.c    `tonelint lsp` options, the rule packs, set-up and teardown
 *
 * Only src/lsp/ includes <jansson.h>, never the library. */
#ifndef TL_LSP_SERVER_H
#define TL_LSP_SERVER_H

#include "../config/config.h"
#include "../lint/linter.h"
#include "documents.h"
#include "jsonrpc.h"
#include "lsp.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* JSON-RPC and LSP error codes. */
enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_INTERNAL_ERROR = -32603,
    LSP_SERVER_NOT_INITIALIZED = -32002
};

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

/* ---- transport.c ---- */

/* A line on stderr, prefixed "tonelint lsp: ". */
void tl_lsp_log(server *S, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The sink of the one-line messages about packs and configs
 * (report/diag.h): standard error, as they are (the editor shows it in the
 * server's log). */
void tl_lsp_diag_line(void *ud, const char *line, size_t len);
/* tl_rpc_write's writer over the file descriptor *(int *)ud. */
int tl_lsp_write_fd(void *ud, const void *data, size_t len);
/* Send a message and release it. */
void tl_lsp_send(server *S, json_t *msg);
/* Reply to request id (a JSON null id when NULL); takes result. */
void tl_lsp_reply(server *S, json_t *id, json_t *result);
void tl_lsp_reply_error(server *S, json_t *id, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Send a notification; takes params. */
void tl_lsp_notify(server *S, const char *method, json_t *params);
/* A JSON string from UTF-8 that may be malformed (bad bytes become
 * U+FFFD); a NUL-terminated one, or JSON null for NULL. */
json_t *tl_lsp_jstr(const char *s, size_t n);
json_t *tl_lsp_jcstr(const char *s);
/* Read and handle messages until exit or end of input; the exit status. */
int tl_lsp_serve(server *S);

/* ---- server.c ---- */

/* An LSP Range for bytes start..end of a text, and for a finding. */
json_t *tl_lsp_range_json(tl_lsp_text *t, size_t start, size_t end);
json_t *tl_lsp_finding_range_json(const tl_lsp_doc *d, const tl_finding *f);
/* The documentation link of a rule (see TL_DOCS_RULES_URL). */
void tl_lsp_rule_href(char *buf, size_t size, const char *id);
/* One finding as an LSP Diagnostic. */
json_t *tl_lsp_diagnostic_json(const tl_lsp_doc *d, const tl_finding *f);
/* The constant part of each rule's diagnostics (server.rule_json). */
void tl_lsp_rule_json_build(server *S);
void tl_lsp_rule_json_free(server *S);
/* Lint and publish every document that changed. */
void tl_lsp_lint_dirty(server *S);
/* Handle one message (a JSON object). */
void tl_lsp_handle(server *S, json_t *msg);

/* ---- hover.c, actions.c ---- */

/* The hover for a position of d (its findings there), or JSON null. */
json_t *tl_lsp_hover(server *S, tl_lsp_doc *d, tl_lsp_pos pos);
/* Whether a codeAction request's context.only asks for quick fixes. */
bool tl_lsp_wants_quickfix(json_t *only);
/* The quick fixes for the findings of d in range. */
json_t *tl_lsp_code_actions(server *S, tl_lsp_doc *d, const tl_lsp_range *range);

/* ---- cmdline.c ---- */

/* Load the command line's packs into S->L.rules; a failure is kept in
 * S->rules_error and the server runs without rules. */
void tl_lsp_load_rules(server *S);

#endif
