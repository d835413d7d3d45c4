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
    review.py rewrites [--tier pedantic] [--n 0] [--seed 1] [--bin …] [--corpus …] OUT
        Lints the corpus with the given tier and writes every distinct
        rewrite (or n of them drawn at random): OUT (id, project, the stretch of the file around the
        finding before and after its first suggestion is applied) and
        OUT.key (id, rule). The judge marks each row `ok`, `meaning`
        (the rewrite changes what the string says), `grammar` or `broken`
        (placeholders, markup or file syntax damaged).
    review.py score-rewrites OUT JUDGED
        Prints the verdicts, overall and per rule.

Files at the corpus root (not in a project folder) are skipped: they are
the corpus's own notes."""
import argparse, bisect, collections, csv, json, os, random, subprocess, sys


def lint(binary, corpus, tier='default'):
    out = subprocess.run([binary, '--format', 'json', '--no-config', '--tier', tier, corpus],
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


class PlainTsv:
    """Rows for a judge who reads plain lines split at tabs: no quoting, and
    no field holds a tab or a line break (a .strings key can hold both)."""

    def __init__(self, out):
        self.out = out

    def writerow(self, row):
        cells = (str(v).replace('\t', ' ').replace('\r', '\\r').replace('\n', '\\n') for v in row)
        self.out.write('\t'.join(cells) + '\n')


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
        ow, kw = PlainTsv(o), csv.writer(k, delimiter='\t')
        ow.writerow(['id', 'project', 'kind', 'key', 'text', 'about'])
        kw.writerow(['id', 'rule', 'severity', 'message', 'suggestions', 'path'])
        for n, (rel, x, seg) in enumerate(picked, 1):
            text = seg['text'] if seg else x['match']
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


def rewrites(a):
    report, _ = lint(a.bin, a.corpus, a.tier)
    seen, rows = set(), []
    for f in report['files']:
        rel = os.path.relpath(f['path'], a.corpus)
        if os.sep not in rel:
            continue
        data = None
        for x in f['findings']:
            if not x.get('suggestions'):
                continue
            if data is None:
                data = open(f['path'], 'rb').read()
            o, n = x['offset'], x['length']
            lo = max(data.rfind(b'\n', 0, o) + 1, o - 150)
            hi = data.find(b'\n', o + n)
            hi = len(data) if hi < 0 else min(hi, o + n + 150)
            new = x['suggestions'][0].encode()
            before = data[lo:hi].decode('utf-8', 'replace').strip()
            after = (data[lo:o] + new + data[o + n:hi]).decode('utf-8', 'replace').strip()
            if (before, after) not in seen:
                seen.add((before, after))
                rows.append((rel.split(os.sep)[0], x['rule'], before, after))
    if a.n and a.n < len(rows):
        random.seed(a.seed)
        rows = random.sample(rows, a.n)
    with open(a.out, 'w', newline='') as o, open(a.out + '.key', 'w', newline='') as k:
        ow, kw = csv.writer(o, delimiter='\t'), csv.writer(k, delimiter='\t')
        ow.writerow(['id', 'project', 'before', 'after'])
        kw.writerow(['id', 'rule'])
        for n, (proj, rule, before, after) in enumerate(rows, 1):
            ow.writerow([f's{n:03d}', proj, before.replace('\t', ' '), after.replace('\t', ' ')])
            kw.writerow([f's{n:03d}', rule])
    print(f'{len(seen)} distinct rewrites, {len(rows)} written to {a.out} (rules in {a.out}.key)')


def score_rewrites(a):
    key = {r['id']: r['rule'] for r in csv.DictReader(open(a.out + '.key'), delimiter='\t')}
    per = collections.defaultdict(collections.Counter)
    for row in csv.reader(open(a.judged), delimiter='\t'):
        if len(row) >= 2 and row[0] in key:
            per[key[row[0]]][row[1].strip().lower()] += 1
    total = sum(per.values(), collections.Counter())
    n = sum(total.values())
    print(f'{total["ok"]} of {n} rewrites judged ok; ' +
          ', '.join(f'{v} {k}' for k, v in total.most_common() if k != 'ok'))
    for rule, c in sorted(per.items(), key=lambda x: -sum(x[1].values())):
        print(f'  {rule:40s} ' + ' '.join(f'{k} {v}' for k, v in c.most_common()))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest='cmd', required=True)
    # The two draws take the same options, the two scorings the same files.
    for cmd, n in (('sample', 100), ('rewrites', 0)):
        d = sub.add_parser(cmd)
        if cmd == 'rewrites':
            d.add_argument('--tier', default='pedantic')
        d.add_argument('--n', type=int, default=n)
        d.add_argument('--seed', type=int, default=1)
        d.add_argument('--bin', default='build/tonelint')
        d.add_argument('--corpus', default='../shared/corpus')
        d.add_argument('out')
    for cmd in ('score', 'score-rewrites'):
        c = sub.add_parser(cmd)
        c.add_argument('out')
        c.add_argument('judged')
    a = p.parse_args()
    {'sample': sample, 'score': score, 'rewrites': rewrites, 'score-rewrites': score_rewrites}[a.cmd](a)


if __name__ == '__main__':
    sys.exit(main())
