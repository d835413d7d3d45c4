/* glob.h - patterns over file paths and keys, and relative paths.
 *
 * Used by the config for `ignore`, `overrides.files` and `ignore_keys`, and
 * by the baseline, whose paths are relative to the baseline file. Pure
 * string functions, except the two that resolve folders on disk. */
#ifndef TL_GLOB_H
#define TL_GLOB_H

#include "../core/buf.h"

#include <stdbool.h>

/* Glob matching. Syntax: `*` any run of characters, `?` one character,
 * `[abc]` `[a-z]` `[!a]` a class, `{po,pot}` alternatives, `\` quotes the
 * next character. With TL_GLOB_PATH, `*`, `?` and classes stop at `/`, and
 * `**` matches across folders (`**` followed by `/` matches zero or more
 * whole folders). A malformed pattern matches nothing. Matching takes
 * time linear in the text for a given pattern (no backtracking). */
enum { TL_GLOB_PATH = 1u << 0 };
bool tl_glob_match(const char *pattern, const char *text, unsigned flags);
/* Whether a glob is well formed: balanced `[...]` and `{...}`, at most
 * TL_GLOB_MAX bytes and 256 alternatives once `{...}` are expanded. */
#define TL_GLOB_MAX 1000
bool tl_glob_valid(const char *pattern);
/* A file pattern (`ignore`, `overrides.files`) against a path relative to
 * the config's folder, `/`-separated: a pattern without `/` matches a file
 * or folder name at any depth; one with a `/` (or starting with `/`) is
 * anchored to the config's folder; a pattern that matches a folder matches
 * everything in it; a trailing `/` matches folders only. */
bool tl_path_match(const char *pattern, const char *rel);

/* Absolute, symlink-free form of the folder holding `path` (malloc'd): "-"
 * and names without a `/` are in the current directory. NULL when the
 * folder does not exist. */
char *tl_path_dir_abs(const char *path);
/* Append to out the path of `path` relative to the absolute folder `dir`
 * (with `../` when it lies outside). `path` may be relative to the current
 * directory. Returns 0, TL_EIO when its folder does not exist, TL_ENOMEM. */
int tl_path_relative(tl_buf *out, const char *dir, const char *path);

#endif
