/* format.c - the table of formats, detection by name and content, and the
 * language a file's path announces. */
#include "format.h"

#include <ctype.h>
#include <fnmatch.h>
#include <string.h>
#include <strings.h>

static int sniff_po(const unsigned char *b, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 6 < n; i++)
        if ((i == 0 || b[i - 1] == '\n') && memcmp(b + i, "msgid ", 6) == 0) return 90;
    return 0;
}

/* Java .properties: most entry lines are `dotted.key=value` (YAML uses `: `,
 * Fluent `id = value` with placeables). */
static int sniff_properties(const unsigned char *b, size_t len)
{
    size_t n = len < 4096 ? len : 4096, entries = 0, dotted = 0, other = 0;
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && b[e] != '\n')
            e++;
        size_t k = i;
        while (k < e && (b[k] == ' ' || b[k] == '\t'))
            k++;
        if (k < e && b[k] != '#' && b[k] != '!' && b[k] != '\r') {
            size_t key = k;
            bool dot = false;
            while (k < e && (isalnum(b[k]) || b[k] == '.' || b[k] == '_' || b[k] == '-'))
                dot |= b[k++] == '.';
            if (k > key && k < e && b[k] == '=' && (k + 1 >= e || b[k + 1] != '=')) {
                entries++;
                dotted += dot;
            } else {
                other++;
            }
        }
        i = e + 1;
    }
    if (entries < 2 || other * 4 > entries) return 0;
    return dotted * 2 >= entries ? 60 : 40;
}

/* Apple .strings: lines of `"key" = "value";` (UTF-16 files announce
 * themselves with a BOM followed by a quote or a comment). */
static int sniff_strings(const unsigned char *b, size_t len)
{
    if (len >= 4 && ((b[0] == 0xFF && b[1] == 0xFE && (b[2] == '"' || b[2] == '/') && !b[3]) ||
                     (b[0] == 0xFE && b[1] == 0xFF && !b[2] && (b[3] == '"' || b[3] == '/'))))
        return 60;
    size_t n = len < 4096 ? len : 4096, hits = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (b[i] != '"' || (i && b[i - 1] != '\n')) continue;
        size_t k = i + 1;
        while (k < n && b[k] != '"' && b[k] != '\n')
            k += b[k] == '\\' ? 2 : 1;
        k++;
        while (k < n && b[k] == ' ')
            k++;
        if (k < n && b[k] == '=') hits++;
    }
    return hits >= 2 ? 80 : 0;
}

/* Fluent: `id = value` entries with Fluent placeables or indented
 * `.attribute =` lines. */
static int sniff_fluent(const unsigned char *b, size_t len)
{
    size_t n = len < 4096 ? len : 4096, marks = 0;
    for (size_t i = 0; i + 3 < n; i++) {
        if (b[i] == '{' && b[i + 1] == ' ' && (b[i + 2] == '$' || b[i + 2] == '-')) marks++;
        if (b[i] == '\n' && b[i + 1] == ' ') {
            size_t k = i + 1;
            while (k < n && b[k] == ' ')
                k++;
            if (k < n && b[k] == '.' && k + 1 < n && isalpha(b[k + 1])) {
                while (k < n && b[k] != '=' && b[k] != '\n')
                    k++;
                marks += k < n && b[k] == '=';
            }
        }
    }
    return marks >= 2 ? 70 : 0;
}

/* HTML: a document type or common tags (Markdown and templates are told by
 * their names). */
static int sniff_markup(const unsigned char *b, size_t len)
{
    static const char *const marks[] = {"<!DOCTYPE html", "<!doctype html", "<html", "<p>",
                                        "<div",           "<br>",           "<table"};
    size_t n = len < 4096 ? len : 4096;
    for (size_t m = 0; m < sizeof(marks) / sizeof(marks[0]); m++)
        if (memmem(b, n, marks[m], strlen(marks[m]))) return 60;
    return 0;
}

