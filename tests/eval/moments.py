#!/usr/bin/env python3
"""Accuracy of journey moments against hand labels.

    python3 tests/eval/moments.py build/tonelint [tests/eval/moments.tsv] [--errors]

For each project in the label file, runs `tonelint --no-config
--dump-strings` on its labeled files from inside the project's corpus
folder (../shared/corpus/<project>, as a team runs it on its repository),
finds each labeled string by path, line, key and text, and compares its
`moment` with the label. Prints the accuracy, per-moment precision and
recall, and the confusions (label -> classified). --errors lists every
miss. Exits 1 when a labeled string is not found (the file moved or the
extractor changed), 0 otherwise: it measures, it does not judge.
"""
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "..", "shared", "corpus")


def clean(s):
    return (s or "").replace("\t", " ").replace("\n", "\\n").replace("\r", "")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--errors" in sys.argv
    if not args:
        print(__doc__.strip())
        return 2
    tonelint = os.path.abspath(args[0])
    labels = args[1] if len(args) > 1 else os.path.join(HERE, "moments.tsv")
    rows = []
    with open(labels, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            rows.append(dict(zip(head, line.rstrip("\n").split("\t"))))
    files = collections.defaultdict(set)
    for r in rows:
        files[r["project"]].add(r["path"])
    found = {}
    for project, paths in files.items():
        out = subprocess.run([tonelint, "--no-config", "--dump-strings", "--", *sorted(paths)],
                             cwd=os.path.join(CORPUS, project), capture_output=True,
                             text=True).stdout
        for line in out.splitlines():
            d = json.loads(line)
            key = d["key"] if d["key"] != d["text"] else ""
            k = (project, d["path"], str(d["line"]), clean(key), clean(d["text"])[:300])
            found.setdefault(k, d["moment"])
    got, missing = [], 0
    for r in rows:
        k = (r["project"], r["path"], r["line"], r["key"], r["text"])
        if k not in found:
            print("not found:", *k[:4], file=sys.stderr)
            missing += 1
            continue
        got.append((r["moment"], found[k], r))
    n = len(got)
    right = sum(1 for want, have, _ in got if want == have)
    print(f"{right}/{n} strings classified as labeled: accuracy {right / n:.3f}")
    nongen = [(w, h) for w, h, _ in got if w != "general"]
    ok = sum(1 for w, h in nongen if w == h)
    print(f"strings labeled with a journey moment (not general): {ok}/{len(nongen)} = "
          f"{ok / max(1, len(nongen)):.3f}")
    moments = sorted({w for w, _, _ in got} | {h for _, h, _ in got})
    print(f"\n{'moment':<15}{'labeled':>8}{'classified':>11}{'right':>7}{'precision':>10}"
          f"{'recall':>8}")
    for m in moments:
        lab = sum(1 for w, _, _ in got if w == m)
        cls = sum(1 for _, h, _ in got if h == m)
        tp = sum(1 for w, h, _ in got if w == m and h == m)
        p = f"{tp / cls:.2f}" if cls else "-"
        rc = f"{tp / lab:.2f}" if lab else "-"
        print(f"{m:<15}{lab:>8}{cls:>11}{tp:>7}{p:>10}{rc:>8}")
    conf = collections.Counter((w, h) for w, h, _ in got if w != h)
    print("\nconfusions (labeled -> classified):")
    for (w, h), c in conf.most_common():
        print(f"  {c:3d}  {w} -> {h}")
    if show:
        print("\nmisses:")
        for w, h, r in got:
            if w != h:
                print(f"  {w} -> {h}\t{r['project']}/{r['path']}:{r['line']}\t{r['key']}\t"
                      f"{r['text'][:100]}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
