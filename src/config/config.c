/* config.c - `.tonelint.yml`: parse and check, discover upward from each
 * file, load the packs it names, and turn it into a per-file policy.
 *
 * Rule settings resolve per rule index: within one `rules:` map a rule id
 * beats its category; later layers (each matching override, in order) beat
 * earlier ones. Rules from a config's packs are turned off for files of
 * every other config, so the outcome never depends on the walk order. */
#include "config.h"
#include "../core/yamltree.h"
#include "../core/array.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Category names of PRODUCT.md §6; packs may add more. */
static const char *const known_categories[] = {"blame",  "cold",     "boilerplate",   "dead-end",
                                               "jargon", "shouting", "condescending", "apology",
                                               "threat", "negative", "no-reply",      "wordy",
                                               "cta",    "flippant", "dark-pattern",  NULL};

typedef struct pctx {
    tl_config *cfg;
    tl_error *err;
} pctx;

static int bad(pctx *c, const tl_ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int bad(pctx *c, const tl_ynode *n, const char *fmt, ...)
{
    tl_error *err = c->err;
    if (!err) return TL_ECONFIG;
    err->code = TL_ECONFIG;
    err->path = c->cfg->path;
    if (n) {
        err->line = n->line;
        err->column = n->column;
        err->offset = n->start;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return TL_ECONFIG;
}

static int nomem(pctx *c)
{
    return tl_error_set(c->err, TL_ENOMEM, "out of memory");
}

static const char *scalar(const tl_ynode *n)
{
    n = tl_yaml_resolve(n);
    return n && n->type == TL_Y_SCALAR ? n->value : NULL;
}

/* `off` or a severity name; `none` too when allow_none (fail_on). */
static int level_of(const char *s, bool allow_off, bool allow_none)
{
    if (!s) return -1;
    if (allow_off && strcmp(s, "off") == 0) return TL_SEV_OFF;
    if (allow_none && strcmp(s, "none") == 0) return TL_SEV_OFF;
    if (strcmp(s, "error") == 0) return TL_SEV_ERROR;
    if (strcmp(s, "warning") == 0) return TL_SEV_WARNING;
    if (strcmp(s, "suggestion") == 0) return TL_SEV_SUGGESTION;
    return -1;
}

/* A list of non-empty strings (NULL-terminated array in the config's arena;
 * the strings stay in the YAML tree). */
static int string_list(pctx *c, const tl_ynode *n, const char *what, const char ***out,
                       size_t *count)
{
    const tl_ynode *v = tl_yaml_resolve(n);
    if (!v || v->type != TL_Y_SEQ) return bad(c, n, "`%s` takes a list", what);
    const char **items = tl_arena_alloc(&c->cfg->arena, (v->n + 1) * sizeof(*items));
    if (!items) return nomem(c);
    for (size_t i = 0; i < v->n; i++) {
        const char *s = scalar(v->items[i]);
        if (!s || !*s) return bad(c, v->items[i], "`%s` takes a list of non-empty strings", what);
        items[i] = s;
    }
    items[v->n] = NULL;
    *out = items;
    *count = v->n;
    return 0;
}

static int glob_list(pctx *c, const tl_ynode *n, const char *what, const char ***out, size_t *count)
{
    int rc = string_list(c, n, what, out, count);
    if (rc < 0) return rc;
    const tl_ynode *v = tl_yaml_resolve(n);
    for (size_t i = 0; i < *count; i++)
        if (!tl_glob_valid((*out)[i]))
            return bad(c, v->items[i], "malformed pattern `%s` (unclosed `[` or `{`, or too long)",
                       (*out)[i]);
    return 0;
}

static int rule_map(pctx *c, const tl_ynode *n, tl_rule_setting **out, size_t *count)
{
    const tl_ynode *v = tl_yaml_resolve(n);
    if (!v || v->type != TL_Y_MAP)
        return bad(c, n,
                   "`rules` takes a map of rule ids or categories to off, error, warning or "
                   "suggestion");
    size_t pairs = v->n / 2;
    tl_rule_setting *rs = tl_arena_alloc(&c->cfg->arena, (pairs + 1) * sizeof(*rs));
    if (!rs) return nomem(c);
    for (size_t i = 0; i < pairs; i++) {
        const tl_ynode *k = v->items[2 * i], *val = v->items[2 * i + 1];
        const char *name = scalar(k);
        if (!name || !*name) return bad(c, k, "a rule id or category name is expected here");
        int sev = level_of(scalar(val), true, false);
        if (sev < 0) return bad(c, val, "`%s` takes off, error, warning or suggestion", name);
        rs[i] = (tl_rule_setting){name, sev, k->line, k->column};
    }
    *out = rs;
    *count = pairs;
    return 0;
}

static int key_patterns(pctx *c, const tl_ynode *n, const char *field, tl_key_pattern **out,
                        size_t *nout)
{
    const char **items;
    size_t count;
    int rc = string_list(c, n, field, &items, &count);
    if (rc < 0) return rc;
    const tl_ynode *v = tl_yaml_resolve(n);
    tl_config *cfg = c->cfg;
    *out = tl_arena_alloc(&cfg->arena, (count + 1) * sizeof(**out));
    if (!*out) return nomem(c);
    for (size_t i = 0; i < count; i++) {
        const char *s = items[i];
        size_t len = strlen(s);
        tl_key_pattern *kp = &(*out)[*nout];
        if (len >= 2 && s[0] == '/' && s[len - 1] == '/') {
            char *body = tl_arena_strndup(&cfg->arena, s + 1, len - 2);
            if (!body) return nomem(c);
            tl_error rerr;
            tl_error_clear(&rerr);
            if (tl_regex_compile(&kp->re, body, 0, &rerr) < 0)
                return bad(c, v->items[i], "bad regular expression in `%s`: %s", field,
                           rerr.message);
        } else if (!tl_glob_valid(s)) {
            return bad(c, v->items[i], "malformed pattern `%s` (unclosed `[` or `{`, or too long)",
                       s);
        } else {
            kp->glob = s;
        }
        (*nout)++;
    }
    return 0;
}

/* What an entry of `moments` or `audience` names: its value field, and
 * how that value is checked (an error at `val` when it is wrong). */
typedef struct entry_kind {
    const char *list;  /* `moments` */
    const char *field; /* `moment` */
    const char *shape; /* the value in the list's description: ID */
    int (*value)(pctx *c, const tl_ynode *val, tl_config_entry *e);
} entry_kind;

static int moment_value(pctx *c, const tl_ynode *val, tl_config_entry *e)
{
    if (!(e->value = scalar(val)) || !*e->value)
        return bad(c, val, "`moment` takes a moment id (docs/moments.md)");
    return 0; /* checked against the pack's moments in tl_config_check */
}

static int audience_value(pctx *c, const tl_ynode *val, tl_config_entry *e)
{
    static const struct {
        const char *name;
        unsigned flags;
    } audiences[] = {
        {"developer", TL_SEG_DEVELOPER}, {"settings", TL_SEG_SETTINGS}, {"customer", 0}};
    const char *s = scalar(val);
    for (size_t i = 0; s && i < sizeof(audiences) / sizeof(*audiences); i++)
        if (strcmp(s, audiences[i].name) == 0) {
            e->value = s;
            e->audience = audiences[i].flags;
            return 0;
        }
    return bad(c, val, "`audience` takes developer, settings or customer");
}

static const entry_kind moment_entries = {"moments", "moment", "ID", moment_value};
static const entry_kind audience_entries = {"audience", "audience", "developer|settings|customer",
                                            audience_value};

/* `moments:` or `audience:`, a list of {FIELD: VALUE, files: [globs],
 * keys: [globs or /re/]}. */
static int entry_list(pctx *c, const tl_ynode *n, const entry_kind *kind, tl_config_entries *out)
{
    const tl_ynode *v = tl_yaml_resolve(n);
    char shape[160];
    snprintf(shape, sizeof(shape),
             "`%s` takes a list of {%s: %s, files: [globs], keys: [patterns]}", kind->list,
             kind->field, kind->shape);
    if (!v || v->type != TL_Y_SEQ) return bad(c, n, "%s", shape);
    if (v->n > TL_CONFIG_MAX_ENTRIES)
        return bad(c, n, "at most %d `%s` entries", TL_CONFIG_MAX_ENTRIES, kind->list);
    tl_config *cfg = c->cfg;
    out->items = tl_arena_alloc(&cfg->arena, (v->n + 1) * sizeof(*out->items));
    if (!out->items) return nomem(c);
    for (size_t i = 0; i < v->n; i++) {
        const tl_ynode *e = tl_yaml_resolve(v->items[i]);
        if (!e || e->type != TL_Y_MAP) return bad(c, v->items[i], "%s", shape);
        tl_config_entry *m = &out->items[i];
        memset(m, 0, sizeof(*m));
        out->n = i + 1; /* counted now, so that its patterns are freed after an error */
        m->line = e->line;
        m->column = e->column;
        for (size_t j = 0; j + 1 < e->n; j += 2) {
            const char *k = scalar(e->items[j]);
            const tl_ynode *val = e->items[j + 1];
            int rc = 0;
            if (k && strcmp(k, kind->field) == 0) {
                if ((rc = kind->value(c, val, m)) == 0) {
                    m->line = val->line;
                    m->column = val->column;
                }
            } else if (k && strcmp(k, "files") == 0) {
                rc = glob_list(c, val, "files", &m->files, &m->nfiles);
            } else if (k && strcmp(k, "keys") == 0) {
                rc = key_patterns(c, val, "keys", &m->keys, &m->nkeys);
            } else {
                rc = bad(c, e->items[j], "unknown key `%s` in `%s` (%s, files, keys)", k ? k : "",
                         kind->list, kind->field);
            }
            if (rc < 0) return rc;
        }
        const char *a = strchr("aeiou", kind->list[0]) ? "an" : "a";
        if (!m->value)
            return bad(c, e, "%s `%s` entry needs %s `%s`", a, kind->list, a, kind->field);
        if (!m->nfiles && !m->nkeys)
            return bad(c, e, "%s `%s` entry needs `files` or `keys`", a, kind->list);
    }
    return 0;
}

static int overrides(pctx *c, const tl_ynode *n)
{
    const tl_ynode *v = tl_yaml_resolve(n);
    tl_config *cfg = c->cfg;
    if (!v || v->type != TL_Y_SEQ)
        return bad(c, n, "`overrides` takes a list of {files: [...], rules: {...}}");
    cfg->overrides = tl_arena_alloc(&cfg->arena, (v->n + 1) * sizeof(*cfg->overrides));
    if (!cfg->overrides) return nomem(c);
    for (size_t i = 0; i < v->n; i++) {
        const tl_ynode *item = tl_yaml_resolve(v->items[i]);
        if (!item || item->type != TL_Y_MAP)
            return bad(c, v->items[i], "an override is a map with `files` and `rules`");
        tl_config_override *o = &cfg->overrides[i];
        const tl_ynode *files = NULL, *rules = NULL;
        for (size_t k = 0; k + 1 < item->n; k += 2) {
            const char *key = scalar(item->items[k]);
            if (key && strcmp(key, "files") == 0 && !files)
                files = item->items[k + 1];
            else if (key && strcmp(key, "rules") == 0 && !rules)
                rules = item->items[k + 1];
            else if (key && (strcmp(key, "files") == 0 || strcmp(key, "rules") == 0))
                return bad(c, item->items[k], "duplicate key `%s`", key);
            else
                return bad(c, item->items[k],
                           "unknown key `%s` in an override (expected files, rules)",
                           key ? key : "?");
        }
        if (!files) return bad(c, item, "an override needs `files`");
        if (!rules) return bad(c, item, "an override needs `rules`");
        int rc = glob_list(c, files, "files", &o->files, &o->nfiles);
        if (rc < 0) return rc;
        if (!o->nfiles) return bad(c, files, "`files` needs at least one pattern");
        if ((rc = rule_map(c, rules, &o->rules, &o->nrules)) < 0) return rc;
        cfg->noverrides++;
    }
    return 0;
}

static int packs(pctx *c, const tl_ynode *n)
{
    tl_config *cfg = c->cfg;
    const char **items;
    size_t count;
    int rc = string_list(c, n, "packs", &items, &count);
    if (rc < 0) return rc;
    const tl_ynode *v = tl_yaml_resolve(n);
    cfg->packs = tl_arena_alloc(&cfg->arena, (count + 1) * sizeof(*cfg->packs));
    cfg->pack_lines = tl_arena_alloc(&cfg->arena, (count + 1) * sizeof(int));
    cfg->pack_columns = tl_arena_alloc(&cfg->arena, (count + 1) * sizeof(int));
    if (!cfg->packs || !cfg->pack_lines || !cfg->pack_columns) return nomem(c);
    for (size_t i = 0; i < count; i++) {
        const char *p = items[i];
        cfg->packs[i] = p[0] == '/' ? p : tl_arena_printf(&cfg->arena, "%s/%s", cfg->dir, p);
        if (!cfg->packs[i]) return nomem(c);
        cfg->pack_lines[i] = v->items[i]->line;
        cfg->pack_columns[i] = v->items[i]->column;
    }
    cfg->npacks = count;
    return 0;
}

static const char *const top_keys =
    "rules, packs, overrides, ignore, vocabulary, fail_on, min_severity, tier, ignore_keys, "
    "moments, audience, source_cues, source";

static int parse_top(pctx *c, const tl_ynode *root)
{
    tl_config *cfg = c->cfg;
    const tl_ynode *map = tl_yaml_resolve(root);
    if (!map) return 0;
    if (map->type == TL_Y_SCALAR && !*map->value) return 0; /* an empty document */
    if (map->type != TL_Y_MAP) return bad(c, root, "the config is a map (%s)", top_keys);
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const tl_ynode *kn = map->items[i], *v = map->items[i + 1];
        const char *key = scalar(kn);
        if (!key) return bad(c, kn, "a key is expected here (%s)", top_keys);
        for (size_t j = 0; j < i; j += 2) {
            const char *prev = scalar(map->items[j]);
            if (prev && strcmp(prev, key) == 0) return bad(c, kn, "duplicate key `%s`", key);
        }
        int rc = 0;
        if (strcmp(key, "rules") == 0) {
            rc = rule_map(c, v, &cfg->rules, &cfg->nrules);
        } else if (strcmp(key, "packs") == 0) {
            rc = packs(c, v);
        } else if (strcmp(key, "overrides") == 0) {
            rc = overrides(c, v);
        } else if (strcmp(key, "ignore") == 0) {
            rc = glob_list(c, v, "ignore", &cfg->ignore, &cfg->nignore);
        } else if (strcmp(key, "vocabulary") == 0) {
            rc = string_list(c, v, "vocabulary", &cfg->vocab, &cfg->nvocab);
        } else if (strcmp(key, "fail_on") == 0) {
            if ((cfg->fail_on = level_of(scalar(v), false, true)) < 0)
                rc = bad(c, v, "`fail_on` takes error, warning, suggestion or none");
        } else if (strcmp(key, "min_severity") == 0) {
            if ((cfg->min_severity = level_of(scalar(v), false, false)) < 0)
                rc = bad(c, v, "`min_severity` takes error, warning or suggestion");
        } else if (strcmp(key, "tier") == 0) {
            const char *t = scalar(v);
            if ((cfg->tier = t ? tl_tier_from_name(t) : -1) < 0)
                rc = bad(c, v, "`tier` takes default, strict or pedantic");
        } else if (strcmp(key, "ignore_keys") == 0) {
            rc = key_patterns(c, v, "ignore_keys", &cfg->ignore_keys, &cfg->nignore_keys);
        } else if (strcmp(key, "moments") == 0) {
            rc = entry_list(c, v, &moment_entries, &cfg->moments);
        } else if (strcmp(key, "audience") == 0) {
            rc = entry_list(c, v, &audience_entries, &cfg->audience);
        } else if (strcmp(key, "source") == 0) {
            const char *t = scalar(v);
            if (t && strcmp(t, "true") == 0)
                cfg->source = true;
            else if (t && strcmp(t, "false") == 0)
                cfg->source = false;
            else
                rc = bad(c, v, "`source` takes true or false");
        } else if (strcmp(key, "source_cues") == 0) {
            rc = tl_select_load(&cfg->source_cues, &cfg->arena, cfg->path, v, c->err);
            if (rc == TL_ECONFIG && c->err) c->err->code = TL_ECONFIG;
        } else {
            rc = bad(c, kn, "unknown key `%s` (expected one of: %s)", key, top_keys);
        }
        if (rc < 0) return rc;
    }
    return 0;
}

int tl_config_parse(tl_config *cfg, const char *path, const char *dir, const unsigned char *bytes,
                    size_t len, tl_error *err)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->fail_on = -1;
    cfg->min_severity = -1;
    cfg->tier = -1;
    cfg->path = tl_arena_strdup(&cfg->arena, path);
    cfg->dir = tl_arena_strdup(&cfg->arena, dir);
    static const char *const no_words[] = {NULL};
    cfg->vocab = (const char **)no_words;
    pctx c = {cfg, err};
    if (!cfg->path || !cfg->dir) return nomem(&c);
    /* The tree stays with the config: settings point at its strings. */
    int rc = tl_yaml_load(&cfg->yaml, cfg->path, bytes, len, err);
    if (rc < 0) {
        if (rc == TL_ESYNTAX) rc = TL_ECONFIG;
        if (err) {
            err->path = cfg->path;
            err->code = rc;
        }
        return rc;
    }
    cfg->yaml_loaded = true;
    return parse_top(&c, cfg->yaml.root);
}

