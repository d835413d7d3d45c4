/* walk.h - visiting the files under a path, in a stable order.
 *
 * A file named on the command line is always visited; inside directories
 * only files tonelint reads (by name) are, and hidden folders, node_modules
 * and build output are skipped. Symbolic links to directories are not
 * followed, so a link loop cannot trap the walk. */
#ifndef TL_WALK_H
#define TL_WALK_H

#include <stdbool.h>

typedef int (*tl_walk_file_fn)(void *ud, const char *path);
typedef int (*tl_walk_error_fn)(void *ud, const char *path, const char *message);

/* `all_files`: visit every regular file in directories (when --syntax names
 * the format). Stops early when a callback returns a negative code. */
/* tl_walk flags. */
enum { TL_WALK_ALL_FILES = 1, TL_WALK_SOURCE = 2 };

int tl_walk(const char *path, unsigned flags, tl_walk_file_fn on_file, tl_walk_error_fn on_error,
            void *ud);

#endif
