/* classify.c - kind and audience of a segment from notes, keys, path, text,
 * by the cues of rules/kinds.yml (classify.h). */
#include "classify.h"

#include <string.h>

/* ASCII tests: keys, contexts and paths are matched as ASCII words (as
 * <ctype.h> does in the C locale), and these run on every byte of them. */
static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static bool is_alpha(char c)
{
    return is_upper(c) || is_lower(c);
}

static char lower(char c)
{
    return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

/* Whether s starts with the lowercase word w (wl bytes), ignoring ASCII
 * case (as strcasestr does in the C locale). */
static bool starts_ci(const char *s, const char *w, size_t wl)
{
    for (size_t i = 0; i < wl; i++)
        if (lower(s[i]) != w[i]) return false; /* stops at s's NUL: w has none */
    return true;
}

/* Where the lowercase name w ends when it is written at p, or NULL. A `-`
 * in the name stands for the key's own separator between its words: one
 * non-letter ("site_settings", "site.settings", "site-settings") or a
 * camelCase hump ("siteSettings"). */
static const char *name_end(const char *p, const char *w)
{
    for (; *w; w++) {
        if (*w == '-') {
            if (*p && !is_alpha(*p))
                p++;
            else if (!is_upper(*p))
                return NULL;
            continue;
        }
        if (lower(*p) != *w) return NULL; /* stops at p's NUL: w has none */
        p++;
    }
    return p;
}

/* Whether one of `words` is the component starting at p: the word, an
 * optional "s", then the end, a non-letter or a capital. */
static bool component_is(const char *p, const char *const *words)
{
    char c = lower(*p);
    for (int i = 0; words[i]; i++) {
        if (words[i][0] != c) continue;
        const char *e = name_end(p, words[i]);
        if (!e) continue;
        if (*e == 's' || *e == 'S') e++;
        if (!is_lower(*e)) return true;
    }
    return false;
}

#define TEXT_BIT (1u << 31)
#define DEV_LIST (TL_KIND_LISTS - 1)
#define SETTINGS_LIST (TL_KIND_LISTS - 2)
#define SOURCE_DEV_LIST (TL_KIND_LISTS - 3)

static const char *const *list_of(const tl_kinds *k, int l)
{
    return l == DEV_LIST          ? k->developer
           : l == SETTINGS_LIST   ? k->settings
           : l == SOURCE_DEV_LIST ? k->source_developer
           : (size_t)l < k->n     ? k->cues[l].names
                                  : NULL;
}

/* Add the words of a second pack to a list (`developer`, `settings`,
 * `source_developer`). */
static int join_words(tl_arena *arena, const char ***list, const char **w)
{
    size_t a = 0, b = 0;
    while (*list && (*list)[a])
        a++;
    while (w[b])
        b++;
    const char **all = tl_arena_alloc(arena, (a + b + 1) * sizeof(*all));
    if (!all) return TL_ENOMEM;
    if (a) memcpy(all, *list, a * sizeof(*all));
    memcpy(all + a, w, (b + 1) * sizeof(*all));
    *list = all;
    return 0;
}

static void build_first(tl_kinds *k)
{
    memset(k->first, 0, sizeof(k->first));
    for (int l = 0; l < TL_KIND_LISTS; l++)
        for (const char *const *w = list_of(k, l); w && *w; w++)
            k->first[(unsigned char)(*w)[0]] |= 1u << l;
    for (size_t c = 0; c < k->n; c++)
        for (const char **w = k->cues[c].text; w && *w; w++)
            k->first[(unsigned char)(*w)[0]] |= TEXT_BIT;
    for (const char **w = k->developer_text; w && *w; w++)
        k->first[(unsigned char)(*w)[0]] |= TEXT_BIT;
}

static int kerr(tl_error *err, const char *path, const tl_ynode *n, const char *msg)
{
    tl_error_clear(err);
    err->path = path;
    err->line = n ? n->line : 0;
    err->column = n ? n->column : 0;
    return tl_error_set(err, TL_ECONFIG, "%s", msg);
}

/* A list of lowercase words, NULL-ended: names are letters and `-`
 * (matched without case), text words any lowercase phrase. */
static int words(tl_arena *arena, const char *path, const tl_ynode *seq, const char ***out,
                 bool phrases, tl_error *err)
{
    seq = tl_yaml_resolve(seq);
    if (!seq || seq->type != TL_Y_SEQ || !seq->n)
        return kerr(err, path, seq, "a list of words is expected");
    const char **w = tl_arena_alloc(arena, (seq->n + 1) * sizeof(*w));
    if (!w) return TL_ENOMEM;
    for (size_t i = 0; i < seq->n; i++) {
        const tl_ynode *n = tl_yaml_resolve(seq->items[i]);
        if (!n || n->type != TL_Y_SCALAR || !n->value[0])
            return kerr(err, path, n ? n : seq, "a word is a text");
        for (const char *p = n->value; *p; p++)
            if (is_upper(*p) || (!phrases && !is_lower(*p) && *p != '-'))
                return kerr(err, path, n,
                            phrases ? "text words are lowercase"
                                    : "names are lowercase letters and `-` (matched without case)");
        if (!(w[i] = tl_arena_strdup(arena, n->value))) return TL_ENOMEM;
    }
    w[seq->n] = NULL;
    *out = w;
    return 0;
}

int tl_kinds_load(tl_kinds *k, tl_arena *arena, const char *path, const tl_ynode *map,
                  tl_error *err)
{
    static const char *const shape =
        "`kinds` takes {cues: [{kind: KIND, names: [...], paths: true, text: [...]}], "
        "developer: [...], developer_text: [...], settings: [...], source_developer: [...]}";
    map = tl_yaml_resolve(map);
    if (!map || map->type != TL_Y_MAP) return kerr(err, path, map, shape);
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const tl_ynode *key = tl_yaml_resolve(map->items[i]);
        const tl_ynode *v = tl_yaml_resolve(map->items[i + 1]);
        if (!key || key->type != TL_Y_SCALAR) return kerr(err, path, key, shape);
        int rc;
        const char ***list = strcmp(key->value, "developer") == 0          ? &k->developer
                             : strcmp(key->value, "settings") == 0         ? &k->settings
                             : strcmp(key->value, "source_developer") == 0 ? &k->source_developer
                                                                           : NULL;
        bool phrases = strcmp(key->value, "developer_text") == 0;
        if (phrases) list = &k->developer_text;
        if (list) {
            const char **w;
            if ((rc = words(arena, path, v, &w, phrases, err)) < 0) return rc;
            /* A second pack's words join the first's. */
            if ((rc = join_words(arena, list, w)) < 0) return rc;
            continue;
        }
        if (strcmp(key->value, "cues") != 0)
            return kerr(err, path, key,
                        "unknown key in `kinds` (cues, developer, developer_text, settings, "
                        "source_developer)");
        if (!v || v->type != TL_Y_SEQ) return kerr(err, path, v, shape);
        for (size_t c = 0; c < v->n; c++) {
            const tl_ynode *g = tl_yaml_resolve(v->items[c]);
            if (!g || g->type != TL_Y_MAP) return kerr(err, path, g, shape);
            if (k->n == TL_KIND_LISTS - 3) return kerr(err, path, g, "too many kind cues");
            tl_kind_cue cue = {TL_KIND_UNKNOWN, NULL, NULL, false};
            for (size_t f = 0; f + 1 < g->n; f += 2) {
                const tl_ynode *fk = tl_yaml_resolve(g->items[f]);
                const tl_ynode *fv = tl_yaml_resolve(g->items[f + 1]);
                if (!fk || fk->type != TL_Y_SCALAR) return kerr(err, path, fk, shape);
                if (strcmp(fk->value, "kind") == 0) {
                    cue.kind = fv && fv->type == TL_Y_SCALAR ? tl_kind_from_name(fv->value)
                                                             : TL_KIND_UNKNOWN;
                    if (cue.kind == TL_KIND_UNKNOWN)
                        return kerr(err, path, fv,
                                    "`kind` is one of ui, error, email, notification");
                } else if (strcmp(fk->value, "names") == 0) {
                    if ((rc = words(arena, path, fv, &cue.names, false, err)) < 0) return rc;
                } else if (strcmp(fk->value, "text") == 0) {
                    if ((rc = words(arena, path, fv, &cue.text, true, err)) < 0) return rc;
                } else if (strcmp(fk->value, "paths") == 0) {
                    if (!fv || fv->type != TL_Y_SCALAR ||
                        (strcmp(fv->value, "true") != 0 && strcmp(fv->value, "false") != 0))
                        return kerr(err, path, fv, "`paths` is true or false");
                    cue.paths = fv->value[0] == 't';
                } else {
                    return kerr(err, path, fk,
                                "unknown key in a kind cue (kind, names, paths, text)");
                }
            }
            if (cue.kind == TL_KIND_UNKNOWN) return kerr(err, path, g, "a kind cue needs `kind`");
            if (!cue.names && !cue.text)
                return kerr(err, path, g, "a kind cue needs `names` or `text`");
            if (cue.paths && !cue.names) return kerr(err, path, g, "`paths: true` needs `names`");
            k->cues[k->n++] = cue;
        }
    }
    build_first(k);
    return 0;
}

