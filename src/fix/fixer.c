/* fixer.c - from findings to edits, and the fix passes over one file.
 *
 * Owns the safety checks every edit passes (tl_fix_edit), the choice among
 * overlapping fixes (tl_fix_plan_build), and the loop that lints, fixes and
 * re-reads a file until it settles (tl_fix_bytes). It does not encode text
 * (each format's encode hook does), mark translations for review (review.c),
 * print diffs (diff.c) or touch the disk (atomic.c). */
#include "fixer.h"
#include "../extract/format.h"
#include "../tokenize/view.h"
#include "review.h"
#include "../core/array.h"

#include <stdlib.h>
#include <string.h>

bool tl_fix_in_source(const tl_finding *f)
{
    return f && f->fixable && f->seg && (f->seg->flags & TL_SEG_EXTRACTED);
}

size_t tl_fix_source_refs(tl_buf *out, const tl_segment *seg, size_t max)
{
    if (!seg || !seg->refs) return 0;
    size_t count = 0, shown = 0;
    const char *p = seg->refs;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        size_t n = strcspn(p, " \t\r\n");
        if (!n) break;
        if (shown < max) {
            if (shown) tl_buf_puts(out, ", ");
            tl_buf_append(out, p, n);
            shown++;
        }
        count++;
        p += n;
    }
    if (count > shown) tl_buf_printf(out, " and %zu more", count - shown);
    return count;
}

/* The masks of a view as (kind, text) pairs, for comparing the placeholders
 * of a string before and after a fix. */
static bool same_masks(const tl_view *a, const tl_view *b)
{
    if (a->nmasks != b->nmasks) return false;
    for (size_t i = 0; i < a->nmasks; i++) {
        const tl_mask *x = &a->masks[i], *y = &b->masks[i];
        if (x->kind != y->kind || x->end - x->start != y->end - y->start) return false;
        if (memcmp(a->norm + x->start, b->norm + y->start, x->end - x->start) != 0) return false;
    }
    return true;
}

/* Whether the decoded offset `off` cuts through an atomic run of the source
 * map (an escape or entity): a fix must replace whole escapes. */
static bool splits_atomic(const tl_segment *seg, size_t off)
{
    for (size_t i = 0; i < seg->nspans; i++) {
        const tl_span *s = &seg->spans[i];
        if (off <= s->text_off) return false;
        if (off < s->text_off + s->text_len) return s->atomic;
    }
    return false;
}

static int refuse(tl_error *err, const char *reason)
{
    return tl_error_set(err, TL_EUSAGE, "%s", reason);
}

/* Placeholder safety: the match must not overlap a mask in the stored file,
 * and the new text must hold exactly the placeholders the old one held. */
static int check_masks(tl_doc *doc, const tl_segment *seg, size_t ts, size_t te, size_t rs,
                       size_t re, const char *sugg, size_t slen, tl_error *err)
{
    tl_view before, after;
    tl_view_init(&before);
    tl_view_init(&after);
    tl_buf text = TL_BUF_INIT;
    tl_text_range *shifted = NULL;
    int rc = tl_view_build(&before, seg, TL_SYNTAX_DEFAULT); /* as the matcher masks */
    if (rc < 0) goto done;
    for (size_t i = 0; i < before.nmasks; i++) {
        const tl_mask *m = &before.masks[i];
        size_t ms = tl_segment_raw_start(seg, tl_view_text_start(&before, m->start));
        size_t me = tl_segment_raw_end(seg, tl_view_text_end(&before, m->end));
        if (ms < re && rs < me) {
            rc = refuse(err, "the match touches a placeholder or markup");
            goto done;
        }
    }
    if (tl_buf_append(&text, seg->text, ts) < 0 || tl_buf_append(&text, sugg, slen) < 0 ||
        tl_buf_append(&text, seg->text + te, seg->text_len - te) < 0) {
        rc = TL_ENOMEM;
        goto done;
    }
    tl_segment changed = *seg;
    changed.text = text.data;
    changed.text_len = text.len;
    changed.spans = NULL;
    changed.nspans = 0;
    /* Protected ranges (Android <xliff:g> content, Fluent placeables) are
     * decoded offsets: those after the edit move with the text after it, or
     * the new text would be masked in the wrong place and every length-
     * changing fix before one would look like it moves a placeholder. */
    if (seg->nprotect) {
        shifted = malloc(seg->nprotect * sizeof(*shifted));
        if (!shifted) {
            rc = TL_ENOMEM;
            goto done;
        }
        for (size_t i = 0; i < seg->nprotect; i++) {
            tl_text_range r = seg->protect[i];
            if (r.start >= te) r.start = r.start - te + ts + slen;
            if (r.end >= te) r.end = r.end - te + ts + slen;
            shifted[i] = r;
        }
        changed.protect = shifted;
    }
    if ((rc = tl_view_build(&after, &changed, TL_SYNTAX_DEFAULT)) < 0) goto done;
    if (!same_masks(&before, &after))
        rc = refuse(err, "the replacement would add or remove a placeholder or markup");
done:
    if (rc == TL_ENOMEM) tl_error_set(err, rc, "out of memory");
    tl_view_free(&before);
    tl_view_free(&after);
    tl_buf_free(&text);
    free(shifted);
    (void)doc;
    return rc;
}

