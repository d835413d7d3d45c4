/* project.c - configs, baseline and fail levels for the command.
 *
 * Precedence: a level given on the command line (--fail-on,
 * --min-severity) beats the file's config, which beats the defaults
 * (warning, suggestion). With --config the one file is used for every
 * input and nothing is discovered; --no-config turns discovery off. */
#include "project.h"
#include "../report/diag.h"
#include "../fix/atomic.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Absolute form of a file path (its folder resolved), malloc'd; NULL when
 * the folder does not exist. */
static char *abs_path(const char *path)
{
    char *dir = tl_path_dir_abs(path);
    if (!dir) return NULL;
    const char *slash = strrchr(path, '/');
    char *out = NULL;
    if (asprintf(&out, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, slash ? slash + 1 : path) < 0)
        out = NULL;
    free(dir);
    return out;
}

/* The linter's last word on each finding: record it for --write-baseline,
 * drop it when the baseline covers it. */
static bool keep(void *ud, const tl_doc *doc, const tl_finding *f)
{
    tl_project *p = ud;
    if (!p->rel_for || strcmp(p->rel_for, doc->path) != 0) {
        tl_baseline *b = p->have_baseline ? &p->baseline : &p->record;
        free(p->rel_for);
        p->rel_for = strdup(doc->path);
        if (!p->rel_for || tl_baseline_path(b, doc->path, &p->rel) < 0) {
            fprintf(stderr, "tonelint: out of memory\n");
            return true;
        }
    }
    const char *rel = p->rel.data ? p->rel.data : doc->path;
    if (p->write_path && tl_baseline_add(&p->record, rel, f) < 0) {
        fprintf(stderr, "tonelint: out of memory recording the baseline\n");
        p->write_path = NULL;
    } else if (p->write_path) {
        p->recorded++;
    }
    return !(p->have_baseline && tl_baseline_take(&p->baseline, rel, f));
}

int tl_project_open(tl_project *p, tl_linter *L, const tl_project_options *o)
{
    memset(p, 0, sizeof(*p));
    p->L = L;
    p->cli_fail_on = o->fail_on;
    p->cli_min_severity = o->min_severity;
    p->cli_tier = o->tier;
    p->discover = !o->config && !o->no_config;
    tl_configs_init(&p->configs, &L->rules);
    tl_error err;
    tl_error_clear(&err);
    if (o->config) {
        if (tl_configs_add(&p->configs, o->config, &p->fixed, &err) < 0) {
            tl_diag_error(&err);
            return -1;
        }
        p->use_policy = true;
    } else if (o->rules_only && p->discover) {
        /* The rules a project sees include its config's packs. */
        const tl_config *cfg;
        if (tl_configs_find(&p->configs, "-", &cfg, &err) < 0) {
            tl_diag_error(&err);
            return -1;
        }
    }
    if (o->baseline) {
        if (tl_baseline_read(&p->baseline, o->baseline, &err) < 0) {
            tl_diag_error(&err);
            return -1;
        }
        p->have_baseline = true;
        p->baseline_abs = abs_path(o->baseline);
    }
    if (o->write_baseline) {
        /* Same folder as the baseline read, if any, so paths agree. */
        if (tl_baseline_init(&p->record, o->write_baseline, &err) < 0) {
            tl_diag_error(&err);
            return -1;
        }
        p->write_path = o->write_baseline;
        p->write_abs = abs_path(o->write_baseline);
    }
    if (o->baseline && o->write_baseline) {
        free(p->baseline.dir);
        p->baseline.dir = strdup(p->record.dir);
        if (!p->baseline.dir) {
            fprintf(stderr, "tonelint: out of memory\n");
            return -1;
        }
    }
    if (o->baseline || o->write_baseline) {
        L->keep = keep;
        L->keep_ud = p;
    }
    return 0;
}

/* tonelint's own files are not copy: `.tonelint.yml`, `.tonelint-baseline.json`
 * and the baseline files of this run, whatever their names. */
static bool own_file(const tl_project *p, const char *path)
{
    if (tl_config_own_file(path)) return true;
    if (!p->baseline_abs && !p->write_abs) return false;
    char *abs = abs_path(path);
    bool own = abs && ((p->baseline_abs && strcmp(abs, p->baseline_abs) == 0) ||
                       (p->write_abs && strcmp(abs, p->write_abs) == 0));
    free(abs);
    return own;
}

