#!/usr/bin/env python3
"""The html report in a real browser: Debian's headless Chromium, driven
over the DevTools protocol (--remote-debugging-pipe) with Python's standard
library alone.

A scratch project (two catalogs, several moments, categories and
severities) is linted against a baseline written before two strings were
added. The report is opened from disk, and:

- the counts in the DOM (findings, shown, new, the table's totals per
  moment) equal the JSON report's for the same input;
- each filter (moment, category, severity, file, new only; and two at once;
  a file whose name holds markup, quotes and a control character too)
  leaves visible exactly the findings the JSON report says, and a moment
  with none left is hidden; "Show all" brings them back; the new-only box
  is ticked with a real mouse click;
- the table's counts switch to the new findings and back;
- nothing is requested from any URL but the file itself (file:), and the
  console has no error, no exception and no CSP violation;
- a screenshot is taken (a PNG of the page's size).

Usage: browser.py TONELINT SOURCE_DIR [--screenshot PATH]
       browser.py --open-time REPORT.html   (prints how long it takes to open)
Exit 77 when chromium is not installed."""
import base64
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time

FAILS = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail))
    if not ok:
        FAILS.append(name)


def eq(name, expected, actual):
    check(name, expected == actual, "got %r, expected %r" % (actual, expected))


class Browser:
    """Chromium with its DevTools protocol on fds 3 (commands in) and 4
    (replies and events out), messages ending in NUL."""

    def __init__(self, exe, profile, log):
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()
        logfd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--disable-default-apps", "--mute-audio",
                "--hide-scrollbars", "--window-size=1280,900",
                "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"]
        self.pid = os.posix_spawn(exe, args, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, to_r, 3), (os.POSIX_SPAWN_DUP2, from_w, 4),
            (os.POSIX_SPAWN_DUP2, logfd, 1), (os.POSIX_SPAWN_DUP2, logfd, 2)])
        for fd in (to_r, from_w, logfd):
            os.close(fd)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read(self, deadline):
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.from_r, 1 << 20)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=True, timeout=60):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_w, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method, timeout=60):
        deadline = time.time() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        while True:
            e = self._read(deadline)
            if e.get("method") == method:
                return e
            self.events.append(e)

    def open_page(self):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        self.session = self.send("Target.attachToTarget",
                                 {"targetId": target["targetId"], "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(domain + ".enable")

    def navigate(self, url):
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def js(self, expression):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in r:
            raise RuntimeError("script failed: %s" % r["exceptionDetails"])
        return r["result"].get("value")

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=10)
        except Exception:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def find_chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def shown(text):
    """A path as the report shows it: control characters and bidirectional
    controls in their visible form (docs/output-formats.md)."""
    out = []
    for ch in text:
        c = ord(ch)
        if ch in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif c < 0x20 or c == 0x7F:
            out.append("\\x%02x" % c)
        elif 0x80 <= c < 0xA0 or 0x202A <= c <= 0x202E or 0x2066 <= c <= 0x2069:
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    return "".join(out)


def ids(findings):
    return sorted("%s:%d:%d %s" % (shown(f["path"]), f["line"], f["column"], f["category"])
                  for f in findings)


def visible(b):
    # A row's own text is "path:line:column"; the path comes from data-file.
    rows = b.js("""[...document.querySelectorAll('.finding')].filter(e => e.getClientRects().length)
      .map(e => { const w = e.querySelector('.where').textContent.split(' · ')[0];
                  const m = w.match(/:(\\d+):(\\d+)$/);
                  return e.dataset.file + ':' + m[1] + ':' + m[2] + ' ' + e.dataset.category; })""")
    return sorted(rows)


def set_filter(b, name, value):
    b.js("""(() => { const e = document.getElementById('f-%s'); e.value = %s;
            e.dispatchEvent(new Event('change', {bubbles: true})); })()""" % (name, json.dumps(value)))


def click(b, element_id):
    """A real click: the mouse pressed and released on the element."""
    box = b.js("""(() => { const e = document.getElementById('%s'); e.scrollIntoView({block: 'center'});
                 const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"""
               % element_id)
    for kind in ("mousePressed", "mouseReleased"):
        b.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1],
                                            "button": "left", "clickCount": 1})


