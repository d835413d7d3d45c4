#!/usr/bin/env python3
"""End-to-end test of `tonelint lsp`, speaking the protocol as an editor does.

  tests/lsp/client.py TONELINT_BINARY SOURCE_DIR

Covers: the lifecycle (initialize, initialized, shutdown, exit codes),
didOpen/didChange (incremental and full)/didClose, diagnostics with UTF-16
ranges (a finding after characters outside the BMP), cross-checked against
the CLI's JSON output for the same text, quick fixes and hover, malformed
and oversized messages, unknown methods, `--rules DIR` after `lsp`, and
`.tonelint.yml` (found upward from each document, `ignore`, severities,
reloaded when the client reports the file changed, errors shown on the
document, `--no-config`).
Python standard library only. Exits 1 on the first failed check.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import LspClient  # noqa: E402

TONELINT = sys.argv[1]
FAILURES = 0

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#: src/card.c:10
msgid "\U0001F600\U0001F389 You failed to enter a valid card number."
msgstr ""

#: src/form.c:20
msgid "Please utilize the form below."
msgstr ""

#: src/pay.c:30
msgid "Your payment is received."
msgstr ""

#: src/ok.c:40
msgid "Thanks \u2014 your payment came through."
msgstr ""
"""


def check(cond, what):
    global FAILURES
    if not cond:
        FAILURES += 1
        print("FAIL:", what)
        sys.exit(1)
    print("ok:", what)


def u16(s):
    return len(s.encode("utf-16-le")) // 2


def lsp_pos(text, byte_offset):
    """LSP position of a byte offset of text's UTF-8 encoding."""
    b = text.encode("utf-8")[:byte_offset].decode("utf-8")
    lines = re.split(r"\r\n|\r|\n", b)
    return {"line": len(lines) - 1, "character": u16(lines[-1])}


def offset_of(text, pos):
    """Python string index of an LSP position (UTF-16) in text."""
    lines = re.split(r"(\r\n|\r|\n)", text)
    idx, line = 0, 0
    parts = lines[0::2]
    seps = lines[1::2] + [""]
    for line in range(pos["line"]):
        idx += len(parts[line]) + len(seps[line])
    cur = parts[pos["line"]]
    units = 0
    for i, ch in enumerate(cur):
        if units >= pos["character"]:
            return idx + i
        units += u16(ch)
    return idx + len(cur)


def apply_edit(text, edit):
    a = offset_of(text, edit["range"]["start"])
    b = offset_of(text, edit["range"]["end"])
    return text[:a] + edit["newText"] + text[b:]


def cli_findings(text, name):
    """The CLI's findings for the same text, as LSP ranges."""
    # --no-config: the server does not read .tonelint.yml (yet); compare like with like.
    out = subprocess.run([TONELINT, "--format", "json", "--no-config", "--stdin-filename", name, "-"],
                         input=text.encode("utf-8"), stdout=subprocess.PIPE, check=False).stdout
    doc = json.loads(out)
    res = []
    for f in doc["files"][0]["findings"]:
        res.append((f["rule"], json.dumps(lsp_pos(text, f["offset"])),
                    json.dumps(lsp_pos(text, f["offset"] + f["length"]))))
    return sorted(res)


def as_tuples(diags):
    return sorted((d["code"], json.dumps(d["range"]["start"]), json.dumps(d["range"]["end"]))
                  for d in diags)


def rules_info():
    out = subprocess.run([TONELINT, "--list-rules", "--format", "json"], stdout=subprocess.PIPE,
                         check=True).stdout
    return {r["id"]: r for r in json.loads(out)}


def initialize(c, markdown=True):
    caps = {"textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"] if markdown
                                       else ["plaintext"]}}}
    return c.call("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": caps})


def main():
    rules = rules_info()
    version = subprocess.run([TONELINT, "--version"], stdout=subprocess.PIPE,
                             check=True).stdout.decode().split()[-1]
    c = LspClient([TONELINT, "lsp"])
    try:
        session(c, rules, version)
    finally:
        c.close()
        if FAILURES:
            print("\n".join(c.stderr_lines))
    lifecycle_without_shutdown()
    extra_rules_pack()
    project_configs()
    diagnostics_cap()
    incremental_equals_fresh()
    memory_bound()
    print("all LSP checks passed")


