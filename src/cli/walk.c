/* walk.c - directory walk with sorted entries and no symlink loops. */
#include "walk.h"
#include "../extract/format.h"
#include "../core/array.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DEPTH 64

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether dir's last component is `name`. */
static bool last_component_is(const char *dir, const char *name)
{
    size_t n = strlen(dir), k = strlen(name);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return n >= k && strncmp(dir + n - k, name, k) == 0 && (n == k || dir[n - k - 1] == '/');
}

/* Dependencies and build output are not the project's copy. A `vendor`
 * folder is third-party code, except Laravel's `resources/views/vendor` and
 * `lang/vendor`, which hold the project's own copies of package e-mails and
 * translations. */
static bool skipped_dir(const char *parent, const char *name)
{
    if (strcmp(name, "vendor") == 0)
        return !last_component_is(parent, "views") && !last_component_is(parent, "lang");
    return name[0] == '.' || strcmp(name, "node_modules") == 0 || strcmp(name, "build") == 0;
}

/* Whether a walk takes this file: every file, a catalog or template, or
 * with TL_WALK_SOURCE source code too. */
static bool wanted(unsigned flags, const char *path)
{
    return (flags & TL_WALK_ALL_FILES) || tl_format_is_candidate(path) ||
           ((flags & TL_WALK_SOURCE) && tl_format_is_code_path(path));
}

static int walk_dir(const char *dir, int depth, unsigned flags, tl_walk_file_fn on_file,
                    tl_walk_error_fn on_error, void *ud)
{
    if (depth > MAX_DEPTH) return on_error(ud, dir, "directory nesting too deep; skipped");
    DIR *d = opendir(dir);
    if (!d) return on_error(ud, dir, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (n == cap && tl_array_grow(&names, &cap, sizeof(*names), 64) < 0) {
            rc = -1;
            break;
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = -1;
            break;
        }
        n++;
    }
    closedir(d);
    if (rc == 0 && n) qsort(names, n, sizeof(*names), cmp);
    for (size_t i = 0; rc >= 0 && i < n; i++) {
        char *path;
        if (asprintf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]) < 0) {
            rc = -1;
            break;
        }
        struct stat st;
        if (lstat(path, &st) < 0) {
            rc = on_error(ud, path, strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            if (!skipped_dir(dir, names[i]))
                rc = walk_dir(path, depth + 1, flags, on_file, on_error, ud);
        } else if (S_ISLNK(st.st_mode)) {
            /* Follow links to files only. */
            struct stat target;
            if (stat(path, &target) == 0 && S_ISREG(target.st_mode) && wanted(flags, path))
                rc = on_file(ud, path);
        } else if (S_ISREG(st.st_mode) && wanted(flags, path)) {
            rc = on_file(ud, path);
        }
        free(path);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int tl_walk(const char *path, unsigned flags, tl_walk_file_fn on_file, tl_walk_error_fn on_error,
            void *ud)
{
    struct stat st;
    if (stat(path, &st) < 0) return on_error(ud, path, strerror(errno));
    if (S_ISDIR(st.st_mode)) return walk_dir(path, 0, flags, on_file, on_error, ud);
    return on_file(ud, path);
}
