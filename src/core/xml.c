/* xml.c - the expat adapter (the only file that includes <expat.h>).
 *
 * Turns expat's callbacks into tl_xml_handler events with stored byte
 * offsets. expat reports, inside each callback, the byte index and length
 * of the event in the original input: character data arrives split at
 * every entity, character reference and line break, so a chunk is either
 * the stored bytes themselves or one whole escape (`&amp;` is "&" for 5
 * bytes, CRLF is "\n" for 2). Transcoded input (UTF-16, ISO-8859-1) is cut
 * into one piece per character so positions stay exact there too.
 *
 * Safety: any <!ENTITY> declaration is refused (no internal entity can
 * expand, so no "billion laughs"), external entities and the external DTD
 * subset are never read (no XXE), a reference to an undeclared entity is
 * an error, the hash salt comes from the kernel, and nesting is bounded. */
#include "xml.h"
#include "utf8.h"
#include "array.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#define NS_SEP '\x01'
#define FEED_CHUNK ((size_t)1 << 20)

/* How the stored file encodes characters, for transcoded pieces. */
typedef enum { ENC_UTF8, ENC_SINGLE, ENC_UTF16LE, ENC_UTF16BE } raw_enc;

typedef struct ctx {
    XML_Parser p;
    tl_doc *doc;
    const tl_xml_handler *h;
    tl_error *err;
    int rc; /* first error from a handler or a refusal */
    int depth;
    bool cdata;
    raw_enc enc;
    tl_xml_attr *attrs;
    size_t cap_attrs;
} ctx;

static size_t cur_off(ctx *c)
{
    XML_Index i = XML_GetCurrentByteIndex(c->p);
    return i < 0 ? 0 : (size_t)i;
}

static size_t cur_len(ctx *c)
{
    int n = XML_GetCurrentByteCount(c->p);
    return n < 0 ? 0 : (size_t)n;
}

static void stop(ctx *c, int rc)
{
    if (c->rc == 0) c->rc = rc < 0 ? rc : TL_ESYNTAX;
    XML_StopParser(c->p, XML_FALSE);
}

/* Split an expat name "uri<SEP>local" in place; ns is "" without a namespace. */
static void split_name(const char *full, const char **ns, const char **local, char *buf,
                       size_t bufsz)
{
    const char *sep = strchr(full, NS_SEP);
    if (!sep) {
        *ns = "";
        *local = full;
        return;
    }
    size_t n = (size_t)(sep - full);
    if (n >= bufsz) n = bufsz - 1; /* a namespace URI longer than the buffer is cut */
    memcpy(buf, full, n);
    buf[n] = '\0';
    *ns = buf;
    *local = sep + 1;
}

static void on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    ctx *c = ud;
    if (c->rc) return;
    if (++c->depth > TL_XML_MAX_DEPTH) {
        tl_doc_error(c->doc, c->err, TL_ELIMIT, cur_off(c), "elements are nested more than %d deep",
                     TL_XML_MAX_DEPTH);
        stop(c, TL_ELIMIT);
        return;
    }
    if (!c->h->start) return;
    size_t n = 0;
    while (atts[2 * n])
        n++;
    if (tl_array_reserve(&c->attrs, &c->cap_attrs, n + 1, sizeof(*c->attrs), 8) < 0) {
        tl_error_set(c->err, TL_ENOMEM, "out of memory");
        stop(c, TL_ENOMEM);
        return;
    }
    /* Attribute namespaces are rare: split them into one side buffer. */
    char nsdata[1024];
    size_t nsused = 0;
    for (size_t i = 0; i < n; i++) {
        const char *full = atts[2 * i];
        const char *sep = strchr(full, NS_SEP);
        tl_xml_attr *a = &c->attrs[i];
        a->value = atts[2 * i + 1];
        if (!sep) {
            a->ns = "";
            a->name = full;
            continue;
        }
        size_t k = (size_t)(sep - full);
        if (nsused + k + 1 > sizeof(nsdata)) k = 0; /* absurdly long: no namespace */
        memcpy(nsdata + nsused, full, k);
        nsdata[nsused + k] = '\0';
        a->ns = nsdata + nsused;
        a->name = sep + 1;
        nsused += k + 1;
    }
    char buf[512];
    const char *ns, *local;
    split_name(name, &ns, &local, buf, sizeof(buf));
    int rc = c->h->start(c->h->ud, ns, local, c->attrs, n, c->depth, cur_off(c), cur_len(c));
    if (rc < 0) stop(c, rc);
}

static void on_end(void *ud, const XML_Char *name)
{
    ctx *c = ud;
    if (c->rc) return;
    int depth = c->depth--;
    if (!c->h->end) return;
    char buf[512];
    const char *ns, *local;
    split_name(name, &ns, &local, buf, sizeof(buf));
    int rc = c->h->end(c->h->ud, ns, local, depth, cur_off(c), cur_len(c));
    if (rc < 0) stop(c, rc);
}

