/* jsonscan.h - a pull scanner for JSON (RFC 8259) that keeps byte offsets.
 *
 * Every JSON-family extractor (json.c flavours, ARB, .xcstrings) walks the
 * document token by token with this scanner: no tree is built and no string
 * is copied until the extractor asks for it. The scanner validates the whole
 * grammar strictly (strings, escapes, surrogate pairs, numbers, literals,
 * nesting) and reports the first problem with tl_doc_error, so the message
 * carries file:line:col. It does not know what any key means. */
#ifndef TL_JSONSCAN_H
#define TL_JSONSCAN_H

#include "../core/segment.h"

#include <stdbool.h>
#include <stddef.h>

/* Deeper nesting is an error (and a cap on the scanner's fixed stack). */
#define TL_JSON_MAX_DEPTH 512

typedef enum tl_jtok {
    TL_JTOK_END = 0,    /* no more tokens: the top-level value is complete */
    TL_JTOK_OBJECT,     /* { */
    TL_JTOK_OBJECT_END, /* } */
    TL_JTOK_ARRAY,      /* [ */
    TL_JTOK_ARRAY_END,  /* ] */
    TL_JTOK_KEY,        /* a member name (a string followed by ':') */
    TL_JTOK_STRING,     /* a string value */
    TL_JTOK_NUMBER,
    TL_JTOK_TRUE,
    TL_JTOK_FALSE,
    TL_JTOK_NULL
} tl_jtok;

typedef struct tl_jscan {
    tl_doc *doc;   /* for error positions; borrowed */
    tl_error *err; /* filled on error; may be NULL */
    const unsigned char *b;
    size_t len, pos;
    int state;
    int depth;                              /* open containers */
    unsigned char stack[TL_JSON_MAX_DEPTH]; /* 1: object, 0: array */
    /* The current token: stored bytes [start, end). A string's range
     * includes its quotes. */
    size_t start, end;
    bool escaped; /* the current string holds at least one escape */
    bool begun;   /* a value has been seen (an empty document is not an error) */
} tl_jscan;

/* Scan the document's stored bytes; a UTF-8 byte-order mark is skipped. */
void tl_jscan_init(tl_jscan *s, tl_doc *doc, tl_error *err);

/* The next token (>= 0), or a negative TL_E* code with err filled. After
 * TL_JTOK_END the scanner keeps returning TL_JTOK_END. An empty document
 * (only white space) gives TL_JTOK_END at once. */
int tl_jscan_next(tl_jscan *s);

/* Skip the value that follows the current TL_JTOK_KEY (or, after an
 * OBJECT/ARRAY token, the rest of that container), still validating it.
 * Returns 0 or a negative code. */
int tl_jscan_skip(tl_jscan *s);

/* Decode the current string token (KEY or STRING) into sb, recording the
 * source map: literal runs byte for byte, each escape as an atomic span (a
 * surrogate pair is one span of 12 stored bytes). \u0000 and invalid UTF-8
 * bytes decode to U+FFFD. Sets sb->raw_begin to the first content byte. */
int tl_jscan_decode(const tl_jscan *s, tl_segbuild *sb);

/* Whether the current string token's content equals `lit` (no escapes). */
bool tl_jscan_is(const tl_jscan *s, const char *lit);

#endif
