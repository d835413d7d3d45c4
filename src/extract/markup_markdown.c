/* markup_markdown.c - Markdown in the markup extractor: front matter,
 * headings, lists, quotes, tables and code blocks (one block of text
 * each), and the inline markers the inline scan skips (emphasis, links,
 * backslash escapes). */
#include "markup_int.h"

bool tl_markup_md_punct(char c)
{
    return c && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL;
}

/* Markdown emphasis delimiter run at i ('*', '_' or '~~'): its length when
 * it is markup, 0 when it is text. */
size_t tl_markup_emphasis(const parser *p, size_t i, size_t to)
{
    char c = p->b[i];
    size_t j = i;
    while (j < to && p->b[j] == c)
        j++;
    if (c == '~' && j - i < 2) return 0;
    char before = i > 0 ? p->b[i - 1] : ' ', after = j < to ? p->b[j] : ' ';
    bool left = !ws(after), right = !ws(before);
    if (!left && !right) return 0; /* a lone " * " */
    if (c == '_' && isalnum((unsigned char)before) && isalnum((unsigned char)after))
        return 0; /* snake_case */
    return j - i;
}

/* Markdown link at i (`[` or `![`): sets the positions of its `]` and of the
 * end of its destination when it is one. */
bool tl_markup_md_link(parser *p, size_t i, size_t to)
{
    size_t j = i + (p->b[i] == '!' ? 2 : 1);
    int depth = 1;
    while (j < to) {
        if (p->b[j] == '\\') {
            j += 2;
            continue;
        }
        if (p->b[j] == '[') depth++;
        if (p->b[j] == ']' && --depth == 0) break;
        j++;
    }
    if (j >= to || j + 1 >= to) return false;
    char open = p->b[j + 1];
    if (open != '(' && open != '[') return false;
    char close = open == '(' ? ')' : ']';
    size_t k = j + 2;
    int d = 1;
    while (k < to) {
        if (p->b[k] == open && open == '(') d++;
        if (p->b[k] == close && --d == 0) break;
        k++;
    }
    if (k >= to) return false;
    p->link_close = j;
    p->link_end = k + 1;
    return true;
}

/* Length of a Markdown list marker at i ("- ", "1. "), or 0. */
static size_t list_marker(const parser *p, size_t i, size_t e)
{
    const char *b = p->b;
    if (i < e && (b[i] == '-' || b[i] == '*' || b[i] == '+') &&
        (i + 1 == e || b[i + 1] == ' ' || b[i + 1] == '\t'))
        return i + 1 < e ? 2 : 1;
    size_t j = i;
    while (j < e && j - i < 9 && isdigit((unsigned char)b[j]))
        j++;
    if (j > i && j < e && (b[j] == '.' || b[j] == ')') && (j + 1 == e || b[j + 1] == ' '))
        return j + 1 - i + (j + 1 < e);
    return 0;
}

/* Whether the line [i, e) is made of one repeated marker character (and
 * blanks), at least `min` times: thematic breaks and setext underlines. */
static bool rule_line(const parser *p, size_t i, size_t e, const char *chars, size_t min)
{
    char c = 0;
    size_t count = 0;
    for (; i < e; i++) {
        char d = p->b[i];
        if (d == ' ' || d == '\t') continue;
        if (!strchr(chars, d) || (c && d != c)) return false;
        c = d;
        count++;
    }
    return count >= min;
}

