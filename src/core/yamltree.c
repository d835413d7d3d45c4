/* yamltree.c - libyaml events folded into a tl_ynode tree.
 *
 * libyaml marks count characters (not bytes) and leave out a UTF-8 BOM; a
 * running cursor converts them to byte offsets in one forward pass, since
 * events arrive in file order. */
#include "yamltree.h"
#include "array.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define MAX_DEPTH 200
#define MAX_NODES 1000000

typedef struct builder {
    tl_ydoc *doc;
    const unsigned char *bytes;
    size_t len;
    size_t bom;
    /* character index -> byte offset cursor */
    size_t cur_char, cur_byte;
    size_t nodes;
    /* anchors */
    struct anchor {
        const char *name;
        tl_ynode *node;
    } * anchors;
    size_t nanchors, capanchors;
} builder;

static size_t byte_of(builder *b, size_t chr)
{
    if (chr < b->cur_char) { /* rare: restart from the top */
        b->cur_char = 0;
        b->cur_byte = b->bom;
    }
    while (b->cur_char < chr && b->cur_byte < b->len) {
        unsigned char c = b->bytes[b->cur_byte];
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        b->cur_byte += n;
        b->cur_char++;
    }
    return b->cur_byte > b->len ? b->len : b->cur_byte;
}

static tl_ynode *new_node(builder *b, tl_ynode_type type, const yaml_event_t *ev, tl_error *err)
{
    if (++b->nodes > MAX_NODES) {
        tl_error_set(err, TL_ELIMIT, "more than %d YAML nodes", MAX_NODES);
        return NULL;
    }
    tl_ynode *n = tl_arena_alloc(&b->doc->arena, sizeof(*n));
    if (!n) {
        tl_error_set(err, TL_ENOMEM, "out of memory");
        return NULL;
    }
    n->type = type;
    n->line = (int)ev->start_mark.line + 1;
    n->column = (int)ev->start_mark.column + 1;
    n->start = byte_of(b, ev->start_mark.index);
    n->end = byte_of(b, ev->end_mark.index);
    return n;
}

static int add_item(builder *b, tl_ynode *parent, tl_ynode *child, size_t *cap)
{
    if (parent->n == *cap &&
        tl_array_grow_in(&b->doc->arena, &parent->items, cap, sizeof(*parent->items), 8) < 0)
        return TL_ENOMEM;
    parent->items[parent->n++] = child;
    return 0;
}

static int remember_anchor(builder *b, const char *name, tl_ynode *node)
{
    if (b->nanchors == b->capanchors &&
        tl_array_grow(&b->anchors, &b->capanchors, sizeof(*b->anchors), 16) < 0)
        return TL_ENOMEM;
    b->anchors[b->nanchors++] = (struct anchor){name, node};
    return 0;
}

static tl_ynode *find_anchor(builder *b, const char *name)
{
    for (size_t i = b->nanchors; i > 0; i--)
        if (strcmp(b->anchors[i - 1].name, name) == 0) return b->anchors[i - 1].node;
    return NULL;
}

static const char *adup(builder *b, const yaml_char_t *s)
{
    return s ? tl_arena_strdup(&b->doc->arena, (const char *)s) : NULL;
}

