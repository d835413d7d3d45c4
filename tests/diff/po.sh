#!/bin/sh
# Differential test: tonelint's PO reading against GNU gettext's own on every
# PO/POT file of the shared corpus. gettext's tools build the reference:
# msguniq --use-first (gettext refuses a catalog that defines a message twice,
# as WordPress POTs do; the first definition counts), msgen (every msgstr
# filled with its msgid, so msgfmt keeps untranslated entries) and
# msgfmt --use-fuzzy into a .mo file, whose keys are exactly gettext's
# (context, msgid, msgid_plural) triples. tonelint must list the same
# messages, and each segment's line:column must point at its text in the file.
# A second .mo built without msgen holds the translations: tonelint lints each
# non-empty msgstr except one that repeats its msgid (po_compare.py).
# Usage: po.sh TONELINT SHARED_DIR   (exit 77: tools missing)
set -eu
bin=$1
shared=$2
for tool in msguniq msgen msgfmt python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 77; }
done
[ -d "$shared/corpus" ] || { echo "skip: no corpus at $shared"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$shared/corpus" -type f \( -name '*.po' -o -name '*.pot' \) | sort)
[ -n "$files" ] || { echo "no PO files in the corpus"; exit 1; }
status=0
for f in $files; do
  msguniq --use-first "$f" -o "$tmp/unique.po" 2>/dev/null
  msgen "$tmp/unique.po" -o "$tmp/en.po"
  msgfmt --use-fuzzy "$tmp/en.po" -o "$tmp/en.mo"
  msgfmt --use-fuzzy "$tmp/unique.po" -o "$tmp/translated.mo"
  "$bin" --dump-strings "$f" >"$tmp/ours.jsonl" || { echo "$f: tonelint failed"; status=1; continue; }
  python3 "$(dirname "$0")/po_compare.py" "$f" "$tmp/en.mo" "$tmp/ours.jsonl" "$tmp/translated.mo" || status=1
done
exit $status
