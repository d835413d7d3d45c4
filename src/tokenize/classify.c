/* classify.c - kind and audience of a segment from notes, keys, path, text. */
#include "classify.h"

#include <pthread.h>
#include <string.h>

/* ASCII tests: keys, contexts and paths are matched as ASCII words (as
 * <ctype.h> does in the C locale), and these run on every byte of them. */
static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static bool is_alpha(char c)
{
    return is_upper(c) || is_lower(c);
}

static char lower(char c)
{
    return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

/* Whether s starts with the lowercase word w (wl bytes), ignoring ASCII
 * case (as strcasestr does in the C locale). */
static bool starts_ci(const char *s, const char *w, size_t wl)
{
    for (size_t i = 0; i < wl; i++)
        if (lower(s[i]) != w[i]) return false; /* stops at s's NUL: w has none */
    return true;
}

/* Whether one of `words` is the component starting at p: the word, an
 * optional "s", then the end, a non-letter or a capital. */
static bool component_is(const char *p, const char *const *words)
{
    char c = lower(*p);
    for (int i = 0; words[i]; i++) {
        if (words[i][0] != c) continue;
        size_t wl = strlen(words[i]);
        if (!starts_ci(p, words[i], wl)) continue;
        const char *e = p + wl;
        if (*e == 's' || *e == 'S') e++;
        if (!is_lower(*e)) return true;
    }
    return false;
}

static const char *const error_words[] = {"error",   "err",       "fail",    "failed",   "failure",
                                          "invalid", "exception", "problem", "declined", NULL};
static const char *const notification_words[] = {"notification", "notify", "toast",  "alert",
                                                 "snackbar",     "push",   "banner", NULL};
static const char *const email_words[] = {"mail",       "mailer",  "email", "e-mail",
                                          "newsletter", "mailers", NULL};
static const char *const developer_words[] = {
    "admin",    "administrator", "api",     "developer", "debug",
    "devtools", "internal",      "webhook", "sysadmin",  NULL};

enum { CUE_ERROR = 1, CUE_NOTIFICATION = 2, CUE_EMAIL = 4, CUE_DEVELOPER = 8 };
static const char *const *const cue_lists[] = {error_words, notification_words, email_words,
                                               developer_words};
#define NCUE_LISTS 4

/* Text cues for errors, matched case-insensitively at word starts. */
static const char *const error_cues[] = {"error",        "failed",      "failure",    "unable to",
                                         "could not",    "couldn't",    "couldn’t",   "can't be",
                                         "cannot be",    "invalid",     "went wrong", "not found",
                                         "was declined", "is required", NULL};

/* For each lowercase first byte, which cue lists (CUE_* bits) and whether
 * an error cue have a word starting with it: most component and word
 * starts are rejected by one lookup. Built once. */
#define CUE_TEXT 16
static unsigned char first_byte[256];
static pthread_once_t first_byte_once = PTHREAD_ONCE_INIT;

static void build_first_byte(void)
{
    for (int l = 0; l < NCUE_LISTS; l++)
        for (int i = 0; cue_lists[l][i]; i++)
            first_byte[(unsigned char)cue_lists[l][i][0]] |= (unsigned char)(1u << l);
    for (int i = 0; error_cues[i]; i++)
        first_byte[(unsigned char)error_cues[i][0]] |= CUE_TEXT;
}

/* Which cue lists (CUE_* bits) have a word occurring in s as a whole
 * component: bounded by start/end or by a non-letter (so
 * "errors.card" and "card_error" hold "error" but "terror" does not), or
 * starting a camelCase hump ("loginError", "paymentFailed"). A trailing
 * "s" is allowed ("errors"). One pass over s for every list, trying words
 * only where a component can start with one of their first letters: this runs on the key, context
 * and path of every segment. */
static unsigned components(const char *s)
{
    unsigned found = 0, all = (1u << NCUE_LISTS) - 1;
    if (!s) return 0;
    for (const char *p = s; *p && found != all; p++) {
        bool left = p == s || !is_alpha(p[-1]);
        bool camel = p > s && is_upper(p[0]) && is_lower(p[-1]);
        if (!left && !camel) continue;
        unsigned maybe = first_byte[(unsigned char)lower(*p)] & ~found;
        for (int l = 0; l < NCUE_LISTS && maybe; l++)
            if ((maybe & 1u << l) && component_is(p, cue_lists[l])) found |= 1u << l;
    }
    return found;
}

static bool text_has(const char *text, const char *const *cues)
{
    for (const char *p = text; *p; p++) {
        if (p != text && is_alpha(p[-1])) continue;
        char c = lower(*p);
        if (!(first_byte[(unsigned char)c] & CUE_TEXT)) continue;
        for (int i = 0; cues[i]; i++) {
            if (cues[i][0] != c) continue;
            size_t n = strlen(cues[i]);
            if (starts_ci(p, cues[i], n) && !is_alpha(p[n])) return true;
        }
    }
    return false;
}

static tl_kind kind_from_note(const char *comment)
{
    if (!comment) return TL_KIND_UNKNOWN;
    const char *p = strstr(comment, "kind:");
    if (!p) return TL_KIND_UNKNOWN;
    p += 5;
    while (*p == ' ' || *p == '\t')
        p++;
    char name[16];
    size_t n = 0;
    while (n + 1 < sizeof(name) && is_alpha(p[n])) {
        name[n] = lower(p[n]);
        n++;
    }
    name[n] = '\0';
    return tl_kind_from_name(name);
}

/* What a file's path says, computed once per path: every segment of a
 * document shares it, and scanning the path per segment was a fifth of a
 * whole-corpus run. Per thread, so workers need no lock. */
typedef struct path_cues {
    char path[1024];
    bool valid, email, developer;
} path_cues;

static _Thread_local path_cues cues;

static const path_cues *cues_for(const char *path)
{
    if (!path) return NULL;
    size_t n = strlen(path);
    if (n >= sizeof(cues.path)) { /* too long to cache: compute every time */
        static _Thread_local path_cues once;
        unsigned c = components(path);
        once.email = c & CUE_EMAIL;
        once.developer = c & CUE_DEVELOPER;
        return &once;
    }
    if (!cues.valid || strcmp(cues.path, path) != 0) {
        memcpy(cues.path, path, n + 1);
        unsigned c = components(path);
        cues.email = c & CUE_EMAIL;
        cues.developer = c & CUE_DEVELOPER;
        cues.valid = true;
    }
    return &cues;
}

/* Whether every source reference of a PO entry (its `#:` lines, such as
 * "includes/admin/class-settings.php:42") lies in developer or admin code.
 * A string also used anywhere else may reach customers. */
static bool refs_developer(const char *refs)
{
    bool any = false;
    for (const char *p = refs; p && *p;) {
        p += strspn(p, " \t\r\n");
        if (!*p) break;
        size_t n = strcspn(p, " \t\r\n");
        char ref[512];
        size_t m = n < sizeof(ref) - 1 ? n : sizeof(ref) - 1;
        memcpy(ref, p, m);
        ref[m] = '\0';
        if (!(components(ref) & CUE_DEVELOPER)) return false;
        any = true;
        p += n;
    }
    return any;
}

void tl_classify(tl_segment *seg, const char *path)
{
    pthread_once(&first_byte_once, build_first_byte);
    const path_cues *pc = cues_for(path);
    const char *key = seg->key, *ctx = seg->context;
    /* For PO the key is the English text itself; only the context is a name. */
    bool key_is_text = key && seg->text && strcmp(key, seg->text) == 0;
    if (key_is_text) key = NULL;
    if (seg->kind == TL_KIND_UNKNOWN) seg->kind = kind_from_note(seg->comment);
    unsigned named = components(key) | components(ctx);
    if (seg->kind == TL_KIND_UNKNOWN) {
        if (named & CUE_ERROR)
            seg->kind = TL_KIND_ERROR;
        else if (named & CUE_NOTIFICATION)
            seg->kind = TL_KIND_NOTIFICATION;
        else if ((named & CUE_EMAIL) || (pc && pc->email))
            seg->kind = TL_KIND_EMAIL;
        else if (seg->text && text_has(seg->text, error_cues))
            seg->kind = TL_KIND_ERROR;
        else
            seg->kind = TL_KIND_UI;
    }
    if ((named & CUE_DEVELOPER) || (pc && pc->developer) || refs_developer(seg->refs) ||
        (seg->comment && strstr(seg->comment, "audience: developer")))
        seg->flags |= TL_SEG_DEVELOPER;
}
