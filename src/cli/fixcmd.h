/* fixcmd.h - the --fix and --diff modes of the tonelint command.
 *
 * For each file: fix it in memory (fix/fixer.h), then either write it back
 * atomically (--fix) or print the change as a unified diff (--diff), then
 * report the findings that remain. What was changed and what was skipped
 * goes to standard error, so the report (or the patch) on standard output
 * stays machine-readable. */
#ifndef TL_FIXCMD_H
#define TL_FIXCMD_H

#include "../fix/atomic.h"
#include "../fix/fixer.h"
#include "../lint/linter.h"

typedef struct tl_cli_fix {
    bool diff;           /* print a patch, change nothing */
    unsigned flags;      /* TL_FIX_* */
    const tl_fix_io *io; /* NULL: the real system calls */
    /* Totals for the summary line. */
    size_t files, findings, in_source, skipped, failed;
} tl_cli_fix;

/* Fix (or diff) one file and report its remaining findings to sink (the
 * caller gives a sink that prints nothing when standard output carries a
 * patch or fixed text, but still counts findings for the exit status). Input
 * and write errors are reported and counted in L->summary.errors; the
 * return value is negative only when the run cannot go on. */
int tl_cli_fix_file(tl_cli_fix *fx, tl_linter *L, const char *path, const char *syntax,
                    tl_sink *sink);
/* Standard input (`name` labels it): --fix prints the fixed text on
 * standard output instead of a report; --diff prints the patch. Takes
 * ownership of bytes (malloc'd). */
int tl_cli_fix_stdin(tl_cli_fix *fx, tl_linter *L, const char *name, const char *syntax,
                     unsigned char *bytes, size_t len, tl_sink *sink);
/* "fixed N findings in M files" and what was left, on standard error. */
void tl_cli_fix_summary(const tl_cli_fix *fx);

#endif