def session(c, rules, version):
    # -- before initialize ---------------------------------------------------
    r = c.call("textDocument/hover", {"textDocument": {"uri": "file:///x.po"},
                                      "position": {"line": 0, "character": 0}})
    check(r.get("error", {}).get("code") == -32002, "a request before initialize is refused")

    # -- initialize ------------------------------------------------------------
    r = initialize(c)["result"]
    caps = r["capabilities"]
    check(caps["textDocumentSync"]["change"] == 2 and caps["textDocumentSync"]["openClose"],
          "incremental text sync is advertised")
    check("quickfix" in caps["codeActionProvider"]["codeActionKinds"], "quick fixes advertised")
    check(caps["hoverProvider"] is True, "hover advertised")
    check(r["serverInfo"] == {"name": "tonelint", "version": version}, "serverInfo name/version")
    c.notify("initialized", {})

    # -- didOpen: diagnostics ------------------------------------------------------
    uri = "file:///tmp/tonelint%20lsp/app.po"  # percent-escape; the name picks the format
    text = PO
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "po", "version": 1, "text": text}})
    diags = c.diagnostics(uri, 1)
    codes = [d["code"] for d in diags]
    check("blame.you-failed-to" in codes and "wordy.utilize" in codes, "expected rules found")
    check(as_tuples(diags) == cli_findings(text, "app.po"),
          "diagnostics equal the CLI's findings, in UTF-16 ranges")
    blame = next(d for d in diags if d["code"] == "blame.you-failed-to")
    # line 6 (0-based 5): `msgid "` is 7 units, two emoji are 4, then a space.
    check(blame["range"] == {"start": {"line": 5, "character": 12},
                             "end": {"line": 5, "character": 25}},
          "UTF-16 range after two non-BMP characters: %s" % json.dumps(blame["range"]))
    sev = {"error": 1, "warning": 2, "suggestion": 3}
    check(all(d["severity"] == sev[rules[d["code"]]["severity"]] for d in diags),
          "severities: error 1, warning 2, suggestion 3")
    check(all(d["source"] == "tonelint" for d in diags), "source is tonelint")
    check(blame["codeDescription"]["href"].endswith("docs/rules.md#blameyou-failed-to"),
          "codeDescription links the rule's docs: %s" % blame["codeDescription"]["href"])
    check(blame["message"] and "You failed to" in blame["message"], "message")

    # -- hover ----------------------------------------------------------------------
    r = c.call("textDocument/hover", {"textDocument": {"uri": uri},
                                      "position": {"line": 5, "character": 15}})["result"]
    value = r["contents"]["value"]
    plain = re.sub(r"\\(.)", r"\1", value)
    check(r["contents"]["kind"] == "markdown", "hover in Markdown")
    check(rules["blame.you-failed-to"]["why"] in plain, "hover shows the rule's why")
    check("blame.you-failed-to" in plain and "rules.md#blameyou-failed-to" in value,
          "hover names the rule and links it")
    util = next(d for d in diags if d["code"] == "wordy.utilize")
    ur = c.call("textDocument/hover", {"textDocument": {"uri": uri},
                                       "position": util["range"]["start"]})["result"]
    uplain = re.sub(r"\\(.)", r"\1", ur["contents"]["value"])
    out = subprocess.run([TONELINT, "--format", "json", "--no-config", "--stdin-filename", "app.po",
                          "-"], input=text.encode("utf-8"), stdout=subprocess.PIPE).stdout
    sugg = [x for f in json.loads(out)["files"][0]["findings"] if f["rule"] == "wordy.utilize"
            for x in f.get("suggestions", [])]
    check(sugg and all(s in uplain for s in sugg),
          "hover lists the suggestions (in the match's case)")
    check(r["range"] == blame["range"], "hover range is the finding's")
    r = c.call("textDocument/hover", {"textDocument": {"uri": uri},
                                      "position": {"line": 17, "character": 9}})
    check(r["result"] is None, "no hover where there is no finding")

    # -- code actions -----------------------------------------------------------
    util = next(d for d in diags if d["code"] == "wordy.utilize")
    acts = c.call("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": util["range"],
        "context": {"diagnostics": [util]}})["result"]
    fix = [a for a in acts if a["diagnostics"][0]["code"] == "wordy.utilize"]
    check(len(fix) == 1 and fix[0]["kind"] == "quickfix", "one quick fix for utilize")
    edits = fix[0]["edit"]["changes"][uri]
    check(len(edits) == 1 and edits[0]["range"] == util["range"] and edits[0]["newText"] == "use",
          "the WorkspaceEdit replaces exactly the finding's range with the suggestion")
    check(fix[0].get("isPreferred") is (rules["wordy.utilize"]["fix"] == "safe") or
          (rules["wordy.utilize"]["fix"] != "safe" and "isPreferred" not in fix[0]),
          "a safe fix is preferred")
    check("Please use the form below." in apply_edit(text, edits[0]),
          "applying the edit gives the suggested text")
    acts = c.call("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": util["range"],
        "context": {"diagnostics": [], "only": ["refactor"]}})["result"]
    check(acts == [], "no quick fixes when only refactorings are asked for")
    acts = c.call("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": {"line": 1, "character": 0},
                                                "end": {"line": 1, "character": 3}},
        "context": {"diagnostics": []}})["result"]
    check(acts == [], "no quick fixes away from findings")

    # -- incremental change that fixes the first string ---------------------------
    start = blame["range"]["start"]
    new_text = "Enter"
    change = {"range": {"start": start, "end": {"line": 5, "character": start["character"] +
                                                u16("You failed to enter")}},
              "text": new_text}
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                        "contentChanges": [change]})
    text = apply_edit(text, change | {"newText": new_text})
    diags = c.diagnostics(uri, 2)
    check("blame.you-failed-to" not in [d["code"] for d in diags], "the fixed string is clean")
    check(as_tuples(diags) == cli_findings(text, "app.po"), "diagnostics after an incremental change")

    # Two changes in one notification: a line at the top moves every range.
    changes = [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                "text": "# A comment\n"},
               {"range": {"start": {"line": 18, "character": 7}, "end": {"line": 18, "character": 13}},
                "text": "\U0001F44D Thanks"}]
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                        "contentChanges": changes})
    for ch in changes:
        text = apply_edit(text, ch | {"newText": ch["text"]})
    diags = c.diagnostics(uri, 3)
    check(as_tuples(diags) == cli_findings(text, "app.po"),
          "diagnostics after two changes in one notification")
    check(any(d["code"] == "wordy.utilize" and d["range"]["start"]["line"] == 10 for d in diags),
          "ranges moved down by the inserted line")

    # A full-text change.
    text = PO.replace("Your payment is received.", "Your payment came through.")
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4},
                                        "contentChanges": [{"text": text}]})
    diags = c.diagnostics(uri, 4)
    check(as_tuples(diags) == cli_findings(text, "app.po"), "diagnostics after a full change")

    # A change that breaks the syntax: one error diagnostic; fixing it restores.
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 5},
                                        "contentChanges": [{"text": 'msgid "open\nmsgstr ""\n'}]})
    diags = c.diagnostics(uri, 5)
    check(len(diags) == 1 and diags[0]["severity"] == 1 and diags[0]["range"]["start"]["line"] == 0,
          "a syntax error is one error diagnostic: %s" % json.dumps(diags))
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 6},
                                        "contentChanges": [{"text": text}]})
    check(as_tuples(c.diagnostics(uri, 6)) == cli_findings(text, "app.po"), "back to normal")

    # Changes that arrive together are linted once, for the last version.
    c.drop_diagnostics()
    burst = b""
    for v in (7, 8, 9):
        body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": v},
            "contentChanges": [{"range": {"start": {"line": 17, "character": 7},
                                          "end": {"line": 17, "character": 7}},
                                "text": "x"}]}}).encode()
        burst += b"Content-Length: %d\r\n\r\n" % len(body) + body
        text = apply_edit(text, {"range": {"start": {"line": 17, "character": 7},
                                           "end": {"line": 17, "character": 7}}, "newText": "x"})
    c.send_raw(burst)  # one write (under PIPE_BUF): the server sees all three at once
    diags = c.diagnostics(uri, 9)
    early = [m for m in c.pending if m.get("method") == "textDocument/publishDiagnostics"]
    check(not early, "a burst of changes is linted once (no publish for versions 7 and 8)")
    check(as_tuples(diags) == cli_findings(text, "app.po"), "diagnostics after the burst")

    # -- malformed and refused messages -------------------------------------------
    c.send_raw(b"Content-Length: 5\r\n\r\n{bad}")
    r = c.wait_for(lambda m: "error" in m and m.get("id") is None)
    check(r["error"]["code"] == -32700, "malformed JSON gets a ParseError response")
    c.send_raw(b"Content-Length: 3\r\n\r\n[1]")
    r = c.wait_for(lambda m: "error" in m and m.get("id") is None)
    check(r["error"]["code"] == -32600, "a JSON value that is not an object is an invalid request")
    c.send_raw(b"Content-Type: text/plain\r\n\r\n")
    r = c.wait_for(lambda m: "error" in m and m.get("id") is None)
    check(r["error"]["code"] == -32600, "a header without Content-Length is refused")
    c.send_raw(b"X-Padding: " + b"a" * ((1 << 20) + 100) + b"\r\nContent-Length: 2\r\n\r\n{}")
    r = c.wait_for(lambda m: "error" in m and m.get("id") is None)
    check(r["error"]["code"] == -32600 and "header" in r["error"]["message"],
          "a header over 1 MiB is refused: %s" % r["error"]["message"])
    big = 64 * 1024 * 1024 + 1
    c.send_raw(b"Content-Length: %d\r\n\r\n" % big)
    r = c.wait_for(lambda m: "error" in m and m.get("id") is None)
    check(r["error"]["code"] == -32600 and "larger" in r["error"]["message"],
          "a body over 64 MiB is refused before it is sent: %s" % r["error"]["message"])
    chunk = b" " * (1 << 20)
    for _ in range(big // len(chunk)):
        c.send_raw(chunk)
    c.send_raw(b" " * (big % len(chunk)))
    r = c.call("textDocument/hover", {"textDocument": {"uri": uri},
                                      "position": {"line": 5, "character": 15}})
    check("result" in r, "the server keeps running after refused messages")

    # Well-formed JSON with the wrong shapes: answered or ignored, never fatal.
    odd = [
        {"jsonrpc": "2.0", "id": 900, "method": 5},
        {"jsonrpc": "2.0", "id": [1], "method": "textDocument/hover"},
        {"jsonrpc": "2.0", "id": 901, "method": "textDocument/hover", "params": 5},
        {"jsonrpc": "2.0", "id": 902, "method": "textDocument/hover",
         "params": {"textDocument": {"uri": uri}, "position": {"line": -1, "character": 2}}},
        {"jsonrpc": "2.0", "id": 903, "method": "textDocument/hover",
         "params": {"textDocument": {"uri": uri}, "position": {"line": 1.5, "character": 0}}},
        {"jsonrpc": "2.0", "id": 904, "method": "textDocument/hover",
         "params": {"textDocument": {"uri": uri},
                    "position": {"line": 2**62, "character": 2**62}}},
        {"jsonrpc": "2.0", "id": 905, "method": "textDocument/codeAction",
         "params": {"textDocument": {"uri": uri}, "range": {"start": {"line": 99, "character": 0},
                                                             "end": {"line": 0, "character": 0}},
                    "context": {"only": "quickfix"}}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange",
         "params": {"textDocument": {"uri": uri}, "contentChanges": [
             {"range": {"start": {"line": 2**40, "character": 0}, "end": {"line": 0}}, "text": "x"},
             {"text": 7}, 3, None]}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {}}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange",
         "params": {"textDocument": {"uri": "file:///not/open.po"}, "contentChanges": []}},
        {"jsonrpc": "2.0", "id": 906, "method": "textDocument/hover",
         "params": {"textDocument": {"uri": "file:///not/open.po"},
                    "position": {"line": 0, "character": 0}}},
        {"jsonrpc": "2.0", "id": None, "method": "shutdownX"},
        {"jsonrpc": "2.0", "result": 1, "id": 77},
    ]
    for m in odd:
        c.send(m)
    r = c.call("textDocument/hover", {"textDocument": {"uri": uri},
                                      "position": {"line": 5, "character": 15}})
    check("result" in r, "the server survives messages of the wrong shape")
    got = {m.get("id"): m for m in c.pending if "id" in m and "method" not in m}
    check(all(i in got for i in (901, 902, 903, 904, 905, 906)),
          "each odd request got an answer: %s" % sorted(k for k in got if k is not None))
    check(got[902].get("error", {}).get("code") == -32602, "a negative position is InvalidParams")
    check(got[904].get("result", 0) is None, "a position far past the end finds nothing")
    check(got[906].get("result", 0) is None, "a document that is not open has nothing to say")
    c.pending = [m for m in c.pending if not ("id" in m and "method" not in m)]
    text = PO.replace("Your payment is received.", "Your payment came through.")
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 10},
                                        "contentChanges": [{"text": text}]})
    check(as_tuples(c.diagnostics(uri, 10)) == cli_findings(text, "app.po"),
          "the document is still in sync after odd changes")

    # -- unknown methods, cancellation ---------------------------------------------
    c.notify("$/cancelRequest", {"id": 12345})
    c.notify("workspace/didChangeConfiguration", {"settings": {}})
    r = c.call("textDocument/definition", {"textDocument": {"uri": uri},
                                           "position": {"line": 0, "character": 0}})
    check(r.get("error", {}).get("code") == -32601, "an unknown request is MethodNotFound")
    check(not [m for m in c.pending if "error" in m], "notifications get no error responses")
    r = c.call("$/unknownRequest", {})
    check(r.get("error", {}).get("code") == -32601, "an unknown $/ request is MethodNotFound")

    # -- another format: JSON, whose fixes go through its encoder --------------------
    juri = "file:///tmp/locales/en.json"
    jtext = ('{\n  "errors": {\n    "card": "\U0001F4B3 You failed to enter a valid card number.",\n'
             '    "quote": "Please utilize the \\"Save\\" button."\n  }\n}\n')
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": juri, "languageId": "json", "version": 1, "text": jtext}})
    jd = c.diagnostics(juri, 1)
    check(as_tuples(jd) == cli_findings(jtext, "en.json") and len(jd) >= 2,
          "JSON diagnostics equal the CLI's")
    ju = next(d for d in jd if d["code"] == "wordy.utilize")
    acts = c.call("textDocument/codeAction", {"textDocument": {"uri": juri}, "range": ju["range"],
                                              "context": {"diagnostics": [ju]}})["result"]
    edit = acts[0]["edit"]["changes"][juri][0]
    fixed = apply_edit(jtext, edit)
    check(json.loads(fixed)["errors"]["quote"] == 'Please use the "Save" button.',
          "a JSON quick fix keeps the file valid JSON")
    c.notify("textDocument/didClose", {"textDocument": {"uri": juri}})

    # -- didClose clears diagnostics ------------------------------------------------
    c.drop_diagnostics()
    c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    check(c.diagnostics(uri) == [], "didClose publishes an empty list")

    # -- shutdown and exit ------------------------------------------------------------
    r = c.call("shutdown")
    check("result" in r and r["result"] is None, "shutdown answers null")
    r = c.call("textDocument/hover", {"textDocument": {"uri": uri},
                                      "position": {"line": 0, "character": 0}})
    check(r.get("error", {}).get("code") == -32600, "requests after shutdown are refused")
    c.notify("exit")
    check(c.wait_exit() == 0, "exit after shutdown: status 0")


