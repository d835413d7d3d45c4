#!/usr/bin/env python3
"""Compare gettext's messages (the keys of a .mo file built by msgfmt: context
EOT msgid NUL msgid_plural) with tonelint --dump-strings for one PO file, and
check each segment's line:column against the file. Only source-language
segments (lang "en": msgid and msgid_plural) are compared; msgstr segments are
translations. Duplicate definitions count once, as msguniq --use-first."""
import json, struct, sys
from collections import Counter

path, mo_path, ours_path = sys.argv[1:4]

def mo_keys(p):
    data = open(p, 'rb').read()
    magic = struct.unpack('<I', data[:4])[0]
    end = '<' if magic == 0x950412de else '>'
    _, n, orig = struct.unpack(end + 'III', data[4:16])
    keys = []
    for i in range(n):
        length, off = struct.unpack(end + 'II', data[orig + 8 * i: orig + 8 * i + 8])
        raw = data[off:off + length].decode('utf-8', errors='surrogateescape')
        if raw == '':
            continue  # the header entry
        ctx = None
        if '\x04' in raw:
            ctx, raw = raw.split('\x04', 1)
        msgid, _, plural = raw.partition('\x00')
        keys.append((ctx, msgid, plural or None))
    return keys

want = set(mo_keys(mo_path))
lines = open(path, encoding='utf-8', errors='replace', newline='').read().splitlines()
ours = [json.loads(l) for l in open(ours_path, encoding='utf-8')]

def keyword_of(seg):
    """The keyword whose string the segment starts in (msgid, msgid_plural...)."""
    i = seg['line'] - 1
    while i >= 0 and not lines[i].lstrip().startswith('msg'):
        i -= 1
    return lines[i].split()[0] if i >= 0 else ''

got, problems = [], []
for s in ours:
    if s['lang'] != 'en':
        continue
    kw = keyword_of(s)
    if kw == 'msgid':
        got.append([s['context'], s['key'], None])
    elif kw == 'msgid_plural' and got:
        got[-1][2] = s['text']
    else:
        problems.append(f"{s['line']}: source segment under unexpected keyword {kw!r}")
got_set = set(map(tuple, got))
missing, extra = want - got_set, got_set - want
for m in sorted(missing, key=repr)[:5]:
    problems.append(f'gettext has {m!r}, tonelint does not')
for x in sorted(extra, key=repr)[:5]:
    problems.append(f'tonelint has {x!r}, gettext does not')

ESC = {'n': '\n', 't': '\t', 'r': '\r', 'b': '\b', 'f': '\f', 'v': '\v', 'a': '\a', '\\': '\\', '"': '"'}
def decode_until_quote(s):
    out, i = [], 0
    while i < len(s) and s[i] != '"':
        if s[i] == '\\' and i + 1 < len(s):
            c = s[i + 1]
            if c in ESC:
                out.append(ESC[c]); i += 2; continue
            break  # numeric escapes: stop comparing here
        out.append(s[i]); i += 1
    return ''.join(out)

checked = 0
for s in ours:
    if not s['text']:
        continue
    rest = lines[s['line'] - 1][s['column'] - 1:]
    chunk = decode_until_quote(rest)
    if (not chunk and not rest.startswith('\\')) or not s['text'].startswith(chunk):
        problems.append(f"{s['line']}:{s['column']}: position does not point at {s['text'][:30]!r} (found {rest[:30]!r})")
        if len(problems) > 10:
            break
    checked += 1

if problems:
    print(f'{path}:')
    for p in problems:
        print('  ' + p)
    sys.exit(1)
print(f'{path}: {len(want)} messages agree with gettext, {checked} positions checked')
