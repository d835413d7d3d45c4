/* normalize.c - NFC normalization with an offset map (utf8proc adapter).
 *
 * Most copy is already NFC; then norm is the decoded text itself and no map
 * is kept. Otherwise each grapheme cluster is normalized on its own (NFC
 * never composes across a cluster boundary in practice), and a cluster that
 * changed becomes one atomic run of the map. Invalid UTF-8 is left as it is:
 * PCRE2 matches around it. */
#include "view.h"
#include "../core/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static int push_map(tl_view *v, size_t norm_off, size_t norm_len, size_t text_off, size_t text_len,
                    bool atomic)
{
    if (v->nnorm_map == v->cap_norm_map &&
        tl_array_grow(&v->norm_map, &v->cap_norm_map, sizeof(*v->norm_map), 16) < 0)
        return TL_ENOMEM;
    v->norm_map[v->nnorm_map++] = (tl_span){norm_off, norm_len, text_off, text_len, atomic};
    return 0;
}

bool tl_nfc_inert(int32_t cp)
{
    /* Hangul jamo compose algorithmically (a syllable and a trailing
     * consonant), outside utf8proc's composition table. */
    if (cp >= 0x1100 && cp <= 0x11FF) return false;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    /* comb_index at or above 0x8000 marks the second of a composition pair. */
    bool second = p->comb_index != UINT16_MAX && p->comb_index >= 0x8000;
    if (p->combining_class != 0 || second) return false;
    if (p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0) return true;
    /* A canonical decomposition is undone by composition unless the
     * character is excluded from it (an exclusion, a singleton, a
     * decomposition to non-starters: NFC_Quick_Check = No). */
    utf8proc_int32_t d[4];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 4, UTF8PROC_DECOMPOSE, &last);
    if (n < 2 || n > 4 || p->comp_exclusion || utf8proc_get_property(d[0])->combining_class != 0)
        return false;
    return utf8proc_normalize_utf32(d, n, UTF8PROC_COMPOSE) == 1 && d[0] == cp;
}

/* Whether text is NFC because every character is inert: each composes
 * back to itself and none combines with its neighbour (the Unicode NFC
 * quick check, answering only "yes" or "do the work"). Letters,
 * punctuation and symbols of most scripts are inert, precomposed ones
 * included, so this spares utf8proc_NFC, which costs hundreds of
 * instructions per byte. */
static bool all_inert(const char *text, size_t len)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || !tl_nfc_inert(cp)) return false;
        i += (size_t)n;
    }
    return true;
}

int tl_normalize(tl_view *v, const char *text, size_t len)
{
    v->nnorm_map = 0;
    tl_buf_reset(&v->norm_buf);
    v->norm = text;
    v->len = len;
    if (all_inert(text, len)) return 0;
    utf8proc_uint8_t *whole = utf8proc_NFC((const utf8proc_uint8_t *)text);
    if (!whole) return 0; /* invalid UTF-8: match the text as it is */
    bool same = strlen((const char *)whole) == len && memcmp(whole, text, len) == 0;
    free(whole);
    if (same) return 0;

    /* Normalize cluster by cluster, recording the map. */
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
    size_t i = 0, lit_start = 0;
    utf8proc_int32_t state = 0, prev = -1;
    size_t cluster = 0;
    while (i <= len) {
        utf8proc_int32_t cp = -1;
        utf8proc_ssize_t n = 0;
        bool brk = true;
        if (i < len) {
            n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
            if (n <= 0) return 0; /* cannot happen after utf8proc_NFC succeeded */
            brk = prev < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state);
        }
        if (brk && i > cluster) {
            /* Cluster [cluster, i) is complete. */
            char tmp[64];
            size_t clen = i - cluster;
            utf8proc_uint8_t *nfc = NULL;
            if (clen < sizeof(tmp)) {
                memcpy(tmp, text + cluster, clen);
                tmp[clen] = '\0';
                nfc = utf8proc_NFC((const utf8proc_uint8_t *)tmp);
            }
            size_t nlen = nfc ? strlen((const char *)nfc) : clen;
            if (nfc && (nlen != clen || memcmp(nfc, text + cluster, clen) != 0)) {
                if (cluster > lit_start) {
                    size_t off = v->norm_buf.len;
                    if (tl_buf_append(&v->norm_buf, text + lit_start, cluster - lit_start) < 0 ||
                        push_map(v, off, cluster - lit_start, lit_start, cluster - lit_start,
                                 false) < 0) {
                        free(nfc);
                        return TL_ENOMEM;
                    }
                }
                size_t off = v->norm_buf.len;
                if (tl_buf_append(&v->norm_buf, nfc, nlen) < 0 ||
                    push_map(v, off, nlen, cluster, clen, true) < 0) {
                    free(nfc);
                    return TL_ENOMEM;
                }
                lit_start = i;
            }
            free(nfc);
            cluster = i;
        }
        if (i == len) break;
        prev = cp;
        i += (size_t)n;
    }
    if (len > lit_start) {
        size_t off = v->norm_buf.len;
        if (tl_buf_append(&v->norm_buf, text + lit_start, len - lit_start) < 0 ||
            push_map(v, off, len - lit_start, lit_start, len - lit_start, false) < 0)
            return TL_ENOMEM;
    }
    v->norm = v->norm_buf.data ? v->norm_buf.data : "";
    v->len = v->norm_buf.len;
    return 0;
}

size_t tl_view_text_start(const tl_view *v, size_t off)
{
    return v->nnorm_map ? tl_spans_start(v->norm_map, v->nnorm_map, off, 0) : off;
}

size_t tl_view_text_end(const tl_view *v, size_t off)
{
    return v->nnorm_map ? tl_spans_end(v->norm_map, v->nnorm_map, off, 0) : off;
}
