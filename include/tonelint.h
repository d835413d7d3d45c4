/* tonelint.h - the public API of libtonelint: lint customer-facing copy in
 * catalogs (PO, JSON, YAML, Android XML, .strings, XLIFF, ...) for tone.
 *
 * This is the one header a program outside tonelint includes. Everything it
 * names is stable across patch releases; nothing else the library holds is
 * exported. docs/library.md has an example and the rules of use.
 *
 *   tl_pack    rule packs loaded and compiled, ready to lint (opaque)
 *   tl_result  one linted text: its format and its findings (opaque)
 *   tl_lint_finding, tl_lint_sink   one finding, and a callback taking them
 *   tl_error   what went wrong: a code, a message, file:line:column
 *
 * Functions that can fail return 0 (or a handle) on success and a negative
 * TL_E* code (or NULL) on failure, and fill a caller-supplied tl_error (which
 * may be NULL). Findings are data, never errors. A tl_pack and the results
 * made from it are used by one thread at a time; separate packs are
 * independent. */
#ifndef TONELINT_H
#define TONELINT_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TONELINT_VERSION_MAJOR 0
#define TONELINT_VERSION_MINOR 1
#define TONELINT_VERSION_PATCH 0
#define TONELINT_VERSION "0.1.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH, for #if comparisons. */
#define TONELINT_VERSION_NUMBER                                                                    \
    (TONELINT_VERSION_MAJOR * 10000 + TONELINT_VERSION_MINOR * 100 + TONELINT_VERSION_PATCH)

/* Marks what the shared library exports; it is built with every other
 * symbol hidden. */
#if defined(TONELINT_BUILDING) && defined(__GNUC__)
#define TONELINT_API __attribute__((visibility("default")))
#else
#define TONELINT_API
#endif

/* The version of the library linked at run time ("0.1.0"). */
TONELINT_API const char *tl_version(void);

/* ---- Errors ---------------------------------------------------------- */

enum {
    TL_OK = 0,
    TL_ENOMEM = -1,   /* out of memory or over a size cap */
    TL_EIO = -2,      /* a file could not be read or written */
    TL_ESYNTAX = -3,  /* an input file does not parse */
    TL_ECONFIG = -4,  /* a rule pack or config file is wrong */
    TL_ELIMIT = -5,   /* a match, depth or size limit was hit */
    TL_EUSAGE = -6,   /* the caller asked for something impossible */
    TL_EENCODING = -7 /* bytes are not in the encoding the file declares */
};

typedef struct tl_error {
    int code;
    const char *path; /* borrowed: the file the error is about, or NULL */
    int line;         /* 1-based; 0 when unknown */
    int column;       /* 1-based, in Unicode characters; 0 when unknown */
    size_t offset;    /* byte offset in the file as stored */
    char message[512];
} tl_error;

/* Clear an error to "no error". */
TONELINT_API void tl_error_clear(tl_error *err);
/* A short name for an error code ("syntax error", "I/O error", ...). */
TONELINT_API const char *tl_error_kind(int code);

/* ---- Findings -------------------------------------------------------- */

typedef enum tl_severity {
    TL_SEV_SUGGESTION = 0,
    TL_SEV_WARNING = 1,
    TL_SEV_ERROR = 2,
    TL_SEV_OFF = 3 /* only as a configured override */
} tl_severity;

/* "suggestion", "warning", "error" or "off". */
TONELINT_API const char *tl_severity_name(tl_severity s);

/* One finding. Its strings live as long as the tl_result it came from. */
typedef struct tl_lint_finding {
    const char *rule;     /* rule id, e.g. "en.blame-user" */
    const char *category; /* the rule's category */
    tl_severity severity;
    const char *message;
    const char *match;              /* the words found, as the customer reads them */
    const char *key;                /* the string's key in the catalog, or NULL */
    size_t offset, length;          /* the match's bytes in the text as given */
    int line, column;               /* 1-based start; columns count Unicode characters */
    int end_line, end_column;       /* exclusive end */
    const char *const *suggestions; /* rewrites, best first */
    size_t nsuggestions;
    bool fixable; /* tl_fix_buffer applies the first suggestion */
} tl_lint_finding;

/* Called once per finding, in file order; a negative return stops the
 * iteration and is returned by tl_result_each. */
typedef int (*tl_lint_sink)(void *ud, const tl_lint_finding *f);

/* ---- Packs ----------------------------------------------------------- */

typedef struct tl_pack tl_pack;

/* Load a rule pack folder and get ready to lint. `dir` is a folder of rule
 * files for `lang` (NULL: "en"), or a folder of language folders (rules/en,
 * rules/de); NULL: the default pack ($TONELINT_RULES_DIR, then next to the
 * program, then the installed one). On error returns NULL and fills err
 * with the pack file, line and column. */
TONELINT_API tl_pack *tl_pack_open(const char *dir, const char *lang, tl_error *err);
/* Load another pack folder into p (a rule with the same id replaces the
 * earlier one). 0 or a negative code. */
TONELINT_API int tl_pack_add(tl_pack *p, const char *dir, const char *lang, tl_error *err);
/* Number of rules loaded. */
TONELINT_API size_t tl_pack_rule_count(const tl_pack *p);
/* p may be NULL. Results made from p must be freed first. */
TONELINT_API void tl_pack_close(tl_pack *p);

/* ---- Linting --------------------------------------------------------- */

typedef struct tl_result tl_result;

/* Lint a text given in memory (copied). `name` is its file name, used to
 * detect the format and the language ("app/en.po"; NULL: detect from the
 * content); `format` forces a format by name ("po", "json", "text", ...;
 * NULL: detect). Returns NULL with err filled when the text cannot be
 * linted (a syntax error, an unknown format, out of memory). */
TONELINT_API tl_result *tl_lint_buffer(tl_pack *p, const char *name, const char *format,
                                       const void *bytes, size_t len, tl_error *err);
/* Read a file and lint it. */
TONELINT_API tl_result *tl_lint_path(tl_pack *p, const char *path, const char *format,
                                     tl_error *err);

/* The format the text was read as ("po", "json", ...). */
TONELINT_API const char *tl_result_format(const tl_result *r);
/* Number of findings, and the i-th (NULL past the end), in file order. */
TONELINT_API size_t tl_result_count(const tl_result *r);
TONELINT_API const tl_lint_finding *tl_result_finding(const tl_result *r, size_t i);
/* Call sink for every finding in order; returns 0 or the sink's negative
 * return. */
TONELINT_API int tl_result_each(const tl_result *r, tl_lint_sink sink, void *ud);
/* r may be NULL. */
TONELINT_API void tl_result_free(tl_result *r);

/* ---- Fixing ---------------------------------------------------------- */

/* Apply every safe fix (fixable findings, first suggestion) to a text, as
 * `tonelint --fix` does: every other byte stays as it was, and the result
 * is linted again until no fix applies. *out is the fixed text (malloc'd,
 * NUL-terminated, free with tl_free) or NULL when nothing changed; *nfixed
 * (may be NULL) the number of findings fixed. Returns 0 or a negative code
 * with err filled. */
TONELINT_API int tl_fix_buffer(tl_pack *p, const char *name, const char *format, const void *bytes,
                               size_t len, char **out, size_t *outlen, size_t *nfixed,
                               tl_error *err);

/* Free memory the library handed out (tl_fix_buffer's text). */
TONELINT_API void tl_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif
