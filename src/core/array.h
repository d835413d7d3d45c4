/* array.h - the one growable-array helper.
 *
 * Arrays in the library are a pointer, a count and a capacity; appending
 * is `if (n == cap && tl_array_grow(&items, &cap, sizeof(*items), 16) < 0)
 * return TL_ENOMEM;` then `items[n++] = x;`; tl_array_reserve makes room
 * for several at once, and tl_array_grow_in grows an array that lives in
 * an arena. */
#ifndef TL_ARRAY_H
#define TL_ARRAY_H

#include "arena.h"

#include <stddef.h>

/* Double the capacity of the array whose pointer is at `itemsp` (a T **,
 * the array may be NULL) from *cap elements of `size` bytes (first: `first`
 * elements). 0, or TL_ENOMEM with the array and *cap unchanged. */
int tl_array_grow(void *itemsp, size_t *cap, size_t size, size_t first);

/* tl_array_grow for an array in arena a (NULL, or allocated from a): the
 * elements move to a new block of the arena twice as large (first:
 * `first` elements), the old block staying with the arena until it is
 * freed. 0, or TL_ENOMEM with the array and *cap unchanged. */
int tl_array_grow_in(tl_arena *a, void *itemsp, size_t *cap, size_t size, size_t first);

/* Make room for `need` elements: the capacity doubles (from `first`) until
 * it holds them. 0, or TL_ENOMEM with the array and *cap unchanged. */
int tl_array_reserve(void *itemsp, size_t *cap, size_t need, size_t size, size_t first);

/* A capacity for n elements with a sixteenth to spare, for memory held a
 * long time and grown a little at a time (the language server's open
 * texts and their line tables): it need not be reallocated at each small
 * growth, and holds at most a sixteenth more than it needs, where doubling
 * would hold up to twice as much. */
static inline size_t tl_array_room(size_t n)
{
    return n + n / 16 + 64;
}

#endif
