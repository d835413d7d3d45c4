/* diag.h - the messages of the command and the language server on standard
 * error (the library's own calls never print: they fill a tl_error).
 *
 * One line each, `PATH:LINE:COLUMN: MESSAGE`, `PATH: MESSAGE` or
 * `tonelint: MESSAGE`. File names and messages come from outside (a file
 * name, a rule pack, the text quoted in a message): their control
 * characters are printed in a visible form (\n, \x1b; tl_escape_visible),
 * so a name or a string can neither start a line of its own (a CI log reads
 * `::error::` at the start of a line as a command) nor drive the terminal. */
#ifndef TL_REPORT_DIAG_H
#define TL_REPORT_DIAG_H

#include "../core/error.h"

/* `PATH:LINE:COLUMN: error: MESSAGE`, as far as err knows them. */
void tl_diag_error(const tl_error *err);

/* A line about path (NULL: about the run, `tonelint:`), at line:column when
 * line > 0. The formatted message is escaped as a whole. */
void tl_diag(const char *path, int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
