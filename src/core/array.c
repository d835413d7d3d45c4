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