int tl_fix_edit(tl_edit *out, tl_doc *doc, const tl_finding *f, size_t which, tl_error *err)
{
    memset(out, 0, sizeof(*out));
    const tl_segment *seg = f->seg;
    if (!seg || which >= f->nsuggestions || !f->suggestions[which])
        return refuse(err, "the finding has no such suggestion");
    size_t ts = f->text_start, te = f->text_end;
    if (te <= ts || te > seg->text_len) return refuse(err, "the match is empty");
    if (splits_atomic(seg, ts) || splits_atomic(seg, te))
        return refuse(err, "the match cuts through an escape sequence");
    size_t rs = tl_segment_raw_start(seg, ts), re = tl_segment_raw_end(seg, te);
    if (re <= rs || rs < seg->raw_start || re > seg->raw_end || re > doc->src.len)
        return refuse(err, "the match is not inside its string");
    const tl_format *fmt = doc->syntax ? tl_format_find(doc->syntax) : NULL;
    if (!fmt || !fmt->encode)
        return refuse(err, "fixes are not supported for this file format yet");
    const char *sugg = f->suggestions[which];
    size_t slen = strlen(sugg);
    /* In a printf-format string a `%` starts a conversion (whatever the format
     * would write for a literal one, `%%`, is not what the suggestion says). */
    if ((seg->flags & TL_SEG_C_FORMAT) && memchr(sugg, '%', slen))
        return refuse(err, "a `%` in the replacement would start a printf conversion here");
    int rc = check_masks(doc, seg, ts, te, rs, re, sugg, slen, err);
    if (rc < 0) return rc;
    tl_buf enc = TL_BUF_INIT;
    rc = fmt->encode(&enc, doc, seg, rs, re, sugg, slen);
    if (rc == TL_EUSAGE) {
        tl_buf_free(&enc);
        return tl_error_set(err, rc, "the replacement cannot be written safely in this %s string",
                            fmt->name);
    }
    if (rc < 0) {
        tl_buf_free(&enc);
        return tl_error_set(err, TL_ENOMEM, "out of memory");
    }
    out->start = rs;
    out->end = re;
    out->len = enc.len;
    out->text = tl_arena_strndup(&doc->arena, enc.data ? enc.data : "", enc.len);
    out->plain = tl_arena_strndup(&doc->arena, sugg, slen);
    out->plain_len = slen;
    out->finding = f;
    tl_buf_free(&enc);
    if (!out->text || !out->plain) return tl_error_set(err, TL_ENOMEM, "out of memory");
    return 0;
}

/* ---- planning ---------------------------------------------------------- */

static int push_edit(tl_fix_plan *p, const tl_edit *e)
{
    if (p->nedits == p->capedits &&
        tl_array_grow(&p->edits, &p->capedits, sizeof(*p->edits), 16) < 0)
        return TL_ENOMEM;
    p->edits[p->nedits++] = *e;
    return 0;
}

static int push_skip(tl_fix_plan *p, const tl_finding *f, const char *reason)
{
    if (p->nskips == p->capskips &&
        tl_array_grow(&p->skips, &p->capskips, sizeof(*p->skips), 8) < 0)
        return TL_ENOMEM;
    p->skips[p->nskips++] = (tl_fix_skip){f, reason};
    return 0;
}

