/* baseline.c - reading, counting and writing the baseline file.
 *
 * The file is JSON:
 *   {"version": 1, "entries": [{"path": "locale/app.po", "key": "…",
 *     "context": null, "rule": "blame.you-failed-to", "match": "You failed to",
 *     "count": 1}, …]}
 * It is read with the project's one JSON scanner (extract/jsonscan.h: RFC
 * 8259, strictly), so its errors name file:line:column like any JSON file's.
 * Fields other than these are ignored, so later versions may add some. */
#include "baseline.h"
#include "../core/json.h"
#include "../match/rule.h"
#include "glob.h"
#include "../core/utf8.h"
#include "../core/array.h"
#include "../core/segment.h"
#include "../extract/jsonscan.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BASELINE_SIZE ((size_t)1 << 30)

/* ---- Entries and their index ------------------------------------------ */

static size_t hstr(size_t h, const char *s)
{
    if (!s) return (h ^ 0xFFu) * 1099511628211u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (h ^ 0x1Fu) * 1099511628211u; /* field separator */
}

static size_t hash5(const char *path, const char *key, const char *ctx, const char *rule,
                    const char *match)
{
    size_t h = 1469598103934665603u;
    h = hstr(h, path);
    h = hstr(h, key);
    h = hstr(h, ctx);
    h = hstr(h, rule);
    return hstr(h, match);
}

