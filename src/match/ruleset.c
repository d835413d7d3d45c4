/* ruleset.c - loading rule packs from YAML into compiled rules.
 *
 * Validates every field of docs/rule-format.md and reports the first problem
 * with the rule file's line and column. Unknown fields are errors (a typo in
 * `exceptions` must not silently disable it). Also owns word classes
 * (lexicon files) and their expansion into patterns before compiling. */
#include "rule.h"
#include "../core/yamltree.h"
#include "../core/array.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const sev_names[] = {"suggestion", "warning", "error", "off"};

const char *tl_severity_name(tl_severity s)
{
    return s <= TL_SEV_OFF ? sev_names[s] : "warning";
}

int tl_severity_from_name(const char *name)
{
    for (int i = 0; i <= TL_SEV_OFF; i++)
        if (strcmp(name, sev_names[i]) == 0) return i;
    if (strcmp(name, "info") == 0 || strcmp(name, "hint") == 0) return TL_SEV_SUGGESTION;
    return -1;
}

static const char *const tier_names[] = {"default", "strict", "pedantic"};

const char *tl_tier_name(tl_tier t)
{
    return (unsigned)t <= TL_TIER_PEDANTIC ? tier_names[t] : "?";
}

int tl_tier_from_name(const char *name)
{
    for (int i = 0; i <= TL_TIER_PEDANTIC; i++)
        if (strcmp(name, tier_names[i]) == 0) return i;
    return -1;
}

const char *tl_rule_kind_name(tl_rule_kind k)
{
    static const char *const names[] = {"existence", "substitution", "metric", "conditional"};
    return k <= TL_RULE_CONDITIONAL ? names[k] : "existence";
}

void tl_ruleset_init(tl_ruleset *rs)
{
    memset(rs, 0, sizeof(*rs));
    rs->moments.fallback = -1;
}

static void free_list(tl_relist *l)
{
    for (size_t i = 0; i < l->n; i++)
        tl_regex_free(l->re[i]);
}

static void free_rule_patterns(tl_rule *r)
{
    free_list(&r->patterns);
    free_list(&r->exceptions);
    free_list(&r->unless);
    free_list(&r->keys);
    free_list(&r->skip_keys);
}

void tl_ruleset_free(tl_ruleset *rs)
{
    if (!rs) return;
    for (size_t i = 0; i < rs->n; i++)
        free_rule_patterns(rs->rules[i]);
    free(rs->rules);
    free(rs->errors);
    tl_moments_free(&rs->moments);
    tl_select_free(&rs->select);
    tl_arena_free(&rs->arena);
    memset(rs, 0, sizeof(*rs));
}

tl_rule *tl_ruleset_find(const tl_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < rs->n; i++)
        if (strcmp(rs->rules[i]->id, id) == 0) return rs->rules[i];
    return NULL;
}

/* Levenshtein distance of a and b, stopping early above `cap`. */
static size_t edit_distance(const char *a, const char *b, size_t cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > cap || lb >= 256) return cap + 1;
    size_t row[256];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0], best = row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t v = diag + (a[i - 1] != b[j - 1]);
            if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
            if (up + 1 < v) v = up + 1;
            row[j] = v;
            diag = up;
            if (v < best) best = v;
        }
        if (best > cap) return cap + 1;
    }
    return row[lb];
}

const char *tl_ruleset_suggest(const tl_ruleset *rs, const char *id)
{
    if (!rs || !id || !*id) return NULL;
    for (size_t i = 0; i < rs->n; i++) {
        const char *dot = strchr(rs->rules[i]->id, '.');
        if (dot && strcmp(dot + 1, id) == 0) return rs->rules[i]->id;
    }
    /* A typo: at most one edit in four characters, and at most three. */
    size_t len = strlen(id), cap = len / 4 < 3 ? len / 4 : 3;
    if (cap == 0) cap = 1;
    const char *best = NULL;
    size_t best_d = cap + 1;
    for (size_t i = 0; i < rs->n; i++) {
        const char *rid = rs->rules[i]->id;
        size_t d = edit_distance(id, rid, cap);
        if (!strchr(id, '.')) { /* compare with the name after the category too */
            const char *dot = strchr(rid, '.');
            size_t dn = dot ? edit_distance(id, dot + 1, cap) : cap + 1;
            if (dn < d) d = dn;
        }
        if (d < best_d) {
            best_d = d;
            best = rid;
        }
    }
    return best;
}

/* Suggestion `sugg` with $1..$9 taken from the match in `text`. */
static void expand_suggestion(tl_buf *b, const char *sugg, const char *text,
                              const tl_regex_match *m)
{
    for (const char *p = sugg; *p; p++) {
        if (*p == '$' && p[1] >= '1' && p[1] <= '9') {
            int g = *++p - '0';
            if (m->group_start[g] != SIZE_MAX)
                tl_buf_append(b, text + m->group_start[g], m->group_end[g] - m->group_start[g]);
        } else if (*p == '$' && p[1] == '$') {
            tl_buf_putc(b, *++p);
        } else {
            tl_buf_putc(b, *p);
        }
    }
}

int tl_rule_describe(tl_buf *out, const tl_rule *r)
{
    tl_buf match = TL_BUF_INIT, sugg = TL_BUF_INIT;
    bool found = false;
    tl_regex_scratch *sc = NULL;
    if (r->patterns.n && tl_regex_scratch_new(&sc) == 0) {
        tl_regex_scratch_jit(sc, false);
        for (size_t e = 0; !found && e < r->nbad; e++) {
            const char *text = r->bad[e].text;
            for (size_t k = 0; !found && k < r->patterns.n; k++) {
                tl_regex_match m;
                if (!r->patterns.re[k] ||
                    tl_regex_find(r->patterns.re[k], sc, text, strlen(text), 0, &m) != 1 ||
                    m.end <= m.start)
                    continue;
                found = true;
                tl_buf_append(&match, text + m.start, m.end - m.start);
                const char *const *list = r->swap ? r->swap[k] : r->suggest;
                size_t n = r->swap ? r->nswap[k] : r->nsuggest;
                if (n) expand_suggestion(&sugg, list[0], text, &m);
            }
        }
        tl_regex_scratch_free(sc);
    }
    if (!sugg.len && !r->swap && r->nsuggest && !strchr(r->suggest[0], '$'))
        tl_buf_puts(&sugg, r->suggest[0]);
    for (const char *p = r->message; *p; p++) {
        if (strncmp(p, "\xE2\x80\x9C{match}\xE2\x80\x9D", 13) == 0 && !found) {
            /* “{match}” -> this wording */
            tl_buf_puts(out, p == r->message ? "This wording" : "this wording");
            p += 12;
        } else if (strncmp(p, "{match}", 7) == 0) {
            if (found)
                tl_buf_append(out, match.data, match.len);
            else
                tl_buf_puts(out, p == r->message ? "This wording" : "this wording");
            p += 6;
        } else if (strncmp(p, "{suggestion}", 12) == 0) {
            if (sugg.len)
                tl_buf_append(out, sugg.data, sugg.len);
            else
                tl_buf_puts(out, "a plainer word");
            p += 11;
        } else {
            tl_buf_putc(out, *p);
        }
    }
    if (tl_buf_failed(&match) || tl_buf_failed(&sugg)) tl_buf_fail(out);
    tl_buf_free(&match);
    tl_buf_free(&sugg);
    return tl_buf_failed(out);
}

