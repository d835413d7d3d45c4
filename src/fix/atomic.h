/* atomic.h - replacing a file with its fixed bytes: all new or all old.
 *
 * The bytes go to a temporary file in the same directory (mkstemp), are
 * flushed with fsync, get the original's owner (when allowed) and mode, and
 * the temporary file is renamed over the original. The temporary name is
 * short (TL_ATOMIC_TEMP), so a name near NAME_MAX can be fixed too. Just before the rename
 * the original is read again: if it no longer holds the bytes the fix was
 * computed from (an editor saved it meanwhile), nothing is replaced. On any
 * failure the temporary file is removed, the original is untouched and err
 * says what failed. A symbolic link is followed (the link stays a link); a
 * file with several hard links is refused, as a rename would split them,
 * and so is a read-only file (no write permission bit, or no access).
 *
 * Every system call that can fail goes through a tl_fix_io, so tests can
 * fail any of them: a full disk (write: ENOSPC), a failing device (fsync:
 * EIO), a read-only directory (mkstemp: EACCES; root ignores permission
 * bits, so a chmod'ed directory cannot test this when tests run as root), a
 * rename across devices (EXDEV), or a file changed underneath (a hook that
 * edits the original before the final check). */
#ifndef TL_ATOMIC_H
#define TL_ATOMIC_H

#include "../core/error.h"

#include <stddef.h>
#include <sys/types.h>

/* System calls as POSIX defines them: -1 and errno on failure. `ud` is the
 * struct's own ud, for the test's state. */
typedef struct tl_fix_io {
    void *ud;
    int (*mkstemp)(void *ud, char *tmpl);
    ssize_t (*write)(void *ud, int fd, const void *buf, size_t len);
    int (*fsync)(void *ud, int fd);
    int (*fchown)(void *ud, int fd, uid_t uid, gid_t gid);
    int (*fchmod)(void *ud, int fd, mode_t mode);
    int (*close)(void *ud, int fd);
    int (*rename)(void *ud, const char *from, const char *to);
    int (*unlink)(void *ud, const char *path);
} tl_fix_io;

/* The real calls. */
const tl_fix_io *tl_fix_io_default(void);

/* Replace the file at path by bytes[0, len), provided it still holds
 * expect[0, expect_len). io NULL means tl_fix_io_default(). Returns 0, or
 * TL_EIO (a call failed, or the file changed: err->message says which) or
 * TL_ENOMEM, with err->path = path. */
int tl_fix_write(const char *path, const unsigned char *expect, size_t expect_len,
                 const unsigned char *bytes, size_t len, const tl_fix_io *io, tl_error *err);

/* Write bytes[0, len) to path as one whole: a temporary file beside it
 * (mkstemp: a new file no one else can have planted), fsync, rename over
 * path. A symbolic link is written through to its target; a target that
 * exists and is not a regular file (a device, a FIFO, a folder) is refused.
 * The mode of a file replaced is kept; a new file gets 0666 less the umask.
 * Returns 0, or TL_EIO / TL_ENOMEM with err->path = path and the file
 * unchanged. Used for baselines. */
int tl_atomic_write(const char *path, const unsigned char *bytes, size_t len, tl_error *err);

/* Temporary files are named TL_ATOMIC_TEMP plus six random characters, in
 * the folder of the file they replace. */
#define TL_ATOMIC_TEMP ".tonelint-tmp-"

/* Remove the temporary file being written, if any: async-signal-safe, for
 * a SIGINT or SIGTERM handler, so an interrupted --fix leaves nothing. */
void tl_atomic_remove_pending(void);

#endif
