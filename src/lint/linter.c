/* linter.c - one file through the pipeline, and the run's totals. */
#include "linter.h"
#include "copies.h"
#include "../tokenize/classify.h"
#include "../core/array.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int tl_linter_init(tl_linter *L)
{
    memset(L, 0, sizeof(*L));
    tl_ruleset_init(&L->rules);
    L->min_severity = TL_SEV_SUGGESTION;
    return 0;
}

void tl_linter_free(tl_linter *L)
{
    tl_matcher_free(&L->matcher);
    tl_ruleset_free(&L->rules);
    tl_summary_free(&L->summary);
}

int tl_linter_prepare(tl_linter *L, tl_error *err)
{
    tl_matcher_free(&L->matcher);
    if ((L->small_run ? tl_matcher_init_shared(&L->matcher, &L->rules, NULL)
                      : tl_matcher_init(&L->matcher, &L->rules)) < 0)
        return tl_error_set(err, TL_ENOMEM, "out of memory");
    if (L->small_run) tl_regex_scratch_jit(L->matcher.scratch, false);
    L->matcher.vocab = L->vocab;
    return 0;
}

void tl_summary_free(tl_summary *s)
{
    free(s->by_category);
    free(s->limits);
    memset(s, 0, sizeof(*s));
}

int tl_read_file(const char *path, unsigned char **out, size_t *len, tl_error *err)
{
    *out = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (err) err->path = path;
        return tl_error_set(err, TL_EIO, "cannot open: %s", strerror(errno));
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        if (err) err->path = path;
        return tl_error_set(err, TL_EIO, "is a directory");
    }
    tl_buf b = TL_BUF_INIT;
    b.max = TL_MAX_FILE_SIZE + 1;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        if ((size_t)st.st_size > TL_MAX_FILE_SIZE) {
            close(fd);
            if (err) err->path = path;
            return tl_error_set(err, TL_ELIMIT, "file is larger than 1 GiB");
        }
        if (tl_buf_grow(&b, (size_t)st.st_size) < 0) {
            close(fd);
            return tl_error_set(err, TL_ENOMEM, "out of memory");
        }
    }
    for (;;) {
        if (tl_buf_grow(&b, 65536) < 0) {
            close(fd);
            tl_buf_free(&b);
            if (err) err->path = path;
            return tl_error_set(err, TL_ELIMIT, "file is larger than 1 GiB");
        }
        ssize_t n = read(fd, b.data + b.len, b.cap - b.len - 1);
        if (n < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            close(fd);
            tl_buf_free(&b);
            if (err) err->path = path;
            return tl_error_set(err, TL_EIO, "cannot read: %s", strerror(e));
        }
        if (n == 0) break;
        b.len += (size_t)n;
    }
    close(fd);
    *len = b.len;
    *out = (unsigned char *)tl_buf_detach(&b);
    return *out ? 0 : tl_error_set(err, TL_ENOMEM, "out of memory");
}

/* Whether a directive's rule list names this rule (by id or category). */
static bool directive_names(const char *list, const tl_rule *r)
{
    if (!list || !*list) return true;
    const char *p = list;
    size_t idl = strlen(r->id), cl = strlen(r->category);
    while (*p) {
        while (*p == ' ' || *p == ',' || *p == '\t')
            p++;
        size_t n = strcspn(p, " ,\t");
        if (!n) break;
        if ((n == idl && strncmp(p, r->id, n) == 0) || (n == cl && strncmp(p, r->category, n) == 0))
            return true;
        p += n;
    }
    return false;
}

static bool same_entry(const tl_segment *a, const tl_segment *b)
{
    if (a->entry && a->entry == b->entry) return true;
    if (!a->key || !b->key || strcmp(a->key, b->key) != 0) return false;
    if (!a->context || !b->context) return !a->context && !b->context;
    return strcmp(a->context, b->context) == 0;
}

/* The segments [*first, *last] (indices in doc->segs) that a next-line
 * directive at `offset` silences: the entry that starts first after the
 * comment, that is the nearest segment and those that follow it with the
 * same key and context (a PO msgid, its plural and its msgstr). False when
 * nothing follows the comment. */