def lifecycle_without_shutdown():
    c = LspClient([TONELINT, "lsp"])
    try:
        initialize(c)
        c.notify("exit")
        check(c.wait_exit() == 1, "exit without shutdown: status 1")
    finally:
        c.close()
    c = LspClient([TONELINT, "lsp"])
    try:
        initialize(c)
        c.proc.stdin.close()
        check(c.wait_exit() == 1, "the client going away without shutdown: status 1")
    finally:
        c.close()


def extra_rules_pack():
    with tempfile.TemporaryDirectory() as pack:
        with open(os.path.join(pack, "test.yml"), "w") as f:
            f.write("""category: wordy
rules:
  - id: wordy.lsp-test-frobnicate
    severity: warning
    kind: substitution
    message: "“{match}” is jargon."
    why: Nobody frobnicates on purpose.
    patterns: ['\\bfrobnicate\\b']
    suggest: ["adjust"]
    examples:
      bad: ["Frobnicate the settings."]
      good: ["Adjust the settings."]
    source: https://example.org/lsp-test
""")
        c = LspClient([TONELINT, "lsp", "--rules", pack])
        try:
            initialize(c, markdown=False)
            c.notify("initialized", {})
            uri = "untitled:Untitled-1"  # no name to detect from: languageId decides
            c.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "po", "version": 7,
                "text": 'msgid "Frobnicate the settings."\nmsgstr ""\n'}})
            diags = c.diagnostics(uri, 7)
            check([d["code"] for d in diags] == ["wordy.lsp-test-frobnicate"],
                  "--rules DIR after `lsp` loads the pack; languageId picks the format")
            r = c.call("textDocument/hover", {"textDocument": {"uri": uri},
                                              "position": {"line": 0, "character": 8}})["result"]
            check(r["contents"]["kind"] == "plaintext" and
                  "Nobody frobnicates on purpose." in r["contents"]["value"],
                  "plain-text hover for a client without Markdown")
            c.call("shutdown")
            c.notify("exit")
            check(c.wait_exit() == 0, "clean exit")
        finally:
            c.close()
    c = LspClient([TONELINT, "lsp", "--rules", "/nonexistent/pack"])
    try:
        initialize(c)
        c.notify("initialized", {})
        m = c.wait_for(lambda m: m.get("method") == "window/showMessage")
        check(m["params"]["type"] == 1 and "/nonexistent/pack" in m["params"]["message"],
              "a pack that does not load is shown to the user: %s" % m["params"]["message"])
        c.call("shutdown")
        c.notify("exit")
        check(c.wait_exit() == 0 and any("/nonexistent/pack" in l for l in c.stderr_lines),
              "... and logged on standard error")
    finally:
        c.close()


