/* statistics.c - --statistics: counts instead of findings, to see where a
 * repository's problems cluster (docs/output-formats.md, `--statistics`).
 *
 * Four tables: findings per rule (with how many --fix would fix), per
 * category, per journey moment (with the strings of each moment, so a
 * moment's rate shows), and the files with the most findings. As a text
 * table ("statistics") or one JSON document ("statistics-json"). Nothing
 * of a document is kept: rules, categories and moments are owned by the
 * rule set, file paths are copied. */
#include "report.h"
#include "../match/rule.h"
#include "../core/array.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The worst files shown. */
#define WORST_FILES 10

typedef struct scount {
    const char *name; /* a rule id, category or moment (the rule set's), or a path (owned) */
    const tl_rule *rule;
    size_t count, fixable, strings;
} scount;

typedef struct slist {
    scount *items;
    size_t n, cap;
} slist;

typedef struct stats {
    slist rules, categories, moments, files;
    bool json;
} stats;

static void free_state(void *p)
{
    stats *s = p;
    for (size_t i = 0; i < s->files.n; i++)
        free((char *)s->files.items[i].name);
    free(s->rules.items);
    free(s->categories.items);
    free(s->moments.items);
    free(s->files.items);
    free(s);
}

/* The entry for `name`; the latest entry first, as findings of one rule,
 * moment or file come in runs. */
static scount *entry(slist *l, const char *name)
{
    for (size_t i = l->n; i-- > 0;)
        if (strcmp(l->items[i].name, name) == 0) return &l->items[i];
    if (l->n == l->cap && tl_array_grow(&l->items, &l->cap, sizeof(*l->items), 32) < 0) return NULL;
    l->items[l->n] = (scount){name, NULL, 0, 0, 0};
    return &l->items[l->n++];
}

static int begin_file(void *ud, const tl_file_result *file)
{
    tl_report *r = ud;
    stats *s = r->state;
    if (!file->doc || file->error) return 0;
    for (size_t i = 0; i < file->doc->nsegs; i++) {
        const tl_segment *seg = &file->doc->segs[i];
        /* A language without a pack, or source code that is not copy. */
        if (!seg->moment || seg->skip) continue;
        scount *c = entry(&s->moments, seg->moment);
        if (!c) return TL_ENOMEM;
        c->strings++;
    }
    return 0;
}

static int finding(void *ud, const tl_file_result *file, const tl_finding *f)
{
    tl_report *r = ud;
    stats *s = r->state;
    /* What --fix would fix, as the summary counts it. */
    bool fixable = f->fixable && !(f->seg && (f->seg->flags & TL_SEG_EXTRACTED));
    scount *c = entry(&s->rules, f->rule->id);
    if (!c) return TL_ENOMEM;
    c->rule = f->rule;
    c->count++;
    c->fixable += fixable;
    if (!(c = entry(&s->categories, f->rule->category))) return TL_ENOMEM;
    c->count++;
    c->fixable += fixable;
    if (!(c = entry(&s->moments, f->seg->moment ? f->seg->moment : "general"))) return TL_ENOMEM;
    c->count++;
    c->fixable += fixable;
    if (!s->files.n || strcmp(s->files.items[s->files.n - 1].name, file->path) != 0) {
        char *path = strdup(file->path);
        if (!path) return TL_ENOMEM;
        /* A file's findings come together: a new path is a new entry. */
        slist *l = &s->files;
        if (l->n == l->cap && tl_array_grow(&l->items, &l->cap, sizeof(*l->items), 32) < 0) {
            free(path);
            return TL_ENOMEM;
        }
        l->items[l->n++] = (scount){path, NULL, 0, 0, 0};
    }
    c = &s->files.items[s->files.n - 1];
    c->count++;
    c->fixable += fixable;
    return 0;
}

/* Most findings first (then most strings), then by name: the same input
 * gives the same tables. */
static int by_count(const void *a, const void *b)
{
    const scount *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    if (x->strings != y->strings) return x->strings > y->strings ? -1 : 1;
    return strcmp(x->name, y->name);
}

static void sort(slist *l)
{
    if (l->n > 1) qsort(l->items, l->n, sizeof(*l->items), by_count);
}

/* Characters a name takes on screen: UTF-8 lead bytes, after escaping. */
static size_t width(const tl_buf *b, size_t from)
{
    size_t w = 0;
    for (size_t i = from; i < b->len; i++)
        w += ((unsigned char)b->data[i] & 0xC0) != 0x80;
    return w;
}

/* One table: a header, then a row per entry: the name, left-aligned and
 * padded, then the numbers. `strings` adds the strings column (moments). */
