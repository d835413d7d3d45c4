/* matcher.c - rules applied to a segment's view, findings placed in the file.
 *
 * Offsets travel: match in the view's norm text -> decoded segment text
 * (through the NFC map) -> stored bytes (through the segment's source map)
 * -> line and column (through the source's line table). */
#include "matcher.h"
#include "../core/array.h"
#include "../core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The matches of one exception pattern in the current subject, found in
 * order as far as a question needs them. */
typedef struct tl_except_scan {
    size_t *spans; /* start, end pairs */
    size_t n, cap;
    size_t pos; /* where the next search starts */
    bool done;  /* no more matches (or a limit stopped the search) */
} tl_except_scan;

int tl_matcher_init_shared(tl_matcher *m, const tl_ruleset *rules, tl_prefilter *pf)
{
    memset(m, 0, sizeof(*m));
    m->rules = rules;
    m->prefilter = pf;
    tl_view_init(&m->view);
    return tl_regex_scratch_new(&m->scratch);
}

int tl_matcher_init(tl_matcher *m, const tl_ruleset *rules)
{
    int rc = tl_matcher_init_shared(m, rules, NULL);
    if (rc < 0) return rc;
    if ((rc = tl_prefilter_new(&m->prefilter, rules)) < 0) return rc;
    m->own_prefilter = true;
    return 0;
}

/* Size the per-thread state for the current prefilter, and decide whether
 * it may gate: it must have been built for exactly these rules. */
static int scan_setup(tl_matcher *m)
{
    const tl_ruleset *rs = m->rules;
    for (int k = 0; k < 2; k++)
        tl_prefilter_state_free(&m->scan[k]);
    free(m->raw_rules);
    m->raw_rules = NULL;
    m->scan_pf = NULL;
    m->gate = false;
    if (!m->prefilter) return 0;
    for (int k = 0; k < 2; k++) {
        int rc = tl_prefilter_state_init(&m->scan[k], m->prefilter);
        if (rc < 0) return rc;
    }
    m->raw_rules = calloc(rs->n / 64 + 1, sizeof(uint64_t));
    if (!m->raw_rules) return TL_ENOMEM;
    m->gate = true;
    for (size_t i = 0; i < rs->n; i++) {
        if (rs->rules[i]->raw) m->raw_rules[i >> 6] |= (uint64_t)1 << (i & 63);
        if (!tl_prefilter_covers(m->prefilter, i, rs->rules[i])) m->gate = false;
    }
    m->scan_pf = m->prefilter;
    return 0;
}

void tl_matcher_free(tl_matcher *m)
{
    if (!m) return;
    tl_regex_scratch_free(m->scratch);
    tl_view_free(&m->view);
    if (m->own_prefilter) tl_prefilter_free(m->prefilter);
    for (int k = 0; k < 2; k++)
        tl_prefilter_state_free(&m->scan[k]);
    free(m->raw_rules);
    for (size_t i = 0; i < m->nexcept; i++)
        free(m->except[i].spans);
    free(m->except);
    free(m->limits);
    memset(m, 0, sizeof(*m));
}

void tl_findings_free(tl_findings *f)
{
    free(f->items);
    memset(f, 0, sizeof(*f));
}

static int cmp_findings(const void *a, const void *b)
{
    const tl_finding *x = a, *y = b;
    if (x->offset != y->offset) return x->offset < y->offset ? -1 : 1;
    if (x->length != y->length) return x->length < y->length ? -1 : 1;
    return strcmp(x->rule->id, y->rule->id);
}

void tl_findings_sort(tl_findings *f)
{
    if (f->n > 1) qsort(f->items, f->n, sizeof(*f->items), cmp_findings);
}

static bool any_match(const tl_relist *l, tl_regex_scratch *sc, const char *s, size_t len)
{
    tl_regex_match m;
    for (size_t i = 0; i < l->n; i++)
        if (tl_regex_find(l->re[i], sc, s, len, 0, &m) == 1) return true;
    return false;
}

bool tl_matcher_applies(const tl_rule *r, const tl_segment *seg)
{
    if (!r->enabled || r->severity == TL_SEV_OFF) return false;
    const char *lang = seg->lang ? seg->lang : "en";
    /* strncmp(r->lang, lang, 2), spelled out: this runs for every rule on
     * every segment. */
    if (r->lang[0] != lang[0] || (lang[0] && r->lang[1] != lang[1])) return false;
    if (!(r->scope & (1u << seg->kind))) return false;
    if (seg->flags & r->skip_flags) return false;
    if (r->moments && !(r->moments & seg->moment_bit)) return false;
    return true;
}

