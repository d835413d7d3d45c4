/* relint.h - linting an open document again after each change, fast.
 *
 * Owns one document's latest lint: the tl_doc (segments, for fixes), its
 * findings, and a cache of per-segment results. Extraction runs over the
 * whole text every time (it is cheap); classification and matching (the
 * cost) run only for segments whose (text, key, context, comment, language,
 * kind, flags) were not seen in the previous lint, and cached findings are
 * placed again through the new segment's source map. Entries a lint did
 * not use stay (an undo finds them) until they are a quarter of the cache
 * plus 256; then they are dropped.
 *
 * The cache is compact: a segment is known by a 128-bit hash of its
 * identity (not a copy of its text), in a flat array in the order the last
 * lint used it, 48 bytes per segment plus the findings of the few segments
 * that have some. A document nobody is editing can give back its tl_doc and
 * findings (tl_lsp_lint_release) and keep only the cache. */
#ifndef TL_LSP_RELINT_H
#define TL_LSP_RELINT_H

#include "../lint/linter.h"

#include <stdint.h>

typedef struct tl_segcache_entry tl_segcache_entry;

typedef struct tl_segcache {
    /* The entries, in the order the last lint used them (then the ones it
     * did not use): a lint first tries the entry after the previous hit, so
     * unchanged text is found by one comparison, reading memory in order;
     * the hash table (indices + 1 into items, chained) finds what moved. */
    tl_segcache_entry *items;
    size_t count, cap;
    uint32_t *buckets;
    size_t nbuckets;
    /* The array being built by the current lint. */
    tl_segcache_entry *next;
    size_t nnext, capnext, cursor;
    unsigned generation;
    size_t hits, misses; /* in the last lint */
    size_t live;         /* entries the last lint used */
} tl_segcache;

typedef struct tl_lsp_lint {
    tl_segcache cache;
    tl_doc doc; /* the document of the last lint; borrows the text */
    bool have_doc;
    tl_findings findings; /* of the last lint; strings in doc or the cache */
    tl_error err;         /* why the last lint failed (err.code != 0) */
    char *path;           /* the path the cache is for */
    bool released;        /* doc and findings given back (tl_lsp_lint_release) */
} tl_lsp_lint;

void tl_lsp_lint_init(tl_lsp_lint *lt);
void tl_lsp_lint_free(tl_lsp_lint *lt);

/* Lint text (len bytes; borrowed until the next run or free: do not change
 * it in between) as the file `path`, in format `syntax` (NULL: detect from
 * the path and the content). `lines` (nlines entries, or NULL) is the
 * text's line table if the caller has one: it spares a scan of the whole
 * text, and is borrowed like the text (tl_source_borrow_lines). The linter must be prepared, with
 * the same rules and policy as in earlier runs (else forget first); it is used only for the
 * duration of the call. On return lt->findings holds the findings (sorted, suppressions and
 * severity floor applied) and lt->err.code is 0, or lt->err says why the text could not be linted
 * (syntax error, unknown format) and there are no findings. Returns 0, or TL_ENOMEM. */
int tl_lsp_lint_run(tl_lsp_lint *lt, tl_linter *L, const char *path, const char *syntax,
                    const char *text, size_t len, const size_t *lines, size_t nlines);

/* Forget every cached result (after the rule set changed). */
void tl_lsp_lint_forget(tl_lsp_lint *lt);

/* Give back the memory of the last lint's document and findings, keeping
 * the cache (and err): for a document nobody is editing. lt->released is
 * then true until the next run, which costs only extraction (every segment
 * is cached). */
void tl_lsp_lint_release(tl_lsp_lint *lt);

#endif
