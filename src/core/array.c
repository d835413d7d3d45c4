/* array.c - growing arrays (array.h). */
#include "array.h"
#include "error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int tl_array_grow(void *itemsp, size_t *cap, size_t size, size_t first)
{
    size_t n = *cap ? *cap : 1;
    if (n > SIZE_MAX / 2 / size) return TL_ENOMEM;
    n = *cap ? n * 2 : first;
    void *items;
    memcpy(&items, itemsp, sizeof(items)); /* T ** seen as void **, without aliasing it */
    void *p = realloc(items, n * size);
    if (!p) return TL_ENOMEM;
    memcpy(itemsp, &p, sizeof(p));
    *cap = n;
    return 0;
}

int tl_array_grow_in(tl_arena *a, void *itemsp, size_t *cap, size_t size, size_t first)
{
    size_t n = *cap ? *cap : 1;
    if (n > SIZE_MAX / 2 / size) return TL_ENOMEM;
    n = *cap ? n * 2 : first;
    void *items;
    memcpy(&items, itemsp, sizeof(items));
    void *p = tl_arena_realloc(a, items, *cap * size, n * size);
    if (!p) return TL_ENOMEM;
    memcpy(itemsp, &p, sizeof(p));
    *cap = n;
    return 0;
}

int tl_array_reserve(void *itemsp, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap : first ? first : 1;
    if (*cap && n > SIZE_MAX / 2 / size) return TL_ENOMEM;
    if (*cap) n *= 2;
    while (n < need) {
        if (n > SIZE_MAX / 2 / size) return TL_ENOMEM;
        n *= 2;
    }
    void *items;
    memcpy(&items, itemsp, sizeof(items));
    void *p = realloc(items, n * size);
    if (!p) return TL_ENOMEM;
    memcpy(itemsp, &p, sizeof(p));
    *cap = n;
    return 0;
}