/* Key filters need a regex scratch, so they are checked here. */
static bool keys_allow(const tl_rule *r, tl_regex_scratch *sc, const tl_segment *seg)
{
    const char *key = seg->key ? seg->key : "";
    size_t klen = strlen(key);
    if (r->keys.n && !any_match(&r->keys, sc, key, klen)) return false;
    if (r->skip_keys.n && any_match(&r->skip_keys, sc, key, klen)) return false;
    return true;
}

char *tl_case_follow(tl_arena *a, const char *match, size_t mlen, const char *text, size_t tlen)
{
    bool has_upper = false, has_lower = false, first_upper = false, seen_letter = false;
    size_t i = 0;
    while (i < mlen) {
        uint32_t cp;
        size_t n = tl_utf8_decode((const unsigned char *)match + i, mlen - i, &cp);
        if (!n) break;
        bool upper = tl_utf8_is_upper(cp), lower = tl_utf8_is_lower(cp);
        if (upper) {
            has_upper = true;
            if (!seen_letter) first_upper = true;
        }
        if (lower) has_lower = true;
        if (upper || lower) seen_letter = true;
        i += n;
    }
    bool all_caps = has_upper && !has_lower && mlen > 1;
    tl_buf out = TL_BUF_INIT;
    bool first = true;
    i = 0;
    while (i < tlen) {
        uint32_t cp;
        size_t n = tl_utf8_decode((const unsigned char *)text + i, tlen - i, &cp);
        if (!n) {
            tl_buf_putc(&out, text[i]);
            i++;
            continue;
        }
        bool letter = tl_utf8_is_upper(cp) || tl_utf8_is_lower(cp);
        if (all_caps || (first_upper && first && letter)) cp = tl_utf8_to_upper(cp);
        if (letter) first = false;
        char enc[4];
        tl_buf_append(&out, enc, tl_utf8_encode(enc, cp));
        i += n;
    }
    char *s = tl_buf_failed(&out) ? NULL : tl_arena_strndup(a, out.data ? out.data : "", out.len);
    tl_buf_free(&out);
    return s;
}

/* Expand $1..$9 in a suggestion with captures taken from the original
 * (unmasked) text, then follow the match's case. */
static const char *expand(tl_arena *a, const char *tmpl, const tl_view *v, const tl_regex_match *m,
                          const char *match, size_t mlen)
{
    tl_buf b = TL_BUF_INIT;
    for (const char *p = tmpl; *p; p++) {
        if (*p == '$' && p[1] >= '1' && p[1] <= '9') {
            int g = p[1] - '0';
            if (m && m->group_start[g] != SIZE_MAX)
                tl_buf_append(&b, v->norm + m->group_start[g], m->group_end[g] - m->group_start[g]);
            p++;
        } else if (*p == '$' && p[1] == '$') {
            tl_buf_putc(&b, '$');
            p++;
        } else {
            tl_buf_putc(&b, *p);
        }
    }
    char *s =
        tl_buf_failed(&b) ? NULL : tl_case_follow(a, match, mlen, b.data ? b.data : "", b.len);
    tl_buf_free(&b);
    return s;
}

static const char *format_message(tl_arena *a, const char *tmpl, const char *match,
                                  const char *suggestion)
{
    tl_buf b = TL_BUF_INIT;
    for (const char *p = tmpl; *p; p++) {
        if (*p != '{') {
            tl_buf_putc(&b, *p);
        } else if (strncmp(p, "{match}", 7) == 0) {
            tl_buf_puts(&b, match);
            p += 6;
        } else if (strncmp(p, "{suggestion}", 12) == 0) {
            tl_buf_puts(&b, suggestion ? suggestion : "");
            p += 11;
        } else {
            tl_buf_putc(&b, *p);
        }
    }
    char *s = tl_buf_failed(&b) ? NULL : tl_arena_strndup(a, b.data ? b.data : "", b.len);
    tl_buf_free(&b);
    return s;
}

static bool in_vocab(const tl_matcher *m, const char *s, size_t n)
{
    if (!m->vocab) return false;
    for (const char *const *w = m->vocab; *w; w++)
        if (strlen(*w) == n && strncasecmp(*w, s, n) == 0) return true;
    return false;
}