/* Config files are small: more than this is a mistake. */
#define MAX_CONFIG_SIZE ((size_t)1 << 20)

static int read_small(const char *path, unsigned char **out, size_t *len, tl_error *err)
{
    *out = NULL;
    *len = 0;
    /* A FIFO would block, a device (a link to /dev/zero) never ends, a
     * folder reads as nothing: none of them is a config. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (err) err->path = path;
        return tl_error_set(err, TL_ECONFIG,
                            "not a regular file (%s); a config must be a YAML file",
                            S_ISDIR(st.st_mode)    ? "a folder"
                            : S_ISFIFO(st.st_mode) ? "a FIFO"
                            : S_ISSOCK(st.st_mode) ? "a socket"
                                                   : "a device");
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (err) err->path = path;
        return tl_error_set(err, TL_EIO, "cannot open: %s", strerror(errno));
    }
    tl_buf b = TL_BUF_INIT;
    b.max = MAX_CONFIG_SIZE + 1;
    char chunk[8192];
    size_t n;
    int rc = 0;
    while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        if (tl_buf_append(&b, chunk, n) < 0) rc = TL_ELIMIT;
    if (rc == 0 && ferror(f)) rc = TL_EIO;
    fclose(f);
    if (rc < 0) {
        tl_buf_free(&b);
        if (err) err->path = path;
        return tl_error_set(err, rc, rc == TL_EIO ? "cannot read the file" : "larger than 1 MiB");
    }
    *len = b.len;
    *out = (unsigned char *)tl_buf_detach(&b);
    return *out ? 0 : tl_error_set(err, TL_ENOMEM, "out of memory");
}

int tl_config_load(tl_config *cfg, const char *path, tl_error *err)
{
    memset(cfg, 0, sizeof(*cfg));
    unsigned char *bytes;
    size_t len;
    tl_error_clear(err);
    int rc = read_small(path, &bytes, &len, err);
    char *dir = rc == 0 ? tl_path_dir_abs(path) : NULL;
    if (rc == 0 && !dir)
        rc = tl_error_set(err, TL_EIO, "cannot resolve its folder: %s", strerror(errno));
    if (rc < 0) {
        free(bytes);
        /* The message names the file by a copy the config owns. */
        cfg->path = tl_arena_strdup(&cfg->arena, path);
        if (err) err->path = cfg->path;
        return rc;
    }
    rc = tl_config_parse(cfg, path, dir, bytes, len, err);
    free(dir);
    free(bytes);
    return rc;
}

