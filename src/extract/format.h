/* format.h - the registry of extractors, and format detection.
 *
 * An extractor turns a document's stored bytes into segments (segment.h).
 * It decodes each string itself and records the source map while it does.
 * On bad input it fills err (with tl_doc_error) and returns a negative code;
 * segments added before the error are discarded by the caller. */
#ifndef TL_FORMAT_H
#define TL_FORMAT_H

#include "../core/segment.h"

typedef int (*tl_extract_fn)(tl_doc *doc, tl_error *err);

/* Encode replacement text for a fix: `text` (decoded UTF-8, as a suggestion
 * reads) is to replace the stored bytes [raw_start, raw_end) inside segment
 * seg of doc. Append to out the exact bytes to store: escaped for the format
 * and for the string's quoting style at that place, in the file's encoding
 * (UTF-16 for a UTF-16 .strings file). Return 0, or TL_EUSAGE when the text
 * cannot be stored there safely (the fix is then skipped and reported). */
typedef int (*tl_encode_fn)(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                            size_t raw_end, const char *text, size_t len);

typedef struct tl_format {
    const char *name;        /* --syntax name and JSON "syntax" */
    const char *description; /* for --help and docs */
    const char *extensions;  /* space-separated suffixes, e.g. ".po .pot" */
    tl_extract_fn extract;
    /* Optional: how sure we are that the content is this format (0-100)
     * when the name does not decide. */
    int (*sniff)(const unsigned char *bytes, size_t len);
    /* Optional: how fixes are written back (src/fix/). NULL: no fixes. */
    tl_encode_fn encode;
} tl_format;

/* The formats, in a stable order, terminated by a NULL name. */
const tl_format *tl_formats(void);
const tl_format *tl_format_find(const char *name);
/* The format for a path (by name, then by content); NULL when the file is not
 * one tonelint reads. stdin without a name is plain text. */
const tl_format *tl_format_detect(const char *path, const unsigned char *bytes, size_t len);
/* Whether a directory walk should pick up this file name. */
int tl_format_is_candidate(const char *path);

/* Extractors. */
int tl_extract_po(tl_doc *doc, tl_error *err);
int tl_extract_text(tl_doc *doc, tl_error *err);
int tl_extract_json(tl_doc *doc, tl_error *err);
int tl_extract_arb(tl_doc *doc, tl_error *err);
int tl_extract_xcstrings(tl_doc *doc, tl_error *err);
int tl_extract_yaml(tl_doc *doc, tl_error *err);
/* Content sniffers (tl_format.sniff) of the formats above. */
int tl_sniff_json(const unsigned char *bytes, size_t len);
int tl_sniff_arb(const unsigned char *bytes, size_t len);
int tl_sniff_xcstrings(const unsigned char *bytes, size_t len);
int tl_sniff_yaml(const unsigned char *bytes, size_t len);
int tl_extract_properties(tl_doc *doc, tl_error *err);
int tl_extract_strings(tl_doc *doc, tl_error *err);
int tl_extract_fluent(tl_doc *doc, tl_error *err);
int tl_extract_markup(tl_doc *doc, tl_error *err);
int tl_extract_php(tl_doc *doc, tl_error *err);
int tl_extract_lang(tl_doc *doc, tl_error *err);
int tl_extract_ini(tl_doc *doc, tl_error *err);
int tl_extract_vufind_ini(tl_doc *doc, tl_error *err);
int tl_extract_magento(tl_doc *doc, tl_error *err);
/* String literals of source code (code.c): the syntax names the language. */
int tl_extract_code(tl_doc *doc, tl_error *err);
/* Whether a format reads source code (its literals are copy only when selected). */
bool tl_format_is_code(const tl_format *f);
/* Whether a file name is source code tonelint reads (`app.tsx`, `views.py`). */
bool tl_format_is_code_path(const char *path);

