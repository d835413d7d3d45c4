/* review.h - marking translations for review when the source text they
 * translate is fixed (--fix-extracted).
 *
 * gettext's convention, which msgmerge follows: an entry whose msgid changed
 * keeps its msgstr but gets the `fuzzy` flag, so translators review it and
 * msgfmt leaves it out until they do. Only PO is marked today; in other
 * formats the source text is fixed and translations are left as they are. */
#ifndef TL_REVIEW_H
#define TL_REVIEW_H

#include "fixer.h"

/* For source-of-truth segment seg of doc: when its entry has a non-empty
 * translation and is not marked yet, fill out with an insertion that marks
 * it and set *needed. out->text is static. Returns 0, or TL_EUSAGE with err
 * filled when the entry cannot be found in the stored bytes (the caller
 * then leaves the source text alone). */
int tl_fix_review_edit(tl_edit *out, bool *needed, tl_doc *doc, const tl_segment *seg,
                       tl_error *err);

#endif