static const tl_format formats[] = {
    {"po", "gettext PO/POT catalog", ".po .pot", tl_extract_po, sniff_po, tl_encode_po},
    {"text", "plain text, one segment per paragraph", ".txt", tl_extract_text, NULL,
     tl_encode_text},
    {"properties", "Java .properties resource bundle", ".properties", tl_extract_properties,
     sniff_properties, tl_encode_properties},
    {"strings", "Apple .strings (UTF-8 or UTF-16)", ".strings", tl_extract_strings, sniff_strings,
     tl_encode_strings},
    {"fluent", "Mozilla Fluent", ".ftl", tl_extract_fluent, sniff_fluent, tl_encode_fluent},
    {"markup",
     "HTML, Markdown and page or e-mail templates (ERB, Handlebars, Liquid, Jinja, Twig, Blade)",
     ".html .htm .xhtml .md .markdown .erb .hbs .handlebars .mustache .liquid .j2 .jinja .jinja2 "
     ".twig .blade.php",
     tl_extract_markup, sniff_markup, tl_encode_markup},
    /* After markup, so `.blade.php` templates are markup. */
    {"php", "PHP translation array: Laravel lang/en/*.php, Roundcube en_US/*.inc", ".php .inc",
     tl_extract_php, NULL, tl_encode_php},
    {"lang", "Dolibarr .lang translation file: Key=Value lines (langs/en_US/*.lang)", ".lang",
     tl_extract_lang, NULL, tl_encode_lang},
    {"ini",
     "INI language file of Joomla extensions: KEY=\"Value\" lines "
     "(language/en-GB/en-GB.com_example.ini)",
     ".ini", tl_extract_ini, NULL, tl_encode_ini},
    /* No suffix of its own: an .ini file is VuFind's by its name
     * (tl_format_vufind_path). */
    {"vufind-ini", "VuFind language file: key = \"Value\" lines (languages/en.ini)", "",
     tl_extract_vufind_ini, NULL, tl_encode_ini},
    /* No suffix of its own: a .csv file is a dictionary by its path
     * (tl_format_magento_path). */
    {"magento-csv", "Magento 2 i18n dictionary: CSV source,translation rows (i18n/en_US.csv)", "",
     tl_extract_magento, NULL, tl_encode_magento},
    {"json",
     "JSON message catalog: i18next, react-intl, Lingui, vue-i18n, MediaWiki, Chrome messages.json",
     ".json", tl_extract_json, tl_sniff_json, tl_encode_json},
    {"arb", "Flutter Application Resource Bundle (ARB)", ".arb", tl_extract_arb, tl_sniff_arb,
     tl_encode_json},
    {"yaml", "YAML localization file: Rails i18n, Mastodon, Discourse, vue-i18n", ".yml .yaml",
     tl_extract_yaml, tl_sniff_yaml, tl_encode_yaml},
    {"xcstrings", "Xcode String Catalog", ".xcstrings", tl_extract_xcstrings, tl_sniff_xcstrings,
     tl_encode_json},
    {"android", "Android resource strings (res/values*/strings.xml)", "values*/*.xml",
     tl_extract_android, tl_sniff_android, tl_encode_android},
    {"xliff", "XLIFF 1.2 / 2.0", ".xlf .xliff", tl_extract_xliff, tl_sniff_xliff, tl_encode_xml},
    {"resx", ".NET XML resources", ".resx", tl_extract_resx, tl_sniff_resx, tl_encode_xml},
    {"stringsdict", "Apple .stringsdict plural rules", ".stringsdict", tl_extract_stringsdict,
     tl_sniff_stringsdict, tl_encode_xml},
    /* No suffix of its own: a `.ts` file whose root is <TS> (else TypeScript). */
    {"qt-ts", "Qt Linguist translation source (translations/*.ts)", "", tl_extract_qtts,
     tl_sniff_qtts, tl_encode_xml},
    /* Source code: string literals, selected as copy by rules/source.yml. */
    {"javascript", "JavaScript source code (with JSX): string literals and JSX text",
     ".js .mjs .cjs .jsx", tl_extract_code, NULL, tl_encode_code},
    {"typescript", "TypeScript source code (with TSX): string literals and JSX text",
     ".ts .mts .cts .tsx", tl_extract_code, NULL, tl_encode_code},
    {"python", "Python source code: string literals", ".py", tl_extract_code, NULL, tl_encode_code},
    {"go", "Go source code: string literals", ".go", tl_extract_code, NULL, tl_encode_code},
    {"c", "C source code: string literals", ".c", tl_extract_code, NULL, tl_encode_code},
    {"cpp", "C++ source code and C/C++ headers: string literals (raw strings too)",
     ".cc .cpp .cxx .c++ .h .hh .hpp .hxx", tl_extract_code, NULL, tl_encode_code},
    {"java", "Java source code: string literals and text blocks", ".java", tl_extract_code, NULL,
     tl_encode_code},
    {"ruby", "Ruby source code: string literals and heredocs", ".rb", tl_extract_code, NULL,
     tl_encode_code},
    {"kotlin", "Kotlin source code: string literals with templates, raw strings", ".kt .kts",
     tl_extract_code, NULL, tl_encode_code},
    {"csharp", "C# source code: string literals (verbatim, interpolated, raw)", ".cs",
     tl_extract_code, NULL, tl_encode_code},
    {"swift", "Swift source code: string literals with interpolations, multi-line strings",
     ".swift", tl_extract_code, NULL, tl_encode_code},
    /* No suffix of its own: a .php file that is not a translation array. */
    {"php-code", "PHP code outside templates: string literals and heredocs", "", tl_extract_code,
     NULL, tl_encode_code},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

const tl_format *tl_formats(void)
{
    return formats;
}

const tl_format *tl_format_find(const char *name)
{
    for (const tl_format *f = formats; f->name; f++)
        if (strcmp(f->name, name) == 0) return f;
    return NULL;
}

static const char *basename_of(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Whether name ends with one of the space-separated suffixes. */
static bool has_suffix(const char *name, const char *suffixes)
{
    size_t n = strlen(name);
    const char *s = suffixes;
    while (*s) {
        size_t k = strcspn(s, " ");
        if (k && k <= n && strncasecmp(name + n - k, s, k) == 0) return true;
        s += k;
        while (*s == ' ')
            s++;
    }
    return false;
}

/* Whether the path ends with one of the patterns holding a `/` in the
 * space-separated list, matched component by component with fnmatch (the
 * Android pattern: any .xml file in a folder whose name starts with
 * "values"). */
static bool has_tail(const char *path, const char *patterns)
{
    for (const char *s = patterns; *s;) {
        size_t k = strcspn(s, " ");
        char pat[128];
        if (k && k < sizeof(pat) && memchr(s, '/', k)) {
            memcpy(pat, s, k);
            pat[k] = '\0';
            int parts = 1;
            for (size_t i = 0; i < k; i++)
                parts += pat[i] == '/';
            const char *tail = path + strlen(path);
            while (tail > path && (parts -= tail[-1] == '/') > 0)
                tail--;
            if ((tail > path || parts == 1) && fnmatch(pat, tail, FNM_PATHNAME | FNM_CASEFOLD) == 0)
                return true;
        }
        s += k;
        while (*s == ' ')
            s++;
    }
    return false;
}

static const tl_format *by_name(const char *path)
{
    if (tl_format_magento_path(path)) return tl_format_find("magento-csv");
    if (tl_format_vufind_path(path)) return tl_format_find("vufind-ini");
    const char *base = basename_of(path);
    for (const tl_format *f = formats; f->name; f++)
        if (has_suffix(base, f->extensions) || has_tail(path, f->extensions)) return f;
    return NULL;
}

/* The first statement of a PHP file, after `<?php`, comments and
 * `declare`, `namespace`, `use` statements: the word it starts with, as
 * a pointer into bytes and its length (0 when there is none). */
static bool opens_php(const unsigned char *b, size_t len);

static size_t php_first_word(const unsigned char *bytes, size_t len, const char **word)
{
    const char *b = (const char *)bytes;
    if (!opens_php(bytes, len)) return 0;
    size_t i = (len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0) + 5;
    while (i < len) {
        if (isspace((unsigned char)b[i])) {
            i++;
        } else if (b[i] == '#' || (b[i] == '/' && i + 1 < len && b[i + 1] == '/')) {
            while (i < len && b[i] != '\n')
                i++;
        } else if (b[i] == '/' && i + 1 < len && b[i + 1] == '*') {
            const char *e = memmem(b + i + 2, len - i - 2 < len ? len - i - 2 : 0, "*/", 2);
            if (!e) return 0;
            i = (size_t)(e - b) + 2;
        } else {
            size_t k = i;
            while (k < len && (isalpha((unsigned char)b[k]) || b[k] == '_'))
                k++;
            if (!((k - i == 7 && strncasecmp(b + i, "declare", 7) == 0) ||
                  (k - i == 9 && strncasecmp(b + i, "namespace", 9) == 0) ||
                  (k - i == 3 && strncasecmp(b + i, "use", 3) == 0))) {
                *word = b + i;
                return k - i;
            }
            const char *e = memchr(b + k, ';', len - k);
            if (!e) return 0;
            i = (size_t)(e - b) + 1;
        }
    }
    return 0;
}

/* Whether a PHP file returns an array (a translation file): its first
 * statement is `return`. */
static bool php_returns_array(const unsigned char *bytes, size_t len)
{
    const char *w = NULL;
    size_t n = php_first_word(bytes, len, &w);
    return n == 6 && strncasecmp(w, "return", 6) == 0;
}

/* Whether a PHP file is code even inside a translation folder: it starts
 * by loading other code or declaring a class or a function (Booked
 * Scheduler's `lang/en_us.php` is a class whose methods fill the
 * arrays). Its copy is read as PHP code's string literals. */
static bool php_declares_code(const unsigned char *bytes, size_t len)
{
    static const char *const words[] = {"class",     "abstract",     "final",   "function",
                                        "require",   "require_once", "include", "include_once",
                                        "interface", "trait",        "enum",    NULL};
    const char *w = NULL;
    size_t n = php_first_word(bytes, len, &w);
    for (size_t i = 0; n && words[i]; i++)
        if (strlen(words[i]) == n && strncasecmp(w, words[i], n) == 0) return true;
    return false;
}

/* Whether a file opens with `<?php` (after a UTF-8 BOM): what makes an
 * `.inc` include PHP rather than assembler, Pascal or BitBake. */
static bool opens_php(const unsigned char *b, size_t len)
{
    size_t i = len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    return i + 5 <= len && strncasecmp((const char *)b + i, "<?php", 5) == 0;
}

/* Whether the first byte that is not white space (after a UTF-8 BOM) is `<`. */
static bool starts_with_tag(const unsigned char *b, size_t len)
{
    size_t i = len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && isspace(b[i]))
        i++;
    return i < len && b[i] == '<';
}

const tl_format *tl_format_detect(const char *path, const unsigned char *bytes, size_t len)
{
    if (path) {
        const tl_format *f = by_name(path);
        if (f && f->extract == tl_extract_php && has_suffix(basename_of(path), ".inc") &&
            !opens_php(bytes, len))
            f = NULL;
        /* PHP code outside a translation folder is source code, and so is
         * a class or a function inside one. */
        if (f && f->extract == tl_extract_php &&
            ((!tl_format_catalog_path(path) && !php_returns_array(bytes, len)) ||
             php_declares_code(bytes, len)))
            return tl_format_find("php-code");
        /* GtkSourceView's language definitions are XML files named .lang. */
        if (f && f->extract == tl_extract_lang && starts_with_tag(bytes, len)) f = NULL;
        /* Qt Linguist shares TypeScript's suffix; its files are XML. */
        if (f && strcmp(f->name, "typescript") == 0 && tl_sniff_qtts(bytes, len))
            return tl_format_find("qt-ts");
        if (f) return f;
    }
    int best = 0;
    const tl_format *found = NULL;
    for (const tl_format *f = formats; f->name; f++) {
        if (!f->sniff) continue;
        int score = f->sniff(bytes, len);
        if (score > best) best = score, found = f;
    }
    if (found && best >= 50) return found;
    return path ? NULL : tl_format_find("text");
}

bool tl_format_is_code(const tl_format *f)
{
    return f && f->extract == tl_extract_code;
}

bool tl_format_is_code_path(const char *path)
{
    const tl_format *f = by_name(path);
    if (tl_format_catalog_module(path)) return false;
    return tl_format_is_code(f) ||
           (f && f->extract == tl_extract_php && !tl_format_catalog_path(path));
}

int tl_format_is_candidate(const char *path)
{
    const tl_format *f = by_name(path);
    if (tl_format_is_code(f)) return tl_format_catalog_module(path); /* else only when asked */
    if (f && (f->extract == tl_extract_json || f->extract == tl_extract_yaml ||
              f->extract == tl_extract_php || f->extract == tl_extract_lang ||
              f->extract == tl_extract_ini || f->extract == tl_extract_vufind_ini))
        return tl_format_catalog_path(path);
    return f != NULL;
}

/* ISO 639-1 codes, for telling `de.po` from `ui/` or `src/`. */
static const char iso639[] =
    "aa ab af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy "
    "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht "
    "hu hy hz ia ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la "
    "lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc "
    "oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st "
    "su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za "
    "zh zu";

/* Whether s[0..n) is a language tag: a known two-letter code, optionally
 * followed by _XX / -XX / -xx style region or -Hans style script. */
static bool is_lang(const char *s, size_t n)
{
    /* A tag in capitals with its region names a language too (`EN_US.js`,
     * `DE-DE.json`); a bare pair of capitals is more often a word (`IT/`). */
    if (n == 5 && isupper((unsigned char)s[0]) && isupper((unsigned char)s[1]) &&
        (s[2] == '_' || s[2] == '-') && isupper((unsigned char)s[3]) &&
        isupper((unsigned char)s[4])) {
        char low[2] = {(char)tolower((unsigned char)s[0]), (char)tolower((unsigned char)s[1])};
        return is_lang(low, 2);
    }
    if (n < 2 || !islower((unsigned char)s[0]) || !islower((unsigned char)s[1])) return false;
    if (n > 2) {
        if (s[2] != '_' && s[2] != '-') return false;
        if (n != 5 && n != 7) return false;
        for (size_t i = 3; i < n; i++)
            if (!isalpha((unsigned char)s[i])) return false;
        /* A region may be written in lower case (`en-us.json`,
         * `locales/pt-br/`); a script is capitalised (`zh-Hans`). */
        if (!isupper((unsigned char)s[3]) && !(n == 5 && islower((unsigned char)s[4])))
            return false;
    }
    for (const char *c = iso639;; c += 3) {
        if (c[0] == s[0] && c[1] == s[1]) return true;
        if (!c[2]) return false;
    }
}

/* The language code of a tag, in lower case (`EN_US` -> `en`). */
static const char *lang_code(tl_arena *arena, const char *tag)
{
    char code[2] = {(char)tolower((unsigned char)tag[0]), (char)tolower((unsigned char)tag[1])};
    return tl_arena_strndup(arena, code, 2);
}

/* Look for a tag in one path component: the whole component or a piece of
 * it separated by `.`, `_` or `-` at its end or before an extension. */
static const char *lang_in(tl_arena *arena, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '.')
            j++;
        /* The dotted piece s[i..j): the whole piece, or its tail after _ or -. */
        if (is_lang(s + i, j - i)) return lang_code(arena, s + i);
        for (size_t k = j; k > i + 1; k--) {
            if (s[k - 1] != '_' && s[k - 1] != '-') continue;
            if (is_lang(s + k, j - k)) return lang_code(arena, s + k);
            /* values-de-rDE, messages_pt_BR */
            for (size_t m = k - 1; m > i + 1; m--)
                if ((s[m - 1] == '_' || s[m - 1] == '-') && is_lang(s + m, j - m))
                    return lang_code(arena, s + m);
            break;
        }
        i = j + 1;
    }
    return NULL;
}