void tl_fix_plan_free(tl_fix_plan *plan)
{
    if (!plan) return;
    free(plan->edits);
    free(plan->skips);
    memset(plan, 0, sizeof(*plan));
}

static int cmp_finding_ptr(const void *a, const void *b)
{
    const tl_finding *x = *(const tl_finding *const *)a, *y = *(const tl_finding *const *)b;
    if (x->offset != y->offset) return x->offset < y->offset ? -1 : 1;
    if (x->length != y->length) return x->length < y->length ? -1 : 1;
    return strcmp(x->rule->id, y->rule->id);
}

static int cmp_edit(const void *a, const void *b)
{
    const tl_edit *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    return 0;
}

/* Add the aux edit that marks the translations of f's entry for review, if
 * the entry needs one and no other fix of this plan already added it. */
static int add_review(tl_fix_plan *plan, tl_doc *doc, const tl_finding *f, tl_error *err)
{
    tl_edit aux;
    bool needed = false;
    int rc = tl_fix_review_edit(&aux, &needed, doc, f->seg, err);
    if (rc < 0 || !needed) return rc;
    /* Findings come in file order and an entry's strings are contiguous, so a
     * mark for the same entry can only be the latest one added. */
    for (size_t i = plan->nedits; i-- > 0;)
        if (plan->edits[i].aux) {
            if (plan->edits[i].start == aux.start) return 0;
            break;
        }
    aux.finding = f;
    aux.aux = true;
    return push_edit(plan, &aux) < 0 ? tl_error_set(err, TL_ENOMEM, "out of memory") : 0;
}

int tl_fix_plan_build(tl_fix_plan *plan, tl_doc *doc, const tl_findings *findings, unsigned flags,
                      tl_error *err)
{
    memset(plan, 0, sizeof(*plan));
    size_t n = 0;
    for (size_t i = 0; i < findings->n; i++)
        if (findings->items[i].fixable) n++;
    if (!n) return 0;
    const tl_finding **order = malloc(n * sizeof(*order));
    if (!order) return tl_error_set(err, TL_ENOMEM, "out of memory");
    n = 0;
    for (size_t i = 0; i < findings->n; i++)
        if (findings->items[i].fixable) order[n++] = &findings->items[i];
    qsort(order, n, sizeof(*order), cmp_finding_ptr);
    int rc = 0;
    const tl_edit *last = NULL;
    size_t last_index = 0;
    for (size_t i = 0; i < n && rc >= 0; i++) {
        const tl_finding *f = order[i];
        if (tl_fix_in_source(f) && !(flags & TL_FIX_EXTRACTED)) {
            plan->in_source++;
            continue;
        }
        tl_edit e;
        tl_error why;
        tl_error_clear(&why);
        rc = tl_fix_edit(&e, doc, f, 0, &why);
        if (rc == TL_EUSAGE) {
            const char *reason = tl_arena_strdup(&doc->arena, why.message);
            rc = reason ? push_skip(plan, f, reason) : TL_ENOMEM;
            continue;
        }
        if (rc < 0) break;
        if (e.len == e.end - e.start && memcmp(e.text, doc->src.bytes + e.start, e.len) == 0) {
            rc = push_skip(plan, f, "the suggestion is what the text says already");
            continue;
        }
        /* Keep the first of overlapping fixes (findings are in file order). */
        if (last && (e.start < last->end || e.start == last->start)) {
            const char *reason =
                tl_arena_printf(&doc->arena, "overlaps the fix for %s at line %d",
                                last->finding->rule->id, last->finding->start.line);
            rc = reason ? push_skip(plan, f, reason) : TL_ENOMEM;
            continue;
        }
        if ((rc = push_edit(plan, &e)) < 0) break;
        last_index = plan->nedits - 1;
        last = &plan->edits[last_index];
        if (tl_fix_in_source(f)) {
            tl_error_clear(&why);
            rc = add_review(plan, doc, f, &why);
            if (rc == TL_EUSAGE) {
                /* The translations cannot be marked: leave the source text alone. */
                plan->nedits = last_index;
                last = last_index ? &plan->edits[last_index - 1] : NULL;
                while (last && last->aux)
                    last = last > plan->edits ? last - 1 : NULL;
                const char *reason = tl_arena_strdup(&doc->arena, why.message);
                rc = reason ? push_skip(plan, f, reason) : TL_ENOMEM;
                continue;
            }
            if (rc < 0) break;
            last = &plan->edits[last_index]; /* the array may have moved */
        }
    }
    free(order);
    if (rc < 0) {
        if (rc == TL_ENOMEM) tl_error_set(err, rc, "out of memory");
        return rc;
    }
    if (plan->nedits > 1) qsort(plan->edits, plan->nedits, sizeof(*plan->edits), cmp_edit);
    return 0;
}