/* Stored width of one character in a transcoded file. */
static size_t raw_width(raw_enc enc, const unsigned char *s, size_t n)
{
    switch (enc) {
    case ENC_SINGLE:
        return 1;
    case ENC_UTF16LE:
    case ENC_UTF16BE:
        return n == 4 ? 4 : 2; /* astral characters are surrogate pairs */
    case ENC_UTF8:
        break;
    }
    return tl_utf8_seqlen(s[0]);
}

static int emit_text(ctx *c, const char *s, size_t len, size_t raw_off, size_t raw_len,
                     bool literal)
{
    tl_xml_text t = {s, len, raw_off, raw_len, literal, c->cdata};
    return c->h->text(c->h->ud, &t);
}

static void on_text(void *ud, const XML_Char *s, int n)
{
    ctx *c = ud;
    if (c->rc || !c->h->text || n <= 0) return;
    size_t len = (size_t)n, off = cur_off(c), raw_len = cur_len(c);
    const tl_source *src = &c->doc->src;
    int rc;
    if (off + raw_len > src->len) raw_len = off < src->len ? src->len - off : 0;
    if (raw_len == len && memcmp(src->bytes + off, s, len) == 0) {
        rc = emit_text(c, s, len, off, raw_len, true);
    } else {
        /* One escape, or a transcoded run: a piece per character when the
         * widths add up, else one piece for the whole chunk. */
        const unsigned char *u = (const unsigned char *)s;
        size_t total = 0, chars = 0;
        for (size_t i = 0; i < len; i += tl_utf8_seqlen(u[i]), chars++)
            total += raw_width(c->enc, u + i, tl_utf8_seqlen(u[i]));
        if (chars > 1 && total == raw_len) {
            rc = 0;
            size_t r = off;
            for (size_t i = 0; i < len && rc == 0;) {
                size_t k = tl_utf8_seqlen(u[i]);
                if (i + k > len) k = len - i;
                size_t w = raw_width(c->enc, u + i, k);
                rc = emit_text(c, s + i, k, r, w, false);
                r += w;
                i += k;
            }
        } else {
            rc = emit_text(c, s, len, off, raw_len, false);
        }
    }
    if (rc < 0) stop(c, rc);
}

static void on_comment(void *ud, const XML_Char *data)
{
    ctx *c = ud;
    if (c->rc || !c->h->comment) return;
    int rc = c->h->comment(c->h->ud, data, strlen(data), cur_off(c));
    if (rc < 0) stop(c, rc);
}

static void on_cdata_start(void *ud)
{
    ctx *c = ud;
    if (c->rc) return;
    c->cdata = true;
    if (c->h->cdata) {
        int rc = c->h->cdata(c->h->ud, true, cur_off(c));
        if (rc < 0) stop(c, rc);
    }
}

static void on_cdata_end(void *ud)
{
    ctx *c = ud;
    if (c->rc) return;
    c->cdata = false;
    if (c->h->cdata) {
        int rc = c->h->cdata(c->h->ud, false, cur_off(c));
        if (rc < 0) stop(c, rc);
    }
}

static void on_entity_decl(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
                           int value_len, const XML_Char *base, const XML_Char *system_id,
                           const XML_Char *public_id, const XML_Char *notation)
{
    (void)value, (void)value_len, (void)base, (void)public_id, (void)notation;
    ctx *c = ud;
    if (c->rc) return;
    /* expat stands at the declaration's last token: point at its start. */
    size_t off = cur_off(c);
    const unsigned char *b = c->doc->src.bytes;
    for (size_t i = off + 1; i-- > 0;)
        if (i + 8 <= c->doc->src.len && memcmp(b + i, "<!ENTITY", 8) == 0) {
            off = i;
            break;
        }
    tl_doc_error(c->doc, c->err, TL_ESYNTAX, off,
                 "%s `%s%s` is not supported (entities can expand without bound or "
                 "read other files)",
                 system_id ? "external entity" : "DTD entity", is_param ? "%" : "", name);
    stop(c, TL_ESYNTAX);
}

static void on_skipped_entity(void *ud, const XML_Char *name, int is_param)
{
    ctx *c = ud;
    if (c->rc) return;
    tl_doc_error(c->doc, c->err, TL_ESYNTAX, cur_off(c), "undefined entity `%s%s;`",
                 is_param ? "%" : "&", name);
    stop(c, TL_ESYNTAX);
}

