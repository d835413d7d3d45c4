/* pool.c - worker threads for --jobs, results delivered in order.
 *
 * A ring of `window` slots holds the files between submission and
 * delivery. Workers take slots in order and fill in each slot's job with
 * their own matcher; the submitting thread delivers slots in order, waiting
 * for the oldest when the ring is full. Only the submitting thread touches
 * the linter's summary and the sink. */
#include "pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct slot {
    char *path, *syntax;
    tl_linter snap; /* the linter's settings when the file was submitted */
    tl_lint_job job;
    bool done;
} slot;

typedef struct worker {
    tl_pool *pool;
    pthread_t thread;
    tl_matcher m;
} worker;

struct tl_pool {
    tl_linter *L;
    tl_sink *sink;
    int jobs;
    size_t window;
    slot *slots;
    worker *workers;
    int nstarted, nfailed;              /* threads started; of them, that could not set up */
    size_t submitted, taken, delivered; /* sequence numbers; slot = n % window */
    bool stop;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
};

int tl_pool_cpus(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* Lint a slot's file with matcher m (a worker's, or the linter's own). The
 * snapshot supplies the settings, m the per-thread state. */
static void run_slot(slot *s, tl_matcher *m)
{
    tl_linter W = s->snap;
    W.matcher = *m;
    W.matcher.vocab = s->snap.matcher.vocab;
    W.matcher.tier = s->snap.matcher.tier;
    W.matcher.prefilter_off = s->snap.matcher.prefilter_off;
    /* The linter's prefilter as it was when the file was submitted (it is
     * rebuilt only when the rules change, after the pool is drained). */
    W.matcher.prefilter = s->snap.matcher.prefilter;
    tl_lint_job_file(&W, &s->job, s->path, s->syntax);
    *m = W.matcher; /* its buffers may have grown */
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    tl_pool *p = w->pool;
    /* The linter's prefilter is read-only: workers share it. */
    int rc = tl_matcher_init_shared(&w->m, &p->L->rules, p->L->matcher.prefilter);
    pthread_mutex_lock(&p->mu);
    if (rc < 0) {
        p->nfailed++;
        pthread_cond_broadcast(&p->done);
        pthread_mutex_unlock(&p->mu);
        tl_matcher_free(&w->m);
        return NULL;
    }
    for (;;) {
        while (!p->stop && p->taken == p->submitted)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->stop) break;
        slot *s = &p->slots[p->taken++ % p->window];
        pthread_mutex_unlock(&p->mu);
        run_slot(s, &w->m);
        pthread_mutex_lock(&p->mu);
        s->done = true;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    tl_matcher_free(&w->m);
    return NULL;
}

int tl_pool_new(tl_pool **out, tl_linter *L, int jobs, tl_sink *sink)
{
    *out = NULL;
    tl_pool *p = calloc(1, sizeof(*p));
    if (!p) return TL_ENOMEM;
    p->L = L;
    p->sink = sink;
    p->jobs = jobs > 0 ? jobs : tl_pool_cpus();
    /* Enough slots that a slow file does not idle the workers. */
    p->window = (size_t)p->jobs * 4;
    if (p->jobs > 1) {
        p->slots = calloc(p->window, sizeof(*p->slots));
        p->workers = calloc((size_t)p->jobs, sizeof(*p->workers));
        if (!p->slots || !p->workers) {
            free(p->slots);
            free(p->workers);
            free(p);
            return TL_ENOMEM;
        }
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    *out = p;
    return 0;
}

/* Called with the lock held, once there are two files to share. */
static void start_workers(tl_pool *p)
{
    for (int i = 0; i < p->jobs; i++) {
        worker *w = &p->workers[p->nstarted];
        w->pool = p;
        if (pthread_create(&w->thread, NULL, worker_main, w) != 0) break;
        p->nstarted++;
    }
}

/* Deliver the oldest slot, waiting for it; lint it on this thread when no
 * worker can. */
static int deliver_one(tl_pool *p)
{
    slot *s = &p->slots[p->delivered % p->window];
    pthread_mutex_lock(&p->mu);
    while (!s->done) {
        if (p->taken == p->delivered && p->nstarted == p->nfailed) {
            p->taken++; /* nobody will take it: lint it here */
            pthread_mutex_unlock(&p->mu);
            run_slot(s, &p->L->matcher);
            pthread_mutex_lock(&p->mu);
            s->done = true;
            break;
        }
        pthread_cond_wait(&p->done, &p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    int rc = tl_lint_job_deliver(p->L, &s->job, p->sink);
    free(s->path);
    free(s->syntax);
    s->path = s->syntax = NULL;
    s->done = false;
    pthread_mutex_lock(&p->mu);
    p->delivered++;
    pthread_mutex_unlock(&p->mu);
    return rc < 0 ? rc : 0;
}

int tl_pool_submit(tl_pool *p, const char *path, const char *syntax)
{
    if (p->jobs <= 1) return tl_lint_file(p->L, path, syntax, p->sink);
    while (p->submitted - p->delivered >= p->window) {
        int rc = deliver_one(p);
        if (rc < 0) return rc;
    }
    slot *s = &p->slots[p->submitted % p->window];
    s->path = strdup(path);
    s->syntax = syntax ? strdup(syntax) : NULL;
    if (!s->path || (syntax && !s->syntax)) {
        free(s->path);
        free(s->syntax);
        s->path = s->syntax = NULL;
        return TL_ENOMEM;
    }
    s->snap = *p->L;
    s->done = false;
    pthread_mutex_lock(&p->mu);
    p->submitted++;
    if (p->nstarted == 0 && p->submitted - p->delivered >= 2) start_workers(p);
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
    /* Hand on what is finished, without waiting (and without linting here
     * while the workers have not started: the first file waits for a
     * second, so that one file needs no thread). */
    for (;;) {
        pthread_mutex_lock(&p->mu);
        bool ready = p->delivered < p->submitted && p->slots[p->delivered % p->window].done;
        pthread_mutex_unlock(&p->mu);
        if (!ready) return 0;
        int rc = deliver_one(p);
        if (rc < 0) return rc;
    }
}

int tl_pool_drain(tl_pool *p)
{
    while (p->delivered < p->submitted) {
        int rc = deliver_one(p);
        if (rc < 0) return rc;
    }
    return 0;
}

void tl_pool_free(tl_pool *p)
{
    if (!p) return;
    pthread_mutex_lock(&p->mu);
    p->stop = true;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nstarted; i++)
        pthread_join(p->workers[i].thread, NULL);
    /* Files never delivered: finished ones hold a job, the rest nothing. */
    for (size_t n = p->delivered; n < p->submitted; n++) {
        slot *s = &p->slots[n % p->window];
        if (n < p->taken) tl_lint_job_discard(&s->job);
        free(s->path);
        free(s->syntax);
    }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    free(p->slots);
    free(p->workers);
    free(p);
}
