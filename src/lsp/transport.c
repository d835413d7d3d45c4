/* transport.c - the language server's side of the wire: encoding
 * messages with jansson and writing them framed (jsonrpc.c), replies and
 * notifications, and the loop that reads, decodes and dispatches each
 * message (tl_lsp_handle, server.c), linting dirty documents when no more
 * input waits. What a message means is server.c's business. */
#include "server.h"
#include "../core/utf8.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void tl_lsp_log(server *S, const char *fmt, ...)
{
    (void)S;
    va_list ap;
    va_start(ap, fmt);
    fputs("tonelint lsp: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void tl_lsp_diag_line(void *ud, const char *line, size_t len)
{
    (void)ud;
    fwrite(line, 1, len, stderr);
}

/* ---- Output ------------------------------------------------------------ */

int tl_lsp_write_fd(void *ud, const void *data, size_t len)
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
void tl_lsp_send(server *S, json_t *msg)
{
    if (!msg) return;
    json_object_set_new(msg, "jsonrpc", json_string("2.0"));
    tl_buf_reset(&S->out);
    if (json_dump_callback(msg, dump_cb, &S->out, JSON_COMPACT) < 0) {
        tl_lsp_log(S, "cannot encode a message (out of memory)");
    } else if (!S->write_failed &&
               tl_rpc_write(tl_lsp_write_fd, &S->out_fd, S->out.data, S->out.len) < 0) {
        tl_lsp_log(S, "cannot write to the client: %s", strerror(errno));
        S->write_failed = true;
    }
    json_decref(msg);
    /* A huge publish should not pin its buffer for the server's lifetime. */
    if (S->out.cap > ((size_t)16 << 20)) tl_buf_free(&S->out);
}

void tl_lsp_reply(server *S, json_t *id, json_t *result)
{
    json_t *m = json_object();
    json_object_set(m, "id", id ? id : json_null());
    json_object_set_new(m, "result", result ? result : json_null());
    tl_lsp_send(S, m);
}

void tl_lsp_reply_error(server *S, json_t *id, int code, const char *fmt, ...)
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
    tl_lsp_send(S, m);
}

void tl_lsp_notify(server *S, const char *method, json_t *params)
{
    json_t *m = json_object();
    json_object_set_new(m, "method", json_string(method));
    json_object_set_new(m, "params", params);
    tl_lsp_send(S, m);
}

/* A JSON string from UTF-8 that may (in theory) be malformed: bad bytes
 * become U+FFFD instead of the value going missing. */
json_t *tl_lsp_jstr(const char *s, size_t n)
{
    json_t *j = json_stringn(s, n);
    if (j) return j;
    tl_buf b = TL_BUF_INIT;
    for (size_t i = 0; i < n;) {
        size_t k = tl_utf8_valid((const unsigned char *)s + i, n - i);
        if (k) {
            tl_buf_append(&b, s + i, k);
            i += k;
        } else {
            tl_buf_puts(&b, "\xEF\xBF\xBD");
            i++;
        }
    }
    j = tl_buf_failed(&b) ? NULL : json_stringn(b.data ? b.data : "", b.len);
    tl_buf_free(&b);
    return j;
}

json_t *tl_lsp_jcstr(const char *s)
{
    return s ? tl_lsp_jstr(s, strlen(s)) : json_null();
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

int tl_lsp_serve(server *S)
{
    tl_buf body = TL_BUF_INIT;
    tl_rpc_reader_init(&S->reader, read_fd, &S->in_fd);
    S->exit_code = 1;
    while (!S->exiting && !S->write_failed) {
        if (!input_waiting(S)) tl_lsp_lint_dirty(S);
        tl_error err;
        tl_error_clear(&err);
        int rc = tl_rpc_read(&S->reader, &body, &err);
        if (rc == 0) {
            /* The client closed the stream without `exit`. */
            S->exit_code = S->shutdown_seen ? 0 : 1;
            break;
        }
        if (rc == TL_EIO) {
            tl_lsp_log(S, "%s", err.message);
            break;
        }
        if (rc < 0) {
            tl_lsp_log(S, "refused a message: %s", err.message);
            tl_lsp_reply_error(S, NULL, RPC_INVALID_REQUEST, "%s", err.message);
            continue;
        }
        json_error_t je;
        json_t *msg = json_loadb(body.data, body.len, JSON_ALLOW_NUL, &je);
        if (!msg) {
            tl_lsp_log(S, "malformed JSON at line %d, column %d: %s", je.line, je.column, je.text);
            tl_lsp_reply_error(S, NULL, RPC_PARSE_ERROR, "parse error at line %d, column %d: %s",
                               je.line, je.column, je.text);
            continue;
        }
        if (json_is_object(msg))
            tl_lsp_handle(S, msg);
        else
            tl_lsp_reply_error(S, NULL, RPC_INVALID_REQUEST, "a message must be a JSON object");
        json_decref(msg);
        /* Keep a one-off giant message from pinning memory. */
        if (body.cap > ((size_t)1 << 20)) tl_buf_free(&body);
    }
    if (S->reader.junk)
        tl_lsp_log(S, "skipped %zu bytes of input that were not messages", S->reader.junk);
    tl_buf_free(&body);
    tl_rpc_reader_free(&S->reader);
    return S->exit_code;
}