static void entries_free(tl_config_entries *es)
{
    for (size_t i = 0; i < es->n; i++)
        for (size_t k = 0; k < es->items[i].nkeys; k++)
            tl_regex_free(es->items[i].keys[k].re);
}

void tl_config_free(tl_config *cfg)
{
    if (!cfg) return;
    tl_select_free(&cfg->source_cues);
    for (size_t i = 0; i < cfg->nignore_keys; i++)
        tl_regex_free(cfg->ignore_keys[i].re);
    entries_free(&cfg->moments);
    entries_free(&cfg->audience);
    for (size_t i = 0; i < cfg->noverrides; i++)
        free(cfg->overrides[i].table.v);
    free(cfg->table.v);
    free(cfg->foreign.v);
    if (cfg->yaml_loaded) tl_yaml_free(&cfg->yaml);
    tl_arena_free(&cfg->arena);
    memset(cfg, 0, sizeof(*cfg));
}

static bool known_name(const tl_ruleset *rs, const char *name)
{
    for (const char *const *k = known_categories; *k; k++)
        if (strcmp(*k, name) == 0) return true;
    for (size_t i = 0; i < rs->n; i++)
        if (strcmp(rs->rules[i]->id, name) == 0 || strcmp(rs->rules[i]->category, name) == 0)
            return true;
    return false;
}

