/* fixer.h - safe fixes: findings turned into byte-range edits of the stored
 * file, and the --fix / --diff run over one file.
 *
 * A fix never re-serializes a file. It replaces the stored bytes of one match
 * with a suggestion encoded by the format's `encode` hook (format.h) and
 * leaves every other byte (BOM, line endings, quoting, wrapping) as it was.
 * Writing the result to disk is atomic.h; printing it as a patch is diff.h.
 * The language server builds its quick fixes with tl_fix_edit, the same
 * function --fix uses, so an editor and the CLI never disagree. */
#ifndef TL_FIXER_H
#define TL_FIXER_H

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/error.h"
#include "../core/segment.h"
#include "../lint/linter.h"
#include "../match/matcher.h"

#include <stdbool.h>
#include <stddef.h>

/* One edit of the stored bytes: [start, end) is replaced by text[0, len)
 * (start == end inserts). `text` is already encoded for the format and the
 * file's encoding. */
typedef struct tl_edit {
    size_t start, end;
    const char *text;
    size_t len;
    const char *plain; /* the replacement as the customer reads it (decoded) */
    size_t plain_len;
    const tl_finding *finding; /* the finding this edit fixes */
    bool aux;                  /* added on behalf of `finding` without changing any text the
                                  customer reads: the `#, fuzzy` flag of a PO entry */
} tl_edit;

/* The edit that applies suggestion `which` of finding f in doc: the stored
 * byte range to replace and the encoded bytes to put there. This is the one
 * place a replacement is encoded; --fix, --diff and the language server's
 * quick fixes all go through it.
 *
 * It checks safety, not policy. Any rule and any suggestion is accepted (the
 * caller decides whether `fix: safe` or source-of-truth text matters), but
 * the edit is refused with TL_EUSAGE and a reason in err when:
 *   - the match is empty or leaves its segment;
 *   - the stored range overlaps a placeholder, a tag or an entity, or the
 *     new text would add or drop one (masks are compared before and after);
 *   - the replacement holds a `%` and the string is printf-format;
 *   - the format has no encoder, or cannot store the text there (a
 *     character the file's charset lacks, a control character).
 * doc must have been linted (doc->syntax set) and f must come from it.
 * out->text and out->plain live in doc's arena, as long as the document.
 * The language server turns [out->start, out->end) into an LSP range with
 * tl_source_position(&doc->src, ...): column16 counts UTF-16 code units.
 * Returns 0, TL_EUSAGE (refused, err says why) or TL_ENOMEM. */
int tl_fix_edit(tl_edit *out, tl_doc *doc, const tl_finding *f, size_t which, tl_error *err);

/* Whether f is a fixable finding in source-of-truth text (a gettext msgid,
 * an XLIFF source, a key that is the text): such text is generated from the
 * program's code, so --fix leaves it alone unless TL_FIX_EXTRACTED is set,
 * and reports point at the code instead. */
bool tl_fix_in_source(const tl_finding *f);

/* Append to out the code locations a segment's text comes from (PO `#:`
 * references), comma-separated, at most `max` of them followed by
 * "and N more". Returns the number of locations (0: nothing appended). */
size_t tl_fix_source_refs(tl_buf *out, const tl_segment *seg, size_t max);

enum {
    /* Rewrite source-of-truth text too, and mark its translations for
     * review (PO: `#, fuzzy` on an entry with a non-empty msgstr). */
    TL_FIX_EXTRACTED = 1u << 0
};

/* A fixable finding whose fix was not planned. */
typedef struct tl_fix_skip {
    const tl_finding *finding;
    const char *reason; /* static or in the document's arena */
} tl_fix_skip;

/* The edits for one document, sorted by start and never overlapping. */
typedef struct tl_fix_plan {
    tl_edit *edits;
    size_t nedits, capedits;
    tl_fix_skip *skips;
    size_t nskips, capskips;
    size_t in_source; /* fixable findings left alone: source-of-truth text */
} tl_fix_plan;

/* Plan the fixes of doc's findings: each finding that is `fixable` (rule
 * `fix: safe`, a suggestion, no placeholder touched) gets its first
 * suggestion through tl_fix_edit. When two fixes overlap, the first in file
 * order is kept and the others are skipped (a later pass of tl_fix_bytes
 * sees them again on the fixed text). Refused edits are skipped with their
 * reason. Returns 0 or TL_ENOMEM. */
int tl_fix_plan_build(tl_fix_plan *plan, tl_doc *doc, const tl_findings *findings, unsigned flags,
                      tl_error *err);
void tl_fix_plan_free(tl_fix_plan *plan);

/* Append bytes with the sorted, non-overlapping edits applied to out. */
int tl_fix_apply(tl_buf *out, const unsigned char *bytes, size_t len, const tl_edit *edits,
                 size_t n);

#define TL_FIX_MAX_PASSES 10
/* The fixed text may be at most TL_FIX_MAX_GROWTH times the original plus
 * TL_FIX_MAX_EXTRA bytes; past that the fix is refused (TL_ELIMIT). */
#define TL_FIX_MAX_GROWTH 8
#define TL_FIX_MAX_EXTRA ((size_t)1 << 20)

typedef struct tl_fix_options {
    unsigned flags; /* TL_FIX_* */
    int max_passes; /* 0: TL_FIX_MAX_PASSES */
} tl_fix_options;

/* A fix that was not made, placed both in the original and the fixed text. */
typedef struct tl_fix_note {
    const char *rule; /* rule id */
    const char *reason;
    int line, column;           /* in the fixed text */
    int orig_line, orig_column; /* in the original text */
} tl_fix_note;

typedef struct tl_fix_result {
    unsigned char *bytes; /* the fixed file (malloc'd), NULL when nothing changed */
    size_t len;
    tl_edit *edits; /* the whole change as edits of the original bytes (for diffs) */
    size_t nedits;
    size_t fixed;       /* findings fixed, over all passes */
    size_t in_source;   /* fixable findings left in source-of-truth text */
    tl_fix_note *notes; /* fixes skipped in the last pass */
    size_t nnotes;
    int passes;         /* lint passes run */
    bool settled;       /* false: fixes still changed the text after max_passes, or
                           grew it past the bound (the call then fails, TL_ELIMIT) */
    bool input_error;   /* the original did not lint (err says why) */
    const char *syntax; /* the format, static */
    tl_arena arena;     /* edits' text and notes */
} tl_fix_result;

/* Fix one file's bytes in memory: lint, plan, apply, and repeat on the
 * result until no fix applies (at most max_passes), so that fixes that
 * overlapped, or a fix that uncovers another, are all made and a second run
 * changes nothing. After every pass the new bytes are extracted again and
 * each string must read exactly as planned (same strings, each with its
 * replacements); a pass whose edits fail that check is retried one edit at
 * a time and the edits that still fail are skipped with a note.
 * Fixes that have not settled after max_passes, or a text grown past
 * TL_FIX_MAX_GROWTH times the original plus TL_FIX_MAX_EXTRA, are refused
 * whole: TL_ELIMIT and no bytes.
 * res is filled even on error (free it with tl_fix_result_free). Returns 0,
 * or a negative code with err filled: res->input_error says the original
 * itself could not be linted (a syntax error, an unknown format). */
int tl_fix_bytes(tl_fix_result *res, tl_linter *L, const char *path, const char *syntax,
                 const unsigned char *bytes, size_t len, const tl_fix_options *opts, tl_error *err);
void tl_fix_result_free(tl_fix_result *res);

#endif