static int push(tl_findings *out, const tl_finding *f)
{
    if (out->n == out->cap && tl_array_grow(&out->items, &out->cap, sizeof(*out->items), 16) < 0)
        return TL_ENOMEM;
    out->items[out->n++] = *f;
    return 0;
}

int tl_finding_place(tl_finding *f, tl_doc *doc)
{
    const tl_segment *seg = f->seg;
    size_t raw_s = tl_segment_raw_start(seg, f->text_start);
    size_t raw_e = f->text_end > f->text_start ? tl_segment_raw_end(seg, f->text_end) : raw_s;
    if (raw_e < raw_s) raw_e = raw_s;
    f->offset = raw_s;
    f->length = raw_e - raw_s;
    /* In file order, tl_source counts each position on from the one before. */
    if (tl_source_position(&doc->src, raw_s, &f->start) < 0 ||
        tl_source_position(&doc->src, raw_e, &f->end) < 0)
        return TL_ENOMEM;
    return 0;
}

/* Add a finding for norm range [ns, ne). */
/* A finding of rule r over [ns, ne) of the view; pat is the index of the
 * pattern that matched (rm), or SIZE_MAX for a metric. */
static int add(tl_matcher *m, tl_doc *doc, const tl_segment *seg, const tl_rule *r, size_t pat,
               size_t ns, size_t ne, const tl_regex_match *rm, tl_findings *out)
{
    tl_view *v = &m->view;
    tl_arena *a = &doc->arena;
    tl_finding f;
    memset(&f, 0, sizeof(f));
    f.rule = r;
    f.severity = r->severity;
    f.seg = seg;
    f.text_start = tl_view_text_start(v, ns);
    f.text_end = tl_view_text_end(v, ne);
    if (f.text_end < f.text_start) f.text_end = f.text_start;
    size_t mlen = f.text_end - f.text_start;
    if (in_vocab(m, seg->text + f.text_start, mlen)) return 0;
    f.match = tl_arena_strndup(a, seg->text + f.text_start, mlen);
    if (tl_finding_place(&f, doc) < 0) return TL_ENOMEM;
    const char *const *sugg = r->suggest;
    size_t nsugg = r->nsuggest;
    if (r->swap) {
        sugg = pat < r->patterns.n ? r->swap[pat] : NULL;
        nsugg = pat < r->patterns.n ? r->nswap[pat] : 0;
    }
    if (nsugg) {
        f.suggestions = tl_arena_alloc(a, nsugg * sizeof(*f.suggestions));
        if (!f.suggestions) return TL_ENOMEM;
        for (size_t i = 0; i < nsugg; i++) {
            f.suggestions[i] = expand(a, sugg[i], v, rm, f.match, mlen);
            if (!f.suggestions[i]) return TL_ENOMEM;
        }
        f.nsuggestions = nsugg;
    }
    f.message = format_message(a, r->message, f.match, f.nsuggestions ? f.suggestions[0] : NULL);
    if (!f.match || !f.message) return TL_ENOMEM;
    f.fixable = r->fix_safe && f.nsuggestions > 0 && !tl_view_overlaps_mask(v, ns, ne);
    return push(out, &f);
}

/* Forget the exception matches found for the previous rule or subject. */
static int except_reset(tl_matcher *m, const tl_rule *r)
{
    if (r->exceptions.n > m->nexcept) {
        tl_except_scan *p = realloc(m->except, r->exceptions.n * sizeof(*p));
        if (!p) return TL_ENOMEM;
        memset(p + m->nexcept, 0, (r->exceptions.n - m->nexcept) * sizeof(*p));
        m->except = p;
        m->nexcept = r->exceptions.n;
    }
    for (size_t i = 0; i < r->exceptions.n; i++) {
        m->except[i].n = m->except[i].pos = 0;
        m->except[i].done = false;
    }
    return 0;
}

/* Whether [s, e) lies inside a match of one of the rule's exceptions:
 * of the matches found left to right from the start of the subject, one
 * that starts at or before s and ends at or after e. The matches are
 * found once per rule and subject, and only as far as s needs: findings
 * come in text order per pattern, so each exception is scanned about
 * once however many findings the rule has. *rc gets TL_ENOMEM. */
