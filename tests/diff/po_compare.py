#!/usr/bin/env python3
"""Compare gettext's messages (the keys of a .mo file built by msgfmt: context
EOT msgid NUL msgid_plural) with tonelint --dump-strings for one PO file, and
check each segment's line:column against the file. Duplicate definitions count
once, as msguniq --use-first.

Source segments (under msgid and msgid_plural) must be exactly gettext's
messages. Translation segments (under msgstr and msgstr[n]) are compared with
the translations of a second .mo file built without msgen (TRANSLATED_MO):
every non-empty msgstr is a segment, except one that repeats its msgid or
msgid_plural, which is the same copy and is linted once, at the msgid (English
catalogs from Lingui, Django or Rails exports repeat every msgid). A catalog
keyed by message ids has no source segments: its msgstrs are the copy."""
import json, re, struct, sys
from collections import Counter

path, mo_path, ours_path, translated_mo = sys.argv[1:5]

def mo_entries(p):
    """[((ctx, msgid, plural), [msgstr forms])] of a .mo file."""
    data = open(p, 'rb').read()
    magic = struct.unpack('<I', data[:4])[0]
    end = '<' if magic == 0x950412de else '>'
    _, n, orig, trans = struct.unpack(end + 'IIII', data[4:20])
    def string(table, i):
        length, off = struct.unpack(end + 'II', data[table + 8 * i: table + 8 * i + 8])
        return data[off:off + length].decode('utf-8', errors='surrogateescape')
    entries = []
    for i in range(n):
        raw = string(orig, i)
        if raw == '':
            continue  # the header entry
        ctx = None
        if '\x04' in raw:
            ctx, raw = raw.split('\x04', 1)
        msgid, _, plural = raw.partition('\x00')
        entries.append(((ctx, msgid, plural or None), string(trans, i).split('\x00')))
    return entries

lines = open(path, encoding='utf-8', errors='replace', newline='').read().splitlines()

# A catalog keyed by message ids (`msgid "PWD_REVEAL"`, `msgstr "reveal
# password"`) has its copy in msgstr: nine in ten of its one-line msgids, and
# at least three, are ids (words joined by _ . or -, capitals, camelCase).
def id_shaped(s):
    if len(s) < 2 or not s[0].isalpha() or not re.fullmatch(r'[A-Za-z0-9]+(?:[_.-][A-Za-z0-9]+)*', s):
        return False
    return bool(re.search(r'[_.-]', s) or re.search(r'[a-z][A-Z]', s) or s.upper() == s)
ids = [m.group(1) for m in (re.match(r'msgid "(.+)"\s*$', l) for l in lines) if m]
keyed = len(ids) >= 3 and 10 * sum(1 for i in ids if id_shaped(i)) >= 9 * len(ids)

want = set() if keyed else set(k for k, _ in mo_entries(mo_path))
want_tr = Counter()
for (ctx, msgid, plural), forms in mo_entries(translated_mo):
    for form in forms:
        if form and (keyed or (form != msgid and form != plural)):
            want_tr[(ctx, msgid, form)] += 1
ours = [json.loads(l) for l in open(ours_path, encoding='utf-8')]

def keyword_of(seg):
    """The keyword whose string the segment starts in (msgid, msgid_plural...)."""
    i = seg['line'] - 1
    while i >= 0 and not lines[i].lstrip().startswith('msg'):
        i -= 1
    return lines[i].split()[0] if i >= 0 else ''

got, got_tr, problems = [], Counter(), []
for s in ours:
    kw = keyword_of(s)
    if kw == 'msgid':
        got.append([s['context'], s['key'], None])
    elif kw == 'msgid_plural' and got:
        got[-1][2] = s['text']
    elif kw.startswith('msgstr'):
        got_tr[(s['context'], s['key'], s['text'])] += 1
    else:
        problems.append(f"{s['line']}: segment under unexpected keyword {kw!r}")
got_set = set(map(tuple, got))
missing, extra = want - got_set, got_set - want
for m in sorted(missing, key=repr)[:5]:
    problems.append(f'gettext has {m!r}, tonelint does not')
for x in sorted(extra, key=repr)[:5]:
    problems.append(f'tonelint has {x!r}, gettext does not')
for m in sorted(want_tr - got_tr, key=repr)[:5]:
    problems.append(f'gettext translates {m[1]!r} as {m[2]!r}, tonelint does not lint it')
for x in sorted(got_tr - want_tr, key=repr)[:5]:
    problems.append(f'tonelint lints translation {x[2]!r} of {x[1]!r}, gettext has no such translation'
                    + (' (it repeats the msgid)' if x[2] == x[1] else ''))

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
print(f'{path}: {len(want)} messages and {sum(want_tr.values())} translations agree with gettext, '
      f'{checked} positions checked')
