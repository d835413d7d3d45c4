/* copies.h - a translation set is one source: report each English source
 * string once per run.
 *
 * Every translation catalog of a gettext project repeats the English msgid
 * (and every XLIFF file its source), so one cold phrase would be reported
 * once per language. Before linting, tl_copies_scan reads the run's source
 * catalogs (a .pot, or a catalog in English): the strings they hold are
 * reported there. While delivering, tl_copies_keep drops a finding on a
 * source-language copy (a segment flagged TL_SEG_EXTRACTED) when a source
 * catalog of its set holds the same string, or when an earlier file of its
 * set already reported it. The strings are compared by (context, key, text).
 *
 * A set is the catalogs of one folder, once language folders are taken out
 * of the path: `po/de.po` and `po/app.pot`; `locale/de/LC_MESSAGES/x.po`
 * and `locale/en/LC_MESSAGES/x.po`; `translations/messages.de.xlf` and
 * `translations/messages.en.xlf`. A source catalog also covers the sets in
 * the folders below its own (`locale/x.pot` for `locale/<lang>/...`).
 * Unrelated catalogs elsewhere in the run, which may have their own
 * settings, are never folded together. */
#ifndef TL_COPIES_H
#define TL_COPIES_H

#include "../core/arena.h"
#include "../core/segment.h"
#include "../core/sink.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct tl_copies {
    tl_arena arena;
    /* Open-addressing set of strings: key -> owner (a file number). */
    struct tl_copy_slot {
        const char *key;
        size_t len;
        unsigned file; /* the file that reports it (0: a source catalog not yet delivered) */
        bool source;   /* held by a source catalog */
    } * slots;
    size_t nslots, used;
    /* Source catalogs found by the scan, by path. */
    char **sources;
    size_t nsources, capsources;
    unsigned file; /* number of the file being delivered */
    const char *path;
    char *set; /* the set of the file being delivered */
    bool is_source;
    signed char *decided; /* per segment of the current file: 0 unknown, 1 keep, -1 drop */
    size_t ndecided;
} tl_copies;

void tl_copies_init(tl_copies *c);
void tl_copies_free(tl_copies *c);
/* Whether a file of this path and syntax could be a translation catalog
 * holding source-language copies (PO/POT, XLIFF). */
bool tl_copies_candidate(const char *path);
/* Read a candidate file before the run; a source catalog's strings are
 * recorded. Files that cannot be read are left to the run to report. */
int tl_copies_scan(tl_copies *c, const char *path);
/* Start delivering a document. */
int tl_copies_begin(tl_copies *c, const tl_doc *doc);
/* Whether the finding is reported in this file. */
bool tl_copies_keep(tl_copies *c, const tl_doc *doc, const tl_finding *f);

#endif
