/* select.h - which string literals of source code are copy.
 *
 * The cues are data: `source:` lists in rules/source.yml (and in
 * .tonelint.yml, which adds to them). A cue list names calls (the call or
 * constructor a literal is an argument of), props (the key, keyword
 * argument, JSX attribute or variable a literal is the value of), tags
 * (of tagged templates) or scopes (the function whose body holds a
 * literal), for one language or all, and says whether such a
 * literal is taken as copy (with a kind of copy) or skipped and why. The
 * literal's own shape decides the rest (docs/formats.md#source-code). */
#ifndef TL_SELECT_H
#define TL_SELECT_H

#include "../core/arena.h"
#include "../core/segment.h"
#include "../core/yamltree.h"

enum { TL_CUE_CALL, TL_CUE_PROP, TL_CUE_TAG, TL_CUE_SCOPE };

typedef struct tl_cue {
    const char *name; /* glob over dotted names: `toast.*`, `*Error`, `t` */
    const char *lang; /* "python", "javascript"…; NULL: every language */
    const char *why;  /* for --dump-strings --skipped */
    int what;         /* TL_CUE_* */
    bool take;
    tl_kind kind; /* the kind of copy a taken literal is, or TL_KIND_UNKNOWN */
} tl_cue;

typedef struct tl_select {
    tl_cue *cues;
    size_t n, cap;
} tl_select;

void tl_select_free(tl_select *s);
/* Load a `source:` list (a sequence of {take|skip: calls|props|tags|scopes,
 * names: [...], lang: [...], kind: K, why: "..."}), adding to s; strings
 * live in `arena`. Errors name path, line and column (TL_ECONFIG). */
int tl_select_load(tl_select *s, tl_arena *arena, const char *path, const tl_ynode *list,
                   tl_error *err);
/* Decide whether a source segment is copy: sets seg->skip (NULL: copy) and
 * seg->taken (why it is copy), and the kind of copy a cue names. `extra`
 * (may be NULL) is consulted first. In a module of messages (`catalog`:
 * locales/en.ts) every value that no cue skips and that is not shaped like
 * an identifier is copy. Segments without seg->src are left alone. */
void tl_select_apply(const tl_select *s, const tl_select *extra, bool catalog, tl_segment *seg);

#endif
