#!/usr/bin/env python3
"""Latency of `tonelint lsp` answering an edit in a large PO file.

Opens a PO catalog of N strings (default 10,000), then repeatedly sends an
incremental didChange that rewrites one msgid (alternating between a clean
and a flagged wording, so the diagnostics really change) and times the
round trip until the publishDiagnostics for that version arrives. Prints
the distribution (p50/p90/p99/max) of the round trip and of the server's
own lint time (from `--verbose`).

  tests/bench/lsp_bench.py build/tonelint [--strings N | --size MB] [--edits K]
                           [--corpus ../shared/corpus]

--size 10 makes a 10 MB catalog (the keystroke figure in docs/robustness.md;
tests/bench/run.sh reports it too).

With --corpus the strings are real msgids read from the PO/POT files under
that folder (nothing is copied anywhere); otherwise they are generated from
a fixed seed, about one in ten carrying a problem, like real catalogs.
Not a test: numbers depend on the machine. On a machine busy with other
work, the server's CPU time is the figure to read (the wall clock also
counts waiting for a core), or run the benchmark at real-time priority:
`chrt -f 10 tests/bench/lsp_bench.py ...`. Python standard library only.
"""
import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lsp"))
from lspclient import LspClient  # noqa: E402

CLEAN = [
    "Save changes to {w} {n}", "Open {w} {n} in a new window", "Show {n} more comments",
    "Thanks — your {w} for order {n} came through.", "Delete {n} selected {w}s?",
    "Your {w} is ready to download.", "Search {w}s", "Sort by date", "{n} people liked this",
    "Add a note to {w} {n}", "We couldn't reach the server. Check your connection and try again.",
    "Copied to clipboard", "Sign in to see your {w}s", "Invite people to {w} {n}",
    "Your changes to {w} {n} are saved.", "Choose a {w} to continue", "Last edited {n} minutes ago",
    "Download the {w} as PDF", "Rename {w}", "Move {w} {n} to another folder",
]
FLAGGED = [
    "You failed to enter a valid {w} number.", "We apologize for any inconvenience with {w} {n}.",
    "Please be advised that {w} {n} has been processed.", "Click here to open {w} {n}.",
    "Invalid {w}. Contact your administrator.", "Your {w} will be terminated in {n} days.",
    "Simply restart the app to load {w} {n}.", "Please utilize the {w} form.",
]
WORDS = ["file", "project", "invoice", "card", "report", "photo", "message", "order", "team",
         "page", "account", "folder", "payment", "comment", "device"]


def po_escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def synthetic(n, rng):
    seen, out = set(), []
    while len(out) < n:
        bank = FLAGGED if rng.random() < 0.1 else CLEAN
        s = rng.choice(bank).format(w=rng.choice(WORDS), n=rng.randint(1, 10**6))
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


def from_corpus(root, n):
    seen, out = set(), []
    msgid = re.compile(r'^msgid "(.*)"\s*$')
    for dirpath, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if not name.endswith((".po", ".pot")):
                continue
            with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
                for line in f:
                    m = msgid.match(line)
                    if m and m.group(1) and m.group(1) not in seen:
                        seen.add(m.group(1))
                        out.append(m.group(1))  # already PO-escaped
                        if len(out) == n:
                            return out, True
    return out, True


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def pct(xs, p):
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1)))))
    return xs[k]


def summary(name, xs):
    return "%-22s n=%d  p50=%.2f  p90=%.2f  p99=%.2f  max=%.2f ms" % (
        name, len(xs), pct(xs, 50), pct(xs, 90), pct(xs, 99), max(xs))


def build(strings):
    """The PO text of strings (PO-escaped), and the line of each msgid."""
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    msgid_line = []
    for i, s in enumerate(strings):
        lines.append("#: src/app/view%d.c:%d" % (i % 97, i))
        msgid_line.append(len(lines))
        lines.append('msgid "%s"' % s)
        lines.append('msgstr ""')
        lines.append("")
    return "\n".join(lines) + "\n", msgid_line


