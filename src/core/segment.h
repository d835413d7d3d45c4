/* segment.h - one user-visible string, and the document that holds them.
 *
 * A segment is what the customer sees: its decoded UTF-8 text, its key and
 * context, its language and kind of copy, and a source map from every
 * decoded byte back to the bytes of the stored file (through escapes,
 * entities, continuations and multi-line literals). Extractors build
 * segments with tl_segbuild; everything lives in the document's arena. */
#ifndef TL_SEGMENT_H
#define TL_SEGMENT_H

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "source.h"

#include <stdbool.h>
#include <stddef.h>

/* What kind of copy a segment is; decides which rules apply. */
typedef enum tl_kind {
    TL_KIND_UNKNOWN = 0, /* treated as ui */
    TL_KIND_UI,
    TL_KIND_ERROR,
    TL_KIND_EMAIL,
    TL_KIND_NOTIFICATION,
    TL_KIND_COUNT
} tl_kind;

const char *tl_kind_name(tl_kind kind);
/* TL_KIND_UNKNOWN for a name that is not a kind. */
tl_kind tl_kind_from_name(const char *name);

/* One run of the source map. Decoded bytes [text_off, text_off+text_len)
 * come from stored bytes [raw_off, raw_off+raw_len). A literal run maps byte
 * for byte; an atomic run (an escape, an entity, a transcoded character) maps
 * as a whole, so a match touching it covers all of its stored bytes. */
typedef struct tl_span {
    size_t text_off, text_len;
    size_t raw_off, raw_len;
    bool atomic;
} tl_span;

/* A range of decoded text [start, end) that the customer sees but that is
 * not copy to lint: Android <xliff:g> content (product names, numbers,
 * placeholders). The tokenizer masks it as a variable. */
typedef struct tl_text_range {
    size_t start, end;
} tl_text_range;

/* Segment flags. */
enum {
    TL_SEG_EXTRACTED = 1u << 0, /* the stored text is generated from code
                                   (PO msgid, XLIFF source): not fixed by default */
    TL_SEG_C_FORMAT = 1u << 1,  /* printf placeholders are certain */
    TL_SEG_ICU = 1u << 2,       /* ICU MessageFormat syntax */
    TL_SEG_MARKUP = 1u << 3,    /* text may hold HTML tags */
    TL_SEG_DEVELOPER = 1u << 4, /* developer/admin audience */
    TL_SEG_NO_BRACES = 1u << 5, /* braces are literal text in this format */
    TL_SEG_UTF16 = 1u << 6,     /* stored as UTF-16 */
    TL_SEG_SETTINGS = 1u << 7   /* settings or configuration copy */
};

/* Where a string literal sits in source code (extract/code.c), for the
 * selection of copy (lint/select.c). Strings are arena copies. */
enum {
    TL_SRC_KEY = 1u << 0,       /* the literal is a key: `{"a": …}`, `x["a"]`, `case "a":` */
    TL_SRC_JSX_TEXT = 1u << 1,  /* text between JSX tags */
    TL_SRC_JSX_ATTR = 1u << 2,  /* a JSX attribute value (`prop` is its name) */
    TL_SRC_TEMPLATE = 1u << 3,  /* a template literal or f-string with interpolations */
    TL_SRC_IMPORT = 1u << 4,    /* a module name: import, require, from */
    TL_SRC_DOCSTRING = 1u << 5, /* a statement of its own (Python docstring) */
    TL_SRC_TAGGED = 1u << 6,    /* a tagged template: sql`…`, css`…` (`call` is the tag) */
    TL_SRC_ASSIGN = 1u << 7,    /* `prop` is the target of `=` (or a keyword argument) */
    TL_SRC_COMPARE = 1u << 8,   /* an operand of ==, !=, ===, !==, `in` */
    TL_SRC_RETURN = 1u << 9,    /* right after `return` */
    TL_SRC_TYPE = 1u << 10      /* a TypeScript literal type: `type A = "a" | "b"` */
};

typedef struct tl_srcctx {
    const char *lang;  /* programming language: "javascript", "typescript", "python", "go", "c",
                          "java", "php", "ruby", "kotlin", "csharp", "swift" */
    const char *call;  /* the call, constructor or tag the literal is an argument of, as
                          written (`new Error`, `toast.error`, `res.status(402).json`), or NULL */
    const char *prop;  /* the object key, keyword argument, JSX attribute or assignment target
                          the literal is the value of (`message`, `title`, `flash[:alert]`) */
    const char *tag;   /* the JSX element of JSX text or an attribute string, or the tag of
                          a tagged template (`sql`, `styled.div`), or NULL */
    const char *scope; /* Kotlin, Swift: the function whose body holds the literal, or NULL */
    int arg;           /* argument index in `call` (0-based) */
    size_t at;         /* where the literal starts (its quote or prefix) */
    unsigned flags;    /* TL_SRC_* */
} tl_srcctx;

