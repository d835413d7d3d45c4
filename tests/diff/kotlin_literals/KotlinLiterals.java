// The oracle for tests/diff/code_kotlin.sh: every string literal of a Kotlin
// file as the Kotlin compiler's lexer reads it (org.jetbrains.kotlin.lexer.
// KotlinLexer, from Debian's kotlin package), one JSON object per line:
// {"line": L, "column": C, "text": T}. T is the literal's value with escapes
// decoded and each template ($name, ${…}) kept as written, as tonelint
// keeps placeholders; a literal inside a ${…} template is listed too.
// line/column (1-based, columns in Unicode characters) are those of the
// first character after the opening quotes.
// Usage: java -cp CLASSES:kotlin-compiler.jar KotlinLiterals FILE
import com.intellij.psi.tree.IElementType;
import org.jetbrains.kotlin.lexer.KotlinLexer;
import org.jetbrains.kotlin.lexer.KtTokens;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.ArrayDeque;

public class KotlinLiterals {
    // An open string (hole < 0) or an open ${…} template (hole: where it starts).
    static final class Open {
        final int start, hole;
        final StringBuilder text = new StringBuilder();
        Open(int start, int hole) { this.start = start; this.hole = hole; }
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        String text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        KotlinLexer lx = new KotlinLexer();
        lx.start(text);
        ArrayDeque<Open> stack = new ArrayDeque<>();
        int shortAt = -1; // a $name template waiting for its name
        for (IElementType t; (t = lx.getTokenType()) != null; lx.advance()) {
            int s = lx.getTokenStart(), e = lx.getTokenEnd();
            Open top = stack.peek();
            if (shortAt >= 0) {
                if (top != null && top.hole < 0) top.text.append(text, shortAt, e);
                shortAt = -1;
                continue;
            }
            if (t == KtTokens.OPEN_QUOTE) {
                stack.push(new Open(e, -1));
            } else if (t == KtTokens.REGULAR_STRING_PART && top != null && top.hole < 0) {
                top.text.append(text, s, e);
            } else if (t == KtTokens.ESCAPE_SEQUENCE && top != null && top.hole < 0) {
                top.text.append(unescape(text.substring(s, e)));
            } else if (t == KtTokens.SHORT_TEMPLATE_ENTRY_START) {
                shortAt = s;
            } else if (t == KtTokens.LONG_TEMPLATE_ENTRY_START) {
                stack.push(new Open(s, s));
            } else if (t == KtTokens.LONG_TEMPLATE_ENTRY_END && top != null && top.hole >= 0) {
                stack.pop();
                Open str = stack.peek();
                if (str != null) str.text.append(text, top.hole, e);
            } else if (t == KtTokens.CLOSING_QUOTE && top != null && top.hole < 0) {
                stack.pop();
                emit(out, text, top);
            }
        }
    }

    static void emit(PrintStream out, String text, Open o) {
        int line = 1, ls = 0;
        for (int i = 0; i < o.start; i++)
            if (text.charAt(i) == '\n') { line++; ls = i + 1; }
        int col = text.codePointCount(ls, o.start) + 1;
        out.println("{\"line\":" + line + ",\"column\":" + col + ",\"text\":" + json(o.text.toString()) + "}");
    }

    static String unescape(String esc) {
        switch (esc.charAt(1)) {
            case 't': return "\t";
            case 'b': return "\b";
            case 'n': return "\n";
            case 'r': return "\r";
            case 'u': return String.valueOf((char) Integer.parseInt(esc.substring(2, 6), 16));
            default: return esc.substring(1);
        }
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