bool tl_ruleset_has_lang(const tl_ruleset *rs, const char *lang)
{
    if (!lang) return false;
    /* strncmp(rule lang, lang, 2), spelled out: this runs per language of
     * every document, and a document can hold dozens (.xcstrings). */
    for (size_t i = 0; i < rs->n; i++) {
        const char *l = rs->rules[i]->lang;
        if (l[0] == lang[0] && (!l[0] || l[1] == lang[1])) return true;
    }
    return false;
}

typedef struct loader {
    tl_ruleset *rs;
    const char *path;
    const char *lang;
    tl_error *err; /* the error being made; note() keeps it in rs->errors */
} loader;

/* Keep a copy of err, the error just made, in rs->errors: a pack author sees
 * every error of a load in one run. The path is copied into the arena (the
 * loader's paths are temporary). Returns err->code. */
static int note(tl_ruleset *rs, const tl_error *err)
{
    if (rs->nerrors == rs->caperrors &&
        tl_array_grow(&rs->errors, &rs->caperrors, sizeof(*rs->errors), 8) < 0)
        return TL_ENOMEM;
    tl_error *e = &rs->errors[rs->nerrors++];
    *e = *err;
    if (err->path && !(e->path = tl_arena_strdup(&rs->arena, err->path))) e->path = NULL;
    return err->code;
}

/* A mistake in a pack at node n: made, noted, and returned (TL_ECONFIG). */
static int at(loader *ld, const tl_ynode *n, const char *fmt, const char *a, const char *b)
{
    tl_error *err = ld->err;
    tl_error_clear(err);
    err->path = ld->path;
    err->line = n ? n->line : 0;
    err->column = n ? n->column : 0;
    err->offset = n ? n->start : 0;
    tl_error_set(err, TL_ECONFIG, fmt, a, b ? b : "");
    return note(ld->rs, err) == TL_ENOMEM ? TL_ENOMEM : TL_ECONFIG;
}

/* A safe fix whose replacement its own pattern matches again never settles
 * (`q(z+)` suggesting `qz$1$1` grows at every pass): refused at load. Checked
 * on the bad examples: each pattern's first match in each, the suggestions
 * expanded with its captures, then matched again on their own. */
static int check_fix_settles(loader *ld, const tl_ynode *n, const tl_rule *r)
{
    tl_regex_scratch *sc = NULL;
    if (tl_regex_scratch_new(&sc) < 0) return tl_error_set(ld->err, TL_ENOMEM, "out of memory");
    tl_regex_scratch_jit(sc, false); /* a few short strings: not worth JIT code */
    int rc = 0;
    tl_buf b = TL_BUF_INIT;
    for (size_t e = 0; rc == 0 && e < r->nbad; e++) {
        const char *text = r->bad[e].text;
        for (size_t k = 0; rc == 0 && k < r->patterns.n; k++) {
            tl_regex_match m;
            if (tl_regex_find(r->patterns.re[k], sc, text, strlen(text), 0, &m) != 1) continue;
            const char *const *sugg = r->swap ? r->swap[k] : r->suggest;
            size_t nsugg = r->swap ? r->nswap[k] : r->nsuggest;
            for (size_t i = 0; rc == 0 && i < nsugg; i++) {
                tl_buf_reset(&b);
                for (const char *p = sugg[i]; *p; p++) {
                    if (*p == '$' && p[1] >= '1' && p[1] <= '9') {
                        int g = *++p - '0';
                        if (m.group_start[g] != SIZE_MAX)
                            tl_buf_append(&b, text + m.group_start[g],
                                          m.group_end[g] - m.group_start[g]);
                    } else if (*p == '$' && p[1] == '$') {
                        tl_buf_putc(&b, *++p);
                    } else {
                        tl_buf_putc(&b, *p);
                    }
                }
                tl_regex_match again;
                if (tl_buf_failed(&b)) {
                    rc = tl_error_set(ld->err, TL_ENOMEM, "out of memory");
                    break;
                }
                if (b.len && tl_regex_find(r->patterns.re[k], sc, b.data, b.len, 0, &again) == 1)
                    rc = at(ld, n,
                            "rule `%s` has `fix: safe` but its pattern matches its own "
                            "suggestion again (in bad example `%s`): the fix would never "
                            "settle; change the pattern or the suggestion, or drop `fix: safe`",
                            r->id, text);
            }
        }
    }
    tl_buf_free(&b);
    tl_regex_scratch_free(sc);
    return rc;
}

static const char *scalar(loader *ld, const tl_ynode *n, const char *field, int *rc)
{
    n = tl_yaml_resolve(n);
    if (!n || n->type != TL_Y_SCALAR) {
        *rc = at(ld, n, "`%s` must be a string%s", field, NULL);
        return NULL;
    }
    return tl_arena_strdup(&ld->rs->arena, n->value);
}

static const tl_word_class *word_class(const tl_ruleset *rs, const char *lang, const char *name,
                                       size_t len)
{
    for (size_t i = rs->nclasses; i-- > 0;) {
        const tl_word_class *c = &rs->classes[i];
        if (strcmp(c->lang, lang) == 0 && strncmp(c->name, name, len) == 0 && !c->name[len])
            return c;
    }
    return NULL;
}

/* `text` with every `@{name}` replaced by its word class, in the arena.
 * NULL with an error (at node n) for an unknown class. */