const char *tl_lang_from_path(tl_arena *arena, const char *path)
{
    if (!path) return NULL;
    const char *end = path + strlen(path);
    /* The file name and the two folders above it. */
    for (int level = 0; level < 3 && end > path; level++) {
        const char *start = end;
        while (start > path && start[-1] != '/')
            start--;
        /* A file's extension is no language: `.ts` is not Tsonga, `.cs`
         * not Czech (`pay.ts`, `Program.cs`; `en.json` keeps its `en`). */
        const char *stop = end;
        if (level == 0) {
            const char *dot = end;
            while (dot > start && dot[-1] != '.')
                dot--;
            if (dot - 1 > start) stop = dot - 1;
        }
        const char *lang = lang_in(arena, start, (size_t)(stop - start));
        if (lang) return lang;
        end = start > path ? start - 1 : path;
    }
    return NULL;
}

bool tl_lang_is_tag(const char *s, size_t n)
{
    return is_lang(s, n);
}

bool tl_lang_same(const char *a, const char *b)
{
    size_t n = strcspn(a, "_-");
    return n == strcspn(b, "_-") && strncasecmp(a, b, n) == 0;
}

/* Whether the n bytes at s name a folder for translations. */
static bool translations_word(const char *s, size_t n)
{
    static const char *const words[] = {
        "locales", "locale", "i18n", "l10n", "lang", "langs", "language", "languages",
        "translations", "_locales", "intl", "messages", "localization", "localisation",
        /* Older PHP products name the folder for the language itself
         * (`system/lan/english/`, `inc/languages/english/`). */
        "english", NULL};
    for (int i = 0; words[i]; i++)
        if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0) return true;
    return false;
}

