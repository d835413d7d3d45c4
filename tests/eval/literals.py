#!/usr/bin/env python3
"""Enumerate the string literals of ../shared/corpus-src with each language's
own tokenizer, and draw the labeled sample of source-literals.tsv.

    python3 tests/eval/literals.py list ../shared/corpus-src > /tmp/all.jsonl
    python3 tests/eval/literals.py sample ../shared/corpus-src > /tmp/sample.tsv

Tokenizers (see the scripts in tests/eval/literals/):
  python       tokenize (STRING tokens; f-strings are one literal)
  ruby         ruby -rripper  (literals/tok_ruby.rb)
  php          php token_get_all (literals/tok_php.php)
  go           go/scanner (literals/tok_go, built with `go build`)
  c            clang's lexer, raw mode (`clang -cc1 -dump-raw-tokens`: no
               preprocessing, so every literal of the file as written)
  java         the javac parser (literals/TokJava.java, run with `java`),
               string folding off
  kotlin       the Kotlin compiler's lexer (literals/TokKotlin.java, built
               with javac against Debian kotlin's kotlin-compiler.jar)
  csharp/swift literals/tok_cs_swift.py: a small lexer of string shapes (no
               tokenizer of either language is packaged for Debian)
  js/ts/tsx    TypeScript compiler API (literals/tok_ts.js); needs
               `npm install typescript@5` in a folder outside the repo
               (TypeScript 7 has no JavaScript API), given as
               NODE_PATH=<folder>/node_modules (default /tmp/tsnode/...)

Positions: 1-based line, 1-based column in bytes of the literal's first
character (its opening quote, prefix such as f/r/b, `%w[`, `<<~EOS`, or the
first non-blank character of JSX text).
"""
import io
import json
import os
import random
import re
import subprocess
import sys
import tokenize

HERE = os.path.dirname(os.path.abspath(__file__))
TOK = os.path.join(HERE, "literals")
EXT = {
    ".py": "python",
    ".rb": "ruby",
    ".php": "php",
    ".go": "go",
    ".js": "javascript",
    ".ts": "typescript",
    ".tsx": "tsx",
    ".c": "c",
    ".h": "c",
    ".java": "java",
    ".kt": "kotlin",
    ".kts": "kotlin",
    ".cs": "csharp",
    ".swift": "swift",
}
# language groups for the sample (one tokenizer each)
GROUP = {"javascript": "js-ts", "typescript": "js-ts", "tsx": "js-ts"}
# groups in the order of the rows (ids); groups added later come last so
# that earlier ids stay stable
GROUP_ORDER = ["go", "js-ts", "php", "python", "ruby", "c", "java", "kotlin", "csharp", "swift"]
SEED = 16
TARGET = 420  # literals per language group
# groups added later, from fewer files, aim lower
TARGETS = {"kotlin": 110, "csharp": 110, "swift": 110}


def python_literals(path):
    data = open(path, "rb").read()
    lines = data.decode("utf-8").splitlines(keepends=True)
    out = []
    toks = list(tokenize.tokenize(io.BytesIO(data).readline))
    i = 0
    fstart = getattr(tokenize, "FSTRING_START", None)
    fend = getattr(tokenize, "FSTRING_END", None)
    while i < len(toks):
        t = toks[i]
        if t.type == tokenize.STRING or (fstart is not None and t.type == fstart):
            end = t.end
            if t.type != tokenize.STRING:  # Python >= 3.12 splits f-strings
                depth = 0
                for j in range(i, len(toks)):
                    if toks[j].type == fstart:
                        depth += 1
                    elif toks[j].type == fend:
                        depth -= 1
                        if depth == 0:
                            end = toks[j].end
                            i = j
                            break
            (sl, sc), (el, ec) = t.start, end
            if sl == el:
                raw = lines[sl - 1][sc:ec]
            else:
                raw = lines[sl - 1][sc:] + "".join(lines[sl:el - 1]) + lines[el - 1][:ec]
            col = len(lines[sl - 1][:sc].encode("utf-8")) + 1
            out.append({"line": sl, "col": col, "raw": raw, "kind": "string"})
        i += 1
    return out


def run_json(cmd, env=None):
    res = subprocess.run(cmd, capture_output=True, check=True, env=env)
    return [json.loads(l) for l in res.stdout.decode("utf-8").splitlines() if l.strip()]


_go_bin = None


def go_literals(path):
    global _go_bin
    if _go_bin is None:
        _go_bin = "/tmp/tonelint-tok-go"
        subprocess.run(["go", "build", "-o", _go_bin, "."], cwd=os.path.join(TOK, "tok_go"), check=True)
    return run_json([_go_bin, path])


