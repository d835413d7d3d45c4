/* sentence.c - sentence and word boundaries over masked text.
 *
 * A sentence ends at `.`, `!`, `?` or `…` followed by white space or the end
 * (closing quotes and brackets stay with it), and at a blank line or a line
 * break before a list item. Abbreviations ("e.g.", "i.e.", "etc.", "Mr.",
 * single capitals) and numbers ("1.5") do not end one. Words are runs of
 * letters, digits and apostrophes, by Unicode category (core/utf8.h). */
#include "view.h"
#include "../core/array.h"
#include "../core/utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int push(tl_view *v, size_t start, size_t end)
{
    while (start < end && isspace((unsigned char)v->masked.data[start]))
        start++;
    while (end > start && isspace((unsigned char)v->masked.data[end - 1]))
        end--;
    if (end <= start) return 0;
    if (v->nsentences == v->cap_sentences &&
        tl_array_grow(&v->sentences, &v->cap_sentences, sizeof(*v->sentences), 8) < 0)
        return TL_ENOMEM;
    v->sentences[v->nsentences++] = (tl_range){start, end};
    return 0;
}

static bool abbreviation_before(const char *s, size_t dot)
{
    static const char *const abbrevs[] = {"e.g",    "i.e", "etc", "mr",  "mrs", "ms", "dr", "vs",
                                          "approx", "no",  "inc", "ltd", "st",  "jr", "sr", NULL};
    size_t b = dot;
    while (b > 0 && (isalpha((unsigned char)s[b - 1]) || s[b - 1] == '.'))
        b--;
    size_t n = dot - b;
    if (n == 1 && isupper((unsigned char)s[b])) return true; /* initials: J. Smith */
    for (int i = 0; abbrevs[i]; i++)
        if (strlen(abbrevs[i]) == n && strncasecmp(s + b, abbrevs[i], n) == 0) return true;
    return false;
}

int tl_split_sentences(tl_view *v)
{
    v->nsentences = 0;
    const char *s = v->masked.data;
    size_t len = v->len, start = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        size_t end = 0;
        if (c == '.' || c == '!' || c == '?') {
            size_t j = i + 1;
            while (j < len && (s[j] == '.' || s[j] == '!' || s[j] == '?'))
                j++;
            while (j < len && strchr("\"')]", s[j]))
                j++;
            if (j + 3 <= len && (unsigned char)s[j] == 0xE2 && (unsigned char)s[j + 1] == 0x80 &&
                ((unsigned char)s[j + 2] == 0x9D || (unsigned char)s[j + 2] == 0x99))
                j += 3; /* closing curly quote */
            if (j < len && !isspace((unsigned char)s[j])) continue;
            if (c == '.' && j == i + 1 && abbreviation_before(s, i)) continue;
            end = j;
        } else if ((unsigned char)c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] == 0xA6) { /* … */
            size_t j = i + 3;
            if (j < len && !isspace((unsigned char)s[j])) continue;
            end = j;
        } else if (c == '\n') {
            size_t j = i + 1;
            while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
                j++;
            bool blank = j < len && s[j] == '\n';
            bool item = j < len && (s[j] == '-' || s[j] == '*' || s[j] == '+' || s[j] == '#' ||
                                    isdigit((unsigned char)s[j]));
            if (!blank && !item && j < len) continue;
            end = i;
        } else {
            continue;
        }
        if (push(v, start, end) < 0) return TL_ENOMEM;
        start = end;
        if (end > i) i = end - 1;
    }
    return push(v, start, len);
}

size_t tl_count_words(const char *s, size_t start, size_t end)
{
    size_t words = 0, i = start;
    bool in_word = false;
    while (i < end) {
        uint32_t cp;
        size_t n = tl_utf8_decode((const unsigned char *)s + i, end - i, &cp);
        if (!n) {
            n = 1;
            cp = 0xFFFD;
        }
        bool word = tl_utf8_is_alnum(cp) || cp == '_' ||
                    (in_word && (cp == '\'' || cp == 0x2019 || cp == '-'));
        if (word && !in_word) words++;
        in_word = word;
        i += n;
    }
    return words;
}
