/* yamlscalar.h - re-read a YAML scalar's stored bytes into text + source map.
 *
 * libyaml (behind core/yamltree.c) gives each scalar's decoded value and the
 * byte range of its stored text, but nothing in between. This module re-lexes
 * that range by the scalar's style, the way libyaml's scanner does, and
 * records for every decoded byte where it is stored: literal runs map byte
 * for byte; escapes, `''`, line folds, escaped line breaks, indentation and
 * chomped line ends are atomic spans. The YAML extractor checks the result
 * against libyaml's value before trusting it. */
#ifndef TL_YAMLSCALAR_H
#define TL_YAMLSCALAR_H

#include "../core/segment.h"
#include "../core/yamltree.h"

typedef struct tl_yscalar_info {
    size_t content_start; /* first byte after quotes / block header */
    size_t content_end;   /* end of the content (before a closing quote) */
    int indent;           /* block scalars: content indentation (columns) */
} tl_yscalar_info;

/* Decode scalar node n of the stored bytes b[0..len) into sb (appending).
 * parent_indent is the column (0-based) of the block collection that holds
 * the scalar, -1 at the top level; block scalars need it for an explicit
 * indentation indicator. \0 escapes decode to U+FFFD. Returns 0, or
 * TL_ESYNTAX when the bytes do not hold a scalar of n's style, or
 * TL_ENOMEM. */
int tl_yaml_scalar_decode(tl_segbuild *sb, tl_yscalar_info *info, const unsigned char *b,
                          size_t len, const tl_ynode *n, int parent_indent);

/* The indentation libyaml's scanner holds for the items of block
 * collection c (a scalar item's parent_indent above): the column of its
 * first key, or of the `-` before its first item. Node marks start at an
 * anchor or tag, so the collection's own mark is not used. -1 for a flow
 * collection. */
int tl_yaml_collection_indent(const unsigned char *b, size_t len, const tl_ynode *c);

/* Whether a plain scalar's text resolves to something other than a string
 * (null, a boolean, an integer or a float) for YAML 1.1 loaders such as
 * Ruby's Psych and PyYAML: `~`, `null`, `yes`, `No`, `off`, `12`, `0x1F`,
 * `1_000`, `3.14`, `.inf`, `1:30`. The empty string is null. */
bool tl_yaml_plain_is_special(const char *s, size_t n);

#endif
