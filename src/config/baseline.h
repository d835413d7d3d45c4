/* baseline.h - the findings a project has accepted for now.
 *
 * A baseline file (`--write-baseline`) records each finding by a
 * fingerprint that survives moved lines: the file's path (relative to the
 * baseline file's folder), the segment's key and context, the rule and the
 * matched text, with a count. A run with `--baseline` reports only findings
 * beyond those counts: 2 recorded and 3 found reports 1 (the last in file
 * order). This module reads and writes the JSON file and does the counting;
 * it does not print. The format is in docs/configuration.md. */
#ifndef TL_BASELINE_H
#define TL_BASELINE_H

#include "../core/buf.h"
#include "../core/error.h"
#include "../core/finding.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct tl_baseline_entry {
    char *path, *key, *context, *rule, *match; /* key and context may be NULL */
    size_t count;                              /* recorded */
    size_t left;                               /* not yet matched by this run */
} tl_baseline_entry;

typedef struct tl_baseline {
    char *dir; /* absolute folder of the baseline file */
    tl_baseline_entry *items;
    size_t n, cap;
    size_t *index; /* open-addressing table of item positions + 1 (0: empty) */
    size_t capindex;
} tl_baseline;

/* An empty baseline for the file `file` (which need not exist yet; its
 * folder must). */
int tl_baseline_init(tl_baseline *b, const char *file, tl_error *err);
void tl_baseline_free(tl_baseline *b);
/* Read entries from JSON bytes (`path` names them in errors, which carry a
 * line and column). Entries add up with those already there. */
int tl_baseline_parse(tl_baseline *b, const char *path, const unsigned char *bytes, size_t len,
                      tl_error *err);
/* tl_baseline_init, then read and parse the file. */
int tl_baseline_read(tl_baseline *b, const char *file, tl_error *err);

/* The path a linted file has in the baseline: relative to its folder. */
int tl_baseline_path(const tl_baseline *b, const char *path, tl_buf *out);
/* Record one finding of the file whose baseline path is rel. */
int tl_baseline_add(tl_baseline *b, const char *rel, const tl_finding *f);
/* Whether the finding is covered by the baseline; each call uses up one of
 * the recorded count. */
bool tl_baseline_take(tl_baseline *b, const char *rel, const tl_finding *f);
/* The baseline as a JSON document, entries sorted. */
int tl_baseline_write(const tl_baseline *b, tl_buf *out);

#endif
