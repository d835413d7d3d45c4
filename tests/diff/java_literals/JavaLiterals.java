// The oracle for tests/diff/code_java.sh: every string literal and text
// block of a Java file as javac's parser reads it (com.sun.source), one JSON
// object per line: {"line": L, "column": C, "text": T}, with the value javac
// gives the literal (escapes decoded, a text block's incidental indentation
// removed; "a" + "b" is not folded). line/column (1-based, columns in
// Unicode characters) are those of the value's first character in the
// source: after the quote, or, for a text block, on the line after the
// opening quotes past the indentation removed.
// Usage: java JavaLiterals.java FILE
import com.sun.source.tree.*;
import com.sun.source.util.*;
import javax.tools.*;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.List;

public class JavaLiterals {
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
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
                        int s = (int) pos.getStartPosition(cu, t);
                        int at = s + 1;
                        if (text.startsWith("\"\"\"", s)) at = blockStart(text, s);
                        long line = cu.getLineMap().getLineNumber(at);
                        int ls = (int) cu.getLineMap().getStartPosition(line);
                        int col = text.codePointCount(ls, at) + 1;
                        out.println("{\"line\":" + line + ",\"column\":" + col + ",\"text\":" + json((String) t.getValue()) + "}");
                    }
                    return null;
                }
            }.scan(cu, null);
        }
    }

    // Where the value of the text block at s starts: the first line after the
    // opening quotes, past the indentation common to the significant lines;
    // on a blank first line, its line break.
    static int blockStart(String text, int s) {
        int i = text.indexOf('\n', s) + 1;
        if (text.indexOf('\r', s) >= 0 && text.indexOf('\r', s) < i) i = text.indexOf('\r', s) + (text.startsWith("\r\n", text.indexOf('\r', s)) ? 2 : 1);
        int end = i;
        while (!text.startsWith("\"\"\"", end)) end += text.charAt(end) == '\\' ? 2 : 1;
        int min = Integer.MAX_VALUE;
        for (int ls = i; ; ) {
            int e = ls;
            while (e < end && text.charAt(e) != '\n' && text.charAt(e) != '\r') e++;
            int k = ls;
            while (k < e && (text.charAt(k) == ' ' || text.charAt(k) == '\t' || text.charAt(k) == '\f')) k++;
            if ((k < e || e == end) && k - ls < min) min = k - ls;
            if (e == end) break;
            ls = e + (text.startsWith("\r\n", e) ? 2 : 1);
        }
        int e = i;
        while (e < end && text.charAt(e) != '\n' && text.charAt(e) != '\r') e++;
        int z = e;
        while (z > i && (text.charAt(z - 1) == ' ' || text.charAt(z - 1) == '\t' || text.charAt(z - 1) == '\f')) z--;
        return z > i ? i + min : e;
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 0xD800 && c <= 0xDFFF || c == 0) c = 0xFFFD;
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default: if (c < 0x20) b.append(String.format("\\u%04x", c)); else b.appendCodePoint(c);
            }
        }
        return b.append('"').toString();
    }
}
