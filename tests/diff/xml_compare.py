#!/usr/bin/env python3
"""Compare tonelint --dump-strings with an xmlstarlet oracle for one XML file.

Usage: xml_compare.py FORMAT FILE ORACLE_TSV OURS_JSONL [TT_JSONL]
FORMAT is android, xliff12, xliff20, resx or stringsdict. ORACLE_TSV is the
oracle's `key<TAB>text` output (a value may span several lines); TT_JSONL is
the translate-toolkit Android oracle's output (android only, optional).

Checks, per file:
  1. the same keys with the same texts (as multisets per key: the Android
     oracle lists strings, then plurals, then arrays, not in file order),
     after the normalizations documented in the calling script;
  2. every segment's line:column points at where its value starts in the
     file: inside the element that holds it, at the stored form of its
     first character (the character itself, or the `\\`, `&` or `<` that
     opens its escape, entity or tag).
Prints one line per difference and exits 1 if there is any.
"""
import json
import re
import sys

WS = " \t\n\r\v\f"
HEX = "0123456789abcdefABCDEF"
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# aapt2's reference syntax (see src/extract/android.c).
# A message key used as an XLIFF source: dotted or snake_case parts.
MESSAGE_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)+$")
REF = re.compile(r"^(@null|@empty|@\+?\*?([\w.-]+:)?[\w.-]+/[\w.-]+|\?\*?([\w.-]+:)?(attr/)?[\w.-]+)$")


def read_oracle(path, known):
    """key<TAB>text records; a value may run over several lines. A line
    starts a record when it opens with `key<TAB>` for a key tonelint knows
    or an identifier-like key; any other line continues the value."""
    recs = []
    ident = re.compile(r"^[A-Za-z0-9_.\[\]/:@-]+\t")
    with open(path, encoding="utf-8", errors="replace") as f:
        data = f.read()
    if data.endswith("\n"):
        data = data[:-1]
    for line in data.split("\n") if data else []:
        tab = line.find("\t")
        if tab >= 0 and (line[:tab] in known or ident.match(line)):
            recs.append([line[:tab], line[tab + 1:]])
        elif recs:
            recs[-1][1] += "\n" + line
    return recs


def aapt2(s):
    """aapt2's second layer over XML-decoded, tag-flattened text: trim,
    collapse whitespace outside "...", drop the quotes, read escapes."""
    s = s.strip(WS)
    out, quote, last_space, i = [], False, False, 0
    while i < len(s):
        c = s[i]
        if not quote and c in WS:
            if not last_space:
                out.append(" ")
            last_space = True
            i += 1
            continue
        last_space = False
        if c == "\\":
            i += 1
            if i >= len(s):
                break
            d = s[i]
            if d == "t":
                out.append("\t")
            elif d == "n":
                out.append("\n")
            elif d == "u":
                j, digits = i + 1, ""
                while len(digits) < 4 and j < len(s) and s[j] in HEX:
                    digits += s[j]
                    j += 1
                if len(digits) < 4 and j < len(s):
                    out.append("u")  # a bad escape reads as "u" (aapt2 refuses it)
                else:
                    cp = int(digits, 16) if digits else 0
                    if cp:
                        out.append(chr(cp) if not 0xD800 <= cp <= 0xDFFF else "\ufffd")
                    i = j - 1
            else:
                out.append(d)
        elif c == '"':
            quote = not quote
        else:
            out.append(c)
        i += 1
    text = "".join(out)
    # A \uD83D\uDE00 pair was decoded as two U+FFFD above; tonelint joins it.
    return text


def squash(s):
    return " ".join(s.split())


def line_starts(data):
    starts = [0]
    for i, b in enumerate(data):
        if b == 0x0A:
            starts.append(i + 1)
        elif b == 0x0D and (i + 1 >= len(data) or data[i + 1] != 0x0A):
            starts.append(i + 1)
    return starts


def offset_of(data, starts, line, col):
    """Byte offset of a 1-based line and a column in characters."""
    off = starts[line - 1]
    text = data[off:].decode("utf-8", errors="replace")
    return off + len(text[: col - 1].encode("utf-8", errors="replace"))


