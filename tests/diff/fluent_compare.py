"""Compare tonelint's Fluent segments (--dump-strings) with the text elements
that @fluent/syntax reports (ftl_text.mjs: id[.attr] TAB start TAB end TAB
JSON text, offsets in UTF-16 code units).

Checks, per file:
  - every id[.attr] with text elements is a segment, and the elements'
    texts occur in the segment's text in order;
  - a segment the oracle has no text for is made of placeables only;
  - a segment that starts with text starts where the first element starts;
  - each segment's first line is found in the file at its line:column.
Usage: fluent_compare.py FILE.ftl ORACLE.tsv OURS.jsonl"""
import json
import sys


def main():
    path, oracle_path, ours_path = sys.argv[1:4]
    src = open(path, encoding="utf-8").read()
    lines = src.split("\n")
    # UTF-16 offset -> (line, column in code points)
    u16_to_cp = {}
    u = 0
    for i, ch in enumerate(src):
        u16_to_cp[u] = i
        u += 2 if ord(ch) > 0xFFFF else 1
    u16_to_cp[u] = len(src)

    def position(u16):
        cp = u16_to_cp[u16]
        line = src.count("\n", 0, cp) + 1
        col = cp - (src.rfind("\n", 0, cp) + 1) + 1
        return line, col

    elements = {}
    order = []
    for row in open(oracle_path, encoding="utf-8"):
        row = row.rstrip("\n")
        if row.startswith("JUNK"):
            print(f"{path}: the oracle found junk: {row}")
            return 1
        key, start, end, text = row.split("\t", 3)
        if text.startswith("STRLIT "):
            continue
        if key not in elements:
            elements[key] = []
            order.append(key)
        elements[key].append((int(start), json.loads(text)))

    ours = [json.loads(l) for l in open(ours_path, encoding="utf-8")]
    by_key = {}
    errors = []
    for seg in ours:
        if seg["key"] in by_key:
            errors.append(f"duplicate segment key {seg['key']}")
        by_key[seg["key"]] = seg
        # The first line of the text is stored as is at line:column (Fluent
        # text has no escapes; placeables are kept as written).
        first = seg["text"].split("\n", 1)[0]
        stored = lines[seg["line"] - 1].rstrip("\r")[seg["column"] - 1:]
        if not stored.lstrip(" ").startswith(first.lstrip(" ")):
            errors.append(f"{seg['key']}: {seg['line']}:{seg['column']} holds {stored[:40]!r}, "
                          f"not {first[:40]!r}")

    for key in order:
        seg = by_key.get(key)
        if seg is None:
            errors.append(f"{key}: missing (oracle: {elements[key][0][1]!r})")
            continue
        text = seg["text"]
        cursor = 0
        for start, value in elements[key]:
            at = text.find(value, cursor)
            if at < 0:
                errors.append(f"{key}: text element {value!r} not in {text!r} after {cursor}")
                break
            cursor = at + len(value)
        start, value = elements[key][0]
        if text.startswith(value) and (seg["line"], seg["column"]) != position(start):
            errors.append(f"{key}: at {seg['line']}:{seg['column']}, oracle {position(start)}")
    for key, seg in by_key.items():
        if key not in elements:
            t = seg["text"]
            if not (t.startswith("{") and t.endswith("}")):
                errors.append(f"{key}: segment {t!r} has no text for the oracle")

    for e in errors[:20]:
        print(f"{path}: {e}")
    if len(errors) > 20:
        print(f"{path}: ... {len(errors) - 20} more")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
