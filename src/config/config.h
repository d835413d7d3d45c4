/* config.h - what a project tells tonelint in `.tonelint.yml`.
 *
 * Owns parsing and checking the config file (through the YAML tree adapter),
 * discovery of the nearest config upward from each linted file (cached per
 * directory), the packs a config loads, and the per-file policy the linter
 * applies (rule severities and "off", vocabulary, ignored keys, the moments
 * and audience it names). It does not print: errors carry the config file's
 * line and column. The format is in docs/configuration.md. */
#ifndef TL_CONFIG_H
#define TL_CONFIG_H

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/error.h"
#include "../core/segment.h"
#include "../core/yamltree.h"
#include "../match/regex.h"
#include "../match/rule.h"
#include "glob.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TL_CONFIG_NAME ".tonelint.yml"

/* One `RULE_OR_CATEGORY: level` line. */
typedef struct tl_rule_setting {
    const char *name;
    int severity; /* TL_SEV_* or TL_SEV_OFF */
    int line, column;
} tl_rule_setting;

/* A rule-settings layer resolved against a rule set: one value per rule
 * index, -1 where the layer says nothing. Rebuilt when the rule set grows. */
typedef struct tl_rule_table {
    signed char *v;
    size_t n;
    size_t gen;
} tl_rule_table;

typedef struct tl_config_override {
    const char **files; /* globs, relative to the config's directory */
    size_t nfiles;
    tl_rule_setting *rules;
    size_t nrules;
    tl_rule_table table;
} tl_config_override;

/* An `ignore_keys` entry: a glob over the whole key, or /regex/. */
typedef struct tl_key_pattern {
    const char *glob; /* NULL for a regex */
    tl_regex *re;
} tl_key_pattern;

/* An entry of `moments` or `audience`: it covers the strings of its files
 * whose key or context matches its keys (an entry without `files` covers
 * every file, one without `keys` every key; never both absent). */
typedef struct tl_config_entry {
    const char *value;  /* the moment id, or the audience name */
    unsigned audience;  /* `audience`: the TL_SEG_* audience flags it gives */
    const char **files; /* globs, relative to the config's directory */
    size_t nfiles;
    tl_key_pattern *keys; /* globs or /regex/ over the key or context */
    size_t nkeys;
    int line, column; /* of the value */
} tl_config_entry;

/* A list of entries, in order: the first that covers a string wins. At
 * most 64, so a policy holds one bit per entry. */
typedef struct tl_config_entries {
    tl_config_entry *items;
    size_t n;
} tl_config_entries;

#define TL_CONFIG_MAX_ENTRIES 64

typedef struct tl_config {
    tl_arena arena;
    tl_ydoc yaml; /* the parsed file: settings point at its strings */
    bool yaml_loaded;
    const char *path; /* the config file, as named in messages */
    const char *dir;  /* absolute directory: globs and packs are relative to it */
    tl_rule_setting *rules;
    size_t nrules;
    const char **packs; /* absolute directories */
    int *pack_lines, *pack_columns;
    size_t npacks;
    tl_config_override *overrides;
    size_t noverrides;
    const char **ignore;
    size_t nignore;
    const char **vocab; /* NULL-terminated (never NULL after a parse) */
    size_t nvocab;
    tl_key_pattern *ignore_keys;
    size_t nignore_keys;
    tl_config_entries moments;  /* `moments:` */
    tl_config_entries audience; /* `audience:` */
    tl_select source_cues;      /* `source_cues:`: before the pack's (match/select.h) */
    bool source;                /* `source: true`: folder walks read source code (--source) */
    int fail_on;                /* TL_SEV_*, TL_SEV_OFF for none, -1 when not set */
    int min_severity;           /* TL_SEV_*, -1 when not set */
    int tier;                   /* TL_TIER_*, -1 when not set */
    tl_rule_table table;        /* `rules:` resolved */
    tl_rule_table foreign;      /* other configs' pack rules: off here */
    size_t first_ref;           /* in tl_configs: this config's packs */
    bool failed;                /* kept after an error, for the message's strings */
} tl_config;

/* Parse a config from memory. `dir` is the absolute directory that globs
 * and packs are relative to. Unknown keys and bad values are TL_ECONFIG
 * errors with err->path, line and column set. Rule names are checked later,
 * against the loaded rules (tl_config_check). */
int tl_config_parse(tl_config *cfg, const char *path, const char *dir, const unsigned char *bytes,
                    size_t len, tl_error *err);
/* Read and parse a config file; its directory is resolved to an absolute
 * path. */
int tl_config_load(tl_config *cfg, const char *path, tl_error *err);
void tl_config_free(tl_config *cfg);
/* Every rule setting must name a loaded rule id or a category. */
int tl_config_check(const tl_config *cfg, const tl_ruleset *rs, tl_error *err);

/* Whether a file (path relative to the config's directory, `/`-separated)
 * is listed under `ignore`. */
bool tl_config_ignores(const tl_config *cfg, const char *rel);
/* Whether a segment's key (or its context, for PO msgctxt) is listed under
 * `ignore_keys`. */
bool tl_config_ignores_key(const tl_config *cfg, tl_regex_scratch *sc, const tl_segment *seg);

/* The settings the linter applies to one file. Owned by the caller and
 * reused from file to file. */
typedef struct tl_policy {
    signed char *severity; /* per rule index: -1 as in the pack, TL_SEV_OFF, or a severity */
    size_t nseverity, cap;
    const char *const *vocab;
    const tl_config *cfg;    /* for ignore_keys, moments, audience; NULL: none */
    uint64_t moment_files;   /* bit per cfg->moments entry whose `files` match this file */
    uint64_t audience_files; /* the same for cfg->audience */
} tl_policy;