static bool excepted(tl_matcher *m, const tl_rule *r, const char *subj, size_t len, size_t s,
                     size_t e, int *rc)
{
    for (size_t i = 0; i < r->exceptions.n; i++) {
        tl_except_scan *x = &m->except[i];
        for (size_t k = 0; k < x->n && x->spans[2 * k] <= s; k++)
            if (e <= x->spans[2 * k + 1]) return true;
        while (!x->done && (x->n == 0 || x->spans[2 * (x->n - 1)] <= s)) {
            tl_regex_match xm;
            if (x->pos > len ||
                tl_regex_find(r->exceptions.re[i], m->scratch, subj, len, x->pos, &xm) != 1) {
                x->done = true;
                break;
            }
            /* Spans are start, end pairs: an element is two offsets. */
            if (x->n == x->cap && tl_array_grow(&x->spans, &x->cap, 2 * sizeof(*x->spans), 8) < 0) {
                *rc = TL_ENOMEM;
                return false;
            }
            x->spans[2 * x->n] = xm.start;
            x->spans[2 * x->n + 1] = xm.end;
            x->n++;
            x->pos = xm.end > xm.start ? xm.end : xm.end + 1;
            if (xm.start <= s && e <= xm.end) return true;
        }
    }
    return false;
}

/* Count a rule stopped by a limit (once per segment: run_patterns calls
 * this at most once). Losing a count to low memory loses only the report. */
static void note_limit(tl_matcher *m, const tl_rule *r)
{
    /* The rule set is shared and otherwise read-only: only this counter
     * changes, atomically. */
    __atomic_add_fetch(&((tl_rule *)r)->limit_strikes, 1, __ATOMIC_RELAXED);
    m->limit_hits++;
    m->limit_rule = r->id;
    for (size_t i = 0; i < m->nlimits; i++)
        if (m->limits[i].rule == r->id) {
            m->limits[i].count++;
            return;
        }
    if (m->nlimits == m->caplimits &&
        tl_array_grow(&m->limits, &m->caplimits, sizeof(*m->limits), 4) < 0)
        return;
    m->limits[m->nlimits++] = (tl_rule_count){r->id, 1};
}

/* Which of rule i's patterns may match: bit p for pattern p (patterns
 * past 64 are asked again as they run). st: the prefilter's findings on
 * the rule's subject, or NULL: all may. */
static uint64_t allowed_patterns(tl_matcher *m, size_t ri, const tl_rule *r, tl_prefilter_state *st)
{
    if (!st || r->patterns.n > 64) return ~(uint64_t)0;
    uint64_t marked = tl_prefilter_marked(m->prefilter, st, ri), allowed = 0;
    while (marked) {
        size_t p = (size_t)__builtin_ctzll(marked);
        marked &= marked - 1;
        if (tl_prefilter_pattern(m->prefilter, st, ri, p)) allowed |= (uint64_t)1 << p;
    }
    return allowed;
}

/* Where run_patterns is: the subject [base, base + len) of the rule's text
 * (the whole text, or one ICU branch), and what it has found so far. */
typedef struct pattern_run {
    const char *subj; /* the rule's text: masked, or norm for raw rules */
    size_t base, len;
    size_t found;
    bool limited, except_ready;
} pattern_run;

/* Run the allowed patterns of rule ri over one subject. Offsets in the
 * findings are offsets in the whole text. */
static int scan_subject(tl_matcher *m, tl_doc *doc, const tl_segment *seg, size_t ri,
                        const tl_rule *r, tl_prefilter_state *st, uint64_t allowed,
                        pattern_run *run, tl_findings *out)
{
    tl_view *v = &m->view;
    const char *subj = run->subj + run->base;
    size_t len = run->len, base = run->base;
    /* Exceptions are matched on the same subject as the patterns. */
    run->except_ready = false;
    for (size_t p = 0; p < r->patterns.n && run->found < TL_MAX_FINDINGS_PER_RULE; p++) {
        if (p < 64 ? !((allowed >> p) & 1u) : st && !tl_prefilter_pattern(m->prefilter, st, ri, p))
            continue; /* cannot match here */
        size_t pos = 0;
        while (pos <= len && run->found < TL_MAX_FINDINGS_PER_RULE) {
            tl_regex_match rm;
            int rc = tl_regex_find(r->patterns.re[p], m->scratch, subj, len, pos, &rm);
            if (rc == TL_ELIMIT) {
                run->limited = true;
                break;
            }
            if (rc != 1) break;
            bool empty = rm.end == rm.start;
            /* A finding entirely inside a mask is placeholder text, never copy. */
            bool masked_only = false;
            if (!r->raw && !empty) {
                masked_only = true;
                for (size_t i = rm.start; i < rm.end; i++)
                    if (subj[i] != '_' || v->norm[base + i] == '_') {
                        masked_only = false;
                        break;
                    }
            }
            if (!masked_only && r->exceptions.n && !run->except_ready) {
                if ((rc = except_reset(m, r)) < 0) return rc;
                run->except_ready = true;
            }
            if (!masked_only && !excepted(m, r, subj, len, rm.start, rm.end, &rc)) {
                if (rc < 0) return rc;
                tl_regex_match at = rm;
                at.start += base;
                at.end += base;
                for (size_t g = 1; g < TL_RE_MAX_GROUPS; g++) /* 0 is the match */
                    if (at.group_start[g] != SIZE_MAX) {
                        at.group_start[g] += base;
                        at.group_end[g] += base;
                    }
                if ((rc = add(m, doc, seg, r, p, at.start, at.end, &at, out)) < 0) return rc;
                run->found++;
            }
            pos = empty ? rm.end + 1 : rm.end;
            /* Do not stop inside a UTF-8 sequence after an empty match. */
            while (empty && pos < len && ((unsigned char)subj[pos] & 0xC0) == 0x80)
                pos++;
        }
    }
    return 0;
}

