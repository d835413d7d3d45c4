/* html.c - one self-contained HTML report for people who do not live in a
 * terminal (docs/output-formats.md, `html`).
 *
 * Findings are kept (copied: documents are freed file by file) until the
 * run ends, then written as one page: a table of journey moments by
 * category with counts, the worst moment first, then every finding of each
 * moment with its file and position, the string, the rule's message and
 * why, and the rewrite. With --baseline the findings it holds are shown
 * too, and the others are marked NEW. Filters (moment, category, severity,
 * file, new only) and the choice of counts in the table are one inline
 * script, the only one its Content Security Policy lets run (by its hash);
 * nothing can be loaded, so the file works opened from disk or attached to
 * a CI run. Every byte from the input is escaped. */
#include "report.h"
#include "../match/rule.h"
#include "../core/array.h"
#include "../core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct hfinding {
    char *path, *key, *text, *match, *message, *rewrite;
    const tl_rule *rule; /* rules outlive the run's reporting */
    const char *moment;  /* owned by the rule set, or NULL */
    tl_severity severity;
    bool known; /* in the baseline */
    int line, column;
    size_t match_start, match_end; /* in text */
} hfinding;

typedef struct hcount {
    const char *name;
    size_t findings, strings, fresh; /* fresh: not in the baseline */
} hcount;

typedef struct html_state {
    hfinding *f;
    size_t n, cap;
    hcount *moments, *categories;
    size_t nmoments, ncategories, capmoments, capcategories;
    size_t files, segments, file_errors;
    bool oom;
} html_state;

static void free_state(void *p)
{
    html_state *s = p;
    for (size_t i = 0; i < s->n; i++) {
        hfinding *f = &s->f[i];
        free(f->path);
        free(f->key);
        free(f->text);
        free(f->match);
        free(f->message);
        free(f->rewrite);
    }
    free(s->f);
    free(s->moments);
    free(s->categories);
    free(s);
}

static char *dup(const char *s, bool *oom)
{
    if (!s) return NULL;
    char *d = strdup(s);
    if (!d) *oom = true;
    return d;
}

static hcount *count(hcount **list, size_t *n, size_t *cap, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*list)[i].name, name) == 0) return &(*list)[i];
    if (*n == *cap && tl_array_grow(list, cap, sizeof(**list), 16) < 0) return NULL;
    (*list)[*n] = (hcount){name, 0, 0, 0};
    return &(*list)[(*n)++];
}

/* Names of moments and categories must outlive the documents: moments are
 * owned by the rule set, categories by the rules. */
static const char *moment_of(const tl_segment *seg)
{
    return seg->moment ? seg->moment : "general";
}

static int begin_file(void *ud, const tl_file_result *file)
{
    tl_report *r = ud;
    html_state *s = r->state;
    s->files++;
    s->segments += file->segments;
    if (file->error) s->file_errors++;
    if (!file->doc) return 0;
    for (size_t i = 0; i < file->doc->nsegs; i++) {
        const tl_segment *seg = &file->doc->segs[i];
        if (!seg->moment) continue; /* a language without a pack: not linted */
        hcount *c = count(&s->moments, &s->nmoments, &s->capmoments, seg->moment);
        if (!c) return TL_ENOMEM;
        c->strings++;
    }
    return 0;
}

static int finding(void *ud, const tl_file_result *file, const tl_finding *f)
{
    tl_report *r = ud;
    html_state *s = r->state;
    if (s->n == s->cap && tl_array_grow(&s->f, &s->cap, sizeof(*s->f), 256) < 0) return TL_ENOMEM;
    hfinding *h = &s->f[s->n];
    memset(h, 0, sizeof(*h));
    h->path = dup(file->path, &s->oom);
    h->key = dup(f->seg->key, &s->oom);
    h->text = dup(f->seg->text, &s->oom);
    h->match = dup(f->match, &s->oom);
    h->message = dup(f->message, &s->oom);
    h->rewrite = f->nsuggestions ? dup(f->suggestions[0], &s->oom) : NULL;
    h->rule = f->rule;
    h->moment = moment_of(f->seg);
    h->severity = f->severity;
    h->known = f->known;
    h->line = f->start.line;
    h->column = f->start.column;
    h->match_start = f->text_start;
    h->match_end = f->text_end;
    s->n++;
    hcount *m = count(&s->moments, &s->nmoments, &s->capmoments, h->moment);
    hcount *c = count(&s->categories, &s->ncategories, &s->capcategories, f->rule->category);
    if (s->oom || !m || !c) return TL_ENOMEM;
    m->findings++;
    c->findings++;
    m->fresh += !f->known;
    c->fresh += !f->known;
    return 0;
}

