/* lsp.h - `tonelint lsp`, the language server, as the CLI calls it.
 *
 * The server speaks the Language Server Protocol over standard input and
 * output (transport.c, server.c, hover.c, actions.c; set up by cmdline.c),
 * frames messages (jsonrpc.c), keeps the editor's open documents
 * (documents.c) and lints them again on each change with a per-segment
 * cache (relint.c). */
#ifndef TL_LSP_H
#define TL_LSP_H

/* Where a diagnostic's rule is documented: TL_DOCS_RULES_URL "#" anchor,
 * where the anchor is the rule id as GitHub slugs the rule's heading in
 * docs/rules.md (`### blame.you-failed-to` -> `blameyou-failed-to`: only
 * letters, digits, `-` and `_` are kept). Override at build time with
 * -DTL_DOCS_RULES_URL=... for another home of the docs. */
#ifndef TL_DOCS_RULES_URL
#define TL_DOCS_RULES_URL "https://github.com/tonelint/tonelint/blob/main/docs/rules.md"
#endif

/* Diagnostics published per document at most; past it, one more says how
 * many were left out. */
#define TL_LSP_MAX_DIAGNOSTICS 1000

/* Run the server. argv[0] is "lsp"; options: --rules DIR (repeatable),
 * --no-default-rules, --min-severity LEVEL, --stdio (accepted; the only
 * transport), --verbose. Returns the process exit status: 0 after shutdown
 * and exit, 1 when the client exits (or goes away) without shutdown, 2 for
 * a usage error. */
int tl_lsp_main(int argc, char **argv);

#endif
