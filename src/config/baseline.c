/* baseline.c - reading, counting and writing the baseline file.
 *
 * The file is JSON:
 *   {"version": 1, "entries": [{"path": "locale/app.po", "key": "…",
 *     "context": null, "rule": "blame.you-failed-to", "match": "You failed to",
 *     "count": 1}, …]}
 * It is read by a small recursive-descent JSON reader (RFC 8259: strings with
 * every escape, surrogate pairs, numbers, literals; nesting up to 64 levels).
 * Fields other than these are ignored, so later versions may add some. */
#include "baseline.h"
#include "../core/json.h"
#include "../match/rule.h"
#include "glob.h"
#include "../core/utf8.h"
#include "../core/array.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64
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

/* ---- Reading: a small JSON reader ---------------------------------------- */

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jtype;

typedef struct jval jval;
struct jval {
    jtype type;
    size_t at; /* byte offset, for messages */
    char *s;   /* string (NUL-terminated UTF-8; may hold NUL as \u0000 -> kept) */
    double num;
    bool integer;
    jval *items; /* array items; object: key, value, key, value... */
    size_t n;
};

typedef struct jreader {
    const char *p, *start, *end;
    const char *path;
    tl_error *err;
} jreader;

static int jerr(jreader *r, size_t at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int jerr(jreader *r, size_t at, const char *fmt, ...)
{
    tl_error *err = r->err;
    if (!err) return TL_ECONFIG;
    err->code = TL_ECONFIG;
    err->path = r->path;
    err->offset = at;
    int line = 1, col = 1;
    for (size_t i = 0; i < at && r->start + i < r->end; i++) {
        unsigned char c = (unsigned char)r->start[i];
        if (c == '\n') {
            line++;
            col = 1;
        } else if ((c & 0xC0) != 0x80) {
            col++;
        }
    }
    err->line = line;
    err->column = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return TL_ECONFIG;
}

static void jfree(jval *v)
{
    if (!v) return;
    free(v->s);
    for (size_t i = 0; i < v->n; i++)
        jfree(&v->items[i]);
    free(v->items);
    memset(v, 0, sizeof(*v));
}

static void skip_ws(jreader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

static int hex4(const char *p, const char *end, unsigned *out)
{
    if (end - p < 4) return -1;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int h = tl_hexval((unsigned char)p[i]);
        if (h < 0) return -1;
        v = v << 4 | (unsigned)h;
    }
    *out = v;
    return 0;
}

static int put_cp(tl_buf *b, unsigned cp)
{
    char u[4];
    return tl_buf_append(b, u, tl_utf8_encode(u, cp));
}

static int jstring(jreader *r, jval *v)
{
    size_t at = (size_t)(r->p - r->start);
    r->p++; /* the quote */
    tl_buf b = TL_BUF_INIT;
    int rc = 0;
    for (;;) {
        if (r->p >= r->end) {
            rc = jerr(r, at, "unterminated string");
            break;
        }
        unsigned char c = (unsigned char)*r->p;
        if (c == '"') {
            r->p++;
            break;
        }
        if (c < 0x20) {
            rc = jerr(r, (size_t)(r->p - r->start), "control character in a string");
            break;
        }
        if (c >= 0x80) {
            size_t n = tl_utf8_valid((const unsigned char *)r->p, (size_t)(r->end - r->p));
            if (!n) {
                rc = jerr(r, (size_t)(r->p - r->start), "invalid UTF-8 in a string");
                break;
            }
            if (tl_buf_append(&b, r->p, n) < 0) {
                rc = TL_ENOMEM;
                break;
            }
            r->p += n;
            continue;
        }
        if (c != '\\') {
            if (tl_buf_putc(&b, (char)c) < 0) rc = TL_ENOMEM;
            r->p++;
            if (rc < 0) break;
            continue;
        }
        const char *esc = r->p++;
        if (r->p >= r->end) {
            rc = jerr(r, at, "unterminated string");
            break;
        }
        char e = *r->p++;
        unsigned cp = 0;
        switch (e) {
        case '"':
            cp = '"';
            break;
        case '\\':
            cp = '\\';
            break;
        case '/':
            cp = '/';
            break;
        case 'b':
            cp = '\b';
            break;
        case 'f':
            cp = '\f';
            break;
        case 'n':
            cp = '\n';
            break;
        case 'r':
            cp = '\r';
            break;
        case 't':
            cp = '\t';
            break;
        case 'u':
            if (hex4(r->p, r->end, &cp) < 0) {
                rc = jerr(r, (size_t)(esc - r->start), "bad \\u escape");
                break;
            }
            r->p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (r->end - r->p >= 6 && r->p[0] == '\\' && r->p[1] == 'u' &&
                    hex4(r->p + 2, r->end, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    r->p += 6;
                } else {
                    cp = 0xFFFD; /* a lone surrogate */
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            break;
        default:
            rc = jerr(r, (size_t)(esc - r->start), "unknown escape `\\%c`", e);
            break;
        }
        if (rc < 0) break;
        if (put_cp(&b, cp) < 0) {
            rc = TL_ENOMEM;
            break;
        }
    }
    if (rc < 0) {
        tl_buf_free(&b);
        return rc == TL_ENOMEM ? tl_error_set(r->err, rc, "out of memory") : rc;
    }
    v->type = J_STR;
    v->at = at;
    v->s = tl_buf_detach(&b);
    return v->s ? 0 : tl_error_set(r->err, TL_ENOMEM, "out of memory");
}

static int jvalue(jreader *r, jval *v, int depth);

static int jpush(jval *parent, size_t *cap, jval **slot)
{
    if (parent->n == *cap && tl_array_grow(&parent->items, &*cap, sizeof(*parent->items), 8) < 0)
        return TL_ENOMEM;
    *slot = &parent->items[parent->n];
    memset(*slot, 0, sizeof(**slot));
    return 0;
}

static int jcontainer(jreader *r, jval *v, int depth, bool object)
{
    v->type = object ? J_OBJ : J_ARR;
    v->at = (size_t)(r->p - r->start);
    if (depth >= MAX_DEPTH) return jerr(r, v->at, "nested deeper than %d levels", MAX_DEPTH);
    char close = object ? '}' : ']';
    r->p++;
    size_t cap = 0;
    skip_ws(r);
    if (r->p < r->end && *r->p == close) {
        r->p++;
        return 0;
    }
    for (;;) {
        jval *slot;
        if (object) {
            skip_ws(r);
            if (r->p >= r->end || *r->p != '"')
                return jerr(r, (size_t)(r->p - r->start), "a string key is expected here");
            if (jpush(v, &cap, &slot) < 0) return tl_error_set(r->err, TL_ENOMEM, "out of memory");
            int rc = jstring(r, slot);
            v->n++;
            if (rc < 0) return rc;
            skip_ws(r);
            if (r->p >= r->end || *r->p != ':')
                return jerr(r, (size_t)(r->p - r->start), "`:` is expected here");
            r->p++;
        }
        if (jpush(v, &cap, &slot) < 0) return tl_error_set(r->err, TL_ENOMEM, "out of memory");
        int rc = jvalue(r, slot, depth + 1);
        v->n++;
        if (rc < 0) return rc;
        skip_ws(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == close) {
            r->p++;
            return 0;
        }
        return jerr(r, (size_t)(r->p - r->start), "`,` or `%c` is expected here", close);
    }
}

static int jnumber(jreader *r, jval *v)
{
    const char *s = r->p;
    v->type = J_NUM;
    v->at = (size_t)(s - r->start);
    const char *p = s;
    if (p < r->end && *p == '-') p++;
    if (p >= r->end || *p < '0' || *p > '9') return jerr(r, v->at, "a value is expected here");
    if (*p == '0')
        p++;
    else
        while (p < r->end && *p >= '0' && *p <= '9')
            p++;
    v->integer = true;
    if (p < r->end && *p == '.') {
        v->integer = false;
        p++;
        if (p >= r->end || *p < '0' || *p > '9') return jerr(r, v->at, "malformed number");
        while (p < r->end && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < r->end && (*p == 'e' || *p == 'E')) {
        v->integer = false;
        p++;
        if (p < r->end && (*p == '+' || *p == '-')) p++;
        if (p >= r->end || *p < '0' || *p > '9') return jerr(r, v->at, "malformed number");
        while (p < r->end && *p >= '0' && *p <= '9')
            p++;
    }
    char tmp[64];
    size_t n = (size_t)(p - s);
    if (n >= sizeof(tmp)) n = sizeof(tmp) - 1;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    v->num = strtod(tmp, NULL);
    r->p = p;
    return 0;
}

static int jvalue(jreader *r, jval *v, int depth)
{
    skip_ws(r);
    if (r->p >= r->end) return jerr(r, (size_t)(r->p - r->start), "a value is expected here");
    size_t at = (size_t)(r->p - r->start);
    size_t left = (size_t)(r->end - r->p);
    switch (*r->p) {
    case '"':
        return jstring(r, v);
    case '{':
        return jcontainer(r, v, depth, true);
    case '[':
        return jcontainer(r, v, depth, false);
    case 'n':
        if (left >= 4 && memcmp(r->p, "null", 4) == 0) {
            r->p += 4;
            v->type = J_NULL;
            v->at = at;
            return 0;
        }
        break;
    case 't':
    case 'f': {
        bool t = *r->p == 't';
        size_t n = t ? 4 : 5;
        if (left >= n && memcmp(r->p, t ? "true" : "false", n) == 0) {
            r->p += n;
            v->type = J_BOOL;
            v->at = at;
            return 0;
        }
        break;
    }
    default:
        return jnumber(r, v);
    }
    return jerr(r, at, "a value is expected here");
}

static const jval *jget(const jval *obj, const char *key)
{
    for (size_t i = 0; i + 1 < obj->n; i += 2)
        if (strcmp(obj->items[i].s, key) == 0) return &obj->items[i + 1];
    return NULL;
}

/* A string field (or null, or absent, when allow_null). */
static int field(jreader *r, const jval *obj, const char *key, bool allow_null, const char **out)
{
    const jval *v = jget(obj, key);
    if (!v && allow_null) { /* key and context may be left out */
        *out = NULL;
        return 0;
    }
    if (!v) return jerr(r, obj->at, "an entry needs `%s`", key);
    if (v->type == J_NULL && allow_null) {
        *out = NULL;
        return 0;
    }
    if (v->type != J_STR)
        return jerr(r, v->at, "`%s` takes a string%s", key, allow_null ? " or null" : "");
    *out = v->s;
    return 0;
}

int tl_baseline_parse(tl_baseline *b, const char *path, const unsigned char *bytes, size_t len,
                      tl_error *err)
{
    jreader r = {(const char *)bytes, (const char *)bytes, (const char *)bytes + len, path, err};
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) r.p += 3;
    jval root;
    memset(&root, 0, sizeof(root));
    int rc = jvalue(&r, &root, 0);
    if (rc == 0) {
        skip_ws(&r);
        if (r.p != r.end) rc = jerr(&r, (size_t)(r.p - r.start), "text after the JSON document");
    }
    if (rc == 0 && root.type != J_OBJ)
        rc = jerr(&r, root.at, "a baseline is an object with `version` and `entries`");
    const jval *ver = rc == 0 ? jget(&root, "version") : NULL;
    if (rc == 0 && (!ver || ver->type != J_NUM || ver->num != 1))
        rc = jerr(&r, ver ? ver->at : root.at,
                  "unsupported baseline version (this tonelint reads 1)");
    const jval *entries = rc == 0 ? jget(&root, "entries") : NULL;
    if (rc == 0 && (!entries || entries->type != J_ARR))
        rc = jerr(&r, entries ? entries->at : root.at, "`entries` takes a list");
    for (size_t i = 0; rc == 0 && i < entries->n; i++) {
        const jval *e = &entries->items[i];
        if (e->type != J_OBJ) {
            rc = jerr(&r, e->at, "an entry is an object");
            break;
        }
        const char *fpath = NULL, *key = NULL, *ctx = NULL, *rule = NULL, *match = NULL;
        if ((rc = field(&r, e, "path", false, &fpath)) < 0 ||
            (rc = field(&r, e, "key", true, &key)) < 0 ||
            (rc = field(&r, e, "context", true, &ctx)) < 0 ||
            (rc = field(&r, e, "rule", false, &rule)) < 0 ||
            (rc = field(&r, e, "match", false, &match)) < 0)
            break;
        const jval *count = jget(e, "count");
        size_t n = 1;
        if (count) {
            if (count->type != J_NUM || !count->integer || count->num < 1 || count->num > 1e15) {
                rc = jerr(&r, count->at, "`count` takes a positive whole number");
                break;
            }
            n = (size_t)count->num;
        }
        if (bump(b, fpath, key, ctx, rule, match, n) < 0)
            rc = tl_error_set(err, TL_ENOMEM, "out of memory");
    }
    jfree(&root);
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