static int check_settings(const tl_config *cfg, const tl_rule_setting *s, size_t n,
                          const tl_ruleset *rs, tl_error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (known_name(rs, s[i].name)) continue;
        if (err) {
            err->path = cfg->path;
            err->line = s[i].line;
            err->column = s[i].column;
        }
        return tl_error_set(err, TL_ECONFIG, "no rule or category `%s` (see tonelint --list-rules)",
                            s[i].name);
    }
    return 0;
}

int tl_config_check(const tl_config *cfg, const tl_ruleset *rs, tl_error *err)
{
    int rc = check_settings(cfg, cfg->rules, cfg->nrules, rs, err);
    for (size_t i = 0; rc == 0 && i < cfg->noverrides; i++)
        rc = check_settings(cfg, cfg->overrides[i].rules, cfg->overrides[i].nrules, rs, err);
    for (size_t i = 0; rc == 0 && i < cfg->moments.n; i++) {
        const tl_config_entry *m = &cfg->moments.items[i];
        if (tl_moments_find(&rs->moments, m->value) >= 0) continue;
        if (err) {
            err->path = cfg->path;
            err->line = m->line;
            err->column = m->column;
        }
        rc = tl_error_set(err, TL_ECONFIG, "unknown moment `%s` (see docs/moments.md)", m->value);
    }
    return rc;
}

