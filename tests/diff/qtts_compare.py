#!/usr/bin/env python3
"""Compare tonelint --dump-strings with Qt's own lconvert for one Qt
Linguist .ts file.

Usage: qtts_compare.py FILE ORACLE_PO OURS_JSONL
ORACLE_PO is `lconvert -i FILE -of po` (read with Debian's polib). What
tonelint must list, in file order, for each entry that is not obsolete
(lconvert writes type="vanished" and "obsolete" messages as `#~`):
  - its source (msgid) when not empty and not a message key
    (`ORDER_DONE`, `order.done`), in X-Source-Language (en when
    absent), keyed by the message id (the `#. ts-id` comment) or else by
    the source, with the context name (msgctxt up to its `|`);
  - then each non-empty translation (msgstr, or msgstr[n] of a numerus
    message; length variants, which lconvert joins with U+2762, each on
    its own), in X-Language, unless it repeats the source in the same
    language.
Every segment's line:column must also point at the stored form of its
first character inside its element (xml_compare.check_position).
Prints one line per difference and exits 1 if there is any.
"""
import json
import sys

import polib

from xml_compare import MESSAGE_KEY, check_position, line_starts

VARIANT = "\u2762"


def language(tag):
    return tag.replace("-", "_").split("_")[0].lower()


def expected(po_path):
    po = polib.pofile(po_path, wrapwidth=0)
    src_lang = po.metadata.get("X-Source-Language") or "en"
    tgt_lang = po.metadata.get("X-Language")
    same = tgt_lang is not None and language(tgt_lang) == language(src_lang)
    out = []
    for e in po:
        if e.obsolete:
            continue
        ts_id = None
        for line in (e.comment or "").split("\n"):
            if line.startswith("ts-id "):
                ts_id = line[len("ts-id "):]
        key = ts_id if ts_id is not None else e.msgid
        ctx = (e.msgctxt or "").split("|", 1)[0] or None
        if e.msgid and not MESSAGE_KEY.match(e.msgid):
            out.append((key, ctx, src_lang, e.msgid))
        forms = [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)] if e.msgid_plural else [e.msgstr]
        for form in forms:
            for text in form.split(VARIANT):
                if text and not (same and text == e.msgid):
                    out.append((key, ctx, tgt_lang, text))
    return out


def same(mine, theirs):
    """Records match; without TS/@language (lconvert's X-Language) a
    translation's language is the one its file name gives, any here."""
    return mine == theirs or (theirs[2] is None and mine[:2] + mine[3:] == theirs[:2] + theirs[3:])


def main():
    path, oracle_path, ours_path = sys.argv[1:4]
    with open(path, "rb") as f:
        data = f.read()
    with open(ours_path, encoding="utf-8") as f:
        ours = [json.loads(line) for line in f]
    theirs = expected(oracle_path)
    mine = [(r["key"], r["context"], r["lang"], r["text"]) for r in ours]
    problems = []
    if len(mine) != len(theirs) or any(not same(a, b) for a, b in zip(mine, theirs)):
        for i, (a, b) in enumerate(zip(mine, theirs)):
            if not same(a, b):
                problems.append("%s: record %d: tonelint has %r, lconvert %r" % (path, i + 1, a, b))
                break
        if len(mine) != len(theirs):
            problems.append("%s: tonelint lists %d strings, lconvert %d" % (path, len(mine), len(theirs)))
    starts = line_starts(data)
    for r in ours:
        check_position("qtts", data, starts, r, problems, path)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