static bool next_entry(const tl_doc *doc, size_t offset, size_t *first, size_t *last)
{
    const tl_segment *next = NULL;
    for (size_t s = 0; s < doc->nsegs; s++) {
        const tl_segment *g = &doc->segs[s];
        if (g->raw_start > offset && (!next || g->raw_start < next->raw_start)) next = g;
    }
    if (!next) return false;
    size_t e = (size_t)(next - doc->segs);
    *first = e;
    while (e + 1 < doc->nsegs && same_entry(&doc->segs[e + 1], next))
        e++;
    *last = e;
    return true;
}

/* The segments [*first, *last] that touch the line of the comment at
 * `offset` (a trailing comment: `key: value  # tonelint-disable-line`). */
static bool line_entries(const tl_doc *doc, size_t offset, size_t *first, size_t *last)
{
    size_t ls = offset, le = offset;
    const unsigned char *b = doc->src.bytes;
    while (ls > 0 && b[ls - 1] != '\n')
        ls--;
    while (le < doc->src.len && b[le] != '\n')
        le++;
    bool any = false;
    for (size_t s = 0; s < doc->nsegs; s++) {
        const tl_segment *g = &doc->segs[s];
        if (g->raw_start > le || g->raw_end < ls) continue;
        if (!any) *first = s;
        *last = s;
        any = true;
    }
    return any;
}

/* Drop findings silenced by inline directives (PRODUCT.md §4):
 * `tonelint-disable-line [names]` silences the entries on its line;
 * `tonelint-disable-next-line [names]` silences the next entry;
 * `tonelint-disable [names]` silences what follows until a
 * `tonelint-enable` that names the rule too (no names: every rule). */
static int apply_directives(tl_doc *doc, tl_findings *f)
{
    if (!doc->ndirectives || !f->n) return 0;
    size_t *range = malloc(doc->ndirectives * 2 * sizeof(*range));
    if (!range) return TL_ENOMEM;
    for (size_t d = 0; d < doc->ndirectives; d++) {
        range[2 * d] = 1;
        range[2 * d + 1] = 0; /* empty */
        if (doc->directives[d].kind == TL_DIRECTIVE_NEXT_LINE)
            next_entry(doc, doc->directives[d].offset, &range[2 * d], &range[2 * d + 1]);
        else if (doc->directives[d].kind == TL_DIRECTIVE_LINE)
            line_entries(doc, doc->directives[d].offset, &range[2 * d], &range[2 * d + 1]);
    }
    size_t w = 0;
    for (size_t i = 0; i < f->n; i++) {
        tl_finding *x = &f->items[i];
        size_t si = (size_t)(x->seg - doc->segs);
        bool silenced = false;
        for (size_t d = 0; d < doc->ndirectives && !silenced; d++) {
            tl_directive *dir = &doc->directives[d];
            if (dir->kind == TL_DIRECTIVE_NEXT_LINE || dir->kind == TL_DIRECTIVE_LINE) {
                silenced = si >= range[2 * d] && si <= range[2 * d + 1] &&
                           directive_names(dir->rules, x->rule);
            } else if (dir->kind == TL_DIRECTIVE_DISABLE && dir->offset < x->offset &&
                       directive_names(dir->rules, x->rule)) {
                bool enabled_again = false;
                for (size_t e = 0; e < doc->ndirectives && !enabled_again; e++) {
                    const tl_directive *en = &doc->directives[e];
                    enabled_again = en->kind == TL_DIRECTIVE_ENABLE && en->offset > dir->offset &&
                                    en->offset < x->offset && directive_names(en->rules, x->rule);
                }
                silenced = !enabled_again;
            }
            if (silenced) dir->used = true; /* for --report-unused-disables */
        }
        if (!silenced) f->items[w++] = *x;
    }
    f->n = w;
    free(range);
    return 0;
}

/* The first byte inside a string that is not UTF-8 (or is a NUL): the
 * extractors read it as U+FFFD standing for that one byte. */
static void find_bad_byte(tl_doc *doc)
{
    doc->bad_byte = 0;
    for (size_t i = 0; i < doc->nsegs; i++) {
        const tl_segment *s = &doc->segs[i];
        for (size_t k = 0; k < s->nspans; k++) {
            const tl_span *sp = &s->spans[k];
            if (!sp->atomic || sp->raw_len != 1 || sp->text_len != 3 ||
                sp->raw_off >= doc->src.len ||
                memcmp(s->text + sp->text_off, "\xEF\xBF\xBD", 3) != 0)
                continue;
            unsigned char c = doc->src.bytes[sp->raw_off];
            if ((c >= 0x80 || c == 0) && (!doc->bad_byte || sp->raw_off + 1 < doc->bad_byte))
                doc->bad_byte = sp->raw_off + 1;
        }
    }
}

