#!/bin/sh
# Runs each libFuzzer target given for SECONDS seconds, two at a time:
#   tests/fuzz/run.sh SECONDS TARGET...      (targets: submission number fold mustache)
# Each starts from its seeds (tests/fuzz/corpus/TARGET) and its regressions
# (tests/fuzz/regressions/TARGET: every input that once failed, replayed first), growing a work
# corpus under build-fuzz/corpus/TARGET so that the source tree is never written. A finding
# leaves its input in build-fuzz/artifacts/ and fails the run. Prints one line per target.
set -u
seconds=$1
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
mkdir -p build-fuzz/corpus build-fuzz/artifacts build-fuzz/logs
status=0

run_one() {
    t=$1
    work=build-fuzz/corpus/$t
    mkdir -p "$work" "tests/fuzz/regressions/$t"
    dict=""
    [ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
    # -timeout: one input taking a second is a hang; -rss_limit_mb: gen's own bound is far less.
    # shellcheck disable=SC2086
    "build-fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
        -max_len=8192 -print_final_stats=1 $dict \
        -artifact_prefix="build-fuzz/artifacts/$t-" \
        "$work" "tests/fuzz/corpus/$t" "tests/fuzz/regressions/$t" \
        >"build-fuzz/logs/$t.log" 2>&1
}

summarise() {
    t=$1
    rc=$2
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "build-fuzz/logs/$t.log")
    corpus=$(ls "build-fuzz/corpus/$t" | wc -l)
    if [ "$rc" -eq 0 ]; then
        echo "fuzz_$t: ${runs:-?} runs in ${seconds} s, work corpus $corpus inputs, no finding"
    else
        echo "fuzz_$t: FAILED (status $rc); the log follows, the input is in build-fuzz/artifacts/"
        tail -n 60 "build-fuzz/logs/$t.log"
    fi
}

# Two at a time: CI machines have two cores or more, and each target is single-threaded.
set -- "$@"
while [ $# -gt 0 ]; do
    a=$1
    shift
    run_one "$a" &
    pa=$!
    pb=""
    if [ $# -gt 0 ]; then
        b=$1
        shift
        run_one "$b" &
        pb=$!
    fi
    wait "$pa"
    ra=$?
    summarise "$a" "$ra"
    [ "$ra" -eq 0 ] || status=1
    if [ -n "$pb" ]; then
        wait "$pb"
        rb=$?
        summarise "$b" "$rb"
        [ "$rb" -eq 0 ] || status=1
    fi
done
exit $status