bool tl_config_ignores(const tl_config *cfg, const char *rel)
{
    for (size_t i = 0; i < cfg->nignore; i++)
        if (tl_path_match(cfg->ignore[i], rel)) return true;
    return false;
}

static bool key_in(const tl_key_pattern *keys, size_t n, tl_regex_scratch *sc, const char *key)
{
    size_t len = strlen(key);
    for (size_t i = 0; i < n; i++) {
        const tl_key_pattern *kp = &keys[i];
        tl_regex_match m;
        if (kp->glob ? tl_glob_match(kp->glob, key, 0)
                     : tl_regex_find(kp->re, sc, key, len, 0, &m) == 1)
            return true;
    }
    return false;
}

bool tl_config_ignores_key(const tl_config *cfg, tl_regex_scratch *sc, const tl_segment *seg)
{
    if (!cfg->nignore_keys) return false;
    return (seg->key && key_in(cfg->ignore_keys, cfg->nignore_keys, sc, seg->key)) ||
           (seg->context && key_in(cfg->ignore_keys, cfg->nignore_keys, sc, seg->context));
}

/* The bits of the entries whose `files` match a file (rel: relative to the
 * config's folder), computed once per file for its policy. */
static uint64_t files_matching(const tl_config_entries *es, const char *rel)
{
    uint64_t bits = 0;
    for (size_t i = 0; i < es->n; i++)
        for (size_t g = 0; g < es->items[i].nfiles; g++)
            if (tl_path_match(es->items[i].files[g], rel)) {
                bits |= 1ull << i;
                break;
            }
    return bits;
}

/* The first entry that covers a segment of a file whose matching entries
 * are `files` (files_matching), or NULL. */
static const tl_config_entry *first_entry(const tl_config_entries *es, uint64_t files,
                                          tl_regex_scratch *sc, const tl_segment *seg)
{
    for (size_t i = 0; i < es->n; i++) {
        const tl_config_entry *m = &es->items[i];
        if (m->nfiles && !(files & (1ull << i))) continue;
        if (m->nkeys && !((seg->key && key_in(m->keys, m->nkeys, sc, seg->key)) ||
                          (seg->context && key_in(m->keys, m->nkeys, sc, seg->context))))
            continue;
        return m;
    }
    return NULL;
}

const char *tl_policy_moment(const tl_policy *p, tl_regex_scratch *sc, const tl_segment *seg)
{
    if (!p || !p->cfg) return NULL;
    const tl_config_entry *m = first_entry(&p->cfg->moments, p->moment_files, sc, seg);
    return m ? m->value : NULL;
}

int tl_policy_audience(const tl_policy *p, tl_regex_scratch *sc, const tl_segment *seg)
{
    if (!p || !p->cfg) return -1;
    const tl_config_entry *m = first_entry(&p->cfg->audience, p->audience_files, sc, seg);
    return m ? (int)m->audience : -1;
}

/* ---- Rule tables ------------------------------------------------------ */

static int table_size(tl_rule_table *t, size_t n)
{
    if (t->n == n && t->v) return 0;
    signed char *v = realloc(t->v, n ? n : 1);
    if (!v) return TL_ENOMEM;
    t->v = v;
    t->n = n;
    return 0;
}

/* One settings layer against the rule set: an id beats its category. */
static int resolve(tl_rule_table *t, const tl_rule_setting *s, size_t ns, const tl_ruleset *rs,
                   size_t gen)
{
    if (t->gen == gen && t->n == rs->n && t->v) return 0;
    if (table_size(t, rs->n) < 0) return TL_ENOMEM;
    for (size_t i = 0; i < rs->n; i++) {
        const tl_rule *r = rs->rules[i];
        int exact = -1, cat = -1;
        for (size_t k = 0; k < ns; k++) {
            if (strcmp(s[k].name, r->id) == 0)
                exact = s[k].severity;
            else if (strcmp(s[k].name, r->category) == 0)
                cat = s[k].severity;
        }
        t->v[i] = (signed char)(exact >= 0 ? exact : cat);
    }
    t->gen = gen;
    return 0;
}

/* Whether cfg (NULL: no config) lists pack k. */
static bool lists_pack(const tl_configs *s, const tl_config *cfg, size_t k)
{
    if (!cfg) return false;
    for (size_t i = 0; i < cfg->npacks; i++)
        if (s->pack_refs[cfg->first_ref + i] == k) return true;
    return false;
}

/* Off for the rules of packs that cfg does not list. */
static int resolve_foreign(tl_configs *s, const tl_config *cfg, tl_rule_table *t)
{
    const tl_ruleset *rs = s->rs;
    if (t->gen == s->gen && t->n == rs->n && t->v) return 0;
    if (table_size(t, rs->n) < 0) return TL_ENOMEM;
    memset(t->v, -1, rs->n);
    for (size_t k = 0; k < s->npacks; k++) {
        if (lists_pack(s, cfg, k)) continue;
        const tl_config_pack *p = &s->packs[k];
        for (size_t j = 0; j < p->nrules; j++)
            for (size_t i = 0; i < rs->n; i++)
                if (rs->rules[i] == p->rules[j]) t->v[i] = TL_SEV_OFF;
    }
    /* A rule that a listed pack also holds stays on. */
    for (size_t k = 0; k < s->npacks; k++) {
        if (!lists_pack(s, cfg, k)) continue;
        const tl_config_pack *p = &s->packs[k];
        for (size_t j = 0; j < p->nrules; j++)
            for (size_t i = 0; i < rs->n; i++)
                if (rs->rules[i] == p->rules[j]) t->v[i] = -1;
    }
    t->gen = s->gen;
    return 0;
}