/* Of one rule's findings [first, out->n) in a text made of ICU branches,
 * drop those whose words an earlier finding already reported. */
static void drop_branch_repeats(tl_findings *out, size_t first)
{
    size_t w = first;
    for (size_t i = first; i < out->n; i++) {
        bool seen = false;
        for (size_t j = first; j < w && !seen; j++)
            seen = strcmp(out->items[j].match, out->items[i].match) == 0;
        if (!seen) out->items[w++] = out->items[i];
    }
    out->n = w;
}

/* Run rule i's patterns, those in `allowed` (and, past 64, those st lets
 * through). A conditional rule's `unless` is asked only once a pattern
 * has found something: it can only take findings away. */
static int run_patterns(tl_matcher *m, tl_doc *doc, const tl_segment *seg, size_t ri,
                        const tl_rule *r, tl_prefilter_state *st, uint64_t allowed,
                        tl_findings *out)
{
    if (tl_rule_limited_out(r)) return 0; /* turned off by repeated limit hits */
    tl_view *v = &m->view;
    const char *subj = r->raw ? v->norm : v->masked.data;
    size_t len = v->len;
    size_t first = out->n;
    /* One rule reports at most TL_MAX_FINDINGS_PER_RULE findings in one string:
     * past that the string is not copy (a pasted log, a 50 MB paragraph). */
    pattern_run run = {subj, 0, len, 0, false, false};
    int rc = scan_subject(m, doc, seg, ri, r, st, allowed, &run, out);
    if (rc < 0) return rc;
    /* A text that is only an ICU plural or select says the same sentence in
     * each branch: when the whole text shows nothing, each branch is asked
     * as a text of its own (so `^` and `$` are its edges), and the first
     * branch that shows the problem reports it, once. */
    for (size_t b = 0; b < v->nbranches && out->n == first && !run.limited; b++) {
        run.base = v->branches[b].start;
        run.len = v->branches[b].end - v->branches[b].start;
        if ((rc = scan_subject(m, doc, seg, ri, r, st, allowed, &run, out)) < 0) return rc;
    }
    if (out->n == first && !run.limited) return 0;
    /* The same words in two branches are one problem, reported once. */
    if (v->nbranches) drop_branch_repeats(out, first);
    /* `unless` looks at the masked and the unmasked text: a placeholder, a
     * link or an address can each be the next step. When it matches, the
     * rule says nothing about this segment, not even that a limit hit it. */
    if (r->kind == TL_RULE_CONDITIONAL && (any_match(&r->unless, m->scratch, subj, len) ||
                                           any_match(&r->unless, m->scratch, v->norm, len))) {
        out->n = first;
        return 0;
    }
    if (run.limited) note_limit(m, r);
    return 0;
}

static bool is_caps_word(const char *s, size_t start, size_t end, size_t *letters)
{
    size_t i = start, n = 0;
    while (i < end) {
        uint32_t cp;
        size_t k = tl_utf8_decode((const unsigned char *)s + i, end - i, &cp);
        if (!k) return false;
        if (tl_utf8_is_lower(cp)) return false;
        if (tl_utf8_is_upper(cp)) n++;
        i += k;
    }
    *letters = n;
    return n >= 2;
}

