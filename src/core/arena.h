/* arena.h - bump allocator for one file pass.
 *
 * Segments, source maps, findings and their strings live in the arena of
 * the document they came from and are freed together by tl_arena_free.
 * Nothing allocated here may be passed to free(). */
#ifndef TL_ARENA_H
#define TL_ARENA_H

#include <stddef.h>

typedef struct tl_arena_block tl_arena_block;

typedef struct tl_arena {
    tl_arena_block *head;
    size_t total; /* bytes handed out, for the size cap */
    size_t max;   /* 0: no cap */
} tl_arena;

#define TL_ARENA_INIT                                                                              \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Zeroed memory, aligned for any type; NULL when out of memory. */
void *tl_arena_alloc(tl_arena *a, size_t size);
/* Grow an arena array: copies old_size bytes into a new block of new_size. */
void *tl_arena_realloc(tl_arena *a, void *old, size_t old_size, size_t new_size);
char *tl_arena_strndup(tl_arena *a, const char *s, size_t len);
char *tl_arena_strdup(tl_arena *a, const char *s);
char *tl_arena_printf(tl_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tl_arena_free(tl_arena *a);

#endif
