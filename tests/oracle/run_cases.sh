#!/bin/sh
# Runs tests/oracle/check_case.py on every case of tests/oracle/cases.txt.
#   tests/oracle/run_cases.sh [GOLDEN_DIR]     (default tests/golden; run from the project root)
# With GOLDEN_DIR pointing at freshly generated copies of the cases (CASE/out, CASE/input,
# CASE/stderr), pass OUT=out STDERR=stderr to check those instead of CASE/expected.
# Prints one line a case and exits non-zero if any case has a mismatch.
golden=${1:-tests/golden}
out=${OUT:-expected}
stderr=${STDERR:-expected/stderr}
py=${PYTHON:-/usr/bin/python3}
here=$(dirname "$0")
status=0
grep -v '^#' "$here/cases.txt" | while read -r case periods; do
    [ -n "$case" ] || continue
    first=yes
    for period in $periods; do
        set -- "$golden/$case/$out" "$golden/$case/input" --period "$period"
        [ $first = yes ] && [ -f "$golden/$case/$stderr" ] && set -- "$@" --stderr "$golden/$case/$stderr"
        first=no
        "$py" "$here/check_case.py" "$@" || echo FAIL >>"${TMPDIR:-/tmp}/oracle-run.$$"
    done
done
if [ -f "${TMPDIR:-/tmp}/oracle-run.$$" ]; then
    rm -f "${TMPDIR:-/tmp}/oracle-run.$$"
    exit 1
fi
exit 0