CONFIG_PO = """msgid "You failed to enter a valid card number."
msgstr ""

msgid "Please utilize the form below."
msgstr ""

msgid "Your payment is received."
msgstr ""
"""


def diagnostics_cap():
    """A document with thousands of findings: the first 1,000 are published,
    then one diagnostic saying how many more there are."""
    c = LspClient([TONELINT, "lsp"])
    try:
        initialize(c)
        c.notify("initialized", {})
        uri = "file:///tmp/tonelint-cap/app.po"
        text = "".join('msgid "Please utilize the portal %d."\nmsgstr ""\n\n' % i
                       for i in range(1500))
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "po", "version": 1, "text": text}})
        diags = c.diagnostics(uri, 1)
        check(len(diags) == 1001 and all(d.get("code") == "wordy.utilize" for d in diags[:1000]),
              "diagnostics are capped at 1,000 per document (%d published)" % len(diags))
        check("500 more findings" in diags[-1]["message"] and diags[-1]["range"]["start"]["line"]
              == 3000, "... and one more says how many were left out: %s" % diags[-1]["message"])
        c.call("shutdown")
        c.notify("exit")
        check(c.wait_exit() == 0, "clean exit")
    finally:
        c.close()


CLEAN = ["Save changes to the %s", "Open %s in a new window", "Show %s more comments",
         "Your %s is ready to download.", "Copied to clipboard %s", "Sign in to see your %s"]
