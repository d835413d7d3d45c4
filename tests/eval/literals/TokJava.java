// Print every string literal of a Java file as JSON lines, using the javac
// parser (com.sun.source). Literals: string literals and text blocks; javac's
// folding of "a" + "b" is turned off (-XDallowStringFolding=false), so each
// literal is its own row. Columns are 1-based byte columns (UTF-8).
// Usage: java tests/eval/literals/TokJava.java FILE
import com.sun.source.tree.*;
import com.sun.source.util.*;
import javax.tools.*;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.List;

public class TokJava {
    public static void main(String[] args) throws Exception {
        String text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        JavaCompiler jc = ToolProvider.getSystemJavaCompiler();
        JavaFileObject src = new SimpleJavaFileObject(URI.create("string:///F.java"), JavaFileObject.Kind.SOURCE) {
            @Override public CharSequence getCharContent(boolean ignore) { return text; }
        };
        JavacTask task = (JavacTask) jc.getTask(null, null, d -> {}, List.of("-XDallowStringFolding=false", "-proc:none"), null, List.of(src));
        SourcePositions pos = Trees.instance(task).getSourcePositions();
        for (CompilationUnitTree cu : task.parse()) {
            new TreeScanner<Void, Void>() {
                @Override public Void visitLiteral(LiteralTree t, Void v) {
                    if (t.getKind() == Tree.Kind.STRING_LITERAL) {
                        int s = (int) pos.getStartPosition(cu, t), e = (int) pos.getEndPosition(cu, t);
                        long line = cu.getLineMap().getLineNumber(s);
                        int ls = (int) cu.getLineMap().getStartPosition(line);
                        int col = text.substring(ls, s).getBytes(StandardCharsets.UTF_8).length + 1;
                        System.out.println("{\"line\":" + line + ",\"col\":" + col + ",\"raw\":" + json(text.substring(s, e)) + ",\"kind\":\"string\"}");
                    }
                    return null;
                }
            }.scan(cu, null);
        }
    }
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default: if (c < 0x20) b.append(String.format("\\u%04x", (int) c)); else b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