static const char *expand_classes(loader *ld, const tl_ynode *n, const char *text, int *rc)
{
    if (!strstr(text, "@{")) return text;
    tl_buf b = TL_BUF_INIT;
    bool ok = true;
    const char *p = text;
    for (const char *q; (q = strstr(p, "@{")) != NULL;) {
        const char *name = q + 2, *end = name;
        while ((*end >= 'a' && *end <= 'z') || (*end >= '0' && *end <= '9') || *end == '-')
            end++;
        if (*end != '}' || end == name) {
            tl_buf_free(&b);
            *rc = at(ld, n, "`@{` must start a word class name: `@{name}`%s", "", NULL);
            return NULL;
        }
        const tl_word_class *c = word_class(ld->rs, ld->lang, name, (size_t)(end - name));
        if (!c) {
            char shown[64];
            snprintf(shown, sizeof(shown), "%.*s", (int)(end - name), name);
            tl_buf_free(&b);
            *rc = at(ld, n, "unknown word class `@{%s}` (define it in a lexicon file)%s", shown,
                     NULL);
            return NULL;
        }
        ok &= tl_buf_append(&b, p, (size_t)(q - p)) >= 0 && tl_buf_puts(&b, c->regex) >= 0;
        p = end + 1;
    }
    ok &= tl_buf_puts(&b, p) >= 0;
    const char *out = ok && b.data ? tl_arena_strndup(&ld->rs->arena, b.data, b.len) : NULL;
    tl_buf_free(&b);
    if (!out) *rc = tl_error_set(ld->err, TL_ENOMEM, "out of memory");
    return out;
}

static int compile_list(loader *ld, const tl_ynode *n, const char *field, unsigned flags,
                        tl_relist *out)
{
    n = tl_yaml_resolve(n);
    if (!n) return at(ld, n, "`%s` is empty%s", field, NULL);
    const tl_ynode *one[1];
    const tl_ynode *const *items;
    size_t count;
    if (n->type == TL_Y_SCALAR) {
        one[0] = n;
        items = one;
        count = 1;
    } else if (n->type == TL_Y_SEQ) {
        items = (const tl_ynode *const *)n->items;
        count = n->n;
    } else {
        return at(ld, n, "`%s` must be a list of patterns%s", field, NULL);
    }
    out->re = tl_arena_alloc(&ld->rs->arena, (count ? count : 1) * sizeof(*out->re));
    out->src = tl_arena_alloc(&ld->rs->arena, (count ? count : 1) * sizeof(*out->src));
    if (!out->re || !out->src) return tl_error_set(ld->err, TL_ENOMEM, "out of memory");
    for (size_t i = 0; i < count; i++) {
        const tl_ynode *p = tl_yaml_resolve(items[i]);
        if (!p || p->type != TL_Y_SCALAR)
            return at(ld, p, "`%s` items must be strings%s", field, NULL);
        int rc = 0;
        const char *text = expand_classes(ld, p, p->value, &rc);
        if (!text) return rc;
        tl_error rerr;
        tl_error_clear(&rerr);
        if (tl_regex_compile(&out->re[out->n], text, flags, &rerr) < 0) {
            at(ld, p, "bad pattern in `%s`: %s", field, rerr.message);
            return TL_ECONFIG;
        }
        out->src[out->n] = text == p->value ? tl_arena_strdup(&ld->rs->arena, text) : text;
        out->n++;
    }
    return 0;
}

static int string_list(loader *ld, const tl_ynode *n, const char *field, const char ***out,
                       size_t *count)
{
    n = tl_yaml_resolve(n);
    if (n && n->type == TL_Y_SCALAR) {
        *out = tl_arena_alloc(&ld->rs->arena, sizeof(**out));
        if (!*out) return TL_ENOMEM;
        (*out)[0] = tl_arena_strdup(&ld->rs->arena, n->value);
        *count = 1;
        return 0;
    }
    if (!n || n->type != TL_Y_SEQ)
        return at(ld, n, "`%s` must be a list of strings%s", field, NULL);
    *out = tl_arena_alloc(&ld->rs->arena, (n->n ? n->n : 1) * sizeof(**out));
    if (!*out) return TL_ENOMEM;
    for (size_t i = 0; i < n->n; i++) {
        const tl_ynode *s = tl_yaml_resolve(n->items[i]);
        if (!s || s->type != TL_Y_SCALAR)
            return at(ld, s, "`%s` items must be strings%s", field, NULL);
        (*out)[i] = tl_arena_strdup(&ld->rs->arena, s->value);
    }
    *count = n->n;
    return 0;
}

static int examples(loader *ld, const tl_ynode *n, const char *field, const tl_rule *r,
                    tl_example **out, size_t *count)
{
    n = tl_yaml_resolve(n);
    if (!n || n->type != TL_Y_SEQ) return at(ld, n, "`examples.%s` must be a list%s", field, NULL);
    *out = tl_arena_alloc(&ld->rs->arena, (n->n ? n->n : 1) * sizeof(**out));
    if (!*out) return TL_ENOMEM;
    tl_kind def = TL_KIND_UI;
    for (int k = TL_KIND_UI; k < TL_KIND_COUNT; k++)
        if (r->scope != 0xFFu && (r->scope & (1u << k))) {
            def = (tl_kind)k;
            break;
        }
    for (size_t i = 0; i < n->n; i++) {
        const tl_ynode *e = tl_yaml_resolve(n->items[i]);
        tl_example *ex = &(*out)[i];
        ex->kind = def;
        ex->line = e ? e->line : 0;
        if (e && e->type == TL_Y_SCALAR) {
            ex->text = tl_arena_strdup(&ld->rs->arena, e->value);
        } else if (e && e->type == TL_Y_MAP) {
            for (size_t j = 0; j + 1 < e->n; j += 2) {
                const tl_ynode *k = tl_yaml_resolve(e->items[j]);
                const tl_ynode *v = tl_yaml_resolve(e->items[j + 1]);
                if (!k || k->type != TL_Y_SCALAR || !v || v->type != TL_Y_SCALAR)
                    return at(ld, e, "an example must map names to strings%s", "", NULL);
                if (strcmp(k->value, "text") == 0) {
                    ex->text = tl_arena_strdup(&ld->rs->arena, v->value);
                } else if (strcmp(k->value, "key") == 0) {
                    ex->key = tl_arena_strdup(&ld->rs->arena, v->value);
                } else if (strcmp(k->value, "moment") == 0) {
                    if (tl_moments_find(&ld->rs->moments, v->value) < 0)
                        return at(ld, v, "unknown moment `%s` in an example%s", v->value, NULL);
                    ex->moment = tl_arena_strdup(&ld->rs->arena, v->value);
                } else if (strcmp(k->value, "fixed") == 0 && strcmp(field, "bad") == 0) {
                    ex->fixed = tl_arena_strdup(&ld->rs->arena, v->value);
                } else if (strcmp(k->value, "kind") == 0) {
                    ex->kind = tl_kind_from_name(v->value);
                    if (ex->kind == TL_KIND_UNKNOWN)
                        return at(ld, v, "unknown kind `%s` (ui, error, email, notification)%s",
                                  v->value, NULL);
                } else {
                    return at(ld, k, "unknown example field `%s`%s", k->value, NULL);
                }
            }
            if (!ex->text) return at(ld, e, "an example needs `text`%s", "", NULL);
        } else {
            return at(ld, e, "an example must be a string or a map%s", "", NULL);
        }
    }
    *count = n->n;
    return 0;
}