FLAGGED = ["You failed to enter a valid %s number.", "Please utilize the %s form.",
           "Click here to open %s.", "Your %s will be terminated in 3 days."]


def catalog(rng, n, tag):
    """A PO catalog of n entries, about one in five flagged."""
    out = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n']
    for i in range(n):
        bank = FLAGGED if rng.random() < 0.2 else CLEAN
        out.append('#: src/%s/view%d.c:%d\nmsgid "%s"\nmsgstr ""\n\n'
                   % (tag, i % 13, i, rng.choice(bank) % ("%s %d" % (tag, i))))
    return "".join(out)


def full_diagnostics(uri, text):
    """What a fresh server publishes for text (no cache, no earlier version)."""
    c = LspClient([TONELINT, "lsp", "--no-config"])
    try:
        initialize(c)
        c.notify("initialized", {})
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "po", "version": 1, "text": text}})
        return c.diagnostics(uri, 1)
    finally:
        c.close()


def incremental_equals_fresh():
    """A series of incremental edits (typing in a string, lines inserted and
    deleted, entries pasted and cut, a moment where the text does not
    parse, an undo): what the server publishes after each equals what a
    fresh server publishes for the same text."""
    import random
    rng = random.Random(17)
    uri = "file:///tmp/tonelint-incr/messages.pot"
    text = catalog(rng, 300, "incr")
    c = LspClient([TONELINT, "lsp", "--no-config"])
    try:
        initialize(c)
        c.notify("initialized", {})
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "po", "version": 1, "text": text}})
        c.diagnostics(uri, 1)
        version = 1
        history = []
        for step in range(60):
            lines = text.split("\n")
            msgids = [i for i, l in enumerate(lines) if l.startswith('msgid "') and i > 2]
            kind = step % 6
            if kind == 0:  # type a word into a string
                ln = rng.choice(msgids)
                col = rng.randrange(7, len(lines[ln]))
                edits = [(ln, col, ln, col, rng.choice(["please ", "utilize ", "x", "simply "]))]
            elif kind == 1:  # replace a string's words
                ln = rng.choice(msgids)
                edits = [(ln, 7, ln, len(lines[ln]) - 1, rng.choice(FLAGGED + CLEAN) % "thing")]
            elif kind == 2:  # paste new entries before an entry (lines move)
                ln = rng.choice(msgids) - 1
                edits = [(ln, 0, ln, 0, catalog(rng, 3, "paste%d" % step).split("\n\n", 1)[1])]
            elif kind == 3:  # cut an entry (lines move up)
                ln = rng.choice(msgids) - 1
                edits = [(ln, 0, ln + 4, 0, "")]
            elif kind == 4:  # several changes in one notification, last line first
                a, b = sorted(rng.sample(msgids, 2))
                edits = [(b, 7, b, 7, "Please "), (a, 7, a, 7, "Kindly ")]
            else:  # break the quoting, then mend it in the next message
                ln = rng.choice(msgids)
                edits = [(ln, 6, ln, 7, "")]
            for (l1, c1, l2, c2, new) in edits:
                edit = {"range": {"start": {"line": l1, "character": c1},
                                  "end": {"line": l2, "character": c2}}, "newText": new}
                history.append(text)
                text = apply_edit(text, edit)
            version += 1
            c.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": l1, "character": c1},
                                              "end": {"line": l2, "character": c2}},
                                    "text": new} for (l1, c1, l2, c2, new) in edits]})
            got = c.diagnostics(uri, version)
            if kind == 5:
                # The unparsable moment: the error diagnostic; then the undo.
                check(len(got) == 1 and got[0]["severity"] == 1,
                      "a string left unquoted is one error diagnostic")
                text = history[-1]
                version += 1
                c.notify("textDocument/didChange", {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"range": {"start": {"line": ln, "character": 6},
                                                  "end": {"line": ln, "character": 6}},
                                        "text": '"'}]})
                got = c.diagnostics(uri, version)
            if step % 10 == 9 or step == 59:
                want = full_diagnostics(uri, text)
                check(got == want and len(want) > 0,
                      "after %d incremental edits the diagnostics equal a fresh lint's (%d)"
                      % (step + 1, len(want)))
        c.call("shutdown")
        c.notify("exit")
        check(c.wait_exit() == 0, "clean exit")
    finally:
        c.close()


