#!/usr/bin/env python3
"""Compare PHP's fgetcsv rows of a Magento dictionary (JSON) with tonelint
--dump-strings, and check each segment's line:column against the file.

Usage: magento_compare.py FILE PHP_JSON OURS_JSONL

Every row with a non-empty second field is one segment, in file order: the
first field is its key and the second its text. (Magento keeps the last row
of a duplicate source; tonelint reports each, so the lists are compared
whole.) A NUL or a byte that is not UTF-8 is U+FFFD on both sides.

Positions: a segment's line:column (columns in characters; lines end at LF)
is the first character of the translation. When the character before it is
a quote, the stored text from there, read as fgetcsv reads a quoted field
(`""` is a quote, a backslash keeps the next character), starts the
segment's text; otherwise the text is stored as it is up to the next comma
or line end."""
import json
import sys

path, php_path, ours_path = sys.argv[1:4]
problems = []

rows = json.load(open(php_path, encoding='utf-8'))
want = [(r[0], r[1]) for r in rows if len(r) > 1 and isinstance(r[1], str) and r[1] != '']
ours = [json.loads(l) for l in open(ours_path, encoding='utf-8')]
got = [(s['key'], s['text']) for s in ours]
for i in range(max(len(want), len(got))):
    w = want[i] if i < len(want) else None
    g = got[i] if i < len(got) else None
    if w != g:
        problems.append('%s: row %d is %r for PHP, %r for tonelint' % (path, i + 1, w, g))
        break

text = open(path, encoding='utf-8', errors='replace', newline='').read()
starts = [0]
for i, c in enumerate(text):
    if c == '\n':
        starts.append(i + 1)


def quoted(at):
    out, state = [], 0
    while at < len(text):
        c = text[at]
        if state == 1:
            state = 0
        elif state == 2:
            if c != '"':
                break
            state = 0
            at += 1
            continue
        elif c == '"':
            state = 2
            at += 1
            out.append('"')
            continue
        elif c == '\\':
            state = 1
        out.append(c)
        at += 1
    # the last quote appended closed the field
    return ''.join(out[:-1] if state == 2 else out)


for s in ours:
    ln, col = s['line'], s['column']
    at = starts[ln - 1] + col - 1 if 0 < ln <= len(starts) else len(text)
    if at >= 1 and text[at - 1] == '"':
        ok = s['text'].startswith(quoted(at))
    else:
        end = at
        while end < len(text) and text[end] not in ',\n':
            end += 1
        ok = text[at:end].rstrip('\r') == s['text']
    if not ok:
        problems.append('%s:%d:%d: the translation of %r is not there' % (path, ln, col, s['key']))

for p in problems[:30]:
    print(p)
if problems:
    sys.exit(1)
print('%s: %d rows agree with fgetcsv, %d positions checked' % (path, len(want), len(ours)))