def open_time(report):
    exe = find_chromium()
    if not exe:
        print("chromium is not installed: skipped")
        return 77
    tmp = tempfile.mkdtemp()
    try:
        b = Browser(exe, os.path.join(tmp, "profile"), os.path.join(tmp, "chromium.log"))
        b.open_page()
        t0 = time.time()
        b.navigate("file://" + os.path.abspath(report))
        loaded = time.time() - t0
        n = b.js("document.querySelectorAll('.finding').length")
        t0 = time.time()
        b.js("""(() => { const e = document.getElementById('f-severity'); e.value = 'error';
                e.dispatchEvent(new Event('change', {bubbles: true})); return document.body.offsetHeight; })()""")
        filtered = time.time() - t0
        print("%s: %d findings, %d bytes; open (load event) %.2f s; one filter %.3f s"
              % (report, n, os.path.getsize(report), loaded, filtered))
        b.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "--open-time":
        return open_time(argv[1])
    if len(argv) < 2:
        print(__doc__)
        return 2
    tonelint, src = os.path.abspath(argv[0]), os.path.abspath(argv[1])
    shot = None
    if len(argv) >= 4 and argv[2] == "--screenshot":
        shot = os.path.abspath(argv[3])
    exe = find_chromium()
    if not exe:
        print("chromium is not installed: skipped")
        return 77
    env = dict(os.environ, TONELINT_RULES_DIR=os.path.join(src, "rules"))
    tmp = tempfile.mkdtemp()
    b = None
    try:
        proj = os.path.join(tmp, "p")
        os.makedirs(os.path.join(proj, "locales"))
        os.makedirs(os.path.join(proj, "emails", "dunning"))
        en = {"checkout": {"card_declined": "Invalid card. You failed to enter a valid card number.",
                           "expired": "Your card is invalid. Please utilize another card prior to checkout."},
              "billing": {"retry": "We apologize for any inconvenience. You failed to pay."},
              "signin": {"locked": "Your account has been locked due to too many attempts."},
              "settings": {"saved": "Settings saved successfully!!!"}}

        def write_catalog():
            with open(os.path.join(proj, "locales", "en.json"), "w") as f:
                json.dump(en, f, indent=1)
        write_catalog()
        with open(os.path.join(proj, "emails", "dunning", "reminder.txt"), "w") as f:
            f.write("Invalid payment details. You failed to update them. Click here.\n")
        # A file name with markup, quotes and a control character: the
        # file filter's value and the rows' data-file must still agree.
        with open(os.path.join(proj, "locales", 'we"ird <b>\x1b.json'), "w") as f:
            json.dump({"cart": {"empty": "Invalid cart."}}, f)

        def run(*args):
            return subprocess.run([tonelint, "--no-config", *args, "locales", "emails"], cwd=proj,
                                  env=env, stdout=subprocess.PIPE, check=False)
        run("--write-baseline", "base.json")
        # Two strings after the baseline: their findings are new.
        en["account"] = {"closed": "Invalid request. You failed to stay."}
        en["checkout"]["total"] = "Kindly utilize the link below."
        write_catalog()
        html = run("--format", "html", "--baseline", "base.json")
        eq("html exit status (new findings)", 1, html.returncode)
        report = os.path.join(proj, "report.html")
        with open(report, "wb") as f:
            f.write(html.stdout)
        everything = json.loads(run("--format", "json").stdout)
        new = json.loads(run("--format", "json", "--baseline", "base.json").stdout)

        def flat(doc):
            return [dict(f, path=fl["path"]) for fl in doc["files"] for f in fl["findings"]]
        all_f, new_f = flat(everything), flat(new)
        check("the input has new and known findings", 0 < len(new_f) < len(all_f),
              "%d new of %d" % (len(new_f), len(all_f)))

        b = Browser(exe, os.path.join(tmp, "profile"), os.path.join(tmp, "chromium.log"))
        b.open_page()
        t0 = time.time()
        b.navigate("file://" + report)
        print("     loaded in %.2f s" % (time.time() - t0))

        # Counts: the DOM against the JSON report.
        eq("findings in the DOM", len(all_f), b.js("document.querySelectorAll('.finding').length"))
        eq("shown count", str(len(all_f)), b.js("document.getElementById('shown').textContent"))
        eq("all visible at first", ids(all_f), visible(b))
        eq("NEW badges", len(new_f), b.js("document.querySelectorAll('.finding .new').length"))
        eq("new count in the summary", str(len(new_f)),
           b.js("document.getElementById('new-count').textContent"))
        per_moment = {}
        for f in all_f:
            per_moment[f["moment"]] = per_moment.get(f["moment"], 0) + 1
        eq("table totals per moment", per_moment,
           b.js("""Object.fromEntries([...document.querySelectorAll('#map tr[data-moment]')]
                   .map(r => [r.dataset.moment, +r.querySelector('td.total').textContent])
                   .filter(([m, n]) => n))"""))
        per_cell = {}
        for f in all_f:
            k = f["moment"] + "/" + f["category"]
            per_cell[k] = per_cell.get(k, 0) + 1
        eq("table cells", per_cell,
           b.js("""(() => { const cats = [...document.querySelectorAll('#map tr:first-child th')]
                     .slice(1, -2).map(t => t.textContent); const out = {};
                   for (const r of document.querySelectorAll('#map tr[data-moment]'))
                     [...r.querySelectorAll('td')].slice(1, -2).forEach((c, i) => {
                       if (+c.textContent) out[r.dataset.moment + '/' + cats[i]] = +c.textContent; });
                   return out; })()"""))

        # Each filter against the JSON report.
        def expect(name, findings):
            got = visible(b)
            eq(name, ids(findings), got)
            eq(name + ": shown count", str(len(findings)),
               b.js("document.getElementById('shown').textContent"))

        def reset():
            click(b, "f-reset")
            eq("show all", ids(all_f), visible(b))

        for key, field in (("moment", "moment"), ("category", "category"),
                           ("severity", "severity"), ("file", "path")):
            values = b.js("[...document.querySelectorAll('#f-%s option')].map(o => o.value).filter(v => v)" % key)
            eq("%s filter offers each value" % key, sorted({shown(f[field]) for f in all_f}) if key != "severity"
               else ["error", "warning", "suggestion"],
               sorted(values) if key != "severity" else values)
            for v in values:
                set_filter(b, key, v)
                expect("%s = %s" % (key, v), [f for f in all_f if shown(f[field]) == v])
            set_filter(b, key, "")
        # A moment with nothing left is hidden as a whole.
        set_filter(b, "moment", "checkout")
        eq("other moments hidden", ["checkout"],
           b.js("[...document.querySelectorAll('section.moment')].filter(s => s.getClientRects().length).map(s => s.dataset.moment)"))
        set_filter(b, "severity", "warning")
        expect("moment and severity", [f for f in all_f if f["moment"] == "checkout"
                                       and f["severity"] == "warning"])
        reset()
        click(b, "f-new")
        eq("new-only box ticked by a click", True, b.js("document.getElementById('f-new').checked"))
        expect("new only", new_f)
        set_filter(b, "category", "blame")
        expect("new only and category", [f for f in new_f if f["category"] == "blame"])
        reset()
        eq("new-only box cleared", False, b.js("document.getElementById('f-new').checked"))

        # The table's counts: new only, then all again.
        total = "[...document.querySelectorAll('#map td.total')].reduce((n, c) => n + +c.textContent, 0)"
        set_filter(b, "counts", "new")
        eq("table counts new", len(new_f), b.js(total))
        set_filter(b, "counts", "all")
        eq("table counts all", len(all_f), b.js(total))

        # The screenshot, of the page as opened.
        b.js("window.scrollTo(0, 0)")
        png = base64.b64decode(b.send("Page.captureScreenshot", {"format": "png"})["data"])
        width, height = struct.unpack(">II", png[16:24]) if png[:8] == b"\x89PNG\r\n\x1a\n" else (0, 0)
        check("screenshot is a PNG of the window", width >= 800 and height >= 600,
              "%dx%d, %d bytes" % (width, height, len(png)))
        path = shot or os.path.join(tmp, "report.png")
        with open(path, "wb") as f:
            f.write(png)
        print("     screenshot: %s (%dx%d)" % (path, width, height))

        # Nothing but the file itself was requested; no error in the console.
        b.js("1")  # collect the events so far
        urls = [e["params"]["request"]["url"] for e in b.events
                if e.get("method") == "Network.requestWillBeSent"]
        check("the report itself was requested", "file://" + report in urls, repr(urls))
        eq("no request to any other URL", [], [u for u in urls if not u.startswith("file://")])
        errors = [e for e in b.events
                  if (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"))
                  or e.get("method") == "Runtime.exceptionThrown"
                  or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")]
        eq("no console errors", [], [json.dumps(e["params"])[:300] for e in errors])
    finally:
        if b:
            b.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print("all passed" if not FAILS else "%d failed" % len(FAILS))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