def proc_kb(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return None


def sanitized(pid):
    """Whether the server runs under a sanitizer or a memory checker (its
    resident set is then not the server's own)."""
    with open("/proc/%d/maps" % pid) as f:
        maps = f.read()
    vsize = proc_kb(pid, "VmSize") or 0
    return "libasan" in maps or "libtsan" in maps or vsize > (1 << 32)  # > 4 TB: shadow memory


# docs/robustness.md states this bound on the language server's memory.
MEMORY_BOUND = 3.5


def memory_bound():
    """Many open documents: the server's resident set grows by at most
    MEMORY_BOUND times the open text (docs/robustness.md); documents not
    being edited keep only their text and a compact cache, and still answer
    hovers and quick fixes; closed documents give their memory back."""
    import random
    if not os.path.exists("/proc/self/status"):
        print("skip: no /proc to read the server's memory from")
        return
    rng = random.Random(5)
    c = LspClient([TONELINT, "lsp", "--no-config"])
    try:
        initialize(c)
        c.notify("initialized", {})
        pid = c.proc.pid
        base = proc_kb(pid, "VmRSS")

        def open_all(tag, n):
            total = 0
            for i in range(n):
                text = catalog(rng, 1000, "%s%d" % (tag, i))
                total += len(text.encode("utf-8"))
                uri = "file:///tmp/tonelint-mem/%s%d.po" % (tag, i)
                c.notify("textDocument/didOpen", {"textDocument": {
                    "uri": uri, "languageId": "po", "version": 1, "text": text}})
                c.diagnostics(uri, 1, timeout=60)
            return total

        n = 40
        total = open_all("a", n)
        rss, hwm = proc_kb(pid, "VmRSS"), proc_kb(pid, "VmHWM")
        # The first document's lint was given back: it is linted again to answer.
        uri0 = "file:///tmp/tonelint-mem/a0.po"
        r = c.call("textDocument/codeAction", {
            "textDocument": {"uri": uri0},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 4100, "character": 0}},
            "context": {"diagnostics": []}})["result"]
        check(isinstance(r, list) and any(a.get("kind") == "quickfix" for a in r),
              "a document not edited lately still offers quick fixes (%d)" % len(r or []))
        if sanitized(pid):
            print("skip: the server runs under a sanitizer; its memory is not measured")
        else:
            growth = (hwm - base) * 1024.0 / total
            check(growth <= MEMORY_BOUND,
                  "%d open documents, %.1f MB of text: resident set %.1f -> %.1f MB (peak %.1f), "
                  "%.2f times the text (bound %.1f)" % (n, total / 1e6, base / 1024.0,
                                                        rss / 1024.0, hwm / 1024.0, growth,
                                                        MEMORY_BOUND))
        for i in range(n):
            c.notify("textDocument/didClose", {"textDocument": {
                "uri": "file:///tmp/tonelint-mem/a%d.po" % i}})
        open_all("b", n)
        if not sanitized(pid):
            # Kept memory would add the whole first growth again; the
            # allocator's own reuse varies by a quarter of it from run to run.
            again = proc_kb(pid, "VmHWM")
            check(again <= hwm + (hwm - base) // 2,
                  "closed documents give their memory back: peak %.1f MB after closing them and "
                  "opening as many again (was %.1f)" % (again / 1024.0, hwm / 1024.0))
        c.call("shutdown")
        c.notify("exit")
        check(c.wait_exit() == 0, "clean exit")
    finally:
        c.close()


