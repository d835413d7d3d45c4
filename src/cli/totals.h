/* totals.h - --total-across-runs: one text total over the runs of one hook.
 *
 * pre-commit splits a long list of files over several runs of the hook,
 * each a process of its own. With --total-across-runs each run adds its
 * counts to a small state file shared by the runs with the same parent
 * process (pre-commit) and the same options, and prints the total so far:
 * the last run's line is the total of the whole hook. The state lives in
 * $XDG_RUNTIME_DIR/tonelint, or $TMPDIR (/tmp) /tonelint-UID, a folder only
 * the user may use; it is keyed by the parent's process id and start time
 * (a recycled id starts afresh), updated under a lock (runs in parallel add
 * up) and replaced by a rename (never half written). State of parents that
 * have exited is removed. */
#ifndef TL_CLI_TOTALS_H
#define TL_CLI_TOTALS_H

#include "../core/sink.h"

/* Add the run's counts in *s to the total of its hook and put the total so
 * far in *s's counters, with s->runs the runs it covers. `options` are the
 * run's options (not its paths), which runs of one hook share. Returns 0,
 * or -1 after a warning on standard error (s is left as the run's own). */
int tl_totals_add(tl_summary *s, char *const *options, int noptions);

#endif