static bool eq(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same(const tl_baseline_entry *e, const char *path, const char *key, const char *ctx,
                 const char *rule, const char *match)
{
    return eq(e->path, path) && eq(e->key, key) && eq(e->context, ctx) && eq(e->rule, rule) &&
           eq(e->match, match);
}

static tl_baseline_entry *lookup(const tl_baseline *b, const char *path, const char *key,
                                 const char *ctx, const char *rule, const char *match, size_t *slot)
{
    if (!b->capindex) return NULL;
    size_t mask = b->capindex - 1, i = hash5(path, key, ctx, rule, match) & mask;
    while (b->index[i]) {
        tl_baseline_entry *e = &b->items[b->index[i] - 1];
        if (same(e, path, key, ctx, rule, match)) return e;
        i = (i + 1) & mask;
    }
    if (slot) *slot = i;
    return NULL;
}

static int reindex(tl_baseline *b, size_t cap)
{
    size_t *idx = calloc(cap, sizeof(*idx));
    if (!idx) return TL_ENOMEM;
    free(b->index);
    b->index = idx;
    b->capindex = cap;
    for (size_t k = 0; k < b->n; k++) {
        const tl_baseline_entry *e = &b->items[k];
        size_t i = hash5(e->path, e->key, e->context, e->rule, e->match) & (cap - 1);
        while (idx[i])
            i = (i + 1) & (cap - 1);
        idx[i] = k + 1;
    }
    return 0;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* Add count to the entry for these fields, creating it. */
static int bump(tl_baseline *b, const char *path, const char *key, const char *ctx,
                const char *rule, const char *match, size_t count)
{
    tl_baseline_entry *e = lookup(b, path, key, ctx, rule, match, NULL);
    if (e) {
        e->count += count;
        e->left += count;
        return 0;
    }
    if ((b->n + 1) * 2 > b->capindex && reindex(b, b->capindex ? b->capindex * 2 : 64) < 0)
        return TL_ENOMEM;
    if (b->n == b->cap && tl_array_grow(&b->items, &b->cap, sizeof(*b->items), 32) < 0)
        return TL_ENOMEM;
    tl_baseline_entry n = {strdup(path), dup_or_null(key), dup_or_null(ctx),
                           strdup(rule), strdup(match),    count,
                           count};
    if (!n.path || !n.rule || !n.match || (key && !n.key) || (ctx && !n.context)) {
        free(n.path);
        free(n.key);
        free(n.context);
        free(n.rule);
        free(n.match);
        return TL_ENOMEM;
    }
    size_t slot;
    lookup(b, path, key, ctx, rule, match, &slot);
    b->items[b->n] = n;
    b->index[slot] = ++b->n;
    return 0;
}

int tl_baseline_init(tl_baseline *b, const char *file, tl_error *err)
{
    memset(b, 0, sizeof(*b));
    b->dir = tl_path_dir_abs(file);
    if (!b->dir) {
        if (err) err->path = file;
        return tl_error_set(err, TL_EIO, "cannot use the folder of the baseline: %s",
                            strerror(errno));
    }
    return 0;
}

void tl_baseline_free(tl_baseline *b)
{
    if (!b) return;
    for (size_t i = 0; i < b->n; i++) {
        tl_baseline_entry *e = &b->items[i];
        free(e->path);
        free(e->key);
        free(e->context);
        free(e->rule);
        free(e->match);
    }
    free(b->items);
    free(b->index);
    free(b->dir);
    memset(b, 0, sizeof(*b));
}

int tl_baseline_path(const tl_baseline *b, const char *path, tl_buf *out)
{
    tl_buf_reset(out);
    if (strcmp(path, "-") == 0) return tl_buf_puts(out, "-");
    int rc = tl_path_relative(out, b->dir, path);
    /* A file whose folder is gone is named as given. */
    if (rc == TL_EIO) {
        tl_buf_reset(out);
        return tl_buf_puts(out, path);
    }
    return rc;
}

int tl_baseline_add(tl_baseline *b, const char *rel, const tl_finding *f)
{
    return bump(b, rel, f->seg->key, f->seg->context, f->rule->id, f->match, 1);
}

bool tl_baseline_take(tl_baseline *b, const char *rel, const tl_finding *f)
{
    tl_baseline_entry *e =
        lookup(b, rel, f->seg->key, f->seg->context, f->rule->id, f->match, NULL);
    if (!e || !e->left) return false;
    e->left--;
    return true;
}

/* ---- Writing ------------------------------------------------------------ */

static int cmp_null(const char *a, const char *b)
{
    if (!a || !b) return a ? 1 : b ? -1 : 0;
    return strcmp(a, b);
}

static int cmp_entries(const void *x, const void *y)
{
    const tl_baseline_entry *a = *(const tl_baseline_entry *const *)x;
    const tl_baseline_entry *b = *(const tl_baseline_entry *const *)y;
    int c;
    if ((c = strcmp(a->path, b->path))) return c;
    if ((c = cmp_null(a->key, b->key))) return c;
    if ((c = cmp_null(a->context, b->context))) return c;
    if ((c = strcmp(a->rule, b->rule))) return c;
    return strcmp(a->match, b->match);
}

int tl_baseline_write(const tl_baseline *b, tl_buf *out)
{
    const tl_baseline_entry **sorted = malloc((b->n ? b->n : 1) * sizeof(*sorted));
    if (!sorted) return TL_ENOMEM;
    for (size_t i = 0; i < b->n; i++)
        sorted[i] = &b->items[i];
    qsort(sorted, b->n, sizeof(*sorted), cmp_entries);
    tl_buf_puts(out, "{\n  \"version\": 1,\n  \"entries\": [");
    for (size_t i = 0; i < b->n; i++) {
        const tl_baseline_entry *e = sorted[i];
        tl_buf_puts(out, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
        tl_json_cstr(out, e->path);
        tl_buf_puts(out, ", \"key\": ");
        tl_json_cstr(out, e->key);
        tl_buf_puts(out, ", \"context\": ");
        tl_json_cstr(out, e->context);
        tl_buf_puts(out, ", \"rule\": ");
        tl_json_cstr(out, e->rule);
        tl_buf_puts(out, ", \"match\": ");
        tl_json_cstr(out, e->match);
        tl_buf_printf(out, ", \"count\": %zu}", e->count);
    }
    tl_buf_puts(out, b->n ? "\n  ]\n}\n" : "]\n}\n");
    free(sorted);
    return tl_buf_failed(out); /* failures are sticky: checked once */
}

/* ---- Reading ------------------------------------------------------------ */

/* The baseline is read with the project's JSON scanner (extract/jsonscan.h),
 * in two passes over the bytes: the first checks the whole document (its
 * grammar, UTF-8 in every string) and finds `version` and `entries` in the
 * top-level object, the second reads the entries. A document that does not
 * parse is reported before anything its values say. */

typedef struct reader {
    tl_doc doc;
    tl_error *err;
    tl_segbuild sb;
} reader;

static int rerr(reader *r, size_t at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int rerr(reader *r, size_t at, const char *fmt, ...)
{
    char msg[sizeof(((tl_error *)0)->message)];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return tl_doc_error(&r->doc, r->err, TL_ECONFIG, at, "%s", msg);
}

/* A baseline that does not parse is a config error, whatever the scanner
 * called it (memory aside). */
static int as_config(reader *r, int rc)
{
    if (rc != TL_ENOMEM && r->err) r->err->code = TL_ECONFIG;
    return rc == TL_ENOMEM ? rc : TL_ECONFIG;
}

/* The first byte of the current string token that is not UTF-8, or 0. */
static size_t bad_utf8(const tl_jscan *s)
{
    for (size_t i = s->start + 1, e = s->end - 1, n; i < e; i += n)
        if (!(n = tl_utf8_valid(s->b + i, e - i))) return i;
    return 0;
}

/* Whether the current key is `name`, however it is spelled (escapes are
 * decoded; with none, the bytes are compared where they are). */
static bool key_is(reader *r, const tl_jscan *s, const char *name)
{
    if (!s->escaped) return tl_jscan_is(s, name);
    tl_segbuild_reset(&r->sb);
    return tl_jscan_decode(s, &r->sb) == 0 && r->sb.text.data && r->sb.text.len == strlen(name) &&
           memcmp(r->sb.text.data, name, r->sb.text.len) == 0;
}

/* The number token's value; `integer` when it has no fraction or exponent. */
static double number(const tl_jscan *s, bool *integer)
{
    char tmp[64];
    size_t n = s->end - s->start;
    if (n >= sizeof(tmp)) n = sizeof(tmp) - 1;
    memcpy(tmp, s->b + s->start, n);
    tmp[n] = '\0';
    if (integer) *integer = !strpbrk(tmp, ".eE");
    return strtod(tmp, NULL);
}

/* A top-level member: its first value token and where it starts. */
typedef struct member {
    int tok; /* 0: absent */
    size_t at;
    double num;
} member;

/* Pass one: the whole document, and the top-level `version` and `entries`
 * (the first of each). *root is the first token, *root_at where it is. */
static int survey(reader *r, int *root, size_t *root_at, member *version, member *entries)
{
    tl_jscan s;
    tl_jscan_init(&s, &r->doc, r->err);
    int tok = tl_jscan_next(&s);
    *root = tok;
    *root_at = tok > 0 ? s.start : s.pos;
    member *want = NULL;
    while (tok > 0) {
        if (want) {
            want->tok = tok;
            want->at = s.start;
            if (tok == TL_JTOK_NUMBER) want->num = number(&s, NULL);
            want = NULL;
        }
        if (tok == TL_JTOK_KEY || tok == TL_JTOK_STRING) {
            size_t bad = bad_utf8(&s);
            if (bad) return rerr(r, bad, "invalid UTF-8 in a string");
        }
        if (tok == TL_JTOK_KEY && s.depth == 1 && *root == TL_JTOK_OBJECT) {
            if (!version->tok && key_is(r, &s, "version"))
                want = version;
            else if (!entries->tok && key_is(r, &s, "entries"))
                want = entries;
        }
        tok = tl_jscan_next(&s);
    }
    return tok < 0 ? as_config(r, tok) : 0;
}

enum { F_PATH, F_KEY, F_CONTEXT, F_RULE, F_MATCH, F_COUNT, NFIELDS };
static const char *const field_names[NFIELDS] = {"path", "key",   "context",
                                                 "rule", "match", "count"};

typedef struct field {
    int tok; /* 0: absent */
    size_t at;
    char *s; /* a string's decoded text */
    double num;
    bool integer;
} field;

static void fields_free(field *f)
{
    for (int i = 0; i < NFIELDS; i++)
        free(f[i].s);
    memset(f, 0, NFIELDS * sizeof(*f));
}

/* The current value token into f (a string decoded), then past it. */
static int take(reader *r, tl_jscan *s, int tok, field *f)
{
    f->tok = tok;
    f->at = s->start;
    if (tok == TL_JTOK_STRING) {
        tl_segbuild_reset(&r->sb);
        if (tl_jscan_decode(s, &r->sb) < 0 || tl_buf_failed(&r->sb.text) ||
            !(f->s = strndup(r->sb.text.data ? r->sb.text.data : "", r->sb.text.len)))
            return tl_error_set(r->err, TL_ENOMEM, "out of memory");
    } else if (tok == TL_JTOK_NUMBER) {
        f->num = number(s, &f->integer);
    } else if (tok == TL_JTOK_OBJECT || tok == TL_JTOK_ARRAY) {
        return tl_jscan_skip(s);
    }
    return 0;
}

/* A string field (or null, or absent, when allow_null). */
static int string_field(reader *r, size_t entry_at, const field *f, int which, bool allow_null,
                        const char **out)
{
    *out = NULL;
    if (!f->tok && allow_null) return 0; /* key and context may be left out */
    if (!f->tok) return rerr(r, entry_at, "an entry needs `%s`", field_names[which]);
    if (f->tok == TL_JTOK_NULL && allow_null) return 0;
    if (f->tok != TL_JTOK_STRING)
        return rerr(r, f->at, "`%s` takes a string%s", field_names[which],
                    allow_null ? " or null" : "");
    *out = f->s;
    return 0;
}

/* One entry, its `{` just read: its fields (the first of each name; others
 * are skipped), checked, and counted in. */
static int entry(reader *r, tl_baseline *b, tl_jscan *s)
{
    size_t at = s->start;
    field f[NFIELDS];
    memset(f, 0, sizeof(f));
    int tok, rc = 0;
    while (rc == 0 && (tok = tl_jscan_next(s)) == TL_JTOK_KEY) {
        int which = 0;
        while (which < NFIELDS && !key_is(r, s, field_names[which]))
            which++;
        if (which == NFIELDS || f[which].tok)
            rc = tl_jscan_skip(s);
        else if ((tok = tl_jscan_next(s)) < 0)
            rc = tok;
        else
            rc = take(r, s, tok, &f[which]);
    }
    if (rc == 0 && tok < 0) rc = tok;
    const char *v[F_COUNT];
    for (int i = 0; rc == 0 && i < F_COUNT; i++)
        rc = string_field(r, at, &f[i], i, i == F_KEY || i == F_CONTEXT, &v[i]);
    size_t n = 1;
    if (rc == 0 && f[F_COUNT].tok) {
        const field *c = &f[F_COUNT];
        if (c->tok != TL_JTOK_NUMBER || !c->integer || c->num < 1 || c->num > 1e15)
            rc = rerr(r, c->at, "`count` takes a positive whole number");
        else
            n = (size_t)c->num;
    }
    if (rc == 0 && bump(b, v[F_PATH], v[F_KEY], v[F_CONTEXT], v[F_RULE], v[F_MATCH], n) < 0)
        rc = tl_error_set(r->err, TL_ENOMEM, "out of memory");
    fields_free(f);
    return rc;
}

/* Pass two: the items of the first top-level `entries`. */
static int read_entries(reader *r, tl_baseline *b)
{
    tl_jscan s;
    tl_jscan_init(&s, &r->doc, r->err);
    int tok = tl_jscan_next(&s); /* the root object */
    while ((tok = tl_jscan_next(&s)) == TL_JTOK_KEY && !key_is(r, &s, "entries"))
        if ((tok = tl_jscan_skip(&s)) < 0) return tok;
    if (tok != TL_JTOK_KEY || tl_jscan_next(&s) != TL_JTOK_ARRAY) return 0; /* surveyed */
    int rc = 0;
    while (rc == 0 && (tok = tl_jscan_next(&s)) != TL_JTOK_ARRAY_END) {
        if (tok < 0) return tok;
        if (tok != TL_JTOK_OBJECT) return rerr(r, s.start, "an entry is an object");
        rc = entry(r, b, &s);
    }
    return rc;
}

int tl_baseline_parse(tl_baseline *b, const char *path, const unsigned char *bytes, size_t len,
                      tl_error *err)
{
    reader r = {.err = err};
    tl_doc_init(&r.doc, path, bytes, len, NULL);
    tl_segbuild_init(&r.sb);
    int root;
    size_t root_at;
    member version = {0}, entries = {0};
    int rc = survey(&r, &root, &root_at, &version, &entries);
    if (rc == 0 && root != TL_JTOK_OBJECT)
        rc = rerr(&r, root_at, "a baseline is an object with `version` and `entries`");
    if (rc == 0 && (version.tok != TL_JTOK_NUMBER || version.num != 1))
        rc = rerr(&r, version.tok ? version.at : root_at,
                  "unsupported baseline version (this tonelint reads 1)");
    if (rc == 0 && entries.tok != TL_JTOK_ARRAY)
        rc = rerr(&r, entries.tok ? entries.at : root_at, "`entries` takes a list");
    if (rc == 0) rc = read_entries(&r, b);
    tl_segbuild_free(&r.sb);
    tl_doc_free(&r.doc);
    return rc;
}

int tl_baseline_read(tl_baseline *b, const char *file, tl_error *err)
{
    int rc = tl_baseline_init(b, file, err);
    if (rc < 0) return rc;
    FILE *f = fopen(file, "rb");
    if (!f) {
        if (err) err->path = file;
        return tl_error_set(err, TL_EIO, "cannot open: %s", strerror(errno));
    }
    tl_buf buf = TL_BUF_INIT;
    buf.max = MAX_BASELINE_SIZE;
    char chunk[65536];
    size_t n;
    while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        if (tl_buf_append(&buf, chunk, n) < 0) rc = TL_ELIMIT;
    if (rc == 0 && ferror(f)) rc = TL_EIO;
    fclose(f);
    if (rc < 0) {
        tl_buf_free(&buf);
        if (err) err->path = file;
        return tl_error_set(err, rc, rc == TL_EIO ? "cannot read the file" : "larger than 1 GiB");
    }
    rc =
        tl_baseline_parse(b, file, (const unsigned char *)(buf.data ? buf.data : ""), buf.len, err);
    tl_buf_free(&buf);
    return rc;
}
