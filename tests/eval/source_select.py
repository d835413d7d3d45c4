#!/usr/bin/env python3
"""Precision and recall of the selection of copy in source code against
hand labels (tests/eval/source-literals.tsv, SOURCE-LITERALS.md).

    python3 tests/eval/source_select.py build/tonelint [source-literals.tsv] [--errors]

Runs `tonelint --no-config --dump-strings --skipped` on every labeled file
of ../shared/corpus-src whose language tonelint reads, matches each labeled
row to the literal tonelint read there (the row's line and byte column
point at the opening quote or prefix, tonelint's at the first character
of the text: the bytes between may only be a string prefix, quotes,
blanks or the line break opening a text block; a heredoc's
text starts on the line after its `<<<LABEL`), and counts a literal as selected when it is `taken`. `unsure` rows
and rows in languages tonelint does not read are left out. Prints, per
language and overall, precision and recall of `copy`; --errors lists each
false positive and false negative with tonelint's reason. A labeled literal
tonelint did not read at all is reported (and counted as not selected).
It measures; it does not judge (exit 0 unless it cannot run).
"""
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "..", "shared", "corpus-src")
READ = {"python", "go", "javascript", "typescript", "tsx", "c", "java", "php", "ruby", "kotlin",
        "csharp", "swift"}
# A string prefix (Python r b u f, C L u U u8 R, Ruby %q( %Q[ %{, C# $ @,
# Swift #), quotes, blanks, and the line break after the opening quotes of a
# Java text block or a multi-line Kotlin, C# or Swift string.
BETWEEN = set(b"rRbBuUfFL8'\"` \t\r\n%qQ([{<$@#")


def offsets(data):
    starts = [0]
    for i, c in enumerate(data):
        if c == 0x0A:
            starts.append(i + 1)
    return starts


def char_col_to_byte(data, starts, line, col):
    """Byte offset of a 1-based (line, column in characters)."""
    s = starts[line - 1]
    text = data[s:].split(b"\n", 1)[0].decode("utf-8", "replace")
    return s + len(text[: col - 1].encode("utf-8"))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--errors" in sys.argv
    if not args:
        print(__doc__)
        return 2
    binary = args[0]
    labels = args[1] if len(args) > 1 else os.path.join(HERE, "source-literals.tsv")
    rows = []
    with open(labels, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(head, line.rstrip("\n").split("\t")))
            if r.get("lang") in READ and r.get("label") in ("copy", "not"):
                rows.append(r)
    by_file = collections.defaultdict(list)
    for r in rows:
        by_file[r["file"]].append(r)
    counts = collections.defaultdict(lambda: collections.Counter())
    missing = 0
    errors = []
    for path, rs in sorted(by_file.items()):
        full = os.path.join(CORPUS, path)
        with open(full, "rb") as f:
            data = f.read()
        starts = offsets(data)
        out = subprocess.run([binary, "--no-config", "--dump-strings", "--skipped", full],
                             capture_output=True, text=True)
        ours = []
        for line in out.stdout.splitlines():
            d = json.loads(line)
            d["offset"] = char_col_to_byte(data, starts, d["line"], d["column"])
            ours.append(d)
        for r in rs:
            off = starts[int(r["line"]) - 1] + int(r["col"]) - 1
            if r["literal"].startswith("<<"):  # a heredoc: its text starts on the next line
                off = starts[int(r["line"])] if int(r["line"]) < len(starts) else off
            hit = None
            for d in ours:
                lo, hi = sorted((off, d["offset"]))
                if hi - lo <= 40 and all(c in BETWEEN for c in data[lo:hi]):
                    if hit is None or abs(d["offset"] - off) < abs(hit["offset"] - off):
                        hit = d
            lang = r["lang"]
            gold = r["label"] == "copy"
            if hit is None:
                missing += 1
                pred = False
                why = "not read by tonelint"
            else:
                pred = "taken" in hit
                why = hit.get("taken") or hit.get("skipped")
            c = counts[lang]
            c["tp" if gold and pred else "fp" if pred else "fn" if gold else "tn"] += 1
            if gold != pred:
                errors.append((("FP" if pred else "FN"), lang, path, r["line"], r["col"],
                               r["literal"][:70], why, hit["code"] if hit else None))
    total = collections.Counter()
    print("%-11s %6s %6s %6s %6s %9s %7s" % ("language", "rows", "copy", "taken", "right",
                                               "precision", "recall"))
    for lang in sorted(counts) + ["all"]:
        c = total if lang == "all" else counts[lang]
        if lang != "all":
            total.update(c)
        n = sum(c.values())
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        rc = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        print("%-11s %6d %6d %6d %6d %8.1f%% %6.1f%%" % (lang, n, c["tp"] + c["fn"],
                                                        c["tp"] + c["fp"], c["tp"], 100 * p,
                                                        100 * rc))
    print("%d labeled literals not read by tonelint" % missing)
    if show:
        for e in errors:
            print("%s %s %s:%s:%s %s -- %s %s" % (e[0], e[1], e[2], e[3], e[4], e[5], e[6],
                                                  json.dumps(e[7]) if e[7] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
