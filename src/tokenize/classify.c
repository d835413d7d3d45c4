/* classify.c - kind and audience of a segment from notes, keys, path, text. */
#include "classify.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether s starts with the lowercase word w (wl bytes), ignoring ASCII
 * case (as strcasestr does in the C locale). */
static bool starts_ci(const char *s, const char *w, size_t wl)
{
    for (size_t i = 0; i < wl; i++)
        if (lower(s[i]) != w[i]) return false; /* stops at s's NUL: w has none */
    return true;
}

/* Whether one of `words` occurs in s as a whole component: bounded by
 * start/end or by a non-letter (so "errors.card" and "card_error" hold
 * "error" but "terror" does not), or starting a camelCase hump
 * ("loginError", "paymentFailed"). A trailing "s" is allowed ("errors").
 * One pass over s, trying the words only where a component can start:
 * this runs on the key, context and path of every segment. */
static bool any_component(const char *s, const char *const *words)
{
    if (!s) return false;
    for (const char *p = s; *p; p++) {
        bool left = p == s || !isalpha((unsigned char)p[-1]);
        bool camel = p > s && isupper((unsigned char)p[0]) && islower((unsigned char)p[-1]);
        if (!left && !camel) continue;
        char c = lower(*p);
        for (int i = 0; words[i]; i++) {
            if (words[i][0] != c) continue;
            size_t wl = strlen(words[i]);
            if (!starts_ci(p, words[i], wl)) continue;
            const char *e = p + wl;
            if (*e == 's' || *e == 'S') e++;
            if (!isalpha((unsigned char)*e) || isupper((unsigned char)*e)) return true;
        }
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

/* Text cues for errors, matched case-insensitively at word starts. */
static const char *const error_cues[] = {"error",        "failed",      "failure",    "unable to",
                                         "could not",    "couldn't",    "couldn’t",   "can't be",
                                         "cannot be",    "invalid",     "went wrong", "not found",
                                         "was declined", "is required", NULL};

static bool text_has(const char *text, const char *const *cues)
{
    for (const char *p = text; *p; p++) {
        if (p != text && isalpha((unsigned char)p[-1])) continue;
        char c = lower(*p);
        for (int i = 0; cues[i]; i++) {
            if (cues[i][0] != c) continue;
            size_t n = strlen(cues[i]);
            if (starts_ci(p, cues[i], n) && !isalpha((unsigned char)p[n])) return true;
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
    while (n + 1 < sizeof(name) && isalpha((unsigned char)p[n])) {
        name[n] = (char)tolower((unsigned char)p[n]);
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
        once.email = any_component(path, email_words);
        once.developer = any_component(path, developer_words);
        return &once;
    }
    if (!cues.valid || strcmp(cues.path, path) != 0) {
        memcpy(cues.path, path, n + 1);
        cues.email = any_component(path, email_words);
        cues.developer = any_component(path, developer_words);
        cues.valid = true;
    }
    return &cues;
}

void tl_classify(tl_segment *seg, const char *path)
{
    const path_cues *pc = cues_for(path);
    const char *key = seg->key, *ctx = seg->context;
    /* For PO the key is the English text itself; only the context is a name. */
    bool key_is_text = key && seg->text && strcmp(key, seg->text) == 0;
    if (key_is_text) key = NULL;
    if (seg->kind == TL_KIND_UNKNOWN) seg->kind = kind_from_note(seg->comment);
    if (seg->kind == TL_KIND_UNKNOWN) {
        if (any_component(key, error_words) || any_component(ctx, error_words))
            seg->kind = TL_KIND_ERROR;
        else if (any_component(key, notification_words) || any_component(ctx, notification_words))
            seg->kind = TL_KIND_NOTIFICATION;
        else if (any_component(key, email_words) || any_component(ctx, email_words) ||
                 (pc && pc->email))
            seg->kind = TL_KIND_EMAIL;
        else if (seg->text && text_has(seg->text, error_cues))
            seg->kind = TL_KIND_ERROR;
        else
            seg->kind = TL_KIND_UI;
    }
    if (any_component(key, developer_words) || any_component(ctx, developer_words) ||
        (pc && pc->developer) || (seg->comment && strstr(seg->comment, "audience: developer")))
        seg->flags |= TL_SEG_DEVELOPER;
}
