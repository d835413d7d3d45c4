/* regex.c - PCRE2 (8-bit) behind the tl_regex interface. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct tl_regex {
    pcre2_code *code;
    /* JIT compilation happens on first use, not at load: most patterns of
     * a pack never run on a small file (the prefilter skips them), and
     * compiling them all costs more than linting one string. jit_done is
     * set, under mu, once pcre2_jit_compile has been tried; matching
     * waits for it, so no thread matches while another compiles. */
    atomic_bool jit_done;
    bool jit_ok; /* JIT code exists: match through pcre2_jit_match */
    pthread_mutex_t mu;
};

/* The JIT code is a cache of the compiled pattern: filling it does not
 * change what the regex matches, so a const regex may fill it. */
static void ensure_jit(const tl_regex *cre)
{
    tl_regex *re = (tl_regex *)cre;
    if (atomic_load_explicit(&re->jit_done, memory_order_acquire)) return;
    pthread_mutex_lock(&re->mu);
    if (!atomic_load_explicit(&re->jit_done, memory_order_relaxed)) {
        /* TONELINT_NO_JIT=1 keeps the interpreter: memory checkers such as
         * valgrind cannot follow JIT-generated code. */
        const char *nojit = getenv("TONELINT_NO_JIT");
        /* On failure the interpreter runs. */
        if (!(nojit && *nojit && *nojit != '0'))
            re->jit_ok = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
        atomic_store_explicit(&re->jit_done, true, memory_order_release);
    }
    pthread_mutex_unlock(&re->mu);
}

struct tl_regex_scratch {
    bool no_jit;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit_stack;
};

/* Limits: generous for copy-sized subjects, small enough that a
 * catastrophic pattern stops in milliseconds. */
#define MATCH_LIMIT 2000000u
#define DEPTH_LIMIT 5000u
#define HEAP_LIMIT_KB 20000u

int tl_regex_compile(tl_regex **out, const char *pattern, unsigned flags, tl_error *err)
{
    *out = NULL;
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
    if (flags & TL_RE_CASELESS) opts |= PCRE2_CASELESS;
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *code =
        pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &errcode, &erroff, NULL);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof(msg));
        if (err) err->offset = erroff;
        return tl_error_set(err, TL_ECONFIG, "%s (at offset %zu of the pattern)", (char *)msg,
                            (size_t)erroff);
    }
    tl_regex *re = calloc(1, sizeof(*re));
    if (!re) {
        pcre2_code_free(code);
        return tl_error_set(err, TL_ENOMEM, "out of memory");
    }
    re->code = code;
    atomic_init(&re->jit_done, false);
    pthread_mutex_init(&re->mu, NULL);
    *out = re;
    return 0;
}

void tl_regex_free(tl_regex *re)
{
    if (!re) return;
    pcre2_code_free(re->code);
    pthread_mutex_destroy(&re->mu);
    free(re);
}

int tl_regex_scratch_new(tl_regex_scratch **out)
{
    tl_regex_scratch *sc = calloc(1, sizeof(*sc));
    if (!sc) return TL_ENOMEM;
    sc->md = pcre2_match_data_create(TL_RE_MAX_GROUPS, NULL);
    sc->mctx = pcre2_match_context_create(NULL);
    sc->jit_stack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
    if (!sc->md || !sc->mctx) {
        tl_regex_scratch_free(sc);
        return TL_ENOMEM;
    }
    pcre2_set_match_limit(sc->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(sc->mctx, DEPTH_LIMIT);
    pcre2_set_heap_limit(sc->mctx, HEAP_LIMIT_KB);
    if (sc->jit_stack) pcre2_jit_stack_assign(sc->mctx, NULL, sc->jit_stack);
    *out = sc;
    return 0;
}

void tl_regex_scratch_jit(tl_regex_scratch *sc, bool on)
{
    sc->no_jit = !on;
}

void tl_regex_scratch_free(tl_regex_scratch *sc)
{
    if (!sc) return;
    pcre2_match_data_free(sc->md);
    pcre2_match_context_free(sc->mctx);
    if (sc->jit_stack) pcre2_jit_stack_free(sc->jit_stack);
    free(sc);
}

int tl_regex_find(const tl_regex *re, tl_regex_scratch *sc, const char *subject, size_t len,
                  size_t start, tl_regex_match *m)
{
    if (start > len) return 0;
    int rc;
    if (sc->no_jit) {
        /* PCRE2_NO_JIT: JIT code another scratch built is not used either. */
        rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, start, PCRE2_NO_JIT, sc->md, sc->mctx);
    } else {
        ensure_jit(re);
        /* pcre2_jit_match is what pcre2_match calls for JIT code, without
         * its argument checks (ours are right by construction). jit_ok is
         * written before the release store of jit_done that ensure_jit
         * acquired. */
        rc = re->jit_ok
                 ? pcre2_jit_match(re->code, (PCRE2_SPTR)subject, len, start, 0, sc->md, sc->mctx)
                 : pcre2_match(re->code, (PCRE2_SPTR)subject, len, start, 0, sc->md, sc->mctx);
    }
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    if (rc < 0) {
        if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
            rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
            return TL_ELIMIT;
        return 0; /* other runtime errors: treat as no match */
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
    uint32_t pairs = pcre2_get_ovector_count(sc->md);
    m->start = ov[0];
    m->end = ov[1];
    for (uint32_t g = 1; g < TL_RE_MAX_GROUPS; g++) {
        if (g < pairs && (int)g < rc && ov[2 * g] != PCRE2_UNSET) {
            m->group_start[g] = ov[2 * g];
            m->group_end[g] = ov[2 * g + 1];
        } else {
            m->group_start[g] = m->group_end[g] = SIZE_MAX;
        }
    }
    return 1;
}