/* Fix encoders (tl_encode_fn) of the formats above. */
int tl_encode_po(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                 size_t raw_end, const char *text, size_t len);
int tl_encode_text(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                   size_t raw_end, const char *text, size_t len);
int tl_encode_code(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                   size_t raw_end, const char *text, size_t len);
int tl_encode_json(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                   size_t raw_end, const char *text, size_t len);
int tl_encode_yaml(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                   size_t raw_end, const char *text, size_t len);
int tl_encode_properties(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                         size_t raw_end, const char *text, size_t len);
int tl_encode_strings(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                      size_t raw_end, const char *text, size_t len);
int tl_encode_fluent(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                     size_t raw_end, const char *text, size_t len);
int tl_encode_markup(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                     size_t raw_end, const char *text, size_t len);
int tl_encode_php(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                  size_t raw_end, const char *text, size_t len);
int tl_encode_lang(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                   size_t raw_end, const char *text, size_t len);
int tl_encode_ini(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                  size_t raw_end, const char *text, size_t len);
int tl_encode_magento(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                      size_t raw_end, const char *text, size_t len);

/* XML formats (expat through core/xml.c): extractors, sniffers, encoders. */
int tl_extract_android(tl_doc *doc, tl_error *err);
int tl_extract_xliff(tl_doc *doc, tl_error *err);
int tl_extract_resx(tl_doc *doc, tl_error *err);
int tl_extract_stringsdict(tl_doc *doc, tl_error *err);
int tl_extract_qtts(tl_doc *doc, tl_error *err);
int tl_sniff_android(const unsigned char *bytes, size_t len);
int tl_sniff_xliff(const unsigned char *bytes, size_t len);
int tl_sniff_resx(const unsigned char *bytes, size_t len);
int tl_sniff_stringsdict(const unsigned char *bytes, size_t len);
int tl_sniff_qtts(const unsigned char *bytes, size_t len);
/* Whether a source text is a message key rather than copy (Symfony,
 * Kimai: `timesheet.stop.error`, `login_failed`): one token of letters,
 * digits and `_`, in parts joined by `.` or `_`, starting with a letter. */
bool tl_is_message_key(const char *text, size_t len);
int tl_encode_android(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                      size_t raw_end, const char *text, size_t len);
int tl_encode_xml(tl_buf *out, const tl_doc *doc, const tl_segment *seg, size_t raw_start,
                  size_t raw_end, const char *text, size_t len);

/* Language from a file path: `en.json`, `values-de/`, `de_DE/`, `fr.lproj/`,
 * `messages.de.xlf`, `messages_en.properties`. NULL when the path says none.
 * The result is a static or arena string. */
const char *tl_lang_from_path(tl_arena *arena, const char *path);
/* Whether s[0..n) is a language tag tonelint knows: an ISO 639-1 code,
 * optionally with a region or script (`en`, `pt_BR`, `en-GB`, `zh-Hans`). */
bool tl_lang_is_tag(const char *s, size_t n);
/* Whether two language tags name one language: the primary subtags match,
 * whatever the region (`en`, `en-US`, `en_GB`). */
bool tl_lang_same(const char *a, const char *b);
/* Whether a path looks like a localization catalog: a language in the file
 * name or the folders above it (`en.json`, `locales/de/translation.json`),
 * or a folder named for translations (`locales`, `i18n`, `lang`, ...). */
bool tl_format_catalog_path(const char *path);
/* Whether a path is a JavaScript or TypeScript module of messages: named for
 * a language, in a folder for translations (`locales/en.js`,
 * `i18n/en-AU/index.ts`). Walks read it without --source. */
bool tl_format_catalog_module(const char *path);
/* Whether a path is a VuFind language file: an `.ini` file named for a
 * language in lower case (`languages/en.ini`, `languages/Auth/pt-br.ini`);
 * Joomla writes the region in capitals (`en-GB.ini`, `en-GB.com_x.ini`). */
bool tl_format_vufind_path(const char *path);
/* Whether a path is a Magento 2 dictionary: a file named for a locale
 * (`en_US.csv`, `zh_Hans_CN.csv`) under a folder named `i18n`. */
bool tl_format_magento_path(const char *path);

#endif
