"""Compare tonelint's .strings segments (--dump-strings) with prop2po's PO
(key in the `#:` reference, value as msgid), and check each segment's
position: reading a string from the segment's line:column (after its opening
quote) with CoreFoundation's escapes gives its text.
Usage: strings_compare.py FILE.strings ORACLE.po OURS.jsonl"""
import json
import re
import sys
import urllib.parse

C_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
             "f": "\f", "v": "\v"}


def po_entries(path):
    """(reference, msgid) pairs of a PO file as prop2po writes it."""
    entries, refs, field, parts = [], [], None, {}

    def flush():
        if "msgid" in parts and parts["msgid"] and refs:
            entries.append((refs[0], parts["msgid"]))

    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            flush()
            refs, field, parts = [], None, {}
        elif line.startswith("#: "):
            refs.extend(urllib.parse.unquote(r) for r in line[3:].split())
        elif line.startswith("#"):
            continue
        else:
            m = re.match(r'(msgctxt|msgid|msgstr)\s+(".*")$', line)
            if m:
                field = m.group(1)
                line = m.group(2)
            s = line[1:-1]
            s = re.sub(r'\\(.)', lambda e: C_ESCAPES.get(e.group(1), e.group(1)), s)
            parts[field] = parts.get(field, "") + s
    flush()
    return entries


def read_value(src, off):
    """The string at src[off:] (just after its opening quote, or a token)."""
    quote = src[off - 1] if off and src[off - 1] in "\"'" else None
    out, i = [], off
    if quote is None:
        while i < len(src) and re.match(r"[A-Za-z0-9_$/:.\-]", src[i]):
            out.append(src[i])
            i += 1
        return "".join(out)
    while i < len(src) and src[i] != quote:
        c = src[i]
        i += 1
        if c != "\\":
            out.append(c)
            continue
        e = src[i]
        i += 1
        if e == "U":
            h = re.match(r"[0-9a-fA-F]{0,4}", src[i:]).group(0)
            i += len(h)
            out.append(chr(int(h, 16)) if h else "\ufffd")
        elif e in "01234567":
            o = re.match(r"[0-7]{0,2}", src[i:]).group(0)
            i += len(o)
            v = int(e + o, 8)
            out.append(chr(v) if v < 0x80 else "?")
        else:
            out.append({"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
                        "v": "\v"}.get(e, e))
    return "".join(out).encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def main():
    path, oracle_path, ours_path = sys.argv[1:4]
    raw = open(path, "rb").read()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        src = raw.decode("utf-16")
    else:
        src = raw.decode("utf-8-sig", "replace")
    src = src.lstrip("\ufeff")
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", src)]
    oracle = dict(po_entries(oracle_path))
    errors, diverged = [], 0
    ours = {}
    for line in open(ours_path, encoding="utf-8"):
        seg = json.loads(line)
        ours[seg["key"]] = seg
        off = line_starts[seg["line"] - 1] + seg["column"] - 1
        stored = read_value(src, off)
        if stored != seg["text"]:
            errors.append(f"{seg['key']}: {seg['line']}:{seg['column']} reads {stored!r}, "
                          f"not {seg['text']!r}")
    for key, value in oracle.items():
        seg = ours.get(key)
        if seg is None:
            errors.append(f"{key}: missing (translate-toolkit: {value!r})")
        elif seg["text"] != value:
            # translate-toolkit decodes lowercase \uXXXX; CoreFoundation does not.
            redone = re.sub(r"u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), seg["text"])
            # translate-toolkit also drops line breaks written as such inside
            # a quoted value; CoreFoundation keeps them.
            if redone == value or seg["text"].replace("\n", "") == value:
                diverged += 1
            else:
                errors.append(f"{key}: {seg['text']!r}, translate-toolkit: {value!r}")
    for key in ours:
        if key not in oracle:
            errors.append(f"{key}: not an entry for translate-toolkit")
    if diverged:
        print(f"{path}: {diverged} values with a lowercase \\u or a raw line break "
              "(known divergences)")
    for e in errors[:20]:
        print(f"{path}: {e}")
    if len(errors) > 20:
        print(f"{path}: ... {len(errors) - 20} more")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