int tl_yaml_load(tl_ydoc *doc, const char *path, const unsigned char *bytes, size_t len,
                 tl_error *err)
{
    memset(doc, 0, sizeof(*doc));
    builder b;
    memset(&b, 0, sizeof(b));
    b.doc = doc;
    b.bytes = bytes;
    b.len = len;
    if (len >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) b.bom = 3;
    b.cur_byte = b.bom;

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) return tl_error_set(err, TL_ENOMEM, "out of memory");
    yaml_parser_set_input_string(&parser, bytes, len);

    tl_ynode *stack[MAX_DEPTH];
    size_t caps[MAX_DEPTH];
    int depth = 0, rc = 0;
    bool done = false, in_doc = false;
    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            if (err) {
                err->path = path;
                err->line = (int)parser.problem_mark.line + 1;
                err->column = (int)parser.problem_mark.column + 1;
                err->offset = byte_of(&b, parser.problem_mark.index);
            }
            rc = tl_error_set(err, TL_ESYNTAX, "%s%s%s",
                              parser.problem ? parser.problem : "invalid YAML",
                              parser.context ? " " : "", parser.context ? parser.context : "");
            break;
        }
        tl_ynode *node = NULL;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (in_doc || doc->root) done = true; /* only the first document */
            in_doc = true;
            break;
        case YAML_DOCUMENT_END_EVENT:
            done = true;
            break;
        case YAML_SCALAR_EVENT:
            node = new_node(&b, TL_Y_SCALAR, &ev, err);
            if (!node) break;
            node->value = tl_arena_strndup(&doc->arena, (const char *)ev.data.scalar.value,
                                           ev.data.scalar.length);
            node->len = ev.data.scalar.length;
            switch (ev.data.scalar.style) {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE:
                node->style = TL_Y_SINGLE;
                break;
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
                node->style = TL_Y_DOUBLE;
                break;
            case YAML_LITERAL_SCALAR_STYLE:
                node->style = TL_Y_LITERAL;
                break;
            case YAML_FOLDED_SCALAR_STYLE:
                node->style = TL_Y_FOLDED;
                break;
            default:
                node->style = TL_Y_PLAIN;
                break;
            }
            node->tag = adup(&b, ev.data.scalar.tag);
            node->anchor = adup(&b, ev.data.scalar.anchor);
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            node =
                new_node(&b, ev.type == YAML_SEQUENCE_START_EVENT ? TL_Y_SEQ : TL_Y_MAP, &ev, err);
            if (!node) break;
            node->tag = adup(&b, ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.tag
                                                                      : ev.data.mapping_start.tag);
            node->anchor =
                adup(&b, ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.anchor
                                                              : ev.data.mapping_start.anchor);
            break;
        case YAML_ALIAS_EVENT:
            node = new_node(&b, TL_Y_ALIAS, &ev, err);
            if (!node) break;
            node->anchor = adup(&b, ev.data.alias.anchor);
            node->target = node->anchor ? find_anchor(&b, node->anchor) : NULL;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (depth > 0) {
                tl_ynode *closed = stack[--depth];
                closed->end = byte_of(&b, ev.end_mark.index);
            }
            break;
        default:
            break;
        }
        if (!node && (ev.type == YAML_SCALAR_EVENT || ev.type == YAML_SEQUENCE_START_EVENT ||
                      ev.type == YAML_MAPPING_START_EVENT || ev.type == YAML_ALIAS_EVENT)) {
            rc = err ? err->code : TL_ENOMEM;
            if (err && !err->path) {
                err->path = path;
                err->line = (int)ev.start_mark.line + 1;
                err->column = (int)ev.start_mark.column + 1;
            }
            yaml_event_delete(&ev);
            break;
        }
        if (node) {
            if (node->anchor && node->type != TL_Y_ALIAS &&
                remember_anchor(&b, node->anchor, node) < 0) {
                rc = tl_error_set(err, TL_ENOMEM, "out of memory");
                yaml_event_delete(&ev);
                break;
            }
            if (depth > 0) {
                if (add_item(&b, stack[depth - 1], node, &caps[depth - 1]) < 0) {
                    rc = tl_error_set(err, TL_ENOMEM, "out of memory");
                    yaml_event_delete(&ev);
                    break;
                }
            } else if (!doc->root) {
                doc->root = node;
            }
            if (node->type == TL_Y_SEQ || node->type == TL_Y_MAP) {
                if (depth == MAX_DEPTH) {
                    if (err) {
                        err->path = path;
                        err->line = node->line;
                        err->column = node->column;
                        err->offset = node->start;
                    }
                    rc = tl_error_set(err, TL_ELIMIT, "YAML nested deeper than %d levels",
                                      MAX_DEPTH);
                    yaml_event_delete(&ev);
                    break;
                }
                caps[depth] = 0;
                stack[depth++] = node;
            }
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    free(b.anchors);
    if (rc < 0) {
        if (err && !err->path) err->path = path;
        tl_yaml_free(doc);
    }
    return rc;
}

void tl_yaml_free(tl_ydoc *doc)
{
    tl_arena_free(&doc->arena);
    doc->root = NULL;
}

tl_ynode *tl_yaml_get(const tl_ynode *map, const char *key)
{
    if (!map || map->type != TL_Y_MAP) return NULL;
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const tl_ynode *k = tl_yaml_resolve(map->items[i]);
        if (k && k->type == TL_Y_SCALAR && strcmp(k->value, key) == 0) return map->items[i + 1];
    }
    return NULL;
}

const tl_ynode *tl_yaml_resolve(const tl_ynode *n)
{
    for (int hops = 0; n && n->type == TL_Y_ALIAS && hops < 64; hops++)
        n = n->target;
    return n && n->type == TL_Y_ALIAS ? NULL : n;
}