def strings_for_size(nbytes):
    """About how many generated strings make a PO file of nbytes."""
    return max(1, nbytes // 80)


def measure(tonelint, strings=10000, edits=300, corpus=None, seed=7, log=print):
    """Open the catalog, time `edits` edits. Returns a dict: bytes, strings,
    findings, first (ms), rtts, server, cpu (lists of ms), cached (edits
    answered with one segment matched), loadavg."""
    rng = random.Random(seed)
    if corpus:
        strs, escaped = from_corpus(corpus, strings)
    else:
        strs, escaped = [po_escape(s) for s in synthetic(strings, rng)], True
    assert escaped
    text, msgid_line = build(strs)

    tmp = tempfile.mkdtemp(prefix="tonelint-bench-")
    path = os.path.join(tmp, "messages.pot")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)  # the file exists so the path is real; the server reads the editor's text
    uri = "file://" + path
    res = {"bytes": len(text.encode("utf-8")), "strings": len(strs)}
    client = LspClient([tonelint, "lsp", "--verbose", "--no-config"])
    try:
        client.call("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
        client.notify("initialized", {})
        t0 = time.perf_counter()
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "po", "version": 1, "text": text}})
        diags = client.diagnostics(uri, 1, timeout=600)
        res["first"] = (time.perf_counter() - t0) * 1e3
        res["findings"] = len(diags)
        log("file: %d strings, %d bytes, %d diagnostics; first lint (no cache) %.1f ms" % (
            len(strs), res["bytes"], len(diags), res["first"]))

        current = list(strs)
        rtts = []
        version = 1
        for k in range(edits):
            i = rng.randrange(len(current))
            old = current[i]
            new = po_escape((FLAGGED if k % 2 == 0 else CLEAN)[k % 8].format(
                w=rng.choice(WORDS), n=k))
            line = msgid_line[i]
            rng_ = {"start": {"line": line, "character": 7},
                    "end": {"line": line, "character": 7 + utf16_len(old)}}
            version += 1
            t0 = time.perf_counter()
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": rng_, "text": new}]})
            msg = client.publication(uri, version, timeout=600)
            rtts.append((msg["_received"] - t0) * 1e3)
            current[i] = new
        client.call("shutdown")
        client.notify("exit")
        client.wait_exit()
    finally:
        client.close()
        os.remove(path)
        os.rmdir(tmp)
    logs = [m for m in (re.search(r"lint ([0-9.]+) ms, publish ([0-9.]+) ms, cpu ([0-9.]+) ms$", l)
                        for l in client.stderr_lines[1:]) if m]
    res["rtts"] = rtts
    res["server"] = [float(m.group(1)) + float(m.group(2)) for m in logs]
    res["cpu"] = [float(m.group(3)) for m in logs]
    res["cached"] = len([l for l in client.stderr_lines if "(1 matched" in l])
    res["loadavg"] = (" ".join(open("/proc/loadavg").read().split()[:3])
                      if os.path.exists("/proc/loadavg") else "")
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tonelint")
    ap.add_argument("--strings", type=int, default=10000)
    ap.add_argument("--size", type=float, help="MB of text instead of --strings (generated)")
    ap.add_argument("--edits", type=int, default=300)
    ap.add_argument("--corpus")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    strings = strings_for_size(int(args.size * 1e6)) if args.size else args.strings
    r = measure(args.tonelint, strings, args.edits, args.corpus, args.seed)
    print(summary("round trip", r["rtts"]))
    print("(round trip: didChange written -> publishDiagnostics fully read by the client,"
          " before the client parses it)")
    print(summary("server lint+publish", r["server"]))
    print(summary("server CPU time", r["cpu"]))
    print("load average at the end: %s" % r["loadavg"])
    print("edits answered with one segment matched: %d of %d" % (r["cached"], len(r["rtts"])))


if __name__ == "__main__":
    main()