int tl_project_file(tl_project *p, const char *path)
{
    tl_linter *L = p->L;
    if (strcmp(path, "-") != 0 && own_file(p, path)) return 1;
    tl_error err;
    tl_error_clear(&err);
    /* Once a config is in play every file gets a policy (a file without
     * one must not run its packs' rules). */
    tl_settings_request rq = {p->fixed, p->discover, p->use_policy, p->cli_min_severity,
                              p->cli_tier};
    tl_file_settings st;
    int rc = tl_configs_settings(&p->configs, path, &rq, &p->scratch, &st, &err);
    if (rc == TL_ENOMEM) {
        fprintf(stderr, "tonelint: out of memory\n");
        return rc;
    }
    if (rc < 0) {
        tl_diag_error(&err);
        return TL_ECONFIG;
    }
    if (st.rules_changed) {
        /* A config brought packs: the matcher must see their rules. */
        p->use_policy = true;
        if (tl_linter_prepare(L, &err) < 0) {
            tl_diag_error(&err);
            return TL_ENOMEM;
        }
    }
    if (st.ignored) return 1;
    p->source = st.cfg && st.cfg->source;
    if (st.cfg) p->use_policy = true;
    if (st.policy) L->policy = st.policy;
    L->min_severity = st.min_severity;
    L->tier = st.tier;
    return 0;
}

bool tl_project_settles(tl_project *p, const char *path)
{
    return p->discover && tl_configs_would_load(&p->configs, path);
}

/* The fail level of a file: --fail-on, else its config's, else warning. */
static int fail_level(tl_project *p, const char *path)
{
    if (p->cli_fail_on >= 0) return p->cli_fail_on;
    if (!p->discover && !p->fixed) return TL_SEV_WARNING;
    if (p->fail_for && strcmp(p->fail_for, path) == 0) return p->fail_on;
    const tl_config *cfg = p->fixed ? p->fixed : tl_configs_cached(&p->configs, path);
    int level = cfg && cfg->fail_on >= 0 ? cfg->fail_on : TL_SEV_WARNING;
    free(p->fail_for);
    p->fail_for = strdup(path);
    p->fail_on = level;
    return level;
}

void tl_project_finding(tl_project *p, const char *path, const tl_finding *f)
{
    /* Writing a baseline accepts what is found; what it holds is not new. */
    if (p->write_path || f->known) return;
    int level = fail_level(p, path);
    if (level != TL_SEV_OFF && (int)f->severity >= level) p->failing++;
}

void tl_project_problem(tl_project *p, const char *path, tl_severity severity)
{
    int level = fail_level(p, path);
    if (level != TL_SEV_OFF && (int)severity >= level) p->failing++;
}

int tl_project_close(tl_project *p)
{
    if (!p->write_path) return 0;
    tl_buf out = TL_BUF_INIT;
    if (tl_baseline_write(&p->record, &out) < 0) {
        tl_buf_free(&out);
        fprintf(stderr, "tonelint: out of memory writing the baseline\n");
        return -1;
    }
    /* Beside the target and renamed: a reader never sees half a file. */
    tl_error err;
    tl_error_clear(&err);
    int rc = tl_atomic_write(p->write_path, (const unsigned char *)(out.data ? out.data : ""),
                             out.len, &err);
    if (rc < 0) tl_diag(p->write_path, 0, 0, "error: cannot write the baseline: %s", err.message);
    tl_buf_free(&out);
    return rc;
}

void tl_project_free(tl_project *p)
{
    if (!p) return;
    if (p->L) {
        p->L->policy = NULL;
        if (p->L->keep == keep) p->L->keep = NULL;
    }
    tl_policy_free(&p->scratch);
    free(p->fail_for);
    tl_configs_free(&p->configs);
    tl_baseline_free(&p->baseline);
    tl_baseline_free(&p->record);
    tl_buf_free(&p->rel);
    free(p->rel_for);
    free(p->baseline_abs);
    free(p->write_abs);
    memset(p, 0, sizeof(*p));
}
