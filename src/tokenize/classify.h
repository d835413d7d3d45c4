/* classify.h - what kind of copy a segment is, and for whom.
 *
 * Decides a segment's kind (error, ui, email, notification) from, in order:
 * an explicit `kind: X` note in its comments, its key and context, the file
 * path (mailer and e-mail folders), and cues in the text. Marks developer
 * and admin copy (keys, paths, or PO source references that all point to
 * admin, api, developer, debug ... code) so rules with
 * `audience: customer` leave it alone. */
#ifndef TL_CLASSIFY_H
#define TL_CLASSIFY_H

#include "../core/segment.h"

/* Set seg->kind (when the extractor left it unknown) and the developer flag. */
void tl_classify(tl_segment *seg, const char *path);

#endif
