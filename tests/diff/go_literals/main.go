// The oracle for tests/diff/code_go.sh: every string literal of a Go file
// as go/scanner reads it, one JSON object per line:
//
//	{"line": L, "column": C, "text": T}
//
// line/column (1-based; the column counts Unicode characters) are those of
// the first character after the opening quote; text is strconv.Unquote's
// value, with invalid UTF-8 and NUL read as U+FFFD as tonelint shows them.
// Rune literals are not strings and are left out.
// Usage: go_literals FILE...
package main

import (
	"encoding/json"
	"fmt"
	"go/scanner"
	"go/token"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

func main() {
	status := 0
	for _, path := range os.Args[1:] {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fset := token.NewFileSet()
		file := fset.AddFile(path, fset.Base(), len(src))
		var s scanner.Scanner
		s.Init(file, src, func(pos token.Position, msg string) {
			fmt.Fprintf(os.Stderr, "%s: %s\n", pos, msg)
			status = 1
		}, 0)
		lineStart := 0
		line := 1
		for {
			pos, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			if tok != token.STRING {
				continue
			}
			p := fset.Position(pos)
			text, err := strconv.Unquote(lit)
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n", p, err)
				status = 1
				continue
			}
			var b strings.Builder
			for len(text) > 0 {
				r, n := utf8.DecodeRuneInString(text)
				if r == 0 || (r == utf8.RuneError && n == 1) {
					r = utf8.RuneError
				}
				b.WriteRune(r)
				text = text[n:]
			}
			off := file.Offset(pos)
			for line < p.Line {
				for src[lineStart] != '\n' {
					lineStart++
				}
				lineStart++
				line++
			}
			col := utf8.RuneCount(src[lineStart:off]) + 2
			out, _ := json.Marshal(map[string]interface{}{"line": p.Line, "column": col, "text": b.String()})
			fmt.Println(string(out))
		}
	}
	os.Exit(status)
}