/* Text as HTML: markup characters as entities, invalid UTF-8 as U+FFFD,
 * control characters and bidirectional overrides in a visible form (as in
 * the text format), so nothing in a string can open a tag, end an
 * attribute or reorder the page. */
static void esc_as(tl_buf *b, const char *s, size_t len, bool attr)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned char c = p[i];
        char vis[8];
        size_t k;
        if (c == '&') {
            tl_buf_puts(b, "&amp;");
        } else if (c == '<') {
            tl_buf_puts(b, "&lt;");
        } else if (c == '>') {
            tl_buf_puts(b, "&gt;");
        } else if (c == '"') {
            tl_buf_puts(b, "&quot;");
        } else if (c == '\'') {
            tl_buf_puts(b, "&#39;");
        } else if (c == '\n' && !attr) {
            tl_buf_puts(b, "<br>");
        } else if ((k = tl_escape_at(p + i, len - i, vis)) != 0) {
            /* In an attribute (a filter's value) the visible form alone. */
            tl_buf_printf(b, attr ? "%s" : "<span class=\"ctl\">%s</span>", vis);
            i += k;
            continue;
        } else if (c < 0x80) {
            tl_buf_putc(b, (char)c);
        } else {
            size_t want = tl_utf8_valid(p + i, len - i);
            if (!want) {
                tl_buf_puts(b, "\xEF\xBF\xBD");
                i++;
                continue;
            }
            tl_buf_append(b, s + i, want);
            i += want;
            continue;
        }
        i++;
    }
}

static void esc(tl_buf *b, const char *s, size_t len)
{
    esc_as(b, s, len, false);
}

static void escs(tl_buf *b, const char *s)
{
    if (s) esc(b, s, strlen(s));
}

/* For an attribute value: no element, not even the control-character span. */
static void attr(tl_buf *b, const char *s)
{
    if (s) esc_as(b, s, strlen(s), true);
}

static const char *title_of(const tl_report *r, const char *id)
{
    const tl_moments *ms = r->opts.moments;
    int m = ms ? tl_moments_find(ms, id) : -1;
    return m >= 0 && ms->titles[m] ? ms->titles[m] : id;
}

static int by_findings(const void *a, const void *b)
{
    const hcount *x = a, *y = b;
    if (x->findings != y->findings) return x->findings > y->findings ? -1 : 1;
    return strcmp(x->name, y->name);
}

static const html_state *sort_state;

static size_t rank_of(const char *moment)
{
    for (size_t i = 0; i < sort_state->nmoments; i++)
        if (strcmp(sort_state->moments[i].name, moment) == 0) return i;
    return sort_state->nmoments;
}

/* Findings by moment (in table order), then most severe, then file order. */
static int by_moment(const void *a, const void *b)
{
    const hfinding *x = a, *y = b;
    size_t rx = rank_of(x->moment), ry = rank_of(y->moment);
    if (rx != ry) return rx < ry ? -1 : 1;
    if (x->severity != y->severity) return x->severity > y->severity ? -1 : 1;
    int c = strcmp(x->path, y->path);
    if (c) return c;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return x->column < y->column ? -1 : x->column > y->column;
}

