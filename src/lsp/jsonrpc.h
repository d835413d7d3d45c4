/* jsonrpc.h - JSON-RPC message framing for the language server.
 *
 * Owns the byte level of the base protocol: a header block (`Content-Length:
 * N`, optional `Content-Type`, lines ending in CRLF, a blank line) followed by
 * N bytes of body. It never looks inside a body (transport.c decodes JSON) and
 * never holds more than its limits: an oversized message is skipped, not
 * stored, and the reader carries on with the next one. */
#ifndef TL_LSP_JSONRPC_H
#define TL_LSP_JSONRPC_H

#include "../core/buf.h"
#include "../core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define TL_RPC_MAX_HEADER ((size_t)1 << 20) /* 1 MiB of header lines */
#define TL_RPC_MAX_BODY ((size_t)64 << 20)  /* 64 MiB of body */

/* Read up to n bytes into buf: the count, 0 at end of input, -1 on error
 * (errno set; EINTR is retried by the reader). */
typedef ssize_t (*tl_rpc_read_fn)(void *ud, void *buf, size_t n);

typedef struct tl_rpc_reader {
    tl_rpc_read_fn read;
    void *ud;
    size_t max_header; /* TL_RPC_MAX_HEADER unless changed after init (tests) */
    size_t max_body;   /* TL_RPC_MAX_BODY likewise */
    size_t start, end; /* unread bytes are in[start, end) */
    bool eof;
    size_t junk; /* bytes skipped so far because they were not a header */
    size_t skip; /* body bytes of a refused message still to be dropped */
    tl_buf line; /* the header line being read */
    unsigned char in[65536];
} tl_rpc_reader;

void tl_rpc_reader_init(tl_rpc_reader *r, tl_rpc_read_fn read, void *ud);
void tl_rpc_reader_free(tl_rpc_reader *r);

/* Read the next message's body into `body` (reset first; NUL-terminated).
 * Returns
 *   1           a message is in body;
 *   0           the input ended (a message cut short by the end is dropped);
 *   TL_ELIMIT   the header block or the body was over its limit: the message
 *               was skipped without being stored, err says why;
 *   TL_ESYNTAX  a header block without a usable Content-Length: skipped;
 *   TL_EIO      reading failed (err says why);
 *   TL_ENOMEM.
 * After TL_ELIMIT and TL_ESYNTAX the next call reads the next message (a
 * refused body is dropped then, so the refusal is reported at once). Text
 * before a header that is not a header line is skipped (counted in junk);
 * a stray `Content-Length:` in the middle of such a line resynchronizes. */
int tl_rpc_read(tl_rpc_reader *r, tl_buf *body, tl_error *err);

/* Whether unread input is already buffered (a message may be complete). */
bool tl_rpc_buffered(const tl_rpc_reader *r);

/* Write all of data; 0 or a negative code. */
typedef int (*tl_rpc_write_fn)(void *ud, const void *data, size_t len);

/* Frame one message body: write the header, then the body. */
int tl_rpc_write(tl_rpc_write_fn write, void *ud, const char *body, size_t len);

#endif
