<?php
// The oracle for tests/diff/code_php.sh: every string literal of a PHP code
// file as PHP's own tokenizer (token_get_all) finds it, one JSON object per
// line: {"line": L, "column": C, "text": T}. The text is the value PHP gives
// the literal (each one evaluated), with interpolations ($name, {$…}, ${…})
// kept as written: they are replaced by a marker before the evaluation and
// put back after. line/column (1-based, columns in Unicode characters) are
// those of the first character of the text: after the quote, or, in a
// heredoc, on the line after `<<<LABEL` past the indentation removed.
// A NUL reads as U+FFFD, as in tonelint.
// Usage: php php_literals.php FILE
$src = file_get_contents($argv[1]);
$toks = token_get_all($src);
$off = 0;
$pos = [];
foreach ($toks as $k => $t) {
    $pos[$k] = $off;
    $off += strlen(is_array($t) ? $t[1] : $t);
}
$text = function ($t) { return is_array($t) ? $t[1] : $t; };
function out($src, $at, $value) {
    $before = substr($src, 0, $at);
    $line = substr_count($before, "\n") + 1;
    $nl = strrpos($before, "\n");
    $col = preg_match_all('/./su', $nl === false ? $before : substr($before, $nl + 1)) + 1;
    $value = str_replace("\0", "\u{FFFD}", $value);
    echo json_encode(['line' => $line, 'column' => $col, 'text' => $value],
                     JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
}
$marker = "\u{E000}";
$n = count($toks);
for ($i = 0; $i < $n; $i++) {
    $t = $toks[$i];
    if (is_array($t) && $t[0] === T_CONSTANT_ENCAPSED_STRING) {
        $q = strpos($t[1], $t[1][0] === 'b' || $t[1][0] === 'B' ? substr($t[1], 1, 1) : $t[1][0]);
        out($src, $pos[$i] + $q + 1, eval('return ' . $t[1] . ';'));
        continue;
    }
    $heredoc = is_array($t) && $t[0] === T_START_HEREDOC;
    if ($t !== '"' && !(is_array($t) && $t[0] === T_START_HEREDOC) &&
        !($t === 'b"')) continue;
    // The literal's source with each run of interpolation tokens replaced by the marker.
    $code = $text($t);
    $held = [];
    $run = null;
    for ($j = $i + 1; $j < $n; $j++) {
        $u = $toks[$j];
        $end = $heredoc ? (is_array($u) && $u[0] === T_END_HEREDOC) : $u === '"';
        if ($end || (is_array($u) && $u[0] === T_ENCAPSED_AND_WHITESPACE)) {
            if ($run !== null) { $held[] = $run; $code .= $marker; $run = null; }
            $code .= $text($u);
            if ($end) break;
        } else {
            $run = ($run ?? '') . $text($u);
        }
    }
    $value = eval('return ' . $code . ";\n");
    $k = 0;
    $value = preg_replace_callback('/' . $marker . '/u', function () use (&$k, $held) { return $held[$k++]; }, $value);
    if ($heredoc) {
        $body = $pos[$i] + strlen($t[1]);
        $indent = strlen($toks[$j][1]) - strlen(ltrim($toks[$j][1], " \t"));
        $lead = strspn($src, " \t", $body);
        $at = $body + min($indent, $lead);
    } else {
        $at = $pos[$i] + strlen($t === '"' ? '"' : $t);
    }
    out($src, $at, $value);
    $i = $j;
}
