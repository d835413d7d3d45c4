#!/usr/bin/env python3
"""Compare the strings PHP loads from an INI language file (JSON: Joomla's
loader, or VuFind's ExtendedIniReader, run by ini.sh) with tonelint
--dump-strings, and check each segment's line:column against the file.

Usage: ini_compare.py FILE PHP_JSON OURS_JSONL   (INI_READER=joomla|vufind)

Both loaders keep the last definition of a key; tonelint reports every
definition, so the last of ours is compared. tonelint skips empty values
(VuFind turns them into a zero-width non-joiner). A byte that is not UTF-8
is U+FFFD on both sides.

Positions: a segment's line:column (columns in characters) is the first
character of its value, just after `=`, a blank or an opening quote; the
stored text from there, as it is or read as that loader reads it (Joomla:
`"_QQ_"` and `\\"` are a quote), starts with the segment's text (as it is
when a value ends in a backslash before its closing quote)."""
import json
import os
import re
import sys

path, php_path, ours_path = sys.argv[1:4]
reader = os.environ.get('INI_READER', 'joomla')
problems = []

php = json.load(open(php_path, encoding='utf-8'))
if not isinstance(php, dict):
    php = {}
ours = [json.loads(l) for l in open(ours_path, encoding='utf-8')]
shown = {}
for s in ours:
    shown[s['key']] = s['text']
want = {k: v for k, v in php.items() if isinstance(v, str) and v not in ('', '\u200c')}

for k, v in want.items():
    if k not in shown:
        problems.append('%s: PHP has %r = %r, tonelint does not' % (path, k, v[:80]))
    elif shown[k] != v:
        problems.append('%s: %r is %r for PHP, %r for tonelint' % (path, k, v[:80], shown[k][:80]))
for k, v in shown.items():
    if k not in want:
        problems.append('%s: tonelint has %r = %r, PHP does not' % (path, k, v[:80]))


def read_as_loader(stored):
    if reader == 'joomla':
        return stored.replace('"_QQ_"', '\\"').replace('\\"', '"')
    return stored


text = open(path, encoding='utf-8', errors='replace', newline='').read()
lines = re.split(r'\r\n|\r|\n', text) if reader == 'joomla' else text.split('\n')
for s in ours:
    ln, col = s['line'], s['column']
    line = lines[ln - 1] if 0 < ln <= len(lines) else ''
    before = line[col - 2] if 2 <= col <= len(line) + 1 else ''
    rest = line[col - 1:]
    if before not in ('=', ' ', '\t', '"') or not (read_as_loader(rest).startswith(s['text']) or
                                                  rest.startswith(s['text'])):
        problems.append('%s:%d:%d: the value of %r is not there' % (path, ln, col, s['key']))

for p in problems[:30]:
    print(p)
if problems:
    sys.exit(1)
print('%s: %d keys agree with PHP (%s), %d positions checked' % (path, len(want), reader, len(ours)))
