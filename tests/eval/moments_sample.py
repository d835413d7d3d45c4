#!/usr/bin/env python3
"""Draw strings from the corpus to label with their journey moment.

    python3 tests/eval/moments_sample.py TONELINT [--per-project N] [--seed S] > sheet.tsv

Runs `TONELINT --dump-strings` on every catalog of each project (from
inside the project's folder, as a team would run it on its repository),
keeps English strings, and draws N per project with a fixed seed. The
sheet has an empty `moment` column to fill by hand from the source, key
and text; the classifier's own `moment` is dropped so that labels are
written without seeing it. tests/eval/moments.tsv is such a sheet, labeled.
"""
import argparse
import json
import os
import random
import subprocess
import sys

CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus")
PROJECTS = [
    "devise", "solidus", "woocommerce-gateway-stripe", "easy-digital-downloads",
    "discourse-subscriptions", "liberapay", "hi-events", "keycloak", "bitwarden-mobile",
    "mastodon", "shopware", "bagisto", "maybe-finance", "mozilla-monitor", "pocket-casts-ios",
    "mautic", "snipe-it", "firefly-iii", "ente", "thunderbird-android",
]


def strings(tonelint, project):
    root = os.path.join(CORPUS, project)
    files = []
    for d, _, names in os.walk(root):
        for n in names:
            files.append(os.path.relpath(os.path.join(d, n), root))
    files.sort()
    out = subprocess.run([tonelint, "--no-config", "--dump-strings", "--", *files], cwd=root,
                         capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        r = json.loads(line)
        if not (r.get("lang") or "en").startswith("en") or not r["text"].strip():
            continue
        r.pop("moment", None)
        rows.append(r)
    return rows


def clean(s):
    return (s or "").replace("\t", " ").replace("\n", "\\n").replace("\r", "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tonelint")
    ap.add_argument("--per-project", type=int, default=16)
    ap.add_argument("--seed", type=int, default=14)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    print("moment\tproject\tpath\tline\tkey\tcontext\ttext")
    for p in PROJECTS:
        rows = strings(a.tonelint, p)
        for r in rnd.sample(rows, min(a.per_project, len(rows))):
            key = r["key"] if r["key"] != r["text"] else ""
            print("\t".join(["", p, r["path"], str(r["line"]), clean(key), clean(r["context"]),
                             clean(r["text"])[:300]]))


if __name__ == "__main__":
    sys.exit(main())
