#!/usr/bin/env python3
"""Compare tonelint --dump-strings with a reference extraction for one JSON,
ARB, .xcstrings or YAML file, and check every segment's line:column.

Usage: tree_compare.py MODE FILE ORACLE_TSV OURS_JSONL [EXTRA...]
  MODE json       ORACLE from jq: one JSON array [path, value] per line, the
                  path typed (member names as strings, indices as numbers)
  MODE arb        ORACLE_TSV from oracles/arb.sh           (key TAB value)
  MODE xcstrings  ORACLE_TSV from oracles/xcstrings.sh     (key TAB path TAB value),
                  EXTRA = the language the oracle ran for
  MODE yaml       ORACLE_TSV from oracles/yaml-leaves.sh   (key TAB value)

Normalizations (everything the two sides legitimately disagree on):
- jq's @tsv escapes \\t \\n \\r \\\\ in values; they are unescaped here.
- Key paths, JSON: jq's typed path is rendered as tonelint writes keys
  (member names joined with ".", indices as `[3]`, a top-level value as
  null) and compared as strings, never split: a member name that holds dots
  or brackets stays one component.
- Key paths, ARB and YAML: the oracles join path components with "." and
  write indices as numbers (`list.3`); tonelint writes `list[3]`, rewritten
  here to `list.3`. A top-level value has key null in tonelint and "" in
  the oracle.
- Duplicate keys: jq (and yq) keep only the last definition of a key in an
  object; tonelint reports every definition. The last of ours is compared.
- JSON: MediaWiki's top-level `@metadata` is not copy (tonelint skips it).
  Message descriptors (Chrome messages.json `message`, react-intl
  `defaultMessage`): tonelint keeps only the message, keyed by the
  descriptor; the oracle's leaves are folded the same way. A Polyglot.js
  message in a file without descriptors ("one |||| many") is one segment
  per plural form under its key, each checked inside its string.
- .xcstrings: the oracle's (key, path) is tonelint's key `key` for the unit
  at the top of a localization (path "stringUnit") and `key.<path without
  .stringUnit>` below it. Only segments in the oracle's language are
  compared. For a language other than the source language, the oracle's
  key-as-text fallback applies to keys without that localization, which
  tonelint does not emit (only the source language falls back to the key).
- YAML: the reference is yq (Debian's yq reads YAML 1.2 and expands aliases
  and `<<` merges); tonelint follows YAML 1.1 as Ruby's Psych does and lints
  an anchored value once, where it is written. So the expected list is built
  with PyYAML's composer (a YAML 1.1 resolver, independent of libyaml):
  every scalar it resolves to a string, in document order, skipping nodes
  reached again through an alias, merges walked in place. tonelint must list
  exactly that; every expected entry must be in yq's output; and every yq
  entry must be expected, or lie under an alias or merge expansion, or be a
  plain scalar that YAML 1.1 reads as a boolean, null, number or date.

Positions: each segment's line:column (columns in characters; CR LF, CR
and LF end lines; a UTF-8 BOM is not counted) must point into the file at
the stored text: for JSON the string that starts there (after its opening
quote) decodes to the segment's text; for YAML the character there is the
text's first character (or an escape, a doubled quote, or a line break for
text that starts with a fold), inside the span PyYAML gives that node.
"""
import json
import re
import sys
from collections import Counter

mode, path, oracle_path, ours_path = sys.argv[1:5]
extra = sys.argv[5:]
problems = []


def problem(msg):
    problems.append(msg)