/* Which word lists (bit l for list l) have a word occurring in s as a
 * whole component: bounded by start/end or by a non-letter (so
 * "errors.card" and "card_error" hold "error" but "terror" does not), or
 * starting a camelCase hump ("loginError", "paymentFailed"). A trailing
 * "s" is allowed ("errors"). One pass over s for every list, trying words
 * only where a component can start with one of their first letters: this
 * runs on the key, context and path of every segment. */
static uint32_t components(const tl_kinds *k, const char *s)
{
    const uint32_t all = ~TEXT_BIT;
    uint32_t found = 0;
    if (!s) return 0;
    for (const char *p = s; *p && found != all; p++) {
        bool left = p == s || !is_alpha(p[-1]);
        bool camel = p > s && is_upper(p[0]) && is_lower(p[-1]);
        if (!left && !camel) continue;
        uint32_t maybe = k->first[(unsigned char)lower(*p)] & ~found & all;
        for (int l = 0; l < TL_KIND_LISTS && maybe; l++) {
            if (!(maybe & 1u << l)) continue;
            maybe &= ~(1u << l);
            if (component_is(p, list_of(k, l))) found |= 1u << l;
        }
    }
    return found;
}

static bool text_has(const tl_kinds *k, const char *text, const char *const *cues)
{
    for (const char *p = text; *p; p++) {
        if (p != text && is_alpha(p[-1])) continue;
        char c = lower(*p);
        if (!(k->first[(unsigned char)c] & TEXT_BIT)) continue;
        for (int i = 0; cues[i]; i++) {
            if (cues[i][0] != c) continue;
            size_t n = strlen(cues[i]);
            if (starts_ci(p, cues[i], n) && !is_alpha(p[n])) return true;
        }
    }
    return false;
}

