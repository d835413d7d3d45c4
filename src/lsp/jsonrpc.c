/* jsonrpc.c - the base protocol's framing: header lines, Content-Length,
 * bodies, with size limits.
 *
 * Grammar (LSP base protocol; lines end in CRLF, a bare LF is accepted):
 *   message = 1*(header-line) blank-line body
 *   header-line = name ":" value    (name is a token; only Content-Length
 *                                    is used, others such as Content-Type
 *                                    are ignored)
 * The reader is a loop over a fixed input buffer: header lines are collected
 * in a capped line buffer, bodies are copied into the caller's buffer or,
 * when over the limit, consumed and dropped. */
#include "jsonrpc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void tl_rpc_reader_init(tl_rpc_reader *r, tl_rpc_read_fn read, void *ud)
{
    memset(r, 0, offsetof(tl_rpc_reader, in));
    r->read = read;
    r->ud = ud;
    r->max_header = TL_RPC_MAX_HEADER;
    r->max_body = TL_RPC_MAX_BODY;
    r->line = (tl_buf)TL_BUF_INIT;
}

void tl_rpc_reader_free(tl_rpc_reader *r)
{
    tl_buf_free(&r->line);
}

bool tl_rpc_buffered(const tl_rpc_reader *r)
{
    return r->start < r->end;
}

/* Refill the (fully consumed) input buffer. 1: bytes are there, 0: end of
 * input, or TL_EIO. */
static int fill(tl_rpc_reader *r, tl_error *err)
{
    r->start = r->end = 0;
    if (r->eof) return 0;
    for (;;) {
        ssize_t n = r->read(r->ud, r->in, sizeof(r->in));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return tl_error_set(err, TL_EIO, "cannot read the input: %s", strerror(errno));
        if (n == 0) {
            r->eof = true;
            return 0;
        }
        r->end = (size_t)n;
        return 1;
    }
}

static bool is_token_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* Case-insensitive search for needle in [s, s+n). */
static const char *find_nocase(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(s + i, needle, k) == 0) return s + i;
    return NULL;
}

/* What the header block said so far. */
typedef struct header {
    bool any;      /* a header line was seen */
    bool too_big;  /* the block went over max_header */
    bool have_len; /* a valid Content-Length */
    bool bad_len;  /* a Content-Length that is not a number we can use */
    size_t len;    /* its value */
    size_t total;  /* bytes in the block */
} header;

static void parse_length(header *h, const char *v, size_t n)
{
    while (n && (*v == ' ' || *v == '\t'))
        v++, n--;
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    if (!n) {
        h->bad_len = true;
        return;
    }
    size_t val = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9' || val > (SIZE_MAX - 9) / 10) {
            h->bad_len = true;
            return;
        }
        val = val * 10 + (size_t)(v[i] - '0');
    }
    h->have_len = true;
    h->bad_len = false;
    h->len = val;
}

/* One complete header line (terminator removed). */
static void header_line(tl_rpc_reader *r, header *h, const char *s, size_t n, bool truncated)
{
    if (truncated) {
        /* A single line over the limit: part of an oversized block. */
        h->any = true;
        return;
    }
    size_t name = 0;
    while (name < n && is_token_char((unsigned char)s[name]))
        name++;
    if (name == 0 || name >= n || s[name] != ':') {
        /* Not a header line. A Content-Length further on starts a message
         * (the client resumed after garbage); anything else is skipped. */
        const char *cl = find_nocase(s, n, "content-length:");
        if (!cl) {
            r->junk += n;
            return;
        }
        r->junk += (size_t)(cl - s);
        n -= (size_t)(cl - s);
        s = cl;
        name = 14;
    }
    h->any = true;
    if (name == 14 && strncasecmp(s, "content-length", 14) == 0)
        parse_length(h, s + name + 1, n - name - 1);
}

/* Read header lines up to the blank line. 1: done, 0: end of input, <0. */
static int read_header(tl_rpc_reader *r, header *h, tl_error *err)
{
    memset(h, 0, sizeof(*h));
    for (;;) {
        tl_buf_reset(&r->line);
        bool truncated = false;
        size_t line_bytes = 0;
        for (;;) {
            if (r->start == r->end) {
                int rc = fill(r, err);
                if (rc <= 0) return rc;
            }
            const unsigned char *p = memchr(r->in + r->start, '\n', r->end - r->start);
            size_t stop = p ? (size_t)(p - r->in) + 1 : r->end;
            size_t n = stop - r->start;
            line_bytes += n;
            if (!truncated && r->line.len + n <= r->max_header) {
                if (tl_buf_append(&r->line, r->in + r->start, n) < 0)
                    return tl_error_set(err, TL_ENOMEM, "out of memory");
            } else {
                truncated = true;
            }
            r->start = stop;
            if (p) break;
        }
        const char *s = r->line.data ? r->line.data : "";
        size_t n = r->line.len;
        if (!truncated) {
            if (n && s[n - 1] == '\n') n--;
            if (n && s[n - 1] == '\r') n--;
        }
        if (n == 0 && !truncated) {
            if (h->any) return 1;
            continue; /* a blank line between messages */
        }
        h->total += line_bytes;
        header_line(r, h, s, n, truncated);
        if (!h->any) h->total = 0; /* junk before a header does not count */
        if (h->total > r->max_header) h->too_big = true;
    }
}

/* Consume n bytes of body without keeping them. 1, 0 at end of input, <0. */
static int skip(tl_rpc_reader *r, size_t n, tl_error *err)
{
    while (n) {
        if (r->start == r->end) {
            int rc = fill(r, err);
            if (rc <= 0) return rc;
        }
        size_t k = r->end - r->start;
        if (k > n) k = n;
        r->start += k;
        n -= k;
    }
    return 1;
}

int tl_rpc_read(tl_rpc_reader *r, tl_buf *body, tl_error *err)
{
    tl_buf_reset(body);
    int rc;
    if (r->skip) {
        size_t n = r->skip;
        r->skip = 0;
        if ((rc = skip(r, n, err)) <= 0) return rc;
    }
    header h;
    if ((rc = read_header(r, &h, err)) <= 0) return rc;
    if (h.too_big) {
        if (h.have_len) r->skip = h.len;
        return tl_error_set(err, TL_ELIMIT, "message header is larger than %zu bytes",
                            r->max_header);
    }
    if (!h.have_len)
        return tl_error_set(err, TL_ESYNTAX, "message header without a valid Content-Length");
    if (h.len > r->max_body) {
        r->skip = h.len;
        return tl_error_set(err, TL_ELIMIT,
                            "message of %zu bytes is larger than the %zu-byte limit", h.len,
                            r->max_body);
    }
    if (tl_buf_grow(body, h.len) < 0) {
        r->skip = h.len;
        return tl_error_set(err, TL_ENOMEM, "out of memory for a message of %zu bytes", h.len);
    }
    size_t need = h.len;
    while (need) {
        if (r->start == r->end) {
            rc = fill(r, err);
            if (rc <= 0) return rc;
        }
        size_t k = r->end - r->start;
        if (k > need) k = need;
        memcpy(body->data + body->len, r->in + r->start, k);
        body->len += k;
        r->start += k;
        need -= k;
    }
    body->data[body->len] = '\0';
    return 1;
}

int tl_rpc_write(tl_rpc_write_fn write, void *ud, const char *body, size_t len)
{
    char head[64];
    int n = snprintf(head, sizeof(head), "Content-Length: %zu\r\n\r\n", len);
    int rc = write(ud, head, (size_t)n);
    if (rc < 0) return rc;
    return len ? write(ud, body, len) : 0;
}