def ts_literals(path):
    env = dict(os.environ)
    env.setdefault("NODE_PATH", "/tmp/tsnode/node_modules")
    return run_json(["node", os.path.join(TOK, "tok_ts.js"), path], env)


def c_literals(path):
    """Raw (unpreprocessed) clang tokens; string_literal and its prefixed
    forms (L"", u8"", u"", U""). Clang columns are 1-based bytes."""
    res = subprocess.run(["clang", "-cc1", "-dump-raw-tokens", path], capture_output=True, check=True)
    data = open(path, "rb").read().split(b"\n")
    out = []
    pat = re.compile(r"^(?:wide_|utf8_|utf16_|utf32_)?string_literal '.*'\t\tLoc=<.*:(\d+):(\d+)>$")
    for l in res.stderr.decode("utf-8", "replace").split("\n"):
        m = pat.match(l)
        if not m:
            continue
        line, col = int(m.group(1)), int(m.group(2))
        # take the literal from the source: from its column to the closing quote
        src = data[line - 1][col - 1:].decode("utf-8")
        q = src.index('"')
        i = q + 1
        while src[i] != '"':
            i += 2 if src[i] == "\\" else 1
        out.append({"line": line, "col": col, "raw": src[: i + 1], "kind": "string"})
    return out


_kt_dir = None
KOTLIN_JAR = "/usr/share/java/kotlin-compiler.jar"


def kotlin_literals(path):
    global _kt_dir
    if _kt_dir is None:
        _kt_dir = "/tmp/tonelint-tok-kotlin"
        subprocess.run(["javac", "-cp", KOTLIN_JAR, "-d", _kt_dir,
                        os.path.join(TOK, "TokKotlin.java")], check=True)
    return run_json(["java", "-cp", _kt_dir + ":" + KOTLIN_JAR, "TokKotlin", path])


def literals(path, lang):
    if lang == "python":
        return python_literals(path)
    if lang == "ruby":
        return run_json(["ruby", os.path.join(TOK, "tok_ruby.rb"), path])
    if lang == "php":
        return run_json(["php", os.path.join(TOK, "tok_php.php"), path])
    if lang == "go":
        return go_literals(path)
    if lang == "c":
        return c_literals(path)
    if lang == "java":
        return run_json(["java", os.path.join(TOK, "TokJava.java"), path])
    if lang == "kotlin":
        return kotlin_literals(path)
    if lang in ("csharp", "swift"):
        return run_json(["python3", os.path.join(TOK, "tok_cs_swift.py"), lang, path])
    return ts_literals(path)


def files(root):
    out = []
    for d, _, fs in os.walk(root):
        for f in fs:
            lang = EXT.get(os.path.splitext(f)[1])
            if lang:
                rel = os.path.relpath(os.path.join(d, f), root)
                out.append((rel, lang))
    return sorted(out)


def enumerate_all(root):
    for rel, lang in files(root):
        for lit in literals(os.path.join(root, rel), lang):
            yield dict(lit, file=rel, lang=lang)


def tsv_escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def sample(root):
    """Per language group, up to k literals from every file of the group,
    k the smallest cap that gives the group TARGET literals; a file with more
    than k literals contributes a seeded random draw of k of them. Rows are
    in file, line, column order."""
    by_group = {}
    for rel, lang in files(root):
        g = GROUP.get(lang, lang)
        lits = [dict(l, file=rel, lang=lang) for l in literals(os.path.join(root, rel), lang)]
        by_group.setdefault(g, []).append(lits)
    rows = []
    for g in GROUP_ORDER:
        if g not in by_group:
            continue
        per_file = by_group[g]
        k = 1
        target = TARGETS.get(g, TARGET)
        while sum(min(len(f), k) for f in per_file) < target and k < max(map(len, per_file)):
            k += 1
        for lits in per_file:
            if len(lits) > k:
                rng = random.Random(f"{SEED}:{lits[0]['file']}")
                lits = sorted(rng.sample(lits, k), key=lambda r: (r["line"], r["col"]))
            rows.extend(lits)
    return rows


def main():
    cmd, root = sys.argv[1], sys.argv[2]
    if cmd == "list":
        for r in enumerate_all(root):
            print(json.dumps(r, ensure_ascii=False))
    elif cmd == "sample":
        print("id\tlang\tfile\tline\tcol\tliteral")
        for i, r in enumerate(sample(root), 1):
            print(f"{i}\t{r['lang']}\t{r['file']}\t{r['line']}\t{r['col']}\t{tsv_escape(r['raw'])}")
    else:
        sys.exit("usage: literals.py list|sample CORPUS_SRC")


if __name__ == "__main__":
    main()