static tl_kind kind_from_note(const char *comment)
{
    if (!comment) return TL_KIND_UNKNOWN;
    const char *p = strstr(comment, "kind:");
    if (!p) return TL_KIND_UNKNOWN;
    p += 5;
    while (*p == ' ' || *p == '\t')
        p++;
    char name[16];
    size_t n = 0;
    while (n + 1 < sizeof(name) && is_alpha(p[n])) {
        name[n] = lower(p[n]);
        n++;
    }
    name[n] = '\0';
    return tl_kind_from_name(name);
}

/* What a file's path says (bit l for list l), computed once per path and
 * cue set: every segment of a document shares it, and scanning the path
 * per segment was a fifth of a whole-corpus run. Per thread, so workers
 * need no lock. */
typedef struct path_cues {
    char path[1024];
    const tl_kinds *kinds;
    bool valid;
    uint32_t found;
} path_cues;

static _Thread_local path_cues cues;

static uint32_t path_lists(const tl_kinds *k, const char *path)
{
    if (!path) return 0;
    size_t n = strlen(path);
    if (n >= sizeof(cues.path)) return components(k, path); /* too long to cache */
    if (!cues.valid || cues.kinds != k || strcmp(cues.path, path) != 0) {
        memcpy(cues.path, path, n + 1);
        cues.kinds = k;
        cues.found = components(k, path);
        cues.valid = true;
    }
    return cues.found;
}

/* Whether every source reference of a PO entry (its `#:` lines, such as
 * "includes/admin/class-settings.php:42") lies in code of the list's
 * audience (developer or admin code, settings screens). A string also used
 * anywhere else may reach customers. */
static bool refs_all(const tl_kinds *k, const char *refs, int list)
{
    bool any = false;
    for (const char *p = refs; p && *p;) {
        p += strspn(p, " \t\r\n");
        if (!*p) break;
        size_t n = strcspn(p, " \t\r\n");
        char ref[512];
        size_t m = n < sizeof(ref) - 1 ? n : sizeof(ref) - 1;
        memcpy(ref, p, m);
        ref[m] = '\0';
        if (!(components(k, ref) & 1u << list)) return false;
        any = true;
        p += n;
    }
    return any;
}

void tl_classify(const tl_kinds *k, tl_segment *seg, const char *path)
{
    static const tl_kinds none;
    if (!k) k = &none;
    uint32_t on_path = path_lists(k, path);
    const char *key = seg->key, *ctx = seg->context;
    /* For PO the key is the English text itself; only the context is a name. */
    bool key_is_text = key && seg->text && strcmp(key, seg->text) == 0;
    if (key_is_text) key = NULL;
    if (seg->kind == TL_KIND_UNKNOWN) seg->kind = kind_from_note(seg->comment);
    uint32_t named = components(k, key) | components(k, ctx);
    if (seg->kind == TL_KIND_UNKNOWN) {
        /* The first cue that names the segment, in the pack's order. */
        for (size_t c = 0; c < k->n && seg->kind == TL_KIND_UNKNOWN; c++) {
            const tl_kind_cue *cue = &k->cues[c];
            uint32_t bit = 1u << c;
            if ((named & bit) || (cue->paths && (on_path & bit)) ||
                (cue->text && seg->text && text_has(k, seg->text, cue->text)))
                seg->kind = cue->kind;
        }
        if (seg->kind == TL_KIND_UNKNOWN) seg->kind = TL_KIND_UI;
    }
    uint32_t dev = 1u << DEV_LIST, set = 1u << SETTINGS_LIST;
    if ((named & dev) || (on_path & dev) || refs_all(k, seg->refs, DEV_LIST) ||
        (seg->src && (on_path & 1u << SOURCE_DEV_LIST)) ||
        (seg->comment && strstr(seg->comment, "audience: developer")) ||
        (k->developer_text && seg->text && text_has(k, seg->text, k->developer_text)))
        seg->flags |= TL_SEG_DEVELOPER;
    if ((named & set) || (on_path & set) || refs_all(k, seg->refs, SETTINGS_LIST) ||
        (seg->comment && strstr(seg->comment, "audience: settings")))
        seg->flags |= TL_SEG_SETTINGS;
}
