#!/bin/sh
# Runs every test program given, then prints one closing line "N passed, M failed" summing the
# cmocka results, and exits non-zero if any test failed or any program did not finish cleanly.
passed=0
failed=0
status=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$@"; do
    echo "== $t"
    "$t" >"$log" 2>&1
    rc=$?
    cat "$log"
    p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$rc" -ne 0 ]; then
        status=1
        if [ "$f" -eq 0 ]; then
            echo "$t: exited with status $rc"
            failed=$((failed + 1))
        fi
    fi
done
echo "$passed passed, $failed failed"
exit $status
