/* rulesdir.h - where the default rule pack is: the linter, the language
 * server and tl_pack_open(NULL) load the same pack. */
#ifndef TL_RULESDIR_H
#define TL_RULESDIR_H

#include "../match/rule.h"

#include <stddef.h>

/* The default pack: $TONELINT_RULES_DIR, next to the binary (an install's
 * ../share/tonelint/rules, a build tree's ../rules), then the install
 * prefix. Returns the environment string, buf (filled), or a constant. */
const char *tl_default_rules_dir(char *buf, size_t size);

/* When no loaded pack brought kind cues (`kinds:`), those of the default
 * pack (its kinds.yml): the kind of copy a string is, is no rule, so a run
 * with --no-default-rules and packs of its own still tells errors from
 * other copy. 0 (also when there is no such file), or an error. */
int tl_default_kinds(tl_ruleset *rs, tl_error *err);

#endif