int tl_fix_apply(tl_buf *out, const unsigned char *bytes, size_t len, const tl_edit *edits,
                 size_t n)
{
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        const tl_edit *e = &edits[i];
        if (e->start < pos || e->end < e->start || e->end > len) return TL_EUSAGE;
        if (tl_buf_append(out, bytes + pos, e->start - pos) < 0 ||
            tl_buf_append(out, e->text, e->len) < 0)
            return TL_ENOMEM;
        pos = e->end;
    }
    return tl_buf_append(out, bytes + pos, len - pos);
}

/* ---- checking a pass: the new bytes must read as planned ----------------- */

typedef struct planned {
    int seg;       /* segment index */
    size_t ts, te; /* decoded range replaced */
    const char *plain;
    size_t plain_len;
} planned;

static int cmp_planned(const void *a, const void *b)
{
    const planned *x = a, *y = b;
    if (x->seg != y->seg) return x->seg < y->seg ? -1 : 1;
    return x->ts < y->ts ? -1 : x->ts > y->ts;
}

/* Extract `bytes` with the document's format and compare every string with
 * the old string and its planned replacements. *ok is false on any
 * difference, including a file that no longer parses. */
static int reads_as_planned(bool *ok, const tl_doc *old, const unsigned char *bytes, size_t len,
                            const tl_edit *edits, size_t n)
{
    *ok = false;
    const tl_format *fmt = tl_format_find(old->syntax);
    if (!fmt) return 0;
    planned *pl = malloc((n ? n : 1) * sizeof(*pl));
    if (!pl) return TL_ENOMEM;
    size_t np = 0;
    for (size_t i = 0; i < n; i++) {
        if (edits[i].aux || !edits[i].finding) continue;
        const tl_finding *f = edits[i].finding;
        pl[np++] = (planned){f->seg->index, f->text_start, f->text_end, edits[i].plain,
                             edits[i].plain_len};
    }
    if (np > 1) qsort(pl, np, sizeof(*pl), cmp_planned);
    tl_buf want = TL_BUF_INIT;
    tl_doc d;
    tl_doc_init(&d, old->path, bytes, len, NULL);
    d.syntax = old->syntax;
    d.lang = old->lang;
    tl_error e;
    tl_error_clear(&e);
    int rc = fmt->extract(&d, &e);
    if (rc == TL_ENOMEM) goto done;
    rc = 0;
    if (e.code || d.nsegs != old->nsegs) goto done;
    size_t k = 0;
    bool same = true;
    for (size_t s = 0; s < old->nsegs && same; s++) {
        const tl_segment *o = &old->segs[s];
        tl_buf_reset(&want);
        size_t pos = 0;
        for (; k < np && pl[k].seg == (int)s; k++) {
            if (pl[k].ts < pos) {
                same = false;
                break;
            }
            if (tl_buf_append(&want, o->text + pos, pl[k].ts - pos) < 0 ||
                tl_buf_append(&want, pl[k].plain, pl[k].plain_len) < 0) {
                rc = TL_ENOMEM;
                same = false;
                break;
            }
            pos = pl[k].te;
        }
        if (!same) break;
        if (tl_buf_append(&want, o->text + pos, o->text_len - pos) < 0) {
            rc = TL_ENOMEM;
            break;
        }
        const tl_segment *x = &d.segs[s];
        same = x->text_len == want.len && (!want.len || memcmp(x->text, want.data, want.len) == 0);
    }
    *ok = same && rc == 0;
done:
    tl_buf_free(&want);
    tl_doc_free(&d);
    free(pl);
    return rc == TL_ENOMEM ? rc : 0;
}

/* ---- composing passes: the whole change as edits of the original ------- */

