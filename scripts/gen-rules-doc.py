#!/usr/bin/env python3
"""Write docs/rules.md from the loaded rule packs, so the reference cannot
drift from rules/: reads `tonelint --list-rules --format json` on stdin and
prints Markdown. Run through the `rules-doc` build target:
    cmake --build build --target rules-doc
The test `docs/rules-current` fails when docs/rules.md is out of date."""
import json, sys

CATEGORY_TITLES = {
    'blame': 'Blaming the customer', 'cold': 'Cold, robotic, transactional',
    'boilerplate': 'Corporate boilerplate and hollow courtesy', 'dead-end': 'Dead ends',
    'jargon': 'Hostile or technical jargon', 'shouting': 'Shouting',
    'condescending': 'Condescension', 'apology': 'Hollow or evasive apology',
    'threat': 'Threats and vague consequences', 'negative': 'Negative framing',
    'no-reply': 'No-reply senders and contact friction', 'wordy': 'Bureaucratic words',
    'cta': 'Weak calls to action', 'flippant': 'Flippancy and over-celebration',
    'dark-pattern': 'Dark patterns',
}

def md(s):
    return s.replace('|', '\\|').replace('\n', ' ')

def main():
    rules = json.load(sys.stdin)
    out = ['# Rules', '',
           '<!-- Generated from rules/ by scripts/gen-rules-doc.py; do not edit. -->', '',
           f'The default pack has {len(rules)} rules, '
           f'{sum(1 for r in rules if r.get("tier", "default") == "default")} of them in the default tier '
           '(the others run with `tier: strict` or `tier: pedantic`, see '
           '[rule-format.md](rule-format.md#tiers)). Severity: **warning** means almost always worth '
           'changing; **suggestion** is a hint that is often fine. `fix: safe` rules are applied by '
           '`--fix`. Run `tonelint --explain RULE` for any rule. Each rule has an anchor named after its id '
           '(`rules.md#blame.you-failed-to`): the SARIF report links each rule there.', '']
    cats = []
    for r in rules:
        if r['category'] not in cats:
            cats.append(r['category'])
    out.append('| category | rules |')
    out.append('|---|---|')
    for c in cats:
        n = sum(1 for r in rules if r['category'] == c)
        out.append(f'| [{c}](#{c}) — {CATEGORY_TITLES.get(c, c)} | {n} |')
    out.append('')
    for c in cats:
        out += [f'## {c}', '', f'{CATEGORY_TITLES.get(c, c)}.', '']
        for r in (r for r in rules if r['category'] == c):
            # A stable anchor per rule id: SARIF helpUri points at
            # docs/rules.md#<rule id> (the heading's own anchor drops the dot).
            out += [f'<a id="{r["id"]}"></a>', '', f'### {r["id"]}', '']
            meta = (f'**{r["severity"]}** · tier: {r.get("tier", "default")} · {r["kind"]} · '
                    f'scope: {", ".join(r["scope"])}')
            if r.get('fix') == 'safe':
                meta += ' · fix: safe'
            out += [meta, '', f'*{md(r["description"])}*', '', md(r['why']), '']
            if r['suggest']:
                out += ['Suggests: ' + ', '.join(f'“{s}”' for s in r['suggest']), '']
            elif any(r.get('swap') or []):
                words = [s for sw in r['swap'] for s in sw]
                out += ['Suggests, by the words matched: ' + ', '.join(f'“{s}”' for s in words), '']
            out += ['| instead of | write |', '|---|---|']
            bad, good = r['examples']['bad'], r['examples']['good']
            for i in range(max(len(bad), len(good))):
                b = md(bad[i]) if i < len(bad) else ''
                g = md(good[i]) if i < len(good) else ''
                out.append(f'| {b} | {g} |')
            out += ['', f'Source: <{r["source"]}>', '']
    sys.stdout.write('\n'.join(out))

if __name__ == '__main__':
    main()
