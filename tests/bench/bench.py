"""bench.py - the measurements behind tests/bench/run.sh (python3 stdlib only).

Every tonelint run is a child process timed with os.wait4, which gives its
wall time (measured here), CPU time and peak resident set size. Throughput
is the size of the files tonelint actually linted (those it read without an
error, from its JSON report) divided by wall time.

With --instructions, the corpus run (one copy, one thread) and the
one-string start-up are also counted in instructions under valgrind's
callgrind: the same number on every run whatever else the machine is doing,
so two builds can be compared on a busy machine.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(cmd, stdout=subprocess.DEVNULL, stdin=None, env=None, timeout=None):
    """Run cmd; return (exit status, wall s, cpu s, peak RSS MiB). Peak RSS
    comes from /usr/bin/time when there is one: a forked child's ru_maxrss
    starts at the parent's (this Python's) size."""
    rssfile = None
    if TIME:
        fd, rssfile = tempfile.mkstemp(prefix="tonelint-rss-")
        os.close(fd)
        cmd = [TIME, "-f", "%M", "-o", rssfile] + list(cmd)
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, stdin=stdin, env=env)
    try:
        if timeout:
            deadline = start + timeout
            while True:
                pid, status, ru = os.wait4(p.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    p.kill()
                    pid, status, ru = os.wait4(p.pid, 0)
                    return None, timeout, 0.0, 0.0
                time.sleep(0.01)
        else:
            pid, status, ru = os.wait4(p.pid, 0)
    finally:
        p.returncode = 0  # reaped above
    wall = time.perf_counter() - start
    rss = ru.ru_maxrss / 1024.0
    if rssfile:
        try:
            rss = int(open(rssfile).read().split()[-1]) / 1024.0
        except (ValueError, IndexError):
            pass
        os.unlink(rssfile)
    return os.waitstatus_to_exitcode(status), wall, ru.ru_utime + ru.ru_stime, rss


def best(cmd, reps, **kw):
    """Best wall time of reps runs (the least disturbed), with its CPU and the max RSS."""
    results = [run(cmd, **kw) for _ in range(reps)]
    wall = min(r[1] for r in results)
    cpu = min(r[2] for r in results)
    rss = max(r[3] for r in results)
    return results[0][0], wall, cpu, rss


def instructions(cmd, env):
    """Instructions cmd executes, counted by callgrind (None without valgrind)."""
    valgrind = shutil.which("valgrind")
    if not valgrind:
        return None
    r = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                       env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    m = re.search(r"Collected : (\d+)", r.stderr.decode("utf-8", "replace"))
    return int(m.group(1)) if m else None


def linted_bytes(tonelint, path, env):
    out = subprocess.run([tonelint, "--jobs", "1", "--format", "json", path], env=env,
                         capture_output=True, check=False)
    doc = json.loads(out.stdout)
    files = [f for f in doc["files"] if not f.get("error")]
    total = sum(os.path.getsize(f["path"]) for f in files)
    return total, len(files), doc["summary"]["segments"], doc["summary"]["findings"]


def copies(src, dst, n):
    os.makedirs(dst, exist_ok=True)
    for i in range(n):
        shutil.copytree(src, os.path.join(dst, "copy%d" % i), symlinks=False)


def mb(n):
    return n / 1e6


def main():
    ap = argparse.ArgumentParser(description="tonelint benchmark")
    ap.add_argument("--quick", action="store_true", help="CI mode: small corpus, no peers")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--bin", default=os.environ.get("TONELINT") or os.path.join(REPO, "build", "tonelint"))
    ap.add_argument("--corpus", default=os.path.join(REPO, "..", "shared", "corpus"))
    ap.add_argument("--copies", type=int, default=3, help="corpus copies for throughput (full mode)")
    ap.add_argument("--sample-only", action="store_true",
                    help="peers on the 0.5 MB sample only (alex needs minutes on the whole text)")
    ap.add_argument("--instructions", action="store_true",
                    help="also count instructions under callgrind (a few minutes)")
    args = ap.parse_args()

    tonelint = os.path.abspath(args.bin)
    if not os.access(tonelint, os.X_OK):
        sys.exit("bench: no tonelint binary at %s (use --bin)" % tonelint)
    if not os.path.isdir(args.corpus):
        sys.exit("bench: no corpus at %s (use --corpus)" % args.corpus)
    env = dict(os.environ)
    if "TONELINT_RULES_DIR" not in env and os.path.isdir(os.path.join(REPO, "rules", "en")):
        env["TONELINT_RULES_DIR"] = os.path.join(REPO, "rules")
    quick = args.quick
    reps = 1 if quick else 3
    ncopies = 1 if quick else args.copies
    rows = []  # (measure, value, note)

    tmp = tempfile.mkdtemp(prefix="tonelint-bench-")
    try:
        rules = json.loads(subprocess.run([tonelint, "--list-rules", "--format", "json"], env=env,
                                          capture_output=True, check=True).stdout)
        print("tonelint: %s (%d rules); corpus: %s; %d CPU(s); --jobs %d"
              % (tonelint, len(rules), os.path.normpath(args.corpus), os.cpu_count() or 1, args.jobs))

        # Throughput over the corpus, copied a few times.
        big = os.path.join(tmp, "corpus")
        copies(args.corpus, big, ncopies)
        size, nfiles, nsegs, nfind = linted_bytes(tonelint, big, env)
        print("corpus: %d copies, %d files linted, %.1f MB, %d strings, %d findings"
              % (ncopies, nfiles, mb(size), nsegs, nfind))
        cmd = [tonelint, "--format", "json", big]
        _, w1, c1, r1 = best(cmd[:1] + ["--jobs", "1"] + cmd[1:], reps, env=env)
        _, wn, cn, rn = best(cmd[:1] + ["--jobs", str(args.jobs)] + cmd[1:], reps, env=env)
        rows.append(("throughput, 1 thread", "%.1f MB/s" % (mb(size) / w1),
                     "%.2f s wall, %.2f s CPU (%.1f MB/s of CPU)" % (w1, c1, mb(size) / c1)))
        rows.append(("throughput, --jobs %d" % args.jobs, "%.1f MB/s" % (mb(size) / wn),
                     "%.2f s wall; %.2fx one thread" % (wn, w1 / wn)))
        rows.append(("peak RSS, 1 thread", "%.1f MiB" % r1, "%d files" % nfiles))
        rows.append(("peak RSS, --jobs %d" % args.jobs, "%.1f MiB" % rn, ""))

        # Memory against the number of files: 1x against 4x (quick: 2x).
        more = 2 if quick else 4
        many = os.path.join(tmp, "many")
        copies(args.corpus, many, more)
        rs1 = r1 if ncopies == 1 else run([tonelint, "--jobs", "1", "--format", "json",
                                           os.path.join(big, "copy0")], env=env)[3]
        _, _, _, rsm = run([tonelint, "--jobs", "1", "--format", "json", many], env=env)
        rows.append(("peak RSS, 1x vs %dx files" % more, "%.1f / %.1f MiB" % (rs1, rsm),
                     "ratio %.2f (1.00 = independent of the number of files)" % (rsm / rs1)))
        shutil.rmtree(many)

        # Start-up: a one-string file.
        one = os.path.join(tmp, "one.txt")
        with open(one, "w") as f:
            f.write("Your payment is received.\n")
        startup = None
        if shutil.which("hyperfine"):
            hj = os.path.join(tmp, "hyperfine.json")
            r = subprocess.run(["hyperfine", "-N", "-i", "--warmup", "5", "--runs", "20" if quick else "100",
                                "--export-json", hj, "%s %s" % (tonelint, one)],
                               env=env, capture_output=True, check=False)
            if r.returncode == 0:
                res = json.load(open(hj))["results"][0]
                startup = (res["mean"] * 1e3, res["min"] * 1e3, "hyperfine")
        if startup is None:
            ts = [run([tonelint, one], env=env)[1] for _ in range(20 if quick else 100)]
            startup = (sum(ts) / len(ts) * 1e3, min(ts) * 1e3, "loop")
        rows.append(("start-up, one-string file", "%.1f ms" % startup[0],
                     "mean (min %.1f ms, %s)" % (startup[1], startup[2])))

        # The language server: a keystroke in a 10 MB PO catalog (the server's
        # CPU time is the figure on a busy machine), and its memory against
        # the open text.
        sys.path.insert(0, HERE)
        import lsp_bench
        import lsp_memory
        nedits = 20 if quick else 200
        r = lsp_bench.measure(tonelint, lsp_bench.strings_for_size(10_000_000), nedits,
                              log=lambda *a: None)
        rows.append(("LSP keystroke, 10 MB PO", "%.1f ms" % lsp_bench.pct(r["cpu"], 50),
                     "server CPU per keystroke, p50 (p90 %.1f); lint+publish p50 %.1f ms; "
                     "round trip p50 %.1f ms; %d edits; open %.0f ms"
                     % (lsp_bench.pct(r["cpu"], 90), lsp_bench.pct(r["server"], 50),
                        lsp_bench.pct(r["rtts"], 50), len(r["rtts"]), r["first"])))
        if os.path.exists("/proc/self/status"):
            ndocs = 20 if quick else 100
            m = lsp_memory.measure(tonelint, ndocs, 1800, "po")
            rows.append(("LSP memory / open text", "%.2fx" % m["growth"],
                         "%d open PO documents, %.1f MB of text: %.1f -> %.1f MiB resident"
                         % (ndocs, mb(m["bytes"]), m["base"] / 1024.0, m["rss"] / 1024.0)))

        if args.instructions:
            copy0 = os.path.join(big, "copy0")
            size0 = linted_bytes(tonelint, copy0, env)[0]
            n = instructions([tonelint, "--jobs", "1", "--format", "json", copy0], env)
            rows.append(("instructions, corpus", "%.3f G" % (n / 1e9) if n else "no valgrind",
                         "%.0f per byte linted (%.1f MB, one thread)" % (n / size0, mb(size0)) if n else ""))
            n = instructions([tonelint, one], env)
            rows.append(("instructions, start-up", "%.1f M" % (n / 1e6) if n else "no valgrind",
                         "one-string file"))

        if not quick:
            peers(tonelint, env, big, tmp, rules, rows, not args.sample_only)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    width = max(len(r[0]) for r in rows)
    vw = max(len(r[1]) for r in rows)
    print()
    print("%-*s  %-*s  %s" % (width, "measure", vw, "value", "notes"))
    print("%s  %s  %s" % ("-" * width, "-" * vw, "-" * 5))
    for r in rows:
        print("%-*s  %-*s  %s" % (width, r[0], vw, r[1], r[2]))


def rg_chunked(rg, pats, on, tmp):
    """ripgrep -P over `on` with every pattern. rg joins the patterns of -f
    into one regex, and PCRE2 refuses one that large, so the list is halved
    until each part compiles; the parts run one after another and their
    wall times add up. Returns (status, wall s, peak RSS MiB, parts)."""
    def go(lines, depth):
        f = os.path.join(tmp, "rg-%d-%d.txt" % (depth, len(lines)))
        with open(f, "w") as g:
            g.write("\n".join(lines) + "\n")
        status, w, _, rss = run([rg, "-P", "-c", "-f", f, on])
        if status is not None and status >= 2 and len(lines) > 1 and depth < 8:
            h = len(lines) // 2
            s1, w1, r1, n1 = go(lines[:h], depth + 1)
            s2, w2, r2, n2 = go(lines[h:], depth + 1)
            return max(s1, s2), w1 + w2, max(r1, r2), n1 + n2
        return status, w, rss, 1
    return go(pats, 0)


def peers(tonelint, env, big, tmp, rules, rows, whole):
    """The same plain text through tonelint and each peer; ratios of MB/s.
    Every peer runs on a 0.5 MB sample; with `whole`, also on all of it
    (alex takes minutes there: its time grows faster than the text)."""
    text = os.path.join(tmp, "strings.txt")
    dump = subprocess.run([tonelint, "--dump-strings", os.path.join(big, "copy0")], env=env,
                          capture_output=True, check=False).stdout.decode("utf-8", "replace")
    paras = []
    for line in dump.splitlines():
        try:
            t = json.loads(line).get("text") or ""
        except ValueError:
            continue
        t = " ".join(t.split())
        if t:
            paras.append(t)
    with open(text, "w") as f:
        f.write("\n\n".join(paras) + "\n")
    full = os.path.getsize(text)
    sample = os.path.join(tmp, "sample.txt")
    with open(text) as f, open(sample, "w") as g:
        g.write(f.read(500_000).rsplit("\n\n", 1)[0] + "\n")
    ssize = os.path.getsize(sample)
    print("plain text: %.1f MB (%d strings); sample: %.2f MB"
          % (mb(full), len(paras), mb(ssize)))
    texts = [("sample", sample, ssize)] + ([("whole text", text, full)] if whole else [])
    ours = {}
    for label, on, size in texts:
        _, w, _, _ = best([tonelint, "--jobs", "1", "--format", "json", on], 5, env=env)
        ours[label] = mb(size) / w
        rows.append(("tonelint, %s" % label, "%.1f MB/s" % ours[label],
                     "%.3f s for %.2f MB, one thread" % (w, mb(size))))

    def peer(name, cmd, timeout=1800):
        for label, on, size in texts:
            row = "%s, %s" % (name, label)
            if cmd is None:
                rows.append((row, "not installed", ""))
                return
            # A fresh home each run: proselint keeps a cache of results there,
            # and a warm cache would time a lookup, not a lint.
            home = tempfile.mkdtemp(prefix="home-", dir=tmp)
            penv = dict(os.environ, HOME=home, XDG_CACHE_HOME=os.path.join(home, ".cache"))
            status, w, _, rss = run(cmd + [on], env=penv, timeout=timeout)
            if status is None:
                rows.append((row, "timed out", "> %d s on %.2f MB" % (timeout, mb(size))))
                continue
            speed = mb(size) / w
            rows.append((row, "%.3f MB/s" % speed, "tonelint %.0fx faster (%.2f s, %.0f MiB, exit %d)"
                         % (ours[label] / speed, w, rss, status)))

    # ripgrep with the same phrases: the default pack's patterns, as PCRE2.
    pats = [("" if r.get("case_sensitive") else "(?i)") + p
            for r in rules for p in r.get("patterns", [])]
    rg = shutil.which("rg")
    for label, on, size in texts:
        row = "ripgrep -P, %s" % label
        if not rg:
            rows.append((row, "not installed", ""))
            continue
        status, w, rss, parts = rg_chunked(rg, pats, on, tmp)
        if status is None or status >= 2:
            rows.append((row, "failed", "exit %s" % status))
            continue
        speed = mb(size) / w
        rows.append((row, "%.2f MB/s" % speed,
                     "tonelint %.1fx faster (%d patterns in %d runs, %.2f s)"
                     % (ours[label] / speed, len(pats), parts, w)))
    proselint = shutil.which("proselint")
    peer("proselint", [proselint] if proselint else None)
    npm = shutil.which("npm")
    prefix = os.path.join(tmp, "npm")
    bins = {}
    if npm:
        r = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", prefix,
                            "alex", "write-good"], capture_output=True, check=False)
        for tool in ("alex", "write-good"):
            b = os.path.join(prefix, "node_modules", ".bin", tool)
            if r.returncode == 0 and os.access(b, os.X_OK):
                bins[tool] = b
    peer("alex", [bins["alex"]] if "alex" in bins else None)
    peer("write-good", [bins["write-good"]] if "write-good" in bins else None)


if __name__ == "__main__":
    main()