typedef struct comp {
    size_t os, oe; /* original bytes replaced */
    char *text;    /* malloc'd */
    size_t len;
} comp;

typedef struct comps {
    comp *v;
    size_t n, cap;
} comps;

static void comps_free(comps *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i].text);
    free(c->v);
    memset(c, 0, sizeof(*c));
}

static int comps_push(comps *c, size_t os, size_t oe, const void *text, size_t len)
{
    if (c->n == c->cap && tl_array_grow(&c->v, &c->cap, sizeof(*c->v), 16) < 0) return TL_ENOMEM;
    char *t = malloc(len ? len : 1);
    if (!t) return TL_ENOMEM;
    if (len) memcpy(t, text, len);
    c->v[c->n++] = (comp){os, oe, t, len};
    return 0;
}

/* C changes orig into cur; E (sorted, non-overlapping, in cur's offsets)
 * changes cur into nw. Replace C by one list that changes orig into nw.
 * Regions of cur that C produced or E touches are merged when they overlap
 * or touch; each merged region maps back to one range of orig (its ends lie
 * in text neither list changed) and forward to one range of nw. */
static int compose(comps *C, const unsigned char *orig, const tl_edit *E, size_t ne,
                   const unsigned char *nw)
{
    size_t nc = C->n, ic = 0, ie = 0;
    size_t *cs = malloc((nc ? nc : 1) * sizeof(*cs));
    if (!cs) return TL_ENOMEM;
    long long d = 0;
    for (size_t i = 0; i < nc; i++) {
        cs[i] = (size_t)((long long)C->v[i].os + d);
        d += (long long)C->v[i].len - (long long)(C->v[i].oe - C->v[i].os);
    }
    comps out = {0};
    long long dc = 0, de = 0; /* net growth of C and E pieces before the region */
    int rc = 0;
    while (rc == 0 && (ic < nc || ie < ne)) {
        /* Start a region at the earliest remaining piece. */
        size_t gs, ge;
        bool take_c = ic < nc && (ie >= ne || cs[ic] <= E[ie].start);
        gs = take_c ? cs[ic] : E[ie].start;
        ge = gs;
        long long gdc = 0, gde = 0;
        for (;;) {
            if (ic < nc && cs[ic] <= ge) {
                size_t end = cs[ic] + C->v[ic].len;
                if (end > ge) ge = end;
                gdc += (long long)C->v[ic].len - (long long)(C->v[ic].oe - C->v[ic].os);
                ic++;
            } else if (ie < ne && E[ie].start <= ge) {
                if (E[ie].end > ge) ge = E[ie].end;
                gde += (long long)E[ie].len - (long long)(E[ie].end - E[ie].start);
                ie++;
            } else {
                break;
            }
        }
        size_t os = (size_t)((long long)gs - dc), oe = (size_t)((long long)ge - dc - gdc);
        size_t ns = (size_t)((long long)gs + de), nend = (size_t)((long long)ge + de + gde);
        dc += gdc;
        de += gde;
        size_t nlen = nend - ns;
        if (nlen == oe - os && (!nlen || memcmp(nw + ns, orig + os, nlen) == 0))
            continue; /* undone */
        rc = comps_push(&out, os, oe, nw + ns, nlen);
    }
    free(cs);
    if (rc < 0) {
        comps_free(&out);
        return rc;
    }
    comps_free(C);
    *C = out;
    return 0;
}

/* Offset p of the fixed text mapped back to the original: inside a changed
 * region it goes to the region's start. */
static size_t map_back(const comps *C, size_t p)
{
    long long d = 0;
    for (size_t i = 0; i < C->n; i++) {
        size_t cs = (size_t)((long long)C->v[i].os + d);
        if (p < cs) break;
        if (p < cs + C->v[i].len) return C->v[i].os;
        d += (long long)C->v[i].len - (long long)(C->v[i].oe - C->v[i].os);
    }
    return (size_t)((long long)p - d);
}

/* ---- the passes -------------------------------------------------------- */

/* When a pass's edits do not read back as planned, try them one at a time
 * against the pass's text; keep those that pass, skip the others. Beyond
 * this many edits the file is given up instead (each try re-reads it). */
#define RETRY_LIMIT 256

