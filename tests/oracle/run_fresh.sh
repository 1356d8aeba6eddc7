#!/bin/sh
# Runs GEN afresh on every case of tests/oracle/cases.txt (a copy of the case's input, templates
# and before/ folders, with the case's args) and checks the new out folder and standard error
# with check_case.py. Exits non-zero if any case mismatches.
#   tests/oracle/run_fresh.sh GEN [GOLDEN_DIR]      (from the project root)
gen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
golden=$(cd "${2:-tests/golden}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
for case in $(grep -v '^#' "$here/cases.txt" | awk 'NF {print $1}'); do
    period=$(grep -v '^#' "$here/cases.txt" | awk -v c="$case" '$1 == c {print $2}')
    d="$work/$case"
    mkdir -p "$d"
    for part in input templates before; do
        [ -d "$golden/$case/$part" ] && cp -R "$golden/$case/$part" "$d/"
    done
    [ -d "$d/templates" ] || cp -R "$here/../../templates" "$d/"
    [ -d "$d/before" ] && mv "$d/before" "$d/out"
    # shellcheck disable=SC2046
    (cd "$d" && "$gen" $(cat "$golden/$case/args") >stdout 2>stderr)
    set -- "$d/out" "$d/input" --stderr "$d/stderr"
    [ -n "$period" ] && set -- "$@" --period "$period"
    if ! "$py" "$here/check_case.py" "$@" >"$d/check.log" 2>&1; then
        fails=$((fails + 1))
    fi
    sed "s|$d/|$case/|g" "$d/check.log" | head -${ORACLE_LINES:-5}
done
echo "oracle on fresh runs: $fails case(s) with mismatches"
[ "$fails" -eq 0 ]
