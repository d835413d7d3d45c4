/* utf8.c - the utf8proc adapter: encoding code points, their properties,
 * NFC and grapheme clusters. No other file includes <utf8proc.h>; decoding
 * and validation are utf8.h's own (inline, on every non-ASCII byte). */
#include "utf8.h"

#include <utf8proc.h>

size_t tl_utf8_encode(char out[4], uint32_t cp)
{
    if (cp > 0x10FFFF) return 0;
    return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out);
}

bool tl_utf8_is_alnum(uint32_t cp)
{
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           cat == UTF8PROC_CATEGORY_ND;
}

bool tl_utf8_is_upper(uint32_t cp)
{
    return utf8proc_isupper((utf8proc_int32_t)cp);
}

bool tl_utf8_is_lower(uint32_t cp)
{
    return utf8proc_islower((utf8proc_int32_t)cp);
}

uint32_t tl_utf8_to_upper(uint32_t cp)
{
    return (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp);
}

int tl_utf8_width(uint32_t cp)
{
    return utf8proc_charwidth((utf8proc_int32_t)cp);
}

bool tl_utf8_nfc_inert(uint32_t ucp)
{
    utf8proc_int32_t cp = (utf8proc_int32_t)ucp;
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

char *tl_utf8_nfc(const char *s)
{
    return (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
}

bool tl_utf8_grapheme_break(uint32_t prev, uint32_t cp, int32_t *state)
{
    return utf8proc_grapheme_break_stateful((utf8proc_int32_t)prev, (utf8proc_int32_t)cp, state);
}
