#!/usr/bin/env bash
# The cold-replay benchmark: in a fresh user project (this one), the extra cost of replay over a plain test, in a
# cold JVM as on CI. Installs llmtest, then runs this project's tests RUNS times (each a new JVM) and reports the
# median overhead from Surefire's own XML, for both orders of the two classes after a cold-start class (plain first,
# replayed first), and the mean of the two medians: the figure users pay. ORDERS=plain-first (or replayed-first)
# measures one order only. Each run also prints the same difference in the test thread's CPU time (summed over each
# class's tests by bench.TestThreadCpu, a listener of this project), less inflated by other work on a shared machine.
#   SUITE=calls (default): (time of ReplayedTest - time of PlainTest) / 300, per replayed call (target 0.3 ms)
#   SUITE=dataset: (time of ReplayedDatasetTest - time of PlainCasesTest) / 1000, per case of a 1,000-case
#     @LlmDataset replayed over a plain parameterized test of 1,000 cases (target 1 ms). Times are the classes'
#     own (Surefire's testsuite time), so reading the dataset and the fixture counts.
#   REPO=/tmp/some-repo installs and resolves in that Maven repository instead of ~/.m2/repository.
#   bash benchmarks/cold-replay/run.sh        (from the repository root)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-5}"
forks="${FORKS:-same}"   # same: both classes in one JVM, plain first; separate: each class in a new JVM
reuse=true; [ "$forks" = separate ] && reuse=false
suite="${SUITE:-calls}"
repo=(); [ -n "${REPO:-}" ] && repo=("-Dmaven.repo.local=$REPO")
case "$suite" in
  calls) plain=PlainTest; replayed=ReplayedTest; count=300; unit="replayed call"; target="${TARGET_MS:-0.3}";;
  dataset) plain=PlainCasesTest; replayed=ReplayedDatasetTest; count=1000; unit="dataset case"
    target="${TARGET_MS:-1}";;
  *) echo "SUITE must be calls or dataset, but was $suite" >&2; exit 2;;
esac
(cd "$root" && mvn -B -q "${repo[@]}" install -pl extension -am -DskipTests -Dinvoker.skip)
orders="${ORDERS:-plain-first replayed-first}"
medians=()
for order in $orders; do
results=()
cpus=()
for i in $(seq 1 "$runs"); do
  (cd "$here" && rm -rf target && mvn -B -q -o "${repo[@]}" test -DreuseForks=$reuse -Dbench.order="$order" \
    -Dtest="AFirstTest,$plain,$replayed" > /dev/null)
  figure=$(python3 - "$here/target/surefire-reports" "$suite" "$plain" "$replayed" "$count" <<'PY'
import re, sys, os
d, suite, plain, replayed, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
def time(name):
    s = open(os.path.join(d, f"TEST-bench.{name}.xml")).read()
    head = re.search(r'<testsuite [^>]*>', s).group(0)
    assert 'failures="0"' in head and 'errors="0"' in head and 'skipped="0"' in head \
        and f'tests="{count}"' in head, head
    if suite == "dataset":
        return float(re.search(r' time="([0-9.]+)"', head).group(1))
    return sum(float(t) for t in re.findall(r'<testcase [^>]*time="([0-9.]+)"', s))
print("%.4f" % ((time(replayed) - time(plain)) * 1000 / count))
PY
)
  cpu_dir="$here/target/test-thread-cpu"
  cpu=$(awk -v r="$(cat "$cpu_dir/$replayed")" -v p="$(cat "$cpu_dir/$plain")" -v n="$count" \
    'BEGIN { printf "%.4f", (r - p) / 1e6 / n }')
  echo "run $i ($order): ${figure} ms per $unit over a plain test (test thread's CPU: ${cpu} ms)"
  results+=("$figure")
  cpus+=("$cpu")
done
m=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
c=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "cold replay overhead ($suite, $forks JVM, $order): median ${m} ms per $unit over ${runs} cold runs" \
  "(test thread's CPU: median ${c} ms)"
medians+=("$m")
done
median=$(printf '%s\n' "${medians[@]}" | awk '{s+=$1} END {printf "%.4f", s/NR}')
echo "cold replay overhead ($suite, $forks JVM): mean of the orders' medians ${median} ms per $unit (target ${target} ms)"
awk -v m="$median" -v t="$target" 'BEGIN { exit !(m <= t) }' || { echo "MISSED the target"; exit 1; }
echo "MET"
