"""Compare tonelint's .properties segments (--dump-strings) with
java.util.Properties (PropsDump.java: key TAB value, sorted, with \\ \n \t \r
escaped), and check each segment's position: decoding the file from the
segment's line:column to the end of its logical line gives its text.
Usage: properties_compare.py FILE CHARSET ORACLE.tsv OURS.jsonl"""
import json
import re
import sys


def unescape_oracle(s):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), s)


def decode_from(src, off):
    """Decode a value from src[off:] to the end of its logical line, as
    Properties.load does (continuations, escapes)."""
    out = []
    i = 0
    s = src[off:]
    n = len(s)
    while i < n:
        c = s[i]
        if c in "\r\n":
            break
        if c != "\\":
            out.append(c)
            i += 1
            continue
        i += 1
        if i >= n:
            break
        c = s[i]
        if c in "\r\n":  # continuation: skip the line end and the next line's blanks
            i += 2 if s[i:i + 2] == "\r\n" else 1
            while i < n and s[i] in " \t\f":
                i += 1
            continue
        i += 1
        if c == "u":
            cp = int(s[i:i + 4], 16)
            i += 4
            out.append(chr(cp))
        else:
            out.append({"t": "\t", "n": "\n", "r": "\r", "f": "\f"}.get(c, c))
    text = "".join(out)
    # Surrogate pairs written as two escapes are one character.
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def main():
    path, charset, oracle_path, ours_path = sys.argv[1:5]
    src = open(path, "rb").read().decode("utf-8" if charset == "UTF-8" else "latin-1")
    if src.startswith("\ufeff"):
        src = src[1:]
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", src)]
    oracle = {}
    for row in open(oracle_path, encoding="utf-8"):
        key, _, value = row.rstrip("\n").partition("\t")
        oracle[unescape_oracle(key)] = unescape_oracle(value)
    ours = {}
    errors = []
    for line in open(ours_path, encoding="utf-8"):
        seg = json.loads(line)
        ours[seg["key"]] = seg  # the last definition wins, as in Java
        off = line_starts[seg["line"] - 1] + seg["column"] - 1
        stored = decode_from(src, off)
        if stored != seg["text"]:
            errors.append(f"{seg['key']}: {seg['line']}:{seg['column']} decodes to {stored!r}, "
                          f"not {seg['text']!r}")
    for key, value in oracle.items():
        if value == "":
            if key in ours:
                errors.append(f"{key}: empty in Java, segment {ours[key]['text']!r}")
            continue
        if key not in ours:
            errors.append(f"{key}: missing (Java: {value!r})")
        elif ours[key]["text"] != value:
            errors.append(f"{key}: {ours[key]['text']!r}, Java: {value!r}")
    for key in ours:
        if key not in oracle:
            errors.append(f"{key}: not a key for Java")
    for e in errors[:20]:
        print(f"{path}: {e}")
    if len(errors) > 20:
        print(f"{path}: ... {len(errors) - 20} more")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