void tl_policy_free(tl_policy *p)
{
    if (!p) return;
    free(p->severity);
    memset(p, 0, sizeof(*p));
}

int tl_configs_policy(tl_configs *s, const tl_config *ccfg, const char *rel, tl_policy *p)
{
    tl_config *cfg = (tl_config *)ccfg; /* its tables are caches */
    const tl_ruleset *rs = s->rs;
    size_t n = rs->n;
    if (p->cap < n || !p->severity) {
        signed char *v = realloc(p->severity, n ? n : 1);
        if (!v) return TL_ENOMEM;
        p->severity = v;
        p->cap = n ? n : 1;
    }
    p->nseverity = n;
    p->cfg = cfg;
    p->vocab = cfg ? cfg->vocab : NULL;
    p->moment_files = cfg ? files_matching(&cfg->moments, rel) : 0;
    p->audience_files = cfg ? files_matching(&cfg->audience, rel) : 0;
    tl_rule_table *foreign = cfg ? &cfg->foreign : &s->foreign;
    if (resolve_foreign(s, cfg, foreign) < 0) return TL_ENOMEM;
    if (!cfg) {
        memcpy(p->severity, foreign->v, n);
        return 0;
    }
    if (resolve(&cfg->table, cfg->rules, cfg->nrules, rs, s->gen) < 0) return TL_ENOMEM;
    memcpy(p->severity, cfg->table.v, n);
    for (size_t o = 0; o < cfg->noverrides; o++) {
        tl_config_override *ov = &cfg->overrides[o];
        bool hit = false;
        for (size_t g = 0; !hit && g < ov->nfiles; g++)
            hit = tl_path_match(ov->files[g], rel);
        if (!hit) continue;
        if (resolve(&ov->table, ov->rules, ov->nrules, rs, s->gen) < 0) return TL_ENOMEM;
        for (size_t i = 0; i < n; i++)
            if (ov->table.v[i] >= 0) p->severity[i] = ov->table.v[i];
    }
    for (size_t i = 0; i < n; i++)
        if (foreign->v[i] == TL_SEV_OFF) p->severity[i] = TL_SEV_OFF;
    return 0;
}

/* ---- Discovery -------------------------------------------------------- */

typedef struct tl_config_dir {
    char *dir; /* NULL: empty slot */
    long cfg;  /* index in items, -1: no config */
} tl_config_dir;

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static tl_config_dir *slot(tl_configs *s, const char *dir)
{
    size_t mask = s->capdirs - 1, i = hash(dir) & mask;
    while (s->dirs[i].dir && strcmp(s->dirs[i].dir, dir) != 0)
        i = (i + 1) & mask;
    return &s->dirs[i];
}

/* Remember dir -> cfg; takes ownership of dir. */
static int remember(tl_configs *s, char *dir, long cfg)
{
    if ((s->ndirs + 1) * 2 > s->capdirs) {
        size_t cap = s->capdirs ? s->capdirs * 2 : 64;
        tl_config_dir *old = s->dirs;
        size_t oldcap = s->capdirs;
        s->dirs = calloc(cap, sizeof(*s->dirs));
        if (!s->dirs) {
            s->dirs = old;
            free(dir);
            return TL_ENOMEM;
        }
        s->capdirs = cap;
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].dir) *slot(s, old[i].dir) = old[i];
        free(old);
    }
    tl_config_dir *d = slot(s, dir);
    if (d->dir) {
        free(dir);
        return 0;
    }
    d->dir = dir;
    d->cfg = cfg;
    s->ndirs++;
    return 0;
}

void tl_configs_init(tl_configs *s, tl_ruleset *rs)
{
    memset(s, 0, sizeof(*s));
    s->rs = rs;
    s->gen = 1;
    s->cwd = realpath(".", NULL);
}

void tl_configs_free(tl_configs *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) {
        tl_config_free(s->items[i]);
        free(s->items[i]);
    }
    free(s->items);
    for (size_t i = 0; i < s->capdirs; i++)
        free(s->dirs[i].dir);
    free(s->dirs);
    for (size_t i = 0; i < s->npacks; i++) {
        free(s->packs[i].dir);
        free(s->packs[i].rules);
    }
    free(s->packs);
    free(s->pack_refs);
    free(s->foreign.v);
    free(s->cwd);
    tl_buf_free(&s->rel);
    for (size_t i = 0; i < s->nkept; i++) {
        tl_policy_free(s->kept[i]);
        free(s->kept[i]);
    }
    free(s->kept);
    free(s->last_dir);
    free(s->last_abs);
    memset(s, 0, sizeof(*s));
}

/* tl_path_dir_abs, remembering the last answer. malloc'd; NULL when the
 * folder does not exist (or out of memory). */
static char *dir_abs(tl_configs *s, const char *path)
{
    const char *slash = strcmp(path, "-") == 0 ? NULL : strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) + 1 : 0; /* the folder, with its slash */
    if (s->last_dir && strlen(s->last_dir) == n && strncmp(s->last_dir, path, n) == 0)
        return strdup(s->last_abs);
    char *abs = tl_path_dir_abs(path);
    if (!abs) return NULL;
    char *key = strndup(path, n), *val = strdup(abs);
    if (key && val) {
        free(s->last_dir);
        free(s->last_abs);
        s->last_dir = key;
        s->last_abs = val;
    } else {
        free(key);
        free(val);
    }
    return abs;
}