typedef struct word {
    size_t start, end;
} word;

/* Words of [start, end): runs of letters, digits and inner apostrophes. */
static size_t split_words(const char *s, size_t start, size_t end, word *out, size_t max)
{
    size_t n = 0, i = start, ws = 0;
    bool in = false;
    while (i <= end) {
        uint32_t cp = ' ';
        size_t k = 1;
        if (i < end) {
            k = tl_utf8_decode((const unsigned char *)s + i, end - i, &cp);
            if (!k) k = 1, cp = ' ';
        }
        bool w = tl_utf8_is_alnum(cp) || (in && (cp == '\'' || cp == 0x2019));
        if (w && !in) ws = i;
        if (!w && in && n < max) out[n++] = (word){ws, i};
        in = w;
        i += k;
    }
    return n;
}

static int run_metric(tl_matcher *m, tl_doc *doc, const tl_segment *seg, const tl_rule *r,
                      tl_findings *out)
{
    tl_view *v = &m->view;
    int max = r->max[seg->kind];
    if (max < 0) return 0;
    const char *s = v->masked.data;
    size_t len = v->len;
    if (r->metric == TL_METRIC_EXCLAMATIONS) {
        int count = 0;
        for (size_t i = 0; i < len; i++) {
            if (s[i] != '!') continue;
            if (++count > max) {
                size_t b = i, e = i + 1;
                while (b > 0 && s[b - 1] == '!')
                    b--;
                while (e < len && s[e] == '!')
                    e++;
                return add(m, doc, seg, r, SIZE_MAX, b, e, NULL, out);
            }
        }
        return 0;
    }
    if (r->metric == TL_METRIC_SENTENCE_WORDS) {
        /* Between two words there is at least one byte that is no ASCII
         * letter or digit (a byte past ASCII may be one), so max + 1 words
         * need at least max such bytes: text with fewer needs no sentence
         * split and no counting (most strings). */
        if (len < 2 * (size_t)max + 1) return 0;
        size_t seps = 0;
        for (size_t i = 0; i < len && seps < (size_t)max; i++) {
            unsigned char c = (unsigned char)s[i];
            seps += !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
        }
        if (seps < (size_t)max) return 0;
        if (v->nsentences == 0 && tl_split_sentences(v) < 0) return TL_ENOMEM;
        for (size_t i = 0; i < v->nsentences; i++) {
            size_t words = tl_count_words(s, v->sentences[i].start, v->sentences[i].end);
            if (words > (size_t)max) {
                /* Pointed at the sentence's first word: an underline of the
                 * whole sentence would cover every other finding in it. */
                word w0;
                size_t b = v->sentences[i].start, e = v->sentences[i].end;
                if (split_words(s, b, e, &w0, 1) == 1) b = w0.start, e = w0.end;
                int rc = add(m, doc, seg, r, SIZE_MAX, b, e, NULL, out);
                if (rc < 0) return rc;
            }
        }
        return 0;
    }
    if (r->metric == TL_METRIC_CAPS_WORDS) {
        word words[512];
        size_t n = split_words(s, 0, len, words, sizeof(words) / sizeof(words[0]));
        if (r->min_words && n < (size_t)r->min_words) return 0;
        bool caps[512];
        for (size_t i = 0; i < n; i++) {
            size_t letters = 0;
            caps[i] = is_caps_word(s, words[i].start, words[i].end, &letters) &&
                      !in_vocab(m, s + words[i].start, words[i].end - words[i].start);
        }
        /* An isolated short caps word is an acronym (PIN, URL, FAQ), not shouting. */
        int count = 0;
        size_t first = SIZE_MAX, last = 0;
        for (size_t i = 0; i < n; i++) {
            if (!caps[i]) continue;
            bool neighbour = (i > 0 && caps[i - 1]) || (i + 1 < n && caps[i + 1]);
            if (words[i].end - words[i].start <= 4 && !neighbour) continue;
            count++;
            if (first == SIZE_MAX) first = i;
            last = i;
        }
        if (count > max)
            return add(m, doc, seg, r, SIZE_MAX, words[first].start, words[last].end, NULL, out);
        return 0;
    }
    return 0;
}

