#!/usr/bin/env python3
"""How the labeled sets judge the strings one rule alone flags.

    python3 tests/eval/rule_labels.py build/tonelint RULE SET.tsv...

Each set is linted as score.py lints it (a PO file, msgctxt = id). A string
counts when RULE is the only rule giving it a warning or an error: the line
for its set says how many of those strings are labeled with a problem and
how many `ok`, so a rule whose strings one set calls problems and another
calls fine shows where the labels themselves disagree.
"""
import json
import os
import subprocess
import sys
import tempfile


def po_escape(s):
    return s.replace('\\', '\\\\').replace('"', '\\"').replace('\\\\n', '\\n')


def lint(binary, rows):
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '']
    for r in rows:
        lines += [f'#. kind: {r[2]}', f'msgctxt "{r[0]}"', f'msgid "{po_escape(r[3])}"',
                  'msgstr ""', '']
    with tempfile.NamedTemporaryFile('w', suffix='.po', delete=False, encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
        po = f.name
    try:
        out = subprocess.run([binary, '--format', 'json', po], capture_output=True, text=True,
                             timeout=300).stdout
    finally:
        os.unlink(po)
    rules = {}
    for fl in json.loads(out)['files']:
        for g in fl['findings']:
            if g['severity'] in ('warning', 'error'):
                rules.setdefault(g.get('context'), set()).add(g['rule'])
    return rules


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    binary, rule, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    for path in paths:
        rows = [l.rstrip('\n').split('\t') for l in open(path, encoding='utf-8')][1:]
        rows = [r for r in rows if len(r) >= 5]
        rules = lint(binary, rows)
        problem = fine = 0
        for r in rows:
            if rules.get(r[0]) == {rule}:
                if r[4].strip() == 'ok':
                    fine += 1
                else:
                    problem += 1
        print(f'{os.path.basename(path)}: {problem} labeled a problem, {fine} ok')


if __name__ == '__main__':
    main()
