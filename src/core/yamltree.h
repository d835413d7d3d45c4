/* yamltree.h - a YAML document as a tree with positions (libyaml adapter).
 *
 * The only file that includes <yaml.h> is yamltree.c. Rule packs, the config
 * file and the YAML extractor all read YAML through this tree. Each node
 * knows its 1-based line and column and the byte range of its text in the
 * stored file (a quoted scalar's range includes its quotes; a block scalar's
 * starts at `|` or `>`), and a scalar knows its style, so the extractor can
 * re-read the stored bytes to map every decoded character. Aliases point at
 * their anchor's node. Limits: depth 200, 1,000,000 nodes; more is an error,
 * so an alias bomb cannot expand (aliases are never copied). */
#ifndef TL_YAMLTREE_H
#define TL_YAMLTREE_H

#include "arena.h"
#include "error.h"

#include <stddef.h>

typedef enum tl_ynode_type { TL_Y_SCALAR, TL_Y_SEQ, TL_Y_MAP, TL_Y_ALIAS } tl_ynode_type;

typedef enum tl_yscalar_style {
    TL_Y_PLAIN,
    TL_Y_SINGLE,
    TL_Y_DOUBLE,
    TL_Y_LITERAL,
    TL_Y_FOLDED
} tl_yscalar_style;

typedef struct tl_ynode tl_ynode;
struct tl_ynode {
    tl_ynode_type type;
    int line, column;   /* 1-based; column in characters */
    size_t start, end;  /* byte offsets in the stored file */
    const char *tag;    /* explicit tag or NULL */
    const char *anchor; /* anchor name or NULL */
    /* scalar */
    const char *value; /* decoded by libyaml */
    size_t len;
    tl_yscalar_style style;
    /* sequence: items[n]; mapping: items[2*i] key, items[2*i+1] value */
    tl_ynode **items;
    size_t n;
    tl_ynode *target; /* alias: the anchored node (NULL if unknown) */
};

typedef struct tl_ydoc {
    tl_arena arena;
    tl_ynode *root; /* NULL for an empty document */
} tl_ydoc;

/* Parse the first document of bytes. On error err has line and column
 * (err->path is set to path). */
int tl_yaml_load(tl_ydoc *doc, const char *path, const unsigned char *bytes, size_t len,
                 tl_error *err);
void tl_yaml_free(tl_ydoc *doc);

/* Mapping lookup by key; NULL when absent. */
tl_ynode *tl_yaml_get(const tl_ynode *map, const char *key);
/* Follow aliases. */
const tl_ynode *tl_yaml_resolve(const tl_ynode *n);

#endif