static const char css[] =
    "body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:84em;padding:0 1em;"
    "color:#1d1d1f}h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}"
    ".scroll{overflow-x:auto}table.map{border-collapse:collapse;margin:1em 0;font-size:.85em}"
    "table.map th,table.map td{border:1px solid #ddd;padding:.3em .5em;text-align:right}"
    "table.map th{background:#f5f5f7;white-space:nowrap}"
    "table.map td.m,table.map "
    "th.m{text-align:left;white-space:nowrap}td.zero{color:#bbb}td.total{font-weight:700}"
    "#filters{position:sticky;top:0;background:#fff;padding:.6em 0;border-bottom:1px solid #ddd;"
    "display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:center}#filters select{max-width:22em}"
    ".finding{border-left:4px solid #999;padding:.4em .9em;margin:1em 0;background:#fafafa;"
    "content-visibility:auto;contain-intrinsic-size:auto 9em}"
    ".error{border-color:#c0392b}.warning{border-color:#e67e22}.suggestion{border-color:#2980b9}"
    ".where{color:#555;font-size:.9em}.copy{font-size:1.05em;margin:.3em 0}"
    "mark{background:#ffe08a}.why{color:#444}.rewrite{color:#1e7b34}.none{color:#777}"
    ".sev{font-weight:600;text-transform:uppercase;font-size:.8em}.ctl{color:#c0392b}"
    ".new{background:#1e7b34;color:#fff;border-radius:3px;padding:0 .35em;font-size:.75em;"
    "font-weight:700;margin-right:.4em}code{background:#eee;padding:0 .2em}";

/* The filters' script (and the heatmap's counts: all, or new only). */
static const char script[] =
    "(function () {\n"
    "  var d = document;\n"
    "  var rows = d.querySelectorAll('.finding'), secs = d.querySelectorAll('section.moment');\n"
    "  var keys = ['moment', 'category', 'severity', 'file'];\n"
    "  var only = d.getElementById('f-new'), counts = d.getElementById('f-counts');\n"
    "  function val(k) { var e = d.getElementById('f-' + k); return e ? e.value : ''; }\n"
    "  function filter() {\n"
    "    var want = keys.map(val), fresh = only && only.checked, n = 0, i, j;\n"
    "    for (i = 0; i < rows.length; i++) {\n"
    "      var r = rows[i], ok = !fresh || r.dataset.new === '1';\n"
    "      for (j = 0; ok && j < keys.length; j++)\n"
    "        if (want[j] && r.dataset[keys[j]] !== want[j]) ok = false;\n"
    "      r.hidden = !ok;\n"
    "      if (ok) n++;\n"
    "    }\n"
    "    for (i = 0; i < secs.length; i++)\n"
    "      secs[i].hidden = !secs[i].querySelector('.finding:not([hidden])');\n"
    "    d.getElementById('shown').textContent = n;\n"
    "  }\n"
    "  function shade() {\n"
    "    var k = counts && counts.value === 'new' ? 'new' : 'all';\n"
    "    var cells = d.querySelectorAll('#map td[data-all]'), max = 1, i, v;\n"
    "    for (i = 0; i < cells.length; i++)\n"
    "      if (!cells[i].classList.contains('total') && +cells[i].dataset[k] > max) max = "
    "+cells[i].dataset[k];\n"
    "    for (i = 0; i < cells.length; i++) {\n"
    "      var c = cells[i];\n"
    "      v = +c.dataset[k];\n"
    "      c.textContent = v;\n"
    "      if (c.classList.contains('total')) continue;\n"
    "      c.classList.toggle('zero', !v);\n"
    "      c.style.background = v ? 'rgba(231,76,60,' + (0.15 + 0.7 * v / max).toFixed(2) + ')' : "
    "'';\n"
    "    }\n"
    "  }\n"
    "  d.getElementById('filters').addEventListener('change', function (e) {\n"
    "    if (e.target === counts) shade(); else filter();\n"
    "  });\n"
    "  d.getElementById('f-reset').addEventListener('click', function () {\n"
    "    keys.forEach(function (k) { var e = d.getElementById('f-' + k); if (e) e.value = ''; });\n"
    "    if (only) only.checked = false;\n"
    "    filter();\n"
    "  });\n"
    "  filter();\n"
    "  shade();\n"
    "})();\n";
