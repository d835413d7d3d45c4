# fish completion for tonelint. Installed to
# share/fish/vendor_completions.d/tonelint.fish.
function __tonelint_rules
    tonelint --list-rules 2>/dev/null | string replace -r ' .*' ''
end
function __tonelint_lsp
    __fish_seen_subcommand_from lsp
end
function __tonelint_main
    not __fish_seen_subcommand_from lsp
end

complete -c tonelint -n '__fish_use_subcommand' -a lsp -d 'Run the language server over stdin/stdout'

complete -c tonelint -n __tonelint_main -s f -l format -x -a 'text unix json sarif github markdown checkstyle html' -d 'Output format'
complete -c tonelint -n __tonelint_main -l dump-strings -d 'Print every extracted string as a JSON line'
complete -c tonelint -n __tonelint_main -l syntax -x -a 'po text properties strings fluent markup php lang ini vufind-ini magento-csv json arb yaml xcstrings android xliff resx stringsdict qt-ts javascript typescript python go c cpp java php-code ruby kotlin csharp swift' -d 'Read inputs as this format'
complete -c tonelint -n __tonelint_main -l stdin -d 'Read standard input'
complete -c tonelint -n __tonelint_main -l stdin-filename -r -F -d 'Name standard input'
complete -c tonelint -s r -l rules -x -a '(__fish_complete_directories)' -d 'Load an extra rule pack'
complete -c tonelint -l no-default-rules -d 'Do not load the default pack'
complete -c tonelint -n __tonelint_main -l list-rules -d 'List the loaded rules'
complete -c tonelint -n __tonelint_main -l explain -x -a '(__tonelint_rules)' -d 'Explain a rule'
complete -c tonelint -n __tonelint_main -l fail-on -x -a 'error warning suggestion none' -d 'Exit 1 at findings of this level or above'
complete -c tonelint -l min-severity -x -a 'error warning suggestion' -d 'Report only findings of this level or above'
complete -c tonelint -l tier -x -a 'default strict pedantic' -d 'Run the rules of this tier and below'
complete -c tonelint -n __tonelint_main -l config -r -F -d 'Use this config for every file'
complete -c tonelint -n __tonelint_main -l no-config -d 'Do not look for .tonelint.yml files'
complete -c tonelint -n __tonelint_main -l baseline -r -F -d 'Report only findings not recorded in the file'
complete -c tonelint -n __tonelint_main -l write-baseline -r -F -d "Record this run's findings in the file"
complete -c tonelint -n __tonelint_main -l fix -d 'Apply the safe fixes in place'
complete -c tonelint -n __tonelint_main -l diff -d 'Print the safe fixes as a unified diff'
complete -c tonelint -n __tonelint_main -l fix-extracted -d 'Also fix text generated from code'
complete -c tonelint -n __tonelint_main -l catalogs-only -d 'Skip named files a folder walk skips'
complete -c tonelint -n __tonelint_main -l source -d 'Folder walks read source code too'
complete -c tonelint -n __tonelint_main -l skipped -d 'With --dump-strings, also source literals that are not copy'
complete -c tonelint -n __tonelint_main -l report-unused-disables -d 'Report suppression comments that silence nothing'
complete -c tonelint -n __tonelint_main -l no-summary -d 'No closing summary line in the text output'
complete -c tonelint -n __tonelint_main -l total-across-runs -d 'Text total over the runs of one hook'
complete -c tonelint -n __tonelint_main -l statistics -d 'Counts per rule, category and journey moment, and the worst files'
complete -c tonelint -n __tonelint_main -l all-copies -d 'Report a source string in every catalog that repeats it'
complete -c tonelint -n __tonelint_main -l color -f -a 'auto always never' -d 'Colour the text output'
complete -c tonelint -n __tonelint_main -l colour -f -a 'auto always never' -d 'Colour the text output'
complete -c tonelint -n __tonelint_main -s j -l jobs -x -d 'Lint files on N threads'
complete -c tonelint -n __tonelint_main -s V -l version -d 'Print the version'
complete -c tonelint -s h -l help -d 'Print help'
complete -c tonelint -n __tonelint_lsp -l config -r -F -d 'Use this config for every document'
complete -c tonelint -n __tonelint_lsp -l no-config -d 'Do not look for .tonelint.yml files'
complete -c tonelint -n __tonelint_lsp -l stdio -d 'Use standard input and output'
complete -c tonelint -n __tonelint_lsp -l verbose -d 'Log timings to standard error'
