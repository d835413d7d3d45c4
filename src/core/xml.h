/* xml.h - the one XML adapter: a streaming event API with exact positions.
 *
 * Wraps expat (only xml.c includes <expat.h>). Events carry byte offsets in
 * the file as stored, so extractors can build source maps: character data
 * arrives in pieces, each either stored exactly as decoded (a literal run)
 * or standing for its stored bytes as a whole (an entity, a character
 * reference, a CRLF, a transcoded character). Entity declarations, undefined
 * entities and external entities are refused, never expanded or fetched, so
 * "billion laughs" and XXE inputs fail with an error instead. */
#ifndef TL_XML_H
#define TL_XML_H

#include "segment.h"

#include <stdbool.h>
#include <stddef.h>

/* Elements nested deeper than this are an error (bounded memory). */
#define TL_XML_MAX_DEPTH 256

/* Namespace URIs the extractors look for. */
#define TL_XML_NS_XLIFF12 "urn:oasis:names:tc:xliff:document:1.2"
#define TL_XML_NS_XLIFF20 "urn:oasis:names:tc:xliff:document:2.0"
#define TL_XML_NS_XML "http://www.w3.org/XML/1998/namespace"

typedef struct tl_xml_attr {
    const char *ns;    /* namespace URI, "" for an unprefixed attribute */
    const char *name;  /* local name */
    const char *value; /* decoded */
} tl_xml_attr;

/* One piece of character data. */
typedef struct tl_xml_text {
    const char *text; /* decoded UTF-8 (not NUL-terminated) */
    size_t len;
    size_t raw_off, raw_len; /* the stored bytes it comes from */
    bool literal;            /* stored exactly as `text` at raw_off (raw_len == len) */
    bool cdata;              /* inside a CDATA section */
} tl_xml_text;

/* Callbacks; any may be NULL. Each returns 0 to go on or a negative TL_E*
 * code to stop the parse (after filling the error passed to tl_xml_parse,
 * e.g. with tl_doc_error). Names and attributes are valid during the call. */
typedef struct tl_xml_handler {
    void *ud;
    /* A start tag at `offset`, `raw_len` bytes long (an empty-element tag
     * `<x/>` included); `depth` is 1 for the root. */
    int (*start)(void *ud, const char *ns, const char *name, const tl_xml_attr *attrs,
                 size_t nattrs, int depth, size_t offset, size_t raw_len);
    /* An end tag at `offset` (raw_len 0 right after an empty-element tag). */
    int (*end)(void *ud, const char *ns, const char *name, int depth, size_t offset,
               size_t raw_len);
    int (*text)(void *ud, const tl_xml_text *t);
    /* A comment's text (between <!-- and -->); offset is that of `<!--`. */
    int (*comment)(void *ud, const char *text, size_t len, size_t offset);
    /* A CDATA section opens (`<![CDATA[` at offset) or closes (`]]>`). */
    int (*cdata)(void *ud, bool open, size_t offset);
} tl_xml_handler;

/* Parse the document's bytes, calling h. Malformed XML fills err through
 * tl_doc_error (line and column of the byte expat stopped at) and returns
 * TL_ESYNTAX; a handler's negative code is returned as it is. */
int tl_xml_parse(tl_doc *doc, const tl_xml_handler *h, tl_error *err);

/* Append a piece of character data to a segment builder with its source map. */
int tl_xml_append(tl_segbuild *sb, const tl_xml_text *t);

/* The value of attribute ns:name, or NULL. ns NULL matches "". */
const char *tl_xml_attr_get(const tl_xml_attr *attrs, size_t n, const char *ns, const char *name);

/* The local name of the root element found by a quick scan of the first
 * bytes (past a BOM, the XML declaration, comments, processing instructions
 * and a DOCTYPE), copied to out; false when there is none or it does not
 * look like UTF-8 XML. For format sniffing, without a parse. */
bool tl_xml_root_name(const unsigned char *bytes, size_t len, char *out, size_t outsz);

/* Escape decoded text for XML character data into out: & < > as entities
 * (and `]]>` split so it never closes anything). In a CDATA section
 * (in_cdata) nothing is escaped and TL_EUSAGE is returned when the text
 * holds `]]>`. Characters the document's encoding cannot hold become
 * numeric character references; for a UTF-16 document the whole result is
 * transcoded to UTF-16. */
int tl_xml_escape(tl_buf *out, const tl_doc *doc, const char *text, size_t len, bool in_cdata);

/* Whether stored byte `offset` lies inside a CDATA section, judged from the
 * bytes between `from` (a point outside markup, e.g. a value's start tag
 * end) and offset. */
bool tl_xml_in_cdata(const tl_doc *doc, size_t from, size_t offset);

#endif
