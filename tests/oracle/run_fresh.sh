#!/bin/sh
# Runs GEN afresh on every case of tests/oracle/cases.txt (a copy of the case's input, templates
# and before/ folders, with the case's args) and checks the new out folder: every listed period
# with check_case.py (standard error with the first listed), and no period published that the
# list does not name. With --over-time, checks instead each listed period's briefing.md with
# over_time.py, for the cases whose roster dates its provinces (from/until/successor columns).
# Exits non-zero if any case mismatches.
#   tests/oracle/run_fresh.sh [--over-time] GEN [GOLDEN_DIR]      (from the project root)
mode=check
if [ "$1" = --over-time ]; then mode=over-time; shift; fi
gen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
golden=$(cd "${2:-tests/golden}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
checked=0
grep -v '^#' "$here/cases.txt" | awk 'NF' >"$work/cases"
while read -r case periods; do
    if [ "$mode" = over-time ] && ! head -1 "$golden/$case/input/roster.csv" | grep -q 'from'; then
        continue
    fi
    d="$work/$case"
    mkdir -p "$d"
    for part in input templates before; do
        [ -d "$golden/$case/$part" ] && cp -R "$golden/$case/$part" "$d/"
    done
    [ -d "$d/templates" ] || cp -R "$here/../../templates" "$d/"
    [ -d "$d/before" ] && mv "$d/before" "$d/out"
    # shellcheck disable=SC2046
    (cd "$d" && LC_ALL=C.UTF-8 TZ=UTC "$gen" $(cat "$golden/$case/args") >stdout 2>stderr)
    : >"$d/check.log"
    bad=0
    for p in $(cd "$d/out" && ls -d [0-9][0-9][0-9][0-9]-[0-9][0-9] 2>/dev/null); do
        case " $periods " in
        *" $p "*) ;;
        *) echo "MISMATCH $case: the run published $p, which tests/oracle/cases.txt does not list" >>"$d/check.log"
           bad=1 ;;
        esac
    done
    first=yes
    for p in $periods; do
        if [ "$mode" = over-time ]; then
            "$py" "$here/over_time.py" "$d/input" "$p" "$d/out/$p/briefing.md" >>"$d/check.log" 2>&1 || bad=1
        elif [ $first = yes ]; then
            "$py" "$here/check_case.py" "$d/out" "$d/input" --period "$p" --stderr "$d/stderr" >>"$d/check.log" 2>&1 || bad=1
        else
            "$py" "$here/check_case.py" "$d/out" "$d/input" --period "$p" >>"$d/check.log" 2>&1 || bad=1
        fi
        first=no
        checked=$((checked + 1))
    done
    fails=$((fails + bad))
    echo "== $case ($periods)"
    if [ $bad = 1 ]; then
        sed "s|$d/|$case/|g" "$d/check.log" | head -"${ORACLE_LINES:-8}"
    else
        sed "s|$d/|$case/|g" "$d/check.log"
    fi
done <"$work/cases"
echo "oracle ($mode) on fresh runs: $checked period(s) checked, $fails case(s) with mismatches"
[ "$fails" -eq 0 ] && [ "$checked" -gt 0 ]
