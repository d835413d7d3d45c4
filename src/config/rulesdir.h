/* rulesdir.h - where the default rule pack is: the linter, the language
 * server and tl_pack_open(NULL) load the same pack. */
#ifndef TL_RULESDIR_H
#define TL_RULESDIR_H

#include <stddef.h>

/* The default pack: $TONELINT_RULES_DIR, next to the binary (an install's
 * ../share/tonelint/rules, a build tree's ../rules), then the install
 * prefix. Returns the environment string, buf (filled), or a constant. */
const char *tl_default_rules_dir(char *buf, size_t size);

#endif
