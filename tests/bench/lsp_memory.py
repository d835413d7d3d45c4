#!/usr/bin/env python3
"""Memory of `tonelint lsp` against the text of the documents it has open.

Starts the server, reads its resident set (VmRSS in /proc), opens N PO
catalogs of S strings each (generated from a fixed seed, about one string
in ten carrying a problem, as in lsp_bench.py), waits for each one's
diagnostics, and reads the resident set and its peak (VmHWM) again. Prints
the growth as a multiple of the open text: the figure docs/robustness.md
states (tests/lsp/client.py checks the bound).

  tests/bench/lsp_memory.py build/tonelint [--docs N] [--strings S] [--format po|json]

Defaults: 100 documents of 1,800 strings (about 140 KB each). Linux only
(reads /proc). Not a test. Python standard library only.
"""
import argparse
import json
import os
import random
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "lsp"))
sys.path.insert(0, here)
from lspclient import LspClient  # noqa: E402
from lsp_bench import po_escape, synthetic  # noqa: E402


def kb(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def document(fmt, strings):
    if fmt == "json":
        return "{\n" + ",\n".join('  "key.%d": %s' % (i, json.dumps(s, ensure_ascii=False))
                                  for i, s in enumerate(strings)) + "\n}\n"
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for i, s in enumerate(strings):
        lines += ["#: src/app/view%d.c:%d" % (i % 97, i), 'msgid "%s"' % po_escape(s),
                  'msgstr ""', ""]
    return "\n".join(lines) + "\n"


def measure(tonelint, ndocs=100, nstrings=1800, fmt="po", seed=7):
    """Open ndocs documents; returns a dict: bytes (of text), base, rss,
    hwm (KiB), growth and peak_growth (multiples of the text)."""
    rng = random.Random(seed)
    c = LspClient([tonelint, "lsp", "--no-config"])
    try:
        c.call("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
        c.notify("initialized", {})
        time.sleep(0.2)
        pid = c.proc.pid
        base = kb(pid, "VmRSS")
        total = 0
        for d in range(ndocs):
            text = document(fmt, synthetic(nstrings, rng))
            total += len(text.encode("utf-8"))
            uri = "file:///tmp/tonelint-memory/doc%d.%s" % (d, fmt)
            c.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": fmt, "version": 1, "text": text}})
            c.diagnostics(uri, 1, timeout=600)
        rss, hwm = kb(pid, "VmRSS"), kb(pid, "VmHWM")
        c.call("shutdown")
        c.notify("exit")
        c.wait_exit()
    finally:
        c.close()
    return {"bytes": total, "base": base, "rss": rss, "hwm": hwm,
            "growth": (rss - base) * 1024.0 / total, "peak_growth": (hwm - base) * 1024.0 / total}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tonelint")
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--strings", type=int, default=1800)
    ap.add_argument("--format", choices=["po", "json"], default="po")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    m = measure(args.tonelint, args.docs, args.strings, args.format, args.seed)
    print("%d %s documents, %.1f MB of text: resident set %.1f MB -> %.1f MB (peak %.1f MB); "
          "growth %.2f times the open text (peak %.2f)"
          % (args.docs, args.format, m["bytes"] / 1e6, m["base"] / 1024.0, m["rss"] / 1024.0,
             m["hwm"] / 1024.0, m["growth"], m["peak_growth"]))


if __name__ == "__main__":
    main()
