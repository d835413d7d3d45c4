#!/usr/bin/env python3
"""Compare Dolibarr's reading of a .lang file (the table PHP built with
Dolibarr's loop, as JSON) with tonelint --dump-strings, and check each
segment's line:column against the file.

Usage: lang_compare.py FILE PHP_JSON OURS_JSONL

Dolibarr keeps the first definition of a key (a later one replaces it only
while it is empty or "0"); tonelint reports every definition, so the same
rule picks the one compared. The settings tonelint does not lint (CHARSET,
DIRECTION, FONTFORPDF, FONTSIZEFORPDF, SeparatorDecimal, SeparatorThousand,
FormatDate..., FormatHour...) must be exactly the keys PHP has and tonelint
does not. A byte that is not UTF-8 is U+FFFD on both sides.

Positions: from a segment's line:column (columns in characters) the stored
value runs to the CR or LF ending its line; decoded as Dolibarr decodes it,
it is the segment's text."""
import json
import sys

path, php_path, ours_path = sys.argv[1:4]
problems = []
SETTINGS = {'CHARSET', 'DIRECTION', 'FONTFORPDF', 'FONTSIZEFORPDF', 'SeparatorDecimal',
            'SeparatorThousand'}


def is_setting(key):
    return key in SETTINGS or key.startswith('FormatDate') or key.startswith('FormatHour')


def decode(value):
    return value.replace('\\n', '\n').replace('\\\\s', '\\s')


php = json.load(open(php_path, encoding='utf-8'))
ours = [json.loads(l) for l in open(ours_path, encoding='utf-8')]

shown = {}
for s in ours:
    if s['key'] not in shown or shown[s['key']] in ('', '0'):
        shown[s['key']] = s['text']

for k, v in php.items():
    if is_setting(k):
        if k in shown:
            problems.append('%s: the setting %r is linted' % (path, k))
        continue
    if k not in shown:
        problems.append('%s: Dolibarr has %r = %r, tonelint does not' % (path, k, v[:80]))
    elif shown[k] != v:
        problems.append('%s: %r is %r for Dolibarr, %r for tonelint' % (path, k, v[:80],
                                                                        shown[k][:80]))
for k, v in shown.items():
    if k not in php:
        problems.append('%s: tonelint has %r = %r, Dolibarr does not' % (path, k, v[:80]))

text = open(path, encoding='utf-8', errors='replace', newline='').read()
lines = text.split('\n')
for s in ours:
    ln, col = s['line'], s['column']
    line = lines[ln - 1] if 0 < ln <= len(lines) else ''
    value = line[col - 1:].split('\r')[0]
    if col < 2 or decode(value) != s['text'] or line[col - 2] not in ' =':
        problems.append('%s:%d:%d: the value of %r is not there' % (path, ln, col, s['key']))

for p in problems[:30]:
    print(p)
if problems:
    sys.exit(1)
print('%s: %d keys agree with Dolibarr, %d positions checked' % (path, len(php), len(ours)))
