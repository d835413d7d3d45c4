/* atomic.c - temporary file, fsync, rename (see atomic.h). */
#include "atomic.h"
#include "../config/glob.h"
#include "../lint/linter.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int real_mkstemp(void *ud, char *tmpl)
{
    (void)ud;
    return mkstemp(tmpl);
}
static ssize_t real_write(void *ud, int fd, const void *buf, size_t len)
{
    (void)ud;
    return write(fd, buf, len);
}
static int real_fsync(void *ud, int fd)
{
    (void)ud;
    return fsync(fd);
}
static int real_fchown(void *ud, int fd, uid_t uid, gid_t gid)
{
    (void)ud;
    return fchown(fd, uid, gid);
}
static int real_fchmod(void *ud, int fd, mode_t mode)
{
    (void)ud;
    return fchmod(fd, mode);
}
static int real_close(void *ud, int fd)
{
    (void)ud;
    return close(fd);
}
static int real_rename(void *ud, const char *from, const char *to)
{
    (void)ud;
    return rename(from, to);
}
static int real_unlink(void *ud, const char *path)
{
    (void)ud;
    return unlink(path);
}

static const tl_fix_io real_io = {NULL,        real_mkstemp, real_write,  real_fsync, real_fchown,
                                  real_fchmod, real_close,   real_rename, real_unlink};

const tl_fix_io *tl_fix_io_default(void)
{
    return &real_io;
}

/* The temporary file being written, for tl_atomic_remove_pending: a fixed
 * buffer, read from a signal handler (single-threaded writers only). */
static char pending[4096];
static volatile sig_atomic_t have_pending;

/* SIGINT and SIGTERM wait while a temporary file is created and recorded,
 * so that a handler never misses one. */
static void hold_signals(bool hold, sigset_t *old)
{
    if (hold) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        sigprocmask(SIG_BLOCK, &set, old);
    } else {
        sigprocmask(SIG_SETMASK, old, NULL);
    }
}

static void pending_set(const char *tmp)
{
    have_pending = 0;
    if (tmp && strlen(tmp) < sizeof(pending)) {
        memcpy(pending, tmp, strlen(tmp) + 1);
        have_pending = 1;
    }
}

void tl_atomic_remove_pending(void)
{
    if (have_pending) {
        have_pending = 0;
        (void)unlink(pending);
    }
}

/* Flush the directory entry after the rename. The new file is complete
 * either way; this only makes the rename itself durable, so a failure is
 * not an error. */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    (void)fsync(fd);
    close(fd);
}

int tl_fix_write(const char *path, const unsigned char *expect, size_t expect_len,
                 const unsigned char *bytes, size_t len, const tl_fix_io *io, tl_error *err)
{
    if (!io) io = &real_io;
    char *target = NULL, *tmp = NULL;
    int fd = -1, rc = 0, e = 0;
    bool created = false;
    const char *what = NULL;
    struct stat st;
    unsigned char *now = NULL;
    size_t now_len = 0;

    target = realpath(path, NULL);
    if (!target) {
        e = errno;
        what = "cannot resolve the path";
        goto fail;
    }
    if (stat(target, &st) < 0) {
        e = errno;
        what = "cannot stat the file";
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        err->path = path;
        rc = tl_error_set(err, TL_EIO, "not a regular file; the file was not changed");
        goto out;
    }
    if (st.st_nlink > 1) {
        err->path = path;
        rc = tl_error_set(err, TL_EIO,
                          "the file has %ju hard links and replacing it would split them; "
                          "the file was not changed",
                          (uintmax_t)st.st_nlink);
        goto out;
    }
    if ((st.st_mode & 0222) == 0 || access(target, W_OK) < 0) {
        err->path = path;
        rc = tl_error_set(err, TL_EIO,
                          "the file is read-only; make it writable to fix it (the file was not "
                          "changed)");
        goto out;
    }
    const char *slash = strrchr(target, '/'); /* realpath is absolute */
    int dirlen = slash == target ? 1 : (int)(slash - target);
    /* A short name of its own: a file name near NAME_MAX still fits. */
    if (asprintf(&tmp, "%.*s/" TL_ATOMIC_TEMP "XXXXXX", slash == target ? 0 : dirlen, target) < 0) {
        tmp = NULL;
        rc = tl_error_set(err, TL_ENOMEM, "out of memory");
        goto out;
    }
    sigset_t mask;
    hold_signals(true, &mask);
    fd = io->mkstemp(io->ud, tmp);
    e = errno;
    if (fd >= 0) pending_set(tmp);
    hold_signals(false, &mask);
    if (fd < 0) {
        what = "cannot create a temporary file next to it";
        goto fail;
    }
    created = true;
    for (size_t off = 0; off < len;) {
        ssize_t n = io->write(io->ud, fd, bytes + off, len - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            e = n < 0 ? errno : EIO;
            what = "cannot write the temporary file";
            goto fail;
        }
        off += (size_t)n;
    }
    /* Owner first: chown may clear set-id bits that chmod then restores. */
    if (st.st_uid != geteuid() || st.st_gid != getegid()) {
        if (io->fchown(io->ud, fd, st.st_uid, st.st_gid) < 0) {
            if (geteuid() == 0) {
                e = errno;
                what = "cannot give the new file the original's owner";
                goto fail;
            }
            /* Not root: keep at least the group when we belong to it. */
            (void)io->fchown(io->ud, fd, (uid_t)-1, st.st_gid);
        }
    }
    if (io->fchmod(io->ud, fd, st.st_mode & 07777) < 0) {
        e = errno;
        what = "cannot give the new file the original's permissions";
        goto fail;
    }
    if (io->fsync(io->ud, fd) < 0) {
        e = errno;
        what = "cannot flush the temporary file to disk";
        goto fail;
    }
    int c = io->close(io->ud, fd);
    fd = -1;
    if (c < 0) {
        e = errno;
        what = "cannot close the temporary file";
        goto fail;
    }
    /* The last look before the rename: the file must be as we read it. */
    tl_error rerr;
    tl_error_clear(&rerr);
    if (tl_read_file(target, &now, &now_len, &rerr) < 0 || now_len != expect_len ||
        (now_len && memcmp(now, expect, now_len) != 0)) {
        err->path = path;
        rc = tl_error_set(err, TL_EIO,
                          "the file changed while it was being fixed; it was not replaced");
        goto cleanup;
    }
    if (io->rename(io->ud, tmp, target) < 0) {
        e = errno;
        what = "cannot rename the temporary file over the original";
        goto fail;
    }
    created = false;
    pending_set(NULL);
    {
        char *dir = strndup(target, (size_t)dirlen);
        if (dir) sync_dir(dir);
        free(dir);
    }
    goto out;

fail:
    err->path = path;
    rc = tl_error_set(err, TL_EIO, "%s: %s; the file was not changed", what, strerror(e));
cleanup:
    if (fd >= 0) io->close(io->ud, fd);
    if (created) io->unlink(io->ud, tmp);
    pending_set(NULL);
out:
    free(now);
    free(tmp);
    free(target);
    return rc;
}

