/* json.h - writing JSON string literals.
 *
 * The one JSON string writer: the json and sarif reports, the baseline file,
 * the language server and the fixer of JSON catalogs all use it, so it sits
 * in core/ where every layer may. */
#ifndef TL_JSON_H
#define TL_JSON_H

#include "buf.h"

#include <stddef.h>

/* Append s as a JSON string literal (quotes included). Invalid UTF-8 becomes
 * U+FFFD, control characters \uXXXX. */
int tl_json_string(tl_buf *b, const char *s, size_t len);
int tl_json_cstr(tl_buf *b, const char *s); /* NULL -> null */
/* A list of strings, `["a", "b"]` (items separated by ", "). */
int tl_json_cstrs(tl_buf *b, const char *const *items, size_t n);
/* The same without the quotes: the content of a JSON string. */
int tl_json_escape(tl_buf *b, const char *s, size_t len);

#endif