/* The journey moment of a segment, from the pack's cues (moment.h). */
static void set_moment(const tl_linter *L, const tl_doc *doc, tl_segment *seg)
{
    const tl_moments *ms = &L->rules.moments;
    if (!ms->n) return;
    tl_moment_doc md = {doc->path, doc->syntax && (strcmp(doc->syntax, "text") == 0 ||
                                                   strcmp(doc->syntax, "markup") == 0)};
    int m = tl_moment_classify(ms, seg, &md);
    /* The config names moments for files and keys the cues miss. */
    const char *named = L->policy ? tl_policy_moment(L->policy, L->matcher.scratch, seg) : NULL;
    int n = named ? tl_moments_find(ms, named) : -1;
    if (n >= 0) m = n;
    if (m < 0) return;
    seg->moment = ms->ids[m];
    seg->moment_bit = 1u << m;
}

/* The config names the audience of files and keys the cues miss (or
 * mark wrongly): it replaces what the cues found. */
static void set_audience(const tl_linter *L, tl_segment *seg)
{
    int named = L->policy ? tl_policy_audience(L->policy, L->matcher.scratch, seg) : -1;
    if (named < 0) return;
    seg->flags = (seg->flags & ~(unsigned)(TL_SEG_DEVELOPER | TL_SEG_SETTINGS)) | (unsigned)named;
}

void tl_linter_classify(const tl_linter *L, const tl_doc *doc, tl_segment *seg)
{
    set_moment(L, doc, seg);
    tl_classify(&L->rules.kinds, seg, doc->path);
    set_audience(L, seg);
}

int tl_lint_doc(tl_linter *L, tl_doc *doc, const char *syntax, tl_findings *out, tl_error *err)
{
    const tl_format *fmt = syntax ? tl_format_find(syntax) : NULL;
    if (syntax && !fmt) {
        if (err) err->path = doc->path;
        return tl_error_set(err, TL_EUSAGE, "unknown syntax `%s`", syntax);
    }
    if (!fmt) {
        const char *name = doc->path && strcmp(doc->path, "-") != 0 ? doc->path : NULL;
        fmt = tl_format_detect(name, doc->src.bytes, doc->src.len);
    }
    if (!fmt) {
        if (err) err->path = doc->path;
        return tl_error_set(err, TL_EUSAGE, "unknown file type (use --syntax to choose one)");
    }
    doc->syntax = fmt->name;
    if (!doc->lang) doc->lang = tl_lang_from_path(&doc->arena, doc->path);
    int rc = fmt->extract(doc, err);
    if (rc < 0) {
        if (err && !err->path) err->path = doc->path;
        return rc;
    }
    find_bad_byte(doc);
    const tl_policy *pol = L->policy;
    L->matcher.severity = pol ? pol->severity : NULL;
    L->matcher.nseverity = pol ? pol->nseverity : 0;
    L->matcher.vocab = pol && pol->vocab && pol->vocab[0] ? pol->vocab : L->vocab;
    L->matcher.tier = L->tier;
    /* Ask the rule set once per language (packs match on the first two
     * letters), not once per segment: a catalog such as .xcstrings
     * alternates dozens of languages. */
    struct lang_known {
        char a, b;
        bool has;
    } langs[32];
    size_t nlangs = 0;
    bool lang_has = false;
    bool catalog = tl_format_catalog_module(doc->path);
    for (size_t i = 0; i < doc->nsegs; i++) {
        tl_segment *seg = &doc->segs[i];
        if (!seg->lang) seg->lang = doc->lang ? doc->lang : "en";
        /* A source literal is linted only when it is copy (match/select.h). */
        if (seg->src)
            tl_select_apply(&L->rules.select, pol && pol->cfg ? &pol->cfg->source_cues : NULL,
                            catalog, seg);
        char a = seg->lang[0], b = a ? seg->lang[1] : '\0';
        size_t k = 0;
        while (k < nlangs && (langs[k].a != a || langs[k].b != b))
            k++;
        if (k < nlangs) {
            lang_has = langs[k].has;
        } else {
            lang_has = tl_ruleset_has_lang(&L->rules, seg->lang);
            if (nlangs < sizeof(langs) / sizeof(langs[0]))
                langs[nlangs++] = (struct lang_known){a, b, lang_has};
        }
        if (!lang_has) {
            doc->skipped++;
            continue;
        }
        if (L->match_segment && !L->extract_only) {
            if (seg->skip) continue;
            /* The language server's cache: classify and match in one call. */
            if (pol && pol->cfg && tl_config_ignores_key(pol->cfg, L->matcher.scratch, seg))
                continue;
            if ((rc = L->match_segment(L->match_ud, L, doc, seg, out)) < 0)
                return tl_error_set(err, rc, "out of memory");
            continue;
        }
        tl_linter_classify(L, doc, seg);
        if (L->extract_only || seg->skip) continue;
        if (pol && pol->cfg && tl_config_ignores_key(pol->cfg, L->matcher.scratch, seg)) continue;
        if ((rc = tl_matcher_run(&L->matcher, doc, seg, out)) < 0)
            return tl_error_set(err, rc, "out of memory");
    }
    tl_findings_sort(out);
    if (apply_directives(doc, out) < 0) return tl_error_set(err, TL_ENOMEM, "out of memory");
    /* Severity floor. */
    size_t w = 0;
    for (size_t i = 0; i < out->n; i++)
        if (out->items[i].severity >= L->min_severity) out->items[w++] = out->items[i];
    out->n = w;
    return 0;
}

