# bash completion for tonelint. Installed to
# share/bash-completion/completions/tonelint; or source it from ~/.bashrc.
_tonelint()
{
    local cur prev
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}

    local formats="text unix json sarif github markdown checkstyle html"
    local syntaxes="po text properties strings fluent markup php lang ini vufind-ini magento-csv json arb yaml xcstrings android xliff resx stringsdict qt-ts javascript typescript python go c cpp java php-code ruby kotlin csharp swift"
    local levels="error warning suggestion"

    if [[ ${COMP_WORDS[1]} == lsp ]]; then
        case $prev in
            -r|--rules) COMPREPLY=($(compgen -d -- "$cur")); return ;;
            --config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
            --min-severity) COMPREPLY=($(compgen -W "$levels" -- "$cur")); return ;;
            --tier) COMPREPLY=($(compgen -W "default strict pedantic" -- "$cur")); return ;;
        esac
        COMPREPLY=($(compgen -W "--rules --no-default-rules --config --no-config --min-severity --tier --stdio --verbose --help" -- "$cur"))
        return
    fi

    case $prev in
        -f|--format) COMPREPLY=($(compgen -W "$formats" -- "$cur")); return ;;
        --syntax) COMPREPLY=($(compgen -W "$syntaxes" -- "$cur")); return ;;
        --fail-on) COMPREPLY=($(compgen -W "$levels none" -- "$cur")); return ;;
        --min-severity) COMPREPLY=($(compgen -W "$levels" -- "$cur")); return ;;
        --tier) COMPREPLY=($(compgen -W "default strict pedantic" -- "$cur")); return ;;
        -r|--rules) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --config|--baseline|--write-baseline|--stdin-filename)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --explain)
            COMPREPLY=($(compgen -W "$(tonelint --list-rules 2>/dev/null | cut -d' ' -f1)" -- "$cur"))
            return ;;
        -j|--jobs) COMPREPLY=($(compgen -W "0 1 2 4 8" -- "$cur")); return ;;
    esac
    if [[ $cur == --color=* || $cur == --colour=* ]]; then
        COMPREPLY=($(compgen -P "${cur%%=*}=" -W "auto always never" -- "${cur#*=}"))
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--format --dump-strings --syntax --stdin --stdin-filename
            --rules --no-default-rules --list-rules --explain --fail-on --min-severity --tier
            --config --no-config --baseline --write-baseline --fix --diff --fix-extracted --all-copies --catalogs-only --source --skipped
            --report-unused-disables --no-summary --statistics --total-across-runs
            --color --colour --jobs --version --help -f -r -j -V -h" -- "$cur"))
        return
    fi
    if [[ $COMP_CWORD == 1 ]]; then
        COMPREPLY=($(compgen -W "lsp" -- "$cur"))
    fi
    COMPREPLY+=($(compgen -f -- "$cur"))
}
complete -o filenames -F _tonelint tonelint
