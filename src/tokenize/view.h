/* view.h - the matcher's view of a segment: normalized, masked, split.
 *
 * tokenize turns a segment's decoded text into what rules run on:
 *   norm    the text in Unicode NFC (normalize.c, by core/utf8.h), with a
 *           map back to decoded offsets when normalization changed it;
 *   masked  norm with placeholders, markup, URLs and e-mail addresses
 *           overwritten byte for byte (placeholder.c), so offsets stay exact
 *           and masked text never matches a rule;
 *   sentences and words for the metric rules (sentence.c). */
#ifndef TL_VIEW_H
#define TL_VIEW_H

#include "../core/buf.h"
#include "../core/segment.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a masked range stood for. */
typedef enum tl_mask_kind {
    TL_MASK_VARIABLE, /* printf, {name}, {{name}}, %{name}, ${name}, :name, ICU args: '_' */
    TL_MASK_MARKUP,   /* tags, entities, template control: ' ' */
    TL_MASK_ADDRESS   /* URLs and e-mail addresses: '_' */
} tl_mask_kind;

typedef struct tl_mask {
    size_t start, end; /* offsets in norm */
    tl_mask_kind kind;
} tl_mask;

typedef struct tl_range {
    size_t start, end;
} tl_range;

typedef struct tl_view {
    const char *norm; /* NFC text: the segment's text, or norm_buf */
    size_t len;
    tl_buf norm_buf;
    tl_span *norm_map; /* norm offsets (text side) -> decoded offsets (raw side) */
    size_t nnorm_map, cap_norm_map;
    tl_buf masked; /* same length as norm */
    tl_mask *masks;
    size_t nmasks, cap_masks;
    tl_range *sentences;
    size_t nsentences, cap_sentences;
    /* The branch texts of an ICU plural or select that is the whole text
     * (outside them only its syntax and white space): each is a sentence a
     * reader sees on its own, "{n, plural, one {# photo couldn't be
     * uploaded.} other {…}}". Empty otherwise. */
    tl_range *branches;
    size_t nbranches, cap_branches;
} tl_view;

/* Syntax switches for masking, from the segment's format and flags. */
enum {
    TL_SYNTAX_PRINTF = 1u << 0,
    TL_SYNTAX_BRACES = 1u << 1, /* {0} {name} and ICU MessageFormat */
    TL_SYNTAX_MARKUP = 1u << 2,
    TL_SYNTAX_TEMPLATE = 1u << 3, /* {{ }} {% %} <% %> */
    TL_SYNTAX_DEFAULT = TL_SYNTAX_PRINTF | TL_SYNTAX_BRACES | TL_SYNTAX_MARKUP | TL_SYNTAX_TEMPLATE
};

void tl_view_init(tl_view *v);
void tl_view_free(tl_view *v);
/* Build the view of a segment. Reuses v's memory; 0 or TL_ENOMEM. */
int tl_view_build(tl_view *v, const tl_segment *seg, unsigned syntax);

/* Map an offset in norm to an offset in the segment's decoded text. */
size_t tl_view_text_start(const tl_view *v, size_t off);
size_t tl_view_text_end(const tl_view *v, size_t off);
/* Whether [start, end) of norm overlaps a mask. */
int tl_view_overlaps_mask(const tl_view *v, size_t start, size_t end);

/* Parts, exposed for tests. */
int tl_normalize(tl_view *v, const char *text, size_t len);
int tl_mask_placeholders(tl_view *v, unsigned syntax);
/* Mask the segment's protected ranges (decoded offsets, segment.h) as
 * variables, after tl_mask_placeholders. */
int tl_mask_protected(tl_view *v, const tl_text_range *ranges, size_t n);
int tl_split_sentences(tl_view *v);
/* Words in masked[start, end): runs of letters and digits (Unicode aware). */
size_t tl_count_words(const char *s, size_t start, size_t end);

#endif