static void count_category(tl_summary *s, const char *cat)
{
    for (size_t i = 0; i < s->ncategories; i++)
        if (strcmp(s->by_category[i].category, cat) == 0) {
            s->by_category[i].count++;
            return;
        }
    if (s->ncategories == s->capcategories &&
        tl_array_grow(&s->by_category, &s->capcategories, sizeof(*s->by_category), 16) < 0)
        return;
    /* Categories point into the rule set, which outlives the summary. */
    s->by_category[s->ncategories++] = (tl_category_count){cat, 1};
}

void tl_lint_job_bytes(tl_linter *L, tl_lint_job *job, const char *path, const char *syntax,
                       unsigned char *bytes, size_t len)
{
    memset(job, 0, sizeof(*job));
    job->path = path;
    tl_doc_init(&job->doc, path, bytes, len, bytes);
    tl_error_clear(&job->err);
    L->matcher.nlimits = 0;
    job->rc = tl_lint_doc(L, &job->doc, syntax, &job->findings, &job->err);
    /* The file's limit hits travel with the job to the summary. */
    if (L->matcher.nlimits) {
        job->limits = malloc(L->matcher.nlimits * sizeof(*job->limits));
        if (job->limits) {
            memcpy(job->limits, L->matcher.limits, L->matcher.nlimits * sizeof(*job->limits));
            job->nlimits = L->matcher.nlimits;
        }
        L->matcher.nlimits = 0;
    }
}

void tl_lint_job_file(tl_linter *L, tl_lint_job *job, const char *path, const char *syntax)
{
    unsigned char *bytes;
    size_t len;
    tl_error err;
    tl_error_clear(&err);
    if (tl_read_file(path, &bytes, &len, &err) < 0) {
        memset(job, 0, sizeof(*job));
        job->path = path;
        job->read_failed = true;
        job->err = err;
        return;
    }
    tl_lint_job_bytes(L, job, path, syntax, bytes, len);
}

void tl_lint_job_discard(tl_lint_job *job)
{
    if (!job->read_failed) {
        tl_findings_free(&job->findings);
        tl_doc_free(&job->doc);
    }
    free(job->limits);
    memset(job, 0, sizeof(*job));
}

static void count_limits(tl_summary *s, const tl_lint_job *job)
{
    for (size_t j = 0; j < job->nlimits; j++) {
        size_t i = 0;
        while (i < s->nlimits && strcmp(s->limits[i].rule, job->limits[j].rule) != 0)
            i++;
        if (i == s->nlimits) {
            if (s->nlimits == s->caplimits &&
                tl_array_grow(&s->limits, &s->caplimits, sizeof(*s->limits), 4) < 0)
                return;
            s->limits[s->nlimits++] = (tl_rule_count){job->limits[j].rule, 0};
        }
        s->limits[i].count += job->limits[j].count;
    }
}