/* The encoding a document declares, for cutting transcoded pieces. */
static raw_enc detect_encoding(const unsigned char *b, size_t len)
{
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == '<' && b[1] == 0)))
        return ENC_UTF16LE;
    if (len >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0 && b[1] == '<')))
        return ENC_UTF16BE;
    if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return ENC_UTF8;
    if (len < 6 || memcmp(b, "<?xml", 5) != 0) return ENC_UTF8;
    size_t end = 5;
    while (end < len && end < 200 && b[end] != '>')
        end++;
    for (size_t i = 5; i + 9 < end; i++) {
        if (memcmp(b + i, "encoding", 8) != 0) continue;
        size_t j = i + 8;
        while (j < end && (b[j] == ' ' || b[j] == '=' || b[j] == '"' || b[j] == '\''))
            j++;
        const char *e = (const char *)b + j;
        size_t rest = end - j;
        if ((rest >= 10 && strncasecmp(e, "ISO-8859-1", 10) == 0) ||
            (rest >= 8 && strncasecmp(e, "US-ASCII", 8) == 0) ||
            (rest >= 6 && strncasecmp(e, "latin1", 6) == 0))
            return ENC_SINGLE;
        break;
    }
    return ENC_UTF8;
}

int tl_xml_parse(tl_doc *doc, const tl_xml_handler *h, tl_error *err)
{
    ctx c;
    memset(&c, 0, sizeof(c));
    c.doc = doc;
    c.h = h;
    c.err = err;
    c.enc = detect_encoding(doc->src.bytes, doc->src.len);
    c.p = XML_ParserCreateNS(NULL, NS_SEP);
    if (!c.p) return tl_error_set(err, TL_ENOMEM, "out of memory");
    unsigned long salt;
    if (getrandom(&salt, sizeof(salt), GRND_NONBLOCK) == (ssize_t)sizeof(salt))
        XML_SetHashSalt(c.p, salt);
    XML_SetUserData(c.p, &c);
    XML_SetElementHandler(c.p, on_start, on_end);
    XML_SetCharacterDataHandler(c.p, on_text);
    XML_SetCommentHandler(c.p, on_comment);
    XML_SetCdataSectionHandler(c.p, on_cdata_start, on_cdata_end);
    XML_SetEntityDeclHandler(c.p, on_entity_decl);
    XML_SetSkippedEntityHandler(c.p, on_skipped_entity);
    XML_SetParamEntityParsing(c.p, XML_PARAM_ENTITY_PARSING_NEVER);

    const char *bytes = (const char *)doc->src.bytes;
    size_t len = doc->src.len, pos = 0;
    int rc = 0;
    do {
        size_t n = len - pos < FEED_CHUNK ? len - pos : FEED_CHUNK;
        bool final = pos + n == len;
        if (XML_Parse(c.p, bytes + pos, (int)n, final) != XML_STATUS_OK) {
            if (c.rc) {
                rc = c.rc;
            } else {
                enum XML_Error code = XML_GetErrorCode(c.p);
                rc = code == XML_ERROR_NO_MEMORY ? TL_ENOMEM : TL_ESYNTAX;
                tl_doc_error(doc, err, rc, cur_off(&c), "%s", XML_ErrorString(code));
            }
            break;
        }
        pos += n;
    } while (pos < len);
    if (rc == 0 && c.rc) rc = c.rc;
    XML_ParserFree(c.p);
    free(c.attrs);
    return rc;
}

int tl_xml_append(tl_segbuild *sb, const tl_xml_text *t)
{
    if (t->literal) return tl_segbuild_literal(sb, t->raw_off, t->text, t->len);
    return tl_segbuild_atomic(sb, t->raw_off, t->raw_len, t->text, t->len);
}

const char *tl_xml_attr_get(const tl_xml_attr *attrs, size_t n, const char *ns, const char *name)
{
    if (!ns) ns = "";
    for (size_t i = 0; i < n; i++)
        if (strcmp(attrs[i].name, name) == 0 && strcmp(attrs[i].ns, ns) == 0) return attrs[i].value;
    return NULL;
}

/* Skip past the first occurrence of `end` at or after i; len when absent. */
static size_t skip_past(const unsigned char *b, size_t len, size_t i, const char *end)
{
    size_t n = strlen(end);
    for (; i + n <= len; i++)
        if (memcmp(b + i, end, n) == 0) return i + n;
    return len;
}

