#!/bin/zsh
# Prints the completions zsh offers for a command line, as a person pressing Tab would get them:
#   zsh zsh-capture.zsh FPATH_DIR 'cognito-totp initiate-auth --auth-flow '
# It runs an interactive zsh in a pseudo-terminal (zpty) with the folder on $fpath, hooks compadd
# to print each candidate, and sends the line followed by Tab. Adapted from
# https://github.com/Valodim/zsh-capture-completion (MIT licence).
zmodload zsh/zpty
zpty z zsh -f -i
local line
setopt rcquotes
() {
    zpty -w z source $1
    repeat 4; do
        zpty -r z line
        [[ $line == ok* ]] && return
    done
    echo 'error initializing.' >&2
    exit 2
} =( <<< "
fpath=($1 \$fpath)
"'
PROMPT=
autoload -U compinit
compinit -u -d $HOME/.zcompdump_capture
bindkey ''^M'' undefined
bindkey ''^J'' undefined
bindkey ''^I'' complete-word
null-line () { echo -E - $''\0'' }
compprefuncs=( null-line )
comppostfuncs=( null-line exit )
zstyle '':completion:*'' list-grouped false
zstyle '':completion:*'' insert-tab false
zstyle '':completion:*'' list-separator ''''
zmodload zsh/zutil
compadd () {
    if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
        builtin compadd "$@"
        return $?
    fi
    typeset -a __hits __dscr __tmp
    if (( $@[(I)-d] )); then
        __tmp=${@[$[${@[(i)-d]}+1]]}
        if [[ $__tmp == \(* ]]; then
            eval "__dscr=$__tmp"
        else
            __dscr=( "${(@P)__tmp}" )
        fi
    fi
    builtin compadd -A __hits -D __dscr "$@"
    setopt localoptions norcexpandparam extendedglob
    typeset -A apre hpre hsuf asuf
    zparseopts -E P:=apre p:=hpre S:=asuf s:=hsuf
    if [[ -n $__hits ]]; then
        local i
        for i in {1..$#__hits}; do
            echo -E - $IPREFIX$apre$hpre$__hits[$i]$hsuf$asuf${__dscr[$i]:+ -- $__dscr[$i]}
        done
    fi
}
echo ok')
zpty -w z "$2"$'\t'
integer tog=0
while zpty -r z; do :; done | while IFS= read -r line; do
    if [[ $line == *$'\0\r' ]]; then
        (( tog++ )) && return 0 || continue
    fi
    (( tog )) && echo -E - $line
done
return 2