static int retry_one_by_one(tl_fix_plan *plan, tl_doc *doc, tl_error *err)
{
    size_t n = plan->nedits;
    size_t primaries = 0;
    for (size_t i = 0; i < n; i++)
        primaries += !plan->edits[i].aux;
    if (primaries > RETRY_LIMIT)
        return tl_error_set(err, TL_EUSAGE,
                            "the fixed text would not read back as planned; nothing was changed");
    tl_edit *all = malloc(n * sizeof(*all));
    if (!all) return tl_error_set(err, TL_ENOMEM, "out of memory");
    memcpy(all, plan->edits, n * sizeof(*all));
    plan->nedits = 0;
    tl_buf out = TL_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < n && rc >= 0; i++) {
        if (all[i].aux) continue;
        tl_edit one[2];
        size_t k = 0;
        /* An edit of source text travels with its review mark. */
        for (size_t j = 0; j < n; j++)
            if (all[j].aux && all[j].finding == all[i].finding && all[j].start < all[i].start)
                one[k++] = all[j];
        one[k++] = all[i];
        bool ok = false;
        tl_buf_reset(&out);
        rc = tl_fix_apply(&out, doc->src.bytes, doc->src.len, one, k);
        if (rc == 0)
            rc = reads_as_planned(&ok, doc, (const unsigned char *)out.data, out.len, one, k);
        if (rc < 0) break;
        if (ok) {
            for (size_t j = 0; j < k && rc >= 0; j++)
                rc = push_edit(plan, &one[j]);
        } else {
            rc = push_skip(plan, all[i].finding, "the fixed text would not read back as planned");
        }
    }
    free(all);
    if (rc == 0 && plan->nedits) {
        qsort(plan->edits, plan->nedits, sizeof(*plan->edits), cmp_edit);
        bool ok = false;
        tl_buf_reset(&out);
        rc = tl_fix_apply(&out, doc->src.bytes, doc->src.len, plan->edits, plan->nedits);
        if (rc == 0)
            rc = reads_as_planned(&ok, doc, (const unsigned char *)out.data, out.len, plan->edits,
                                  plan->nedits);
        if (rc == 0 && !ok)
            rc = tl_error_set(err, TL_EUSAGE,
                              "the fixed text would not read back as planned; nothing was changed");
    }
    tl_buf_free(&out);
    if (rc == TL_ENOMEM) tl_error_set(err, rc, "out of memory");
    return rc;
}

void tl_fix_result_free(tl_fix_result *res)
{
    if (!res) return;
    free(res->bytes);
    tl_arena_free(&res->arena);
    memset(res, 0, sizeof(*res));
}

/* Record the skipped fixes of the last pass, placed in both texts. */
static int take_notes(tl_fix_result *res, const tl_fix_plan *plan, const comps *C, const char *path,
                      const unsigned char *orig, size_t orig_len)
{
    if (!plan->nskips) return 0;
    res->notes = tl_arena_alloc(&res->arena, plan->nskips * sizeof(*res->notes));
    if (!res->notes) return TL_ENOMEM;
    tl_source src;
    tl_source_init(&src, path, orig, orig_len);
    int rc = 0;
    for (size_t i = 0; i < plan->nskips; i++) {
        const tl_finding *f = plan->skips[i].finding;
        tl_fix_note *n = &res->notes[res->nnotes++];
        n->rule = f->rule->id;
        n->reason = tl_arena_strdup(&res->arena, plan->skips[i].reason);
        n->line = f->start.line;
        n->column = f->start.column;
        tl_position p = {0, 0, 0};
        if (tl_source_position(&src, map_back(C, f->offset), &p) < 0 || !n->reason) {
            rc = TL_ENOMEM;
            break;
        }
        n->orig_line = p.line;
        n->orig_column = p.column;
    }
    tl_source_free(&src);
    return rc;
}