const tl_policy *tl_configs_keep(tl_configs *s, const tl_policy *pol)
{
    for (size_t i = 0; i < s->nkept; i++) {
        const tl_policy *k = s->kept[i];
        if (k->cfg == pol->cfg && k->vocab == pol->vocab && k->nseverity == pol->nseverity &&
            k->moment_files == pol->moment_files && k->audience_files == pol->audience_files &&
            memcmp(k->severity, pol->severity, pol->nseverity) == 0)
            return k;
    }
    if (s->nkept == s->capkept && tl_array_grow(&s->kept, &s->capkept, sizeof(*s->kept), 8) < 0)
        return NULL;
    tl_policy *k = calloc(1, sizeof(*k));
    if (!k) return NULL;
    *k = *pol;
    k->severity = malloc(pol->nseverity ? pol->nseverity : 1);
    if (!k->severity) {
        free(k);
        return NULL;
    }
    memcpy(k->severity, pol->severity, pol->nseverity);
    k->cap = pol->nseverity;
    s->kept[s->nkept++] = k;
    return k;
}

/* Load pack i of cfg into the rule set, or find it loaded; its index. */
static long load_pack(tl_configs *s, tl_config *cfg, size_t i, tl_error *err)
{
    char *abs = realpath(cfg->packs[i], NULL);
    if (!abs) {
        if (err) {
            err->path = cfg->path;
            err->line = cfg->pack_lines[i];
            err->column = cfg->pack_columns[i];
        }
        return tl_error_set(err, TL_ECONFIG, "rule pack folder `%s` not found", cfg->packs[i]);
    }
    for (size_t k = 0; k < s->npacks; k++)
        if (strcmp(s->packs[k].dir, abs) == 0) {
            free(abs);
            return (long)k;
        }
    tl_ruleset *rs = s->rs;
    size_t before = rs->n;
    const tl_rule **old = malloc((before ? before : 1) * sizeof(*old));
    if (!old ||
        tl_array_reserve(&s->packs, &s->cappacks, s->npacks + 1, sizeof(*s->packs), 8) < 0) {
        free(old);
        free(abs);
        return tl_error_set(err, TL_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < before; k++)
        old[k] = rs->rules[k];
    int rc = tl_ruleset_load_dir(rs, abs, NULL, err);
    if (rc < 0) {
        free(old);
        /* The error names the pack (or a file in it) by a path built from
         * abs: the config, which outlives the message, keeps a copy. */
        if (err) {
            const char *named = err->path ? tl_arena_strdup(&cfg->arena, err->path) : NULL;
            err->path = named ? named : cfg->path;
            if (!named) {
                err->line = cfg->pack_lines[i];
                err->column = cfg->pack_columns[i];
            }
            size_t used = strlen(err->message);
            snprintf(err->message + used, sizeof(err->message) - used,
                     " (rule pack `%s`, named in %s:%d:%d)", cfg->packs[i], cfg->path,
                     cfg->pack_lines[i], cfg->pack_columns[i]);
        }
        free(abs);
        return rc;
    }
    /* The pack's rules: new ones, and those that replaced a rule by id. */
    tl_config_pack *p = &s->packs[s->npacks];
    p->dir = abs;
    p->nrules = 0;
    p->rules = malloc((rs->n ? rs->n : 1) * sizeof(*p->rules));
    if (!p->rules) {
        free(old);
        free(abs);
        return tl_error_set(err, TL_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < rs->n; k++)
        if (k >= before || rs->rules[k] != old[k]) p->rules[p->nrules++] = rs->rules[k];
    free(old);
    s->gen++;
    s->rules_changed = true;
    return (long)s->npacks++;
}

/* Load, check and register a config; *out its index. */
static int add_config(tl_configs *s, const char *path, long *out, tl_error *err)
{
    tl_config *cfg = calloc(1, sizeof(*cfg));
    if (!cfg) return tl_error_set(err, TL_ENOMEM, "out of memory");
    int rc = tl_config_load(cfg, path, err);
    if (rc == 0) rc = tl_array_reserve(&s->items, &s->cap, s->n + 1, sizeof(*s->items), 8);
    if (rc == 0)
        rc = tl_array_reserve(&s->pack_refs, &s->caprefs, s->nrefs + cfg->npacks,
                              sizeof(*s->pack_refs), 8);
    if (rc == TL_ENOMEM) tl_error_set(err, rc, "out of memory");
    cfg->first_ref = s->nrefs;
    for (size_t i = 0; rc == 0 && i < cfg->npacks; i++) {
        long k = load_pack(s, cfg, i, err);
        if (k < 0)
            rc = (int)k;
        else
            s->pack_refs[s->nrefs++] = (size_t)k;
    }
    if (rc == 0) rc = tl_config_check(cfg, s->rs, err);
    if (rc < 0) {
        s->nrefs = cfg->first_ref;
        /* Errors point into the config's strings: keep it for the message. */
        if (s->n < s->cap ||
            tl_array_reserve(&s->items, &s->cap, s->n + 1, sizeof(*s->items), 8) == 0) {
            s->items[s->n++] = cfg;
            cfg->failed = true;
        } else {
            tl_config_free(cfg);
            free(cfg);
        }
        return rc;
    }
    s->items[s->n] = cfg;
    *out = (long)s->n++;
    return 0;
}

int tl_configs_add(tl_configs *s, const char *path, const tl_config **out, tl_error *err)
{
    long idx;
    int rc = add_config(s, path, &idx, err);
    *out = rc == 0 ? s->items[idx] : NULL;
    return rc;
}

int tl_configs_find(tl_configs *s, const char *path, const tl_config **out, tl_error *err)
{
    *out = NULL;
    char *dir = dir_abs(s, path);
    if (!dir) return 0; /* no such folder: the file's own error says so */
    /* Walk up until a cached folder or a config file. */
    char **seen = NULL;
    size_t nseen = 0, capseen = 0;
    long found = -1;
    int rc = 0;
    for (;;) {
        if (s->capdirs) {
            tl_config_dir *d = slot(s, dir);
            if (d->dir) {
                found = d->cfg;
                free(dir);
                break;
            }
        }
        if (tl_array_reserve(&seen, &capseen, nseen + 1, sizeof(*seen), 8) < 0) {
            free(dir);
            rc = tl_error_set(err, TL_ENOMEM, "out of memory");
            break;
        }
        seen[nseen++] = dir;
        size_t dl = strlen(dir);
        char *file = malloc(dl + sizeof(TL_CONFIG_NAME) + 1);
        if (!file) {
            rc = tl_error_set(err, TL_ENOMEM, "out of memory");
            break;
        }
        sprintf(file, "%s%s%s", dir, dir[dl - 1] == '/' ? "" : "/", TL_CONFIG_NAME);
        /* Anything by that name is the config: one that is not a file (a
         * FIFO, a folder, a dangling link) is an error, not passed over. */
        struct stat st;
        if (lstat(file, &st) == 0) {
            /* Named in messages relative to the current directory when it
             * lies below it, as the user wrote the paths. */
            tl_buf shown = TL_BUF_INIT;
            bool rel = tl_path_relative(&shown, s->cwd ? s->cwd : "/", file) == 0 && shown.data &&
                       s->cwd && strncmp(shown.data, "../", 3) != 0;
            rc = add_config(s, rel ? shown.data : file, &found, err);
            tl_buf_free(&shown);
            free(file);
            break;
        }
        free(file);
        if (strcmp(dir, "/") == 0) break;
        char *up = strdup(dir);
        if (!up) {
            rc = tl_error_set(err, TL_ENOMEM, "out of memory");
            break;
        }
        char *slash = strrchr(up, '/');
        if (slash == up)
            slash[1] = '\0';
        else
            *slash = '\0';
        dir = up;
    }
    /* Cache every folder passed on the way (not after an error: it is
     * reported once and the run stops). */
    for (size_t i = 0; i < nseen; i++) {
        if (rc == 0) {
            if (remember(s, seen[i], found) < 0) rc = tl_error_set(err, TL_ENOMEM, "out of memory");
        } else {
            free(seen[i]);
        }
    }
    free(seen);
    if (rc == 0 && found >= 0) *out = s->items[found];
    return rc;
}

const tl_config *tl_configs_cached(tl_configs *s, const char *path)
{
    char *dir = dir_abs(s, path);
    const tl_config *found = NULL;
    size_t dl;
    while (dir && s->capdirs && (dl = strlen(dir)) > 0) {
        tl_config_dir *d = slot(s, dir);
        if (d->dir) {
            found = d->cfg >= 0 ? s->items[d->cfg] : NULL;
            break;
        }
        if (strcmp(dir, "/") == 0) break;
        char *slash = strrchr(dir, '/');
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
    free(dir);
    return found;
}

bool tl_configs_would_load(tl_configs *s, const char *path)
{
    char *dir = dir_abs(s, path);
    if (!dir) return false;
    bool load = false;
    size_t dl;
    while ((dl = strlen(dir)) > 0) {
        if (s->capdirs && slot(s, dir)->dir) break; /* answered before */
        char *file = malloc(dl + sizeof(TL_CONFIG_NAME) + 1);
        if (!file) {
            load = true; /* cannot tell: assume the worst */
            break;
        }
        sprintf(file, "%s%s%s", dir, dir[dl - 1] == '/' ? "" : "/", TL_CONFIG_NAME);
        struct stat st;
        load = lstat(file, &st) == 0;
        free(file);
        if (load || strcmp(dir, "/") == 0) break;
        char *slash = strrchr(dir, '/');
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
    free(dir);
    return load;
}

const char *tl_configs_relative(tl_configs *s, const tl_config *cfg, const char *path)
{
    tl_buf_reset(&s->rel);
    if (tl_path_relative(&s->rel, cfg->dir, path) < 0 || !s->rel.data) return path;
    return s->rel.data;
}

bool tl_config_own_file(const char *path)
{
    const char *slash = strrchr(path, '/');
    return strncmp(slash ? slash + 1 : path, ".tonelint", 9) == 0;
}

int tl_configs_settings(tl_configs *s, const char *path, const tl_settings_request *rq,
                        tl_policy *scratch, tl_file_settings *out, tl_error *err)
{
    memset(out, 0, sizeof(*out));
    out->cfg = rq->fixed;
    if (tl_config_own_file(path)) {
        out->ignored = true;
        return 0;
    }
    if (rq->discover && tl_configs_find(s, path, &out->cfg, err) < 0)
        return err && err->code == TL_ENOMEM ? TL_ENOMEM : TL_ECONFIG;
    const tl_config *cfg = out->cfg;
    out->rules_changed = s->rules_changed;
    s->rules_changed = false;
    const char *rel = cfg ? tl_configs_relative(s, cfg, path) : path;
    if (cfg && tl_config_ignores(cfg, rel)) {
        out->ignored = true;
        return 0;
    }
    if (rq->policy || cfg || s->npacks) {
        if (tl_configs_policy(s, cfg, rel, scratch) < 0 ||
            !(out->policy = tl_configs_keep(s, scratch)))
            return tl_error_set(err, TL_ENOMEM, "out of memory");
    }
    int min = rq->min_severity >= 0           ? rq->min_severity
              : cfg && cfg->min_severity >= 0 ? cfg->min_severity
                                              : TL_SEV_SUGGESTION;
    out->min_severity = (tl_severity)min;
    out->tier = (tl_tier)(rq->tier >= 0 ? rq->tier : cfg && cfg->tier >= 0 ? cfg->tier : 0);
    return 0;
}
