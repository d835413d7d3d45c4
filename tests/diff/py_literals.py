"""The oracle for tests/diff/code_py.sh: every string literal of a Python
file as Python's own `tokenize` module reads it, one JSON object per line:
  {"line": L, "column": C, "text": T}
line/column (1-based, columns in Unicode characters) are those of the first
character after the opening quote(s). `text` is the value `ast` gives the
literal, with what tonelint cannot show as text replaced as tonelint does (a
NUL, a lone surrogate and a byte above 0x7F of a bytes literal read as
U+FFFD). An f-string's fields are code, not text: its line carries
"pattern": true and `text` is a regular expression of the constant parts
with each {field} as written in between.
On Python 3.12 and later an f-string is several tokens (FSTRING_START …
FSTRING_END); they are put back together into one literal.
Usage: py_literals.py FILE"""
import ast
import json
import re
import sys
import tokenize

PREFIX = re.compile(r"[rRbBuUfF]*")


def clean(s):
    return "".join("\ufffd" if c == "\0" or 0xD800 <= ord(c) <= 0xDFFF else c for c in s)


def literal(tok_string):
    prefix = PREFIX.match(tok_string).group(0)
    body = tok_string[len(prefix):]
    qlen = 3 if body[:3] in ('"""', "'''") else 1
    if "f" in prefix.lower():
        node = ast.parse(tok_string, mode="eval").body
        parts = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                parts.append(re.escape(clean(v.value)))
            else:
                parts.append(r"\{.*?\}")
        return prefix, qlen, "".join(parts), True
    value = ast.literal_eval(tok_string)
    if isinstance(value, bytes):
        value = "".join(chr(b) if 0 < b < 0x80 else "\ufffd" for b in value)
    return prefix, qlen, clean(value), False


def main():
    path = sys.argv[1]
    with open(path, "rb") as f:
        toks = list(tokenize.tokenize(f.readline))
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().splitlines(keepends=True)
    fstart = getattr(tokenize, "FSTRING_START", None)
    fend = getattr(tokenize, "FSTRING_END", None)
    out = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.type == tokenize.STRING:
            start, s = t.start, t.string
        elif fstart is not None and t.type == fstart:
            depth, j = 0, i
            while True:
                if toks[j].type == fstart:
                    depth += 1
                elif toks[j].type == fend:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            start, end = t.start, toks[j].end
            if start[0] == end[0]:
                s = lines[start[0] - 1][start[1]:end[1]]
            else:
                s = lines[start[0] - 1][start[1]:] + "".join(lines[start[0]:end[0] - 1]) + \
                    lines[end[0] - 1][:end[1]]
            i = j
        else:
            i += 1
            continue
        s = s.replace("\r\n", "\n").replace("\r", "\n")
        prefix, qlen, text, pattern = literal(s)
        rec = {"line": start[0], "column": start[1] + len(prefix) + qlen + 1, "text": text}
        if pattern:
            rec["pattern"] = True
        out.append(json.dumps(rec, ensure_ascii=False))
        i += 1
    sys.stdout.write("".join(line + "\n" for line in out))


if __name__ == "__main__":
    main()
