/* rulesdir.c - finding the default rule pack from the environment, the
 * program's location and the install prefix. */
#include "rulesdir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TL_RULES_INSTALL_DIR
#define TL_RULES_INSTALL_DIR "/usr/local/share/tonelint/rules"
#endif

const char *tl_default_rules_dir(char *buf, size_t size)
{
    const char *env = getenv("TONELINT_RULES_DIR");
    if (env && *env) return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        static const char *const rel[] = {"/../share/tonelint/rules", "/../rules", "/../../rules"};
        for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
            snprintf(buf, size, "%s%s", exe, rel[i]);
            char probe[PATH_MAX + 8];
            snprintf(probe, sizeof(probe), "%s/en", buf);
            if (access(probe, R_OK | X_OK) == 0) return buf;
        }
    }
    return TL_RULES_INSTALL_DIR;
}

int tl_default_kinds(tl_ruleset *rs, tl_error *err)
{
    if (rs->kinds.n || rs->kinds.developer || rs->kinds.settings) return 0;
    char buf[PATH_MAX], *path = NULL;
    const char *dir = tl_default_rules_dir(buf, sizeof(buf));
    if (asprintf(&path, "%s/kinds.yml", dir) < 0) return TL_ENOMEM;
    FILE *f = fopen(path, "rb");
    if (!f) {
        free(path);
        return 0;
    }
    unsigned char chunk[65536];
    size_t len = fread(chunk, 1, sizeof(chunk), f);
    bool whole = feof(f) && !ferror(f);
    fclose(f);
    int rc = whole ? tl_ruleset_load_file(rs, path, chunk, len, NULL, err)
                   : tl_error_set(err, TL_ECONFIG, "%s: cannot read it whole", path);
    free(path);
    return rc;
}
