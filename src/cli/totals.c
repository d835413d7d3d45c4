/* totals.c - the total over the runs of one hook (totals.h). */
#include "totals.h"
#include "../report/diag.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define MAGIC "tonelint-total 1"

/* The counters a total keeps, in the order of the state file. */
enum { N_RUNS, N_FILES, N_SEGMENTS, N_FINDINGS, N_ERR, N_WARN, N_SUGG, N_FIX, N_COPIES, N_BAD, N };

static void to_counts(const tl_summary *s, unsigned long long c[N])
{
    c[N_RUNS] = s->runs ? s->runs : 1;
    c[N_FILES] = s->files;
    c[N_SEGMENTS] = s->segments;
    c[N_FINDINGS] = s->findings;
    c[N_ERR] = s->by_severity[TL_SEV_ERROR];
    c[N_WARN] = s->by_severity[TL_SEV_WARNING];
    c[N_SUGG] = s->by_severity[TL_SEV_SUGGESTION];
    c[N_FIX] = s->fixable;
    c[N_COPIES] = s->copies;
    c[N_BAD] = s->errors;
}

static void from_counts(tl_summary *s, const unsigned long long c[N])
{
    s->runs = (size_t)c[N_RUNS];
    s->files = (size_t)c[N_FILES];
    s->segments = (size_t)c[N_SEGMENTS];
    s->findings = (size_t)c[N_FINDINGS];
    s->by_severity[TL_SEV_ERROR] = (size_t)c[N_ERR];
    s->by_severity[TL_SEV_WARNING] = (size_t)c[N_WARN];
    s->by_severity[TL_SEV_SUGGESTION] = (size_t)c[N_SUGG];
    s->fixable = (size_t)c[N_FIX];
    s->copies = (size_t)c[N_COPIES];
    s->errors = (size_t)c[N_BAD];
}

/* When process `pid` started (clock ticks after boot, /proc/PID/stat field
 * 22), or 0 when unknown: with the id it names one process for good. */
static unsigned long long started(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *p = strrchr(buf, ')'); /* the command name may hold spaces */
    if (!p) return 0;
    /* After the name: state (field 3) ... starttime (field 22). */
    for (int field = 2; p && field < 22; field++)
        p = strchr(p + 1, ' ');
    return p ? strtoull(p + 1, NULL, 10) : 0;
}

/* The folder for the state: the user's alone. NULL after a warning. */
static char *state_dir(void)
{
    const char *rt = getenv("XDG_RUNTIME_DIR");
    const char *tmp = getenv("TMPDIR");
    char *dir = NULL;
    int n = rt && *rt ? asprintf(&dir, "%s/tonelint", rt)
                      : asprintf(&dir, "%s/tonelint-%lu", tmp && *tmp ? tmp : "/tmp",
                                 (unsigned long)getuid());
    if (n < 0) return NULL;
    if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
        tl_diag(NULL, 0, 0, "warning: --total-across-runs: cannot make %s: %s", dir,
                strerror(errno));
        free(dir);
        return NULL;
    }
    struct stat st;
    /* Another user's folder, or one others may write to, could hand us
     * counts (or a link) of theirs. */
    if (lstat(dir, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid() ||
        (st.st_mode & 077)) {
        tl_diag(NULL, 0, 0,
                "warning: --total-across-runs: %s is not a folder of this user's alone; "
                "the total is this run's",
                dir);
        free(dir);
        return NULL;
    }
    return dir;
}

/* Remove the state of parents that have exited (their last run is over). */
static void sweep(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        long pid;
        int used = 0;
        if (sscanf(e->d_name, "total-%ld-%*x%n", &pid, &used) < 1 || used == 0) continue;
        if (pid <= 0 || kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
        char *path;
        if (asprintf(&path, "%s/%s", dir, e->d_name) < 0) continue;
        unlink(path);
        free(path);
    }
    closedir(d);
}

/* FNV-1a over the options: runs of one hook share them; two hooks of one
 * pre-commit run (other options) keep their own totals. */
static uint64_t options_hash(char *const *options, int n)
{
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < n; i++) {
        for (const unsigned char *p = (const unsigned char *)options[i]; *p; p++)
            h = (h ^ *p) * 1099511628211ULL;
        h = (h ^ 0) * 1099511628211ULL;
    }
    return h;
}

/* The stored counts, if the file is of this parent (its start time). */
static bool read_state(const char *path, unsigned long long start, unsigned long long c[N])
{
    FILE *f = fopen(path, "r");
    if (!f) return false;
    char line[512];
    bool ok = fgets(line, sizeof(line), f) != NULL;
    fclose(f);
    if (!ok || strncmp(line, MAGIC " ", sizeof(MAGIC)) != 0) return false;
    char *p = line + sizeof(MAGIC);
    char *end;
    unsigned long long v = strtoull(p, &end, 10);
    if (end == p || v != start) return false;
    for (int i = 0; i < N; i++) {
        p = end;
        c[i] = strtoull(p, &end, 10);
        if (end == p) return false;
    }
    return *end == '\n';
}

/* The new counts, whole: a temporary file renamed over the old one. */
static int write_state(const char *path, unsigned long long start, const unsigned long long c[N])
{
    char *tmp;
    if (asprintf(&tmp, "%s.XXXXXX", path) < 0) return -1;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    char line[512];
    int n = snprintf(line, sizeof(line), MAGIC " %llu", start);
    for (int i = 0; i < N; i++)
        n += snprintf(line + n, sizeof(line) - (size_t)n, " %llu", c[i]);
    n += snprintf(line + n, sizeof(line) - (size_t)n, "\n");
    bool ok = write(fd, line, (size_t)n) == n;
    ok = close(fd) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) unlink(tmp);
    free(tmp);
    return ok ? 0 : -1;
}

int tl_totals_add(tl_summary *s, char *const *options, int noptions)
{
    char *dir = state_dir();
    if (!dir) return -1;
    sweep(dir);
    pid_t parent = getppid();
    unsigned long long start = started(parent);
    char *path = NULL, *lock = NULL;
    int rc = -1, fd = -1;
    if (asprintf(&path, "%s/total-%ld-%016" PRIx64, dir, (long)parent,
                 options_hash(options, noptions)) < 0) {
        path = NULL;
        goto out;
    }
    if (asprintf(&lock, "%s.lock", path) < 0) {
        lock = NULL;
        goto out;
    }
    fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 || flock(fd, LOCK_EX) < 0) goto out;
    unsigned long long total[N] = {0}, mine[N];
    to_counts(s, mine);
    read_state(path, start, total); /* none, or another parent's: from zero */
    for (int i = 0; i < N; i++)
        total[i] += mine[i];
    if (write_state(path, start, total) < 0) goto out;
    from_counts(s, total);
    rc = 0;
out:
    if (rc < 0)
        tl_diag(NULL, 0, 0,
                "warning: --total-across-runs: cannot keep the total in %s: %s; "
                "the total is this run's",
                dir, strerror(errno ? errno : EIO));
    if (fd >= 0) close(fd); /* and the lock with it */
    free(lock);
    free(path);
    free(dir);
    return rc;
}
