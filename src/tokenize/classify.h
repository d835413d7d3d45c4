/* classify.h - what kind of copy a segment is, and for whom.
 *
 * Decides a segment's kind (error, ui, email, notification) from, in order:
 * an explicit `kind: X` note in its comments, then the pack's kind cues
 * (`kinds:` in rules/kinds.yml; docs/rule-format.md#kinds-of-copy), tried in
 * their order: words that are a component of the key or context (and, for
 * a cue that says `paths: true`, of the file path), or words of the text.
 * A segment no cue names is `ui`. Marks developer and admin copy (the
 * `developer` words in its key, context, path, or in every PO source
 * reference, or an `audience: developer` note) so rules with
 * `audience: customer` leave it alone, and settings and configuration copy
 * (the `settings` words, or an `audience: settings` note) so rules with
 * `audience: lay` leave that alone too. Nothing in C knows a cue word. */
#ifndef TL_CLASSIFY_H
#define TL_CLASSIFY_H

#include "../core/arena.h"
#include "../core/segment.h"
#include "../core/yamltree.h"

#include <stdint.h>

/* At most this many word lists (each cue's `names`, `developer`, `settings`,
 * `source_developer`). */
#define TL_KIND_LISTS 31

typedef struct tl_kind_cue {
    tl_kind kind;
    const char **names; /* components of keys, contexts (and paths); NULL-ended, or NULL */
    const char **text;  /* words of the text, lowercase; NULL-ended, or NULL */
    bool paths;         /* names also count in the file path */
} tl_kind_cue;

typedef struct tl_kinds {
    tl_kind_cue cues[TL_KIND_LISTS - 3];
    size_t n;
    const char **developer; /* NULL-ended, or NULL */
    const char **settings;  /* NULL-ended, or NULL */
    /* Folders whose source code is written for developers and admins
     * (`cmd/`, `scripts/`): path components that mark developer copy in
     * source code only, since the same words name customer features in
     * catalogs. NULL-ended, or NULL. */
    const char **source_developer;
    /* Words of the text that mark developer and admin copy wherever it
     * lives ("webhook", "IPN"): lowercase phrases, NULL-ended, or NULL. */
    const char **developer_text;
    /* For each lowercase first byte: bit l when list l (cue l's names; the
     * developer list is TL_KIND_LISTS - 1, the settings list
     * TL_KIND_LISTS - 2, the source_developer list TL_KIND_LISTS - 3) has a
     * word starting with it,
     * bit 31 when a text word does. Rebuilt after each load. */
    uint32_t first[256];
} tl_kinds;

/* Load a `kinds:` mapping ({cues: [{kind, names, paths, text}...],
 * developer: [...], developer_text: [...], settings: [...],
 * source_developer: [...]}), adding to k; strings live in
 * `arena`. Errors name path, line and column (TL_ECONFIG). */
int tl_kinds_load(tl_kinds *k, tl_arena *arena, const char *path, const tl_ynode *map,
                  tl_error *err);

/* Set seg->kind (when the extractor left it unknown) and the developer
 * and settings flags. `kinds` may be NULL or empty: only notes then say anything. */
void tl_classify(const tl_kinds *kinds, tl_segment *seg, const char *path);

#endif