def tsv_unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            out.append({'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}.get(s[i + 1], '\\' + s[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def read_oracle(ncols):
    rows = []
    with open(oracle_path, encoding='utf-8', errors='surrogateescape', newline='\n') as f:
        for line in f:
            line = line.rstrip('\n')
            parts = line.split('\t')
            if len(parts) != ncols:
                problem('unparsable oracle line: %r' % line)
                continue
            rows.append(tuple(tsv_unescape(p) for p in parts))
    return rows


def norm_key(key):
    if key is None:
        return ''
    return re.sub(r'\[(\d+)\]', r'.\1', key).lstrip('.')


ours = [json.loads(l) for l in open(ours_path, encoding='utf-8')]
text = open(path, encoding='utf-8-sig', errors='surrogateescape', newline='').read()
line_starts = [0]
for m in re.finditer(r'\r\n|\r|\n', text):
    line_starts.append(m.end())


def offset_of(seg):
    ln, col = seg['line'], seg['column']
    if ln < 1 or ln > len(line_starts):
        return None
    return line_starts[ln - 1] + col - 1


def last_per_key(pairs):
    """(key, text) pairs with only the last definition of each key."""
    last = {}
    for k, t in pairs:
        last[k] = t
    return Counter(last.items())


def compare(want, got, what):
    if want == got:
        return
    missing = want - got
    extra_ = got - want
    for (k, t), n in list(missing.items())[:10]:
        problem('%s: missing %r = %r' % (what, k, t[:80]))
    for (k, t), n in list(extra_.items())[:10]:
        problem('%s: unexpected %r = %r' % (what, k, t[:80]))
    problem('%s: %d missing, %d unexpected' % (what, sum(missing.values()), sum(extra_.values())))


def polyglot_forms(value):
    """A Polyglot.js message's plural forms, as jsoncat.c splits it."""
    return [f.strip(' \t\n') for f in value.split('||||') if f.strip(' \t\n')]


def string_start(off):
    """The opening quote of the JSON string holding offset off: the nearest
    quote before it that no backslash escapes."""
    i = off - 1
    while i >= 0:
        if text[i] == '"':
            k = i
            while k > 0 and text[k - 1] == '\\':
                k -= 1
            if (i - k) % 2 == 0:
                return i
        i -= 1
    return None


def check_json_positions(segs, split=False):
    dec = json.JSONDecoder()
    for seg in segs:
        off = offset_of(seg)
        ok = off is not None and 0 < off <= len(text)
        start = (off - 1 if text[off - 1] == '"' else string_start(off) if split else None) if ok else None
        ok = start is not None
        if ok:
            try:
                value, _ = dec.raw_decode(text, start)
                ok = (value == seg['text'] or '\ufffd' in seg['text'] or
                      (split and seg['text'] in polyglot_forms(value)))
            except ValueError:
                ok = False
        if not ok:
            problem('%s:%d:%d: no string %r starts there' % (path, seg['line'], seg['column'],
                                                             seg['text'][:40]))


def render_path(p):
    """A typed jq path as tonelint's key: `a.b[3].c`; None at the top."""
    if not p:
        return None
    out = ''
    for c in p:
        if isinstance(c, int):
            out += '[%d]' % c
        else:
            out += ('.' if out else '') + c
    return out


def read_typed_oracle():
    rows = []
    with open(oracle_path, encoding='utf-8', errors='surrogateescape') as f:
        for line in f:
            p, v = json.loads(line)
            rows.append((tuple(p), v))
    return rows


def run_json():
    want = [(p, v) for p, v in read_typed_oracle() if not p or p[0] != '@metadata']
    base = path.rsplit('/', 1)[-1]
    member = 'message' if base == 'messages.json' else (
        'defaultMessage' if '"defaultMessage"' in text else None)
    if member:
        parents = {p[:-1] for p, _ in want if len(p) > 1 and p[-1] == member}
        folded = []
        for p, v in want:
            if p[:-1] in parents:
                if p[-1] == member:
                    folded.append((p[:-1], v))
            elif not any(p[:len(q)] == q for q in parents):
                folded.append((p, v))
        want = folded
    # Polyglot.js plural forms ("one |||| many", no descriptors): a segment
    # per form; the last definition of a key is its last forms.
    split = member is None
    last = {}
    for p, v in want:
        last[render_path(p)] = v
    forms = {k: polyglot_forms(v) if split and '||||' in v else [v] for k, v in last.items()}
    by_key = {}
    for seg in ours:
        by_key.setdefault(seg['key'], []).append(seg['text'])
    got = Counter()
    for k, texts in by_key.items():
        for t in texts[-len(forms.get(k, [None])):]:
            got[(k, t)] += 1
    compare(Counter((k, f) for k, fs in forms.items() for f in fs), got, path)
    check_json_positions(ours, split)


def run_arb():
    compare(last_per_key(read_oracle(2)),
            last_per_key((norm_key(s['key']), s['text']) for s in ours), path)
    check_json_positions(ours)


def run_xcstrings():
    lang = extra[0]
    catalog = json.loads(text)
    source = catalog.get('sourceLanguage')
    strings = catalog.get('strings', {})
    want = []
    for key, unit_path, value in read_oracle(3):
        if lang != source and lang not in strings.get(key, {}).get('localizations', {}):
            continue  # the oracle's fallback to the key, for the source language only
        if unit_path == 'stringUnit':
            want.append((key, value))
        else:
            want.append((key + '.' + unit_path[:-len('.stringUnit')], value))
    got = [(s['key'], s['text']) for s in ours if s['lang'] == lang]
    compare(Counter(want), Counter(got), '%s [%s]' % (path, lang))
    if lang == source:
        check_json_positions(ours)


def run_yaml():
    import yaml
    loader = yaml.SafeLoader(open(path, encoding='utf-8-sig').read())
    root = loader.get_single_node()
    STR = 'tag:yaml.org,2002:str'
    expected = []       # (key, value, node) in document order
    under_alias = set()  # yq keys produced by alias or merge expansion
    special = set()      # yq keys of plain scalars that YAML 1.1 reads as non-strings
    not_copy = []        # key prefixes of descriptor members that are not copy
    seen = set()

    # Message descriptors, as yaml.c reads them: the text member beside its
    # note (and bookkeeping), or Zendesk's key/title/value (none once obsolete).
    PAIRS = [('message', 'description'), ('defaultMessage', 'description'),
             ('value', 'comment'), ('string', 'developer_comment'), ('string', 'context')]
    BOOKKEEPING = {'placeholders', 'touched', 'character_limit'}
    ZENDESK = {'key', 'title', 'value', 'screenshot', 'obsolete'}

    def descriptor(node):
        members = {name_of(k): v for k, v in node.value}
        def text(name):
            v = members.get(name)
            return isinstance(v, (yaml.ScalarNode, yaml.SequenceNode))
        if text('key') and text('title') and text('value') and set(members) <= ZENDESK:
            return '' if 'obsolete' in members else 'value'
        for t, n in PAIRS:
            if text(t) and text(n) and set(members) <= {t, n} | BOOKKEEPING:
                return t
        return None

    def name_of(k):
        return k.value if isinstance(k, yaml.ScalarNode) else '?'

    def join(base, part):
        return part if base == '' else base + '.' + part

    def expansion(node, key):
        """Keys yq writes for an alias (or merged mapping) at key."""
        if isinstance(node, yaml.ScalarNode):
            under_alias.add(key)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                expansion(item, join(key, str(i)))
        else:
            for k, v in node.value:
                if k.tag == 'tag:yaml.org,2002:merge':
                    for m in (v.value if isinstance(v, yaml.SequenceNode) else [v]):
                        expansion(m, key)
                else:
                    expansion(v, join(key, name_of(k)))

    def walk(node, key, depth=0):
        if id(node) in seen:
            expansion(node, key)
            return
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag == STR:
                expected.append((key, node.value, node))
            elif node.style is None:
                special.add(key)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, join(key, str(i)), depth + 1)
        else:
            only = descriptor(node) if depth > 0 else None
            for k, v in node.value:
                if only is not None and name_of(k) != only:
                    not_copy.append(join(key, name_of(k)))
                    continue
                if k.tag == 'tag:yaml.org,2002:merge':
                    for m in (v.value if isinstance(v, yaml.SequenceNode) else [v]):
                        if id(m) in seen:
                            expansion(m, key)
                        else:
                            walk_merged(m, key, depth)
                    continue
                walk(v, join(key, name_of(k)), depth + 1)

    def walk_merged(m, key, depth):
        seen.add(id(m))
        for k, v in m.value:
            walk(v, join(key, name_of(k)), depth + 1)

    if root is not None:
        walk(root, '')
    got = [(norm_key(s['key']), s['text']) for s in ours]
    compare(Counter((k, v) for k, v, _ in expected), Counter(got), path + ' (PyYAML, YAML 1.1)')
    oracle = last_per_key(read_oracle(2))
    exp_last = last_per_key((k, v) for k, v, _ in expected)
    for (k, v) in exp_last:
        if (k, v) not in oracle:
            problem('%s: yq does not list %r = %r' % (path, k, v[:80]))
    for (k, v) in oracle:
        if (k, v) in exp_last or k in under_alias or k in special:
            continue
        if any(k == p or k.startswith(p + '.') for p in not_copy):
            continue
        problem('%s: yq lists %r = %r, unexplained' % (path, k, v[:80]))
    # Positions: inside the node PyYAML read, at the text's first character.
    nodes = {}
    for k, v, node in expected:
        nodes.setdefault((k, v), []).append(node)
    for seg in ours:
        off = offset_of(seg)
        cands = nodes.get((norm_key(seg['key']), seg['text']), [])
        where = '%s:%d:%d' % (path, seg['line'], seg['column'])
        if off is None or not cands:
            problem('%s: no node for %r' % (where, seg['key']))
            continue
        node = cands.pop(0)
        if not (node.start_mark.index <= off <= node.end_mark.index):
            problem('%s: outside its value (%d..%d)' % (where, node.start_mark.index,
                                                        node.end_mark.index))
            continue
        t = seg['text']
        if not t:
            continue
        c = text[off] if off < len(text) else ''
        if c == t[0] or (node.style == '"' and c == '\\') or (node.style == "'" and c == "'") \
                or (t[0] in ' \n' and c in '\r\n '):
            continue
        problem('%s: %r there, text starts %r' % (where, c, t[:20]))


{'json': run_json, 'arb': run_arb, 'xcstrings': run_xcstrings, 'yaml': run_yaml}[mode]()
for p in problems[:40]:
    print(p)
if len(problems) > 40:
    print('... %d more' % (len(problems) - 40))
sys.exit(1 if problems else 0)