/* A file that could not be read: one error, no document. */
static int deliver_unread(tl_linter *L, tl_lint_job *job, tl_sink *sink)
{
    tl_error err = job->err;
    const char *path = job->path;
    tl_file_result res = {path, NULL, 0, 0, &err, NULL, NULL};
    tl_findings none = {0};
    res.findings = &none;
    if (!err.path) err.path = path;
    L->summary.files++;
    L->summary.errors++;
    int src = 0;
    if (sink->begin_file) src = sink->begin_file(sink->ud, &res);
    if (src >= 0 && sink->end_file) src = sink->end_file(sink->ud, &res);
    tl_lint_job_discard(job);
    return src < 0 ? src : 0;
}

int tl_lint_job_deliver(tl_linter *L, tl_lint_job *job, tl_sink *sink)
{
    if (job->read_failed) return deliver_unread(L, job, sink);
    count_limits(&L->summary, job);
    const char *path = job->path;
    tl_doc *doc = &job->doc;
    tl_findings *findings = &job->findings;
    tl_error *err = &job->err;
    int rc = job->rc;
    if (rc == 0 && L->keep) {
        size_t w = 0;
        for (size_t i = 0; i < findings->n; i++) {
            bool k = L->keep(L->keep_ud, doc, &findings->items[i]);
            findings->items[i].known = !k;
            if (k || L->keep_known) findings->items[w++] = findings->items[i];
        }
        findings->n = w;
    }
    if (rc == 0 && L->copies && findings->n) {
        if (tl_copies_begin(L->copies, doc) < 0) {
            rc = TL_ENOMEM;
        } else {
            size_t w = 0;
            for (size_t i = 0; i < findings->n; i++) {
                if (tl_copies_keep(L->copies, doc, &findings->items[i]))
                    findings->items[w++] = findings->items[i];
                else
                    L->summary.copies++;
            }
            findings->n = w;
        }
    }
    /* Source literals that are not copy are not counted as strings. */
    size_t nsegs = doc->nsegs;
    for (size_t i = 0; i < doc->nsegs; i++)
        nsegs -= doc->segs[i].skip != NULL;
    tl_file_result res = {path, doc->syntax, nsegs, doc->skipped, NULL, doc, findings};
    if (rc == TL_ENOMEM && !err->message[0]) tl_error_set(err, rc, "out of memory");
    if (rc < 0) {
        if (!err->path) err->path = path;
        res.error = err;
        res.segments = 0;
        findings->n = 0;
        L->summary.errors++;
    }
    L->summary.files++;
    L->summary.segments += res.segments;
    int src = 0;
    if (sink->begin_file) src = sink->begin_file(sink->ud, &res);
    for (size_t i = 0; src >= 0 && i < findings->n; i++) {
        const tl_finding *f = &findings->items[i];
        if (f->known) {
            if (sink->finding) src = sink->finding(sink->ud, &res, f);
            continue;
        }
        L->summary.findings++;
        if (f->severity <= TL_SEV_ERROR) L->summary.by_severity[f->severity]++;
        /* What --fix would fix: not text generated from code (fix/fixer.h). */
        if (f->fixable && !(f->seg && (f->seg->flags & TL_SEG_EXTRACTED))) L->summary.fixable++;
        count_category(&L->summary, f->rule->category);
        if (sink->finding) src = sink->finding(sink->ud, &res, f);
    }
    if (src >= 0 && sink->end_file) src = sink->end_file(sink->ud, &res);
    tl_lint_job_discard(job);
    if (src < 0) return src;
    return rc == TL_ENOMEM ? rc : 0;
}

int tl_lint_bytes(tl_linter *L, const char *path, const char *syntax, unsigned char *bytes,
                  size_t len, tl_sink *sink)
{
    tl_lint_job job;
    tl_lint_job_bytes(L, &job, path, syntax, bytes, len);
    return tl_lint_job_deliver(L, &job, sink);
}

int tl_lint_file(tl_linter *L, const char *path, const char *syntax, tl_sink *sink)
{
    tl_lint_job job;
    tl_lint_job_file(L, &job, path, syntax);
    return tl_lint_job_deliver(L, &job, sink);
}
