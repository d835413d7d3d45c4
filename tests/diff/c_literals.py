"""The oracle for tests/diff/code_c.sh: every string literal of a C or C++
file as clang reads it, one JSON object per line:
  {"line": L, "column": C, "text": T}
Which literals, and where: clang's lexer in raw mode (`clang -cc1
-dump-raw-tokens`, no preprocessing, so `#include "…"` names and code under
`#if 0` count), C for `.c` and C++17 for every other suffix. The text: what
clang's compiler makes of each literal, by compiling a program that prints
the elements of every literal (narrow strings are read as UTF-8, a byte
that is not UTF-8 and a NUL as U+FFFD; L, u and U strings by code unit).
line/column (1-based, columns in Unicode characters) are those of the first
character after the opening quote (after `(` of a raw string).
Usage: c_literals.py FILE WORKDIR"""
import bisect
import json
import os
import re
import subprocess
import sys

TOKEN = re.compile(r"^(\w*string_literal) '(.*?)'\t(.*?)Loc=<[^>\n]*:(\d+):(\d+)>$", re.S | re.M)


def main():
    path, work = sys.argv[1:3]
    cxx = not path.endswith(".c")
    lang = ["-x", "c++", "-std=c++17"] if cxx else ["-x", "c", "-std=gnu11"]
    out = subprocess.run(["clang", "-cc1"] + lang + ["-dump-raw-tokens", path],
                         capture_output=True, text=True, errors="surrogateescape")
    toks = [(m.group(2), int(m.group(4)), int(m.group(5))) for m in TOKEN.finditer(out.stderr)]
    with open(path, "rb") as f:
        data = f.read()
    starts = [0] + [i + 1 for i, c in enumerate(data) if c == 0x0A]
    if not toks:
        return 0
    prog = os.path.join(work, "lits.c" if not cxx else "lits.cc")
    with open(prog, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write("#include <stdio.h>\n#include <stddef.h>\n"
                "struct lit { const void *p; size_t n, w; };\n"
                "static const struct lit lits[] = {\n")
        for spell, _, _ in toks:
            f.write("{(const void *)(%s), sizeof(%s), sizeof((%s)[0])},\n" % (spell, spell, spell))
        f.write("};\nint main(void) {\n"
                "  for (size_t i = 0; i < sizeof(lits) / sizeof(lits[0]); i++) {\n"
                "    const struct lit *l = &lits[i];\n"
                "    printf(\"%zu\", l->w);\n"
                "    for (size_t k = 0; k + 1 < l->n / l->w; k++) {\n"
                "      unsigned long v = l->w == 1 ? ((const unsigned char *)l->p)[k]\n"
                "        : l->w == 2 ? ((const unsigned short *)l->p)[k]\n"
                "        : ((const unsigned int *)l->p)[k];\n"
                "      printf(\" %lx\", v);\n"
                "    }\n"
                "    printf(\"\\n\");\n"
                "  }\n  return 0;\n}\n")
    exe = os.path.join(work, "lits")
    subprocess.run(["clang", "-w", "-o", exe, prog], check=True)
    rows = subprocess.run([exe], capture_output=True, text=True, check=True).stdout.splitlines()
    for (spell, line, col), row in zip(toks, rows):
        w, *units = row.split()
        units = [int(u, 16) for u in units]
        if w == "1":
            text = bytes(units).decode("utf-8", "replace")
        elif w == "2":
            text = b"".join(u.to_bytes(2, "little") for u in units).decode("utf-16-le", "replace")
        else:
            text = "".join(chr(u) if u <= 0x10FFFF and not 0xD800 <= u <= 0xDFFF else "\ufffd"
                           for u in units)
        text = text.replace("\0", "\ufffd")
        off = starts[line - 1] + col - 1
        q = data.index(b'"', off)
        if data[off:q].endswith(b"R"):
            q = data.index(b"(", q)
        q += 1
        line = bisect.bisect_right(starts, q)
        ls = starts[line - 1]
        column = len(data[ls:q].decode("utf-8", "replace")) + 1
        print(json.dumps({"line": line, "column": column, "text": text}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