static void table(tl_buf *b, const char *title, const slist *l, size_t rows, bool fixable,
                  bool strings, bool category)
{
    size_t w = strlen(title);
    tl_buf scratch = TL_BUF_INIT;
    for (size_t i = 0; i < rows; i++) {
        tl_buf_reset(&scratch);
        tl_escape_cstr(&scratch, l->items[i].name);
        size_t n = width(&scratch, 0);
        if (n > w) w = n;
    }
    tl_buf_free(&scratch);
    tl_buf_printf(b, "%-*s  findings", (int)w, title);
    if (fixable) tl_buf_puts(b, "  fixable");
    if (strings) tl_buf_puts(b, "   strings  per 1,000");
    if (category) tl_buf_puts(b, "  category");
    tl_buf_putc(b, '\n');
    for (size_t i = 0; i < rows; i++) {
        const scount *c = &l->items[i];
        size_t at = b->len;
        tl_escape_cstr(b, c->name);
        for (size_t k = width(b, at); k < w; k++)
            tl_buf_putc(b, ' ');
        tl_buf_printf(b, "  %8zu", c->count);
        if (fixable) tl_buf_printf(b, "  %7zu", c->fixable);
        if (strings) {
            tl_buf_printf(b, "  %8zu", c->strings);
            if (c->strings)
                tl_buf_printf(b, "  %8.1f", 1000.0 * (double)c->count / (double)c->strings);
            else
                tl_buf_puts(b, "         -");
        }
        if (category && c->rule) {
            tl_buf_puts(b, "  ");
            tl_escape_cstr(b, c->rule->category);
        }
        tl_buf_putc(b, '\n');
    }
}

static void text(tl_report *r, const tl_summary *sum)
{
    stats *s = r->state;
    tl_buf *b = &r->buf;
    size_t worst = s->files.n < WORST_FILES ? s->files.n : WORST_FILES;
    if (s->rules.n) {
        table(b, "rule", &s->rules, s->rules.n, true, false, true);
        tl_buf_putc(b, '\n');
        table(b, "category", &s->categories, s->categories.n, true, false, false);
        tl_buf_putc(b, '\n');
    }
    if (s->moments.n) {
        table(b, "moment", &s->moments, s->moments.n, false, true, false);
        tl_buf_putc(b, '\n');
    }
    if (worst) {
        char title[64];
        snprintf(title, sizeof(title), "file (the %zu with the most findings)", worst);
        table(b, worst == s->files.n ? "file" : title, &s->files, worst, true, false, false);
        tl_buf_putc(b, '\n');
    }
    if (sum) tl_report_text_total(b, sum, r->opts.color);
}

static void json_list(tl_buf *b, const char *field, const char *name, const slist *l, size_t rows,
                      bool fixable, bool strings, bool category)
{
    tl_buf_printf(b, "  \"%s\": [", field);
    for (size_t i = 0; i < rows; i++) {
        const scount *c = &l->items[i];
        tl_buf_printf(b, "%s\n    {\"%s\": ", i ? "," : "", name);
        tl_json_cstr(b, c->name);
        if (category) {
            tl_buf_puts(b, ", \"category\": ");
            tl_json_cstr(b, c->rule ? c->rule->category : NULL);
        }
        tl_buf_printf(b, ", \"findings\": %zu", c->count);
        if (fixable) tl_buf_printf(b, ", \"fixable\": %zu", c->fixable);
        if (strings) tl_buf_printf(b, ", \"strings\": %zu", c->strings);
        tl_buf_putc(b, '}');
    }
    tl_buf_puts(b, rows ? "\n  ],\n" : "],\n");
}

static void json(tl_report *r, const tl_summary *sum)
{
    stats *s = r->state;
    tl_buf *b = &r->buf;
    size_t worst = s->files.n < WORST_FILES ? s->files.n : WORST_FILES;
    tl_buf_puts(b, "{\n  \"version\": 1,\n");
    json_list(b, "rules", "rule", &s->rules, s->rules.n, true, false, true);
    json_list(b, "categories", "category", &s->categories, s->categories.n, true, false, false);
    json_list(b, "moments", "moment", &s->moments, s->moments.n, false, true, false);
    json_list(b, "worst_files", "path", &s->files, worst, true, false, false);
    tl_buf_printf(b,
                  "  \"summary\": {\"files\": %zu, \"files_with_findings\": %zu, \"segments\": "
                  "%zu, \"findings\": %zu, \"fixable\": %zu, \"by_severity\": {\"error\": %zu, "
                  "\"warning\": %zu, \"suggestion\": %zu}, \"errors\": %zu}\n}\n",
                  sum->files, s->files.n, sum->segments, sum->findings, sum->fixable,
                  sum->by_severity[TL_SEV_ERROR], sum->by_severity[TL_SEV_WARNING],
                  sum->by_severity[TL_SEV_SUGGESTION], sum->errors);
}

static int end_run(void *ud, const tl_summary *sum)
{
    tl_report *r = ud;
    stats *s = r->state;
    sort(&s->rules);
    sort(&s->categories);
    sort(&s->moments);
    sort(&s->files);
    if (s->json)
        json(r, sum);
    else
        text(r, sum);
    return tl_report_flush(r);
}

static int make(tl_sink *sink, tl_report *rep, bool as_json)
{
    stats *s = calloc(1, sizeof(*s));
    if (!s) return TL_ENOMEM;
    s->json = as_json;
    rep->state = s;
    rep->free_state = free_state;
    sink->begin_file = begin_file;
    sink->finding = finding;
    sink->end_run = end_run;
    return 0;
}

int tl_report_statistics(tl_sink *sink, tl_report *rep)
{
    return make(sink, rep, false);
}

int tl_report_statistics_json(tl_sink *sink, tl_report *rep)
{
    return make(sink, rep, true);
}
