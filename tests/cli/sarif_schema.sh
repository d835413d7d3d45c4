#!/bin/sh
# --format sarif is valid against the official SARIF 2.1.0 schema
# (../shared/schemas/sarif-schema-2.1.0.json, draft-04), checked by a real
# JSON-Schema validator: Debian's python3-jsonschema. A log with a bad level
# must fail the same check, so the validator is known to be looking.
# Usage: sarif_schema.sh TONELINT SOURCE_DIR; exit 77 when no validator.
. "$2/tests/cli/support/lib.sh"
cli_setup "$@"
schema="${TL_SHARED_DIR:-$src/../shared}/schemas/sarif-schema-2.1.0.json"
[ -f "$schema" ] || { echo "skip: no $schema"; exit 77; }
py=""
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import jsonschema' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || { echo "skip: python3-jsonschema is not installed"; exit 77; }

cat >"$tmp/validate.py" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
cls = jsonschema.Draft4Validator
checker = getattr(cls, "FORMAT_CHECKER", None) or jsonschema.draft4_format_checker
cls.check_schema(schema)
validator = cls(schema, format_checker=checker)
bad = 0
for path in sys.argv[2:]:
    log = json.load(open(path, encoding="utf-8"))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    for e in errors[:10]:
        print("%s: /%s: %s" % (path, "/".join(map(str, e.path)), e.message[:200]))
    bad += bool(errors)
sys.exit(1 if bad else 0)
PY

pack="--no-default-rules --rules $src/tests/golden/output-pack"
mkdir -p "$tmp/in"
# Findings with and without fixes, UTF-16 columns, a syntax error, a file
# name that needs percent-encoding, and a run with nothing to report.
cp "$src/tests/golden/output/sarif/input.po" "$tmp/in/catalog.po"
printf 'msgid "x"\nmsgstr "y"\nbogus\n' >"$tmp/in/broken.po"
printf 'Please utilize the form prior to noon. We appreciate your business.\n' >"$tmp/in/mail é #1.txt"
printf 'Enter your card number.\n' >"$tmp/in/clean.txt"

(cd "$tmp" && "$bin" $pack --format sarif in >pack.sarif 2>/dev/null)
[ $? = 2 ] && echo "ok   a run with a broken file exits 2" || { echo "FAIL exit status"; fails=$((fails + 1)); }
"$bin" --format sarif "$src/docs/examples" >"$tmp/default.sarif" 2>/dev/null
"$bin" $pack --format sarif "$tmp/in/clean.txt" >"$tmp/empty.sarif" 2>/dev/null
(cd "$tmp/in" && "$bin" $pack --format sarif --stdin-filename "stdin.po" - <catalog.po >"$tmp/stdin.sarif" 2>/dev/null)

if "$py" "$tmp/validate.py" "$schema" "$tmp/pack.sarif" "$tmp/default.sarif" "$tmp/empty.sarif" "$tmp/stdin.sarif"; then
  echo "ok   every log is valid SARIF 2.1.0"
else
  echo "FAIL schema validation"; fails=$((fails + 1))
fi

# What the logs must hold, beyond the schema.
"$py" - "$tmp/pack.sarif" <<'PY' || fails=$((fails + 1))
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
run = log["runs"][0]
ok = True
def check(what, cond):
    global ok
    print(("ok   " if cond else "FAIL ") + what)
    ok = ok and cond