/* Its hash, which the Content Security Policy names: no other script runs. */
static const char script_hash[] = "sha256-zmaFZ0yA9+oVQ6iPaG9u7w5FpsbKrfd+lY9baBuMK0U=";

static int by_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A <select> of one filter: "all", then each value. */
static void select_of(tl_buf *b, const char *id, const char *label, const char *const *values,
                      const char *const *titles, size_t n)
{
    tl_buf_printf(b, "<label>%s <select id=\"f-%s\"><option value=\"\">all</option>", label, id);
    for (size_t i = 0; i < n; i++) {
        if (i && strcmp(values[i], values[i - 1]) == 0) continue;
        tl_buf_puts(b, "<option value=\"");
        attr(b, values[i]);
        tl_buf_puts(b, "\">");
        escs(b, titles ? titles[i] : values[i]);
        tl_buf_puts(b, "</option>");
    }
    tl_buf_puts(b, "</select></label>\n");
}

static int filters(tl_report *r, html_state *s)
{
    tl_buf *b = &r->buf;
    size_t n = s->nmoments > s->ncategories ? s->nmoments : s->ncategories;
    if (n < s->n) n = s->n;
    const char **v = calloc(n + 1, sizeof(*v)), **t = calloc(n + 1, sizeof(*t));
    if (!v || !t) {
        free(v);
        free(t);
        return TL_ENOMEM;
    }
    tl_buf_puts(b, "<div id=\"filters\">\n<span>Showing <b id=\"shown\"></b> of ");
    tl_buf_printf(b, "%zu finding%s.</span>\n", s->n, s->n == 1 ? "" : "s");
    size_t k = 0;
    for (size_t i = 0; i < s->nmoments; i++)
        if (s->moments[i].findings) {
            v[k] = s->moments[i].name;
            t[k++] = title_of(r, s->moments[i].name);
        }
    select_of(b, "moment", "Moment", v, t, k);
    for (size_t i = 0; i < s->ncategories; i++)
        v[i] = s->categories[i].name;
    select_of(b, "category", "Category", v, NULL, s->ncategories);
    const char *sev[] = {"error", "warning", "suggestion"};
    select_of(b, "severity", "Severity", sev, NULL, 3);
    for (size_t i = 0; i < s->n; i++)
        v[i] = s->f[i].path;
    qsort(v, s->n, sizeof(*v), by_path);
    select_of(b, "file", "File", v, NULL, s->n);
    free(v);
    free(t);
    if (r->opts.baseline)
        tl_buf_puts(b, "<label><input type=\"checkbox\" id=\"f-new\"> New since the baseline "
                       "only</label>\n<label>Table counts <select id=\"f-counts\"><option "
                       "value=\"all\">all findings</option><option value=\"new\">new since the "
                       "baseline</option></select></label>\n");
    tl_buf_puts(b, "<button type=\"button\" id=\"f-reset\">Show all</button>\n</div>\n");
    return 0;
}

