/* fixcmd.c - --fix and --diff for one file at a time (see fixcmd.h). */
#include "fixcmd.h"
#include "../report/diag.h"
#include "../fix/diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_utf16(const unsigned char *b, size_t len)
{
    return len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF));
}

static int print_diff(const char *path, const unsigned char *bytes, size_t len,
                      const tl_fix_result *res)
{
    if (is_utf16(bytes, len)) {
        tl_diag(path, 0, 0, "a UTF-16 file cannot be shown as a text diff; use --fix");
        return 0;
    }
    tl_buf a = TL_BUF_INIT, b = TL_BUF_INIT, out = TL_BUF_INIT;
    int rc = tl_diff_label(&a, "a/", path);
    if (rc == 0) rc = tl_diff_label(&b, "b/", path);
    if (rc == 0)
        rc = tl_diff_unified(&out, a.data, b.data, bytes, len, res->edits, res->nedits,
                             TL_DIFF_CONTEXT);
    if (rc == 0 && out.len && fwrite(out.data, 1, out.len, stdout) != out.len) rc = TL_EIO;
    tl_buf_free(&a);
    tl_buf_free(&b);
    tl_buf_free(&out);
    return rc;
}

static void print_notes(const char *path, const tl_fix_result *res, bool written)
{
    for (size_t i = 0; i < res->nnotes; i++) {
        const tl_fix_note *n = &res->notes[i];
        tl_diag(path, written ? n->line : n->orig_line, written ? n->column : n->orig_column,
                "fix skipped: %s [%s]", n->reason, n->rule);
    }
}

/* Fix bytes (owned) named path. on_disk: write the file back; otherwise
 * (standard input) print the fixed text. */
static int fix_bytes(tl_cli_fix *fx, tl_linter *L, const char *path, const char *syntax,
                     unsigned char *bytes, size_t len, tl_sink *sink, bool on_disk)
{
    tl_fix_options opts = {fx->flags, 0};
    tl_fix_result res;
    tl_error err;
    tl_error_clear(&err);
    int rc = tl_fix_bytes(&res, L, path, syntax, bytes, len, &opts, &err);
    if (rc == TL_ENOMEM) {
        tl_fix_result_free(&res);
        free(bytes);
        return rc;
    }
    if (rc < 0 && !res.input_error) {
        /* The original lints but could not be fixed safely: say so, change nothing. */
        if (!err.path) err.path = path;
        tl_diag_error(&err);
        fx->failed++;
        L->summary.errors++;
    }
    bool written = false;
    if (rc == 0 && res.bytes) {
        if (fx->diff) {
            if ((rc = print_diff(path, bytes, len, &res)) < 0) {
                tl_fix_result_free(&res);
                free(bytes);
                return rc;
            }
            fx->files++;
            fx->findings += res.fixed;
        } else if (on_disk) {
            tl_error_clear(&err);
            if (tl_fix_write(path, bytes, len, res.bytes, res.len, fx->io, &err) < 0) {
                tl_diag_error(&err);
                fx->failed++;
                L->summary.errors++;
            } else {
                written = true;
                fx->files++;
                fx->findings += res.fixed;
                tl_diag(path, 0, 0, "fixed %zu finding%s", res.fixed, res.fixed == 1 ? "" : "s");
            }
        } else {
            written = true;
            fx->files++;
            fx->findings += res.fixed;
        }
    }
    if (rc == 0) {
        print_notes(path, &res, written);
        fx->in_source += res.in_source;
        fx->skipped += res.nnotes;
    }
    /* Report what is left: the fixed text when it replaced the original. */
    if (written) {
        free(bytes);
        bytes = res.bytes;
        len = res.len;
        res.bytes = NULL;
    }
    tl_fix_result_free(&res);
    if (!on_disk && !fx->diff && fwrite(bytes, 1, len, stdout) != len) {
        free(bytes);
        return TL_EIO;
    }
    return tl_lint_bytes(L, path, syntax, bytes, len, sink);
}

int tl_cli_fix_file(tl_cli_fix *fx, tl_linter *L, const char *path, const char *syntax,
                    tl_sink *sink)
{
    unsigned char *bytes;
    size_t len;
    tl_error err;
    tl_error_clear(&err);
    if (tl_read_file(path, &bytes, &len, &err) < 0) {
        /* Let the ordinary path report the file that cannot be read. */
        return tl_lint_file(L, path, syntax, sink);
    }
    return fix_bytes(fx, L, path, syntax, bytes, len, sink, true);
}

int tl_cli_fix_stdin(tl_cli_fix *fx, tl_linter *L, const char *name, const char *syntax,
                     unsigned char *bytes, size_t len, tl_sink *sink)
{
    return fix_bytes(fx, L, name, syntax, bytes, len, sink, false);
}

void tl_cli_fix_summary(const tl_cli_fix *fx)
{
    if (fx->diff)
        fprintf(stderr, "%zu fix%s in %zu file%s shown as a diff (nothing was changed)",
                fx->findings, fx->findings == 1 ? "" : "es", fx->files, fx->files == 1 ? "" : "s");
    else
        fprintf(stderr, "fixed %zu finding%s in %zu file%s", fx->findings,
                fx->findings == 1 ? "" : "s", fx->files, fx->files == 1 ? "" : "s");
    if (fx->skipped)
        fprintf(stderr, "; %zu fix%s skipped", fx->skipped, fx->skipped == 1 ? "" : "es");
    if (fx->failed)
        fprintf(stderr, "; %zu file%s could not be fixed", fx->failed, fx->failed == 1 ? "" : "s");
    fprintf(stderr, ".\n");
    if (fx->in_source)
        fprintf(stderr,
                "%zu fixable finding%s %s in text generated from source code (gettext msgid); "
                "fix %s in the code at the `#:` locations, or use --fix-extracted to change "
                "the catalog.\n",
                fx->in_source, fx->in_source == 1 ? "" : "s", fx->in_source == 1 ? "is" : "are",
                fx->in_source == 1 ? "it" : "them");
}
