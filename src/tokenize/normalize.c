/* normalize.c - NFC normalization with an offset map.
 *
 * Most copy is already NFC; then norm is the decoded text itself and no map
 * is kept. Otherwise each grapheme cluster is normalized on its own (NFC
 * never composes across a cluster boundary in practice), and a cluster that
 * changed becomes one atomic run of the map. Invalid UTF-8 is left as it is:
 * PCRE2 matches around it. Unicode's tables are asked through core/utf8.h. */
#include "view.h"
#include "../core/array.h"
#include "../core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int push_map(tl_view *v, size_t norm_off, size_t norm_len, size_t text_off, size_t text_len,
                    bool atomic)
{
    if (v->nnorm_map == v->cap_norm_map &&
        tl_array_grow(&v->norm_map, &v->cap_norm_map, sizeof(*v->norm_map), 16) < 0)
        return TL_ENOMEM;
    v->norm_map[v->nnorm_map++] = (tl_span){norm_off, norm_len, text_off, text_len, atomic};
    return 0;
}

/* Whether text is NFC because every character is inert: each composes
 * back to itself and none combines with its neighbour (the Unicode NFC
 * quick check, answering only "yes" or "do the work"). Letters,
 * punctuation and symbols of most scripts are inert, precomposed ones
 * included, so this spares tl_utf8_nfc, which costs hundreds of
 * instructions per byte. */
static bool all_inert(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        uint64_t eight; /* ASCII eight bytes at a time where it can */
        if (len - i >= 8 && (memcpy(&eight, s + i, 8), !(eight & 0x8080808080808080u))) {
            i += 8;
            continue;
        }
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = tl_utf8_decode(s + i, len - i, &cp);
        if (!n || !tl_utf8_nfc_inert(cp)) return false;
        i += n;
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
    char *whole = tl_utf8_nfc(text);
    if (!whole) return 0; /* invalid UTF-8: match the text as it is */
    bool same = strlen(whole) == len && memcmp(whole, text, len) == 0;
    free(whole);
    if (same) return 0;

    /* Normalize cluster by cluster, recording the map. */
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, lit_start = 0;
    int32_t state = 0;
    uint32_t prev = 0;
    size_t cluster = 0;
    while (i <= len) {
        uint32_t cp = 0;
        size_t n = 0;
        bool brk = true;
        if (i < len) {
            n = tl_utf8_decode(s + i, len - i, &cp);
            if (!n) return 0; /* cannot happen after tl_utf8_nfc succeeded */
            brk = i == 0 || tl_utf8_grapheme_break(prev, cp, &state);
        }
        if (brk && i > cluster) {
            /* Cluster [cluster, i) is complete. */
            char tmp[64];
            size_t clen = i - cluster;
            char *nfc = NULL;
            if (clen < sizeof(tmp)) {
                memcpy(tmp, text + cluster, clen);
                tmp[clen] = '\0';
                nfc = tl_utf8_nfc(tmp);
            }
            size_t nlen = nfc ? strlen(nfc) : clen;
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
        i += n;
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
