/* api.c - the public API (include/tonelint.h) over the internal one.
 *
 * A tl_pack is a prepared tl_linter; a tl_result is one lint job (its
 * document and findings) with the findings copied into the public struct.
 * Nothing here adds behaviour: the calls are those the command makes. */
#include <tonelint.h>

#include "../config/rulesdir.h"
#include "../fix/fixer.h"
#include "../lint/linter.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct tl_pack {
    tl_linter L;
    bool prepared;
};

struct tl_result {
    tl_lint_job job;
    tl_lint_finding *items;
    size_t n;
};

const char *tl_version(void)
{
    return TONELINT_VERSION;
}

void tl_free(void *ptr)
{
    free(ptr);
}

tl_pack *tl_pack_open(const char *dir, const char *lang, tl_error *err)
{
    tl_pack *p = calloc(1, sizeof(*p));
    if (!p) {
        tl_error_set(err, TL_ENOMEM, "out of memory");
        return NULL;
    }
    tl_linter_init(&p->L);
    if (tl_pack_add(p, dir, lang, err) < 0) {
        tl_pack_close(p);
        return NULL;
    }
    return p;
}

int tl_pack_add(tl_pack *p, const char *dir, const char *lang, tl_error *err)
{
    char buf[PATH_MAX];
    if (!dir) dir = tl_default_rules_dir(buf, sizeof(buf));
    int rc = tl_ruleset_load_dir(&p->L.rules, dir, lang, err);
    if (rc < 0) return rc;
    p->prepared = false;
    return 0;
}

size_t tl_pack_rule_count(const tl_pack *p)
{
    return p->L.rules.n;
}

void tl_pack_close(tl_pack *p)
{
    if (!p) return;
    tl_linter_free(&p->L);
    free(p);
}

static int prepare(tl_pack *p, tl_error *err)
{
    if (p->prepared) return 0;
    int rc = tl_default_kinds(&p->L.rules, err);
    if (rc == 0) rc = tl_linter_prepare(&p->L, err);
    if (rc == 0) p->prepared = true;
    return rc;
}

static tl_result *finish(tl_pack *p, tl_result *r, tl_error *err)
{
    tl_lint_job *job = &r->job;
    p->L.matcher.nlimits = 0;
    free(job->limits);
    job->limits = NULL;
    job->nlimits = 0;
    if (job->read_failed || job->rc < 0) {
        if (err) *err = job->err;
        tl_result_free(r);
        return NULL;
    }
    const tl_findings *fs = &job->findings;
    if (fs->n && !(r->items = calloc(fs->n, sizeof(*r->items)))) {
        tl_error_set(err, TL_ENOMEM, "out of memory");
        tl_result_free(r);
        return NULL;
    }
    for (size_t i = 0; i < fs->n; i++) {
        const tl_finding *f = &fs->items[i];
        r->items[i] = (tl_lint_finding){
            .rule = f->rule->id,
            .category = f->rule->category,
            .severity = f->severity,
            .message = f->message,
            .match = f->match,
            .key = f->seg ? f->seg->key : NULL,
            .offset = f->offset,
            .length = f->length,
            .line = f->start.line,
            .column = f->start.column,
            .end_line = f->end.line,
            .end_column = f->end.column,
            .suggestions = (const char *const *)f->suggestions,
            .nsuggestions = f->nsuggestions,
            .fixable = f->fixable,
        };
    }
    r->n = fs->n;
    return r;
}

tl_result *tl_lint_buffer(tl_pack *p, const char *name, const char *format, const void *bytes,
                          size_t len, tl_error *err)
{
    if (prepare(p, err) < 0) return NULL;
    tl_result *r = calloc(1, sizeof(*r));
    unsigned char *copy = malloc(len + 1);
    if (!r || !copy) {
        free(r);
        free(copy);
        tl_error_set(err, TL_ENOMEM, "out of memory");
        return NULL;
    }
    if (len) memcpy(copy, bytes, len);
    copy[len] = '\0';
    tl_lint_job_bytes(&p->L, &r->job, name ? name : "-", format, copy, len);
    return finish(p, r, err);
}

tl_result *tl_lint_path(tl_pack *p, const char *path, const char *format, tl_error *err)
{
    if (prepare(p, err) < 0) return NULL;
    tl_result *r = calloc(1, sizeof(*r));
    if (!r) {
        tl_error_set(err, TL_ENOMEM, "out of memory");
        return NULL;
    }
    tl_lint_job_file(&p->L, &r->job, path, format);
    return finish(p, r, err);
}

const char *tl_result_format(const tl_result *r)
{
    return r->job.doc.syntax;
}

size_t tl_result_count(const tl_result *r)
{
    return r->n;
}

const tl_lint_finding *tl_result_finding(const tl_result *r, size_t i)
{
    return i < r->n ? &r->items[i] : NULL;
}

int tl_result_each(const tl_result *r, tl_lint_sink sink, void *ud)
{
    for (size_t i = 0; i < r->n; i++) {
        int rc = sink(ud, &r->items[i]);
        if (rc < 0) return rc;
    }
    return 0;
}

void tl_result_free(tl_result *r)
{
    if (!r) return;
    tl_lint_job_discard(&r->job);
    free(r->items);
    free(r);
}

int tl_fix_buffer(tl_pack *p, const char *name, const char *format, const void *bytes, size_t len,
                  char **out, size_t *outlen, size_t *nfixed, tl_error *err)
{
    *out = NULL;
    if (outlen) *outlen = 0;
    if (nfixed) *nfixed = 0;
    int rc = prepare(p, err);
    if (rc < 0) return rc;
    tl_fix_result res;
    tl_fix_options opts = {0, 0};
    rc = tl_fix_bytes(&res, &p->L, name ? name : "-", format, bytes, len, &opts, err);
    if (rc == 0 && res.bytes) {
        char *text = malloc(res.len + 1);
        if (!text) {
            rc = tl_error_set(err, TL_ENOMEM, "out of memory");
        } else {
            memcpy(text, res.bytes, res.len);
            text[res.len] = '\0';
            *out = text;
            if (outlen) *outlen = res.len;
        }
    }
    if (rc == 0 && nfixed) *nfixed = res.fixed;
    tl_fix_result_free(&res);
    return rc;
}
