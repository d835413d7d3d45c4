/* stringsdict.c - Apple .stringsdict (XML property list) extractor.
 *
 *   plist/dict/key K, dict:
 *       key NSStringLocalizedFormatKey, string  -> segment `K` ("%#@files@ left")
 *       key VAR, dict:
 *           key NSStringFormatSpecTypeKey / NSStringFormatValueTypeKey: skipped
 *           key zero|one|two|few|many|other, string -> segment `K/VAR/category`
 * Strings are XML text (printf placeholders, TL_SEG_C_FORMAT). The language
 * comes from the .lproj folder. */
#include "format.h"
#include "../core/xml.h"

#include <string.h>

typedef struct sdict {
    tl_doc *doc;
    tl_error *err;
    /* The last <key> text at each dict level (2: entry, 3: variable, 4: category). */
    tl_buf keys[5];
    bool dict_at[TL_XML_MAX_DEPTH + 2];
    int key_level; /* the level of the <key> being read, or 0 */
    int entry;     /* counts top-level keys (tl_segment.entry) */
    bool in_string;
    tl_segbuild sb;
    tl_buf path;
} sdict;

static int oom(sdict *s)
{
    return tl_error_set(s->err, TL_ENOMEM, "out of memory");
}

static bool is_category(const char *k)
{
    static const char *const cats[] = {"zero", "one", "two", "few", "many", "other", NULL};
    for (int i = 0; cats[i]; i++)
        if (strcmp(k, cats[i]) == 0) return true;
    return false;
}

static const char *key_at(sdict *s, int level)
{
    return s->keys[level].data ? s->keys[level].data : "";
}

static int on_start(void *ud, const char *ns, const char *name, const tl_xml_attr *attrs,
                    size_t nattrs, int depth, size_t offset, size_t raw_len)
{
    sdict *s = ud;
    (void)attrs, (void)nattrs;
    s->dict_at[depth] = false;
    if (depth == 1) {
        if (*ns || strcmp(name, "plist") != 0)
            return tl_doc_error(s->doc, s->err, TL_ESYNTAX, offset,
                                "root element must be <plist>, not <%s>", name);
        return 0;
    }
    /* Dicts nest plist/dict (depth 2) / dict (3) / dict (4); level = depth - 1. */
    int level = depth - 1;
    bool in_dict = s->dict_at[depth - 1];
    if (strcmp(name, "dict") == 0) {
        s->dict_at[depth] = depth == 2 || (in_dict && depth <= 4);
        return 0;
    }
    if (!in_dict || level < 2 || level > 4) return 0;
    if (strcmp(name, "key") == 0) {
        s->key_level = level;
        if (level == 2) s->entry++;
        tl_buf_reset(&s->keys[level]); /* keeps the text NUL-terminated */
        return 0;
    }
    if (strcmp(name, "string") == 0 &&
        ((level == 3 && strcmp(key_at(s, 3), "NSStringLocalizedFormatKey") == 0) ||
         (level == 4 && is_category(key_at(s, 4))))) {
        s->in_string = true;
        tl_segbuild_reset(&s->sb);
        s->sb.raw_begin = offset + raw_len;
    }
    return 0;
}

static int on_end(void *ud, const char *ns, const char *name, int depth, size_t offset,
                  size_t raw_len)
{
    sdict *s = ud;
    (void)ns, (void)offset, (void)raw_len;
    if (s->key_level && strcmp(name, "key") == 0) {
        s->key_level = 0;
        return 0;
    }
    if (!s->in_string) return 0;
    s->in_string = false;
    tl_buf_reset(&s->path);
    int rc = depth == 4
                 ? tl_buf_puts(&s->path, key_at(s, 2))
                 : tl_buf_printf(&s->path, "%s/%s/%s", key_at(s, 2), key_at(s, 3), key_at(s, 4));
    if (rc < 0) return oom(s);
    tl_segment *seg = tl_doc_add(s->doc, &s->sb, s->path.data, NULL);
    if (!seg) return oom(s);
    seg->flags |= TL_SEG_C_FORMAT;
    seg->entry = s->entry; /* one entry: a suppression comment covers its plural forms */
    return 0;
}

static int on_text(void *ud, const tl_xml_text *t)
{
    sdict *s = ud;
    if (s->key_level)
        return tl_buf_append(&s->keys[s->key_level], t->text, t->len) < 0 ? oom(s) : 0;
    if (s->in_string) return tl_xml_append(&s->sb, t) < 0 ? oom(s) : 0;
    return 0;
}

static int on_comment(void *ud, const char *text, size_t len, size_t offset)
{
    sdict *s = ud;
    return tl_doc_scan_comment(s->doc, text, len, offset) < 0 ? oom(s) : 0;
}

int tl_extract_stringsdict(tl_doc *doc, tl_error *err)
{
    sdict s;
    memset(&s, 0, sizeof(s));
    s.doc = doc;
    s.err = err;
    tl_xml_handler h = {&s, on_start, on_end, on_text, on_comment, NULL};
    int rc = tl_xml_parse(doc, &h, err);
    for (int i = 0; i < 5; i++)
        tl_buf_free(&s.keys[i]);
    tl_buf_free(&s.path);
    tl_segbuild_free(&s.sb);
    return rc;
}

int tl_sniff_stringsdict(const unsigned char *bytes, size_t len)
{
    char root[8];
    if (!tl_xml_root_name(bytes, len, root, sizeof(root)) || strcmp(root, "plist") != 0) return 0;
    size_t n = len < 65536 ? len : 65536;
    return memmem(bytes, n, "NSStringLocalizedFormatKey", 26) ? 90 : 0;
}
