#!/bin/sh
# make mutants: for each mutant of tests/mutants/mutants.txt, copies the working tree (tracked and
# untracked files, plus build/ and tests/bin/ so that only what the mutant touches is rebuilt) to
# a temporary folder with ../shared beside it, applies the mutant (an exact search/replace, done
# in Python; the search text must occur exactly once), builds, runs the suite, and records
#   killed    the suite failed
#   SURVIVED  the suite passed: a hole in the tests
#   ERROR     the search text was not found (or not once), or the mutant does not build
# Prints a table and exits non-zero if any mutant survived or erred.
#
#   tests/mutants/run.sh [NAME...]            (from the project root; default every mutant)
# Environment: MUTANTS (the list file), MUTANT_TESTS (the test programs), MUTANT_BUILD and
# MUTANT_SUITE (shell commands run in the mutated copy; MUTANT_SUITE may later be
# "make check-quick"), KEEP=1 keeps the copies.
root=$(cd "$(dirname "$0")/../.." && pwd)
list=${MUTANTS:-$root/tests/mutants/mutants.txt}
py=${PYTHON:-/usr/bin/python3}
tests=${MUTANT_TESTS:-"tests/bin/test_number tests/bin/test_csvread tests/bin/test_hostile tests/bin/test_submission tests/bin/test_text tests/bin/test_fold tests/bin/test_golden tests/bin/test_annex tests/bin/test_publish tests/bin/test_briefing tests/bin/test_html tests/bin/test_mustache"}
build=${MUTANT_BUILD:-"make -j2 gen/gen $tests"}
suite=${MUTANT_SUITE:-"SHARED=\$PWD/../shared GEN=gen/gen tests/run-all.sh $tests && tests/oracle/run_fresh.sh gen/gen"}
shared=$(cd "$root/../shared" 2>/dev/null && pwd)

names=$("$py" "$root/tests/mutants/mutate.py" "$list" --list) || exit 2
[ $# -gt 0 ] && names="$*"
report=$(mktemp)
logs=${MUTANT_LOGS:-$(mktemp -d)}
status=0
# Build the unmutated tree once, so that the copies start from up-to-date objects.
(cd "$root" && eval "$build") >"$logs/baseline-build.log" 2>&1 || { echo "the unmutated tree does not build: $logs/baseline-build.log"; exit 2; }
for name in $names; do
    start=$(date +%s)
    work=$(mktemp -d)
    mkdir "$work/repo"
    [ -n "$shared" ] && ln -s "$shared" "$work/shared"
    (cd "$root" && { git ls-files -z -co --exclude-standard; find build tests/bin gen/gen -type f -print0 2>/dev/null; } |
        tar --null -cf - -T -) | tar -xpf - -C "$work/repo" 2>/dev/null
    log="$logs/$name.log"
    if ! msg=$("$py" "$root/tests/mutants/mutate.py" "$list" --apply "$name" "$work/repo" 2>&1); then
        result=ERROR
        echo "mutant $name: $msg" | tee "$log"
    elif ! (cd "$work/repo" && eval "$build") >"$log" 2>&1; then
        result=ERROR
        echo "mutant $name: does not build (see $log)"
    elif (cd "$work/repo" && eval "$suite") >>"$log" 2>&1; then
        result=SURVIVED
    else
        result=killed
    fi
    secs=$(($(date +%s) - start))
    why=$(grep -E '^\[  FAILED  \] [a-z_]+|MISMATCH|case\(s\) with mismatches|: FAIL|failed$' "$log" | grep -v '^\[  FAILED  \] [0-9]' | head -3 | cut -c1-110 | tr '\n' ';')
    printf '%-22s %-9s %4ss  %s\n' "$name" "$result" "$secs" "$why" | tee -a "$report"
    [ "$result" = killed ] || status=1
    [ -n "$KEEP" ] || rm -rf "$work"
done
echo
echo "mutant                 result    time  first evidence"
cat "$report"
echo "killed $(grep -c ' killed ' "$report"), survived $(grep -c ' SURVIVED ' "$report"), error $(grep -c ' ERROR ' "$report"); logs in $logs"
rm -f "$report"
exit $status
