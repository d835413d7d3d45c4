#!/usr/bin/env python3
"""Measure how noisy the default rule pack is on real copy.

usage: noise.py TONELINT CORPUS_DIR [--rules N] [--json] [-- extra tonelint args]

Lints every file under CORPUS_DIR once with `--format json` and lists every
extracted string once with `--dump-strings`. A project is the first folder
under CORPUS_DIR. Strings are the non-empty segments in English (`lang` is
`en` or `en-…`). The headline figure is warnings + errors per 1,000 such
strings, since those are the findings that fail a pre-commit run; "flagged"
is the number of strings with at least one of them (a string can carry
several findings). Suggestions are counted separately: they are hints and do
not fail a run.

Prints one row per project (strings, warnings+errors, per 1,000, flagged
strings per 1,000, suggestions per 1,000, the three rules with most
warnings+errors), the overall figures, and the N rules with most
warnings+errors over the whole corpus (default 10). `--json` prints the same
figures as one JSON document instead.
"""
import bisect
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict


def run(binary, args):
    res = subprocess.run([binary, *args], capture_output=True, text=True, timeout=600)
    if res.returncode not in (0, 1, 2):
        sys.exit(f'{binary} exited {res.returncode}: {res.stderr.strip()[:300]}')
    return res.stdout


def project_of(path, root):
    """The first folder under root, or None for a file directly in root (a
    README or a manifest of the corpus, not a project's copy)."""
    rel = os.path.relpath(os.path.abspath(path), root)
    parts = rel.split(os.sep, 1)
    return parts[0] if len(parts) == 2 else None


def per_k(n, d):
    return 1000.0 * n / d if d else 0.0


def main():
    args = sys.argv[1:]
    extra = []
    if '--' in args:
        i = args.index('--')
        extra, args = args[i + 1:], args[:i]
    as_json = '--json' in args
    args = [a for a in args if a != '--json']
    top_n = 10
    if '--rules' in args:
        i = args.index('--rules')
        top_n = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    binary, corpus = args[0], os.path.abspath(args[1])

    # Every segment's start, per file, so a finding can be traced to its string.
    # Split on '\n' only: a string may hold U+2028, which splitlines() breaks on.
    strings = Counter()
    starts = defaultdict(list)  # path -> sorted [(line, column)]
    for line in run(binary, ['--dump-strings', *extra, corpus]).split('\n'):
        if not line.strip():
            continue
        seg = json.loads(line)
        path = os.path.abspath(seg['path'])
        starts[path].append((seg['line'], seg['column']))
        lang = seg.get('lang') or ''
        proj = project_of(path, corpus)
        if proj and (lang == 'en' or lang.startswith('en-')) and seg.get('text', '').strip():
            strings[proj] += 1
    for v in starts.values():
        v.sort()

    doc = json.loads(run(binary, ['--format', 'json', *extra, corpus]))
    loud = Counter()               # warnings + errors per project
    hints = Counter()              # suggestions per project
    flagged = defaultdict(set)     # project -> strings with a warning or error
    by_rule = defaultdict(Counter)  # project -> rule -> warnings + errors
    rules_all = Counter()
    errors = []
    for f in doc.get('files', []):
        path = os.path.abspath(f['path'])
        proj = project_of(path, corpus)
        if proj is None:
            continue
        if f.get('error'):
            errors.append(f['path'])
        segs = starts.get(path, [])
        for fnd in f.get('findings', []):
            if fnd['severity'] in ('warning', 'error'):
                loud[proj] += 1
                by_rule[proj][fnd['rule']] += 1
                rules_all[fnd['rule']] += 1
                k = bisect.bisect_right(segs, (fnd['line'], fnd['column'])) - 1
                flagged[proj].add((path, k))
            else:
                hints[proj] += 1

    projects = sorted(set(strings) | set(loud), key=lambda p: (-per_k(loud[p], strings[p]), p))
    total_s, total_l, total_h = sum(strings.values()), sum(loud.values()), sum(hints.values())
    total_f = sum(len(v) for v in flagged.values())
    if as_json:
        print(json.dumps({
            'projects': [{'project': p, 'strings': strings[p], 'warnings': loud[p],
                          'per_1000': round(per_k(loud[p], strings[p]), 2),
                          'flagged_strings': len(flagged[p]),
                          'flagged_per_1000': round(per_k(len(flagged[p]), strings[p]), 2),
                          'suggestions': hints[p],
                          'top_rules': by_rule[p].most_common(3)} for p in projects],
            'overall': {'strings': total_s, 'warnings': total_l,
                        'per_1000': round(per_k(total_l, total_s), 2),
                        'flagged_strings': total_f,
                        'flagged_per_1000': round(per_k(total_f, total_s), 2),
                        'suggestions': total_h},
            'rules': rules_all.most_common(top_n),
            'unparsed_files': errors,
        }, indent=2))
        return
    print(f'{"project":26s} {"strings":>7s} {"warn+err":>8s} {"per 1k":>6s} {"flagged/1k":>10s} '
          f'{"sugg/1k":>7s}  top rules (warnings+errors)')
    for p in projects:
        top = ', '.join(f'{r} {n}' for r, n in by_rule[p].most_common(3))
        print(f'{p:26s} {strings[p]:7d} {loud[p]:8d} {per_k(loud[p], strings[p]):6.1f} '
              f'{per_k(len(flagged[p]), strings[p]):10.1f} {per_k(hints[p], strings[p]):7.1f}  {top}')
    print(f'{"overall":26s} {total_s:7d} {total_l:8d} {per_k(total_l, total_s):6.1f} '
          f'{per_k(total_f, total_s):10.1f} {per_k(total_h, total_s):7.1f}')
    print(f'\nrules with most warnings+errors (of {total_l}):')
    for r, n in rules_all.most_common(top_n):
        print(f'  {r:36s} {n:5d}  {per_k(n, total_s):5.2f}/1k')
    if errors:
        print(f'\nfiles that did not parse ({len(errors)}): ' + ', '.join(errors[:10]))


if __name__ == '__main__':
    main()
