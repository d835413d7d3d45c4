#!/usr/bin/env python3
"""Compare PHP's own reading of a translation file (the output of
`php -r 'var_export(include $f);'`) with tonelint --dump-strings, and check
each segment's line:column against the file.

Usage: php_compare.py FILE VAR_EXPORT_OUTPUT OURS_JSONL

var_export prints the array PHP built: keys after PHP's rules (the next
integer index for a bare value, '5' read as the integer 5, a duplicate key
keeping its first place and its last value), strings single-quoted with
\\\\ and \\' escapes, a NUL as `' . "\\0" . '`. Every string leaf becomes
(key path, text), the path written as tonelint writes keys: names joined
with ".", integer keys as `[n]`. tonelint reports every definition of a
duplicate key; the last one is compared. A NUL or a byte that is not UTF-8
is U+FFFD in tonelint's text, and so here.

Positions: a segment's line:column (columns in characters) is just after
the opening quote of its first literal, and that literal, decoded, starts
the segment's text."""
import json
import re
import sys

path, export_path, ours_path = sys.argv[1:4]
problems = []


def parse_export(src):
    i = 0
    n = len(src)

    def ws():
        nonlocal i
        while i < n and src[i] in ' \t\r\n':
            i += 1

    def string():
        nonlocal i
        out = []
        while True:
            ws()
            if src[i] == "'":
                i += 1
                while src[i] != "'":
                    if src[i] == '\\' and src[i + 1] in "\\'":
                        out.append(src[i + 1])
                        i += 2
                    else:
                        out.append(src[i])
                        i += 1
                i += 1
            elif src.startswith('"\\0"', i):
                out.append('\ufffd')
                i += 4
            else:
                raise ValueError('unexpected %r at %d' % (src[i:i + 20], i))
            ws()
            if i < n and src[i] == '.':
                i += 1
                continue
            return ''.join(out)

    def scalar_or_array():
        nonlocal i
        ws()
        if src.startswith('array (', i):
            i += len('array (')
            items = []
            while True:
                ws()
                if src[i] == ')':
                    i += 1
                    return items
                if src[i] == "'":
                    k = string()
                else:
                    m = re.compile(r'-?\d+').match(src, i)
                    k = int(m.group())
                    i = m.end()
                ws()
                assert src.startswith('=>', i), src[i:i + 20]
                i += 2
                v = scalar_or_array()
                items.append((k, v))
                ws()
                assert src[i] == ',', src[i:i + 20]
                i += 1
        if src[i] == "'" or src[i] == '"':
            return string()
        m = re.compile(r'[^,\s)]+').match(src, i)
        i = m.end()
        return None  # numbers, true, false, NULL: not copy

    value = scalar_or_array()
    return value


def leaves(value, prefix, out):
    for k, v in value:
        p = prefix + ('[%d]' % k if isinstance(k, int) else ('.' if prefix else '') + k)
        if isinstance(v, list):
            leaves(v, p, out)
        elif isinstance(v, str):
            out.append((p, v))


raw = open(export_path, 'rb').read().decode('utf-8', errors='replace')
want = []
leaves(parse_export(raw), '', want)
ours = [json.loads(l) for l in open(ours_path, encoding='utf-8')]
last = {}
for s in ours:
    last[s['key']] = s['text']
got = set(last.items())
want_set = set(want)
for k, v in sorted(want_set - got)[:10]:
    problems.append('%s: PHP has %r = %r, tonelint does not' % (path, k, v[:80]))
for k, v in sorted(got - want_set)[:10]:
    problems.append('%s: tonelint has %r = %r, PHP does not' % (path, k, v[:80]))

text = open(path, encoding='utf-8', errors='replace', newline='').read()
lines = text.split('\n')
starts = [0]
for l in lines:
    starts.append(starts[-1] + len(l) + 1)
SQ = {'\\': '\\', "'": "'"}
DQ = {'n': '\n', 't': '\t', 'r': '\r', 'v': '\v', 'e': '\x1b', 'f': '\f', '\\': '\\', '$': '$',
      '"': '"'}
checked = 0
for s in ours:
    if not s['text']:
        continue
    ln, col = s['line'], s['column']
    line = lines[ln - 1] if 0 < ln <= len(lines) else ''
    q = line[col - 2] if 1 < col <= len(line) + 1 else ''
    ok = q in ("'", '"')
    offset = starts[ln - 1] + col - 1
    if not ok and re.search(r"<<<[ \t]*(['\"]?)[A-Za-z_]\w*\1\r?\n[ \t]*$", text[:offset]):
        # A heredoc or nowdoc's text starts here: its first line as stored,
        # up to any escape, begins the decoded text.
        end = text.find('\n', offset)
        stored = text[offset:end if end >= 0 else len(text)].rstrip('\r').split('\\')[0]
        ok = s['text'].startswith(stored)
    elif ok:
        rest = text[starts[ln - 1] + col - 1:starts[ln - 1] + col - 1 + 4 * len(s['text']) + 64]
        out, i = [], 0
        while i < len(rest) and rest[i] != q:
            if rest[i] == '\\' and i + 1 < len(rest):
                table = SQ if q == "'" else DQ
                if rest[i + 1] in table:
                    out.append(table[rest[i + 1]])
                    i += 2
                    continue
                if q == '"' and rest[i + 1] in '01234567xu':
                    break  # numeric escapes: compare up to here
            out.append(rest[i])
            i += 1
        ok = s['text'].startswith(''.join(out))
    if not ok:
        problems.append('%s:%d:%d: no literal starting %r there' % (path, ln, col, s['text'][:30]))
    checked += 1

for p in problems[:30]:
    print(p)
if problems:
    sys.exit(1)
print('%s: %d strings agree with PHP, %d positions checked' % (path, len(want_set), checked))