rules = run["tool"]["driver"]["rules"]
check("columnKind is utf16CodeUnits", run["columnKind"] == "utf16CodeUnits")
check("every ruleIndex points at its rule", all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"]))
check("levels are error/warning/note", {r["level"] for r in run["results"]} == {"error", "warning", "note"})
check("rules carry description, why, help and level",
      all(r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["helpUri"].startswith("https://")
          and r["defaultConfiguration"]["level"] for r in rules))
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
check("uris are relative and percent-encoded", "in/mail%20%C3%A9%20%231.txt" in uris and all(u.startswith("in/") for u in uris))
emoji = [r for r in run["results"] if r["ruleId"] == "blame.invalid"][0]
check("columns count UTF-16 units (the emoji is two)", emoji["locations"][0]["physicalLocation"]["region"]["startColumn"] == 40)
fixes = [r for r in run["results"] if "fixes" in r]
check("fixable findings carry a fix", len(fixes) >= 3)
rep = fixes[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
check("a fix replaces a byte range", rep["deletedRegion"]["byteLength"] > 0 and rep["insertedContent"]["text"])
notes = run["invocations"][0].get("toolExecutionNotifications", [])
check("the broken file is a notification", len(notes) == 1 and notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("broken.po")
      and notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3)
check("executionSuccessful is false", run["invocations"][0]["executionSuccessful"] is False)
sys.exit(0 if ok else 1)
PY

# The default pack on its own bad examples: rule-level text with no
# unfilled placeholder, help at the rule's own anchor in docs/rules.md, and
# fixes whose line/column region and byte range are the same text.
"$bin" --list-rules --format json >"$tmp/rules.json"
"$py" - "$tmp/rules.json" "$tmp/examples.txt" <<'PY'
import json, sys
rules = json.load(open(sys.argv[1], encoding="utf-8"))
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for r in rules:
        for t in r["examples"]["bad"]:
            f.write(t.replace("\n", " ") + "\n\n")
PY
"$bin" --tier pedantic --format sarif --fail-on none "$tmp/examples.txt" >"$tmp/all.sarif" 2>/dev/null
"$py" "$tmp/validate.py" "$schema" "$tmp/all.sarif" || { echo "FAIL schema (all examples)"; fails=$((fails + 1)); }
"$py" - "$tmp/all.sarif" "$tmp/rules.json" "$src/docs/rules.md" "$tmp/examples.txt" <<'PY' || fails=$((fails + 1))
import json, re, sys
run = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]
listed = json.load(open(sys.argv[2], encoding="utf-8"))
doc = open(sys.argv[3], encoding="utf-8").read()
data = open(sys.argv[4], "rb").read()
ok = True
def check(what, cond, detail=""):
    global ok
    print(("ok   " if cond else "FAIL ") + what + ("" if cond else ": " + str(detail)[:300]))
    ok = ok and cond
rules = run["tool"]["driver"]["rules"]
check("most rules fire on their bad examples", len(rules) > 0.8 * len(listed), len(rules))
holes = [r["id"] for r in rules if re.search(r"\{[a-z]*\}", r["shortDescription"]["text"])]
check("no shortDescription holds an unfilled placeholder", not holes, holes)
holes = [r["id"] for r in listed if re.search(r"\{[a-z]*\}", r["description"])]
check("no rule description (--list-rules) holds one", not holes, holes)
bad = [r["id"] for r in rules if not r["helpUri"].endswith("/docs/rules.md#" + r["id"])]
check("helpUri is the rule's anchor in docs/rules.md", not bad, bad)
missing = [r["id"] for r in listed if '<a id="%s"></a>' % r["id"] not in doc]
check("docs/rules.md has an anchor for every rule", not missing, missing)
lines = data.split(b"\n")
def utf16_to_byte(line, col):
    text = lines[line - 1].decode("utf-8")
    units = 0
    for i, ch in enumerate(text):
        if units >= col - 1:
            return len(text[:i].encode("utf-8"))
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text.encode("utf-8"))
def offset(line, col):
    return sum(len(l) + 1 for l in lines[: line - 1]) + utf16_to_byte(line, col)
nfix = 0
for res in run["results"]:
    for fix in res.get("fixes", []):
        for ch in fix["artifactChanges"]:
            for rep in ch["replacements"]:
                d = rep["deletedRegion"]
                nfix += 1
                a, b = d["byteOffset"], d["byteOffset"] + d["byteLength"]
                s, e = offset(d["startLine"], d["startColumn"]), offset(d["endLine"], d["endColumn"])
                if (s, e) != (a, b):
                    check("fix region: lines/columns and bytes agree", False, (res["ruleId"], d, s, e))
                snippet = res["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]
                if data[a:b].decode("utf-8") != snippet:
                    check("fix deletes the matched text", False, (res["ruleId"], data[a:b], snippet))
check("safe fixes are emitted (%d), with regions that agree" % nfix, nfix >= 10 and ok, nfix)
sys.exit(0 if ok else 1)
PY

# The check must be able to fail: a result with a level SARIF does not have.
sed 's/"level": "note"/"level": "suggestion"/' "$tmp/pack.sarif" >"$tmp/broken.sarif"
if "$py" "$tmp/validate.py" "$schema" "$tmp/broken.sarif" >/dev/null; then
  echo "FAIL the validator accepted an invalid log"; fails=$((fails + 1))
else
  echo "ok   an invalid log is rejected"
fi

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
