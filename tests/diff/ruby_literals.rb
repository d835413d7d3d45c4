# The oracle for tests/diff/code_ruby.sh: every string literal of a Ruby
# file as Ruby's own lexer (Ripper) finds it, one JSON object per line:
#   {"line": L, "column": C, "text": T}
# Literals: "…", '…', %q, %Q, %() and heredocs, strings inside #{} too;
# not symbols, word lists (%w %i), regular expressions or commands. The
# text is the value Ruby gives the literal (each one evaluated), with
# interpolations (#{…}, #@x, #$x) kept as written: they are replaced by a
# marker before the evaluation and put back after. line/column (1-based,
# columns in Unicode characters) are those of the first character of the
# text (in a heredoc, past the indentation <<~ removes).
# Usage: ruby ruby_literals.rb FILE
require 'ripper'
require 'json'

src = File.binread(ARGV[0]).force_encoding('UTF-8')
lines = src.lines
starts = [0]
lines.each { |l| starts << starts.last + l.bytesize }
toks = Ripper.lex(src)
MARK = "\u{E000}"
off = ->(pos) { starts[pos[0] - 1] + pos[1] }
col = lambda do |o|
  line = starts.rindex { |s| s <= o }
  line = starts.size - 2 if line > starts.size - 2
  [line + 1, src.byteslice(starts[line], o - starts[line]).force_encoding('UTF-8').scrub.length + 1]
end
out = []
emit = lambda do |at, code, held|
  value = eval(code) # rubocop:disable Security/Eval -- a literal, its interpolations masked
  k = -1
  value = value.gsub(MARK) { held[k += 1] }
  value = value.gsub("\0", "\u{FFFD}").scrub("\u{FFFD}")
  l, c = col.call(at)
  out << { line: l, column: c, text: value, at: at }
end
OPEN_OTHER = %i[on_backtick on_qwords_beg on_words_beg on_qsymbols_beg on_symbols_beg on_regexp_beg].freeze
# The source bytes [from, to) with each interpolation among tokens i+1 ... j-1
# replaced by the marker (the interpolations, as written, in `held`).
body = lambda do |i, j, from, to|
  code = +''
  held = []
  depth = 0
  at = from
  cut = nil
  (i + 1...j).each do |k|
    pos, ev, tok = toks[k]
    o = off.call(pos)
    next if o < from || o >= to
    if depth.zero? && (ev == :on_embexpr_beg || ev == :on_embvar)
      cut = o
      depth = ev == :on_embvar ? -1 : 1
    elsif depth.positive?
      depth += 1 if ev == :on_embexpr_beg
      depth -= 1 if ev == :on_embexpr_end
    elsif depth == -1
      depth = 0
    end
    next unless depth.zero? && cut
    stop = o + tok.bytesize
    code << src.byteslice(at, cut - at) << MARK
    held << src.byteslice(cut, stop - cut).force_encoding('UTF-8')
    at = stop
    cut = nil
  end
  code << src.byteslice(at, to - at)
  [code.force_encoding('UTF-8'), held]
end
heredoc_ends = toks.each_index.select { |k| toks[k][1] == :on_heredoc_end }
heredocs = toks.each_index.select { |k| toks[k][1] == :on_heredoc_beg }
stack = []
toks.each_with_index do |(pos, ev, tok), i|
  if ev == :on_tstring_beg || (ev == :on_symbeg && tok.length > 1) || OPEN_OTHER.include?(ev)
    stack << [i, ev]
  elsif ev == :on_tstring_end || ev == :on_label_end || ev == :on_regexp_end
    b, bev = stack.pop
    next unless bev == :on_tstring_beg
    beg = toks[b][2]
    close = ev == :on_label_end ? tok[0] : tok
    from = off.call(toks[b][0]) + beg.bytesize
    code, held = body.call(b, i, from, off.call(pos))
    emit.call(from, beg + code + close, held)
  end
end
heredocs.each_with_index do |b, n|
  e = heredoc_ends[n]
  bline = toks[b][0][0]
  from = starts[bline] # the line after the opener
  # a second heredoc on the same line starts after the first one's end
  prev = heredocs[0...n].rindex { |pb| toks[pb][0][0] == bline }
  from = off.call(toks[heredoc_ends[prev]][0]) + toks[heredoc_ends[prev]][2].bytesize if prev
  code, held = body.call(b, e, from, off.call(toks[e][0]))
  first = (b + 1...e).find { |k| off.call(toks[k][0]) >= from && toks[k][1] != :on_ignored_sp }
  at = first ? off.call(toks[first][0]) : off.call(toks[e][0])
  at = off.call(toks[e][0]) if first.nil? || first >= e
  beg = toks[b][2]
  label = beg.sub(/\A<<[~-]?/, '').delete("\"'`")
  emit.call(at, "#{beg}\n#{code}#{label}\n", held)
end
out.sort_by { |o| o[:at] }.each { |o| o.delete(:at); puts JSON.generate(o) }
