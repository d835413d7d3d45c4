#!/usr/bin/env python3
"""Draw a labeling set of real copy from products' catalogs.

    draw.py [--bin build/tonelint] [--seed 1] [--per 50] FILES PREFIX OUT.tsv
    draw.py [--bin build/tonelint] --count FILES

FILES holds one folder per product (`<owner>-<repo>/<path in the
repository>`). For each product, the English strings that
`tonelint --dump-strings` reads are taken once each, without text plainly
in another language (another script, or two different accented letters),
and PER of them are drawn: half from keys or paths about errors, accounts,
payments and notifications, the rest at random. OUT gets the columns
`id, source, kind, text` (ids PREFIX001 …) for the labelers, who add
`labels`. `--count` prints how many strings each product offers."""
import argparse, json, os, random, re, subprocess, sys

PROBLEM = re.compile(r'error|fail|invalid|denied|forbid|permission|unauthori|account|login|log_in|'
                     r'signin|sign_in|signup|register|password|auth|verif|pay|billing|invoice|subscri|'
                     r'refund|order|checkout|cart|notif|mail|warn|alert|toast|flash|confirm|success|'
                     r'delete|remov|cancel|expire|limit|block|ban|suspend', re.I)
# Text left in another language in an English file.
FOREIGN = re.compile('[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0e00-\u0e7f\u3040-\u9fff'
                     '\uac00-\ud7af\u0150\u0151\u0170\u0171]')
ACCENTED = re.compile('[áéíóöúüÁÉÍÓÖÚÜàèìòùâêîôûãõçñ]')


def english_strings(binary, folder):
    out = subprocess.run([binary, '--dump-strings', '--format', 'json', '--no-config', folder],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    seen, strings = set(), []
    for line in out.decode('utf-8', 'replace').split('\n'):
        if not line.strip():
            continue
        s = json.loads(line)
        t = s['text']
        if not (s.get('lang') or '').lower().startswith('en') or 'code' in s:
            continue
        if not re.search(r'[A-Za-z]{2}', t) or t in seen or '\t' in t:
            continue
        if FOREIGN.search(t) or len(set(ACCENTED.findall(t))) >= 2:
            continue
        seen.add(t)
        strings.append(s)
    return strings


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default='build/tonelint')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--per', type=int, default=50)
    ap.add_argument('--count', action='store_true')
    ap.add_argument('files')
    ap.add_argument('prefix', nargs='?')
    ap.add_argument('out', nargs='?')
    a = ap.parse_args()
    if not a.count and not a.out:
        ap.error('PREFIX and OUT.tsv are needed unless --count is given')
    rows = []
    for product in sorted(os.listdir(a.files)):
        folder = os.path.join(a.files, product)
        if not os.path.isdir(folder):
            continue
        strings = english_strings(a.bin, folder)
        if a.count:
            print(f'{product}\t{len(strings)}')
            continue
        rng = random.Random(f'{a.seed}:{product}')
        problem = [s for s in strings if PROBLEM.search((s.get('key') or '') + ' ' + s['path'])]
        pick = rng.sample(problem, min(a.per // 2, len(problem)))
        rest = [s for s in strings if s not in pick]
        pick += rng.sample(rest, min(a.per - len(pick), len(rest)))
        rng.shuffle(pick)
        for s in pick:
            key = re.sub(r'\s+', ' ', s.get('key') or str(s['line']))[:120]
            kind = s.get('kind') if s.get('kind') in ('ui', 'error', 'email', 'notification') else 'ui'
            text = s['text'].replace('\r', '').replace('\n', '\\n')
            rows.append((os.path.relpath(s['path'], a.files) + '#' + key, kind, text))
    if a.count:
        return 0
    random.Random(a.seed).shuffle(rows)
    with open(a.out, 'w', encoding='utf-8') as f:
        f.write('id\tsource\tkind\ttext\n')
        for i, (source, kind, text) in enumerate(rows, 1):
            f.write(f'{a.prefix}{i:03d}\t{source}\t{kind}\t{text}\n')
    print(f'{len(rows)} strings -> {a.out}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