static int parse_max(loader *ld, const tl_ynode *n, tl_rule *r)
{
    n = tl_yaml_resolve(n);
    for (int k = 0; k < TL_KIND_COUNT; k++)
        r->max[k] = -1;
    if (n && n->type == TL_Y_SCALAR) {
        char *end;
        long v = strtol(n->value, &end, 10);
        if (*end || v < 0 || v > 100000) return at(ld, n, "`max` must be a number%s", "", NULL);
        for (int k = 0; k < TL_KIND_COUNT; k++)
            r->max[k] = (int)v;
        return 0;
    }
    if (!n || n->type != TL_Y_MAP)
        return at(ld, n, "`max` must be a number or a map by kind%s", "", NULL);
    /* `all` first, then specific kinds override it. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t j = 0; j + 1 < n->n; j += 2) {
            const tl_ynode *k = tl_yaml_resolve(n->items[j]);
            const tl_ynode *v = tl_yaml_resolve(n->items[j + 1]);
            if (!k || k->type != TL_Y_SCALAR || !v || v->type != TL_Y_SCALAR)
                return at(ld, n, "`max` must map kinds to numbers%s", "", NULL);
            char *end;
            long val = strtol(v->value, &end, 10);
            if (*end || val < 0 || val > 100000)
                return at(ld, v, "`max` must be a number%s", "", NULL);
            bool all = strcmp(k->value, "all") == 0;
            if (pass == 0 && all) {
                for (int kk = 0; kk < TL_KIND_COUNT; kk++)
                    r->max[kk] = (int)val;
            } else if (pass == 1 && !all) {
                tl_kind kind = tl_kind_from_name(k->value);
                if (kind == TL_KIND_UNKNOWN)
                    return at(ld, k, "unknown kind `%s` in `max`%s", k->value, NULL);
                r->max[kind] = (int)val;
                if (kind == TL_KIND_UI) r->max[TL_KIND_UNKNOWN] = (int)val;
            }
        }
    }
    return 0;
}

static bool valid_id(const char *id, const char *category)
{
    size_t cl = strlen(category);
    if (strncmp(id, category, cl) != 0 || id[cl] != '.' || !id[cl + 1]) return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
            return false;
    return true;
}

static int load_rule_fields(loader *ld, const tl_ynode *n, const char *category, tl_rule *r);

/* Load one rule; a rule that fails to load leaves no compiled pattern behind. */
static int load_rule(loader *ld, const tl_ynode *n, const char *category)
{
    n = tl_yaml_resolve(n);
    if (!n || n->type != TL_Y_MAP) return at(ld, n, "a rule must be a mapping%s", "", NULL);
    tl_rule *r = tl_arena_alloc(&ld->rs->arena, sizeof(*r));
    if (!r) return tl_error_set(ld->err, TL_ENOMEM, "out of memory");
    int rc = load_rule_fields(ld, n, category, r);
    if (rc < 0) free_rule_patterns(r);
    return rc;
}

static int load_rule_fields(loader *ld, const tl_ynode *n, const char *category, tl_rule *r)
{
    tl_ruleset *rs = ld->rs;
    r->category = category;
    r->lang = ld->lang;
    r->file = tl_arena_strdup(&rs->arena, ld->path);
    r->line = n->line;
    r->scope = 0xFFu;
    r->enabled = true;
    for (int k = 0; k < TL_KIND_COUNT; k++)
        r->max[k] = -1;
    int rc = 0;
    /* Every mistake of the rule is noted (at() keeps each in rs->errors) and
     * the checks go on, so that one run shows them all; the rule is dropped
     * after the checks that do not depend on each other. */
    bool bad = false;
#define MISTAKE(call)                                                                              \
    do {                                                                                           \
        if ((call) == TL_ENOMEM) return TL_ENOMEM;                                                 \
        bad = true;                                                                                \
    } while (0)
    const tl_ynode *kind_node = NULL, *sev_node = NULL;
    const tl_ynode *pat = NULL, *exc = NULL, *unl = NULL, *keys = NULL, *skip = NULL, *ex = NULL;
    const tl_ynode *max = NULL, *scope = NULL, *swap = NULL, *moments = NULL;
    /* First pass: plain fields; flags must be known before compiling. */
    for (size_t i = 0; i + 1 < n->n; i += 2) {
        const tl_ynode *k = tl_yaml_resolve(n->items[i]);
        const tl_ynode *v = n->items[i + 1];
        if (!k || k->type != TL_Y_SCALAR) {
            MISTAKE(at(ld, k, "rule fields must be names%s", "", NULL));
            continue;
        }
        const char *f = k->value;
        if (strcmp(f, "id") == 0) {
            r->id = scalar(ld, v, f, &rc);
        } else if (strcmp(f, "severity") == 0) {
            sev_node = tl_yaml_resolve(v);
        } else if (strcmp(f, "kind") == 0) {
            kind_node = tl_yaml_resolve(v);
        } else if (strcmp(f, "message") == 0) {
            r->message = scalar(ld, v, f, &rc);
        } else if (strcmp(f, "why") == 0) {
            r->why = scalar(ld, v, f, &rc);
        } else if (strcmp(f, "source") == 0) {
            r->source = scalar(ld, v, f, &rc);
        } else if (strcmp(f, "category") == 0) {
            const char *c = scalar(ld, v, f, &rc);
            if (c && strcmp(c, category) != 0) {
                MISTAKE(at(ld, v, "rule category `%s` differs from the file's `%s`", c, category));
                continue;
            }
        } else if (strcmp(f, "patterns") == 0) {
            pat = v;
        } else if (strcmp(f, "exceptions") == 0) {
            exc = v;
        } else if (strcmp(f, "unless") == 0) {
            unl = v;
        } else if (strcmp(f, "keys") == 0) {
            keys = v;
        } else if (strcmp(f, "skip_keys") == 0) {
            skip = v;
        } else if (strcmp(f, "suggest") == 0) {
            rc = string_list(ld, v, f, &r->suggest, &r->nsuggest);
        } else if (strcmp(f, "swap") == 0) {
            swap = v;
        } else if (strcmp(f, "fix") == 0) {
            const char *s = scalar(ld, v, f, &rc);
            if (s && strcmp(s, "safe") != 0 && strcmp(s, "none") != 0) {
                MISTAKE(at(ld, v, "`fix` must be `safe` or `none`%s", "", NULL));
                continue;
            }
            r->fix_safe = s && strcmp(s, "safe") == 0;
        } else if (strcmp(f, "case_sensitive") == 0 || strcmp(f, "raw") == 0) {
            const char *s = scalar(ld, v, f, &rc);
            bool val = s && (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0);
            if (s && !val && strcmp(s, "false") != 0 && strcmp(s, "no") != 0) {
                MISTAKE(at(ld, v, "`%s` must be true or false%s", f, NULL));
                continue;
            }
            if (f[0] == 'c')
                r->case_sensitive = val;
            else
                r->raw = val;
        } else if (strcmp(f, "audience") == 0) {
            const char *s = scalar(ld, v, f, &rc);
            if (s && strcmp(s, "customer") != 0 && strcmp(s, "lay") != 0 && strcmp(s, "all") != 0) {
                MISTAKE(at(ld, v, "`audience` must be `customer`, `lay` or `all`%s", "", NULL));
                continue;
            }
            r->skip_flags = !s || strcmp(s, "all") == 0 ? 0
                            : strcmp(s, "lay") == 0     ? TL_SEG_DEVELOPER | TL_SEG_SETTINGS
                                                        : TL_SEG_DEVELOPER;
        } else if (strcmp(f, "scope") == 0) {
            scope = v;
        } else if (strcmp(f, "moments") == 0) {
            moments = v;
        } else if (strcmp(f, "tier") == 0) {
            const char *t = scalar(ld, v, f, &rc);
            if (!t) continue;
            int tier = tl_tier_from_name(t);
            if (tier < 0) {
                MISTAKE(at(ld, v, "unknown tier `%s` (default, strict, pedantic)%s", t, NULL));
                continue;
            }
            r->tier = (tl_tier)tier;
        } else if (strcmp(f, "metric") == 0) {
            const char *s = scalar(ld, v, f, &rc);
            if (!s) continue;
            if (strcmp(s, "sentence-words") == 0)
                r->metric = TL_METRIC_SENTENCE_WORDS;
            else if (strcmp(s, "exclamations") == 0)
                r->metric = TL_METRIC_EXCLAMATIONS;
            else if (strcmp(s, "caps-words") == 0)
                r->metric = TL_METRIC_CAPS_WORDS;
            else {
                MISTAKE(at(ld, v,
                           "unknown metric `%s` (sentence-words, exclamations, caps-words)%s", s,
                           NULL));
                continue;
            }
        } else if (strcmp(f, "max") == 0) {
            max = v;
        } else if (strcmp(f, "min_words") == 0) {
            const char *s = scalar(ld, v, f, &rc);
            r->min_words = s ? atoi(s) : 0;
        } else if (strcmp(f, "examples") == 0) {
            ex = v;
        } else {
            {
                MISTAKE(at(ld, k, "unknown rule field `%s`%s", f, NULL));
                continue;
            }
        }
        if (rc == TL_ENOMEM) return rc;
        if (rc < 0) bad = true, rc = 0;
    }
    const char *id = r->id ? r->id : "?";
    if (!r->id)
        MISTAKE(at(ld, n, "a rule needs an `id`%s", "", NULL));
    else if (!valid_id(r->id, category))
        MISTAKE(at(ld, n, "rule id `%s` must be `%s.<name>` in lowercase letters, digits and -",
                   r->id, category));
    if (!sev_node || sev_node->type != TL_Y_SCALAR) {
        MISTAKE(at(ld, n, "rule `%s` needs a `severity`%s", id, NULL));
    } else {
        int sev = tl_severity_from_name(sev_node->value);
        if (sev < 0 || sev == TL_SEV_OFF)
            MISTAKE(at(ld, sev_node, "unknown severity `%s` (error, warning, suggestion)%s",
                       sev_node->value, NULL));
        else
            r->severity = r->default_severity = (tl_severity)sev;
    }
    if (!kind_node || kind_node->type != TL_Y_SCALAR) {
        MISTAKE(at(ld, n, "rule `%s` needs a `kind`%s", id, NULL));
    } else {
        const char *kn = kind_node->value;
        if (strcmp(kn, "existence") == 0)
            r->kind = TL_RULE_EXISTENCE;
        else if (strcmp(kn, "substitution") == 0)
            r->kind = TL_RULE_SUBSTITUTION;
        else if (strcmp(kn, "metric") == 0)
            r->kind = TL_RULE_METRIC;
        else if (strcmp(kn, "conditional") == 0)
            r->kind = TL_RULE_CONDITIONAL;
        else
            MISTAKE(at(ld, kind_node,
                       "unknown kind `%s` (existence, substitution, metric, conditional)%s", kn,
                       NULL));
    }
    /* `unless` is read by conditional rules only; on another kind it would
     * be silently ignored, and the rule would fire where its author meant
     * it not to. */
    if (unl && kind_node && r->kind != TL_RULE_CONDITIONAL && kind_node->type == TL_Y_SCALAR)
        MISTAKE(at(ld, unl, "`unless` applies to conditional rules only (rule `%s` is %s)", id,
                   kind_node->value));
    if (!r->message) MISTAKE(at(ld, n, "rule `%s` needs a `message`%s", id, NULL));
    if (!r->why) MISTAKE(at(ld, n, "rule `%s` needs a `why`%s", id, NULL));
    if (scope) {
        const char **names;
        size_t count;
        if ((rc = string_list(ld, scope, "scope", &names, &count)) < 0) return rc;
        r->scope = 0;
        for (size_t i = 0; i < count; i++) {
            if (strcmp(names[i], "all") == 0) {
                r->scope = 0xFFu;
                continue;
            }
            tl_kind kind = tl_kind_from_name(names[i]);
            if (kind == TL_KIND_UNKNOWN) {
                MISTAKE(at(ld, scope, "unknown scope `%s` (all, ui, error, email, notification)%s",
                           names[i], NULL));
                continue;
            }
            r->scope |= 1u << kind;
            if (kind == TL_KIND_UI) r->scope |= 1u << TL_KIND_UNKNOWN;
        }
    }
    if (moments) {
        const char **names;
        size_t count;
        if ((rc = string_list(ld, moments, "moments", &names, &count)) < 0) return rc;
        for (size_t i = 0; i < count; i++) {
            int m = tl_moments_find(&rs->moments, names[i]);
            if (m < 0) {
                MISTAKE(at(ld, moments,
                           "unknown moment `%s` in `moments` (see rules/moments.yml)%s", names[i],
                           NULL));
                continue;
            }
            r->moments |= 1u << m;
        }
    }
    unsigned flags = r->case_sensitive ? 0 : TL_RE_CASELESS;
    const struct {
        const tl_ynode *node;
        const char *field;
        unsigned flags;
        tl_relist *out;
    } lists[] = {{pat, "patterns", flags, &r->patterns},
                 {exc, "exceptions", flags, &r->exceptions},
                 {unl, "unless", flags, &r->unless},
                 {keys, "keys", TL_RE_CASELESS, &r->keys},
                 {skip, "skip_keys", TL_RE_CASELESS, &r->skip_keys}};
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
        if (lists[i].node && (rc = compile_list(ld, lists[i].node, lists[i].field, lists[i].flags,
                                                lists[i].out)) < 0)
            MISTAKE(rc);
    if (bad) return TL_ECONFIG;
#undef MISTAKE
    if (r->kind == TL_RULE_METRIC) {
        if (!r->metric) return at(ld, n, "metric rule `%s` needs a `metric`%s", r->id, NULL);
        if (!max) return at(ld, n, "metric rule `%s` needs a `max`%s", r->id, NULL);
        if ((rc = parse_max(ld, max, r)) < 0) return rc;
    } else if (r->patterns.n == 0) {
        return at(ld, n, "rule `%s` needs `patterns`%s", r->id, NULL);
    }
    if (swap) {
        const tl_ynode *sw = tl_yaml_resolve(swap);
        if (!sw || sw->type != TL_Y_SEQ || sw->n != r->patterns.n)
            return at(ld, swap, "`swap` needs one entry per pattern (a rewrite, a list, or [])%s",
                      "", NULL);
        r->swap = tl_arena_alloc(&rs->arena, sw->n * sizeof(*r->swap));
        r->nswap = tl_arena_alloc(&rs->arena, sw->n * sizeof(*r->nswap));
        if (!r->swap || !r->nswap) return TL_ENOMEM;
        bool any = false;
        for (size_t i = 0; i < sw->n; i++) {
            const tl_ynode *e = tl_yaml_resolve(sw->items[i]);
            if (e && e->type == TL_Y_SEQ && e->n == 0) {
                r->swap[i] = NULL, r->nswap[i] = 0;
                continue;
            }
            if ((rc = string_list(ld, e, "swap", &r->swap[i], &r->nswap[i])) < 0) return rc;
            any = true;
        }
        if (r->nsuggest)
            return at(ld, swap, "rule `%s` has both `swap` and `suggest`: keep one%s", r->id, NULL);
        if (!any) return at(ld, swap, "`swap` of rule `%s` rewrites nothing%s", r->id, NULL);
    }
    if (r->kind == TL_RULE_CONDITIONAL && r->unless.n == 0)
        return at(ld, n, "conditional rule `%s` needs `unless`%s", r->id, NULL);
    if (r->kind == TL_RULE_SUBSTITUTION && r->nsuggest == 0 && !r->swap)
        return at(ld, n, "substitution rule `%s` needs `suggest` or `swap`%s", r->id, NULL);
    if (r->fix_safe && r->nsuggest == 0 && !r->swap)
        return at(ld, n, "rule `%s` has `fix: safe` but no `suggest`%s", r->id, NULL);
    if (!ex) return at(ld, n, "rule `%s` needs `examples` (bad and good)%s", r->id, NULL);
    const tl_ynode *exm = tl_yaml_resolve(ex);
    if (!exm || exm->type != TL_Y_MAP)
        return at(ld, ex, "`examples` must have `bad` and `good`%s", "", NULL);
    for (size_t i = 0; i + 1 < exm->n; i += 2) {
        const tl_ynode *k = tl_yaml_resolve(exm->items[i]);
        if (!k || k->type != TL_Y_SCALAR) return at(ld, k, "bad examples field%s", "", NULL);
        if (strcmp(k->value, "bad") == 0)
            rc = examples(ld, exm->items[i + 1], "bad", r, &r->bad, &r->nbad);
        else if (strcmp(k->value, "good") == 0)
            rc = examples(ld, exm->items[i + 1], "good", r, &r->good, &r->ngood);
        else
            return at(ld, k, "unknown examples field `%s` (bad, good)%s", k->value, NULL);
        if (rc < 0) return rc;
    }
    if (!r->nbad || !r->ngood)
        return at(ld, ex, "rule `%s` needs at least one bad and one good example%s", r->id, NULL);
    if (r->fix_safe && (rc = check_fix_settles(ld, n, r)) < 0) return rc;

    /* A later definition of the same id replaces the earlier one. */
    for (size_t i = 0; i < rs->n; i++) {
        if (strcmp(rs->rules[i]->id, r->id) == 0 && strcmp(rs->rules[i]->lang, r->lang) == 0) {
            if (strcmp(rs->rules[i]->file, r->file) == 0)
                return at(ld, n, "rule id `%s` is defined twice in this file%s", r->id, NULL);
            free_rule_patterns(rs->rules[i]);
            rs->rules[i] = r;
            return 0;
        }
    }
    if (rs->n == rs->cap && tl_array_grow(&rs->rules, &rs->cap, sizeof(*rs->rules), 64) < 0)
        return tl_error_set(ld->err, TL_ENOMEM, "out of memory");
    rs->rules[rs->n++] = r;
    return 0;
}

static int cmp_longest(const void *a, const void *b)
{
    size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);
    return la < lb ? 1 : la > lb ? -1 : strcmp(*(char *const *)a, *(char *const *)b);
}