void tl_policy_free(tl_policy *p);
/* The moment the config's `moments:` names for a segment of the policy's
 * file, or NULL when no entry matches. */
const char *tl_policy_moment(const tl_policy *p, tl_regex_scratch *sc, const tl_segment *seg);
/* The audience the config's `audience:` names for a segment of the policy's
 * file: the TL_SEG_DEVELOPER and TL_SEG_SETTINGS flags it has (0 for
 * `customer`), or -1 when no entry matches and the cues decide. */
int tl_policy_audience(const tl_policy *p, tl_regex_scratch *sc, const tl_segment *seg);

/* A pack loaded by a config: its rules are on only for files of configs
 * that list it. */
typedef struct tl_config_pack {
    char *dir; /* absolute */
    const tl_rule **rules;
    size_t nrules;
} tl_config_pack;

/* The configs of a run: discovery with a per-directory cache, and the packs
 * they load into the shared rule set. */
typedef struct tl_configs {
    tl_ruleset *rs; /* borrowed: config packs are loaded into it */
    tl_config **items;
    size_t n, cap;
    struct tl_config_dir *dirs; /* directory -> config index (-1: none) */
    size_t ndirs, capdirs;
    tl_config_pack *packs;
    size_t npacks, cappacks;
    size_t *pack_refs; /* pack indices listed by each config, in order */
    size_t nrefs, caprefs;
    size_t gen;            /* bumped each time the rule set grows */
    bool rules_changed;    /* set when packs were loaded: the caller re-prepares */
    tl_rule_table foreign; /* config pack rules, off for files without a config */
    tl_buf rel;            /* the last relative path, see tl_configs_relative */
    char *cwd;             /* the current directory, for naming configs in messages */
    tl_policy **kept;      /* every distinct policy handed out, see tl_configs_keep */
    size_t nkept, capkept;
    /* The last folder resolved to an absolute path, as written and
     * resolved: the files of a folder come one after another, and each is
     * looked up a few times (realpath costs a system call per component). */
    char *last_dir, *last_abs;
} tl_configs;

void tl_configs_init(tl_configs *s, tl_ruleset *rs);
void tl_configs_free(tl_configs *s);
/* Load a config file named by the user (--config), with its packs. */
int tl_configs_add(tl_configs *s, const char *path, const tl_config **out, tl_error *err);
/* The nearest `.tonelint.yml` upward from the folder of `path` ("-" or a
 * name without a folder: the current directory). *out is NULL when there is
 * none. A config is loaded (with its packs) and checked the first time it
 * is found; later lookups in the same folders are answered from the cache. */
int tl_configs_find(tl_configs *s, const char *path, const tl_config **out, tl_error *err);
/* The config tl_configs_find gave for `path` before, from the cache only
 * (never loads); NULL when none or not looked up yet. */
const tl_config *tl_configs_cached(tl_configs *s, const char *path);
/* Whether tl_configs_find for `path` would load a config not loaded yet
 * (which may load packs, changing the rule set): a caller with files in
 * flight on other threads finishes them first. */
bool tl_configs_would_load(tl_configs *s, const char *path);
/* Path of `path` relative to cfg's directory, in s->rel (valid until the
 * next call). */
const char *tl_configs_relative(tl_configs *s, const tl_config *cfg, const char *path);
/* Fill p for a file of cfg (rel: its path relative to cfg's directory).
 * cfg NULL: rules as in their packs, except config packs, which are off. */
int tl_configs_policy(tl_configs *s, const tl_config *cfg, const char *rel, tl_policy *p);
/* A policy equal to `pol` that lives until tl_configs_free: one handed out
 * before, or a copy. A linter holds its policy across files (and the
 * language server across edits), and equal pointers mean equal settings.
 * NULL when out of memory. */
const tl_policy *tl_configs_keep(tl_configs *s, const tl_policy *pol);

/* Whether `path` is one of tonelint's own files (`.tonelint.yml`,
 * `.tonelint-baseline.json`, any `.tonelint*`): settings, not copy. */
bool tl_config_own_file(const char *path);

/* What the command or the language server asks for when it resolves a
 * file's settings. */
typedef struct tl_settings_request {
    const tl_config *fixed; /* --config, or NULL */
    bool discover;          /* look for `.tonelint.yml` upward from the file */
    bool policy;            /* make a policy even when the file has no config */
    int min_severity;       /* --min-severity, or -1 */
    int tier;               /* --tier, or -1 */
} tl_settings_request;

/* A file's settings, for the linter (L->policy, L->min_severity, L->tier). */
typedef struct tl_file_settings {
    const tl_config *cfg;     /* its config, or NULL */
    bool ignored;             /* skip it: one of tonelint's own files, or its config ignores it */
    bool rules_changed;       /* its config loaded packs: re-prepare the linter */
    const tl_policy *policy;  /* rule settings (from tl_configs_keep), or NULL */
    tl_severity min_severity; /* --min-severity, else the config's, else suggestion */
    tl_tier tier;             /* --tier, else the config's, else default */
} tl_file_settings;

/* The one way to resolve the settings of the file at `path`, for the
 * command and the language server alike: its config (found or fixed, with
 * its packs), whether it is ignored, its policy (made when rq->policy, the
 * file has a config, or config packs are loaded; `scratch` is the caller's
 * and is overwritten), its severity floor and tier. Returns 0, or
 * TL_ECONFIG (a config cannot be read; err says where) or TL_ENOMEM. */
int tl_configs_settings(tl_configs *s, const char *path, const tl_settings_request *rq,
                        tl_policy *scratch, tl_file_settings *out, tl_error *err);

#endif