/* Run rule i on the segment whose view is built. st as run_patterns. */
static int run_rule(tl_matcher *m, tl_doc *doc, const tl_segment *seg, size_t i,
                    tl_prefilter_state *st, tl_findings *out)
{
    const tl_rule *r = m->rules->rules[i];
    int sev = m->severity && i < m->nseverity ? m->severity[i] : -1;
    if (sev == TL_SEV_OFF || (sev < 0 && r->tier > m->tier) || !tl_matcher_applies(r, seg))
        return 0;
    uint64_t allowed = 0;
    if (r->kind != TL_RULE_METRIC) {
        if (st && !tl_prefilter_candidate(st, i)) return 0;
        allowed = allowed_patterns(m, i, r, st);
        if (!allowed) return 0; /* no pattern can match: nothing to find */
    }
    /* The prefilter before the key filters: both only skip rules that
     * would find nothing, and the prefilter is cheaper. */
    if (!keys_allow(r, m->scratch, seg)) return 0;
    size_t first = out->n;
    int rc = r->kind == TL_RULE_METRIC ? run_metric(m, doc, seg, r, out)
                                       : run_patterns(m, doc, seg, i, r, st, allowed, out);
    if (rc < 0) return rc;
    if (sev >= 0)
        for (size_t k = first; k < out->n; k++)
            out->items[k].severity = (tl_severity)sev;
    return 0;
}

/* The prefilter's findings for raw rules: on the unmasked text, scanned on
 * first need; the masked text's when masking changed nothing. */
static tl_prefilter_state *raw_scan(tl_matcher *m, bool *scanned)
{
    tl_view *v = &m->view;
    if (v->len == 0 || memcmp(v->norm, v->masked.data, v->len) == 0) return &m->scan[0];
    if (!*scanned) {
        tl_prefilter_scan(m->prefilter, &m->scan[1], v->norm, v->len);
        *scanned = true;
    }
    return &m->scan[1];
}

static int match_segment(tl_matcher *m, tl_doc *doc, const tl_segment *seg, tl_findings *out);

/* Whether finding a should be reported rather than b when they cover the
 * same words: the more severe, then the one with a rewrite, then the more
 * specific (the shorter match: a threat inside a line of capitals names
 * the problem better than the capitals; of two rewrites, the longer), then
 * the rule listed first. */
static bool outranks(const tl_finding *a, size_t ra, const tl_finding *b, size_t rb)
{
    if (a->severity != b->severity) return a->severity > b->severity;
    if ((a->nsuggestions > 0) != (b->nsuggestions > 0)) return a->nsuggestions > 0;
    size_t la = a->text_end - a->text_start, lb = b->text_end - b->text_start;
    /* Two rewrites: the one that replaces more ("at this point in time" →
     * "now", not "point in time" → "moment"). */
    if (la != lb) return a->nsuggestions > 0 ? la > lb : la < lb;
    return ra < rb;
}

static bool overlap(const tl_finding *a, const tl_finding *b)
{
    if (a->text_start == a->text_end || b->text_start == b->text_end)
        return a->text_start == b->text_start;
    return a->text_start < b->text_end && b->text_start < a->text_end;
}

static size_t rule_index(const tl_ruleset *rs, const tl_rule *r)
{
    for (size_t i = 0; i < rs->n; i++)
        if (rs->rules[i] == r) return i;
    return rs->n;
}

static bool overlap(const tl_finding *a, const tl_finding *b);

/* Whether a, of the same rule as b, says more: a rewrite first, then the
 * longer match ("We kindly request" over "kindly request"). */
static bool says_more(const tl_finding *a, const tl_finding *b)
{
    if ((a->nsuggestions > 0) != (b->nsuggestions > 0)) return a->nsuggestions > 0;
    return a->text_end - a->text_start > b->text_end - b->text_start;
}

/* Two patterns of one rule that match the same or overlapping words are
 * one finding: keep the one that says more, in the place of the first. */
static void drop_repeats(tl_findings *out, size_t first)
{
    size_t w = first;
    for (size_t i = first; i < out->n; i++) {
        const tl_finding *f = &out->items[i];
        bool seen = false;
        for (size_t j = first; j < w && !seen; j++) {
            tl_finding *g = &out->items[j];
            if (g->rule != f->rule || !overlap(g, f)) continue;
            seen = true;
            if (says_more(f, g)) *g = *f;
        }
        if (!seen) out->items[w++] = *f;
    }
    out->n = w;
}

/* One finding per problem: of the findings [first, out->n) of one segment,
 * keep the best of each group that covers the same words and name the
 * others in its `also`. One rule never reports the same words twice. */