/* Where a link to a file not yet there points: its folder resolved, or NULL. */
static char *link_target(const char *path)
{
    char to[4096];
    ssize_t n = readlink(path, to, sizeof(to) - 1);
    if (n <= 0) return NULL;
    to[n] = '\0';
    char *full = NULL;
    const char *slash = strrchr(path, '/');
    if (to[0] == '/' || !slash) {
        full = strdup(to);
    } else if (asprintf(&full, "%.*s/%s", (int)(slash - path), path, to) < 0) {
        full = NULL;
    }
    if (!full) return NULL;
    char *dir = tl_path_dir_abs(full);
    const char *base = strrchr(full, '/');
    char *out = NULL;
    if (dir &&
        asprintf(&out, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, base ? base + 1 : full) < 0)
        out = NULL;
    free(dir);
    free(full);
    if (!out) errno = ENOENT;
    return out;
}

int tl_atomic_write(const char *path, const unsigned char *bytes, size_t len, tl_error *err)
{
    char *target = NULL, *tmp = NULL;
    int fd = -1, rc = 0, e = 0;
    const char *what = NULL;
    struct stat st;
    bool exists;
    mode_t mode;

    /* Through a link to its target: the link stays a link. */
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        target = realpath(path, NULL);
        if (!target && errno == ENOENT) target = link_target(path);
        if (!target) {
            e = errno;
            what = "cannot resolve the link";
            goto fail;
        }
    } else {
        target = strdup(path);
        if (!target) return tl_error_set(err, TL_ENOMEM, "out of memory");
    }
    exists = stat(target, &st) == 0;
    if (!exists && errno != ENOENT) {
        e = errno;
        what = "cannot stat the file";
        goto fail;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        err->path = path;
        rc = tl_error_set(err, TL_EIO, "not a regular file; it was not replaced");
        goto out;
    }
    if (exists) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    const char *slash = strrchr(target, '/');
    int dirlen = slash ? (slash == target ? 1 : (int)(slash - target)) : 1;
    if (asprintf(&tmp, "%.*s/" TL_ATOMIC_TEMP "XXXXXX", slash ? (slash == target ? 0 : dirlen) : 1,
                 slash ? target : ".") < 0) {
        tmp = NULL;
        rc = tl_error_set(err, TL_ENOMEM, "out of memory");
        goto out;
    }
    sigset_t mask;
    hold_signals(true, &mask);
    fd = mkstemp(tmp); /* O_CREAT | O_EXCL, mode 0600: never someone else's file */
    e = errno;
    if (fd >= 0) pending_set(tmp);
    hold_signals(false, &mask);
    if (fd < 0) {
        what = "cannot create a temporary file next to it";
        free(tmp);
        tmp = NULL;
        goto fail;
    }
    for (size_t off = 0; off < len;) {
        ssize_t n = write(fd, bytes + off, len - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            e = n < 0 ? errno : EIO;
            what = "cannot write the temporary file";
            goto fail;
        }
        off += (size_t)n;
    }
    if (exists && (st.st_uid != geteuid() || st.st_gid != getegid()))
        (void)fchown(fd, geteuid() == 0 ? st.st_uid : (uid_t)-1, st.st_gid);
    if (fchmod(fd, mode) < 0) {
        e = errno;
        what = "cannot set the new file's permissions";
        goto fail;
    }
    if (fsync(fd) < 0) {
        e = errno;
        what = "cannot flush the temporary file to disk";
        goto fail;
    }
    int c = close(fd);
    fd = -1;
    if (c < 0) {
        e = errno;
        what = "cannot close the temporary file";
        goto fail;
    }
    if (rename(tmp, target) < 0) {
        e = errno;
        what = "cannot rename the temporary file over it";
        goto fail;
    }
    pending_set(NULL);
    {
        char *dir = slash ? strndup(target, (size_t)dirlen) : strdup(".");
        if (dir) sync_dir(dir);
        free(dir);
    }
    goto out;

fail:
    err->path = path;
    rc = tl_error_set(err, TL_EIO, "%s: %s", what, strerror(e));
    if (fd >= 0) close(fd);
    if (tmp) unlink(tmp);
    pending_set(NULL);
out:
    free(tmp);
    free(target);
    return rc;
}
