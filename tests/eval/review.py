#!/usr/bin/env python3
"""A repeatable review of the default pack's findings on real copy.

    review.py sample [--n 100] [--seed 1] [--bin build/tonelint] [--corpus ../shared/corpus] OUT
        Lints every project in the corpus with the default pack, draws n
        findings at random (any severity), and writes two files:
        OUT (for the judge: id, project, kind, key, the whole string and the
        words the finding is about, with no rule, message or suggestion) and
        OUT.key (id, rule, severity, message, suggestions: kept from the judge).
    review.py score OUT JUDGED
        JUDGED is a TSV of `id <tab> true|false` written by someone who has
        seen only OUT and the labeling rules of ../shared/eval/README.md.
        Prints the share of findings judged true, overall and per rule.

Files at the corpus root (not in a project folder) are skipped: they are
the corpus's own notes."""
import argparse, bisect, collections, csv, json, os, random, subprocess, sys


def lint(binary, corpus):
    out = subprocess.run([binary, '--format', 'json', '--no-config', corpus],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    dump = subprocess.run([binary, '--dump-strings', '--format', 'json', '--no-config', corpus],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    segs = collections.defaultdict(list)
    for line in dump.decode('utf-8', 'replace').split('\n'):
        if line.strip():
            s = json.loads(line)
            segs[s['path']].append(((s['line'], s['column']), s))
    for v in segs.values():
        v.sort(key=lambda x: x[0])
    return json.loads(out), segs


def sample(a):
    report, segs = lint(a.bin, a.corpus)
    found = []
    for f in report['files']:
        rel = os.path.relpath(f['path'], a.corpus)
        if os.sep not in rel:
            continue
        starts = [p for p, _ in segs.get(f['path'], [])]
        for x in f['findings']:
            i = bisect.bisect_right(starts, (x['line'], x['column'])) - 1
            seg = segs[f['path']][i][1] if i >= 0 else None
            found.append((rel, x, seg))
    random.seed(a.seed)
    picked = random.sample(found, min(a.n, len(found)))
    with open(a.out, 'w', newline='') as o, open(a.out + '.key', 'w', newline='') as k:
        ow, kw = csv.writer(o, delimiter='\t'), csv.writer(k, delimiter='\t')
        ow.writerow(['id', 'project', 'kind', 'key', 'text', 'about'])
        kw.writerow(['id', 'rule', 'severity', 'message', 'suggestions', 'path'])
        for n, (rel, x, seg) in enumerate(picked, 1):
            text = (seg['text'] if seg else x['match']).replace('\n', '\\n')
            ow.writerow([f'f{n:03d}', rel.split(os.sep)[0], seg['kind'] if seg else '',
                         x.get('key') or '', text, x['match'].replace('\n', ' ')])
            kw.writerow([f'f{n:03d}', x['rule'], x['severity'], x['message'],
                         ' | '.join(x.get('suggestions') or []), rel])
    print(f'{len(found)} findings, {len(picked)} drawn into {a.out} (rules in {a.out}.key)')


def score(a):
    key = {r['id']: r for r in csv.DictReader(open(a.out + '.key'), delimiter='\t')}
    verdict = {}
    for row in csv.reader(open(a.judged), delimiter='\t'):
        if len(row) >= 2 and row[0] in key:
            verdict[row[0]] = row[1].strip().lower() in ('true', 't', 'yes', '1')
    per = collections.defaultdict(lambda: [0, 0])
    for i, ok in verdict.items():
        per[key[i]['rule']][0] += ok
        per[key[i]['rule']][1] += 1
    t = sum(verdict.values())
    print(f'{t} of {len(verdict)} findings judged true ({t / max(1, len(verdict)):.2f})')
    for rule, (ok, n) in sorted(per.items(), key=lambda x: -x[1][1]):
        print(f'  {rule:40s} {ok}/{n}')


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest='cmd', required=True)
    s = sub.add_parser('sample')
    s.add_argument('--n', type=int, default=100)
    s.add_argument('--seed', type=int, default=1)
    s.add_argument('--bin', default='build/tonelint')
    s.add_argument('--corpus', default='../shared/corpus')
    s.add_argument('out')
    c = sub.add_parser('score')
    c.add_argument('out')
    c.add_argument('judged')
    a = p.parse_args()
    sample(a) if a.cmd == 'sample' else score(a)


if __name__ == '__main__':
    sys.exit(main())
