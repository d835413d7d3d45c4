"""String literals of a C# or Swift file for tests/eval/literals.py (no
tokenizer of either language is packaged for Debian): a small lexer of the
shapes that matter for finding literals — comments (Swift's nest),
character literals and preprocessor lines (C#), strings with their prefixes
(C# `$` `@` `$$`, Swift `#`), verbatim, raw and multi-line strings, and
interpolation holes (C# `{…}`, Swift `\\(…)`), whose code may hold strings of
its own (part of the literal around them, not listed). One JSON object per
line: {"line", "col" (1-based, bytes, of the prefix or opening quote),
"raw" (from there to the closing delimiter), "kind": "string"}.

Usage: python3 tok_cs_swift.py csharp|swift FILE"""
import json
import sys


class Lexer:
    def __init__(self, src, lang):
        self.s, self.lang, self.out = src, lang, []

    def skip_comment(self, i):
        s = self.s
        if s.startswith("//", i):
            j = s.find("\n", i)
            return len(s) if j < 0 else j
        if s.startswith("/*", i):
            depth, j = 1, i + 2
            while j < len(s) and depth:
                if s.startswith("/*", j) and self.lang == "swift":
                    depth, j = depth + 1, j + 2
                elif s.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            return j
        return None

    def code(self, i, close, top):
        """Code from i up to the bracket `close` (None: the end); returns
        the index after it. Strings at the top level are listed."""
        s, depth = self.s, 0
        while i < len(s):
            c = s[i]
            j = self.skip_comment(i)
            if j is not None:
                i = j
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                if depth == 0 and c == close:
                    return i + 1
                depth -= 1
            elif self.lang == "csharp" and c == "#" and s[s.rfind("\n", 0, i) + 1:i].strip() == "":
                j = s.find("\n", i)
                i = len(s) if j < 0 else j
                continue
            elif self.lang == "csharp" and c == "'":
                j = i + 1
                while j < len(s) and s[j] != "'":
                    j += 2 if s[j] == "\\" else 1
                i = j + 1
                continue
            elif c == "`":
                i = s.index("`", i + 1) + 1
                continue
            start = self.string_start(i)
            if start is not None:
                end = self.string(i, *start)
                if top:
                    self.emit(i, end)
                i = end
                continue
            if c.isalnum() or c == "_":  # an identifier: `$`, `@`, `#` inside are not prefixes
                while i < len(s) and (s[i].isalnum() or s[i] == "_"):
                    i += 1
                continue
            i += 1
        return i

    def string_start(self, i):
        """(quote index, dollars, verbatim, hashes) for a string at i, or None."""
        s, k, dollars, verbatim, hashes = self.s, i, 0, False, 0
        if self.lang == "csharp":
            while k < len(s) and s[k] in "$@" and k - i < 8:
                dollars += s[k] == "$"
                verbatim |= s[k] == "@"
                k += 1
        else:
            while k < len(s) and s[k] == "#":
                hashes += 1
                k += 1
        if k < len(s) and s[k] == '"':
            return k, dollars, verbatim, hashes
        return None

    def string(self, i, q, dollars, verbatim, hashes):
        s = self.s
        n = 0
        while q + n < len(s) and s[q + n] == '"':
            n += 1
        multi = n >= 3 and not verbatim
        nq = (n if self.lang == "csharp" else 3) if multi else 1
        close = '"' * nq + "#" * hashes
        j = q + nq
        while j < len(s):
            if self.lang == "csharp" and verbatim and s.startswith('""', j):
                j += 2
                continue
            if s.startswith(close, j) and not (self.lang == "csharp" and multi and s.startswith('"', j + nq)):
                return j + len(close)
            c = s[j]
            if self.lang == "swift" and c == "\\" and s.startswith("#" * hashes, j + 1):
                k = j + 1 + hashes
                if k < len(s) and s[k] == "(":
                    j = self.code(k + 1, ")", False)
                else:
                    j = k + 1
                continue
            if self.lang == "csharp":
                if c == "\\" and not verbatim and not multi:
                    j += 2
                    continue
                if c == "{" and dollars:
                    k = j
                    while k < len(s) and s[k] == "{":
                        k += 1
                    if not multi and k - j >= 2:
                        j += 2
                        continue
                    if k - j >= (dollars if multi else 1):
                        j = self.hole(k)
                        continue
                    j = k
                    continue
            j += 1
        return len(s)

    def hole(self, i):
        """A C# hole's code from i: to its `}`; `,width` and `:format` at
        its top level run to the `}`."""
        s, depth = self.s, 0
        while i < len(s):
            c = s[i]
            start = self.string_start(i)
            if start is not None:
                i = self.string(i, *start)
                continue
            if c == "'":
                j = i + 1
                while j < len(s) and s[j] != "'":
                    j += 2 if s[j] == "\\" else 1
                i = j + 1
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                if depth == 0:
                    while i < len(s) and s[i] == "}":
                        i += 1
                    return i
                depth -= 1
            elif depth == 0 and (c == "," or (c == ":" and s[i + 1:i + 2] != ":" and s[i - 1:i] != ":")):
                while i < len(s) and s[i] != "}":
                    i += 1
                continue
            i += 1
        return i

    def emit(self, start, end):
        s = self.s
        ls = s.rfind("\n", 0, start) + 1
        self.out.append({"line": s.count("\n", 0, start) + 1,
                         "col": len(s[ls:start].encode("utf-8")) + 1,
                         "raw": s[start:end], "kind": "string"})


def main():
    lang, path = sys.argv[1], sys.argv[2]
    src = open(path, encoding="utf-8-sig").read()
    lx = Lexer(src, lang)
    lx.code(0, None, True)
    for r in lx.out:
        print(json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    main()