int tl_markup_run_markdown(parser *p, size_t pos)
{
    int rc = 0;
    char fence = 0;
    size_t fence_len = 0;
    bool prev_blank = true;
    /* YAML front matter. */
    if (starts(p, pos, "---\n") || starts(p, pos, "---\r\n")) {
        size_t i = next_line(p, pos);
        while (i < p->len) {
            size_t e = line_end(p, i);
            if (e - i == 3 && (starts(p, i, "---") || starts(p, i, "..."))) {
                pos = next_line(p, i);
                break;
            }
            i = next_line(p, i);
        }
    }
    while (pos < p->len) {
        size_t e = line_end(p, pos), n = next_line(p, pos), i = pos;
        size_t indent = 0;
        while (i < e && (p->b[i] == ' ' || p->b[i] == '\t'))
            indent += p->b[i++] == '\t' ? 4 : 1;
        if (fence) { /* inside fenced code */
            size_t k = i, c = 0;
            while (k < e && p->b[k] == fence)
                k++, c++;
            if (c >= fence_len && blank_line(p, k, e)) fence = 0;
            pos = n;
            continue;
        }
        if (blank_line(p, pos, e)) {
            if ((rc = tl_markup_end_block(p)) < 0) return rc;
            prev_blank = true;
            pos = n;
            continue;
        }
        if (indent >= 4 && prev_blank && !p->sb.text.len) { /* indented code */
            pos = n;
            continue;
        }
        prev_blank = false;
        if (indent < 4 && (starts(p, i, "```") || starts(p, i, "~~~"))) {
            if ((rc = tl_markup_end_block(p)) < 0) return rc;
            fence = p->b[i];
            fence_len = 0;
            while (i < e && p->b[i] == fence)
                i++, fence_len++;
            pos = n;
            continue;
        }
        while (i < e && p->b[i] == '>') { /* block quotes */
            i++;
            if (i < e && p->b[i] == ' ') i++;
            while (i < e && p->b[i] == ' ')
                i++;
        }
        if (i >= e) { /* only quote markers: a blank line inside the quote */
            if ((rc = tl_markup_end_block(p)) < 0) return rc;
            pos = n;
            continue;
        }
        if (rule_line(p, i, e, "=-", 1) && p->sb.text.len) { /* setext underline */
            if ((rc = tl_markup_end_block(p)) < 0) return rc;
            pos = n;
            continue;
        }
        if (rule_line(p, i, e, "*-_", 3)) {
            if ((rc = tl_markup_end_block(p)) < 0) return rc;
            pos = n;
            continue;
        }
        if (p->b[i] == '[') { /* a link reference definition: [id]: url */
            size_t k = i + 1;
            while (k < e && p->b[k] != ']')
                k++;
            if (k + 1 < e && p->b[k + 1] == ':') {
                pos = n;
                continue;
            }
        }
        bool heading = false;
        if (p->b[i] == '#') {
            size_t k = i;
            while (k < e && p->b[k] == '#')
                k++;
            if (k - i <= 6 && (k == e || p->b[k] == ' ' || p->b[k] == '\t')) {
                heading = true;
                if ((rc = tl_markup_end_block(p)) < 0) return rc;
                i = k;
                /* A closing run of #s is not text. */
                size_t z = e;
                while (z > i && ws(p->b[z - 1]))
                    z--;
                size_t h = z;
                while (h > i && p->b[h - 1] == '#')
                    h--;
                if (h < z && (h == i || p->b[h - 1] == ' ')) e = h;
            }
        }
        size_t m = list_marker(p, i, e);
        if (m) {
            if ((rc = tl_markup_end_block(p)) < 0) return rc;
            i += m;
        }
        if (i < e && (p->b[i] == '|' || (p->b[e - 1] == '|' && memchr(p->b + i, '|', e - i - 1)))) {
            /* A table row: each cell is a block; the delimiter row is skipped. */
            bool delim = true;
            for (size_t k = i; k < e; k++)
                if (!strchr("|-: \t", p->b[k])) delim = false;
            if ((rc = tl_markup_end_block(p)) < 0) return rc;
            if (!delim) {
                size_t cell = i;
                for (size_t k = i; k <= e; k++) {
                    if (k < e && (p->b[k] != '|' || (k > i && p->b[k - 1] == '\\'))) continue;
                    tl_markup_inline(p, cell, k, &rc);
                    if (rc < 0 || (rc = tl_markup_end_block(p)) < 0) return rc;
                    cell = k + 1;
                }
            }
            pos = n;
            continue;
        }
        size_t stop = tl_markup_inline(p, i, heading ? e : n, &rc);
        if (rc < 0) return rc;
        if (heading && (rc = tl_markup_end_block(p)) < 0) return rc;
        pos = stop > n ? stop : n;
    }
    return tl_markup_end_block(p);
}