def check_position(fmt, data, starts, rec, problems, path):
    off = offset_of(data, starts, rec["line"], rec["column"])
    text = rec["text"]
    where = "%s:%d:%d %s" % (path, rec["line"], rec["column"], rec["key"])
    before = data[:off]
    # The element holding the value: its start tag is the last one of the
    # value's kind before the offset, and no end tag of that kind comes
    # between them.
    if fmt == "android":
        base = rec["key"].split("[")[0]
        opener = before.rfind(('name="%s"' % base).encode())
        closers = [b"</string>", b"</plurals>", b"</string-array>"]
        if "[" in rec["key"]:
            closers = [b"</plurals>", b"</string-array>"]
            opener = max(opener, -1)
    elif fmt.startswith("xliff"):
        opener = max(before.rfind(b"<source"), before.rfind(b"<target"))
        closers = [b"</source>", b"</target>"]
    elif fmt == "resx":
        opener = before.rfind(b"<value")
        closers = [b"</value>"]
    elif fmt == "qtts":
        names = [b"source", b"translation", b"numerusform", b"lengthvariant"]
        opener = max(before.rfind(b"<" + n) for n in names)
        closers = [b"</" + n + b">" for n in names]
    else:
        opener = before.rfind(b"<string")
        closers = [b"</string>"]
    if opener < 0 or any(before.find(c, opener) >= 0 for c in closers):
        problems.append("%s: position is not inside its element" % where)
        return
    if not text:
        if not before.endswith(b">"):
            problems.append("%s: empty value not placed after its start tag" % where)
        return
    first = text[0].encode("utf-8")
    at = data[off:off + 12]
    ok = at.startswith(first) or at[:1] in (b"\\", b"&", b"<")
    if text[0] == " " and at[:1] in WS.encode():
        ok = True  # a collapsed whitespace run
    if not ok:
        problems.append("%s: file has %r where the value %r starts" % (where, at, text[:12]))


def main():
    fmt, path, oracle_path, ours_path = sys.argv[1:5]
    tt_path = sys.argv[5] if len(sys.argv) > 5 else None
    with open(path, "rb") as f:
        data = f.read()
    starts = line_starts(data)
    ours = []
    with open(ours_path, encoding="utf-8") as f:
        for line in f:
            ours.append(json.loads(line))
    problems = []

    oracle = read_oracle(oracle_path, {r["key"] for r in ours})
    if fmt == "xliff12" or fmt == "xliff20":
        # Sources only: a segment is a source when its position is inside <source>.
        src = []
        for r in ours:
            off = offset_of(data, starts, r["line"], r["column"])
            if data.rfind(b"<source", 0, off) > data.rfind(b"<target", 0, off):
                src.append(r)
        mine = [(r["key"], r["text"]) for r in src]
    else:
        mine = [(r["key"], r["text"]) for r in ours]
    if fmt == "android":
        theirs = []
        for key, text in oracle:
            if REF.match(text.strip(WS)):
                continue  # a resource reference, not copy
            theirs.append((key, text))
        mine_n, theirs_n = [], []
        for key, text in mine:
            flat = TAG.sub("", text)
            mine_n.append((key, squash(flat) if flat != text else flat, flat != text))
        markup = {k for k, _, m in mine_n if m}
        for key, text in theirs:
            t = aapt2(TAG.sub("", text))
            theirs_n.append((key, squash(t) if key in markup else t, key in markup))
        mine = sorted((k, t) for k, t, _ in mine_n)
        theirs = sorted((k, t) for k, t, _ in theirs_n)
    elif fmt == "stringsdict":
        # The oracle prints a format-key line for every entry; one without
        # NSStringLocalizedFormatKey has an empty text there and no segment.
        keys = {k for k, _ in mine}
        theirs = [(k, t) for k, t in oracle if t != "" or k in keys]
    elif fmt.startswith("xliff"):
        # A source that is a message key (Symfony, Kimai: timesheet.stop.error)
        # is not copy: tonelint lints the target instead.
        theirs = [(k, t) for k, t in oracle if not MESSAGE_KEY.match(t)]
    else:
        theirs = [(k, t) for k, t in oracle]
    if mine != theirs:
        a, b = list(mine), list(theirs)
        for item in set(a) - set(b):
            problems.append("%s: tonelint has %r = %r, the oracle has not" % (path, item[0], item[1][:200]))
        for item in set(b) - set(a):
            problems.append("%s: the oracle has %r = %r, tonelint has not" % (path, item[0], item[1][:200]))
        if set(a) == set(b):
            problems.append("%s: same records in a different order or count" % path)

    if tt_path:
        # translate-toolkit resolves Android escapes; it is reliable for
        # <string> values without markup or CDATA (it keeps tags, strips
        # quotes inside CDATA and does not list <string-array>).
        by_key = {}
        for r in ours:
            # translate-toolkit drops a space before an escaped line break.
            by_key.setdefault(r["key"], []).append(r["text"].replace(" \n", "\n"))
        with open(tt_path, encoding="utf-8") as f:
            for line in f:
                u = json.loads(line)
                if not u["translatable"] or len(u["text"]) != 1:
                    continue
                t = u["text"][0]
                if "<" in t or REF.match(t.strip(WS)):
                    continue
                got = by_key.get(u["key"])
                if got is None or t not in got:
                    problems.append("%s: translate-toolkit reads %r as %r, tonelint as %r"
                                    % (path, u["key"], t[:120], got))

    for r in ours:
        check_position(fmt, data, starts, r, problems, path)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
