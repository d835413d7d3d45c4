// ts_literals.cjs - the oracle for tests/diff/code_js.sh: every string
// literal, template literal and JSX text of a JavaScript/TypeScript file as
// the TypeScript compiler parses it, one JSON object per line:
//   {"line": L, "column": C, "text": T, "what": "string"|"template"|"jsx-text"|"jsx-attr"}
// line/column (1-based, columns in Unicode characters) are those of the
// literal's first character after its opening quote. `text` is the
// compiler's cooked text; a template's ${…} fields are written back as
// they are stored, as tonelint keeps them; JSX text is cleaned as React
// does (Babel's cleanJSXElementLiteralChild) and its entities decoded.
// Usage: node ts_literals.cjs NODE_MODULES_DIR FILE
"use strict";
const path = require("path");
const fs = require("fs");
const ts = require(path.join(process.argv[2], "typescript"));
const file = process.argv[3];
const text = fs.readFileSync(file, "utf8");
const kind = /\.tsx$/i.test(file) ? ts.ScriptKind.TSX
  : /\.(ts|mts|cts)$/i.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JSX;
const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
if (sf.parseDiagnostics && sf.parseDiagnostics.length) {
  const d = sf.parseDiagnostics[0];
  const lc = sf.getLineAndCharacterOfPosition(d.start);
  process.stderr.write(`${file}:${lc.line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}\n`);
}
const lineStarts = sf.getLineStarts();
function pos(p) {
  const lc = sf.getLineAndCharacterOfPosition(p);
  const lineText = text.slice(lineStarts[lc.line], p);
  return [lc.line + 1, Array.from(lineText).length + 1];
}
const entities = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", copy: "\u00a9",
  reg: "\u00ae", trade: "\u2122", hellip: "\u2026", mdash: "\u2014", ndash: "\u2013",
  lsquo: "\u2018", rsquo: "\u2019", ldquo: "\u201c", rdquo: "\u201d", middot: "\u00b7",
  bull: "\u2022", times: "\u00d7", larr: "\u2190", rarr: "\u2192", laquo: "\u00ab",
  raquo: "\u00bb", euro: "\u20ac", deg: "\u00b0", thinsp: "\u2009", zwj: "\u200d", shy: "\u00ad" };
function decode(s) {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z0-9]{1,10});/g, (m, e) => {
    if (e[0] === "#") {
      const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : "\ufffd";
    }
    return Object.prototype.hasOwnProperty.call(entities, e) ? entities[e] : m;
  });
}
const out = [];
function emit(p, t, what) {
  const [line, column] = pos(p);
  out.push(JSON.stringify({ line, column, text: t.replace(/\r\n?/g, "\n"), what }));
}
function jsxText(node) {
  const raw = node.text;
  const lines = raw.split(/\r\n|\n|\r/);
  let lastNonEmpty = 0; // as Babel: the first line when none has text
  lines.forEach((l, i) => { if (/[^ \t]/.test(l)) lastNonEmpty = i; });
  let str = "";
  let first = -1;
  const starts = [0];
  const re = /\r\n|\n|\r/g;
  let m;
  while ((m = re.exec(raw)) !== null) starts.push(m.index + m[0].length);
  lines.forEach((l, i) => {
    const isFirst = i === 0, isLast = i === lines.length - 1;
    let start = 0, end = l.length;
    if (!isFirst) while (start < end && (l[start] === " " || l[start] === "\t")) start++;
    if (!isLast) while (end > start && (l[end - 1] === " " || l[end - 1] === "\t")) end--;
    let t = l.slice(start, end).replace(/\t/g, " ");
    if (t) {
      if (first < 0) first = node.pos + starts[i] + start;
      if (i !== lastNonEmpty) t += " ";
      str += decode(t);
    }
  });
  if (first >= 0) emit(first, str, "jsx-text");
}
function visit(node) {
  switch (node.kind) {
    case ts.SyntaxKind.StringLiteral:
      if (node.parent && node.parent.kind === ts.SyntaxKind.JsxAttribute) {
        emit(node.getStart() + 1, decode(text.slice(node.getStart() + 1, node.end - 1)), "jsx-attr");
      } else {
        emit(node.getStart() + 1, node.text, "string");
      }
      return;
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      emit(node.getStart() + 1, node.text, "template");
      return;
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.TemplateLiteralType: {
      let t = node.head.text;
      let prevEnd = node.head.end;
      for (const span of node.templateSpans) {
        const litStart = span.literal.getStart();
        t += "${" + text.slice(prevEnd, litStart) + "}" + span.literal.text;
        prevEnd = span.literal.end;
      }
      emit(node.head.getStart() + 1, t, "template");
      ts.forEachChild(node, visit);
      return;
    }
    case ts.SyntaxKind.JsxText:
      if (!node.containsOnlyTriviaWhiteSpaces) jsxText(node);
      return;
  }
  ts.forEachChild(node, visit);
}
visit(sf);
process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
