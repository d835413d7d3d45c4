/* moment.h - the journey moment of a segment (sign-up, checkout, ...).
 *
 * Moments and their cues are data: a pack file whose top level is
 * `moments:` (rules/moments.yml for identifiers, rules/<lang>/moments.yml
 * for the words of the copy; docs/moments.md). A segment's moment is the
 * one whose cues weigh most in its key and msgctxt, PO references, notes,
 * file path and text; `general` (the moment marked `default: true`) when
 * none does. Nothing in C knows a particular moment. */
#ifndef TL_MOMENT_H
#define TL_MOMENT_H

#include "../core/arena.h"
#include "../core/error.h"
#include "../core/segment.h"
#include "../core/yamltree.h"

#include <stdbool.h>
#include <stddef.h>

#define TL_MAX_MOMENTS 32

/* One cue: a run of lowercase words; a word ending in '*' is a prefix. */
typedef struct tl_moment_cue {
    const char **words;
    size_t nwords;
    int moment;       /* index in tl_moments.ids */
    int strength;     /* 3: keys/words, 1: weak_keys/weak_words */
    const char *lang; /* NULL: an identifier cue; else the language of a word cue */
} tl_moment_cue;

typedef struct tl_moments {
    const char *ids[TL_MAX_MOMENTS]; /* in definition order: it settles ties */
    const char *titles[TL_MAX_MOMENTS];
    size_t n;
    int fallback; /* the `default: true` moment, or -1 */
    tl_moment_cue *cues;
    size_t ncues, capcues;
    /* Index from a cue's first word (without '*') to cues: a hash of
     * slots, each a run [start, start+count) of `order`. Rebuilt after
     * each file that adds cues. */
    size_t *order;
    struct tl_moment_slot *slots;
    size_t nslots;
} tl_moments;

void tl_moments_free(tl_moments *ms);
/* Index of a moment id, or -1. */
int tl_moments_find(const tl_moments *ms, const char *id);
/* Load the `moments:` list of a pack file (node `list`); `lang` is the
 * pack's language, for word cues. Errors at the node's line and column in
 * `path`. Strings are allocated in `arena`. */
int tl_moments_load(tl_moments *ms, tl_arena *arena, const char *path, const tl_ynode *list,
                    const char *lang, tl_error *err);

/* What the classifier knows of the segment's document. */
typedef struct tl_moment_doc {
    const char *path;
    bool template_file; /* one message per file: its name is a strong cue */
} tl_moment_doc;

/* The moment of a segment: an index into ms->ids, or -1 when no moments
 * are loaded. Reads key, context, refs, comment, text and lang. */
int tl_moment_classify(const tl_moments *ms, const tl_segment *seg, const tl_moment_doc *doc);

/* Per-moment scores of one classification, for tests and the evaluation:
 * scores[i] for moment i (at most TL_MAX_MOMENTS). Returns the moment. */
int tl_moment_scores(const tl_moments *ms, const tl_segment *seg, const tl_moment_doc *doc,
                     int *scores);

#endif
