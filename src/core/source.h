/* source.h - a file's bytes as stored, and positions inside them.
 *
 * Owns the one line index: the mapping from a byte offset in the stored file
 * to a 1-based line and column (columns in Unicode characters, or UTF-16 code
 * units for the language server) and back from a line and UTF-16 column, and
 * the line table kept up to date edit by edit for a text an editor changes.
 * Knows the file's encoding so a UTF-16 file is counted in its own units. It
 * does not decode strings: extractors do that. */
#ifndef TL_SOURCE_H
#define TL_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum tl_encoding {
    TL_ENC_UTF8 = 0,
    TL_ENC_UTF16LE,
    TL_ENC_UTF16BE,
    TL_ENC_LATIN1
} tl_encoding;

typedef struct tl_source {
    const char *path;           /* borrowed, for messages */
    const unsigned char *bytes; /* the file as stored; borrowed */
    size_t len;
    tl_encoding encoding;
    size_t bom_len; /* bytes of byte-order mark at the start (0, 2 or 3) */
    /* Line table, built on first use: line_starts[i] is the offset of line i+1. */
    size_t *line_starts;
    size_t nlines, caplines;
    bool lines_borrowed; /* line_starts is the caller's (tl_source_borrow_lines) */
    /* The last position computed: in-order queries search the line table
     * forward from its line, and count columns from it on the same line
     * (linear rather than quadratic on one long line). */
    size_t cache_line, cache_off, cache_col, cache_col16;
    /* Checkpoints on one long line (a minified JSON file, a 50 MB paragraph):
     * the columns at every TL_SOURCE_CHECKPOINT bytes, so a query never counts
     * more than that many bytes whatever order findings come in. */
    size_t cp_line, ncp;
    size_t *cp_col, *cp_col16;
} tl_source;

#define TL_SOURCE_CHECKPOINT ((size_t)1 << 16)

typedef struct tl_position {
    int line;     /* 1-based */
    int column;   /* 1-based, Unicode characters */
    int column16; /* 1-based, UTF-16 code units */
} tl_position;

/* Set up a source over bytes (not copied). Detects a BOM and the UTF-16
 * encodings it announces. */
void tl_source_init(tl_source *src, const char *path, const unsigned char *bytes, size_t len);
/* Set up a source over a text an editor holds (the language server's open
 * documents; not copied): UTF-8 with no byte-order mark detection, so a
 * leading U+FEFF is a character like any other, as LSP counts it. The line
 * table is built now, with no room to spare. 0, or TL_ENOMEM (the table is
 * then built on first use). */
int tl_source_init_text(tl_source *src, const char *path, const unsigned char *bytes, size_t len);
/* Position of a byte offset (clamped to the file). 0 on success, TL_ENOMEM
 * if the line table cannot be built. */
int tl_source_position(tl_source *src, size_t offset, tl_position *out);
/* The byte offset of a 1-based line and UTF-16 column (as column16 of
 * tl_position counts): a column past the end of the line is its end, before
 * the line break; a line past the last is the end of the source; a column
 * inside a surrogate pair is the start of the character, or its end when
 * round_up. 0, or TL_ENOMEM if the line table cannot be built. */
int tl_source_offset16(tl_source *src, size_t line, size_t column16, bool round_up, size_t *out);
/* The source's text changed: `removed` bytes at `at` were replaced by
 * `inserted` bytes, and it is now `bytes` (len bytes; the caller's, maybe
 * moved). Only the lines the change touches are scanned again; the starts
 * after it shift. The table keeps a sixteenth to spare, so typing does not
 * reallocate it at each keystroke; it does not double. For a source of
 * tl_source_init_text (other encodings and borrowed tables are built again
 * on first use). 0, or TL_ENOMEM (the table is then built on first use). */
int tl_source_edit(tl_source *src, const unsigned char *bytes, size_t len, size_t at,
                   size_t removed, size_t inserted);
/* Use a line table the caller already has (the language server lends its
 * open document's table to the document it lints): starts[i] is the offset
 * of line i+1, starts[0] == 0, with lines ending as above. It is used as it
 * is, not copied, until the source is freed or given other lines, and must
 * not change in between. */
void tl_source_borrow_lines(tl_source *src, const size_t *starts, size_t n);
/* The index of the line holding offset in a table of n >= 1 line starts
 * (starts[0] <= offset; sorted): the last start at or before it. The one
 * search of every line table (this one and the fixer's diffs); `from`, a
 * line index at or before the answer, starts it there (0: a plain binary
 * search). */
size_t tl_lines_find(const size_t *starts, size_t n, size_t offset, size_t from);
/* Start and end offsets (end excludes the line break) of a 1-based line. */
int tl_source_line_span(tl_source *src, int line, size_t *start, size_t *end);
void tl_source_free(tl_source *src);

#endif