int tl_fix_bytes(tl_fix_result *res, tl_linter *L, const char *path, const char *syntax,
                 const unsigned char *bytes, size_t len, const tl_fix_options *opts, tl_error *err)
{
    memset(res, 0, sizeof(*res));
    res->settled = true;
    unsigned flags = opts ? opts->flags : 0;
    int max = opts && opts->max_passes > 0 ? opts->max_passes : TL_FIX_MAX_PASSES;
    comps C = {0};
    unsigned char *cur = NULL; /* the text of the current pass when it is not `bytes` */
    size_t cur_len = len;
    int rc = 0;
    for (int pass = 1;; pass++) {
        const unsigned char *text = cur ? cur : bytes;
        tl_doc doc;
        tl_doc_init(&doc, path, text, cur_len, NULL);
        tl_findings fs = {0};
        tl_fix_plan plan = {0};
        tl_buf out = TL_BUF_INIT;
        bool stop = false;
        rc = tl_lint_doc(L, &doc, syntax, &fs, err);
        if (rc < 0) {
            res->input_error = pass == 1;
            goto pass_done;
        }
        res->passes = pass;
        res->syntax = doc.syntax;
        if ((rc = tl_fix_plan_build(&plan, &doc, &fs, flags, err)) < 0) goto pass_done;
        if (pass > max) {
            /* Only looking: do the fixes settle? */
            res->settled = plan.nedits == 0;
            stop = true;
        } else if (plan.nedits) {
            bool ok = false;
            rc = tl_fix_apply(&out, text, cur_len, plan.edits, plan.nedits);
            if (rc == 0)
                rc = reads_as_planned(&ok, &doc, (const unsigned char *)out.data, out.len,
                                      plan.edits, plan.nedits);
            if (rc == 0 && !ok) {
                if ((rc = retry_one_by_one(&plan, &doc, err)) < 0) goto pass_done;
                tl_buf_reset(&out);
                rc = tl_fix_apply(&out, text, cur_len, plan.edits, plan.nedits);
            }
            if (rc < 0) goto pass_done;
            /* A suggestion that contains its own match grows the text at
             * every pass: stop long before memory runs out. */
            if (out.len > TL_FIX_MAX_GROWTH * len + TL_FIX_MAX_EXTRA) {
                res->settled = false;
                rc = tl_error_set(err, TL_ELIMIT,
                                  "the fixes would make the file more than %d times its size "
                                  "(does a suggestion contain its own match?); nothing was "
                                  "changed",
                                  TL_FIX_MAX_GROWTH);
                goto pass_done;
            }
        }
        if (!stop && plan.nedits == 0) stop = true;
        if (stop) {
            res->in_source = plan.in_source;
            rc = take_notes(res, &plan, &C, path, bytes, len);
            goto pass_done;
        }
        if ((rc = compose(&C, bytes, plan.edits, plan.nedits, (const unsigned char *)out.data)) < 0)
            goto pass_done;
        for (size_t i = 0; i < plan.nedits; i++)
            res->fixed += !plan.edits[i].aux;
        free(cur);
        cur_len = out.len;
        cur = (unsigned char *)tl_buf_detach(&out);
        if (!cur) rc = TL_ENOMEM;
    pass_done:
        tl_buf_free(&out);
        tl_fix_plan_free(&plan);
        tl_findings_free(&fs);
        tl_doc_free(&doc);
        if (rc < 0 || stop) break;
    }
    if (rc == 0 && !res->settled) {
        /* Text that has not settled is no fix: a second run would change
         * it again. Refused whole; the caller keeps the original. */
        rc = tl_error_set(err, TL_ELIMIT,
                          "the fixes do not settle: they still changed the text after %d passes "
                          "(does a suggestion contain its own match, or do two rules' "
                          "suggestions undo each other?); nothing was changed",
                          res->passes - 1);
    }
    if (rc == 0 && C.n) {
        res->edits = tl_arena_alloc(&res->arena, C.n * sizeof(*res->edits));
        if (!res->edits) rc = TL_ENOMEM;
        for (size_t i = 0; rc == 0 && i < C.n; i++) {
            tl_edit *e = &res->edits[res->nedits++];
            e->start = C.v[i].os;
            e->end = C.v[i].oe;
            e->len = C.v[i].len;
            e->text = tl_arena_strndup(&res->arena, C.v[i].text, C.v[i].len);
            if (!e->text) rc = TL_ENOMEM;
        }
        if (rc == 0) {
            res->bytes = cur;
            res->len = cur_len;
            cur = NULL;
        }
    }
    if (rc == TL_ENOMEM) tl_error_set(err, rc, "out of memory");
    free(cur);
    comps_free(&C);
    return rc;
}