/* One word class: its entries (spaces match any run of white space, other
 * classes may be named), longest first so that an alternation prefers
 * "sign in" to "sign". */
static int load_class(loader *ld, const tl_ynode *k, const tl_ynode *v)
{
    const char *name = k->value;
    bool ok = name[0] != '\0';
    for (const char *c = name; *c; c++)
        ok &= (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-';
    if (!ok)
        return at(ld, k, "word class `%s` must be named in lowercase letters, digits and -%s", name,
                  NULL);
    v = tl_yaml_resolve(v);
    if (!v || v->type != TL_Y_SEQ || v->n == 0)
        return at(ld, v ? v : k, "word class `%s` must be a list of words%s", name, NULL);
    const char **entries = tl_arena_alloc(&ld->rs->arena, v->n * sizeof(*entries));
    if (!entries) return TL_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < v->n; i++) {
        const tl_ynode *e = tl_yaml_resolve(v->items[i]);
        if (!e || e->type != TL_Y_SCALAR || !e->value[0])
            return at(ld, e ? e : v, "word class `%s` entries must be words%s", name, NULL);
        const char *x = expand_classes(ld, e, e->value, &rc);
        if (!x) return rc;
        tl_buf b = TL_BUF_INIT;
        bool built = true;
        for (const char *c = x; *c; c++) {
            if (*c == ' ') {
                while (c[1] == ' ')
                    c++;
                built &= tl_buf_puts(&b, "\\s+") >= 0;
            } else {
                built &= tl_buf_append(&b, c, 1) >= 0;
            }
        }
        entries[i] = built && b.data ? tl_arena_strndup(&ld->rs->arena, b.data, b.len) : NULL;
        tl_buf_free(&b);
        if (!entries[i]) return tl_error_set(ld->err, TL_ENOMEM, "out of memory");
        tl_regex *re;
        tl_error rerr;
        tl_error_clear(&rerr);
        if (tl_regex_compile(&re, entries[i], 0, &rerr) < 0)
            return at(ld, e, "bad entry in word class: %s%s", rerr.message, NULL);
        tl_regex_free(re);
    }
    qsort(entries, v->n, sizeof(*entries), cmp_longest);
    tl_buf b = TL_BUF_INIT;
    bool joined = tl_buf_puts(&b, "(?:") >= 0;
    for (size_t i = 0; i < v->n; i++)
        joined &= (!i || tl_buf_puts(&b, "|") >= 0) && tl_buf_puts(&b, entries[i]) >= 0;
    joined &= tl_buf_puts(&b, ")") >= 0;
    const char *regex = joined && b.data ? tl_arena_strndup(&ld->rs->arena, b.data, b.len) : NULL;
    tl_buf_free(&b);
    tl_ruleset *rs = ld->rs;
    tl_word_class *c = tl_arena_realloc(&rs->arena, rs->classes, rs->nclasses * sizeof(*c),
                                        (rs->nclasses + 1) * sizeof(*c));
    if (!regex || !c) return tl_error_set(ld->err, TL_ENOMEM, "out of memory");
    rs->classes = c;
    c[rs->nclasses++] = (tl_word_class){ld->lang, tl_arena_strdup(&rs->arena, name), regex};
    return 0;
}

