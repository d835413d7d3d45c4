/* regex.h - the PCRE2 adapter: compile once, match with limits.
 *
 * The only file that includes <pcre2.h> is regex.c. Patterns are compiled
 * with UTF and UCP (Unicode-aware \b and \w), caseless unless asked, and JIT
 * compiled when the platform allows. Matching uses a per-thread scratch
 * (match data, match context with match, depth and heap limits), so a
 * catastrophic pattern in a user pack stops with TL_ELIMIT instead of hanging. */
#ifndef TL_REGEX_H
#define TL_REGEX_H

#include "../core/error.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct tl_regex tl_regex;
typedef struct tl_regex_scratch tl_regex_scratch;

enum { TL_RE_CASELESS = 1u << 0 };

#define TL_RE_MAX_GROUPS 10

typedef struct tl_regex_match {
    size_t start, end;
    /* Captures 1..9: start/end, SIZE_MAX when unset. */
    size_t group_start[TL_RE_MAX_GROUPS], group_end[TL_RE_MAX_GROUPS];
} tl_regex_match;

/* Compile pattern; on error fills err->message with PCRE2's text and
 * err->offset with the offset in the pattern. */
int tl_regex_compile(tl_regex **out, const char *pattern, unsigned flags, tl_error *err);
void tl_regex_free(tl_regex *re);

int tl_regex_scratch_new(tl_regex_scratch **out);
void tl_regex_scratch_free(tl_regex_scratch *sc);
/* Whether matches through sc may use (and first build) JIT code; on by
 * default. Off, PCRE2 interprets: cheaper when only a little text will be
 * matched, since JIT-compiling a pattern costs more than interpreting it
 * over a few strings. Same matches either way. */
void tl_regex_scratch_jit(tl_regex_scratch *sc, bool on);

/* Find the first match at or after `start`. Returns 1 and fills m, 0 when
 * there is none, TL_ELIMIT when a limit stopped the search. */
int tl_regex_find(const tl_regex *re, tl_regex_scratch *sc, const char *subject, size_t len,
                  size_t start, tl_regex_match *m);

#endif
