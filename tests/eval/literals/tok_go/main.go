// Print every string literal of a Go file as JSON lines, using go/scanner.
// Literals: token.STRING (interpreted "..." and raw `...`); runes are not
// strings. Columns are 1-based byte columns (go/token counts bytes).
package main

import (
	"encoding/json"
	"fmt"
	"go/scanner"
	"go/token"
	"os"
)

func main() {
	src, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fset := token.NewFileSet()
	file := fset.AddFile(os.Args[1], fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, 0)
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok != token.STRING {
			continue
		}
		p := fset.Position(pos)
		kind := "interpreted"
		if lit[0] == '`' {
			kind = "raw"
		}
		enc.Encode(map[string]interface{}{"line": p.Line, "col": p.Column, "raw": lit, "kind": kind})
	}
}