static int load_lexicon(loader *ld, const tl_ynode *lex)
{
    int bad = 0; /* a bad class is noted; the others still load */
    if (!lex || lex->type != TL_Y_MAP)
        return at(ld, lex, "`lexicon` must map class names to lists of words%s", "", NULL);
    for (size_t i = 0; i + 1 < lex->n; i += 2) {
        const tl_ynode *k = tl_yaml_resolve(lex->items[i]);
        if (!k || k->type != TL_Y_SCALAR)
            return at(ld, k, "class names must be strings%s", "", NULL);
        int rc = load_class(ld, k, lex->items[i + 1]);
        if (rc == TL_ENOMEM) return rc;
        if (rc < 0) bad = rc;
    }
    return bad;
}

/* Load one file; every error is noted in rs->errors. Returns 0, TL_ECONFIG
 * or TL_ENOMEM (err says why). */
static int load_file(tl_ruleset *rs, const char *path, const unsigned char *bytes, size_t len,
                     const char *lang, tl_error *err)
{
    tl_ydoc doc;
    int rc = tl_yaml_load(&doc, path, bytes, len, err);
    if (rc < 0) {
        err->code = TL_ECONFIG;
        return note(rs, err) == TL_ENOMEM ? TL_ENOMEM : TL_ECONFIG;
    }
    loader ld = {rs, path, tl_arena_strdup(&rs->arena, lang ? lang : "en"), err};
    const tl_ynode *root = tl_yaml_resolve(doc.root);
    if (!root || root->type != TL_Y_MAP) {
        rc = at(&ld, root, "a rule file must be a mapping with `category` and `rules`%s", "", NULL);
        goto done;
    }
    const tl_ynode *cat = NULL, *rules = NULL, *lexicon = NULL, *moments = NULL, *source = NULL,
                   *kinds = NULL;
    for (size_t i = 0; i + 1 < root->n; i += 2) {
        const tl_ynode *k = tl_yaml_resolve(root->items[i]);
        if (!k || k->type != TL_Y_SCALAR) {
            rc = at(&ld, k, "top-level names must be strings%s", "", NULL);
            goto done;
        }
        if (strcmp(k->value, "category") == 0) {
            cat = tl_yaml_resolve(root->items[i + 1]);
        } else if (strcmp(k->value, "rules") == 0) {
            rules = tl_yaml_resolve(root->items[i + 1]);
        } else if (strcmp(k->value, "lexicon") == 0) {
            lexicon = tl_yaml_resolve(root->items[i + 1]);
        } else if (strcmp(k->value, "moments") == 0) {
            moments = tl_yaml_resolve(root->items[i + 1]);
        } else if (strcmp(k->value, "source") == 0) {
            source = tl_yaml_resolve(root->items[i + 1]);
        } else if (strcmp(k->value, "kinds") == 0) {
            kinds = tl_yaml_resolve(root->items[i + 1]);
        } else if (strcmp(k->value, "language") == 0) {
            const tl_ynode *l = tl_yaml_resolve(root->items[i + 1]);
            if (l && l->type == TL_Y_SCALAR) ld.lang = tl_arena_strdup(&rs->arena, l->value);
        } else {
            rc = at(&ld, k,
                    "unknown top-level field `%s` (category, language, rules, lexicon, moments, "
                    "source, kinds)%s",
                    k->value, NULL);
            goto done;
        }
    }
    if (kinds) {
        if (cat || rules || lexicon || moments || source)
            rc = at(&ld, root, "a kinds file holds the cues of kinds of copy only, not rules%s", "",
                    NULL);
        else
            rc = tl_kinds_load(&rs->kinds, &rs->arena, ld.path, kinds, ld.err);
        if (rc == TL_ECONFIG && note(rs, ld.err) == TL_ENOMEM) rc = TL_ENOMEM;
        goto done;
    }
    if (source) {
        if (cat || rules || lexicon || moments)
            rc = at(&ld, root, "a source file holds the cues of copy in code only, not rules%s", "",
                    NULL);
        else
            rc = tl_select_load(&rs->select, &rs->arena, ld.path, source, ld.err);
        if (rc == TL_ECONFIG && note(rs, ld.err) == TL_ENOMEM) rc = TL_ENOMEM;
        goto done;
    }
    if (moments) {
        if (cat || rules || lexicon)
            rc = at(&ld, root, "a moments file holds journey moments only, not rules%s", "", NULL);
        else
            rc = tl_moments_load(&rs->moments, &rs->arena, ld.path, moments, ld.lang, ld.err);
        if (rc == TL_ECONFIG && note(rs, ld.err) == TL_ENOMEM) rc = TL_ENOMEM;
        goto done;
    }
    if (lexicon) {
        if (cat || rules)
            rc = at(&ld, root, "a lexicon file holds word classes only, not rules%s", "", NULL);
        else
            rc = load_lexicon(&ld, lexicon);
        goto done;
    }
    if (!cat || cat->type != TL_Y_SCALAR || !cat->value[0]) {
        rc = at(&ld, root, "a rule file needs a `category`%s", "", NULL);
        goto done;
    }
    if (!rules || rules->type != TL_Y_SEQ) {
        rc = at(&ld, rules ? rules : root, "`rules` must be a list%s", "", NULL);
        goto done;
    }
    const char *category = tl_arena_strdup(&rs->arena, cat->value);
    /* A rule with mistakes is noted and dropped; the next rules still load. */
    for (size_t i = 0; i < rules->n; i++) {
        int one = load_rule(&ld, rules->items[i], category);
        if (one == TL_ENOMEM) {
            rc = one;
            break;
        }
        if (one < 0) rc = TL_ECONFIG;
    }
done:
    tl_yaml_free(&doc);
    return rc;
}

