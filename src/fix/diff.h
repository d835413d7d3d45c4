/* diff.h - unified diffs of fixes, for --diff.
 *
 * The diff is built from the edits, not by comparing two texts: each edit
 * marks the lines it touches, edits that share a line form one change,
 * lines a change leaves equal are trimmed off its ends, and changes closer
 * than two contexts are printed as one hunk. The output is what `git apply`
 * and `patch -p1` read, with "\ No newline at end of file" where needed. */
#ifndef TL_DIFF_H
#define TL_DIFF_H

#include "../core/buf.h"
#include "fixer.h"

#define TL_DIFF_CONTEXT 3

/* Append to out the unified diff that turns bytes into bytes with the
 * sorted, non-overlapping edits applied, under the headers
 * `--- old_label` and `+++ new_label` (e.g. "a/po/de.po", "b/po/de.po"),
 * with `context` lines of context. Nothing is appended when the edits
 * change nothing. Lines end at '\n'; a '\r' before it is part of the line.
 * Returns 0, TL_EUSAGE for bad edits, or TL_ENOMEM. */
int tl_diff_unified(tl_buf *out, const char *old_label, const char *new_label,
                    const unsigned char *bytes, size_t len, const tl_edit *edits, size_t n,
                    int context);

/* The label of a path in a diff: prefix ("a/" or "b/") and the path with
 * any leading "./" and "/" removed (an absolute path applies from the root).
 * A name with a control character, a space, `"` or `\` is quoted as git
 * quotes it ("a/x\ty.po", octal for other control bytes), so the patch stays
 * one header line per name and `patch -p1` and `git apply` read it back.
 * Appends to out. */
int tl_diff_label(tl_buf *out, const char *prefix, const char *path);

#endif
