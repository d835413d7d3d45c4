// Print every string literal of a JS/TS/TSX file as JSON lines, using the
// TypeScript compiler API (parser, so regex/template/JSX context is right).
// Literals: StringLiteral (including import specifiers and JSX attribute
// values), NoSubstitutionTemplateLiteral, TemplateExpression (one literal,
// from the opening backtick to the closing one; strings nested in ${} are not
// listed separately; tagged templates too), and JsxText that is not only
// whitespace (position and text of the trimmed text).
// Columns are 1-based byte columns (UTF-16 offsets converted to UTF-8 bytes).
// Usage: NODE_PATH=<dir with node_modules> node tok_ts.js FILE
const ts = require('typescript');
const fs = require('fs');
const file = process.argv[2];
const text = fs.readFileSync(file, 'utf8');
const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX
  : file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JSX;
const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
function emit(start, end, k) {
  const lc = sf.getLineAndCharacterOfPosition(start);
  const lineStart = sf.getPositionOfLineAndCharacter(lc.line, 0);
  const col = Buffer.byteLength(text.slice(lineStart, start), 'utf8') + 1;
  console.log(JSON.stringify({ line: lc.line + 1, col, raw: text.slice(start, end), kind: k }));
}
function visit(node) {
  switch (node.kind) {
    case ts.SyntaxKind.StringLiteral:
      emit(node.getStart(sf), node.end, 'string'); return;
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      emit(node.getStart(sf), node.end, 'template'); return;
    case ts.SyntaxKind.TemplateExpression:
      emit(node.getStart(sf), node.end, 'template'); return;
    case ts.SyntaxKind.JsxText: {
      const raw = text.slice(node.pos, node.end);
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      if (trimmed) emit(node.pos + lead, node.pos + lead + trimmed.length, 'jsxtext');
      return;
    }
  }
  ts.forEachChild(node, visit);
}
visit(sf);