bool tl_xml_root_name(const unsigned char *b, size_t len, char *out, size_t outsz)
{
    if (len > 65536) len = 65536;
    size_t i = 0;
    if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) i = 3;
    while (i < len) {
        unsigned char ch = b[i];
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
            i++;
            continue;
        }
        if (ch != '<' || i + 1 >= len) return false;
        if (b[i + 1] == '?') {
            i = skip_past(b, len, i + 2, "?>");
        } else if (len - i >= 4 && memcmp(b + i, "<!--", 4) == 0) {
            i = skip_past(b, len, i + 4, "-->");
        } else if (b[i + 1] == '!') {
            /* DOCTYPE, with an optional [internal subset]. */
            size_t j = i + 2;
            int bracket = 0;
            while (j < len && (b[j] != '>' || bracket > 0)) {
                if (b[j] == '[') bracket++;
                if (b[j] == ']') bracket--;
                j++;
            }
            i = j + 1;
        } else {
            size_t s = i + 1, e = s;
            while (e < len && b[e] != '>' && b[e] != '/' && b[e] != ' ' && b[e] != '\t' &&
                   b[e] != '\r' && b[e] != '\n')
                e++;
            if (e == s || e >= len) return false;
            for (size_t k = s; k < e; k++)
                if (b[k] == ':') s = k + 1;
            if (e - s + 1 > outsz) return false;
            memcpy(out, b + s, e - s);
            out[e - s] = '\0';
            return true;
        }
    }
    return false;
}

/* Decode one UTF-8 character at s (n bytes available) into *cp; its length. */
static size_t next_cp(const unsigned char *s, size_t n, unsigned *cp)
{
    uint32_t v;
    size_t k = tl_utf8_decode(s, n, &v);
    *cp = k ? v : s[0];
    return k ? k : 1;
}

static int put_utf16(tl_buf *out, unsigned u, bool le)
{
    char b[2] = {(char)(le ? u & 0xFF : u >> 8), (char)(le ? u >> 8 : u & 0xFF)};
    return tl_buf_append(out, b, 2);
}

int tl_xml_escape(tl_buf *out, const tl_doc *doc, const char *text, size_t len, bool in_cdata)
{
    raw_enc enc = detect_encoding(doc->src.bytes, doc->src.len);
    tl_buf tmp = TL_BUF_INIT;
    tl_buf *b = enc == ENC_UTF16LE || enc == ENC_UTF16BE ? &tmp : out;
    const unsigned char *s = (const unsigned char *)text;
    int rc = 0;
    for (size_t i = 0; i < len && rc == 0;) {
        unsigned cp;
        size_t k = next_cp(s + i, len - i, &cp);
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF) {
            rc = TL_EUSAGE; /* not a character XML can hold */
            break;
        }
        if (in_cdata) {
            if (cp == ']' && len - i >= 3 && memcmp(s + i, "]]>", 3) == 0)
                rc = TL_EUSAGE;
            else if (enc == ENC_SINGLE && cp >= 0x80)
                rc = TL_EUSAGE; /* no references here */
            else
                rc = tl_buf_append(b, s + i, k);
        } else if (cp == '&') {
            rc = tl_buf_puts(b, "&amp;");
        } else if (cp == '<') {
            rc = tl_buf_puts(b, "&lt;");
        } else if (cp == '>') {
            rc = tl_buf_puts(b, "&gt;");
        } else if (cp == '\r') {
            rc = tl_buf_puts(b, "&#13;");
        } else if (enc == ENC_SINGLE && cp >= 0x80) {
            /* A character reference is right for both ISO-8859-1 and US-ASCII. */
            rc = tl_buf_printf(b, "&#x%X;", cp);
        } else {
            rc = tl_buf_append(b, s + i, k);
        }
        i += k;
    }
    if (rc == 0 && b == &tmp) {
        bool le = enc == ENC_UTF16LE;
        const unsigned char *t = (const unsigned char *)tmp.data;
        for (size_t i = 0; i < tmp.len && rc == 0;) {
            unsigned cp;
            size_t k = next_cp(t + i, tmp.len - i, &cp);
            if (cp >= 0x10000) {
                cp -= 0x10000;
                rc = put_utf16(out, 0xD800 | cp >> 10, le);
                if (rc == 0) rc = put_utf16(out, 0xDC00 | (cp & 0x3FF), le);
            } else {
                rc = put_utf16(out, cp, le);
            }
            i += k;
        }
    }
    tl_buf_free(&tmp);
    return rc;
}

bool tl_xml_in_cdata(const tl_doc *doc, size_t from, size_t offset)
{
    const unsigned char *b = doc->src.bytes;
    size_t end = offset < doc->src.len ? offset : doc->src.len;
    bool in = false;
    for (size_t i = from; i < end; i++) {
        if (in) {
            if (b[i] == ']' && i + 3 <= end && memcmp(b + i, "]]>", 3) == 0) {
                in = false;
                i += 2;
            }
        } else if (b[i] == '<' && i + 9 <= doc->src.len && memcmp(b + i, "<![CDATA[", 9) == 0) {
            in = true;
            i += 8;
        } else if (b[i] == '<' && i + 4 <= doc->src.len && memcmp(b + i, "<!--", 4) == 0) {
            i = skip_past(b, end, i + 4, "-->") - 1;
        }
    }
    return in;
}