/* Generic suffixes (.json, .yml, .php, .ini) also name package.json,
 * docker-compose.yml, CI configs, PHP code and settings files (php.ini): a
 * directory walk reads such a file only when its path names a language or
 * sits in a folder for translations. A JSON, YAML or INI file named like
 * such a folder ("src/core/lang.json", "translations.yml",
 * "translations.ini") is one too; a PHP file so named is usually a class
 * (`src/Lang.php`). A file named on the command line is always read. */
bool tl_format_catalog_path(const char *path)
{
    tl_arena arena = TL_ARENA_INIT;
    const char *lang = tl_lang_from_path(&arena, path);
    tl_arena_free(&arena);
    if (lang) return true;
    const char *base = basename_of(path);
    for (const char *p = path; p < base; p += strcspn(p, "/") + 1)
        if (translations_word(p, strcspn(p, "/"))) return true;
    const tl_format *f = by_name(path);
    return f &&
           (f->extract == tl_extract_json || f->extract == tl_extract_yaml ||
            f->extract == tl_extract_ini) &&
           translations_word(base, strcspn(base, "."));
}

/* A JavaScript or TypeScript module of messages (vue-i18n's and
 * i18next's `locales/en.js`, `i18n/en-US.ts`, `i18n/en-AU/index.ts`): a
 * catalog written as code, in a folder for translations (or for strings)
 * and named for its language. Walks read it as they read the other catalogs; which of its
 * literals are copy is still the source-code selection's call. */
