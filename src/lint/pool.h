/* pool.h - lint files on worker threads, report them in submission order.
 *
 * The caller (the thread that owns the linter and the sink) submits paths;
 * workers read, extract and match them, each with its own matcher, the rule
 * set shared read-only; the caller's thread delivers results to the sink in
 * the order the files were submitted, so output is the same as one thread's.
 * At most a small window of files is in flight, so memory does not grow
 * with the number of files. The rule set must not change while files are
 * in flight. */
#ifndef TL_POOL_H
#define TL_POOL_H

#include "linter.h"

typedef struct tl_pool tl_pool;

/* jobs: worker threads (0: one per online CPU). With one job, or until a
 * second file is submitted, files are linted on the caller's thread. */
int tl_pool_new(tl_pool **out, tl_linter *L, int jobs, tl_sink *sink);

/* Queue a file (path and syntax are copied). The settings of L at this
 * moment (policy, vocabulary, severity floor...) apply to it. Delivers
 * finished files on the way. Returns what tl_lint_file would: negative
 * when the run must stop. */
int tl_pool_submit(tl_pool *p, const char *path, const char *syntax);

/* Deliver every queued file, waiting for them. */
int tl_pool_drain(tl_pool *p);

/* Stop the workers; undelivered files are dropped. p may be NULL. */
void tl_pool_free(tl_pool *p);

/* The number of online CPUs (at least 1). */
int tl_pool_cpus(void);

#endif
