/* documents.h - the text of the documents an editor has open.
 *
 * Owns each open document's UTF-8 text and applies full and incremental
 * changes to it. Its lines and the conversion between byte offsets and LSP
 * positions (0-based line, UTF-16 code units) are the library's line index,
 * a tl_source over the text kept up to date edit by edit. Lines end at LF,
 * CRLF or a lone CR, as in the LSP specification. Knows nothing about JSON
 * or linting. */
#ifndef TL_LSP_DOCUMENTS_H
#define TL_LSP_DOCUMENTS_H

#include "../core/buf.h"
#include "../core/error.h"
#include "../core/source.h"
#include "relint.h"

#include <stdbool.h>
#include <stddef.h>

/* A position as LSP counts it: 0-based line, 0-based UTF-16 code unit. */
typedef struct tl_lsp_pos {
    size_t line, character;
} tl_lsp_pos;

typedef struct tl_lsp_range {
    tl_lsp_pos start, end;
} tl_lsp_range;

typedef struct tl_lsp_text {
    tl_buf text;   /* UTF-8 (as received; may hold NUL) */
    tl_source src; /* over text (tl_source_init_text): its line table */
} tl_lsp_text;

void tl_lsp_text_init(tl_lsp_text *t);
void tl_lsp_text_free(tl_lsp_text *t);
/* Replace the whole text (a didOpen, or a change without a range). */
int tl_lsp_text_set(tl_lsp_text *t, const char *text, size_t len);
/* Replace the range with text (an incremental change). Positions past the
 * end of a line mean the end of that line; lines past the end mean the end
 * of the text; a character inside a surrogate pair rounds outwards so a
 * range never splits a character. A start after the end is swapped. Only
 * the changed lines of the line table are recomputed. 0 or TL_ENOMEM. */
int tl_lsp_text_apply(tl_lsp_text *t, const tl_lsp_range *range, const char *text, size_t len);

/* Byte offset of a position (rounding as above; round_up picks the end of
 * a character that the position splits). Not const: the line index keeps
 * the last position to count on from it. */
size_t tl_lsp_text_offset(tl_lsp_text *t, tl_lsp_pos pos, bool round_up);
/* Position of a byte offset (clamped to the text). */
tl_lsp_pos tl_lsp_text_position(tl_lsp_text *t, size_t offset);

/* One open document. */
typedef struct tl_lsp_doc {
    char *uri;
    char *path;        /* from the URI: names the file for format detection */
    char *language_id; /* what the editor calls its language */
    long long version;
    tl_lsp_text text;
    bool dirty;       /* changed since the last lint */
    tl_lsp_lint lint; /* the last lint of text (valid when !dirty) */
    /* The settings its last lint ran with (its config's policy and
     * severity floor): cached results do not carry over a change. */
    const tl_policy *policy;
    int min_severity; /* -1: not linted yet */
    int tier;
} tl_lsp_doc;

/* The open documents, by URI. */
typedef struct tl_lsp_docs {
    tl_lsp_doc **items;
    size_t n, cap;
} tl_lsp_docs;

tl_lsp_doc *tl_lsp_docs_find(const tl_lsp_docs *docs, const char *uri);
/* Open (or reopen) a document with its text; it starts dirty. NULL when out
 * of memory. */
tl_lsp_doc *tl_lsp_docs_open(tl_lsp_docs *docs, const char *uri, const char *language_id,
                             long long version, const char *text, size_t len);
/* Close a document; false if it was not open. */
bool tl_lsp_docs_close(tl_lsp_docs *docs, const char *uri);
void tl_lsp_docs_free(tl_lsp_docs *docs);

/* The file-system path a URI names: `file://` URIs are percent-decoded
 * (`file:///tmp/a%20b.po` -> `/tmp/a b.po`; `file:///c%3A/x` -> `c:/x`);
 * other schemes are returned whole, decoded, so a name such as
 * `untitled:messages.po` still has a suffix to detect. Returns a malloc'd
 * string, or NULL when out of memory. */
char *tl_lsp_uri_to_path(const char *uri);

#endif