static int end_run(void *ud, const tl_summary *sum)
{
    tl_report *r = ud;
    html_state *s = r->state;
    tl_buf *b = &r->buf;
    bool base = r->opts.baseline;
    (void)sum;
    qsort(s->moments, s->nmoments, sizeof(*s->moments), by_findings);
    qsort(s->categories, s->ncategories, sizeof(*s->categories), by_findings);
    sort_state = s;
    qsort(s->f, s->n, sizeof(*s->f), by_moment);
    tl_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'; script-src '");
    tl_buf_puts(b, script_hash);
    tl_buf_puts(b, "'\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>tonelint report</title>\n<style>");
    tl_buf_puts(b, css);
    tl_buf_puts(b, "</style>\n</head>\n<body>\n<h1>Tone of voice report</h1>\n");
    size_t with = 0, fresh = 0;
    for (size_t i = 0; i < s->nmoments; i++)
        with += s->moments[i].findings > 0;
    for (size_t i = 0; i < s->n; i++)
        fresh += !s->f[i].known;
    tl_buf_printf(b, "<p id=\"summary\">%zu finding%s", s->n, s->n == 1 ? "" : "s");
    if (base) tl_buf_printf(b, " (<b id=\"new-count\">%zu</b> new since the baseline)", fresh);
    tl_buf_printf(b, " in %zu string%s of %zu file%s, in %zu journey moment%s.", s->segments,
                  s->segments == 1 ? "" : "s", s->files, s->files == 1 ? "" : "s", with,
                  with == 1 ? "" : "s");
    if (s->file_errors)
        tl_buf_printf(b, " %zu file%s could not be read.", s->file_errors,
                      s->file_errors == 1 ? "" : "s");
    tl_buf_puts(b, "</p>\n<h2>Where the problems are</h2>\n<p>Journey moments, the one with "
                   "the most findings first; each column is a kind of problem.</p>\n"
                   "<div class=\"scroll\"><table class=\"map\" id=\"map\">\n"
                   "<tr><th class=\"m\">Moment</th>");
    for (size_t c = 0; c < s->ncategories; c++) {
        tl_buf_puts(b, "<th>");
        escs(b, s->categories[c].name);
        tl_buf_puts(b, "</th>");
    }
    tl_buf_puts(b, "<th>Total</th><th>Strings</th></tr>\n");
    size_t max = 1; /* cells are shaded against the largest */
    size_t ncells = s->nmoments * (s->ncategories ? s->ncategories : 1) + 1;
    size_t *cells = calloc(2 * ncells, sizeof(*cells)), *fresh_cells = cells + ncells;
    if (!cells) return TL_ENOMEM;
    for (size_t i = 0; i < s->n; i++) {
        size_t m = rank_of(s->f[i].moment), c = 0;
        while (c < s->ncategories && strcmp(s->categories[c].name, s->f[i].rule->category) != 0)
            c++;
        if (m < s->nmoments && c < s->ncategories) {
            size_t v = ++cells[m * s->ncategories + c];
            fresh_cells[m * s->ncategories + c] += !s->f[i].known;
            if (v > max) max = v;
        }
    }
    for (size_t m = 0; m < s->nmoments; m++) {
        const hcount *mc = &s->moments[m];
        tl_buf_printf(b, "<tr data-moment=\"");
        attr(b, mc->name);
        tl_buf_puts(b, "\"><td class=\"m\"><a href=\"#moment-");
        attr(b, mc->name);
        tl_buf_puts(b, "\">");
        escs(b, title_of(r, mc->name));
        tl_buf_puts(b, "</a></td>");
        for (size_t c = 0; c < s->ncategories; c++) {
            size_t v = cells[m * s->ncategories + c], nv = fresh_cells[m * s->ncategories + c];
            if (!v) {
                tl_buf_puts(b, "<td class=\"zero\" data-all=\"0\" data-new=\"0\">0</td>");
                continue;
            }
            /* Shade: light for one, strong for the largest cell. */
            unsigned alpha = (unsigned)(15 + 70 * v / max);
            tl_buf_printf(b,
                          "<td data-all=\"%zu\" data-new=\"%zu\" "
                          "style=\"background:rgba(231,76,60,0.%02u)\">%zu</td>",
                          v, nv, alpha, v);
        }
        tl_buf_printf(b,
                      "<td class=\"total\" data-all=\"%zu\" data-new=\"%zu\">%zu</td><td>%zu</td>"
                      "</tr>\n",
                      mc->findings, mc->fresh, mc->findings, mc->strings);
    }
    free(cells);
    tl_buf_puts(b, "</table></div>\n");
    if (s->n && filters(r, s) < 0) return TL_ENOMEM;
    if (tl_report_flush(r) < 0) return TL_EIO;
    const char *current = NULL;
    for (size_t i = 0; i < s->n; i++) {
        const hfinding *h = &s->f[i];
        if (!current || strcmp(current, h->moment) != 0) {
            if (current) tl_buf_puts(b, "</section>\n");
            current = h->moment;
            tl_buf_puts(b, "<section class=\"moment\" data-moment=\"");
            attr(b, h->moment);
            tl_buf_puts(b, "\">\n<h2 id=\"moment-");
            attr(b, h->moment);
            tl_buf_puts(b, "\">");
            escs(b, title_of(r, h->moment));
            tl_buf_printf(b, " <small>(%zu)</small></h2>\n",
                          s->moments[rank_of(h->moment)].findings);
        }
        const char *sev = tl_severity_name(h->severity);
        tl_buf_printf(b, "<div class=\"finding %s\" data-moment=\"", sev);
        attr(b, h->moment);
        tl_buf_puts(b, "\" data-category=\"");
        attr(b, h->rule->category);
        tl_buf_printf(b, "\" data-severity=\"%s\" data-file=\"", sev);
        attr(b, h->path);
        tl_buf_printf(b, "\" data-new=\"%d\">\n<div class=\"where\">", h->known ? 0 : 1);
        if (base && !h->known) tl_buf_puts(b, "<span class=\"new\">NEW</span>");
        tl_buf_printf(b, "<span class=\"sev\">%s</span> ", sev);
        escs(b, h->path);
        tl_buf_printf(b, ":%d:%d", h->line, h->column);
        if (h->key) {
            tl_buf_puts(b, " · key <code>");
            escs(b, h->key);
            tl_buf_puts(b, "</code>");
        }
        tl_buf_puts(b, " · <code>");
        escs(b, h->rule->id);
        tl_buf_puts(b, "</code></div>\n<div class=\"copy\">");
        size_t tl = h->text ? strlen(h->text) : 0;
        if (h->text && h->match_start <= h->match_end && h->match_end <= tl) {
            esc(b, h->text, h->match_start);
            tl_buf_puts(b, "<mark>");
            esc(b, h->text + h->match_start, h->match_end - h->match_start);
            tl_buf_puts(b, "</mark>");
            esc(b, h->text + h->match_end, tl - h->match_end);
        } else {
            escs(b, h->text);
        }
        tl_buf_puts(b, "</div>\n<div class=\"message\">");
        escs(b, h->message);
        tl_buf_puts(b, "</div>\n<div class=\"why\">");
        escs(b, h->rule->why);
        tl_buf_puts(b, "</div>\n");
        if (h->rewrite && !*h->rewrite) {
            /* An empty rewrite deletes the matched words. */
            size_t len = 0;
            const char *w = tl_report_trim(h->match, &len);
            tl_buf_puts(b, "<div class=\"rewrite\">Remove <b>");
            esc(b, w, len);
            tl_buf_puts(b, "</b></div>\n");
        } else if (h->rewrite) {
            tl_buf_puts(b, "<div class=\"rewrite\">Write instead: <b>");
            escs(b, h->rewrite);
            tl_buf_puts(b, "</b></div>\n");
        } else {
            tl_buf_puts(b, "<div class=\"rewrite none\">No rewrite fits every case: say what "
                           "happened and what to do next.</div>\n");
        }
        tl_buf_puts(b, "</div>\n");
        if (b->len > 65536 && tl_report_flush(r) < 0) return TL_EIO;
    }
    if (current) tl_buf_puts(b, "</section>\n");
    if (!s->n)
        tl_buf_puts(b, "<p>No findings.</p>\n");
    else {
        tl_buf_puts(b, "<script>");
        tl_buf_puts(b, script);
        tl_buf_puts(b, "</script>\n");
    }
    tl_buf_puts(b, "</body>\n</html>\n");
    return tl_report_flush(r);
}

int tl_report_html(tl_sink *sink, tl_report *rep)
{
    html_state *s = calloc(1, sizeof(*s));
    if (!s) return TL_ENOMEM;
    rep->state = s;
    rep->free_state = free_state;
    sink->begin_file = begin_file;
    sink->finding = finding;
    sink->end_run = end_run;
    return 0;
}
