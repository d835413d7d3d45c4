// String literals of a Kotlin file for tests/eval/literals.py, as the Kotlin
// compiler's lexer (org.jetbrains.kotlin.lexer.KotlinLexer, Debian kotlin)
// reads them: one JSON object per line, {"line", "col" (1-based, bytes, of
// the opening quotes), "raw" (the source from the opening to the closing
// quotes), "kind": "string"}. A string inside a ${…} template is part of the
// literal around it, not listed on its own.
// Usage: javac -cp kotlin-compiler.jar -d DIR TokKotlin.java;
//        java -cp DIR:kotlin-compiler.jar TokKotlin FILE
import com.intellij.psi.tree.IElementType;
import org.jetbrains.kotlin.lexer.KotlinLexer;
import org.jetbrains.kotlin.lexer.KtTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;

public class TokKotlin {
    public static void main(String[] args) throws Exception {
        String text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        KotlinLexer lx = new KotlinLexer();
        lx.start(text);
        int depth = 0, start = 0;
        StringBuilder out = new StringBuilder();
        for (IElementType t; (t = lx.getTokenType()) != null; lx.advance()) {
            if (t == KtTokens.OPEN_QUOTE && depth++ == 0) start = lx.getTokenStart();
            if (t == KtTokens.CLOSING_QUOTE && depth > 0 && --depth == 0) {
                int line = 1, ls = 0;
                for (int i = 0; i < start; i++)
                    if (text.charAt(i) == '\n') { line++; ls = i + 1; }
                int col = text.substring(ls, start).getBytes(StandardCharsets.UTF_8).length + 1;
                out.append("{\"line\":").append(line).append(",\"col\":").append(col)
                   .append(",\"raw\":").append(json(text.substring(start, lx.getTokenEnd())))
                   .append(",\"kind\":\"string\"}\n");
            }
        }
        System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
        System.out.flush();
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
