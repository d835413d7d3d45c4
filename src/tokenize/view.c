/* view.c - building a segment's view: normalize, mask, split. */
#include "view.h"

#include <stdlib.h>
#include <string.h>

void tl_view_init(tl_view *v)
{
    memset(v, 0, sizeof(*v));
}

void tl_view_free(tl_view *v)
{
    if (!v) return;
    tl_buf_free(&v->norm_buf);
    tl_buf_free(&v->masked);
    free(v->norm_map);
    free(v->masks);
    free(v->sentences);
    free(v->branches);
    memset(v, 0, sizeof(*v));
}

int tl_view_build(tl_view *v, const tl_segment *seg, unsigned syntax)
{
    int rc;
    v->nsentences = 0;
    if ((rc = tl_normalize(v, seg->text, seg->text_len)) < 0) return rc;
    if (seg->flags & TL_SEG_NO_BRACES) syntax &= ~(unsigned)TL_SYNTAX_BRACES;
    if ((rc = tl_mask_placeholders(v, syntax)) < 0) return rc;
    if (seg->nprotect && (rc = tl_mask_protected(v, seg->protect, seg->nprotect)) < 0) return rc;
    return 0;
}
