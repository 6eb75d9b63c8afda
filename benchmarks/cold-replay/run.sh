#!/usr/bin/env bash
# The cold-replay benchmark: in a fresh user project (this one), the extra cost of a replayed @LlmTest call over a
# plain test, in a cold JVM as on CI. Installs llmtest, then runs this project's tests RUNS times (each a new JVM)
# and reports the median of (time of ReplayedTest - time of PlainTest) / 300 from Surefire's own XML, for both
# orders of the two classes after a cold-start class (plain first, replayed first), and the mean of the two medians:
# the figure users pay. ORDERS=plain-first (or replayed-first) measures one order only.
#   bash benchmarks/cold-replay/run.sh        (from the repository root)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-5}"
forks="${FORKS:-same}"   # same: both classes in one JVM, plain first; separate: each class in a new JVM
reuse=true; [ "$forks" = separate ] && reuse=false
target="${TARGET_MS:-0.3}"
(cd "$root" && mvn -B -q install -pl extension -am -DskipTests -Dinvoker.skip)
orders="${ORDERS:-plain-first replayed-first}"
medians=()
for order in $orders; do
results=()
for i in $(seq 1 "$runs"); do
  (cd "$here" && rm -rf target && mvn -B -q -o test -DreuseForks=$reuse -Dbench.order="$order" > /dev/null)
  figure=$(python3 - "$here/target/surefire-reports" <<'PY'
import re, sys, os
d = sys.argv[1]
def time(name):
    s = open(os.path.join(d, f"TEST-bench.{name}.xml")).read()
    suite = re.search(r'<testsuite [^>]*>', s).group(0)
    assert 'failures="0"' in suite and 'errors="0"' in suite and 'tests="300"' in suite, suite
    return sum(float(t) for t in re.findall(r'<testcase [^>]*time="([0-9.]+)"', s))
print("%.4f" % ((time("ReplayedTest") - time("PlainTest")) * 1000 / 300))
PY
)
  echo "run $i ($order): ${figure} ms per replayed call over a plain test"
  results+=("$figure")
done
m=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "cold replay overhead ($forks JVM, $order): median ${m} ms per call over ${runs} cold runs"
medians+=("$m")
done
median=$(printf '%s\n' "${medians[@]}" | awk '{s+=$1} END {printf "%.4f", s/NR}')
echo "cold replay overhead ($forks JVM): mean of the orders' medians ${median} ms per call (target ${target} ms)"
awk -v m="$median" -v t="$target" 'BEGIN { exit !(m <= t) }' || { echo "MISSED the target"; exit 1; }
echo "MET"