bool tl_format_catalog_module(const char *path)
{
    const tl_format *f = by_name(path);
    if (!tl_format_is_code(f) ||
        (strcmp(f->name, "javascript") != 0 && strcmp(f->name, "typescript") != 0))
        return false;
    tl_arena arena = TL_ARENA_INIT;
    const char *lang = tl_lang_from_path(&arena, path);
    tl_arena_free(&arena);
    const char *base = basename_of(path);
    /* SurveyJS names its module for the language in words (`english.ts`). */
    if (!lang && strncasecmp(base, "english.", 8) != 0) return false;
    for (const char *p = path; p < base; p += strcspn(p, "/") + 1) {
        size_t n = strcspn(p, "/");
        /* Polis keeps its modules in `js/strings/en.js`. */
        if (translations_word(p, n) || (n == 7 && strncasecmp(p, "strings", 7) == 0)) return true;
    }
    return false;
}

/* Magento names a dictionary for its locale: a language, an optional script
 * and a region (`en_US`, `pt_BR`, `zh_Hans_CN`). */
static bool magento_locale(const char *s, size_t n)
{
    if (n == 5) return tl_lang_is_tag(s, n) && s[2] == '_' && isupper((unsigned char)s[4]);
    if (n != 10 || s[2] != '_' || s[7] != '_' || !tl_lang_is_tag(s, 2)) return false;
    if (!isupper((unsigned char)s[3]) || !isupper((unsigned char)s[8]) ||
        !isupper((unsigned char)s[9]))
        return false;
    for (int i = 4; i < 7; i++)
        if (!islower((unsigned char)s[i])) return false;
    return true;
}

bool tl_format_magento_path(const char *path)
{
    const char *base = basename_of(path);
    size_t n = strlen(base);
    if (n < 4 || strcasecmp(base + n - 4, ".csv") != 0 || !magento_locale(base, n - 4))
        return false;
    for (const char *p = path; p < base;) {
        size_t k = strcspn(p, "/");
        if (k == 4 && strncasecmp(p, "i18n", 4) == 0) return true;
        p += k + 1;
    }
    return false;
}

bool tl_format_vufind_path(const char *path)
{
    const char *base = basename_of(path);
    size_t n = strlen(base);
    if (n < 6 || strcasecmp(base + n - 4, ".ini") != 0) return false;
    for (size_t i = 0; i < n - 4; i++)
        if (isupper((unsigned char)base[i])) return false;
    return tl_lang_is_tag(base, n - 4);
}
