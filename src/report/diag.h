/* diag.h - the one-line messages of the command and the language server
 * about files, rule packs and configs (the library's own calls never emit
 * one: they fill a tl_error).
 *
 * One line each, `PATH:LINE:COLUMN: MESSAGE`, `PATH: MESSAGE` or
 * `tonelint: MESSAGE`. File names and messages come from outside (a file
 * name, a rule pack, the text quoted in a message): their control
 * characters are written in a visible form (\n, \x1b; tl_escape_visible),
 * so a name or a string can neither start a line of its own (a CI log reads
 * `::error::` at the start of a line as a command) nor drive the terminal.
 *
 * This file formats the lines and hands each to the sink the program set
 * with tl_diag_set_sink; it writes nowhere itself. The command and the
 * language server print them on standard error. Until a sink is set they
 * are dropped. */
#ifndef TL_REPORT_DIAG_H
#define TL_REPORT_DIAG_H

#include "../core/error.h"

#include <stddef.h>

/* Takes one message: len bytes (NUL-terminated), ending in a newline, with
 * no other control character. */
typedef void (*tl_diag_sink)(void *ud, const char *line, size_t len);

/* Send the messages to fn with ud (NULL: drop them). Set once, at start-up,
 * before any thread that may report starts. */
void tl_diag_set_sink(tl_diag_sink fn, void *ud);

/* `PATH:LINE:COLUMN: error: MESSAGE`, as far as err knows them. */
void tl_diag_error(const tl_error *err);

/* A line about path (NULL: about the run, `tonelint:`), at line:column when
 * line > 0. The formatted message is escaped as a whole. */
void tl_diag(const char *path, int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
