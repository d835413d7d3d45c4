<?php
// Print every string literal of a PHP file as JSON lines, using token_get_all.
// Literals: T_CONSTANT_ENCAPSED_STRING; "..." with interpolation (one literal
// from the opening '"' to the closing '"'); heredoc/nowdoc (T_START_HEREDOC
// through T_END_HEREDOC). Columns are 1-based byte columns, computed from
// the byte offset of each token (token_get_all gives lines only).
$src = file_get_contents($argv[1]);
$toks = token_get_all($src);
$off = 0;
$pos = [];
foreach ($toks as $k => $t) {
    $text = is_array($t) ? $t[1] : $t;
    $pos[$k] = $off;
    $off += strlen($text);
}
function linecol($src, $off) {
    $before = substr($src, 0, $off);
    $line = substr_count($before, "\n") + 1;
    $nl = strrpos($before, "\n");
    $col = $nl === false ? $off + 1 : $off - $nl;
    return [$line, $col];
}
$n = count($toks);
for ($i = 0; $i < $n; $i++) {
    $t = $toks[$i];
    $start = null; $end = null; $kind = null;
    if (is_array($t) && $t[0] === T_CONSTANT_ENCAPSED_STRING) {
        $start = $i; $end = $i; $kind = 'string';
    } elseif ($t === '"' || (is_array($t) && $t[0] === T_START_HEREDOC)) {
        $kind = $t === '"' ? 'interpolated' : 'heredoc';
        $start = $i;
        for ($j = $i + 1; $j < $n; $j++) {
            $u = $toks[$j];
            if ($kind === 'interpolated' && $u === '"') break;
            if ($kind === 'heredoc' && is_array($u) && $u[0] === T_END_HEREDOC) break;
        }
        $end = $j;
    }
    if ($start === null) continue;
    $endoff = $pos[$end] + strlen(is_array($toks[$end]) ? $toks[$end][1] : $toks[$end]);
    $raw = substr($src, $pos[$start], $endoff - $pos[$start]);
    [$line, $col] = linecol($src, $pos[$start]);
    echo json_encode(['line' => $line, 'col' => $col, 'raw' => $raw, 'kind' => $kind],
                     JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
    $i = $end;
}