def codes(diags):
    return sorted((d["code"], d["severity"]) for d in diags)


def project_configs():
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "app", "vendor"))
        cfg = os.path.join(root, ".tonelint.yml")
        with open(cfg, "w") as f:
            f.write("rules:\n  wordy: off\n  blame.you-failed-to: warning\n"
                    "ignore: ['app/vendor/']\n")
        app = "file://" + os.path.join(root, "app", "messages.po")
        vendor = "file://" + os.path.join(root, "app", "vendor", "lib.po")
        c = LspClient([TONELINT, "lsp"])
        try:
            caps = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}
            c.call("initialize", {"processId": os.getpid(), "rootUri": "file://" + root,
                                  "capabilities": caps})
            c.notify("initialized", {})
            reg = c.wait_for(lambda m: m.get("method") == "client/registerCapability")
            w = reg["params"]["registrations"][0]
            check(w["method"] == "workspace/didChangeWatchedFiles" and
                  w["registerOptions"]["watchers"][0]["globPattern"] == "**/.tonelint.yml",
                  "asks the client to watch .tonelint.yml files")
            c.send({"jsonrpc": "2.0", "id": reg["id"], "result": None})

            def config_changed(text):
                """Rewrite the config on disk and tell the server, as a watching client does."""
                c.drop_diagnostics()
                with open(cfg, "w") as f:
                    f.write(text)
                c.notify("workspace/didChangeWatchedFiles",
                         {"changes": [{"uri": "file://" + cfg, "type": 2}]})

            for uri, v in ((app, 1), (vendor, 1)):
                c.notify("textDocument/didOpen", {"textDocument": {
                    "uri": uri, "languageId": "po", "version": v, "text": CONFIG_PO}})
            check(codes(c.diagnostics(app, 1)) ==
                  [("blame.you-failed-to", 2), ("cold.passive-processed", 2)],
                  "the nearest .tonelint.yml upward applies: a category off, a severity changed")
            check(c.diagnostics(vendor, 1) == [], "a document the config ignores has no findings")

            # The config changes on disk; the client says so.
            config_changed("rules:\n  cold: off\n")
            check(codes(c.diagnostics(app, 1)) ==
                  [("blame.you-failed-to", 1), ("wordy.utilize", 3)],
                  "a changed config is read again and every document linted again")
            check(codes(c.diagnostics(vendor, 1)) ==
                  [("blame.you-failed-to", 1), ("wordy.utilize", 3)],
                  "... a document no longer ignored gets its findings")

            # `audience:` makes a folder developer copy: rules for customers leave it.
            config_changed("audience:\n  - audience: developer\n    files: ['app/vendor/**']\n")
            check(codes(c.diagnostics(app, 1)) ==
                  [("blame.you-failed-to", 1), ("cold.passive-processed", 2),
                   ("wordy.utilize", 3)], "audience: a document outside its files is customer copy")
            check(codes(c.diagnostics(vendor, 1)) ==
                  [("blame.you-failed-to", 1), ("wordy.utilize", 3)],
                  "... one of its files is developer copy (cold.passive-processed is for customers)")

            # A config that does not parse: said on the document, at its top.
            config_changed("rules:\n  cold: [unclosed\n")
            d = c.diagnostics(app, 1)
            check(len(d) == 1 and d[0]["severity"] == 1 and ".tonelint.yml:" in d[0]["message"]
                  and d[0]["range"]["start"] == {"line": 0, "character": 0},
                  "a broken config is reported on the document: %s" % (d[0]["message"] if d else d))

            # Saving the config in the editor reloads it too; the config itself
            # is settings, not copy.
            c.drop_diagnostics()
            with open(cfg, "w") as f:
                f.write("rules:\n  blame: off\n")
            cfg_uri = "file://" + cfg
            c.notify("textDocument/didOpen", {"textDocument": {
                "uri": cfg_uri, "languageId": "yaml", "version": 1,
                "text": "rules:\n  blame: off\n"}})
            check(c.diagnostics(cfg_uri, 1) == [], "the config file itself is not linted")
            c.notify("textDocument/didSave", {"textDocument": {"uri": cfg_uri}})
            check(codes(c.diagnostics(app, 1)) ==
                  [("cold.passive-processed", 2), ("wordy.utilize", 3)],
                  "saving .tonelint.yml in the editor reloads it")
            c.call("shutdown")
            c.notify("exit")
            check(c.wait_exit() == 0, "clean exit")
        finally:
            c.close()
        c = LspClient([TONELINT, "lsp", "--no-config"])
        try:
            initialize(c)
            c.notify("initialized", {})
            c.notify("textDocument/didOpen", {"textDocument": {
                "uri": vendor, "languageId": "po", "version": 3, "text": CONFIG_PO}})
            check(codes(c.diagnostics(vendor, 3)) ==
                  [("blame.you-failed-to", 1), ("cold.passive-processed", 2),
                   ("wordy.utilize", 3)], "--no-config: the packs as they are")
            c.call("shutdown")
            c.notify("exit")
            check(c.wait_exit() == 0, "clean exit")
        finally:
            c.close()


if __name__ == "__main__":
    main()
