# Print every string literal of a Ruby file as JSON lines, using Ripper.
# A literal runs from its opening token (tstring_beg, heredoc_beg, backtick,
# %w/%i word list, :"dsym") to its end token; interpolations (#{...}) and
# strings nested in them stay part of the outer literal.
# Columns are 1-based byte columns of the opening token (Ripper counts bytes).
require 'ripper'
require 'json'

src = File.binread(ARGV[0]).force_encoding('UTF-8')
toks = Ripper.lex(src)
lines = src.lines
OPEN = %i[on_tstring_beg on_heredoc_beg on_backtick on_qwords_beg on_words_beg
          on_qsymbols_beg on_symbols_beg].freeze
out = []
i = 0
while i < toks.size
  (pos, ev, tok, _state) = toks[i]
  dsym = ev == :on_symbeg && tok.length > 1 # :"..." or :'...'
  if OPEN.include?(ev) || dsym
    line, col = pos
    if ev == :on_heredoc_beg
      # body tokens follow the end of the opening line; take through heredoc_end
      j = i + 1
      depth = 0
      while j < toks.size
        e = toks[j][1]
        break if e == :on_heredoc_end && depth.zero?
        depth += 1 if e == :on_heredoc_beg
        depth -= 1 if e == :on_heredoc_end
        j += 1
      end
      # the body text is the source from the line after the opener to the end token
      endpos = toks[j][0]
      body = lines[line...endpos[0]].join
      raw = tok + "\n" + body
      out << { line: line, col: col + 1, raw: raw.chomp, kind: 'heredoc' }
      i += 1
      next
    end
    # find matching end: track nesting of string openers
    depth = 0
    j = i
    raw = +''
    while j < toks.size
      e = toks[j][1]
      if OPEN.include?(e) && e != :on_heredoc_beg || (e == :on_symbeg && toks[j][2].length > 1)
        depth += 1
      elsif e == :on_tstring_end || e == :on_label_end
        depth -= 1
      end
      raw << toks[j][2] unless e == :on_heredoc_beg
      break if depth.zero?
      j += 1
    end
    out << { line: line, col: col + 1, raw: raw, kind: ev.to_s.sub('on_', '') }
    i = j + 1
    next
  end
  i += 1
end
out.each { |o| puts JSON.generate(o) }