typedef struct tl_segment {
    const char *key;     /* identifies the segment (PRODUCT.md §6), or NULL */
    const char *context; /* PO msgctxt, or NULL */
    const char *comment; /* notes for the kind classifier (#. comments), or NULL */
    const char *refs;    /* source references (#: lines), or NULL */
    const char *text;    /* decoded UTF-8, NUL-terminated */
    size_t text_len;
    const tl_span *spans;
    size_t nspans;
    const char *lang; /* BCP 47-ish language, "en"; NULL when unknown */
    tl_kind kind;
    unsigned flags;
    size_t raw_start, raw_end;    /* stored bytes of the whole value */
    int index;                    /* position in file order */
    unsigned style;               /* how the value is stored (quoting, block style), for the
                                     format's encode function; extractor-defined, 0 = default */
    const tl_text_range *protect; /* sorted ranges never linted, or NULL (arena) */
    size_t nprotect;
    int entry; /* > 0: segments of one entry with different keys share it
                  (Android <plurals>/<string-array> items), for suppression */
    /* The journey moment (docs/moments.md): its id, owned by the rule set,
     * and 1u << its index there; NULL and 0 until the linter classifies. */
    const char *moment;
    unsigned moment_bit;
    /* Source code only: where the literal sits (NULL in catalogs). */
    const tl_srcctx *src;
    /* Why this segment is not linted (a source literal that is not copy),
     * or NULL: it is linted. */
    const char *skip;
    /* Why a source literal is copy (the cue that took it), or NULL. */
    const char *taken;
} tl_segment;

/* Map an offset through a span list (text side to raw side). A start inside
 * an atomic run goes to the run's first byte, an end past its last byte.
 * `fallback` is returned for an empty list. */
size_t tl_spans_start(const tl_span *spans, size_t n, size_t off, size_t fallback);
size_t tl_spans_end(const tl_span *spans, size_t n, size_t off, size_t fallback);

/* Map a decoded offset to a stored byte offset. A start inside an atomic run
 * goes to the run's first byte; an end goes past its last byte. */
size_t tl_segment_raw_start(const tl_segment *seg, size_t text_off);
size_t tl_segment_raw_end(const tl_segment *seg, size_t text_off);

/* Builder used by extractors while decoding one value. */
typedef struct tl_segbuild {
    tl_buf text;
    tl_span *spans;
    size_t nspans, cap;
    size_t raw_begin; /* where the value starts in the file, for empty values */
} tl_segbuild;

void tl_segbuild_init(tl_segbuild *sb);
void tl_segbuild_reset(tl_segbuild *sb);
void tl_segbuild_free(tl_segbuild *sb);
/* Decoded text identical to stored bytes at raw_off. */
int tl_segbuild_literal(tl_segbuild *sb, size_t raw_off, const char *text, size_t len);
/* Stored UTF-8 text at raw_off: valid runs are literal; each invalid byte
 * and each NUL becomes U+FFFD standing for that byte, so segment text is
 * always valid UTF-8 without embedded NULs. */
int tl_segbuild_utf8(tl_segbuild *sb, size_t raw_off, const char *text, size_t len);
/* Decoded text that stands for raw_len stored bytes at raw_off as a whole. */
int tl_segbuild_atomic(tl_segbuild *sb, size_t raw_off, size_t raw_len, const char *text,
                       size_t len);

/* Copy decoded text [start, end) of src, with its source map, into dst
 * (reset first). TL_EUSAGE when the range would cut an atomic span (an
 * escape) or the map does not cover it; TL_ENOMEM. */
int tl_segbuild_slice(tl_segbuild *dst, const tl_segbuild *src, size_t start, size_t end);

/* An inline suppression directive found in a comment. */
typedef enum tl_directive_kind {
    TL_DIRECTIVE_NEXT_LINE, /* tonelint-disable-next-line: the next entry */
    TL_DIRECTIVE_LINE,      /* tonelint-disable-line: the entries on the comment's line */
    TL_DIRECTIVE_DISABLE,   /* tonelint-disable: from here */
    TL_DIRECTIVE_ENABLE     /* tonelint-enable: until here */
} tl_directive_kind;

typedef struct tl_directive {
    tl_directive_kind kind;
    size_t offset;     /* where the comment is */
    const char *rules; /* space/comma separated rule ids or categories; "" means all */
    size_t rules_at;   /* where `rules` starts in the file when the comment is stored
                          as is (else `offset`), for messages about a name */
    bool rules_raw;    /* `rules` is a copy of the stored bytes at rules_at */
    bool used;         /* set by the linter when it silenced a finding */
} tl_directive;

/* A document: one input file and everything extracted from it. */
typedef struct tl_doc {
    tl_arena arena;
    tl_source src;
    const char *path;
    const char *syntax; /* format name: "po", "text", ... */
    const char *lang;   /* language of the source text, from the file; NULL if unknown */
    tl_segment *segs;
    size_t nsegs, capsegs;
    tl_directive *directives;
    size_t ndirectives, capdirectives;
    size_t skipped;       /* segments in a language without a pack */
    size_t bad_byte;      /* 1 + offset of the first byte inside a string that is not
                             UTF-8 (or a NUL), read as U+FFFD; 0: none */
    unsigned char *owned; /* bytes the document owns (read from disk), or NULL */
} tl_doc;

/* Set up a document over bytes; takes ownership of `owned` if not NULL. */
void tl_doc_init(tl_doc *doc, const char *path, const unsigned char *bytes, size_t len,
                 unsigned char *owned);
void tl_doc_free(tl_doc *doc);
/* Add the builder's text as a segment (copied into the arena); the builder
 * is reset. The returned segment is valid until the next add. */
tl_segment *tl_doc_add(tl_doc *doc, tl_segbuild *sb, const char *key, const char *context);
int tl_doc_add_directive(tl_doc *doc, tl_directive_kind kind, size_t offset, const char *rules,
                         size_t rules_len);
/* Fill err with a message about the byte at `offset` of the document,
 * computing its line and column. Returns code. */
int tl_doc_error(tl_doc *doc, tl_error *err, int code, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Scan a comment's text for tonelint directives and record them. */
int tl_doc_scan_comment(tl_doc *doc, const char *text, size_t len, size_t offset);

#endif
