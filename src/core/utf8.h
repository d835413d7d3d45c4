/* utf8.h - the one UTF-8 encoder, decoder and validator, hex digits, and
 * the Unicode properties the library asks about: the utf8proc adapter.
 *
 * Every extractor that decodes escapes (\u00e9, &#xE9;, \x{e9}) encodes the
 * code point here, and every writer that must not pass on ill-formed UTF-8
 * (JSON, XML, the baseline) checks it here; code that reads code points
 * decodes them here. Letters and case, display widths, NFC and grapheme
 * clusters are utf8proc's, asked through utf8.c, the one file that
 * includes <utf8proc.h>. */
#ifndef TL_UTF8_H
#define TL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Write cp (at most U+10FFFF; surrogates are written as they come, which
 * callers reject first where it matters) as UTF-8 to out: 1 to 4 bytes,
 * the number returned; 0 past U+10FFFF. */
size_t tl_utf8_encode(char out[4], uint32_t cp);

/* Length (1-4) of the well-formed UTF-8 sequence at p, with n >= 1 bytes
 * available, or 0 when it is not one: a stray or overlong sequence, a
 * surrogate, past U+10FFFF, or cut short. An ASCII byte (NUL included) is 1.
 * Inline: extractors call it on every non-ASCII byte. */
static inline size_t tl_utf8_valid(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    if (c < 0x80) return 1;
    size_t want = c >= 0xF0 && c <= 0xF4   ? 4
                  : c >= 0xE0 && c <= 0xEF ? 3
                  : c >= 0xC2 && c <= 0xDF ? 2
                                           : 0;
    if (!want || want > n) return 0;
    for (size_t k = 1; k < want; k++)
        if ((p[k] & 0xC0) != 0x80) return 0;
    if (want == 3 && c == 0xE0 && p[1] < 0xA0) return 0;  /* overlong */
    if (want == 3 && c == 0xED && p[1] >= 0xA0) return 0; /* surrogate */
    if (want == 4 && c == 0xF0 && p[1] < 0x90) return 0;  /* overlong */
    if (want == 4 && c == 0xF4 && p[1] >= 0x90) return 0; /* past U+10FFFF */
    return want;
}

/* Decode the well-formed UTF-8 sequence at p (n >= 1 bytes available):
 * its code point in *cp and its length (1-4), or 0 as tl_utf8_valid. */
static inline size_t tl_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    size_t len = tl_utf8_valid(p, n);
    if (len <= 1) {
        *cp = p[0];
        return len;
    }
    uint32_t v = p[0] & (0x7Fu >> len);
    for (size_t k = 1; k < len; k++)
        v = v << 6 | (p[k] & 0x3Fu);
    *cp = v;
    return len;
}

/* Whether [s, s + len) is well-formed UTF-8. */
static inline int tl_utf8_valid_all(const unsigned char *s, size_t len)
{
    for (size_t i = 0, n; i < len; i += n)
        if (!(n = tl_utf8_valid(s + i, len - i))) return 0;
    return 1;
}

/* The length a lead byte announces (1 for ASCII and stray bytes), for text
 * already known to be UTF-8. */
static inline size_t tl_utf8_seqlen(unsigned char lead)
{
    return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

/* The value of a hex digit, or -1. */
static inline int tl_hexval(uint32_t c)
{
    if (c >= '0' && c <= '9') return (int)(c - '0');
    if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
    return -1;
}

/* Unicode properties of a code point (at most U+10FFFF, as tl_utf8_decode
 * gives it), by utf8proc's tables. */

/* Whether cp is a letter (Lu, Ll, Lt, Lm, Lo) or a decimal digit (Nd):
 * what words are made of. */
bool tl_utf8_is_alnum(uint32_t cp);
/* Whether cp is an upper-case, or a lower-case, letter. */
bool tl_utf8_is_upper(uint32_t cp);
bool tl_utf8_is_lower(uint32_t cp);
/* The upper case of cp, or cp when it has none. */
uint32_t tl_utf8_to_upper(uint32_t cp);
/* The columns cp takes on a terminal: 0 (combining marks, controls), 1,
 * or 2 (East Asian wide characters, emoji). */
int tl_utf8_width(uint32_t cp);

/* Whether code point cp is left as it is by NFC when its neighbours are
 * inert too: combining class 0, composes back to itself, never the second
 * of a composition. Text made only of such characters is already NFC. */
bool tl_utf8_nfc_inert(uint32_t cp);
/* The NFC form of the NUL-terminated string s, NUL-terminated, in memory
 * the caller frees with free(); NULL when s is not well-formed UTF-8 or
 * memory ran out. */
char *tl_utf8_nfc(const char *s);
/* Whether a grapheme cluster ends between code points prev and cp, by the
 * rules of Unicode's UAX #29. *state starts at 0 for a text and carries
 * what the rules need from one call to the next (emoji sequences, pairs of
 * regional indicators). */
bool tl_utf8_grapheme_break(uint32_t prev, uint32_t cp, int32_t *state);

#endif
