/* arena.c - bump allocator: blocks of at least 64 KiB, freed all at once. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tl_arena_block {
    tl_arena_block *next;
    size_t used, cap;
    max_align_t data[];
};

#define BLOCK_MIN ((size_t)64 * 1024)

void *tl_arena_alloc(tl_arena *a, size_t size)
{
    size_t align = sizeof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0) size = align;
    if (a->max && a->total + size > a->max) return NULL;
    tl_arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > BLOCK_MIN ? size : BLOCK_MIN;
        b = malloc(sizeof(*b) + cap);
        if (!b) return NULL;
        b->used = 0;
        b->cap = cap;
        /* A large one-off block goes behind the head so the head keeps its
         * free space for the small allocations that follow. */
        if (a->head && size > BLOCK_MIN) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

void *tl_arena_realloc(tl_arena *a, void *old, size_t old_size, size_t new_size)
{
    void *p = tl_arena_alloc(a, new_size);
    if (p && old) memcpy(p, old, old_size < new_size ? old_size : new_size);
    return p;
}

char *tl_arena_strndup(tl_arena *a, const char *s, size_t len)
{
    char *p = tl_arena_alloc(a, len + 1);
    if (!p) return NULL;
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *tl_arena_strdup(tl_arena *a, const char *s)
{
    return s ? tl_arena_strndup(a, s, strlen(s)) : NULL;
}

char *tl_arena_printf(tl_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *p = tl_arena_alloc(a, (size_t)n + 1);
    if (!p) return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void tl_arena_free(tl_arena *a)
{
    tl_arena_block *b = a->head;
    while (b) {
        tl_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}