static int settle(tl_matcher *m, tl_doc *doc, tl_findings *out, size_t first)
{
    if (out->n - first <= 4096) drop_repeats(out, first);
    /* Cubic in the findings of one string: past 128 (a pasted log, not
     * copy) they are reported as found rather than settled. */
    size_t n = out->n - first;
    if (n < 2 || n > 128) return 0;
    tl_finding *f = out->items + first;
    bool any = false;
    for (size_t i = 0; i < n && !any; i++)
        for (size_t j = i + 1; j < n && !any; j++)
            any = f[i].rule != f[j].rule && overlap(&f[i], &f[j]);
    if (!any) return 0;
    size_t idx[128];
    bool gone[128] = {false};
    for (size_t i = 0; i < n; i++)
        idx[i] = rule_index(m->rules, f[i].rule);
    for (;;) {
        /* The best finding still standing that overlaps another rule's. */
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < n; i++) {
            if (gone[i]) continue;
            bool contested = false;
            for (size_t j = 0; j < n && !contested; j++)
                contested = j != i && !gone[j] && f[j].rule != f[i].rule && overlap(&f[i], &f[j]);
            if (contested && (best == SIZE_MAX || outranks(&f[i], idx[i], &f[best], idx[best])))
                best = i;
        }
        if (best == SIZE_MAX) break;
        for (size_t j = 0; j < n; j++) {
            if (j == best || gone[j] || f[j].rule == f[best].rule || !overlap(&f[best], &f[j]))
                continue;
            gone[j] = true;
            bool named = false;
            for (size_t k = 0; k < f[best].nalso && !named; k++)
                named = strcmp(f[best].also[k], f[j].rule->id) == 0;
            if (named) continue;
            const char **p = tl_arena_realloc(&doc->arena, f[best].also, f[best].nalso * sizeof(*p),
                                              (f[best].nalso + 1 + f[j].nalso) * sizeof(*p));
            if (!p) return TL_ENOMEM;
            p[f[best].nalso++] = f[j].rule->id;
            for (size_t k = 0; k < f[j].nalso; k++)
                p[f[best].nalso++] = f[j].also[k];
            f[best].also = p;
        }
        /* Keep `best` from being picked again: nothing overlaps it now. */
    }
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (!gone[i]) f[w++] = f[i];
    out->n = first + w;
    return 0;
}

int tl_matcher_run(tl_matcher *m, tl_doc *doc, const tl_segment *seg, tl_findings *out)
{
    size_t first = out->n;
    int rc = match_segment(m, doc, seg, out);
    if (rc < 0) return rc;
    return settle(m, doc, out, first);
}

static int match_segment(tl_matcher *m, tl_doc *doc, const tl_segment *seg, tl_findings *out)
{
    const tl_ruleset *rs = m->rules;
    size_t n = rs->n;
    /* Nothing to do (and no view to build) when no rule applies. */
    size_t i0 = 0;
    while (i0 < n && !tl_matcher_applies(rs->rules[i0], seg))
        i0++;
    if (i0 == n) return 0;
    int rc = tl_view_build(&m->view, seg, TL_SYNTAX_DEFAULT);
    if (rc < 0) return rc;
    const tl_prefilter *pf = m->prefilter;
    if (pf != m->scan_pf && (rc = scan_setup(m)) < 0) return rc;
    if (m->prefilter_off || !m->gate) {
        for (size_t i = i0; i < n; i++)
            if ((rc = run_rule(m, doc, seg, i, NULL, out)) < 0) return rc;
        return 0;
    }
    /* Only the candidates of the masked text's scan, and raw rules (their
     * candidacy is decided on the unmasked text), in rule order. */
    tl_prefilter_scan(pf, &m->scan[0], m->view.masked.data, m->view.len);
    bool raw_scanned = false;
    const uint64_t *cand = m->scan[0].rules;
    for (size_t w = i0 >> 6; w <= (n - 1) >> 6; w++) {
        uint64_t bits = cand[w] | m->raw_rules[w];
        if (w == i0 >> 6) bits &= ~(uint64_t)0 << (i0 & 63);
        while (bits) {
            size_t i = (w << 6) + (size_t)__builtin_ctzll(bits);
            bits &= bits - 1;
            if (i >= n) break;
            tl_prefilter_state *st = rs->rules[i]->raw ? raw_scan(m, &raw_scanned) : &m->scan[0];
            if ((rc = run_rule(m, doc, seg, i, st, out)) < 0) return rc;
        }
    }
    return 0;
}
