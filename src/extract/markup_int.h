/* markup_int.h - the parser shared by the markup extractor's files.
 *
 * markup.c owns the parser, the blocks of visible text it builds and the
 * inline scan; markup_html.c reads tags, attributes and entities;
 * markup_template.c the template languages' tags (ERB, Liquid/Jinja/Twig,
 * Handlebars, Blade); markup_markdown.c Markdown's blocks and inline
 * markers. Private to src/extract/markup*.c. */
#ifndef TL_MARKUP_INT_H
#define TL_MARKUP_INT_H

#include "format.h"

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef enum { M_TEXT, M_HTML, M_MARKDOWN } mode;

typedef struct range {
    size_t off, len;
} range;

typedef struct parser {
    tl_doc *doc;
    tl_error *err;
    const char *b;
    size_t len;
    mode mode;
    bool erb, curly; /* the file is an ERB / a curly-brace template */
    bool blade;      /* a Blade template (also curly) */
    /* The block being built. */
    tl_segbuild sb;
    bool letters;
    range *ws; /* white space waiting for more text in the block */
    size_t nws, capws;
    tl_segbuild attr; /* an attribute value */
    /* Markdown link being read: where its text ends and its destination does. */
    size_t link_close, link_end;
} parser;

typedef enum { T_NONE, T_OUTPUT, T_CODE, T_COMMENT } tkind;

static inline bool ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline bool starts(const parser *p, size_t i, const char *s)
{
    size_t n = strlen(s);
    return i + n <= p->len && memcmp(p->b + i, s, n) == 0;
}

/* Offset of `s` at or after i, or len. */
static inline size_t find(const parser *p, size_t i, const char *s)
{
    size_t n = strlen(s);
    if (n > p->len) return p->len;
    const char *hit = memmem(p->b + i, p->len - i, s, n);
    return hit ? (size_t)(hit - p->b) : p->len;
}

/* Whether a byte is an ASCII letter or the lead byte of a character from a
 * script block (Latin-1 letters and up to Armenian, Indic and Southeast
 * Asian scripts, CJK, Hangul); U+0080-U+00BF, the U+2000 punctuation and
 * symbol blocks and astral characters (mostly emoji) are not letters. A
 * block of only placeholders and punctuation is not copy. */
static inline bool letter(unsigned char c)
{
    return isalpha(c) || (c >= 0xC3 && c <= 0xDF) || c == 0xE0 || c == 0xE1 ||
           (c >= 0xE3 && c <= 0xED);
}

static inline size_t line_end(const parser *p, size_t i)
{
    while (i < p->len && p->b[i] != '\n' && p->b[i] != '\r')
        i++;
    return i;
}

static inline size_t next_line(const parser *p, size_t i)
{
    i = line_end(p, i);
    if (i < p->len && p->b[i] == '\r') i++;
    if (i < p->len && p->b[i] == '\n') i++;
    return i;
}

static inline bool blank_line(const parser *p, size_t i, size_t e)
{
    for (; i < e; i++)
        if (!ws(p->b[i])) return false;
    return true;
}

/* markup.c: the block being built. Each returns 0 or a negative TL_E code
 * with p->err set. */
int tl_markup_oom(parser *p);
int tl_markup_flush_ws(parser *p);
/* Visible text stored as is. */
int tl_markup_text(parser *p, size_t from, size_t to);
/* Visible text decoded from stored bytes [off, off+len) (an entity, an escape). */
int tl_markup_atomic(parser *p, size_t off, size_t len, const char *s, size_t n);
/* Template output kept as written: a placeholder in the sentence. */
int tl_markup_placeholder(parser *p, size_t off, size_t len);
/* The block is complete: it becomes a segment when it has a letter. */
int tl_markup_end_block(parser *p);
/* Visible content of [from, to). Constructs that open inside may run past
 * `to`; returns where the scan stopped (>= to). */
size_t tl_markup_inline(parser *p, size_t from, size_t to, int *rc);

/* markup_html.c */
/* An entity at i (`&`): its stored length and decoded UTF-8 (at most 4
 * bytes) in out, or 0. */
size_t tl_markup_entity(const parser *p, size_t i, size_t to, char *out, size_t *n);
/* Markup at i (`<`): a comment, a declaration or a tag. Returns the
 * position after it, or i when it is text. */
size_t tl_markup_tag(parser *p, size_t i, int *rc);

/* markup_template.c */
/* A template construct at i: its kind and end (past the closer). *bad is
 * set when it opens but never closes in a file of that template language. */
tkind tl_markup_template_at(const parser *p, size_t i, size_t *end, bool *bad);
/* Handle a template construct at i. Returns the position after it, or i
 * when there is none (0 with p->err set on an unterminated one). */
size_t tl_markup_template(parser *p, size_t i, int *rc);

/* markup_markdown.c */
bool tl_markup_md_punct(char c);
/* Markdown emphasis delimiter run at i ('*', '_' or '~~'): its length when
 * it is markup, 0 when it is text. */
size_t tl_markup_emphasis(const parser *p, size_t i, size_t to);
/* Markdown link at i (`[` or `![`): sets the positions of its `]` and of the
 * end of its destination when it is one. */
bool tl_markup_md_link(parser *p, size_t i, size_t to);
/* Markdown: blocks (headings, lists, quotes, tables, code), from pos. */
int tl_markup_run_markdown(parser *p, size_t pos);

#endif