static int read_file(const char *path, unsigned char **out, size_t *len, tl_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (err) err->path = path;
        return tl_error_set(err, TL_ECONFIG, "cannot read rule file: %s", strerror(errno));
    }
    tl_buf b = TL_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        if (tl_buf_append(&b, chunk, n) < 0) break;
    fclose(f);
    *len = b.len;
    *out = (unsigned char *)tl_buf_detach(&b);
    return *out ? 0 : TL_ENOMEM;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_yaml_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && ((n > 4 && strcmp(name + n - 4, ".yml") == 0) ||
                              (n > 5 && strcmp(name + n - 5, ".yaml") == 0));
}

static bool is_lang_dir(const char *name)
{
    size_t n = strlen(name);
    if (n != 2 && n != 5) return false;
    if (name[0] < 'a' || name[0] > 'z' || name[1] < 'a' || name[1] > 'z') return false;
    return n == 2 || name[2] == '_' || name[2] == '-';
}

/* Load a pack folder; every error is noted in rs->errors and the other
 * files still load. Returns 0, TL_ECONFIG or TL_ENOMEM. */
static int load_dir(tl_ruleset *rs, const char *dir, const char *lang, tl_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        tl_error_clear(err);
        err->path = dir;
        tl_error_set(err, TL_ECONFIG, "cannot open rule pack: %s", strerror(errno));
        return note(rs, err);
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        if (n == cap && tl_array_grow(&names, &cap, sizeof(*names), 32) < 0) {
            rc = TL_ENOMEM;
            break;
        }
        names[n] = strdup(e->d_name);
        if (!names[n]) {
            rc = TL_ENOMEM;
            break;
        }
        n++;
    }
    closedir(d);
    if (rc == 0 && n) qsort(names, n, sizeof(*names), cmp_names);
    /* Journey moments before the rules scoped to them and before language
     * folders (whose moments files add words to them), then word classes
     * before the rules that name them: moments*.yml, lexicon*.yml first. */
    size_t lex = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = lex; i < n; i++)
            if (strncmp(names[i], pass ? "lexicon" : "moments", 7) == 0) {
                char *t = names[i];
                memmove(names + lex + 1, names + lex, (i - lex) * sizeof(*names));
                names[lex++] = t;
            }
    size_t loaded = 0;
    bool bad = false; /* a file had errors (noted); the others still load */
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char *path = NULL;
        if (asprintf(&path, "%s/%s", dir, names[i]) < 0) {
            rc = TL_ENOMEM;
            break;
        }
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) && is_lang_dir(names[i])) {
            char code[3] = {names[i][0], names[i][1], 0};
            rc = load_dir(rs, path, code, err);
            loaded++;
        } else if (is_yaml_name(names[i])) {
            unsigned char *bytes;
            size_t len;
            tl_error_clear(err);
            rc = read_file(path, &bytes, &len, err);
            if (rc == TL_ECONFIG) rc = note(rs, err);
            if (rc == 0) {
                const char *p = tl_arena_strdup(&rs->arena, path);
                rc = load_file(rs, p, bytes, len, lang, err);
                free(bytes);
            }
            loaded++;
        }
        free(path);
        if (rc == TL_ECONFIG) bad = true, rc = 0;
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (rc == 0 && loaded == 0) {
        tl_error_clear(err);
        err->path = dir;
        tl_error_set(err, TL_ECONFIG, "no rule files (*.yml) in this folder");
        rc = note(rs, err);
    }
    if (rc == 0 && bad) rc = TL_ECONFIG;
    if (rc == 0) {
        const char **p = tl_arena_realloc(&rs->arena, rs->packs, rs->npacks * sizeof(*p),
                                          (rs->npacks + 1) * sizeof(*p));
        if (p) {
            p[rs->npacks++] = tl_arena_strdup(&rs->arena, dir);
            rs->packs = p;
        }
    }
    return rc;
}

/* The public calls: errors of this call only; the first one in err. */
static int finish(tl_ruleset *rs, int rc, const tl_error *made, tl_error *err)
{
    if (err) *err = rc == TL_ENOMEM || !rs->nerrors ? *made : rs->errors[0];
    if (rc == TL_ENOMEM && err) tl_error_set(err, TL_ENOMEM, "out of memory");
    return rc < 0 ? (rc == TL_ENOMEM ? rc : rs->errors[0].code) : 0;
}

int tl_ruleset_load_dir(tl_ruleset *rs, const char *dir, const char *lang, tl_error *err)
{
    tl_error made;
    tl_error_clear(&made);
    rs->nerrors = 0;
    return finish(rs, load_dir(rs, dir, lang, &made), &made, err);
}

int tl_ruleset_load_file(tl_ruleset *rs, const char *path, const unsigned char *bytes, size_t len,
                         const char *lang, tl_error *err)
{
    tl_error made;
    tl_error_clear(&made);
    rs->nerrors = 0;
    return finish(rs, load_file(rs, path, bytes, len, lang, &made), &made, err);
}
