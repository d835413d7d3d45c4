"""Compare the string literals tonelint reads from one source file with a
language's own tokenizer or compiler (the oracles of tests/diff/code_*.sh).

Both sides are JSON lines with line, column (1-based, Unicode characters, of
the literal's first character after its opening quote) and text (decoded).
Every oracle literal must be a tonelint segment at the same place with the
same text, and tonelint must read nothing else. An oracle line may carry
"pattern": true, when its text is a regular expression (Python f-strings on
3.11, whose fields the tokenizer does not split out).

Usage: code_compare.py FILE ORACLE.jsonl OURS.jsonl
Prints `FILE: N literals` and each difference; exit 1 on a difference."""
import json
import re
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    name, oracle_path, ours_path = sys.argv[1:4]
    oracle = load(oracle_path)
    ours = load(ours_path)
    by_pos = {}
    for o in ours:
        by_pos.setdefault((o["line"], o["column"]), []).append(o)
    problems = []
    matched = set()
    for e in oracle:
        key = (e["line"], e["column"])
        cands = by_pos.get(key, [])
        ok = None
        for c in cands:
            if id(c) in matched:
                continue
            if e.get("pattern"):
                good = re.fullmatch(e["text"], c["text"], re.S) is not None
            else:
                good = c["text"] == e["text"]
            if good:
                ok = c
                break
        if ok is not None:
            matched.add(id(ok))
        elif cands:
            problems.append("%s:%d:%d: text differs: oracle %r, tonelint %r"
                            % (name, key[0], key[1], e["text"], cands[0]["text"]))
            matched.add(id(cands[0]))
        else:
            problems.append("%s:%d:%d: tonelint misses %r" % (name, key[0], key[1], e["text"]))
    for o in ours:
        if id(o) not in matched:
            problems.append("%s:%d:%d: not a literal for the oracle: %r"
                            % (name, o["line"], o["column"], o["text"]))
    for p in problems[:20]:
        print(p)
    if len(problems) > 20:
        print("%s: %d more differences" % (name, len(problems) - 20))
    print("%s: %d literals, %d differences" % (name, len(oracle), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
